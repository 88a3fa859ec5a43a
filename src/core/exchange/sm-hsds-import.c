#define G_LOG_DOMAIN "sm-hsds"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include "sm-coverage.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-hsds.h"
#include "sm-hsds-private.h"
#include "sm-ogr-private.h"
#include "sm-query.h"
#include "sm-store-catchments.h"
#include "sm-store-services.h"

/* --- import ------------------------------------------------------------ */

void
sm_hsds_import_clear (SmHsdsImport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

/* The object at @i of @a, or %NULL when the file has something else there. */
static JsonObject *
object_at (JsonArray *a,
           guint      i)
{
  JsonNode *n = a != NULL && i < json_array_get_length (a) ? json_array_get_element (a, i) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static const char *
text_of (JsonObject *o,
         const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return *json_node_get_string (n) ? json_node_get_string (n) : NULL;
}

/* A number, also as CSV gives it (a string). */
static gboolean
number_of (JsonObject *o,
           const char *name,
           double     *out)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;
  char *end = NULL;

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (n);

      *out = g_ascii_strtod (s, &end);
      return end != s && *end == '\0';
    }
  *out = json_node_get_double (n);
  return TRUE;
}

static JsonArray *
array_of (JsonObject *o,
          const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static JsonObject *
object_of (JsonObject *o,
           const char *name)
{
  JsonNode *n = o ? json_object_get_member (o, name) : NULL;

  return n != NULL && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

/* One CSV of a datapackage as id → row, every value a string. */
static GHashTable *
read_resource (const char  *directory,
               const char  *name,
               GPtrArray   *all_rows,
               GError     **error)
{
  g_autofree char *file = g_strconcat (name, ".csv", NULL);
  g_autofree char *path = g_build_filename (directory, file, NULL);
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return rows;
  ds = _sm_ogr_open_table (path, (const char * const[]) { "HEADERS=FORCE", NULL }, error);
  if (ds == NULL)
    {
      g_hash_table_unref (rows);
      return NULL;
    }
  layer = GDALDatasetGetLayer (ds, 0);
  while (layer != NULL && (f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
      JsonObject *o = json_object_new ();

      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        if (OGR_F_IsFieldSetAndNotNull (f, i))
          json_object_set_string_member (o, OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)),
                                         OGR_F_GetFieldAsString (f, i));
      if (all_rows != NULL)
        g_ptr_array_add (all_rows, json_object_ref (o));
      g_hash_table_insert (rows, g_strdup (text_of (o, "id") ? text_of (o, "id") : ""), o);
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  return rows;
}

/* The rows of @list whose @field is @id, as an array of copies. */
static JsonArray *
rows_with (GPtrArray  *list,
           const char *field,
           const char *id)
{
  JsonArray *out = json_array_new ();

  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_strcmp0 (text_of (list->pdata[i], field), id) == 0)
      json_array_add_object_element (out, json_object_ref (list->pdata[i]));
  return out;
}

static JsonArray *
attributes_for (GPtrArray  *attributes,
                GHashTable *terms,
                const char *id)
{
  JsonArray *out = rows_with (attributes, "link_id", id);

  for (guint i = 0; i < json_array_get_length (out); i++)
    {
      JsonObject *a = json_array_get_object_element (out, i);
      JsonObject *term = g_hash_table_lookup (terms, text_of (a, "taxonomy_term_id") ? text_of (a, "taxonomy_term_id")
                                                                                      : "");

      if (term != NULL)
        json_object_set_object_member (a, "taxonomy_term", json_object_ref (term));
    }
  return out;
}

/* The CSV form read into the same service objects as the JSON form. */
static JsonArray *
services_from_package (const char  *directory,
                       GError     **error)
{
  g_autoptr(GPtrArray) service_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) sal_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) address_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) capacity_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) area_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) attribute_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) phone_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) contact_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) schedule_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) language_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) access_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) contacts = NULL, schedules = NULL, languages = NULL, access = NULL;
  g_autoptr(GHashTable) services = NULL, orgs = NULL, locations = NULL, units = NULL, terms = NULL;
  g_autoptr(GHashTable) sals = NULL, addresses = NULL, capacities = NULL, areas = NULL, attributes = NULL;
  g_autoptr(GHashTable) phones = NULL;
  JsonArray *out;

  if ((services = read_resource (directory, "service", service_rows, error)) == NULL ||
      (orgs = read_resource (directory, "organization", NULL, error)) == NULL ||
      (locations = read_resource (directory, "location", NULL, error)) == NULL ||
      (units = read_resource (directory, "unit", NULL, error)) == NULL ||
      (terms = read_resource (directory, "taxonomy_term", NULL, error)) == NULL ||
      (sals = read_resource (directory, "service_at_location", sal_rows, error)) == NULL ||
      (addresses = read_resource (directory, "address", address_rows, error)) == NULL ||
      (capacities = read_resource (directory, "service_capacity", capacity_rows, error)) == NULL ||
      (areas = read_resource (directory, "service_area", area_rows, error)) == NULL ||
      (attributes = read_resource (directory, "attribute", attribute_rows, error)) == NULL ||
      (phones = read_resource (directory, "phone", phone_rows, error)) == NULL ||
      (contacts = read_resource (directory, "contact", contact_rows, error)) == NULL ||
      (schedules = read_resource (directory, "schedule", schedule_rows, error)) == NULL ||
      (languages = read_resource (directory, "language", language_rows, error)) == NULL ||
      (access = read_resource (directory, "accessibility", access_rows, error)) == NULL)
    return NULL;
  out = json_array_new ();
  for (guint i = 0; i < service_rows->len; i++)
    {
      JsonObject *s = json_object_ref (service_rows->pdata[i]);
      const char *sid = text_of (s, "id") ? text_of (s, "id") : "";
      JsonObject *org = g_hash_table_lookup (orgs, text_of (s, "organization_id") ? text_of (s, "organization_id")
                                                                                   : "");
      JsonArray *sal_list = rows_with (sal_rows, "service_id", sid);
      JsonArray *cap_list = rows_with (capacity_rows, "service_id", sid);

      if (org != NULL)
        {
          org = json_object_ref (org);
          json_object_set_array_member (org, "attributes", attributes_for (attribute_rows, terms, text_of (org, "id")));
          json_object_set_array_member (org, "phones", rows_with (phone_rows, "organization_id", text_of (org, "id")));
          json_object_set_object_member (s, "organization", org);
        }
      json_object_set_array_member (s, "attributes", attributes_for (attribute_rows, terms, sid));
      for (guint l = 0; l < json_array_get_length (sal_list); l++)
        {
          JsonObject *sal = json_array_get_object_element (sal_list, l);
          JsonObject *loc = g_hash_table_lookup (locations, text_of (sal, "location_id") ? text_of (sal, "location_id")
                                                                                          : "");

          if (loc != NULL)
            {
              loc = json_object_ref (loc);
              json_object_set_array_member (loc, "addresses", rows_with (address_rows, "location_id",
                                                                         text_of (loc, "id")));
              json_object_set_array_member (loc, "accessibility", rows_with (access_rows, "location_id",
                                                                             text_of (loc, "id")));
              json_object_set_object_member (sal, "location", loc);
            }
        }
      for (guint c = 0; c < json_array_get_length (cap_list); c++)
        {
          JsonObject *cap = json_array_get_object_element (cap_list, c);
          JsonObject *unit = g_hash_table_lookup (units, text_of (cap, "unit_id") ? text_of (cap, "unit_id") : "");

          if (unit != NULL)
            json_object_set_object_member (cap, "unit", json_object_ref (unit));
        }
      json_object_set_array_member (s, "service_at_locations", sal_list);
      json_object_set_array_member (s, "capacities", cap_list);
      json_object_set_array_member (s, "service_areas", rows_with (area_rows, "service_id", sid));
      json_object_set_array_member (s, "schedules", rows_with (schedule_rows, "service_id", sid));
      json_object_set_array_member (s, "languages", rows_with (language_rows, "service_id", sid));
      {
        JsonArray *list = rows_with (contact_rows, "service_id", sid);

        for (guint k = 0; k < json_array_get_length (list); k++)
          {
            JsonObject *contact = json_array_get_object_element (list, k);

            json_object_set_array_member (contact, "phones", rows_with (phone_rows, "contact_id",
                                                                         text_of (contact, "id")));
          }
        json_object_set_array_member (s, "contacts", list);
      }
      json_array_add_object_element (out, s);
    }
  return out;
}

