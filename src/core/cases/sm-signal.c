#define G_LOG_DOMAIN "sm-signal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "sm-case-draft.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-signal.h"
#include "sm-store-signals.h"

/* The program's default deadlines, in calendar days after the day of
 * receipt: an immediate danger is assessed the same day, an urgent signal
 * the next, a normal one within five days; the signaller is answered
 * within 5, 10 and 15 days. These are a service's working defaults, not a
 * rule of law: the Gyvt. and the Szt. ask for action without delay in
 * danger and for an answer to the signaller, and a service sets its own
 * protocol. */
const SmSignalDeadlines sm_signal_default_deadlines = {
  .assess_days = { 0, 1, 5 },
  .answer_days = { 5, 10, 15 },
};

/* Decided: one of the four outcomes of an assessment. */
gboolean
sm_signal_is_decided (SmSignalState state)
{
  return state == SM_SIGNAL_CASE_OPENED || state == SM_SIGNAL_REFERRED ||
         state == SM_SIGNAL_IN_CARE || state == SM_SIGNAL_UNFOUNDED;
}

static const char *
state_name (SmSignalState state)
{
  switch (state)
    {
    case SM_SIGNAL_RECEIVED:
      return _("received");
    case SM_SIGNAL_ASSESSED:
      return _("assessed");
    case SM_SIGNAL_CASE_OPENED:
      return _("case opened");
    case SM_SIGNAL_REFERRED:
      return _("referred");
    case SM_SIGNAL_IN_CARE:
      return _("already in care");
    case SM_SIGNAL_UNFOUNDED:
      return _("unfounded");
    case SM_SIGNAL_ANSWERED:
      return _("answered");
    default:
      return "?";
    }
}

/**
 * sm_signal_check_step:
 * @by: who takes the step; it is recorded, so it must be given
 * @note: (nullable): what was decided; a reopening must say why
 *
 * Whether a signal may go from @from to @to: received → assessed;
 * assessed → one of the four outcomes; an outcome → answered; an outcome
 * or answered → received again (reopened), with a reason.
 */
gboolean
sm_signal_check_step (SmSignalState   from,
                      SmSignalState   to,
                      const char     *by,
                      const char     *note,
                      GError        **error)
{
  gboolean reopen = to == SM_SIGNAL_RECEIVED && (sm_signal_is_decided (from) || from == SM_SIGNAL_ANSWERED);
  gboolean allowed = (from == SM_SIGNAL_RECEIVED && to == SM_SIGNAL_ASSESSED) ||
                     (from == SM_SIGNAL_ASSESSED && sm_signal_is_decided (to)) ||
                     (sm_signal_is_decided (from) && to == SM_SIGNAL_ANSWERED) || reopen;

  if (!allowed)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("A signal that is %s cannot become %s: a signal is received, assessed, "
                     "decided (case opened, referred, already in care or unfounded), then answered"),
                   state_name (from), state_name (to));
      return FALSE;
    }
  while (by != NULL && g_ascii_isspace (*by))
    by++;
  if (by == NULL || *by == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Say who takes this step of the signal: it is recorded"));
      return FALSE;
    }
  if (reopen && (note == NULL || *note == '\0'))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A signal is reopened with a reason"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sm_signal_deadline:
 * @received: when the signal came, in local time
 * @answer: the deadline of the answer; else of the assessment
 *
 * The first moment past the deadline: the start of the day after the
 * receipt's day plus the days allowed, in calendar days of the local time
 * zone (so month ends, leap days and changes of summer time count as the
 * calendar does).
 *
 * Returns: (transfer full): that moment
 */
GDateTime *
sm_signal_deadline (const SmSignalDeadlines *deadlines,
                    SmSignalUrgency          urgency,
                    GDateTime               *received,
                    gboolean                 answer)
{
  const SmSignalDeadlines *d = deadlines ? deadlines : &sm_signal_default_deadlines;
  int days = CLAMP ((answer ? d->answer_days : d->assess_days)[CLAMP (urgency, 0, 2)], 0, 3650);
  g_autoptr(GDateTime) local = g_date_time_to_local (received);
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (local),
                                                    g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local), 0, 0, 0);

  return g_date_time_add_days (day, days + 1);
}

/**
 * sm_signal_parse_time:
 * @text: (nullable): a time of receipt or of a step, "YYYY-MM-DD HH:MM"
 *
 * Returns: (transfer full) (nullable): that minute in local time, or %NULL
 *   when @text is not one
 */
GDateTime *
sm_signal_parse_time (const char *text)
{
  int y, m, d, h, min;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d %2d:%2d%c", &y, &m, &d, &h, &min, &tail) != 5 ||
      !g_date_valid_dmy (d, m, y) || h > 23 || min > 59)
    return NULL;
  return g_date_time_new_local (y, m, d, h, min, 0);
}

/**
 * sm_signal_parse_day:
 * @day: (out): the calendar day of @text, as days since 1970-01-01
 *
 * The day of a time of receipt without making a time object, for lists
 * of many signals (sm_signal_is_overdue_on()).
 */
gboolean
sm_signal_parse_day (const char *text,
                     int        *day)
{
  int y, m, d;
  GDate date;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *day = sm_date_to_epoch_day (&date);
  return TRUE;
}

static int
local_day (GDateTime *t)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (t);
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return sm_date_to_epoch_day (&d);
}

