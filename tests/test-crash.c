/* Killed at any moment, an action leaves the database whole and either
 * done or not begun: SIGKILL during demo, import, import --skip-bad-rows
 * and import-osm, then SQLite's integrity, foreign-key and R*Tree checks
 * and a count of what the action writes.
 *
 * With an argument "--trials N" after the command line's path it runs N
 * trials of each and prints "BENCH crash_trials N failures M" (the
 * benchmark); the test runs 20 (SOCIAL_MAP_CRASH_TRIALS overrides). */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sm-store.h"
#include "sm-test-util.h"

static const char *cli;
static char *tmpdir;
static GRand *rand_;

typedef struct {
  const char  *name;
  const char  *table;        /* what the action fills */
  const char **args;         /* after "social-map-cli", DB stands for the database */
  gint64       before;       /* rows of @table before */
  gint64       after;        /* rows when the action is done */
  gint64       duration_us;  /* how long a whole run takes */
} Action;

static char *base_db;        /* a database the imports start from */
static char *csv;
static char *bad_csv;

static GPid
spawn (const Action *a,
       const char   *db)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_ptr_array_add (argv, (char *) cli);
  for (guint i = 0; a->args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) (g_str_equal (a->args[i], "DB") ? db : a->args[i]));
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static int
wait_for (GPid pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  return status;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (from, &data, &size, NULL));
  g_assert_true (g_file_set_contents (to, data, (gssize) size, NULL));
}

static void
fresh_db (const Action *a,
          const char   *db)
{
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  if (a->before > 0 || g_str_equal (a->name, "import-osm") || g_str_has_prefix (a->name, "import"))
    copy_file (base_db, db);
}

/* Whole, and all or nothing. Returns: a sentence for what is wrong, or NULL;
 * @done says which of the two it was. */
