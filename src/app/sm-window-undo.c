#define G_LOG_DOMAIN "sm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-window-private.h"

/* The Case page's saves and deletions as the window tells of them: the
 * notice after a save, deleting with a few seconds to change one's mind,
 * and undoing either (Ctrl+Z or the notice's button). */

/* --- saving ----------------------------------------------------------- */

static void
save_toast_dismissed_cb (SmWindow *self)
{
  g_clear_object (&self->save_toast);
}

/* The "Saved" notice, taken away (a new one, or its undo, follows). */
static void
dismiss_save_toast (SmWindow *self)
{
  if (self->save_toast == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->save_toast, self);
  adw_toast_dismiss (self->save_toast);
  g_clear_object (&self->save_toast);
}

void
_sm_window_case_saved_cb (SmWindow *self,
               gint64    household_id)
{
  SmGeocodeQuality placed = sm_case_panel_get_last_geocode (self->case_panel);

  const char *text;

  sm_case_layer_set_selected (self->case_layer, household_id);
  _sm_window_update_case_actions (self);
  if (placed == SM_GEOCODE_ADDRESS || placed == SM_GEOCODE_INTERPOLATED || placed == SM_GEOCODE_STREET)
    text = _("Saved and placed by its address");
  else if (placed != SM_GEOCODE_NONE)
    text = _("Saved; its address could not be placed on a street, so it is on the review list");
  else
    text = _("Saved");
  /* The save can be undone (Ctrl+Z) until another household is shown or
   * the form is edited again; the toast says so. */
  dismiss_save_toast (self);
  self->save_toast = g_object_ref (adw_toast_new (text));
  adw_toast_set_button_label (self->save_toast, _("_Undo"));
  adw_toast_set_action_name (self->save_toast, "win.undo");
  adw_toast_set_timeout (self->save_toast, 10);
  g_signal_connect_swapped (self->save_toast, "dismissed", G_CALLBACK (save_toast_dismissed_cb), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
  adw_toast_overlay_add_toast (self->toasts, self->save_toast);
}

/* --- deleting, with undo ---------------------------------------------- */

typedef struct {
  SmWindow     *self;
  GApplication *app;    /* held until done; NULL outside an application */
  gint64        id;
} Deletion;

/* The database is free (or the wait ran out): delete, or say why not. The
 * household stays hidden until then; the application stays up for it even
 * when the window has closed. */
static void
delete_writable_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Deletion *d = data;
  SmWindow *self = d->self;
  g_autoptr(GError) error = NULL;
  gboolean gone = gtk_widget_in_destruction (GTK_WIDGET (self));

  if (sm_store_wait_writable_finish (SM_STORE (source), result, &error))
    sm_store_delete_household (SM_STORE (source), d->id, &error);
  if (error != NULL && gone)
    g_warning ("Household %" G_GINT64_FORMAT " was not deleted: %s", d->id, error->message);
  else if (error != NULL)
    _sm_window_toast (self, error->message);
  if (!gone && self->pending_delete == 0)
    {
      sm_case_layer_set_hidden (self->case_layer, 0);
      sm_search_box_set_hidden (self->search_box, 0);
    }
  if (d->app != NULL)
    {
      g_application_release (d->app);
      g_object_unref (d->app);
    }
  g_object_unref (self);
  g_free (d);
}

void
_sm_window_commit_pending_delete (SmWindow *self)
{
  Deletion *d;

  if (self->pending_delete == 0)
    return;
  d = g_new0 (Deletion, 1);
  d->self = g_object_ref (self);
  d->id = self->pending_delete;
  if (gtk_window_get_application (GTK_WINDOW (self)) != NULL)
    {
      d->app = g_object_ref (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      g_application_hold (d->app);
    }
  self->pending_delete = 0;
  if (!sm_store_can_write_now (self->store))
    _sm_window_toast (self, _("Another program is writing to the database; the household is "
                              "deleted as soon as it is done"));
  sm_store_wait_writable_async (self->store, NULL, delete_writable_cb, d);
}

static void
delete_toast_dismissed_cb (SmWindow *self)
{
  g_clear_object (&self->delete_toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", FALSE);
  _sm_window_commit_pending_delete (self);
}

/* The last save of the Case page, undone: the case as it was. */
static void
undo_save (SmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;

  dismiss_save_toast (self);
  if (!sm_case_panel_can_undo_save (self->case_panel))
    {
      _sm_window_toast (self, sm_case_panel_is_dirty (self->case_panel)
                              ? _("The form has changes that are not saved: save or revert them first")
                              : _("There is no save to undo"));
      return;
    }
  if (!sm_case_panel_undo_save (self->case_panel, &id, &error))
    {
      _sm_window_toast (self, error->message);
      return;
    }
  sm_case_layer_set_selected (self->case_layer, id);
  _sm_window_update_case_actions (self);
  text = id != 0 ? g_strdup (_("The save was undone: the household is as it was"))
                 : g_strdup (_("The save was undone: the new household is gone"));
  _sm_window_toast (self, text);
}

void
_sm_window_undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  gint64 id = self->pending_delete;

  if (id == 0)
    {
      undo_save (self);
      return;
    }
  self->pending_delete = 0;
  sm_case_layer_set_hidden (self->case_layer, 0);
  sm_search_box_set_hidden (self->search_box, 0);
  if (self->delete_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delete_toast, self);
      adw_toast_dismiss (self->delete_toast);
      g_clear_object (&self->delete_toast);
    }
  gtk_widget_action_set_enabled (widget, "win.undo", FALSE);
  sm_window_select_household (self, id);
}

static void
delete_confirmed_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SmWindow         *self)
{
  gint64 id = sm_case_panel_get_household (self->case_panel);
  g_autofree char *title = NULL;

  if (!g_str_equal (response, "delete") || id == 0)
    return;
  if (self->delete_toast != NULL)
    adw_toast_dismiss (self->delete_toast);   /* deletes the earlier one for good */
  _sm_window_commit_pending_delete (self);

  self->pending_delete = id;
  sm_case_layer_set_hidden (self->case_layer, id);
  sm_search_box_set_hidden (self->search_box, id);
  sm_case_panel_clear (self->case_panel);
  sm_case_layer_set_selected (self->case_layer, 0);
  _sm_window_update_case_actions (self);

  title = g_strdup_printf (_("Household %lld deleted"), (long long) id);
  self->delete_toast = g_object_ref (adw_toast_new (title));
  adw_toast_set_button_label (self->delete_toast, _("_Undo"));
  adw_toast_set_priority (self->delete_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (self->delete_toast, 10);
  adw_toast_set_action_name (self->delete_toast, "win.undo");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", TRUE);
  g_signal_connect_swapped (self->delete_toast, "dismissed",
                            G_CALLBACK (delete_toast_dismissed_cb), self);
  adw_toast_overlay_add_toast (self->toasts, self->delete_toast);
}

void
_sm_window_delete_household_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SmWindow *self = SM_WINDOW (widget);
  gint64 id = sm_case_panel_get_household (self->case_panel);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (id == 0)
    return;
  heading = g_strdup_printf (_("Delete Household %lld?"), (long long) id);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("Its people, needs and assessments are deleted with it. "
                                     "You can undo this for a few seconds."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_confirmed_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}
