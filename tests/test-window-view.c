/* The everyday window under Xvfb: the first view holds the whole town
 * beside the side panel, the zoom steps by whole levels, a household with
 * no open need is still marked when chosen, and the legend opens with the
 * layers shown. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-boundary.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

static void
test_first_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmShape) town = NULL;
  ShumateViewport *viewport;
  GtkWidget *map;
  SmWindow *window;
  double w, s, e, n, zoom, x, y;

  g_assert_no_error (error);
  town = sm_boundary_get_shape (store, "Tata", "settlement", &error);
  g_assert_nonnull (town);
  sm_shape_get_bbox (town, &w, &s, &e, &n);
  window = sm_test_open_window (store);
  sm_test_iterate (800);
  map = GTK_WIDGET (sm_window_get_map (window));
  viewport = shumate_map_get_viewport (SHUMATE_MAP (map));

  /* Every corner of the town's box on the map, clear of the zoom buttons
   * (top right) and the slider (bottom). */
  for (int c = 0; c < 4; c++)
    {
      double lat = c < 2 ? s : n, lon = c % 2 ? e : w;

      shumate_viewport_location_to_widget_coords (viewport, map, lat, lon, &x, &y);
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (x, <=, gtk_widget_get_width (map) - 60);
      g_assert_cmpfloat (y, >=, 50);
      g_assert_cmpfloat (y, <=, gtk_widget_get_height (map) - 60);
    }
  /* Not a town lost in a county either: it spans half of the map or more. */
  {
    double x0, y0, x1, y1;

    shumate_viewport_location_to_widget_coords (viewport, map, s, w, &x0, &y0);
    shumate_viewport_location_to_widget_coords (viewport, map, n, e, &x1, &y1);
    g_assert_true (x1 - x0 >= gtk_widget_get_width (map) / 2.0 || y0 - y1 >= gtk_widget_get_height (map) / 2.0);
  }

  /* The zoom goes by whole levels from wherever it is. */
  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, floor (zoom + 1e-6) + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, floor (zoom + 1e-6) - 1);
  sm_test_close_window (window);
}

static void
test_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmHousehold h = { .address_raw = (char *) "Tata, Ady Endre utca 3.", .settlement = (char *) "Tata",
                    .has_location = TRUE, .lat = 47.6455, .lon = 18.3190, .quality = SM_GEOCODE_MANUAL };
  GtkWidget *expander;
  SmWindow *window;
  double lat, lon;
  gint64 id;

  id = sm_store_add_household (store, &h, &error);
  g_assert_no_error (error);
  window = sm_test_open_window (store);
  sm_test_iterate (500);

  /* No need at all: the filter shows it not, the mark does. */
  sm_window_select_household (window, id);
  sm_test_iterate (200);
  g_assert_cmpint (sm_case_layer_get_selected (sm_window_get_case_layer (window)), ==, id);
  g_assert_true (sm_case_layer_get_selected_place (sm_window_get_case_layer (window), &lat, &lon));
  g_assert_cmpfloat_with_epsilon (lat, 47.6455, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 18.3190, 1e-9);

  /* The legend, folded at first, opens with the layers shown. */
  expander = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SM_TYPE_WINDOW, "legend_expander"));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  sm_test_iterate (200);
  {
    g_autofree char *legend = sm_window_describe_legend (window);

    g_assert_nonnull (strstr (legend, "Housing"));
  }
  sm_test_maybe_screenshot (window, "legend");
  sm_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window-view");
  g_test_add_func ("/window/first-view", test_first_view);
  g_test_add_func ("/window/marks-and-legend", test_marks);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
