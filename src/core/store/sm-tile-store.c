/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-tile-store.h"

struct _SmBasemapReader
{
  sqlite3      *db;
  sqlite3_stmt *query;
  sqlite3_stmt *named;   /* the features with a name: labels */
};

struct _SmMbtilesReader
{
  sqlite3      *db;
  sqlite3_stmt *query;
};

/* Opens @path read-only and prepares @sql; NULL and a closed handle when
 * either fails. */
static sqlite3 *
open_read_only (const char    *path,
                const char    *sql,
                sqlite3_stmt **stmt,
                char         **message)
{
  sqlite3 *db = NULL;

  _sm_store_install_locking ();
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) == SQLITE_OK)
    return db;
  *message = g_strdup (db != NULL ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
  sqlite3_close (db);
  return NULL;
}

/* The features whose box meets ?1–?4 (west, south, east, north) and that
 * are drawn at zoom ?5. */
#define FEATURES_IN_BOX \
  "SELECT f.class, f.name, f.geom, f.level" \
  " FROM basemap_rtree AS r CROSS JOIN basemap_feature AS f ON f.id = r.id" \
  " WHERE r.max_lon >= ?1 AND r.min_lon <= ?3" \
  "   AND r.max_lat >= ?2 AND r.min_lat <= ?4 AND r.min_zoom <= ?5"

/**
 * sm_basemap_reader_open:
 *
 * Opens @db_path read-only for drawing its basemap.
 */
SmBasemapReader *
sm_basemap_reader_open (const char  *db_path,
                        GError     **error)
{
  SmBasemapReader *self = g_new0 (SmBasemapReader, 1);
  g_autofree char *message = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self->db = open_read_only (db_path, FEATURES_IN_BOX, &self->query, &message);
  if (self->db == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("Cannot read the basemap of “%s”: %s"),
                   db_path, message);
      g_free (self);
      return NULL;
    }
  if (sqlite3_prepare_v2 (self->db, FEATURES_IN_BOX " AND f.name IS NOT NULL", -1, &self->named,
                          NULL) != SQLITE_OK)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("Cannot read the basemap of “%s”: %s"),
                   db_path, sqlite3_errmsg (self->db));
      sm_basemap_reader_free (self);
      return NULL;
    }
  return self;
}

/**
 * sm_basemap_reader_each:
 *
 * Calls @func for every feature whose box meets the given one and that is
 * drawn at @zoom.
 */
static gboolean
each (SmBasemapReader       *self,
      sqlite3_stmt          *q,
      double                 west,
      double                 south,
      double                 east,
      double                 north,
      int                    zoom,
      SmBasemapFeatureFunc   func,
      gpointer               user_data,
      GError               **error)
{
  int rc;

  sqlite3_reset (q);
  sqlite3_bind_double (q, 1, west);
  sqlite3_bind_double (q, 2, south);
  sqlite3_bind_double (q, 3, east);
  sqlite3_bind_double (q, 4, north);
  sqlite3_bind_int (q, 5, zoom);
  while ((rc = sqlite3_step (q)) == SQLITE_ROW)
    func (sqlite3_column_int (q, 0), sqlite3_column_int (q, 3), (const char *) sqlite3_column_text (q, 1),
          sqlite3_column_blob (q, 2), (gsize) sqlite3_column_bytes (q, 2), user_data);
  sqlite3_reset (q);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot read the basemap: %s"),
                   sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}

gboolean
sm_basemap_reader_each (SmBasemapReader       *self,
                        double                 west,
                        double                 south,
                        double                 east,
                        double                 north,
                        int                    zoom,
                        SmBasemapFeatureFunc   func,
                        gpointer               user_data,
                        GError               **error)
{
  return each (self, self->query, west, south, east, north, zoom, func, user_data, error);
}

/**
 * sm_basemap_reader_each_named:
 *
 * As sm_basemap_reader_each(), for the features with a name only: what
 * labels are made of.
 */
gboolean
sm_basemap_reader_each_named (SmBasemapReader       *self,
                              double                 west,
                              double                 south,
                              double                 east,
                              double                 north,
                              int                    zoom,
                              SmBasemapFeatureFunc   func,
                              gpointer               user_data,
                              GError               **error)
{
  return each (self, self->named, west, south, east, north, zoom, func, user_data, error);
}

void
sm_basemap_reader_free (SmBasemapReader *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->named);
  sqlite3_finalize (self->query);
  sqlite3_close (self->db);
  g_free (self);
}

/**
 * sm_mbtiles_reader_open:
 *
 * Opens an MBTiles file of raster tiles read-only.
 */
SmMbtilesReader *
sm_mbtiles_reader_open (const char  *path,
                        GError     **error)
{
  SmMbtilesReader *self = g_new0 (SmMbtilesReader, 1);
  g_autofree char *message = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    self->db = open_read_only (path, "SELECT tile_data FROM tiles"
                                     " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                               &self->query, &message);
  if (self->db == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” is not an MBTiles file with raster tiles"), path);
      g_free (self);
      return NULL;
    }
  return self;
}

/* The tile's bytes, or NULL when the file has none there. */
GBytes *
sm_mbtiles_reader_get (SmMbtilesReader *self,
                       int              zoom,
                       int              x,
                       int              tms_y)
{
  GBytes *bytes = NULL;

  sqlite3_reset (self->query);
  sqlite3_bind_int (self->query, 1, zoom);
  sqlite3_bind_int (self->query, 2, x);
  sqlite3_bind_int (self->query, 3, tms_y);
  if (sqlite3_step (self->query) == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (self->query, 0),
                         (gsize) sqlite3_column_bytes (self->query, 0));
  sqlite3_reset (self->query);
  return bytes;
}

void
sm_mbtiles_reader_free (SmMbtilesReader *self)
{
  if (self == NULL)
    return;
  sqlite3_finalize (self->query);
  sqlite3_close (self->db);
  g_free (self);
}
