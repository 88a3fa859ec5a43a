/* Referrals under Xvfb, through the window's own widgets: a household is
 * referred from the Case page to family support, the receiving service
 * accepts, starts and completes it on the Referrals page (its own
 * organization's inbox), and the Case page shows the loop closed; a
 * referral nobody answered stands out as overdue. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "sm-capacity-item.h"
#include "sm-capacity-window.h"
#include "sm-coverage.h"
#include "sm-coverage-window.h"
#include "sm-questionnaire-window.h"
#include "sm-referral.h"
#include "sm-need-table-window.h"
#include "sm-query.h"
#include "sm-referral-calendar-window.h"
#include "sm-referral-panel.h"
#include "sm-satisfaction-window.h"
#include "sm-summary-window.h"
#include "sm-survey-window.h"
#include "sm-store-casework.h"
#include "sm-geometry.h"
#include "sm-sketch-layer.h"
#include "sm-store-catchments.h"
#include "sm-store-referrals.h"
#include "sm-store-surveys.h"
#include "sm-store-services.h"
#include "sm-window.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

static GtkWidget *
part (SmReferralPanel *panel,
      const char      *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_REFERRAL_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static void
click (SmReferralPanel *panel,
       const char      *name)
{
  GtkWidget *button = part (panel, name);

  g_assert_true (gtk_widget_is_visible (button));
  g_signal_emit_by_name (button, "clicked");
  sm_test_iterate (50);
}

static guint
index_of_category (SmStore    *store,
                   const char *code)
{
  g_autoptr(GPtrArray) categories = sm_store_list_categories (store);

  for (guint i = 0; i < categories->len; i++)
    if (g_str_equal (((SmCategory *) categories->pdata[i])->code, code))
      return i + 1;    /* 0 is any need */
  g_assert_not_reached ();
}

/* The case panel's rows about referrals, by title. */
static GtkWidget *
referral_row (SmCasePanel *case_panel)
{
  GtkWidget *group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (case_panel), SM_TYPE_CASE_PANEL,
                                                                "casework_group"));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  sm_test_collect_widgets (group, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_has_prefix (adw_preferences_row_get_title (rows->pdata[i]), "Referral to "))
      return rows->pdata[i];
  return NULL;
}

static void
test_refer_accept_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = NULL, referrals = NULL, orgs = NULL;
  g_autoptr(SmReferralRecord) r = NULL;
  SmReferralQuery mine = { 0 };
  SmWindow *window;
  SmCasePanel *case_panel;
  SmReferralPanel *panel;
  AdwMessageDialog *dialog;
  GtkWidget *row, *refer;
  const SmServicePlace *family_support;
  guint org_index = 0;
  gint64 household = 5, id;

  g_assert_no_error (error);
  window = sm_test_open_window (store);
  case_panel = sm_window_get_case_panel (window);
  panel = sm_window_get_referral_panel (window);
  places = sm_store_list_service_places (store, "lakhatas", &error);
  g_assert_cmpuint (places->len, >, 0);
  family_support = places->pdata[0];

  /* From the Case page: the household, referred for housing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "case");
  g_assert_true (sm_case_panel_load (case_panel, household, &error));
  sm_test_iterate (50);
  refer = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (case_panel), SM_TYPE_CASE_PANEL, "refer_button"));
  g_assert_true (gtk_widget_is_visible (refer));
  g_signal_emit_by_name (refer, "clicked");
  sm_test_iterate (50);
  dialog = sm_test_find_dialog ();
  g_assert_nonnull (dialog);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "need-row"),
                              index_of_category (store, "lakhatas"));
  sm_test_iterate (20);
  adw_combo_row_set_selected (g_object_get_data (G_OBJECT (dialog), "service-row"), 0);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "reason-row"), "Lakbérhátralék, kilakoltatás veszélye");
  gtk_switch_set_active (g_object_get_data (G_OBJECT (dialog), "consent-switch"), TRUE);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "by-row"), "Kiss Anna");
  sm_test_maybe_screenshot (window, "referral-dialog");
  adw_message_dialog_response (dialog, "send");
  sm_test_iterate (100);

  mine.household_id = household;
  referrals = sm_store_list_referrals (store, &mine, &error);
  g_assert_cmpuint (referrals->len, ==, 1);
  id = ((SmReferralRecord *) referrals->pdata[0])->id;
  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->state, ==, "sent");
  g_assert_cmpint (r->service_id, ==, family_support->service_id);
  g_assert_cmpint (r->location_id, ==, family_support->location_id);
  g_assert_true (r->consent);
  g_assert_cmpstr (r->needs[0], ==, "lakhatas");
  g_assert_cmpstr (r->sent_by, ==, "Kiss Anna");

  /* The Case page lists it, open; a click opens it on the Referrals page. */
  row = referral_row (case_panel);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "loop open"));
  g_signal_emit_by_name (row, "activated");
  sm_test_iterate (50);
  g_assert_cmpint (sm_referral_panel_get_shown (panel), ==, id);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (panel),
                                                                                         GTK_TYPE_STACK))),
                   ==, "referrals");

  /* The receiving organization's own inbox holds it. */
  orgs = sm_store_list_organizations (store, &error);
  for (guint i = 0; i < orgs->len; i++)
    if (((SmOrganization *) orgs->pdata[i])->id == r->organization_id)
      org_index = i + 1;
  g_assert_cmpuint (org_index, >, 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "organization_drop")), org_index);
  sm_test_iterate (20);
  {
    GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (part (panel, "view"))));
    gboolean listed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (model, i);
        g_autofree char *service = NULL;

        g_object_get (item, "service", &service, NULL);
        listed |= g_str_equal (service, r->service_name);
      }
    g_assert_true (listed);
  }
  sm_referral_panel_show_referral (panel, id);
  sm_test_iterate (20);

  /* The service answers: accepted, started, completed with its outcome. */
  gtk_editable_set_text (GTK_EDITABLE (part (panel, "worker_entry")), "Szabó Éva");
  g_assert_false (gtk_widget_is_visible (part (panel, "complete_button")));
  click (panel, "accept_button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (panel, "message"))), ==, "");
  click (panel, "start_button");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "outcome_drop")), 0);
  click (panel, "complete_button");
  g_clear_pointer (&r, sm_referral_record_free);
  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->state, ==, "completed");
  g_assert_cmpstr (r->outcome, ==, "got_help");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (panel, "loop_label"))), "loop is closed"));
  g_assert_false (gtk_widget_is_visible (part (panel, "withdraw_button")));
  sm_test_maybe_screenshot (window, "referral-closed");

  /* The Case page shows the loop closed, without being told. */
  row = referral_row (case_panel);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "loop closed"));
  g_assert_true (gtk_widget_has_css_class (row, "success"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "case");
  sm_test_iterate (50);
  sm_test_maybe_screenshot (window, "case-referral-closed");
  sm_test_close_window (window);
}

