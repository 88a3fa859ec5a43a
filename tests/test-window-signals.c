/* The Signals page under Xvfb, through its own widgets: a school's written
 * signal from arrival to answer (assessed, a new household at its address,
 * a case opened and taken on, a guardianship measure, a case conference,
 * the answer); an old signal standing out as overdue; the page following
 * another program's writes. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sm-case-life.h"
#include "sm-grid.h"
#include "sm-signal-item.h"
#include "sm-hotspot-panel.h"
#include "sm-measure-layer.h"
#include "sm-signal-layer.h"
#include "sm-signal-panel.h"
#include "sm-store-casework.h"
#include "sm-store-signals.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

static GtkWidget *
part (SmSignalPanel *panel,
      const char    *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_SIGNAL_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
click (SmSignalPanel *panel,
       const char    *name)
{
  GtkWidget *button = part (panel, name);

  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  sm_test_iterate (50);
}

static void
type (SmSignalPanel *panel,
      const char    *name,
      const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (part (panel, name)), text);
}

static void
back_to_list (SmSignalPanel *panel)
{
  g_signal_emit_by_name (part (panel, "back_button"), "clicked");
  sm_test_iterate (20);
}

static const char *
said (SmSignalPanel *panel)
{
  GtkWidget *message = part (panel, "message");

  return gtk_widget_get_visible (message) ? gtk_label_get_text (GTK_LABEL (message)) : NULL;
}

static guint
index_of_kind (SmStore    *store,
               const char *code)
{
  g_autoptr(GPtrArray) kinds = sm_store_list_member_kinds (store, NULL);

  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (((SmMemberKindRecord *) kinds->pdata[i])->code, code))
      return i + 1;    /* 0 is anonymous */
  g_assert_not_reached ();
}

