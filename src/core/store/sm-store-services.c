/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-store-private.h"

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
  static const char * const statuses[] = { "active", "inactive", "planned", NULL };
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
    " eligibility, age_min, age_max, status, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
    " coalesce(?, 'active'), ?)", error);
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
    " geocode_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
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
