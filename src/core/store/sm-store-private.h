#pragma once

#include <sqlite3.h>

#include "sm-store.h"

G_BEGIN_DECLS

void          _sm_store_install_locking (void);

/* Waiting for another program's write (sm-store-wait.c): the busy
 * handler of a store's connection. */
typedef struct {
  SmStore  *store;
  gint64    busy_since;    /* monotonic µs when the current wait began */
  gboolean  said_waiting;
  gboolean  no_wait;       /* a probe: busy means busy, at once */
} SmStoreWait;

int           _sm_store_wait_busy_cb    (void        *data,
                                         int          count);
gboolean      _sm_store_wait_try_begin  (SmStoreWait *wait,
                                         sqlite3     *db);
void          _sm_store_emit_waiting    (SmStore     *self);
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

/* Shared by the store's domain files (sm-store-rows.c). */
typedef void     (*SmStoreBindRow) (sqlite3_stmt *stmt,
                                    int           first,
                                    gpointer      record,
                                    gpointer      data);
typedef gpointer (*SmStoreReadRow) (sqlite3_stmt *stmt,
                                    gint64        household_id);

gboolean      _sm_store_check_date      (const char         *field,
                                         const char         *value,
                                         gboolean            optional,
                                         GError            **error);
gboolean      _sm_store_check_location  (gboolean            has_location,
                                         double              lat,
                                         double              lon,
                                         GError            **error);
gboolean      _sm_store_check_one_of    (const char         *field,
                                         const char         *value,
                                         const char * const *allowed,
                                         GError            **error);
gint64        _sm_store_insert_returning_id (SmStore        *self,
                                             sqlite3_stmt   *stmt,
                                             GError        **error);
gboolean      _sm_store_insert_batched  (SmStore         *self,
                                         const char      *table,
                                         const char      *columns,
                                         const char      *values,
                                         int              n_values,
                                         gpointer        *records,
                                         guint            n,
                                         SmStoreBindRow   bind,
                                         gpointer         data,
                                         gint64          *first_id,
                                         GError         **error);
char         *_sm_store_column_dup      (sqlite3_stmt    *stmt,
                                         int              column);
gboolean      _sm_store_check_text      (const char      *field,
                                         const char      *value,
                                         GError         **error);
void          _sm_store_bind_id         (sqlite3_stmt    *stmt,
                                         int              column,
                                         gint64           id);
gint64        _sm_store_column_int_or   (sqlite3_stmt    *stmt,
                                         int              column,
                                         gint64           missing);
gboolean      _sm_store_check_offered_at (SmStore        *self,
                                          gint64          service_id,
                                          gint64          location_id,
                                          GError        **error);
gboolean      _sm_store_check_changed   (SmStore         *self,
                                         const char      *what,
                                         gint64           id,
                                         GError         **error);
gboolean      _sm_store_run_change      (SmStore         *self,
                                         sqlite3_stmt    *stmt,
                                         const char      *what,
                                         gint64           id,
                                         GError         **error);
GPtrArray    *_sm_store_read_rows       (SmStore         *self,
                                         sqlite3_stmt    *stmt,
                                         gpointer       (*read) (sqlite3_stmt *stmt),
                                         GDestroyNotify   free_record,
                                         GError         **error);
gpointer      _sm_store_read_one        (SmStore         *self,
                                         sqlite3_stmt    *stmt,
                                         gpointer       (*read) (sqlite3_stmt *stmt),
                                         GDestroyNotify   free_record,
                                         const char      *what,
                                         gint64           id,
                                         GError         **error);
GPtrArray    *_sm_store_list_household_rows (SmStore        *self,
                                             const char     *sql,
                                             gint64          household_id,
                                             SmStoreReadRow  read,
                                             GDestroyNotify  free_record,
                                             GError        **error);

gboolean      _sm_store_pack_household_rtree (SmStore  *store,
                                              GError  **error);

extern const char _sm_schema_household_rtree_trigger[];

gboolean      _sm_store_need_is_known   (SmStore     *store,
                                         const char  *code,
                                         GError     **error);

/* The row of a signal, shared by the one signal received and the many
 * written with their history (sm-store-signals.c). */
#include "sm-store-signals.h"

gint64        _sm_store_insert_signal   (SmStore              *store,
                                         const SmSignalRecord *record,
                                         gint64                kind,
                                         SmSignalState         state,
                                         gboolean              with_answer,
                                         GError              **error);

G_END_DECLS
