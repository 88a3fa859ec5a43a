#define G_LOG_DOMAIN "sm-boundary"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gdal.h>
#include <gdal_alg.h>
#include <ogr_api.h>

#include "sm-boundary.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-store-places.h"

static const char * const levels[] = {
  "country", "region", "county", "jaras", "settlement", "settlement_part", "district", "other",
  NULL
};

static int
find_field (OGRFeatureDefnH      defn,
            const char          *wanted,
            const char * const  *guesses)
{
  if (wanted != NULL)
    return OGR_FD_GetFieldIndex (defn, wanted);
  for (guint i = 0; guesses[i] != NULL; i++)
    for (int f = 0; f < OGR_FD_GetFieldCount (defn); f++)
      if (g_ascii_strcasecmp (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, f)), guesses[i]) == 0)
        return f;
  return -1;
}

/* Hungarian administrative names (as in the KSH/OSM files) and OSM
 * admin_level numbers. */
static const char *
level_from_feature (OGRFeatureH feature,
                    int         name_field,
                    int         number_field)
{
  static const struct { const char *word; const char *level; } words[] = {
    { "orszag", "country" }, { "regio", "region" }, { "megye", "county" },
    { "jaras", "jaras" }, { "telepules", "settlement" }, { "kerulet", "district" },
    { "telepulesresz", "settlement_part" },
  };
  static const char * const by_number[] = {
    [2] = "country", [5] = "region", [6] = "county", [7] = "jaras", [8] = "settlement",
    [9] = "district", [10] = "settlement_part",
  };

  if (name_field >= 0)
    {
      const char *value = OGR_F_GetFieldAsString (feature, name_field);
      for (guint i = 0; i < G_N_ELEMENTS (words); i++)
        if (g_ascii_strcasecmp (value, words[i].word) == 0)
          return words[i].level;
    }
  if (number_field >= 0)
    {
      int n = OGR_F_GetFieldAsInteger (feature, number_field);
      if (n > 0 && n < (int) G_N_ELEMENTS (by_number) && by_number[n] != NULL)
        return by_number[n];
    }
  return "other";
}

/* A file without a CRS: degrees if it looks like degrees, EOV if it looks
 * like EOV (easting 400–950 km, northing 30–370 km), else ask the user. */
static OGRSpatialReferenceH
guess_srs (OGRLayerH    layer,
           const char  *path,
           GError     **error)
{
  OGREnvelope env;
  OGRSpatialReferenceH srs;

  if (OGR_L_GetExtent (layer, &env, TRUE) != OGRERR_NONE)
    goto unknown;
  if (env.MinX >= -180 && env.MaxX <= 180 && env.MinY >= -90 && env.MaxY <= 90)
    return _sm_ogr_new_wgs84 ();
  if (env.MinX >= 400000 && env.MaxX <= 950000 && env.MinY >= 30000 && env.MaxY <= 370000)
    {
      srs = OSRNewSpatialReference (NULL);
      OSRImportFromEPSG (srs, 23700);
      OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
      return srs;
    }

unknown:
  g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
               _("“%s” does not say which coordinate system it uses, and its coordinates "
                 "are neither degrees nor EOV (EPSG:23700)"), path);
  return NULL;
}

static OGRLayerH
pick_layer (GDALDatasetH  ds,
            const char   *path,
            const char   *name,
            GError      **error)
{
  OGRLayerH layer;
  g_autoptr(GString) names = NULL;

  if (name == NULL)
    {
      if (GDALDatasetGetLayerCount (ds) > 0)
        return GDALDatasetGetLayer (ds, 0);
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no layers"), path);
      return NULL;
    }
  layer = GDALDatasetGetLayerByName (ds, name);
  if (layer != NULL)
    return layer;

  names = g_string_new (NULL);
  for (int i = 0; i < GDALDatasetGetLayerCount (ds); i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "",
                            OGR_L_GetName (GDALDatasetGetLayer (ds, i)));
  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
               _("“%s” has no layer “%s” (layers: %s)"), path, name, names->str);
  return NULL;
}

