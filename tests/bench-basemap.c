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
 * the PNG encoding, median and 95th percentile per zoom. The reference is a
 * Mapnik 3.1 renderer with a comparable style at a median of 3.6 ms a tile
 * on these machines. */

#define BLOCK 6
#define N_TILES (BLOCK * BLOCK)
#define MAPNIK_MEDIAN_MS 3.6

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
  double all[5 * N_TILES], t0, import_ms, total_ms = 0, worst_median = 0;
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
      worst_median = MAX (worst_median, sm_bench_percentile (times, N_TILES, 0.5));
      printf ("BENCH tile_z%d_median %.2f ms\n", z, sm_bench_percentile (times, N_TILES, 0.5));
      printf ("BENCH tile_z%d_p95 %.2f ms\n", z, sm_bench_percentile (times, N_TILES, 0.95));
    }
  sm_bench_sort (all, n_all);
  printf ("BENCH tile_all_median %.2f ms\n", sm_bench_percentile (all, n_all, 0.5));
  printf ("BENCH tile_all_p95 %.2f ms\n", sm_bench_percentile (all, n_all, 0.95));
  printf ("BENCH tile_throughput %.0f tiles/s\n", n_all / (total_ms / 1000.0));
  printf ("BENCH tile_png_mean_size %.1f KiB\n", png_bytes / (double) n_all / 1024.0);
  printf ("BENCH mapnik_reference_median %.1f ms\n", MAPNIK_MEDIAN_MS);
  printf ("BENCH tile_median_vs_mapnik %.2f x\n",
          sm_bench_percentile (all, n_all, 0.5) / MAPNIK_MEDIAN_MS);
  printf ("BENCH basemap_peak_resident_memory %.1f MB\n", sm_bench_peak_rss_mb ());
  printf ("BENCH targets every zoom's median<=%.1fms: %s\n", MAPNIK_MEDIAN_MS,
          worst_median <= MAPNIK_MEDIAN_MS ? "met" : "NOT met");

  g_clear_object (&renderer);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
