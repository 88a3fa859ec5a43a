#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sm-date.h"
#include "sm-excess.h"
#include "sm-query.h"
#include "sm-test-cli.h"
#include "sm-test-util.h"

static char *tmpdir;
static char *demo_db;

static void
test_help (void)
{
  static const char * const commands[] = {
    "init", "demo", "import-boundaries", "import-osm", "render-tile", "import", "export", "geocode",
    "density", "hotspots", "areas", "derive-parts", "stats", "query"
  };
  g_auto(Run) top = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };

  run (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) r = { 0 };

      g_assert_nonnull (strstr (top.out, commands[i]));
      run (&r, commands[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, commands[i]));
    }
  run (&none, NULL);
  g_assert_cmpint (none.status, ==, 1);
  run (&unknown, "frobnicate", NULL);
  expect_user_error (&unknown, "unknown command");
}

static void
test_init (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "init.db", NULL);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) missing_arg = { 0 };

  run (&first, "init", db, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  run (&again, "init", db, NULL);
  expect_user_error (&again, "already exists");
  run (&missing_arg, "init", NULL);
  expect_user_error (&missing_arg, "DB");
}

static void
test_demo_stats_query (void)
{
  g_auto(Run) stats = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) again = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *cats;
  gint64 sum = 0;

  run (&stats, "stats", demo_db, "--at", "2025-01-01", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_nonnull (strstr (stats.out, "2025-01-01"));
  g_assert_nonnull (strstr (stats.out, "Központi belterület"));

  run (&json, "stats", demo_db, "--at", "2025-01-01", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  cats = json_object_get_array_member (root, "by_category");
  g_assert_cmpuint (json_array_get_length (cats), ==, 11);
  for (guint i = 0; i < json_array_get_length (cats); i++)
    {
      JsonObject *row = json_array_get_object_element (cats, i);
      if (!json_object_get_boolean_member (row, "suppressed"))
        sum += json_object_get_int_member (row, "open_needs");
    }
  g_assert_cmpint (sum, <=, json_object_get_int_member (root, "open_needs"));
  g_assert_cmpint (sum, >, 0);

  /* Small numbers never come out as numbers. */
  {
    JsonArray *parts = json_object_get_array_member (root, "by_settlement_part");
    for (guint i = 0; i < json_array_get_length (parts); i++)
      {
        JsonObject *row = json_array_get_object_element (parts, i);
        if (!json_object_get_boolean_member (row, "suppressed"))
          g_assert_cmpint (json_object_get_int_member (row, "households"), >=, 5);
      }
  }

  run (&csv, "query", demo_db, "--at", "2025-01-01", "--category", "lakhatas",
       "--bbox", "18.25,47.60,18.40,47.70", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_true (g_str_has_prefix (csv.out, "household_id,lat,lon,address,"));
  g_assert_nonnull (strstr (csv.out, ",lakhatas,"));

  run (&again, "demo", demo_db, NULL);
  expect_user_error (&again, "already holds data");
}

/* The command line and the map share one filter and one query: the JSON the
 * command prints is what sm_store_query() gives the map. */
/* Runs "query … --format json" with @args and checks that it lists exactly
 * the households the core's query gives for @filter; returns how many. */
static guint
assert_cli_matches (const char * const *args,
                    SmFilter           *filter)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (demo_db, &error);
  g_autoptr(GArray) hits = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int wait_status;
  JsonArray *rows;

  g_assert_no_error (error);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, "query");
  g_ptr_array_add (argv, demo_db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, "--format");
  g_ptr_array_add (argv, "json");
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  rows = json_node_get_array (json_parser_get_root (parser));

  hits = sm_store_query (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (rows), ==, hits->len);
  for (guint i = 0; i < hits->len; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);

      g_assert_cmpint (json_object_get_int_member (row, "household_id"), ==, hit->household_id);
      g_assert_cmpint (json_object_get_int_member (row, "max_severity"), ==, hit->max_severity);
    }
  return hits->len;
}

static void
test_query_matches_core (void)
{
  static const char * const basic[] = {
    "--at", "2024-10-01", "--category", "Housing", "-c", "idos_gondozas", "--severity", "2",
    "--bbox", "18.28,47.62,18.36,47.67", NULL
  };
  static const char * const households[] = {
    "--at", "2025-03-01", "--status", "any", "--age-group", "elderly", "--lives-alone",
    "--no-alarm-device", NULL
  };
  static const char * const window[] = {
    "--at", "2025-03-01", "--status", "any", "--since", "2024-03-02", NULL
  };
  static const char * const part[] = {
    "--at", "2025-03-01", "--status", "resolved", "--settlement-part", "Agostyán",
    "--age-group", "child", "--age-group", "adult", NULL
  };
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GError) error = NULL;
  GDate d;

  store = sm_store_open (demo_db, &error);
  g_assert_no_error (error);
  sm_date_parse_iso ("2024-10-01", &d, NULL);
  sm_filter_set_as_of (filter, &d);
  sm_filter_add_category (filter, sm_store_lookup_category (store, "lakhatas", NULL));
  sm_filter_add_category (filter, sm_store_lookup_category (store, "idos_gondozas", NULL));
  sm_filter_set_min_severity (filter, 2);
  sm_filter_set_bbox (filter, 18.28, 47.62, 18.36, 47.67);
  g_assert_cmpuint (assert_cli_matches (basic, filter), >, 10);

  g_clear_object (&filter);
  filter = sm_filter_new ();
  sm_date_parse_iso ("2025-03-01", &d, NULL);
  sm_filter_set_as_of (filter, &d);
  sm_filter_set_status (filter, SM_NEED_ANY);
  sm_filter_set_age_groups (filter, SM_AGE_ELDERLY);
  sm_filter_set_elderly_flags (filter, SM_ELDERLY_LIVES_ALONE | SM_ELDERLY_NO_ALARM);
  g_assert_cmpuint (assert_cli_matches (households, filter), >, 0);

  g_clear_object (&filter);
  filter = sm_filter_new ();
  {
    GDate since;

    sm_date_parse_iso ("2024-03-02", &since, NULL);
    sm_filter_set_as_of_since (filter, &d, &since, SM_NEED_ANY);
    g_assert_cmpuint (assert_cli_matches (window, filter), >, 0);
  }

  g_clear_object (&filter);
  filter = sm_filter_new ();
  sm_filter_set_as_of (filter, &d);
  sm_filter_set_status (filter, SM_NEED_RESOLVED);
  sm_filter_set_settlement_part (filter, "Agostyán");
  sm_filter_set_age_groups (filter, SM_AGE_CHILD | SM_AGE_ADULT);
  g_assert_cmpuint (assert_cli_matches (part, filter), >, 0);
}

