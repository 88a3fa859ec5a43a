#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* Client satisfaction: questionnaires, their questions, and anonymous
 * responses to them about a service (schema 9). What is computed from
 * them is in analysis/sm-satisfaction.c. */

typedef enum {
  SM_QUESTION_SCALE,    /*< nick=scale >*/
  SM_QUESTION_YES_NO,   /*< nick=yes_no >*/
  SM_QUESTION_TEXT,     /*< nick=text >*/
} SmQuestionKind;

typedef struct {
  gint64          id;
  int             position;
  SmQuestionKind  kind;
  char           *text;           /* in the language of the interface */
} SmQuestion;

typedef struct {
  gint64    id;
  char     *name;
  gboolean  standard;
} SmQuestionnaire;

/* One answer: @value 1–5 on a scale, 1 yes / 0 no, -1 not answered;
 * @text for a free-text question. */
typedef struct {
  gint64  question_id;
  int     value;
  char   *text;
} SmSurveyAnswer;

typedef struct {
  gint64       questionnaire_id;
  gint64       service_id;
  gint64       location_id;       /* 0: not said */
  const char  *answered_on;       /* YYYY-MM-DD */
  const char  *source;            /* paper, import, online */
  gboolean     synthetic;
  GArray      *answers;           /* SmSurveyAnswer */
} SmSurveyResponse;

/* An answer as read for the statistics. */
typedef struct {
  gint64  service_id;
  gint64  question_id;
  gint64  response_id;
  int     day;                    /* days since 1970-01-01 */
  int     value;
} SmSurveyValue;

void       sm_question_free               (SmQuestion      *question);
void       sm_questionnaire_free          (SmQuestionnaire *questionnaire);
GPtrArray *sm_store_list_questionnaires   (SmStore         *store,
                                           GError         **error);
GPtrArray *sm_store_list_questions        (SmStore         *store,
                                           gint64           questionnaire_id,
                                           GError         **error);
gint64     sm_store_count_responses       (SmStore         *store,
                                           gint64           questionnaire_id,
                                           GError         **error);
gint64     sm_store_write_questionnaire   (SmStore         *store,
                                           gint64           id,
                                           const char      *name,
                                           GPtrArray       *questions,
                                           gboolean         texts_only,
                                           GError         **error);
gboolean   sm_store_remove_questionnaire  (SmStore         *store,
                                           gint64           id,
                                           GError         **error);
gint64     sm_store_add_survey_response   (SmStore                *store,
                                           const SmSurveyResponse *response,
                                           GError                **error);
GArray    *sm_store_list_survey_values    (SmStore         *store,
                                           gint64           questionnaire_id,
                                           gint64           service_id,
                                           gint64           location_id,
                                           const char      *from,
                                           const char      *to,
                                           GError         **error);
GPtrArray *sm_store_list_survey_texts     (SmStore         *store,
                                           gint64           questionnaire_id,
                                           gint64           service_id,
                                           gint64           location_id,
                                           const char      *from,
                                           const char      *to,
                                           GError         **error);

G_END_DECLS
