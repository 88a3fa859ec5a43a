#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sm-basemap.h"
#include "sm-basemap-source.h"
#include "sm-boundary.h"
#include "sm-disclosure.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-hotspot.h"
#include "sm-hotspot-layer.h"
#include "sm-hotspot-panel.h"
#include "sm-import.h"
#include "sm-mbtiles-source.h"
#include "sm-online-tile-source.h"
#include "sm-plain-tile-source.h"
#include "sm-preferences-window.h"
#include "sm-query.h"
#include "sm-review-panel.h"
#include "sm-jobs.h"
#include "sm-window-private.h"


#define OSM_TILE_URL "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

/* --- importing a basemap ---------------------------------------------- */

void
_sm_window_job_progress_cb (double   fraction,
                    gpointer data)
{
  SmWindow *self = data;

  if (self->import_bar != NULL)
    gtk_progress_bar_set_fraction (self->import_bar, fraction);
}

/* The job has ended, one way or another. */
void
_sm_window_job_ended (SmWindow *self)
{
  if (self->import_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->import_dialog), (gpointer *) &self->import_dialog);
      gtk_window_destroy (self->import_dialog);
      self->import_dialog = NULL;
    }
  g_clear_object (&self->import_bar);
  g_clear_object (&self->import_cancellable);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SmBasemapImportStats stats;

  _sm_window_job_ended (self);
  if (!sm_basemap_import_osm_finish (result, &stats, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self),
                                                     _("The Extract Was Not Imported"),
                                                     error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (alert));
        }
      else
        _sm_window_toast (self, _("Import cancelled; the basemap is as it was"));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("Imported %u map features and %u addresses"),
                                             stats.n_features, stats.n_addresses);
    _sm_window_toast (self, text);
  }
  g_settings_set_string (self->settings, "basemap", "local");
  _sm_window_apply_basemap (self);
  sm_context_reload_geocoder (self->context);
  sm_store_check_outside (self->store);
}

gboolean
sm_window_is_importing (SmWindow *self)
{
  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

static void
import_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           SmWindow         *self)
{
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static gboolean
keep_open_cb (GtkWindow *window)
{
  return TRUE;
}

/* A dialog with a progress bar and Cancel, open until the work stops; the
 * job's cancellable. */
GCancellable *
_sm_window_start_job (SmWindow   *self,
                  const char *heading,
                  const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, base);

  self->import_bar = GTK_PROGRESS_BAR (g_object_ref_sink (gtk_progress_bar_new ()));
  gtk_progress_bar_set_show_text (self->import_bar, TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (self->import_bar));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_dialog_response_cb), self);
  /* The dialog closes itself on "cancel"; keep it until the work stops. */
  g_signal_connect (dialog, "close-request", G_CALLBACK (keep_open_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  self->import_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->import_dialog);
  self->import_cancellable = g_cancellable_new ();
  return self->import_cancellable;
}

/**
 * sm_window_import_osm:
 *
 * Imports an OpenStreetMap extract as the database's basemap on a worker
 * thread, with a progress dialog that can cancel it.
 */
void
sm_window_import_osm (SmWindow   *self,
                      const char *osm_path)
{
  GCancellable *cancellable = _sm_window_start_job (self, _("Importing the Basemap"), osm_path);

  sm_basemap_import_osm_async (sm_store_get_path (self->store), osm_path, NULL, _sm_window_job_progress_cb,
                               self, cancellable, import_done_cb, g_object_ref (self));
}

/* The local path a file dialog was answered with, or NULL. */
static char *
chosen_path (GtkNativeDialog *dialog,
             int              response)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
import_chosen_cb (GtkNativeDialog *dialog,
                  int              response,
                  SmWindow        *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    sm_window_import_osm (self, path);
  g_object_unref (dialog);
}

void
_sm_window_import_osm_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->import_cancellable != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Import an OpenStreetMap Extract"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("OpenStreetMap extracts (.osm.pbf, .osm)"));
  gtk_file_filter_add_pattern (filter, "*.osm.pbf");
  gtk_file_filter_add_pattern (filter, "*.pbf");
  gtk_file_filter_add_pattern (filter, "*.osm");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- importing cases ------------------------------------------------- */