static void
test_bad_input (void)
{
  g_autofree char *missing = g_build_filename (tmpdir, "nincs.db", NULL);
  g_autofree char *junk = g_build_filename (tmpdir, "junk.db", NULL);
  g_autofree char *text = g_build_filename (tmpdir, "junk.geojson", NULL);
  struct { const char *args[8]; const char *words; } cases[] = {
    { { "query", demo_db, "--category", "nincs_ilyen" }, "nincs_ilyen" },
    { { "query", demo_db, "--at", "2025-13-01" }, "2025-13-01" },
    { { "query", demo_db, "--at", "tegnap" }, "tegnap" },
    { { "query", demo_db, "--bbox", "18.3,47.6" }, "18.3,47.6" },
    { { "query", demo_db, "--severity", "4" }, "4" },
    { { "query", demo_db, "--format", "xml" }, "xml" },
    { { "query", demo_db, "--no-such-option" }, "no-such-option" },
    { { "stats", missing }, "does not exist" },
    { { "stats", demo_db, "--k", "2" }, "5" },
    { { "stats", junk }, "junk.db" },
    { { "import-boundaries", demo_db, text }, "junk.geojson" },
    { { "import-boundaries", demo_db, missing }, "nincs.db" },
    { { "demo", missing, "--cases", "0" }, "--cases" },
  };

  g_file_set_contents (junk, "SQLite format 2? no, just text that is long enough to be read", -1, NULL);
  g_file_set_contents (text, "{ not json", -1, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) r = { 0 };
      const char **a = cases[i].args;

      run (&r, a[0], a[1], a[2], a[3], a[4], NULL);
      expect_user_error (&r, cases[i].words);
    }
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* The user's language: LANGUAGE=hu gives Hungarian messages. */
static void
test_hungarian (void)
{
  g_auto(Run) r = { 0 };
  g_auto(Run) help = { 0 };

  g_setenv ("LANGUAGE", "hu", TRUE);
  run (&r, "query", demo_db, "--at", "2025-13-01", NULL);
  run (&help, "--help", NULL);
  g_unsetenv ("LANGUAGE");
  expect_user_error (&r, "nem érvényes dátum");
  g_assert_nonnull (strstr (help.out, "Parancsok:"));
}

static void
test_import_boundaries (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "bnd.db", NULL);
  g_autofree char *file = g_build_filename (g_getenv ("SOCIAL_MAP_DATADIR"),
                                            "tata_dunaujvaros_boundary.geojson", NULL);
  g_auto(Run) init = { 0 };
  g_auto(Run) r = { 0 };
  g_auto(Run) layer = { 0 };

  run (&init, "init", db, NULL);
  run (&r, "import-boundaries", db, file, "--level", "settlement", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "3"));
  run (&layer, "import-boundaries", db, file, "--layer", "nincs", NULL);
  expect_user_error (&layer, "nincs");
}

/* import-osm with a clip boundary from the database, then render-tile:
 * a real PNG, and clear errors for a tile that does not exist and a
 * database without a basemap. */
