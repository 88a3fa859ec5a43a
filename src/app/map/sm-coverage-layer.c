#define G_LOG_DOMAIN "sm-coverage-layer"

#include "config.h"

#include "sm-number.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-coverage.h"
#include "sm-coverage-layer.h"
#include "sm-grid.h"
#include "sm-grid-cells.h"
#include "sm-query.h"

/* One household with a need not covered: its worst status and which of
 * its needs (category bits) lack a service. */
typedef struct {
  gint64           household_id;
  double           lat, lon;
  SmCoverageStatus worst;
  double           nearest_m;   /* of its worst need; -1: none */
  guint64          categories;
} Gap;

struct _SmCoverageLayer
{
  ShumateLayer        parent_instance;

  SmContext          *context;
  SmStore            *store;
  SmFilter           *filter;
  SmCoverageSources  *sources;     /* NULL: to be read */
  GArray             *needs;       /* SmCoverageNeed of what the filter shows; NULL while hidden */
  GArray             *gaps;        /* Gap */
  GArray             *grid;        /* SmGridCell, in the planner view */
  GPtrArray          *categories;  /* SmCategory, for the descriptions */
  gboolean            planner_view;
};

G_DEFINE_FINAL_TYPE (SmCoverageLayer, sm_coverage_layer, SHUMATE_TYPE_LAYER)

static const double status_rgb[SM_COVERAGE_N_STATUSES][3] = {
  { 0.15, 0.55, 0.30 },   /* covered: not drawn */
  { 0.90, 0.70, 0.05 },   /* full */
  { 0.90, 0.38, 0.00 },   /* out of reach */
  { 0.75, 0.11, 0.16 },   /* no service */
};

static void
clear (SmCoverageLayer *self)
{
  g_clear_pointer (&self->needs, g_array_unref);
  g_clear_pointer (&self->gaps, g_array_unref);
  g_clear_pointer (&self->grid, g_array_unref);
}

/* What the filter shows, assessed; nothing is kept while hidden. */
static void
recompute (SmCoverageLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmFilter) open = NULL;
  g_autoptr(GArray) hits = NULL;

  clear (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      g_clear_pointer (&self->sources, sm_coverage_sources_free);
      return;
    }
  if (self->sources == NULL && (self->sources = sm_coverage_sources_load (self->store, &error)) == NULL)
    {
      g_warning ("Cannot read the services for coverage: %s", error->message);
      return;
    }
  open = sm_filter_copy (self->filter);
  sm_filter_set_status (open, SM_NEED_OPEN);
  if ((hits = sm_store_query (self->store, open, &error)) == NULL)
    {
      g_warning ("Cannot read the households for coverage: %s", error->message);
      return;
    }
  self->needs = sm_coverage_assess (self->sources, hits);
  self->gaps = g_array_new (FALSE, FALSE, sizeof (Gap));
  for (guint i = 0; i < self->needs->len; i++)
    {
      const SmCoverageNeed *n = &g_array_index (self->needs, SmCoverageNeed, i);
      Gap *last = self->gaps->len ? &g_array_index (self->gaps, Gap, self->gaps->len - 1) : NULL;

      if (n->status == SM_COVERAGE_COVERED)
        continue;
      if (last == NULL || last->household_id != n->household_id)
        {
          Gap g = { n->household_id, n->lat, n->lon, n->status, n->nearest_m, 0 };

          g_array_append_val (self->gaps, g);
          last = &g_array_index (self->gaps, Gap, self->gaps->len - 1);
        }
      else if (n->status > last->worst)
        {
          last->worst = n->status;
          last->nearest_m = n->nearest_m;
        }
      if (n->category >= 0 && n->category < 64)
        last->categories |= G_GUINT64_CONSTANT (1) << n->category;
    }
  if (self->planner_view)
    {
      g_autofree SmGridPoint *points = g_new (SmGridPoint, MAX (self->gaps->len, 1));

      for (guint i = 0; i < self->gaps->len; i++)
        {
          const Gap *g = &g_array_index (self->gaps, Gap, i);

          points[i] = (SmGridPoint) { .lat = g->lat, .lon = g->lon, .households = 1, .persons = 1 };
        }
      self->grid = sm_grid_count_points (points, self->gaps->len, sm_context_get_disclosure (self->context), 0,
                                         &error);
      if (self->grid == NULL)
        g_warning ("Cannot count the households on the grid: %s", error->message);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
store_changed_cb (SmCoverageLayer *self,
                  SmStoreChange    what,
                  GArray          *household_ids)
{
  if (what & (SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_BOUNDARIES))
    g_clear_pointer (&self->sources, sm_coverage_sources_free);
  if (what & (SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_BOUNDARIES | SM_STORE_CHANGE_CASES))
    recompute (self);
}

static void
draw_grid (SmCoverageLayer *self,
           cairo_t         *cr,
           GtkWidget       *widget)
{
  static const SmGridCellStyle style = { { 0.90, 0.38, 0.0 }, 0.85, 1.5, TRUE, { 0.45, 0.18, 0.0 } };

  sm_grid_cells_draw (cr, shumate_layer_get_viewport (SHUMATE_LAYER (self)), widget, self->grid,
                      sm_context_get_disclosure (self->context), &style);
}

static void
sm_coverage_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SmCoverageLayer *self = SM_COVERAGE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->gaps == NULL || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->planner_view)
    draw_grid (self, cr, widget);
  else
    for (guint i = 0; i < self->gaps->len; i++)
      {
        const Gap *g = &g_array_index (self->gaps, Gap, i);
        double x, y;

        shumate_viewport_location_to_widget_coords (viewport, widget, g->lat, g->lon, &x, &y);
        if (x < -10 || y < -10 || x > width + 10 || y > height + 10)
          continue;
        /* A ring, so the household's own bubble stays readable inside. */
        cairo_new_sub_path (cr);
        cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, status_rgb[g->worst][0], status_rgb[g->worst][1], status_rgb[g->worst][2]);
        cairo_set_line_width (cr, 2.5);
        cairo_stroke (cr);
      }
  cairo_destroy (cr);
}

