#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

char   *sm_test_make_dir    (const char *prefix);
void    sm_test_remove_dir  (const char *dir);
gint64  sm_test_scalar      (SmStore    *store,
                             const char *sql);

G_END_DECLS
