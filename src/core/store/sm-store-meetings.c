#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-model.h"
#include "sm-store-roundtable.h"

/* The roundtable's meetings: who took part, the opinions gathered and the
 * decisions, written and read whole. */

/* Records */

void
sm_participant_record_free (SmParticipantRecord *r)
{
  g_free (r->organization);
  g_free (r->person);
  g_free (r->role);
  g_free (r);
}

void
sm_opinion_record_free (SmOpinionRecord *r)
{
  g_free (r->topic);
  g_free (r->text);
  g_free (r);
}

void
sm_meeting_decision_free (SmMeetingDecision *r)
{
  g_free (r->text);
  g_free (r);
}

SmMeetingRecord *
sm_meeting_record_new (void)
{
  SmMeetingRecord *m = g_new0 (SmMeetingRecord, 1);

  m->participants = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_participant_record_free);
  m->opinions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_opinion_record_free);
  m->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_meeting_decision_free);
  return m;
}

void
sm_meeting_record_free (SmMeetingRecord *m)
{
  if (m == NULL)
    return;
  g_free (m->held_on);
  g_free (m->title);
  g_free (m->place);
  g_free (m->agenda);
  g_free (m->minutes);
  g_ptr_array_unref (m->participants);
  g_ptr_array_unref (m->opinions);
  g_ptr_array_unref (m->decisions);
  g_free (m);
}

/* Meetings */

