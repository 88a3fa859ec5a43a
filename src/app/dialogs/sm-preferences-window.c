#define G_LOG_DOMAIN "sm-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-preferences-window.h"

/* The basemap source, straight on the settings the window follows. */

struct _SmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwActionRow         *mbtiles_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (SmPreferencesWindow, sm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
show_mbtiles_path (SmPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "mbtiles-path");

  adw_action_row_set_subtitle (self->mbtiles_row, *path ? path : _("None chosen"));
}

static void
mbtiles_chosen_cb (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  SmPreferencesWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          g_settings_set_string (self->settings, "mbtiles-path", path);
          g_settings_set_string (self->settings, "basemap", "mbtiles");
        }
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
choose_mbtiles_cb (SmPreferencesWindow *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Choose an MBTiles File"),
                                                              GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN,
                                                              _("_Choose"), _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("MBTiles files"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (mbtiles_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sm_preferences_window_dispose (GObject *object)
{
  SmPreferencesWindow *self = SM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_PREFERENCES_WINDOW);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (sm_preferences_window_parent_class)->dispose (object);
}

static void
sm_preferences_window_class_init (SmPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmPreferencesWindow, mbtiles_row);
  gtk_widget_class_bind_template_callback (widget_class, choose_mbtiles_cb);
}

static void
sm_preferences_window_init (SmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SmPreferencesWindow *
sm_preferences_window_new (GtkWindow *parent,
                           GSettings *settings)
{
  SmPreferencesWindow *self = g_object_new (SM_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            NULL);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) basemap = g_settings_create_action (settings, "basemap");

  self->settings = g_object_ref (settings);
  g_action_map_add_action (G_ACTION_MAP (group), basemap);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  g_signal_connect_swapped (settings, "changed::mbtiles-path", G_CALLBACK (show_mbtiles_path), self);
  show_mbtiles_path (self);
  return self;
}
