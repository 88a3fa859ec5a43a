#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-indicators.h"
#include "sm-programme.h"
#include "sm-store-roundtable.h"

/* social-map-cli roundtable …: the social roundtable's meetings, the
 * cooperation programme, its actions and the indicators. */

static gboolean
parse_day (const char  *text,
           char       **out,
           GError     **error)
{
  GDate d;

  if (text == NULL)
    {
      *out = sm_date_today_iso ();
      return TRUE;
    }
  if (!sm_date_parse_any (text, &d, error))
    return FALSE;
  *out = sm_date_to_iso (&d);
  return TRUE;
}

/* "TEXT=MORE" split at the first '='; MORE may be empty. */
static void
split_pair (const char  *spec,
            char       **first,
            char       **second)
{
  const char *eq = strchr (spec, '=');

  *first = g_strstrip (eq ? g_strndup (spec, eq - spec) : g_strdup (spec));
  *second = eq ? g_strstrip (g_strdup (eq + 1)) : NULL;
}

static int
roundtable_meeting (int    argc,
                    char **argv)
{
  g_autofree char *on = NULL, *title = NULL, *place = NULL, *agenda = NULL, *minutes = NULL;
  g_auto(GStrv) participants = NULL, opinions = NULL, decisions = NULL;
  GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day of the meeting (default today)"), "DAY" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What the meeting was"), "TEXT" },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Where it was held"), "TEXT" },
    { "agenda", 0, 0, G_OPTION_ARG_STRING, &agenda, N_("The agenda"), "TEXT" },
    { "minutes", 0, 0, G_OPTION_ARG_STRING, &minutes, N_("The minutes"), "TEXT" },
    { "participant", 0, 0, G_OPTION_ARG_STRING_ARRAY, &participants,
      N_("Who took part: an organization's id or a professional's name, with =ROLE (repeatable)"), "WHO[=ROLE]" },
    { "opinion", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opinions,
      N_("An opinion gathered: TOPIC=TEXT anonymously, or N:TOPIC=TEXT by the Nth participant (repeatable)"),
      "[N:]TOPIC=TEXT" },
    { "decision", 0, 0, G_OPTION_ARG_STRING_ARRAY, &decisions, N_("A decision (repeatable)"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — record a meeting of the roundtable"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmMeetingRecord) m = sm_meeting_record_new ();
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (title == NULL)
    return sm_cli_usage_error ("%s", _("say what the meeting was with --title"));
  if (!parse_day (on, &m->held_on, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  m->title = g_strdup (title);
  m->place = g_strdup (place);
  m->agenda = g_strdup (agenda);
  m->minutes = g_strdup (minutes);
  for (guint i = 0; participants != NULL && participants[i] != NULL; i++)
    {
      SmParticipantRecord *p = g_new0 (SmParticipantRecord, 1);
      g_autofree char *who = NULL;

      split_pair (participants[i], &who, &p->role);
      if (!sm_cli_parse_id (who, &p->organization_id))
        p->person = g_steal_pointer (&who);
      g_ptr_array_add (m->participants, p);
    }
  for (guint i = 0; opinions != NULL && opinions[i] != NULL; i++)
    {
      SmOpinionRecord *o = g_new0 (SmOpinionRecord, 1);
      const char *spec = opinions[i], *colon = strchr (spec, ':'), *eq = strchr (spec, '=');
      g_autofree char *number = colon && (!eq || colon < eq) ? g_strndup (spec, colon - spec) : NULL;
      gint64 n;

      o->participant = -1;
      if (number != NULL && sm_cli_parse_id (number, &n))
        {
          o->participant = (int) n - 1;
          spec = colon + 1;
        }
      split_pair (spec, &o->topic, &o->text);
      g_ptr_array_add (m->opinions, o);
      if (o->text == NULL)
        return sm_cli_usage_error (_("an opinion is TOPIC=TEXT: “%s”"), opinions[i]);
    }
  for (guint i = 0; decisions != NULL && decisions[i] != NULL; i++)
    {
      SmMeetingDecision *d = g_new0 (SmMeetingDecision, 1);

      d->text = g_strdup (decisions[i]);
      g_ptr_array_add (m->decisions, d);
    }
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || sm_store_save_meeting (store, m, &error) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Meeting %lld recorded\n"), (long long) m->id);
  return EXIT_OK;
}

static void
add_member (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The list a command built, printed when JSON was asked for. */
static int
print_json_if (JsonBuilder *b,
               gboolean     json)
{
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

static const char *
participant_name (const SmParticipantRecord *p)
{
  return p->person ? p->person : p->organization ? p->organization : "";
}

static int
roundtable_meetings (int    argc,
                     char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *format = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Held on or after this day"), "DAY" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Held on or before this day"), "DAY" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the roundtable's meetings"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) meetings = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *a = NULL, *z = NULL;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if ((from && !parse_day (from, &a, &error)) || (to && !parse_day (to, &z, &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (meetings = sm_store_list_meetings (store, a, z, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < meetings->len; i++)
    {
      SmMeetingRecord *m = g_ptr_array_index (meetings, i);

      if (!json)
        {
          g_print ("%lld\t%s\t%s\t%s\n", (long long) m->id, m->held_on, m->title, m->place ? m->place : "");
          for (guint p = 0; p < m->participants->len; p++)
            {
              SmParticipantRecord *r = g_ptr_array_index (m->participants, p);

              g_print ("\t%s %u. %s%s%s\n", _("participant"), p + 1, participant_name (r), r->role ? " – " : "",
                       r->role ? r->role : "");
            }
          for (guint o = 0; o < m->opinions->len; o++)
            {
              SmOpinionRecord *r = g_ptr_array_index (m->opinions, o);

              g_print ("\t%s (%s, %s): %s\n", _("opinion"), r->topic,
                       r->participant >= 0 ? participant_name (g_ptr_array_index (m->participants, r->participant))
                                           : _("anonymous"), r->text);
            }
          for (guint d = 0; d < m->decisions->len; d++)
            g_print ("\t%s: %s\n", _("decision"), ((SmMeetingDecision *) g_ptr_array_index (m->decisions, d))->text);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, m->id);
      add_member (b, "held_on", m->held_on);
      add_member (b, "title", m->title);
      add_member (b, "place", m->place);
      add_member (b, "agenda", m->agenda);
      add_member (b, "minutes", m->minutes);
      json_builder_set_member_name (b, "participants");
      json_builder_begin_array (b);
      for (guint p = 0; p < m->participants->len; p++)
        {
          SmParticipantRecord *r = g_ptr_array_index (m->participants, p);

          json_builder_begin_object (b);
          add_member (b, "organization", r->organization);
          add_member (b, "person", r->person);
          add_member (b, "role", r->role);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "opinions");
      json_builder_begin_array (b);
      for (guint o = 0; o < m->opinions->len; o++)
        {
          SmOpinionRecord *r = g_ptr_array_index (m->opinions, o);

          json_builder_begin_object (b);
          add_member (b, "topic", r->topic);
          add_member (b, "text", r->text);
          add_member (b, "by", r->participant >= 0
                                 ? participant_name (g_ptr_array_index (m->participants, r->participant)) : NULL);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "decisions");
      json_builder_begin_array (b);
      for (guint d = 0; d < m->decisions->len; d++)
        json_builder_add_string_value (b, ((SmMeetingDecision *) g_ptr_array_index (m->decisions, d))->text);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return print_json_if (b, json);
}

/* roundtable programme DB [--version N] | --new --section TITLE=BODY… | --agree N --by WHO */
static int
roundtable_programme (int    argc,
                      char **argv)
{
  g_autofree char *on = NULL, *note = NULL, *by = NULL;
  g_auto(GStrv) sections = NULL;
  gint64 meeting = 0;
  int version = 0, agree = 0;
  GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_INT, &version, N_("Show this version (default the latest)"), "N" },
    { "section", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sections,
      N_("Write a new version with these sections, in order (repeatable)"), "TITLE=TEXT" },
    { "meeting", 0, 0, G_OPTION_ARG_INT64, &meeting, N_("The meeting that made the new version"), "ID" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What the new version changes"), "TEXT" },
    { "agree", 0, 0, G_OPTION_ARG_INT, &agree, N_("Record an agreement to version N"), "N" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who agreed: an organization's id or a name"), "WHO" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day (default today)"), "DAY" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — the cooperation programme: show it, write a new version, record who agreed"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmProgrammeVersion) v = NULL;
  g_autofree char *day = NULL;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (!parse_day (on, &day, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (sections != NULL)
    {
      v = sm_programme_version_new ();
      v->made_on = g_steal_pointer (&day);
      v->meeting_id = meeting;
      v->note = g_strdup (note);
      for (guint i = 0; sections[i] != NULL; i++)
        {
          SmProgrammeSection *s = g_new0 (SmProgrammeSection, 1);

          split_pair (sections[i], &s->title, &s->body);
          g_ptr_array_add (v->sections, s);
        }
      if (sm_store_add_programme_version (store, v, &error) == 0)
        return sm_cli_fail (g_steal_pointer (&error));
      g_print (_("Version %d of the programme written\n"), v->number);
      return EXIT_OK;
    }
  if (agree > 0)
    {
      gint64 org = 0;

      if (by == NULL)
        return sm_cli_usage_error ("%s", _("say who agreed with --by"));
      if (!sm_cli_parse_id (by, &org))
        org = 0;
      if (!sm_store_agree_programme (store, agree, org, org ? NULL : by, day, &error))
        return sm_cli_fail (g_steal_pointer (&error));
      g_print (_("Agreement to version %d recorded\n"), agree);
      return EXIT_OK;
    }
  v = sm_store_get_programme_version (store, version, &error);
  if (v == NULL)
    {
      if (error != NULL)
        return sm_cli_fail (g_steal_pointer (&error));
      g_print ("%s\n", _("There is no cooperation programme yet"));
      return EXIT_OK;
    }
  g_print (_("Cooperation programme, version %d of %s\n"), v->number, v->made_on);
  if (v->note)
    g_print ("%s\n", v->note);
  for (guint i = 0; i < v->sections->len; i++)
    {
      SmProgrammeSection *s = g_ptr_array_index (v->sections, i);

      g_print ("\n%u. %s\n%s\n", i + 1, s->title, s->body);
    }
  g_print ("\n");
  for (guint i = 0; i < v->agreements->len; i++)
    {
      SmProgrammeAgreement *a = g_ptr_array_index (v->agreements, i);

      g_print (_("Agreed by %s on %s\n"), a->person ? a->person : a->organization ? a->organization : "?",
               a->agreed_on);
    }
  return EXIT_OK;
}

static int
roundtable_goal (int    argc,
                 char **argv)
{
  g_autofree char *description = NULL;
  GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the goal means"), "TEXT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB TITLE — a goal of the programme"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  gint64 id;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB TITLE")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (id = sm_store_add_goal (store, argv[2], description, &error)) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Goal %lld added\n"), (long long) id);
  return EXIT_OK;
}

static gboolean
add_links (SmActionRecord    *a,
           SmActionLinkKind   kind,
           char             **ids,
           GError           **error)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SmActionLink *l = g_new0 (SmActionLink, 1);

      l->kind = kind;
      g_ptr_array_add (a->links, l);
      if (!sm_cli_parse_id (ids[i], &l->ref_id))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not an id"), ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static int
roundtable_action (int    argc,
                   char **argv)
{
  g_autofree char *due = NULL, *status_text = NULL;
  g_auto(GStrv) areas = NULL, services = NULL, categories = NULL, hotspots = NULL;
  gint64 goal = 0, owner = 0;
  GOptionEntry entries[] = {
    { "goal", 0, 0, G_OPTION_ARG_INT64, &goal, N_("The goal it serves"), "ID" },
    { "owner", 0, 0, G_OPTION_ARG_INT64, &owner, N_("The organization responsible"), "ID" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("When it is due"), "DAY" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("planned (default) or in_progress"), "STATUS" },
    { "area", 0, 0, G_OPTION_ARG_STRING_ARRAY, &areas, N_("An area it is about (a boundary's id; repeatable)"), "ID" },
    { "service", 0, 0, G_OPTION_ARG_STRING_ARRAY, &services, N_("A service it is about (repeatable)"), "ID" },
    { "category", 0, 0, G_OPTION_ARG_STRING_ARRAY, &categories,
      N_("A need category it is about, by code or name (repeatable)"), "CODE" },
    { "hotspot", 0, 0, G_OPTION_ARG_STRING_ARRAY, &hotspots, N_("A hotspot's extent (repeatable)"), "W,S,E,N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB TITLE — an action of the programme"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmActionRecord) a = sm_action_record_new ();
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB TITLE")) >= 0)
    return status;
  a->title = g_strdup (argv[2]);
  a->goal_id = goal;
  a->owner_id = owner;
  a->status = g_strdup (status_text);
  if ((due != NULL && !parse_day (due, &a->due_on, &error)) ||
      !add_links (a, SM_ACTION_LINK_AREA, areas, &error) || !add_links (a, SM_ACTION_LINK_SERVICE, services, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; hotspots != NULL && hotspots[i] != NULL; i++)
    {
      SmActionLink *l = g_new0 (SmActionLink, 1);

      l->kind = SM_ACTION_LINK_HOTSPOT;
      g_ptr_array_add (a->links, l);
      if (sscanf (hotspots[i], "%lf,%lf,%lf,%lf", &l->west, &l->south, &l->east, &l->north) != 4)
        return sm_cli_usage_error (_("a hotspot's extent is W,S,E,N: “%s”"), hotspots[i]);
    }
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      SmActionLink *l = g_new0 (SmActionLink, 1);

      l->kind = SM_ACTION_LINK_CATEGORY;
      g_ptr_array_add (a->links, l);
      if ((l->ref_id = sm_store_lookup_category (store, categories[i], &error)) <= 0)
        return sm_cli_fail (g_steal_pointer (&error));
    }
  if (sm_programme_add_action (store, a, &error) == 0)
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Action %lld added\n"), (long long) a->id);
  return EXIT_OK;
}

static int
roundtable_actions (int    argc,
                    char **argv)
{
  g_autofree char *format = NULL, *on = NULL;
  gboolean overdue_only = FALSE;
  GOptionEntry entries[] = {
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue_only, N_("Only those past their due day"), NULL },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("As on this day (default today)"), "DAY" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB — the programme's actions, overdue ones marked"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *today = NULL;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (!parse_day (on, &today, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (actions = sm_store_list_actions (store, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  json_builder_begin_array (b);
  for (guint i = 0; i < actions->len; i++)
    {
      SmActionRecord *a = g_ptr_array_index (actions, i);
      SmActionStatus s = sm_action_effective_status (a, today);
      int late = sm_action_days_overdue (a, today);
      g_autoptr(GString) about = g_string_new (NULL);

      if (overdue_only && s != SM_ACTION_LATE)
        continue;
      for (guint l = 0; l < a->links->len; l++)
        {
          SmActionLink *link = g_ptr_array_index (a->links, l);

          g_string_append_printf (about, "%s%s", about->len ? "; " : "",
                                  link->label ? link->label : sm_enum_to_nick (SM_TYPE_ACTION_LINK_KIND, link->kind));
        }
      if (!json)
        {
          g_print ("%lld\t%s\t%s\t%s\t%s", (long long) a->id, sm_action_status_name (s), a->due_on ? a->due_on : "–",
                   a->title, a->owner ? a->owner : "");
          if (late > 0)
            g_print (g_dngettext (GETTEXT_PACKAGE, "\t(%d day overdue)", "\t(%d days overdue)", late), late);
          if (about->len)
            g_print ("\t[%s]", about->str);
          g_print ("\n");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, a->id);
      add_member (b, "title", a->title);
      add_member (b, "goal", a->goal);
      add_member (b, "owner", a->owner);
      add_member (b, "due_on", a->due_on);
      add_member (b, "status", sm_enum_to_nick (SM_TYPE_ACTION_STATUS, s));
      add_member (b, "status_recorded", a->status);
      json_builder_set_member_name (b, "days_overdue");
      json_builder_add_int_value (b, late);
      json_builder_set_member_name (b, "about");
      json_builder_begin_array (b);
      for (guint l = 0; l < a->links->len; l++)
        {
          SmActionLink *link = g_ptr_array_index (a->links, l);

          json_builder_begin_object (b);
          add_member (b, "kind", sm_enum_to_nick (SM_TYPE_ACTION_LINK_KIND, link->kind));
          add_member (b, "name", link->label);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "notes");
      json_builder_begin_array (b);
      for (guint n = 0; n < a->notes->len; n++)
        {
          SmActionNote *note = g_ptr_array_index (a->notes, n);

          json_builder_begin_object (b);
          add_member (b, "on", note->noted_on);
          add_member (b, "status", note->status);
          add_member (b, "text", note->text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return print_json_if (b, json);
}

static int
roundtable_update (int    argc,
                   char **argv)
{
  g_autofree char *status_text = NULL, *due = NULL, *note = NULL, *on = NULL;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text,
      N_("planned, in_progress, done, late or dropped"), "STATUS" },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("A new due day"), "DAY" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A progress note (done and dropped need one)"), "TEXT" },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("The day of the change (default today)"), "DAY" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DB ACTION — move an action on, with a note"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *day = NULL, *due_day = NULL;
  gint64 id;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 2, "DB ACTION")) >= 0)
    return status;
  if (!sm_cli_parse_id (argv[2], &id))
    return sm_cli_usage_error (_("“%s” is not an action's id"), argv[2]);
  if (!parse_day (on, &day, &error) || (due != NULL && !parse_day (due, &due_day, &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_programme_update_action (store, id, status_text, due_day, day, note, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  g_print (_("Action %lld updated\n"), (long long) id);
  return EXIT_OK;
}

static int
roundtable_target (int    argc,
                   char **argv)
{
  g_autofree char *by = NULL, *baseline_text = NULL;
  gboolean clear = FALSE;
  GOptionEntry entries[] = {
    { "baseline", 0, 0, G_OPTION_ARG_STRING, &baseline_text, N_("Where it started"), "VALUE" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("The day it should be reached"), "DAY" },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the indicator's target"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB INDICATOR [TARGET] — an indicator's target (see “roundtable indicators”)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autofree char *by_day = NULL;
  double target = NAN, baseline = NAN;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, -3, "DB INDICATOR TARGET")) >= 0)
    return status;
  if (argc < 3 || (!clear && argc < 4))
    return sm_cli_usage_error ("%s", _("give the indicator and its target"));
  if (sm_indicator_lookup (argv[2]) == NULL)
    return sm_cli_usage_error (_("“%s” is not an indicator"), argv[2]);
  if (!clear && !sm_parse_decimal (argv[3], TRUE, &target))
    return sm_cli_usage_error (_("“%s” is not a number"), argv[3]);
  if (baseline_text != NULL && !sm_parse_decimal (baseline_text, TRUE, &baseline))
    return sm_cli_usage_error (_("“%s” is not a number"), baseline_text);
  if (by != NULL && !parse_day (by, &by_day, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL ||
      !(clear ? sm_store_clear_indicator_target (store, argv[2], &error)
              : sm_indicator_set_target (store, argv[2], target, baseline, by_day, &error)))
    return sm_cli_fail (g_steal_pointer (&error));
  return EXIT_OK;
}

static int
roundtable_indicators (int    argc,
                       char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *format = NULL;
  gboolean monthly = FALSE;
  int k = 0;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period's first day (default a year before --to)"), "DAY" },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Its last day (default today)"), "DAY" },
    { "monthly", 0, 0, G_OPTION_ARG_NONE, &monthly, N_("Also each month of the period"), NULL },
    { "k", 0, 0, G_OPTION_ARG_INT, &k, N_("Hide counts under K (at least 5)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — the programme's indicators for a period, against their targets"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autoptr(SmIndicatorContext) indicators = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *a = NULL, *z = NULL;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (k != 0 && !sm_disclosure_check_k (k, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (!parse_day (to, &z, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  if (from == NULL)
    {
      GDate d;

      sm_date_parse_iso (z, &d, NULL);
      g_date_subtract_years (&d, 1);
      g_date_add_days (&d, 1);
      a = sm_date_to_iso (&d);
    }
  else if (!parse_day (from, &a, &error))
    return sm_cli_fail (g_steal_pointer (&error));
  disclosure = sm_disclosure_new (k != 0 ? k : SM_DISCLOSURE_MIN_K);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  indicators = sm_indicator_context_new (store, disclosure);
  if ((reports = sm_indicators_report (indicators, a, z, monthly, &error)) == NULL)
    return sm_cli_fail (g_steal_pointer (&error));
  if (!json)
    g_print (_("Indicators from %s to %s\n"), a, z);
  json_builder_begin_array (b);
  for (guint i = 0; i < reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (reports, i);
      g_autofree char *value = sm_indicator_format (&r->value, disclosure);

      if (!json)
        {
          g_autofree char *name = sm_cli_padded (sm_indicator_name (r->def), 40);

          g_print ("%s %10s  %s%s%s\n", name, value, sm_indicator_unit_name (r->def), r->verdict ? "; " : "",
                   r->verdict ? r->verdict : "");
          for (guint m = 0; r->months != NULL && m < r->months->len; m++)
            {
              g_autofree char *mv = sm_indicator_format (&g_array_index (r->months, SmIndicatorValue, m), disclosure);

              g_print ("%s%s", m == 0 ? "    " : " ", mv);
            }
          if (r->months != NULL)
            g_print ("\n");
          continue;
        }
      json_builder_begin_object (b);
      add_member (b, "indicator", r->def->nick);
      add_member (b, "name", sm_indicator_name (r->def));
      add_member (b, "value", value);
      json_builder_set_member_name (b, "n");
      if (r->value.state == SM_DISCLOSURE_SHOWN)
        json_builder_add_int_value (b, r->value.n);
      else
        json_builder_add_null_value (b);
      if (!isnan (r->target))
        {
          json_builder_set_member_name (b, "target");
          json_builder_add_double_value (b, r->target);
          json_builder_set_member_name (b, "met");
          json_builder_add_boolean_value (b, sm_indicator_target_met (r->def, r->value.value, r->target));
        }
      if (r->months != NULL)
        {
          json_builder_set_member_name (b, "months");
          json_builder_begin_array (b);
          for (guint m = 0; m < r->months->len; m++)
            {
              g_autofree char *mv = sm_indicator_format (&g_array_index (r->months, SmIndicatorValue, m), disclosure);

              json_builder_add_string_value (b, mv);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return print_json_if (b, json);
}

int
cmd_roundtable (int    argc,
                char **argv)
{
  static const struct { const char *name; int (*run) (int, char **); } commands[] = {
    { "meeting", roundtable_meeting },
    { "meetings", roundtable_meetings },
    { "programme", roundtable_programme },
    { "goal", roundtable_goal },
    { "action", roundtable_action },
    { "actions", roundtable_actions },
    { "update", roundtable_update },
    { "target", roundtable_target },
    { "indicators", roundtable_indicators },
  };

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      g_print ("%s\n", _("social-map-cli roundtable meeting|meetings|programme|goal|action|actions|update|target|"
                         "indicators DB … (see “roundtable SUBCOMMAND --help”)"));
      return argc < 2 ? EXIT_USER : EXIT_OK;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);
  return sm_cli_usage_error (_("“%s” is not a roundtable command; use meeting, meetings, programme, goal, action, "
                               "actions, update, target or indicators"), argv[1]);
}
