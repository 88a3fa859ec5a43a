#define G_LOG_DOMAIN "sm-survey-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-satisfaction.h"
#include "sm-service-choice.h"
#include "sm-store-services.h"
#include "sm-store-surveys.h"
#include "sm-survey-window.h"

/* One question's widgets: five toggles of a scale, two of yes and no, or
 * an entry. */
typedef struct {
  SmQuestion  *question;
  GtkWidget   *buttons[5];
  guint        n_buttons;
  GtkEditable *entry;
} Row;

struct _SmSurveyWindow
{
  AdwWindow    parent_instance;

  GtkDropDown *questionnaire_drop;
  GtkDropDown *service_drop;
  GtkDropDown *place_drop;
  GtkEditable *day_entry;
  GtkBox      *questions_box;
  GtkLabel    *message;
  GtkLabel    *count_label;
  GtkWidget   *save_button;

  SmContext   *context;
  GPtrArray   *questions;   /* SmQuestion */
  GArray      *rows;        /* Row */
  GArray      *service_ids; /* gint64, as the drop-down lists them */
  GArray      *place_ids;   /* gint64, 0 first: no place in particular */
  GArray      *questionnaire_ids;
  gint64       questionnaire_id;
  guint        current;     /* the question the next key answers */
  guint        n_saved;
};

G_DEFINE_FINAL_TYPE (SmSurveyWindow, sm_survey_window, ADW_TYPE_WINDOW)

static void
show_current (SmSurveyWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *r = &g_array_index (self->rows, Row, i);
      GtkWidget *title = gtk_widget_get_prev_sibling (gtk_widget_get_parent (r->entry ? GTK_WIDGET (r->entry)
                                                                                      : r->buttons[0]));

      if (title == NULL)
        continue;
      if (i == self->current)
        gtk_widget_add_css_class (title, "accent");
      else
        gtk_widget_remove_css_class (title, "accent");
    }
  if (self->current < self->rows->len)
    {
      Row *r = &g_array_index (self->rows, Row, self->current);

      gtk_widget_grab_focus (r->entry ? GTK_WIDGET (r->entry) : r->buttons[0]);
    }
}

/* The answer of row @r as the form holds it, written as a paper's would be. */
static char *
answer_of (Row *r)
{
  if (r->entry != NULL)
    return g_strdup (gtk_editable_get_text (r->entry));
  for (guint b = 0; b < r->n_buttons; b++)
    if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (r->buttons[b])))
      return r->n_buttons == 2 ? g_strdup (b == 0 ? "igen" : "nem") : g_strdup_printf ("%u", b + 1);
  return g_strdup ("");
}

static void
clear_answers (SmSurveyWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *r = &g_array_index (self->rows, Row, i);

      if (r->entry != NULL)
        gtk_editable_set_text (r->entry, "");
      for (guint b = 0; b < r->n_buttons; b++)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (r->buttons[b]), FALSE);
    }
  self->current = 0;
  show_current (self);
}

static void
save_clicked_cb (SmSurveyWindow *self)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gint64 service = sm_service_choice_get (self->service_drop, self->service_ids);
  GDate day;
  g_autofree char *iso = NULL, *count = NULL;

  if (service == 0)
    {
      gtk_label_set_text (self->message, _("Choose the service the questionnaires are about"));
      return;
    }
  if (!sm_date_parse_any (gtk_editable_get_text (self->day_entry), &day, &error))
    {
      gtk_label_set_text (self->message, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->day_entry));
      return;
    }
  iso = sm_date_to_iso (&day);
  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (answers, answer_of (&g_array_index (self->rows, Row, i)));
  if (sm_satisfaction_record (sm_context_get_store (self->context), self->questionnaire_id, service,
                              sm_service_choice_get (self->place_drop, self->place_ids), iso, "paper",
                              (const char * const *) answers->pdata, answers->len, FALSE, &error) == 0)
    {
      gtk_label_set_text (self->message, error->message);
      return;
    }
  self->n_saved++;
  count = g_strdup_printf (ngettext ("%u questionnaire saved", "%u questionnaires saved", self->n_saved),
                           self->n_saved);
  gtk_label_set_text (self->count_label, count);
  gtk_label_set_text (self->message, "");
  clear_answers (self);
}

