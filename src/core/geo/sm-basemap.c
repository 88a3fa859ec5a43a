#define G_LOG_DOMAIN "sm-basemap"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <ogr_api.h>

#include "sm-basemap.h"
#include "sm-coastline.h"
#include "sm-error.h"
#include "sm-mercator.h"
#include "sm-ogr-private.h"
#include "sm-basemap-private.h"
#include "sm-store-basemap.h"

/* Reads an OpenStreetMap extract with GDAL's OSM driver into the local
 * basemap tables: roads, railways, waterways, land use, water, buildings and
 * named places for the tile renderer, and every addressed point or building
 * for the geocoder. One transaction: a failed or cancelled import leaves the
 * earlier basemap as it was. */

typedef struct {
  const char     *key;
  const char     *value;       /* NULL: any value but "no" */
  SmBasemapClass  klass;
  int             min_zoom;
} Rule;

static const Rule line_rules[] = {
  { "highway", "motorway", SM_BASEMAP_MOTORWAY, 5 },
  { "highway", "motorway_link", SM_BASEMAP_MOTORWAY, 10 },
  { "highway", "trunk", SM_BASEMAP_TRUNK, 6 },
  { "highway", "trunk_link", SM_BASEMAP_TRUNK, 10 },
  { "highway", "primary", SM_BASEMAP_PRIMARY, 8 },
  { "highway", "primary_link", SM_BASEMAP_PRIMARY, 11 },
  { "highway", "secondary", SM_BASEMAP_SECONDARY, 9 },
  { "highway", "secondary_link", SM_BASEMAP_SECONDARY, 12 },
  { "highway", "tertiary", SM_BASEMAP_TERTIARY, 11 },
  { "highway", "tertiary_link", SM_BASEMAP_TERTIARY, 12 },
  { "highway", "residential", SM_BASEMAP_MINOR, 12 },
  { "highway", "unclassified", SM_BASEMAP_MINOR, 12 },
  { "highway", "living_street", SM_BASEMAP_MINOR, 12 },
  { "highway", "road", SM_BASEMAP_MINOR, 12 },
  { "highway", "service", SM_BASEMAP_SERVICE, 14 },
  { "highway", "track", SM_BASEMAP_SERVICE, 14 },
  { "highway", "pedestrian", SM_BASEMAP_PATH, 14 },
  { "highway", "footway", SM_BASEMAP_PATH, 15 },
  { "highway", "cycleway", SM_BASEMAP_PATH, 15 },
  { "highway", "path", SM_BASEMAP_PATH, 15 },
  { "highway", "bridleway", SM_BASEMAP_PATH, 15 },
  { "highway", "steps", SM_BASEMAP_PATH, 15 },
  { "railway", "rail", SM_BASEMAP_RAIL, 9 },
  { "railway", "light_rail", SM_BASEMAP_RAIL, 11 },
  { "railway", "narrow_gauge", SM_BASEMAP_RAIL, 11 },
  { "railway", "tram", SM_BASEMAP_RAIL, 12 },
  { "railway", "subway", SM_BASEMAP_RAIL, 12 },
  { "waterway", "river", SM_BASEMAP_RIVER, 8 },
  { "waterway", "canal", SM_BASEMAP_RIVER, 10 },
  { "waterway", "stream", SM_BASEMAP_STREAM, 13 },
  { "waterway", "ditch", SM_BASEMAP_STREAM, 14 },
  { "waterway", "drain", SM_BASEMAP_STREAM, 14 },
};

