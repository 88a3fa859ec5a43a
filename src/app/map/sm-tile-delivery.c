#include "config.h"

#include "sm-tile-delivery.h"

void
sm_tile_deliver (ShumateDataSource *source,
                 GTask             *task,
                 int                x,
                 int                y,
                 int                zoom,
                 GBytes            *bytes)
{
  g_signal_emit_by_name (source, "received-data", x, y, zoom, bytes);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}
