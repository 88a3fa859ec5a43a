#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <math.h>

#include "sm-area-layer.h"
#include "sm-hotspot-layer.h"
#include "sm-query.h"
#include "sm-window-private.h"

/* The time slider: the month it shows, a step of play, and its set-up. */

/**
 * sm_window_show_month:
 * @index: months after the data's first
 * @window: 0: needs open at that month's end; N > 0: needs assessed in the
 *   last N months up to it (the window); -1: every need assessed up to it
 *   (cumulative)
 *
 * What the time slider does: the map, counts and hotspot layers show that
 * month's end.
 */
void
sm_window_show_month (SmWindow *self,
                      int       index,
                      int       window)
{
  GDate day;
  char text[64];
  int n_months;

  g_return_if_fail (SM_IS_WINDOW (self));

  sm_filter_month_day (&self->time_first, index, &day);
  g_date_strftime (text, sizeof text, "%Y %B", &day);
  gtk_label_set_label (self->time_label, text);
  n_months = (int) gtk_adjustment_get_upper (gtk_range_get_adjustment (GTK_RANGE (self->time_scale))) + 1;
  sm_hotspot_layer_set_time (self->hotspot_layer, &self->time_first, n_months, window);
  sm_excess_layer_set_month (self->excess_layer, &self->time_first, n_months, index, window);
  sm_filter_set_month (self->filter, &self->time_first, index, window, NULL);
}

static void
time_changed_cb (SmWindow *self)
{
  /* The time mode's choices, in the order of the drop-down. */
  static const int windows[] = { 0, 3, 6, 12, 24, -1 };
  guint mode = gtk_drop_down_get_selected (self->time_mode);
  gint64 now = g_get_monotonic_time ();
  gboolean alone = now - self->time_moved_at > 250 * 1000;

  self->time_moved_at = now;
  sm_window_show_month (self, (int) gtk_range_get_value (GTK_RANGE (self->time_scale)),
                        windows[MIN (mode, G_N_ELEMENTS (windows) - 1)]);
  /* A step on its own (a key, a click) is drawn at once; the changes of a
   * drag that follow it wait for the slider to settle. */
  if (alone)
    {
      sm_hotspot_layer_flush (self->hotspot_layer);
      sm_area_layer_flush (self->area_layer);
    }
}

/**
 * sm_window_step_month:
 *
 * One step of play: the time slider moves a month on and every layer
 * follows at once (a drag waits for the slider to settle; a step does not).
 *
 * Returns: %FALSE at the last month
 */
gboolean
sm_window_step_month (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));
  /* A drag may leave the slider between two months. */
  double next = floor (gtk_adjustment_get_value (adj) + 0.5) + 1;

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  if (next > gtk_adjustment_get_upper (adj) + 0.5)
    return FALSE;
  gtk_adjustment_set_value (adj, next);
  sm_hotspot_layer_flush (self->hotspot_layer);
  sm_area_layer_flush (self->area_layer);
  return TRUE;
}

/**
 * sm_window_set_month:
 * @index: months after the data's first
 *
 * Puts the time slider on a month, as a person would.
 */
void
sm_window_set_month (SmWindow *self,
                     int       index)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  gtk_range_set_value (GTK_RANGE (self->time_scale), index);
}

static gboolean
play_step_cb (gpointer data)
{
  SmWindow *self = data;

  /* Each month is shown with its clusters of excess before the next. */
  if (sm_excess_layer_is_busy (self->excess_layer))
    return G_SOURCE_CONTINUE;
  if (!sm_window_step_month (self))
    {
      self->play_id = 0;
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
play_toggled_cb (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));

  g_clear_handle_id (&self->play_id, g_source_remove);
  if (gtk_toggle_button_get_active (self->play_button))
    {
      if (gtk_adjustment_get_value (adj) >= gtk_adjustment_get_upper (adj))
        gtk_adjustment_set_value (adj, 0);
      self->play_id = g_timeout_add (700, play_step_cb, self);
      gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-pause-symbolic");
    }
  else
    gtk_button_set_icon_name (GTK_BUTTON (self->play_button), "media-playback-start-symbolic");
}

void
_sm_window_setup_time (SmWindow *self)
{
  GtkAdjustment *adj = gtk_range_get_adjustment (GTK_RANGE (self->time_scale));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate last;
  int months;
  char text[64];

  if (!sm_store_get_need_span (self->store, &self->time_first, &last))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->time_bar), FALSE);
      return;
    }
  months = (g_date_time_get_year (now) - g_date_get_year (&self->time_first)) * 12 +
           (g_date_time_get_month (now) - (int) g_date_get_month (&self->time_first));
  gtk_adjustment_set_upper (adj, MAX (0, months));
  gtk_adjustment_set_value (adj, MAX (0, months));
  sm_filter_month_day (&self->time_first, months, &last);
  g_date_strftime (text, sizeof text, "%Y %B", &last);
  /* Whole months only, however the slider is dragged. */
  gtk_range_set_round_digits (GTK_RANGE (self->time_scale), 0);
  sm_hotspot_layer_set_time (self->hotspot_layer, &self->time_first, MAX (0, months) + 1, 0);
  sm_excess_layer_set_month (self->excess_layer, &self->time_first, MAX (0, months) + 1, MAX (0, months), 0);
  gtk_label_set_label (self->time_label, text);
  g_signal_connect_swapped (self->time_scale, "value-changed", G_CALLBACK (time_changed_cb), self);
  g_signal_connect_swapped (self->time_mode, "notify::selected", G_CALLBACK (time_changed_cb), self);
  g_signal_connect_swapped (self->play_button, "toggled", G_CALLBACK (play_toggled_cb), self);
}

