#define G_LOG_DOMAIN "sm-case-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-case-draft.h"
#include "sm-case-life.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-signal-item.h"
#include "sm-store-casework.h"
#include "sm-referral.h"
#include "sm-referral-dialog.h"
#include "sm-store-signals.h"
#include "sm-case-panel.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-case-panel-private.h"

const char * const _sm_case_panel_roles[] = {
  "head", "partner", "child", "parent", "grandchild", "relative", "other"
};

const char * const _sm_case_panel_mobilities[] = { "independent", "limited", "assisted", "bedridden" };

void
_sm_case_panel_person_editor_free (PersonEditor *e)
{
  g_free (e);
}

void
_sm_case_panel_need_editor_free (NeedEditor *e)
{
  g_free (e->note);
  g_free (e);
}

void
_sm_case_panel_assessment_editor_free (AssessmentEditor *e)
{
  g_free (e->note);
  g_free (e->last_visit);
  g_free (e);
}

void
_sm_case_panel_set_dirty (SmCasePanel *self,
                          gboolean     dirty)
{
  self->dirty = dirty;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), dirty);
  gtk_widget_set_sensitive (GTK_WIDGET (self->revert_button), dirty && self->household_id != 0);
}

static void
changed_cb (SmCasePanel *self)
{
  if (!self->loading)
    _sm_case_panel_set_dirty (self, TRUE);
}

void
_sm_case_panel_watch (SmCasePanel *self,
                      gpointer     widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (changed_cb), self);
  else
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (changed_cb), self);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

char *
_sm_case_panel_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

void
_sm_case_panel_set_text (AdwEntryRow *row,
                         const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static AdwEntryRow *
entry_row (const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  return ADW_ENTRY_ROW (row);
}

static void
day_chosen_cb (GtkCalendar *calendar,
               AdwEntryRow *row)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER)));
}

static void
picker_shown_cb (GtkPopover  *popover,
                 AdwEntryRow *row)
{
  GtkCalendar *calendar = GTK_CALENDAR (gtk_popover_get_child (popover));
  GDate d;

  /* The calendar opens on the day the field holds, however it is written. */
  if (sm_date_parse_any (gtk_editable_get_text (GTK_EDITABLE (row)), &d, NULL))
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                                        g_date_get_day (&d), 12, 0, 0);

      gtk_calendar_select_day (calendar, day);
    }
}

/* A date field: typed as people write dates, or chosen from a calendar. */
static AdwEntryRow *
date_row (const char *title)
{
  AdwEntryRow *row = entry_row (title);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose the day in a calendar"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (day_chosen_cb), row);
  g_signal_connect (popover, "show", G_CALLBACK (picker_shown_cb), row);
  adw_entry_row_add_suffix (row, button);
  return row;
}

static AdwComboRow *
combo_row (const char        *title,
           const char * const *items)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_use_subtitle (row, TRUE);
  return row;
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "head") == 0) return _("Head of household");
  if (g_strcmp0 (role, "partner") == 0) return _("Partner");
  if (g_strcmp0 (role, "child") == 0) return _("Child");
  if (g_strcmp0 (role, "parent") == 0) return _("Parent");
  if (g_strcmp0 (role, "grandchild") == 0) return _("Grandchild");
  if (g_strcmp0 (role, "relative") == 0) return _("Relative");
  return _("Other");
}

static void
update_person_title (PersonEditor *e)
{
  g_autofree char *name = g_strdup_printf ("%s %s", text_of (e->family), text_of (e->given));
  const char *birth = text_of (e->birth);
  g_autofree char *subtitle = NULL;

  g_strstrip (name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->row), *name ? name : _("New person"));
  subtitle = *birth ? g_strdup_printf (_("born %s · %s"), birth,
                                       role_label (_sm_case_panel_roles[adw_combo_row_get_selected (e->role)]))
                    : g_strdup (role_label (_sm_case_panel_roles[adw_combo_row_get_selected (e->role)]));
  adw_expander_row_set_subtitle (e->row, subtitle);
}

