/* The filter: what it accepts of a need, the words it reads, and that it
 * says when it changes. */

#include "config.h"

#include <math.h>

#include "sm-error.h"
#include "sm-filter.h"

static void
count_changed (guint *n)
{
  (*n)++;
}

static void
test_bbox (void)
{
  static const char * const bad[] = {
    "nan,nan,nan,nan", "inf,47,18.4,47.7", "18.3,47.6,18.4", "18.3,47.6,18.4,47.7,1",
    "18.4,47.6,18.3,47.7", "a,b,c,d", "18.3;47.6;18.4;47.7", "-181,0,10,10", "0,-91,10,10", "",
    "18.3,47.6,18.4,47.7x", "0x10,1,20,30",
  };
  g_autoptr(SmFilter) f = sm_filter_new ();
  double w, s, e, n;

  g_assert_false (sm_filter_get_bbox (f, &w, &s, &e, &n));
  g_assert_true (sm_filter_parse_bbox (f, " 18.30, 47.62 ,18.36,47.67", NULL));
  g_assert_true (sm_filter_get_bbox (f, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 18.30);
  g_assert_cmpfloat (n, ==, 47.67);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      if (sm_filter_parse_bbox (f, bad[i], &error))
        g_error ("“%s” was taken as a box", bad[i]);
      g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    }
  /* A refused box leaves the one before. */
  g_assert_true (sm_filter_get_bbox (f, &w, &s, &e, &n));
  g_assert_cmpfloat (w, ==, 18.30);
}

