#define G_LOG_DOMAIN "sm-scan"

#include "config.h"

#include <math.h>

#include "sm-mercator.h"
#include "sm-excess.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* The population at risk of a filter:
 * - Bernoulli: the register's households, those with any need recorded by
 *   the filter's day in the filter's area and household conditions,
 *   whatever their needs' category, severity or status. Every filtered
 *   household is one of them.
 * - Poisson: residents. Each settlement part's KSH population is spread
 *   over the part's register households, so a cell holds the residents
 *   its households stand for; households of a part without a population
 *   count with the residents per household of the parts that have one.
 * Locations are square cells (250 m) in the equirectangular projection at
 * the households' middle latitude, as the other hotspot methods use. */

typedef struct {
  gint64 key;
  double x, y;            /* middle, metres */
  double population;
  double west, south, east, north;
} Cell;

void
sm_excess_free (SmExcess *excess)
{
  if (excess == NULL)
    return;
  g_free (excess->settlement_part);
  g_free (excess);
}

static gint64
cell_key (int cx,
          int cy)
{
  return (gint64) (((guint64) (guint32) cx << 32) | (guint32) cy);
}

/* Residents per household of each part (by "settlement\x1fname"). */
static GHashTable *
residents_per_household (SmStore           *store,
                         GArray            *hits,
                         SmHouseholdFacts  *facts,
                         double            *fallback,
                         GError           **error)
{
  g_autoptr(GPtrArray) parts = sm_store_list_parts (store, NULL, error);
  g_autoptr(GHashTable) households = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *per = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  double residents = 0, counted = 0;

  if (parts == NULL)
    {
      g_hash_table_unref (per);
      return NULL;
    }
  for (guint i = 0; i < hits->len; i++)
    if (facts[i].settlement_part != NULL)
      {
        char *key = g_strdup_printf ("%s\x1f%s", facts[i].settlement ? facts[i].settlement : "",
                                     facts[i].settlement_part);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (households, key));

        g_hash_table_replace (households, key, GUINT_TO_POINTER (n + 1));
      }
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);
      g_autofree char *key = g_strdup_printf ("%s\x1f%s", part->settlement, part->name);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (households, key));
      double *value;

      if (n == 0 || part->population <= 0)
        continue;
      value = g_new (double, 1);
      *value = (double) part->population / n;
      residents += (double) part->population;
      counted += n;
      g_hash_table_insert (per, g_steal_pointer (&key), value);
    }
  *fallback = counted > 0 ? residents / counted : 1;
  return per;
}

static int
compare_excess (gconstpointer a,
                gconstpointer b)
{
  const SmExcess *x = *(SmExcess * const *) a, *y = *(SmExcess * const *) b;

  if (x->relative_risk != y->relative_risk)
    return x->relative_risk < y->relative_risk ? 1 : -1;
  return (x->p > y->p) - (x->p < y->p);
}

/* Middle of a cluster's cases and the part most of them live in. */
static void
describe (SmExcess         *e,
          GArray           *hits,
          SmHouseholdFacts *facts,
          const gint       *cell_of_hit,
          const gboolean   *in_cluster)
{
  g_autoptr(GHashTable) parts = g_hash_table_new (g_str_hash, g_str_equal);
  double lat = 0, lon = 0;
  guint n = 0, best = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *h = &g_array_index (hits, SmCaseHit, i);

      if (cell_of_hit[i] < 0 || !in_cluster[cell_of_hit[i]])
        continue;
      lat += h->lat;
      lon += h->lon;
      n++;
      if (facts != NULL && facts[i].settlement_part != NULL)
        g_hash_table_insert (parts, (gpointer) facts[i].settlement_part,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (parts, facts[i].settlement_part)) + 1));
    }
  if (n > 0)
    {
      e->lat = lat / n;
      e->lon = lon / n;
    }
  g_hash_table_iter_init (&iter, parts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) > best ||
        (GPOINTER_TO_UINT (value) == best && g_strcmp0 (key, e->settlement_part) < 0))
      {
        best = GPOINTER_TO_UINT (value);
        g_free (e->settlement_part);
        e->settlement_part = g_strdup (key);
      }
}

static int
compare_p (gconstpointer a,
           gconstpointer b)
{
  const SmExcess *x = *(SmExcess * const *) a, *y = *(SmExcess * const *) b;

  return (x->p > y->p) - (x->p < y->p);
}

/* Holm's correction over the needs scanned (one test each: its most likely
 * cluster, taken in order of p with factors m, m − 1, …); a need's further
 * clusters take its factor and are never below its first. What stays
 * above alpha goes. */
