/* Numbers as people write them in tables; what only looks like one. */

#include "config.h"

#include "sm-number.h"

static void
test_decimal (void)
{
  static const struct { const char *text; gboolean comma; double value; } good[] = {
    { "47.65", FALSE, 47.65 }, { " 18.3 ", FALSE, 18.3 }, { "-0.5", FALSE, -0.5 },
    { "+12", FALSE, 12 }, { "47,65", TRUE, 47.65 }, { "650 684", TRUE, 650684 },
    { "650 684,5", TRUE, 650684.5 }, { "1 234 567", FALSE, 1234567 }, { "6.5e5", FALSE, 650000 },
    { "650\xc2\xa0" "684", TRUE, 650684 }, { "47.65\r\n", TRUE, 47.65 },
  };
  static const struct { const char *text; gboolean comma; } bad[] = {
    { "0x2F", TRUE }, { "47.65 DROP", TRUE }, { "nan", TRUE }, { "inf", TRUE }, { "-inf", FALSE },
    { "1e999", FALSE }, { "", TRUE }, { " ", TRUE }, { ".5", TRUE }, { "5.", TRUE },
    { "47,65", FALSE }, { "12 34", TRUE }, { "1234 567", TRUE }, { "1 2345", TRUE },
    { "47.6.5", TRUE }, { "4e", TRUE }, { "--1", TRUE }, { "١٢", TRUE }, { "12abc", TRUE },
  };
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!sm_parse_decimal (good[i].text, good[i].comma, &v))
        g_error ("“%s” refused", good[i].text);
      g_assert_cmpfloat_with_epsilon (v, good[i].value, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (sm_parse_decimal (bad[i].text, bad[i].comma, &v))
      g_error ("“%s” taken as %g", bad[i].text, v);
  g_assert_false (sm_parse_decimal (NULL, TRUE, &v));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/number/decimal", test_decimal);
  return g_test_run ();
}
