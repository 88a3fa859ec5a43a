#pragma once

#include <gio/gio.h>

#include "sm-progress.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The hotspots month by month for the meeting's screen: one PNG image per
 * month and an animated PNG of them all, 1280 × 720, the rates by
 * settlement part in the same classes every month. */

gboolean sm_timelapse_write (SmStore         *store,
                             const char      *from,
                             const char      *to,
                             int              k,
                             const char      *path,
                             SmProgressFunc   progress,
                             gpointer         user_data,
                             GCancellable    *cancellable,
                             GStrv           *written,
                             GError         **error);

G_END_DECLS
