#pragma once

#include <glib.h>

#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Hotspot statistics on a metric plane: points are projected to metres
 * around the town (equirectangular at its middle latitude, which over a
 * town's extent is exact to well under a metre per kilometre). */

typedef enum {
  SM_KERNEL_QUARTIC,
  SM_KERNEL_EPANECHNIKOV,
  SM_KERNEL_TRIANGULAR,
  SM_KERNEL_UNIFORM,
} SmKernel;

typedef enum {
  SM_WEIGHT_NONE,
  SM_WEIGHT_SEVERITY,
  SM_WEIGHT_PERSONS,
} SmPointWeight;

typedef enum {
  SM_CORRECTION_NONE,
  SM_CORRECTION_FDR,
  SM_CORRECTION_BONFERRONI,
} SmCorrection;

typedef struct {
  double x, y;      /* metres */
  double w;
} SmWeightedPoint;

/* A raster of @width × @height cells of @cell metres; cell (0, 0) has its
 * lower-left corner at (@x0, @y0); rows run north. */
typedef struct {
  int     width;
  int     height;
  double  x0, y0;
  double  cell;
  double *values;
} SmGrid;

/**
 * SmHotspotMethod:
 * @SM_HOTSPOT_SCAN: Kulldorff's scan: where a need is more frequent than
 *   the population at risk explains (the default)
 * @SM_HOTSPOT_RATE: Gi* on empirical-Bayes smoothed rates of cells
 * @SM_HOTSPOT_DENSITY: Gi* on raw counts: where households are
 */
typedef enum {
  SM_HOTSPOT_SCAN,    /*< nick=scan >*/
  SM_HOTSPOT_RATE,    /*< nick=rate >*/
  SM_HOTSPOT_DENSITY, /*< nick=density >*/
} SmHotspotMethod;

/* Permutations of every pseudo p-value unless the user asks otherwise: the
 * window, the command line, exports and reports give the same answer. */
#define SM_PERMUTATIONS_DEFAULT 999

typedef struct {
  double z;         /* NAN where it is 0/0 (every value the same): not defined */
  double p;         /* pseudo p-value from permutations, corrected */
  int    klass;     /* 3, 2, 1: hot at 0.001, 0.01, 0.05; -1…-3 cold; 0 not significant */
} SmGiValue;

double    sm_kernel_value     (SmKernel               kernel,
                               double                 distance,
                               double                 bandwidth);
gboolean  sm_kernel_parse     (const char            *name,
                               SmKernel              *out,
                               GError               **error);
SmGrid   *sm_grid_new         (int                    width,
                               int                    height,
                               double                 x0,
                               double                 y0,
                               double                 cell);
void      sm_grid_free        (SmGrid                *grid);
void      sm_kde              (const SmWeightedPoint *points,
                               guint                  n_points,
                               SmKernel               kernel,
                               double                 bandwidth,
                               SmGrid                *grid);
void      sm_getis_ord        (const double          *values,
                               int                    width,
                               int                    height,
                               int                    band_cells,
                               int                    permutations,
                               guint32                seed,
                               SmCorrection           correction,
                               SmGiValue             *out);
void      sm_getis_ord_neighbours (const double      *values,
                                   int                n,
                                   const int         *offsets,
                                   const int         *neighbours,
                                   int                permutations,
                                   guint32            seed,
                                   SmCorrection       correction,
                                   SmGiValue         *out);
void      sm_getis_ord_clipped (const double         *x,
                                int                   width,
                                int                   height,
                                int                   band,
                                const gboolean       *inside,
                                int                   permutations,
                                guint32               seed,
                                SmCorrection          correction,
                                SmGiValue            *out);
void      sm_eb_rates         (const double          *counts,
                               const double          *populations,
                               guint                  n,
                               double                *raw,
                               double                *smoothed);

/* The filtered households as weighted metric points, with the projection
 * used (metres = (lon − lon0)·kx, (lat − lat0)·ky). */
typedef struct {
  GArray *points;      /* SmWeightedPoint */
  GArray *households;  /* gint64, parallel */
  GArray *categories;  /* gint64 main category, parallel */
  double  lon0, lat0, kx, ky;
} SmHotspotInput;

SmHotspotInput *sm_hotspot_input_new  (SmStore        *store,
                                       SmFilter       *filter,
                                       SmPointWeight   weight,
                                       GError        **error);
void            sm_hotspot_input_free (SmHotspotInput *input);
gboolean        sm_hotspot_input_get_extent (const SmHotspotInput *input,
                                             double               *west,
                                             double               *south,
                                             double               *east,
                                             double               *north);

void            sm_hotspot_cell_bounds (const SmHotspotInput *input,
                                        double                x,
                                        double                y,
                                        double                cell,
                                        double               *west,
                                        double               *south,
                                        double               *east,
                                        double               *north);

typedef struct {
  double         cell_m;        /* 0: 250 */
  int            band_cells;    /* 0: 1 (queen) */
  int            permutations;  /* SM_PERMUTATIONS_DEFAULT */
  guint32        seed;
  SmCorrection   correction;
  SmPointWeight  weight;
  SmHotspotMethod method;       /* density (counts) or rate; scan is sm_find_excess() */
} SmHotspotOptions;

/* A cluster of touching significant hot cells. */
typedef struct {
  guint     n_cells;
  double    area_km2;
  guint     households;
  double    lat, lon;               /* middle of its households */
  double    west, south, east, north;
  double    max_z;
  int       strongest;              /* 1–3: best significance class reached */
  gint64    top_categories[3];      /* 0: none */
  guint     top_counts[3];
  gboolean  has_earlier;
  guint     earlier_households;     /* in the same cells on the compared day */
  char     *settlement_part;
} SmHotspot;

/* One significant grid cell, for drawing. */
typedef struct {
  double west, south, east, north;
  int    klass;
} SmHotspotCell;

GPtrArray *sm_find_hotspots (SmStore                *store,
                             SmFilter               *filter,
                             const SmHotspotOptions *options,
                             const GDate            *compare_as_of,
                             GError                **error);
GPtrArray *sm_find_hotspots_full (SmStore                *store,
                                  SmFilter               *filter,
                                  SmHotspotInput         *input,
                                  const SmHotspotOptions *options,
                                  const GDate            *compare_as_of,
                                  GArray                **cells,
                                  GError                **error);
void       sm_hotspot_free  (SmHotspot              *hotspot);

/* Households per settlement part with its population and rates. */
typedef struct {
  char   *name;
  guint   households;
  gint64  population;     /* -1: unknown */
  double  rate;           /* households per 1,000 residents; NAN without population */
  double  eb_rate;        /* empirical-Bayes smoothed, per 1,000 */
} SmPartRate;

GPtrArray *sm_part_rates    (SmStore                *store,
                             SmFilter               *filter,
                             GError                **error);
void       sm_part_rate_free (SmPartRate            *rate);

gboolean   sm_grid_write_geotiff (const SmGrid         *grid,
                                  const SmHotspotInput *input,
                                  const char           *path,
                                  GError              **error);
SmGrid    *sm_density       (SmHotspotInput         *input,
                             SmKernel                kernel,
                             double                  bandwidth,
                             double                  cell,
                             int                     max_side);
void       sm_density_scale_async  (SmStore             *store,
                                    SmFilter            *filter,
                                    const GDate         *first,
                                    int                  n_months,
                                    int                  window,
                                    SmKernel             kernel,
                                    double               bandwidth,
                                    double               cell,
                                    int                  max_side,
                                    SmPointWeight        weight,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
double     sm_density_scale_finish (SmStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmGrid, sm_grid_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmHotspotInput, sm_hotspot_input_free)

/* The significance level a Gi* class (1–3, or -1 to -3 for cold) reached,
 * as written in every list and legend: "0.05", "0.01", "0.001"; NULL for 0. */
const char *sm_significance_level (int klass);
const char *sm_significance_level_shown (int klass);

G_END_DECLS
