#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cpl_string.h>
#include <ogr_api.h>

#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-report-file.h"

/* A report's table (section, key, label, value) as CSV or XLSX, written
 * by GDAL's drivers, or the report as JSON. Only the person who writes it
 * may read the file. */

/**
 * sm_report_add_line:
 * @lines: (element-type GPtrArray): a report's table
 * @value: (transfer full): the line's value
 *
 * Adds a line of the four texts sm_report_write_table() writes.
 *
 * Returns: (transfer none): the line
 */
GPtrArray *
sm_report_add_line (GPtrArray  *lines,
                    const char *section,
                    const char *key,
                    const char *label,
                    char       *value)
{
  GPtrArray *line = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (line, g_strdup (section));
  g_ptr_array_add (line, g_strdup (key));
  g_ptr_array_add (line, g_strdup (label));
  g_ptr_array_add (line, value);
  g_ptr_array_add (lines, line);
  return line;
}

/**
 * sm_report_write_table:
 * @lines: (element-type GPtrArray): lines of 4 strings
 * @format: "csv" or "xlsx"
 */
gboolean
sm_report_write_table (GPtrArray   *lines,
                       const char  *layer_name,
                       const char  *path,
                       const char  *format,
                       GError     **error)
{
  static const char * const fields[] = { "section", "key", "label", "value" };
  gboolean xlsx = g_ascii_strcasecmp (format, "xlsx") == 0;
  g_autofree char *tmp = NULL;
  char **options = NULL;
  GDALDatasetH ds;
  OGRLayerH layer;
  gboolean ok = TRUE;

  if (!xlsx && g_ascii_strcasecmp (format, "csv") != 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("unknown format “%s”; use csv, json or xlsx"), format);
      return FALSE;
    }
  _sm_ogr_init ();
  /* Written beside the file and moved over it: a failed write leaves the
   * old file as it was. */
  {
    /* GDAL's zip reader takes a ".xlsx" inside a name for the end of the
     * archive's name: the extension comes once, at the end. */
    const char *dot = strrchr (path, '.');
    g_autofree char *stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path)
                                                                     : g_strdup (path);

    tmp = g_strdup_printf ("%s.part%s", stem, xlsx ? ".xlsx" : ".csv");
  }
  g_unlink (tmp);
  CPLErrorReset ();
  ds = GDALCreate (GDALGetDriverByName (xlsx ? "XLSX" : "CSV"), tmp, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    {
      _sm_ogr_set_error (error, SM_ERROR_INVALID, path);
      return FALSE;
    }
  if (!xlsx)
    options = CSLSetNameValue (options, "STRING_QUOTING", "IF_NEEDED");
  layer = GDALDatasetCreateLayer (ds, layer_name, NULL, wkbNone, options);
  CSLDestroy (options);
  if (layer == NULL)
    {
      GDALClose (ds);
      g_unlink (tmp);
      _sm_ogr_set_error (error, SM_ERROR_INTERNAL, path);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (fields[i], OFTString);

      OGR_L_CreateField (layer, field, TRUE);
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; i < lines->len && ok; i++)
    {
      GPtrArray *line = g_ptr_array_index (lines, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      for (guint c = 0; c < G_N_ELEMENTS (fields) && c < line->len; c++)
        OGR_F_SetFieldString (f, c, g_ptr_array_index (line, c));
      ok = OGR_L_CreateFeature (layer, f) == OGRERR_NONE;
      OGR_F_Destroy (f);
    }
  GDALClose (ds);
  if (!ok || CPLGetLastErrorType () >= CE_Failure)
    {
      _sm_ogr_set_error (error, SM_ERROR_INVALID, path);
      g_unlink (tmp);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  g_chmod (path, 0600);
  return TRUE;
}

gboolean
sm_report_write_json (JsonNode    *root,
                      const char  *path,
                      GError     **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  return TRUE;
}

/**
 * sm_signal_report_save:
 * @format: (nullable): "csv", "json" or "xlsx"; %NULL: by @path's extension
 *
 * The signalling system's yearly report as a file.
 */
gboolean
sm_signal_report_save (SmSignalReport *report,
                       SmDisclosure   *disclosure,
                       const char     *path,
                       const char     *format,
                       GError        **error)
{
  const char *dot = strrchr (path, '.');
  const char *fmt = format != NULL ? format : dot != NULL ? dot + 1 : "";
  g_autofree char *layer = g_strdup_printf ("signals_%d", report->year);

  if (g_ascii_strcasecmp (fmt, "json") == 0)
    {
      g_autoptr(JsonNode) root = sm_signal_report_to_json (report, disclosure);

      return sm_report_write_json (root, path, error);
    }
  if (g_ascii_strcasecmp (fmt, "csv") == 0 || g_ascii_strcasecmp (fmt, "xlsx") == 0)
    {
      g_autoptr(GPtrArray) lines = sm_signal_report_to_rows (report, disclosure);

      return sm_report_write_table (lines, layer, path, fmt, error);
    }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("Cannot tell the format of “%s”; use .csv, .json or .xlsx"), path);
  return FALSE;
}
