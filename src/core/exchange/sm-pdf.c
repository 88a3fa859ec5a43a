#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "sm-error.h"
#include "sm-pdf.h"

#define MARGIN 56.0           /* 2 cm */
#define TOP (MARGIN + 14)
#define BOTTOM (SM_PDF_A4_HEIGHT - MARGIN)
#define FONT "DejaVu Sans"

struct _SmPdf {
  cairo_surface_t *surface;
  cairo_t         *cr;
  GByteArray      *bytes;
  double           scale;
  double           y;          /* where the next block starts */
  int              page;
  gboolean         page_used;
  char            *running_title;
  char            *date;
};

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

SmPdf *
sm_pdf_new (const SmPdfInfo *info)
{
  SmPdf *pdf = g_new0 (SmPdf, 1);
  g_autofree char *created = NULL;

  pdf->bytes = g_byte_array_new ();
  pdf->surface = cairo_pdf_surface_create_for_stream (write_bytes, pdf->bytes, SM_PDF_A4_WIDTH, SM_PDF_A4_HEIGHT);
  cairo_pdf_surface_restrict_to_version (pdf->surface, CAIRO_PDF_VERSION_1_5);
  pdf->scale = info->scale > 0 ? info->scale : 1.0;
  if (info->title)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, info->title);
  if (info->author)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR, info->author);
  if (info->subject)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT, info->subject);
  if (info->keywords)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_KEYWORDS, info->keywords);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Szociális Térkép " PACKAGE_VERSION);
  if (info->created)
    {
      created = g_date_time_format (info->created, "%Y-%m-%dT%H:%M:%S%:z");
      cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
      cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_MOD_DATE, created);
    }
  pdf->cr = cairo_create (pdf->surface);
  pdf->y = TOP;
  pdf->page = 1;
  return pdf;
}

void
sm_pdf_free (SmPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_pointer (&pdf->cr, cairo_destroy);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  g_byte_array_unref (pdf->bytes);
  g_free (pdf->running_title);
  g_free (pdf);
}

double
sm_pdf_get_width (SmPdf *pdf)
{
  return SM_PDF_A4_WIDTH - 2 * MARGIN;
}

double
sm_pdf_get_scale (SmPdf *pdf)
{
  return pdf->scale;
}

int
sm_pdf_get_page (SmPdf *pdf)
{
  return pdf->page;
}

void
sm_pdf_set_running_title (SmPdf      *pdf,
                          const char *text)
{
  g_free (pdf->running_title);
  pdf->running_title = g_strdup (text);
}

static PangoLayout *
layout_new (cairo_t    *cr,
            const char *text,
            double      size,
            gboolean    bold,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT);
  PangoContext *context = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting and metrics off: the layout is the same whatever the screen. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_changed (context);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* @align: 0 left, 0.5 centre, 1 right of @max_width (or of @x when 0).
 * Returns: the text's height */
double
sm_pdf_draw_text (cairo_t    *cr,
                  const char *text,
                  double      x,
                  double      y,
                  double      size,
                  gboolean    bold,
                  double      max_width,
                  double      align)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, text, size, bold, max_width);
  int w, h;

  if (max_width > 0)
    pango_layout_set_alignment (layout, align >= 0.99 ? PANGO_ALIGN_RIGHT
                                        : align > 0.01 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, max_width > 0 ? x : x - align * w / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
  return (double) h / PANGO_SCALE;
}

static void
page_furniture (SmPdf *pdf)
{
  g_autofree char *number = g_strdup_printf ("%d", pdf->page);

  cairo_save (pdf->cr);
  cairo_set_source_rgb (pdf->cr, 0.35, 0.35, 0.35);
  if (pdf->running_title != NULL && pdf->page > 1)
    sm_pdf_draw_text (pdf->cr, pdf->running_title, MARGIN, MARGIN - 22, 8, FALSE, sm_pdf_get_width (pdf), 0);
  sm_pdf_draw_text (pdf->cr, number, MARGIN, BOTTOM + 14, 8, FALSE, sm_pdf_get_width (pdf), 1);
  cairo_restore (pdf->cr);
}

void
sm_pdf_new_page (SmPdf *pdf)
{
  page_furniture (pdf);
  cairo_show_page (pdf->cr);
  pdf->page++;
  pdf->y = TOP;
  pdf->page_used = FALSE;
}