static void
test_import_osm_render_tile (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "osm.db", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "no-basemap.db", NULL);
  g_autofree char *png = g_build_filename (tmpdir, "tile.png", NULL);
  g_autofree char *region = g_build_filename (SM_SOURCE_DATADIR,
                                              "tata_dunaujvaros_region_osm2019.geojson", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_auto(Run) init = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) outside = { 0 };
  g_auto(Run) tile = { 0 };
  g_auto(Run) bad_tile = { 0 };
  g_auto(Run) no_basemap = { 0 };
  g_auto(Run) bad_clip = { 0 };

  run (&init, "init", db, NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (&import, "import-osm", db, extract, NULL);
  g_assert_cmpint (import.status, ==, 0);
  g_assert_nonnull (strstr (import.out, "3723 buildings"));

  /* Liechtenstein has nothing inside Tata. */
  run (&outside, "import-boundaries", db, region, NULL);
  g_assert_cmpint (outside.status, ==, 0);
  g_clear_pointer (&outside.out, g_free);
  g_clear_pointer (&outside.err, g_free);
  run (&outside, "import-osm", db, extract, "--clip", "Tata", NULL);
  expect_user_error (&outside, "no map features inside the clip area");
  run (&bad_clip, "import-osm", db, extract, "--clip", "Atlantis", NULL);
  g_assert_cmpint (bad_clip.status, ==, 1);

  run (&tile, "render-tile", db, "16", "34501", "23013", png, NULL);
  g_assert_cmpint (tile.status, ==, 0);
  g_assert_true (g_file_get_contents (png, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  run (&bad_tile, "render-tile", db, "3", "9", "0", png, NULL);
  expect_user_error (&bad_tile, "no tile 3/9/0");

  run (&no_basemap, "init", empty, NULL);
  g_clear_pointer (&no_basemap.out, g_free);
  g_clear_pointer (&no_basemap.err, g_free);
  run (&no_basemap, "render-tile", empty, "16", "34501", "23013", png, NULL);
  expect_user_error (&no_basemap, "import-osm");
}

/* geocode: addresses as arguments or one per line on standard input, a
 * JSON object per address. */
static void
test_geocode (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (tmpdir, "geocode.db", NULL);
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "tata-streets-synthetic.osm", NULL);
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) init = { 0 };
  g_auto(Run) import = { 0 };
  g_auto(Run) one = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  run (&init, "init", db, NULL);
  run (&import, "import-osm", db, osm, NULL);
  g_assert_cmpint (import.status, ==, 0);

  run (&one, "geocode", db, "2890 Tata, Kossuth Lajos utca 5.", NULL);
  g_assert_cmpint (one.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, one.out, -1, &error));
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (o, "quality"), ==, "address");
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (o, "parsed"), "street_type"), ==, "utca");
  g_assert_cmpstr (json_object_get_string_member (
    json_object_get_object_member (o, "parsed"), "postal_code"), ==, "2890");
  g_assert_cmpfloat (json_object_get_double_member (o, "lat"), >, 47.6);

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           cli, "geocode", db, NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, "Kossuth L. u. 7\n\nTata, Fő utca 3\n",
                                                NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_nonnull (strstr (lines[0], "\"quality\":\"interpolated\""));
  g_assert_nonnull (strstr (lines[1], "\"ambiguous\":true"));
}

/* import and export from the command line: a bad file changes nothing and
 * names its rows; the good rows with consent; aggregated export refuses
 * k below 5. */
static void
test_import_export (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "ie.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "ie.csv", NULL);
  g_autofree char *report = g_build_filename (tmpdir, "ie-report.csv", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "ie-parts.csv", NULL);
  g_autofree char *report_text = NULL;
  g_auto(Run) init = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) skip = { 0 };
  g_auto(Run) low_k = { 0 };
  g_auto(Run) parts = { 0 };

  g_assert_true (g_file_set_contents (csv,
    "Lakcím,lat,lon,Szükséglet,Súlyosság,Felmérés\n"
    "\"Tata, A utca 1\",47.65,18.32,Lakhatás,2,2024.03.01.\n"
    "\"Tata, A utca 2\",47.65,18.32,Nincs ilyen,2,2024.03.01.\n", -1, NULL));
  run (&init, "init", db, NULL);
  run (&bad, "import", db, csv, "--report", report, NULL);
  expect_user_error (&bad, "nothing was imported");
  g_assert_true (g_file_get_contents (report, &report_text, NULL, NULL));
  g_assert_nonnull (strstr (report_text, "2,"));
  g_assert_nonnull (strstr (report_text, "Nincs ilyen"));

  run (&skip, "import", db, csv, "--skip-bad-rows", "--no-geocode", NULL);
  g_assert_cmpint (skip.status, ==, 0);
  g_assert_nonnull (strstr (skip.out, "Imported 1 households"));
  g_assert_nonnull (strstr (skip.err, "row 2"));

  run (&low_k, "export", demo_db, out, "--kind", "parts", "--k", "3", NULL);
  expect_user_error (&low_k, "at least 5");
  run (&parts, "export", demo_db, out, "--kind", "parts", "--at", "2025-06-30", NULL);
  g_assert_cmpint (parts.status, ==, 0);
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

/* hotspots and density on the demo town. */
static void
test_hotspots_density (void)
{
  g_autofree char *tif = g_build_filename (tmpdir, "density.tif", NULL);
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) density = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  run (&text, "hotspots", demo_db, "--at", "2025-06-30", "--permutations", "99", "--method", "density",
       NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "Hotspots of density"));
  g_assert_nonnull (strstr (text.out, "Központi belterület"));
  run (&json, "hotspots", demo_db, "--at", "2025-06-30", "--permutations", "99", "--format", "json",
       "--compare", "2024-06-30", "--correction", "fdr", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                         "settlement_parts"));
  run (&density, "density", demo_db, tif, "--at", "2025-06-30", "--kernel", "epanechnikov", NULL);
  g_assert_cmpint (density.status, ==, 0);
  g_assert_true (g_file_test (tif, G_FILE_TEST_IS_REGULAR));
  run (&bad, "density", demo_db, tif, "--kernel", "gauss", NULL);
  expect_user_error (&bad, "not a kernel");
}

/* hotspots' default is the scan: the clusters the core finds, each with
 * more households than expected, a relative risk and a p under 0.05; the
 * same for Poisson; a bad method or model is a usage error. */
