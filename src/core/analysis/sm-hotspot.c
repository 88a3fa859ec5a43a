#define G_LOG_DOMAIN "sm-hotspot"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <ogr_srs_api.h>

#include "sm-mercator.h"
#include "sm-boundary.h"
#include "sm-date.h"
#include "sm-geometry.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* A grid over the input in metres. */
typedef struct {
  double west, south;     /* metres */
  int    width, height;
  double cell;
} Frame;

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
      facts = sm_store_get_hit_facts (store, hits, error);
      if (facts == NULL)
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
  in->ky = SM_METRES_PER_DEGREE;
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

/* Which settlement outline holds each household, kept with the store
 * while its cases and boundaries stay as they are: the time slider asks
 * about the same households month after month. */
#define STUDY_KEY "sm-hotspot-study-area"

typedef struct {
  GPtrArray  *towns;      /* SmBoundary, level settlement */
  double     *boxes;      /* west, south, east, north per town */
  GHashTable *town_of;    /* household id → town index + 1, or G_MAXINT outside every one */
} StudyCache;

static void
study_cache_free (StudyCache *c)
{
  g_ptr_array_unref (c->towns);
  g_free (c->boxes);
  g_hash_table_unref (c->town_of);
  g_free (c);
}

static void
study_changed_cb (SmStore       *store,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_BOUNDARIES))
    g_object_set_data (G_OBJECT (store), STUDY_KEY, NULL);
}

static StudyCache *
study_cache (SmStore *store)
{
  StudyCache *c = g_object_get_data (G_OBJECT (store), STUDY_KEY);
  GPtrArray *towns;

  if (c != NULL)
    return c;
  if (g_object_get_data (G_OBJECT (store), STUDY_KEY "-watched") == NULL)
    {
      g_signal_connect (store, "changed", G_CALLBACK (study_changed_cb), NULL);
      g_object_set_data (G_OBJECT (store), STUDY_KEY "-watched", GINT_TO_POINTER (1));
    }
  towns = sm_boundary_list (store, "settlement", NULL);
  c = g_new0 (StudyCache, 1);
  c->towns = towns != NULL ? towns : g_ptr_array_new_with_free_func ((GDestroyNotify) sm_boundary_free);
  c->boxes = g_new (double, 4 * MAX (c->towns->len, 1));
  c->town_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint t = 0; t < c->towns->len; t++)
    sm_shape_get_bbox (((SmBoundary *) g_ptr_array_index (c->towns, t))->shape, &c->boxes[4 * t],
                       &c->boxes[4 * t + 1], &c->boxes[4 * t + 2], &c->boxes[4 * t + 3]);
  g_object_set_data_full (G_OBJECT (store), STUDY_KEY, c, (GDestroyNotify) study_cache_free);
  return c;
}

/* The index of the town that holds a household, or -1. */
static int
town_of (StudyCache *c,
         gint64      household,
         double      lon,
         double      lat)
{
  int found = G_MAXINT;
  gpointer known = g_hash_table_lookup (c->town_of, &household);

  if (known != NULL)
    return GPOINTER_TO_INT (known) == G_MAXINT ? -1 : GPOINTER_TO_INT (known) - 1;
  for (guint t = 0; t < c->towns->len && found == G_MAXINT; t++)
    if (lon >= c->boxes[4 * t] && lat >= c->boxes[4 * t + 1] && lon <= c->boxes[4 * t + 2] &&
        lat <= c->boxes[4 * t + 3] &&
        sm_shape_contains (((SmBoundary *) g_ptr_array_index (c->towns, t))->shape, lon, lat))
      found = (int) t + 1;
  g_hash_table_insert (c->town_of, g_memdup2 (&household, sizeof household), GINT_TO_POINTER (found));
  return found == G_MAXINT ? -1 : found - 1;
}

/* The study area: the settlements (their stored outlines) where the
 * households are. A cell belongs to it when its middle or a corner lies in
 * one of them, or when it holds a household that does; without outlines
 * every cell does (NULL). */
static gboolean *
study_area_mask (SmStore              *store,
                 const SmHotspotInput *in,
                 const Frame          *f,
                 const int            *cell_of_point)
{
  StudyCache *c = study_cache (store);
  g_autofree gboolean *used = NULL;
  gboolean *inside, any = FALSE;
  int n = f->width * f->height;

  if (c->towns->len == 0)
    return NULL;
  used = g_new0 (gboolean, c->towns->len);
  inside = g_new0 (gboolean, n);
  for (guint i = 0; i < in->points->len; i++)
    {
      const SmWeightedPoint *p = &g_array_index (in->points, SmWeightedPoint, i);
      int t = town_of (c, g_array_index (in->households, gint64, i), p->x / in->kx + in->lon0,
                       p->y / in->ky + in->lat0);

      if (t < 0)
        continue;
      used[t] = any = TRUE;
      if (cell_of_point[i] >= 0)
        inside[cell_of_point[i]] = TRUE;
    }
  if (!any)
    {
      g_free (inside);
      return NULL;
    }
  for (int cell = 0; cell < n; cell++)
    {
      double x0 = f->west + (cell % f->width) * f->cell, y0 = f->south + (cell / f->width) * f->cell;
      static const double at[5][2] = { { 0.5, 0.5 }, { 0, 0 }, { 1, 0 }, { 0, 1 }, { 1, 1 } };

      for (int k = 0; k < 5 && !inside[cell]; k++)
        {
          double lon = (x0 + at[k][0] * f->cell) / in->kx + in->lon0;
          double lat = (y0 + at[k][1] * f->cell) / in->ky + in->lat0;

          for (guint t = 0; t < c->towns->len && !inside[cell]; t++)
            inside[cell] = used[t] &&
                           sm_shape_contains (((SmBoundary *) g_ptr_array_index (c->towns, t))->shape,
                                              lon, lat);
        }
    }
  return inside;
}