/* A referral sent long ago and never answered: overdue in the list, on
 * the page's tab and on the Case page; a step without a name is refused
 * on the page and nothing is written. */
static void
test_overdue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, "idos_gondozas", &error);
  const SmServicePlace *p = places->pdata[0];
  SmReferralRecord d = { .household_id = 7, .service_id = p->service_id, .location_id = p->location_id,
                         .reason = (char *) "Házi segítségnyújtás", .consent = TRUE,
                         .sent_on = (char *) "2024-03-01", .sent_by = (char *) "Kiss Anna" };
  g_autoptr(SmReferralRecord) r = NULL;
  SmWindow *window;
  SmReferralPanel *panel;
  guint before;
  gint64 id;

  window = sm_test_open_window (store);
  panel = sm_window_get_referral_panel (window);
  before = sm_referral_panel_get_n_overdue (panel);
  id = sm_referral_send (store, &d, &error);
  g_assert_no_error (error);
  sm_test_iterate (50);
  g_assert_cmpuint (sm_referral_panel_get_n_overdue (panel), ==, before + 1);
  {
    GtkStack *stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_STACK));
    GtkStackPage *page = gtk_stack_get_page (stack, GTK_WIDGET (panel));

    g_assert_true (gtk_stack_page_get_needs_attention (page));
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "show_drop")), 1);
  sm_test_iterate (20);
  sm_referral_panel_show_referral (panel, id);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (part (panel, "show_drop")), 1);
  sm_test_iterate (20);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (part (panel, "loop_label"))), "Not answered in time"));

  gtk_editable_set_text (GTK_EDITABLE (part (panel, "worker_entry")), "");
  click (panel, "accept_button");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (part (panel, "message"))), !=, "");
  r = sm_store_get_referral (store, id, &error);
  g_assert_cmpstr (r->state, ==, "sent");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "referrals");
  sm_test_iterate (50);
  sm_test_maybe_screenshot (window, "referral-overdue");
  sm_test_close_window (window);
}

/* The coverage layer and table follow the filter: households whose need
 * no service covers are drawn, in the planner view only protected cells;
 * the table under the disclosure rule; a service closing shows at once. */
