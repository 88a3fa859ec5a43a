#define G_LOG_DOMAIN "sm-summary-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-report-file.h"
#include "sm-satisfaction.h"
#include "sm-summary-window.h"

struct _SmSummaryWindow
{
  AdwWindow      parent_instance;

  SmContext     *context;
  gint64         questionnaire_id;
  GtkSpinButton *year_spin;
  GtkGrid       *grid;
  GtkLabel      *note;
  GPtrArray     *lines;     /* of GPtrArray of 4 texts, as shown */
};

G_DEFINE_FINAL_TYPE (SmSummaryWindow, sm_summary_window, ADW_TYPE_WINDOW)

static GtkWidget *
cell (const char *text,
      gboolean    heading,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), heading ? 14 : 40);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* Services as rows, the responses and the questions as columns. */
static void
reload (SmSummaryWindow *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year), *to = g_strdup_printf ("%04d-12-31", year);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;
  const char *last = NULL;
  int row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  self->lines = sm_satisfaction_summary_rows (sm_context_get_store (self->context), self->questionnaire_id, from, to,
                                              sm_context_get_disclosure (self->context), &error);
  if (self->lines == NULL)
    {
      gtk_label_set_text (self->note, error->message);
      return;
    }
  gtk_grid_attach (self->grid, cell (_("Service"), TRUE, 0), 0, 0, 1, 1);
  for (guint i = 0; i < self->lines->len; i++)
    {
      GPtrArray *line = g_ptr_array_index (self->lines, i);
      const char *key = line->pdata[1];
      int column = GPOINTER_TO_INT (g_hash_table_lookup (columns, key));
      GtkWidget *value;

      if (column == 0)
        {
          GtkWidget *head = cell (g_str_equal (key, "responses") ? _("Responses") : key, TRUE, 1);

          column = (int) g_hash_table_size (columns) + 1;
          g_hash_table_insert (columns, g_strdup (key), GINT_TO_POINTER (column));
          gtk_widget_set_tooltip_text (head, line->pdata[2]);
          gtk_grid_attach (self->grid, head, column, 0, 1, 1);
        }
      if (g_strcmp0 (last, line->pdata[0]) != 0)
        {
          row++;
          gtk_grid_attach (self->grid, cell (line->pdata[0], FALSE, 0), 0, row, 1, 1);
          last = line->pdata[0];
        }
      value = cell (line->pdata[3], FALSE, 1);
      gtk_widget_add_css_class (value, "numeric");
      gtk_grid_attach (self->grid, value, column, row, 1, 1);
    }
  {
    g_autofree char *note = row == 0
      ? g_strdup_printf (_("No responses in %d."), year)
      : g_strdup_printf (_("Services with fewer than %d responses show only that; yes-or-no questions give the share "
                           "of yes. Hover a column for its question."),
                         sm_disclosure_get_k (sm_context_get_disclosure (self->context)));

    gtk_label_set_text (self->note, note);
  }
}

static void
year_changed_cb (SmSummaryWindow *self)
{
  reload (self);
}

/**
 * sm_summary_window_save:
 * @path: a .csv or .xlsx file
 *
 * Writes the summary as shown.
 */
gboolean
sm_summary_window_save (SmSummaryWindow *self,
                        const char      *path,
                        GError         **error)
{
  g_autofree char *layer = g_strdup_printf ("satisfaction_%d", gtk_spin_button_get_value_as_int (self->year_spin));
  const char *dot = strrchr (path, '.');

  if (self->lines == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no summary to save"));
      return FALSE;
    }
  return sm_report_write_table (self->lines, layer, path,
                                dot != NULL && g_ascii_strcasecmp (dot, ".xlsx") == 0 ? "xlsx" : "csv", error);
}

static void
saved_cb (GtkNativeDialog *dialog,
          int              response,
          SmSummaryWindow *self)
{
  g_autoptr(GFile) file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))
                                                          : NULL;
  g_autofree char *path = file ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  if (path != NULL)
    gtk_label_set_text (self->note, sm_summary_window_save (self, path, &error) ? _("Saved.") : error->message);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
save_clicked_cb (SmSummaryWindow *self)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Save the Yearly Summary"), GTK_WINDOW (self),
                                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  g_autofree char *name = g_strdup_printf ("%s-%d.csv", _("satisfaction"),
                                           gtk_spin_button_get_value_as_int (self->year_spin));

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
sm_summary_window_dispose (GObject *object)
{
  SmSummaryWindow *self = SM_SUMMARY_WINDOW (object);

  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_summary_window_parent_class)->dispose (object);
}

static void
sm_summary_window_class_init (SmSummaryWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_summary_window_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_summary_window_init (SmSummaryWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save…"));
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Yearly Summary of Client Satisfaction"));
  gtk_window_set_default_size (GTK_WINDOW (self), 760, 520);
  self->year_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (2000, 2100, 1));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->year_spin), _("Year"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->year_spin), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Year"), -1);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), GTK_WIDGET (self->year_spin));
  gtk_widget_add_css_class (save, "suggested-action");
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), save);
  gtk_box_append (GTK_BOX (box), header);
  self->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->note, TRUE);
  gtk_label_set_xalign (self->note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->note), "dim-label");
  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 18);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->note));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->grid));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), content);
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_box_append (GTK_BOX (box), scroll);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * sm_summary_window_new:
 *
 * Returns: (transfer none): the window, shown, for last year
 */
SmSummaryWindow *
sm_summary_window_new (GtkWindow *parent,
                       SmContext *context,
                       gint64     questionnaire_id)
{
  SmSummaryWindow *self = g_object_new (SM_TYPE_SUMMARY_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->context = g_object_ref (context);
  self->questionnaire_id = questionnaire_id;
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) - 1);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

void
sm_summary_window_set_year (SmSummaryWindow *self,
                            int              year)
{
  gtk_spin_button_set_value (self->year_spin, year);
  reload (self);
}

/**
 * sm_summary_window_get_lines:
 *
 * Returns: (transfer none) (element-type GPtrArray): the summary shown
 */
GPtrArray *
sm_summary_window_get_lines (SmSummaryWindow *self)
{
  return self->lines;
}