static void
remove_person_cb (GtkButton *button,
                  gpointer   user_data)
{
  SmCasePanel *self = user_data;
  PersonEditor *e = g_object_get_data (G_OBJECT (button), "editor");

  e->removed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (e->row), FALSE);
  _sm_case_panel_set_dirty (self, TRUE);
}

static GtkWidget *
remove_button (SmCasePanel *self,
               const char  *label,
               gpointer     editor,
               GCallback    callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (button, 6);
  gtk_widget_set_margin_bottom (button, 6);
  gtk_widget_set_margin_end (button, 6);
  gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), "editor", editor);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

PersonEditor *
_sm_case_panel_add_person_editor (SmCasePanel    *self,
                                  const SmPerson *person)
{
  PersonEditor *e = g_new0 (PersonEditor, 1);
  const char *role_names[G_N_ELEMENTS (_sm_case_panel_roles) + 1] = { NULL };
  guint role = G_N_ELEMENTS (_sm_case_panel_roles) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (_sm_case_panel_roles); i++)
    {
      role_names[i] = role_label (_sm_case_panel_roles[i]);
      if (person != NULL && g_strcmp0 (person->role, _sm_case_panel_roles[i]) == 0)
        role = i;
    }
  e->id = person != NULL ? person->id : 0;
  e->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  e->family = entry_row (_("Family name"));
  e->given = entry_row (_("Given name"));
  e->birth = entry_row (_("Birth year"));
  e->role = combo_row (_("Role"), role_names);
  adw_combo_row_set_selected (e->role, role);
  if (person != NULL)
    {
      g_autofree char *birth = person->birth_year ? g_strdup_printf ("%d", person->birth_year) : NULL;

      _sm_case_panel_set_text (e->family, person->family_name);
      _sm_case_panel_set_text (e->given, person->given_name);
      _sm_case_panel_set_text (e->birth, birth);
    }
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->family));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->given));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->birth));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->role));
  adw_expander_row_add_row (e->row, remove_button (self, _("_Remove Person"), e,
                                                   G_CALLBACK (remove_person_cb)));
  update_person_title (e);
  _sm_case_panel_watch (self, e->family);
  _sm_case_panel_watch (self, e->given);
  _sm_case_panel_watch (self, e->birth);
  _sm_case_panel_watch (self, e->role);
  g_signal_connect_swapped (e->family, "changed", G_CALLBACK (update_person_title), e);
  g_signal_connect_swapped (e->given, "changed", G_CALLBACK (update_person_title), e);
  g_signal_connect_swapped (e->birth, "changed", G_CALLBACK (update_person_title), e);
  g_signal_connect_swapped (e->role, "notify::selected", G_CALLBACK (update_person_title), e);
  adw_preferences_group_add (self->persons_group, GTK_WIDGET (e->row));
  g_ptr_array_add (self->persons, e);
  return e;
}

static const char *
category_name (const SmCategory *c)
{
  return sm_localized_name (c->name_hu, c->name_en);
}

static void
update_need_title (NeedEditor *e)
{
  SmCasePanel *self = g_object_get_data (G_OBJECT (e->row), "panel");
  guint index = adw_combo_row_get_selected (e->category);
  const char *resolved = text_of (e->resolved);
  g_autofree char *subtitle = NULL;
  static const char * const severity_names[] = { N_("mild"), N_("moderate"), N_("severe") };
  guint severity = MIN (adw_combo_row_get_selected (e->severity), 2);

  if (index < self->categories->len)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->row),
                                   category_name (g_ptr_array_index (self->categories, index)));
  if (*resolved)
    subtitle = g_strdup_printf (_("%s · %s to %s"), _(severity_names[severity]),
                                text_of (e->assessed), resolved);
  else
    subtitle = g_strdup_printf (_("%s · open since %s"), _(severity_names[severity]),
                                text_of (e->assessed));
  adw_expander_row_set_subtitle (e->row, subtitle);
}

static void
resolve_today_cb (GtkButton *button,
                  gpointer   user_data)
{
  NeedEditor *e = g_object_get_data (G_OBJECT (button), "editor");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  _sm_case_panel_set_text (e->resolved, today);
}