static void
correct (GPtrArray *found,
         GPtrArray *primaries,
         guint      m,
         double     alpha)
{
  g_autoptr(GHashTable) factor = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  double running = 0;

  g_ptr_array_sort (primaries, compare_p);
  for (guint j = 0; j < primaries->len; j++)
    {
      SmExcess *e = g_ptr_array_index (primaries, j);
      double *f = g_new (double, 2);

      f[0] = (double) (m - j);
      running = MAX (running, MIN (1.0, f[0] * e->p));
      f[1] = running;
      g_hash_table_insert (factor, g_memdup2 (&e->category, sizeof (gint64)), f);
    }
  for (guint i = 0; i < found->len; i++)
    {
      SmExcess *e = g_ptr_array_index (found, i);
      const double *f = g_hash_table_lookup (factor, &e->category);

      e->p = MAX (f[1], MIN (1.0, f[0] * e->p));
    }
  for (guint i = found->len; i-- > 0;)
    if (((SmExcess *) g_ptr_array_index (found, i))->p >= alpha)
      g_ptr_array_remove_index (found, i);
}

/**
 * sm_find_excess:
 *
 * The scan statistic for each need of the filter (every need when it
 * names none) on the filtered households, against the population at risk
 * the model says. Clusters whose p-value, multiplied by the number of
 * needs scanned (Holm), stays below alpha; the largest relative risk
 * first.
 *
 * Returns: (transfer full) (element-type SmExcess):
 */
GPtrArray *
sm_find_excess (SmStore                *store,
                SmFilter               *filter,
                const SmExcessOptions  *options,
                GCancellable           *cancellable,
                GError                **error)
{
  const SmExcessOptions defaults = { 0 };
  const SmExcessOptions *o = options ? options : &defaults;
  double side = o->cell_m > 0 ? o->cell_m : 250, alpha = o->alpha > 0 ? o->alpha : 0.05;
  g_autoptr(SmFilter) everyone = sm_filter_copy_register (filter);
  g_autoptr(GArray) population = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GHashTable) cell_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) cell_of_household = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) per = NULL;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_excess_free);
  g_autoptr(GArray) categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autofree SmScanLocation *locations = NULL;
  g_autoptr(GPtrArray) primaries = g_ptr_array_new ();
  double lat0 = 0, lon0 = 0, kx, ky, fallback = 1;
  const GArray *chosen = sm_filter_get_categories (filter);

  /* The population at risk */
  population = sm_store_query (store, everyone, error);
  if (population == NULL)
    return NULL;
  if (population->len == 0)
    return g_steal_pointer (&found);
  for (guint i = 0; i < population->len; i++)
    {
      lat0 += g_array_index (population, SmCaseHit, i).lat / population->len;
      lon0 += g_array_index (population, SmCaseHit, i).lon / population->len;
    }
  ky = SM_METRES_PER_DEGREE;
  kx = ky * cos (lat0 * G_PI / 180);
  if (o->model == SM_SCAN_POISSON)
    {
      facts = sm_store_get_hit_facts (store, population, error);
      if (facts == NULL)
        return NULL;
      per = residents_per_household (store, population, facts, &fallback, error);
      if (per == NULL)
        return NULL;
    }
  /* Keys of the hash tables point into these arrays: sized first. */
  g_array_set_size (keys, population->len);
  for (guint i = 0; i < population->len; i++)
    {
      const SmCaseHit *h = &g_array_index (population, SmCaseHit, i);
      double x = (h->lon - lon0) * kx, y = (h->lat - lat0) * ky;
      int cx = (int) floor (x / side), cy = (int) floor (y / side);
      gint64 *key = &g_array_index (keys, gint64, i);
      gpointer found_index;
      guint index;
      Cell *c;

      *key = cell_key (cx, cy);
      if (g_hash_table_lookup_extended (cell_index, key, NULL, &found_index))
        index = GPOINTER_TO_UINT (found_index);
      else
        {
          Cell fresh = { *key, (cx + 0.5) * side, (cy + 0.5) * side, 0,
                         cx * side / kx + lon0, cy * side / ky + lat0,
                         (cx + 1) * side / kx + lon0, (cy + 1) * side / ky + lat0 };

          index = cells->len;
          g_array_append_val (cells, fresh);
          g_hash_table_insert (cell_index, key, GUINT_TO_POINTER (index));
        }
      c = &g_array_index (cells, Cell, index);
      if (o->model == SM_SCAN_POISSON)
        {
          g_autofree char *part = facts[i].settlement_part == NULL ? NULL :
            g_strdup_printf ("%s\x1f%s", facts[i].settlement ? facts[i].settlement : "",
                             facts[i].settlement_part);
          double *r = part ? g_hash_table_lookup (per, part) : NULL;

          c->population += r ? *r : fallback;
        }
      else
        c->population += 1;
      g_hash_table_insert (cell_of_household, (gpointer) &h->household_id, GUINT_TO_POINTER (index));
    }

  /* The needs to scan */
  if (chosen != NULL && chosen->len > 0)
    g_array_append_vals (categories, chosen->data, chosen->len);
  else
    {
      g_autoptr(GPtrArray) all = sm_store_list_categories (store);

      for (guint i = 0; all != NULL && i < all->len; i++)
        g_array_append_val (categories, ((SmCategory *) g_ptr_array_index (all, i))->id);
    }

  locations = g_new0 (SmScanLocation, MAX (cells->len, 1));
  for (guint k = 0; k < categories->len; k++)
    {
      gint64 category = g_array_index (categories, gint64, k);
      g_autoptr(SmFilter) one = sm_filter_copy (filter);
      g_autoptr(GArray) hits = NULL;
      g_autoptr(GPtrArray) clusters = NULL;
      g_autofree gint *cell_of_hit = NULL;
      g_autofree SmHouseholdFacts *hit_facts = NULL;
      SmScanOptions scan = { o->model, o->replications, o->seed + (guint32) k, o->max_radius_m,
                             o->max_share, 10, alpha };

      sm_filter_set_categories (one, &category, 1);
      hits = sm_store_query (store, one, error);
      if (hits == NULL)
        return NULL;
      if (hits->len == 0)
        continue;
      cell_of_hit = g_new (gint, hits->len);
      for (guint i = 0; i < cells->len; i++)
        {
          const Cell *c = &g_array_index (cells, Cell, i);

          locations[i] = (SmScanLocation) { c->x, c->y, c->population, 0 };
        }
      for (guint i = 0; i < hits->len; i++)
        {
          gint64 id = g_array_index (hits, SmCaseHit, i).household_id;
          gpointer index;

          cell_of_hit[i] = -1;
          if (!g_hash_table_lookup_extended (cell_of_household, &id, NULL, &index))
            continue;
          cell_of_hit[i] = (gint) GPOINTER_TO_UINT (index);
          locations[cell_of_hit[i]].cases += 1;
        }
      clusters = sm_scan (locations, cells->len, &scan, cancellable, error);
      if (clusters == NULL)
        return NULL;
      for (guint c = 0; c < clusters->len; c++)
        {
          const SmScanCluster *cl = g_ptr_array_index (clusters, c);
          g_autofree gboolean *in_cluster = NULL;
          SmExcess *e;

          /* A cluster weaker than any alpha could keep after correction. */
          if (cl->p >= alpha)
            continue;
          if (hit_facts == NULL)
            {
              hit_facts = sm_store_get_hit_facts (store, hits, error);
              if (hit_facts == NULL)
                return NULL;
            }
          e = g_new0 (SmExcess, 1);
          e->category = category;
          e->radius_m = cl->radius_m;
          e->cases = (guint) cl->cases;
          e->population = cl->population;
          e->expected = cl->expected;
          e->relative_risk = cl->relative_risk;
          e->p = cl->p;
          e->n_cells = cl->members->len;
          e->west = e->south = G_MAXDOUBLE;
          e->east = e->north = -G_MAXDOUBLE;
          in_cluster = g_new0 (gboolean, cells->len);
          for (guint m = 0; m < cl->members->len; m++)
            {
              guint index = g_array_index (cl->members, guint, m);
              const Cell *cell = &g_array_index (cells, Cell, index);

              in_cluster[index] = TRUE;
              e->west = MIN (e->west, cell->west);
              e->south = MIN (e->south, cell->south);
              e->east = MAX (e->east, cell->east);
              e->north = MAX (e->north, cell->north);
            }
          describe (e, hits, hit_facts, cell_of_hit, in_cluster);
          g_ptr_array_add (found, e);
          if (c == 0)
            g_ptr_array_add (primaries, e);
        }
    }
  correct (found, primaries, categories->len, alpha);
  g_ptr_array_sort (found, compare_excess);
  return g_steal_pointer (&found);
}

