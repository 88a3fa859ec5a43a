#pragma once

#include <glib.h>

#include "sm-disclosure.h"
#include "sm-filter.h"
#include "sm-geometry.h"
#include "sm-hotspot.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Statistics over stored boundaries of one level (settlement parts,
 * districts, …): counts, rates per resident, and Gi* between the areas. */

typedef enum {
  SM_AREA_CONTIGUITY,   /* areas that share a border or a corner (queen) */
  SM_AREA_DISTANCE,     /* areas whose centres lie within a distance */
} SmAreaWeights;

/* The areas of one level with what does not depend on the filter: shapes,
 * populations and neighbours. Load once, then compute for many filters. */
typedef struct _SmAreaSet SmAreaSet;

SmAreaSet  *sm_area_set_load     (SmStore        *store,
                                  const char     *level,
                                  SmAreaWeights   weights,
                                  double          band_m,
                                  GError        **error);
void        sm_area_set_free     (SmAreaSet      *set);
guint       sm_area_set_get_size (const SmAreaSet *set);
const char *sm_area_set_get_level (const SmAreaSet *set);
/* Neighbours of area @i (not @i itself) */
const int  *sm_area_set_get_neighbours (const SmAreaSet *set,
                                        guint            i,
                                        guint           *n);

typedef struct {
  gint64          id;
  const char     *name;        /* owned by the set */
  const SmShape  *shape;       /* owned by the set */
  guint           households;
  guint           persons;
  gint64          population;  /* -1: unknown */
  double          rate;        /* households per 1,000 residents; NAN without population */
  double          eb_rate;     /* empirical-Bayes smoothed, per 1,000 */
  gboolean        small;       /* no counts shown (see @disclosure) */
  SmDisclosureState disclosure; /* small, hidden to protect small ones, or shown */
  SmGiValue       gi;
  gint64          top_category;
  double          label_lat, label_lon;   /* a point inside the area */
} SmAreaStat;

char      **sm_area_list_levels (SmStore  *store,
                                       GError  **error);

typedef struct {
  int           permutations;  /* SM_PERMUTATIONS_DEFAULT */
  guint32       seed;
  SmCorrection  correction;
  guint         k;             /* 0: SM_DISCLOSURE_MIN_K */
} SmAreaOptions;

/* Returns: (element-type SmAreaStat): one per area of the set, in the set's
 * order. Gi* runs on the smoothed rate over the areas with a population when
 * most have one, else on the household counts; @on_rate says which. */
GArray     *sm_area_stats        (SmAreaSet           *set,
                                  SmStore             *store,
                                  SmFilter            *filter,
                                  const SmAreaOptions *options,
                                  gboolean            *on_rate,
                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmAreaSet, sm_area_set_free)

G_END_DECLS
