#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

/* A household's case file with its stages, the interventions on a
 * household or a hotspot area, and the case conferences, as records. */

typedef struct {
  gint64   id;
  gint64   household_id;
  gint64   signal_id;     /* the signal it was opened on, or 0 */
  char    *stage;         /* the nick of an SmCaseStage */
  char    *caseworker;
  char    *opened_on;     /* "YYYY-MM-DD" */
  char    *stage_since;   /* "YYYY-MM-DD" */
  char    *reviewed_on;   /* the last review, or NULL */
  char    *closed_on;     /* or NULL */
  gboolean synthetic;
} SmCaseFileRecord;

typedef struct {
  gint64   id;
  gint64   household_id;  /* 0: on an area */
  char    *area;          /* a hotspot area's name, or NULL */
  gboolean has_area_location;
  double   area_lat, area_lon;
  char    *family;        /* housing, administrative, guardianship, service */
  char    *kind;          /* the code of the kind (sm-case-life.h) */
  char    *on_date;       /* "YYYY-MM-DD" */
  char    *organization;
  char    *outcome;       /* or NULL */
  gboolean synthetic;
} SmInterventionRecord;

typedef struct {
  char *decision;
  char *owner;
  char *due_on;           /* "YYYY-MM-DD" */
} SmDecisionRecord;

typedef struct {
  gint64      id;
  char       *held_on;       /* "YYYY-MM-DD" */
  char       *kind;          /* discussion (esetmegbeszélés) or conference (esetkonferencia) */
  char       *participants;  /* organizations and persons, one per line or comma */
  char       *notes;
  gboolean    synthetic;
  GArray     *household_ids; /* gint64 */
  GArray     *signal_ids;    /* gint64 */
  GPtrArray  *decisions;     /* SmDecisionRecord */
} SmConferenceRecord;

void  sm_case_file_record_free     (SmCaseFileRecord *record);
void  sm_intervention_record_free  (SmInterventionRecord *record);
void  sm_decision_record_free      (SmDecisionRecord *record);
void  sm_conference_record_free    (SmConferenceRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCaseFileRecord, sm_case_file_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmInterventionRecord, sm_intervention_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmConferenceRecord, sm_conference_record_free)

gint64              sm_store_add_case_file     (SmStore                *store,
                                                const SmCaseFileRecord *record,
                                                GError                **error);
SmCaseFileRecord   *sm_store_get_case_file     (SmStore                *store,
                                                gint64                  id,
                                                GError                **error);
GPtrArray          *sm_store_list_case_files   (SmStore                *store,
                                                gint64                  household_id,
                                                gboolean                open_only,
                                                GError                **error);
gboolean            sm_store_step_case_file    (SmStore                *store,
                                                gint64                  id,
                                                const char             *from,
                                                const char             *to,
                                                const char             *at,
                                                const char             *by,
                                                const char             *note,
                                                GError                **error);
gboolean            sm_store_review_case_file  (SmStore                *store,
                                                gint64                  id,
                                                const char             *on,
                                                const char             *by,
                                                const char             *note,
                                                GError                **error);

gint64              sm_store_add_intervention  (SmStore                    *store,
                                                const SmInterventionRecord *record,
                                                GError                    **error);
GPtrArray          *sm_store_list_interventions (SmStore                   *store,
                                                 gint64                     household_id,
                                                 GError                   **error);

gint64              sm_store_add_conference    (SmStore                  *store,
                                                const SmConferenceRecord *record,
                                                GError                  **error);
GPtrArray          *sm_store_list_conferences  (SmStore                  *store,
                                                const char               *from,
                                                const char               *until,
                                                GError                  **error);

G_END_DECLS
