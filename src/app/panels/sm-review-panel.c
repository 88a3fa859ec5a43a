#define G_LOG_DOMAIN "sm-review-panel"

#include "config.h"

#include "sm-number.h"

#include <glib/gi18n.h>

#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-review-item.h"
#include "sm-review-panel.h"

struct _SmReviewPanel
{
  GtkBox               parent_instance;

  GtkStack            *stack;
  GtkColumnView       *view;
  GtkColumnViewColumn *score_column;
  GtkListItemFactory  *score_factory;
  GtkListItemFactory  *action_factory;

  SmContext           *context;
  SmStore             *store;
  GListStore          *items;     /* SmReviewItem, the store's order */
  guint                count;
};

G_DEFINE_FINAL_TYPE (SmReviewPanel, sm_review_panel, GTK_TYPE_BOX)

enum {
  OPEN,
  PLACED,
  WAITING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
row_activated_cb (SmReviewPanel *self,
                  guint          position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->view));
  g_autoptr(SmReviewItem) item = g_list_model_get_item (model, position);

  if (item != NULL)
    g_signal_emit (self, signals[OPEN], 0, sm_review_item_get_household (item));
}

static void
setup_score_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_score_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  SmReviewItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *text = sm_format_decimal (sm_review_item_get_score (item), 2);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static void
use_candidate_cb (GtkButton     *button,
                  SmReviewPanel *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");
  SmReviewItem *item = gtk_list_item_get_item (list_item);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "candidate"));
  SmGeocodeCandidate *c;

  if (item == NULL || index >= sm_review_item_get_candidates (item)->len)
    return;
  c = g_ptr_array_index (sm_review_item_get_candidates (item), index);
  sm_review_panel_choose (self, sm_review_item_get_household (item), c->lat, c->lon);
}

static void
open_cb (GtkButton     *button,
         SmReviewPanel *self)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (button), "list-item");
  SmReviewItem *item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_emit (self, signals[OPEN], 0, sm_review_item_get_household (item));
}

/* Open, and a menu of the candidates to place the household at. */
static void
setup_action_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 SmReviewPanel            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));
  GtkWidget *pick = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  g_object_set_data (G_OBJECT (open), "list-item", list_item);
  g_signal_connect (open, "clicked", G_CALLBACK (open_cb), self);
  gtk_popover_set_child (GTK_POPOVER (popover), choices);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (pick), popover);
  gtk_widget_add_css_class (pick, "flat");
  gtk_box_append (GTK_BOX (box), open);
  gtk_box_append (GTK_BOX (box), pick);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_action_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                SmReviewPanel            *self)
{
  SmReviewItem *item = gtk_list_item_get_item (list_item);
  GPtrArray *candidates = sm_review_item_get_candidates (item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *pick = gtk_widget_get_last_child (box);
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (pick)));
  GtkWidget *choices = gtk_popover_get_child (GTK_POPOVER (popover));
  GtkWidget *child;
  g_autofree char *label = g_strdup_printf (ngettext ("%u candidate", "%u candidates",
                                                      candidates->len), candidates->len);

  while ((child = gtk_widget_get_first_child (choices)) != NULL)
    gtk_box_remove (GTK_BOX (choices), child);
  for (guint k = 0; k < candidates->len; k++)
    {
      SmGeocodeCandidate *c = g_ptr_array_index (candidates, k);
      g_autofree char *text = g_strdup_printf (_("Place at %s"), c->label);
      GtkWidget *use = gtk_button_new_with_label (text);

      gtk_widget_add_css_class (use, "flat");
      g_object_set_data (G_OBJECT (use), "list-item", list_item);
      g_object_set_data (G_OBJECT (use), "candidate", GUINT_TO_POINTER (k));
      g_signal_connect (use, "clicked", G_CALLBACK (use_candidate_cb), self);
      gtk_box_append (GTK_BOX (choices), use);
    }
  gtk_menu_button_set_label (GTK_MENU_BUTTON (pick), label);
  gtk_widget_set_sensitive (pick, candidates->len > 0);
}

/**
 * sm_review_panel_choose:
 *
 * What choosing a candidate does: the household is placed there and leaves
 * the list; #SmReviewPanel::placed tells how it went.
 */
typedef struct {
  SmReviewPanel *self;
  gint64         household_id;
  double         lat, lon;
} Choice;

