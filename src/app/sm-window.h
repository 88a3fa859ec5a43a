#pragma once

#include <adwaita.h>

#include "sm-case-layer.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_WINDOW (sm_window_get_type ())

G_DECLARE_FINAL_TYPE (SmWindow, sm_window, SM, WINDOW, AdwApplicationWindow)

SmWindow    *sm_window_new            (GtkApplication *application,
                                       SmStore        *store);
SmCaseLayer *sm_window_get_case_layer (SmWindow       *self);
SmFilter    *sm_window_get_filter     (SmWindow       *self);

G_END_DECLS
