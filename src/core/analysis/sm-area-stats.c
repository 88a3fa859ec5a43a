#define G_LOG_DOMAIN "sm-area-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <ogr_api.h>

#include "sm-mercator.h"
#include "sm-area-stats.h"
#include "sm-disclosure.h"
#include "sm-error.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* Areas closer than this are neighbours: boundaries from different sources
 * rarely meet exactly. */
#define CONTIGUITY_TOLERANCE_M 5.0

typedef struct {
  gint64   id;
  char    *name;
  gint64   population;
  SmShape *shape;
  double   west, south, east, north;   /* degrees */
  double   cx, cy;                     /* centre, metres */
  double   label_lat, label_lon;       /* a point inside */
} Area;

struct _SmAreaSet {
  char       *level;
  GArray     *areas;        /* Area */
  GHashTable *by_key;       /* "name\x1fKSH code" → index + 1 */
  int        *offsets;      /* n + 1 */
  int        *neighbours;   /* without the area itself */
};

static void
area_clear (Area *area)
{
  g_free (area->name);
  g_clear_pointer (&area->shape, sm_shape_free);
}

void
sm_area_set_free (SmAreaSet *set)
{
  if (set == NULL)
    return;
  g_free (set->level);
  g_array_unref (set->areas);
  g_hash_table_unref (set->by_key);
  g_free (set->offsets);
  g_free (set->neighbours);
  g_free (set);
}

guint
sm_area_set_get_size (const SmAreaSet *set)
{
  return set->areas->len;
}

const char *
sm_area_set_get_level (const SmAreaSet *set)
{
  return set->level;
}

const int *
sm_area_set_get_neighbours (const SmAreaSet *set,
                            guint            i,
                            guint           *n)
{
  g_return_val_if_fail (i < set->areas->len, NULL);

  *n = set->offsets[i + 1] - set->offsets[i];
  return set->neighbours + set->offsets[i];
}

static void
to_plane (OGRGeometryH geometry,
          double       lon0,
          double       lat0,
          double       kx,
          double       ky)
{
  int n_sub = OGR_G_GetGeometryCount (geometry);

  for (int i = 0; i < n_sub; i++)
    to_plane (OGR_G_GetGeometryRef (geometry, i), lon0, lat0, kx, ky);
  if (n_sub > 0)
    return;
  for (int i = 0, n = OGR_G_GetPointCount (geometry); i < n; i++)
    OGR_G_SetPoint_2D (geometry, i, (OGR_G_GetX (geometry, i) - lon0) * kx,
                       (OGR_G_GetY (geometry, i) - lat0) * ky);
}

