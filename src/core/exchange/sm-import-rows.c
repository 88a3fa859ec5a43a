#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-import.h"
#include "sm-ogr-private.h"
#include "sm-case-draft.h"
#include "sm-store-basemap.h"
#include "sm-import-private.h"

/* --- households ------------------------------------------------------- */

void
_sm_import_household_row_free (HouseholdRow *r)
{
  sm_geocode_result_free (r->geocoded);
  g_free (r->key);
  sm_household_clear (&r->household);
  sm_person_clear (&r->person);
  sm_need_clear (&r->need);
  g_free (r);
}

HouseholdRow *
_sm_import_read_household_row (SmStore      *store,
                               const Layout *layout,
                               Coordinates  *coords,
                               OGRFeatureH   feature,
                               guint         row,
                               GError      **error)
{
  g_autoptr(GError) local = NULL;
  HouseholdRow *r = g_new0 (HouseholdRow, 1);
  g_autofree char *x = _sm_import_value_of (layout, feature, "x"), *y = _sm_import_value_of (layout, feature, "y");
  g_autofree char *birth = _sm_import_value_of (layout, feature, "birth_year");
  g_autofree char *category = _sm_import_value_of (layout, feature, "need_category");
  g_autofree char *severity = _sm_import_value_of (layout, feature, "need_severity");
  g_autofree char *assessed = _sm_import_value_of (layout, feature, "need_assessed_on");
  g_autofree char *resolved = _sm_import_value_of (layout, feature, "need_resolved_on");
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

  r->row = row;
  r->household.address_raw = _sm_import_value_of (layout, feature, "address");
  r->household.postal_code = _sm_import_value_of (layout, feature, "postal_code");
  r->household.settlement = _sm_import_value_of (layout, feature, "settlement");
  r->household.settlement_part = _sm_import_value_of (layout, feature, "settlement_part");
  r->key = _sm_import_value_of (layout, feature, "household_key");
  {
    g_autofree char *synthetic = _sm_import_value_of (layout, feature, "synthetic");

    r->synthetic = synthetic != NULL && (g_str_equal (synthetic, "1") ||
                                         g_ascii_strcasecmp (synthetic, "true") == 0 ||
                                         g_ascii_strcasecmp (synthetic, "igen") == 0);
  }

  if (x != NULL || y != NULL)
    {
      double dx, dy;

      if (!_sm_import_parse_number (x, &dx) || !_sm_import_parse_number (y, &dy) ||
          !_sm_import_to_wgs84 (coords, dx, dy, &r->household.lat, &r->household.lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"),
                       x ? x : "", y ? y : "");
          goto bad;
        }
      r->household.has_location = TRUE;
      r->household.quality = SM_GEOCODE_MANUAL;
    }
  else if (geometry != NULL && OGR_G_IsEmpty (geometry))
    {
      /* A feature without a place has no geometry at all; an empty one is
       * a point that could not be read (NaN, a broken ring). */
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("the point is empty or cannot be read"));
      goto bad;
    }
  else if (geometry != NULL)
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
      double px, py, pz = 0;

      if (type != wkbPoint)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                       _("the geometry is a %s, not a point"), OGRGeometryTypeToName (type));
          goto bad;
        }
      px = OGR_G_GetX (geometry, 0);
      py = OGR_G_GetY (geometry, 0);
      if (!isfinite (px) || !isfinite (py))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("the point has no finite coordinates"));
          goto bad;
        }
      /* A file that says metres but holds degrees would put the household
       * a thousand kilometres away. */
      if (coords->layer_projected && fabs (px) <= 180 && fabs (py) <= 180)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("the point %g, %g looks like degrees, but the file says its coordinates "
                         "are metres"), px, py);
          goto bad;
        }
      if (coords->layer_to_wgs84 != NULL && !OCTTransform (coords->layer_to_wgs84, 1, &px, &py, &pz))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("the point cannot be converted to WGS 84"));
          goto bad;
        }
      r->household.lon = px;
      r->household.lat = py;
      r->household.has_location = TRUE;
      r->household.quality = SM_GEOCODE_MANUAL;
    }
  if (r->household.has_location && coords->has_area_of_use &&
      (r->household.lon < coords->use_w || r->household.lon > coords->use_e ||
       r->household.lat < coords->use_s || r->household.lat > coords->use_n))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("the point %.5f, %.5f lies outside the area the file's coordinate system is "
                     "made for"), r->household.lat, r->household.lon);
      goto bad;
    }
  if (r->household.has_location && coords->has_extent &&
      (r->household.lon < coords->ext_w || r->household.lon > coords->ext_e ||
       r->household.lat < coords->ext_s || r->household.lat > coords->ext_n))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("the point %.5f, %.5f is far from every town of the database"),
                   r->household.lat, r->household.lon);
      goto bad;
    }
  /* 0, 0 is what an empty coordinate becomes, not a place. */
  if (r->household.has_location && fabs (r->household.lat) < 1e-9 && fabs (r->household.lon) < 1e-9)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("the point 0, 0 is an empty coordinate, not a place"));
      goto bad;
    }
  {
    const char *texts[] = { r->household.address_raw, r->household.settlement,
                            r->household.settlement_part, r->key };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (texts[i] != NULL && strlen (texts[i]) > MAX_TEXT)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("a value of %zu characters is longer than the %d allowed"),
                       strlen (texts[i]), MAX_TEXT);
          goto bad;
        }
  }
  if (r->household.address_raw == NULL && !r->household.has_location)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("neither an address nor coordinates"));
      goto bad;
    }
  if (r->household.address_raw == NULL)
    r->household.address_raw = g_strdup_printf ("%.6f, %.6f", r->household.lat, r->household.lon);

  r->person.family_name = _sm_import_value_of (layout, feature, "family_name");
  r->person.given_name = _sm_import_value_of (layout, feature, "given_name");
  r->person.sex = _sm_import_value_of (layout, feature, "sex");
  r->person.role = _sm_import_value_of (layout, feature, "role");
  if (birth != NULL)
    {
      gint64 year;

      if (!g_ascii_string_to_signed (birth, 10, 1890, 2100, &year, NULL))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("birth year “%s” is not a year"), birth);
          goto bad;
        }
      r->person.birth_year = (int) year;
    }

  if (category != NULL)
    {
      gint64 id = _sm_import_lookup_category (store, layout->categories, category);
      const SmCategory *c = id > 0 ? sm_store_get_category (store, id) : NULL;

      if (c == NULL)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("unknown need category “%s”"), category);
          goto bad;
        }
      r->need.category = g_strdup (c->code);
      r->need.severity = severity != NULL ? _sm_import_parse_severity (severity) : 2;
      if (r->need.severity == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("severity “%s” is not 1, 2 or 3 (enyhe, közepes, súlyos)"), severity);
          goto bad;
        }
      r->need.assessed_on = assessed != NULL ? _sm_import_date_field (assessed, _("assessed on"), &local)
                                             : sm_date_today_iso ();
      if (r->need.assessed_on == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto bad;
        }
      if (resolved != NULL && (r->need.resolved_on = _sm_import_date_field (resolved, _("resolved on"), &local)) == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto bad;
        }
      r->need.note = _sm_import_value_of (layout, feature, "need_note");
    }
  return r;