static JsonArray *
services_from_json (const char  *path,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *services = NULL;

  if (!json_parser_load_from_file (parser, path, error))
    {
      g_prefix_error (error, "%s: ", path);
      if (*error != NULL)
        (*error)->domain = SM_ERROR, (*error)->code = SM_ERROR_FORMAT;
      return NULL;
    }
  /* An array of services; an object with them ("services", or "contents"
   * as a page of the HSDS API gives them); or one service object. */
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    services = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);

      if ((services = array_of (o, "services")) == NULL && (services = array_of (o, "contents")) == NULL &&
          text_of (o, "name") != NULL && (text_of (o, "status") != NULL || object_of (o, "organization") != NULL))
        {
          JsonArray *one = json_array_new ();

          json_array_add_element (one, json_node_copy (root));
          return one;
        }
    }
  if (services == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” is not HSDS JSON: neither services (an array, or an object with “services” or "
                     "“contents”) nor one service"), path);
      return NULL;
    }
  return json_array_ref (services);
}

/* The first taxonomy term of @attributes whose code is one of @codes. */
static const char *
term_code (JsonArray           *attributes,
           const char          *vocabulary,
           const char * const  *codes)
{
  for (guint i = 0; attributes != NULL && i < json_array_get_length (attributes); i++)
    {
      JsonObject *term = object_of (object_at (attributes, i), "taxonomy_term");
      const char *code = text_of (term, "code");
      /* HSDS 3 names the vocabulary "taxonomy"; 2.0 named it "vocabulary". */
      const char *of = text_of (term, "taxonomy") ? text_of (term, "taxonomy") : text_of (term, "vocabulary");

      if (code != NULL && (vocabulary == NULL || of == NULL || g_strcmp0 (of, vocabulary) == 0) &&
          g_strv_contains (codes, code))
        return code;
    }
  return NULL;
}

