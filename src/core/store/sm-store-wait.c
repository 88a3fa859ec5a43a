#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "sm-error.h"
#include "sm-store-private.h"

/* Waiting for another program's write: how long, what is said, and a
 * probe that does not wait. */

/* How long an action waits for another program's write to end. */
#define DEFAULT_WAIT_SECONDS 60

/**
 * sm_store_get_lock_wait:
 *
 * Returns: how many seconds an action waits for another program's write
 *   before it gives up (60; SOCIAL_MAP_LOCK_WAIT overrides)
 */
int
sm_store_get_lock_wait (void)
{
  const char *env = g_getenv ("SOCIAL_MAP_LOCK_WAIT");
  int seconds = env != NULL ? atoi (env) : 0;

  return seconds > 0 ? seconds : DEFAULT_WAIT_SECONDS;
}

/* Another connection holds the write lock: wait for it, say so once after
 * a second, give up after sm_store_get_lock_wait(). */
int
_sm_store_wait_busy_cb (void *data,
                        int   count)
{
  SmStoreWait *w = data;
  gint64 now = g_get_monotonic_time ();

  if (w->no_wait)
    return 0;
  if (count == 0)
    {
      w->busy_since = now;
      w->said_waiting = FALSE;
    }
  if (now - w->busy_since >= (gint64) sm_store_get_lock_wait () * G_USEC_PER_SEC)
    return 0;
  if (!w->said_waiting && now - w->busy_since >= G_USEC_PER_SEC)
    {
      w->said_waiting = TRUE;
      _sm_store_emit_waiting (w->store);
    }
  g_usleep (MIN (count + 1, 20) * 5000);
  return 1;
}

/* Whether the write lock can be had at once; it is let go again. */
gboolean
_sm_store_wait_try_begin (SmStoreWait *w,
                          sqlite3     *db)
{
  int rc;

  w->no_wait = TRUE;
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  w->no_wait = FALSE;
  if (rc != SQLITE_OK)
    return FALSE;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return TRUE;
}

/* --- waiting without blocking ---------------------------------------- */

static gboolean
poll_writable_cb (gpointer data)
{
  GTask *task = data;
  SmStore *store = g_task_get_source_object (task);
  gint64 *since = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return G_SOURCE_REMOVE;
  if (sm_store_can_write_now (store))
    {
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () - *since >= (gint64) sm_store_get_lock_wait () * G_USEC_PER_SEC)
    {
      g_task_return_new_error (task, SM_ERROR, SM_ERROR_BUSY,
                               _("Another program is still writing to the database; nothing was "
                                 "changed. Try again when it is done."));
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/**
 * sm_store_wait_writable_async:
 * @self: a store
 * @cancellable: (nullable): stops the wait
 * @callback: called once an action could begin, or the wait is over
 * @user_data: for @callback
 *
 * Waits, without blocking the main loop, until another program's write
 * is done (polled five times a second), for at most
 * sm_store_get_lock_wait() seconds. Completes at once, in the next main
 * loop iteration, when nothing is being written. The caller then runs
 * its action, which finds the database free.
 */
void
sm_store_wait_writable_async (SmStore             *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;
  gint64 *since;

  g_return_if_fail (SM_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sm_store_wait_writable_async);
  if (sm_store_can_write_now (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  since = g_new (gint64, 1);
  *since = g_get_monotonic_time ();
  g_task_set_task_data (task, since, g_free);
  source = g_timeout_source_new (200);
  g_task_attach_source (task, source, poll_writable_cb);
}

/**
 * sm_store_wait_writable_finish:
 *
 * Returns: %TRUE when the database is free to write; %FALSE with
 *   %SM_ERROR_BUSY when the wait ran out, or %G_IO_ERROR_CANCELLED
 */
gboolean
sm_store_wait_writable_finish (SmStore       *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
