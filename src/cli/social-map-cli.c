#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "sm-basemap.h"
#include "sm-area-stats.h"
#include "sm-boundary.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-disclosure.h"
#include "sm-error.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-hotspot.h"
#include "sm-import.h"
#include "sm-jobs.h"
#include "sm-query.h"
#include "sm-stats.h"
#include "sm-store.h"
#include "sm-tile-renderer.h"

/* Exit status: 0 success, 1 the user's error, 2 ours. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_INTERNAL = 2 };


typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  run;
} Command;

static int
fail (GError *error)
{
  int status = sm_error_is_user_error (error) ? EXIT_USER : EXIT_INTERNAL;

  g_printerr ("social-map-cli: %s\n", error->message);
  g_error_free (error);
  return status;
}

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("social-map-cli: %s\n", msg);
  return EXIT_USER;
}

/* Parses options; leaves the positional arguments in argv. Returns -1 when
 * the caller may go on, else the exit status. */
static int
parse (GOptionContext     *context,
       const GOptionEntry *entries,
       int                *argc,
       char             ***argv,
       int                 n_positional,
       const char         *names)
{
  g_autoptr(GError) error = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error ("%s", error->message);
  if (*argc - 1 != n_positional)
    return usage_error (_("expected %s; see --help"), names);
  return -1;
}

static void
waiting_cb (SmStore *store)
{
  g_printerr (_("Waiting for another program that is writing to “%s”…\n"),
              sm_store_get_path (store));
}

/* A store that says on stderr, once, when it waits for another writer. */
static SmStore *
cli_open (const char  *path,
          GError     **error)
{
  SmStore *store = sm_store_open (path, error);

  if (store != NULL)
    g_signal_connect (store, "waiting", G_CALLBACK (waiting_cb), NULL);
  return store;
}

static SmStore *
open_existing (const char  *path,
               GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist; create it with “init” or “demo”"), path);
      return NULL;
    }
  return cli_open (path, error);
}