static char *
check (const Action *a,
       const char   *db,
       gboolean     *done)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  gint64 rows;

  *done = FALSE;
  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    return a->before == 0 ? NULL : g_strdup ("the database is gone");
  store = sm_store_open (db, &error);
  if (store == NULL)
    return g_strdup_printf ("cannot open: %s", error->message);
  if (sm_test_scalar (store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'") != 0)
    return g_strdup ("integrity_check fails");
  if (sm_test_scalar (store, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
    return g_strdup ("foreign_key_check fails");
  if (sm_test_scalar (store, "SELECT rtreecheck('household_rtree') = 'ok' AND rtreecheck('location_rtree') = 'ok'"
                             " AND rtreecheck('boundary_rtree') = 'ok' AND rtreecheck('basemap_rtree') = 'ok'") != 1)
    return g_strdup ("rtreecheck fails");
  rows = sm_store_count (store, a->table);
  *done = rows == a->after;
  if (rows != a->before && rows != a->after)
    return g_strdup_printf ("%s has %" G_GINT64_FORMAT " rows, neither %" G_GINT64_FORMAT
                            " (not begun) nor %" G_GINT64_FORMAT " (done)",
                            a->table, rows, a->before, a->after);
  return NULL;
}

/* One whole run: how long it takes and what it leaves. */
static void
measure (Action *a)
{
  g_autofree char *db = g_build_filename (tmpdir, "measure.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = NULL;
  gint64 start;
  int status;

  fresh_db (a, db);
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_autoptr(SmStore) before = sm_store_open (db, &error);

      g_assert_no_error (error);
      a->before = sm_store_count (before, a->table);
    }
  start = g_get_monotonic_time ();
  status = wait_for (spawn (a, db));
  a->duration_us = g_get_monotonic_time () - start;
  g_assert_true (WIFEXITED (status));
  store = sm_store_open (db, &error);
  g_assert_no_error (error);
  a->after = sm_store_count (store, a->table);
  g_assert_cmpint (a->after, !=, a->before);
}

static guint
run_trials (Action *a,
            guint   trials)
{
  g_autofree char *db = g_build_filename (tmpdir, "crash.db", NULL);
  guint failures = 0, done = 0;

  measure (a);
  for (guint t = 0; t < trials; t++)
    {
      /* Anywhere from the start to a little past the end. */
      gint64 at = g_rand_int_range (rand_, 0, (gint32) MIN (a->duration_us * 11 / 10, G_MAXINT32));
      g_autofree char *problem = NULL;
      GPid pid;

      fresh_db (a, db);
      pid = spawn (a, db);
      g_usleep ((gulong) at);
      kill (pid, SIGKILL);
      wait_for (pid);
      {
        gboolean finished;

        problem = check (a, db, &finished);
        done += finished;
      }
      if (problem != NULL)
        {
          g_printerr ("%s, killed after %.3f s: %s\n", a->name, at / 1e6, problem);
          failures++;
        }
    }
  g_test_message ("%s: %u trials in %.2f s runs, %u killed before the end, %u after it",
                  a->name, trials, a->duration_us / 1e6, trials - done, done);
  return failures;
}

static void
setup_files (void)
{
  g_autoptr(GString) rows = g_string_new ("household_key,Cím,lat,lon,Szükséglet,Súlyosság,Felmérés\n");
  g_autoptr(GString) bad = NULL;
  const char *demo[] = { "demo", "DB", "--cases", "300", "--seed", "1", NULL };
  Action make = { "base", "household", (const char **) demo };
  int status;

  for (int i = 0; i < 4000; i++)
    g_string_append_printf (rows, "K%d,\"Tata, Próba utca %d.\",47.6%04d,18.3%04d,lakhatas,%d,2024-0%d-1%d\n",
                            i, i + 1, i, (i * 7) % 10000, 1 + i % 3, 1 + i % 9, i % 10);
  bad = g_string_new (rows->str);
  g_string_append (bad, "K9999,\"Tata, Rossz utca 1.\",47.65,18.32,nincs ilyen,2,2024-01-01\n");
  csv = g_build_filename (tmpdir, "rows.csv", NULL);
  bad_csv = g_build_filename (tmpdir, "bad.csv", NULL);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  g_assert_true (g_file_set_contents (bad_csv, bad->str, -1, NULL));
  base_db = g_build_filename (tmpdir, "base.db", NULL);
  status = wait_for (spawn (&make, base_db));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
}

static guint
all_actions (guint trials)
{
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "liechtenstein-2013-08-03.osm.pbf", NULL);
  const char *demo[] = { "demo", "DB", "--cases", "3000", "--seed", "7", NULL };
  const char *import[] = { "import", "DB", csv, "--no-geocode", NULL };
  const char *skip[] = { "import", "DB", bad_csv, "--no-geocode", "--skip-bad-rows", NULL };
  const char *osm_args[] = { "import-osm", "DB", osm, NULL };
  Action actions[] = {
    { "demo", "household", demo },
    { "import", "household", import },
    { "import --skip-bad-rows", "household", skip },
    { "import-osm", "basemap_feature", osm_args },
  };
  guint failures = 0;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    failures += run_trials (&actions[i], trials);
  return failures;
}

static void
test_killed_anywhere (void)
{
  const char *env = g_getenv ("SOCIAL_MAP_CRASH_TRIALS");
  guint trials = env != NULL ? (guint) atoi (env) : 20;

  g_assert_cmpuint (all_actions (trials), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status = 0;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 2);
  cli = argv[1];
  tmpdir = sm_test_make_dir ("sm-crash");
  rand_ = g_rand_new_with_seed (20261201);
  setup_files ();
  if (argc == 4 && g_str_equal (argv[2], "--trials"))
    {
      guint trials = (guint) atoi (argv[3]);
      guint failures = all_actions (trials);

      g_print ("BENCH crash_trials %u failures %u\n", trials * 4, failures);
    }
  else
    {
      g_test_add_func ("/crash/killed-anywhere", test_killed_anywhere);
      status = g_test_run ();
    }
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  g_rand_free (rand_);
  return status;
}
