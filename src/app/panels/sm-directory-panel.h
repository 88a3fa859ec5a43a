#pragma once

#include <gtk/gtk.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The Directory page: every service at each of its places, searched and
 * filtered by kind of provider, service type and the need it answers;
 * a service edited or added, through the directory's rules in core. */

#define SM_TYPE_DIRECTORY_PANEL (sm_directory_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmDirectoryPanel, sm_directory_panel, SM, DIRECTORY_PANEL, GtkBox)

SmDirectoryPanel *sm_directory_panel_new         (SmContext        *context);
void              sm_directory_panel_reload      (SmDirectoryPanel *self);
gboolean          sm_directory_panel_is_drawing  (SmDirectoryPanel *self);
void              sm_directory_panel_add_corner  (SmDirectoryPanel *self,
                                                  double            lat,
                                                  double            lon);
void              sm_directory_panel_undo_corner (SmDirectoryPanel *self);
void              sm_directory_panel_cancel_drawing (SmDirectoryPanel *self);
gboolean          sm_directory_panel_finish_drawing (SmDirectoryPanel *self);
void              sm_directory_panel_use_boundary (SmDirectoryPanel *self,
                                                   gint64            boundary_id);
void              sm_directory_panel_get_sketch  (SmDirectoryPanel  *self,
                                                  GArray           **corners,
                                                  GPtrArray        **catchments);
void              sm_directory_panel_show_place  (SmDirectoryPanel *self,
                                                  double            lat,
                                                  double            lon);
guint             sm_directory_panel_get_n_shown (SmDirectoryPanel *self);
GListModel       *sm_directory_panel_get_shown   (SmDirectoryPanel *self);
gint64            sm_directory_panel_get_editing (SmDirectoryPanel *self);
void              sm_directory_panel_edit        (SmDirectoryPanel *self,
                                                  guint             position);
void              sm_directory_panel_edit_service (SmDirectoryPanel *self,
                                                   gint64            service_id);

gboolean          sm_directory_panel_export      (SmDirectoryPanel *self,
                                                  const char       *path,
                                                  gboolean          csv,
                                                  GError          **error);
char             *sm_directory_panel_import      (SmDirectoryPanel *self,
                                                  const char       *path,
                                                  GError          **error);

char             *sm_directory_panel_import_surveys (SmDirectoryPanel *self,
                                                     const char       *path,
                                                     gint64            service_id,
                                                     GError          **error);

G_END_DECLS