typedef struct {
  SmStore      *store;
  SmGeocoder   *geocoder;
  SmHsdsImport *report;
  GHashTable   *orgs;        /* HSDS id → our id */
  GHashTable   *locations;   /* HSDS id → our id */
  GStrv         types;       /* our service type codes */
  const char   *default_type; /* for a service with none of them; NULL: left out */
  GPtrArray    *added;       /* keys of orgs and locations added for the service being imported */
  GStringChunk *strings;     /* texts cleaned for the store */
} Import;

/* A phone number without the quotes or spaces some files put round it. */
static char *
phone_of (Import     *im,
          JsonObject *phone)
{
  const char *raw = text_of (phone, "number");
  g_autofree char *clean = NULL;

  if (raw == NULL)
    return NULL;
  clean = g_strstrip (g_strdup (raw));
  while (clean[0] == '"' || clean[0] == '\'')
    memmove (clean, clean + 1, strlen (clean));
  for (size_t n = strlen (clean); n > 0 && (clean[n - 1] == '"' || clean[n - 1] == '\''); n--)
    clean[n - 1] = '\0';
  g_strstrip (clean);
  return *clean ? g_string_chunk_insert (im->strings, clean) : NULL;
}

static gint64
import_organization (Import      *im,
                     JsonObject  *org,
                     GError     **error)
{
  static const char * const kinds[] = { "municipal", "state", "church", "foundation", "ngo", NULL };
  const char *id = text_of (org, "id");
  gpointer known = id ? g_hash_table_lookup (im->orgs, id) : NULL;
  JsonArray *phones = array_of (org, "phones");
  const char *kind = term_code (array_of (org, "attributes"), SM_HSDS_KIND_VOCABULARY, kinds);
  SmOrganization o = { .name = (char *) text_of (org, "name"), .kind = (char *) (kind ? kind : "municipal"),
                       .email = (char *) text_of (org, "email"), .url = (char *) text_of (org, "website"),
                       .phone = phone_of (im, object_at (phones, 0)) };
  gint64 our;

  if (known != NULL)
    return *(gint64 *) known;
  if (o.name == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("an organization without a name"));
      return 0;
    }
  if (text_of (org, "description") != NULL && g_strcmp0 (text_of (org, "description"), o.name) != 0)
    o.description = (char *) text_of (org, "description");
  if ((our = sm_store_add_organization (im->store, &o, error)) == 0)
    return 0;
  if (id != NULL)
    {
      g_hash_table_insert (im->orgs, g_strdup (id), g_memdup2 (&our, sizeof our));
      g_ptr_array_add (im->added, g_strdup (id));
    }
  im->report->n_organizations++;
  return our;
}

