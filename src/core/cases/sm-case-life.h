#pragma once

#include <glib.h>

#include "sm-signal.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The life of a household's case file, and what was done: opened →
 * assessment → plan → in care → closed, one stage after the other; an open
 * case may be closed early with a reason, and a closed one reopened with
 * one. Interventions beyond social services, by family and kind. */

/**
 * SmCaseStage:
 * @SM_CASE_OPENED: opened, the assessment not begun
 * @SM_CASE_ASSESSMENT: being assessed
 * @SM_CASE_PLAN: the care plan is being made
 * @SM_CASE_IN_CARE: in care, by the plan
 * @SM_CASE_CLOSED: closed
 */
typedef enum {
  SM_CASE_OPENED,     /*< nick=opened >*/
  SM_CASE_ASSESSMENT, /*< nick=assessment >*/
  SM_CASE_PLAN,       /*< nick=plan >*/
  SM_CASE_IN_CARE,    /*< nick=in_care >*/
  SM_CASE_CLOSED,     /*< nick=closed >*/
} SmCaseStage;

/**
 * SmInterventionFamily:
 * @SM_INTERVENTION_HOUSING: housing policy
 * @SM_INTERVENTION_ADMINISTRATIVE: administrative tools
 * @SM_INTERVENTION_GUARDIANSHIP: guardianship measures
 * @SM_INTERVENTION_SERVICE: social and child-welfare services
 */
typedef enum {
  SM_INTERVENTION_HOUSING,        /*< nick=housing >*/
  SM_INTERVENTION_ADMINISTRATIVE, /*< nick=administrative >*/
  SM_INTERVENTION_GUARDIANSHIP,   /*< nick=guardianship >*/
  SM_INTERVENTION_SERVICE,        /*< nick=service >*/
} SmInterventionFamily;

/* Days a service gives itself for a case: from opening to the end of the
 * assessment, and between reviews of a plan or of care. */
typedef struct {
  int assessment_days;
  int review_days;
} SmCaseDeadlines;

extern const SmCaseDeadlines sm_case_default_deadlines;

typedef struct {
  const char           *code;
  SmInterventionFamily  family;
  const char           *name_hu;
  const char           *name_en;
} SmInterventionKind;

const SmInterventionKind *sm_intervention_kinds      (guint       *n);
const SmInterventionKind *sm_intervention_kind_find  (const char  *code);
const char               *sm_intervention_kind_name  (const SmInterventionKind *kind);

gboolean    sm_case_check_step   (SmCaseStage   from,
                                  SmCaseStage   to,
                                  const char   *by,
                                  const char   *note,
                                  GError      **error);
const char *sm_case_stage_name   (SmCaseStage   stage);
gboolean    sm_case_is_overdue   (const SmCaseDeadlines *deadlines,
                                  SmCaseStage   stage,
                                  const GDate  *opened,
                                  const GDate  *stage_since,
                                  const GDate  *reviewed,
                                  const GDate  *today);

gboolean    sm_deadlines_load    (SmStore            *store,
                                  SmSignalDeadlines  *signals,
                                  SmCaseDeadlines    *cases,
                                  GError            **error);
gboolean    sm_deadline_set      (SmStore            *store,
                                  const char         *name,
                                  int                 days,
                                  GError            **error);

gint64      sm_case_open         (SmStore      *store,
                                  gint64        household_id,
                                  gint64        signal_id,
                                  const char   *caseworker,
                                  const GDate  *on,
                                  gboolean      synthetic,
                                  GError      **error);
gboolean    sm_case_move         (SmStore      *store,
                                  gint64        id,
                                  SmCaseStage   to,
                                  const char   *by,
                                  const char   *note,
                                  const GDate  *on,
                                  GError      **error);
gint64      sm_intervention_add  (SmStore      *store,
                                  gint64        household_id,
                                  const char   *area,
                                  const double *area_lat_lon,
                                  const char   *kind,
                                  const GDate  *on,
                                  const char   *organization,
                                  const char   *outcome,
                                  gboolean      synthetic,
                                  GError      **error);

G_END_DECLS
