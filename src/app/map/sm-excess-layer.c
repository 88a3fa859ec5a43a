#define G_LOG_DOMAIN "sm-excess-layer"

#include "config.h"

#include "sm-number.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-mercator.h"
#include "sm-excess-layer.h"

/* What a scan found for a filter and the options, kept so that a month
 * the time slider comes back to, or one computed ahead of it, is shown at
 * once. */
typedef struct {
  SmFilter        *filter;
  SmExcessOptions  options;
  GPtrArray       *clusters;
} Result;

#define N_RESULTS 48

struct _SmExcessLayer
{
  ShumateLayer  parent_instance;

  SmContext    *context;
  SmStore      *store;
  SmFilter     *filter;
  gboolean      active;
  SmExcessOptions options;
  GPtrArray    *clusters;      /* SmExcess, NULL until computed */
  gboolean      stale;         /* the clusters are of another filter than the map's */
  GQueue        results;       /* Result, the last used last */
  GCancellable *cancellable;   /* the computation under way */
  SmFilter     *job_filter;    /* what it is for */
  SmExcessOptions job_options;
  guint         pending;
  int           selected;

  /* The time slider, for the months next to the one shown. */
  GDate         time_first;
  int           time_months, time_index, time_window, direction;
};

G_DEFINE_FINAL_TYPE (SmExcessLayer, sm_excess_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start (SmExcessLayer *self);
static void done_cb (GObject *source, GAsyncResult *result, gpointer data);

static void
result_free (Result *r)
{
  g_object_unref (r->filter);
  g_ptr_array_unref (r->clusters);
  g_free (r);
}

static gboolean
options_equal (const SmExcessOptions *a,
               const SmExcessOptions *b)
{
  return a->model == b->model && a->cell_m == b->cell_m && a->replications == b->replications &&
         a->seed == b->seed && a->max_radius_m == b->max_radius_m && a->max_share == b->max_share &&
         a->alpha == b->alpha;
}

/* The result kept for @filter under the layer's options, made the last
 * used; NULL when none is. */
static Result *
find_result (SmExcessLayer *self,
             SmFilter      *filter)
{
  for (GList *l = self->results.head; l != NULL; l = l->next)
    {
      Result *r = l->data;

      if (options_equal (&r->options, &self->options) && sm_filter_equal (r->filter, filter))
        {
          g_queue_unlink (&self->results, l);
          g_queue_push_tail_link (&self->results, l);
          return r;
        }
    }
  return NULL;
}

static void
forget_results (SmExcessLayer *self)
{
  g_queue_clear_full (&self->results, (GDestroyNotify) result_free);
}

static void
show (SmExcessLayer *self,
      GPtrArray     *clusters)
{
  g_clear_pointer (&self->clusters, g_ptr_array_unref);
  self->clusters = g_ptr_array_ref (clusters);
  self->stale = FALSE;
  self->selected = -1;
  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The filter of the slider's month @index, or NULL when the map's filter
 * is not one of the slider's months or @index is out of its range. */
static SmFilter *
month_filter (SmExcessLayer *self,
              int            index)
{
  g_autoptr(SmFilter) shown = NULL;
  SmFilter *month;

  if (self->time_months <= 0 || index < 0 || index >= self->time_months)
    return NULL;
  shown = sm_filter_copy (self->filter);
  sm_filter_set_month (shown, &self->time_first, self->time_index, self->time_window, NULL);
  if (!sm_filter_equal (shown, self->filter))
    {
      /* The slider where it starts, on its last month, shows today. */
      g_autoptr(SmFilter) today = sm_filter_copy (self->filter);

      sm_filter_set_as_of_since (today, NULL, NULL, SM_NEED_OPEN);
      if (self->time_window != 0 || self->time_index != self->time_months - 1 ||
          !sm_filter_equal (today, self->filter))
        return NULL;
    }
  month = sm_filter_copy (self->filter);
  sm_filter_set_month (month, &self->time_first, index, self->time_window, NULL);
  return month;
}

static void
begin (SmExcessLayer *self,
       SmFilter      *filter)
{
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->job_filter, filter);
  self->job_options = self->options;
  sm_find_excess_async (self->store, filter, &self->options, self->cancellable, done_cb,
                        g_object_ref (self));
}

/* What to compute next, one computation at a time: the map's filter, then
 * the slider's next months the way it last moved, and the one behind. */
static void
start (SmExcessLayer *self)
{
  int ahead[] = { self->direction, 2 * self->direction, -self->direction };

  if (self->cancellable != NULL || !self->active || self->store == NULL)
    return;
  if (find_result (self, self->filter) == NULL)
    {
      g_autoptr(SmFilter) now = sm_filter_copy (self->filter);

      begin (self, now);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (ahead); i++)
    {
      g_autoptr(SmFilter) next = month_filter (self, self->time_index + ahead[i]);

      if (next != NULL && find_result (self, next) == NULL)
        {
          begin (self, next);
          return;
        }
    }
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  SmExcessLayer *self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *clusters = sm_find_excess_finish (SM_STORE (source), result, &error);

  g_clear_object (&self->cancellable);
  if (clusters != NULL)
    {
      Result *r = g_new0 (Result, 1);

      r->filter = g_steal_pointer (&self->job_filter);
      r->options = self->job_options;
      r->clusters = clusters;
      g_queue_push_tail (&self->results, r);
      while (self->results.length > N_RESULTS)
        result_free (g_queue_pop_head (&self->results));
      if (options_equal (&r->options, &self->options) && sm_filter_equal (r->filter, self->filter))
        show (self, clusters);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot scan for excess: %s", error->message);
  g_clear_object (&self->job_filter);
  if (self->pending == 0)
    start (self);
  g_object_unref (self);
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

/* The map's filter or the options changed: a result kept for them is shown
 * at once; otherwise the clusters shown fade until the new ones are in, and
 * a computation for another filter gives way. */
static void
changed_cb (SmExcessLayer *self)
{
  Result *r = find_result (self, self->filter);

  if (r != NULL)
    {
      if (self->active)
        {
          show (self, r->clusters);
          /* and on to the months ahead */
          start (self);
        }
      return;
    }
  self->stale = TRUE;
  if (!self->active)
    return;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->job_filter != NULL &&
      !(options_equal (&self->job_options, &self->options) && sm_filter_equal (self->job_filter, self->filter)))
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pending, g_source_remove);
  self->pending = g_timeout_add (60, recompute_cb, self);
}

static void
store_changed_cb (SmExcessLayer *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_BOUNDARIES))
    {
      forget_results (self);
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      changed_cb (self);
    }
}

