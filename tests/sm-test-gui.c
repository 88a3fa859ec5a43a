#include "config.h"

#include <glib/gi18n.h>

#include "sm-demo.h"
#include "sm-test-gui.h"
#include "sm-test-util.h"

char *sm_test_tmpdir;
char *sm_test_db_path;

/* GTK for tests in the program's own text domain, and the demo town. */
void
sm_test_gui_init (int         *argc,
                  char      ***argv,
                  const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  SmDemoOptions options = { .n_households = 1000, .seed = 3, .until = "2025-06-30" };

  gtk_test_init (argc, argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  sm_test_tmpdir = sm_test_make_dir (prefix);
  sm_test_db_path = g_build_filename (sm_test_tmpdir, "demo.db", NULL);
  {
    g_autoptr(SmStore) store = sm_store_open (sm_test_db_path, &error);

    g_assert_no_error (error);
    g_assert_true (sm_demo_generate (store, &options, NULL, NULL, &error));
  }
}

void
sm_test_gui_finish (void)
{
  sm_test_remove_dir (sm_test_tmpdir);
  g_clear_pointer (&sm_test_tmpdir, g_free);
  g_clear_pointer (&sm_test_db_path, g_free);
}

void
sm_test_iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* With SM_SCREENSHOT_DIR set, saves what the window shows as NAME.png. */
void
sm_test_maybe_screenshot (SmWindow   *window,
                  const char *name)
{
  const char *dir = g_getenv ("SM_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int w, h;

  if (dir == NULL)
    return;
  sm_test_iterate (1500);
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gdk_texture_save_to_png (texture, path);
}

GtkWidget *
sm_test_find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = sm_test_find_widget (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every widget of @type below @root, in the order they are drawn. */
void
sm_test_collect_widgets (GtkWidget  *root,
                 GType       type,
                 GPtrArray  *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    sm_test_collect_widgets (c, type, out);
}

AdwMessageDialog *
sm_test_find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  AdwMessageDialog *found = NULL;

  /* The newest one still shown. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          g_object_get_data (w, "answered") == NULL)
        found = ADW_MESSAGE_DIALOG (w);
    }
  if (found != NULL)
    g_object_set_data (G_OBJECT (found), "answered", GINT_TO_POINTER (1));
  return found;
}

SmWindow *
sm_test_open_window (SmStore *store)
{
  SmWindow *window = sm_window_new (NULL, store);

  gtk_window_present (GTK_WINDOW (window));
  sm_test_iterate (600);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

void
sm_test_close_window (SmWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  sm_test_iterate (100);
}


void
sm_test_wait_for_import (SmWindow *window)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (sm_window_is_importing (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sm_window_is_importing (window));
  sm_test_iterate (50);
}
