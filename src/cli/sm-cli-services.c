#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-boundary.h"
#include "sm-coverage.h"
#include "sm-hsds.h"
#include "sm-store-catchments.h"
#include "sm-store-services.h"

/* social-map-cli service …: the directory's services where they are
 * offered, which service types answer which needs, status and capacity. */

static char *
count_or_unknown (int n)
{
  return n >= 0 ? g_strdup_printf ("%d", n) : g_strdup ("?");
}

/* service list DB [--need C] [--format json] */
static int
service_list (int    argc,
              char **argv)
{
  g_autofree char *need = NULL, *format = NULL;
  GOptionEntry entries[] = {
    { "need", 0, 0, G_OPTION_ARG_STRING, &need, N_("Only services that answer this need category"), "CODE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — every service at each of its locations"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_cli_texts_valid ((const char *[]) { need }, 1, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (places = sm_store_list_service_places (store, need, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "service");
          json_builder_add_int_value (b, p->service_id);
          json_builder_set_member_name (b, "location");
          json_builder_add_int_value (b, p->location_id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, p->service_name);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, p->service_type);
          json_builder_set_member_name (b, "organization");
          json_builder_add_string_value (b, p->organization_name);
          json_builder_set_member_name (b, "status");
          json_builder_add_string_value (b, p->status);
          json_builder_set_member_name (b, "address");
          json_builder_add_string_value (b, p->address ? p->address : "");
          json_builder_set_member_name (b, "available");
          json_builder_add_int_value (b, p->available);
          json_builder_set_member_name (b, "maximum");
          json_builder_add_int_value (b, p->maximum);
          json_builder_set_member_name (b, "waiting_list");
          json_builder_add_int_value (b, p->waiting_list);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *free_text = count_or_unknown (p->available);
          g_autofree char *wait_text = count_or_unknown (p->waiting_list);

          g_print ("%4lld @%-4lld %-10s %s — %s (%s) %s; %s %s, %s %s\n", (long long) p->service_id,
                   (long long) p->location_id, p->status, p->service_name, p->organization_name, p->service_type,
                   p->address ? p->address : "", _("free"), free_text, _("waiting"), wait_text);
        }
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

static gboolean
set_pairs (SmStore  *store,
           char    **pairs,
           gboolean  answers,
           GError  **error)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not CATEGORY=SERVICE_TYPE"), pairs[i]);
          return FALSE;
        }
      if (!sm_store_set_need_service (store, g_strstrip (kv[0]), g_strstrip (kv[1]), answers, error))
        return FALSE;
    }
  return TRUE;
}

