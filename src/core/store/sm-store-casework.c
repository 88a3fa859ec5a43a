#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-text.h"
#include "sm-store-casework.h"
#include "sm-store-private.h"

/* The case work tables of schema 8: case files and their steps,
 * interventions, case conferences with what and whom they discussed and
 * what they decided. The rules of a case's stages are in
 * cases/sm-case-life.c; here they are written and read. */

static const char * const families[] = { "housing", "administrative", "guardianship", "service", NULL };
static const char * const conference_kinds[] = { "discussion", "conference", NULL };

void
sm_case_file_record_free (SmCaseFileRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->stage);
  g_free (r->caseworker);
  g_free (r->opened_on);
  g_free (r->stage_since);
  g_free (r->reviewed_on);
  g_free (r->closed_on);
  g_free (r);
}

void
sm_intervention_record_free (SmInterventionRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->area);
  g_free (r->family);
  g_free (r->kind);
  g_free (r->on_date);
  g_free (r->organization);
  g_free (r->outcome);
  g_free (r);
}

void
sm_decision_record_free (SmDecisionRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->decision);
  g_free (r->owner);
  g_free (r->due_on);
  g_free (r);
}

void
sm_conference_record_free (SmConferenceRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->held_on);
  g_free (r->kind);
  g_free (r->participants);
  g_free (r->notes);
  g_clear_pointer (&r->household_ids, g_array_unref);
  g_clear_pointer (&r->signal_ids, g_array_unref);
  g_clear_pointer (&r->decisions, g_ptr_array_unref);
  g_free (r);
}

/* Whether household or signal @id exists. */
static gboolean
row_exists (SmStore     *store,
            const char  *sql,
            gint64       id,
            gboolean     is_household,
            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, sql, error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!found && is_household)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no household %lld"), (long long) id);
  else if (!found)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no signal %lld"), (long long) id);
  return found;
}

static gboolean
household_exists (SmStore  *store,
                  gint64    id,
                  GError  **error)
{
  return row_exists (store, "SELECT 1 FROM household WHERE id = ?", id, TRUE, error);
}

