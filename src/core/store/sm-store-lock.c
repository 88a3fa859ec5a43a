/* SPDX-License-Identifier: GPL-3.0-or-later */

/* File locks that survive other code in the process.
 *
 * SQLite's unix VFS locks the database and its -shm file with POSIX
 * advisory locks (fcntl F_SETLK). Those belong to the process, and any
 * close() of any descriptor of the same file drops all of them: GIO
 * sniffing a content type, a thumbnailer or a file chooser in our process
 * opening "t.db" for a moment is enough. Another program then believes it
 * is alone, resets the WAL index or deletes the WAL we still write to, and
 * the database is damaged.
 *
 * Here SQLite's "fcntl", "open" and "close" system calls are replaced (the
 * VFS's xSetSystemCall) so that every lock request is made as an
 * open-file-description lock (F_OFD_SETLK) on one descriptor per file
 * (device and inode) that only this module holds. Such locks belong to that
 * descriptor, not to the process: no other close() touches them. One
 * descriptor per file keeps POSIX's per-process semantics that SQLite's own
 * bookkeeping of its connections in one process relies on. OFD locks and
 * POSIX locks conflict with each other on Linux, so other programs (the
 * sqlite3 shell included) still see ours. The lock descriptor is closed
 * when SQLite has closed its last descriptor of the file.
 *
 * The replaced open() also creates every new database file (and so its
 * -wal and -shm, which SQLite gives the database's mode) readable by its
 * owner only, whatever the umask. */

#define _GNU_SOURCE
#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sm-store-private.h"

typedef struct {
  dev_t dev;
  ino_t ino;
  int   lock_fd;   /* -1 until the first lock request */
  int   open_fds;  /* SQLite's descriptors of this file */
} LockFile;

typedef int (*OpenFn) (const char *, int, int);
typedef int (*CloseFn) (int);
typedef int (*FcntlFn) (int, int, ...);
typedef int (*FchmodFn) (int, mode_t);

static GMutex lock_mutex;
static GHashTable *lock_files;   /* LockFile* keyed by itself (dev, ino) */
static OpenFn real_open;
static CloseFn real_close;
static FcntlFn real_fcntl;
static FchmodFn real_fchmod;

static guint
lock_file_hash (gconstpointer key)
{
  const LockFile *f = key;

  return (guint) f->ino ^ ((guint) f->dev * 2654435761u);
}

static gboolean
lock_file_equal (gconstpointer a,
                 gconstpointer b)
{
  const LockFile *x = a;
  const LockFile *y = b;

  return x->dev == y->dev && x->ino == y->ino;
}

/* Must be called with lock_mutex held. */
static LockFile *
lock_file_for (int      fd,
               gboolean create)
{
  struct stat st;
  LockFile key;
  LockFile *file;

  if (fstat (fd, &st) != 0)
    return NULL;
  key.dev = st.st_dev;
  key.ino = st.st_ino;
  file = g_hash_table_lookup (lock_files, &key);
  if (file == NULL && create)
    {
      file = g_new0 (LockFile, 1);
      file->dev = st.st_dev;
      file->ino = st.st_ino;
      file->lock_fd = -1;
      g_hash_table_add (lock_files, file);
    }
  return file;
}

static int
sm_lock_open (const char *path,
              int         flags,
              int         mode)
{
  int fd;

  /* SQLite passes its default permissions for files it creates; -wal and
   * -shm then get the database's own mode. */
  fd = real_open (path, flags | O_CLOEXEC, mode & 0600);
  if (fd >= 0)
    {
      g_mutex_lock (&lock_mutex);
      LockFile *file = lock_file_for (fd, TRUE);
      if (file != NULL)
        file->open_fds++;
      g_mutex_unlock (&lock_mutex);
    }
  return fd;
}

/* SQLite sets a new file's mode again to undo the umask. */
static int
sm_lock_fchmod (int    fd,
                mode_t mode)
{
  return real_fchmod (fd, mode & 0600);
}

