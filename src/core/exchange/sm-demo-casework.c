#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <math.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-demo-private.h"
#include "sm-signal.h"
#include "sm-store-casework.h"
#include "sm-store-signals.h"

/* The demo town's signalling system over its years: signals from the
 * members that would see each kind of need (more of them in the pockets),
 * their assessment and answer, mostly in time; the cases opened on them
 * and their stages; housing, administrative, guardianship and service
 * measures, also on the pockets as areas; case discussions and
 * conferences. All synthetic, from the demo's seed. */

static const char * const caseworkers[] = {
  "Kovács Anna (szintetikus)", "Szabó Márta (szintetikus)", "Tóth Gergely (szintetikus)",
};

typedef struct {
  const char *need;
  const char *members[5];
  const char *measures[3];
} NeedPlan;

static const NeedPlan plans[] = {
  { "gyermekvedelmi_kockazat", { "iskola", "ovoda", "vedono", "gyermekorvos", "rendorseg" },
    { "protection", "family_support", "temporary_placement" } },
  { "csaladon_beluli_eroszak", { "rendorseg", "vedono", "aldozatsegito", "iskola", "civil_egyhazi" },
    { "protection", "family_support", "notary_procedure" } },
  { "idos_gondozas", { "haziorvos", "maganszemely", "szemelyes_gondoskodas", "jegyzo", "haziorvos" },
    { "social_service", "benefit_decision", "social_service" } },
  { "elszigeteltseg", { "maganszemely", "haziorvos", "civil_egyhazi", "szemelyes_gondoskodas", "jegyzo" },
    { "social_service", "social_service", "benefit_decision" } },
  { "lakhatas", { "jegyzo", "civil_egyhazi", "maganszemely", "jarasi_hivatal", "rendorseg" },
    { "eviction_prevention", "municipal_flat", "rent_support" } },
  { "jovedelem_adossag", { "jarasi_hivatal", "jegyzo", "civil_egyhazi", "maganszemely", "haziorvos" },
    { "debt_management", "rent_support", "benefit_decision" } },
  { NULL, { "haziorvos", "jarasi_hivatal", "civil_egyhazi", "maganszemely", "rendorseg" },
    { "social_service", "benefit_decision", "family_support" } },
};

static const NeedPlan *
plan_for (const char *need)
{
  for (guint i = 0; i < G_N_ELEMENTS (plans) - 1; i++)
    if (g_strcmp0 (plans[i].need, need) == 0)
      return &plans[i];
  return &plans[G_N_ELEMENTS (plans) - 1];
}

static GDateTime *
moment (int day,
        int minutes)
{
  GDate d;
  g_autoptr(GDateTime) start = NULL;

  sm_date_from_epoch_day (day, &d);
  start = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 0, 0, 0);
  return g_date_time_add_minutes (start, minutes);
}

static int
day_of (GDateTime *t)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, g_date_time_get_day_of_month (t), g_date_time_get_month (t), g_date_time_get_year (t));
  return sm_date_to_epoch_day (&d);
}

