#define G_LOG_DOMAIN "sm-roundtable-panel"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-indicators.h"
#include "sm-number.h"
#include "sm-programme.h"
#include "sm-roundtable-dialogs.h"
#include "sm-roundtable-item.h"
#include "sm-roundtable-panel.h"
#include "sm-store-roundtable.h"

struct _SmRoundtablePanel
{
  GtkBox         parent_instance;

  SmContext     *context;
  GListStore    *actions;
  GListStore    *meetings;
  GListStore    *indicators;
  GtkSingleSelection *action_selection;
  GtkSingleSelection *indicator_selection;
  guint          n_overdue;
  gboolean       indicators_dirty;
  GCancellable  *computing;
  guint          recompute_id;

  GtkLabel      *summary;
  GtkColumnView *actions_view;
  GtkColumnView *meetings_view;
  GtkColumnView *indicators_view;
  GtkDropDown   *status_drop;
  GtkEntry      *note_entry;
  GtkLabel      *programme_label;
  GtkEntry      *target_entry;
};

G_DEFINE_FINAL_TYPE (SmRoundtablePanel, sm_roundtable_panel, GTK_TYPE_BOX)

enum { PROP_0, PROP_CONTEXT, PROP_N_OVERDUE, N_PROPS };
enum { TOAST, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
toast (SmRoundtablePanel *self,
       const char        *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* --- columns ------------------------------------------------------------ */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* The full text is in the tooltip: a long name does not widen the page. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  SmRoundtableItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gboolean alert_column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "alert"));
  const char *text = sm_roundtable_item_get_text (row, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text);
  if (alert_column && sm_roundtable_item_get_alert (row))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            guint          column,
            gboolean       expand,
            gboolean       alert)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *c;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_object_set_data (G_OBJECT (factory), "alert", GUINT_TO_POINTER (alert));
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);
  c = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (c, expand);
  gtk_column_view_column_set_resizable (c, TRUE);
  gtk_column_view_append_column (view, c);
  g_object_unref (c);
}

static GStrv
texts (const char *first,
       ...)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *t = first; t != NULL; t = va_arg (args, const char *))
    g_strv_builder_add (b, t);
  va_end (args);
  return g_strv_builder_end (b);
}

/* --- what the page shows ------------------------------------------------ */

static void
reload_actions (SmRoundtablePanel *self,
                const char        *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actions = sm_store_list_actions (sm_context_get_store (self->context), &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint overdue = 0, open = 0;

  if (actions == NULL)
    {
      toast (self, error->message);
      return;
    }
  for (guint i = 0; i < actions->len; i++)
    {
      SmActionRecord *a = g_ptr_array_index (actions, i);
      SmActionStatus s = sm_action_effective_status (a, today);
      int late = sm_action_days_overdue (a, today);
      g_autofree char *status = late > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Late, %d day overdue",
                                                                         "Late, %d days overdue", late), late)
                                         : g_strdup (sm_action_status_name (s));

      overdue += late > 0;
      open += sm_action_status_is_open (s);
      g_ptr_array_add (items, sm_roundtable_item_new (a->id, a->status,
                                                      texts (a->title, a->owner ? a->owner : "",
                                                             a->due_on ? a->due_on : "–", status, NULL),
                                                      late > 0));
    }
  g_list_store_splice (self->actions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->actions)), items->pdata,
                       items->len);
  if (overdue != self->n_overdue)
    {
      self->n_overdue = overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
    }
  {
    g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open action", "%u open actions", open),
                                          open);
    g_autofree char *b = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u overdue", "%u overdue", overdue),
                                          overdue);
    g_autofree char *line = g_strdup_printf ("%s, %s", a, b);

    gtk_label_set_text (self->summary, line);
  }
}

static void
reload_meetings (SmRoundtablePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) meetings = sm_store_list_meetings (sm_context_get_store (self->context), NULL, NULL, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (meetings == NULL)
    return;
  for (guint i = meetings->len; i-- > 0;)
    {
      SmMeetingRecord *m = g_ptr_array_index (meetings, i);
      g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u decision", "%u decisions",
                                                            m->decisions->len), m->decisions->len);

      g_ptr_array_add (items, sm_roundtable_item_new (m->id, NULL, texts (m->held_on, m->title, what, NULL), FALSE));
    }
  g_list_store_splice (self->meetings, 0, g_list_model_get_n_items (G_LIST_MODEL (self->meetings)), items->pdata,
                       items->len);
}

