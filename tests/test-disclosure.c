/* The disclosure rule: small counts hidden, and none derivable from the
 * total by an attacker who knows what the table shows. */

#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "sm-disclosure.h"
#include "sm-error.h"
#include "sm-grid.h"
#include "sm-test-util.h"

#define K 5

static void
test_threshold (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmDisclosure) d = sm_disclosure_new (0);
  g_autoptr(SmDisclosure) eight = sm_disclosure_new (8);

  g_assert_cmpint (sm_disclosure_get_k (d), ==, SM_DISCLOSURE_MIN_K);
  g_assert_cmpint (sm_disclosure_get_k (eight), ==, 8);
  g_assert_true (sm_disclosure_check_k (0, NULL));
  g_assert_true (sm_disclosure_check_k (5, NULL));
  g_assert_false (sm_disclosure_check_k (3, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);

  /* Zero names nobody; 1 to k-1 households or persons are small. */
  g_assert_false (sm_disclosure_is_small (d, 0, 0));
  g_assert_true (sm_disclosure_is_small (d, 1, 7));
  g_assert_true (sm_disclosure_is_small (d, 6, 4));
  g_assert_false (sm_disclosure_is_small (d, 5, 5));
  g_assert_true (sm_disclosure_is_small (eight, 7, 20));
}

static void
test_bad_calls (void)
{
  g_test_expect_message ("sm-disclosure", G_LOG_LEVEL_CRITICAL, "*SM_IS_DISCLOSURE*");
  g_assert_null (sm_disclosure_format_count (NULL, 3, SM_DISCLOSURE_SHOWN));
  g_test_assert_expected_messages ();
  g_test_expect_message ("sm-disclosure", G_LOG_LEVEL_CRITICAL, "*SM_IS_DISCLOSURE*");
  g_assert_true (sm_disclosure_is_small (NULL, 100, 100));   /* hides when in doubt */
  g_test_assert_expected_messages ();
}

static void
test_format (void)
{
  g_autoptr(SmDisclosure) d = sm_disclosure_new (0);
  g_autofree char *small = sm_disclosure_format_count (d, 3, SM_DISCLOSURE_SMALL);
  g_autofree char *other = sm_disclosure_format_count (d, 17, SM_DISCLOSURE_COMPLEMENTARY);
  g_autofree char *shown = sm_disclosure_format_count (d, 0, SM_DISCLOSURE_SHOWN);

  g_assert_cmpstr (small, ==, "<5");
  g_assert_cmpstr (other, ==, "x");
  g_assert_cmpstr (shown, ==, "0");
}

/* The case that was found: 442 households, parts of 424, 17 and 1. */
static void
test_subtraction (void)
{
  g_autoptr(SmDisclosure) d = sm_disclosure_new (0);
  SmDisclosureCell cells[] = { { 424, 900, -1 }, { 17, 40, -1 }, { 1, 2, -1 } };

  sm_disclosure_protect (d, cells, G_N_ELEMENTS (cells));
  g_assert_cmpint (cells[0].state, ==, SM_DISCLOSURE_SHOWN);
  g_assert_cmpint (cells[1].state, ==, SM_DISCLOSURE_COMPLEMENTARY);
  g_assert_cmpint (cells[2].state, ==, SM_DISCLOSURE_SMALL);
}

/* Two small units of one household each add up to 2: each is 1. */
static void
test_two_ones (void)
{
  g_autoptr(SmDisclosure) d = sm_disclosure_new (0);
  SmDisclosureCell cells[] = { { 1, 1, -1 }, { 1, 1, -1 }, { 30, 70, -1 }, { 50, 90, -1 } };

  sm_disclosure_protect (d, cells, G_N_ELEMENTS (cells));
  g_assert_cmpint (cells[0].state, ==, SM_DISCLOSURE_SMALL);
  g_assert_cmpint (cells[1].state, ==, SM_DISCLOSURE_SMALL);
  g_assert_cmpint (cells[2].state, ==, SM_DISCLOSURE_COMPLEMENTARY);
  g_assert_cmpint (cells[3].state, ==, SM_DISCLOSURE_SHOWN);
}

