#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The results of the satisfaction questionnaires: per service (or all),
 * mean and distribution per question with the number of responses, the
 * means by quarter as a chart; no group of fewer than k responses. */

#define SM_TYPE_SATISFACTION_WINDOW (sm_satisfaction_window_get_type ())

G_DECLARE_FINAL_TYPE (SmSatisfactionWindow, sm_satisfaction_window, SM, SATISFACTION_WINDOW, AdwWindow)

SmSatisfactionWindow *sm_satisfaction_window_new         (GtkWindow            *parent,
                                                          SmContext            *context);
void                  sm_satisfaction_window_set_questionnaire (SmSatisfactionWindow *self,
                                                                gint64                questionnaire_id);
void                  sm_satisfaction_window_open_summary (SmSatisfactionWindow *self);
void                  sm_satisfaction_window_set_service (SmSatisfactionWindow *self,
                                                          gint64                service_id);
void                  sm_satisfaction_window_set_place   (SmSatisfactionWindow *self,
                                                          gint64                location_id);
const char           *sm_satisfaction_window_get_summary (SmSatisfactionWindow *self);
guint                 sm_satisfaction_window_get_n_quarters (SmSatisfactionWindow *self);

G_END_DECLS
