#define G_LOG_DOMAIN "sm-coverage"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-coverage.h"
#include "sm-error.h"
#include "sm-geometry.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-catchments.h"
#include "sm-store-services.h"

#define N_CATEGORY_BITS 64
#define EARTH_RADIUS_M 6371008.8

/* A service at one of its places: where it is, whether it can take more
 * clients, and its catchments. */
typedef struct {
  gint64    service_id;
  double    lat;
  double    lon;
  gboolean  placed;
  gboolean  has_room;       /* free capacity, or none recorded */
  guint     first_area;     /* into target_areas */
  guint     n_areas;        /* 0: no catchment recorded, it serves anyone */
} Target;

struct _SmCoverageSources {
  GArray     *targets;                      /* Target */
  GArray     *target_areas;                 /* guint, into areas */
  GPtrArray  *areas;                        /* SmShapeIndex */
  GArray     *by_category[N_CATEGORY_BITS]; /* guint, into targets; NULL: none */
  guint       n_services;
};

void
sm_coverage_sources_free (SmCoverageSources *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->targets);
  g_array_unref (self->target_areas);
  g_ptr_array_unref (self->areas);
  for (guint c = 0; c < N_CATEGORY_BITS; c++)
    g_clear_pointer (&self->by_category[c], g_array_unref);
  g_free (self);
}

guint
sm_coverage_sources_get_n_services (SmCoverageSources *self)
{
  return self->n_services;
}

/* The catchments of every service as indexed shapes, one per boundary
 * however many services share it; service id → GArray of area indexes. */
static GHashTable *
load_areas (SmStore            *store,
            SmCoverageSources  *self,
            GError            **error)
{
  g_autoptr(GPtrArray) records = sm_store_list_service_areas (store, 0, error);
  g_autoptr(GHashTable) by_boundary = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTable *by_service;

  if (records == NULL)
    return NULL;
  by_service = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < records->len; i++)
    {
      SmServiceAreaRecord *r = g_ptr_array_index (records, i);
      gpointer known = r->boundary_id != 0 ? g_hash_table_lookup (by_boundary, &r->boundary_id) : NULL;
      GArray *list = g_hash_table_lookup (by_service, &r->service_id);
      guint index;

      if (known != NULL)
        index = GPOINTER_TO_UINT (known) - 1;
      else
        {
          g_autoptr(SmShape) shape = sm_shape_new ();
          gsize size;
          const guint8 *wkb = g_bytes_get_data (r->geometry, &size);

          /* A catchment that cannot be read holds nobody, rather than
           * everybody. */
          if (size > 0)
            sm_shape_add_wkb (shape, wkb, size, NULL);
          index = self->areas->len;
          g_ptr_array_add (self->areas, sm_shape_index_new (shape));
          if (r->boundary_id != 0)
            g_hash_table_insert (by_boundary, &r->boundary_id, GUINT_TO_POINTER (index + 1));
        }
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_service, &r->service_id, list);
        }
      g_array_append_val (list, index);
    }
  /* The keys point into the records: keep the ids in the arrays' own
   * table instead. */
  {
    GHashTable *owned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, by_service);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        g_hash_table_insert (owned, g_memdup2 (key, sizeof (gint64)), g_array_ref (value));
      }
    g_hash_table_unref (by_service);
    return owned;
  }
}

/**
 * sm_coverage_sources_load:
 *
 * Reads the active services at their places, their catchments and free
 * capacity, and which service types answer which need categories.
 */