static void
test_hotspots_scan (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) poisson = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) bad_model = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GPtrArray) found = NULL;
  SmExcessOptions options = { .model = SM_SCAN_BERNOULLI, .seed = 1 };
  JsonObject *root;
  JsonArray *list;
  GDate day;

  run (&json, "hotspots", demo_db, "--at", "2025-06-30", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "method"), ==, "scan");
  list = json_object_get_array_member (root, "hotspots");

  store = sm_store_open (demo_db, &error);
  g_assert_no_error (error);
  sm_date_parse_iso ("2025-06-30", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  found = sm_find_excess (store, filter, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (list), ==, found->len);
  g_assert_cmpuint (found->len, >, 0);
  for (guint i = 0; i < found->len; i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);
      const SmExcess *e = g_ptr_array_index (found, i);

      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "p"), e->p, 1e-12);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "expected"), e->expected, 0.05);
      g_assert_cmpfloat (e->cases, >, e->expected);
    }
  run (&poisson, "hotspots", demo_db, "--at", "2025-06-30", "--model", "poisson", NULL);
  g_assert_cmpint (poisson.status, ==, 0);
  g_assert_nonnull (strstr (poisson.out, "Poisson"));
  run (&bad, "hotspots", demo_db, "--method", "magic", NULL);
  expect_user_error (&bad, "not a method");
  run (&bad_model, "hotspots", demo_db, "--model", "gauss", NULL);
  expect_user_error (&bad_model, "not a model");
}

/* areas: one row per settlement part; counts under 5 never printed. */
static void
test_areas (void)
{
  g_auto(Run) json = { 0 };
  g_auto(Run) derive = { 0 };
  g_auto(Run) none = { 0 };
  g_auto(Run) bad = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *areas;

  run (&derive, "derive-parts", demo_db, "Tata", NULL);
  g_assert_cmpint (derive.status, ==, 0);
  g_assert_nonnull (strstr (derive.out, "12"));
  run (&json, "areas", demo_db, "--at", "2025-06-30", "--permutations", "99", "-f", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  areas = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "areas");
  g_assert_cmpuint (json_array_get_length (areas), ==, 12);
  for (guint i = 0; i < json_array_get_length (areas); i++)
    {
      const char *count = json_object_get_string_member (json_array_get_object_element (areas, i),
                                                         "households");
      gint64 n = g_ascii_strtoll (count, NULL, 10);

      g_assert_true (g_str_equal (count, "<5") || n == 0 || n >= 5);
    }
  run (&none, "areas", demo_db, "--level", "district", NULL);
  expect_user_error (&none, "district");
  run (&bad, "areas", demo_db, "--weights", "rook", NULL);
  g_assert_cmpint (bad.status, ==, 1);
}

/* What comes from outside must be text; what goes out is safe to show and
 * to open: valid JSON, no formulas or escape sequences in CSV, files only
 * the owner can read. */
static void
test_text_boundaries (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "text.db", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "text-parts.csv", NULL);
  g_auto(Run) demo = { 0 };
  g_auto(Run) bad_arg = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) parts = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  mode_t old;

  run (&demo, "demo", db, "--cases", "40", "--seed", "2", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  {
    g_autoptr(SmStore) store = sm_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_cmpint (sm_test_scalar (store,
      "UPDATE household SET address_raw = 'Tata, K' || char(31) || ' utca ' || char(27) || '[31m1'"
      " WHERE id = (SELECT min(id) FROM household) RETURNING 1"), ==, 1);
    g_assert_cmpint (sm_test_scalar (store,
      "UPDATE household SET address_raw = '=HYPERLINK(\"http://x\")'"
      " WHERE id = (SELECT max(id) FROM household) RETURNING 1"), ==, 1);
  }

  run (&bad_arg, "geocode", db, "Tata, F\xff utca 3", NULL);
  expect_user_error (&bad_arg, "not valid UTF-8");

  run (&json, "query", db, "--status", "any", "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, json.out, -1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (json.out, "\\u001f"));

  run (&csv, "query", db, "--status", "any", NULL);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_null (strchr (csv.out, '\x1b'));
  g_assert_null (strchr (csv.out, '\x1f'));
  g_assert_null (strstr (csv.out, ",=HYPERLINK"));
  g_assert_null (strstr (csv.out, ",\"=HYPERLINK"));
  g_assert_nonnull (strstr (csv.out, "'=HYPERLINK"));

  old = umask (0);
  run (&parts, "export", db, out, "--kind", "parts", NULL);
  umask (old);
  g_assert_cmpint (parts.status, ==, 0);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

/* signal: received, assessed and decided in one command, answered; a
 * step out of order is refused with a sentence and writes nothing. */
static void
test_signals (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "signals.db", NULL);
  g_auto(Run) init = { 0 };
  g_auto(Run) add = { 0 };
  g_auto(Run) early = { 0 };
  g_auto(Run) assess = { 0 };
  g_auto(Run) answer = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) open = { 0 };
  g_auto(Run) reopen = { 0 };
  g_auto(Run) stranger = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *first;

  run (&init, "init", db, NULL);
  g_assert_cmpint (init.status, ==, 0);
  run (&add, "signal", "add", db, "--from", "vedono", "--signaller", "Szabó Júlia", "--channel", "phone",
       "--urgency", "immediate", "--about", "A csecsemő elhanyagolt", "--received", "2025-04-02 08:30", NULL);
  g_assert_cmpint (add.status, ==, 0);
  g_assert_nonnull (strstr (add.out, "1"));
  run (&early, "signal", "answer", db, "1", "--by", "Kiss Anna", "--text", "Köszönjük", NULL);
  expect_user_error (&early, "cannot become");
  run (&assess, "signal", "assess", db, "1", "--by", "Kiss Anna", "--outcome", "referred",
       "--note", "a gyermekjóléti központhoz", NULL);
  g_assert_cmpint (assess.status, ==, 0);
  run (&answer, "signal", "answer", db, "1", "--by", "Kiss Anna", "--text", "Továbbirányítottuk", NULL);
  g_assert_cmpint (answer.status, ==, 0);
  run (&list, "signal", "list", db, "--all", "--format", "json", NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, list.out, -1, &error));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "state"), ==, "answered");
  g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "vedono");
  g_assert_false (json_object_get_boolean_member (first, "overdue"));
  run (&open, "signal", "list", db, NULL);
  g_assert_cmpint (open.status, ==, 0);
  g_assert_null (strstr (open.out, "csecsemő"));
  run (&reopen, "signal", "reopen", db, "1", "--by", "Kiss Anna", NULL);
  expect_user_error (&reopen, "reason");
  run (&stranger, "signal", "add", db, "--from", "nincsilyen", "--about", "x", NULL);
  expect_user_error (&stranger, "not a member");
}

