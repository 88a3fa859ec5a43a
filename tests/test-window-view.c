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

/* The import's mapping shows what each chosen column holds, offers no
 * synthetic flag, and is wide enough to read. */
static void
test_import_mapping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autofree char *csv = g_build_filename (sm_test_tmpdir, "mapping.csv", NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  AdwMessageDialog *dialog;
  SmWindow *window;
  gboolean address_shown = FALSE;

  g_assert_true (g_file_set_contents (csv, "Cím,Családnév,Szükséglet\n"
                                           "\"Tata, Ady Endre utca 3.\",Kovács,lakhatas\n"
                                           "\"Tata, Kossuth tér 1.\",Nagy,egeszsegi_allapot\n", -1, NULL));
  window = sm_test_open_window (store);
  sm_window_ask_import_mapping (window, csv);
  sm_test_iterate (200);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  sm_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, rows);
  g_assert_cmpuint (rows->len, >, 10);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *title = adw_preferences_row_get_title (rows->pdata[i]);
      const char *subtitle = adw_action_row_get_subtitle (rows->pdata[i]);

      g_assert_null (strstr (title, "Synthetic"));
      if (g_str_equal (title, "Address"))
        {
          g_assert_cmpuint (adw_combo_row_get_selected (rows->pdata[i]), ==, 1);
          g_assert_nonnull (strstr (subtitle, "Tata, Ady Endre utca 3."));
          g_assert_nonnull (strstr (subtitle, "Kossuth tér 1."));
          address_shown = TRUE;
        }
    }
  g_assert_true (address_shown);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), >=, 560);
  adw_message_dialog_response (dialog, "cancel");
  sm_test_iterate (100);
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
  g_test_add_func ("/window/import-mapping", test_import_mapping);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