/* Room for @height more on this page, else a new page. */
static void
reserve (SmPdf  *pdf,
         double  height)
{
  if (pdf->page_used && pdf->y + height > BOTTOM)
    sm_pdf_new_page (pdf);
  pdf->page_used = TRUE;
}

/* What follows, @height points of it, goes on a new page unless it fits
 * on this one. */
void
sm_pdf_keep (SmPdf  *pdf,
             double  height)
{
  reserve (pdf, height);
}

void
sm_pdf_space (SmPdf  *pdf,
              double  points)
{
  if (pdf->y > TOP)
    pdf->y += points;
}

void
sm_pdf_title (SmPdf      *pdf,
              const char *title,
              const char *subtitle)
{
  g_autoptr(PangoLayout) big = layout_new (pdf->cr, title, 26 * pdf->scale, TRUE, sm_pdf_get_width (pdf));

  pdf->y = 220;
  cairo_set_source_rgb (pdf->cr, 0.10, 0.20, 0.40);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, big);
  pdf->y += layout_height (big) + 18;
  cairo_rectangle (pdf->cr, MARGIN, pdf->y, 90, 4);
  cairo_fill (pdf->cr);
  pdf->y += 22;
  if (subtitle != NULL)
    {
      g_autoptr(PangoLayout) small = layout_new (pdf->cr, subtitle, 13 * pdf->scale, FALSE, sm_pdf_get_width (pdf));

      cairo_set_source_rgb (pdf->cr, 0.15, 0.15, 0.15);
      cairo_move_to (pdf->cr, MARGIN, pdf->y);
      pango_cairo_show_layout (pdf->cr, small);
      pdf->y += layout_height (small);
    }
  pdf->page_used = TRUE;
}

void
sm_pdf_heading (SmPdf      *pdf,
                int         level,
                const char *text)
{
  double size = (level <= 1 ? 17 : level == 2 ? 13 : 11) * pdf->scale;
  g_autoptr(PangoLayout) layout = layout_new (pdf->cr, text, size, TRUE, sm_pdf_get_width (pdf));
  double h = layout_height (layout);

  sm_pdf_space (pdf, level <= 1 ? 16 : 10);
  /* A heading keeps with what follows it. */
  reserve (pdf, h + 160);
  cairo_set_source_rgb (pdf->cr, 0.10, 0.20, 0.40);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += h + (level <= 1 ? 8 : 5);
}

static void
text_block (SmPdf      *pdf,
            const char *text,
            double      size,
            double      grey)
{
  g_autoptr(PangoLayout) layout = layout_new (pdf->cr, text, size * pdf->scale, FALSE, sm_pdf_get_width (pdf));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  cairo_set_source_rgb (pdf->cr, grey, grey, grey);
  /* Line by line, so that a long paragraph goes on on the next page. */
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      double top, h;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      h = (double) logical.height / PANGO_SCALE;
      top = (double) logical.y / PANGO_SCALE;
      reserve (pdf, h);
      cairo_move_to (pdf->cr, MARGIN + (double) logical.x / PANGO_SCALE,
                     pdf->y + ((double) baseline / PANGO_SCALE - top));
      pango_cairo_show_layout_line (pdf->cr, line);
      pdf->y += h;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pdf->y += 4;
}

void
sm_pdf_paragraph (SmPdf      *pdf,
                  const char *text)
{
  text_block (pdf, text, 10, 0.1);
}

void
sm_pdf_note (SmPdf      *pdf,
             const char *text)
{
  text_block (pdf, text, 8, 0.35);
}

static double
row_height (SmPdf          *pdf,
            GPtrArray      *cells,
            const double   *widths,
            guint           n,
            double          size,
            gboolean        bold)
{
  double h = 0;

  for (guint c = 0; c < n && c < cells->len; c++)
    {
      g_autoptr(PangoLayout) layout = layout_new (pdf->cr, g_ptr_array_index (cells, c), size, bold, widths[c] - 6);

      h = MAX (h, layout_height (layout));
    }
  return h + 5;
}

