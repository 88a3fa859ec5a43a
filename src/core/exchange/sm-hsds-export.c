#define G_LOG_DOMAIN "sm-hsds"

#include "config.h"

#include <errno.h>
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

/* --- the directory as HSDS objects ------------------------------------- */

/* A text field; one without a value is left out, as HSDS types its
 * fields as strings and null is none. */
static void
add_string (JsonObject *o,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (o, name, value);
}

static char *
geojson_of (GBytes *wkb)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (wkb, &size);
  OGRGeometryH g = NULL;
  char *json, *out;

  if (size == 0 || OGR_G_CreateFromWkb (data, NULL, &g, (int) size) != OGRERR_NONE)
    return NULL;
  json = OGR_G_ExportToJson (g);
  out = g_strdup (json);
  CPLFree (json);
  OGR_G_DestroyGeometry (g);
  return out;
}

/* Every service as an HSDS 3.0 service object, with what it links. */
static JsonArray *
build_services (SmStore  *store,
                GError  **error)
{
  g_autofree char *ns = _sm_hsds_namespace (store, error);
  g_autoptr(GPtrArray) places = NULL, orgs = NULL, areas = NULL, types = NULL;
  g_autoptr(JsonArray) out = json_array_new ();
  gint64 last = 0;
  JsonObject *service = NULL;

  if (ns == NULL || (places = sm_store_list_service_places (store, NULL, error)) == NULL ||
      (orgs = sm_store_list_organizations (store, error)) == NULL ||
      (areas = sm_store_list_service_areas (store, 0, error)) == NULL ||
      (types = sm_store_list_all_service_types (store, TRUE, error)) == NULL)
    return NULL;
  /* The store lists them by service, then location. */
  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);

      if (p->service_id != last)
        {
          g_autoptr(SmService) s = sm_store_get_service (store, p->service_id, error);
          g_autoptr(GPtrArray) capacities = sm_store_list_service_capacities (store, p->service_id, error);
          g_autofree char *sid = _sm_hsds_uuid (ns, "service", p->service_id);
          g_autofree char *oid = _sm_hsds_uuid (ns, "organization", p->organization_id);
          JsonObject *org = json_object_new (), *attribute = json_object_new (), *term = json_object_new ();
          JsonArray *attributes = json_array_new (), *caps = json_array_new (), *service_areas = json_array_new ();
          JsonArray *org_attributes = json_array_new (), *phones = json_array_new ();
          const char *type_name = p->service_type;

          if (s == NULL || capacities == NULL)
            return NULL;
          last = p->service_id;
          service = json_object_new ();
          json_array_add_object_element (out, service);
          json_object_set_string_member (service, "id", sid);
          json_object_set_string_member (service, "organization_id", oid);
          add_string (service, "name", s->name);
          add_string (service, "description", s->description);
          add_string (service, "url", s->url);
          json_object_set_string_member (service, "status", _sm_hsds_status (s->status));
          add_string (service, "fees_description", s->fees);
          add_string (service, "eligibility_description", s->eligibility);
          if (s->age_min >= 0)
            json_object_set_int_member (service, "minimum_age", s->age_min);
          if (s->age_max >= 0)
            json_object_set_int_member (service, "maximum_age", s->age_max);

          for (guint o = 0; o < orgs->len; o++)
            {
              const SmOrganization *r = g_ptr_array_index (orgs, o);
              JsonObject *kind = json_object_new (), *kind_term = json_object_new ();
              g_autofree char *kid = _sm_hsds_uuid (ns, "organization_kind", r->id);
              g_autofree char *ktid = g_strdup_printf ("%s-%s", SM_HSDS_KIND_VOCABULARY, r->kind);

              if (r->id != p->organization_id)
                {
                  json_object_unref (kind);
                  json_object_unref (kind_term);
                  continue;
                }
              json_object_set_string_member (org, "id", oid);
              add_string (org, "name", r->name);
              json_object_set_string_member (org, "description", r->description ? r->description : r->name);
              add_string (org, "email", r->email);
              add_string (org, "website", r->url);
              if (r->phone != NULL)
                {
                  JsonObject *phone = json_object_new ();
                  g_autofree char *pid = _sm_hsds_uuid (ns, "phone", r->id);

                  json_object_set_string_member (phone, "id", pid);
                  json_object_set_string_member (phone, "organization_id", oid);
                  json_object_set_string_member (phone, "number", r->phone);
                  json_array_add_object_element (phones, phone);
                }
              json_object_set_string_member (kind_term, "id", ktid);
              json_object_set_string_member (kind_term, "code", r->kind);
              json_object_set_string_member (kind_term, "name", r->kind);
              json_object_set_string_member (kind_term, "description", r->kind);
              json_object_set_string_member (kind_term, "taxonomy", SM_HSDS_KIND_VOCABULARY);
              json_object_set_string_member (kind, "id", kid);
              json_object_set_string_member (kind, "link_entity", "organization");
              json_object_set_string_member (kind, "link_id", oid);
              json_object_set_object_member (kind, "taxonomy_term", kind_term);
              json_array_add_object_element (org_attributes, kind);
            }
          json_object_set_array_member (org, "phones", phones);
          json_object_set_array_member (org, "attributes", org_attributes);
          json_object_set_object_member (service, "organization", org);

          for (guint t = 0; t < types->len; t++)
            if (g_str_equal (((SmNamedCode *) types->pdata[t])->code, p->service_type))
              type_name = ((SmNamedCode *) types->pdata[t])->name;
          {
            g_autofree char *aid = _sm_hsds_uuid (ns, "service_type", p->service_id);
            g_autofree char *tid = g_strdup_printf ("%s-%s", SM_HSDS_TYPE_VOCABULARY, p->service_type);

            json_object_set_string_member (term, "id", tid);
            json_object_set_string_member (term, "code", p->service_type);
            json_object_set_string_member (term, "name", type_name);
            json_object_set_string_member (term, "description", type_name);
            json_object_set_string_member (term, "taxonomy", SM_HSDS_TYPE_VOCABULARY);
            json_object_set_string_member (attribute, "id", aid);
            json_object_set_string_member (attribute, "link_entity", "service");
            json_object_set_string_member (attribute, "link_id", sid);
            json_object_set_object_member (attribute, "taxonomy_term", term);
            json_array_add_object_element (attributes, attribute);
          }
          json_object_set_array_member (service, "attributes", attributes);

          for (guint c = 0; c < capacities->len; c++)
            {
              const SmCapacity *cap = g_ptr_array_index (capacities, c);
              JsonObject *o = json_object_new (), *unit = json_object_new ();
              g_autofree char *cid = _sm_hsds_uuid (ns, "service_capacity", p->service_id * 64 + c);
              g_autofree char *uid = g_compute_checksum_for_string (G_CHECKSUM_MD5, cap->unit, -1);

              json_object_set_string_member (o, "id", cid);
              json_object_set_string_member (o, "service_id", sid);
              json_object_set_string_member (unit, "id", uid);
              json_object_set_string_member (unit, "name", cap->unit);
              json_object_set_object_member (o, "unit", unit);
              json_object_set_int_member (o, "available", cap->available);
              if (cap->maximum >= 0)
                json_object_set_int_member (o, "maximum", cap->maximum);
              add_string (o, "updated", cap->updated);
              json_array_add_object_element (caps, o);
            }
          json_object_set_array_member (service, "capacities", caps);
          {
            g_autoptr(GArray) hours = sm_store_list_service_schedule (store, p->service_id, error);
            JsonArray *schedules = json_array_new (), *languages = json_array_new (), *contacts = json_array_new ();
            g_auto(GStrv) codes = g_strsplit (s->languages ? s->languages : "", ",", -1);

            if (hours == NULL)
              return NULL;
            for (guint h = 0; h < hours->len; h++)
              {
                const SmScheduleRow *r = &g_array_index (hours, SmScheduleRow, h);
                JsonObject *o = json_object_new ();
                g_autofree char *hid = _sm_hsds_uuid (ns, "schedule", p->service_id * 64 + h);

                json_object_set_string_member (o, "id", hid);
                json_object_set_string_member (o, "service_id", sid);
                json_object_set_string_member (o, "freq", "WEEKLY");
                json_object_set_string_member (o, "byday", r->byday);
                json_object_set_string_member (o, "opens_at", r->opens_at);
                json_object_set_string_member (o, "closes_at", r->closes_at);
                json_array_add_object_element (schedules, o);
              }
            for (guint c = 0; codes[c] != NULL; c++)
              {
                JsonObject *o;
                g_autofree char *lid = NULL;
                char *code = g_strstrip (codes[c]);

                if (*code == '\0')
                  continue;
                o = json_object_new ();
                lid = _sm_hsds_uuid (ns, "language", p->service_id * 64 + c);
                json_object_set_string_member (o, "id", lid);
                json_object_set_string_member (o, "service_id", sid);
                json_object_set_string_member (o, "name", code);
                json_object_set_string_member (o, "code", code);
                json_array_add_object_element (languages, o);
              }
            if (s->contact_name || s->contact_phone || s->contact_email)
              {
                JsonObject *o = json_object_new ();
                JsonArray *numbers = json_array_new ();
                g_autofree char *cid = _sm_hsds_uuid (ns, "contact", p->service_id);

                json_object_set_string_member (o, "id", cid);
                json_object_set_string_member (o, "service_id", sid);
                add_string (o, "name", s->contact_name);
                add_string (o, "email", s->contact_email);
                if (s->contact_phone)
                  {
                    JsonObject *phone = json_object_new ();
                    g_autofree char *pid = _sm_hsds_uuid (ns, "contact_phone", p->service_id);

                    json_object_set_string_member (phone, "id", pid);
                    json_object_set_string_member (phone, "contact_id", cid);
                    json_object_set_string_member (phone, "number", s->contact_phone);
                    json_array_add_object_element (numbers, phone);
                  }
                json_object_set_array_member (o, "phones", numbers);
                json_array_add_object_element (contacts, o);
              }
            json_object_set_array_member (service, "schedules", schedules);
            json_object_set_array_member (service, "languages", languages);
            json_object_set_array_member (service, "contacts", contacts);
          }

          for (guint a = 0; a < areas->len; a++)
            {
              const SmServiceAreaRecord *r = g_ptr_array_index (areas, a);
              g_autofree char *extent = NULL, *aid = NULL;
              JsonObject *o;

              if (r->service_id != p->service_id || (extent = geojson_of (r->geometry)) == NULL)
                continue;
              o = json_object_new ();
              aid = _sm_hsds_uuid (ns, "service_area", r->id);
              json_object_set_string_member (o, "id", aid);
              json_object_set_string_member (o, "service_id", sid);
              add_string (o, "name", r->name);
              json_object_set_string_member (o, "extent", extent);
              json_object_set_string_member (o, "extent_type", "geojson");
              json_array_add_object_element (service_areas, o);
            }
          json_object_set_array_member (service, "service_areas", service_areas);
          json_object_set_array_member (service, "service_at_locations", json_array_new ());
        }
      if (p->location_id != 0)
        {
          g_autoptr(SmLocation) l = sm_store_get_location (store, p->location_id, error);
          g_autofree char *lid = _sm_hsds_uuid (ns, "location", p->location_id);
          g_autofree char *salid = _sm_hsds_uuid (ns, "service_at_location", p->service_id * 1000003 + p->location_id);
          g_autofree char *adid = _sm_hsds_uuid (ns, "address", p->location_id);
          g_autofree char *oid = _sm_hsds_uuid (ns, "organization", p->organization_id);
          JsonObject *sal = json_object_new (), *loc = json_object_new (), *address = json_object_new ();
          JsonArray *addresses = json_array_new ();

          if (l == NULL)
            return NULL;
          json_object_set_string_member (loc, "id", lid);
          json_object_set_string_member (loc, "organization_id", oid);
          json_object_set_string_member (loc, "location_type", "physical");
          add_string (loc, "name", l->name);
          if (l->has_location)
            {
              json_object_set_double_member (loc, "latitude", l->lat);
              json_object_set_double_member (loc, "longitude", l->lon);
            }
          json_object_set_string_member (address, "id", adid);
          json_object_set_string_member (address, "location_id", lid);
          add_string (address, "address_1", l->address_raw);
          add_string (address, "city", l->settlement);
          json_object_set_string_member (address, "state_province", "");
          add_string (address, "postal_code", l->postal_code);
          json_object_set_string_member (address, "country", "HU");
          json_object_set_string_member (address, "address_type", "physical");
          json_array_add_object_element (addresses, address);
          json_object_set_array_member (loc, "addresses", addresses);
          {
            JsonArray *access = json_array_new ();

            if (l->accessibility != NULL)
              {
                JsonObject *a = json_object_new ();
                g_autofree char *aid = _sm_hsds_uuid (ns, "accessibility", p->location_id);

                json_object_set_string_member (a, "id", aid);
                json_object_set_string_member (a, "location_id", lid);
                json_object_set_string_member (a, "description", l->accessibility);
                json_array_add_object_element (access, a);
              }
            json_object_set_array_member (loc, "accessibility", access);
          }
          json_object_set_string_member (sal, "id", salid);
          json_object_set_string_member (sal, "service_id", json_object_get_string_member (service, "id"));
          json_object_set_string_member (sal, "location_id", lid);
          json_object_set_object_member (sal, "location", loc);
          json_array_add_object_element (json_object_get_array_member (service, "service_at_locations"), sal);
        }
    }
  return g_steal_pointer (&out);
}

