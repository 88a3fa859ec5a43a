#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-directory-booklet.h"
#include "sm-jobs.h"
#include "sm-window-private.h"

/* The window's part of the roundtable: the Roundtable page, the
 * roundtable pack made on a worker thread with progress, and the
 * residents' directory. */

void
_sm_window_setup_roundtable (SmWindow *self)
{
  self->roundtable_panel = sm_roundtable_panel_new (self->context);
  gtk_stack_add_titled (self->panel_stack, GTK_WIDGET (self->roundtable_panel), "roundtable", _("Roundtable"));
  g_signal_connect_swapped (self->roundtable_panel, "toast", G_CALLBACK (_sm_window_toast), self);
}

SmRoundtablePanel *
sm_window_get_roundtable_panel (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), NULL);
  return self->roundtable_panel;
}

/* --- the pack ----------------------------------------------------------- */

static void
pack_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(SmWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) written = NULL;

  _sm_window_job_ended (self);
  if (!sm_roundtable_pack_finish (result, &written, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _sm_window_toast (self, _("Cancelled; nothing was written"));
      else
        {
          GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("It Was Not Made"), error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (written[0]);
    g_autofree char *text = g_str_has_suffix (name, ".pdf")
                            ? g_strdup_printf (_("%s is written, its tables beside it"), name)
                            : g_strdup_printf (_("%s is written, an image per month beside it"), name);

    _sm_window_toast (self, text);
  }
}

/**
 * sm_window_make_roundtable_pack:
 * @from: the period's first day (YYYY-MM-DD)
 * @to: its last day
 *
 * Writes the roundtable pack on a worker thread, with progress and
 * Cancel; a toast says when it is written.
 */
void
sm_window_make_roundtable_pack (SmWindow   *self,
                                const char *from,
                                const char *to,
                                const char *path)
{
  SmPackOptions options = { .from = from, .to = to,
                            .k = sm_disclosure_get_k (sm_context_get_disclosure (self->context)) };
  GCancellable *cancellable;

  g_return_if_fail (SM_IS_WINDOW (self));

  cancellable = _sm_window_start_job (self, _("Making the Roundtable Pack"), path);
  sm_roundtable_pack_async (sm_store_get_path (self->store), &options, path, _sm_window_job_progress_cb, self,
                            cancellable, pack_done_cb, g_object_ref (self));
}

/**
 * sm_window_make_timelapse:
 *
 * The hotspots month by month as an animated PNG with an image per
 * month beside it, on a worker thread with progress and Cancel.
 */
void
sm_window_make_timelapse (SmWindow   *self,
                          const char *from,
                          const char *to,
                          const char *path)
{
  SmPackOptions options = { .from = from, .to = to,
                            .k = sm_disclosure_get_k (sm_context_get_disclosure (self->context)) };
  GCancellable *cancellable;

  g_return_if_fail (SM_IS_WINDOW (self));

  cancellable = _sm_window_start_job (self, _("Making the Time-lapse"), path);
  sm_timelapse_async (sm_store_get_path (self->store), &options, path, _sm_window_job_progress_cb, self,
                      cancellable, pack_done_cb, g_object_ref (self));
}

static void
pack_file_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     SmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (g_object_get_data (G_OBJECT (chooser), "timelapse"))
        sm_window_make_timelapse (self, g_object_get_data (G_OBJECT (chooser), "from"),
                                  g_object_get_data (G_OBJECT (chooser), "to"), path);
      else
        sm_window_make_roundtable_pack (self, g_object_get_data (G_OBJECT (chooser), "from"),
                                        g_object_get_data (G_OBJECT (chooser), "to"), path);
    }
  g_object_unref (chooser);
}

