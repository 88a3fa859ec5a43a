#define G_LOG_DOMAIN "sm-boundary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_api.h>

#include "sm-mercator.h"
#include "sm-boundary.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-store-places.h"
#include "sm-boundary-private.h"

/* --- settlement-part areas from their anchors ------------------------- */

typedef struct {
  double lon0, lat0, kx, ky;
} Plane;

typedef struct {
  double lon, lat;
} Anchor;

static void
geometry_to_plane (OGRGeometryH  geometry,
                   const Plane  *plane,
                   gboolean      forward)
{
  int n_sub = OGR_G_GetGeometryCount (geometry);

  if (n_sub > 0)
    {
      for (int i = 0; i < n_sub; i++)
        geometry_to_plane (OGR_G_GetGeometryRef (geometry, i), plane, forward);
      return;
    }
  for (int i = 0, n = OGR_G_GetPointCount (geometry); i < n; i++)
    {
      double x = OGR_G_GetX (geometry, i), y = OGR_G_GetY (geometry, i);

      if (forward)
        OGR_G_SetPoint_2D (geometry, i, (x - plane->lon0) * plane->kx, (y - plane->lat0) * plane->ky);
      else
        OGR_G_SetPoint_2D (geometry, i, x / plane->kx + plane->lon0, y / plane->ky + plane->lat0);
    }
}

/* Splits the plane around @town among anchors by weighted distance: a
 * point belongs to the anchor with the least distance ÷ weight. Drawn on a
 * raster of @cell metres and turned into polygons by GDAL.
 *
 * Returns: one multipolygon per anchor, in plane coordinates, or %NULL
 *   when GDAL fails */
static GPtrArray *
weighted_cells (OGRGeometryH  town,
                const double *ax,
                const double *ay,
                const double *weight,
                guint         n,
                double        cell)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func ((GDestroyNotify) OGR_G_DestroyGeometry);
  gboolean ok = FALSE;
  OGREnvelope env;
  GDALDatasetH raster, vector;
  GDALRasterBandH band;
  OGRLayerH layer;
  OGRFieldDefnH field;
  OGRFeatureH feature;
  g_autofree gint32 *values = NULL;
  int width, height;
  double origin_x, origin_y;

  OGR_G_GetEnvelope (town, &env);
  origin_x = env.MinX - cell;
  origin_y = env.MaxY + cell;
  width = (int) ceil ((env.MaxX - env.MinX) / cell) + 2;
  height = (int) ceil ((env.MaxY - env.MinY) / cell) + 2;
  values = g_new (gint32, (gsize) width * height);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double px = origin_x + (x + 0.5) * cell, py = origin_y - (y + 0.5) * cell, best = G_MAXDOUBLE;
        gint32 owner = 0;

        for (guint i = 0; i < n; i++)
          {
            double d = hypot (px - ax[i], py - ay[i]) / weight[i];

            if (d < best)
              {
                best = d;
                owner = (gint32) i + 1;
              }
          }
        values[(gsize) y * width + x] = owner;
      }

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cells, OGR_G_CreateGeometry (wkbMultiPolygon));
  raster = GDALCreate (GDALGetDriverByName ("MEM"), "", width, height, 1, GDT_Int32, NULL);
  vector = GDALCreate (GDALGetDriverByName ("Memory"), "", 0, 0, 0, GDT_Unknown, NULL);
  if (raster == NULL || vector == NULL)
    goto out;
  {
    double transform[6] = { origin_x, cell, 0, origin_y, 0, -cell };

    GDALSetGeoTransform (raster, transform);
  }
  band = GDALGetRasterBand (raster, 1);
  if (GDALRasterIO (band, GF_Write, 0, 0, width, height, values, width, height, GDT_Int32, 0, 0)
      != CE_None)
    goto out;
  layer = GDALDatasetCreateLayer (vector, "cells", NULL, wkbPolygon, NULL);
  field = OGR_Fld_Create ("owner", OFTInteger);
  OGR_L_CreateField (layer, field, TRUE);
  OGR_Fld_Destroy (field);
  if (GDALPolygonize (band, NULL, layer, 0, NULL, NULL, NULL) != CE_None)
    goto out;
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      int owner = OGR_F_GetFieldAsInteger (feature, 0);
      OGRGeometryH polygon = OGR_F_GetGeometryRef (feature);

      if (owner >= 1 && (guint) owner <= n && polygon != NULL)
        OGR_G_AddGeometry (g_ptr_array_index (cells, owner - 1), polygon);
      OGR_F_Destroy (feature);
    }
  ok = TRUE;
out:
  if (raster != NULL)
    GDALClose (raster);
  if (vector != NULL)
    GDALClose (vector);
  if (!ok)
    g_clear_pointer (&cells, g_ptr_array_unref);
  return cells;
}

/* Known populations first, largest first, then by name. */
static int
most_populous_first (gconstpointer a,
                     gconstpointer b)
{
  const SmSettlementPart *x = *(SmSettlementPart * const *) a;
  const SmSettlementPart *y = *(SmSettlementPart * const *) b;

  if ((x->population < 0) != (y->population < 0))
    return x->population < 0 ? 1 : -1;
  if (x->population != y->population)
    return x->population > y->population ? -1 : 1;
  return strcmp (x->name, y->name);
}

