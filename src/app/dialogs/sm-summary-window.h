#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The yearly summary of client satisfaction the coordination office
 * publishes: per service its responses and each question's mean, a
 * service of fewer than k responses saying only that; saved as CSV or
 * XLSX. */

#define SM_TYPE_SUMMARY_WINDOW (sm_summary_window_get_type ())

G_DECLARE_FINAL_TYPE (SmSummaryWindow, sm_summary_window, SM, SUMMARY_WINDOW, AdwWindow)

SmSummaryWindow *sm_summary_window_new       (GtkWindow       *parent,
                                              SmContext       *context,
                                              gint64           questionnaire_id);
void             sm_summary_window_set_year  (SmSummaryWindow *self,
                                              int              year);
GPtrArray       *sm_summary_window_get_lines (SmSummaryWindow *self);
gboolean         sm_summary_window_save      (SmSummaryWindow *self,
                                              const char      *path,
                                              GError         **error);

G_END_DECLS
