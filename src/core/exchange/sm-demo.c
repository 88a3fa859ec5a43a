#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "sm-boundary.h"
#include "sm-data.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-demo-private.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-store-places.h"

/* The demo town: the real boundaries, settlement parts and service
 * providers of Tata, with synthetic households, persons and needs inside
 * them. Every generated record carries synthetic = 1. */

#define TOWN "Tata"
#define YEARS 3
#define METRES_PER_DEGREE 111320.0

typedef struct {
  char   *name;
  char   *postal_code;
  double  lon, lat;
  double  sigma_m;          /* spread of households around the anchor */
  double  weight;           /* population */
} Part;

/* Denser pockets of chosen needs so that hotspots exist to be found. Their
 * needs start later in the history than elsewhere (growth > 1 skews the
 * dates towards the end), so the time slider sees them form. */
typedef struct {
  const char *part;
  double      lon, lat;
  double      sigma_m;
  double      share;        /* of all households */
  const char *categories[2];
  double      growth;
} Pocket;

static const Pocket pockets[] = {
  { "Központi belterület", 18.3335, 47.6405, 160, 0.040,
    { "lakhatas", "jovedelem_adossag" }, 2.5 },
  { "Központi belterület", 18.2985, 47.6590, 140, 0.030,
    { "gyermekvedelmi_kockazat", "munkanelkuliseg" }, 1.0 },
  { "Agostyán", 0, 0, 220, 0.015,
    { "idos_gondozas", "elszigeteltseg" }, 1.5 },
};

/* Generic categories outside the pockets, weighted roughly as a town's
 * caseload might be; a synthetic spread, not a statistic. */
static const struct { const char *code; double weight; } background[] = {
  { "lakhatas", 12 }, { "jovedelem_adossag", 16 }, { "munkanelkuliseg", 11 },
  { "gyermekvedelmi_kockazat", 8 }, { "idos_gondozas", 12 }, { "egeszsegi_allapot", 12 },
  { "fogyatekossag", 6 }, { "szenvedelybetegseg", 6 }, { "hajlektalansag", 2 },
  { "elszigeteltseg", 10 }, { "csaladon_beluli_eroszak", 5 },
};

static const char * const family_names[] = {
  "Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas",
  "Balogh", "Papp", "Takács", "Juhász", "Lakatos", "Mészáros", "Oláh", "Simon", "Rácz", "Fekete",
  "Szilágyi", "Török", "Fehér", "Balázs", "Gál", "Kis", "Szűcs", "Kocsis", "Orsós", "Pintér",
  "Fodor", "Szalai", "Sipos", "Magyar", "Lukács", "Gulyás", "Biró", "Király", "Katona", "László",
};
static const char * const female_names[] = {
  "Mária", "Erzsébet", "Katalin", "Éva", "Ilona", "Anna", "Zsuzsanna", "Margit", "Judit",
  "Ágnes", "Andrea", "Erika", "Krisztina", "Edit", "Gabriella", "Anita", "Szilvia", "Mónika",
  "Eszter", "Viktória", "Hanna", "Anna", "Zoé", "Léna", "Boglárka", "Lili", "Emma", "Jázmin",
};
static const char * const male_names[] = {
  "László", "István", "József", "János", "Zoltán", "Sándor", "Ferenc", "Gábor", "Attila",
  "Péter", "Tamás", "Zsolt", "Tibor", "András", "Csaba", "Imre", "Lajos", "György", "Balázs",
  "Róbert", "Bence", "Máté", "Levente", "Dominik", "Ádám", "Dániel", "Olivér", "Noel",
};
/* Street names found in nearly every Hungarian town; the house numbers and
 * positions are synthetic and do not match Tata's real streets. */
static const char * const streets[] = {
  "Kossuth Lajos utca", "Petőfi Sándor utca", "Ady Endre utca", "Arany János utca",
  "Jókai Mór utca", "Rákóczi Ferenc utca", "Széchenyi István utca", "Deák Ferenc utca",
  "Dózsa György út", "Bajcsy-Zsilinszky utca", "Hunyadi János utca", "Táncsics Mihály utca",
  "Vörösmarty Mihály utca", "Kölcsey Ferenc utca", "Bartók Béla utca", "Kodály Zoltán utca",
  "Munkácsy Mihály utca", "Móricz Zsigmond utca", "Esze Tamás utca", "Fazekas utca",
  "Erzsébet királyné utca", "Baji út", "Szomódi út", "Ady Endre utca", "Agostyáni út",
  "Kertész utca", "Május 1. út", "Új utca", "Tópart utca", "Malom utca",
};

