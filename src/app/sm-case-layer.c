#define G_LOG_DOMAIN "sm-case-layer"

#include "config.h"

#include <math.h>

#include "sm-boundary.h"
#include "sm-case-layer.h"
#include "sm-query.h"

/* Settlement outlines with their names, and the households the filter
 * matches as dots coloured by their main need and sized by severity, drawn
 * in one cairo node. */

#define TILE_SIZE 256.0

struct _SmCaseLayer
{
  ShumateLayer  parent_instance;

  SmStore      *store;
  SmFilter     *filter;
  GArray       *hits;          /* SmCaseHit */
  GPtrArray    *boundaries;    /* SmBoundary, settlements */
  GArray       *colors;        /* GdkRGBA, indexed by category id */
  guint         n_needs;
};

G_DEFINE_FINAL_TYPE (SmCaseLayer, sm_case_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  double cx, cy;      /* the centre in world pixels */
  double scale;       /* world size in pixels */
  double half_w, half_h;
} Projection;

/* Web Mercator: a point's place in a world @scale pixels wide. */
static inline void
world_xy (double  scale,
          double  lon,
          double  lat,
          double *x,
          double *y)
{
  double s = sin (lat * G_PI / 180.0);

  *x = (lon + 180.0) / 360.0 * scale;
  *y = (0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI)) * scale;
}

static void
projection_init (Projection   *p,
                 SmCaseLayer  *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  p->scale = TILE_SIZE * pow (2.0, shumate_viewport_get_zoom_level (viewport));
  world_xy (p->scale,
            shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
            shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
            &p->cx, &p->cy);
  p->half_w = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  p->half_h = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static inline void
project (const Projection *p,
         double            lon,
         double            lat,
         double           *x,
         double           *y)
{
  world_xy (p->scale, lon, lat, x, y);
  *x += p->half_w - p->cx;
  *y += p->half_h - p->cy;
}

static void
draw_boundaries (SmCaseLayer      *self,
                 cairo_t          *cr,
                 const Projection *p)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 10");

  pango_layout_set_font_description (layout, font);
  for (guint i = 0; i < self->boundaries->len; i++)
    {
      SmBoundary *b = g_ptr_array_index (self->boundaries, i);
      gboolean home = g_strcmp0 (b->name, "Tata") == 0;
      double w, s, e, n, x0, y0, x1, y1;
      int tw, th;

      for (guint r = 0; r < sm_shape_get_n_rings (b->shape); r++)
        {
          guint count;
          const double *pts = sm_shape_get_ring (b->shape, r, &count);

          for (guint k = 0; k < count; k++)
            {
              double x, y;
              project (p, pts[2 * k], pts[2 * k + 1], &x, &y);
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      if (home)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.55, 0.20, 0.45, 0.9);
          cairo_set_line_width (cr, 2.5);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.45, 0.42, 0.38, 0.7);
          cairo_set_line_width (cr, 1.2);
        }
      cairo_stroke (cr);

      sm_shape_get_bbox (b->shape, &w, &s, &e, &n);
      project (p, w, n, &x0, &y0);
      project (p, e, s, &x1, &y1);
      pango_layout_set_text (layout, b->name, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      /* The town itself is named in the title; a neighbour only where its
       * name fits inside it. */
      if (home || x1 - x0 < tw * 1.5)
        continue;
      cairo_set_source_rgba (cr, 0.30, 0.28, 0.25, 0.75);
      cairo_move_to (cr, (x0 + x1 - tw) / 2, (y0 + y1 - th) / 2);
      pango_cairo_show_layout (cr, layout);
    }
  /* Leave no current point behind, or the next arc starts with a line. */
  cairo_new_path (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
draw_cases (SmCaseLayer      *self,
            cairo_t          *cr,
            const Projection *p)
{
  double width = p->half_w * 2, height = p->half_h * 2;

  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < self->hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (self->hits, SmCaseHit, i);
      const GdkRGBA *color = &g_array_index (self->colors, GdkRGBA,
                                             (guint) hit->main_category < self->colors->len
                                               ? (guint) hit->main_category : 0);
      double x, y, r = 2.5 + hit->max_severity;

      project (p, hit->lon, hit->lat, &x, &y);
      if (x < -r || y < -r || x > width + r || y > height + r)
        continue;
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_stroke (cr);
    }
}

static void
sm_case_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SmCaseLayer *self = SM_CASE_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Projection p;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  projection_init (&p, self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_boundaries (self, cr, &p);
  draw_cases (self, cr, &p);
  cairo_destroy (cr);
}

static void
viewport_changed_cb (SmCaseLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_case_layer_refresh:
 *
 * Runs the filter again and redraws.
 */
void
sm_case_layer_refresh (SmCaseLayer *self)
{
  g_autoptr(GError) error = NULL;
  GArray *hits;

  g_return_if_fail (SM_IS_CASE_LAYER (self));

  hits = sm_store_query (self->store, self->filter, &error);
  if (hits == NULL)
    {
      g_warning ("Cannot read the cases: %s", error->message);
      return;
    }
  g_clear_pointer (&self->hits, g_array_unref);
  self->hits = hits;
  self->n_needs = 0;
  for (guint i = 0; i < hits->len; i++)
    self->n_needs += g_array_index (hits, SmCaseHit, i).n_needs;

  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Slot 0 is the grey of a category the store does not know. */
static void
load_colors (SmCaseLayer *self)
{
  static const GdkRGBA grey = { 0.4, 0.4, 0.4, 1 };
  g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);

  g_array_append_val (self->colors, grey);
  for (guint i = 0; i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);
      GdkRGBA rgba;

      if (c->id <= 0 || c->id > G_MAXUINT16 || !gdk_rgba_parse (&rgba, c->color))
        continue;
      while (self->colors->len <= (guint) c->id)
        g_array_append_val (self->colors, grey);
      g_array_index (self->colors, GdkRGBA, c->id) = rgba;
    }
}

static void
sm_case_layer_dispose (GObject *object)
{
  SmCaseLayer *self = SM_CASE_LAYER (object);

  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->boundaries, g_ptr_array_unref);
  g_clear_pointer (&self->colors, g_array_unref);

  G_OBJECT_CLASS (sm_case_layer_parent_class)->dispose (object);
}

static void
sm_case_layer_class_init (SmCaseLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_case_layer_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = sm_case_layer_snapshot;

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_case_layer_init (SmCaseLayer *self)
{
  self->colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->hits = g_array_new (FALSE, FALSE, sizeof (SmCaseHit));
}

SmCaseLayer *
sm_case_layer_new (ShumateViewport *viewport,
                   SmStore         *store,
                   SmFilter        *filter)
{
  g_autoptr(GError) error = NULL;
  SmCaseLayer *self = g_object_new (SM_TYPE_CASE_LAYER, "viewport", viewport, NULL);

  self->store = g_object_ref (store);
  self->filter = g_object_ref (filter);
  self->boundaries = sm_store_list_boundaries (store, "settlement", &error);
  if (self->boundaries == NULL)
    {
      g_warning ("Cannot read the boundaries: %s", error->message);
      self->boundaries = g_ptr_array_new ();
    }
  load_colors (self);

  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (viewport_changed_cb), self);
  g_signal_connect_swapped (filter, "changed", G_CALLBACK (sm_case_layer_refresh), self);
  sm_case_layer_refresh (self);
  return self;
}

guint
sm_case_layer_get_n_households (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->hits->len;
}

guint
sm_case_layer_get_n_needs (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->n_needs;
}