static void
test_coverage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = NULL;
  SmWindow *window;
  SmCoverageLayer *layer;
  GtkWindow *table = NULL;
  GListModel *rows;
  GArray *needs;
  guint before, shown_rows = 0;

  window = sm_test_open_window (store);
  layer = sm_window_get_coverage_layer (window);
  g_assert_null (sm_coverage_layer_get_needs (layer));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-coverage", NULL);
  sm_test_iterate (100);
  needs = sm_coverage_layer_get_needs (layer);
  g_assert_nonnull (needs);
  g_assert_cmpuint (needs->len, >, 0);
  before = sm_coverage_layer_get_n_uncovered (layer);
  sm_test_maybe_screenshot (window, "coverage-layer");

  /* Every service answering homelessness closes: its households lose it. */
  places = sm_store_list_service_places (store, "hajlektalansag", &error);
  g_assert_true (sm_store_begin (store, &error));
  for (guint i = 0; i < places->len; i++)
    g_assert_true (sm_store_set_service_status (store, ((SmServicePlace *) places->pdata[i])->service_id,
                                                "temporarily_closed", &error));
  g_assert_true (sm_store_commit (store, &error));
  sm_test_iterate (100);
  g_assert_cmpuint (sm_coverage_layer_get_n_uncovered (layer), >=, before);
  /* The layer read everything again: its needs are new. */
  needs = sm_coverage_layer_get_needs (layer);
  for (guint i = 0; i < needs->len; i++)
    {
      const SmCoverageNeed *n = &g_array_index (needs, SmCoverageNeed, i);

      if (n->category == sm_store_lookup_category (store, "hajlektalansag", NULL))
        g_assert_cmpint (n->status, ==, SM_COVERAGE_NO_SERVICE);
    }

  /* The planner view: cells, none under k drawn. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);
  sm_test_iterate (100);
  g_assert_nonnull (sm_coverage_layer_get_grid (layer));
  sm_test_maybe_screenshot (window, "coverage-planner");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.planner-view", NULL);

  /* The table, protected. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.coverage-table", NULL);
  sm_test_iterate (100);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

        if (SM_IS_COVERAGE_WINDOW (w))
          table = GTK_WINDOW (w);
      }
  }
  g_assert_nonnull (table);
  rows = sm_coverage_window_get_rows (SM_COVERAGE_WINDOW (table));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 11);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      g_autofree char *n = NULL;
      char *end = NULL;
      gint64 value;

      g_object_get (row, "needs", &n, NULL);
      /* A number shown is k or more, or 0. */
      value = g_ascii_strtoll (n, &end, 10);
      if (end != n && *end == '\0')
        {
          g_assert_true (value == 0 || value >= 5);
          shown_rows++;
        }
      else
        g_assert_true (g_str_equal (n, "<5") || g_str_equal (n, "x"));
    }
  g_assert_cmpuint (shown_rows, >, 0);
  gtk_window_destroy (table);

  /* The services open again for the tests after this one. */
  g_assert_true (sm_store_begin (store, &error));
  for (guint i = 0; i < places->len; i++)
    g_assert_true (sm_store_set_service_status (store, ((SmServicePlace *) places->pdata[i])->service_id,
                                                "active", &error));
  g_assert_true (sm_store_commit (store, &error));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-coverage", NULL);
  sm_test_close_window (window);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static GtkWidget *
