#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Opening hours as people write them ("H–P 8:00–16:00; Szo 9–12",
 * "Mo-Fr 08:00-12:00, 13:00-16:00") and as HSDS keeps them: weekly rows
 * of RFC 5545 days with a time of opening and of closing
 * (SmScheduleRow). */

gboolean  sm_opening_hours_parse  (const char  *text,
                                   GArray     **rows,
                                   GError     **error);
char     *sm_opening_hours_format (GArray      *rows,
                                   gboolean     hungarian);

G_END_DECLS
