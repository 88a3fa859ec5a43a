#define G_LOG_DOMAIN "sm-filter-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-filter-panel.h"
#include "sm-query.h"

/* The Filters page: every control writes to the one SmFilter that the map,
 * the counts and the command line's query share. */

struct _SmFilterPanel
{
  GtkBox               parent_instance;

  SmContext           *context;

  AdwPreferencesGroup *categories_group;
  AdwComboRow         *severity_row;
  AdwComboRow         *status_row;
  AdwActionRow        *date_row;
  GtkMenuButton       *date_button;
  GtkCalendar         *calendar;
  GtkCheckButton      *child_check;
  GtkCheckButton      *adult_check;
  GtkCheckButton      *elderly_check;
  GtkCheckButton      *alone_check;
  AdwComboRow         *alarm_row;
  AdwComboRow         *part_row;
  AdwComboRow         *service_row;

  SmStore             *store;
  SmFilter            *filter;
  GPtrArray           *category_checks;   /* GtkCheckButton, data "category-id" */
  GPtrArray           *parts;             /* SmNamedCode */
  GPtrArray           *service_types;     /* SmNamedCode */
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (SmFilterPanel, sm_filter_panel, GTK_TYPE_BOX)

static void
apply_categories (SmFilterPanel *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->updating)
    return;
  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "category-id"));

      if (gtk_check_button_get_active (check))
        g_array_append_val (ids, id);
    }
  if (ids->len == self->category_checks->len)
    g_array_set_size (ids, 0);          /* every category: no condition */
  else if (ids->len == 0)
    {
      gint64 none = -1;                 /* no category: nothing matches */
      g_array_append_val (ids, none);
    }
  sm_filter_set_categories (self->filter, (const gint64 *) ids->data, ids->len);
}

static void
set_all_categories (SmFilterPanel *self,
                    gboolean       active)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->category_checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->category_checks, i), active);
  self->updating = FALSE;
  apply_categories (self);
}

static void
all_categories_cb (SmFilterPanel *self)
{
  set_all_categories (self, TRUE);
}

static void
no_categories_cb (SmFilterPanel *self)
{
  set_all_categories (self, FALSE);
}

/**
 * sm_filter_panel_set_category:
 *
 * Ticks or unticks one category, as a person would.
 */
void
sm_filter_panel_set_category (SmFilterPanel *self,
                              const char    *code,
                              gboolean       shown)
{
  gint64 id;

  g_return_if_fail (SM_IS_FILTER_PANEL (self));

  id = sm_store_lookup_category (self->store, code, NULL);
  for (guint i = 0; i < self->category_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->category_checks, i);

      if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "category-id")) == (gsize) id)
        gtk_check_button_set_active (check, shown);
    }
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  const GdkRGBA *color = data;

  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
add_category_rows (SmFilterPanel *self)
{
  g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);

  for (guint i = 0; i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *swatch = gtk_drawing_area_new ();
      GdkRGBA *color = g_new (GdkRGBA, 1);

      if (!gdk_rgba_parse (color, c->color))
        *color = (GdkRGBA) { 0.4, 0.4, 0.4, 1 };
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, color, g_free);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (check), "category-id", GSIZE_TO_POINTER ((gsize) c->id));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (apply_categories), self);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     sm_localized_name (c->name_hu, c->name_en));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), swatch);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->category_checks, check);
    }
}

static GtkStringList *
names_model (GPtrArray  *items,
             const char *all)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, all);
  for (guint i = 0; items != NULL && i < items->len; i++)
    gtk_string_list_append (model, ((SmNamedCode *) g_ptr_array_index (items, i))->name);
  return model;
}

static const char *
chosen_code (AdwComboRow *row,
             GPtrArray   *items)
{
  guint index = adw_combo_row_get_selected (row);

  if (index == 0 || items == NULL || index > items->len)
    return NULL;
  return ((SmNamedCode *) g_ptr_array_index (items, index - 1))->code;
}

