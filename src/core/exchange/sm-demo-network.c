#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-coverage.h"
#include "sm-date.h"
#include "sm-demo-private.h"
#include "sm-referral.h"
#include "sm-satisfaction.h"
#include "sm-store-catchments.h"
#include "sm-store-places.h"
#include "sm-store-services.h"

/* The demo's service network: the real providers' catchment is their
 * settlement; synthetic services across the town with circular
 * catchments, capacity and waiting lists; synthetic referrals of the
 * demo's households to the services that answer their needs, each taken
 * through its loop as a service might; paper questionnaires about the
 * services. All synthetic names say so. */

#define METRES_PER_DEGREE 111320.0

static const char * const types[] = {
  "csaladsegites", "etkeztetes", "hazi_segitsegnyujtas", "adossagkezeles",
  "jelzorendszeres_hazi_segitsegnyujtas", "nappali_ellatas_idosek", "biztos_kezdet_gyerekhaz",
  "tamogato_szolgaltatas", "kozossegi_ellatas_szenvedelybeteg", "utcai_szocialis_munka", "bolcsode",
  "csaladok_atmeneti_otthona", "nappali_ellatas_fogyatekos", "ejjeli_menedekhely",
};
static const char * const type_names[] = {
  "Családsegítés", "Szociális étkeztetés", "Házi segítségnyújtás", "Adósságkezelési szolgáltatás",
  "Jelzőrendszeres házi segítségnyújtás", "Idősek nappali ellátása", "Biztos Kezdet Gyerekház",
  "Támogató szolgáltatás", "Közösségi ellátás szenvedélybetegeknek", "Utcai szociális munka", "Bölcsőde",
  "Családok átmeneti otthona", "Fogyatékos személyek nappali ellátása", "Éjjeli menedékhely",
};
static const char * const kinds[] = { "municipal", "church", "foundation", "ngo", "state" };
static const char * const kind_names[] = {
  "Önkormányzati", "Egyházi", "Alapítványi", "Egyesületi", "Állami",
};
static const char * const senders[] = {
  "Kovács Anna (szintetikus)", "Szabó Márta (szintetikus)", "Tóth Gergely (szintetikus)",
};
static const char * const answerers[] = {
  "Fehér Judit (szintetikus)", "Lakatos Béla (szintetikus)", "Pintér Zsófia (szintetikus)",
};

