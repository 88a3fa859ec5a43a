#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <math.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-demo-private.h"
#include "sm-signal.h"
#include "sm-store-casework.h"
#include "sm-store-history.h"
#include "sm-store-signals.h"
#include "sm-enum.h"
#include "sm-enums.h"

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

/* What the demo writes, planned in memory and written in one pass; every
 * step is checked against the rules as a person's would be. */
typedef struct {
  GRand        *rand;
  GStringChunk *text;
  GPtrArray    *signals;    /* SmSignalHistory */
  GPtrArray    *cases;      /* SmCaseHistory; .file.signal_id is an index into signals until written */
  GArray       *measures;   /* Measure */
  int           first_day, last_day;
} Plan;

typedef struct {
  gint64      household_id;
  const char *kind;
  int         day;
} Measure;

static void
signal_history_free (SmSignalHistory *h)
{
  g_free (h->signal.needs);
  g_array_unref (h->steps);
  g_free (h);
}

static void
case_history_free (SmCaseHistory *h)
{
  g_array_unref (h->steps);
  g_free (h);
}

static gboolean
add_step (GArray      *steps,
          gboolean     is_case,
          int          from,
          int          to,
          GDateTime   *at,
          int          day,
          const char  *by,
          const char  *note,
          GError     **error)
{
  SmStepRecord step = { .by = by, .note = note };

  if (!(is_case ? sm_case_check_step (from, to, by, note, error) : sm_signal_check_step (from, to, by, note, error)))
    return FALSE;
  step.from = sm_enum_to_nick (is_case ? SM_TYPE_CASE_STAGE : SM_TYPE_SIGNAL_STATE, from);
  step.to = sm_enum_to_nick (is_case ? SM_TYPE_CASE_STAGE : SM_TYPE_SIGNAL_STATE, to);
  if (at != NULL)
    {
      g_autofree char *text = g_date_time_format (at, "%Y-%m-%d %H:%M");

      g_strlcpy (step.at, text, sizeof step.at);
    }
  else
    {
      GDate d;
      g_autofree char *text = NULL;

      sm_date_from_epoch_day (day, &d);
      text = sm_date_to_iso (&d);
      g_strlcpy (step.at, text, sizeof step.at);
    }
  g_array_append_val (steps, step);
  return TRUE;
}

static char *
day_text (Plan *p,
          int   day)
{
  GDate d;
  g_autofree char *text = NULL;

  sm_date_from_epoch_day (day, &d);
  text = sm_date_to_iso (&d);
  return g_string_chunk_insert_const (p->text, text);
}

