#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <stdlib.h>

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

  gint64        busy_since;   /* monotonic µs when the current wait began */
  gboolean      said_waiting;
};

/* How long an action waits for another program's write to end. */
#define DEFAULT_WAIT_SECONDS 60

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

static int
wait_seconds (void)
{
  const char *env = g_getenv ("SOCIAL_MAP_LOCK_WAIT");
  int seconds = env != NULL ? atoi (env) : 0;

  return seconds > 0 ? seconds : DEFAULT_WAIT_SECONDS;
}

/* Another connection holds the write lock: wait for it, say so once after
 * a second, give up after wait_seconds(). */
static int
busy_cb (void *data,
         int   count)
{
  SmStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    {
      self->busy_since = now;
      self->said_waiting = FALSE;
    }
  if (now - self->busy_since >= (gint64) wait_seconds () * G_USEC_PER_SEC)
    return 0;
  if (!self->said_waiting && now - self->busy_since >= G_USEC_PER_SEC)
    {
      self->said_waiting = TRUE;
      g_signal_emit (self, signals[WAITING], 0);
    }
  g_usleep (MIN (count + 1, 20) * 5000);
  return 1;
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
                     "try again when it has finished"), wait_seconds ());
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
  sqlite3_busy_handler (self->db, busy_cb, self);

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

gint64
sm_store_count (SmStore    *self,
                const char *table)
{
  static const char * const allowed[] = {
    "household", "person", "need", "elderly_assessment", "organization", "service",
    "location", "service_at_location", "boundary", "settlement_part", "need_category",
    "service_type", "household_rtree", "location_rtree", "boundary_rtree",
    "need_history", "basemap_feature", "basemap_rtree", "basemap_address", "geocode_review", "import_layout",
    NULL,
  };
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_return_val_if_fail (SM_IS_STORE (self), -1);
  g_return_val_if_fail (g_strv_contains (allowed, table), -1);

  /* The table name comes from the fixed list above, never from input. */
  sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gboolean
sm_store_get_meta (SmStore     *self,
                   const char  *key,
                   char       **value)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* The column mapping remembered for a file layout, or NULL. */
char *
sm_store_get_import_layout (SmStore    *self,
                            const char *signature)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "SELECT mapping FROM import_layout WHERE signature = ?",
                                          NULL);
  char *mapping = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    mapping = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return mapping;
}

gboolean
sm_store_set_import_layout (SmStore     *self,
                            const char  *signature,
                            const char  *mapping,
                            GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self,
    "INSERT INTO import_layout (signature, mapping) VALUES (?, ?)"
    " ON CONFLICT (signature) DO UPDATE SET mapping = excluded.mapping, updated_at = unixepoch()",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, signature, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, mapping, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (self, stmt, error);
}

gboolean
sm_store_set_meta (SmStore     *self,
                   const char  *key,
                   const char  *value,
                   GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value)"
                                                " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (self, stmt, error);
}

/* Validation: reject bad values with the field's name and the value before
 * the database sees them; the schema's constraints stay as the last guard. */

static gboolean
check_date (const char  *field,
            const char  *value,
            gboolean     optional,
            GError     **error)
{
  GDate d;
  g_autoptr(GError) local = NULL;

  if (value == NULL || *value == '\0')
    {
      if (optional)
        return TRUE;
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), field);
      return FALSE;
    }
  if (!sm_date_parse_iso (value, &d, &local))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, "%s: %s", field, local->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_location (gboolean  has_location,
                double    lat,
                double    lon,
                GError  **error)
{
  if (!has_location)
    return TRUE;
  if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The location %.6f, %.6f is not a valid latitude and longitude"), lat, lon);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_one_of (const char         *field,
              const char         *value,
              const char * const *allowed,
              GError            **error)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not allowed for “%s” (allowed: %s)"), value, field, list);
  return FALSE;
}

