#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sm-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(SmApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* SOCIAL_MAP_LOCALEDIR: translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR") ? g_getenv ("SOCIAL_MAP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = sm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
