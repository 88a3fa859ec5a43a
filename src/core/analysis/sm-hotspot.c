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

/* Kernels are scaled to integrate to one over the plane, so a density is
 * in cases per square metre (QGIS's heatmap formulas, checked against
 * hand-computed values in the tests). */

double
sm_kernel_value (SmKernel kernel,
                 double   d,
                 double   h)
{
  double u = d / h;

  if (d >= h || h <= 0)
    return 0;
  switch (kernel)
    {
    case SM_KERNEL_QUARTIC:
      return 3.0 / (G_PI * h * h) * (1 - u * u) * (1 - u * u);
    case SM_KERNEL_EPANECHNIKOV:
      return 2.0 / (G_PI * h * h) * (1 - u * u);
    case SM_KERNEL_TRIANGULAR:
      return 3.0 / (G_PI * h * h) * (1 - u);
    case SM_KERNEL_UNIFORM:
    default:
      return 1.0 / (G_PI * h * h);
    }
}

gboolean
sm_kernel_parse (const char  *name,
                 SmKernel    *out,
                 GError     **error)
{
  static const char * const names[] = { "quartic", "epanechnikov", "triangular", "uniform" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *out = (SmKernel) i;
        return TRUE;
      }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not a kernel; use quartic, epanechnikov, triangular or uniform"),
               name ? name : "");
  return FALSE;
}

SmGrid *
sm_grid_new (int    width,
             int    height,
             double x0,
             double y0,
             double cell)
{
  SmGrid *grid = g_new0 (SmGrid, 1);

  grid->width = width;
  grid->height = height;
  grid->x0 = x0;
  grid->y0 = y0;
  grid->cell = cell;
  grid->values = g_new0 (double, (gsize) width * height);
  return grid;
}

void
sm_grid_free (SmGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->values);
  g_free (grid);
}

/**
 * sm_kde:
 *
 * Adds the kernel density of @points to @grid, evaluated at cell centres.
 * Points are first summed per cell, then each occupied cell spreads its
 * weight through a precomputed stencil: the work grows with the occupied
 * cells, not with the points. A point is taken at its cell's centre, an
 * error of at most half a cell against the bandwidth.
 */
void
sm_kde (const SmWeightedPoint *points,
        guint                  n_points,
        SmKernel               kernel,
        double                 bandwidth,
        SmGrid                *grid)
{
  int w = grid->width, h = grid->height;
  int r = (int) ceil (bandwidth / grid->cell);
  int side = 2 * r + 1;
  g_autofree double *mass = g_new0 (double, (gsize) w * h);
  g_autofree double *stencil = g_new (double, (gsize) side * side);

  for (guint i = 0; i < n_points; i++)
    {
      int cx = (int) floor ((points[i].x - grid->x0) / grid->cell);
      int cy = (int) floor ((points[i].y - grid->y0) / grid->cell);

      if (cx >= 0 && cy >= 0 && cx < w && cy < h)
        mass[(gsize) cy * w + cx] += points[i].w;
    }
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      stencil[(dy + r) * side + dx + r] = sm_kernel_value (kernel, hypot (dx, dy) * grid->cell,
                                                           bandwidth);

  for (int cy = 0; cy < h; cy++)
    for (int cx = 0; cx < w; cx++)
      {
        double m = mass[(gsize) cy * w + cx];
        int y_lo, y_hi, x_lo, x_hi;

        if (m == 0)
          continue;
        y_lo = MAX (-r, -cy);
        y_hi = MIN (r, h - 1 - cy);
        x_lo = MAX (-r, -cx);
        x_hi = MIN (r, w - 1 - cx);
        for (int dy = y_lo; dy <= y_hi; dy++)
          {
            double *row = grid->values + (gsize) (cy + dy) * w + cx;
            const double *s = stencil + (dy + r) * side + r;

            for (int dx = x_lo; dx <= x_hi; dx++)
              row[dx] += m * s[dx];
          }
      }
}

/* --- Getis-Ord Gi* ---------------------------------------------------- */

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

/* --- input from the store --------------------------------------------- */

