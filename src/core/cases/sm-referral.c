#define G_LOG_DOMAIN "sm-referral"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-text.h"
#include "sm-query.h"
#include "sm-referral.h"
#include "sm-store-casework.h"
#include "sm-store-services.h"
#include "sm-store-signals.h"

const char *
sm_referral_state_name (SmReferralState state)
{
  switch (state)
    {
    case SM_REFERRAL_SENT:
      return _("sent");
    case SM_REFERRAL_ACCEPTED:
      return _("accepted");
    case SM_REFERRAL_DECLINED:
      return _("declined");
    case SM_REFERRAL_STARTED:
      return _("started");
    case SM_REFERRAL_COMPLETED:
      return _("completed");
    case SM_REFERRAL_WITHDRAWN:
      return _("withdrawn");
    default:
      return "?";
    }
}

const char *
sm_referral_decline_name (SmReferralDecline reason)
{
  switch (reason)
    {
    case SM_DECLINE_NO_CAPACITY:
      return _("no free capacity");
    case SM_DECLINE_NOT_ELIGIBLE:
      return _("not eligible");
    case SM_DECLINE_COULD_NOT_CONTACT:
      return _("could not contact the client");
    case SM_DECLINE_CLIENT_DECLINED:
      return _("the client declined");
    case SM_DECLINE_REFERRED_ELSEWHERE:
      return _("referred elsewhere");
    case SM_DECLINE_OTHER:
      return _("another reason");
    case SM_DECLINE_NONE:
    default:
      return "";
    }
}

const char *
sm_referral_outcome_name (SmReferralOutcome outcome)
{
  switch (outcome)
    {
    case SM_OUTCOME_GOT_HELP:
      return _("got help");
    case SM_OUTCOME_PARTLY:
      return _("partly helped");
    case SM_OUTCOME_NOT_HELPED:
      return _("not helped");
    case SM_OUTCOME_NONE:
    default:
      return "";
    }
}

/* Open: the loop still waits for someone. */
gboolean
sm_referral_is_open (SmReferralState state)
{
  return state == SM_REFERRAL_SENT || state == SM_REFERRAL_ACCEPTED || state == SM_REFERRAL_STARTED;
}

/* Closed by the receiving service's last answer: declined or completed. A
 * withdrawn referral is no longer open, but its loop was never closed. */
gboolean
sm_referral_loop_closed (SmReferralState state)
{
  return state == SM_REFERRAL_DECLINED || state == SM_REFERRAL_COMPLETED;
}

/**
 * sm_referral_check_step:
 * @by: who takes the step; it is recorded
 * @note: (nullable): why; a withdrawal and a refusal for another reason
 *   need one
 * @reason: with @to %SM_REFERRAL_DECLINED, why (not %SM_DECLINE_NONE);
 *   else %SM_DECLINE_NONE
 * @outcome: with @to %SM_REFERRAL_COMPLETED, how it ended; else
 *   %SM_OUTCOME_NONE
 *
 * Whether a referral may go from @from to @to: sent → accepted, declined
 * or withdrawn; accepted → started, declined or withdrawn; started →
 * completed or withdrawn. Nothing leaves declined, completed or withdrawn.
 */
gboolean
sm_referral_check_step (SmReferralState    from,
                        SmReferralState    to,
                        const char        *by,
                        const char        *note,
                        SmReferralDecline  reason,
                        SmReferralOutcome  outcome,
                        GError           **error)
{
  gboolean allowed =
    (from == SM_REFERRAL_SENT && (to == SM_REFERRAL_ACCEPTED || to == SM_REFERRAL_DECLINED)) ||
    (from == SM_REFERRAL_ACCEPTED && (to == SM_REFERRAL_STARTED || to == SM_REFERRAL_DECLINED)) ||
    (from == SM_REFERRAL_STARTED && to == SM_REFERRAL_COMPLETED) ||
    (sm_referral_is_open (from) && to == SM_REFERRAL_WITHDRAWN);

  if (!allowed)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("A referral that is %s cannot become %s: a referral is sent, then accepted or "
                     "declined, started, completed; an open one may be withdrawn"),
                   sm_referral_state_name (from), sm_referral_state_name (to));
      return FALSE;
    }
  if (sm_text_is_blank (by))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who takes this step of the referral: it is recorded"));
      return FALSE;
    }
  if ((to == SM_REFERRAL_DECLINED) != (reason != SM_DECLINE_NONE))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, to == SM_REFERRAL_DECLINED
                   ? _("A referral is declined with a reason")
                   : _("Only a declined referral has a reason for the refusal"));
      return FALSE;
    }
  if ((to == SM_REFERRAL_COMPLETED) != (outcome != SM_OUTCOME_NONE))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, to == SM_REFERRAL_COMPLETED
                   ? _("A referral is completed with its outcome: got help, partly or not helped")
                   : _("Only a completed referral has an outcome"));
      return FALSE;
    }
  if ((to == SM_REFERRAL_WITHDRAWN || reason == SM_DECLINE_OTHER) && sm_text_is_blank (note))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, to == SM_REFERRAL_WITHDRAWN
                   ? _("A referral is withdrawn with a reason")
                   : _("Say in the note why the referral is declined"));
      return FALSE;
    }
  return TRUE;
}

