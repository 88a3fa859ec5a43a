#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-store-signals.h"

/* The signal tables of schemas 7 and 8: the members' kinds, signals, the
 * needs they name, the steps of their life, the deadlines. */

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
  g_free (r->organization);
  g_strfreev (r->needs);
  g_free (r->assessed_at);
  g_free (r->decided_state);
  g_free (r->answered_at);
  g_free (r);
}

void
sm_member_kind_record_free (SmMemberKindRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->code);
  g_free (r->name_hu);
  g_free (r->name_en);
  g_free (r->child_duty);
  g_free (r->adult_duty);
  g_free (r->contact);
  g_free (r->how);
  g_free (r);
}

/* A need named twice is written once; one not in the code list is an
 * error. */
/* Whether @code is a need category; else %SM_ERROR_NOT_FOUND. */
gboolean
_sm_store_need_is_known (SmStore     *store,
                         const char  *code,
                         GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT 1 FROM need_category WHERE code = ?", error);
  gboolean known;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  known = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!known)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a need category"), code);
  return known;
}

/* The signal's row, in @state, its answer kept when @with_answer; the
 * caller has checked the values and holds an action open.
 *
 * Returns: its id, or 0 with @error */
gint64
_sm_store_insert_signal (SmStore              *store,
                         const SmSignalRecord *r,
                         gint64                kind,
                         SmSignalState         state,
                         gboolean              with_answer,
                         GError              **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "INSERT INTO signal (received_at, member_kind_id, signaller, anonymous, channel, household_id, about,"
    " urgency, state, answer, answered_on, synthetic, organization)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

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
  sqlite3_bind_text (stmt, 9, sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, state), -1, SQLITE_STATIC);
  _sm_bind_text_or_null (stmt, 10, with_answer ? r->answer : NULL);
  _sm_bind_text_or_null (stmt, 11, with_answer ? r->answered_on : NULL);
  sqlite3_bind_int (stmt, 12, r->synthetic ? 1 : 0);
  _sm_bind_text_or_null (stmt, 13, r->organization);
  if (!_sm_store_step_done (store, stmt, error))
    return 0;
  return _sm_store_last_insert_id (store);
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
  gint64 kind = 0, id;
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
  if (!sm_store_begin (store, error))
    return 0;
  id = _sm_store_insert_signal (store, r, kind, SM_SIGNAL_RECEIVED, FALSE, error);
  if (id == 0)
    goto fail;
  for (guint i = 0; r->needs != NULL && r->needs[i] != NULL; i++)
    {
      stmt = _sm_store_prepare (store,
        "INSERT OR IGNORE INTO signal_need (signal_id, category_id)"
        " SELECT ?, id FROM need_category WHERE code = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, r->needs[i], -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
      if (sqlite3_changes (_sm_store_get_db (store)) == 0 && !_sm_store_need_is_known (store, r->needs[i], error))
        goto fail;
    }
  if (!sm_store_commit (store, error))
    return 0;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

/* The signal's own columns, then its needs, first assessment, latest
 * decision and first answer, as read_signal() reads them. */
#define SIGNAL_OWN_COLUMNS \
  "s.id, s.received_at, k.code, s.signaller, s.anonymous, s.channel, s.household_id, s.about," \
  " s.urgency, s.state, s.answer, s.answered_on, s.synthetic, s.organization,"
#define SIGNAL_FROM " FROM signal AS s LEFT JOIN signal_member_kind AS k ON k.id = s.member_kind_id"

#define SIGNAL_COLUMNS \
  SIGNAL_OWN_COLUMNS \
  " (SELECT group_concat (c.code, ' ') FROM signal_need AS n JOIN need_category AS c" \
  "   ON c.id = n.category_id WHERE n.signal_id = s.id)," \
  " (SELECT min (at) FROM signal_step WHERE signal_id = s.id AND to_state = 'assessed')," \
  " (SELECT to_state FROM signal_step WHERE signal_id = s.id AND to_state IN" \
  "   ('case_opened', 'referred', 'in_care', 'unfounded') ORDER BY id DESC LIMIT 1)," \
  " (SELECT min (at) FROM signal_step WHERE signal_id = s.id AND to_state = 'answered')" \
  SIGNAL_FROM

/* The same columns for many signals at once: the steps aggregated in one
 * pass rather than looked up per signal. */
#define LIST_COLUMNS \
  SIGNAL_OWN_COLUMNS " n.codes, st.assessed, d.to_state, st.answered" \
  SIGNAL_FROM \
  " LEFT JOIN (SELECT signal_id, group_concat (c.code, ' ') AS codes FROM signal_need" \
  "   JOIN need_category AS c ON c.id = category_id GROUP BY signal_id) AS n ON n.signal_id = s.id" \
  " LEFT JOIN (SELECT signal_id, min (CASE WHEN to_state = 'assessed' THEN at END) AS assessed," \
  "   min (CASE WHEN to_state = 'answered' THEN at END) AS answered," \
  "   max (CASE WHEN to_state IN ('case_opened', 'referred', 'in_care', 'unfounded') THEN id END) AS decided" \
  "   FROM signal_step GROUP BY signal_id) AS st ON st.signal_id = s.id" \
  " LEFT JOIN signal_step AS d ON d.id = st.decided"

#define INBOX_COLUMNS \
  "s.id, s.received_at, k.code, s.signaller, s.anonymous, s.channel, s.household_id, s.about," \
  " s.urgency, s.state, NULL, NULL, s.synthetic, s.organization, NULL, NULL, NULL, NULL" \
  SIGNAL_FROM

static GPtrArray *read_signals (SmStore *store, sqlite3_stmt *stmt, GError **error);

static SmSignalRecord *
read_signal (sqlite3_stmt *stmt)
{
  SmSignalRecord *r = g_new0 (SmSignalRecord, 1);
  int value = 0;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->received_at = _sm_store_column_dup (stmt, 1);
  r->member_kind = _sm_store_column_dup (stmt, 2);
  r->signaller = _sm_store_column_dup (stmt, 3);
  r->anonymous = sqlite3_column_int (stmt, 4) != 0;
  r->channel = _sm_store_column_dup (stmt, 5);
  r->household_id = sqlite3_column_int64 (stmt, 6);
  r->about = _sm_store_column_dup (stmt, 7);
  if (sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, (const char *) sqlite3_column_text (stmt, 8), &value))
    r->urgency = value;
  if (sm_enum_parse (SM_TYPE_SIGNAL_STATE, (const char *) sqlite3_column_text (stmt, 9), &value))
    r->state = value;
  r->answer = _sm_store_column_dup (stmt, 10);
  r->answered_on = _sm_store_column_dup (stmt, 11);
  r->synthetic = sqlite3_column_int (stmt, 12) != 0;
  r->organization = _sm_store_column_dup (stmt, 13);
  r->needs = sqlite3_column_type (stmt, 14) == SQLITE_NULL
             ? g_new0 (char *, 1) : g_strsplit ((const char *) sqlite3_column_text (stmt, 14), " ", -1);
  r->assessed_at = _sm_store_column_dup (stmt, 15);
  r->decided_state = _sm_store_column_dup (stmt, 16);
  r->answered_at = _sm_store_column_dup (stmt, 17);
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
  /* Open ones are few: looked up one by one; all of them in one pass. */
  sqlite3_stmt *stmt = _sm_store_prepare (store, open_only
    ? "SELECT " SIGNAL_COLUMNS " WHERE s.state <> 'answered' ORDER BY s.received_at, s.id"
    : "SELECT " LIST_COLUMNS " ORDER BY s.received_at, s.id", error);

  return stmt != NULL ? read_signals (store, stmt, error) : NULL;
}