/* One key of a paper's answers, for the current question. */
static gboolean
answer_key (SmSurveyWindow *self,
            gunichar        c)
{
  guint at = self->current;
  Row *r;

  if (at >= self->rows->len)
    return FALSE;
  r = &g_array_index (self->rows, Row, at);
  if (r->entry != NULL)
    return FALSE;
  if (r->n_buttons == 5 && c >= '1' && c <= '5')
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (r->buttons[c - '1']), TRUE);
  else if (r->n_buttons == 2 && (c == 'y' || c == 'i' || c == 'Y' || c == 'I'))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (r->buttons[0]), TRUE);
  else if (r->n_buttons == 2 && (c == 'n' || c == 'N'))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (r->buttons[1]), TRUE);
  else if (c == '0' || c == '-')
    for (guint b = 0; b < r->n_buttons; b++)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (r->buttons[b]), FALSE);
  else
    return FALSE;
  /* The toggle moved on already when it became active; once is enough. */
  self->current = at + 1;
  show_current (self);
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SmSurveyWindow        *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter)
    {
      if (focus != NULL && (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->service_drop)) ||
                            gtk_widget_is_ancestor (focus, GTK_WIDGET (self->questionnaire_drop)) ||
                            gtk_widget_is_ancestor (focus, GTK_WIDGET (self->place_drop))))
        return FALSE;
      save_clicked_cb (self);
      return TRUE;
    }
  /* Typing into an entry (the day, a free-text answer) is typing. */
  if (focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus)))
    return FALSE;
  return answer_key (self, gdk_keyval_to_unicode (keyval));
}

/**
 * sm_survey_window_type:
 * @keys: what a person types: a digit per scale, y/i/n per yes-or-no,
 *   "\n" to save
 *
 * Returns: whether every key was taken
 */
gboolean
sm_survey_window_type (SmSurveyWindow *self,
                       const char     *keys)
{
  for (const char *k = keys; *k != '\0'; k++)
    {
      if (*k == '\n')
        save_clicked_cb (self);
      else if (!answer_key (self, (gunichar) *k))
        return FALSE;
    }
  return TRUE;
}

guint
sm_survey_window_get_n_saved (SmSurveyWindow *self)
{
  return self->n_saved;
}

/**
 * sm_survey_window_set_questionnaire:
 *
 * Answers another questionnaire; the form starts again at its first
 * question.
 */
void
sm_survey_window_set_questionnaire (SmSurveyWindow *self,
                                    gint64          questionnaire_id)
{
  sm_service_choice_set (self->questionnaire_drop, self->questionnaire_ids, questionnaire_id);
}

void
sm_survey_window_set_service (SmSurveyWindow *self,
                              gint64          service_id)
{
  sm_service_choice_set (self->service_drop, self->service_ids, service_id);
}

/**
 * sm_survey_window_set_place:
 * @location_id: one of the chosen service's places; 0: none in particular
 */
void
sm_survey_window_set_place (SmSurveyWindow *self,
                            gint64          location_id)
{
  sm_service_choice_set (self->place_drop, self->place_ids, location_id);
}

static void
button_toggled_cb (GtkToggleButton *button,
                   SmSurveyWindow  *self)
{
  /* A click on an answer moves on, as its key does. */
  for (guint i = 0; i < self->rows->len && gtk_toggle_button_get_active (button); i++)
    {
      Row *r = &g_array_index (self->rows, Row, i);

      for (guint b = 0; b < r->n_buttons; b++)
        if (r->buttons[b] == GTK_WIDGET (button) && i == self->current)
          {
            self->current = i + 1;
            show_current (self);
            return;
          }
    }
}