static const Rule area_rules[] = {
  { "building", NULL, SM_BASEMAP_BUILDING, 14 },
  { "natural", "water", SM_BASEMAP_WATER, 6 },
  { "waterway", "riverbank", SM_BASEMAP_WATER, 6 },
  { "landuse", "reservoir", SM_BASEMAP_WATER, 6 },
  { "landuse", "basin", SM_BASEMAP_WATER, 10 },
  { "natural", "wood", SM_BASEMAP_FOREST, 8 },
  { "landuse", "forest", SM_BASEMAP_FOREST, 8 },
  { "natural", "scrub", SM_BASEMAP_GRASS, 11 },
  { "natural", "heath", SM_BASEMAP_GRASS, 11 },
  { "natural", "grassland", SM_BASEMAP_GRASS, 11 },
  { "natural", "wetland", SM_BASEMAP_GRASS, 11 },
  { "landuse", "grass", SM_BASEMAP_GRASS, 12 },
  { "landuse", "meadow", SM_BASEMAP_GRASS, 11 },
  { "landuse", "village_green", SM_BASEMAP_GRASS, 12 },
  { "landuse", "recreation_ground", SM_BASEMAP_GRASS, 12 },
  { "leisure", "park", SM_BASEMAP_GRASS, 11 },
  { "leisure", "garden", SM_BASEMAP_GRASS, 13 },
  { "leisure", "pitch", SM_BASEMAP_GRASS, 13 },
  { "leisure", "playground", SM_BASEMAP_GRASS, 14 },
  { "leisure", "recreation_ground", SM_BASEMAP_GRASS, 12 },
  { "landuse", "residential", SM_BASEMAP_RESIDENTIAL, 10 },
  { "landuse", "industrial", SM_BASEMAP_INDUSTRIAL, 11 },
  { "landuse", "commercial", SM_BASEMAP_INDUSTRIAL, 11 },
  { "landuse", "retail", SM_BASEMAP_INDUSTRIAL, 11 },
  { "landuse", "railway", SM_BASEMAP_INDUSTRIAL, 12 },
  { "landuse", "farmland", SM_BASEMAP_FARMLAND, 10 },
  { "landuse", "farmyard", SM_BASEMAP_FARMLAND, 11 },
  { "landuse", "orchard", SM_BASEMAP_FARMLAND, 11 },
  { "landuse", "vineyard", SM_BASEMAP_FARMLAND, 11 },
  { "landuse", "allotments", SM_BASEMAP_FARMLAND, 12 },
  { "landuse", "cemetery", SM_BASEMAP_CEMETERY, 12 },
  { "amenity", "grave_yard", SM_BASEMAP_CEMETERY, 12 },
};

static const Rule place_rules[] = {
  { "place", "city", SM_BASEMAP_PLACE, 8 },
  { "place", "town", SM_BASEMAP_PLACE, 10 },
  { "place", "village", SM_BASEMAP_PLACE, 12 },
  { "place", "suburb", SM_BASEMAP_PLACE, 13 },
  { "place", "hamlet", SM_BASEMAP_PLACE, 14 },
  { "place", "neighbourhood", SM_BASEMAP_PLACE, 15 },
  { "place", "quarter", SM_BASEMAP_PLACE, 14 },
};

/* The value of @key in an hstore text such as
 * "addr:street"=>"Main Street","building"=>"yes", or NULL. */
char *
_sm_basemap_hstore_get (const char *hstore,
                        const char *key)
{
  size_t key_len = strlen (key);
  const char *p = hstore;

  if (hstore == NULL || key_len == 0)
    return NULL;
  while ((p = strstr (p, key)) != NULL)
    {
      if (p > hstore && p[-1] == '"' && strncmp (p + key_len, "\"=>\"", 4) == 0)
        {
          GString *value = g_string_new (NULL);

          for (p += key_len + 4; *p != '\0' && *p != '"'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (value, *p);
            }
          return g_string_free (value, FALSE);
        }
      p += key_len;
    }
  return NULL;
}

/* A tag's value from its own column where the driver has one, else from
 * other_tags. */
static char *
feature_tag (OGRFeatureH  feature,
             const char  *key,
             const char  *other_tags)
{
  int field = OGR_F_GetFieldIndex (feature, key);

  if (field >= 0)
    return OGR_F_IsFieldSetAndNotNull (feature, field)
             ? g_strdup (OGR_F_GetFieldAsString (feature, field)) : NULL;
  return _sm_basemap_hstore_get (other_tags, key);
}

static const Rule *
classify (OGRFeatureH  feature,
          const char  *other_tags,
          const Rule  *rules,
          gsize        n_rules)
{
  for (gsize i = 0; i < n_rules; i++)
    {
      g_autofree char *value = feature_tag (feature, rules[i].key, other_tags);

      if (value == NULL || *value == '\0')
        continue;
      if (rules[i].value == NULL ? strcmp (value, "no") != 0
                                 : strcmp (value, rules[i].value) == 0)
        return &rules[i];
    }
  return NULL;
}

