#include "config.h"

#include <glib/gstdio.h>

#include "sm-test-import.h"

char *sm_test_import_dir;

char *
sm_test_import_path (const char *name)
{
  return g_build_filename (sm_test_import_dir, name, NULL);
}

SmStore *
sm_test_import_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sm_test_import_path (name);
  SmStore *store;

  g_unlink (path);
  store = sm_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

void
sm_test_import_write (const char *name,
                      const char *contents,
                      gssize      length)
{
  g_autofree char *path = sm_test_import_path (name);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

SmImportReport *
sm_test_import_file (SmStore               *store,
                     const char            *name,
                     const SmImportOptions *options,
                     GError               **error)
{
  g_autofree char *path = sm_test_import_path (name);
  SmImportOptions defaults = { .no_geocode = TRUE };
  SmImportReport *report = NULL;

  sm_import_file (store, path, options ? options : &defaults, NULL, NULL, NULL, &report, error);
  return report;
}
