#define G_LOG_DOMAIN "sm-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cpl_string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <ogr_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-disclosure.h"
#include "sm-export.h"
#include "sm-model.h"
#include "sm-number.h"
#include "sm-grid.h"
#include "sm-ogr-private.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* What the filter shows, written with GDAL: GeoPackage, GeoJSON, CSV or
 * XLSX. The case export is for colleagues who work with the cases (no
 * names, but exact places); the aggregated ones are for planners and
 * partners: counts per 250 m cell or per settlement part, never a place of
 * one household, and every unit with fewer than k persons or k households
 * written without its counts. */

typedef struct {
  const char *ext;
  const char *driver;
  gboolean    geometry;
  const char *about;      /* what the file shows: the day, the filter, k; in the user's language */
} Format;

static const Format formats[] = {
  { "gpkg", "GPKG", TRUE },
  { "geojson", "GeoJSON", TRUE },
  { "json", "GeoJSON", TRUE },
  { "csv", "CSV", FALSE },
  { "xlsx", "XLSX", FALSE },
};

static const Format *
find_format (const char  *path,
             const char  *name,
             GError     **error)
{
  const char *dot = strrchr (path, '.');
  const char *wanted = name != NULL ? name : (dot != NULL ? dot + 1 : "");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (wanted, formats[i].ext) == 0 ||
        g_ascii_strcasecmp (wanted, formats[i].driver) == 0)
      return &formats[i];
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("Cannot tell the format of “%s”; use .gpkg, .geojson, .csv or .xlsx"), path);
  return NULL;
}

typedef struct {
  GDALDatasetH  ds;
  OGRLayerH     layer;
  const char * const *fields;  /* the columns' stable names, in order */
  gboolean      titled;        /* columns named in the user's language */
  gboolean      geometry;
  const char   *notice;        /* what the file holds, said in its metadata or a column */
  char         *text;          /* the format's about and the notice, as written */
  int           notice_field;  /* -1: in the metadata */
} Out;

/* The columns the exports write: their stable names (what GIS formats
 * use), their names in a table people read (CSV, XLSX) in the user's
 * language, each one import recognizes again, and what they hold, in
 * words. */
static const struct {
  const char *name;
  const char *title;      /* context "export column" */
  const char *meaning;
} columns[] = {
  { "household_id", NC_("export column", "household_id"),
    N_("the household's number in the database") },
  { "address", NC_("export column", "address"),
    N_("the address as written") },
  { "postal_code", NC_("export column", "postal_code"),
    N_("postal code") },
  { "settlement", NC_("export column", "settlement"),
    N_("settlement") },
  { "settlement_part", NC_("export column", "settlement_part"),
    N_("settlement part") },
  { "lat", NC_("export column", "lat"),
    N_("latitude (WGS 84)") },
  { "lon", NC_("export column", "lon"),
    N_("longitude (WGS 84)") },
  { "geocode_quality", NC_("export column", "geocode_quality"),
    N_("how exactly the address was placed") },
  { "need_category", NC_("export column", "need_category"),
    N_("need category (code)") },
  { "need_severity", NC_("export column", "need_severity"),
    N_("severity of the need, 1 mild to 3 severe") },
  { "need_assessed_on", NC_("export column", "need_assessed_on"),
    N_("day the need was assessed") },
  { "need_resolved_on", NC_("export column", "need_resolved_on"),
    N_("day the need was resolved; empty while open") },
  { "need_assessed_in", NC_("export column", "need_assessed_in"),
    N_("month the need was assessed") },
  { "need_resolved_in", NC_("export column", "need_resolved_in"),
    N_("month the need was resolved") },
  { "synthetic", NC_("export column", "synthetic"),
    N_("1: synthetic demo data") },
  { "unit", NC_("export column", "unit"),
    N_("the grid cell or settlement part") },
  { "households", NC_("export column", "households"),
    N_("households; empty where hidden") },
  { "persons", NC_("export column", "persons"),
    N_("persons; empty where hidden") },
  { "needs", NC_("export column", "needs"),
    N_("needs; empty where hidden") },
  { "population", NC_("export column", "population"),
    N_("residents (KSH), where known") },
  { "suppressed", NC_("export column", "suppressed"),
    N_("1: counts hidden by the disclosure rule") },
  { "notice", NC_("export column", "notice"),
    NULL },
};