static gint64
insert_returning_id (SmStore      *self,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  if (!_sm_store_run_action (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
check_household (const SmHousehold *h,
                 GError           **error)
{
  if (h->address_raw == NULL || strspn (h->address_raw, " \t\r\n") == strlen (h->address_raw))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "address");
      return FALSE;
    }
  return check_location (h->has_location, h->lat, h->lon, error);
}

#define HOUSEHOLD_COLUMNS "(address_raw, address_norm, postal_code, settlement, settlement_part," \
                          " lat, lon, geocode_quality, synthetic)"
#define HOUSEHOLD_VALUES "(?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* The nine values of HOUSEHOLD_COLUMNS from parameter @first. */
static void
bind_household (sqlite3_stmt      *stmt,
                int                first,
                const SmHousehold *h)
{
  sqlite3_bind_text (stmt, first, h->address_raw, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, first + 1, h->address_norm);
  _sm_bind_text_or_null (stmt, first + 2, h->postal_code);
  _sm_bind_text_or_null (stmt, first + 3, h->settlement);
  _sm_bind_text_or_null (stmt, first + 4, h->settlement_part);
  if (h->has_location)
    {
      sqlite3_bind_double (stmt, first + 5, h->lat);
      sqlite3_bind_double (stmt, first + 6, h->lon);
    }
  else
    {
      sqlite3_bind_null (stmt, first + 5);
      sqlite3_bind_null (stmt, first + 6);
    }
  sqlite3_bind_text (stmt, first + 7,
                     sm_geocode_quality_to_string (h->has_location ? h->quality : SM_GEOCODE_NONE),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 8, h->synthetic ? 1 : 0);
}

gint64
sm_store_add_household (SmStore           *self,
                        const SmHousehold *h,
                        GError           **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);
  g_return_val_if_fail (h != NULL, 0);

  if (!check_household (h, error))
    return 0;
  stmt = _sm_store_prepare (self, "INSERT INTO household " HOUSEHOLD_COLUMNS " VALUES " HOUSEHOLD_VALUES,
                            error);
  if (stmt == NULL)
    return 0;
  bind_household (stmt, 1, h);
  return insert_returning_id (self, stmt, error);
}

/* --- many rows at once ------------------------------------------------ */

/* Rows per statement of the batched inserts: one statement runs far fewer
 * times than one a row, which is most of the cost of a row. */
#define BATCH_ROWS 64

/* From how many new households on the spatial index is packed anew. */
#define PACK_MIN_ROWS 2000

typedef void (*BindRow) (sqlite3_stmt *stmt,
                         int           first,
                         gpointer      record,
                         gpointer      data);

/* Inserts one row per record, BATCH_ROWS to a statement, with explicit
 * ids from one past the table's largest: record i gets @first_id + i. */
static gboolean
insert_batched (SmStore     *self,
                const char  *table,
                const char  *columns,
                const char  *values,
                int          n_values,
                gpointer    *records,
                guint        n,
                BindRow      bind,
                gpointer     data,
                gint64      *first_id,
                GError     **error)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT ifnull(max(id), 0) + 1 FROM %s", table);
  sqlite3_stmt *stmt = _sm_store_prepare (self, max_sql, error);
  gint64 base;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sm_store_set_error (self, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  base = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint done = 0; done < n;)
    {
      guint m = MIN (BATCH_ROWS, n - done);
      g_autoptr(GString) sql = g_string_new (NULL);

      /* "(id, a, b)" from "(a, b)", and "(?, ?, ?)" from "(?, ?)" */
      g_string_printf (sql, "INSERT INTO %s (id, %s VALUES ", table, columns + 1);
      for (guint k = 0; k < m; k++)
        g_string_append_printf (sql, "%s(?, %s", k ? ", " : "", values + 1);
      stmt = _sm_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < m; k++)
        {
          int first = 1 + (int) k * (n_values + 1);

          sqlite3_bind_int64 (stmt, first, base + done + k);
          bind (stmt, first + 1, records[done + k], data);
        }
      if (!_sm_store_run_action (self, stmt, error))
        return FALSE;
      done += m;
    }
  *first_id = base;
  return TRUE;
}

static void
bind_household_row (sqlite3_stmt *stmt,
                    int           first,
                    gpointer      record,
                    gpointer      data)
{
  bind_household (stmt, first, record);
}

/**
 * sm_store_add_households:
 * @households: (array length=n): each gets its id
 *
 * Adds many households with the checks of sm_store_add_household(), in
 * statements of many rows, all or none. When they are many against those
 * already there, the spatial index is packed once afterwards instead of
 * growing a row at a time.
 */
