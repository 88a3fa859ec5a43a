#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SM_TYPE_PREFERENCES_WINDOW (sm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SmPreferencesWindow, sm_preferences_window, SM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

SmPreferencesWindow *sm_preferences_window_new (GtkWindow *parent,
                                                GSettings *settings);

G_END_DECLS
