#include "config.h"

#include "sm-boundary.h"
#include "sm-excess.h"
#include "sm-store-places.h"
#include "sm-geometry.h"

#include <math.h>

#include "sm-date.h"
#include "sm-demo.h"
#include "sm-hotspot.h"
#include "sm-test-util.h"

/* Hotspot statistics against known answers: kernel constants worked out by
 * hand, kernels integrating to one, Gi* on a hand-computed 3 × 3 example,
 * a planted cluster found where it was planted and hardly anywhere else,
 * the same answer for the same seed, empirical-Bayes shrinkage, and the
 * demo town's planted pockets. */

static void
test_kernel_constants (void)
{
  /* Quartic, h = 100 m: 3 / (π · 100²) at the centre, times (1 − ¼)² at 50 m. */
  g_assert_cmpfloat_with_epsilon (sm_kernel_value (SM_KERNEL_QUARTIC, 0, 100), 9.549297e-5, 1e-10);
  g_assert_cmpfloat_with_epsilon (sm_kernel_value (SM_KERNEL_QUARTIC, 50, 100), 5.371479e-5, 1e-10);
  g_assert_cmpfloat_with_epsilon (sm_kernel_value (SM_KERNEL_EPANECHNIKOV, 50, 100), 4.774648e-5, 1e-10);
  g_assert_cmpfloat_with_epsilon (sm_kernel_value (SM_KERNEL_UNIFORM, 99, 100), 3.183099e-5, 1e-10);
  g_assert_cmpfloat_with_epsilon (sm_kernel_value (SM_KERNEL_TRIANGULAR, 50, 100), 4.774648e-5, 1e-10);
  g_assert_cmpfloat (sm_kernel_value (SM_KERNEL_QUARTIC, 100, 100), ==, 0);

  /* Each kernel spreads one case over one: the grid sums to 1. */
  for (int k = SM_KERNEL_QUARTIC; k <= SM_KERNEL_UNIFORM; k++)
    {
      g_autoptr(SmGrid) grid = sm_grid_new (201, 201, -1005, -1005, 10);
      SmWeightedPoint one = { 0, 0, 1 };
      double sum = 0;

      sm_kde (&one, 1, (SmKernel) k, 300, grid);
      for (int i = 0; i < 201 * 201; i++)
        sum += grid->values[i] * 100;
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 0.01);
      /* At its own cell, the kernel's value at distance 0. */
      g_assert_cmpfloat_with_epsilon (grid->values[100 * 201 + 100],
                                      sm_kernel_value ((SmKernel) k, 0, 300), 1e-12);
    }
}

/* 3 × 3 cells, all 1 but the middle 10, queen weights with the cell
 * itself. For the corner: Σw·x = 13, W = 4, x̄ = 2, S = √8, so
 * z = (13 − 8) / (√8 · √((9·4 − 16) / 8)) = 5 / √20. */
static void
test_gi_by_hand (void)
{
  const double x[9] = { 1, 1, 1, 1, 10, 1, 1, 1, 1 };
  SmGiValue gi[9];

  sm_getis_ord (x, 3, 3, 1, 0, 1, SM_CORRECTION_NONE, gi);
  g_assert_cmpfloat_with_epsilon (gi[0].z, 5 / sqrt (20), 1e-9);
  /* The middle cell's window is the whole grid: 0/0, not defined. */
  g_assert_true (isnan (gi[4].z));
  g_assert_cmpfloat (gi[4].p, ==, 1.0);
  g_assert_cmpint (gi[4].klass, ==, 0);
  /* An edge cell: Σ = 1+1+1+1+10+1 = 15, W = 6: (15 − 12) / (√8 · √((54 − 36)/8)). */
  g_assert_cmpfloat_with_epsilon (gi[1].z, 3 / (sqrt (8) * sqrt (18.0 / 8)), 1e-9);
}

