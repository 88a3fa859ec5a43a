#include "config.h"

#include <locale.h>
#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sm-address.h"
#include "sm-basemap.h"
#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-import.h"
#include "sm-area-stats.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-hotspot.h"
#include "sm-demo.h"
#include "sm-query.h"
#include "sm-review-panel.h"
#include "sm-search-box.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

/* The workspace driven as a person would: filter and see the counts move,
 * select a household by where it is on the map, edit and save it, reopen
 * the database and find the change. */

/* The map, the counts and the core query agree; unticking a category in
 * the Filters page changes all of them. */
static void
test_filter_changes_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmFilter) same = sm_filter_new ();
  g_autoptr(GArray) hits = NULL;
  g_autofree char *before = NULL;
  SmWindow *window;
  SmCaseLayer *layer;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  layer = sm_window_get_case_layer (window);

  hits = sm_store_query (store, same, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, hits->len);
  g_assert_cmpuint (hits->len, >, 100);
  before = g_strdup (sm_window_get_counts_text (window));
  g_assert_nonnull (strstr (before, "households"));
  sm_test_maybe_screenshot (window, "filters-page");

  sm_filter_panel_set_category (sm_window_get_filter_panel (window), "lakhatas", FALSE);
  sm_test_iterate (100);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), <, hits->len);
  g_assert_cmpstr (sm_window_get_counts_text (window), !=, before);

  /* The command line's query with the same filter gives the same. */
  g_clear_pointer (&hits, g_array_unref);
  hits = sm_store_query (store, sm_window_get_filter (window), &error);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, hits->len);

  sm_filter_panel_reset (sm_window_get_filter_panel (window));
  sm_test_iterate (100);
  g_assert_cmpstr (sm_window_get_counts_text (window), ==, before);
  sm_test_close_window (window);
}

static gint64
household_on_screen (SmWindow *window,
                     double   *x,
                     double   *y)
{
  SmCaseLayer *layer = sm_window_get_case_layer (window);
  GtkWidget *map = GTK_WIDGET (sm_window_get_map (window));
  g_autoptr(GArray) hits = sm_store_query (sm_window_get_store (window),
                                           sm_window_get_filter (window), NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      gint64 id = g_array_index (hits, SmCaseHit, i).household_id;

      if (sm_case_layer_locate (layer, id, x, y) && *x > 40 && *y > 40 &&
          *x < gtk_widget_get_width (map) - 40 && *y < gtk_widget_get_height (map) - 40)
        {
          SmCaseLayerItem item;

          /* A household drawn alone, not inside a bubble. */
          if (sm_case_layer_pick (layer, *x, *y, &item) && item.kind == SM_CASE_LAYER_HOUSEHOLD &&
              item.id == id)
            return id;
        }
    }
  return 0;
}

