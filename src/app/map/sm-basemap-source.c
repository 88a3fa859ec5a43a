#define G_LOG_DOMAIN "sm-basemap-source"

#include "config.h"

#include "sm-basemap-source.h"
#include "sm-tile-delivery.h"
#include "sm-tile-renderer.h"

/* Tiles of the database's own basemap, drawn on worker threads so the map
 * never waits for them, each worker with its own renderer (connection and
 * fonts). Recent tiles are kept, least recently used going first. */

#define N_WORKERS 2
#define CACHE_TILES 768

struct _SmBasemapSource
{
  ShumateDataSource  parent_instance;

  char              *db_path;
  GAsyncQueue       *idle;        /* SmTileRenderer, ready for work */
  guint              n_renderers; /* made so far, at most N_WORKERS */
  GMutex             lock;        /* guards n_renderers */
  GHashTable        *cache;       /* key → GList link in lru */
  GQueue             lru;         /* CachedTile, most recent first */
  guint              n_rendered;
};

G_DEFINE_FINAL_TYPE (SmBasemapSource, sm_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  guint64  key;
  GBytes  *png;
} CachedTile;

typedef struct {
  int x, y, zoom;
} TileRequest;

static guint64
tile_key (int x,
          int y,
          int zoom)
{
  return ((guint64) zoom << 58) | ((guint64) (guint32) y << 29) | (guint64) (guint32) x;
}

static void
cached_tile_free (CachedTile *tile)
{
  g_bytes_unref (tile->png);
  g_free (tile);
}

static GBytes *
cache_lookup (SmBasemapSource *self,
              guint64          key)
{
  GList *link = g_hash_table_lookup (self->cache, &key);

  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);
  return ((CachedTile *) link->data)->png;
}

static void
cache_insert (SmBasemapSource *self,
              guint64          key,
              GBytes          *png)
{
  CachedTile *tile;

  if (g_hash_table_contains (self->cache, &key))
    return;
  tile = g_new0 (CachedTile, 1);
  tile->key = key;
  tile->png = g_bytes_ref (png);
  g_queue_push_head (&self->lru, tile);
  g_hash_table_insert (self->cache, &tile->key, self->lru.head);
  while (self->lru.length > CACHE_TILES)
    {
      CachedTile *old = g_queue_pop_tail (&self->lru);

      g_hash_table_remove (self->cache, &old->key);
      cached_tile_free (old);
    }
}

static SmTileRenderer *
take_renderer (SmBasemapSource  *self,
               GError          **error)
{
  SmTileRenderer *renderer = g_async_queue_try_pop (self->idle);
  gboolean may_create;

  if (renderer != NULL)
    return renderer;
  g_mutex_lock (&self->lock);
  may_create = self->n_renderers < N_WORKERS;
  if (may_create)
    self->n_renderers++;
  g_mutex_unlock (&self->lock);
  if (!may_create)
    return g_async_queue_pop (self->idle);

  renderer = sm_tile_renderer_new (self->db_path, error);
  if (renderer == NULL)
    {
      g_mutex_lock (&self->lock);
      self->n_renderers--;
      g_mutex_unlock (&self->lock);
    }
  return renderer;
}

static void
render_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SmBasemapSource *self = source;
  TileRequest *request = task_data;
  SmTileRenderer *renderer;
  GError *error = NULL;
  GBytes *png;

  if (g_task_return_error_if_cancelled (task))
    return;
  renderer = take_renderer (self, &error);
  if (renderer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  png = sm_tile_renderer_render_png (renderer, request->zoom, request->x, request->y, &error);
  g_async_queue_push (self->idle, renderer);
  if (png == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, png, (GDestroyNotify) g_bytes_unref);
}

/* Back on the main thread: keep the tile, hand it to the map. */
static void
rendered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SmBasemapSource *self = SM_BASEMAP_SOURCE (source);
  g_autoptr(GTask) outer = user_data;
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;

  png = g_task_propagate_pointer (G_TASK (result), &error);
  if (png == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  self->n_rendered++;
  cache_insert (self, tile_key (request->x, request->y, request->zoom), png);
  sm_tile_deliver (SHUMATE_DATA_SOURCE (self), outer, request->x, request->y, request->zoom, png);
}

static void
sm_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                       int                  x,
                                       int                  y,
                                       int                  zoom,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  SmBasemapSource *self = SM_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GTask) work = NULL;
  TileRequest *request;
  GBytes *png;

  g_task_set_source_tag (task, sm_basemap_source_get_tile_data_async);
  png = cache_lookup (self, tile_key (x, y, zoom));
  if (png != NULL)
    {
      sm_tile_deliver (source, task, x, y, zoom, png);
      return;
    }

  request = g_new (TileRequest, 1);
  *request = (TileRequest) { x, y, zoom };
  work = g_task_new (source, cancellable, rendered_cb, g_steal_pointer (&task));
  g_task_set_task_data (work, request, g_free);
  g_task_run_in_thread (work, render_in_thread);
}

static void
sm_basemap_source_finalize (GObject *object)
{
  SmBasemapSource *self = SM_BASEMAP_SOURCE (object);
  SmTileRenderer *renderer;

  /* Every task holds a reference to the source, so no worker is busy. */
  while ((renderer = g_async_queue_try_pop (self->idle)) != NULL)
    g_object_unref (renderer);
  g_async_queue_unref (self->idle);
  g_queue_clear_full (&self->lru, (GDestroyNotify) cached_tile_free);
  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->lock);
  g_free (self->db_path);

  G_OBJECT_CLASS (sm_basemap_source_parent_class)->finalize (object);
}

static void
sm_basemap_source_class_init (SmBasemapSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_basemap_source_finalize;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = sm_basemap_source_get_tile_data_async;
}

static void
sm_basemap_source_init (SmBasemapSource *self)
{
  self->idle = g_async_queue_new ();
  self->cache = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_mutex_init (&self->lock);
}

SmBasemapSource *
sm_basemap_source_new (const char *db_path)
{
  SmBasemapSource *self = g_object_new (SM_TYPE_BASEMAP_SOURCE, NULL);

  self->db_path = g_strdup (db_path);
  return self;
}

guint
sm_basemap_source_get_n_rendered (SmBasemapSource *self)
{
  g_return_val_if_fail (SM_IS_BASEMAP_SOURCE (self), 0);

  return self->n_rendered;
}
