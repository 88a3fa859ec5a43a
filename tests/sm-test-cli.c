#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>

#include "sm-test-cli.h"

/* The program the command-line tests run: their first argument. */
const char *cli;

void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

void
run (Run *r,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int wait_status;
  va_list args;

  g_ptr_array_add (argv, (char *) cli);
  va_start (args, r);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &r->out, &r->err, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  r->status = WEXITSTATUS (wait_status);
}

void
expect_user_error (Run        *r,
                   const char *words)
{
  if (r->status != 1 || strstr (r->err, words) == NULL)
    g_error ("expected exit 1 and “%s” on stderr, got %d: %s", words, r->status, r->err);
  /* One line, no stack of messages. */
  if ((gsize) (strchr (r->err, '\n') - r->err + 1) != strlen (r->err))
    g_error ("expected one line on stderr, got: %s", r->err);
}