static guint
column_entry (const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].name, field))
      return i;
  g_return_val_if_reached (0);
}

static const char *
field_title (const char *field)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "export column", columns[column_entry (field)].title);
}

/* Where a column is, by its stable name. */
static int
column (const Out  *out,
        const char *field)
{
  for (int i = 0; out->fields[i] != NULL; i++)
    if (g_str_equal (out->fields[i], field))
      return i;
  g_return_val_if_reached (-1);
}

/* A column's name in words of the user's language. */
static const char *
field_meaning (const char *field)
{
  const char *meaning = columns[column_entry (field)].meaning;

  return meaning != NULL ? _(meaning) : "";
}

/* A workbook's README sheet: what it shows, and each column in words. */
static void
write_readme (Out                *out,
              const char * const *fields)
{
  OGRLayerH readme = GDALDatasetCreateLayer (out->ds, "README", NULL, wkbNone, NULL);
  OGRFieldDefnH field;

  if (readme == NULL)
    return;
  field = OGR_Fld_Create (_("Column"), OFTString);
  OGR_L_CreateField (readme, field, TRUE);
  OGR_Fld_Destroy (field);
  field = OGR_Fld_Create (_("Meaning"), OFTString);
  OGR_L_CreateField (readme, field, TRUE);
  OGR_Fld_Destroy (field);
  for (int i = -1; i < 0 || fields[i] != NULL; i++)
    {
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (readme));

      g_autofree char *meaning = i < 0 ? g_strdup (out->text)
                                       : g_strdup_printf ("%s (%s)", field_meaning (fields[i]), fields[i]);

      OGR_F_SetFieldString (f, 0, i < 0 ? _("This file") : field_title (fields[i]));
      OGR_F_SetFieldString (f, 1, meaning);
      if (OGR_L_CreateFeature (readme, f) != OGRERR_NONE)
        i = G_MAXINT - 1;   /* a sheet that does not take rows: the data still goes */
      OGR_F_Destroy (f);
      if (i == G_MAXINT - 1)
        break;
    }
}

