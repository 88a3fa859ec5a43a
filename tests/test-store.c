#include "config.h"

#include <glib/gstdio.h>

#include "sm-boundary.h"
#include "sm-date.h"
#include "sm-address.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-query.h"
#include "sm-stats.h"
#include "sm-store-private.h"
#include "sm-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  SmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = sm_test_make_dir ("sm-test");
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = sm_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  sm_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add_household (SmStore    *store,
               const char *address,
               double      lat,
               double      lon)
{
  return sm_test_add_household (store, address, TRUE, lat, lon);
}

#define add_need sm_test_add_need

static void
test_erasure (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 gone = add_household (f->store, "Tata, Kert utca 1.", 47.65, 18.32);
  gint64 kept = add_household (f->store, "Tata, Kert utca 3.", 47.65, 18.33);
  gint64 need = add_need (f->store, gone, "lakhatas", 2, "2025-01-02", NULL);
  gint64 other = add_need (f->store, kept, "lakhatas", 2, "2025-01-02", NULL);

  g_assert_true (sm_store_resolve_need (f->store, need, "2025-02-01", &error));
  g_assert_true (sm_store_resolve_need (f->store, other, "2025-02-01", &error));
  g_assert_true (sm_store_delete_need (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT count(*) FROM need_history"), ==, 3);

  g_assert_true (sm_store_delete_household (f->store, gone, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT count(*) FROM need_history"), ==, 2);
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT count(*) FROM need_history WHERE"
                                             " household_id <> (SELECT min(id) FROM household)"), ==, 0);
}

typedef struct {
  guint         n;
  SmStoreChange what;
  GArray       *ids;
} Changes;

static void
changed_cb (SmStore       *store,
            SmStoreChange  what,
            GArray        *ids,
            Changes       *c)
{
  c->n++;
  c->what = what;
  g_clear_pointer (&c->ids, g_array_unref);
  if (ids != NULL)
    c->ids = g_array_ref (ids);
}

/* The store says what each committed action changed, once per action, and
 * notices another connection's commits. */
static void
test_changed_signal (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) other = NULL;
  Changes c = { 0 };
  gint64 h1, h2;

  g_signal_connect (f->store, "changed", G_CALLBACK (changed_cb), &c);

  h1 = add_household (f->store, "Tata, Kert utca 1.", 47.65, 18.32);
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_cmpint (c.what, ==, SM_STORE_CHANGE_CASES);
  g_assert_nonnull (c.ids);
  g_assert_cmpuint (c.ids->len, ==, 1);
  g_assert_cmpint (g_array_index (c.ids, gint64, 0), ==, h1);

  /* One action, one signal, after its commit. */
  g_assert_true (sm_store_begin (f->store, &error));
  h2 = add_household (f->store, "Tata, Kert utca 2.", 47.65, 18.33);
  add_need (f->store, h2, "lakhatas", 2, "2025-01-02", NULL);
  g_assert_cmpuint (c.n, ==, 1);
  g_assert_true (sm_store_commit (f->store, &error));
  g_assert_cmpuint (c.n, ==, 2);
  g_assert_true (c.what & SM_STORE_CHANGE_CASES);
  g_assert_null (c.ids);   /* a need changed: which households is not said */

  /* Nothing is said of what was rolled back. */
  g_assert_true (sm_store_begin (f->store, &error));
  add_household (f->store, "Tata, Kert utca 4.", 47.65, 18.33);
  sm_store_rollback (f->store);
  g_assert_cmpuint (c.n, ==, 2);

  /* The review list is its own kind. */
  {
    g_autoptr(SmAddress) parsed = sm_address_parse ("Tata, Kert utca 1.", NULL);
    SmGeocodeResult r = { 0 };

    r.parsed = parsed;
    r.candidates = g_ptr_array_new ();
    r.quality = SM_GEOCODE_SETTLEMENT;
    g_assert_true (sm_review_add (f->store, h1, &r, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (c.n, ==, 3);
    g_assert_cmpint (c.what, ==, SM_STORE_CHANGE_REVIEW);
    g_ptr_array_unref (r.candidates);
  }

  /* Another connection's commit is noticed when looked for, once. */
  g_assert_false (sm_store_check_outside (f->store));
  other = sm_store_open (f->path, &error);
  g_assert_no_error (error);
  add_household (other, "Tata, Kert utca 6.", 47.65, 18.33);
  g_assert_cmpuint (c.n, ==, 3);
  g_assert_true (sm_store_check_outside (f->store));
  g_assert_cmpuint (c.n, ==, 4);
  g_assert_cmpint (c.what, ==, SM_STORE_CHANGE_ALL);
  g_assert_false (sm_store_check_outside (f->store));
  g_assert_cmpuint (c.n, ==, 4);

  g_clear_pointer (&c.ids, g_array_unref);
  g_signal_handlers_disconnect_by_data (f->store, &c);
}

/* A call with what is not a store is a programming error: it says so and
 * does nothing. */
static void
test_bad_calls (void)
{
  g_autoptr(GError) error = NULL;

  g_test_expect_message ("sm-store", G_LOG_LEVEL_CRITICAL, "*SM_IS_STORE*");
  g_assert_false (sm_store_begin (NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);

  g_test_expect_message ("sm-store", G_LOG_LEVEL_CRITICAL, "*SM_IS_STORE*");
  g_assert_cmpint (sm_store_add_household (NULL, NULL, &error), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("sm-filter", G_LOG_LEVEL_CRITICAL, "*SM_IS_FILTER*");
  g_assert_false (sm_filter_parse_bbox (NULL, "1,2,3,4", &error));
  g_test_assert_expected_messages ();
}

/* A saved case survives a power cut: every commit is synced. */
static void
test_durable (Fixture       *f,
              gconstpointer  data)
{
  g_assert_cmpint (sm_test_scalar (f->store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==, 1);
}

static void
test_migrate_from_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_assert_cmpint (sm_store_get_schema_version (f->store), ==, 10);
  g_assert_cmpint (sm_store_count (f->store, "need_category"), ==, 11);
  g_assert_cmpint (sm_store_count (f->store, "service_type"), >=, 30);
  g_assert_cmpint (sm_test_scalar (f->store, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (sm_store_count (f->store, "household_rtree"), ==, 0);
}

/* A file written at each earlier version, with data in it, opens at the
 * latest version with its data, the indexes built from it and the
 * basemap's levels. */
static void
test_migrate_from_each_version (void)
{
  for (int from = 0; from < 9; from++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = sm_test_make_dir ("sm-migrate");
      g_autofree char *path = g_build_filename (dir, "old.db", NULL);
      g_autoptr(SmStore) old = _sm_store_open_at_version (path, from, &error);
      g_autoptr(SmStore) store = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sm_store_get_schema_version (old), ==, from);
      if (from >= 1)
        {
          gint64 h = add_household (old, "2890 Tata, Kossuth tér 1.", 47.65, 18.32);
          add_need (old, h, "lakhatas", 2, "2024-01-10", NULL);
          /* A service planned, in a status HSDS does not have, at a place. */
          g_assert_cmpint (sqlite3_exec (_sm_store_get_db (old),
            "INSERT INTO organization (id, name, kind) VALUES (1, 'Tatai Szociális Központ', 'municipal');"
            "INSERT INTO service (id, organization_id, service_type_id, name, status)"
            "  SELECT 1, 1, id, 'Idősek klubja', 'planned' FROM service_type WHERE code = 'nappali_ellatas_idosek';"
            "INSERT INTO location (id, organization_id, name) VALUES (1, 1, 'Klub');"
            "INSERT INTO service_at_location (service_id, location_id) VALUES (1, 1);",
            NULL, NULL, NULL), ==, SQLITE_OK);
        }
      g_clear_object (&old);

      store = sm_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (sm_store_get_schema_version (store), ==, 10);
      g_assert_cmpint (sm_store_count (store, "household"), ==, from >= 1 ? 1 : 0);
      /* The service keeps its status and its place, and may now be defunct
       * or temporarily closed; which services answer which needs is seeded. */
      g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM service JOIN service_at_location"
                                              " ON service_id = service.id WHERE status = 'planned'"), ==, from >= 1 ? 1 : 0);
      g_assert_cmpint (sqlite3_exec (_sm_store_get_db (store), "UPDATE service SET status = 'temporarily_closed'",
                                     NULL, NULL, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (_sm_store_get_db (store), "UPDATE service SET status = 'closed'",
                                     NULL, NULL, NULL) & 0xff, ==, from >= 1 ? SQLITE_CONSTRAINT : SQLITE_OK);
      g_assert_cmpint (sm_store_count (store, "need_service"), >=, 40);
      g_assert_cmpint (sm_test_scalar (store, "SELECT days FROM deadline WHERE name = 'referral_answer'"), ==, 2);
      /* Basemap features of any earlier file are on the ground. */
      g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM pragma_table_info ('basemap_feature')"
                                              " WHERE name = 'level' AND dflt_value = '0'"), ==, 1);
      /* The signalling system's members, seeded. */
      g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal_member_kind"
                                              " WHERE child_duty = 'must'"), >=, 20);
      g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM signal_member_kind"
                                              " WHERE code = 'maganszemely' AND adult_duty = 'may'"
                                              " AND child_duty IS NULL"), ==, 1);
      g_assert_cmpint (sm_store_count (store, "household_rtree"), ==, from >= 1 ? 1 : 0);
      g_clear_object (&store);
      sm_test_remove_dir (dir);
    }
}

