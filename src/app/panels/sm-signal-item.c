#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-signal-item.h"

struct _SmSignalItem
{
  GObject         parent_instance;

  SmSignalRecord *record;
  const char     *from;       /* the member kind's name (interned), or "anonymous" */
  int             from_rank;  /* the name's place in the names' order, for sorting */
  gint64          minute;     /* of receipt, minutes since 1970-01-01 local, for sorting */
  int             age_days;
  gboolean        overdue;
};

G_DEFINE_FINAL_TYPE (SmSignalItem, sm_signal_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_RECEIVED,
  PROP_RECEIVED_MINUTE,
  PROP_AGE_DAYS,
  PROP_AGE,
  PROP_FROM,
  PROP_FROM_RANK,
  PROP_STATE,
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

/* As the locale writes a day, with the time: made when a row shows it. */
static char *
received_text (SmSignalItem *self)
{
  g_autoptr(GDateTime) t = sm_signal_parse_time (self->record->received_at);

  if (t == NULL)
    return g_strdup (self->record->received_at);
  return g_date_time_format (t, "%x %H:%M");
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
      g_value_take_string (value, received_text (self));
      break;
    case PROP_RECEIVED_MINUTE:
      g_value_set_int64 (value, self->minute);
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
    case PROP_FROM_RANK:
      g_value_set_int (value, self->from_rank);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->record->state);
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
  properties[PROP_RECEIVED_MINUTE] = g_param_spec_int64 ("received-minute", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                                                         flags);
  properties[PROP_AGE_DAYS] = g_param_spec_int ("age-days", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_AGE] = g_param_spec_string ("age", NULL, NULL, NULL, flags);
  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);
  properties[PROP_FROM_RANK] = g_param_spec_int ("from-rank", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, SM_SIGNAL_ANSWERED, 0, flags);
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
 * @record: (transfer full): the signal
 * @from_label: (nullable): interned; %NULL for an anonymous signal
 * @from_rank: where @from_label sorts among the names
 * @deadlines: for the overdue flag on @today (local days since 1970)
 */
SmSignalItem *
sm_signal_item_new (SmSignalRecord          *record,
                    const char              *from_label,
                    int                      from_rank,
                    const SmSignalDeadlines *deadlines,
                    int                      today)
{
  SmSignalItem *self = g_object_new (SM_TYPE_SIGNAL_ITEM, NULL);
  int received, h = 0, min = 0;

  self->record = record;
  self->from = from_label != NULL ? from_label : g_intern_string (_("Anonymous"));
  self->from_rank = from_rank;
  if (sm_signal_parse_day (record->received_at, &received) &&
      sscanf (record->received_at + 10, " %d:%d", &h, &min) == 2)
    {
      self->minute = (gint64) received * 1440 + h * 60 + min;
      self->age_days = MAX (0, today - received);
      self->overdue = sm_signal_is_overdue_on (deadlines, record->urgency, record->state, received, today);
    }
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

int
sm_signal_item_get_from_rank (SmSignalItem *self)
{
  return self->from_rank;
}

gint64
sm_signal_item_get_minute (SmSignalItem *self)
{
  return self->minute;
}

const SmSignalRecord *
sm_signal_item_get_record (SmSignalItem *self)
{
  return self->record;
}