static int
cmd_init (int    argc,
          char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — create an empty database"));
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  int status;

  if ((status = parse (context, NULL, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    return usage_error (_("“%s” already exists"), argv[1]);
  store = cli_open (argv[1], &error);
  if (store == NULL)
    return fail (error);
  g_print (_("Created %s (schema version %d)\n"), argv[1], sm_store_get_schema_version (store));
  return EXIT_OK;
}

static void
print_progress (double   fraction,
                gpointer user_data)
{
  g_printerr ("\r%s %3d %%", (const char *) user_data, (int) (fraction * 100));
}

static int
cmd_demo (int    argc,
          char **argv)
{
  int cases = SM_DEMO_DEFAULT_HOUSEHOLDS, seed = SM_DEMO_DEFAULT_SEED;
  g_autofree char *until = NULL;
  GOptionEntry entries[] = {
    { "cases", 'n', 0, G_OPTION_ARG_INT, &cases, N_("Number of synthetic households (default 1000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same town"), "S" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Last day of the synthetic history (default: today)"), "DATE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — create the synthetic demo town (Tata)"));
  g_autoptr(SmStore) store = NULL;
  gboolean existed;
  GError *error = NULL;
  SmDemoOptions options;
  int status;

  if ((status = parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (cases < 1 || cases > 10000000)
    return usage_error (_("--cases must be between 1 and 10000000, not %d"), cases);
  if (until != NULL)
    {
      GDate d;
      if (!sm_date_parse_iso (until, &d, &error))
        return fail (error);
    }

  existed = g_file_test (argv[1], G_FILE_TEST_EXISTS);
  store = cli_open (argv[1], &error);
  if (store == NULL)
    return fail (error);

  options = (SmDemoOptions) { .n_households = cases, .seed = (guint32) seed, .until = until };
  if (!sm_demo_generate (store, &options, isatty (2) ? print_progress : NULL, _("Generating"),
                         &error))
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
      return fail (error);
    }
  if (isatty (2))
    g_printerr ("\n");
  g_print (_("Created the demo town in %s: %d synthetic households (seed %d)\n"),
           argv[1], cases, seed);
  return EXIT_OK;
}

static int
cmd_import_boundaries (int    argc,
                       char **argv)
{
  g_autofree char *layer = NULL, *level = NULL, *name_field = NULL, *code_field = NULL;
  g_autofree char *population_field = NULL;
  GOptionEntry entries[] = {
    { "layer", 'l', 0, G_OPTION_ARG_STRING, &layer, N_("Layer to import (default: the first)"), "L" },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Level of every area: country, region, county, jaras, settlement, settlement_part, district, other"), "LEVEL" },
    { "name-field", 0, 0, G_OPTION_ARG_STRING, &name_field, N_("Field holding the names"), "FIELD" },
    { "code-field", 0, 0, G_OPTION_ARG_STRING, &code_field, N_("Field holding the KSH codes"), "FIELD" },
    { "population-field", 0, 0, G_OPTION_ARG_STRING, &population_field, N_("Field holding the population"), "FIELD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB FILE — import areas from GeoJSON, GeoPackage, Shapefile, …"));
  SmBoundaryImportOptions options;
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  guint n = 0;
  int status;

  if ((status = parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  options = (SmBoundaryImportOptions) { .layer = layer, .level = level, .name_field = name_field,
                                        .code_field = code_field,
                                        .population_field = population_field };
  store = open_existing (argv[1], &error);
  if (store == NULL || !sm_boundary_import (store, argv[2], &options, &n, &error))
    return fail (error);
  g_print (ngettext ("Imported %u boundary from %s\n", "Imported %u boundaries from %s\n", n),
           n, argv[2]);
  return EXIT_OK;
}

static void
show_progress (double   fraction,
               gpointer user_data)
{
  gboolean *said_waiting = user_data;

  if (fraction == SM_PROGRESS_WAITING)
    {
      if (!*said_waiting)
        g_printerr (_("Waiting for another program that is writing to the database…\n"));
      *said_waiting = TRUE;
    }
  else if (isatty (STDERR_FILENO))
    g_printerr ("\r%3d %%", (int) (fraction * 100));
}

/* A job of sm-jobs.h run to its end; Ctrl+C cancels it. */
typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
  GCancellable *cancellable;
  gboolean      said_waiting;
} Job;

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Job *job = data;

  job->result = g_object_ref (result);
  g_main_loop_quit (job->loop);
}

static gboolean
interrupt_cb (gpointer data)
{
  Job *job = data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}

static void
job_init (Job *job)
{
  job->loop = g_main_loop_new (NULL, FALSE);
  job->cancellable = g_cancellable_new ();
}

static void
job_wait (Job *job)
{
  guint interrupt = g_unix_signal_add (SIGINT, interrupt_cb, job);

  g_main_loop_run (job->loop);
  g_source_remove (interrupt);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");
}

static void
job_clear (Job *job)
{
  g_clear_object (&job->result);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->loop, g_main_loop_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Job, job_clear)

static int
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
  g_auto(Job) job = { 0 };
  SmBasemapImportStats stats;
  GError *error = NULL;
  int status;

  if ((status = parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if (clip_arg != NULL)
    {
      clip = g_file_test (clip_arg, G_FILE_TEST_EXISTS)
               ? sm_shape_load_file (clip_arg, &error)
               : sm_boundary_get_shape (store, clip_arg, NULL, &error);
      if (clip == NULL)
        return fail (error);
    }
  job_init (&job);
  sm_basemap_import_osm_async (argv[1], argv[2], g_steal_pointer (&clip), show_progress,
                               &job.said_waiting, job.cancellable, job_done_cb, &job);
  job_wait (&job);
  if (!sm_basemap_import_osm_finish (job.result, &stats, &error))
    return fail (error);
  g_print (_("Imported %u map features (%u roads, %u buildings) and %u addresses from %s\n"),
           stats.n_features, stats.n_roads, stats.n_buildings, stats.n_addresses, argv[2]);
  return EXIT_OK;
}

static gboolean
parse_int (const char  *text,
           const char  *what,
           int         *out,
           GError     **error)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("%s must be a whole number of at least 0, not “%s”"), what, text);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

static int
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

  if ((status = parse (context, NULL, &argc, &argv, 5, "DB Z X Y OUT.png")) >= 0)
    return status;
  if (!parse_int (argv[2], "Z", &z, &error) || !parse_int (argv[3], "X", &x, &error) ||
      !parse_int (argv[4], "Y", &y, &error))
    return fail (error);
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if (!sm_store_has_basemap (store))
    {
      g_set_error (&error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("“%s” has no basemap; import one with “import-osm”"), argv[1]);
      return fail (error);
    }
  renderer = sm_tile_renderer_new (argv[1], &error);
  if (renderer == NULL)
    return fail (error);
  png = sm_tile_renderer_render_png (renderer, z, x, y, &error);
  if (png == NULL)
    return fail (error);
  if (!g_file_set_contents (argv[5], g_bytes_get_data (png, NULL), g_bytes_get_size (png), &error))
    return fail (error);
  return EXIT_OK;
}

static int
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
    return usage_error ("%s", error->message);
  if (argc < 2)
    return usage_error (_("expected %s; see --help"), "DB [ADDRESS…]");
  store = open_existing (argv[1], &error);
  if (store == NULL || (geocoder = sm_geocoder_new (store, &error)) == NULL)
    return fail (error);

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

      while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
        {
          g_autoptr(SmGeocodeResult) r = NULL;
          g_autofree char *json = NULL;

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
        return fail (error);
    }
  return EXIT_OK;
}

static char *csv_quote (const char *text);

static void
print_rejections (SmImportReport *report,
                  const char     *report_path)
{
  g_autoptr(GString) csv = g_string_new ("row,reason\n");

  for (guint i = 0; i < report->rejected->len; i++)
    {
      SmImportRejection *r = g_ptr_array_index (report->rejected, i);
      g_autofree char *quoted = csv_quote (r->reason);

      g_string_append_printf (csv, "%u,%s\n", r->row, quoted);
      if (report_path == NULL)
        g_printerr (_("row %u: %s\n"), r->row, r->reason);
    }
  if (report_path != NULL)
    g_file_set_contents (report_path, csv->str, (gssize) csv->len, NULL);
}

static int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *target = NULL, *layer = NULL, *mapping_file = NULL, *crs = NULL;
  g_autofree char *encoding = NULL, *report_path = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean skip = FALSE, no_geocode = FALSE;
  GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target, N_("What the rows are: households (default), services, or addresses (an address register for the geocoder)"), "households|services|addresses" },
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
  g_auto(Job) job = { 0 };
  g_autoptr(GHashTable) columns = NULL;
  SmImportOptions options = { 0 };
  GError *error = NULL;
  gboolean ok;
  int status;

  if ((status = parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  if (target != NULL && !g_str_equal (target, "households") && !g_str_equal (target, "services") &&
      !g_str_equal (target, "addresses"))
    return usage_error (_("unknown target “%s”; use households, services or addresses"), target);
  if (crs != NULL && !g_str_equal (crs, "auto") && !g_str_equal (crs, "wgs84") && !g_str_equal (crs, "eov"))
    return usage_error (_("unknown coordinate system “%s”; use auto, wgs84 or eov"), crs);
  if (mapping_file != NULL)
    {
      g_autofree char *text = NULL;

      if (!g_file_get_contents (mapping_file, &text, NULL, &error) ||
          !sm_import_parse_mapping (text, &columns, &error))
        return fail (error);
    }
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autoptr(GHashTable) one = NULL;

      if (!sm_import_parse_mapping (maps[i], &one, &error))
        return fail (error);
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
              : g_str_equal (target, "addresses") ? SM_IMPORT_ADDRESSES : SM_IMPORT_HOUSEHOLDS,
    .layer = layer, .columns = columns,
    .crs = crs == NULL || g_str_equal (crs, "auto") ? SM_IMPORT_CRS_AUTO
           : g_str_equal (crs, "eov") ? SM_IMPORT_CRS_EOV : SM_IMPORT_CRS_WGS84,
    .encoding = encoding, .skip_bad_rows = skip, .no_geocode = no_geocode,
  };
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  job_init (&job);
  sm_import_file_async (argv[1], argv[2], &options, show_progress, &job.said_waiting,
                        job.cancellable, job_done_cb, &job);
  job_wait (&job);
  ok = sm_import_file_finish (job.result, &report, &error);
  if (report != NULL && report->rejected->len > 0)
    print_rejections (report, report_path);
  if (!ok)
    return fail (error);
  if (options.target == SM_IMPORT_ADDRESSES)
    g_print (_("Imported %u addresses into the register from %u rows; %u rows left out\n"),
             report->n_addresses, report->n_rows, report->rejected->len);
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

/* An optional --at: NULL when absent, so the core takes today. */
static gboolean
parse_day_option (const char   *text,
                  GDate        *storage,
                  GDate       **out,
                  GError      **error)
{
  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (!sm_date_parse_iso (text, storage, error))
    return FALSE;
  *out = storage;
  return TRUE;
}

/* The disclosure states of a table's rows: their households and needs add
 * up to totals printed beside them. */
static SmDisclosureState *
protect_rows (SmDisclosure *disclosure,
              GPtrArray    *rows)
{
  g_autofree SmDisclosureCell *cells = g_new0 (SmDisclosureCell, MAX (rows->len, 1));
  SmDisclosureState *states = g_new0 (SmDisclosureState, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);

      cells[i].households = row->households;
      cells[i].persons = -1;
      cells[i].needs = row->needs;
    }
  sm_disclosure_protect (disclosure, cells, rows->len);
  for (guint i = 0; i < rows->len; i++)
    states[i] = cells[i].state;
  return states;
}

static const char *
suppression_name (SmDisclosureState state)
{
  return state == SM_DISCLOSURE_SMALL ? "small"
       : state == SM_DISCLOSURE_COMPLEMENTARY ? "complementary" : NULL;
}

static void
add_rows_json (JsonBuilder  *b,
               const char   *member,
               GPtrArray    *rows,
               SmDisclosure *disclosure)
{
  g_autofree SmDisclosureState *states = protect_rows (disclosure, rows);

  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);
      gboolean hide = states[i] != SM_DISCLOSURE_SHOWN;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, row->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, row->label);
      json_builder_set_member_name (b, "open_needs");
      if (hide)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, row->needs);
      json_builder_set_member_name (b, "households");
      if (hide)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, row->households);
      json_builder_set_member_name (b, "suppressed");
      json_builder_add_boolean_value (b, hide);
      if (hide)
        {
          json_builder_set_member_name (b, "suppression");
          json_builder_add_string_value (b, suppression_name (states[i]));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
print_rows (const char   *title,
            GPtrArray    *rows,
            SmDisclosure *disclosure)
{
  g_autofree SmDisclosureState *states = protect_rows (disclosure, rows);

  g_print ("\n%s\n", title);
  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);
      g_autofree char *needs = sm_disclosure_format_count (disclosure, row->needs, states[i]);
      g_autofree char *households = sm_disclosure_format_count (disclosure, row->households, states[i]);

      /* Pad by characters, not bytes: the labels are Hungarian. */
      int pad = 40 - (int) g_utf8_strlen (row->label, -1);

      g_print ("  %s%*s %8s %8s\n", row->label, MAX (pad, 0), "", needs, households);
    }
}