static void
test_newer_file_refused (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) again = NULL;

  g_assert_cmpint (sqlite3_exec (_sm_store_get_db (f->store), "PRAGMA user_version = 99",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  again = sm_store_open (f->path, &error);
  g_assert_null (again);
  g_assert_error (error, SM_ERROR, SM_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-junk");
  g_autofree char *path = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(SmStore) store = NULL;

  g_file_set_contents (path, "this is not a database, just some text that is long enough", -1, NULL);
  store = sm_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (sm_error_is_user_error (error));
  sm_test_remove_dir (dir);
}

static void
test_constraints (Fixture       *f,
                  gconstpointer  data)
{
  gint64 h = add_household (f->store, "2890 Tata, Ady Endre utca 3.", 47.65, 18.32);
  gint64 before = sm_store_count (f->store, "need");
  struct {
    SmNeed need;
    const char *words;
  } bad[] = {
    { { .household_id = h, .category = "lakhatas", .severity = 5, .assessed_on = "2024-01-01" }, "5" },
    { { .household_id = h, .category = "nincs_ilyen", .severity = 1, .assessed_on = "2024-01-01" }, "nincs_ilyen" },
    { { .household_id = h, .category = "lakhatas", .severity = 1, .assessed_on = "2024-02-30" }, "2024-02-30" },
    { { .household_id = h, .category = "lakhatas", .severity = 1, .assessed_on = "2024-03-01",
        .resolved_on = "2024-01-01" }, "2024-01-01" },
    { { .household_id = h + 100, .category = "lakhatas", .severity = 1, .assessed_on = "2024-03-01" }, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (sm_store_add_need (f->store, &bad[i].need, &error), ==, 0);
      g_assert_nonnull (error);
      g_assert_true (sm_error_is_user_error (error));
      g_assert_nonnull (strstr (error->message, bad[i].words));
    }
  g_assert_cmpint (sm_store_count (f->store, "need"), ==, before);

  {
    g_autoptr(GError) error = NULL;
    SmPerson p = { .household_id = h, .family_name = "Teszt", .given_name = "Elek",
                   .birth_year = 1700 };
    g_assert_cmpint (sm_store_add_person (f->store, &p, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "1700"));
  }
  {
    /* The schema itself guards what the C checks let through. */
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error2 = NULL;
    sqlite3 *db = _sm_store_get_db (f->store);
    add_need (f->store, h, "lakhatas", 1, "2024-01-01", NULL);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE need SET severity = 7", NULL, NULL, NULL) & 0xff,
                     ==, SQLITE_CONSTRAINT);
    _sm_store_set_error (f->store, &error2);
    g_assert_error (error2, SM_ERROR, SM_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error2->message, "severity"));
    g_assert_cmpint (sqlite3_exec (db, "INSERT INTO household (address_raw, lat) VALUES ('x', 47.1)",
                                   NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    _sm_store_set_error (f->store, &error);
    g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "location"));
  }
}

static void
test_person_must_belong (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 h1 = add_household (f->store, "A utca 1.", 47.65, 18.32);
  gint64 h2 = add_household (f->store, "B utca 2.", 47.66, 18.33);
  SmPerson p = { .household_id = h1, .family_name = "Kovács", .given_name = "Anna", .role = "head" };
  gint64 person = sm_store_add_person (f->store, &p, &error);
  SmNeed n = { .household_id = h2, .person_id = person, .category = "lakhatas", .severity = 1,
               .assessed_on = "2024-01-01" };

  g_assert_no_error (error);
  g_assert_cmpint (sm_store_add_need (f->store, &n, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "person_id"));
}

/* A failed step inside a user action undoes the whole action. */
static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SmNeed bad = { .category = "lakhatas", .severity = 9, .assessed_on = "2024-01-01" };
  gint64 h;

  g_assert_true (sm_store_begin (f->store, &error));
  h = add_household (f->store, "C utca 3.", 47.65, 18.32);
  add_need (f->store, h, "lakhatas", 1, "2024-01-01", NULL);
  bad.household_id = h;
  g_assert_cmpint (sm_store_add_need (f->store, &bad, &error), ==, 0);
  g_assert_nonnull (error);
  sm_store_rollback (f->store);

  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "need"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "household_rtree"), ==, 0);

  /* A nested action can be undone while the outer one goes on. */
  g_clear_error (&error);
  g_assert_true (sm_store_begin (f->store, &error));
  h = add_household (f->store, "D utca 4.", 47.65, 18.32);
  g_assert_true (sm_store_begin (f->store, &error));
  add_household (f->store, "E utca 5.", 47.65, 18.32);
  sm_store_rollback (f->store);
  g_assert_true (sm_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 1);
}

