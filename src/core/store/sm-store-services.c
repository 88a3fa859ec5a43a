/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-text.h"
#include "sm-store-private.h"
#include "sm-store-services.h"

/* Organizations, services and the locations where they are offered. */

static const char * const organization_kinds[] = {
  "municipal", "state", "church", "foundation", "ngo", NULL
};

gint64
sm_store_add_organization (SmStore              *self,
                           const SmOrganization *o,
                           GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (o->name == NULL || *o->name == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "name");
      return 0;
    }
  if (!_sm_store_check_one_of ("kind", o->kind ? o->kind : "", organization_kinds, error))
    return 0;

  stmt = _sm_store_prepare (self,
    "INSERT INTO organization (name, kind, email, phone, url, description)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, o->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, o->kind, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 3, o->email);
  _sm_bind_text_or_null (stmt, 4, o->phone);
  _sm_bind_text_or_null (stmt, 5, o->url);
  _sm_bind_text_or_null (stmt, 6, o->description);
  return _sm_store_insert_returning_id (self, stmt, error);
}

gint64
sm_store_add_service (SmStore         *self,
                      const SmService *s,
                      GError         **error)
{
  static const char * const statuses[] = { "active", "inactive", "defunct", "temporarily_closed", "planned", NULL };
  sqlite3_stmt *stmt;
  sqlite3_stmt *type;
  gint64 type_id = 0;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!_sm_store_check_one_of ("status", s->status, statuses, error))
    return 0;
  if (s->age_min >= 0 && s->age_max >= 0 && s->age_max < s->age_min)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The age range %d–%d is empty"), s->age_min, s->age_max);
      return 0;
    }

  type = _sm_store_prepare (self, "SELECT id FROM service_type WHERE code = ?", error);
  if (type == NULL)
    return 0;
  sqlite3_bind_text (type, 1, s->service_type ? s->service_type : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (type) == SQLITE_ROW)
    type_id = sqlite3_column_int64 (type, 0);
  sqlite3_reset (type);
  if (type_id == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("Unknown service type “%s”"), s->service_type ? s->service_type : "");
      return 0;
    }

  stmt = _sm_store_prepare (self,
    "INSERT INTO service (organization_id, service_type_id, name, description, capacity,"
    " eligibility, age_min, age_max, status, url, fees, languages, contact_name, contact_phone, contact_email)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 'active'), ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, s->organization_id);
  sqlite3_bind_int64 (stmt, 2, type_id);
  _sm_bind_text_or_null (stmt, 3, s->name);
  _sm_bind_text_or_null (stmt, 4, s->description);
  if (s->capacity >= 0)
    sqlite3_bind_int (stmt, 5, s->capacity);
  _sm_bind_text_or_null (stmt, 6, s->eligibility);
  if (s->age_min >= 0)
    sqlite3_bind_int (stmt, 7, s->age_min);
  if (s->age_max >= 0)
    sqlite3_bind_int (stmt, 8, s->age_max);
  _sm_bind_text_or_null (stmt, 9, s->status);
  _sm_bind_text_or_null (stmt, 10, s->url);
  _sm_bind_text_or_null (stmt, 11, s->fees);
  _sm_bind_text_or_null (stmt, 12, s->languages);
  _sm_bind_text_or_null (stmt, 13, s->contact_name);
  _sm_bind_text_or_null (stmt, 14, s->contact_phone);
  _sm_bind_text_or_null (stmt, 15, s->contact_email);
  return _sm_store_insert_returning_id (self, stmt, error);
}

gint64
sm_store_add_location (SmStore          *self,
                       const SmLocation *l,
                       GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!_sm_store_check_location (l->has_location, l->lat, l->lon, error))
    return 0;
  stmt = _sm_store_prepare (self,
    "INSERT INTO location (organization_id, name, address_raw, postal_code, settlement, lat, lon,"
    " geocode_quality, accessibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  if (l->organization_id != 0)
    sqlite3_bind_int64 (stmt, 1, l->organization_id);
  _sm_bind_text_or_null (stmt, 2, l->name);
  _sm_bind_text_or_null (stmt, 3, l->address_raw);
  _sm_bind_text_or_null (stmt, 4, l->postal_code);
  _sm_bind_text_or_null (stmt, 5, l->settlement);
  if (l->has_location)
    {
      sqlite3_bind_double (stmt, 6, l->lat);
      sqlite3_bind_double (stmt, 7, l->lon);
    }
  sqlite3_bind_text (stmt, 8,
                     sm_geocode_quality_to_string (l->has_location ? l->quality : SM_GEOCODE_NONE),
                     -1, SQLITE_STATIC);
  _sm_bind_text_or_null (stmt, 9, l->accessibility);
  return _sm_store_insert_returning_id (self, stmt, error);
}

gboolean
sm_store_link_service_location (SmStore  *self,
                                gint64    service_id,
                                gint64    location_id,
                                GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "INSERT INTO service_at_location (service_id, location_id)"
                                  " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  return _sm_store_run_action (self, stmt, error);
}

/* --- status, capacity, places ----------------------------------------- */

