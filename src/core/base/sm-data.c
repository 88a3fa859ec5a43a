#define G_LOG_DOMAIN "sm-data"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-data.h"
#include "sm-error.h"

/**
 * sm_data_find:
 * @name: a file shipped in data/, e.g. "settlement_parts.csv"
 *
 * Looks in $SOCIAL_MAP_DATADIR, the installed data folder and the source
 * tree's data/ folder (for running from the build folder), in that order.
 */
char *
sm_data_find (const char  *name,
              GError     **error)
{
  const char *dirs[] = { g_getenv ("SOCIAL_MAP_DATADIR"), SM_PKGDATADIR, SM_SOURCE_DATADIR };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_build_filename (dirs[i], name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
               _("The data file “%s” is missing; is Social Map installed completely?"), name);
  return NULL;
}
