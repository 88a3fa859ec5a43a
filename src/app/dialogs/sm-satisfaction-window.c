#define G_LOG_DOMAIN "sm-satisfaction-window"

#include "config.h"

#include "sm-number.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-satisfaction.h"
#include "sm-satisfaction-window.h"
#include "sm-service-choice.h"
#include "sm-summary-window.h"
#include "sm-store-services.h"

struct _SmSatisfactionWindow
{
  AdwWindow             parent_instance;

  GtkDropDown          *questionnaire_drop;
  GtkDropDown          *service_drop;
  GtkDropDown          *place_drop;
  GtkLabel             *summary;
  GtkBox               *questions_box;
  GtkDrawingArea       *chart;

  SmContext            *context;
  GArray               *service_ids;   /* gint64, index 0 is every service (0) */
  GArray               *place_ids;     /* gint64, index 0 is every place (0) */
  gboolean              choosing;      /* the places are being listed again */
  GArray               *questionnaire_ids;
  gint64                questionnaire_id;
  SmSatisfactionResult *result;
  GPtrArray            *trends;        /* GArray of SmSatisfactionQuarter per scale question */
};

G_DEFINE_FINAL_TYPE (SmSatisfactionWindow, sm_satisfaction_window, ADW_TYPE_WINDOW)

static const double line_rgb[][3] = {
  { 0.21, 0.52, 0.89 }, { 0.18, 0.76, 0.49 }, { 0.96, 0.47, 0.0 }, { 0.57, 0.25, 0.67 },
};

/* A question's distribution as a bar of five parts, 1 (red) to 5 (green). */
static void
draw_distribution (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        data)
{
  const SmSatisfactionQuestion *q = data;
  static const double rgb[6][3] = {
    { 0, 0, 0 }, { 0.75, 0.11, 0.16 }, { 0.90, 0.38, 0.0 }, { 0.80, 0.70, 0.1 }, { 0.45, 0.70, 0.25 },
    { 0.15, 0.55, 0.30 },
  };
  double x = 0;

  if (q->n == 0)
    return;
  for (int v = 1; v <= 5; v++)
    {
      double w = width * (double) q->counts[v] / q->n;

      cairo_rectangle (cr, x, 0, w, height);
      cairo_set_source_rgb (cr, rgb[v][0], rgb[v][1], rgb[v][2]);
      cairo_fill (cr);
      x += w;
    }
}

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  SmSatisfactionWindow *self = data;
  GArray *first = self->trends && self->trends->len ? g_ptr_array_index (self->trends, 0) : NULL;
  double left = 36, right = 12, top = 10, bottom = 28, w = width - left - right, h = height - top - bottom;
  guint n = first ? first->len : 0;

  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 1);
  cairo_select_font_face (cr, "Cantarell", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (int v = 1; v <= 5; v++)
    {
      double y = top + h - (v - 1) * h / 4;
      char label[4];

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + w, y);
      cairo_stroke (cr);
      g_snprintf (label, sizeof label, "%d", v);
      cairo_move_to (cr, left - 14, y + 4);
      cairo_show_text (cr, label);
    }
  if (n == 0)
    return;
  for (guint t = 0; t < n; t++)
    {
      const SmSatisfactionQuarter *s = &g_array_index (first, SmSatisfactionQuarter, t);
      g_autofree char *label = g_strdup_printf ("%d/%d", s->year % 100, s->quarter);
      double x = left + (n > 1 ? t * w / (n - 1) : w / 2);

      cairo_move_to (cr, x - 12, top + h + 18);
      cairo_show_text (cr, label);
    }
  for (guint q = 0; q < self->trends->len; q++)
    {
      GArray *trend = g_ptr_array_index (self->trends, q);
      const double *c = line_rgb[q % G_N_ELEMENTS (line_rgb)];
      gboolean drawing = FALSE;

      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_set_line_width (cr, 2.5);
      for (guint t = 0; t < trend->len; t++)
        {
          const SmSatisfactionQuarter *s = &g_array_index (trend, SmSatisfactionQuarter, t);
          double x = left + (n > 1 ? t * w / (n - 1) : w / 2), y;

          /* A quarter of fewer than k answers leaves a gap in the line. */
          if (!s->shown)
            {
              if (drawing)
                cairo_stroke (cr);
              drawing = FALSE;
              continue;
            }
          y = top + h - (s->mean - 1) * h / 4;
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
          cairo_arc (cr, x, y, 2.5, 0, 2 * G_PI);
          cairo_move_to (cr, x, y);
        }
      if (drawing)
        cairo_stroke (cr);
    }
}

