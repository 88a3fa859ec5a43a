#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sm-error.h"
#include "sm-map-sheet.h"
#include "sm-pdf.h"

#define LEGEND 170.0
#define MARGIN 28.0

SmMapSheet *
sm_map_sheet_new (const char      *title,
                  cairo_surface_t *image,
                  double           metres_per_pixel)
{
  SmMapSheet *sheet = g_new0 (SmMapSheet, 1);

  sheet->layout = sm_pack_map_new (title);
  sheet->image = cairo_surface_reference (image);
  sheet->metres_per_pixel = metres_per_pixel;
  return sheet;
}

void
sm_map_sheet_free (SmMapSheet *sheet)
{
  if (sheet == NULL)
    return;
  sm_pack_map_free (sheet->layout);
  g_free (sheet->filter_text);
  cairo_surface_destroy (sheet->image);
  g_free (sheet);
}

/* Lays the sheet out in @width × @height (points or pixels alike). */
void
sm_map_sheet_draw (cairo_t    *cr,
                   double      width,
                   double      height,
                   SmMapSheet *sheet)
{
  SmPackMap *l = sheet->layout;
  double iw = cairo_image_surface_get_width (sheet->image), ih = cairo_image_surface_get_height (sheet->image);
  double title_h = 30, foot_h = 46;
  double fw = width - 2 * MARGIN - LEGEND, fh = height - 2 * MARGIN - title_h - foot_h;
  double s = MIN (fw / iw, fh / ih);
  double mw = iw * s, mh = ih * s, x0 = MARGIN, y0 = MARGIN + title_h;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.4);
  if (l->title != NULL)
    sm_pdf_draw_text (cr, l->title, MARGIN, MARGIN, 15, TRUE, width - 2 * MARGIN, 0);
  cairo_save (cr);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, s, s);
  cairo_set_source_surface (cr, sheet->image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, x0, y0, mw, mh);
  cairo_stroke (cr);
  if (sheet->metres_per_pixel > 0)
    sm_pack_map_draw_scale_bar (cr, sheet->metres_per_pixel / s, x0 + 14, y0 + mh - 14, mw / 4, 1);
  sm_pack_map_draw_north (cr, x0 + mw - 18, y0 + 10, 1);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  {
    double y = y0 + mh + 4;

    if (l->date_text != NULL)
      y += sm_pdf_draw_text (cr, l->date_text, x0, y, 8, TRUE, mw, 0);
    if (sheet->filter_text != NULL)
      y += sm_pdf_draw_text (cr, sheet->filter_text, x0, y, 7.5, FALSE, mw, 0);
    if (l->attribution != NULL)
      sm_pdf_draw_text (cr, l->attribution, x0, y, 7, FALSE, mw, 0);
  }
  sm_pack_map_draw_legend (cr, l, x0 + mw + 14, y0, LEGEND - 14);
  cairo_restore (cr);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * sm_map_sheet_save:
 * @format: (nullable): "png", "svg" or "pdf"; %NULL: by @path's extension
 * @created: (nullable): the PDF's creation date
 *
 * PNG at the view's own pixels; SVG and PDF on A4 landscape. The file is
 * written whole, readable by its owner only.
 */
gboolean
sm_map_sheet_save (SmMapSheet  *sheet,
                   const char  *path,
                   const char  *format,
                   GDateTime   *created,
                   GError     **error)
{
  const char *dot = strrchr (path, '.');
  const char *fmt = format ? format : dot ? dot + 1 : "";
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (g_ascii_strcasecmp (fmt, "png") == 0)
    {
      double w = cairo_image_surface_get_width (sheet->image) + 2 * MARGIN + LEGEND;
      double h = cairo_image_surface_get_height (sheet->image) + 2 * MARGIN + 30 + 46;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
      cr = cairo_create (surface);
      sm_map_sheet_draw (cr, w, h, sheet);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
      cairo_surface_destroy (surface);
    }
  else if (g_ascii_strcasecmp (fmt, "svg") == 0 || g_ascii_strcasecmp (fmt, "pdf") == 0)
    {
      gboolean pdf = g_ascii_strcasecmp (fmt, "pdf") == 0;

      surface = pdf ? cairo_pdf_surface_create_for_stream (append_bytes, bytes, SM_PDF_A4_HEIGHT, SM_PDF_A4_WIDTH)
                    : cairo_svg_surface_create_for_stream (append_bytes, bytes, SM_PDF_A4_HEIGHT, SM_PDF_A4_WIDTH);
      if (pdf)
        {
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, sheet->layout->title ? sheet->layout->title : "");
          cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Szociális Térkép " PACKAGE_VERSION);
          if (created != NULL)
            {
              g_autofree char *when = g_date_time_format (created, "%Y-%m-%dT%H:%M:%S%:z");

              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
            }
        }
      cr = cairo_create (surface);
      sm_map_sheet_draw (cr, SM_PDF_A4_HEIGHT, SM_PDF_A4_WIDTH, sheet);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
      cairo_surface_destroy (surface);
    }
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot tell the format of “%s”; use .png, .svg or .pdf"),
                   path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot draw the map: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0600, error);
}
