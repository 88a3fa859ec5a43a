#pragma once

#include <gtk/gtk.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The Roundtable page: the cooperation programme's actions (overdue ones
 * stand out) and their progress, the meetings, the programme's versions
 * and agreements, and the indicators of the last twelve months against
 * their targets; its buttons make the roundtable pack and the residents'
 * directory. */

#define SM_TYPE_ROUNDTABLE_PANEL (sm_roundtable_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmRoundtablePanel, sm_roundtable_panel, SM, ROUNDTABLE_PANEL, GtkBox)

SmRoundtablePanel *sm_roundtable_panel_new          (SmContext         *context);
void               sm_roundtable_panel_reload       (SmRoundtablePanel *self);
guint              sm_roundtable_panel_get_n_overdue (SmRoundtablePanel *self);
GListModel        *sm_roundtable_panel_get_actions  (SmRoundtablePanel *self);
GListModel        *sm_roundtable_panel_get_meetings (SmRoundtablePanel *self);
GListModel        *sm_roundtable_panel_get_indicators (SmRoundtablePanel *self);
gboolean           sm_roundtable_panel_is_computing (SmRoundtablePanel *self);
void               sm_roundtable_panel_select_action (SmRoundtablePanel *self,
                                                      guint              position);
void               sm_roundtable_panel_select_indicator (SmRoundtablePanel *self,
                                                         guint              position);

G_END_DECLS