/* The whole way of a school's written signal about a child: received,
 * assessed, linked to a new household at its address, a case opened and
 * taken to care, a guardianship measure, a case conference, the school
 * answered; then the year's report in each format, small counts hidden,
 * and the files for their writer only. */
static void
test_casework (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "casework.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "report.csv", NULL);
  g_autofree char *xlsx = g_build_filename (tmpdir, "report.xlsx", NULL);
  g_autofree char *json_path = g_build_filename (tmpdir, "report.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 };
  g_auto(Run) r8 = { 0 }, r9 = { 0 }, r10 = { 0 }, r11 = { 0 }, r12 = { 0 }, r13 = { 0 }, r14 = { 0 };
  g_auto(Run) r15 = { 0 }, r16 = { 0 }, m1 = { 0 }, m2 = { 0 }, d1 = { 0 }, d2 = { 0 }, i1 = { 0 }, i2 = { 0 };
  g_auto(Run) a1 = { 0 }, l1 = { 0 };
  g_autofree char *register_csv = g_build_filename (tmpdir, "jelzesek.csv", NULL);
  g_autofree char *bad_csv = g_build_filename (tmpdir, "rossz-jelzesek.csv", NULL);
  GStatBuf st;
  JsonObject *root = NULL;
  JsonArray *all;
  char sid[128], case_id[128];

  run (&r1, "demo", db, "--cases", "200", "--seed", "3", "--until", "2025-06-30", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  run (&r2, "signal", "add", db, "--received", "2025-05-06 10:20", "--from", "iskola", "--organization",
       "Kőkúti Általános Iskola", "--signaller", "Nagy Éva", "--channel", "written", "--urgency", "urgent",
       "--about", "A gyermek hetek óta hiányzik", "--need", "gyermekvedelmi_kockazat", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_nonnull (strstr (r2.out, "Signal "));
  /* The demo has signals of its own: this one's number is the command's. */
  g_assert_cmpint (sscanf (r2.out, "Signal %127s", sid), ==, 1);
  run (&r3, "signal", "assess", db, sid, "--by", "Kiss Anna", "--note", "családlátogatás", NULL);
  g_assert_cmpint (r3.status, ==, 0);
  run (&r4, "signal", "link", db, sid, "--address", "2890 Tata, Kossuth tér 3.", NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_nonnull (strstr (r4.out, "household"));
  run (&r5, "signal", "assess", db, sid, "--by", "Kiss Anna", "--outcome", "case_opened", NULL);
  g_assert_cmpint (r5.status, ==, 0);
  run (&r6, "signal", "list", db, "--all", "--format", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, r6.out, -1, &error));
  all = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == g_ascii_strtoll (sid, NULL, 10))
      root = json_array_get_object_element (all, i);
  g_assert_nonnull (root);
  {
    g_autofree char *household = g_strdup_printf ("%lld", (long long) json_object_get_int_member (root, "household"));

    g_assert_cmpint (json_object_get_int_member (root, "household"), >, 200);
    run (&r7, "case", "open", db, household, "--caseworker", "Kiss Anna", "--signal", sid, "--on", "2025-05-07",
         NULL);
    g_assert_cmpint (r7.status, ==, 0);
    g_assert_cmpint (sscanf (r7.out, "Case %127s", case_id), ==, 1);
    run (&r8, "case", "move", db, case_id, "in_care", "--by", "Kiss Anna", NULL);
    expect_user_error (&r8, "cannot go");
    run (&r9, "case", "move", db, case_id, "assessment", "--by", "Kiss Anna", "--on", "2025-05-08", NULL);
    g_assert_cmpint (r9.status, ==, 0);
    run (&r10, "intervention", "add", db, "--household", household, "--kind", "protection", "--organization",
         "Tatai Járási Hivatal", "--on", "2025-05-20", "--outcome", "elrendelve", NULL);
    g_assert_cmpint (r10.status, ==, 0);
    run (&r11, "conference", "add", db, "--on", "2025-05-15", "--kind", "conference", "--participants",
         "iskola, védőnő, gyámhivatal", "--household", household, "--signal", sid, "--decision",
         "Heti látogatás|Kiss Anna|2025-06-01", NULL);
    g_assert_cmpint (r11.status, ==, 0);
  }
  run (&r12, "signal", "answer", db, sid, "--by", "Kiss Anna", "--text", "Esetet nyitottunk", NULL);
  g_assert_cmpint (r12.status, ==, 0);
  run (&r13, "report", "signals", db, "--year", "2025", "--format", "csv", "--output", csv, NULL);
  g_assert_cmpint (r13.status, ==, 0);
  run (&r14, "report", "signals", db, "--year", "2025", "--format", "xlsx", "--output", xlsx, NULL);
  g_assert_cmpint (r14.status, ==, 0);
  run (&r15, "report", "signals", db, "--year", "2025", "--format", "json", "--output", json_path, NULL);
  g_assert_cmpint (r15.status, ==, 0);
  /* The code list of members, the deadlines, a register of signals. */
  run (&m1, "signal", "members", db, "--set", "iskola", "--contact", "Szabó Péter", "--how", "jelzőlap e-mailben",
       NULL);
  g_assert_cmpint (m1.status, ==, 0);
  g_assert_nonnull (strstr (m1.out, "Szabó Péter"));
  run (&m2, "signal", "members", db, "--set", "uj_tag", NULL);
  expect_user_error (&m2, "names");
  run (&d1, "signal", "deadlines", db, "answer_normal=20", "assess_normal=30", NULL);
  expect_user_error (&d1, "before its assessment");
  run (&d2, "signal", "deadlines", db, "assess_normal=3", NULL);
  g_assert_cmpint (d2.status, ==, 0);
  g_assert_nonnull (strstr (d2.out, "assess_normal=3"));
  g_assert_nonnull (strstr (d2.out, "answer_normal=15"));
  g_assert_true (g_file_set_contents (register_csv,
    "Beérkezés,Jelző,Módja,Sürgősség,Jelzés tartalma,Szükséglet,Lakcím\n"
    "2025.06.02. 10:30,Iskola,írásban,sürgős,Sokat hiányzik,Child at risk,\"2890 Tata, Kossuth tér 3.\"\n"
    "2025-06-03 08:00,Védőnő,telefon,azonnali,Elhanyagolt csecsemő,,\n", -1, NULL));
  run (&i1, "signal", "import", db, register_csv, NULL);
  g_assert_cmpint (i1.status, ==, 0);
  g_assert_nonnull (strstr (i1.out, "Imported 2 signals"));
  g_assert_true (g_file_set_contents (bad_csv,
    "received,from,about\n2025-06-04 09:00,iskola,Jó sor\n2025-06-05 09:00,nincs_ilyen,Rossz sor\n", -1, NULL));
  run (&i2, "signal", "import", db, bad_csv, NULL);
  /* The rejected row and why, then the refusal. */
  g_assert_cmpint (i2.status, ==, 1);
  g_assert_nonnull (strstr (i2.err, "row 2"));
  g_assert_nonnull (strstr (i2.err, "nothing was imported"));
  run (&a1, "intervention", "add", db, "--area", "Tóváros", "--at", "47.64,18.33", "--kind", "debt_management",
       "--organization", "Tata Város Önkormányzata", NULL);
  g_assert_cmpint (a1.status, ==, 0);
  run (&l1, "intervention", "list", db, NULL);
  g_assert_nonnull (strstr (l1.out, "Tóváros"));
  g_assert_nonnull (strstr (l1.out, "Taking into protection"));

  run (&r16, "report", "signals", db, "--year", "2025", NULL);
  g_assert_cmpint (r16.status, ==, 0);
  g_assert_nonnull (strstr (r16.out, "signals received"));
  for (guint i = 0; i < 3; i++)
    {
      const char *path = i == 0 ? csv : i == 1 ? xlsx : json_path;

      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 077, ==, 0);
    }
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "member_kind,iskola"));
  g_assert_nonnull (strstr (text, "conferences,conference"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (xlsx, &text, NULL, NULL));
  g_assert_true (text[0] == 'P' && text[1] == 'K');
  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2025);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "conferences"), "conference"),
                   >=, 1);
  /* Hidden counts are text, shown ones numbers; never a count of 1 to 4. */
  {
    JsonObject *kinds = json_object_get_object_member (root, "by_member_kind");
    g_autoptr(GList) names = json_object_get_members (kinds);

    for (GList *l = names; l != NULL; l = l->next)
      {
        JsonNode *n = json_object_get_member (kinds, l->data);

        if (json_node_get_value_type (n) == G_TYPE_INT64)
          g_assert_true (json_node_get_int (n) == 0 || json_node_get_int (n) >= 5);
        else
          g_assert_true (g_str_equal (json_node_get_string (n), "<5") || g_str_equal (json_node_get_string (n), "x"));
      }
  }
}

