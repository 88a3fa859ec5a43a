#define G_LOG_DOMAIN "sm-basemap"

#include "config.h"

#include <math.h>

#include "sm-coastline.h"

/* The sea from an extract's coastlines, as osmcoastline does it in the
 * large. OpenStreetMap draws a coastline with the land on its left.
 * - Ways are joined end to start into longer lines.
 * - A closed one is an island when it runs counter-clockwise, a sea (an
 *   enclosed one) when clockwise.
 * - A line the extract cut off ends near the edge of the extract's box:
 *   from its end the ring goes counter-clockwise along the box to the next
 *   line's start (keeping the land on its left), and on until it closes.
 *   Those rings are land too.
 * - The sea is the box without the land, and the enclosed seas. */

struct _SmCoastline {
  GPtrArray *lines;     /* GArray of double lon, lat */
  GPtrArray *islands;   /* OGRGeometryH: closed coastlines read as areas */
};

SmCoastline *
sm_coastline_new (void)
{
  SmCoastline *self = g_new0 (SmCoastline, 1);

  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->islands = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  return self;
}

void
sm_coastline_free (SmCoastline *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->lines);
  g_ptr_array_unref (self->islands);
  g_free (self);
}

gboolean
sm_coastline_is_empty (const SmCoastline *self)
{
  return self->lines->len == 0 && self->islands->len == 0;
}

/* A closed coastline the reader made an area of: land, whichever way it
 * runs. */
void
sm_coastline_add_island (SmCoastline  *self,
                         OGRGeometryH  area)
{
  g_ptr_array_add (self->islands, OGR_G_Clone (area));
}

/* A coastline way (a line string, or the lines of a multi line). */
void
sm_coastline_add (SmCoastline  *self,
                  OGRGeometryH  geometry)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));

  if (type == wkbMultiLineString)
    {
      for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
        sm_coastline_add (self, OGR_G_GetGeometryRef (geometry, i));
      return;
    }
  if (type != wkbLineString || OGR_G_GetPointCount (geometry) < 2)
    return;
  {
    GArray *line = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < OGR_G_GetPointCount (geometry); i++)
      {
        double xy[2] = { OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i) };

        g_array_append_vals (line, xy, 2);
      }
    g_ptr_array_add (self->lines, line);
  }
}

static char *
point_key (const double *xy)
{
  return g_strdup_printf ("%.7f %.7f", xy[0], xy[1]);
}

static const double *
first_point (GArray *line)
{
  return (const double *) line->data;
}

static const double *
last_point (GArray *line)
{
  return (const double *) line->data + line->len - 2;
}

/* Ways joined end to start. */
static GPtrArray *
join_lines (GPtrArray *ways)
{
  g_autoptr(GHashTable) by_start = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *used = g_new0 (gboolean, MAX (ways->len, 1));
  GPtrArray *joined = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint i = 0; i < ways->len; i++)
    g_hash_table_insert (by_start, point_key (first_point (g_ptr_array_index (ways, i))),
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < ways->len; i++)
    {
      GArray *line;

      if (used[i])
        continue;
      used[i] = TRUE;
      line = g_array_copy (g_ptr_array_index (ways, i));
      for (;;)
        {
          g_autofree char *key = point_key (last_point (line));
          guint next = GPOINTER_TO_UINT (g_hash_table_lookup (by_start, key));
          GArray *more;

          if (next == 0 || used[next - 1])
            break;
          used[next - 1] = TRUE;
          more = g_ptr_array_index (ways, next - 1);
          g_array_append_vals (line, (const double *) more->data + 2, more->len - 2);
        }
      g_ptr_array_add (joined, line);
    }
  return joined;
}

static double
signed_area (GArray *ring)
{
  const double *p = (const double *) ring->data;
  guint n = ring->len / 2;
  double a = 0;

  for (guint i = 0; i + 1 < n; i++)
    a += p[2 * i] * p[2 * i + 3] - p[2 * i + 2] * p[2 * i + 1];
  return a / 2;
}

typedef struct {
  double w, s, e, n;
} Box;

/* Where a point lies on the box's edge, counter-clockwise from the
 * south-west corner: 0–1 south, 1–2 east, 2–3 north, 3–4 west. */
static double
perimeter_at (const Box    *b,
              const double *xy)
{
  double ds = fabs (xy[1] - b->s), de = fabs (xy[0] - b->e), dn = fabs (xy[1] - b->n), dw = fabs (xy[0] - b->w);
  double m = MIN (MIN (ds, de), MIN (dn, dw));
  double fx = CLAMP ((xy[0] - b->w) / (b->e - b->w), 0, 1), fy = CLAMP ((xy[1] - b->s) / (b->n - b->s), 0, 1);

  if (m == ds)
    return fx;
  if (m == de)
    return 1 + fy;
  if (m == dn)
    return 2 + (1 - fx);
  return 3 + (1 - fy);
}

static void
perimeter_point (const Box *b,
                 double     t,
                 double     xy[2])
{
  t = fmod (t, 4);
  if (t < 1)
    xy[0] = b->w + t * (b->e - b->w), xy[1] = b->s;
  else if (t < 2)
    xy[0] = b->e, xy[1] = b->s + (t - 1) * (b->n - b->s);
  else if (t < 3)
    xy[0] = b->e - (t - 2) * (b->e - b->w), xy[1] = b->n;
  else
    xy[0] = b->w, xy[1] = b->n - (t - 3) * (b->n - b->s);
}

