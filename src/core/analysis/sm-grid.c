#define G_LOG_DOMAIN "sm-grid"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include "sm-error.h"
#include "sm-grid.h"
#include "sm-ogr-private.h"
#include "sm-query.h"

/**
 * sm_grid_check_cell:
 * @cell_m: a cell side in metres; 0 for the default
 *
 * Whether @cell_m is a grid the office may use: 50 m to 10 km.
 */
gboolean
sm_grid_check_cell (double   cell_m,
                    GError **error)
{
  if (cell_m != 0 && !(cell_m >= 50 && cell_m <= 10000))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A grid cell of %.0f m is not allowed; use 50 to 10000 m"), cell_m);
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64 x, y;
} Key;

static guint
key_hash (gconstpointer p)
{
  const Key *k = p;

  return (guint) (k->x * 73856093 ^ k->y * 19349663);
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *ka = a, *kb = b;

  return ka->x == kb->x && ka->y == kb->y;
}

/**
 * sm_grid_count_points:
 * @points: (array length=n): what to count: a place, and how many
 *   households, persons and needs it stands for
 * @cell_m: the cell side in metres; 0 for %SM_GRID_DEFAULT_CELL_M
 *
 * Counts @points per cell of the EOV (EPSG:23700) grid and marks the cells
 * @disclosure hides; the cells add up to the total of @points, so hiding
 * is complementary.
 *
 * Returns: (transfer full) (element-type SmGridCell): the cells holding
 *   points
 */
GArray *
sm_grid_count_points (const SmGridPoint *points,
                      guint              n,
                      SmDisclosure      *disclosure,
                      double             cell_m,
                      GError           **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autofree SmDisclosureCell *protect = NULL;
  OGRSpatialReferenceH wgs84, eov;
  OGRCoordinateTransformationH to_eov, from_eov;
  double cell = cell_m > 0 ? cell_m : SM_GRID_DEFAULT_CELL_M;
  GArray *cells;

  g_return_val_if_fail (SM_IS_DISCLOSURE (disclosure), NULL);

  if (!sm_grid_check_cell (cell_m, error))
    return NULL;
  _sm_ogr_init ();
  wgs84 = _sm_ogr_new_wgs84 ();
  eov = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (eov, 23700);
  OSRSetAxisMappingStrategy (eov, OAMS_TRADITIONAL_GIS_ORDER);
  to_eov = OCTNewCoordinateTransformation (wgs84, eov);
  from_eov = OCTNewCoordinateTransformation (eov, wgs84);

  cells = g_array_new (FALSE, TRUE, sizeof (SmGridCell));
  index = g_hash_table_new_full (key_hash, key_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      double x = points[i].lon, y = points[i].lat, z = 0;
      Key key, *stored;
      gpointer at;
      SmGridCell *c;

      if (!OCTTransform (to_eov, 1, &x, &y, &z) || !isfinite (x) || !isfinite (y))
        continue;
      key.x = (gint64) floor (x / cell);
      key.y = (gint64) floor (y / cell);
      if (!g_hash_table_lookup_extended (index, &key, NULL, &at))
        {
          SmGridCell fresh = { .x0 = key.x * cell, .y0 = key.y * cell };

          g_array_append_val (cells, fresh);
          stored = g_memdup2 (&key, sizeof key);
          at = GUINT_TO_POINTER (cells->len - 1);
          g_hash_table_insert (index, stored, at);
        }
      c = &g_array_index (cells, SmGridCell, GPOINTER_TO_UINT (at));
      c->counts.households += points[i].households;
      c->counts.persons += points[i].persons;
      c->counts.needs += points[i].needs;
    }

  protect = g_new0 (SmDisclosureCell, MAX (cells->len, 1));
  for (guint i = 0; i < cells->len; i++)
    protect[i] = g_array_index (cells, SmGridCell, i).counts;
  sm_disclosure_protect (disclosure, protect, cells->len);
  for (guint i = 0; i < cells->len; i++)
    {
      SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      static const double cx[] = { 0, 1, 1, 0 }, cy[] = { 0, 0, 1, 1 };

      c->counts.state = protect[i].state;
      for (guint k = 0; k < 4; k++)
        {
          double px = c->x0 + cx[k] * cell, py = c->y0 + cy[k] * cell, pz = 0;

          OCTTransform (from_eov, 1, &px, &py, &pz);
          c->lon[k] = px;
          c->lat[k] = py;
        }
    }

  OCTDestroyCoordinateTransformation (to_eov);
  OCTDestroyCoordinateTransformation (from_eov);
  OSRDestroySpatialReference (wgs84);
  OSRDestroySpatialReference (eov);
  return cells;
}

/**
 * sm_grid_count:
 * @disclosure: the rule the counts obey
 * @cell_m: the cell side in metres; 0 for %SM_GRID_DEFAULT_CELL_M
 *
 * Counts the households @filter shows, their persons and needs, per cell
 * of the EOV grid, as sm_grid_count_points(). A household without
 * recorded persons counts as one person.
 *
 * Returns: (transfer full) (element-type SmGridCell): the cells holding
 *   households, from south-west to north-east
 */
GArray *
sm_grid_count (SmStore      *store,
               SmFilter     *filter,
               SmDisclosure *disclosure,
               double        cell_m,
               GError      **error)
{
  g_autoptr(GArray) hits = NULL;
  g_autofree SmHouseholdFacts *facts = NULL;
  g_autofree SmGridPoint *points = NULL;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);
  g_return_val_if_fail (SM_IS_DISCLOSURE (disclosure), NULL);

  if (!sm_grid_check_cell (cell_m, error))
    return NULL;
  hits = sm_store_query (store, filter, error);
  if (hits == NULL)
    return NULL;
  facts = sm_store_get_hit_facts (store, hits, error);
  if (facts == NULL)
    return NULL;
  points = g_new (SmGridPoint, MAX (hits->len, 1));
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);

      points[i] = (SmGridPoint) { .lat = hit->lat, .lon = hit->lon, .households = 1,
                                  .persons = MAX (1, facts[i].persons), .needs = hit->n_needs };
    }
  return sm_grid_count_points (points, hits->len, disclosure, cell_m, error);
}
