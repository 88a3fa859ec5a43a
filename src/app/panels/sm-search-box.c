/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-search-box"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-search-box.h"

#define SEARCH_LIMIT 12

/* --- one result --------------------------------------------------------- */

struct _SmSearchHit
{
  GObject  parent_instance;

  gint64   household_id;
  double   lat, lon;
  char    *title;
  char    *subtitle;
};

G_DEFINE_FINAL_TYPE (SmSearchHit, sm_search_hit, G_TYPE_OBJECT)

static void
sm_search_hit_finalize (GObject *object)
{
  SmSearchHit *self = SM_SEARCH_HIT (object);

  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (sm_search_hit_parent_class)->finalize (object);
}

static void
sm_search_hit_class_init (SmSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_search_hit_finalize;
}

static void
sm_search_hit_init (SmSearchHit *self)
{
}

gint64
sm_search_hit_get_household (SmSearchHit *self)
{
  g_return_val_if_fail (SM_IS_SEARCH_HIT (self), 0);
  return self->household_id;
}

const char *
sm_search_hit_get_title (SmSearchHit *self)
{
  g_return_val_if_fail (SM_IS_SEARCH_HIT (self), NULL);
  return self->title;
}

const char *
sm_search_hit_get_subtitle (SmSearchHit *self)
{
  g_return_val_if_fail (SM_IS_SEARCH_HIT (self), NULL);
  return self->subtitle;
}

/* --- the box ------------------------------------------------------------ */

struct _SmSearchBox
{
  GtkBox              parent_instance;

  GtkSearchEntry     *entry;
  GtkPopover         *popover;
  GtkStack           *stack;
  GtkListView        *list;

  SmContext          *context;
  GListStore         *results;     /* SmSearchHit */
  GtkSingleSelection *selection;
  gint64              hidden;
};

G_DEFINE_FINAL_TYPE (SmSearchBox, sm_search_box, GTK_TYPE_BOX)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
choose (SmSearchBox *self,
        guint        position)
{
  g_autoptr(SmSearchHit) hit = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (hit == NULL)
    return;
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[CHOSEN], 0, hit->household_id, hit->lat, hit->lon);
}

static void
search_changed_cb (SmSearchBox *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GPtrArray) found = NULL, who = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->results);
  if (self->context == NULL || g_utf8_strlen (text, -1) < 2)
    {
      gtk_popover_popdown (self->popover);
      return;
    }
  found = sm_store_search_households_why (sm_context_get_store (self->context), text, SEARCH_LIMIT, &who,
                                          &error);
  if (found == NULL)
    {
      g_warning ("Cannot search: %s", error->message);
      return;
    }
  for (guint i = 0; i < found->len; i++)
    {
      SmHousehold *h = g_ptr_array_index (found, i);
      g_autoptr(SmSearchHit) hit = NULL;

      if (h->id == self->hidden)
        continue;
      hit = g_object_new (SM_TYPE_SEARCH_HIT, NULL);
      hit->household_id = h->id;
      hit->lat = h->lat;
      hit->lon = h->lon;
      hit->title = g_strdup (h->address_raw);
      /* Why it was found: a person's name, or the address. */
      if (*(const char *) g_ptr_array_index (who, i) != '\0')
        hit->subtitle = g_strdup_printf (_("Household %lld · %s · the name of %s"), (long long) h->id,
                                         h->settlement_part ? h->settlement_part : "",
                                         (const char *) g_ptr_array_index (who, i));
      else
        hit->subtitle = g_strdup_printf (_("Household %lld · %s"), (long long) h->id,
                                         h->settlement_part ? h->settlement_part : "");
      g_list_store_append (self->results, hit);
    }
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0
                                      ? "results" : "empty");
  gtk_popover_popup (self->popover);
}

static void
activate_cb (SmSearchBox *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  choose (self, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

static void
list_activate_cb (SmSearchBox *self,
                  guint        position)
{
  choose (self, position);
}

static void
stop_search_cb (SmSearchBox *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_popover_popdown (self->popover);
}

/**
 * sm_search_box_move:
 * @step: 1 for the next result, -1 for the one before
 *
 * What Down and Up do. Returns: whether there was a result to move to.
 */
gboolean
sm_search_box_move (SmSearchBox *self,
                    int          step)
{
  guint n, selected;

  g_return_val_if_fail (SM_IS_SEARCH_BOX (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  selected = gtk_single_selection_get_selected (self->selection);
  if (n == 0 || !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return FALSE;
  if (selected == GTK_INVALID_LIST_POSITION)
    selected = step > 0 ? 0 : n - 1;
  else
    selected = (guint) CLAMP ((int) selected + step, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", selected);
  return TRUE;
}

/* Down and Up move through the results while typing goes on in the entry. */
static gboolean
key_pressed_cb (SmSearchBox     *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return sm_search_box_move (self, 1);
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    return sm_search_box_move (self, -1);
  return FALSE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  SmSearchHit *hit = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);

  gtk_label_set_text (GTK_LABEL (title), hit->title);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (title)), hit->subtitle);
}

static void
sm_search_box_dispose (GObject *object)
{
  SmSearchBox *self = SM_SEARCH_BOX (object);

  if (self->popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_SEARCH_BOX);
  g_clear_object (&self->selection);
  g_clear_object (&self->results);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (sm_search_box_parent_class)->dispose (object);
}

static void
sm_search_box_class_init (SmSearchBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_search_box_dispose;
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64,
                                  G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-search-box.ui");
  gtk_widget_class_bind_template_child (widget_class, SmSearchBox, entry);
  gtk_widget_class_bind_template_child (widget_class, SmSearchBox, popover);
  gtk_widget_class_bind_template_child (widget_class, SmSearchBox, stack);
  gtk_widget_class_bind_template_child (widget_class, SmSearchBox, list);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
sm_search_box_init (SmSearchBox *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->results = g_list_store_new (SM_TYPE_SEARCH_HIT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list, GTK_SELECTION_MODEL (self->selection));
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self->entry));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

void
sm_search_box_set_context (SmSearchBox *self,
                           SmContext   *context)
{
  g_return_if_fail (SM_IS_SEARCH_BOX (self));

  g_set_object (&self->context, context);
}

/* A household being deleted (its undo still possible) is not found. */
void
sm_search_box_set_hidden (SmSearchBox *self,
                          gint64       household_id)
{
  g_return_if_fail (SM_IS_SEARCH_BOX (self));

  self->hidden = household_id;
}

/**
 * sm_search_box_get_results:
 *
 * Returns: (transfer none): the results shown, #SmSearchHit items
 */
GListModel *
sm_search_box_get_results (SmSearchBox *self)
{
  g_return_val_if_fail (SM_IS_SEARCH_BOX (self), NULL);

  return G_LIST_MODEL (self->results);
}

void
sm_search_box_focus (SmSearchBox *self)
{
  g_return_if_fail (SM_IS_SEARCH_BOX (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
