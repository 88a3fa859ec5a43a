#define G_LOG_DOMAIN "sm-hotspot-layer"

#include "config.h"

#include "sm-number.h"

#include "sm-context.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-grid.h"
#include "sm-hotspot.h"
#include "sm-hotspot-layer.h"
#include "sm-hotspot-layer-private.h"
#include "sm-query.h"

G_DEFINE_FINAL_TYPE (SmHotspotLayer, sm_hotspot_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_sm_hotspot_layer_emit_updated (SmHotspotLayer *self)
{
  g_signal_emit (self, signals[UPDATED], 0);
}

/**
 * sm_hotspot_layer_class_colour:
 * @klass: a Gi* class: 1–3 hot at 0.05, 0.01, 0.001; −1…−3 cold
 *
 * The colour of a Gi* class, the same on the map, in the areas and in the
 * legends (ColorBrewer "RdYlBu").
 */
void
sm_hotspot_layer_class_colour (int    klass,
                               double rgb[3])
{
  static const double hot[3][3] = { { 254, 224, 144 }, { 252, 141, 89 }, { 215, 48, 39 } };
  static const double cold[3][3] = { { 224, 243, 248 }, { 145, 191, 219 }, { 69, 117, 180 } };
  const double *c = klass > 0 ? hot[MIN (klass, 3) - 1] : cold[CLAMP (-klass, 1, 3) - 1];

  for (int i = 0; i < 3; i++)
    rgb[i] = c[i] / 255.0;
}

/* The six Gi* classes side by side, cold at 0.001 on the left to hot at
 * 0.001 on the right, for a legend. */
void
sm_hotspot_layer_draw_classes (cairo_t *cr,
                               double   y,
                               double   width,
                               double   height)
{
  double cell = width / 6.0;

  for (int i = 0; i < 6; i++)
    {
      double rgb[3];

      sm_hotspot_layer_class_colour (i < 3 ? i - 3 : i - 2, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, i * cell, y, cell - 1, height);
      cairo_fill (cr);
    }
}

static GArray *
hit_places (GArray *hits,
            GArray *minus)
{
  g_autoptr(GHashTable) skip = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *places = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (guint i = 0; minus != NULL && i < minus->len; i++)
    g_hash_table_add (skip, &g_array_index (minus, SmCaseHit, i).household_id);
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      double at[2] = { hit->lat, hit->lon };

      if (!g_hash_table_contains (skip, &hit->household_id))
        g_array_append_vals (places, at, 1);
    }
  return places;
}

/* Households with needs first assessed after the compared day, and with
 * needs resolved between the two days. */
static void
compute_change (SmHotspotLayer *self)
{
  g_autoptr(SmFilter) appeared = sm_filter_copy (self->filter);
  g_autoptr(SmFilter) resolved_now = sm_filter_copy (self->filter);
  g_autoptr(SmFilter) resolved_then = sm_filter_copy (self->filter);
  g_autoptr(GArray) a = NULL, r_now = NULL, r_then = NULL;
  GDate as_of, after;

  g_clear_pointer (&self->appeared, g_array_unref);
  g_clear_pointer (&self->resolved, g_array_unref);
  g_clear_pointer (&self->appeared_grid, g_array_unref);
  if (!g_date_valid (&self->compare))
    return;
  sm_filter_get_as_of (self->filter, &as_of);
  after = self->compare;
  g_date_add_days (&after, 1);
  sm_filter_set_as_of_since (appeared, &as_of, &after, SM_NEED_ANY);
  sm_filter_set_as_of_since (resolved_now, &as_of, NULL, SM_NEED_RESOLVED);
  sm_filter_set_as_of_since (resolved_then, &self->compare, NULL, SM_NEED_RESOLVED);
  if (self->planner_view)
    {
      /* Counts per grid cell instead of a mark at each household; what
       * was resolved is the difference of two days, which no single
       * protected table shows, so it is left out. */
      g_autoptr(GError) error = NULL;
      GArray *cells = sm_grid_count (self->store, appeared,
                                     sm_context_get_disclosure (self->context), 0, &error);

      if (cells == NULL)
        {
          g_warning ("Cannot count the changes: %s", error->message);
          return;
        }
      for (guint i = cells->len; i-- > 0;)
        if (g_array_index (cells, SmGridCell, i).counts.state != SM_DISCLOSURE_SHOWN)
          g_array_remove_index_fast (cells, i);
      self->appeared_grid = cells;
      return;
    }
  a = sm_store_query (self->store, appeared, NULL);
  r_now = sm_store_query (self->store, resolved_now, NULL);
  r_then = sm_store_query (self->store, resolved_then, NULL);
  if (a == NULL || r_now == NULL || r_then == NULL)
    return;
  self->appeared = hit_places (a, NULL);
  self->resolved = hit_places (r_now, r_then);
}