static gboolean
open_out (Out            *out,
          const Format   *format,
          const char     *path,
          const char     *layer_name,
          OGRwkbGeometryType type,
          const char * const *fields,
          const OGRFieldType *types,
          GError        **error)
{
  OGRSpatialReferenceH wgs84 = _sm_ogr_new_wgs84 ();
  char **layer_options = NULL;

  out->geometry = format->geometry;
  out->fields = fields;
  out->titled = g_str_equal (format->driver, "CSV") || g_str_equal (format->driver, "XLSX");
  g_unlink (path);
  CPLErrorReset ();
  out->ds = GDALCreate (GDALGetDriverByName (format->driver), path, 0, 0, 0, GDT_Unknown, NULL);
  if (out->ds == NULL)
    {
      OSRDestroySpatialReference (wgs84);
      _sm_ogr_set_error (error, SM_ERROR_INVALID, path);
      return FALSE;
    }
  if (g_str_equal (format->driver, "GeoJSON"))
    layer_options = CSLSetNameValue (layer_options, "RFC7946", "YES");
  out->notice_field = -1;
  /* What the file shows, then what it holds. */
  g_clear_pointer (&out->text, g_free);
  out->text = g_strjoin (" ", format->about ? format->about : "", out->notice ? out->notice : "", NULL);
  g_strstrip (out->text);
  if (*out->text != '\0')
    {
      GDALSetMetadataItem (out->ds, "DESCRIPTION", out->text, NULL);
      if (g_str_equal (format->driver, "GeoJSON") || g_str_equal (format->driver, "GPKG"))
        layer_options = CSLSetNameValue (layer_options, "DESCRIPTION", out->text);
    }
  if (g_str_equal (format->driver, "CSV"))
    layer_options = CSLSetNameValue (layer_options, "STRING_QUOTING", "IF_NEEDED");
  out->layer = GDALDatasetCreateLayer (out->ds, layer_name, format->geometry ? wgs84 : NULL,
                                       format->geometry ? type : wkbNone, layer_options);
  CSLDestroy (layer_options);
  OSRDestroySpatialReference (wgs84);
  if (out->layer == NULL)
    {
      _sm_ogr_set_error (error, SM_ERROR_INTERNAL, path);
      return FALSE;
    }
  for (guint i = 0; fields[i] != NULL; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (out->titled ? field_title (fields[i]) : fields[i], types[i]);

      OGR_L_CreateField (out->layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  /* A workbook says it on a sheet of its own; a CSV file on every row. */
  if (*out->text != '\0' && g_str_equal (format->driver, "XLSX"))
    write_readme (out, fields);
  else if (*out->text != '\0' && g_str_equal (format->driver, "CSV"))
    {
      OGRFieldDefnH field = OGR_Fld_Create (field_title ("notice"), OFTString);

      OGR_L_CreateField (out->layer, field, TRUE);
      OGR_Fld_Destroy (field);
      out->notice_field = (int) g_strv_length ((char **) fields);
    }
  GDALDatasetStartTransaction (out->ds, FALSE);
  return TRUE;
}

static gboolean
close_out (Out         *out,
           const char  *path,
           GError     **error)
{
  gboolean ok = GDALDatasetCommitTransaction (out->ds) == OGRERR_NONE ||
                GDALDatasetTestCapability (out->ds, ODsCTransactions) == FALSE;

  CPLErrorReset ();
  GDALClose (out->ds);
  out->ds = NULL;
  g_clear_pointer (&out->text, g_free);
  if (!ok || CPLGetLastErrorType () >= CE_Failure)
    {
      _sm_ogr_set_error (error, SM_ERROR_INTERNAL, path);
      return FALSE;
    }
  /* Whatever the umask: an export is the owner's alone. */
  g_chmod (path, 0600);
  return TRUE;
}

static void
set_string (const Out   *out,
            OGRFeatureH  f,
            const char  *field,
            const char  *value)
{
  if (value != NULL)
    OGR_F_SetFieldString (f, column (out, field), value);
}

static gboolean
write_feature (Out         *out,
               OGRFeatureH  f,
               GError     **error)
{
  if (out->notice_field >= 0)
    OGR_F_SetFieldString (f, out->notice_field, out->text);
  if (OGR_L_CreateFeature (out->layer, f) != OGRERR_NONE)
    {
      _sm_ogr_set_error (error, SM_ERROR_INTERNAL, _("Cannot write a feature"));
      OGR_F_Destroy (f);
      return FALSE;
    }
  OGR_F_Destroy (f);
  return TRUE;
}

/* --- cases ------------------------------------------------------------ */

static gboolean
export_cases (SmStore      *store,
              SmFilter     *filter,
              const Format *format,
              const char   *path,
              gboolean      coarse,
              double        cell,
              guint        *n_written,
              GError      **error)
{
  static const char * const fields[] = {
    "household_id", "address", "postal_code", "settlement", "settlement_part", "lat", "lon",
    "geocode_quality", "need_category", "need_severity", "need_assessed_on", "need_resolved_on",
    "synthetic", NULL
  };
  static const OGRFieldType types[] = {
    OFTInteger64, OFTString, OFTString, OFTString, OFTString, OFTReal, OFTReal, OFTString,
    OFTString, OFTInteger, OFTString, OFTString, OFTInteger
  };
  static const char * const coarse_fields[] = {
    "household_id", "settlement", "settlement_part", "lat", "lon", "need_category", "need_severity",
    "need_assessed_in", "need_resolved_in", "synthetic", NULL
  };
  static const OGRFieldType coarse_types[] = {
    OFTInteger64, OFTString, OFTString, OFTReal, OFTReal, OFTString, OFTInteger, OFTString, OFTString,
    OFTInteger
  };
  g_autoptr(GArray) hits = sm_store_query (store, filter, error);
  OGRSpatialReferenceH wgs84 = NULL, eov = NULL;
  OGRCoordinateTransformationH to_eov = NULL, from_eov = NULL;
  Out out = { 0 };
  guint n = 0;
  gboolean done = FALSE;

  if (hits == NULL)
    return FALSE;
  out.notice = coarse ? NULL
    : _("Personal data: the exact place of households and the dates of their needs. Keep it "
        "inside the office and delete it when it is no longer needed.");
  if (!open_out (&out, format, path, "cases", wkbPoint, coarse ? coarse_fields : fields,
                 coarse ? coarse_types : types, error))
    return FALSE;
  if (coarse)
    {
      wgs84 = _sm_ogr_new_wgs84 ();
      eov = OSRNewSpatialReference (NULL);
      OSRImportFromEPSG (eov, 23700);
      OSRSetAxisMappingStrategy (eov, OAMS_TRADITIONAL_GIS_ORDER);
      to_eov = OCTNewCoordinateTransformation (wgs84, eov);
      from_eov = OCTNewCoordinateTransformation (eov, wgs84);
    }
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      g_autoptr(GPtrArray) needs = sm_store_list_needs (store, hit->household_id, error);
      SmHousehold h;

      if (needs == NULL || !sm_store_get_household (store, hit->household_id, &h, error))
        goto fail;
      for (guint k = 0; k < needs->len; k++)
        {
          const SmNeed *need = g_ptr_array_index (needs, k);
          OGRFeatureH f;

          if (!sm_filter_accepts_need (filter, need->category ? sm_store_lookup_category (store, need->category, NULL) : 0,
                                       need->severity, need->assessed_on, need->resolved_on))
            continue;
          f = OGR_F_Create (OGR_L_GetLayerDefn (out.layer));
          if (coarse)
            {
              double x = h.lon, y = h.lat, z = 0;
              g_autofree char *assessed = need->assessed_on ? g_strndup (need->assessed_on, 7) : NULL;
              g_autofree char *resolved = need->resolved_on ? g_strndup (need->resolved_on, 7) : NULL;

              /* The middle of the EOV grid cell, and the month. */
              OCTTransform (to_eov, 1, &x, &y, &z);
              x = (floor (x / cell) + 0.5) * cell;
              y = (floor (y / cell) + 0.5) * cell;
              OCTTransform (from_eov, 1, &x, &y, &z);
              OGR_F_SetFieldInteger64 (f, column (&out, "household_id"), h.id);
              set_string (&out, f, "settlement", h.settlement);
              set_string (&out, f, "settlement_part", h.settlement_part);
              OGR_F_SetFieldDouble (f, column (&out, "lat"), y);
              OGR_F_SetFieldDouble (f, column (&out, "lon"), x);
              set_string (&out, f, "need_category", need->category);
              OGR_F_SetFieldInteger (f, column (&out, "need_severity"), need->severity);
              set_string (&out, f, "need_assessed_in", assessed);
              set_string (&out, f, "need_resolved_in", resolved);
              OGR_F_SetFieldInteger (f, column (&out, "synthetic"), need->synthetic);
              if (out.geometry)
                {
                  OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

                  OGR_G_SetPoint_2D (point, 0, x, y);
                  OGR_F_SetGeometryDirectly (f, point);
                }
              if (!write_feature (&out, f, error))
                {
                  sm_household_clear (&h);
                  goto fail;
                }
              n++;
              continue;
            }
          OGR_F_SetFieldInteger64 (f, column (&out, "household_id"), h.id);
          set_string (&out, f, "address", h.address_raw);
          set_string (&out, f, "postal_code", h.postal_code);
          set_string (&out, f, "settlement", h.settlement);
          set_string (&out, f, "settlement_part", h.settlement_part);
          OGR_F_SetFieldDouble (f, column (&out, "lat"), h.lat);
          OGR_F_SetFieldDouble (f, column (&out, "lon"), h.lon);
          set_string (&out, f, "geocode_quality", sm_geocode_quality_to_string (h.quality));
          set_string (&out, f, "need_category", need->category);
          OGR_F_SetFieldInteger (f, column (&out, "need_severity"), need->severity);
          set_string (&out, f, "need_assessed_on", need->assessed_on);
          set_string (&out, f, "need_resolved_on", need->resolved_on);
          OGR_F_SetFieldInteger (f, column (&out, "synthetic"), need->synthetic);
          if (out.geometry)
            {
              OGRGeometryH point = OGR_G_CreateGeometry (wkbPoint);

              OGR_G_SetPoint_2D (point, 0, h.lon, h.lat);
              OGR_F_SetGeometryDirectly (f, point);
            }
          if (!write_feature (&out, f, error))
            {
              sm_household_clear (&h);
              goto fail;
            }
          n++;
        }
      sm_household_clear (&h);
    }
  *n_written = n;
  done = close_out (&out, path, error);
  goto out;

fail:
  GDALClose (out.ds);
  g_unlink (path);
out:
  if (to_eov != NULL)
    OCTDestroyCoordinateTransformation (to_eov);
  if (from_eov != NULL)
    OCTDestroyCoordinateTransformation (from_eov);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (eov);
  return done;
}

/* --- aggregates ------------------------------------------------------- */

static const char * const aggregate_fields[] = {
  "unit", "households", "persons", "needs", "population", "suppressed", NULL
};
static const OGRFieldType aggregate_types[] = {
  OFTString, OFTInteger, OFTInteger, OFTInteger, OFTInteger64, OFTInteger
};

/* One row of an aggregate: its counts as the disclosure rule lets them
 * be shown, its population when known (-1 otherwise) and its place. */
typedef struct {
  char                   *label;
  const SmDisclosureCell *counts;
  gint64                  population;
  OGRGeometryH            geometry;     /* NULL: none; taken by the writer */
} AggregateRow;

/* Writes @rows as the layer @name; a failed export leaves no file. Every
 * row's label and geometry are freed. */
static gboolean
write_aggregate (const Format       *format,
                 const char         *path,
                 const char         *name,
                 OGRwkbGeometryType  type,
                 AggregateRow       *rows,
                 guint               n_rows,
                 guint              *n_written,
                 GError            **error)
{
  gboolean ok = FALSE;
  Out out = { 0 };
  guint i = 0;

  if (!open_out (&out, format, path, name, type, aggregate_fields, aggregate_types, error))
    goto out;
  for (; i < n_rows; i++)
    {
      AggregateRow *r = &rows[i];
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (out.layer));
      gboolean suppressed = r->counts->state != SM_DISCLOSURE_SHOWN;

      set_string (&out, f, "unit", r->label);
      if (!suppressed)
        {
          OGR_F_SetFieldInteger (f, column (&out, "households"), (int) r->counts->households);
          OGR_F_SetFieldInteger (f, column (&out, "persons"), (int) r->counts->persons);
          OGR_F_SetFieldInteger (f, column (&out, "needs"), (int) r->counts->needs);
        }
      if (r->population >= 0)
        OGR_F_SetFieldInteger64 (f, column (&out, "population"), r->population);
      OGR_F_SetFieldInteger (f, column (&out, "suppressed"), suppressed);
      if (out.geometry && r->geometry != NULL)
        OGR_F_SetGeometryDirectly (f, g_steal_pointer (&r->geometry));
      g_clear_pointer (&r->label, g_free);
      if (!write_feature (&out, f, error))
        goto out;
    }
  *n_written = n_rows;
  ok = close_out (&out, path, error);

out:
  if (out.ds != NULL)
    {
      GDALClose (out.ds);
      g_unlink (path);
    }
  for (; i < n_rows; i++)
    {
      g_free (rows[i].label);
      if (rows[i].geometry != NULL)
        OGR_G_DestroyGeometry (rows[i].geometry);
    }
  return ok;
}

