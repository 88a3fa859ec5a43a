#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <math.h>

#include "sm-number.h"

#include <glib/gi18n.h>

#include "sm-basemap.h"
#include "sm-basemap-source.h"
#include "sm-boundary.h"
#include "sm-disclosure.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-hotspot.h"
#include "sm-hotspot-layer.h"
#include "sm-memory.h"
#include "sm-hotspot-panel.h"
#include "sm-import.h"
#include "sm-mbtiles-source.h"
#include "sm-online-tile-source.h"
#include "sm-plain-tile-source.h"
#include "sm-preferences-window.h"
#include "sm-query.h"
#include "sm-review-panel.h"
#include "sm-jobs.h"
#include "sm-window-private.h"

/* The workspace: the map with the case layer, the Filters and Case pages in
 * a side panel, search, layers and the basemap choice. */


G_DEFINE_FINAL_TYPE (SmWindow, sm_window, ADW_TYPE_APPLICATION_WINDOW)

ShumateMap *
_sm_window_get_map (SmWindow *self)
{
  return shumate_simple_map_get_map (self->map);
}

void
_sm_window_toast (SmWindow   *self,
       const char *text)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

/* The geocoder reads the reference data once; it is made again when the
 * basemap changes. */
static SmGeocoder *
get_geocoder (SmWindow *self)
{
  return sm_context_get_geocoder (self->context);
}

static void
update_review_title (SmWindow *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->panel_stack, GTK_WIDGET (self->review_panel));
  guint n = sm_review_panel_get_count (self->review_panel);
  g_autofree char *title = n > 0 ? g_strdup_printf (_("Review (%u)"), n) : g_strdup (_("Review"));

  gtk_stack_page_set_title (page, title);
}

/* A signal chosen on the Case page, on the Signals page. */
static void
show_signal_cb (SmWindow *self,
                gint64    id)
{
  sm_signal_panel_show_signal (self->signal_panel, id);
  gtk_stack_set_visible_child_name (self->panel_stack, "signals");
}

/* A referral chosen on the Case page, on the Referrals page. */
static void
show_referral_cb (SmWindow *self,
                  gint64    id)
{
  sm_referral_panel_show_referral (self->referral_panel, id);
  gtk_stack_set_visible_child_name (self->panel_stack, "referrals");
}

/* Open referrals in the title; unanswered ones past their working days as
 * the page's attention mark. */
static void
update_referrals_title (SmWindow *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->panel_stack, GTK_WIDGET (self->referral_panel));
  guint n = sm_referral_panel_get_n_open (self->referral_panel);
  g_autofree char *title = n > 0 ? g_strdup_printf (_("Referrals (%u)"), n) : g_strdup (_("Referrals"));

  gtk_stack_page_set_title (page, title);
  gtk_stack_page_set_needs_attention (page, sm_referral_panel_get_n_overdue (self->referral_panel) > 0);
}

/* Open signals in the title; overdue ones as the page's attention mark. */
static void
update_signals_title (SmWindow *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->panel_stack, GTK_WIDGET (self->signal_panel));
  guint n = sm_signal_panel_get_n_open (self->signal_panel);
  g_autofree char *title = n > 0 ? g_strdup_printf (_("Signals (%u)"), n) : g_strdup (_("Signals"));

  gtk_stack_page_set_title (page, title);
  gtk_stack_page_set_needs_attention (page, sm_signal_panel_get_n_overdue (self->signal_panel) > 0);
}

