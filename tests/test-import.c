#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <math.h>

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "sm-date.h"
#include "sm-demo.h"
#include "sm-error.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-import.h"
#include "sm-query.h"
#include "sm-store-private.h"
#include "sm-test-import.h"
#include "sm-test-util.h"

/* Import and export: round trips through every format, EOV coordinates at a
 * known point, legacy encodings, Hungarian dates, bad and malformed files
 * leaving the database as it was, remembered column layouts, and small
 * numbers never leaking out of an aggregated export. */

static char *demo_db;

#define tmp_path sm_test_import_path
#define new_store sm_test_import_store
#define write_file sm_test_import_write
#define import sm_test_import_file

static GPtrArray *
case_rows (SmStore *store)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (_sm_store_get_db (store),
    "SELECT h.address_raw, printf('%.6f %.6f', h.lat, h.lon), c.code, n.severity, n.assessed_on,"
    " coalesce(n.resolved_on, '-'), h.synthetic"
    " FROM need n JOIN household h ON h.id = n.household_id"
    " JOIN need_category c ON c.id = n.category_id ORDER BY 1, 2, 3, 5", -1, &stmt, NULL),
    ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup_printf ("%s|%s|%s|%d|%s|%s|%d", sqlite3_column_text (stmt, 0),
                                            sqlite3_column_text (stmt, 1),
                                            sqlite3_column_text (stmt, 2),
                                            sqlite3_column_int (stmt, 3),
                                            sqlite3_column_text (stmt, 4),
                                            sqlite3_column_text (stmt, 5),
                                            sqlite3_column_int (stmt, 6)));
  sqlite3_finalize (stmt);
  return rows;
}

/* A large import packs the spatial index once: SQLite's own rtreecheck()
 * finds it sound, it holds every placed household, answers boxes as the
 * table does, and stays in step with single inserts, moves and deletes
 * afterwards; households without a place, persons and needs go in too. */
