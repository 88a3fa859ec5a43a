#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-boundary.h"
#include "sm-plain-tile-source.h"
#include "sm-window.h"

struct _SmWindow
{
  AdwApplicationWindow  parent_instance;

  ShumateSimpleMap     *map;
  GtkLabel             *counts;
  AdwWindowTitle       *title;

  SmStore              *store;
  SmFilter             *filter;
  SmCaseLayer          *case_layer;
};

G_DEFINE_FINAL_TYPE (SmWindow, sm_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_counts_cb (SmWindow *self)
{
  guint households = sm_case_layer_get_n_households (self->case_layer);
  guint needs = sm_case_layer_get_n_needs (self->case_layer);
  g_autofree char *h = g_strdup_printf (ngettext ("%u household", "%u households", households),
                                        households);
  g_autofree char *n = g_strdup_printf (ngettext ("%u open need shown", "%u open needs shown",
                                                  needs), needs);
  g_autofree char *text = g_strdup_printf ("%s · %s", h, n);

  gtk_label_set_label (self->counts, text);
}

/* Centre on the town the database is about (the demo's, else Tata), with
 * all of its parts in view. */
static void
show_town (SmWindow *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  g_autofree char *town = NULL;
  g_autoptr(SmShape) shape = NULL;
  double w = 18.23, s = 47.58, e = 18.42, n = 47.68;

  if (!sm_store_get_meta (self->store, "demo.town", &town))
    town = g_strdup ("Tata");
  shape = sm_store_get_boundary_shape (self->store, town, "settlement", NULL);
  if (shape != NULL)
    sm_shape_get_bbox (shape, &w, &s, &e, &n);
  shumate_map_center_on (map, (s + n) / 2, (w + e) / 2);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), 12.5);
  adw_window_title_set_subtitle (self->title, town);
}

static void
sm_window_dispose (GObject *object)
{
  SmWindow *self = SM_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_WINDOW);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sm_window_parent_class)->dispose (object);
}

static void
sm_window_class_init (SmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_window_dispose;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmWindow, map);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, counts);
  gtk_widget_class_bind_template_child (widget_class, SmWindow, title);
}

static void
sm_window_init (SmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SmWindow *
sm_window_new (GtkApplication *application,
               SmStore        *store)
{
  SmWindow *self = g_object_new (SM_TYPE_WINDOW, "application", application, NULL);
  g_autoptr(ShumateDataSource) source = sm_plain_tile_source_new ();
  g_autoptr(ShumateMapSource) basemap = NULL;
  ShumateMap *map = shumate_simple_map_get_map (self->map);

  self->store = g_object_ref (store);
  self->filter = sm_filter_new ();

  basemap = SHUMATE_MAP_SOURCE (shumate_raster_renderer_new_full (
    "social-map-plain", _("Boundaries only"), "© OpenStreetMap contributors, KSH", NULL,
    8, 19, 256, SHUMATE_MAP_PROJECTION_MERCATOR, source));
  shumate_simple_map_set_map_source (self->map, basemap);

  self->case_layer = sm_case_layer_new (shumate_map_get_viewport (map), store, self->filter);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->case_layer));
  g_signal_connect_swapped (self->case_layer, "updated", G_CALLBACK (update_counts_cb), self);
  update_counts_cb (self);
  show_town (self);
  return self;
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