SmCoverageSources *
sm_coverage_sources_load (SmStore  *store,
                          GError  **error)
{
  g_autoptr(SmCoverageSources) self = g_new0 (SmCoverageSources, 1);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (store);
  g_autoptr(GPtrArray) table = sm_store_list_need_services (store, error);
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GHashTable) areas = NULL;
  g_autoptr(GHashTable) category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) services = g_hash_table_new (g_int64_hash, g_int64_equal);

  self->targets = g_array_new (FALSE, FALSE, sizeof (Target));
  self->target_areas = g_array_new (FALSE, FALSE, sizeof (guint));
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_shape_index_free);
  if (table == NULL || (places = sm_store_list_service_places (store, NULL, error)) == NULL ||
      (areas = load_areas (store, self, error)) == NULL)
    return NULL;

  for (guint i = 0; i < categories->len; i++)
    {
      SmCategory *c = g_ptr_array_index (categories, i);

      if (c->id >= 0 && c->id < N_CATEGORY_BITS)
        g_hash_table_insert (category_ids, c->code, GINT_TO_POINTER ((int) c->id + 1));
    }
  /* service type → the category ids it answers */
  for (guint i = 0; i < table->len; i++)
    {
      SmNeedService *row = g_ptr_array_index (table, i);
      int id = GPOINTER_TO_INT (g_hash_table_lookup (category_ids, row->category)) - 1;
      GArray *list = g_hash_table_lookup (types, row->service_type);

      if (id < 0)
        continue;
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (types, row->service_type, list);
        }
      g_array_append_val (list, id);
    }

  for (guint i = 0; i < places->len; i++)
    {
      SmServicePlace *p = g_ptr_array_index (places, i);
      GArray *answers = g_hash_table_lookup (types, p->service_type);
      GArray *own = g_hash_table_lookup (areas, &p->service_id);
      Target t = {
        .service_id = p->service_id,
        .lat = p->lat,
        .lon = p->lon,
        .placed = p->has_location,
        .has_room = p->available != 0,
        .first_area = self->target_areas->len,
        .n_areas = own ? own->len : 0,
      };
      guint index = self->targets->len;

      if (!g_str_equal (p->status, "active") || answers == NULL)
        continue;
      if (own != NULL)
        g_array_append_vals (self->target_areas, own->data, own->len);
      g_array_append_val (self->targets, t);
      g_hash_table_add (services, &p->service_id);
      for (guint j = 0; j < answers->len; j++)
        {
          int c = g_array_index (answers, int, j);

          if (self->by_category[c] == NULL)
            self->by_category[c] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (self->by_category[c], index);
        }
    }
  self->n_services = g_hash_table_size (services);
  return g_steal_pointer (&self);
}

static double
haversine_m (double lat1,
             double lon1,
             double lat2,
             double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 2 * EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

/**
 * sm_coverage_assess:
 * @hits: (element-type SmCaseHit): the households the filter shows, with
 *   their open needs' categories
 *
 * Returns: (transfer full) (element-type SmCoverageNeed): one per
 *   household and need category, in the order of @hits. The distance is
 *   along the ground between the two points (a great circle), not along
 *   streets.
 */
GArray *
sm_coverage_assess (SmCoverageSources *self,
                    GArray            *hits)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (SmCoverageNeed));
  guint n_areas = self->areas->len;
  g_autofree guint *memo_hit = g_new0 (guint, MAX (n_areas, 1));
  g_autofree gboolean *memo_in = g_new0 (gboolean, MAX (n_areas, 1));
  const Target *targets = (const Target *) self->targets->data;
  const guint *target_areas = (const guint *) self->target_areas->data;

  for (guint h = 0; h < hits->len; h++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, h);
      double kx = cos (hit->lat * G_PI / 180);

      for (guint64 bits = hit->categories; bits != 0; bits &= bits - 1)
        {
          int c = __builtin_ctzll (bits);
          GArray *list = self->by_category[c];
          SmCoverageNeed need = {
            .household_id = hit->household_id, .lat = hit->lat, .lon = hit->lon, .category = c,
            .status = SM_COVERAGE_NO_SERVICE, .nearest_m = -1,
          };
          gboolean reach = FALSE, room = FALSE;
          double best = G_MAXDOUBLE;
          int nearest = -1;

          for (guint k = 0; list != NULL && k < list->len; k++)
            {
              const Target *t = &targets[g_array_index (list, guint, k)];
              gboolean in = t->n_areas == 0;

              if (t->placed)
                {
                  double dx = (t->lon - hit->lon) * kx, dy = t->lat - hit->lat;
                  double d2 = dx * dx + dy * dy;

                  if (d2 < best)
                    {
                      best = d2;
                      nearest = (int) g_array_index (list, guint, k);
                    }
                }
              for (guint a = 0; !in && a < t->n_areas; a++)
                {
                  guint area = target_areas[t->first_area + a];

                  if (memo_hit[area] != h + 1)
                    {
                      memo_hit[area] = h + 1;
                      memo_in[area] = sm_shape_index_contains (g_ptr_array_index (self->areas, area),
                                                               hit->lon, hit->lat);
                    }
                  in = memo_in[area];
                }
              reach |= in;
              room |= in && t->has_room;
            }
          if (list != NULL && list->len > 0)
            need.status = room ? SM_COVERAGE_COVERED : reach ? SM_COVERAGE_FULL : SM_COVERAGE_OUT_OF_REACH;
          if (nearest >= 0)
            {
              need.nearest_service = targets[nearest].service_id;
              need.nearest_m = haversine_m (hit->lat, hit->lon, targets[nearest].lat, targets[nearest].lon);
            }
          g_array_append_val (out, need);
        }
    }
  return out;
}

/**
 * sm_coverage_compute:
 * @filter: what the map shows; its needs are taken as open on its day,
 *   whatever its status says
 *
 * Returns: (transfer full) (element-type SmCoverageNeed): as
 *   sm_coverage_assess(), or %NULL with @error
 */