directory_part (SmDirectoryPanel *panel,
                const char       *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The Directory page: search, filters, the services at one place, an edit
 * and a new service, each through the page's own widgets. */
static void
test_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, &error);
  g_autoptr(GPtrArray) points = sm_store_list_service_points (store, NULL, &error);
  g_autoptr(SmService) edited = NULL;
  const SmServicePoint *shared = NULL;
  SmWindow *window;
  SmDirectoryPanel *panel;
  guint all, n;
  gint64 before, id;

  window = sm_test_open_window (store);
  panel = sm_window_get_directory_panel (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "directory");
  sm_test_iterate (100);
  all = sm_directory_panel_get_n_shown (panel);
  g_assert_cmpuint (all, ==, places->len);
  sm_test_maybe_screenshot (window, "directory");

  /* A search without accents finds the accented name. */
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "search_entry")), "szocialis alapellato");
  g_signal_emit_by_name (directory_part (panel, "search_entry"), "search-changed");
  sm_test_iterate (20);
  n = sm_directory_panel_get_n_shown (panel);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, all);
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "search_entry")), "");
  g_signal_emit_by_name (directory_part (panel, "search_entry"), "search-changed");
  /* Services for the elderly only. */
  {
    g_autoptr(GPtrArray) categories = sm_store_list_categories (store);
    g_autoptr(GPtrArray) elderly = sm_store_list_service_places (store, "idos_gondozas", &error);

    for (guint i = 0; i < categories->len; i++)
      if (g_str_equal (((SmCategory *) categories->pdata[i])->code, "idos_gondozas"))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (directory_part (panel, "need_drop")), i + 1);
    sm_test_iterate (20);
    g_assert_cmpuint (sm_directory_panel_get_n_shown (panel), ==, elderly->len);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (directory_part (panel, "need_drop")), 0);
  }

  /* A place several services share, as a click on its square lists them. */
  for (guint i = 0; i < points->len; i++)
    if (((SmServicePoint *) points->pdata[i])->n_services >= 3)
      shared = points->pdata[i];
  g_assert_nonnull (shared);
  sm_directory_panel_show_place (panel, shared->lat, shared->lon);
  sm_test_iterate (20);
  g_assert_cmpuint (sm_directory_panel_get_n_shown (panel), ==, shared->n_services);
  g_assert_true (gtk_widget_is_visible (directory_part (panel, "all_places_button")));
  g_signal_emit_by_name (directory_part (panel, "all_places_button"), "clicked");
  sm_test_iterate (20);
  g_assert_cmpuint (sm_directory_panel_get_n_shown (panel), ==, all);

  /* An edit: the first service gets its fees and a waiting list. */
  sm_directory_panel_edit (panel, 0);
  sm_test_iterate (20);
  id = sm_directory_panel_get_editing (panel);
  g_assert_cmpint (id, >, 0);
  g_assert_true (gtk_widget_is_visible (directory_part (panel, "editor_scroll")));
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "fees_entry")), "Ingyenes");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (directory_part (panel, "waiting_spin")), 4);
  /* Opening hours that are none are refused, and nothing is saved. */
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "hours_entry")), "hétköznap 8-16");
  g_signal_emit_by_name (directory_part (panel, "save_button"), "clicked");
  sm_test_iterate (20);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (directory_part (panel, "message"))), !=, "");
  {
    g_autoptr(SmService) unsaved = sm_store_get_service (store, id, &error);

    g_assert_null (unsaved->fees);
  }
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "hours_entry")), "H-P 8-16; Szo 9-12");
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "languages_entry")), "hu,de");
  g_signal_emit_by_name (directory_part (panel, "save_button"), "clicked");
  sm_test_iterate (50);
  {
    g_autoptr(GArray) hours = sm_store_list_service_schedule (store, id, &error);

    g_assert_cmpuint (hours->len, ==, 2);
    g_assert_cmpstr (g_array_index (hours, SmScheduleRow, 1).byday, ==, "SA");
    /* The editor shows them as it keeps them. */
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (directory_part (panel, "hours_entry"))), ==,
                     "Mo–Fr 8:00–16:00; Sa 9:00–12:00");
  }
  edited = sm_store_get_service (store, id, &error);
  g_assert_cmpstr (edited->fees, ==, "Ingyenes");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT waiting_list FROM service WHERE id = %lld", (long long) id);

    g_assert_cmpint (sm_test_scalar (store, sql), ==, 4);
  }

  /* A new service of a new provider; a bad age range is refused first. */
  before = sm_store_count (store, "service");
  g_signal_emit_by_name (directory_part (panel, "new_button"), "clicked");
  sm_test_iterate (20);
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "new_org_entry")), "Tatai Kerekasztal Egyesület");
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "name_entry")), "Adósságtanácsadás");
  gtk_editable_set_text (GTK_EDITABLE (directory_part (panel, "address_entry")), "2890 Tata, Kossuth tér 3.");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (directory_part (panel, "age_min_spin")), 30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (directory_part (panel, "age_max_spin")), 18);
  g_signal_emit_by_name (directory_part (panel, "save_button"), "clicked");
  sm_test_iterate (20);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (directory_part (panel, "message"))), !=, "");
  g_assert_cmpint (sm_store_count (store, "service"), ==, before);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (directory_part (panel, "age_max_spin")), -1);
  g_signal_emit_by_name (directory_part (panel, "save_button"), "clicked");
  sm_test_iterate (50);
  g_assert_cmpint (sm_store_count (store, "service"), ==, before + 1);
  g_assert_cmpuint (sm_directory_panel_get_n_shown (panel), ==, all + 1);
  sm_test_maybe_screenshot (window, "directory-edit");

  /* Out as HSDS from the page, for the writer only; a file that is not
   * HSDS is refused and says why. */
  {
    g_autofree char *json = g_build_filename (sm_test_tmpdir, "jegyzek.json", NULL);
    g_autofree char *bad = g_build_filename (sm_test_tmpdir, "nem-hsds.json", NULL);
    g_autofree char *said = NULL;
    GStatBuf st;

    g_assert_true (sm_directory_panel_export (panel, json, FALSE, &error));
    g_assert_cmpint (g_stat (json, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 077, ==, 0);
    g_assert_true (g_file_set_contents (bad, "[1, 2, 3]", -1, NULL));
    said = sm_directory_panel_import (panel, bad, &error);
    g_assert_nonnull (said);
    g_assert_nonnull (strstr (said, "0 services imported"));
  }

  /* The need table, ticked in its window. */
  {
    SmNeedTableWindow *table;
    GtkCheckButton *tick;
    gint64 pairs = sm_store_count (store, "need_service");

    gtk_widget_activate_action (GTK_WIDGET (panel), "directory.need-table", NULL);
    sm_test_iterate (50);
    table = SM_NEED_TABLE_WINDOW (find_toplevel (SM_TYPE_NEED_TABLE_WINDOW));
    g_assert_nonnull (table);
    tick = sm_need_table_window_get_tick (table, "lakhatas", "etkeztetes");
    g_assert_false (gtk_check_button_get_active (tick));
    g_assert_true (gtk_check_button_get_active (sm_need_table_window_get_tick (table, "lakhatas", "csaladsegites")));
    gtk_check_button_set_active (tick, TRUE);
    g_assert_cmpint (sm_store_count (store, "need_service"), ==, pairs + 1);
    gtk_check_button_set_active (tick, FALSE);
    g_assert_cmpint (sm_store_count (store, "need_service"), ==, pairs);
    sm_test_maybe_screenshot ((SmWindow *) table, "need-table");
    gtk_window_destroy (GTK_WINDOW (table));
  }

  /* An online form's export of questionnaires about the edited service. */
  {
    g_autofree char *csv = g_build_filename (sm_test_tmpdir, "urlap.csv", NULL);
    g_autofree char *said = NULL;
    gint64 responses = sm_store_count (store, "survey_response");

    g_assert_true (g_file_set_contents (csv, "Időbélyeg,q1,q2,q3,q4,q5,q6\n2025.10.01. 10:22,5,4,5,4,igen,\n"
                                             "2025.10.02. 11:00,3,3,4,2,nem,Lassú\n2025.10.03.,9,,,,,\n", -1, NULL));
    said = sm_directory_panel_import_surveys (panel, csv, id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (said, "2 responses imported, 1 rows left out: row 4"));
    g_assert_cmpint (sm_store_count (store, "survey_response"), ==, responses + 2);
  }
  sm_test_close_window (window);
}


/* A pile of paper questionnaires typed in by keys alone, a bad day
 * refused, and the results with their quarters. */
