#define G_LOG_DOMAIN "sm-directory-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-boundary.h"
#include "sm-coverage.h"
#include "sm-directory-panel-private.h"
#include "sm-geometry.h"
#include "sm-store-catchments.h"

/* The edited service's catchment: said in the editor, outlined on the
 * map, drawn there corner by corner (the window gives the clicks and the
 * keys while drawing), removed after asking. */

static void
toast (SmDirectoryPanel *self,
       const char       *text)
{
  g_signal_emit (self, _sm_directory_panel_signals[SM_DIRECTORY_PANEL_TOAST], 0, text);
}

static void fill_boundaries (SmDirectoryPanel *self);

static void
sketch_changed (SmDirectoryPanel *self)
{
  g_signal_emit (self, _sm_directory_panel_signals[SM_DIRECTORY_PANEL_SKETCH_CHANGED], 0);
}

/**
 * _sm_directory_panel_show_catchment:
 *
 * Reads the edited service's catchments again: the editor says what they
 * are and the map outlines them.
 */
void
_sm_directory_panel_show_catchment (SmDirectoryPanel *self)
{
  g_autoptr(GPtrArray) areas = self->editing != 0 && gtk_widget_get_visible (self->editor_scroll)
                               ? sm_store_list_service_areas (self->store, self->editing, NULL) : NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->boundary_ids == NULL)
    self->boundary_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->boundary_ids->len == 0)
    fill_boundaries (self);
  g_clear_pointer (&self->catchments, g_ptr_array_unref);
  self->catchments = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_shape_free);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      const SmServiceAreaRecord *a = g_ptr_array_index (areas, i);
      SmShape *shape = sm_shape_new ();
      gsize size = 0;
      const guint8 *data = a->geometry ? g_bytes_get_data (a->geometry, &size) : NULL;

      if (data != NULL && sm_shape_add_wkb (shape, data, size, NULL))
        g_ptr_array_add (self->catchments, shape);
      else
        sm_shape_free (shape);
      g_string_append_printf (text, "%s%s", text->len ? "; " : "",
                              a->name ? a->name : a->boundary_id ? _("a boundary") : _("an area drawn"));
    }
  if (self->editing == 0)
    gtk_label_set_text (self->catchment_label, _("Save the service to give it a catchment."));
  else if (text->len == 0)
    gtk_label_set_text (self->catchment_label, _("None: anyone who reaches the service may use it."));
  else
    gtk_label_set_text (self->catchment_label, text->str);
  gtk_widget_set_sensitive (self->catchment_draw_button, self->editing != 0 && !self->drawing);
  gtk_widget_set_sensitive (self->catchment_remove_button, areas != NULL && areas->len > 0 && !self->drawing);
  sketch_changed (self);
}

static void
draw_clicked_cb (SmDirectoryPanel *self)
{
  if (self->editing == 0)
    return;
  self->drawing = TRUE;
  g_array_set_size (self->corners, 0);
  _sm_directory_panel_show_catchment (self);
  toast (self, _("Click the catchment's corners on the map; Enter or a double click finishes it, "
                 "Backspace takes back a corner, Escape stops"));
}

/**
 * sm_directory_panel_is_drawing:
 *
 * Whether a catchment is being drawn: clicks on the map are its corners.
 */
gboolean
sm_directory_panel_is_drawing (SmDirectoryPanel *self)
{
  g_return_val_if_fail (SM_IS_DIRECTORY_PANEL (self), FALSE);
  return self->drawing;
}

void
sm_directory_panel_add_corner (SmDirectoryPanel *self,
                               double            lat,
                               double            lon)
{
  double corner[2] = { lon, lat };

  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  if (!self->drawing)
    return;
  g_array_append_vals (self->corners, corner, 2);
  sketch_changed (self);
}

void
sm_directory_panel_undo_corner (SmDirectoryPanel *self)
{
  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  if (self->drawing && self->corners->len >= 2)
    {
      g_array_set_size (self->corners, self->corners->len - 2);
      sketch_changed (self);
    }
}

void
sm_directory_panel_cancel_drawing (SmDirectoryPanel *self)
{
  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  if (!self->drawing)
    return;
  self->drawing = FALSE;
  g_array_set_size (self->corners, 0);
  _sm_directory_panel_show_catchment (self);
}

/**
 * sm_directory_panel_finish_drawing:
 *
 * The corners drawn become the service's catchment, in the place of what
 * it had, as one action; when they make no catchment, the panel says why
 * and drawing goes on.
 *
 * Returns: whether the catchment was saved
 */
gboolean
sm_directory_panel_finish_drawing (SmDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) wkb = NULL;

  g_return_val_if_fail (SM_IS_DIRECTORY_PANEL (self), FALSE);
  if (!self->drawing)
    return FALSE;
  wkb = sm_coverage_ring_to_wkb ((const double *) self->corners->data, self->corners->len / 2, &error);
  if (wkb == NULL ||
      sm_coverage_replace_areas (self->store, self->editing, _("drawn on the map"), wkb, 0, &error) < 0)
    {
      toast (self, error->message);
      return FALSE;
    }
  self->drawing = FALSE;
  g_array_set_size (self->corners, 0);
  _sm_directory_panel_show_catchment (self);
  toast (self, _("Catchment saved"));
  return TRUE;
}