void
sm_hotspot_input_free (SmHotspotInput *input)
{
  if (input == NULL)
    return;
  g_array_unref (input->points);
  g_array_unref (input->households);
  g_array_unref (input->categories);
  g_free (input);
}

SmHotspotInput *
sm_hotspot_input_new (SmStore        *store,
                      SmFilter       *filter,
                      SmPointWeight   weight,
                      GError        **error)
{
  g_autoptr(GArray) hits = sm_store_query (store, filter, error);
  g_autofree SmHouseholdFacts *facts = NULL;
  SmHotspotInput *in;
  double lat_sum = 0, lon_sum = 0;

  if (hits == NULL)
    return NULL;
  if (weight == SM_WEIGHT_PERSONS)
    {
      g_autofree gint64 *ids = g_new (gint64, MAX (hits->len, 1));

      facts = g_new (SmHouseholdFacts, MAX (hits->len, 1));
      for (guint i = 0; i < hits->len; i++)
        ids[i] = g_array_index (hits, SmCaseHit, i).household_id;
      if (!sm_store_get_household_facts (store, ids, hits->len, facts, error))
        return NULL;
    }
  in = g_new0 (SmHotspotInput, 1);
  in->points = g_array_sized_new (FALSE, FALSE, sizeof (SmWeightedPoint), hits->len);
  in->households = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  in->categories = g_array_sized_new (FALSE, FALSE, sizeof (gint64), hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      lat_sum += g_array_index (hits, SmCaseHit, i).lat;
      lon_sum += g_array_index (hits, SmCaseHit, i).lon;
    }
  in->lat0 = hits->len ? lat_sum / hits->len : 47.5;
  in->lon0 = hits->len ? lon_sum / hits->len : 19.0;
  /* The equirectangular projection (+proj=eqc) at the points' middle
   * latitude: metres per degree on the WGS 84 equator's radius. */
  in->ky = 6378137.0 * G_PI / 180.0;
  in->kx = in->ky * cos (in->lat0 * G_PI / 180);
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      SmWeightedPoint p = { (hit->lon - in->lon0) * in->kx, (hit->lat - in->lat0) * in->ky, 1 };

      if (weight == SM_WEIGHT_SEVERITY)
        p.w = hit->max_severity;
      else if (weight == SM_WEIGHT_PERSONS)
        p.w = MAX (1, facts[i].persons);
      g_array_append_val (in->points, p);
      g_array_append_val (in->households, hit->household_id);
      g_array_append_val (in->categories, hit->main_category);
    }
  return in;
}

/**
 * sm_hotspot_input_get_extent:
 *
 * The box of the input's points, in metres.
 *
 * Returns: %FALSE when there are no points
 */
gboolean
sm_hotspot_input_get_extent (const SmHotspotInput *in,
                             double               *west,
                             double               *south,
                             double               *east,
                             double               *north)
{
  *west = *south = G_MAXDOUBLE;
  *east = *north = -G_MAXDOUBLE;
  for (guint i = 0; i < in->points->len; i++)
    {
      const SmWeightedPoint *p = &g_array_index (in->points, SmWeightedPoint, i);

      *west = MIN (*west, p->x);
      *east = MAX (*east, p->x);
      *south = MIN (*south, p->y);
      *north = MAX (*north, p->y);
    }
  return in->points->len > 0;
}

/* --- hotspots --------------------------------------------------------- */

void
sm_hotspot_free (SmHotspot *h)
{
  g_free (h->settlement_part);
  g_free (h);
}

typedef struct {
  double west, south;     /* metres */
  int    width, height;
  double cell;
} Frame;

static gboolean
frame_for (const SmHotspotInput *in,
           double                cell,
           Frame                *f)
{
  double w, s, e, n;

  if (!sm_hotspot_input_get_extent (in, &w, &s, &e, &n))
    return FALSE;
  f->cell = cell;
  f->west = floor (w / cell) * cell - cell;
  f->south = floor (s / cell) * cell - cell;
  f->width = (int) ceil ((e - f->west) / cell) + 2;
  f->height = (int) ceil ((n - f->south) / cell) + 2;
  return f->width * f->height <= 4000000;
}

