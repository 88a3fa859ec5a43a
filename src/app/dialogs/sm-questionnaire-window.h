#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The satisfaction questionnaires written: each one's name and its
 * questions (a 1–5 scale, yes or no, free text), saved as one action
 * through core (sm_questionnaire_save()), which says what may change once
 * a questionnaire has responses. */

#define SM_TYPE_QUESTIONNAIRE_WINDOW (sm_questionnaire_window_get_type ())

G_DECLARE_FINAL_TYPE (SmQuestionnaireWindow, sm_questionnaire_window, SM, QUESTIONNAIRE_WINDOW, AdwWindow)

SmQuestionnaireWindow *sm_questionnaire_window_new        (GtkWindow             *parent,
                                                           SmContext             *context);
void                   sm_questionnaire_window_show       (SmQuestionnaireWindow *self,
                                                           gint64                 questionnaire_id);
guint                  sm_questionnaire_window_add_question (SmQuestionnaireWindow *self,
                                                             int                    kind,
                                                             const char            *text);
void                   sm_questionnaire_window_remove_question (SmQuestionnaireWindow *self,
                                                                guint                  index);
const char            *sm_questionnaire_window_get_message (SmQuestionnaireWindow *self);

G_END_DECLS
