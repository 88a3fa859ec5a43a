/* Every file of tests/data/bad (made by make-corpus.py there, listed in its
 * manifest.tsv) is refused by the command it names: exit status 1, the
 * error in words a person can act on, and the database byte for byte as it
 * was. */

#include "config.h"

#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sm-test-util.h"

static const char *cli;
static char *tmpdir;
static char *base_db;

static char *
run (char      **argv,
     int        *status)
{
  g_autoptr(GError) error = NULL;
  char *err = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                               &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
  return err;
}

static char *
checksum_of (const char *path)
{
  g_autofree char *data = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, size);
}

static void
test_corpus (void)
{
  g_autofree char *dir = g_build_filename (SM_SOURCE_TESTDATADIR, "bad", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "manifest.tsv", NULL);
  g_autofree char *manifest = NULL;
  g_autofree char *work = g_build_filename (tmpdir, "work.db", NULL);
  g_autofree char *base_sum = checksum_of (base_db);
  g_auto(GStrv) lines = NULL;
  guint n = 0, wrong = 0;

  g_assert_true (g_file_get_contents (manifest_path, &manifest, NULL, NULL));
  lines = g_strsplit (manifest, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *err = NULL;
      g_autofree char *sum = NULL;
      g_autofree char *data = NULL;
      gsize size;
      int status, expected;

      if (*lines[i] == '\0' || *lines[i] == '#')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      expected = atoi (f[3]);
      g_assert_true (g_file_get_contents (base_db, &data, &size, NULL));
      g_assert_true (g_file_set_contents (work, data, (gssize) size, NULL));

      g_ptr_array_add (argv, g_strdup (cli));
      g_ptr_array_add (argv, g_strdup (f[1]));
      g_ptr_array_add (argv, g_strdup (work));
      g_ptr_array_add (argv, g_build_filename (dir, f[0], NULL));
      if (*f[2] != '\0')
        {
          g_auto(GStrv) extra = g_strsplit (f[2], " ", -1);

          for (guint k = 0; extra[k] != NULL; k++)
            g_ptr_array_add (argv, g_strdup (extra[k]));
        }
      g_ptr_array_add (argv, NULL);
      err = run ((char **) argv->pdata, &status);
      sum = checksum_of (work);
      n++;
      if (status != expected || strstr (err, f[4]) == NULL || g_strcmp0 (sum, base_sum) != 0 ||
          *g_strstrip (err) == '\0')
        {
          g_printerr ("%s (%s): exit %d, expected %d; database %s; said: %s\n", f[0], f[1], status,
                      expected, g_strcmp0 (sum, base_sum) == 0 ? "unchanged" : "CHANGED", err);
          wrong++;
        }
    }
  g_test_message ("%u malformed files refused as they should be, %u not", n - wrong, wrong);
  g_assert_cmpuint (n, >=, 150);
  g_assert_cmpuint (wrong, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *err = NULL;
  int status;
  char *demo[8];

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  cli = argv[1];
  tmpdir = sm_test_make_dir ("sm-bad-files");
  base_db = g_build_filename (tmpdir, "base.db", NULL);
  demo[0] = (char *) cli;
  demo[1] = (char *) "demo";
  demo[2] = base_db;
  demo[3] = (char *) "--cases";
  demo[4] = (char *) "200";
  demo[5] = (char *) "--seed";
  demo[6] = (char *) "3";
  demo[7] = NULL;
  err = run (demo, &status);
  g_assert_cmpint (status, ==, 0);

  g_test_add_func ("/bad-files/corpus", test_corpus);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  g_free (base_db);
  return status;
}
