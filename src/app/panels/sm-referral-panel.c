#define G_LOG_DOMAIN "sm-referral-panel"

#include "config.h"

#include "sm-number.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-referral.h"
#include "sm-referral-item.h"
#include "sm-capacity-window.h"
#include "sm-referral-calendar-window.h"
#include "sm-referral-panel.h"
#include "sm-model.h"
#include "sm-signal-item.h"
#include "sm-store-services.h"

/* The page shows and asks; every step is a rule of core (sm-referral.c)
 * and one action on the store. */

struct _SmReferralPanel
{
  GtkBox               parent_instance;

  GtkLabel            *summary;
  GtkDropDown         *organization_drop;
  GtkDropDown         *show_drop;
  GtkColumnView       *view;
  GtkListItemFactory  *state_factory;
  GtkWidget           *detail_box;
  GtkLabel            *detail_title;
  GtkLabel            *loop_label;
  GtkLabel            *detail_text;
  GtkEditable         *worker_entry;
  GtkEditable         *note_entry;
  GtkWidget           *answer_box;
  GtkDropDown         *decline_drop;
  GtkWidget           *start_button;
  GtkWidget           *complete_box;
  GtkDropDown         *outcome_drop;
  GtkWidget           *withdraw_button;
  GtkLabel            *message;
  GtkWidget           *accept_button, *decline_button, *complete_button;

  SmContext           *context;
  SmStore             *store;
  GListStore          *items;
  GtkSingleSelection  *selection;
  GArray              *organization_ids;   /* gint64, index 0 is all */
  gint64               shown;
  guint                n_open;
  guint                n_overdue;
  gboolean             reloading;
};

G_DEFINE_FINAL_TYPE (SmReferralPanel, sm_referral_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_OPEN,
  PROP_N_OVERDUE,
  N_PROPS
};

enum {
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

enum { SHOW_OPEN, SHOW_OVERDUE, SHOW_ALL };

static int
today_day (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  return sm_date_to_epoch_day (&today);
}

static void show_detail (SmReferralPanel *self);

/* The receiving organizations, "all" first. */
static void
reload_organizations (SmReferralPanel *self)
{
  g_autoptr(GPtrArray) orgs = sm_store_list_organizations (self->store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 chosen = 0, all = 0;
  guint selected = 0, i;

  i = gtk_drop_down_get_selected (self->organization_drop);
  if (i != GTK_INVALID_LIST_POSITION && i < self->organization_ids->len)
    chosen = g_array_index (self->organization_ids, gint64, i);
  g_array_set_size (self->organization_ids, 0);
  gtk_string_list_append (names, _("All receiving organizations"));
  g_array_append_val (self->organization_ids, all);
  for (i = 0; orgs != NULL && i < orgs->len; i++)
    {
      const SmOrganization *o = g_ptr_array_index (orgs, i);

      gtk_string_list_append (names, o->name);
      g_array_append_val (self->organization_ids, o->id);
      if (o->id == chosen)
        selected = i + 1;
    }
  self->reloading = TRUE;
  gtk_drop_down_set_model (self->organization_drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->organization_drop, selected);
  self->reloading = FALSE;
}

/**
 * sm_referral_panel_reload:
 *
 * Reads the referrals the page shows from the store: those sent to the
 * chosen organization, open, overdue or all.
 */
void
sm_referral_panel_reload (SmReferralPanel *self)
{
  guint org = gtk_drop_down_get_selected (self->organization_drop);
  guint show = gtk_drop_down_get_selected (self->show_drop);
  SmReferralQuery q = { .open_only = show != SHOW_ALL };
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  SmReferralQuery everything = { .open_only = TRUE };
  g_autoptr(GPtrArray) open = NULL;
  SmReferralRules rules = { 0 };
  int today = today_day ();
  guint keep = GTK_INVALID_LIST_POSITION;

  if (self->store == NULL)
    return;
  if (org != GTK_INVALID_LIST_POSITION && org < self->organization_ids->len)
    q.organization_id = g_array_index (self->organization_ids, gint64, org);
  if (!sm_referral_rules_load (self->store, &rules, NULL))
    return;
  list = sm_store_list_referrals (self->store, &q, NULL);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      SmReferralRecord *r = g_ptr_array_steal_index (list, i--);
      SmReferralItem *item = sm_referral_item_new (r, &rules, today);

      if (show == SHOW_OVERDUE && !sm_referral_item_get_overdue (item))
        {
          g_object_unref (item);
          continue;
        }
      if (sm_referral_item_get_id (item) == self->shown)
        keep = items->len;
      g_ptr_array_add (items, item);
    }

  /* The counts on the page's tab are of every organization's. */
  self->n_open = self->n_overdue = 0;
  open = sm_store_list_referrals (self->store, &everything, NULL);
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      self->n_open++;
      self->n_overdue += sm_referral_record_is_overdue (&rules, g_ptr_array_index (open, i), today) ? 1 : 0;
    }
  sm_referral_rules_clear (&rules);

