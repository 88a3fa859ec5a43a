#define G_LOG_DOMAIN "sm-case-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-case-draft.h"
#include "sm-case-panel.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-case-panel-private.h"

/* Edits are kept in the widgets until Save, which writes the household,
 * its people and its needs in one transaction: all of it or, on any error,
 * none of it. A field with a bad value is marked and named above the form. */

G_DEFINE_FINAL_TYPE (SmCasePanel, sm_case_panel, GTK_TYPE_BOX)

guint _sm_case_panel_signals[SM_CASE_PANEL_N_SIGNALS];

static void
clear_marks (SmCasePanel *self)
{
  for (guint i = 0; i < self->marked->len; i++)
    {
      gtk_widget_remove_css_class (g_ptr_array_index (self->marked, i), "error");
      gtk_widget_set_tooltip_text (g_ptr_array_index (self->marked, i), NULL);
    }
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
  /* The message is at the page's top; the field scrolled to says it too. */
  gtk_widget_set_tooltip_text (row, message);
  g_ptr_array_add (self->marked, row);
  for (GtkWidget *w = gtk_widget_get_parent (row); w != NULL; w = gtk_widget_get_parent (w))
    if (ADW_IS_EXPANDER_ROW (w))
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (w), TRUE);
  gtk_widget_grab_focus (row);
}

static void
add_person_cb (SmCasePanel *self)
{
  PersonEditor *e = _sm_case_panel_add_person_editor (self, NULL);

  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->family));
  _sm_case_panel_set_dirty (self, TRUE);
}

static void
add_need_cb (SmCasePanel *self)
{
  NeedEditor *e = _sm_case_panel_add_need_editor (self, NULL);

  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->category));
  _sm_case_panel_set_dirty (self, TRUE);
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

static void
add_assessment_cb (SmCasePanel *self)
{
  AssessmentEditor *e;

  if (self->people->len == 0)
    return;
  e = _sm_case_panel_add_assessment_editor (self, NULL);
  adw_expander_row_set_expanded (e->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (e->person));
  _sm_case_panel_set_dirty (self, TRUE);
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

  if (household_id != self->undo_household)
    g_clear_pointer (&self->undo, sm_case_snapshot_free);
  self->loading = TRUE;
  reset_form (self);
  self->household_id = household_id;
  g_free (self->loaded_address);
  self->loaded_address = g_strdup (h.address_raw);
  _sm_case_panel_set_text (self->address_row, h.address_raw);
  _sm_case_panel_set_text (self->postal_row, h.postal_code);
  _sm_case_panel_set_text (self->settlement_row, h.settlement);
  _sm_case_panel_set_text (self->part_row, h.settlement_part);
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
    _sm_case_panel_add_person_editor (self, g_ptr_array_index (persons, i));
  for (guint i = 0; i < needs->len; i++)
    _sm_case_panel_add_need_editor (self, g_ptr_array_index (needs, i));
  g_clear_pointer (&self->people, g_ptr_array_unref);
  self->people = g_ptr_array_ref (persons);
  for (guint i = 0; i < assessments->len; i++)
    _sm_case_panel_add_assessment_editor (self, g_ptr_array_index (assessments, i));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_assessment_button), persons->len > 0);
  _sm_case_panel_show_casework (self);
  gtk_stack_set_visible_child_name (self->stack, "case");
  self->loading = FALSE;
  _sm_case_panel_set_dirty (self, FALSE);
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

  g_clear_pointer (&self->undo, sm_case_snapshot_free);
  self->loading = TRUE;
  reset_form (self);
  self->household_id = 0;
  _sm_case_panel_show_casework (self);
  _sm_case_panel_set_text (self->address_row, NULL);
  _sm_case_panel_set_text (self->postal_row, NULL);
  _sm_case_panel_set_text (self->settlement_row, NULL);
  _sm_case_panel_set_text (self->part_row, NULL);
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
  _sm_case_panel_set_dirty (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
}