/**
 * sm_store_list_signal_inbox:
 * @open_only: only those not answered yet
 *
 * The signals as an inbox lists them: what sm_store_list_signals() gives
 * but the needs, the answer and the steps' times (read one signal with
 * sm_store_get_signal() for those).
 *
 * Returns: (transfer full) (element-type SmSignalRecord): the oldest first
 */
GPtrArray *
sm_store_list_signal_inbox (SmStore   *store,
                            gboolean   open_only,
                            GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, open_only
    ? "SELECT " INBOX_COLUMNS " WHERE s.state <> 'answered' ORDER BY s.received_at, s.id"
    : "SELECT " INBOX_COLUMNS " ORDER BY s.received_at, s.id", error);

  return stmt != NULL ? read_signals (store, stmt, error) : NULL;
}

/**
 * sm_store_list_household_signals:
 *
 * Returns: (transfer full) (element-type SmSignalRecord): the signals
 *   about household @household_id, as the inbox lists them, oldest first
 */
GPtrArray *
sm_store_list_household_signals (SmStore  *store,
                                 gint64    household_id,
                                 GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " INBOX_COLUMNS
    " WHERE s.household_id = ? ORDER BY s.received_at, s.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  return read_signals (store, stmt, error);
}

/**
 * sm_store_list_signals_received:
 * @from: the first day, "YYYY-MM-DD"
 * @until: the day after the last
 *
 * Returns: (transfer full) (element-type SmSignalRecord): the signals
 *   received in [@from, @until), the oldest first
 */
GPtrArray *
sm_store_list_signals_received (SmStore     *store,
                                const char  *from,
                                const char  *until,
                                GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT " LIST_COLUMNS
    " WHERE s.received_at >= ? AND s.received_at < ? ORDER BY s.received_at, s.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, until, -1, SQLITE_TRANSIENT);
  return read_signals (store, stmt, error);
}

