#pragma once

#include <cairo.h>
#include <glib.h>

#include "sm-geometry.h"

G_BEGIN_DECLS

/* A printed map: areas filled or hatched, outlines, circles, with its
 * title, legend, metric scale bar, north arrow, date and attribution,
 * drawn as vectors with cairo in Web Mercator. */

typedef enum {
  SM_MAP_SWATCH_FILL,
  SM_MAP_SWATCH_HATCH,
  SM_MAP_SWATCH_CIRCLE,
  SM_MAP_SWATCH_DASHED_CIRCLE,
  SM_MAP_SWATCH_OUTLINE,
} SmMapSwatch;

typedef struct {
  SmMapSwatch  kind;
  double       rgb[3];
  char        *label;
} SmMapLegendItem;

typedef struct {
  const SmShape *shape;         /* not owned */
  double         rgb[3];
  gboolean       hatched;       /* a hidden value: hatched grey */
  char          *label;
  double         label_lat, label_lon;
} SmMapArea;

typedef struct {
  double    lat, lon, radius_m;
  double    rgb[3];
  gboolean  dashed;
  char     *label;
} SmMapCircle;

typedef struct {
  char       *title;
  char       *date_text;
  char       *attribution;
  double      west, south, east, north;
  GPtrArray  *outlines;         /* const SmShape *, not owned */
  GPtrArray  *areas;            /* SmMapArea */
  GPtrArray  *circles;          /* SmMapCircle */
  GPtrArray  *legend;           /* SmMapLegendItem */
  char       *legend_title;
  double      scale;            /* text size, 1 */
} SmPackMap;

SmPackMap *sm_pack_map_new        (const char  *title);
void       sm_pack_map_free       (SmPackMap   *map);
void       sm_pack_map_add_area   (SmPackMap   *map,
                                   const SmShape *shape,
                                   const double  rgb[3],
                                   gboolean      hatched,
                                   const char   *label,
                                   double        label_lat,
                                   double        label_lon);
void       sm_pack_map_add_circle (SmPackMap   *map,
                                   double       lat,
                                   double       lon,
                                   double       radius_m,
                                   const double rgb[3],
                                   gboolean     dashed,
                                   const char  *label);
void       sm_pack_map_add_legend (SmPackMap   *map,
                                   SmMapSwatch  kind,
                                   const double rgb[3],
                                   const char  *label);
void       sm_pack_map_fit        (SmPackMap   *map);
void       sm_pack_map_draw       (cairo_t     *cr,
                                   double       width,
                                   double       height,
                                   gpointer     map);
char      *sm_pack_map_scale_label (double     metres);

extern const double sm_pack_map_hot[3];

double     sm_pack_map_draw_legend (cairo_t         *cr,
                                    const SmPackMap *map,
                                    double           x,
                                    double           y,
                                    double           width);
void       sm_pack_map_draw_north  (cairo_t         *cr,
                                    double           x,
                                    double           y,
                                    double           text);
void       sm_pack_map_draw_scale_bar (cairo_t      *cr,
                                       double        metres_per_point,
                                       double        x,
                                       double        y,
                                       double        max_width,
                                       double        text);

void       sm_pack_map_rate_range  (GArray      *stats,
                                    double      *lo,
                                    double      *hi);
void       sm_pack_map_add_rates   (SmPackMap   *map,
                                    GArray      *stats,
                                    double       lo,
                                    double       hi,
                                    int          k);
void       sm_pack_map_add_hotspots (SmPackMap  *map,
                                     GPtrArray  *found,
                                     const double rgb[3],
                                     gboolean    dashed,
                                     gboolean    numbered);
double     sm_pack_map_nice_length (double     metres);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmPackMap, sm_pack_map_free)

G_END_DECLS
