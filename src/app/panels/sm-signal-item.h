#pragma once

#include <glib-object.h>

#include "sm-store-signals.h"

G_BEGIN_DECLS

/* One signal of the inbox, as the list's rows, sorters and filters see it. */

#define SM_TYPE_SIGNAL_ITEM (sm_signal_item_get_type ())

G_DECLARE_FINAL_TYPE (SmSignalItem, sm_signal_item, SM, SIGNAL_ITEM, GObject)

SmSignalItem         *sm_signal_item_new        (SmSignalRecord          *record,
                                                 const char              *from_label,
                                                 int                      from_rank,
                                                 const SmSignalDeadlines *deadlines,
                                                 int                      today);
gint64                sm_signal_item_get_id      (SmSignalItem *self);
gboolean              sm_signal_item_get_overdue (SmSignalItem *self);
gboolean              sm_signal_item_get_open    (SmSignalItem *self);
const char           *sm_signal_item_get_from    (SmSignalItem *self);
int                   sm_signal_item_get_from_rank (SmSignalItem *self);
gint64                sm_signal_item_get_minute  (SmSignalItem *self);
const SmSignalRecord *sm_signal_item_get_record  (SmSignalItem *self);

const char           *sm_signal_state_label      (SmSignalState   state);
const char           *sm_signal_urgency_label    (SmSignalUrgency urgency);

G_END_DECLS
