#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-map-sheet.h"
#include "sm-window-private.h"

/* The map as it is shown, printed or exported as PNG, SVG or PDF with its
 * layout: the title, the legend of exactly the layers shown, the scale,
 * north, the day and the filter in words, and the attribution. */

static cairo_surface_t *
capture_view (SmWindow *self)
{
  GtkWidget *map = GTK_WIDGET (_sm_window_get_map (self));
  int w = gtk_widget_get_width (map), h = gtk_widget_get_height (map);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (map);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  cairo_surface_t *image;

  w = MAX (w, 1), h = MAX (h, 1);
  image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL && gtk_widget_get_native (map) != NULL)
    {
      texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (map)), node,
                                             &GRAPHENE_RECT_INIT (0, 0, w, h));
      gdk_texture_download (texture, cairo_image_surface_get_data (image), cairo_image_surface_get_stride (image));
      cairo_surface_mark_dirty (image);
    }
  return image;
}

static void
colour_of (const char *hex,
           double      rgb[3])
{
  GdkRGBA c = { 0.5, 0.5, 0.5, 1 };

  if (hex != NULL)
    gdk_rgba_parse (&c, hex);
  rgb[0] = c.red, rgb[1] = c.green, rgb[2] = c.blue;
}

/* The legend of the layers the map draws now, and nothing else: on the
 * map, and on a printed or exported one. */
static void
add_legend (SmWindow  *self,
            SmPackMap *l)
{
  static const double dark[3] = { 0.15, 0.15, 0.15 }, blue[3] = { 0.10, 0.35, 0.70 }, violet[3] = { 0.45, 0.2, 0.6 };
  static const double red[3] = { 0.85, 0.1, 0.1 }, orange[3] = { 0.95, 0.5, 0.1 }, cyan[3] = { 0.1, 0.6, 0.7 };
  gboolean planner = g_settings_get_boolean (self->settings, "planner-view");
  gboolean heat, gi, change;

  l->legend_title = g_strdup (_("On the map"));
  if (g_settings_get_boolean (self->settings, "show-cases"))
    {
      if (planner)
        {
          g_autofree char *label = g_strdup_printf (_("Households per grid cell; cells under %d not shown"),
                                                    sm_disclosure_get_k (sm_context_get_disclosure (self->context)));

          sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, orange, label);
        }
      else
        {
          g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);
          const GArray *chosen = sm_filter_get_categories (self->filter);

          sm_pack_map_add_legend (l, SM_MAP_SWATCH_CIRCLE, dark,
                                  _("Households with open needs: the colour of the main need, the number of "
                                    "households in a group"));
          for (guint i = 0; i < categories->len; i++)
            {
              SmCategory *c = g_ptr_array_index (categories, i);
              double rgb[3];

              if (chosen != NULL && chosen->len > 0 && !sm_filter_has_category (self->filter, c->id))
                continue;
              colour_of (c->color, rgb);
              sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, rgb, sm_localized_name (c->name_hu, c->name_en));
            }
        }
    }
  sm_hotspot_layer_get_shown (self->hotspot_layer, &heat, &gi, &change);
  if (heat)
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, orange, _("Heat map: where the households shown are densest"));
  if (gi)
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, red, _("Gi* cells: significantly hot (red) or cold (blue)"));
  if (change)
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, violet, _("Change since the day compared"));
  if (sm_excess_layer_get_active (self->excess_layer))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_CIRCLE, sm_pack_map_hot, _("Hotspots (the scan statistic)"));
  if (sm_area_layer_get_show (self->area_layer) != SM_AREA_SHOW_NONE)
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, orange,
                            _("Areas by the households shown; hatched: fewer than 5 households"));
  if (g_settings_get_boolean (self->settings, "show-services"))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_OUTLINE, blue, _("Services: the shape says whom they serve"));
  if (g_settings_get_boolean (self->settings, "show-signals"))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_FILL, cyan, _("Signals of the signalling system"));
  if (g_settings_get_boolean (self->settings, "show-coverage"))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_HATCH, dark, _("Needs no service covers"));
  if (g_settings_get_boolean (self->settings, "show-measures"))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_OUTLINE, violet, _("Measures on areas"));
  if (g_settings_get_boolean (self->settings, "show-boundaries"))
    sm_pack_map_add_legend (l, SM_MAP_SWATCH_OUTLINE, dark, _("Settlement and part boundaries"));
}

/**
 * sm_window_map_sheet:
 *
 * Returns: (transfer full): the map as shown with its layout
 */
