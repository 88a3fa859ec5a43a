/* What the map shows for a filter: sm_store_query on a store small enough
 * to know every answer. */

#include "config.h"

#include "sm-query.h"
#include "sm-test-util.h"

typedef struct {
  char    *dir;
  SmStore *store;
  gint64   a, b, c, unplaced;
} Fixture;

#define add sm_test_add_household
#define need sm_test_add_need

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = sm_test_make_dir ("sm-query");
  path = g_build_filename (f->dir, "q.db", NULL);
  f->store = sm_store_open (path, &error);
  g_assert_no_error (error);
  f->a = add (f->store, "Tata, A utca 1.", TRUE, 47.650, 18.320);
  f->b = add (f->store, "Tata, B utca 2.", TRUE, 47.660, 18.340);
  f->c = add (f->store, "Tata, C utca 3.", TRUE, 47.640, 18.300);
  f->unplaced = add (f->store, "Tata, Sehol 4.", FALSE, 0, 0);
  need (f->store, f->a, "lakhatas", 1, "2024-01-10", NULL);
  need (f->store, f->a, "munkanelkuliseg", 3, "2024-06-01", NULL);
  need (f->store, f->b, "lakhatas", 2, "2024-02-01", "2024-12-01");
  need (f->store, f->c, "idos_gondozas", 2, "2025-02-01", NULL);
  need (f->store, f->unplaced, "lakhatas", 3, "2024-01-01", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_object (&f->store);
  sm_test_remove_dir (f->dir);
  g_free (f->dir);
}

static const SmCaseHit *
hit_of (GArray *hits,
        gint64  household)
{
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, SmCaseHit, i).household_id == household)
      return &g_array_index (hits, SmCaseHit, i);
  return NULL;
}

static GArray *
query_on (SmStore    *store,
          SmFilter   *filter,
          int         d,
          int         m,
          int         y)
{
  g_autoptr(GError) error = NULL;
  GDate day;
  GArray *hits;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  sm_filter_set_as_of (filter, &day);
  hits = sm_store_query (store, filter, &error);
  g_assert_no_error (error);
  return hits;
}

/* Open on the day, placed households only, the most severe need leads. */
static void
test_open_on_day (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) july = query_on (f->store, filter, 1, 7, 2024);
  g_autoptr(GArray) later = query_on (f->store, filter, 1, 3, 2025);
  const SmCaseHit *a;

  g_assert_cmpuint (july->len, ==, 2);        /* a and b; c not yet; the unplaced never */
  a = hit_of (july, f->a);
  g_assert_nonnull (a);
  g_assert_cmpint (a->n_needs, ==, 2);
  g_assert_cmpint (a->max_severity, ==, 3);
  g_assert_cmpint (a->main_category, ==, sm_store_lookup_category (f->store, "munkanelkuliseg", NULL));
  g_assert_cmpfloat (a->lat, ==, 47.650);
  g_assert_null (hit_of (july, f->unplaced));

  g_assert_cmpuint (later->len, ==, 2);       /* b resolved, c assessed */
  g_assert_null (hit_of (later, f->b));
  g_assert_nonnull (hit_of (later, f->c));
}

static void
test_conditions (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) severe = NULL, housing = NULL, boxed = NULL, resolved = NULL;

  sm_filter_set_min_severity (filter, 3);
  severe = query_on (f->store, filter, 1, 7, 2024);
  g_assert_cmpuint (severe->len, ==, 1);
  g_assert_cmpint (hit_of (severe, f->a)->n_needs, ==, 1);
  sm_filter_set_min_severity (filter, 1);

  sm_filter_add_category (filter, sm_store_lookup_category (f->store, "lakhatas", NULL));
  housing = query_on (f->store, filter, 1, 7, 2024);
  g_assert_cmpuint (housing->len, ==, 2);
  g_assert_cmpint (hit_of (housing, f->a)->n_needs, ==, 1);
  g_assert_cmpint (hit_of (housing, f->a)->max_severity, ==, 1);
  sm_filter_clear_categories (filter);

  sm_filter_set_bbox (filter, 18.33, 47.655, 18.35, 47.665);
  boxed = query_on (f->store, filter, 1, 7, 2024);
  g_assert_cmpuint (boxed->len, ==, 1);
  g_assert_nonnull (hit_of (boxed, f->b));
  sm_filter_clear_bbox (filter);

  sm_filter_set_status (filter, SM_NEED_RESOLVED);
  resolved = query_on (f->store, filter, 1, 1, 2025);
  g_assert_cmpuint (resolved->len, ==, 1);
  g_assert_nonnull (hit_of (resolved, f->b));
}

/* The in-memory table follows the store's changes, its own and another
 * connection's. */
static void
test_follows_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) before = query_on (f->store, filter, 1, 7, 2024);
  g_autoptr(GArray) after = NULL, outside = NULL;
  g_autoptr(SmStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 d;

  g_assert_cmpuint (before->len, ==, 2);
  d = add (f->store, "Tata, D utca 5.", TRUE, 47.651, 18.321);
  need (f->store, d, "lakhatas", 2, "2024-03-01", NULL);
  after = query_on (f->store, filter, 1, 7, 2024);
  g_assert_cmpuint (after->len, ==, 3);

  other = sm_store_open (sm_store_get_path (f->store), &error);
  g_assert_no_error (error);
  g_assert_true (sm_store_delete_household (other, f->a, &error));
  outside = query_on (f->store, filter, 1, 7, 2024);
  g_assert_cmpuint (outside->len, ==, 2);
  g_assert_null (hit_of (outside, f->a));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/query/open-on-day", Fixture, NULL, setup, test_open_on_day, teardown);
  g_test_add ("/query/conditions", Fixture, NULL, setup, test_conditions, teardown);
  g_test_add ("/query/follows-changes", Fixture, NULL, setup, test_follows_changes, teardown);
  return g_test_run ();
}