static void
reload_programme (SmRoundtablePanel *self)
{
  g_autoptr(SmProgrammeVersion) v = sm_store_get_programme_version (sm_context_get_store (self->context), 0, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (v == NULL)
    {
      gtk_label_set_text (self->programme_label, _("The roundtable has no written cooperation programme yet."));
      return;
    }
  g_string_append_printf (text, _("Version %d of %s, %u sections."), v->number, v->made_on, v->sections->len);
  g_string_append (text, " ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Agreed to by %u member.",
                                             "Agreed to by %u members.", v->agreements->len), v->agreements->len);
  gtk_label_set_text (self->programme_label, text->str);
}

/* The indicators take the scan statistic: computed on a worker thread,
 * with a connection of its own. */
typedef struct {
  char *db_path;
  char *from;
  char *to;
  int   k;
} Compute;

static void
compute_free (Compute *c)
{
  g_free (c->db_path);
  g_free (c->from);
  g_free (c->to);
  g_free (c);
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Compute *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (c->db_path, &error);
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (c->k);
  g_autoptr(SmIndicatorContext) indicators = NULL;
  GPtrArray *reports;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  indicators = sm_indicator_context_new (store, disclosure);
  reports = sm_indicators_report (indicators, c->from, c->to, FALSE, &error);
  if (reports == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reports, (GDestroyNotify) g_ptr_array_unref);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reports = g_task_propagate_pointer (G_TASK (result), &error);
  SmRoundtablePanel *self;
  g_autoptr(GPtrArray) items = NULL;

  if (reports == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = SM_ROUNDTABLE_PANEL (data);
  g_clear_object (&self->computing);
  if (reports == NULL)
    {
      toast (self, error->message);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (reports, i);
      g_autofree char *value = sm_indicator_format (&r->value, sm_context_get_disclosure (self->context));
      g_autofree char *target = isnan (r->target) ? g_strdup ("–") : sm_indicator_format_number (r->def, r->target);
      gboolean missed = !isnan (r->target) && !sm_indicator_target_met (r->def, r->value.value, r->target);
      const char *verdict = isnan (r->target) ? "" : missed ? _("not met") : _("met");

      g_ptr_array_add (items, sm_roundtable_item_new (0, r->def->nick,
                                                      texts (sm_indicator_name (r->def), value,
                                                             sm_indicator_unit_name (r->def), target, verdict, NULL),
                                                      missed));
    }
  g_list_store_splice (self->indicators, 0, g_list_model_get_n_items (G_LIST_MODEL (self->indicators)),
                       items->pdata, items->len);
}

static void
last_twelve_months (char **from,
                    char **to)
{
  GDate d;

  g_date_set_time_t (&d, time (NULL));
  *to = sm_date_to_iso (&d);
  g_date_subtract_years (&d, 1);
  g_date_add_days (&d, 1);
  *from = sm_date_to_iso (&d);
}

static void
compute_indicators (SmRoundtablePanel *self)
{
  g_autoptr(GTask) task = NULL;
  Compute *c = g_new0 (Compute, 1);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  self->computing = g_cancellable_new ();
  self->indicators_dirty = FALSE;
  c->db_path = g_strdup (sm_store_get_path (sm_context_get_store (self->context)));
  c->k = sm_disclosure_get_k (sm_context_get_disclosure (self->context));
  last_twelve_months (&c->from, &c->to);
  task = g_task_new (NULL, self->computing, computed_cb, self);
  g_task_set_task_data (task, c, (GDestroyNotify) compute_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
recompute_cb (gpointer data)
{
  SmRoundtablePanel *self = data;

  self->recompute_id = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute_indicators (self);
  return G_SOURCE_REMOVE;
}

/* Indicators follow the data a second after it last changed, while shown. */
static void
indicators_changed (SmRoundtablePanel *self)
{
  self->indicators_dirty = TRUE;
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  self->recompute_id = g_timeout_add (1000, recompute_cb, self);
}

void
sm_roundtable_panel_reload (SmRoundtablePanel *self)
{
  g_autofree char *today = sm_date_today_iso ();

  g_return_if_fail (SM_IS_ROUNDTABLE_PANEL (self));

  reload_actions (self, today);
  reload_meetings (self);
  reload_programme (self);
}

static void
store_changed_cb (SmRoundtablePanel *self,
                  SmStoreChange      what)
{
  if (what & (SM_STORE_CHANGE_ROUNDTABLE | SM_STORE_CHANGE_SERVICES))
    sm_roundtable_panel_reload (self);
  if (what & (SM_STORE_CHANGE_ROUNDTABLE | SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_CASEWORK |
              SM_STORE_CHANGE_SERVICES))
    indicators_changed (self);
}

static void
map_cb (SmRoundtablePanel *self)
{
  if (self->indicators_dirty)
    compute_indicators (self);
}

/* --- what its buttons do ------------------------------------------------ */

static void
done_cb (gpointer      data,
         const GError *error)
{
  SmRoundtablePanel *self = data;

  if (error != NULL)
    toast (self, error->message);
}

static void
new_action_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);

  sm_roundtable_new_action_dialog (widget, self->context, done_cb, self);
}

static void
new_meeting_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);

  sm_roundtable_new_meeting_dialog (widget, self->context, done_cb, self);
}

