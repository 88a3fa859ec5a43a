#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-store-referrals.h"

void
sm_referral_record_free (SmReferralRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->reason);
  g_free (r->urgency);
  g_free (r->consent_note);
  g_free (r->state);
  g_free (r->sent_on);
  g_free (r->sent_by);
  g_free (r->answered_on);
  g_free (r->closed_on);
  g_free (r->decline_reason);
  g_free (r->outcome);
  g_strfreev (r->needs);
  g_free (r->service_name);
  g_free (r->organization_name);
  g_free (r->location_name);
  g_free (r);
}

void
sm_referral_step_record_free (SmReferralStepRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->from_state);
  g_free (r->to_state);
  g_free (r->on_day);
  g_free (r->by_whom);
  g_free (r->note);
  g_free (r);
}

void
sm_capacity_row_free (SmCapacityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->service_name);
  g_free (row->organization_name);
  g_free (row);
}

void
sm_workday_exception_free (SmWorkdayException *row)
{
  if (row == NULL)
    return;
  g_free (row->day);
  g_free (row->name);
  g_free (row);
}

static gboolean
exists (SmStore     *store,
        const char  *sql,
        gint64       id)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           column,
                 gint64        id)
{
  if (id != 0)
    sqlite3_bind_int64 (stmt, column, id);
  else
    sqlite3_bind_null (stmt, column);
}

/* What a referral points at exists: the household, the signal and case
 * if given, the service, and the location as one where the service is
 * offered. */
static gboolean
check_targets (SmStore                *store,
               const SmReferralRecord *r,
               GError                **error)
{
  if (!exists (store, "SELECT 1 FROM household WHERE id = ?", r->household_id))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no household %lld"),
                   (long long) r->household_id);
      return FALSE;
    }
  if (r->signal_id != 0 && !exists (store, "SELECT 1 FROM signal WHERE id = ?", r->signal_id))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no signal %lld"), (long long) r->signal_id);
      return FALSE;
    }
  if (r->case_id != 0 && !exists (store, "SELECT 1 FROM case_file WHERE id = ?", r->case_id))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no case %lld"), (long long) r->case_id);
      return FALSE;
    }
  if (!exists (store, "SELECT 1 FROM service WHERE id = ?", r->service_id))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no service %lld"), (long long) r->service_id);
      return FALSE;
    }
  return r->location_id == 0 || _sm_store_check_offered_at (store, r->service_id, r->location_id, error);
}

static gboolean
insert_step (SmStore     *store,
             gint64       id,
             const char  *from,
             const char  *to,
             const char  *on_day,
             const char  *by,
             const char  *note,
             GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT INTO referral_step (referral_id, from_state, to_state, on_day, by_whom, note)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  _sm_bind_text_or_null (stmt, 2, from);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, on_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, by, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 6, note);
  return _sm_store_step_done (store, stmt, error);
}

