#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SM_TYPE_PLAIN_TILE_SOURCE (sm_plain_tile_source_get_type ())

G_DECLARE_FINAL_TYPE (SmPlainTileSource, sm_plain_tile_source, SM, PLAIN_TILE_SOURCE,
                      ShumateDataSource)

ShumateDataSource *sm_plain_tile_source_new (void);

G_END_DECLS