static void
remove_need_cb (GtkButton *button,
                gpointer   user_data)
{
  SmCasePanel *self = user_data;
  NeedEditor *e = g_object_get_data (G_OBJECT (button), "editor");

  e->removed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (e->row), FALSE);
  _sm_case_panel_set_dirty (self, TRUE);
}

NeedEditor *
_sm_case_panel_add_need_editor (SmCasePanel  *self,
                                const SmNeed *need)
{
  NeedEditor *e = g_new0 (NeedEditor, 1);
  g_autofree const char **names = g_new0 (const char *, self->categories->len + 1);
  const char *severities[] = { _("1 – mild"), _("2 – moderate"), _("3 – severe"), NULL };
  GtkWidget *resolve = gtk_button_new_with_mnemonic (_("Resolved _Today"));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint category = 0;

  for (guint i = 0; i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);

      names[i] = category_name (c);
      if (need != NULL && g_strcmp0 (need->category, c->code) == 0)
        category = i;
    }
  e->id = need != NULL ? need->id : 0;
  e->person_id = need != NULL ? need->person_id : 0;
  e->note = need != NULL ? g_strdup (need->note) : NULL;
  e->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_object_set_data (G_OBJECT (e->row), "panel", self);
  e->category = combo_row (_("Category"), names);
  e->severity = combo_row (_("Severity"), severities);
  e->assessed = date_row (_("Assessed on"));
  e->resolved = date_row (_("Resolved on (empty while open)"));
  e->note_row = entry_row (_("Note"));
  adw_combo_row_set_selected (e->category, category);
  adw_combo_row_set_selected (e->severity, need != NULL ? (guint) CLAMP (need->severity - 1, 0, 2) : 1);
  _sm_case_panel_set_text (e->assessed, need != NULL ? need->assessed_on : today);
  _sm_case_panel_set_text (e->resolved, need != NULL ? need->resolved_on : NULL);
  _sm_case_panel_set_text (e->note_row, need != NULL ? need->note : NULL);

  g_object_set_data (G_OBJECT (resolve), "editor", e);
  g_signal_connect (resolve, "clicked", G_CALLBACK (resolve_today_cb), self);
  gtk_widget_set_margin_top (resolve, 6);
  gtk_widget_set_margin_bottom (resolve, 6);
  gtk_box_append (GTK_BOX (buttons), resolve);
  gtk_box_append (GTK_BOX (buttons), remove_button (self, _("_Remove Need"), e,
                                                    G_CALLBACK (remove_need_cb)));
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);

  adw_expander_row_add_row (e->row, GTK_WIDGET (e->category));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->severity));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->assessed));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->resolved));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->note_row));
  adw_expander_row_add_row (e->row, buttons);
  update_need_title (e);
  _sm_case_panel_watch (self, e->category);
  _sm_case_panel_watch (self, e->severity);
  _sm_case_panel_watch (self, e->assessed);
  _sm_case_panel_watch (self, e->resolved);
  _sm_case_panel_watch (self, e->note_row);
  g_signal_connect_swapped (e->category, "notify::selected", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->severity, "notify::selected", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->assessed, "changed", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->resolved, "changed", G_CALLBACK (update_need_title), e);
  adw_preferences_group_add (self->needs_group, GTK_WIDGET (e->row));
  g_ptr_array_add (self->needs, e);
  return e;
}

static const char *
mobility_label (const char *mobility)
{
  if (g_strcmp0 (mobility, "independent") == 0) return _("independent");
  if (g_strcmp0 (mobility, "limited") == 0) return _("limited mobility");
  if (g_strcmp0 (mobility, "assisted") == 0) return _("needs assistance");
  if (g_strcmp0 (mobility, "bedridden") == 0) return _("bedridden");
  return mobility;
}

