#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>

#include "sm-bench-util.h"
#include "sm-application.h"
#include "sm-demo.h"
#include "sm-plain-tile-source.h"
#include "sm-query.h"
#include "sm-signal-layer.h"
#include "sm-signal-panel.h"
#include "sm-window.h"
#include "sm-excess-layer.h"
#include "sm-hotspot-panel.h"

/* The map workspace with 100,000 demo households, under Xvfb:
 *   - time from opening the database to the window's first frame;
 *   - panning frame time (median, 95th percentile, 150 frames) with our
 *     case layer, and in the same run libshumate's ShumateMarkerLayer with
 *     10,000 markers (one widget each), with the ratio;
 *   - latency from a filter change to the redrawn map;
 *   - latency from a step of the time slider to the redrawn map with every
 *     layer on (cases, heat map, the scan's clusters, Gi* cells, areas by
 *     rate), and play's pace;
 *   - resident memory, right after the work and once idle for a moment.
 * A frame is timed from the frame clock's "before-paint" to its
 * "after-paint": layout, snapshot and rendering, the work the toolkit does
 * for the frame. Targets: median ≤ 16.7 ms, filter change ≤ 50 ms, first
 * frame ≤ 1.5 s, resident memory ≤ 250 MB. */

#define N_HOUSEHOLDS 100000
#define N_MARKERS 10000
#define N_FRAMES 150

typedef struct {
  double  start;
  GArray *times;        /* double, ms */
  double  first_frame;  /* ms after start; 0 until seen */
  double  marked;       /* when a change was made, for its latency */
  double  latency;
  guint   frames_wanted;
  double  dx;           /* panning step, pixels per frame */
  ShumateMap *map;
} Frames;

static void
before_paint_cb (GdkFrameClock *clock,
                 Frames        *f)
{
  f->start = sm_bench_now_ms ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frames        *f)
{
  double now = sm_bench_now_ms ();

  if (f->start > 0 && f->times->len < f->frames_wanted)
    {
      double t = now - f->start;
      g_array_append_val (f->times, t);
    }
  if (f->marked > 0 && f->latency == 0)
    f->latency = now - f->marked;
}

/* Each frame moves the map a few pixels along a loop, so the same ground
 * is covered in every run. */
static gboolean
pan_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  Frames *f = data;
  ShumateViewport *viewport = shumate_map_get_viewport (f->map);
  double lat, lon, w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  double angle = f->times->len * 2 * G_PI / N_FRAMES;

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (f->map),
                                              w / 2 + f->dx * cos (angle),
                                              h / 2 + f->dx * sin (angle), &lat, &lon);
  shumate_map_center_on (f->map, lat, lon);
  return G_SOURCE_CONTINUE;
}

static void
iterate_until (gboolean (*done) (Frames *), Frames *f, double timeout_ms)
{
  double end = sm_bench_now_ms () + timeout_ms;

  while (!done (f) && sm_bench_now_ms () < end)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
enough_frames (Frames *f)
{
  return f->times->len >= f->frames_wanted;
}

static gboolean
first_frame_seen (Frames *f)
{
  return f->latency > 0;
}

static void
iterate_ms (double ms)
{
  double end = sm_bench_now_ms () + ms;

  while (sm_bench_now_ms () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* Pans for N_FRAMES frames and returns the median and 95th percentile. */
static void
measure_pan (GtkWidget *window,
             ShumateMap *map,
             double     *median,
             double     *p95)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Frames f = { .times = g_array_new (FALSE, FALSE, sizeof (double)), .frames_wanted = N_FRAMES,
               .dx = 6, .map = map };
  gulong b = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &f);
  gulong a = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &f);

  guint tick = gtk_widget_add_tick_callback (window, pan_tick_cb, &f, NULL);

  iterate_until (enough_frames, &f, 120000);
  gtk_widget_remove_tick_callback (window, tick);
  g_signal_handler_disconnect (clock, b);
  g_signal_handler_disconnect (clock, a);
  sm_bench_sort ((double *) f.times->data, f.times->len);
  *median = sm_bench_percentile ((double *) f.times->data, f.times->len, 0.5);
  *p95 = sm_bench_percentile ((double *) f.times->data, f.times->len, 0.95);
  g_array_unref (f.times);
}