typedef struct {
  SmStore   *store;
  GRand     *rand;
  SmShape   *town;
  GPtrArray *parts;          /* Part */
  double     parts_weight;
  int        first_day;      /* epoch days of the history's span */
  int        last_day;
  int        this_year;
  GArray    *subjects;       /* SmDemoSubject */
} Generator;

static void
part_free (Part *part)
{
  g_free (part->name);
  g_free (part->postal_code);
  g_free (part);
}

static double
uniform (Generator *g)
{
  return g_rand_double (g->rand);
}

static int
pick (Generator *g,
      int        n)
{
  return g_rand_int_range (g->rand, 0, n);
}

static double
gaussian (Generator *g)
{
  double u = 1.0 - uniform (g), v = uniform (g);

  return sqrt (-2.0 * log (u)) * cos (2.0 * G_PI * v);
}

/* A point near the anchor and inside the town; the anchor itself when the
 * spread keeps falling outside (a part at the edge of the boundary). */
static void
place (Generator *g,
       double     lon,
       double     lat,
       double     sigma_m,
       double    *out_lon,
       double    *out_lat)
{
  double m_per_lon = METRES_PER_DEGREE * cos (lat * G_PI / 180.0);

  for (int attempt = 0; attempt < 64; attempt++)
    {
      double x = lon + gaussian (g) * sigma_m / m_per_lon;
      double y = lat + gaussian (g) * sigma_m / METRES_PER_DEGREE;

      if (sm_shape_contains (g->town, x, y))
        {
          /* Rounded to 0.1 m, so a database and its CSV export agree. */
          *out_lon = round (x * 1e7) / 1e7;
          *out_lat = round (y * 1e7) / 1e7;
          return;
        }
    }
  *out_lon = lon;
  *out_lat = lat;
}

static const char *
csv_field (OGRFeatureH  feature,
           const char  *name)
{
  int i = OGR_F_GetFieldIndex (feature, name);

  return i >= 0 ? OGR_F_GetFieldAsString (feature, i) : "";
}

