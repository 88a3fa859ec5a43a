#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text from the data on its way out: to a terminal, a JSON document or a
 * spreadsheet, where some characters do more than show. */

char     *sm_text_printable        (const char *text);
char     *sm_json_escape_controls  (const char *json);
gboolean  sm_text_is_formula       (const char *text);
gboolean  sm_text_is_blank         (const char *text);

/* Text as searched and matched: folded, then word by word. */
char     *sm_text_fold             (const char *text);
gboolean  sm_text_words_match      (const char *folded_text,
                                    const char *folded_query);
void      sm_text_fold_into        (const char *text,
                                    char       *buf,
                                    gsize       size);
gboolean  sm_text_words_begin      (const char         *folded_text,
                                    const char * const *words);

G_END_DECLS
