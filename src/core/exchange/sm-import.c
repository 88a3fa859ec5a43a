#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-import.h"
#include "sm-ogr-private.h"
#include "sm-case-draft.h"
#include "sm-store-basemap.h"
#include "sm-import-private.h"
#include "sm-store-places.h"

/* Every row is read and checked first; households then go in one
 * transaction, each in a savepoint of its own, so that a row the store
 * refuses is a rejected row like any other. With rejected rows and no
 * consent to leave them out, the transaction is rolled back: a file goes
 * in whole, or without its bad rows, or not at all. */

void
sm_import_report_free (SmImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rejected);
  if (report->columns != NULL)
    g_hash_table_unref (report->columns);
  g_free (report->encoding);
  g_free (report);
}

static void
rejection_free (SmImportRejection *r)
{
  g_free (r->reason);
  g_free (r);
}

void
_sm_import_reject (SmImportReport *report,
                   guint           row,
                   const char     *reason)
{
  SmImportRejection *r = g_new0 (SmImportRejection, 1);

  r->row = row;
  r->reason = g_strdup (reason);
  g_ptr_array_add (report->rejected, r);
}

/* --- the file --------------------------------------------------------- */

/**
 * sm_import_file:
 * @report: (out) (optional): what was imported and every rejected row
 *
 * Returns: %FALSE with nothing written when the file cannot be read, when
 *   rows were rejected and @options does not allow leaving them out
 *   (@report then lists them), or when cancelled
 */
