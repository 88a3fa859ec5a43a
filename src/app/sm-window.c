#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-basemap.h"
#include "sm-basemap-source.h"
#include "sm-boundary.h"
#include "sm-disclosure.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-hotspot.h"
#include "sm-hotspot-layer.h"
#include "sm-hotspot-panel.h"
#include "sm-import.h"
#include "sm-mbtiles-source.h"
#include "sm-online-tile-source.h"
#include "sm-plain-tile-source.h"
#include "sm-preferences-window.h"
#include "sm-query.h"
#include "sm-review-panel.h"
#include "sm-jobs.h"
#include "sm-window.h"

/* The workspace: the map with the case layer, the Filters and Case pages in
 * a side panel, search, layers and the basemap choice. */

#define OSM_TILE_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define SEARCH_LIMIT 12

struct _SmWindow
{
  AdwApplicationWindow  parent_instance;

  SmContext            *context;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *title;
  AdwFlap              *flap;
  GtkStack             *panel_stack;
  GtkSearchEntry       *search_entry;
  GtkPopover           *search_popover;
  GtkListBox           *search_results;
  GtkMenuButton        *layers_button;
  ShumateSimpleMap     *map;
  GtkLabel             *counts;
  GtkBox               *time_bar;
  GtkToggleButton      *play_button;
  GtkScale             *time_scale;
  GtkLabel             *time_label;
  GtkDropDown          *time_mode;

  GSettings            *settings;
  SmStore              *store;
  SmFilter             *filter;
  SmCaseLayer          *case_layer;
  SmFilterPanel        *filter_panel;
  SmCasePanel          *case_panel;
  SmReviewPanel        *review_panel;
  SmHotspotLayer       *hotspot_layer;
  SmAreaLayer          *area_layer;
  SmHotspotPanel       *hotspot_panel;
  GDate                 time_first;      /* first month of the data */
  guint                 play_id;
  guint                 outside_id;
  char                 *counts_text;
  gboolean              placing_new;
  gint64                pending_delete;
  AdwToast             *delete_toast;
  GCancellable         *import_cancellable;
  GtkWindow            *import_dialog;
  GtkProgressBar       *import_bar;
  gboolean              closing;
};

G_DEFINE_FINAL_TYPE (SmWindow, sm_window, ADW_TYPE_APPLICATION_WINDOW)

static ShumateMap *
get_map (SmWindow *self)
{
  return shumate_simple_map_get_map (self->map);
}

static void
toast (SmWindow   *self,
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

static void
update_counts_cb (SmWindow *self)
{
  guint households = sm_case_layer_get_n_households (self->case_layer);
  guint needs = sm_case_layer_get_n_needs (self->case_layer);
  g_autofree char *h = g_strdup_printf (ngettext ("%'u household", "%'u households", households),
                                        households);
  g_autofree char *n = NULL;

  switch (sm_filter_get_status (self->filter))
    {
    case SM_NEED_RESOLVED:
      n = g_strdup_printf (ngettext ("%'u resolved need shown", "%'u resolved needs shown", needs),
                           needs);
      break;
    case SM_NEED_ANY:
      n = g_strdup_printf (ngettext ("%'u need shown", "%'u needs shown", needs), needs);
      break;
    case SM_NEED_OPEN:
    default:
      n = g_strdup_printf (ngettext ("%'u open need shown", "%'u open needs shown", needs), needs);
      break;
    }
  g_free (self->counts_text);
  self->counts_text = g_strdup_printf ("%s · %s", h, n);
  gtk_label_set_label (self->counts, self->counts_text);
}

/* --- basemap ---------------------------------------------------------- */

static void
apply_basemap (SmWindow *self)
{
  g_autoptr(ShumateDataSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *choice = g_settings_get_string (self->settings, "basemap");
  const char *id = "social-map-local", *name = _("Drawn on this computer");
  const char *license = "© OpenStreetMap contributors, KSH";
  ShumateRasterRenderer *renderer;

  if (g_str_equal (choice, "mbtiles"))
    {
      g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");

      source = *path ? SHUMATE_DATA_SOURCE (sm_mbtiles_source_new (path, &error)) : NULL;
      if (source == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The MBTiles basemap cannot be shown: %s"),
                                                   error ? error->message
                                                         : _("no file is chosen in Preferences"));
          toast (self, text);
        }
      id = "social-map-mbtiles";
      name = _("MBTiles file");
      license = "";
    }
  else if (g_str_equal (choice, "online"))
    {
      g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "social-map", "tiles",
                                                 "openstreetmap", NULL);

      source = SHUMATE_DATA_SOURCE (sm_online_tile_source_new (OSM_TILE_URL, cache));
      id = "social-map-osm-online";
      name = _("OpenStreetMap online");
      license = "© OpenStreetMap contributors";
    }
  if (source == NULL)
    {
      if (sm_store_has_basemap (self->store))
        source = SHUMATE_DATA_SOURCE (sm_basemap_source_new (sm_store_get_path (self->store)));
      else
        {
          source = sm_plain_tile_source_new ();
          name = _("Boundaries only");
        }
    }
  renderer = shumate_raster_renderer_new_full (id, name, license,
                                               "https://www.openstreetmap.org/copyright",
                                               0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               source);
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));
  g_object_unref (renderer);
}

/* --- moving around ---------------------------------------------------- */

