#define G_LOG_DOMAIN "sm-signal-layer"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-case-life.h"
#include "sm-grid.h"
#include "sm-grid-cells.h"
#include "sm-mercator.h"
#include "sm-signal-layer.h"
#include "sm-signal-map.h"
#include "sm-store-signals.h"

struct _SmSignalLayer
{
  ShumateLayer       parent_instance;

  SmContext         *context;
  SmStore           *store;
  SmFilter          *filter;
  GArray            *places;     /* SmSignalPlace, NULL until read */
  GArray            *points;     /* SmSignalPoint the filter's time shows */
  GArray            *mercator;   /* double x, y per point, in the unit square */
  GArray            *grid;       /* SmGridCell, in the planner view */
  SmSignalDeadlines  deadlines;
  gboolean           planner_view;
  guint              n_overdue;
};

G_DEFINE_FINAL_TYPE (SmSignalLayer, sm_signal_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One colour per source, apart from the need categories' palette. */
static const double source_rgb[SM_SIGNAL_N_SOURCES][3] = {
  { 0.00, 0.45, 0.70 },   /* health: blue */
  { 0.90, 0.62, 0.00 },   /* education: orange */
  { 0.34, 0.24, 0.55 },   /* authority: purple */
  { 0.00, 0.62, 0.45 },   /* care: green */
  { 0.40, 0.40, 0.40 },   /* private: grey */
};

static void reload (SmSignalLayer *self);

/* Hidden, the layer reads and counts nothing; shown again, it catches up. */
static void
recount (SmSignalLayer *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->mercator, g_array_unref);
  g_clear_pointer (&self->grid, g_array_unref);
  self->n_overdue = 0;
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      /* Read again when shown: nothing of it is kept while hidden. */
      g_clear_pointer (&self->places, g_array_unref);
      return;
    }
  if (self->places == NULL)
    {
      reload (self);
      return;
    }
  self->points = sm_signal_map_points (self->places, self->filter, &self->deadlines);
  self->mercator = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * self->points->len);
  g_array_set_size (self->mercator, 2 * self->points->len);
  for (guint i = 0; i < self->points->len; i++)
    {
      const SmSignalPoint *p = &g_array_index (self->points, SmSignalPoint, i);
      double *xy = &g_array_index (self->mercator, double, 2 * i);

      sm_mercator_from_lonlat (p->lon, p->lat, &xy[0], &xy[1]);
      self->n_overdue += p->overdue;
    }
  if (self->planner_view)
    {
      g_autofree SmGridPoint *grid = g_new (SmGridPoint, MAX (self->points->len, 1));

      for (guint i = 0; i < self->points->len; i++)
        {
          const SmSignalPoint *p = &g_array_index (self->points, SmSignalPoint, i);

          grid[i] = (SmGridPoint) { .lat = p->lat, .lon = p->lon, .households = 1, .persons = 1 };
        }
      self->grid = sm_grid_count_points (grid, self->points->len, sm_context_get_disclosure (self->context), 0,
                                         &error);
      if (self->grid == NULL)
        g_warning ("Cannot count signals on the grid: %s", error->message);
    }
  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
reload (SmSignalLayer *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->places, g_array_unref);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      recount (self);
      return;
    }
  if (!sm_deadlines_load (self->store, &self->deadlines, NULL, &error) ||
      (self->places = sm_store_list_signal_places (self->store, &error)) == NULL)
    {
      g_warning ("Cannot read the signals' places: %s", error->message);
      return;
    }
  recount (self);
}

static void
store_changed_cb (SmSignalLayer *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASEWORK | SM_STORE_CHANGE_CASES))
    reload (self);
}

static void
draw_grid (SmSignalLayer *self,
           cairo_t         *cr,
           GtkWidget       *widget)
{
  static const SmGridCellStyle style = { { 0.34, 0.24, 0.55 }, 0.8, 1, FALSE, { 0.2, 0.1, 0.35 } };

  sm_grid_cells_draw (cr, shumate_layer_get_viewport (SHUMATE_LAYER (self)), widget, self->grid,
                      sm_context_get_disclosure (self->context), &style);
}

/* Where the points go on the widget: unrotated, Web Mercator is a scale
 * and a shift of the unit square, so one conversion for the centre and
 * arithmetic per point. */
typedef struct {
  gboolean linear;
  double   cx, cy, mx0, my0, scale;
} Placing;

static gboolean
placing_init (SmSignalLayer *self,
              Placing       *place)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
  double lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  double lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));

  if (source == NULL)
    return FALSE;
  place->linear = shumate_viewport_get_rotation (viewport) == 0;
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), lat, lon, &place->cx, &place->cy);
  sm_mercator_from_lonlat (lon, lat, &place->mx0, &place->my0);
  place->scale = shumate_map_source_get_tile_size (source) * exp2 (shumate_viewport_get_zoom_level (viewport));
  return TRUE;
}

static void
point_at (SmSignalLayer *self,
          const Placing *place,
          guint          i,
          double        *x,
          double        *y)
{
  const double *xy = &g_array_index (self->mercator, double, 2 * i);

  if (place->linear)
    {
      *x = place->cx + (xy[0] - place->mx0) * place->scale;
      *y = place->cy + (xy[1] - place->my0) * place->scale;
      return;
    }
  shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)), GTK_WIDGET (self),
                                              g_array_index (self->points, SmSignalPoint, i).lat,
                                              g_array_index (self->points, SmSignalPoint, i).lon, x, y);
}

