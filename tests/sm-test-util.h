#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

char   *sm_test_make_dir    (const char *prefix);
void    sm_test_remove_dir  (const char *dir);
gint64  sm_test_scalar      (SmStore    *store,
                             const char *sql);
gint64  sm_test_add_household (SmStore    *store,
                               const char *address,
                               gboolean    placed,
                               double      lat,
                               double      lon);
gint64  sm_test_add_need    (SmStore    *store,
                             gint64      household,
                             const char *category,
                             int         severity,
                             const char *assessed,
                             const char *resolved);
double  sm_test_metres      (double      lat1,
                             double      lon1,
                             double      lat2,
                             double      lon2);

G_END_DECLS