static int
cell_of (const Frame           *f,
         const SmWeightedPoint *p)
{
  int cx = (int) floor ((p->x - f->west) / f->cell), cy = (int) floor ((p->y - f->south) / f->cell);

  if (cx < 0 || cy < 0 || cx >= f->width || cy >= f->height)
    return -1;
  return cy * f->width + cx;
}

static int
compare_hotspots (gconstpointer a,
                  gconstpointer b)
{
  const SmHotspot *x = *(SmHotspot * const *) a, *y = *(SmHotspot * const *) b;

  if (x->households != y->households)
    return x->households < y->households ? 1 : -1;
  return (x->max_z < y->max_z) - (x->max_z > y->max_z);
}

/**
 * sm_find_hotspots:
 * @compare_as_of: (nullable): an earlier day to compare each hotspot with
 *
 * Gi* on a grid of the filtered households; significant hot cells that
 * touch (queen) are one hotspot. Ranked by households, then by z.
 *
 * Returns: (transfer full) (element-type SmHotspot):
 */
GPtrArray *
sm_find_hotspots (SmStore                 *store,
                  SmFilter                *filter,
                  const SmHotspotOptions  *options,
                  const GDate             *compare_as_of,
                  GError                 **error)
{
  return sm_find_hotspots_full (store, filter, NULL, options, compare_as_of, NULL, error);
}

/**
 * sm_find_hotspots_full:
 * @input: (nullable): the filter's households as sm_hotspot_input_new()
 *   gives them with @options' weight, when the caller has them already
 * @cells: (out) (optional): every significant cell, hot or cold
 */
