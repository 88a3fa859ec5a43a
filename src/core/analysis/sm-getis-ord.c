#define G_LOG_DOMAIN "sm-hotspot"

#include "config.h"

#include "sm-model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <ogr_srs_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* --- Getis-Ord Gi* ---------------------------------------------------- */

const char *
sm_significance_level (int klass)
{
  int k = ABS (klass);

  return k >= 3 ? "0.001" : k == 2 ? "0.01" : k == 1 ? "0.05" : NULL;
}

/* The same as the language of the messages writes it: "0,01" in Hungarian. */
const char *
sm_significance_level_shown (int klass)
{
  int k = ABS (klass);

  if (!sm_locale_is_hungarian ())
    return sm_significance_level (klass);
  return k >= 3 ? "0,001" : k == 2 ? "0,01" : k == 1 ? "0,05" : NULL;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = **(const double * const *) a, y = **(const double * const *) b;

  return (x > y) - (x < y);
}

static int
klass_of (double z,
          double p)
{
  int level;

  if (isnan (z))
    return 0;
  level = p < 0.001 ? 3 : p < 0.01 ? 2 : p < 0.05 ? 1 : 0;

  return z >= 0 ? level : -level;
}

/* Whether a drawn sum is at least as extreme as the observed one. Sums of
 * the same values added in another order differ in the last bits, so a
 * tie is a tie within a relative tolerance; on counts every sum is exact. */
static inline gboolean
as_extreme (double   drawn,
            double   observed,
            gboolean high,
            double   tolerance)
{
  return high ? drawn >= observed - tolerance : drawn <= observed + tolerance;
}

/**
 * sm_getis_ord_neighbours:
 * @offsets: @n + 1 offsets into @neighbours; each list holds the unit
 *   itself first, then its neighbours (binary weights)
 *
 * Gi* z-scores by the closed form (ArcGIS/GeoDa), and pseudo p-values by
 * conditional permutation: each unit keeps its own value while its
 * neighbours' are redrawn without replacement from the other units,
 * @permutations times; p = (extreme + 1) / (permutations + 1), then
 * corrected. A draw as extreme as the observed sum (ties included) counts
 * as extreme. Each permutation draws one random set of positions that
 * every unit uses, skipping itself (as PySAL does), so the work is one
 * sum per unit and permutation. Where every value is the same, z is 0/0:
 * NAN ("not defined") with p = 1.
 */
void
sm_getis_ord_neighbours (const double *x,
                         int           n,
                         const int    *offsets,
                         const int    *neighbours,
                         int           permutations,
                         guint32       seed,
                         SmCorrection  correction,
                         SmGiValue    *out)
{
  double sum = 0, sum2 = 0, mean, s, scale = 0;
  int most = 0;
  g_autofree int *pool = g_new (int, MAX (n, 1));
  g_autofree int *extreme = g_new0 (int, MAX (n, 1));
  g_autofree double *observed = g_new (double, MAX (n, 1));
  GRand *rand = g_rand_new_with_seed (seed);

  for (int i = 0; i < n; i++)
    {
      sum += x[i];
      sum2 += x[i] * x[i];
      scale = MAX (scale, fabs (x[i]));
      most = MAX (most, offsets[i + 1] - offsets[i]);
    }
  mean = n > 0 ? sum / n : 0;
  s = n > 0 ? sqrt (MAX (sum2 / n - mean * mean, 0)) : 0;
  /* Below this a difference of sums is rounding, not data. */
  if (s <= scale * 1e-12)
    s = 0;

  for (int i = 0; i < n; i++)
    {
      int k = offsets[i + 1] - offsets[i];
      double local = 0, wi = k, den;

      observed[i] = 0;
      for (int j = offsets[i]; j < offsets[i + 1]; j++)
        {
          local += x[neighbours[j]];
          if (j > offsets[i])
            observed[i] += x[neighbours[j]];
        }
      den = s * sqrt ((n * wi - wi * wi) / (n - 1.0));
      out[i].z = den > 0 && n > 1 ? (local - mean * wi) / den : NAN;
    }

  /* Positions 0 … n-2 stand for the other units: position q is unit q
   * below i, q + 1 from i on. */
  for (int q = 0; q < n - 1; q++)
    pool[q] = q;
  for (int p = 0; p < permutations && n > 1; p++)
    {
      int draw = MIN (most - 1, n - 1);

      for (int t = 0; t < draw; t++)
        {
          int pick = t + (int) g_rand_int_range (rand, 0, n - 1 - t);
          int tmp = pool[t];

          pool[t] = pool[pick];
          pool[pick] = tmp;
        }
      for (int i = 0; i < n; i++)
        {
          int k = MIN (offsets[i + 1] - offsets[i] - 1, n - 1);
          double drawn = 0;

          if (isnan (out[i].z))
            continue;
          for (int t = 0; t < k; t++)
            drawn += x[pool[t] + (pool[t] >= i)];
          if (as_extreme (drawn, observed[i], out[i].z >= 0, scale * (k + 1) * 1e-12))
            extreme[i]++;
        }
    }
  g_rand_free (rand);
  for (int i = 0; i < n; i++)
    out[i].p = permutations > 0 && !isnan (out[i].z) ? (extreme[i] + 1.0) / (permutations + 1.0)
                                                      : 1.0;

  if (correction == SM_CORRECTION_BONFERRONI)
    for (int i = 0; i < n; i++)
      out[i].p = MIN (1.0, out[i].p * n);
  else if (correction == SM_CORRECTION_FDR && n > 0)
    {
      /* Benjamini–Hochberg adjusted p-values. */
      g_autofree double **order = g_new (double *, n);
      double running = 1.0;

      for (int i = 0; i < n; i++)
        order[i] = &out[i].p;
      qsort (order, n, sizeof (double *), compare_doubles);
      for (int r = n - 1; r >= 0; r--)
        {
          double adjusted = MIN (1.0, *order[r] * n / (r + 1.0));

          running = MIN (running, adjusted);
          *order[r] = running;
        }
    }
  for (int i = 0; i < n; i++)
    out[i].klass = klass_of (out[i].z, out[i].p);
}

