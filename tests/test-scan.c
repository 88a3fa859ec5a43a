/* Kulldorff's scan statistic: the likelihood ratio by hand, no excess
 * found where rates are the same (whatever the density), a planted excess
 * found where people are few, the Poisson model, one answer per seed. */

#include "config.h"

#include <math.h>

#include "sm-error.h"
#include "sm-scan.h"

enum { SIDE = 30 };
#define STEP_M 250.0

/* A town of SIDE × SIDE cells: a dense quarter (the north-east, 120
 * households a cell) and sparse elsewhere (8 a cell); every household is a
 * case with probability @rate, or @planted_rate within 600 m of @px, @py. */
static SmScanLocation *
make_town (guint32 seed,
           double  rate,
           double  px,
           double  py,
           double  planted_rate)
{
  SmScanLocation *l = g_new0 (SmScanLocation, SIDE * SIDE);
  GRand *rand = g_rand_new_with_seed (seed);

  for (int i = 0; i < SIDE * SIDE; i++)
    {
      int cx = i % SIDE, cy = i / SIDE;
      gboolean dense = cx >= SIDE / 2 && cy >= SIDE / 2;

      l[i].x = cx * STEP_M;
      l[i].y = cy * STEP_M;
      l[i].population = dense ? 120 : 8;
      for (int h = 0; h < (int) l[i].population; h++)
        {
          double r = hypot (l[i].x - px, l[i].y - py) <= 600 ? planted_rate : rate;

          l[i].cases += g_rand_double (rand) < r;
        }
    }
  g_rand_free (rand);
  return l;
}

