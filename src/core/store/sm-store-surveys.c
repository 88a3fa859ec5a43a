#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-store-surveys.h"

void
sm_question_free (SmQuestion *q)
{
  if (q == NULL)
    return;
  g_free (q->text);
  g_free (q);
}

void
sm_questionnaire_free (SmQuestionnaire *q)
{
  if (q == NULL)
    return;
  g_free (q->name);
  g_free (q);
}

static gpointer
read_questionnaire (sqlite3_stmt *stmt)
{
  SmQuestionnaire *q = g_new0 (SmQuestionnaire, 1);

  q->id = sqlite3_column_int64 (stmt, 0);
  q->name = _sm_store_column_dup (stmt, 1);
  q->standard = sqlite3_column_int (stmt, 2) != 0;
  return q;
}

/* Returns: (transfer full) (element-type SmQuestionnaire): the standard first */
GPtrArray *
sm_store_list_questionnaires (SmStore  *store,
                              GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, name, standard FROM questionnaire ORDER BY standard DESC, id", error);

  if (stmt == NULL)
    return NULL;
  return _sm_store_read_rows (store, stmt, read_questionnaire, (GDestroyNotify) sm_questionnaire_free, error);
}

static gpointer
read_question (sqlite3_stmt *stmt)
{
  SmQuestion *q = g_new0 (SmQuestion, 1);
  int kind = 0;

  q->id = sqlite3_column_int64 (stmt, 0);
  q->position = sqlite3_column_int (stmt, 1);
  sm_enum_parse (SM_TYPE_QUESTION_KIND, (const char *) sqlite3_column_text (stmt, 2), &kind);
  q->kind = kind;
  /* A questionnaire written here may have its questions in Hungarian only. */
  q->text = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? _sm_store_column_dup (stmt, 3)
            : g_strdup (sm_localized_name ((const char *) sqlite3_column_text (stmt, 3),
                                           (const char *) sqlite3_column_text (stmt, 4)));
  return q;
}

/* Returns: (transfer full) (element-type SmQuestion): in order */
GPtrArray *
sm_store_list_questions (SmStore  *store,
                         gint64    questionnaire_id,
                         GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT id, position, kind, text_hu, text_en FROM question WHERE questionnaire_id = ? ORDER BY position",
    error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  return _sm_store_read_rows (store, stmt, read_question, (GDestroyNotify) sm_question_free, error);
}

/**
 * sm_store_count_responses:
 *
 * Returns: how many responses a questionnaire has, or -1 with @error
 */
gint64
sm_store_count_responses (SmStore  *store,
                          gint64    questionnaire_id,
                          GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT count(*) FROM survey_response WHERE questionnaire_id = ?",
                                          error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _sm_store_set_error (store, error);
  sqlite3_reset (stmt);
  return n;
}

