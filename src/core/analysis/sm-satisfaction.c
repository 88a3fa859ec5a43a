#define G_LOG_DOMAIN "sm-satisfaction"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-address.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-report-file.h"
#include "sm-satisfaction.h"
#include "sm-store-services.h"

/**
 * sm_satisfaction_parse_answer:
 * @text: (nullable): as written on the form: "1"–"5" on a scale; yes or
 *   no in Hungarian or English ("igen", "i", "nem", "yes", "1", "0");
 *   empty for no answer
 * @value: (out): 1–5, 1 or 0, or -1 when not answered
 *
 * Returns: whether @text is an answer to a question of @kind
 */
gboolean
sm_satisfaction_parse_answer (SmQuestionKind  kind,
                              const char     *text,
                              int            *value)
{
  g_autofree char *folded = text ? sm_text_fold (text) : NULL;
  char *end = NULL;
  gint64 n;

  *value = -1;
  if (folded == NULL || *g_strstrip (folded) == '\0' || kind == SM_QUESTION_TEXT)
    return TRUE;
  if (kind == SM_QUESTION_YES_NO)
    {
      static const char * const yes[] = { "igen", "i", "yes", "y", "1", "true", "ja", NULL };
      static const char * const no[] = { "nem", "n", "no", "0", "false", NULL };

      if (g_strv_contains (yes, folded))
        *value = 1;
      else if (g_strv_contains (no, folded))
        *value = 0;
      return *value >= 0;
    }
  n = g_ascii_strtoll (folded, &end, 10);
  if (end == folded || *end != '\0' || n < 1 || n > 5)
    return FALSE;
  *value = (int) n;
  return TRUE;
}

/**
 * sm_satisfaction_record:
 * @location_id: the place of the service it is about; 0: not said
 * @answers: (array length=n_answers): one per question in order, as
 *   written; the text of a free-text question as it is
 * @source: paper, import or online
 *
 * Records one anonymous response if every answer fits its question and
 * at least one question is answered.
 *
 * Returns: its id, or 0 with @error (nothing written)
 */
gint64
sm_satisfaction_record (SmStore             *store,
                        gint64               questionnaire_id,
                        gint64               service_id,
                        gint64               location_id,
                        const char          *answered_on,
                        const char          *source,
                        const char * const  *answers,
                        guint                n_answers,
                        gboolean             synthetic,
                        GError             **error)
{
  g_autoptr(GPtrArray) questions = sm_store_list_questions (store, questionnaire_id, error);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (SmSurveyAnswer));
  g_autofree char *status = NULL;
  SmSurveyResponse r = { .questionnaire_id = questionnaire_id, .service_id = service_id,
                         .location_id = location_id, .answered_on = answered_on, .source = source, .synthetic = synthetic,
                         .answers = values };
  guint answered = 0;

  if (questions == NULL)
    return 0;
  if (questions->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no questionnaire %lld"),
                   (long long) questionnaire_id);
      return 0;
    }
  if ((status = sm_store_get_service_status (store, service_id, error)) == NULL)
    return 0;
  if (n_answers > questions->len)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("%u answers, but the questionnaire has %u questions"), n_answers, questions->len);
      return 0;
    }
  for (guint i = 0; i < questions->len; i++)
    {
      const SmQuestion *q = g_ptr_array_index (questions, i);
      const char *text = i < n_answers ? answers[i] : NULL;
      SmSurveyAnswer a = { .question_id = q->id, .value = -1 };

      if (!sm_satisfaction_parse_answer (q->kind, text, &a.value))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, q->kind == SM_QUESTION_SCALE
                       ? _("Question %d is answered 1 to 5, not “%s”")
                       : _("Question %d is answered yes or no, not “%s”"), q->position, text);
          return 0;
        }
      if (q->kind == SM_QUESTION_TEXT && text != NULL && *text != '\0')
        a.text = (char *) text;
      answered += a.value >= 0 || a.text != NULL;
      g_array_append_val (values, a);
    }
  if (answered == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("An empty questionnaire is not recorded"));
      return 0;
    }
  return sm_store_add_survey_response (store, &r, error);
}

void
sm_satisfaction_result_free (SmSatisfactionResult *result)
{
  if (result == NULL)
    return;
  g_ptr_array_unref (result->questions);
  g_free (result);
}

static void
question_free (SmSatisfactionQuestion *q)
{
  g_free (q->text);
  g_free (q);
}

/**
 * sm_satisfaction_compute:
 * @service_id: one service's responses; 0: every service's
 * @location_id: only those about one of its places; 0: at any place
 * @from: (nullable): responses on or after this day
 * @to: (nullable): on or before this day
 *
 * Returns: (transfer full): the responses' figures per question; none is
 *   shown of fewer than k responses
 */
