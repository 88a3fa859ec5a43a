#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The table of which service types answer which need categories, edited
 * in place: a tick per pair, each change one action on the store. */

#define SM_TYPE_NEED_TABLE_WINDOW (sm_need_table_window_get_type ())

G_DECLARE_FINAL_TYPE (SmNeedTableWindow, sm_need_table_window, SM, NEED_TABLE_WINDOW, AdwWindow)

SmNeedTableWindow *sm_need_table_window_new    (GtkWindow         *parent,
                                                SmContext         *context);
GtkCheckButton    *sm_need_table_window_get_tick (SmNeedTableWindow *self,
                                                  const char        *category,
                                                  const char        *service_type);

G_END_DECLS
