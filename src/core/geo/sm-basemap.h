#pragma once

#include <gio/gio.h>

#include "sm-geometry.h"
#include "sm-progress.h"
#include "sm-store.h"
#include "sm-store-basemap.h"

G_BEGIN_DECLS

/* What the local basemap knows of a feature; the numbers are stored, so
 * new classes go at the end. */
typedef enum {
  SM_BASEMAP_NONE = 0,
  SM_BASEMAP_WATER,
  SM_BASEMAP_FOREST,
  SM_BASEMAP_GRASS,
  SM_BASEMAP_RESIDENTIAL,
  SM_BASEMAP_INDUSTRIAL,
  SM_BASEMAP_FARMLAND,
  SM_BASEMAP_CEMETERY,
  SM_BASEMAP_BUILDING,
  SM_BASEMAP_RIVER,
  SM_BASEMAP_STREAM,
  SM_BASEMAP_RAIL,
  SM_BASEMAP_MOTORWAY,
  SM_BASEMAP_TRUNK,
  SM_BASEMAP_PRIMARY,
  SM_BASEMAP_SECONDARY,
  SM_BASEMAP_TERTIARY,
  SM_BASEMAP_MINOR,         /* residential, unclassified, living street */
  SM_BASEMAP_SERVICE,       /* service roads and tracks */
  SM_BASEMAP_PATH,          /* footways, cycleways, paths, steps */
  SM_BASEMAP_PLACE,         /* a named place: town, village, suburb */
  SM_BASEMAP_N_CLASSES
} SmBasemapClass;

/* Packed geometry: a little-endian guint32 count of parts, then for each
 * part a guint32 count of points and the points as pairs of guint32 in a
 * world SM_BASEMAP_WORLD units wide (Web Mercator, about 4 cm at the
 * equator). A point is one part of one point. */
#define SM_BASEMAP_WORLD_BITS 30
#define SM_BASEMAP_WORLD ((double) (1u << SM_BASEMAP_WORLD_BITS))

/* One little-endian guint32 of a packed geometry, at any alignment. */
static inline guint32
sm_basemap_read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

typedef void (*SmProgressFunc) (double   fraction,
                                gpointer user_data);

typedef struct {
  guint n_features;
  guint n_buildings;
  guint n_roads;
  guint n_addresses;
} SmBasemapImportStats;

gboolean  sm_basemap_import_osm (SmStore               *store,
                                 const char            *path,
                                 const SmShape         *clip,
                                 SmProgressFunc         progress,
                                 gpointer               progress_data,
                                 GCancellable          *cancellable,
                                 SmBasemapImportStats  *stats,
                                 GError               **error);

gboolean  sm_basemap_get_extent (SmStore               *store,
                                 double                *west,
                                 double                *south,
                                 double                *east,
                                 double                *north);

G_END_DECLS