static void
show_town (SmWindow *self)
{
  g_autofree char *town = NULL;
  g_autoptr(SmShape) shape = NULL;
  double w = 18.23, s = 47.58, e = 18.42, n = 47.68;

  if (!sm_store_get_meta (self->store, "demo.town", &town))
    town = g_strdup ("Tata");
  shape = sm_boundary_get_shape (self->store, town, "settlement", NULL);
  if (shape != NULL)
    sm_shape_get_bbox (shape, &w, &s, &e, &n);
  else if (sm_basemap_get_extent (self->store, &w, &s, &e, &n))
    g_clear_pointer (&town, g_free);   /* a database of some other place */
  shumate_map_center_on (get_map (self), (s + n) / 2, (w + e) / 2);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (get_map (self)), 12.5);
  adw_window_title_set_subtitle (self->title, town);
}

static void
pan_by (SmWindow *self,
        double    fx,
        double    fy)
{
  ShumateViewport *viewport = shumate_map_get_viewport (get_map (self));
  GtkWidget *widget = GTK_WIDGET (get_map (self));
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget), lat, lon;

  shumate_viewport_widget_coords_to_location (viewport, widget, w / 2 + fx * w, h / 2 + fy * h,
                                              &lat, &lon);
  shumate_map_center_on (get_map (self), lat, lon);
}

/* Arrows and +/- move the map unless the focus is in the side panel or the
 * header bar, where they belong to the widgets. */
static gboolean
keys_for_map (SmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus == NULL || focus == GTK_WIDGET (self) ||
         gtk_widget_is_ancestor (focus, GTK_WIDGET (self->map)) ||
         focus == GTK_WIDGET (self->map);
}

