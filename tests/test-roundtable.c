/* The social roundtable: a meeting written and read back whole, a bad one
 * refused with nothing written, the programme's versions and agreements,
 * an action's status moves and when it is late, the indicators against
 * references computed here, small counts hidden, and numbers written as
 * each language writes them. */

#include "config.h"

#include <locale.h>
#include <math.h>

#include "sm-date.h"
#include "sm-demo.h"
#include "sm-error.h"
#include "sm-hotspot.h"
#include "sm-indicators.h"
#include "sm-number.h"
#include "sm-programme.h"
#include "sm-store-roundtable.h"
#include "sm-store-services.h"
#include "sm-store-signals.h"
#include "sm-test-util.h"

static SmStore *
open_store (const char  *dir,
            const char  *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
add_organization (SmStore    *store,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  SmOrganization org = { .name = (char *) name, .kind = (char *) "ngo" };
  gint64 id = sm_store_add_organization (store, &org, &error);

  g_assert_no_error (error);
  return id;
}

static void
add_participant (SmMeetingRecord *m,
                 gint64           org,
                 const char      *person,
                 const char      *role)
{
  SmParticipantRecord *p = g_new0 (SmParticipantRecord, 1);

  p->organization_id = org;
  p->person = g_strdup (person);
  p->role = g_strdup (role);
  g_ptr_array_add (m->participants, p);
}

static void
add_opinion (SmMeetingRecord *m,
             int              participant,
             const char      *topic,
             const char      *text)
{
  SmOpinionRecord *o = g_new0 (SmOpinionRecord, 1);

  o->participant = participant;
  o->topic = g_strdup (topic);
  o->text = g_strdup (text);
  g_ptr_array_add (m->opinions, o);
}

static void
test_meetings (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-roundtable");
  g_autoptr(SmStore) store = open_store (dir, "meetings.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmMeetingRecord) m = sm_meeting_record_new ();
  g_autoptr(SmMeetingRecord) bad = sm_meeting_record_new ();
  g_autoptr(SmMeetingRecord) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SmMeetingDecision *d = g_new0 (SmMeetingDecision, 1);
  gint64 org = add_organization (store, "Baptista Szeretetszolgálat");
  gint64 id;

  m->held_on = g_strdup ("2026-03-12");
  m->title = g_strdup ("Tavaszi ülés");
  m->place = g_strdup ("Városháza, díszterem");
  m->agenda = g_strdup ("1. Beszámoló\n2. Lakhatás");
  add_participant (m, org, NULL, "képviselő");
  add_participant (m, 0, "Dr. Nagy Éva", "védőnő");
  add_opinion (m, 1, "Lakhatás", "Kevés az átmeneti férőhely");
  add_opinion (m, -1, "Idősek", "Hosszú a várólista");
  d->text = g_strdup ("Munkacsoport alakul a lakhatásról");
  g_ptr_array_add (m->decisions, d);
  id = sm_store_save_meeting (store, m, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  read = sm_store_get_meeting (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->title, ==, "Tavaszi ülés");
  g_assert_cmpstr (read->agenda, ==, m->agenda);
  g_assert_cmpuint (read->participants->len, ==, 2);
  g_assert_cmpstr (((SmParticipantRecord *) g_ptr_array_index (read->participants, 0))->organization, ==,
                   "Baptista Szeretetszolgálat");
  g_assert_cmpuint (read->opinions->len, ==, 2);
  g_assert_cmpint (((SmOpinionRecord *) g_ptr_array_index (read->opinions, 0))->participant, ==, 1);
  g_assert_cmpint (((SmOpinionRecord *) g_ptr_array_index (read->opinions, 1))->participant, ==, -1);
  g_assert_cmpuint (read->decisions->len, ==, 1);

  /* Saving again replaces the parts, as one action. */
  g_ptr_array_remove_index (read->opinions, 1);
  g_assert_cmpint (sm_store_save_meeting (store, read, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM meeting_opinion"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM meeting_participant"), ==, 2);

  /* An opinion by a participant the meeting does not have: nothing written. */
  bad->held_on = g_strdup ("2026-04-01");
  bad->title = g_strdup ("Rossz");
  add_participant (bad, 0, "Kiss Péter", NULL);
  add_opinion (bad, 3, "Téma", "Szöveg");
  g_assert_cmpint (sm_store_save_meeting (store, bad, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad->held_on);
  bad->held_on = g_strdup ("2026-02-30");
  g_ptr_array_set_size (bad->opinions, 0);
  g_assert_cmpint (sm_store_save_meeting (store, bad, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM meeting"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM meeting_participant"), ==, 2);

  list = sm_store_list_meetings (store, "2026-03-01", "2026-03-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sm_store_list_meetings (store, "2026-04-01", NULL, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (sm_store_remove_meeting (store, id, &error));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM meeting_participant"), ==, 0);
  sm_test_remove_dir (dir);
}

static void
add_section (SmProgrammeVersion *v,
             const char         *title,
             const char         *body)
{
  SmProgrammeSection *s = g_new0 (SmProgrammeSection, 1);

  s->title = g_strdup (title);
  s->body = g_strdup (body);
  g_ptr_array_add (v->sections, s);
}

static void
test_programme (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-roundtable");
  g_autoptr(SmStore) store = open_store (dir, "programme.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmProgrammeVersion) one = sm_programme_version_new ();
  g_autoptr(SmProgrammeVersion) two = sm_programme_version_new ();
  g_autoptr(SmProgrammeVersion) empty = sm_programme_version_new ();
  g_autoptr(SmProgrammeVersion) latest = NULL, first = NULL, none = NULL;
  gint64 org = add_organization (store, "Református Egyházközség");

  none = sm_store_get_programme_version (store, 0, &error);
  g_assert_no_error (error);
  g_assert_null (none);

  one->made_on = g_strdup ("2026-01-15");
  add_section (one, "Alapelvek", "Az együttműködés önkéntes.");
  add_section (one, "Célok", "A jelzőrendszer erősítése.");
  g_assert_cmpint (sm_store_add_programme_version (store, one, &error), ==, 1);
  two->made_on = g_strdup ("2026-06-01");
  two->note = g_strdup ("A lakhatási fejezet új");
  add_section (two, "Alapelvek", "Az együttműködés önkéntes.");
  add_section (two, "Célok", "A jelzőrendszer erősítése.");
  add_section (two, "Lakhatás", "Átmeneti férőhelyek.");
  g_assert_cmpint (sm_store_add_programme_version (store, two, &error), ==, 2);
  empty->made_on = g_strdup ("2026-07-01");
  g_assert_cmpint (sm_store_add_programme_version (store, empty, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sm_store_agree_programme (store, 1, org, NULL, "2026-01-20", &error));
  g_assert_true (sm_store_agree_programme (store, 2, 0, "Dr. Szabó Ilona", "2026-06-03", &error));
  g_assert_false (sm_store_agree_programme (store, 7, org, NULL, "2026-06-03", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  latest = sm_store_get_programme_version (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (latest->number, ==, 2);
  g_assert_cmpuint (latest->sections->len, ==, 3);
  g_assert_cmpstr (((SmProgrammeSection *) g_ptr_array_index (latest->sections, 2))->title, ==, "Lakhatás");
  g_assert_cmpuint (latest->agreements->len, ==, 1);
  g_assert_cmpstr (((SmProgrammeAgreement *) g_ptr_array_index (latest->agreements, 0))->person, ==,
                   "Dr. Szabó Ilona");
  first = sm_store_get_programme_version (store, 1, &error);
  g_assert_cmpuint (first->sections->len, ==, 2);
  g_assert_cmpstr (((SmProgrammeAgreement *) g_ptr_array_index (first->agreements, 0))->organization, ==,
                   "Református Egyházközség");
  sm_test_remove_dir (dir);
}

static void
test_actions (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-roundtable");
  g_autoptr(SmStore) store = open_store (dir, "actions.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SmActionRecord) a = sm_action_record_new ();
  g_autoptr(SmActionRecord) done = sm_action_record_new ();
  g_autoptr(SmActionRecord) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SmActionLink *link = g_new0 (SmActionLink, 1);
  SmActionLink *hotspot = g_new0 (SmActionLink, 1);
  gint64 org = add_organization (store, "Család- és Gyermekjóléti Központ");
  gint64 goal = sm_store_add_goal (store, "Kevesebb kilakoltatás", NULL, &error);
  gint64 id;

  /* Every move the rule allows, and none other. */
  for (int from = SM_ACTION_PLANNED; from <= SM_ACTION_DROPPED; from++)
    g_assert_false (sm_action_status_can_move (from, from));
  g_assert_true (sm_action_status_can_move (SM_ACTION_PLANNED, SM_ACTION_IN_PROGRESS));
  g_assert_true (sm_action_status_can_move (SM_ACTION_LATE, SM_ACTION_DONE));
  g_assert_true (sm_action_status_can_move (SM_ACTION_DONE, SM_ACTION_IN_PROGRESS));
  g_assert_false (sm_action_status_can_move (SM_ACTION_DONE, SM_ACTION_DROPPED));
  g_assert_false (sm_action_status_can_move (SM_ACTION_DROPPED, SM_ACTION_DONE));
  g_assert_true (sm_action_status_can_move (SM_ACTION_DROPPED, SM_ACTION_PLANNED));

  a->title = g_strdup ("Adósságkezelési tanácsadás bővítése");
  a->goal_id = goal;
  a->owner_id = org;
  a->due_on = g_strdup ("2026-05-31");
  a->status_on = g_strdup ("2026-01-10");
  link->kind = SM_ACTION_LINK_CATEGORY;
  link->ref_id = sm_store_lookup_category (store, "jovedelem_adossag", &error);
  g_assert_no_error (error);
  g_ptr_array_add (a->links, link);
  hotspot->kind = SM_ACTION_LINK_HOTSPOT;
  hotspot->west = 18.30, hotspot->south = 47.64, hotspot->east = 18.33, hotspot->north = 47.66;
  g_ptr_array_add (a->links, hotspot);
  id = sm_programme_add_action (store, a, &error);
  g_assert_no_error (error);

  done->title = g_strdup ("Kész már");
  done->status = g_strdup ("done");
  g_assert_cmpint (sm_programme_add_action (store, done, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  read = sm_store_get_action (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->owner, ==, "Család- és Gyermekjóléti Központ");
  g_assert_cmpstr (read->goal, ==, "Kevesebb kilakoltatás");
  g_assert_cmpuint (read->links->len, ==, 2);
  g_assert_nonnull (((SmActionLink *) g_ptr_array_index (read->links, 0))->label);
  g_assert_cmpfloat (((SmActionLink *) g_ptr_array_index (read->links, 1))->east, ==, 18.33);

  /* Late once its due day has passed, whatever was written. */
  g_assert_cmpint (sm_action_effective_status (read, "2026-05-31"), ==, SM_ACTION_PLANNED);
  g_assert_cmpint (sm_action_effective_status (read, "2026-06-01"), ==, SM_ACTION_LATE);
  g_assert_cmpint (sm_action_days_overdue (read, "2026-06-11"), ==, 11);

  g_assert_true (sm_programme_update_action (store, id, "in_progress", NULL, "2026-02-01", "Elindult", &error));
  g_assert_false (sm_programme_update_action (store, id, "done", NULL, "2026-03-01", "  ", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sm_programme_update_action (store, id, "planned", NULL, "2026-03-01", NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sm_programme_update_action (store, id, NULL, "2026-09-30", "2026-03-01", "Halasztás", &error));
  g_assert_true (sm_programme_update_action (store, id, "kész", NULL, "2026-09-01", "32 család kapott tanácsot",
                                             &error));
  g_assert_no_error (error);

  list = sm_store_list_actions (store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&read, sm_action_record_free);
  read = sm_store_get_action (store, id, &error);
  g_assert_cmpstr (read->status, ==, "done");
  g_assert_cmpstr (read->status_on, ==, "2026-09-01");
  g_assert_cmpstr (read->due_on, ==, "2026-09-30");
  g_assert_cmpuint (read->notes->len, ==, 3);
  g_assert_false (sm_action_is_overdue (read, "2027-01-01"));
  sm_test_remove_dir (dir);
}

/* A town built by hand: the indicators' answers are known. */
static void
test_indicators_small (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-roundtable");
  g_autoptr(SmStore) store = open_store (dir, "small.db");
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmIndicatorContext) context = sm_indicator_context_new (store, disclosure);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  SmIndicatorValue v;
  gint64 h[8];

  for (int i = 0; i < 8; i++)
    h[i] = sm_test_add_household (store, "Tata, Ady Endre utca 1.", TRUE, 47.65 + i * 0.001, 18.32);
  /* Open on 2026-06-30: h0–h5; h6 resolved in June; h7 assessed in July. */
  for (int i = 0; i < 6; i++)
    sm_test_add_need (store, h[i], "lakhatas", 2, i < 3 ? "2025-12-01" : "2026-02-10", NULL);
  sm_test_add_need (store, h[6], "lakhatas", 1, "2026-01-05", "2026-06-15");
  sm_test_add_need (store, h[7], "egeszsegi_allapot", 1, "2026-07-02", NULL);

  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("households_with_needs"), "2026-01-01",
                                       "2026-06-30", &v, &error));
  g_assert_cmpint (v.state, ==, SM_DISCLOSURE_SHOWN);
  g_assert_cmpfloat (v.value, ==, 6);
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("new_needs"), "2026-01-01", "2026-06-30", &v,
                                       &error));
  g_assert_cmpfloat (v.value, ==, 4);
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("resolved_needs"), "2026-01-01", "2026-06-30",
                                       &v, &error));
  g_assert_cmpfloat (v.value, ==, 1);
  /* Four households on 2026-01-31: under k, so hidden and not given. */
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("households_with_needs"), "2026-01-01",
                                       "2026-01-31", &v, &error));
  g_assert_cmpint (v.state, ==, SM_DISCLOSURE_SMALL);
  g_assert_true (isnan (v.value));
  {
    g_autofree char *text = sm_indicator_format (&v, disclosure);

    g_assert_cmpstr (text, ==, "<5");
  }
  /* Nothing to answer a signal with: not given rather than zero. */
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("signal_answer_days"), "2026-01-01",
                                       "2026-06-30", &v, &error));
  g_assert_true (isnan (v.value));
  g_assert_false (sm_indicator_compute (context, sm_indicator_lookup ("new_needs"), "2026-07-01", "2026-06-30", &v,
                                        &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sm_indicator_set_target (store, "households_with_needs", 5, 8, "2026-12-31", &error));
  g_assert_false (sm_indicator_set_target (store, "satisfaction", 7, NAN, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sm_indicator_set_target (store, "no_such", 1, NAN, NULL, &error));
  g_clear_error (&error);
  reports = sm_indicators_report (context, "2026-01-01", "2026-06-30", TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (reports, i);

      if (!g_str_equal (r->def->nick, "households_with_needs"))
        continue;
      g_assert_cmpfloat (r->target, ==, 5);
      g_assert_cmpuint (r->months->len, ==, 6);
      /* January: 4 open (hidden); February on: 7, June: 6. */
      g_assert_cmpint (g_array_index (r->months, SmIndicatorValue, 0).state, ==, SM_DISCLOSURE_SMALL);
      g_assert_cmpfloat (g_array_index (r->months, SmIndicatorValue, 1).value, ==, 7);
      g_assert_cmpfloat (g_array_index (r->months, SmIndicatorValue, 5).value, ==, 6);
      g_assert_nonnull (strstr (r->verdict, "not met"));
    }
  sm_test_remove_dir (dir);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The demo town against references computed here from the records. */
static void
test_indicators_demo (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-roundtable");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmIndicatorContext) context = NULL;
  g_autoptr(GPtrArray) signals = NULL;
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  SmDemoOptions options = { .n_households = 1500, .seed = 7, .until = "2026-06-30" };
  SmIndicatorValue v;
  gint64 opened;

  store = sm_store_open (path, &error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  context = sm_indicator_context_new (store, disclosure);

  opened = sm_test_scalar (store, "SELECT count(*) FROM need WHERE assessed_on BETWEEN '2026-01-01' AND '2026-03-31'");
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("new_needs"), "2026-01-01", "2026-03-31", &v,
                                       &error));
  g_assert_cmpfloat (v.value, ==, opened);
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("households_with_needs"), "2025-01-01",
                                       "2026-03-31", &v, &error));
  g_assert_cmpfloat (v.value, ==, sm_test_scalar (store, "SELECT count(DISTINCT household_id) FROM need"
                                                          " WHERE assessed_on <= '2026-03-31'"
                                                          " AND (resolved_on IS NULL OR resolved_on > '2026-03-31')"));

  signals = sm_store_list_signals_received (store, "2026-01-01", "2026-07-01", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < signals->len; i++)
    {
      SmSignalRecord *s = g_ptr_array_index (signals, i);
      GDate a, b;
      double d;

      if (s->answered_at == NULL)
        continue;
      g_date_set_dmy (&a, atoi (s->received_at + 8), atoi (s->received_at + 5), atoi (s->received_at));
      g_date_set_dmy (&b, atoi (s->answered_at + 8), atoi (s->answered_at + 5), atoi (s->answered_at));
      d = g_date_days_between (&a, &b);
      g_array_append_val (waits, d);
    }
  g_assert_cmpuint (waits->len, >=, 5);
  qsort (waits->data, waits->len, sizeof (double), compare_double);
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("signal_answer_days"), "2026-01-01",
                                       "2026-06-30", &v, &error));
  g_assert_cmpuint (v.n, ==, waits->len);
  g_assert_cmpfloat_with_epsilon (v.value, waits->len % 2
                                  ? g_array_index (waits, double, waits->len / 2)
                                  : (g_array_index (waits, double, waits->len / 2 - 1) +
                                     g_array_index (waits, double, waits->len / 2)) / 2, 1e-9);

  /* The hotspots of a day are the scan's, found once. */
  g_assert_true (sm_indicator_compute (context, sm_indicator_lookup ("hotspots"), "2026-01-01", "2026-06-30", &v,
                                       &error));
  g_assert_cmpfloat (v.value, ==, sm_indicator_context_hotspots (context, "2026-06-30", &error)->len);
  g_assert_true (sm_indicator_context_hotspots (context, "2026-06-30", &error) ==
                 sm_indicator_context_hotspots (context, "2026-06-30", &error));
  sm_test_remove_dir (dir);
}

