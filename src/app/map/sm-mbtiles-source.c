#define G_LOG_DOMAIN "sm-mbtiles-source"

#include "config.h"


#include "sm-error.h"
#include "sm-mbtiles-source.h"
#include "sm-tile-delivery.h"
#include "sm-tile-store.h"

/* Raster tiles from an MBTiles file (PNG or JPEG): a local file the user
 * already has, so nothing leaves the machine. MBTiles rows count from the
 * south (TMS), the map from the north. */

struct _SmMbtilesSource
{
  ShumateDataSource  parent_instance;

  SmMbtilesReader   *reader;
};

G_DEFINE_FINAL_TYPE (SmMbtilesSource, sm_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

static void
sm_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  SmMbtilesSource *self = SM_MBTILES_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GBytes) bytes = NULL;

  g_task_set_source_tag (task, sm_mbtiles_source_get_tile_data_async);
  bytes = sm_mbtiles_reader_get (self->reader, zoom, x, (1 << zoom) - 1 - y);

  if (bytes == NULL)
    g_task_return_new_error (task, SM_ERROR, SM_ERROR_NOT_FOUND,
                             "No tile %d/%d/%d in the MBTiles file", zoom, x, y);
  else
    sm_tile_deliver (source, task, x, y, zoom, bytes);
}

static void
sm_mbtiles_source_finalize (GObject *object)
{
  SmMbtilesSource *self = SM_MBTILES_SOURCE (object);

  g_clear_pointer (&self->reader, sm_mbtiles_reader_free);

  G_OBJECT_CLASS (sm_mbtiles_source_parent_class)->finalize (object);
}

static void
sm_mbtiles_source_class_init (SmMbtilesSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_mbtiles_source_finalize;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = sm_mbtiles_source_get_tile_data_async;
}

static void
sm_mbtiles_source_init (SmMbtilesSource *self)
{
}

SmMbtilesSource *
sm_mbtiles_source_new (const char  *path,
                       GError     **error)
{
  g_autoptr(SmMbtilesSource) self = g_object_new (SM_TYPE_MBTILES_SOURCE, NULL);

  self->reader = sm_mbtiles_reader_open (path, error);
  if (self->reader == NULL)
    return NULL;
  return g_steal_pointer (&self);
}
