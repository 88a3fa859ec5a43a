#include "config.h"

#include <locale.h>

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
#include "sm-search-box.h"
#include "sm-window.h"
#include "sm-test-util.h"

/* The workspace driven as a person would: filter and see the counts move,
 * select a household by where it is on the map, edit and save it, reopen
 * the database and find the change. */

static char *tmpdir;
static char *db_path;

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* With SM_SCREENSHOT_DIR set, saves what the window shows as NAME.png. */
static void
maybe_screenshot (SmWindow   *window,
                  const char *name)
{
  const char *dir = g_getenv ("SM_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;
  iterate (1500);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every widget of @type below @root, in the order they are drawn. */
static void
collect_widgets (GtkWidget  *root,
                 GType       type,
                 GPtrArray  *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, out);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  AdwMessageDialog *found = NULL;

  /* The newest one still shown. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_object_get_data (w, "answered") == NULL)
        found = ADW_MESSAGE_DIALOG (w);
    }
  if (found != NULL)
    g_object_set_data (G_OBJECT (found), "answered", GINT_TO_POINTER (1));
  return found;
}

static SmWindow *
open_window (SmStore *store)
{
  SmWindow *window = sm_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  iterate (600);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static void
close_window (SmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate (100);
}

/* The map, the counts and the core query agree; unticking a category in
 * the Filters page changes all of them. */
static void
test_filter_changes_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  g_autoptr(SmFilter) same = sm_filter_new ();
  g_autoptr(GArray) hits = NULL;
  g_autofree char *before = NULL;
  SmWindow *window;
  SmCaseLayer *layer;

  g_assert_no_error (error);
  window = open_window (store);
  layer = sm_window_get_case_layer (window);

  hits = sm_store_query (store, same, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, hits->len);
  g_assert_cmpuint (hits->len, >, 100);
  before = g_strdup (sm_window_get_counts_text (window));
  g_assert_nonnull (strstr (before, "households"));
  maybe_screenshot (window, "filters-page");

  sm_filter_panel_set_category (sm_window_get_filter_panel (window), "lakhatas", FALSE);
  iterate (100);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), <, hits->len);
  g_assert_cmpstr (sm_window_get_counts_text (window), !=, before);

  /* The command line's query with the same filter gives the same. */
  g_clear_pointer (&hits, g_array_unref);
  hits = sm_store_query (store, sm_window_get_filter (window), &error);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, hits->len);

  sm_filter_panel_reset (sm_window_get_filter_panel (window));
  iterate (100);
  g_assert_cmpstr (sm_window_get_counts_text (window), ==, before);
  close_window (window);
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
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
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
  window = open_window (store);
  map = sm_window_get_map (window);

  /* Close enough that households stand alone. */
  shumate_map_center_on (map, 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 17);
  iterate (400);
  id = household_on_screen (window, &x, &y);
  g_assert_cmpint (id, >, 0);

  sm_window_click_map (window, x, y);
  iterate (100);
  panel = sm_window_get_case_panel (window);
  g_assert_cmpint (sm_case_panel_get_household (panel), ==, id);
  g_assert_cmpint (sm_case_layer_get_selected (sm_window_get_case_layer (window)), ==, id);
  g_assert_false (sm_case_panel_is_dirty (panel));
  maybe_screenshot (window, "case-page");

  /* Edit the address and resolve the open needs through the page's own
   * widgets, then save. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
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
    collect_widgets (GTK_WIDGET (panel), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                     "Add an Assessment of a Saved Person") == 0)
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
    collect_widgets (GTK_WIDGET (panel), GTK_TYPE_SWITCH, switches);
    g_assert_cmpuint (switches->len, >=, 5);
    /* lives alone, chronic illness, cognitive decline, alarm, meals */
    gtk_switch_set_active (g_ptr_array_index (switches, switches->len - 2), TRUE);
  }
  g_assert_true (sm_case_panel_is_dirty (panel));
  g_assert_true (sm_case_panel_save (panel));
  iterate (100);
  g_assert_false (sm_case_panel_is_dirty (panel));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM elderly_assessment"), ==,
                   assessments_before + 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT alarm_device FROM elderly_assessment"
                                          " ORDER BY id DESC LIMIT 1"), ==, 1);
  close_window (window);
  g_clear_object (&store);

  /* Reopened: the change is in the file. */
  store = sm_store_open (db_path, &error);
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

  window = open_window (store);
  sm_window_select_household (window, id);
  iterate (100);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, id);
  close_window (window);
}

