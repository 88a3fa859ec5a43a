#pragma once

#include <adwaita.h>

#include "sm-filter.h"
#include "sm-store.h"

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_FILTER_PANEL (sm_filter_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmFilterPanel, sm_filter_panel, SM, FILTER_PANEL, GtkBox)

SmFilterPanel *sm_filter_panel_new              (SmContext     *context);
void           sm_filter_panel_reset            (SmFilterPanel *self);
void           sm_filter_panel_set_category     (SmFilterPanel *self,
                                                 const char    *code,
                                                 gboolean       shown);

G_END_DECLS
