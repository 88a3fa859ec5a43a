#pragma once

#include <json-glib/json-glib.h>

#include "sm-signal-report.h"

G_BEGIN_DECLS

GPtrArray *sm_report_add_line   (GPtrArray    *lines,
                                 const char   *section,
                                 const char   *key,
                                 const char   *label,
                                 char         *value);
gboolean  sm_report_write_table (GPtrArray    *lines,
                                 const char   *layer_name,
                                 const char   *path,
                                 const char   *format,
                                 GError      **error);
gboolean  sm_report_write_json  (JsonNode     *root,
                                 const char   *path,
                                 GError      **error);

gboolean  sm_signal_report_save  (SmSignalReport *report,
                                 SmDisclosure   *disclosure,
                                 const char     *path,
                                 const char     *format,
                                 GError        **error);

G_END_DECLS