static gboolean
key_pressed_cb (SmWindow        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (!keys_for_map (self) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: pan_by (self, -0.25, 0); return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: pan_by (self, 0.25, 0); return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: pan_by (self, 0, -0.25); return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: pan_by (self, 0, 0.25); return TRUE;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      shumate_map_zoom_in (get_map (self));
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      shumate_map_zoom_out (get_map (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* --- selection and the Case page ------------------------------------- */

typedef void (*AfterAsk) (SmWindow *self, gpointer data);

typedef struct {
  SmWindow *self;
  AfterAsk  then;
  gpointer  data;
} Ask;

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  Ask *ask = user_data;

  /* One answer per question. */
  g_signal_handlers_disconnect_by_data (dialog, ask);
  if (g_str_equal (response, "save") && !sm_case_panel_save (ask->self->case_panel))
    {
      /* The page shows what is wrong; stay. */
      gtk_stack_set_visible_child_name (ask->self->panel_stack, "case");
      adw_flap_set_reveal_flap (ask->self->flap, TRUE);
    }
  else if (!g_str_equal (response, "cancel"))
    ask->then (ask->self, ask->data);
  g_object_unref (ask->self);
  g_free (ask);
}

/* Runs @then now, or once the user has saved or dropped unsaved edits. */
static void
unless_unsaved (SmWindow *self,
                AfterAsk  then,
                gpointer  data)
{
  GtkWidget *dialog;
  Ask *ask;

  if (!sm_case_panel_is_dirty (self->case_panel))
    {
      then (self, data);
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save the Changes?"),
                                   _("The household on the Case page has changes that are not "
                                     "saved yet."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ask = g_new0 (Ask, 1);
  *ask = (Ask) { g_object_ref (self), then, data };
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_case_actions (SmWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-household",
                                 sm_case_panel_get_household (self->case_panel) != 0);
}

static void
do_select (SmWindow *self,
           gpointer  data)
{
  gint64 id = GPOINTER_TO_SIZE (data);
  g_autoptr(GError) error = NULL;

  if (id == 0)
    sm_case_panel_clear (self->case_panel);
  else if (!sm_case_panel_load (self->case_panel, id, &error))
    {
      toast (self, error->message);
      return;
    }
  sm_case_layer_set_selected (self->case_layer, id);
  if (id != 0)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "case");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  update_case_actions (self);
}

/**
 * sm_window_select_household:
 *
 * Shows @household_id on the Case page, asking first about unsaved edits.
 */
void
sm_window_select_household (SmWindow *self,
                            gint64    household_id)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  if (household_id == sm_case_panel_get_household (self->case_panel) && household_id != 0)
    {
      do_select (self, GSIZE_TO_POINTER ((gsize) household_id));
      return;
    }
  unless_unsaved (self, do_select, GSIZE_TO_POINTER ((gsize) household_id));
}

static void
start_new_household (SmWindow *self,
                     gpointer  data)
{
  double *at = data;

  sm_case_panel_new_household (self->case_panel, at[0], at[1]);
  sm_case_layer_set_selected (self->case_layer, 0);
  gtk_stack_set_visible_child_name (self->panel_stack, "case");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  update_case_actions (self);
  g_free (at);
}

/**
 * sm_window_click_map:
 * @x: map widget coordinates
 *
 * What a click on the map does: place a new household or the one being
 * edited, open a household, zoom into a bubble, or name a service.
 */
void
sm_window_click_map (SmWindow *self,
                     double    x,
                     double    y)
{
  ShumateViewport *viewport = shumate_map_get_viewport (get_map (self));
  SmCaseLayerItem item;
  double lat, lon;

  g_return_if_fail (SM_IS_WINDOW (self));

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (get_map (self)), x, y,
                                              &lat, &lon);
  if (self->placing_new)
    {
      double *at = g_new (double, 2);

      self->placing_new = FALSE;
      at[0] = lat;
      at[1] = lon;
      unless_unsaved (self, start_new_household, at);
      return;
    }
  if (sm_case_panel_is_placing (self->case_panel))
    {
      sm_case_panel_place (self->case_panel, lat, lon);
      return;
    }
  if (!sm_case_layer_pick (self->case_layer, x, y, &item))
    return;
  switch (item.kind)
    {
    case SM_CASE_LAYER_HOUSEHOLD:
      sm_window_select_household (self, item.id);
      break;
    case SM_CASE_LAYER_CLUSTER:
      shumate_map_center_on (get_map (self), item.lat, item.lon);
      shumate_viewport_set_zoom_level (viewport,
                                       MIN (shumate_viewport_get_zoom_level (viewport) + 2, 18));
      break;
    case SM_CASE_LAYER_SERVICE:
    case SM_CASE_LAYER_NOTHING:
    default:
      break;
    }
}

static void
map_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 SmWindow        *self)
{
  if (n_press == 1)
    sm_window_click_map (self, x, y);
}

static char *
household_tooltip (SmWindow *self,
                   gint64    id)
{
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *address = NULL;
  SmHousehold h;

  if (!sm_store_get_household (self->store, id, &h, NULL))
    return NULL;
  address = g_markup_escape_text (h.address_raw, -1);
  g_string_append_printf (text, "<b>%s</b>", address);
  sm_household_clear (&h);
  needs = sm_store_list_needs (self->store, id, NULL);
  for (guint i = 0; needs != NULL && i < needs->len; i++)
    {
      const SmNeed *n = g_ptr_array_index (needs, i);
      gint64 category = sm_store_lookup_category (self->store, n->category, NULL);
      const SmCategory *c = sm_store_get_category (self->store, category);
      g_autofree char *name = NULL;

      if (n->resolved_on != NULL || c == NULL)
        continue;
      name = g_markup_escape_text (sm_locale_is_hungarian () ? c->name_hu : c->name_en, -1);
      /* Translators: a need in the map's tooltip: category, severity 1–3, date */
      g_string_append_printf (text, "\n• %s · %d · %s", name, n->severity, n->assessed_on);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
service_tooltip (SmWindow *self,
                 gint64    location_id)
{
  g_autoptr(GPtrArray) points = sm_store_list_service_points (self->store, NULL, NULL);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      SmServicePoint *p = g_ptr_array_index (points, i);

      if (p->location_id == location_id)
        {
          g_autofree char *name = g_markup_escape_text (p->name ? p->name : "", -1);
          g_autofree char *services = g_markup_escape_text (p->services ? p->services : "", -1);

          return g_strdup_printf ("<b>%s</b>\n%s", name, services);
        }
    }
  return NULL;
}

static gboolean
map_query_tooltip_cb (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      SmWindow   *self)
{
  SmCaseLayerItem item;
  g_autofree char *markup = NULL;

  if (keyboard || !sm_case_layer_pick (self->case_layer, x, y, &item))
    return FALSE;
  switch (item.kind)
    {
    case SM_CASE_LAYER_HOUSEHOLD:
      markup = household_tooltip (self, item.id);
      break;
    case SM_CASE_LAYER_CLUSTER:
      markup = g_strdup_printf (ngettext ("%u household — click to zoom in",
                                          "%u households — click to zoom in", item.count),
                                item.count);
      break;
    case SM_CASE_LAYER_SERVICE:
      markup = service_tooltip (self, item.id);
      break;
    case SM_CASE_LAYER_NOTHING:
    default:
      break;
    }
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
case_saved_cb (SmWindow *self,
               gint64    household_id)
{
  SmGeocodeQuality placed = sm_case_panel_get_last_geocode (self->case_panel);

  sm_case_layer_set_selected (self->case_layer, household_id);
  update_case_actions (self);
  if (placed == SM_GEOCODE_ADDRESS || placed == SM_GEOCODE_INTERPOLATED || placed == SM_GEOCODE_STREET)
    toast (self, _("Saved and placed by its address"));
  else if (placed != SM_GEOCODE_NONE)
    toast (self, _("Saved; its address could not be placed on a street, so it is on the review list"));
  else
    toast (self, _("Saved"));
}

static void
review_open_cb (SmWindow *self,
                gint64    household_id)
{
  SmHousehold h;

  if (sm_store_get_household (self->store, household_id, &h, NULL))
    {
      if (h.has_location)
        shumate_map_center_on (get_map (self), h.lat, h.lon);
      sm_household_clear (&h);
    }
  sm_window_select_household (self, household_id);
}

static void
review_placed_cb (SmWindow   *self,
                  gint64      household_id,
                  double      lat,
                  double      lon,
                  const char *failure)
{
  if (failure != NULL)
    {
      toast (self, failure);
      return;
    }
  shumate_map_center_on (get_map (self), lat, lon);
  toast (self, _("Placed at the chosen candidate"));
}

/* --- deleting, with undo ---------------------------------------------- */

static void
commit_pending_delete (SmWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = self->pending_delete;

  if (id == 0)
    return;
  self->pending_delete = 0;
  if (!sm_store_delete_household (self->store, id, &error))
    toast (self, error->message);
  sm_case_layer_set_hidden (self->case_layer, 0);
}

static void
delete_toast_dismissed_cb (SmWindow *self)
{
  g_clear_object (&self->delete_toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  commit_pending_delete (self);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  gint64 id = self->pending_delete;

  if (id == 0)
    return;
  self->pending_delete = 0;
  sm_case_layer_set_hidden (self->case_layer, 0);
  if (self->delete_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_toast, self);
      adw_toast_dismiss (self->delete_toast);
      g_clear_object (&self->delete_toast);
    }
  gtk_widget_action_set_enabled (widget, "win.undo", FALSE);
  sm_window_select_household (self, id);
}

static void
delete_confirmed_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SmWindow         *self)
{
  gint64 id = sm_case_panel_get_household (self->case_panel);
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "delete") || id == 0)
    return;
  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);   /* deletes the earlier one for good */
  commit_pending_delete (self);

  self->pending_delete = id;
  sm_case_layer_set_hidden (self->case_layer, id);
  sm_case_panel_clear (self->case_panel);
  sm_case_layer_set_selected (self->case_layer, 0);
  update_case_actions (self);

  title = g_strdup_printf (_("Household %lld deleted"), (long long) id);
  self->delete_toast = g_object_ref (adw_toast_new (title));
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (self->delete_toast, 10);
  adw_toast_set_action_name (self->delete_toast, "win.undo");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
  g_signal_connect_swapped (self->delete_toast, "dismissed",
                            G_CALLBACK (delete_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toasts, self->delete_toast);
}