static const struct {
  const char *field;
  const char *label;
} field_labels[] = {
  { "household_key", N_("Household (rows with the same value are one household)") },
  { "address", N_("Address") },
  { "postal_code", N_("Postal code") },
  { "settlement", N_("Settlement") },
  { "settlement_part", N_("Settlement part") },
  { "x", N_("Longitude or EOV easting") },
  { "y", N_("Latitude or EOV northing") },
  { "family_name", N_("Family name") },
  { "given_name", N_("Given name") },
  { "birth_year", N_("Birth year") },
  { "sex", N_("Sex") },
  { "role", N_("Role in the household") },
  { "need_category", N_("Need category") },
  { "need_severity", N_("Severity") },
  { "need_assessed_on", N_("Assessed on") },
  { "need_resolved_on", N_("Resolved on") },
  { "need_note", N_("Note") },
};

static void start_case_import (SmWindow   *self,
                               const char *path,
                               GHashTable *columns,
                               gboolean    skip_bad_rows);

static void
rejected_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SmWindow         *self)
{
  if (g_str_equal (response, "import"))
    start_case_import (self, g_object_get_data (G_OBJECT (dialog), "path"),
                       g_object_get_data (G_OBJECT (dialog), "columns"), TRUE);
}

typedef struct {
  SmWindow   *window;
  char       *path;
  GHashTable *columns;
  gboolean    skip_bad_rows;
} CaseImport;

static void
case_import_free (CaseImport *job)
{
  g_object_unref (job->window);
  g_free (job->path);
  g_hash_table_unref (job->columns);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseImport, case_import_free)

static void
case_import_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CaseImport) job = user_data;
  SmWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmImportReport) report = NULL;
  g_autofree char *text = NULL;

  _sm_window_job_ended (self);
  if (!sm_import_file_finish (result, &report, &error))
    {
      GtkWidget *alert;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _sm_window_toast (self, _("Import cancelled; nothing was imported"));
          return;
        }
      if (report != NULL && report->rejected->len > 0 && !job->skip_bad_rows)
        {
          g_autoptr(GString) body = g_string_new (error->message);

          /* A table's rows as the spreadsheet numbers them: its header is row 1. */
          const char *dot = strrchr (job->path, '.');
          guint header = dot != NULL && (g_ascii_strcasecmp (dot, ".csv") == 0 || g_ascii_strcasecmp (dot, ".xlsx") == 0 ||
                                         g_ascii_strcasecmp (dot, ".ods") == 0 || g_ascii_strcasecmp (dot, ".txt") == 0 ||
                                         g_ascii_strcasecmp (dot, ".tsv") == 0) ? 1 : 0;

          g_string_append (body, "\n");
          for (guint i = 0; i < MIN (report->rejected->len, 12); i++)
            {
              SmImportRejection *r = g_ptr_array_index (report->rejected, i);

              g_string_append_printf (body, _("\nRow %u: %s"), r->row + header, r->reason);
            }
          if (report->rejected->len > 12)
            g_string_append_printf (body, _("\n… and %u more"), report->rejected->len - 12);
          alert = adw_message_dialog_new (GTK_WINDOW (self), _("Some Rows Cannot Be Imported"),
                                          body->str);
          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (alert), "cancel", _("_Cancel"),
                                            "import", _("Import the _Others"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), "import",
                                                      ADW_RESPONSE_SUGGESTED);
          /* The retry needs the file and the mapping, which outlive the job. */
          g_object_set_data_full (G_OBJECT (alert), "path", g_strdup (job->path), g_free);
          g_object_set_data_full (G_OBJECT (alert), "columns", g_hash_table_ref (job->columns),
                                  (GDestroyNotify) g_hash_table_unref);
          g_signal_connect (alert, "response", G_CALLBACK (rejected_response_cb), self);
          gtk_window_present (GTK_WINDOW (alert));
          return;
        }
      alert = adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Not Imported"),
                                      error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  /* Placed by address means at the street or the house; the rest is on
   * the review list, placed at a settlement part or centre or not at all. */
  text = g_strdup_printf (_("Imported %u households with %u needs; %u placed at their address, %u to review"),
                          report->n_households, report->n_needs, report->n_at_address, report->n_review);
  _sm_window_toast (self, text);
  /* The import wrote through its own connection. */
  sm_store_check_outside (self->store);
  if (report->n_review > 0)
    {
      gtk_stack_set_visible_child_name (self->panel_stack, "review");
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
}

