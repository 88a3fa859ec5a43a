#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      _sm_schema_latest_version (void);
int      _sm_schema_get_version    (sqlite3  *db);
gboolean _sm_schema_migrate        (sqlite3  *db,
                                    int       target,
                                    GError  **error);

G_END_DECLS
