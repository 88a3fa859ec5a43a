#define G_LOG_DOMAIN "sm-excess-layer"

#include "config.h"

#include "sm-number.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-mercator.h"
#include "sm-excess-layer.h"

struct _SmExcessLayer
{
  ShumateLayer  parent_instance;

  SmContext    *context;
  SmStore      *store;
  SmFilter     *filter;
  gboolean      active;
  SmExcessOptions options;
  GPtrArray    *clusters;      /* SmExcess, NULL until computed */
  GCancellable *cancellable;   /* the computation under way */
  gboolean      again;         /* the filter changed while it ran */
  guint         pending;
  int           selected;
};

G_DEFINE_FINAL_TYPE (SmExcessLayer, sm_excess_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start (SmExcessLayer *self);

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  SmExcessLayer *self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *clusters = sm_find_excess_finish (SM_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->cancellable);
  if (clusters == NULL)
    g_warning ("Cannot scan for excess: %s", error->message);
  else
    {
      g_clear_pointer (&self->clusters, g_ptr_array_unref);
      self->clusters = clusters;
      self->selected = -1;
      g_signal_emit (self, signals[UPDATED], 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  if (self->again && self->active)
    {
      self->again = FALSE;
      start (self);
    }
  g_object_unref (self);
}

/* One computation at a time; a change meanwhile runs it once more after. */
static void
start (SmExcessLayer *self)
{
  if (self->cancellable != NULL)
    {
      self->again = TRUE;
      return;
    }
  self->cancellable = g_cancellable_new ();
  sm_find_excess_async (self->store, self->filter, &self->options, self->cancellable, done_cb,
                        g_object_ref (self));
}

/**
 * sm_excess_layer_recompute:
 *
 * Scans again now (on a worker thread); "updated" follows.
 */
void
sm_excess_layer_recompute (SmExcessLayer *self)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  start (self);
}

static gboolean
recompute_cb (gpointer data)
{
  SmExcessLayer *self = data;

  self->pending = 0;
  start (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (SmExcessLayer *self)
{
  if (!self->active)
    {
      /* Stale now: computed again when next asked for. */
      g_clear_pointer (&self->clusters, g_ptr_array_unref);
      return;
    }
  g_clear_handle_id (&self->pending, g_source_remove);
  self->pending = g_timeout_add (150, recompute_cb, self);
}

static void
store_changed_cb (SmExcessLayer *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_BOUNDARIES))
    changed_cb (self);
}

static void
sm_excess_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SmExcessLayer *self = SM_EXCESS_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (!self->active || self->clusters == NULL || self->clusters->len == 0 ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->clusters->len; i++)
    {
      const SmExcess *e = g_ptr_array_index (self->clusters, i);
      double x, y, x_edge, y_edge, r;
      /* Metres of latitude per degree on the WGS 84 sphere, as the scan. */
      double dlat = (e->radius_m + (self->options.cell_m > 0 ? self->options.cell_m : 250) / 2) /
                    SM_METRES_PER_DEGREE;
      gboolean chosen = (int) i == self->selected;

      shumate_viewport_location_to_widget_coords (viewport, widget, e->lat, e->lon, &x, &y);
      shumate_viewport_location_to_widget_coords (viewport, widget, e->lat + dlat, e->lon,
                                                  &x_edge, &y_edge);
      r = MAX (6, fabs (y - y_edge));
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0.84, 0.19, 0.15, chosen ? 0.30 : 0.16);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.65, 0.0, 0.15, 0.95);
      cairo_set_line_width (cr, chosen ? 4 : 2);
      if (!chosen)
        cairo_set_dash (cr, (const double[]) { 6, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_destroy (cr);
}

static void
sm_excess_layer_dispose (GObject *object)
{
  SmExcessLayer *self = SM_EXCESS_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  g_clear_handle_id (&self->pending, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);
  g_clear_pointer (&self->clusters, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_excess_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_excess_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_EXCESS_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_excess_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_EXCESS_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_excess_layer_class_init (SmExcessLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_excess_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_excess_layer_get_property;
  G_OBJECT_CLASS (klass)->set_property = sm_excess_layer_set_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_excess_layer_snapshot;
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_excess_layer_init (SmExcessLayer *self)
{
  self->selected = -1;
  self->options = (SmExcessOptions) { .model = SM_SCAN_BERNOULLI, .cell_m = 250, .seed = 1 };
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

SmExcessLayer *
sm_excess_layer_new (ShumateViewport *viewport,
                     SmContext       *context)
{
  SmExcessLayer *self = g_object_new (SM_TYPE_EXCESS_LAYER, "viewport", viewport,
                                     "context", context, NULL);

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Active: shown, and computed whenever what it shows changes. */
void
sm_excess_layer_set_active (SmExcessLayer *self,
                            gboolean       active)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  if (self->active == active)
    return;
  self->active = active;
  if (active && self->clusters == NULL)
    sm_excess_layer_recompute (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sm_excess_layer_get_active (SmExcessLayer *self)
{
  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), FALSE);

  return self->active;
}

void
sm_excess_layer_set_model (SmExcessLayer *self,
                           SmScanModel    model)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  if (self->options.model == model)
    return;
  self->options.model = model;
  changed_cb (self);
}

void
sm_excess_layer_set_cell (SmExcessLayer *self,
                          double         metres)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  if (self->options.cell_m == metres)
    return;
  self->options.cell_m = metres;
  changed_cb (self);
}

/* @index: a cluster of the list to outline, or -1 */
void
sm_excess_layer_set_selected (SmExcessLayer *self,
                              int            index)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether a computation is under way or waiting to start. */
gboolean
sm_excess_layer_is_busy (SmExcessLayer *self)
{
  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), FALSE);

  return self->cancellable != NULL || self->pending != 0;
}

/**
 * sm_excess_layer_get_clusters:
 *
 * Returns: (transfer none) (nullable) (element-type SmExcess): the clusters
 *   of the last computation, NULL before the first
 */
GPtrArray *
sm_excess_layer_get_clusters (SmExcessLayer *self)
{
  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), NULL);

  return self->clusters;
}

