#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include "sm-store-private.h"

/* The store's own bookkeeping: key-value settings of the database, the
 * column mappings remembered per import file layout, and row counts. */

gint64
sm_store_count (SmStore    *self,
                const char *table)
{
  static const char * const allowed[] = {
    "household", "person", "need", "elderly_assessment", "organization", "service",
    "location", "service_at_location", "boundary", "settlement_part", "need_category",
    "service_type", "household_rtree", "location_rtree", "boundary_rtree",
    "need_history", "basemap_feature", "basemap_rtree", "basemap_address", "geocode_review", "import_layout",
    "signal", "signal_step", "case_file", "intervention", "conference",
    "referral", "referral_step", "survey_response", "survey_answer", "question", "questionnaire",
    "service_capacity", "service_area", "service_schedule", "need_service", "workday_exception",
    NULL,
  };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (SM_IS_STORE (self), -1);
  g_return_val_if_fail (g_strv_contains (allowed, table), -1);

  /* The table name comes from the fixed list above, never from input. */
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  if (sqlite3_prepare_v2 (_sm_store_get_db (self), sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gboolean
sm_store_get_meta (SmStore     *self,
                   const char  *key,
                   char       **value)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* The column mapping remembered for a file layout, or NULL. */
char *
sm_store_get_import_layout (SmStore    *self,
                            const char *signature)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "SELECT mapping FROM import_layout WHERE signature = ?",
                                          NULL);
  char *mapping = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mapping = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return mapping;
}

gboolean
sm_store_set_import_layout (SmStore     *self,
                            const char  *signature,
                            const char  *mapping,
                            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self,
    "INSERT INTO import_layout (signature, mapping) VALUES (?, ?)"
    " ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = unixepoch()",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (self, stmt, error);
}

gboolean
sm_store_set_meta (SmStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value)"
                                                " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (self, stmt, error);
}
