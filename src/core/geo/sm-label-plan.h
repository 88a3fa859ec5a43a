#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "sm-tile-store.h"

G_BEGIN_DECLS

/* Where the basemap's names go, decided once for a block of tiles (a
 * metatile) so that a name crossing a tile edge is drawn in both tiles at
 * the same place, and no tile decides alone. */

#define SM_LABEL_METATILE 4          /* tiles a side */

typedef struct _SmLabelPlan SmLabelPlan;

typedef struct {
  const int            *label_zoom;     /* per class: first zoom with names; 0 never */
  const int            *priority;       /* per class: lower first; places 0 */
  PangoContext         *context;
  PangoFontDescription *place_font;
  PangoFontDescription *road_font;
} SmLabelStyle;

SmLabelPlan *sm_label_plan_build (SmBasemapReader     *reader,
                                  const SmLabelStyle  *style,
                                  int                  z,
                                  int                  mx,
                                  int                  my,
                                  GError             **error);
void         sm_label_plan_draw  (const SmLabelPlan   *plan,
                                  const SmLabelStyle  *style,
                                  cairo_t             *cr,
                                  double               origin_x,
                                  double               origin_y);
guint        sm_label_plan_get_n_labels (const SmLabelPlan *plan);
const char  *sm_label_plan_get_label (const SmLabelPlan *plan,
                                      guint              i,
                                      int               *klass,
                                      double            *x,
                                      double            *y,
                                      double            *angle,
                                      int               *w,
                                      int               *h);
void         sm_label_plan_free  (SmLabelPlan         *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmLabelPlan, sm_label_plan_free)

G_END_DECLS
