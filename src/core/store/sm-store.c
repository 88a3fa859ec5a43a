#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-schema-private.h"
#include "sm-store-private.h"

struct _SmStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* SQL text → sqlite3_stmt, finalized on dispose */
  GPtrArray  *categories;     /* SmCategory, in sort order */
  guint       depth;          /* nesting of sm_store_begin() */
  guint64     generation;     /* bumped by every committed action */

  /* What the open action has changed, said at its commit */
  SmStoreChange pending;
  GArray       *pending_ids;  /* household ids (gint64); NULL: too many or unknown */
  gboolean      seen_other_cases;
  gint64        changes_at_begin;
  gint64        data_version; /* the last one seen: another program's commits */

  SmStoreWait   wait;         /* for another program's write */
};

enum {
  CHANGED,
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64 read_data_version (SmStore *self);
static void emit_committed (SmStore *self);
static void update_hook (void *data, int op, const char *database, const char *table,
                         sqlite3_int64 rowid);

/* Beyond this many households a change is said as "many". */
#define MAX_CHANGED_IDS 64

G_DEFINE_FINAL_TYPE (SmStore, sm_store, G_TYPE_OBJECT)

static void
sm_store_finalize (GObject *object)
{
  SmStore *self = SM_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->pending_ids, g_array_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);

  G_OBJECT_CLASS (sm_store_parent_class)->finalize (object);
}

static void
sm_store_class_init (SmStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_store_finalize;

  /**
   * SmStore::changed:
   * @what: the kinds of records that changed
   * @household_ids: (nullable) (element-type gint64): the households whose
   *   cases changed, or %NULL when they are many or not known
   *
   * Emitted after every committed action of this store, and when
   * sm_store_check_outside() finds another connection's commit. Every view
   * of the data listens to it.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                   SM_TYPE_STORE_CHANGE, G_TYPE_ARRAY);

  /**
   * SmStore::waiting:
   *
   * Emitted once, a second into a wait for another program that is writing
   * to the file, on the thread that waits.
   */
  signals[WAITING] = g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
sm_store_init (SmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_category_free);
}

void
sm_category_free (SmCategory *category)
{
  g_free (category->code);
  g_free (category->name_hu);
  g_free (category->name_en);
  g_free (category->color);
  g_free (category);
}

/* Turns SQLite's words into the user's: a named CHECK constraint carries the
 * field it guards, a RAISE() in a trigger carries "field: reason". */
void
_sm_store_set_error (SmStore  *self,
                     GError  **error)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *msg = sqlite3_errmsg (self->db);
  const char *field;

  if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_BUSY,
                   _("Another program kept writing to the database for %d seconds; "
                     "try again when it has finished"), sm_store_get_lock_wait ());
      return;
    }

  switch (code)
    {
    case SQLITE_CONSTRAINT_CHECK:
      field = strrchr (msg, ':');
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("The value of “%s” is not allowed"), field ? field + 2 : msg);
      break;
    case SQLITE_CONSTRAINT_NOTNULL:
      field = strrchr (msg, '.');
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("“%s” must be filled in"), field ? field + 1 : msg);
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error_literal (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                           _("The change refers to a record that does not exist"));
      break;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("The record already exists (%s)"), msg);
      break;
    case SQLITE_CONSTRAINT_TRIGGER:
      g_set_error_literal (error, SM_ERROR, SM_ERROR_CONSTRAINT, msg);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The file is not a usable Social Map database: %s"), msg);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_FULL:
    case SQLITE_IOERR:
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Cannot write the database file: %s"), msg);
      break;
    default:
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL,
                   _("Database error: %s"), msg);
      break;
    }
}

/* A large action keeps its pages in memory: spilled pages would be written
 * to the log again at every spill. The cache only grows as pages are used. */
void
sm_store_set_cache_size (SmStore *self,
                         int      mib)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %d", -1024 * mib);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

sqlite3 *
_sm_store_get_db (SmStore *self)
{
  return self->db;
}

