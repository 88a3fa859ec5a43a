#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <math.h>

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
#include "sm-service-symbol.h"
#include "sm-review-panel.h"
#include "sm-jobs.h"
#include "sm-window-private.h"



/* --- moving around ---------------------------------------------------- */

static void
pan_by (SmWindow *self,
        double    fx,
        double    fy)
{
  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));
  GtkWidget *widget = GTK_WIDGET (_sm_window_get_map (self));
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget), lat, lon;

  shumate_viewport_widget_coords_to_location (viewport, widget, w / 2 + fx * w, h / 2 + fy * h,
                                              &lat, &lon);
  shumate_map_center_on (_sm_window_get_map (self), lat, lon);
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

gboolean
_sm_window_key_pressed_cb (SmWindow        *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  return sm_window_press_map_key (self, keyval, state);
}

/**
 * sm_window_press_map_key:
 *
 * What a key does on the map: draw a catchment's corners while one is
 * drawn (Enter, Backspace, Escape); move and zoom the map when it has the
 * focus (the arrows, + and -).
 *
 * Returns: whether the key was taken
 */
gboolean
sm_window_press_map_key (SmWindow        *self,
                         guint            keyval,
                         GdkModifierType  state)
{
  /* While a catchment is drawn, its keys. */
  if (sm_directory_panel_is_drawing (self->directory_panel) && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    switch (keyval)
      {
      case GDK_KEY_Return: case GDK_KEY_KP_Enter:
        sm_directory_panel_finish_drawing (self->directory_panel);
        return TRUE;
      case GDK_KEY_BackSpace:
        sm_directory_panel_undo_corner (self->directory_panel);
        return TRUE;
      case GDK_KEY_Escape:
        sm_directory_panel_cancel_drawing (self->directory_panel);
        return TRUE;
      default:
        break;
      }
  if (!keys_for_map (self) || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left: case GDK_KEY_KP_Left: pan_by (self, -0.25, 0); return TRUE;
    case GDK_KEY_Right: case GDK_KEY_KP_Right: pan_by (self, 0.25, 0); return TRUE;
    case GDK_KEY_Up: case GDK_KEY_KP_Up: pan_by (self, 0, -0.25); return TRUE;
    case GDK_KEY_Down: case GDK_KEY_KP_Down: pan_by (self, 0, 0.25); return TRUE;
    case GDK_KEY_plus: case GDK_KEY_equal: case GDK_KEY_KP_Add:
      shumate_map_zoom_in (_sm_window_get_map (self));
      return TRUE;
    case GDK_KEY_minus: case GDK_KEY_KP_Subtract:
      shumate_map_zoom_out (_sm_window_get_map (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* --- selection and the Case page ------------------------------------- */


typedef struct {
  SmWindow *self;
  AfterAsk  then;
  gpointer  data;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->self);
  g_free (ask);
}

/* Saved: go on; not saved: the page shows why, and the window stays. */
static void
ask_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Ask *ask = data;

  if (sm_case_panel_save_finish (SM_CASE_PANEL (source), result, NULL))
    ask->then (ask->self, ask->data);
  else
    adw_flap_set_reveal_flap (ask->self->flap, TRUE);
  ask_free (ask);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  Ask *ask = user_data;

  /* One answer per question. */
  g_signal_handlers_disconnect_by_data (dialog, ask);
  if (g_str_equal (response, "save"))
    {
      /* The save may wait for another program; the page says so. */
      gtk_stack_set_visible_child_name (ask->self->panel_stack, "case");
      sm_case_panel_save_async (ask->self->case_panel, ask_saved_cb, ask);
      return;
    }
  if (!g_str_equal (response, "cancel"))
    ask->then (ask->self, ask->data);
  ask_free (ask);
}

/* Runs @then now, or once the user has saved or dropped unsaved edits. */
void
_sm_window_unless_unsaved (SmWindow *self,
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

void
_sm_window_update_case_actions (SmWindow *self)
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
      _sm_window_toast (self, error->message);
      return;
    }
  sm_case_layer_set_selected (self->case_layer, id);
  if (id != 0)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "case");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  _sm_window_update_case_actions (self);
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
  _sm_window_unless_unsaved (self, do_select, GSIZE_TO_POINTER ((gsize) household_id));
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
  _sm_window_update_case_actions (self);
  g_free (at);
}

/* What the analysis layers show at a place, the topmost first: a cluster
 * of excess, a measure on an area, a coverage gap, a signal, a Gi* cell,
 * an area. */
static char *
layers_describe (SmWindow *self,
                 double    lat,
                 double    lon)
{
  char *text = sm_excess_layer_describe (self->excess_layer, lat, lon);

  if (text == NULL)
    text = sm_measure_layer_describe (self->measure_layer, lat, lon);
  if (text == NULL)
    text = sm_coverage_layer_describe (self->coverage_layer, lat, lon);
  if (text == NULL)
    text = sm_signal_layer_describe (self->signal_layer, lat, lon);
  if (text == NULL)
    text = sm_hotspot_layer_describe (self->hotspot_layer, lat, lon);
  if (text == NULL)
    text = sm_area_layer_describe (self->area_layer, lat, lon);
  return text;
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
  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));
  SmCaseLayerItem item;
  double lat, lon;

  g_return_if_fail (SM_IS_WINDOW (self));

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (_sm_window_get_map (self)), x, y,
                                              &lat, &lon);
  if (sm_directory_panel_is_drawing (self->directory_panel))
    {
      sm_directory_panel_add_corner (self->directory_panel, lat, lon);
      return;
    }
  if (self->placing_new)
    {
      double *at = g_new (double, 2);

      self->placing_new = FALSE;
      at[0] = lat;
      at[1] = lon;
      _sm_window_unless_unsaved (self, start_new_household, at);
      return;
    }
  if (sm_case_panel_is_placing (self->case_panel))
    {
      sm_case_panel_place (self->case_panel, lat, lon);
      return;
    }
  if (!sm_case_layer_pick (self->case_layer, x, y, &item))
    {
      /* A cluster, a Gi* cell or an area says what it is. */
      g_autofree char *what = layers_describe (self, lat, lon);
      g_auto(GStrv) lines = what != NULL ? g_strsplit (what, "\n", -1) : NULL;
      g_autofree char *one = lines != NULL ? g_strjoinv (" — ", lines) : NULL;

      if (one != NULL)
        _sm_window_toast (self, one);
      return;
    }
  switch (item.kind)
    {
    case SM_CASE_LAYER_HOUSEHOLD:
      sm_window_select_household (self, item.id);
      break;
    case SM_CASE_LAYER_CLUSTER:
      shumate_map_center_on (_sm_window_get_map (self), item.lat, item.lon);
      shumate_viewport_set_zoom_level (viewport,
                                       MIN (shumate_viewport_get_zoom_level (viewport) + 2, 18));
      break;
    case SM_CASE_LAYER_SERVICE:
      /* Every service at the place, on the Directory page. */
      sm_directory_panel_show_place (self->directory_panel, item.lat, item.lon);
      gtk_stack_set_visible_child_name (self->panel_stack, "directory");
      break;
    case SM_CASE_LAYER_NOTHING:
    default:
      break;
    }
}