/* Ties count as extreme. Unit 0 (37.5432) has one neighbour, unit 1, at
 * the lowest value 3.9317, which three more of the seven other units
 * share: a cold unit whose exact permutation p is 4/7. (37.5432 + 3.9317)
 * − 37.5432 is 3.9316999999999993 in doubles, so a p computed from the
 * difference of sums finds no draw as low and says 1/(R + 1). Where every
 * value is the same, z is 0/0: not defined, p = 1. */
static void
test_gi_ties (void)
{
  const double x[8] = { 37.5432, 3.9317, 3.9317, 3.9317, 3.9317, 50, 50, 50 };
  const int offsets[9] = { 0, 2, 3, 4, 5, 6, 7, 8, 9 };
  const int lists[9] = { 0, 1, 1, 2, 3, 4, 5, 6, 7 };
  const double same[8] = { 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5 };
  SmGiValue gi[8];

  sm_getis_ord_neighbours (x, 8, offsets, lists, 9999, 7, SM_CORRECTION_NONE, gi);
  g_assert_cmpfloat (gi[0].z, <, 0);
  g_assert_cmpfloat_with_epsilon (gi[0].p, 4.0 / 7, 0.02);
  g_assert_cmpint (gi[0].klass, ==, 0);

  sm_getis_ord_neighbours (same, 8, offsets, lists, 999, 7, SM_CORRECTION_NONE, gi);
  for (int i = 0; i < 8; i++)
    {
      g_assert_true (isnan (gi[i].z));
      g_assert_cmpfloat (gi[i].p, ==, 1.0);
      g_assert_cmpint (gi[i].klass, ==, 0);
    }
}

/* 40 × 40 cells of Poisson(2) with a 5 × 5 block of Poisson(12): hot at
 * the block; elsewhere no more hot cells than the false-positive rate
 * allows (uncorrected at 0.05, and a handful with FDR); the same seed gives
 * the same answer. FDR over 1,600 cells needs finer p-values than 999
 * permutations give (1/1000 × 1600 / rank), so that run uses 9,999. */
static void
test_planted_cluster (void)
{
  enum { W = 40, H = 40 };
  GRand *rand = g_rand_new_with_seed (42);
  double x[W * H];
  static SmGiValue a[W * H], b[W * H], plain[W * H];
  guint hot_in = 0, hot_out = 0, plain_in = 0, plain_out = 0;

  for (int i = 0; i < W * H; i++)
    {
      int cx = i % W, cy = i / W;
      double mean = cx >= 20 && cx < 25 && cy >= 10 && cy < 15 ? 12 : 2;
      double l = exp (-mean), p = 1;
      int k = 0;

      do
        {
          k++;
          p *= g_rand_double (rand);
        }
      while (p > l);
      x[i] = k - 1;
    }
  g_rand_free (rand);

  sm_getis_ord (x, W, H, 1, 9999, 7, SM_CORRECTION_FDR, a);
  sm_getis_ord (x, W, H, 1, 9999, 7, SM_CORRECTION_FDR, b);
  sm_getis_ord (x, W, H, 1, 999, 7, SM_CORRECTION_NONE, plain);
  for (int i = 0; i < W * H; i++)
    {
      int cx = i % W, cy = i / W;
      gboolean planted = cx >= 20 && cx < 25 && cy >= 10 && cy < 15;

      gboolean touching = cx >= 19 && cx <= 25 && cy >= 9 && cy <= 15;

      g_assert_cmpfloat (a[i].p, ==, b[i].p);
      g_assert_cmpint (a[i].klass, ==, b[i].klass);
      if (plain[i].klass > 0 && planted)
        plain_in++;
      else if (plain[i].klass > 0 && !touching)
        plain_out++;
      if (a[i].klass > 0 && planted)
        hot_in++;
      else if (a[i].klass > 0 && !touching)
        hot_out++;   /* the block's neighbours share its window */
    }
  g_assert_cmpuint (plain_in, ==, 25);
  /* One-sided at 0.05: about 2.5 % of 1,500 cells by chance; allow twice. */
  g_assert_cmpuint (plain_out, <=, 75);
  g_assert_cmpuint (hot_in, >=, 20);
  /* 1,500 cells outside; FDR keeps false discoveries near 5 % of the
   * discoveries, so a handful at most. */
  g_assert_cmpuint (hot_out, <=, 8);
}

