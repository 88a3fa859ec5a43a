#define G_LOG_DOMAIN "sm-signal-panel"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-model.h"
#include "sm-signal.h"
#include "sm-signal-item.h"
#include "sm-signal-panel.h"
#include "sm-text-cell.h"
#include "sm-signal-panel-private.h"
#include "sm-store-casework.h"

/* The page shows and asks; every step is a rule of core (sm-signal.c,
 * sm-case-life.c) and one action on the store. */


G_DEFINE_FINAL_TYPE (SmSignalPanel, sm_signal_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_N_OPEN,
  PROP_N_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

guint _sm_signal_panel_signals[SM_SIGNAL_PANEL_N_SIGNALS];


/* --- the list --------------------------------------------------------- */

static void
show_changed_cb (SmSignalPanel *self)
{
  sm_signal_panel_reload (self);
}

/* The columns sort on numbers kept in the items, compared directly: a
 * sorter reading properties through expressions is several times slower
 * on 20,000 signals. */
static int
compare_ints (gint64 a,
              gint64 b)
{
  return (a > b) - (a < b);
}

static int
by_received (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_ints (sm_signal_item_get_minute ((SmSignalItem *) a), sm_signal_item_get_minute ((SmSignalItem *) b));
}

static int
by_from (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_ints (sm_signal_item_get_from_rank ((SmSignalItem *) a),
                       sm_signal_item_get_from_rank ((SmSignalItem *) b));
}

static int
by_urgency (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_ints (sm_signal_item_get_record ((SmSignalItem *) a)->urgency,
                       sm_signal_item_get_record ((SmSignalItem *) b)->urgency);
}

static int
by_state (gconstpointer a, gconstpointer b, gpointer data)
{
  return compare_ints (sm_signal_item_get_record ((SmSignalItem *) a)->state,
                       sm_signal_item_get_record ((SmSignalItem *) b)->state);
}

static int
by_age (gconstpointer a, gconstpointer b, gpointer data)
{
  /* Older is larger: the reverse of the time of receipt. */
  return -by_received (a, b, data);
}

static void
set_sorters (SmSignalPanel *self)
{
  static const GCompareDataFunc compare[] = { by_received, by_from, by_urgency, by_state, by_age };
  GListModel *columns = gtk_column_view_get_columns (self->view);

  for (guint i = 0; i < G_N_ELEMENTS (compare) && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare[i], NULL, NULL));

      gtk_column_view_column_set_sorter (column, sorter);
    }
}

/* The list's cells are measured from the font (the list keeps a few
 * hundred rows and measures them all on each change of what it shows). */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  column)
{
  static const struct { guint lines; int chars; float xalign; } cells[] = {
    { 1, 16, 0 }, { 2, 28, 0 }, { 1, 10, 0 }, { 1, 18, 0 }, { 1, 6, 1 },
  };
  guint c = GPOINTER_TO_UINT (column);
  GtkWidget *cell = sm_text_cell_new (cells[c].lines, cells[c].chars);

  sm_text_cell_set_xalign (SM_TEXT_CELL (cell), cells[c].xalign);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_received_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  sm_text_cell_bind (list_item, "received", NULL);
}

static void
bind_from_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  sm_text_cell_bind (list_item, "from", "about");
}

static void
bind_urgency_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  sm_text_cell_bind (list_item, "urgency-label", NULL);
}

static void
bind_age_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  sm_text_cell_bind (list_item, "age", NULL);
}

/* An overdue signal says so in words and in the error colour. */
static void
bind_state_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  SmSignalItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *state = NULL, *text = NULL;
  gboolean overdue = sm_signal_item_get_overdue (item);

  g_object_get (item, "state-label", &state, NULL);
  text = overdue ? g_strdup_printf (_("%s, overdue"), state) : g_strdup (state);
  sm_text_cell_set_text (SM_TEXT_CELL (label), text, NULL);
  if (overdue)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

