#define G_LOG_DOMAIN "sm-coverage"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-coverage.h"
#include "sm-error.h"
#include "sm-geometry.h"
#include "sm-store-catchments.h"

/* A service's catchments as the office gives them: a polygon of its own
 * (drawn on the map corner by corner, or read from a file) or a boundary
 * of the database, each change one action. What lies in them is
 * sm-coverage.c's. */

/**
 * sm_coverage_add_area:
 * @wkb: a polygon or multipolygon in longitude and latitude
 *
 * Adds a catchment of its own to service @service_id.
 *
 * Returns: the area's id, or 0 with @error
 */
gint64
sm_coverage_add_area (SmStore     *store,
                      gint64       service_id,
                      const char  *name,
                      GBytes      *wkb,
                      GError     **error)
{
  g_autoptr(SmShape) shape = sm_shape_new ();
  SmServiceAreaRecord r = { .service_id = service_id, .name = (char *) name, .geometry = wkb };
  gsize size;
  const guint8 *data = g_bytes_get_data (wkb, &size);

  if (!sm_shape_add_wkb (shape, data, size, error))
    return 0;
  if (sm_shape_is_empty (shape))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A catchment area must be a polygon"));
      return 0;
    }
  sm_shape_get_bbox (shape, &r.west, &r.south, &r.east, &r.north);
  return sm_store_add_service_area (store, &r, error);
}

/* Whether segments ab and cd cross (touching at an end does not count). */
static gboolean
segments_cross (const double *a,
                const double *b,
                const double *c,
                const double *d)
{
  double d1 = (d[0] - c[0]) * (a[1] - c[1]) - (d[1] - c[1]) * (a[0] - c[0]);
  double d2 = (d[0] - c[0]) * (b[1] - c[1]) - (d[1] - c[1]) * (b[0] - c[0]);
  double d3 = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  double d4 = (b[0] - a[0]) * (d[1] - a[1]) - (b[1] - a[1]) * (d[0] - a[0]);

  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/**
 * sm_coverage_ring_to_wkb:
 * @lonlat: (array length=n): the corners as drawn, longitude then
 *   latitude, the ring closed or not
 *
 * A catchment drawn corner by corner, as a polygon: at least three corners
 * (a corner clicked twice counts once), its sides crossing nowhere, and at
 * least 100 m² inside.
 *
 * Returns: (transfer full): the polygon as WKB, or %NULL with @error
 */
GBytes *
sm_coverage_ring_to_wkb (const double  *lonlat,
                         guint          n,
                         GError       **error)
{
  g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (double));
  GByteArray *out;
  double area = 0, lat0, metres_per_deg_lon, metres_per_deg_lat = 111320;
  guint m;
  guint32 u;

  for (guint i = 0; i < n; i++)
    {
      const double *p = lonlat + 2 * i;

      if (!isfinite (p[0]) || !isfinite (p[1]) || fabs (p[0]) > 180 || fabs (p[1]) > 90)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Corner %u is not a place on Earth"), i + 1);
          return NULL;
        }
      m = ring->len / 2;
      if (m > 0 && fabs (g_array_index (ring, double, 2 * m - 2) - p[0]) < 1e-9 &&
          fabs (g_array_index (ring, double, 2 * m - 1) - p[1]) < 1e-9)
        continue;
      g_array_append_vals (ring, p, 2);
    }
  m = ring->len / 2;
  if (m > 1 && fabs (g_array_index (ring, double, 0) - g_array_index (ring, double, 2 * m - 2)) < 1e-9 &&
      fabs (g_array_index (ring, double, 1) - g_array_index (ring, double, 2 * m - 1)) < 1e-9)
    m--;
  if (m < 3)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A catchment needs at least three corners"));
      return NULL;
    }
  {
    const double *r = (const double *) ring->data;

    for (guint i = 0; i < m; i++)
      for (guint j = i + 2; j < m; j++)
        {
          if (i == 0 && j == m - 1)
            continue;
          if (segments_cross (r + 2 * i, r + 2 * ((i + 1) % m), r + 2 * j, r + 2 * ((j + 1) % m)))
            {
              g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                           _("The catchment's sides cross each other; draw its corners in order around it"));
              return NULL;
            }
        }
    lat0 = r[1];
    metres_per_deg_lon = metres_per_deg_lat * cos (lat0 * G_PI / 180);
    for (guint i = 0; i < m; i++)
      {
        const double *a = r + 2 * i, *b = r + 2 * ((i + 1) % m);

        area += (a[0] * metres_per_deg_lon) * (b[1] * metres_per_deg_lat) -
                (b[0] * metres_per_deg_lon) * (a[1] * metres_per_deg_lat);
      }
    if (fabs (area) / 2 < 100)
      {
        g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The catchment drawn holds almost no ground"));
        return NULL;
      }
    out = g_byte_array_new ();
    g_byte_array_append (out, (const guint8 *) "\x01", 1);
    u = GUINT32_TO_LE (3);
    g_byte_array_append (out, (const guint8 *) &u, 4);
    u = GUINT32_TO_LE (1);
    g_byte_array_append (out, (const guint8 *) &u, 4);
    u = GUINT32_TO_LE (m + 1);
    g_byte_array_append (out, (const guint8 *) &u, 4);
    for (guint i = 0; i <= m; i++)
      for (int c = 0; c < 2; c++)
        {
          double v = r[2 * (i % m) + c];
          guint64 bits;

          memcpy (&bits, &v, sizeof bits);
          bits = GUINT64_TO_LE (bits);
          g_byte_array_append (out, (const guint8 *) &bits, 8);
        }
  }
  return g_byte_array_free_to_bytes (out);
}

/**
 * sm_coverage_replace_areas:
 * @wkb: (nullable): the catchment drawn (sm_coverage_ring_to_wkb()) or
 *   read from a file
 * @boundary_id: a boundary of the database (a settlement, a part) to be
 *   the catchment instead; 0: none. With neither, the service has no
 *   catchment any more.
 *
 * Puts one catchment in the place of all a service had, as one action.
 *
 * Returns: the new area's id (0 when there is none), or -1 with @error
 */
gint64
sm_coverage_replace_areas (SmStore     *store,
                           gint64       service_id,
                           const char  *name,
                           GBytes      *wkb,
                           gint64       boundary_id,
                           GError     **error)
{
  g_autoptr(GPtrArray) areas = NULL;
  gint64 id = 0;

  if (!sm_store_begin (store, error))
    return -1;
  if ((areas = sm_store_list_service_areas (store, service_id, error)) == NULL)
    goto fail;
  for (guint i = 0; i < areas->len; i++)
    if (!sm_store_remove_service_area (store, ((SmServiceAreaRecord *) areas->pdata[i])->id, error))
      goto fail;
  if (wkb != NULL && (id = sm_coverage_add_area (store, service_id, name, wkb, error)) == 0)
    goto fail;
  if (wkb == NULL && boundary_id != 0)
    {
      SmServiceAreaRecord r = { .service_id = service_id, .name = (char *) name, .boundary_id = boundary_id };

      if ((id = sm_store_add_service_area (store, &r, error)) == 0)
        goto fail;
    }
  if (!sm_store_commit (store, error))
    return -1;
  return id;

fail:
  sm_store_rollback (store);
  return -1;
}
