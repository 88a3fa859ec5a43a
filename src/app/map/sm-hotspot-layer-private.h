#pragma once

#include "sm-context.h"
#include "sm-grid.h"
#include "sm-hotspot.h"
#include "sm-hotspot-layer.h"
#include "sm-query.h"

G_BEGIN_DECLS

#define HEAT_CELL 25.0
#define HEAT_MAX_SIDE 512

struct _SmHotspotLayer
{
  ShumateLayer  parent_instance;

  SmContext           *context;

  SmStore      *store;
  SmFilter     *filter;
  gboolean      show_heat;
  gboolean      show_gi;
  double        opacity;
  GDate         compare;

  GdkTexture   *heat;
  double        heat_west, heat_south, heat_east, heat_north;
  double        peak;            /* households per km² */
  GArray       *cells;           /* SmHotspotCell */
  gboolean      show_change;
  GArray       *appeared;        /* double lat, lon: needs assessed since the compared day */
  GArray       *resolved;        /* double lat, lon: needs resolved since then */
  gboolean      planner_view;    /* no heat, changes as grid counts of k or more */
  GArray       *appeared_grid;   /* SmGridCell that may be shown, in the planner view */
  double        bandwidth;
  SmKernel      kernel;
  SmPointWeight weight;
  double        cell;
  SmHotspotMethod method;        /* density or rate */
  GPtrArray    *hotspots;        /* SmHotspot */
  int           selected;        /* outlined, or -1 */
  guint         pending;

  /* One heat scale over the time slider's months (unless per month). */
  GDate         time_first;
  int           time_months;     /* 0: no slider */
  int           time_window;
  gboolean      per_month;
  double        scale;           /* the highest density of any month; 0: not known yet */
  SmFilter     *scale_filter;    /* what it is the scale of */
  SmKernel      scale_kernel;
  double        scale_bandwidth;
  SmPointWeight scale_weight;
  int           scale_window;
  GCancellable *scale_cancellable;
};

void _sm_hotspot_layer_emit_updated (SmHotspotLayer *self);
void _sm_hotspot_layer_build_heat   (SmHotspotLayer *self,
                                     SmHotspotInput *in);
void _sm_hotspot_layer_update_scale (SmHotspotLayer *self);

G_END_DECLS