static void
update_counts_cb (SmWindow *self)
{
  guint households = sm_case_layer_get_n_households (self->case_layer);
  guint needs = sm_case_layer_get_n_needs (self->case_layer);
  g_autofree char *h = g_strdup_printf (ngettext ("%s household", "%s households", households),
                                        sm_num (households, 0));
  g_autofree char *n = NULL;

  /* A total under k is a small count too. */
  if (sm_case_layer_get_planner_view (self->case_layer)
      && sm_disclosure_is_small (sm_context_get_disclosure (self->context), households, households))
    {
      SmDisclosure *d = sm_context_get_disclosure (self->context);
      g_autofree char *few = sm_disclosure_format_count (d, households, SM_DISCLOSURE_SMALL);

      g_free (self->counts_text);
      /* TRANSLATORS: %s is a hidden small count such as "<5" */
      self->counts_text = g_strdup_printf (_("Planner view · %s households"), few);
      gtk_label_set_label (self->counts, self->counts_text);
      return;
    }

  switch (sm_filter_get_status (self->filter))
    {
    case SM_NEED_RESOLVED:
      n = g_strdup_printf (ngettext ("%s resolved need shown", "%s resolved needs shown", needs),
                           sm_num (needs, 0));
      break;
    case SM_NEED_ANY:
      n = g_strdup_printf (ngettext ("%s need shown", "%s needs shown", needs), sm_num (needs, 0));
      break;
    case SM_NEED_OPEN:
    default:
      n = g_strdup_printf (ngettext ("%s open need shown", "%s open needs shown", needs), sm_num (needs, 0));
      break;
    }
  g_free (self->counts_text);
  if (sm_case_layer_get_planner_view (self->case_layer))
    /* TRANSLATORS: the map's counts while it shows only grid counts */
    self->counts_text = g_strdup_printf (_("Planner view · %s · %s"), h, n);
  else
    self->counts_text = g_strdup_printf ("%s · %s", h, n);
  gtk_label_set_label (self->counts, self->counts_text);
}

/* --- the other actions ------------------------------------------------ */

static void
new_household_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  self->placing_new = TRUE;
  _sm_window_toast (self, _("Click the map where the household lives"));
}

static void
save_household_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (sm_case_panel_is_dirty (self->case_panel))
    sm_case_panel_request_save (self->case_panel);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (sm_preferences_window_new (GTK_WINDOW (self), self->settings)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sm_search_box_focus (SM_WINDOW (widget)->search_box);
}

static void
show_town_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _sm_window_show_town (SM_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  /* By whole levels, from a fractional one to the next whole one. */
  zoom = g_str_equal (action_name, "win.zoom-in") ? floor (zoom + 1e-6) + 1 : ceil (zoom - 1e-6) - 1;
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                                                    shumate_viewport_get_max_zoom_level (viewport)));
}

static void
panel_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->panel_stack, g_variant_get_string (parameter, NULL));
  adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
layers_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_menu_button_popup (SM_WINDOW (widget)->layers_button);
}

static void
layer_setting_changed_cb (SmWindow *self)
{
  sm_case_layer_set_show_cases (self->case_layer, g_settings_get_boolean (self->settings, "show-cases"));
  sm_case_layer_set_show_services (self->case_layer,
                                   g_settings_get_boolean (self->settings, "show-services"));
  sm_case_layer_set_show_boundaries (self->case_layer,
                                     g_settings_get_boolean (self->settings, "show-boundaries"));
  sm_case_layer_set_planner_view (self->case_layer,
                                  g_settings_get_boolean (self->settings, "planner-view"));
  sm_hotspot_layer_set_planner_view (self->hotspot_layer,
                                     g_settings_get_boolean (self->settings, "planner-view"));
  sm_signal_layer_set_planner_view (self->signal_layer, g_settings_get_boolean (self->settings, "planner-view"));
  gtk_widget_set_visible (GTK_WIDGET (self->signal_layer), g_settings_get_boolean (self->settings, "show-signals"));
  gtk_widget_set_visible (GTK_WIDGET (self->measure_layer), g_settings_get_boolean (self->settings, "show-measures"));
  sm_coverage_layer_set_planner_view (self->coverage_layer, g_settings_get_boolean (self->settings, "planner-view"));
  gtk_widget_set_visible (GTK_WIDGET (self->coverage_layer), g_settings_get_boolean (self->settings, "show-coverage"));
  update_counts_cb (self);
}

/* --- window state ----------------------------------------------------- */