/* The next frame after @change ran: its end minus the change's start. */
static double
measure_change (GtkWidget *window,
                void     (*change) (gpointer),
                gpointer   data,
                double    *query_ms,
                double    *frame_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  Frames f = { .times = g_array_new (FALSE, FALSE, sizeof (double)), .frames_wanted = 1 };
  gulong b = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &f);
  gulong a = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &f);
  double work;

  f.marked = sm_bench_now_ms ();
  change (data);
  work = sm_bench_now_ms () - f.marked;
  gtk_widget_queue_draw (window);
  iterate_until (first_frame_seen, &f, 10000);
  g_signal_handler_disconnect (clock, a);
  g_signal_handler_disconnect (clock, b);
  *query_ms = work;
  *frame_ms = f.times->len > 0 ? g_array_index (f.times, double, 0) : 0;
  g_array_unref (f.times);
  return f.latency;
}

static void
untick_housing (gpointer data)
{
  sm_filter_panel_set_category (data, "lakhatas", FALSE);
}

static void
tick_housing (gpointer data)
{
  sm_filter_panel_set_category (data, "lakhatas", TRUE);
}

static void
show_signals_page (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "win.panel-page", "s", "signals");
}

static void
show_directory_page (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (data), "win.panel-page", "s", "directory");
}

static const char *search_text = "csaladsegites szint";

static void
search_directory (gpointer data)
{
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (data), SM_TYPE_DIRECTORY_PANEL,
                                                                "search_entry"));

  gtk_editable_set_text (GTK_EDITABLE (entry), search_text);
  g_signal_emit_by_name (entry, "search-changed");
}

static void
choose_need (gpointer data)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (data), 5);
}

static void
show_all_signals (gpointer data)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (data), 2);
}

typedef struct {
  GtkColumnView       *view;
  GtkColumnViewColumn *column;
} SortBy;

static void
sort_by (gpointer data)
{
  SortBy *by = data;

  gtk_column_view_sort_by_column (by->view, by->column, GTK_SORT_DESCENDING);
}

static double
marker_layer_run (SmStore *store,
                  double  *add_ms,
                  double  *p95)
{
  GtkWidget *window = gtk_window_new ();
  ShumateSimpleMap *simple = shumate_simple_map_new ();
  ShumateMap *map = shumate_simple_map_get_map (simple);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ShumateMarkerLayer *layer = shumate_marker_layer_new (viewport);
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, NULL);
  g_autoptr(ShumateDataSource) plain = sm_plain_tile_source_new ();
  g_autoptr(ShumateMapSource) source = NULL;
  double t0, median;

  /* The same background as our window when no basemap is imported. */
  source = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    "plain", "plain", "", NULL, 0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR, plain));
  shumate_simple_map_set_map_source (simple, source);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (simple));
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  shumate_map_center_on (map, 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (viewport, 13);
  gtk_window_present (GTK_WINDOW (window));
  iterate_ms (300);

  t0 = sm_bench_now_ms ();
  for (guint i = 0; i < MIN (hits->len, N_MARKERS); i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i * (hits->len / N_MARKERS));
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *dot = gtk_image_new_from_icon_name ("media-record-symbolic");

      gtk_image_set_pixel_size (GTK_IMAGE (dot), 10);
      shumate_marker_set_child (marker, dot);
      shumate_location_set_location (SHUMATE_LOCATION (marker), hit->lat, hit->lon);
      shumate_marker_layer_add_marker (layer, marker);
    }
  iterate_ms (50);
  *add_ms = sm_bench_now_ms () - t0;

  measure_pan (window, map, &median, p95);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_ms (100);
  return median;
}