static void
test_satisfaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, "idos_gondozas", &error);
  gint64 service = ((SmServicePlace *) places->pdata[0])->service_id, before, places_before;
  gint64 location = ((SmServicePlace *) places->pdata[0])->location_id;
  SmWindow *window;
  SmSurveyWindow *entry;
  SmSatisfactionWindow *results;
  GtkWidget *day;

  g_assert_cmpint (location, !=, 0);
  window = sm_test_open_window (store);
  before = sm_store_count (store, "survey_response");
  places_before = sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE location_id IS NOT NULL");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.enter-surveys", NULL);
  sm_test_iterate (50);
  entry = SM_SURVEY_WINDOW (find_toplevel (SM_TYPE_SURVEY_WINDOW));
  g_assert_nonnull (entry);
  sm_survey_window_set_service (entry, service);
  /* Six papers: four scales, yes or no, the free text left empty. */
  g_assert_true (sm_survey_window_type (entry, "5454i\n4443n\n5555i\n3424n\n4545i\n5344i\n"));
  g_assert_cmpuint (sm_survey_window_get_n_saved (entry), ==, 6);
  g_assert_cmpint (sm_store_count (store, "survey_response"), ==, before + 6);
  /* Two more about the service's first place. */
  sm_survey_window_set_place (entry, location);
  g_assert_true (sm_survey_window_type (entry, "4444i\n5555i\n"));
  g_assert_cmpuint (sm_survey_window_get_n_saved (entry), ==, 8);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE location_id IS NOT NULL"),
                   ==, places_before + 2);
  sm_survey_window_set_place (entry, 0);
  /* A key that is no answer to a scale is not taken. */
  g_assert_false (sm_survey_window_type (entry, "7"));
  /* A day that is no day: nothing saved, the form says why. */
  day = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (entry), SM_TYPE_SURVEY_WINDOW, "day_entry"));
  gtk_editable_set_text (GTK_EDITABLE (day), "2026.13.40.");
  g_assert_true (sm_survey_window_type (entry, "5555i\n"));
  g_assert_cmpuint (sm_survey_window_get_n_saved (entry), ==, 8);
  sm_test_maybe_screenshot ((SmWindow *) entry, "survey-entry");
  gtk_window_destroy (GTK_WINDOW (entry));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.satisfaction", NULL);
  sm_test_iterate (50);
  results = SM_SATISFACTION_WINDOW (find_toplevel (SM_TYPE_SATISFACTION_WINDOW));
  g_assert_nonnull (results);
  g_assert_nonnull (strstr (sm_satisfaction_window_get_summary (results), "responses"));
  g_assert_cmpuint (sm_satisfaction_window_get_n_quarters (results), >=, 4);
  sm_satisfaction_window_set_service (results, service);
  sm_test_iterate (20);
  g_assert_nonnull (strstr (sm_satisfaction_window_get_summary (results), "responses"));
  /* At its first place only: fewer responses, or too few to show. */
  {
    g_autofree char *whole = g_strdup (sm_satisfaction_window_get_summary (results));

    sm_satisfaction_window_set_place (results, location);
    sm_test_iterate (20);
    g_assert_cmpstr (sm_satisfaction_window_get_summary (results), !=, whole);
    sm_satisfaction_window_set_place (results, 0);
    sm_test_iterate (20);
    g_assert_cmpstr (sm_satisfaction_window_get_summary (results), ==, whole);
  }
  sm_test_maybe_screenshot ((SmWindow *) results, "satisfaction");
  /* The yearly summary, from the results window: this year's papers,
   * saved as CSV with no count under k. */
  {
    g_autofree char *dir = sm_test_make_dir ("sm-summary");
    g_autofree char *csv = g_build_filename (dir, "summary.csv", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    SmSummaryWindow *summary;
    GPtrArray *lines;
    gboolean any_shown = FALSE;

    sm_satisfaction_window_open_summary (results);
    sm_test_iterate (50);
    summary = SM_SUMMARY_WINDOW (find_toplevel (SM_TYPE_SUMMARY_WINDOW));
    g_assert_nonnull (summary);
    sm_summary_window_set_year (summary, g_date_time_get_year (now));
    lines = sm_summary_window_get_lines (summary);
    g_assert_cmpuint (lines->len, >, 0);
    for (guint i = 0; i < lines->len; i++)
      {
        GPtrArray *line = lines->pdata[i];

        if (g_str_equal (line->pdata[1], "responses") && !g_str_has_prefix (line->pdata[3], "fewer"))
          {
            any_shown = TRUE;
            g_assert_cmpint (g_ascii_strtoll (line->pdata[3], NULL, 10), >=, 5);
          }
      }
    g_assert_true (any_shown);
    sm_test_maybe_screenshot ((SmWindow *) summary, "satisfaction-summary");
    g_assert_true (sm_summary_window_save (summary, csv, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
    g_assert_nonnull (strstr (text, "responses"));
    gtk_window_destroy (GTK_WINDOW (summary));
    sm_test_remove_dir (dir);
  }
  gtk_window_destroy (GTK_WINDOW (results));
  sm_test_close_window (window);
}

/* The Referrals page's menu: the capacity report shows a refusal for no
 * capacity beside the service's capacity, and follows its period; the
 * calendar takes a moved rest day as people write it, refuses a day that
 * is none, gives a day back to the law, and sets the answer's days. */
static void
test_capacity_and_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, "idos_gondozas", &error);
  const SmServicePlace *p = places->pdata[0];
  SmReferralRecord d = { .household_id = 9, .service_id = p->service_id, .location_id = p->location_id,
                         .reason = (char *) "Étkeztetés", .consent = TRUE,
                         .sent_on = (char *) "2023-05-02", .sent_by = (char *) "Kiss Anna" };
  SmWindow *window;
  SmReferralPanel *panel;
  GtkWindow *report, *calendar;
  GListModel *rows;
  SmReferralRules rules;
  GDate on;
  gint64 id;

  id = sm_referral_send (store, &d, &error);
  g_assert_no_error (error);
  g_date_clear (&on, 1);
  g_date_set_dmy (&on, 3, 5, 2023);
  g_assert_true (sm_referral_move (store, id, SM_REFERRAL_DECLINED, "Szabó Éva", NULL, SM_DECLINE_NO_CAPACITY,
                                   SM_OUTCOME_NONE, &on, &error));
  g_assert_no_error (error);
  window = sm_test_open_window (store);
  panel = sm_window_get_referral_panel (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "referrals");
  sm_test_iterate (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "referrals.capacity", NULL));
  sm_test_iterate (50);
  report = find_toplevel (SM_TYPE_CAPACITY_WINDOW);
  g_assert_nonnull (report);
  sm_capacity_window_set_period (SM_CAPACITY_WINDOW (report), "2023.05.01.", "2023-05-31");
  sm_test_iterate (20);
  rows = sm_capacity_window_get_model (SM_CAPACITY_WINDOW (report));
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  {
    /* Refusals for no capacity come first. */
    g_autoptr(SmCapacityItem) first = g_list_model_get_item (rows, 0);
    const SmCapacityRow *r = sm_capacity_item_get_row (first);

    g_assert_cmpint (r->service_id, ==, p->service_id);
    g_assert_cmpint (r->received, >=, 1);
    g_assert_cmpint (r->declined_no_capacity, >=, 1);
  }
  sm_test_maybe_screenshot ((SmWindow *) report, "capacity-report");
  sm_capacity_window_set_period (SM_CAPACITY_WINDOW (report), "2023-06-01", "2023-06-30");
  sm_test_iterate (20);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(SmCapacityItem) item = g_list_model_get_item (rows, i);

      if (sm_capacity_item_get_row (item)->service_id == p->service_id)
        g_assert_cmpint (sm_capacity_item_get_row (item)->declined_no_capacity, ==, 0);
    }
  gtk_window_destroy (report);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "referrals.calendar", NULL));
  sm_test_iterate (50);
  calendar = find_toplevel (SM_TYPE_REFERRAL_CALENDAR_WINDOW);
  g_assert_nonnull (calendar);
  {
#define CHILD(name) gtk_widget_get_template_child (GTK_WIDGET (calendar), SM_TYPE_REFERRAL_CALENDAR_WINDOW, name)
    GtkEditable *day_row = GTK_EDITABLE (CHILD ("day_row"));
    GtkEditable *name_row = GTK_EDITABLE (CHILD ("name_row"));
    GtkWidget *add = GTK_WIDGET (CHILD ("add_button"));
    GtkWidget *list = GTK_WIDGET (CHILD ("days_list"));
    GtkSpinButton *days = GTK_SPIN_BUTTON (CHILD ("days_spin"));
#undef CHILD
    g_autoptr(GPtrArray) exceptions = NULL;
    g_autoptr(GPtrArray) list_rows = g_ptr_array_new ();
    AdwActionRow *moved = NULL;

    gtk_editable_set_text (day_row, "2024.02.30.");
    g_signal_emit_by_name (add, "clicked");
    sm_test_iterate (20);
    exceptions = sm_store_list_workday_exceptions (store, &error);
    g_assert_cmpuint (exceptions->len, ==, 0);
    g_clear_pointer (&exceptions, g_ptr_array_unref);

    gtk_editable_set_text (day_row, "2024.03.04.");
    gtk_editable_set_text (name_row, "áthelyezett pihenőnap");
    g_signal_emit_by_name (add, "clicked");
    sm_test_iterate (20);
    exceptions = sm_store_list_workday_exceptions (store, &error);
    g_assert_cmpuint (exceptions->len, ==, 1);
    g_assert_cmpstr (((SmWorkdayException *) exceptions->pdata[0])->day, ==, "2024-03-04");
    g_assert_false (((SmWorkdayException *) exceptions->pdata[0])->workday);
    g_assert_cmpstr (gtk_editable_get_text (day_row), ==, "");
    sm_test_collect_widgets (list, ADW_TYPE_ACTION_ROW, list_rows);
    for (guint i = 0; i < list_rows->len; i++)
      if (g_str_has_prefix (adw_preferences_row_get_title (list_rows->pdata[i]), "2024-03-04"))
        moved = list_rows->pdata[i];
    g_assert_nonnull (moved);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (moved), "áthelyezett pihenőnap"));
    sm_test_maybe_screenshot ((SmWindow *) calendar, "referral-calendar");
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      sm_test_collect_widgets (GTK_WIDGET (moved), GTK_TYPE_BUTTON, buttons);
      g_assert_cmpuint (buttons->len, ==, 1);
      g_signal_emit_by_name (buttons->pdata[0], "clicked");
      sm_test_iterate (20);
    }
    g_clear_pointer (&exceptions, g_ptr_array_unref);
    exceptions = sm_store_list_workday_exceptions (store, &error);
    g_assert_cmpuint (exceptions->len, ==, 0);

    gtk_spin_button_set_value (days, 5);
    sm_test_iterate (20);
    g_assert_true (sm_referral_rules_load (store, &rules, &error));
    g_assert_cmpint (rules.answer_days, ==, 5);
    sm_referral_rules_clear (&rules);
    gtk_spin_button_set_value (days, 2);
    sm_test_iterate (20);
  }
  gtk_window_destroy (calendar);
  sm_test_close_window (window);
}

