/* Referrals: the state machine (every forbidden step refused, nothing
 * written), Hungary's working days across holidays, moved rest days and
 * month ends, overdue answers, the loop on the store, the need table and
 * refusals for lack of capacity tied to the service's capacity. */

#include "config.h"

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-case-life.h"
#include "sm-query.h"
#include "sm-referral.h"
#include "sm-store-casework.h"
#include "sm-store-services.h"
#include "sm-test-util.h"
#include "sm-workdays.h"

#define N_STATES 6

/* Allowed steps, from (row) to (column): sent, accepted, declined,
 * started, completed, withdrawn. */
static const gboolean allowed[N_STATES][N_STATES] = {
  { 0, 1, 1, 0, 0, 1 },
  { 0, 0, 1, 1, 0, 1 },
  { 0, 0, 0, 0, 0, 0 },
  { 0, 0, 0, 0, 1, 1 },
  { 0, 0, 0, 0, 0, 0 },
  { 0, 0, 0, 0, 0, 0 },
};

static void
test_steps (void)
{
  for (int from = 0; from < N_STATES; from++)
    for (int to = 0; to < N_STATES; to++)
      {
        g_autoptr(GError) error = NULL;
        SmReferralDecline reason = to == SM_REFERRAL_DECLINED ? SM_DECLINE_NOT_ELIGIBLE : SM_DECLINE_NONE;
        SmReferralOutcome outcome = to == SM_REFERRAL_COMPLETED ? SM_OUTCOME_GOT_HELP : SM_OUTCOME_NONE;
        gboolean ok = sm_referral_check_step (from, to, "Kiss Anna", "ok", reason, outcome, &error);

        if (ok != allowed[from][to])
          g_error ("referral step %d → %d: %s", from, to, ok ? "allowed" : "refused");
        if (!ok)
          g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
      }

  {
    g_autoptr(GError) error = NULL;

    /* A refusal has a reason, a completion an outcome, a withdrawal a
     * note; nothing else carries them; every step says who. */
    g_assert_false (sm_referral_check_step (SM_REFERRAL_SENT, SM_REFERRAL_DECLINED, "Kiss Anna", NULL,
                                            SM_DECLINE_NONE, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_referral_check_step (SM_REFERRAL_SENT, SM_REFERRAL_ACCEPTED, "Kiss Anna", NULL,
                                            SM_DECLINE_NO_CAPACITY, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_referral_check_step (SM_REFERRAL_STARTED, SM_REFERRAL_COMPLETED, "Kiss Anna", NULL,
                                            SM_DECLINE_NONE, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_referral_check_step (SM_REFERRAL_SENT, SM_REFERRAL_WITHDRAWN, "Kiss Anna", " ",
                                            SM_DECLINE_NONE, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_referral_check_step (SM_REFERRAL_SENT, SM_REFERRAL_DECLINED, "Kiss Anna", "",
                                            SM_DECLINE_OTHER, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_referral_check_step (SM_REFERRAL_SENT, SM_REFERRAL_ACCEPTED, "", NULL,
                                            SM_DECLINE_NONE, SM_OUTCOME_NONE, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  }
}

static int
epoch (int y, int m, int d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return sm_date_to_epoch_day (&date);
}

static void
test_holidays (void)
{
  /* Easter Sundays of the Gregorian calendar, from published tables. */
  static const int easter[][3] = {
    { 2000, 4, 23 }, { 2008, 3, 23 }, { 2011, 4, 24 }, { 2019, 4, 21 }, { 2024, 3, 31 },
    { 2025, 4, 20 }, { 2026, 4, 5 }, { 2038, 4, 25 }, { 2285, 3, 22 },
  };
  g_autoptr(SmWorkCalendar) cal = sm_work_calendar_new ();
  GDate d;

  for (guint i = 0; i < G_N_ELEMENTS (easter); i++)
    {
      sm_easter_sunday (easter[i][0], &d);
      g_assert_cmpint (g_date_get_month (&d), ==, easter[i][1]);
      g_assert_cmpint (g_date_get_day (&d), ==, easter[i][2]);
    }

  /* 2025: Good Friday 18 April, Easter Monday 21 April, Whit Monday 9 June;
   * Good Friday is a holiday only since 2017. */
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 4, 18)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 4, 21)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 6, 9)));
  g_assert_true (sm_work_calendar_is_workday (cal, epoch (2025, 4, 17)));
  g_assert_true (sm_work_calendar_is_workday (cal, epoch (2016, 3, 25)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2017, 4, 14)));
  /* Fixed days, weekends. */
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 10, 23)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 12, 26)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 3, 15)));
  g_assert_false (sm_work_calendar_is_workday (cal, epoch (2025, 11, 29)));
  g_assert_true (sm_work_calendar_is_workday (cal, epoch (2025, 12, 22)));

  /* Sent on Friday 17 October 2025 with 2 working days: Monday 20 and
   * Tuesday 21 are worked, so it is due on the 21st. Sent on Wednesday
   * 22 October: the 23rd is a holiday and the 24th a rest day moved by
   * decree; Monday 27 and Tuesday 28 count. */
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 10, 17)), ==, epoch (2025, 10, 21));
  sm_work_calendar_set_day (cal, epoch (2025, 10, 24), FALSE);
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 10, 22)), ==, epoch (2025, 10, 28));
  /* A worked Saturday counts: 18 October 2025 set as worked. */
  sm_work_calendar_set_day (cal, epoch (2025, 10, 18), TRUE);
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 10, 17)), ==, epoch (2025, 10, 20));

  /* Across a month end and the year's end: Tuesday 30 December 2025 + 2:
   * the 31st, then 1 January is a holiday, so Friday 2 January. */
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 12, 30)), ==, epoch (2026, 1, 2));
  /* Friday 28 February 2025 + 2 → Tuesday 4 March. */
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 2, 28)), ==, epoch (2025, 3, 4));
  /* Christmas: Tuesday 23 December 2025 + 2 → 24th, then 29th. */
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2025, 12, 23)), ==, epoch (2025, 12, 29));
  /* Over Easter 2026 (Good Friday 3 April, Monday 6 April): Thursday
   * 2 April + 2 → Wednesday 8 April. */
  g_assert_cmpint (sm_referral_due_day (cal, 2, epoch (2026, 4, 2)), ==, epoch (2026, 4, 8));

  g_assert_cmpint (sm_work_calendar_count (cal, epoch (2025, 12, 19), epoch (2026, 1, 5)), ==, 8);
  /* The answer days are 1 to 14. */
  g_assert_cmpint (sm_referral_due_day (cal, 40, epoch (2026, 1, 5)), ==,
                   sm_referral_due_day (cal, 14, epoch (2026, 1, 5)));

  /* Overdue only while unanswered, from the day after the due day. */
  g_assert_false (sm_referral_is_overdue_on (cal, 2, SM_REFERRAL_SENT, epoch (2025, 12, 30), epoch (2026, 1, 2)));
  g_assert_true (sm_referral_is_overdue_on (cal, 2, SM_REFERRAL_SENT, epoch (2025, 12, 30), epoch (2026, 1, 3)));
  g_assert_false (sm_referral_is_overdue_on (cal, 2, SM_REFERRAL_ACCEPTED, epoch (2025, 12, 30),
                                             epoch (2026, 2, 3)));
}