static void
draw_row (SmPdf        *pdf,
          GPtrArray    *cells,
          const double *widths,
          guint         n,
          guint         first_numeric,
          double        size,
          gboolean      bold,
          double        h)
{
  double x = MARGIN;

  for (guint c = 0; c < n && c < cells->len; c++)
    {
      const char *text = g_ptr_array_index (cells, c);
      gboolean numeric = c >= first_numeric;
      gboolean hidden = numeric && (g_str_has_prefix (text, "<") || g_str_equal (text, "x"));

      if (hidden)
        cairo_set_source_rgb (pdf->cr, 0.45, 0.45, 0.45);
      else
        cairo_set_source_rgb (pdf->cr, 0.08, 0.08, 0.08);
      sm_pdf_draw_text (pdf->cr, text, x + 3, pdf->y + 2.5, size, bold, widths[c] - 6, numeric ? 1 : 0);
      x += widths[c];
    }
  pdf->y += h;
}

static void
table_header (SmPdf               *pdf,
              const SmReportTable *table,
              GPtrArray           *header,
              const double        *widths,
              guint                n,
              guint                first_numeric,
              double               size)
{
  double h = row_height (pdf, header, widths, n, size, TRUE);

  cairo_set_source_rgb (pdf->cr, 0.86, 0.89, 0.94);
  cairo_rectangle (pdf->cr, MARGIN, pdf->y, sm_pdf_get_width (pdf), h);
  cairo_fill (pdf->cr);
  draw_row (pdf, header, widths, n, first_numeric, size, TRUE, h);
}

/**
 * sm_pdf_table:
 * @weights: (nullable) (array): each column's share of the width; %NULL:
 *   equal shares
 * @first_numeric: columns from this one on are numbers, aligned right
 *
 * A table; a page break repeats its header. Its note, if any, follows it.
 */
void
sm_pdf_table (SmPdf               *pdf,
              const SmReportTable *table,
              const double        *weights,
              guint                first_numeric)
{
  guint n = g_strv_length (table->columns);
  g_autofree double *widths = g_new0 (double, MAX (n, 1));
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  double size = 8.5 * pdf->scale, sum = 0, header_h;

  if (n == 0)
    return;
  for (guint c = 0; c < n; c++)
    {
      sum += weights ? weights[c] : 1;
      g_ptr_array_add (header, table->columns[c]);
    }
  for (guint c = 0; c < n; c++)
    widths[c] = sm_pdf_get_width (pdf) * (weights ? weights[c] : 1) / sum;
  header_h = row_height (pdf, header, widths, n, size, TRUE);
  reserve (pdf, header_h + 2 * size + 8);
  table_header (pdf, table, header, widths, n, first_numeric, size);
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      double h = row_height (pdf, row, widths, n, size, FALSE);

      if (pdf->y + h > BOTTOM)
        {
          sm_pdf_new_page (pdf);
          pdf->page_used = TRUE;
          table_header (pdf, table, header, widths, n, first_numeric, size);
        }
      if (r % 2 == 1)
        {
          cairo_set_source_rgb (pdf->cr, 0.96, 0.96, 0.97);
          cairo_rectangle (pdf->cr, MARGIN, pdf->y, sm_pdf_get_width (pdf), h);
          cairo_fill (pdf->cr);
        }
      draw_row (pdf, row, widths, n, first_numeric, size, FALSE, h);
    }
  cairo_set_source_rgb (pdf->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_line_to (pdf->cr, MARGIN + sm_pdf_get_width (pdf), pdf->y);
  cairo_stroke (pdf->cr);
  pdf->y += 6;
  if (table->note != NULL)
    sm_pdf_note (pdf, table->note);
  pdf->y += 4;
}

/* A figure of @height points across the text's width, drawn by @draw
 * with the origin at its top left. */
void
sm_pdf_figure (SmPdf         *pdf,
               double         height,
               SmPdfDrawFunc  draw,
               gpointer       data)
{
  reserve (pdf, height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  cairo_rectangle (pdf->cr, 0, 0, sm_pdf_get_width (pdf), height);
  cairo_clip (pdf->cr);
  draw (pdf->cr, sm_pdf_get_width (pdf), height, data);
  cairo_restore (pdf->cr);
  pdf->y += height + 8;
}

/* Ends the document; its bytes. */
GBytes *
sm_pdf_finish (SmPdf   *pdf,
               GError **error)
{
  cairo_status_t status;

  page_furniture (pdf);
  cairo_show_page (pdf->cr);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot make the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_bytes_new (pdf->bytes->data, pdf->bytes->len);
}

gboolean
sm_pdf_save (SmPdf       *pdf,
             const char  *path,
             GError     **error)
{
  g_autoptr(GBytes) bytes = sm_pdf_finish (pdf, error);

  return bytes != NULL &&
         g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
