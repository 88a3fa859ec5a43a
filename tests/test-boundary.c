#include "config.h"

#include <math.h>

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "sm-boundary.h"
#include "sm-data.h"
#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-test-util.h"

static char *tmpdir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static SmStore *
new_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (name);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
test_geojson (void)
{
  g_autoptr(SmStore) store = new_store ("geojson.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sm_data_find ("tata_dunaujvaros_region_osm2019.geojson", NULL);
  g_autoptr(SmShape) tata = NULL;
  double w, s, e, n;
  guint count = 0;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (sm_boundary_import (store, path, NULL, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 31);
  g_assert_cmpint (sm_store_count (store, "boundary_rtree"), ==, 31);

  sqlite3_prepare_v2 (_sm_store_get_db (store),
                      "SELECT level, ksh_code FROM boundary WHERE name = 'Tatai'", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "jaras");
  sqlite3_finalize (stmt);

  tata = sm_boundary_get_shape (store, "Tata", "settlement", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_shape_get_n_rings (tata), ==, 2);
  sm_shape_get_bbox (tata, &w, &s, &e, &n);
  g_assert_cmpfloat_with_epsilon (w, 18.2306874, 1e-7);
  g_assert_cmpfloat_with_epsilon (n, 47.682889, 1e-6);
  g_assert_true (sm_shape_contains (tata, 18.31838, 47.65289));   /* town centre */
  g_assert_true (sm_shape_contains (tata, 18.396, 47.6687));      /* Agostyán */
  g_assert_false (sm_shape_contains (tata, 18.39, 47.60));        /* Tatabánya side */
}

/* Writes Tata (or a square around one point) in EOV, EPSG:23700. */
static void
write_eov (const char   *driver,
           const char   *path,
           gboolean      with_srs,
           OGRGeometryH  geometry)
{
  GDALDriverH drv = GDALGetDriverByName (driver);
  GDALDatasetH ds = GDALCreate (drv, path, 0, 0, 0, GDT_Unknown, NULL);
  OGRSpatialReferenceH eov = OSRNewSpatialReference (NULL);
  OGRLayerH layer;
  OGRFieldDefnH field;
  OGRFeatureH f;

  g_assert_nonnull (ds);
  OSRImportFromEPSG (eov, 23700);
  layer = GDALDatasetCreateLayer (ds, "teruletek", with_srs ? eov : NULL, wkbPolygon, NULL);
  field = OGR_Fld_Create ("NEV", OFTString);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create ("NEPESSEG", OFTInteger);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);

  f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
  OGR_F_SetFieldString (f, 0, "Próbaterület");
  OGR_F_SetFieldInteger (f, 1, 1234);
  OGR_F_SetGeometry (f, geometry);
  g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
  OGR_F_Destroy (f);
  GDALClose (ds);
  OSRDestroySpatialReference (eov);
}

static OGRGeometryH
square (double x,
        double y,
        double half)
{
  OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);
  OGRGeometryH poly = OGR_G_CreateGeometry (wkbPolygon);

  OGR_G_AddPoint_2D (ring, x - half, y - half);
  OGR_G_AddPoint_2D (ring, x + half, y - half);
  OGR_G_AddPoint_2D (ring, x + half, y + half);
  OGR_G_AddPoint_2D (ring, x - half, y + half);
  OGR_G_AddPoint_2D (ring, x - half, y - half);
  OGR_G_AddGeometryDirectly (poly, ring);
  return poly;
}

/* A known point: EOV (650684, 240066) is 19.0565 E, 47.5045 N (Budapest). */
static void
check_known_point (const char *driver,
                   const char *file,
                   gboolean    with_srs)
{
  g_autoptr(SmStore) store = new_store (with_srs ? "eov.db" : "eov-nosrs.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path (file);
  g_autoptr(SmShape) shape = NULL;
  OGRGeometryH geometry = square (650684, 240066, 50);
  double w, s, e, n;
  sqlite3_stmt *stmt = NULL;

  write_eov (driver, path, with_srs, geometry);
  OGR_G_DestroyGeometry (geometry);

  g_assert_true (sm_boundary_import (store, path, &(SmBoundaryImportOptions) { .level = "district" },
                                     NULL, &error));
  g_assert_no_error (error);
  shape = sm_boundary_get_shape (store, "Próbaterület", NULL, &error);
  g_assert_no_error (error);
  sm_shape_get_bbox (shape, &w, &s, &e, &n);
  g_assert_cmpfloat_with_epsilon ((w + e) / 2, 19.0565, 2e-4);
  g_assert_cmpfloat_with_epsilon ((s + n) / 2, 47.5045, 2e-4);
  g_assert_cmpfloat (e - w, <, 0.002);

  sqlite3_prepare_v2 (_sm_store_get_db (store), "SELECT population, level FROM boundary", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1234);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "district");
  sqlite3_finalize (stmt);
}

static void
test_eov_geopackage (void)
{
  check_known_point ("GPKG", "eov.gpkg", TRUE);
}

static void
test_eov_shapefile_without_crs (void)
{
  check_known_point ("ESRI Shapefile", "eov_nosrs.shp", FALSE);
}

static gint64
count_all (SmStore *store)
{
  return sm_store_count (store, "boundary") + sm_store_count (store, "boundary_rtree");
}