/* Nothing small: nothing hidden. */
static void
test_nothing_small (void)
{
  g_autoptr(SmDisclosure) d = sm_disclosure_new (0);
  SmDisclosureCell cells[] = { { 5, 9, 7 }, { 0, 0, 0 }, { 12, 20, 15 } };

  sm_disclosure_protect (d, cells, G_N_ELEMENTS (cells));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpint (cells[i].state, ==, SM_DISCLOSURE_SHOWN);
}

/* --- the attacker ------------------------------------------------------ */

typedef struct {
  guint   n;
  gint64  lo[8], hi[8];
  gint64  seen_min[8], seen_max[8];
  gint64  value[8];
  guint64 solutions;
} Search;

/* Every way the hidden units can hold values within what the table says
 * of them and add up to what the total leaves. */
static void
enumerate (Search *s,
           guint   i,
           gint64  left)
{
  if (i == s->n)
    {
      if (left != 0)
        return;
      s->solutions++;
      for (guint k = 0; k < s->n; k++)
        {
          s->seen_min[k] = MIN (s->seen_min[k], s->value[k]);
          s->seen_max[k] = MAX (s->seen_max[k], s->value[k]);
        }
      return;
    }
  for (gint64 v = s->lo[i]; v <= MIN (s->hi[i], left); v++)
    {
      gint64 rest_lo = 0;

      for (guint k = i + 1; k < s->n; k++)
        rest_lo += s->lo[k];
      if (left - v < rest_lo)
        break;
      s->value[i] = v;
      enumerate (s, i + 1, left - v);
    }
}

static gint64
count_in (const SmDisclosureCell *c,
          int                     dimension)
{
  return dimension == 0 ? c->households : dimension == 1 ? c->persons : c->needs;
}

/* From the shown total and the shown units, with brute force: can any
 * hidden unit's count be pinned down? */
static gboolean
attacker_pins_one (const SmDisclosureCell *cells,
                   guint                   n,
                   int                     dimension)
{
  Search s = { 0 };
  gint64 total = 0, shown = 0;

  for (guint i = 0; i < n; i++)
    {
      total += count_in (&cells[i], dimension);
      if (cells[i].state == SM_DISCLOSURE_SHOWN)
        shown += count_in (&cells[i], dimension);
      else
        {
          gboolean small_here = dimension < 2 && count_in (&cells[i], dimension) < K;

          /* What "<5" says of this count, told as strongly as the truth
           * allows; "x" says k or more. */
          s.lo[s.n] = cells[i].state == SM_DISCLOSURE_SMALL ? 1 : K;
          /* Each household in a table has at least one need. */
          s.hi[s.n] = cells[i].state == SM_DISCLOSURE_SMALL && small_here ? K - 1 : G_MAXINT;
          s.seen_min[s.n] = G_MAXINT64;
          s.seen_max[s.n] = G_MININT64;
          s.n++;
        }
    }
  if (s.n == 0)
    return FALSE;
  enumerate (&s, 0, total - shown);
  g_assert_cmpuint (s.solutions, >, 0);   /* the truth is one */
  for (guint k = 0; k < s.n; k++)
    if (s.seen_min[k] == s.seen_max[k])
      return TRUE;
  return FALSE;
}

static void
test_attacker (void)
{
  g_autoptr(SmDisclosure) d = sm_disclosure_new (K);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  guint protected_tables = 0;

  for (int t = 0; t < 3000; t++)
    {
      guint n = g_rand_int_range (rand, 1, 7);
      SmDisclosureCell cells[8];
      gboolean any_small = FALSE;

      for (guint i = 0; i < n; i++)
        {
          gint64 h = g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 1, 5)
                                                        : g_rand_int_range (rand, 0, 16);

          cells[i].households = h;
          cells[i].persons = h == 0 ? 0 : h + g_rand_int_range (rand, 0, 6);
          cells[i].needs = h == 0 ? 0 : h + g_rand_int_range (rand, 0, 4);
          any_small |= sm_disclosure_is_small (d, cells[i].households, cells[i].persons);
        }
      sm_disclosure_protect (d, cells, n);
      for (guint i = 0; i < n; i++)
        {
          /* Small units are always hidden. */
          if (sm_disclosure_is_small (d, cells[i].households, cells[i].persons))
            g_assert_cmpint (cells[i].state, ==, SM_DISCLOSURE_SMALL);
        }
      /* A table whose hidden units are all there is can only show its total. */
      {
        guint shown = 0;

        for (guint i = 0; i < n; i++)
          shown += cells[i].state == SM_DISCLOSURE_SHOWN && cells[i].households > 0;
        if (any_small && shown == 0)
          continue;
      }
      for (int dim = 0; dim < 3; dim++)
        if (attacker_pins_one (cells, n, dim))
          {
            for (guint i = 0; i < n; i++)
              g_printerr ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ":%d ",
                          cells[i].households, cells[i].persons, cells[i].state);
            g_error ("table %d: a hidden count can be derived (dimension %d)", t, dim);
          }
      protected_tables += any_small;
    }
  g_assert_cmpuint (protected_tables, >, 500);
}