static void
severity_cb (SmFilterPanel *self)
{
  if (!self->updating)
    sm_filter_set_min_severity (self->filter, (int) adw_combo_row_get_selected (self->severity_row) + 1);
}

static void
status_cb (SmFilterPanel *self)
{
  if (!self->updating)
    sm_filter_set_status (self->filter, (SmNeedStatus) adw_combo_row_get_selected (self->status_row));
}

static void
part_cb (SmFilterPanel *self)
{
  if (!self->updating)
    sm_filter_set_settlement_part (self->filter, chosen_code (self->part_row, self->parts));
}

static void
service_cb (SmFilterPanel *self)
{
  if (!self->updating)
    sm_filter_set_service_type (self->filter, chosen_code (self->service_row, self->service_types));
}

static void
people_changed_cb (SmFilterPanel *self)
{
  SmAgeGroups groups = 0;
  SmElderlyFlags flags = 0;
  guint alarm;

  if (self->updating)
    return;
  if (gtk_check_button_get_active (self->child_check))
    groups |= SM_AGE_CHILD;
  if (gtk_check_button_get_active (self->adult_check))
    groups |= SM_AGE_ADULT;
  if (gtk_check_button_get_active (self->elderly_check))
    groups |= SM_AGE_ELDERLY;
  if (gtk_check_button_get_active (self->alone_check))
    flags |= SM_ELDERLY_LIVES_ALONE;
  alarm = adw_combo_row_get_selected (self->alarm_row);
  if (alarm == 1)
    flags |= SM_ELDERLY_ALARM_DEVICE;
  else if (alarm == 2)
    flags |= SM_ELDERLY_NO_ALARM;

  if (groups != sm_filter_get_age_groups (self->filter))
    sm_filter_set_age_groups (self->filter, groups);
  if (flags != sm_filter_get_elderly_flags (self->filter))
    sm_filter_set_elderly_flags (self->filter, flags);
}

static void
show_date (SmFilterPanel *self,
           GDateTime     *day)
{
  g_autofree char *text = NULL;

  if (day == NULL)
    {
      gtk_menu_button_set_label (self->date_button, _("Today"));
      return;
    }
  /* Translators: a date as the Filters page shows it; see g_date_time_format() */
  text = g_date_time_format (day, _("%Y-%m-%d"));
  gtk_menu_button_set_label (self->date_button, text);
}

static void
day_selected_cb (SmFilterPanel *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  GDate date;

  if (self->updating)
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (day),
                  (GDateMonth) g_date_time_get_month (day), (GDateYear) g_date_time_get_year (day));
  sm_filter_set_as_of (self->filter, &date);
  show_date (self, day);
}

static void
today_cb (SmFilterPanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, now);
  self->updating = FALSE;
  sm_filter_set_as_of (self->filter, NULL);
  show_date (self, NULL);
  gtk_menu_button_popdown (self->date_button);
}

/* The filter changed elsewhere (the time slider): the day, the need state
 * and the window's first day show what the map shows. */
static void
filter_changed_cb (SmFilterPanel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) shown = NULL;
  g_autofree char *since_text = NULL;
  GDate day, since, today;

  if (self->updating)
    return;
  self->updating = TRUE;
  sm_filter_get_as_of (self->filter, &day);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  shown = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                                 12, 0, 0);
  gtk_calendar_select_day (self->calendar, shown);
  show_date (self, g_date_compare (&day, &today) == 0 ? NULL : shown);
  if ((guint) sm_filter_get_status (self->filter) != adw_combo_row_get_selected (self->status_row))
    adw_combo_row_set_selected (self->status_row, sm_filter_get_status (self->filter));
  if (sm_filter_get_since (self->filter, &since))
    {
      char text[32];

      g_date_strftime (text, sizeof text, "%Y-%m-%d", &since);
      /* Translators: under the Filters page's day while the time slider
       * shows a window of months */
      since_text = g_strdup_printf (_("Assessed from %s on (the time slider's window)"), text);
    }
  adw_action_row_set_subtitle (self->date_row, since_text ? since_text : "");
  self->updating = FALSE;
}

