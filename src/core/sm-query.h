#pragma once

#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* One household the map shows for a filter, with what its matching needs
 * add up to. */
typedef struct {
  gint64  household_id;
  double  lat;
  double  lon;
  gint64  main_category;   /* of the most severe matching need */
  int     max_severity;
  int     n_needs;
} SmCaseHit;

GArray *sm_store_query (SmStore   *store,
                        SmFilter  *filter,
                        GError   **error);

G_END_DECLS