/* Households on the EOV grid: each cell counted once, small cells and
 * their complement hidden, corners around the households they count. */
static void
test_grid (void)
{
  static const struct { double lat, lon; int n; } spots[] = {
    { 47.6450, 18.3250, 7 },   /* three cells of Tata, about a kilometre apart */
    { 47.6540, 18.3250, 3 },
    { 47.6450, 18.3380, 6 },
  };
  g_autofree char *dir = sm_test_make_dir ("sm-grid");
  g_autofree char *path = g_build_filename (dir, "grid.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmDisclosure) d = sm_disclosure_new (K);
  g_autoptr(GArray) cells = NULL;
  gint64 households = 0, shown = 0;
  guint hidden = 0;

  g_assert_no_error (error);
  for (guint s = 0; s < G_N_ELEMENTS (spots); s++)
    for (int i = 0; i < spots[s].n; i++)
      {
        g_autofree char *address = g_strdup_printf ("Tata, Fő utca %u/%d", s + 1, i + 1);
        gint64 h = sm_test_add_household (store, address, TRUE, spots[s].lat, spots[s].lon);

        sm_test_add_need (store, h, "housing", 2, "2026-01-15", NULL);
      }
  cells = sm_grid_count (store, filter, d, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cells->len, ==, 3);
  for (guint i = 0; i < cells->len; i++)
    {
      const SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      gboolean holds_a_spot = FALSE;

      households += c->counts.households;
      g_assert_cmpfloat (c->lon[0], <, c->lon[1]);
      g_assert_cmpfloat (c->lat[0], <, c->lat[3]);
      g_assert_cmpfloat (fmod (c->x0, SM_GRID_DEFAULT_CELL_M), ==, 0);
      for (guint s = 0; s < G_N_ELEMENTS (spots); s++)
        if (spots[s].lon >= c->lon[0] && spots[s].lon <= c->lon[1]
            && spots[s].lat >= c->lat[0] && spots[s].lat <= c->lat[3])
          {
            holds_a_spot = TRUE;
            g_assert_cmpint (c->counts.households, ==, spots[s].n);
          }
      g_assert_true (holds_a_spot);
      if (c->counts.state == SM_DISCLOSURE_SHOWN)
        {
          g_assert_cmpint (c->counts.households, >=, K);
          shown += c->counts.households;
        }
      else
        hidden++;
    }
  g_assert_cmpint (households, ==, 16);
  /* The three, and one more so that 16 − shown does not give it away. */
  g_assert_cmpuint (hidden, ==, 2);
  g_assert_cmpint (shown, <, 16 - 3);

  g_assert_null (sm_grid_count (store, filter, d, 10, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/disclosure/threshold", test_threshold);
  g_test_add_func ("/disclosure/format", test_format);
  g_test_add_func ("/disclosure/bad-calls", test_bad_calls);
  g_test_add_func ("/disclosure/subtraction", test_subtraction);
  g_test_add_func ("/disclosure/two-ones", test_two_ones);
  g_test_add_func ("/disclosure/nothing-small", test_nothing_small);
  g_test_add_func ("/disclosure/attacker", test_attacker);
  g_test_add_func ("/disclosure/grid", test_grid);
  return g_test_run ();
}
