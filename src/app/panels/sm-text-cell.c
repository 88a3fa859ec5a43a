#include "config.h"

#include <pango/pangocairo.h>

#include "sm-text-cell.h"

#define SECOND_SCALE PANGO_SCALE_SMALL
#define DIM_ALPHA 0.55

struct _SmTextCell
{
  GtkWidget    parent_instance;

  guint        n_lines;
  int          width_chars;
  char        *text[2];
  PangoLayout *layout[2];      /* made when drawn, for the allocated width */
  int          line_height[2]; /* pango units, 0 until measured */
  int          char_width;     /* pango units */
  float        xalign;
};

G_DEFINE_FINAL_TYPE (SmTextCell, sm_text_cell, GTK_TYPE_WIDGET)

static void
forget_layouts (SmTextCell *self)
{
  g_clear_object (&self->layout[0]);
  g_clear_object (&self->layout[1]);
}

static PangoAttrList *
second_line_attributes (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (SECOND_SCALE));
  return attrs;
}

/* Line heights and the width of a character, from the font's metrics.
 * Asking Pango for metrics costs as much as laying a line out, and every
 * cell of a list has one of a few fonts: they are kept for the fonts seen. */
typedef struct {
  PangoFontDescription *font;
  PangoLanguage        *language;
  double                resolution;
  int                   line_height[2];
  int                   char_width;
} Metrics;

#define N_KEPT_METRICS 4

static int
height_of (PangoFontMetrics *metrics)
{
  int height = pango_font_metrics_get_height (metrics);

  return height > 0 ? height : pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
}

static const Metrics *
metrics_for (PangoContext *context)
{
  static Metrics kept[N_KEPT_METRICS];
  static guint next;
  const PangoFontDescription *font = pango_context_get_font_description (context);
  PangoLanguage *language = pango_context_get_language (context);
  double resolution = pango_cairo_context_get_resolution (context);
  g_autoptr(PangoFontDescription) small = NULL;
  PangoFontMetrics *metrics;
  Metrics *m;

  for (guint i = 0; i < N_KEPT_METRICS; i++)
    if (kept[i].font != NULL && kept[i].language == language && kept[i].resolution == resolution &&
        pango_font_description_equal (kept[i].font, font))
      return &kept[i];
  m = &kept[next];
  next = (next + 1) % N_KEPT_METRICS;
  g_clear_pointer (&m->font, pango_font_description_free);
  m->font = pango_font_description_copy (font);
  m->language = language;
  m->resolution = resolution;
  metrics = pango_context_get_metrics (context, font, language);
  m->line_height[0] = height_of (metrics);
  m->char_width = pango_font_metrics_get_approximate_char_width (metrics);
  pango_font_metrics_unref (metrics);
  small = pango_font_description_copy (font);
  if (pango_font_description_get_size_is_absolute (small))
    pango_font_description_set_absolute_size (small, pango_font_description_get_size (small) * SECOND_SCALE);
  else
    pango_font_description_set_size (small, (int) (pango_font_description_get_size (small) * SECOND_SCALE));
  metrics = pango_context_get_metrics (context, small, language);
  m->line_height[1] = height_of (metrics);
  pango_font_metrics_unref (metrics);
  return m;
}

static void
ensure_metrics (SmTextCell *self)
{
  const Metrics *m;

  if (self->line_height[0] > 0)
    return;
  m = metrics_for (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  self->line_height[0] = m->line_height[0];
  self->line_height[1] = m->line_height[1];
  self->char_width = m->char_width;
}

static void
sm_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SmTextCell *self = SM_TEXT_CELL (widget);

  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (self->char_width * 3);
      *natural = PANGO_PIXELS_CEIL (self->char_width * MAX (self->width_chars, 3));
    }
  else
    {
      int h = self->line_height[0] + (self->n_lines > 1 ? self->line_height[1] : 0);

      *minimum = *natural = PANGO_PIXELS_CEIL (h);
    }
}

static void
sm_text_cell_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  SmTextCell *self = SM_TEXT_CELL (widget);

  for (guint i = 0; i < 2; i++)
    if (self->layout[i] != NULL)
      pango_layout_set_width (self->layout[i], width * PANGO_SCALE);
}

static PangoLayout *
ensure_layout (SmTextCell *self,
               guint       line)
{
  if (self->layout[line] == NULL)
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->text[line]);

      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (layout, TRUE);
      pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
      if (line == 1)
        {
          PangoAttrList *attrs = second_line_attributes ();

          pango_layout_set_attributes (layout, attrs);
          pango_attr_list_unref (attrs);
        }
      self->layout[line] = layout;
    }
  return self->layout[line];
}

