#define G_LOG_DOMAIN "sm-hotspot-layer"

#include "config.h"

#include <math.h>

#include "sm-hotspot-layer.h"
#include "sm-hotspot-layer-private.h"

/* The hotspot layer's heat map: the density drawn as a texture, and the
 * one scale it keeps over the time slider's months. */

/* Transparent through yellow and orange to dark red. */
static void
ramp (double   t,
      guint8  *bgra)
{
  static const double stops[][4] = {
    { 0.00, 255, 255, 178 }, { 0.35, 254, 204, 92 }, { 0.6, 253, 141, 60 },
    { 0.8, 240, 59, 32 }, { 1.00, 189, 0, 38 },
  };
  double alpha = t <= 0.02 ? 0 : MIN (1.0, 0.35 + 0.65 * t);
  guint k = 0;
  double u, rgb[3];

  while (k + 2 < G_N_ELEMENTS (stops) && t > stops[k + 1][0])
    k++;
  u = CLAMP ((t - stops[k][0]) / (stops[k + 1][0] - stops[k][0]), 0, 1);
  for (int c = 0; c < 3; c++)
    rgb[c] = stops[k][c + 1] + u * (stops[k + 1][c + 1] - stops[k][c + 1]);
  bgra[0] = (guint8) (rgb[2] * alpha);
  bgra[1] = (guint8) (rgb[1] * alpha);
  bgra[2] = (guint8) (rgb[0] * alpha);
  bgra[3] = (guint8) (255 * alpha);
}

void
_sm_hotspot_layer_build_heat (SmHotspotLayer *self,
                              SmHotspotInput *in)
{
  g_autoptr(SmGrid) grid = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *pixels = NULL;
  double peak = 0;
  gsize stride;

  g_clear_object (&self->heat);
  self->peak = 0;
  if (in->points->len == 0)
    return;
  grid = sm_density (in, self->kernel, self->bandwidth, HEAT_CELL, HEAT_MAX_SIDE);
  for (int i = 0; i < grid->width * grid->height; i++)
    peak = MAX (peak, grid->values[i]);
  if (!self->per_month && self->scale > 0)
    peak = MAX (peak, self->scale);
  self->peak = peak;
  stride = (gsize) grid->width * 4;
  pixels = g_malloc0 (stride * grid->height);
  for (int y = 0; y < grid->height; y++)
    for (int x = 0; x < grid->width; x++)
      {
        double v = grid->values[(gsize) y * grid->width + x];

        /* Rows of the grid run north; a texture's south. */
        ramp (peak > 0 ? v / peak : 0, pixels + (gsize) (grid->height - 1 - y) * stride + x * 4);
      }
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), stride * grid->height);
  self->heat = gdk_memory_texture_new (grid->width, grid->height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED,
                                       bytes, stride);
  sm_hotspot_cell_bounds (in, grid->x0, grid->y0, 0, &self->heat_west, &self->heat_south,
                          &self->heat_east, &self->heat_north);
  self->heat_east = in->lon0 + (grid->x0 + grid->width * grid->cell) / in->kx;
  self->heat_north = in->lat0 + (grid->y0 + grid->height * grid->cell) / in->ky;
}

static gboolean
scale_is_current (SmHotspotLayer *self)
{
  return self->scale_filter != NULL && sm_filter_equal_but_time (self->scale_filter, self->filter) &&
         self->scale_kernel == self->kernel && self->scale_bandwidth == self->bandwidth &&
         self->scale_weight == self->weight && self->scale_window == self->time_window;
}

static void
scale_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  SmHotspotLayer *self = data;
  g_autoptr(GError) error = NULL;
  double scale = sm_density_scale_finish (SM_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->scale_cancellable);
  if (scale < 0)
    g_warning ("Cannot find the heat map's scale: %s", error->message);
  else if (scale_is_current (self))
    {
      g_autoptr(SmHotspotInput) in = sm_hotspot_input_new (self->store, self->filter, self->weight, NULL);

      self->scale = scale;
      if (in != NULL && self->show_heat && !self->planner_view)
        _sm_hotspot_layer_build_heat (self, in);
      _sm_hotspot_layer_emit_updated (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  g_object_unref (self);
}

/* The one scale of the slider's months, found on a worker thread when the
 * filter, the kernel, the radius or the weight changed; until then each
 * month is drawn on its own scale. */
void
_sm_hotspot_layer_update_scale (SmHotspotLayer *self)
{
  if (self->per_month || self->time_months <= 0 || scale_is_current (self))
    return;
  g_cancellable_cancel (self->scale_cancellable);
  g_clear_object (&self->scale_cancellable);
  g_clear_object (&self->scale_filter);
  self->scale = 0;
  self->scale_filter = sm_filter_copy (self->filter);
  self->scale_kernel = self->kernel;
  self->scale_bandwidth = self->bandwidth;
  self->scale_weight = self->weight;
  self->scale_window = self->time_window;
  self->scale_cancellable = g_cancellable_new ();
  sm_density_scale_async (self->store, self->filter, &self->time_first, self->time_months,
                          self->time_window, self->kernel, self->bandwidth, HEAT_CELL, HEAT_MAX_SIDE,
                          self->weight, self->scale_cancellable, scale_done_cb, g_object_ref (self));
}

/**
 * sm_hotspot_layer_set_time:
 * @first: the time slider's first month
 * @n_months: its months
 * @window: its mode, as sm_filter_set_month() takes it
 *
 * The months the heat map's one scale is taken over.
 */
void
sm_hotspot_layer_set_time (SmHotspotLayer *self,
                           const GDate    *first,
                           int             n_months,
                           int             window)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->time_months == n_months && self->time_window == window &&
      g_date_valid (&self->time_first) && g_date_compare (&self->time_first, first) == 0)
    return;
  self->time_first = *first;
  self->time_months = n_months;
  self->time_window = window;
  g_clear_object (&self->scale_filter);
  self->scale = 0;
}

/* Each month on its own scale, or (the default) one over the slider. */
void
sm_hotspot_layer_set_per_month (SmHotspotLayer *self,
                                gboolean        per_month)
{
  g_return_if_fail (SM_IS_HOTSPOT_LAYER (self));

  if (self->per_month == per_month)
    return;
  self->per_month = per_month;
  if (self->heat != NULL || self->hotspots != NULL)
    sm_hotspot_layer_recompute (self);
}

/* Whether the heat map's one scale is still being found. */
gboolean
sm_hotspot_layer_is_scaling (SmHotspotLayer *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_LAYER (self), FALSE);

  return self->scale_cancellable != NULL;
}