static void
new_version_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);

  sm_roundtable_new_version_dialog (widget, self->context, done_cb, self);
}

static void
agree_action (GtkWidget  *widget,
              const char *name,
              GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);

  sm_roundtable_agree_dialog (widget, self->context, done_cb, self);
}

static void
record_action (GtkWidget  *widget,
               const char *name,
               GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);
  SmRoundtableItem *item = gtk_single_selection_get_selected_item (self->action_selection);
  guint status = gtk_drop_down_get_selected (self->status_drop);
  g_autoptr(GError) error = NULL;
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  const char *to = status == 0 || status == GTK_INVALID_LIST_POSITION
                   ? NULL : sm_enum_to_nick (SM_TYPE_ACTION_STATUS, (int) status - 1);

  if (item == NULL)
    {
      toast (self, _("Choose an action in the list first"));
      return;
    }
  if (!sm_programme_update_action (sm_context_get_store (self->context), sm_roundtable_item_get_id (item), to, NULL,
                                   NULL, *note ? note : NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_drop_down_set_selected (self->status_drop, 0);
  toast (self, _("The action’s progress is recorded"));
}

static void
set_target_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *parameter)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (widget);
  SmRoundtableItem *item = gtk_single_selection_get_selected_item (self->indicator_selection);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->target_entry));
  g_autoptr(GError) error = NULL;
  double target;

  if (item == NULL)
    {
      toast (self, _("Choose an indicator in the list first"));
      return;
    }
  if (!sm_parse_decimal (text, TRUE, &target))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a number"), text);

      toast (self, message);
      return;
    }
  if (!sm_indicator_set_target (sm_context_get_store (self->context), sm_roundtable_item_get_key (item), target, NAN,
                                NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->target_entry), "");
}

/* --- the object --------------------------------------------------------- */

static void
sm_roundtable_panel_constructed (GObject *object)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (object);

  G_OBJECT_CLASS (sm_roundtable_panel_parent_class)->constructed (object);
  g_signal_connect_object (sm_context_get_store (self->context), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sm_roundtable_panel_reload (self);
  self->indicators_dirty = TRUE;
}

static void
sm_roundtable_panel_dispose (GObject *object)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (object);

  if (self->computing != NULL)
    g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_handle_id (&self->recompute_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_ROUNDTABLE_PANEL);
  G_OBJECT_CLASS (sm_roundtable_panel_parent_class)->dispose (object);
}

static void
sm_roundtable_panel_finalize (GObject *object)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (object);

  g_clear_object (&self->context);
  g_clear_object (&self->actions);
  g_clear_object (&self->meetings);
  g_clear_object (&self->indicators);
  G_OBJECT_CLASS (sm_roundtable_panel_parent_class)->finalize (object);
}

static void
sm_roundtable_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_roundtable_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  SmRoundtablePanel *self = SM_ROUNDTABLE_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_roundtable_panel_class_init (SmRoundtablePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_roundtable_panel_constructed;
  object_class->dispose = sm_roundtable_panel_dispose;
  object_class->finalize = sm_roundtable_panel_finalize;
  object_class->get_property = sm_roundtable_panel_get_property;
  object_class->set_property = sm_roundtable_panel_set_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVERDUE] = g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-roundtable-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, summary);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, actions_view);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, meetings_view);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, indicators_view);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, status_drop);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, note_entry);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, programme_label);
  gtk_widget_class_bind_template_child (widget_class, SmRoundtablePanel, target_entry);
  gtk_widget_class_install_action (widget_class, "roundtable.new-action", NULL, new_action_action);
  gtk_widget_class_install_action (widget_class, "roundtable.new-meeting", NULL, new_meeting_action);
  gtk_widget_class_install_action (widget_class, "roundtable.new-version", NULL, new_version_action);
  gtk_widget_class_install_action (widget_class, "roundtable.agree", NULL, agree_action);
  gtk_widget_class_install_action (widget_class, "roundtable.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "roundtable.set-target", NULL, set_target_action);
}

