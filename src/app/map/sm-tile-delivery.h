#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

/* libshumate 1.0 turns a tile's bytes into a texture only in the
 * "received-data" handler: every data source hands its bytes over here, on
 * the main thread, before completing the request. */
void sm_tile_deliver (ShumateDataSource *source,
                      GTask             *task,
                      int                x,
                      int                y,
                      int                zoom,
                      GBytes            *bytes);

G_END_DECLS
