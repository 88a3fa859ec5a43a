#pragma once

#include <shumate/shumate.h>

#include "sm-filter.h"
#include "sm-context.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_AREA_LAYER (sm_area_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmAreaLayer, sm_area_layer, SM, AREA_LAYER, ShumateLayer)

typedef enum {
  SM_AREA_SHOW_NONE,
  SM_AREA_SHOW_HOUSEHOLDS,
  SM_AREA_SHOW_RATE,
  SM_AREA_SHOW_GI,
} SmAreaShow;

/* A choropleth of the stored areas of one level (settlement parts,
 * districts, …) by the filtered households, their smoothed rate per
 * resident, or Gi* between the areas. Areas with fewer than five
 * households or persons are hatched, never shown as counts. Follows the
 * filter; emits "updated" after each computation. */

SmAreaLayer *sm_area_layer_new         (ShumateViewport *viewport,
                                      SmContext       *context);
void         sm_area_layer_set_show    (SmAreaLayer     *self,
                                        SmAreaShow       show);
SmAreaShow   sm_area_layer_get_show    (SmAreaLayer     *self);
void         sm_area_layer_set_level   (SmAreaLayer     *self,
                                        const char      *level);
void         sm_area_layer_set_opacity (SmAreaLayer     *self,
                                        double           opacity);
void         sm_area_layer_flush       (SmAreaLayer     *self);
gboolean     sm_area_layer_is_pending  (SmAreaLayer     *self);
void         sm_area_layer_recompute   (SmAreaLayer     *self);
/* The top of the colour scale (households or per 1,000), and whether Gi*
 * ran on rates. */
double       sm_area_layer_get_top     (SmAreaLayer     *self,
                                        gboolean        *gi_on_rate);
GArray      *sm_area_layer_get_stats   (SmAreaLayer     *self);
void         sm_area_layer_class_colour (int             klass,
                                         double          rgb[3]);

char        *sm_area_layer_describe    (SmAreaLayer     *self,
                                        double           lat,
                                        double           lon);

G_END_DECLS
