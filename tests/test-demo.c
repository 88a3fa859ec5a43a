#include "config.h"

#include <gdal.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "sm-data.h"
#include "sm-demo.h"
#include "sm-error.h"
#include "sm-store-basemap.h"
#include "sm-store-private.h"
#include "sm-test-util.h"

static char *tmpdir;

static SmStore *
make_demo (const char *name,
           guint       households,
           guint32     seed)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  SmDemoOptions options = { .n_households = households, .seed = seed, .until = "2025-06-30" };
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

/* A digest of every generated value but the change times. */
static char *
digest (SmStore *store)
{
  static const char * const queries[] = {
    "SELECT id, address_raw, settlement, settlement_part, lat, lon, geocode_quality, synthetic"
    " FROM household ORDER BY id",
    "SELECT id, household_id, family_name, given_name, birth_year, sex, role, synthetic"
    " FROM person ORDER BY id",
    "SELECT id, household_id, person_id, category_id, severity, assessed_on, resolved_on, synthetic"
    " FROM need ORDER BY id",
    "SELECT id, person_id, assessed_on, mobility, lives_alone, chronic_illness,"
    " cognitive_decline, alarm_device, receives_meals, last_visit_on FROM elderly_assessment"
    " ORDER BY id",
    "SELECT id, received_at, member_kind_id, household_id, urgency, state, answered_on, synthetic"
    " FROM signal ORDER BY id",
    "SELECT signal_id, from_state, to_state, at FROM signal_step ORDER BY id",
    "SELECT id, household_id, signal_id, stage, opened_on, stage_since FROM case_file ORDER BY id",
    "SELECT id, household_id, area, kind, on_date FROM intervention ORDER BY id",
    "SELECT id, held_on, kind FROM conference ORDER BY id",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (_sm_store_get_db (store), queries[q], -1, &stmt, NULL),
                       ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);
            g_checksum_update (sum, (const guchar *) (text ? text : "\x01"), -1);
            g_checksum_update (sum, (const guchar *) "|", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}

static void
test_deterministic (void)
{
  g_autoptr(SmStore) a = make_demo ("a.db", 400, 7);
  g_autoptr(SmStore) b = make_demo ("b.db", 400, 7);
  g_autoptr(SmStore) c = make_demo ("c.db", 400, 8);
  g_autofree char *da = digest (a), *db = digest (b), *dc = digest (c);

  g_assert_cmpstr (da, ==, db);
  g_assert_cmpstr (da, !=, dc);
  g_assert_cmpint (sm_store_count (a, "household"), ==, 400);
}

/* The Tata boundary from the shipped file, through GDAL/GEOS: a check that
 * does not share the generator's own point-in-polygon code. */
static OGRGeometryH
load_tata (void)
{
  g_autofree char *path = sm_data_find ("tata_dunaujvaros_boundary.geojson", NULL);
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH f;
  OGRGeometryH tata = OGR_G_CreateGeometry (wkbMultiPolygon);

  g_assert_nonnull (path);
  GDALAllRegister ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR, NULL, NULL, NULL);
  g_assert_nonnull (ds);
  layer = GDALDatasetGetLayer (ds, 0);
  while ((f = OGR_L_GetNextFeature (layer)) != NULL)
    {
      if (g_str_equal (OGR_F_GetFieldAsString (f, OGR_F_GetFieldIndex (f, "NAME")), "Tata"))
        OGR_G_AddGeometry (tata, OGR_F_GetGeometryRef (f));
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  g_assert_cmpint (OGR_G_GetGeometryCount (tata), ==, 2);
  return tata;
}

static void
test_inside_tata (void)
{
  g_autoptr(SmStore) store = make_demo ("inside.db", 3000, SM_DEMO_DEFAULT_SEED);
  OGRGeometryH tata = load_tata ();
  sqlite3_stmt *stmt = NULL;
  guint n = 0, outside = 0;

  sqlite3_prepare_v2 (_sm_store_get_db (store), "SELECT lon, lat FROM household", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      OGRGeometryH p = OGR_G_CreateGeometry (wkbPoint);
      OGR_G_SetPoint_2D (p, 0, sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1));
      if (!OGR_G_Contains (tata, p))
        outside++;
      OGR_G_DestroyGeometry (p);
      n++;
    }
  sqlite3_finalize (stmt);
  OGR_G_DestroyGeometry (tata);

  g_assert_cmpuint (n, ==, 3000);
  g_assert_cmpuint (outside, ==, 0);
}