GPtrArray *
sm_find_hotspots_full (SmStore                 *store,
                       SmFilter                *filter,
                       SmHotspotInput          *input,
                       const SmHotspotOptions  *options,
                       const GDate             *compare_as_of,
                       GArray                 **cells,
                       GError                 **error)
{
  g_autoptr(SmHotspotInput) own = input ? NULL : sm_hotspot_input_new (store, filter, options->weight, error);
  SmHotspotInput *in = input ? input : own;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_hotspot_free);
  g_autofree double *counts = NULL;
  g_autofree SmGiValue *gi = NULL;
  g_autofree int *label = NULL;
  g_autofree int *cell_of_point = NULL;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  double cell = options->cell_m > 0 ? options->cell_m : 250;
  Frame f;
  int n;

  if (in == NULL)
    return NULL;
  if (!frame_for (in, cell, &f))
    {
      if (cells != NULL)
        *cells = g_array_new (FALSE, FALSE, sizeof (SmHotspotCell));
      return g_steal_pointer (&found);
    }
  n = f.width * f.height;
  counts = g_new0 (double, n);
  cell_of_point = g_new (int, in->points->len);
  for (guint i = 0; i < in->points->len; i++)
    {
      const SmWeightedPoint *p = &g_array_index (in->points, SmWeightedPoint, i);

      cell_of_point[i] = cell_of (&f, p);
      if (cell_of_point[i] >= 0)
        counts[cell_of_point[i]] += p->w;
    }
  gi = g_new0 (SmGiValue, n);
  sm_getis_ord (counts, f.width, f.height, MAX (1, options->band_cells), options->permutations,
                options->seed, options->correction, gi);

  if (cells != NULL)
    {
      *cells = g_array_new (FALSE, FALSE, sizeof (SmHotspotCell));
      for (int i = 0; i < n; i++)
        if (gi[i].klass != 0)
          {
            SmHotspotCell c = { .klass = gi[i].klass };

            sm_hotspot_cell_bounds (in, f.west + (i % f.width) * cell, f.south + (i / f.width) * cell,
                                    cell, &c.west, &c.south, &c.east, &c.north);
            g_array_append_val (*cells, c);
          }
    }

  /* Touching hot cells are one hotspot. */
  label = g_new (int, n);
  for (int i = 0; i < n; i++)
    label[i] = -1;
  for (int i = 0; i < n; i++)
    {
      SmHotspot *h;

      if (gi[i].klass <= 0 || label[i] >= 0)
        continue;
      h = g_new0 (SmHotspot, 1);
      h->west = h->south = G_MAXDOUBLE;
      h->east = h->north = -G_MAXDOUBLE;
      label[i] = (int) found->len;
      g_array_set_size (stack, 0);
      g_array_append_val (stack, i);
      while (stack->len > 0)
        {
          int c = g_array_index (stack, int, stack->len - 1), cx = c % f.width, cy = c / f.width;
          double w, s, e, nn;

          g_array_set_size (stack, stack->len - 1);
          h->n_cells++;
          h->max_z = MAX (h->max_z, gi[c].z);
          h->strongest = MAX (h->strongest, gi[c].klass);
          sm_hotspot_cell_bounds (in, f.west + cx * cell, f.south + cy * cell, cell, &w, &s, &e, &nn);
          h->west = MIN (h->west, w);
          h->south = MIN (h->south, s);
          h->east = MAX (h->east, e);
          h->north = MAX (h->north, nn);
          for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
              {
                int nx = cx + dx, ny = cy + dy, m;

                if (nx < 0 || ny < 0 || nx >= f.width || ny >= f.height)
                  continue;
                m = ny * f.width + nx;
                if (gi[m].klass > 0 && label[m] < 0)
                  {
                    label[m] = label[i];
                    g_array_append_val (stack, m);
                  }
              }
        }
      h->area_km2 = h->n_cells * cell * cell / 1e6;
      g_ptr_array_add (found, h);
    }

  /* Households, leading categories, middle and settlement part of each. */
  {
    g_autofree guint *by_category = g_new0 (guint, (gsize) found->len * 64);
    g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree double *sum_lat = g_new0 (double, found->len);
    g_autofree double *sum_lon = g_new0 (double, found->len);

    for (guint i = 0; i < in->points->len; i++)
      {
        int c = cell_of_point[i];
        gint64 category = g_array_index (in->categories, gint64, i);
        const SmWeightedPoint *p = &g_array_index (in->points, SmWeightedPoint, i);
        SmHotspot *h;

        if (c < 0 || label[c] < 0)
          continue;
        h = g_ptr_array_index (found, label[c]);
        h->households++;
        sum_lon[label[c]] += in->lon0 + p->x / in->kx;
        sum_lat[label[c]] += in->lat0 + p->y / in->ky;
        if (category > 0 && category < 64)
          by_category[label[c] * 64 + category]++;
      }
    for (guint k = 0; k < found->len; k++)
      {
        SmHotspot *h = g_ptr_array_index (found, k);

        if (h->households > 0)
          {
            h->lat = sum_lat[k] / h->households;
            h->lon = sum_lon[k] / h->households;
          }
        for (guint t = 0; t < G_N_ELEMENTS (h->top_categories); t++)
          {
            guint best = 0;

            for (guint c = 1; c < 64; c++)
              if (by_category[k * 64 + c] > by_category[k * 64 + best])
                best = c;
            if (by_category[k * 64 + best] == 0)
              break;
            h->top_categories[t] = best;
            h->top_counts[t] = by_category[k * 64 + best];
            by_category[k * 64 + best] = 0;
          }
      }
  }

  /* The settlement part most of each hotspot's households are in. */
  {
    g_autoptr(GPtrArray) per_part = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
    g_autofree SmHouseholdFacts *facts = g_new (SmHouseholdFacts, MAX (in->households->len, 1));

    if (!sm_store_get_household_facts (store, (const gint64 *) in->households->data, in->households->len,
                                       facts, error))
      return NULL;
    for (guint k = 0; k < found->len; k++)
      g_ptr_array_add (per_part, g_hash_table_new (g_str_hash, g_str_equal));
    for (guint i = 0; i < in->points->len; i++)
      {
        int c = cell_of_point[i];
        const char *part = facts[i].settlement_part;
        GHashTable *t;

        if (c < 0 || label[c] < 0 || part == NULL)
          continue;
        t = g_ptr_array_index (per_part, label[c]);
        g_hash_table_insert (t, (gpointer) part,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (t, part)) + 1));
      }
    for (guint k = 0; k < found->len; k++)
      {
        SmHotspot *h = g_ptr_array_index (found, k);
        GHashTableIter iter;
        gpointer key, value;
        guint best = 0;

        g_hash_table_iter_init (&iter, g_ptr_array_index (per_part, k));
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (GPOINTER_TO_UINT (value) > best)
            {
              best = GPOINTER_TO_UINT (value);
              g_free (h->settlement_part);
              h->settlement_part = g_strdup (key);
            }
      }
  }

  /* The same cells on an earlier day. */
  if (compare_as_of != NULL)
    {
      g_autoptr(SmFilter) earlier = sm_filter_copy (filter);
      g_autoptr(SmHotspotInput) before = NULL;

      sm_filter_set_as_of (earlier, compare_as_of);
      before = sm_hotspot_input_new (store, earlier, options->weight, error);
      if (before == NULL)
        return NULL;
      for (guint i = 0; i < before->points->len; i++)
        {
          const SmWeightedPoint *p = &g_array_index (before->points, SmWeightedPoint, i);
          double lon = before->lon0 + p->x / before->kx, lat = before->lat0 + p->y / before->ky;
          SmWeightedPoint same = { (lon - in->lon0) * in->kx, (lat - in->lat0) * in->ky, 1 };
          int c = cell_of (&f, &same);

          if (c >= 0 && label[c] >= 0)
            ((SmHotspot *) g_ptr_array_index (found, label[c]))->earlier_households++;
        }
      for (guint k = 0; k < found->len; k++)
        ((SmHotspot *) g_ptr_array_index (found, k))->has_earlier = TRUE;
    }
  g_ptr_array_sort (found, compare_hotspots);
  return g_steal_pointer (&found);
}

