#define G_LOG_DOMAIN "sm-coverage-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-coverage.h"
#include "sm-coverage-item.h"
#include "sm-coverage-window.h"
#include "sm-date.h"
#include "sm-query.h"

struct _SmCoverageWindow
{
  AdwWindow      parent_instance;

  GtkLabel      *summary;
  GtkColumnView *view;

  SmContext     *context;
  GListStore    *rows;
};

G_DEFINE_FINAL_TYPE (SmCoverageWindow, sm_coverage_window, ADW_TYPE_WINDOW)

static int
by_needs (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = sm_coverage_item_get_shown_needs ((SmCoverageItem *) a);
  gint64 y = sm_coverage_item_get_shown_needs ((SmCoverageItem *) b);

  return (x > y) - (x < y);
}

static int
by_not_covered (gconstpointer a, gconstpointer b, gpointer data)
{
  gint64 x = sm_coverage_item_get_shown_not_covered ((SmCoverageItem *) a);
  gint64 y = sm_coverage_item_get_shown_not_covered ((SmCoverageItem *) b);

  return (x > y) - (x < y);
}

static char *
category_name (GPtrArray *categories,
               gint64     id)
{
  for (guint i = 0; i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);

      if (c->id == id)
        return g_strdup (sm_localized_name (c->name_hu, c->name_en));
    }
  return g_strdup ("?");
}

/* The table for what the filter shows, read again. */
static void
reload (SmCoverageWindow *self)
{
  SmStore *store = sm_context_get_store (self->context);
  SmDisclosure *disclosure = sm_context_get_disclosure (self->context);
  g_autoptr(SmFilter) open = sm_filter_copy (sm_context_get_filter (self->context));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = NULL, needs = NULL;
  g_autoptr(GPtrArray) rows = NULL, categories = sm_store_list_categories (store);
  g_autoptr(SmCoverageSources) sources = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *day = NULL, *text = NULL;
  GDate as_of;

  sm_filter_set_status (open, SM_NEED_OPEN);
  if ((hits = sm_store_query (store, open, &error)) == NULL ||
      (sources = sm_coverage_sources_load (store, &error)) == NULL ||
      (needs = sm_coverage_assess (sources, hits)) == NULL ||
      (rows = sm_coverage_by_part (store, hits, needs, disclosure, &error)) == NULL)
    {
      gtk_label_set_text (self->summary, error ? error->message : "");
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const SmCoverageRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = category_name (categories, row->category);
      g_autofree char *n = sm_disclosure_format_count (disclosure, row->needs, row->needs_state);
      g_autofree char *nc = sm_disclosure_format_count (disclosure, row->not_covered, row->not_covered_state);

      g_ptr_array_add (items, sm_coverage_item_new (name, row->settlement_part ? row->settlement_part
                                                                              : _("The whole town"),
                                                    n, row->needs_state == SM_DISCLOSURE_SHOWN ? row->needs : 0,
                                                    nc, row->not_covered_state == SM_DISCLOSURE_SHOWN
                                                        ? row->not_covered : 0));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), items->pdata,
                       items->len);
  sm_filter_get_as_of (open, &as_of);
  day = sm_date_to_iso (&as_of);
  text = g_strdup_printf (_("Open needs on %s against the %u active services that answer them. Not covered: "
                            "outside every matching service's catchment, no service to answer it, or only "
                            "full services in reach. Counts of fewer than %d households are shown as <%d; "
                            "x hides a count that would give a small one away."),
                          day, sm_coverage_sources_get_n_services (sources), sm_disclosure_get_k (disclosure),
                          sm_disclosure_get_k (disclosure));
  gtk_label_set_text (self->summary, text);
}

static void
store_changed_cb (SmCoverageWindow *self,
                  SmStoreChange     what)
{
  if (what & (SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_BOUNDARIES | SM_STORE_CHANGE_CASES))
    reload (self);
}

GListModel *
sm_coverage_window_get_rows (SmCoverageWindow *self)
{
  g_return_val_if_fail (SM_IS_COVERAGE_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

static void
sm_coverage_window_dispose (GObject *object)
{
  SmCoverageWindow *self = SM_COVERAGE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_COVERAGE_WINDOW);
  g_clear_object (&self->rows);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_coverage_window_parent_class)->dispose (object);
}

static void
sm_coverage_window_class_init (SmCoverageWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_coverage_window_dispose;
  g_type_ensure (SM_TYPE_COVERAGE_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-coverage-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmCoverageWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, SmCoverageWindow, view);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_coverage_window_init (SmCoverageWindow *self)
{
  GListModel *columns;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_list_store_new (SM_TYPE_COVERAGE_ITEM);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                    g_object_ref (gtk_column_view_get_sorter (self->view)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  columns = gtk_column_view_get_columns (self->view);
  for (guint i = 2; i < 4; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (i == 2 ? by_needs : by_not_covered,
                                                                      NULL, NULL));

      gtk_column_view_column_set_sorter (column, sorter);
    }
}

/**
 * sm_coverage_window_new:
 *
 * Returns: (transfer none): the window, shown
 */
SmCoverageWindow *
sm_coverage_window_new (GtkWindow *parent,
                        SmContext *context)
{
  SmCoverageWindow *self = g_object_new (SM_TYPE_COVERAGE_WINDOW, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (sm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (sm_context_get_filter (context), "changed", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
