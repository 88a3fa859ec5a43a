#pragma once

#include <json-glib/json-glib.h>

#include "sm-disclosure.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The signalling system's yearly review: the year's signals by member
 * kind, need category, urgency and outcome, how long assessments and
 * answers took against their deadlines, and the case conferences held.
 * Every count is protected by the disclosure rule, and a time statistic
 * over fewer than k signals is not given. */

typedef struct {
  char              *key;     /* a code or nick */
  char              *label;   /* its name in the language of the messages */
  gint64             count;
  SmDisclosureState  state;
} SmReportRow;

typedef struct {
  gint64             n;           /* signals that took the step */
  SmDisclosureState  state;       /* of n; the statistics are given only when shown */
  double             median_days;
  double             p90_days;
  double             within_share; /* of n, the share within the deadline */
} SmReportTiming;

typedef struct {
  int             year;
  int             k;
  gint64          n_signals;
  SmDisclosureState signals_state;
  GPtrArray      *by_member;      /* SmReportRow; add up to n_signals */
  GPtrArray      *by_need;        /* SmReportRow; a signal may name several */
  GPtrArray      *by_urgency;     /* SmReportRow; add up to n_signals */
  GPtrArray      *by_outcome;     /* SmReportRow; add up to n_signals */
  SmReportTiming  assessment;
  SmReportTiming  answer;
  gint64          n_overdue;      /* of the year's signals, open past a deadline at the report's time */
  SmDisclosureState overdue_state;
  gint64          n_conferences;
  gint64          n_discussions;  /* esetmegbeszélés */
  gint64          n_case_conferences; /* esetkonferencia */
  gint64          n_decisions;
} SmSignalReport;

void            sm_signal_report_free   (SmSignalReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmSignalReport, sm_signal_report_free)

double          sm_report_quantile      (double         *sorted,
                                         guint           n,
                                         double          q);
SmSignalReport *sm_signal_report_new    (SmStore        *store,
                                         int             year,
                                         SmDisclosure   *disclosure,
                                         GDateTime      *now,
                                         GError        **error);
JsonNode       *sm_signal_report_to_json (SmSignalReport *report,
                                          SmDisclosure   *disclosure);
GPtrArray      *sm_signal_report_to_rows (SmSignalReport *report,
                                          SmDisclosure   *disclosure);

G_END_DECLS