GArray *
sm_coverage_compute (SmStore   *store,
                     SmFilter  *filter,
                     GError   **error)
{
  g_autoptr(SmFilter) open = sm_filter_copy (filter);
  g_autoptr(SmCoverageSources) sources = NULL;
  g_autoptr(GArray) hits = NULL;

  sm_filter_set_status (open, SM_NEED_OPEN);
  if ((hits = sm_store_query (store, open, error)) == NULL ||
      (sources = sm_coverage_sources_load (store, error)) == NULL)
    return NULL;
  return sm_coverage_assess (sources, hits);
}

/**
 * sm_coverage_assess_hotspots:
 * @hotspots: (element-type SmHotspot): the hotspots found
 *
 * The open needs the filter shows in the hotspots' boxes, against the
 * services in reach: only the households inside one of the boxes are
 * assessed.
 *
 * Returns: (transfer full) (nullable) (element-type SmCoverageNeed): as
 *   sm_coverage_assess(); %NULL when there are no hotspots or with @error
 */
GArray *
sm_coverage_assess_hotspots (SmCoverageSources  *sources,
                             SmStore            *store,
                             SmFilter           *filter,
                             GPtrArray          *hotspots,
                             GError            **error)
{
  g_autoptr(SmFilter) there = NULL;
  g_autoptr(GArray) hits = NULL;
  double w = G_MAXDOUBLE, s = G_MAXDOUBLE, e = -G_MAXDOUBLE, n = -G_MAXDOUBLE;
  guint kept = 0;

  if (hotspots == NULL || hotspots->len == 0)
    return NULL;
  for (guint i = 0; i < hotspots->len; i++)
    {
      const SmHotspot *h = g_ptr_array_index (hotspots, i);

      w = MIN (w, h->west);
      s = MIN (s, h->south);
      e = MAX (e, h->east);
      n = MAX (n, h->north);
    }
  there = sm_filter_copy (filter);
  sm_filter_set_status (there, SM_NEED_OPEN);
  sm_filter_set_bbox (there, w, s, e, n);
  if ((hits = sm_store_query (store, there, error)) == NULL)
    return NULL;
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      gboolean inside = FALSE;

      for (guint j = 0; j < hotspots->len && !inside; j++)
        {
          const SmHotspot *h = g_ptr_array_index (hotspots, j);

          inside = hit->lon >= h->west && hit->lon <= h->east && hit->lat >= h->south && hit->lat <= h->north;
        }
      if (inside)
        g_array_index (hits, SmCaseHit, kept++) = *hit;
    }
  g_array_set_size (hits, kept);
  return sm_coverage_assess (sources, hits);
}

/* --- by settlement part ----------------------------------------------- */

void
sm_coverage_row_free (SmCoverageRow *row)
{
  if (row == NULL)
    return;
  g_free (row->settlement_part);
  g_free (row);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const SmCoverageRow *x = *(const SmCoverageRow **) a, *y = *(const SmCoverageRow **) b;

  if (x->category != y->category)
    return x->category < y->category ? -1 : 1;
  if ((x->settlement_part == NULL) != (y->settlement_part == NULL))
    return x->settlement_part == NULL ? -1 : 1;
  return g_strcmp0 (x->settlement_part, y->settlement_part);
}

/* Each column of one category's rows, protected against its total. */
static void
protect_category (SmDisclosure *disclosure,
                  GPtrArray    *rows,
                  guint         first,
                  guint         end)
{
  guint n = end - first;
  g_autofree SmDisclosureCell *needs = g_new0 (SmDisclosureCell, n);
  g_autofree SmDisclosureCell *not_covered = g_new0 (SmDisclosureCell, n);

  for (guint i = 0; i < n; i++)
    {
      SmCoverageRow *row = g_ptr_array_index (rows, first + i);

      needs[i] = (SmDisclosureCell) { .households = row->needs, .persons = -1, .needs = -1 };
      not_covered[i] = (SmDisclosureCell) { .households = row->not_covered, .persons = -1, .needs = -1 };
    }
  sm_disclosure_protect (disclosure, needs, n);
  sm_disclosure_protect (disclosure, not_covered, n);
  for (guint i = 0; i < n; i++)
    {
      SmCoverageRow *row = g_ptr_array_index (rows, first + i);

      row->needs_state = needs[i].state;
      /* A part whose households are hidden hides what they lack too. */
      row->not_covered_state = needs[i].state != SM_DISCLOSURE_SHOWN && not_covered[i].state == SM_DISCLOSURE_SHOWN
                               ? SM_DISCLOSURE_COMPLEMENTARY : not_covered[i].state;
    }
}

