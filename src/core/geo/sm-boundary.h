#pragma once

#include "sm-geometry.h"
#include "sm-store.h"

G_BEGIN_DECLS

typedef struct {
  const char *layer;             /* NULL: the first layer */
  const char *level;             /* NULL: read from the file's fields */
  const char *name_field;        /* NULL: NAME, name, NEV, … */
  const char *code_field;        /* NULL: CODE, KSH, ksh_code, … */
  const char *population_field;  /* NULL: population, nepesseg, … */
  gboolean    repair;            /* make invalid outlines valid instead of refusing them */
} SmBoundaryImportOptions;

gboolean  sm_boundary_import          (SmStore                       *store,
                                       const char                    *path,
                                       const SmBoundaryImportOptions *options,
                                       guint                         *n_imported,
                                       GError                       **error);

SmShape  *sm_shape_load_file          (const char  *path,
                                       GError     **error);
GBytes   *sm_polygons_load_wkb        (const char  *path,
                                       GError     **error);

SmShape  *sm_boundary_get_shape (SmStore     *store,
                                       const char  *name,
                                       const char  *level,
                                       GError     **error);

typedef struct {
  gint64   id;
  char    *name;
  char    *level;
  SmShape *shape;
} SmBoundary;

GPtrArray *sm_boundary_list  (SmStore     *store,
                                      const char  *level,
                                      GError     **error);
gboolean   sm_boundary_derive_parts  (SmStore     *store,
                                      const char  *settlement,
                                      guint       *n_derived,
                                      GError     **error);
void       sm_boundary_free          (SmBoundary  *boundary);

G_END_DECLS