/* A household referred to family support, overdue after two working days
 * without an answer, then accepted, started and completed; a forbidden
 * step refused; the need table edited in one action; the calendar's
 * exceptions; capacity, and a refusal for lack of it counted. */
static void
test_referrals (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "referrals.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 };
  g_auto(Run) r8 = { 0 }, r9 = { 0 }, r10 = { 0 }, r11 = { 0 }, r12 = { 0 }, r13 = { 0 }, r14 = { 0 };
  g_auto(Run) r15 = { 0 }, r16 = { 0 }, r17 = { 0 }, r18 = { 0 };
  JsonObject *found = NULL;
  JsonArray *all;
  char rid[128], rid2[128];

  run (&r1, "demo", db, "--cases", "200", "--seed", "3", "--until", "2025-06-30", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  /* Service 1 of the demo is family support at location 1. */
  run (&r2, "service", "list", db, "--need", "lakhatas", "--format", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, r2.out, -1, &error));
  all = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (all), >, 0);
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "service") == 1)
      found = json_array_get_object_element (all, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (json_object_get_string_member (found, "type"), ==, "csaladsegites");
  found = NULL;

  run (&r3, "referral", "send", db, "--household", "5", "--service", "1", "--location", "1", "--reason",
       "Lakbérhátralék", "--need", "lakhatas", "--by", "Kiss Anna", "--on", "2025-10-22", NULL);
  expect_user_error (&r3, "consent");
  run (&r4, "referral", "send", db, "--household", "5", "--service", "1", "--location", "1", "--reason",
       "Lakbérhátralék", "--need", "lakhatas", "--consent", "--by", "Kiss Anna", "--on", "2025-10-22", NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_cmpint (sscanf (r4.out, "Referral %127s", rid), ==, 1);

  /* Sent on Wednesday 22 October 2025; the 23rd is a holiday. With the
   * 24th a moved rest day, the answer is due on Tuesday the 28th. */
  run (&r5, "calendar", db, "--rest", "2025-10-24", "--name", "áthelyezett pihenőnap", NULL);
  g_assert_cmpint (r5.status, ==, 0);
  g_assert_nonnull (strstr (r5.out, "2025-10-23"));
  g_assert_nonnull (strstr (r5.out, "áthelyezett pihenőnap"));
  run (&r6, "referral", "list", db, "--today", "2025-10-28", "--format", "json", NULL);
  g_assert_true (json_parser_load_from_data (parser, r6.out, -1, &error));
  all = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (all); i++)
    if (json_object_get_int_member (json_array_get_object_element (all, i), "id") == g_ascii_strtoll (rid, NULL, 10))
      found = json_array_get_object_element (all, i);
  g_assert_nonnull (found);
  g_assert_cmpstr (json_object_get_string_member (found, "answer_due"), ==, "2025-10-28");
  g_assert_false (json_object_get_boolean_member (found, "overdue"));
  run (&r7, "referral", "list", db, "--today", "2025-10-29", "--overdue", NULL);
  g_assert_nonnull (strstr (r7.out, "Lakbérhátralék"));

  run (&r8, "referral", "complete", db, rid, "--by", "Szabó Éva", "--outcome", "got_help", NULL);
  expect_user_error (&r8, "cannot become");
  run (&r9, "referral", "accept", db, rid, "--by", "Szabó Éva", "--on", "2025-10-27", NULL);
  g_assert_cmpint (r9.status, ==, 0);
  run (&r10, "referral", "start", db, rid, "--by", "Szabó Éva", "--on", "2025-10-30", NULL);
  g_assert_cmpint (r10.status, ==, 0);
  run (&r11, "referral", "complete", db, rid, "--by", "Szabó Éva", "--outcome", "got_help", "--on", "2025-12-01",
       NULL);
  g_assert_cmpint (r11.status, ==, 0);
  run (&r12, "referral", "show", db, rid, NULL);
  g_assert_nonnull (strstr (r12.out, "loop is closed"));
  g_assert_nonnull (strstr (r12.out, "2025-10-27  accepted   Szabó Éva"));

  /* No capacity: the refusal keeps the capacity and is counted. */
  run (&r13, "service", "capacity", db, "1", "--unit", "férőhely", "--available", "0", "--maximum", "40",
       "--waiting", "6", NULL);
  g_assert_cmpint (r13.status, ==, 0);
  run (&r14, "referral", "send", db, "--household", "6", "--service", "1", "--reason", "Adósság", "--consent",
       "--by", "Kiss Anna", "--on", "2025-11-03", NULL);
  g_assert_cmpint (sscanf (r14.out, "Referral %127s", rid2), ==, 1);
  run (&r15, "referral", "decline", db, rid2, "--by", "Szabó Éva", "--reason", "no_capacity", "--on", "2025-11-04",
       NULL);
  g_assert_cmpint (r15.status, ==, 0);
  run (&r16, "referral", "capacity", db, "--from", "2025-10-01", NULL);
  g_assert_nonnull (strstr (r16.out, "\t2\t1\t0\t40\t6"));

  /* The need table: a bad pair refuses the whole action. */
  run (&r17, "service", "needs", db, "--set", "lakhatas=etkeztetes", "--set", "lakhatas=nincs_ilyen", NULL);
  expect_user_error (&r17, "nincs_ilyen");
  run (&r18, "service", "needs", db, NULL);
  g_assert_nonnull (strstr (r18.out, "adossagkezeles"));
  {
    const char *housing = strstr (r18.out, "(lakhatas)\n");
    const char *next = housing ? strstr (housing, "(jovedelem_adossag)\n") : NULL;
    g_autofree char *block = housing && next ? g_strndup (housing, next - housing) : NULL;

    g_assert_nonnull (block);
    g_assert_nonnull (strstr (block, "csaladsegites"));
    g_assert_null (strstr (block, "etkeztetes"));
  }
}

