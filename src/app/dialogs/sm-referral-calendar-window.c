#define G_LOG_DOMAIN "sm-referral-calendar-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-referral.h"
#include "sm-referral-calendar-window.h"
#include "sm-store-referrals.h"

struct _SmReferralCalendarWindow
{
  AdwPreferencesWindow  parent_instance;

  SmContext            *context;
  GtkSpinButton        *days_spin;
  AdwEntryRow          *day_row;
  AdwComboRow          *kind_row;
  AdwEntryRow          *name_row;
  GtkButton            *add_button;
  AdwPreferencesGroup  *year_group;
  GtkSpinButton        *year_spin;
  GtkListBox           *days_list;
  gboolean              filling;
};

G_DEFINE_FINAL_TYPE (SmReferralCalendarWindow, sm_referral_calendar_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
say (SmReferralCalendarWindow *self,
     const char               *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void fill_days (SmReferralCalendarWindow *self);

static void
remove_clicked_cb (GtkButton                *button,
                   SmReferralCalendarWindow *self)
{
  const char *day = g_object_get_data (G_OBJECT (button), "day");
  g_autoptr(GError) error = NULL;

  if (!sm_store_remove_workday_exception (sm_context_get_store (self->context), day, &error))
    say (self, error->message);
  fill_days (self);
}

/* The year's days off on weekdays and worked weekend days, the
 * database's own with a button that gives them back to the law. */
static void
fill_days (SmReferralCalendarWindow *self)
{
  int year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = sm_referral_unusual_days (sm_context_get_store (self->context), year, &error);
  g_autofree char *title = g_strdup_printf (_("Days Off and Worked Days in %d"), year);
  GtkWidget *child;

  adw_preferences_group_set_title (self->year_group, title);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->days_list))) != NULL)
    gtk_list_box_remove (self->days_list, child);
  if (days == NULL)
    {
      say (self, error->message);
      return;
    }
  for (guint i = 0; i < days->len; i++)
    {
      const SmCalendarDay *d = g_ptr_array_index (days, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      char when[128] = "";
      GDate date;

      if (sm_date_parse_iso (d->day, &date, NULL))
        g_date_strftime (when, sizeof when, "%Y-%m-%d, %A", &date);
      subtitle = g_strdup_printf ("%s%s%s", d->worked ? _("Worked") : _("Off"), d->why ? " · " : "",
                                  d->why ? d->why : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (d->exception)
        {
          GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          gtk_widget_set_tooltip_text (button, _("Let this day be as the law has it"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Let this day be as the law has it"), -1);
          g_object_set_data_full (G_OBJECT (button), "day", g_strdup (d->day), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->days_list, row);
    }
}

static void
add_cb (SmReferralCalendarWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->day_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  gboolean workday = adw_combo_row_get_selected (self->kind_row) == 1;
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;
  GDate day;

  if (!sm_date_parse_any (text, &day, &error))
    {
      say (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->day_row));
      return;
    }
  iso = sm_date_to_iso (&day);
  if (!sm_store_set_workday_exception (sm_context_get_store (self->context), iso, workday, *name ? name : NULL,
                                       &error))
    {
      say (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->day_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  self->filling = TRUE;
  gtk_spin_button_set_value (self->year_spin, g_date_get_year (&day));
  self->filling = FALSE;
  fill_days (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->day_row));
}

static void
days_changed_cb (SmReferralCalendarWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filling)
    return;
  if (!sm_referral_set_answer_days (sm_context_get_store (self->context),
                                    gtk_spin_button_get_value_as_int (self->days_spin), &error))
    say (self, error->message);
}

static void
year_changed_cb (SmReferralCalendarWindow *self)
{
  if (!self->filling)
    fill_days (self);
}

static void
sm_referral_calendar_window_dispose (GObject *object)
{
  SmReferralCalendarWindow *self = SM_REFERRAL_CALENDAR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_REFERRAL_CALENDAR_WINDOW);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_referral_calendar_window_parent_class)->dispose (object);
}

static void
sm_referral_calendar_window_class_init (SmReferralCalendarWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_referral_calendar_window_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-referral-calendar-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SmReferralCalendarWindow, name)
  BIND (days_spin); BIND (day_row); BIND (kind_row); BIND (name_row); BIND (add_button); BIND (year_group); BIND (year_spin);
  BIND (days_list);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sm_referral_calendar_window_init (SmReferralCalendarWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SmReferralCalendarWindow *
sm_referral_calendar_window_new (GtkWindow *parent,
                                 SmContext *context)
{
  SmReferralCalendarWindow *self = g_object_new (SM_TYPE_REFERRAL_CALENDAR_WINDOW, "transient-for", parent,
                                                 "modal", TRUE, NULL);
  g_autoptr(GError) error = NULL;
  SmReferralRules rules;
  GDate today;

  self->context = g_object_ref (context);
  self->filling = TRUE;
  if (sm_referral_rules_load (sm_context_get_store (context), &rules, &error))
    {
      gtk_spin_button_set_value (self->days_spin, rules.answer_days);
      sm_referral_rules_clear (&rules);
    }
  else
    say (self, error->message);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  gtk_spin_button_set_value (self->year_spin, g_date_get_year (&today));
  self->filling = FALSE;
  g_signal_connect_swapped (self->days_spin, "value-changed", G_CALLBACK (days_changed_cb), self);
  g_signal_connect_swapped (self->year_spin, "value-changed", G_CALLBACK (year_changed_cb), self);
  fill_days (self);
  return self;
}