/* The member kind's name in the language of the messages, interned. */
static const char *
kind_label (SmSignalPanel *self,
            const char    *code)
{
  const KindName *k = code != NULL && self->kind_names != NULL ? g_hash_table_lookup (self->kind_names, code) : NULL;

  return k != NULL ? k->label : NULL;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return g_utf8_collate ((*(const KindName * const *) a)->label, (*(const KindName * const *) b)->label);
}

/* Code → name and its rank in the collation order (anonymous first), once
 * per reading, not once per signal. */
static void
index_kinds (SmSignalPanel *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  g_clear_pointer (&self->kind_names, g_hash_table_unref);
  self->kind_names = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; self->kinds != NULL && i < self->kinds->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (self->kinds, i);
      KindName *name = g_new0 (KindName, 1);

      name->label = g_intern_string (sm_localized_name (k->name_hu, k->name_en));
      g_hash_table_insert (self->kind_names, k->code, name);
      g_ptr_array_add (sorted, name);
    }
  g_ptr_array_sort (sorted, compare_labels);
  for (guint i = 0; i < sorted->len; i++)
    ((KindName *) sorted->pdata[i])->rank = (int) i + 1;
}

static void
fill_choices (SmSignalPanel *self)
{
  g_autoptr(GtkStringList) from = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) needs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) measures = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);
  const SmInterventionKind *kinds;
  guint n;

  gtk_string_list_append (from, _("Anonymous or private person"));
  for (guint i = 0; self->kinds != NULL && i < self->kinds->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (self->kinds, i);

      gtk_string_list_append (from, sm_localized_name (k->name_hu, k->name_en));
    }
  g_clear_pointer (&self->need_codes, g_ptr_array_unref);
  self->need_codes = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (needs, _("No need category"));
  g_ptr_array_add (self->need_codes, NULL);
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);

      gtk_string_list_append (needs, sm_localized_name (c->name_hu, c->name_en));
      g_ptr_array_add (self->need_codes, g_strdup (c->code));
    }
  kinds = sm_intervention_kinds (&n);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (measures, sm_intervention_kind_name (&kinds[i]));
  gtk_drop_down_set_model (self->new_from, G_LIST_MODEL (from));
  gtk_drop_down_set_model (self->new_need, G_LIST_MODEL (needs));
  gtk_drop_down_set_model (self->measure_drop, G_LIST_MODEL (measures));
}

/**
 * sm_signal_panel_reload:
 *
 * Reads the signals, the members' kinds and the deadlines again.
 */
void
sm_signal_panel_reload (SmSignalPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *summary = NULL;
  /* The inbox reads the signals not answered yet (and keeps the overdue
   * ones when only those are asked for); all of them only when asked. */
  guint show = gtk_drop_down_get_selected (self->show_drop);
  gboolean all = show == 2;
  guint n_open = 0, n_overdue = 0;
  GDate today;

  g_return_if_fail (SM_IS_SIGNAL_PANEL (self));

  /* The names' index holds the kinds' codes: both go together. */
  g_clear_pointer (&self->kind_names, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  self->kinds = sm_store_list_member_kinds (self->store, &error);
  if (self->kinds == NULL || !sm_deadlines_load (self->store, &self->deadlines, &self->case_deadlines, &error) ||
      (list = sm_store_list_signal_inbox (self->store, !all, &error)) == NULL)
    {
      g_warning ("Cannot read the signals: %s", error->message);
      return;
    }
  index_kinds (self);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  for (guint i = 0; i < list->len; i++)
    {
      SmSignalRecord *r = g_ptr_array_index (list, i);
      const KindName *kind = r->member_kind ? g_hash_table_lookup (self->kind_names, r->member_kind) : NULL;
      SmSignalItem *item = sm_signal_item_new (r, kind ? kind->label : NULL, kind ? kind->rank : 0,
                                               &self->deadlines, sm_date_to_epoch_day (&today));

      list->pdata[i] = NULL;    /* the item has it */
      n_open += sm_signal_item_get_open (item);
      n_overdue += sm_signal_item_get_overdue (item);
      if (show == 1 && !sm_signal_item_get_overdue (item))
        g_object_unref (item);
      else
        g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  summary = g_strdup_printf (_("%u not answered yet, %u overdue"), n_open, n_overdue);
  gtk_label_set_text (self->summary, summary);
  if (n_open != self->n_open)
    {
      self->n_open = n_open;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
    }
  if (n_overdue != self->n_overdue)
    {
      self->n_overdue = n_overdue;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVERDUE]);
    }
  if (self->shown != 0)
    _sm_signal_panel_fill_detail (self);
}

