#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "sm-basemap.h"
#include "sm-boundary.h"
#include "sm-error.h"
#include "sm-mercator.h"
#include "sm-png.h"
#include "sm-store-private.h"
#include "sm-test-util.h"
#include "sm-tile-renderer.h"

/* The offline basemap on the real Liechtenstein extract: import, clip,
 * failure leaving the old basemap, and tiles that show what is there. */

#define BACKGROUND 0xf2efe9u
#define BUILDING   0xd9d0c9u
#define PRIMARY    0xfcd6a4u
#define WATER      0xaad3dfu

static char *tmpdir;
static char *extract;
static SmStore *full_store;

static SmStore *
new_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static SmStore *
imported_store (void)
{
  SmStore *store = full_store;

  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;
      SmBasemapImportStats stats;

      store = full_store = new_store ("full.db");
      g_assert_true (sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, &stats,
                                            &error));
      g_assert_no_error (error);
      /* The extract's own counts: 3,723 buildings, about 2,750 roads. */
      g_assert_cmpuint (stats.n_buildings, ==, 3723);
      g_assert_cmpuint (stats.n_roads, >=, 2700);
      g_assert_cmpuint (stats.n_addresses, >, 100);
      g_assert_cmpint (sm_store_count (store, "basemap_feature"), ==, stats.n_features);
      g_assert_cmpint (sm_store_count (store, "basemap_rtree"), ==, stats.n_features);
      g_assert_cmpint (sm_store_count (store, "basemap_address"), ==, stats.n_addresses);
    }
  return store;
}

typedef struct {
  const guint8 *p;
  gsize         left;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->p, length);
  reader->p += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* Decodes @png with libpng through cairo: a check of our own encoder too. */
static cairo_surface_t *
decode (GBytes *png)
{
  Reader reader = { g_bytes_get_data (png, NULL), g_bytes_get_size (png) };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, SM_TILE_SIZE);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, SM_TILE_SIZE);
  return surface;
}

/* Counts the pixels of a tile with exactly @rgb. */
static guint
count_colour (GBytes  *png,
              guint32  rgb)
{
  cairo_surface_t *surface = decode (png);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint n = 0;

  for (int y = 0; y < SM_TILE_SIZE; y++)
    for (int x = 0; x < SM_TILE_SIZE; x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xffffff) == rgb)
        n++;
  cairo_surface_destroy (surface);
  return n;
}

static GBytes *
render_at (SmStore *store,
           int      z,
           double   lon,
           double   lat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmTileRenderer) renderer = sm_tile_renderer_new (sm_store_get_path (store), &error);
  GBytes *png;
  double x, y;

  g_assert_no_error (error);
  sm_mercator_from_lonlat (lon, lat, &x, &y);
  png = sm_tile_renderer_render_png (renderer, z, (int) (x * (1 << z)), (int) (y * (1 << z)),
                                     &error);
  g_assert_no_error (error);
  return png;
}