/**
 * sm_hotspot_layer_recompute:
 *
 * Reads the filter again: density, Gi* cells and the hotspot list.
 */
void
sm_hotspot_layer_recompute (SmHotspotLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmHotspotInput) in = NULL;
  SmHotspotOptions options = { .cell_m = self->cell, .permutations = SM_PERMUTATIONS_DEFAULT, .seed = 1,
                               .correction = SM_CORRECTION_NONE, .weight = self->weight,
                               .method = self->method };
  GArray *cells = NULL;
  GPtrArray *hotspots;

  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  in = sm_hotspot_input_new (self->store, self->filter, self->weight, &error);
  if (in == NULL)
    {
      g_warning ("Cannot read the cases: %s", error->message);
      return;
    }
  if (self->show_heat && !self->planner_view)
    {
      _sm_hotspot_layer_update_scale (self);
      _sm_hotspot_layer_build_heat (self, in);
    }
  if (self->show_change)
    compute_change (self);
  /* The same households as the heat map: read once. */
  hotspots = sm_find_hotspots_full (self->store, self->filter, in, &options,
                                    g_date_valid (&self->compare) ? &self->compare : NULL,
                                    &cells, &error);
  if (hotspots == NULL)
    {
      g_warning ("Cannot find hotspots: %s", error->message);
      return;
    }
  g_clear_pointer (&self->hotspots, g_ptr_array_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  self->hotspots = hotspots;
  self->cells = cells;
  self->selected = -1;
  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
recompute_cb (gpointer data)
{
  SmHotspotLayer *self = data;

  self->pending = 0;
  sm_hotspot_layer_recompute (self);
  return G_SOURCE_REMOVE;
}

/* Filter changes come in bursts (a date dragged, boxes ticked): one
 * computation after they settle. */
static void
filter_changed_cb (SmHotspotLayer *self)
{
  if (!self->show_heat && !self->show_gi && !self->show_change && self->hotspots == NULL)
    return;
  g_clear_handle_id (&self->pending, g_source_remove);
  self->pending = g_timeout_add (60, recompute_cb, self);
}

static gboolean
to_widget (SmHotspotLayer *self,
           double          lat,
           double          lon,
           double         *x,
           double         *y)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, x, y);
  return TRUE;
}

/* "+n" in each grid cell where n needs appeared, n at least k. */
static void
snapshot_change_grid (SmHotspotLayer *self,
                      GtkSnapshot    *snapshot)
{
  for (guint i = 0; i < self->appeared_grid->len; i++)
    {
      const SmGridCell *c = &g_array_index (self->appeared_grid, SmGridCell, i);
      char text[24];
      double x0, y0, x1, y1, x, y;
      cairo_text_extents_t ext;
      cairo_t *cr;

      to_widget (self, c->lat[3], c->lon[3], &x0, &y0);
      to_widget (self, c->lat[1], c->lon[1], &x1, &y1);
      x = (x0 + x1) / 2;
      y = (y0 + y1) / 2;
      g_snprintf (text, sizeof text, "+%" G_GINT64_FORMAT, c->counts.households);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 30, y - 12, 60, 24));
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_set_source_rgba (cr, 0.80, 0.10, 0.10, 0.9);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 11);
      cairo_text_extents (cr, text, &ext);
      cairo_rectangle (cr, x - ext.width / 2 - 4, y - ext.height / 2 - 3, ext.width + 8, ext.height + 6);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_fill (cr);
      cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
      cairo_set_source_rgb (cr, 0.80, 0.10, 0.10);
      cairo_show_text (cr, text);
      cairo_destroy (cr);
    }
}