static void
save_state (SmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_double (self->settings, "map-latitude",
                         shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-longitude",
                         shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  g_settings_set_double (self->settings, "map-zoom", shumate_viewport_get_zoom_level (viewport));
  g_settings_set_string (self->settings, "panel-page",
                         gtk_stack_get_visible_child_name (self->panel_stack));
  g_settings_set_string (self->settings, "last-database", sm_store_get_path (self->store));
}

static void
close_now (SmWindow *self,
           gpointer  data)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Whether closing now would lose edits (the close asks first). */
gboolean
sm_window_has_unsaved_changes (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  return !self->closing && sm_case_panel_is_dirty (self->case_panel);
}

static gboolean
sm_window_close_request (GtkWindow *window)
{
  SmWindow *self = SM_WINDOW (window);

  if (!self->closing && sm_case_panel_is_dirty (self->case_panel))
    {
      _sm_window_unless_unsaved (self, close_now, NULL);
      return TRUE;
    }
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  _sm_window_commit_pending_delete (self);
  save_state (self);
  return GTK_WINDOW_CLASS (sm_window_parent_class)->close_request (window);
}

static void
restore_view (SmWindow *self)
{
  g_autofree char *last = g_settings_get_string (self->settings, "last-database");
  g_autofree char *page = g_settings_get_string (self->settings, "panel-page");
  double lat = g_settings_get_double (self->settings, "map-latitude");
  double lon = g_settings_get_double (self->settings, "map-longitude");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_stack_set_visible_child_name (self->panel_stack,
                                    gtk_stack_get_child_by_name (self->panel_stack, page) != NULL ? page
                                                                                                   : "filters");

  _sm_window_show_town (self);
  /* The place last looked at, if it was in this database. */
  if (g_strcmp0 (last, sm_store_get_path (self->store)) == 0 && (lat != 0 || lon != 0))
    {
      shumate_map_center_on (_sm_window_get_map (self), lat, lon);
      shumate_viewport_set_zoom_level (shumate_map_get_viewport (_sm_window_get_map (self)),
                                       g_settings_get_double (self->settings, "map-zoom"));
    }
}

/* Another program may write to the same file (the command line, a second
 * window): every view follows its commits too. */
static gboolean
check_outside_cb (gpointer data)
{
  SmWindow *self = data;

  sm_store_check_outside (self->store);
  return G_SOURCE_CONTINUE;
}

static void
active_changed_cb (SmWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    sm_store_check_outside (self->store);
}

static void
sm_window_dispose (GObject *object)
{
  SmWindow *self = SM_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->delete_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->delete_toast, self);
  if (self->save_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->save_toast, self);
  g_clear_object (&self->save_toast);
  if (self->store != NULL)
    _sm_window_commit_pending_delete (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_WINDOW);
  g_clear_object (&self->delete_toast);
  g_clear_object (&self->import_cancellable);
  g_clear_object (&self->import_bar);
  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_handle_id (&self->outside_id, g_source_remove);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->counts_text, g_free);

  G_OBJECT_CLASS (sm_window_parent_class)->dispose (object);
}

static void
sm_window_class_init (SmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = sm_window_close_request;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (SM_TYPE_SEARCH_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, panel_switcher);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, search_box);
  gtk_widget_class_bind_template_callback_full (widget_class, "search_chosen_cb",
                                                G_CALLBACK (_sm_window_search_chosen_cb));
  gtk_widget_class_bind_template_child (widget_class, SmWindow, layers_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, counts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, basemap_hint);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, legend_expander);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, legend_area);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_scale);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_mode);

  gtk_widget_class_install_action (widget_class, "win.new-household", NULL, new_household_action);
  gtk_widget_class_install_action (widget_class, "win.save-household", NULL, save_household_action);
  gtk_widget_class_install_action (widget_class, "win.delete-household", NULL,
                                   _sm_window_delete_household_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, _sm_window_undo_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, _sm_window_open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, _sm_window_new_database_action);
  gtk_widget_class_install_action (widget_class, "win.import-osm", NULL, _sm_window_import_osm_action);
  gtk_widget_class_install_action (widget_class, "win.import-cases", NULL, _sm_window_import_cases_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, _sm_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.report-signals", NULL, _sm_window_report_signals_action);
  gtk_widget_class_install_action (widget_class, "win.coverage-table", NULL, _sm_window_coverage_table_action);
  gtk_widget_class_install_action (widget_class, "win.enter-surveys", NULL, _sm_window_enter_surveys_action);
  gtk_widget_class_install_action (widget_class, "win.satisfaction", NULL, _sm_window_satisfaction_action);
  gtk_widget_class_install_action (widget_class, "win.questionnaires", NULL, _sm_window_questionnaires_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-town", NULL, show_town_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.panel-page", "s", panel_page_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_install_action (widget_class, "win.layers", NULL, layers_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-household", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-household", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, GDK_CONTROL_MASK,
                                       "win.delete-household", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open-database", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.import-cases", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.show-town", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.panel-page", "s", "filters");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.panel-page", "s", "case");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.panel-page", "s", "review");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.panel-page", "s", "hotspots");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.panel-page", "s", "signals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK,
                                       "win.panel-page", "s", "referrals");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_7, GDK_ALT_MASK,
                                       "win.panel-page", "s", "directory");
  _sm_window_class_init_roundtable (widget_class);
  _sm_window_class_init_print (widget_class);
  _sm_window_class_init_files (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.layers", NULL);
}