static gboolean
one_signal (Plan                *p,
            const SmDemoSubject *s,
            GHashTable          *open_cases,
            GError             **error)
{
  static const SmSignalState outcomes[] = { SM_SIGNAL_CASE_OPENED, SM_SIGNAL_REFERRED, SM_SIGNAL_IN_CARE,
                                            SM_SIGNAL_UNFOUNDED };
  static const char * const outcome_notes[] = { "case_opened", "referred", "in_care", "unfounded" };
  static const double outcome_weights[] = { 0.35, 0.2, 0.25, 0.2 };
  GRand *rand = p->rand;
  const NeedPlan *plan = plan_for (s->need);
  const char *worker = caseworkers[g_rand_int_range (rand, 0, G_N_ELEMENTS (caseworkers))];
  int day = CLAMP (s->need_day - g_rand_int_range (rand, 0, 20), p->first_day, p->last_day);
  double u = g_rand_double (rand);
  SmSignalUrgency urgency = u < 0.08 ? SM_URGENCY_IMMEDIATE : u < 0.3 ? SM_URGENCY_URGENT : SM_URGENCY_NORMAL;
  g_autoptr(GDateTime) received = moment (day, 7 * 60 + g_rand_int_range (rand, 0, 9 * 60));
  g_autoptr(GDateTime) assessed = NULL, answered = NULL, due = NULL;
  g_autofree char *received_text = g_date_time_format (received, "%Y-%m-%d %H:%M");
  const char *member = plan->members[g_rand_int_range (rand, 0, 5)];
  SmSignalHistory *h = g_new0 (SmSignalHistory, 1);
  SmSignalRecord *r = &h->signal;
  int late, outcome;
  double x;

  h->steps = g_array_new (FALSE, FALSE, sizeof (SmStepRecord));
  g_ptr_array_add (p->signals, h);
  *r = (SmSignalRecord) { .received_at = g_string_chunk_insert_const (p->text, received_text),
                          .member_kind = (char *) member,
                          .channel = (char *) (urgency == SM_URGENCY_IMMEDIATE ? "phone"
                                               : g_rand_double (rand) < 0.6 ? "written" : "email"),
                          .household_id = s->id, .about = (char *) "Szintetikus jelzés a bemutató városban",
                          .urgency = urgency, .state = SM_SIGNAL_RECEIVED, .synthetic = TRUE,
                          .signaller = (char *) (g_str_equal (member, "maganszemely") ? NULL
                                                 : "Kapcsolattartó (szintetikus)"),
                          .anonymous = g_str_equal (member, "maganszemely") && g_rand_double (rand) < 0.5 };
  r->needs = g_new0 (char *, 2);
  r->needs[0] = (char *) s->need;

  /* Assessed mostly within its deadline, one in eight late. */
  due = sm_signal_deadline (NULL, urgency, received, FALSE);
  late = g_rand_double (rand) < 0.12 ? g_rand_int_range (rand, 1, 6) * 24 * 60 : 0;
  assessed = g_date_time_add_minutes (received, (int) (g_date_time_difference (due, received) / G_TIME_SPAN_MINUTE *
                                                       g_rand_double (rand) * 0.9) + late);
  if (day_of (assessed) > p->last_day)
    return TRUE;
  if (!add_step (h->steps, FALSE, SM_SIGNAL_RECEIVED, SM_SIGNAL_ASSESSED, assessed, 0, worker, NULL, error))
    return FALSE;
  x = g_rand_double (rand);
  for (outcome = 0; outcome < 3 && x >= outcome_weights[outcome]; outcome++)
    x -= outcome_weights[outcome];
  if (!add_step (h->steps, FALSE, SM_SIGNAL_ASSESSED, outcomes[outcome], assessed, 0, worker,
                 outcome_notes[outcome], error))
    return FALSE;
  r->state = outcomes[outcome];
  g_clear_pointer (&due, g_date_time_unref);
  due = sm_signal_deadline (NULL, urgency, received, TRUE);
  answered = g_date_time_add_minutes (assessed, g_rand_int_range (rand, 60, 1 + (int) MAX (120,
    g_date_time_difference (due, assessed) / G_TIME_SPAN_MINUTE * (g_rand_double (rand) < 0.1 ? 2.0 : 0.9))));
  if (day_of (answered) <= p->last_day)
    {
      if (!add_step (h->steps, FALSE, r->state, SM_SIGNAL_ANSWERED, answered, 0, worker, NULL, error))
        return FALSE;
      r->state = SM_SIGNAL_ANSWERED;
      r->answer = (char *) "Tájékoztatjuk a jelzés nyomán tett lépésekről (szintetikus)";
      r->answered_on = day_text (p, day_of (answered));
    }
  if (outcome != 0 || g_hash_table_contains (open_cases, &s->id))
    return TRUE;

  /* A case on it (one open case per household), through its stages as
   * time allows. */
  {
    SmCaseHistory *c = g_new0 (SmCaseHistory, 1);
    int d = day_of (assessed);
    SmCaseStage stage = SM_CASE_OPENED;

    c->steps = g_array_new (FALSE, FALSE, sizeof (SmStepRecord));
    c->file = (SmCaseFileRecord) { .household_id = s->id, .signal_id = p->signals->len - 1,
                                   .caseworker = (char *) worker, .opened_on = day_text (p, d),
                                   .synthetic = TRUE };
    c->file.stage_since = c->file.opened_on;
    g_ptr_array_add (p->cases, c);
    for (SmCaseStage next = SM_CASE_ASSESSMENT; next <= SM_CASE_CLOSED; next++)
      {
        d += next == SM_CASE_ASSESSMENT ? g_rand_int_range (rand, 1, 10)
             : next == SM_CASE_PLAN ? g_rand_int_range (rand, 10, 40)
             : next == SM_CASE_IN_CARE ? g_rand_int_range (rand, 5, 20) : g_rand_int_range (rand, 90, 600);
        if (d > p->last_day)
          break;
        if (!add_step (c->steps, TRUE, stage, next, NULL, d, worker, NULL, error))
          return FALSE;
        stage = next;
        c->file.stage_since = day_text (p, d);
        if (stage == SM_CASE_IN_CARE)
          {
            Measure m = { s->id, plan->measures[g_rand_double (rand) < 0.6 ? 0 : g_rand_int_range (rand, 1, 3)],
                          MIN (p->last_day, d + g_rand_int_range (rand, 0, 30)) };

            g_array_append_val (p->measures, m);
          }
      }
    c->file.stage = (char *) sm_enum_to_nick (SM_TYPE_CASE_STAGE, stage);
    if (stage == SM_CASE_CLOSED)
      c->file.closed_on = c->file.stage_since;
    else
      g_hash_table_add (open_cases, g_memdup2 (&s->id, sizeof s->id));
  }
  return TRUE;
}