static char *
print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static int
cmd_stats (int    argc,
           char **argv)
{
  g_autofree char *at = NULL, *format = NULL;
  g_autoptr(SmDisclosure) disclosure = NULL;
  int k = 0;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Count what was open on this day (default: today)"), "DATE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of fewer than K households (at least 5)"), "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — open needs by category, severity and settlement part"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmStats) stats = NULL;
  GError *error = NULL;
  GDate day, *as_of;
  int status;

  if ((status = parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error) || !parse_day_option (at, &day, &as_of, &error))
    return fail (error);
  disclosure = sm_disclosure_new (k);
  k = sm_disclosure_get_k (disclosure);

  store = open_existing (argv[1], &error);
  if (store == NULL || (stats = sm_stats_compute (store, as_of, sm_locale_is_hungarian (), &error)) == NULL)
    return fail (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "as_of");
      json_builder_add_string_value (b, stats->as_of);
      json_builder_set_member_name (b, "k");
      json_builder_add_int_value (b, k);
      json_builder_set_member_name (b, "households");
      json_builder_add_int_value (b, stats->households_total);
      json_builder_set_member_name (b, "persons");
      json_builder_add_int_value (b, stats->persons_total);
      json_builder_set_member_name (b, "open_needs");
      json_builder_add_int_value (b, stats->open_needs);
      json_builder_set_member_name (b, "households_with_open_needs");
      json_builder_add_int_value (b, stats->households_with_needs);
      add_rows_json (b, "by_category", stats->by_category, disclosure);
      add_rows_json (b, "by_severity", stats->by_severity, disclosure);
      add_rows_json (b, "by_settlement_part", stats->by_part, disclosure);
      json_builder_end_object (b);
      text = print_json (b);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  g_print (_("Open needs on %s\n"), stats->as_of);
  g_print (_("Households: %lld, persons: %lld\n"),
           (long long) stats->households_total, (long long) stats->persons_total);
  g_print (_("Open needs: %lld in %lld households\n"),
           (long long) stats->open_needs, (long long) stats->households_with_needs);
  g_print ("\n  %-40s %8s %8s", "", _("needs"), _("househ."));
  print_rows (_("By category"), stats->by_category, disclosure);
  print_rows (_("By severity"), stats->by_severity, disclosure);
  print_rows (_("By settlement part"), stats->by_part, disclosure);
  g_print ("\n");
  g_print (_("Counts of fewer than %d households are shown as <%d; x hides a count that would "
             "give a small one away.\n"), k, k);
  return EXIT_OK;
}

