#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-store-services.h"

/* The directory's records read one by one and changed: a service, its
 * organization, its location. The rules of a save are in
 * directory/sm-service-draft.c. */

void
sm_service_free (SmService *s)
{
  if (s == NULL)
    return;
  g_free (s->service_type);
  g_free (s->name);
  g_free (s->description);
  g_free (s->eligibility);
  g_free (s->status);
  g_free (s->url);
  g_free (s->fees);
  g_free (s->languages);
  g_free (s->contact_name);
  g_free (s->contact_phone);
  g_free (s->contact_email);
  g_free (s);
}

void
sm_location_free (SmLocation *l)
{
  if (l == NULL)
    return;
  g_free (l->name);
  g_free (l->address_raw);
  g_free (l->postal_code);
  g_free (l->settlement);
  g_free (l->accessibility);
  g_free (l);
}

SmService *
sm_store_get_service (SmStore  *store,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT s.id, s.organization_id, t.code, s.name, s.description, s.capacity, s.eligibility, s.age_min,"
    " s.age_max, s.status, s.url, s.fees, s.languages, s.contact_name, s.contact_phone, s.contact_email"
    " FROM service AS s JOIN service_type AS t ON t.id = s.service_type_id"
    " WHERE s.id = ?", error);
  SmService *s = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      s = g_new0 (SmService, 1);
      s->id = sqlite3_column_int64 (stmt, 0);
      s->organization_id = sqlite3_column_int64 (stmt, 1);
      s->service_type = _sm_store_column_dup (stmt, 2);
      s->name = _sm_store_column_dup (stmt, 3);
      s->description = _sm_store_column_dup (stmt, 4);
      s->capacity = _sm_store_column_int_or (stmt, 5, -1);
      s->eligibility = _sm_store_column_dup (stmt, 6);
      s->age_min = _sm_store_column_int_or (stmt, 7, -1);
      s->age_max = _sm_store_column_int_or (stmt, 8, -1);
      s->status = _sm_store_column_dup (stmt, 9);
      s->url = _sm_store_column_dup (stmt, 10);
      s->fees = _sm_store_column_dup (stmt, 11);
      s->languages = _sm_store_column_dup (stmt, 12);
      s->contact_name = _sm_store_column_dup (stmt, 13);
      s->contact_phone = _sm_store_column_dup (stmt, 14);
      s->contact_email = _sm_store_column_dup (stmt, 15);
    }
  sqlite3_reset (stmt);
  if (s == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no service %lld"), (long long) id);
  return s;
}

/**
 * sm_store_update_service:
 *
 * Writes every field of @s over service @s->id (its organization too).
 */