static void
sm_window_init (SmWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Each page's tab as wide as its title, so that seven fit beside the map. */
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (self->panel_switcher)), FALSE);
  /* Metres and kilometres only. */
  shumate_scale_set_unit (shumate_simple_map_get_scale (self->map), SHUMATE_UNIT_METRIC);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (_sm_window_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

SmWindow *
sm_window_new (GtkApplication *application,
               SmStore        *store)
{
  SmWindow *self = g_object_new (SM_TYPE_WINDOW, "application", application, NULL);
  ShumateMap *map = _sm_window_get_map (self);
  GtkGesture *click = gtk_gesture_click_new ();
  static const char * const layer_keys[] = {
    "show-cases", "show-services", "show-boundaries", "show-signals", "show-measures", "show-coverage", "planner-view"
  };

  self->settings = g_settings_new (APP_ID);
  self->store = g_object_ref (store);
  self->context = sm_context_new (store, self->settings);
  self->filter = g_object_ref (sm_context_get_filter (self->context));
  sm_memory_trim_after_work (self->context);
  sm_search_box_set_context (self->search_box, self->context);
  self->outside_id = g_timeout_add_seconds (2, check_outside_cb, self);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (active_changed_cb), self);

  _sm_window_apply_basemap (self);
  g_signal_connect_swapped (self->settings, "changed::basemap", G_CALLBACK (_sm_window_apply_basemap), self);
  g_signal_connect_swapped (self->settings, "changed::mbtiles-path", G_CALLBACK (_sm_window_apply_basemap), self);

  self->area_layer = sm_area_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->area_layer));
  /* The households under the heat map and the clusters, which are
   * translucent: over the bubbles, not hidden by them. */
  self->case_layer = sm_case_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->case_layer));
  self->hotspot_layer = sm_hotspot_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->hotspot_layer));
  self->signal_layer = sm_signal_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->signal_layer));
  self->coverage_layer = sm_coverage_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->coverage_layer));
  self->measure_layer = sm_measure_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->measure_layer));
  self->excess_layer = sm_excess_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->excess_layer));
  g_signal_connect_swapped (self->case_layer, "updated", G_CALLBACK (update_counts_cb), self);

  self->filter_panel = sm_filter_panel_new (self->context);
  self->case_panel = sm_case_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->filter_panel), "filters", _("Filters"));
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->case_panel), "case", _("Case"));
  g_signal_connect_swapped (self->case_panel, "saved", G_CALLBACK (_sm_window_case_saved_cb), self);
  self->review_panel = sm_review_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->review_panel), "review", _("Review"));
  g_signal_connect_swapped (self->review_panel, "open", G_CALLBACK (_sm_window_review_open_cb), self);
  g_signal_connect_swapped (self->review_panel, "placed", G_CALLBACK (_sm_window_review_placed_cb), self);
  g_signal_connect_swapped (self->review_panel, "waiting", G_CALLBACK (_sm_window_review_waiting_cb),
                            self);
  g_signal_connect_swapped (self->review_panel, "notify::count", G_CALLBACK (update_review_title),
                            self);
  update_review_title (self);
  self->hotspot_panel = sm_hotspot_panel_new (self->context, self->hotspot_layer,
                                             self->excess_layer, self->area_layer);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->hotspot_panel), "hotspots", _("Hotspots"));
  self->signal_panel = sm_signal_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->signal_panel), "signals", _("Signals"));
  g_signal_connect_swapped (self->signal_panel, "toast", G_CALLBACK (_sm_window_toast), self);
  g_signal_connect_swapped (self->case_panel, "show-signal", G_CALLBACK (show_signal_cb), self);
  g_signal_connect_swapped (self->signal_panel, "notify::n-overdue", G_CALLBACK (update_signals_title), self);
  g_signal_connect_swapped (self->signal_panel, "notify::n-open", G_CALLBACK (update_signals_title), self);
  update_signals_title (self);
  self->referral_panel = sm_referral_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->referral_panel), "referrals", _("Referrals"));
  g_signal_connect_swapped (self->referral_panel, "toast", G_CALLBACK (_sm_window_toast), self);
  g_signal_connect_swapped (self->case_panel, "show-referral", G_CALLBACK (show_referral_cb), self);
  g_signal_connect_swapped (self->case_panel, "toast", G_CALLBACK (_sm_window_toast), self);
  g_signal_connect_swapped (self->referral_panel, "notify::n-overdue", G_CALLBACK (update_referrals_title), self);
  g_signal_connect_swapped (self->referral_panel, "notify::n-open", G_CALLBACK (update_referrals_title), self);
  update_referrals_title (self);
  self->directory_panel = sm_directory_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->directory_panel), "directory", _("Directory"));
  g_signal_connect_swapped (self->directory_panel, "toast", G_CALLBACK (_sm_window_toast), self);
  _sm_window_setup_roundtable (self);
  _sm_window_setup_legend (self);
  _sm_window_setup_sketch (self);
  g_signal_connect_swapped (self->hotspot_panel, "zoom", G_CALLBACK (_sm_window_hotspot_zoom_cb), self);
  g_signal_connect_swapped (self->hotspot_panel, "toast", G_CALLBACK (_sm_window_toast), self);

  _sm_window_setup_time (self);
  get_geocoder (self);

  for (guint i = 0; i < G_N_ELEMENTS (layer_keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings, layer_keys[i]);
      g_autofree char *signal = g_strconcat ("changed::", layer_keys[i], NULL);

      g_action_map_add_action (G_ACTION_MAP (self), action);
      g_signal_connect_swapped (self->settings, signal, G_CALLBACK (layer_setting_changed_cb), self);
    }
  {
    g_autoptr(GAction) basemap = g_settings_create_action (self->settings, "basemap");
    g_action_map_add_action (G_ACTION_MAP (self), basemap);
  }
  layer_setting_changed_cb (self);
  g_settings_bind (self->settings, "panel-revealed", self->flap, "reveal-flap",
                   G_SETTINGS_BIND_DEFAULT);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (_sm_window_map_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (map), TRUE);
  g_signal_connect (map, "query-tooltip", G_CALLBACK (_sm_window_map_query_tooltip_cb), self);

  update_counts_cb (self);
  _sm_window_update_case_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  restore_view (self);
  return self;
}

