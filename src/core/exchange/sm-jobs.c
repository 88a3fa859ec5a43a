/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-jobs"

#include "config.h"

#include "sm-jobs.h"
#include "sm-timelapse.h"

/* --- progress in the caller's main context ----------------------------- */

typedef struct {
  GMainContext   *context;
  SmProgressFunc  func;
  gpointer        data;
  double          last;
} Progress;

typedef struct {
  SmProgressFunc func;
  gpointer       data;
  double         fraction;
} ProgressCall;

static void
progress_init (Progress       *p,
               SmProgressFunc  func,
               gpointer        data)
{
  p->context = g_main_context_ref_thread_default ();
  p->func = func;
  p->data = data;
  p->last = -1;
}

static void
progress_clear (Progress *p)
{
  g_clear_pointer (&p->context, g_main_context_unref);
}

static gboolean
call_progress (gpointer data)
{
  ProgressCall *call = data;

  call->func (call->fraction, call->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands the fraction to the caller's context, at most every
 * half per cent. */
static void
report_progress (double   fraction,
                 gpointer data)
{
  Progress *p = data;
  ProgressCall *call;

  if (p->func == NULL || (fraction >= 0 && fraction - p->last < 0.005 && fraction < 1))
    return;
  p->last = fraction;
  call = g_new (ProgressCall, 1);
  call->func = p->func;
  call->data = p->data;
  call->fraction = fraction;
  g_main_context_invoke_full (p->context, G_PRIORITY_DEFAULT, call_progress, call, g_free);
}

/* The worker's connection waits for another program's write. */
static void
waiting_cb (SmStore  *store,
            Progress *p)
{
  report_progress (SM_PROGRESS_WAITING, p);
}

static SmStore *
open_for_job (const char  *db_path,
              Progress    *progress,
              GError     **error)
{
  SmStore *store = sm_store_open (db_path, error);

  if (store != NULL)
    g_signal_connect (store, "waiting", G_CALLBACK (waiting_cb), progress);
  return store;
}

/* --- households, services, address registers -------------------------- */

typedef struct {
  char            *db_path;
  char            *path;
  SmImportOptions  options;
  char            *layer;
  char            *encoding;
  Progress         progress;
  SmImportReport  *report;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_clear_pointer (&job->options.columns, g_hash_table_unref);
  g_free (job->layer);
  g_free (job->encoding);
  progress_clear (&job->progress);
  g_clear_pointer (&job->report, sm_import_report_free);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ImportJob *job = data;
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;

  store = open_for_job (job->db_path, &job->progress, &error);
  if (store == NULL ||
      !sm_import_file (store, job->path, &job->options, report_progress, &job->progress, cancellable,
                       &job->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sm_import_file_async:
 *
 * sm_import_file() on a worker thread; see sm-jobs.h.
 */
void
sm_import_file_async (const char             *db_path,
                      const char             *path,
                      const SmImportOptions  *options,
                      SmProgressFunc          progress,
                      gpointer                progress_data,
                      GCancellable           *cancellable,
                      GAsyncReadyCallback     callback,
                      gpointer                user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportJob *job = g_new0 (ImportJob, 1);

  g_return_if_fail (db_path != NULL && path != NULL && options != NULL);

  job->db_path = g_strdup (db_path);
  job->path = g_strdup (path);
  job->options = *options;
  if (options->columns != NULL)
    job->options.columns = g_hash_table_ref (options->columns);
  job->layer = g_strdup (options->layer);
  job->encoding = g_strdup (options->encoding);
  job->options.layer = job->layer;
  job->options.encoding = job->encoding;
  progress_init (&job->progress, progress, progress_data);
  g_task_set_source_tag (task, sm_import_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * sm_import_file_finish:
 * @report: (out) (optional) (transfer full): what was imported, or on a
 *   refusal the rows that were rejected
 */
gboolean
sm_import_file_finish (GAsyncResult    *result,
                       SmImportReport **report,
                       GError         **error)
{
  ImportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (report != NULL)
    *report = g_steal_pointer (&job->report);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the basemap ------------------------------------------------------- */

typedef struct {
  char                 *db_path;
  char                 *osm_path;
  SmShape              *clip;
  Progress              progress;
  SmBasemapImportStats  stats;
} BasemapJob;

static void
basemap_job_free (BasemapJob *job)
{
  g_free (job->db_path);
  g_free (job->osm_path);
  g_clear_pointer (&job->clip, sm_shape_free);
  progress_clear (&job->progress);
  g_free (job);
}

static void
basemap_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  BasemapJob *job = data;
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;

  store = open_for_job (job->db_path, &job->progress, &error);
  if (store == NULL ||
      !sm_basemap_import_osm (store, job->osm_path, job->clip, report_progress, &job->progress,
                              cancellable, &job->stats, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * sm_basemap_import_osm_async:
 * @clip: (nullable) (transfer full): keep only what touches it
 *
 * sm_basemap_import_osm() on a worker thread; see sm-jobs.h.
 */
void
sm_basemap_import_osm_async (const char           *db_path,
                             const char           *osm_path,
                             SmShape              *clip,
                             SmProgressFunc        progress,
                             gpointer              progress_data,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  BasemapJob *job = g_new0 (BasemapJob, 1);

  job->db_path = g_strdup (db_path);
  job->osm_path = g_strdup (osm_path);
  job->clip = clip;
  progress_init (&job->progress, progress, progress_data);
  g_task_set_source_tag (task, sm_basemap_import_osm_async);
  g_task_set_task_data (task, job, (GDestroyNotify) basemap_job_free);
  g_task_run_in_thread (task, basemap_thread);
}

gboolean
sm_basemap_import_osm_finish (GAsyncResult          *result,
                              SmBasemapImportStats  *stats,
                              GError               **error)
{
  BasemapJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = job->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- the roundtable pack ------------------------------------------------ */

typedef struct {
  char          *db_path;
  char          *path;
  char          *from;
  char          *to;
  char          *author;
  SmPackOptions  options;
  gboolean       timelapse;     /* the time-lapse of the period, not the pack */
  Progress       progress;
  GStrv          written;
} PackJob;

static void
pack_job_free (PackJob *job)
{
  g_free (job->db_path);
  g_free (job->path);
  g_free (job->from);
  g_free (job->to);
  g_free (job->author);
  g_clear_pointer (&job->options.created, g_date_time_unref);
  progress_clear (&job->progress);
  g_strfreev (job->written);
  g_free (job);
}

static void
pack_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  PackJob *job = data;
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;

  store = open_for_job (job->db_path, &job->progress, &error);
  if (store == NULL ||
      !(job->timelapse
        ? sm_timelapse_write (store, job->from, job->to, job->options.k, job->path, report_progress, &job->progress,
                              cancellable, &job->written, &error)
        : sm_roundtable_pack_write (store, &job->options, job->path, report_progress, &job->progress, cancellable,
                                    &job->written, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
run_pack_job (const char           *db_path,
              const SmPackOptions  *options,
              gboolean              timelapse,
              const char           *path,
              SmProgressFunc        progress,
              gpointer              progress_data,
              GCancellable         *cancellable,
              GAsyncReadyCallback   callback,
              gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  PackJob *job = g_new0 (PackJob, 1);

  job->timelapse = timelapse;

  job->db_path = g_strdup (db_path);
  job->path = g_strdup (path);
  job->options = *options;
  job->options.from = job->from = g_strdup (options->from);
  job->options.to = job->to = g_strdup (options->to);
  job->options.author = job->author = g_strdup (options->author);
  job->options.created = options->created ? g_date_time_ref (options->created) : NULL;
  progress_init (&job->progress, progress, progress_data);
  g_task_set_source_tag (task, run_pack_job);
  g_task_set_task_data (task, job, (GDestroyNotify) pack_job_free);
  g_task_run_in_thread (task, pack_thread);
}

/**
 * sm_roundtable_pack_async:
 *
 * sm_roundtable_pack_write() on a worker thread; see sm-jobs.h.
 */
void
sm_roundtable_pack_async (const char           *db_path,
                          const SmPackOptions  *options,
                          const char           *path,
                          SmProgressFunc        progress,
                          gpointer              progress_data,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  run_pack_job (db_path, options, FALSE, path, progress, progress_data, cancellable, callback, user_data);
}

/**
 * sm_timelapse_async:
 * @options: the period and k; the rest is not used
 *
 * sm_timelapse_write() on a worker thread; sm_roundtable_pack_finish()
 * ends it.
 */
void
sm_timelapse_async (const char           *db_path,
                    const SmPackOptions  *options,
                    const char           *path,
                    SmProgressFunc        progress,
                    gpointer              progress_data,
                    GCancellable         *cancellable,
                    GAsyncReadyCallback   callback,
                    gpointer              user_data)
{
  run_pack_job (db_path, options, TRUE, path, progress, progress_data, cancellable, callback, user_data);
}

/**
 * sm_roundtable_pack_finish:
 * @written: (out) (optional) (transfer full): the files written
 */
gboolean
sm_roundtable_pack_finish (GAsyncResult  *result,
                           GStrv         *written,
                           GError       **error)
{
  PackJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (written != NULL)
    *written = g_steal_pointer (&job->written);
  return g_task_propagate_boolean (G_TASK (result), error);
}