/* A step of the time slider as a person sees it: every layer shown has
 * the new month, and a frame has been drawn after. */
typedef struct {
  SmWindow      *window;
  GdkFrameClock *clock;
  gboolean       painted;
} Step;

static void
painted_cb (GdkFrameClock *clock,
            Step          *st)
{
  st->painted = TRUE;
}

static gboolean
layers_current (Step *st)
{
  return !sm_excess_layer_is_busy (sm_window_get_excess_layer (st->window)) &&
         !sm_hotspot_layer_is_pending (sm_window_get_hotspot_layer (st->window)) &&
         !sm_area_layer_is_pending (sm_window_get_area_layer (st->window));
}

static void
wait_for_layers (Step  *st,
                 double timeout_ms)
{
  double end = sm_bench_now_ms () + timeout_ms;

  while (!layers_current (st) && sm_bench_now_ms () < end)
    g_main_context_iteration (NULL, TRUE);
}

static double
step_as_seen (Step *st,
              int   month)
{
  double t0 = sm_bench_now_ms (), end = t0 + 60000;
  gulong handler;

  sm_window_set_month (st->window, month);
  wait_for_layers (st, 60000);
  st->painted = FALSE;
  handler = g_signal_connect (st->clock, "after-paint", G_CALLBACK (painted_cb), st);
  gtk_widget_queue_draw (GTK_WIDGET (st->window));
  while (!st->painted && sm_bench_now_ms () < end)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (st->clock, handler);
  return sm_bench_now_ms () - t0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sm-bench-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  SmDemoOptions options = { .n_households = N_HOUSEHOLDS, .seed = SM_DEMO_DEFAULT_SEED,
                            .until = "2026-06-30" };
  g_autoptr(SmStore) store = NULL;
  Frames first = { .times = g_array_new (FALSE, FALSE, sizeof (double)) };
  double t0, first_ms, median, p95, m_median, m_p95, m_add, filter_ms, filter_back_ms, rss;
  double change_work, change_frame, first_filter_ms, step_ms, step_max, case_z13 = 0;
  double signals_open, signals_reload, signals_sort_max = 0, signals_filter, signals_pan, signals_p95;
  GdkFrameClock *clock;
  SmWindow *window;
  gulong handler;

  gtk_init ();
  adw_init ();
  /* The renderer the application would choose on this machine. */
  sm_application_choose_renderer ();
  /* The town is made by the command line in a process of its own, so the
   * memory figure is the application's alone. */
  {
    g_autofree char *cases = g_strdup_printf ("%d", N_HOUSEHOLDS);
    g_autofree char *seed = g_strdup_printf ("%u", options.seed);
    /* About a thousand services, for the Directory page. */
    const char *cmd[] = { argv[1], "demo", path, "--cases", cases, "--seed", seed,
                          "--until", options.until, "--services", "982", NULL };
    int status;

    g_assert_cmpint (argc, ==, 2);
    if (!g_spawn_sync (NULL, (char **) cmd, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       NULL, &status, &error) || !g_spawn_check_wait_status (status, &error))
      g_error ("Cannot make the demo town: %s", error->message);
  }

  /* Start: open the database, build the window, wait for its first frame. */
  t0 = sm_bench_now_ms ();
  store = sm_store_open (path, &error);
  g_assert_no_error (error);
  window = sm_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_widget_realize (GTK_WIDGET (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  first.marked = t0;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &first);
  gtk_window_present (GTK_WINDOW (window));
  iterate_until (first_frame_seen, &first, 30000);
  first_ms = first.latency;
  g_signal_handler_disconnect (clock, handler);
  g_array_unref (first.times);

  /* Pan over the town centre, where the households are densest, at the
   * zoom a planner uses to see the whole town and at street level. */
  shumate_map_center_on (sm_window_get_map (window), 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (sm_window_get_map (window)), 13);
  iterate_ms (500);
  measure_pan (GTK_WIDGET (window), sm_window_get_map (window), &median, &p95);
  printf ("BENCH pan_frame_100k_z13_median %.2f ms\n", median);
  printf ("BENCH pan_frame_100k_z13_p95 %.2f ms\n", p95);
  {
    double m16, p16;

    shumate_viewport_set_zoom_level (shumate_map_get_viewport (sm_window_get_map (window)), 16);
    iterate_ms (500);
    measure_pan (GTK_WIDGET (window), sm_window_get_map (window), &m16, &p16);
    printf ("BENCH pan_frame_100k_z16_median %.2f ms\n", m16);
    printf ("BENCH pan_frame_100k_z16_p95 %.2f ms\n", p16);
    case_z13 = median;
    median = MAX (median, m16);
    shumate_viewport_set_zoom_level (shumate_map_get_viewport (sm_window_get_map (window)), 13);
    iterate_ms (500);
  }

  /* A first round, as a person's first click: styles and icons of the
   * check buttons' other state are loaded once. */
  first_filter_ms = measure_change (GTK_WIDGET (window), untick_housing,
                                    sm_window_get_filter_panel (window), &change_work, &change_frame);
  printf ("BENCH filter_change_first_time_to_frame %.1f ms\n", first_filter_ms);
  measure_change (GTK_WIDGET (window), tick_housing, sm_window_get_filter_panel (window),
                  &change_work, &change_frame);
  iterate_ms (300);
  filter_ms = measure_change (GTK_WIDGET (window), untick_housing,
                              sm_window_get_filter_panel (window), &change_work, &change_frame);
  printf ("BENCH filter_change_refresh %.1f ms\n", change_work);
  printf ("BENCH filter_change_frame %.1f ms\n", change_frame);
  filter_back_ms = measure_change (GTK_WIDGET (window), tick_housing,
                                   sm_window_get_filter_panel (window), &change_work, &change_frame);
  printf ("BENCH filter_change_back_refresh %.1f ms\n", change_work);
  printf ("BENCH filter_change_back_frame %.1f ms\n", change_frame);

  /* The Signals page with the demo's signals (about 20,000 for 100,000
   * households): switching to it, reading them again, sorting by each
   * column, showing all of them; then the signals layer while panning,
   * against the case layer's frame of the same run. */
  {
    SmSignalPanel *panel = sm_window_get_signal_panel (window);
    GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (panel),
                                                                          SM_TYPE_SIGNAL_PANEL, "view"));
    GtkDropDown *show = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_SIGNAL_PANEL,
                                                                      "show_drop"));
    GListModel *columns = gtk_column_view_get_columns (view);
    double t;

    printf ("BENCH signals_in_store %lld signals\n", (long long) sm_store_count (store, "signal"));
    printf ("BENCH resident_memory_before_signals %.1f MB\n", sm_bench_rss_mb ());
    signals_open = measure_change (GTK_WIDGET (window), show_signals_page, window, &change_work, &change_frame);
    printf ("BENCH signals_page_open_to_frame %.1f ms\n", signals_open);
    t = sm_bench_now_ms ();
    sm_signal_panel_reload (panel);
    signals_reload = sm_bench_now_ms () - t;
    printf ("BENCH signals_page_read_all %.1f ms\n", signals_reload);
    signals_filter = measure_change (GTK_WIDGET (window), show_all_signals, show, &change_work, &change_frame);
    printf ("BENCH signals_page_show_all_to_frame %.1f ms (%u rows)\n", signals_filter,
            g_list_model_get_n_items (sm_signal_panel_get_model (panel)));
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
        SortBy by = { view, column };

        t = measure_change (GTK_WIDGET (window), sort_by, &by, &change_work, &change_frame);
        printf ("BENCH signals_sort_column%u_to_frame %.1f ms\n", i + 1, t);
        signals_sort_max = MAX (signals_sort_max, t);
      }
    printf ("BENCH signals_sort_max_to_frame %.1f ms\n", signals_sort_max);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-signals", NULL);
    sm_window_show_month (window, 35, 12);
    iterate_ms (500);
    printf ("BENCH signals_layer_shown %u signals\n",
            sm_signal_layer_get_n_shown (sm_window_get_signal_layer (window)));
    measure_pan (GTK_WIDGET (window), sm_window_get_map (window), &signals_pan, &signals_p95);
    printf ("BENCH signals_layer_pan_z13_median %.2f ms\n", signals_pan);
    printf ("BENCH signals_layer_pan_z13_p95 %.2f ms\n", signals_p95);
    printf ("BENCH signals_layer_pan_ratio_over_cases_only %.2f x\n", signals_pan / case_z13);
    printf ("BENCH resident_memory_signals_shown %.1f MB\n", sm_bench_rss_mb ());
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-signals", NULL);
    gtk_drop_down_set_selected (show, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "filters");
    iterate_ms (300);
    printf ("BENCH targets signals page,sort<=100ms layer_frame<=16.7ms: %s\n",
            MAX (signals_open, signals_sort_max) <= 100 && signals_filter <= 100 && signals_pan <= 16.7
            ? "met" : "NOT met");
  }

  /* The Directory page with about 1,000 services: switching to it,
   * a search, a filter by need. */
  {
    SmDirectoryPanel *panel = sm_window_get_directory_panel (window);
    GtkDropDown *need = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL,
                                                                      "need_drop"));
    double open, search, by_need, t;

    printf ("BENCH directory_services %lld services\n", (long long) sm_store_count (store, "service"));
    open = measure_change (GTK_WIDGET (window), show_directory_page, window, &change_work, &change_frame);
    printf ("BENCH directory_page_open_to_frame %.1f ms (%u rows)\n", open, sm_directory_panel_get_n_shown (panel));
    t = sm_bench_now_ms ();
    sm_directory_panel_reload (panel);
    printf ("BENCH directory_page_read_all %.1f ms\n", sm_bench_now_ms () - t);
    search = measure_change (GTK_WIDGET (window), search_directory, panel, &change_work, &change_frame);
    printf ("BENCH directory_search_to_frame %.1f ms (%u rows)\n", search, sm_directory_panel_get_n_shown (panel));
    search_text = "";
    measure_change (GTK_WIDGET (window), search_directory, panel, &change_work, &change_frame);
    by_need = measure_change (GTK_WIDGET (window), choose_need, need, &change_work, &change_frame);
    printf ("BENCH directory_filter_by_need_to_frame %.1f ms (%u rows)\n", by_need,
            sm_directory_panel_get_n_shown (panel));
    gtk_drop_down_set_selected (need, 0);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "filters");
    iterate_ms (300);
    printf ("BENCH targets directory_page_1000_services<=100ms: %s\n",
            MAX (open, MAX (search, by_need)) <= 100 ? "met" : "NOT met");
  }

  /* The time slider with every layer on, as a person has it with the
   * Hotspots page open: cases, heat map, the scan's clusters of excess
   * (the page's default method, on a worker thread), Gi* cells and the
   * settlement parts by rate. A step is timed from the slider's change to
   * the first frame after every layer shows the new month: a person's
   * steps back from the present, one every 1.5 s, once the layers turned
   * on are drawn; a jump to a month not yet computed; and play, which
   * waits for each month's clusters. */
  {
    g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
    GtkRange *range = GTK_RANGE (gtk_widget_get_template_child (GTK_WIDGET (window), SM_TYPE_WINDOW,
                                                                "time_scale"));
    GtkToggleButton *play = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                              SM_TYPE_WINDOW, "play_button"));
    int last = (int) gtk_adjustment_get_upper (gtk_range_get_adjustment (range));
    Step st = { .window = window, .clock = gtk_widget_get_frame_clock (GTK_WIDGET (window)) };
    double jump, play_start, played;
    int from;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "hotspots");
    sm_hotspot_panel_set_layers (sm_window_get_hotspot_panel (window), TRUE, TRUE);
    sm_hotspot_panel_set_area_show (sm_window_get_hotspot_panel (window), SM_AREA_SHOW_RATE);
    /* As a person who turned them on at the slider's last month and
     * looked for a moment: the heat map's scale over the months and the
     * month before found. */
    sm_window_show_month (window, last, 0);
    wait_for_layers (&st, 60000);
    {
      double end = sm_bench_now_ms () + 60000;

      while ((sm_hotspot_layer_is_scaling (sm_window_get_hotspot_layer (window)) ||
              sm_excess_layer_is_computing (sm_window_get_excess_layer (window))) &&
             sm_bench_now_ms () < end)
        g_main_context_iteration (NULL, TRUE);
    }
    iterate_ms (1500);
    printf ("# time steps as seen (ms):");
    for (int i = 0; i < 12; i++)
      {
        double t = step_as_seen (&st, last - 1 - i);

        printf (" %.0f", t);
        g_array_append_val (steps, t);
        iterate_ms (1500 - MIN (t, 1400));
      }
    printf ("\n");
    sm_bench_sort ((double *) steps->data, steps->len);
    step_ms = sm_bench_percentile ((double *) steps->data, steps->len, 0.5);
    step_max = g_array_index (steps, double, steps->len - 1);
    printf ("BENCH time_step_as_seen_median %.1f ms\n", step_ms);
    printf ("BENCH time_step_as_seen_max %.1f ms\n", step_max);
    jump = step_as_seen (&st, last / 2);
    printf ("BENCH time_step_to_a_month_not_computed %.0f ms\n", jump);
    iterate_ms (1500);

    /* Play from a year before the end: months shown per second. */
    from = MAX (0, last - 12);
    step_as_seen (&st, from);
    iterate_ms (1500);
    play_start = sm_bench_now_ms ();
    gtk_toggle_button_set_active (play, TRUE);
    while (gtk_range_get_value (range) < from + 8 && sm_bench_now_ms () - play_start < 120000)
      g_main_context_iteration (NULL, TRUE);
    played = gtk_range_get_value (range) - from;
    gtk_toggle_button_set_active (play, FALSE);
    printf ("BENCH time_play_month_interval %.0f ms\n", (sm_bench_now_ms () - play_start) / MAX (played, 1));
    wait_for_layers (&st, 60000);
  }
  /* Resident memory as a person's machine has it: right after the work,
   * and once the window has been idle for a moment (when the heap freed
   * by the work has been given back to the system). */
  printf ("BENCH resident_memory_100k_right_after_work %.1f MB\n", sm_bench_rss_mb ());
  iterate_ms (2500);
  rss = sm_bench_rss_mb ();

  printf ("BENCH households_shown %u households\n",
          sm_case_layer_get_n_households (sm_window_get_case_layer (window)));
  printf ("BENCH first_frame_100k %.0f ms\n", first_ms);
  printf ("BENCH filter_change_to_frame %.1f ms\n", filter_ms);
  printf ("BENCH filter_change_back_to_frame %.1f ms\n", filter_back_ms);
  printf ("BENCH resident_memory_100k %.1f MB\n", rss);

  m_median = marker_layer_run (store, &m_add, &m_p95);
  printf ("BENCH marker_layer_10k_add %.0f ms\n", m_add);
  printf ("BENCH marker_layer_10k_pan_median %.2f ms\n", m_median);
  printf ("BENCH marker_layer_10k_pan_p95 %.2f ms\n", m_p95);
  printf ("BENCH pan_median_ratio_marker10k_over_ours100k %.1f x\n", m_median / median);
  printf ("BENCH renderer %s\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  printf ("BENCH targets frame<=16.7ms filter<=50ms first<=1500ms rss<=250MB: %s\n",
          median <= 16.7 && MAX (filter_ms, filter_back_ms) <= 50 && first_ms <= 1500 &&
          rss <= 250 ? "met" : "NOT met");
  printf ("BENCH targets time_step_as_seen<150ms: %s\n", step_ms < 150 ? "met" : "NOT met");

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_ms (100);
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
  return 0;
}
