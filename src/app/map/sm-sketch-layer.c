#define G_LOG_DOMAIN "sm-sketch-layer"

#include "config.h"

#include "sm-geometry.h"
#include "sm-sketch-layer.h"

struct _SmSketchLayer
{
  ShumateLayer  parent_instance;

  GArray       *corners;   /* double: longitude, latitude */
  GPtrArray    *shapes;    /* SmShape, not owned beyond the array's reference */
};

G_DEFINE_FINAL_TYPE (SmSketchLayer, sm_sketch_layer, SHUMATE_TYPE_LAYER)

static void
to_widget (SmSketchLayer *self,
           double         lon,
           double         lat,
           double        *x,
           double        *y)
{
  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self),
                                              lat, lon, x, y);
}

static void
sm_sketch_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SmSketchLayer *self = SM_SKETCH_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint n = self->corners->len / 2;
  cairo_t *cr;
  static const double dash[] = { 6, 4 };

  if ((n == 0 && (self->shapes == NULL || self->shapes->len == 0)) ||
      shumate_viewport_get_reference_map_source (viewport) == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* The service's catchments as they are. */
  for (guint s = 0; self->shapes != NULL && s < self->shapes->len; s++)
    {
      const SmShape *shape = g_ptr_array_index (self->shapes, s);

      for (guint r = 0; r < sm_shape_get_n_rings (shape); r++)
        {
          guint m;
          const double *ring = sm_shape_get_ring (shape, r, &m);

          for (guint i = 0; i < m; i++)
            {
              double x, y;

              to_widget (self, ring[2 * i], ring[2 * i + 1], &x, &y);
              if (i == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
    }
  cairo_set_source_rgba (cr, 0.10, 0.45, 0.70, 0.12);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.10, 0.45, 0.70, 0.9);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
  /* The one being drawn. */
  if (n > 0)
    {
      double x0, y0, x, y;

      to_widget (self, g_array_index (self->corners, double, 0), g_array_index (self->corners, double, 1), &x0, &y0);
      cairo_move_to (cr, x0, y0);
      for (guint i = 1; i < n; i++)
        {
          to_widget (self, g_array_index (self->corners, double, 2 * i),
                     g_array_index (self->corners, double, 2 * i + 1), &x, &y);
          cairo_line_to (cr, x, y);
        }
      if (n >= 3)
        {
          cairo_save (cr);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, 0.85, 0.45, 0.05, 0.18);
          cairo_fill_preserve (cr);
          cairo_restore (cr);
          cairo_new_path (cr);
          cairo_move_to (cr, x0, y0);
          for (guint i = 1; i < n; i++)
            {
              to_widget (self, g_array_index (self->corners, double, 2 * i),
                         g_array_index (self->corners, double, 2 * i + 1), &x, &y);
              cairo_line_to (cr, x, y);
            }
        }
      cairo_set_source_rgb (cr, 0.85, 0.45, 0.05);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      if (n >= 2)
        {
          /* The side that would close it. */
          to_widget (self, g_array_index (self->corners, double, 2 * n - 2),
                     g_array_index (self->corners, double, 2 * n - 1), &x, &y);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x0, y0);
          cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
        }
      for (guint i = 0; i < n; i++)
        {
          to_widget (self, g_array_index (self->corners, double, 2 * i),
                     g_array_index (self->corners, double, 2 * i + 1), &x, &y);
          cairo_arc (cr, x, y, 5, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.85, 0.45, 0.05);
          cairo_set_line_width (cr, 2);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static void
sm_sketch_layer_dispose (GObject *object)
{
  SmSketchLayer *self = SM_SKETCH_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  g_clear_pointer (&self->corners, g_array_unref);
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  G_OBJECT_CLASS (sm_sketch_layer_parent_class)->dispose (object);
}

static void
sm_sketch_layer_class_init (SmSketchLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_sketch_layer_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = sm_sketch_layer_snapshot;
}

static void
sm_sketch_layer_init (SmSketchLayer *self)
{
  self->corners = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SmSketchLayer *
sm_sketch_layer_new (ShumateViewport *viewport)
{
  SmSketchLayer *self = g_object_new (SM_TYPE_SKETCH_LAYER, "viewport", viewport, NULL);

  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self);
  return self;
}

/**
 * sm_sketch_layer_set_corners:
 * @lonlat: (nullable) (element-type double): the corners drawn so far
 */
void
sm_sketch_layer_set_corners (SmSketchLayer *self,
                             GArray        *lonlat)
{
  g_return_if_fail (SM_IS_SKETCH_LAYER (self));
  g_array_set_size (self->corners, 0);
  if (lonlat != NULL)
    g_array_append_vals (self->corners, lonlat->data, lonlat->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_sketch_layer_set_shapes:
 * @shapes: (nullable) (element-type SmShape): the catchments to outline
 */
void
sm_sketch_layer_set_shapes (SmSketchLayer *self,
                            GPtrArray     *shapes)
{
  g_return_if_fail (SM_IS_SKETCH_LAYER (self));
  g_clear_pointer (&self->shapes, g_ptr_array_unref);
  self->shapes = shapes != NULL ? g_ptr_array_ref (shapes) : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
sm_sketch_layer_get_n_corners (SmSketchLayer *self)
{
  return self->corners->len / 2;
}