/**
 * sm_excess_layer_describe:
 *
 * The cluster under a point, for a tooltip or a click: its need, the
 * households against those expected (by the disclosure rule), the
 * relative risk and p.
 *
 * Returns: (transfer full) (nullable): plain text, or %NULL
 */
char *
sm_excess_layer_describe (SmExcessLayer *self,
                          double         lat,
                          double         lon)
{
  double ky = SM_METRES_PER_DEGREE;

  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), NULL);

  if (!self->active || !gtk_widget_get_visible (GTK_WIDGET (self)) || self->clusters == NULL)
    return NULL;
  for (guint i = 0; i < self->clusters->len; i++)
    {
      const SmExcess *e = g_ptr_array_index (self->clusters, i);
      double dx = (lon - e->lon) * ky * cos (e->lat * G_PI / 180), dy = (lat - e->lat) * ky;
      SmDisclosure *d = sm_context_get_disclosure (self->context);
      SmDisclosureState state = sm_disclosure_state_of (d, e->cases, -1);
      g_autofree char *count = NULL;
      const SmCategory *c;

      if (hypot (dx, dy) > e->radius_m + self->options.cell_m / 2)
        continue;
      c = sm_store_get_category (self->store, e->category);
      count = sm_disclosure_format_count (d, e->cases, state);
      if (state != SM_DISCLOSURE_SHOWN || !isfinite (e->relative_risk))
        return g_strdup_printf (_("%s\n%s households · p = %s"),
                                c ? sm_localized_name (c->name_hu, c->name_en) : "", count, sm_num (e->p, 3));
      /* Translators: a cluster of excess: need, households, expected, risk, p */
      return g_strdup_printf (_("%s\n%s households where %s were expected · %s × the rate "
                                "elsewhere · p = %s"),
                              c ? sm_localized_name (c->name_hu, c->name_en) : "", count, sm_num (e->expected, 1),
                              sm_num (e->relative_risk, 1), sm_num (e->p, 3));
    }
  return NULL;
}