static void
start_case_import (SmWindow   *self,
                   const char *path,
                   GHashTable *columns,
                   gboolean    skip_bad_rows)
{
  CaseImport *job = g_new0 (CaseImport, 1);
  SmImportOptions options = { .target = SM_IMPORT_HOUSEHOLDS, .columns = columns,
                              .skip_bad_rows = skip_bad_rows };
  GCancellable *cancellable = _sm_window_start_job (self, _("Importing"), path);

  job->window = g_object_ref (self);
  job->path = g_strdup (path);
  job->columns = g_hash_table_ref (columns);
  job->skip_bad_rows = skip_bad_rows;
  sm_import_file_async (sm_store_get_path (self->store), path, &options, _sm_window_job_progress_cb, self,
                        cancellable, case_import_done_cb, job);
}

/**
 * sm_window_import_cases:
 * @columns: field → column, as the mapping dialog gives it
 *
 * Imports households from a file on a worker thread, with progress; rows
 * that cannot be imported are listed and, with consent, left out.
 */
void
sm_window_import_cases (SmWindow   *self,
                        const char *path,
                        GHashTable *columns)
{
  g_return_if_fail (SM_IS_WINDOW (self));

  start_case_import (self, path, columns, FALSE);
}

static void
mapping_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SmWindow         *self)
{
  GPtrArray *rows = g_object_get_data (G_OBJECT (dialog), "rows");
  char **columns = g_object_get_data (G_OBJECT (dialog), "columns");
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");
  g_autoptr(GHashTable) mapping = NULL;

  if (!g_str_equal (response, "import"))
    return;
  mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (rows, i);
      guint selected = adw_combo_row_get_selected (row);

      if (selected > 0)
        g_hash_table_insert (mapping, g_strdup (g_object_get_data (G_OBJECT (row), "field")),
                             g_strdup (columns[selected - 1]));
    }
  start_case_import (self, path, mapping, FALSE);
}

/* Under each field, what the chosen column holds in the first rows. */
static void
show_example (AdwComboRow *row,
              GParamSpec  *pspec,
              GPtrArray   *preview)
{
  guint column = adw_combo_row_get_selected (row);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; column > 0 && column != GTK_INVALID_LIST_POSITION && r < preview->len; r++)
    {
      GStrv values = g_ptr_array_index (preview, r);

      if (column - 1 < g_strv_length (values) && *values[column - 1] != '\0')
        g_string_append_printf (text, "%s%s", text->len ? " · " : "", values[column - 1]);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text->str);
}

/* Which column holds what: the remembered or guessed mapping, for the
 * person to confirm or change, with what the first rows hold. */