static int
by_name_then_id (gconstpointer a,
                 gconstpointer b)
{
  const SmBoundaryRecord *x = *(SmBoundaryRecord * const *) a;
  const SmBoundaryRecord *y = *(SmBoundaryRecord * const *) b;
  int c = strcmp (x->name, y->name);

  return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

/**
 * sm_area_set_load:
 * @level: a boundary level, e.g. "settlement_part" or "district"
 * @band_m: for %SM_AREA_DISTANCE, the distance between centres; 0: 1,500 m
 *
 * Areas of @level with the same name and KSH code are one area (a
 * settlement in two pieces). Neighbours by contiguity are areas within a few metres of each
 * other, corners included.
 */
SmAreaSet *
sm_area_set_load (SmStore        *store,
                  const char     *level,
                  SmAreaWeights   weights,
                  double          band_m,
                  GError        **error)
{
  g_autoptr(SmAreaSet) set = g_new0 (SmAreaSet, 1);
  g_autoptr(GPtrArray) geometries = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (int));
  double lon0, lat0, kx, ky, w = G_MAXDOUBLE, s = G_MAXDOUBLE, e = -G_MAXDOUBLE, n = -G_MAXDOUBLE;
  g_autoptr(GPtrArray) records = NULL;
  guint count;

  set->level = g_strdup (level);
  set->areas = g_array_new (FALSE, TRUE, sizeof (Area));
  g_array_set_clear_func (set->areas, (GDestroyNotify) area_clear);
  set->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  records = sm_store_list_boundary_records (store, level, NULL, error);
  if (records == NULL)
    return NULL;
  g_ptr_array_sort (records, by_name_then_id);
  for (guint r = 0; r < records->len; r++)
    {
      const SmBoundaryRecord *rec = g_ptr_array_index (records, r);
      const char *name = rec->name;
      gsize size;
      const void *wkb = g_bytes_get_data (rec->geometry, &size);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", name, rec->ksh_code ? rec->ksh_code : "");
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (set->by_key, key));
      OGRGeometryH geometry = NULL;
      Area *area;

      if (OGR_G_CreateFromWkb (wkb, NULL, &geometry, (int) size) != OGRERR_NONE)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("The stored boundary “%s” is damaged"), name);
          return NULL;
        }
      if (index == 0)
        {
          Area fresh = { 0 };

          fresh.id = rec->id;
          fresh.name = g_strdup (name);
          fresh.population = -1;
          fresh.shape = sm_shape_new ();
          g_array_append_val (set->areas, fresh);
          index = set->areas->len;
          g_hash_table_insert (set->by_key, g_steal_pointer (&key), GUINT_TO_POINTER (index));
          g_ptr_array_add (geometries, geometry);
        }
      else
        {
          OGRGeometryH both = OGR_G_Union (g_ptr_array_index (geometries, index - 1), geometry);

          OGR_G_DestroyGeometry (geometry);
          OGR_G_DestroyGeometry (g_ptr_array_index (geometries, index - 1));
          g_ptr_array_index (geometries, index - 1) = both;
        }
      area = &g_array_index (set->areas, Area, index - 1);
      if (rec->population >= 0)
        area->population = MAX (area->population, 0) + rec->population;
      if (!sm_shape_add_wkb (area->shape, wkb, (int) size, error))
        return NULL;
    }
  count = set->areas->len;

  for (guint i = 0; i < count; i++)
    {
      Area *area = &g_array_index (set->areas, Area, i);

      sm_shape_get_bbox (area->shape, &area->west, &area->south, &area->east, &area->north);
      w = MIN (w, area->west);
      s = MIN (s, area->south);
      e = MAX (e, area->east);
      n = MAX (n, area->north);
    }
  lon0 = count ? (w + e) / 2 : 0;
  lat0 = count ? (s + n) / 2 : 0;
  ky = SM_METRES_PER_DEGREE;
  kx = ky * cos (lat0 * G_PI / 180);

  for (guint i = 0; i < count; i++)
    {
      Area *area = &g_array_index (set->areas, Area, i);
      OGRGeometryH geometry = g_ptr_array_index (geometries, i);
      OGRGeometryH centre = OGR_G_CreateGeometry (wkbPoint);

      to_plane (geometry, lon0, lat0, kx, ky);
      if (OGR_G_Centroid (geometry, centre) == OGRERR_NONE && !OGR_G_IsEmpty (centre))
        {
          area->cx = OGR_G_GetX (centre, 0);
          area->cy = OGR_G_GetY (centre, 0);
        }
      else
        {
          area->cx = ((area->west + area->east) / 2 - lon0) * kx;
          area->cy = ((area->south + area->north) / 2 - lat0) * ky;
        }
      OGR_G_DestroyGeometry (centre);
      centre = OGR_G_PointOnSurface (geometry);
      if (centre != NULL && !OGR_G_IsEmpty (centre))
        {
          area->label_lon = OGR_G_GetX (centre, 0) / kx + lon0;
          area->label_lat = OGR_G_GetY (centre, 0) / ky + lat0;
        }
      else
        {
          area->label_lon = area->cx / kx + lon0;
          area->label_lat = area->cy / ky + lat0;
        }
      if (centre != NULL)
        OGR_G_DestroyGeometry (centre);
    }

  if (band_m <= 0)
    band_m = 1500;
  set->offsets = g_new (int, count + 1);
  for (guint i = 0; i < count; i++)
    {
      const Area *a = &g_array_index (set->areas, Area, i);
      double tol_lon = CONTIGUITY_TOLERANCE_M / kx, tol_lat = CONTIGUITY_TOLERANCE_M / ky;

      set->offsets[i] = lists->len;
      for (guint j = 0; j < count; j++)
        {
          const Area *b = &g_array_index (set->areas, Area, j);
          gboolean near;
          int value = j;

          if (j == i)
            continue;
          if (weights == SM_AREA_DISTANCE)
            near = hypot (a->cx - b->cx, a->cy - b->cy) <= band_m;
          else
            near = a->west <= b->east + tol_lon && b->west <= a->east + tol_lon
                   && a->south <= b->north + tol_lat && b->south <= a->north + tol_lat
                   && OGR_G_Distance (g_ptr_array_index (geometries, i),
                                      g_ptr_array_index (geometries, j)) <= CONTIGUITY_TOLERANCE_M;
          if (near)
            g_array_append_val (lists, value);
        }
    }
  set->offsets[count] = lists->len;
  set->neighbours = (int *) g_array_steal (lists, NULL);
  return g_steal_pointer (&set);
}