/* A bad value is refused at its field and nothing is written. */
static void
test_invalid_input_writes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  SmWindow *window = open_window (store);
  SmCasePanel *panel = sm_window_get_case_panel (window);
  gint64 id = g_array_index (hits, SmCaseHit, 0).household_id;
  GtkWidget *first_entry = NULL;
  gint64 changes_before = sm_test_scalar (store, "SELECT total_changes()");
  SmHousehold h;

  sm_window_select_household (window, id);
  iterate (50);
  first_entry = find_widget (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (first_entry);
  gtk_editable_set_text (GTK_EDITABLE (first_entry), "   ");
  g_assert_false (sm_case_panel_save (panel));
  g_assert_true (gtk_widget_has_css_class (first_entry, "error"));
  g_assert_true (sm_case_panel_is_dirty (panel));
  g_assert_cmpint (sm_test_scalar (store, "SELECT total_changes()"), ==, changes_before);
  g_assert_true (sm_store_get_household (store, id, &h, NULL));
  g_assert_cmpstr (h.address_raw, !=, "   ");
  sm_household_clear (&h);
  close_window (window);
}

/* Delete asks, hides the household at once, and undo brings it back; a
 * deletion that is not undone is in the file once the window closes. */
static void
test_delete_undo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  gint64 id = g_array_index (hits, SmCaseHit, 1).household_id;
  SmWindow *window = open_window (store);
  SmCaseLayer *layer = sm_window_get_case_layer (window);
  guint shown = sm_case_layer_get_n_households (layer);
  AdwMessageDialog *dialog;
  SmHousehold h;

  sm_window_select_household (window, id);
  iterate (50);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  iterate (50);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown - 1);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, 0);
  g_assert_true (sm_store_get_household (store, id, &h, NULL));   /* not yet */
  sm_household_clear (&h);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==, id);

  /* Cancel keeps it; delete and close removes it for good. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  iterate (50);
  adw_message_dialog_response (find_dialog (), "cancel");
  iterate (50);
  g_assert_cmpuint (sm_case_layer_get_n_households (layer), ==, shown);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.delete-household", NULL);
  iterate (50);
  adw_message_dialog_response (find_dialog (), "delete");
  iterate (50);
  gtk_window_close (GTK_WINDOW (window));
  iterate (100);
  g_assert_false (sm_store_get_household (store, id, &h, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
}

/* A bubble zooms in on a click; a new household is placed where the map
 * is clicked and saved with its address. */
static void
test_bubble_and_new_household (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  SmWindow *window = open_window (store);
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
  iterate (300);
  for (y = 20; y < gtk_widget_get_height (map_widget) - 20 && !found; y += 4)
    for (x = 20; x < gtk_widget_get_width (map_widget) - 20 && !found; x += 4)
      found = sm_case_layer_pick (layer, x, y, &item) && item.kind == SM_CASE_LAYER_CLUSTER;
  g_assert_true (found);
  zoom = shumate_viewport_get_zoom_level (viewport);
  sm_window_click_map (window, x - 4, y - 4);
  iterate (100);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >, zoom);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-household", NULL);
  sm_window_click_map (window, 200, 150);
  iterate (50);
  shumate_viewport_widget_coords_to_location (viewport, map_widget, 200, 150, &lat, &lon);
  g_assert_true (sm_case_panel_is_dirty (panel));
  address = find_widget (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW);
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
  close_window (window);
}

/* Importing an extract from the window: on a worker thread, then the map
 * shows the new basemap. */