static gboolean
export_grid (SmStore                *store,
             SmFilter               *filter,
             const Format           *format,
             const char             *path,
             const SmExportOptions  *options,
             guint                  *n_written,
             GError                **error)
{
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (options->k);
  g_autoptr(GArray) cells = sm_grid_count (store, filter, disclosure, options->cell_m, error);
  g_autofree AggregateRow *rows = NULL;

  if (cells == NULL)
    return FALSE;
  rows = g_new0 (AggregateRow, MAX (cells->len, 1));
  for (guint i = 0; i < cells->len; i++)
    {
      const SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      OGRGeometryH ring = OGR_G_CreateGeometry (wkbLinearRing);

      rows[i].label = g_strdup_printf ("E%.0f_N%.0f", c->x0, c->y0);
      rows[i].counts = &c->counts;
      rows[i].population = -1;
      rows[i].geometry = OGR_G_CreateGeometry (wkbPolygon);
      for (guint k = 0; k < 5; k++)
        OGR_G_AddPoint_2D (ring, c->lon[k % 4], c->lat[k % 4]);
      OGR_G_AddGeometryDirectly (rows[i].geometry, ring);
    }
  return write_aggregate (format, path, "grid", wkbPolygon, rows, cells->len, n_written, error);
}

typedef struct {
  char              *name;
  SmDisclosureCell   counts;
  gboolean           has_anchor;
  double             lat, lon;        /* the gazetteer's anchor */
  gint64             population;
} Part;

