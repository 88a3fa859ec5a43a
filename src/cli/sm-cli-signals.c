#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-case-life.h"
#include "sm-geocoder.h"
#include "sm-signal.h"
#include "sm-store-signals.h"

/* social-map-cli signal add|list|assess|answer|reopen: the signalling
 * system's signals and the steps of their life. */

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  if (sm_cli_parse_id (text, id))
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a signal number"), text);
  return FALSE;
}

static int
signal_add (int    argc,
            char **argv)
{
  g_autofree char *received = NULL, *kind = NULL, *signaller = NULL, *channel = NULL;
  g_autofree char *about = NULL, *urgency_name = NULL, *organization = NULL;
  g_auto(GStrv) needs = NULL;
  gboolean anonymous = FALSE;
  gint64 household = 0;
  GOptionEntry entries[] = {
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("When it came (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The member of the signalling system, by its code"), "KIND" },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &organization, N_("The member organization, by its name"), "NAME" },
    { "signaller", 0, 0, G_OPTION_ARG_STRING, &signaller, N_("The person who signalled"), "NAME" },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, N_("The signaller gave no name"), NULL },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("written (default), email, phone or in_person"), "C" },
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("The household it is about"), "ID" },
    { "about", 0, 0, G_OPTION_ARG_STRING, &about, N_("What it says"), "TEXT" },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency_name, N_("immediate, urgent or normal (default)"), "U" },
    { "need", 0, 0, G_OPTION_ARG_STRING_ARRAY, &needs, N_("A need category it names (repeatable)"), "CODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — record a received signal"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *now = NULL;
  int urgency = SM_URGENCY_NORMAL, status;
  SmSignalRecord r = { 0 };
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { received, kind, signaller, channel, about, urgency_name, organization },
                      7, &error) ||
      (needs != NULL && !sm_cli_texts_valid ((const char * const *) needs, g_strv_length (needs), &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  if (urgency_name != NULL && !sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, urgency_name, &urgency))
    return sm_cli_usage_error (_("“%s” is not an urgency; use immediate, urgent or normal"), urgency_name);
  if (received == NULL)
    {
      g_autoptr(GDateTime) t = g_date_time_new_now_local ();

      now = g_date_time_format (t, "%Y-%m-%d %H:%M");
    }
  else
    {
      g_autoptr(GDateTime) t = sm_signal_parse_time (received);

      if (t == NULL)
        return sm_cli_usage_error (_("“%s” is not a time of receipt; write it as 2025-03-01 14:30"),
                                   received);
    }
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  r = (SmSignalRecord) { .received_at = received ? received : now, .member_kind = kind,
                         .signaller = signaller, .anonymous = anonymous,
                         .channel = channel ? channel : (char *) "written", .household_id = household,
                         .about = about, .urgency = urgency, .organization = organization,
                         .needs = needs };
  id = sm_store_add_signal (store, &r, &error);
  if (id == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Signal %lld received\n"), (long long) id);
  return EXIT_OK;
}

static int
signal_list (int    argc,
             char **argv)
{
  gboolean all = FALSE;
  g_autofree char *format = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Answered signals too"), NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the signals not answered yet, oldest first"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  SmSignalDeadlines deadlines;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  list = sm_store_list_signals (store, !all, &error);
  if (list == NULL || !sm_deadlines_load (store, &deadlines, NULL, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const SmSignalRecord *r = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) received = sm_signal_parse_time (r->received_at);
      gboolean overdue = received != NULL &&
                         sm_signal_is_overdue (&deadlines, r->urgency, r->state, received, now);
      const char *state = sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, r->state);
      const char *urgency = sm_enum_to_nick (SM_TYPE_SIGNAL_URGENCY, r->urgency);

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, r->id);
          json_builder_set_member_name (b, "received");
          json_builder_add_string_value (b, r->received_at);
          json_builder_set_member_name (b, "from");
          json_builder_add_string_value (b, r->member_kind ? r->member_kind : "");
          json_builder_set_member_name (b, "urgency");
          json_builder_add_string_value (b, urgency);
          json_builder_set_member_name (b, "state");
          json_builder_add_string_value (b, state);
          json_builder_set_member_name (b, "overdue");
          json_builder_add_boolean_value (b, overdue);
          json_builder_set_member_name (b, "household");
          json_builder_add_int_value (b, r->household_id);
          json_builder_set_member_name (b, "organization");
          json_builder_add_string_value (b, r->organization ? r->organization : "");
          json_builder_set_member_name (b, "needs");
          json_builder_begin_array (b);
          for (guint j = 0; r->needs[j] != NULL; j++)
            json_builder_add_string_value (b, r->needs[j]);
          json_builder_end_array (b);
          json_builder_set_member_name (b, "about");
          json_builder_add_string_value (b, r->about);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *about = sm_text_printable (r->about);

          g_print ("%4lld  %s  %-9s  %-11s %s %s — %s\n", (long long) r->id, r->received_at, urgency,
                   state, overdue ? _("OVERDUE") : "", r->member_kind ? r->member_kind : "", about);
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

/* assess, answer and reopen: DB ID --by NAME … */
static int
signal_step (int         argc,
             char      **argv,
             const char *what)
{
  g_autofree char *by = NULL, *note = NULL, *outcome_name = NULL, *text = NULL;
  gboolean assess = g_str_equal (what, "assess"), answer = g_str_equal (what, "answer");
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who takes the step (it is recorded)"), "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What was found or decided; why it is reopened"), "TEXT" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_name,
      N_("With assess: case_opened, referred, in_care or unfounded"), "O" },
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("With answer: the answer to the signaller"), "TEXT" },
    { NULL }
  };
  g_autofree char *summary = g_strdup_printf ("%s %s", _("DB ID —"),
                                              assess ? _("assess a signal (and decide with --outcome)")
                                              : answer ? _("record the answer to the signaller")
                                              : _("reopen a signal with a reason (--note)"));
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  int outcome = -1, status;
  gboolean ok;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ID")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { by, note, outcome_name, text }, 4, &error) ||
      !parse_id (argv[2], &id, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (outcome_name != NULL && (!assess || !sm_enum_parse (SM_TYPE_SIGNAL_STATE, outcome_name, &outcome) ||
                               !sm_signal_is_decided (outcome)))
    return sm_cli_usage_error (_("“%s” is not an outcome; use case_opened, referred, in_care or unfounded"),
                               outcome_name);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (answer)
    ok = sm_signal_answer (store, id, by, text, NULL, &error);
  else if (!assess)
    ok = sm_signal_move (store, id, SM_SIGNAL_RECEIVED, by, note, NULL, &error);
  else
    {
      /* Assessed and decided in one action: two steps, both recorded; a
       * signal assessed before is only decided. */
      g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, id, &error);
      gboolean began = signal != NULL && sm_store_begin (store, &error);
      gboolean only_decide = signal != NULL && signal->state == SM_SIGNAL_ASSESSED && outcome >= 0;

      ok = began && (only_decide || sm_signal_move (store, id, SM_SIGNAL_ASSESSED, by, note, NULL, &error)) &&
           (outcome < 0 || sm_signal_move (store, id, outcome, by, only_decide ? note : NULL, NULL, &error));
      if (ok)
        ok = sm_store_commit (store, &error);
      else if (began)
        sm_store_rollback (store);
    }
  if (!ok)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Signal %lld is now %s\n"), (long long) id,
           answer ? "answered" : !assess ? "received"
           : outcome >= 0 ? sm_enum_to_nick (SM_TYPE_SIGNAL_STATE, outcome) : "assessed");
  return EXIT_OK;
}