static gboolean
store_boundary (SmStore       *store,
                const char    *name,
                const char    *level,
                const char    *code,
                gint64         population,
                OGRGeometryH   geometry,
                const char    *source,
                GError       **error)
{
  OGREnvelope env;
  int size = OGR_G_WkbSize (geometry);
  guchar *wkb = g_malloc (size);
  SmBoundaryRecord record = {
    .name = (char *) name, .level = (char *) level, .ksh_code = (char *) code,
    .population = population, .source = (char *) source,
  };
  gboolean ok;

  OGR_G_ExportToIsoWkb (geometry, wkbNDR, wkb);
  OGR_G_GetEnvelope (geometry, &env);
  record.geometry = g_bytes_new_take (wkb, size);
  record.min_lon = env.MinX;
  record.min_lat = env.MinY;
  record.max_lon = env.MaxX;
  record.max_lat = env.MaxY;
  ok = sm_store_add_boundary (store, &record, error) > 0;
  g_bytes_unref (record.geometry);
  return ok;
}

/* An outline the statistics can use: finite coordinates on the globe,
 * closed rings of three corners or more that do not cross themselves
 * (GEOS's validity). With @repair an invalid one is made valid (into
 * @repaired, which then stands in for it) when that gives an area. */
static gboolean
usable_outline (OGRGeometryH       *geometry,
                OGRGeometryH       *repaired,
                gboolean            repair,
                const OGREnvelope  *area_of_use,
                const char         *name,
                GError            **error)
{
  OGREnvelope env;
  OGRGeometryH made;

  OGR_G_GetEnvelope (*geometry, &env);
  if (!isfinite (env.MinX) || !isfinite (env.MaxX) || !isfinite (env.MinY) || !isfinite (env.MaxY) ||
      env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90 ||
      (area_of_use != NULL &&
       (env.MinX < area_of_use->MinX || env.MaxX > area_of_use->MaxX ||
        env.MinY < area_of_use->MinY || env.MaxY > area_of_use->MaxY)))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The outline of “%s” lies outside the globe (%g, %g to %g, %g)"), name,
                   env.MinX, env.MinY, env.MaxX, env.MaxY);
      return FALSE;
    }
  CPLErrorReset ();
  if (OGR_G_IsValid (*geometry) && OGR_G_Area (*geometry) > 0)
    return TRUE;
  if (!repair)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The outline of “%s” is not a valid area: a ring is open, has fewer than "
                     "three corners, or crosses itself; repair it in a GIS, or import with "
                     "--repair"), name);
      return FALSE;
    }
  made = OGR_G_MakeValid (*geometry);
  if (made != NULL && wkbFlatten (OGR_G_GetGeometryType (made)) == wkbGeometryCollection)
    {
      /* Keep the areas of what the repair made. */
      OGRGeometryH polygons = OGR_G_CreateGeometry (wkbMultiPolygon);

      for (int i = 0; i < OGR_G_GetGeometryCount (made); i++)
        {
          OGRGeometryH part = OGR_G_GetGeometryRef (made, i);
          OGRwkbGeometryType t = wkbFlatten (OGR_G_GetGeometryType (part));

          if (t == wkbPolygon)
            OGR_G_AddGeometry (polygons, part);
          else if (t == wkbMultiPolygon)
            for (int k = 0; k < OGR_G_GetGeometryCount (part); k++)
              OGR_G_AddGeometry (polygons, OGR_G_GetGeometryRef (part, k));
        }
      OGR_G_DestroyGeometry (made);
      made = polygons;
    }
  if (made == NULL || !OGR_G_IsValid (made) || OGR_G_Area (made) <= 0 ||
      (wkbFlatten (OGR_G_GetGeometryType (made)) != wkbPolygon &&
       wkbFlatten (OGR_G_GetGeometryType (made)) != wkbMultiPolygon))
    {
      if (made != NULL)
        OGR_G_DestroyGeometry (made);
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The outline of “%s” is not a valid area and cannot be repaired"), name);
      return FALSE;
    }
  *repaired = made;
  *geometry = made;
  return TRUE;
}

