#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-signal.h"
#include "sm-store-signals.h"

/* social-map-cli signal add|list|assess|answer|reopen: the signalling
 * system's signals and the steps of their life. */

static gboolean
options_valid (const char * const *texts,
               guint               n,
               GError            **error)
{
  for (guint i = 0; i < n; i++)
    if (texts[i] != NULL && !sm_cli_text_is_valid (texts[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
parse_id (const char  *text,
          gint64      *id,
          GError     **error)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || v <= 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a signal number"), text);
      return FALSE;
    }
  *id = v;
  return TRUE;
}

static GDateTime *
received_time (const char *text)
{
  int y, m, d, h, min;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d %2d:%2d%c", &y, &m, &d, &h, &min, &tail) != 5)
    return NULL;
  return g_date_time_new_local (y, m, d, h, min, 0);
}

static int
signal_add (int    argc,
            char **argv)
{
  g_autofree char *received = NULL, *kind = NULL, *signaller = NULL, *channel = NULL;
  g_autofree char *about = NULL, *urgency_name = NULL;
  gboolean anonymous = FALSE;
  gint64 household = 0;
  GOptionEntry entries[] = {
    { "received", 0, 0, G_OPTION_ARG_STRING, &received, N_("When it came (default now)"), "\"YYYY-MM-DD HH:MM\"" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &kind, N_("The member of the signalling system, by its code"), "KIND" },
    { "signaller", 0, 0, G_OPTION_ARG_STRING, &signaller, N_("The person who signalled"), "NAME" },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, N_("The signaller gave no name"), NULL },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel, N_("written (default), email, phone or in_person"), "C" },
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("The household it is about"), "ID" },
    { "about", 0, 0, G_OPTION_ARG_STRING, &about, N_("What it says"), "TEXT" },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency_name, N_("immediate, urgent or normal (default)"), "U" },
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
  if (!options_valid ((const char *[]) { received, kind, signaller, channel, about, urgency_name }, 6, &error))
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
      g_autoptr(GDateTime) t = received_time (received);

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
                         .about = about, .urgency = urgency };
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
  if (list == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const SmSignalRecord *r = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) received = received_time (r->received_at);
      gboolean overdue = received != NULL &&
                         sm_signal_is_overdue (NULL, r->urgency, r->state, received, now);
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
  if (!options_valid ((const char *[]) { by, note, outcome_name, text }, 4, &error) ||
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
      /* Assessed and decided in one action: two steps, both recorded. */
      gboolean began = sm_store_begin (store, &error);

      ok = began && sm_signal_move (store, id, SM_SIGNAL_ASSESSED, by, note, NULL, &error) &&
           (outcome < 0 || sm_signal_move (store, id, outcome, by, NULL, NULL, &error));
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

int
cmd_signal (int    argc,
            char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli signal add|list|assess|answer|reopen DB … (see “signal SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "add"))
    return signal_add (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "list"))
    return signal_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "assess") || g_str_equal (argv[1], "answer") || g_str_equal (argv[1], "reopen"))
    return signal_step (argc - 1, argv + 1, argv[1]);
  return sm_cli_usage_error (_("“%s” is not a signal command; use add, list, assess, answer or reopen"),
                             argv[1]);
}
