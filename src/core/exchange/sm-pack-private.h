#pragma once

#include "sm-disclosure.h"
#include "sm-indicators.h"
#include "sm-pdf.h"
#include "sm-report-file.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* What the roundtable pack's parts share (sm-roundtable-pack.c the
 * document, sm-pack-tables.c its tables, sm-pack-chart.c its charts). */
typedef struct {
  SmStore            *store;
  SmDisclosure       *disclosure;
  SmIndicatorContext *indicators;
  char               *from;
  char               *to;
  char               *before;       /* the day before the period: where the change starts */
  char               *town;
  GPtrArray          *tables;       /* SmReportTable, in the document's order */
  GPtrArray          *reports;      /* SmIndicatorReport, with months */
} SmPack;

SmReportTable *_sm_pack_hotspot_table    (SmPack   *pack,
                                          GError  **error);
SmReportTable *_sm_pack_parts_table      (SmPack   *pack,
                                          GError  **error);
SmReportTable *_sm_pack_categories_table (SmPack   *pack,
                                          GError  **error);
SmReportTable *_sm_pack_signals_table    (SmPack   *pack,
                                          GError  **error);
SmReportTable *_sm_pack_coverage_table   (SmPack   *pack,
                                          GError  **error);
SmReportTable *_sm_pack_satisfaction_table (SmPack *pack,
                                            GError **error);
SmReportTable *_sm_pack_actions_table    (SmPack   *pack,
                                          gboolean  open_only,
                                          GError  **error);
SmReportTable *_sm_pack_indicators_table (SmPack   *pack);
SmReportTable *_sm_pack_trend_table      (SmPack   *pack);
const char    *_sm_pack_category_name    (SmPack   *pack,
                                          gint64    id);

typedef struct {
  const char       *title;
  const SmIndicatorReport *series[2];
  double            rgb[2][3];
  SmDisclosure     *disclosure;
} SmPackChart;

void           _sm_pack_chart_draw       (cairo_t  *cr,
                                          double    width,
                                          double    height,
                                          gpointer  chart);

G_END_DECLS
