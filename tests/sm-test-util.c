#include "config.h"

#include <math.h>

#include <glib/gstdio.h>

#include "sm-store-private.h"
#include "sm-test-util.h"

char *
sm_test_make_dir (const char *prefix)
{
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes a test folder and the files in it (databases, their logs). */
void
sm_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

gint64
sm_test_scalar (SmStore    *store,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (_sm_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* A household of Tata's central part, placed by hand at @lat, @lon. */
gint64
sm_test_add_household (SmStore    *store,
                       const char *address,
                       gboolean    placed,
                       double      lat,
                       double      lon)
{
  g_autoptr(GError) error = NULL;
  SmHousehold h = {
    .address_raw = (char *) address, .settlement = (char *) "Tata",
    .settlement_part = (char *) "Központi belterület", .has_location = placed,
    .lat = lat, .lon = lon, .quality = placed ? SM_GEOCODE_MANUAL : SM_GEOCODE_NONE,
  };
  gint64 id = sm_store_add_household (store, &h, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
sm_test_add_need (SmStore    *store,
                  gint64      household,
                  const char *category,
                  int         severity,
                  const char *assessed,
                  const char *resolved)
{
  g_autoptr(GError) error = NULL;
  SmNeed n = {
    .household_id = household, .category = (char *) category, .severity = severity,
    .assessed_on = (char *) assessed, .resolved_on = (char *) resolved,
  };
  gint64 id = sm_store_add_need (store, &n, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Metres between two points, on the sphere of the WGS 84 equator radius. */
double
sm_test_metres (double lat1,
                double lon1,
                double lat2,
                double lon2)
{
  double k = G_PI / 180, a = sin ((lat2 - lat1) * k / 2), b = sin ((lon2 - lon1) * k / 2);

  return 2 * 6378137.0 * asin (sqrt (a * a + cos (lat1 * k) * cos (lat2 * k) * b * b));
}
