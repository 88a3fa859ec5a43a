#include "config.h"

#include <locale.h>
#include <string.h>

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
#include "sm-excess.h"
#include "sm-hotspot.h"
#include "sm-demo.h"
#include "sm-query.h"
#include "sm-search-box.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

/* The workspace's files and statistics driven as a person would: importing
 * a basemap and households, the review list, exporting, the hotspot and area
 * layers, and every layer following the store. */
static void
test_import_osm (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sm_test_tmpdir, "import.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmWindow *window = sm_test_open_window (store);
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
  sm_test_close_window (window);
}

static void
test_import_review_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sm_test_tmpdir, "iw.db", NULL);
  g_autofree char *csv = g_build_filename (sm_test_tmpdir, "iw.csv", NULL);
  g_autofree char *out = g_build_filename (sm_test_tmpdir, "iw-parts.gpkg", NULL);
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
  window = sm_test_open_window (store);
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
  sm_test_wait_for_import (window);
  /* One bad row: nothing yet, and a question. */
  g_assert_cmpint (sm_store_count (store, "household"), ==, before);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  sm_test_iterate (50);
  sm_test_wait_for_import (window);
  g_assert_cmpint (sm_store_count (store, "household"), ==, before + 2);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 1);
  sm_test_maybe_screenshot (window, "review-page");

  /* A changed address is looked up on save. */
  moved = g_array_index (sm_store_query (store, sm_window_get_filter (window), NULL), SmCaseHit, 0).household_id;
  sm_window_select_household (window, moved);
  sm_test_iterate (50);
  gtk_editable_set_text (GTK_EDITABLE (sm_test_find_widget (GTK_WIDGET (sm_window_get_case_panel (window)),
                                                   ADW_TYPE_ENTRY_ROW)),
                         "Tata-Agostyán, Sehol utca 4.");
  g_assert_true (sm_case_panel_save (sm_window_get_case_panel (window)));
  sm_test_iterate (50);
  g_assert_cmpint (sm_case_panel_get_last_geocode (sm_window_get_case_panel (window)), ==,
                   SM_GEOCODE_SETTLEMENT_PART);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 2);

  /* Picking a place from the list takes it off. */
  sm_review_panel_choose (review, moved, 47.668, 18.396);
  sm_test_iterate (50);
  g_assert_cmpuint (sm_review_panel_get_count (review), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM household WHERE geocode_quality = 'manual'"
                                          " AND round(lat, 3) = 47.668"), >=, 1);

  g_assert_true (sm_window_export (window, out, &parts));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
  sm_test_close_window (window);
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
  sm_test_iterate (100);
  g_assert_cmpuint (now->heat_and_gi, >, before->heat_and_gi);
  g_assert_cmpuint (now->areas, >, before->areas);
  g_assert_cmpuint (now->cases, >, before->cases);
}

static void
test_layers_follow_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sm_test_tmpdir, "follow.db", NULL);
  g_autofree char *csv = g_build_filename (sm_test_tmpdir, "follow.csv", NULL);
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
  window = sm_test_open_window (store);
  panel = sm_window_get_hotspot_panel (window);
  review = sm_window_get_review_panel (window);
  g_signal_connect_swapped (sm_window_get_hotspot_layer (window), "updated",
                            G_CALLBACK (count_update), &now.heat_and_gi);
  g_signal_connect_swapped (sm_window_get_area_layer (window), "updated",
                            G_CALLBACK (count_update), &now.areas);
  g_signal_connect_swapped (sm_window_get_case_layer (window), "updated",
                            G_CALLBACK (count_update), &now.cases);
  sm_hotspot_panel_set_layers (panel, TRUE, TRUE);
  /* Each month's own heat scale: the peak follows the data at once. */
  sm_hotspot_layer_set_per_month (sm_window_get_hotspot_layer (window), TRUE);
  sm_area_layer_set_show (sm_window_get_area_layer (window), SM_AREA_SHOW_HOUSEHOLDS);
  sm_test_iterate (400);
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
    sm_test_iterate (100);
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
  sm_test_close_window (window);
}

/* The heat map's one scale over the slider's months comes from a worker
 * thread: wait for it, then for the layer to redraw with it. */