static gint64
rtree_hits (SmStore *store,
            double   lon,
            double   lat)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*) FROM household_rtree WHERE min_lon <= %.7f AND max_lon >= %.7f"
    " AND min_lat <= %.7f AND max_lat >= %.7f", lon + 1e-5, lon - 1e-5, lat + 1e-5, lat - 1e-5);

  return sm_test_scalar (store, sql);
}

static void
test_rtree_in_step (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_household (f->store, "F utca 6.", 47.6500, 18.3200);
  gint64 b = add_household (f->store, "G utca 7.", 47.6600, 18.3300);
  SmHousehold unplaced = { .address_raw = "H utca 8." };

  g_assert_cmpint (sm_store_add_household (f->store, &unplaced, &error), >, 0);
  g_assert_cmpint (sm_store_count (f->store, "household_rtree"), ==, 2);
  g_assert_cmpint (rtree_hits (f->store, 18.32, 47.65), ==, 1);

  g_assert_true (sm_store_set_household_location (f->store, a, 47.6700, 18.3400,
                                                  SM_GEOCODE_MANUAL, &error));
  g_assert_cmpint (rtree_hits (f->store, 18.32, 47.65), ==, 0);
  g_assert_cmpint (rtree_hits (f->store, 18.34, 47.67), ==, 1);
  g_assert_cmpint (sm_store_count (f->store, "household_rtree"), ==, 2);

  g_assert_true (sm_store_delete_household (f->store, b, &error));
  g_assert_cmpint (rtree_hits (f->store, 18.33, 47.66), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "household_rtree"), ==, 1);

  g_assert_false (sm_store_delete_household (f->store, b, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);

  /* Every row of the index matches its household exactly. */
  g_assert_cmpint (sm_test_scalar (f->store, "SELECT count(*) FROM household h JOIN household_rtree r"
                                     " ON r.id = h.id WHERE abs(r.min_lon - h.lon) > 1e-5"
                                     " OR abs(r.min_lat - h.lat) > 1e-5"), ==, 0);
}

