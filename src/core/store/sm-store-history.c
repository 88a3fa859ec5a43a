#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-store-history.h"
#include "sm-store-private.h"

/* One prepared statement per table, one row per step, in one action. */

static gboolean
insert_steps (SmStore     *store,
              const char  *sql,
              gint64       owner,
              GArray      *steps,
              GError     **error)
{
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const SmStepRecord *s = &g_array_index (steps, SmStepRecord, i);
      sqlite3_stmt *stmt = _sm_store_prepare (store, sql, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner);
      sqlite3_bind_text (stmt, 2, s->from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, s->to, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, s->at, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, s->by, -1, SQLITE_TRANSIENT);
      _sm_bind_text_or_null (stmt, 6, s->note);
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_signals (SmStore    *store,
             GPtrArray  *histories,
             GError    **error)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) list = sm_store_list_member_kinds (store, error);
  g_autoptr(GHashTable) needs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (store);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (list, i);

      g_hash_table_insert (kinds, k->code, GSIZE_TO_POINTER ((gsize) k->id));
    }
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);

      g_hash_table_insert (needs, g_strdup (c->code), GSIZE_TO_POINTER ((gsize) c->id));
    }
  for (guint i = 0; i < histories->len; i++)
    {
      SmSignalHistory *h = g_ptr_array_index (histories, i);
      SmSignalRecord *r = &h->signal;
      gint64 kind = r->member_kind ? (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (kinds, r->member_kind)) : 0;
      sqlite3_stmt *stmt;

      if (r->member_kind != NULL && kind == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a member of the signalling system"),
                       r->member_kind);
          return FALSE;
        }
      r->id = _sm_store_insert_signal (store, r, kind, r->state, TRUE, error);
      if (r->id == 0)
        return FALSE;
      for (guint j = 0; r->needs != NULL && r->needs[j] != NULL; j++)
        {
          gint64 category = (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (needs, r->needs[j]));

          if (category == 0)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a need category"), r->needs[j]);
              return FALSE;
            }
          stmt = _sm_store_prepare (store, "INSERT OR IGNORE INTO signal_need (signal_id, category_id) VALUES (?, ?)",
                                    error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, r->id);
          sqlite3_bind_int64 (stmt, 2, category);
          if (!_sm_store_step_done (store, stmt, error))
            return FALSE;
        }
      if (!insert_steps (store, "INSERT INTO signal_step (signal_id, from_state, to_state, at, by_whom, note)"
                                " VALUES (?, ?, ?, ?, ?, ?)", r->id, h->steps, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sm_store_add_signal_histories:
 * @histories: (element-type SmSignalHistory): each signal's id is set
 *
 * Writes the signals, the needs they name and their steps, all or none.
 */
gboolean
sm_store_add_signal_histories (SmStore    *store,
                               GPtrArray  *histories,
                               GError    **error)
{
  if (!sm_store_begin (store, error))
    return FALSE;
  if (!add_signals (store, histories, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return sm_store_commit (store, error);
}

/**
 * sm_store_add_case_histories:
 * @histories: (element-type SmCaseHistory): each case's id is set
 *
 * Writes the case files and their steps, all or none.
 */
gboolean
sm_store_add_case_histories (SmStore    *store,
                             GPtrArray  *histories,
                             GError    **error)
{
  if (!sm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < histories->len; i++)
    {
      SmCaseHistory *h = g_ptr_array_index (histories, i);
      SmCaseFileRecord *c = &h->file;
      sqlite3_stmt *stmt = _sm_store_prepare (store,
        "INSERT INTO case_file (household_id, signal_id, stage, caseworker, opened_on, stage_since, reviewed_on,"
        " closed_on, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, c->household_id);
      if (c->signal_id != 0)
        sqlite3_bind_int64 (stmt, 2, c->signal_id);
      else
        sqlite3_bind_null (stmt, 2);
      sqlite3_bind_text (stmt, 3, c->stage, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, c->caseworker, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, c->opened_on, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, c->stage_since, -1, SQLITE_TRANSIENT);
      _sm_bind_text_or_null (stmt, 7, c->reviewed_on);
      _sm_bind_text_or_null (stmt, 8, c->closed_on);
      sqlite3_bind_int (stmt, 9, c->synthetic ? 1 : 0);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
      c->id = _sm_store_last_insert_id (store);
      if (!insert_steps (store, "INSERT INTO case_step (case_id, from_stage, to_stage, at, by_whom, note)"
                                " VALUES (?, ?, ?, ?, ?, ?)", c->id, h->steps, error))
        goto fail;
    }
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}
