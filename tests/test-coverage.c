/* Coverage on a hand-built town with known answers: which household's
 * need is covered, full, out of reach or without any service; the
 * straight-line distance to the nearest matching service against a
 * reference computed here; catchments as a boundary or a polygon; the
 * table by settlement part under the disclosure rule; a hotspot's gaps. */

#include "config.h"

#include <math.h>
#include <ogr_api.h>

#include "sm-coverage.h"
#include "sm-error.h"
#include "sm-geometry.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-catchments.h"
#include "sm-store-places.h"
#include "sm-store-services.h"
#include "sm-test-util.h"

static GBytes *
wkb_of (const char *wkt)
{
  OGRGeometryH g = NULL;
  char *text = (char *) wkt;
  GBytes *bytes;
  guint8 *data;
  int size;

  g_assert_cmpint (OGR_G_CreateFromWkt (&text, NULL, &g), ==, OGRERR_NONE);
  size = OGR_G_WkbSize (g);
  data = g_malloc (size);
  g_assert_cmpint (OGR_G_ExportToIsoWkb (g, wkbNDR, data), ==, OGRERR_NONE);
  OGR_G_DestroyGeometry (g);
  bytes = g_bytes_new_take (data, size);
  return bytes;
}

/* The reference: the great-circle distance on a sphere of the mean earth
 * radius, written out again here. */
static double
reference_m (double lat1, double lon1, double lat2, double lon2)
{
  double r = 6371008.8, f1 = lat1 * M_PI / 180, f2 = lat2 * M_PI / 180;
  double df = f2 - f1, dl = (lon2 - lon1) * M_PI / 180;
  double h = pow (sin (df / 2), 2) + cos (f1) * cos (f2) * pow (sin (dl / 2), 2);

  return 2 * r * atan2 (sqrt (h), sqrt (1 - h));
}

static gint64
add_service (SmStore    *store,
             const char *type,
             const char *name,
             const char *status,
             double      lat,
             double      lon)
{
  g_autoptr(GError) error = NULL;
  SmOrganization org = { .name = (char *) name, .kind = (char *) "municipal" };
  SmService s = { .service_type = (char *) type, .name = (char *) name, .capacity = -1, .age_min = -1,
                  .age_max = -1, .status = (char *) status };
  SmLocation l = { .name = (char *) name, .has_location = TRUE, .lat = lat, .lon = lon,
                   .quality = SM_GEOCODE_ADDRESS };
  gint64 id, location;

  s.organization_id = l.organization_id = sm_store_add_organization (store, &org, &error);
  g_assert_no_error (error);
  id = sm_store_add_service (store, &s, &error);
  g_assert_no_error (error);
  location = sm_store_add_location (store, &l, &error);
  g_assert_no_error (error);
  g_assert_true (sm_store_link_service_location (store, id, location, &error));
  return id;
}

static const SmCoverageNeed *
need_of (GArray *needs,
         gint64  household,
         gint64  category)
{
  for (guint i = 0; i < needs->len; i++)
    {
      const SmCoverageNeed *n = &g_array_index (needs, SmCoverageNeed, i);

      if (n->household_id == household && n->category == category)
        return n;
    }
  g_error ("no need %lld of household %lld", (long long) category, (long long) household);
  return NULL;
}