static void
delete_household_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  gint64 id = sm_case_panel_get_household (self->case_panel);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (id == 0)
    return;
  heading = g_strdup_printf (_("Delete Household %lld?"), (long long) id);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its people, needs and assessments are deleted with it. "
                                     "You can undo this for a few seconds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_confirmed_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- search ----------------------------------------------------------- */

static void
clear_results (SmWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->search_results))) != NULL)
    gtk_list_box_remove (self->search_results, child);
}

static void
search_changed_cb (SmWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  clear_results (self);
  if (strlen (text) < 2)
    {
      gtk_popover_popdown (self->search_popover);
      return;
    }
  found = sm_store_search_households (self->store, text, SEARCH_LIMIT, &error);
  if (found == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      SmHousehold *h = g_ptr_array_index (found, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_("Household %lld · %s"), (long long) h->id,
                                                   h->settlement_part ? h->settlement_part : "");
      g_autofree char *title = g_markup_escape_text (h->address_raw, -1);

      if (h->id == self->pending_delete)
        continue;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "household-id", GSIZE_TO_POINTER ((gsize) h->id));
      g_object_set_data_full (G_OBJECT (row), "lat", g_memdup2 (&h->lat, sizeof h->lat), g_free);
      g_object_set_data_full (G_OBJECT (row), "lon", g_memdup2 (&h->lon, sizeof h->lon), g_free);
      gtk_list_box_append (self->search_results, row);
    }
  if (found->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No household found"));
      gtk_list_box_append (self->search_results, row);
    }
  gtk_popover_popup (self->search_popover);
}

static void
go_to_result (SmWindow      *self,
              GtkListBoxRow *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "household-id"));
  double *lat = g_object_get_data (G_OBJECT (row), "lat");
  double *lon = g_object_get_data (G_OBJECT (row), "lon");
  ShumateViewport *viewport = shumate_map_get_viewport (get_map (self));

  if (id == 0)
    return;
  gtk_popover_popdown (self->search_popover);
  shumate_map_center_on (get_map (self), *lat, *lon);
  if (shumate_viewport_get_zoom_level (viewport) < 16)
    shumate_viewport_set_zoom_level (viewport, 16);
  sm_window_select_household (self, id);
}

static void
search_stop_cb (SmWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_popover_popdown (self->search_popover);
}

static void
search_result_activated_cb (SmWindow      *self,
                            GtkListBoxRow *row)
{
  go_to_result (self, row);
}

static void
search_activate_cb (SmWindow *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->search_results, 0);

  if (first != NULL)
    go_to_result (self, first);
}

/* --- importing a basemap ---------------------------------------------- */

static void
import_progress_cb (double   fraction,
                    gpointer data)
{
  SmWindow *self = data;

  if (self->import_bar != NULL)
    gtk_progress_bar_set_fraction (self->import_bar, fraction);
}

/* The import job has ended, one way or another. */
static void
import_ended (SmWindow *self)
{
  if (self->import_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
      gtk_window_destroy (self->import_dialog);
      self->import_dialog = NULL;
    }
  g_clear_object (&self->import_bar);
  g_clear_object (&self->import_cancellable);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SmBasemapImportStats stats;

  import_ended (self);
  if (!sm_basemap_import_osm_finish (result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self),
                                                     _("The Extract Was Not Imported"),
                                                     error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
      else
        toast (self, _("Import cancelled; the basemap is as it was"));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Imported %u map features and %u addresses"),
                                             stats.n_features, stats.n_addresses);
    toast (self, text);
  }
  g_settings_set_string (self->settings, "basemap", "local");
  apply_basemap (self);
  sm_context_reload_geocoder (self->context);
  sm_store_check_outside (self->store);
}

gboolean
sm_window_is_importing (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

static void
import_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           SmWindow         *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static gboolean
keep_open_cb (GtkWindow *window)
{
  return TRUE;
}

/* A dialog with a progress bar and Cancel, open until the work stops; the
 * job's cancellable. */
static GCancellable *
start_import_job (SmWindow   *self,
                  const char *heading,
                  const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, base);

  self->import_bar = GTK_PROGRESS_BAR (g_object_ref_sink (gtk_progress_bar_new ()));
  gtk_progress_bar_set_show_text (self->import_bar, TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (self->import_bar));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_dialog_response_cb), self);
  /* The dialog closes itself on "cancel"; keep it until the work stops. */
  g_signal_connect (dialog, "close-request", G_CALLBACK (keep_open_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  self->import_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->import_dialog);
  self->import_cancellable = g_cancellable_new ();
  return self->import_cancellable;
}