static GPtrArray *
read_signals (SmStore       *store,
              sqlite3_stmt  *stmt,
              GError       **error)
{
  return _sm_store_read_rows (store, stmt, (gpointer (*) (sqlite3_stmt *)) read_signal,
                              (GDestroyNotify) sm_signal_record_free, error);
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

/* Links signal @id to the household it is about (0: unlinks it). */
gboolean
sm_store_link_signal (SmStore  *store,
                      gint64    id,
                      gint64    household_id,
                      GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "UPDATE signal SET household_id = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  if (household_id != 0)
    sqlite3_bind_int64 (stmt, 1, household_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!sm_store_begin (store, error))
    return FALSE;
  if (!_sm_store_step_done (store, stmt, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  if (sqlite3_changes (_sm_store_get_db (store)) != 1)
    {
      sm_store_rollback (store);
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no signal %lld"), (long long) id);
      return FALSE;
    }
  return sm_store_commit (store, error);
}

/**
 * sm_store_list_signal_places:
 *
 * Every signal linked to a placed household, with where it is, when it
 * came and was answered, and the need categories it names.
 *
 * Returns: (transfer full) (element-type SmSignalPlace): by time of receipt
 */
GArray *
sm_store_list_signal_places (SmStore  *store,
                             GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT s.id, h.lat, h.lon, k.code, s.received_at,"
    " (SELECT min (at) FROM signal_step WHERE signal_id = s.id AND to_state = 'answered'),"
    " s.urgency, s.state,"
    " (SELECT group_concat (category_id, ' ') FROM signal_need WHERE signal_id = s.id),"
    " (SELECT min (at) FROM signal_step WHERE signal_id = s.id AND to_state = 'assessed')"
    " FROM signal AS s JOIN household AS h ON h.id = s.household_id"
    " LEFT JOIN signal_member_kind AS k ON k.id = s.member_kind_id"
    " WHERE h.lat IS NOT NULL ORDER BY s.received_at, s.id", error);
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (SmSignalPlace));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmSignalPlace p = { .id = sqlite3_column_int64 (stmt, 0), .lat = sqlite3_column_double (stmt, 1),
                          .lon = sqlite3_column_double (stmt, 2) };
      const char *needs = (const char *) sqlite3_column_text (stmt, 8);
      int value;

      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        p.member_kind = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
      g_strlcpy (p.received_at, (const char *) sqlite3_column_text (stmt, 4), sizeof p.received_at);
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        g_strlcpy (p.answered_at, (const char *) sqlite3_column_text (stmt, 5), sizeof p.answered_at);
      if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
        g_strlcpy (p.assessed_at, (const char *) sqlite3_column_text (stmt, 9), sizeof p.assessed_at);
      if (sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, (const char *) sqlite3_column_text (stmt, 6), &value))
        p.urgency = value;
      if (sm_enum_parse (SM_TYPE_SIGNAL_STATE, (const char *) sqlite3_column_text (stmt, 7), &value))
        p.state = value;
      while (needs != NULL && *needs != '\0')
        {
          char *end;
          gint64 c = g_ascii_strtoll (needs, &end, 10);

          if (end == needs)
            break;
          if (c >= 0 && c < 64)
            p.needs |= G_GUINT64_CONSTANT (1) << c;
          needs = *end == ' ' ? end + 1 : end;
        }
      g_array_append_val (places, p);
    }
  if (rc != SQLITE_DONE)
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&places) : NULL;
}

/* --- the members' kinds ----------------------------------------------- */

static SmMemberKindRecord *
read_member_kind (sqlite3_stmt *stmt)
{
  SmMemberKindRecord *k = g_new0 (SmMemberKindRecord, 1);

  k->id = sqlite3_column_int64 (stmt, 0);
  k->code = _sm_store_column_dup (stmt, 1);
  k->name_hu = _sm_store_column_dup (stmt, 2);
  k->name_en = _sm_store_column_dup (stmt, 3);
  k->child_duty = _sm_store_column_dup (stmt, 4);
  k->adult_duty = _sm_store_column_dup (stmt, 5);
  k->contact = _sm_store_column_dup (stmt, 6);
  k->how = _sm_store_column_dup (stmt, 7);
  return k;
}

GPtrArray *
sm_store_list_member_kinds (SmStore  *store,
                            GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, code, name_hu, name_en, child_duty, adult_duty, contact, how"
    " FROM signal_member_kind ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  return _sm_store_read_rows (store, stmt, (gpointer (*) (sqlite3_stmt *)) read_member_kind,
                              (GDestroyNotify) sm_member_kind_record_free, error);
}