static void
build_rows (SmSurveyWindow *self)
{
  for (guint i = 0; i < self->questions->len; i++)
    {
      SmQuestion *q = g_ptr_array_index (self->questions, i);
      g_autofree char *title = g_strdup_printf ("%d. %s", q->position, q->text);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *label = gtk_label_new (title);
      GtkWidget *answers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      Row r = { .question = q };

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_box_append (GTK_BOX (box), label);
      if (q->kind == SM_QUESTION_TEXT)
        {
          r.entry = GTK_EDITABLE (gtk_entry_new ());
          gtk_accessible_update_property (GTK_ACCESSIBLE (r.entry), GTK_ACCESSIBLE_PROPERTY_LABEL, q->text, -1);
          gtk_box_append (GTK_BOX (answers), GTK_WIDGET (r.entry));
          gtk_widget_set_hexpand (GTK_WIDGET (r.entry), TRUE);
        }
      else
        {
          r.n_buttons = q->kind == SM_QUESTION_SCALE ? 5 : 2;
          gtk_widget_add_css_class (answers, "linked");
          for (guint b = 0; b < r.n_buttons; b++)
            {
              g_autofree char *text = r.n_buttons == 5 ? g_strdup_printf ("%u", b + 1)
                                                       : g_strdup (b == 0 ? _("Yes") : _("No"));

              r.buttons[b] = gtk_toggle_button_new_with_label (text);
              gtk_widget_set_size_request (r.buttons[b], 56, -1);
              if (b > 0)
                gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (r.buttons[b]), GTK_TOGGLE_BUTTON (r.buttons[0]));
              g_signal_connect (r.buttons[b], "toggled", G_CALLBACK (button_toggled_cb), self);
              gtk_box_append (GTK_BOX (answers), r.buttons[b]);
            }
        }
      gtk_box_append (GTK_BOX (box), answers);
      gtk_box_append (self->questions_box, box);
      g_array_append_val (self->rows, r);
    }
}

/* Another questionnaire: its questions, answered from the first. */
static void
questionnaire_chosen_cb (SmSurveyWindow *self)
{
  gint64 id = sm_service_choice_get (self->questionnaire_drop, self->questionnaire_ids);
  GtkWidget *child;

  if (id == 0 || id == self->questionnaire_id)
    return;
  self->questionnaire_id = id;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  self->questions = sm_store_list_questions (sm_context_get_store (self->context), id, NULL);
  if (self->questions == NULL)
    self->questions = g_ptr_array_new ();
  build_rows (self);
  self->current = 0;
  show_current (self);
}

/* The questionnaires of a service may be about one of its places. */
static void
service_chosen_cb (SmSurveyWindow *self)
{
  sm_service_choice_fill_places (self->place_drop, self->place_ids, sm_context_get_store (self->context),
                                 sm_service_choice_get (self->service_drop, self->service_ids),
                                 _("No place in particular"));
}

static void
sm_survey_window_dispose (GObject *object)
{
  SmSurveyWindow *self = SM_SURVEY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_SURVEY_WINDOW);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->service_ids, g_array_unref);
  g_clear_pointer (&self->place_ids, g_array_unref);
  g_clear_pointer (&self->questionnaire_ids, g_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_survey_window_parent_class)->dispose (object);
}

static void
sm_survey_window_class_init (SmSurveyWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_survey_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-survey-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, questionnaire_drop);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, service_drop);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, place_drop);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, day_entry);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, questions_box);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, message);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, count_label);
  gtk_widget_class_bind_template_child (widget_class, SmSurveyWindow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_survey_window_init (SmSurveyWindow *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  self->service_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->place_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->questionnaire_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/**
 * sm_survey_window_new:
 *
 * Returns: (transfer none): the window, shown, with the standard
 *   questionnaire
 */
SmSurveyWindow *
sm_survey_window_new (GtkWindow *parent,
                      SmContext *context)
{
  SmSurveyWindow *self = g_object_new (SM_TYPE_SURVEY_WINDOW, "transient-for", parent, NULL);
  SmStore *store = sm_context_get_store (context);
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, NULL);
  g_autofree char *today = sm_date_today_iso ();

  self->context = g_object_ref (context);
  self->questionnaire_id = list != NULL && list->len > 0 ? ((SmQuestionnaire *) list->pdata[0])->id : 0;
  self->questions = sm_store_list_questions (store, self->questionnaire_id, NULL);
  if (self->questions == NULL)
    self->questions = g_ptr_array_new ();
  gtk_editable_set_text (self->day_entry, today);
  sm_service_choice_fill_questionnaires (self->questionnaire_drop, self->questionnaire_ids, store);
  g_signal_connect_swapped (self->questionnaire_drop, "notify::selected", G_CALLBACK (questionnaire_chosen_cb),
                            self);
  sm_service_choice_fill_services (self->service_drop, self->service_ids, store, NULL, TRUE);
  g_signal_connect_swapped (self->service_drop, "notify::selected", G_CALLBACK (service_chosen_cb), self);
  service_chosen_cb (self);
  build_rows (self);
  gtk_window_present (GTK_WINDOW (self));
  show_current (self);
  return self;
}
