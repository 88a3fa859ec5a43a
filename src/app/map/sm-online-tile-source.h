#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SM_TYPE_ONLINE_TILE_SOURCE (sm_online_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (SmOnlineTileSource, sm_online_tile_source, SM, ONLINE_TILE_SOURCE,
                      ShumateDataSource)

SmOnlineTileSource *sm_online_tile_source_new (const char *url_template,
                                               const char *cache_dir);

G_END_DECLS
