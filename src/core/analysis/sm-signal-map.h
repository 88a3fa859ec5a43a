#pragma once

#include "sm-filter.h"
#include "sm-signal.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Where signals came about, as the map shows them: by the kind of member
 * who signalled and by age, for the filter's day and window. */

/**
 * SmSignalSource:
 * @SM_SIGNAL_SOURCE_HEALTH: health visitors, doctors
 * @SM_SIGNAL_SOURCE_EDUCATION: kindergartens, schools
 * @SM_SIGNAL_SOURCE_AUTHORITY: police, justice, offices, the notary
 * @SM_SIGNAL_SOURCE_CARE: care providers, NGOs and churches, other members
 * @SM_SIGNAL_SOURCE_PRIVATE: private persons and anonymous signals
 */
typedef enum {
  SM_SIGNAL_SOURCE_HEALTH,     /*< nick=health >*/
  SM_SIGNAL_SOURCE_EDUCATION,  /*< nick=education >*/
  SM_SIGNAL_SOURCE_AUTHORITY,  /*< nick=authority >*/
  SM_SIGNAL_SOURCE_CARE,       /*< nick=care >*/
  SM_SIGNAL_SOURCE_PRIVATE,    /*< nick=private >*/
} SmSignalSource;

#define SM_SIGNAL_N_SOURCES 5

typedef struct {
  gint64          id;
  double          lat, lon;
  SmSignalSource  source;
  int             age_days;   /* at the filter's day */
  gboolean        overdue;    /* at the filter's day */
} SmSignalPoint;

SmSignalSource  sm_signal_source_of     (const char        *member_kind);
const char     *sm_signal_source_name   (SmSignalSource     source);
GArray         *sm_signal_map_points    (GArray            *places,
                                         SmFilter          *filter,
                                         const SmSignalDeadlines *deadlines);

G_END_DECLS