static gboolean
import_layer (SmStore                       *store,
              const char                    *path,
              OGRLayerH                      layer,
              const SmBoundaryImportOptions *options,
              guint                         *n_imported,
              GError                       **error)
{
  OGREnvelope area_of_use = { 0 };
  gboolean has_area_of_use = FALSE;
  static const char * const name_guesses[] = { "NAME", "NEV", "NAME_HU", "TELEPULES", NULL };
  static const char * const code_guesses[] = {
    "CODE", "KSH", "KSH_CODE", "KSH_KOD", "TORZSSZAM", "ref:hu:ksh", NULL
  };
  static const char * const population_guesses[] = {
    "POPULATION", "POP", "NEPESSEG", "LAKONEPESSEG", NULL
  };
  static const char * const kind_guesses[] = { "ADMIN_NAME", "TIPUS", NULL };
  static const char * const number_guesses[] = { "ADMIN_LEVE", "ADMIN_LEVEL", NULL };
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  OGRSpatialReferenceH src = NULL, wgs84 = NULL;
  OGRCoordinateTransformationH transform = NULL;
  OGRFeatureH feature;
  int name_field, code_field, population_field, kind_field, number_field;
  g_autofree char *source = g_path_get_basename (path);
  gboolean ok = FALSE;
  guint n = 0;

  name_field = find_field (defn, options->name_field, name_guesses);
  code_field = find_field (defn, options->code_field, code_guesses);
  population_field = find_field (defn, options->population_field, population_guesses);
  kind_field = find_field (defn, NULL, kind_guesses);
  number_field = find_field (defn, NULL, number_guesses);

  if (OGR_L_GetFeatureCount (layer, TRUE) == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no boundaries"), path);
      return FALSE;
    }
  if (name_field < 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("Cannot tell which field of “%s” holds the names; name it with --name-field"),
                   path);
      return FALSE;
    }
  if ((options->code_field && code_field < 0) ||
      (options->population_field && population_field < 0))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” has no field “%s”"), path,
                   options->code_field && code_field < 0 ? options->code_field
                                                         : options->population_field);
      return FALSE;
    }

  if (OGR_L_GetSpatialRef (layer) != NULL)
    {
      src = OSRClone (OGR_L_GetSpatialRef (layer));
      OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
    }
  else if ((src = guess_srs (layer, path, error)) == NULL)
    return FALSE;

  /* A projected system is made for a region: outlines far outside it are
   * numbers gone wrong. */
  if (OSRIsProjected (src) &&
      OSRGetAreaOfUse (src, &area_of_use.MinX, &area_of_use.MinY, &area_of_use.MaxX,
                       &area_of_use.MaxY, NULL) && area_of_use.MinX > -1000)
    {
      has_area_of_use = TRUE;
      area_of_use.MinX -= 1;
      area_of_use.MinY -= 1;
      area_of_use.MaxX += 1;
      area_of_use.MaxY += 1;
    }
  wgs84 = _sm_ogr_new_wgs84 ();
  if (!OSRIsSame (src, wgs84))
    {
      CPLErrorReset ();
      transform = OCTNewCoordinateTransformation (src, wgs84);
      if (transform == NULL)
        {
          _sm_ogr_set_error (error, SM_ERROR_FORMAT,
                             _("Cannot convert the file's coordinates to WGS 84"));
          goto out;
        }
    }

  if (!sm_store_begin (store, error))
    goto out;

  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      const char *name = OGR_F_GetFieldAsString (feature, name_field);
      const char *level = options->level ? options->level
                                         : level_from_feature (feature, kind_field, number_field);
      gint64 population = -1;
      OGRwkbGeometryType type;
      OGRGeometryH repaired = NULL;
      GError *local = NULL;

      if (population_field >= 0 && OGR_F_IsFieldSetAndNotNull (feature, population_field))
        population = OGR_F_GetFieldAsInteger64 (feature, population_field);

      type = geometry ? wkbFlatten (OGR_G_GetGeometryType (geometry)) : wkbNone;
      if (type != wkbPolygon && type != wkbMultiPolygon)
        local = g_error_new (SM_ERROR, SM_ERROR_FORMAT,
                             _("Feature %lld (“%s”) is a %s, not an area"),
                             (long long) OGR_F_GetFID (feature), name,
                             geometry ? OGRGeometryTypeToName (type) : _("feature without geometry"));
      else if (*name == '\0')
        local = g_error_new (SM_ERROR, SM_ERROR_FORMAT,
                             _("Feature %lld has no name"),
                             (long long) OGR_F_GetFID (feature));
      else if (transform != NULL && OGR_G_Transform (geometry, transform) != OGRERR_NONE)
        local = g_error_new (SM_ERROR, SM_ERROR_FORMAT,
                             _("Cannot convert the coordinates of “%s” to WGS 84"), name);
      else if (!usable_outline (&geometry, &repaired, options->repair,
                                has_area_of_use ? &area_of_use : NULL, name, &local))
        ;
      else if (store_boundary (store, name, level,
                               code_field >= 0 ? OGR_F_GetFieldAsString (feature, code_field) : NULL,
                               population, geometry, source, &local))
        n++;

      g_clear_pointer (&repaired, OGR_G_DestroyGeometry);
      OGR_F_Destroy (feature);
      if (local != NULL)
        {
          g_propagate_prefixed_error (error, local, "%s: ", path);
          sm_store_rollback (store);
          goto out;
        }
    }

  if (n == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no boundaries"), path);
      sm_store_rollback (store);
      goto out;
    }
  ok = sm_store_commit (store, error);
  if (ok && n_imported != NULL)
    *n_imported = n;

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  OSRDestroySpatialReference (src);
  OSRDestroySpatialReference (wgs84);
  return ok;
}

