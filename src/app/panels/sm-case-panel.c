#define G_LOG_DOMAIN "sm-case-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-case-draft.h"
#include "sm-case-panel.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"

/* Edits are kept in the widgets until Save, which writes the household,
 * its people and its needs in one transaction: all of it or, on any error,
 * none of it. A field with a bad value is marked and named above the form. */

static const char * const roles[] = {
  "head", "partner", "child", "parent", "grandchild", "relative", "other"
};

typedef struct {
  gint64          id;          /* 0: new */
  AdwExpanderRow *row;
  AdwEntryRow    *family;
  AdwEntryRow    *given;
  AdwEntryRow    *birth;
  AdwComboRow    *role;
  gboolean        removed;
} PersonEditor;

typedef struct {
  gint64          id;          /* 0: new */
  gint64          person_id;
  char           *note;
  AdwExpanderRow *row;
  AdwComboRow    *category;
  AdwComboRow    *severity;
  AdwEntryRow    *assessed;
  AdwEntryRow    *resolved;
  gboolean        removed;
} NeedEditor;

typedef struct {
  gint64          id;          /* 0: new */
  char           *note;
  char           *last_visit;
  AdwExpanderRow *row;
  AdwComboRow    *person;
  AdwEntryRow    *assessed;
  AdwComboRow    *mobility;
  GtkSwitch      *lives_alone;
  GtkSwitch      *chronic;
  GtkSwitch      *cognitive;
  GtkSwitch      *alarm;
  GtkSwitch      *meals;
  gboolean        removed;
} AssessmentEditor;

static const char * const mobilities[] = { "independent", "limited", "assisted", "bedridden" };

struct _SmCasePanel
{
  GtkBox               parent_instance;

  SmContext           *context;

  GtkStack            *stack;
  GtkLabel            *error_label;
  AdwPreferencesGroup *household_group;
  AdwEntryRow         *address_row;
  AdwEntryRow         *postal_row;
  AdwEntryRow         *settlement_row;
  AdwEntryRow         *part_row;
  AdwActionRow        *location_row;
  GtkToggleButton     *place_button;
  AdwPreferencesGroup *persons_group;
  AdwPreferencesGroup *needs_group;
  AdwPreferencesGroup *assessments_group;
  GtkButton           *save_button;
  GtkButton           *revert_button;

  SmStore             *store;
  GPtrArray           *categories;      /* SmCategory, in combo order */
  gint64               household_id;    /* 0: a new household, or none */
  gboolean             has_location;
  double               lat, lon;
  SmGeocodeQuality     quality;
  gboolean             location_changed;
  GPtrArray           *persons;         /* PersonEditor */
  GPtrArray           *needs;           /* NeedEditor */
  GPtrArray           *assessments;     /* AssessmentEditor */
  GPtrArray           *people;          /* SmPerson, as saved: who can be assessed */
  GtkButton           *add_assessment_button;
  GPtrArray           *marked;          /* rows marked as wrong */
  gboolean             loading;
  gboolean             dirty;
  char                *loaded_address;  /* as loaded, to see a change */
  SmGeocodeQuality     last_geocode;    /* of the last save; NONE: not geocoded */
};

G_DEFINE_FINAL_TYPE (SmCasePanel, sm_case_panel, GTK_TYPE_BOX)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
person_editor_free (PersonEditor *e)
{
  g_free (e);
}

static void
need_editor_free (NeedEditor *e)
{
  g_free (e->note);
  g_free (e);
}

static void
assessment_editor_free (AssessmentEditor *e)
{
  g_free (e->note);
  g_free (e->last_visit);
  g_free (e);
}

static void
set_dirty (SmCasePanel *self,
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
    set_dirty (self, TRUE);
}

static void
watch (SmCasePanel *self,
       gpointer     widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    g_signal_connect_swapped (widget, "notify::selected", G_CALLBACK (changed_cb), self);
  else
    g_signal_connect_swapped (widget, "changed", G_CALLBACK (changed_cb), self);
}

