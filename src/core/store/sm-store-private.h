#pragma once

#include <sqlite3.h>

#include "sm-store.h"

G_BEGIN_DECLS

void          _sm_store_install_locking (void);
SmStore      *_sm_store_open_at_version (const char  *path,
                                         int          version,
                                         GError     **error);
guint64       _sm_store_get_generation  (SmStore     *self);
sqlite3      *_sm_store_get_db          (SmStore     *self);
sqlite3_stmt *_sm_store_prepare         (SmStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      _sm_store_exec            (SmStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      _sm_store_run_action      (SmStore      *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
gint64        _sm_store_last_insert_id  (SmStore      *self);
gboolean      _sm_store_step_done       (SmStore      *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
void          _sm_store_set_error       (SmStore     *self,
                                         GError     **error);
void          _sm_bind_text_or_null     (sqlite3_stmt *stmt,
                                         int           column,
                                         const char   *text);

gboolean      _sm_store_pack_household_rtree (SmStore  *store,
                                              GError  **error);

extern const char _sm_schema_household_rtree_trigger[];

G_END_DECLS
