#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The coverage table: per need category, the town and each settlement
 * part, the households with the need and those whose need no service
 * covers, under the disclosure rule; it follows the filter and the store. */

#define SM_TYPE_COVERAGE_WINDOW (sm_coverage_window_get_type ())

G_DECLARE_FINAL_TYPE (SmCoverageWindow, sm_coverage_window, SM, COVERAGE_WINDOW, AdwWindow)

SmCoverageWindow *sm_coverage_window_new       (GtkWindow        *parent,
                                                SmContext        *context);
GListModel       *sm_coverage_window_get_rows  (SmCoverageWindow *self);

G_END_DECLS