static void
sm_hotspot_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SmHotspotLayer *self = SM_HOTSPOT_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  gtk_snapshot_push_opacity (snapshot, self->opacity);
  if (self->show_heat && !self->planner_view && self->heat != NULL)
    {
      double x0, y0, x1, y1;

      to_widget (self, self->heat_north, self->heat_west, &x0, &y0);
      to_widget (self, self->heat_south, self->heat_east, &x1, &y1);
      gtk_snapshot_append_texture (snapshot, self->heat,
                                   &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
    }
  if (self->show_gi && self->cells != NULL)
    {
      for (guint i = 0; i < self->cells->len; i++)
        {
          const SmHotspotCell *c = &g_array_index (self->cells, SmHotspotCell, i);
          double x0, y0, x1, y1, rgb[3];
          GdkRGBA colour;

          to_widget (self, c->north, c->west, &x0, &y0);
          to_widget (self, c->south, c->east, &x1, &y1);
          sm_hotspot_layer_class_colour (c->klass, rgb);
          colour = (GdkRGBA) { rgb[0], rgb[1], rgb[2], 0.5 + 0.05 * MIN (ABS (c->klass), 3) };
          gtk_snapshot_append_color (snapshot, &colour, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
        }
    }
  if (self->selected >= 0 && self->hotspots != NULL && (guint) self->selected < self->hotspots->len)
    {
      const SmHotspot *h = g_ptr_array_index (self->hotspots, self->selected);
      double x0, y0, x1, y1;
      cairo_t *cr;

      to_widget (self, h->north, h->west, &x0, &y0);
      to_widget (self, h->south, h->east, &x1, &y1);
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0 - 4, y0 - 4, x1 - x0 + 8, y1 - y0 + 8));
      cairo_rectangle (cr, x0 - 1.5, y0 - 1.5, x1 - x0 + 3, y1 - y0 + 3);
      cairo_set_source_rgba (cr, 0.65, 0.0, 0.15, 0.95);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      cairo_destroy (cr);
    }
  if (self->show_change && self->planner_view && self->appeared_grid != NULL)
    snapshot_change_grid (self, snapshot);
  else if (self->show_change && !self->planner_view)
    {
      static const GdkRGBA added = { 0.80, 0.10, 0.10, 0.9 }, gone = { 0.15, 0.45, 0.80, 0.9 };

      for (guint k = 0; k < 2; k++)
        {
          GArray *places = k == 0 ? self->appeared : self->resolved;

          for (guint i = 0; places != NULL && i < places->len; i++)
            {
              const double *at = &g_array_index (places, double, 2 * i);
              double x, y;

              to_widget (self, at[0], at[1], &x, &y);
              /* A plus for what came, a minus for what was resolved. */
              gtk_snapshot_append_color (snapshot, k == 0 ? &added : &gone,
                                         &GRAPHENE_RECT_INIT (x - 4, y - 1, 9, 3));
              if (k == 0)
                gtk_snapshot_append_color (snapshot, &added, &GRAPHENE_RECT_INIT (x - 1, y - 4, 3, 9));
            }
        }
    }
  gtk_snapshot_pop (snapshot);
}

