/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Settlement parts (the gazetteer's names, populations and anchors) and
 * the boundaries of settlements, parts, districts and other areas. */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <sqlite3.h>

#include "sm-store-places.h"
#include "sm-store-private.h"

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/**
 * sm_store_list_parts:
 * @settlement: (nullable): only this settlement's parts
 *
 * Returns: (transfer full) (element-type SmSettlementPart): the settlement
 *   parts in the order they were stored
 */
GPtrArray *
sm_store_list_parts (SmStore     *store,
                     const char  *settlement,
                     GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, ksh_code, settlement, name, postal_code, kind, population, dwellings,"
    " anchor_lat, anchor_lon, anchor_quality FROM settlement_part"
    " WHERE ?1 IS NULL OR settlement = ?1 ORDER BY id", error);
  g_autoptr(GPtrArray) parts = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_settlement_part_free);
  _sm_bind_text_or_null (stmt, 1, settlement);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmSettlementPart *p = g_new0 (SmSettlementPart, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->ksh_code = column_text (stmt, 1);
      p->settlement = column_text (stmt, 2);
      p->name = column_text (stmt, 3);
      p->postal_code = column_text (stmt, 4);
      p->kind = column_text (stmt, 5);
      p->population = _sm_store_column_int_or (stmt, 6, -1);
      p->dwellings = _sm_store_column_int_or (stmt, 7, -1);
      p->has_anchor = sqlite3_column_type (stmt, 8) != SQLITE_NULL &&
                      sqlite3_column_type (stmt, 9) != SQLITE_NULL;
      p->anchor_lat = sqlite3_column_double (stmt, 8);
      p->anchor_lon = sqlite3_column_double (stmt, 9);
      p->anchor_quality = column_text (stmt, 10);
      g_ptr_array_add (parts, p);
    }
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&parts) : NULL;
}

/**
 * sm_store_add_settlement_part:
 *
 * Adds a part of the gazetteer. Returns: its id, or 0
 */
gint64
sm_store_add_settlement_part (SmStore                 *store,
                              const SmSettlementPart  *part,
                              GError                 **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT INTO settlement_part (ksh_code, settlement, name, postal_code, kind, population,"
    " dwellings, anchor_lat, anchor_lon, anchor_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, part->ksh_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, part->settlement, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, part->name, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 4, part->postal_code);
  _sm_bind_text_or_null (stmt, 5, part->kind);
  if (part->population >= 0)
    sqlite3_bind_int64 (stmt, 6, part->population);
  else
    sqlite3_bind_null (stmt, 6);
  if (part->dwellings >= 0)
    sqlite3_bind_int64 (stmt, 7, part->dwellings);
  else
    sqlite3_bind_null (stmt, 7);
  if (part->has_anchor)
    {
      sqlite3_bind_double (stmt, 8, part->anchor_lat);
      sqlite3_bind_double (stmt, 9, part->anchor_lon);
    }
  else
    {
      sqlite3_bind_null (stmt, 8);
      sqlite3_bind_null (stmt, 9);
    }
  _sm_bind_text_or_null (stmt, 10, part->anchor_quality);
  if (!_sm_store_run_action (store, stmt, error))
    return 0;
  return _sm_store_last_insert_id (store);
}

/**
 * sm_store_list_boundary_records:
 * @level: (nullable): only areas of this level
 * @name: (nullable): only areas of this name
 *
 * Returns: (transfer full) (element-type SmBoundaryRecord): the stored
 *   areas in the order they were stored
 */
GPtrArray *
sm_store_list_boundary_records (SmStore     *store,
                                const char  *level,
                                const char  *name,
                                GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, name, level, ksh_code, population, geometry, min_lon, min_lat, max_lon, max_lat,"
    " source FROM boundary WHERE (?1 IS NULL OR level = ?1) AND (?2 IS NULL OR name = ?2)"
    " ORDER BY id", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_boundary_record_free);
  _sm_bind_text_or_null (stmt, 1, level);
  _sm_bind_text_or_null (stmt, 2, name);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmBoundaryRecord *b = g_new0 (SmBoundaryRecord, 1);

      b->id = sqlite3_column_int64 (stmt, 0);
      b->name = column_text (stmt, 1);
      b->level = column_text (stmt, 2);
      b->ksh_code = column_text (stmt, 3);
      b->population = _sm_store_column_int_or (stmt, 4, -1);
      b->geometry = g_bytes_new (sqlite3_column_blob (stmt, 5), (gsize) sqlite3_column_bytes (stmt, 5));
      b->min_lon = sqlite3_column_double (stmt, 6);
      b->min_lat = sqlite3_column_double (stmt, 7);
      b->max_lon = sqlite3_column_double (stmt, 8);
      b->max_lat = sqlite3_column_double (stmt, 9);
      b->source = column_text (stmt, 10);
      g_ptr_array_add (list, b);
    }
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * sm_store_list_boundary_levels:
 * @min_names: how many differently named areas a level needs
 *
 * Returns: (transfer full): the levels, as a %NULL-terminated array
 */
char **
sm_store_list_boundary_levels (SmStore  *store,
                               guint     min_names,
                               GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT level FROM boundary GROUP BY level"
                                                 " HAVING count(DISTINCT name) >= ?", error);
  g_autoptr(GStrvBuilder) levels = NULL;

  if (stmt == NULL)
    return NULL;
  levels = g_strv_builder_new ();
  sqlite3_bind_int (stmt, 1, (int) min_names);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (levels, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (levels);
}

/**
 * sm_store_add_boundary:
 *
 * Stores an area; its box is taken from the record. Returns: its id, or 0
 */
gint64
sm_store_add_boundary (SmStore                 *store,
                       const SmBoundaryRecord  *b,
                       GError                 **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT INTO boundary (name, level, ksh_code, population, geometry, min_lon, min_lat,"
    " max_lon, max_lat, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  gsize size = 0;
  gconstpointer wkb = b->geometry != NULL ? g_bytes_get_data (b->geometry, &size) : NULL;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, b->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b->level, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 3, b->ksh_code);
  if (b->population >= 0)
    sqlite3_bind_int64 (stmt, 4, b->population);
  else
    sqlite3_bind_null (stmt, 4);
  if (wkb != NULL)
    sqlite3_bind_blob (stmt, 5, wkb, (int) size, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_double (stmt, 6, b->min_lon);
  sqlite3_bind_double (stmt, 7, b->min_lat);
  sqlite3_bind_double (stmt, 8, b->max_lon);
  sqlite3_bind_double (stmt, 9, b->max_lat);
  _sm_bind_text_or_null (stmt, 10, b->source);
  if (!_sm_store_run_action (store, stmt, error))
    return 0;
  return _sm_store_last_insert_id (store);
}

/**
 * sm_store_delete_boundaries:
 *
 * Deletes the areas of @level that came from @source.
 */
gboolean
sm_store_delete_boundaries (SmStore     *store,
                            const char  *level,
                            const char  *source,
                            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "DELETE FROM boundary WHERE level = ? AND source = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, level, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, source, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (store, stmt, error);
}
