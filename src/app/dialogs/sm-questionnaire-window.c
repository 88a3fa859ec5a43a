#define G_LOG_DOMAIN "sm-questionnaire-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-questionnaire.h"
#include "sm-questionnaire-window.h"
#include "sm-service-choice.h"
#include "sm-store-surveys.h"

struct _SmQuestionnaireWindow
{
  AdwWindow     parent_instance;

  GtkDropDown  *questionnaire_drop;
  GtkLabel     *state_label;
  AdwEntryRow  *name_row;
  GtkListBox   *questions_list;
  GtkWidget    *add_button;
  GtkWidget    *copy_button;
  GtkWidget    *save_button;
  GtkWidget    *remove_button;
  GtkLabel     *message;

  SmContext    *context;
  GArray       *ids;          /* gint64, as the drop-down lists them */
  gint64        id;           /* the questionnaire edited; 0: a new one */
  gboolean      standard;
  gint64        responses;
  gboolean      filling;
};

G_DEFINE_FINAL_TYPE (SmQuestionnaireWindow, sm_questionnaire_window, ADW_TYPE_WINDOW)

static void show_questionnaire (SmQuestionnaireWindow *self, gint64 id);

/* What may change: nothing of the standard one, the words only once
 * there are responses. */
static void
update_state (SmQuestionnaireWindow *self)
{
  gboolean fixed = self->standard || self->responses > 0;
  g_autofree char *state = NULL;

  if (self->id == 0)
    state = g_strdup (_("A new questionnaire: it is saved when you save it."));
  else if (self->standard)
    state = g_strdup (_("The standard questionnaire is kept as it is, so that results compare. "
                        "Copy it to make one of your own."));
  else if (self->responses > 0)
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%lld response: its questions may be reworded, not added, removed, "
                                          "moved or changed in kind.",
                                          "%lld responses: its questions may be reworded, not added, removed, "
                                          "moved or changed in kind.", (unsigned long) self->responses),
                             (long long) self->responses);
  else
    state = g_strdup (_("No responses yet: everything may change."));
  gtk_label_set_text (self->state_label, state);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !self->standard);
  gtk_widget_set_sensitive (self->add_button, !fixed);
  gtk_widget_set_sensitive (self->save_button, !self->standard);
  gtk_widget_set_sensitive (self->copy_button, self->id != 0);
  gtk_widget_set_visible (self->remove_button, self->id != 0 && !fixed);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "kind"), !fixed);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "entry"), !self->standard);
      gtk_widget_set_sensitive (g_object_get_data (G_OBJECT (row), "tools"), !fixed);
    }
}

static guint
n_rows (SmQuestionnaireWindow *self)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static void
remove_row_cb (GtkButton             *button,
               SmQuestionnaireWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  gtk_list_box_remove (self->questions_list, row);
}

static void
move_row (SmQuestionnaireWindow *self,
          GtkWidget             *button,
          int                    by)
{
  GtkListBoxRow *row = GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW));
  int at = gtk_list_box_row_get_index (row) + by;

  if (at < 0 || at >= (int) n_rows (self))
    return;
  g_object_ref (row);
  gtk_list_box_remove (self->questions_list, GTK_WIDGET (row));
  gtk_list_box_insert (self->questions_list, GTK_WIDGET (row), at);
  g_object_unref (row);
  gtk_widget_grab_focus (button);
}

static void
up_cb (GtkButton             *button,
       SmQuestionnaireWindow *self)
{
  move_row (self, GTK_WIDGET (button), -1);
}

static void
down_cb (GtkButton             *button,
         SmQuestionnaireWindow *self)
{
  move_row (self, GTK_WIDGET (button), 1);
}

static GtkWidget *
tool_button (const char *icon,
             const char *label,
             GCallback   callback,
             gpointer    self)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

/**
 * sm_questionnaire_window_add_question:
 * @kind: an #SmQuestionKind
 *
 * Returns: the question's index
 */