SmSatisfactionResult *
sm_satisfaction_compute (SmStore       *store,
                         gint64         questionnaire_id,
                         gint64         service_id,
                         gint64         location_id,
                         const char    *from,
                         const char    *to,
                         SmDisclosure  *disclosure,
                         GError       **error)
{
  g_autoptr(GPtrArray) questions = sm_store_list_questions (store, questionnaire_id, error);
  g_autoptr(GArray) values = NULL;
  g_autoptr(GHashTable) responses = g_hash_table_new (g_int64_hash, g_int64_equal);
  SmSatisfactionResult *result;
  int k = sm_disclosure_get_k (disclosure);

  if (questions == NULL ||
      (values = sm_store_list_survey_values (store, questionnaire_id, service_id, location_id, from, to,
                                              error)) == NULL)
    return NULL;
  result = g_new0 (SmSatisfactionResult, 1);
  result->k = k;
  result->questions = g_ptr_array_new_with_free_func ((GDestroyNotify) question_free);
  for (guint i = 0; i < questions->len; i++)
    {
      const SmQuestion *q = g_ptr_array_index (questions, i);
      SmSatisfactionQuestion *s = g_new0 (SmSatisfactionQuestion, 1);
      double sum = 0;

      s->question_id = q->id;
      s->position = q->position;
      s->kind = q->kind;
      s->text = g_strdup (q->text);
      for (guint j = 0; j < values->len; j++)
        {
          const SmSurveyValue *v = &g_array_index (values, SmSurveyValue, j);

          if (v->question_id != q->id || v->value < 0 || v->value > 5)
            continue;
          g_hash_table_add (responses, (gpointer) &v->response_id);
          s->n++;
          s->counts[v->value]++;
          sum += v->value;
        }
      s->mean = s->n > 0 ? sum / s->n : NAN;
      s->shown = s->n >= (guint) k;
      if (!s->shown)
        {
          memset (s->counts, 0, sizeof s->counts);
          s->mean = NAN;
        }
      g_ptr_array_add (result->questions, s);
    }
  result->n_responses = g_hash_table_size (responses);
  result->shown = result->n_responses >= (guint) k;
  return result;
}

/**
 * sm_satisfaction_trend:
 *
 * Returns: (transfer full) (element-type SmSatisfactionQuarter): every
 *   quarter from the first response to the last, a quarter of fewer than
 *   k answers not shown
 */
GArray *
sm_satisfaction_trend (SmStore       *store,
                       gint64         questionnaire_id,
                       gint64         service_id,
                       gint64         location_id,
                       gint64         question_id,
                       const char    *from,
                       const char    *to,
                       SmDisclosure  *disclosure,
                       GError       **error)
{
  g_autoptr(GArray) values = sm_store_list_survey_values (store, questionnaire_id, service_id, location_id, from,
                                                          to, error);
  GArray *out;
  int first = G_MAXINT, last = G_MININT;
  g_autofree double *sums = NULL;
  g_autofree guint *counts = NULL;

  if (values == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (SmSatisfactionQuarter));
  for (guint i = 0; i < values->len; i++)
    {
      const SmSurveyValue *v = &g_array_index (values, SmSurveyValue, i);
      GDate d;
      int q;

      if (v->question_id != question_id)
        continue;
      sm_date_from_epoch_day (v->day, &d);
      q = g_date_get_year (&d) * 4 + (g_date_get_month (&d) - 1) / 3;
      first = MIN (first, q);
      last = MAX (last, q);
    }
  if (first > last)
    return out;
  sums = g_new0 (double, last - first + 1);
  counts = g_new0 (guint, last - first + 1);
  for (guint i = 0; i < values->len; i++)
    {
      const SmSurveyValue *v = &g_array_index (values, SmSurveyValue, i);
      GDate d;
      int q;

      if (v->question_id != question_id)
        continue;
      sm_date_from_epoch_day (v->day, &d);
      q = g_date_get_year (&d) * 4 + (g_date_get_month (&d) - 1) / 3;
      sums[q - first] += v->value;
      counts[q - first]++;
    }
  for (int q = first; q <= last; q++)
    {
      SmSatisfactionQuarter s = { .year = q / 4, .quarter = q % 4 + 1, .n = counts[q - first] };

      s.shown = s.n >= (guint) sm_disclosure_get_k (disclosure);
      s.mean = s.shown ? sums[q - first] / s.n : NAN;
      g_array_append_val (out, s);
    }
  return out;
}

/**
 * sm_satisfaction_by_service:
 *
 * Returns: (transfer full) (element-type SmSatisfactionServiceRow): each
 *   service with responses in the period, its means per question only when
 *   it has k responses or more
 */
