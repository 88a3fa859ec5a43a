#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-date.h"
#include "sm-demo-private.h"
#include "sm-indicators.h"
#include "sm-programme.h"
#include "sm-store-places.h"
#include "sm-store-roundtable.h"
#include "sm-store-services.h"

/* The demo's social roundtable: four meetings in the last year of the
 * demo's history with participants of the demo's organizations (the
 * persons named are synthetic and say so), the cooperation programme in
 * two versions, its goals and actions about the demo's settlement parts,
 * services and needs (one of them overdue), and targets for some
 * indicators. Everything is marked synthetic where the schema can. */

static char *
day_at (int last_day,
        int before)
{
  GDate d;

  sm_date_from_epoch_day (last_day - before, &d);
  return sm_date_to_iso (&d);
}

static void
participant (SmMeetingRecord *m,
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
opinion (SmMeetingRecord *m,
         int              by,
         const char      *topic,
         const char      *text)
{
  SmOpinionRecord *o = g_new0 (SmOpinionRecord, 1);

  o->participant = by < (int) m->participants->len ? by : -1;
  o->topic = g_strdup (topic);
  o->text = g_strdup (text);
  g_ptr_array_add (m->opinions, o);
}

static void
decision (SmMeetingRecord *m,
          const char      *text)
{
  SmMeetingDecision *d = g_new0 (SmMeetingDecision, 1);

  d->text = g_strdup (text);
  g_ptr_array_add (m->decisions, d);
}

static void
section (SmProgrammeVersion *v,
         const char         *title,
         const char         *body)
{
  SmProgrammeSection *s = g_new0 (SmProgrammeSection, 1);

  s->title = g_strdup (title);
  s->body = g_strdup (body);
  g_ptr_array_add (v->sections, s);
}

static gint64
org_at (GPtrArray *orgs,
        guint      i)
{
  return orgs->len ? ((SmOrganization *) g_ptr_array_index (orgs, i % orgs->len))->id : 0;
}

static gboolean
add_meetings (SmStore    *store,
              GPtrArray  *orgs,
              int         last_day,
              gint64     *first_meeting,
              GError    **error)
{
  static const struct { int before; const char *title; const char *agenda; } meetings[] = {
    { 330, "A szociális kerekasztal alakuló ülése",
      "1. A kerekasztal céljai és működése\n2. A jelzőrendszer tagjainak bemutatkozása\n3. Az együttműködési program tervezete" },
    { 240, "Kerekasztal: lakhatás és adósság", "1. A lakhatási gondok térképe\n2. Adósságkezelés és védendő fogyasztók" },
    { 150, "Kerekasztal: idősek és egészség", "1. Az idősek ellátásának várólistái\n2. A háziorvosok jelzései" },
    { 60, "Kerekasztal: az első év értékelése", "1. A mutatók a célokhoz képest\n2. Az együttműködési program módosítása" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (meetings); i++)
    {
      g_autoptr(SmMeetingRecord) m = sm_meeting_record_new ();

      m->held_on = day_at (last_day, meetings[i].before);
      m->title = g_strdup (meetings[i].title);
      m->place = g_strdup ("Városháza, nagyterem (szintetikus)");
      m->agenda = g_strdup (meetings[i].agenda);
      m->minutes = g_strdup ("Szintetikus jegyzőkönyv a bemutató adatbázishoz. A résztvevők megvitatták a "
                             "napirendi pontokat, a vélemények és a döntések alább olvashatók.");
      m->synthetic = TRUE;
      participant (m, org_at (orgs, 0), NULL, "a kerekasztal elnöke");
      participant (m, org_at (orgs, 1 + i), NULL, "intézményvezető");
      participant (m, 0, "Minta Védőnő (szintetikus)", "védőnő");
      participant (m, 0, "Minta Háziorvos (szintetikus)", "háziorvos");
      participant (m, org_at (orgs, 3 + i), NULL, "civil szervezet");
      switch (i)
        {
        case 0:
          opinion (m, 1, "Működés", "Negyedévente üléseznénk, a jelzőrendszer tagjai mind kapjanak meghívót.");
          opinion (m, -1, "Adatvédelem", "Név nélkül, csak összesített számokról beszéljünk.");
          decision (m, "A kerekasztal negyedévente ülésezik.");
          decision (m, "Az együttműködési program tervezetét a következő ülésig mindenki véleményezi.");
          break;
        case 1:
          opinion (m, 4, "Lakhatás", "Egyre több család kér átmeneti elhelyezést, kevés a férőhely.");
          opinion (m, 2, "Adósság", "A közüzemi hátralékos családok későn kérnek segítséget.");
          opinion (m, -1, "Lakhatás", "A Központi belterületen sűrűsödnek a lakhatási gondok.");
          decision (m, "Adósságkezelési tájékoztató napot szervezünk.");
          break;
        case 2:
          opinion (m, 3, "Idősek", "A házi segítségnyújtás várólistája hosszú.");
          opinion (m, -1, "Egészség", "Agostyánban nincs elég helyben elérhető szolgáltatás.");
          decision (m, "Felmérjük az idősek nappali ellátásának igényét Agostyánban.");
          break;
        default:
          opinion (m, 1, "Értékelés", "A jelzésekre adott válaszidő javult.");
          opinion (m, -1, "Értékelés", "A lefedetlen szükségletek száma nem csökkent.");
          decision (m, "Az együttműködési program 2. változatát elfogadjuk.");
          break;
        }
      if (sm_store_save_meeting (store, m, error) == 0)
        return FALSE;
      if (i == 0)
        *first_meeting = m->id;
    }
  return TRUE;
}

static gboolean
add_programme (SmStore    *store,
               GPtrArray  *orgs,
               int         last_day,
               gint64      first_meeting,
               GError    **error)
{
  static const char * const principles =
    "A kerekasztal tagjai önkéntesen, egyenrangú félként működnek együtt. Ügyfelet név szerint nem "
    "tárgyalunk; a számokat úgy közöljük, hogy öt háztartásnál kisebb csoportról ne lehessen következtetni.";
  static const char * const goals =
    "Csökkenjen a lefedetlen szükséglettel élő háztartások száma; a jelzésekre a határidőn belül "
    "válaszoljunk; a szolgáltatások elérhetőségét a lakosok megismerjék.";

  for (int version = 1; version <= 2; version++)
    {
      g_autoptr(SmProgrammeVersion) v = sm_programme_version_new ();
      g_autofree char *agreed = NULL;

      v->made_on = day_at (last_day, version == 1 ? 300 : 60);
      v->meeting_id = version == 1 ? first_meeting : 0;
      v->note = g_strdup (version == 1 ? "Az első, elfogadott változat (szintetikus)"
                                       : "Lakhatási fejezettel bővítve (szintetikus)");
      section (v, "Alapelvek", principles);
      section (v, "Célok", goals);
      section (v, "Működés", "Negyedéves ülések; a koordinációs iroda készíti elő az anyagokat és a "
                             "kerekasztal-csomagot.");
      if (version == 2)
        section (v, "Lakhatás", "Átmeneti férőhelyek bővítése és adósságkezelési tanácsadás a "
                                "lakhatási gondok sűrűsödési pontjain.");
      if (sm_store_add_programme_version (store, v, error) == 0)
        return FALSE;
      agreed = day_at (last_day, version == 1 ? 295 : 55);
      for (guint o = 0; o < MIN (orgs->len, 4u); o++)
        if (!sm_store_agree_programme (store, v->number, org_at (orgs, o), NULL, agreed, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
add_actions (SmStore    *store,
             GPtrArray  *orgs,
             int         last_day,
             GError    **error)
{
  static const struct {
    int goal; const char *title; int due; const char *status; const char *category; const char *part;
    const char *note;
  } actions[] = {
    { 0, "Adósságkezelési tájékoztató nap", -200, "done", "jovedelem_adossag", "Központi belterület",
      "42 család vett részt (szintetikus)" },
    { 0, "Átmeneti férőhelyek bővítése", -30, "in_progress", "lakhatas", "Központi belterület",
      "A pályázat beadva (szintetikus)" },
    { 1, "Idősek nappali ellátása Agostyánban: igényfelmérés", 20, "in_progress", "idos_gondozas", "Agostyán",
      NULL },
    { 1, "A háziorvosok jelzéseinek egyszerűsítése", 90, "planned", "egeszsegi_allapot", NULL, NULL },
    { 2, "Lakossági szolgáltatásjegyzék kiadása", 45, "planned", NULL, NULL, NULL },
    { 2, "Ifjúsági klub a Tóvárosban", -120, "dropped", "gyermekvedelmi_kockazat", NULL,
      "Nincs rá fenntartó (szintetikus)" },
  };
  static const char * const goal_titles[] = {
    "Lakhatási és adóssággondok enyhítése", "Idősek és betegek elérése", "A szolgáltatások megismertetése",
  };
  gint64 goals[G_N_ELEMENTS (goal_titles)];

  for (guint g = 0; g < G_N_ELEMENTS (goal_titles); g++)
    if ((goals[g] = sm_store_add_goal (store, goal_titles[g], NULL, error)) == 0)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(SmActionRecord) a = sm_action_record_new ();
      gboolean finished = g_str_equal (actions[i].status, "done") || g_str_equal (actions[i].status, "dropped");
      g_autofree char *moved = day_at (last_day, 250 - 20 * (int) i);

      a->goal_id = goals[actions[i].goal];
      a->title = g_strdup (actions[i].title);
      a->owner_id = org_at (orgs, i);
      a->due_on = day_at (last_day, -actions[i].due);
      a->status = g_strdup (finished ? "in_progress" : actions[i].status);
      a->status_on = day_at (last_day, 280 - 20 * (int) i);
      a->synthetic = TRUE;
      if (actions[i].category != NULL)
        {
          SmActionLink *l = g_new0 (SmActionLink, 1);

          l->kind = SM_ACTION_LINK_CATEGORY;
          l->ref_id = sm_store_lookup_category (store, actions[i].category, NULL);
          if (l->ref_id > 0)
            g_ptr_array_add (a->links, l);
          else
            sm_action_link_free (l);
        }
      if (actions[i].part != NULL)
        {
          g_autoptr(GPtrArray) parts = sm_store_list_boundary_records (store, "settlement_part", actions[i].part,
                                                                       NULL);

          if (parts != NULL && parts->len > 0)
            {
              SmActionLink *l = g_new0 (SmActionLink, 1);

              l->kind = SM_ACTION_LINK_AREA;
              l->ref_id = ((SmBoundaryRecord *) g_ptr_array_index (parts, 0))->id;
              g_ptr_array_add (a->links, l);
            }
        }
      if (sm_programme_add_action (store, a, error) == 0)
        return FALSE;
      if (actions[i].note != NULL &&
          !sm_programme_update_action (store, a->id, finished ? actions[i].status : NULL, NULL, moved,
                                       actions[i].note, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * _sm_demo_add_roundtable:
 * @last_day: the demo history's last day (epoch day)
 *
 * The demo's roundtable, its programme and the indicators' targets.
 */
gboolean
_sm_demo_add_roundtable (SmStore  *store,
                         int       last_day,
                         GError  **error)
{
  g_autoptr(GPtrArray) orgs = sm_store_list_organizations (store, error);
  gint64 first_meeting = 0;

  if (orgs == NULL)
    return FALSE;
  return add_meetings (store, orgs, last_day, &first_meeting, error) &&
         add_programme (store, orgs, last_day, first_meeting, error) &&
         add_actions (store, orgs, last_day, error) &&
         sm_indicator_set_target (store, "coverage_gaps", 40, NAN, NULL, error) &&
         sm_indicator_set_target (store, "signal_answer_days", 8, NAN, NULL, error) &&
         sm_indicator_set_target (store, "referral_loop_closed", 80, NAN, NULL, error) &&
         sm_indicator_set_target (store, "satisfaction", 4, NAN, NULL, error);
}
