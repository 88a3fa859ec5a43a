#define G_LOG_DOMAIN "sm-memory"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sm-memory.h"

/* How long the store and the filter stay unchanged before the heap is
 * trimmed: after a play of the time slider, not between its steps. */
#define QUIET_MS 1500

typedef struct {
  SmStore  *store;
  SmFilter *filter;
  gulong    store_handler, filter_handler;
  guint     source;
} Trim;

static gboolean
trim_cb (gpointer data)
{
  Trim *trim = data;

  trim->source = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
work_done_cb (Trim *trim)
{
  g_clear_handle_id (&trim->source, g_source_remove);
  trim->source = g_timeout_add_full (G_PRIORITY_LOW, QUIET_MS, trim_cb, trim, NULL);
}

static void
context_gone_cb (gpointer  data,
                 GObject  *where_it_was)
{
  Trim *trim = data;

  g_clear_handle_id (&trim->source, g_source_remove);
  g_clear_signal_handler (&trim->store_handler, trim->store);
  g_clear_signal_handler (&trim->filter_handler, trim->filter);
  g_clear_object (&trim->store);
  g_clear_object (&trim->filter);
  g_free (trim);
}

/**
 * sm_memory_trim_after_work:
 *
 * Trims the heap when the context's store and filter have been quiet for a
 * moment after a change, and once after the start; for as long as the
 * context lives.
 */
void
sm_memory_trim_after_work (SmContext *context)
{
  Trim *trim = g_new0 (Trim, 1);

  trim->store = g_object_ref (sm_context_get_store (context));
  trim->filter = g_object_ref (sm_context_get_filter (context));
  trim->store_handler = g_signal_connect_swapped (trim->store, "changed", G_CALLBACK (work_done_cb), trim);
  trim->filter_handler = g_signal_connect_swapped (trim->filter, "changed", G_CALLBACK (work_done_cb), trim);
  g_object_weak_ref (G_OBJECT (context), context_gone_cb, trim);
  work_done_cb (trim);
}
