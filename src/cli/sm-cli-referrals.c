#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-referral.h"

/* social-map-cli referral …: referrals to a service at a location and
 * their loop; calendar …: the working days they are answered in. */

static gboolean
parse_id (const char  *text,
          const char  *what,
          gint64      *id,
          GError     **error)
{
  if (sm_cli_parse_id (text, id))
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a %s number"), text, what);
  return FALSE;
}

/* referral send DB --household H --service S … */
static int
referral_send (int    argc,
               char **argv)
{
  g_autofree char *reason = NULL, *urgency = NULL, *ground = NULL, *by = NULL, *on = NULL;
  g_auto(GStrv) needs = NULL;
  gint64 household = 0, service = 0, location = 0, signal = 0, case_id = 0, id;
  gboolean consent = FALSE;
  GOptionEntry entries[] = {
    { "household", 0, 0, G_OPTION_ARG_INT64, &household, N_("The household referred"), "ID" },
    { "service", 0, 0, G_OPTION_ARG_INT64, &service, N_("The service it is referred to"), "ID" },
    { "location", 0, 0, G_OPTION_ARG_INT64, &location, N_("Where the service is offered"), "ID" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the client is referred"), "TEXT" },
    { "need", 0, 0, G_OPTION_ARG_STRING_ARRAY, &needs, N_("A need category it is about (repeatable)"), "CODE" },
    { "urgency", 0, 0, G_OPTION_ARG_STRING, &urgency, N_("immediate, urgent or normal (default)"), "URGENCY" },
    { "consent", 0, 0, G_OPTION_ARG_NONE, &consent, N_("The client consented"), NULL },
    { "ground", 0, 0, G_OPTION_ARG_STRING, &ground, N_("Without consent: on what ground"), "TEXT" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who sends it (it is recorded)"), "NAME" },
    { "signal", 0, 0, G_OPTION_ARG_INT64, &signal, N_("The signal it comes from"), "ID" },
    { "case", 0, 0, G_OPTION_ARG_INT64, &case_id, N_("The case it comes from"), "ID" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — refer a household to a service"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *day = NULL;
  GDate date, *date_p = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { reason, urgency, ground, by, on }, 5, &error) ||
      (needs != NULL && !sm_cli_texts_valid ((const char * const *) needs, g_strv_length (needs), &error)) ||
      !sm_cli_parse_day_option (on, &date, &date_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (household <= 0 || service <= 0)
    return sm_cli_usage_error ("%s", _("give the household with --household and the service with --service"));
  if (date_p != NULL)
    day = sm_date_to_iso (date_p);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  {
    SmReferralRecord d = { .household_id = household, .service_id = service, .location_id = location,
                           .signal_id = signal, .case_id = case_id, .reason = reason, .urgency = urgency,
                           .consent = consent, .consent_note = ground, .sent_on = day, .sent_by = by,
                           .needs = needs };

    id = sm_referral_send (store, &d, &error);
  }
  if (id == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Referral %lld sent\n"), (long long) id);
  return EXIT_OK;
}

/* referral accept|decline|start|complete|withdraw DB ID --by NAME … */
static int
referral_step (int          argc,
               char       **argv,
               const char  *verb)
{
  static const struct { const char *verb; SmReferralState to; } verbs[] = {
    { "accept", SM_REFERRAL_ACCEPTED }, { "decline", SM_REFERRAL_DECLINED }, { "start", SM_REFERRAL_STARTED },
    { "complete", SM_REFERRAL_COMPLETED }, { "withdraw", SM_REFERRAL_WITHDRAWN },
  };
  g_autofree char *by = NULL, *note = NULL, *on = NULL, *reason_name = NULL, *outcome_name = NULL;
  GOptionEntry entries[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who takes the step (it is recorded)"), "NAME" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note; a withdrawal says why"), "TEXT" },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason_name,
      N_("Why declined: no_capacity, not_eligible, could_not_contact, client_declined, referred_elsewhere, other"),
      "CODE" },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome_name, N_("How it ended: got_help, partly, not_helped"),
      "CODE" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB ID — a step of a referral's loop"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  SmReferralState to = SM_REFERRAL_SENT;
  GDate date, *date_p = NULL;
  int reason = SM_DECLINE_NONE, outcome = SM_OUTCOME_NONE, status;
  gint64 id;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verb, verbs[i].verb))
      to = verbs[i].to;
  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ID")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { by, note, on, reason_name, outcome_name }, 5, &error) ||
      !parse_id (argv[2], _("referral"), &id, &error) || !sm_cli_parse_day_option (on, &date, &date_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (reason_name != NULL &&
      (!sm_enum_parse (SM_TYPE_REFERRAL_DECLINE, reason_name, &reason) || reason == SM_DECLINE_NONE))
    return sm_cli_usage_error (_("“%s” is not a reason; use no_capacity, not_eligible, could_not_contact, "
                                 "client_declined, referred_elsewhere or other"), reason_name);
  if (outcome_name != NULL &&
      (!sm_enum_parse (SM_TYPE_REFERRAL_OUTCOME, outcome_name, &outcome) || outcome == SM_OUTCOME_NONE))
    return sm_cli_usage_error (_("“%s” is not an outcome; use got_help, partly or not_helped"), outcome_name);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_referral_move (store, id, to, by, note, reason, outcome, date_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Referral %lld is now %s\n"), (long long) id, sm_referral_state_name (to));
  return EXIT_OK;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_referral (JsonBuilder            *b,
                const SmReferralRecord *r,
                gboolean                overdue,
                int                     due_day)
{
  GDate due;
  g_autofree char *due_text = NULL;

  sm_date_from_epoch_day (due_day, &due);
  due_text = sm_date_to_iso (&due);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->id);
  json_builder_set_member_name (b, "household");
  json_builder_add_int_value (b, r->household_id);
  json_builder_set_member_name (b, "service");
  json_builder_add_int_value (b, r->service_id);
  add_string (b, "service_name", r->service_name);
  json_builder_set_member_name (b, "organization");
  json_builder_add_int_value (b, r->organization_id);
  add_string (b, "organization_name", r->organization_name);
  add_string (b, "location_name", r->location_name);
  add_string (b, "state", r->state);
  add_string (b, "urgency", r->urgency);
  add_string (b, "reason", r->reason);
  json_builder_set_member_name (b, "consent");
  json_builder_add_boolean_value (b, r->consent);
  add_string (b, "sent_on", r->sent_on);
  add_string (b, "sent_by", r->sent_by);
  add_string (b, "answer_due", due_text);
  add_string (b, "answered_on", r->answered_on);
  add_string (b, "closed_on", r->closed_on);
  add_string (b, "decline_reason", r->decline_reason);
  add_string (b, "outcome", r->outcome);
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, overdue);
  json_builder_set_member_name (b, "needs");
  json_builder_begin_array (b);
  for (guint j = 0; r->needs[j] != NULL; j++)
    json_builder_add_string_value (b, r->needs[j]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* referral list DB [--organization O] [--household H] [--service S] [--all] [--overdue] [--format json] */
static int
referral_list (int    argc,
               char **argv)
{
  g_autofree char *format = NULL, *today_text = NULL;
  gboolean all = FALSE, overdue_only = FALSE;
  SmReferralQuery q = { 0 };
  GOptionEntry entries[] = {
    { "organization", 0, 0, G_OPTION_ARG_INT64, &q.organization_id, N_("Only those sent to this organization"),
      "ID" },
    { "household", 0, 0, G_OPTION_ARG_INT64, &q.household_id, N_("Only this household's"), "ID" },
    { "service", 0, 0, G_OPTION_ARG_INT64, &q.service_id, N_("Only those sent to this service"), "ID" },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Closed referrals too"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue_only, N_("Only those not answered in time"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, N_("The day overdue is counted on (default today)"),
      "YYYY-MM-DD" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — referrals, the open ones by default"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmReferralRules rules = { 0 };
  GDate today, *today_p = NULL;
  gboolean json;
  int status, day;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_cli_parse_day_option (today_text, &today, &today_p, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (today_p == NULL)
    {
      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
    }
  day = sm_date_to_epoch_day (&today);
  q.open_only = !all;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (list = sm_store_list_referrals (store, &q, &error)) == NULL ||
      !sm_referral_rules_load (store, &rules, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const SmReferralRecord *r = g_ptr_array_index (list, i);
      gboolean overdue = sm_referral_record_is_overdue (&rules, r, day);
      int state = 0, due = 0;
      GDate sent;

      if (overdue_only && !overdue)
        continue;
      if (sm_date_parse_iso (r->sent_on, &sent, NULL))
        due = sm_referral_due_day (rules.calendar, rules.answer_days, sm_date_to_epoch_day (&sent));
      sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &state);
      if (json)
        build_referral (b, r, overdue, due);
      else
        {
          g_autofree char *reason = sm_text_printable (r->reason);

          g_print ("%4lld  %s  %-10s %s %5lld → %s (%s) — %s\n", (long long) r->id, r->sent_on,
                   sm_referral_state_name (state), overdue ? _("OVERDUE") : "", (long long) r->household_id,
                   r->service_name, r->organization_name, reason);
        }
    }
  json_builder_end_array (b);
  sm_referral_rules_clear (&rules);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

/* referral show DB ID: the referral and every step */
static int
referral_show (int    argc,
               char **argv)
{
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB ID — a referral and its steps"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmReferralRecord) r = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  int status, state = 0;
  gint64 id;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ID")) >= 0)
    return status;
  if (!parse_id (argv[2], _("referral"), &id, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (r = sm_store_get_referral (store, id, &error)) == NULL ||
      (steps = sm_store_list_referral_steps (store, id, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &state);
  g_print (_("Referral %lld of household %lld to %s (%s): %s\n"), (long long) r->id, (long long) r->household_id,
           r->service_name, r->organization_name, sm_referral_state_name (state));
  if (sm_referral_loop_closed (state))
    g_print ("%s\n", _("The loop is closed: the receiving service answered."));
  for (guint i = 0; i < steps->len; i++)
    {
      const SmReferralStepRecord *s = g_ptr_array_index (steps, i);
      int to = 0;
      g_autofree char *note = sm_text_printable (s->note);

      sm_enum_parse (SM_TYPE_REFERRAL_STATE, s->to_state, &to);
      g_print ("  %s  %-10s %s%s%s\n", s->on_day, sm_referral_state_name (to), s->by_whom,
               note && *note ? " — " : "", note ? note : "");
    }
  if (r->decline_reason != NULL)
    {
      int reason = 0;

      sm_enum_parse (SM_TYPE_REFERRAL_DECLINE, r->decline_reason, &reason);
      g_print (_("Declined: %s\n"), sm_referral_decline_name (reason));
    }
  if (r->outcome != NULL)
    {
      int outcome = 0;

      sm_enum_parse (SM_TYPE_REFERRAL_OUTCOME, r->outcome, &outcome);
      g_print (_("Outcome: %s\n"), sm_referral_outcome_name (outcome));
    }
  return EXIT_OK;
}

/* referral reasons: the code lists */
static int
referral_reasons (void)
{
  g_print ("%s\n", _("Reasons a referral is declined (--reason):"));
  for (int i = SM_DECLINE_NO_CAPACITY; i <= SM_DECLINE_OTHER; i++)
    g_print ("  %-20s %s\n", sm_enum_to_nick (SM_TYPE_REFERRAL_DECLINE, i), sm_referral_decline_name (i));
  g_print ("%s\n", _("Outcomes of a completed referral (--outcome):"));
  for (int i = SM_OUTCOME_GOT_HELP; i <= SM_OUTCOME_NOT_HELPED; i++)
    g_print ("  %-20s %s\n", sm_enum_to_nick (SM_TYPE_REFERRAL_OUTCOME, i), sm_referral_outcome_name (i));
  return EXIT_OK;
}

static char *
count_or_unknown (int n)
{
  return n >= 0 ? g_strdup_printf ("%d", n) : g_strdup ("?");
}

/* referral capacity DB [--from D] [--to D]: where capacity is missing */
static int
referral_capacity (int    argc,
                   char **argv)
{
  g_autofree char *from = NULL, *to = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Referrals sent on or after this day"), "YYYY-MM-DD" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Referrals sent on or before this day"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — per service: referrals received, declined for no capacity, capacity, waiting list"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GDate d1, d2, *p1 = NULL, *p2 = NULL;
  g_autofree char *from_day = NULL, *to_day = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { from, to }, 2, &error) ||
      !sm_cli_parse_day_option (from, &d1, &p1, &error) || !sm_cli_parse_day_option (to, &d2, &p2, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  from_day = p1 ? sm_date_to_iso (p1) : NULL;
  to_day = p2 ? sm_date_to_iso (p2) : NULL;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (rows = sm_store_list_capacity_rows (store, from_day, to_day, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print ("%s\n", _("service\treceived\tdeclined, no capacity\tfree\tmaximum\twaiting"));
  for (guint i = 0; i < rows->len; i++)
    {
      const SmCapacityRow *row = g_ptr_array_index (rows, i);
      g_autofree char *free_text = count_or_unknown (row->available);
      g_autofree char *max_text = count_or_unknown (row->maximum);
      g_autofree char *wait_text = count_or_unknown (row->waiting_list);

      g_print ("%s (%s)\t%lld\t%lld\t%s\t%s\t%s\n", row->service_name, row->organization_name,
               (long long) row->received, (long long) row->declined_no_capacity, free_text, max_text, wait_text);
    }
  return EXIT_OK;
}

/* referral deadline DB [--days N] */
static int
referral_deadline (int    argc,
                   char **argv)
{
  int days = 0, status;
  GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT, &days, N_("Working days to answer, 1 to 14"), "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the working days a service has to answer"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  SmReferralRules rules;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (days != 0 && !sm_referral_set_answer_days (store, days, &error)) ||
      !sm_referral_rules_load (store, &rules, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print ("referral_answer=%d\n", rules.answer_days);
  sm_referral_rules_clear (&rules);
  return EXIT_OK;
}

int
cmd_referral (int    argc,
              char **argv)
{
  static const char * const steps[] = { "accept", "decline", "start", "complete", "withdraw", NULL };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli referral send|accept|decline|start|complete|withdraw|list|show|reasons|"
                         "capacity|deadline DB … (see “referral SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  if (g_str_equal (argv[1], "send"))
    return referral_send (argc - 1, argv + 1);
  if (g_strv_contains (steps, argv[1]))
    return referral_step (argc - 1, argv + 1, argv[1]);
  if (g_str_equal (argv[1], "list"))
    return referral_list (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "show"))
    return referral_show (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "reasons"))
    return referral_reasons ();
  if (g_str_equal (argv[1], "capacity"))
    return referral_capacity (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "deadline"))
    return referral_deadline (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a referral command; use send, accept, decline, start, complete, "
                               "withdraw, list, show, reasons, capacity or deadline"), argv[1]);
}

/* calendar DB [--year Y] [--rest DAY] [--work DAY] [--name TEXT] [--remove DAY] */
int
cmd_calendar (int    argc,
              char **argv)
{
  g_autofree char *rest = NULL, *work = NULL, *name = NULL, *remove = NULL;
  int year = 0, status;
  GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("List this year's days off (default this year)"), "YEAR" },
    { "rest", 0, 0, G_OPTION_ARG_STRING, &rest, N_("Make this day a rest day (a moved rest day)"), "YYYY-MM-DD" },
    { "work", 0, 0, G_OPTION_ARG_STRING, &work, N_("Make this day a working day (a worked Saturday)"),
      "YYYY-MM-DD" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What the day is"), "TEXT" },
    { "remove", 0, 0, G_OPTION_ARG_STRING, &remove, N_("Let this day be as the law has it"), "YYYY-MM-DD" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — the working days referrals are answered in: Hungary's, with exceptions"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) days = NULL;
  GDate d, first;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!sm_cli_texts_valid ((const char *[]) { rest, work, name, remove }, 4, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if ((rest != NULL) + (work != NULL) + (remove != NULL) > 1)
    return sm_cli_usage_error ("%s", _("give one of --rest, --work and --remove"));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (rest != NULL || work != NULL || remove != NULL)
    {
      g_autofree char *iso = NULL;
      gboolean ok;

      if (!sm_date_parse_any (rest ? rest : work ? work : remove, &d, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      iso = sm_date_to_iso (&d);
      ok = remove != NULL ? sm_store_remove_workday_exception (store, iso, &error)
                          : sm_store_set_workday_exception (store, iso, work != NULL, name, &error);
      if (!ok)
        return sm_cli_fail (g_steal_pointer (&error));
    }
  if (rest != NULL || work != NULL || remove != NULL)
    year = g_date_get_year (&d);
  if (year == 0)
    {
      g_date_clear (&first, 1);
      g_date_set_time_t (&first, time (NULL));
      year = g_date_get_year (&first);
    }
  if (year < SM_DATE_MIN_YEAR || year > SM_DATE_MAX_YEAR)
    return sm_cli_usage_error (_("%d is not a year"), year);
  if ((days = sm_referral_unusual_days (store, year, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; i < days->len; i++)
    {
      const SmCalendarDay *day = g_ptr_array_index (days, i);

      g_print ("%s  %s  %s\n", day->day, day->worked ? _("worked") : _("off"), day->why ? day->why : "");
    }
  return EXIT_OK;
}