gboolean
sm_import_file (SmStore                *store,
                const char             *path,
                const SmImportOptions  *options,
                SmProgressFunc          progress,
                gpointer                progress_data,
                GCancellable           *cancellable,
                SmImportReport        **report_out,
                GError                **error)
{
  g_autoptr(SmImportReport) report = g_new0 (SmImportReport, 1);
  g_autoptr(GHashTable) households = NULL;   /* group key → GPtrArray of HouseholdRow */
  g_autoptr(GPtrArray) order = NULL;         /* group keys, first seen first */
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autofree char *signature = NULL;
  OGRSpatialReferenceH eov = NULL, wgs84 = NULL, layer_srs;
  Coordinates coords = { .crs = options->crs };
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Layout layout = { .categories = categories };
  SmImportSignals signals = { 0 };
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;
  gboolean ok = FALSE, began = FALSE;
  GIntBig total;
  guint row = 0;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  report->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  _sm_ogr_init ();
  /* A spreadsheet's first row holds the column names, also where every
   * cell below is text too. */
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
  if (!_sm_import_check_text_table (path, error))
    {
      g_prefix_error (error, "%s: ", path);
      goto out;
    }
  ds = _sm_ogr_open_table (path, (const char * const[]) { "HEADERS=FORCE", NULL }, error);
  if (ds == NULL)
    goto out;
  if (options->layer != NULL)
    layer = GDALDatasetGetLayerByName (ds, options->layer);
  else
    layer = GDALDatasetGetLayerCount (ds) > 0 ? GDALDatasetGetLayer (ds, 0) : NULL;
  if (layer == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   options->layer ? _("“%s” has no layer “%s”") : _("“%s” holds no layers"),
                   path, options->layer);
      goto out;
    }
  defn = OGR_L_GetLayerDefn (layer);
  report->encoding = _sm_import_detect_encoding (layer, options->encoding);
  layout.encoding = report->encoding;
  if (!g_str_equal (report->encoding, "utf-8"))
    {
      g_autofree char *probe = g_convert ("a", -1, report->encoding, "UTF-8", NULL, NULL, NULL);

      if (probe == NULL)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Unknown text encoding “%s”"),
                       report->encoding);
          goto out;
        }
    }
  /* Column names as text, in the file's encoding like its values. */
  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (names, _sm_import_to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)),
                                     report->encoding));
  g_ptr_array_add (names, NULL);

  signature = _sm_import_layout_signature (options->target, (const char * const *) names->pdata);
  if (options->columns != NULL)
    report->columns = _sm_import_merge_mapping (sm_import_guess_columns (options->target,
                                                                         (const char * const *) names->pdata),
                                                options->columns);
  else
    report->columns = _sm_import_remembered_mapping (store, signature);
  if (report->columns == NULL)
    report->columns = sm_import_guess_columns (options->target, (const char * const *) names->pdata);
  if (!_sm_import_check_mapping (options->target, report->columns, (const char * const *) names->pdata,
                      OGR_FD_GetGeomType (defn) != wkbNone, &layout, error))
    goto out;
  /* Households are near the towns whose boundaries the database holds. */
  {
    g_autoptr(GPtrArray) areas = sm_store_list_boundary_records (store, NULL, NULL, NULL);

    for (guint i = 0; areas != NULL && i < areas->len; i++)
      {
        const SmBoundaryRecord *b = g_ptr_array_index (areas, i);

        coords.ext_w = coords.has_extent ? MIN (coords.ext_w, b->min_lon) : b->min_lon;
        coords.ext_s = coords.has_extent ? MIN (coords.ext_s, b->min_lat) : b->min_lat;
        coords.ext_e = coords.has_extent ? MAX (coords.ext_e, b->max_lon) : b->max_lon;
        coords.ext_n = coords.has_extent ? MAX (coords.ext_n, b->max_lat) : b->max_lat;
        coords.has_extent = TRUE;
      }
    coords.ext_w -= 0.5;
    coords.ext_s -= 0.5;
    coords.ext_e += 0.5;
    coords.ext_n += 0.5;
  }
  wgs84 = _sm_ogr_new_wgs84 ();
  eov = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (eov, 23700);
  OSRSetAxisMappingStrategy (eov, OAMS_TRADITIONAL_GIS_ORDER);
  coords.eov_to_wgs84 = OCTNewCoordinateTransformation (eov, wgs84);
  layer_srs = OGR_L_GetSpatialRef (layer);
  if (layer_srs != NULL)
    {
      OGRSpatialReferenceH src = OSRClone (layer_srs);

      OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
      if (!OSRIsSame (src, wgs84))
        coords.layer_to_wgs84 = OCTNewCoordinateTransformation (src, wgs84);
      coords.layer_projected = OSRIsProjected (layer_srs);
      if (coords.layer_projected &&
          OSRGetAreaOfUse (layer_srs, &coords.use_w, &coords.use_s, &coords.use_e, &coords.use_n, NULL) &&
          coords.use_w > -1000)
        {
          coords.has_area_of_use = TRUE;
          coords.use_w -= 0.5;
          coords.use_s -= 0.5;
          coords.use_e += 0.5;
          coords.use_n += 0.5;
        }
      OSRDestroySpatialReference (src);
    }
  if (!options->no_geocode && options->target != SM_IMPORT_ADDRESSES)
    {
      geocoder = sm_geocoder_new (store, error);
      if (geocoder == NULL)
        goto out;
    }

  if (!sm_store_begin (store, error))
    goto out;
  began = TRUE;
  /* A large import writes far more pages than the everyday cache holds. */
  sm_store_set_cache_size (store, 512);
  /* Counting a CSV's rows means reading it twice: progress then goes by
   * the second half only. */
  total = OGR_L_TestCapability (layer, OLCFastFeatureCount) ? OGR_L_GetFeatureCount (layer, TRUE) : -1;
  households = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  order = g_ptr_array_new_with_free_func (g_free);
  OGR_L_ResetReading (layer);
  CPLErrorReset ();
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autoptr(GError) local = NULL;

      row++;
      report->n_rows++;
      /* GDAL could not read all of the row (a coordinate that is text, a
       * broken value): what it read instead is not what the file says. */
      if (CPLGetLastErrorType () >= CE_Failure)
        {
          g_autofree char *reason = g_strdup_printf (_("the row cannot be read: %s"),
                                                     CPLGetLastErrorMsg ());

          _sm_import_reject (report, row, reason);
          OGR_F_Destroy (feature);
          CPLErrorReset ();
          continue;
        }
      if (options->target == SM_IMPORT_ADDRESSES)
        {
          if (!_sm_import_store_address_row (store, &layout, &coords, feature, report, &local))
            _sm_import_reject (report, row, local->message);
        }
      else if (options->target == SM_IMPORT_SIGNALS)
        {
          if (!sm_store_begin (store, &local))
            {
              OGR_F_Destroy (feature);
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          if (_sm_import_store_signal_row (store, &layout, feature, geocoder, &signals, options->synthetic,
                                           report, &local))
            sm_store_commit (store, NULL);
          else
            {
              sm_store_rollback (store);
              _sm_import_signals_clear (&signals);
              _sm_import_reject (report, row, local->message);
            }
        }
      else if (options->target == SM_IMPORT_SERVICES)
        {
          if (!sm_store_begin (store, &local))
            {
              OGR_F_Destroy (feature);
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          if (_sm_import_store_service_row (store, &layout, &coords, feature, geocoder, report, &local))
            sm_store_commit (store, NULL);
          else
            {
              sm_store_rollback (store);
              _sm_import_reject (report, row, local->message);
            }
        }
      else
        {
          HouseholdRow *r = _sm_import_read_household_row (store, &layout, &coords, feature, row, &local);

          if (r == NULL)
            _sm_import_reject (report, row, local->message);
          else
            {
              g_autofree char *key = _sm_import_group_key (r);
              GPtrArray *group = g_hash_table_lookup (households, key);

              HouseholdRow *first = group != NULL ? g_ptr_array_index (group, 0) : NULL;
              g_autofree char *first_address = first != NULL ? sm_text_fold (first->household.address_raw) : NULL;
              g_autofree char *address = sm_text_fold (r->household.address_raw);

              if (first != NULL && r->key != NULL && g_strcmp0 (first_address, address) != 0)
                {
                  /* One household, two addresses: which one is right is the
                   * person's to say, not ours to guess. */
                  g_autofree char *reason =
                    g_strdup_printf (_("household “%s” has another address on row %u"), r->key,
                                     first->row);

                  _sm_import_reject (report, row, reason);
                  _sm_import_household_row_free (r);
                }
              else
                {
                  if (group == NULL)
                    {
                      group = g_ptr_array_new_with_free_func ((GDestroyNotify) _sm_import_household_row_free);
                      g_hash_table_insert (households, g_strdup (key), group);
                      g_ptr_array_add (order, g_strdup (key));
                    }
                  g_ptr_array_add (group, r);
                }
            }
        }
      OGR_F_Destroy (feature);
      if ((row & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          if (progress != NULL && total > 0)
            progress (0.5 * row / (double) total, progress_data);
        }
    }

  if (options->target == SM_IMPORT_HOUSEHOLDS && order != NULL)
    {
      guint rows_rejected = report->rejected->len;
      g_autoptr(GError) local = NULL;

      /* Checked rows nearly always go in: first all at once; only if the
       * store refuses one, again with a savepoint per household so the
       * refused ones can be left out. */
      if (!_sm_import_store_households_at_once (store, geocoder, order, households, options, progress,
                                     progress_data, cancellable, report, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          g_clear_error (&local);
          sm_store_rollback (store);
          began = FALSE;
          g_ptr_array_set_size (report->rejected, rows_rejected);
          report->n_households = report->n_persons = report->n_needs = 0;
          report->n_geocoded = report->n_at_address = report->n_review = 0;
          if (!sm_store_begin (store, error))
            goto out;
          began = TRUE;
          if (!_sm_import_store_households (store, geocoder, order, households, options, progress,
                                 progress_data, cancellable, report, error))
            goto out;
        }
    }

  if (report->rejected->len > 0 && !options->skip_bad_rows)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   ngettext ("%u row of “%s” cannot be imported, so nothing was imported; "
                             "correct it, or import the other rows without it",
                             "%u rows of “%s” cannot be imported, so nothing was imported; "
                             "correct them, or import the other rows without them",
                             report->rejected->len),
                   report->rejected->len, path);
      goto out;
    }
  if (report->n_rows == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no rows"), path);
      goto out;
    }
  if (!_sm_import_remember_mapping (store, signature, report->columns, error) ||
      !sm_store_commit (store, error))
    {
      began = FALSE;
      goto out;
    }
  began = FALSE;
  ok = TRUE;
  if (progress != NULL)
    progress (1.0, progress_data);

out:
  /* Spreadsheet drivers read their sheets when first asked, so the option
   * stays until the file is closed. */
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", NULL);
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", NULL);
  if (began)
    sm_store_rollback (store);
  _sm_import_signals_clear (&signals);
  sm_store_set_cache_size (store, 16);
  if (coords.eov_to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (coords.eov_to_wgs84);
  if (coords.layer_to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (coords.layer_to_wgs84);
  if (eov != NULL)
    OSRDestroySpatialReference (eov);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  if (ds != NULL)
    GDALClose (ds);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return ok;
}