void
_sm_window_map_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 SmWindow        *self)
{
  if (n_press == 1)
    sm_window_click_map (self, x, y);
  else if (n_press == 2 && sm_directory_panel_is_drawing (self->directory_panel))
    sm_directory_panel_finish_drawing (self->directory_panel);
}

/* The edited service's catchment, and the one being drawn, on the map;
 * a cross for a cursor while drawing. */
static void
sketch_changed_cb (SmWindow *self)
{
  GArray *corners;
  GPtrArray *catchments;
  gboolean drawing = sm_directory_panel_is_drawing (self->directory_panel);

  sm_directory_panel_get_sketch (self->directory_panel, &corners, &catchments);
  sm_sketch_layer_set_corners (self->sketch_layer, corners);
  sm_sketch_layer_set_shapes (self->sketch_layer, catchments);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (_sm_window_get_map (self)), drawing ? "crosshair" : NULL);
  if (drawing)
    gtk_widget_grab_focus (GTK_WIDGET (_sm_window_get_map (self)));
}

SmSketchLayer *
sm_window_get_sketch_layer (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->sketch_layer;
}

void
_sm_window_setup_sketch (SmWindow *self)
{
  ShumateMap *map = _sm_window_get_map (self);

  self->sketch_layer = sm_sketch_layer_new (shumate_map_get_viewport (map));
  shumate_map_add_layer (map, SHUMATE_LAYER (self->sketch_layer));
  g_signal_connect_swapped (self->directory_panel, "sketch-changed", G_CALLBACK (sketch_changed_cb), self);
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
      name = g_markup_escape_text (sm_localized_name (c->name_hu, c->name_en), -1);
      /* Translators: a need in the map's tooltip: category, severity 1–3, date */
      /* Translators: a need in a household's tooltip: its category, severity (1–3) and day */
      g_string_append_printf (text, _("\n• %s · severity %d of 3 · since %s"), name, n->severity, n->assessed_on);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The service place under the pointer, as the case layer drew it. */
static char *
service_tooltip (SmWindow *self,
                 gint64    location_id)
{
  const SmServicePoint *p = sm_case_layer_get_service_point (self->case_layer, location_id);
  g_autofree char *many = NULL, *name = NULL, *services = NULL, *late = NULL, *overdue = NULL;
  SmServiceSymbol symbol;

  if (p == NULL)
    return NULL;
  many = g_strdup_printf (ngettext ("%u service at this place", "%u services at this place", p->n_services),
                          p->n_services);
  name = g_markup_escape_text (p->name ? p->name : many, -1);
  services = g_markup_escape_text (p->services ? p->services : "", -1);
  /* What the symbol's shape stands for, as a legend would say. */
  symbol = sm_service_symbol_for_place (p->service_types, p->n_services);
  late = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral here not answered in time",
                                       "%u referrals here not answered in time", p->n_overdue), p->n_overdue);
  overdue = p->n_overdue == 0 ? g_strdup ("")
            : g_markup_printf_escaped ("\n<span foreground=\"#c01c28\">%s</span>", late);
  /* Translators: the last line of a service's tooltip on the map */
  return g_strdup_printf ("<b>%s</b>\n%s%s\n<small>%s · %s</small>", name, services, overdue,
                          sm_service_symbol_name (symbol), _("Click to list them in the directory"));
}