static void
test_import (void)
{
  SmStore *store = imported_store ();
  g_autofree char *source = NULL;

  double w, s, e, n;

  g_assert_true (sm_store_has_basemap (store));
  /* Liechtenstein: about 9.47–9.64 E, 47.05–47.27 N. */
  g_assert_true (sm_basemap_get_extent (store, &w, &s, &e, &n));
  g_assert_cmpfloat (w, >, 9.3);
  g_assert_cmpfloat (e, <, 9.8);
  g_assert_cmpfloat (s, >, 46.9);
  g_assert_cmpfloat (n, <, 47.4);
  g_assert_true (sm_store_get_meta (store, "basemap.source", &source));
  g_assert_cmpstr (source, ==, extract);
  /* A street of Vaduz and its addresses made it. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM basemap_feature"
                                          " WHERE name = 'Äulestrasse'"), >, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM basemap_address"
                                          " WHERE street IS NOT NULL AND housenumber <> ''"), >, 100);
}

/* The centre of Vaduz at zoom 16 shows buildings, the main road and the
 * background; a tile of the Hungarian plain shows only the background. */
static void
test_render (void)
{
  SmStore *store = imported_store ();
  g_autoptr(GBytes) vaduz = render_at (store, 16, 9.5209, 47.1399);
  g_autoptr(GBytes) rhine = render_at (store, 14, 9.5040, 47.1500);
  g_autoptr(GBytes) elsewhere = render_at (store, 16, 18.33, 47.65);

  g_assert_cmpuint (count_colour (vaduz, BUILDING), >, 300);
  g_assert_cmpuint (count_colour (vaduz, PRIMARY), >, 300);
  g_assert_cmpuint (count_colour (vaduz, BACKGROUND), >, 10000);
  g_assert_cmpuint (count_colour (rhine, WATER), >, 300);
  g_assert_cmpuint (count_colour (elsewhere, BACKGROUND), ==, SM_TILE_SIZE * SM_TILE_SIZE);
}

/* Text pixels (the names are #222 and #333, nothing else is as dark) of
 * tile @x, @y inside the box around a name. */
static guint
dark_pixels_near (SmTileRenderer *renderer,
                  int             z,
                  int             x,
                  int             y,
                  double          cx,
                  double          cy,
                  double          reach)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SM_TILE_SIZE, SM_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  guint dark = 0;
  int stride;
  const guint8 *data;

  g_assert_true (sm_tile_renderer_draw (renderer, cr, z, x, y, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int py = 0; py < SM_TILE_SIZE; py++)
    for (int px = 0; px < SM_TILE_SIZE; px++)
      {
        guint32 v = *(const guint32 *) (data + py * stride + px * 4);
        double wx = x * SM_TILE_SIZE + px, wy = y * SM_TILE_SIZE + py;

        if (fabs (wx - cx) <= reach && fabs (wy - cy) <= reach &&
            (v >> 16 & 0xff) < 0x60 && (v >> 8 & 0xff) < 0x60 && (v & 0xff) < 0x60)
          dark++;
      }
  cairo_surface_destroy (surface);
  return dark;
}

/* Names at zoom 15–17 in the middle of Vaduz: street names are placed
 * along the lines, and a name that crosses a tile edge is drawn in both
 * tiles, from one plan only (the neighbouring metatile has no copy of it
 * there). */
static void
test_labels (void)
{
  SmStore *store = imported_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmTileRenderer) renderer = sm_tile_renderer_new (sm_store_get_path (store), &error);
  guint crossing = 0;

  g_assert_no_error (error);
  for (int z = 15; z <= 17; z++)
    {
      double mx_f, my_f;
      int x, y, mx, my, roads = 0;
      const SmLabelPlan *plan;

      sm_mercator_from_lonlat (9.5215, 47.1410, &mx_f, &my_f);
      x = (int) (mx_f * (1 << z));
      y = (int) (my_f * (1 << z));
      mx = x / SM_LABEL_METATILE;
      my = y / SM_LABEL_METATILE;
      plan = sm_tile_renderer_get_label_plan (renderer, z, mx, my, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < sm_label_plan_get_n_labels (plan); i++)
        {
          int klass, w, h;
          double lx, ly, angle;
          const char *name = sm_label_plan_get_label (plan, i, &klass, &lx, &ly, &angle, &w, &h);
          double half = fabs (cos (angle)) * w / 2;
          int left = (int) floor ((lx - half) / SM_TILE_SIZE), right = (int) floor ((lx + half) / SM_TILE_SIZE);
          int row = (int) floor (ly / SM_TILE_SIZE);

          roads += klass != SM_BASEMAP_PLACE;
          /* A name across a vertical tile edge, by more than a few pixels
           * on each side: text on both sides of the edge. */
          if (right == left + 1 && fabs (sin (angle)) < 0.5 && crossing < 6)
            {
              double edge = right * (double) SM_TILE_SIZE;

              if (lx - half < edge - 6 && lx + half > edge + 6)
                {
                  if (dark_pixels_near (renderer, z, left, row, edge - 3, ly, 3 + h / 2.0) == 0 ||
                      dark_pixels_near (renderer, z, right, row, edge + 3, ly, 3 + h / 2.0) == 0)
                    g_error ("“%s” at zoom %d crosses a tile edge but is not drawn on both sides",
                             name, z);
                  crossing++;
                }
            }
        }
      if (roads < 8)
        g_error ("only %d street names in the middle of Vaduz at zoom %d", roads, z);

      /* No name twice: the plan to the right places none of this plan's
       * names within a few pixels of where this one put it. */
      {
        const SmLabelPlan *next = NULL;
        g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GArray) at = g_array_new (FALSE, FALSE, sizeof (double));

        for (guint i = 0; i < sm_label_plan_get_n_labels (plan); i++)
          {
            int klass, w, h;
            double lx, ly, angle;

            g_ptr_array_add (names, g_strdup (sm_label_plan_get_label (plan, i, &klass, &lx, &ly,
                                                                       &angle, &w, &h)));
            g_array_append_val (at, lx);
            g_array_append_val (at, ly);
          }
        next = sm_tile_renderer_get_label_plan (renderer, z, mx + 1, my, &error);
        g_assert_no_error (error);
        for (guint i = 0; i < sm_label_plan_get_n_labels (next); i++)
          {
            int klass, w, h;
            double lx, ly, angle;
            const char *name = sm_label_plan_get_label (next, i, &klass, &lx, &ly, &angle, &w, &h);

            for (guint k = 0; k < names->len; k++)
              if (g_str_equal (name, g_ptr_array_index (names, k)) &&
                  hypot (lx - g_array_index (at, double, 2 * k), ly - g_array_index (at, double, 2 * k + 1)) < 5)
                g_error ("“%s” is placed by two plans", name);
          }
      }
    }
  g_assert_cmpuint (crossing, >, 0);
}