/**
 * sm_filter_panel_reset:
 *
 * Back to everything open today, with one change of the filter per
 * control that was not at its default.
 */
void
sm_filter_panel_reset (SmFilterPanel *self)
{
  g_return_if_fail (SM_IS_FILTER_PANEL (self));

  self->updating = TRUE;
  adw_combo_row_set_selected (self->severity_row, 0);
  adw_combo_row_set_selected (self->status_row, 0);
  adw_combo_row_set_selected (self->alarm_row, 0);
  adw_combo_row_set_selected (self->part_row, 0);
  adw_combo_row_set_selected (self->service_row, 0);
  gtk_check_button_set_active (self->child_check, FALSE);
  gtk_check_button_set_active (self->adult_check, FALSE);
  gtk_check_button_set_active (self->elderly_check, FALSE);
  gtk_check_button_set_active (self->alone_check, FALSE);
  self->updating = FALSE;

  sm_filter_set_min_severity (self->filter, 1);
  sm_filter_set_status (self->filter, SM_NEED_OPEN);
  sm_filter_set_settlement_part (self->filter, NULL);
  sm_filter_set_service_type (self->filter, NULL);
  people_changed_cb (self);
  set_all_categories (self, TRUE);
  today_cb (self);
}

static void
sm_filter_panel_dispose (GObject *object)
{
  SmFilterPanel *self = SM_FILTER_PANEL (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_FILTER_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->category_checks, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->service_types, g_ptr_array_unref);

  G_OBJECT_CLASS (sm_filter_panel_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_filter_panel_get_context_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_FILTER_PANEL (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_filter_panel_set_context_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_FILTER_PANEL (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_filter_panel_class_init (SmFilterPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_filter_panel_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_filter_panel_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_filter_panel_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-filter-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, categories_group);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, severity_row);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, date_row);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, date_button);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, calendar);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, child_check);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, adult_check);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, elderly_check);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, alone_check);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, alarm_row);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, part_row);
  gtk_widget_class_bind_template_child (widget_class, SmFilterPanel, service_row);
  gtk_widget_class_bind_template_callback (widget_class, all_categories_cb);
  gtk_widget_class_bind_template_callback (widget_class, no_categories_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_cb);
  gtk_widget_class_bind_template_callback (widget_class, people_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sm_filter_panel_reset);
}

static void
sm_filter_panel_init (SmFilterPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->category_checks = g_ptr_array_new ();
}

SmFilterPanel *
sm_filter_panel_new (SmContext *context)
{
  SmFilterPanel *self = g_object_new (SM_TYPE_FILTER_PANEL, "context", context, NULL);
  SmStore *store = sm_context_get_store (context);
  g_autoptr(GtkStringList) parts = NULL;
  g_autoptr(GtkStringList) services = NULL;

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  add_category_rows (self);

  self->parts = sm_store_list_settlement_parts (store, NULL);
  self->service_types = sm_store_list_service_types (store, sm_locale_is_hungarian (), NULL);
  parts = names_model (self->parts, _("All"));
  services = names_model (self->service_types, _("All"));
  adw_combo_row_set_model (self->part_row, G_LIST_MODEL (parts));
  adw_combo_row_set_model (self->service_row, G_LIST_MODEL (services));
  show_date (self, NULL);

  g_signal_connect_swapped (self->severity_row, "notify::selected", G_CALLBACK (severity_cb), self);
  g_signal_connect_swapped (self->status_row, "notify::selected", G_CALLBACK (status_cb), self);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->alarm_row, "notify::selected", G_CALLBACK (people_changed_cb), self);
  g_signal_connect_swapped (self->part_row, "notify::selected", G_CALLBACK (part_cb), self);
  g_signal_connect_swapped (self->service_row, "notify::selected", G_CALLBACK (service_cb), self);
  return self;
}