/**
 * sm_signal_is_overdue_on:
 * @received_day: the local calendar day of receipt, as days since 1970-01-01
 * @today: the local calendar day it is judged on, the same way
 *
 * sm_signal_is_overdue() in calendar days: the deadline passes at the
 * start of the day after the day of receipt plus the days allowed.
 */
gboolean
sm_signal_is_overdue_on (const SmSignalDeadlines *deadlines,
                         SmSignalUrgency          urgency,
                         SmSignalState            state,
                         int                      received_day,
                         int                      today)
{
  const SmSignalDeadlines *d = deadlines ? deadlines : &sm_signal_default_deadlines;
  int u = CLAMP (urgency, 0, 2);

  if (state == SM_SIGNAL_RECEIVED && today >= received_day + CLAMP (d->assess_days[u], 0, 3650) + 1)
    return TRUE;
  return state != SM_SIGNAL_ANSWERED && today >= received_day + CLAMP (d->answer_days[u], 0, 3650) + 1;
}

/**
 * sm_signal_is_overdue:
 *
 * A signal still received after its assessment's deadline, or not yet
 * answered after its answer's, is overdue.
 */
gboolean
sm_signal_is_overdue (const SmSignalDeadlines *deadlines,
                      SmSignalUrgency          urgency,
                      SmSignalState            state,
                      GDateTime               *received,
                      GDateTime               *now)
{
  return sm_signal_is_overdue_on (deadlines, urgency, state, local_day (received), local_day (now));
}

/* --- a step, as one action on the store ------------------------------- */

static char *
minute_of (GDateTime *at)
{
  g_autoptr(GDateTime) now = at ? g_date_time_to_local (at) : g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d %H:%M");
}

/**
 * sm_signal_move:
 * @at: (nullable): when; now when %NULL
 *
 * Takes signal @id one step to @to, if the rules allow it from where it
 * is: the state and the step (who, when, why) are written together or not
 * at all.
 */
gboolean
sm_signal_move (SmStore        *store,
                gint64          id,
                SmSignalState   to,
                const char     *by,
                const char     *note,
                GDateTime      *at,
                GError        **error)
{
  g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, id, error);
  g_autofree char *when = minute_of (at);

  if (signal == NULL || !sm_signal_check_step (signal->state, to, by, note, error))
    return FALSE;
  return sm_store_step_signal (store, id, signal->state, to, when, by, note, error);
}

/**
 * sm_signal_answer:
 * @text: the written answer to the signaller
 *
 * A decided signal's answer: the text and its day with the step to
 * answered, in one action.
 */
gboolean
sm_signal_answer (SmStore     *store,
                  gint64       id,
                  const char  *by,
                  const char  *text,
                  GDateTime   *at,
                  GError     **error)
{
  g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, id, error);
  g_autofree char *when = minute_of (at);
  g_autofree char *day = NULL;

  if (signal == NULL || !sm_signal_check_step (signal->state, SM_SIGNAL_ANSWERED, by, NULL, error))
    return FALSE;
  if (text == NULL || *text == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Write the answer that went to the signaller"));
      return FALSE;
    }
  day = g_strndup (when, 10);
  if (!sm_store_begin (store, error))
    return FALSE;
  if (!sm_store_set_signal_answer (store, id, text, day, error) ||
      !sm_store_step_signal (store, id, signal->state, SM_SIGNAL_ANSWERED, when, by, NULL, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return sm_store_commit (store, error);
}

/**
 * sm_signal_link:
 * @household_id: the household the signal is about
 *
 * Links a signal to an existing household. A signal already decided keeps
 * the household its decision was about.
 */
gboolean
sm_signal_link (SmStore  *store,
                gint64    id,
                gint64    household_id,
                GError  **error)
{
  g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, id, error);
  SmHousehold h = { 0 };

  if (signal == NULL)
    return FALSE;
  if (signal->household_id != household_id && signal->household_id != 0 &&
      signal->state != SM_SIGNAL_RECEIVED && signal->state != SM_SIGNAL_ASSESSED)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("Signal %lld was decided about household %lld; reopen it to link another"),
                   (long long) id, (long long) signal->household_id);
      return FALSE;
    }
  if (!sm_store_get_household (store, household_id, &h, error))
    return FALSE;
  sm_household_clear (&h);
  return sm_store_link_signal (store, id, household_id, error);
}

/**
 * sm_signal_link_new_household:
 * @address: the new household's address, as written
 * @placed: (out) (optional): whether the geocoder placed it
 *
 * Records a new household at @address, placed and reviewed as a case's
 * save places it, and links the signal to it, in one action.
 *
 * Returns: the household's id, or 0 with @error
 */
gint64
sm_signal_link_new_household (SmStore     *store,
                              SmGeocoder  *geocoder,
                              gint64       id,
                              const char  *address,
                              gboolean    *placed,
                              GError     **error)
{
  g_autoptr(SmCaseDraft) draft = sm_case_draft_new ();
  g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, id, error);
  SmCaseSaveResult result = { 0 };

  if (signal == NULL || !sm_store_begin (store, error))
    return 0;
  draft->household.address_raw = g_strdup (address);
  draft->household.synthetic = signal->synthetic;
  if (!sm_case_draft_save (draft, store, geocoder, &result, error) ||
      !sm_signal_link (store, id, result.household_id, error))
    {
      sm_store_rollback (store);
      return 0;
    }
  if (!sm_store_commit (store, error))
    return 0;
  if (placed != NULL)
    *placed = result.geocoded != SM_GEOCODE_NONE;
  return result.household_id;
}
