/* A signal's life: every step of the state machine, allowed or refused
 * with a clear error; who and why; deadlines across month ends, leap
 * days, summer time and the year's end; overdue. */

#include "config.h"

#include "sm-error.h"
#include "sm-signal.h"
#include "sm-store-signals.h"
#include "sm-test-util.h"

#define N_STATES 7

/* Allowed steps, from (row) to (column): received, assessed, case opened,
 * referred, in care, unfounded, answered. */
static const gboolean allowed[N_STATES][N_STATES] = {
  { 0, 1, 0, 0, 0, 0, 0 },
  { 0, 0, 1, 1, 1, 1, 0 },
  { 1, 0, 0, 0, 0, 0, 1 },
  { 1, 0, 0, 0, 0, 0, 1 },
  { 1, 0, 0, 0, 0, 0, 1 },
  { 1, 0, 0, 0, 0, 0, 1 },
  { 1, 0, 0, 0, 0, 0, 0 },
};

static void
test_steps (void)
{
  for (int from = 0; from < N_STATES; from++)
    for (int to = 0; to < N_STATES; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean ok = sm_signal_check_step (from, to, "Kiss Anna", "a reason", &error);

        if (ok != allowed[from][to])
          g_error ("step %d → %d: %s, expected %s", from, to, ok ? "allowed" : "refused",
                   allowed[from][to] ? "allowed" : "refused");
        if (!ok)
          {
            g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
            g_assert_nonnull (strstr (error->message, "cannot become"));
          }
      }
}

