/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-store-private.h"

/* What every write of the store shares: the checks of values before the
 * database sees them, inserts of many rows at once, and reading a
 * household's rows. */

/* Validation: reject bad values with the field's name and the value before
 * the database sees them; the schema's constraints stay as the last guard. */

gboolean
_sm_store_check_date (const char  *field,
                      const char  *value,
                      gboolean     optional,
                      GError     **error)
{
  GDate d;
  g_autoptr(GError) local = NULL;

  if (value == NULL || *value == '\0')
    {
      if (optional)
        return TRUE;
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), field);
      return FALSE;
    }
  if (!sm_date_parse_iso (value, &d, &local))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, "%s: %s", field, local->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sm_store_check_location (gboolean  has_location,
                          double    lat,
                          double    lon,
                          GError  **error)
{
  if (!has_location)
    return TRUE;
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The location %.6f, %.6f is not a valid latitude and longitude"), lat, lon);
      return FALSE;
    }
  return TRUE;
}

gboolean
_sm_store_check_one_of (const char         *field,
                        const char         *value,
                        const char * const *allowed,
                        GError            **error)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not allowed for “%s” (allowed: %s)"), value, field, list);
  return FALSE;
}

gint64
_sm_store_insert_returning_id (SmStore      *self,
                               sqlite3_stmt *stmt,
                               GError      **error)
{
  if (!_sm_store_run_action (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_sm_store_get_db (self));
}

/* --- many rows at once ------------------------------------------------ */

/* Rows per statement of the batched inserts: one statement runs far fewer
 * times than one a row, which is most of the cost of a row. */
#define BATCH_ROWS 64


/* Inserts one row per record, BATCH_ROWS to a statement, with explicit
 * ids from one past the table's largest: record i gets @first_id + i. */
gboolean
_sm_store_insert_batched (SmStore     *self,
                          const char  *table,
                          const char  *columns,
                          const char  *values,
                          int          n_values,
                          gpointer    *records,
                          guint        n,
                          SmStoreBindRow  bind,
                          gpointer     data,
                          gint64      *first_id,
                          GError     **error)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT ifnull(max(id), 0) + 1 FROM %s", table);
  sqlite3_stmt *stmt = _sm_store_prepare (self, max_sql, error);
  gint64 base;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sm_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  base = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint done = 0; done < n;)
    {
      guint m = MIN (BATCH_ROWS, n - done);
      g_autoptr(GString) sql = g_string_new (NULL);

      /* "(id, a, b)" from "(a, b)", and "(?, ?, ?)" from "(?, ?)" */
      g_string_printf (sql, "INSERT INTO %s (id, %s VALUES ", table, columns + 1);
      for (guint k = 0; k < m; k++)
        g_string_append_printf (sql, "%s(?, %s", k ? ", " : "", values + 1);
      stmt = _sm_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < m; k++)
        {
          int first = 1 + (int) k * (n_values + 1);

          sqlite3_bind_int64 (stmt, first, base + done + k);
          bind (stmt, first + 1, records[done + k], data);
        }
      if (!_sm_store_run_action (self, stmt, error))
        return FALSE;
      done += m;
    }
  *first_id = base;
  return TRUE;
}

char *
_sm_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
_sm_store_check_changed (SmStore     *self,
                         const char  *what,
                         gint64       id,
                         GError     **error)
{
  if (sqlite3_changes (_sm_store_get_db (self)) > 0)
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
               _("There is no %s with id %lld"), what, (long long) id);
  return FALSE;
}

/* Runs @stmt as one action; touching no row means the record is missing. */
gboolean
_sm_store_run_change (SmStore      *self,
                      sqlite3_stmt *stmt,
                      const char   *what,
                      gint64        id,
                      GError      **error)
{
  return _sm_store_run_action (self, stmt, error) && _sm_store_check_changed (self, what, id, error);
}


/* Every row a prepared and bound @stmt returns, each made into a record
 * by @read; %NULL with @error when a step fails. */
GPtrArray *
_sm_store_read_rows (SmStore        *self,
                     sqlite3_stmt   *stmt,
                     gpointer      (*read) (sqlite3_stmt *stmt),
                     GDestroyNotify  free_record,
                     GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_record);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Every row @sql (one parameter: the household) returns, each made into a
 * record by @read. */
GPtrArray *
_sm_store_list_household_rows (SmStore        *self,
                               const char     *sql,
                               gint64          household_id,
                               SmStoreReadRow  read,
                               GDestroyNotify  free_record,
                               GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_record);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  stmt = _sm_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read (stmt, household_id));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* A column's integer, or @missing where it is NULL. */
gint64
_sm_store_column_int_or (sqlite3_stmt *stmt,
                         int           column,
                         gint64        missing)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? missing : sqlite3_column_int64 (stmt, column);
}

/* Whether @value holds more than spaces; else @error names @field. */
gboolean
_sm_store_check_text (const char  *field,
                      const char  *value,
                      GError     **error)
{
  for (const char *p = value; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The %s is empty"), field);
  return FALSE;
}

/* A record's id, or NULL for 0. */
void
_sm_store_bind_id (sqlite3_stmt *stmt,
                   int           column,
                   gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

/* The one record @stmt (prepared and bound) reads, made by @read; with
 * %SM_ERROR_NOT_FOUND naming @what and @id when there is none. */
gpointer
_sm_store_read_one (SmStore        *self,
                    sqlite3_stmt   *stmt,
                    gpointer      (*read) (sqlite3_stmt *stmt),
                    GDestroyNotify  free_record,
                    const char     *what,
                    gint64          id,
                    GError        **error)
{
  g_autoptr(GPtrArray) rows = _sm_store_read_rows (self, stmt, read, free_record, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no %s with id %lld"), what, (long long) id);
      return NULL;
    }
  return g_ptr_array_steal_index (rows, 0);
}
