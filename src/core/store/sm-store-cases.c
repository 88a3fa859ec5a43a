/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-text.h"

/* Households and their persons: checks, writes, the Case page's reads and
 * search. */

static gboolean
check_household (const SmHousehold *h,
                 GError           **error)
{
  if (h->address_raw == NULL || strspn (h->address_raw, " \t\r\n") == strlen (h->address_raw))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "address");
      return FALSE;
    }
  return _sm_store_check_location (h->has_location, h->lat, h->lon, error);
}

#define HOUSEHOLD_COLUMNS "(address_raw, address_norm, postal_code, settlement, settlement_part," \
                          " lat, lon, geocode_quality, synthetic)"
#define HOUSEHOLD_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* The nine values of HOUSEHOLD_COLUMNS from parameter @first. */
static void
bind_household (sqlite3_stmt      *stmt,
                int                first,
                const SmHousehold *h)
{
  sqlite3_bind_text (stmt, first, h->address_raw, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, first + 1, h->address_norm);
  _sm_bind_text_or_null (stmt, first + 2, h->postal_code);
  _sm_bind_text_or_null (stmt, first + 3, h->settlement);
  _sm_bind_text_or_null (stmt, first + 4, h->settlement_part);
  if (h->has_location)
    {
      sqlite3_bind_double (stmt, first + 5, h->lat);
      sqlite3_bind_double (stmt, first + 6, h->lon);
    }
  else
    {
      sqlite3_bind_null (stmt, first + 5);
      sqlite3_bind_null (stmt, first + 6);
    }
  sqlite3_bind_text (stmt, first + 7,
                     sm_geocode_quality_to_string (h->has_location ? h->quality : SM_GEOCODE_NONE),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 8, h->synthetic ? 1 : 0);
}

gint64
sm_store_add_household (SmStore           *self,
                        const SmHousehold *h,
                        GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);
  g_return_val_if_fail (h != NULL, 0);

  if (!check_household (h, error))
    return 0;
  stmt = _sm_store_prepare (self, "INSERT INTO household " HOUSEHOLD_COLUMNS " VALUES " HOUSEHOLD_VALUES,
                            error);
  if (stmt == NULL)
    return 0;
  bind_household (stmt, 1, h);
  return _sm_store_insert_returning_id (self, stmt, error);
}

/* From how many new households on the spatial index is packed anew. */
#define PACK_MIN_ROWS 2000

static void
bind_household_row (sqlite3_stmt *stmt,
                    int           first,
                    gpointer      record,
                    gpointer      data)
{
  bind_household (stmt, first, record);
}

/**
 * sm_store_add_households:
 * @households: (array length=n): each gets its id
 *
 * Adds many households with the checks of sm_store_add_household(), in
 * statements of many rows, all or none. When they are many against those
 * already there, the spatial index is packed once afterwards instead of
 * growing a row at a time.
 */
gboolean
sm_store_add_households (SmStore      *self,
                         SmHousehold **households,
                         guint         n,
                         GError      **error)
{
  gint64 first_id;

  gint64 before = 0;
  gboolean pack;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    if (!check_household (households[i], error))
      return FALSE;
  /* Many new rows against those there: pack the spatial index once
   * instead of growing it row by row. */
  if (n >= PACK_MIN_ROWS)
    {
      stmt = _sm_store_prepare (self, "SELECT count(*) FROM household", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        before = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  pack = n >= PACK_MIN_ROWS && n * 4 >= before;

  if (!sm_store_begin (self, error))
    return FALSE;
  if ((pack && !_sm_store_exec (self, "DROP TRIGGER household_rtree_insert", error)) ||
      !_sm_store_insert_batched (self, "household", HOUSEHOLD_COLUMNS, HOUSEHOLD_VALUES, 9,
                       (gpointer *) households, n, bind_household_row, NULL, &first_id, error) ||
      (pack && !_sm_store_pack_household_rtree (self, error)) ||
      (pack && !_sm_store_exec (self, _sm_schema_household_rtree_trigger, error)))
    {
      sm_store_rollback (self);
      return FALSE;
    }
  if (!sm_store_commit (self, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    households[i]->id = first_id + i;
  return TRUE;
}

gboolean
sm_store_get_household (SmStore     *self,
                        gint64       id,
                        SmHousehold *out,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self,
    "SELECT address_raw, address_norm, postal_code, settlement, settlement_part, lat, lon,"
    " geocode_quality, synthetic, created_at, updated_at FROM household WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There is no household with id %lld"), (long long) id);
      return FALSE;
    }
  memset (out, 0, sizeof *out);
  out->id = id;
  out->address_raw = _sm_store_column_dup (stmt, 0);
  out->address_norm = _sm_store_column_dup (stmt, 1);
  out->postal_code = _sm_store_column_dup (stmt, 2);
  out->settlement = _sm_store_column_dup (stmt, 3);
  out->settlement_part = _sm_store_column_dup (stmt, 4);
  out->has_location = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  out->lat = sqlite3_column_double (stmt, 5);
  out->lon = sqlite3_column_double (stmt, 6);
  sm_geocode_quality_from_string ((const char *) sqlite3_column_text (stmt, 7), &out->quality);
  out->synthetic = sqlite3_column_int (stmt, 8);
  out->created_at = sqlite3_column_int64 (stmt, 9);
  out->updated_at = sqlite3_column_int64 (stmt, 10);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
sm_store_set_household_location (SmStore          *self,
                                 gint64            id,
                                 double            lat,
                                 double            lon,
                                 SmGeocodeQuality  quality,
                                 GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!_sm_store_check_location (TRUE, lat, lon, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE household SET lat = ?, lon = ?, geocode_quality = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, lat);
  sqlite3_bind_double (stmt, 2, lon);
  sqlite3_bind_text (stmt, 3, sm_geocode_quality_to_string (quality), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  return _sm_store_run_change (self, stmt, "household", id, error);
}

/* The household has no place on the map (as before it was first placed). */
gboolean
sm_store_clear_household_location (SmStore  *self,
                                   gint64    id,
                                   GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self,
    "UPDATE household SET lat = NULL, lon = NULL, geocode_quality = 'none',"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (self, stmt, "household", id, error);
}

gboolean
sm_store_delete_household (SmStore  *self,
                           gint64    id,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM household WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (self, stmt, "household", id, error);
}

static const char * const sexes[] = { "female", "male", "other", NULL };
static const char * const roles[] = {
  "head", "partner", "child", "parent", "grandchild", "relative", "other", NULL
};

static gboolean
check_person (const SmPerson  *p,
              GError         **error)
{
  if (p->family_name == NULL || strspn (p->family_name, " \t") == strlen (p->family_name))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "family_name");
      return FALSE;
    }
  if (p->birth_year != 0 && (p->birth_year < 1890 || p->birth_year > 2100))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Birth year %d is not plausible"), p->birth_year);
      return FALSE;
    }
  return _sm_store_check_one_of ("sex", p->sex, sexes, error) &&
         _sm_store_check_one_of ("role", p->role, roles, error);
}