bad:
  _sm_import_household_row_free (r);
  return NULL;
}

/* Rows with the same key are one household; without a key column, rows
 * with the same written address. */
char *
_sm_import_group_key (HouseholdRow *r)
{
  if (r->key != NULL)
    return g_strdup (r->key);
  return sm_text_fold (r->household.address_raw);
}

static gboolean
same_person (const SmPerson *a,
             const SmPerson *b)
{
  return g_strcmp0 (a->family_name, b->family_name) == 0 &&
         g_strcmp0 (a->given_name, b->given_name) == 0 && a->birth_year == b->birth_year;
}

/* Places a household that came without coordinates by its address. */
static SmGeocodeResult *
geocode_group (SmGeocoder   *geocoder,
               HouseholdRow *first)
{
  if (first->household.has_location || first->geocoded != NULL)
    return first->geocoded;
  first->geocoded = sm_case_place_by_address (geocoder, &first->household);
  return first->geocoded;
}

/* What a stored household adds to the report and the review list. */
static void
count_household (SmStore        *store,
                 HouseholdRow   *first,
                 SmImportReport *report)
{
  SmGeocodeResult *geocoded = first->geocoded;

  report->n_households++;
  if (geocoded != NULL && geocoded->quality != SM_GEOCODE_NONE)
    report->n_geocoded++;
  if (geocoded != NULL && sm_case_needs_review (geocoded))
    {
      sm_review_add (store, first->household.id, geocoded, NULL);
      report->n_review++;
    }
  else if (geocoded != NULL && geocoded->quality != SM_GEOCODE_NONE)
    report->n_at_address++;
}

/* Writes households with the persons and needs their rows bring, in
 * statements of many rows; the same person on several rows of a
 * household is one person. */