static void
test_numbers (void)
{
  static const struct { const char *lang; double v; int decimals; const char *text; } cases[] = {
    { "en", 79333, 0, "79,333" }, { "en", 1234.5, 1, "1,234.5" }, { "en", 999, 0, "999" },
    { "en", -0.04, 1, "0.0" }, { "en", -12345.678, 2, "−12,345.68" },
    { "hu", 79333, 0, "79\u00a0333" }, { "hu", 1234.5, 1, "1234,5" }, { "hu", 10.44, 2, "10,44" },
    { "hu", 1234567, 0, "1\u00a0234\u00a0567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_setenv ("LANGUAGE", cases[i].lang, TRUE);
      setlocale (LC_ALL, "");
      text = sm_format_decimal (cases[i].v, cases[i].decimals);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (sm_num (cases[i].v, cases[i].decimals), ==, cases[i].text);
    }
  /* A bubble's count, short. */
  {
    static const struct { const char *lang; guint64 n; const char *text; } compact[] = {
      { "en", 999, "999" }, { "en", 1000, "1.0k" }, { "en", 1299, "1.2k" }, { "en", 12345, "12k" },
      { "hu", 1299, "1,2e" }, { "hu", 45678, "45e" }, { "hu", 7, "7" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (compact); i++)
      {
        g_autofree char *text = NULL;

        g_setenv ("LANGUAGE", compact[i].lang, TRUE);
        text = sm_format_compact (compact[i].n);
        g_assert_cmpstr (text, ==, compact[i].text);
      }
    g_setenv ("LANGUAGE", "hu", TRUE);
    g_assert_cmpstr (sm_significance_level_shown (2), ==, "0,01");
    g_assert_cmpstr (sm_significance_level (2), ==, "0.01");
    g_setenv ("LANGUAGE", "en", TRUE);
    g_assert_cmpstr (sm_significance_level_shown (-3), ==, "0.001");
  }
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/roundtable/numbers", test_numbers);
  g_test_add_func ("/roundtable/meetings", test_meetings);
  g_test_add_func ("/roundtable/programme", test_programme);
  g_test_add_func ("/roundtable/actions", test_actions);
  g_test_add_func ("/roundtable/indicators", test_indicators_small);
  g_test_add_func ("/roundtable/indicators-demo", test_indicators_demo);
  return g_test_run ();
}
