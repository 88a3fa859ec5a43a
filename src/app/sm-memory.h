#pragma once

#include "sm-context.h"

G_BEGIN_DECLS

/* Heap given back to the system once a burst of work is over: reading a
 * town of 100,000 households, its tiles and statistics frees tens of
 * megabytes that the C library would otherwise keep. */

void sm_memory_trim_after_work (SmContext *context);

G_END_DECLS