gboolean
sm_store_add_households (SmStore      *self,
                         SmHousehold **households,
                         guint         n,
                         GError      **error)
{
  gint64 first_id;

  gint64 before = 0;
  gboolean pack;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    if (!check_household (households[i], error))
      return FALSE;
  /* Many new rows against those there: pack the spatial index once
   * instead of growing it row by row. */
  if (n >= PACK_MIN_ROWS)
    {
      stmt = _sm_store_prepare (self, "SELECT count(*) FROM household", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        before = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  pack = n >= PACK_MIN_ROWS && n * 4 >= before;

  if (!sm_store_begin (self, error))
    return FALSE;
  if ((pack && !_sm_store_exec (self, "DROP TRIGGER household_rtree_insert", error)) ||
      !insert_batched (self, "household", HOUSEHOLD_COLUMNS, HOUSEHOLD_VALUES, 9,
                       (gpointer *) households, n, bind_household_row, NULL, &first_id, error) ||
      (pack && !_sm_store_pack_household_rtree (self, error)) ||
      (pack && !_sm_store_exec (self, _sm_schema_household_rtree_trigger, error)))
    {
      sm_store_rollback (self);
      return FALSE;
    }
  if (!sm_store_commit (self, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    households[i]->id = first_id + i;
  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
sm_store_get_household (SmStore     *self,
                        gint64       id,
                        SmHousehold *out,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self,
    "SELECT address_raw, address_norm, postal_code, settlement, settlement_part, lat, lon,"
    " geocode_quality, synthetic, created_at, updated_at FROM household WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There is no household with id %lld"), (long long) id);
      return FALSE;
    }
  memset (out, 0, sizeof *out);
  out->id = id;
  out->address_raw = column_dup (stmt, 0);
  out->address_norm = column_dup (stmt, 1);
  out->postal_code = column_dup (stmt, 2);
  out->settlement = column_dup (stmt, 3);
  out->settlement_part = column_dup (stmt, 4);
  out->has_location = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
  out->lat = sqlite3_column_double (stmt, 5);
  out->lon = sqlite3_column_double (stmt, 6);
  sm_geocode_quality_from_string ((const char *) sqlite3_column_text (stmt, 7), &out->quality);
  out->synthetic = sqlite3_column_int (stmt, 8);
  out->created_at = sqlite3_column_int64 (stmt, 9);
  out->updated_at = sqlite3_column_int64 (stmt, 10);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_changed (SmStore     *self,
               const char  *what,
               gint64       id,
               GError     **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
               _("There is no %s with id %lld"), what, (long long) id);
  return FALSE;
}

/* Runs @stmt as one action; touching no row means the record is missing. */
static gboolean
run_change (SmStore      *self,
            sqlite3_stmt *stmt,
            const char   *what,
            gint64        id,
            GError      **error)
{
  return _sm_store_run_action (self, stmt, error) && check_changed (self, what, id, error);
}

gboolean
sm_store_set_household_location (SmStore          *self,
                                 gint64            id,
                                 double            lat,
                                 double            lon,
                                 SmGeocodeQuality  quality,
                                 GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_location (TRUE, lat, lon, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE household SET lat = ?, lon = ?, geocode_quality = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_double (stmt, 1, lat);
  sqlite3_bind_double (stmt, 2, lon);
  sqlite3_bind_text (stmt, 3, sm_geocode_quality_to_string (quality), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, id);
  return run_change (self, stmt, "household", id, error);
}

gboolean
sm_store_delete_household (SmStore  *self,
                           gint64    id,
                           GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM household WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_change (self, stmt, "household", id, error);
}

static const char * const sexes[] = { "female", "male", "other", NULL };
static const char * const roles[] = {
  "head", "partner", "child", "parent", "grandchild", "relative", "other", NULL
};

static gboolean
check_person (const SmPerson  *p,
              GError         **error)
{
  if (p->family_name == NULL || strspn (p->family_name, " \t") == strlen (p->family_name))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "family_name");
      return FALSE;
    }
  if (p->birth_year != 0 && (p->birth_year < 1890 || p->birth_year > 2100))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Birth year %d is not plausible"), p->birth_year);
      return FALSE;
    }
  return check_one_of ("sex", p->sex, sexes, error) &&
         check_one_of ("role", p->role, roles, error);
}

#define PERSON_COLUMNS "(household_id, family_name, given_name, birth_year, sex, role, synthetic)"
#define PERSON_VALUES "(?, ?, ?, ?, ?, coalesce(?, 'other'), ?)"

