#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Read-only connections for drawing tiles: each worker thread owns one, so
 * none waits for the store's own connection. */

/* The basemap features of a database (see sm-basemap.h for the classes and
 * the packed geometry). */
typedef struct _SmBasemapReader SmBasemapReader;

typedef void (*SmBasemapFeatureFunc) (int           klass,
                                      int           level,
                                      const char   *name,
                                      const guint8 *geometry,
                                      gsize         size,
                                      gpointer      user_data);

SmBasemapReader *sm_basemap_reader_open  (const char            *db_path,
                                          GError               **error);
gboolean         sm_basemap_reader_each  (SmBasemapReader       *self,
                                          double                 west,
                                          double                 south,
                                          double                 east,
                                          double                 north,
                                          int                    zoom,
                                          SmBasemapFeatureFunc   func,
                                          gpointer               user_data,
                                          GError               **error);
gboolean         sm_basemap_reader_each_named (SmBasemapReader  *self,
                                               double            west,
                                               double            south,
                                               double            east,
                                               double            north,
                                               int               zoom,
                                               SmBasemapFeatureFunc func,
                                               gpointer          user_data,
                                               GError          **error);
void             sm_basemap_reader_free  (SmBasemapReader       *self);

/* Raster tiles of an MBTiles file; rows count from the south (TMS). */
typedef struct _SmMbtilesReader SmMbtilesReader;

SmMbtilesReader *sm_mbtiles_reader_open  (const char            *path,
                                          GError               **error);
GBytes          *sm_mbtiles_reader_get   (SmMbtilesReader       *self,
                                          int                    zoom,
                                          int                    x,
                                          int                    tms_y);
void             sm_mbtiles_reader_free  (SmMbtilesReader       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmBasemapReader, sm_basemap_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMbtilesReader, sm_mbtiles_reader_free)

G_END_DECLS