/* The last day the service may answer a referral sent on @sent_day. */
int
sm_referral_due_day (SmWorkCalendar *calendar,
                     int             answer_days,
                     int             sent_day)
{
  return sm_work_calendar_add (calendar, sent_day,
                               CLAMP (answer_days, 1, SM_REFERRAL_ANSWER_DAYS_MAX));
}

/**
 * sm_referral_is_overdue_on:
 *
 * Overdue: still only sent (no answer) on a day after its due day.
 */
gboolean
sm_referral_is_overdue_on (SmWorkCalendar  *calendar,
                           int              answer_days,
                           SmReferralState  state,
                           int              sent_day,
                           int              today)
{
  return state == SM_REFERRAL_SENT && today > sm_referral_due_day (calendar, answer_days, sent_day);
}

/**
 * sm_referral_rules_load:
 * @rules: (out caller-allocates): the calendar of working days (Hungary's,
 *   with the database's exceptions) and the answer's working days
 */
gboolean
sm_referral_rules_load (SmStore          *store,
                        SmReferralRules  *rules,
                        GError          **error)
{
  g_autoptr(GPtrArray) days = sm_store_list_workday_exceptions (store, error);
  int answer = SM_REFERRAL_ANSWER_DAYS_DEFAULT;

  rules->calendar = NULL;
  if (days == NULL || !sm_store_get_deadline (store, "referral_answer", &answer, error))
    return FALSE;
  rules->calendar = sm_work_calendar_new ();
  rules->answer_days = CLAMP (answer, 1, SM_REFERRAL_ANSWER_DAYS_MAX);
  for (guint i = 0; i < days->len; i++)
    {
      SmWorkdayException *e = g_ptr_array_index (days, i);
      GDate d;

      if (sm_date_parse_iso (e->day, &d, NULL))
        sm_work_calendar_set_day (rules->calendar, sm_date_to_epoch_day (&d), e->workday);
    }
  return TRUE;
}

void
sm_referral_rules_clear (SmReferralRules *rules)
{
  g_clear_pointer (&rules->calendar, sm_work_calendar_unref);
}

void
sm_calendar_day_free (SmCalendarDay *day)
{
  g_free (day->day);
  g_free (day->why);
  g_free (day);
}

/**
 * sm_referral_unusual_days:
 * @year: between SM_DATE_MIN_YEAR and SM_DATE_MAX_YEAR
 *
 * Returns: (transfer full) (element-type SmCalendarDay): the days of @year
 *   the referrals' calendar has otherwise than a plain week, in order: a
 *   weekday off, a weekend worked, a public holiday
 */
GPtrArray *
sm_referral_unusual_days (SmStore  *store,
                          int       year,
                          GError  **error)
{
  g_autoptr(GPtrArray) exceptions = NULL;
  g_autoptr(GPtrArray) days = NULL;
  SmReferralRules rules;
  GDate d;

  if (year < SM_DATE_MIN_YEAR || year > SM_DATE_MAX_YEAR)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("%d is not a year"), year);
      return NULL;
    }
  if ((exceptions = sm_store_list_workday_exceptions (store, error)) == NULL ||
      !sm_referral_rules_load (store, &rules, error))
    return NULL;
  days = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_calendar_day_free);
  g_date_clear (&d, 1);
  for (g_date_set_dmy (&d, 1, 1, year); g_date_get_year (&d) == year; g_date_add_days (&d, 1))
    {
      GDateWeekday weekday = g_date_get_weekday (&d);
      gboolean weekend = weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
      gboolean worked = sm_work_calendar_is_workday (rules.calendar, sm_date_to_epoch_day (&d));
      const char *holiday = sm_hungarian_public_holiday (&d);
      g_autofree char *iso = sm_date_to_iso (&d);
      SmCalendarDay *day;

      if (!(worked == weekend || (holiday != NULL && !weekend)))
        continue;
      day = g_new0 (SmCalendarDay, 1);
      day->day = g_steal_pointer (&iso);
      day->worked = worked;
      day->why = g_strdup (holiday);
      for (guint i = 0; i < exceptions->len; i++)
        {
          SmWorkdayException *e = g_ptr_array_index (exceptions, i);

          if (g_str_equal (e->day, day->day))
            {
              g_free (day->why);
              day->why = g_strdup (e->name ? e->name : (e->workday ? _("working day") : _("rest day")));
              day->exception = TRUE;
            }
        }
      g_ptr_array_add (days, day);
    }
  sm_referral_rules_clear (&rules);
  return g_steal_pointer (&days);
}