static void
bind_person (sqlite3_stmt   *stmt,
             int             first,
             const SmPerson *p)
{
  sqlite3_bind_int64 (stmt, first, p->household_id);
  sqlite3_bind_text (stmt, first + 1, p->family_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, first + 2, p->given_name ? p->given_name : "", -1, SQLITE_TRANSIENT);
  if (p->birth_year != 0)
    sqlite3_bind_int (stmt, first + 3, p->birth_year);
  else
    sqlite3_bind_null (stmt, first + 3);
  _sm_bind_text_or_null (stmt, first + 4, p->sex);
  _sm_bind_text_or_null (stmt, first + 5, p->role);
  sqlite3_bind_int (stmt, first + 6, p->synthetic ? 1 : 0);
}

gint64
sm_store_add_person (SmStore        *self,
                     const SmPerson *p,
                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_person (p, error))
    return 0;

  stmt = _sm_store_prepare (self, "INSERT INTO person " PERSON_COLUMNS " VALUES " PERSON_VALUES, error);
  if (stmt == NULL)
    return 0;
  bind_person (stmt, 1, p);
  return insert_returning_id (self, stmt, error);
}

static void
bind_person_row (sqlite3_stmt *stmt,
                 int           first,
                 gpointer      record,
                 gpointer      data)
{
  bind_person (stmt, first, record);
}

/**
 * sm_store_add_persons:
 * @persons: (array length=n): each gets its id
 *
 * Adds many persons as sm_store_add_households() adds households.
 */
gboolean
sm_store_add_persons (SmStore   *self,
                      SmPerson **persons,
                      guint      n,
                      GError   **error)
{
  gint64 first_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    if (!check_person (persons[i], error))
      return FALSE;
  if (!insert_batched (self, "person", PERSON_COLUMNS, PERSON_VALUES, 7, (gpointer *) persons, n,
                       bind_person_row, NULL, &first_id, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    persons[i]->id = first_id + i;
  return TRUE;
}

static gboolean
check_need (SmStore      *self,
            const SmNeed *n,
            gint64       *category_id,
            GError      **error)
{
  if (n->severity < 1 || n->severity > 3)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Severity %d is not allowed; use 1, 2 or 3"), n->severity);
      return FALSE;
    }
  if (!check_date ("assessed_on", n->assessed_on, FALSE, error) ||
      !check_date ("resolved_on", n->resolved_on, TRUE, error))
    return FALSE;
  if (n->resolved_on != NULL && *n->resolved_on != '\0' &&
      strcmp (n->resolved_on, n->assessed_on) < 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A need cannot be resolved (%s) before it was assessed (%s)"),
                   n->resolved_on, n->assessed_on);
      return FALSE;
    }
  *category_id = sm_store_lookup_category (self, n->category, error);
  return *category_id != 0;
}

static void
bind_need_at (sqlite3_stmt *stmt,
              int           first,
              const SmNeed *n,
              gint64        category_id)
{
  sqlite3_bind_int64 (stmt, first, n->household_id);
  if (n->person_id != 0)
    sqlite3_bind_int64 (stmt, first + 1, n->person_id);
  else
    sqlite3_bind_null (stmt, first + 1);
  sqlite3_bind_int64 (stmt, first + 2, category_id);
  sqlite3_bind_int (stmt, first + 3, n->severity);
  sqlite3_bind_text (stmt, first + 4, n->assessed_on, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, first + 5, n->resolved_on);
  _sm_bind_text_or_null (stmt, first + 6, n->note);
}

static void
bind_need (sqlite3_stmt *stmt,
           const SmNeed *n,
           gint64        category_id)
{
  bind_need_at (stmt, 1, n, category_id);
}

#define NEED_COLUMNS "(household_id, person_id, category_id, severity, assessed_on, resolved_on," \
                     " note, synthetic)"
#define NEED_VALUES "(?, ?, ?, ?, ?, ?, ?, ?)"

static void
bind_need_row (sqlite3_stmt *stmt,
               int           first,
               gpointer      record,
               gpointer      data)
{
  SmNeed *n = record;
  GHashTable *categories = data;

  bind_need_at (stmt, first, n, GPOINTER_TO_SIZE (g_hash_table_lookup (categories, n)));
  sqlite3_bind_int (stmt, first + 7, n->synthetic ? 1 : 0);
}

/**
 * sm_store_add_needs:
 * @needs: (array length=n): each gets its id
 *
 * Adds many needs as sm_store_add_households() adds households.
 */
