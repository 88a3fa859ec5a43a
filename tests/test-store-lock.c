/* The database stays whole while other code in the process opens and
 * closes its files, and other programs write to it meanwhile. */

#include "config.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sm-store.h"
#include "sm-test-util.h"

static const char *cli;
static char *tmpdir;

static int
run_cli (const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s %s failed: %s", cli, first, err);
  return WEXITSTATUS (status);
}

static gint64
save_household (SmStore    *store,
                const char *address)
{
  g_autoptr(GError) error = NULL;
  SmHousehold h = { 0 };
  SmNeed n = { 0 };
  gint64 id;

  h.address_raw = (char *) address;
  h.settlement = (char *) "Tata";
  h.has_location = TRUE;
  h.lat = 47.65;
  h.lon = 18.32;
  h.quality = SM_GEOCODE_MANUAL;
  g_assert_true (sm_store_begin (store, &error));
  id = sm_store_add_household (store, &h, &error);
  g_assert_no_error (error);
  n.household_id = id;
  n.category = (char *) "lakhatas";
  n.severity = 2;
  n.assessed_on = (char *) "2025-01-10";
  sm_store_add_need (store, &n, &error);
  g_assert_no_error (error);
  g_assert_true (sm_store_commit (store, &error));
  return id;
}

/* What GTK's file chooser, a thumbnailer or GIO's content sniffing do with
 * a folder's files: open them, read a little, close them. */
static void
look_at_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint looked = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      char head[64];
      int fd;

      g_assert_nonnull (info);
      /* And a plain open and close, whatever GIO does inside. */
      fd = open (path, O_RDONLY);
      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (read (fd, head, sizeof head), >=, 0);
      close (fd);
      looked++;
    }
  g_assert_cmpuint (looked, >=, 2);   /* the database and its -wal and -shm */
}

static void
test_foreign_close_keeps_locks (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "t.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "more.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  g_autoptr(SmStore) again = NULL;
  gint64 first, second, third;

  g_assert_no_error (error);
  first = save_household (store, "Tata, Első utca 1.");

  look_at_folder (tmpdir);

  /* A reader that believes it is the last one would check the WAL into the
   * database and delete it while we still write to it. */
  run_cli ("stats", db, NULL);
  second = save_household (store, "Tata, Második utca 2.");

  g_assert_true (g_file_set_contents (csv,
    "Lakcím,lat,lon,Szükséglet,Súlyosság,Felmérés\n"
    "\"Tata, Harmadik utca 3\",47.65,18.32,Lakhatás,2,2024.03.01.\n"
    "\"Tata, Negyedik utca 4\",47.66,18.33,Lakhatás,1,2024.03.02.\n", -1, NULL));
  run_cli ("import", db, csv, NULL);
  look_at_folder (tmpdir);
  third = save_household (store, "Tata, Ötödik utca 5.");
  run_cli ("stats", db, NULL);

  /* Every save reached the file: another program sees them all. */
  g_clear_object (&store);
  again = sm_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_test_scalar (again, "SELECT count(*) FROM pragma_integrity_check"
                                          " WHERE integrity_check <> 'ok'"), ==, 0);
  g_assert_cmpint (sm_test_scalar (again, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (sm_store_count (again, "household"), ==, 5);
  g_assert_cmpint (sm_store_count (again, "need"), ==, 5);
  {
    g_auto(SmHousehold) h = { 0 };
    g_assert_true (sm_store_get_household (again, first, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (h.address_raw, ==, "Tata, Első utca 1.");
  }
  {
    g_auto(SmHousehold) h = { 0 };
    g_assert_true (sm_store_get_household (again, third, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (h.address_raw, ==, "Tata, Ötödik utca 5.");
  }
  {
    g_auto(SmHousehold) h = { 0 };
    g_assert_true (sm_store_get_household (again, second, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (h.address_raw, ==, "Tata, Második utca 2.");
  }
}

typedef struct {
  gboolean done;
  int      status;
  char    *err;
} Child;

static void
child_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  Child *c = data;
  GSubprocess *p = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (p, result, NULL, &c->err, &error);
  g_assert_no_error (error);
  c->status = g_subprocess_get_exit_status (p);
  c->done = TRUE;
}

/* Runs "import DB FILE" while this process holds the write lock for
 * @hold_ms, with the CLI waiting at most @wait_seconds. */
static void
import_while_locked (const char *db,
                     const char *csv,
                     guint       hold_ms,
                     const char *wait_seconds,
                     Child      *child)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) p = NULL;
  gint64 end;

  g_assert_no_error (error);
  g_assert_true (sm_store_begin (store, &error));
  save_household (store, "Tata, Zárt utca 1.");
  g_subprocess_launcher_setenv (launcher, "SOCIAL_MAP_LOCK_WAIT", wait_seconds, TRUE);
  p = g_subprocess_launcher_spawn (launcher, &error, cli, "import", db, csv, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (p, NULL, NULL, child_done_cb, child);
  end = g_get_monotonic_time () + hold_ms * 1000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (sm_store_commit (store, &error));
  while (!child->done)
    g_main_context_iteration (NULL, TRUE);
}

/* A second writer waits, says so on one line, and goes on when the first
 * is done; if the first holds on too long it gives up with a sentence and
 * exit status 1. */
static void
test_waits_for_writer (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "busy.db", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "busy.csv", NULL);
  Child waited = { 0 };
  Child gave_up = { 0 };

  g_assert_true (g_file_set_contents (csv,
    "Lakcím,lat,lon,Szükséglet,Súlyosság,Felmérés\n"
    "\"Tata, Várakozó utca 3\",47.65,18.32,Lakhatás,2,2024.03.01.\n", -1, NULL));
  run_cli ("init", db, NULL);

  import_while_locked (db, csv, 2500, "30", &waited);
  g_assert_cmpint (waited.status, ==, 0);
  g_assert_nonnull (strstr (waited.err, "Waiting for another program"));
  g_assert_cmpuint (strchr (waited.err, '\n') - waited.err + 1, ==, strlen (waited.err));

  import_while_locked (db, csv, 4000, "2", &gave_up);
  g_assert_cmpint (gave_up.status, ==, 1);
  g_assert_nonnull (strstr (gave_up.err, "Another program kept writing to the database"));
  g_free (waited.err);
  g_free (gave_up.err);
}

/* Databases and their -wal and -shm are the owner's alone, whatever the
 * umask. */
static void
test_private_files (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "private.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  const char *paths[] = { db, wal, shm };
  mode_t old = umask (0);

  store = sm_store_open (db, &error);
  umask (old);
  g_assert_no_error (error);
  save_household (store, "Tata, Hatodik utca 6.");
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (paths[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli = argv[1];
  tmpdir = sm_test_make_dir ("sm-lock");

  g_test_add_func ("/store-lock/foreign-close-keeps-locks", test_foreign_close_keeps_locks);
  g_test_add_func ("/store-lock/private-files", test_private_files);
  g_test_add_func ("/store-lock/waits-for-writer", test_waits_for_writer);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
