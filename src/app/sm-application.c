#define G_LOG_DOMAIN "sm-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <epoxy/gl.h>
#include <string.h>

#include "sm-application.h"
#include "sm-demo.h"
#include "sm-window.h"

struct _SmApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SmApplication, sm_application, ADW_TYPE_APPLICATION)

static void
show_error (SmApplication *self,
            const char    *heading,
            const GError  *error)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  if (parent == NULL)
    gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_store (SmApplication *self,
            const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);

  if (store == NULL)
    {
      show_error (self, _("Cannot open the database"), error);
      return;
    }
  gtk_window_present (GTK_WINDOW (sm_window_new (GTK_APPLICATION (self), store)));
}

/* The bundled demo town, created in the user's data folder on first start. */
static char *
ensure_demo (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "social-map", NULL);
  g_autofree char *path = g_build_filename (dir, "demo-tata.db", NULL);
  g_autoptr(SmStore) store = NULL;
  SmDemoOptions options = { .n_households = SM_DEMO_DEFAULT_HOUSEHOLDS,
                            .seed = SM_DEMO_DEFAULT_SEED };

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&path);

  g_mkdir_with_parents (dir, 0700);
  store = sm_store_open (path, error);
  if (store == NULL || !sm_demo_generate (store, &options, NULL, NULL, error))
    {
      g_clear_object (&store);
      g_unlink (path);
      return NULL;
    }
  return g_steal_pointer (&path);
}

static void
sm_application_activate (GApplication *app)
{
  SmApplication *self = SM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *last = NULL;
  g_autofree char *demo = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* The database used last, or the demo town on the first start. */
  settings = g_settings_new (APP_ID);
  last = g_settings_get_string (settings, "last-database");
  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_REGULAR))
    {
      open_store (self, last);
      return;
    }
  demo = ensure_demo (&error);
  if (demo == NULL)
    {
      show_error (self, _("Cannot create the demo town"), error);
      return;
    }
  open_store (self, demo);
}

static void
sm_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        open_store (SM_APPLICATION (app), path);
    }
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char * const data_credits[] = {
    "© OpenStreetMap contributors (ODbL 1.0): boundaries and imported basemaps",
    "KSH Helységnévtár 2018: settlement parts and populations",
    "GeoNames (CC BY 4.0): town centres",
    NULL
  };
  GtkWidget *about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                                   "transient-for", parent,
                                   "application-name", _("Social Map"),
                                   "application-icon", APP_ID,
                                   "version", PACKAGE_VERSION,
                                   "license-type", GTK_LICENSE_GPL_3_0,
                                   "comments", _("Social needs and services of a town on a map. "
                                                 "The demo cases are synthetic."),
                                   NULL);

  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about), _("Map data"),
                                       (const char **) data_credits);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Each window goes through its own guard (unsaved changes, window state);
   * the application ends with its last window. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_list_free (windows);
}

/* The session is ending: a window with unsaved changes holds it up and
 * asks, as closing it would. */
static void
query_end_cb (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (SM_IS_WINDOW (l->data) && sm_window_has_unsaved_changes (SM_WINDOW (l->data)))
      {
        gtk_application_inhibit (app, GTK_WINDOW (l->data), GTK_APPLICATION_INHIBIT_LOGOUT,
                                 _("A case has unsaved changes"));
        gtk_window_close (GTK_WINDOW (l->data));
      }
}

static const GActionEntry app_actions[] = {
  { "about", about_cb },
  { "quit", quit_cb },
};

/**
 * sm_application_choose_renderer:
 *
 * With software OpenGL (Mesa's llvmpipe, as on machines without a graphics
 * card or under Xvfb), GTK's GL renderer draws this window about three
 * times slower than its cairo renderer, too slow to pan smoothly; there the
 * cairo renderer is chosen. GSK_RENDERER set by the user always wins.
 * Call before any window is shown.
 */
void
sm_application_choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  if (renderer != NULL &&
      (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL ||
       strstr (renderer, "SWR") != NULL))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  gdk_gl_context_clear_current ();
}

static void
sm_application_startup (GApplication *app)
{
  static const char * const quit_accels[] = { "<Control>q", NULL };
  static const char * const help_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (sm_application_parent_class)->startup (app);
  sm_application_choose_renderer ();
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         help_accels);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  g_signal_connect (app, "query-end", G_CALLBACK (query_end_cb), NULL);
}

static void
sm_application_class_init (SmApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sm_application_activate;
  app_class->open = sm_application_open;
  app_class->startup = sm_application_startup;
}

static void
sm_application_init (SmApplication *self)
{
}

SmApplication *
sm_application_new (void)
{
  return g_object_new (SM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "register-session", TRUE,
                       NULL);
}
