/* A case's life, interventions and case conferences on the store; the
 * deadlines table; signals naming needs, linked to households, imported
 * from a register; the yearly report against a reference computed here
 * from the same signals, and its small counts hidden. */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-disclosure.h"
#include "sm-error.h"
#include "sm-import.h"
#include "sm-signal-report.h"
#include "sm-store-casework.h"
#include "sm-store-signals.h"
#include "sm-test-util.h"

#define N_STAGES 5

/* Allowed case steps, from (row) to (column): opened, assessment, plan,
 * in care, closed. */
static const gboolean allowed[N_STAGES][N_STAGES] = {
  { 0, 1, 0, 0, 1 },
  { 0, 0, 1, 0, 1 },
  { 0, 0, 0, 1, 1 },
  { 0, 0, 0, 0, 1 },
  { 1, 0, 0, 0, 0 },
};

static void
test_case_steps (void)
{
  for (int from = 0; from < N_STAGES; from++)
    for (int to = 0; to < N_STAGES; to++)
      {
        g_autoptr(GError) error = NULL;
        gboolean ok = sm_case_check_step (from, to, "Kiss Anna", "a reason", &error);

        if (ok != allowed[from][to])
          g_error ("case step %d → %d: %s", from, to, ok ? "allowed" : "refused");
        if (!ok)
          g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
      }
  {
    g_autoptr(GError) error = NULL;

    /* Closing before care and reopening say why; every step says who. */
    g_assert_false (sm_case_check_step (SM_CASE_ASSESSMENT, SM_CASE_CLOSED, "Kiss Anna", NULL, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (sm_case_check_step (SM_CASE_IN_CARE, SM_CASE_CLOSED, "Kiss Anna", NULL, &error));
    g_assert_false (sm_case_check_step (SM_CASE_CLOSED, SM_CASE_OPENED, "Kiss Anna", "", &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (sm_case_check_step (SM_CASE_OPENED, SM_CASE_ASSESSMENT, " ", NULL, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  }
}

static GDate *
day (GDate *d, int y, int m, int dd)
{
  g_date_clear (d, 1);
  g_date_set_dmy (d, dd, m, y);
  return d;
}

/* Overdue by calendar days across a leap day and the year's end. */
static void
test_case_overdue (void)
{
  SmCaseDeadlines d = { .assessment_days = 30, .review_days = 180 };
  GDate opened, since, today, reviewed;

  day (&opened, 2024, 2, 1);
  /* 2024-02-01 + 30 days is 2024-03-02 (a leap year): still in time. */
  g_assert_false (sm_case_is_overdue (&d, SM_CASE_ASSESSMENT, &opened, &opened, NULL, day (&today, 2024, 3, 2)));
  g_assert_true (sm_case_is_overdue (&d, SM_CASE_ASSESSMENT, &opened, &opened, NULL, day (&today, 2024, 3, 3)));
  day (&since, 2024, 7, 5);
  /* 180 days from 2024-07-05 is 2025-01-01. */
  g_assert_false (sm_case_is_overdue (&d, SM_CASE_IN_CARE, &opened, &since, NULL, day (&today, 2025, 1, 1)));
  g_assert_true (sm_case_is_overdue (&d, SM_CASE_IN_CARE, &opened, &since, NULL, day (&today, 2025, 1, 2)));
  /* A review starts the count again. */
  g_assert_false (sm_case_is_overdue (&d, SM_CASE_IN_CARE, &opened, &since, day (&reviewed, 2024, 12, 1),
                                      day (&today, 2025, 1, 2)));
  g_assert_false (sm_case_is_overdue (&d, SM_CASE_CLOSED, &opened, &since, NULL, day (&today, 2030, 1, 1)));
}

static SmStore *
new_store (const char *dir,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A school's signal about a child: needs named, linked, a case opened on
 * it and taken through its stages, a guardianship measure, a conference. */
static void
test_case_on_the_store (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-casework");
  g_autoptr(SmStore) store = new_store (dir, "case.db");
  g_autoptr(GError) error = NULL;
  char *needs[] = { "gyermekvedelmi_kockazat", "lakhatas", "gyermekvedelmi_kockazat", NULL };
  char *bad_needs[] = { "nincs_ilyen", NULL };
  SmSignalRecord in = { .received_at = "2025-03-03 09:15", .member_kind = "iskola", .signaller = "Nagy Éva",
                        .organization = "Kőkúti Iskola", .channel = "written", .about = "Hiányzik",
                        .urgency = SM_URGENCY_URGENT, .needs = needs };
  g_autoptr(SmSignalRecord) out = NULL;
  g_autoptr(GPtrArray) cases = NULL, interventions = NULL, conferences = NULL;
  g_autoptr(GArray) hh = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ss = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) decisions = g_ptr_array_new ();
  SmDecisionRecord decision = { .decision = "Heti látogatás", .owner = "Kiss Anna", .due_on = "2025-04-01" };
  SmDecisionRecord undated = { .decision = "Iskolai egyeztetés", .owner = "Tóth Béla", .due_on = "" };
  SmConferenceRecord conf = { .held_on = "2025-03-20", .kind = "conference",
                              .participants = "iskola, védőnő, gyámhivatal", .household_ids = hh,
                              .signal_ids = ss, .decisions = decisions };
  double centre[2] = { 47.65, 18.32 };
  gint64 signal, household, other, c, id;
  GDate on;

  signal = sm_store_add_signal (store, &in, &error);
  g_assert_no_error (error);
  out = sm_store_get_signal (store, signal, &error);
  g_assert_cmpuint (g_strv_length (out->needs), ==, 2);
  g_assert_cmpstr (out->organization, ==, "Kőkúti Iskola");
  in.needs = bad_needs;
  g_assert_cmpint (sm_store_add_signal (store, &in, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal"), ==, 1);

  household = sm_test_add_household (store, "2890 Tata, Ady Endre utca 5.", TRUE, 47.65, 18.32);
  other = sm_test_add_household (store, "2890 Tata, Ady Endre utca 7.", TRUE, 47.65, 18.32);
  /* A case on a signal about another household is refused. */
  g_assert_true (sm_signal_link (store, signal, household, &error));
  g_assert_cmpint (sm_case_open (store, other, signal, "Kiss Anna", day (&on, 2025, 3, 5), FALSE, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  c = sm_case_open (store, household, signal, "Kiss Anna", day (&on, 2025, 3, 5), FALSE, &error);
  g_assert_no_error (error);
  /* One open case per household. */
  g_assert_cmpint (sm_case_open (store, household, 0, "Kiss Anna", NULL, FALSE, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  /* No stage skipped, and a refused step writes nothing. */
  g_assert_false (sm_case_move (store, c, SM_CASE_IN_CARE, "Kiss Anna", NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM case_step"), ==, 0);
  g_assert_true (sm_case_move (store, c, SM_CASE_ASSESSMENT, "Kiss Anna", NULL, day (&on, 2025, 3, 6), &error));
  g_assert_true (sm_case_move (store, c, SM_CASE_PLAN, "Kiss Anna", NULL, day (&on, 2025, 3, 20), &error));
  g_assert_true (sm_case_move (store, c, SM_CASE_IN_CARE, "Kiss Anna", NULL, day (&on, 2025, 3, 25), &error));
  g_assert_true (sm_store_review_case_file (store, c, "2025-06-01", "Kiss Anna", NULL, &error));
  g_assert_true (sm_case_move (store, c, SM_CASE_CLOSED, "Kiss Anna", NULL, day (&on, 2025, 9, 1), &error));
  g_assert_no_error (error);
  cases = sm_store_list_case_files (store, household, FALSE, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpstr (((SmCaseFileRecord *) cases->pdata[0])->closed_on, ==, "2025-09-01");
  g_assert_cmpstr (((SmCaseFileRecord *) cases->pdata[0])->reviewed_on, ==, "2025-06-01");
  g_assert_false (sm_case_move (store, c, SM_CASE_OPENED, "Kiss Anna", NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_true (sm_case_move (store, c, SM_CASE_OPENED, "Kiss Anna", "új jelzés", NULL, &error));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM case_file WHERE closed_on IS NULL"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM case_step"), ==, 6);

  /* Interventions: on a household or an area, of a known kind. */
  id = sm_intervention_add (store, household, NULL, NULL, "protection", NULL, "Gyámhivatal", NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (sm_intervention_add (store, 0, "Tóváros", centre, "debt_management", NULL, "Önkormányzat",
                                        NULL, FALSE, &error), >, 0);
  g_assert_cmpint (sm_intervention_add (store, 0, NULL, NULL, "protection", NULL, "Gyámhivatal", NULL, FALSE,
                                        &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_intervention_add (store, household, NULL, NULL, "rocket", NULL, "X", NULL, FALSE, &error),
                   ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  interventions = sm_store_list_interventions (store, 0, &error);
  g_assert_cmpuint (interventions->len, ==, 2);
  g_assert_cmpstr (((SmInterventionRecord *) interventions->pdata[0])->family, ==, "guardianship");

  /* A conference is written whole or not at all. */
  g_array_append_val (hh, household);
  g_array_append_val (ss, signal);
  g_ptr_array_add (decisions, &decision);
  g_ptr_array_add (decisions, &undated);
  g_assert_cmpint (sm_store_add_conference (store, &conf, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_remove_index (decisions, 1);
  id = 999;
  g_array_append_val (ss, id);
  g_assert_cmpint (sm_store_add_conference (store, &conf, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM conference"), ==, 0);
  g_array_set_size (ss, 1);
  g_assert_cmpint (sm_store_add_conference (store, &conf, &error), >, 0);
  conferences = sm_store_list_conferences (store, "2025-01-01", "2026-01-01", &error);
  g_assert_cmpuint (conferences->len, ==, 1);
  g_assert_cmpuint (((SmConferenceRecord *) conferences->pdata[0])->decisions->len, ==, 1);
  g_assert_cmpuint (((SmConferenceRecord *) conferences->pdata[0])->household_ids->len, ==, 1);
  sm_test_remove_dir (dir);
}

/* The deadline table: read by signals and cases, an answer never due
 * before the assessment. */
static void
test_deadlines (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-casework");
  g_autoptr(SmStore) store = new_store (dir, "deadlines.db");
  g_autoptr(GError) error = NULL;
  SmSignalDeadlines s;
  SmCaseDeadlines c;

  g_assert_true (sm_deadlines_load (store, &s, &c, &error));
  g_assert_cmpmem (&s, sizeof s, &sm_signal_default_deadlines, sizeof s);
  g_assert_cmpint (c.assessment_days, ==, 30);
  g_assert_true (sm_deadline_set (store, "assess_normal", 8, &error));
  g_assert_false (sm_deadline_set (store, "answer_normal", 7, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sm_deadline_set (store, "answer_sometime", 7, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sm_deadline_set (store, "case_review", -1, &error));
  g_clear_error (&error);
  g_assert_true (sm_deadlines_load (store, &s, NULL, &error));
  g_assert_cmpint (s.assess_days[SM_URGENCY_NORMAL], ==, 8);
  sm_test_remove_dir (dir);
}

/* The R-7 quantile, against values worked out by hand. */
static void
test_quantile (void)
{
  double v[] = { 1, 2, 3, 4, 10 };

  g_assert_cmpfloat_with_epsilon (sm_report_quantile (v, 5, 0.5), 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (sm_report_quantile (v, 5, 0.9), 7.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (sm_report_quantile (v, 4, 0.5), 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (sm_report_quantile (v, 1, 0.9), 1, 1e-12);
  g_assert_true (isnan (sm_report_quantile (v, 0, 0.5)));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Random signals over a year and its edges: the report's counts and times
 * against a count made here, small counts hidden, none worked out. */
static void
test_report (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-casework");
  g_autoptr(SmStore) store = new_store (dir, "report.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmSignalReport) report = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GArray) assess = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 6, 1, 12, 0, 0);
  static const char * const kinds[] = { "iskola", "vedono", "rendorseg", "haziorvos" };
  gint64 per_kind[4] = { 0 }, n_year = 0, n_2024 = 0, within = 0;
  double expected_median;

  g_assert_true (sm_store_begin (store, &error));
  for (int i = 0; i < 300; i++)
    {
      /* From 2024-12-30 to 2026-01-06: some outside the year. */
      g_autoptr(GDateTime) start = g_date_time_new_local (2024, 12, 30, 8, 0, 0);
      g_autoptr(GDateTime) received = g_date_time_add_minutes (start, g_rand_int_range (rand, 0, 373 * 24 * 60));
      g_autofree char *text = g_date_time_format (received, "%Y-%m-%d %H:%M");
      int k = g_rand_int_range (rand, 0, i < 200 ? 3 : 4);
      SmSignalRecord r = { .received_at = text, .member_kind = (char *) kinds[k], .channel = "written",
                           .about = "x", .urgency = g_rand_int_range (rand, 0, 3) };
      gint64 id = sm_store_add_signal (store, &r, &error);
      gboolean in_year = g_date_time_get_year (received) == 2025;

      g_assert_no_error (error);
      /* Kind 3 only twice in the year: hidden. */
      if (k == 3 && (per_kind[3] >= 2 || !in_year))
        {
          g_autofree char *sql = g_strdup_printf ("UPDATE signal SET member_kind_id = "
                                                  "(SELECT id FROM signal_member_kind WHERE code = 'iskola')"
                                                  " WHERE id = %lld RETURNING 0", (long long) id);
          g_assert_cmpint (sm_test_scalar (store, sql), ==, 0);
          k = 0;
        }
      n_2024 += g_date_time_get_year (received) == 2024;
      if (in_year)
        {
          n_year++;
          per_kind[k]++;
        }
      if (g_rand_int_range (rand, 0, 4) > 0)
        {
          g_autoptr(GDateTime) at = g_date_time_add_minutes (received, g_rand_int_range (rand, 0, 9 * 24 * 60));
          g_autoptr(GDateTime) due = sm_signal_deadline (NULL, r.urgency, received, FALSE);

          g_assert_true (sm_signal_move (store, id, SM_SIGNAL_ASSESSED, "Kiss Anna", NULL, at, &error));
          if (in_year)
            {
              double d = g_date_time_difference (at, received) / (double) G_TIME_SPAN_DAY;

              g_array_append_val (assess, d);
              within += g_date_time_compare (at, due) < 0;
            }
        }
    }
  g_assert_true (sm_store_commit (store, &error));

  report = sm_signal_report_new (store, 2025, disclosure, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->n_signals, ==, n_year);
  for (guint i = 0; i < report->by_member->len; i++)
    {
      const SmReportRow *row = g_ptr_array_index (report->by_member, i);

      for (int k = 0; k < 4; k++)
        if (g_str_equal (row->key, kinds[k]))
          g_assert_cmpint (row->count, ==, per_kind[k]);
      if (g_str_equal (row->key, "haziorvos"))
        g_assert_cmpint (row->state, ==, SM_DISCLOSURE_SMALL);
    }
  /* The small one is not the only one hidden: another shown with it would
   * give it away from the total. */
  {
    guint hidden = 0;

    for (guint i = 0; i < report->by_member->len; i++)
      {
        const SmReportRow *row = g_ptr_array_index (report->by_member, i);

        hidden += row->state != SM_DISCLOSURE_SHOWN;
      }
    g_assert_cmpuint (hidden, >=, 2);
  }
  g_array_sort (assess, compare_doubles);
  expected_median = assess->len % 2 ? g_array_index (assess, double, assess->len / 2)
                    : (g_array_index (assess, double, assess->len / 2 - 1) +
                       g_array_index (assess, double, assess->len / 2)) / 2;
  g_assert_cmpint (report->assessment.n, ==, assess->len);
  g_assert_cmpfloat_with_epsilon (report->assessment.median_days, expected_median, 1e-9);
  g_assert_cmpfloat_with_epsilon (report->assessment.within_share, within / (double) assess->len, 1e-12);
  g_assert_cmpint (report->answer.n, ==, 0);

  /* A year with a few signals shows neither their count nor times. */
  {
    g_autoptr(SmSignalReport) early = sm_signal_report_new (store, 2024, disclosure, now, &error);
    g_autoptr(GPtrArray) lines = sm_signal_report_to_rows (early, disclosure);

    g_assert_cmpint (n_2024, >, 0);
    g_assert_cmpint (n_2024, <, 5);
    g_assert_cmpint (early->signals_state, ==, SM_DISCLOSURE_SMALL);
    for (guint i = 0; i < lines->len; i++)
      {
        GPtrArray *line = g_ptr_array_index (lines, i);

        if (g_str_equal (line->pdata[0], "assessment") && g_str_equal (line->pdata[1], "median_days"))
          g_assert_cmpstr (line->pdata[3], ==, "");
      }
  }
  sm_test_remove_dir (dir);
}

/* A register of signals in the words offices use; a new household is
 * placed, a known address is found again; a bad row leaves nothing. */
static void
test_import_signals (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-casework");
  g_autoptr(SmStore) store = new_store (dir, "import.db");
  g_autofree char *csv = g_build_filename (dir, "jelzesek.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "rossz.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmImportReport) report = NULL;
  g_autoptr(SmImportReport) bad_report = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SmImportOptions options = { .target = SM_IMPORT_SIGNALS, .no_geocode = TRUE };
  gint64 known = sm_test_add_household (store, "2890 Tata, Ady Endre utca 5.", TRUE, 47.65, 18.32);

  g_assert_true (g_file_set_contents (csv,
    "Beérkezés;Jelző;Jelző neve;Módja;Sürgősség;Jelzés tartalma;Szükséglet;Lakcím\n"
    "2025.11.02. 10:30;Iskola;Tóth Béla;írásban;sürgős;Sokat hiányzik;Child at risk;2890 Tata, ady endre utca 5.\n"
    "2025-11-03;Védőnő;;telefon;azonnali;Elhanyagolt csecsemő;gyermekvedelmi_kockazat, lakhatas;2890 Tata, Fő út 1.\n"
    "2025-11-04T08:00;Magánszemély;;személyesen;;Idős szomszéd egyedül;;\n", -1, NULL));
  g_assert_true (sm_import_file (store, csv, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_signals, ==, 3);
  g_assert_cmpuint (report->n_households, ==, 1);
  list = sm_store_list_signals (store, FALSE, &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((SmSignalRecord *) list->pdata[0])->household_id, ==, known);
  g_assert_cmpstr (((SmSignalRecord *) list->pdata[0])->received_at, ==, "2025-11-02 10:30");
  g_assert_cmpint (((SmSignalRecord *) list->pdata[0])->urgency, ==, SM_URGENCY_URGENT);
  g_assert_cmpstr (((SmSignalRecord *) list->pdata[1])->channel, ==, "phone");
  g_assert_cmpuint (g_strv_length (((SmSignalRecord *) list->pdata[1])->needs), ==, 2);
  g_assert_cmpstr (((SmSignalRecord *) list->pdata[2])->member_kind, ==, "maganszemely");
  g_assert_cmpint (((SmSignalRecord *) list->pdata[2])->urgency, ==, SM_URGENCY_NORMAL);

  g_assert_true (g_file_set_contents (bad,
    "received,from,about,address\n"
    "2025-12-01 09:00,iskola,Jó sor,\"2890 Tata, Új utca 9.\"\n"
    "2025-13-01 09:00,iskola,Rossz dátum,\n", -1, NULL));
  g_assert_false (sm_import_file (store, bad, &options, NULL, NULL, NULL, &bad_report, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_assert_cmpuint (bad_report->rejected->len, ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal"), ==, 3);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household"), ==, 2);
  sm_test_remove_dir (dir);
}

/* The report on the demo town against counts made here from its tables. */
static void
test_report_on_demo (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-casework");
  g_autoptr(SmStore) store = new_store (dir, "demo.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmSignalReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_local (2025, 7, 1, 0, 0, 0);
  SmDemoOptions options = { .n_households = 3000, .seed = 9, .until = "2025-06-30" };
  gint64 sum = 0;

  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  report = sm_signal_report_new (store, 2024, disclosure, now, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->n_signals, ==,
                   sm_test_scalar (store, "SELECT count(*) FROM signal WHERE received_at LIKE '2024-%'"));
  g_assert_cmpint (report->n_signals, >, 100);
  g_assert_cmpint (report->signals_state, ==, SM_DISCLOSURE_SHOWN);
  g_assert_cmpint (report->n_conferences, ==,
                   sm_test_scalar (store, "SELECT count(*) FROM conference WHERE held_on LIKE '2024-%'"));
  g_assert_cmpint (report->n_decisions, ==,
                   sm_test_scalar (store, "SELECT count(*) FROM conference_decision AS d JOIN conference AS c"
                                          " ON c.id = d.conference_id WHERE c.held_on LIKE '2024-%'"));
  for (guint i = 0; i < report->by_urgency->len; i++)
    {
      const SmReportRow *row = g_ptr_array_index (report->by_urgency, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM signal WHERE received_at LIKE '2024-%%'"
                                              " AND urgency = '%s'", row->key);

      g_assert_cmpint (row->count, ==, sm_test_scalar (store, sql));
      sum += row->count;
    }
  g_assert_cmpint (sum, ==, report->n_signals);
  /* Every signal of a year before the end of the history is decided and
   * mostly within its deadline, as the demo makes them. */
  g_assert_cmpint (report->assessment.n, ==, report->n_signals);
  g_assert_cmpfloat (report->assessment.within_share, >, 0.8);
  g_assert_cmpfloat (report->assessment.median_days, <=, report->answer.median_days);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/casework/case-steps", test_case_steps);
  g_test_add_func ("/casework/case-overdue", test_case_overdue);
  g_test_add_func ("/casework/on-the-store", test_case_on_the_store);
  g_test_add_func ("/casework/deadlines", test_deadlines);
  g_test_add_func ("/casework/quantile", test_quantile);
  g_test_add_func ("/casework/report", test_report);
  g_test_add_func ("/casework/import-signals", test_import_signals);
  g_test_add_func ("/casework/report-on-demo", test_report_on_demo);
  return g_test_run ();
}