static gint64
import_location (Import      *im,
                 JsonObject  *loc,
                 gint64       organization_id,
                 GError     **error)
{
  const char *id = text_of (loc, "id");
  gpointer known = id ? g_hash_table_lookup (im->locations, id) : NULL;
  JsonArray *addresses = array_of (loc, "addresses");
  JsonObject *address = addresses && json_array_get_length (addresses) > 0
                        ? object_at (addresses, 0) : NULL;
  SmLocation l = { .organization_id = organization_id, .name = (char *) text_of (loc, "name"),
                   .address_raw = (char *) text_of (address, "address_1"),
                   .postal_code = (char *) text_of (address, "postal_code"),
                   .settlement = (char *) text_of (address, "city"),
                   .accessibility = (char *) text_of (object_at (array_of (loc, "accessibility"), 0), "description") };
  gint64 our;

  if (known != NULL)
    return *(gint64 *) known;
  if (number_of (loc, "latitude", &l.lat) && number_of (loc, "longitude", &l.lon))
    {
      /* A position off the Earth is not kept: the address may place it. */
      if (fabs (l.lat) <= 90 && fabs (l.lon) <= 180 && (l.lat != 0 || l.lon != 0))
        {
          l.has_location = TRUE;
          l.quality = SM_GEOCODE_MANUAL;
        }
      else
        g_ptr_array_add (im->report->problems,
                         g_strdup_printf (_("location “%s”: latitude %g, longitude %g is not a place on Earth; "
                                            "it is placed by its address if it can be"),
                                          l.name ? l.name : "?", l.lat, l.lon));
    }
  if (!l.has_location && im->geocoder != NULL && l.address_raw != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s %s, %s", l.postal_code ? l.postal_code : "",
                                               l.settlement ? l.settlement : "", l.address_raw);
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (im->geocoder, g_strstrip (full));

      if (r->quality != SM_GEOCODE_NONE)
        {
          l.has_location = TRUE;
          l.lat = r->lat;
          l.lon = r->lon;
          l.quality = r->quality;
        }
    }
  if ((our = sm_store_add_location (im->store, &l, error)) == 0)
    return 0;
  if (id != NULL)
    {
      g_hash_table_insert (im->locations, g_strdup (id), g_memdup2 (&our, sizeof our));
      g_ptr_array_add (im->added, g_strdup (id));
    }
  im->report->n_locations++;
  return our;
}

/* The service's contact person, or else the first of its places'. */
static JsonObject *
first_contact (JsonObject *s)
{
  JsonObject *contact = object_at (array_of (s, "contacts"), 0);
  JsonArray *sals = array_of (s, "service_at_locations");

  for (guint i = 0; contact == NULL && sals != NULL && i < json_array_get_length (sals); i++)
    contact = object_at (array_of (object_at (sals, i), "contacts"), 0);
  return contact;
}

