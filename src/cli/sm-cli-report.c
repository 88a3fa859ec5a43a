#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-directory-booklet.h"
#include "sm-report-file.h"
#include "sm-roundtable-pack.h"
#include "sm-signal-report.h"
#include "sm-timelapse.h"

/* social-map-cli report signals DB --year Y [--format text|csv|json|xlsx]
 * [--output FILE] [--k K]: the signalling system's yearly review, with
 * small counts hidden. */

static int
report_signals (int    argc,
                char **argv)
{
  g_autofree char *format = NULL, *output = NULL;
  int year = 0, k = 0;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year of receipt"), "YEAR" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv, json or xlsx"), "FORMAT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to this file (xlsx needs one)"), "FILE" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k, N_("Hide counts under K (at least 5)"), "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the signalling system's yearly review"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autoptr(SmSignalReport) report = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  const char *fmt;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  fmt = format ? format : "text";
  if (!g_str_equal (fmt, "text") && !g_str_equal (fmt, "csv") && !g_str_equal (fmt, "json") &&
      !g_str_equal (fmt, "xlsx"))
    return sm_cli_usage_error (_("unknown format “%s”; use text, csv, json or xlsx"), fmt);
  if (year == 0)
    return sm_cli_usage_error ("%s", _("say which year with --year"));
  if (g_str_equal (fmt, "xlsx") && output == NULL)
    return sm_cli_usage_error ("%s", _("an xlsx report is written to a file: give --output FILE"));
  if (k != 0 && !sm_disclosure_check_k (k, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  disclosure = sm_disclosure_new (k != 0 ? k : SM_DISCLOSURE_MIN_K);
  report = sm_signal_report_new (store, year, disclosure, NULL, &error);
  if (report == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (output != NULL)
    {
      if (g_str_equal (fmt, "text"))
        return sm_cli_usage_error ("%s", _("a report written to a file is csv, json or xlsx"));
      return sm_signal_report_save (report, disclosure, output, fmt, &error) ? EXIT_OK
                                                                           : sm_cli_fail (g_steal_pointer (&error));
    }
  if (g_str_equal (fmt, "json"))
    {
      g_autoptr(JsonNode) root = sm_signal_report_to_json (report, disclosure);
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autofree char *text = NULL;

      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
      return EXIT_OK;
    }
  lines = sm_signal_report_to_rows (report, disclosure);
  for (guint i = 0; i < lines->len; i++)
    {
      GPtrArray *line = g_ptr_array_index (lines, i);

      if (g_str_equal (fmt, "csv"))
        {
          g_autofree char *a = sm_cli_csv_quote (g_ptr_array_index (line, 0));
          g_autofree char *b = sm_cli_csv_quote (g_ptr_array_index (line, 1));
          g_autofree char *c = sm_cli_csv_quote (g_ptr_array_index (line, 2));
          g_autofree char *d = sm_cli_csv_quote (g_ptr_array_index (line, 3));

          if (i == 0)
            g_print ("section,key,label,value\n");
          g_print ("%s,%s,%s,%s\n", a, b, c, d);
        }
      else
        {
          g_autofree char *section = sm_cli_padded (g_ptr_array_index (line, 0), 12);
          g_autofree char *label = sm_cli_padded (g_ptr_array_index (line, 2), 48);

          g_print ("%s %s %s\n", section, label, (char *) g_ptr_array_index (line, 3));
        }
    }
  return EXIT_OK;
}

/* A fixed creation date for a reproducible document: --created, else
 * SOURCE_DATE_EPOCH, else now. */
static GDateTime *
creation_date (const char  *text,
               GError     **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  GDateTime *when;

  if (text != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      when = g_date_time_new_from_iso8601 (text, local);
      if (when == NULL)
        {
          GDate d;

          if (!sm_date_parse_any (text, &d, NULL))
            {
              g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a date and time"), text);
              return NULL;
            }
          when = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 12, 0, 0);
        }
      return when;
    }
  if (epoch != NULL && *epoch != '\0')
    return g_date_time_new_from_unix_utc (g_ascii_strtoll (epoch, NULL, 10));
  return g_date_time_new_now_local ();
}

/* The period of a report: --to (default the last day of last month) and
 * --from (default a year before it). */
static gboolean
report_period (const char  *from,
               const char  *to,
               char       **a,
               char       **z,
               GError     **error)
{
  GDate d;

  if (to != NULL)
    {
      if (!sm_date_parse_any (to, &d, error))
        return FALSE;
    }
  else
    {
      g_date_set_time_t (&d, time (NULL));
      g_date_set_day (&d, 1);
      g_date_subtract_days (&d, 1);
    }
  *z = sm_date_to_iso (&d);
  if (from != NULL)
    {
      if (!sm_date_parse_any (from, &d, error))
        return FALSE;
    }
  else
    {
      g_date_subtract_years (&d, 1);
      g_date_add_days (&d, 1);
    }
  *a = sm_date_to_iso (&d);
  return TRUE;
}

/* social-map-cli report roundtable DB --from D --to D OUT.pdf */
static int
report_roundtable (int    argc,
                   char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *created = NULL, *author = NULL;
  gboolean no_tables = FALSE;
  int k = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period's first day (default a year before --to)"), "DAY" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Its last day (default the last day of last month)"), "DAY" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k, N_("Hide counts under K (at least 5)"), "K" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("The office that makes it"), "NAME" },
    { "created", 0, 0, G_OPTION_ARG_STRING, &created,
      N_("The document's date (default SOURCE_DATE_EPOCH or now)"), "DATETIME" },
    { "no-tables", 0, 0, G_OPTION_ARG_NONE, &no_tables, N_("Do not write the tables beside it as XLSX and CSV"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT.pdf — the social roundtable's pack of a period, its tables beside it"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *a = NULL, *z = NULL;
  SmPackOptions options = { 0 };
  gboolean said_waiting = FALSE;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB OUT.pdf")) >= 0)
    return status;
  if (k != 0 && !sm_disclosure_check_k (k, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if ((when = creation_date (created, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (!report_period (from, to, &a, &z, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  options = (SmPackOptions) { .from = a, .to = z, .k = k, .created = when, .author = author,
                              .no_tables = no_tables };
  if (!sm_roundtable_pack_write (store, &options, argv[2], sm_cli_show_progress, &said_waiting, NULL, &written, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; written[i] != NULL; i++)
    g_print ("%s\n", written[i]);
  return EXIT_OK;
}

/* social-map-cli report directory DB OUT.pdf [--large-print] [--html DIR] */
static int
report_directory (int    argc,
                  char **argv)
{
  g_autofree char *created = NULL, *author = NULL, *html = NULL;
  gboolean large = FALSE;
  GOptionEntry entries[] = {
    { "large-print", 0, 0, G_OPTION_ARG_NONE, &large, N_("Larger text"), NULL },
    { "html", 0, 0, G_OPTION_ARG_FILENAME, &html, N_("Also write the web pages into this folder"), "DIR" },
    { "author", 0, 0, G_OPTION_ARG_STRING, &author, N_("The office that makes it"), "NAME" },
    { "created", 0, 0, G_OPTION_ARG_STRING, &created,
      N_("The document's date (default SOURCE_DATE_EPOCH or now)"), "DATETIME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT.pdf — the residents' directory of services, by need and by type"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_auto(GStrv) written = NULL;
  SmBookletOptions options = { 0 };
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB OUT.pdf")) >= 0)
    return status;
  if ((when = creation_date (created, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  options = (SmBookletOptions) { .large_print = large, .created = when, .author = author };
  if (!sm_directory_booklet_write_pdf (store, &options, argv[2], &error) ||
      (html != NULL && !sm_directory_booklet_write_html (store, &options, html, &written, &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print ("%s\n", argv[2]);
  for (guint i = 0; written != NULL && written[i] != NULL; i++)
    g_print ("%s\n", written[i]);
  return EXIT_OK;
}

/* social-map-cli report timelapse DB --from D --to D OUT.png */
static int
report_timelapse (int    argc,
                  char **argv)
{
  g_autofree char *from = NULL, *to = NULL;
  int k = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period's first day (default a year before --to)"), "DAY" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Its last day (default the last day of last month)"), "DAY" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k, N_("Hide counts under K (at least 5)"), "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT.png — the hotspots month by month: an animated PNG and one image per month"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_auto(GStrv) written = NULL;
  g_autofree char *a = NULL, *z = NULL;
  gboolean said_waiting = FALSE;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB OUT.png")) >= 0)
    return status;
  if ((k != 0 && !sm_disclosure_check_k (k, &error)) || !report_period (from, to, &a, &z, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL ||
      !sm_timelapse_write (store, a, z, k, argv[2], sm_cli_show_progress, &said_waiting, NULL, &written, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; written[i] != NULL; i++)
    g_print ("%s\n", written[i]);
  return EXIT_OK;
}

int
cmd_report (int    argc,
            char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n%s\n", _("social-map-cli report signals DB --year Y [--format text|csv|json|xlsx] [--output FILE]"),
               _("social-map-cli report roundtable DB [--from DAY] [--to DAY] OUT.pdf\n"
                 "social-map-cli report directory DB OUT.pdf [--large-print] [--html DIR]\n"
                 "social-map-cli report timelapse DB [--from DAY] [--to DAY] OUT.png"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "signals"))
    return report_signals (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "roundtable"))
    return report_roundtable (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "directory"))
    return report_directory (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "timelapse"))
    return report_timelapse (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a report; use signals, roundtable, directory or timelapse"), argv[1]);
}