static void
test_large_import_index (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("large.db");
  g_autoptr(GString) csv = g_string_new ("household_key,address,lat,lon,family_name,given_name,"
                                         "need_category,need_severity,need_assessed_on\n");
  g_autoptr(SmImportReport) report = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  sqlite3 *db;

  /* Some households already there, placed one at a time. */
  for (int i = 0; i < 300; i++)
    {
      SmHousehold h = { .address_raw = "Régi utca 1.", .has_location = TRUE,
                        .lat = 47.60 + g_rand_double (rand) * 0.1, .lon = 18.25 + g_rand_double (rand) * 0.15,
                        .quality = SM_GEOCODE_MANUAL };

      g_assert_cmpint (sm_store_add_household (store, &h, &error), >, 0);
      g_assert_no_error (error);
    }
  for (int i = 0; i < 6000; i++)
    {
      gboolean placed = i % 50 != 0;
      char lat[G_ASCII_DTOSTR_BUF_SIZE] = "", lon[G_ASCII_DTOSTR_BUF_SIZE] = "";

      if (placed)
        {
          g_ascii_formatd (lat, sizeof lat, "%.7f", 47.60 + g_rand_double (rand) * 0.1);
          g_ascii_formatd (lon, sizeof lon, "%.7f", 18.25 + g_rand_double (rand) * 0.15);
        }
      /* Every third household has a second row: another need of the same person. */
      for (int k = 0; k < (i % 3 == 0 ? 2 : 1); k++)
        g_string_append_printf (csv, "H%d,\"Új utca %d.\",%s,%s,Kovács,Anna,%s,%d,2025-0%d-1%d\n",
                                i, i, lat, lon, k ? "lakhatas" : "munkanelkuliseg", 1 + i % 3,
                                1 + i % 9, k);
    }
  g_rand_free (rand);
  write_file ("large.csv", csv->str, (gssize) csv->len);
  report = import (store, "large.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_households, ==, 6000);
  g_assert_cmpuint (report->n_persons, ==, 6000);
  g_assert_cmpuint (report->n_needs, ==, 8000);

  db = _sm_store_get_db (store);
  g_assert_cmpint (sm_test_scalar (store, "SELECT rtreecheck('household_rtree') = 'ok'"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household_rtree"), ==,
                   sm_test_scalar (store, "SELECT count(*) FROM household WHERE lat IS NOT NULL"));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household_rtree"), ==, 300 + 6000 - 120);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household h JOIN household_rtree r"
                                          " ON r.id = h.id WHERE r.min_lon <= h.lon AND r.max_lon >= h.lon"
                                          " AND r.min_lat <= h.lat AND r.max_lat >= h.lat"), ==,
                   300 + 6000 - 120);
  for (int b = 0; b < 20; b++)
    {
      double w = 18.25 + b * 0.006, s = 47.60 + b * 0.004;
      /* The index finds every candidate; the table's values decide. */
      g_autofree char *by_index = g_strdup_printf (
        "SELECT count(*) FROM household_rtree r JOIN household h ON h.id = r.id"
        " WHERE r.max_lon >= %1$.4f AND r.min_lon <= %2$.4f AND r.max_lat >= %3$.4f AND r.min_lat <= %4$.4f"
        " AND h.lon BETWEEN %1$.4f AND %2$.4f AND h.lat BETWEEN %3$.4f AND %4$.4f",
        w, w + 0.03, s, s + 0.02);
      g_autofree char *by_table = g_strdup_printf (
        "SELECT count(*) FROM household WHERE lon >= %.4f AND lon <= %.4f"
        " AND lat >= %.4f AND lat <= %.4f", w, w + 0.03, s, s + 0.02);

      g_assert_cmpint (sm_test_scalar (store, by_index), ==, sm_test_scalar (store, by_table));
    }

  /* A large file with a value only the store refuses: the packed way
   * fails as a whole, household by household leaves that one out, and the
   * index is still sound. */
  {
    g_autoptr(GString) more = g_string_new ("address,lat,lon,family_name,sex\n");
    g_autoptr(SmImportReport) second = NULL;
    SmImportOptions options = { .no_geocode = TRUE, .skip_bad_rows = TRUE };

    for (int i = 0; i < 3000; i++)
      g_string_append_printf (more, "Második utca %d.,47.6%04d,18.3%04d,Nagy,%s\n", i, i, i,
                              i == 1234 ? "unknown" : "female");
    write_file ("large-bad.csv", more->str, (gssize) more->len);
    second = import (store, "large-bad.csv", &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (second->n_households, ==, 2999);
    g_assert_cmpuint (second->rejected->len, ==, 1);
    g_assert_cmpint (sm_test_scalar (store, "SELECT rtreecheck('household_rtree') = 'ok'"), ==, 1);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household_rtree"), ==,
                     sm_test_scalar (store, "SELECT count(*) FROM household WHERE lat IS NOT NULL"));
  }

  /* The trigger is back: one more household, a move and a delete. */
  {
    SmHousehold h = { .address_raw = "Új utca 9999.", .has_location = TRUE, .lat = 47.65, .lon = 18.3,
                      .quality = SM_GEOCODE_MANUAL };
    gint64 id = sm_store_add_household (store, &h, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE household SET lat = 47.66 WHERE id = 5;"
                                       "DELETE FROM household WHERE id = 7;", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sm_test_scalar (store, "SELECT rtreecheck('household_rtree') = 'ok'"), ==, 1);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household_rtree"), ==,
                     sm_test_scalar (store, "SELECT count(*) FROM household WHERE lat IS NOT NULL"));
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name = 'household_rtree_insert'"), ==, 1);
    g_assert_cmpint (id, >, 0);
  }
}

/* Export the demo's open needs, import them into an empty database: the
 * same addresses, places, needs and dates, in every format. */