/* Every step is someone's; a reopening needs its reason. */
static void
test_who_and_why (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (sm_signal_check_step (SM_SIGNAL_RECEIVED, SM_SIGNAL_ASSESSED, NULL, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sm_signal_check_step (SM_SIGNAL_RECEIVED, SM_SIGNAL_ASSESSED, "  ", NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sm_signal_check_step (SM_SIGNAL_RECEIVED, SM_SIGNAL_ASSESSED, "Kiss Anna", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (sm_signal_check_step (SM_SIGNAL_ANSWERED, SM_SIGNAL_RECEIVED, "Kiss Anna", NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sm_signal_check_step (SM_SIGNAL_UNFOUNDED, SM_SIGNAL_RECEIVED, "Kiss Anna", "", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sm_signal_check_step (SM_SIGNAL_UNFOUNDED, SM_SIGNAL_RECEIVED, "Kiss Anna",
                                       "the school signalled again", &error));
}

static GDateTime *
local (int y, int m, int d, int h, int min)
{
  return g_date_time_new_local (y, m, d, h, min, 0);
}

static void
expect_deadline (SmSignalUrgency urgency,
                 gboolean        answer,
                 GDateTime      *received,
                 int             y,
                 int             m,
                 int             d)
{
  g_autoptr(GDateTime) deadline = sm_signal_deadline (NULL, urgency, received, answer);

  g_assert_cmpint (g_date_time_get_year (deadline), ==, y);
  g_assert_cmpint (g_date_time_get_month (deadline), ==, m);
  g_assert_cmpint (g_date_time_get_day_of_month (deadline), ==, d);
  g_assert_cmpint (g_date_time_get_hour (deadline), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (deadline), ==, 0);
}

/* Calendar days after the day of receipt (Budapest time): the deadline is
 * the start of the day after the last one allowed. */
static void
test_deadlines (void)
{
  g_autoptr(GDateTime) month_end = local (2024, 1, 31, 16, 45);
  g_autoptr(GDateTime) leap = local (2024, 2, 28, 9, 0);
  g_autoptr(GDateTime) year_end = local (2024, 12, 31, 23, 50);
  g_autoptr(GDateTime) spring = local (2024, 3, 30, 12, 0);
  g_autoptr(GDateTime) autumn = local (2024, 10, 26, 12, 0);
  g_autoptr(GDateTime) spring_deadline = NULL, autumn_deadline = NULL;

  expect_deadline (SM_URGENCY_NORMAL, FALSE, month_end, 2024, 2, 6);
  expect_deadline (SM_URGENCY_NORMAL, TRUE, month_end, 2024, 2, 16);
  expect_deadline (SM_URGENCY_URGENT, FALSE, leap, 2024, 3, 1);      /* 28, 29 February */
  expect_deadline (SM_URGENCY_IMMEDIATE, FALSE, year_end, 2025, 1, 1);
  expect_deadline (SM_URGENCY_IMMEDIATE, TRUE, year_end, 2025, 1, 6);
  /* Summer time begins on 31 March 2024 at 2:00: that day has 23 hours,
   * and the last Sunday of October 25. */
  spring_deadline = sm_signal_deadline (NULL, SM_URGENCY_URGENT, spring, FALSE);
  expect_deadline (SM_URGENCY_URGENT, FALSE, spring, 2024, 4, 1);
  g_assert_cmpint (g_date_time_difference (spring_deadline, spring) / G_TIME_SPAN_HOUR, ==, 12 + 23);
  autumn_deadline = sm_signal_deadline (NULL, SM_URGENCY_URGENT, autumn, FALSE);
  expect_deadline (SM_URGENCY_URGENT, FALSE, autumn, 2024, 10, 28);
  g_assert_cmpint (g_date_time_difference (autumn_deadline, autumn) / G_TIME_SPAN_HOUR, ==, 12 + 25);
}

static void
test_overdue (void)
{
  g_autoptr(GDateTime) received = local (2024, 5, 6, 10, 0);
  g_autoptr(GDateTime) same_day = local (2024, 5, 6, 23, 59);
  g_autoptr(GDateTime) next_day = local (2024, 5, 7, 0, 0);
  g_autoptr(GDateTime) last_day = local (2024, 5, 21, 23, 0);
  g_autoptr(GDateTime) later = local (2024, 5, 22, 8, 0);

  /* Immediate: assessed the same day. */
  g_assert_false (sm_signal_is_overdue (NULL, SM_URGENCY_IMMEDIATE, SM_SIGNAL_RECEIVED, received, same_day));
  g_assert_true (sm_signal_is_overdue (NULL, SM_URGENCY_IMMEDIATE, SM_SIGNAL_RECEIVED, received, next_day));
  g_assert_false (sm_signal_is_overdue (NULL, SM_URGENCY_IMMEDIATE, SM_SIGNAL_ASSESSED, received, next_day));
  /* Answered within 15 days when normal: the 21st is the last day, the
   * 22nd is past it, unless answered. */
  g_assert_false (sm_signal_is_overdue (NULL, SM_URGENCY_NORMAL, SM_SIGNAL_REFERRED, received, last_day));
  g_assert_true (sm_signal_is_overdue (NULL, SM_URGENCY_NORMAL, SM_SIGNAL_REFERRED, received, later));
  g_assert_false (sm_signal_is_overdue (NULL, SM_URGENCY_NORMAL, SM_SIGNAL_ANSWERED, received, later));
}

/* The life on the store: each step one action with who and why; a step
 * the rules refuse writes nothing. */
static void
test_on_the_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-signal");
  g_autofree char *path = g_build_filename (dir, "signals.db", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmSignalRecord in = { .received_at = "2025-03-03 09:15", .member_kind = "iskola",
                        .signaller = "Nagy Éva, osztályfőnök", .channel = "email",
                        .about = "Sokat hiányzik, fáradt", .urgency = SM_URGENCY_URGENT };
  g_autoptr(SmSignalRecord) out = NULL;
  g_autoptr(GPtrArray) open = NULL;
  gint64 id;

  g_assert_no_error (error);
  id = sm_store_add_signal (store, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* Not straight to a decision. */
  g_assert_false (sm_signal_move (store, id, SM_SIGNAL_CASE_OPENED, "Kiss Anna", NULL, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 0);

  g_assert_true (sm_signal_move (store, id, SM_SIGNAL_ASSESSED, "Kiss Anna", "családlátogatás", NULL, &error));
  g_assert_true (sm_signal_move (store, id, SM_SIGNAL_CASE_OPENED, "Kiss Anna", NULL, NULL, &error));
  g_assert_false (sm_signal_answer (store, id, "Kiss Anna", "", NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sm_signal_answer (store, id, "Kiss Anna", "Esetet nyitottunk, köszönjük.", NULL, &error));
  g_assert_no_error (error);
  out = sm_store_get_signal (store, id, &error);
  g_assert_cmpint (out->state, ==, SM_SIGNAL_ANSWERED);
  g_assert_cmpstr (out->answer, ==, "Esetet nyitottunk, köszönjük.");
  g_assert_cmpstr (out->member_kind, ==, "iskola");
  g_assert_nonnull (out->answered_on);
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 3);

  /* Reopened only with a reason; then received again. */
  g_assert_false (sm_signal_move (store, id, SM_SIGNAL_RECEIVED, "Kiss Anna", NULL, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 3);
  g_assert_true (sm_signal_move (store, id, SM_SIGNAL_RECEIVED, "Kiss Anna", "újabb jelzés", NULL, &error));
  open = sm_store_list_signals (store, TRUE, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 4);

  /* Who signals must be a member; how, one of the channels. */
  in.member_kind = "nincsilyen";
  g_assert_cmpint (sm_store_add_signal (store, &in, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  in.member_kind = NULL;
  in.channel = "pigeon";
  g_assert_cmpint (sm_store_add_signal (store, &in, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal"), ==, 1);
  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The town's time zone, whatever the machine's. */
  g_setenv ("TZ", "Europe/Budapest", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/signal/steps", test_steps);
  g_test_add_func ("/signal/who-and-why", test_who_and_why);
  g_test_add_func ("/signal/deadlines", test_deadlines);
  g_test_add_func ("/signal/overdue", test_overdue);
  g_test_add_func ("/signal/on-the-store", test_on_the_store);
  return g_test_run ();
}
