#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sm-number.h"
#include "sm-pack-private.h"

/* A month-by-month line chart of one or two indicators, with the first
 * one's target as a dashed line; a month whose value is hidden or not
 * given breaks the line. */

static double
nice_top (double max)
{
  double p;

  if (max <= 0)
    return 1;
  p = pow (10, floor (log10 (max)));
  for (int i = 1; i <= 10; i++)
    if (i * p >= max)
      return i * p;
  return 10 * p;
}

void
_sm_pack_chart_draw (cairo_t  *cr,
                     double    width,
                     double    height,
                     gpointer  data)
{
  SmPackChart *chart = data;
  const SmIndicatorReport *first = chart->series[0];
  double left = 52, right = 10, top = 22, bottom = 36;
  double pw = width - left - right, ph = height - top - bottom;
  double max = 0, ymax;
  guint n = first->months ? first->months->len : 0;

  cairo_set_source_rgb (cr, 0.1, 0.2, 0.4);
  sm_pdf_draw_text (cr, chart->title, 0, 0, 10, TRUE, width, 0);
  if (n == 0)
    return;
  for (int s = 0; s < 2 && chart->series[s] != NULL; s++)
    for (guint m = 0; m < chart->series[s]->months->len; m++)
      {
        double v = g_array_index (chart->series[s]->months, SmIndicatorValue, m).value;

        if (!isnan (v))
          max = MAX (max, v);
      }
  if (!isnan (first->target))
    max = MAX (max, first->target);
  ymax = nice_top (max * 1.05);
  /* Grid and its numbers. */
  cairo_set_line_width (cr, 0.4);
  for (int g = 0; g <= 4; g++)
    {
      double y = top + ph - ph * g / 4;
      g_autofree char *label = sm_indicator_format_number (first->def, ymax * g / 4);

      cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + pw, y);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      sm_pdf_draw_text (cr, label, left - 4, y - 5, 7, FALSE, 0, 1);
    }
  for (guint m = 0; m < n; m++)
    {
      double x = left + (n > 1 ? pw * m / (n - 1) : pw / 2);
      g_autofree char *label = g_strdup_printf ("%u", m + 1);

      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      sm_pdf_draw_text (cr, label, x, top + ph + 4, 7, FALSE, 0, 0.5);
    }
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  sm_pdf_draw_text (cr, _("month of the period"), left + pw / 2, top + ph + 14, 7, FALSE, 0, 0.5);
  if (!isnan (first->target))
    {
      double y = top + ph - ph * first->target / ymax;
      g_autofree char *target = sm_indicator_format_number (first->def, first->target);
      g_autofree char *label = g_strdup_printf (_("target %s"), target);

      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.1, 0.55, 0.2);
      cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + pw, y);
      cairo_stroke (cr);
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.1, 0.55, 0.2);
      sm_pdf_draw_text (cr, label, left + pw - 2, y - 10, 7, FALSE, 0, 1);
    }
  for (int s = 0; s < 2 && chart->series[s] != NULL; s++)
    {
      const SmIndicatorReport *r = chart->series[s];
      gboolean drawing = FALSE;

      cairo_set_source_rgb (cr, chart->rgb[s][0], chart->rgb[s][1], chart->rgb[s][2]);
      cairo_set_line_width (cr, 1.6);
      for (guint m = 0; m < r->months->len; m++)
        {
          double v = g_array_index (r->months, SmIndicatorValue, m).value;
          double x = left + (n > 1 ? pw * m / (n - 1) : pw / 2), y = top + ph - ph * v / ymax;

          if (isnan (v))
            {
              if (drawing)
                cairo_stroke (cr);
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      if (drawing)
        cairo_stroke (cr);
      for (guint m = 0; m < r->months->len; m++)
        {
          double v = g_array_index (r->months, SmIndicatorValue, m).value;

          if (isnan (v))
            continue;
          cairo_arc (cr, left + (n > 1 ? pw * m / (n - 1) : pw / 2), top + ph - ph * v / ymax, 2, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      /* Its name as the legend. */
      cairo_rectangle (cr, left + s * pw / 2, height - 10, 14, 3);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      sm_pdf_draw_text (cr, sm_indicator_name (r->def), left + s * pw / 2 + 18, height - 14, 7.5, FALSE,
                        pw / 2 - 20, 0);
    }
}
