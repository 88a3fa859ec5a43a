#include "config.h"

#include <locale.h>
#include <sys/stat.h>

#include <glib/gi18n.h>

#include "sm-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SmApplication) app = NULL;

  /* Run from the build folder, the settings schema is the one compiled
   * there; an installed copy finds its own under the data folders. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL &&
      g_file_test (SM_BUILD_SCHEMADIR "/gschemas.compiled", G_FILE_TEST_EXISTS))
    g_setenv ("GSETTINGS_SCHEMA_DIR", SM_BUILD_SCHEMADIR, FALSE);

  /* Nothing this program writes (databases, exports, reports, its tile
   * cache) is for other users to read. */
  umask (077);
  setlocale (LC_ALL, "");
  /* SOCIAL_MAP_LOCALEDIR: translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR") ? g_getenv ("SOCIAL_MAP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
