#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-report-file.h"
#include "sm-signal-report.h"
#include "sm-coverage-window.h"
#include "sm-questionnaire-window.h"
#include "sm-satisfaction-window.h"
#include "sm-survey-window.h"
#include "sm-window-private.h"

/* The signalling system's yearly review from the window: a year and a
 * file, written with the disclosure rule of the window's context. */

/**
 * sm_window_save_signal_report:
 * @path: a .csv, .json or .xlsx file
 *
 * Writes the year's review of the signalling system, as *Signals
 * Report…* does.
 */
gboolean
sm_window_save_signal_report (SmWindow    *self,
                              int          year,
                              const char  *path,
                              GError     **error)
{
  SmDisclosure *disclosure;
  g_autoptr(SmSignalReport) report = NULL;

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  disclosure = sm_context_get_disclosure (self->context);
  report = sm_signal_report_new (self->store, year, disclosure, NULL, error);
  return report != NULL && sm_signal_report_save (report, disclosure, path, NULL, error);
}

static void
report_file_chosen_cb (GtkNativeDialog *chooser,
                       int              response,
                       SmWindow        *self)
{
  int year = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "year"));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (sm_window_save_signal_report (self, year, path, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The signalling system’s review of %d is written"), year);

          _sm_window_toast (self, text);
        }
      else
        _sm_window_toast (self, error->message);
    }
  g_object_unref (chooser);
}

static void
report_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SmWindow         *self)
{
  static const char * const extensions[] = { "xlsx", "csv", "json" };
  GtkSpinButton *year = g_object_get_data (G_OBJECT (dialog), "year");
  AdwComboRow *format = g_object_get_data (G_OBJECT (dialog), "format");
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  int y;

  if (!g_str_equal (response, "report"))
    return;
  y = gtk_spin_button_get_value_as_int (year);
  /* Translators: the file name offered for the yearly report */
  name = g_strdup_printf (_("signals-%d.%s"), y, extensions[MIN (adw_combo_row_get_selected (format), 2)]);
  chooser = gtk_file_chooser_native_new (_("Signals Report"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "year", GINT_TO_POINTER (y));
  g_signal_connect (chooser, "response", G_CALLBACK (report_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sm_window_report_signals_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  const char *formats[] = { "Excel (XLSX)", "CSV", "JSON", NULL };
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (formats);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *dialog, *group, *year_row, *year, *format;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Signals Report"),
                                   _("The signalling system’s yearly review: signals by member, need, "
                                     "urgency and outcome, the time to assessment and to answer, and the "
                                     "case conferences. It leaves the caseworkers’ view, so counts under "
                                     "k are hidden."));
  group = adw_preferences_group_new ();
  year_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (year_row), _("Year"));
  year = gtk_spin_button_new_with_range (2000, g_date_time_get_year (now), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (year), g_date_time_get_year (now) - 1);
  gtk_widget_set_valign (year, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (year_row), year);
  format = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (format_model));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), year_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "report", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "report", ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "year", year);
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_signal_connect (dialog, "response", G_CALLBACK (report_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- the service network's windows ------------------------------------ */

/* The coverage table, following the window's filter. */
void
_sm_window_coverage_table_action (GtkWidget  *widget,
                                  const char *action,
                                  GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  sm_coverage_window_new (GTK_WINDOW (self), self->context);
}

/* Paper questionnaires typed in. */
void
_sm_window_enter_surveys_action (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  sm_survey_window_new (GTK_WINDOW (self), self->context);
}

/* The questionnaires' results. */
void
_sm_window_satisfaction_action (GtkWidget  *widget,
                     const char *action,
                     GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  sm_satisfaction_window_new (GTK_WINDOW (self), self->context);
}

/* The questionnaires written. */
void
_sm_window_questionnaires_action (GtkWidget  *widget,
                                  const char *action,
                                  GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  sm_questionnaire_window_new (GTK_WINDOW (self), self->context);
}
