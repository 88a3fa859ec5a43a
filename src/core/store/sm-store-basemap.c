/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <sqlite3.h>

#include "sm-store-basemap.h"
#include "sm-store-private.h"

gboolean
sm_store_has_basemap (SmStore *store)
{
  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  return sm_store_count (store, "basemap_feature") > 0;
}

/* Removes the extract's features and addresses; a register's addresses
 * stay. Part of the caller's action. */
gboolean
sm_store_clear_basemap (SmStore  *store,
                        GError  **error)
{
  return _sm_store_exec (store, "DELETE FROM basemap_feature; DELETE FROM basemap_rtree; "
                                "DELETE FROM basemap_address WHERE source = 'osm';", error);
}

/**
 * sm_store_add_basemap_feature:
 * @geometry: the packed geometry
 *
 * @level: 0 on the ground, negative below (tunnels), positive above
 *   (bridges, layer=*)
 *
 * Stores a feature with its box and the first zoom that draws it.
 */
gboolean
sm_store_add_basemap_feature (SmStore     *store,
                              int          klass,
                              const char  *name,
                              GBytes      *geometry,
                              double       west,
                              double       south,
                              double       east,
                              double       north,
                              int          min_zoom,
                              int          level,
                              GError     **error)
{
  sqlite3_stmt *feature = _sm_store_prepare (store, "INSERT INTO basemap_feature (class, name, geom, level)"
                                                    " VALUES (?, ?, ?, ?)", error);
  sqlite3_stmt *box;
  gint64 id;

  if (feature == NULL)
    return FALSE;
  sqlite3_bind_int (feature, 1, klass);
  _sm_bind_text_or_null (feature, 2, name);
  sqlite3_bind_blob (feature, 3, g_bytes_get_data (geometry, NULL), (int) g_bytes_get_size (geometry),
                     SQLITE_STATIC);
  sqlite3_bind_int (feature, 4, level);
  if (!_sm_store_step_done (store, feature, error))
    return FALSE;
  id = _sm_store_last_insert_id (store);

  box = _sm_store_prepare (store, "INSERT INTO basemap_rtree VALUES (?, ?, ?, ?, ?, ?, 30)", error);
  if (box == NULL)
    return FALSE;
  sqlite3_bind_int64 (box, 1, id);
  sqlite3_bind_double (box, 2, west);
  sqlite3_bind_double (box, 3, east);
  sqlite3_bind_double (box, 4, south);
  sqlite3_bind_double (box, 5, north);
  sqlite3_bind_int (box, 6, min_zoom);
  return _sm_store_step_done (store, box, error);
}

/* Calls @func for every named feature whose class lies in the range. */
gboolean
sm_store_each_basemap_feature (SmStore               *store,
                               int                    min_class,
                               int                    max_class,
                               SmBasemapFeatureFunc   func,
                               gpointer               user_data,
                               GError               **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT class, name, geom, level FROM basemap_feature"
    " WHERE name IS NOT NULL AND class BETWEEN ? AND ?",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, min_class);
  sqlite3_bind_int (stmt, 2, max_class);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 3),
          (const char *) sqlite3_column_text (stmt, 1), sqlite3_column_blob (stmt, 2),
          (gsize) sqlite3_column_bytes (stmt, 2), user_data);
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The box of the features drawn from @min_zoom on. Returns: %FALSE when
 * there is no basemap */
gboolean
sm_store_get_basemap_extent (SmStore *store,
                             int      min_zoom,
                             double  *west,
                             double  *south,
                             double  *east,
                             double  *north)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  stmt = _sm_store_prepare (store, "SELECT min(min_lon), min(min_lat), max(max_lon), max(max_lat)"
                                   " FROM basemap_rtree WHERE min_zoom >= ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, min_zoom);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      *west = sqlite3_column_double (stmt, 0);
      *south = sqlite3_column_double (stmt, 1);
      *east = sqlite3_column_double (stmt, 2);
      *north = sqlite3_column_double (stmt, 3);
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
sm_store_add_reference_address (SmStore                   *store,
                                const SmReferenceAddress  *a,
                                GError                   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT INTO basemap_address (street, housenumber, postcode, city, lat, lon, source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  _sm_bind_text_or_null (stmt, 1, a->street);
  sqlite3_bind_text (stmt, 2, a->housenumber, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 3, a->postcode);
  _sm_bind_text_or_null (stmt, 4, a->city);
  sqlite3_bind_double (stmt, 5, a->lat);
  sqlite3_bind_double (stmt, 6, a->lon);
  sqlite3_bind_text (stmt, 7, a->source != NULL ? a->source : "osm", -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (store, stmt, error);
}

/* Calls @func for every reference address on a street (or place). */
gboolean
sm_store_each_reference_address (SmStore                 *store,
                                 SmReferenceAddressFunc   func,
                                 gpointer                 user_data,
                                 GError                 **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, street, housenumber, postcode, city, lat, lon, source FROM basemap_address"
    " WHERE street IS NOT NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmReferenceAddress a = {
        .id = sqlite3_column_int64 (stmt, 0),
        .street = (const char *) sqlite3_column_text (stmt, 1),
        .housenumber = (const char *) sqlite3_column_text (stmt, 2),
        .postcode = (const char *) sqlite3_column_text (stmt, 3),
        .city = (const char *) sqlite3_column_text (stmt, 4),
        .lat = sqlite3_column_double (stmt, 5),
        .lon = sqlite3_column_double (stmt, 6),
        .source = (const char *) sqlite3_column_text (stmt, 7),
      };

      func (&a, user_data);
    }
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}