guint
sm_questionnaire_window_add_question (SmQuestionnaireWindow *self,
                                      int                    kind,
                                      const char            *text)
{
  static const char *kinds[] = { N_("1–5 scale"), N_("Yes or no"), N_("Free text"), NULL };
  const char *shown[G_N_ELEMENTS (kinds)] = { NULL };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *tools = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *drop, *entry, *row;

  for (guint i = 0; kinds[i] != NULL; i++)
    shown[i] = _(kinds[i]);
  drop = gtk_drop_down_new_from_strings (shown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), CLAMP (kind, 0, 2));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of answer"), -1);
  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("The question as the paper asks it"));
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Question"), -1);
  gtk_box_append (GTK_BOX (tools), tool_button ("go-up-symbolic", _("Move Up"), G_CALLBACK (up_cb), self));
  gtk_box_append (GTK_BOX (tools), tool_button ("go-down-symbolic", _("Move Down"), G_CALLBACK (down_cb), self));
  gtk_box_append (GTK_BOX (tools), tool_button ("edit-delete-symbolic", _("Remove the Question"),
                                                G_CALLBACK (remove_row_cb), self));
  gtk_box_append (GTK_BOX (box), drop);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), tools);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "kind", drop);
  g_object_set_data (G_OBJECT (row), "entry", entry);
  g_object_set_data (G_OBJECT (row), "tools", tools);
  gtk_list_box_append (self->questions_list, row);
  if (!self->filling)
    {
      update_state (self);
      gtk_widget_grab_focus (entry);
    }
  return n_rows (self) - 1;
}

void
sm_questionnaire_window_remove_question (SmQuestionnaireWindow *self,
                                         guint                  index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->questions_list, (int) index);

  if (row != NULL)
    gtk_list_box_remove (self->questions_list, GTK_WIDGET (row));
}

static void
clear_questions (SmQuestionnaireWindow *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list))) != NULL)
    gtk_list_box_remove (self->questions_list, row);
}

static void
fill_drop (SmQuestionnaireWindow *self)
{
  self->filling = TRUE;
  sm_service_choice_fill_questionnaires (self->questionnaire_drop, self->ids, sm_context_get_store (self->context));
  gtk_widget_set_visible (GTK_WIDGET (self->questionnaire_drop), TRUE);
  self->filling = FALSE;
}

static void
show_questionnaire (SmQuestionnaireWindow *self,
                    gint64                 id)
{
  SmStore *store = sm_context_get_store (self->context);
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, NULL);
  g_autoptr(GPtrArray) questions = sm_store_list_questions (store, id, NULL);

  self->filling = TRUE;
  self->id = id;
  self->standard = FALSE;
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SmQuestionnaire *q = list->pdata[i];

      if (q->id == id)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->name_row), q->name);
          self->standard = q->standard;
        }
    }
  self->responses = MAX (0, sm_store_count_responses (store, id, NULL));
  clear_questions (self);
  for (guint i = 0; questions != NULL && i < questions->len; i++)
    {
      const SmQuestion *q = questions->pdata[i];

      sm_questionnaire_window_add_question (self, q->kind, q->text);
    }
  sm_service_choice_set (self->questionnaire_drop, self->ids, id);
  self->filling = FALSE;
  gtk_label_set_text (self->message, "");
  update_state (self);
}

static void
questionnaire_chosen_cb (SmQuestionnaireWindow *self)
{
  gint64 id = sm_service_choice_get (self->questionnaire_drop, self->ids);

  if (!self->filling && id != 0)
    show_questionnaire (self, id);
}