/* The longitude/latitude box of a metric cell. */
void
sm_hotspot_cell_bounds (const SmHotspotInput *in,
                        double                x,
                        double                y,
                        double                cell,
                        double               *west,
                        double               *south,
                        double               *east,
                        double               *north)
{
  *west = in->lon0 + x / in->kx;
  *east = in->lon0 + (x + cell) / in->kx;
  *south = in->lat0 + y / in->ky;
  *north = in->lat0 + (y + cell) / in->ky;
}

void
sm_part_rate_free (SmPartRate *rate)
{
  g_free (rate->name);
  g_free (rate);
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const SmPartRate *x = *(SmPartRate * const *) a, *y = *(SmPartRate * const *) b;
  double rx = isnan (x->eb_rate) ? -1 : x->eb_rate, ry = isnan (y->eb_rate) ? -1 : y->eb_rate;

  return (rx < ry) - (rx > ry);
}

/**
 * sm_part_rates:
 *
 * Returns: (transfer full) (element-type SmPartRate): every settlement part
 *   with filtered households, the highest smoothed rate first
 */
GPtrArray *
sm_part_rates (SmStore   *store,
               SmFilter  *filter,
               GError   **error)
{
  g_autoptr(GArray) hits = sm_store_query (store, filter, error);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_part_rate_free);
  g_autofree double *counts = NULL, *pops = NULL, *raw = NULL, *eb = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  if (hits == NULL)
    return NULL;
  ids = g_new (gint64, MAX (hits->len, 1));
  facts = g_new (SmHouseholdFacts, MAX (hits->len, 1));
  for (guint i = 0; i < hits->len; i++)
    ids[i] = g_array_index (hits, SmCaseHit, i).household_id;
  if (!sm_store_get_household_facts (store, ids, hits->len, facts, error))
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      const char *name = facts[i].settlement_part;
      SmPartRate *r;

      if (name == NULL)
        continue;
      r = g_hash_table_lookup (by_name, name);
      if (r == NULL)
        {
          r = g_new0 (SmPartRate, 1);
          r->name = g_strdup (name);
          r->population = -1;
          g_hash_table_insert (by_name, r->name, r);
          g_ptr_array_add (rates, r);
        }
      r->households++;
    }
  parts = sm_store_list_parts (store, NULL, error);
  if (parts == NULL)
    return NULL;
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);
      SmPartRate *r = g_hash_table_lookup (by_name, part->name);

      if (r != NULL && part->population >= 0)
        r->population = part->population;
    }

  counts = g_new (double, rates->len);
  pops = g_new (double, rates->len);
  raw = g_new (double, rates->len);
  eb = g_new (double, rates->len);
  for (guint i = 0; i < rates->len; i++)
    {
      SmPartRate *r = g_ptr_array_index (rates, i);

      counts[i] = r->households;
      pops[i] = r->population > 0 ? (double) r->population : 0;
    }
  sm_eb_rates (counts, pops, rates->len, raw, eb);
  for (guint i = 0; i < rates->len; i++)
    {
      SmPartRate *r = g_ptr_array_index (rates, i);

      r->rate = raw[i] * 1000;
      r->eb_rate = eb[i] * 1000;
    }
  g_ptr_array_sort (rates, compare_rates);
  return g_steal_pointer (&rates);
}