static SmStore *
new_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "referral.db", NULL);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_service (SmStore    *store,
             const char *type,
             const char *name,
             gint64     *location)
{
  g_autoptr(GError) error = NULL;
  SmOrganization org = { .name = (char *) "Tatai Szociális Központ", .kind = (char *) "municipal" };
  SmService s = { .service_type = (char *) type, .name = (char *) name, .capacity = -1, .age_min = -1,
                  .age_max = -1, .status = (char *) "active" };
  SmLocation l = { .name = (char *) "Központ", .address_raw = (char *) "Ady Endre utca 2.",
                   .settlement = (char *) "Tata", .has_location = TRUE, .lat = 47.65, .lon = 18.32,
                   .quality = SM_GEOCODE_ADDRESS };
  gint64 id;

  s.organization_id = org.id = sm_store_add_organization (store, &org, &error);
  g_assert_no_error (error);
  id = sm_store_add_service (store, &s, &error);
  g_assert_no_error (error);
  l.organization_id = org.id;
  *location = sm_store_add_location (store, &l, &error);
  g_assert_no_error (error);
  g_assert_true (sm_store_link_service_location (store, id, *location, &error));
  return id;
}

static GDate *
day (GDate *d, int y, int m, int dd)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, dd, m, y);
  return d;
}

/* A case is referred to family support, which accepts, starts and
 * completes: the loop is closed, each step kept with who and when. */