static void
clear_questions (SmSatisfactionWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->questions_box))) != NULL)
    gtk_box_remove (self->questions_box, child);
}

static void
reload (SmSatisfactionWindow *self)
{
  SmStore *store = sm_context_get_store (self->context);
  SmDisclosure *disclosure = sm_context_get_disclosure (self->context);
  gint64 service = sm_service_choice_get (self->service_drop, self->service_ids);
  gint64 place = sm_service_choice_get (self->place_drop, self->place_ids);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint line = 0;

  clear_questions (self);
  g_clear_pointer (&self->result, sm_satisfaction_result_free);
  g_ptr_array_set_size (self->trends, 0);
  self->result = sm_satisfaction_compute (store, self->questionnaire_id, service, place, NULL, NULL, disclosure,
                                          &error);
  if (self->result == NULL)
    {
      gtk_label_set_text (self->summary, error->message);
      return;
    }
  text = self->result->shown
    ? g_strdup_printf (ngettext ("%u response. A quarter or a question of fewer than %d answers is not shown.",
                                 "%u responses. A quarter or a question of fewer than %d answers is not shown.",
                                 self->result->n_responses), self->result->n_responses, self->result->k)
    : g_strdup_printf (_("Fewer than %d responses: nothing is shown, so that no one's answers can be told."),
                       self->result->k);
  gtk_label_set_text (self->summary, text);
  for (guint i = 0; self->result->shown && i < self->result->questions->len; i++)
    {
      SmSatisfactionQuestion *q = g_ptr_array_index (self->result->questions, i);
      g_autofree char *title = NULL, *figures = NULL;
      GtkWidget *box, *label, *numbers;

      if (q->kind == SM_QUESTION_TEXT)
        continue;
      title = g_strdup_printf ("%d. %s", q->position, q->text);
      if (!q->shown)
        figures = g_strdup_printf (_("fewer than %d answers"), self->result->k);
      else if (q->kind == SM_QUESTION_SCALE)
        /* Translators: a question's mean on a scale of 1 to 5 and how many answered it */
        figures = g_strdup_printf (_("mean %s of 5, %s answers"), sm_num (q->mean, 2), sm_num (q->n, 0));
      else
        figures = g_strdup_printf (_("%s%% yes, %s answers"), sm_num (100 * q->mean, 0), sm_num (q->n, 0));
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      if (q->kind == SM_QUESTION_SCALE && line < G_N_ELEMENTS (line_rgb))
        {
          g_autofree char *markup = NULL;
          g_autofree char *escaped = g_markup_escape_text (title, -1);
          const double *c = line_rgb[line];

          markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">■</span> %s", (int) (c[0] * 255),
                                    (int) (c[1] * 255), (int) (c[2] * 255), escaped);
          gtk_label_set_markup (GTK_LABEL (label), markup);
        }
      numbers = gtk_label_new (figures);
      gtk_label_set_xalign (GTK_LABEL (numbers), 0);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), numbers);
      if (q->shown && q->kind == SM_QUESTION_SCALE)
        {
          GtkWidget *bar = gtk_drawing_area_new ();

          gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (bar), 10);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (bar), draw_distribution, q, NULL);
          gtk_box_append (GTK_BOX (box), bar);
        }
      gtk_box_append (self->questions_box, box);
      if (q->kind == SM_QUESTION_SCALE && line < G_N_ELEMENTS (line_rgb))
        {
          GArray *trend = sm_satisfaction_trend (store, self->questionnaire_id, service, place, q->question_id, NULL, NULL,
                                                 disclosure, NULL);

          if (trend != NULL)
            g_ptr_array_add (self->trends, trend);
          line++;
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->chart));
}

/* A service's results may be read for one of its places. */
static void
service_chosen_cb (SmSatisfactionWindow *self)
{
  self->choosing = TRUE;
  sm_service_choice_fill_places (self->place_drop, self->place_ids, sm_context_get_store (self->context),
                                 sm_service_choice_get (self->service_drop, self->service_ids), _("Every place"));
  self->choosing = FALSE;
  reload (self);
}

static void
summary_clicked_cb (SmSatisfactionWindow *self)
{
  sm_summary_window_new (GTK_WINDOW (self), self->context, self->questionnaire_id);
}

/**
 * sm_satisfaction_window_open_summary:
 *
 * Opens the yearly summary of the questionnaire shown, as its button does.
 */
