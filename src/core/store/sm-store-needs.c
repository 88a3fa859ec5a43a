/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-store-private.h"

/* Needs and elderly assessments. */

static gboolean
check_need (SmStore      *self,
            const SmNeed *n,
            gint64       *category_id,
            GError      **error)
{
  if (n->severity < 1 || n->severity > 3)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Severity %d is not allowed; use 1, 2 or 3"), n->severity);
      return FALSE;
    }
  if (!_sm_store_check_date ("assessed_on", n->assessed_on, FALSE, error) ||
      !_sm_store_check_date ("resolved_on", n->resolved_on, TRUE, error))
    return FALSE;
  if (n->resolved_on != NULL && *n->resolved_on != '\0' &&
      strcmp (n->resolved_on, n->assessed_on) < 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A need cannot be resolved (%s) before it was assessed (%s)"),
                   n->resolved_on, n->assessed_on);
      return FALSE;
    }
  *category_id = sm_store_lookup_category (self, n->category, error);
  return *category_id != 0;
}

static void
bind_need_at (sqlite3_stmt *stmt,
              int           first,
              const SmNeed *n,
              gint64        category_id)
{
  sqlite3_bind_int64 (stmt, first, n->household_id);
  if (n->person_id != 0)
    sqlite3_bind_int64 (stmt, first + 1, n->person_id);
  else
    sqlite3_bind_null (stmt, first + 1);
  sqlite3_bind_int64 (stmt, first + 2, category_id);
  sqlite3_bind_int (stmt, first + 3, n->severity);
  sqlite3_bind_text (stmt, first + 4, n->assessed_on, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, first + 5, n->resolved_on);
  _sm_bind_text_or_null (stmt, first + 6, n->note);
}

static void
bind_need (sqlite3_stmt *stmt,
           const SmNeed *n,
           gint64        category_id)
{
  bind_need_at (stmt, 1, n, category_id);
}

#define NEED_COLUMNS "(household_id, person_id, category_id, severity, assessed_on, resolved_on," \
                     " note, synthetic)"
#define NEED_VALUES "(?, ?, ?, ?, ?, ?, ?, ?)"

static void
bind_need_row (sqlite3_stmt *stmt,
               int           first,
               gpointer      record,
               gpointer      data)
{
  SmNeed *n = record;
  GHashTable *categories = data;

  bind_need_at (stmt, first, n, GPOINTER_TO_SIZE (g_hash_table_lookup (categories, n)));
  sqlite3_bind_int (stmt, first + 7, n->synthetic ? 1 : 0);
}

/**
 * sm_store_add_needs:
 * @needs: (array length=n): each gets its id
 *
 * Adds many needs as sm_store_add_households() adds households.
 */
gboolean
sm_store_add_needs (SmStore  *self,
                    SmNeed  **needs,
                    guint     n,
                    GError  **error)
{
  g_autoptr(GHashTable) categories = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 first_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      gint64 category_id;

      if (!check_need (self, needs[i], &category_id, error))
        return FALSE;
      g_hash_table_insert (categories, needs[i], GSIZE_TO_POINTER ((gsize) category_id));
    }
  if (!_sm_store_insert_batched (self, "need", NEED_COLUMNS, NEED_VALUES, 8, (gpointer *) needs, n,
                       bind_need_row, categories, &first_id, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    needs[i]->id = first_id + i;
  return TRUE;
}

gint64
sm_store_add_need (SmStore      *self,
                   const SmNeed *n,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_need (self, n, &category_id, error))
    return 0;
  stmt = _sm_store_prepare (self, "INSERT INTO need " NEED_COLUMNS " VALUES " NEED_VALUES, error);
  if (stmt == NULL)
    return 0;
  bind_need (stmt, n, category_id);
  sqlite3_bind_int (stmt, 8, n->synthetic ? 1 : 0);
  return _sm_store_insert_returning_id (self, stmt, error);
}