static void
clear_marks (SmCasePanel *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->marked, i), "error");
  g_ptr_array_set_size (self->marked, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Shows @message above the form and marks @row (may be NULL), opening the
 * expander that holds it. */
static void
show_problem (SmCasePanel *self,
              GtkWidget   *row,
              const char  *message)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  if (row == NULL)
    return;
  gtk_widget_add_css_class (row, "error");
  g_ptr_array_add (self->marked, row);
  for (GtkWidget *w = gtk_widget_get_parent (row); w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);
  gtk_widget_grab_focus (row);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (text_of (row)));
}

static void
set_text (AdwEntryRow *row,
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
                                       role_label (roles[adw_combo_row_get_selected (e->role)]))
                    : g_strdup (role_label (roles[adw_combo_row_get_selected (e->role)]));
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
  set_dirty (self, TRUE);
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

static PersonEditor *
add_person_editor (SmCasePanel    *self,
                   const SmPerson *person)
{
  PersonEditor *e = g_new0 (PersonEditor, 1);
  const char *role_names[G_N_ELEMENTS (roles) + 1] = { NULL };
  guint role = G_N_ELEMENTS (roles) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      role_names[i] = role_label (roles[i]);
      if (person != NULL && g_strcmp0 (person->role, roles[i]) == 0)
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

      set_text (e->family, person->family_name);
      set_text (e->given, person->given_name);
      set_text (e->birth, birth);
    }
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->family));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->given));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->birth));
  adw_expander_row_add_row (e->row, GTK_WIDGET (e->role));
  adw_expander_row_add_row (e->row, remove_button (self, _("_Remove Person"), e,
                                                   G_CALLBACK (remove_person_cb)));
  update_person_title (e);
  watch (self, e->family);
  watch (self, e->given);
  watch (self, e->birth);
  watch (self, e->role);
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
  return sm_locale_is_hungarian () ? c->name_hu : c->name_en;
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

  set_text (e->resolved, today);
}

static void
remove_need_cb (GtkButton *button,
                gpointer   user_data)
{
  SmCasePanel *self = user_data;
  NeedEditor *e = g_object_get_data (G_OBJECT (button), "editor");

  e->removed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (e->row), FALSE);
  set_dirty (self, TRUE);
}

static NeedEditor *
add_need_editor (SmCasePanel  *self,
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
  e->assessed = entry_row (_("Assessed on (YYYY-MM-DD)"));
  e->resolved = entry_row (_("Resolved on (empty while open)"));
  adw_combo_row_set_selected (e->category, category);
  adw_combo_row_set_selected (e->severity, need != NULL ? (guint) CLAMP (need->severity - 1, 0, 2) : 1);
  set_text (e->assessed, need != NULL ? need->assessed_on : today);
  set_text (e->resolved, need != NULL ? need->resolved_on : NULL);

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
  adw_expander_row_add_row (e->row, buttons);
  update_need_title (e);
  watch (self, e->category);
  watch (self, e->severity);
  watch (self, e->assessed);
  watch (self, e->resolved);
  g_signal_connect_swapped (e->category, "notify::selected", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->severity, "notify::selected", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->assessed, "changed", G_CALLBACK (update_need_title), e);
  g_signal_connect_swapped (e->resolved, "changed", G_CALLBACK (update_need_title), e);
  adw_preferences_group_add (self->needs_group, GTK_WIDGET (e->row));
  g_ptr_array_add (self->needs, e);
  return e;
}

static void
add_person_cb (SmCasePanel *self)
{
  PersonEditor *e = add_person_editor (self, NULL);

  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->family));
  set_dirty (self, TRUE);
}

static void
add_need_cb (SmCasePanel *self)
{
  NeedEditor *e = add_need_editor (self, NULL);

  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->category));
  set_dirty (self, TRUE);
}

