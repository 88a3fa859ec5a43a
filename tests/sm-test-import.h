#pragma once

#include "sm-import.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The import tests' files, in sm_test_import_dir. */

extern char *sm_test_import_dir;

char           *sm_test_import_path  (const char            *name);
SmStore        *sm_test_import_store (const char            *name);
void            sm_test_import_write (const char            *name,
                                      const char            *contents,
                                      gssize                 length);
SmImportReport *sm_test_import_file  (SmStore               *store,
                                      const char            *name,
                                      const SmImportOptions *options,
                                      GError               **error);

G_END_DECLS