static void
test_select_edit_save_reopen (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window;
  ShumateMap *map;
  SmCasePanel *panel;
  gint64 id;
  double x, y;
  SmHousehold h;
  g_autoptr(GPtrArray) needs = NULL;
  guint open_before = 0, open_after = 0;
  gint64 assessments_before;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  map = sm_window_get_map (window);

  /* Close enough that households stand alone. */
  shumate_map_center_on (map, 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 17);
  sm_test_iterate (400);
  id = household_on_screen (window, &x, &y);
  g_assert_cmpint (id, >, 0);

  sm_window_click_map (window, x, y);
  sm_test_iterate (100);
  panel = sm_window_get_case_panel (window);
  g_assert_cmpint (sm_case_panel_get_household (panel), ==, id);
  g_assert_cmpint (sm_case_layer_get_selected (sm_window_get_case_layer (window)), ==, id);
  g_assert_false (sm_case_panel_is_dirty (panel));
  sm_test_maybe_screenshot (window, "case-page");

  /* Edit the address and resolve the open needs through the page's own
   * widgets, then save. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
    g_assert_cmpuint (rows->len, >, 0);
    /* The first entry row is the address; every "Resolved on" row that is
     * empty gets a day. */
    gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Tata, Próba utca 7.");
    for (guint i = 0; i < rows->len; i++)
      {
        GtkWidget *row = g_ptr_array_index (rows, i);

        if (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Resolved on") &&
            *gtk_editable_get_text (GTK_EDITABLE (row)) == '\0')
          {
            gtk_editable_set_text (GTK_EDITABLE (row), "2026-01-15");
            open_before++;
          }
      }
  }
  /* A new elderly assessment of the oldest person, with an alarm device. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();

    assessments_before = sm_test_scalar (store, "SELECT count(*) FROM elderly_assessment");
    sm_test_collect_widgets (GTK_WIDGET (panel), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                     "Add an Assessment of a Saved Person") == 0)
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
    sm_test_collect_widgets (GTK_WIDGET (panel), GTK_TYPE_SWITCH, switches);
    g_assert_cmpuint (switches->len, >=, 5);
    /* lives alone, chronic illness, cognitive decline, alarm, meals */
    gtk_switch_set_active (g_ptr_array_index (switches, switches->len - 2), TRUE);
  }
  g_assert_true (sm_case_panel_is_dirty (panel));
  g_assert_true (sm_case_panel_save (panel));
  sm_test_iterate (100);
  g_assert_false (sm_case_panel_is_dirty (panel));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM elderly_assessment"), ==,
                   assessments_before + 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT alarm_device FROM elderly_assessment"
                                          " ORDER BY id DESC LIMIT 1"), ==, 1);
  sm_test_close_window (window);
  g_clear_object (&store);

  /* Reopened: the change is in the file. */
  store = sm_store_open (sm_test_db_path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_store_get_household (store, id, &h, &error));
  g_assert_cmpstr (h.address_raw, ==, "Tata, Próba utca 7.");
  sm_household_clear (&h);
  needs = sm_store_list_needs (store, id, &error);
  for (guint i = 0; i < needs->len; i++)
    if (((SmNeed *) g_ptr_array_index (needs, i))->resolved_on == NULL)
      open_after++;
  g_assert_cmpuint (open_before, >, 0);
  g_assert_cmpuint (open_after, ==, 0);

  window = sm_test_open_window (store);
  sm_window_select_household (window, id);
  sm_test_iterate (100);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, id);
  sm_test_close_window (window);
}

/* A bad value is refused at its field and nothing is written. */
static void
test_invalid_input_writes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  SmWindow *window = sm_test_open_window (store);
  SmCasePanel *panel = sm_window_get_case_panel (window);
  gint64 id = g_array_index (hits, SmCaseHit, 0).household_id;
  GtkWidget *first_entry = NULL;
  gint64 changes_before = sm_test_scalar (store, "SELECT total_changes()");
  SmHousehold h;

  sm_window_select_household (window, id);
  sm_test_iterate (50);
  first_entry = sm_test_find_widget (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (first_entry);
  gtk_editable_set_text (GTK_EDITABLE (first_entry), "   ");
  g_assert_false (sm_case_panel_save (panel));
  g_assert_true (gtk_widget_has_css_class (first_entry, "error"));
  g_assert_true (sm_case_panel_is_dirty (panel));
  g_assert_cmpint (sm_test_scalar (store, "SELECT total_changes()"), ==, changes_before);
  g_assert_true (sm_store_get_household (store, id, &h, NULL));
  g_assert_cmpstr (h.address_raw, !=, "   ");
  sm_household_clear (&h);
  sm_test_close_window (window);
}

/* The household the map shows @n-th, with nothing filtered out. */
static gint64
nth_household (SmStore *store,
               guint    n)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, NULL);

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >, n);
  return g_array_index (hits, SmCaseHit, n).household_id;
}

/* Delete asks, hides the household at once, and undo brings it back; a
 * deletion that is not undone is in the file once the window closes. */
static void
test_delete_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  gint64 id = nth_household (store, 1);
  SmWindow *window = sm_test_open_window (store);
  SmCaseLayer *layer = sm_window_get_case_layer (window);
  guint shown = sm_case_layer_get_n_households (layer);
  AdwMessageDialog *dialog;
  SmHousehold h;

  sm_window_select_household (window, id);
  sm_test_iterate (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  sm_test_iterate (50);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  sm_test_iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown - 1);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, 0);
  g_assert_true (sm_store_get_household (store, id, &h, NULL));   /* not yet */
  sm_household_clear (&h);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sm_test_iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, id);

  /* Cancel keeps it; delete and close removes it for good. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  sm_test_iterate (50);
  adw_message_dialog_response (sm_test_find_dialog (), "cancel");
  sm_test_iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  sm_test_iterate (50);
  adw_message_dialog_response (sm_test_find_dialog (), "delete");
  sm_test_iterate (50);
  gtk_window_close (GTK_WINDOW (window));
  sm_test_iterate (100);
  g_assert_false (sm_store_get_household (store, id, &h, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
}

/* Undo after a save (the toast's button, or Ctrl+Z) writes the case back
 * as it was, once; not over edits still in the form. Undoing a new
 * household's first save takes it away. */
