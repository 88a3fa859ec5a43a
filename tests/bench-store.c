#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "sm-date.h"
#include "sm-demo.h"
#include "sm-query.h"

#include "sm-bench-util.h"

/* The store's speed goals, on 100,000 synthetic households:
 *   demo generation < 5 s, bbox + category + as-of query (about 10 % of the
 *   households) < 5 ms median of 20, database < 60 MB. */

#define N_HOUSEHOLDS 100000
#define N_RUNS 20

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  SmDemoOptions options = { .n_households = N_HOUSEHOLDS, .seed = SM_DEMO_DEFAULT_SEED,
                            .until = "2026-06-30" };
  double times[N_RUNS], t0, demo_ms, cold_ms;
  guint n_hits = 0;
  GDate d;

  g_assert_no_error (error);

  t0 = sm_bench_now_ms ();
  if (!sm_demo_generate (store, &options, NULL, NULL, &error))
    g_error ("%s", error->message);
  demo_ms = sm_bench_now_ms () - t0;
  /* Size once the log is folded into the file, as it is on close. */
  g_clear_object (&store);
  store = sm_store_open (path, &error);
  g_assert_no_error (error);

  /* The central part of town, two categories and a day: about a tenth of
   * the households. */
  sm_filter_set_bbox (filter, 18.305, 47.640, 18.335, 47.660);
  sm_filter_add_category (filter, sm_store_lookup_category (store, "jovedelem_adossag", NULL));
  sm_filter_add_category (filter, sm_store_lookup_category (store, "egeszsegi_allapot", NULL));
  sm_date_parse_iso ("2025-09-01", &d, NULL);
  sm_filter_set_as_of (filter, &d);

  t0 = sm_bench_now_ms ();
  {
    g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
    g_assert_no_error (error);
    n_hits = hits->len;
  }
  cold_ms = sm_bench_now_ms () - t0;

  for (int i = 0; i < N_RUNS; i++)
    {
      g_autoptr(GArray) hits = NULL;

      t0 = sm_bench_now_ms ();
      hits = sm_store_query (store, filter, &error);
      times[i] = sm_bench_now_ms () - t0;
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, n_hits);
    }
  sm_bench_sort (times, N_RUNS);

  g_clear_object (&store);

  printf ("BENCH demo_100k_households %.0f ms\n", demo_ms);
  printf ("BENCH query_bbox_category_asof_median %.3f ms\n", (times[N_RUNS / 2 - 1] + times[N_RUNS / 2]) / 2);
  printf ("BENCH query_bbox_category_asof_max %.3f ms\n", times[N_RUNS - 1]);
  printf ("BENCH query_first_including_load %.1f ms\n", cold_ms);
  printf ("BENCH query_result_households %u households\n", n_hits);
  printf ("BENCH query_result_share %.1f %%\n", 100.0 * n_hits / N_HOUSEHOLDS);
  printf ("BENCH database_size %.1f MB\n", file_size (path) / 1e6);
  printf ("BENCH peak_resident_memory %.1f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets demo<5000ms query<5ms size<60MB: %s\n",
          demo_ms < 5000 && (times[N_RUNS / 2 - 1] + times[N_RUNS / 2]) / 2 < 5 &&
          file_size (path) < 60e6 ? "met" : "NOT met");

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