static void
part_free (Part *p)
{
  g_free (p->name);
  g_free (p);
}

static gboolean
export_parts (SmStore                *store,
              SmFilter               *filter,
              const Format           *format,
              const char             *path,
              const SmExportOptions  *options,
              guint                  *n_written,
              GError                **error)
{
  g_autoptr(GArray) hits = sm_store_query (store, filter, error);
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) part_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) known = NULL;
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (options->k);
  g_autofree SmDisclosureCell *cells = NULL;
  g_autofree AggregateRow *rows = NULL;

  if (hits == NULL)
    return FALSE;
  facts = sm_store_get_hit_facts (store, hits, error);
  if (facts == NULL)
    return FALSE;
  for (guint i = 0; i < hits->len; i++)
    {
      const char *name = facts[i].settlement_part ? facts[i].settlement_part : _("(unknown)");
      Part *p = g_hash_table_lookup (by_name, name);

      if (p == NULL)
        {
          p = g_new0 (Part, 1);
          p->name = g_strdup (name);
          p->population = -1;
          g_hash_table_insert (by_name, p->name, p);
          g_ptr_array_add (order, p);
        }
      p->counts.households++;
      /* A household without recorded people still counts as one person:
       * no unit can hide a household behind a count of zero. */
      p->counts.persons += MAX (1, facts[i].persons);
      p->counts.needs += g_array_index (hits, SmCaseHit, i).n_needs;
    }
  known = sm_store_list_parts (store, NULL, error);
  if (known == NULL)
    return FALSE;
  for (guint i = 0; i < known->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (known, i);
      Part *p = g_hash_table_lookup (by_name, part->name);

      if (p == NULL)
        continue;
      p->population = part->population;
      p->has_anchor = part->has_anchor;
      p->lat = part->anchor_lat;
      p->lon = part->anchor_lon;
    }

  /* The parts add up to the filter's total, which the map and stats show:
   * small ones and what would let them be worked out carry no counts. */
  cells = g_new0 (SmDisclosureCell, MAX (order->len, 1));
  for (guint i = 0; i < order->len; i++)
    cells[i] = ((Part *) g_ptr_array_index (order, i))->counts;
  sm_disclosure_protect (disclosure, cells, order->len);

  rows = g_new0 (AggregateRow, MAX (order->len, 1));
  for (guint i = 0; i < order->len; i++)
    {
      Part *p = g_ptr_array_index (order, i);

      rows[i].label = g_strdup (p->name);
      rows[i].counts = &cells[i];
      rows[i].population = p->population;
      if (p->has_anchor)
        {
          rows[i].geometry = OGR_G_CreateGeometry (wkbPoint);
          OGR_G_SetPoint_2D (rows[i].geometry, 0, p->lon, p->lat);
        }
    }
  return write_aggregate (format, path, "settlement_parts", wkbPoint, rows, order->len,
                          n_written, error);
}

