#define G_LOG_DOMAIN "sm-measure-layer"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-case-life.h"
#include "sm-measure-layer.h"
#include "sm-store-casework.h"

typedef struct {
  char    *area;
  double   lat, lon;
  GString *kinds;     /* the kinds' names, one per line */
  guint    families;  /* bit per SmInterventionFamily */
} Flag;

struct _SmMeasureLayer
{
  ShumateLayer  parent_instance;

  SmContext    *context;
  SmStore      *store;
  GPtrArray    *flags;   /* Flag, NULL while hidden */
};

G_DEFINE_FINAL_TYPE (SmMeasureLayer, sm_measure_layer, SHUMATE_TYPE_LAYER)

static const double family_rgb[4][3] = {
  { 0.80, 0.47, 0.00 },   /* housing */
  { 0.20, 0.40, 0.70 },   /* administrative */
  { 0.70, 0.15, 0.30 },   /* guardianship */
  { 0.10, 0.55, 0.35 },   /* services */
};

static void
flag_free (Flag *f)
{
  g_free (f->area);
  g_string_free (f->kinds, TRUE);
  g_free (f);
}

/* The area measures, one flag per area (by name and place). */
static void
reload (SmMeasureLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;

  g_clear_pointer (&self->flags, g_ptr_array_unref);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  list = sm_store_list_interventions (self->store, 0, &error);
  if (list == NULL)
    {
      g_warning ("Cannot read the measures: %s", error->message);
      return;
    }
  self->flags = g_ptr_array_new_with_free_func ((GDestroyNotify) flag_free);
  for (guint i = 0; i < list->len; i++)
    {
      const SmInterventionRecord *r = g_ptr_array_index (list, i);
      const SmInterventionKind *k = sm_intervention_kind_find (r->kind);
      Flag *f = NULL;

      if (r->household_id != 0 || r->area == NULL || !r->has_area_location)
        continue;
      for (guint j = 0; j < self->flags->len && f == NULL; j++)
        {
          Flag *g = g_ptr_array_index (self->flags, j);

          if (g_str_equal (g->area, r->area) && g->lat == r->area_lat && g->lon == r->area_lon)
            f = g;
        }
      if (f == NULL)
        {
          f = g_new0 (Flag, 1);
          *f = (Flag) { g_strdup (r->area), r->area_lat, r->area_lon, g_string_new (NULL), 0 };
          g_ptr_array_add (self->flags, f);
        }
      g_string_append_printf (f->kinds, "\n%s · %s", r->on_date, k ? sm_intervention_kind_name (k) : r->kind);
      if (k != NULL)
        f->families |= 1u << k->family;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
store_changed_cb (SmMeasureLayer *self,
                  SmStoreChange   what,
                  GArray         *household_ids)
{
  if (what & SM_STORE_CHANGE_CASEWORK)
    reload (self);
}

static void
sm_measure_layer_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  SmMeasureLayer *self = SM_MEASURE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->flags == NULL || self->flags->len == 0 || shumate_viewport_get_reference_map_source (viewport) == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->flags->len; i++)
    {
      const Flag *f = g_ptr_array_index (self->flags, i);
      double x, y, band = 0;
      guint n = 0;

      shumate_viewport_location_to_widget_coords (viewport, widget, f->lat, f->lon, &x, &y);
      /* A pole and a flag striped by the families used there. */
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, 2);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x, y - 26);
      cairo_stroke (cr);
      for (guint b = 0; b < 4; b++)
        n += (f->families >> b) & 1;
      for (guint b = 0; b < 4; b++)
        if ((f->families >> b) & 1)
          {
            double h = 12.0 / MAX (n, 1);

            cairo_rectangle (cr, x + 1, y - 26 + band, 16, h);
            cairo_set_source_rgb (cr, family_rgb[b][0], family_rgb[b][1], family_rgb[b][2]);
            cairo_fill (cr);
            band += h;
          }
      cairo_rectangle (cr, x + 1, y - 26, 16, 12);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
sm_measure_layer_dispose (GObject *object)
{
  SmMeasureLayer *self = SM_MEASURE_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->flags, g_ptr_array_unref);
  G_OBJECT_CLASS (sm_measure_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_measure_layer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_MEASURE_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_measure_layer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_MEASURE_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_measure_layer_class_init (SmMeasureLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_measure_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_measure_layer_get_property;
  G_OBJECT_CLASS (klass)->set_property = sm_measure_layer_set_property;
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_measure_layer_snapshot;
}

static void
sm_measure_layer_init (SmMeasureLayer *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

SmMeasureLayer *
sm_measure_layer_new (ShumateViewport *viewport,
                      SmContext       *context)
{
  SmMeasureLayer *self = g_object_new (SM_TYPE_MEASURE_LAYER, "viewport", viewport, "context", context, NULL);

  self->store = g_object_ref (sm_context_get_store (context));
  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::visible", G_CALLBACK (reload), NULL);
  return self;
}

guint
sm_measure_layer_get_n_areas (SmMeasureLayer *self)
{
  g_return_val_if_fail (SM_IS_MEASURE_LAYER (self), 0);
  return self->flags ? self->flags->len : 0;
}

/**
 * sm_measure_layer_describe:
 *
 * The area whose flag is at a point: its name and the measures recorded.
 *
 * Returns: (transfer full) (nullable): plain text
 */
char *
sm_measure_layer_describe (SmMeasureLayer *self,
                           double          lat,
                           double          lon)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  double px, py;

  g_return_val_if_fail (SM_IS_MEASURE_LAYER (self), NULL);

  if (!gtk_widget_get_visible (widget) || self->flags == NULL)
    return NULL;
  shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &px, &py);
  for (guint i = 0; i < self->flags->len; i++)
    {
      const Flag *f = g_ptr_array_index (self->flags, i);
      double x, y;

      shumate_viewport_location_to_widget_coords (viewport, widget, f->lat, f->lon, &x, &y);
      if (px >= x - 3 && px <= x + 18 && py >= y - 28 && py <= y + 2)
        return g_strdup_printf ("%s%s", f->area, f->kinds->str);
    }
  return NULL;
}