/* Once no other program writes (or the wait ran out). */
static void
choose_writable_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  Choice *c = data;
  g_autoptr(GError) error = NULL;

  if (sm_store_wait_writable_finish (SM_STORE (source), result, &error))
    sm_review_choose (SM_STORE (source), c->household_id, c->lat, c->lon, &error);
  g_signal_emit (c->self, signals[PLACED], 0, c->household_id, c->lat, c->lon,
                 error != NULL ? error->message : NULL);
  g_object_unref (c->self);
  g_free (c);
}

void
sm_review_panel_choose (SmReviewPanel *self,
                        gint64         household_id,
                        double         lat,
                        double         lon)
{
  g_autoptr(GError) error = NULL;
  Choice *c;

  g_return_if_fail (SM_IS_REVIEW_PANEL (self));

  if (sm_store_can_write_now (self->store))
    {
      sm_review_choose (self->store, household_id, lat, lon, &error);
      g_signal_emit (self, signals[PLACED], 0, household_id, lat, lon,
                     error != NULL ? error->message : NULL);
      return;
    }
  /* Another program writes: wait for it without holding up the window. */
  g_signal_emit (self, signals[WAITING], 0);
  c = g_new0 (Choice, 1);
  *c = (Choice) { g_object_ref (self), household_id, lat, lon };
  sm_store_wait_writable_async (self->store, NULL, choose_writable_cb, c);
}

void
sm_review_panel_reload (SmReviewPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  g_return_if_fail (SM_IS_REVIEW_PANEL (self));

  reviews = sm_review_list (self->store, &error);
  if (reviews == NULL)
    {
      g_warning ("Cannot read the review list: %s", error->message);
      return;
    }
  g_list_store_remove_all (self->items);
  for (guint i = 0; i < reviews->len; i++)
    {
      g_autoptr(SmReviewItem) item = sm_review_item_new (g_ptr_array_index (reviews, i));

      g_list_store_append (self->items, item);
    }
  if (self->count != reviews->len)
    {
      self->count = reviews->len;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
    }
  gtk_stack_set_visible_child_name (self->stack, reviews->len > 0 ? "list" : "empty");
}

guint
sm_review_panel_get_count (SmReviewPanel *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_PANEL (self), 0);
  return self->count;
}

static void
store_changed_cb (SmReviewPanel *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & (SM_STORE_CHANGE_REVIEW | SM_STORE_CHANGE_CASES))
    sm_review_panel_reload (self);
}

static void
sm_review_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SmReviewPanel *self = SM_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_review_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SmReviewPanel *self = SM_REVIEW_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      self->store = g_object_ref (sm_context_get_store (self->context));
      g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                               G_CONNECT_SWAPPED);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_review_panel_constructed (GObject *object)
{
  G_OBJECT_CLASS (sm_review_panel_parent_class)->constructed (object);
  sm_review_panel_reload (SM_REVIEW_PANEL (object));
}

static void
sm_review_panel_dispose (GObject *object)
{
  SmReviewPanel *self = SM_REVIEW_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_REVIEW_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (sm_review_panel_parent_class)->dispose (object);
}

static void
sm_review_panel_class_init (SmReviewPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_review_panel_dispose;
  object_class->constructed = sm_review_panel_constructed;
  object_class->get_property = sm_review_panel_get_property;
  object_class->set_property = sm_review_panel_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* How many households wait for a look. */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /* A candidate was chosen: the household is placed there, or the message
   * says why it could not be. */
  signals[PLACED] = g_signal_new ("placed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_INT64,
                                  G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_STRING);
  /* A candidate was chosen while another program writes: "placed" follows
   * once it is done. */
  signals[WAITING] = g_signal_new ("waiting", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, view);
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, score_column);
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, score_factory);
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, action_factory);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
sm_review_panel_init (SmReviewPanel *self)
{
  GtkSortListModel *sorted;

  g_type_ensure (SM_TYPE_REVIEW_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (SM_TYPE_REVIEW_ITEM);
  /* The column the person sorts by; until then, the least certain first. */
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                    g_object_ref (gtk_column_view_get_sorter (self->view)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (sorted))));
  g_signal_connect (self->score_factory, "setup", G_CALLBACK (setup_score_cb), NULL);
  g_signal_connect (self->score_factory, "bind", G_CALLBACK (bind_score_cb), NULL);
  g_signal_connect (self->action_factory, "setup", G_CALLBACK (setup_action_cb), self);
  g_signal_connect (self->action_factory, "bind", G_CALLBACK (bind_action_cb), self);
}

SmReviewPanel *
sm_review_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_REVIEW_PANEL, "context", context, NULL);
}
