#define G_LOG_DOMAIN "sm-hotspot"

#include "config.h"

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
  int level = p < 0.001 ? 3 : p < 0.01 ? 2 : p < 0.05 ? 1 : 0;

  return z >= 0 ? level : -level;
}

/**
 * sm_getis_ord_neighbours:
 * @offsets: @n + 1 offsets into @neighbours; each list holds the unit
 *   itself and its neighbours (binary weights)
 *
 * Gi* z-scores by the closed form (ArcGIS/GeoDa), and pseudo p-values:
 * each unit keeps its own value while its neighbours' are redrawn without
 * replacement from the other units @permutations times;
 * p = (extreme + 1) / (permutations + 1), then corrected.
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
  double sum = 0, sum2 = 0, mean, s;
  g_autofree int *pool = g_new (int, MAX (n, 1));
  GRand *rand = g_rand_new_with_seed (seed);

  for (int i = 0; i < n; i++)
    {
      sum += x[i];
      sum2 += x[i] * x[i];
    }
  mean = n > 0 ? sum / n : 0;
  s = n > 0 ? sqrt (MAX (sum2 / n - mean * mean, 0)) : 0;

  for (int i = 0; i < n; i++)
    {
      int k = offsets[i + 1] - offsets[i], extreme = 0;
      double local = 0, wi = k, den, observed;

      for (int j = offsets[i]; j < offsets[i + 1]; j++)
        local += x[neighbours[j]];
      den = s * sqrt ((n * wi - wi * wi) / (n - 1.0));
      out[i].z = den > 0 && n > 1 ? (local - mean * wi) / den : 0;

      observed = local - x[i];
      for (int j = 0, m = 0; j < n; j++)
        if (j != i)
          pool[m++] = j;
      for (int p = 0; p < permutations && n > 1; p++)
        {
          double drawn = 0;

          for (int t = 0; t < k - 1 && t < n - 1; t++)
            {
              int pick = t + (int) g_rand_int_range (rand, 0, n - 1 - t);
              int tmp = pool[t];

              pool[t] = pool[pick];
              pool[pick] = tmp;
              drawn += x[pool[t]];
            }
          if (out[i].z >= 0 ? drawn >= observed : drawn <= observed)
            extreme++;
        }
      out[i].p = permutations > 0 ? (extreme + 1.0) / (permutations + 1.0) : 1.0;
    }
  g_rand_free (rand);

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
  int n = width * height, side = 2 * band + 1;
  g_autofree int *offsets = g_new (int, n + 1);
  g_autofree int *neighbours = g_new (int, (gsize) n * side * side);
  int m = 0;

  for (int i = 0; i < n; i++)
    {
      int cx = i % width, cy = i / width;

      offsets[i] = m;
      /* The cell first, then the others: the permutations keep entry one. */
      neighbours[m++] = i;
      for (int dy = -band; dy <= band; dy++)
        for (int dx = -band; dx <= band; dx++)
          {
            int nx = cx + dx, ny = cy + dy;

            if ((dx != 0 || dy != 0) && nx >= 0 && ny >= 0 && nx < width && ny < height)
              neighbours[m++] = ny * width + nx;
          }
    }
  offsets[n] = m;
  sm_getis_ord_neighbours (x, n, offsets, neighbours, permutations, seed, correction, out);
}

/**
 * sm_eb_rates:
 *
 * Global empirical-Bayes smoothing (Marshall 1991): each rate is pulled
 * towards the overall rate by how little population stands behind it.
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