gboolean
sm_store_update_service (SmStore          *store,
                         const SmService  *s,
                         GError          **error)
{
  static const char * const statuses[] = { "active", "inactive", "defunct", "temporarily_closed", "planned", NULL };
  sqlite3_stmt *stmt;

  if (s->name == NULL || *s->name == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "name");
      return FALSE;
    }
  if (!_sm_store_check_one_of ("status", s->status, statuses, error))
    return FALSE;
  if (s->age_min >= 0 && s->age_max >= 0 && s->age_max < s->age_min)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The age range %d–%d is empty"), s->age_min, s->age_max);
      return FALSE;
    }
  stmt = _sm_store_prepare (store,
    "UPDATE service SET organization_id = ?2, service_type_id = (SELECT id FROM service_type WHERE code = ?3),"
    " name = ?4, description = ?5, eligibility = ?6, age_min = ?7, age_max = ?8, status = ?9, url = ?10,"
    " fees = ?11, languages = ?12, contact_name = ?13, contact_phone = ?14, contact_email = ?15"
    " WHERE id = ?1 AND EXISTS (SELECT 1 FROM service_type WHERE code = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, s->id);
  sqlite3_bind_int64 (stmt, 2, s->organization_id);
  sqlite3_bind_text (stmt, 3, s->service_type ? s->service_type : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, s->name, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 5, s->description);
  _sm_bind_text_or_null (stmt, 6, s->eligibility);
  if (s->age_min >= 0)
    sqlite3_bind_int (stmt, 7, s->age_min);
  if (s->age_max >= 0)
    sqlite3_bind_int (stmt, 8, s->age_max);
  sqlite3_bind_text (stmt, 9, s->status, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 10, s->url);
  _sm_bind_text_or_null (stmt, 11, s->fees);
  _sm_bind_text_or_null (stmt, 12, s->languages);
  _sm_bind_text_or_null (stmt, 13, s->contact_name);
  _sm_bind_text_or_null (stmt, 14, s->contact_phone);
  _sm_bind_text_or_null (stmt, 15, s->contact_email);
  if (!_sm_store_run_action (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_sm_store_get_db (store)) == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no service %lld, or no service type “%s”"),
                   (long long) s->id, s->service_type ? s->service_type : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
sm_store_update_organization (SmStore               *store,
                              const SmOrganization  *o,
                              GError               **error)
{
  static const char * const kinds[] = { "municipal", "state", "church", "foundation", "ngo", NULL };
  sqlite3_stmt *stmt;

  if (o->name == NULL || *o->name == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "name");
      return FALSE;
    }
  if (!_sm_store_check_one_of ("kind", o->kind, kinds, error))
    return FALSE;
  stmt = _sm_store_prepare (store,
    "UPDATE organization SET name = ?2, kind = ?3, email = ?4, phone = ?5, url = ?6, description = ?7"
    " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, o->id);
  sqlite3_bind_text (stmt, 2, o->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, o->kind, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 4, o->email);
  _sm_bind_text_or_null (stmt, 5, o->phone);
  _sm_bind_text_or_null (stmt, 6, o->url);
  _sm_bind_text_or_null (stmt, 7, o->description);
  return _sm_store_run_change (store, stmt, _("organization"), o->id, error);
}

#define LOCATION_COLUMNS \
  "l.id, l.organization_id, l.name, l.address_raw, l.postal_code, l.settlement, l.lat, l.lon," \
  " l.geocode_quality, l.accessibility"

static SmLocation *
read_location (sqlite3_stmt *stmt)
{
  SmLocation *l = g_new0 (SmLocation, 1);

  l->id = sqlite3_column_int64 (stmt, 0);
  l->organization_id = sqlite3_column_int64 (stmt, 1);
  l->name = _sm_store_column_dup (stmt, 2);
  l->address_raw = _sm_store_column_dup (stmt, 3);
  l->postal_code = _sm_store_column_dup (stmt, 4);
  l->settlement = _sm_store_column_dup (stmt, 5);
  l->has_location = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
  l->lat = sqlite3_column_double (stmt, 6);
  l->lon = sqlite3_column_double (stmt, 7);
  sm_geocode_quality_from_string ((const char *) sqlite3_column_text (stmt, 8), &l->quality);
  l->accessibility = _sm_store_column_dup (stmt, 9);
  return l;
}

/* Returns: (transfer full) (nullable): the first location service
 * @service_id is offered at, or %NULL (without @error) when none */
SmLocation *
sm_store_get_service_location (SmStore  *store,
                               gint64    service_id,
                               GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT " LOCATION_COLUMNS " FROM service_at_location AS sl JOIN location AS l ON l.id = sl.location_id"
    " WHERE sl.service_id = ? ORDER BY l.id LIMIT 1", error);
  SmLocation *l = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      l = read_location (stmt);
    }
  sqlite3_reset (stmt);
  return l;
}