/**
 * sm_store_add_referral:
 *
 * Writes a referral as sent on @record's sent_on by its sent_by, with its
 * needs and its first step, in one transaction. The caller checks the
 * rules (sm_referral_send()).
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_store_add_referral (SmStore                *store,
                       const SmReferralRecord *r,
                       GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!_sm_store_check_date (_("sent on"), r->sent_on, FALSE, error) || !check_targets (store, r, error) ||
      !sm_store_begin (store, error))
    return 0;
  stmt = _sm_store_prepare (store,
    "INSERT INTO referral (household_id, signal_id, case_id, service_id, location_id, reason, urgency,"
    " consent, consent_note, state, sent_on, sent_by, synthetic)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'sent', ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, r->household_id);
  bind_id_or_null (stmt, 2, r->signal_id);
  bind_id_or_null (stmt, 3, r->case_id);
  sqlite3_bind_int64 (stmt, 4, r->service_id);
  bind_id_or_null (stmt, 5, r->location_id);
  sqlite3_bind_text (stmt, 6, r->reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, r->urgency ? r->urgency : "normal", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 8, r->consent ? 1 : 0);
  _sm_bind_text_or_null (stmt, 9, r->consent_note);
  sqlite3_bind_text (stmt, 10, r->sent_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, r->sent_by, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, r->synthetic ? 1 : 0);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  id = _sm_store_last_insert_id (store);
  for (guint i = 0; r->needs != NULL && r->needs[i] != NULL; i++)
    {
      stmt = _sm_store_prepare (store,
        "INSERT OR IGNORE INTO referral_need (referral_id, category_id)"
        " SELECT ?, id FROM need_category WHERE code = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, r->needs[i], -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
      if (sqlite3_changes (_sm_store_get_db (store)) == 0 &&
          !_sm_store_need_is_known (store, r->needs[i], error))
        goto fail;
    }
  if (!insert_step (store, id, NULL, "sent", r->sent_on, r->sent_by, r->reason, error) ||
      !sm_store_commit (store, error))
    goto fail;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

#define REFERRAL_COLUMNS \
  "r.id, r.household_id, r.signal_id, r.case_id, r.service_id, r.location_id, r.reason, r.urgency," \
  " r.consent, r.consent_note, r.state, r.sent_on, r.sent_by, r.answered_on, r.closed_on," \
  " r.decline_reason, r.outcome, r.capacity_available, r.waiting_list, r.synthetic," \
  " (SELECT group_concat (c.code, ' ') FROM referral_need AS n JOIN need_category AS c" \
  "   ON c.id = n.category_id WHERE n.referral_id = r.id)," \
  " s.name, o.id, o.name, l.name" \
  " FROM referral AS r JOIN service AS s ON s.id = r.service_id" \
  " JOIN organization AS o ON o.id = s.organization_id" \
  " LEFT JOIN location AS l ON l.id = r.location_id"

static gpointer
read_referral (sqlite3_stmt *stmt)
{
  SmReferralRecord *r = g_new0 (SmReferralRecord, 1);
  const char *needs = (const char *) sqlite3_column_text (stmt, 20);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->household_id = sqlite3_column_int64 (stmt, 1);
  r->signal_id = sqlite3_column_int64 (stmt, 2);
  r->case_id = sqlite3_column_int64 (stmt, 3);
  r->service_id = sqlite3_column_int64 (stmt, 4);
  r->location_id = sqlite3_column_int64 (stmt, 5);
  r->reason = _sm_store_column_dup (stmt, 6);
  r->urgency = _sm_store_column_dup (stmt, 7);
  r->consent = sqlite3_column_int (stmt, 8) != 0;
  r->consent_note = _sm_store_column_dup (stmt, 9);
  r->state = _sm_store_column_dup (stmt, 10);
  r->sent_on = _sm_store_column_dup (stmt, 11);
  r->sent_by = _sm_store_column_dup (stmt, 12);
  r->answered_on = _sm_store_column_dup (stmt, 13);
  r->closed_on = _sm_store_column_dup (stmt, 14);
  r->decline_reason = _sm_store_column_dup (stmt, 15);
  r->outcome = _sm_store_column_dup (stmt, 16);
  r->capacity_available = _sm_store_column_int_or (stmt, 17, -1);
  r->waiting_list = _sm_store_column_int_or (stmt, 18, -1);
  r->synthetic = sqlite3_column_int (stmt, 19) != 0;
  r->needs = needs != NULL ? g_strsplit (needs, " ", -1) : g_new0 (char *, 1);
  r->service_name = _sm_store_column_dup (stmt, 21);
  r->organization_id = sqlite3_column_int64 (stmt, 22);
  r->organization_name = _sm_store_column_dup (stmt, 23);
  r->location_name = _sm_store_column_dup (stmt, 24);
  return r;
}

SmReferralRecord *
sm_store_get_referral (SmStore  *store,
                       gint64    id,
                       GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " REFERRAL_COLUMNS " WHERE r.id = ?", error);
  SmReferralRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = read_referral (stmt);
  sqlite3_reset (stmt);
  if (r == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no referral %lld"), (long long) id);
  return r;
}

/**
 * sm_store_list_referrals:
 * @query: (nullable): which; %NULL: all
 *
 * Returns: (transfer full) (element-type SmReferralRecord): the oldest first
 */