static void
test_import_osm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "import.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmWindow *window = open_window (store);
  ShumateMapSource *source;
  gint64 end;

  g_assert_no_error (error);
  g_assert_false (sm_store_has_basemap (store));
  sm_window_import_osm (window, extract);
  g_assert_true (sm_window_is_importing (window));
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (sm_window_is_importing (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sm_window_is_importing (window));
  g_assert_true (sm_store_has_basemap (store));
  source = shumate_simple_map_get_map_source (
    SHUMATE_SIMPLE_MAP (gtk_widget_get_parent (GTK_WIDGET (sm_window_get_map (window)))));
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, "social-map-local");
  close_window (window);
}

/* Closing with unsaved edits asks; Cancel keeps the window, Discard closes
 * it without writing. */
static void
test_close_asks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, &error);
  gint64 id = g_array_index (hits, SmCaseHit, 2).household_id;
  SmWindow *window = open_window (store);
  gint64 changes = sm_test_scalar (store, "SELECT total_changes()");
  GtkWidget *address;

  g_object_ref (window);
  sm_window_select_household (window, id);
  iterate (50);
  address = find_widget (GTK_WIDGET (sm_window_get_case_panel (window)), ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (address), "Tata, Másik utca 2.");
  gtk_window_close (GTK_WINDOW (window));
  iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  adw_message_dialog_response (find_dialog (), "cancel");
  iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (sm_case_panel_is_dirty (sm_window_get_case_panel (window)));

  gtk_window_close (GTK_WINDOW (window));
  iterate (50);
  adw_message_dialog_response (find_dialog (), "discard");
  iterate (100);
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
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  SmWindow *window = open_window (store);
  GtkWidget *entry = find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  ShumateViewport *viewport = shumate_map_get_viewport (sm_window_get_map (window));
  g_autoptr(GPtrArray) expected = sm_store_search_households (store, "utca", 12, &error);
  double zoom = shumate_viewport_get_zoom_level (viewport);

  g_assert_nonnull (entry);
  g_assert_cmpuint (expected->len, >, 0);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "utca");
  iterate (400);
  g_signal_emit_by_name (entry, "activate");
  iterate (100);
  g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==,
                   ((SmHousehold *) g_ptr_array_index (expected, 0))->id);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 16);

  /* Down moves to the next result, and Enter chooses it. */
  if (expected->len > 1)
    {
      SmSearchBox *box = SM_SEARCH_BOX (gtk_widget_get_ancestor (entry, SM_TYPE_SEARCH_BOX));

      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      gtk_editable_set_text (GTK_EDITABLE (entry), "utca");
      iterate (400);
      g_assert_cmpuint (g_list_model_get_n_items (sm_search_box_get_results (box)), ==,
                        expected->len);
      g_assert_true (sm_search_box_move (box, 1));
      g_signal_emit_by_name (entry, "activate");
      iterate (100);
      g_assert_cmpint (sm_case_panel_get_household (sm_window_get_case_panel (window)), ==,
                       ((SmHousehold *) g_ptr_array_index (expected, 1))->id);
    }

  zoom = shumate_viewport_get_zoom_level (viewport);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  iterate (600);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), <, zoom);
  close_window (window);
}