static void
viewport_changed_cb (SmHotspotLayer *self)
{
  if (self->show_heat || self->show_gi)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
sm_hotspot_layer_dispose (GObject *object)
{
  SmHotspotLayer *self = SM_HOTSPOT_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  g_cancellable_cancel (self->scale_cancellable);
  g_clear_object (&self->scale_cancellable);
  g_clear_object (&self->scale_filter);
  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_object (&self->heat);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->hotspots, g_ptr_array_unref);
  g_clear_pointer (&self->appeared, g_array_unref);
  g_clear_pointer (&self->resolved, g_array_unref);
  g_clear_pointer (&self->appeared_grid, g_array_unref);

  G_OBJECT_CLASS (sm_hotspot_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_hotspot_layer_get_context_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_HOTSPOT_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_hotspot_layer_set_context_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_HOTSPOT_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_hotspot_layer_class_init (SmHotspotLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_hotspot_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_hotspot_layer_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_hotspot_layer_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_hotspot_layer_snapshot;
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_hotspot_layer_init (SmHotspotLayer *self)
{
  self->opacity = 0.75;
  self->bandwidth = 300;
  self->kernel = SM_KERNEL_QUARTIC;
  self->weight = SM_WEIGHT_NONE;
  self->cell = 250;
  self->method = SM_HOTSPOT_DENSITY;
  self->selected = -1;
  g_date_clear (&self->compare, 1);
  g_date_clear (&self->time_first, 1);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static void
store_changed_cb (SmHotspotLayer *self,
                  SmStoreChange   what,
                  GArray         *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_BOUNDARIES))
    {
      /* Other cases: the months' one heat scale is found again. */
      g_clear_object (&self->scale_filter);
      filter_changed_cb (self);
    }
}

SmHotspotLayer *
sm_hotspot_layer_new (ShumateViewport *viewport,
                      SmContext       *context)
{
  SmHotspotLayer *self = g_object_new (SM_TYPE_HOTSPOT_LAYER, "viewport", viewport,
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
sm_hotspot_layer_set_show_heat (SmHotspotLayer *self,
                                gboolean        show)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->show_heat == show)
    return;
  self->show_heat = show;
  if (show)
    sm_hotspot_layer_recompute (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sm_hotspot_layer_set_show_gi (SmHotspotLayer *self,
                              gboolean        show)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->show_gi = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sm_hotspot_layer_set_opacity (SmHotspotLayer *self,
                              double          opacity)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->opacity = CLAMP (opacity, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_hotspot_layer_set_compare:
 * @day: (nullable): the earlier day the hotspot list compares with
 */
void
sm_hotspot_layer_set_compare (SmHotspotLayer *self,
                              const GDate    *day)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (day != NULL && g_date_valid (day))
    self->compare = *day;
  else
    g_date_clear (&self->compare, 1);
  sm_hotspot_layer_recompute (self);
}

/* The compared day, without computing now. */
void
sm_hotspot_layer_set_compare_quietly (SmHotspotLayer *self,
                                      const GDate    *day)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->compare = *day;
}

GPtrArray *
sm_hotspot_layer_get_hotspots (SmHotspotLayer *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), NULL);
  return self->hotspots;
}

double
sm_hotspot_layer_get_peak (SmHotspotLayer *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), 0);
  return self->peak;
}

void
sm_hotspot_layer_set_show_change (SmHotspotLayer *self,
                                  gboolean        show)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->show_change = show;
  if (show)
    sm_hotspot_layer_recompute (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_hotspot_layer_set_planner_view:
 *
 * In the planner view the heat map is not drawn (around a lone household
 * it would show its place) and changes are counted per grid cell, shown
 * only where they obey the disclosure rule.
 */
void
sm_hotspot_layer_set_planner_view (SmHotspotLayer *self,
                                   gboolean        planner_view)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->planner_view == !!planner_view)
    return;
  self->planner_view = !!planner_view;
  if (self->show_heat || self->show_change)
    sm_hotspot_layer_recompute (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sm_hotspot_layer_set_bandwidth (SmHotspotLayer *self,
                                double          metres)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->bandwidth = CLAMP (metres, 50, 5000);
  if (self->show_heat)
    sm_hotspot_layer_recompute (self);
}

