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

/* A shape's edges sorted into bands of latitude: the same answer as
 * sm_shape_contains(), with the edges of one band looked at, for shapes
 * asked about many points. */
typedef struct _SmShapeIndex SmShapeIndex;

SmShapeIndex *sm_shape_index_new      (const SmShape      *shape);
gboolean      sm_shape_index_contains (const SmShapeIndex *self,
                                       double              lon,
                                       double              lat);
void          sm_shape_index_free     (SmShapeIndex       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmShapeIndex, sm_shape_index_free)

G_END_DECLS