/**
 * sm_store_save_member_kind:
 *
 * Adds a kind (by its code) or changes the one with that code: its names,
 * duties, contact person and how they signal. A field left %NULL keeps
 * what an existing kind has; a new kind needs both names.
 */
gboolean
sm_store_save_member_kind (SmStore                  *store,
                           const SmMemberKindRecord *k,
                           GError                  **error)
{
  static const char * const child[] = { "must", NULL }, * const adult[] = { "must", "may", NULL };
  const char *code = k->code;
  sqlite3_stmt *stmt;

  if (code == NULL || *code == '\0' || strspn (code, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen (code))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a code: write small letters without accents, digits and _"),
                   code ? code : "");
      return FALSE;
    }
  if ((k->child_duty != NULL && *k->child_duty != '\0' &&
       !_sm_store_check_one_of ("child_duty", k->child_duty, child, error)) ||
      (k->adult_duty != NULL && *k->adult_duty != '\0' &&
       !_sm_store_check_one_of ("adult_duty", k->adult_duty, adult, error)))
    return FALSE;
  if (!sm_store_begin (store, error))
    return FALSE;
  for (int insert = 0; insert < 2; insert++)
    {
      if (insert && (k->name_hu == NULL || k->name_en == NULL))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("A new member kind “%s” needs its Hungarian and English names"), code);
          goto fail;
        }
      stmt = _sm_store_prepare (store, insert
        ? "INSERT INTO signal_member_kind (code, name_hu, name_en, child_duty, adult_duty, contact, how)"
          " VALUES (?1, ?2, ?3, nullif (?4, ''), nullif (?5, ''), nullif (?6, ''), nullif (?7, ''))"
        : "UPDATE signal_member_kind SET name_hu = coalesce (?2, name_hu), name_en = coalesce (?3, name_en),"
          "  child_duty = CASE WHEN ?4 IS NULL THEN child_duty ELSE nullif (?4, '') END,"
          "  adult_duty = CASE WHEN ?5 IS NULL THEN adult_duty ELSE nullif (?5, '') END,"
          "  contact = CASE WHEN ?6 IS NULL THEN contact ELSE nullif (?6, '') END,"
          "  how = CASE WHEN ?7 IS NULL THEN how ELSE nullif (?7, '') END WHERE code = ?1", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      _sm_bind_text_or_null (stmt, 2, k->name_hu);
      _sm_bind_text_or_null (stmt, 3, k->name_en);
      _sm_bind_text_or_null (stmt, 4, k->child_duty);
      _sm_bind_text_or_null (stmt, 5, k->adult_duty);
      _sm_bind_text_or_null (stmt, 6, k->contact);
      _sm_bind_text_or_null (stmt, 7, k->how);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
      if (sqlite3_changes (_sm_store_get_db (store)) > 0)
        break;
    }
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

/**
 * sm_store_set_organization_member_kind:
 * @code: (nullable): a member kind's code; %NULL: not a member
 *
 * Makes organization @organization_id a member of the signalling system
 * of that kind.
 */
gboolean
sm_store_set_organization_member_kind (SmStore     *store,
                                       gint64       organization_id,
                                       const char  *code,
                                       GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "UPDATE organization SET member_kind_id = (SELECT id FROM signal_member_kind WHERE code = ?1)"
    " WHERE id = ?2 AND (?1 IS NULL OR EXISTS (SELECT 1 FROM signal_member_kind WHERE code = ?1))", error);

  if (stmt == NULL || !sm_store_begin (store, error))
    return FALSE;
  _sm_bind_text_or_null (stmt, 1, code);
  sqlite3_bind_int64 (stmt, 2, organization_id);
  if (!_sm_store_step_done (store, stmt, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  if (sqlite3_changes (_sm_store_get_db (store)) != 1)
    {
      sm_store_rollback (store);
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There is no organization %lld, or “%s” is not a member of the signalling system"),
                   (long long) organization_id, code ? code : "");
      return FALSE;
    }
  return sm_store_commit (store, error);
}

/* --- deadlines -------------------------------------------------------- */

gboolean
sm_store_get_deadline (SmStore     *store,
                       const char  *name,
                       int         *days,
                       GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT days FROM deadline WHERE name = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found)
    *days = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!found)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no deadline “%s”"), name);
  return found;
}

gboolean
sm_store_set_deadline (SmStore     *store,
                       const char  *name,
                       int          days,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int old;

  if (!sm_store_get_deadline (store, name, &old, error))
    return FALSE;
  if (days < 0 || days > 3650)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A deadline is 0 to 3650 days, not %d"), days);
      return FALSE;
    }
  stmt = _sm_store_prepare (store, "UPDATE deadline SET days = ? WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, days);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (store, stmt, error);
}