static void
ask_mapping (SmWindow   *self,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = sm_import_read_columns (path, NULL, &error);
  g_autoptr(GHashTable) suggested = NULL;
  g_autoptr(GtkStringList) model = NULL;
  g_autofree char *base = g_path_get_basename (path);
  GtkWidget *dialog, *group, *scroller;
  GPtrArray *rows, *preview;

  if (columns == NULL)
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("The File Cannot Be Read"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return;
    }
  suggested = sm_import_suggest_columns (self->store, SM_IMPORT_HOUSEHOLDS,
                                         (const char * const *) columns);
  model = gtk_string_list_new (NULL);
  gtk_string_list_append (model, _("(not in the file)"));
  for (guint i = 0; columns[i] != NULL; i++)
    gtk_string_list_append (model, columns[i]);

  preview = sm_import_read_preview (path, NULL, 3, NULL);
  if (preview == NULL)
    preview = g_ptr_array_new ();
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Which Column Holds What?"), base);
  g_object_set_data_full (G_OBJECT (dialog), "preview", preview, (GDestroyNotify) g_ptr_array_unref);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Under each field, what the chosen column holds in the file's first rows."));
  rows = g_ptr_array_new ();
  for (guint f = 0; f < G_N_ELEMENTS (field_labels); f++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *column = g_hash_table_lookup (suggested, field_labels[f].field);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(field_labels[f].label));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      for (guint i = 0; column != NULL && columns[i] != NULL; i++)
        if (g_str_equal (columns[i], column))
          adw_combo_row_set_selected (row, i + 1);
      g_object_set_data (G_OBJECT (row), "field", (gpointer) field_labels[f].field);
      g_signal_connect (row, "notify::selected", G_CALLBACK (show_example), preview);
      show_example (row, NULL, preview);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
      g_ptr_array_add (rows, row);
    }
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  /* Wide enough for the fields' names and the examples. */
  gtk_widget_set_size_request (scroller, 560, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), group);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "rows", rows, (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "columns", g_steal_pointer (&columns),
                          (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (mapping_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * sm_window_ask_import_mapping:
 *
 * What choosing a file to import does: asks which column holds what.
 */
void
sm_window_ask_import_mapping (SmWindow   *self,
                              const char *path)
{
  g_return_if_fail (SM_IS_WINDOW (self));
  ask_mapping (self, path);
}

static void
cases_file_chosen_cb (GtkNativeDialog *dialog,
                      int              response,
                      SmWindow        *self)
{
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL)
    ask_mapping (self, path);
  g_object_unref (dialog);
}

void
_sm_window_import_cases_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  static const char * const patterns[] = {
    "*.csv", "*.xlsx", "*.ods", "*.geojson", "*.json", "*.gpkg", "*.shp", "*.xls"
  };

  if (self->import_cancellable != NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Import Households"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Tables and GIS files"));
  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (cases_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* --- exporting -------------------------------------------------------- */

/**
 * sm_window_export:
 *
 * Writes what the window's filter shows; says how it went in a _sm_window_toast or a
 * dialog. Returns: whether the file was written
 */
gboolean
sm_window_export (SmWindow              *self,
                  const char            *path,
                  const SmExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *base = g_path_get_basename (path);
  guint n = 0;

  g_return_val_if_fail (SM_IS_WINDOW (self), FALSE);

  if (!sm_export (self->store, self->filter, path, NULL, options, &n, &error))
    {
      GtkWidget *alert = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing Was Exported"),
                                                 error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (alert));
      return FALSE;
    }
  text = g_strdup_printf (ngettext ("Wrote %u row to %s", "Wrote %u rows to %s", n), n, base);
  _sm_window_toast (self, text);
  return TRUE;
}

static void
personal_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      SmWindow         *self)
{
  SmExportOptions *options = g_object_get_data (G_OBJECT (dialog), "options");

  if (!g_str_equal (response, "write"))
    return;
  options->personal = TRUE;
  sm_window_export (self, g_object_get_data (G_OBJECT (dialog), "path"), options);
}

