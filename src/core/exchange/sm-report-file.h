#pragma once

#include <json-glib/json-glib.h>

#include "sm-signal-report.h"

G_BEGIN_DECLS

/* A table of texts as a report writes it, to a sheet, a CSV file or a
 * document's page. */
typedef struct {
  char      *name;
  char      *title;
  GStrv      columns;
  GPtrArray *rows;          /* GPtrArray of texts, one per column */
  char      *note;          /* (nullable): what a document says under it */
} SmReportTable;

SmReportTable *sm_report_table_new     (const char          *name,
                                        const char          *title,
                                        const char * const  *columns);
void           sm_report_table_free    (SmReportTable       *table);
GPtrArray     *sm_report_table_add_row (SmReportTable       *table,
                                        char                *first,
                                        ...) G_GNUC_NULL_TERMINATED;
gboolean       sm_report_write_tables  (GPtrArray           *tables,
                                        const char          *path,
                                        const char          *format,
                                        GStrv               *written,
                                        GError             **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmReportTable, sm_report_table_free)

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