static void
wait_for_import (SmWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (sm_window_is_importing (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sm_window_is_importing (window));
  iterate (50);
}

/* Households from a file: placed by coordinates or by address, the ones
 * that could not be placed on a street on the review list; a file with a
 * bad row imports, after consent, without it. A changed address is placed
 * on save; a candidate picked from the review list places it for good. */
static void
test_import_review_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "iw.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "iw.csv", NULL);
  g_autofree char *out = g_build_filename (tmpdir, "iw-parts.gpkg", NULL);
  g_autoptr(SmStore) store = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  SmDemoOptions options = { .n_households = 100, .seed = 9, .until = "2025-06-30" };
  SmExportOptions parts = { SM_EXPORT_PARTS, 0, 5 };
  SmWindow *window;
  SmReviewPanel *review;
  gint64 before, moved;
  AdwMessageDialog *dialog;

  store = sm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  window = open_window (store);
  review = sm_window_get_review_panel (window);
  before = sm_store_count (store, "household");
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 0);

  g_assert_true (g_file_set_contents (csv,
    "Cím,lat,lon,Szükséglet\n"
    "\"Tata, Egy utca 1\",47.651,18.321,lakhatas\n"
    "\"Tata-Agostyán, Nincsilyen utca 9.\",,,idos_gondozas\n"
    "\"Tata, Rossz utca 3\",47.652,18.322,Nincs ilyen kategória\n", -1, NULL));
  g_hash_table_insert (columns, "address", "Cím");
  g_hash_table_insert (columns, "y", "lat");
  g_hash_table_insert (columns, "x", "lon");
  g_hash_table_insert (columns, "need_category", "Szükséglet");
  sm_window_import_cases (window, csv, columns);
  wait_for_import (window);
  /* One bad row: nothing yet, and a question. */
  g_assert_cmpint (sm_store_count (store, "household"), ==, before);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  iterate (50);
  wait_for_import (window);
  g_assert_cmpint (sm_store_count (store, "household"), ==, before + 2);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 1);
  maybe_screenshot (window, "review-page");

  /* A changed address is looked up on save. */
  moved = g_array_index (sm_store_query (store, sm_window_get_filter (window), NULL), SmCaseHit, 0).household_id;
  sm_window_select_household (window, moved);
  iterate (50);
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (sm_window_get_case_panel (window)),
                                                   ADW_TYPE_ENTRY_ROW)),
                         "Tata-Agostyán, Sehol utca 4.");
  g_assert_true (sm_case_panel_save (sm_window_get_case_panel (window)));
  iterate (50);
  g_assert_cmpint (sm_case_panel_get_last_geocode (sm_window_get_case_panel (window)), ==,
                   SM_GEOCODE_SETTLEMENT_PART);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 2);

  /* Picking a place from the list takes it off. */
  sm_review_panel_choose (review, moved, 47.668, 18.396);
  iterate (50);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE geocode_quality = 'manual'"
                                          " AND round(lat, 3) = 47.668"), >=, 1);

  g_assert_true (sm_window_export (window, out, &parts));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  close_window (window);
}

typedef struct {
  guint heat_and_gi;
  guint areas;
  guint cases;
} Updates;

static void
count_update (guint *counter)
{
  (*counter)++;
}

static guint
area_households (SmWindow *window)
{
  GArray *stats = sm_area_layer_get_stats (sm_window_get_area_layer (window));
  guint n = 0;

  for (guint i = 0; stats != NULL && i < stats->len; i++)
    n += g_array_index (stats, SmAreaStat, i).households;
  return n;
}

static guint
hotspot_households (SmWindow *window)
{
  GPtrArray *hotspots = sm_hotspot_layer_get_hotspots (sm_window_get_hotspot_layer (window));
  guint n = 0;

  for (guint i = 0; hotspots != NULL && i < hotspots->len; i++)
    n += ((SmHotspot *) g_ptr_array_index (hotspots, i))->households;
  return n;
}

/* Waits until every layer has recomputed since @before. */
static void
wait_for_layers (const Updates *now,
                 const Updates *before,
                 guint          ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end &&
         (now->heat_and_gi == before->heat_and_gi || now->areas == before->areas ||
          now->cases == before->cases))
    g_main_context_iteration (NULL, FALSE);
  iterate (100);
  g_assert_cmpuint (now->heat_and_gi, >, before->heat_and_gi);
  g_assert_cmpuint (now->areas, >, before->areas);
  g_assert_cmpuint (now->cases, >, before->cases);
}

/* Every layer, list and count follows the store by itself: a save, a
 * review choice and an import by another connection each reach the heat
 * map, the Gi* cells, the areas, the hotspot list and the counts, with no
 * call from the window. */
