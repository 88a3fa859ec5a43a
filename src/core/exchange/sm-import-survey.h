#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* Responses from a table (an online form's CSV or XLSX, one row per
 * response), as one action. */
typedef struct {
  guint      n_imported;
  GPtrArray *problems;           /* char *, "row 5: …" as the spreadsheet counts rows */
} SmSurveyImport;

void      sm_survey_import_clear (SmSurveyImport *report);
gboolean  sm_survey_import       (SmStore        *store,
                                  const char     *path,
                                  gint64          questionnaire_id,
                                  gint64          service_id,
                                  SmSurveyImport *report,
                                  GError        **error);

G_END_DECLS