/* --- on a worker thread ---------------------------------------------- */

typedef struct {
  char            *db_path;
  SmFilter        *filter;
  SmExcessOptions  options;
} ExcessJob;

static void
excess_job_free (ExcessJob *job)
{
  g_free (job->db_path);
  g_clear_object (&job->filter);
  g_free (job);
}

static void
excess_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExcessJob *job = data;
  GError *error = NULL;
  g_autoptr(SmStore) store = sm_store_open (job->db_path, &error);
  GPtrArray *found = store ? sm_find_excess (store, job->filter, &job->options, cancellable, &error)
                           : NULL;

  if (found == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * sm_find_excess_async:
 *
 * sm_find_excess() on a worker thread with a connection of its own to the
 * store's file; @filter is copied as it is now.
 */
void
sm_find_excess_async (SmStore                *store,
                      SmFilter               *filter,
                      const SmExcessOptions  *options,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ExcessJob *job = g_new0 (ExcessJob, 1);

  job->db_path = g_strdup (sm_store_get_path (store));
  job->filter = sm_filter_copy (filter);
  if (options != NULL)
    job->options = *options;
  g_task_set_source_tag (task, sm_find_excess_async);
  g_task_set_task_data (task, job, (GDestroyNotify) excess_job_free);
  g_task_run_in_thread (task, excess_thread);
}

/**
 * sm_find_excess_finish:
 *
 * Returns: (transfer full) (element-type SmExcess): the clusters, or %NULL
 *   with @error (cancelled included)
 */
GPtrArray *
sm_find_excess_finish (SmStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