static void
update_assessment_title (AssessmentEditor *e)
{
  SmCasePanel *self = g_object_get_data (G_OBJECT (e->row), "panel");
  guint index = adw_combo_row_get_selected (e->person);
  g_autoptr(GString) facts = g_string_new (
    mobility_label (_sm_case_panel_mobilities[MIN (adw_combo_row_get_selected (e->mobility), 3)]));
  g_autofree char *title = NULL;
  const char *who = "";

  if (index < self->people->len)
    who = ((SmPerson *) g_ptr_array_index (self->people, index))->given_name;
  if (gtk_switch_get_active (e->lives_alone))
    g_string_append_printf (facts, ", %s", _("lives alone"));
  if (gtk_switch_get_active (e->chronic))
    g_string_append_printf (facts, ", %s", _("chronic illness"));
  if (gtk_switch_get_active (e->cognitive))
    g_string_append_printf (facts, ", %s", _("cognitive decline"));
  g_string_append_printf (facts, ", %s", gtk_switch_get_active (e->alarm) ? _("has an alarm device")
                                                                          : _("no alarm device"));
  if (gtk_switch_get_active (e->meals))
    g_string_append_printf (facts, ", %s", _("receives meals"));
  title = g_strdup_printf ("%s · %s", text_of (e->assessed), who);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (e->row), title);
  adw_expander_row_set_subtitle (e->row, facts->str);
}

static GtkSwitch *
switch_row (SmCasePanel      *self,
            AssessmentEditor *e,
            const char       *title,
            gboolean          active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (e->row, row);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (toggle, "notify::active", G_CALLBACK (update_assessment_title), e);
  return GTK_SWITCH (toggle);
}

static void
remove_assessment_cb (GtkButton *button,
                      gpointer   user_data)
{
  SmCasePanel *self = user_data;
  AssessmentEditor *e = g_object_get_data (G_OBJECT (button), "editor");

  e->removed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (e->row), FALSE);
  _sm_case_panel_set_dirty (self, TRUE);
}

AssessmentEditor *
_sm_case_panel_add_assessment_editor (SmCasePanel               *self,
                                      const SmElderlyAssessment *a)
{
  AssessmentEditor *e = g_new0 (AssessmentEditor, 1);
  g_autofree const char **names = g_new0 (const char *, self->people->len + 1);
  const char *mobility_names[G_N_ELEMENTS (_sm_case_panel_mobilities) + 1] = { NULL };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  guint person = 0, mobility = 0;

  for (guint i = 0; i < self->people->len; i++)
    {
      SmPerson *p = g_ptr_array_index (self->people, i);

      names[i] = g_strdup_printf ("%s %s", p->family_name, p->given_name);
      if (a != NULL && p->id == a->person_id)
        person = i;
      /* Offer the oldest person first for a new assessment: they come
       * first in the list. */
    }
  for (guint i = 0; i < G_N_ELEMENTS (_sm_case_panel_mobilities); i++)
    {
      mobility_names[i] = mobility_label (_sm_case_panel_mobilities[i]);
      if (a != NULL && g_strcmp0 (a->mobility, _sm_case_panel_mobilities[i]) == 0)
        mobility = i;
    }
  e->id = a != NULL ? a->id : 0;
  e->note = a != NULL ? g_strdup (a->note) : NULL;
  e->last_visit = a != NULL ? g_strdup (a->last_visit_on) : NULL;
  e->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  g_object_set_data (G_OBJECT (e->row), "panel", self);
  e->person = combo_row (_("Person"), names);
  for (guint i = 0; i < self->people->len; i++)
    g_free ((char *) names[i]);
  e->assessed = date_row (_("Assessed on"));
  e->mobility = combo_row (_("Mobility"), mobility_names);
  adw_combo_row_set_selected (e->person, person);
  adw_combo_row_set_selected (e->mobility, mobility);
  _sm_case_panel_set_text (e->assessed, a != NULL ? a->assessed_on : today);
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->person));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->assessed));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->mobility));
  e->lives_alone = switch_row (self, e, _("Lives alone"), a != NULL && a->lives_alone);
  e->chronic = switch_row (self, e, _("Chronic illness"), a != NULL && a->chronic_illness);
  e->cognitive = switch_row (self, e, _("Cognitive decline"), a != NULL && a->cognitive_decline);
  e->alarm = switch_row (self, e, _("Alarm device"), a != NULL && a->alarm_device);
  e->meals = switch_row (self, e, _("Receives meals"), a != NULL && a->receives_meals);
  adw_expander_row_add_row (e->row, remove_button (self, _("_Remove Assessment"), e,
                                                   G_CALLBACK (remove_assessment_cb)));
  update_assessment_title (e);
  _sm_case_panel_watch (self, e->person);
  _sm_case_panel_watch (self, e->assessed);
  _sm_case_panel_watch (self, e->mobility);
  g_signal_connect_swapped (e->person, "notify::selected", G_CALLBACK (update_assessment_title), e);
  g_signal_connect_swapped (e->mobility, "notify::selected", G_CALLBACK (update_assessment_title), e);
  g_signal_connect_swapped (e->assessed, "changed", G_CALLBACK (update_assessment_title), e);
  adw_preferences_group_add (self->assessments_group, GTK_WIDGET (e->row));
  g_ptr_array_add (self->assessments, e);
  return e;
}