/**
 * sm_window_import_osm:
 *
 * Imports an OpenStreetMap extract as the database's basemap on a worker
 * thread, with a progress dialog that can cancel it.
 */
void
sm_window_import_osm (SmWindow   *self,
                      const char *osm_path)
{
  GCancellable *cancellable = start_import_job (self, _("Importing the Basemap"), osm_path);

  sm_basemap_import_osm_async (sm_store_get_path (self->store), osm_path, NULL, import_progress_cb,
                               self, cancellable, import_done_cb, g_object_ref (self));
}

/* The local path a file dialog was answered with, or NULL. */
static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
import_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  SmWindow        *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    sm_window_import_osm (self, path);
  g_object_unref (dialog);
}

static void
import_osm_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->import_cancellable != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Import an OpenStreetMap Extract"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("OpenStreetMap extracts (.osm.pbf, .osm)"));
  gtk_file_filter_add_pattern (filter, "*.osm.pbf");
  gtk_file_filter_add_pattern (filter, "*.pbf");
  gtk_file_filter_add_pattern (filter, "*.osm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- importing cases ------------------------------------------------- */

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "household_key", N_("Household (rows with the same value are one household)") },
  { "address", N_("Address") },
  { "postal_code", N_("Postal code") },
  { "settlement", N_("Settlement") },
  { "settlement_part", N_("Settlement part") },
  { "x", N_("Longitude or EOV easting") },
  { "y", N_("Latitude or EOV northing") },
  { "family_name", N_("Family name") },
  { "given_name", N_("Given name") },
  { "birth_year", N_("Birth year") },
  { "sex", N_("Sex") },
  { "role", N_("Role in the household") },
  { "need_category", N_("Need category") },
  { "need_severity", N_("Severity") },
  { "need_assessed_on", N_("Assessed on") },
  { "need_resolved_on", N_("Resolved on") },
  { "need_note", N_("Note") },
  { "synthetic", N_("Synthetic (test data)") },
};

static void start_case_import (SmWindow   *self,
                               const char *path,
                               GHashTable *columns,
                               gboolean    skip_bad_rows);

static void
rejected_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SmWindow         *self)
{
  if (g_str_equal (response, "import"))
    start_case_import (self, g_object_get_data (G_OBJECT (dialog), "path"),
                       g_object_get_data (G_OBJECT (dialog), "columns"), TRUE);
}

typedef struct {
  SmWindow   *window;
  char       *path;
  GHashTable *columns;
  gboolean    skip_bad_rows;
} CaseImport;

static void
case_import_free (CaseImport *job)
{
  g_object_unref (job->window);
  g_free (job->path);
  g_hash_table_unref (job->columns);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseImport, case_import_free)

static void
case_import_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CaseImport) job = user_data;
  SmWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmImportReport) report = NULL;
  g_autofree char *text = NULL;

  import_ended (self);
  if (!sm_import_file_finish (result, &report, &error))
    {
      GtkWidget *alert;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          toast (self, _("Import cancelled; nothing was imported"));
          return;
        }
      if (report != NULL && report->rejected->len > 0 && !job->skip_bad_rows)
        {
          g_autoptr(GString) body = g_string_new (error->message);

          g_string_append (body, "\n");
          for (guint i = 0; i < MIN (report->rejected->len, 12); i++)
            {
              SmImportRejection *r = g_ptr_array_index (report->rejected, i);

              g_string_append_printf (body, _("\nRow %u: %s"), r->row, r->reason);
            }
          if (report->rejected->len > 12)
            g_string_append_printf (body, _("\n… and %u more"), report->rejected->len - 12);
          alert = adw_message_dialog_new (GTK_WINDOW (self), _("Some Rows Cannot Be Imported"),
                                          body->str);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (alert), "cancel", _("_Cancel"),
                                            "import", _("Import the _Others"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), "import",
                                                      ADW_RESPONSE_SUGGESTED);
          /* The retry needs the file and the mapping, which outlive the job. */
          g_object_set_data_full (G_OBJECT (alert), "path", g_strdup (job->path), g_free);
          g_object_set_data_full (G_OBJECT (alert), "columns", g_hash_table_ref (job->columns),
                                  (GDestroyNotify) g_hash_table_unref);
          g_signal_connect (alert, "response", G_CALLBACK (rejected_response_cb), self);
          gtk_window_present (GTK_WINDOW (alert));
          return;
        }
      alert = adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Not Imported"),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  text = g_strdup_printf (_("Imported %u households with %u needs; %u placed by address, %u to review"),
                          report->n_households, report->n_needs, report->n_geocoded, report->n_review);
  toast (self, text);
  /* The import wrote through its own connection. */
  sm_store_check_outside (self->store);
  if (report->n_review > 0)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "review");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
}

static void
start_case_import (SmWindow   *self,
                   const char *path,
                   GHashTable *columns,
                   gboolean    skip_bad_rows)
{
  CaseImport *job = g_new0 (CaseImport, 1);
  SmImportOptions options = { .target = SM_IMPORT_HOUSEHOLDS, .columns = columns,
                              .skip_bad_rows = skip_bad_rows };
  GCancellable *cancellable = start_import_job (self, _("Importing"), path);

  job->window = g_object_ref (self);
  job->path = g_strdup (path);
  job->columns = g_hash_table_ref (columns);
  job->skip_bad_rows = skip_bad_rows;
  sm_import_file_async (sm_store_get_path (self->store), path, &options, import_progress_cb, self,
                        cancellable, case_import_done_cb, job);
}