static gboolean
st_has_population (GArray *stats,
                   guint   i)
{
  return g_array_index (stats, SmAreaStat, i).population > 0;
}

/**
 * sm_area_list_levels:
 *
 * Returns: (transfer full): the boundary levels with at least two areas,
 *   finest first, as a %NULL-terminated array
 */
char **
sm_area_list_levels (SmStore  *store,
                           GError  **error)
{
  static const char * const order[] = {
    "district", "settlement_part", "settlement", "jaras", "other", "county", "region", "country",
  };
  g_autoptr(GStrvBuilder) levels = g_strv_builder_new ();
  g_auto(GStrv) stored = sm_store_list_boundary_levels (store, 2, error);
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);

  if (stored == NULL)
    return NULL;
  for (guint i = 0; stored[i] != NULL; i++)
    g_hash_table_add (present, stored[i]);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (g_hash_table_contains (present, order[i]))
      g_strv_builder_add (levels, order[i]);
  return g_strv_builder_end (levels);
}

/**
 * sm_area_stats:
 *
 * Counts the filtered households per area: by the household's settlement
 * part (its name within the household's settlement, whose KSH code the
 * area carries) where the set holds settlement parts and the part is
 * known, else by
 * the area that contains its point. Households outside every area are left
 * out.
 *
 * Gi* runs on the smoothed rates of the areas with a population when at
 * least half of them (and three) have one; the others get no z (NAN).
 * Otherwise it runs on the household counts of all areas.
 */
