#pragma once

#include <glib.h>

#include "sm-disclosure.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The indicators that evaluate the cooperation programme, each defined
 * once here and computed for any period [from, to]: what it counts, its
 * unit, which way is better. A count of households under k is not given;
 * a median, share or mean over fewer than k signals, referrals or
 * responses is not given either. */

typedef enum {
  SM_INDICATOR_LOWER_BETTER,
  SM_INDICATOR_HIGHER_BETTER,
  SM_INDICATOR_NEITHER,
} SmIndicatorBetter;

typedef enum {
  SM_INDICATOR_HOUSEHOLDS,   /* a count of households: the disclosure rule */
  SM_INDICATOR_COUNT,        /* a count of needs, signals, referrals or hotspots */
  SM_INDICATOR_DAYS,
  SM_INDICATOR_PERCENT,
  SM_INDICATOR_SCORE,        /* 1–5 */
} SmIndicatorUnit;

typedef struct {
  const char        *nick;
  const char        *name;       /* untranslated; sm_indicator_name() */
  const char        *description;
  SmIndicatorUnit    unit;
  SmIndicatorBetter  better;
  gboolean           stock;      /* measured on the period's last day, not over it */
  gboolean           monthly;    /* cheap enough to compute for each month */
} SmIndicatorDef;

typedef struct {
  const SmIndicatorDef *def;
  double                value;   /* NAN: not given (too few, or nothing to measure) */
  gint64                n;       /* what it is over: households, signals, referrals, responses */
  SmDisclosureState     state;   /* SHOWN unless the count itself is hidden */
} SmIndicatorValue;

typedef struct {
  const SmIndicatorDef *def;
  double                target;
  double                baseline;    /* NAN: none */
  char                 *by_day;      /* NULL: none */
  SmIndicatorValue      value;       /* over the period */
  GArray               *months;      /* SmIndicatorValue per month of the period; NULL
                                      * when not asked for or not def->monthly */
  char                 *verdict;     /* against the target, in words; NULL without one */
} SmIndicatorReport;

const SmIndicatorDef *sm_indicator_defs    (guint                 *n);
const SmIndicatorDef *sm_indicator_lookup  (const char            *nick);
const char           *sm_indicator_name    (const SmIndicatorDef  *def);
const char           *sm_indicator_unit_name (const SmIndicatorDef *def);

/* What the indicators are computed from: the store, the disclosure rule,
 * and the hotspots (the scan statistic, as the map's hotspot list finds
 * them) of each day asked for, kept for the other indicators and the
 * caller's maps. */
typedef struct _SmIndicatorContext SmIndicatorContext;

SmIndicatorContext *sm_indicator_context_new  (SmStore            *store,
                                               SmDisclosure       *disclosure);
void        sm_indicator_context_free (SmIndicatorContext   *context);
GPtrArray  *sm_indicator_context_hotspots (SmIndicatorContext *context,
                                           const char         *day,
                                           GError            **error);

gboolean    sm_indicator_compute  (SmIndicatorContext   *context,
                                   const SmIndicatorDef *def,
                                   const char           *from,
                                   const char           *to,
                                   SmIndicatorValue     *out,
                                   GError              **error);
char       *sm_indicator_format   (const SmIndicatorValue *value,
                                   SmDisclosure           *disclosure);
char       *sm_indicator_format_number (const SmIndicatorDef *def,
                                        double                number);
gboolean    sm_indicator_target_met (const SmIndicatorDef *def,
                                     double                value,
                                     double                target);

void        sm_indicator_report_free (SmIndicatorReport *report);
GPtrArray  *sm_indicators_report  (SmIndicatorContext   *context,
                                   const char           *from,
                                   const char           *to,
                                   gboolean              monthly,
                                   GError              **error);
gboolean    sm_indicator_set_target (SmStore            *store,
                                     const char         *nick,
                                     double              target,
                                     double              baseline,
                                     const char         *by_day,
                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmIndicatorContext, sm_indicator_context_free)

G_END_DECLS
