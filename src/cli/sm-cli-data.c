#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"

int
cmd_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — create an empty database"));
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  int status;

  if ((status = sm_cli_parse (context, NULL, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return sm_cli_usage_error (_("“%s” already exists"), argv[1]);
  store = sm_cli_open (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  g_print (_("Created %s (schema version %d)\n"), argv[1], sm_store_get_schema_version (store));
  return EXIT_OK;
}


int
cmd_demo (int    argc,
          char **argv)
{
  int cases = -1, seed = SM_DEMO_DEFAULT_SEED, services = SM_DEMO_DEFAULT_SERVICES;
  g_autofree char *until = NULL, *town = NULL;
  GOptionEntry entries[] = {
    { "town", 0, 0, G_OPTION_ARG_STRING, &town,
      N_("tata (default: the Hungarian town, no streets) or liechtenstein (the bundled extract's streets and addresses)"),
      "TOWN" },
    { "cases", 'n', 0, G_OPTION_ARG_INT, &cases,
      N_("Number of synthetic households (default 1000 in Tata, 300 in Liechtenstein)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same town"), "S" },
    { "services", 0, 0, G_OPTION_ARG_INT, &services,
      N_("Synthetic services besides the real providers (default 30)"), "N" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last day of the synthetic history (default: today)"), "DATE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — create a synthetic demo town (Tata, or Liechtenstein with streets)"));
  g_autoptr(SmStore) store = NULL;
  gboolean existed;
  GError *error = NULL;
  SmDemoOptions options;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (town != NULL && !g_str_equal (town, "tata") && !g_str_equal (town, "liechtenstein"))
    return sm_cli_usage_error (_("“%s” is not a demo town; use tata or liechtenstein"), town);
  if (cases == -1)
    cases = town != NULL && g_str_equal (town, "liechtenstein") ? 300 : SM_DEMO_DEFAULT_HOUSEHOLDS;
  if (cases < 1 || cases > 10000000)
    return sm_cli_usage_error (_("--cases must be between 1 and 10000000, not %d"), cases);
  if (services < 1 || services > 100000)
    return sm_cli_usage_error (_("--services must be between 1 and 100000, not %d"), services);
  if (until != NULL)
    {
      GDate d;
      if (!sm_date_parse_iso (until, &d, &error))
        return sm_cli_fail (error);
    }

  existed = g_file_test (argv[1], G_FILE_TEST_EXISTS);
  store = sm_cli_open (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);

  options = (SmDemoOptions) { .n_households = cases, .seed = (guint32) seed, .until = until,
                              .n_services = (guint) services };
  if (!(town != NULL && g_str_equal (town, "liechtenstein")
        ? sm_demo_generate_liechtenstein (store, &options, isatty (2) ? sm_cli_print_progress : NULL,
                                          _("Generating"), &error)
        : sm_demo_generate (store, &options, isatty (2) ? sm_cli_print_progress : NULL, _("Generating"),
                            &error)))
    {
      g_clear_object (&store);
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (argv[1], "-wal", NULL);
          g_autofree char *shm = g_strconcat (argv[1], "-shm", NULL);
          g_unlink (wal);
          g_unlink (shm);
          g_unlink (argv[1]);
        }
      return sm_cli_fail (error);
    }
  if (isatty (2))
    g_printerr ("\n");
  g_print (_("Created the demo town in %s: %d synthetic households (seed %d)\n"),
           argv[1], cases, seed);
  return EXIT_OK;
}


int
cmd_import_boundaries (int    argc,
                       char **argv)
{
  g_autofree char *layer = NULL, *level = NULL, *name_field = NULL, *code_field = NULL;
  g_autofree char *population_field = NULL;
  gboolean repair = FALSE;
  GOptionEntry entries[] = {
    { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("Layer to import (default: the first)"), "L" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Level of every area: country, region, county, jaras, settlement, settlement_part, district, other"), "LEVEL" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field, N_("Field holding the names"), "FIELD" },
    { "code-field", 0, 0, G_OPTION_ARG_STRING, &code_field, N_("Field holding the KSH codes"), "FIELD" },
    { "population-field", 0, 0, G_OPTION_ARG_STRING, &population_field, N_("Field holding the population"), "FIELD" },
    { "repair", 0, 0, G_OPTION_ARG_NONE, &repair, N_("Make invalid outlines valid instead of refusing the file"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB FILE — import areas from GeoJSON, GeoPackage, Shapefile, …"));
  SmBoundaryImportOptions options;
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  guint n = 0;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  options = (SmBoundaryImportOptions) { .layer = layer, .level = level, .name_field = name_field,
                                        .code_field = code_field,
                                        .population_field = population_field, .repair = repair };
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_boundary_import (store, argv[2], &options, &n, &error))
    return sm_cli_fail (error);
  g_print (ngettext ("Imported %u boundary from %s\n", "Imported %u boundaries from %s\n", n),
           n, argv[2]);
  return EXIT_OK;
}


int
cmd_import_osm (int    argc,
                char **argv)
{
  g_autofree char *clip_arg = NULL;
  GOptionEntry entries[] = {
    { "clip", 0, 0, G_OPTION_ARG_STRING, &clip_arg, N_("Keep only what touches this area: the name of an imported boundary, or a vector file"), "BOUNDARY" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB FILE — import an OpenStreetMap extract (.osm.pbf or .osm) as the basemap"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmShape) clip = NULL;
  g_auto(SmCliJob) job = { 0 };
  SmBasemapImportStats stats;
  GError *error = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if (clip_arg != NULL)
    {
      clip = g_file_test (clip_arg, G_FILE_TEST_EXISTS)
               ? sm_shape_load_file (clip_arg, &error)
               : sm_boundary_get_shape (store, clip_arg, NULL, &error);
      if (clip == NULL)
        return sm_cli_fail (error);
    }
  sm_cli_job_init (&job);
  sm_basemap_import_osm_async (argv[1], argv[2], g_steal_pointer (&clip), sm_cli_show_progress,
                               &job.said_waiting, job.cancellable, sm_cli_job_done_cb, &job);
  sm_cli_job_wait (&job);
  if (!sm_basemap_import_osm_finish (job.result, &stats, &error))
    return sm_cli_fail (error);
  g_print (_("Imported %u map features (%u roads, %u buildings) and %u addresses from %s\n"),
           stats.n_features, stats.n_roads, stats.n_buildings, stats.n_addresses, argv[2]);
  return EXIT_OK;
}


int
cmd_render_tile (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB Z X Y OUT.png — draw one basemap tile"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmTileRenderer) renderer = NULL;
  g_autoptr(GBytes) png = NULL;
  GError *error = NULL;
  int status, z, x, y;

  if ((status = sm_cli_parse (context, NULL, &argc, &argv, 5, "DB Z X Y OUT.png")) >= 0)
    return status;
  if (!sm_cli_parse_int (argv[2], "Z", &z, &error) || !sm_cli_parse_int (argv[3], "X", &x, &error) ||
      !sm_cli_parse_int (argv[4], "Y", &y, &error))
    return sm_cli_fail (error);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if (!sm_store_has_basemap (store))
    {
      g_set_error (&error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("“%s” has no basemap; import one with “import-osm”"), argv[1]);
      return sm_cli_fail (error);
    }
  renderer = sm_tile_renderer_new (argv[1], &error);
  if (renderer == NULL)
    return sm_cli_fail (error);
  png = sm_tile_renderer_render_png (renderer, z, x, y, &error);
  if (png == NULL)
    return sm_cli_fail (error);
  if (!g_file_set_contents (argv[5], g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
    return sm_cli_fail (error);
  return EXIT_OK;
}


int
cmd_geocode (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB [ADDRESS…] — find addresses offline; with no address, one per line "
                            "from standard input"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmGeocoder) geocoder = NULL;
  GError *error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return sm_cli_usage_error ("%s", error->message);
  if (argc < 2)
    return sm_cli_usage_error (_("expected %s; see --help"), "DB [ADDRESS…]");
  for (int i = 1; i < argc; i++)
    if (!sm_cli_text_is_valid (argv[i], &error))
      return sm_cli_fail (error);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (geocoder = sm_geocoder_new (store, &error)) == NULL)
    return sm_cli_fail (error);

  if (argc > 2)
    for (int i = 2; i < argc; i++)
      {
        g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (geocoder, argv[i]);
        g_autofree char *json = sm_geocode_result_to_json (r, argv[i]);

        g_print ("%s\n", json);
      }
  else
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
      char *line;
      guint n = 0;

      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
        {
          g_autoptr(SmGeocodeResult) r = NULL;
          g_autofree char *json = NULL;

          n++;
          if (!sm_cli_text_is_valid (line, &error))
            {
              g_prefix_error (&error, _("Line %u: "), n);
              g_free (line);
              return sm_cli_fail (error);
            }
          g_strstrip (line);
          if (*line != '\0')
            {
              r = sm_geocoder_geocode (geocoder, line);
              json = sm_geocode_result_to_json (r, line);
              g_print ("%s\n", json);
            }
          g_free (line);
        }
      if (error != NULL)
        return sm_cli_fail (error);
    }
  return EXIT_OK;
}


static void
print_rejections (SmImportReport *report,
                  const char     *report_path)
{
  g_autoptr(GString) csv = g_string_new ("row,reason\n");

  for (guint i = 0; i < report->rejected->len; i++)
    {
      SmImportRejection *r = g_ptr_array_index (report->rejected, i);
      g_autofree char *quoted = sm_cli_csv_quote (r->reason);

      g_string_append_printf (csv, "%u,%s\n", r->row, quoted);
      if (report_path == NULL)
        g_printerr (_("row %u: %s\n"), r->row, r->reason);
    }
  if (report_path != NULL)
    g_file_set_contents (report_path, csv->str, (gssize) csv->len, NULL);
}


int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *target = NULL, *layer = NULL, *mapping_file = NULL, *crs = NULL;
  g_autofree char *encoding = NULL, *report_path = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean skip = FALSE, no_geocode = FALSE;
  GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, N_("What the rows are: households (default), services, addresses (an address register for the geocoder) or signals"), "households|services|addresses|signals" },
    { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("Layer or sheet to read (default: the first)"), "L" },
    { "map", 'm', 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("Which column holds a field, e.g. address=Lakcím; may be repeated"), "FIELD=COLUMN" },
    { "mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping_file, N_("A file of FIELD=COLUMN lines or a JSON object"), "FILE" },
    { "crs", 0, 0, G_OPTION_ARG_STRING, &crs, N_("Coordinates: auto (default), wgs84 or eov"), "auto|wgs84|eov" },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Text encoding: auto (default), utf-8, cp1250 or iso-8859-2"), "ENC" },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip, N_("Import the good rows when some are bad"), NULL },
    { "no-geocode", 0, 0, G_OPTION_ARG_NONE, &no_geocode, N_("Leave rows without coordinates unplaced"), NULL },
    { "report", 0, 0, G_OPTION_ARG_FILENAME, &report_path, N_("Write every rejected row and why to this CSV file"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB FILE — import households (with people and needs) or services from "
                            "CSV, XLSX, ODS, GeoJSON, GeoPackage, Shapefile, …"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmImportReport) report = NULL;
  g_auto(SmCliJob) job = { 0 };
  g_autoptr(GHashTable) columns = NULL;
  SmImportOptions options = { 0 };
  GError *error = NULL;
  gboolean ok;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  if (target != NULL && !g_str_equal (target, "households") && !g_str_equal (target, "services") &&
      !g_str_equal (target, "addresses") && !g_str_equal (target, "signals"))
    return sm_cli_usage_error (_("unknown target “%s”; use households, services, addresses or signals"),
                               target);
  if (crs != NULL && !g_str_equal (crs, "auto") && !g_str_equal (crs, "wgs84") && !g_str_equal (crs, "eov"))
    return sm_cli_usage_error (_("unknown coordinate system “%s”; use auto, wgs84 or eov"), crs);
  if (mapping_file != NULL)
    {
      g_autofree char *text = NULL;

      if (!g_file_get_contents (mapping_file, &text, NULL, &error) ||
          !sm_import_parse_mapping (text, &columns, &error))
        return sm_cli_fail (error);
    }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autoptr(GHashTable) one = NULL;

      if (!sm_import_parse_mapping (maps[i], &one, &error))
        return sm_cli_fail (error);
      GHashTableIter iter;
      gpointer field, column;

      if (columns == NULL)
        columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, one);
      while (g_hash_table_iter_next (&iter, &field, &column))
        g_hash_table_replace (columns, g_strdup (field), g_strdup (column));
    }
  options = (SmImportOptions) {
    .target = target == NULL ? SM_IMPORT_HOUSEHOLDS
              : g_str_equal (target, "services") ? SM_IMPORT_SERVICES
              : g_str_equal (target, "addresses") ? SM_IMPORT_ADDRESSES
              : g_str_equal (target, "signals") ? SM_IMPORT_SIGNALS : SM_IMPORT_HOUSEHOLDS,
    .layer = layer, .columns = columns,
    .crs = crs == NULL || g_str_equal (crs, "auto") ? SM_IMPORT_CRS_AUTO
           : g_str_equal (crs, "eov") ? SM_IMPORT_CRS_EOV : SM_IMPORT_CRS_WGS84,
    .encoding = encoding, .skip_bad_rows = skip, .no_geocode = no_geocode,
  };
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  sm_cli_job_init (&job);
  sm_import_file_async (argv[1], argv[2], &options, sm_cli_show_progress, &job.said_waiting,
                        job.cancellable, sm_cli_job_done_cb, &job);
  sm_cli_job_wait (&job);
  ok = sm_import_file_finish (job.result, &report, &error);
  if (report != NULL && report->rejected->len > 0)
    print_rejections (report, report_path);
  if (!ok)
    return sm_cli_fail (error);
  if (options.target == SM_IMPORT_ADDRESSES)
    g_print (_("Imported %u addresses into the register from %u rows; %u rows left out\n"),
             report->n_addresses, report->n_rows, report->rejected->len);
  else if (options.target == SM_IMPORT_SIGNALS)
    g_print (_("Imported %u signals from %u rows (%u new households, %u placed by address); %u rows left out\n"),
             report->n_signals, report->n_rows, report->n_households, report->n_geocoded,
             report->rejected->len);
  else if (options.target == SM_IMPORT_SERVICES)
    g_print (_("Imported %u services from %u rows (%u placed by address); %u rows left out\n"),
             report->n_services, report->n_rows, report->n_geocoded, report->rejected->len);
  else
    g_print (_("Imported %u households, %u people and %u needs from %u rows; %u placed by "
               "address, %u to review; %u rows left out\n"),
             report->n_households, report->n_persons, report->n_needs, report->n_rows,
             report->n_geocoded, report->n_review, report->rejected->len);
  return EXIT_OK;
}


int
cmd_export (int    argc,
            char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *kind = NULL, *format = NULL;
  double cell = 0;
  int k = 0;
  gboolean personal = FALSE;
  GOptionEntry own[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("cases (one row per need, exact places and dates; needs --personal-data), cases-coarse (places in grid cells, months), grid (counts per cell) or parts (counts per settlement part)"), "cases|cases-coarse|grid|parts" },
    { "personal-data", 0, 0, G_OPTION_ARG_NONE, &personal, N_("Confirm that the file may hold personal data (the exact cases)"), NULL },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Grid cell side in metres (default 250)"), "M" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Leave out the counts of cells and parts with fewer than K persons (at least 5, the default)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("gpkg, geojson, csv or xlsx (default: by the file name)"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT — write what a filter shows as GeoPackage, GeoJSON, CSV or XLSX"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  SmExportOptions options = { .cell_m = cell, .k = k };
  GError *error = NULL;
  guint n = 0;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 2, "DB OUT")) >= 0)
    return status;
  if (kind == NULL || g_str_equal (kind, "cases"))
    options.kind = SM_EXPORT_CASES;
  else if (g_str_equal (kind, "cases-coarse"))
    options.kind = SM_EXPORT_CASES_COARSE;
  else if (g_str_equal (kind, "grid"))
    options.kind = SM_EXPORT_GRID;
  else if (g_str_equal (kind, "parts"))
    options.kind = SM_EXPORT_PARTS;
  else
    return sm_cli_usage_error (_("unknown kind “%s”; use cases, cases-coarse, grid or parts"), kind);
  options.cell_m = cell;
  options.k = k;
  options.personal = personal;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;
  if (!sm_export (store, filter, argv[2], format, &options, &n, &error))
    return sm_cli_fail (error);
  g_print (ngettext ("Wrote %u row to %s\n", "Wrote %u rows to %s\n", n), n, argv[2]);
  return EXIT_OK;
}
