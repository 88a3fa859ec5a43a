#pragma once

#include <ogr_api.h>

#include "sm-boundary.h"

G_BEGIN_DECLS

/* Boundaries in two files: importing and reading them (sm-boundary.c) and
 * deriving settlement-part areas from their anchors (sm-boundary-parts.c). */



gboolean _sm_boundary_store_boundary (SmStore       *store,
                                      const char    *name,
                                      const char    *level,
                                      const char    *code,
                                      gint64         population,
                                      OGRGeometryH   geometry,
                                      const char    *source,
                                      GError       **error);

G_END_DECLS