/**
 * _sm_basemap_classify_tags:
 * @kind: 0 for lines, 1 for areas, 2 for points
 *
 * The class an OSM feature with these tags (an hstore text) is drawn as,
 * SM_BASEMAP_NONE for none; *min_zoom the first zoom that draws it.
 */
int
_sm_basemap_classify_tags (const char *other_tags,
                           int         kind,
                           int        *min_zoom)
{
  const Rule *rules = kind == 0 ? line_rules : kind == 1 ? area_rules : place_rules;
  gsize n = kind == 0 ? G_N_ELEMENTS (line_rules) : kind == 1 ? G_N_ELEMENTS (area_rules)
                                                             : G_N_ELEMENTS (place_rules);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *value = _sm_basemap_hstore_get (other_tags, rules[i].key);

      if (value == NULL || *value == '\0')
        continue;
      if (rules[i].value == NULL ? strcmp (value, "no") != 0 : strcmp (value, rules[i].value) == 0)
        {
          *min_zoom = rules[i].min_zoom;
          return rules[i].klass;
        }
    }
  *min_zoom = 0;
  return SM_BASEMAP_NONE;
}

static void
append_u32 (GByteArray *blob,
            guint32     value)
{
  guint32 le = GUINT32_TO_LE (value);

  g_byte_array_append (blob, (const guint8 *) &le, sizeof le);
}

/* Appends every linear part of @geometry (rings of polygons, members of
 * collections) and counts them in *n_parts. */
static void
pack_parts (OGRGeometryH  geometry,
            GByteArray   *blob,
            guint32      *n_parts)
{
  OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  int count;

  if (type == wkbPoint || type == wkbLineString || type == wkbLinearRing)
    {
      count = OGR_G_GetPointCount (geometry);
      if (count <= 0)
        return;
      append_u32 (blob, (guint32) count);
      for (int i = 0; i < count; i++)
        {
          double x, y;

          sm_mercator_from_lonlat (OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i), &x, &y);
          append_u32 (blob, (guint32) CLAMP (x * SM_BASEMAP_WORLD, 0, SM_BASEMAP_WORLD - 1));
          append_u32 (blob, (guint32) CLAMP (y * SM_BASEMAP_WORLD, 0, SM_BASEMAP_WORLD - 1));
        }
      (*n_parts)++;
      return;
    }
  count = OGR_G_GetGeometryCount (geometry);
  for (int i = 0; i < count; i++)
    pack_parts (OGR_G_GetGeometryRef (geometry, i), blob, n_parts);
}

static GBytes *
pack_geometry (OGRGeometryH geometry)
{
  GByteArray *blob = g_byte_array_new ();
  guint32 n_parts = 0, le;

  append_u32 (blob, 0);
  pack_parts (geometry, blob, &n_parts);
  le = GUINT32_TO_LE (n_parts);
  memcpy (blob->data, &le, sizeof le);
  if (n_parts == 0)
    {
      g_byte_array_unref (blob);
      return NULL;
    }
  return g_byte_array_free_to_bytes (blob);
}

typedef struct {
  double west, south, east, north;
  gboolean has_clip;
} ClipBox;

/* Whether a feature with envelope @env and @geometry touches the clip area:
 * one of its points lies inside, or (an area around the town) it holds one
 * of the clip area's points. */
