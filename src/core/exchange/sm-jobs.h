#pragma once

#include <gio/gio.h>

#include "sm-basemap.h"
#include "sm-import.h"
#include "sm-roundtable-pack.h"

G_BEGIN_DECLS

/* Work that takes long, as GTask APIs for the window and the command line
 * alike. Each runs on a worker thread with a connection of its own to the
 * database file (so the caller's stays free), calls @progress in the
 * caller's main context, and stops at @cancellable leaving the database as
 * it was. */

void      sm_import_file_async          (const char             *db_path,
                                         const char             *path,
                                         const SmImportOptions  *options,
                                         SmProgressFunc          progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  sm_import_file_finish         (GAsyncResult           *result,
                                         SmImportReport        **report,
                                         GError                **error);

void      sm_basemap_import_osm_async   (const char             *db_path,
                                         const char             *osm_path,
                                         SmShape                *clip,
                                         SmProgressFunc          progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  sm_basemap_import_osm_finish  (GAsyncResult           *result,
                                         SmBasemapImportStats   *stats,
                                         GError                **error);

void      sm_roundtable_pack_async      (const char             *db_path,
                                         const SmPackOptions    *options,
                                         const char             *path,
                                         SmProgressFunc          progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
void      sm_timelapse_async            (const char             *db_path,
                                         const SmPackOptions    *options,
                                         const char             *path,
                                         SmProgressFunc          progress,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  sm_roundtable_pack_finish     (GAsyncResult           *result,
                                         GStrv                  *written,
                                         GError                **error);

G_END_DECLS