static gboolean
one_signal (SmStore             *store,
            GRand               *rand,
            const SmDemoSubject *s,
            int                  last_day,
            int                  first_day,
            GError             **error)
{
  static const char * const outcomes[] = { "case_opened", "referred", "in_care", "unfounded" };
  static const double outcome_weights[] = { 0.35, 0.2, 0.25, 0.2 };
  const NeedPlan *plan = plan_for (s->need);
  const char *worker = caseworkers[g_rand_int_range (rand, 0, G_N_ELEMENTS (caseworkers))];
  int day = CLAMP (s->need_day - g_rand_int_range (rand, 0, 20), first_day, last_day);
  double u = g_rand_double (rand);
  SmSignalUrgency urgency = u < 0.08 ? SM_URGENCY_IMMEDIATE : u < 0.3 ? SM_URGENCY_URGENT : SM_URGENCY_NORMAL;
  g_autoptr(GDateTime) received = moment (day, 7 * 60 + g_rand_int_range (rand, 0, 9 * 60));
  g_autoptr(GDateTime) assessed = NULL, answered = NULL, due = NULL;
  g_autofree char *received_text = g_date_time_format (received, "%Y-%m-%d %H:%M");
  char *needs[] = { (char *) s->need, NULL };
  const char *member = plan->members[g_rand_int_range (rand, 0, 5)];
  SmSignalRecord r = { .received_at = received_text, .member_kind = (char *) member,
                       .channel = urgency == SM_URGENCY_IMMEDIATE ? "phone"
                                  : g_rand_double (rand) < 0.6 ? "written" : "email",
                       .household_id = s->id, .about = "Szintetikus jelzés a bemutató városban",
                       .urgency = urgency, .needs = needs, .synthetic = TRUE,
                       .signaller = g_str_equal (member, "maganszemely") ? NULL : "Kapcsolattartó (szintetikus)",
                       .anonymous = g_str_equal (member, "maganszemely") && g_rand_double (rand) < 0.5 };
  int late, outcome;
  gint64 id, case_id;
  double x;

  id = sm_store_add_signal (store, &r, error);
  if (id == 0)
    return FALSE;
  /* Assessed mostly within its deadline, one in eight late. */
  due = sm_signal_deadline (NULL, urgency, received, FALSE);
  late = g_rand_double (rand) < 0.12 ? g_rand_int_range (rand, 1, 6) * 24 * 60 : 0;
  assessed = g_date_time_add_minutes (received, (int) (g_date_time_difference (due, received) / G_TIME_SPAN_MINUTE *
                                                       g_rand_double (rand) * 0.9) + late);
  if (day_of (assessed) > last_day)
    return TRUE;
  if (!sm_signal_move (store, id, SM_SIGNAL_ASSESSED, worker, NULL, assessed, error))
    return FALSE;
  x = g_rand_double (rand);
  for (outcome = 0; outcome < 3 && x >= outcome_weights[outcome]; outcome++)
    x -= outcome_weights[outcome];
  if (!sm_signal_move (store, id, outcome == 0 ? SM_SIGNAL_CASE_OPENED : outcome == 1 ? SM_SIGNAL_REFERRED
                                  : outcome == 2 ? SM_SIGNAL_IN_CARE : SM_SIGNAL_UNFOUNDED,
                       worker, outcomes[outcome], assessed, error))
    return FALSE;
  g_clear_pointer (&due, g_date_time_unref);
  due = sm_signal_deadline (NULL, urgency, received, TRUE);
  answered = g_date_time_add_minutes (assessed, g_rand_int_range (rand, 60, 1 + (int) MAX (120,
    g_date_time_difference (due, assessed) / G_TIME_SPAN_MINUTE * (g_rand_double (rand) < 0.1 ? 2.0 : 0.9))));
  if (day_of (answered) <= last_day &&
      !sm_signal_answer (store, id, worker, "Tájékoztatjuk a jelzés nyomán tett lépésekről (szintetikus)",
                         answered, error))
    return FALSE;
  if (outcome != 0)
    return TRUE;

  /* A case on it, through its stages as time allows. */
  {
    GDate on;
    int d = day_of (assessed);
    g_autoptr(GPtrArray) open = sm_store_list_case_files (store, s->id, TRUE, error);

    if (open == NULL)
      return FALSE;
    if (open->len > 0)
      return TRUE;
    sm_date_from_epoch_day (d, &on);
    case_id = sm_case_open (store, s->id, id, worker, &on, TRUE, error);
    if (case_id == 0)
      return FALSE;
    for (SmCaseStage stage = SM_CASE_ASSESSMENT; stage <= SM_CASE_CLOSED; stage++)
      {
        d += stage == SM_CASE_ASSESSMENT ? g_rand_int_range (rand, 1, 10)
             : stage == SM_CASE_PLAN ? g_rand_int_range (rand, 10, 40)
             : stage == SM_CASE_IN_CARE ? g_rand_int_range (rand, 5, 20) : g_rand_int_range (rand, 90, 600);
        if (d > last_day)
          break;
        sm_date_from_epoch_day (d, &on);
        if (!sm_case_move (store, case_id, stage, worker, NULL, &on, error))
          return FALSE;
        if (stage == SM_CASE_IN_CARE)
          {
            const char *measure = plan->measures[g_rand_double (rand) < 0.6 ? 0 : g_rand_int_range (rand, 1, 3)];
            GDate when;

            sm_date_from_epoch_day (MIN (last_day, d + g_rand_int_range (rand, 0, 30)), &when);
            if (sm_intervention_add (store, s->id, NULL, NULL, measure, &when, "Tatai Család- és Gyermekjóléti "
                                     "Központ (szintetikus)", NULL, TRUE, error) == 0)
              return FALSE;
          }
      }
  }
  return TRUE;
}

