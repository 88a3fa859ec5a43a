#define G_LOG_DOMAIN "sm-stats"

#include "config.h"

#include "sm-date.h"
#include "sm-stats.h"
#include "sm-store-private.h"

/* A need is open on D when it was assessed on or before D and not resolved
 * by D: the same rule as the need index in sm-query.c. */
#define OPEN_ON_1 "n.assessed_on <= ?1 AND (n.resolved_on IS NULL OR n.resolved_on > ?1)"

static void
row_free (SmStatsRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

void
sm_stats_free (SmStats *stats)
{
  g_free (stats->as_of);
  g_ptr_array_unref (stats->by_category);
  g_ptr_array_unref (stats->by_severity);
  g_ptr_array_unref (stats->by_part);
  g_free (stats);
}

/* Runs a grouping query: ?1 is the day, ?2 (where used) asks for Hungarian
 * labels. */
static gboolean
collect (SmStore     *store,
         const char  *sql,
         const char  *as_of,
         gboolean     hungarian,
         GPtrArray   *rows,
         GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int (stmt, 2, hungarian);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmStatsRow *row = g_new0 (SmStatsRow, 1);

      row->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      row->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->needs = sqlite3_column_int64 (stmt, 2);
      row->households = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      return FALSE;
    }
  return TRUE;
}

static gint64
scalar (SmStore    *store,
        const char *sql,
        const char *as_of)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, sql, NULL);
  gint64 value = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, as_of, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/**
 * sm_stats_compute:
 * @as_of: (nullable): the day; %NULL for today
 * @hungarian: label categories with their Hungarian names
 *
 * Counts open needs on @as_of by category, severity and settlement part.
 * The counts are exact: hiding small numbers is the caller's business.
 */
SmStats *
sm_stats_compute (SmStore      *store,
                  const GDate  *as_of,
                  gboolean      hungarian,
                  GError      **error)
{
  g_autoptr(SmStats) stats = g_new0 (SmStats, 1);

  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  stats->as_of = as_of ? sm_date_to_iso (as_of) : sm_date_today_iso ();
  stats->by_category = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  stats->by_severity = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  stats->by_part = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  if (!collect (store,
                "SELECT c.code, iif(?2, c.name_hu, c.name_en), count(n.id),"
                " count(DISTINCT n.household_id)"
                " FROM need_category c LEFT JOIN need n ON n.category_id = c.id AND " OPEN_ON_1
                " GROUP BY c.id ORDER BY c.sort_order, c.id",
                stats->as_of, hungarian, stats->by_category, error) ||
      !collect (store,
                "WITH s (severity) AS (VALUES (1), (2), (3))"
                " SELECT s.severity, s.severity, count(n.id), count(DISTINCT n.household_id)"
                " FROM s LEFT JOIN need n ON n.severity = s.severity AND " OPEN_ON_1
                " GROUP BY s.severity ORDER BY s.severity",
                stats->as_of, FALSE, stats->by_severity, error) ||
      !collect (store,
                "SELECT coalesce(h.settlement, '') || ' / ' || coalesce(h.settlement_part, ''),"
                " coalesce(h.settlement, '') || ' / ' || coalesce(h.settlement_part, ''),"
                " count(n.id), count(DISTINCT n.household_id)"
                " FROM need n JOIN household h ON h.id = n.household_id WHERE " OPEN_ON_1
                " GROUP BY 1 ORDER BY 1",
                stats->as_of, FALSE, stats->by_part, error))
    return NULL;

  stats->households_total = scalar (store, "SELECT count(*) FROM household", NULL);
  stats->persons_total = scalar (store, "SELECT count(*) FROM person", NULL);
  stats->open_needs = scalar (store, "SELECT count(*) FROM need n WHERE " OPEN_ON_1,
                              stats->as_of);
  stats->households_with_needs = scalar (store, "SELECT count(DISTINCT household_id) FROM need n"
                                                " WHERE " OPEN_ON_1, stats->as_of);
  return g_steal_pointer (&stats);
}

/**
 * sm_store_count_need_flow:
 * @from: the first day
 * @to: the last day
 * @opened: (out): needs assessed from @from to @to
 * @resolved: (out): needs resolved then
 * @households_opened: (out) (optional): households with a need assessed then
 *
 * Counts exactly: hiding small numbers is the caller's business.
 */
gboolean
sm_store_count_need_flow (SmStore     *store,
                          const char  *from,
                          const char  *to,
                          gint64      *opened,
                          gint64      *resolved,
                          gint64      *households_opened,
                          GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT count(*) FILTER (WHERE assessed_on BETWEEN ?1 AND ?2),"
    " count(*) FILTER (WHERE resolved_on BETWEEN ?1 AND ?2),"
    " count(DISTINCT household_id) FILTER (WHERE assessed_on BETWEEN ?1 AND ?2)"
    " FROM need WHERE assessed_on <= ?2 AND (resolved_on IS NULL OR resolved_on >= ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sm_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *opened = sqlite3_column_int64 (stmt, 0);
  *resolved = sqlite3_column_int64 (stmt, 1);
  if (households_opened != NULL)
    *households_opened = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The last day the records speak of: a need assessed or resolved, a
 * signal received, a referral sent; NULL for an empty store. */
char *
sm_store_get_latest_day (SmStore *store)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT max (d) FROM (SELECT max (assessed_on) AS d FROM need UNION ALL SELECT max (resolved_on) FROM need"
    " UNION ALL SELECT max (substr (received_at, 1, 10)) FROM signal UNION ALL SELECT max (sent_on) FROM referral)",
    NULL);
  char *day = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return day;
}

/**
 * sm_store_count_open_on:
 * @day: YYYY-MM-DD
 * @households: (out): households with at least one need open on @day
 * @needs: (out) (optional): the needs open on @day
 *
 * Counts exactly: hiding small numbers is the caller's business.
 */
gboolean
sm_store_count_open_on (SmStore     *store,
                        const char  *day,
                        gint64      *households,
                        gint64      *needs,
                        GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT count (DISTINCT household_id), count (*) FROM need n WHERE " OPEN_ON_1, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sm_store_set_error (store, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  *households = sqlite3_column_int64 (stmt, 0);
  if (needs != NULL)
    *needs = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