static void
wait_for_scale (SmWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (sm_hotspot_layer_is_scaling (sm_window_get_hotspot_layer (window)) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  sm_test_iterate (50);
}

static void
test_hotspots_and_time (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window = sm_test_open_window (store);
  SmHotspotPanel *panel = sm_window_get_hotspot_panel (window);
  SmFilter *filter = sm_window_get_filter (window);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (panel));
  GPtrArray *now_list;
  guint now_households = 0;
  GDate day;
  char iso[16];

  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (panel));
  sm_hotspot_panel_set_layers (panel, TRUE, TRUE);
  sm_test_iterate (300);

  /* The list leads with excess (the scan, on a worker thread): every
   * cluster has more households with its need than expected, and the list
   * is the same as sm_find_excess() gives the command line. */
  {
    SmExcessLayer *excess = sm_window_get_excess_layer (window);
    GPtrArray *clusters;
    g_autoptr(GPtrArray) direct = NULL;
    SmExcessOptions options = { .model = SM_SCAN_BERNOULLI, .cell_m = 250, .seed = 1 };
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    g_assert_true (sm_excess_layer_get_active (excess));
    while (sm_excess_layer_is_busy (excess) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    sm_test_iterate (50);
    clusters = sm_excess_layer_get_clusters (excess);
    g_assert_nonnull (clusters);
    g_assert_cmpuint (clusters->len, >, 0);
    g_assert_cmpuint (sm_hotspot_panel_get_count (panel), ==, clusters->len);
    direct = sm_find_excess (store, filter, &options, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (direct->len, ==, clusters->len);
    for (guint i = 0; i < clusters->len; i++)
      {
        const SmExcess *a = g_ptr_array_index (clusters, i), *b = g_ptr_array_index (direct, i);

        g_assert_cmpint (a->category, ==, b->category);
        g_assert_cmpuint (a->cases, ==, b->cases);
        g_assert_cmpfloat (a->p, ==, b->p);
        g_assert_cmpfloat (a->cases, >, a->expected);
        g_assert_cmpfloat (a->p, <, 0.05);
      }
    /* Hovering or clicking the first cluster names its need; far from
     * every cluster nothing. */
    {
      const SmExcess *first = g_ptr_array_index (clusters, 0);
      const SmCategory *c = sm_store_get_category (store, first->category);
      g_autofree char *there = sm_excess_layer_describe (excess, first->lat, first->lon);
      g_autofree char *nowhere = sm_excess_layer_describe (excess, first->lat + 1, first->lon);

      g_assert_nonnull (there);
      g_assert_nonnull (strstr (there, sm_localized_name (c->name_hu, c->name_en)));
      g_assert_null (nowhere);
    }
    sm_test_maybe_screenshot (window, "hotspots-excess");
  }

  /* Density: Gi* on the counts. */
  sm_hotspot_panel_set_hotspot_method (panel, SM_HOTSPOT_DENSITY);
  sm_test_iterate (300);
  g_assert_false (sm_excess_layer_get_active (sm_window_get_excess_layer (window)));
  now_list = sm_hotspot_layer_get_hotspots (sm_window_get_hotspot_layer (window));
  g_assert_nonnull (now_list);
  /* A hot cell says what it is. */
  {
    const SmHotspot *h = g_ptr_array_index (now_list, 0);
    g_autofree char *cell = NULL;

    for (int k = 0; k < 100 && cell == NULL; k++)
      cell = sm_hotspot_layer_describe (sm_window_get_hotspot_layer (window),
                                        h->south + (h->north - h->south) * (k / 10 + 0.5) / 10,
                                        h->west + (h->east - h->west) * (k % 10 + 0.5) / 10);
    g_assert_nonnull (cell);
    g_assert_nonnull (strstr (cell, "Gi*"));
  }
  g_assert_cmpuint (sm_hotspot_panel_get_count (panel), ==, now_list->len);
  g_assert_cmpuint (now_list->len, >, 0);
  now_households = ((SmHotspot *) g_ptr_array_index (now_list, 0))->households;
  g_assert_cmpfloat (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)), >, 0);
  sm_test_maybe_screenshot (window, "hotspots-page");

  /* Weighted by severity (1–3) with another kernel the density's peak
   * rises; back to counts it returns (each once its scale over the
   * slider's months is in). */
  {
    double counted;

    wait_for_scale (window);
    counted = sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window));
    sm_hotspot_panel_set_method (panel, 1, 1);
    sm_test_iterate (100);
    wait_for_scale (window);
    g_assert_cmpfloat (sm_hotspot_layer_get_peak (sm_window_get_hotspot_layer (window)), >, counted);
    sm_hotspot_panel_set_method (panel, 0, 0);
    sm_test_iterate (100);
    wait_for_scale (window);
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
  sm_test_iterate (100);
  sm_filter_get_as_of (filter, &day);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
  g_assert_true (g_date_get_day (&day) >= 28 || g_date_get_day (&day) <= 31);
  g_assert_cmpuint (((SmHotspot *) g_ptr_array_index (sm_hotspot_layer_get_hotspots (
                      sm_window_get_hotspot_layer (window)), 0))->households, !=, now_households);

  /* One heat scale over the slider's months: once found (on a worker
   * thread), month 12 and the last month share it, though the last has
   * more households; per month, month 12 has a scale of its own. */
  {
    SmHotspotLayer *layer = sm_window_get_hotspot_layer (window);
    GtkAdjustment *adj = NULL;
    double early, late, own;
    gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    int last;

    while (sm_hotspot_layer_is_scaling (layer) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    sm_test_iterate (50);
    early = sm_hotspot_layer_get_peak (layer);
    {
      g_autoptr(GPtrArray) scales = g_ptr_array_new ();

      sm_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_SCALE, scales);
      for (guint i = 0; i < scales->len; i++)
        if (gtk_adjustment_get_upper (gtk_range_get_adjustment (g_ptr_array_index (scales, i))) > 12)
          adj = gtk_range_get_adjustment (g_ptr_array_index (scales, i));
    }
    g_assert_nonnull (adj);
    last = (int) gtk_adjustment_get_upper (adj);
    sm_window_show_month (window, last, 0);
    sm_hotspot_layer_recompute (layer);
    sm_test_iterate (100);
    late = sm_hotspot_layer_get_peak (layer);
    g_assert_cmpfloat (early, >, 0);
    g_assert_cmpfloat_with_epsilon (early, late, late * 1e-9);
    sm_window_show_month (window, 12, 0);
    sm_hotspot_layer_set_per_month (layer, TRUE);
    sm_test_iterate (100);
    own = sm_hotspot_layer_get_peak (layer);
    g_assert_cmpfloat (own, <, early);
    sm_hotspot_layer_set_per_month (layer, FALSE);
    sm_test_iterate (100);

    /* A drag that leaves the slider between two months: play still goes
     * on to the last month, then stops. */
    gtk_adjustment_set_value (adj, last - 1.6);
    g_assert_true (sm_window_step_month (window));
    g_assert_true (sm_window_step_month (window));
    g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, last);
    g_assert_false (sm_window_step_month (window));
  }

  /* A window of the last months: a lower bound on the day of assessment,
   * the day after the same day N months before. */
  for (int months = 3; months <= 12; months += 9)
    {
      GDate since, expected;

      sm_window_show_month (window, 24, months);
      sm_test_iterate (200);
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
  sm_test_iterate (200);
  g_assert_false (sm_filter_get_since (filter, &day));
  sm_test_close_window (window);
}