static gboolean
store_groups (SmStore         *store,
              GPtrArray      **groups,
              guint            n_groups,
              gboolean         synthetic,
              SmImportReport  *report,
              GError         **error)
{
  g_autoptr(GPtrArray) firsts = g_ptr_array_sized_new (n_groups);    /* SmHousehold */
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();                 /* SmPerson */
  g_autoptr(GPtrArray) needs = g_ptr_array_new ();                   /* SmNeed */
  g_autoptr(GPtrArray) person_of = g_ptr_array_new ();               /* per need: its SmPerson or NULL */

  for (guint i = 0; i < n_groups; i++)
    {
      HouseholdRow *first = g_ptr_array_index (groups[i], 0);

      first->household.synthetic = synthetic || first->synthetic;
      g_ptr_array_add (firsts, &first->household);
    }
  if (!sm_store_add_households (store, (SmHousehold **) firsts->pdata, firsts->len, error))
    return FALSE;

  for (guint i = 0; i < n_groups; i++)
    {
      GPtrArray *group = groups[i];
      HouseholdRow *first = g_ptr_array_index (group, 0);
      guint group_start = persons->len;

      for (guint j = 0; j < group->len; j++)
        {
          HouseholdRow *r = g_ptr_array_index (group, j);
          SmPerson *person = NULL;

          if (r->person.family_name != NULL)
            {
              for (guint k = group_start; k < persons->len && person == NULL; k++)
                if (same_person (g_ptr_array_index (persons, k), &r->person))
                  person = g_ptr_array_index (persons, k);
              if (person == NULL)
                {
                  person = &r->person;
                  person->household_id = first->household.id;
                  person->synthetic = synthetic || r->synthetic;
                  g_ptr_array_add (persons, person);
                }
            }
          if (r->need.category != NULL)
            {
              r->need.household_id = first->household.id;
              r->need.synthetic = synthetic || r->synthetic;
              g_ptr_array_add (needs, &r->need);
              g_ptr_array_add (person_of, person);
            }
        }
    }
  if (!sm_store_add_persons (store, (SmPerson **) persons->pdata, persons->len, error))
    return FALSE;
  for (guint i = 0; i < needs->len; i++)
    {
      SmPerson *person = g_ptr_array_index (person_of, i);

      ((SmNeed *) g_ptr_array_index (needs, i))->person_id = person != NULL ? person->id : 0;
    }
  if (!sm_store_add_needs (store, (SmNeed **) needs->pdata, needs->len, error))
    return FALSE;
  report->n_persons += persons->len;
  report->n_needs += needs->len;
  return TRUE;
}

/* Every household at once: the way checked rows go in. Any refusal fails
 * the whole; the caller then goes household by household. */
gboolean
_sm_import_store_households_at_once (SmStore                *store,
                                     SmGeocoder             *geocoder,
                                     GPtrArray              *order,
                                     GHashTable             *households,
                                     const SmImportOptions  *options,
                                     SmProgressFunc          progress,
                                     gpointer                progress_data,
                                     GCancellable           *cancellable,
                                     SmImportReport         *report,
                                     GError                **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_sized_new (order->len);

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (households, g_ptr_array_index (order, i));

      if (geocoder != NULL)
        geocode_group (geocoder, g_ptr_array_index (group, 0));
      g_ptr_array_add (groups, group);
      if ((i & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (0.5 + 0.3 * i / (double) order->len, progress_data);
        }
    }
  if (!store_groups (store, (GPtrArray **) groups->pdata, groups->len, options->synthetic, report,
                     error))
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      count_household (store, g_ptr_array_index (group, 0), report);
    }
  return TRUE;
}

/* --- services --------------------------------------------------------- */

gboolean
_sm_import_store_service_row (SmStore       *store,
                              const Layout  *layout,
                              Coordinates   *coords,
                              OGRFeatureH    feature,
                              SmGeocoder    *geocoder,
                              SmImportReport *report,
                              GError       **error)
{
  g_autofree char *org = _sm_import_value_of (layout, feature, "organization");
  g_autofree char *kind = _sm_import_value_of (layout, feature, "organization_kind");
  g_autofree char *name = _sm_import_value_of (layout, feature, "service_name");
  g_autofree char *type = _sm_import_value_of (layout, feature, "service_type");
  g_autofree char *address = _sm_import_value_of (layout, feature, "address");
  g_autofree char *postal = _sm_import_value_of (layout, feature, "postal_code");
  g_autofree char *settlement = _sm_import_value_of (layout, feature, "settlement");
  g_autofree char *x = _sm_import_value_of (layout, feature, "x"), *y = _sm_import_value_of (layout, feature, "y");
  g_autofree char *phone = _sm_import_value_of (layout, feature, "phone");
  g_autofree char *email = _sm_import_value_of (layout, feature, "email");
  g_autofree char *url = _sm_import_value_of (layout, feature, "url");
  SmOrganization o = { 0 };
  SmService s = { 0 };
  SmLocation l = { 0 };
  gint64 org_id, service_id, location_id;

  if (org == NULL && name == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("neither an organization nor a service name"));
      return FALSE;
    }
  if (type == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no service type"));
      return FALSE;
    }
  o = (SmOrganization) { .name = org ? org : name, .kind = kind ? kind : "municipal",
                         .phone = phone, .email = email, .url = url };
  org_id = sm_store_add_organization (store, &o, error);
  if (org_id == 0)
    return FALSE;
  s = (SmService) { .organization_id = org_id, .service_type = type, .name = name ? name : org,
                    .capacity = -1, .age_min = -1, .age_max = -1, .status = "active", .url = url };
  service_id = sm_store_add_service (store, &s, error);
  if (service_id == 0)
    return FALSE;
  l = (SmLocation) { .organization_id = org_id, .name = name, .address_raw = address,
                     .postal_code = postal, .settlement = settlement };
  if (x != NULL && y != NULL)
    {
      double dx, dy;

      if (!_sm_import_parse_number (x, &dx) || !_sm_import_parse_number (y, &dy) ||
          !_sm_import_to_wgs84 (coords, dx, dy, &l.lat, &l.lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"), x, y);
          return FALSE;
        }
      l.has_location = TRUE;
      l.quality = SM_GEOCODE_MANUAL;
    }
  else if (address != NULL && geocoder != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s%s%s%s%s", postal ? postal : "", postal ? " " : "",
                                               settlement ? settlement : "", settlement ? ", " : "",
                                               address);
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (geocoder, full);

      if (r->quality != SM_GEOCODE_NONE)
        {
          l.has_location = TRUE;
          l.lat = r->lat;
          l.lon = r->lon;
          l.quality = r->quality;
          report->n_geocoded++;
        }
    }
  location_id = sm_store_add_location (store, &l, error);
  if (location_id == 0 || !sm_store_link_service_location (store, service_id, location_id, error))
    return FALSE;
  report->n_services++;
  return TRUE;
}