static gboolean
signal_exists (SmStore  *store,
               gint64    id,
               GError  **error)
{
  return row_exists (store, "SELECT 1 FROM signal WHERE id = ?", id, FALSE, error);
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

/* --- case files ------------------------------------------------------- */

/**
 * sm_store_add_case_file:
 *
 * Opens a case file for a household: its stage is opened, since
 * @record's opened_on, whatever else @record says.
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_store_add_case_file (SmStore                *store,
                        const SmCaseFileRecord *r,
                        GError                **error)
{
  sqlite3_stmt *stmt;

  if (!household_exists (store, r->household_id, error) ||
      (r->signal_id != 0 && !signal_exists (store, r->signal_id, error)) ||
      !_sm_store_check_date (_("opened on"), r->opened_on, FALSE, error))
    return 0;
  if (sm_text_is_blank (r->caseworker))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who the responsible caseworker is"));
      return 0;
    }
  stmt = _sm_store_prepare (store,
    "INSERT INTO case_file (household_id, signal_id, stage, caseworker, opened_on, stage_since, synthetic)"
    " VALUES (?, ?, 'opened', ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, r->household_id);
  bind_id_or_null (stmt, 2, r->signal_id);
  sqlite3_bind_text (stmt, 3, r->caseworker, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, r->opened_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, r->opened_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, r->synthetic ? 1 : 0);
  return _sm_store_insert_returning_id (store, stmt, error);
}

#define CASE_COLUMNS \
  "id, household_id, signal_id, stage, caseworker, opened_on, stage_since, reviewed_on, closed_on," \
  " synthetic FROM case_file"

static SmCaseFileRecord *
read_case_file (sqlite3_stmt *stmt)
{
  SmCaseFileRecord *r = g_new0 (SmCaseFileRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->household_id = sqlite3_column_int64 (stmt, 1);
  r->signal_id = sqlite3_column_int64 (stmt, 2);
  r->stage = _sm_store_column_dup (stmt, 3);
  r->caseworker = _sm_store_column_dup (stmt, 4);
  r->opened_on = _sm_store_column_dup (stmt, 5);
  r->stage_since = _sm_store_column_dup (stmt, 6);
  r->reviewed_on = _sm_store_column_dup (stmt, 7);
  r->closed_on = _sm_store_column_dup (stmt, 8);
  r->synthetic = sqlite3_column_int (stmt, 9) != 0;
  return r;
}

SmCaseFileRecord *
sm_store_get_case_file (SmStore  *store,
                        gint64    id,
                        GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " CASE_COLUMNS " WHERE id = ?", error);
  SmCaseFileRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = read_case_file (stmt);
  sqlite3_reset (stmt);
  if (r == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no case %lld"), (long long) id);
  return r;
}

/**
 * sm_store_list_case_files:
 * @household_id: only this household's; 0: every household's
 * @open_only: only those not closed
 *
 * Returns: (transfer full) (element-type SmCaseFileRecord): the oldest first
 */
GPtrArray *
sm_store_list_case_files (SmStore   *store,
                          gint64     household_id,
                          gboolean   open_only,
                          GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " CASE_COLUMNS
    " WHERE (?1 = 0 OR household_id = ?1) AND (?2 = 0 OR stage <> 'closed') ORDER BY opened_on, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int (stmt, 2, open_only ? 1 : 0);
  return _sm_store_read_rows (store, stmt, (gpointer (*) (sqlite3_stmt *)) read_case_file,
                              (GDestroyNotify) sm_case_file_record_free, error);
}

static gboolean
insert_case_step (SmStore     *store,
                  gint64       id,
                  const char  *from,
                  const char  *to,
                  const char  *at,
                  const char  *by,
                  const char  *note,
                  GError     **error)
{
  sqlite3_stmt *step = _sm_store_prepare (store,
    "INSERT INTO case_step (case_id, from_stage, to_stage, at, by_whom, note) VALUES (?, ?, ?, ?, ?, ?)",
    error);

  if (step == NULL)
    return FALSE;
  sqlite3_bind_int64 (step, 1, id);
  sqlite3_bind_text (step, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (step, 3, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (step, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (step, 5, by, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (step, 6, note);
  return _sm_store_step_done (store, step, error);
}

/**
 * sm_store_step_case_file:
 * @at: the day, "YYYY-MM-DD"
 *
 * The case's stage becomes @to, if it is still @from (else
 * %SM_ERROR_CONSTRAINT), with the step kept; a closed case has its day of
 * closing, a reopened one loses it. The caller checks the step is allowed
 * (sm_case_check_step()).
 */
gboolean
sm_store_step_case_file (SmStore     *store,
                         gint64       id,
                         const char  *from,
                         const char  *to,
                         const char  *at,
                         const char  *by,
                         const char  *note,
                         GError     **error)
{
  sqlite3_stmt *update;

  if (!sm_store_begin (store, error))
    return FALSE;
  update = _sm_store_prepare (store,
    "UPDATE case_file SET stage = ?1, stage_since = ?2,"
    " closed_on = CASE WHEN ?1 = 'closed' THEN ?2 ELSE NULL END WHERE id = ?3 AND stage = ?4", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_text (update, 1, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 3, id);
  sqlite3_bind_text (update, 4, from, -1, SQLITE_TRANSIENT);
  if (!_sm_store_step_done (store, update, error))
    goto fail;
  if (sqlite3_changes (_sm_store_get_db (store)) != 1)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("Case %lld changed meanwhile; look at it again"), (long long) id);
      goto fail;
    }
  if (!insert_case_step (store, id, from, to, at, by, note, error))
    goto fail;
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

/* A review of the care plan on day @on, kept as a step that stays in the
 * stage. */
gboolean
sm_store_review_case_file (SmStore     *store,
                           gint64       id,
                           const char  *on,
                           const char  *by,
                           const char  *note,
                           GError     **error)
{
  g_autoptr(SmCaseFileRecord) file = sm_store_get_case_file (store, id, error);
  sqlite3_stmt *update;

  if (file == NULL || !sm_store_begin (store, error))
    return FALSE;
  update = _sm_store_prepare (store, "UPDATE case_file SET reviewed_on = ? WHERE id = ?", error);
  if (update == NULL)
    goto fail;
  sqlite3_bind_text (update, 1, on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 2, id);
  if (!_sm_store_step_done (store, update, error) ||
      !insert_case_step (store, id, file->stage, file->stage, on, by, note ? note : "review", error))
    goto fail;
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

/* --- interventions ---------------------------------------------------- */

/**
 * sm_store_add_intervention:
 *
 * An intervention on a household or on a hotspot area (one of the two).
 * Its kind is checked against its family by the caller
 * (sm_intervention_kind_find()).
 */
gint64
sm_store_add_intervention (SmStore                    *store,
                           const SmInterventionRecord *r,
                           GError                    **error)
{
  sqlite3_stmt *stmt;

  if ((r->household_id == 0) == sm_text_is_blank (r->area))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("An intervention is on a household or on an area: give one of them"));
      return 0;
    }
  if ((r->household_id != 0 && !household_exists (store, r->household_id, error)) ||
      !_sm_store_check_one_of ("family", r->family ? r->family : "", families, error) ||
      !_sm_store_check_date (_("date"), r->on_date, FALSE, error) ||
      !_sm_store_check_location (r->has_area_location, r->area_lat, r->area_lon, error))
    return 0;
  if (sm_text_is_blank (r->kind) || sm_text_is_blank (r->organization))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("An intervention needs its kind and the organization responsible for it"));
      return 0;
    }
  stmt = _sm_store_prepare (store,
    "INSERT INTO intervention (household_id, area, area_lat, area_lon, family, kind, on_date, organization,"
    " outcome, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  bind_id_or_null (stmt, 1, r->household_id);
  _sm_bind_text_or_null (stmt, 2, r->household_id != 0 ? NULL : r->area);
  if (r->has_area_location && r->household_id == 0)
    {
      sqlite3_bind_double (stmt, 3, r->area_lat);
      sqlite3_bind_double (stmt, 4, r->area_lon);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_null (stmt, 4);
    }
  sqlite3_bind_text (stmt, 5, r->family, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, r->on_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, r->organization, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 9, r->outcome);
  sqlite3_bind_int (stmt, 10, r->synthetic ? 1 : 0);
  return _sm_store_insert_returning_id (store, stmt, error);
}

static SmInterventionRecord *
read_intervention (sqlite3_stmt *stmt)
{
  SmInterventionRecord *r = g_new0 (SmInterventionRecord, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->household_id = sqlite3_column_int64 (stmt, 1);
  r->area = _sm_store_column_dup (stmt, 2);
  r->has_area_location = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  r->area_lat = sqlite3_column_double (stmt, 3);
  r->area_lon = sqlite3_column_double (stmt, 4);
  r->family = _sm_store_column_dup (stmt, 5);
  r->kind = _sm_store_column_dup (stmt, 6);
  r->on_date = _sm_store_column_dup (stmt, 7);
  r->organization = _sm_store_column_dup (stmt, 8);
  r->outcome = _sm_store_column_dup (stmt, 9);
  r->synthetic = sqlite3_column_int (stmt, 10) != 0;
  return r;
}

/**
 * sm_store_list_interventions:
 * @household_id: only this household's; 0: all, areas' too
 *
 * Returns: (transfer full) (element-type SmInterventionRecord): by date
 */
GPtrArray *
sm_store_list_interventions (SmStore  *store,
                             gint64    household_id,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, household_id, area, area_lat, area_lon, family, kind, on_date, organization, outcome,"
    " synthetic FROM intervention WHERE ?1 = 0 OR household_id = ?1 ORDER BY on_date, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  return _sm_store_read_rows (store, stmt, (gpointer (*) (sqlite3_stmt *)) read_intervention,
                              (GDestroyNotify) sm_intervention_record_free, error);
}

/* --- case conferences ------------------------------------------------- */

static gboolean
insert_subject (SmStore     *store,
                gint64       conference,
                gint64       household,
                gint64       signal,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if ((household != 0 && !household_exists (store, household, error)) ||
      (signal != 0 && !signal_exists (store, signal, error)))
    return FALSE;
  stmt = _sm_store_prepare (store,
    "INSERT INTO conference_subject (conference_id, household_id, signal_id) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, conference);
  bind_id_or_null (stmt, 2, household);
  bind_id_or_null (stmt, 3, signal);
  return _sm_store_step_done (store, stmt, error);
}

/**
 * sm_store_add_conference:
 *
 * A case conference with the households and signals it discussed and its
 * decisions (each with its owner and due date), in one action.
 */
gint64
sm_store_add_conference (SmStore                  *store,
                         const SmConferenceRecord *r,
                         GError                  **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!_sm_store_check_date (_("held on"), r->held_on, FALSE, error) ||
      !_sm_store_check_one_of ("kind", r->kind ? r->kind : "", conference_kinds, error))
    return 0;
  if (sm_text_is_blank (r->participants))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who took part in the case conference"));
      return 0;
    }
  for (guint i = 0; r->decisions != NULL && i < r->decisions->len; i++)
    {
      const SmDecisionRecord *d = g_ptr_array_index (r->decisions, i);

      if (sm_text_is_blank (d->decision) || sm_text_is_blank (d->owner))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("Each decision of a case conference says what was decided and who sees to it"));
          return 0;
        }
      if (!_sm_store_check_date (_("due on"), d->due_on, FALSE, error))
        return 0;
    }
  if (!sm_store_begin (store, error))
    return 0;
  stmt = _sm_store_prepare (store,
    "INSERT INTO conference (held_on, kind, participants, notes, synthetic) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, r->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, r->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, r->participants, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 4, r->notes);
  sqlite3_bind_int (stmt, 5, r->synthetic ? 1 : 0);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  id = _sm_store_last_insert_id (store);
  for (guint i = 0; r->household_ids != NULL && i < r->household_ids->len; i++)
    if (!insert_subject (store, id, g_array_index (r->household_ids, gint64, i), 0, error))
      goto fail;
  for (guint i = 0; r->signal_ids != NULL && i < r->signal_ids->len; i++)
    if (!insert_subject (store, id, 0, g_array_index (r->signal_ids, gint64, i), error))
      goto fail;
  for (guint i = 0; r->decisions != NULL && i < r->decisions->len; i++)
    {
      const SmDecisionRecord *d = g_ptr_array_index (r->decisions, i);

      stmt = _sm_store_prepare (store,
        "INSERT INTO conference_decision (conference_id, decision, owner, due_on) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, d->decision, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, d->owner, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, d->due_on, -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!sm_store_commit (store, error))
    return 0;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

static gboolean
read_conference_parts (SmStore            *store,
                       SmConferenceRecord *c,
                       GError            **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT household_id, signal_id FROM conference_subject WHERE conference_id = ? ORDER BY rowid", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 h = sqlite3_column_int64 (stmt, 0), s = sqlite3_column_int64 (stmt, 1);

      if (h != 0)
        g_array_append_val (c->household_ids, h);
      if (s != 0)
        g_array_append_val (c->signal_ids, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = _sm_store_prepare (store,
    "SELECT decision, owner, due_on FROM conference_decision WHERE conference_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmDecisionRecord *d = g_new0 (SmDecisionRecord, 1);

      d->decision = _sm_store_column_dup (stmt, 0);
      d->owner = _sm_store_column_dup (stmt, 1);
      d->due_on = _sm_store_column_dup (stmt, 2);
      g_ptr_array_add (c->decisions, d);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;

fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

static SmConferenceRecord *
read_conference (sqlite3_stmt *stmt)
{
  SmConferenceRecord *c = g_new0 (SmConferenceRecord, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->held_on = _sm_store_column_dup (stmt, 1);
  c->kind = _sm_store_column_dup (stmt, 2);
  c->participants = _sm_store_column_dup (stmt, 3);
  c->notes = _sm_store_column_dup (stmt, 4);
  c->synthetic = sqlite3_column_int (stmt, 5) != 0;
  c->household_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  c->signal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  c->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_decision_record_free);
  return c;
}

/**
 * sm_store_list_conferences:
 * @from: (nullable): the first day, "YYYY-MM-DD"
 * @until: (nullable): the day after the last
 *
 * Returns: (transfer full) (element-type SmConferenceRecord): by date
 */
GPtrArray *
sm_store_list_conferences (SmStore     *store,
                           const char  *from,
                           const char  *until,
                           GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, held_on, kind, participants, notes, synthetic FROM conference"
    " WHERE (?1 IS NULL OR held_on >= ?1) AND (?2 IS NULL OR held_on < ?2) ORDER BY held_on, id", error);
  g_autoptr(GPtrArray) list = NULL;

  if (stmt == NULL)
    return NULL;
  _sm_bind_text_or_null (stmt, 1, from);
  _sm_bind_text_or_null (stmt, 2, until);
  list = _sm_store_read_rows (store, stmt, (gpointer (*) (sqlite3_stmt *)) read_conference,
                              (GDestroyNotify) sm_conference_record_free, error);
  /* The subjects and decisions once the list's statement is done. */
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (!read_conference_parts (store, g_ptr_array_index (list, i), error))
      return NULL;
  return g_steal_pointer (&list);
}