/**
 * sm_density:
 * @max_side: the grid's longer side at most, in cells (the cell grows to fit)
 *
 * The kernel density of the input over its extent plus the bandwidth, in
 * households (or weight) per square kilometre.
 */
SmGrid *
sm_density (SmHotspotInput *in,
            SmKernel        kernel,
            double          bandwidth,
            double          cell,
            int             max_side)
{
  double w, s, e, n;
  SmGrid *grid;
  int width, height;

  if (!sm_hotspot_input_get_extent (in, &w, &s, &e, &n))
    w = s = e = n = 0;
  w -= bandwidth;
  s -= bandwidth;
  e += bandwidth;
  n += bandwidth;
  if (max_side > 0 && MAX (e - w, n - s) / cell > max_side)
    cell = MAX (e - w, n - s) / max_side;
  width = MAX (1, (int) ceil ((e - w) / cell));
  height = MAX (1, (int) ceil ((n - s) / cell));
  grid = sm_grid_new (width, height, w, s, cell);
  sm_kde ((const SmWeightedPoint *) in->points->data, in->points->len, kernel, bandwidth, grid);
  for (int i = 0; i < width * height; i++)
    grid->values[i] *= 1e6;
  return grid;
}

/**
 * sm_grid_write_geotiff:
 *
 * Writes @grid as a one-band Float32 GeoTIFF in the input's equirectangular
 * projection.
 */
gboolean
sm_grid_write_geotiff (const SmGrid          *grid,
                       const SmHotspotInput  *in,
                       const char            *path,
                       GError               **error)
{
  GDALDriverH driver;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  g_autofree char *proj = g_strdup_printf ("+proj=eqc +lat_ts=%.8f +lat_0=%.8f +lon_0=%.8f +x_0=0 "
                                           "+y_0=0 +R=6378137 +units=m +no_defs",
                                           in->lat0, in->lat0, in->lon0);
  g_autofree float *rows = g_new (float, (gsize) grid->width * grid->height);
  double transform[6] = { grid->x0, grid->cell, 0, grid->y0 + grid->height * grid->cell, 0, -grid->cell };
  char *wkt = NULL;
  GDALDatasetH ds;
  CPLErr err;

  _sm_ogr_init ();
  driver = GDALGetDriverByName ("GTiff");
  /* GeoTIFF rows run south from the top; ours north from the bottom. */
  for (int y = 0; y < grid->height; y++)
    for (int x = 0; x < grid->width; x++)
      rows[(gsize) (grid->height - 1 - y) * grid->width + x] = (float) grid->values[(gsize) y * grid->width + x];
  OSRImportFromProj4 (srs, proj);
  OSRExportToWkt (srs, &wkt);
  ds = GDALCreate (driver, path, grid->width, grid->height, 1, GDT_Float32, NULL);
  if (ds == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   CPLGetLastErrorMsg ());
      CPLFree (wkt);
      OSRDestroySpatialReference (srs);
      return FALSE;
    }
  GDALSetGeoTransform (ds, transform);
  GDALSetProjection (ds, wkt);
  err = GDALRasterIO (GDALGetRasterBand (ds, 1), GF_Write, 0, 0, grid->width, grid->height, rows,
                      grid->width, grid->height, GDT_Float32, 0, 0);
  GDALClose (ds);
  CPLFree (wkt);
  OSRDestroySpatialReference (srs);
  if (err != CE_None)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}