/**
 * sm_shape_load_file:
 *
 * Reads every area of the first layer of a vector file, in any coordinate
 * system, as one shape in WGS 84.
 */
SmShape *
sm_shape_load_file (const char  *path,
                    GError     **error)
{
  g_autoptr(SmShape) shape = sm_shape_new ();
  OGRSpatialReferenceH src = NULL, wgs84 = NULL;
  OGRCoordinateTransformationH transform = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;
  gboolean ok = TRUE;

  _sm_ogr_init ();
  ds = _sm_ogr_open_vector (path, error);
  if (ds == NULL)
    return NULL;
  layer = pick_layer (ds, path, NULL, error);
  if (layer == NULL)
    goto out;
  if (OGR_L_GetSpatialRef (layer) != NULL)
    {
      src = OSRClone (OGR_L_GetSpatialRef (layer));
      OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
    }
  else if ((src = guess_srs (layer, path, error)) == NULL)
    goto out;
  wgs84 = _sm_ogr_new_wgs84 ();
  if (!OSRIsSame (src, wgs84))
    transform = OCTNewCoordinateTransformation (src, wgs84);

  OGR_L_ResetReading (layer);
  while (ok && (feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGRwkbGeometryType type = geometry ? wkbFlatten (OGR_G_GetGeometryType (geometry)) : wkbNone;

      if ((type == wkbPolygon || type == wkbMultiPolygon) &&
          (transform == NULL || OGR_G_Transform (geometry, transform) == OGRERR_NONE))
        {
          int size = OGR_G_WkbSize (geometry);
          g_autofree guint8 *wkb = g_malloc (size);

          OGR_G_ExportToWkb (geometry, wkbNDR, wkb);
          ok = sm_shape_add_wkb (shape, wkb, size, error);
        }
      OGR_F_Destroy (feature);
    }
  if (ok && sm_shape_is_empty (shape))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no areas"), path);
      ok = FALSE;
    }

out:
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  if (src != NULL)
    OSRDestroySpatialReference (src);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  GDALClose (ds);
  return ok && layer != NULL && src != NULL ? g_steal_pointer (&shape) : NULL;
}