static gboolean
check_meeting (const SmMeetingRecord *m,
               GError               **error)
{
  if (!_sm_store_check_date (_("meeting day"), m->held_on, FALSE, error) ||
      !_sm_store_check_text (_("meeting's title"), m->title, error))
    return FALSE;
  for (guint i = 0; i < m->participants->len; i++)
    {
      SmParticipantRecord *p = g_ptr_array_index (m->participants, i);

      if (p->organization_id <= 0 && !_sm_store_check_text (_("participant's name"), p->person, error))
        return FALSE;
    }
  for (guint i = 0; i < m->opinions->len; i++)
    {
      SmOpinionRecord *o = g_ptr_array_index (m->opinions, i);

      if (!_sm_store_check_text (_("opinion's topic"), o->topic, error) || !_sm_store_check_text (_("opinion"), o->text, error))
        return FALSE;
      if (o->participant >= (int) m->participants->len)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("An opinion names participant %d, but the meeting has %u"),
                       o->participant + 1, m->participants->len);
          return FALSE;
        }
    }
  for (guint i = 0; i < m->decisions->len; i++)
    if (!_sm_store_check_text (_("decision"), ((SmMeetingDecision *) g_ptr_array_index (m->decisions, i))->text, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_meeting_parts (SmStore         *store,
                     gint64           id,
                     SmMeetingRecord *m,
                     GError         **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  sqlite3_stmt *stmt;

  for (guint i = 0; i < m->participants->len; i++)
    {
      SmParticipantRecord *p = g_ptr_array_index (m->participants, i);
      gint64 pid;

      stmt = _sm_store_prepare (store, "INSERT INTO meeting_participant (meeting_id, organization_id, person, role)"
                                       " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      _sm_store_bind_id (stmt, 2, p->organization_id);
      _sm_bind_text_or_null (stmt, 3, p->person && *p->person ? p->person : NULL);
      _sm_bind_text_or_null (stmt, 4, p->role && *p->role ? p->role : NULL);
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
      pid = _sm_store_last_insert_id (store);
      p->id = pid;
      g_array_append_val (ids, pid);
    }
  for (guint i = 0; i < m->opinions->len; i++)
    {
      SmOpinionRecord *o = g_ptr_array_index (m->opinions, i);

      stmt = _sm_store_prepare (store, "INSERT INTO meeting_opinion (meeting_id, participant_id, topic, text)"
                                       " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      _sm_store_bind_id (stmt, 2, o->participant >= 0 ? g_array_index (ids, gint64, o->participant) : 0);
      sqlite3_bind_text (stmt, 3, o->topic, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, o->text, -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
      o->id = _sm_store_last_insert_id (store);
    }
  for (guint i = 0; i < m->decisions->len; i++)
    {
      SmMeetingDecision *d = g_ptr_array_index (m->decisions, i);

      stmt = _sm_store_prepare (store, "INSERT INTO meeting_decision (meeting_id, text, action_id) VALUES (?, ?, ?)",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, d->text, -1, SQLITE_TRANSIENT);
      _sm_store_bind_id (stmt, 3, d->action_id);
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
      d->id = _sm_store_last_insert_id (store);
    }
  return TRUE;
}

/**
 * sm_store_save_meeting:
 * @meeting: a new meeting (id 0) or one read before; its participants,
 *   opinions and decisions take the place of those stored
 *
 * Writes the meeting as one action.
 *
 * Returns: its id, 0 with @error
 */
gint64
sm_store_save_meeting (SmStore         *store,
                       SmMeetingRecord *m,
                       GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 id = m->id;

  if (!check_meeting (m, error) || !sm_store_begin (store, error))
    return 0;
  if (id == 0)
    stmt = _sm_store_prepare (store, "INSERT INTO meeting (held_on, title, place, agenda, minutes, synthetic)"
                                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    stmt = _sm_store_prepare (store, "UPDATE meeting SET held_on = ?1, title = ?2, place = ?3, agenda = ?4,"
                                     " minutes = ?5, synthetic = ?6 WHERE id = ?7", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, m->held_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, m->title, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 3, m->place);
  _sm_bind_text_or_null (stmt, 4, m->agenda);
  _sm_bind_text_or_null (stmt, 5, m->minutes);
  sqlite3_bind_int (stmt, 6, m->synthetic ? 1 : 0);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 7, id);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  if (id == 0)
    id = _sm_store_last_insert_id (store);
  else
    {
      static const char * const clear[] = {
        "DELETE FROM meeting_opinion WHERE meeting_id = ?",
        "DELETE FROM meeting_decision WHERE meeting_id = ?",
        "DELETE FROM meeting_participant WHERE meeting_id = ?",
      };

      if (!_sm_store_check_changed (store, _("meeting"), id, error))
        goto fail;
      for (guint i = 0; i < G_N_ELEMENTS (clear); i++)
        {
          if ((stmt = _sm_store_prepare (store, clear[i], error)) == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!_sm_store_step_done (store, stmt, error))
            goto fail;
        }
    }
  if (!write_meeting_parts (store, id, m, error) || !sm_store_commit (store, error))
    goto fail;
  m->id = id;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

static gpointer
read_meeting (sqlite3_stmt *stmt)
{
  SmMeetingRecord *m = sm_meeting_record_new ();

  m->id = sqlite3_column_int64 (stmt, 0);
  m->held_on = _sm_store_column_dup (stmt, 1);
  m->title = _sm_store_column_dup (stmt, 2);
  m->place = _sm_store_column_dup (stmt, 3);
  m->agenda = _sm_store_column_dup (stmt, 4);
  m->minutes = _sm_store_column_dup (stmt, 5);
  m->synthetic = sqlite3_column_int (stmt, 6) != 0;
  return m;
}

static gboolean
read_meeting_parts (SmStore         *store,
                    SmMeetingRecord *m,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _sm_store_prepare (store, "SELECT p.id, p.organization_id, o.name, p.person, p.role"
                                   " FROM meeting_participant p LEFT JOIN organization o ON o.id = p.organization_id"
                                   " WHERE p.meeting_id = ? ORDER BY p.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmParticipantRecord *p = g_new0 (SmParticipantRecord, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->organization_id = _sm_store_column_int_or (stmt, 1, 0);
      p->organization = _sm_store_column_dup (stmt, 2);
      p->person = _sm_store_column_dup (stmt, 3);
      p->role = _sm_store_column_dup (stmt, 4);
      g_ptr_array_add (m->participants, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = _sm_store_prepare (store, "SELECT id, participant_id, topic, text FROM meeting_opinion"
                                   " WHERE meeting_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmOpinionRecord *o = g_new0 (SmOpinionRecord, 1);
      gint64 pid = _sm_store_column_int_or (stmt, 1, 0);

      o->id = sqlite3_column_int64 (stmt, 0);
      o->participant = -1;
      for (guint i = 0; pid > 0 && i < m->participants->len; i++)
        if (((SmParticipantRecord *) g_ptr_array_index (m->participants, i))->id == pid)
          o->participant = (int) i;
      o->topic = _sm_store_column_dup (stmt, 2);
      o->text = _sm_store_column_dup (stmt, 3);
      g_ptr_array_add (m->opinions, o);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = _sm_store_prepare (store, "SELECT id, text, action_id FROM meeting_decision WHERE meeting_id = ? ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, m->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmMeetingDecision *d = g_new0 (SmMeetingDecision, 1);

      d->id = sqlite3_column_int64 (stmt, 0);
      d->text = _sm_store_column_dup (stmt, 1);
      d->action_id = _sm_store_column_int_or (stmt, 2, 0);
      g_ptr_array_add (m->decisions, d);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

#define MEETING_COLUMNS "SELECT id, held_on, title, place, agenda, minutes, synthetic FROM meeting"

SmMeetingRecord *
sm_store_get_meeting (SmStore  *store,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, MEETING_COLUMNS " WHERE id = ?", error);
  SmMeetingRecord *record;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  record = _sm_store_read_one (store, stmt, read_meeting, (GDestroyNotify) sm_meeting_record_free, _("meeting"), id,
                               error);
  if (record != NULL && !read_meeting_parts (store, record, error))
    g_clear_pointer (&record, sm_meeting_record_free);
  return record;
}

/**
 * sm_store_list_meetings:
 * @from: (nullable): held on or after this day
 * @to: (nullable): held on or before this day
 *
 * Returns: (element-type SmMeetingRecord): the meetings, earliest first,
 *   with their participants, opinions and decisions
 */
GPtrArray *
sm_store_list_meetings (SmStore     *store,
                        const char  *from,
                        const char  *to,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt = _sm_store_prepare (store, MEETING_COLUMNS
                                          " WHERE (?1 IS NULL OR held_on >= ?1) AND (?2 IS NULL OR held_on <= ?2)"
                                          " ORDER BY held_on, id", error);

  if (stmt == NULL)
    return NULL;
  _sm_bind_text_or_null (stmt, 1, from);
  _sm_bind_text_or_null (stmt, 2, to);
  rows = _sm_store_read_rows (store, stmt, read_meeting, (GDestroyNotify) sm_meeting_record_free, error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (!read_meeting_parts (store, g_ptr_array_index (rows, i), error))
      return NULL;
  return g_steal_pointer (&rows);
}

gboolean
sm_store_remove_meeting (SmStore  *store,
                         gint64    id,
                         GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM meeting WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (store, stmt, _("meeting"), id, error);
}
