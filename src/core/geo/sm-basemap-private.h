#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For the tests and fuzz targets: how OSM tags are read and classified. */
char *_sm_basemap_hstore_get    (const char *hstore,
                                 const char *key);
int   _sm_basemap_classify_tags (const char *other_tags,
                                 int         kind,
                                 int        *min_zoom);

G_END_DECLS
