#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-catchments.h"
#include "sm-store-private.h"

void
sm_service_area_record_free (SmServiceAreaRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->name);
  g_clear_pointer (&r->geometry, g_bytes_unref);
  g_free (r);
}

/**
 * sm_store_add_service_area:
 * @record: the service, a name, and either a boundary's id or a polygon's
 *   WKB with its bounding box (the caller has read it: see
 *   sm_coverage_add_area())
 *
 * Returns: the area's id, or 0 with @error
 */
gint64
sm_store_add_service_area (SmStore                   *store,
                           const SmServiceAreaRecord *r,
                           GError                   **error)
{
  sqlite3_stmt *stmt;
  gsize size = 0;
  gconstpointer wkb = r->geometry != NULL ? g_bytes_get_data (r->geometry, &size) : NULL;

  if ((r->boundary_id != 0) == (wkb != NULL && size > 0))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A catchment area is a boundary of the database or a polygon of its own"));
      return 0;
    }
  stmt = _sm_store_prepare (store,
    "INSERT INTO service_area (service_id, name, boundary_id, geometry, min_lon, min_lat, max_lon, max_lat)"
    " SELECT s.id, coalesce (?2, b.name), b.id, ?4,"
    "   coalesce (b.min_lon, ?5), coalesce (b.min_lat, ?6), coalesce (b.max_lon, ?7), coalesce (b.max_lat, ?8)"
    " FROM service AS s LEFT JOIN boundary AS b ON b.id = ?3 WHERE s.id = ?1 AND (?3 IS NULL OR b.id IS NOT NULL)",
    error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, r->service_id);
  _sm_bind_text_or_null (stmt, 2, r->name);
  if (r->boundary_id != 0)
    sqlite3_bind_int64 (stmt, 3, r->boundary_id);
  else
    {
      sqlite3_bind_blob (stmt, 4, wkb, (int) size, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 5, r->west);
      sqlite3_bind_double (stmt, 6, r->south);
      sqlite3_bind_double (stmt, 7, r->east);
      sqlite3_bind_double (stmt, 8, r->north);
    }
  if (!_sm_store_run_action (store, stmt, error))
    return 0;
  if (sqlite3_changes (_sm_store_get_db (store)) == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, r->boundary_id != 0
                   ? _("There is no service %lld or no boundary %lld")
                   : _("There is no service %lld"), (long long) r->service_id, (long long) r->boundary_id);
      return 0;
    }
  return _sm_store_last_insert_id (store);
}

static gpointer
read_area (sqlite3_stmt *stmt)
{
  SmServiceAreaRecord *r = g_new0 (SmServiceAreaRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->service_id = sqlite3_column_int64 (stmt, 1);
  r->name = _sm_store_column_dup (stmt, 2);
  r->boundary_id = sqlite3_column_int64 (stmt, 3);
  r->geometry = g_bytes_new (sqlite3_column_blob (stmt, 4), (gsize) sqlite3_column_bytes (stmt, 4));
  r->west = sqlite3_column_double (stmt, 5);
  r->south = sqlite3_column_double (stmt, 6);
  r->east = sqlite3_column_double (stmt, 7);
  r->north = sqlite3_column_double (stmt, 8);
  return r;
}

/**
 * sm_store_list_service_areas:
 * @service_id: one service's; 0: every service's
 *
 * Returns: (transfer full) (element-type SmServiceAreaRecord): by service,
 *   then as added
 */
GPtrArray *
sm_store_list_service_areas (SmStore  *store,
                             gint64    service_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT a.id, a.service_id, a.name, a.boundary_id, coalesce (a.geometry, b.geometry),"
    " a.min_lon, a.min_lat, a.max_lon, a.max_lat"
    " FROM service_area AS a LEFT JOIN boundary AS b ON b.id = a.boundary_id"
    " WHERE ?1 = 0 OR a.service_id = ?1 ORDER BY a.service_id, a.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  return _sm_store_read_rows (store, stmt, read_area, (GDestroyNotify) sm_service_area_record_free, error);
}

gboolean
sm_store_remove_service_area (SmStore  *store,
                              gint64    id,
                              GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM service_area WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (store, stmt, _("catchment area"), id, error);
}
