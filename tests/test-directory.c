/* The directory's save: a new service of a new organization at an address
 * looked up as a case's is; an edit that changes the address places it
 * again; a bad field writes nothing; the map's services grouped by place
 * list every one of them. */

#include "config.h"

#include "sm-boundary.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-query.h"
#include "sm-service-draft.h"
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
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/directory/save", test_save);
  g_test_add_func ("/directory/grouped-places", test_grouped_places);
  return g_test_run ();
}
