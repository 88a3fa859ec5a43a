#define G_LOG_DOMAIN "sm-plain-tile-source"

#include "config.h"

#include <cairo.h>

#include "sm-plain-tile-source.h"
#include "sm-tile-delivery.h"

/* The basemap when no street data has been imported: a quiet paper colour,
 * drawn here, so that nothing about where the user is looking ever leaves
 * the machine. Every tile is the same and nothing is drawn at its edges,
 * so tiles join without a line. Boundaries and names are drawn above it
 * by the case layer. */

#define TILE_SIZE 256

struct _SmPlainTileSource
{
  ShumateDataSource  parent_instance;

  GBytes            *tile;      /* every tile looks the same: encode once */
};

G_DEFINE_FINAL_TYPE (SmPlainTileSource, sm_plain_tile_source, SHUMATE_TYPE_DATA_SOURCE)

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_tile (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE_SIZE, TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.96, 0.95, 0.92);
  cairo_paint (cr);
  cairo_destroy (cr);

  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
sm_plain_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                          int                  x,
                                          int                  y,
                                          int                  zoom,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  SmPlainTileSource *self = SM_PLAIN_TILE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  g_task_set_source_tag (task, sm_plain_tile_source_get_tile_data_async);
  sm_tile_deliver (source, task, x, y, zoom, self->tile);
}

static void
sm_plain_tile_source_finalize (GObject *object)
{
  SmPlainTileSource *self = SM_PLAIN_TILE_SOURCE (object);

  g_bytes_unref (self->tile);

  G_OBJECT_CLASS (sm_plain_tile_source_parent_class)->finalize (object);
}

static void
sm_plain_tile_source_class_init (SmPlainTileSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_plain_tile_source_finalize;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = sm_plain_tile_source_get_tile_data_async;
}

static void
sm_plain_tile_source_init (SmPlainTileSource *self)
{
  self->tile = render_tile ();
}

ShumateDataSource *
sm_plain_tile_source_new (void)
{
  return g_object_new (SM_TYPE_PLAIN_TILE_SOURCE, NULL);
}
