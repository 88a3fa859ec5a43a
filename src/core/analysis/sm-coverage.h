#pragma once

#include <glib.h>

#include "sm-disclosure.h"
#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Where needs meet no service. For every household the filter shows with
 * an open need: the services whose type answers the need (the need
 * table), whether the household lies in one's catchment, the straight-line
 * distance to the nearest such service's location, and whether the
 * services in reach have free capacity. */

/**
 * SmCoverageStatus:
 * @SM_COVERAGE_COVERED: a matching active service's catchment holds the
 *   household, and it has free capacity (or none is recorded)
 * @SM_COVERAGE_FULL: services in reach, all recorded with no free capacity
 * @SM_COVERAGE_OUT_OF_REACH: matching services exist, but no catchment
 *   holds the household
 * @SM_COVERAGE_NO_SERVICE: no active service answers the need
 */
typedef enum {
  SM_COVERAGE_COVERED,       /*< nick=covered >*/
  SM_COVERAGE_FULL,          /*< nick=full >*/
  SM_COVERAGE_OUT_OF_REACH,  /*< nick=out_of_reach >*/
  SM_COVERAGE_NO_SERVICE,    /*< nick=no_service >*/
} SmCoverageStatus;

#define SM_COVERAGE_N_STATUSES 4

/* One open need of one household. */
typedef struct {
  gint64            household_id;
  double            lat;
  double            lon;
  gint64            category;         /* need category id */
  SmCoverageStatus  status;
  double            nearest_m;        /* to the nearest matching service's place; -1: none placed */
  gint64            nearest_service;  /* 0: none */
} SmCoverageNeed;

/* The services, their places, catchments and capacity, and the need
 * table, read once for many computations (the time slider's steps). */
typedef struct _SmCoverageSources SmCoverageSources;

SmCoverageSources *sm_coverage_sources_load (SmStore            *store,
                                             GError            **error);
void               sm_coverage_sources_free (SmCoverageSources  *sources);
guint              sm_coverage_sources_get_n_services (SmCoverageSources *sources);
GArray            *sm_coverage_assess       (SmCoverageSources  *sources,
                                             GArray             *hits);
GArray            *sm_coverage_compute      (SmStore            *store,
                                             SmFilter           *filter,
                                             GError            **error);
GArray            *sm_coverage_assess_hotspots (SmCoverageSources *sources,
                                                SmStore           *store,
                                                SmFilter          *filter,
                                                GPtrArray         *hotspots,
                                                GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCoverageSources, sm_coverage_sources_free)

/* A row of the table by settlement part: for one part and one need
 * category, the households with the need and those whose need is not
 * covered (full, out of reach or no service), each protected against its
 * column's total (the row with an empty part). */
typedef struct {
  char              *settlement_part;   /* NULL: the town's total */
  gint64             category;
  gint64             needs;
  gint64             not_covered;
  gint64             by_status[SM_COVERAGE_N_STATUSES];
  SmDisclosureState  needs_state;
  SmDisclosureState  not_covered_state;
} SmCoverageRow;

void       sm_coverage_row_free      (SmCoverageRow *row);
GPtrArray *sm_coverage_by_part       (SmStore       *store,
                                      GArray        *hits,
                                      GArray        *needs,
                                      SmDisclosure  *disclosure,
                                      GError       **error);

/* What a hotspot's households lack: of its @n_leading most frequent
 * need categories, how many are not covered for most of its households. */
typedef struct {
  guint  n_leading;
  guint  n_uncovered;
  gint64 categories[8];     /* the leading ones, most frequent first */
  gboolean uncovered[8];
} SmCoverageGaps;

void       sm_coverage_gaps_in       (GArray         *needs,
                                      double          west,
                                      double          south,
                                      double          east,
                                      double          north,
                                      guint           n_leading,
                                      SmCoverageGaps *gaps);

gint64     sm_coverage_replace_areas (SmStore       *store,
                                      gint64         service_id,
                                      const char    *name,
                                      GBytes        *wkb,
                                      gint64         boundary_id,
                                      GError       **error);
GBytes    *sm_coverage_ring_to_wkb   (const double  *lonlat,
                                      guint          n,
                                      GError       **error);
gint64     sm_coverage_add_area      (SmStore       *store,
                                      gint64         service_id,
                                      const char    *name,
                                      GBytes        *wkb,
                                      GError       **error);

G_END_DECLS