static void
test_undo_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  gint64 id = nth_household (store, 2);
  SmWindow *window = sm_test_open_window (store);
  SmCasePanel *panel = sm_window_get_case_panel (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *address = NULL;
  gint64 households = sm_store_count (store, "household"), open_needs, made;
  g_autofree char *open_sql = g_strdup_printf ("SELECT count(*) FROM need WHERE household_id = %"
                                               G_GINT64_FORMAT " AND resolved_on IS NULL", id);
  SmHousehold h;

  sm_window_select_household (window, id);
  sm_test_iterate (50);
  g_assert_true (sm_store_get_household (store, id, &h, &error));
  address = g_strdup (h.address_raw);
  sm_household_clear (&h);
  open_needs = sm_test_scalar (store, open_sql);
  g_assert_cmpint (open_needs, >, 0);

  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Tata, Visszavonás utca 3.");
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "Resolved on") &&
        *gtk_editable_get_text (g_ptr_array_index (rows, i)) == '\0')
      gtk_editable_set_text (g_ptr_array_index (rows, i), "2026-01-15");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-household", NULL);
  sm_test_iterate (50);
  g_assert_false (sm_case_panel_is_dirty (panel));
  g_assert_true (sm_store_get_household (store, id, &h, &error));
  g_assert_cmpstr (h.address_raw, ==, "Tata, Visszavonás utca 3.");
  sm_household_clear (&h);
  g_assert_cmpint (sm_test_scalar (store, open_sql), ==, 0);
  g_assert_true (sm_case_panel_can_undo_save (panel));
  sm_test_maybe_screenshot (window, "saved-with-undo");

  /* Edits not saved: undo leaves the database alone. */
  g_ptr_array_set_size (rows, 0);
  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Tata, Harmadik utca 1.");
  g_assert_true (sm_case_panel_is_dirty (panel));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sm_test_iterate (50);
  g_assert_true (sm_store_get_household (store, id, &h, &error));
  g_assert_cmpstr (h.address_raw, ==, "Tata, Visszavonás utca 3.");
  sm_household_clear (&h);

  /* Reverted, the save is undone: address and open needs as they were. */
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Tata, Visszavonás utca 3.");
  sm_case_panel_load (panel, id, &error);
  g_assert_false (sm_case_panel_is_dirty (panel));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sm_test_iterate (50);
  g_assert_true (sm_store_get_household (store, id, &h, &error));
  g_assert_cmpstr (h.address_raw, ==, address);
  sm_household_clear (&h);
  g_assert_cmpint (sm_test_scalar (store, open_sql), ==, open_needs);
  g_assert_cmpint (sm_case_panel_get_household (panel), ==, id);
  g_assert_false (sm_case_panel_is_dirty (panel));
  g_assert_false (sm_case_panel_can_undo_save (panel));
  g_ptr_array_set_size (rows, 0);
  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpstr (gtk_editable_get_text (g_ptr_array_index (rows, 0)), ==, address);

  /* A new household's first save, undone: gone again. */
  sm_case_panel_new_household (panel, 47.6465, 18.3250);
  g_ptr_array_set_size (rows, 0);
  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 0)), "Tata, Új utca 9.");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-household", NULL);
  sm_test_iterate (50);
  made = sm_case_panel_get_household (panel);
  g_assert_cmpint (made, >, 0);
  g_assert_cmpint (sm_store_count (store, "household"), ==, households + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  sm_test_iterate (50);
  g_assert_cmpint (sm_store_count (store, "household"), ==, households);
  g_assert_cmpint (sm_case_panel_get_household (panel), ==, 0);
  g_assert_false (sm_store_get_household (store, made, &h, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
  sm_test_iterate (50);
}

/* A bubble zooms in on a click; a new household is placed where the map
 * is clicked and saved with its address. */
static void
test_bubble_and_new_household (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window = sm_test_open_window (store);
  ShumateMap *map = sm_window_get_map (window);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  GtkWidget *map_widget = GTK_WIDGET (map);
  SmCaseLayer *layer = sm_window_get_case_layer (window);
  SmCasePanel *panel = sm_window_get_case_panel (window);
  gint64 before = sm_store_count (store, "household");
  SmCaseLayerItem item = { 0 };
  double zoom, x = 0, y = 0, lat, lon;
  gboolean found = FALSE;
  GtkWidget *address = NULL;

  shumate_map_center_on (map, 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (viewport, 13);
  sm_test_iterate (300);
  for (y = 20; y < gtk_widget_get_height (map_widget) - 20 && !found; y += 4)
    for (x = 20; x < gtk_widget_get_width (map_widget) - 20 && !found; x += 4)
      found = sm_case_layer_pick (layer, x, y, &item) && item.kind == SM_CASE_LAYER_CLUSTER;
  g_assert_true (found);
  zoom = shumate_viewport_get_zoom_level (viewport);
  sm_window_click_map (window, x - 4, y - 4);
  sm_test_iterate (100);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-household", NULL);
  sm_window_click_map (window, 200, 150);
  sm_test_iterate (50);
  shumate_viewport_widget_coords_to_location (viewport, map_widget, 200, 150, &lat, &lon);
  g_assert_true (sm_case_panel_is_dirty (panel));
  address = sm_test_find_widget (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (address), "Tata, Új utca 1.");
  g_assert_true (sm_case_panel_save (panel));
  g_assert_cmpint (sm_store_count (store, "household"), ==, before + 1);
  {
    SmHousehold h;

    g_assert_true (sm_store_get_household (store, sm_case_panel_get_household (panel), &h, NULL));
    g_assert_cmpstr (h.address_raw, ==, "Tata, Új utca 1.");
    g_assert_cmpfloat_with_epsilon (h.lat, lat, 1e-9);
    g_assert_cmpfloat_with_epsilon (h.lon, lon, 1e-9);
    g_assert_cmpint (h.quality, ==, SM_GEOCODE_MANUAL);
    sm_household_clear (&h);
  }
  sm_test_close_window (window);
}

/* Importing an extract from the window: on a worker thread, then the map
 * shows the new basemap. */
/* Closing with unsaved edits asks; Cancel keeps the window, Discard closes
 * it without writing. */
static void
test_close_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  gint64 id = nth_household (store, 2);
  SmWindow *window = sm_test_open_window (store);
  gint64 changes = sm_test_scalar (store, "SELECT total_changes()");
  GtkWidget *address;

  g_object_ref (window);
  sm_window_select_household (window, id);
  sm_test_iterate (50);
  address = sm_test_find_widget (GTK_WIDGET (sm_window_get_case_panel (window)), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (address), "Tata, Másik utca 2.");
  gtk_window_close (GTK_WINDOW (window));
  sm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  adw_message_dialog_response (sm_test_find_dialog (), "cancel");
  sm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (sm_case_panel_is_dirty (sm_window_get_case_panel (window)));

  gtk_window_close (GTK_WINDOW (window));
  sm_test_iterate (50);
  adw_message_dialog_response (sm_test_find_dialog (), "discard");
  sm_test_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpint (sm_test_scalar (store, "SELECT total_changes()"), ==, changes);
  g_object_unref (window);
}

/* Typing in the search box finds households by address or name, Enter
 * opens the first; Ctrl+plus and Ctrl+minus zoom. */
static void
test_search_and_zoom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window = sm_test_open_window (store);
  GtkWidget *entry = sm_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  ShumateViewport *viewport = shumate_map_get_viewport (sm_window_get_map (window));
  g_autoptr(GPtrArray) expected = sm_store_search_households (store, "utca", 12, &error);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  g_assert_nonnull (entry);
  g_assert_cmpuint (expected->len, >, 0);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "utca");
  sm_test_iterate (400);
  {
    SmSearchBox *box = SM_SEARCH_BOX (gtk_widget_get_ancestor (entry, SM_TYPE_SEARCH_BOX));
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_list_model_get_n_items (sm_search_box_get_results (box)) == 0 &&
           g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_signal_emit_by_name (entry, "activate");
  sm_test_iterate (100);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==,
                   ((SmHousehold *) g_ptr_array_index (expected, 0))->id);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 16);

  /* Down moves to the next result, and Enter chooses it. */
  if (expected->len > 1)
    {
      SmSearchBox *box = SM_SEARCH_BOX (gtk_widget_get_ancestor (entry, SM_TYPE_SEARCH_BOX));

      gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      gtk_editable_set_text (GTK_EDITABLE (entry), "utca");
      /* The entry waits a moment after typing; a slow build waits longer. */
      while (g_list_model_get_n_items (sm_search_box_get_results (box)) == 0 &&
             g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (g_list_model_get_n_items (sm_search_box_get_results (box)), ==,
                        expected->len);
      g_assert_true (sm_search_box_move (box, 1));
      g_signal_emit_by_name (entry, "activate");
      sm_test_iterate (100);
      g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==,
                       ((SmHousehold *) g_ptr_array_index (expected, 1))->id);
    }

  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  sm_test_iterate (600);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, zoom);
  sm_test_close_window (window);
}