/**
 * sm_directory_panel_get_sketch:
 * @corners: (out) (transfer none) (element-type double): being drawn
 * @catchments: (out) (transfer none) (element-type SmShape): the edited
 *   service's
 */
void
sm_directory_panel_get_sketch (SmDirectoryPanel  *self,
                               GArray           **corners,
                               GPtrArray        **catchments)
{
  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  *corners = self->corners;
  *catchments = self->catchments;
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SmDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "remove"))
    {
      if (sm_coverage_replace_areas (self->store, self->editing, NULL, NULL, 0, &error) < 0)
        toast (self, error->message);
      _sm_directory_panel_show_catchment (self);
    }
  g_object_unref (self);
}

static void
remove_clicked_cb (SmDirectoryPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                                             : NULL,
                                                                         _("Remove the catchment?"), NULL));

  adw_message_dialog_set_body (dialog, _("The service will be counted as in reach of every household. "
                                         "Its catchment can be drawn or imported again."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The boundaries a catchment may be: the settlements and their parts. */
static void
fill_boundaries (SmDirectoryPanel *self)
{
  g_autoptr(GPtrArray) list = sm_boundary_list (self->store, NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->boundary_ids, 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SmBoundary *b = g_ptr_array_index (list, i);

      gtk_string_list_append (names, b->name);
      g_array_append_val (self->boundary_ids, b->id);
    }
  gtk_drop_down_set_model (self->catchment_boundary_drop, G_LIST_MODEL (names));
  gtk_widget_set_sensitive (GTK_WIDGET (self->catchment_boundary_drop), self->boundary_ids->len > 0);
}

static void
use_boundary_clicked_cb (SmDirectoryPanel *self)
{
  guint i = gtk_drop_down_get_selected (self->catchment_boundary_drop);
  g_autoptr(GError) error = NULL;

  if (self->editing == 0 || i == GTK_INVALID_LIST_POSITION || i >= self->boundary_ids->len)
    return;
  if (sm_coverage_replace_areas (self->store, self->editing, NULL, NULL,
                                 g_array_index (self->boundary_ids, gint64, i), &error) < 0)
    toast (self, error->message);
  else
    toast (self, _("Catchment saved"));
  _sm_directory_panel_show_catchment (self);
}

static void
file_chosen_cb (GtkNativeDialog  *dialog,
                int               response,
                SmDirectoryPanel *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                                                          : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  if (path != NULL && self->editing != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) wkb = sm_polygons_load_wkb (path, &error);

      if (wkb == NULL || sm_coverage_replace_areas (self->store, self->editing, name, wkb, 0, &error) < 0)
        toast (self, error->message);
      else
        toast (self, _("Catchment saved"));
      _sm_directory_panel_show_catchment (self);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_clicked_cb (SmDirectoryPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Catchment from a File"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Maps of areas (GeoJSON, GeoPackage, Shapefile, KML)"));
  for (const char *const *p = (const char *const[]) { "*.geojson", "*.json", "*.gpkg", "*.shp", "*.kml", NULL };
       *p != NULL; p++)
    gtk_file_filter_add_pattern (filter, *p);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * sm_directory_panel_use_boundary:
 * @boundary_id: a boundary of the database
 *
 * Makes a boundary the edited service's catchment, as its button does.
 */
void
sm_directory_panel_use_boundary (SmDirectoryPanel *self,
                                 gint64            boundary_id)
{
  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  for (guint i = 0; i < self->boundary_ids->len; i++)
    if (g_array_index (self->boundary_ids, gint64, i) == boundary_id)
      {
        gtk_drop_down_set_selected (self->catchment_boundary_drop, i);
        use_boundary_clicked_cb (self);
      }
}

void
_sm_directory_panel_install_catchment (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, SmDirectoryPanel, catchment_label);
  gtk_widget_class_bind_template_child (widget_class, SmDirectoryPanel, catchment_draw_button);
  gtk_widget_class_bind_template_child (widget_class, SmDirectoryPanel, catchment_remove_button);
  gtk_widget_class_bind_template_child (widget_class, SmDirectoryPanel, catchment_boundary_drop);
  gtk_widget_class_bind_template_callback_full (widget_class, "catchment_use_boundary_clicked_cb",
                                                G_CALLBACK (use_boundary_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "catchment_import_clicked_cb",
                                                G_CALLBACK (import_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "catchment_draw_clicked_cb",
                                                G_CALLBACK (draw_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "catchment_remove_clicked_cb",
                                                G_CALLBACK (remove_clicked_cb));
  _sm_directory_panel_signals[SM_DIRECTORY_PANEL_SKETCH_CHANGED] =
    g_signal_new ("sketch-changed", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}