void
sm_case_panel_clear (SmCasePanel *self)
{
  g_return_if_fail (SM_IS_CASE_PANEL (self));

  g_clear_pointer (&self->undo, sm_case_snapshot_free);
  self->loading = TRUE;
  reset_form (self);
  self->household_id = 0;
  _sm_case_panel_show_casework (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  self->loading = FALSE;
  _sm_case_panel_set_dirty (self, FALSE);
}

/* The form as a draft for the core to check and save. */
static SmCaseDraft *
draft_from_form (SmCasePanel *self)
{
  SmCaseDraft *draft = sm_case_draft_new ();

  draft->household = (SmHousehold) {
    .id = self->household_id, .address_raw = _sm_case_panel_trimmed (self->address_row),
    .postal_code = _sm_case_panel_trimmed (self->postal_row), .settlement = _sm_case_panel_trimmed (self->settlement_row),
    .settlement_part = _sm_case_panel_trimmed (self->part_row), .has_location = self->has_location,
    .lat = self->lat, .lon = self->lon, .quality = self->quality,
  };
  draft->saved_address = self->household_id != 0 ? g_strdup (self->loaded_address) : NULL;
  draft->placed_by_hand = self->location_changed;

  for (guint i = 0; i < self->persons->len; i++)
    {
      PersonEditor *e = g_ptr_array_index (self->persons, i);
      SmCaseDraftPerson *p = sm_case_draft_add_person (draft);

      p->person = (SmPerson) { .id = e->id, .family_name = _sm_case_panel_trimmed (e->family),
                               .given_name = _sm_case_panel_trimmed (e->given),
                               .role = g_strdup (_sm_case_panel_roles[adw_combo_row_get_selected (e->role)]) };
      p->birth_year_text = _sm_case_panel_trimmed (e->birth);
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
                           .assessed_on = _sm_case_panel_trimmed (e->assessed), .resolved_on = _sm_case_panel_trimmed (e->resolved),
                           .note = _sm_case_panel_trimmed (e->note_row) };
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
        .assessed_on = _sm_case_panel_trimmed (e->assessed),
        .mobility = g_strdup (_sm_case_panel_mobilities[MIN (adw_combo_row_get_selected (e->mobility), 3)]),
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
    case SM_CASE_FIELD_POSTAL_CODE:
      return GTK_WIDGET (self->postal_row);
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
  g_autoptr(SmCaseSnapshot) before = NULL;
  SmCaseSaveResult result = { 0 };

  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  clear_marks (self);
  /* The case as it is before, to undo the save. */
  before = sm_case_snapshot_take (self->store, self->household_id, &error);
  if (before == NULL)
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }
  draft = draft_from_form (self);
  self->last_geocode = SM_GEOCODE_NONE;
  if (!sm_case_draft_save (draft, self->store, sm_context_get_geocoder (self->context), &result,
                           &error))
    {
      show_problem (self, field_widget (self, &result), error->message);
      return FALSE;
    }
  g_clear_pointer (&self->undo, sm_case_snapshot_free);
  self->undo = g_steal_pointer (&before);
  self->undo_household = result.household_id;
  self->last_geocode = result.geocoded;
  self->household_id = result.household_id;
  if (!sm_case_panel_load (self, result.household_id, &error))
    {
      show_problem (self, NULL, error->message);
      return FALSE;
    }
  g_signal_emit (self, _sm_case_panel_signals[SM_CASE_PANEL_SAVED], 0, result.household_id);
  return TRUE;
}

/* Whether the household shown was the last saved, with no edits since:
 * its save can be undone. */
gboolean
sm_case_panel_can_undo_save (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  return self->undo != NULL && self->household_id == self->undo_household && !self->dirty;
}

/**
 * sm_case_panel_undo_save:
 * @household_id: (out): the household shown again, or 0 when undoing its
 *   first save deleted it
 *
 * Writes the case back as it was before the last save, as one action
 * (sm_case_snapshot_restore()), and shows it; once.
 */
gboolean
sm_case_panel_undo_save (SmCasePanel  *self,
                         gint64       *household_id,
                         GError      **error)
{
  g_autoptr(SmCaseSnapshot) undo = NULL;
  gint64 id;

  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  *household_id = 0;
  if (!sm_case_panel_can_undo_save (self))
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, _("There is no save to undo"));
      return FALSE;
    }
  undo = g_steal_pointer (&self->undo);
  if (!sm_case_snapshot_restore (undo, self->store, self->undo_household, error))
    {
      self->undo = g_steal_pointer (&undo);
      return FALSE;
    }
  id = sm_case_snapshot_get_household (undo);
  if (id == 0)
    sm_case_panel_clear (self);
  else if (!sm_case_panel_load (self, id, error))
    return FALSE;
  *household_id = id;
  return TRUE;
}

static void
show_waiting (SmCasePanel *self)
{
  int seconds = (int) ((g_get_monotonic_time () - self->wait_since) / G_USEC_PER_SEC);
  g_autofree char *text =
    g_strdup_printf (ngettext ("Another program is writing to the database; the save waits for it "
                               "(%d second)…",
                               "Another program is writing to the database; the save waits for it "
                               "(%d seconds)…", seconds), seconds);

  show_problem (self, NULL, text);
}

static gboolean
tick_cb (gpointer data)
{
  show_waiting (data);
  return G_SOURCE_CONTINUE;
}

