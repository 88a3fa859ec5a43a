#pragma once

#include <shumate/shumate.h>

#include "sm-filter.h"
#include "sm-hotspot.h"
#include "sm-context.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_HOTSPOT_LAYER (sm_hotspot_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmHotspotLayer, sm_hotspot_layer, SM, HOTSPOT_LAYER, ShumateLayer)

/* The density of the filtered households as a heat map, and the Gi*
 * cells that are significantly hot or cold; both follow the filter.
 * Emits "updated" when the hotspot list is new. */

SmHotspotLayer *sm_hotspot_layer_new            (ShumateViewport *viewport,
                                                 SmContext       *context);
void            sm_hotspot_layer_set_show_heat  (SmHotspotLayer  *self,
                                                 gboolean         show);
void            sm_hotspot_layer_set_show_gi    (SmHotspotLayer  *self,
                                                 gboolean         show);
void            sm_hotspot_layer_set_show_change (SmHotspotLayer *self,
                                                  gboolean        show);
void            sm_hotspot_layer_get_shown      (SmHotspotLayer  *self,
                                                 gboolean        *heat,
                                                 gboolean        *gi,
                                                 gboolean        *change);
void            sm_hotspot_layer_set_planner_view (SmHotspotLayer *self,
                                                   gboolean        planner_view);
void            sm_hotspot_layer_set_bandwidth  (SmHotspotLayer  *self,
                                                 double           metres);
void            sm_hotspot_layer_set_kernel     (SmHotspotLayer  *self,
                                                 SmKernel         kernel);
void            sm_hotspot_layer_set_weight     (SmHotspotLayer  *self,
                                                 SmPointWeight    weight);
SmPointWeight   sm_hotspot_layer_get_weight     (SmHotspotLayer  *self);
void            sm_hotspot_layer_set_cell       (SmHotspotLayer  *self,
                                                 double           metres);
guint           sm_hotspot_layer_get_n_changes  (SmHotspotLayer  *self,
                                                 guint           *resolved);
void            sm_hotspot_layer_set_opacity    (SmHotspotLayer  *self,
                                                 double           opacity);
void            sm_hotspot_layer_set_compare    (SmHotspotLayer  *self,
                                                 const GDate     *day);
void            sm_hotspot_layer_set_compare_quietly (SmHotspotLayer *self,
                                                      const GDate    *day);
void            sm_hotspot_layer_set_method     (SmHotspotLayer  *self,
                                                 SmHotspotMethod  method);
void            sm_hotspot_layer_set_time       (SmHotspotLayer  *self,
                                                 const GDate     *first,
                                                 int              n_months,
                                                 int              window);
void            sm_hotspot_layer_set_per_month  (SmHotspotLayer  *self,
                                                 gboolean         per_month);
gboolean        sm_hotspot_layer_is_scaling     (SmHotspotLayer  *self);
void            sm_hotspot_layer_flush          (SmHotspotLayer  *self);
gboolean        sm_hotspot_layer_is_pending     (SmHotspotLayer  *self);
void            sm_hotspot_layer_recompute      (SmHotspotLayer  *self);
GPtrArray      *sm_hotspot_layer_get_hotspots   (SmHotspotLayer  *self);
double          sm_hotspot_layer_get_peak       (SmHotspotLayer  *self);
void            sm_hotspot_layer_class_colour   (int              klass,
                                                 double           rgb[3]);
void            sm_hotspot_layer_draw_classes   (cairo_t         *cr,
                                                 double           y,
                                                 double           width,
                                                 double           height);

char           *sm_hotspot_layer_describe       (SmHotspotLayer  *self,
                                                 double           lat,
                                                 double           lon);
void            sm_hotspot_layer_set_selected   (SmHotspotLayer  *self,
                                                 int              index);

G_END_DECLS