static gboolean
write_private (const char  *path,
               const char  *text,
               GError     **error)
{
  /* The directory is public; the files are still the writer's alone, as
   * every file the program writes. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

/**
 * sm_hsds_export_json:
 *
 * Writes `{"hsds_version": "3.0", "services": [...]}`.
 */
gboolean
sm_hsds_export_json (SmStore     *store,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(JsonArray) services = build_services (store, error);
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  if (services == NULL)
    return FALSE;
  root = json_object_new ();
  json_object_set_string_member (root, "hsds_version", SM_HSDS_VERSION);
  json_object_set_array_member (root, "services", json_array_ref (services));
  node = json_node_init_object (json_node_alloc (), root);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  return write_private (path, text, error);
}

/* --- CSV and datapackage.json ----------------------------------------- */

typedef struct {
  const char *name;
  const char *fields;         /* name:type, comma separated */
  const char *foreign;        /* field:resource, or NULL */
  GString    *rows;
  GHashTable *seen;           /* ids written */
} Table;

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value != NULL && strpbrk (value, ",\"\n\r") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *c = value; *c; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  else if (value != NULL)
    g_string_append (out, value);
  g_string_append (out, last ? "\r\n" : ",");
}

/* A row of @t from @o's members, in the table's field order, once per id. */
static void
table_row (Table      *t,
           JsonObject *o)
{
  g_auto(GStrv) fields = g_strsplit (t->fields, ",", -1);
  const char *id = json_object_has_member (o, "id") ? json_object_get_string_member (o, "id") : NULL;

  if (id != NULL && !g_hash_table_add (t->seen, g_strdup (id)))
    return;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_auto(GStrv) nt = g_strsplit (fields[i], ":", 2);
      JsonNode *n = json_object_get_member (o, nt[0]);
      g_autofree char *text = NULL;

      if (n != NULL && JSON_NODE_HOLDS_VALUE (n))
        {
          GType type = json_node_get_value_type (n);

          text = type == G_TYPE_STRING ? g_strdup (json_node_get_string (n))
               : type == G_TYPE_DOUBLE ? g_strdup_printf ("%.7f", json_node_get_double (n))
               : type == G_TYPE_INT64 ? g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n))
               : NULL;
        }
      csv_field (t->rows, text, fields[i + 1] == NULL);
    }
}