static void
test_layers_follow_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "follow.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "follow.csv", NULL);
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmStore) other = NULL;
  g_autoptr(GString) rows = g_string_new ("Cím,lat,lon,Szükséglet,Súlyosság,Felmérés\n");
  SmDemoOptions options = { .n_households = 300, .seed = 4, .until = "2025-06-30" };
  SmImportOptions import_options = { 0 };
  g_autoptr(SmImportReport) report = NULL;
  SmWindow *window;
  SmHotspotPanel *panel;
  SmReviewPanel *review;
  Updates now = { 0 }, before;
  g_autofree char *counts0 = NULL, *counts1 = NULL;
  double peak0;
  guint areas0, areas1, spots0, spots1;
  gint64 first = 0;

  store = sm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  window = open_window (store);
  panel = sm_window_get_hotspot_panel (window);
  review = sm_window_get_review_panel (window);
  g_signal_connect_swapped (sm_window_get_hotspot_layer (window), "updated",
                            G_CALLBACK (count_update), &now.heat_and_gi);
  g_signal_connect_swapped (sm_window_get_area_layer (window), "updated",
                            G_CALLBACK (count_update), &now.areas);
  g_signal_connect_swapped (sm_window_get_case_layer (window), "updated",
                            G_CALLBACK (count_update), &now.cases);
  sm_hotspot_panel_set_layers (panel, TRUE, TRUE);
  sm_area_layer_set_show (sm_window_get_area_layer (window), SM_AREA_SHOW_HOUSEHOLDS);
  iterate (400);
  counts0 = g_strdup (sm_window_get_counts_text (window));
  peak0 = sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window));
  areas0 = area_households (window);
  spots0 = hotspot_households (window);
  g_assert_cmpuint (areas0, >, 0);

  /* A save: forty households with open needs on one corner of the town. */
  before = now;
  g_assert_true (sm_store_begin (store, &error));
  for (int i = 0; i < 40; i++)
    {
      SmHousehold h = { .address_raw = (char *) "Tata, Új sor 1.", .settlement = (char *) "Tata",
                        .has_location = TRUE, .lat = 47.6545 + i * 1e-5, .lon = 18.3185,
                        .quality = SM_GEOCODE_MANUAL };
      SmNeed n = { .category = (char *) "lakhatas", .severity = 3,
                   .assessed_on = (char *) "2025-01-05" };

      n.household_id = sm_store_add_household (store, &h, &error);
      g_assert_no_error (error);
      if (first == 0)
        first = n.household_id;
      sm_store_add_need (store, &n, &error);
      g_assert_no_error (error);
    }
  g_assert_true (sm_store_commit (store, &error));
  wait_for_layers (&now, &before, 3000);
  counts1 = g_strdup (sm_window_get_counts_text (window));
  g_assert_cmpstr (counts1, !=, counts0);
  g_assert_cmpfloat (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)), !=, peak0);
  areas1 = area_households (window);
  g_assert_cmpuint (areas1, ==, areas0 + 40);
  spots1 = hotspot_households (window);
  g_assert_cmpuint (spots1, !=, spots0);
  g_assert_cmpuint (sm_hotspot_panel_get_count (panel), ==,
                    sm_hotspot_layer_get_hotspots (sm_window_get_hotspot_layer (window))->len);

  /* A review choice moves one of them. */
  {
    g_autoptr(SmAddress) parsed = sm_address_parse ("Tata, Új sor 1.", NULL);
    SmGeocodeResult r = { .parsed = parsed, .quality = SM_GEOCODE_SETTLEMENT };

    r.candidates = g_ptr_array_new ();
    g_assert_true (sm_review_add (store, first, &r, &error));
    g_ptr_array_unref (r.candidates);
    iterate (100);
    g_assert_cmpuint (sm_review_panel_get_count (review), ==, 1);
  }
  before = now;
  sm_review_panel_choose (review, first, 47.6480, 18.3420);
  wait_for_layers (&now, &before, 3000);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 0);

  /* An import through another connection, as another program would. */
  for (int i = 0; i < 30; i++)
    g_string_append_printf (rows, "\"Tata, Külső utca %d.\",47.655%02d,18.318%02d,lakhatas,2,2025-02-01\n",
                            i + 1, i, i);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  other = sm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_import_file (other, csv, &import_options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_households, ==, 30);
  before = now;
  wait_for_layers (&now, &before, 5000);
  g_assert_cmpuint (area_households (window), ==, areas1 + 30);
  g_assert_cmpstr (sm_window_get_counts_text (window), !=, counts1);

  g_signal_handlers_disconnect_by_data (sm_window_get_hotspot_layer (window), &now.heat_and_gi);
  g_signal_handlers_disconnect_by_data (sm_window_get_area_layer (window), &now.areas);
  g_signal_handlers_disconnect_by_data (sm_window_get_case_layer (window), &now.cases);
  close_window (window);
}