sqlite3_stmt *
_sm_store_prepare (SmStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  /* Keyed by a copy of the text: callers may build it. */
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gint64
_sm_store_last_insert_id (SmStore *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

gboolean
_sm_store_step_done (SmStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  gint64 before = self->depth == 0 ? sqlite3_total_changes64 (self->db) : 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      /* A change outside an action commits by itself. */
      if (self->depth == 0 && sqlite3_total_changes64 (self->db) != before)
        {
          self->changes_at_begin = before;
          emit_committed (self);
        }
      return TRUE;
    }
  _sm_store_set_error (self, error);
  sqlite3_reset (stmt);
  return FALSE;
}

void
_sm_bind_text_or_null (sqlite3_stmt *stmt,
                       int           column,
                       const char   *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

static gboolean
load_categories (SmStore  *self,
                 GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = _sm_store_prepare (self, "SELECT id, code, name_hu, name_en, color FROM need_category"
                                  " ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return FALSE;

  g_ptr_array_set_size (self->categories, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      SmCategory *c = g_new0 (SmCategory, 1);

      c->id = sqlite3_column_int64 (stmt, 0);
      c->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->name_hu = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      c->name_en = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->color = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (self->categories, c);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_sm_store_exec (SmStore     *self,
             const char  *sql,
             GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _sm_store_set_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* sm_words_match (text, folded query): every word of the query begins a
 * word of the folded text (the search's rule, sm_text_words_match()). */
static void
words_match_sql (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char **words = sqlite3_get_auxdata (context, 1);
  char folded[512];

  /* The query's words, split once for the whole statement. */
  if (words == NULL)
    {
      const char *query = (const char *) sqlite3_value_text (argv[1]);

      words = g_strsplit (query ? query : "", " ", -1);
      sqlite3_set_auxdata (context, 1, words, (void (*) (void *)) g_strfreev);
      words = sqlite3_get_auxdata (context, 1);
      if (words == NULL)
        {
          sqlite3_result_error_nomem (context);
          return;
        }
    }
  if (text == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  sm_text_fold_into (text, folded, sizeof folded);
  sqlite3_result_int (context, sm_text_words_begin (folded, (const char * const *) words));
}

SmStore *
_sm_store_open_at_version (const char  *path,
                           int          version,
                           GError     **error)
{
  g_autoptr(SmStore) self = g_object_new (SM_TYPE_STORE, NULL);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  _sm_store_install_locking ();
  self->path = g_strdup (path);
  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Cannot open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_update_hook (self->db, update_hook, self);
  sqlite3_create_function (self->db, "sm_words_match", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                           words_match_sql, NULL, NULL);
  self->wait.store = self;
  sqlite3_busy_handler (self->db, _sm_store_wait_busy_cb, &self->wait);

  if (!_sm_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_sm_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_sm_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !_sm_store_exec (self, "PRAGMA cache_size = -16384", error) ||
      /* Statement journals of inserts that fire triggers: in memory, not a
       * temporary file written for every row. */
      !_sm_store_exec (self, "PRAGMA temp_store = MEMORY", error))
    {
      g_prefix_error (error, _("Cannot open the database “%s”: "), path);
      return NULL;
    }

  if (!_sm_schema_migrate (self->db, version, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (version >= 1 && !load_categories (self, error))
    return NULL;
  self->data_version = read_data_version (self);

  return g_steal_pointer (&self);
}

/**
 * sm_store_open:
 * @path: the database file; created when missing
 *
 * Opens the store and brings its schema up to date.
 */
SmStore *
sm_store_open (const char  *path,
               GError     **error)
{
  return _sm_store_open_at_version (path, _sm_schema_latest_version (), error);
}

/* Changes whenever the data may have changed: a commit through this store,
 * or one by another program (SQLite's data_version). Caches compare it. */
guint64
_sm_store_get_generation (SmStore *self)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "PRAGMA data_version", NULL);
  guint64 external = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    external = (guint64) sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return (self->generation << 32) ^ external;
}

const char *
sm_store_get_path (SmStore *self)
{
  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  return self->path;
}

int
sm_store_get_schema_version (SmStore *self)
{
  g_return_val_if_fail (SM_IS_STORE (self), -1);

  return _sm_schema_get_version (self->db);
}

/* Transaction control, prepared once: an import opens a savepoint per
 * household. */
static gboolean
run_control (SmStore     *self,
             const char  *sql,
             GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, sql, error);

  return stmt != NULL && _sm_store_step_done (self, stmt, error);
}

void
_sm_store_emit_waiting (SmStore *self)
{
  g_signal_emit (self, signals[WAITING], 0);
}

/**
 * sm_store_can_write_now:
 *
 * Whether an action could begin at once, without waiting for another
 * program that is writing: lets a caller wait without blocking.
 */
gboolean
sm_store_can_write_now (SmStore *self)
{
  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  return self->depth > 0 || _sm_store_wait_try_begin (&self->wait, self->db);
}

/**
 * sm_store_begin:
 *
 * Starts a user action: everything until the matching sm_store_commit() is
 * written together or not at all. Actions nest as savepoints, so a failed
 * inner step can be undone while the outer action goes on.
 */
gboolean
sm_store_begin (SmStore  *self,
                GError  **error)
{
  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!run_control (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT sm", error))
    return FALSE;
  if (self->depth == 0)
    {
      self->pending = 0;
      g_clear_pointer (&self->pending_ids, g_array_unref);
      self->pending_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      self->seen_other_cases = FALSE;
      self->changes_at_begin = sqlite3_total_changes64 (self->db);
    }
  self->depth++;
  return TRUE;
}

/* What a table's rows are, for #SmStore::changed; R*Tree tables and their
 * shadow tables share the name of what they index. */
static SmStoreChange
change_of_table (const char *table)
{
  static const struct { const char *prefix; SmStoreChange what; } kinds[] = {
    { "household", SM_STORE_CHANGE_CASES },
    { "person", SM_STORE_CHANGE_CASES },
    { "need_category", SM_STORE_CHANGE_ALL },
    { "need_service", SM_STORE_CHANGE_SERVICES },
    { "need", SM_STORE_CHANGE_CASES },
    { "elderly_assessment", SM_STORE_CHANGE_CASES },
    { "geocode_review", SM_STORE_CHANGE_REVIEW },
    { "organization", SM_STORE_CHANGE_SERVICES },
    { "service_type", SM_STORE_CHANGE_ALL },
    { "service", SM_STORE_CHANGE_SERVICES },
    { "location", SM_STORE_CHANGE_SERVICES },
    { "boundary", SM_STORE_CHANGE_BOUNDARIES },
    { "settlement_part", SM_STORE_CHANGE_BOUNDARIES },
    { "basemap", SM_STORE_CHANGE_BASEMAP },
    { "signal_member_kind", SM_STORE_CHANGE_CASEWORK },
    { "signal", SM_STORE_CHANGE_CASEWORK },
    { "deadline", SM_STORE_CHANGE_CASEWORK },
    { "case_", SM_STORE_CHANGE_CASEWORK },
    { "intervention", SM_STORE_CHANGE_CASEWORK },
    { "conference", SM_STORE_CHANGE_CASEWORK },
    { "referral", SM_STORE_CHANGE_CASEWORK },
    { "questionnaire", SM_STORE_CHANGE_SERVICES },
    { "question", SM_STORE_CHANGE_SERVICES },
    { "survey_", SM_STORE_CHANGE_SERVICES },
    { "workday_exception", SM_STORE_CHANGE_CASEWORK },
    { "meeting", SM_STORE_CHANGE_ROUNDTABLE },
    { "programme_", SM_STORE_CHANGE_ROUNDTABLE },
    { "indicator_target", SM_STORE_CHANGE_ROUNDTABLE },
    { "meta", 0 },
    { "import_layout", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_prefix (table, kinds[i].prefix))
      return kinds[i].what;
  return SM_STORE_CHANGE_ALL;
}

/* Every row written through this connection, triggers' included. */
static void
update_hook (void          *data,
             int            op,
             const char    *database,
             const char    *table,
             sqlite3_int64  rowid)
{
  SmStore *self = data;
  SmStoreChange what = change_of_table (table);

  self->pending |= what;
  if ((what & SM_STORE_CHANGE_CASES) == 0 || self->pending_ids == NULL)
    return;
  if (strcmp (table, "household") == 0 && self->pending_ids->len < MAX_CHANGED_IDS)
    {
      gint64 id = rowid;

      for (guint i = 0; i < self->pending_ids->len; i++)
        if (g_array_index (self->pending_ids, gint64, i) == id)
          return;
      g_array_append_val (self->pending_ids, id);
    }
  else if (strcmp (table, "household") == 0 || !g_str_has_prefix (table, "household"))
    self->seen_other_cases = TRUE;
}

static gint64
read_data_version (SmStore *self)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

static void
emit_committed (SmStore *self)
{
  SmStoreChange what = self->pending;
  g_autoptr(GArray) ids = g_steal_pointer (&self->pending_ids);

  /* A change written by SQL that noted nothing is said as "anything". */
  if (what == 0 && sqlite3_total_changes64 (self->db) != self->changes_at_begin)
    what = SM_STORE_CHANGE_ALL;
  self->pending = 0;
  if (what == 0)
    return;
  /* Needs or persons changed without their household: which ones is not
   * known here. */
  if ((what & SM_STORE_CHANGE_CASES) == 0 || (what & SM_STORE_CHANGE_ALL) == SM_STORE_CHANGE_ALL ||
      self->seen_other_cases || (ids != NULL && ids->len == 0))
    g_clear_pointer (&ids, g_array_unref);
  self->seen_other_cases = FALSE;
  g_signal_emit (self, signals[CHANGED], 0, what, ids);
}

/**
 * sm_store_check_outside:
 *
 * Looks whether another connection (another program, or a worker of this
 * one) has committed since the last look, and if so emits
 * #SmStore::changed for everything. Returns whether it had.
 */
gboolean
sm_store_check_outside (SmStore *self)
{
  gint64 version;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (self->depth > 0)
    return FALSE;
  version = read_data_version (self);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, signals[CHANGED], 0, SM_STORE_CHANGE_ALL, NULL);
  return TRUE;
}

gboolean
sm_store_commit (SmStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (SM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!run_control (self, self->depth == 1 ? "COMMIT" : "RELEASE sm", error))
    {
      sm_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  if (self->depth == 0)
    {
      self->generation++;
      emit_committed (self);
    }
  return TRUE;
}

void
sm_store_rollback (SmStore *self)
{
  g_return_if_fail (SM_IS_STORE (self));
  g_return_if_fail (self->depth > 0);

  if (self->depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->pending = 0;
      g_clear_pointer (&self->pending_ids, g_array_unref);
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO sm; RELEASE sm", NULL, NULL, NULL);
  self->depth--;
}

/* One statement is one action. Inside an open action it needs no savepoint
 * of its own: SQLite undoes a failed statement by itself. */
gboolean
_sm_store_run_action (SmStore      *self,
                      sqlite3_stmt *stmt,
                      GError      **error)
{
  if (self->depth > 0)
    return _sm_store_step_done (self, stmt, error);

  if (!sm_store_begin (self, error))
    return FALSE;
  if (!_sm_store_step_done (self, stmt, error))
    {
      sm_store_rollback (self);
      return FALSE;
    }
  return sm_store_commit (self, error);
}

GPtrArray *
sm_store_list_categories (SmStore *self)
{
  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  return g_ptr_array_ref (self->categories);
}

const SmCategory *
sm_store_get_category (SmStore *self,
                       gint64   id)
{
  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  for (guint i = 0; i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);
      if (c->id == id)
        return c;
    }
  return NULL;
}

/**
 * sm_store_lookup_category:
 * @code_or_name: a category's code, or its Hungarian or English name, in any
 *   letter case
 *
 * Returns: the category's id, or 0 with %SM_ERROR_NOT_FOUND
 */
gint64
sm_store_lookup_category (SmStore     *self,
                          const char  *code_or_name,
                          GError     **error)
{
  g_autofree char *folded = NULL;
  g_autoptr(GString) known = g_string_new (NULL);

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  for (guint i = 0; i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);
      if (g_strcmp0 (code_or_name, c->code) == 0)
        return c->id;
    }

  folded = g_utf8_casefold (code_or_name ? code_or_name : "", -1);
  for (guint i = 0; i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);
      g_autofree char *hu = g_utf8_casefold (c->name_hu, -1);
      g_autofree char *en = g_utf8_casefold (c->name_en, -1);

      if (g_str_equal (folded, c->code) || g_str_equal (folded, hu) || g_str_equal (folded, en))
        return c->id;
      g_string_append_printf (known, "%s%s", i ? ", " : "", c->code);
    }

  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
               _("Unknown need category “%s” (known: %s)"), code_or_name ? code_or_name : "",
               known->str);
  return 0;
}
