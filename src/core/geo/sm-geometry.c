#define G_LOG_DOMAIN "sm-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <ogr_api.h>

#include "sm-error.h"
#include "sm-geometry.h"

struct _SmShape
{
  GPtrArray *rings;       /* GArray of double, lon/lat interleaved, closed */
  double     west, south, east, north;
};

SmShape *
sm_shape_new (void)
{
  SmShape *self = g_new0 (SmShape, 1);

  self->rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->west = self->south = INFINITY;
  self->east = self->north = -INFINITY;
  return self;
}

void
sm_shape_free (SmShape *self)
{
  g_ptr_array_unref (self->rings);
  g_free (self);
}

static void
add_ring (SmShape      *self,
          OGRGeometryH  ring)
{
  int n = OGR_G_GetPointCount (ring);
  GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);

  for (int i = 0; i < n; i++)
    {
      double xy[2] = { OGR_G_GetX (ring, i), OGR_G_GetY (ring, i) };

      g_array_append_vals (points, xy, 2);
      self->west = MIN (self->west, xy[0]);
      self->east = MAX (self->east, xy[0]);
      self->south = MIN (self->south, xy[1]);
      self->north = MAX (self->north, xy[1]);
    }
  g_ptr_array_add (self->rings, points);
}

static gboolean
add_geometry (SmShape      *self,
              OGRGeometryH  geometry)
{
  switch (wkbFlatten (OGR_G_GetGeometryType (geometry)))
    {
    case wkbPolygon:
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        add_ring (self, OGR_G_GetGeometryRef (geometry, i));
      return TRUE;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        if (!add_geometry (self, OGR_G_GetGeometryRef (geometry, i)))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * sm_shape_add_wkb:
 *
 * Adds the rings of a polygon or multipolygon given as WKB.
 */
gboolean
sm_shape_add_wkb (SmShape       *self,
                  const guint8  *wkb,
                  gsize          length,
                  GError       **error)
{
  OGRGeometryH geometry = NULL;
  gboolean ok;

  if (OGR_G_CreateFromWkb (wkb, NULL, &geometry, (int) length) != OGRERR_NONE)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_FORMAT, _("The stored geometry is damaged"));
      return FALSE;
    }
  ok = add_geometry (self, geometry);
  OGR_G_DestroyGeometry (geometry);
  if (!ok)
    g_set_error_literal (error, SM_ERROR, SM_ERROR_FORMAT, _("The geometry is not a polygon"));
  return ok;
}

/* Even-odd rule over every ring: holes and separate parts of a
 * multipolygon come out right without knowing which ring is which. */
