#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SM_TYPE_MBTILES_SOURCE (sm_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (SmMbtilesSource, sm_mbtiles_source, SM, MBTILES_SOURCE, ShumateDataSource)

SmMbtilesSource *sm_mbtiles_source_new (const char  *path,
                                        GError     **error);

G_END_DECLS
