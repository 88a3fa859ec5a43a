#pragma once

#include <shumate/shumate.h>

#include "sm-context.h"
#include "sm-excess.h"

G_BEGIN_DECLS

#define SM_TYPE_EXCESS_LAYER (sm_excess_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmExcessLayer, sm_excess_layer, SM, EXCESS_LAYER, ShumateLayer)

/* The clusters of excess (Kulldorff's scan, sm_find_excess()) as circles:
 * computed on a worker thread while the layer is active, again whenever
 * the filter or the store changes; "updated" when a new list is in. The
 * results of the last filters are kept, and the time slider's next months
 * computed ahead, so that a step shows its month's clusters at once. The
 * chosen cluster is outlined. */

SmExcessLayer *sm_excess_layer_new          (ShumateViewport *viewport,
                                             SmContext       *context);
void           sm_excess_layer_set_active   (SmExcessLayer   *self,
                                             gboolean         active);
gboolean       sm_excess_layer_get_active   (SmExcessLayer   *self);
void           sm_excess_layer_set_model    (SmExcessLayer   *self,
                                             SmScanModel      model);
void           sm_excess_layer_set_cell     (SmExcessLayer   *self,
                                             double           metres);
void           sm_excess_layer_set_selected (SmExcessLayer   *self,
                                             int              index);
gboolean       sm_excess_layer_is_busy      (SmExcessLayer   *self);
gboolean       sm_excess_layer_is_computing (SmExcessLayer   *self);
void           sm_excess_layer_set_month    (SmExcessLayer   *self,
                                             const GDate     *first,
                                             int              n_months,
                                             int              index,
                                             int              window);
GPtrArray     *sm_excess_layer_get_clusters (SmExcessLayer   *self);
void           sm_excess_layer_recompute    (SmExcessLayer   *self);

char          *sm_excess_layer_describe     (SmExcessLayer   *self,
                                             double           lat,
                                             double           lon);

G_END_DECLS
