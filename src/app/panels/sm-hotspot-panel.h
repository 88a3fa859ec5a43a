#pragma once

#include <adwaita.h>

#include "sm-area-layer.h"
#include "sm-hotspot-layer.h"
#include "sm-excess-layer.h"
#include "sm-store.h"

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_HOTSPOT_PANEL (sm_hotspot_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmHotspotPanel, sm_hotspot_panel, SM, HOTSPOT_PANEL, GtkBox)

/* The Hotspots page: the hotspot layers' switches, the area choropleth's
 * choices and the ranked list.
 * Emits "zoom" (west, south, east, north) when a hotspot is clicked. */

SmHotspotPanel *sm_hotspot_panel_new      (SmContext      *context,
                                           SmHotspotLayer *layer,
                                           SmExcessLayer  *excess_layer,
                                           SmAreaLayer    *area_layer);
guint           sm_hotspot_panel_get_count (SmHotspotPanel *self);
void            sm_hotspot_panel_set_layers (SmHotspotPanel *self,
                                             gboolean        heat,
                                             gboolean        gi);
void            sm_hotspot_panel_set_method (SmHotspotPanel *self,
                                             guint           kernel,
                                             guint           weight);
void            sm_hotspot_panel_set_area_show (SmHotspotPanel *self,
                                                SmAreaShow      show);

void            sm_hotspot_panel_set_hotspot_method (SmHotspotPanel  *self,
                                                     SmHotspotMethod  method);

G_END_DECLS
