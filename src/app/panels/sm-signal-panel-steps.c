#define G_LOG_DOMAIN "sm-signal-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-signal.h"
#include "sm-signal-item.h"
#include "sm-signal-panel-private.h"
#include "sm-store-casework.h"

/* What the Signals page's buttons do: each a rule of core taken as one
 * action, now or once another program's write is done. */

static const char * const channels[] = { "written", "email", "phone", "in_person" };
static const SmSignalState outcomes[] = { SM_SIGNAL_CASE_OPENED, SM_SIGNAL_REFERRED, SM_SIGNAL_IN_CARE,
                                          SM_SIGNAL_UNFOUNDED };

/* --- steps, each when the database can be written --------------------- */

typedef gboolean (*StepFunc) (SmSignalPanel *self, gpointer data, char **done, GError **error);

typedef struct {
  SmSignalPanel  *self;
  StepFunc        func;
  gpointer        data;
  GDestroyNotify  free_data;
  GtkLabel       *where;
} Step;

static void
step_free (Step *s)
{
  if (s->free_data != NULL)
    s->free_data (s->data);
  g_object_unref (s->self);
  g_free (s);
}

static void
step_run (Step *s)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (s->func (s->self, s->data, &done, &error))
    {
      _sm_signal_panel_say (s->self, s->where, NULL);
      if (done != NULL)
        g_signal_emit (s->self, _sm_signal_panel_signals[SM_SIGNAL_PANEL_TOAST], 0, done);
    }
  else
    _sm_signal_panel_say (s->self, s->where, error->message);
  sm_signal_panel_reload (s->self);
}

static void
step_writable_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  Step *s = data;
  g_autoptr(GError) error = NULL;

  if (sm_store_wait_writable_finish (SM_STORE (source), result, &error))
    step_run (s);
  else
    _sm_signal_panel_say (s->self, s->where, error->message);
  step_free (s);
}

/* Runs @func now, or, while another program writes, as soon as it is done
 * without holding up the window. */
static void
take_step (SmSignalPanel  *self,
           GtkLabel       *where,
           StepFunc        func,
           gpointer        data,
           GDestroyNotify  free_data)
{
  Step *s = g_new0 (Step, 1);

  *s = (Step) { g_object_ref (self), func, data, free_data, where };
  if (sm_store_can_write_now (self->store))
    {
      step_run (s);
      step_free (s);
      return;
    }
  g_signal_emit (self, _sm_signal_panel_signals[SM_SIGNAL_PANEL_TOAST], 0, _("Another program is writing to the database; "
                                             "the step is taken as soon as it is done"));
  sm_store_wait_writable_async (self->store, NULL, step_writable_cb, s);
}

static char *
text_of (GtkEditable *entry)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (entry));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

#define WORKER(self) (gtk_editable_get_text ((self)->worker_entry))

static gboolean
assess_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autofree char *note = text_of (self->note_entry);

  if (!sm_signal_move (self->store, self->shown, SM_SIGNAL_ASSESSED, WORKER (self), note, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("Signal %lld assessed"), (long long) self->shown);
  return TRUE;
}

static gboolean
decide_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  guint i = MIN (gtk_drop_down_get_selected (self->outcome_drop), G_N_ELEMENTS (outcomes) - 1);
  g_autofree char *to = text_of (self->referral_entry);
  g_autofree char *note = outcomes[i] == SM_SIGNAL_REFERRED && to != NULL
                          ? g_strdup_printf (_("referred to %s"), to) : NULL;

  if (outcomes[i] == SM_SIGNAL_REFERRED && to == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say which organization the signal is referred to"));
      return FALSE;
    }
  if (!sm_signal_move (self->store, self->shown, outcomes[i], WORKER (self), note, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("Signal %lld: %s"), (long long) self->shown, sm_signal_state_label (outcomes[i]));
  return TRUE;
}