/* A questionnaire of the office's own, written in its window: a blank
 * question is refused with nothing written; saved, it is offered in the
 * fast entry, answered, and then only its words may change. */
static void
test_questionnaire_editor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, "idos_gondozas", &error);
  gint64 service = ((SmServicePlace *) places->pdata[0])->service_id;
  gint64 before = sm_test_scalar (store, "SELECT count(*) FROM questionnaire"), id;
  SmWindow *window;
  SmQuestionnaireWindow *editor;
  SmSurveyWindow *entry;
  GtkWidget *name, *list, *save, *add;

  window = sm_test_open_window (store);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.questionnaires", NULL);
  sm_test_iterate (50);
  editor = SM_QUESTIONNAIRE_WINDOW (find_toplevel (SM_TYPE_QUESTIONNAIRE_WINDOW));
  g_assert_nonnull (editor);
#define CHILD(n) GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), SM_TYPE_QUESTIONNAIRE_WINDOW, n))
  name = CHILD ("name_row");
  list = CHILD ("questions_list");
  save = CHILD ("save_button");
  add = CHILD ("add_button");
  /* The standard questionnaire: shown, kept as it is. */
  g_assert_false (gtk_widget_get_sensitive (save));
  g_assert_false (gtk_widget_get_sensitive (add));
  sm_questionnaire_window_show (editor, 0);
  sm_test_iterate (20);
  g_assert_true (gtk_widget_get_sensitive (save));
  gtk_editable_set_text (GTK_EDITABLE (name), "Étkeztetés — rövid");
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (gtk_widget_get_first_child (list)), "entry")),
                         "Mennyire ízlett az étel?");
  sm_questionnaire_window_add_question (editor, SM_QUESTION_YES_NO, "");
  g_signal_emit_by_name (save, "clicked");
  sm_test_iterate (20);
  g_assert_nonnull (strstr (sm_questionnaire_window_get_message (editor), "Question 2"));
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM questionnaire"), ==, before);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (gtk_widget_get_last_child (list)), "entry")),
                         "Időben érkezett az ebéd?");
  sm_questionnaire_window_add_question (editor, SM_QUESTION_TEXT, "Mit tegyünk jobban?");
  g_signal_emit_by_name (save, "clicked");
  sm_test_iterate (20);
  g_assert_cmpstr (sm_questionnaire_window_get_message (editor), ==, "");
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM questionnaire"), ==, before + 1);
  id = sm_test_scalar (store, "SELECT max(id) FROM questionnaire");
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM question WHERE questionnaire_id = "
                                          "(SELECT max(id) FROM questionnaire)"), ==, 3);
  sm_test_maybe_screenshot ((SmWindow *) editor, "questionnaire-editor");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Offered in the fast entry, and answered there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.enter-surveys", NULL);
  sm_test_iterate (50);
  entry = SM_SURVEY_WINDOW (find_toplevel (SM_TYPE_SURVEY_WINDOW));
  sm_survey_window_set_questionnaire (entry, id);
  sm_survey_window_set_service (entry, service);
  sm_test_iterate (20);
  g_assert_true (sm_survey_window_type (entry, "4i\n"));
  g_assert_cmpint (sm_store_count_responses (store, id, &error), ==, 1);
  gtk_window_destroy (GTK_WINDOW (entry));

  /* Answered: another question is refused, a new wording saved. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.questionnaires", NULL);
  sm_test_iterate (50);
  editor = SM_QUESTIONNAIRE_WINDOW (find_toplevel (SM_TYPE_QUESTIONNAIRE_WINDOW));
  sm_questionnaire_window_show (editor, id);
  sm_test_iterate (20);
  g_assert_false (gtk_widget_get_sensitive (CHILD ("add_button")));
  sm_questionnaire_window_add_question (editor, SM_QUESTION_SCALE, "Még egy kérdés");
  g_signal_emit_by_name (CHILD ("save_button"), "clicked");
  sm_test_iterate (20);
  g_assert_nonnull (strstr (sm_questionnaire_window_get_message (editor), "response"));
  sm_questionnaire_window_remove_question (editor, 3);
  gtk_editable_set_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (gtk_widget_get_first_child (
                                                            CHILD ("questions_list"))), "entry")),
                         "Mennyire ízlett az ebéd?");
  g_signal_emit_by_name (CHILD ("save_button"), "clicked");
  sm_test_iterate (20);
  g_assert_cmpstr (sm_questionnaire_window_get_message (editor), ==, "");
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM question WHERE text_hu = 'Mennyire ízlett az ebéd?'"),
                   ==, 1);
#undef CHILD
  gtk_window_destroy (GTK_WINDOW (editor));
  sm_test_close_window (window);
}

/* A catchment drawn on the map from the Directory page's editor: corners
 * clicked on the map, one taken back with Backspace, two clicks too few
 * refused with drawing going on, Enter saves it in the place of the
 * service's catchment; removed after asking. */