static void
sm_roundtable_panel_init (SmRoundtablePanel *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->actions = g_list_store_new (SM_TYPE_ROUNDTABLE_ITEM);
  self->meetings = g_list_store_new (SM_TYPE_ROUNDTABLE_ITEM);
  self->indicators = g_list_store_new (SM_TYPE_ROUNDTABLE_ITEM);
  self->action_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->actions)));
  gtk_single_selection_set_autoselect (self->action_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->action_selection, TRUE);
  gtk_column_view_set_model (self->actions_view, GTK_SELECTION_MODEL (self->action_selection));
  g_object_unref (self->action_selection);
  gtk_column_view_set_model (self->meetings_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
    g_object_ref (G_LIST_MODEL (self->meetings)))));
  g_object_unref (gtk_column_view_get_model (self->meetings_view));
  self->indicator_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->indicators)));
  gtk_single_selection_set_autoselect (self->indicator_selection, FALSE);
  gtk_column_view_set_model (self->indicators_view, GTK_SELECTION_MODEL (self->indicator_selection));
  g_object_unref (self->indicator_selection);

  add_column (self->actions_view, _("Action"), 0, TRUE, FALSE);
  add_column (self->actions_view, _("Responsible"), 1, FALSE, FALSE);
  add_column (self->actions_view, _("Due"), 2, FALSE, TRUE);
  add_column (self->actions_view, _("Status"), 3, FALSE, TRUE);
  add_column (self->meetings_view, _("Day"), 0, FALSE, FALSE);
  add_column (self->meetings_view, _("Meeting"), 1, TRUE, FALSE);
  add_column (self->meetings_view, _("Decisions"), 2, FALSE, FALSE);
  add_column (self->indicators_view, _("Indicator"), 0, TRUE, FALSE);
  add_column (self->indicators_view, _("Value"), 1, FALSE, FALSE);
  add_column (self->indicators_view, _("Unit"), 2, FALSE, FALSE);
  add_column (self->indicators_view, _("Target"), 3, FALSE, TRUE);
  add_column (self->indicators_view, _("Against It"), 4, FALSE, TRUE);

  gtk_string_list_append (statuses, _("Status unchanged"));
  for (int s = SM_ACTION_PLANNED; s <= SM_ACTION_DROPPED; s++)
    gtk_string_list_append (statuses, sm_action_status_name ((SmActionStatus) s));
  gtk_drop_down_set_model (self->status_drop, G_LIST_MODEL (statuses));
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

SmRoundtablePanel *
sm_roundtable_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_ROUNDTABLE_PANEL, "context", context, NULL);
}

guint
sm_roundtable_panel_get_n_overdue (SmRoundtablePanel *self)
{
  g_return_val_if_fail (SM_IS_ROUNDTABLE_PANEL (self), 0);
  return self->n_overdue;
}

GListModel *
sm_roundtable_panel_get_actions (SmRoundtablePanel *self)
{
  return G_LIST_MODEL (self->actions);
}

GListModel *
sm_roundtable_panel_get_meetings (SmRoundtablePanel *self)
{
  return G_LIST_MODEL (self->meetings);
}

GListModel *
sm_roundtable_panel_get_indicators (SmRoundtablePanel *self)
{
  return G_LIST_MODEL (self->indicators);
}

gboolean
sm_roundtable_panel_is_computing (SmRoundtablePanel *self)
{
  return self->computing != NULL || self->recompute_id != 0;
}

void
sm_roundtable_panel_select_action (SmRoundtablePanel *self,
                                   guint              position)
{
  gtk_single_selection_set_selected (self->action_selection, position);
}

void
sm_roundtable_panel_select_indicator (SmRoundtablePanel *self,
                                      guint              position)
{
  gtk_single_selection_set_selected (self->indicator_selection, position);
}
