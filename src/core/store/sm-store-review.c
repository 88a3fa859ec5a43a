/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <sqlite3.h>

#include "sm-store-private.h"
#include "sm-store-review.h"

/* Puts a household on the review list, or replaces what it says there. */
gboolean
sm_store_put_review (SmStore           *store,
                     gint64             household_id,
                     SmGeocodeQuality   quality,
                     double             score,
                     const char        *details,
                     GError           **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT OR REPLACE INTO geocode_review (household_id, quality, score, candidates)"
    " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, sm_geocode_quality_to_string (quality), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, score);
  _sm_bind_text_or_null (stmt, 4, details);
  return _sm_store_run_action (store, stmt, error);
}

gboolean
sm_store_remove_review (SmStore  *store,
                        gint64    household_id,
                        GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "DELETE FROM geocode_review WHERE household_id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  return _sm_store_run_action (store, stmt, error);
}

void
sm_review_row_free (SmReviewRow *row)
{
  g_free (row->address);
  g_free (row->details);
  g_free (row);
}

#define REVIEW_ROW_SELECT \
  "SELECT r.household_id, h.address_raw, r.quality, r.score, r.candidates" \
  " FROM geocode_review r JOIN household h ON h.id = r.household_id"

/* A row of the review list, as REVIEW_ROW_SELECT gives it. */
static SmReviewRow *
read_review_row (sqlite3_stmt *stmt)
{
  SmReviewRow *r = g_new0 (SmReviewRow, 1);

  r->household_id = sqlite3_column_int64 (stmt, 0);
  r->address = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sm_geocode_quality_from_string ((const char *) sqlite3_column_text (stmt, 2), &r->quality);
  r->score = sqlite3_column_double (stmt, 3);
  r->details = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  return r;
}

/**
 * sm_store_list_review_rows:
 *
 * Returns: (transfer full) (element-type SmReviewRow): the review list,
 *   the least certain first
 */
GPtrArray *
sm_store_list_review_rows (SmStore  *store,
                           GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    REVIEW_ROW_SELECT
    " ORDER BY r.score, h.address_raw", error);
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_review_row_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_review_row (stmt));
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * sm_store_get_review_row:
 * @found: (out): whether the household is on the review list
 *
 * Returns: (transfer full) (nullable): the household's row of the review
 *   list, %NULL with @found %FALSE when it is not on it, or %NULL with
 *   @error
 */
SmReviewRow *
sm_store_get_review_row (SmStore   *store,
                         gint64     household_id,
                         gboolean  *found,
                         GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    REVIEW_ROW_SELECT
    " WHERE r.household_id = ?", error);
  SmReviewRow *r = NULL;
  int rc;

  *found = FALSE;
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      r = read_review_row (stmt);
      *found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return r;
}