gboolean
sm_store_add_needs (SmStore  *self,
                    SmNeed  **needs,
                    guint     n,
                    GError  **error)
{
  g_autoptr(GHashTable) categories = g_hash_table_new (g_direct_hash, g_direct_equal);
  gint64 first_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      gint64 category_id;

      if (!check_need (self, needs[i], &category_id, error))
        return FALSE;
      g_hash_table_insert (categories, needs[i], GSIZE_TO_POINTER ((gsize) category_id));
    }
  if (!insert_batched (self, "need", NEED_COLUMNS, NEED_VALUES, 8, (gpointer *) needs, n,
                       bind_need_row, categories, &first_id, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    needs[i]->id = first_id + i;
  return TRUE;
}

gint64
sm_store_add_need (SmStore      *self,
                   const SmNeed *n,
                   GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_need (self, n, &category_id, error))
    return 0;
  stmt = _sm_store_prepare (self, "INSERT INTO need " NEED_COLUMNS " VALUES " NEED_VALUES, error);
  if (stmt == NULL)
    return 0;
  bind_need (stmt, n, category_id);
  sqlite3_bind_int (stmt, 8, n->synthetic ? 1 : 0);
  return insert_returning_id (self, stmt, error);
}

gboolean
sm_store_update_need (SmStore      *self,
                      const SmNeed *n,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 category_id;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_need (self, n, &category_id, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE need SET household_id = ?, person_id = ?, category_id = ?, severity = ?,"
    " assessed_on = ?, resolved_on = ?, note = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_need (stmt, n, category_id);
  sqlite3_bind_int64 (stmt, 8, n->id);
  return run_change (self, stmt, "need", n->id, error);
}

gboolean
sm_store_resolve_need (SmStore     *self,
                       gint64       id,
                       const char  *resolved_on,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_date ("resolved_on", resolved_on, FALSE, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE need SET resolved_on = ?, updated_at = unixepoch()"
    " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resolved_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return run_change (self, stmt, "need", id, error);
}

gboolean
sm_store_delete_need (SmStore  *self,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM need WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_change (self, stmt, "need", id, error);
}

static const char * const mobilities[] = {
  "independent", "limited", "assisted", "bedridden", NULL
};

static gboolean
check_assessment (const SmElderlyAssessment  *a,
                  GError                    **error)
{
  return check_date ("assessed_on", a->assessed_on, FALSE, error) &&
         check_date ("last_visit_on", a->last_visit_on, TRUE, error) &&
         check_one_of ("mobility", a->mobility ? a->mobility : "", mobilities, error);
}

gint64
sm_store_add_elderly_assessment (SmStore                   *self,
                                 const SmElderlyAssessment *a,
                                 GError                   **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_assessment (a, error))
    return 0;

  stmt = _sm_store_prepare (self,
    "INSERT INTO elderly_assessment (person_id, assessed_on, mobility, lives_alone,"
    " chronic_illness, cognitive_decline, alarm_device, receives_meals, last_visit_on, note,"
    " synthetic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, a->person_id);
  sqlite3_bind_text (stmt, 2, a->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->mobility, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, !!a->lives_alone);
  sqlite3_bind_int (stmt, 5, !!a->chronic_illness);
  sqlite3_bind_int (stmt, 6, !!a->cognitive_decline);
  sqlite3_bind_int (stmt, 7, !!a->alarm_device);
  sqlite3_bind_int (stmt, 8, !!a->receives_meals);
  _sm_bind_text_or_null (stmt, 9, a->last_visit_on);
  _sm_bind_text_or_null (stmt, 10, a->note);
  sqlite3_bind_int (stmt, 11, a->synthetic ? 1 : 0);
  return insert_returning_id (self, stmt, error);
}

static const char * const organization_kinds[] = {
  "municipal", "state", "church", "foundation", "ngo", NULL
};

gint64
sm_store_add_organization (SmStore              *self,
                           const SmOrganization *o,
                           GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (o->name == NULL || *o->name == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "name");
      return 0;
    }
  if (!check_one_of ("kind", o->kind ? o->kind : "", organization_kinds, error))
    return 0;

  stmt = _sm_store_prepare (self,
    "INSERT INTO organization (name, kind, email, phone, url, description)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, o->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, o->kind, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 3, o->email);
  _sm_bind_text_or_null (stmt, 4, o->phone);
  _sm_bind_text_or_null (stmt, 5, o->url);
  _sm_bind_text_or_null (stmt, 6, o->description);
  return insert_returning_id (self, stmt, error);
}

gint64
sm_store_add_service (SmStore         *self,
                      const SmService *s,
                      GError         **error)
{
  static const char * const statuses[] = { "active", "inactive", "planned", NULL };
  sqlite3_stmt *stmt;
  sqlite3_stmt *type;
  gint64 type_id = 0;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_one_of ("status", s->status, statuses, error))
    return 0;
  if (s->age_min >= 0 && s->age_max >= 0 && s->age_max < s->age_min)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The age range %d–%d is empty"), s->age_min, s->age_max);
      return 0;
    }

  type = _sm_store_prepare (self, "SELECT id FROM service_type WHERE code = ?", error);
  if (type == NULL)
    return 0;
  sqlite3_bind_text (type, 1, s->service_type ? s->service_type : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_step (type) == SQLITE_ROW)
    type_id = sqlite3_column_int64 (type, 0);
  sqlite3_reset (type);
  if (type_id == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("Unknown service type “%s”"), s->service_type ? s->service_type : "");
      return 0;
    }

  stmt = _sm_store_prepare (self,
    "INSERT INTO service (organization_id, service_type_id, name, description, capacity,"
    " eligibility, age_min, age_max, status, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
    " coalesce(?, 'active'), ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, s->organization_id);
  sqlite3_bind_int64 (stmt, 2, type_id);
  _sm_bind_text_or_null (stmt, 3, s->name);
  _sm_bind_text_or_null (stmt, 4, s->description);
  if (s->capacity >= 0)
    sqlite3_bind_int (stmt, 5, s->capacity);
  _sm_bind_text_or_null (stmt, 6, s->eligibility);
  if (s->age_min >= 0)
    sqlite3_bind_int (stmt, 7, s->age_min);
  if (s->age_max >= 0)
    sqlite3_bind_int (stmt, 8, s->age_max);
  _sm_bind_text_or_null (stmt, 9, s->status);
  _sm_bind_text_or_null (stmt, 10, s->url);
  return insert_returning_id (self, stmt, error);
}

