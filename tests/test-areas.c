#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "sm-area-stats.h"
#include "sm-boundary.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-test-util.h"

/* Statistics by area: contiguity and distance neighbours on a 6 × 6 block
 * of square districts, Gi* equal to the closed form, a planted block of
 * high rates coming out hot, empirical-Bayes shrinkage of a tiny district,
 * small numbers flagged; and the settlement-part areas derived for the demo
 * town covering it once, with each part's households counted by its part. */

#define SIDE 6
#define LON0 18.30
#define LAT0 47.63
#define STEP 0.01

static int
planted (int row,
         int col)
{
  if (row == SIDE - 1 && col == SIDE - 1)
    return 2;                     /* the tiny district */
  if (row == 0 && col == 0)
    return 3;                     /* fewer than five */
  return row >= 2 && row <= 3 && col >= 2 && col <= 3 ? 30 : 6;
}

static char *
write_districts (const char *dir)
{
  g_autoptr(GString) json = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
  char *path = g_build_filename (dir, "districts.geojson", NULL);

  for (int r = 0; r < SIDE; r++)
    for (int c = 0; c < SIDE; c++)
      {
        double w = LON0 + c * STEP, s = LAT0 + r * STEP, e = w + STEP, n = s + STEP;
        char buf[5][2][G_ASCII_DTOSTR_BUF_SIZE];
        double xy[5][2] = { { w, s }, { e, s }, { e, n }, { w, n }, { w, s } };

        for (int i = 0; i < 5; i++)
          for (int k = 0; k < 2; k++)
            g_ascii_dtostr (buf[i][k], sizeof buf[i][k], xy[i][k]);
        g_string_append_printf (json,
          "%s{\"type\": \"Feature\", \"properties\": {\"name\": \"D%d%d\", \"population\": %d},"
          " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[%s, %s], [%s, %s], [%s, %s],"
          " [%s, %s], [%s, %s]]]}}",
          r || c ? ", " : "", r, c, r == SIDE - 1 && c == SIDE - 1 ? 20 : 1000,
          buf[0][0], buf[0][1], buf[1][0], buf[1][1], buf[2][0], buf[2][1], buf[3][0], buf[3][1],
          buf[4][0], buf[4][1]);
      }
  g_string_append (json, "]}");
  g_assert_true (g_file_set_contents (path, json->str, -1, NULL));
  return path;
}

static void
add_households (SmStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sm_store_begin (store, &error));
  for (int r = 0; r < SIDE; r++)
    for (int c = 0; c < SIDE; c++)
      for (int i = 0; i < planted (r, c); i++)
        {
          SmHousehold h = {
            .address_raw = "Teszt utca 1.", .settlement = "Tata", .has_location = TRUE,
            .lat = LAT0 + (r + 0.2 + 0.6 * (i % 7) / 7.0) * STEP,
            .lon = LON0 + (c + 0.2 + 0.6 * (i / 7) / 5.0) * STEP,
            .quality = SM_GEOCODE_MANUAL,
          };
          SmNeed n = { .category = "lakhatas", .severity = 2, .assessed_on = "2025-01-10" };

          n.household_id = sm_store_add_household (store, &h, &error);
          g_assert_no_error (error);
          sm_store_add_need (store, &n, &error);
          g_assert_no_error (error);
        }
  g_assert_true (sm_store_commit (store, &error));
}

static guint
find_area (GArray     *stats,
           const char *name)
{
  for (guint i = 0; i < stats->len; i++)
    if (g_str_equal (g_array_index (stats, SmAreaStat, i).name, name))
      return i;
  g_error ("no area %s", name);
}

