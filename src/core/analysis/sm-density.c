#define G_LOG_DOMAIN "sm-hotspot"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cpl_conv.h>
#include <gdal.h>
#include <glib/gi18n-lib.h>
#include <ogr_srs_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-ogr-private.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-hotspot.h"
#include "sm-query.h"
#include "sm-store-places.h"

/* Kernels are scaled to integrate to one over the plane, so a density is
 * in cases per square metre (QGIS's heatmap formulas, checked against
 * hand-computed values in the tests). */

double
sm_kernel_value (SmKernel kernel,
                 double   d,
                 double   h)
{
  double u = d / h;

  if (d >= h || h <= 0)
    return 0;
  switch (kernel)
    {
    case SM_KERNEL_QUARTIC:
      return 3.0 / (G_PI * h * h) * (1 - u * u) * (1 - u * u);
    case SM_KERNEL_EPANECHNIKOV:
      return 2.0 / (G_PI * h * h) * (1 - u * u);
    case SM_KERNEL_TRIANGULAR:
      return 3.0 / (G_PI * h * h) * (1 - u);
    case SM_KERNEL_UNIFORM:
    default:
      return 1.0 / (G_PI * h * h);
    }
}

gboolean
sm_kernel_parse (const char  *name,
                 SmKernel    *out,
                 GError     **error)
{
  int value;

  if (sm_enum_parse (SM_TYPE_KERNEL, name, &value))
    {
      *out = (SmKernel) value;
      return TRUE;
    }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not a kernel; use quartic, epanechnikov, triangular or uniform"),
               name ? name : "");
  return FALSE;
}

SmGrid *
sm_grid_new (int    width,
             int    height,
             double x0,
             double y0,
             double cell)
{
  SmGrid *grid = g_new0 (SmGrid, 1);

  grid->width = width;
  grid->height = height;
  grid->x0 = x0;
  grid->y0 = y0;
  grid->cell = cell;
  grid->values = g_new0 (double, (gsize) width * height);
  return grid;
}

void
sm_grid_free (SmGrid *grid)
{
  if (grid == NULL)
    return;
  g_free (grid->values);
  g_free (grid);
}

/**
 * sm_kde:
 *
 * Adds the kernel density of @points to @grid, evaluated at cell centres.
 * Points are first summed per cell, then each occupied cell spreads its
 * weight through a precomputed stencil: the work grows with the occupied
 * cells, not with the points. A point is taken at its cell's centre, an
 * error of at most half a cell against the bandwidth.
 */
void
sm_kde (const SmWeightedPoint *points,
        guint                  n_points,
        SmKernel               kernel,
        double                 bandwidth,
        SmGrid                *grid)
{
  int w = grid->width, h = grid->height;
  int r = (int) ceil (bandwidth / grid->cell);
  int side = 2 * r + 1;
  g_autofree double *mass = g_new0 (double, (gsize) w * h);
  g_autofree double *stencil = g_new (double, (gsize) side * side);

  for (guint i = 0; i < n_points; i++)
    {
      int cx = (int) floor ((points[i].x - grid->x0) / grid->cell);
      int cy = (int) floor ((points[i].y - grid->y0) / grid->cell);

      if (cx >= 0 && cy >= 0 && cx < w && cy < h)
        mass[(gsize) cy * w + cx] += points[i].w;
    }
  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      stencil[(dy + r) * side + dx + r] = sm_kernel_value (kernel, hypot (dx, dy) * grid->cell,
                                                           bandwidth);

  for (int cy = 0; cy < h; cy++)
    for (int cx = 0; cx < w; cx++)
      {
        double m = mass[(gsize) cy * w + cx];
        int y_lo, y_hi, x_lo, x_hi;

        if (m == 0)
          continue;
        y_lo = MAX (-r, -cy);
        y_hi = MIN (r, h - 1 - cy);
        x_lo = MAX (-r, -cx);
        x_hi = MIN (r, w - 1 - cx);
        for (int dy = y_lo; dy <= y_hi; dy++)
          {
            double *row = grid->values + (gsize) (cy + dy) * w + cx;
            const double *s = stencil + (dy + r) * side + r;

            for (int dx = x_lo; dx <= x_hi; dx++)
              row[dx] += m * s[dx];
          }
      }
}

/**
 * sm_density:
 * @max_side: the grid's longer side at most, in cells (the cell grows to fit)
 *
 * The kernel density of the input over its extent plus the bandwidth, in
 * households (or weight) per square kilometre.
 */
SmGrid *
sm_density (SmHotspotInput *in,
            SmKernel        kernel,
            double          bandwidth,
            double          cell,
            int             max_side)
{
  double w, s, e, n;
  SmGrid *grid;
  int width, height;

  if (!sm_hotspot_input_get_extent (in, &w, &s, &e, &n))
    w = s = e = n = 0;
  w -= bandwidth;
  s -= bandwidth;
  e += bandwidth;
  n += bandwidth;
  if (max_side > 0 && MAX (e - w, n - s) / cell > max_side)
    cell = MAX (e - w, n - s) / max_side;
  width = MAX (1, (int) ceil ((e - w) / cell));
  height = MAX (1, (int) ceil ((n - s) / cell));
  grid = sm_grid_new (width, height, w, s, cell);
  sm_kde ((const SmWeightedPoint *) in->points->data, in->points->len, kernel, bandwidth, grid);
  for (int i = 0; i < width * height; i++)
    grid->values[i] *= 1e6;
  return grid;
}

