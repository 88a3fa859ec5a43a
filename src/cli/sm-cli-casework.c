#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include <string.h>

#include "sm-case-life.h"
#include "sm-cli.h"
#include "sm-date.h"
#include "sm-store-casework.h"

/* social-map-cli case|intervention|conference: a household's case file
 * and its stages, what was done, and the case conferences. */

static gboolean
parse_positive (const char  *text,
                const char  *what,
                gint64      *id,
                GError     **error)
{
  if (sm_cli_parse_id (text, id))
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a %s number"), text, what);
  return FALSE;
}

/* case open DB HOUSEHOLD --by NAME [--signal S] [--on DAY] */
static int
case_open (int    argc,
           char **argv)
{
  g_autofree char *by = NULL, *on = NULL;
  gint64 signal = 0;
  GOptionEntry entries[] = {
    { "caseworker", 0, 0, G_OPTION_ARG_STRING, &by, N_("The responsible caseworker"), "NAME" },
    { "signal", 0, 0, G_OPTION_ARG_INT64, &signal, N_("The signal it is opened on"), "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB HOUSEHOLD — open a case file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  GDate day, *day_p = NULL;
  gint64 household, id;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB HOUSEHOLD")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { by, on }, 2, &error) ||
      !parse_positive (argv[2], _("household"), &household, &error) ||
      !sm_cli_parse_day_option (on, &day, &day_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (id = sm_case_open (store, household, signal, by, day_p, FALSE, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Case %lld opened for household %lld\n"), (long long) id, (long long) household);
  return EXIT_OK;
}

/* case move DB ID STAGE --by NAME [--note TEXT] [--on DAY]; case review DB ID --by NAME */
static int
case_step (int         argc,
           char      **argv,
           gboolean    review)
{
  g_autofree char *by = NULL, *note = NULL, *on = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who takes the step (it is recorded)"), "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why; closing before care and reopening need one"), "TEXT" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (review ? _("DB ID — record a review of the care plan")
                                 : _("DB ID STAGE — take a case to assessment, plan, in_care, closed or opened"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  GDate day, *day_p = NULL;
  int stage = 0, status;
  gint64 id;
  gboolean ok;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, review ? 2 : 3,
                              review ? "DB ID" : "DB ID STAGE")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { by, note, on }, 3, &error) ||
      !parse_positive (argv[2], _("case"), &id, &error) || !sm_cli_parse_day_option (on, &day, &day_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (!review && !sm_enum_parse (SM_TYPE_CASE_STAGE, argv[3], &stage))
    return sm_cli_usage_error (_("“%s” is not a stage; use opened, assessment, plan, in_care or closed"), argv[3]);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (review)
    {
      g_autofree char *text = day_p ? sm_date_to_iso (day_p) : sm_date_today_iso ();

      if (by == NULL || *g_strstrip (by) == '\0')
        return sm_cli_usage_error ("%s", _("say who reviewed the plan with --by"));
      ok = sm_store_review_case_file (store, id, text, by, note, &error);
    }
  else
    ok = sm_case_move (store, id, stage, by, note, day_p, &error);
  if (!ok)
    return sm_cli_fail (g_steal_pointer (&error));
  if (review)
    g_print (_("Case %lld reviewed\n"), (long long) id);
  else
    g_print (_("Case %lld is now %s\n"), (long long) id, argv[3]);
  return EXIT_OK;
}

static GDate *
parse_day (const char *text,
           GDate      *out)
{
  return text != NULL && sm_date_parse_iso (text, out, NULL) ? out : NULL;
}

/* case list DB [--all] [--household H] [--format json] */
static int
case_list (int    argc,
           char **argv)
{
  gboolean all = FALSE;
  gint64 household = 0;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Closed cases too"), NULL },
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("Only this household's"), "ID" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the open case files, oldest first"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmCaseDeadlines deadlines;
  GDate today;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (list = sm_store_list_case_files (store, household, !all, &error)) == NULL ||
      !sm_deadlines_load (store, NULL, &deadlines, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const SmCaseFileRecord *c = g_ptr_array_index (list, i);
      GDate opened, since, reviewed;
      int stage = 0;
      gboolean overdue;

      sm_enum_parse (SM_TYPE_CASE_STAGE, c->stage, &stage);
      parse_day (c->opened_on, &opened);
      parse_day (c->stage_since, &since);
      overdue = sm_case_is_overdue (&deadlines, stage, &opened, &since, parse_day (c->reviewed_on, &reviewed),
                                    &today);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, c->id);
          json_builder_set_member_name (b, "household");
          json_builder_add_int_value (b, c->household_id);
          json_builder_set_member_name (b, "signal");
          json_builder_add_int_value (b, c->signal_id);
          json_builder_set_member_name (b, "stage");
          json_builder_add_string_value (b, c->stage);
          json_builder_set_member_name (b, "caseworker");
          json_builder_add_string_value (b, c->caseworker);
          json_builder_set_member_name (b, "opened_on");
          json_builder_add_string_value (b, c->opened_on);
          json_builder_set_member_name (b, "stage_since");
          json_builder_add_string_value (b, c->stage_since);
          json_builder_set_member_name (b, "overdue");
          json_builder_add_boolean_value (b, overdue);
          json_builder_end_object (b);
        }
      else
        g_print ("%4lld  %s  %-10s %s household %lld — %s\n", (long long) c->id, c->opened_on, c->stage,
                 overdue ? _("OVERDUE") : "", (long long) c->household_id, c->caseworker);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

int
cmd_case (int    argc,
          char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli case open|move|review|list DB … (see “case SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "open"))
    return case_open (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "move") || g_str_equal (argv[1], "review"))
    return case_step (argc - 1, argv + 1, g_str_equal (argv[1], "review"));
  if (g_str_equal (argv[1], "list"))
    return case_list (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a case command; use open, move, review or list"), argv[1]);
}

/* --- interventions ---------------------------------------------------- */

static int
intervention_add (int    argc,
                  char **argv)
{
  g_autofree char *area = NULL, *at = NULL, *kind = NULL, *org = NULL, *on = NULL, *outcome = NULL;
  gint64 household = 0;
  GOptionEntry entries[] = {
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("The household"), "ID" },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("Or a hotspot area, by its name"), "NAME" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("The area's centre"), "LAT,LON" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The kind (see “intervention kinds”)"), "KIND" },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &org, N_("The organization responsible"), "NAME" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "YYYY-MM-DD" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("What came of it"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — record an intervention"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  GDate day, *day_p = NULL;
  double lat_lon[2];
  int status;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { area, at, kind, org, on, outcome }, 6, &error) ||
      !sm_cli_parse_day_option (on, &day, &day_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (at != NULL && (sscanf (at, "%lf,%lf", &lat_lon[0], &lat_lon[1]) != 2 || fabs (lat_lon[0]) > 90 ||
                     fabs (lat_lon[1]) > 180))
    return sm_cli_usage_error (_("“%s” is not LAT,LON"), at);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL ||
      (id = sm_intervention_add (store, household, area, at ? lat_lon : NULL, kind, day_p, org, outcome, FALSE,
                                 &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Intervention %lld recorded\n"), (long long) id);
  return EXIT_OK;
}

static int
intervention_list (int    argc,
                   char **argv)
{
  gint64 household = 0;
  GOptionEntry entries[] = {
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("Only this household's"), "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the interventions, by date"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (list = sm_store_list_interventions (store, household, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      const SmInterventionRecord *r = g_ptr_array_index (list, i);
      const SmInterventionKind *k = sm_intervention_kind_find (r->kind);
      g_autofree char *where = r->household_id != 0 ? g_strdup_printf (_("household %lld"),
                                                                        (long long) r->household_id)
                                                    : g_strdup_printf (_("area “%s”"), r->area);

      g_print ("%4lld  %s  %-14s %s — %s — %s%s%s\n", (long long) r->id, r->on_date, r->family,
               k ? sm_intervention_kind_name (k) : r->kind, where, r->organization, r->outcome ? " — " : "",
               r->outcome ? r->outcome : "");
    }
  return EXIT_OK;
}

int
cmd_intervention (int    argc,
                  char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli intervention add|list|kinds DB … (see “intervention SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "add"))
    return intervention_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return intervention_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "kinds"))
    {
      guint n;
      const SmInterventionKind *kinds = sm_intervention_kinds (&n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *code = sm_cli_padded (kinds[i].code, 22);

          g_print ("%s %-14s %s\n", code, sm_enum_to_nick (SM_TYPE_INTERVENTION_FAMILY, kinds[i].family),
                   sm_intervention_kind_name (&kinds[i]));
        }
      return EXIT_OK;
    }
  return sm_cli_usage_error (_("“%s” is not an intervention command; use add, list or kinds"), argv[1]);
}

/* --- case conferences ------------------------------------------------- */

static int
conference_add (int    argc,
                char **argv)
{
  g_autofree char *on = NULL, *kind = NULL, *participants = NULL, *notes = NULL;
  g_auto(GStrv) households = NULL, signals = NULL, decisions = NULL;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day it was held"), "YYYY-MM-DD" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("discussion (esetmegbeszélés, default) or conference (esetkonferencia)"), "KIND" },
    { "participants", 0, 0, G_OPTION_ARG_STRING, &participants, N_("The organizations and persons present"),
      "TEXT" },
    { "household", 0, 0, G_OPTION_ARG_STRING_ARRAY, &households, N_("A household discussed (repeatable)"), "ID" },
    { "signal", 0, 0, G_OPTION_ARG_STRING_ARRAY, &signals, N_("A signal discussed (repeatable)"), "ID" },
    { "decision", 0, 0, G_OPTION_ARG_STRING_ARRAY, &decisions,
      N_("A decision, its owner and due day (repeatable)"), "\"TEXT|OWNER|YYYY-MM-DD\"" },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — record a case conference"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GArray) hh = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ss = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) dd = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_decision_record_free);
  g_autofree char *today = sm_date_today_iso ();
  SmConferenceRecord c = { 0 };
  int status;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { on, kind, participants, notes }, 4, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; households != NULL && households[i] != NULL; i++)
    {
      if (!parse_positive (households[i], _("household"), &id, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      g_array_append_val (hh, id);
    }
  for (guint i = 0; signals != NULL && signals[i] != NULL; i++)
    {
      if (!parse_positive (signals[i], _("signal"), &id, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      g_array_append_val (ss, id);
    }
  for (guint i = 0; decisions != NULL && decisions[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      SmDecisionRecord *d;

      if (!sm_cli_text_is_valid (decisions[i], &error))
        return sm_cli_fail (g_steal_pointer (&error));
      parts = g_strsplit (decisions[i], "|", 3);
      if (g_strv_length (parts) != 3)
        return sm_cli_usage_error (_("“%s” is not TEXT|OWNER|YYYY-MM-DD"), decisions[i]);
      d = g_new0 (SmDecisionRecord, 1);
      d->decision = g_strdup (g_strstrip (parts[0]));
      d->owner = g_strdup (g_strstrip (parts[1]));
      d->due_on = g_strdup (g_strstrip (parts[2]));
      g_ptr_array_add (dd, d);
    }
  c = (SmConferenceRecord) { .held_on = on ? on : today, .kind = kind ? kind : (char *) "discussion",
                             .participants = participants, .notes = notes, .household_ids = hh,
                             .signal_ids = ss, .decisions = dd };
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (id = sm_store_add_conference (store, &c, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Case conference %lld recorded\n"), (long long) id);
  return EXIT_OK;
}

static int
conference_list (int    argc,
                 char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the case conferences, by date"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (list = sm_store_list_conferences (store, NULL, NULL, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      const SmConferenceRecord *c = g_ptr_array_index (list, i);

      g_print ("%4lld  %s  %-10s %s\n", (long long) c->id, c->held_on, c->kind, c->participants);
      for (guint j = 0; j < c->household_ids->len; j++)
        g_print ("      %s %lld\n", _("household"), (long long) g_array_index (c->household_ids, gint64, j));
      for (guint j = 0; j < c->signal_ids->len; j++)
        g_print ("      %s %lld\n", _("signal"), (long long) g_array_index (c->signal_ids, gint64, j));
      for (guint j = 0; j < c->decisions->len; j++)
        {
          const SmDecisionRecord *d = g_ptr_array_index (c->decisions, j);

          g_print ("      → %s — %s, %s\n", d->decision, d->owner, d->due_on);
        }
    }
  return EXIT_OK;
}

int
cmd_conference (int    argc,
                char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli conference add|list DB … (see “conference SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "add"))
    return conference_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return conference_list (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a conference command; use add or list"), argv[1]);
}