/* The hotspot layers and list follow the time slider: stepping back a
 * year changes the filter's day and the hotspots. */
static void
test_hotspots_and_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  SmWindow *window = open_window (store);
  SmHotspotPanel *panel = sm_window_get_hotspot_panel (window);
  SmFilter *filter = sm_window_get_filter (window);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (panel));
  GPtrArray *now_list;
  guint now_households = 0;
  GDate day;
  char iso[16];

  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (panel));
  sm_hotspot_panel_set_layers (panel, TRUE, TRUE);
  iterate (300);
  now_list = sm_hotspot_layer_get_hotspots (sm_window_get_hotspot_layer (window));
  g_assert_nonnull (now_list);
  g_assert_cmpuint (sm_hotspot_panel_get_count (panel), ==, now_list->len);
  g_assert_cmpuint (now_list->len, >, 0);
  now_households = ((SmHotspot *) g_ptr_array_index (now_list, 0))->households;
  g_assert_cmpfloat (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)), >, 0);
  maybe_screenshot (window, "hotspots-page");

  /* Weighted by severity (1–3) with another kernel the density's peak
   * rises; back to counts it returns. */
  {
    double counted = sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window));

    sm_hotspot_panel_set_method (panel, 1, 1);
    iterate (100);
    g_assert_cmpfloat (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)), >, counted);
    sm_hotspot_panel_set_method (panel, 0, 0);
    iterate (100);
    g_assert_cmpfloat_with_epsilon (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)),
                                    counted, 1e-6);
  }

  /* Changes since mid-2024: needs that came and went. */
  {
    GDate compare;
    guint resolved = 0;

    sm_date_parse_iso ("2024-06-30", &compare, NULL);
    sm_hotspot_layer_set_show_change (sm_window_get_hotspot_layer (window), TRUE);
    sm_hotspot_layer_set_compare (sm_window_get_hotspot_layer (window), &compare);
    g_assert_cmpuint (sm_hotspot_layer_get_n_changes (sm_window_get_hotspot_layer (window), &resolved), >, 0);
    g_assert_cmpuint (resolved, >, 0);
  }


  /* The demo's data start in 2022: month 12 is a year later. */
  sm_window_show_month (window, 12, 0);
  sm_hotspot_layer_recompute (sm_window_get_hotspot_layer (window));
  iterate (100);
  sm_filter_get_as_of (filter, &day);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
  g_assert_true (g_date_get_day (&day) >= 28 || g_date_get_day (&day) <= 31);
  g_assert_cmpuint (((SmHotspot *) g_ptr_array_index (sm_hotspot_layer_get_hotspots (
                      sm_window_get_hotspot_layer (window)), 0))->households, !=, now_households);

  /* A window of the last months: a lower bound on the day of assessment,
   * the day after the same day N months before. */
  for (int months = 3; months <= 12; months += 9)
    {
      GDate since, expected;

      sm_window_show_month (window, 24, months);
      iterate (200);
      sm_filter_get_as_of (filter, &day);
      g_assert_true (sm_filter_get_since (filter, &since));
      expected = day;
      g_date_subtract_months (&expected, months);
      g_date_add_days (&expected, 1);
      g_assert_cmpint (g_date_compare (&since, &expected), ==, 0);
    }
  /* The Filters page shows the slider's day and window. */
  {
    const char *subtitle = adw_action_row_get_subtitle (
      ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (sm_window_get_filter_panel (window)),
                                                     SM_TYPE_FILTER_PANEL, "date_row")));

    g_assert_nonnull (strstr (subtitle, "time slider"));
  }
  /* Cumulative: everything assessed up to the day. */
  sm_window_show_month (window, 24, -1);
  iterate (200);
  g_assert_false (sm_filter_get_since (filter, &day));
  close_window (window);
}

/* The areas on the Hotspots page: the demo's settlement parts coloured by
 * their smoothed rate, following the filter; with the elderly-care filter
 * Agostyán (the pocket) leads; Gi* between the parts. */