gboolean
_sm_window_map_query_tooltip_cb (GtkWidget  *widget,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      SmWindow   *self)
{
  SmCaseLayerItem item;
  g_autofree char *markup = NULL;

  if (keyboard)
    return FALSE;
  if (!sm_case_layer_pick (self->case_layer, x, y, &item))
    {
      ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));
      g_autofree char *what = NULL;
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, widget, x, y, &lat, &lon);
      what = layers_describe (self, lat, lon);
      if (what == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, what);
      return TRUE;
    }
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

void
_sm_window_review_open_cb (SmWindow *self,
                gint64    household_id)
{
  SmHousehold h;

  if (sm_store_get_household (self->store, household_id, &h, NULL))
    {
      if (h.has_location)
        shumate_map_center_on (_sm_window_get_map (self), h.lat, h.lon);
      sm_household_clear (&h);
    }
  sm_window_select_household (self, household_id);
}

void
_sm_window_review_placed_cb (SmWindow   *self,
                  gint64      household_id,
                  double      lat,
                  double      lon,
                  const char *failure)
{
  if (failure != NULL)
    {
      _sm_window_toast (self, failure);
      return;
    }
  shumate_map_center_on (_sm_window_get_map (self), lat, lon);
  _sm_window_toast (self, _("Placed at the chosen candidate"));
}

void
_sm_window_review_waiting_cb (SmWindow *self)
{
  _sm_window_toast (self, _("Another program is writing to the database; the household is "
                            "placed as soon as it is done"));
}

/* --- search ----------------------------------------------------------- */

void
_sm_window_search_chosen_cb (SmWindow *self,
                             gint64    household_id,
                             double    lat,
                             double    lon)
{
  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));

  shumate_map_center_on (_sm_window_get_map (self), lat, lon);
  if (shumate_viewport_get_zoom_level (viewport) < 16)
    shumate_viewport_set_zoom_level (viewport, 16);
  sm_window_select_household (self, household_id);
}

void
_sm_window_hotspot_zoom_cb (SmWindow *self,
                 double    west,
                 double    south,
                 double    east,
                 double    north)
{
  ShumateMap *map = _sm_window_get_map (self);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double span = MAX ((east - west) * cos ((south + north) / 2 * G_PI / 180), north - south);
  double width = MAX (200, gtk_widget_get_width (GTK_WIDGET (map)));
  double zoom = log2 (360.0 * width / 256.0 / MAX (span, 1e-5)) - 0.3;

  shumate_map_center_on (map, (south + north) / 2, (west + east) / 2);
  shumate_viewport_set_zoom_level (viewport, CLAMP (zoom, 10, 18));
}