gboolean
sm_referral_record_is_overdue (const SmReferralRules  *rules,
                               const SmReferralRecord *r,
                               int                     today)
{
  int state = 0;
  GDate sent;

  return sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &state) &&
         sm_date_parse_iso (r->sent_on, &sent, NULL) &&
         sm_referral_is_overdue_on (rules->calendar, rules->answer_days, state,
                                    sm_date_to_epoch_day (&sent), today);
}

/**
 * sm_referral_set_answer_days:
 *
 * The working days a receiving service has to answer, 1 to 14.
 */
gboolean
sm_referral_set_answer_days (SmStore  *store,
                             int       days,
                             GError  **error)
{
  if (days < 1 || days > SM_REFERRAL_ANSWER_DAYS_MAX)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A referral is answered within 1 to %d working days"), SM_REFERRAL_ANSWER_DAYS_MAX);
      return FALSE;
    }
  return sm_store_set_deadline (store, "referral_answer", days, error);
}

/* The household a signal or a case is about must be the referral's. */
static gboolean
same_household (SmStore                *store,
                const SmReferralRecord *d,
                GError                **error)
{
  if (d->signal_id != 0)
    {
      g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, d->signal_id, error);

      if (signal == NULL)
        return FALSE;
      if (signal->household_id != d->household_id)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                       _("Signal %lld is not about household %lld; link it first"),
                       (long long) d->signal_id, (long long) d->household_id);
          return FALSE;
        }
    }
  if (d->case_id != 0)
    {
      g_autoptr(SmCaseFileRecord) file = sm_store_get_case_file (store, d->case_id, error);

      if (file == NULL)
        return FALSE;
      if (file->household_id != d->household_id)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT, _("Case %lld is not household %lld's"),
                       (long long) d->case_id, (long long) d->household_id);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sm_referral_send:
 * @draft: the household, the service (and location), the reason, the
 *   needs, the urgency, the consent, who sends it and on which day (today
 *   when %NULL)
 *
 * Sends a referral if it may go: it says who sends it and why; the client
 * consented, or the note says on what ground without consent; it goes to
 * an active service; a signal or case it comes from is the household's.
 *
 * Returns: its id, or 0 with @error (nothing written)
 */
gint64
sm_referral_send (SmStore                *store,
                  const SmReferralRecord *draft,
                  GError                **error)
{
  static const char * const urgencies[] = { "immediate", "urgent", "normal", NULL };
  SmReferralRecord d = *draft;
  g_autofree char *today = NULL;
  g_autofree char *status = NULL;

  if (sm_text_is_blank (d.sent_by))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who sends the referral: it is recorded"));
      return 0;
    }
  if (sm_text_is_blank (d.reason))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say why the client is referred"));
      return 0;
    }
  if (!d.consent && sm_text_is_blank (d.consent_note))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Without the client's consent, say on what ground the referral is sent"));
      return 0;
    }
  if (d.urgency != NULL && !g_strv_contains (urgencies, d.urgency))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not an urgency; use immediate, urgent or normal"), d.urgency);
      return 0;
    }
  status = sm_store_get_service_status (store, d.service_id, error);
  if (status == NULL)
    return 0;
  if (!g_str_equal (status, "active"))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("Service %lld is not active (%s); refer the client to another"),
                   (long long) d.service_id, status);
      return 0;
    }
  if (!same_household (store, &d, error))
    return 0;
  if (d.sent_on == NULL)
    d.sent_on = today = sm_date_today_iso ();
  return sm_store_add_referral (store, &d, error);
}

/**
 * sm_referral_move:
 * @on: (nullable): the day; today when %NULL
 *
 * Takes referral @id to @to if the rules allow it from where it is; the
 * state and the step (who, when, why) are written together.
 */