#define PERSON_COLUMNS "(household_id, family_name, given_name, birth_year, sex, role, synthetic)"
#define PERSON_VALUES "(?, ?, ?, ?, ?, coalesce(?, 'other'), ?)"

static void
bind_person (sqlite3_stmt   *stmt,
             int             first,
             const SmPerson *p)
{
  sqlite3_bind_int64 (stmt, first, p->household_id);
  sqlite3_bind_text (stmt, first + 1, p->family_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 2, p->given_name ? p->given_name : "", -1, SQLITE_TRANSIENT);
  if (p->birth_year != 0)
    sqlite3_bind_int (stmt, first + 3, p->birth_year);
  else
    sqlite3_bind_null (stmt, first + 3);
  _sm_bind_text_or_null (stmt, first + 4, p->sex);
  _sm_bind_text_or_null (stmt, first + 5, p->role);
  sqlite3_bind_int (stmt, first + 6, p->synthetic ? 1 : 0);
}

gint64
sm_store_add_person (SmStore        *self,
                     const SmPerson *p,
                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_person (p, error))
    return 0;

  stmt = _sm_store_prepare (self, "INSERT INTO person " PERSON_COLUMNS " VALUES " PERSON_VALUES, error);
  if (stmt == NULL)
    return 0;
  bind_person (stmt, 1, p);
  return _sm_store_insert_returning_id (self, stmt, error);
}

static void
bind_person_row (sqlite3_stmt *stmt,
                 int           first,
                 gpointer      record,
                 gpointer      data)
{
  bind_person (stmt, first, record);
}

/**
 * sm_store_add_persons:
 * @persons: (array length=n): each gets its id
 *
 * Adds many persons as sm_store_add_households() adds households.
 */