static gboolean
load_parts (Generator  *g,
            GError    **error)
{
  g_autofree char *path = sm_data_find ("settlement_parts.csv", error);
  GDALDatasetH ds;
  OGRFeatureH f;
  gboolean ok = TRUE;

  if (path == NULL || (ds = _sm_ogr_open_vector (path, error)) == NULL)
    return FALSE;

  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  while (ok && (f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *settlement = csv_field (f, "settlement");
      const char *population = csv_field (f, "population");
      double lon = g_ascii_strtod (csv_field (f, "anchor_lon"), NULL);
      double lat = g_ascii_strtod (csv_field (f, "anchor_lat"), NULL);
      SmSettlementPart record = {
        .ksh_code = (char *) csv_field (f, "ksh_code"),
        .settlement = (char *) settlement,
        .name = (char *) csv_field (f, "name"),
        .postal_code = (char *) csv_field (f, "postal_code"),
        .kind = (char *) csv_field (f, "kind"),
        .population = *population ? atoi (population) : -1,
        .dwellings = *csv_field (f, "dwellings") ? atoi (csv_field (f, "dwellings")) : -1,
        .has_anchor = TRUE,
        .anchor_lat = lat,
        .anchor_lon = lon,
        .anchor_quality = (char *) csv_field (f, "anchor_quality"),
      };

      ok = sm_store_add_settlement_part (g->store, &record, error) > 0;

      if (ok && g_str_equal (settlement, TOWN) && atoi (population) > 0)
        {
          Part *part = g_new0 (Part, 1);

          part->name = g_strdup (csv_field (f, "name"));
          part->postal_code = g_strdup (csv_field (f, "postal_code"));
          part->lon = lon;
          part->lat = lat;
          part->weight = atoi (population);
          part->sigma_m = part->weight > 5000 ? 1100 : part->weight > 300 ? 300 : 120;
          g->parts_weight += part->weight;
          g_ptr_array_add (g->parts, part);
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  if (ok && g->parts->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” lists no inhabited settlement part of %s"), path, TOWN);
      ok = FALSE;
    }
  return ok;
}

static const Part *
find_part (Generator  *g,
           const char *name)
{
  for (guint i = 0; i < g->parts->len; i++)
    {
      const Part *part = g_ptr_array_index (g->parts, i);
      if (g_str_equal (part->name, name))
        return part;
    }
  return g_ptr_array_index (g->parts, 0);
}

/* The service types a provider's free-text description names. */
static void
add_services (Generator  *g,
              gint64      organization_id,
              gint64      location_id,
              const char *name,
              const char *description,
              GError    **error)
{
  static const struct { const char *words; const char *type; } types[] = {
    { "jelzőrendszeres", "jelzorendszeres_hazi_segitsegnyujtas" },
    { "házi segítségnyújtás", "hazi_segitsegnyujtas" },
    { "étkeztetés", "etkeztetes" },
    { "melegétel", "etkeztetes" },
    { "családsegítés", "csaladsegites" },
    { "támogató", "tamogato_szolgaltatas" },
    { "nappali ellátás", "nappali_ellatas_idosek" },
    { "idősek otthona", "idosek_otthona" },
  };
  g_auto(GStrv) items = g_strsplit (description, ",", -1);

  for (guint i = 0; items[i] != NULL && (error == NULL || *error == NULL); i++)
    {
      g_autofree char *item = g_utf8_strdown (g_strstrip (items[i]), -1);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          SmService service = { .organization_id = organization_id, .capacity = -1,
                                .age_min = -1, .age_max = -1 };
          gint64 id;

          if (strstr (item, types[t].words) == NULL)
            continue;
          service.service_type = (char *) types[t].type;
          service.name = item;
          id = sm_store_add_service (g->store, &service, error);
          if (id != 0)
            sm_store_link_service_location (g->store, id, location_id, error);
          break;
        }
    }
}

/* The real providers of the sample list. Their street addresses wait for
 * the geocoder; until then they sit at their town's centre, and say so. */
static gboolean
load_providers (Generator  *g,
                GError    **error)
{
  g_autofree char *path = sm_data_find ("social_services_sample.csv", error);
  g_autoptr(GPtrArray) parts = NULL;
  GDALDatasetH ds;
  OGRFeatureH f;
  GError *local = NULL;

  if (path == NULL || (ds = _sm_ogr_open_vector (path, error)) == NULL)
    return FALSE;

  parts = sm_store_list_parts (g->store, NULL, error);
  OGRLayerH layer = GDALDatasetGetLayer (ds, 0);
  while (local == NULL && parts != NULL && (f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      const char *town = csv_field (f, "town");
      const char *name = csv_field (f, "name");
      const char *types = csv_field (f, "service_type");
      g_autofree char *folded = g_utf8_strdown (name, -1);
      g_autofree char *address = g_strdup_printf ("%s %s, %s", csv_field (f, "postal_code"),
                                                  town, csv_field (f, "address"));
      SmOrganization org = { .name = (char *) name, .url = (char *) csv_field (f, "source_url") };
      SmLocation location = { .name = (char *) name, .address_raw = address,
                              .postal_code = (char *) csv_field (f, "postal_code"),
                              .settlement = (char *) town, .quality = SM_GEOCODE_SETTLEMENT };

      org.kind = strstr (folded, "máltai") ? "church" : "municipal";
      org.description = (char *) types;
      /* Placed at the town's central part until geocoded. */
      for (guint i = 0; i < parts->len; i++)
        {
          const SmSettlementPart *part = g_ptr_array_index (parts, i);

          if (g_strcmp0 (part->settlement, town) == 0 &&
              g_strcmp0 (part->kind, "Központi belterület") == 0 && part->has_anchor)
            {
              location.has_location = TRUE;
              location.lat = part->anchor_lat;
              location.lon = part->anchor_lon;
              break;
            }
        }

      location.organization_id = sm_store_add_organization (g->store, &org, &local);
      if (location.organization_id != 0)
        {
          gint64 location_id = sm_store_add_location (g->store, &location, &local);
          if (location_id != 0)
            add_services (g, location.organization_id, location_id, name, types, &local);
        }
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  if (local != NULL)
    {
      g_propagate_prefixed_error (error, local, "%s: ", path);
      return FALSE;
    }
  return parts != NULL;
}

static char *
day_to_iso (int day)
{
  GDate d;

  sm_date_from_epoch_day (day, &d);
  return sm_date_to_iso (&d);
}

static const char *
category_code (gint64 id)
{
  return background[id].code;
}

static guint
background_category (Generator *g,
                     gboolean   elderly,
                     gboolean   children)
{
  double weights[G_N_ELEMENTS (background)], total = 0, x;

  for (guint i = 0; i < G_N_ELEMENTS (background); i++)
    {
      const char *code = background[i].code;

      weights[i] = background[i].weight;
      if (!elderly && (g_str_equal (code, "idos_gondozas") || g_str_equal (code, "elszigeteltseg")))
        weights[i] *= 0.15;
      if (elderly && (g_str_equal (code, "idos_gondozas") || g_str_equal (code, "egeszsegi_allapot")))
        weights[i] *= 2.5;
      if (!children && g_str_equal (code, "gyermekvedelmi_kockazat"))
        weights[i] = 0;
      total += weights[i];
    }
  x = uniform (g) * total;
  for (guint i = 0; i < G_N_ELEMENTS (background); i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return 0;
}

static guint
category_index (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (background); i++)
    if (g_str_equal (background[i].code, code))
      return i;
  g_assert_not_reached ();
}

typedef struct {
  gint64 id;
  int    birth_year;
  gboolean child;
} Member;

static gboolean
add_person (Generator   *g,
            gint64       household,
            const char  *family,
            gboolean     female,
            int          birth_year,
            const char  *role,
            Member      *out,
            GError     **error)
{
  SmPerson p = {
    .household_id = household,
    .family_name = (char *) family,
    .given_name = (char *) (female ? female_names[pick (g, G_N_ELEMENTS (female_names))]
                                   : male_names[pick (g, G_N_ELEMENTS (male_names))]),
    .birth_year = birth_year,
    .sex = female ? "female" : "male",
    .role = (char *) role,
    .synthetic = TRUE,
  };

  out->id = sm_store_add_person (g->store, &p, error);
  out->birth_year = birth_year;
  out->child = g_str_equal (role, "child");
  return out->id != 0;
}

static gboolean
add_household (Generator     *g,
               const Part    *part,
               const Pocket  *pocket,
               GError       **error)
{
  SmHousehold h = { .quality = SM_GEOCODE_ADDRESS, .has_location = TRUE, .synthetic = TRUE };
  const char *family = family_names[pick (g, G_N_ELEMENTS (family_names))];
  g_autofree char *address = NULL;
  Member members[6];
  int n_members = 0, size, n_needs;
  gboolean elderly, children = FALSE;
  double r = uniform (g);

  if (pocket != NULL)
    place (g, pocket->lon ? pocket->lon : part->lon, pocket->lat ? pocket->lat : part->lat,
           pocket->sigma_m, &h.lon, &h.lat);
  else
    place (g, part->lon, part->lat, part->sigma_m, &h.lon, &h.lat);

  if (g_str_equal (part->name, "Központi belterület"))
    address = g_strdup_printf ("%s %s, %s %d.", part->postal_code, TOWN,
                               streets[pick (g, G_N_ELEMENTS (streets))], 1 + pick (g, 140));
  else
    address = g_strdup_printf ("%s %s-%s, %s %d.", part->postal_code, TOWN, part->name,
                               streets[pick (g, G_N_ELEMENTS (streets))], 1 + pick (g, 60));
  h.address_raw = address;
  h.postal_code = part->postal_code;
  h.settlement = TOWN;
  h.settlement_part = part->name;
  h.id = sm_store_add_household (g->store, &h, error);
  if (h.id == 0)
    return FALSE;

  /* Household shape: older people living alone or as a couple, or a family. */
  elderly = pocket && g_str_equal (pocket->categories[0], "idos_gondozas") ? uniform (g) < 0.85
                                                                         : r < 0.35;
  if (elderly)
    {
      int year = g->this_year - 66 - pick (g, 28);
      size = uniform (g) < 0.55 ? 1 : 2;
      if (!add_person (g, h.id, family, uniform (g) < 0.62, year, "head", &members[n_members++],
                       error) ||
          (size == 2 && !add_person (g, h.id, family, uniform (g) < 0.5, year + pick (g, 7) - 3,
                                     "partner", &members[n_members++], error)))
        return FALSE;
    }
  else
    {
      int year = g->this_year - 22 - pick (g, 40);
      int kids = pick (g, 4);
      gboolean couple = uniform (g) < 0.6;

      if (!add_person (g, h.id, family, uniform (g) < 0.55, year, "head", &members[n_members++],
                       error) ||
          (couple && !add_person (g, h.id, family, uniform (g) < 0.5, year + pick (g, 7) - 3,
                                  "partner", &members[n_members++], error)))
        return FALSE;
      for (int k = 0; k < kids; k++)
        {
          int born = year + 20 + pick (g, 20);

          born = MIN (g->this_year, born);
          if (!add_person (g, h.id, family, uniform (g) < 0.5, born, "child",
                           &members[n_members++], error))
            return FALSE;
          children |= g->this_year - born < 18;
        }
    }

  n_needs = 1 + (uniform (g) < 0.45) + (uniform (g) < 0.15);
  for (int i = 0; i < n_needs; i++)
    {
      SmNeed need = { .household_id = h.id, .synthetic = TRUE };
      g_autofree char *assessed = NULL, *resolved = NULL;
      double growth = pocket ? pocket->growth : 1.0;
      int span = g->last_day - g->first_day;
      int day;
      guint cat;

      if (pocket != NULL && uniform (g) < 0.75)
        cat = category_index (pocket->categories[pick (g, 2)]);
      else
        cat = background_category (g, elderly, children);

      day = g->first_day + (int) (span * pow (uniform (g), 1.0 / growth));
      assessed = day_to_iso (day);
      if (uniform (g) < 0.45)
        {
          int end = day + 30 + pick (g, 510);
          if (end <= g->last_day)
            resolved = day_to_iso (end);
        }

      need.category = (char *) category_code (cat);
      need.severity = 1 + (uniform (g) < 0.55) + (uniform (g) < 0.25);
      if (pocket != NULL)
        {
          int worse = need.severity + (uniform (g) < 0.4);
          need.severity = MIN (3, worse);
        }
      need.assessed_on = assessed;
      need.resolved_on = resolved;

      /* Needs about one person name that person. */
      for (int m = 0; m < n_members; m++)
        {
          gboolean kid = members[m].child && g->this_year - members[m].birth_year < 18;
          if ((g_str_equal (need.category, "gyermekvedelmi_kockazat") && kid) ||
              (g_str_equal (need.category, "idos_gondozas") &&
               g->this_year - members[m].birth_year >= 65))
            {
              need.person_id = members[m].id;
              break;
            }
        }
      if (sm_store_add_need (g->store, &need, error) == 0)
        return FALSE;
      if (i == 0)
        {
          SmDemoSubject subject = { .id = h.id, .need = category_code (cat), .need_day = day,
                                    .pocket = pocket ? (int) (pocket - pockets) : -1, .lat = h.lat,
                                    .lon = h.lon };

          g_array_append_val (g->subjects, subject);
        }
    }

  for (int m = 0; m < n_members; m++)
    {
      static const char * const mobility[] = { "independent", "limited", "assisted", "bedridden" };
      int age = g->this_year - members[m].birth_year;
      g_autofree char *assessed = NULL, *visit = NULL;
      SmElderlyAssessment a = { .person_id = members[m].id, .synthetic = TRUE };
      int day, frailty;

      if (age < 65 || uniform (g) > 0.6)
        continue;
      day = g->first_day + pick (g, g->last_day - g->first_day + 1);
      assessed = day_to_iso (day);
      day += pick (g, 120);
      visit = day_to_iso (MIN (g->last_day, day));
      a.assessed_on = assessed;
      a.last_visit_on = visit;
      frailty = (int) (uniform (g) * uniform (g) * 4.5 + (age - 65) / 40.0);
      a.mobility = (char *) mobility[MIN (3, frailty)];
      a.lives_alone = n_members == 1;
      a.chronic_illness = uniform (g) < 0.6;
      a.cognitive_decline = uniform (g) < 0.12 + (age - 65) / 100.0;
      a.alarm_device = uniform (g) < 0.25;
      a.receives_meals = uniform (g) < 0.3;
      if (sm_store_add_elderly_assessment (g->store, &a, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static const Part *
pick_part (Generator *g)
{
  double x = uniform (g) * g->parts_weight;

  for (guint i = 0; i < g->parts->len; i++)
    {
      const Part *part = g_ptr_array_index (g->parts, i);
      if (x < part->weight)
        return part;
      x -= part->weight;
    }
  return g_ptr_array_index (g->parts, g->parts->len - 1);
}

static gboolean
generate (Generator           *g,
          const SmDemoOptions *options,
          SmProgressFunc       progress,
          gpointer             user_data,
          GError             **error)
{
  g_autofree char *region = sm_data_find ("tata_dunaujvaros_region_osm2019.geojson", error);
  GDate until;
  g_autofree char *until_iso = NULL;
  g_autofree char *seed = NULL, *count = NULL;

  if (region == NULL || !sm_boundary_import (g->store, region, NULL, NULL, error))
    return FALSE;
  g->town = sm_boundary_get_shape (g->store, TOWN, "settlement", error);
  if (g->town == NULL || !load_parts (g, error) || !load_providers (g, error)
      || !sm_boundary_derive_parts (g->store, TOWN, NULL, error))
    return FALSE;

  if (options->until != NULL)
    {
      if (!sm_date_parse_iso (options->until, &until, error))
        return FALSE;
    }
  else
    g_date_set_time_t (&until, time (NULL));
  g->last_day = sm_date_to_epoch_day (&until);
  g->first_day = g->last_day - YEARS * 365;
  g->this_year = g_date_get_year (&until);

  for (guint i = 0; i < G_N_ELEMENTS (pockets); i++)
    if (!sm_shape_contains (g->town, pockets[i].lon ? pockets[i].lon : find_part (g, pockets[i].part)->lon,
                            pockets[i].lat ? pockets[i].lat : find_part (g, pockets[i].part)->lat))
      g_warning ("Demo pocket %u lies outside %s", i, TOWN);

  for (guint i = 0; i < options->n_households; i++)
    {
      const Pocket *pocket = NULL;
      double x = uniform (g);

      for (guint p = 0; p < G_N_ELEMENTS (pockets) && pocket == NULL; p++)
        {
          if (x < pockets[p].share)
            pocket = &pockets[p];
          x -= pockets[p].share;
        }
      if (!add_household (g, pocket ? find_part (g, pocket->part) : pick_part (g), pocket, error))
        return FALSE;
      if (progress != NULL && (i + 1) % 1000 == 0)
        progress ((double) (i + 1) / options->n_households, user_data);
    }

  if (!_sm_demo_add_casework (g->store, options->seed, g->subjects, g->first_day, g->last_day, error) ||
      !_sm_demo_add_network (g->store, options->seed, g->subjects,
                             options->n_services ? options->n_services : SM_DEMO_DEFAULT_SERVICES, g->last_day,
                             error) ||
      !_sm_demo_add_roundtable (g->store, g->last_day, error))
    return FALSE;
  until_iso = sm_date_to_iso (&until);
  seed = g_strdup_printf ("%u", options->seed);
  count = g_strdup_printf ("%u", options->n_households);
  return sm_store_set_meta (g->store, "demo.town", TOWN, error) &&
         sm_store_set_meta (g->store, "demo.seed", seed, error) &&
         sm_store_set_meta (g->store, "demo.households", count, error) &&
         sm_store_set_meta (g->store, "demo.until", until_iso, error) &&
         sm_store_set_meta (g->store, "synthetic", "true", error);
}

/**
 * sm_demo_generate:
 *
 * Fills an empty store with the demo town, as one action: on failure the
 * store is left as it was. The same seed and @until give the same records.
 */
gboolean
sm_demo_generate (SmStore             *store,
                  const SmDemoOptions *options,
                  SmProgressFunc       progress,
                  gpointer             user_data,
                  GError             **error)
{
  Generator g = { .store = store };
  gboolean ok;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (sm_store_count (store, "household") > 0 || sm_store_count (store, "boundary") > 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The database “%s” already holds data; the demo needs an empty one"),
                   sm_store_get_path (store));
      return FALSE;
    }

  g.rand = g_rand_new_with_seed (options->seed);
  g.parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);
  g.subjects = g_array_new (FALSE, FALSE, sizeof (SmDemoSubject));

  sm_store_set_cache_size (store, 1024);
  ok = sm_store_begin (store, error);
  if (ok)
    {
      ok = generate (&g, options, progress, user_data, error);
      if (ok)
        ok = sm_store_commit (store, error);
      else
        sm_store_rollback (store);
    }

  sm_store_set_cache_size (store, 64);
  g_clear_pointer (&g.town, sm_shape_free);
  g_ptr_array_unref (g.parts);
  g_array_unref (g.subjects);
  g_rand_free (g.rand);
  return ok;
}