guint
sm_hotspot_layer_get_n_changes (SmHotspotLayer *self,
                                guint          *resolved)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), 0);

  if (resolved != NULL)
    *resolved = self->resolved ? self->resolved->len : 0;
  if (self->appeared_grid != NULL)
    {
      guint n = 0;

      for (guint i = 0; i < self->appeared_grid->len; i++)
        n += (guint) g_array_index (self->appeared_grid, SmGridCell, i).counts.households;
      return n;
    }
  return self->appeared ? self->appeared->len : 0;
}

/**
 * sm_hotspot_layer_flush:
 *
 * Runs a computation the filter's changes have scheduled now instead of
 * after they settle.
 */
void
sm_hotspot_layer_flush (SmHotspotLayer *self)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->pending != 0)
    sm_hotspot_layer_recompute (self);
}

/* Whether a computation the filter's changes scheduled is still to run. */
gboolean
sm_hotspot_layer_is_pending (SmHotspotLayer *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), FALSE);

  return self->pending != 0;
}

void
sm_hotspot_layer_set_kernel (SmHotspotLayer *self,
                             SmKernel        kernel)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->kernel == kernel)
    return;
  self->kernel = kernel;
  if (self->show_heat)
    sm_hotspot_layer_recompute (self);
}

/* Weighs the heat map and Gi* by the households' severity or persons. */
void
sm_hotspot_layer_set_weight (SmHotspotLayer *self,
                             SmPointWeight   weight)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->weight == weight)
    return;
  self->weight = weight;
  if (self->hotspots != NULL || self->show_heat || self->show_gi)
    sm_hotspot_layer_recompute (self);
}

/* The Gi* grid's cell, in metres. */
void
sm_hotspot_layer_set_cell (SmHotspotLayer *self,
                           double          metres)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  metres = CLAMP (metres, 50, 2000);
  if (self->cell == metres)
    return;
  self->cell = metres;
  if (self->hotspots != NULL || self->show_gi)
    sm_hotspot_layer_recompute (self);
}

SmPointWeight
sm_hotspot_layer_get_weight (SmHotspotLayer *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), SM_WEIGHT_NONE);
  return self->weight;
}

/* Gi* on counts (density) or on the cells' smoothed rates. */
void
sm_hotspot_layer_set_method (SmHotspotLayer  *self,
                             SmHotspotMethod  method)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->method == method)
    return;
  self->method = method;
  if (self->hotspots != NULL)
    sm_hotspot_layer_recompute (self);
}

/**
 * sm_hotspot_layer_describe:
 *
 * The Gi* cell under a point, for a tooltip or a click.
 *
 * Returns: (transfer full) (nullable): plain text, or %NULL
 */
char *
sm_hotspot_layer_describe (SmHotspotLayer *self,
                           double          lat,
                           double          lon)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), NULL);

  if (!self->show_gi || self->cells == NULL)
    return NULL;
  for (guint i = 0; i < self->cells->len; i++)
    {
      const SmHotspotCell *c = &g_array_index (self->cells, SmHotspotCell, i);

      if (lon < c->west || lon > c->east || lat < c->south || lat > c->north)
        continue;
      return g_strdup_printf (c->klass > 0 ? _("Hot spot (Gi*) at p < %s\n%s m cell")
                                           : _("Cold spot (Gi*) at p < %s\n%s m cell"),
                              sm_significance_level_shown (c->klass), sm_num (self->cell, 0));
    }
  return NULL;
}

/* @index: a hotspot of the list to outline, or -1 */
void
sm_hotspot_layer_set_selected (SmHotspotLayer *self,
                               int             index)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What the layer draws: the heat map (never in the planner view), Gi*
 * cells, changes. */
void
sm_hotspot_layer_get_shown (SmHotspotLayer *self,
                            gboolean       *heat,
                            gboolean       *gi,
                            gboolean       *change)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  *heat = self->show_heat && !self->planner_view;
  *gi = self->show_gi;
  *change = self->show_change;
}
