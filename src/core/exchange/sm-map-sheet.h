#pragma once

#include <cairo.h>
#include <glib.h>

#include "sm-pack-map.h"

G_BEGIN_DECLS

/* A printed or exported view of the map: its image laid out with a
 * title, the legend of exactly the layers shown, a metric scale bar, a
 * north arrow, the day of the view, the filter in words and the data's
 * attribution. The layout is vector in SVG and PDF; the view is the image
 * the window drew, planner view and all. */

typedef struct {
  SmPackMap       *layout;            /* title, legend_title, legend, date_text, attribution */
  char            *filter_text;
  cairo_surface_t *image;             /* the view, as the window drew it */
  double           metres_per_pixel;  /* of @image, at its middle */
} SmMapSheet;

SmMapSheet *sm_map_sheet_new   (const char       *title,
                                cairo_surface_t  *image,
                                double            metres_per_pixel);
void        sm_map_sheet_free  (SmMapSheet       *sheet);
void        sm_map_sheet_draw  (cairo_t          *cr,
                                double            width,
                                double            height,
                                SmMapSheet       *sheet);
gboolean    sm_map_sheet_save  (SmMapSheet       *sheet,
                                const char       *path,
                                const char       *format,
                                GDateTime        *created,
                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMapSheet, sm_map_sheet_free)

G_END_DECLS
