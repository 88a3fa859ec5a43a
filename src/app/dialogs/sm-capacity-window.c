#define G_LOG_DOMAIN "sm-capacity-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-capacity-item.h"
#include "sm-capacity-window.h"
#include "sm-date.h"
#include "sm-text-cell.h"

struct _SmCapacityWindow
{
  AdwWindow       parent_instance;

  SmContext      *context;
  GtkEntry       *from_entry;
  GtkEntry       *to_entry;
  GtkLabel       *summary;
  GtkColumnView  *view;
  GListStore     *items;
};

G_DEFINE_FINAL_TYPE (SmCapacityWindow, sm_capacity_window, ADW_TYPE_WINDOW)

/* The period as typed (any date form the importer takes), as ISO days;
 * FALSE with the field focused and the summary saying why. */
static gboolean
read_day (SmCapacityWindow  *self,
          GtkEntry          *entry,
          char             **iso)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  GDate day;

  *iso = NULL;
  if (*text == '\0')
    return TRUE;
  if (!sm_date_parse_any (text, &day, &error))
    {
      gtk_label_set_text (self->summary, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  *iso = sm_date_to_iso (&day);
  return TRUE;
}

static void
reload (SmCapacityWindow *self)
{
  g_autofree char *from = NULL, *to = NULL, *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 received = 0, declined = 0;

  if (!read_day (self, self->from_entry, &from) || !read_day (self, self->to_entry, &to))
    return;
  rows = sm_store_list_capacity_rows (sm_context_get_store (self->context), from, to, &error);
  if (rows == NULL)
    {
      gtk_label_set_text (self->summary, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      SmCapacityRow *row = g_ptr_array_index (rows, i);

      received += row->received;
      declined += row->declined_no_capacity;
    }
  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (items, sm_capacity_item_new (g_ptr_array_index (rows, i)));
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  {
    g_autofree char *n_received = g_strdup_printf ("%'" G_GINT64_FORMAT, received);
    g_autofree char *n_declined = g_strdup_printf ("%'" G_GINT64_FORMAT, declined);

    /* Translators: the summary of the capacity report; the first and the
     * last %s are numbers */
    text = g_strdup_printf (_("%s referrals received by %u services, %s of them declined for lack of capacity. "
                              "Free capacity and waiting lists are as the services last gave them."),
                            n_received, rows->len, n_declined);
  }
  gtk_label_set_text (self->summary, text);
}

static void
period_changed_cb (SmCapacityWindow *self)
{
  reload (self);
}

static void
store_changed_cb (SmCapacityWindow *self,
                  SmStoreChange     change)
{
  if (change & (SM_STORE_CHANGE_CASEWORK | SM_STORE_CHANGE_SERVICES))
    reload (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  data)
{
  guint column = GPOINTER_TO_UINT (data);
  GtkWidget *cell = sm_text_cell_new (column == SM_CAPACITY_COLUMN_SERVICE ? 2 : 1,
                                      column == SM_CAPACITY_COLUMN_SERVICE ? 34 : 10);

  if (column != SM_CAPACITY_COLUMN_SERVICE)
    sm_text_cell_set_xalign (SM_TEXT_CELL (cell), 1);
  gtk_list_item_set_child (item, cell);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  data)
{
  SmCapacityItem *capacity = gtk_list_item_get_item (item);
  g_autofree char *text = sm_capacity_item_text (capacity, GPOINTER_TO_UINT (data));

  sm_text_cell_set_text (SM_TEXT_CELL (gtk_list_item_get_child (item)), text,
                         GPOINTER_TO_UINT (data) == SM_CAPACITY_COLUMN_SERVICE
                         ? sm_capacity_item_get_row (capacity)->organization_name : NULL);
}

static int
compare_cb (gconstpointer a,
            gconstpointer b,
            gpointer      column)
{
  return sm_capacity_item_compare ((SmCapacityItem *) a, (SmCapacityItem *) b, GPOINTER_TO_UINT (column));
}

static void
add_columns (SmCapacityWindow *self)
{
  const char *titles[SM_CAPACITY_N_COLUMNS] = {
    _("Service"), _("Received"), _("Declined, no capacity"), _("Free"), _("Waiting"),
  };
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  for (guint i = 0; i < SM_CAPACITY_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cb, GUINT_TO_POINTER (i), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (titles[i], g_object_ref (factory));
      gtk_column_view_column_set_expand (column, i == SM_CAPACITY_COLUMN_SERVICE);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->view, column);
    }
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (sorted)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  /* Where capacity is missing first. */
  {
    g_autoptr(GtkColumnViewColumn) declined = g_list_model_get_item (gtk_column_view_get_columns (self->view),
                                                                     SM_CAPACITY_COLUMN_DECLINED);

    gtk_column_view_sort_by_column (self->view, declined, GTK_SORT_DESCENDING);
  }
}

static void
sm_capacity_window_dispose (GObject *object)
{
  SmCapacityWindow *self = SM_CAPACITY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_CAPACITY_WINDOW);
  g_clear_object (&self->items);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_capacity_window_parent_class)->dispose (object);
}

static void
sm_capacity_window_class_init (SmCapacityWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_capacity_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-capacity-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmCapacityWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, SmCapacityWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, SmCapacityWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, SmCapacityWindow, view);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_capacity_window_init (SmCapacityWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (SM_TYPE_CAPACITY_ITEM);
  add_columns (self);
}

/**
 * sm_capacity_window_new:
 *
 * Returns: (transfer none): the window, shown, for the last twelve months
 */
SmCapacityWindow *
sm_capacity_window_new (GtkWindow *parent,
                        SmContext *context)
{
  SmCapacityWindow *self = g_object_new (SM_TYPE_CAPACITY_WINDOW, "transient-for", parent, NULL);
  g_autofree char *from = NULL;
  GDate year_ago;

  self->context = g_object_ref (context);
  g_date_clear (&year_ago, 1);
  g_date_set_time_t (&year_ago, time (NULL));
  g_date_subtract_years (&year_ago, 1);
  g_date_add_days (&year_ago, 1);
  from = sm_date_to_iso (&year_ago);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from);
  g_signal_connect_object (sm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * sm_capacity_window_get_model:
 *
 * Returns: (transfer none): the rows as shown, sorted
 */
GListModel *
sm_capacity_window_get_model (SmCapacityWindow *self)
{
  g_return_val_if_fail (SM_IS_CAPACITY_WINDOW (self), NULL);
  return G_LIST_MODEL (gtk_column_view_get_model (self->view));
}

/**
 * sm_capacity_window_set_period:
 * @from: (nullable): a day as people write it; %NULL: from the first
 * @to: (nullable): %NULL: to today
 */
void
sm_capacity_window_set_period (SmCapacityWindow *self,
                               const char       *from,
                               const char       *to)
{
  g_return_if_fail (SM_IS_CAPACITY_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from ? from : "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to ? to : "");
  reload (self);
}