static char *
category_name (SmCoverageLayer *self,
               gint64           id)
{
  for (guint i = 0; self->categories != NULL && i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);

      if (c->id == id)
        return g_strdup (sm_localized_name (c->name_hu, c->name_en));
    }
  return g_strdup ("?");
}

static const char *
status_text (SmCoverageStatus status)
{
  switch (status)
    {
    case SM_COVERAGE_FULL:
      return _("the services in reach are full");
    case SM_COVERAGE_OUT_OF_REACH:
      return _("outside every matching service's catchment");
    case SM_COVERAGE_NO_SERVICE:
      return _("no service answers it");
    case SM_COVERAGE_COVERED:
    default:
      return _("covered");
    }
}

/**
 * sm_coverage_layer_describe:
 *
 * The household nearest a point within a few pixels, with each need no
 * service covers and why; in the planner view, the grid cell's count.
 * %NULL when hidden.
 *
 * Returns: (transfer full) (nullable): plain text
 */
char *
sm_coverage_layer_describe (SmCoverageLayer *self,
                            double           lat,
                            double           lon)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  double px, py, best = 81;
  const Gap *found = NULL;
  GString *text;

  g_return_val_if_fail (SM_IS_COVERAGE_LAYER (self), NULL);

  if (!gtk_widget_get_visible (widget) || self->gaps == NULL)
    return NULL;
  if (self->planner_view)
    {
      const SmGridCell *c = sm_grid_cells_at (self->grid, lat, lon);

      if (c == NULL)
        return NULL;
      return g_strdup_printf (ngettext ("%lld household here has a need no service covers",
                                        "%lld households here have a need no service covers",
                                        (unsigned long) c->counts.households),
                              (long long) c->counts.households);
    }
  shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &px, &py);
  for (guint i = 0; i < self->gaps->len; i++)
    {
      const Gap *g = &g_array_index (self->gaps, Gap, i);
      double x, y, d;

      shumate_viewport_location_to_widget_coords (viewport, widget, g->lat, g->lon, &x, &y);
      d = (x - px) * (x - px) + (y - py) * (y - py);
      if (d < best)
        {
          best = d;
          found = g;
        }
    }
  if (found == NULL)
    return NULL;
  if (self->categories == NULL)
    self->categories = sm_store_list_categories (self->store);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Household %lld: a need no service covers"), (long long) found->household_id);
  for (guint i = 0; i < self->needs->len; i++)
    {
      const SmCoverageNeed *n = &g_array_index (self->needs, SmCoverageNeed, i);
      g_autofree char *name = NULL;

      if (n->household_id != found->household_id || n->status == SM_COVERAGE_COVERED)
        continue;
      name = category_name (self, n->category);
      g_string_append_printf (text, "\n• %s: %s", name, status_text (n->status));
      if (n->nearest_m >= 0)
        g_string_append_printf (text, _(" (the nearest is %s km away in a straight line)"), sm_num (n->nearest_m / 1000, 1));
    }
  return g_string_free (text, FALSE);
}

void
sm_coverage_layer_set_planner_view (SmCoverageLayer *self,
                                    gboolean         planner_view)
{
  g_return_if_fail (SM_IS_COVERAGE_LAYER (self));

  if (self->planner_view == !!planner_view)
    return;
  self->planner_view = !!planner_view;
  recompute (self);
}

guint
sm_coverage_layer_get_n_uncovered (SmCoverageLayer *self)
{
  g_return_val_if_fail (SM_IS_COVERAGE_LAYER (self), 0);
  return self->gaps ? self->gaps->len : 0;
}

/* Returns: (transfer none) (nullable) (element-type SmCoverageNeed): every
 * assessed need, NULL while hidden */
GArray *
sm_coverage_layer_get_needs (SmCoverageLayer *self)
{
  g_return_val_if_fail (SM_IS_COVERAGE_LAYER (self), NULL);
  return self->needs;
}

/* Returns: (transfer none) (nullable) (element-type SmGridCell): the
 * planner view's cells, hidden ones included (they are not drawn) */
GArray *
sm_coverage_layer_get_grid (SmCoverageLayer *self)
{
  g_return_val_if_fail (SM_IS_COVERAGE_LAYER (self), NULL);
  return self->grid;
}

static void
sm_coverage_layer_dispose (GObject *object)
{
  SmCoverageLayer *self = SM_COVERAGE_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  clear (self);
  g_clear_pointer (&self->sources, sm_coverage_sources_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_coverage_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_coverage_layer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_COVERAGE_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_coverage_layer_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_COVERAGE_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_coverage_layer_class_init (SmCoverageLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_coverage_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_coverage_layer_get_property;
  G_OBJECT_CLASS (klass)->set_property = sm_coverage_layer_set_property;
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_coverage_layer_snapshot;
}

static void
sm_coverage_layer_init (SmCoverageLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

SmCoverageLayer *
sm_coverage_layer_new (ShumateViewport *viewport,
                       SmContext       *context)
{
  SmCoverageLayer *self = g_object_new (SM_TYPE_COVERAGE_LAYER, "viewport", viewport, "context", context, NULL);

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (recompute), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::visible", G_CALLBACK (recompute), NULL);
  return self;
}
