#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A decimal number as people write it, and nothing more: no hexadecimal,
 * no "inf" or "nan", no words after it. */
gboolean sm_parse_decimal (const char *text,
                           gboolean    comma_decimal,
                           double     *out);

G_END_DECLS