static gboolean
touches_clip (const SmShape     *clip,
              const ClipBox     *box,
              const OGREnvelope *env,
              OGRGeometryH       geometry)
{
  OGRwkbGeometryType type;
  gboolean inside = FALSE;

  if (clip == NULL)
    return TRUE;
  if (env->MaxX < box->west || env->MinX > box->east ||
      env->MaxY < box->south || env->MinY > box->north)
    return FALSE;

  type = wkbFlatten (OGR_G_GetGeometryType (geometry));
  if (type == wkbPoint || type == wkbLineString || type == wkbLinearRing)
    {
      int count = OGR_G_GetPointCount (geometry);

      for (int i = 0; i < count && !inside; i++)
        inside = sm_shape_contains (clip, OGR_G_GetX (geometry, i), OGR_G_GetY (geometry, i));
      return inside;
    }
  for (int i = 0; i < OGR_G_GetGeometryCount (geometry) && !inside; i++)
    inside = touches_clip (clip, box, env, OGR_G_GetGeometryRef (geometry, i));
  if (!inside && (type == wkbPolygon || type == wkbMultiPolygon) &&
      sm_shape_get_n_rings (clip) > 0)
    {
      guint n;
      const double *p = sm_shape_get_ring (clip, 0, &n);
      OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

      OGR_G_SetPoint_2D (point, 0, p[0], p[1]);
      inside = OGR_G_Intersects (geometry, point);
      OGR_G_DestroyGeometry (point);
    }
  return inside;
}

typedef struct {
  SmStore              *store;
  SmBasemapImportStats  stats;
  SmCoastline          *coast;
  OGREnvelope           extent;      /* of everything imported */
  gboolean              has_extent;
} Import;

/* The level a line is drawn at: its layer=* (−5 … 5), or −1 for a tunnel
 * and 1 for a bridge that give none; 0 on the ground. */
static int
line_level (OGRFeatureH  feature,
            const char  *other_tags)
{
  g_autofree char *layer = feature_tag (feature, "layer", other_tags);
  g_autofree char *tunnel = feature_tag (feature, "tunnel", other_tags);
  g_autofree char *bridge = feature_tag (feature, "bridge", other_tags);
  gboolean is_tunnel = tunnel != NULL && *tunnel != '\0' && strcmp (tunnel, "no") != 0;
  gboolean is_bridge = bridge != NULL && *bridge != '\0' && strcmp (bridge, "no") != 0;
  char *end = NULL;
  long value = layer != NULL ? strtol (layer, &end, 10) : 0;

  if (layer != NULL && end != layer && *end == '\0')
    {
      value = CLAMP (value, -5, 5);
      /* A tunnel on layer 0 is still under the ground, a bridge above it. */
      if (value == 0 && (is_tunnel || is_bridge))
        value = is_tunnel ? -1 : 1;
      return (int) value;
    }
  return is_tunnel ? -1 : is_bridge ? 1 : 0;
}

static gboolean
store_feature (Import             *im,
               const Rule         *rule,
               const char         *name,
               OGRGeometryH        geometry,
               const OGREnvelope  *env,
               int                 level,
               GError            **error)
{
  g_autoptr(GBytes) blob = pack_geometry (geometry);

  if (blob == NULL)
    return TRUE;
  if (!sm_store_add_basemap_feature (im->store, rule->klass, name, blob, env->MinX, env->MinY,
                                     env->MaxX, env->MaxY, rule->min_zoom, level, error))
    return FALSE;

  im->stats.n_features++;
  if (rule->klass == SM_BASEMAP_BUILDING)
    im->stats.n_buildings++;
  else if (rule->klass >= SM_BASEMAP_MOTORWAY && rule->klass <= SM_BASEMAP_PATH)
    im->stats.n_roads++;
  return TRUE;
}

/* The sea the coastlines bound, inside the clip's box or the extract's,
 * stored as water one polygon at a time. */
static gboolean
store_sea (Import         *im,
           const ClipBox  *clip,
           GError        **error)
{
  static const Rule sea = { "natural", "coastline", SM_BASEMAP_WATER, 0 };
  OGRGeometryH water;
  gboolean ok = TRUE;
  double w, s, e, n;

  if (sm_coastline_is_empty (im->coast) || !im->has_extent)
    return TRUE;
  if (clip != NULL)
    w = clip->west, s = clip->south, e = clip->east, n = clip->north;
  else
    w = im->extent.MinX, s = im->extent.MinY, e = im->extent.MaxX, n = im->extent.MaxY;
  water = sm_coastline_water (im->coast, w, s, e, n);
  if (water == NULL)
    return TRUE;
  for (int i = 0; ok && i < MAX (1, OGR_G_GetGeometryCount (water)); i++)
    {
      OGRGeometryH part = wkbFlatten (OGR_G_GetGeometryType (water)) == wkbPolygon
                            ? water : OGR_G_GetGeometryRef (water, i);
      OGREnvelope env;

      if (part == NULL || wkbFlatten (OGR_G_GetGeometryType (part)) != wkbPolygon)
        continue;
      OGR_G_GetEnvelope (part, &env);
      ok = store_feature (im, &sea, NULL, part, &env, 0, error);
      if (part == water)
        break;
    }
  OGR_G_DestroyGeometry (water);
  return ok;
}

