#define G_LOG_DOMAIN "sm-referral-item"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-referral-item.h"

struct _SmReferralItem
{
  GObject           parent_instance;

  SmReferralRecord *record;
  SmReferralState   state;
  gboolean          overdue;
  int               due_day;
};

G_DEFINE_FINAL_TYPE (SmReferralItem, sm_referral_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SENT,
  PROP_HOUSEHOLD,
  PROP_SERVICE,
  PROP_ORGANIZATION,
  PROP_STATE_LABEL,
  PROP_DUE,
  PROP_OVERDUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
due_text (SmReferralItem *self)
{
  GDate d;

  if (self->state != SM_REFERRAL_SENT)
    return g_strdup (self->record->answered_on ? self->record->answered_on : "");
  sm_date_from_epoch_day (self->due_day, &d);
  return sm_date_to_iso (&d);
}

static void
sm_referral_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SmReferralItem *self = SM_REFERRAL_ITEM (object);

  switch (prop_id)
    {
    case PROP_SENT:
      g_value_set_string (value, self->record->sent_on);
      break;
    case PROP_HOUSEHOLD:
      g_value_take_string (value, g_strdup_printf ("%lld", (long long) self->record->household_id));
      break;
    case PROP_SERVICE:
      g_value_set_string (value, self->record->service_name);
      break;
    case PROP_ORGANIZATION:
      g_value_set_string (value, self->record->organization_name);
      break;
    case PROP_STATE_LABEL:
      g_value_take_string (value, self->overdue
                           ? g_strdup_printf (_("%s, overdue"), sm_referral_state_name (self->state))
                           : g_strdup (sm_referral_state_name (self->state)));
      break;
    case PROP_DUE:
      g_value_take_string (value, due_text (self));
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_referral_item_finalize (GObject *object)
{
  SmReferralItem *self = SM_REFERRAL_ITEM (object);

  sm_referral_record_free (self->record);
  G_OBJECT_CLASS (sm_referral_item_parent_class)->finalize (object);
}

static void
sm_referral_item_class_init (SmReferralItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sm_referral_item_get_property;
  object_class->finalize = sm_referral_item_finalize;

  properties[PROP_SENT] = g_param_spec_string ("sent", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOUSEHOLD] = g_param_spec_string ("household", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SERVICE] = g_param_spec_string ("service", NULL, NULL, NULL,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION] = g_param_spec_string ("organization", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL,
                                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_referral_item_init (SmReferralItem *self)
{
}

/**
 * sm_referral_item_new:
 * @record: (transfer full): the referral
 * @today: the day overdue is counted on, in days since 1970-01-01
 */
SmReferralItem *
sm_referral_item_new (SmReferralRecord      *record,
                      const SmReferralRules *rules,
                      int                    today)
{
  SmReferralItem *self = g_object_new (SM_TYPE_REFERRAL_ITEM, NULL);
  int state = 0;
  GDate sent;

  self->record = record;
  sm_enum_parse (SM_TYPE_REFERRAL_STATE, record->state, &state);
  self->state = state;
  self->overdue = sm_referral_record_is_overdue (rules, record, today);
  if (sm_date_parse_iso (record->sent_on, &sent, NULL))
    self->due_day = sm_referral_due_day (rules->calendar, rules->answer_days, sm_date_to_epoch_day (&sent));
  return self;
}

gint64
sm_referral_item_get_id (SmReferralItem *self)
{
  return self->record->id;
}

gboolean
sm_referral_item_get_overdue (SmReferralItem *self)
{
  return self->overdue;
}

int
sm_referral_item_get_due_day (SmReferralItem *self)
{
  return self->due_day;
}

SmReferralState
sm_referral_item_get_state (SmReferralItem *self)
{
  return self->state;
}

const SmReferralRecord *
sm_referral_item_get_record (SmReferralItem *self)
{
  return self->record;
}