void
sm_service_place_free (SmServicePlace *place)
{
  if (place == NULL)
    return;
  g_free (place->service_name);
  g_free (place->service_type);
  g_free (place->organization_name);
  g_free (place->organization_kind);
  g_free (place->location_name);
  g_free (place->address);
  g_free (place->status);
  g_free (place);
}

static gpointer
read_place (sqlite3_stmt *stmt)
{
  SmServicePlace *p = g_new0 (SmServicePlace, 1);

  p->service_id = sqlite3_column_int64 (stmt, 0);
  p->location_id = sqlite3_column_int64 (stmt, 1);
  p->service_name = _sm_store_column_dup (stmt, 2);
  p->service_type = _sm_store_column_dup (stmt, 3);
  p->organization_name = _sm_store_column_dup (stmt, 4);
  p->location_name = _sm_store_column_dup (stmt, 5);
  p->address = _sm_store_column_dup (stmt, 6);
  p->status = _sm_store_column_dup (stmt, 7);
  p->has_location = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
  p->lat = sqlite3_column_double (stmt, 8);
  p->lon = sqlite3_column_double (stmt, 9);
  p->available = _sm_store_column_int_or (stmt, 10, -1);
  p->maximum = _sm_store_column_int_or (stmt, 11, -1);
  p->waiting_list = _sm_store_column_int_or (stmt, 12, -1);
  p->organization_id = sqlite3_column_int64 (stmt, 13);
  p->organization_kind = _sm_store_column_dup (stmt, 14);
  return p;
}

/**
 * sm_store_list_service_places:
 * @need_category: (nullable): only the services whose type answers this
 *   need category (sm_store_list_need_services()); %NULL: every service
 *
 * Returns: (transfer full) (element-type SmServicePlace): each service at
 *   each of its locations (once with no location when it has none), by
 *   service name
 */
GPtrArray *
sm_store_list_service_places (SmStore     *store,
                              const char  *need_category,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  if (need_category != NULL && !_sm_store_need_is_known (store, need_category, error))
    return NULL;
  stmt = _sm_store_prepare (store,
    "SELECT s.id, l.id, s.name, t.code, o.name, l.name,"
    " coalesce (nullif (trim (l.address_raw), ''), l.settlement),"
    " s.status, l.lat, l.lon,"
    " (SELECT sum (available) FROM service_capacity WHERE service_id = s.id),"
    " (SELECT sum (maximum) FROM service_capacity WHERE service_id = s.id),"
    " s.waiting_list, o.id, o.kind"
    " FROM service AS s JOIN service_type AS t ON t.id = s.service_type_id"
    " JOIN organization AS o ON o.id = s.organization_id"
    " LEFT JOIN service_at_location AS sl ON sl.service_id = s.id"
    " LEFT JOIN location AS l ON l.id = sl.location_id"
    " WHERE ?1 IS NULL OR s.service_type_id IN (SELECT n.service_type_id FROM need_service AS n"
    "   JOIN need_category AS c ON c.id = n.category_id WHERE c.code = ?1)"
    " ORDER BY s.name, s.id, l.id", error);
  if (stmt == NULL)
    return NULL;
  _sm_bind_text_or_null (stmt, 1, need_category);
  return _sm_store_read_rows (store, stmt, read_place, (GDestroyNotify) sm_service_place_free, error);
}

gboolean
sm_store_set_service_status (SmStore     *store,
                             gint64       service_id,
                             const char  *status,
                             GError     **error)
{
  static const char * const statuses[] = { "active", "inactive", "defunct", "temporarily_closed", NULL };
  sqlite3_stmt *stmt;

  if (!_sm_store_check_one_of ("status", status, statuses, error))
    return FALSE;
  stmt = _sm_store_prepare (store, "UPDATE service SET status = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, service_id);
  return _sm_store_run_change (store, stmt, _("service"), service_id, error);
}

/* @waiting_list: how many wait; -1: not known */
gboolean
sm_store_set_service_waiting_list (SmStore  *store,
                                   gint64    service_id,
                                   int       waiting_list,
                                   GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "UPDATE service SET waiting_list = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (waiting_list >= 0)
    sqlite3_bind_int (stmt, 1, waiting_list);
  sqlite3_bind_int64 (stmt, 2, service_id);
  return _sm_store_run_change (store, stmt, _("service"), service_id, error);
}

/**
 * sm_store_set_service_capacity:
 * @unit: what is counted ("places", "meals a day", …); one capacity per unit
 * @maximum: -1: not known
 * @updated: the day the figures were true, "YYYY-MM-DD"
 *
 * HSDS 3.1's service_capacity: how many of @unit are free of @maximum.
 */
gboolean
sm_store_set_service_capacity (SmStore     *store,
                               gint64       service_id,
                               const char  *unit,
                               int          available,
                               int          maximum,
                               const char  *updated,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  if (sm_text_is_blank (unit))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say what the capacity counts (its unit)"));
      return FALSE;
    }
  if (available < 0 || (maximum >= 0 && available > maximum))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The free capacity must be between 0 and the maximum"));
      return FALSE;
    }
  if (!_sm_store_check_date (_("updated"), updated, FALSE, error))
    return FALSE;
  stmt = _sm_store_prepare (store,
    "INSERT INTO service_capacity (service_id, unit, available, maximum, updated)"
    " SELECT id, ?2, ?3, ?4, ?5 FROM service WHERE id = ?1"
    " ON CONFLICT (service_id, unit) DO UPDATE SET available = ?3, maximum = ?4, updated = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_text (stmt, 2, unit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, available);
  if (maximum >= 0)
    sqlite3_bind_int (stmt, 4, maximum);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, updated, -1, SQLITE_TRANSIENT);
  return _sm_store_run_change (store, stmt, _("service"), service_id, error);
}