/* The real providers' services serve their own settlement. */
static gboolean
settle_real_providers (SmStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, error);
  g_autoptr(GHashTable) done = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (places == NULL)
    return FALSE;
  for (guint i = 0; i < places->len; i++)
    {
      SmServicePlace *p = g_ptr_array_index (places, i);
      const char *settlement = p->address && strstr (p->address, "Dunaújváros") ? "Dunaújváros" : "Tata";
      g_autoptr(GPtrArray) b = NULL;
      SmServiceAreaRecord area = { .service_id = p->service_id };

      if (g_hash_table_contains (done, &p->service_id))
        continue;
      g_hash_table_add (done, &p->service_id);
      b = sm_store_list_boundary_records (store, "settlement", settlement, error);
      if (b == NULL)
        return FALSE;
      if (b->len == 0)
        continue;
      area.boundary_id = ((SmBoundaryRecord *) b->pdata[0])->id;
      if (sm_store_add_service_area (store, &area, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* A circle of @radius_m around a point as WKB, 24 vertices. */
static GBytes *
circle_wkb (double lat,
            double lon,
            double radius_m)
{
  GByteArray *wkb = g_byte_array_new ();
  guint8 order = 1;
  guint32 type = 3, rings = 1, points = 25;
  double kx = METRES_PER_DEGREE * cos (lat * G_PI / 180);

  g_byte_array_append (wkb, &order, 1);
  g_byte_array_append (wkb, (guint8 *) &type, 4);
  g_byte_array_append (wkb, (guint8 *) &rings, 4);
  g_byte_array_append (wkb, (guint8 *) &points, 4);
  for (guint i = 0; i < points; i++)
    {
      double a = 2 * G_PI * (i % 24) / 24;
      double xy[2] = { lon + radius_m * cos (a) / kx, lat + radius_m * sin (a) / METRES_PER_DEGREE };

      g_byte_array_append (wkb, (guint8 *) xy, sizeof xy);
    }
  return g_byte_array_free_to_bytes (wkb);
}

/* A place of the town: near one of the households, so the services stand
 * where people live. */
static void
place_near (GRand        *rand,
            GArray       *subjects,
            double       *lat,
            double       *lon)
{
  const SmDemoSubject *s = &g_array_index (subjects, SmDemoSubject, g_rand_int_range (rand, 0, subjects->len));
  double r = 150 * sqrt (-2 * log (1 - g_rand_double (rand))), a = 2 * G_PI * g_rand_double (rand);

  *lat = s->lat + r * sin (a) / METRES_PER_DEGREE;
  *lon = s->lon + r * cos (a) / (METRES_PER_DEGREE * cos (s->lat * G_PI / 180));
}

static gboolean
add_synthetic_services (SmStore  *store,
                        GRand    *rand,
                        GArray   *subjects,
                        guint     n,
                        int       last_day,
                        GError  **error)
{
  g_autofree char *updated = NULL;
  GDate day;

  sm_date_from_epoch_day (last_day, &day);
  updated = sm_date_to_iso (&day);
  for (guint i = 0; i < n && subjects->len > 0; i++)
    {
      const char *type = types[i % G_N_ELEMENTS (types)];
      guint kind = g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds));
      g_autofree char *org_name = g_strdup_printf ("%s szolgáltató %u (szintetikus)", kind_names[kind], i + 1);
      g_autofree char *service_name = g_strdup_printf ("%s (szintetikus)", type_names[i % G_N_ELEMENTS (types)]);
      g_autofree char *address = g_strdup_printf ("2890 Tata, Szolgáltatók útja %u. (szintetikus)", i + 1);
      SmOrganization org = { .name = org_name, .kind = (char *) kinds[kind],
                             .description = (char *) "Synthetic demo record" };
      SmService s = { .service_type = (char *) type, .capacity = -1, .age_min = -1, .age_max = -1,
                      .status = (char *) (g_rand_double (rand) < 0.04 ? "temporarily_closed" : "active"),
                      .description = (char *) "Synthetic demo record" };
      SmLocation l = { .address_raw = address, .settlement = (char *) "Tata", .has_location = TRUE,
                       .quality = SM_GEOCODE_MANUAL };
      int maximum = g_rand_int_range (rand, 8, 60);
      int available = g_rand_double (rand) < 0.3 ? 0 : g_rand_int_range (rand, 1, maximum + 1);
      gint64 service, location;

      place_near (rand, subjects, &l.lat, &l.lon);
      s.organization_id = l.organization_id = sm_store_add_organization (store, &org, error);
      s.name = service_name;
      l.name = org_name;
      if (s.organization_id == 0 || (service = sm_store_add_service (store, &s, error)) == 0 ||
          (location = sm_store_add_location (store, &l, error)) == 0 ||
          !sm_store_link_service_location (store, service, location, error) ||
          !sm_store_set_service_capacity (store, service, "férőhely", available, maximum, updated, error) ||
          !sm_store_set_service_waiting_list (store, service, available == 0 ? g_rand_int_range (rand, 1, 16) : 0,
                                              error))
        return FALSE;
      /* Most serve a district around them; some the whole town. */
      if (g_rand_double (rand) < 0.75)
        {
          g_autoptr(GBytes) wkb = circle_wkb (l.lat, l.lon, g_rand_double_range (rand, 600, 2200));
          g_autofree char *area = g_strdup_printf ("Körzet %u (szintetikus)", i + 1);

          if (sm_coverage_add_area (store, service, area, wkb, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

static int
weekday_after (SmWorkCalendar *calendar,
               int             day,
               int             n)
{
  return sm_work_calendar_add (calendar, day, n);
}

/* One subject referred to a service answering its need, and what the
 * service did, up to @last_day. */
static gboolean
refer (SmStore          *store,
       GRand            *rand,
       SmWorkCalendar   *calendar,
       const SmDemoSubject *s,
       GPtrArray        *places,
       int               last_day,
       GError          **error)
{
  const SmServicePlace *p = g_ptr_array_index (places, g_rand_int_range (rand, 0, places->len));
  int sent = MIN (s->need_day + g_rand_int_range (rand, 2, 60), last_day);
  char *needs[] = { (char *) s->need, NULL };
  g_autofree char *sent_on = NULL;
  SmReferralRecord d = { .household_id = s->id, .service_id = p->service_id, .location_id = p->location_id,
                         .reason = (char *) "Szintetikus beutalás", .urgency = (char *) "normal",
                         .consent = TRUE, .sent_by = (char *) senders[g_rand_int_range (rand, 0, 3)],
                         .needs = needs, .synthetic = TRUE };
  const char *by = answerers[g_rand_int_range (rand, 0, 3)];
  double x = g_rand_double (rand);
  int answer, started, ended;
  gint64 id;
  GDate on;

  sm_date_from_epoch_day (sent, &on);
  d.sent_on = sent_on = sm_date_to_iso (&on);
  if ((id = sm_referral_send (store, &d, error)) == 0)
    return FALSE;
  answer = weekday_after (calendar, sent, g_rand_double (rand) < 0.85 ? g_rand_int_range (rand, 0, 3)
                                                                      : g_rand_int_range (rand, 3, 8));
  if (answer > last_day)
    return TRUE;
  sm_date_from_epoch_day (answer, &on);
  if (p->available == 0 && x < 0.6)
    return sm_referral_move (store, id, SM_REFERRAL_DECLINED, by, NULL, SM_DECLINE_NO_CAPACITY, SM_OUTCOME_NONE,
                             &on, error);
  if (x > 0.9)
    {
      SmReferralDecline reason = SM_DECLINE_NOT_ELIGIBLE + g_rand_int_range (rand, 0, 4);

      return sm_referral_move (store, id, SM_REFERRAL_DECLINED, by, NULL, reason, SM_OUTCOME_NONE, &on, error);
    }
  if (x > 0.87)
    return sm_referral_move (store, id, SM_REFERRAL_WITHDRAWN, d.sent_by, "A kliens elköltözött (szintetikus)",
                             SM_DECLINE_NONE, SM_OUTCOME_NONE, &on, error);
  if (!sm_referral_move (store, id, SM_REFERRAL_ACCEPTED, by, NULL, SM_DECLINE_NONE, SM_OUTCOME_NONE, &on, error))
    return FALSE;
  started = answer + g_rand_int_range (rand, 1, 15);
  if (started > last_day)
    return TRUE;
  sm_date_from_epoch_day (started, &on);
  if (!sm_referral_move (store, id, SM_REFERRAL_STARTED, by, NULL, SM_DECLINE_NONE, SM_OUTCOME_NONE, &on, error))
    return FALSE;
  ended = started + g_rand_int_range (rand, 20, 150);
  if (ended > last_day)
    return TRUE;
  sm_date_from_epoch_day (ended, &on);
  x = g_rand_double (rand);
  return sm_referral_move (store, id, SM_REFERRAL_COMPLETED, by, NULL, SM_DECLINE_NONE,
                           x < 0.6 ? SM_OUTCOME_GOT_HELP : x < 0.85 ? SM_OUTCOME_PARTLY : SM_OUTCOME_NOT_HELPED,
                           &on, error);
}

/* Paper questionnaires about each active service, a few a month over the
 * last two years; each service has its own level, the staff are liked a
 * little more than the waiting. */
static gboolean
add_responses (SmStore  *store,
               GRand    *rand,
               int       last_day,
               GError  **error)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, error);
  g_autoptr(GHashTable) done = g_hash_table_new (g_int64_hash, g_int64_equal);
  static const char * const notes[] = {
    "", "", "", "Több időpont kellene (szintetikus)", "Nagyon kedvesek voltak (szintetikus)",
    "Hosszú volt a várakozás (szintetikus)",
  };

  if (places == NULL)
    return FALSE;
  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);
      double level = g_rand_double_range (rand, 2.6, 4.7);
      int n = g_rand_int_range (rand, 0, 40);

      if (!g_str_equal (p->status, "active") || g_hash_table_contains (done, &p->service_id))
        continue;
      g_hash_table_add (done, (gpointer) &p->service_id);
      for (int r = 0; r < n; r++)
        {
          char values[4][2];
          const char *answers[6];
          g_autofree char *day = NULL;
          GDate d;

          for (int q = 0; q < 4; q++)
            {
              double x = level + (q == 2 ? 0.4 : q == 3 ? -0.5 : 0) + g_rand_double_range (rand, -1.4, 1.4);

              values[q][0] = (char) ('0' + CLAMP ((int) lround (x), 1, 5));
              values[q][1] = '\0';
              answers[q] = values[q];
            }
          answers[4] = g_rand_double (rand) < (level - 1) / 4 ? "igen" : "nem";
          answers[5] = notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))];
          sm_date_from_epoch_day (last_day - g_rand_int_range (rand, 0, 730), &d);
          day = sm_date_to_iso (&d);
          if (sm_satisfaction_record (store, 1, p->service_id, p->location_id, day, "paper", answers, 6, TRUE, error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * _sm_demo_add_network:
 * @n_services: how many synthetic services to add
 *
 * The demo's service network and its referrals, from the demo's seed.
 */
gboolean
_sm_demo_add_network (SmStore  *store,
                      guint32   seed,
                      GArray   *subjects,
                      guint     n_services,
                      int       last_day,
                      GError  **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed ^ 0x7e11u);
  g_autoptr(GHashTable) by_need = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  SmReferralRules rules;

  if (!settle_real_providers (store, error) ||
      !add_synthetic_services (store, rand, subjects, n_services, last_day, error) ||
      !sm_referral_rules_load (store, &rules, error))
    return FALSE;
  for (guint i = 0; i < subjects->len; i++)
    {
      const SmDemoSubject *s = &g_array_index (subjects, SmDemoSubject, i);
      GPtrArray *places;

      if (s->need == NULL || g_rand_double (rand) >= (s->pocket >= 0 ? 0.12 : 0.025))
        continue;
      places = g_hash_table_lookup (by_need, s->need);
      if (places == NULL)
        {
          g_autoptr(GPtrArray) all = sm_store_list_service_places (store, s->need, error);

          if (all == NULL)
            goto fail;
          places = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_service_place_free);
          for (guint j = 0; j < all->len; j++)
            if (g_str_equal (((SmServicePlace *) all->pdata[j])->status, "active"))
              g_ptr_array_add (places, g_ptr_array_steal_index (all, j--));
          g_hash_table_insert (by_need, (gpointer) s->need, places);
        }
      if (places->len > 0 && !refer (store, rand, rules.calendar, s, places, last_day, error))
        goto fail;
    }
  sm_referral_rules_clear (&rules);
  return add_responses (store, rand, last_day, error);

fail:
  sm_referral_rules_clear (&rules);
  return FALSE;
}