  self->reloading = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  gtk_single_selection_set_selected (self->selection, keep);
  self->reloading = FALSE;
  if (keep == GTK_INVALID_LIST_POSITION)
    self->shown = 0;
  {
    g_autofree char *text = g_strdup_printf (_("%u open, %u not answered in time"), self->n_open, self->n_overdue);

    gtk_label_set_text (self->summary, text);
  }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
  show_detail (self);
}

static void
filter_changed_cb (SmReferralPanel *self)
{
  if (!self->reloading)
    sm_referral_panel_reload (self);
}

static void
selection_changed_cb (SmReferralPanel *self)
{
  SmReferralItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->reloading)
    return;
  self->shown = item ? sm_referral_item_get_id (item) : 0;
  gtk_label_set_text (self->message, "");
  show_detail (self);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

/* An overdue referral says so in words and in the error colour. */
static void
bind_state_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  SmReferralItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = NULL;

  g_object_get (item, "state-label", &text, NULL);
  gtk_label_set_text (GTK_LABEL (label), text);
  if (sm_referral_item_get_overdue (item))
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static char *
steps_text (SmReferralPanel        *self,
            const SmReferralRecord *r)
{
  g_autoptr(GPtrArray) steps = sm_store_list_referral_steps (self->store, r->id, NULL);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);
  g_autoptr(GString) needs = g_string_new (NULL);
  GString *text = g_string_new (NULL);
  int urgency = 0;

  sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, r->urgency, &urgency);
  g_string_append_printf (text, _("Household %lld · %s · %s"), (long long) r->household_id, r->reason,
                          sm_signal_urgency_label (urgency));
  for (guint i = 0; r->needs[i] != NULL; i++)
    for (guint j = 0; j < categories->len; j++)
      {
        const SmCategory *c = g_ptr_array_index (categories, j);

        if (g_str_equal (c->code, r->needs[i]))
          g_string_append_printf (needs, "%s%s", needs->len ? "; " : "", sm_localized_name (c->name_hu, c->name_en));
      }
  if (needs->len > 0)
    g_string_append_printf (text, "\n%s %s", _("Needs:"), needs->str);
  g_string_append_printf (text, "\n%s", r->consent ? _("The client consented.")
                                                   : _("Sent without the client's consent:"));
  if (!r->consent && r->consent_note)
    g_string_append_printf (text, " %s", r->consent_note);
  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      const SmReferralStepRecord *s = g_ptr_array_index (steps, i);
      int to = 0;

      sm_enum_parse (SM_TYPE_REFERRAL_STATE, s->to_state, &to);
      g_string_append_printf (text, "\n%s · %s · %s", s->on_day, sm_referral_state_name (to), s->by_whom);
      if (s->note && *s->note && i > 0)
        g_string_append_printf (text, " · %s", s->note);
    }
  if (r->decline_reason)
    {
      int reason = 0;

      sm_enum_parse (SM_TYPE_REFERRAL_DECLINE, r->decline_reason, &reason);
      g_string_append_printf (text, "\n%s %s", _("Declined:"), sm_referral_decline_name (reason));
    }
  if (r->outcome)
    {
      int outcome = 0;

      sm_enum_parse (SM_TYPE_REFERRAL_OUTCOME, r->outcome, &outcome);
      g_string_append_printf (text, "\n%s %s", _("Outcome:"), sm_referral_outcome_name (outcome));
    }
  return g_string_free (text, FALSE);
}