static void
test_draw_catchment (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, "idos_gondozas", &error);
  gint64 service = ((SmServicePlace *) places->pdata[0])->service_id;
  SmWindow *window;
  SmDirectoryPanel *panel;
  ShumateMap *map;
  ShumateViewport *viewport;
  GtkWidget *draw;
  g_autoptr(GPtrArray) areas = NULL;
  double corners[][2] = { { 0.35, 0.35 }, { 0.65, 0.35 }, { 0.9, 0.9 }, { 0.65, 0.65 }, { 0.35, 0.65 } };
  int w, h;

  window = sm_test_open_window (store);
  panel = sm_window_get_directory_panel (window);
  map = sm_window_get_map (window);
  viewport = shumate_map_get_viewport (map);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.panel-page", "s", "directory");
  shumate_map_center_on (map, 47.6465, 18.3250);
  shumate_viewport_set_zoom_level (viewport, 14);
  sm_test_iterate (100);
  sm_directory_panel_edit_service (panel, service);
  sm_test_iterate (20);
  draw = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL,
                                                    "catchment_draw_button"));
  g_assert_true (gtk_widget_get_sensitive (draw));
  g_signal_emit_by_name (draw, "clicked");
  sm_test_iterate (20);
  g_assert_true (sm_directory_panel_is_drawing (panel));
  w = gtk_widget_get_width (GTK_WIDGET (map));
  h = gtk_widget_get_height (GTK_WIDGET (map));
  sm_window_click_map (window, corners[0][0] * w, corners[0][1] * h);
  sm_window_click_map (window, corners[1][0] * w, corners[1][1] * h);
  /* Too few corners: refused, still drawing. */
  g_assert_false (sm_directory_panel_finish_drawing (panel));
  g_assert_true (sm_directory_panel_is_drawing (panel));
  /* A stray corner, taken back. */
  sm_window_click_map (window, corners[2][0] * w, corners[2][1] * h);
  g_assert_true (sm_window_press_map_key (window, GDK_KEY_BackSpace, 0));
  sm_window_click_map (window, corners[3][0] * w, corners[3][1] * h);
  sm_window_click_map (window, corners[4][0] * w, corners[4][1] * h);
  sm_test_iterate (20);
  g_assert_cmpuint (sm_sketch_layer_get_n_corners (sm_window_get_sketch_layer (window)), ==, 4);
  sm_test_maybe_screenshot (window, "catchment-drawing");
  g_assert_true (sm_window_press_map_key (window, GDK_KEY_Return, 0));
  sm_test_iterate (50);
  g_assert_false (sm_directory_panel_is_drawing (panel));
  areas = sm_store_list_service_areas (store, service, &error);
  g_assert_cmpuint (areas->len, ==, 1);
  {
    g_autoptr(SmShape) shape = sm_shape_new ();
    gsize size;
    const guint8 *data = g_bytes_get_data (((SmServiceAreaRecord *) areas->pdata[0])->geometry, &size);
    double lat, lon;

    g_assert_true (sm_shape_add_wkb (shape, data, size, &error));
    shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), 0.5 * w, 0.5 * h, &lat, &lon);
    g_assert_true (sm_shape_contains (shape, lon, lat));
    shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (map), 0.8 * w, 0.5 * h, &lat, &lon);
    g_assert_false (sm_shape_contains (shape, lon, lat));
  }
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                      GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL, "catchment_label"))), "drawn on the map"));
  /* The store's change kept the editor's provider. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (
                      GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL, "organization_drop"))), >, 0);
  sm_test_maybe_screenshot (window, "catchment-drawn");

  /* Removed, after asking. */
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL,
                                                        "catchment_remove_button"), "clicked");
  sm_test_iterate (20);
  adw_message_dialog_response (sm_test_find_dialog (), "remove");
  sm_test_iterate (20);
  g_clear_pointer (&areas, g_ptr_array_unref);
  areas = sm_store_list_service_areas (store, service, &error);
  g_assert_cmpuint (areas->len, ==, 0);

  /* A settlement of the database as the catchment. */
  {
    gint64 boundary = sm_test_scalar (store, "SELECT min(id) FROM boundary");

    sm_directory_panel_use_boundary (panel, boundary);
    sm_test_iterate (20);
    g_clear_pointer (&areas, g_ptr_array_unref);
    areas = sm_store_list_service_areas (store, service, &error);
    g_assert_cmpuint (areas->len, ==, 1);
    g_assert_cmpint (((SmServiceAreaRecord *) areas->pdata[0])->boundary_id, ==, boundary);
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
                     GTK_WIDGET (panel), SM_TYPE_DIRECTORY_PANEL, "catchment_remove_button"))));
  }
  sm_test_close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sm_test_gui_init (&argc, &argv, "sm-window-referrals");
  g_test_add_func ("/window/referral-loop", test_refer_accept_complete);
  g_test_add_func ("/window/referral-overdue", test_overdue);
  g_test_add_func ("/window/coverage", test_coverage);
  g_test_add_func ("/window/directory", test_directory);
  g_test_add_func ("/window/satisfaction", test_satisfaction);
  g_test_add_func ("/window/capacity-and-calendar", test_capacity_and_calendar);
  g_test_add_func ("/window/questionnaire-editor", test_questionnaire_editor);
  g_test_add_func ("/window/draw-catchment", test_draw_catchment);
  status = g_test_run ();
  sm_test_gui_finish ();
  return status;
}
