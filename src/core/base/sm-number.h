#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A decimal number as people write it, and nothing more: no hexadecimal,
 * no "inf" or "nan", no words after it. */
gboolean sm_parse_decimal (const char *text,
                           gboolean    comma_decimal,
                           double     *out);

/* A number as the user's language writes it: Hungarian with a decimal
 * comma and no-break spaces between thousands from 10 000 on, English
 * with a decimal point and commas between thousands. */
char    *sm_format_decimal (double      value,
                            int         decimals);
char    *sm_format_integer (gint64      value);
const char *sm_num         (double      value,
                            int         decimals);
char    *sm_format_compact (guint64     count);

G_END_DECLS
