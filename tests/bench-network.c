#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "sm-coverage.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-query.h"
#include "sm-referral.h"

#include "sm-bench-util.h"

/* The service network with 100,000 demo households and 300 services (the
 * real providers and synthetic ones with catchments and capacity):
 *   - coverage of every open need the filter shows: the query, the
 *     services and catchments read, each need assessed (target ≤ 200 ms);
 *   - the same on a second step of the time slider, with the services
 *     kept (what the coverage layer does);
 *   - the referral inbox of one organization with its overdue counts. */

#define N_HOUSEHOLDS 100000
#define N_SERVICES 300

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-network-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  SmDemoOptions options = { .n_households = N_HOUSEHOLDS, .seed = SM_DEMO_DEFAULT_SEED, .until = "2026-06-30" };
  double times[5], t0, compute_ms, step_ms, inbox_ms;
  guint n_needs = 0, n_services = 0, n_not_covered = 0, n_referrals = 0;
  GDate day;

  store = sm_store_open (path, &error);
  g_assert_no_error (error);
  /* The demo's real providers and as many synthetic services as make 300. */
  options.n_services = 1;
  {
    g_autofree char *probe_dir = g_dir_make_tmp ("sm-bench-probe-XXXXXX", NULL);
    g_autofree char *probe_path = g_build_filename (probe_dir, "probe.db", NULL);
    g_autoptr(SmStore) probe = sm_store_open (probe_path, &error);
    SmDemoOptions small = { .n_households = 10, .seed = 1, .until = "2026-06-30", .n_services = 1 };

    g_assert_true (sm_demo_generate (probe, &small, NULL, NULL, &error));
    options.n_services = N_SERVICES - (guint) (sm_store_count (probe, "service") - 1);
    g_clear_object (&probe);
    g_unlink (probe_path);
    g_rmdir (probe_dir);
  }
  if (!sm_demo_generate (store, &options, NULL, NULL, &error))
    g_error ("%s", error->message);
  sm_date_parse_iso ("2026-05-31", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  {
    g_autoptr(GArray) warm = sm_coverage_compute (store, filter, &error);

    g_assert_no_error (error);
  }

  for (int r = 0; r < 5; r++)
    {
      g_autoptr(GArray) needs = NULL;

      t0 = sm_bench_now_ms ();
      needs = sm_coverage_compute (store, filter, &error);
      times[r] = sm_bench_now_ms () - t0;
      g_assert_no_error (error);
      n_needs = needs->len;
      n_not_covered = 0;
      for (guint i = 0; i < needs->len; i++)
        n_not_covered += g_array_index (needs, SmCoverageNeed, i).status != SM_COVERAGE_COVERED;
    }
  sm_bench_sort (times, 5);
  compute_ms = times[2];

  /* A step of the slider: the services read once, the next month's needs. */
  {
    g_autoptr(SmCoverageSources) sources = sm_coverage_sources_load (store, &error);

    g_assert_no_error (error);
    n_services = sm_coverage_sources_get_n_services (sources);
    for (int r = 0; r < 5; r++)
      {
        g_autoptr(GArray) hits = NULL, needs = NULL;
        GDate next = day;

        g_date_subtract_months (&next, r + 1);
        sm_filter_set_as_of (filter, &next);
        t0 = sm_bench_now_ms ();
        hits = sm_store_query (store, filter, &error);
        needs = sm_coverage_assess (sources, hits);
        times[r] = sm_bench_now_ms () - t0;
      }
    sm_bench_sort (times, 5);
    step_ms = times[2];
  }

  /* One organization's inbox with its overdue referrals. */
  {
    g_autoptr(GPtrArray) all = sm_store_list_referrals (store, NULL, &error);
    SmReferralQuery q = { .open_only = FALSE };
    SmReferralRules rules;

    n_referrals = all->len;
    q.organization_id = all->len > 0 ? ((SmReferralRecord *) all->pdata[0])->organization_id : 0;
    for (int r = 0; r < 5; r++)
      {
        g_autoptr(GPtrArray) list = NULL;
        guint overdue = 0;

        t0 = sm_bench_now_ms ();
        g_assert_true (sm_referral_rules_load (store, &rules, &error));
        list = sm_store_list_referrals (store, &q, &error);
        for (guint i = 0; i < list->len; i++)
          overdue += sm_referral_record_is_overdue (&rules, list->pdata[i], sm_date_to_epoch_day (&day));
        sm_referral_rules_clear (&rules);
        times[r] = sm_bench_now_ms () - t0;
        (void) overdue;
      }
    sm_bench_sort (times, 5);
    inbox_ms = times[2];
  }

  printf ("BENCH coverage_households %u households\n", (guint) sm_store_count (store, "household"));
  printf ("BENCH coverage_services %u active services\n", n_services);
  printf ("BENCH coverage_services_stored %lld services\n", (long long) sm_store_count (store, "service"));
  printf ("BENCH coverage_open_needs %u needs\n", n_needs);
  printf ("BENCH coverage_not_covered %u needs\n", n_not_covered);
  printf ("BENCH coverage_100k_x_300_median %.1f ms\n", compute_ms);
  printf ("BENCH coverage_slider_step_median %.1f ms\n", step_ms);
  printf ("BENCH referrals_in_demo %u referrals\n", n_referrals);
  printf ("BENCH referral_inbox_one_organization_median %.2f ms\n", inbox_ms);
  printf ("BENCH peak_memory %.0f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets coverage_100k_x_300<=200ms: %s\n", compute_ms <= 200 ? "met" : "NOT met");

  g_clear_object (&store);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