static void
test_round_trip (void)
{
  static const char * const names[] = { "cases.gpkg", "cases.geojson", "cases.csv", "cases.xlsx" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) demo = sm_store_open (demo_db, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  GDate day;

  g_assert_no_error (error);
  sm_date_parse_iso ("2025-06-30", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  sm_filter_set_status (filter, SM_NEED_ANY);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = tmp_path (names[i]);
      g_autoptr(SmStore) copy = new_store ("copy.db");
      g_autoptr(SmImportReport) report = NULL;
      g_autoptr(GPtrArray) want = NULL, got = NULL;
      SmExportOptions options = { SM_EXPORT_CASES, .personal = TRUE };
      guint n = 0;

      g_assert_true (sm_export (demo, filter, path, NULL, &options, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, >, 100);
      report = import (copy, names[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (report->n_needs, ==, n);
      g_assert_cmpuint (report->rejected->len, ==, 0);

      /* The demo's rows that were exported, as the copy has them. */
      {
        g_autoptr(SmStore) only = new_store ("only.db");
        g_autoptr(SmImportReport) again = import (only, names[i], NULL, &error);
        want = case_rows (only);
      }
      got = case_rows (copy);
      g_assert_cmpuint (got->len, ==, n);
      g_assert_cmpuint (want->len, ==, got->len);
      for (guint k = 0; k < got->len; k++)
        g_assert_cmpstr (g_ptr_array_index (got, k), ==, g_ptr_array_index (want, k));
    }
}

/* The exported rows are the demo's own: compare one format against the
 * source database directly. */
static void
test_export_matches_source (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) demo = sm_store_open (demo_db, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmStore) copy = new_store ("source-check.db");
  g_autoptr(SmImportReport) report = NULL;
  g_autofree char *path = tmp_path ("all.gpkg");
  SmExportOptions options = { SM_EXPORT_CASES, .personal = TRUE };
  g_autoptr(GPtrArray) source = NULL, imported = NULL;
  GDate day;
  guint n;

  sm_date_parse_iso ("2030-01-01", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  sm_filter_set_status (filter, SM_NEED_ANY);
  g_assert_true (sm_export (demo, filter, path, NULL, &options, &n, &error));
  report = import (copy, "all.gpkg", NULL, &error);
  g_assert_no_error (error);
  source = case_rows (demo);
  imported = case_rows (copy);
  g_assert_cmpuint (source->len, ==, imported->len);
  for (guint k = 0; k < source->len; k++)
    g_assert_cmpstr (g_ptr_array_index (source, k), ==, g_ptr_array_index (imported, k));
}

/* Hungarian files call the easting Y. (650684, 240066) is at 19.0565 E,
 * 47.5045 N. */
static void
test_eov_point (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("eov.db");
  g_autoptr(SmImportReport) report = NULL;
  double lat, lon;

  write_file ("eov.csv", "Cím;Y;X\nBudapest, Próba utca 1.;650684;240066\n"
                         "Budapest, Próba utca 2.;650684,0;240066,0\n", -1);
  report = import (store, "eov.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_households, ==, 2);
  lat = sm_test_scalar (store, "SELECT CAST(lat * 1e4 AS INTEGER) FROM household LIMIT 1") / 1e4;
  lon = sm_test_scalar (store, "SELECT CAST(lon * 1e4 AS INTEGER) FROM household LIMIT 1") / 1e4;
  g_assert_cmpfloat_with_epsilon (lat, 47.5045, 0.0002);
  g_assert_cmpfloat_with_epsilon (lon, 19.0565, 0.0002);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT round(lat, 6)) FROM household"), ==, 1);
}

static void
assert_address (SmStore    *store,
                const char *address)
{
  sqlite3_stmt *stmt;

  sqlite3_prepare_v2 (_sm_store_get_db (store), "SELECT count(*) FROM household WHERE address_raw = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, address, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (sqlite3_column_int (stmt, 0) != 1)
    g_error ("no household at “%s”", address);
  sqlite3_finalize (stmt);
}

/* The same text in UTF-8, Windows-1250 and ISO-8859-2, found out or named. */
static void
test_encodings (void)
{
  static const char text[] = "Lakcím,lat,lon\n\"Tata, Őrház utca 3. (Tűzoltó köz)\",47.65,18.32\n";
  static const char * const encodings[] = { "UTF-8", "CP1250", "ISO-8859-2" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SmStore) store = new_store ("enc.db");
      g_autoptr(SmImportReport) report = NULL;
      gsize length;
      g_autofree char *bytes = g_convert (text, -1, encodings[i], "UTF-8", NULL, &length, NULL);
      SmImportOptions named = { .no_geocode = TRUE, .encoding = encodings[i] };

      write_file ("enc.csv", bytes, (gssize) length);
      report = import (store, "enc.csv", NULL, &error);
      g_assert_no_error (error);
      assert_address (store, "Tata, Őrház utca 3. (Tűzoltó köz)");
      g_clear_object (&store);
      g_clear_pointer (&report, sm_import_report_free);

      store = new_store ("enc.db");
      report = import (store, "enc.csv", &named, &error);
      g_assert_no_error (error);
      assert_address (store, "Tata, Őrház utca 3. (Tűzoltó köz)");
    }
}

static void
test_hungarian_dates (void)
{
  static const struct { const char *text, *iso; } dates[] = {
    { "2024.03.01.", "2024-03-01" }, { "2024. 03. 01.", "2024-03-01" }, { "2024.3.1", "2024-03-01" },
    { "2024. március 1.", "2024-03-01" }, { "2024. márc. 1.", "2024-03-01" },
    { "2024-03-01", "2024-03-01" }, { "2024/12/31", "2024-12-31" }, { "2024. december 31.", "2024-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      GDate d;

      g_assert_true (sm_date_parse_any (dates[i].text, &d, &error));
      g_assert_no_error (error);
      iso = sm_date_to_iso (&d);
      g_assert_cmpstr (iso, ==, dates[i].iso);
    }
  {
    g_autoptr(GError) error = NULL;
    GDate d;

    g_assert_false (sm_date_parse_any ("2024. február 30.", &d, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  }
  /* Impossible days in the compact forms, and a short year. */
  {
    static const char * const bad[] = { "2024.02.30.", "2024.13.01.", "2024/00/10", "24.03.01." };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        GDate d;

        g_assert_false (sm_date_parse_any (bad[i], &d, &error));
        g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
      }
  }
}

/* A bad row: nothing imported, every bad row named; with consent, the
 * good rows alone. */
static void
test_bad_rows (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("bad.db");
  g_autoptr(SmImportReport) report = NULL;
  SmImportOptions skip = { .no_geocode = TRUE, .skip_bad_rows = TRUE };

  write_file ("bad.csv",
              "address,lat,lon,need_category,need_severity,need_assessed_on\n"
              "Tata A utca 1,47.65,18.32,lakhatas,2,2024.03.01.\n"
              "Tata A utca 2,47.65,18.32,nincs ilyen,2,2024.03.01.\n"
              "Tata A utca 3,47.65,18.32,lakhatas,9,2024.03.01.\n"
              "Tata A utca 4,47.65,18.32,lakhatas,2,2024.13.01.\n"
              "Tata A utca 5,abc,18.32,lakhatas,2,2024.03.01.\n"
              "Tata A utca 6,47.65,18.32,Lakhatás,súlyos,2024. május 2.\n", -1);
  report = import (store, "bad.csv", NULL, &error);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_assert_cmpuint (report->rejected->len, ==, 4);
  g_assert_cmpuint (((SmImportRejection *) report->rejected->pdata[0])->row, ==, 2);
  g_assert_nonnull (strstr (((SmImportRejection *) report->rejected->pdata[0])->reason, "nincs ilyen"));
  g_assert_cmpint (sm_store_count (store, "household"), ==, 0);
  g_assert_cmpint (sm_store_count (store, "need"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&report, sm_import_report_free);

  report = import (store, "bad.csv", &skip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (store, "household"), ==, 2);
  g_clear_pointer (&report, sm_import_report_free);

  /* A value only the store checks (a person's sex): refused there, and the
   * household it belongs to is left out whole. */
  write_file ("store-bad.csv",
              "address,lat,lon,family_name,sex\n"
              "Tata C utca 1,47.65,18.32,Kiss,female\n"
              "Tata C utca 2,47.65,18.32,Nagy,unknown\n", -1);
  report = import (store, "store-bad.csv", NULL, &error);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_assert_cmpuint (report->rejected->len, ==, 1);
  g_assert_cmpuint (((SmImportRejection *) report->rejected->pdata[0])->row, ==, 2);
  g_assert_cmpint (sm_store_count (store, "household"), ==, 2);
  g_clear_error (&error);
  g_clear_pointer (&report, sm_import_report_free);
  report = import (store, "store-bad.csv", &skip, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (store, "household"), ==, 3);
  g_assert_cmpint (sm_store_count (store, "person"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT severity FROM need WHERE assessed_on = '2024-05-02'"), ==, 3);
}

/* Truncated, wrong geometry, empty, a huge field, not a table: a clear
 * error and an unchanged database. */
static void
test_malformed (void)
{
  g_autoptr(SmStore) store = new_store ("malformed.db");
  g_autofree char *huge = g_strnfill (200000, 'x');
  g_autofree char *huge_csv = g_strdup_printf ("address,lat,lon\n%s,47.6,18.3\n", huge);
  static const char * const files[] = { "trunc.geojson", "line.geojson", "empty.csv", "huge.csv", "junk.xlsx" };

  write_file ("trunc.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"prop", -1);
  write_file ("line.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                              "\"properties\":{\"address\":\"Tata, A utca 1\"},\"geometry\":{\"type\":"
                              "\"LineString\",\"coordinates\":[[18.3,47.6],[18.4,47.7]]}}]}", -1);
  write_file ("empty.csv", "address,lat,lon\n", -1);
  write_file ("huge.csv", huge_csv, -1);
  write_file ("junk.xlsx", "PK\003\004 this is not a spreadsheet", -1);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SmImportReport) report = import (store, files[i], NULL, &error);

      if (error == NULL)
        g_error ("%s: imported without an error", files[i]);
      g_assert_true (error->domain == SM_ERROR);
      g_assert_cmpint (sm_store_count (store, "household"), ==, 0);
    }
}

/* A layout mapped once by hand is known the next time. */
static void
test_remembered_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("layout.db");
  g_autoptr(SmImportReport) first = NULL, second = NULL, unknown = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  SmImportOptions mapped = { .no_geocode = TRUE, .columns = columns };

  write_file ("odd.csv", "Hely;Szél;Hossz\nTata, B utca 1;47.65;18.32\n", -1);
  unknown = import (store, "odd.csv", NULL, &error);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  g_hash_table_insert (columns, "address", "Hely");
  g_hash_table_insert (columns, "y", "Szél");
  g_hash_table_insert (columns, "x", "Hossz");
  first = import (store, "odd.csv", &mapped, &error);
  g_assert_no_error (error);
  write_file ("odd.csv", "Hely;Szél;Hossz\nTata, B utca 2;47.66;18.33\n", -1);
  second = import (store, "odd.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (store, "household"), ==, 2);
  g_assert_cmpint (sm_store_count (store, "import_layout"), ==, 1);
}

/* A spreadsheet (XLSX and ODS written with GDAL) with addresses only: the
 * rows are geocoded; what is placed below street level, or not at all,
 * waits for review. */
static void
test_spreadsheet_geocoded (void)
{
  static const char * const drivers[] = { "XLSX", "ODS" };

  for (guint d = 0; d < G_N_ELEMENTS (drivers); d++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SmStore) store = new_store ("sheet.db");
      g_autoptr(SmImportReport) report = NULL;
      g_autofree char *name = g_strdup_printf ("list.%s", d == 0 ? "xlsx" : "ods");
      g_autofree char *path = tmp_path (name);
      SmImportOptions options = { 0 };
      GDALDatasetH ds;
      OGRLayerH layer;
      OGRFieldDefnH field;
      const char *rows[][2] = { { "Kossuth tér 1.", "lakhatas" }, { "Agostyán, Sehol utca 2", "idos_gondozas" } };

      /* The settlement parts of the gazetteer are what the geocoder knows. */
      g_assert_true (_sm_store_exec (store,
        "INSERT INTO settlement_part (ksh_code, settlement, name, anchor_lon, anchor_lat)"
        " VALUES ('20127', 'Tata', 'Agostyán', 18.395977, 47.668727)", &error));
      g_unlink (path);
      ds = GDALCreate (GDALGetDriverByName (drivers[d]), path, 0, 0, 0, GDT_Unknown, NULL);
      g_assert_nonnull (ds);
      layer = GDALDatasetCreateLayer (ds, "Esetek", NULL, wkbNone, NULL);
      field = OGR_Fld_Create ("Lakcím", OFTString);
      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
      field = OGR_Fld_Create ("Szükséglet", OFTString);
      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

          OGR_F_SetFieldString (f, 0, rows[i][0]);
          OGR_F_SetFieldString (f, 1, rows[i][1]);
          g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
          OGR_F_Destroy (f);
        }
      GDALClose (ds);

      report = import (store, name, &options, &error);
      if (error != NULL)
        g_error ("%s: %s", name, error->message);
      g_assert_cmpuint (report->n_households, ==, 2);
      g_assert_cmpuint (report->n_geocoded, ==, 1);
      /* Both wait for a person: one placed at its settlement part only,
       * one not placed at all (this database knows no streets). */
      g_assert_cmpuint (report->n_review, ==, 2);
      /* Placed, but not at the address: none is counted as placed by address. */
      g_assert_cmpuint (report->n_at_address, ==, 0);
      g_assert_cmpint (sm_store_count (store, "geocode_review"), ==, 2);
      g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE lat IS NULL"), ==, 1);
    }
}

/* No unit with fewer than k persons or households shows its counts, at
 * k = 5 and higher; k below 5 is refused. */
static void
test_suppression (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) demo = sm_store_open (demo_db, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  static const SmExportKind kinds[] = { SM_EXPORT_GRID, SM_EXPORT_PARTS };
  static const int ks[] = { 5, 8 };
  GDate day;

  sm_date_parse_iso ("2025-06-30", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    for (guint j = 0; j < G_N_ELEMENTS (ks); j++)
      {
        g_autofree char *path = tmp_path ("agg.gpkg");
        SmExportOptions options = { kinds[i], 1000, ks[j] };
        GDALDatasetH ds;
        OGRLayerH layer;
        OGRFeatureH f;
        guint n = 0, suppressed = 0, shown = 0;

        g_assert_true (sm_export (demo, filter, path, NULL, &options, &n, &error));
        g_assert_no_error (error);
        ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
        layer = GDALDatasetGetLayer (ds, 0);
        g_assert_cmpint (OGR_FD_GetFieldIndex (OGR_L_GetLayerDefn (layer), "address"), <, 0);
        while ((f = OGR_L_GetNextFeature (layer)) != NULL)
          {
            int hh = OGR_F_GetFieldIndex (f, "households"), pp = OGR_F_GetFieldIndex (f, "persons");

            if (OGR_F_GetFieldAsInteger (f, OGR_F_GetFieldIndex (f, "suppressed")))
              {
                g_assert_false (OGR_F_IsFieldSetAndNotNull (f, hh));
                g_assert_false (OGR_F_IsFieldSetAndNotNull (f, pp));
                suppressed++;
              }
            else
              {
                g_assert_cmpint (OGR_F_GetFieldAsInteger (f, hh), >=, ks[j]);
                g_assert_cmpint (OGR_F_GetFieldAsInteger (f, pp), >=, ks[j]);
                shown++;
              }
            if (kinds[i] == SM_EXPORT_GRID)
              g_assert_cmpint (wkbFlatten (OGR_G_GetGeometryType (OGR_F_GetGeometryRef (f))), ==, wkbPolygon);
            OGR_F_Destroy (f);
          }
        GDALClose (ds);
        g_assert_cmpuint (shown + suppressed, ==, n);
        g_assert_cmpuint (shown, >, 0);
        if (kinds[i] == SM_EXPORT_GRID)
          g_assert_cmpuint (suppressed, >, 0);
      }
  {
    g_autofree char *path = tmp_path ("low.csv");
    SmExportOptions low = { SM_EXPORT_GRID, 250, 3 };

    g_assert_false (sm_export (demo, filter, path, NULL, &low, NULL, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* An address register in EOV (a GeoPackage with its CRS) becomes reference
 * points: its addresses are then found exactly. */
static void
test_address_register (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("register.db");
  g_autoptr(SmImportReport) report = NULL;
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autoptr(SmGeocodeResult) found = NULL;
  g_autofree char *path = tmp_path ("register.gpkg");
  SmImportOptions options = { .target = SM_IMPORT_ADDRESSES };
  OGRSpatialReferenceH eov = OSRNewSpatialReference (NULL);
  GDALDatasetH ds;
  OGRLayerH layer;
  const char *names[] = { "utca", "hazszam", "telepules" };

  OSRImportFromEPSG (eov, 23700);
  g_unlink (path);
  ds = GDALCreate (GDALGetDriverByName ("GPKG"), path, 0, 0, 0, GDT_Unknown, NULL);
  layer = GDALDatasetCreateLayer (ds, "cimek", eov, wkbPoint, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (names[i], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; i < 2; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      OGR_F_SetFieldString (f, 0, "Próba utca");
      OGR_F_SetFieldString (f, 1, i == 0 ? "1" : "3");
      OGR_F_SetFieldString (f, 2, "Budapest");
      OGR_G_SetPoint_2D (point, 0, 650684 + i * 40.0, 240066);
      OGR_F_SetGeometryDirectly (f, point);
      g_assert_cmpint (OGR_L_CreateFeature (layer, f), ==, OGRERR_NONE);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  OSRDestroySpatialReference (eov);

  report = import (store, "register.gpkg", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_addresses, ==, 2);
  geocoder = sm_geocoder_new (store, &error);
  g_assert_no_error (error);
  found = sm_geocoder_geocode (geocoder, "Budapest, Próba u. 1.");
  g_assert_cmpint (found->quality, ==, SM_GEOCODE_ADDRESS);
  g_assert_cmpfloat_with_epsilon (found->lat, 47.5045, 0.0002);
  g_assert_cmpfloat_with_epsilon (found->lon, 19.0565, 0.0002);
}

/* Services: an organization, a service of a known type and its place. */
static void
test_services (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("services.db");
  g_autoptr(SmImportReport) report = NULL;
  SmImportOptions options = { .target = SM_IMPORT_SERVICES, .no_geocode = TRUE };

  write_file ("services.csv",
              "Szolgáltató,Szolgáltatás neve,Szolgáltatás típusa,Cím,lat,lon\n"
              "Tatai Szociális Intézmény,Idősek klubja,nappali_ellatas_idosek,\"Tata, Fő tér 1.\",47.65,18.32\n"
              "Tatai Szociális Intézmény,Étkeztetés,etkeztetes,\"Tata, Fő tér 1.\",47.65,18.32\n"
              "Valami,Valami,nincs_ilyen_tipus,\"Tata\",47.65,18.32\n", -1);
  report = import (store, "services.csv", &options, &error);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_assert_cmpuint (report->rejected->len, ==, 1);
  g_assert_cmpint (sm_store_count (store, "service"), ==, 0);
  g_clear_error (&error);
  g_clear_pointer (&report, sm_import_report_free);
  options.skip_bad_rows = TRUE;
  report = import (store, "services.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (store, "service"), ==, 2);
  g_assert_cmpint (sm_store_count (store, "location_rtree"), ==, 2);
}

/* The exact cases are personal data: refused without consent, and say so
 * in the file; the coarsened cases carry grid cells and months. */
static void
test_personal_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (demo_db, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autofree char *exact = tmp_path ("personal.geojson");
  g_autofree char *table = tmp_path ("personal.csv");
  g_autofree char *coarse = tmp_path ("coarse.csv");
  g_autofree char *text = NULL;
  SmExportOptions refuse = { SM_EXPORT_CASES };
  SmExportOptions agreed = { SM_EXPORT_CASES, .personal = TRUE };
  SmExportOptions grid = { SM_EXPORT_CASES_COARSE };
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_false (sm_export (store, filter, exact, NULL, &refuse, &n, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_assert_false (g_file_test (exact, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (sm_export (store, filter, exact, NULL, &agreed, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  g_assert_true (g_file_get_contents (exact, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Personal data"));
  g_clear_pointer (&text, g_free);
  g_assert_true (sm_export (store, filter, table, NULL, &agreed, &n, &error));
  g_assert_true (g_file_get_contents (table, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Personal data"));
  g_clear_pointer (&text, g_free);

  g_assert_true (sm_export (store, filter, coarse, NULL, &grid, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (coarse, &text, NULL, NULL));
  g_assert_null (strstr (text, "address"));
  g_assert_null (strstr (text, "Personal data"));
  lines = g_strsplit (text, "\n", -1);
  g_assert_nonnull (strstr (lines[0], "need_assessed_in"));
  /* Every row says what the file shows: the day it was written, the filter, the unit. */
  g_assert_nonnull (strstr (lines[0], "notice"));
  g_assert_nonnull (strstr (lines[1], "Social Map, written on"));
  g_assert_nonnull (strstr (lines[1], "Needs open on"));
  g_assert_nonnull (strstr (lines[1], "250 m grid cell"));
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      GRegex *month = g_regex_new ("^[0-9]{4}-[0-9]{2}$", 0, 0, NULL);
      guint cols = g_strv_length (f);

      /* household_id, settlement, part, lat, lon, category, severity, assessed, resolved, synthetic,
       * and what the file shows */
      g_assert_cmpuint (cols, >=, 11);
      g_assert_true (g_regex_match (month, f[7], 0, NULL));
      g_regex_unref (month);
    }
  /* A workbook says it on a README sheet, with each column in words. */
  {
    g_autofree char *book = tmp_path ("coarse.xlsx");
    g_autofree char *out = NULL;
    const char *argv[] = { "ogrinfo", "-ro", "-al", book, "README", NULL };

    g_assert_true (sm_export (store, filter, book, NULL, &grid, &n, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, &out, NULL, NULL, &error));
    g_assert_nonnull (strstr (out, "This file"));
    g_assert_nonnull (strstr (out, "Social Map, written on"));
    g_assert_nonnull (strstr (out, "month the need was assessed"));
  }
}

/* A table for people is written with its columns named in the user's
 * language, each one import recognizes again; GIS formats keep the stable
 * names. */
static void
test_titles_in_language (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autofree char *table = tmp_path ("hungarian.csv");
  g_autofree char *gis = tmp_path ("hungarian.geojson");
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) mapping = NULL;
  g_auto(GStrv) lines = NULL, columns = NULL;
  SmExportOptions agreed = { SM_EXPORT_CASES, .personal = TRUE };
  static const char * const mapped[] = {
    "household_key", "address", "postal_code", "settlement", "settlement_part", "x", "y",
    "need_category", "need_severity", "need_assessed_on", "need_resolved_on", "synthetic",
  };
  guint n = 0;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_setenv ("LANGUAGE", "hu", TRUE);
  setlocale (LC_ALL, "");
  store = sm_store_open (demo_db, &error);
  g_assert_no_error (error);
  g_assert_true (sm_export (store, filter, table, NULL, &agreed, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (table, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", 2);
  g_assert_nonnull (strstr (lines[0], "háztartás azonosító"));
  g_assert_nonnull (strstr (lines[0], "irányítószám"));
  g_assert_nonnull (strstr (lines[0], "tájékoztatás"));
  g_assert_null (strstr (lines[0], "need_category"));
  g_assert_nonnull (strstr (lines[1], "Személyes adat"));
  columns = g_strsplit (g_strstrip (lines[0]), ",", -1);
  mapping = sm_import_guess_columns (SM_IMPORT_HOUSEHOLDS, (const char * const *) columns);
  for (guint i = 0; i < G_N_ELEMENTS (mapped); i++)
    if (!g_hash_table_contains (mapping, mapped[i]))
      g_error ("“%s” is not recognized in %s", mapped[i], lines[0]);
  g_assert_false (g_hash_table_contains (mapping, "need_note"));
  g_clear_pointer (&text, g_free);

  g_assert_true (sm_export (store, filter, gis, NULL, &agreed, &n, &error));
  g_assert_true (g_file_get_contents (gis, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"need_category\""));
  g_assert_null (strstr (text, "háztartás azonosító"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  SmDemoOptions options = { .n_households = 400, .seed = 5, .until = "2025-06-30" };
  int status;

  g_test_init (&argc, &argv, NULL);
  sm_test_import_dir = sm_test_make_dir ("sm-import");
  demo_db = tmp_path ("demo.db");
  {
    g_autoptr(SmStore) demo = sm_store_open (demo_db, &error);

    g_assert_no_error (error);
    g_assert_true (sm_demo_generate (demo, &options, NULL, NULL, &error));
  }
  g_test_add_func ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/large-import-index", test_large_import_index);
  g_test_add_func ("/import/export-matches-source", test_export_matches_source);
  g_test_add_func ("/import/eov-point", test_eov_point);
  g_test_add_func ("/import/encodings", test_encodings);
  g_test_add_func ("/import/hungarian-dates", test_hungarian_dates);
  g_test_add_func ("/import/bad-rows", test_bad_rows);
  g_test_add_func ("/import/malformed", test_malformed);
  g_test_add_func ("/import/remembered-layout", test_remembered_layout);
  g_test_add_func ("/import/spreadsheet-geocoded", test_spreadsheet_geocoded);
  g_test_add_func ("/import/address-register", test_address_register);
  g_test_add_func ("/import/services", test_services);
  g_test_add_func ("/export/suppression", test_suppression);
  g_test_add_func ("/export/personal-cases", test_personal_cases);
  g_test_add_func ("/export/titles-in-language", test_titles_in_language);
  status = g_test_run ();
  sm_test_remove_dir (sm_test_import_dir);
  g_clear_pointer (&sm_test_import_dir, g_free);
  g_free (demo_db);
  return status;
}
