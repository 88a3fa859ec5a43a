#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "sm-basemap.h"
#include "sm-geocoder.h"
#include "sm-store-private.h"

#include "sm-bench-util.h"

/* 100,000 written addresses geocoded against the Liechtenstein extract:
 * its addresses with other house numbers on the same side of the street,
 * abbreviated and unaccented now and then, as an import would bring them.
 * Target: under 5 s. */

#define N_QUERIES 100000

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-geocoder-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "li.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  guint counts[SM_GEOCODE_MANUAL + 1] = { 0 };
  double t0, build_ms, run_ms;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  if (!sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  sqlite3_prepare_v2 (_sm_store_get_db (store),
                      "SELECT street, CAST(housenumber AS INTEGER), coalesce(city, '')"
                      " FROM basemap_address WHERE street IS NOT NULL"
                      " AND housenumber GLOB '[0-9]*'", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (seeds, g_strdup_printf ("%s\t%d\t%s", sqlite3_column_text (stmt, 0),
                                             sqlite3_column_int (stmt, 1),
                                             sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (seeds, i % seeds->len), "\t", 3);
      int number = atoi (f[1]) + 2 * (int) ((i / seeds->len) % 9);

      if (i % 3 == 0)
        g_ptr_array_add (queries, g_strdup_printf ("%s, %s %d.", f[2], f[0], number));
      else if (i % 3 == 1)
        g_ptr_array_add (queries, g_strdup_printf ("%s %d, %s", f[0], number, f[2]));
      else
        {
          g_autofree char *plain = g_str_to_ascii (f[0], "C");
          g_ptr_array_add (queries, g_strdup_printf ("%s %d %s", plain, number, f[2]));
        }
    }

  t0 = sm_bench_now_ms ();
  geocoder = sm_geocoder_new (store, &error);
  g_assert_no_error (error);
  build_ms = sm_bench_now_ms () - t0;

  t0 = sm_bench_now_ms ();
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (geocoder, g_ptr_array_index (queries, i));

      counts[r->quality]++;
    }
  run_ms = sm_bench_now_ms () - t0;

  printf ("BENCH geocoder_load_liechtenstein %.1f ms (%u streets, %u addresses)\n", build_ms,
          sm_geocoder_get_n_streets (geocoder), sm_geocoder_get_n_addresses (geocoder));
  printf ("BENCH geocode_100k %.0f ms\n", run_ms);
  printf ("BENCH geocode_rate %.0f addresses/s\n", N_QUERIES / (run_ms / 1000));
  printf ("BENCH geocode_100k_address_or_interpolated %.1f %%\n",
          100.0 * (counts[SM_GEOCODE_ADDRESS] + counts[SM_GEOCODE_INTERPOLATED]) / N_QUERIES);
  printf ("BENCH geocode_100k_street %.1f %%\n", 100.0 * counts[SM_GEOCODE_STREET] / N_QUERIES);
  printf ("BENCH geocoder_peak_resident_memory %.1f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets geocode_100k<5000ms: %s\n", run_ms < 5000 ? "met" : "NOT met");

  g_clear_object (&geocoder);
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
