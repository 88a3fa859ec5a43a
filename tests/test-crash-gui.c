/* A save in the app, killed at any moment: the window opens the demo
 * town and saves one household's settlement part again and again, saying
 * "saved N" after each save returns; SIGKILL comes at a random moment.
 * Then the database is whole (integrity, foreign keys, R*Trees), holds as
 * many households as before, and the last save that was reported (or the
 * one after it, if the kill came between the commit and the report) is in
 * the file, whole. Run with "--save DB" the program is the saver. The
 * suite runs 20 trials; SOCIAL_MAP_CRASH_TRIALS sets another number and
 * prints "BENCH crash_trials_gui_save N failures M" (the benchmark). */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sm-query.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

#define HOUSEHOLDS 3

static const char *self_path;

static gint64 *
first_households (SmStore *store)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = sm_store_query (store, filter, NULL);
  gint64 *ids = g_new0 (gint64, HOUSEHOLDS);

  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >=, HOUSEHOLDS);
  for (guint i = 0; i < HOUSEHOLDS; i++)
    ids[i] = g_array_index (hits, SmCaseHit, i).household_id;
  return ids;
}

static int
save_forever (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  g_autofree gint64 *ids = NULL;
  SmWindow *window;
  SmCasePanel *panel;

  g_assert_no_error (error);
  ids = first_households (store);
  window = sm_test_open_window (store);
  panel = sm_window_get_case_panel (window);
  for (guint n = 1;; n++)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new ();
      g_autofree char *part = g_strdup_printf ("Mentés %u", n);

      sm_window_select_household (window, ids[n % HOUSEHOLDS]);
      sm_test_collect_widgets (GTK_WIDGET (panel), ADW_TYPE_ENTRY_ROW, rows);
      g_assert_cmpuint (rows->len, >=, 4);
      gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (rows, 3)), part);
      if (!sm_case_panel_save (panel))
        g_error ("save %u was refused", n);
      g_print ("saved %u\n", n);
      fflush (stdout);
      sm_test_iterate (2);
    }
  return 0;
}

/* Whole, as many households as before, and the reported saves in the file. */
static char *
check (const char *db,
       gint64      households,
       guint       last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (db, &error);
  g_autofree gint64 *ids = NULL;
  SmHousehold h;
  g_autofree char *want = NULL, *next = NULL, *before = NULL;
  gboolean ok;

  if (store == NULL)
    return g_strdup_printf ("cannot open: %s", error->message);
  if (sm_test_scalar (store, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'") != 0)
    return g_strdup ("integrity_check fails");
  if (sm_test_scalar (store, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
    return g_strdup ("foreign_key_check fails");
  if (sm_test_scalar (store, "SELECT rtreecheck('household_rtree') = 'ok'") != 1)
    return g_strdup ("rtreecheck fails");
  if (sm_store_count (store, "household") != households)
    return g_strdup ("the number of households changed");
  if (last == 0)
    return NULL;
  ids = first_households (store);
  if (!sm_store_get_household (store, ids[last % HOUSEHOLDS], &h, &error))
    return g_strdup_printf ("household of save %u: %s", last, error->message);
  want = g_strdup_printf ("Mentés %u", last);
  ok = g_strcmp0 (h.settlement_part, want) == 0;
  sm_household_clear (&h);
  if (!ok)
    return g_strdup_printf ("save %u was reported but is not in the file", last);
  /* The save after the last reported one is there or not, nothing else. */
  if (last + 1 <= HOUSEHOLDS)
    return NULL;
  next = g_strdup_printf ("Mentés %u", last + 1);
  before = g_strdup_printf ("Mentés %u", last + 1 - HOUSEHOLDS);
  if (!sm_store_get_household (store, ids[(last + 1) % HOUSEHOLDS], &h, &error))
    return g_strdup_printf ("household of save %u: %s", last + 1, error->message);
  ok = g_strcmp0 (h.settlement_part, next) == 0 || g_strcmp0 (h.settlement_part, before) == 0;
  sm_household_clear (&h);
  return ok ? NULL : g_strdup_printf ("save %u is neither done nor undone", last + 1);
}

static void
test_gui_save_killed (void)
{
  const char *env = g_getenv ("SOCIAL_MAP_CRASH_TRIALS");
  guint trials = env != NULL ? (guint) atoi (env) : 20, failures = 0, reported = 0;
  g_autofree char *db = g_build_filename (sm_test_tmpdir, "crash.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201);
  gint64 households;

  {
    g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, NULL);

    households = sm_store_count (store, "household");
  }
  for (guint t = 0; t < trials; t++)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_autofree char *data = NULL, *problem = NULL;
      const char *argv[] = { self_path, "--save", db, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) out = g_string_new (NULL);
      gsize size;
      GPid pid;
      int fd, status;
      char buf[4096];
      ssize_t got;
      gint64 start, kill_at;
      guint last = 0;
      const char *line;

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_assert_true (g_file_get_contents (sm_test_db_path, &data, &size, NULL));
      g_assert_true (g_file_set_contents (db, data, (gssize) size, NULL));
      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDERR_TO_DEV_NULL,
                                               NULL, NULL, &pid, NULL, &fd, NULL, &error));
      g_assert_no_error (error);
      /* Wait for the first save, then kill within the next second and a half. */
      start = g_get_monotonic_time ();
      kill_at = G_MAXINT64;
      while (g_get_monotonic_time () < MIN (kill_at, start + 30 * G_USEC_PER_SEC))
        {
          if (kill_at == G_MAXINT64 && strstr (out->str, "saved 1\n") != NULL)
            kill_at = g_get_monotonic_time () + g_rand_int_range (rand, 0, 1500000);
          if (kill_at == G_MAXINT64)
            {
              got = read (fd, buf, sizeof buf);
              if (got <= 0)
                break;
              g_string_append_len (out, buf, got);
            }
          else
            g_usleep (1000);
        }
      kill (pid, SIGKILL);
      while ((got = read (fd, buf, sizeof buf)) > 0)
        g_string_append_len (out, buf, got);
      close (fd);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status));
      for (line = out->str; (line = strstr (line, "saved ")) != NULL; line++)
        last = (guint) atoi (line + 6);
      g_assert_cmpuint (last, >, 0);
      reported += last;
      problem = check (db, households, last);
      if (problem != NULL)
        {
          g_printerr ("trial %u, after %u saves: %s\n", t, last, problem);
          failures++;
        }
    }
  g_test_message ("%u trials, %u saves reported in all", trials, reported);
  if (env != NULL)
    g_print ("BENCH crash_trials_gui_save %u failures %u\n", trials, failures);
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--save"))
    {
      gtk_init ();
      adw_init ();
      return save_forever (argv[2]);
    }
  sm_test_gui_init (&argc, &argv, "sm-crash-gui");
  g_test_add_func ("/crash/gui-save-killed", test_gui_save_killed);
  {
    int status = g_test_run ();

    sm_test_gui_finish ();
    return status;
  }
}