/* --- the household's case, signals and measures ------------------------ */

static void
signal_row_activated_cb (AdwActionRow *row,
                         SmCasePanel  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "signal"));

  g_signal_emit (self, _sm_case_panel_signals[SM_CASE_PANEL_SHOW_SIGNAL], 0, id);
}

static void
referral_row_activated_cb (AdwActionRow *row,
                           SmCasePanel  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "referral"));

  g_signal_emit (self, _sm_case_panel_signals[SM_CASE_PANEL_SHOW_REFERRAL], 0, id);
}

static void
referral_done (gpointer    data,
               gint64      id,
               const char *message)
{
  SmCasePanel *self = data;

  if (message != NULL)
    g_signal_emit (self, _sm_case_panel_signals[SM_CASE_PANEL_TOAST], 0, message);
  g_object_unref (self);
}

/**
 * _sm_case_panel_refer:
 *
 * Asks for a referral of the shown household, from its open case if it
 * has one.
 */
void
_sm_case_panel_refer (SmCasePanel *self)
{
  g_autoptr(GPtrArray) open = NULL;
  gint64 case_id = 0;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->household_id == 0)
    return;
  open = sm_store_list_case_files (self->store, self->household_id, TRUE, NULL);
  if (open != NULL && open->len > 0)
    case_id = ((SmCaseFileRecord *) g_ptr_array_index (open, 0))->id;
  sm_referral_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context, self->household_id,
                              case_id, 0, referral_done, g_object_ref (self));
}

/* The household's referrals: where to, in which state, red when not
 * answered in time, marked when the loop is closed. */
static void show_referrals (SmCasePanel *self);

static GtkWidget *
add_info_row (SmCasePanel *self,
              const char  *title,
              const char  *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (self->casework_group, row);
  g_ptr_array_add (self->casework_rows, row);
  return row;
}

/**
 * _sm_case_panel_show_casework:
 *
 * The household's case file (its stage, since when, its caseworker, red
 * when its assessment or review is overdue), the signals about it (one
 * opens on the Signals page) and the measures taken, read from the store.
 */
