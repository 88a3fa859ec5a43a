/* Rows and files the import once stored wrongly without a word: each is
 * now refused with its row and reason, and nothing of the file is written. */

#include "config.h"

#include "sm-import.h"
#include "sm-test-import.h"
#include "sm-test-util.h"

#define tmp_path sm_test_import_path
#define new_store sm_test_import_store
#define write_file sm_test_import_write
#define import sm_test_import_file

/* Rows that were once stored wrongly without a word: each is now refused
 * with its row and reason, and nothing of the file is written. */
static void
test_refused_values (void)
{
  static const struct { const char *name, *csv, *reason; } cases[] = {
    { "sev-neg.csv", "Cím,lat,lon,Szükséglet,Súlyosság\n\"Tata, A u. 1\",47.65,18.32,lakhatas,-1\n", "everity" },
    { "sev-big.csv", "Cím,lat,lon,Szükséglet,Súlyosság\n\"Tata, A u. 1\",47.65,18.32,lakhatas,9\n", "everity" },
    { "zero.csv", "Cím,lat,lon,Szükséglet\n\"Tata, A u. 1\",0,0,lakhatas\n", "0, 0" },
    { "hex.csv", "Cím,lat,lon,Szükséglet\n\"Tata, A u. 1\",0x2F,18.32,lakhatas\n", "neither degrees" },
    { "word.csv", "Cím,lat,lon,Szükséglet\n\"Tata, A u. 1\",47.65 DROP,18.32,lakhatas\n", "neither degrees" },
    { "month.csv", "Cím,lat,lon,Szükséglet,Felmérés\n\"Tata, A u. 1\",47.65,18.32,lakhatas,2024. marhaság 1.\n", "date" },
    { "far.csv", "Cím,lat,lon,Szükséglet,Felmérés\n\"Tata, A u. 1\",47.65,18.32,lakhatas,9999-12-31\n", "date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *db = g_strconcat (cases[i].name, ".db", NULL);
      g_autoptr(SmStore) store = new_store (db);
      g_autoptr(GError) error = NULL;
      g_autoptr(SmImportReport) report = NULL;
      SmImportRejection *r;

      write_file (cases[i].name, cases[i].csv, -1);
      report = import (store, cases[i].name, NULL, &error);
      if (error == NULL)
        g_error ("%s was imported", cases[i].name);
      g_assert_nonnull (report);
      g_assert_cmpuint (report->rejected->len, ==, 1);
      r = g_ptr_array_index (report->rejected, 0);
      g_assert_cmpuint (r->row, ==, 1);
      if (strstr (r->reason, cases[i].reason) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].name, r->reason, cases[i].reason);
      g_assert_cmpint (sm_store_count (store, "household"), ==, 0);
    }
}

/* The documented household_key column groups rows; one household at two
 * addresses is refused; a partial mapping still guesses the rest. */
static void
test_household_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("keys.db");
  g_autoptr(SmStore) second = new_store ("keys2.db");
  g_autoptr(SmImportReport) report = NULL;
  g_autoptr(SmImportReport) mapped = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  SmImportOptions options = { .no_geocode = TRUE, .columns = columns };

  write_file ("keys.csv",
    "household_key,Cím,lat,lon,Szükséglet\n"
    "K1,\"Tata, Tömb u. 1\",47.65,18.32,lakhatas\n"
    "K2,\"Tata, Tömb u. 1\",47.65,18.32,lakhatas\n"
    "K3,\"Tata, Tömb u. 1\",47.65,18.32,munkanelkuliseg\n"
    "K1,\"Tata, Tömb u. 1\",47.65,18.32,munkanelkuliseg\n", -1);
  report = import (store, "keys.csv", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_households, ==, 3);
  g_assert_cmpint (sm_store_count (store, "need"), ==, 4);
  g_clear_pointer (&report, sm_import_report_free);

  write_file ("keys-moved.csv",
    "household_key,Cím,lat,lon,Szükséglet\n"
    "K9,\"Tata, Első u. 1\",47.65,18.32,lakhatas\n"
    "K9,\"Tata, Másik u. 7\",47.66,18.33,lakhatas\n", -1);
  report = import (store, "keys-moved.csv", NULL, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (report->rejected->len, ==, 1);
  g_assert_cmpuint (((SmImportRejection *) g_ptr_array_index (report->rejected, 0))->row, ==, 2);
  g_assert_nonnull (strstr (((SmImportRejection *) g_ptr_array_index (report->rejected, 0))->reason,
                            "row 1"));
  g_clear_error (&error);

  /* Naming one column keeps the others guessed. */
  write_file ("keys-other.csv",
    "Azonosító,Cím,lat,lon,Szükséglet\n"
    "A,\"Tata, Tömb u. 1\",47.65,18.32,lakhatas\n"
    "B,\"Tata, Tömb u. 1\",47.65,18.32,lakhatas\n", -1);
  g_hash_table_insert (columns, "household_key", "Azonosító");
  mapped = import (second, "keys-other.csv", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mapped->n_households, ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (mapped->columns, "address"), ==, "Cím");
  g_assert_cmpint (sm_store_count (second, "household"), ==, 2);
}

/* A GeoJSON that says EOV but holds degrees. */
static void
test_crs_mismatch (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = new_store ("crs.db");
  g_autoptr(SmImportReport) report = NULL;

  write_file ("crs.geojson",
    "{\"type\":\"FeatureCollection\","
    "\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::23700\"}},"
    "\"features\":[{\"type\":\"Feature\",\"properties\":{\"Cím\":\"Tata, Fok u. 2\","
    "\"Szükséglet\":\"lakhatas\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[18.32,47.65]}}]}", -1);
  report = import (store, "crs.geojson", NULL, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (report->rejected->len, ==, 1);
  g_assert_nonnull (strstr (((SmImportRejection *) g_ptr_array_index (report->rejected, 0))->reason,
                            "degrees"));
  g_assert_cmpint (sm_store_count (store, "household"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  sm_test_import_dir = sm_test_make_dir ("sm-import-refusals");
  g_test_add_func ("/import/refused-values", test_refused_values);
  g_test_add_func ("/import/household-keys", test_household_keys);
  g_test_add_func ("/import/crs-mismatch", test_crs_mismatch);
  status = g_test_run ();
  sm_test_remove_dir (sm_test_import_dir);
  g_clear_pointer (&sm_test_import_dir, g_free);
  return status;
}