/* The shown referral and the steps its state allows. */
static void
show_detail (SmReferralPanel *self)
{
  SmReferralItem *item = gtk_single_selection_get_selected_item (self->selection);
  const SmReferralRecord *r;
  SmReferralState state;
  g_autofree char *title = NULL, *text = NULL;

  gtk_widget_set_visible (self->detail_box, item != NULL);
  if (item == NULL)
    return;
  r = sm_referral_item_get_record (item);
  state = sm_referral_item_get_state (item);
  title = g_strdup_printf (_("Referral %lld to %s (%s)"), (long long) r->id, r->service_name,
                           r->organization_name);
  gtk_label_set_text (self->detail_title, title);
  text = steps_text (self, r);
  gtk_label_set_text (self->detail_text, text);

  gtk_widget_remove_css_class (GTK_WIDGET (self->loop_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->loop_label), "success");
  if (sm_referral_loop_closed (state))
    {
      gtk_label_set_text (self->loop_label, _("The loop is closed: the receiving service answered."));
      gtk_widget_add_css_class (GTK_WIDGET (self->loop_label), "success");
    }
  else if (sm_referral_item_get_overdue (item))
    {
      g_autofree char *due = NULL;
      GDate d;

      sm_date_from_epoch_day (sm_referral_item_get_due_day (item), &d);
      due = sm_date_to_iso (&d);
      g_autofree char *overdue = g_strdup_printf (_("Not answered in time: the answer was due on %s."), due);
      gtk_label_set_text (self->loop_label, overdue);
      gtk_widget_add_css_class (GTK_WIDGET (self->loop_label), "error");
    }
  else if (state == SM_REFERRAL_WITHDRAWN)
    gtk_label_set_text (self->loop_label, _("Withdrawn by the sender."));
  else
    gtk_label_set_text (self->loop_label, _("The loop is open: it closes when the receiving service answers."));

  gtk_widget_set_visible (self->answer_box, state == SM_REFERRAL_SENT || state == SM_REFERRAL_ACCEPTED);
  gtk_widget_set_visible (self->accept_button, state == SM_REFERRAL_SENT);
  gtk_widget_set_visible (self->start_button, state == SM_REFERRAL_ACCEPTED);
  gtk_widget_set_visible (self->complete_box, state == SM_REFERRAL_STARTED);
  gtk_widget_set_visible (self->withdraw_button, sm_referral_is_open (state));
  gtk_widget_set_visible (GTK_WIDGET (self->note_entry), sm_referral_is_open (state));
  gtk_widget_set_visible (GTK_WIDGET (self->worker_entry), sm_referral_is_open (state));
}

static void
take_step (SmReferralPanel   *self,
           SmReferralState    to,
           SmReferralDecline  reason,
           SmReferralOutcome  outcome)
{
  g_autoptr(GError) error = NULL;
  const char *note = gtk_editable_get_text (self->note_entry);
  const char *by = gtk_editable_get_text (self->worker_entry);
  g_autofree char *done = NULL;

  if (self->shown == 0)
    return;
  if (!sm_referral_move (self->store, self->shown, to, by, *note ? note : NULL, reason, outcome, NULL, &error))
    {
      gtk_label_set_text (self->message, error->message);
      return;
    }
  gtk_label_set_text (self->message, "");
  gtk_editable_set_text (self->note_entry, "");
  done = g_strdup_printf (_("Referral %lld is now %s"), (long long) self->shown, sm_referral_state_name (to));
  g_signal_emit (self, signals[TOAST], 0, done);
}

static void
accept_clicked_cb (SmReferralPanel *self)
{
  take_step (self, SM_REFERRAL_ACCEPTED, SM_DECLINE_NONE, SM_OUTCOME_NONE);
}

static void
decline_clicked_cb (SmReferralPanel *self)
{
  take_step (self, SM_REFERRAL_DECLINED, SM_DECLINE_NO_CAPACITY + gtk_drop_down_get_selected (self->decline_drop),
             SM_OUTCOME_NONE);
}

static void
start_clicked_cb (SmReferralPanel *self)
{
  take_step (self, SM_REFERRAL_STARTED, SM_DECLINE_NONE, SM_OUTCOME_NONE);
}

static void
complete_clicked_cb (SmReferralPanel *self)
{
  take_step (self, SM_REFERRAL_COMPLETED, SM_DECLINE_NONE,
             SM_OUTCOME_GOT_HELP + gtk_drop_down_get_selected (self->outcome_drop));
}

static void
withdraw_clicked_cb (SmReferralPanel *self)
{
  take_step (self, SM_REFERRAL_WITHDRAWN, SM_DECLINE_NONE, SM_OUTCOME_NONE);
}

static void
store_changed_cb (SmReferralPanel *self,
                  SmStoreChange    what)
{
  if (what & SM_STORE_CHANGE_SERVICES)
    reload_organizations (self);
  if (what & (SM_STORE_CHANGE_CASEWORK | SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_CASES))
    sm_referral_panel_reload (self);
}

