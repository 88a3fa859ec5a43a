/* The date readers: whatever they accept is a real day in range. */

#include "config.h"

#include "sm-date.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  GDate day;

  if (sm_date_parse_any (text, &day, NULL))
    {
      g_autofree char *iso = sm_date_to_iso (&day);
      GDate back;

      g_assert_true (g_date_valid (&day));
      g_assert_cmpint (g_date_get_year (&day), >=, SM_DATE_MIN_YEAR);
      g_assert_cmpint (g_date_get_year (&day), <=, SM_DATE_MAX_YEAR);
      g_assert_true (sm_date_parse_iso (iso, &back, NULL));
      g_assert_cmpint (g_date_compare (&day, &back), ==, 0);
    }
  if (sm_date_parse_iso (text, &day, NULL))
    g_assert_true (g_date_valid (&day));
  return 0;
}
