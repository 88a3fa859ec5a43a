#define G_LOG_DOMAIN "sm-directory-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-directory-panel.h"
#include "sm-directory-panel-private.h"
#include "sm-error.h"
#include "sm-hsds.h"
#include "sm-import-survey.h"
#include "sm-need-table-window.h"
#include "sm-store-surveys.h"

/* --- exchange ----------------------------------------------------------- */

/**
 * sm_directory_panel_export:
 * @csv: a folder of CSV files with datapackage.json; else one JSON file
 */
gboolean
sm_directory_panel_export (SmDirectoryPanel  *self,
                           const char        *path,
                           gboolean           csv,
                           GError           **error)
{
  return csv ? sm_hsds_export_csv (self->store, path, error) : sm_hsds_export_json (self->store, path, error);
}

/**
 * sm_directory_panel_import:
 *
 * Returns: (transfer full) (nullable): what came of it, for a person; %NULL
 *   with @error when nothing could be imported
 */
char *
sm_directory_panel_import (SmDirectoryPanel  *self,
                           const char        *path,
                           GError           **error)
{
  SmHsdsImport report = { 0 };
  char *text;

  if (!sm_hsds_import (self->store, sm_context_get_geocoder (self->context), path, NULL, &report, error))
    {
      sm_hsds_import_clear (&report);
      return NULL;
    }
  text = report.problems->len == 0
    ? g_strdup_printf (_("%u services imported"), report.n_services)
    : g_strdup_printf (_("%u services imported, %u left out: %s"), report.n_services, report.problems->len,
                       (const char *) report.problems->pdata[0]);
  sm_hsds_import_clear (&report);
  return text;
}

static void
exchange_chosen_cb (GtkNativeDialog  *chooser,
                    int               response,
                    SmDirectoryPanel *self)
{
  const char *what = g_object_get_data (G_OBJECT (chooser), "what");
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (g_str_equal (what, "import"))
        done = sm_directory_panel_import (self, path, &error);
      else if (sm_directory_panel_export (self, path, g_str_equal (what, "csv"), &error))
        done = g_strdup_printf (_("The directory is written to %s"), path);
      g_signal_emit (self, _sm_directory_panel_signals[SM_DIRECTORY_PANEL_TOAST], 0, done ? done : error->message);
    }
  g_object_unref (chooser);
}

static void
exchange_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  SmDirectoryPanel *self = SM_DIRECTORY_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  gboolean import = g_str_equal (action, "directory.import");
  gboolean csv = g_str_equal (action, "directory.export-csv");
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (import ? _("Import a Directory (HSDS)") : _("Export the Directory (HSDS)"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         csv ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         : import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Save"), _("_Cancel"));
  if (!import && !csv)
    /* Translators: the file name offered for the directory in HSDS JSON */
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("directory-hsds.json"));
  g_object_set_data (G_OBJECT (chooser), "what", (gpointer) (import ? "import" : csv ? "csv" : "json"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (exchange_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
need_table_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  SmDirectoryPanel *self = SM_DIRECTORY_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  sm_need_table_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
}

/**
 * sm_directory_panel_import_surveys:
 * @service_id: the service every row is about; 0: a column names it
 *
 * Returns: (transfer full) (nullable): what came of it, for a person; %NULL
 *   with @error when the file cannot be read
 */
char *
sm_directory_panel_import_surveys (SmDirectoryPanel  *self,
                                   const char        *path,
                                   gint64             service_id,
                                   GError           **error)
{
  g_autoptr(GPtrArray) questionnaires = sm_store_list_questionnaires (self->store, error);
  SmSurveyImport report = { 0 };
  char *text;

  if (questionnaires == NULL)
    return NULL;
  if (questionnaires->len == 0 ||
      !sm_survey_import (self->store, path, ((SmQuestionnaire *) questionnaires->pdata[0])->id, service_id,
                         &report, error))
    {
      sm_survey_import_clear (&report);
      if (error != NULL && *error == NULL)
        g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("The database has no questionnaire"));
      return NULL;
    }
  text = report.problems->len == 0
    ? g_strdup_printf (ngettext ("%u response imported", "%u responses imported", report.n_imported),
                       report.n_imported)
    : g_strdup_printf (_("%u responses imported, %u rows left out: %s"), report.n_imported, report.problems->len,
                       (const char *) report.problems->pdata[0]);
  sm_survey_import_clear (&report);
  return text;
}

static void
surveys_chosen_cb (GtkNativeDialog  *chooser,
                   int               response,
                   SmDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  gint64 service = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "service"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      done = sm_directory_panel_import_surveys (self, path, service, &error);
      g_signal_emit (self, _sm_directory_panel_signals[SM_DIRECTORY_PANEL_TOAST], 0, done ? done : error->message);
    }
  g_object_unref (chooser);
}

/* Responses from an online form's table: about the service being edited,
 * or as the file's service column says. */
static void
import_surveys_action (GtkWidget  *widget,
                       const char *action,
                       GVariant   *parameter)
{
  SmDirectoryPanel *self = SM_DIRECTORY_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *title = self->editing != 0
    ? g_strdup_printf (_("Import Questionnaires about Service %lld"), (long long) self->editing)
    : g_strdup (_("Import Questionnaires"));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                                               _("_Cancel"));

  g_object_set_data (G_OBJECT (chooser), "service", GSIZE_TO_POINTER ((gsize) self->editing));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (surveys_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sm_directory_panel_install_exchange (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "directory.export-json", NULL, exchange_action);
  gtk_widget_class_install_action (widget_class, "directory.export-csv", NULL, exchange_action);
  gtk_widget_class_install_action (widget_class, "directory.import", NULL, exchange_action);
  gtk_widget_class_install_action (widget_class, "directory.need-table", NULL, need_table_action);
  gtk_widget_class_install_action (widget_class, "directory.import-surveys", NULL, import_surveys_action);
}
