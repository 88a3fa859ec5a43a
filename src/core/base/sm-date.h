#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are kept as ISO 8601 calendar dates ("2025-03-01") in the store and
 * as days since 1970-01-01 in the spatial index. Years outside these are
 * typing errors in a social register. */

#define SM_DATE_MIN_YEAR 1800
#define SM_DATE_MAX_YEAR 2200

gboolean sm_date_parse_iso (const char *text,
                            GDate      *out,
                            GError    **error);
gboolean sm_date_parse_any (const char *text,
                            GDate      *out,
                            GError    **error);
char    *sm_date_to_iso     (const GDate *date);
int      sm_date_to_epoch_day (const GDate *date);
void     sm_date_from_epoch_day (int day, GDate *out);
char    *sm_date_today_iso  (void);

G_END_DECLS