/**
 * sm_boundary_derive_parts:
 * @settlement: a settlement whose boundary is stored
 *
 * Approximate areas for the settlement parts of @settlement that have an
 * anchor point. A part's extent grows with its population (a town's centre
 * reaches further than a farmstead), so each point of the settlement goes
 * to the part with the least distance to its anchor ÷ √population
 * (a multiplicatively weighted Voronoi diagram, on a 20 m raster, clipped
 * to the boundary). KSH
 * publishes the parts with populations but without outlines; the areas are
 * for drawing and for contiguity, and are stored as level
 * "settlement_part" with the part's population and a source saying what
 * they are. Earlier derived areas of the settlement are replaced.
 */
gboolean
sm_boundary_derive_parts (SmStore     *store,
                          const char  *settlement,
                          guint       *n_derived,
                          GError     **error)
{
  g_autoptr(GArray) anchors = g_array_new (FALSE, FALSE, sizeof (Anchor));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pops = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *source = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autofree double *ax = NULL, *ay = NULL, *weight = NULL;
  OGRGeometryH town = NULL;
  OGREnvelope env;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  Plane plane;
  guint n = 0;
  gboolean ok = FALSE;

  _sm_ogr_init ();
  records = sm_store_list_boundary_records (store, "settlement", settlement, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const SmBoundaryRecord *r = g_ptr_array_index (records, i);
      OGRGeometryH piece = NULL;
      gsize size;
      gconstpointer wkb = g_bytes_get_data (r->geometry, &size);

      if (OGR_G_CreateFromWkb (wkb, NULL, &piece, (int) size) != OGRERR_NONE)
        continue;
      if (town == NULL)
        town = piece;
      else
        {
          OGRGeometryH both = OGR_G_Union (town, piece);

          OGR_G_DestroyGeometry (town);
          OGR_G_DestroyGeometry (piece);
          town = both;
        }
    }
  if (town == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There is no boundary of the settlement “%s”"), settlement);
      return FALSE;
    }

  parts = sm_store_list_parts (store, settlement, error);
  if (parts == NULL)
    goto out;
  g_ptr_array_sort (parts, most_populous_first);
  for (guint p = 0; p < parts->len; p++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, p);
      Anchor xy = { part->anchor_lon, part->anchor_lat };
      gboolean same = FALSE;

      if (!part->has_anchor)
        continue;
      /* Two parts on one anchor cannot be told apart: the larger keeps it. */
      for (guint i = 0; i < anchors->len; i++)
        same |= g_array_index (anchors, Anchor, i).lon == xy.lon
                && g_array_index (anchors, Anchor, i).lat == xy.lat;
      if (same)
        continue;
      g_array_append_val (anchors, xy);
      g_ptr_array_add (names, g_strdup (part->name));
      g_ptr_array_add (codes, g_strdup (part->ksh_code));
      g_array_append_val (pops, part->population);
    }
  if (anchors->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("No settlement part of “%s” has an anchor point"), settlement);
      goto out;
    }

  OGR_G_GetEnvelope (town, &env);
  plane.lon0 = (env.MinX + env.MaxX) / 2;
  plane.lat0 = (env.MinY + env.MaxY) / 2;
  plane.ky = SM_METRES_PER_DEGREE;
  plane.kx = plane.ky * cos (plane.lat0 * G_PI / 180);
  geometry_to_plane (town, &plane, TRUE);
  ax = g_new (double, anchors->len);
  ay = g_new (double, anchors->len);
  weight = g_new (double, anchors->len);
  for (guint i = 0; i < anchors->len; i++)
    {
      const Anchor *a = &g_array_index (anchors, Anchor, i);

      ax[i] = (a->lon - plane.lon0) * plane.kx;
      ay[i] = (a->lat - plane.lat0) * plane.ky;
      weight[i] = sqrt (MAX (g_array_index (pops, gint64, i), 1));
    }
  cells = weighted_cells (town, ax, ay, weight, anchors->len, 20.0);
  if (cells == NULL)
    {
      _sm_ogr_set_error (error, SM_ERROR_INTERNAL, _("Cannot draw the settlement parts"));
      goto out;
    }

  source = g_strdup_printf ("derived: population-weighted areas around the KSH settlement-part"
                            " anchors inside %s", settlement);
  if (!sm_store_begin (store, error))
    goto out;
  if (!sm_store_delete_boundaries (store, "settlement_part", source, error))
    goto rollback;

  for (guint i = 0; i < anchors->len; i++)
    {
      OGRGeometryH cell = OGR_G_Intersection (g_ptr_array_index (cells, i), town);
      gboolean stored;

      if (cell == NULL || OGR_G_IsEmpty (cell) || OGR_G_Area (cell) < 1.0)
        {
          if (cell != NULL)
            OGR_G_DestroyGeometry (cell);
          continue;
        }
      cell = OGR_G_ForceToMultiPolygon (cell);
      geometry_to_plane (cell, &plane, FALSE);
      stored = _sm_boundary_store_boundary (store, g_ptr_array_index (names, i), "settlement_part",
                               g_ptr_array_index (codes, i), g_array_index (pops, gint64, i),
                               cell, source, error);
      OGR_G_DestroyGeometry (cell);
      if (!stored)
        goto rollback;
      n++;
    }
  if (!sm_store_commit (store, error))
    goto out;
  if (n_derived != NULL)
    *n_derived = n;
  ok = TRUE;
  goto out;

rollback:
  sm_store_rollback (store);
out:
  OGR_G_DestroyGeometry (town);
  return ok;
}