GPtrArray *
sm_store_list_referrals (SmStore                *store,
                         const SmReferralQuery  *query,
                         GError                **error)
{
  SmReferralQuery all = { 0 };
  const SmReferralQuery *q = query ? query : &all;
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " REFERRAL_COLUMNS
    " WHERE (?1 = 0 OR r.household_id = ?1) AND (?2 = 0 OR o.id = ?2) AND (?3 = 0 OR r.service_id = ?3)"
    " AND (?4 = 0 OR r.state IN ('sent', 'accepted', 'started'))"
    " ORDER BY r.sent_on, r.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, q->household_id);
  sqlite3_bind_int64 (stmt, 2, q->organization_id);
  sqlite3_bind_int64 (stmt, 3, q->service_id);
  sqlite3_bind_int (stmt, 4, q->open_only ? 1 : 0);
  return _sm_store_read_rows (store, stmt, read_referral, (GDestroyNotify) sm_referral_record_free, error);
}

static gpointer
read_step (sqlite3_stmt *stmt)
{
  SmReferralStepRecord *r = g_new0 (SmReferralStepRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->from_state = _sm_store_column_dup (stmt, 1);
  r->to_state = _sm_store_column_dup (stmt, 2);
  r->on_day = _sm_store_column_dup (stmt, 3);
  r->by_whom = _sm_store_column_dup (stmt, 4);
  r->note = _sm_store_column_dup (stmt, 5);
  return r;
}

/* Returns: (transfer full) (element-type SmReferralStepRecord): in order */
GPtrArray *
sm_store_list_referral_steps (SmStore  *store,
                              gint64    id,
                              GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, from_state, to_state, on_day, by_whom, note FROM referral_step"
    " WHERE referral_id = ? ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_read_rows (store, stmt, read_step, (GDestroyNotify) sm_referral_step_record_free, error);
}

/**
 * sm_store_step_referral:
 * @on_day: the day, "YYYY-MM-DD"
 * @decline_reason: (nullable): with @to "declined"
 * @outcome: (nullable): with @to "completed"
 *
 * The referral's state becomes @to if it is still @from (else
 * %SM_ERROR_CONSTRAINT), with the step kept. An acceptance or a refusal
 * is the service's answer and its day is kept; a refusal, a completion or
 * a withdrawal closes the referral. A refusal for lack of capacity keeps
 * the service's capacity and waiting list of that moment. The caller
 * checks the step is allowed (sm_referral_check_step()).
 */
gboolean
sm_store_step_referral (SmStore     *store,
                        gint64       id,
                        const char  *from,
                        const char  *to,
                        const char  *on_day,
                        const char  *by,
                        const char  *note,
                        const char  *decline_reason,
                        const char  *outcome,
                        GError     **error)
{
  sqlite3_stmt *update;

  if (!_sm_store_check_date (_("day"), on_day, FALSE, error) || !sm_store_begin (store, error))
    return FALSE;
  update = _sm_store_prepare (store,
    "UPDATE referral SET state = ?1,"
    " answered_on = CASE WHEN answered_on IS NULL AND ?1 IN ('accepted', 'declined') THEN ?2 ELSE answered_on END,"
    " closed_on = CASE WHEN ?1 IN ('declined', 'completed', 'withdrawn') THEN ?2 END,"
    " decline_reason = ?5, outcome = ?6,"
    " capacity_available = CASE WHEN ?5 = 'no_capacity' THEN"
    "   (SELECT sum (available) FROM service_capacity WHERE service_id = referral.service_id) END,"
    " waiting_list = CASE WHEN ?5 = 'no_capacity' THEN"
    "   (SELECT waiting_list FROM service WHERE id = referral.service_id) END"
    " WHERE id = ?3 AND state = ?4", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_text (update, 1, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, on_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 3, id);
  sqlite3_bind_text (update, 4, from, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (update, 5, decline_reason);
  _sm_bind_text_or_null (update, 6, outcome);
  if (!_sm_store_step_done (store, update, error))
    goto fail;
  if (sqlite3_changes (_sm_store_get_db (store)) != 1)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("Referral %lld changed meanwhile; look at it again"), (long long) id);
      goto fail;
    }
  if (!insert_step (store, id, from, to, on_day, by, note, error))
    goto fail;
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

static gpointer
read_capacity_row (sqlite3_stmt *stmt)
{
  SmCapacityRow *row = g_new0 (SmCapacityRow, 1);

  row->service_id = sqlite3_column_int64 (stmt, 0);
  row->service_name = _sm_store_column_dup (stmt, 1);
  row->organization_name = _sm_store_column_dup (stmt, 2);
  row->received = sqlite3_column_int64 (stmt, 3);
  row->declined_no_capacity = sqlite3_column_int64 (stmt, 4);
  row->available = _sm_store_column_int_or (stmt, 5, -1);
  row->maximum = _sm_store_column_int_or (stmt, 6, -1);
  row->waiting_list = _sm_store_column_int_or (stmt, 7, -1);
  return row;
}

/**
 * sm_store_list_capacity_rows:
 * @from_day: (nullable): referrals sent on or after this day
 * @to_day: (nullable): and on or before this one
 *
 * Returns: (transfer full) (element-type SmCapacityRow): every service that
 *   received a referral in the period, the most refusals for lack of
 *   capacity first
 */
GPtrArray *
sm_store_list_capacity_rows (SmStore     *store,
                             const char  *from_day,
                             const char  *to_day,
                             GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT s.id, s.name, o.name, count (*),"
    " sum (r.decline_reason IS NOT NULL AND r.decline_reason = 'no_capacity'),"
    " (SELECT sum (available) FROM service_capacity WHERE service_id = s.id),"
    " (SELECT sum (maximum) FROM service_capacity WHERE service_id = s.id),"
    " s.waiting_list"
    " FROM referral AS r JOIN service AS s ON s.id = r.service_id"
    " JOIN organization AS o ON o.id = s.organization_id"
    " WHERE (?1 IS NULL OR r.sent_on >= ?1) AND (?2 IS NULL OR r.sent_on <= ?2)"
    " GROUP BY s.id ORDER BY 5 DESC, 4 DESC, s.name, s.id", error);

  if (stmt == NULL)
    return NULL;
  _sm_bind_text_or_null (stmt, 1, from_day);
  _sm_bind_text_or_null (stmt, 2, to_day);
  return _sm_store_read_rows (store, stmt, read_capacity_row, (GDestroyNotify) sm_capacity_row_free, error);
}

/* --- working days ----------------------------------------------------- */

static gpointer
read_exception (sqlite3_stmt *stmt)
{
  SmWorkdayException *row = g_new0 (SmWorkdayException, 1);

  row->day = _sm_store_column_dup (stmt, 0);
  row->workday = sqlite3_column_int (stmt, 1) != 0;
  row->name = _sm_store_column_dup (stmt, 2);
  return row;
}

/* Returns: (transfer full) (element-type SmWorkdayException): by day */
GPtrArray *
sm_store_list_workday_exceptions (SmStore  *store,
                                  GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT day, workday, name FROM workday_exception ORDER BY day", error);

  if (stmt == NULL)
    return NULL;
  return _sm_store_read_rows (store, stmt, read_exception, (GDestroyNotify) sm_workday_exception_free, error);
}

/**
 * sm_store_set_workday_exception:
 * @workday: whether @day is worked (a working Saturday) or not (a moved
 *   rest day, a local holiday)
 */
gboolean
sm_store_set_workday_exception (SmStore     *store,
                                const char  *day,
                                gboolean     workday,
                                const char  *name,
                                GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_sm_store_check_date (_("day"), day, FALSE, error))
    return FALSE;
  stmt = _sm_store_prepare (store,
    "INSERT INTO workday_exception (day, workday, name) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (day) DO UPDATE SET workday = ?2, name = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, workday ? 1 : 0);
  _sm_bind_text_or_null (stmt, 3, name);
  return _sm_store_run_action (store, stmt, error);
}

gboolean
sm_store_remove_workday_exception (SmStore     *store,
                                   const char  *day,
                                   GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM workday_exception WHERE day = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  if (!_sm_store_run_action (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_sm_store_get_db (store)) == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("No day %s is set in the calendar"), day);
      return FALSE;
    }
  return TRUE;
}
