#pragma once

#include <adwaita.h>

#include "sm-window.h"

G_BEGIN_DECLS

/* What the GUI tests share: a demo database made once per program, the
 * main loop run for a while, windows opened and closed, widgets and
 * dialogs found, screenshots. */

extern char *sm_test_tmpdir;
extern char *sm_test_db_path;

void sm_test_gui_init (int    *argc,
                       char ***argv,
                       const char *prefix);
void sm_test_gui_finish (void);
void sm_test_iterate (guint ms);
void sm_test_maybe_screenshot (SmWindow *window,
                               const char *name);
GtkWidget *sm_test_find_widget (GtkWidget *root,
                                GType type);
void sm_test_collect_widgets (GtkWidget *root,
                              GType type,
                              GPtrArray *out);
AdwMessageDialog *sm_test_find_dialog (void);
SmWindow *sm_test_open_window (SmStore *store);
void sm_test_close_window (SmWindow *window);
void sm_test_wait_for_import (SmWindow *window);

G_END_DECLS