gint64
sm_store_add_location (SmStore          *self,
                       const SmLocation *l,
                       GError          **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), 0);

  if (!check_location (l->has_location, l->lat, l->lon, error))
    return 0;
  stmt = _sm_store_prepare (self,
    "INSERT INTO location (organization_id, name, address_raw, postal_code, settlement, lat, lon,"
    " geocode_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  if (l->organization_id != 0)
    sqlite3_bind_int64 (stmt, 1, l->organization_id);
  _sm_bind_text_or_null (stmt, 2, l->name);
  _sm_bind_text_or_null (stmt, 3, l->address_raw);
  _sm_bind_text_or_null (stmt, 4, l->postal_code);
  _sm_bind_text_or_null (stmt, 5, l->settlement);
  if (l->has_location)
    {
      sqlite3_bind_double (stmt, 6, l->lat);
      sqlite3_bind_double (stmt, 7, l->lon);
    }
  sqlite3_bind_text (stmt, 8,
                     sm_geocode_quality_to_string (l->has_location ? l->quality : SM_GEOCODE_NONE),
                     -1, SQLITE_STATIC);
  return insert_returning_id (self, stmt, error);
}

gboolean
sm_store_link_service_location (SmStore  *self,
                                gint64    service_id,
                                gint64    location_id,
                                GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "INSERT INTO service_at_location (service_id, location_id)"
                                  " VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, service_id);
  sqlite3_bind_int64 (stmt, 2, location_id);
  return _sm_store_run_action (self, stmt, error);
}

/* --- the Case page's reads and edits ------------------------------------ */

/**
 * sm_store_update_household:
 *
 * Changes a household's address fields; its place changes with
 * sm_store_set_household_location().
 */