/* The service network on the command line: coverage under the disclosure
 * rule, the directory out and in as HSDS, a catchment from a file, paper
 * questionnaires and their results. */
static void
test_network (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "network.db", NULL);
  g_autofree char *other = g_build_filename (tmpdir, "network-other.db", NULL);
  g_autofree char *json = g_build_filename (tmpdir, "directory.json", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "directory-csv", NULL);
  g_autofree char *area = g_build_filename (tmpdir, "korzet.geojson", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 };
  g_auto(Run) r8 = { 0 }, r9 = { 0 }, r10 = { 0 }, r11 = { 0 }, r12 = { 0 }, r13 = { 0 }, r14 = { 0 };
  JsonObject *root;
  JsonArray *rows;
  GStatBuf st;

  run (&r1, "demo", db, "--cases", "300", "--seed", "3", "--until", "2025-06-30", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  run (&r2, "coverage", db, "--at", "2025-06-30", "--format", "json", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r2.out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 5);
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 11);
  /* No count from 1 to 4 is shown. */
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      for (const char **f = (const char *[]) { "needs", "not_covered", NULL }; *f; f++)
        {
          JsonNode *n = json_object_get_member (row, *f);

          if (json_node_get_value_type (n) == G_TYPE_INT64)
            g_assert_true (json_node_get_int (n) == 0 || json_node_get_int (n) >= 5);
        }
    }
  run (&r3, "coverage", db, "--k", "3", NULL);
  expect_user_error (&r3, "5");

  run (&r4, "service", "export", db, json, NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_cmpint (g_stat (json, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 077, ==, 0);
  run (&r5, "service", "export", db, csv, "--format", "csv", NULL);
  g_assert_cmpint (r5.status, ==, 0);
  run (&r6, "init", other, NULL);
  run (&r7, "service", "import", other, json, NULL);
  g_assert_cmpint (r7.status, ==, 0);
  g_assert_nonnull (strstr (r7.out, "Imported "));
  {
    g_auto(Run) a = { 0 }, b = { 0 };

    run (&a, "service", "list", db, NULL);
    run (&b, "service", "list", other, NULL);
    guint lines_a = 0, lines_b = 0;

    for (const char *c = a.out; *c; c++)
      lines_a += *c == '\n';
    for (const char *c = b.out; *c; c++)
      lines_b += *c == '\n';
    g_assert_cmpuint (lines_a, >, 20);
    g_assert_cmpuint (lines_a, ==, lines_b);
  }

  g_assert_true (g_file_set_contents (area, "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": "
    "\"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": "
    "[[[18.29, 47.64], [18.34, 47.64], [18.34, 47.67], [18.29, 47.67], [18.29, 47.64]]]}}]}", -1, NULL));
  run (&r8, "service", "area", db, "1", "--file", area, "--name", "Belváros", NULL);
  g_assert_cmpint (r8.status, ==, 0);
  g_assert_nonnull (strstr (r8.out, "Belváros"));

  run (&r9, "survey", "add", db, "--service", "1", "--on", "2025-06-01", "5", "4", "5", "3", "igen", "", NULL);
  g_assert_cmpint (r9.status, ==, 0);
  run (&r10, "survey", "add", db, "--service", "1", "--on", "2025-06-01", "9", NULL);
  expect_user_error (&r10, "1 to 5");
  run (&r11, "survey", "results", db, "--service", "1", "--format", "json", NULL);
  g_assert_cmpint (r11.status, ==, 0);
  g_assert_nonnull (strstr (r11.out, "\"k\" : 5"));
  /* A place the service is not offered at is refused; a place needs its service. */
  run (&r13, "survey", "add", db, "--service", "1", "--location", "999999", "--on", "2025-06-01", "5", NULL);
  expect_user_error (&r13, "not offered at location 999999");
  run (&r14, "survey", "results", db, "--location", "1", NULL);
  expect_user_error (&r14, "--location needs --service");
  run (&r12, "calendar", db, "--year", "2026", NULL);
  g_assert_nonnull (strstr (r12.out, "2026-04-03  off"));
  g_assert_nonnull (strstr (r12.out, "2026-05-25  off"));
}

int
main (int    argc,
      char **argv)
{
  g_auto(Run) demo = { 0 };
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli = argv[1];
  tmpdir = sm_test_make_dir ("sm-cli");
  demo_db = g_build_filename (tmpdir, "demo.db", NULL);

  run (&demo, "demo", demo_db, "--cases", "1500", "--seed", "5", "--until", "2025-06-30", NULL);
  g_assert_cmpint (demo.status, ==, 0);

  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/init", test_init);
  g_test_add_func ("/cli/demo-stats-query", test_demo_stats_query);
  g_test_add_func ("/cli/query-matches-core", test_query_matches_core);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/import-boundaries", test_import_boundaries);
  g_test_add_func ("/cli/hungarian", test_hungarian);
  g_test_add_func ("/cli/import-osm-render-tile", test_import_osm_render_tile);
  g_test_add_func ("/cli/geocode", test_geocode);
  g_test_add_func ("/cli/import-export", test_import_export);
  g_test_add_func ("/cli/hotspots-density", test_hotspots_density);
  g_test_add_func ("/cli/hotspots-scan", test_hotspots_scan);
  g_test_add_func ("/cli/signals", test_signals);
  g_test_add_func ("/cli/casework", test_casework);
  g_test_add_func ("/cli/referrals", test_referrals);
  g_test_add_func ("/cli/network", test_network);
  g_test_add_func ("/cli/areas", test_areas);
  g_test_add_func ("/cli/text-boundaries", test_text_boundaries);
  status = g_test_run ();

  sm_test_remove_dir (tmpdir);
  return status;
}
