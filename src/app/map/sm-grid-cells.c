#define G_LOG_DOMAIN "sm-grid-cells"

#include "config.h"

#include "sm-grid-cells.h"

/**
 * sm_grid_cells_draw:
 * @cells: (element-type SmGridCell) (nullable): hidden ones are not drawn
 *
 * Each shown cell outlined and faintly filled, with its count in the
 * middle as the disclosure rule writes it.
 */
void
sm_grid_cells_draw (cairo_t               *cr,
                    ShumateViewport       *viewport,
                    GtkWidget             *widget,
                    GArray                *cells,
                    SmDisclosure          *disclosure,
                    const SmGridCellStyle *style)
{
  for (guint i = 0; cells != NULL && i < cells->len; i++)
    {
      const SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      g_autofree char *text = NULL;
      double x[4], y[4], cx = 0, cy = 0;
      cairo_text_extents_t ext;

      /* Only what may be shown reaches the screen. */
      if (c->counts.state != SM_DISCLOSURE_SHOWN)
        continue;
      for (guint k = 0; k < 4; k++)
        {
          shumate_viewport_location_to_widget_coords (viewport, widget, c->lat[k], c->lon[k], &x[k], &y[k]);
          cx += x[k] / 4;
          cy += y[k] / 4;
        }
      cairo_move_to (cr, x[0], y[0]);
      for (guint k = 1; k < 4; k++)
        cairo_line_to (cr, x[k], y[k]);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, style->rgb[0], style->rgb[1], style->rgb[2], 0.22);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, style->rgb[0], style->rgb[1], style->rgb[2], style->outline_alpha);
      cairo_set_line_width (cr, style->line_width);
      if (style->dashed)
        cairo_set_dash (cr, (double[]) { 4, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      text = sm_disclosure_format_count (disclosure, c->counts.households, c->counts.state);
      cairo_set_font_size (cr, 11);
      cairo_text_extents (cr, text, &ext);
      cairo_move_to (cr, cx - ext.width / 2 - ext.x_bearing, cy - ext.height / 2 - ext.y_bearing);
      cairo_set_source_rgb (cr, style->text_rgb[0], style->text_rgb[1], style->text_rgb[2]);
      cairo_show_text (cr, text);
    }
}

/**
 * sm_grid_cells_at:
 * @cells: (element-type SmGridCell) (nullable)
 *
 * Returns: (nullable): the shown cell that holds the point
 */
const SmGridCell *
sm_grid_cells_at (GArray *cells,
                  double  lat,
                  double  lon)
{
  for (guint i = 0; cells != NULL && i < cells->len; i++)
    {
      const SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      double w = MIN (c->lon[0], c->lon[3]), e = MAX (c->lon[1], c->lon[2]);
      double s = MIN (c->lat[0], c->lat[1]), n = MAX (c->lat[2], c->lat[3]);

      if (c->counts.state == SM_DISCLOSURE_SHOWN && lon >= w && lon < e && lat >= s && lat < n)
        return c;
    }
  return NULL;
}
