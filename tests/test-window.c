#include "config.h"

#include <glib/gstdio.h>

#include "sm-date.h"
#include "sm-demo.h"
#include "sm-query.h"
#include "sm-window.h"
#include "sm-test-util.h"

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The window shows the demo town: its case layer holds what the core query
 * gives for the same filter, and a filter change changes the counts. */
static void
test_window_follows_filter (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = sm_test_make_dir ("sm-window");
  g_autofree char *path = g_build_filename (dir, "w.db", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmDemoOptions options = { .n_households = 500, .seed = 3, .until = "2025-06-30" };
  g_autoptr(GArray) hits = NULL;
  SmCaseLayer *layer;
  SmWindow *window;
  SmFilter *filter;
  GDate d;

  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));

  window = sm_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  iterate (500);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  layer = sm_window_get_case_layer (window);
  filter = sm_window_get_filter (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (layer)), >, 100);

  sm_date_parse_iso ("2025-06-30", &d, NULL);
  sm_filter_set_as_of (filter, &d);
  hits = sm_store_query (store, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, hits->len);
  g_assert_cmpuint (hits->len, >, 100);

  sm_filter_add_category (filter, sm_store_lookup_category (store, "lakhatas", NULL));
  iterate (100);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), <, hits->len);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
  g_clear_object (&store);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/follows-filter", test_window_follows_filter);
  return g_test_run ();
}
