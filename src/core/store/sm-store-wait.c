#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <stdlib.h>

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