/* The colour at a place on its zoom-17 tile. */
static guint32
colour_at (SmTileRenderer *renderer,
           double          lon,
           double          lat)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SM_TILE_SIZE, SM_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  double x, y;
  int tx, ty;
  guint32 v;

  sm_mercator_from_lonlat (lon, lat, &x, &y);
  tx = (int) (x * (1 << 17));
  ty = (int) (y * (1 << 17));
  g_assert_true (sm_tile_renderer_draw (renderer, cr, 17, tx, ty, &error));
  g_assert_no_error (error);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  v = *(const guint32 *) (cairo_image_surface_get_data (surface) +
                          (int) ((y * (1 << 17) - ty) * SM_TILE_SIZE) * cairo_image_surface_get_stride (surface) +
                          (int) ((x * (1 << 17) - tx) * SM_TILE_SIZE) * 4);
  cairo_surface_destroy (surface);
  return v & 0xffffff;
}

/* Levels: a road in a tunnel is under the building above it (the
 * building shows, not the road), and a bridge is over the road it
 * crosses (its fill shows at the crossing, not the road's). */
static void
test_layers (void)
{
  g_autoptr(SmStore) store = new_store ("layers.db");
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "layers-synthetic.osm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmTileRenderer) renderer = NULL;

  g_assert_true (sm_basemap_import_osm (store, osm, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *lowest = g_strdup_printf ("SELECT min(level) FROM basemap_feature WHERE class = %d",
                                               SM_BASEMAP_PRIMARY);
    g_autofree char *highest = g_strdup_printf ("SELECT max(level) FROM basemap_feature WHERE class = %d",
                                                SM_BASEMAP_PRIMARY);
    g_autofree char *bridge = g_strdup_printf ("SELECT level FROM basemap_feature WHERE class = %d",
                                               SM_BASEMAP_MINOR);

    /* The tunnel and the road on the ground; the bridge. */
    g_assert_cmpint (sm_test_scalar (store, lowest), ==, -1);
    g_assert_cmpint (sm_test_scalar (store, highest), ==, 0);
    g_assert_cmpint (sm_test_scalar (store, bridge), ==, 1);
  }
  renderer = sm_tile_renderer_new (sm_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmphex (colour_at (renderer, 18.3200, 47.6500), ==, BUILDING);
  g_assert_cmphex (colour_at (renderer, 18.3200, 47.6510), ==, 0xffffffu);
  /* Beside the bridge the road below is the road's colour. */
  g_assert_cmphex (colour_at (renderer, 18.3190, 47.6510), ==, PRIMARY);
}

/* The sea that exists only as coastline: a coastline the extract cut at
 * both ends (land to its left, north) and an island in the sea. */
static void
test_coastline (void)
{
  g_autoptr(SmStore) store = new_store ("coast.db");
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "coast-synthetic.osm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmTileRenderer) renderer = NULL;

  g_assert_true (sm_basemap_import_osm (store, osm, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  renderer = sm_tile_renderer_new (sm_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_cmphex (colour_at (renderer, 18.3200, 47.6250), ==, WATER);     /* the open sea */
  g_assert_cmphex (colour_at (renderer, 18.3350, 47.6390), ==, WATER);     /* just south of the coast */
  g_assert_cmphex (colour_at (renderer, 18.3350, 47.6420), ==, BACKGROUND); /* just north of it */
  g_assert_cmphex (colour_at (renderer, 18.3200, 47.6480), ==, BACKGROUND); /* inland */
  g_assert_cmphex (colour_at (renderer, 18.3200, 47.6320), ==, BACKGROUND); /* the island */
}

static void
test_render_bad_tile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmTileRenderer) renderer = sm_tile_renderer_new (sm_store_get_path (imported_store ()),
                                                             &error);
  g_autoptr(GBytes) png = NULL;

  png = sm_tile_renderer_render_png (renderer, 3, 8, 0, &error);
  g_assert_null (png);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  png = sm_tile_renderer_render_png (renderer, 23, 0, 0, &error);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
}

/* Our PNG encoder gives back every pixel exactly. */
static void
test_png_round_trip (void)
{
  cairo_surface_t *in = cairo_image_surface_create (CAIRO_FORMAT_RGB24, SM_TILE_SIZE, SM_TILE_SIZE);
  cairo_surface_t *out;
  g_autoptr(GBytes) png = NULL;
  guint32 *a, *b;

  cairo_surface_flush (in);
  a = (guint32 *) cairo_image_surface_get_data (in);
  for (int i = 0; i < SM_TILE_SIZE * SM_TILE_SIZE; i++)
    a[i] = (guint32) (i * 2654435761u) & 0xffffff;
  cairo_surface_mark_dirty (in);
  png = sm_png_encode (in);
  out = decode (png);
  b = (guint32 *) cairo_image_surface_get_data (out);
  for (int i = 0; i < SM_TILE_SIZE * SM_TILE_SIZE; i++)
    g_assert_cmphex (b[i] & 0xffffff, ==, a[i]);
  cairo_surface_destroy (in);
  cairo_surface_destroy (out);
}

/* Clipped to a box around Vaduz: fewer features, each of them touching the
 * box. The clip area comes from a GeoJSON file. */
static void
test_clip (void)
{
  g_autoptr(SmStore) store = new_store ("clip.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *box_path = g_build_filename (tmpdir, "vaduz.geojson", NULL);
  g_autoptr(SmShape) clip = NULL;
  SmBasemapImportStats stats;

  g_assert_true (g_file_set_contents (box_path,
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[9.51,47.13],[9.53,47.13],"
    "[9.53,47.15],[9.51,47.15],[9.51,47.13]]]}}]}", -1, NULL));
  clip = sm_shape_load_file (box_path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_basemap_import_osm (store, extract, clip, NULL, NULL, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_features, >, 300);
  g_assert_cmpuint (stats.n_features, <, sm_store_count (imported_store (), "basemap_feature") / 2);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM basemap_rtree"
                                          " WHERE max_lon < 9.509 OR min_lon > 9.531"
                                          "    OR max_lat < 47.129 OR min_lat > 47.151"), ==, 0);
}

typedef struct {
  GCancellable *cancellable;
  double        last;
  guint         calls;
} Progress;

static void
progress_cb (double   fraction,
             gpointer data)
{
  Progress *progress = data;

  g_assert_cmpfloat (fraction, >=, progress->last);
  progress->last = fraction;
  progress->calls++;
  if (progress->cancellable != NULL && fraction > 0.3)
    g_cancellable_cancel (progress->cancellable);
}

/* Junk, a missing file and a cancelled import all leave the basemap that
 * was there. */
static void
test_failures_keep_basemap (void)
{
  g_autoptr(SmStore) store = new_store ("keep.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *junk = g_build_filename (tmpdir, "junk.osm.pbf", NULL);
  Progress progress = { NULL, 0, 0 };
  gint64 before;

  g_assert_true (sm_basemap_import_osm (store, extract, NULL, progress_cb, &progress, NULL, NULL,
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  g_assert_cmpuint (progress.calls, >=, 2);
  before = sm_store_count (store, "basemap_feature");

  g_assert_true (g_file_set_contents (junk, "this is not an OpenStreetMap file", -1, NULL));
  g_assert_false (sm_basemap_import_osm (store, junk, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_FORMAT);
  g_clear_error (&error);

  g_assert_false (sm_basemap_import_osm (store, "/nonexistent/x.osm.pbf", NULL, NULL, NULL, NULL,
                                         NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  progress = (Progress) { cancellable, 0, 0 };
  g_assert_false (sm_basemap_import_osm (store, extract, NULL, progress_cb, &progress, cancellable,
                                         NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  g_assert_cmpint (sm_store_count (store, "basemap_feature"), ==, before);
  g_assert_cmpint (sm_store_count (store, "basemap_rtree"), ==, before);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = sm_test_make_dir ("sm-basemap");
  extract = g_build_filename (SM_SOURCE_TESTDATADIR, "liechtenstein-2013-08-03.osm.pbf", NULL);

  g_test_add_func ("/basemap/import", test_import);
  g_test_add_func ("/basemap/render", test_render);
  g_test_add_func ("/basemap/labels", test_labels);
  g_test_add_func ("/basemap/layers", test_layers);
  g_test_add_func ("/basemap/coastline", test_coastline);
  g_test_add_func ("/basemap/render-bad-tile", test_render_bad_tile);
  g_test_add_func ("/basemap/png-round-trip", test_png_round_trip);
  g_test_add_func ("/basemap/clip", test_clip);
  g_test_add_func ("/basemap/failures-keep-basemap", test_failures_keep_basemap);

  status = g_test_run ();
  g_clear_object (&full_store);
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  g_free (extract);
  return status;
}
