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
#include "sm-boundary-private.h"

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

gboolean
_sm_boundary_store_boundary (SmStore       *store,
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
      else if (_sm_boundary_store_boundary (store, name, level,
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
 * sm_polygons_load_wkb:
 * @path: any vector file GDAL reads
 *
 * The areas of one layer of @path, in WGS 84, as one multipolygon.
 *
 * Returns: (transfer full): its WKB, or %NULL with @error when the file
 *   cannot be read or holds no areas
 */
GBytes *
sm_polygons_load_wkb (const char  *path,
                      GError     **error)
{
  OGRSpatialReferenceH src = NULL, wgs84 = NULL;
  OGRCoordinateTransformationH transform = NULL;
  OGRGeometryH all = NULL;
  GBytes *out = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  OGRFeatureH feature;

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

  all = OGR_G_CreateGeometry (wkbMultiPolygon);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
      OGRwkbGeometryType type = geometry ? wkbFlatten (OGR_G_GetGeometryType (geometry)) : wkbNone;

      if ((type == wkbPolygon || type == wkbMultiPolygon) &&
          (transform == NULL || OGR_G_Transform (geometry, transform) == OGRERR_NONE))
        {
          if (type == wkbPolygon)
            OGR_G_AddGeometry (all, geometry);
          else
            for (int i = 0; i < OGR_G_GetGeometryCount (geometry); i++)
              OGR_G_AddGeometry (all, OGR_G_GetGeometryRef (geometry, i));
        }
      OGR_F_Destroy (feature);
    }
  if (OGR_G_GetGeometryCount (all) == 0)
    g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no areas"), path);
  else
    {
      int size = OGR_G_WkbSize (all);
      guint8 *wkb = g_malloc (size);

      OGR_G_ExportToIsoWkb (all, wkbNDR, wkb);
      out = g_bytes_new_take (wkb, size);
    }

out:
  if (all != NULL)
    OGR_G_DestroyGeometry (all);
  if (transform != NULL)
    OCTDestroyCoordinateTransformation (transform);
  if (src != NULL)
    OSRDestroySpatialReference (src);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  GDALClose (ds);
  return out;
}

/**
 * sm_shape_load_file:
 * @path: any vector file GDAL reads
 *
 * Returns: (transfer full): the areas of one layer of @path, in WGS 84, or
 *   %NULL with @error
 */
SmShape *
sm_shape_load_file (const char  *path,
                    GError     **error)
{
  g_autoptr(GBytes) wkb = sm_polygons_load_wkb (path, error);
  g_autoptr(SmShape) shape = NULL;
  gsize size;
  const guint8 *data;

  if (wkb == NULL)
    return NULL;
  data = g_bytes_get_data (wkb, &size);
  shape = sm_shape_new ();
  if (!sm_shape_add_wkb (shape, data, size, error))
    return NULL;
  return g_steal_pointer (&shape);
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