void
_sm_case_panel_show_casework (SmCasePanel *self)
{
  g_autoptr(GPtrArray) cases = NULL, signals = NULL, measures = NULL;
  SmCaseDeadlines deadlines = sm_case_default_deadlines;
  GDate today;

  for (guint i = 0; i < self->casework_rows->len; i++)
    adw_preferences_group_remove (self->casework_group, g_ptr_array_index (self->casework_rows, i));
  g_ptr_array_set_size (self->casework_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->casework_group), FALSE);
  if (self->household_id == 0)
    return;
  sm_deadlines_load (self->store, NULL, &deadlines, NULL);
  cases = sm_store_list_case_files (self->store, self->household_id, FALSE, NULL);
  signals = sm_store_list_household_signals (self->store, self->household_id, NULL);
  measures = sm_store_list_interventions (self->store, self->household_id, NULL);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (guint i = 0; cases != NULL && i < cases->len; i++)
    {
      const SmCaseFileRecord *c = g_ptr_array_index (cases, i);
      g_autofree char *title = NULL, *subtitle = NULL;
      GDate opened, since, reviewed;
      int stage = 0;
      gboolean overdue;
      GtkWidget *row;

      sm_enum_parse (SM_TYPE_CASE_STAGE, c->stage, &stage);
      sm_date_parse_iso (c->opened_on, &opened, NULL);
      sm_date_parse_iso (c->stage_since, &since, NULL);
      overdue = sm_case_is_overdue (&deadlines, stage, &opened, &since,
                                    c->reviewed_on && sm_date_parse_iso (c->reviewed_on, &reviewed, NULL)
                                    ? &reviewed : NULL, &today);
      title = g_strdup_printf (overdue ? _("Case %lld: %s, overdue") : _("Case %lld: %s"), (long long) c->id,
                               sm_case_stage_name (stage));
      subtitle = g_strdup_printf (_("Opened on %s, this stage since %s, caseworker %s"), c->opened_on,
                                  c->stage_since, c->caseworker);
      row = add_info_row (self, title, subtitle);
      if (overdue)
        gtk_widget_add_css_class (row, "error");
    }
  for (guint i = 0; signals != NULL && i < signals->len; i++)
    {
      const SmSignalRecord *r = g_ptr_array_index (signals, i);
      g_autofree char *title = g_strdup_printf (_("Signal %lld: %s"), (long long) r->id,
                                                sm_signal_state_label (r->state));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", r->received_at, r->about);
      GtkWidget *row = add_info_row (self, title, subtitle), *go = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "signal", GSIZE_TO_POINTER ((gsize) r->id));
      g_signal_connect (row, "activated", G_CALLBACK (signal_row_activated_cb), self);
    }
  for (guint i = 0; measures != NULL && i < measures->len; i++)
    {
      const SmInterventionRecord *m = g_ptr_array_index (measures, i);
      const SmInterventionKind *k = sm_intervention_kind_find (m->kind);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", m->on_date, m->organization,
                                                   m->outcome ? " · " : "", m->outcome ? m->outcome : "");

      add_info_row (self, k ? sm_intervention_kind_name (k) : m->kind, subtitle);
    }
  show_referrals (self);
  gtk_widget_set_visible (GTK_WIDGET (self->casework_group), TRUE);
}

static void
show_referrals (SmCasePanel *self)
{
  SmReferralQuery q = { .household_id = self->household_id };
  g_autoptr(GPtrArray) referrals = sm_store_list_referrals (self->store, &q, NULL);
  SmReferralRules rules = { 0 };
  GDate today;

  if (referrals == NULL || !sm_referral_rules_load (self->store, &rules, NULL))
    return;
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (guint i = 0; i < referrals->len; i++)
    {
      const SmReferralRecord *r = g_ptr_array_index (referrals, i);
      gboolean overdue = sm_referral_record_is_overdue (&rules, r, sm_date_to_epoch_day (&today));
      int state = 0;
      g_autofree char *title = NULL, *subtitle = NULL;
      GtkWidget *row, *go;

      sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &state);
      title = g_strdup_printf (overdue ? _("Referral to %s: %s, not answered in time") : _("Referral to %s: %s"),
                               r->service_name, sm_referral_state_name (state));
      subtitle = g_strdup_printf ("%s · %s · %s", r->sent_on, r->organization_name,
                                  sm_referral_loop_closed (state) ? _("loop closed")
                                  : sm_referral_is_open (state) ? _("loop open") : _("withdrawn"));
      row = add_info_row (self, title, subtitle);
      go = gtk_image_new_from_icon_name ("go-next-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), go);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "referral", GSIZE_TO_POINTER ((gsize) r->id));
      g_signal_connect (row, "activated", G_CALLBACK (referral_row_activated_cb), self);
      if (overdue)
        gtk_widget_add_css_class (row, "error");
      else if (sm_referral_loop_closed (state))
        gtk_widget_add_css_class (row, "success");
    }
  sm_referral_rules_clear (&rules);
}
