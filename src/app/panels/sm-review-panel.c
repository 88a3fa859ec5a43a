#define G_LOG_DOMAIN "sm-review-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-review-panel.h"

struct _SmReviewPanel
{
  GtkBox               parent_instance;

  GtkStack            *stack;
  AdwPreferencesGroup *group;

  SmContext           *context;
  SmStore             *store;
  GPtrArray           *rows;      /* GtkWidget in the group */
  guint                count;
};

G_DEFINE_FINAL_TYPE (SmReviewPanel, sm_review_panel, GTK_TYPE_BOX)

enum {
  OPEN,
  PLACED,
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

static const char *
quality_text (SmGeocodeQuality quality)
{
  switch (quality)
    {
    case SM_GEOCODE_NONE: return _("not placed");
    case SM_GEOCODE_SETTLEMENT: return _("placed at the settlement only");
    case SM_GEOCODE_SETTLEMENT_PART: return _("placed at the settlement part only");
    case SM_GEOCODE_STREET: return _("placed on the street");
    case SM_GEOCODE_INTERPOLATED: return _("placed between house numbers");
    case SM_GEOCODE_ADDRESS: return _("placed at the address");
    case SM_GEOCODE_MANUAL:
    default: return _("placed by hand");
    }
}

static void
open_clicked_cb (GtkButton     *button,
                 SmReviewPanel *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "household-id"));

  g_signal_emit (self, signals[OPEN], 0, id);
}

static void
candidate_clicked_cb (GtkButton     *button,
                      SmReviewPanel *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "household-id"));
  const double *at = g_object_get_data (G_OBJECT (button), "at");

  sm_review_panel_choose (self, id, at[0], at[1]);
}

/**
 * sm_review_panel_choose:
 *
 * What choosing a candidate does: the household is placed there and leaves
 * the list; #SmReviewPanel::placed tells how it went.
 */
void
sm_review_panel_choose (SmReviewPanel *self,
                        gint64         household_id,
                        double         lat,
                        double         lon)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SM_IS_REVIEW_PANEL (self));

  if (!sm_review_choose (self->store, household_id, lat, lon, &error))
    g_signal_emit (self, signals[PLACED], 0, household_id, lat, lon, error->message);
  else
    g_signal_emit (self, signals[PLACED], 0, household_id, lat, lon, NULL);
}

static GtkWidget *
row_button (SmReviewPanel *self,
            const char    *label,
            gint64         id,
            GCallback      callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "household-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

void
sm_review_panel_reload (SmReviewPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reviews = NULL;

  g_return_if_fail (SM_IS_REVIEW_PANEL (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  reviews = sm_review_list (self->store, &error);
  if (reviews == NULL)
    {
      g_warning ("Cannot read the review list: %s", error->message);
      return;
    }
  for (guint i = 0; i < reviews->len; i++)
    {
      SmReview *r = g_ptr_array_index (reviews, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *title = g_markup_escape_text (r->address, -1);
      g_autofree char *subtitle = NULL;

      if (r->candidates->len > 0)
        subtitle = g_strdup_printf (ngettext ("%s; %u candidate", "%s; %u candidates",
                                              r->candidates->len),
                                    quality_text (r->quality), r->candidates->len);
      else
        subtitle = g_strdup (quality_text (r->quality));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                   row_button (self, _("_Open"), r->household_id,
                                               G_CALLBACK (open_clicked_cb)));
      for (guint k = 0; k < r->candidates->len; k++)
        {
          SmGeocodeCandidate *c = g_ptr_array_index (r->candidates, k);
          GtkWidget *crow = adw_action_row_new ();
          GtkWidget *use = row_button (self, _("_Use"), r->household_id,
                                       G_CALLBACK (candidate_clicked_cb));
          double at[2] = { c->lat, c->lon };
          g_autofree char *ctitle = g_markup_escape_text (c->label, -1);

          g_object_set_data_full (G_OBJECT (use), "at", g_memdup2 (at, sizeof at), g_free);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (crow), ctitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (crow), use);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), crow);
        }
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), r->candidates->len > 0);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
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
  g_clear_pointer (&self->rows, g_ptr_array_unref);

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
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, SmReviewPanel, group);
}

static void
sm_review_panel_init (SmReviewPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

SmReviewPanel *
sm_review_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_REVIEW_PANEL, "context", context, NULL);
}