gboolean
sm_store_update_need (SmStore      *self,
                      const SmNeed *n,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_need (self, n, &category_id, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE need SET household_id = ?, person_id = ?, category_id = ?, severity = ?,"
    " assessed_on = ?, resolved_on = ?, note = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_need (stmt, n, category_id);
  sqlite3_bind_int64 (stmt, 8, n->id);
  return _sm_store_run_change (self, stmt, "need", n->id, error);
}

gboolean
sm_store_resolve_need (SmStore     *self,
                       gint64       id,
                       const char  *resolved_on,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!_sm_store_check_date ("resolved_on", resolved_on, FALSE, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE need SET resolved_on = ?, updated_at = unixepoch()"
    " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resolved_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return _sm_store_run_change (self, stmt, "need", id, error);
}

gboolean
sm_store_delete_need (SmStore  *self,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM need WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (self, stmt, "need", id, error);
}

static const char * const mobilities[] = {
  "independent", "limited", "assisted", "bedridden", NULL
};

static gboolean
check_assessment (const SmElderlyAssessment  *a,
                  GError                    **error)
{
  return _sm_store_check_date ("assessed_on", a->assessed_on, FALSE, error) &&
         _sm_store_check_date ("last_visit_on", a->last_visit_on, TRUE, error) &&
         _sm_store_check_one_of ("mobility", a->mobility ? a->mobility : "", mobilities, error);
}

gint64
sm_store_add_elderly_assessment (SmStore                   *self,
                                 const SmElderlyAssessment *a,
                                 GError                   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_assessment (a, error))
    return 0;

  stmt = _sm_store_prepare (self,
    "INSERT INTO elderly_assessment (person_id, assessed_on, mobility, lives_alone,"
    " chronic_illness, cognitive_decline, alarm_device, receives_meals, last_visit_on, note,"
    " synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, a->person_id);
  sqlite3_bind_text (stmt, 2, a->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->mobility, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, !!a->lives_alone);
  sqlite3_bind_int (stmt, 5, !!a->chronic_illness);
  sqlite3_bind_int (stmt, 6, !!a->cognitive_decline);
  sqlite3_bind_int (stmt, 7, !!a->alarm_device);
  sqlite3_bind_int (stmt, 8, !!a->receives_meals);
  _sm_bind_text_or_null (stmt, 9, a->last_visit_on);
  _sm_bind_text_or_null (stmt, 10, a->note);
  sqlite3_bind_int (stmt, 11, a->synthetic ? 1 : 0);
  return _sm_store_insert_returning_id (self, stmt, error);
}

static gpointer
read_need (sqlite3_stmt *stmt,
           gint64        household_id)
{
  SmNeed *n = g_new0 (SmNeed, 1);

  n->id = sqlite3_column_int64 (stmt, 0);
  n->household_id = household_id;
  n->person_id = sqlite3_column_int64 (stmt, 1);
  n->category = _sm_store_column_dup (stmt, 2);
  n->severity = sqlite3_column_int (stmt, 3);
  n->assessed_on = _sm_store_column_dup (stmt, 4);
  n->resolved_on = _sm_store_column_dup (stmt, 5);
  n->note = _sm_store_column_dup (stmt, 6);
  n->synthetic = sqlite3_column_int (stmt, 7);
  return n;
}

/**
 * sm_store_list_needs:
 *
 * Returns: (transfer full) (element-type SmNeed): the household's needs and
 *   its people's, open ones first, newest first
 */
GPtrArray *
sm_store_list_needs (SmStore  *self,
                     gint64    household_id,
                     GError  **error)
{
  return _sm_store_list_household_rows (self,
    "SELECT n.id, coalesce(n.person_id, 0), c.code, n.severity, n.assessed_on, n.resolved_on,"
    " n.note, n.synthetic FROM need n JOIN need_category c ON c.id = n.category_id"
    " WHERE n.household_id = ?"
    " ORDER BY n.resolved_on IS NOT NULL, n.assessed_on DESC, n.id",
    household_id, read_need, (GDestroyNotify) sm_need_free, error);
}

static gpointer
read_assessment (sqlite3_stmt *stmt,
                 gint64        household_id)
{
  SmElderlyAssessment *a = g_new0 (SmElderlyAssessment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->person_id = sqlite3_column_int64 (stmt, 1);
  a->assessed_on = _sm_store_column_dup (stmt, 2);
  a->mobility = _sm_store_column_dup (stmt, 3);
  a->lives_alone = sqlite3_column_int (stmt, 4);
  a->chronic_illness = sqlite3_column_int (stmt, 5);
  a->cognitive_decline = sqlite3_column_int (stmt, 6);
  a->alarm_device = sqlite3_column_int (stmt, 7);
  a->receives_meals = sqlite3_column_int (stmt, 8);
  a->last_visit_on = _sm_store_column_dup (stmt, 9);
  a->note = _sm_store_column_dup (stmt, 10);
  a->synthetic = sqlite3_column_int (stmt, 11);
  return a;
}

/**
 * sm_store_list_assessments:
 *
 * Returns: (transfer full) (element-type SmElderlyAssessment): the elderly
 *   assessments of the household's people, newest first
 */
GPtrArray *
sm_store_list_assessments (SmStore  *self,
                           gint64    household_id,
                           GError  **error)
{
  return _sm_store_list_household_rows (self,
    "SELECT e.id, e.person_id, e.assessed_on, e.mobility, e.lives_alone, e.chronic_illness,"
    " e.cognitive_decline, e.alarm_device, e.receives_meals, e.last_visit_on, e.note, e.synthetic"
    " FROM elderly_assessment e JOIN person p ON p.id = e.person_id"
    " WHERE p.household_id = ? ORDER BY e.assessed_on DESC, e.id DESC",
    household_id, read_assessment, (GDestroyNotify) sm_elderly_assessment_free, error);
}

gboolean
sm_store_update_elderly_assessment (SmStore                    *self,
                                    const SmElderlyAssessment  *a,
                                    GError                    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_assessment (a, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE elderly_assessment SET person_id = ?, assessed_on = ?, mobility = ?, lives_alone = ?,"
    " chronic_illness = ?, cognitive_decline = ?, alarm_device = ?, receives_meals = ?,"
    " last_visit_on = ?, note = ?, updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->person_id);
  sqlite3_bind_text (stmt, 2, a->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->mobility, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, !!a->lives_alone);
  sqlite3_bind_int (stmt, 5, !!a->chronic_illness);
  sqlite3_bind_int (stmt, 6, !!a->cognitive_decline);
  sqlite3_bind_int (stmt, 7, !!a->alarm_device);
  sqlite3_bind_int (stmt, 8, !!a->receives_meals);
  _sm_bind_text_or_null (stmt, 9, a->last_visit_on);
  _sm_bind_text_or_null (stmt, 10, a->note);
  sqlite3_bind_int64 (stmt, 11, a->id);
  return _sm_store_run_change (self, stmt, "elderly assessment", a->id, error);
}

gboolean
sm_store_delete_elderly_assessment (SmStore  *self,
                                    gint64    id,
                                    GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM elderly_assessment WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (self, stmt, "elderly assessment", id, error);
}