static const Table table_defs[] = {
  { "organization", "id:string,name:string,description:string,email:string,website:string", NULL },
  { "service", "id:string,organization_id:string,name:string,description:string,url:string,status:string,"
               "fees_description:string,eligibility_description:string,minimum_age:number,maximum_age:number",
    "organization_id:organization" },
  { "location", "id:string,organization_id:string,location_type:string,name:string,latitude:number,longitude:number",
    "organization_id:organization" },
  { "address", "id:string,location_id:string,address_1:string,city:string,state_province:string,postal_code:string,"
               "country:string,address_type:string", "location_id:location" },
  { "service_at_location", "id:string,service_id:string,location_id:string", "service_id:service" },
  { "phone", "id:string,organization_id:string,contact_id:string,number:string", "organization_id:organization" },
  { "contact", "id:string,service_id:string,name:string,email:string", "service_id:service" },
  { "schedule", "id:string,service_id:string,freq:string,byday:string,opens_at:string,closes_at:string",
    "service_id:service" },
  { "language", "id:string,service_id:string,name:string,code:string", "service_id:service" },
  { "accessibility", "id:string,location_id:string,description:string", "location_id:location" },
  { "unit", "id:string,name:string", NULL },
  { "service_capacity", "id:string,service_id:string,unit_id:string,available:number,maximum:number,updated:string",
    "service_id:service" },
  { "service_area", "id:string,service_id:string,name:string,extent:string,extent_type:string",
    "service_id:service" },
  { "taxonomy_term", "id:string,code:string,name:string,description:string,taxonomy:string", NULL },
  { "attribute", "id:string,link_id:string,link_entity:string,taxonomy_term_id:string",
    "taxonomy_term_id:taxonomy_term" },
};

