#pragma once

#include <glib-object.h>

#include "sm-coverage.h"

G_BEGIN_DECLS

/* One row of the coverage table: a need category in a settlement part (or
 * the town), its counts already written by the disclosure rule, sorting on
 * what is shown (a hidden count sorts as 0). */

#define SM_TYPE_COVERAGE_ITEM (sm_coverage_item_get_type ())

G_DECLARE_FINAL_TYPE (SmCoverageItem, sm_coverage_item, SM, COVERAGE_ITEM, GObject)

SmCoverageItem *sm_coverage_item_new (const char *category,
                                      const char *part,
                                      const char *needs,
                                      gint64      shown_needs,
                                      const char *not_covered,
                                      gint64      shown_not_covered);
gint64          sm_coverage_item_get_shown_needs       (SmCoverageItem *self);
gint64          sm_coverage_item_get_shown_not_covered (SmCoverageItem *self);

G_END_DECLS