/* Two locations, one circle that matters: the ratio as written out. */
static void
test_llr_by_hand (void)
{
  /* 30 of 100 at the first place, 10 of 100 at the other, 3 km apart. */
  const SmScanLocation l[2] = { { 0, 0, 100, 30 }, { 3000, 0, 100, 10 } };
  SmScanOptions o = { .model = SM_SCAN_BERNOULLI, .replications = 99, .seed = 1,
                      .max_share = 0.5 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = sm_scan (l, 2, &o, NULL, &error);
  const SmScanCluster *c;
  double c_in = 30, n_in = 100, C = 40, N = 200;
  double llr = c_in * log (c_in / n_in) + (n_in - c_in) * log (1 - c_in / n_in)
             + (C - c_in) * log ((C - c_in) / (N - n_in))
             + (N - n_in - C + c_in) * log (1 - (C - c_in) / (N - n_in))
             - C * log (C / N) - (N - C) * log (1 - C / N);

  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, ==, 1);
  c = g_ptr_array_index (clusters, 0);
  g_assert_cmpuint (c->centre, ==, 0);
  g_assert_cmpuint (c->members->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (c->llr, llr, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->expected, 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (c->relative_risk, 3.0, 1e-9);
  g_assert_cmpfloat (c->p, >, 0);
  g_assert_cmpfloat (c->p, <=, 1);

  /* Poisson: 30 cases where 20 were expected. */
  o.model = SM_SCAN_POISSON;
  g_clear_pointer (&clusters, g_ptr_array_unref);
  clusters = sm_scan (l, 2, &o, NULL, &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (clusters, 0);
  g_assert_cmpfloat_with_epsilon (c->llr, 30 * log (30 / 20.0) + 10 * log (10 / 20.0), 1e-9);
}

/* Rates the same everywhere: the most likely cluster is significant in
 * about 5 % of towns, not more, though a quarter holds most people. */
static void
test_uniform_rates (void)
{
  SmScanOptions o = { .model = SM_SCAN_BERNOULLI, .replications = 199, .seed = 3 };
  guint significant = 0, towns = 20;

  for (guint t = 0; t < towns; t++)
    {
      g_autofree SmScanLocation *l = make_town (100 + t, 0.1, -1e9, -1e9, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) clusters = sm_scan (l, SIDE * SIDE, &o, NULL, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < clusters->len; i++)
        significant += ((SmScanCluster *) g_ptr_array_index (clusters, i))->p < 0.05;
    }
  g_test_message ("%u of %u towns with a significant cluster", significant, towns);
  /* 1 expected; 4 or more would happen by chance less than 2 % of the time. */
  g_assert_cmpuint (significant, <=, 3);
}

/* An excess in the sparse part: found there, significant, with its rate
 * ratio; not one in the dense quarter. The same seed, the same answer. */
static void
test_planted_excess (void)
{
  SmScanOptions o = { .model = SM_SCAN_BERNOULLI, .replications = 999, .seed = 5 };
  g_autofree SmScanLocation *l = make_town (7, 0.1, 1500, 1750, 0.45);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = sm_scan (l, SIDE * SIDE, &o, NULL, &error);
  g_autoptr(GPtrArray) again = NULL;
  const SmScanCluster *c;

  g_assert_no_error (error);
  g_assert_cmpuint (clusters->len, >, 0);
  c = g_ptr_array_index (clusters, 0);
  g_assert_cmpfloat (hypot (c->x - 1500, c->y - 1750), <, 600);
  g_assert_cmpfloat (c->p, <=, 0.002);
  g_assert_cmpfloat (c->relative_risk, >, 2.5);
  g_assert_cmpfloat (c->cases, >, c->expected * 2);
  for (guint i = 1; i < clusters->len; i++)
    g_assert_cmpfloat (((SmScanCluster *) g_ptr_array_index (clusters, i))->p, >, 0.01);

  again = sm_scan (l, SIDE * SIDE, &o, NULL, &error);
  g_assert_cmpuint (again->len, ==, clusters->len);
  for (guint i = 0; i < clusters->len; i++)
    {
      const SmScanCluster *a = g_ptr_array_index (clusters, i), *b = g_ptr_array_index (again, i);

      g_assert_cmpuint (a->centre, ==, b->centre);
      g_assert_cmpfloat (a->p, ==, b->p);
    }

  /* Asked only for clusters below a level: exactly those of the full
   * scan, with the same p-values. */
  for (guint m = 0; m < 2; m++)
    {
      SmScanOptions only = o;
      g_autoptr(GPtrArray) full = NULL, kept = NULL;
      guint below = 0;

      only.model = m == 0 ? SM_SCAN_BERNOULLI : SM_SCAN_POISSON;
      full = sm_scan (l, SIDE * SIDE, &only, NULL, &error);
      only.keep_below = 0.5;
      kept = sm_scan (l, SIDE * SIDE, &only, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < full->len; i++)
        if (((SmScanCluster *) g_ptr_array_index (full, i))->p < 0.5)
          {
            const SmScanCluster *a = g_ptr_array_index (full, i), *b = g_ptr_array_index (kept, below);

            g_assert_cmpuint (a->centre, ==, b->centre);
            g_assert_cmpfloat (a->p, ==, b->p);
            g_assert_cmpfloat (a->llr, ==, b->llr);
            below++;
          }
      g_assert_cmpuint (kept->len, ==, below);
      g_assert_cmpuint (below, >, 0);
      g_assert_cmpuint (below, <, full->len);
    }

  /* Poisson against the same population finds it too. */
  o.model = SM_SCAN_POISSON;
  g_clear_pointer (&again, g_ptr_array_unref);
  again = sm_scan (l, SIDE * SIDE, &o, NULL, &error);
  g_assert_no_error (error);
  c = g_ptr_array_index (again, 0);
  g_assert_cmpfloat (hypot (c->x - 1500, c->y - 1750), <, 600);
  g_assert_cmpfloat (c->p, <=, 0.002);
}

static void
test_bad_input (void)
{
  const SmScanLocation more_cases[1] = { { 0, 0, 5, 6 } };
  const SmScanLocation half[1] = { { 0, 0, 5.5, 1 } };
  const SmScanLocation not_finite[1] = { { NAN, 0, 5, 1 } };
  const SmScanLocation none[2] = { { 0, 0, 5, 0 }, { 100, 0, 5, 0 } };
  SmScanOptions o = { .model = SM_SCAN_BERNOULLI, .replications = 9 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) empty = NULL;

  g_assert_null (sm_scan (more_cases, 1, &o, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sm_scan (half, 1, &o, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sm_scan (not_finite, 1, &o, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  empty = sm_scan (none, 2, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scan/llr-by-hand", test_llr_by_hand);
  g_test_add_func ("/scan/uniform-rates", test_uniform_rates);
  g_test_add_func ("/scan/planted-excess", test_planted_excess);
  g_test_add_func ("/scan/bad-input", test_bad_input);
  return g_test_run ();
}
