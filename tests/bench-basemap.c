#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "sm-basemap.h"
#include "sm-mercator.h"
#include "sm-tile-renderer.h"

#include "sm-bench-util.h"

/* The basemap renderer on the Liechtenstein extract: a 6 × 6 block of tiles
 * around Vaduz (47.14 N, 9.52 E) at each zoom 13–17, time per tile including
 * the PNG encoding and the label plans, median and 95th percentile per
 * zoom. The peer is Mapnik (python3-mapnik) drawing the same tiles with a
 * comparable style, street names along the lines included
 * (tests/bench-mapnik.py), measured in the same run; without Mapnik the
 * comparison is skipped with a message. */

#define BLOCK 6
#define N_TILES (BLOCK * BLOCK)

/* Mapnik's median per zoom (13–17) and overall, in ms; FALSE when it
 * cannot be run here. */
static gboolean
run_mapnik (const char *extract,
            double      per_zoom[5],
            double     *all)
{
  g_autofree char *script = g_build_filename (SM_SOURCE_TESTDIR, "bench-mapnik.py", NULL);
  const char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE) ? "/usr/bin/python3"
                                                                                   : "python3";
  const char *argv[] = { python, script, extract, "9.52", "47.14", "6", "13", "17", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                     &error) || !g_spawn_check_wait_status (status, NULL))
    {
      printf ("Mapnik not measured: %s\n", error ? error->message : g_strstrip (err));
      return FALSE;
    }
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      int z;
      double v;

      if (sscanf (lines[i], "median_ms %lf", &v) == 1)
        *all = v;
      else if (sscanf (lines[i], "z%d_median_ms %lf", &z, &v) == 2 && z >= 13 && z <= 17)
        per_zoom[z - 13] = v;
    }
  return *all > 0;
}

int
main (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-basemap-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "basemap.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmTileRenderer) renderer = NULL;
  SmBasemapImportStats stats;
  double all[5 * N_TILES], medians[5], peer[5] = { 0 }, peer_all = 0, t0, import_ms, total_ms = 0;
  gboolean ahead = TRUE, have_peer;
  gsize n_all = 0, png_bytes = 0;

  g_assert_no_error (error);
  t0 = sm_bench_now_ms ();
  if (!sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, &stats, &error))
    g_error ("%s", error->message);
  import_ms = sm_bench_now_ms () - t0;
  g_clear_object (&store);

  renderer = sm_tile_renderer_new (path, &error);
  g_assert_no_error (error);

  printf ("BENCH basemap_import_liechtenstein %.0f ms\n", import_ms);
  printf ("BENCH basemap_import_features %u features\n", stats.n_features);

  for (int z = 13; z <= 17; z++)
    {
      double cx, cy, times[N_TILES];
      int x0, y0, i = 0;

      sm_mercator_from_lonlat (9.52, 47.14, &cx, &cy);
      x0 = (int) (cx * (1 << z)) - BLOCK / 2 + 1;
      y0 = (int) (cy * (1 << z)) - BLOCK / 2 + 1;

      /* One pass to bring the file's pages into memory, one measured. */
      for (int pass = 0; pass < 2; pass++)
        for (int y = y0; y < y0 + BLOCK; y++)
          for (int x = x0; x < x0 + BLOCK; x++)
            {
              g_autoptr(GBytes) png = NULL;

              t0 = sm_bench_now_ms ();
              png = sm_tile_renderer_render_png (renderer, z, x, y, &error);
              g_assert_no_error (error);
              if (pass == 1)
                {
                  times[i++] = sm_bench_now_ms () - t0;
                  png_bytes += g_bytes_get_size (png);
                }
            }
      for (i = 0; i < N_TILES; i++)
        {
          all[n_all++] = times[i];
          total_ms += times[i];
        }
      sm_bench_sort (times, N_TILES);
      medians[z - 13] = sm_bench_percentile (times, N_TILES, 0.5);
      printf ("BENCH tile_z%d_median %.2f ms\n", z, sm_bench_percentile (times, N_TILES, 0.5));
      printf ("BENCH tile_z%d_p95 %.2f ms\n", z, sm_bench_percentile (times, N_TILES, 0.95));
    }
  sm_bench_sort (all, n_all);
  printf ("BENCH tile_all_median %.2f ms\n", sm_bench_percentile (all, n_all, 0.5));
  printf ("BENCH tile_all_p95 %.2f ms\n", sm_bench_percentile (all, n_all, 0.95));
  printf ("BENCH tile_throughput %.0f tiles/s\n", n_all / (total_ms / 1000.0));
  printf ("BENCH tile_png_mean_size %.1f KiB\n", png_bytes / (double) n_all / 1024.0);
  printf ("BENCH basemap_peak_resident_memory %.1f MB\n", sm_bench_peak_rss_mb ());
  have_peer = run_mapnik (extract, peer, &peer_all);
  if (have_peer)
    {
      for (int z = 13; z <= 17; z++)
        {
          printf ("BENCH mapnik_z%d_median %.2f ms\n", z, peer[z - 13]);
          ahead &= medians[z - 13] <= peer[z - 13];
        }
      printf ("BENCH mapnik_all_median %.2f ms\n", peer_all);
      printf ("BENCH tile_median_vs_mapnik %.2f x\n", sm_bench_percentile (all, n_all, 0.5) / peer_all);
      printf ("BENCH targets every zoom's median<=mapnik's: %s\n", ahead ? "met" : "NOT met");
    }

  g_clear_object (&renderer);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
