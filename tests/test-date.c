/* Dates as people write them, and the ones that are typing errors. */

#include "config.h"

#include "sm-date.h"
#include "sm-error.h"

static char *
iso_of (const char *text)
{
  GDate d;

  if (!sm_date_parse_any (text, &d, NULL))
    return NULL;
  return sm_date_to_iso (&d);
}

static void
test_iso (void)
{
  static const char * const bad[] = {
    "2024-02-30", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024-01-01T00:00",
    "2024/01/01", " 2024-01-01", "9999-12-31", "0001-01-01", "1799-12-31", "2201-01-01", "",
  };
  g_autoptr(GError) error = NULL;
  GDate d;

  g_assert_true (sm_date_parse_iso ("2024-02-29", &d, NULL));
  g_assert_cmpint (g_date_get_day (&d), ==, 29);
  g_assert_true (sm_date_parse_iso ("1800-01-01", &d, NULL));
  g_assert_true (sm_date_parse_iso ("2200-12-31", &d, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) e = NULL;

      if (sm_date_parse_iso (bad[i], &d, &e))
        g_error ("“%s” was taken as a date", bad[i]);
      g_assert_error (e, SM_ERROR, SM_ERROR_INVALID);
    }
  g_assert_false (sm_date_parse_iso (NULL, &d, &error));
}

static void
test_hungarian_forms (void)
{
  static const struct { const char *text, *iso; } forms[] = {
    { "2024.03.01.", "2024-03-01" }, { "2024.03.01", "2024-03-01" }, { "2024. 03. 01.", "2024-03-01" },
    { "2024.3.1", "2024-03-01" }, { "2024/03/01", "2024-03-01" }, { "2024. március 1.", "2024-03-01" },
    { "2024. márc. 1.", "2024-03-01" }, { "2024. szept. 30.", "2024-09-30" },
    { "2024. December 24.", "2024-12-24" }, { "2024. máj. 2.", "2024-05-02" },
    { "2024-03-01", "2024-03-01" },
  };
  static const char * const bad[] = {
    "2024. marhaság 1.", "2024. ma 1.", "2024. március 32.", "2024.02.30.", "9999.12.31.",
    "2024.03-01", "március 1.", "1.3.2024", "2024.03.01..", "", "2024. jún. 31.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *iso = iso_of (forms[i].text);

      if (g_strcmp0 (iso, forms[i].iso) != 0)
        g_error ("“%s” read as %s, expected %s", forms[i].text, iso, forms[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *iso = iso_of (bad[i]);

      if (iso != NULL)
        g_error ("“%s” was taken as %s", bad[i], iso);
    }
}

/* Bytes that are not UTF-8 (a Latin-2 "márc.", a lead byte cut off at the
 * end) are refused before any folding walks them, and the message quoting
 * them is itself valid UTF-8. */
static void
test_not_utf8 (void)
{
  static const char * const bytes[] = {
    "2024. m\xe1rc. 1.", "2024.03.0\xf0", "2024-03-0\xc3", "\xff\xfe" "2024.03.01.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate d;

      g_assert_false (sm_date_parse_any (bytes[i], &d, &error));
      g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
      g_assert_false (sm_date_parse_iso (bytes[i], &d, &error));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static void
test_epoch_days (void)
{
  GDate d, back;

  g_assert_true (sm_date_parse_iso ("1970-01-01", &d, NULL));
  g_assert_cmpint (sm_date_to_epoch_day (&d), ==, 0);
  g_assert_true (sm_date_parse_iso ("2024-03-01", &d, NULL));
  g_assert_cmpint (sm_date_to_epoch_day (&d), ==, 19783);
  sm_date_from_epoch_day (19783, &back);
  g_assert_cmpint (g_date_compare (&d, &back), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date/iso", test_iso);
  g_test_add_func ("/date/hungarian-forms", test_hungarian_forms);
  g_test_add_func ("/date/not-utf8", test_not_utf8);
  g_test_add_func ("/date/epoch-days", test_epoch_days);
  return g_test_run ();
}