/**
 * sm_window_import_cases:
 * @columns: field → column, as the mapping dialog gives it
 *
 * Imports households from a file on a worker thread, with progress; rows
 * that cannot be imported are listed and, with consent, left out.
 */
void
sm_window_import_cases (SmWindow   *self,
                        const char *path,
                        GHashTable *columns)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  start_case_import (self, path, columns, FALSE);
}

static void
mapping_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SmWindow         *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");
  char **columns = g_object_get_data (G_OBJECT (dialog), "columns");
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GHashTable) mapping = NULL;

  if (!g_str_equal (response, "import"))
    return;
  mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (rows, i);
      guint selected = adw_combo_row_get_selected (row);

      if (selected > 0)
        g_hash_table_insert (mapping, g_strdup (g_object_get_data (G_OBJECT (row), "field")),
                             g_strdup (columns[selected - 1]));
    }
  start_case_import (self, path, mapping, FALSE);
}

/* Which column holds what: the remembered or guessed mapping, for the
 * person to confirm or change. */
static void
ask_mapping (SmWindow   *self,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = sm_import_read_columns (path, NULL, &error);
  g_autoptr(GHashTable) suggested = NULL;
  g_autoptr(GtkStringList) model = NULL;
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog, *group, *scroller;
  GPtrArray *rows;

  if (columns == NULL)
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("The File Cannot Be Read"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  suggested = sm_import_suggest_columns (self->store, SM_IMPORT_HOUSEHOLDS,
                                         (const char * const *) columns);
  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, _("(not in the file)"));
  for (guint i = 0; columns[i] != NULL; i++)
    gtk_string_list_append (model, columns[i]);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Column Holds What?"), base);
  group = adw_preferences_group_new ();
  rows = g_ptr_array_new ();
  for (guint f = 0; f < G_N_ELEMENTS (field_labels); f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *column = g_hash_table_lookup (suggested, field_labels[f].field);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field_labels[f].label));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      for (guint i = 0; column != NULL && columns[i] != NULL; i++)
        if (g_str_equal (columns[i], column))
          adw_combo_row_set_selected (row, i + 1);
      g_object_set_data (G_OBJECT (row), "field", (gpointer) field_labels[f].field);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
      g_ptr_array_add (rows, row);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), group);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "columns", g_steal_pointer (&columns),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (mapping_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cases_file_chosen_cb (GtkNativeDialog *dialog,
                      int              response,
                      SmWindow        *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    ask_mapping (self, path);
  g_object_unref (dialog);
}

static void
import_cases_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const patterns[] = {
    "*.csv", "*.xlsx", "*.ods", "*.geojson", "*.json", "*.gpkg", "*.shp", "*.xls"
  };

  if (self->import_cancellable != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Import Households"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tables and GIS files"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (cases_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- exporting -------------------------------------------------------- */

/**
 * sm_window_export:
 *
 * Writes what the window's filter shows; says how it went in a toast or a
 * dialog. Returns: whether the file was written
 */
gboolean
sm_window_export (SmWindow              *self,
                  const char            *path,
                  const SmExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *base = g_path_get_basename (path);
  guint n = 0;

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  if (!sm_export (self->store, self->filter, path, NULL, options, &n, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Exported"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return FALSE;
    }
  text = g_strdup_printf (ngettext ("Wrote %u row to %s", "Wrote %u rows to %s", n), n, base);
  toast (self, text);
  return TRUE;
}

static void
export_file_chosen_cb (GtkNativeDialog *dialog,
                       int              response,
                       SmWindow        *self)
{
  SmExportOptions *options = g_object_get_data (G_OBJECT (dialog), "options");
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    sm_window_export (self, path, options);
  g_object_unref (dialog);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SmWindow         *self)
{
  static const char * const extensions[] = { "gpkg", "geojson", "csv", "xlsx" };
  AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  AdwComboRow *format = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSpinButton *k = g_object_get_data (G_OBJECT (dialog), "k");
  GtkFileChooserNative *chooser;
  SmExportOptions *options;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  options = g_new0 (SmExportOptions, 1);
  options->kind = (SmExportKind) adw_combo_row_get_selected (kind);
  options->k = gtk_spin_button_get_value_as_int (k);
  name = g_strdup_printf ("%s.%s", options->kind == SM_EXPORT_CASES ? _("cases")
                                   : options->kind == SM_EXPORT_GRID ? _("grid") : _("settlement-parts"),
                          extensions[MIN (adw_combo_row_get_selected (format), 3)]);
  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "options", options, g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  const char *kinds[] = { _("Cases, with exact places"), _("Counts per 250 m grid cell"),
                          _("Counts per settlement part"), NULL };
  const char *formats[] = { "GeoPackage", "GeoJSON", "CSV", "Excel (XLSX)", NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (formats);
  GtkWidget *dialog, *group, *kind, *format, *k_row, *k;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export What the Map Shows"),
                                   _("Counts are for planners and partners: no names, no exact "
                                     "places, and no counts of fewer than k persons or "
                                     "households. Cases carry exact places: keep them inside "
                                     "the office."));
  group = adw_preferences_group_new ();
  kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("What"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kind_model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  format = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (format_model));
  k_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (k_row), _("Smallest count shown (k)"));
  k = gtk_spin_button_new_with_range (SM_DISCLOSURE_MIN_K, 100, 1);
  gtk_widget_set_valign (k, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (k_row), k);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), k_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "k", k);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- databases -------------------------------------------------------- */

static void
database_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    SmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                          &file, 1, "");
    }
  g_object_unref (dialog);
}