/* --- an address register --------------------------------------------- */

gboolean
_sm_import_store_address_row (SmStore         *store,
                              const Layout    *layout,
                              Coordinates     *coords,
                              OGRFeatureH      feature,
                              SmImportReport  *report,
                              GError         **error)
{
  g_autofree char *street = _sm_import_value_of (layout, feature, "street");
  g_autofree char *number = _sm_import_value_of (layout, feature, "house_number");
  g_autofree char *postcode = _sm_import_value_of (layout, feature, "postal_code");
  g_autofree char *city = _sm_import_value_of (layout, feature, "settlement");
  g_autofree char *x = _sm_import_value_of (layout, feature, "x"), *y = _sm_import_value_of (layout, feature, "y");
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  double lat = 0, lon = 0;

  if (street == NULL || number == NULL || !g_ascii_isdigit (*number))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no street or no house number"));
      return FALSE;
    }
  if (x != NULL && y != NULL)
    {
      double dx, dy;

      if (!_sm_import_parse_number (x, &dx) || !_sm_import_parse_number (y, &dy) || !_sm_import_to_wgs84 (coords, dx, dy, &lat, &lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"), x, y);
          return FALSE;
        }
    }
  else if (geometry != NULL && wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPoint)
    {
      double z = 0;

      lon = OGR_G_GetX (geometry, 0);
      lat = OGR_G_GetY (geometry, 0);
      if (coords->layer_to_wgs84 != NULL && !OCTTransform (coords->layer_to_wgs84, 1, &lon, &lat, &z))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("the point cannot be converted to WGS 84"));
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no coordinates and no point"));
      return FALSE;
    }
  {
    SmReferenceAddress address = {
      .street = street, .housenumber = number, .postcode = postcode, .city = city,
      .lat = lat, .lon = lon, .source = "register",
    };

    if (!sm_store_add_reference_address (store, &address, error))
      return FALSE;
  }
  report->n_addresses++;
  return TRUE;
}

/* Household by household, each in a savepoint: what the store refuses is
 * left out with its reason. */
gboolean
_sm_import_store_households (SmStore                *store,
                             SmGeocoder             *geocoder,
                             GPtrArray              *order,
                             GHashTable             *households,
                             const SmImportOptions  *options,
                             SmProgressFunc          progress,
                             gpointer                progress_data,
                             GCancellable           *cancellable,
                             SmImportReport         *report,
                             GError                **error)
{
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (households, g_ptr_array_index (order, i));
      HouseholdRow *first = g_ptr_array_index (group, 0);
      g_autoptr(GError) local = NULL;

      if (geocoder != NULL)
        geocode_group (geocoder, first);
      if (!sm_store_begin (store, error))
        return FALSE;
      if (store_groups (store, &group, 1, options->synthetic, report, &local))
        {
          count_household (store, first, report);
          sm_store_commit (store, NULL);
        }
      else
        {
          sm_store_rollback (store);
          for (guint k = 0; k < group->len; k++)
            _sm_import_reject (report, ((HouseholdRow *) g_ptr_array_index (group, k))->row, local->message);
        }
      if ((i & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (0.5 + 0.5 * i / (double) order->len, progress_data);
        }
    }
  return TRUE;
}