gboolean
sm_referral_move (SmStore           *store,
                  gint64             id,
                  SmReferralState    to,
                  const char        *by,
                  const char        *note,
                  SmReferralDecline  reason,
                  SmReferralOutcome  outcome,
                  const GDate       *on,
                  GError           **error)
{
  g_autoptr(SmReferralRecord) r = sm_store_get_referral (store, id, error);
  g_autofree char *day = on != NULL ? sm_date_to_iso (on) : sm_date_today_iso ();
  int from = 0;

  if (r == NULL)
    return FALSE;
  if (!sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &from))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("Referral %lld has an unknown state “%s”"),
                   (long long) id, r->state);
      return FALSE;
    }
  if (!sm_referral_check_step (from, to, by, note, reason, outcome, error))
    return FALSE;
  if (g_strcmp0 (day, r->sent_on) < 0 || (r->answered_on != NULL && g_strcmp0 (day, r->answered_on) < 0))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Referral %lld's last step was on %s; a step cannot come before"),
                   (long long) id, r->answered_on ? r->answered_on : r->sent_on);
      return FALSE;
    }
  return sm_store_step_referral (store, id, r->state, sm_enum_to_nick (SM_TYPE_REFERRAL_STATE, to), day, by, note,
                                 reason != SM_DECLINE_NONE ? sm_enum_to_nick (SM_TYPE_REFERRAL_DECLINE, reason) : NULL,
                                 outcome != SM_OUTCOME_NONE ? sm_enum_to_nick (SM_TYPE_REFERRAL_OUTCOME, outcome) : NULL,
                                 error);
}

/**
 * sm_referral_overdue_by_location:
 * @today: days since 1970-01-01
 *
 * Returns: (transfer full): location id (gint64) → the number of referrals
 *   to a service there that are overdue on @today (still only sent after
 *   the working days to answer); %NULL with @error
 */
GHashTable *
sm_referral_overdue_by_location (SmStore  *store,
                                 int       today,
                                 GError  **error)
{
  SmReferralQuery open = { .open_only = TRUE };
  g_autoptr(GPtrArray) referrals = sm_store_list_referrals (store, &open, error);
  GHashTable *at;
  SmReferralRules rules;

  if (referrals == NULL || !sm_referral_rules_load (store, &rules, error))
    return NULL;
  at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < referrals->len; i++)
    {
      const SmReferralRecord *r = g_ptr_array_index (referrals, i);

      if (r->location_id != 0 && sm_referral_record_is_overdue (&rules, r, today))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (at, &r->location_id));

          g_hash_table_insert (at, g_memdup2 (&r->location_id, sizeof r->location_id), GUINT_TO_POINTER (n + 1));
        }
    }
  sm_referral_rules_clear (&rules);
  return at;
}

/**
 * sm_referral_count_overdue_at:
 * @points: (element-type SmServicePoint): the map's service places
 * @by_location: (nullable): from sm_referral_overdue_by_location()
 *
 * Sets each place's number of overdue referrals, summed over its
 * locations.
 */
void
sm_referral_count_overdue_at (GPtrArray  *points,
                              GHashTable *by_location)
{
  for (guint i = 0; i < points->len; i++)
    {
      SmServicePoint *p = g_ptr_array_index (points, i);
      g_auto(GStrv) ids = NULL;

      p->n_overdue = 0;
      if (by_location == NULL || g_hash_table_size (by_location) == 0)
        continue;
      ids = g_strsplit (p->location_ids ? p->location_ids : "", ",", -1);
      for (guint k = 0; ids[k] != NULL; k++)
        {
          gint64 id = g_ascii_strtoll (ids[k], NULL, 10);

          p->n_overdue += GPOINTER_TO_UINT (g_hash_table_lookup (by_location, &id));
        }
    }
}

/**
 * sm_referral_mark_overdue_points:
 * @points: (element-type SmServicePoint): the map's service places
 * @today: days since 1970-01-01
 *
 * Counts at each place the referrals to a service there that are overdue
 * on @today: sm_referral_overdue_by_location() and
 * sm_referral_count_overdue_at() in one.
 */
gboolean
sm_referral_mark_overdue_points (SmStore    *store,
                                 GPtrArray  *points,
                                 int         today,
                                 GError    **error)
{
  g_autoptr(GHashTable) at = sm_referral_overdue_by_location (store, today, error);

  if (at == NULL)
    return FALSE;
  sm_referral_count_overdue_at (points, at);
  return TRUE;
}
