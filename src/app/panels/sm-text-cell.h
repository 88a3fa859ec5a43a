#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A list cell of one or two lines of text (the second smaller and dimmed),
 * ellipsized to the column's width. It asks for its size from the font's
 * metrics instead of laying its text out, and lays the text out once, when
 * drawn: a long list keeps a few hundred rows, and every change of a
 * filter measures all of them. */

#define SM_TYPE_TEXT_CELL (sm_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (SmTextCell, sm_text_cell, SM, TEXT_CELL, GtkWidget)

GtkWidget *sm_text_cell_new      (guint        n_lines,
                                  int          width_chars);
void       sm_text_cell_set_xalign (SmTextCell *self,
                                    float       xalign);
void       sm_text_cell_bind     (GtkListItem *item,
                                  const char  *first,
                                  const char  *second);
void       sm_text_cell_set_text (SmTextCell  *self,
                                  const char  *first,
                                  const char  *second);

G_END_DECLS