static gboolean
insert_questions (SmStore    *store,
                  gint64      questionnaire_id,
                  GPtrArray  *questions,
                  GError    **error)
{
  for (guint i = 0; i < questions->len; i++)
    {
      const SmQuestion *q = g_ptr_array_index (questions, i);
      sqlite3_stmt *stmt = _sm_store_prepare (store,
        "INSERT INTO question (questionnaire_id, position, kind, text_hu) VALUES (?, ?, ?, ?)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, questionnaire_id);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      sqlite3_bind_text (stmt, 3, sm_enum_to_nick (SM_TYPE_QUESTION_KIND, q->kind), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, q->text, -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * sm_store_write_questionnaire:
 * @id: the questionnaire; 0: a new one
 * @questions: (element-type SmQuestion): in order, their kind and text
 * @texts_only: the questions stay as they are (there are answers to them)
 *   and only their texts are written, by position
 *
 * Writes a questionnaire and its questions in one transaction. The caller
 * has checked them (sm_questionnaire_save()).
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_store_write_questionnaire (SmStore     *store,
                              gint64       id,
                              const char  *name,
                              GPtrArray   *questions,
                              gboolean     texts_only,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  if (!sm_store_begin (store, error))
    return 0;
  if (id == 0)
    {
      if ((stmt = _sm_store_prepare (store, "INSERT INTO questionnaire (name) VALUES (?)", error)) == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
      id = _sm_store_last_insert_id (store);
    }
  else
    {
      if ((stmt = _sm_store_prepare (store, "UPDATE questionnaire SET name = ? WHERE id = ?", error)) == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!_sm_store_run_change (store, stmt, _("questionnaire"), id, error))
        goto fail;
      if (!texts_only)
        {
          if ((stmt = _sm_store_prepare (store, "DELETE FROM question WHERE questionnaire_id = ?", error)) == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, id);
          if (!_sm_store_step_done (store, stmt, error))
            goto fail;
        }
    }
  if (texts_only)
    {
      for (guint i = 0; i < questions->len; i++)
        {
          const SmQuestion *q = g_ptr_array_index (questions, i);

          stmt = _sm_store_prepare (store,
            "UPDATE question SET text_hu = ?, text_en = NULL WHERE questionnaire_id = ? AND position = ?", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_text (stmt, 1, q->text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, id);
          sqlite3_bind_int (stmt, 3, (int) i + 1);
          if (!_sm_store_step_done (store, stmt, error))
            goto fail;
        }
    }
  else if (!insert_questions (store, id, questions, error))
    goto fail;
  if (!sm_store_commit (store, error))
    return 0;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

/**
 * sm_store_remove_questionnaire:
 *
 * Removes a questionnaire and its questions; one with responses is kept
 * by the database (the caller refuses it first, sm_questionnaire_remove()).
 */
gboolean
sm_store_remove_questionnaire (SmStore  *store,
                               gint64    id,
                               GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM questionnaire WHERE id = ? AND standard = 0", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (store, stmt, _("questionnaire"), id, error);
}

/**
 * sm_store_add_survey_response:
 *
 * Writes a response and its answers in one transaction. The caller has
 * checked the answers against the questions (sm_satisfaction_record()).
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_store_add_survey_response (SmStore                *store,
                              const SmSurveyResponse *r,
                              GError                **error)
{
  static const char * const sources[] = { "paper", "import", "online", NULL };
  sqlite3_stmt *stmt;
  gint64 id;

  if (!_sm_store_check_date (_("answered on"), r->answered_on, FALSE, error) ||
      !_sm_store_check_one_of ("source", r->source ? r->source : "paper", sources, error) ||
      (r->location_id != 0 && !_sm_store_check_offered_at (store, r->service_id, r->location_id, error)) ||
      !sm_store_begin (store, error))
    return 0;
  stmt = _sm_store_prepare (store,
    "INSERT INTO survey_response (questionnaire_id, service_id, location_id, answered_on, source, synthetic)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, r->questionnaire_id);
  sqlite3_bind_int64 (stmt, 2, r->service_id);
  if (r->location_id != 0)
    sqlite3_bind_int64 (stmt, 3, r->location_id);
  sqlite3_bind_text (stmt, 4, r->answered_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, r->source ? r->source : "paper", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, r->synthetic ? 1 : 0);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  id = _sm_store_last_insert_id (store);
  for (guint i = 0; r->answers != NULL && i < r->answers->len; i++)
    {
      const SmSurveyAnswer *a = &g_array_index (r->answers, SmSurveyAnswer, i);

      if (a->value < 0 && (a->text == NULL || *a->text == '\0'))
        continue;
      stmt = _sm_store_prepare (store,
        "INSERT INTO survey_answer (response_id, question_id, value, text) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, a->question_id);
      if (a->value >= 0)
        sqlite3_bind_int (stmt, 3, a->value);
      _sm_bind_text_or_null (stmt, 4, a->text);
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

/**
 * sm_store_list_survey_values:
 * @service_id: one service's; 0: every service's
 * @location_id: the responses about one of its places; 0: at any place
 * @from: (nullable): answered on or after this day
 * @to: (nullable): answered on or before this day
 *
 * Returns: (transfer full) (element-type SmSurveyValue): every answer with
 *   a value (scales and yes/no), by service and day
 */
GArray *
sm_store_list_survey_values (SmStore     *store,
                             gint64       questionnaire_id,
                             gint64       service_id,
                             gint64       location_id,
                             const char  *from,
                             const char  *to,
                             GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT r.service_id, a.question_id, r.id, r.answered_on, a.value FROM survey_response AS r"
    " JOIN survey_answer AS a ON a.response_id = r.id"
    " WHERE r.questionnaire_id = ?1 AND (?2 = 0 OR r.service_id = ?2) AND (?5 = 0 OR r.location_id = ?5)"
    " AND a.value IS NOT NULL"
    " AND (?3 IS NULL OR r.answered_on >= ?3) AND (?4 IS NULL OR r.answered_on <= ?4)"
    " ORDER BY r.service_id, r.answered_on, r.id", error);
  GArray *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  sqlite3_bind_int64 (stmt, 2, service_id);
  _sm_bind_text_or_null (stmt, 3, from);
  _sm_bind_text_or_null (stmt, 4, to);
  sqlite3_bind_int64 (stmt, 5, location_id);
  out = g_array_new (FALSE, FALSE, sizeof (SmSurveyValue));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmSurveyValue v = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                          sqlite3_column_int64 (stmt, 2), 0, sqlite3_column_int (stmt, 4) };
      GDate d;

      if (sm_date_parse_iso ((const char *) sqlite3_column_text (stmt, 3), &d, NULL))
        v.day = sm_date_to_epoch_day (&d);
      g_array_append_val (out, v);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      g_array_unref (out);
      return NULL;
    }
  return out;
}

static gpointer
read_text (sqlite3_stmt *stmt)
{
  return _sm_store_column_dup (stmt, 0);
}

/* Returns: (transfer full) (element-type utf8): the free-text answers, the
 * newest first */
GPtrArray *
sm_store_list_survey_texts (SmStore     *store,
                            gint64       questionnaire_id,
                            gint64       service_id,
                            gint64       location_id,
                            const char  *from,
                            const char  *to,
                            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT a.text FROM survey_response AS r JOIN survey_answer AS a ON a.response_id = r.id"
    " WHERE r.questionnaire_id = ?1 AND (?2 = 0 OR r.service_id = ?2) AND (?5 = 0 OR r.location_id = ?5)"
    " AND length (trim (a.text)) > 0"
    " AND (?3 IS NULL OR r.answered_on >= ?3) AND (?4 IS NULL OR r.answered_on <= ?4)"
    " ORDER BY r.answered_on DESC, r.id DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, questionnaire_id);
  sqlite3_bind_int64 (stmt, 2, service_id);
  _sm_bind_text_or_null (stmt, 3, from);
  _sm_bind_text_or_null (stmt, 4, to);
  sqlite3_bind_int64 (stmt, 5, location_id);
  return _sm_store_read_rows (store, stmt, read_text, g_free, error);
}