static GArray *
query_on (SmStore    *store,
          const char *date,
          const char *category)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  GArray *hits;
  GDate d;

  g_assert_true (sm_date_parse_iso (date, &d, NULL));
  sm_filter_set_as_of (filter, &d);
  if (category != NULL)
    sm_filter_add_category (filter, sm_store_lookup_category (store, category, NULL));
  hits = sm_store_query (store, filter, &error);
  g_assert_no_error (error);
  return hits;
}

static void
test_as_of (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = add_household (f->store, "I utca 9.", 47.650, 18.320);
  gint64 b = add_household (f->store, "J utca 10.", 47.651, 18.321);
  gint64 need;
  struct { const char *date; guint households; } expect[] = {
    { "2023-12-31", 0 }, { "2024-01-10", 1 }, { "2024-06-01", 2 }, { "2024-09-01", 2 },
    { "2025-03-01", 1 }, { "2025-03-02", 1 }, { "2026-01-01", 1 },
  };

  add_need (f->store, a, "lakhatas", 2, "2024-01-10", "2025-03-01");
  add_need (f->store, b, "idos_gondozas", 1, "2024-05-01", NULL);
  need = add_need (f->store, b, "jovedelem_adossag", 3, "2024-08-15", "2024-12-01");

  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    {
      g_autoptr(GArray) hits = query_on (f->store, expect[i].date, NULL);
      g_assert_cmpuint (hits->len, ==, expect[i].households);
    }

  {
    g_autoptr(GArray) hits = query_on (f->store, "2024-09-01", NULL);
    const SmCaseHit *hb = &g_array_index (hits, SmCaseHit, 1);
    g_assert_cmpint (hb->household_id, ==, b);
    g_assert_cmpint (hb->n_needs, ==, 2);
    g_assert_cmpint (hb->max_severity, ==, 3);
    g_assert_cmpint (hb->main_category, ==, sm_store_lookup_category (f->store, "jovedelem_adossag", NULL));
  }
  {
    g_autoptr(GArray) hits = query_on (f->store, "2024-09-01", "lakhatas");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (g_array_index (hits, SmCaseHit, 0).household_id, ==, a);
  }

  /* Resolving moves the answer for later dates only; the cache follows. */
  g_assert_true (sm_store_resolve_need (f->store, need, "2024-08-20", &error));
  {
    g_autoptr(GArray) before = query_on (f->store, "2024-08-19", "jovedelem_adossag");
    g_autoptr(GArray) after = query_on (f->store, "2024-08-20", "jovedelem_adossag");
    g_assert_cmpuint (before->len, ==, 1);
    g_assert_cmpuint (after->len, ==, 0);
  }
  g_assert_cmpint (sm_store_count (f->store, "need_history"), ==, 1);

  {
    GDate d;
    g_autoptr(SmStats) stats = NULL;
    sm_date_parse_iso ("2024-09-01", &d, NULL);
    stats = sm_stats_compute (f->store, &d, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stats->open_needs, ==, 2);
    g_assert_cmpint (stats->households_with_needs, ==, 2);
  }
}

