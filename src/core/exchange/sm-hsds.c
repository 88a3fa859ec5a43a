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
#include "sm-ogr-private.h"
#include "sm-query.h"
#include "sm-store-catchments.h"
#include "sm-store-services.h"

/* --- ids -------------------------------------------------------------- */

/* The database's namespace for HSDS ids, made once and kept. */
static char *
namespace_of (SmStore  *store,
              GError  **error)
{
  char *ns = NULL;

  if (sm_store_get_meta (store, "hsds.namespace", &ns) && ns != NULL)
    return ns;
  ns = g_uuid_string_random ();
  if (!sm_store_set_meta (store, "hsds.namespace", ns, error))
    g_clear_pointer (&ns, g_free);
  return ns;
}

/* A name-based UUID (version 5 layout) of an entity's row. */
static char *
uuid_of (const char *ns,
         const char *entity,
         gint64      id)
{
  g_autofree char *name = g_strdup_printf ("%s:%s:%lld", ns, entity, (long long) id);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) name, -1);
  g_checksum_get_digest (sum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14],
                          digest[15]);
}

static const char *
hsds_status (const char *status)
{
  if (g_strcmp0 (status, "temporarily_closed") == 0)
    return "temporarily closed";
  if (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "defunct") == 0)
    return status;
  return "inactive";
}

static const char *
our_status (const char *status)
{
  if (g_strcmp0 (status, "temporarily closed") == 0)
    return "temporarily_closed";
  if (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "defunct") == 0 || g_strcmp0 (status, "inactive") == 0)
    return status;
  return "active";
}

/* --- the directory as HSDS objects ------------------------------------- */

static void
add_string (JsonObject *o,
            const char *name,
            const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (o, name, value);
  else
    json_object_set_null_member (o, name);
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
  g_autofree char *ns = namespace_of (store, error);
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
          g_autofree char *sid = uuid_of (ns, "service", p->service_id);
          g_autofree char *oid = uuid_of (ns, "organization", p->organization_id);
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
          json_object_set_string_member (service, "status", hsds_status (s->status));
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
              g_autofree char *kid = uuid_of (ns, "organization_kind", r->id);
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
                  g_autofree char *pid = uuid_of (ns, "phone", r->id);

                  json_object_set_string_member (phone, "id", pid);
                  json_object_set_string_member (phone, "organization_id", oid);
                  json_object_set_string_member (phone, "number", r->phone);
                  json_array_add_object_element (phones, phone);
                }
              json_object_set_string_member (kind_term, "id", ktid);
              json_object_set_string_member (kind_term, "code", r->kind);
              json_object_set_string_member (kind_term, "name", r->kind);
              json_object_set_string_member (kind_term, "description", r->kind);
              json_object_set_string_member (kind_term, "vocabulary", SM_HSDS_KIND_VOCABULARY);
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
            g_autofree char *aid = uuid_of (ns, "service_type", p->service_id);
            g_autofree char *tid = g_strdup_printf ("%s-%s", SM_HSDS_TYPE_VOCABULARY, p->service_type);

            json_object_set_string_member (term, "id", tid);
            json_object_set_string_member (term, "code", p->service_type);
            json_object_set_string_member (term, "name", type_name);
            json_object_set_string_member (term, "description", type_name);
            json_object_set_string_member (term, "vocabulary", SM_HSDS_TYPE_VOCABULARY);
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
              g_autofree char *cid = uuid_of (ns, "service_capacity", p->service_id * 64 + c);
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

          for (guint a = 0; a < areas->len; a++)
            {
              const SmServiceAreaRecord *r = g_ptr_array_index (areas, a);
              g_autofree char *extent = NULL, *aid = NULL;
              JsonObject *o;

              if (r->service_id != p->service_id || (extent = geojson_of (r->geometry)) == NULL)
                continue;
              o = json_object_new ();
              aid = uuid_of (ns, "service_area", r->id);
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
          g_autofree char *lid = uuid_of (ns, "location", p->location_id);
          g_autofree char *salid = uuid_of (ns, "service_at_location", p->service_id * 1000003 + p->location_id);
          g_autofree char *adid = uuid_of (ns, "address", p->location_id);
          g_autofree char *oid = uuid_of (ns, "organization", p->organization_id);
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
  { "phone", "id:string,organization_id:string,number:string", "organization_id:organization" },
  { "unit", "id:string,name:string", NULL },
  { "service_capacity", "id:string,service_id:string,unit_id:string,available:number,maximum:number,updated:string",
    "service_id:service" },
  { "service_area", "id:string,service_id:string,name:string,extent:string,extent_type:string",
    "service_id:service" },
  { "taxonomy_term", "id:string,code:string,name:string,description:string,vocabulary:string", NULL },
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

          table_row (table_named (tables, "location"), loc);
          for (guint a = 0; a < json_array_get_length (addresses); a++)
            table_row (table_named (tables, "address"), json_array_get_object_element (addresses, a));
          table_row (table_named (tables, "service_at_location"), sal);
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
      (phones = read_resource (directory, "phone", phone_rows, error)) == NULL)
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
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    services = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    services = array_of (json_node_get_object (root), "services");
  if (services == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” is not HSDS JSON: neither an array of services nor an object with “services”"), path);
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

      if (code != NULL && (vocabulary == NULL || g_strcmp0 (text_of (term, "vocabulary"), vocabulary) == 0 ||
                           text_of (term, "vocabulary") == NULL) && g_strv_contains (codes, code))
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
  GPtrArray    *added;       /* keys of orgs and locations added for the service being imported */
} Import;

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
                       .phone = phones && json_array_get_length (phones) > 0
                                ? (char *) text_of (object_at (phones, 0), "number") : NULL };
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
                   .settlement = (char *) text_of (address, "city") };
  gint64 our;

  if (known != NULL)
    return *(gint64 *) known;
  if (number_of (loc, "latitude", &l.lat) && number_of (loc, "longitude", &l.lon))
    {
      l.has_location = TRUE;
      l.quality = SM_GEOCODE_MANUAL;
    }
  else if (im->geocoder != NULL && l.address_raw != NULL)
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
                        .url = (char *) text_of (s, "url"), .status = (char *) our_status (text_of (s, "status")),
                        .fees = (char *) text_of (s, "fees_description"),
                        .eligibility = (char *) text_of (s, "eligibility_description"),
                        .service_type = (char *) type, .capacity = -1, .age_min = -1, .age_max = -1 };
  g_autofree char *today = sm_date_today_iso ();
  double age;
  gint64 id;

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
  if (number_of (s, "minimum_age", &age))
    service.age_min = (int) age;
  if (number_of (s, "maximum_age", &age))
    service.age_max = (int) age;
  if ((service.organization_id = import_organization (im, org, error)) == 0 ||
      (id = sm_store_add_service (im->store, &service, error)) == 0)
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
 * @report: (out caller-allocates): what was imported; each service left
 *   out and why
 *
 * Imports every service that can be, in one transaction; a service whose
 * type is none of the Szt./Gyvt. types is left out and named.
 */
gboolean
sm_hsds_import (SmStore      *store,
                SmGeocoder   *geocoder,
                const char   *path,
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
  im.orgs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  im.added = g_ptr_array_new_with_free_func (g_free);
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
  return ok;
}
