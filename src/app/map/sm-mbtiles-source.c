#define G_LOG_DOMAIN "sm-mbtiles-source"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-mbtiles-source.h"
#include "sm-tile-delivery.h"

/* Raster tiles from an MBTiles file (PNG or JPEG): a local file the user
 * already has, so nothing leaves the machine. MBTiles rows count from the
 * south (TMS), the map from the north. */

struct _SmMbtilesSource
{
  ShumateDataSource  parent_instance;

  sqlite3           *db;
  sqlite3_stmt      *query;
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
  sqlite3_reset (self->query);
  sqlite3_bind_int (self->query, 1, zoom);
  sqlite3_bind_int (self->query, 2, x);
  sqlite3_bind_int (self->query, 3, (1 << zoom) - 1 - y);
  if (sqlite3_step (self->query) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->query, 0),
                         (gsize) sqlite3_column_bytes (self->query, 0));
  sqlite3_reset (self->query);

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

  sqlite3_finalize (self->query);
  sqlite3_close (self->db);

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

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "SELECT tile_data FROM tiles"
                                    " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &self->query, NULL) != SQLITE_OK)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” is not an MBTiles file with raster tiles"), path);
      return NULL;
    }
  return g_steal_pointer (&self);
}
