#pragma once

#include <glib-object.h>

#include "sm-disclosure.h"
#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Households counted on the EOV grid, with the disclosure rule applied:
 * what the grid export writes and what the planner view draws. */

#define SM_GRID_DEFAULT_CELL_M 250.0

typedef struct {
  double            x0, y0;        /* the cell's south-west corner, EOV metres */
  double            lon[4], lat[4]; /* corners in degrees: SW, SE, NE, NW */
  SmDisclosureCell  counts;        /* households, persons, needs and state */
} SmGridCell;

typedef struct {
  double  lat, lon;
  gint64  households, persons, needs;
} SmGridPoint;

gboolean  sm_grid_check_cell (double         cell_m,
                              GError       **error);
GArray   *sm_grid_count      (SmStore       *store,
                              SmFilter      *filter,
                              SmDisclosure  *disclosure,
                              double         cell_m,
                              GError       **error);

GArray   *sm_grid_count_points (const SmGridPoint *points,
                                guint              n,
                                SmDisclosure      *disclosure,
                                double             cell_m,
                                GError           **error);

G_END_DECLS