static void
test_eb_rates (void)
{
  const double counts[3] = { 2, 50, 40 };
  const double pops[3] = { 10, 1000, 1000 };
  double raw[3], eb[3];

  sm_eb_rates (counts, pops, 3, raw, eb);
  g_assert_cmpfloat_with_epsilon (raw[0], 0.2, 1e-12);
  /* The tiny part is pulled hard towards the overall 92 / 2010. */
  g_assert_cmpfloat (eb[0], <, 0.1);
  g_assert_cmpfloat (eb[0], >, 92.0 / 2010 - 1e-9);
  /* The large ones hardly move. */
  g_assert_cmpfloat_with_epsilon (eb[1], raw[1], 0.005);
}

static const SmHotspot *
hotspot_holding (GPtrArray *hotspots,
                 double     lat,
                 double     lon)
{
  for (guint i = 0; i < hotspots->len; i++)
    {
      const SmHotspot *h = g_ptr_array_index (hotspots, i);

      if (lat >= h->south && lat <= h->north && lon >= h->west && lon <= h->east)
        return h;
    }
  return NULL;
}

/* The demo town's pockets come out as significant hotspots: the housing
 * pocket south-east of the centre (grown since 2024) and the child-risk
 * pocket to the west, each with its own category leading. */
static void
test_demo_pockets (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-hotspot");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmDemoOptions options = { .n_households = 3000, .seed = SM_DEMO_DEFAULT_SEED, .until = "2026-06-30" };
  SmHotspotOptions hs = { .cell_m = 250, .permutations = 199, .seed = 1,
                          .correction = SM_CORRECTION_NONE };
  static const struct { const char *category; double lat, lon; } pockets[] = {
    { "lakhatas", 47.6405, 18.3335 },
    { "gyermekvedelmi_kockazat", 47.6590, 18.2985 },
  };
  GDate day, before;

  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  sm_date_parse_iso ("2026-06-30", &day, NULL);
  sm_date_parse_iso ("2024-06-30", &before, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pockets); i++)
    {
      g_autoptr(SmFilter) filter = sm_filter_new ();
      g_autoptr(GPtrArray) hotspots = NULL;
      gint64 category = sm_store_lookup_category (store, pockets[i].category, NULL);
      const SmHotspot *h;

      sm_filter_set_as_of (filter, &day);
      sm_filter_add_category (filter, category);
      hotspots = sm_find_hotspots (store, filter, &hs, &before, &error);
      g_assert_no_error (error);
      h = hotspot_holding (hotspots, pockets[i].lat, pockets[i].lon);
      if (h == NULL)
        g_error ("no hotspot holds the %s pocket", pockets[i].category);
      g_assert_cmpint (h->strongest, >=, 2);
      g_assert_cmpint (h->top_categories[0], ==, category);
      g_assert_true (h->has_earlier);
      if (i == 0)
        g_assert_cmpuint (h->households, >, h->earlier_households);

      /* Gi* on the cells' smoothed rates (the need among all households
       * there) finds the pocket too. */
      {
        SmHotspotOptions rate = hs;
        g_autoptr(GPtrArray) by_rate = NULL;

        rate.method = SM_HOTSPOT_RATE;
        by_rate = sm_find_hotspots (store, filter, &rate, NULL, &error);
        g_assert_no_error (error);
        if (hotspot_holding (by_rate, pockets[i].lat, pockets[i].lon) == NULL)
          g_error ("no hotspot of rates holds the %s pocket", pockets[i].category);
      }
    }

  /* Excess (the scan, all needs): each pocket is found with its own need,
   * and no cluster holds the town centre, where most households live. */
  {
    g_autoptr(SmFilter) filter = sm_filter_new ();
    g_autoptr(GPtrArray) found = NULL;
    g_autoptr(GPtrArray) parts = sm_store_list_parts (store, "Tata", &error);
    SmExcessOptions excess = { .model = SM_SCAN_BERNOULLI, .seed = 1 };
    double centre_lat = 0, centre_lon = 0, agostyan_lat = 0, agostyan_lon = 0;
    const struct { const char *category; double lat, lon; } wanted[] = {
      { "lakhatas", 47.6405, 18.3335 },
      { "gyermekvedelmi_kockazat", 47.6590, 18.2985 },
      { "elszigeteltseg", 0, 0 },     /* Agostyán */
    };

    g_assert_no_error (error);
    for (guint i = 0; i < parts->len; i++)
      {
        const SmSettlementPart *part = g_ptr_array_index (parts, i);

        if (g_str_equal (part->name, "Központi belterület"))
          centre_lat = part->anchor_lat, centre_lon = part->anchor_lon;
        if (g_str_equal (part->name, "Agostyán"))
          agostyan_lat = part->anchor_lat, agostyan_lon = part->anchor_lon;
      }
    g_assert_cmpfloat (centre_lat, !=, 0);
    sm_filter_set_as_of (filter, &day);
    found = sm_find_excess (store, filter, &excess, NULL, &error);
    g_assert_no_error (error);
    for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
      {
        gint64 category = sm_store_lookup_category (store, wanted[w].category, NULL);
        double lat = wanted[w].lat ? wanted[w].lat : agostyan_lat;
        double lon = wanted[w].lon ? wanted[w].lon : agostyan_lon;
        gboolean hit = FALSE;

        for (guint i = 0; i < found->len && !hit; i++)
          {
            const SmExcess *e = g_ptr_array_index (found, i);

            hit = e->category == category && e->relative_risk > 2 &&
                  sm_test_metres (e->lat, e->lon, lat, lon) < e->radius_m + 400;
          }
        if (!hit)
          g_error ("the %s pocket was not found as excess", wanted[w].category);
      }
    for (guint i = 0; i < found->len; i++)
      {
        const SmExcess *e = g_ptr_array_index (found, i);

        g_assert_cmpfloat (e->p, <, 0.05);
        g_assert_cmpfloat (e->cases, >, e->expected);
        if (sm_test_metres (e->lat, e->lon, centre_lat, centre_lon) < e->radius_m)
          g_error ("a cluster of excess holds the town centre");
      }
  }

  /* The grid is clipped to the town: no significant cell, hot or cold,
   * lies wholly outside Tata's outline. */
  {
    g_autoptr(SmFilter) filter = sm_filter_new ();
    g_autoptr(SmShape) town = sm_boundary_get_shape (store, "Tata", "settlement", &error);
    g_autoptr(GPtrArray) hotspots = NULL;
    g_autoptr(GArray) cells = NULL;
    guint cold = 0;

    g_assert_no_error (error);
    sm_filter_set_as_of (filter, &day);
    hotspots = sm_find_hotspots_full (store, filter, NULL, &hs, NULL, &cells, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (cells->len, >, 0);
    for (guint i = 0; i < cells->len; i++)
      {
        const SmHotspotCell *c = &g_array_index (cells, SmHotspotCell, i);
        double lon[5] = { (c->west + c->east) / 2, c->west, c->east, c->west, c->east };
        double lat[5] = { (c->south + c->north) / 2, c->south, c->south, c->north, c->north };
        gboolean touches = FALSE;

        for (int k = 0; k < 5; k++)
          touches |= sm_shape_contains (town, lon[k], lat[k]);
        if (!touches)
          g_error ("a %s cell at %.4f, %.4f lies outside the town", c->klass > 0 ? "hot" : "cold",
                   lat[0], lon[0]);
        cold += c->klass < 0;
      }
    g_assert_cmpuint (cold, >, 0);
  }
  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hotspot/kernel-constants", test_kernel_constants);
  g_test_add_func ("/hotspot/gi-by-hand", test_gi_by_hand);
  g_test_add_func ("/hotspot/gi-ties", test_gi_ties);
  g_test_add_func ("/hotspot/planted-cluster", test_planted_cluster);
  g_test_add_func ("/hotspot/eb-rates", test_eb_rates);
  g_test_add_func ("/hotspot/demo-pockets", test_demo_pockets);
  return g_test_run ();
}