static const char *
quality_label (SmGeocodeQuality quality)
{
  switch (quality)
    {
    case SM_GEOCODE_SETTLEMENT: return _("settlement only");
    case SM_GEOCODE_SETTLEMENT_PART: return _("settlement part only");
    case SM_GEOCODE_STREET: return _("street");
    case SM_GEOCODE_INTERPOLATED: return _("interpolated on the street");
    case SM_GEOCODE_ADDRESS: return _("address point");
    case SM_GEOCODE_MANUAL: return _("placed by hand");
    case SM_GEOCODE_NONE:
    default: return _("not placed");
    }
}

static void
show_location (SmCasePanel *self)
{
  g_autofree char *text = NULL;

  if (self->has_location)
    text = g_strdup_printf ("%.6f, %.6f · %s", self->lat, self->lon, quality_label (self->quality));
  else
    text = g_strdup (_("Not placed on the map"));
  adw_action_row_set_subtitle (self->location_row, text);
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
}

static void
reset_form (SmCasePanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  clear_marks (self);
  for (guint i = 0; i < self->persons->len; i++)
    g_ptr_array_add (rows, ((PersonEditor *) g_ptr_array_index (self->persons, i))->row);
  remove_rows (self->persons_group, rows);
  g_ptr_array_set_size (rows, 0);
  for (guint i = 0; i < self->needs->len; i++)
    g_ptr_array_add (rows, ((NeedEditor *) g_ptr_array_index (self->needs, i))->row);
  remove_rows (self->needs_group, rows);
  g_ptr_array_set_size (rows, 0);
  for (guint i = 0; i < self->assessments->len; i++)
    g_ptr_array_add (rows, ((AssessmentEditor *) g_ptr_array_index (self->assessments, i))->row);
  remove_rows (self->assessments_group, rows);
  g_ptr_array_set_size (self->persons, 0);
  g_ptr_array_set_size (self->needs, 0);
  g_ptr_array_set_size (self->assessments, 0);
  gtk_toggle_button_set_active (self->place_button, FALSE);
  self->location_changed = FALSE;
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
    mobility_label (mobilities[MIN (adw_combo_row_get_selected (e->mobility), 3)]));
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
  set_dirty (self, TRUE);
}

static AssessmentEditor *
add_assessment_editor (SmCasePanel               *self,
                       const SmElderlyAssessment *a)
{
  AssessmentEditor *e = g_new0 (AssessmentEditor, 1);
  g_autofree const char **names = g_new0 (const char *, self->people->len + 1);
  const char *mobility_names[G_N_ELEMENTS (mobilities) + 1] = { NULL };
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
  for (guint i = 0; i < G_N_ELEMENTS (mobilities); i++)
    {
      mobility_names[i] = mobility_label (mobilities[i]);
      if (a != NULL && g_strcmp0 (a->mobility, mobilities[i]) == 0)
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
  e->assessed = entry_row (_("Assessed on (YYYY-MM-DD)"));
  e->mobility = combo_row (_("Mobility"), mobility_names);
  adw_combo_row_set_selected (e->person, person);
  adw_combo_row_set_selected (e->mobility, mobility);
  set_text (e->assessed, a != NULL ? a->assessed_on : today);
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
  watch (self, e->person);
  watch (self, e->assessed);
  watch (self, e->mobility);
  g_signal_connect_swapped (e->person, "notify::selected", G_CALLBACK (update_assessment_title), e);
  g_signal_connect_swapped (e->mobility, "notify::selected", G_CALLBACK (update_assessment_title), e);
  g_signal_connect_swapped (e->assessed, "changed", G_CALLBACK (update_assessment_title), e);
  adw_preferences_group_add (self->assessments_group, GTK_WIDGET (e->row));
  g_ptr_array_add (self->assessments, e);
  return e;
}

static void
add_assessment_cb (SmCasePanel *self)
{
  AssessmentEditor *e;

  if (self->people->len == 0)
    return;
  e = add_assessment_editor (self, NULL);
  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->person));
  set_dirty (self, TRUE);
}