static void
sm_excess_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SmExcessLayer *self = SM_EXCESS_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  double fade;

  if (!self->active || self->clusters == NULL || self->clusters->len == 0 ||
      shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  /* Another filter's, until this one's are in. */
  fade = self->stale ? 0.35 : 1;
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
      cairo_set_source_rgba (cr, 0.84, 0.19, 0.15, (chosen ? 0.30 : 0.16) * fade);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.65, 0.0, 0.15, 0.95 * fade);
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
  g_clear_object (&self->job_filter);
  forget_results (self);
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
  self->direction = 1;
  g_date_clear (&self->time_first, 1);
  g_queue_init (&self->results);
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
  if (active)
    {
      Result *r = find_result (self, self->filter);

      if (r != NULL)
        show (self, r->clusters);
      else
        {
          self->stale = TRUE;
          sm_excess_layer_recompute (self);
        }
    }
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

/* Whether the clusters shown are not yet those of the map's filter: a
 * computation for it is under way or waiting to start. */
gboolean
sm_excess_layer_is_busy (SmExcessLayer *self)
{
  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), FALSE);

  return self->active && (self->stale || self->pending != 0);
}

/* Whether a computation runs, for the map's filter or ahead of the time
 * slider. */
gboolean
sm_excess_layer_is_computing (SmExcessLayer *self)
{
  g_return_val_if_fail (SM_IS_EXCESS_LAYER (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * sm_excess_layer_set_month:
 * @first: the time slider's first month
 * @n_months: its months
 * @index: the month it shows, as sm_filter_set_month() takes it
 * @window: its mode, as sm_filter_set_month() takes it
 *
 * The month the slider shows, before its filter changes: the months next
 * to it, the way it moved, are computed ahead while nothing else is.
 */
void
sm_excess_layer_set_month (SmExcessLayer *self,
                           const GDate   *first,
                           int            n_months,
                           int            index,
                           int            window)
{
  g_return_if_fail (SM_IS_EXCESS_LAYER (self));

  if (index != self->time_index)
    self->direction = index > self->time_index ? 1 : -1;
  self->time_first = *first;
  self->time_months = n_months;
  self->time_index = index;
  self->time_window = window;
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

  if (!self->active || !gtk_widget_get_visible (GTK_WIDGET (self)) || self->clusters == NULL ||
      self->stale)
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