static char *
csv_quote (const char *text)
{
  g_autoptr(GString) s = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (strpbrk (text, ",\"\n\r") == NULL)
    return g_strdup (text);
  s = g_string_new ("\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* The filter options query and export share: what the map's filter holds. */
typedef struct {
  char     *bbox;
  char     *at;
  char     *since;
  char     *need_status;
  char     *settlement_part;
  char    **categories;
  char    **age_groups;
  gboolean  lives_alone;
  gboolean  alarm;
  gboolean  no_alarm;
  int       severity;
} FilterArgs;

static void
filter_args_clear (FilterArgs *a)
{
  g_free (a->bbox);
  g_free (a->at);
  g_free (a->since);
  g_free (a->need_status);
  g_free (a->settlement_part);
  g_strfreev (a->categories);
  g_strfreev (a->age_groups);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilterArgs, filter_args_clear)

/* @entries: the command's own, ending with { NULL } */
static GArray *
with_filter_entries (FilterArgs         *a,
                     const GOptionEntry *entries)
{
  const GOptionEntry filter_entries[] = {
    { "bbox", 'b', 0, G_OPTION_ARG_STRING, &a->bbox, N_("Only inside west,south,east,north (degrees)"), "W,S,E,N" },
    { "category", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &a->categories, N_("Only needs of this category (code or name); may be repeated"), "C" },
    { "severity", 0, 0, G_OPTION_ARG_INT, &a->severity, N_("Only needs at least this severe (1–3)"), "N" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &a->at, N_("Needs open on this day (default: today)"), "DATE" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &a->since, N_("Only needs assessed on or after this day (the time slider's window)"), "DATE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &a->need_status, N_("Needs open on the day, resolved by it, or any (default: open)"), "open|resolved|any" },
    { "age-group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->age_groups, N_("Only households with a person of this age on the day; may be repeated"), "child|adult|elderly" },
    { "lives-alone", 0, 0, G_OPTION_ARG_NONE, &a->lives_alone, N_("Only households with an elderly person assessed as living alone"), NULL },
    { "alarm-device", 0, 0, G_OPTION_ARG_NONE, &a->alarm, N_("Only households with an elderly person who has an alarm device"), NULL },
    { "no-alarm-device", 0, 0, G_OPTION_ARG_NONE, &a->no_alarm, N_("Only households with an elderly person who has no alarm device"), NULL },
    { "settlement-part", 0, 0, G_OPTION_ARG_STRING, &a->settlement_part, N_("Only households in this settlement part"), "NAME" },
  };
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  a->severity = 1;
  g_array_append_vals (all, filter_entries, G_N_ELEMENTS (filter_entries));
  for (guint i = 0; entries[i].long_name != NULL; i++)
    g_array_append_val (all, entries[i]);
  return all;
}

/* Sets @filter from the options, or says what is wrong. Returns -1 or the
 * exit status. */
static int
apply_filter_args (const FilterArgs *a,
                   SmStore          *store,
                   SmFilter         *filter)
{
  SmAgeGroups groups = 0;
  GError *error = NULL;
  GDate day, *as_of;

  if (a->severity < 1 || a->severity > 3)
    return usage_error (_("--severity must be 1, 2 or 3, not %d"), a->severity);
  if (a->alarm && a->no_alarm)
    return usage_error (_("--alarm-device and --no-alarm-device exclude each other"));
  if (!parse_day_option (a->at, &day, &as_of, &error) ||
      (a->bbox != NULL && !sm_filter_parse_bbox (filter, a->bbox, &error)) ||
      (a->need_status != NULL && !sm_filter_parse_status (filter, a->need_status, &error)))
    return fail (error);
  for (guint i = 0; a->age_groups != NULL && a->age_groups[i] != NULL; i++)
    {
      SmAgeGroups group;

      if (!sm_filter_parse_age_group (a->age_groups[i], &group, &error))
        return fail (error);
      groups |= group;
    }
  for (guint i = 0; a->categories != NULL && a->categories[i] != NULL; i++)
    {
      gint64 id = sm_store_lookup_category (store, a->categories[i], &error);

      if (id == 0)
        return fail (error);
      sm_filter_add_category (filter, id);
    }
  sm_filter_set_age_groups (filter, groups);
  sm_filter_set_elderly_flags (filter, (a->lives_alone ? SM_ELDERLY_LIVES_ALONE : 0) |
                                       (a->alarm ? SM_ELDERLY_ALARM_DEVICE : 0) |
                                       (a->no_alarm ? SM_ELDERLY_NO_ALARM : 0));
  sm_filter_set_settlement_part (filter, a->settlement_part);
  sm_filter_set_min_severity (filter, a->severity);
  sm_filter_set_as_of (filter, as_of);
  if (a->since != NULL)
    {
      GDate since;

      if (!sm_date_parse_any (a->since, &since, &error))
        return fail (error);
      sm_filter_set_since (filter, &since);
    }
  return -1;
}

static int
cmd_query (int    argc,
           char **argv)
{
  g_auto(FilterArgs) args = { 0 };
  g_autofree char *format = NULL;
  GOptionEntry own[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — the households the map shows for a filter"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  gboolean json;
  GError *error = NULL;
  int status;

  if ((status = parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return usage_error (_("unknown format “%s”; use csv or json"), format);
  json = format != NULL && g_str_equal (format, "json");
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((status = apply_filter_args (&args, store, filter)) >= 0)
    return status;

  hits = sm_store_query (store, filter, &error);
  if (hits == NULL)
    return fail (error);

  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else
    g_print ("household_id,lat,lon,address,settlement_part,main_category,max_severity,open_needs\n");

  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      const SmCategory *cat = sm_store_get_category (store, hit->main_category);
      SmHousehold h;

      if (!sm_store_get_household (store, hit->household_id, &h, &error))
        return fail (error);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "household_id");
          json_builder_add_int_value (b, hit->household_id);
          json_builder_set_member_name (b, "lat");
          json_builder_add_double_value (b, hit->lat);
          json_builder_set_member_name (b, "lon");
          json_builder_add_double_value (b, hit->lon);
          json_builder_set_member_name (b, "address");
          json_builder_add_string_value (b, h.address_raw);
          json_builder_set_member_name (b, "settlement_part");
          json_builder_add_string_value (b, h.settlement_part);
          json_builder_set_member_name (b, "main_category");
          json_builder_add_string_value (b, cat ? cat->code : NULL);
          json_builder_set_member_name (b, "max_severity");
          json_builder_add_int_value (b, hit->max_severity);
          json_builder_set_member_name (b, "open_needs");
          json_builder_add_int_value (b, hit->n_needs);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *address = csv_quote (h.address_raw);
          g_autofree char *part = csv_quote (h.settlement_part);
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

          g_print ("%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%d,%d\n", hit->household_id,
                   g_ascii_formatd (lat, sizeof lat, "%.7f", hit->lat),
                   g_ascii_formatd (lon, sizeof lon, "%.7f", hit->lon),
                   address, part, cat ? cat->code : "", hit->max_severity, hit->n_needs);
        }
      sm_household_clear (&h);
    }

  if (json)
    {
      g_autofree char *text = NULL;
      json_builder_end_array (b);
      text = print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

static int
cmd_export (int    argc,
            char **argv)
{
  g_auto(FilterArgs) args = { 0 };
  g_autofree char *kind = NULL, *format = NULL;
  double cell = 0;
  int k = 0;
  GOptionEntry own[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("cases (one row per need, exact places; default), grid (counts per cell) or parts (counts per settlement part)"), "cases|grid|parts" },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Grid cell side in metres (default 250)"), "M" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Leave out the counts of cells and parts with fewer than K persons (at least 5, the default)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("gpkg, geojson, csv or xlsx (default: by the file name)"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT — write what a filter shows as GeoPackage, GeoJSON, CSV or XLSX"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  SmExportOptions options = { .cell_m = cell, .k = k };
  GError *error = NULL;
  guint n = 0;
  int status;

  if ((status = parse (context, (GOptionEntry *) entries->data, &argc, &argv, 2, "DB OUT")) >= 0)
    return status;
  if (kind == NULL || g_str_equal (kind, "cases"))
    options.kind = SM_EXPORT_CASES;
  else if (g_str_equal (kind, "grid"))
    options.kind = SM_EXPORT_GRID;
  else if (g_str_equal (kind, "parts"))
    options.kind = SM_EXPORT_PARTS;
  else
    return usage_error (_("unknown kind “%s”; use cases, grid or parts"), kind);
  options.cell_m = cell;
  options.k = k;
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((status = apply_filter_args (&args, store, filter)) >= 0)
    return status;
  if (!sm_export (store, filter, argv[2], format, &options, &n, &error))
    return fail (error);
  g_print (ngettext ("Wrote %u row to %s\n", "Wrote %u rows to %s\n", n), n, argv[2]);
  return EXIT_OK;
}

static gboolean
parse_weight (const char     *text,
              SmPointWeight  *out,
              GError        **error)
{
  if (text == NULL || g_str_equal (text, "none"))
    *out = SM_WEIGHT_NONE;
  else if (g_str_equal (text, "severity"))
    *out = SM_WEIGHT_SEVERITY;
  else if (g_str_equal (text, "persons"))
    *out = SM_WEIGHT_PERSONS;
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a weight; use none, severity or persons"), text);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_density (int    argc,
             char **argv)
{
  g_auto(FilterArgs) args = { 0 };
  g_autofree char *kernel_name = NULL, *weight_name = NULL;
  double bandwidth = 300, cell = 25;
  GOptionEntry own[] = {
    { "bandwidth", 0, 0, G_OPTION_ARG_DOUBLE, &bandwidth, N_("Kernel radius in metres (default 300)"), "M" },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Raster cell in metres (default 25)"), "M" },
    { "kernel", 0, 0, G_OPTION_ARG_STRING, &kernel_name, N_("quartic (default), epanechnikov, triangular or uniform"), "K" },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight_name, N_("Weight households by none (default), severity or persons"), "W" },
    { NULL }
  };
  g_autoptr(GArray) entries = with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT.tif — kernel density of what a filter shows, per km², as GeoTIFF"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmHotspotInput) input = NULL;
  g_autoptr(SmGrid) grid = NULL;
  SmKernel kernel = SM_KERNEL_QUARTIC;
  SmPointWeight weight;
  GError *error = NULL;
  double peak = 0;
  int status;

  if ((status = parse (context, (GOptionEntry *) entries->data, &argc, &argv, 2, "DB OUT.tif")) >= 0)
    return status;
  if (bandwidth < 10 || bandwidth > 20000 || cell < 1 || cell > bandwidth)
    return usage_error (_("--bandwidth must be 10 to 20000 m and --cell 1 m up to the bandwidth"));
  if ((kernel_name != NULL && !sm_kernel_parse (kernel_name, &kernel, &error)) ||
      !parse_weight (weight_name, &weight, &error))
    return fail (error);
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((status = apply_filter_args (&args, store, filter)) >= 0)
    return status;
  input = sm_hotspot_input_new (store, filter, weight, &error);
  if (input == NULL)
    return fail (error);
  grid = sm_density (input, kernel, bandwidth, cell, 4000);
  if (!sm_grid_write_geotiff (grid, input, argv[2], &error))
    return fail (error);
  for (int i = 0; i < grid->width * grid->height; i++)
    peak = MAX (peak, grid->values[i]);
  g_print (_("Wrote a %d × %d raster of %.0f m cells to %s; highest density %.1f per km²\n"),
           grid->width, grid->height, grid->cell, argv[2], peak);
  return EXIT_OK;
}

static gboolean
parse_correction (const char    *text,
                  SmCorrection  *out,
                  GError       **error)
{
  if (text == NULL || g_str_equal (text, "none"))
    *out = SM_CORRECTION_NONE;
  else if (g_str_equal (text, "fdr"))
    *out = SM_CORRECTION_FDR;
  else if (g_str_equal (text, "bonferroni"))
    *out = SM_CORRECTION_BONFERRONI;
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a correction; use none, fdr or bonferroni"), text);
      return FALSE;
    }
  return TRUE;
}

static int
cmd_hotspots (int    argc,
              char **argv)
{
  g_auto(FilterArgs) args = { 0 };
  g_autofree char *correction_name = NULL, *weight_name = NULL, *compare = NULL, *format = NULL;
  double cell = 250;
  int permutations = 999, seed = 1, band = 1, k = 0;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autofree SmDisclosureCell *part_cells = NULL;
  GOptionEntry own[] = {
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Grid cell in metres (default 250)"), "M" },
    { "band", 0, 0, G_OPTION_ARG_INT, &band, N_("Neighbours within this many cells (default 1: the eight around)"), "N" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &permutations, N_("Permutations for the pseudo p-values (default 999)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same p-values"), "S" },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction_name, N_("Multiple testing: none (default), fdr or bonferroni"), "C" },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight_name, N_("Count households (none, default), severity or persons"), "W" },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare, N_("Show each hotspot's change since this day"), "DATE" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of fewer than K households (at least 5)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — significant hotspots (Getis-Ord Gi*) and rates per settlement part"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GPtrArray) hotspots = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmHotspotOptions options = { 0 };
  GError *error = NULL;
  gboolean json = format != NULL && g_str_equal (format, "json");
  gboolean hungarian = sm_locale_is_hungarian ();
  GDate before;
  int status;

  if ((status = parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error))
    return fail (error);
  disclosure = sm_disclosure_new (k);
  if (permutations < 0 || permutations > 99999 || band < 1 || band > 10 || cell < 25 || cell > 5000)
    return usage_error (_("--permutations must be 0 to 99999, --band 1 to 10 and --cell 25 to 5000 m"));
  options = (SmHotspotOptions) { .cell_m = cell, .band_cells = band, .permutations = permutations,
                                 .seed = (guint32) seed };
  if (!parse_correction (correction_name, &options.correction, &error) ||
      !parse_weight (weight_name, &options.weight, &error) ||
      (compare != NULL && !sm_date_parse_any (compare, &before, &error)))
    return fail (error);
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((status = apply_filter_args (&args, store, filter)) >= 0)
    return status;
  hotspots = sm_find_hotspots (store, filter, &options, compare ? &before : NULL, &error);
  rates = hotspots ? sm_part_rates (store, filter, &error) : NULL;
  if (rates == NULL)
    return fail (error);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "hotspots");
  json_builder_begin_array (b);
  if (!json)
    g_print ("%s\n", _("Hotspots (Getis-Ord Gi*, touching significant hot cells), largest first:"));
  for (guint i = 0; i < hotspots->len; i++)
    {
      SmHotspot *h = g_ptr_array_index (hotspots, i);
      g_autoptr(GString) needs = g_string_new (NULL);
      g_autofree char *count =
        sm_disclosure_format_count (disclosure, h->households,
                                    sm_disclosure_state_of (disclosure, h->households, -1));
      g_autofree char *earlier =
        h->has_earlier ? sm_disclosure_format_count (disclosure, h->earlier_households,
                                                     sm_disclosure_state_of (disclosure,
                                                                             h->earlier_households, -1))
                       : NULL;

      for (guint t = 0; t < G_N_ELEMENTS (h->top_categories) && h->top_categories[t] > 0; t++)
        {
          const SmCategory *c = sm_store_get_category (store, h->top_categories[t]);

          if (c != NULL)
            g_string_append_printf (needs, "%s%s", needs->len ? ", " : "",
                                    hungarian ? c->name_hu : c->name_en);
        }
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rank");
          json_builder_add_int_value (b, i + 1);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "area_km2");
          json_builder_add_double_value (b, round (h->area_km2 * 100) / 100);
          json_builder_set_member_name (b, "max_z");
          json_builder_add_double_value (b, round (h->max_z * 100) / 100);
          json_builder_set_member_name (b, "significance");
          json_builder_add_string_value (b, h->strongest >= 3 ? "0.001" : h->strongest == 2 ? "0.01" : "0.05");
          json_builder_set_member_name (b, "leading_needs");
          json_builder_add_string_value (b, needs->str);
          json_builder_set_member_name (b, "bbox");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, h->west);
          json_builder_add_double_value (b, h->south);
          json_builder_add_double_value (b, h->east);
          json_builder_add_double_value (b, h->north);
          json_builder_end_array (b);
          if (earlier != NULL)
            {
              json_builder_set_member_name (b, "households_before");
              json_builder_add_string_value (b, earlier);
            }
          json_builder_end_object (b);
        }
      else
        {
          g_print (_("%2u. %s households, %.2f km², z up to %.1f (p < %s); %s"),
                   i + 1, count, h->area_km2, h->max_z,
                   h->strongest >= 3 ? "0.001" : h->strongest == 2 ? "0.01" : "0.05", needs->str);
          if (earlier != NULL)
            g_print (_("; %s before"), earlier);
          g_print ("\n");
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "settlement_parts");
  json_builder_begin_array (b);
  if (!json)
    g_print ("\n%s\n", _("Households per 1,000 residents by settlement part (empirical-Bayes smoothed):"));
  /* The parts add up to the filter's households. */
  part_cells = g_new0 (SmDisclosureCell, MAX (rates->len, 1));
  for (guint i = 0; i < rates->len; i++)
    {
      part_cells[i].households = ((SmPartRate *) g_ptr_array_index (rates, i))->households;
      part_cells[i].persons = part_cells[i].needs = -1;
    }
  sm_disclosure_protect (disclosure, part_cells, rates->len);
  for (guint i = 0; i < rates->len; i++)
    {
      SmPartRate *r = g_ptr_array_index (rates, i);
      g_autofree char *count = sm_disclosure_format_count (disclosure, r->households,
                                                           part_cells[i].state);
      gboolean hidden = part_cells[i].state != SM_DISCLOSURE_SHOWN;

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "settlement_part");
          json_builder_add_string_value (b, r->name);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "population");
          json_builder_add_int_value (b, r->population);
          json_builder_set_member_name (b, "rate_per_1000");
          if (hidden || isnan (r->rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (r->rate * 10) / 10);
          json_builder_set_member_name (b, "eb_rate_per_1000");
          if (isnan (r->eb_rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (r->eb_rate * 10) / 10);
          json_builder_end_object (b);
        }
      else if (!isnan (r->eb_rate))
        {
          g_autofree char *raw = hidden ? g_strdup ("–") : g_strdup_printf ("%.1f", r->rate);

          g_print (_("  %-28s %6s households, %7lld residents, %6.1f smoothed (%s raw)\n"), r->name,
                   count, (long long) r->population, r->eb_rate, raw);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

/* @text followed by spaces to @width characters (not bytes). */
static char *
padded (const char *text,
        int         width)
{
  GString *out = g_string_new (text);
  long length = g_utf8_strlen (text, -1);

  for (long i = length; i < width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}

static int
cmd_derive_parts (int    argc,
                  char **argv)
{
  GOptionEntry own[] = { { NULL } };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB SETTLEMENT — approximate areas for the settlement parts from their anchor points"));
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  guint n = 0;
  int status;

  g_option_context_set_summary (context,
    _("KSH lists settlement parts with populations but without outlines. This stores an area for\n"
      "each part with an anchor point: every point of the settlement goes to the part with the least\n"
      "distance to its anchor divided by the square root of its population, so populous parts reach\n"
      "further. The areas are approximate; they are stored as level settlement_part."));
  if ((status = parse (context, own, &argc, &argv, 2, "DB SETTLEMENT")) >= 0)
    return status;
  store = open_existing (argv[1], &error);
  if (store == NULL || !sm_boundary_derive_parts (store, argv[2], &n, &error))
    return fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Derived %u settlement-part area of %s\n",
                        "Derived %u settlement-part areas of %s\n", n), n, argv[2]);
  return EXIT_OK;
}

static int
cmd_areas (int    argc,
           char **argv)
{
  g_auto(FilterArgs) args = { 0 };
  g_autofree char *level = NULL, *weights_name = NULL, *correction_name = NULL, *format = NULL;
  double band = 1500;
  int permutations = 999, seed = 1, k = 0;
  g_autoptr(SmDisclosure) disclosure = NULL;
  GOptionEntry own[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Boundary level (default settlement_part; district, settlement, …)"), "LEVEL" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights_name, N_("Neighbours: contiguity (default) or distance"), "W" },
    { "band", 0, 0, G_OPTION_ARG_DOUBLE, &band, N_("For distance weights: centres within this many metres (default 1500)"), "M" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &permutations, N_("Permutations for the pseudo p-values (default 999)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same p-values"), "S" },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction_name, N_("Multiple testing: none (default), fdr or bonferroni"), "C" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of areas with fewer than K persons (at least 5)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — households, rates per resident and Gi* by area"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmAreaSet) set = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmAreaWeights weights = SM_AREA_CONTIGUITY;
  SmAreaOptions options = { 0 };
  gboolean json, on_rate = FALSE, hungarian = sm_locale_is_hungarian ();
  GError *error = NULL;
  int status;

  if ((status = parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error))
    return fail (error);
  disclosure = sm_disclosure_new (k);
  if (permutations < 0 || permutations > 99999 || band <= 0)
    return usage_error (_("--permutations must be 0 to 99999 and --band above 0"));
  if (weights_name != NULL && g_str_equal (weights_name, "distance"))
    weights = SM_AREA_DISTANCE;
  else if (weights_name != NULL && !g_str_equal (weights_name, "contiguity"))
    return usage_error (_("unknown weights “%s”; use contiguity or distance"), weights_name);
  options = (SmAreaOptions) { permutations, (guint32) seed, SM_CORRECTION_NONE, (guint) k };
  if (!parse_correction (correction_name, &options.correction, &error))
    return fail (error);
  store = open_existing (argv[1], &error);
  if (store == NULL)
    return fail (error);
  if ((status = apply_filter_args (&args, store, filter)) >= 0)
    return status;
  set = sm_area_set_load (store, level ? level : "settlement_part", weights, band, &error);
  if (set == NULL)
    return fail (error);
  if (sm_area_set_get_size (set) == 0)
    {
      g_set_error (&error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There are no areas of level “%s”; import them with import-boundaries --level"),
                   level ? level : "settlement_part");
      return fail (error);
    }
  stats = sm_area_stats (set, store, filter, &options, &on_rate, &error);
  if (stats == NULL)
    return fail (error);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gi_on");
  json_builder_add_string_value (b, on_rate ? "eb_rate" : "households");
  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  if (!json)
    g_print ("%s\n", on_rate ? _("Areas; Gi* on the smoothed rate per 1,000 residents:")
                             : _("Areas; Gi* on the number of households:"));
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      g_autofree char *count = sm_disclosure_format_count (disclosure, st->households, st->disclosure);
      const SmCategory *c = st->top_category > 0 ? sm_store_get_category (store, st->top_category) : NULL;
      const char *klass = st->gi.klass >= 3 ? "hot 0.001" : st->gi.klass == 2 ? "hot 0.01"
                          : st->gi.klass == 1 ? "hot 0.05" : st->gi.klass == -1 ? "cold 0.05"
                          : st->gi.klass == -2 ? "cold 0.01" : st->gi.klass <= -3 ? "cold 0.001" : "";
      guint n_neighbours;

      sm_area_set_get_neighbours (set, i, &n_neighbours);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, st->name);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "population");
          if (st->population >= 0)
            json_builder_add_int_value (b, st->population);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "rate_per_1000");
          if (st->small || isnan (st->rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->rate * 10) / 10);
          json_builder_set_member_name (b, "eb_rate_per_1000");
          if (isnan (st->eb_rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->eb_rate * 10) / 10);
          json_builder_set_member_name (b, "neighbours");
          json_builder_add_int_value (b, n_neighbours);
          json_builder_set_member_name (b, "z");
          if (isnan (st->gi.z))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->gi.z * 100) / 100);
          json_builder_set_member_name (b, "p");
          json_builder_add_double_value (b, st->gi.p);
          json_builder_set_member_name (b, "class");
          json_builder_add_int_value (b, st->gi.klass);
          json_builder_set_member_name (b, "leading_need");
          json_builder_add_string_value (b, c ? (hungarian ? c->name_hu : c->name_en) : "");
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *rate = st->small || isnan (st->rate) ? g_strdup ("–")
                                                                : g_strdup_printf ("%.1f", st->rate);
          g_autofree char *eb = isnan (st->eb_rate) ? g_strdup ("–") : g_strdup_printf ("%.1f", st->eb_rate);
          g_autofree char *name = padded (st->name, 26);
          g_autofree char *gi = NULL;

          if (isnan (st->gi.z))
            gi = g_strdup (_("no population, left out of Gi*"));
          else if (*klass)
            gi = g_strdup_printf (_("z %.2f, %s at p < %s"), st->gi.z,
                                  st->gi.klass > 0 ? _("hot spot") : _("cold spot"),
                                  strchr (klass, ' ') + 1);
          else
            gi = g_strdup_printf (_("z %.2f, not significant"), st->gi.z);
          g_print (_("  %s %5s households, %6s raw, %6s smoothed per 1,000; %s\n"),
                   name, count, rate, eb, gi);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