GArray *
sm_area_stats (SmAreaSet           *set,
               SmStore             *store,
               SmFilter            *filter,
               const SmAreaOptions *options,
               gboolean            *on_rate,
               GError             **error)
{
  const SmAreaOptions defaults = { SM_PERMUTATIONS_DEFAULT, 1, SM_CORRECTION_NONE, 5 };
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  guint count = set->areas->len;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autofree SmDisclosureCell *cells = NULL;
  gboolean by_part = g_str_equal (set->level, "settlement_part"), use_rate;
  g_autofree double *counts = NULL, *pops = NULL, *raw = NULL, *eb = NULL, *values = NULL;
  g_autofree int *offsets = NULL, *lists = NULL, *index = NULL;
  guint n_known = 0;
  int n_units = 0;
  g_autofree SmGiValue *gi = NULL;
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GHashTable) slots = NULL;   /* the store's part string → slot */
  g_autoptr(GPtrArray) parts = NULL;

  if (options == NULL)
    options = &defaults;
  disclosure = sm_disclosure_new ((int) options->k);

  hits = sm_store_query (store, filter, error);
  if (hits == NULL)
    return NULL;
  /* The KSH code of each settlement's parts, for the areas' keys. */
  codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  parts = sm_store_list_parts (store, NULL, error);
  if (parts == NULL)
    return NULL;
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);

      g_hash_table_insert (codes, g_strdup_printf ("%s\x1f%s", part->settlement, part->name),
                           g_strdup (part->ksh_code ? part->ksh_code : ""));
    }
  facts = sm_store_get_hit_facts (store, hits, error);
  if (facts == NULL)
    return NULL;
  slots = g_hash_table_new (g_direct_hash, g_direct_equal);

  stats = g_array_sized_new (FALSE, TRUE, sizeof (SmAreaStat), count);
  g_array_set_size (stats, count);
  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < count; i++)
    {
      const Area *area = &g_array_index (set->areas, Area, i);
      SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);

      st->id = area->id;
      st->name = area->name;
      st->shape = area->shape;
      st->population = area->population;
      st->label_lat = area->label_lat;
      st->label_lon = area->label_lon;
      g_ptr_array_add (categories, g_hash_table_new (g_direct_hash, g_direct_equal));
    }

  for (guint h = 0; h < hits->len; h++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, h);
      guint slot = 0, persons = 1;
      SmAreaStat *st;
      GHashTable *cats;
      gpointer seen;

      persons = MAX (1, facts[h].persons);
      if (by_part && facts[h].settlement_part != NULL)
        {
          gpointer known;

          /* The store keeps one string per part: its address is the key. */
          if (!g_hash_table_lookup_extended (slots, facts[h].settlement_part, NULL, &known))
            {
              g_autofree char *part_key = g_strdup_printf ("%s\x1f%s", facts[h].settlement,
                                                           facts[h].settlement_part);
              const char *code = g_hash_table_lookup (codes, part_key);
              g_autofree char *key = g_strdup_printf ("%s\x1f%s", facts[h].settlement_part,
                                                      code ? code : "");

              known = g_hash_table_lookup (set->by_key, key);
              g_hash_table_insert (slots, (gpointer) facts[h].settlement_part, known);
            }
          slot = GPOINTER_TO_UINT (known);
        }
      for (guint i = 0; i < count && slot == 0; i++)
        {
          const Area *area = &g_array_index (set->areas, Area, i);

          if (hit->lon >= area->west && hit->lon <= area->east
              && hit->lat >= area->south && hit->lat <= area->north
              && sm_shape_contains (area->shape, hit->lon, hit->lat))
            slot = i + 1;
        }
      if (slot == 0)
        continue;
      st = &g_array_index (stats, SmAreaStat, slot - 1);
      st->households++;
      st->persons += persons;
      cats = g_ptr_array_index (categories, slot - 1);
      seen = g_hash_table_lookup (cats, GSIZE_TO_POINTER ((gsize) hit->main_category));
      g_hash_table_insert (cats, GSIZE_TO_POINTER ((gsize) hit->main_category),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (seen) + 1));
    }

  /* The areas add up to the filter's households: the disclosure rule
   * hides the small ones and what would give them away. */
  cells = g_new0 (SmDisclosureCell, MAX (count, 1));
  for (guint i = 0; i < count; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);

      cells[i].households = st->households;
      cells[i].persons = st->persons;
      cells[i].needs = -1;
    }
  sm_disclosure_protect (disclosure, cells, count);

  counts = g_new (double, MAX (count, 1));
  pops = g_new (double, MAX (count, 1));
  raw = g_new (double, MAX (count, 1));
  eb = g_new (double, MAX (count, 1));
  for (guint i = 0; i < count; i++)
    {
      SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      GHashTableIter iter;
      gpointer key, value;
      guint best = 0;

      counts[i] = st->households;
      pops[i] = st->population > 0 ? (double) st->population : 0;
      st->disclosure = cells[i].state;
      st->small = cells[i].state != SM_DISCLOSURE_SHOWN;
      g_hash_table_iter_init (&iter, g_ptr_array_index (categories, i));
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (GPOINTER_TO_UINT (value) > best
            || (GPOINTER_TO_UINT (value) == best && (gint64) GPOINTER_TO_SIZE (key) < st->top_category))
          {
            best = GPOINTER_TO_UINT (value);
            st->top_category = (gint64) GPOINTER_TO_SIZE (key);
          }
    }
  sm_eb_rates (counts, pops, count, raw, eb);

  /* Gi* on the smoothed rate over the areas with a population, when there
   * are enough of them; else on the counts of all areas. */
  for (guint i = 0; i < count; i++)
    if (st_has_population (stats, i))
      n_known++;
  use_rate = n_known >= 3 && n_known * 2 >= count;
  index = g_new (int, MAX (count, 1));
  values = g_new (double, MAX (count, 1));
  for (guint i = 0; i < count; i++)
    {
      SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);

      st->rate = raw[i] * 1000;
      st->eb_rate = eb[i] * 1000;
      st->gi = (SmGiValue) { NAN, 1.0, 0 };
      index[i] = -1;
      if (!use_rate || st_has_population (stats, i))
        {
          index[i] = n_units;
          values[n_units++] = use_rate ? st->eb_rate : st->households;
        }
    }
  offsets = g_new (int, n_units + 1);
  lists = g_new (int, set->offsets[count] + count + 1);
  for (guint i = 0, m = 0; i < count; i++)
    {
      if (index[i] < 0)
        continue;
      offsets[index[i]] = m;
      lists[m++] = index[i];
      for (int j = set->offsets[i]; j < set->offsets[i + 1]; j++)
        if (index[set->neighbours[j]] >= 0)
          lists[m++] = index[set->neighbours[j]];
      offsets[index[i] + 1] = m;
    }
  if (n_units == 0)
    offsets[0] = 0;
  gi = g_new0 (SmGiValue, MAX (n_units, 1));
  sm_getis_ord_neighbours (values, n_units, offsets, lists, options->permutations,
                           options->seed, options->correction, gi);
  for (guint i = 0; i < count; i++)
    if (index[i] >= 0)
      g_array_index (stats, SmAreaStat, i).gi = gi[index[i]];
  if (on_rate != NULL)
    *on_rate = use_rate;
  return g_steal_pointer (&stats);
}