/* import DB FILE […]: the import of a signal register, as
 * “import --target signals”. */
static int
signal_import (int    argc,
               char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (char *) "import");
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, (char *) "--target=signals");
  g_ptr_array_add (args, NULL);
  return cmd_import (args->len - 1, (char **) args->pdata);
}

/* link DB ID --household H | --address TEXT */
static int
signal_link (int    argc,
             char **argv)
{
  g_autofree char *address = NULL;
  gint64 household = 0;
  GOptionEntry entries[] = {
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("An existing household"), "ID" },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("A new household at this address (geocoded)"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB ID — link a signal to the household it is about"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmGeocoder) geocoder = NULL;
  gboolean placed = FALSE;
  int status;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ID")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { address }, 1, &error) || !parse_id (argv[2], &id, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if ((household != 0) == (address != NULL))
    return sm_cli_usage_error ("%s", _("give either --household or --address"));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (household != 0)
    {
      if (!sm_signal_link (store, id, household, &error))
        return sm_cli_fail (g_steal_pointer (&error));
    }
  else if ((geocoder = sm_geocoder_new (store, &error)) == NULL ||
           (household = sm_signal_link_new_household (store, geocoder, id, address, &placed, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Signal %lld is about household %lld\n"), (long long) id, (long long) household);
  if (address != NULL && !placed)
    g_print ("%s\n", _("The address was not found: the household waits for review"));
  return EXIT_OK;
}

/* members DB [--set CODE …]: the editable code list of members' kinds. */
static int
signal_members (int    argc,
                char **argv)
{
  g_autofree char *code = NULL, *name_hu = NULL, *name_en = NULL, *child = NULL, *adult = NULL;
  g_autofree char *contact = NULL, *how = NULL;
  gint64 organization = 0;
  GOptionEntry entries[] = {
    { "set", 0, 0, G_OPTION_ARG_STRING, &code, N_("Add or change the kind with this code"), "CODE" },
    { "organization", 0, 0, G_OPTION_ARG_INT64, &organization,
      N_("With --set: make this organization a member of that kind"), "ID" },
    { "name-hu", 0, 0, G_OPTION_ARG_STRING, &name_hu, N_("Its Hungarian name"), "NAME" },
    { "name-en", 0, 0, G_OPTION_ARG_STRING, &name_en, N_("Its English name"), "NAME" },
    { "child-duty", 0, 0, G_OPTION_ARG_STRING, &child, N_("must, or empty: its duty for children"), "DUTY" },
    { "adult-duty", 0, 0, G_OPTION_ARG_STRING, &adult, N_("must, may, or empty: its duty for adults"), "DUTY" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("The contact person"), "NAME" },
    { "how", 0, 0, G_OPTION_ARG_STRING, &how, N_("How they signal"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the members of the signalling system"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) kinds = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { code, name_hu, name_en, child, adult, contact, how }, 7, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (organization != 0 && code == NULL)
    return sm_cli_usage_error ("%s", _("--organization goes with --set CODE"));
  if (organization != 0)
    {
      if (!sm_store_set_organization_member_kind (store, organization, code, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      g_print (_("Organization %lld is a member of the signalling system as “%s”\n"), (long long) organization,
               code);
      return EXIT_OK;
    }
  if (code != NULL)
    {
      SmMemberKindRecord k = { .code = code, .name_hu = name_hu, .name_en = name_en, .child_duty = child,
                               .adult_duty = adult, .contact = contact, .how = how };

      if (!sm_store_save_member_kind (store, &k, &error))
        return sm_cli_fail (g_steal_pointer (&error));
    }
  kinds = sm_store_list_member_kinds (store, &error);
  if (kinds == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < kinds->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (kinds, i);
      g_autofree char *code_col = sm_cli_padded (k->code, 26);

      g_print ("%s %-5s %-5s %s%s%s%s%s\n", code_col, k->child_duty ? k->child_duty : "-",
               k->adult_duty ? k->adult_duty : "-", sm_localized_name (k->name_hu, k->name_en),
               k->contact ? " — " : "", k->contact ? k->contact : "", k->how ? " — " : "", k->how ? k->how : "");
    }
  return EXIT_OK;
}

/* deadlines DB [NAME=DAYS]…: the days a service gives itself. */
static int
signal_deadlines (int    argc,
                  char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB [NAME=DAYS]… — the deadlines, in days"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  SmSignalDeadlines s;
  SmCaseDeadlines c;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, -1, "DB")) >= 0)
    return status;
  if (argc < 2)
    return sm_cli_usage_error ("%s", _("give the database"));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (!sm_store_begin (store, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  for (int i = 2; i < argc; i++)
    {
      g_auto(GStrv) kv = g_strsplit (argv[i], "=", 2);
      int days;

      if (!sm_cli_text_is_valid (argv[i], &error) || kv[1] == NULL ||
          !sm_cli_parse_int (kv[1], kv[0], &days, &error) || !sm_deadline_set (store, kv[0], days, &error))
        {
          sm_store_rollback (store);
          if (error == NULL)
            return sm_cli_usage_error (_("“%s” is not NAME=DAYS"), argv[i]);
          return sm_cli_fail (g_steal_pointer (&error));
        }
    }
  if (!sm_store_commit (store, &error) || !sm_deadlines_load (store, &s, &c, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print ("assess_immediate=%d assess_urgent=%d assess_normal=%d\n", s.assess_days[0], s.assess_days[1],
           s.assess_days[2]);
  g_print ("answer_immediate=%d answer_urgent=%d answer_normal=%d\n", s.answer_days[0], s.answer_days[1],
           s.answer_days[2]);
  g_print ("case_assessment=%d case_review=%d\n", c.assessment_days, c.review_days);
  return EXIT_OK;
}

int
cmd_signal (int    argc,
            char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli signal add|list|assess|answer|reopen|link|members|deadlines|import DB … "
                         "(see “signal SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "add"))
    return signal_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return signal_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "assess") || g_str_equal (argv[1], "answer") || g_str_equal (argv[1], "reopen"))
    return signal_step (argc - 1, argv + 1, argv[1]);
  if (g_str_equal (argv[1], "link"))
    return signal_link (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "members"))
    return signal_members (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "deadlines"))
    return signal_deadlines (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import"))
    return signal_import (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a signal command; use add, list, assess, answer, reopen, link, "
                               "members, deadlines or import"), argv[1]);
}