static void
sm_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  SmTextCell *self = SM_TEXT_CELL (widget);
  GdkRGBA color;
  int y = 0;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  ensure_metrics (self);
  for (guint i = 0; i < self->n_lines; i++)
    {
      GdkRGBA c = color;

      if (self->text[i] != NULL && self->text[i][0] != '\0')
        {
          PangoLayout *layout = ensure_layout (self, i);
          graphene_point_t at = GRAPHENE_POINT_INIT (0, PANGO_PIXELS (y));

          if (self->xalign > 0)
            {
              int w;

              pango_layout_get_pixel_size (layout, &w, NULL);
              at.x = MAX (0, (gtk_widget_get_width (widget) - w) * self->xalign);
            }
          if (i == 1)
            c.alpha *= DIM_ALPHA;
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &at);
          gtk_snapshot_append_layout (snapshot, layout, &c);
          gtk_snapshot_restore (snapshot);
        }
      y += self->line_height[i];
    }
}

/* A cut text is shown whole in the tooltip. */
static gboolean
sm_text_cell_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard,
                            GtkTooltip *tooltip)
{
  SmTextCell *self = SM_TEXT_CELL (widget);
  gboolean cut = FALSE;

  for (guint i = 0; i < self->n_lines; i++)
    cut |= self->layout[i] != NULL && pango_layout_is_ellipsized (self->layout[i]);
  if (!cut)
    return FALSE;
  if (self->n_lines > 1 && self->text[1][0] != '\0')
    {
      g_autofree char *text = g_strconcat (self->text[0], "\n", self->text[1], NULL);

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, self->text[0]);
  return TRUE;
}

static void
sm_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  SmTextCell *self = SM_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (sm_text_cell_parent_class)->css_changed (widget, change);
  self->line_height[0] = self->line_height[1] = 0;
  forget_layouts (self);
  gtk_widget_queue_resize (widget);
}

static void
sm_text_cell_finalize (GObject *object)
{
  SmTextCell *self = SM_TEXT_CELL (object);

  forget_layouts (self);
  g_free (self->text[0]);
  g_free (self->text[1]);
  G_OBJECT_CLASS (sm_text_cell_parent_class)->finalize (object);
}

static void
sm_text_cell_class_init (SmTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sm_text_cell_finalize;
  widget_class->measure = sm_text_cell_measure;
  widget_class->size_allocate = sm_text_cell_size_allocate;
  widget_class->snapshot = sm_text_cell_snapshot;
  widget_class->css_changed = sm_text_cell_css_changed;
  widget_class->query_tooltip = sm_text_cell_query_tooltip;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
sm_text_cell_init (SmTextCell *self)
{
  self->n_lines = 1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * sm_text_cell_new:
 * @n_lines: 1 or 2
 * @width_chars: the width it asks for, in characters
 */
GtkWidget *
sm_text_cell_new (guint n_lines,
                  int   width_chars)
{
  SmTextCell *self = g_object_new (SM_TYPE_TEXT_CELL, NULL);

  self->n_lines = CLAMP (n_lines, 1, 2);
  self->width_chars = width_chars;
  return GTK_WIDGET (self);
}

/**
 * sm_text_cell_set_xalign:
 * @xalign: 0 at the start, 1 at the end (numbers)
 */
void
sm_text_cell_set_xalign (SmTextCell *self,
                         float       xalign)
{
  g_return_if_fail (SM_IS_TEXT_CELL (self));
  self->xalign = CLAMP (xalign, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_text_cell_set_text:
 * @second: (nullable): the second line, for a cell of two
 */
void
sm_text_cell_set_text (SmTextCell *self,
                       const char *first,
                       const char *second)
{
  g_autofree char *spoken = NULL;

  g_return_if_fail (SM_IS_TEXT_CELL (self));
  if (g_strcmp0 (self->text[0], first) == 0 && g_strcmp0 (self->text[1], second) == 0)
    return;
  g_free (self->text[0]);
  g_free (self->text[1]);
  self->text[0] = g_strdup (first ? first : "");
  self->text[1] = g_strdup (second ? second : "");
  forget_layouts (self);
  spoken = self->n_lines > 1 && self->text[1][0] != '\0' ? g_strconcat (self->text[0], ", ", self->text[1], NULL)
                                                          : g_strdup (self->text[0]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_text_cell_bind:
 * @item: a list item whose child is a text cell
 * @first: the property of the item's object for the first line
 * @second: (nullable): for the second line
 *
 * Shows two of the item's (string) properties, as a list's bind does.
 */
void
sm_text_cell_bind (GtkListItem *item,
                   const char  *first,
                   const char  *second)
{
  g_autofree char *a = NULL, *b = NULL;

  g_object_get (gtk_list_item_get_item (item), first, &a, NULL);
  if (second != NULL)
    g_object_get (gtk_list_item_get_item (item), second, &b, NULL);
  sm_text_cell_set_text (SM_TEXT_CELL (gtk_list_item_get_child (item)), a, b);
}