static gboolean
store_address (Import        *im,
               OGRFeatureH    feature,
               const char    *other_tags,
               OGRGeometryH   geometry,
               GError       **error)
{
  g_autofree char *number = _sm_basemap_hstore_get (other_tags, "addr:housenumber");
  g_autofree char *street = NULL, *postcode = NULL, *city = NULL;
  double lon, lat;

  if (number == NULL || *number == '\0')
    return TRUE;
  street = _sm_basemap_hstore_get (other_tags, "addr:street");
  if (street == NULL)
    street = _sm_basemap_hstore_get (other_tags, "addr:place");
  postcode = _sm_basemap_hstore_get (other_tags, "addr:postcode");
  city = _sm_basemap_hstore_get (other_tags, "addr:city");

  if (wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPoint)
    {
      lon = OGR_G_GetX (geometry, 0);
      lat = OGR_G_GetY (geometry, 0);
    }
  else
    {
      OGRGeometryH centre = OGR_G_CreateGeometry (wkbPoint);

      if (OGR_G_Centroid (geometry, centre) != OGRERR_NONE)
        {
          OGR_G_DestroyGeometry (centre);
          return TRUE;
        }
      lon = OGR_G_GetX (centre, 0);
      lat = OGR_G_GetY (centre, 0);
      OGR_G_DestroyGeometry (centre);
    }

  {
    SmReferenceAddress address = {
      .street = street, .housenumber = number, .postcode = postcode, .city = city,
      .lat = lat, .lon = lon, .source = "osm",
    };

    if (!sm_store_add_reference_address (im->store, &address, error))
      return FALSE;
  }
  im->stats.n_addresses++;
  return TRUE;
}

static gboolean
import_feature (Import         *im,
                OGRLayerH       layer,
                OGRFeatureH     feature,
                const SmShape  *clip,
                const ClipBox  *box,
                GError        **error)
{
  const char *layer_name = OGR_L_GetName (layer);
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  int tags_field = OGR_F_GetFieldIndex (feature, "other_tags");
  int name_field = OGR_F_GetFieldIndex (feature, "name");
  const char *other_tags = NULL, *name = NULL;
  const Rule *rule = NULL;
  OGREnvelope env;

  if (geometry == NULL || OGR_G_IsEmpty (geometry))
    return TRUE;
  OGR_G_GetEnvelope (geometry, &env);
  if (!touches_clip (clip, box, &env, geometry))
    return TRUE;

  if (tags_field >= 0 && OGR_F_IsFieldSetAndNotNull (feature, tags_field))
    other_tags = OGR_F_GetFieldAsString (feature, tags_field);
  if (name_field >= 0 && OGR_F_IsFieldSetAndNotNull (feature, name_field))
    name = OGR_F_GetFieldAsString (feature, name_field);

  /* The extract's box, for the sea the coastlines bound. */
  if (!im->has_extent)
    {
      im->extent = env;
      im->has_extent = TRUE;
    }
  im->extent.MinX = MIN (im->extent.MinX, env.MinX);
  im->extent.MinY = MIN (im->extent.MinY, env.MinY);
  im->extent.MaxX = MAX (im->extent.MaxX, env.MaxX);
  im->extent.MaxY = MAX (im->extent.MaxY, env.MaxY);
  if (strcmp (layer_name, "lines") == 0)
    {
      g_autofree char *natural = feature_tag (feature, "natural", other_tags);

      if (g_strcmp0 (natural, "coastline") == 0)
        sm_coastline_add (im->coast, geometry);
      rule = classify (feature, other_tags, line_rules, G_N_ELEMENTS (line_rules));
    }
  else if (strcmp (layer_name, "multipolygons") == 0)
    {
      g_autofree char *natural = feature_tag (feature, "natural", other_tags);

      if (g_strcmp0 (natural, "coastline") == 0)
        sm_coastline_add_island (im->coast, geometry);
      rule = classify (feature, other_tags, area_rules, G_N_ELEMENTS (area_rules));
    }
  else if (strcmp (layer_name, "points") == 0 && name != NULL)
    rule = classify (feature, other_tags, place_rules, G_N_ELEMENTS (place_rules));

  if (rule != NULL &&
      !store_feature (im, rule, name, geometry, &env,
                      strcmp (layer_name, "lines") == 0 ? line_level (feature, other_tags) : 0, error))
    return FALSE;
  if (strcmp (layer_name, "points") == 0 || strcmp (layer_name, "multipolygons") == 0)
    return store_address (im, feature, other_tags, geometry, error);
  return TRUE;
}