gboolean
_sm_demo_add_casework (SmStore  *store,
                       guint32   seed,
                       GArray   *subjects,
                       int       first_day,
                       int       last_day,
                       GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x5a17u);
  g_autoptr(GArray) discussed = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const double pocket_share[] = { 0.55, 0.7, 0.5 };

  for (guint i = 0; i < subjects->len; i++)
    {
      const SmDemoSubject *s = &g_array_index (subjects, SmDemoSubject, i);
      double share = s->pocket >= 0 && s->pocket < (int) G_N_ELEMENTS (pocket_share) ? pocket_share[s->pocket] : 0.16;

      if (g_rand_double (rand) >= share)
        continue;
      if (!one_signal (store, rand, s, last_day, first_day, error))
        return FALSE;
      if (discussed->len < 400 && g_strcmp0 (s->need, "gyermekvedelmi_kockazat") == 0)
        g_array_append_val (discussed, s->id);
    }

  /* Measures on the pockets as areas: where the town used its housing and
   * administrative instruments. */
  gboolean done[3] = { FALSE, FALSE, FALSE };

  for (guint i = 0; i < subjects->len; i++)
    {
      const SmDemoSubject *s = &g_array_index (subjects, SmDemoSubject, i);
      static const char * const kinds[] = { "debt_management", "protection", "social_service" };
      static const char * const names[] = { "Lakhatási zseb (szintetikus)", "Gyermekvédelmi zseb (szintetikus)",
                                            "Agostyán (szintetikus)" };

      if (s->pocket >= 0 && s->pocket < 3 && !done[s->pocket])
        {
          double at[2] = { s->lat, s->lon };
          GDate on;

          done[s->pocket] = TRUE;
          sm_date_from_epoch_day (last_day - 200 - 100 * s->pocket, &on);
          if (sm_intervention_add (store, 0, names[s->pocket], at, kinds[s->pocket], &on,
                                   "Tata Város Önkormányzata (szintetikus)", NULL, TRUE, error) == 0)
            return FALSE;
        }
    }

  /* About six meetings a year, and case conferences on some children. */
  for (int day = first_day + 30, n = 0; day <= last_day; day += 55 + g_rand_int_range (rand, 0, 15), n++)
    {
      g_autofree char *held = NULL;
      g_autoptr(GArray) hh = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_decision_record_free);
      SmDecisionRecord *dec = g_new0 (SmDecisionRecord, 1);
      gboolean conference = discussed->len > 0 && n % 2 == 1;
      GDate d;
      SmConferenceRecord c = { .kind = conference ? "conference" : "discussion",
                               .participants = conference
                                 ? "iskola, védőnő, gyámhivatal, család- és gyermekjóléti szolgálat (szintetikus)"
                                 : "a jelzőrendszer tagjai (szintetikus)",
                               .synthetic = TRUE, .household_ids = hh, .decisions = decisions };

      sm_date_from_epoch_day (day, &d);
      held = sm_date_to_iso (&d);
      c.held_on = held;
      if (conference)
        g_array_append_val (hh, g_array_index (discussed, gint64, g_rand_int_range (rand, 0, discussed->len)));
      sm_date_from_epoch_day (day + 30, &d);
      dec->decision = g_strdup (conference ? "Családlátogatás kéthetente (szintetikus)"
                                           : "Közös esetmegbeszélés a következő ülésen (szintetikus)");
      dec->owner = g_strdup (caseworkers[n % G_N_ELEMENTS (caseworkers)]);
      dec->due_on = sm_date_to_iso (&d);
      g_ptr_array_add (decisions, dec);
      if (sm_store_add_conference (store, &c, error) == 0)
        return FALSE;
    }
  return TRUE;
}
