#pragma once

#include <shumate/shumate.h>

#include "sm-disclosure.h"
#include "sm-grid.h"

G_BEGIN_DECLS

/* The planner view's protected grid cells, as the layers that count
 * points on the grid draw them and say what is under a point. */

typedef struct {
  double   rgb[3];        /* fill (faint) and outline */
  double   outline_alpha;
  double   line_width;
  gboolean dashed;
  double   text_rgb[3];
} SmGridCellStyle;

void              sm_grid_cells_draw (cairo_t               *cr,
                                      ShumateViewport       *viewport,
                                      GtkWidget             *widget,
                                      GArray                *cells,
                                      SmDisclosure          *disclosure,
                                      const SmGridCellStyle *style);
const SmGridCell *sm_grid_cells_at   (GArray                *cells,
                                      double                 lat,
                                      double                 lon);

G_END_DECLS
