#pragma once

#include <shumate/shumate.h>

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_MEASURE_LAYER (sm_measure_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmMeasureLayer, sm_measure_layer, SM, MEASURE_LAYER, ShumateLayer)

/* Where which instruments were used on areas: a flag at each hotspot
 * area's centre with the kinds of measure recorded for it, coloured by
 * family (housing, administrative, guardianship, services). No household
 * is shown. */

SmMeasureLayer *sm_measure_layer_new      (ShumateViewport *viewport,
                                           SmContext       *context);
guint           sm_measure_layer_get_n_areas (SmMeasureLayer *self);
char           *sm_measure_layer_describe (SmMeasureLayer  *self,
                                           double           lat,
                                           double           lon);

G_END_DECLS