/**
 * sm_referral_panel_show_referral:
 *
 * Shows referral @id, with every organization's referrals of all states.
 */
void
sm_referral_panel_show_referral (SmReferralPanel *self,
                                 gint64           id)
{
  self->reloading = TRUE;
  gtk_drop_down_set_selected (self->organization_drop, 0);
  gtk_drop_down_set_selected (self->show_drop, SHOW_ALL);
  self->reloading = FALSE;
  self->shown = id;
  sm_referral_panel_reload (self);
}

guint
sm_referral_panel_get_n_open (SmReferralPanel *self)
{
  return self->n_open;
}

guint
sm_referral_panel_get_n_overdue (SmReferralPanel *self)
{
  return self->n_overdue;
}

gint64
sm_referral_panel_get_shown (SmReferralPanel *self)
{
  return self->shown;
}

static void
sm_referral_panel_constructed (GObject *object)
{
  SmReferralPanel *self = SM_REFERRAL_PANEL (object);
  g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (sm_referral_panel_parent_class)->constructed (object);

  for (int i = SM_DECLINE_NO_CAPACITY; i <= SM_DECLINE_OTHER; i++)
    gtk_string_list_append (reasons, sm_referral_decline_name (i));
  gtk_drop_down_set_model (self->decline_drop, G_LIST_MODEL (reasons));
  for (int i = SM_OUTCOME_GOT_HELP; i <= SM_OUTCOME_NOT_HELPED; i++)
    gtk_string_list_append (outcomes, sm_referral_outcome_name (i));
  gtk_drop_down_set_model (self->outcome_drop, G_LIST_MODEL (outcomes));

  self->store = g_object_ref (sm_context_get_store (self->context));
  g_settings_bind (sm_context_get_settings (self->context), "caseworker", self->worker_entry, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload_organizations (self);
  sm_referral_panel_reload (self);
}

static void
sm_referral_panel_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SmReferralPanel *self = SM_REFERRAL_PANEL (object);

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
sm_referral_panel_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SmReferralPanel *self = SM_REFERRAL_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_N_OPEN:
      g_value_set_uint (value, self->n_open);
      break;
    case PROP_N_OVERDUE:
      g_value_set_uint (value, self->n_overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_referral_panel_dispose (GObject *object)
{
  SmReferralPanel *self = SM_REFERRAL_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_REFERRAL_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_pointer (&self->organization_ids, g_array_unref);
  G_OBJECT_CLASS (sm_referral_panel_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SmReferralPanel, name)

static GtkWindow *
parent_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
capacity_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  sm_capacity_window_new (parent_window (widget), SM_REFERRAL_PANEL (widget)->context);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (sm_referral_calendar_window_new (parent_window (widget),
                                                                   SM_REFERRAL_PANEL (widget)->context)));
}

static void
sm_referral_panel_class_init (SmReferralPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_referral_panel_constructed;
  object_class->set_property = sm_referral_panel_set_property;
  object_class->get_property = sm_referral_panel_get_property;
  object_class->dispose = sm_referral_panel_dispose;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPEN] = g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVERDUE] = g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SM_TYPE_REFERRAL_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-referral-panel.ui");
  BIND (summary); BIND (organization_drop); BIND (show_drop); BIND (view); BIND (state_factory);
  BIND (detail_box); BIND (detail_title); BIND (loop_label); BIND (detail_text); BIND (worker_entry);
  BIND (note_entry); BIND (answer_box); BIND (decline_drop); BIND (start_button); BIND (complete_box);
  BIND (outcome_drop); BIND (withdraw_button); BIND (message); BIND (accept_button); BIND (decline_button);
  BIND (complete_button);
  gtk_widget_class_install_action (widget_class, "referrals.capacity", NULL, capacity_action);
  gtk_widget_class_install_action (widget_class, "referrals.calendar", NULL, calendar_action);
  gtk_widget_class_bind_template_callback (widget_class, accept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, decline_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, complete_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, withdraw_clicked_cb);
}

static void
sm_referral_panel_init (SmReferralPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->organization_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->items = g_list_store_new (SM_TYPE_REFERRAL_ITEM);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (self->state_factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (self->state_factory, "bind", G_CALLBACK (bind_state_cb), NULL);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->organization_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->show_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
}

SmReferralPanel *
sm_referral_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_REFERRAL_PANEL, "context", context, NULL);
}