static gboolean
import_service (Import      *im,
                JsonObject  *s,
                GError     **error)
{
  const char *type = term_code (array_of (s, "attributes"), NULL, (const char * const *) im->types);
  JsonObject *org = object_of (s, "organization");
  JsonArray *sals = array_of (s, "service_at_locations");
  JsonArray *caps = array_of (s, "capacities");
  JsonArray *areas = array_of (s, "service_areas");
  SmService service = { .name = (char *) text_of (s, "name"), .description = (char *) text_of (s, "description"),
                        .url = (char *) text_of (s, "url"), .status = (char *) _sm_hsds_our_status (text_of (s, "status")),
                        .fees = (char *) text_of (s, "fees_description"),
                        .eligibility = (char *) text_of (s, "eligibility_description"),
                        .service_type = (char *) type, .capacity = -1, .age_min = -1, .age_max = -1 };
  g_autofree char *today = sm_date_today_iso ();
  JsonObject *contact = first_contact (s);
  JsonArray *languages = array_of (s, "languages");
  JsonArray *schedules = array_of (s, "schedules");
  g_autoptr(GString) codes = g_string_new (NULL);
  g_autoptr(GArray) hours = g_array_new (FALSE, TRUE, sizeof (SmScheduleRow));
  double age;
  gint64 id;

  if (type == NULL && im->default_type != NULL)
    service.service_type = (char *) (type = im->default_type);
  if (type == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("no Szt. or Gyvt. service type among its taxonomy terms"));
      return FALSE;
    }
  if (org == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no organization"));
      return FALSE;
    }
  for (guint i = 0; languages != NULL && i < json_array_get_length (languages); i++)
    {
      const char *code = text_of (object_at (languages, i), "code");

      if (code != NULL)
        g_string_append_printf (codes, "%s%s", codes->len ? "," : "", code);
    }
  service.languages = codes->len ? codes->str : NULL;
  service.contact_name = (char *) text_of (contact, "name");
  service.contact_email = (char *) text_of (contact, "email");
  service.contact_phone = phone_of (im, object_at (array_of (contact, "phones"), 0));
  for (guint i = 0; schedules != NULL && i < json_array_get_length (schedules); i++)
    {
      JsonObject *o = object_at (schedules, i);
      const char *byday = text_of (o, "byday"), *opens = text_of (o, "opens_at"), *closes = text_of (o, "closes_at");
      SmScheduleRow r = { 0 };

      /* Weekly hours by day only: other rules of RFC 5545 are not kept. */
      if (byday == NULL || opens == NULL || closes == NULL || strlen (opens) < 5 || strlen (closes) < 5 ||
          (text_of (o, "freq") != NULL && g_ascii_strcasecmp (text_of (o, "freq"), "WEEKLY") != 0))
        continue;
      g_strlcpy (r.byday, byday, sizeof r.byday);
      g_strlcpy (r.opens_at, opens, sizeof r.opens_at);
      g_strlcpy (r.closes_at, closes, sizeof r.closes_at);
      g_array_append_val (hours, r);
    }
  if (number_of (s, "minimum_age", &age))
    service.age_min = (int) age;
  if (number_of (s, "maximum_age", &age))
    service.age_max = (int) age;
  if ((service.organization_id = import_organization (im, org, error)) == 0 ||
      (id = sm_store_add_service (im->store, &service, error)) == 0 ||
      !sm_store_set_service_schedule (im->store, id, hours, error))
    return FALSE;
  for (guint i = 0; sals != NULL && i < json_array_get_length (sals); i++)
    {
      JsonObject *loc = object_of (object_at (sals, i), "location");
      gint64 location;

      if (loc == NULL)
        continue;
      if ((location = import_location (im, loc, service.organization_id, error)) == 0 ||
          !sm_store_link_service_location (im->store, id, location, error))
        return FALSE;
    }
  for (guint i = 0; caps != NULL && i < json_array_get_length (caps); i++)
    {
      JsonObject *cap = object_at (caps, i);
      const char *unit = text_of (object_of (cap, "unit"), "name");
      double available, maximum = -1;
      GDate updated;
      g_autofree char *day = NULL;

      if (unit == NULL || !number_of (cap, "available", &available))
        continue;
      number_of (cap, "maximum", &maximum);
      day = text_of (cap, "updated") && sm_date_parse_any (text_of (cap, "updated"), &updated, NULL)
            ? sm_date_to_iso (&updated) : g_strdup (today);
      if (!sm_store_set_service_capacity (im->store, id, unit, (int) available, (int) maximum, day, error))
        return FALSE;
    }
  for (guint i = 0; areas != NULL && i < json_array_get_length (areas); i++)
    {
      JsonObject *area = object_at (areas, i);
      const char *extent = text_of (area, "extent");
      OGRGeometryH g;
      g_autoptr(GBytes) wkb = NULL;
      guint8 *data;
      int size;

      if (extent == NULL || g_strcmp0 (text_of (area, "extent_type"), "geojson") != 0 ||
          (g = OGR_G_CreateGeometryFromJson (extent)) == NULL)
        continue;
      size = OGR_G_WkbSize (g);
      data = g_malloc (size);
      OGR_G_ExportToIsoWkb (g, wkbNDR, data);
      OGR_G_DestroyGeometry (g);
      wkb = g_bytes_new_take (data, size);
      if (sm_coverage_add_area (im->store, id, text_of (area, "name"), wkb, error) == 0)
        return FALSE;
    }
  im->report->n_services++;
  return TRUE;
}