static void
choose_database (SmWindow             *self,
                 GtkFileChooserAction  action,
                 const char           *title,
                 const char           *accept)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Social Map databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("town.db"));
  g_signal_connect (dialog, "response", G_CALLBACK (database_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_database (SM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Database"),
                   _("_Open"));
}

static void
new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_database (SM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Database"),
                   _("_Create"));
}

/* --- the other actions ------------------------------------------------ */

static void
new_household_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  self->placing_new = TRUE;
  toast (self, _("Click the map where the household lives"));
}

static void
save_household_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (sm_case_panel_is_dirty (self->case_panel))
    sm_case_panel_save (self->case_panel);
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
  gtk_widget_grab_focus (GTK_WIDGET (SM_WINDOW (widget)->search_entry));
}

static void
show_town_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  show_town (SM_WINDOW (widget));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    shumate_map_zoom_in (get_map (self));
  else
    shumate_map_zoom_out (get_map (self));
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
}

/* --- time ------------------------------------------------------------ */

/* Month @index of the slider as a day: its last day, or today for the
 * current month. */
static void
month_day (SmWindow *self,
           int       index,
           GDate    *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  *day = self->time_first;
  g_date_set_day (day, 1);
  g_date_add_months (day, (guint) index);
  g_date_set_day (day, g_date_get_days_in_month (g_date_get_month (day), g_date_get_year (day)));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  if (g_date_compare (day, &today) > 0)
    *day = today;
}

/**
 * sm_window_show_month:
 * @index: months after the data's first
 * @window: 0: needs open at that month's end; N > 0: needs assessed in the
 *   last N months up to it (the window); -1: every need assessed up to it
 *   (cumulative)
 *
 * What the time slider does: the map, counts and hotspot layers show that
 * month's end.
 */
void
sm_window_show_month (SmWindow *self,
                      int       index,
                      int       window)
{
  GDate day, since;
  char text[64];

  g_return_if_fail (SM_IS_WINDOW (self));

  month_day (self, index, &day);
  g_date_strftime (text, sizeof text, "%Y %B", &day);
  gtk_label_set_label (self->time_label, text);
  if (window > 0)
    {
      since = day;
      g_date_subtract_months (&since, window);
      g_date_add_days (&since, 1);
      sm_filter_set_as_of_since (self->filter, &day, &since, SM_NEED_ANY);
    }
  else
    sm_filter_set_as_of_since (self->filter, &day, NULL, window < 0 ? SM_NEED_ANY : SM_NEED_OPEN);
}

static void
time_changed_cb (SmWindow *self)
{
  /* The time mode's choices, in the order of the drop-down. */
  static const int windows[] = { 0, 3, 6, 12, 24, -1 };
  guint mode = gtk_drop_down_get_selected (self->time_mode);

  sm_window_show_month (self, (int) gtk_range_get_value (GTK_RANGE (self->time_scale)),
                        windows[MIN (mode, G_N_ELEMENTS (windows) - 1)]);
}

/**
 * sm_window_step_month:
 *
 * One step of play: the time slider moves a month on and every layer
 * follows at once (a drag waits for the slider to settle; a step does not).
 *
 * Returns: %FALSE at the last month
 */
gboolean
sm_window_step_month (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));
  double next = gtk_adjustment_get_value (adj) + 1;

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  if (next > gtk_adjustment_get_upper (adj))
    return FALSE;
  gtk_adjustment_set_value (adj, next);
  sm_hotspot_layer_flush (self->hotspot_layer);
  sm_area_layer_flush (self->area_layer);
  return TRUE;
}

/**
 * sm_window_set_month:
 * @index: months after the data's first
 *
 * Puts the time slider on a month, as a person would.
 */
void
sm_window_set_month (SmWindow *self,
                     int       index)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  gtk_range_set_value (GTK_RANGE (self->time_scale), index);
}

static gboolean
play_step_cb (gpointer data)
{
  SmWindow *self = data;

  if (!sm_window_step_month (self))
    {
      self->play_id = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
play_toggled_cb (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));

  g_clear_handle_id (&self->play_id, g_source_remove);
  if (gtk_toggle_button_get_active (self->play_button))
    {
      if (gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj))
        gtk_adjustment_set_value (adj, 0);
      self->play_id = g_timeout_add (700, play_step_cb, self);
      gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-pause-symbolic");
    }
  else
    gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
}

static void
setup_time (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate last;
  int months;
  char text[64];

  if (!sm_store_get_need_span (self->store, &self->time_first, &last))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->time_bar), FALSE);
      return;
    }
  months = (g_date_time_get_year (now) - g_date_get_year (&self->time_first)) * 12 +
           (g_date_time_get_month (now) - (int) g_date_get_month (&self->time_first));
  gtk_adjustment_set_upper (adj, MAX (0, months));
  gtk_adjustment_set_value (adj, MAX (0, months));
  month_day (self, months, &last);
  g_date_strftime (text, sizeof text, "%Y %B", &last);
  gtk_label_set_label (self->time_label, text);
  g_signal_connect_swapped (self->time_scale, "value-changed", G_CALLBACK (time_changed_cb), self);
  g_signal_connect_swapped (self->time_mode, "notify::selected", G_CALLBACK (time_changed_cb), self);
  g_signal_connect_swapped (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self);
}