static const Command commands[] = {
  { "init", "DB", N_("Create an empty database with the taxonomies"), cmd_init },
  { "demo", "DB [--cases N] [--seed S]", N_("Create the synthetic demo town (Tata)"), cmd_demo },
  { "import-boundaries", "DB FILE [--layer L]", N_("Import areas from any OGR vector format"),
    cmd_import_boundaries },
  { "import-osm", "DB FILE [--clip BOUNDARY]",
    N_("Import an OpenStreetMap extract as the offline basemap"), cmd_import_osm },
  { "render-tile", "DB Z X Y OUT.png", N_("Draw one basemap tile as PNG"), cmd_render_tile },
  { "import", "DB FILE [--map FIELD=COLUMN]…", N_("Import households or services from a table or GIS file"),
    cmd_import },
  { "export", "DB OUT [--kind cases|grid|parts] [--k K]",
    N_("Write what a filter shows; grid and parts hide small counts"), cmd_export },
  { "density", "DB OUT.tif [--bandwidth M]", N_("Kernel density of what a filter shows, as GeoTIFF"),
    cmd_density },
  { "areas", "DB [--level LEVEL] [--weights W]", N_("Households, rates and Gi* by area"), cmd_areas },
  { "derive-parts", "DB SETTLEMENT", N_("Approximate settlement-part areas from their anchors"),
    cmd_derive_parts },
  { "hotspots", "DB [--compare DATE]", N_("Significant hotspots and rates per settlement part"),
    cmd_hotspots },
  { "geocode", "DB [ADDRESS…]", N_("Find addresses offline; JSON, one line per address"),
    cmd_geocode },
  { "stats", "DB [--at DATE]", N_("Open needs by category, severity and settlement part"),
    cmd_stats },
  { "query", "DB [--bbox W,S,E,N] [--category C]… [--severity N] [--at DATE] [--format csv|json]",
    N_("The households the map shows for a filter"), cmd_query },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  social-map-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“social-map-cli COMMAND --help” describes a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* SOCIAL_MAP_LOCALEDIR: translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR") ? g_getenv ("SOCIAL_MAP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USER;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("social-map-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("social-map-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("social-map-cli: %s\n", _("unknown command; see “social-map-cli --help”"));
  return EXIT_USER;
}
