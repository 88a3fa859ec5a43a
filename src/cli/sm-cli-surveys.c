#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-import-survey.h"
#include "sm-questionnaire.h"
#include "sm-satisfaction.h"
#include "sm-store-services.h"
#include "sm-store-surveys.h"

/* social-map-cli survey …: client satisfaction questionnaires, responses
 * entered from paper or imported, and their results. */

static gint64
standard_questionnaire (SmStore  *store,
                        GError  **error)
{
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, error);

  if (list == NULL)
    return 0;
  if (list->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("The database has no questionnaire"));
      return 0;
    }
  return ((SmQuestionnaire *) list->pdata[0])->id;
}

/* survey questions DB [--questionnaire Q] */
static int
survey_questions (int    argc,
                  char **argv)
{
  gint64 questionnaire = 0;
  GOptionEntry entries[] = {
    { "questionnaire", 0, 0, G_OPTION_ARG_INT64, &questionnaire, N_("Which (default: the standard one)"), "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — a questionnaire's questions, in order"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (questionnaire == 0 && (questionnaire = standard_questionnaire (store, &error)) == 0) ||
      (questions = sm_store_list_questions (store, questionnaire, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < questions->len; i++)
    {
      const SmQuestion *q = g_ptr_array_index (questions, i);

      g_print ("q%d  %-7s %s\n", q->position, sm_enum_to_nick (SM_TYPE_QUESTION_KIND, q->kind), q->text);
    }
  return EXIT_OK;
}

/* survey add DB --service S [--location L] --on DAY ANSWER… */
static int
survey_add (int    argc,
            char **argv)
{
  g_autofree char *on = NULL;
  gint64 service = 0, location = 0, questionnaire = 0, id;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_INT64, &service, N_("The service the questionnaire is about"), "ID" },
    { "location", 0, 0, G_OPTION_ARG_INT64, &location,
      N_("The place of the service it is about (see “service list”)"), "ID" },
    { "questionnaire", 0, 0, G_OPTION_ARG_INT64, &questionnaire, N_("Which (default: the standard one)"), "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day it was filled in (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB ANSWER… — one paper questionnaire: 1–5, yes/no (igen/nem) or text per question, "
                            "\"\" for none"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *day = NULL;
  GDate date, *date_p = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, -2, "DB ANSWER")) >= 0)
    return status;
  if (argc < 3)
    return sm_cli_usage_error ("%s", _("give the answers after the database"));
  if (!sm_cli_texts_valid ((const char * const *) argv + 2, argc - 2, &error) ||
      !sm_cli_parse_day_option (on, &date, &date_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (service <= 0)
    return sm_cli_usage_error ("%s", _("say which service the questionnaire is about with --service"));
  day = date_p ? sm_date_to_iso (date_p) : sm_date_today_iso ();
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (questionnaire == 0 && (questionnaire = standard_questionnaire (store, &error)) == 0) ||
      (id = sm_satisfaction_record (store, questionnaire, service, location, day, "paper",
                                    (const char * const *) argv + 2, argc - 2, FALSE, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Response %lld recorded\n"), (long long) id);
  return EXIT_OK;
}

/* survey import DB FILE [--service S] */
static int
survey_import (int    argc,
               char **argv)
{
  gint64 service = 0, questionnaire = 0;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_INT64, &service, N_("Every row is about this service"), "ID" },
    { "questionnaire", 0, 0, G_OPTION_ARG_INT64, &questionnaire, N_("Which (default: the standard one)"), "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB FILE — responses from a CSV, XLSX or ODS table (an online form's export)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  SmSurveyImport report = { 0 };
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB FILE")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (questionnaire == 0 && (questionnaire = standard_questionnaire (store, &error)) == 0) ||
      !sm_survey_import (store, argv[2], questionnaire, service, &report, &error))
    {
      sm_survey_import_clear (&report);
      return sm_cli_fail (g_steal_pointer (&error));
    }
  g_print (ngettext ("%u response imported\n", "%u responses imported\n", report.n_imported), report.n_imported);
  for (guint i = 0; i < report.problems->len; i++)
    g_printerr ("%s\n", (const char *) report.problems->pdata[i]);
  status = report.problems->len > 0 ? EXIT_USER : EXIT_OK;
  sm_survey_import_clear (&report);
  return status;
}

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (value * 100) / 100);
}

/* survey results DB [--service S] [--from D] [--to D] [--k K] [--by-service] [--format json] */
static int
survey_results (int    argc,
                char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *format = NULL;
  gint64 service = 0, location = 0, questionnaire = 0;
  gboolean by_service = FALSE;
  int k = 0, status;
  GOptionEntry entries[] = {
    { "service", 0, 0, G_OPTION_ARG_INT64, &service, N_("One service's (default: every service's)"), "ID" },
    { "location", 0, 0, G_OPTION_ARG_INT64, &location, N_("Only those about one of its places"), "ID" },
    { "questionnaire", 0, 0, G_OPTION_ARG_INT64, &questionnaire, N_("Which (default: the standard one)"), "ID" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Responses on or after this day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Responses on or before this day"), "YYYY-MM-DD" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Show no group of fewer than K responses (at least 5)"), "K" },
    { "by-service", 0, 0, G_OPTION_ARG_NONE, &by_service, N_("The yearly summary: one line per service"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — means and distributions per question, and the trend by quarter"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autoptr(SmSatisfactionResult) result = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GDate d1, d2, *p1 = NULL, *p2 = NULL;
  g_autofree char *from_day = NULL, *to_day = NULL;
  gboolean json;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error) || !sm_cli_parse_day_option (from, &d1, &p1, &error) ||
      !sm_cli_parse_day_option (to, &d2, &p2, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  disclosure = sm_disclosure_new (k);
  from_day = p1 ? sm_date_to_iso (p1) : NULL;
  to_day = p2 ? sm_date_to_iso (p2) : NULL;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (questionnaire == 0 && (questionnaire = standard_questionnaire (store, &error)) == 0))
    return sm_cli_fail (g_steal_pointer (&error));
  if (by_service && !json)
    {
      /* The yearly summary as the office publishes it: per service its
       * responses and each question's mean. */
      g_autoptr(GPtrArray) lines = sm_satisfaction_summary_rows (store, questionnaire, from_day, to_day, disclosure,
                                                                &error);
      const char *last = NULL;

      if (lines == NULL)
        return sm_cli_fail (g_steal_pointer (&error));
      for (guint i = 0; i < lines->len; i++)
        {
          GPtrArray *line = g_ptr_array_index (lines, i);

          if (g_strcmp0 (last, line->pdata[0]) != 0)
            g_print ("%s\n", (const char *) line->pdata[0]);
          last = line->pdata[0];
          g_print ("  %-4s %-60s %s\n", (const char *) line->pdata[1], (const char *) line->pdata[2],
                   (const char *) line->pdata[3]);
        }
      return EXIT_OK;
    }
  if (by_service)
    {
      g_autoptr(GArray) rows = sm_satisfaction_by_service (store, questionnaire, from_day, to_day, disclosure,
                                                           &error);
      g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, NULL);

      if (rows == NULL)
        return sm_cli_fail (g_steal_pointer (&error));
      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          const SmSatisfactionServiceRow *r = &g_array_index (rows, SmSatisfactionServiceRow, i);
          const char *name = "?";

          for (guint j = 0; places != NULL && j < places->len; j++)
            if (((SmServicePlace *) places->pdata[j])->service_id == r->service_id)
              name = ((SmServicePlace *) places->pdata[j])->service_name;
          if (json)
            {
              json_builder_begin_object (b);
              json_builder_set_member_name (b, "service");
              json_builder_add_int_value (b, r->service_id);
              json_builder_set_member_name (b, "name");
              json_builder_add_string_value (b, name);
              json_builder_set_member_name (b, "responses");
              if (r->shown)
                json_builder_add_int_value (b, r->n_responses);
              else
                json_builder_add_null_value (b);
              json_builder_set_member_name (b, "means");
              json_builder_begin_array (b);
              for (guint q = 0; q < SM_SATISFACTION_MAX_QUESTIONS; q++)
                if (isnan (r->means[q]))
                  json_builder_add_null_value (b);
                else
                  json_builder_add_double_value (b, round (r->means[q] * 100) / 100);
              json_builder_end_array (b);
              json_builder_end_object (b);
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

  if (location != 0 && service == 0)
    return sm_cli_usage_error ("%s", _("--location needs --service"));
  result = sm_satisfaction_compute (store, questionnaire, service, location, from_day, to_day, disclosure, &error);
  if (result == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, result->k);
  json_builder_set_member_name (b, "responses");
  if (result->shown)
    json_builder_add_int_value (b, result->n_responses);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "questions");
  json_builder_begin_array (b);
  if (!json)
    {
      if (!result->shown)
        g_print (_("Fewer than %d responses: nothing is shown.\n"), result->k);
      else
        g_print (_("%u responses\n"), result->n_responses);
    }
  for (guint i = 0; result->shown && i < result->questions->len; i++)
    {
      const SmSatisfactionQuestion *q = g_ptr_array_index (result->questions, i);
      g_autoptr(GArray) trend = NULL;

      if (q->kind == SM_QUESTION_TEXT)
        continue;
      trend = sm_satisfaction_trend (store, questionnaire, service, location, q->question_id, from_day, to_day,
                                     disclosure, NULL);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "position");
          json_builder_add_int_value (b, q->position);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, sm_enum_to_nick (SM_TYPE_QUESTION_KIND, q->kind));
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, q->text);
          json_builder_set_member_name (b, "n");
          json_builder_add_int_value (b, q->n);
          add_number (b, q->kind == SM_QUESTION_SCALE ? "mean" : "share_yes", q->mean);
          json_builder_set_member_name (b, "counts");
          json_builder_begin_array (b);
          for (int c = q->kind == SM_QUESTION_SCALE ? 1 : 0; c <= (q->kind == SM_QUESTION_SCALE ? 5 : 1); c++)
            json_builder_add_int_value (b, q->counts[c]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "quarters");
          json_builder_begin_array (b);
          for (guint t = 0; trend != NULL && t < trend->len; t++)
            {
              const SmSatisfactionQuarter *s = &g_array_index (trend, SmSatisfactionQuarter, t);
              g_autofree char *label = g_strdup_printf ("%d Q%d", s->year, s->quarter);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "quarter");
              json_builder_add_string_value (b, label);
              json_builder_set_member_name (b, "n");
              if (s->shown)
                json_builder_add_int_value (b, s->n);
              else
                json_builder_add_null_value (b);
              add_number (b, "mean", s->mean);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      else if (!q->shown)
        g_print ("q%d  %s\n    %s\n", q->position, q->text, _("fewer than k answers: not shown"));
      else if (q->kind == SM_QUESTION_SCALE)
        {
          g_print ("q%d  %s\n    %s %.2f (n = %u): 1: %u  2: %u  3: %u  4: %u  5: %u\n", q->position, q->text,
                   _("mean"), q->mean, q->n, q->counts[1], q->counts[2], q->counts[3], q->counts[4], q->counts[5]);
          for (guint t = 0; trend != NULL && t < trend->len; t++)
            {
              const SmSatisfactionQuarter *s = &g_array_index (trend, SmSatisfactionQuarter, t);

              if (s->shown)
                g_print ("      %d Q%d  %.2f (n = %u)\n", s->year, s->quarter, s->mean, s->n);
              else
                g_print ("      %d Q%d  –\n", s->year, s->quarter);
            }
        }
      else
        g_print ("q%d  %s\n    %s %.0f%% (n = %u)\n", q->position, q->text, _("yes"), q->mean * 100, q->n);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

/* survey questionnaires DB; survey questionnaire DB [--id ID] [--name NAME] QUESTION… | --remove ID */
static int
survey_questionnaire (int    argc,
                      char **argv)
{
  g_autofree char *name = NULL;
  gint64 id = 0, remove = 0;
  GOptionEntry entries[] = {
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("Change this questionnaire (default: make a new one)"), "ID" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Its name"), "NAME" },
    { "remove", 0, 0, G_OPTION_ARG_INT64, &remove, N_("Remove this questionnaire (one without responses)"), "ID" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB QUESTION… — a questionnaire of its own: each question as scale:WORDS, "
                            "yes_no:WORDS or text:WORDS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_question_free);
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, -1, "DB QUESTION")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char * const *) argv + 2, argc - 2, &error) ||
      !sm_cli_texts_valid ((const char *[]) { name }, 1, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (remove != 0)
    {
      if (!sm_questionnaire_remove (store, remove, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      g_print (_("Questionnaire %lld removed\n"), (long long) remove);
      return EXIT_OK;
    }
  for (int i = 2; i < argc; i++)
    {
      SmQuestion *q = g_new0 (SmQuestion, 1);

      if (!sm_question_parse (argv[i], q, &error))
        {
          sm_question_free (q);
          return sm_cli_fail (g_steal_pointer (&error));
        }
      q->position = i - 1;
      g_ptr_array_add (questions, q);
    }
  if (id != 0 && name == NULL)
    {
      g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, &error);

      for (guint i = 0; list != NULL && i < list->len; i++)
        if (((SmQuestionnaire *) list->pdata[i])->id == id)
          name = g_strdup (((SmQuestionnaire *) list->pdata[i])->name);
    }
  if ((id = sm_questionnaire_save (store, id, name, questions, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Questionnaire %lld saved with %u questions\n"), (long long) id, questions->len);
  return EXIT_OK;
}

static int
survey_questionnaires (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the questionnaires and their responses"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry[]) { { NULL } }, &argc, &argv, 1, "DB")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (list = sm_store_list_questionnaires (store, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < list->len; i++)
    {
      const SmQuestionnaire *q = g_ptr_array_index (list, i);

      g_print ("%4lld  %s%s  (%lld)\n", (long long) q->id, q->name, q->standard ? _(" — standard") : "",
               (long long) sm_store_count_responses (store, q->id, NULL));
    }
  return EXIT_OK;
}

int
cmd_survey (int    argc,
            char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli survey questionnaires|questionnaire|questions|add|import|results DB … "
                         "(see “survey SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "questions"))
    return survey_questions (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "questionnaires"))
    return survey_questionnaires (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "questionnaire"))
    return survey_questionnaire (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "add"))
    return survey_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return survey_import (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "results"))
    return survey_results (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a survey command; use questionnaires, questionnaire, questions, add, "
                               "import or results"), argv[1]);
}
