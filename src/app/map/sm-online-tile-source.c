#define G_LOG_DOMAIN "sm-online-tile-source"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sm-error.h"
#include "sm-online-tile-source.h"
#include "sm-tile-delivery.h"

/* OpenStreetMap's online tiles, only when the user turns them on: fetched
 * with a User-Agent that names the program, kept on disk for at least seven
 * days as the tile usage policy asks, and never fetched ahead of the view.
 * The stock downloader cannot do this here: Debian's build ignores the
 * user agent it is given. */

#define MAX_AGE_SECONDS (7 * 24 * 3600)

struct _SmOnlineTileSource
{
  ShumateDataSource  parent_instance;

  SoupSession       *session;
  char              *url_template;   /* with {z}, {x} and {y} */
  char              *cache_dir;
};

G_DEFINE_FINAL_TYPE (SmOnlineTileSource, sm_online_tile_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct {
  int   x, y, zoom;
  char *cache_path;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_free (fetch->cache_path);
  g_free (fetch);
}

static char *
expand_url (const char *template,
            int         x,
            int         y,
            int         zoom)
{
  g_autofree char *zs = g_strdup_printf ("%d", zoom);
  g_autofree char *xs = g_strdup_printf ("%d", x);
  g_autofree char *ys = g_strdup_printf ("%d", y);
  GString *url = g_string_new (template);

  g_string_replace (url, "{z}", zs, 0);
  g_string_replace (url, "{x}", xs, 0);
  g_string_replace (url, "{y}", ys, 0);
  return g_string_free (url, FALSE);
}

static GBytes *
read_fresh (const char *path)
{
  GStatBuf st;
  char *contents;
  gsize length;

  if (g_stat (path, &st) != 0 || time (NULL) - st.st_mtime > MAX_AGE_SECONDS ||
      !g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_bytes_new_take (contents, length);
}

static void
fetched_cb (GObject      *session,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SmOnlineTileSource *self = g_task_get_source_object (task);
  Fetch *fetch = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (session), result);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (session), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    {
      g_task_return_new_error (task, SM_ERROR, SM_ERROR_NOT_FOUND, "HTTP %u for tile %d/%d/%d",
                               soup_message_get_status (message), fetch->zoom, fetch->x, fetch->y);
      return;
    }

  {
    g_autofree char *dir = g_path_get_dirname (fetch->cache_path);

    if (g_mkdir_with_parents (dir, 0700) == 0)
      g_file_set_contents (fetch->cache_path, g_bytes_get_data (bytes, NULL),
                           (gssize) g_bytes_get_size (bytes), NULL);
  }
  sm_tile_deliver (SHUMATE_DATA_SOURCE (self), task, fetch->x, fetch->y, fetch->zoom, bytes);
}

static void
sm_online_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  SmOnlineTileSource *self = SM_ONLINE_TILE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  g_autofree char *name = g_strdup_printf ("%d/%d/%d.png", zoom, x, y);
  Fetch *fetch = g_new0 (Fetch, 1);

  g_task_set_source_tag (task, sm_online_tile_source_get_tile_data_async);
  *fetch = (Fetch) { x, y, zoom, g_build_filename (self->cache_dir, name, NULL) };
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  cached = read_fresh (fetch->cache_path);
  if (cached != NULL)
    {
      sm_tile_deliver (source, task, x, y, zoom, cached);
      return;
    }
  url = expand_url (self->url_template, x, y, zoom);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      g_task_return_new_error (task, SM_ERROR, SM_ERROR_INVALID, "Bad tile address %s", url);
      return;
    }
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    fetched_cb, g_steal_pointer (&task));
}

static void
sm_online_tile_source_finalize (GObject *object)
{
  SmOnlineTileSource *self = SM_ONLINE_TILE_SOURCE (object);

  g_object_unref (self->session);
  g_free (self->url_template);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (sm_online_tile_source_parent_class)->finalize (object);
}

static void
sm_online_tile_source_class_init (SmOnlineTileSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_online_tile_source_finalize;
  SHUMATE_DATA_SOURCE_CLASS (klass)->get_tile_data_async = sm_online_tile_source_get_tile_data_async;
}

static void
sm_online_tile_source_init (SmOnlineTileSource *self)
{
  self->session = soup_session_new_with_options ("user-agent",
                                                 "SocialMap/" PACKAGE_VERSION
                                                 " (Szociális Térkép, a desktop application"
                                                 " for local social services)",
                                                 "max-conns-per-host", 2,
                                                 NULL);
}

/**
 * sm_online_tile_source_new:
 * @url_template: such as https://tile.openstreetmap.org/{z}/{x}/{y}.png
 * @cache_dir: where tiles are kept on disk
 */
SmOnlineTileSource *
sm_online_tile_source_new (const char *url_template,
                           const char *cache_dir)
{
  SmOnlineTileSource *self = g_object_new (SM_TYPE_ONLINE_TILE_SOURCE, NULL);

  self->url_template = g_strdup (url_template);
  self->cache_dir = g_strdup (cache_dir);
  return self;
}