static gboolean
link_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autofree char *text = text_of (self->household_entry);
  gboolean new_household = GPOINTER_TO_INT (data);
  gboolean placed = TRUE;
  gint64 household = 0;
  char *end = NULL;

  if (text == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   new_household ? _("Write the new household’s address") : _("Write the household’s number"));
      return FALSE;
    }
  if (new_household)
    {
      household = sm_signal_link_new_household (self->store, sm_context_get_geocoder (self->context), self->shown,
                                                text, &placed, error);
      if (household == 0)
        return FALSE;
    }
  else
    {
      household = g_ascii_strtoll (text, &end, 10);
      if (end == text || *end != '\0' || household <= 0)
        {
          /* Not a number: the households whose address or people match. */
          g_autoptr(GPtrArray) found = sm_store_search_households (self->store, text, 6, error);
          g_autoptr(GString) names = g_string_new (NULL);

          if (found == NULL)
            return FALSE;
          if (found->len != 1)
            {
              for (guint i = 0; i < found->len && i < 5; i++)
                {
                  const SmHousehold *h = g_ptr_array_index (found, i);

                  g_string_append_printf (names, "%s%lld (%s)", i ? ", " : "", (long long) h->id, h->address_raw);
                }
              if (found->len == 0)
                g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                             _("No household matches “%s”; for a new household use New Household"), text);
              else
                g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                             _("Several households match “%s”: %s; write the number of the one meant"), text,
                             names->str);
              return FALSE;
            }
          household = ((const SmHousehold *) g_ptr_array_index (found, 0))->id;
        }
      if (!sm_signal_link (self->store, self->shown, household, error))
        return FALSE;
    }
  *done = placed ? g_strdup_printf (_("Signal %lld is about household %lld"), (long long) self->shown,
                                    (long long) household)
                 : g_strdup_printf (_("Household %lld recorded; its address waits for review"),
                                    (long long) household);
  return TRUE;
}

static gboolean
open_case_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autoptr(SmSignalRecord) r = sm_store_get_signal (self->store, self->shown, error);
  gint64 id;

  if (r == NULL)
    return FALSE;
  id = sm_case_open (self->store, r->household_id, r->id, WORKER (self), NULL, FALSE, error);
  if (id == 0)
    return FALSE;
  *done = g_strdup_printf (_("Case %lld opened"), (long long) id);
  return TRUE;
}

static gboolean
next_stage_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autoptr(SmCaseFileRecord) c = sm_store_get_case_file (self->store, self->shown_case, error);
  int stage = 0;

  if (c == NULL || !sm_enum_parse (SM_TYPE_CASE_STAGE, c->stage, &stage))
    return FALSE;
  if (!sm_case_move (self->store, c->id, stage + 1, WORKER (self), NULL, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("Case %lld: %s"), (long long) c->id, sm_case_stage_name (stage + 1));
  return TRUE;
}

static gboolean
review_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autofree char *today = sm_date_today_iso ();
  const char *by = WORKER (self);

  while (g_ascii_isspace (*by))
    by++;
  if (*by == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who reviewed the plan: it is recorded"));
      return FALSE;
    }
  if (!sm_store_review_case_file (self->store, self->shown_case, today, by, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("Case %lld reviewed"), (long long) self->shown_case);
  return TRUE;
}

static gboolean
measure_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autoptr(SmSignalRecord) r = sm_store_get_signal (self->store, self->shown, error);
  g_autofree char *org = text_of (self->measure_org_entry);
  guint n, i = gtk_drop_down_get_selected (self->measure_drop);
  const SmInterventionKind *kinds = sm_intervention_kinds (&n);

  if (r == NULL || i >= n)
    return FALSE;
  if (sm_intervention_add (self->store, r->household_id, NULL, NULL, kinds[i].code, NULL, org, NULL, FALSE,
                           error) == 0)
    return FALSE;
  *done = g_strdup_printf (_("%s recorded"), sm_intervention_kind_name (&kinds[i]));
  return TRUE;
}

