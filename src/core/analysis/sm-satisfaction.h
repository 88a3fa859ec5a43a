#pragma once

#include <glib.h>

#include "sm-disclosure.h"
#include "sm-store.h"
#include "sm-store-surveys.h"

G_BEGIN_DECLS

/* Client satisfaction: a response recorded from paper or a file, and the
 * results per service: mean and distribution per question with the number
 * of responses, trends by quarter, the yearly summary. A group of fewer
 * than k responses (the disclosure rule's k) is not shown. */

gint64   sm_satisfaction_record (SmStore             *store,
                                 gint64               questionnaire_id,
                                 gint64               service_id,
                                 gint64               location_id,
                                 const char          *answered_on,
                                 const char          *source,
                                 const char * const  *answers,
                                 guint                n_answers,
                                 gboolean             synthetic,
                                 GError             **error);
gboolean sm_satisfaction_parse_answer (SmQuestionKind  kind,
                                       const char     *text,
                                       int            *value);

typedef struct {
  gint64          question_id;
  int             position;
  SmQuestionKind  kind;
  char           *text;
  guint           n;             /* responses that answered it */
  double          mean;          /* a scale's mean; yes/no: the share of yes */
  guint           counts[6];     /* a scale's answers 1–5 at [1..5]; yes/no: no at [0], yes at [1] */
  gboolean        shown;         /* n is k or more */
} SmSatisfactionQuestion;

typedef struct {
  guint      n_responses;
  gboolean   shown;              /* k responses or more */
  int        k;
  GPtrArray *questions;          /* SmSatisfactionQuestion, free-text ones without figures */
} SmSatisfactionResult;

void                  sm_satisfaction_result_free (SmSatisfactionResult *result);
SmSatisfactionResult *sm_satisfaction_compute     (SmStore       *store,
                                                   gint64         questionnaire_id,
                                                   gint64         service_id,
                                                   gint64         location_id,
                                                   const char    *from,
                                                   const char    *to,
                                                   SmDisclosure  *disclosure,
                                                   GError       **error);

/* One quarter of one question: its mean over the responses then. */
typedef struct {
  int       year;
  int       quarter;             /* 1–4 */
  guint     n;
  double    mean;
  gboolean  shown;
} SmSatisfactionQuarter;

GArray   *sm_satisfaction_trend (SmStore       *store,
                                 gint64         questionnaire_id,
                                 gint64         service_id,
                                 gint64         location_id,
                                 gint64         question_id,
                                 const char    *from,
                                 const char    *to,
                                 SmDisclosure  *disclosure,
                                 GError       **error);

/* A service's line of the yearly summary. */
#define SM_SATISFACTION_MAX_QUESTIONS 30
typedef struct {
  gint64    service_id;
  guint     n_responses;
  gboolean  shown;
  double    means[SM_SATISFACTION_MAX_QUESTIONS]; /* per question position, NAN for none */
} SmSatisfactionServiceRow;

GArray   *sm_satisfaction_by_service (SmStore       *store,
                                      gint64         questionnaire_id,
                                      const char    *from,
                                      const char    *to,
                                      SmDisclosure  *disclosure,
                                      GError       **error);

GPtrArray *sm_satisfaction_summary_rows (SmStore       *store,
                                         gint64         questionnaire_id,
                                         const char    *from,
                                         const char    *to,
                                         SmDisclosure  *disclosure,
                                         GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmSatisfactionResult, sm_satisfaction_result_free)

G_END_DECLS