/* Households from a file: placed by coordinates or by address, the ones
 * that could not be placed on a street on the review list; a file with a
 * bad row imports, after consent, without it. A changed address is placed
 * on save; a candidate picked from the review list places it for good. */
/* Waits until every layer has recomputed since @before. */
/* Every layer, list and count follows the store by itself: a save, a
 * review choice and an import by another connection each reach the heat
 * map, the Gi* cells, the areas, the hotspot list and the counts, with no
 * call from the window. */
/* The hotspot layers and list follow the time slider: stepping back a
 * year changes the filter's day and the hotspots. */
/* The areas on the Hotspots page: the demo's settlement parts coloured by
 * their smoothed rate, following the filter; with the elderly-care filter
 * Agostyán (the pocket) leads; Gi* between the parts. */
/* The window follows the locale: LANGUAGE=hu shows Hungarian. In a
 * process of its own, as the C library keeps what it translated once. */
static void
test_hungarian (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  SmWindow *window;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }
  /* gtk_test_init() leaves the C locale, in which gettext ignores
   * LANGUAGE; take the environment's, as the application does. */
  g_setenv ("LANGUAGE", "hu", TRUE);
  setlocale (LC_ALL, "");
  store = sm_store_open (sm_test_db_path, &error);
  g_assert_no_error (error);
  window = sm_test_open_window (store);
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "háztartás"));
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "nyitott szükséglet látható"));
  sm_test_close_window (window);
  g_unsetenv ("LANGUAGE");
}