static void
pack_period_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         SmWindow         *self)
{
  GtkEditable *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkEditable *to = g_object_get_data (G_OBJECT (dialog), "to");
  gboolean timelapse = g_object_get_data (G_OBJECT (dialog), "timelapse") != NULL;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  GDate a, b;

  if (!g_str_equal (response, "make"))
    return;
  if (!sm_date_parse_any (gtk_editable_get_text (from), &a, NULL) ||
      !sm_date_parse_any (gtk_editable_get_text (to), &b, NULL) || g_date_compare (&a, &b) > 0)
    {
      _sm_window_toast (self, _("The period is not two days, the first before the last"));
      return;
    }
  /* Translators: the file names offered for the roundtable pack and the time-lapse */
  name = g_strdup_printf (timelapse ? _("hotspots-%04d-%02d.png") : _("roundtable-%04d-%02d.pdf"),
                          g_date_get_year (&b), g_date_get_month (&b));
  chooser = gtk_file_chooser_native_new (timelapse ? _("Time-lapse of the Hotspots") : _("Roundtable Pack"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  if (timelapse)
    g_object_set_data (G_OBJECT (chooser), "timelapse", GINT_TO_POINTER (1));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "from", sm_date_to_iso (&a), g_free);
  g_object_set_data_full (G_OBJECT (chooser), "to", sm_date_to_iso (&b), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (pack_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
day_row (GtkWidget  *box,
         const char *label,
         GDate      *day)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = sm_date_to_iso (day);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), entry);
  return entry;
}

static void
roundtable_pack_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  gboolean timelapse = g_str_equal (action_name, "win.timelapse");
  GtkWidget *dialog, *box;
  GDate first, last;

  /* The last twelve whole months. */
  g_date_set_time_t (&last, time (NULL));
  g_date_set_day (&last, 1);
  g_date_subtract_days (&last, 1);
  first = last;
  g_date_subtract_years (&first, 1);
  g_date_add_days (&first, 1);
  dialog = timelapse
    ? adw_message_dialog_new (GTK_WINDOW (self), _("Time-lapse of the Hotspots"),
                              _("The hotspots and the households with open needs by settlement part, one image "
                                "per month for the meeting's screen, and all of them as an animated PNG. The "
                                "colours mean the same every month; counts under k are hidden."))
    : adw_message_dialog_new (GTK_WINDOW (self), _("Roundtable Pack"),
                              _("A PDF for the roundtable: the hotspot maps, tables by settlement part and "
                                "need, the months' trends, signals, referrals, coverage and satisfaction, "
                                "the programme's actions and the indicators. Counts under k are hidden; "
                                "the tables are written beside it as XLSX and CSV."));
  if (timelapse)
    g_object_set_data (G_OBJECT (dialog), "timelapse", GINT_TO_POINTER (1));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_object_set_data (G_OBJECT (dialog), "from", day_row (box, _("_From"), &first));
  g_object_set_data (G_OBJECT (dialog), "to", day_row (box, _("_To"), &last));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "make", _("_Make…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "make", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "make");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (pack_period_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the residents' directory ------------------------------------------- */

/**
 * sm_window_make_directory:
 * @path: the booklet; its web pages go into a folder beside it named
 *   after it
 */
gboolean
sm_window_make_directory (SmWindow    *self,
                          const char  *path,
                          gboolean     large_print,
                          GError     **error)
{
  SmBookletOptions options = { .large_print = large_print };
  const char *dot = strrchr (path, '.');
  g_autofree char *stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path) : g_strdup (path);
  g_autofree char *web = g_strconcat (stem, "-web", NULL);

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  return sm_directory_booklet_write_pdf (self->store, &options, path, error) &&
         sm_directory_booklet_write_html (self->store, &options, web, NULL, error);
}

static void
directory_file_chosen_cb (GtkNativeDialog *chooser,
                          int              response,
                          SmWindow        *self)
{
  gboolean large = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "large"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (sm_window_make_directory (self, path, large, &error))
        _sm_window_toast (self, _("The residents’ directory is written, its web pages beside it"));
      else
        _sm_window_toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
directory_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       SmWindow         *self)
{
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "normal") && !g_str_equal (response, "large"))
    return;
  chooser = gtk_file_chooser_native_new (_("Residents’ Directory"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the file name offered for the residents' directory */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("services.pdf"));
  g_object_set_data (G_OBJECT (chooser), "large", GINT_TO_POINTER (g_str_equal (response, "large")));
  g_signal_connect (chooser, "response", G_CALLBACK (directory_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
directory_booklet_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Residents’ Directory"),
                                              _("A booklet of the services by need and by type, with opening "
                                                "hours, phones and a map per need, and the same as web pages for "
                                                "the town’s website. Only the directory’s public records go in."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "large",
                                    _("_Large Print…"), "normal", _("_Booklet…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "normal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "normal");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (directory_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_sm_window_class_init_roundtable (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.roundtable-pack", NULL, roundtable_pack_action);
  gtk_widget_class_install_action (widget_class, "win.timelapse", NULL, roundtable_pack_action);
  gtk_widget_class_install_action (widget_class, "win.directory-booklet", NULL, directory_booklet_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_8, GDK_ALT_MASK, "win.panel-page", "s", "roundtable");
}
