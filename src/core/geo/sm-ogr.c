#define G_LOG_DOMAIN "sm-ogr"

#include "config.h"

#include <cpl_error.h>
#include <glib/gi18n-lib.h>

#include "sm-error.h"
#include "sm-ogr-private.h"

void
_sm_ogr_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GDALAllRegister ();
      /* Messages reach the user through GError, in their language, with the
       * file named; GDAL's own stderr lines would only repeat them. */
      CPLSetErrorHandler (CPLQuietErrorHandler);
      g_once_init_leave (&done, 1);
    }
}

OGRSpatialReferenceH
_sm_ogr_new_wgs84 (void)
{
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);

  OSRImportFromEPSG (srs, 4326);
  OSRSetAxisMappingStrategy (srs, OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

void
_sm_ogr_set_error (GError     **error,
                   int          code,
                   const char  *what)
{
  const char *msg = CPLGetLastErrorMsg ();

  if (msg != NULL && *msg != '\0')
    g_set_error (error, SM_ERROR, code, "%s: %s", what, msg);
  else
    g_set_error_literal (error, SM_ERROR, code, what);
}

GDALDatasetH
_sm_ogr_open_vector (const char  *path,
                     GError     **error)
{
  return _sm_ogr_open_table (path, NULL, error);
}

/* @open_options: (nullable): GDAL open options, for the drivers that know
 * them; the others ignore them. */
GDALDatasetH
_sm_ogr_open_table (const char          *path,
                    const char * const  *open_options,
                    GError             **error)
{
  GDALDatasetH ds;

  _sm_ogr_init ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("The file “%s” does not exist"), path);
      return NULL;
    }
  CPLErrorReset ();
  ds = GDALOpenEx (path, GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
                   NULL, open_options, NULL);
  if (ds == NULL)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read “%s” as a vector data file"), path);
      _sm_ogr_set_error (error, SM_ERROR_FORMAT, what);
    }
  return ds;
}