static void
new_clicked_cb (SmQuestionnaireWindow *self)
{
  self->filling = TRUE;
  self->id = 0;
  self->standard = FALSE;
  self->responses = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  clear_questions (self);
  sm_questionnaire_window_add_question (self, SM_QUESTION_SCALE, "");
  self->filling = FALSE;
  gtk_label_set_text (self->message, "");
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
copy_clicked_cb (SmQuestionnaireWindow *self)
{
  /* Translators: the name of a questionnaire made from another */
  g_autofree char *name = g_strdup_printf (_("%s (copy)"), gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  self->id = 0;
  self->standard = FALSE;
  self->responses = 0;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  gtk_label_set_text (self->message, "");
  update_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
save_clicked_cb (SmQuestionnaireWindow *self)
{
  g_autoptr(GPtrArray) questions = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_question_free);
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SmQuestion *q = g_new0 (SmQuestion, 1);

      q->kind = gtk_drop_down_get_selected (g_object_get_data (G_OBJECT (row), "kind"));
      q->text = g_strdup (gtk_editable_get_text (g_object_get_data (G_OBJECT (row), "entry")));
      q->position = (int) questions->len + 1;
      g_ptr_array_add (questions, q);
    }
  id = sm_questionnaire_save (sm_context_get_store (self->context), self->id,
                              gtk_editable_get_text (GTK_EDITABLE (self->name_row)), questions, &error);
  if (id == 0)
    {
      gtk_label_set_text (self->message, error->message);
      return;
    }
  fill_drop (self);
  show_questionnaire (self, id);
  gtk_label_set_text (self->state_label, _("Saved."));
}

static void
remove_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    SmQuestionnaireWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;
  if (!sm_questionnaire_remove (sm_context_get_store (self->context), self->id, &error))
    {
      gtk_label_set_text (self->message, error->message);
      return;
    }
  fill_drop (self);
  show_questionnaire (self, self->ids->len > 0 ? g_array_index (self->ids, gint64, 0) : 0);
}

static void
remove_clicked_cb (SmQuestionnaireWindow *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                         _("Remove the questionnaire?"), NULL));

  adw_message_dialog_format_body (dialog, _("“%s” and its questions will be gone. It has no responses."),
                                  gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_clicked_cb (SmQuestionnaireWindow *self)
{
  sm_questionnaire_window_add_question (self, SM_QUESTION_SCALE, "");
}

static void
sm_questionnaire_window_dispose (GObject *object)
{
  SmQuestionnaireWindow *self = SM_QUESTIONNAIRE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_QUESTIONNAIRE_WINDOW);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_questionnaire_window_parent_class)->dispose (object);
}

static void
sm_questionnaire_window_class_init (SmQuestionnaireWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_questionnaire_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-questionnaire-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SmQuestionnaireWindow, name)
  BIND (questionnaire_drop); BIND (state_label); BIND (name_row); BIND (questions_list); BIND (add_button);
  BIND (copy_button); BIND (save_button); BIND (remove_button); BIND (message);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_signal (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "activate-default", NULL);
}

static void
sm_questionnaire_window_init (SmQuestionnaireWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * sm_questionnaire_window_new:
 *
 * Returns: (transfer none): the window, shown, with the standard
 *   questionnaire
 */
SmQuestionnaireWindow *
sm_questionnaire_window_new (GtkWindow *parent,
                             SmContext *context)
{
  SmQuestionnaireWindow *self = g_object_new (SM_TYPE_QUESTIONNAIRE_WINDOW, "transient-for", parent, NULL);

  self->context = g_object_ref (context);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);
  fill_drop (self);
  g_signal_connect_swapped (self->questionnaire_drop, "notify::selected", G_CALLBACK (questionnaire_chosen_cb),
                            self);
  show_questionnaire (self, self->ids->len > 0 ? g_array_index (self->ids, gint64, 0) : 0);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * sm_questionnaire_window_show:
 * @questionnaire_id: 0: a new questionnaire
 */
void
sm_questionnaire_window_show (SmQuestionnaireWindow *self,
                              gint64                 questionnaire_id)
{
  if (questionnaire_id == 0)
    new_clicked_cb (self);
  else
    show_questionnaire (self, questionnaire_id);
}

const char *
sm_questionnaire_window_get_message (SmQuestionnaireWindow *self)
{
  return gtk_label_get_text (self->message);
}