static int
sm_lock_close (int fd)
{
  int lock_fd = -1;

  g_mutex_lock (&lock_mutex);
  LockFile *file = lock_file_for (fd, FALSE);
  if (file != NULL && --file->open_fds <= 0)
    {
      /* SQLite closes a file's last descriptor only once it holds no lock
       * on it, so the lock descriptor has nothing left to keep. */
      lock_fd = file->lock_fd;
      g_hash_table_remove (lock_files, file);
    }
  g_mutex_unlock (&lock_mutex);

  if (lock_fd >= 0)
    real_close (lock_fd);
  return real_close (fd);
}

/* The descriptor that holds this process's locks on fd's file. */
static int
lock_fd_for (int fd)
{
  int lock_fd = -1;

  g_mutex_lock (&lock_mutex);
  LockFile *file = lock_file_for (fd, TRUE);
  if (file != NULL && file->lock_fd < 0)
    {
      g_autofree char *self_path = g_strdup_printf ("/proc/self/fd/%d", fd);

      /* Read-write whenever the file allows it, so write locks can be had
       * whichever connection asked first. */
      file->lock_fd = real_open (self_path, O_RDWR | O_CLOEXEC, 0);
      if (file->lock_fd < 0)
        file->lock_fd = real_open (self_path, O_RDONLY | O_CLOEXEC, 0);
    }
  if (file != NULL)
    lock_fd = file->lock_fd;
  g_mutex_unlock (&lock_mutex);
  return lock_fd;
}

static int
sm_lock_fcntl (int fd,
               int op,
               ...)
{
  va_list args;

  va_start (args, op);
  if (op == F_SETLK || op == F_SETLKW || op == F_GETLK)
    {
      struct flock *lock = va_arg (args, struct flock *);
      int ofd_op = op == F_SETLK ? F_OFD_SETLK : op == F_SETLKW ? F_OFD_SETLKW : F_OFD_GETLK;
      int lock_fd;

      va_end (args);
      lock_fd = lock_fd_for (fd);
      if (lock_fd < 0)
        {
          errno = ENOLCK;
          return -1;
        }
      lock->l_pid = 0;
      return real_fcntl (lock_fd, ofd_op, lock);
    }
  else
    {
      /* Every other request SQLite makes takes an int (F_GETFD, F_SETFD). */
      int arg = va_arg (args, int);

      va_end (args);
      return real_fcntl (fd, op, arg);
    }
}

static gpointer
install_once (gpointer data)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

  if (vfs == NULL || vfs->iVersion < 3 || vfs->xSetSystemCall == NULL)
    {
      g_critical ("SQLite has no unix VFS with replaceable system calls");
      return NULL;
    }

  lock_files = g_hash_table_new_full (lock_file_hash, lock_file_equal, g_free, NULL);
  real_open = (OpenFn) vfs->xGetSystemCall (vfs, "open");
  real_close = (CloseFn) vfs->xGetSystemCall (vfs, "close");
  real_fcntl = (FcntlFn) vfs->xGetSystemCall (vfs, "fcntl");
  real_fchmod = (FchmodFn) vfs->xGetSystemCall (vfs, "fchmod");
  if (real_open == NULL || real_close == NULL || real_fcntl == NULL || real_fchmod == NULL ||
      vfs->xSetSystemCall (vfs, "open", (sqlite3_syscall_ptr) sm_lock_open) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) sm_lock_close) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) sm_lock_fcntl) != SQLITE_OK ||
      vfs->xSetSystemCall (vfs, "fchmod", (sqlite3_syscall_ptr) sm_lock_fchmod) != SQLITE_OK)
    g_critical ("Cannot replace SQLite's file locking");
  return NULL;
}

/**
 * _sm_store_install_locking:
 *
 * Makes every SQLite connection of this process lock its files with locks
 * that no other code's close() can drop. Called before any connection is
 * opened; calling it again does nothing.
 */
void
_sm_store_install_locking (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, install_once, NULL);
}
