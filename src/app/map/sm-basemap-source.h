#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define SM_TYPE_BASEMAP_SOURCE (sm_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (SmBasemapSource, sm_basemap_source, SM, BASEMAP_SOURCE, ShumateDataSource)

SmBasemapSource *sm_basemap_source_new            (const char      *db_path);
guint            sm_basemap_source_get_n_rendered (SmBasemapSource *self);

G_END_DECLS