static void
test_area_choropleth (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window = sm_test_open_window (store);
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
  sm_test_iterate (100);
  stats = sm_area_layer_get_stats (layer);
  g_assert_nonnull (stats);
  g_assert_cmpuint (stats->len, ==, n_parts);
  g_assert_cmpfloat (sm_area_layer_get_top (layer, NULL), >, 0);
  /* An area says what it is where it is. */
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      g_autofree char *text = sm_area_layer_describe (layer, st->label_lat, st->label_lon);

      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, st->name));
    }

  sm_filter_add_category (filter, sm_store_lookup_category (store, "idos_gondozas", NULL));
  sm_test_iterate (300);
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
  sm_test_iterate (300);
  {
    GtkWidget *scrolled = gtk_widget_get_first_child (GTK_WIDGET (panel));

    if (GTK_IS_SCROLLED_WINDOW (scrolled))
      {
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

        gtk_adjustment_set_value (adj, 560);
        sm_test_iterate (100);
      }
  }
  sm_test_maybe_screenshot (window, "areas-page");

  sm_hotspot_panel_set_area_show (panel, SM_AREA_SHOW_GI);
  sm_test_iterate (100);
  stats = sm_area_layer_get_stats (layer);
  g_assert_false (isnan (g_array_index (stats, SmAreaStat, 0).gi.z)
                  && isnan (g_array_index (stats, SmAreaStat, 1).gi.z));
  sm_hotspot_panel_set_area_show (panel, SM_AREA_SHOW_NONE);
  g_assert_null (sm_area_layer_get_stats (layer));
  sm_test_close_window (window);
}

/* The most opaque pixel the case layer draws within 4 pixels of the
 * middle of the map. */