static int
progress_cb (double      fraction,
             const char *message,
             void       *data)
{
  return TRUE;
}

/**
 * sm_basemap_import_osm:
 * @clip: (nullable): keep only what touches this area
 *
 * Replaces the database's basemap with the extract at @path.
 */
gboolean
sm_basemap_import_osm (SmStore               *store,
                       const char            *path,
                       const SmShape         *clip,
                       SmProgressFunc         progress,
                       gpointer               progress_data,
                       GCancellable          *cancellable,
                       SmBasemapImportStats  *stats,
                       GError               **error)
{
  static const char * const open_options[] = { "INTERLEAVED_READING=YES", NULL };
  g_autoptr(SmCoastline) coast = sm_coastline_new ();
  Import im = { .store = store, .coast = coast };
  ClipBox box = { 0 };
  GDALDatasetH ds;
  OGRFeatureH feature;
  OGRLayerH layer;
  double fraction = 0, reported = -1;
  gboolean ok = FALSE;
  guint seen = 0;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  _sm_ogr_init ();
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("No such file: “%s”"), path);
      return FALSE;
    }
  CPLErrorReset ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   (const char * const[]) { "OSM", NULL }, open_options, NULL);
  if (ds == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("“%s” is not an OpenStreetMap extract "
                                                 "(.osm or .osm.pbf)"), path);
      _sm_ogr_set_error (error, SM_ERROR_FORMAT, what);
      return FALSE;
    }
  if (clip != NULL)
    {
      sm_shape_get_bbox (clip, &box.west, &box.south, &box.east, &box.north);
      box.has_clip = TRUE;
    }

  if (!sm_store_begin (store, error))
    goto out;
  if (!sm_store_clear_basemap (store, error))
    goto fail;

  CPLErrorReset ();
  while ((feature = GDALDatasetGetNextFeature (ds, &layer, &fraction, progress_cb, NULL)) != NULL)
    {
      gboolean feature_ok = import_feature (&im, layer, feature, clip, &box, error);

      OGR_F_Destroy (feature);
      if (!feature_ok)
        goto fail;
      if ((++seen & 1023) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (progress != NULL && fraction - reported >= 0.01)
            {
              progress (fraction, progress_data);
              reported = fraction;
            }
        }
    }
  if (CPLGetLastErrorType () >= CE_Failure)
    {
      _sm_ogr_set_error (error, SM_ERROR_FORMAT, path);
      goto fail;
    }
  if (!store_sea (&im, clip != NULL ? &box : NULL, error))
    goto fail;
  if (im.stats.n_features == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   clip != NULL ? _("“%s” holds no map features inside the clip area")
                                : _("“%s” holds no map features"), path);
      goto fail;
    }
  if (!sm_store_set_meta (store, "basemap.source", path, error))
    goto fail;
  ok = sm_store_commit (store, error);
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  if (ok && stats != NULL)
    *stats = im.stats;
  goto out;

fail:
  sm_store_rollback (store);
out:
  GDALClose (ds);
  return ok;
}

/**
 * sm_basemap_get_extent:
 *
 * The box that holds the imported basemap's roads and buildings.
 * Returns: %FALSE when there is no basemap
 */
gboolean
sm_basemap_get_extent (SmStore *store,
                       double  *west,
                       double  *south,
                       double  *east,
                       double  *north)
{
  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  return sm_store_get_basemap_extent (store, 12, west, south, east, north);
}