/**
 * sm_export:
 * @format: (nullable): "gpkg", "geojson", "csv" or "xlsx"; %NULL: by the
 *   file name
 *
 * Writes what @filter shows to @path. A failed export leaves no file.
 */
/* What an export shows, in the user's language: the filter in words, the
 * unit, the k, the day it was written. */
static char *
describe_export (SmStore               *store,
                 SmFilter              *filter,
                 const SmExportOptions *options)
{
  g_autofree char *what = sm_filter_describe (filter, store);
  g_autofree char *today = sm_date_today_iso ();
  int k = options->k > 0 ? options->k : SM_DISCLOSURE_MIN_K;
  g_autofree char *unit = NULL;

  switch (options->kind)
    {
    case SM_EXPORT_GRID:
      unit = g_strdup_printf (_("Counts per %s m grid cell; a cell of fewer than %d households or persons shows no "
                                "counts, and other counts are hidden where a hidden one would follow from them."),
                              sm_num (options->cell_m > 0 ? options->cell_m : 250, 0), k);
      break;
    case SM_EXPORT_PARTS:
      unit = g_strdup_printf (_("Counts per settlement part; a part of fewer than %d households or persons shows no "
                                "counts, and other counts are hidden where a hidden one would follow from them."),
                              k);
      break;
    case SM_EXPORT_CASES_COARSE:
      unit = g_strdup_printf (_("One row per need; places at the middle of their %s m grid cell, days as months."),
                              sm_num (options->cell_m > 0 ? options->cell_m : 250, 0));
      break;
    default:
      unit = g_strdup (_("One row per need, at its household's place."));
      break;
    }
  return g_strdup_printf (_("Social Map, written on %s. %s %s"), today, what, unit);
}