static void
row_activated_cb (SmSignalPanel *self,
                  guint          position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->view));
  g_autoptr(SmSignalItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    sm_signal_panel_show_signal (self, sm_signal_item_get_id (item));
}

static void
back_clicked_cb (SmSignalPanel *self)
{
  self->shown = 0;
  gtk_stack_set_visible_child_name (self->stack, "list");
}

/* --- one signal ------------------------------------------------------- */

void
_sm_signal_panel_say (SmSignalPanel *self,
     GtkLabel      *where,
     const char    *problem)
{
  gtk_label_set_text (where, problem ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (where), problem != NULL);
}

static char *
case_text (SmSignalPanel          *self,
           const SmCaseFileRecord *c,
           gboolean               *overdue)
{
  GDate opened, since, reviewed, today;
  int stage = 0;

  sm_enum_parse (SM_TYPE_CASE_STAGE, c->stage, &stage);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  sm_date_parse_iso (c->opened_on, &opened, NULL);
  sm_date_parse_iso (c->stage_since, &since, NULL);
  *overdue = sm_case_is_overdue (&self->case_deadlines, stage, &opened, &since,
                                 c->reviewed_on && sm_date_parse_iso (c->reviewed_on, &reviewed, NULL)
                                 ? &reviewed : NULL, &today);
  return g_strdup_printf (_("Case %lld: %s since %s, caseworker %s%s"), (long long) c->id,
                          sm_case_stage_name (stage), c->stage_since, c->caseworker,
                          *overdue ? _(" — overdue") : "");
}

static const char *
channel_label (const char *channel)
{
  if (g_strcmp0 (channel, "email") == 0)
    return _("by e-mail");
  if (g_strcmp0 (channel, "phone") == 0)
    return _("by phone");
  if (g_strcmp0 (channel, "in_person") == 0)
    return _("in person");
  return _("in writing");
}

