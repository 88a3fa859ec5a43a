#include "config.h"

#include "sm-plain-tile-source.h"

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "sm-basemap.h"
#include "sm-basemap-source.h"
#include "sm-mbtiles-source.h"
#include "sm-online-tile-source.h"
#include "sm-test-util.h"

/* The map's tile sources: each hands its bytes to libshumate through
 * "received-data" and completes the request; the MBTiles source turns the
 * map's rows into the file's TMS rows; the online source answers from its
 * disk cache without the network. */

static char *tmpdir;

typedef struct {
  GBytes  *bytes;
  GError  *error;
  int      signalled;
  gboolean done;
} Fetch;

static void
received_cb (ShumateDataSource *source,
             int                x,
             int                y,
             int                zoom,
             GBytes            *bytes,
             Fetch             *f)
{
  f->signalled++;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *f = data;

  f->bytes = shumate_data_source_get_tile_data_finish (SHUMATE_DATA_SOURCE (source), result,
                                                       &f->error);
  f->done = TRUE;
}

static void
fetch (ShumateDataSource *source,
       int                x,
       int                y,
       int                z,
       Fetch             *f)
{
  gulong handler = g_signal_connect (source, "received-data", G_CALLBACK (received_cb), f);
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  *f = (Fetch) { 0 };
  shumate_data_source_get_tile_data_async (source, x, y, z, NULL, fetched_cb, f);
  while (!f->done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (source, handler);
  g_assert_true (f->done);
}

static void
fetch_clear (Fetch *f)
{
  g_clear_pointer (&f->bytes, g_bytes_unref);
  g_clear_error (&f->error);
}

static void
test_basemap_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "basemap.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmBasemapSource) source = NULL;
  Fetch f;

  g_assert_true (sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  source = sm_basemap_source_new (path);

  fetch (SHUMATE_DATA_SOURCE (source), 34501, 23013, 16, &f);
  g_assert_no_error (f.error);
  g_assert_cmpint (f.signalled, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (f.bytes, NULL), 4, "\x89PNG", 4);
  g_assert_cmpuint (sm_basemap_source_get_n_rendered (source), ==, 1);
  fetch_clear (&f);

  /* The second time from the cache, still through the signal. */
  fetch (SHUMATE_DATA_SOURCE (source), 34501, 23013, 16, &f);
  g_assert_cmpint (f.signalled, ==, 1);
  g_assert_cmpuint (sm_basemap_source_get_n_rendered (source), ==, 1);
  fetch_clear (&f);

  /* A tile that cannot exist is an error, not a hang. */
  fetch (SHUMATE_DATA_SOURCE (source), 99, 0, 3, &f);
  g_assert_nonnull (f.error);
  g_assert_cmpint (f.signalled, ==, 0);
  fetch_clear (&f);
}

/* The plain basemap: every pixel of a tile the same colour, so tiles
 * join without a seam. */
static void
test_plain_source (void)
{
  g_autoptr(ShumateDataSource) source = sm_plain_tile_source_new ();
  cairo_surface_t *surface;
  const guint8 *data;
  guint32 first;
  int stride;
  Fetch f;

  fetch (source, 9000, 5700, 14, &f);
  g_assert_no_error (f.error);
  {
    g_autofree char *png = g_build_filename (tmpdir, "plain.png", NULL);

    g_assert_true (g_file_set_contents (png, g_bytes_get_data (f.bytes, NULL),
                                        (gssize) g_bytes_get_size (f.bytes), NULL));
    surface = cairo_image_surface_create_from_png (png);
  }
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  first = *(const guint32 *) data & 0xffffff;
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      g_assert_cmphex (*(const guint32 *) (data + y * stride + 4 * x) & 0xffffff, ==, first);
  cairo_surface_destroy (surface);
  fetch_clear (&f);
}

static void
test_mbtiles_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "tiles.mbtiles", NULL);
  g_autofree char *junk = g_build_filename (tmpdir, "junk.mbtiles", NULL);
  g_autoptr(SmMbtilesSource) source = NULL;
  sqlite3 *db;
  Fetch f;

  /* Tile 3/5/2 of the map is row 8 - 1 - 2 = 5 in the file. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "CREATE TABLE metadata (name TEXT, value TEXT);"
    "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER,"
    " tile_data BLOB);"
    "INSERT INTO tiles VALUES (3, 5, 5, x'89504e470d0a1a0a');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  source = sm_mbtiles_source_new (path, &error);
  g_assert_no_error (error);
  fetch (SHUMATE_DATA_SOURCE (source), 5, 2, 3, &f);
  g_assert_no_error (f.error);
  g_assert_cmpint (f.signalled, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (f.bytes), ==, 8);
  fetch_clear (&f);

  fetch (SHUMATE_DATA_SOURCE (source), 5, 5, 3, &f);
  g_assert_nonnull (f.error);
  fetch_clear (&f);

  g_assert_true (g_file_set_contents (junk, "not a database", -1, NULL));
  g_assert_null (sm_mbtiles_source_new (junk, &error));
  g_assert_nonnull (error);
}

static void
test_online_source_cache (void)
{
  g_autofree char *cache = g_build_filename (tmpdir, "cache", NULL);
  g_autofree char *dir = g_build_filename (cache, "12", "2200", NULL);
  g_autofree char *tile = g_build_filename (dir, "1400.png", NULL);
  g_autoptr(SmOnlineTileSource) source = NULL;
  Fetch f;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (tile, "\x89PNG cached", -1, NULL));
  /* An address nothing answers: the tile must come from the disk. */
  source = sm_online_tile_source_new ("http://127.0.0.1:9/{z}/{x}/{y}.png", cache);
  fetch (SHUMATE_DATA_SOURCE (source), 2200, 1400, 12, &f);
  g_assert_no_error (f.error);
  g_assert_cmpint (f.signalled, ==, 1);
  g_assert_cmpuint (g_bytes_get_size (f.bytes), ==, 11);
  fetch_clear (&f);

  /* Not cached: an error from the network, reported, not a hang. */
  fetch (SHUMATE_DATA_SOURCE (source), 2201, 1400, 12, &f);
  g_assert_nonnull (f.error);
  g_assert_cmpint (f.signalled, ==, 0);
  fetch_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = sm_test_make_dir ("sm-sources");
  g_test_add_func ("/sources/basemap", test_basemap_source);
  g_test_add_func ("/sources/plain", test_plain_source);
  g_test_add_func ("/sources/mbtiles", test_mbtiles_source);
  g_test_add_func ("/sources/online-cache", test_online_source_cache);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