/**
 * sm_case_panel_load:
 *
 * Shows household @household_id, dropping unsaved edits: ask first.
 */
gboolean
sm_case_panel_load (SmCasePanel  *self,
                    gint64        household_id,
                    GError      **error)
{
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autofree char *title = NULL;
  SmHousehold h;

  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  if (!sm_store_get_household (self->store, household_id, &h, error))
    return FALSE;
  persons = sm_store_list_persons (self->store, household_id, error);
  needs = persons ? sm_store_list_needs (self->store, household_id, error) : NULL;
  assessments = needs ? sm_store_list_assessments (self->store, household_id, error) : NULL;
  if (assessments == NULL)
    {
      sm_household_clear (&h);
      return FALSE;
    }

  self->loading = TRUE;
  reset_form (self);
  self->household_id = household_id;
  g_free (self->loaded_address);
  self->loaded_address = g_strdup (h.address_raw);
  set_text (self->address_row, h.address_raw);
  set_text (self->postal_row, h.postal_code);
  set_text (self->settlement_row, h.settlement);
  set_text (self->part_row, h.settlement_part);
  self->has_location = h.has_location;
  self->lat = h.lat;
  self->lon = h.lon;
  self->quality = h.quality;
  show_location (self);
  title = g_strdup_printf (_("Household %lld"), (long long) household_id);
  adw_preferences_group_set_title (self->household_group, title);
  adw_preferences_group_set_description (self->household_group,
                                         h.synthetic ? _("Synthetic demo record") : NULL);
  for (guint i = 0; i < persons->len; i++)
    add_person_editor (self, g_ptr_array_index (persons, i));
  for (guint i = 0; i < needs->len; i++)
    add_need_editor (self, g_ptr_array_index (needs, i));
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = g_ptr_array_ref (persons);
  for (guint i = 0; i < assessments->len; i++)
    add_assessment_editor (self, g_ptr_array_index (assessments, i));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_assessment_button), persons->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "case");
  self->loading = FALSE;
  set_dirty (self, FALSE);
  sm_household_clear (&h);
  return TRUE;
}

/**
 * sm_case_panel_new_household:
 *
 * An empty form for a household at @lat, @lon (placed by hand).
 */