SmStore *
sm_window_get_store (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->store;
}

SmCaseLayer *
sm_window_get_case_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->case_layer;
}

SmFilter *
sm_window_get_filter (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->filter;
}

SmFilterPanel *
sm_window_get_filter_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->filter_panel;
}

SmCasePanel *
sm_window_get_case_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->case_panel;
}

SmHotspotPanel *
sm_window_get_hotspot_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->hotspot_panel;
}

SmAreaLayer *
sm_window_get_area_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->area_layer;
}

SmHotspotLayer *
sm_window_get_hotspot_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->hotspot_layer;
}

SmExcessLayer *
sm_window_get_excess_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->excess_layer;
}

SmReviewPanel *
sm_window_get_review_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->review_panel;
}

SmMeasureLayer *
sm_window_get_measure_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->measure_layer;
}

SmSignalLayer *
sm_window_get_signal_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->signal_layer;
}

SmDirectoryPanel *
sm_window_get_directory_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->directory_panel;
}

SmCoverageLayer *
sm_window_get_coverage_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->coverage_layer;
}

SmReferralPanel *
sm_window_get_referral_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->referral_panel;
}

SmSignalPanel *
sm_window_get_signal_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->signal_panel;
}

ShumateMap *
sm_window_get_map (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return _sm_window_get_map (self);
}

const char *
sm_window_get_counts_text (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->counts_text;
}
