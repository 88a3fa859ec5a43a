#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-basemap.h"
#include "sm-basemap-source.h"
#include "sm-store-basemap.h"
#include "sm-boundary.h"
#include "sm-mbtiles-source.h"
#include "sm-online-tile-source.h"
#include "sm-window-private.h"

/* What the map stands on and where it opens: the basemap chosen (and the
 * hint when there is none), and the first view of the whole town. */

#define OSM_TILE_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* --- basemap ---------------------------------------------------------- */

void
_sm_window_apply_basemap (SmWindow *self)
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
          _sm_window_toast (self, text);
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
  /* A town without streets says so, with the way to them. */
  gtk_widget_set_visible (self->basemap_hint, SM_IS_PLAIN_TILE_SOURCE (source) &&
                                              !g_object_get_data (G_OBJECT (self), "basemap-hint-hidden"));
  renderer = shumate_raster_renderer_new_full (id, name, license,
                                               "https://www.openstreetmap.org/copyright",
                                               0, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                               source);
  shumate_simple_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (renderer));
  g_object_unref (renderer);
}

/* The zoom that shows [w, e] × [s, n] whole in the map's @width ×
 * @height pixels, with room for the controls over the map, in quarters of
 * a level (the zoom buttons step to whole levels from it). */
static double
fitting_zoom (double w,
              double s,
              double e,
              double n,
              double width,
              double height)
{
  double merc_n = log (tan (G_PI / 4 + n * G_PI / 360)), merc_s = log (tan (G_PI / 4 + s * G_PI / 360));
  double zx = log2 ((width - 2 * 70) * 360 / (256 * MAX (e - w, 1e-6)));
  double zy = log2 ((height - 2 * 80) * 2 * G_PI / (256 * MAX (merc_n - merc_s, 1e-9)));

  return CLAMP (floor (MIN (zx, zy) * 4) / 4, 3, 17);
}

static gboolean
fit_when_allocated_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       data)
{
  SmWindow *self = data;
  double *box = g_object_get_data (G_OBJECT (widget), "sm-fit-box");
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));

  if (box == NULL)
    return G_SOURCE_REMOVE;
  if (width < 200 || height < 200)
    return G_SOURCE_CONTINUE;
  /* Moved meanwhile (a click, a key, a choice): the view stays as it was put. */
  if (shumate_viewport_get_zoom_level (viewport) != box[4] ||
      fabs (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)) - box[5]) > 1e-9 ||
      fabs (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) - box[6]) > 1e-9)
    {
      g_object_set_data (G_OBJECT (widget), "sm-fit-box", NULL);
      return G_SOURCE_REMOVE;
    }
  shumate_map_center_on (_sm_window_get_map (self), (box[1] + box[3]) / 2, (box[0] + box[2]) / 2);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (_sm_window_get_map (self)),
                                   fitting_zoom (box[0], box[1], box[2], box[3], width, height));
  g_object_set_data (G_OBJECT (widget), "sm-fit-box", NULL);
  return G_SOURCE_REMOVE;
}

/* The whole town in view, as wide as the map is beside the side panel; on
 * a window not laid out yet, once it is. */
void
_sm_window_show_town (SmWindow *self)
{
  g_autofree char *town = NULL;
  g_autoptr(SmShape) shape = NULL;
  GtkWidget *map = GTK_WIDGET (_sm_window_get_map (self));
  double w = 18.23, s = 47.58, e = 18.42, n = 47.68;
  double *box = g_new (double, 7);
  ShumateViewport *viewport = shumate_map_get_viewport (_sm_window_get_map (self));

  if (!sm_store_get_meta (self->store, "demo.town", &town))
    town = g_strdup ("Tata");
  shape = sm_boundary_get_shape (self->store, town, "settlement", NULL);
  if (shape != NULL)
    sm_shape_get_bbox (shape, &w, &s, &e, &n);
  else if (sm_basemap_get_extent (self->store, &w, &s, &e, &n))
    g_clear_pointer (&town, g_free);   /* a database of some other place */
  box[0] = w, box[1] = s, box[2] = e, box[3] = n;
  shumate_map_center_on (_sm_window_get_map (self), (s + n) / 2, (w + e) / 2);
  shumate_viewport_set_zoom_level (viewport, 12);
  box[4] = shumate_viewport_get_zoom_level (viewport);
  box[5] = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  box[6] = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_object_set_data_full (G_OBJECT (map), "sm-fit-box", box, g_free);
  gtk_widget_add_tick_callback (map, fit_when_allocated_cb, self, NULL);
  adw_window_title_set_subtitle (self->title, town);
}

