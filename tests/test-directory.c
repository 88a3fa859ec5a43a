/* The directory's save: a new service of a new organization at an address
 * looked up as a case's is; an edit that changes the address places it
 * again; a bad field writes nothing; the map's services grouped by place
 * list every one of them. */

#include "config.h"

#include "sm-boundary.h"
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sm-demo.h"
#include "sm-error.h"
#include "sm-hsds.h"
#include "sm-store-catchments.h"
#include "sm-geocoder.h"
#include "sm-query.h"
#include "sm-opening-hours.h"
#include "sm-service-draft.h"
#include "sm-service-symbol.h"
#include "sm-store-services.h"
#include "sm-test-util.h"

static void
test_save (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-directory");
  g_autofree char *path = g_build_filename (dir, "directory.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autoptr(SmService) s = NULL;
  g_autoptr(SmLocation) l = NULL;
  g_autoptr(GPtrArray) places = NULL;
  SmServiceDraft d = {
    .organization_name = (char *) "Tatai Baptista Szeretetszolgálat", .organization_kind = (char *) "church",
    .name = (char *) "Idősek nappali ellátása", .service_type = (char *) "nappali_ellatas_idosek",
    .eligibility = (char *) "65 év felett, Tatán élőknek", .fees = (char *) "Térítési díj a jövedelem szerint",
    .age_min = 65, .age_max = -1, .address = (char *) "2890 Tata, Kossuth tér 1.",
    .capacity_unit = (char *) "férőhely", .available = 3, .maximum = 25, .waiting_list = 0,
    .today = "2025-11-03",
  };
  SmServiceDraft bad;
  gboolean placed = FALSE;
  gint64 id, n_orgs;

  g_assert_no_error (error);
  {
    g_autofree char *towns = g_build_filename (g_getenv ("SOCIAL_MAP_DATADIR"), "tata_dunaujvaros_boundary.geojson",
                                               NULL);
    SmBoundaryImportOptions options = { .level = "settlement" };

    g_assert_true (sm_boundary_import (store, towns, &options, NULL, &error));
    g_assert_no_error (error);
  }
  geocoder = sm_geocoder_new (store, &error);
  g_assert_no_error (error);
  id = sm_service_draft_save (store, geocoder, &d, &placed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Without streets, the town's outline places it at the settlement. */
  g_assert_true (placed);
  s = sm_store_get_service (store, id, &error);
  g_assert_cmpstr (s->fees, ==, "Térítési díj a jövedelem szerint");
  g_assert_cmpint (s->age_min, ==, 65);
  l = sm_store_get_service_location (store, id, &error);
  g_assert_cmpstr (l->address_raw, ==, "2890 Tata, Kossuth tér 1.");
  g_assert_cmpstr (l->settlement, ==, "Tata");
  places = sm_store_list_service_places (store, "idos_gondozas", &error);
  g_assert_cmpuint (places->len, ==, 1);
  g_assert_cmpint (((SmServicePlace *) places->pdata[0])->available, ==, 3);

  /* Nothing is written for a bad field, a new organization included. */
  n_orgs = sm_test_scalar (store, "SELECT count(*) FROM organization");
  bad = d;
  bad.organization_name = (char *) "Másik szervezet";
  bad.available = 30;
  g_assert_cmpint (sm_service_draft_save (store, geocoder, &bad, NULL, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  bad = d;
  bad.organization_name = (char *) "Másik szervezet";
  bad.service_type = (char *) "nincs_ilyen";
  g_assert_cmpint (sm_service_draft_save (store, geocoder, &bad, NULL, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM organization"), ==, n_orgs);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service"), ==, 1);

  /* An edit: closed for now, a new address in Dunaújváros. */
  d.service_id = id;
  d.organization_id = s->organization_id;
  d.status = (char *) "temporarily_closed";
  d.address = (char *) "2400 Dunaújváros, Vasmű út 10.";
  g_assert_cmpint (sm_service_draft_save (store, geocoder, &d, &placed, &error), ==, id);
  g_clear_pointer (&l, sm_location_free);
  l = sm_store_get_service_location (store, id, &error);
  g_assert_cmpstr (l->settlement, ==, "Dunaújváros");
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM location"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service WHERE status = 'temporarily_closed'"), ==, 1);
  sm_test_remove_dir (dir);
}

/* Three providers at one address: the map's point lists all three. */
static void
test_grouped_places (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-directory");
  g_autofree char *path = g_build_filename (dir, "directory.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(GPtrArray) points = NULL;
  const char *names[] = { "Első Alapítvány", "Második Egyesület", "Harmadik Egyház" };
  const SmServicePoint *p;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      SmOrganization o = { .name = (char *) names[i], .kind = (char *) "ngo" };
      SmService s = { .service_type = (char *) "etkeztetes", .name = (char *) "Népkonyha", .capacity = -1,
                      .age_min = -1, .age_max = -1, .status = (char *) "active" };
      SmLocation l = { .name = (char *) names[i], .has_location = TRUE, .lat = 47.6501, .lon = 18.3201,
                       .quality = SM_GEOCODE_ADDRESS };
      gint64 service, location;

      s.organization_id = l.organization_id = sm_store_add_organization (store, &o, &error);
      service = sm_store_add_service (store, &s, &error);
      location = sm_store_add_location (store, &l, &error);
      g_assert_true (sm_store_link_service_location (store, service, location, &error));
    }
  points = sm_store_list_service_points (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 1);
  p = points->pdata[0];
  g_assert_cmpuint (p->n_services, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (p->services, names[i]));
  g_assert_cmpstr (p->service_types, ==, "etkeztetes");
  /* Several services at a place are one group, one service its kind. */
  g_assert_cmpint (sm_service_symbol_for_place (p->service_types, p->n_services), ==, SM_SERVICE_SYMBOL_GROUP);
  g_assert_cmpint (sm_service_symbol_for_place (p->service_types, 1), ==, SM_SERVICE_SYMBOL_ELDERLY);
  g_assert_cmpint (sm_service_symbol_for_place (NULL, 1), ==, SM_SERVICE_SYMBOL_OTHER);
  sm_test_remove_dir (dir);
}

/* Every seeded service type has a symbol of its kind, and every kind has
 * a seeded type; a type not seeded has the "other" symbol. */
static void
test_symbols (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-directory");
  g_autofree char *path = g_build_filename (dir, "symbols.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(GPtrArray) types = sm_store_list_all_service_types (store, FALSE, &error);
  guint seen[SM_SERVICE_SYMBOL_GROUP + 1] = { 0 };

  g_assert_no_error (error);
  g_assert_cmpuint (types->len, >=, 39);
  for (guint i = 0; i < types->len; i++)
    {
      const SmNamedCode *t = types->pdata[i];
      SmServiceSymbol symbol = sm_service_symbol_for_type (t->code);

      if (symbol == SM_SERVICE_SYMBOL_OTHER)
        g_error ("The service type %s has no symbol", t->code);
      seen[symbol]++;
    }
  for (int s = SM_SERVICE_SYMBOL_FAMILY; s < SM_SERVICE_SYMBOL_OTHER; s++)
    g_assert_cmpuint (seen[s], >, 0);
  g_assert_cmpint (sm_service_symbol_for_type ("idosek_otthona"), ==, SM_SERVICE_SYMBOL_ELDERLY);
  g_assert_cmpint (sm_service_symbol_for_type ("ejjeli_menedekhely"), ==, SM_SERVICE_SYMBOL_HOMELESS);
  g_assert_cmpint (sm_service_symbol_for_type ("bolcsode"), ==, SM_SERVICE_SYMBOL_CHILDREN);
  g_assert_cmpint (sm_service_symbol_for_type ("no_such_type"), ==, SM_SERVICE_SYMBOL_OTHER);
  sm_test_remove_dir (dir);
}

/* Opening hours as people write them, and written back. */
static void
test_opening_hours (void)
{
  static const struct { const char *text, *rows, *hu, *en; } good[] = {
    { "H–P 8:00–16:00; Szo 9–12", "MO,TU,WE,TH,FR 08:00-16:00|SA 09:00-12:00|", "H–P 8:00–16:00; Szo 9:00–12:00",
      "Mo–Fr 8:00–16:00; Sa 9:00–12:00" },
    { "Mo-Fr 08:00-12:00, 13:00-16:00", "MO,TU,WE,TH,FR 08:00-12:00|MO,TU,WE,TH,FR 13:00-16:00|",
      "H–P 8:00–12:00, 13:00–16:00", "Mo–Fr 8:00–12:00, 13:00–16:00" },
    { "hétfő, szerda 8.30 - 12\ncsütörtök 14-18", "MO,WE 08:30-12:00|TH 14:00-18:00|",
      "H, Sze 8:30–12:00; Cs 14:00–18:00", "Mo, We 8:30–12:00; Th 14:00–18:00" },
    { "Szo–V 0–24", "SA,SU 00:00-24:00|", "Szo, V 0:00–24:00", "Sa, Su 0:00–24:00" },
    { "", "", "", "" },
  };
  static const char * const bad[] = { "8-16", "H-P 16-8", "Hétköznap 8-16", "H-P 8", "H-P 25:00-26:00", "K 8:61-9" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = NULL;
      g_autoptr(GString) got = g_string_new (NULL);
      g_autofree char *hu = NULL, *en = NULL;

      g_assert_true (sm_opening_hours_parse (good[i].text, &rows, &error));
      g_assert_no_error (error);
      for (guint r = 0; r < rows->len; r++)
        {
          const SmScheduleRow *row = &g_array_index (rows, SmScheduleRow, r);

          g_string_append_printf (got, "%s %s-%s|", row->byday, row->opens_at, row->closes_at);
        }
      g_assert_cmpstr (got->str, ==, good[i].rows);
      hu = sm_opening_hours_format (rows, TRUE);
      en = sm_opening_hours_format (rows, FALSE);
      g_assert_cmpstr (hu, ==, good[i].hu);
      g_assert_cmpstr (en, ==, good[i].en);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = NULL;

      if (sm_opening_hours_parse (bad[i], &rows, &error))
        g_error ("“%s” taken as opening hours", bad[i]);
      g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    }
}

static int
by_text (gconstpointer a,
         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* One line per service of what HSDS carries, for comparing two stores. */
static char *
directory_digest (SmStore *store)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = places->pdata[i];
      g_autoptr(SmService) s = sm_store_get_service (store, p->service_id, NULL);
      g_autoptr(GPtrArray) areas = sm_store_list_service_areas (store, p->service_id, NULL);
      g_autoptr(GArray) hours = sm_store_list_service_schedule (store, p->service_id, NULL);
      g_autoptr(SmLocation) l = sm_store_get_service_location (store, p->service_id, NULL);
      g_autofree char *opening = sm_opening_hours_format (hours, TRUE);

      g_ptr_array_add (lines, g_strdup_printf ("%s|%s|%s|%s|%s|%s|%.5f,%.5f|%d/%d|%s|%d-%d|%u|%s|%s|%s|%s|%s|%s",
                                               p->service_name, p->service_type, p->status, p->organization_name,
                                               p->organization_kind, p->address ? p->address : "", p->lat, p->lon,
                                               p->available, p->maximum, s->fees ? s->fees : "", s->age_min,
                                               s->age_max, areas->len, opening, s->languages ? s->languages : "",
                                               s->contact_name ? s->contact_name : "",
                                               s->contact_phone ? s->contact_phone : "",
                                               s->contact_email ? s->contact_email : "",
                                               l && l->accessibility ? l->accessibility : ""));
    }
  g_ptr_array_sort (lines, by_text);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

static SmStore *
empty_store (const char *dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static const char *
json_kind (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "string";
    case G_TYPE_BOOLEAN:
      return "boolean";
    default:
      return "number";
    }
}

/* Every member's path ("service_at_locations/[*]/location/name", written
 * with "*" for an array's elements) and kind. */
static void
collect_paths (JsonNode   *node,
               const char *prefix,
               GHashTable *paths)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          g_autofree char *path = *prefix ? g_strconcat (prefix, "/", name, NULL) : g_strdup (name);

          g_hash_table_insert (paths, g_strdup (path), (gpointer) json_kind (member));
          collect_paths (member, path, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = g_strconcat (prefix, "/*", NULL);
      JsonArray *a = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (a); i++)
        collect_paths (json_array_get_element (a, i), path, paths);
    }
}

/* Each field of our services is where Open Referral's example of a
 * service (tests/data/hsds) has it, of the same kind; beyond it only the
 * keys of the tabular form, HSDS 3.1's capacities and an organization's
 * attributes. */
static void
assert_shaped_as_example (JsonArray *services)
{
  g_autofree char *example = g_build_filename (SM_SOURCE_TESTDATADIR, "hsds", "service_full.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) theirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const char * const keys[] = { "id", "organization_id", "service_id", "location_id", "link_id", "contact_id",
                                       "taxonomy_term_id", NULL };
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer path, kind;

  g_assert_true (json_parser_load_from_file (parser, example, &error));
  g_assert_no_error (error);
  collect_paths (json_parser_get_root (parser), "", theirs);
  for (guint i = 0; i < json_array_get_length (services); i++)
    collect_paths (json_array_get_element (services, i), "", ours);
  g_assert_cmpuint (g_hash_table_size (ours), >, 60);
  g_hash_table_iter_init (&iter, ours);
  while (g_hash_table_iter_next (&iter, &path, &kind))
    {
      const char *last = strrchr (path, '/') ? strrchr (path, '/') + 1 : path;
      const char *expected = g_hash_table_lookup (theirs, path);

      /* HSDS gives an organization attributes of the service's shape;
       * the example has them on its service only. */
      if (expected == NULL && g_str_has_prefix (path, "organization/attributes"))
        expected = g_hash_table_lookup (theirs, (const char *) path + strlen ("organization/"));

      if (g_str_has_prefix (path, "capacities"))
        continue;
      if (expected == NULL && g_strv_contains (keys, last))
        continue;
      if (expected == NULL)
        g_error ("%s is not a field of HSDS's example", (const char *) path);
      if (!g_str_equal (expected, kind))
        g_error ("%s is a %s, in HSDS's example a %s", (const char *) path, (const char *) kind, expected);
    }
}


/* The demo's directory out as HSDS JSON and as CSV with datapackage.json,
 * and into empty databases: the same services, row by row. */
static void
test_hsds_round_trip (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-hsds");
  g_autofree char *json = g_build_filename (dir, "directory.json", NULL);
  g_autofree char *csv = g_build_filename (dir, "csv", NULL);
  g_autofree char *package = g_build_filename (csv, "datapackage.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autofree char *untyped = g_build_filename (dir, "untyped.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) demo = empty_store (dir, "demo.db");
  g_autoptr(SmStore) from_json = empty_store (dir, "json.db");
  g_autoptr(SmStore) from_csv = empty_store (dir, "csv.db");
  g_autoptr(SmStore) other = empty_store (dir, "other.db");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  SmDemoOptions options = { .n_households = 50, .seed = 7, .until = "2025-06-30" };
  SmHsdsImport report = { 0 };
  GStatBuf st;

  g_assert_true (sm_demo_generate (demo, &options, NULL, NULL, &error));
  /* A fee, an age range, opening hours, languages, a contact and an
   * accessible place, to be carried. */
  {
    g_autoptr(SmService) s = sm_store_get_service (demo, 1, &error);
    g_autoptr(GArray) hours = NULL;
    g_autoptr(SmLocation) l = sm_store_get_service_location (demo, 1, &error);

    g_free (s->fees);
    s->fees = g_strdup ("Ingyenes, \"igazolással\"");
    s->age_min = 18;
    s->languages = g_strdup ("hu,en");
    s->contact_name = g_strdup ("Kovács Éva (szintetikus)");
    s->contact_phone = g_strdup ("+36 34 000 000");
    g_assert_true (sm_store_update_service (demo, s, &error));
    g_assert_true (sm_opening_hours_parse ("H–P 8–12, 13–16; Szo 9–12", &hours, &error));
    g_assert_true (sm_store_set_service_schedule (demo, 1, hours, &error));
    l->accessibility = g_strdup ("akadálymentes bejárat");
    g_assert_true (sm_store_update_location (demo, l, &error));
  }
  g_assert_true (sm_hsds_export_json (demo, json, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (json, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 077, ==, 0);
  g_assert_true (sm_hsds_export_csv (demo, csv, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonParser) exported = json_parser_new ();

    g_assert_true (json_parser_load_from_file (exported, json, &error));
    g_assert_no_error (error);
    assert_shaped_as_example (json_object_get_array_member (json_node_get_object (json_parser_get_root (exported)),
                                                             "services"));
  }

  /* The package names each object's file and fields as HSDS 3.0 does. */
  g_assert_true (json_parser_load_from_file (parser, package, &error));
  {
    static const char *required[][9] = {
      { "organization", "id", "name", "description", NULL },
      { "service", "id", "organization_id", "name", "status", NULL },
      { "location", "id", "location_type", NULL },
      { "service_at_location", "id", "service_id", "location_id", NULL },
      { "address", "id", "location_id", "address_1", "city", "state_province", "postal_code", "country",
        "address_type" },
      { "taxonomy_term", "id", "name", "description", NULL },
    };
    JsonArray *resources = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                         "resources");

    for (guint r = 0; r < G_N_ELEMENTS (required); r++)
      {
        JsonObject *found = NULL;

        for (guint i = 0; i < json_array_get_length (resources); i++)
          if (g_str_equal (json_object_get_string_member (json_array_get_object_element (resources, i), "name"),
                           required[r][0]))
            found = json_array_get_object_element (resources, i);
        g_assert_nonnull (found);
        for (guint f = 1; f < 9 && required[r][f] != NULL; f++)
          {
            JsonArray *fields = json_object_get_array_member (json_object_get_object_member (found, "schema"),
                                                              "fields");
            gboolean has = FALSE;

            for (guint i = 0; i < json_array_get_length (fields); i++)
              has |= g_str_equal (json_object_get_string_member (json_array_get_object_element (fields, i), "name"),
                                  required[r][f]);
            if (!has)
              g_error ("%s lacks %s", required[r][0], required[r][f]);
          }
      }
  }

  g_assert_true (sm_hsds_import (from_json, NULL, json, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.problems->len, ==, 0);
  sm_hsds_import_clear (&report);
  g_assert_true (sm_hsds_import (from_csv, NULL, package, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.problems->len, ==, 0);
  sm_hsds_import_clear (&report);
  a = directory_digest (demo);
  b = directory_digest (from_json);
  c = directory_digest (from_csv);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
  g_assert_nonnull (strstr (b, "Ingyenes, \"igazolással\"|18--1"));
  g_assert_nonnull (strstr (c, "H–P 8:00–12:00, 13:00–16:00; Szo 9:00–12:00|hu,en|Kovács Éva (szintetikus)|"
                               "+36 34 000 000||akadálymentes bejárat"));

  /* Not HSDS: refused, nothing written. A service of no known type is
   * left out and named; the others come in. */
  g_assert_true (g_file_set_contents (broken, "{\"organizations\": 3}", -1, NULL));
  g_assert_false (sm_hsds_import (other, NULL, broken, NULL, &report, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_FORMAT);
  g_clear_error (&error);
  sm_hsds_import_clear (&report);
  g_assert_true (g_file_set_contents (untyped,
    "[{\"id\": \"a\", \"name\": \"Foodbank\", \"status\": \"active\","
    "  \"organization\": {\"id\": \"o\", \"name\": \"Org\", \"description\": \"x\"},"
    "  \"attributes\": [{\"taxonomy_term\": {\"code\": \"food-pantry\", \"name\": \"Food\"}}]},"
    " {\"id\": \"b\", \"name\": \"Népkonyha\", \"status\": \"temporarily closed\","
    "  \"organization\": {\"id\": \"o\", \"name\": \"Org\", \"description\": \"x\"},"
    "  \"attributes\": [{\"taxonomy_term\": {\"code\": \"etkeztetes\", \"name\": \"Étkeztetés\"}}],"
    "  \"service_at_locations\": [{\"location\": {\"id\": \"l\", \"latitude\": 47.65, \"longitude\": 18.32,"
    "    \"addresses\": [{\"address_1\": \"Kossuth tér 1.\", \"city\": \"Tata\", \"postal_code\": \"2890\"}]}}]}]",
    -1, NULL));
  g_assert_true (sm_hsds_import (other, NULL, untyped, NULL, &report, &error));
  g_assert_cmpuint (report.n_services, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_nonnull (strstr (report.problems->pdata[0], "Foodbank"));
  sm_hsds_import_clear (&report);
  g_assert_cmpint (sm_test_scalar (other, "SELECT count(*) FROM service WHERE status = 'temporarily_closed'"), ==, 1);
  g_assert_cmpint (sm_test_scalar (other, "SELECT count(*) FROM organization"), ==, 1);
  sm_test_remove_dir (dir);
}

/* A value of a JSON object by its path ("organization/name",
 * "service_at_locations/0/location/addresses/0/city"), as text. */
static char *
json_at (JsonNode   *node,
         const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);

  for (guint i = 0; node != NULL && steps[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          guint64 k = g_ascii_strtoull (steps[i], NULL, 10);
          JsonArray *a = json_node_get_array (node);

          node = k < json_array_get_length (a) ? json_array_get_element (a, (guint) k) : NULL;
        }
      else
        node = NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return g_strdup_printf ("%g", json_node_get_double (node));
}

/* Open Referral's own example of a service (tests/data/hsds), imported and
 * exported again: what the directory keeps is there field by field, the
 * position off the Earth is refused and said, the telephone number loses
 * its quotes, and the export says the same in the same HSDS fields. */
static void
test_hsds_example (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-hsds-example");
  g_autofree char *path = g_build_filename (dir, "example.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.json", NULL);
  g_autofree char *example = g_build_filename (SM_SOURCE_TESTDATADIR, "hsds", "service_full.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(JsonParser) given = json_parser_new ();
  g_autoptr(JsonParser) written = json_parser_new ();
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) orgs = NULL;
  g_autoptr(SmService) s = NULL;
  g_autoptr(SmLocation) l = NULL;
  g_autoptr(GArray) hours = NULL;
  SmHsdsImport report = { 0 };
  const SmServicePlace *p;
  const SmOrganization *o;
  JsonNode *ours;
  /* HSDS fields the directory keeps: the example's value comes back in
   * the same field of our export. */
  static const char *kept[] = {
    "name", "description", "url", "status", "fees_description", "eligibility_description",
    "minimum_age", "maximum_age", "languages/0/code",
    "organization/name", "organization/email", "organization/website",
    "service_at_locations/0/location/name",
    "service_at_locations/0/location/addresses/0/address_1",
    "service_at_locations/0/location/addresses/0/city",
    "service_at_locations/0/location/addresses/0/postal_code",
    "service_at_locations/0/location/accessibility/0/description",
    "schedules/0/byday", "contacts/0/name", "contacts/0/email",
  };

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (given, example, &error));
  g_assert_no_error (error);

  /* Its taxonomy term is none of ours: left out and named, nothing written. */
  g_assert_true (sm_hsds_import (store, NULL, example, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_services, ==, 0);
  g_assert_cmpuint (report.problems->len, >=, 1);
  g_assert_nonnull (strstr (report.problems->pdata[report.problems->len - 1], "Community Counselling"));
  sm_hsds_import_clear (&report);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM organization"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM location"), ==, 0);
  /* A type we do not have is refused before anything is read. */
  g_assert_false (sm_hsds_import (store, NULL, example, "no_such_type", &report, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  sm_hsds_import_clear (&report);

  /* Taken in as a family support service. */
  g_assert_true (sm_hsds_import (store, NULL, example, "csaladsegites", &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_services, ==, 1);
  g_assert_cmpuint (report.n_organizations, ==, 1);
  g_assert_cmpuint (report.n_locations, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_nonnull (strstr (report.problems->pdata[0], "MyCity Civic Center"));
  g_assert_nonnull (strstr (report.problems->pdata[0], "100"));
  sm_hsds_import_clear (&report);

  places = sm_store_list_service_places (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 1);
  p = places->pdata[0];
  g_assert_cmpstr (p->service_name, ==, "Community Counselling");
  g_assert_cmpstr (p->service_type, ==, "csaladsegites");
  g_assert_cmpstr (p->status, ==, "active");
  g_assert_cmpstr (p->organization_name, ==, "Example Organization Inc.");
  g_assert_false (p->has_location);
  s = sm_store_get_service (store, p->service_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (s->description, "Counselling Services provided by trained professionals."));
  g_assert_cmpstr (s->url, ==, "http://example.com/counselling");
  g_assert_true (g_str_has_prefix (s->fees, "Non-NHS patients are expected to pay"));
  g_assert_nonnull (strstr (s->fees, "\u00a350 per hour"));
  g_assert_true (g_str_has_prefix (s->eligibility, "This service is intended for all people aged 12"));
  g_assert_cmpint (s->age_min, ==, 12);
  g_assert_cmpint (s->age_max, ==, 100);
  g_assert_cmpstr (s->languages, ==, "ur");
  g_assert_cmpstr (s->contact_name, ==, "Ann Persona");
  g_assert_cmpstr (s->contact_email, ==, "email@example.com");
  g_assert_cmpstr (s->contact_phone, ==, "+44 1234 234567");
  hours = sm_store_list_service_schedule (store, p->service_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hours->len, ==, 1);
  g_assert_cmpstr (g_array_index (hours, SmScheduleRow, 0).byday, ==, "TH,FR");
  g_assert_cmpstr (g_array_index (hours, SmScheduleRow, 0).opens_at, ==, "10:00");
  g_assert_cmpstr (g_array_index (hours, SmScheduleRow, 0).closes_at, ==, "18:00");
  l = sm_store_get_service_location (store, p->service_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (l->name, ==, "MyCity Civic Center");
  g_assert_cmpstr (l->address_raw, ==, "1-30 Main Street");
  g_assert_cmpstr (l->postal_code, ==, "ABC 1234");
  g_assert_cmpstr (l->settlement, ==, "MyCity");
  g_assert_false (l->has_location);
  g_assert_true (g_str_has_prefix (l->accessibility, "The building is equipped with induction loops"));
  orgs = sm_store_list_organizations (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orgs->len, ==, 1);
  o = orgs->pdata[0];
  g_assert_cmpstr (o->name, ==, "Example Organization Inc.");
  g_assert_cmpstr (o->email, ==, "email@example.com");
  g_assert_cmpstr (o->url, ==, "http://example.com");
  g_assert_cmpstr (o->phone, ==, "+44 1234 234567");
  g_assert_true (g_str_has_prefix (o->description, "Example Org is a non-profit organization"));
  /* Its catchment's extent is not GeoJSON: no catchment is made of it. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service_area"), ==, 0);

  /* Out again: the same values in the same fields. */
  g_assert_true (sm_hsds_export_json (store, out, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (written, out, &error));
  g_assert_no_error (error);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (written));
    JsonArray *services = json_object_get_array_member (root, "services");

    g_assert_cmpstr (json_object_get_string_member (root, "hsds_version"), ==, SM_HSDS_VERSION);
    g_assert_cmpuint (json_array_get_length (services), ==, 1);
    ours = json_array_get_element (services, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autofree char *a = json_at (json_parser_get_root (given), kept[i]);
      g_autofree char *b = json_at (ours, kept[i]);

      if (g_strcmp0 (a, b) != 0)
        g_error ("%s: the example has “%s”, the export “%s”", kept[i], a, b);
    }
  {
    g_autofree char *opens = json_at (ours, "schedules/0/opens_at");
    g_autofree char *number = json_at (ours, "organization/phones/0/number");
    g_autofree char *latitude = json_at (ours, "service_at_locations/0/location/latitude");

    g_assert_true (g_str_has_prefix (opens, "10:00"));
    g_assert_cmpstr (number, ==, "+44 1234 234567");
    g_assert_null (latitude);
  }
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/directory/save", test_save);
  g_test_add_func ("/directory/opening-hours", test_opening_hours);
  g_test_add_func ("/directory/grouped-places", test_grouped_places);
  g_test_add_func ("/directory/symbols", test_symbols);
  g_test_add_func ("/directory/hsds-round-trip", test_hsds_round_trip);
  g_test_add_func ("/directory/hsds-example", test_hsds_example);
  return g_test_run ();
}
