#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A (multi)polygon as plain rings of lon/lat pairs, for fast point-in-area
 * tests and drawing without GDAL in the loop. */
typedef struct _SmShape SmShape;

SmShape  *sm_shape_new              (void);
gboolean  sm_shape_add_wkb          (SmShape       *self,
                                     const guint8  *wkb,
                                     gsize          length,
                                     GError       **error);
gboolean  sm_shape_contains         (const SmShape *self,
                                     double         lon,
                                     double         lat);
void      sm_shape_get_bbox         (const SmShape *self,
                                     double        *west,
                                     double        *south,
                                     double        *east,
                                     double        *north);
gboolean  sm_shape_get_centre       (const SmShape *self,
                                     double        *lon,
                                     double        *lat);
guint     sm_shape_get_n_rings      (const SmShape *self);
const double *sm_shape_get_ring     (const SmShape *self,
                                     guint          index,
                                     guint         *n_points);
gboolean  sm_shape_is_empty         (const SmShape *self);
void      sm_shape_free             (SmShape       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmShape, sm_shape_free)

G_END_DECLS