static void
test_bad_files (void)
{
  g_autoptr(SmStore) store = new_store ("bad.db");
  g_autofree char *good = sm_data_find ("tata_dunaujvaros_boundary.geojson", NULL);
  g_autofree char *missing = tmp_path ("missing.geojson");
  g_autofree char *junk = tmp_path ("junk.geojson");
  g_autofree char *truncated = tmp_path ("truncated.geojson");
  g_autofree char *points = tmp_path ("points.geojson");
  g_autofree char *mixed = tmp_path ("mixed.geojson");
  g_autofree char *empty = tmp_path ("empty.geojson");
  g_autofree char *contents = NULL;
  gsize length;
  struct { const char *path; int code; const char *words; } cases[] = {
    { missing, SM_ERROR_NOT_FOUND, "missing.geojson" },
    { junk, SM_ERROR_FORMAT, "junk.geojson" },
    { truncated, SM_ERROR_FORMAT, "truncated.geojson" },
    { points, SM_ERROR_FORMAT, "Point" },
    { mixed, SM_ERROR_FORMAT, "Point" },
    { empty, SM_ERROR_FORMAT, "no boundaries" },
  };
  guint n;
  g_autoptr(GError) error = NULL;

  g_assert_true (sm_boundary_import (store, good, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 3);

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_file_set_contents (truncated, contents, length / 2, NULL);
  g_file_set_contents (junk, "Ez nem térkép.\n", -1, NULL);
  g_file_set_contents (points,
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"NAME\":\"P\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.3,47.6]}}]}", -1, NULL);
  /* A good area first, then a bad feature: nothing of the file may stay. */
  g_file_set_contents (mixed,
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"NAME\":\"Jó\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[18.3,47.6],[18.4,47.6],[18.4,47.7],[18.3,47.6]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"NAME\":\"Rossz\"},"
    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.3,47.6]}}]}", -1, NULL);
  g_file_set_contents (empty, "{\"type\":\"FeatureCollection\",\"features\":[]}", -1, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 before = count_all (store);

      g_clear_error (&error);
      g_assert_false (sm_boundary_import (store, cases[i].path, NULL, NULL, &error));
      g_assert_error (error, SM_ERROR, cases[i].code);
      g_assert_true (sm_error_is_user_error (error));
      if (strstr (error->message, cases[i].words) == NULL)
        g_error ("“%s” does not mention “%s”", error->message, cases[i].words);
      g_assert_cmpint (count_all (store), ==, before);
    }

  g_clear_error (&error);
  g_assert_false (sm_boundary_import (store, good,
                                      &(SmBoundaryImportOptions) { .layer = "nincs" }, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "tata_dunaujvaros_boundary"));

  g_clear_error (&error);
  g_assert_false (sm_boundary_import (store, good,
                                      &(SmBoundaryImportOptions) { .level = "bolygó" }, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
}

static char *
polygon_file (const char *name,
              const char *ring)
{
  g_autofree char *text = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
    "\"properties\":{\"name\":\"Rossz\"},\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[%s]}}]}", ring);
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Outlines that are not areas leave the database as it was, with a reason;
 * --repair makes a crossed outline valid. */
static void
test_invalid_outlines (void)
{
  static const struct { const char *name, *ring; } bad[] = {
    { "open.geojson", "[[18.30,47.60],[18.40,47.60],[18.40,47.70],[18.30,47.70]]" },
    { "one.geojson", "[[18.30,47.60]]" },
    { "huge.geojson", "[[18.30,47.60],[1e308,47.60],[18.40,-1e308],[18.30,47.60]]" },
    { "bowtie.geojson", "[[18.30,47.60],[18.40,47.70],[18.40,47.60],[18.30,47.70],[18.30,47.60]]" },
    { "flat.geojson", "[[18.30,47.60],[18.40,47.60],[18.50,47.60],[18.30,47.60]]" },
  };
  g_autoptr(SmStore) store = new_store ("invalid.db");
  SmBoundaryImportOptions options = { .level = "district" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = polygon_file (bad[i].name, bad[i].ring);
      g_autoptr(GError) error = NULL;

      if (sm_boundary_import (store, path, &options, NULL, &error))
        g_error ("%s was imported", bad[i].name);
      g_assert_nonnull (error);
      g_assert_cmpint (sm_store_count (store, "boundary"), ==, 0);
    }
  {
    g_autofree char *path = polygon_file ("bowtie2.geojson", bad[3].ring);
    g_autoptr(GError) error = NULL;
    SmBoundaryImportOptions repair = { .level = "district", .repair = TRUE };
    guint n = 0;

    g_assert_true (sm_boundary_import (store, path, &repair, &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM boundary WHERE name = 'Rossz'"), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  GDALAllRegister ();
  tmpdir = sm_test_make_dir ("sm-boundary");

  g_test_add_func ("/boundary/geojson", test_geojson);
  g_test_add_func ("/boundary/eov-geopackage", test_eov_geopackage);
  g_test_add_func ("/boundary/eov-shapefile-without-crs", test_eov_shapefile_without_crs);
  g_test_add_func ("/boundary/bad-files", test_bad_files);
  g_test_add_func ("/boundary/invalid-outlines", test_invalid_outlines);
  status = g_test_run ();

  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
