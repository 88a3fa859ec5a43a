#pragma once

#include <cairo.h>

#include "sm-label-plan.h"
#include <glib-object.h>

G_BEGIN_DECLS

#define SM_TYPE_TILE_RENDERER (sm_tile_renderer_get_type ())

G_DECLARE_FINAL_TYPE (SmTileRenderer, sm_tile_renderer, SM, TILE_RENDERER, GObject)

#define SM_TILE_SIZE 256

/* Draws basemap tiles from the basemap tables of a database. A renderer has
 * its own read-only connection and fonts: use one per thread. */

SmTileRenderer *sm_tile_renderer_new        (const char      *db_path,
                                             GError         **error);
gboolean        sm_tile_renderer_draw       (SmTileRenderer  *self,
                                             cairo_t         *cr,
                                             int              z,
                                             int              x,
                                             int              y,
                                             GError         **error);
GBytes         *sm_tile_renderer_render_png (SmTileRenderer  *self,
                                             int              z,
                                             int              x,
                                             int              y,
                                             GError         **error);

const SmLabelPlan *sm_tile_renderer_get_label_plan (SmTileRenderer  *self,
                                                   int              z,
                                                   int              mx,
                                                   int              my,
                                                   GError         **error);

G_END_DECLS
