#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Kulldorff's spatial scan statistic (SaTScan's circular scan) for places
 * where cases are more frequent than their population explains. */

/**
 * SmScanModel:
 * @SM_SCAN_BERNOULLI: cases among a population of the same units (the
 *   households with a need among all households); populations are counts
 * @SM_SCAN_POISSON: cases against a population that may be an estimate
 *   (households with a need against residents)
 */
typedef enum {
  SM_SCAN_BERNOULLI, /*< nick=bernoulli >*/
  SM_SCAN_POISSON,   /*< nick=poisson >*/
} SmScanModel;

/* A place the scan can put into a circle: a grid cell, in metres. */
typedef struct {
  double x, y;
  double population;   /* Bernoulli: a whole number of units */
  double cases;        /* Bernoulli: a whole number, at most population */
} SmScanLocation;

typedef struct {
  SmScanModel model;
  int         replications;     /* Monte Carlo; 0: SM_PERMUTATIONS_DEFAULT */
  guint32     seed;
  double      max_radius_m;     /* 0: 1,000 m */
  double      max_share;        /* of the whole population in one circle; 0: 0.25 */
  guint       max_clusters;     /* 0: 10 */
  double      keep_below;       /* > 0: only clusters with p below it, found sooner */
} SmScanOptions;

/* A circle with more cases than expected, and none of its locations in a
 * more likely cluster. */
typedef struct {
  guint   centre;          /* index of the location at the middle */
  double  x, y;            /* its position, metres */
  double  radius_m;        /* to the farthest location inside */
  GArray *members;         /* guint location indices, the centre first */
  double  population;
  double  cases;           /* observed */
  double  expected;        /* cases × population share */
  double  relative_risk;   /* rate inside over rate outside */
  double  llr;             /* log likelihood ratio */
  double  p;               /* Monte Carlo: (beaten + 1) / (replications + 1) */
} SmScanCluster;

void       sm_scan_cluster_free (SmScanCluster *cluster);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmScanCluster, sm_scan_cluster_free)

GPtrArray *sm_scan              (const SmScanLocation *locations,
                                 guint                 n,
                                 const SmScanOptions  *options,
                                 GCancellable         *cancellable,
                                 GError              **error);

G_END_DECLS