/* Gi* on rates: each cell's count over the register's households there
 * (every household with a need recorded by the filter's day, in its area),
 * smoothed by sm_eb_rates(); cells without households leave the study
 * area. */
static gboolean
smooth_cell_rates (SmStore               *store,
                   SmFilter              *filter,
                   const SmHotspotInput  *in,
                   const Frame           *f,
                   double                *counts,
                   gboolean             **inside,
                   GError               **error)
{
  g_autoptr(SmFilter) everyone = sm_filter_copy_register (filter);
  g_autoptr(GArray) hits = NULL;
  int n = f->width * f->height;
  g_autofree double *pops = g_new0 (double, n);
  g_autofree double *raw = g_new (double, n);
  g_autofree double *smoothed = g_new (double, n);

  hits = sm_store_query (store, everyone, error);
  if (hits == NULL)
    return FALSE;
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *h = &g_array_index (hits, SmCaseHit, i);
      SmWeightedPoint p = { (h->lon - in->lon0) * in->kx, (h->lat - in->lat0) * in->ky, 1 };
      int c = cell_of (f, &p);

      if (c >= 0)
        pops[c] += 1;
    }
  sm_eb_rates (counts, pops, (guint) n, raw, smoothed);
  if (*inside == NULL)
    {
      *inside = g_new (gboolean, n);
      for (int c = 0; c < n; c++)
        (*inside)[c] = TRUE;
    }
  for (int c = 0; c < n; c++)
    {
      (*inside)[c] = (*inside)[c] && pops[c] > 0;
      counts[c] = (*inside)[c] ? smoothed[c] : 0;
    }
  return TRUE;
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
  g_autofree gboolean *inside = NULL;
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
  inside = study_area_mask (store, in, &f, cell_of_point);
  if (options->method == SM_HOTSPOT_RATE && !smooth_cell_rates (store, filter, in, &f, counts, &inside,
                                                                 error))
    return NULL;
  sm_getis_ord_clipped (counts, f.width, f.height, MAX (1, options->band_cells), inside,
                        options->permutations, options->seed, options->correction, gi);

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
  /* Parts by settlement and name: two towns may both have a "Központi
   * belterület". */
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) towns = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rates = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_part_rate_free);
  g_autofree double *counts = NULL, *pops = NULL, *raw = NULL, *eb = NULL;
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  guint n_listed;

  if (hits == NULL)
    return NULL;
  facts = sm_store_get_hit_facts (store, hits, error);
  if (facts == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      const char *name = facts[i].settlement_part;
      g_autofree char *key = NULL;
      SmPartRate *r;

      if (name == NULL)
        continue;
      key = g_strdup_printf ("%s\x1f%s", facts[i].settlement ? facts[i].settlement : "", name);
      r = g_hash_table_lookup (by_key, key);
      if (r == NULL)
        {
          r = g_new0 (SmPartRate, 1);
          r->name = g_strdup (name);
          r->population = -1;
          g_hash_table_insert (by_key, g_steal_pointer (&key), r);
          g_ptr_array_add (rates, r);
        }
      if (facts[i].settlement != NULL)
        g_hash_table_add (towns, (gpointer) facts[i].settlement);
      r->households++;
    }
  parts = sm_store_list_parts (store, NULL, error);
  if (parts == NULL)
    return NULL;
  /* The smoothing's prior: every part with a population in the towns of
   * the households, also one without filtered households (as in
   * sm_area_stats()); only parts with households are listed. */
  n_listed = rates->len;
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", part->settlement, part->name);
      SmPartRate *r = g_hash_table_lookup (by_key, key);

      if (r == NULL && part->population > 0 && g_hash_table_contains (towns, part->settlement))
        {
          r = g_new0 (SmPartRate, 1);
          r->name = g_strdup (part->name);
          g_hash_table_insert (by_key, g_steal_pointer (&key), r);
          g_ptr_array_add (rates, r);
        }
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
  g_ptr_array_set_size (rates, n_listed);
  g_ptr_array_sort (rates, compare_rates);
  return g_steal_pointer (&rates);
}