gboolean
sm_store_update_location (SmStore           *store,
                          const SmLocation  *l,
                          GError           **error)
{
  sqlite3_stmt *stmt;

  if (!_sm_store_check_location (l->has_location, l->lat, l->lon, error))
    return FALSE;
  stmt = _sm_store_prepare (store,
    "UPDATE location SET name = ?2, address_raw = ?3, postal_code = ?4, settlement = ?5, lat = ?6, lon = ?7,"
    " geocode_quality = ?8, accessibility = ?9 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, l->id);
  _sm_bind_text_or_null (stmt, 2, l->name);
  _sm_bind_text_or_null (stmt, 3, l->address_raw);
  _sm_bind_text_or_null (stmt, 4, l->postal_code);
  _sm_bind_text_or_null (stmt, 5, l->settlement);
  if (l->has_location)
    {
      sqlite3_bind_double (stmt, 6, l->lat);
      sqlite3_bind_double (stmt, 7, l->lon);
    }
  sqlite3_bind_text (stmt, 8, sm_geocode_quality_to_string (l->has_location ? l->quality : SM_GEOCODE_NONE), -1,
                     SQLITE_STATIC);
  _sm_bind_text_or_null (stmt, 9, l->accessibility);
  return _sm_store_run_change (store, stmt, _("location"), l->id, error);
}

SmLocation *
sm_store_get_location (SmStore  *store,
                       gint64    id,
                       GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT " LOCATION_COLUMNS " FROM location AS l WHERE l.id = ?", error);
  SmLocation *l = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      l = read_location (stmt);
    }
  sqlite3_reset (stmt);
  if (l == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no location %lld"), (long long) id);
  return l;
}

void
sm_capacity_free (SmCapacity *c)
{
  if (c == NULL)
    return;
  g_free (c->unit);
  g_free (c->updated);
  g_free (c);
}

static gpointer
read_capacity (sqlite3_stmt *stmt)
{
  SmCapacity *c = g_new0 (SmCapacity, 1);

  c->unit = _sm_store_column_dup (stmt, 0);
  c->available = sqlite3_column_int (stmt, 1);
  c->maximum = _sm_store_column_int_or (stmt, 2, -1);
  c->updated = _sm_store_column_dup (stmt, 3);
  return c;
}

/* Returns: (transfer full) (element-type SmCapacity): by unit */
GPtrArray *
sm_store_list_service_capacities (SmStore  *store,
                                  gint64    service_id,
                                  GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT unit, available, maximum, updated FROM service_capacity WHERE service_id = ? ORDER BY unit", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  return _sm_store_read_rows (store, stmt, read_capacity, (GDestroyNotify) sm_capacity_free, error);
}

/* --- opening hours ------------------------------------------------------ */

/* Returns: (transfer full) (element-type SmScheduleRow): in the order set */
GArray *
sm_store_list_service_schedule (SmStore  *store,
                                gint64    service_id,
                                GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT byday, opens_at, closes_at FROM service_schedule WHERE service_id = ? ORDER BY id", error);
  GArray *rows;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, service_id);
  rows = g_array_new (FALSE, TRUE, sizeof (SmScheduleRow));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmScheduleRow r = { 0 };

      g_strlcpy (r.byday, (const char *) sqlite3_column_text (stmt, 0), sizeof r.byday);
      g_strlcpy (r.opens_at, (const char *) sqlite3_column_text (stmt, 1), sizeof r.opens_at);
      g_strlcpy (r.closes_at, (const char *) sqlite3_column_text (stmt, 2), sizeof r.closes_at);
      g_array_append_val (rows, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      g_array_unref (rows);
      return NULL;
    }
  return rows;
}

/**
 * sm_store_set_service_schedule:
 * @rows: (element-type SmScheduleRow): the service's opening hours, all of
 *   them; empty: none recorded
 *
 * Replaces the service's opening hours in one action.
 */
gboolean
sm_store_set_service_schedule (SmStore  *store,
                               gint64    service_id,
                               GArray   *rows,
                               GError  **error)
{
  sqlite3_stmt *stmt;

  if (!sm_store_begin (store, error))
    return FALSE;
  stmt = _sm_store_prepare (store, "DELETE FROM service_schedule WHERE service_id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, service_id);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const SmScheduleRow *r = &g_array_index (rows, SmScheduleRow, i);

      stmt = _sm_store_prepare (store,
        "INSERT INTO service_schedule (service_id, byday, opens_at, closes_at) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, service_id);
      sqlite3_bind_text (stmt, 2, r->byday, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, r->opens_at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, r->closes_at, -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
    }
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

/* Whether a service is offered at a location, as a referral or a
 * questionnaire about one there needs. */
gboolean
_sm_store_check_offered_at (SmStore  *self,
                            gint64    service_id,
                            gint64    location_id,
                            GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self,
    "SELECT 1 FROM service_at_location WHERE service_id = ? AND location_id = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("Service %lld is not offered at location %lld"),
                 (long long) service_id, (long long) location_id);
  return found;
}