static guint
case_alpha_at_middle (SmWindow *window)
{
  GtkWidget *layer = GTK_WIDGET (sm_window_get_case_layer (window));
  int w = gtk_widget_get_width (layer), h = gtk_widget_get_height (layer);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (layer);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (layer));
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  guint most = 0;

  g_assert_cmpint (w, >, 20);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  for (int y = h / 2 - 4; y <= h / 2 + 4; y++)
    for (int x = w / 2 - 4; x <= w / 2 + 4; x++)
      most = MAX (most, pixels[((gsize) y * w + x) * 4 + 3]);
  return most;
}

static void
look_at (SmWindow *window,
         double    lat,
         double    lon,
         double    zoom)
{
  ShumateViewport *viewport = shumate_map_get_viewport (sm_window_get_map (window));

  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  shumate_viewport_set_zoom_level (viewport, zoom);
  sm_test_iterate (300);
}

/* The planner view: a lone household is neither drawn, nor picked, nor
 * located; a crowded cell is drawn with its count; the total under k is
 * not written out. */
static void
test_planner_view (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (sm_test_tmpdir, "planner.db", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  const double lone_lat = 47.6905, lone_lon = 18.2480, crowd_lat = 47.6350, crowd_lon = 18.3900;
  SmCaseLayer *layer;
  SmCaseLayerItem item;
  SmWindow *window;
  gint64 lone;
  double x, y;

  g_assert_no_error (error);
  lone = sm_test_add_household (store, "Tata, Tópart 1.", TRUE, lone_lat, lone_lon);
  sm_test_add_need (store, lone, "lakhatas", 3, "2025-03-01", NULL);
  /* Two crowds: with the lone household hidden, the smaller one is too,
   * or the total would give the lone one away. */
  for (int i = 0; i < 90; i++)
    {
      g_autofree char *address = g_strdup_printf ("Tata, Sor utca %d.", i + 1);
      gint64 h = sm_test_add_household (store, address, TRUE, crowd_lat + (i % 60) * 1e-5,
                                        crowd_lon + (i < 60 ? 0 : 0.01));

      sm_test_add_need (store, h, "lakhatas", 2, "2025-03-01", NULL);
    }
  window = sm_test_open_window (store);
  layer = sm_window_get_case_layer (window);
  sm_case_layer_set_show_boundaries (layer, FALSE);
  sm_case_layer_set_show_services (layer, FALSE);

  /* Without the planner view the lone household is there to see. */
  look_at (window, lone_lat, lone_lon, 17);
  g_assert_true (sm_case_layer_locate (layer, lone, &x, &y));
  g_assert_cmpuint (case_alpha_at_middle (window), >, 100);
  g_assert_true (sm_case_layer_pick (layer, x, y, &item));
  g_assert_cmpint (item.kind, ==, SM_CASE_LAYER_HOUSEHOLD);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);
  sm_test_iterate (300);
  g_assert_true (sm_case_layer_get_planner_view (layer));
  g_assert_false (sm_case_layer_locate (layer, lone, &x, &y));
  g_assert_cmpuint (case_alpha_at_middle (window), ==, 0);
  g_assert_false (sm_case_layer_pick (layer, gtk_widget_get_width (GTK_WIDGET (layer)) / 2.0,
                                      gtk_widget_get_height (GTK_WIDGET (layer)) / 2.0, &item));
  look_at (window, lone_lat, lone_lon, 13);
  g_assert_cmpuint (case_alpha_at_middle (window), ==, 0);

  /* The crowded cell is drawn. */
  look_at (window, crowd_lat + 3e-4, crowd_lon, 16);
  g_assert_cmpuint (case_alpha_at_middle (window), >, 100);
  sm_test_maybe_screenshot (window, "planner-view");
  look_at (window, crowd_lat + 3e-4, crowd_lon + 0.01, 16);
  g_assert_cmpuint (case_alpha_at_middle (window), ==, 0);

  /* Only the lone household shown: the total is a small count. */
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "91"));
  sm_filter_set_min_severity (sm_window_get_filter (window), 3);
  sm_test_iterate (300);
  g_assert_null (strstr (sm_window_get_counts_text (window), "1 "));
  g_assert_nonnull (strstr (sm_window_get_counts_text (window), "<5"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);
  sm_test_iterate (200);
  g_assert_false (sm_case_layer_get_planner_view (layer));
  sm_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window-data");
  g_test_add_func ("/window/import-osm", test_import_osm);
  g_test_add_func ("/window/import-review-export", test_import_review_export);
  g_test_add_func ("/window/hotspots-and-time", test_hotspots_and_time);
  g_test_add_func ("/window/layers-follow-store", test_layers_follow_store);
  g_test_add_func ("/window/area-choropleth", test_area_choropleth);
  g_test_add_func ("/window/planner-view", test_planner_view);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