static void
test_known_answers (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-coverage");
  g_autofree char *path = g_build_filename (dir, "coverage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) needs = NULL;
  g_autoptr(GBytes) square = wkb_of ("POLYGON ((18.29 47.64, 18.32 47.64, 18.32 47.66, 18.29 47.66, 18.29 47.64))");
  g_autoptr(GBytes) east = wkb_of ("MULTIPOLYGON (((18.33 47.64, 18.36 47.64, 18.36 47.66, 18.33 47.66, 18.33 47.64),"
                                   " (18.345 47.645, 18.355 47.645, 18.355 47.655, 18.345 47.655, 18.345 47.645)))");
  g_autoptr(GBytes) point = wkb_of ("POINT (18.3 47.65)");
  gint64 housing, elderly, homeless, h1, h2, h3, h4, h5, family, meals, debt, closed, boundary;
  SmBoundaryRecord b = { .name = (char *) "Kelet", .level = (char *) "settlement_part", .population = -1,
                         .min_lon = 18.33, .min_lat = 47.64, .max_lon = 18.36, .max_lat = 47.66 };
  const SmCoverageNeed *n;
  GDate today;

  g_assert_no_error (error);
  housing = sm_store_lookup_category (store, "lakhatas", &error);
  elderly = sm_store_lookup_category (store, "idos_gondozas", &error);
  homeless = sm_store_lookup_category (store, "hajlektalansag", &error);
  g_assert_no_error (error);

  h1 = sm_test_add_household (store, "A", TRUE, 47.650, 18.300);   /* inside the square */
  h2 = sm_test_add_household (store, "B", TRUE, 47.650, 18.340);   /* east of it */
  h3 = sm_test_add_household (store, "C", TRUE, 47.700, 18.300);
  h4 = sm_test_add_household (store, "D", TRUE, 47.652, 18.301);
  h5 = sm_test_add_household (store, "E", TRUE, 47.650, 18.350);   /* in the hole of the east area */
  sm_test_add_need (store, h1, "lakhatas", 2, "2025-01-10", NULL);
  sm_test_add_need (store, h2, "lakhatas", 2, "2025-01-10", NULL);
  sm_test_add_need (store, h3, "idos_gondozas", 1, "2025-01-10", NULL);
  sm_test_add_need (store, h4, "hajlektalansag", 3, "2025-01-10", NULL);
  sm_test_add_need (store, h4, "lakhatas", 3, "2025-01-10", NULL);
  sm_test_add_need (store, h5, "lakhatas", 1, "2025-01-10", NULL);
  /* Resolved needs are no one's open need. */
  sm_test_add_need (store, h3, "lakhatas", 1, "2024-01-10", "2024-06-01");

  family = add_service (store, "csaladsegites", "Családsegítő", "active", 47.650, 18.310);
  meals = add_service (store, "etkeztetes", "Étkeztetés", "active", 47.701, 18.310);
  closed = add_service (store, "csaladsegites", "Bezárt családsegítő", "defunct", 47.650, 18.341);
  debt = add_service (store, "adossagkezeles", "Adósságkezelés", "active", 47.600, 18.400);
  g_assert_cmpint (sm_coverage_add_area (store, family, "Négyzet", square, &error), >, 0);
  g_assert_cmpint (sm_coverage_add_area (store, family, "Pont", point, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (sm_store_set_service_capacity (store, meals, "adag", 0, 40, "2025-01-01", &error));
  g_assert_no_error (error);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 3, 2025);
  sm_filter_set_as_of (filter, &today);
  sm_filter_set_status (filter, SM_NEED_RESOLVED);   /* coverage looks at open needs whatever this says */
  needs = sm_coverage_compute (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (needs->len, ==, 6);

  n = need_of (needs, h1, housing);
  g_assert_cmpint (n->status, ==, SM_COVERAGE_COVERED);
  g_assert_cmpint (n->nearest_service, ==, family);
  g_assert_cmpfloat_with_epsilon (n->nearest_m, reference_m (47.650, 18.300, 47.650, 18.310), 0.5);
  /* Debt management has no catchment: it serves anyone, however far. */
  n = need_of (needs, h2, housing);
  g_assert_cmpint (n->status, ==, SM_COVERAGE_COVERED);
  g_assert_cmpint (n->nearest_service, ==, family);   /* the defunct one nearer does not count */
  g_assert_cmpfloat_with_epsilon (n->nearest_m, reference_m (47.650, 18.340, 47.650, 18.310), 0.5);
  n = need_of (needs, h3, elderly);
  g_assert_cmpint (n->status, ==, SM_COVERAGE_FULL);
  g_assert_cmpfloat_with_epsilon (n->nearest_m, reference_m (47.700, 18.300, 47.701, 18.310), 0.5);
  n = need_of (needs, h4, homeless);
  g_assert_cmpint (n->status, ==, SM_COVERAGE_NO_SERVICE);
  g_assert_cmpint (n->nearest_service, ==, 0);
  g_assert_cmpfloat (n->nearest_m, <, 0);
  g_clear_pointer (&needs, g_array_unref);

  /* Debt management limited to the east settlement part (a boundary of
   * the store), with a hole: h2 is in it, h5 in the hole, out of reach. */
  b.geometry = g_bytes_ref (east);
  boundary = sm_store_add_boundary (store, &b, &error);
  g_bytes_unref (b.geometry);
  g_assert_no_error (error);
  {
    SmServiceAreaRecord area = { .service_id = debt, .boundary_id = boundary };

    g_assert_cmpint (sm_store_add_service_area (store, &area, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_true (sm_store_set_service_capacity (store, meals, "adag", 3, 40, "2025-02-01", &error));
  needs = sm_coverage_compute (store, filter, &error);
  g_assert_cmpint (need_of (needs, h2, housing)->status, ==, SM_COVERAGE_COVERED);
  g_assert_cmpint (need_of (needs, h5, housing)->status, ==, SM_COVERAGE_OUT_OF_REACH);
  g_assert_cmpint (need_of (needs, h4, housing)->status, ==, SM_COVERAGE_COVERED);
  g_assert_cmpint (need_of (needs, h3, elderly)->status, ==, SM_COVERAGE_COVERED);
  g_clear_pointer (&needs, g_array_unref);

  /* Debt management closes: h2's need is out of every catchment. */
  g_assert_true (sm_store_set_service_status (store, debt, "temporarily_closed", &error));
  needs = sm_coverage_compute (store, filter, &error);
  g_assert_cmpint (need_of (needs, h2, housing)->status, ==, SM_COVERAGE_OUT_OF_REACH);

  /* The gaps near the square: housing is the leading need (h1 and h4
   * covered); homelessness has no service. */
  {
    SmCoverageGaps gaps;

    sm_coverage_gaps_in (needs, 18.295, 47.648, 18.305, 47.654, 5, &gaps);
    g_assert_cmpuint (gaps.n_leading, ==, 2);
    g_assert_cmpint (gaps.categories[0], ==, housing);
    g_assert_false (gaps.uncovered[0]);
    g_assert_cmpint (gaps.categories[1], ==, homeless);
    g_assert_true (gaps.uncovered[1]);
    g_assert_cmpuint (gaps.n_uncovered, ==, 1);
  }
  g_clear_pointer (&needs, g_array_unref);

  /* Only the open needs inside a hotspot's box are assessed: two boxes,
   * one about h1, one about h2; h4 lies within the boxes' common bounds
   * but in neither box, h3 and h5 outside both. */
  {
    g_autoptr(GPtrArray) hotspots = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(SmCoverageSources) sources = sm_coverage_sources_load (store, &error);
    SmHotspot *a = g_new0 (SmHotspot, 1), *c = g_new0 (SmHotspot, 1);

    g_assert_no_error (error);
    *a = (SmHotspot) { .west = 18.295, .south = 47.648, .east = 18.3005, .north = 47.654 };
    *c = (SmHotspot) { .west = 18.338, .south = 47.648, .east = 18.342, .north = 47.652 };
    g_ptr_array_add (hotspots, a);
    g_ptr_array_add (hotspots, c);
    g_assert_null (sm_coverage_assess_hotspots (sources, store, filter, NULL, &error));
    needs = sm_coverage_assess_hotspots (sources, store, filter, hotspots, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (needs->len, ==, 2);
    g_assert_cmpint (need_of (needs, h1, housing)->status, ==, SM_COVERAGE_COVERED);
    g_assert_cmpint (need_of (needs, h2, housing)->status, ==, SM_COVERAGE_OUT_OF_REACH);
  }
  (void) closed;
  sm_test_remove_dir (dir);
}

/* The table by part: the town's row, each part's, counts under k hidden
 * and no hidden count left to be worked out from the total. */
static void
test_table (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-coverage");
  g_autofree char *path = g_build_filename (dir, "coverage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(GBytes) square = wkb_of ("POLYGON ((18.29 47.64, 18.32 47.64, 18.32 47.66, 18.29 47.66, 18.29 47.64))");
  g_autoptr(GArray) hits = NULL, needs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  struct { const char *part; int inside, outside; } parts[] = {
    { "Belváros", 20, 6 }, { "Agostyán", 2, 0 }, { "Tóváros", 9, 3 },
  };
  gint64 family, housing;
  guint n_town = 0;

  g_assert_no_error (error);
  housing = sm_store_lookup_category (store, "lakhatas", &error);
  family = add_service (store, "csaladsegites", "Családsegítő", "active", 47.650, 18.310);
  g_assert_cmpint (sm_coverage_add_area (store, family, NULL, square, &error), >, 0);
  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (int i = 0; i < parts[p].inside + parts[p].outside; i++)
      {
        SmHousehold h = { .address_raw = (char *) "x", .settlement = (char *) "Tata",
                          .settlement_part = (char *) parts[p].part, .has_location = TRUE,
                          .lat = 47.645 + 0.0001 * i, .lon = i < parts[p].inside ? 18.30 : 18.40,
                          .quality = SM_GEOCODE_MANUAL };
        gint64 id = sm_store_add_household (store, &h, &error);

        g_assert_no_error (error);
        sm_test_add_need (store, id, "lakhatas", 2, "2025-01-10", NULL);
      }
  hits = sm_store_query (store, filter, &error);
  needs = sm_coverage_compute (store, filter, &error);
  rows = sm_coverage_by_part (store, hits, needs, disclosure, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  for (guint i = 0; i < rows->len; i++)
    {
      SmCoverageRow *row = rows->pdata[i];

      g_assert_cmpint (row->category, ==, housing);
      if (row->settlement_part == NULL)
        {
          n_town++;
          g_assert_cmpuint (i, ==, 0);
          g_assert_cmpint (row->needs, ==, 40);
          g_assert_cmpint (row->not_covered, ==, 9);
          g_assert_cmpint (row->by_status[SM_COVERAGE_OUT_OF_REACH], ==, 9);
          g_assert_cmpint (row->needs_state, ==, SM_DISCLOSURE_SHOWN);
        }
      else if (g_str_equal (row->settlement_part, "Agostyán"))
        {
          /* 2 households: hidden, and so is what they lack (0). */
          g_assert_cmpint (row->needs_state, ==, SM_DISCLOSURE_SMALL);
          g_assert_cmpint (row->not_covered_state, !=, SM_DISCLOSURE_SHOWN);
        }
      else if (g_str_equal (row->settlement_part, "Tóváros"))
        {
          /* 3 not covered: small. With Agostyán's hidden needs, Tóváros's
           * or Belváros's is hidden too so that the total does not give
           * it away; and Tóváros's not covered (3) needs a second hidden
           * count beside it in its column. */
          g_assert_cmpint (row->not_covered_state, ==, SM_DISCLOSURE_SMALL);
        }
    }
  g_assert_cmpuint (n_town, ==, 1);
  {
    guint hidden_needs = 0, hidden_not_covered = 0;

    for (guint i = 1; i < rows->len; i++)
      {
        SmCoverageRow *row = rows->pdata[i];

        hidden_needs += row->needs_state != SM_DISCLOSURE_SHOWN;
        hidden_not_covered += row->not_covered_state != SM_DISCLOSURE_SHOWN;
      }
    g_assert_cmpuint (hidden_needs, >=, 2);
    g_assert_cmpuint (hidden_not_covered, >=, 2);
  }
  sm_test_remove_dir (dir);
}

/* A catchment drawn corner by corner: closed or not, a corner clicked
 * twice counting once, it becomes a polygon that holds what lies inside
 * it; too few corners, crossing sides or no ground are refused. */
static void
test_drawn_catchment (void)
{
  /* About 1.1 km by 1.5 km round the centre of Tata, the last corner the first again. */
  static const double drawn[] = { 18.310, 47.640, 18.330, 47.640, 18.330, 47.640, 18.330, 47.650,
                                  18.310, 47.650, 18.310, 47.640 };
  static const double two[] = { 18.31, 47.64, 18.33, 47.64, 18.33, 47.64 };
  static const double bow_tie[] = { 18.31, 47.64, 18.33, 47.65, 18.33, 47.64, 18.31, 47.65 };
  static const double speck[] = { 18.31, 47.64, 18.31001, 47.64, 18.31001, 47.64001 };
  static const double off_earth[] = { 18.31, 47.64, 18.33, 95.0, 18.33, 47.65 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wkb = sm_coverage_ring_to_wkb (drawn, G_N_ELEMENTS (drawn) / 2, &error);
  g_autoptr(SmShape) shape = sm_shape_new ();
  gsize size;
  const guint8 *data;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (wkb);
  data = g_bytes_get_data (wkb, &size);
  g_assert_cmpuint (size, ==, 1 + 4 + 4 + 4 + 5 * 16);   /* four corners and the first again */
  g_assert_true (sm_shape_add_wkb (shape, data, size, &error));
  g_assert_cmpuint (sm_shape_get_n_rings (shape), ==, 1);
  sm_shape_get_ring (shape, 0, &n);
  g_assert_cmpuint (n, >=, 4);
  g_assert_true (sm_shape_contains (shape, 18.32, 47.645));
  g_assert_false (sm_shape_contains (shape, 18.34, 47.645));

  g_assert_null (sm_coverage_ring_to_wkb (two, 3, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sm_coverage_ring_to_wkb (bow_tie, 4, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sm_coverage_ring_to_wkb (speck, 3, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sm_coverage_ring_to_wkb (off_earth, 3, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  /* Drawn, it is the service's one catchment; removed, it has none. */
  {
    g_autofree char *dir = sm_test_make_dir ("sm-drawn");
    g_autofree char *path = g_build_filename (dir, "drawn.db", NULL);
    g_autoptr(SmStore) store = sm_store_open (path, &error);
    SmOrganization o = { .name = (char *) "Önkormányzat", .kind = (char *) "municipal" };
    SmService sv = { .service_type = (char *) "etkeztetes", .name = (char *) "Népkonyha", .capacity = -1,
                     .age_min = -1, .age_max = -1, .status = (char *) "active" };
    g_autoptr(GPtrArray) areas = NULL;
    gint64 service;

    g_assert_no_error (error);
    sv.organization_id = sm_store_add_organization (store, &o, &error);
    service = sm_store_add_service (store, &sv, &error);
    g_assert_cmpint (sm_coverage_add_area (store, service, "régi", wkb, &error), >, 0);
    g_assert_cmpint (sm_coverage_add_area (store, service, "régebbi", wkb, &error), >, 0);
    g_assert_cmpint (sm_coverage_replace_areas (store, service, "rajzolt", wkb, 0, &error), >, 0);
    g_assert_no_error (error);
    areas = sm_store_list_service_areas (store, service, &error);
    g_assert_cmpuint (areas->len, ==, 1);
    g_assert_cmpstr (((SmServiceAreaRecord *) areas->pdata[0])->name, ==, "rajzolt");
    g_assert_cmpint (sm_coverage_replace_areas (store, service, NULL, NULL, 0, &error), ==, 0);
    g_assert_no_error (error);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service_area"), ==, 0);
    sm_test_remove_dir (dir);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/coverage/known-answers", test_known_answers);
  g_test_add_func ("/coverage/table", test_table);
  g_test_add_func ("/coverage/drawn-catchment", test_drawn_catchment);
  return g_test_run ();
}