static void
test_area_choropleth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db_path, &error);
  SmWindow *window = open_window (store);
  SmHotspotPanel *panel = sm_window_get_hotspot_panel (window);
  SmAreaLayer *layer = sm_window_get_area_layer (window);
  SmFilter *filter = sm_window_get_filter (window);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (panel));
  GArray *stats;
  const SmAreaStat *top = NULL;
  guint n_parts;

  n_parts = sm_test_scalar (store, "SELECT count(DISTINCT name) FROM boundary WHERE level = 'settlement_part'");
  g_assert_cmpuint (n_parts, >=, 5);
  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (panel));
  g_assert_null (sm_area_layer_get_stats (layer));
  sm_hotspot_panel_set_area_show (panel, SM_AREA_SHOW_RATE);
  iterate (100);
  stats = sm_area_layer_get_stats (layer);
  g_assert_nonnull (stats);
  g_assert_cmpuint (stats->len, ==, n_parts);
  g_assert_cmpfloat (sm_area_layer_get_top (layer, NULL), >, 0);

  sm_filter_add_category (filter, sm_store_lookup_category (store, "idos_gondozas", NULL));
  iterate (300);
  stats = sm_area_layer_get_stats (layer);
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);

      if (!isnan (st->eb_rate) && (top == NULL || st->eb_rate > top->eb_rate))
        top = st;
    }
  g_assert_nonnull (top);
  g_assert_cmpstr (top->name, ==, "Agostyán");
  /* The whole town, Agostyán to the east included. */
  shumate_map_center_on (sm_window_get_map (window), 47.650, 18.340);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (sm_window_get_map (window)), 12.2);
  iterate (300);
  {
    GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (panel));

    if (GTK_IS_SCROLLED_WINDOW (scrolled))
      {
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

        gtk_adjustment_set_value (adj, 560);
        iterate (100);
      }
  }
  maybe_screenshot (window, "areas-page");

  sm_hotspot_panel_set_area_show (panel, SM_AREA_SHOW_GI);
  iterate (100);
  stats = sm_area_layer_get_stats (layer);
  g_assert_false (isnan (g_array_index (stats, SmAreaStat, 0).gi.z)
                  && isnan (g_array_index (stats, SmAreaStat, 1).gi.z));
  sm_hotspot_panel_set_area_show (panel, SM_AREA_SHOW_NONE);
  g_assert_null (sm_area_layer_get_stats (layer));
  close_window (window);
}

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
  store = sm_store_open (db_path, &error);
  g_assert_no_error (error);
  window = open_window (store);
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "háztartás"));
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "nyitott szükséglet látható"));
  close_window (window);
  g_unsetenv ("LANGUAGE");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  SmDemoOptions options = { .n_households = 1000, .seed = 3, .until = "2025-06-30" };
  int status;

  gtk_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  tmpdir = sm_test_make_dir ("sm-window");
  db_path = g_build_filename (tmpdir, "demo.db", NULL);
  {
    g_autoptr(SmStore) store = sm_store_open (db_path, &error);

    g_assert_no_error (error);
    g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  }

  g_test_add_func ("/window/filter-changes-counts", test_filter_changes_counts);
  g_test_add_func ("/window/select-edit-save-reopen", test_select_edit_save_reopen);
  g_test_add_func ("/window/invalid-input-writes-nothing", test_invalid_input_writes_nothing);
  g_test_add_func ("/window/search-and-zoom", test_search_and_zoom);
  g_test_add_func ("/window/close-asks", test_close_asks);
  g_test_add_func ("/window/delete-undo", test_delete_undo);
  g_test_add_func ("/window/bubble-and-new-household", test_bubble_and_new_household);
  g_test_add_func ("/window/import-osm", test_import_osm);
  g_test_add_func ("/window/import-review-export", test_import_review_export);
  g_test_add_func ("/window/hotspots-and-time", test_hotspots_and_time);
  g_test_add_func ("/window/layers-follow-store", test_layers_follow_store);
  g_test_add_func ("/window/area-choropleth", test_area_choropleth);
  g_test_add_func ("/window/hungarian", test_hungarian);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  g_free (db_path);
  return status;
}