gboolean
sm_store_add_persons (SmStore   *self,
                      SmPerson **persons,
                      guint      n,
                      GError   **error)
{
  gint64 first_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    if (!check_person (persons[i], error))
      return FALSE;
  if (!_sm_store_insert_batched (self, "person", PERSON_COLUMNS, PERSON_VALUES, 7, (gpointer *) persons, n,
                       bind_person_row, NULL, &first_id, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    persons[i]->id = first_id + i;
  return TRUE;
}

/* --- the Case page's reads and edits ------------------------------------ */

/**
 * sm_store_update_household:
 *
 * Changes a household's address fields; its place changes with
 * sm_store_set_household_location().
 */
gboolean
sm_store_update_household (SmStore            *self,
                           const SmHousehold  *h,
                           GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (h->address_raw == NULL || strspn (h->address_raw, " \t\r\n") == strlen (h->address_raw))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "address");
      return FALSE;
    }
  stmt = _sm_store_prepare (self,
    "UPDATE household SET address_raw = ?, postal_code = ?, settlement = ?, settlement_part = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, h->address_raw, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 2, h->postal_code);
  _sm_bind_text_or_null (stmt, 3, h->settlement);
  _sm_bind_text_or_null (stmt, 4, h->settlement_part);
  sqlite3_bind_int64 (stmt, 5, h->id);
  return _sm_store_run_change (self, stmt, "household", h->id, error);
}

gboolean
sm_store_update_person (SmStore         *self,
                        const SmPerson  *p,
                        GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_person (p, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE person SET family_name = ?, given_name = ?, birth_year = ?, sex = ?,"
    " role = coalesce(?, 'other'), updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->family_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->given_name ? p->given_name : "", -1, SQLITE_TRANSIENT);
  if (p->birth_year != 0)
    sqlite3_bind_int (stmt, 3, p->birth_year);
  else
    sqlite3_bind_null (stmt, 3);
  _sm_bind_text_or_null (stmt, 4, p->sex);
  _sm_bind_text_or_null (stmt, 5, p->role);
  sqlite3_bind_int64 (stmt, 6, p->id);
  return _sm_store_run_change (self, stmt, "person", p->id, error);
}

gboolean
sm_store_delete_person (SmStore  *self,
                        gint64    id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM person WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (self, stmt, "person", id, error);
}

static gpointer
read_person (sqlite3_stmt *stmt,
             gint64        household_id)
{
  SmPerson *p = g_new0 (SmPerson, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->household_id = household_id;
  p->family_name = _sm_store_column_dup (stmt, 1);
  p->given_name = _sm_store_column_dup (stmt, 2);
  p->birth_year = sqlite3_column_int (stmt, 3);
  p->sex = _sm_store_column_dup (stmt, 4);
  p->role = _sm_store_column_dup (stmt, 5);
  p->synthetic = sqlite3_column_int (stmt, 6);
  return p;
}

/**
 * sm_store_list_persons:
 *
 * Returns: (transfer full) (element-type SmPerson): the household's people,
 *   oldest first
 */
GPtrArray *
sm_store_list_persons (SmStore  *self,
                       gint64    household_id,
                       GError  **error)
{
  return _sm_store_list_household_rows (self,
    "SELECT id, family_name, given_name, coalesce(birth_year, 0), sex, role, synthetic"
    " FROM person WHERE household_id = ? ORDER BY coalesce(birth_year, 9999), id",
    household_id, read_person, (GDestroyNotify) sm_person_free, error);
}

/**
 * sm_store_search_households:
 * @text: part of an address, a family name or a household number
 *
 * Returns: (transfer full) (element-type SmHousehold): at most @limit placed
 *   households
 */
GPtrArray *
sm_store_search_households (SmStore     *self,
                            const char  *text,
                            guint        limit,
                            GError     **error)
{
  return sm_store_search_households_why (self, text, limit, NULL, error);
}

/**
 * sm_store_search_households_why:
 * @text: as people type it: an address or a person's name, with or
 *   without accents, words in any order, cut short ("Esze Tamás u. 27",
 *   "esze tamas", "kiss a"), or a household's number
 * @who: (out) (optional) (transfer full) (element-type utf8): for each
 *   household found, the person whose name matched, or "" when the
 *   address or number did
 *
 * Returns: (element-type SmHousehold): the placed households found, by
 *   address
 */
GPtrArray *
sm_store_search_households_why (SmStore     *self,
                                const char  *text,
                                guint        limit,
                                GPtrArray  **who,
                                GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_household_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *query = NULL;
  g_autofree char *digits = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  query = sm_text_fold (text);
  digits = g_strstrip (g_strdup (text));
  stmt = _sm_store_prepare (self,
    /* Each table scanned once: the addresses, then the names; a household
     * found by its address says so rather than by a name. */
    "WITH found (id, who) AS ("
    "  SELECT h.id, '' FROM household h WHERE h.lat IS NOT NULL AND (h.id = CAST(?2 AS INTEGER)"
    "   OR sm_words_match (coalesce (h.postal_code, '') || ' ' || coalesce (h.settlement, '') || ' ' ||"
    "                      h.address_raw, ?1))"
    "  UNION ALL"
    "  SELECT p.household_id, p.family_name || ' ' || coalesce (p.given_name, '') FROM person p"
    "   WHERE sm_words_match (p.family_name || ' ' || coalesce (p.given_name, ''), ?1))"
    " SELECT f.id, min (f.who) FROM found f JOIN household h ON h.id = f.id WHERE h.lat IS NOT NULL"
    " GROUP BY f.id ORDER BY h.address_raw LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, digits, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (name ? name : ""));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      SmHousehold *h = g_new0 (SmHousehold, 1);

      g_ptr_array_add (found, h);
      if (!sm_store_get_household (self, g_array_index (ids, gint64, i), h, error))
        return NULL;
    }
  if (who != NULL)
    *who = g_steal_pointer (&names);
  return g_steal_pointer (&found);
}

/**
 * sm_store_index_household_addresses:
 *
 * Every household's address as written, to its id; the first household
 * at an address wins.
 *
 * Returns: (transfer full) (element-type utf8 gint64): address → id
 */
GHashTable *
sm_store_index_household_addresses (SmStore  *self,
                                    GError  **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = _sm_store_prepare (self, "SELECT id, address_raw FROM household ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));

      if (g_hash_table_contains (index, key))
        g_free (key);
      else
        g_hash_table_insert (index, key, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) },
                                                    sizeof (gint64)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&index);
}