/**
 * sm_getis_ord:
 * @band: neighbours are the cells within this many cells (a square
 *   window; 1 is queen contiguity), the cell itself included
 *
 * Gi* on a grid: sm_getis_ord_neighbours() with the window as neighbours.
 */
void
sm_getis_ord (const double *x,
              int           width,
              int           height,
              int           band,
              int           permutations,
              guint32       seed,
              SmCorrection  correction,
              SmGiValue    *out)
{
  sm_getis_ord_clipped (x, width, height, band, NULL, permutations, seed, correction, out);
}

/**
 * sm_getis_ord_clipped:
 * @inside: (nullable): per cell, whether it lies in the study area; %NULL
 *   for every cell
 *
 * Gi* over the cells of the study area only: a cell outside is neither a
 * unit nor anyone's neighbour, and gets z NAN, p 1, class 0.
 */
void
sm_getis_ord_clipped (const double   *x,
                      int             width,
                      int             height,
                      int             band,
                      const gboolean *inside,
                      int             permutations,
                      guint32         seed,
                      SmCorrection    correction,
                      SmGiValue      *out)
{
  int n = width * height, side = 2 * band + 1, units = 0;
  g_autofree int *unit_of = g_new (int, MAX (n, 1));
  g_autofree int *cell_of = g_new (int, MAX (n, 1));
  g_autofree double *values = g_new (double, MAX (n, 1));
  g_autofree SmGiValue *gi = NULL;
  g_autofree int *offsets = NULL;
  g_autofree int *neighbours = NULL;
  int m = 0;

  for (int i = 0; i < n; i++)
    {
      unit_of[i] = inside == NULL || inside[i] ? units : -1;
      if (unit_of[i] >= 0)
        {
          cell_of[units] = i;
          values[units++] = x[i];
        }
      else
        out[i] = (SmGiValue) { NAN, 1.0, 0 };
    }
  offsets = g_new (int, units + 1);
  neighbours = g_new (int, (gsize) MAX (units, 1) * side * side);
  for (int u = 0; u < units; u++)
    {
      int i = cell_of[u], cx = i % width, cy = i / width;

      offsets[u] = m;
      /* The cell first, then the others: the permutations keep entry one. */
      neighbours[m++] = u;
      for (int dy = -band; dy <= band; dy++)
        for (int dx = -band; dx <= band; dx++)
          {
            int nx = cx + dx, ny = cy + dy;

            if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < width && ny < height &&
                unit_of[ny * width + nx] >= 0)
              neighbours[m++] = unit_of[ny * width + nx];
          }
    }
  offsets[units] = m;
  gi = g_new (SmGiValue, MAX (units, 1));
  sm_getis_ord_neighbours (values, units, offsets, neighbours, permutations, seed, correction, gi);
  for (int u = 0; u < units; u++)
    out[cell_of[u]] = gi[u];
}

/**
 * sm_eb_rates:
 *
 * Global empirical-Bayes smoothing (Marshall 1991): each rate is pulled
 * towards the overall rate by how little population stands behind it.
 * The prior (overall rate m and variance between units) comes from every
 * unit with a population, those without cases included; a unit without
 * population has no rate (NAN). The one estimator of the settlement
 * parts' rates in hotspots and areas.
 */
void
sm_eb_rates (const double *counts,
             const double *pops,
             guint         n,
             double       *raw,
             double       *smoothed)
{
  double total_x = 0, total_n = 0, m, s2 = 0, mean_n, a;
  guint k = 0;

  for (guint i = 0; i < n; i++)
    if (pops[i] > 0)
      {
        total_x += counts[i];
        total_n += pops[i];
        k++;
      }
  if (k == 0 || total_n <= 0)
    {
      for (guint i = 0; i < n; i++)
        raw[i] = smoothed[i] = NAN;
      return;
    }
  m = total_x / total_n;
  mean_n = total_n / k;
  for (guint i = 0; i < n; i++)
    if (pops[i] > 0)
      s2 += pops[i] * pow (counts[i] / pops[i] - m, 2);
  s2 /= total_n;
  a = MAX (s2 - m / mean_n, 0);
  for (guint i = 0; i < n; i++)
    {
      double w;

      if (pops[i] <= 0)
        {
          raw[i] = smoothed[i] = NAN;
          continue;
        }
      raw[i] = counts[i] / pops[i];
      w = a > 0 ? a / (a + m / pops[i]) : 0;
      smoothed[i] = w * raw[i] + (1 - w) * m;
    }
}
