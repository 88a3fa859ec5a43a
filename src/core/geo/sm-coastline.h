#pragma once

#include <glib.h>
#include <ogr_api.h>

G_BEGIN_DECLS

/* An extract's coastlines, made into the sea they bound. */

typedef struct _SmCoastline SmCoastline;

SmCoastline  *sm_coastline_new      (void);
void          sm_coastline_add      (SmCoastline       *self,
                                     OGRGeometryH       line);
void          sm_coastline_add_island (SmCoastline     *self,
                                       OGRGeometryH     area);
gboolean      sm_coastline_is_empty (const SmCoastline *self);
OGRGeometryH  sm_coastline_water    (SmCoastline       *self,
                                     double             west,
                                     double             south,
                                     double             east,
                                     double             north);
void          sm_coastline_free     (SmCoastline       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCoastline, sm_coastline_free)

G_END_DECLS
