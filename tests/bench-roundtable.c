#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "sm-demo.h"
#include "sm-roundtable-pack.h"

#include "sm-bench-util.h"

/* The roundtable pack of the 100,000-household demo for a year: the
 * indicators month by month, the hotspots at the period's start and end,
 * the maps, the tables and the document with its tables beside it
 * (target ≤ 10 s). */

#define N_HOUSEHOLDS 100000

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-roundtable-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *pdf = g_build_filename (dir, "pack.pdf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 7, 1, 9, 0, 0);
  SmDemoOptions options = { .n_households = N_HOUSEHOLDS, .seed = SM_DEMO_DEFAULT_SEED, .until = "2026-06-30" };
  SmPackOptions pack = { .from = "2025-07-01", .to = "2026-06-30", .created = created };
  double times[3], t0;
  GStatBuf st;

  g_assert_no_error (error);
  if (!sm_demo_generate (store, &options, NULL, NULL, &error))
    g_error ("%s", error->message);
  for (int r = 0; r < 3; r++)
    {
      g_auto(GStrv) written = NULL;

      t0 = sm_bench_now_ms ();
      if (!sm_roundtable_pack_write (store, &pack, pdf, NULL, NULL, NULL, &written, &error))
        g_error ("%s", error->message);
      times[r] = sm_bench_now_ms () - t0;
    }
  sm_bench_sort (times, 3);
  g_stat (pdf, &st);
  printf ("BENCH roundtable_households %d households\n", N_HOUSEHOLDS);
  printf ("BENCH roundtable_pack_100k_median %.0f ms\n", times[1]);
  printf ("BENCH roundtable_pack_100k_max %.0f ms\n", times[2]);
  printf ("BENCH roundtable_pack_size %.0f kB\n", st.st_size / 1024.0);
  printf ("BENCH peak_memory %.0f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets roundtable_pack<=10000ms: %s\n", times[1] <= 10000 ? "met" : "NOT met");
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    g_clear_object (&store);
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
