#define G_LOG_DOMAIN "sm-query"

#include "config.h"

#include "sm-date.h"
#include "sm-query.h"
#include "sm-store-private.h"

/* Every need of a placed household, packed and sorted by household, is
 * small enough to hold in memory (about 40 bytes a need) and to scan in well
 * under a millisecond per 100,000 needs: faster than any index walk for the
 * filters the map asks, and it keeps the file small. The table is rebuilt
 * from the store when the store's generation moves. */

typedef struct {
  double  lon;
  double  lat;
  gint64  household;
  gint32  category;
  gint32  first_day;   /* assessed */
  gint32  end_day;     /* resolved, or far in the future while open */
  gint32  severity;
} NeedRow;

typedef struct {
  guint64  generation;
  GArray  *rows;       /* NeedRow */
} CaseTable;

#define OPEN_END_DAY G_MAXINT32

static GQuark
case_table_quark (void)
{
  return g_quark_from_static_string ("sm-case-table");
}

static void
case_table_free (gpointer data)
{
  CaseTable *table = data;

  g_array_unref (table->rows);
  g_free (table);
}

static CaseTable *
get_case_table (SmStore  *store,
                GError  **error)
{
  CaseTable *table = g_object_get_qdata (G_OBJECT (store), case_table_quark ());
  guint64 generation = _sm_store_get_generation (store);
  sqlite3_stmt *stmt;
  int rc;

  if (table != NULL && table->generation == generation)
    return table;

  stmt = _sm_store_prepare (store,
    "SELECT n.household_id, h.lon, h.lat, n.category_id, n.severity,"
    " CAST(julianday(n.assessed_on) - 2440587.5 AS INTEGER),"
    " CAST(julianday(n.resolved_on) - 2440587.5 AS INTEGER)"
    " FROM need n JOIN household h ON h.id = n.household_id"
    " WHERE h.lat IS NOT NULL ORDER BY n.household_id", error);
  if (stmt == NULL)
    return NULL;

  table = g_new0 (CaseTable, 1);
  table->generation = generation;
  table->rows = g_array_new (FALSE, FALSE, sizeof (NeedRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NeedRow row = {
        .household = sqlite3_column_int64 (stmt, 0),
        .lon = sqlite3_column_double (stmt, 1),
        .lat = sqlite3_column_double (stmt, 2),
        .category = sqlite3_column_int (stmt, 3),
        .severity = sqlite3_column_int (stmt, 4),
        .first_day = sqlite3_column_int (stmt, 5),
        .end_day = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? OPEN_END_DAY
                                                                 : sqlite3_column_int (stmt, 6),
      };
      g_array_append_val (table->rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      case_table_free (table);
      return NULL;
    }

  g_object_set_qdata_full (G_OBJECT (store), case_table_quark (), table, case_table_free);
  return table;
}

/**
 * sm_store_query:
 *
 * A need matches when its household lies inside the filter's box, its
 * category is chosen, it is at least as severe as asked, and it was open on
 * the filter's day: assessed on or before it and not resolved by it.
 *
 * Returns: (transfer full): an array of #SmCaseHit, one per household with
 *   at least one matching need, in household order
 */
GArray *
sm_store_query (SmStore   *store,
                SmFilter  *filter,
                GError   **error)
{
  g_autoptr(GArray) hits = NULL;
  const GArray *cats = sm_filter_get_categories (filter);
  double west = -180, south = -90, east = 180, north = 90;
  guint64 category_mask = 0;
  gboolean all_categories = cats->len == 0;
  gboolean masked = TRUE;
  const NeedRow *rows;
  CaseTable *table;
  int day, min_severity;
  GDate as_of;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);
  g_return_val_if_fail (SM_IS_FILTER (filter), NULL);

  table = get_case_table (store, error);
  if (table == NULL)
    return NULL;

  sm_filter_get_bbox (filter, &west, &south, &east, &north);
  sm_filter_get_as_of (filter, &as_of);
  day = sm_date_to_epoch_day (&as_of);
  min_severity = sm_filter_get_min_severity (filter);
  for (guint i = 0; i < cats->len; i++)
    {
      gint64 id = g_array_index (cats, gint64, i);
      if (id >= 0 && id < 64)
        category_mask |= G_GUINT64_CONSTANT (1) << id;
      else
        masked = FALSE;
    }

  hits = g_array_new (FALSE, FALSE, sizeof (SmCaseHit));
  rows = (const NeedRow *) table->rows->data;
  for (guint i = 0; i < table->rows->len; i++)
    {
      const NeedRow *r = &rows[i];
      SmCaseHit *last;

      if (r->first_day > day || r->end_day <= day || r->severity < min_severity ||
          r->lon < west || r->lon > east || r->lat < south || r->lat > north)
        continue;
      if (!all_categories &&
          !(masked ? (r->category < 64 && (category_mask >> r->category) & 1)
                   : sm_filter_has_category (filter, r->category)))
        continue;

      last = hits->len ? &g_array_index (hits, SmCaseHit, hits->len - 1) : NULL;
      if (last != NULL && last->household_id == r->household)
        {
          last->n_needs++;
          if (r->severity > last->max_severity ||
              (r->severity == last->max_severity && r->category < last->main_category))
            {
              last->max_severity = r->severity;
              last->main_category = r->category;
            }
          continue;
        }

      SmCaseHit hit = {
        .household_id = r->household,
        .lat = r->lat,
        .lon = r->lon,
        .main_category = r->category,
        .max_severity = r->severity,
        .n_needs = 1,
      };
      g_array_append_val (hits, hit);
    }
  return g_steal_pointer (&hits);
}
