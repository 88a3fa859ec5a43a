#define G_LOG_DOMAIN "sm-case-layer"

#include "config.h"

#include "sm-case-layer-private.h"
#include "sm-mercator.h"

/* The case layer's chosen household: where it is, shown by the filter or
 * not, and its mark drawn each frame. */

/**
 * sm_case_layer_locate:
 *
 * Where household @household_id stands in widget coordinates, if the
 * filter shows it and the planner view is off.
 */
gboolean
sm_case_layer_locate (SmCaseLayer *self,
                      gint64       household_id,
                      double      *x,
                      double      *y)
{
  View v;

  g_return_val_if_fail (SM_IS_CASE_LAYER (self), FALSE);

  if (self->planner_view)
    return FALSE;
  for (guint i = 0; i < self->hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (self->hits, SmCaseHit, i);
      double ux, uy;

      if (hit->household_id != household_id)
        continue;
      _sm_case_layer_view_init (&v, self);
      sm_mercator_from_lonlat (hit->lon, hit->lat, &ux, &uy);
      _sm_case_layer_view_to_widget (&v, ux * v.world, uy * v.world, x, y);
      return TRUE;
    }
  return FALSE;
}

void
sm_case_layer_set_selected (SmCaseLayer *self,
                            gint64       household_id)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));

  self->selected = household_id;
  self->selected_placed = FALSE;
  if (household_id != 0)
    {
      SmHousehold h = { 0 };

      if (sm_store_get_household (self->store, household_id, &h, NULL) && h.has_location)
        {
          self->selected_placed = TRUE;
          self->selected_lat = h.lat;
          self->selected_lon = h.lon;
        }
      sm_household_clear (&h);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Where the selected household is, whether the layer draws it or not. */
gboolean
sm_case_layer_get_selected_place (SmCaseLayer *self,
                                  double      *lat,
                                  double      *lon)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), FALSE);

  *lat = self->selected_lat;
  *lon = self->selected_lon;
  return self->selected != 0 && self->selected_placed;
}

gint64
sm_case_layer_get_selected (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->selected;
}

void
_sm_case_layer_snapshot_selection (SmCaseLayer *self,
                                   GtkSnapshot *snapshot)
{
  double x, y;
  cairo_t *cr;

  if (self->planner_view || self->selected == 0)
    return;
  /* A household the filter does not show (no open need) is marked too,
   * at its own place. */
  if (!sm_case_layer_locate (self, self->selected, &x, &y))
    {
      View v;
      double ux, uy;

      if (!self->selected_placed)
        return;
      _sm_case_layer_view_init (&v, self);
      sm_mercator_from_lonlat (self->selected_lon, self->selected_lat, &ux, &uy);
      _sm_case_layer_view_to_widget (&v, ux * v.world, uy * v.world, &x, &y);
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x - 16, y - 16, 32, 32));
  cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 5);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 0.11, 0.11, 0.11);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