/**
 * sm_grid_write_geotiff:
 *
 * Writes @grid as a one-band Float32 GeoTIFF in the input's equirectangular
 * projection.
 */
gboolean
sm_grid_write_geotiff (const SmGrid          *grid,
                       const SmHotspotInput  *in,
                       const char            *path,
                       GError               **error)
{
  GDALDriverH driver;
  OGRSpatialReferenceH srs = OSRNewSpatialReference (NULL);
  g_autofree char *proj = g_strdup_printf ("+proj=eqc +lat_ts=%.8f +lat_0=%.8f +lon_0=%.8f +x_0=0 "
                                           "+y_0=0 +R=6378137 +units=m +no_defs",
                                           in->lat0, in->lat0, in->lon0);
  g_autofree float *rows = g_new (float, (gsize) grid->width * grid->height);
  double transform[6] = { grid->x0, grid->cell, 0, grid->y0 + grid->height * grid->cell, 0, -grid->cell };
  char *wkt = NULL;
  GDALDatasetH ds;
  CPLErr err;

  _sm_ogr_init ();
  driver = GDALGetDriverByName ("GTiff");
  /* GeoTIFF rows run south from the top; ours north from the bottom. */
  for (int y = 0; y < grid->height; y++)
    for (int x = 0; x < grid->width; x++)
      rows[(gsize) (grid->height - 1 - y) * grid->width + x] = (float) grid->values[(gsize) y * grid->width + x];
  OSRImportFromProj4 (srs, proj);
  OSRExportToWkt (srs, &wkt);
  ds = GDALCreate (driver, path, grid->width, grid->height, 1, GDT_Float32, NULL);
  if (ds == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   CPLGetLastErrorMsg ());
      CPLFree (wkt);
      OSRDestroySpatialReference (srs);
      return FALSE;
    }
  GDALSetGeoTransform (ds, transform);
  GDALSetProjection (ds, wkt);
  err = GDALRasterIO (GDALGetRasterBand (ds, 1), GF_Write, 0, 0, grid->width, grid->height, rows,
                      grid->width, grid->height, GDT_Float32, 0, 0);
  GDALClose (ds);
  CPLFree (wkt);
  OSRDestroySpatialReference (srs);
  if (err != CE_None)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot write “%s”"), path);
      return FALSE;
    }
  return TRUE;
}

/* --- one heat scale over a time slider's months ------------------------ */

typedef struct {
  char          *db_path;
  SmFilter      *filter;
  GDate          first;
  int            n_months, window;
  SmKernel       kernel;
  double         bandwidth, cell;
  int            max_side;
  SmPointWeight  weight;
} ScaleJob;

static void
scale_job_free (ScaleJob *job)
{
  g_free (job->db_path);
  g_clear_object (&job->filter);
  g_free (job);
}

static void
scale_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  ScaleJob *job = data;
  GError *error = NULL;
  g_autoptr(SmStore) store = sm_store_open (job->db_path, &error);
  double *peak = g_new0 (double, 1);

  if (store == NULL)
    {
      g_free (peak);
      g_task_return_error (task, error);
      return;
    }
  for (int m = 0; m < job->n_months; m++)
    {
      g_autoptr(SmHotspotInput) in = NULL;
      g_autoptr(SmGrid) grid = NULL;

      if (g_task_return_error_if_cancelled (task))
        {
          g_free (peak);
          return;
        }
      sm_filter_set_month (job->filter, &job->first, m, job->window, NULL);
      in = sm_hotspot_input_new (store, job->filter, job->weight, &error);
      if (in == NULL)
        {
          g_free (peak);
          g_task_return_error (task, error);
          return;
        }
      if (in->points->len == 0)
        continue;
      grid = sm_density (in, job->kernel, job->bandwidth, job->cell, job->max_side);
      for (int i = 0; i < grid->width * grid->height; i++)
        *peak = MAX (*peak, grid->values[i]);
    }
  g_task_return_pointer (task, peak, g_free);
}

/**
 * sm_density_scale_async:
 * @first: the time slider's first month
 * @n_months: its months
 * @window: the slider's mode, as sm_filter_set_month() takes it
 *
 * The highest density of any month of a time slider, on a worker thread
 * with a connection of its own: the one scale a heat map keeps while the
 * slider plays, so that growth shows. @filter is copied as it is now.
 */
void
sm_density_scale_async (SmStore             *store,
                        SmFilter            *filter,
                        const GDate         *first,
                        int                  n_months,
                        int                  window,
                        SmKernel             kernel,
                        double               bandwidth,
                        double               cell,
                        int                  max_side,
                        SmPointWeight        weight,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  ScaleJob *job = g_new0 (ScaleJob, 1);

  *job = (ScaleJob) { g_strdup (sm_store_get_path (store)), sm_filter_copy (filter), *first,
                      n_months, window, kernel, bandwidth, cell, max_side, weight };
  g_task_set_source_tag (task, sm_density_scale_async);
  g_task_set_task_data (task, job, (GDestroyNotify) scale_job_free);
  g_task_run_in_thread (task, scale_thread);
}

/* Returns: the highest density, or a negative number with @error */
double
sm_density_scale_finish (SmStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autofree double *peak = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), -1);

  peak = g_task_propagate_pointer (G_TASK (result), error);
  return peak != NULL ? *peak : -1;
}