static void
test_districts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-areas");
  g_autofree char *db = g_build_filename (dir, "areas.db", NULL);
  g_autofree char *file = write_districts (dir);
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmAreaSet) queen = NULL, band = NULL;
  g_autoptr(GArray) stats = NULL, again = NULL;
  SmBoundaryImportOptions import = { .level = "district" };
  SmAreaOptions options = { .permutations = 999, .seed = 7, .k = 5 };
  double sum = 0, sum2 = 0, mean, s;
  gboolean on_rate = FALSE;
  guint n;
  GDate day;

  g_assert_no_error (error);
  g_assert_true (sm_boundary_import (store, file, &import, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, SIDE * SIDE);
  add_households (store);
  sm_date_parse_iso ("2025-06-01", &day, NULL);
  sm_filter_set_as_of (filter, &day);

  /* Queen contiguity: corners have 3 neighbours, edges 5, the inside 8. */
  queen = sm_area_set_load (store, "district", SM_AREA_CONTIGUITY, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_area_set_get_size (queen), ==, SIDE * SIDE);
  stats = sm_area_stats (queen, store, filter, &options, &on_rate, &error);
  g_assert_no_error (error);
  g_assert_true (on_rate);
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      int r = st->name[1] - '0', c = st->name[2] - '0';
      gboolean edge_r = r == 0 || r == SIDE - 1, edge_c = c == 0 || c == SIDE - 1;

      sm_area_set_get_neighbours (queen, i, &n);
      g_assert_cmpuint (n, ==, edge_r && edge_c ? 3 : edge_r || edge_c ? 5 : 8);
      g_assert_cmpuint (st->households, ==, planted (r, c));
      g_assert_true (st->small == (planted (r, c) < 5));
      g_assert_cmpfloat_with_epsilon (st->rate, planted (r, c) * 1000.0 / st->population, 1e-9);
      sum += st->eb_rate;
      sum2 += st->eb_rate * st->eb_rate;
    }

  /* Gi* equals the closed form on the smoothed rates. */
  mean = sum / stats->len;
  s = sqrt (sum2 / stats->len - mean * mean);
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      const int *nb = sm_area_set_get_neighbours (queen, i, &n);
      double local = st->eb_rate, w = n + 1, N = stats->len;

      for (guint j = 0; j < n; j++)
        local += g_array_index (stats, SmAreaStat, nb[j]).eb_rate;
      g_assert_cmpfloat_with_epsilon (st->gi.z, (local - mean * w) / (s * sqrt ((N * w - w * w) / (N - 1))),
                                      1e-9);
    }

  /* The planted block is hot, the far side is not; the tiny district's raw
   * rate tops the list but its smoothed rate falls below the block's. */
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      int r = st->name[1] - '0', c = st->name[2] - '0';

      if (planted (r, c) == 30)
        g_assert_cmpint (st->gi.klass, >=, 1);
      else if (r == 0 || c == 0 || r == SIDE - 1 || c == SIDE - 1)
        g_assert_cmpint (st->gi.klass, <=, 0);
    }
  {
    const SmAreaStat *tiny = &g_array_index (stats, SmAreaStat, find_area (stats, "D55"));
    const SmAreaStat *block = &g_array_index (stats, SmAreaStat, find_area (stats, "D23"));

    g_assert_cmpfloat (tiny->rate, >, block->rate);
    g_assert_cmpfloat (tiny->eb_rate, <, block->eb_rate);
  }

  /* The same seed gives the same p-values. */
  again = sm_area_stats (queen, store, filter, &options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stats->len; i++)
    g_assert_cmpfloat (g_array_index (stats, SmAreaStat, i).gi.p, ==,
                       g_array_index (again, SmAreaStat, i).gi.p);

  /* A distance band between the east-west (750 m) and diagonal (1,340 m)
   * spacing of the centres gives the four sides. */
  band = sm_area_set_load (store, "district", SM_AREA_DISTANCE, 1200, &error);
  g_assert_no_error (error);
  sm_area_set_get_neighbours (band, find_area (stats, "D11"), &n);
  g_assert_cmpuint (n, ==, 4);
  sm_area_set_get_neighbours (band, find_area (stats, "D00"), &n);
  g_assert_cmpuint (n, ==, 2);

  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

static void
test_demo_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-areas");
  g_autofree char *db = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  SmDemoOptions demo = { .n_households = 3000, .seed = SM_DEMO_DEFAULT_SEED, .until = "2026-06-30" };
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(SmShape) town = NULL;
  g_autoptr(SmAreaSet) set = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GPtrArray) rates = NULL;
  double w, s, e, n;
  guint inside = 0, agostyan;
  GDate day;

  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &demo, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Every point of the town lies in exactly one part's area. */
  parts = sm_boundary_list (store, "settlement_part", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, sm_test_scalar (store,
    "SELECT count(*) FROM settlement_part WHERE settlement = 'Tata' AND anchor_lat IS NOT NULL"));
  town = sm_boundary_get_shape (store, "Tata", "settlement", &error);
  g_assert_no_error (error);
  sm_shape_get_bbox (town, &w, &s, &e, &n);
  for (int y = 0; y < 60; y++)
    for (int x = 0; x < 60; x++)
      {
        double lon = w + (e - w) * (x + 0.5) / 60, lat = s + (n - s) * (y + 0.5) / 60;
        guint hits = 0;

        if (!sm_shape_contains (town, lon, lat))
          continue;
        inside++;
        for (guint i = 0; i < parts->len; i++)
          hits += sm_shape_contains (((SmBoundary *) g_ptr_array_index (parts, i))->shape, lon, lat);
        g_assert_cmpuint (hits, ==, 1);
      }
  g_assert_cmpuint (inside, >, 500);

  /* Households count by their settlement part, as the rates per part do
   * (another town's parts of the same names do not count);
   * the elderly-care pocket makes Agostyán's smoothed rate the highest. */
  sm_date_parse_iso ("2026-06-30", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  sm_filter_add_category (filter, sm_store_lookup_category (store, "idos_gondozas", NULL));
  set = sm_area_set_load (store, "settlement_part", SM_AREA_CONTIGUITY, 0, &error);
  g_assert_no_error (error);
  stats = sm_area_stats (set, store, filter, NULL, NULL, &error);
  g_assert_no_error (error);
  rates = sm_part_rates (store, filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rates->len; i++)
    {
      SmPartRate *r = g_ptr_array_index (rates, i);

      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, find_area (stats, r->name));

      g_assert_cmpuint (st->households, ==, r->households);
      /* One smoothing: the same prior (every part with a population) in
       * the hotspot report's rates and the areas'. */
      if (!isnan (st->eb_rate) || !isnan (r->eb_rate))
        g_assert_cmpfloat_with_epsilon (st->eb_rate, r->eb_rate, 1e-9);
    }
  agostyan = find_area (stats, "Agostyán");
  for (guint i = 0; i < stats->len; i++)
    if (i != agostyan && !isnan (g_array_index (stats, SmAreaStat, i).eb_rate))
      g_assert_cmpfloat (g_array_index (stats, SmAreaStat, i).eb_rate, <,
                         g_array_index (stats, SmAreaStat, agostyan).eb_rate);

  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/areas/districts", test_districts);
  g_test_add_func ("/areas/demo-parts", test_demo_parts);
  return g_test_run ();
}