static void
test_arrival_to_answer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmSignalRecord) r = NULL;
  g_autoptr(GPtrArray) cases = NULL, measures = NULL, conferences = NULL;
  SmWindow *window;
  SmSignalPanel *panel;
  gint64 id;
  guint n, protection = 0;
  const SmInterventionKind *kinds = sm_intervention_kinds (&n);

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  panel = sm_window_get_signal_panel (window);
  g_assert_nonnull (panel);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "signals");
  sm_test_iterate (100);

  /* Arrival. */
  click (panel, "new_button");
  type (panel, "new_about", "A gyermek hetek óta hiányzik az iskolából");
  type (panel, "new_org", "Kőkúti Általános Iskola");
  type (panel, "new_signaller", "Nagy Éva osztályfőnök");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "new_from")), index_of_kind (store, "iskola"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "new_urgency")), 1);
  click (panel, "record_button");
  id = sm_signal_panel_get_shown (panel);
  g_assert_cmpint (id, >, 0);
  r = sm_store_get_signal (store, id, &error);
  g_assert_cmpstr (r->member_kind, ==, "iskola");
  g_assert_cmpint (r->urgency, ==, SM_URGENCY_URGENT);
  g_assert_cmpint (r->state, ==, SM_SIGNAL_RECEIVED);
  g_clear_pointer (&r, sm_signal_record_free);
  sm_test_maybe_screenshot (window, "signal-received");

  /* Without a name nothing is written, and the page says why. */
  type (panel, "worker_entry", "");
  click (panel, "assess_button");
  g_assert_nonnull (said (panel));
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 0);
  type (panel, "worker_entry", "Kiss Anna");
  type (panel, "note_entry", "Családlátogatás megtörtént");
  click (panel, "assess_button");
  g_assert_null (said (panel));

  /* About whom: a new household at its address. */
  type (panel, "household_entry", "2890 Tata, Kossuth tér 3.");
  click (panel, "new_household_button");
  r = sm_store_get_signal (store, id, &error);
  g_assert_cmpint (r->household_id, >, 0);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "outcome_drop")), 0);
  click (panel, "decide_button");
  click (panel, "open_case_button");
  cases = sm_store_list_case_files (store, r->household_id, TRUE, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  click (panel, "next_stage_button");
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = sm_store_list_case_files (store, r->household_id, TRUE, &error);
  g_assert_cmpstr (((SmCaseFileRecord *) cases->pdata[0])->stage, ==, "assessment");
  /* Nothing to review before a plan; then the plan's review is kept. */
  g_assert_false (gtk_widget_get_visible (part (panel, "review_button")));
  click (panel, "next_stage_button");
  click (panel, "review_button");
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = sm_store_list_case_files (store, r->household_id, TRUE, &error);
  g_assert_cmpstr (((SmCaseFileRecord *) cases->pdata[0])->stage, ==, "plan");
  g_assert_nonnull (((SmCaseFileRecord *) cases->pdata[0])->reviewed_on);

  /* A guardianship measure and a case conference. */
  for (guint i = 0; i < n; i++)
    if (g_str_equal (kinds[i].code, "protection"))
      protection = i;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "measure_drop")), protection);
  type (panel, "measure_org_entry", "Tatai Járási Hivatal Gyámhivatala");
  click (panel, "measure_button");
  measures = sm_store_list_interventions (store, r->household_id, &error);
  g_assert_cmpuint (measures->len, ==, 1);
  g_assert_cmpstr (((SmInterventionRecord *) measures->pdata[0])->family, ==, "guardianship");
  type (panel, "participants_entry", "iskola, védőnő, gyámhivatal, családsegítő");
  type (panel, "decision_entry", "Heti családlátogatás");
  type (panel, "owner_entry", "Kiss Anna");
  type (panel, "due_entry", "2030-01-15");
  click (panel, "conference_button");
  g_assert_null (said (panel));
  conferences = sm_store_list_conferences (store, NULL, NULL, &error);
  g_assert_cmpint (((SmConferenceRecord *) conferences->pdata[conferences->len - 1])->signal_ids->len, ==, 1);
  sm_test_maybe_screenshot (window, "signal-case");

  /* The answer to the school. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (part (panel, "answer_view"))),
                            "Tájékoztatjuk, hogy esetet nyitottunk.", -1);
  click (panel, "answer_button");
  g_clear_pointer (&r, sm_signal_record_free);
  r = sm_store_get_signal (store, id, &error);
  g_assert_cmpint (r->state, ==, SM_SIGNAL_ANSWERED);
  g_assert_cmpint (sm_store_count_signal_steps (store, id), ==, 3);
  g_assert_true (gtk_widget_get_visible (part (panel, "reopen_box")));
  g_assert_false (gtk_widget_get_visible (part (panel, "answer_box")));

  /* The Case page shows the household's case, signals and measures; a
   * signal there opens on the Signals page. */
  {
    SmCasePanel *case_panel = sm_window_get_case_panel (window);
    GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (case_panel), SM_TYPE_CASE_PANEL,
                                                                  "casework_group"));
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean opened = FALSE;

    back_to_list (panel);
    g_assert_true (sm_case_panel_load (case_panel, r->household_id, &error));
    sm_test_iterate (50);
    g_assert_true (gtk_widget_get_visible (group));
    sm_test_collect_widgets (group, ADW_TYPE_ACTION_ROW, rows);
    g_assert_cmpuint (rows->len, >=, 3);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "case");
    sm_test_maybe_screenshot (window, "case-casework");
    for (guint i = 0; i < rows->len && !opened; i++)
      if (gtk_list_box_row_get_activatable (rows->pdata[i]))
        {
          g_signal_emit_by_name (rows->pdata[i], "activated");
          opened = TRUE;
        }
    g_assert_true (opened);
    sm_test_iterate (50);
    g_assert_cmpint (sm_signal_panel_get_shown (panel), ==, id);
  }

  /* The year's review from the window, written for its writer only. */
  {
    g_autofree char *path = g_build_filename (sm_test_tmpdir, "jelzesek.json", NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root;
    GStatBuf st;

    g_assert_true (sm_window_save_signal_report (window, g_date_time_get_year (now), path, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 077, ==, 0);
    g_assert_true (json_parser_load_from_file (parser, path, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "conferences"), "held"),
                     >=, 1);
    g_assert_false (sm_window_save_signal_report (window, 2025, "/nonexistent/dir/r.csv", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  sm_test_close_window (window);
}

/* An old signal nobody assessed: overdue on the page and in its title; it
 * came through another connection, and the page follows. */
static void
test_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(SmStore) other = sm_store_open (sm_test_db_path, &error);
  SmSignalRecord old = { .received_at = "2024-01-10 09:00", .member_kind = "vedono", .channel = "phone",
                         .about = "Régi, elfelejtett jelzés", .urgency = SM_URGENCY_URGENT };
  SmWindow *window;
  SmSignalPanel *panel;
  GListModel *model;
  guint overdue_before;
  gboolean found = FALSE;
  gint64 id;

  window = sm_test_open_window (store);
  panel = sm_window_get_signal_panel (window);
  overdue_before = sm_signal_panel_get_n_overdue (panel);
  id = sm_store_add_signal (other, &old, &error);
  g_assert_no_error (error);
  sm_store_check_outside (store);
  sm_test_iterate (100);
  g_assert_cmpuint (sm_signal_panel_get_n_overdue (panel), ==, overdue_before + 1);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "show_drop")), 1);
  sm_test_iterate (50);
  model = sm_signal_panel_get_model (panel);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, sm_signal_panel_get_n_overdue (panel));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SmSignalItem) item = g_list_model_get_item (model, i);

      g_assert_true (sm_signal_item_get_overdue (item));
      found |= sm_signal_item_get_id (item) == id;
    }
  g_assert_true (found);
  sm_signal_panel_show_signal (panel, id);
  sm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (part (panel, "overdue_label")));

  /* Linked by searching: several matches are named, one is taken. */
  {
    gint64 only = sm_test_scalar (store, "SELECT min (id) FROM household AS h WHERE h.lat IS NOT NULL AND"
                                         " (SELECT count(*) FROM household AS o WHERE o.address_raw LIKE"
                                         "  '%' || h.address_raw || '%') = 1");
    SmHousehold h;
    g_autoptr(SmSignalRecord) r = NULL;

    g_assert_cmpint (only, >, 0);
    g_assert_true (sm_store_get_household (store, only, &h, &error));
    type (panel, "worker_entry", "Kiss Anna");
    type (panel, "household_entry", "Tata");
    click (panel, "link_button");
    g_assert_nonnull (strstr (said (panel), "Several"));
    type (panel, "household_entry", h.address_raw);
    click (panel, "link_button");
    g_assert_null (said (panel));
    r = sm_store_get_signal (store, id, &error);
    g_assert_cmpint (r->household_id, ==, only);
    sm_household_clear (&h);
  }
  sm_test_maybe_screenshot (window, "signal-overdue");
  sm_test_close_window (window);
}