void
sm_case_panel_new_household (SmCasePanel *self,
                             double       lat,
                             double       lon)
{
  g_return_if_fail (SM_IS_CASE_PANEL (self));

  self->loading = TRUE;
  reset_form (self);
  self->household_id = 0;
  set_text (self->address_row, NULL);
  set_text (self->postal_row, NULL);
  set_text (self->settlement_row, NULL);
  set_text (self->part_row, NULL);
  self->has_location = TRUE;
  self->lat = lat;
  self->lon = lon;
  self->quality = SM_GEOCODE_MANUAL;
  self->location_changed = TRUE;
  show_location (self);
  adw_preferences_group_set_title (self->household_group, _("New Household"));
  adw_preferences_group_set_description (self->household_group, NULL);
  g_ptr_array_set_size (self->people, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_assessment_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "case");
  self->loading = FALSE;
  set_dirty (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

void
sm_case_panel_clear (SmCasePanel *self)
{
  g_return_if_fail (SM_IS_CASE_PANEL (self));

  self->loading = TRUE;
  reset_form (self);
  self->household_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->loading = FALSE;
  set_dirty (self, FALSE);
}

/* The form as a draft for the core to check and save. */
static SmCaseDraft *
draft_from_form (SmCasePanel *self)
{
  SmCaseDraft *draft = sm_case_draft_new ();

  draft->household = (SmHousehold) {
    .id = self->household_id, .address_raw = trimmed (self->address_row),
    .postal_code = trimmed (self->postal_row), .settlement = trimmed (self->settlement_row),
    .settlement_part = trimmed (self->part_row), .has_location = self->has_location,
    .lat = self->lat, .lon = self->lon, .quality = self->quality,
  };
  draft->saved_address = self->household_id != 0 ? g_strdup (self->loaded_address) : NULL;
  draft->placed_by_hand = self->location_changed;

  for (guint i = 0; i < self->persons->len; i++)
    {
      PersonEditor *e = g_ptr_array_index (self->persons, i);
      SmCaseDraftPerson *p = sm_case_draft_add_person (draft);

      p->person = (SmPerson) { .id = e->id, .family_name = trimmed (e->family),
                               .given_name = trimmed (e->given),
                               .role = g_strdup (roles[adw_combo_row_get_selected (e->role)]) };
      p->birth_year_text = trimmed (e->birth);
      p->removed = e->removed;
    }
  for (guint i = 0; i < self->needs->len; i++)
    {
      NeedEditor *e = g_ptr_array_index (self->needs, i);
      SmCaseDraftNeed *n = sm_case_draft_add_need (draft);
      const SmCategory *category =
        g_ptr_array_index (self->categories, MIN (adw_combo_row_get_selected (e->category),
                                                  self->categories->len - 1));

      n->need = (SmNeed) { .id = e->id, .person_id = e->person_id,
                           .category = g_strdup (category->code),
                           .severity = (int) adw_combo_row_get_selected (e->severity) + 1,
                           .assessed_on = trimmed (e->assessed), .resolved_on = trimmed (e->resolved),
                           .note = g_strdup (e->note) };
      n->removed = e->removed;
    }
  for (guint i = 0; i < self->assessments->len; i++)
    {
      AssessmentEditor *e = g_ptr_array_index (self->assessments, i);
      SmCaseDraftAssessment *a = sm_case_draft_add_assessment (draft);
      SmPerson *person = self->people->len > 0
        ? g_ptr_array_index (self->people, MIN (adw_combo_row_get_selected (e->person),
                                                self->people->len - 1))
        : NULL;

      a->assessment = (SmElderlyAssessment) {
        .id = e->id, .person_id = person != NULL ? person->id : 0,
        .assessed_on = trimmed (e->assessed),
        .mobility = g_strdup (mobilities[MIN (adw_combo_row_get_selected (e->mobility), 3)]),
        .lives_alone = gtk_switch_get_active (e->lives_alone),
        .chronic_illness = gtk_switch_get_active (e->chronic),
        .cognitive_decline = gtk_switch_get_active (e->cognitive),
        .alarm_device = gtk_switch_get_active (e->alarm),
        .receives_meals = gtk_switch_get_active (e->meals),
        .last_visit_on = g_strdup (e->last_visit), .note = g_strdup (e->note),
      };
      a->removed = e->removed;
    }
  return draft;
}

/* The widget of the field a refused save names. */
static GtkWidget *
field_widget (SmCasePanel            *self,
              const SmCaseSaveResult *result)
{
  switch (result->field)
    {
    case SM_CASE_FIELD_ADDRESS:
      return GTK_WIDGET (self->address_row);
    case SM_CASE_FIELD_PERSON_FAMILY_NAME:
      return GTK_WIDGET (((PersonEditor *) g_ptr_array_index (self->persons, result->index))->family);
    case SM_CASE_FIELD_PERSON_BIRTH_YEAR:
      return GTK_WIDGET (((PersonEditor *) g_ptr_array_index (self->persons, result->index))->birth);
    case SM_CASE_FIELD_NEED_ASSESSED:
      return GTK_WIDGET (((NeedEditor *) g_ptr_array_index (self->needs, result->index))->assessed);
    case SM_CASE_FIELD_NEED_RESOLVED:
      return GTK_WIDGET (((NeedEditor *) g_ptr_array_index (self->needs, result->index))->resolved);
    case SM_CASE_FIELD_ASSESSMENT_DATE:
      return GTK_WIDGET (((AssessmentEditor *) g_ptr_array_index (self->assessments,
                                                                  result->index))->assessed);
    case SM_CASE_FIELD_NONE:
    default:
      return NULL;
    }
}

/**
 * sm_case_panel_save:
 *
 * Saves the form as one action (see sm_case_draft_save()). Returns:
 *   whether it was saved; if not, the problem is shown on the page and
 *   nothing was written.
 */
gboolean
sm_case_panel_save (SmCasePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = NULL;
  SmCaseSaveResult result = { 0 };

  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  clear_marks (self);
  draft = draft_from_form (self);
  self->last_geocode = SM_GEOCODE_NONE;
  if (!sm_case_draft_save (draft, self->store, sm_context_get_geocoder (self->context), &result,
                           &error))
    {
      show_problem (self, field_widget (self, &result), error->message);
      return FALSE;
    }
  self->last_geocode = result.geocoded;
  self->household_id = result.household_id;
  if (!sm_case_panel_load (self, result.household_id, &error))
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }
  g_signal_emit (self, signals[SAVED], 0, result.household_id);
  return TRUE;
}

static void
save_cb (SmCasePanel *self)
{
  sm_case_panel_save (self);
}

static void
revert_cb (SmCasePanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->household_id != 0 && !sm_case_panel_load (self, self->household_id, &error))
    show_problem (self, NULL, error->message);
}