void
sm_satisfaction_window_open_summary (SmSatisfactionWindow *self)
{
  summary_clicked_cb (self);
}

static void
questionnaire_chosen_cb (SmSatisfactionWindow *self)
{
  gint64 id = sm_service_choice_get (self->questionnaire_drop, self->questionnaire_ids);

  if (id != 0 && id != self->questionnaire_id)
    {
      self->questionnaire_id = id;
      reload (self);
    }
}

static void
place_chosen_cb (SmSatisfactionWindow *self)
{
  if (!self->choosing)
    reload (self);
}

void
sm_satisfaction_window_set_questionnaire (SmSatisfactionWindow *self,
                                          gint64                questionnaire_id)
{
  sm_service_choice_set (self->questionnaire_drop, self->questionnaire_ids, questionnaire_id);
}

void
sm_satisfaction_window_set_service (SmSatisfactionWindow *self,
                                    gint64                service_id)
{
  sm_service_choice_set (self->service_drop, self->service_ids, service_id);
}

/**
 * sm_satisfaction_window_set_place:
 * @location_id: one of the chosen service's places; 0: every place
 */
void
sm_satisfaction_window_set_place (SmSatisfactionWindow *self,
                                  gint64                location_id)
{
  sm_service_choice_set (self->place_drop, self->place_ids, location_id);
}

const char *
sm_satisfaction_window_get_summary (SmSatisfactionWindow *self)
{
  return gtk_label_get_text (self->summary);
}

guint
sm_satisfaction_window_get_n_quarters (SmSatisfactionWindow *self)
{
  return self->trends->len > 0 ? ((GArray *) g_ptr_array_index (self->trends, 0))->len : 0;
}

static void
store_changed_cb (SmSatisfactionWindow *self,
                  SmStoreChange         what)
{
  if (what & SM_STORE_CHANGE_SERVICES)
    reload (self);
}

static void
sm_satisfaction_window_dispose (GObject *object)
{
  SmSatisfactionWindow *self = SM_SATISFACTION_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_SATISFACTION_WINDOW);
  g_clear_pointer (&self->result, sm_satisfaction_result_free);
  g_clear_pointer (&self->trends, g_ptr_array_unref);
  g_clear_pointer (&self->service_ids, g_array_unref);
  g_clear_pointer (&self->place_ids, g_array_unref);
  g_clear_pointer (&self->questionnaire_ids, g_array_unref);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_satisfaction_window_parent_class)->dispose (object);
}

static void
sm_satisfaction_window_class_init (SmSatisfactionWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_satisfaction_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-satisfaction-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, questionnaire_drop);
  gtk_widget_class_bind_template_callback (widget_class, summary_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, service_drop);
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, place_drop);
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, questions_box);
  gtk_widget_class_bind_template_child (widget_class, SmSatisfactionWindow, chart);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_satisfaction_window_init (SmSatisfactionWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->service_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->place_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->questionnaire_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->trends = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gtk_drawing_area_set_draw_func (self->chart, draw_chart, self, NULL);
}

/**
 * sm_satisfaction_window_new:
 *
 * Returns: (transfer none): the window, shown, with every service's
 *   responses to the standard questionnaire
 */
SmSatisfactionWindow *
sm_satisfaction_window_new (GtkWindow *parent,
                            SmContext *context)
{
  SmSatisfactionWindow *self = g_object_new (SM_TYPE_SATISFACTION_WINDOW, "transient-for", parent, NULL);
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (sm_context_get_store (context), NULL);

  self->context = g_object_ref (context);
  self->questionnaire_id = list != NULL && list->len > 0 ? ((SmQuestionnaire *) list->pdata[0])->id : 0;
  sm_service_choice_fill_questionnaires (self->questionnaire_drop, self->questionnaire_ids,
                                         sm_context_get_store (context));
  g_signal_connect_swapped (self->questionnaire_drop, "notify::selected", G_CALLBACK (questionnaire_chosen_cb),
                            self);
  sm_service_choice_fill_services (self->service_drop, self->service_ids, sm_context_get_store (context),
                                   _("Every service"), FALSE);
  sm_service_choice_fill_places (self->place_drop, self->place_ids, sm_context_get_store (context), 0,
                                 _("Every place"));
  g_signal_connect_swapped (self->service_drop, "notify::selected", G_CALLBACK (service_chosen_cb), self);
  g_signal_connect_swapped (self->place_drop, "notify::selected", G_CALLBACK (place_chosen_cb), self);
  g_signal_connect_object (sm_context_get_store (context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