SmMapSheet *
sm_window_map_sheet (SmWindow *self)
{
  ShumateMap *map = _sm_window_get_map (self);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double mpp = source ? shumate_map_source_get_meters_per_pixel (source, zoom, lat, lon)
                      : 156543.03392 * cos (lat * G_PI / 180) / pow (2, zoom);
  g_autofree char *town = NULL, *title = NULL, *day = NULL;
  cairo_surface_t *image = capture_view (self);
  SmMapSheet *sheet;
  GDate as_of;

  if (!sm_store_get_meta (self->store, "demo.town", &town) || town == NULL)
    town = g_path_get_basename (sm_store_get_path (self->store));
  title = g_strdup_printf (_("Social Map: %s"), town);
  sheet = sm_map_sheet_new (title, image, mpp);
  cairo_surface_destroy (image);
  sm_filter_get_as_of (self->filter, &as_of);
  day = sm_date_to_iso (&as_of);
  sheet->layout->date_text = g_strdup_printf (g_settings_get_boolean (self->settings, "planner-view")
                                              ? _("The map of %s, planner view") : _("The map of %s"), day);
  sheet->filter_text = sm_filter_describe (self->filter, self->store);
  {
    const char *license = source ? shumate_map_source_get_license (source) : NULL;

    sheet->layout->attribution = g_strdup_printf ("%s%s", license && *license ? license
                                                                              : "© OpenStreetMap contributors",
                                                  license && strstr (license, "KSH") ? "" : "; KSH");
  }
  add_legend (self, sheet->layout);
  return sheet;
}

gboolean
sm_window_export_map (SmWindow    *self,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(SmMapSheet) sheet = sm_window_map_sheet (self);

  return sm_map_sheet_save (sheet, path, NULL, NULL, error);
}

static void
export_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       SmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (sm_window_export_map (self, path, &error))
        {
          g_autofree char *name = g_path_get_basename (path);
          g_autofree char *text = g_strdup_printf (_("The map is written to %s"), name);

          _sm_window_toast (self, text);
        }
      else
        _sm_window_toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
export_map_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Export the Map"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                               _("_Cancel"));
  static const char * const kinds[][2] = { { N_("PDF (A4)"), "*.pdf" }, { N_("SVG"), "*.svg" }, { N_("PNG"), "*.png" } };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(kinds[i][0]));
      gtk_file_filter_add_pattern (filter, kinds[i][1]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* Translators: the file name offered for an exported map */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("map.pdf"));
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              SmMapSheet        *sheet)
{
  sm_map_sheet_draw (gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                     gtk_print_context_get_height (context), sheet);
}

/**
 * sm_window_print_map:
 * @export_to: (nullable): write the print job to this PDF instead of
 *   asking (what a test sees of a print)
 *
 * Prints the map as shown on one A4 landscape page.
 */
GtkPrintOperationResult
sm_window_print_map (SmWindow    *self,
                     const char  *export_to,
                     GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  SmMapSheet *sheet = sm_window_map_sheet (self);
  GtkPrintOperationResult result;

  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, sheet->layout->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), sheet);
  if (export_to != NULL)
    gtk_print_operation_set_export_filename (operation, export_to);
  result = gtk_print_operation_run (operation, export_to ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                         : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), error);
  sm_map_sheet_free (sheet);
  return result;
}

static void
print_map_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (sm_window_print_map (self, NULL, &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    _sm_window_toast (self, error->message);
}

/* --- the legend on the map --------------------------------------------- */

static void
draw_legend_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        data)
{
  SmWindow *self = data;
  g_autoptr(SmPackMap) legend = sm_pack_map_new (NULL);
  double used;

  add_legend (self, legend);
  g_clear_pointer (&legend->legend_title, g_free);
  /* The printed legend's type, a size larger for the screen. */
  cairo_scale (cr, 1.3, 1.3);
  used = 1.3 * sm_pack_map_draw_legend (cr, legend, 0, 0, width / 1.3);
  if ((int) ceil (used) != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, MAX (16, (int) ceil (used)));
}

static void
legend_changed (SmWindow *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

void
_sm_window_setup_legend (SmWindow *self)
{
  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend_cb, self, NULL);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (legend_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (legend_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->case_layer, "updated", G_CALLBACK (legend_changed), self, G_CONNECT_SWAPPED);
}

/* The legend's lines as the map shows them now, for the tests. */
char *
sm_window_describe_legend (SmWindow *self)
{
  g_autoptr(SmPackMap) legend = sm_pack_map_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  add_legend (self, legend);
  for (guint i = 0; i < legend->legend->len; i++)
    g_string_append_printf (text, "%s\n", ((SmMapLegendItem *) g_ptr_array_index (legend->legend, i))->label);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_sm_window_class_init_print (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-map", NULL, export_map_action);
  gtk_widget_class_install_action (widget_class, "win.print-map", NULL, print_map_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-map", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_E, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-map",
                                       NULL);
}