/**
 * sm_coverage_by_part:
 * @hits: (element-type SmCaseHit): what @needs was assessed on
 * @needs: (element-type SmCoverageNeed): sm_coverage_assess() of @hits
 *
 * Returns: (transfer full) (element-type SmCoverageRow): per need
 *   category, the town's row first, then one per settlement part (by
 *   name; households of no known part under "?"); each column of a
 *   category's parts protected against the town's row; the town's rows
 *   under the primary rule
 */
GPtrArray *
sm_coverage_by_part (SmStore       *store,
                     GArray        *hits,
                     GArray        *needs,
                     SmDisclosure  *disclosure,
                     GError       **error)
{
  g_autofree SmHouseholdFacts *facts = sm_store_get_hit_facts (store, hits, error);
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *rows;
  guint j = 0, first = 0;

  if (facts == NULL && hits->len > 0)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_coverage_row_free);
  for (guint h = 0; h < hits->len; h++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, h);
      const char *part = facts[h].settlement_part ? facts[h].settlement_part : "?";

      for (; j < needs->len && g_array_index (needs, SmCoverageNeed, j).household_id == hit->household_id; j++)
        {
          const SmCoverageNeed *need = &g_array_index (needs, SmCoverageNeed, j);

          for (int total = 0; total < 2; total++)
            {
              g_autofree char *key = g_strdup_printf ("%lld\n%s", (long long) need->category, total ? "" : part);
              SmCoverageRow *row = g_hash_table_lookup (index, key);

              if (row == NULL)
                {
                  row = g_new0 (SmCoverageRow, 1);
                  row->settlement_part = total ? NULL : g_strdup (part);
                  row->category = need->category;
                  g_ptr_array_add (rows, row);
                  g_hash_table_insert (index, g_steal_pointer (&key), row);
                }
              row->needs++;
              row->by_status[need->status]++;
              row->not_covered += need->status != SM_COVERAGE_COVERED ? 1 : 0;
            }
        }
    }
  g_ptr_array_sort (rows, compare_rows);
  for (guint i = 0; i <= rows->len; i++)
    {
      SmCoverageRow *row = i < rows->len ? g_ptr_array_index (rows, i) : NULL;

      if (row != NULL && row->settlement_part == NULL)
        {
          if (i > first + 1)
            protect_category (disclosure, rows, first + 1, i);
          row->needs_state = sm_disclosure_state_of (disclosure, row->needs, -1);
          row->not_covered_state = sm_disclosure_state_of (disclosure, row->not_covered, -1);
          first = i;
        }
      else if (row == NULL && i > first + 1)
        protect_category (disclosure, rows, first + 1, i);
    }
  return rows;
}

/* --- a hotspot's gaps ---------------------------------------------------- */

typedef struct {
  gint64 category;
  guint  n;
  guint  not_covered;
} CategoryCount;

static int
by_count (gconstpointer a,
          gconstpointer b)
{
  const CategoryCount *x = a, *y = b;

  if (x->n != y->n)
    return x->n > y->n ? -1 : 1;
  return (x->category > y->category) - (x->category < y->category);
}

/**
 * sm_coverage_gaps_in:
 * @needs: (element-type SmCoverageNeed): an assessment
 * @west: the needs of households in this box count (a hotspot's box)
 * @n_leading: how many of the most frequent categories to look at (at
 *   most 8)
 * @gaps: (out caller-allocates): the leading categories, and which have no
 *   service in reach with room for most of their households
 */
void
sm_coverage_gaps_in (GArray         *needs,
                     double          west,
                     double          south,
                     double          east,
                     double          north,
                     guint           n_leading,
                     SmCoverageGaps *gaps)
{
  CategoryCount counts[N_CATEGORY_BITS] = { { 0 } };

  memset (gaps, 0, sizeof *gaps);
  for (guint c = 0; c < N_CATEGORY_BITS; c++)
    counts[c].category = c;
  for (guint i = 0; i < needs->len; i++)
    {
      const SmCoverageNeed *need = &g_array_index (needs, SmCoverageNeed, i);

      if (need->category < 0 || need->category >= N_CATEGORY_BITS || need->lon < west || need->lon > east ||
          need->lat < south || need->lat > north)
        continue;
      counts[need->category].n++;
      counts[need->category].not_covered += need->status != SM_COVERAGE_COVERED ? 1 : 0;
    }
  qsort (counts, N_CATEGORY_BITS, sizeof (CategoryCount), by_count);
  for (guint i = 0; i < MIN (n_leading, G_N_ELEMENTS (gaps->categories)) && counts[i].n > 0; i++)
    {
      gaps->categories[i] = counts[i].category;
      gaps->uncovered[i] = 2 * counts[i].not_covered > counts[i].n;
      gaps->n_uncovered += gaps->uncovered[i] ? 1 : 0;
      gaps->n_leading++;
    }
}