#define N_TABLES G_N_ELEMENTS (table_defs)

static Table *
table_named (Table      *tables,
             const char *name)
{
  for (guint i = 0; i < N_TABLES; i++)
    if (g_str_equal (tables[i].name, name))
      return &tables[i];
  g_assert_not_reached ();
}

static void
attributes_rows (Table     *tables,
                 JsonArray *attributes)
{
  for (guint a = 0; attributes != NULL && a < json_array_get_length (attributes); a++)
    {
      JsonObject *attr = json_array_get_object_element (attributes, a);
      JsonObject *term = json_object_get_object_member (attr, "taxonomy_term");

      json_object_set_string_member (attr, "taxonomy_term_id", json_object_get_string_member (term, "id"));
      table_row (table_named (tables, "taxonomy_term"), term);
      table_row (table_named (tables, "attribute"), attr);
    }
}

static JsonObject *
datapackage (void)
{
  JsonObject *root = json_object_new ();
  JsonArray *resources = json_array_new ();

  json_object_set_string_member (root, "name", "social-map-hsds");
  json_object_set_string_member (root, "profile", "tabular-data-package");
  json_object_set_string_member (root, "hsds_version", SM_HSDS_VERSION);
  for (guint i = 0; i < N_TABLES; i++)
    {
      const Table *tables = table_defs;
      JsonObject *r = json_object_new (), *schema = json_object_new ();
      JsonArray *fields = json_array_new ();
      g_auto(GStrv) list = g_strsplit (tables[i].fields, ",", -1);
      g_autofree char *file = g_strconcat (tables[i].name, ".csv", NULL);

      json_object_set_string_member (r, "name", tables[i].name);
      json_object_set_string_member (r, "path", file);
      json_object_set_string_member (r, "profile", "tabular-data-resource");
      for (guint f = 0; list[f] != NULL; f++)
        {
          g_auto(GStrv) nt = g_strsplit (list[f], ":", 2);
          JsonObject *field = json_object_new ();

          json_object_set_string_member (field, "name", nt[0]);
          json_object_set_string_member (field, "type", nt[1]);
          json_array_add_object_element (fields, field);
        }
      json_object_set_array_member (schema, "fields", fields);
      json_object_set_string_member (schema, "primaryKey", "id");
      if (tables[i].foreign != NULL)
        {
          g_auto(GStrv) fr = g_strsplit (tables[i].foreign, ":", 2);
          JsonArray *keys = json_array_new ();
          JsonObject *key = json_object_new (), *ref = json_object_new ();

          json_object_set_string_member (key, "fields", fr[0]);
          json_object_set_string_member (ref, "resource", fr[1]);
          json_object_set_string_member (ref, "fields", "id");
          json_object_set_object_member (key, "reference", ref);
          json_array_add_object_element (keys, key);
          json_object_set_array_member (schema, "foreignKeys", keys);
        }
      json_object_set_object_member (r, "schema", schema);
      json_array_add_object_element (resources, r);
    }
  json_object_set_array_member (root, "resources", resources);
  return root;
}

