#pragma once

#include <gio/gio.h>

#include "sm-filter.h"
#include "sm-scan.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Where a need is more frequent than the population there explains: the
 * scan statistic on the filtered households against a population at risk
 * from the store. */

typedef struct {
  SmScanModel model;          /* Bernoulli: the register's households; Poisson: residents */
  double      cell_m;         /* locations are cells of this side; 0: 250 m */
  int         replications;   /* 0: SM_PERMUTATIONS_DEFAULT */
  guint32     seed;
  double      max_radius_m;   /* 0: 1,000 m */
  double      max_share;      /* 0: 0.25 of the population */
  double      alpha;          /* clusters with a corrected p below it; 0: 0.05 */
} SmExcessOptions;

typedef struct {
  gint64  category;           /* the need scanned */
  double  lat, lon;           /* middle of the circle */
  double  radius_m;
  double  west, south, east, north;   /* of its cells */
  guint   n_cells;
  guint   cases;              /* filtered households with the need inside */
  double  population;         /* households of the register, or residents, inside */
  double  expected;           /* cases the population explains */
  double  relative_risk;
  double  p;                  /* Monte Carlo, corrected for the needs scanned (Holm) */
  char   *settlement_part;    /* where most of its cases live */
} SmExcess;

void       sm_excess_free      (SmExcess *excess);

GPtrArray *sm_find_excess      (SmStore                *store,
                                SmFilter               *filter,
                                const SmExcessOptions  *options,
                                GCancellable           *cancellable,
                                GError                **error);

void       sm_find_excess_async  (SmStore                *store,
                                  SmFilter               *filter,
                                  const SmExcessOptions  *options,
                                  GCancellable           *cancellable,
                                  GAsyncReadyCallback     callback,
                                  gpointer                user_data);
GPtrArray *sm_find_excess_finish (SmStore       *store,
                                  GAsyncResult  *result,
                                  GError       **error);

G_END_DECLS