/**
 * sm_boundary_import:
 * @path: any vector file GDAL reads (GeoJSON, GeoPackage, Shapefile, …)
 *
 * Imports every area of one layer, converted to WGS 84, as one action:
 * a bad feature leaves the store as it was.
 */
gboolean
sm_boundary_import (SmStore                       *store,
                    const char                    *path,
                    const SmBoundaryImportOptions *options,
                    guint                         *n_imported,
                    GError                       **error)
{
  static const SmBoundaryImportOptions defaults = { NULL };
  GDALDatasetH ds;
  OGRLayerH layer;
  gboolean ok;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (options->level != NULL && !g_strv_contains (levels, options->level))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) levels);
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Unknown boundary level “%s” (known: %s)"), options->level, list);
      return FALSE;
    }

  ds = _sm_ogr_open_vector (path, error);
  if (ds == NULL)
    return FALSE;
  layer = pick_layer (ds, path, options->layer, error);
  ok = layer != NULL && import_layer (store, path, layer, options, n_imported, error);
  GDALClose (ds);
  return ok;
}

/**
 * sm_boundary_get_shape:
 * @level: (nullable): the level, or %NULL for any
 *
 * Returns: the union of all stored areas called @name, e.g. both parts of
 *   Tata
 */
SmShape *
sm_boundary_get_shape (SmStore     *store,
                       const char  *name,
                       const char  *level,
                       GError     **error)
{
  g_autoptr(SmShape) shape = sm_shape_new ();
  g_autoptr(GPtrArray) records = sm_store_list_boundary_records (store, level, name, error);

  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      const SmBoundaryRecord *r = g_ptr_array_index (records, i);
      gsize size;
      gconstpointer wkb = g_bytes_get_data (r->geometry, &size);

      if (!sm_shape_add_wkb (shape, wkb, (int) size, error))
        return NULL;
    }

  if (sm_shape_is_empty (shape))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no boundary called “%s”"),
                   name);
      return NULL;
    }
  return g_steal_pointer (&shape);
}

void
sm_boundary_free (SmBoundary *boundary)
{
  g_free (boundary->name);
  g_free (boundary->level);
  g_clear_pointer (&boundary->shape, sm_shape_free);
  g_free (boundary);
}

/**
 * sm_boundary_list:
 * @level: (nullable): only areas of this level
 *
 * Returns: (transfer full): #SmBoundary records, largest level first
 */
GPtrArray *
sm_boundary_list (SmStore     *store,
                  const char  *level,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_boundary_free);
  g_autoptr(GPtrArray) records = sm_store_list_boundary_records (store, level, NULL, error);

  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      const SmBoundaryRecord *r = g_ptr_array_index (records, i);
      SmBoundary *b = g_new0 (SmBoundary, 1);
      gsize size;
      gconstpointer wkb = g_bytes_get_data (r->geometry, &size);

      b->id = r->id;
      b->name = g_strdup (r->name);
      b->level = g_strdup (r->level);
      b->shape = sm_shape_new ();
      g_ptr_array_add (list, b);
      if (!sm_shape_add_wkb (b->shape, wkb, (int) size, error))
        return NULL;
    }
  return g_steal_pointer (&list);
}

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
  plane.ky = 6378137.0 * G_PI / 180.0;
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
      stored = store_boundary (store, g_ptr_array_index (names, i), "settlement_part",
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
