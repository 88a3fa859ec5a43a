#define G_LOG_DOMAIN "sm-referral-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-model.h"
#include "sm-referral.h"
#include "sm-referral-dialog.h"
#include "sm-store-services.h"

typedef struct {
  SmContext      *context;
  gint64          household_id;
  gint64          case_id;
  gint64          signal_id;
  GPtrArray      *categories;   /* SmCategory of the store, index 0 is any need */
  GPtrArray      *places;       /* SmServicePlace offered for the chosen need */
  AdwComboRow    *need;
  AdwComboRow    *service;
  AdwEntryRow    *reason;
  AdwComboRow    *urgency;
  GtkSwitch      *consent;
  AdwEntryRow    *ground;
  AdwEntryRow    *by;
  SmReferralDone  done;
  gpointer        data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->context);
  g_clear_pointer (&ask->places, g_ptr_array_unref);
  g_clear_pointer (&ask->categories, g_ptr_array_unref);
  g_free (ask);
}

static const char *
chosen_need (Ask *ask)
{
  guint i = adw_combo_row_get_selected (ask->need);

  if (i == 0 || i == GTK_INVALID_LIST_POSITION || i > ask->categories->len)
    return NULL;
  return ((SmCategory *) g_ptr_array_index (ask->categories, i - 1))->code;
}

/* The active services that answer the chosen need, at each location. */
static void
need_changed_cb (Ask *ask)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) all = sm_store_list_service_places (sm_context_get_store (ask->context),
                                                           chosen_need (ask), NULL);

  g_clear_pointer (&ask->places, g_ptr_array_unref);
  ask->places = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_service_place_free);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      SmServicePlace *p = g_ptr_array_index (all, i);
      g_autofree char *name = NULL;

      if (!g_str_equal (p->status, "active"))
        continue;
      name = p->address ? g_strdup_printf ("%s — %s, %s", p->service_name, p->organization_name, p->address)
                        : g_strdup_printf ("%s — %s", p->service_name, p->organization_name);
      gtk_string_list_append (names, name);
      g_ptr_array_add (ask->places, g_ptr_array_steal_index (all, i--));
    }
  adw_combo_row_set_model (ask->service, G_LIST_MODEL (names));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  static const char * const urgencies[] = { "normal", "urgent", "immediate" };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint s = adw_combo_row_get_selected (ask->service);
  guint u = adw_combo_row_get_selected (ask->urgency);
  const char *need = chosen_need (ask);
  char *needs[] = { (char *) need, NULL };
  gint64 id = 0;

  if (!g_str_equal (response, "send"))
    {
      ask->done (ask->data, 0, NULL);
      ask_free (ask);
      return;
    }
  if (s == GTK_INVALID_LIST_POSITION || s >= ask->places->len)
    message = g_strdup (_("No active service answers this need; choose another need or add a service"));
  else
    {
      const SmServicePlace *p = g_ptr_array_index (ask->places, s);
      const char *by = gtk_editable_get_text (GTK_EDITABLE (ask->by));
      SmReferralRecord d = {
        .household_id = ask->household_id, .case_id = ask->case_id, .signal_id = ask->signal_id,
        .service_id = p->service_id, .location_id = p->location_id,
        .reason = (char *) gtk_editable_get_text (GTK_EDITABLE (ask->reason)),
        .urgency = (char *) urgencies[MIN (u, G_N_ELEMENTS (urgencies) - 1)],
        .consent = gtk_switch_get_active (ask->consent),
        .consent_note = (char *) gtk_editable_get_text (GTK_EDITABLE (ask->ground)),
        .sent_by = (char *) by, .needs = need ? needs : NULL,
      };

      g_settings_set_string (sm_context_get_settings (ask->context), "caseworker", by);
      id = sm_referral_send (sm_context_get_store (ask->context), &d, &error);
      message = id != 0 ? g_strdup_printf (_("Referral %lld sent to %s"), (long long) id, p->service_name)
                        : g_strdup (error->message);
    }
  ask->done (ask->data, id, message);
  ask_free (ask);
}

static AdwEntryRow *
entry_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
combo_row (GtkWidget  *group,
           const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return ADW_COMBO_ROW (row);
}

/**
 * sm_referral_dialog_present:
 * @case_id: the household's open case, or 0
 * @signal_id: the signal the referral comes from, or 0
 * @done: told the new referral's id (0 when none) and what came of it,
 *   when a referral was asked for
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
sm_referral_dialog_present (GtkWindow      *parent,
                            SmContext      *context,
                            gint64          household_id,
                            gint64          case_id,
                            gint64          signal_id,
                            SmReferralDone  done,
                            gpointer        data)
{
  g_autoptr(GtkStringList) needs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) urgencies = gtk_string_list_new (NULL);
  g_autofree char *by = g_settings_get_string (sm_context_get_settings (context), "caseworker");
  g_autofree char *subtitle = g_strdup_printf (_("Household %lld"), (long long) household_id);
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *dialog, *group, *consent_row;

  *ask = (Ask) { .context = g_object_ref (context), .household_id = household_id, .case_id = case_id,
                 .signal_id = signal_id, .done = done, .data = data };
  ask->categories = sm_store_list_categories (sm_context_get_store (context));
  gtk_string_list_append (needs, _("Any need"));
  for (guint i = 0; i < ask->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (ask->categories, i);

      gtk_string_list_append (needs, sm_localized_name (c->name_hu, c->name_en));
    }
  gtk_string_list_append (urgencies, _("Normal"));
  gtk_string_list_append (urgencies, _("Urgent"));
  gtk_string_list_append (urgencies, _("Immediate danger"));

  dialog = adw_message_dialog_new (parent, _("Refer to a Service"), subtitle);
  group = adw_preferences_group_new ();
  ask->need = combo_row (group, _("Need"));
  adw_combo_row_set_model (ask->need, G_LIST_MODEL (needs));
  ask->service = combo_row (group, _("Service"));
  ask->reason = entry_row (group, _("Reason"));
  ask->urgency = combo_row (group, _("Urgency"));
  adw_combo_row_set_model (ask->urgency, G_LIST_MODEL (urgencies));
  consent_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (consent_row), _("The client consented"));
  ask->consent = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (ask->consent), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (consent_row), GTK_WIDGET (ask->consent));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (consent_row), GTK_WIDGET (ask->consent));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), consent_row);
  ask->ground = entry_row (group, _("Without consent: on what ground"));
  ask->by = entry_row (group, _("Sent by"));
  gtk_editable_set_text (GTK_EDITABLE (ask->by), by);
  g_signal_connect_swapped (ask->need, "notify::selected", G_CALLBACK (need_changed_cb), ask);
  need_changed_cb (ask);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "send");
  g_object_set_data (G_OBJECT (dialog), "need-row", ask->need);
  g_object_set_data (G_OBJECT (dialog), "service-row", ask->service);
  g_object_set_data (G_OBJECT (dialog), "reason-row", ask->reason);
  g_object_set_data (G_OBJECT (dialog), "consent-switch", ask->consent);
  g_object_set_data (G_OBJECT (dialog), "by-row", ask->by);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