static void
hotspot_zoom_cb (SmWindow *self,
                 double    west,
                 double    south,
                 double    east,
                 double    north)
{
  ShumateMap *map = get_map (self);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double span = MAX ((east - west) * cos ((south + north) / 2 * G_PI / 180), north - south);
  double width = MAX (200, gtk_widget_get_width (GTK_WIDGET (map)));
  double zoom = log2 (360.0 * width / 256.0 / MAX (span, 1e-5)) - 0.3;

  shumate_map_center_on (map, (south + north) / 2, (west + east) / 2);
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 10, 18));
}

/* --- window state ----------------------------------------------------- */

static void
save_state (SmWindow *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (get_map (self));
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
      unless_unsaved (self, close_now, NULL);
      return TRUE;
    }
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  commit_pending_delete (self);
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
                                    g_str_equal (page, "case") || g_str_equal (page, "review") ||
                                    g_str_equal (page, "hotspots") ? page : "filters");

  show_town (self);
  /* The place last looked at, if it was in this database. */
  if (g_strcmp0 (last, sm_store_get_path (self->store)) == 0 && (lat != 0 || lon != 0))
    {
      shumate_map_center_on (get_map (self), lat, lon);
      shumate_viewport_set_zoom_level (shumate_map_get_viewport (get_map (self)),
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
  if (self->store != NULL)
    commit_pending_delete (self);
  if (self->search_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->search_popover)))
    gtk_widget_unparent (GTK_WIDGET (self->search_popover));
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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, title);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, search_popover);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, layers_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, counts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_bar);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, play_button);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_scale);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_label);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, time_mode);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_result_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);

  gtk_widget_class_install_action (widget_class, "win.new-household", NULL, new_household_action);
  gtk_widget_class_install_action (widget_class, "win.save-household", NULL, save_household_action);
  gtk_widget_class_install_action (widget_class, "win.delete-household", NULL,
                                   delete_household_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.open-database", NULL, open_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);
  gtk_widget_class_install_action (widget_class, "win.import-osm", NULL, import_osm_action);
  gtk_widget_class_install_action (widget_class, "win.import-cases", NULL, import_cases_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.layers", NULL);
}

static void
sm_window_init (SmWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->search_popover), GTK_WIDGET (self->search_entry));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

SmWindow *
sm_window_new (GtkApplication *application,
               SmStore        *store)
{
  SmWindow *self = g_object_new (SM_TYPE_WINDOW, "application", application, NULL);
  ShumateMap *map = get_map (self);
  GtkGesture *click = gtk_gesture_click_new ();
  static const char * const layer_keys[] = { "show-cases", "show-services", "show-boundaries" };

  self->settings = g_settings_new (APP_ID);
  self->store = g_object_ref (store);
  self->context = sm_context_new (store, self->settings);
  self->filter = g_object_ref (sm_context_get_filter (self->context));
  self->outside_id = g_timeout_add_seconds (2, check_outside_cb, self);
  g_signal_connect_swapped (self, "notify::is-active", G_CALLBACK (active_changed_cb), self);

  apply_basemap (self);
  g_signal_connect_swapped (self->settings, "changed::basemap", G_CALLBACK (apply_basemap), self);
  g_signal_connect_swapped (self->settings, "changed::mbtiles-path", G_CALLBACK (apply_basemap), self);

  self->area_layer = sm_area_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->area_layer));
  self->hotspot_layer = sm_hotspot_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->hotspot_layer));
  self->case_layer = sm_case_layer_new (shumate_map_get_viewport (map), self->context);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->case_layer));
  g_signal_connect_swapped (self->case_layer, "updated", G_CALLBACK (update_counts_cb), self);

  self->filter_panel = sm_filter_panel_new (self->context);
  self->case_panel = sm_case_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->filter_panel), "filters", _("Filters"));
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->case_panel), "case", _("Case"));
  g_signal_connect_swapped (self->case_panel, "saved", G_CALLBACK (case_saved_cb), self);
  self->review_panel = sm_review_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->review_panel), "review", _("Review"));
  g_signal_connect_swapped (self->review_panel, "open", G_CALLBACK (review_open_cb), self);
  g_signal_connect_swapped (self->review_panel, "placed", G_CALLBACK (review_placed_cb), self);
  g_signal_connect_swapped (self->review_panel, "notify::count", G_CALLBACK (update_review_title),
                            self);
  update_review_title (self);
  self->hotspot_panel = sm_hotspot_panel_new (self->context, self->hotspot_layer,
                                             self->area_layer);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->hotspot_panel), "hotspots", _("Hotspots"));
  g_signal_connect_swapped (self->hotspot_panel, "zoom", G_CALLBACK (hotspot_zoom_cb), self);

  setup_time (self);
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
  g_signal_connect (click, "released", G_CALLBACK (map_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (map), TRUE);
  g_signal_connect (map, "query-tooltip", G_CALLBACK (map_query_tooltip_cb), self);

  update_counts_cb (self);
  update_case_actions (self);
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

SmReviewPanel *
sm_window_get_review_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->review_panel;
}

ShumateMap *
sm_window_get_map (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return get_map (self);
}

const char *
sm_window_get_counts_text (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->counts_text;
}