void
_sm_signal_panel_fill_detail (SmSignalPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmSignalRecord) r = sm_store_get_signal (self->store, self->shown, &error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *title = NULL;
  const char *from;
  gboolean decided, overdue = FALSE, case_overdue = FALSE;

  if (r == NULL)
    {
      back_clicked_cb (self);
      return;
    }
  {
    g_autoptr(GDateTime) received = sm_signal_parse_time (r->received_at);

    overdue = received && sm_signal_is_overdue (&self->deadlines, r->urgency, r->state, received, now);
  }
  from = r->member_kind ? kind_label (self, r->member_kind) : _("Anonymous or private person");
  if (from == NULL)
    from = r->member_kind;
  title = g_strdup_printf (_("Signal %lld — %s"), (long long) r->id, sm_signal_state_label (r->state));
  gtk_label_set_text (self->detail_title, title);
  gtk_widget_set_visible (self->overdue_label, overdue);
  g_string_append_printf (text, _("Received %s from %s"), r->received_at, from);
  if (r->organization != NULL)
    g_string_append_printf (text, " (%s)", r->organization);
  if (r->signaller != NULL)
    g_string_append_printf (text, ", %s", r->signaller);
  g_string_append_printf (text, "\n%s · %s\n%s", sm_signal_urgency_label (r->urgency), channel_label (r->channel),
                          r->about);
  if (r->household_id != 0)
    {
      SmHousehold hh;

      if (sm_store_get_household (self->store, r->household_id, &hh, NULL))
        {
          g_string_append_printf (text, _("\nAbout household %lld, %s"), (long long) r->household_id,
                                  hh.address_raw);
          sm_household_clear (&hh);
        }
    }
  if (r->answer != NULL)
    g_string_append_printf (text, _("\nAnswered on %s: %s"), r->answered_on, r->answer);
  gtk_label_set_text (self->detail_text, text->str);

  decided = sm_signal_is_decided (r->state);
  gtk_widget_set_visible (self->link_box, r->state == SM_SIGNAL_RECEIVED || r->state == SM_SIGNAL_ASSESSED);
  gtk_widget_set_visible (self->assess_box, r->state == SM_SIGNAL_RECEIVED);
  gtk_widget_set_visible (self->decide_box, r->state == SM_SIGNAL_ASSESSED);
  gtk_widget_set_visible (self->answer_box, decided);
  gtk_widget_set_visible (self->reopen_box, decided || r->state == SM_SIGNAL_ANSWERED);
  gtk_widget_set_visible (self->case_box, r->household_id != 0);
  self->shown_case = 0;
  if (r->household_id != 0)
    {
      cases = sm_store_list_case_files (self->store, r->household_id, TRUE, NULL);
      if (cases != NULL && cases->len > 0)
        {
          const SmCaseFileRecord *c = g_ptr_array_index (cases, 0);
          g_autofree char *line = case_text (self, c, &case_overdue);

          self->shown_case = c->id;
          gtk_label_set_text (self->case_label, line);
          gtk_widget_set_visible (self->next_stage_button, TRUE);
          /* A plan or care is reviewed; an earlier stage has nothing to review. */
          gtk_widget_set_visible (self->review_button, g_str_equal (c->stage, "plan") ||
                                                       g_str_equal (c->stage, "in_care"));
        }
      else
        {
          gtk_label_set_text (self->case_label, _("The household has no open case."));
          gtk_widget_set_visible (self->next_stage_button, FALSE);
          gtk_widget_set_visible (self->review_button, FALSE);
        }
      if (case_overdue)
        gtk_widget_add_css_class (GTK_WIDGET (self->case_label), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->case_label), "error");
      gtk_widget_set_visible (self->open_case_button, self->shown_case == 0 &&
                              (r->state == SM_SIGNAL_CASE_OPENED || g_strcmp0 (r->decided_state, "case_opened") == 0));
    }
}

void
sm_signal_panel_show_signal (SmSignalPanel *self,
                             gint64         id)
{
  g_return_if_fail (SM_IS_SIGNAL_PANEL (self));

  self->shown = id;
  _sm_signal_panel_say (self, self->message, NULL);
  gtk_editable_set_text (self->note_entry, "");
  gtk_editable_set_text (self->reason_entry, "");
  gtk_editable_set_text (self->household_entry, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->answer_view), "", -1);
  _sm_signal_panel_fill_detail (self);
  gtk_stack_set_visible_child_name (self->stack, "detail");
}

gint64
sm_signal_panel_get_shown (SmSignalPanel *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_PANEL (self), 0);
  return self->shown;
}

/* --- the object ------------------------------------------------------- */

static void
store_changed_cb (SmSignalPanel *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_CASEWORK | SM_STORE_CHANGE_CASES))
    sm_signal_panel_reload (self);
}

guint
sm_signal_panel_get_n_open (SmSignalPanel *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_PANEL (self), 0);
  return self->n_open;
}

guint
sm_signal_panel_get_n_overdue (SmSignalPanel *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_PANEL (self), 0);
  return self->n_overdue;
}

/* The list as it is shown: filtered and sorted. */
GListModel *
sm_signal_panel_get_model (SmSignalPanel *self)
{
  g_return_val_if_fail (SM_IS_SIGNAL_PANEL (self), NULL);
  return G_LIST_MODEL (gtk_column_view_get_model (self->view));
}

static void
sm_signal_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SmSignalPanel *self = SM_SIGNAL_PANEL (object);

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
sm_signal_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SmSignalPanel *self = SM_SIGNAL_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->store = g_object_ref (sm_context_get_store (self->context));
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
      g_settings_bind (sm_context_get_settings (self->context), "caseworker", self->worker_entry, "text",
                       G_SETTINGS_BIND_DEFAULT);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_signal_panel_constructed (GObject *object)
{
  SmSignalPanel *self = SM_SIGNAL_PANEL (object);

  G_OBJECT_CLASS (sm_signal_panel_parent_class)->constructed (object);
  sm_signal_panel_reload (self);
  fill_choices (self);
}