/* A save while another program writes: the window says so and keeps
 * running, and the save is made once the other writer is done. */
static void
test_save_waits_for_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmStore) other = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  gint64 id = g_array_index (hits, SmCaseHit, 2).household_id;
  SmWindow *window = sm_test_open_window (store);
  SmCasePanel *panel = sm_window_get_case_panel (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gint64 start;
  SmHousehold h;

  g_assert_no_error (error);
  sm_window_select_household (window, id);
  sm_test_iterate (50);
  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  g_assert_cmpuint (rows->len, >=, 4);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 3)), "Várakozó");

  g_assert_true (sm_store_begin (other, &error));
  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-household", NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  sm_test_iterate (1300);
  g_assert_true (sm_case_panel_is_waiting (panel));
  sm_test_maybe_screenshot (window, "save-waiting");
  g_assert_true (sm_case_panel_is_dirty (panel));
  g_assert_true (sm_store_get_household (other, id, &h, NULL));
  g_assert_cmpstr (h.settlement_part, !=, "Várakozó");
  sm_household_clear (&h);

  g_assert_true (sm_store_commit (other, &error));
  sm_test_iterate (500);
  g_assert_false (sm_case_panel_is_waiting (panel));
  g_assert_false (sm_case_panel_is_dirty (panel));
  g_assert_true (sm_store_get_household (other, id, &h, NULL));
  g_assert_cmpstr (h.settlement_part, ==, "Várakozó");
  sm_household_clear (&h);
  sm_test_close_window (window);
}

/* Deleting (committed when the window closes), placing a household from
 * the review list and "Save" in the close question all wait for another
 * program's write without holding up the window, and are done once it
 * ends. */
