#pragma once

#include "sm-store-casework.h"
#include "sm-store-signals.h"

G_BEGIN_DECLS

/* Signals and case files written with the steps that brought them where
 * they are, many at once: what a register brought in from elsewhere, or the
 * demo's synthetic years, holds. The caller checks every step against the
 * rules (sm_signal_check_step(), sm_case_check_step()). */

typedef struct {
  const char *from;      /* a state's or a stage's nick */
  const char *to;
  char        at[17];    /* "YYYY-MM-DD HH:MM" for a signal, "YYYY-MM-DD" for a case */
  const char *by;
  const char *note;      /* or NULL */
} SmStepRecord;

typedef struct {
  SmSignalRecord  signal;  /* as it stands after its steps; .id is set when stored */
  GArray         *steps;   /* SmStepRecord, in order */
} SmSignalHistory;

typedef struct {
  SmCaseFileRecord  file;  /* as it stands after its steps; .id is set when stored */
  GArray           *steps; /* SmStepRecord, in order */
} SmCaseHistory;

gboolean  sm_store_add_signal_histories (SmStore    *store,
                                         GPtrArray  *histories,
                                         GError    **error);
gboolean  sm_store_add_case_histories   (SmStore    *store,
                                         GPtrArray  *histories,
                                         GError    **error);

G_END_DECLS
