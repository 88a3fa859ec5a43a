#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "sm-import.h"

#include "sm-bench-util.h"

/* A 100,000-row CSV with coordinates (one household and one need a row,
 * synthetic) imported into the store, and in the same run ogr2ogr writing
 * the same file to a GeoPackage. Target: no slower than ogr2ogr. */

#define N_ROWS 100000

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-import-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "rows.csv", NULL);
  g_autofree char *db = g_build_filename (dir, "import.db", NULL);
  g_autofree char *gpkg = g_build_filename (dir, "ogr2ogr.gpkg", NULL);
  g_autoptr(GString) text = g_string_new ("household_id,address,lat,lon,need_category,"
                                          "need_severity,need_assessed_on,synthetic\n");
  static const char * const categories[] = { "lakhatas", "jovedelem_adossag", "munkanelkuliseg",
                                             "idos_gondozas", "egeszsegi_allapot" };
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmImportReport) report = NULL;
  SmImportOptions options = { .no_geocode = TRUE };
  GRand *rand = g_rand_new_with_seed (20127);
  double t0, ours, theirs;
  int status = 0;

  for (guint i = 0; i < N_ROWS; i++)
    g_string_append_printf (text, "%u,\"2890 Tata, Szintetikus utca %u.\",%.6f,%.6f,%s,%d,2025.%02d.%02d.,1\n",
                            i + 1, i % 300 + 1, 47.62 + g_rand_double (rand) * 0.06,
                            18.28 + g_rand_double (rand) * 0.09, categories[i % 5], (int) (i % 3) + 1,
                            (int) (i % 12) + 1, (int) (i % 28) + 1);
  g_rand_free (rand);
  g_assert_true (g_file_set_contents (csv, text->str, (gssize) text->len, NULL));

  store = sm_store_open (db, &error);
  g_assert_no_error (error);
  t0 = sm_bench_now_ms ();
  if (!sm_import_file (store, csv, &options, NULL, NULL, NULL, &report, &error))
    g_error ("%s", error->message);
  ours = sm_bench_now_ms () - t0;
  g_assert_cmpuint (report->n_households, ==, N_ROWS);

  {
    const char *argv[] = { "ogr2ogr", "-f", "GPKG", gpkg, csv, "-oo", "X_POSSIBLE_NAMES=lon",
                           "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326", NULL };

    t0 = sm_bench_now_ms ();
    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("ogr2ogr: %s", error->message);
    theirs = sm_bench_now_ms () - t0;
  }

  printf ("BENCH import_csv_100k %.0f ms\n", ours);
  printf ("BENCH import_csv_100k_rate %.0f rows/s\n", N_ROWS / (ours / 1000));
  printf ("BENCH ogr2ogr_gpkg_100k %.0f ms\n", theirs);
  printf ("BENCH import_over_ogr2ogr %.2f x\n", ours / theirs);
  printf ("BENCH import_peak_resident_memory %.1f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets import<=ogr2ogr: %s\n", ours <= theirs ? "met" : "NOT met");

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
  }
  g_rmdir (dir);
  return 0;
}
