#define G_LOG_DOMAIN "sm-area-layer"

#include "config.h"

#include "sm-number.h"

#include "sm-context.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sm-area-layer.h"
#include "sm-area-stats.h"
#include "sm-hotspot-layer.h"

#define N_CLASSES 5

struct _SmAreaLayer
{
  ShumateLayer  parent_instance;

  SmContext           *context;

  SmStore      *store;
  SmFilter     *filter;
  SmAreaShow    show;
  char         *level;
  double        opacity;

  SmAreaSet    *set;
  GArray       *stats;         /* SmAreaStat */
  gboolean      gi_on_rate;
  double        top;
  guint         pending;
};

G_DEFINE_FINAL_TYPE (SmAreaLayer, sm_area_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Five classes from pale to dark purple (ColorBrewer "BuPu"). */
void
sm_area_layer_class_colour (int    klass,
                            double rgb[3])
{
  static const double ramp[N_CLASSES][3] = {
    { 237, 248, 251 }, { 179, 205, 227 }, { 140, 150, 198 }, { 136, 86, 167 }, { 129, 15, 124 },
  };

  klass = CLAMP (klass, 0, N_CLASSES - 1);
  for (int c = 0; c < 3; c++)
    rgb[c] = ramp[klass][c] / 255.0;
}

/* A round top for the scale, so the legend reads 0–20, 0–50, 0–200… */
static double
nice_top (double value)
{
  double step = pow (10, floor (log10 (MAX (value, 1))));

  for (int m = 1; m <= 10; m *= 2)
    if (value <= m * step)
      return m * step;
  return 10 * step;
}

void
sm_area_layer_recompute (SmAreaLayer *self)
{
  g_autoptr(GError) error = NULL;
  SmAreaOptions options = { SM_PERMUTATIONS_DEFAULT, 1, SM_CORRECTION_NONE,
                            (guint) sm_disclosure_get_k (sm_context_get_disclosure (self->context)) };
  GArray *stats;
  double top = 0;

  g_return_if_fail (SM_IS_AREA_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  if (self->show == SM_AREA_SHOW_NONE || self->level == NULL)
    {
      g_clear_pointer (&self->stats, g_array_unref);
      g_signal_emit (self, signals[UPDATED], 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->set == NULL)
    {
      self->set = sm_area_set_load (self->store, self->level, SM_AREA_CONTIGUITY, 0, &error);
      if (self->set == NULL)
        {
          g_warning ("Cannot read the areas: %s", error->message);
          return;
        }
    }
  stats = sm_area_stats (self->set, self->store, self->filter, &options, &self->gi_on_rate, &error);
  if (stats == NULL)
    {
      g_warning ("Cannot count by area: %s", error->message);
      return;
    }
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);

      if (st->small)
        continue;
      if (self->show == SM_AREA_SHOW_HOUSEHOLDS)
        top = MAX (top, st->households);
      else if (!isnan (st->eb_rate))
        top = MAX (top, st->eb_rate);
    }
  self->top = nice_top (top);
  g_clear_pointer (&self->stats, g_array_unref);
  self->stats = stats;
  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
recompute_cb (gpointer data)
{
  SmAreaLayer *self = data;

  self->pending = 0;
  sm_area_layer_recompute (self);
  return G_SOURCE_REMOVE;
}

static void
filter_changed_cb (SmAreaLayer *self)
{
  if (self->show == SM_AREA_SHOW_NONE)
    return;
  g_clear_handle_id (&self->pending, g_source_remove);
  self->pending = g_timeout_add (60, recompute_cb, self);
}

static void
trace_shape (SmAreaLayer     *self,
             ShumateViewport *viewport,
             cairo_t         *cr,
             const SmShape   *shape)
{
  for (guint r = 0; r < sm_shape_get_n_rings (shape); r++)
    {
      guint n;
      const double *ring = sm_shape_get_ring (shape, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                      ring[2 * i + 1], ring[2 * i], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static gboolean
fill_colour (SmAreaLayer      *self,
             const SmAreaStat *st,
             double            rgba[4])
{
  double value;

  rgba[3] = 0.7;
  if (self->show == SM_AREA_SHOW_GI)
    {
      int k = st->gi.klass;

      if (k == 0 || isnan (st->gi.z))
        return FALSE;
      sm_hotspot_layer_class_colour (k, rgba);
      return TRUE;
    }
  value = self->show == SM_AREA_SHOW_HOUSEHOLDS ? st->households : st->eb_rate;
  if (isnan (value) || self->top <= 0)
    return FALSE;
  sm_area_layer_class_colour ((int) MIN (N_CLASSES - 1, floor (value / self->top * N_CLASSES)), rgba);
  return TRUE;
}

static char *
label_for (SmAreaLayer      *self,
           const SmAreaStat *st)
{
  if (self->show == SM_AREA_SHOW_GI)
    {
      if (isnan (st->gi.z))
        return g_strdup_printf (_("%s\nz not defined"), st->name);
      return g_strdup_printf ("%s\nz = %s", st->name, sm_num (st->gi.z, 1));
    }
  if (st->small)
    {
      g_autofree char *hidden = sm_disclosure_format_count (sm_context_get_disclosure (self->context),
                                                            st->households, st->disclosure);

      return g_strdup_printf ("%s\n%s", st->name, hidden);
    }
  if (self->show == SM_AREA_SHOW_HOUSEHOLDS)
    return g_strdup_printf ("%s\n%u", st->name, st->households);
  if (isnan (st->eb_rate))
    return g_strdup (st->name);
  /* Translators: an area's label on the map: its name, then households per
   * 1,000 residents */
  return g_strdup_printf (_("%s\n%s ‰"), st->name, sm_num (st->eb_rate, 1));
}

static void
sm_area_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SmAreaLayer *self = SM_AREA_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_pattern_t *hatch;
  cairo_surface_t *tile;
  cairo_t *cr, *tcr;

  if (self->show == SM_AREA_SHOW_NONE || self->stats == NULL
      || shumate_viewport_get_reference_map_source (viewport) == NULL || width <= 0 || height <= 0)
    return;

  /* Grey diagonal hatching for areas too small to show. */
  tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 8, 8);
  tcr = cairo_create (tile);
  cairo_set_source_rgba (tcr, 0.45, 0.45, 0.45, 0.55);
  cairo_set_line_width (tcr, 1.5);
  cairo_move_to (tcr, 0, 8);
  cairo_line_to (tcr, 8, 0);
  cairo_stroke (tcr);
  cairo_destroy (tcr);
  hatch = cairo_pattern_create_for_surface (tile);
  cairo_pattern_set_extend (hatch, CAIRO_EXTEND_REPEAT);
  cairo_surface_destroy (tile);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < self->stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (self->stats, SmAreaStat, i);
      double rgba[4];

      trace_shape (self, viewport, cr, st->shape);
      if (st->small && self->show != SM_AREA_SHOW_GI)
        {
          cairo_save (cr);
          cairo_clip_preserve (cr);
          cairo_set_source (cr, hatch);
          cairo_paint_with_alpha (cr, self->opacity);
          cairo_restore (cr);
        }
      else if (fill_colour (self, st, rgba))
        {
          cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3] * self->opacity);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgba (cr, 0.33, 0.15, 0.45, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }

  /* Names and values where the area is large enough on screen. */
  for (guint i = 0; i < self->stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (self->stats, SmAreaStat, i);
      g_autofree char *text = label_for (self, st);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      double west, south, east, north, x0, y0, x1, y1, x, y;
      int tw, th;

      sm_shape_get_bbox (st->shape, &west, &south, &east, &north);
      shumate_viewport_location_to_widget_coords (viewport, widget, north, west, &x0, &y0);
      shumate_viewport_location_to_widget_coords (viewport, widget, south, east, &x1, &y1);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &tw, &th);
      if (x1 - x0 < tw * 1.2 || y1 - y0 < th * 1.2)
        continue;
      shumate_viewport_location_to_widget_coords (viewport, widget, st->label_lat, st->label_lon,
                                                  &x, &y);
      if (x < -tw || y < -th || x > width + tw || y > height + th)
        continue;
      cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
      pango_cairo_layout_path (cr, layout);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      cairo_move_to (cr, x - tw / 2.0, y - th / 2.0);
      cairo_set_source_rgb (cr, 0.2, 0.1, 0.3);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_destroy (cr);
  cairo_pattern_destroy (hatch);
}

static void
viewport_changed_cb (SmAreaLayer *self)
{
  if (self->show != SM_AREA_SHOW_NONE)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sm_area_layer_dispose (GObject *object)
{
  SmAreaLayer *self = SM_AREA_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->set, sm_area_set_free);
  g_clear_pointer (&self->stats, g_array_unref);
  g_clear_pointer (&self->level, g_free);

  G_OBJECT_CLASS (sm_area_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_area_layer_get_context_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_AREA_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_area_layer_set_context_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_AREA_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_area_layer_class_init (SmAreaLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_area_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_area_layer_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_area_layer_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_area_layer_snapshot;
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_area_layer_init (SmAreaLayer *self)
{
  self->opacity = 0.75;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static void
store_changed_cb (SmAreaLayer   *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & SM_STORE_CHANGE_BOUNDARIES)
    {
      /* The statistics point into the areas' shapes: both go at once. */
      g_clear_pointer (&self->stats, g_array_unref);
      g_clear_pointer (&self->set, sm_area_set_free);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_BOUNDARIES))
    filter_changed_cb (self);
}

SmAreaLayer *
sm_area_layer_new (ShumateViewport *viewport,
                   SmContext       *context)
{
  SmAreaLayer *self = g_object_new (SM_TYPE_AREA_LAYER, "viewport", viewport,
                                      "context", context, NULL);

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (viewport_changed_cb), self);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
sm_area_layer_set_show (SmAreaLayer *self,
                        SmAreaShow   show)
{
  g_return_if_fail (SM_IS_AREA_LAYER (self));

  if (self->show == show)
    return;
  self->show = show;
  sm_area_layer_recompute (self);
}

SmAreaShow
sm_area_layer_get_show (SmAreaLayer *self)
{
  g_return_val_if_fail (SM_IS_AREA_LAYER (self), SM_AREA_SHOW_NONE);
  return self->show;
}

/**
 * sm_area_layer_set_level:
 * @level: (nullable): a boundary level, e.g. "settlement_part"
 */
void
sm_area_layer_set_level (SmAreaLayer *self,
                         const char  *level)
{
  g_return_if_fail (SM_IS_AREA_LAYER (self));

  if (g_strcmp0 (self->level, level) == 0)
    return;
  g_free (self->level);
  self->level = g_strdup (level);
  g_clear_pointer (&self->set, sm_area_set_free);
  sm_area_layer_recompute (self);
}

void
sm_area_layer_set_opacity (SmAreaLayer *self,
                           double       opacity)
{
  g_return_if_fail (SM_IS_AREA_LAYER (self));

  self->opacity = CLAMP (opacity, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
sm_area_layer_get_top (SmAreaLayer *self,
                       gboolean    *gi_on_rate)
{
  g_return_val_if_fail (SM_IS_AREA_LAYER (self), 0);

  if (gi_on_rate != NULL)
    *gi_on_rate = self->gi_on_rate;
  return self->top;
}

/**
 * sm_area_layer_get_stats:
 *
 * Returns: (nullable) (transfer none) (element-type SmAreaStat): the last
 *   computation, or %NULL while nothing is shown
 */
GArray *
sm_area_layer_get_stats (SmAreaLayer *self)
{
  g_return_val_if_fail (SM_IS_AREA_LAYER (self), NULL);
  return self->stats;
}

/**
 * sm_area_layer_flush:
 *
 * Runs a computation the filter's changes have scheduled now instead of
 * after they settle.
 */
void
sm_area_layer_flush (SmAreaLayer *self)
{
  g_return_if_fail (SM_IS_AREA_LAYER (self));

  if (self->pending != 0)
    sm_area_layer_recompute (self);
}

/* Whether a computation the filter's changes scheduled is still to run. */
gboolean
sm_area_layer_is_pending (SmAreaLayer *self)
{
  g_return_val_if_fail (SM_IS_AREA_LAYER (self), FALSE);

  return self->pending != 0;
}

/**
 * sm_area_layer_describe:
 *
 * What the area under a point says, for a tooltip or a click: its name,
 * households (by the disclosure rule), smoothed rate and Gi*.
 *
 * Returns: (transfer full) (nullable): plain text, or %NULL where no area
 *   is shown
 */
char *
sm_area_layer_describe (SmAreaLayer *self,
                        double       lat,
                        double       lon)
{
  g_return_val_if_fail (SM_IS_AREA_LAYER (self), NULL);

  if (self->show == SM_AREA_SHOW_NONE || self->stats == NULL)
    return NULL;
  for (guint i = 0; i < self->stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (self->stats, SmAreaStat, i);
      g_autofree char *count = NULL, *rate = NULL, *gi = NULL;
      const char *level;
      double w, s, e, n;

      sm_shape_get_bbox (st->shape, &w, &s, &e, &n);
      if (lon < w || lon > e || lat < s || lat > n || !sm_shape_contains (st->shape, lon, lat))
        continue;
      count = sm_disclosure_format_count (sm_context_get_disclosure (self->context), st->households,
                                          st->disclosure);
      rate = isnan (st->eb_rate) ? g_strdup (_("no population known"))
                                 : g_strdup_printf (_("%s per 1,000 residents (smoothed)"), sm_num (st->eb_rate, 1));
      level = sm_significance_level_shown (st->gi.klass);
      if (isnan (st->gi.z))
        gi = g_strdup (_("Gi* z not defined"));
      else if (level != NULL)
        gi = g_strdup_printf (st->gi.klass > 0 ? _("hot spot at p < %s (z %s)")
                                               : _("cold spot at p < %s (z %s)"), level, sm_num (st->gi.z, 1));
      else
        gi = g_strdup_printf (_("not significant (z %s)"), sm_num (st->gi.z, 1));
      /* Translators: an area's name, its households, rate and Gi* */
      return g_strdup_printf (_("%s\n%s households · %s · %s"), st->name, count, rate, gi);
    }
  return NULL;
}
