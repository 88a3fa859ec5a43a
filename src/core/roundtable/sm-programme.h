#pragma once

#include <glib.h>

#include "sm-store-roundtable.h"

G_BEGIN_DECLS

/* The cooperation programme's rules: an action's status, how it may
 * change, and when an action is overdue. */

typedef enum {
  SM_ACTION_PLANNED,      /*< nick=planned >*/
  SM_ACTION_IN_PROGRESS,  /*< nick=in_progress >*/
  SM_ACTION_DONE,         /*< nick=done >*/
  SM_ACTION_LATE,         /*< nick=late >*/
  SM_ACTION_DROPPED,      /*< nick=dropped >*/
} SmActionStatus;

const char     *sm_action_status_name     (SmActionStatus        status);
gboolean        sm_action_status_parse    (const char           *text,
                                           SmActionStatus       *out,
                                           GError              **error);
gboolean        sm_action_status_can_move (SmActionStatus        from,
                                           SmActionStatus        to);
gboolean        sm_action_status_is_open  (SmActionStatus        status);
SmActionStatus  sm_action_effective_status (const SmActionRecord *action,
                                            const char           *today);
gboolean        sm_action_is_overdue      (const SmActionRecord *action,
                                           const char           *today);
int             sm_action_days_overdue    (const SmActionRecord *action,
                                           const char           *today);

gint64          sm_programme_add_action   (SmStore              *store,
                                           SmActionRecord       *action,
                                           GError              **error);
gboolean        sm_programme_update_action (SmStore             *store,
                                            gint64               id,
                                            const char          *status,
                                            const char          *due_on,
                                            const char          *day,
                                            const char          *note,
                                            GError             **error);

G_END_DECLS
