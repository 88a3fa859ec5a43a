#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      _sm_schema_latest_version (void);
int      _sm_schema_get_version    (sqlite3  *db);
gboolean _sm_schema_migrate        (sqlite3  *db,
                                    int       target,
                                    GError  **error);

gboolean _sm_schema_exec           (sqlite3     *db,
                                    const char  *sql,
                                    GError     **error);
gboolean _sm_schema_migrate_to_9   (sqlite3  *db,
                                    GError  **error);

gboolean _sm_schema_migrate_to_10  (sqlite3  *db,
                                    GError  **error);

G_END_DECLS
