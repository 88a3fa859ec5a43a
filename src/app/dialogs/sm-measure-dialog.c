#define G_LOG_DOMAIN "sm-measure-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-case-life.h"
#include "sm-measure-dialog.h"

typedef struct {
  SmContext     *context;
  char          *area;
  double         lat_lon[2];
  AdwComboRow   *kind;
  AdwEntryRow   *organization;
  AdwEntryRow   *outcome;
  SmMeasureDone  done;
  gpointer       data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->context);
  g_free (ask->area);
  g_free (ask);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Ask              *ask)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n, i = adw_combo_row_get_selected (ask->kind);
  const SmInterventionKind *kinds = sm_intervention_kinds (&n);
  const char *org = gtk_editable_get_text (GTK_EDITABLE (ask->organization));
  const char *outcome = gtk_editable_get_text (GTK_EDITABLE (ask->outcome));

  if (g_str_equal (response, "record") && i < n)
    {
      if (sm_intervention_add (sm_context_get_store (ask->context), 0, ask->area, ask->lat_lon, kinds[i].code,
                               NULL, org, *outcome ? outcome : NULL, FALSE, &error) != 0)
        message = g_strdup_printf (_("%s recorded for %s"), sm_intervention_kind_name (&kinds[i]), ask->area);
      else
        message = g_strdup (error->message);
      ask->done (ask->data, message);
    }
  ask_free (ask);
}

/**
 * sm_measure_dialog_present:
 * @area: the area's name, as the measure keeps it
 * @done: told what came of it, when a measure was asked for
 */
void
sm_measure_dialog_present (GtkWindow     *parent,
                           SmContext     *context,
                           const char    *area,
                           double         lat,
                           double         lon,
                           SmMeasureDone  done,
                           gpointer       data)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  Ask *ask = g_new0 (Ask, 1);
  GtkWidget *dialog, *group;
  guint n;
  const SmInterventionKind *kinds = sm_intervention_kinds (&n);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, sm_intervention_kind_name (&kinds[i]));
  *ask = (Ask) { g_object_ref (context), g_strdup (area), { lat, lon }, NULL, NULL, NULL, done, data };
  dialog = adw_message_dialog_new (parent, _("Record a Measure on This Area"), area);
  group = adw_preferences_group_new ();
  ask->kind = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->kind), _("Kind"));
  adw_combo_row_set_model (ask->kind, G_LIST_MODEL (names));
  ask->organization = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->organization), _("Organization responsible"));
  ask->outcome = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (ask->outcome), _("Outcome so far"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (ask->kind));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (ask->organization));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (ask->outcome));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "record", _("_Record"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}
