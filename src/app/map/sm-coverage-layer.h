#pragma once

#include <shumate/shumate.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* Households whose open need no service covers: out of every matching
 * service's catchment, with none to answer it, or only full services in
 * reach. Each is a ring coloured by its worst need; in the planner view
 * only protected grid cells with their counts. Follows the filter and the
 * store. */

#define SM_TYPE_COVERAGE_LAYER (sm_coverage_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmCoverageLayer, sm_coverage_layer, SM, COVERAGE_LAYER, ShumateLayer)

SmCoverageLayer *sm_coverage_layer_new              (ShumateViewport *viewport,
                                                     SmContext       *context);
void             sm_coverage_layer_set_planner_view (SmCoverageLayer *self,
                                                     gboolean         planner_view);
guint            sm_coverage_layer_get_n_uncovered  (SmCoverageLayer *self);
GArray          *sm_coverage_layer_get_needs        (SmCoverageLayer *self);
GArray          *sm_coverage_layer_get_grid         (SmCoverageLayer *self);
char            *sm_coverage_layer_describe         (SmCoverageLayer *self,
                                                     double           lat,
                                                     double           lon);

G_END_DECLS