gboolean
sm_export (SmStore                *store,
           SmFilter               *filter,
           const char             *path,
           const char             *format_name,
           const SmExportOptions  *options,
           guint                  *n_written,
           GError                **error)
{
  const Format *format;
  g_autofree char *about = NULL;
  guint n = 0;
  gboolean ok;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  if (!sm_disclosure_check_k (options->k, error))
    return FALSE;
  if (options->kind == SM_EXPORT_CASES && !options->personal)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                           _("Cases carry the exact place of households and the dates of their "
                             "needs: personal data. Confirm that this file may hold them, or "
                             "export the coarsened cases (grid cells and months) instead"));
      return FALSE;
    }
  if (!sm_grid_check_cell (options->cell_m, error))
    return FALSE;
  _sm_ogr_init ();
  format = find_format (path, format_name, error);
  if (format == NULL)
    return FALSE;
  {
    Format *with_about = g_newa (Format, 1);

    *with_about = *format;
    about = describe_export (store, filter, options);
    with_about->about = about;
    format = with_about;
  }
  if (options->kind == SM_EXPORT_CASES || options->kind == SM_EXPORT_CASES_COARSE)
    ok = export_cases (store, filter, format, path, options->kind == SM_EXPORT_CASES_COARSE,
                       options->cell_m > 0 ? options->cell_m : 250, &n, error);
  else
    ok = (options->kind == SM_EXPORT_GRID ? export_grid : export_parts)
           (store, filter, format, path, options, &n, error);
  if (ok && n_written != NULL)
    *n_written = n;
  return ok;
}
