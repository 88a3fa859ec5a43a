#pragma once

#include <shumate/shumate.h>

#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_CASE_LAYER (sm_case_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmCaseLayer, sm_case_layer, SM, CASE_LAYER, ShumateLayer)

SmCaseLayer *sm_case_layer_new              (ShumateViewport *viewport,
                                             SmStore         *store,
                                             SmFilter        *filter);
guint        sm_case_layer_get_n_households (SmCaseLayer     *self);
guint        sm_case_layer_get_n_needs      (SmCaseLayer     *self);
void         sm_case_layer_refresh          (SmCaseLayer     *self);

G_END_DECLS