static void
sm_signal_panel_dispose (GObject *object)
{
  SmSignalPanel *self = SM_SIGNAL_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_SIGNAL_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->items);
  g_clear_pointer (&self->kind_names, g_hash_table_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->need_codes, g_ptr_array_unref);
  G_OBJECT_CLASS (sm_signal_panel_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SmSignalPanel, name)

static void
sm_signal_panel_class_init (SmSignalPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_signal_panel_dispose;
  object_class->constructed = sm_signal_panel_constructed;
  object_class->get_property = sm_signal_panel_get_property;
  object_class->set_property = sm_signal_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OPEN] = g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                                               G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVERDUE] = g_param_spec_uint ("n-overdue", NULL, NULL, 0, G_MAXUINT, 0,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A step was taken: what to say about it. */
  _sm_signal_panel_signals[SM_SIGNAL_PANEL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-signal-panel.ui");
  BIND (stack); BIND (summary); BIND (show_drop); BIND (view); BIND (received_factory); BIND (from_factory);
  BIND (urgency_factory); BIND (state_factory); BIND (age_factory);
  BIND (detail_title); BIND (overdue_label); BIND (detail_text); BIND (worker_entry); BIND (message);
  BIND (link_box); BIND (household_entry); BIND (assess_box); BIND (note_entry); BIND (decide_box);
  BIND (outcome_drop); BIND (referral_entry); BIND (case_box); BIND (case_label); BIND (open_case_button);
  BIND (next_stage_button); BIND (measure_drop); BIND (measure_org_entry); BIND (conference_kind_drop);
  BIND (participants_entry); BIND (decision_entry); BIND (owner_entry); BIND (due_entry); BIND (answer_box);
  BIND (answer_view); BIND (reopen_box); BIND (reason_entry); BIND (new_received); BIND (new_from);
  BIND (new_org); BIND (new_signaller); BIND (new_anonymous); BIND (new_channel); BIND (new_urgency);
  BIND (new_need); BIND (new_about); BIND (new_message);
  BIND (new_button); BIND (record_button); BIND (assess_button); BIND (decide_button); BIND (link_button);
  BIND (new_household_button); BIND (measure_button); BIND (conference_button); BIND (answer_button);
  BIND (reopen_button); BIND (back_button); BIND (review_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "new_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_new_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "record_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_record_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "assess_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_assess_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "decide_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_decide_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "link_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_link_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "new_household_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_new_household_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "open_case_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_open_case_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "review_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_review_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "next_stage_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_next_stage_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "measure_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_measure_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "conference_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_conference_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "answer_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_answer_clicked_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "reopen_clicked_cb",
                                                G_CALLBACK (_sm_signal_panel_reopen_clicked_cb));
}

static void
sm_signal_panel_init (SmSignalPanel *self)
{
  GtkSortListModel *sorted;

  g_type_ensure (SM_TYPE_SIGNAL_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  set_sorters (self);
  self->items = g_list_store_new (SM_TYPE_SIGNAL_ITEM);
  /* The store gives what the list shows (open, overdue, all), so no
   * filter model; no selection model either: a row is opened, not
   * selected, and both cost a pass over 20,000 items at every change. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->view)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  {
    GtkListItemFactory *factories[] = { self->received_factory, self->from_factory, self->urgency_factory,
                                        self->state_factory, self->age_factory };
    GCallback binds[] = { G_CALLBACK (bind_received_cb), G_CALLBACK (bind_from_cb), G_CALLBACK (bind_urgency_cb),
                          G_CALLBACK (bind_state_cb), G_CALLBACK (bind_age_cb) };

    for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
      {
        g_signal_connect (factories[i], "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (i));
        g_signal_connect (factories[i], "bind", binds[i], NULL);
      }
  }
  g_signal_connect_swapped (self->show_drop, "notify::selected", G_CALLBACK (show_changed_cb), self);
}

SmSignalPanel *
sm_signal_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_SIGNAL_PANEL, "context", context, NULL);
}