static void
test_loop_on_the_store (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-referral");
  g_autoptr(SmStore) store = new_store (dir);
  g_autoptr(GError) error = NULL;
  char *needs[] = { "jovedelem_adossag", "lakhatas", NULL };
  char *bad_needs[] = { "nincs_ilyen", NULL };
  gint64 location, other_location, household, other, service, meals, c, id, steps;
  g_autoptr(SmReferralRecord) r = NULL;
  g_autoptr(GPtrArray) list = NULL, history = NULL;
  SmReferralQuery open = { .open_only = TRUE };
  SmReferralRules rules;
  GDate on;

  service = add_service (store, "csaladsegites", "Család- és gyermekjóléti szolgálat", &location);
  meals = add_service (store, "etkeztetes", "Szociális étkeztetés", &other_location);
  household = sm_test_add_household (store, "2890 Tata, Ady Endre utca 5.", TRUE, 47.65, 18.32);
  other = sm_test_add_household (store, "2890 Tata, Ady Endre utca 7.", TRUE, 47.65, 18.32);
  c = sm_case_open (store, household, 0, "Kiss Anna", day (&on, 2025, 10, 1), FALSE, &error);
  g_assert_no_error (error);

  {
    SmReferralRecord d = { .household_id = household, .case_id = c, .service_id = service,
                           .location_id = location, .reason = (char *) "Lakbérhátralék", .urgency = (char *) "urgent",
                           .consent = TRUE, .sent_on = (char *) "2025-10-17", .sent_by = (char *) "Kiss Anna",
                           .needs = needs };
    SmReferralRecord bad = d;

    /* Refused, nothing written: no consent without a ground, no reason,
     * a case of another household, a location where the service is not,
     * an unknown need, a service not active. */
    bad.consent = FALSE;
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    bad = d;
    bad.reason = (char *) "  ";
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    bad = d;
    bad.household_id = other;
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
    g_clear_error (&error);
    bad = d;
    bad.location_id = other_location;
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
    g_clear_error (&error);
    bad = d;
    bad.needs = bad_needs;
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (sm_store_set_service_status (store, meals, "temporarily_closed", &error));
    bad = d;
    bad.service_id = meals;
    bad.location_id = other_location;
    g_assert_cmpint (sm_referral_send (store, &bad, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral"), ==, 0);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral_need"), ==, 0);

    id = sm_referral_send (store, &d, &error);
    g_assert_no_error (error);
  }

  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->state, ==, "sent");
  g_assert_cmpuint (g_strv_length (r->needs), ==, 2);
  g_assert_cmpstr (r->organization_name, ==, "Tatai Szociális Központ");
  g_assert_cmpstr (r->location_name, ==, "Központ");

  /* Overdue after two working days without an answer. */
  g_assert_true (sm_referral_rules_load (store, &rules, &error));
  g_assert_cmpint (rules.answer_days, ==, 2);
  g_assert_false (sm_referral_record_is_overdue (&rules, r, epoch (2025, 10, 21)));
  g_assert_true (sm_referral_record_is_overdue (&rules, r, epoch (2025, 10, 22)));
  sm_referral_rules_clear (&rules);
  /* On the map: the place of the service it was sent to counts it once
   * overdue, and only then. */
  {
    g_autoptr(GPtrArray) points = sm_store_list_service_points (store, NULL, &error);
    guint at_place = 0, elsewhere = 0;

    g_assert_true (sm_referral_mark_overdue_points (store, points, epoch (2025, 10, 21), &error));
    for (guint i = 0; i < points->len; i++)
      at_place += ((SmServicePoint *) points->pdata[i])->n_overdue;
    g_assert_cmpuint (at_place, ==, 0);
    g_assert_true (sm_referral_mark_overdue_points (store, points, epoch (2025, 10, 22), &error));
    g_assert_no_error (error);
    for (guint i = 0; i < points->len; i++)
      {
        const SmServicePoint *p = points->pdata[i];
        g_autofree char *place = g_strdup_printf ("%lld", (long long) r->location_id);
        g_auto(GStrv) ids = g_strsplit (p->location_ids, ",", -1);

        if (g_strv_contains ((const char * const *) ids, place))
          at_place += p->n_overdue;
        else
          elsewhere += p->n_overdue;
      }
    g_assert_cmpuint (at_place, ==, 1);
    g_assert_cmpuint (elsewhere, ==, 0);
  }
  /* A moved rest day on the 20th pushes the due day to the 22nd. */
  g_assert_true (sm_store_set_workday_exception (store, "2025-10-20", FALSE, "áthelyezett pihenőnap", &error));
  g_assert_true (sm_referral_rules_load (store, &rules, &error));
  g_assert_false (sm_referral_record_is_overdue (&rules, r, epoch (2025, 10, 22)));
  sm_referral_rules_clear (&rules);
  /* The year's unusual days: the law's holidays on weekdays, the moved
   * rest day by its name, a worked Saturday; no plain day, no holiday
   * that falls on a weekend (1 November 2025 is a Saturday). */
  g_assert_true (sm_store_set_workday_exception (store, "2025-10-18", TRUE, NULL, &error));
  {
    g_autoptr(GPtrArray) days = sm_referral_unusual_days (store, 2025, &error);
    g_autoptr(GString) seen = g_string_new (NULL);

    g_assert_no_error (error);
    for (guint i = 0; i < days->len; i++)
      {
        const SmCalendarDay *u = days->pdata[i];

        g_string_append_printf (seen, "%s %s %s%s;", u->day, u->worked ? "worked" : "off", u->why ? u->why : "",
                                u->exception ? " *" : "");
      }
    g_assert_cmpstr (seen->str, ==,
                     "2025-01-01 off New Year's Day;"
                     "2025-04-18 off Good Friday;"
                     "2025-04-21 off Easter Monday;"
                     "2025-05-01 off Labour Day;"
                     "2025-06-09 off Whit Monday;"
                     "2025-08-20 off State Foundation Day (20 August);"
                     "2025-10-18 worked working day *;"
                     "2025-10-20 off áthelyezett pihenőnap *;"
                     "2025-10-23 off National Day (23 October);"
                     "2025-12-25 off Christmas Day;"
                     "2025-12-26 off Second Day of Christmas;");
    g_assert_null (sm_referral_unusual_days (store, 99, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_true (sm_store_remove_workday_exception (store, "2025-10-18", &error));
  g_assert_false (sm_referral_set_answer_days (store, 15, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  /* A forbidden step writes nothing: completing a referral only sent. */
  steps = sm_test_scalar (store, "SELECT count(*) FROM referral_step");
  g_assert_false (sm_referral_move (store, id, SM_REFERRAL_COMPLETED, "Szabó Éva", NULL, SM_DECLINE_NONE,
                                    SM_OUTCOME_GOT_HELP, day (&on, 2025, 10, 20), &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral_step"), ==, steps);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral WHERE state = 'sent'"), ==, 1);
  /* Nor a step before the referral was sent. */
  g_assert_false (sm_referral_move (store, id, SM_REFERRAL_ACCEPTED, "Szabó Éva", NULL, SM_DECLINE_NONE,
                                    SM_OUTCOME_NONE, day (&on, 2025, 10, 16), &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  list = sm_store_list_referrals (store, &open, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (sm_referral_move (store, id, SM_REFERRAL_ACCEPTED, "Szabó Éva", NULL, SM_DECLINE_NONE,
                                   SM_OUTCOME_NONE, day (&on, 2025, 10, 20), &error));
  g_assert_true (sm_referral_move (store, id, SM_REFERRAL_STARTED, "Szabó Éva", "Első találkozás",
                                   SM_DECLINE_NONE, SM_OUTCOME_NONE, day (&on, 2025, 10, 27), &error));
  g_assert_true (sm_referral_move (store, id, SM_REFERRAL_COMPLETED, "Szabó Éva", "Részletfizetés",
                                   SM_DECLINE_NONE, SM_OUTCOME_GOT_HELP, day (&on, 2025, 12, 1), &error));
  g_assert_no_error (error);
  g_clear_pointer (&r, sm_referral_record_free);
  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->state, ==, "completed");
  g_assert_cmpstr (r->answered_on, ==, "2025-10-20");
  g_assert_cmpstr (r->closed_on, ==, "2025-12-01");
  g_assert_cmpstr (r->outcome, ==, "got_help");
  g_assert_true (sm_referral_loop_closed (SM_REFERRAL_COMPLETED));
  history = sm_store_list_referral_steps (store, id, &error);
  g_assert_cmpuint (history->len, ==, 4);
  g_assert_null (((SmReferralStepRecord *) history->pdata[0])->from_state);
  g_assert_cmpstr (((SmReferralStepRecord *) history->pdata[3])->by_whom, ==, "Szabó Éva");
  /* Nothing leaves a closed loop. */
  g_assert_false (sm_referral_move (store, id, SM_REFERRAL_WITHDRAWN, "Kiss Anna", "tévedés", SM_DECLINE_NONE,
                                    SM_OUTCOME_NONE, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  list = sm_store_list_referrals (store, &open, &error);
  g_assert_cmpuint (list->len, ==, 0);
  sm_test_remove_dir (dir);
}

/* A refusal for lack of capacity keeps the service's capacity and waiting
 * list of that moment; the capacity rows count such refusals. */
static void
test_no_capacity (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-referral");
  g_autoptr(SmStore) store = new_store (dir);
  g_autoptr(GError) error = NULL;
  gint64 location, service, household, id;
  g_autoptr(SmReferralRecord) r = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SmCapacityRow *row;
  GDate on;

  service = add_service (store, "nappali_ellatas_idosek", "Idősek klubja", &location);
  household = sm_test_add_household (store, "2890 Tata, Ady Endre utca 5.", TRUE, 47.65, 18.32);
  g_assert_true (sm_store_set_service_capacity (store, service, "férőhely", 0, 30, "2025-10-01", &error));
  g_assert_false (sm_store_set_service_capacity (store, service, "férőhely", 31, 30, "2025-10-01", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sm_store_set_service_waiting_list (store, service, 7, &error));
  {
    SmReferralRecord d = { .household_id = household, .service_id = service, .location_id = location,
                           .reason = (char *) "Napközbeni felügyelet", .consent = FALSE,
                           .consent_note = (char *) "Gondnok kérte", .sent_on = (char *) "2025-10-06",
                           .sent_by = (char *) "Kiss Anna" };

    id = sm_referral_send (store, &d, &error);
    g_assert_no_error (error);
  }
  g_assert_true (sm_referral_move (store, id, SM_REFERRAL_DECLINED, "Tóth Béla", NULL, SM_DECLINE_NO_CAPACITY,
                                   SM_OUTCOME_NONE, day (&on, 2025, 10, 7), &error));
  g_assert_no_error (error);
  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->decline_reason, ==, "no_capacity");
  g_assert_cmpint (r->capacity_available, ==, 0);
  g_assert_cmpint (r->waiting_list, ==, 7);
  g_assert_true (sm_referral_loop_closed (SM_REFERRAL_DECLINED));

  rows = sm_store_list_capacity_rows (store, "2025-01-01", "2025-12-31", &error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpint (row->received, ==, 1);
  g_assert_cmpint (row->declined_no_capacity, ==, 1);
  g_assert_cmpint (row->maximum, ==, 30);
  g_assert_cmpint (row->waiting_list, ==, 7);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = sm_store_list_capacity_rows (store, "2026-01-01", NULL, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  sm_test_remove_dir (dir);
}

/* The seeded need table, edited; the services that answer a need. */
static void
test_need_table (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-referral");
  g_autoptr(SmStore) store = new_store (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL, places = NULL;
  gint64 location, n;
  gboolean debt = FALSE;

  rows = sm_store_list_need_services (store, &error);
  g_assert_no_error (error);
  n = rows->len;
  g_assert_cmpint (n, >=, 30);
  for (guint i = 0; i < rows->len; i++)
    {
      SmNeedService *row = rows->pdata[i];

      debt |= g_str_equal (row->category, "lakhatas") && g_str_equal (row->service_type, "adossagkezeles");
    }
  g_assert_true (debt);
  /* Housing → family support and debt management; elderly care → meals. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM need_service n JOIN need_category c"
                                          " ON c.id = n.category_id JOIN service_type t ON t.id = n.service_type_id"
                                          " WHERE c.code = 'idos_gondozas' AND t.code IN ('etkeztetes',"
                                          " 'hazi_segitsegnyujtas', 'jelzorendszeres_hazi_segitsegnyujtas',"
                                          " 'nappali_ellatas_idosek')"), ==, 4);

  add_service (store, "etkeztetes", "Szociális étkeztetés", &location);
  places = sm_store_list_service_places (store, "idos_gondozas", &error);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_cmpstr (((SmServicePlace *) places->pdata[0])->service_type, ==, "etkeztetes");
  g_clear_pointer (&places, g_ptr_array_unref);
  places = sm_store_list_service_places (store, "lakhatas", &error);
  g_assert_cmpuint (places->len, ==, 0);
  g_clear_pointer (&places, g_ptr_array_unref);

  g_assert_true (sm_store_set_need_service (store, "lakhatas", "etkeztetes", TRUE, &error));
  places = sm_store_list_service_places (store, "lakhatas", &error);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_true (sm_store_set_need_service (store, "lakhatas", "etkeztetes", FALSE, &error));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM need_service"), ==, n);
  g_assert_false (sm_store_set_need_service (store, "lakhatas", "nincs", TRUE, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sm_store_set_need_service (store, "nincs", "etkeztetes", TRUE, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/referral/steps", test_steps);
  g_test_add_func ("/referral/working-days", test_holidays);
  g_test_add_func ("/referral/loop-on-the-store", test_loop_on_the_store);
  g_test_add_func ("/referral/no-capacity", test_no_capacity);
  g_test_add_func ("/referral/need-table", test_need_table);
  return g_test_run ();
}