static void
test_bbox_query (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = NULL;
  gint64 inside = add_household (f->store, "K utca 1.", 47.6500, 18.3200);
  gint64 edge = add_household (f->store, "L utca 2.", 47.6600, 18.3300);
  gint64 outside = add_household (f->store, "M utca 3.", 47.6600001, 18.3300);
  GDate d;

  add_need (f->store, inside, "lakhatas", 1, "2024-01-01", NULL);
  add_need (f->store, edge, "lakhatas", 1, "2024-01-01", NULL);
  add_need (f->store, outside, "lakhatas", 1, "2024-01-01", NULL);
  sm_date_parse_iso ("2024-06-01", &d, NULL);
  sm_filter_set_as_of (filter, &d);
  g_assert_true (sm_filter_parse_bbox (filter, "18.31,47.64,18.33,47.66", &error));
  hits = sm_store_query (f->store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (g_array_index (hits, SmCaseHit, 0).household_id, ==, inside);
  g_assert_cmpint (g_array_index (hits, SmCaseHit, 1).household_id, ==, edge);

  g_assert_false (sm_filter_parse_bbox (filter, "18.33,47.64,18.31,47.66", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
}

static gint64
add_person (SmStore *store,
            gint64   household,
            int      birth_year)
{
  g_autoptr(GError) error = NULL;
  SmPerson p = { .household_id = household, .family_name = "Teszt", .given_name = "Elek",
                 .birth_year = birth_year, .synthetic = TRUE };
  gint64 id = sm_store_add_person (store, &p, &error);

  g_assert_no_error (error);
  return id;
}

static void
add_assessment (SmStore    *store,
                gint64      person,
                const char *day,
                gboolean    alone,
                gboolean    alarm)
{
  g_autoptr(GError) error = NULL;
  SmElderlyAssessment a = { .person_id = person, .assessed_on = (char *) day,
                            .mobility = "limited", .lives_alone = alone, .alarm_device = alarm };

  g_assert_cmpint (sm_store_add_elderly_assessment (store, &a, &error), >, 0);
  g_assert_no_error (error);
}

static guint
count_hits (SmStore  *store,
            SmFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);

  g_assert_no_error (error);
  return hits->len;
}

/* Need state, age groups on the day, the latest elderly assessment on or
 * before the day, and settlement parts. */
static void
test_household_conditions (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  gint64 family = add_household (f->store, "Tata, Ady Endre utca 1.", 47.65, 18.32);
  gint64 widow = add_household (f->store, "Tata, Ady Endre utca 3.", 47.65, 18.321);
  gint64 other = add_household (f->store, "Tata, Agostyáni út 5.", 47.66, 18.30);
  gint64 grandma;
  GDate day;

  sm_store_set_household_location (f->store, other, 47.66, 18.30, SM_GEOCODE_MANUAL, NULL);
  g_assert_cmpint (sqlite3_exec (_sm_store_get_db (f->store),
                                 "UPDATE household SET settlement_part = 'Agostyán' WHERE id = 3",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  add_person (f->store, family, 1985);
  add_person (f->store, family, 2015);
  grandma = add_person (f->store, widow, 1950);
  add_person (f->store, other, 1990);
  add_assessment (f->store, grandma, "2024-01-10", FALSE, FALSE);
  add_assessment (f->store, grandma, "2025-02-01", TRUE, FALSE);
  add_need (f->store, family, "lakhatas", 2, "2024-01-01", "2025-01-01");
  add_need (f->store, widow, "idos_gondozas", 3, "2024-01-05", NULL);
  add_need (f->store, other, "munkanelkuliseg", 1, "2024-03-01", NULL);

  sm_date_parse_iso ("2025-06-01", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 2);
  sm_filter_set_status (filter, SM_NEED_RESOLVED);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_filter_set_status (filter, SM_NEED_ANY);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 3);

  sm_filter_set_age_groups (filter, SM_AGE_CHILD);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_filter_set_age_groups (filter, SM_AGE_ELDERLY);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_filter_set_age_groups (filter, SM_AGE_ADULT);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 2);
  sm_filter_set_age_groups (filter, 0);

  /* Living alone since February 2025, not before. */
  sm_filter_set_elderly_flags (filter, SM_ELDERLY_LIVES_ALONE);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_date_parse_iso ("2024-12-31", &day, NULL);
  sm_filter_set_as_of (filter, &day);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 0);
  sm_filter_set_elderly_flags (filter, SM_ELDERLY_NO_ALARM);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_filter_set_elderly_flags (filter, SM_ELDERLY_ALARM_DEVICE);
  g_assert_cmpuint (count_hits (f->store, filter), ==, 0);
  sm_filter_set_elderly_flags (filter, 0);

  sm_filter_set_settlement_part (filter, "Agostyán");
  g_assert_cmpuint (count_hits (f->store, filter), ==, 1);
  sm_filter_set_settlement_part (filter, "Nowhere");
  g_assert_cmpuint (count_hits (f->store, filter), ==, 0);
}

/* What the Case page reads and writes. */
static void
test_case_edits (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 h = add_household (f->store, "Tata, Kossuth tér 1.", 47.65, 18.32);
  gint64 p = add_person (f->store, h, 1950);
  g_autoptr(GPtrArray) persons = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) assessments = NULL;
  g_autoptr(GPtrArray) found = NULL;
  SmHousehold edit = { .id = h, .address_raw = "Tata, Kossuth tér 2.", .postal_code = "2890",
                       .settlement = "Tata", .settlement_part = "Tóváros" };
  SmPerson person = { .id = p, .household_id = h, .family_name = "Kovács", .given_name = "Anna",
                      .birth_year = 1951, .role = "head" };
  SmHousehold back;

  add_need (f->store, h, "lakhatas", 2, "2024-01-01", "2024-06-01");
  add_need (f->store, h, "idos_gondozas", 3, "2024-02-01", NULL);
  add_assessment (f->store, p, "2024-02-01", TRUE, TRUE);

  g_assert_true (sm_store_update_household (f->store, &edit, &error));
  g_assert_no_error (error);
  g_assert_true (sm_store_get_household (f->store, h, &back, &error));
  g_assert_cmpstr (back.address_raw, ==, "Tata, Kossuth tér 2.");
  g_assert_cmpstr (back.settlement_part, ==, "Tóváros");
  sm_household_clear (&back);

  edit.address_raw = "  ";
  g_assert_false (sm_store_update_household (f->store, &edit, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sm_store_update_person (f->store, &person, &error));
  g_assert_no_error (error);
  person.birth_year = 1700;
  g_assert_false (sm_store_update_person (f->store, &person, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  persons = sm_store_list_persons (f->store, h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (persons->len, ==, 1);
  g_assert_cmpstr (((SmPerson *) persons->pdata[0])->family_name, ==, "Kovács");
  g_assert_cmpint (((SmPerson *) persons->pdata[0])->birth_year, ==, 1951);

  /* Open needs first. */
  needs = sm_store_list_needs (f->store, h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (needs->len, ==, 2);
  g_assert_cmpstr (((SmNeed *) needs->pdata[0])->category, ==, "idos_gondozas");
  g_assert_null (((SmNeed *) needs->pdata[0])->resolved_on);
  g_assert_cmpstr (((SmNeed *) needs->pdata[1])->resolved_on, ==, "2024-06-01");

  assessments = sm_store_list_assessments (f->store, h, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (assessments->len, ==, 1);
  g_assert_true (((SmElderlyAssessment *) assessments->pdata[0])->alarm_device);
  {
    SmElderlyAssessment *a = assessments->pdata[0];

    a->alarm_device = FALSE;
    g_free (a->mobility);
    a->mobility = g_strdup ("bedridden");
    g_assert_true (sm_store_update_elderly_assessment (f->store, a, &error));
    g_assert_no_error (error);
    g_assert_cmpint (sm_test_scalar (f->store, "SELECT alarm_device FROM elderly_assessment"), ==, 0);
    g_free (a->mobility);
    a->mobility = g_strdup ("flying");
    g_assert_false (sm_store_update_elderly_assessment (f->store, a, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
  }

  found = sm_store_search_households (f->store, "Kossuth", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sm_store_search_households (f->store, "Kovács Anna", 10, &error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sm_store_search_households (f->store, "Petőfi", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* As people type: no accents, cut short, any order, "u." for utca; and
   * which person matched. */
  for (guint i = 0; i < 7; i++)
    {
      static const char * const typed[] = { "kossuth ter 2", "KOSSUTH T.", "2890 Tata, tér kossuth", "kovacs anna",
                                             "anna kov", "Kovács A.", "KOVÁCS" };
      g_autoptr(GPtrArray) who = NULL;

      found = sm_store_search_households_why (f->store, typed[i], 10, &who, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (who, 0), ==, i < 3 ? "" : "Kovács Anna");
      g_clear_pointer (&found, g_ptr_array_unref);
    }
  found = sm_store_search_households (f->store, "kossuthné", 10, &error);
  g_assert_cmpuint (found->len, ==, 0);

  g_assert_true (sm_store_delete_person (f->store, p, &error));
  g_assert_cmpint (sm_store_count (f->store, "elderly_assessment"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/migrate/empty", Fixture, NULL, fixture_setup, test_migrate_from_empty, fixture_teardown);
  g_test_add_func ("/store/migrate/each-version", test_migrate_from_each_version);
  g_test_add ("/store/migrate/newer-refused", Fixture, NULL, fixture_setup, test_newer_file_refused, fixture_teardown);
  g_test_add_func ("/store/open/not-a-database", test_not_a_database);
  g_test_add ("/store/erasure", Fixture, NULL, fixture_setup, test_erasure, fixture_teardown);
  g_test_add ("/store/changed", Fixture, NULL, fixture_setup, test_changed_signal, fixture_teardown);
  g_test_add_func ("/store/bad-calls", test_bad_calls);
  g_test_add ("/store/durable", Fixture, NULL, fixture_setup, test_durable, fixture_teardown);
  g_test_add ("/store/constraints", Fixture, NULL, fixture_setup, test_constraints, fixture_teardown);
  g_test_add ("/store/person-must-belong", Fixture, NULL, fixture_setup, test_person_must_belong, fixture_teardown);
  g_test_add ("/store/rollback", Fixture, NULL, fixture_setup, test_rollback, fixture_teardown);
  g_test_add ("/store/rtree-in-step", Fixture, NULL, fixture_setup, test_rtree_in_step, fixture_teardown);
  g_test_add ("/store/as-of", Fixture, NULL, fixture_setup, test_as_of, fixture_teardown);
  g_test_add ("/store/household-conditions", Fixture, NULL, fixture_setup, test_household_conditions, fixture_teardown);
  g_test_add ("/store/case-edits", Fixture, NULL, fixture_setup, test_case_edits, fixture_teardown);
  g_test_add ("/store/bbox", Fixture, NULL, fixture_setup, test_bbox_query, fixture_teardown);

  return g_test_run ();
}