/**
 * sm_hsds_export_csv:
 * @directory: made if missing; one CSV per HSDS object and datapackage.json
 */
gboolean
sm_hsds_export_csv (SmStore     *store,
                    const char  *directory,
                    GError     **error)
{
  g_autoptr(JsonArray) services = build_services (store, error);
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *package = NULL, *package_path = NULL;
  Table tables[N_TABLES];
  gboolean ok = TRUE;

  if (services == NULL)
    return FALSE;
  memcpy (tables, table_defs, sizeof tables);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot make the folder “%s”: %s"), directory, g_strerror (errno));
      return FALSE;
    }
  for (guint i = 0; i < N_TABLES; i++)
    {
      g_auto(GStrv) list = g_strsplit (tables[i].fields, ",", -1);

      tables[i].rows = g_string_new (NULL);
      tables[i].seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint f = 0; list[f] != NULL; f++)
        {
          g_auto(GStrv) nt = g_strsplit (list[f], ":", 2);

          csv_field (tables[i].rows, nt[0], list[f + 1] == NULL);
        }
    }
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonObject *s = json_array_get_object_element (services, i);
      JsonObject *org = json_object_get_object_member (s, "organization");
      JsonArray *sals = json_object_get_array_member (s, "service_at_locations");
      JsonArray *caps = json_object_get_array_member (s, "capacities");
      JsonArray *areas = json_object_get_array_member (s, "service_areas");
      JsonArray *phones = json_object_get_array_member (org, "phones");

      table_row (table_named (tables, "organization"), org);
      for (guint p = 0; p < json_array_get_length (phones); p++)
        table_row (table_named (tables, "phone"), json_array_get_object_element (phones, p));
      attributes_rows (tables, json_object_get_array_member (org, "attributes"));
      table_row (table_named (tables, "service"), s);
      attributes_rows (tables, json_object_get_array_member (s, "attributes"));
      for (guint l = 0; l < json_array_get_length (sals); l++)
        {
          JsonObject *sal = json_array_get_object_element (sals, l);
          JsonObject *loc = json_object_get_object_member (sal, "location");
          JsonArray *addresses = json_object_get_array_member (loc, "addresses");

          JsonArray *access = json_object_get_array_member (loc, "accessibility");

          table_row (table_named (tables, "location"), loc);
          for (guint a = 0; a < json_array_get_length (addresses); a++)
            table_row (table_named (tables, "address"), json_array_get_object_element (addresses, a));
          for (guint a = 0; a < json_array_get_length (access); a++)
            table_row (table_named (tables, "accessibility"), json_array_get_object_element (access, a));
          table_row (table_named (tables, "service_at_location"), sal);
        }
      for (const char **name = (const char *[]) { "schedules", "languages", NULL }; *name; name++)
        {
          JsonArray *list = json_object_get_array_member (s, *name);

          for (guint k = 0; k < json_array_get_length (list); k++)
            table_row (table_named (tables, g_str_equal (*name, "schedules") ? "schedule" : "language"),
                       json_array_get_object_element (list, k));
        }
      {
        JsonArray *contacts = json_object_get_array_member (s, "contacts");

        for (guint k = 0; k < json_array_get_length (contacts); k++)
          {
            JsonObject *contact = json_array_get_object_element (contacts, k);
            JsonArray *numbers = json_object_get_array_member (contact, "phones");

            table_row (table_named (tables, "contact"), contact);
            for (guint n = 0; n < json_array_get_length (numbers); n++)
              table_row (table_named (tables, "phone"), json_array_get_object_element (numbers, n));
          }
      }
      for (guint c = 0; c < json_array_get_length (caps); c++)
        {
          JsonObject *cap = json_array_get_object_element (caps, c);
          JsonObject *unit = json_object_get_object_member (cap, "unit");

          json_object_set_string_member (cap, "unit_id", json_object_get_string_member (unit, "id"));
          table_row (table_named (tables, "unit"), unit);
          table_row (table_named (tables, "service_capacity"), cap);
        }
      for (guint a = 0; a < json_array_get_length (areas); a++)
        table_row (table_named (tables, "service_area"), json_array_get_object_element (areas, a));
    }
  for (guint i = 0; i < N_TABLES; i++)
    {
      g_autofree char *file = g_strconcat (tables[i].name, ".csv", NULL);
      g_autofree char *path = g_build_filename (directory, file, NULL);

      ok = ok && write_private (path, tables[i].rows->str, error);
      g_string_free (tables[i].rows, TRUE);
      g_hash_table_unref (tables[i].seen);
      tables[i].rows = NULL;
      tables[i].seen = NULL;
    }
  node = json_node_init_object (json_node_alloc (), datapackage ());
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  package = json_generator_to_data (gen, NULL);
  package_path = g_build_filename (directory, "datapackage.json", NULL);
  json_object_unref (json_node_get_object (node));
  return ok && write_private (package_path, package, error);
}