static void
test_content (void)
{
  g_autoptr(SmStore) store = make_demo ("content.db", 2000, 11);
  gint64 agostyan, centre;

  /* Everything generated says so; the real providers are not synthetic. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM person WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM need WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM elderly_assessment WHERE synthetic = 0"), ==, 0);
  /* The signalling system's synthetic years: signals, cases, measures,
   * meetings, all marked; households in the pockets signalled more. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal"), >, 200);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM case_file WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM case_file"), >, 20);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT family) FROM intervention"), ==, 4);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM intervention WHERE area IS NOT NULL"), ==, 3);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM intervention WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM conference WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM conference"), >=, 15);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT member_kind_id) FROM signal"), >=, 12);
  /* The ten real providers and the synthetic service network. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM organization"), ==, 10 + SM_DEMO_DEFAULT_SERVICES);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM organization WHERE name LIKE '%(szintetikus)'"), ==,
                   SM_DEMO_DEFAULT_SERVICES);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT service_id) FROM service_area"), >,
                   SM_DEMO_DEFAULT_SERVICES / 2);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service_capacity"), ==, SM_DEMO_DEFAULT_SERVICES);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral"), >, 20);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT state) FROM referral"), >=, 3);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response"), >, 100);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM referral WHERE sent_on > '2025-06-30'"
                                          " OR closed_on > '2025-06-30'"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM location WHERE geocode_quality = 'settlement'"), ==, 10);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service"), >=, 8);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM settlement_part WHERE settlement = 'Tata'"), ==, 12);

  /* Spread by population: the central area has most, Agostyán some. */
  centre = sm_test_scalar (store, "SELECT count(*) FROM household WHERE settlement_part = 'Központi belterület'");
  agostyan = sm_test_scalar (store, "SELECT count(*) FROM household WHERE settlement_part = 'Agostyán'");
  g_assert_cmpint (centre, >, 1800);
  g_assert_cmpint (agostyan, >, 20);

  /* Three years of history, ending on the chosen day. */
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM need WHERE assessed_on < '2022-06-30'"
                                  " OR assessed_on > '2025-06-30' OR resolved_on > '2025-06-30'"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM need WHERE resolved_on IS NOT NULL"), >, 100);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(DISTINCT substr(assessed_on, 1, 4)) FROM need"), ==, 4);

  /* The planted pocket of housing and debt needs south-east of the centre
   * is far denser in those needs than the town as a whole. */
  {
    double pocket = sm_test_scalar (store,
      "SELECT count(*) FROM need n JOIN household h ON h.id = n.household_id"
      " JOIN need_category c ON c.id = n.category_id WHERE c.code IN ('lakhatas', 'jovedelem_adossag')"
      " AND h.lon BETWEEN 18.330 AND 18.337 AND h.lat BETWEEN 47.638 AND 47.643");
    double elsewhere = sm_test_scalar (store,
      "SELECT count(*) FROM need n JOIN household h ON h.id = n.household_id"
      " JOIN need_category c ON c.id = n.category_id WHERE c.code IN ('lakhatas', 'jovedelem_adossag')"
      " AND h.lon BETWEEN 18.310 AND 18.317 AND h.lat BETWEEN 47.650 AND 47.655");
    g_assert_cmpfloat (pocket, >, 3 * elsewhere);
  }
}

static void
test_refuses_full_store (void)
{
  g_autoptr(SmStore) store = make_demo ("full.db", 10, 1);
  g_autoptr(GError) error = NULL;
  SmDemoOptions options = { .n_households = 10, .seed = 1 };

  g_assert_false (sm_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sm_store_count (store, "household"), ==, 10);
}

/* The second demo: the extract's streets as basemap, households at its
 * real addresses placed through the geocoder, the review list with work. */
static void
test_liechtenstein (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-demo-li");
  g_autofree char *path = g_build_filename (dir, "li.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmDemoOptions options = { .n_households = 200, .seed = 4, .until = "2026-06-30" };
  g_autofree char *town = NULL;
  gint64 at_address, reviewed;

  g_assert_true (sm_demo_generate_liechtenstein (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (sm_store_has_basemap (store));
  g_assert_cmpint (sm_store_count (store, "household"), ==, 200);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE synthetic = 0"), ==, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM person WHERE synthetic = 0"), ==, 0);
  at_address = sm_test_scalar (store, "SELECT count(*) FROM household WHERE geocode_quality IN ('address', "
                                      "'interpolated')");
  reviewed = sm_test_scalar (store, "SELECT count(*) FROM geocode_review");
  g_assert_cmpint (at_address, >=, 120);
  g_assert_cmpint (reviewed, >, 0);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE address_raw LIKE '%  %'"), ==, 0);
  g_assert_true (sm_store_get_meta (store, "demo.town", &town));
  g_assert_cmpstr (town, ==, "Liechtenstein");
  /* Not over another town's data. */
  g_assert_false (sm_demo_generate_liechtenstein (store, &options, NULL, NULL, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = sm_test_make_dir ("sm-demo");

  g_test_add_func ("/demo/deterministic", test_deterministic);
  g_test_add_func ("/demo/liechtenstein", test_liechtenstein);
  g_test_add_func ("/demo/inside-tata", test_inside_tata);
  g_test_add_func ("/demo/content", test_content);
  g_test_add_func ("/demo/refuses-full-store", test_refuses_full_store);
  status = g_test_run ();

  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
