#pragma once

#include <glib.h>
#include <gdal.h>
#include <ogr_srs_api.h>

G_BEGIN_DECLS

void                 _sm_ogr_init            (void);
OGRSpatialReferenceH _sm_ogr_new_wgs84       (void);
GDALDatasetH         _sm_ogr_open_vector     (const char  *path,
                                              GError     **error);
GDALDatasetH         _sm_ogr_open_table      (const char          *path,
                                              const char * const  *open_options,
                                              GError             **error);
void                 _sm_ogr_set_error       (GError     **error,
                                              int          code,
                                              const char  *what);

G_END_DECLS
