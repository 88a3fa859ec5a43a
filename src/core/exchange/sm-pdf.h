#pragma once

#include <cairo.h>
#include <glib.h>

#include "sm-report-file.h"

G_BEGIN_DECLS

/* A document of A4 pages drawn with cairo and laid out with pango:
 * headings, paragraphs, tables that continue on the next page with their
 * header, and figures drawn by the caller. The file is written whole when
 * the document is closed, readable only by its owner. The same content
 * and creation date give the same bytes. */

typedef struct _SmPdf SmPdf;

typedef struct {
  const char *title;
  const char *author;       /* the organization that made it */
  const char *subject;
  const char *keywords;
  GDateTime  *created;      /* the document's creation date */
  double      scale;        /* text size; 0: 1, large print 1.4 */
} SmPdfInfo;

typedef void (*SmPdfDrawFunc) (cairo_t  *cr,
                               double    width,
                               double    height,
                               gpointer  data);

#define SM_PDF_A4_WIDTH  595.2756
#define SM_PDF_A4_HEIGHT 841.8898

SmPdf    *sm_pdf_new            (const SmPdfInfo *info);
void      sm_pdf_free           (SmPdf           *pdf);
double    sm_pdf_get_width      (SmPdf           *pdf);
double    sm_pdf_get_scale      (SmPdf           *pdf);
int       sm_pdf_get_page       (SmPdf           *pdf);
void      sm_pdf_set_running_title (SmPdf        *pdf,
                                    const char   *text);
void      sm_pdf_new_page       (SmPdf           *pdf);
void      sm_pdf_keep           (SmPdf           *pdf,
                                 double           height);
void      sm_pdf_space          (SmPdf           *pdf,
                                 double           points);
void      sm_pdf_title          (SmPdf           *pdf,
                                 const char      *title,
                                 const char      *subtitle);
void      sm_pdf_heading        (SmPdf           *pdf,
                                 int              level,
                                 const char      *text);
void      sm_pdf_paragraph      (SmPdf           *pdf,
                                 const char      *text);
void      sm_pdf_note           (SmPdf           *pdf,
                                 const char      *text);
void      sm_pdf_table          (SmPdf               *pdf,
                                 const SmReportTable *table,
                                 const double        *weights,
                                 guint                first_numeric);
void      sm_pdf_figure         (SmPdf           *pdf,
                                 double           height,
                                 SmPdfDrawFunc    draw,
                                 gpointer         data);
GBytes   *sm_pdf_finish         (SmPdf           *pdf,
                                 GError         **error);
gboolean  sm_pdf_save           (SmPdf           *pdf,
                                 const char      *path,
                                 GError         **error);

/* Text for figures: laid out with the document's font. */
double    sm_pdf_draw_text      (cairo_t         *cr,
                                 const char      *text,
                                 double           x,
                                 double           y,
                                 double           size,
                                 gboolean         bold,
                                 double           max_width,
                                 double           align);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmPdf, sm_pdf_free)

G_END_DECLS