static void
test_words (void)
{
  g_autoptr(SmFilter) f = sm_filter_new ();
  g_autoptr(GError) error = NULL;
  SmAgeGroups group;

  g_assert_cmpint (sm_filter_get_status (f), ==, SM_NEED_OPEN);
  g_assert_true (sm_filter_parse_status (f, "resolved", NULL));
  g_assert_cmpint (sm_filter_get_status (f), ==, SM_NEED_RESOLVED);
  g_assert_true (sm_filter_parse_status (f, "any", NULL));
  g_assert_cmpint (sm_filter_get_status (f), ==, SM_NEED_ANY);
  g_assert_false (sm_filter_parse_status (f, "closed", &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_filter_get_status (f), ==, SM_NEED_ANY);

  g_assert_true (sm_filter_parse_age_group ("elderly", &group, NULL));
  g_assert_cmpint (group, ==, SM_AGE_ELDERLY);
  g_assert_true (sm_filter_parse_age_group ("child", &group, NULL));
  g_assert_cmpint (group, ==, SM_AGE_CHILD);
  g_assert_false (sm_filter_parse_age_group ("old", &group, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
}

static void
test_accepts_need (void)
{
  g_autoptr(SmFilter) f = sm_filter_new ();
  GDate day, since;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_MARCH, 2025);
  sm_filter_set_as_of (f, &day);

  /* Open on the day: assessed by it, not resolved by it. */
  g_assert_true (sm_filter_accepts_need (f, 1, 2, "2025-03-01", NULL));
  g_assert_true (sm_filter_accepts_need (f, 1, 2, "2024-01-01", "2025-03-02"));
  g_assert_false (sm_filter_accepts_need (f, 1, 2, "2024-01-01", "2025-03-01"));
  g_assert_false (sm_filter_accepts_need (f, 1, 2, "2025-03-02", NULL));

  sm_filter_set_status (f, SM_NEED_RESOLVED);
  g_assert_true (sm_filter_accepts_need (f, 1, 2, "2024-01-01", "2025-03-01"));
  g_assert_false (sm_filter_accepts_need (f, 1, 2, "2024-01-01", NULL));
  sm_filter_set_status (f, SM_NEED_ANY);
  g_assert_true (sm_filter_accepts_need (f, 1, 2, "2024-01-01", "2024-02-01"));
  sm_filter_set_status (f, SM_NEED_OPEN);

  sm_filter_set_min_severity (f, 3);
  g_assert_false (sm_filter_accepts_need (f, 1, 2, "2025-01-01", NULL));
  g_assert_true (sm_filter_accepts_need (f, 1, 3, "2025-01-01", NULL));
  sm_filter_set_min_severity (f, 1);

  sm_filter_add_category (f, 4);
  g_assert_true (sm_filter_accepts_need (f, 4, 1, "2025-01-01", NULL));
  g_assert_false (sm_filter_accepts_need (f, 1, 1, "2025-01-01", NULL));
  sm_filter_clear_categories (f);
  g_assert_true (sm_filter_accepts_need (f, 1, 1, "2025-01-01", NULL));

  /* The time slider's window: assessed since its first day. */
  g_date_clear (&since, 1);
  g_date_set_dmy (&since, 1, G_DATE_JANUARY, 2025);
  sm_filter_set_since (f, &since);
  g_assert_true (sm_filter_accepts_need (f, 1, 1, "2025-01-01", NULL));
  g_assert_false (sm_filter_accepts_need (f, 1, 1, "2024-12-31", NULL));
}

static void
test_changed (void)
{
  g_autoptr(SmFilter) f = sm_filter_new ();
  g_autoptr(SmFilter) copy = NULL;
  guint n = 0;

  g_signal_connect_swapped (f, "changed", G_CALLBACK (count_changed), &n);
  sm_filter_set_min_severity (f, 2);
  g_assert_cmpuint (n, ==, 1);
  sm_filter_set_bbox (f, 18.3, 47.6, 18.4, 47.7);
  g_assert_cmpuint (n, ==, 2);
  sm_filter_set_settlement_part (f, "Agostyán");
  g_assert_cmpuint (n, ==, 3);
  sm_filter_add_category (f, 2);
  g_assert_cmpuint (n, ==, 4);

  copy = sm_filter_copy (f);
  g_assert_cmpint (sm_filter_get_min_severity (copy), ==, 2);
  g_assert_cmpstr (sm_filter_get_settlement_part (copy), ==, "Agostyán");
  g_assert_true (sm_filter_has_category (copy, 2));
  g_assert_false (sm_filter_has_category (copy, 3));
}

/* Two filters that differ only in what the time slider sets are the same
 * but for time; a need category, a part or a box makes them differ. The
 * month a slider step sets: its last day, a window before it. */
static void
test_equal_but_time (void)
{
  g_autoptr(SmFilter) a = sm_filter_new ();
  g_autoptr(SmFilter) b = sm_filter_new ();
  GDate first, day, since;
  gint64 housing = 3;

  g_assert_true (sm_filter_equal_but_time (a, b));
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 15, 1, 2024);
  sm_filter_set_month (b, &first, 1, 3, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 29);       /* February of a leap year */
  g_assert_cmpint (g_date_get_month (&day), ==, 2);
  g_assert_true (sm_filter_get_since (b, &since));
  g_assert_cmpint (g_date_get_day (&since), ==, 30);     /* the day after 29 November */
  g_assert_cmpint (g_date_get_month (&since), ==, 11);
  g_assert_true (sm_filter_equal_but_time (a, b));
  sm_filter_set_categories (b, &housing, 1);
  g_assert_false (sm_filter_equal_but_time (a, b));
  sm_filter_set_categories (a, &housing, 1);
  g_assert_true (sm_filter_equal_but_time (a, b));
  sm_filter_set_settlement_part (a, "Agostyán");
  g_assert_false (sm_filter_equal_but_time (a, b));
}

/* Equal: the same households on the same day; a month of the slider, its
 * window or the status makes two filters differ. */
static void
test_equal (void)
{
  g_autoptr(SmFilter) a = sm_filter_new ();
  g_autoptr(SmFilter) b = sm_filter_new ();
  g_autoptr(SmFilter) c = NULL;
  GDate first;

  g_assert_true (sm_filter_equal (a, b));
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, 3, 2024);
  sm_filter_set_month (a, &first, 2, 0, NULL);
  g_assert_false (sm_filter_equal (a, b));
  sm_filter_set_month (b, &first, 2, 0, NULL);
  g_assert_true (sm_filter_equal (a, b));
  sm_filter_set_month (b, &first, 3, 0, NULL);
  g_assert_false (sm_filter_equal (a, b));
  sm_filter_set_month (b, &first, 2, 6, NULL);
  g_assert_false (sm_filter_equal (a, b));
  sm_filter_set_month (b, &first, 2, -1, NULL);
  g_assert_false (sm_filter_equal (a, b));
  c = sm_filter_copy (a);
  g_assert_true (sm_filter_equal (a, c));
  sm_filter_set_min_severity (c, 2);
  g_assert_false (sm_filter_equal (a, c));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/filter/bbox", test_bbox);
  g_test_add_func ("/filter/words", test_words);
  g_test_add_func ("/filter/accepts-need", test_accepts_need);
  g_test_add_func ("/filter/changed", test_changed);
  g_test_add_func ("/filter/equal-but-time", test_equal_but_time);
  g_test_add_func ("/filter/equal", test_equal);
  return g_test_run ();
}