/* The signals layer: the slider's month and window change what it shows,
 * and the planner view draws only cells of k or more signals. */
static void
test_layer_follows_slider (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  SmWindow *window;
  SmSignalLayer *layer;
  guint twelve_months, one_month_window, early;

  window = sm_test_open_window (store);
  layer = sm_window_get_signal_layer (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
  /* Layers ▸ Signals */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-signals", NULL);
  sm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (layer)));

  sm_window_show_month (window, 24, 12);
  sm_test_iterate (50);
  twelve_months = sm_signal_layer_get_n_shown (layer);
  g_assert_cmpuint (twelve_months, >, 0);
  sm_window_show_month (window, 24, 3);
  sm_test_iterate (50);
  one_month_window = sm_signal_layer_get_n_shown (layer);
  g_assert_cmpuint (one_month_window, <, twelve_months);
  sm_window_show_month (window, 2, -1);
  sm_test_iterate (50);
  early = sm_signal_layer_get_n_shown (layer);
  g_assert_cmpuint (early, <, twelve_months);
  sm_window_show_month (window, 24, 12);
  sm_test_iterate (50);
  g_assert_cmpuint (sm_signal_layer_get_n_shown (layer), ==, twelve_months);
  sm_test_maybe_screenshot (window, "signal-layer");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);
  sm_test_iterate (50);
  {
    GArray *grid = sm_signal_layer_get_grid (layer);
    gint64 total = 0;

    g_assert_nonnull (grid);
    for (guint i = 0; i < grid->len; i++)
      {
        const SmGridCell *c = &g_array_index (grid, SmGridCell, i);

        total += c->counts.households;
        if (c->counts.state == SM_DISCLOSURE_SHOWN)
          g_assert_true (c->counts.households == 0 || c->counts.households >= 5);
        else
          {
            /* A hidden cell says nothing at its place. */
            double lat = (c->lat[0] + c->lat[2]) / 2, lon = (c->lon[0] + c->lon[2]) / 2;
            g_autofree char *text = sm_signal_layer_describe (layer, lat, lon);

            g_assert_null (text);
          }
      }
    g_assert_cmpint (total, ==, twelve_months);
  }
  sm_test_maybe_screenshot (window, "signal-layer-planner");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-signals", NULL);
  sm_test_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (layer)));
  sm_test_close_window (window);
}

/* A measure on a hotspot from the hotspot list, and the flags of the
 * areas' measures on the map. */
static void
test_measure_on_hotspot (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  SmWindow *window;
  SmHotspotPanel *hotspots;
  SmMeasureLayer *layer;
  AdwMessageDialog *dialog;
  gint64 before, end;
  guint areas_before;

  window = sm_test_open_window (store);
  hotspots = sm_window_get_hotspot_panel (window);
  layer = sm_window_get_measure_layer (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-measures", NULL);
  sm_test_iterate (50);
  /* The demo's three pockets carry a measure each. */
  areas_before = sm_measure_layer_get_n_areas (layer);
  g_assert_cmpuint (areas_before, ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "hotspots");
  end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (sm_hotspot_panel_get_count (hotspots) == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sm_hotspot_panel_get_count (hotspots), >, 0);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (hotspots), SM_TYPE_HOTSPOT_PANEL, "list_view"),
                         "activate", 0);
  sm_test_iterate (100);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (hotspots), SM_TYPE_HOTSPOT_PANEL,
                                                        "measure_button"), "clicked");
  sm_test_iterate (100);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  sm_test_collect_widgets (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Tata Város Önkormányzata");
  before = sm_store_count (store, "intervention");
  adw_message_dialog_response (dialog, "record");
  sm_test_iterate (100);
  g_assert_cmpint (sm_store_count (store, "intervention"), ==, before + 1);
  g_assert_cmpuint (sm_measure_layer_get_n_areas (layer), ==, areas_before + 1);
  sm_test_maybe_screenshot (window, "measure-on-hotspot");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-measures", NULL);
  sm_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window-signals");
  g_test_add_func ("/window/signal-arrival-to-answer", test_arrival_to_answer);
  g_test_add_func ("/window/signal-overdue", test_overdue);
  g_test_add_func ("/window/signal-layer-follows-slider", test_layer_follows_slider);
  g_test_add_func ("/window/measure-on-hotspot", test_measure_on_hotspot);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