/* Writes the plan: the signals, then the cases on them, then the measures. */
static gboolean
write_plan (SmStore  *store,
            Plan     *p,
            GError  **error)
{
  if (!sm_store_add_signal_histories (store, p->signals, error))
    return FALSE;
  for (guint i = 0; i < p->cases->len; i++)
    {
      SmCaseHistory *c = g_ptr_array_index (p->cases, i);

      c->file.signal_id = ((SmSignalHistory *) g_ptr_array_index (p->signals, c->file.signal_id))->signal.id;
    }
  if (!sm_store_add_case_histories (store, p->cases, error))
    return FALSE;
  for (guint i = 0; i < p->measures->len; i++)
    {
      const Measure *m = &g_array_index (p->measures, Measure, i);
      GDate when;

      sm_date_from_epoch_day (m->day, &when);
      if (sm_intervention_add (store, m->household_id, NULL, NULL, m->kind, &when,
                               "Tatai Család- és Gyermekjóléti Központ (szintetikus)", NULL, TRUE, error) == 0)
        return FALSE;
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
  g_autoptr(GHashTable) open_cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  static const double pocket_share[] = { 0.55, 0.7, 0.5 };
  Plan p = { .rand = rand, .text = g_string_chunk_new (4096),
             .signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_history_free),
             .cases = g_ptr_array_new_with_free_func ((GDestroyNotify) case_history_free),
             .measures = g_array_new (FALSE, FALSE, sizeof (Measure)), .first_day = first_day,
             .last_day = last_day };
  gboolean ok = TRUE;

  for (guint i = 0; i < subjects->len && ok; i++)
    {
      const SmDemoSubject *s = &g_array_index (subjects, SmDemoSubject, i);
      double share = s->pocket >= 0 && s->pocket < (int) G_N_ELEMENTS (pocket_share) ? pocket_share[s->pocket] : 0.16;

      if (g_rand_double (rand) >= share)
        continue;
      ok = one_signal (&p, s, open_cases, error);
      if (discussed->len < 400 && g_strcmp0 (s->need, "gyermekvedelmi_kockazat") == 0)
        g_array_append_val (discussed, s->id);
    }
  ok = ok && write_plan (store, &p, error);
  g_ptr_array_unref (p.signals);
  g_ptr_array_unref (p.cases);
  g_array_unref (p.measures);
  g_string_chunk_free (p.text);
  if (!ok)
    return FALSE;

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