static OGRGeometryH
polygon_of (GArray *ring)
{
  OGRGeometryH polygon = OGR_G_CreateGeometry (wkbPolygon);
  OGRGeometryH r = OGR_G_CreateGeometry (wkbLinearRing);
  const double *p = (const double *) ring->data;

  for (guint i = 0; i < ring->len / 2; i++)
    OGR_G_AddPoint_2D (r, p[2 * i], p[2 * i + 1]);
  OGR_G_CloseRings (r);
  OGR_G_AddGeometryDirectly (polygon, r);
  return polygon;
}

/* Adds @g to @acc (a union so far, or NULL); takes @g. */
static OGRGeometryH
unite (OGRGeometryH acc,
       OGRGeometryH g)
{
  OGRGeometryH valid = OGR_G_MakeValid (g), both;

  OGR_G_DestroyGeometry (g);
  if (valid == NULL)
    return acc;
  if (acc == NULL)
    return valid;
  both = OGR_G_Union (acc, valid);
  OGR_G_DestroyGeometry (acc);
  OGR_G_DestroyGeometry (valid);
  return both;
}

/**
 * sm_coastline_water:
 *
 * The sea inside the box the coastlines are cut to.
 *
 * Returns: (transfer full) (nullable): a (multi)polygon, or %NULL where
 *   there is no sea
 */
OGRGeometryH
sm_coastline_water (SmCoastline *self,
                    double       west,
                    double       south,
                    double       east,
                    double       north)
{
  g_autoptr(GPtrArray) lines = join_lines (self->lines);
  g_autoptr(GPtrArray) open = g_ptr_array_new ();
  Box box = { west, south, east, north };
  OGRGeometryH land = NULL, seas = NULL, water;
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *done = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      GArray *line = g_ptr_array_index (lines, i);
      const double *a = first_point (line), *b = last_point (line);

      if (a[0] == b[0] && a[1] == b[1] && line->len >= 8)
        {
          if (signed_area (line) > 0)
            land = unite (land, polygon_of (line));
          else
            seas = unite (seas, polygon_of (line));
        }
      else
        g_ptr_array_add (open, line);
    }

  for (guint i = 0; i < self->islands->len; i++)
    land = unite (land, OGR_G_Clone (g_ptr_array_index (self->islands, i)));

  /* Lines cut by the box: closed along it, counter-clockwise. */
  done = g_new0 (gboolean, MAX (open->len, 1));
  for (guint i = 0; i < open->len; i++)
    {
      g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (double));
      guint current = i;

      if (done[i])
        continue;
      for (;;)
        {
          GArray *line = g_ptr_array_index (open, current);
          double te, best = 5;
          guint next = i;

          done[current] = TRUE;
          g_array_append_vals (ring, line->data, line->len);
          te = perimeter_at (&box, last_point (line));
          for (guint k = 0; k < open->len; k++)
            {
              double ts, d;

              if (done[k] && k != i)
                continue;
              ts = perimeter_at (&box, first_point (g_ptr_array_index (open, k)));
              d = fmod (ts - te + 4, 4);
              if (d < best)
                {
                  best = d;
                  next = k;
                }
            }
          /* Along the box: its corners between the end and the next start. */
          {
            double xy[2];

            perimeter_point (&box, te, xy);
            g_array_append_vals (ring, xy, 2);
            for (double corner = ceil (te); corner < te + best; corner += 1)
              if (corner > te)
                {
                  perimeter_point (&box, corner, xy);
                  g_array_append_vals (ring, xy, 2);
                }
            perimeter_point (&box, te + best, xy);
            g_array_append_vals (ring, xy, 2);
          }
          if (next == i)
            break;
          current = next;
        }
      {
        double start[2] = { g_array_index (ring, double, 0), g_array_index (ring, double, 1) };

        g_array_append_vals (ring, start, 2);
      }
      land = unite (land, polygon_of (ring));
    }

  g_debug ("Coastlines: %u ways, %u lines, %u cut by the box, %u islands as areas", self->lines->len,
           lines->len, open->len, self->islands->len);
  if (land == NULL && seas == NULL)
    return NULL;
  {
    double corners[10] = { west, south, east, south, east, north, west, north, west, south };

    g_array_append_vals (frame, corners, 10);
  }
  water = polygon_of (frame);
  if (land != NULL)
    {
      OGRGeometryH sea = OGR_G_Difference (water, land);

      OGR_G_DestroyGeometry (water);
      OGR_G_DestroyGeometry (land);
      water = sea;
    }
  else
    {
      /* Only enclosed seas: the box is land around them. */
      OGR_G_DestroyGeometry (water);
      water = NULL;
    }
  if (seas != NULL)
    water = water != NULL ? unite (water, seas) : seas;
  if (water != NULL && OGR_G_IsEmpty (water))
    {
      OGR_G_DestroyGeometry (water);
      return NULL;
    }
  return water;
}