static void
sm_signal_layer_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SmSignalLayer *self = SM_SIGNAL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double r = CLAMP (zoom - 9, 3, 7);
  Placing place;
  cairo_t *cr;

  if (self->points == NULL || !placing_init (self, &place))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->planner_view)
    draw_grid (self, cr, widget);
  else
    for (guint i = 0; i < self->points->len; i++)
      {
        const SmSignalPoint *p = &g_array_index (self->points, SmSignalPoint, i);
        const double *rgb = source_rgb[CLAMP (p->source, 0, SM_SIGNAL_N_SOURCES - 1)];
        /* Fresh signals strong, a year old faint. */
        double alpha = 0.95 - 0.6 * MIN (1.0, p->age_days / 365.0);
        double x, y;

        point_at (self, &place, i, &x, &y);
        if (x < -r - 3 || y < -r - 3 || x > width + r + 3 || y > height + r + 3)
          continue;
        /* A diamond: apart from the households' round bubbles. */
        cairo_new_path (cr);
        cairo_move_to (cr, x, y - r - 1.5);
        cairo_line_to (cr, x + r + 1.5, y);
        cairo_line_to (cr, x, y + r + 1.5);
        cairo_line_to (cr, x - r - 1.5, y);
        cairo_close_path (cr);
        cairo_set_source_rgba (cr, rgb[0], rgb[1], rgb[2], alpha);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, alpha);
        cairo_set_line_width (cr, 1.2);
        cairo_stroke (cr);
        if (p->overdue)
          {
            cairo_new_path (cr);
            cairo_arc (cr, x, y, r + 3, 0, 2 * G_PI);
            cairo_set_source_rgba (cr, 0.85, 0.1, 0.1, 0.95);
            cairo_set_line_width (cr, 2);
            cairo_stroke (cr);
          }
      }
  cairo_destroy (cr);
}

static void
sm_signal_layer_dispose (GObject *object)
{
  SmSignalLayer *self = SM_SIGNAL_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->filter);
  g_clear_object (&self->context);
  g_clear_pointer (&self->places, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->mercator, g_array_unref);
  g_clear_pointer (&self->grid, g_array_unref);
  G_OBJECT_CLASS (sm_signal_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_signal_layer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_SIGNAL_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_signal_layer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_SIGNAL_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_signal_layer_class_init (SmSignalLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_signal_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_signal_layer_get_property;
  G_OBJECT_CLASS (klass)->set_property = sm_signal_layer_set_property;
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_signal_layer_snapshot;
  /* What it shows changed. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_signal_layer_init (SmSignalLayer *self)
{
  self->deadlines = sm_signal_default_deadlines;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  /* Off until asked for (Layers ▸ Signals): nothing is read until then. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

SmSignalLayer *
sm_signal_layer_new (ShumateViewport *viewport,
                     SmContext       *context)
{
  SmSignalLayer *self = g_object_new (SM_TYPE_SIGNAL_LAYER, "viewport", viewport, "context", context, NULL);

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (recount), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::visible", G_CALLBACK (recount), NULL);
  reload (self);
  return self;
}

void
sm_signal_layer_set_planner_view (SmSignalLayer *self,
                                  gboolean       planner_view)
{
  g_return_if_fail (SM_IS_SIGNAL_LAYER (self));

  if (self->planner_view == !!planner_view)
    return;
  self->planner_view = !!planner_view;
  recount (self);
}

/* The signals the filter's time shows (also in the planner view, where
 * only cells are drawn). */
guint
sm_signal_layer_get_n_shown (SmSignalLayer *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_LAYER (self), 0);
  return self->points ? self->points->len : 0;
}

guint
sm_signal_layer_get_n_overdue (SmSignalLayer *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_LAYER (self), 0);
  return self->n_overdue;
}

/**
 * sm_signal_layer_get_grid:
 *
 * Returns: (transfer none) (nullable) (element-type SmGridCell): the
 *   planner view's cells, hidden ones included (they are not drawn)
 */
GArray *
sm_signal_layer_get_grid (SmSignalLayer *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_LAYER (self), NULL);
  return self->grid;
}

/**
 * sm_signal_layer_describe:
 *
 * The signal nearest a point within a few pixels; in the planner view,
 * the grid cell's count. %NULL when hidden.
 *
 * Returns: (transfer full) (nullable): plain text
 */
char *
sm_signal_layer_describe (SmSignalLayer *self,
                          double         lat,
                          double         lon)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  double px, py, best = 64;
  const SmSignalPoint *found = NULL;
  Placing place;

  g_return_val_if_fail (SM_IS_SIGNAL_LAYER (self), NULL);

  if (!gtk_widget_get_visible (widget) || self->points == NULL)
    return NULL;
  if (self->planner_view)
    {
      const SmGridCell *c = sm_grid_cells_at (self->grid, lat, lon);

      if (c == NULL)
        return NULL;
      return g_strdup_printf (ngettext ("%lld signal in this cell", "%lld signals in this cell",
                                        (unsigned long) c->counts.households),
                              (long long) c->counts.households);
    }
  if (!placing_init (self, &place))
    return NULL;
  shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &px, &py);
  for (guint i = 0; i < self->points->len; i++)
    {
      const SmSignalPoint *p = &g_array_index (self->points, SmSignalPoint, i);
      double x, y, d;

      point_at (self, &place, i, &x, &y);
      d = (x - px) * (x - px) + (y - py) * (y - py);
      if (d < best)
        {
          best = d;
          found = p;
        }
    }
  if (found == NULL)
    return NULL;
  return g_strdup_printf (ngettext ("Signal %lld from %s, %d day old%s", "Signal %lld from %s, %d days old%s",
                                    (unsigned long) found->age_days),
                          (long long) found->id, sm_signal_source_name (found->source), found->age_days,
                          found->overdue ? _(", overdue") : "");
}