gboolean
sm_shape_contains (const SmShape *self,
                   double         lon,
                   double         lat)
{
  gboolean inside = FALSE;

  if (lon < self->west || lon > self->east || lat < self->south || lat > self->north)
    return FALSE;

  for (guint r = 0; r < self->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (self->rings, r);
      const double *p = (const double *) ring->data;
      guint n = ring->len / 2;

      for (guint i = 0, j = n - 1; i < n; j = i++)
        {
          double xi = p[2 * i], yi = p[2 * i + 1];
          double xj = p[2 * j], yj = p[2 * j + 1];

          if (((yi > lat) != (yj > lat)) &&
              lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}

void
sm_shape_get_bbox (const SmShape *self,
                   double        *west,
                   double        *south,
                   double        *east,
                   double        *north)
{
  *west = self->west;
  *south = self->south;
  *east = self->east;
  *north = self->north;
}

guint
sm_shape_get_n_rings (const SmShape *self)
{
  return self->rings->len;
}

const double *
sm_shape_get_ring (const SmShape *self,
                   guint          index,
                   guint         *n_points)
{
  GArray *ring;

  g_return_val_if_fail (index < self->rings->len, NULL);

  ring = g_ptr_array_index (self->rings, index);
  *n_points = ring->len / 2;
  return (const double *) ring->data;
}

gboolean
sm_shape_is_empty (const SmShape *self)
{
  return self->rings->len == 0;
}

static int
compare_x (const void *a,
           const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * sm_shape_get_centre:
 *
 * A point to stand for the shape: the centroid of its largest ring when
 * that lies inside the shape; else the middle of the widest stretch
 * inside along the centroid's parallel (a point on the surface, as for a
 * crescent); else the box's middle.
 *
 * Returns: %FALSE for an empty shape
 */
gboolean
sm_shape_get_centre (const SmShape *self,
                     double        *lon,
                     double        *lat)
{
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  double best_area = 0, cx = 0, cy = 0, widest = 0;

  if (self->rings->len == 0)
    return FALSE;
  *lon = (self->west + self->east) / 2;
  *lat = (self->south + self->north) / 2;
  for (guint r = 0; r < self->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (self->rings, r);
      const double *p = (const double *) ring->data;
      guint n = ring->len / 2;
      double area = 0, x = 0, y = 0;

      for (guint i = 0; i + 1 < n; i++)
        {
          double cross = p[2 * i] * p[2 * i + 3] - p[2 * i + 2] * p[2 * i + 1];

          area += cross;
          x += (p[2 * i] + p[2 * i + 2]) * cross;
          y += (p[2 * i + 1] + p[2 * i + 3]) * cross;
        }
      if (fabs (area) > best_area)
        {
          best_area = fabs (area);
          cx = x / (3 * area);
          cy = y / (3 * area);
        }
    }
  if (best_area <= 0)
    return TRUE;
  if (sm_shape_contains (self, cx, cy))
    {
      *lon = cx;
      *lat = cy;
      return TRUE;
    }
  for (guint r = 0; r < self->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (self->rings, r);
      const double *p = (const double *) ring->data;
      guint n = ring->len / 2;

      for (guint i = 0; i + 1 < n; i++)
        {
          double y0 = p[2 * i + 1], y1 = p[2 * i + 3];

          if ((y0 <= cy) != (y1 <= cy))
            {
              double x = p[2 * i] + (cy - y0) / (y1 - y0) * (p[2 * i + 2] - p[2 * i]);

              g_array_append_val (xs, x);
            }
        }
    }
  qsort (xs->data, xs->len, sizeof (double), compare_x);
  for (guint i = 0; i + 1 < xs->len; i += 2)
    {
      double a = g_array_index (xs, double, i), b = g_array_index (xs, double, i + 1);

      if (b - a > widest)
        {
          widest = b - a;
          *lon = (a + b) / 2;
          *lat = cy;
        }
    }
  return TRUE;
}

/* --- many points in one shape ----------------------------------------- */

typedef struct {
  double x1, y1, x2, y2;
} Edge;

struct _SmShapeIndex {
  double   west, south, east, north;
  double   band_height;
  guint    n_bands;
  GArray  *edges;        /* Edge, grouped by band */
  guint   *band_start;   /* n_bands + 1 offsets into edges */
};

/**
 * sm_shape_index_new:
 *
 * Every edge of @shape's rings goes into each band of latitude it
 * crosses; about 4 edges per band on average, at most 4096 bands.
 */
SmShapeIndex *
sm_shape_index_new (const SmShape *shape)
{
  SmShapeIndex *self = g_new0 (SmShapeIndex, 1);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Edge));
  guint *counts;

  sm_shape_get_bbox (shape, &self->west, &self->south, &self->east, &self->north);
  for (guint r = 0; r < shape->rings->len; r++)
    {
      GArray *ring = g_ptr_array_index (shape->rings, r);
      const double *p = (const double *) ring->data;
      guint n = ring->len / 2;

      for (guint i = 0, j = n - 1; i < n; j = i++)
        if (p[2 * i + 1] != p[2 * j + 1])
          {
            Edge e = { p[2 * i], p[2 * i + 1], p[2 * j], p[2 * j + 1] };

            g_array_append_val (all, e);
          }
    }
  self->n_bands = CLAMP (all->len / 4, 1, 4096);
  self->band_height = (self->north - self->south) / self->n_bands;
  if (!(self->band_height > 0))
    self->band_height = 1;
  counts = g_new0 (guint, self->n_bands + 1);
  self->band_start = g_new0 (guint, self->n_bands + 1);
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < all->len; i++)
        {
          const Edge *e = &g_array_index (all, Edge, i);
          double lo = MIN (e->y1, e->y2), hi = MAX (e->y1, e->y2);
          guint first = (guint) CLAMP ((lo - self->south) / self->band_height, 0, self->n_bands - 1);
          guint last = (guint) CLAMP ((hi - self->south) / self->band_height, 0, self->n_bands - 1);

          for (guint b = first; b <= last; b++)
            {
              if (pass == 0)
                counts[b]++;
              else
                g_array_index (self->edges, Edge, self->band_start[b] + counts[b]++) = *e;
            }
        }
      if (pass == 0)
        {
          for (guint b = 0; b < self->n_bands; b++)
            self->band_start[b + 1] = self->band_start[b] + counts[b];
          g_array_set_size (self->edges, self->band_start[self->n_bands]);
          memset (counts, 0, sizeof (guint) * (self->n_bands + 1));
        }
    }
  g_free (counts);
  return self;
}

gboolean
sm_shape_index_contains (const SmShapeIndex *self,
                         double              lon,
                         double              lat)
{
  gboolean inside = FALSE;
  guint band;

  if (lon < self->west || lon > self->east || lat < self->south || lat > self->north)
    return FALSE;
  band = (guint) CLAMP ((lat - self->south) / self->band_height, 0, self->n_bands - 1);
  for (guint i = self->band_start[band]; i < self->band_start[band + 1]; i++)
    {
      const Edge *e = &g_array_index (self->edges, Edge, i);

      if (((e->y1 > lat) != (e->y2 > lat)) && lon < (e->x2 - e->x1) * (lat - e->y1) / (e->y2 - e->y1) + e->x1)
        inside = !inside;
    }
  return inside;
}

void
sm_shape_index_free (SmShapeIndex *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->edges);
  g_free (self->band_start);
  g_free (self);
}