/* --- which service answers which need --------------------------------- */

void
sm_need_service_free (SmNeedService *row)
{
  if (row == NULL)
    return;
  g_free (row->category);
  g_free (row->category_name);
  g_free (row->service_type);
  g_free (row->service_type_name);
  g_free (row);
}

static gpointer
read_need_service (sqlite3_stmt *stmt)
{
  SmNeedService *row = g_new0 (SmNeedService, 1);

  row->category = _sm_store_column_dup (stmt, 0);
  row->category_name = g_strdup (sm_localized_name ((const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2)));
  row->service_type = _sm_store_column_dup (stmt, 3);
  row->service_type_name = g_strdup (sm_localized_name ((const char *) sqlite3_column_text (stmt, 4),
                                                        (const char *) sqlite3_column_text (stmt, 5)));
  return row;
}

/* Returns: (transfer full) (element-type SmNeedService): in the categories'
 * order, then by service type name */
GPtrArray *
sm_store_list_need_services (SmStore  *store,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT c.code, c.name_hu, c.name_en, t.code, t.name_hu, t.name_en FROM need_service AS n"
    " JOIN need_category AS c ON c.id = n.category_id JOIN service_type AS t ON t.id = n.service_type_id"
    " ORDER BY c.sort_order, c.id, t.code", error);

  if (stmt == NULL)
    return NULL;
  return _sm_store_read_rows (store, stmt, read_need_service, (GDestroyNotify) sm_need_service_free, error);
}

/**
 * sm_store_set_need_service:
 * @answers: whether services of @service_type answer @category
 */
gboolean
sm_store_set_need_service (SmStore     *store,
                           const char  *category,
                           const char  *service_type,
                           gboolean     answers,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  sqlite3_stmt *type;
  gboolean known;

  if (!_sm_store_need_is_known (store, category, error))
    return FALSE;
  type = _sm_store_prepare (store, "SELECT 1 FROM service_type WHERE code = ?", error);
  if (type == NULL)
    return FALSE;
  sqlite3_bind_text (type, 1, service_type, -1, SQLITE_TRANSIENT);
  known = sqlite3_step (type) == SQLITE_ROW;
  sqlite3_reset (type);
  if (!known)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a service type"), service_type);
      return FALSE;
    }
  stmt = _sm_store_prepare (store, answers
    ? "INSERT OR IGNORE INTO need_service (category_id, service_type_id)"
      " SELECT c.id, t.id FROM need_category AS c, service_type AS t WHERE c.code = ? AND t.code = ?"
    : "DELETE FROM need_service WHERE category_id = (SELECT id FROM need_category WHERE code = ?)"
      " AND service_type_id = (SELECT id FROM service_type WHERE code = ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, service_type, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (store, stmt, error);
}

/* Returns: (transfer full) (nullable): the status of service @id, or %NULL
 *   with @error when there is none */
char *
sm_store_get_service_status (SmStore  *store,
                             gint64    service_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT status FROM service WHERE id = ?", error);
  char *status = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = _sm_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (status == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no service %lld"), (long long) service_id);
  return status;
}

void
sm_organization_free (SmOrganization *o)
{
  if (o == NULL)
    return;
  g_free (o->name);
  g_free (o->kind);
  g_free (o->email);
  g_free (o->phone);
  g_free (o->url);
  g_free (o->description);
  g_free (o);
}

static gpointer
read_organization (sqlite3_stmt *stmt)
{
  SmOrganization *o = g_new0 (SmOrganization, 1);

  o->id = sqlite3_column_int64 (stmt, 0);
  o->name = _sm_store_column_dup (stmt, 1);
  o->kind = _sm_store_column_dup (stmt, 2);
  o->email = _sm_store_column_dup (stmt, 3);
  o->phone = _sm_store_column_dup (stmt, 4);
  o->url = _sm_store_column_dup (stmt, 5);
  o->description = _sm_store_column_dup (stmt, 6);
  return o;
}

/* Returns: (transfer full) (element-type SmOrganization): by name */
GPtrArray *
sm_store_list_organizations (SmStore  *store,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, name, kind, email, phone, url, description FROM organization ORDER BY name, id", error);

  if (stmt == NULL)
    return NULL;
  return _sm_store_read_rows (store, stmt, read_organization, (GDestroyNotify) sm_organization_free, error);
}