gboolean
sm_store_update_household (SmStore            *self,
                           const SmHousehold  *h,
                           GError            **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (h->address_raw == NULL || strspn (h->address_raw, " \t\r\n") == strlen (h->address_raw))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” must be filled in"), "address");
      return FALSE;
    }
  stmt = _sm_store_prepare (self,
    "UPDATE household SET address_raw = ?, postal_code = ?, settlement = ?, settlement_part = ?,"
    " updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, h->address_raw, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 2, h->postal_code);
  _sm_bind_text_or_null (stmt, 3, h->settlement);
  _sm_bind_text_or_null (stmt, 4, h->settlement_part);
  sqlite3_bind_int64 (stmt, 5, h->id);
  return run_change (self, stmt, "household", h->id, error);
}

gboolean
sm_store_update_person (SmStore         *self,
                        const SmPerson  *p,
                        GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_person (p, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE person SET family_name = ?, given_name = ?, birth_year = ?, sex = ?,"
    " role = coalesce(?, 'other'), updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->family_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->given_name ? p->given_name : "", -1, SQLITE_TRANSIENT);
  if (p->birth_year != 0)
    sqlite3_bind_int (stmt, 3, p->birth_year);
  else
    sqlite3_bind_null (stmt, 3);
  _sm_bind_text_or_null (stmt, 4, p->sex);
  _sm_bind_text_or_null (stmt, 5, p->role);
  sqlite3_bind_int64 (stmt, 6, p->id);
  return run_change (self, stmt, "person", p->id, error);
}

gboolean
sm_store_delete_person (SmStore  *self,
                        gint64    id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM person WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_change (self, stmt, "person", id, error);
}

typedef gpointer (*ReadRow) (sqlite3_stmt *stmt,
                             gint64        household_id);

/* Every row @sql (one parameter: the household) returns, each made into a
 * record by @read. */
static GPtrArray *
list_household_rows (SmStore        *self,
                     const char     *sql,
                     gint64          household_id,
                     ReadRow         read,
                     GDestroyNotify  free_record,
                     GError        **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (free_record);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  stmt = _sm_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read (stmt, household_id));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gpointer
read_person (sqlite3_stmt *stmt,
             gint64        household_id)
{
  SmPerson *p = g_new0 (SmPerson, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->household_id = household_id;
  p->family_name = column_dup (stmt, 1);
  p->given_name = column_dup (stmt, 2);
  p->birth_year = sqlite3_column_int (stmt, 3);
  p->sex = column_dup (stmt, 4);
  p->role = column_dup (stmt, 5);
  p->synthetic = sqlite3_column_int (stmt, 6);
  return p;
}

/**
 * sm_store_list_persons:
 *
 * Returns: (transfer full) (element-type SmPerson): the household's people,
 *   oldest first
 */
GPtrArray *
sm_store_list_persons (SmStore  *self,
                       gint64    household_id,
                       GError  **error)
{
  return list_household_rows (self,
    "SELECT id, family_name, given_name, coalesce(birth_year, 0), sex, role, synthetic"
    " FROM person WHERE household_id = ? ORDER BY coalesce(birth_year, 9999), id",
    household_id, read_person, (GDestroyNotify) sm_person_free, error);
}

static gpointer
read_need (sqlite3_stmt *stmt,
           gint64        household_id)
{
  SmNeed *n = g_new0 (SmNeed, 1);

  n->id = sqlite3_column_int64 (stmt, 0);
  n->household_id = household_id;
  n->person_id = sqlite3_column_int64 (stmt, 1);
  n->category = column_dup (stmt, 2);
  n->severity = sqlite3_column_int (stmt, 3);
  n->assessed_on = column_dup (stmt, 4);
  n->resolved_on = column_dup (stmt, 5);
  n->note = column_dup (stmt, 6);
  n->synthetic = sqlite3_column_int (stmt, 7);
  return n;
}

/**
 * sm_store_list_needs:
 *
 * Returns: (transfer full) (element-type SmNeed): the household's needs and
 *   its people's, open ones first, newest first
 */
GPtrArray *
sm_store_list_needs (SmStore  *self,
                     gint64    household_id,
                     GError  **error)
{
  return list_household_rows (self,
    "SELECT n.id, coalesce(n.person_id, 0), c.code, n.severity, n.assessed_on, n.resolved_on,"
    " n.note, n.synthetic FROM need n JOIN need_category c ON c.id = n.category_id"
    " WHERE n.household_id = ?"
    " ORDER BY n.resolved_on IS NOT NULL, n.assessed_on DESC, n.id",
    household_id, read_need, (GDestroyNotify) sm_need_free, error);
}

static gpointer
read_assessment (sqlite3_stmt *stmt,
                 gint64        household_id)
{
  SmElderlyAssessment *a = g_new0 (SmElderlyAssessment, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->person_id = sqlite3_column_int64 (stmt, 1);
  a->assessed_on = column_dup (stmt, 2);
  a->mobility = column_dup (stmt, 3);
  a->lives_alone = sqlite3_column_int (stmt, 4);
  a->chronic_illness = sqlite3_column_int (stmt, 5);
  a->cognitive_decline = sqlite3_column_int (stmt, 6);
  a->alarm_device = sqlite3_column_int (stmt, 7);
  a->receives_meals = sqlite3_column_int (stmt, 8);
  a->last_visit_on = column_dup (stmt, 9);
  a->note = column_dup (stmt, 10);
  a->synthetic = sqlite3_column_int (stmt, 11);
  return a;
}

/**
 * sm_store_list_assessments:
 *
 * Returns: (transfer full) (element-type SmElderlyAssessment): the elderly
 *   assessments of the household's people, newest first
 */
GPtrArray *
sm_store_list_assessments (SmStore  *self,
                           gint64    household_id,
                           GError  **error)
{
  return list_household_rows (self,
    "SELECT e.id, e.person_id, e.assessed_on, e.mobility, e.lives_alone, e.chronic_illness,"
    " e.cognitive_decline, e.alarm_device, e.receives_meals, e.last_visit_on, e.note, e.synthetic"
    " FROM elderly_assessment e JOIN person p ON p.id = e.person_id"
    " WHERE p.household_id = ? ORDER BY e.assessed_on DESC, e.id DESC",
    household_id, read_assessment, (GDestroyNotify) sm_elderly_assessment_free, error);
}

/**
 * sm_store_search_households:
 * @text: part of an address, a family name or a household number
 *
 * Returns: (transfer full) (element-type SmHousehold): at most @limit placed
 *   households
 */
GPtrArray *
sm_store_search_households (SmStore     *self,
                            const char  *text,
                            guint        limit,
                            GError     **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_household_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SM_IS_STORE (self), NULL);

  pattern = g_strdup_printf ("%%%s%%", text);
  stmt = _sm_store_prepare (self,
    "SELECT h.id FROM household h WHERE h.lat IS NOT NULL AND (h.address_raw LIKE ?1"
    " OR h.id = CAST(?2 AS INTEGER)"
    " OR EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id"
    "            AND (p.family_name || ' ' || p.given_name) LIKE ?1))"
    " ORDER BY h.address_raw LIMIT ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, (int) limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      SmHousehold *h = g_new0 (SmHousehold, 1);

      g_ptr_array_add (found, h);
      if (!sm_store_get_household (self, g_array_index (ids, gint64, i), h, error))
        return NULL;
    }
  return g_steal_pointer (&found);
}

gboolean
sm_store_update_elderly_assessment (SmStore                    *self,
                                    const SmElderlyAssessment  *a,
                                    GError                    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  if (!check_assessment (a, error))
    return FALSE;
  stmt = _sm_store_prepare (self,
    "UPDATE elderly_assessment SET person_id = ?, assessed_on = ?, mobility = ?, lives_alone = ?,"
    " chronic_illness = ?, cognitive_decline = ?, alarm_device = ?, receives_meals = ?,"
    " last_visit_on = ?, note = ?, updated_at = unixepoch() WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->person_id);
  sqlite3_bind_text (stmt, 2, a->assessed_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, a->mobility, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, !!a->lives_alone);
  sqlite3_bind_int (stmt, 5, !!a->chronic_illness);
  sqlite3_bind_int (stmt, 6, !!a->cognitive_decline);
  sqlite3_bind_int (stmt, 7, !!a->alarm_device);
  sqlite3_bind_int (stmt, 8, !!a->receives_meals);
  _sm_bind_text_or_null (stmt, 9, a->last_visit_on);
  _sm_bind_text_or_null (stmt, 10, a->note);
  sqlite3_bind_int64 (stmt, 11, a->id);
  return run_change (self, stmt, "elderly assessment", a->id, error);
}

gboolean
sm_store_delete_elderly_assessment (SmStore  *self,
                                    gint64    id,
                                    GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SM_IS_STORE (self), FALSE);

  stmt = _sm_store_prepare (self, "DELETE FROM elderly_assessment WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run_change (self, stmt, "elderly assessment", id, error);
}