/* service needs DB [--set CAT=TYPE]… [--unset CAT=TYPE]…: one action */
static int
service_needs (int    argc,
               char **argv)
{
  g_auto(GStrv) set = NULL, unset = NULL;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set, N_("Services of this type answer this need"),
      "CATEGORY=TYPE" },
    { "unset", 0, 0, G_OPTION_ARG_STRING_ARRAY, &unset, N_("They no longer do"), "CATEGORY=TYPE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — which service types answer which needs"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *last = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if ((set != NULL && !sm_cli_texts_valid ((const char * const *) set, g_strv_length (set), &error)) ||
      (unset != NULL && !sm_cli_texts_valid ((const char * const *) unset, g_strv_length (unset), &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_store_begin (store, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (!set_pairs (store, set, TRUE, &error) || !set_pairs (store, unset, FALSE, &error))
    {
      sm_store_rollback (store);
      return sm_cli_fail (g_steal_pointer (&error));
    }
  if (!sm_store_commit (store, &error) || (rows = sm_store_list_need_services (store, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < rows->len; i++)
    {
      const SmNeedService *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (last, row->category) != 0)
        g_print ("%s (%s)\n", row->category_name, row->category);
      g_print ("  %-40s %s\n", row->service_type, row->service_type_name);
      last = row->category;
    }
  return EXIT_OK;
}

/* service status DB ID STATUS */
static int
service_status (int    argc,
                char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB ID STATUS — active, inactive, defunct or temporarily_closed"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  int status;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 3, "DB ID STATUS")) >= 0)
    return status;
  if (!sm_cli_parse_id (argv[2], &id))
    return sm_cli_usage_error (_("“%s” is not a service number"), argv[2]);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_store_set_service_status (store, id, argv[3], &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Service %lld is now %s\n"), (long long) id, argv[3]);
  return EXIT_OK;
}

/* service capacity DB ID [--unit U --available N [--maximum M] [--updated D]] [--waiting N] */
static int
service_capacity (int    argc,
                  char **argv)
{
  g_autofree char *unit = NULL, *updated = NULL, *available = NULL, *maximum = NULL, *waiting = NULL;
  GOptionEntry entries[] = {
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("What is counted (places, meals a day…)"), "TEXT" },
    { "available", 0, 0, G_OPTION_ARG_STRING, &available, N_("How many are free"), "N" },
    { "maximum", 0, 0, G_OPTION_ARG_STRING, &maximum, N_("How many there are"), "N" },
    { "updated", 0, 0, G_OPTION_ARG_STRING, &updated, N_("The day the figures are of (default today)"),
      "YYYY-MM-DD" },
    { "waiting", 0, 0, G_OPTION_ARG_STRING, &waiting, N_("How many are on the waiting list"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB ID — a service's capacity and waiting list"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *day = NULL;
  GDate date, *date_p = NULL;
  int n_available = 0, n_maximum = -1, n_waiting = -1, status;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ID")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { unit, updated, available, maximum, waiting }, 5, &error) ||
      (available != NULL && !sm_cli_parse_int (available, "--available", &n_available, &error)) ||
      (maximum != NULL && !sm_cli_parse_int (maximum, "--maximum", &n_maximum, &error)) ||
      (waiting != NULL && !sm_cli_parse_int (waiting, "--waiting", &n_waiting, &error)) ||
      !sm_cli_parse_day_option (updated, &date, &date_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (!sm_cli_parse_id (argv[2], &id))
    return sm_cli_usage_error (_("“%s” is not a service number"), argv[2]);
  if ((unit == NULL) != (available == NULL))
    return sm_cli_usage_error ("%s", _("--unit and --available go together"));
  if (unit == NULL && waiting == NULL)
    return sm_cli_usage_error ("%s", _("give --unit and --available, or --waiting"));
  if (waiting != NULL && n_waiting < 0)
    return sm_cli_usage_error ("%s", _("the waiting list cannot be negative"));
  day = date_p ? sm_date_to_iso (date_p) : sm_date_today_iso ();
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_store_begin (store, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if ((unit != NULL && !sm_store_set_service_capacity (store, id, unit, n_available, n_maximum, day, &error)) ||
      (waiting != NULL && !sm_store_set_service_waiting_list (store, id, n_waiting, &error)))
    {
      sm_store_rollback (store);
      return sm_cli_fail (g_steal_pointer (&error));
    }
  if (!sm_store_commit (store, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Service %lld's capacity is saved\n"), (long long) id);
  return EXIT_OK;
}

/* service area DB SERVICE [--boundary ID | --file F] [--name N] | --remove AREA */
static int
service_area (int    argc,
              char **argv)
{
  g_autofree char *file = NULL, *name = NULL;
  gint64 boundary = 0, remove = 0, id;
  GOptionEntry entries[] = {
    { "boundary", 0, 0, G_OPTION_ARG_INT64, &boundary, N_("A boundary of the database (a settlement, a part)"),
      "ID" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The areas of any vector file (GeoJSON, GeoPackage, …)"),
      "FILE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The catchment's name"), "TEXT" },
    { "remove", 0, 0, G_OPTION_ARG_INT64, &remove, N_("Remove this catchment area"), "AREA" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB SERVICE — a service's catchment areas; with no option, list them"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB SERVICE")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { name }, 1, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (!sm_cli_parse_id (argv[2], &id))
    return sm_cli_usage_error (_("“%s” is not a service number"), argv[2]);
  if ((boundary != 0) + (file != NULL) + (remove != 0) > 1)
    return sm_cli_usage_error ("%s", _("give one of --boundary, --file and --remove"));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (boundary != 0)
    {
      SmServiceAreaRecord r = { .service_id = id, .name = name, .boundary_id = boundary };

      if (sm_store_add_service_area (store, &r, &error) == 0)
        return sm_cli_fail (g_steal_pointer (&error));
    }
  else if (file != NULL)
    {
      g_autoptr(GBytes) wkb = sm_polygons_load_wkb (file, &error);

      if (wkb == NULL || sm_coverage_add_area (store, id, name, wkb, &error) == 0)
        return sm_cli_fail (g_steal_pointer (&error));
    }
  else if (remove != 0 && !sm_store_remove_service_area (store, remove, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if ((areas = sm_store_list_service_areas (store, id, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (areas->len == 0)
    g_print (_("Service %lld has no catchment area: it serves clients from anywhere\n"), (long long) id);
  for (guint i = 0; i < areas->len; i++)
    {
      const SmServiceAreaRecord *a = g_ptr_array_index (areas, i);

      g_print ("%4lld  %s  %.5f,%.5f,%.5f,%.5f%s\n", (long long) a->id, a->name ? a->name : "", a->west, a->south,
               a->east, a->north, a->boundary_id ? _(" (a boundary of the database)") : "");
    }
  return EXIT_OK;
}

/* service export DB OUT [--format json|csv]; service import DB FILE [--type CODE] */
static int
service_exchange (int      argc,
                  char   **argv,
                  gboolean import)
{
  g_autofree char *format = NULL, *type = NULL;
  GOptionEntry export_entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("json (one file) or csv (a folder of CSV files with datapackage.json); default json"), "FORMAT" },
    { NULL }
  };
  GOptionEntry import_entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &type,
      N_("the service type (a code as “service needs” lists them) of a service with none of the Szt./Gyvt. types; "
         "without it such a service is left out"), "CODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (import
    ? _("DB FILE — import services from HSDS 3.0 JSON, or the datapackage.json (or folder) of its CSV form")
    : _("DB OUT — the directory as Open Referral HSDS 3.0"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  int status;

  if ((status = sm_cli_parse (context, import ? import_entries : export_entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "csv"))
    return sm_cli_usage_error (_("unknown format “%s”; use json or csv"), format);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (!import)
    {
      gboolean csv = format != NULL && g_str_equal (format, "csv");

      if (!(csv ? sm_hsds_export_csv (store, argv[2], &error) : sm_hsds_export_json (store, argv[2], &error)))
        return sm_cli_fail (g_steal_pointer (&error));
      g_print (_("The directory is written to %s (HSDS %s)\n"), argv[2], SM_HSDS_VERSION);
      return EXIT_OK;
    }
  {
    g_autoptr(SmGeocoder) geocoder = sm_geocoder_new (store, NULL);
    SmHsdsImport report = { 0 };

    if (!sm_hsds_import (store, geocoder, argv[2], type, &report, &error))
      {
        sm_hsds_import_clear (&report);
        return sm_cli_fail (g_steal_pointer (&error));
      }
    g_print (_("Imported %u services of %u organizations at %u locations\n"), report.n_services,
             report.n_organizations, report.n_locations);
    for (guint i = 0; i < report.problems->len; i++)
      g_printerr ("%s\n", (const char *) report.problems->pdata[i]);
    status = report.problems->len > 0 ? EXIT_USER : EXIT_OK;
    sm_hsds_import_clear (&report);
    return status;
  }
}

int
cmd_service (int    argc,
             char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli service list|needs|status|capacity|area|export|import DB … "
                         "(see “service SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "list"))
    return service_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "needs"))
    return service_needs (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "status"))
    return service_status (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "capacity"))
    return service_capacity (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "area"))
    return service_area (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "export") || g_str_equal (argv[1], "import"))
    return service_exchange (argc - 1, argv + 1, g_str_equal (argv[1], "import"));
  return sm_cli_usage_error (_("“%s” is not a service command; use list, needs, status, capacity, area, export "
                               "or import"), argv[1]);
}
