/* The Roundtable page under Xvfb, through its own widgets: the overdue
 * action stands out and is moved on with a note (refused without one), a
 * meeting is recorded through its form with an organization, a person by
 * role, an opinion and a decision, a new version of the programme is
 * written from the last one, an indicator gets a target, and the
 * roundtable pack, the time-lapse and the residents' directory are made
 * from the window. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sm-date.h"
#include "sm-programme.h"
#include "sm-roundtable-item.h"
#include "sm-store-roundtable.h"
#include "sm-store-services.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

static GtkWidget *
part (SmRoundtablePanel *panel,
      const char        *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_ROUNDTABLE_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
set_view_text (GtkWidget  *view,
               const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static guint
find_overdue (GListModel *actions)
{
  for (guint i = 0; i < g_list_model_get_n_items (actions); i++)
    {
      g_autoptr(SmRoundtableItem) item = g_list_model_get_item (actions, i);

      if (sm_roundtable_item_get_alert (item))
        return i;
    }
  g_assert_not_reached ();
}

static void
test_roundtable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) meetings = NULL, targets = NULL, orgs = NULL;
  g_autoptr(SmActionRecord) action = NULL;
  g_autoptr(SmProgrammeVersion) version = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new (), views = g_ptr_array_new ();
  g_autofree char *pdf = g_build_filename (sm_test_tmpdir, "pack.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (sm_test_tmpdir, "pack.xlsx", NULL);
  g_autofree char *booklet = g_build_filename (sm_test_tmpdir, "services.pdf", NULL);
  g_autofree char *web = g_build_filename (sm_test_tmpdir, "services-web", "index.html", NULL);
  g_autofree char *first_org = NULL, *participants = NULL, *today = sm_date_today_iso ();
  SmWindow *window;
  SmRoundtablePanel *panel;
  AdwMessageDialog *dialog;
  GListModel *actions, *indicators;
  guint overdue, n_meetings, n_late = 0;
  gint64 overdue_id;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  panel = sm_window_get_roundtable_panel (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "roundtable");
  sm_test_iterate (200);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (panel)));

  /* The demo's overdue actions stand out, as core counts them today. */
  actions = sm_roundtable_panel_get_actions (panel);
  g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 6);
  {
    g_autoptr(GPtrArray) all = sm_store_list_actions (store, &error);

    for (guint i = 0; i < all->len; i++)
      n_late += sm_action_is_overdue (g_ptr_array_index (all, i), today);
  }
  g_assert_cmpuint (n_late, >=, 1);
  g_assert_cmpuint (sm_roundtable_panel_get_n_overdue (panel), ==, n_late);
  overdue = find_overdue (actions);
  {
    g_autoptr(SmRoundtableItem) item = g_list_model_get_item (actions, overdue);

    overdue_id = sm_roundtable_item_get_id (item);
    g_assert_true (g_str_has_prefix (sm_roundtable_item_get_text (item, 3), "Late, "));
  }

  /* Done needs a note: refused without one, recorded with it. */
  sm_roundtable_panel_select_action (panel, overdue);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "status_drop")), 1 + SM_ACTION_DONE);
  gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.record", NULL);
  sm_test_iterate (50);
  action = sm_store_get_action (store, overdue_id, &error);
  g_assert_cmpstr (action->status, !=, "done");
  g_clear_pointer (&action, sm_action_record_free);
  gtk_editable_set_text (GTK_EDITABLE (part (panel, "note_entry")), "Az új férőhelyek átadva");
  gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.record", NULL);
  sm_test_iterate (100);
  action = sm_store_get_action (store, overdue_id, &error);
  g_assert_cmpstr (action->status, ==, "done");
  g_assert_cmpstr (((SmActionNote *) g_ptr_array_index (action->notes, action->notes->len - 1))->text, ==,
                   "Az új férőhelyek átadva");
  g_assert_cmpuint (sm_roundtable_panel_get_n_overdue (panel), ==, n_late - 1);

  /* A new action through its form: its goal, its need and its part. */
  {
    g_autoptr(GPtrArray) fields = g_ptr_array_new (), drops = g_ptr_array_new (), all = NULL;
    SmActionRecord *added = NULL;

    gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.new-action", NULL);
    sm_test_iterate (100);
    dialog = sm_test_find_dialog ();
    g_assert_nonnull (dialog);
    sm_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, fields);
    sm_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, drops);
    g_assert_cmpuint (fields->len, ==, 3);
    g_assert_cmpuint (drops->len, ==, 4);
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_editable_set_text (fields->pdata[0], "Tanácsadás a Tóvárosban");
    gtk_editable_set_text (fields->pdata[1], "2027.02.30.");
    g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_editable_set_text (fields->pdata[1], "2027. 03. 31.");
    g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
    gtk_drop_down_set_selected (drops->pdata[0], 1);
    gtk_drop_down_set_selected (drops->pdata[1], 1);
    gtk_drop_down_set_selected (drops->pdata[2], 1);
    adw_message_dialog_response (dialog, "save");
    sm_test_iterate (100);
    g_assert_cmpuint (g_list_model_get_n_items (actions), ==, 7);
    all = sm_store_list_actions (store, &error);
    for (guint i = 0; i < all->len; i++)
      if (g_str_equal (((SmActionRecord *) all->pdata[i])->title, "Tanácsadás a Tóvárosban"))
        added = all->pdata[i];
    g_assert_nonnull (added);
    g_assert_cmpstr (added->due_on, ==, "2027-03-31");
    g_assert_cmpint (added->goal_id, >, 0);
    g_assert_cmpint (added->owner_id, >, 0);
    g_assert_cmpuint (added->links->len, ==, 1);
    g_assert_cmpint (((SmActionLink *) added->links->pdata[0])->kind, ==, SM_ACTION_LINK_CATEGORY);
  }

  /* A meeting through its form. */
  n_meetings = g_list_model_get_n_items (sm_roundtable_panel_get_meetings (panel));
  orgs = sm_store_list_organizations (store, &error);
  first_org = g_strdup (((SmOrganization *) g_ptr_array_index (orgs, 0))->name);
  gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.new-meeting", NULL);
  sm_test_iterate (100);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  sm_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, entries);
  sm_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (entries->len, ==, 3);
  g_assert_cmpuint (views->len, ==, 5);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (entries->pdata[0], "2026.11.20.");
  gtk_editable_set_text (entries->pdata[1], "Rendkívüli ülés");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  participants = g_strdup_printf ("%s — elnök\nKiss Anna — védőnő", first_org);
  set_view_text (views->pdata[1], participants);
  set_view_text (views->pdata[2], "Lakhatás: kevés az átmeneti férőhely");
  set_view_text (views->pdata[3], "Munkacsoport alakul");
  adw_message_dialog_response (dialog, "save");
  sm_test_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (sm_roundtable_panel_get_meetings (panel)), ==, n_meetings + 1);
  meetings = sm_store_list_meetings (store, "2026-11-20", "2026-11-20", &error);
  g_assert_cmpuint (meetings->len, ==, 1);
  {
    SmMeetingRecord *m = g_ptr_array_index (meetings, 0);
    SmParticipantRecord *chair = g_ptr_array_index (m->participants, 0);

    g_assert_cmpint (chair->organization_id, ==, ((SmOrganization *) g_ptr_array_index (orgs, 0))->id);
    g_assert_cmpstr (chair->role, ==, "elnök");
    g_assert_cmpuint (m->opinions->len, ==, 1);
    g_assert_cmpstr (((SmOpinionRecord *) g_ptr_array_index (m->opinions, 0))->topic, ==, "Lakhatás");
    g_assert_cmpuint (m->decisions->len, ==, 1);
  }

  /* A new version of the programme, from the last one's text. */
  g_ptr_array_set_size (views, 0);
  gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.new-version", NULL);
  sm_test_iterate (100);
  dialog = sm_test_find_dialog ();
  sm_test_collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, views);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (views->pdata[0]);
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "\n# Lakossági tájékoztatás\nÉvente kiadjuk a szolgáltatásjegyzéket.\n", -1);
  }
  adw_message_dialog_response (dialog, "save");
  sm_test_iterate (100);
  version = sm_store_get_programme_version (store, 0, &error);
  g_assert_cmpint (version->number, ==, 3);
  g_assert_cmpuint (version->sections->len, ==, 5);
  g_assert_cmpstr (((SmProgrammeSection *) g_ptr_array_index (version->sections, 4))->title, ==,
                   "Lakossági tájékoztatás");
  g_assert_true (strstr (gtk_label_get_text (GTK_LABEL (part (panel, "programme_label"))), "Version 3") != NULL);

  /* The indicators, computed off the main thread; a target for one. */
  indicators = sm_roundtable_panel_get_indicators (panel);
  for (int i = 0; i < 600 && (sm_roundtable_panel_is_computing (panel) || g_list_model_get_n_items (indicators) == 0);
       i++)
    sm_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (indicators), ==, 12);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(SmRoundtableItem) item = g_list_model_get_item (indicators, i);

      if (g_str_equal (sm_roundtable_item_get_key (item), "new_needs"))
        sm_roundtable_panel_select_indicator (panel, i);
    }
  gtk_editable_set_text (GTK_EDITABLE (part (panel, "target_entry")), "12,5");
  gtk_widget_activate_action (GTK_WIDGET (panel), "roundtable.set-target", NULL);
  sm_test_iterate (100);
  targets = sm_store_list_indicator_targets (store, &error);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < targets->len; i++)
      if (g_str_equal (((SmIndicatorTarget *) targets->pdata[i])->indicator, "new_needs"))
        found = ((SmIndicatorTarget *) targets->pdata[i])->target == 12.5;
    g_assert_true (found);
  }
  sm_test_maybe_screenshot (window, "roundtable");

  /* The pack, on a worker thread with its progress; the directory. */
  {
    GDate d;
    g_autofree char *from = NULL;

    sm_date_parse_iso (today, &d, NULL);
    g_date_subtract_years (&d, 1);
    from = sm_date_to_iso (&d);
    sm_window_make_roundtable_pack (window, from, today, pdf);
  }
  sm_test_iterate (50);
  g_assert_nonnull (sm_test_find_dialog ());
  for (int i = 0; i < 1200 && sm_window_is_importing (window); i++)
    sm_test_iterate (50);
  g_assert_false (sm_window_is_importing (window));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  {
    g_autofree char *apng = g_build_filename (sm_test_tmpdir, "hotspots.png", NULL);
    g_autofree char *frame = NULL;
    GDate d;

    sm_date_parse_iso (today, &d, NULL);
    frame = g_build_filename (sm_test_tmpdir, "hotspots-XXXX-XX.png", NULL);
    g_snprintf (frame + strlen (frame) - 11, 12, "%04d-%02d.png", g_date_get_year (&d), g_date_get_month (&d));
    sm_window_make_timelapse (window, "2026-01-01", today, apng);
    for (int i = 0; i < 2400 && sm_window_is_importing (window); i++)
      sm_test_iterate (50);
    g_assert_true (g_file_test (apng, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (frame, G_FILE_TEST_EXISTS));
  }
  g_assert_true (sm_window_make_directory (window, booklet, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (booklet, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (web, G_FILE_TEST_EXISTS));
  sm_test_close_window (window);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return out;
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };

  return run (argv);
}

/* The map as shown, exported and printed: its legend has the layers shown
 * and no other, the filter in words, the scale and the attribution; the
 * planner view's legend speaks of grid cells. */
static void
test_map_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autofree char *pdf = g_build_filename (sm_test_tmpdir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (sm_test_tmpdir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (sm_test_tmpdir, "map.png", NULL);
  g_autofree char *planner = g_build_filename (sm_test_tmpdir, "planner.pdf", NULL);
  g_autofree char *printed = g_build_filename (sm_test_tmpdir, "printed.pdf", NULL);
  g_autofree char *text = NULL, *svg_text = NULL, *planner_text = NULL, *info = NULL, *printed_text = NULL;
  cairo_surface_t *image;
  SmWindow *window;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-cases", g_variant_new_boolean (TRUE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-signals", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "planner-view", g_variant_new_boolean (FALSE));
  sm_test_iterate (1500);

  /* The demo has no streets: the map says so, and the way to them. */
  {
    GtkWidget *hint = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), SM_TYPE_WINDOW,
                                                                 "basemap_hint"));

    g_assert_true (gtk_widget_get_visible (hint));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.hide-basemap-hint", NULL);
    g_assert_false (gtk_widget_get_visible (hint));
  }

  g_assert_true (sm_window_export_map (window, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Social Map: Tata"));
  g_assert_nonnull (strstr (text, "On the map"));
  g_assert_nonnull (strstr (text, "Households with open needs"));
  g_assert_nonnull (strstr (text, "Housing"));
  g_assert_null (strstr (text, "Signals of the signalling system"));
  {
    g_autofree char *legend = sm_window_describe_legend (window);

    g_assert_nonnull (strstr (legend, "Housing"));
    g_assert_null (strstr (legend, "Signals of the signalling system"));
  }
  g_assert_nonnull (strstr (text, "Needs open on"));
  g_assert_nonnull (strstr (text, "every need"));
  g_assert_nonnull (strstr (text, "OpenStreetMap"));
  g_assert_true (strstr (text, " km") != NULL || strstr (text, " m\n") != NULL || strstr (text, "00 m") != NULL);

  g_assert_true (sm_window_export_map (window, svg, &error));
  g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
  g_assert_nonnull (strstr (svg_text, "<svg"));
  g_assert_true (sm_window_export_map (window, png, &error));
  if (g_getenv ("SM_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *keep = g_build_filename (g_getenv ("SM_SCREENSHOT_DIR"), "map-export.png", NULL);
      g_autoptr(GFile) from = g_file_new_for_path (png);
      g_autoptr(GFile) to = g_file_new_for_path (keep);

      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), >, 300);
  cairo_surface_destroy (image);
  g_assert_false (sm_window_export_map (window, "/nonexistent/dir/map.tiff", &error));
  g_clear_error (&error);

  /* The planner view: grid cells, no household. */
  g_action_group_change_action_state (G_ACTION_GROUP (window), "planner-view", g_variant_new_boolean (TRUE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-signals", g_variant_new_boolean (TRUE));
  sm_test_iterate (1500);
  g_assert_true (sm_window_export_map (window, planner, &error));
  planner_text = pdf_text (planner);
  g_assert_nonnull (strstr (planner_text, "planner view"));
  g_assert_nonnull (strstr (planner_text, "Households per grid cell"));
  g_assert_null (strstr (planner_text, "the colour of the main need"));
  g_assert_nonnull (strstr (planner_text, "Signals of the signalling system"));
  /* The legend on the map says the same. */
  {
    g_autofree char *legend = sm_window_describe_legend (window);

    g_assert_nonnull (strstr (legend, "Households per grid cell"));
    g_assert_nonnull (strstr (legend, "Signals of the signalling system"));
    g_assert_null (strstr (legend, "Housing"));
  }

  /* Printing, to a file as a print preview would show it. */
  g_assert_cmpint (sm_window_print_map (window, printed, &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdfinfo", printed, NULL };

    info = run (argv);
  }
  g_assert_nonnull (strstr (info, "Pages:           1"));
  printed_text = pdf_text (printed);
  g_assert_nonnull (strstr (printed_text, "On the map"));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "planner-view", g_variant_new_boolean (FALSE));
  g_action_group_change_action_state (G_ACTION_GROUP (window), "show-signals", g_variant_new_boolean (FALSE));
  sm_test_iterate (100);
  sm_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window-roundtable");
  g_test_add_func ("/window/map-export", test_map_export);
  g_test_add_func ("/window/roundtable", test_roundtable);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
