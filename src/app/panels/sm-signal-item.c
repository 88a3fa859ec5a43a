#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sm-signal-item.h"

struct _SmSignalItem
{
  GObject         parent_instance;

  SmSignalRecord *record;
  char           *from;       /* the member kind's name, or who signalled */
  char           *received;   /* as the locale writes a day and time */
  int             age_days;
  gboolean        overdue;
};

G_DEFINE_FINAL_TYPE (SmSignalItem, sm_signal_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECEIVED,
  PROP_RECEIVED_AT,
  PROP_AGE_DAYS,
  PROP_AGE,
  PROP_FROM,
  PROP_URGENCY,
  PROP_URGENCY_LABEL,
  PROP_STATE_LABEL,
  PROP_OVERDUE,
  PROP_ABOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
sm_signal_state_label (SmSignalState state)
{
  switch (state)
    {
    case SM_SIGNAL_RECEIVED: return _("Received");
    case SM_SIGNAL_ASSESSED: return _("Assessed");
    case SM_SIGNAL_CASE_OPENED: return _("Case opened");
    case SM_SIGNAL_REFERRED: return _("Referred");
    case SM_SIGNAL_IN_CARE: return _("Already in care");
    case SM_SIGNAL_UNFOUNDED: return _("Unfounded");
    case SM_SIGNAL_ANSWERED: return _("Answered");
    default: return "?";
    }
}

const char *
sm_signal_urgency_label (SmSignalUrgency urgency)
{
  switch (urgency)
    {
    case SM_URGENCY_IMMEDIATE: return _("Immediate danger");
    case SM_URGENCY_URGENT: return _("Urgent");
    case SM_URGENCY_NORMAL:
    default: return _("Normal");
    }
}

static void
sm_signal_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SmSignalItem *self = SM_SIGNAL_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->record->id);
      break;
    case PROP_RECEIVED:
      g_value_set_string (value, self->received);
      break;
    case PROP_RECEIVED_AT:
      g_value_set_string (value, self->record->received_at);
      break;
    case PROP_AGE_DAYS:
      g_value_set_int (value, self->age_days);
      break;
    case PROP_AGE:
      g_value_take_string (value, g_strdup_printf (ngettext ("%d day", "%d days", self->age_days),
                                                   self->age_days));
      break;
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_URGENCY:
      /* Sorted most urgent first when ascending. */
      g_value_set_int (value, self->record->urgency);
      break;
    case PROP_URGENCY_LABEL:
      g_value_set_string (value, sm_signal_urgency_label (self->record->urgency));
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, sm_signal_state_label (self->record->state));
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    case PROP_ABOUT:
      g_value_set_string (value, self->record->about);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_signal_item_finalize (GObject *object)
{
  SmSignalItem *self = SM_SIGNAL_ITEM (object);

  sm_signal_record_free (self->record);
  g_free (self->from);
  g_free (self->received);
  G_OBJECT_CLASS (sm_signal_item_parent_class)->finalize (object);
}

static void
sm_signal_item_class_init (SmSignalItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sm_signal_item_get_property;
  object_class->finalize = sm_signal_item_finalize;
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RECEIVED] = g_param_spec_string ("received", NULL, NULL, NULL, flags);
  /* "YYYY-MM-DD HH:MM": sorts as time goes. */
  properties[PROP_RECEIVED_AT] = g_param_spec_string ("received-at", NULL, NULL, NULL, flags);
  properties[PROP_AGE_DAYS] = g_param_spec_int ("age-days", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_AGE] = g_param_spec_string ("age", NULL, NULL, NULL, flags);
  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties[PROP_URGENCY] = g_param_spec_int ("urgency", NULL, NULL, 0, 2, 2, flags);
  properties[PROP_URGENCY_LABEL] = g_param_spec_string ("urgency-label", NULL, NULL, NULL, flags);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  properties[PROP_ABOUT] = g_param_spec_string ("about", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_signal_item_init (SmSignalItem *self)
{
}

/**
 * sm_signal_item_new:
 * @record: copied
 * @deadlines: for the overdue flag, at @now
 */
SmSignalItem *
sm_signal_item_new (const SmSignalRecord    *record,
                    const char              *from_label,
                    const SmSignalDeadlines *deadlines,
                    GDateTime               *now)
{
  SmSignalItem *self = g_object_new (SM_TYPE_SIGNAL_ITEM, NULL);
  SmSignalRecord *r = g_new0 (SmSignalRecord, 1);
  int y = 0, m = 0, d = 0, h = 0, min = 0;
  g_autoptr(GDateTime) received = NULL;

  *r = *record;
  r->received_at = g_strdup (record->received_at);
  r->member_kind = g_strdup (record->member_kind);
  r->signaller = g_strdup (record->signaller);
  r->channel = g_strdup (record->channel);
  r->about = g_strdup (record->about);
  r->answer = g_strdup (record->answer);
  r->answered_on = g_strdup (record->answered_on);
  r->organization = g_strdup (record->organization);
  r->needs = g_strdupv (record->needs);
  r->assessed_at = g_strdup (record->assessed_at);
  r->decided_state = g_strdup (record->decided_state);
  r->answered_at = g_strdup (record->answered_at);
  self->record = r;
  self->from = g_strdup (from_label != NULL ? from_label : _("Anonymous"));
  if (sscanf (record->received_at, "%d-%d-%d %d:%d", &y, &m, &d, &h, &min) == 5)
    received = g_date_time_new_local (y, m, d, h, min, 0);
  if (received != NULL)
    {
      self->received = g_date_time_format (received, "%x %H:%M");
      self->age_days = (int) MAX (0, g_date_time_difference (now, received) / G_TIME_SPAN_DAY);
      self->overdue = sm_signal_is_overdue (deadlines, record->urgency, record->state, received, now);
    }
  else
    self->received = g_strdup (record->received_at);
  return self;
}

gint64
sm_signal_item_get_id (SmSignalItem *self)
{
  return self->record->id;
}

gboolean
sm_signal_item_get_overdue (SmSignalItem *self)
{
  return self->overdue;
}

gboolean
sm_signal_item_get_open (SmSignalItem *self)
{
  return self->record->state != SM_SIGNAL_ANSWERED;
}

const char *
sm_signal_item_get_from (SmSignalItem *self)
{
  return self->from;
}

const SmSignalRecord *
sm_signal_item_get_record (SmSignalItem *self)
{
  return self->record;
}