GArray *
sm_satisfaction_by_service (SmStore       *store,
                            gint64         questionnaire_id,
                            const char    *from,
                            const char    *to,
                            SmDisclosure  *disclosure,
                            GError       **error)
{
  g_autoptr(GPtrArray) questions = sm_store_list_questions (store, questionnaire_id, error);
  g_autoptr(GArray) values = NULL;
  GArray *out;
  guint i = 0;

  if (questions == NULL ||
      (values = sm_store_list_survey_values (store, questionnaire_id, 0, 0, from, to, error)) == NULL)
    return NULL;
  out = g_array_new (FALSE, FALSE, sizeof (SmSatisfactionServiceRow));
  while (i < values->len)
    {
      gint64 service;
      g_autoptr(GHashTable) responses = g_hash_table_new (g_int64_hash, g_int64_equal);
      double sums[SM_SATISFACTION_MAX_QUESTIONS] = { 0 };
      guint counts[SM_SATISFACTION_MAX_QUESTIONS] = { 0 };
      SmSatisfactionServiceRow row = { 0 };

      service = g_array_index (values, SmSurveyValue, i).service_id;
      for (; i < values->len && g_array_index (values, SmSurveyValue, i).service_id == service; i++)
        {
          const SmSurveyValue *v = &g_array_index (values, SmSurveyValue, i);

          g_hash_table_add (responses, (gpointer) &v->response_id);
          for (guint q = 0; q < questions->len && q < SM_SATISFACTION_MAX_QUESTIONS; q++)
            if (((SmQuestion *) g_ptr_array_index (questions, q))->id == v->question_id)
              {
                sums[q] += v->value;
                counts[q]++;
              }
        }
      row.service_id = service;
      row.n_responses = g_hash_table_size (responses);
      row.shown = row.n_responses >= (guint) sm_disclosure_get_k (disclosure);
      for (guint q = 0; q < SM_SATISFACTION_MAX_QUESTIONS; q++)
        row.means[q] = row.shown && counts[q] >= (guint) sm_disclosure_get_k (disclosure) ? sums[q] / counts[q] : NAN;
      g_array_append_val (out, row);
    }
  return out;
}

/**
 * sm_satisfaction_summary_rows:
 *
 * The yearly summary the coordination office publishes, as lines of four
 * texts (the service, a key, what it is, the value): per service its
 * responses and each question's mean (a scale's 1–5, yes/no as the share
 * of yes). A service of fewer than k responses says only that.
 *
 * Returns: (transfer full) (element-type GPtrArray): the lines
 */
GPtrArray *
sm_satisfaction_summary_rows (SmStore       *store,
                              gint64         questionnaire_id,
                              const char    *from,
                              const char    *to,
                              SmDisclosure  *disclosure,
                              GError       **error)
{
  g_autoptr(GArray) rows = sm_satisfaction_by_service (store, questionnaire_id, from, to, disclosure, error);
  g_autoptr(GPtrArray) questions = rows ? sm_store_list_questions (store, questionnaire_id, error) : NULL;
  g_autoptr(GPtrArray) places = questions ? sm_store_list_service_places (store, NULL, error) : NULL;
  GPtrArray *lines;

  if (places == NULL)
    return NULL;
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      const SmSatisfactionServiceRow *r = &g_array_index (rows, SmSatisfactionServiceRow, i);
      g_autofree char *service = NULL;

      for (guint j = 0; j < places->len && service == NULL; j++)
        {
          const SmServicePlace *p = g_ptr_array_index (places, j);

          if (p->service_id == r->service_id)
            service = g_strdup_printf ("%s — %s", p->service_name, p->organization_name);
        }
      if (service == NULL)
        service = g_strdup_printf ("%lld", (long long) r->service_id);
      if (!r->shown)
        {
          sm_report_add_line (lines, service, "responses", _("Responses"),
                              g_strdup_printf (_("fewer than %d"), sm_disclosure_get_k (disclosure)));
          continue;
        }
      sm_report_add_line (lines, service, "responses", _("Responses"), g_strdup_printf ("%u", r->n_responses));
      for (guint q = 0; q < questions->len && q < SM_SATISFACTION_MAX_QUESTIONS; q++)
        {
          const SmQuestion *question = g_ptr_array_index (questions, q);
          g_autofree char *key = g_strdup_printf ("q%d", question->position);

          if (question->kind == SM_QUESTION_TEXT)
            continue;
          sm_report_add_line (lines, service, key, question->text,
                              isnan (r->means[q]) ? g_strdup ("")
                              : question->kind == SM_QUESTION_YES_NO ? g_strdup_printf ("%.0f%%", r->means[q] * 100)
                              : g_strdup_printf ("%.2f", r->means[q]));
        }
    }
  return lines;
}
