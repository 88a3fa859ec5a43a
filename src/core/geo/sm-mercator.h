#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* Web Mercator (EPSG:3857) in the unit square: x grows east from 180° W,
 * y grows south from 85.05° N. A zoom z world is 256 · 2^z pixels wide. */

#define SM_MERCATOR_MAX_LAT 85.0511287798

/* Metres per degree of latitude on the WGS 84 equator's sphere: the
 * local equirectangular projections (+proj=eqc) of the hotspot grid,
 * areas and clusters scale by it (and by cos latitude for longitude). */
#define SM_METRES_PER_DEGREE (6378137.0 * G_PI / 180.0)

static inline void
sm_mercator_from_lonlat (double  lon,
                         double  lat,
                         double *x,
                         double *y)
{
  double s;

  lat = CLAMP (lat, -SM_MERCATOR_MAX_LAT, SM_MERCATOR_MAX_LAT);
  s = sin (lat * G_PI / 180.0);
  *x = (lon + 180.0) / 360.0;
  *y = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
}

static inline void
sm_mercator_to_lonlat (double  x,
                       double  y,
                       double *lon,
                       double *lat)
{
  *lon = x * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1 - 2 * y))) * 180.0 / G_PI;
}

/* The longitude/latitude box of tile @x, @y at zoom @z. */
static inline void
sm_mercator_tile_bounds (int     z,
                         int     x,
                         int     y,
                         double *west,
                         double *south,
                         double *east,
                         double *north)
{
  double n = (double) (1 << z);

  sm_mercator_to_lonlat (x / n, (y + 1) / n, west, south);
  sm_mercator_to_lonlat ((x + 1) / n, y / n, east, north);
}

G_END_DECLS
