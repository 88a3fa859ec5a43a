#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The Signals page: the inbox of the signalling system's signals, with
 * urgency, age and the overdue ones standing out; a signal opened to
 * assess it, link it to a household, decide, open a case and take it on,
 * record a measure and a case conference, and answer the signaller. */

#define SM_TYPE_SIGNAL_PANEL (sm_signal_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmSignalPanel, sm_signal_panel, SM, SIGNAL_PANEL, GtkBox)

SmSignalPanel *sm_signal_panel_new          (SmContext     *context);
void           sm_signal_panel_reload       (SmSignalPanel *self);
guint          sm_signal_panel_get_n_open   (SmSignalPanel *self);
guint          sm_signal_panel_get_n_overdue (SmSignalPanel *self);
GListModel    *sm_signal_panel_get_model    (SmSignalPanel *self);
void           sm_signal_panel_show_signal  (SmSignalPanel *self,
                                             gint64         id);
gint64         sm_signal_panel_get_shown    (SmSignalPanel *self);

G_END_DECLS