static void
test_writes_wait_for_writer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmStore) other = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  gint64 doomed = g_array_index (hits, SmCaseHit, 3).household_id;
  gint64 moved = g_array_index (hits, SmCaseHit, 4).household_id;
  gint64 edited = g_array_index (hits, SmCaseHit, 5).household_id;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  SmWindow *window;
  SmCasePanel *panel;
  GWeakRef gone;
  gint64 start;
  SmHousehold h;

  g_assert_no_error (error);

  /* Delete, then close while the other program writes. */
  window = sm_test_open_window (store);
  sm_window_select_household (window, doomed);
  sm_test_iterate (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  sm_test_iterate (50);
  adw_message_dialog_response (sm_test_find_dialog (), "delete");
  sm_test_iterate (50);
  g_assert_true (sm_store_begin (other, &error));
  start = g_get_monotonic_time ();
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  sm_test_iterate (700);
  g_assert_true (sm_store_get_household (other, doomed, &h, NULL));
  sm_household_clear (&h);
  g_assert_true (sm_store_commit (other, &error));
  sm_test_iterate (500);
  g_assert_false (sm_store_get_household (other, doomed, &h, NULL));

  /* A candidate chosen on the Review page. */
  window = sm_test_open_window (store);
  g_assert_true (sm_store_begin (other, &error));
  start = g_get_monotonic_time ();
  sm_review_panel_choose (sm_window_get_review_panel (window), moved, 47.6512, 18.3187);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  sm_test_iterate (700);
  g_assert_true (sm_store_get_household (other, moved, &h, NULL));
  g_assert_cmpfloat (fabs (h.lat - 47.6512), >, 1e-6);
  sm_household_clear (&h);
  g_assert_true (sm_store_commit (other, &error));
  sm_test_iterate (500);
  g_assert_true (sm_store_get_household (other, moved, &h, NULL));
  g_assert_cmpfloat_with_epsilon (h.lat, 47.6512, 1e-9);
  g_assert_cmpint (h.quality, ==, SM_GEOCODE_MANUAL);
  sm_household_clear (&h);

  /* "Save" when closing with unsaved edits: the window closes once saved. */
  sm_window_select_household (window, edited);
  sm_test_iterate (50);
  panel = sm_window_get_case_panel (window);
  sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 3)), "Zárás előtt");
  g_weak_ref_init (&gone, window);
  g_assert_true (sm_store_begin (other, &error));
  gtk_window_close (GTK_WINDOW (window));
  sm_test_iterate (50);
  start = g_get_monotonic_time ();
  adw_message_dialog_response (sm_test_find_dialog (), "save");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  sm_test_iterate (700);
  g_assert_true (sm_case_panel_is_waiting (panel));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (sm_store_commit (other, &error));
  sm_test_iterate (600);
  g_assert_true (sm_store_get_household (other, edited, &h, NULL));
  g_assert_cmpstr (h.settlement_part, ==, "Zárás előtt");
  sm_household_clear (&h);
  g_assert_null (g_weak_ref_get (&gone));
  g_weak_ref_clear (&gone);
}

/* The scale bar in metres only, and the shortcuts window listing the
 * window's own keys. */
static void
test_scale_and_shortcuts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) scales = g_ptr_array_new ();
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/hu/szocterkep/SocialMap/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  g_autoptr(GString) listed = g_string_new (" ");
  static const char *keys[] = { "<Control>i", "<Control>e", "<Control>o", "<Control>f", "<Alt>3", "<Alt>4",
                                "<Alt>7", "F9" };
  SmWindow *window;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  sm_test_collect_widgets (GTK_WIDGET (window), SHUMATE_TYPE_SCALE, scales);
  g_assert_cmpuint (scales->len, ==, 1);
  g_assert_cmpint (shumate_scale_get_unit (scales->pdata[0]), ==, SHUMATE_UNIT_METRIC);
  sm_test_close_window (window);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        g_autofree char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        if (accelerator != NULL)
          g_string_append_printf (listed, "%s ", accelerator);
      }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *key = g_strdup_printf (" %s ", keys[i]);

      if (strstr (listed->str, key) == NULL)
        g_error ("The shortcuts window does not list %s:%s", keys[i], listed->str);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window");
  g_test_add_func ("/window/filter-changes-counts", test_filter_changes_counts);
  g_test_add_func ("/window/select-edit-save-reopen", test_select_edit_save_reopen);
  g_test_add_func ("/window/invalid-input-writes-nothing", test_invalid_input_writes_nothing);
  g_test_add_func ("/window/search-and-zoom", test_search_and_zoom);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/delete-undo", test_delete_undo);
  g_test_add_func ("/window/undo-save", test_undo_save);
  g_test_add_func ("/window/save-waits-for-writer", test_save_waits_for_writer);
  g_test_add_func ("/window/writes-wait-for-writer", test_writes_wait_for_writer);
  g_test_add_func ("/window/bubble-and-new-household", test_bubble_and_new_household);
  g_test_add_func ("/window/hungarian", test_hungarian);
  g_test_add_func ("/window/scale-and-shortcuts", test_scale_and_shortcuts);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