static gboolean
conference_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autoptr(SmSignalRecord) r = sm_store_get_signal (self->store, self->shown, error);
  g_autofree char *participants = text_of (self->participants_entry);
  g_autofree char *decision = text_of (self->decision_entry);
  g_autofree char *owner = text_of (self->owner_entry);
  g_autofree char *due = text_of (self->due_entry);
  g_autofree char *today = sm_date_today_iso ();
  g_autoptr(GArray) hh = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ss = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) decisions = g_ptr_array_new ();
  SmDecisionRecord d = { .decision = decision, .owner = owner, .due_on = due };
  SmConferenceRecord c = { .held_on = today,
                           .kind = gtk_drop_down_get_selected (self->conference_kind_drop) == 0 ? "conference"
                                                                                                  : "discussion",
                           .participants = participants, .household_ids = hh, .signal_ids = ss,
                           .decisions = decisions };
  gint64 id;

  if (r == NULL)
    return FALSE;
  if (r->household_id != 0)
    g_array_append_val (hh, r->household_id);
  g_array_append_val (ss, r->id);
  if (decision != NULL || owner != NULL || due != NULL)
    g_ptr_array_add (decisions, &d);
  id = sm_store_add_conference (self->store, &c, error);
  if (id == 0)
    return FALSE;
  gtk_editable_set_text (self->decision_entry, "");
  *done = g_strdup_printf (_("Case conference %lld recorded"), (long long) id);
  return TRUE;
}

static gboolean
answer_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->answer_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  if (!sm_signal_answer (self->store, self->shown, WORKER (self), text, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("The answer to signal %lld is recorded"), (long long) self->shown);
  return TRUE;
}

static gboolean
reopen_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autofree char *reason = text_of (self->reason_entry);

  if (!sm_signal_move (self->store, self->shown, SM_SIGNAL_RECEIVED, WORKER (self), reason, NULL, error))
    return FALSE;
  *done = g_strdup_printf (_("Signal %lld reopened"), (long long) self->shown);
  return TRUE;
}

void
_sm_signal_panel_assess_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, assess_step, NULL, NULL);
}

void
_sm_signal_panel_decide_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, decide_step, NULL, NULL);
}

void
_sm_signal_panel_link_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, link_step, NULL, NULL);
}

void
_sm_signal_panel_open_case_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, open_case_step, NULL, NULL);
}

void
_sm_signal_panel_next_stage_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, next_stage_step, NULL, NULL);
}

void
_sm_signal_panel_review_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, review_step, NULL, NULL);
}

void
_sm_signal_panel_measure_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, measure_step, NULL, NULL);
}

void
_sm_signal_panel_conference_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, conference_step, NULL, NULL);
}

void
_sm_signal_panel_answer_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, answer_step, NULL, NULL);
}

void
_sm_signal_panel_reopen_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, reopen_step, NULL, NULL);
}


void
_sm_signal_panel_new_household_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->message, link_step, GINT_TO_POINTER (TRUE), NULL);
}

/* --- a new signal ----------------------------------------------------- */

void
_sm_signal_panel_new_clicked_cb (SmSignalPanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%d %H:%M");

  gtk_editable_set_text (self->new_received, text);
  gtk_editable_set_text (self->new_about, "");
  _sm_signal_panel_say (self, self->new_message, NULL);
  gtk_stack_set_visible_child_name (self->stack, "new");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_about));
}

static gboolean
record_step (SmSignalPanel *self, gpointer data, char **done, GError **error)
{
  g_autofree char *received = text_of (self->new_received), *org = text_of (self->new_org);
  g_autofree char *signaller = text_of (self->new_signaller), *about = text_of (self->new_about);
  guint from = gtk_drop_down_get_selected (self->new_from), need = gtk_drop_down_get_selected (self->new_need);
  char *needs[2] = { need > 0 && need < self->need_codes->len ? g_ptr_array_index (self->need_codes, need) : NULL,
                     NULL };
  const SmMemberKindRecord *kind = from > 0 && from <= self->kinds->len ? g_ptr_array_index (self->kinds, from - 1)
                                                                         : NULL;
  SmSignalRecord r = { .received_at = received, .member_kind = kind ? kind->code : NULL, .organization = org,
                       .signaller = signaller, .anonymous = gtk_check_button_get_active (self->new_anonymous),
                       .channel = (char *) channels[MIN (gtk_drop_down_get_selected (self->new_channel), 3)],
                       .about = about, .urgency = MIN (gtk_drop_down_get_selected (self->new_urgency), 2),
                       .needs = needs };
  gint64 id = sm_store_add_signal (self->store, &r, error);

  if (id == 0)
    return FALSE;
  *done = g_strdup_printf (_("Signal %lld received"), (long long) id);
  sm_signal_panel_show_signal (self, id);
  return TRUE;
}

void
_sm_signal_panel_record_clicked_cb (SmSignalPanel *self)
{
  take_step (self, self->new_message, record_step, NULL, NULL);
}

