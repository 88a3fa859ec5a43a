#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* Paper questionnaires typed in quickly: the service and the day kept,
 * one key per answer, Enter saves the response through core and clears
 * the form for the next. */

#define SM_TYPE_SURVEY_WINDOW (sm_survey_window_get_type ())

G_DECLARE_FINAL_TYPE (SmSurveyWindow, sm_survey_window, SM, SURVEY_WINDOW, AdwWindow)

SmSurveyWindow *sm_survey_window_new          (GtkWindow      *parent,
                                               SmContext      *context);
void            sm_survey_window_set_questionnaire (SmSurveyWindow *self,
                                                    gint64          questionnaire_id);
void            sm_survey_window_set_place    (SmSurveyWindow *self,
                                               gint64          location_id);
void            sm_survey_window_set_service  (SmSurveyWindow *self,
                                               gint64          service_id);
gboolean        sm_survey_window_type         (SmSurveyWindow *self,
                                               const char     *keys);
guint           sm_survey_window_get_n_saved  (SmSurveyWindow *self);

G_END_DECLS
