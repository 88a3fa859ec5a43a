#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-store-signals.h"

/* The signal tables of schema 7: signals, the steps of their life. */

static const char * const channels[] = { "written", "email", "phone", "in_person", NULL };

void
sm_signal_record_free (SmSignalRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->received_at);
  g_free (r->member_kind);
  g_free (r->signaller);
  g_free (r->channel);
  g_free (r->about);
  g_free (r->answer);
  g_free (r->answered_on);
  g_free (r);
}

/**
 * sm_store_add_signal:
 *
 * Stores a received signal (its state is received, whatever @record says).
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_store_add_signal (SmStore              *store,
                     const SmSignalRecord *r,
                     GError              **error)
{
  sqlite3_stmt *stmt;
  gint64 kind = 0;
  const char *about = r->about;

  while (about != NULL && g_ascii_isspace (*about))
    about++;
  if (about == NULL || *about == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say what the signal is about"));
      return 0;
    }
  if (!_sm_store_check_one_of ("channel", r->channel ? r->channel : "", channels, error))
    return 0;
  if (r->received_at == NULL || g_utf8_strlen (r->received_at, -1) != 16)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a time of receipt; write it as 2025-03-01 14:30"),
                   r->received_at ? r->received_at : "");
      return 0;
    }
  if (r->member_kind != NULL)
    {
      stmt = _sm_store_prepare (store, "SELECT id FROM signal_member_kind WHERE code = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, r->member_kind, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        kind = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (kind == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                       _("“%s” is not a member of the signalling system"), r->member_kind);
          return 0;
        }
    }
  stmt = _sm_store_prepare (store,
    "INSERT INTO signal (received_at, member_kind_id, signaller, anonymous, channel, household_id,"
    " about, urgency, state, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, r->received_at, -1, SQLITE_TRANSIENT);
  if (kind != 0)
    sqlite3_bind_int64 (stmt, 2, kind);
  else
    sqlite3_bind_null (stmt, 2);
  _sm_bind_text_or_null (stmt, 3, r->anonymous ? NULL : r->signaller);
  sqlite3_bind_int (stmt, 4, r->anonymous ? 1 : 0);
  sqlite3_bind_text (stmt, 5, r->channel, -1, SQLITE_TRANSIENT);
  if (r->household_id != 0)
    sqlite3_bind_int64 (stmt, 6, r->household_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, r->about, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, sm_enum_to_nick (SM_TYPE_SIGNAL_URGENCY, r->urgency), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 9, r->synthetic ? 1 : 0);
  if (!_sm_store_run_action (store, stmt, error))
    return 0;
  return _sm_store_last_insert_id (store);
}

#define SIGNAL_COLUMNS \
  "s.id, s.received_at, k.code, s.signaller, s.anonymous, s.channel, s.household_id, s.about," \
  " s.urgency, s.state, s.answer, s.answered_on, s.synthetic" \
  " FROM signal AS s LEFT JOIN signal_member_kind AS k ON k.id = s.member_kind_id"

static char *
column_text (sqlite3_stmt *stmt,
             int           i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

static SmSignalRecord *
read_signal (sqlite3_stmt *stmt)
{
  SmSignalRecord *r = g_new0 (SmSignalRecord, 1);
  int value = 0;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->received_at = column_text (stmt, 1);
  r->member_kind = column_text (stmt, 2);
  r->signaller = column_text (stmt, 3);
  r->anonymous = sqlite3_column_int (stmt, 4) != 0;
  r->channel = column_text (stmt, 5);
  r->household_id = sqlite3_column_int64 (stmt, 6);
  r->about = column_text (stmt, 7);
  if (sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, (const char *) sqlite3_column_text (stmt, 8), &value))
    r->urgency = value;
  if (sm_enum_parse (SM_TYPE_SIGNAL_STATE, (const char *) sqlite3_column_text (stmt, 9), &value))
    r->state = value;
  r->answer = column_text (stmt, 10);
  r->answered_on = column_text (stmt, 11);
  r->synthetic = sqlite3_column_int (stmt, 12) != 0;
  return r;
}

/**
 * sm_store_get_signal:
 *
 * Returns: (transfer full): the signal, or %NULL with %SM_ERROR_NOT_FOUND
 */
SmSignalRecord *
sm_store_get_signal (SmStore  *store,
                     gint64    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " SIGNAL_COLUMNS " WHERE s.id = ?", error);
  SmSignalRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = read_signal (stmt);
  sqlite3_reset (stmt);
  if (r == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no signal %lld"), (long long) id);
  return r;
}

/**
 * sm_store_list_signals:
 * @open_only: only those not answered yet
 *
 * Returns: (transfer full) (element-type SmSignalRecord): the oldest first
 */
GPtrArray *
sm_store_list_signals (SmStore   *store,
                       gboolean   open_only,
                       GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, open_only
    ? "SELECT " SIGNAL_COLUMNS " WHERE s.state <> 'answered' ORDER BY s.received_at, s.id"
    : "SELECT " SIGNAL_COLUMNS " ORDER BY s.received_at, s.id", error);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_signal_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_signal (stmt));
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * sm_store_step_signal:
 *
 * Records one step of a signal's life: its state becomes @to, if it is
 * still @from (else %SM_ERROR_CONSTRAINT: someone else took a step
 * meanwhile), and the step is kept with who, when and why. The caller
 * checks that the step is allowed (sm_signal_check_step()).
 */
gboolean
sm_store_step_signal (SmStore        *store,
                      gint64          id,
                      SmSignalState   from,
                      SmSignalState   to,
                      const char     *at,
                      const char     *by,
                      const char     *note,
                      GError        **error)
{
  sqlite3_stmt *update, *step;

  if (!sm_store_begin (store, error))
    return FALSE;
  update = _sm_store_prepare (store, "UPDATE signal SET state = ? WHERE id = ? AND state = ?", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_text (update, 1, sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, to), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (update, 2, id);
  sqlite3_bind_text (update, 3, sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, from), -1, SQLITE_STATIC);
  if (!_sm_store_step_done (store, update, error))
    goto fail;
  if (sqlite3_changes (_sm_store_get_db (store)) != 1)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("Signal %lld changed meanwhile; look at it again"), (long long) id);
      goto fail;
    }
  step = _sm_store_prepare (store,
    "INSERT INTO signal_step (signal_id, from_state, to_state, at, by_whom, note) VALUES (?, ?, ?, ?, ?, ?)",
    error);
  if (step == NULL)
    goto fail;
  sqlite3_bind_int64 (step, 1, id);
  sqlite3_bind_text (step, 2, sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, from), -1, SQLITE_STATIC);
  sqlite3_bind_text (step, 3, sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, to), -1, SQLITE_STATIC);
  sqlite3_bind_text (step, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (step, 5, by, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (step, 6, note);
  if (!_sm_store_step_done (store, step, error))
    goto fail;
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

/* The written answer to the signaller, with its day. */
gboolean
sm_store_set_signal_answer (SmStore     *store,
                            gint64       id,
                            const char  *answer,
                            const char  *answered_on,
                            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "UPDATE signal SET answer = ?, answered_on = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  _sm_bind_text_or_null (stmt, 1, answer);
  _sm_bind_text_or_null (stmt, 2, answered_on);
  sqlite3_bind_int64 (stmt, 3, id);
  return _sm_store_run_action (store, stmt, error);
}

gint64
sm_store_count_signal_steps (SmStore *store,
                             gint64   id)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT count(*) FROM signal_step WHERE signal_id = ?",
                                          NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
