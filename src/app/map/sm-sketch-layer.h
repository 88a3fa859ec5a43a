#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* A catchment on the map: the one being drawn, corner by corner (its
 * sides, the side that would close it dashed, a dot on each corner), and
 * the catchments the service in the editor has, outlined. */

#define SM_TYPE_SKETCH_LAYER (sm_sketch_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmSketchLayer, sm_sketch_layer, SM, SKETCH_LAYER, ShumateLayer)

SmSketchLayer *sm_sketch_layer_new         (ShumateViewport *viewport);
void           sm_sketch_layer_set_corners (SmSketchLayer   *self,
                                            GArray          *lonlat);
void           sm_sketch_layer_set_shapes  (SmSketchLayer   *self,
                                            GPtrArray       *shapes);
guint          sm_sketch_layer_get_n_corners (SmSketchLayer *self);

G_END_DECLS
