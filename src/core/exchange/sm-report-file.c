#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
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

void
sm_report_table_free (SmReportTable *table)
{
  if (table == NULL)
    return;
  g_free (table->name);
  g_free (table->title);
  g_strfreev (table->columns);
  g_ptr_array_unref (table->rows);
  g_free (table->note);
  g_free (table);
}

/**
 * sm_report_table_new:
 * @name: the sheet's or file's name: letters, digits and "_"
 * @title: (nullable): the table's title as a document heads it
 * @columns: (array zero-terminated=1): the header
 */
SmReportTable *
sm_report_table_new (const char         *name,
                     const char         *title,
                     const char * const *columns)
{
  SmReportTable *t = g_new0 (SmReportTable, 1);

  t->name = g_strdup (name);
  t->title = g_strdup (title);
  t->columns = g_strdupv ((char **) columns);
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  return t;
}

/**
 * sm_report_table_add_row:
 * @...: (transfer full): one text per column, then %NULL
 *
 * Returns: (transfer none): the row
 */
GPtrArray *
sm_report_table_add_row (SmReportTable *table,
                         char          *first,
                         ...)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (char *cell = first; cell != NULL; cell = va_arg (args, char *))
    g_ptr_array_add (row, cell);
  va_end (args);
  while (row->len < g_strv_length (table->columns))
    g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (table->rows, row);
  return row;
}

/* Written beside the file and moved over it: a failed write leaves the
 * old file as it was. GDAL's zip reader takes a ".xlsx" inside a name for
 * the end of the archive's name: the extension comes once, at the end. */
static char *
part_path (const char *path,
           gboolean    xlsx)
{
  const char *dot = strrchr (path, '.');
  g_autofree char *stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path)
                                                                   : g_strdup (path);

  return g_strdup_printf ("%s.part%s", stem, xlsx ? ".xlsx" : ".csv");
}

static gboolean
write_layer (GDALDatasetH          ds,
             const SmReportTable  *table,
             gboolean              xlsx)
{
  char **options = xlsx ? NULL : CSLSetNameValue (NULL, "STRING_QUOTING", "IF_NEEDED");
  OGRLayerH layer = GDALDatasetCreateLayer (ds, table->name, NULL, wkbNone, options);
  guint n_columns = g_strv_length (table->columns);
  gboolean ok = layer != NULL;

  CSLDestroy (options);
  for (guint i = 0; ok && i < n_columns; i++)
    {
      OGRFieldDefnH field = OGR_Fld_Create (table->columns[i], OFTString);

      ok = OGR_L_CreateField (layer, field, TRUE) == OGRERR_NONE;
      OGR_Fld_Destroy (field);
    }
  for (guint i = 0; ok && i < table->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);
      OGRFeatureH f = OGR_F_Create (OGR_L_GetLayerDefn (layer));

      for (guint c = 0; c < n_columns && c < row->len; c++)
        OGR_F_SetFieldString (f, c, g_ptr_array_index (row, c));
      ok = OGR_L_CreateFeature (layer, f) == OGRERR_NONE;
      OGR_F_Destroy (f);
    }
  return ok;
}

static gboolean
write_file (GPtrArray   *tables,
            guint        first,
            guint        n,
            const char  *path,
            gboolean     xlsx,
            GError     **error)
{
  g_autofree char *tmp = part_path (path, xlsx);
  GDALDatasetH ds;
  gboolean ok = TRUE;

  _sm_ogr_init ();
  g_unlink (tmp);
  CPLErrorReset ();
  ds = GDALCreate (GDALGetDriverByName (xlsx ? "XLSX" : "CSV"), tmp, 0, 0, 0, GDT_Unknown, NULL);
  if (ds == NULL)
    {
      _sm_ogr_set_error (error, SM_ERROR_INVALID, path);
      return FALSE;
    }
  for (guint i = first; ok && i < first + n; i++)
    ok = write_layer (ds, g_ptr_array_index (tables, i), xlsx);
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

/**
 * sm_report_write_tables:
 * @tables: (element-type SmReportTable)
 * @path: an .xlsx file holds every table as a sheet; CSV is one file per
 *   table, @path itself for one table, else @path's stem, "-", the
 *   table's name and ".csv"
 * @format: "csv" or "xlsx"
 * @written: (out) (optional) (transfer full): the files written
 */
gboolean
sm_report_write_tables (GPtrArray    *tables,
                        const char   *path,
                        const char   *format,
                        GStrv        *written,
                        GError      **error)
{
  gboolean xlsx = g_ascii_strcasecmp (format, "xlsx") == 0;
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();

  if (!xlsx && g_ascii_strcasecmp (format, "csv") != 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("unknown format “%s”; use csv, json or xlsx"), format);
      return FALSE;
    }
  if (xlsx || tables->len == 1)
    {
      if (!write_file (tables, 0, tables->len, path, xlsx, error))
        return FALSE;
      g_strv_builder_add (files, path);
    }
  else
    {
      const char *dot = strrchr (path, '.');
      g_autofree char *stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path)
                                                                       : g_strdup (path);

      for (guint i = 0; i < tables->len; i++)
        {
          g_autofree char *one = g_strdup_printf ("%s-%s.csv", stem,
                                                  ((SmReportTable *) g_ptr_array_index (tables, i))->name);

          if (!write_file (tables, i, 1, one, FALSE, error))
            return FALSE;
          g_strv_builder_add (files, one);
        }
    }
  if (written != NULL)
    *written = g_strv_builder_end (files);
  return TRUE;
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
  static const char * const fields[] = { "section", "key", "label", "value", NULL };
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_report_table_free);
  SmReportTable *table = sm_report_table_new (layer_name, NULL, fields);

  g_ptr_array_add (tables, table);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add (table->rows, g_ptr_array_ref (g_ptr_array_index (lines, i)));
  return sm_report_write_tables (tables, path, format, NULL, error);
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