SmGeocodeQuality
sm_case_panel_get_last_geocode (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), SM_GEOCODE_NONE);

  return self->last_geocode;
}

gint64
sm_case_panel_get_household (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), 0);

  return self->household_id;
}

gboolean
sm_case_panel_is_dirty (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  return self->dirty;
}

gboolean
sm_case_panel_is_placing (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  return gtk_toggle_button_get_active (self->place_button);
}

/**
 * sm_case_panel_place:
 *
 * Sets the household's location from a map click; saved with the rest.
 */
void
sm_case_panel_place (SmCasePanel *self,
                     double       lat,
                     double       lon)
{
  g_return_if_fail (SM_IS_CASE_PANEL (self));

  self->has_location = TRUE;
  self->lat = lat;
  self->lon = lon;
  self->quality = SM_GEOCODE_MANUAL;
  self->location_changed = TRUE;
  gtk_toggle_button_set_active (self->place_button, FALSE);
  show_location (self);
  set_dirty (self, TRUE);
}

static void
sm_case_panel_dispose (GObject *object)
{
  SmCasePanel *self = SM_CASE_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_CASE_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->needs, g_ptr_array_unref);
  g_clear_pointer (&self->assessments, g_ptr_array_unref);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->marked, g_ptr_array_unref);
  g_clear_pointer (&self->loaded_address, g_free);

  G_OBJECT_CLASS (sm_case_panel_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_case_panel_get_context_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_CASE_PANEL (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_case_panel_set_context_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_CASE_PANEL (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_case_panel_class_init (SmCasePanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_case_panel_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_case_panel_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_case_panel_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-case-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, household_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, address_row);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, postal_row);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, settlement_row);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, part_row);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, location_row);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, place_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, persons_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, needs_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, assessments_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, save_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, revert_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, add_assessment_button);
  gtk_widget_class_bind_template_callback (widget_class, add_person_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_need_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_cb);
}

static void
sm_case_panel_init (SmCasePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) person_editor_free);
  self->needs = g_ptr_array_new_with_free_func ((GDestroyNotify) need_editor_free);
  self->assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) assessment_editor_free);
  self->people = g_ptr_array_new ();
  self->marked = g_ptr_array_new ();
}

SmCasePanel *
sm_case_panel_new (SmContext *context)
{
  SmCasePanel *self = g_object_new (SM_TYPE_CASE_PANEL, "context", context, NULL);
  SmStore *store = sm_context_get_store (context);

  self->store = g_object_ref (sm_context_get_store (context));
  self->categories = sm_store_list_categories (store);
  watch (self, self->address_row);
  watch (self, self->postal_row);
  watch (self, self->settlement_row);
  watch (self, self->part_row);
  return self;
}