/* The wait is over: save once for everyone who asked, or say why not. */
static void
writable_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  SmCasePanel *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);
  gboolean free = sm_store_wait_writable_finish (SM_STORE (source), result, &error);
  gboolean saved = FALSE;

  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_clear_object (&self->wait_cancellable);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
      if (free)
        saved = sm_case_panel_save (self);
      else
        show_problem (self, NULL, _("Another program is still writing to the database. Nothing was "
                                    "saved; your changes are still here: save again later."));
    }
  for (guint i = 0; waiters != NULL && i < waiters->len; i++)
    g_task_return_boolean (g_ptr_array_index (waiters, i), saved);
  g_object_unref (self);
}

/**
 * sm_case_panel_save_async:
 * @callback: (nullable): told whether the household was saved
 *
 * Saves now, or, while another program writes to the database, says so
 * on the page and saves as soon as it is done, without holding up the
 * window; gives up after the store's wait with the changes kept.
 */
void
sm_case_panel_save_async (SmCasePanel         *self,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SM_IS_CASE_PANEL (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sm_case_panel_save_async);
  if (self->waiters != NULL)
    {
      g_ptr_array_add (self->waiters, g_steal_pointer (&task));
      return;
    }
  if (sm_store_can_write_now (self->store))
    {
      g_task_return_boolean (task, sm_case_panel_save (self));
      return;
    }
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  self->wait_since = g_get_monotonic_time ();
  self->wait_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  show_waiting (self);
  self->wait_id = g_timeout_add_seconds (1, tick_cb, self);
  sm_store_wait_writable_async (self->store, self->wait_cancellable, writable_cb,
                                g_object_ref (self));
}

gboolean
sm_case_panel_save_finish (SmCasePanel   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Saves now or as soon as another program's write is done. */
void
sm_case_panel_request_save (SmCasePanel *self)
{
  sm_case_panel_save_async (self, NULL, NULL);
}

gboolean
sm_case_panel_is_waiting (SmCasePanel *self)
{
  g_return_val_if_fail (SM_IS_CASE_PANEL (self), FALSE);

  return self->waiters != NULL;
}

static void
save_cb (SmCasePanel *self)
{
  sm_case_panel_request_save (self);
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
  _sm_case_panel_set_dirty (self, TRUE);
}

static void
sm_case_panel_dispose (GObject *object)
{
  SmCasePanel *self = SM_CASE_PANEL (object);

  g_clear_handle_id (&self->wait_id, g_source_remove);
  g_cancellable_cancel (self->wait_cancellable);
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
  g_clear_pointer (&self->casework_rows, g_ptr_array_unref);
  g_clear_pointer (&self->undo, sm_case_snapshot_free);

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

  /* A signal about the household was chosen: to be shown on the Signals page. */
  _sm_case_panel_signals[SM_CASE_PANEL_SHOW_SIGNAL] = g_signal_new ("show-signal", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A referral of the household was chosen: to be shown on the Referrals page. */
  _sm_case_panel_signals[SM_CASE_PANEL_SHOW_REFERRAL] = g_signal_new ("show-referral", G_TYPE_FROM_CLASS (klass),
                                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                     G_TYPE_INT64);
  /* What came of a step taken from the page, for a toast. */
  _sm_case_panel_signals[SM_CASE_PANEL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _sm_case_panel_signals[SM_CASE_PANEL_SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
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
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, casework_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, refer_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, persons_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, needs_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, assessments_group);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, save_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, revert_button);
  gtk_widget_class_bind_template_child (widget_class, SmCasePanel, add_assessment_button);
  gtk_widget_class_bind_template_callback (widget_class, add_person_cb);
  gtk_widget_class_bind_template_callback (widget_class, _sm_case_panel_refer);
  gtk_widget_class_bind_template_callback (widget_class, add_need_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_assessment_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_cb);
}

static void
sm_case_panel_init (SmCasePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_case_panel_person_editor_free);
  self->needs = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_case_panel_need_editor_free);
  self->assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_case_panel_assessment_editor_free);
  self->people = g_ptr_array_new ();
  self->marked = g_ptr_array_new ();
  self->casework_rows = g_ptr_array_new ();
}

/* Signals, the case and measures change on other pages: the section
 * follows; the form being edited is not touched. */
static void
casework_changed_cb (SmCasePanel   *self,
                     SmStoreChange  what,
                     GArray        *household_ids)
{
  if ((what & SM_STORE_CHANGE_CASEWORK) && self->household_id != 0)
    _sm_case_panel_show_casework (self);
}

SmCasePanel *
sm_case_panel_new (SmContext *context)
{
  SmCasePanel *self = g_object_new (SM_TYPE_CASE_PANEL, "context", context, NULL);
  SmStore *store = sm_context_get_store (context);

  self->store = g_object_ref (sm_context_get_store (context));
  self->categories = sm_store_list_categories (store);
  _sm_case_panel_watch (self, self->address_row);
  _sm_case_panel_watch (self, self->postal_row);
  _sm_case_panel_watch (self, self->settlement_row);
  _sm_case_panel_watch (self, self->part_row);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (casework_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}