/**
 * sm_hsds_import:
 * @geocoder: (nullable): places a location given by its address alone
 * @path: an HSDS JSON file, or the datapackage.json (or the folder) of the
 *   CSV form
 * @default_type: (nullable): the type of a service with none of the
 *   Szt./Gyvt. types among its taxonomy terms
 * @report: (out caller-allocates): what was imported; each service left
 *   out and why
 *
 * Imports every service that can be, in one transaction; a service whose
 * type is none of the Szt./Gyvt. types (and no @default_type is given) is
 * left out and named.
 */
gboolean
sm_hsds_import (SmStore      *store,
                SmGeocoder   *geocoder,
                const char   *path,
                const char   *default_type,
                SmHsdsImport *report,
                GError      **error)
{
  g_autoptr(JsonArray) services = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) type_codes = NULL;
  Import im = { .store = store, .geocoder = geocoder, .report = report };
  gboolean ok, began;

  memset (report, 0, sizeof *report);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  _sm_ogr_init ();
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    services = services_from_package (path, error);
  else if (g_str_has_suffix (path, "datapackage.json"))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      services = services_from_package (dir, error);
    }
  else
    services = services_from_json (path, error);
  if (services == NULL || (types = sm_store_list_all_service_types (store, TRUE, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < types->len; i++)
    g_strv_builder_add (codes, ((SmNamedCode *) types->pdata[i])->code);
  im.types = type_codes = g_strv_builder_end (codes);
  if (default_type != NULL && !g_strv_contains ((const char * const *) type_codes, default_type))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a service type"), default_type);
      return FALSE;
    }
  im.default_type = default_type;
  im.orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.added = g_ptr_array_new_with_free_func (g_free);
  im.strings = g_string_chunk_new (1024);
  ok = began = sm_store_begin (store, error);
  for (guint i = 0; ok && i < json_array_get_length (services); i++)
    {
      JsonObject *s = object_at (services, i);
      g_autoptr(GError) problem = NULL;

      if (s == NULL)
        {
          g_ptr_array_add (report->problems, g_strdup_printf (_("service %u: not an object"), i + 1));
          continue;
        }
      if (!sm_store_begin (store, &problem))
        continue;
      g_ptr_array_set_size (im.added, 0);
      if (import_service (&im, s, &problem))
        ok = sm_store_commit (store, error);
      else
        {
          /* What this service added is gone again, and so are their ids. */
          sm_store_rollback (store);
          for (guint k = 0; k < im.added->len; k++)
            {
              g_hash_table_remove (im.orgs, im.added->pdata[k]);
              g_hash_table_remove (im.locations, im.added->pdata[k]);
            }
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_("service %u (%s): %s"), i + 1,
                                            text_of (s, "name") ? text_of (s, "name") : "?", problem->message));
        }
    }
  if (ok)
    ok = sm_store_commit (store, error);
  else if (began)
    sm_store_rollback (store);
  g_hash_table_unref (im.orgs);
  g_hash_table_unref (im.locations);
  g_ptr_array_unref (im.added);
  g_string_chunk_free (im.strings);
  return ok;
}
