#define G_LOG_DOMAIN "sm-need-table-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-model.h"
#include "sm-need-table-window.h"
#include "sm-query.h"
#include "sm-store-services.h"

struct _SmNeedTableWindow
{
  AdwWindow   parent_instance;

  SmContext  *context;
  GtkGrid    *grid;
  GtkLabel   *message;
  GHashTable *ticks;      /* "category\ntype" → GtkCheckButton */
  gboolean    filling;
};

G_DEFINE_FINAL_TYPE (SmNeedTableWindow, sm_need_table_window, ADW_TYPE_WINDOW)

static void
toggled_cb (GtkCheckButton    *tick,
            SmNeedTableWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *category = g_object_get_data (G_OBJECT (tick), "category");
  const char *type = g_object_get_data (G_OBJECT (tick), "type");

  if (self->filling)
    return;
  if (!sm_store_set_need_service (sm_context_get_store (self->context), category, type,
                                  gtk_check_button_get_active (tick), &error))
    {
      gtk_label_set_text (self->message, error->message);
      self->filling = TRUE;
      gtk_check_button_set_active (tick, !gtk_check_button_get_active (tick));
      self->filling = FALSE;
    }
  else
    gtk_label_set_text (self->message, "");
}

static void
fill (SmNeedTableWindow *self)
{
  SmStore *store = sm_context_get_store (self->context);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (store);
  g_autoptr(GPtrArray) types = sm_store_list_all_service_types (store, sm_locale_is_hungarian (), NULL);
  g_autoptr(GPtrArray) table = sm_store_list_need_services (store, NULL);

  for (guint c = 0; c < categories->len; c++)
    {
      const SmCategory *cat = g_ptr_array_index (categories, c);
      GtkWidget *label = gtk_label_new (sm_localized_name (cat->name_hu, cat->name_en));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 9);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_set_valign (label, GTK_ALIGN_END);
      gtk_grid_attach (self->grid, label, (int) c + 1, 0, 1, 1);
    }
  for (guint t = 0; types != NULL && t < types->len; t++)
    {
      const SmNamedCode *type = g_ptr_array_index (types, t);
      GtkWidget *label = gtk_label_new (type->name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_grid_attach (self->grid, label, 0, (int) t + 1, 1, 1);
      for (guint c = 0; c < categories->len; c++)
        {
          const SmCategory *cat = g_ptr_array_index (categories, c);
          g_autofree char *tip = g_strdup_printf (_("%s answers %s"), type->name,
                                                  sm_localized_name (cat->name_hu, cat->name_en));
          GtkWidget *tick = gtk_check_button_new ();
          gboolean on = FALSE;

          for (guint i = 0; table != NULL && i < table->len; i++)
            {
              const SmNeedService *row = g_ptr_array_index (table, i);

              on |= g_str_equal (row->category, cat->code) && g_str_equal (row->service_type, type->code);
            }
          gtk_check_button_set_active (GTK_CHECK_BUTTON (tick), on);
          gtk_widget_set_tooltip_text (tick, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (tick), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
          g_object_set_data_full (G_OBJECT (tick), "category", g_strdup (cat->code), g_free);
          g_object_set_data_full (G_OBJECT (tick), "type", g_strdup (type->code), g_free);
          g_signal_connect (tick, "toggled", G_CALLBACK (toggled_cb), self);
          gtk_grid_attach (self->grid, tick, (int) c + 1, (int) t + 1, 1, 1);
          g_hash_table_insert (self->ticks, g_strdup_printf ("%s\n%s", cat->code, type->code), tick);
        }
    }
}

GtkCheckButton *
sm_need_table_window_get_tick (SmNeedTableWindow *self,
                               const char        *category,
                               const char        *service_type)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", category, service_type);

  return g_hash_table_lookup (self->ticks, key);
}

static void
sm_need_table_window_dispose (GObject *object)
{
  SmNeedTableWindow *self = SM_NEED_TABLE_WINDOW (object);

  g_clear_pointer (&self->ticks, g_hash_table_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_need_table_window_parent_class)->dispose (object);
}

static void
sm_need_table_window_class_init (SmNeedTableWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_need_table_window_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_need_table_window_init (SmNeedTableWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *intro = gtk_label_new (_("Tick the needs each type of service answers. The referral dialog offers "
                                      "the services of a need, and coverage counts a need covered by them."));
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);

  self->ticks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_window_set_title (GTK_WINDOW (self), _("Which Service Answers Which Need"));
  gtk_window_set_default_size (GTK_WINDOW (self), 900, 700);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_widget_add_css_class (intro, "dim-label");
  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 6);
  gtk_grid_set_row_spacing (self->grid, 2);
  gtk_widget_set_margin_start (inner, 18);
  gtk_widget_set_margin_end (inner, 18);
  gtk_widget_set_margin_top (inner, 12);
  gtk_widget_set_margin_bottom (inner, 12);
  gtk_box_append (GTK_BOX (inner), intro);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->message));
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->grid));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), inner);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), scroll);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * sm_need_table_window_new:
 *
 * Returns: (transfer none): the window, shown
 */
SmNeedTableWindow *
sm_need_table_window_new (GtkWindow *parent,
                          SmContext *context)
{
  SmNeedTableWindow *self = g_object_new (SM_TYPE_NEED_TABLE_WINDOW, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  self->filling = TRUE;
  fill (self);
  self->filling = FALSE;
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