static void
export_file_chosen_cb (GtkNativeDialog *dialog,
                       int              response,
                       SmWindow        *self)
{
  SmExportOptions *options = g_object_get_data (G_OBJECT (dialog), "options");
  g_autofree char *path = chosen_path (dialog, response);

  if (path != NULL && options->kind == SM_EXPORT_CASES && !options->personal)
    {
      /* The exact cases are personal data: written only when the person
       * says so, knowing it. */
      GtkWidget *ask = adw_message_dialog_new (GTK_WINDOW (self), _("Write Personal Data?"),
                                               _("The file will hold the exact place of every "
                                                 "household shown and the dates of its needs. "
                                                 "Keep it inside the office and delete it when "
                                                 "it is no longer needed. Coarsened cases (grid "
                                                 "cells and months) are safer to pass on."));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (ask), "cancel", _("_Cancel"),
                                        "write", _("_Write Personal Data"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (ask), "write",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      g_object_set_data_full (G_OBJECT (ask), "options", g_memdup2 (options, sizeof *options), g_free);
      g_object_set_data_full (G_OBJECT (ask), "path", g_steal_pointer (&path), g_free);
      g_signal_connect (ask, "response", G_CALLBACK (personal_response_cb), self);
      gtk_window_present (GTK_WINDOW (ask));
    }
  else if (path != NULL)
    sm_window_export (self, path, options);
  g_object_unref (dialog);
}

static void
export_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    SmWindow         *self)
{
  static const char * const extensions[] = { "gpkg", "geojson", "csv", "xlsx" };
  AdwComboRow *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  AdwComboRow *format = g_object_get_data (G_OBJECT (dialog), "format");
  GtkSpinButton *k = g_object_get_data (G_OBJECT (dialog), "k");
  GtkFileChooserNative *chooser;
  SmExportOptions *options;
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "export"))
    return;
  options = g_new0 (SmExportOptions, 1);
  options->kind = (SmExportKind) adw_combo_row_get_selected (kind);
  options->k = gtk_spin_button_get_value_as_int (k);
  name = g_strdup_printf ("%s.%s", options->kind == SM_EXPORT_CASES ? _("cases")
                                   : options->kind == SM_EXPORT_CASES_COARSE ? _("cases-coarse")
                                   : options->kind == SM_EXPORT_GRID ? _("grid") : _("settlement-parts"),
                          extensions[MIN (adw_combo_row_get_selected (format), 3)]);
  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "options", options, g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
_sm_window_export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  const char *kinds[] = { _("Cases, with exact places and dates (personal data)"),
                          _("Counts per 250 m grid cell"), _("Counts per settlement part"),
                          _("Cases in 250 m cells, by month"), NULL };
  const char *formats[] = { "GeoPackage", "GeoJSON", "CSV", "Excel (XLSX)", NULL };
  g_autoptr(GtkStringList) kind_model = gtk_string_list_new (kinds);
  g_autoptr(GtkStringList) format_model = gtk_string_list_new (formats);
  GtkWidget *dialog, *group, *kind, *format, *k_row, *k;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Export What the Map Shows"),
                                   _("Counts are for planners and partners: no names, no exact "
                                     "places, and no counts of fewer than k persons or "
                                     "households. Cases carry exact places: keep them inside "
                                     "the office."));
  group = adw_preferences_group_new ();
  kind = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (kind), _("What"));
  adw_combo_row_set_model (ADW_COMBO_ROW (kind), G_LIST_MODEL (kind_model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), 2);
  format = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (format), _("Format"));
  adw_combo_row_set_model (ADW_COMBO_ROW (format), G_LIST_MODEL (format_model));
  k_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (k_row), _("Smallest count shown (k)"));
  k = gtk_spin_button_new_with_range (SM_DISCLOSURE_MIN_K, 100, 1);
  gtk_widget_set_valign (k, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (k_row), k);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), kind);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), format);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), k_row);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "format", format);
  g_object_set_data (G_OBJECT (dialog), "k", k);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- databases -------------------------------------------------------- */

static void
database_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    SmWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      g_application_open (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                          &file, 1, "");
    }
  g_object_unref (dialog);
}

static void
choose_database (SmWindow             *self,
                 GtkFileChooserAction  action,
                 const char           *title,
                 const char           *accept)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                                              accept, _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Social Map databases"));
  gtk_file_filter_add_pattern (filter, "*.db");
  gtk_file_filter_add_pattern (filter, "*.sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("town.db"));
  g_signal_connect (dialog, "response", G_CALLBACK (database_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_sm_window_open_database_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  choose_database (SM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN, _("Open a Database"),
                   _("_Open"));
}

void
_sm_window_new_database_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_database (SM_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SAVE, _("New Database"),
                   _("_Create"));
}

static void
hide_basemap_hint_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);

  g_object_set_data (G_OBJECT (self), "basemap-hint-hidden", GINT_TO_POINTER (1));
  gtk_widget_set_visible (self->basemap_hint, FALSE);
}

void
_sm_window_class_init_files (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.hide-basemap-hint", NULL, hide_basemap_hint_action);
}
