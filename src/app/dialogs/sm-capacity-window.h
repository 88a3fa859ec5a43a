#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* Where capacity is missing: per service, the referrals received in a
 * period and those declined for lack of capacity, beside its free capacity
 * and waiting list. Read again when the store changes. */

#define SM_TYPE_CAPACITY_WINDOW (sm_capacity_window_get_type ())

G_DECLARE_FINAL_TYPE (SmCapacityWindow, sm_capacity_window, SM, CAPACITY_WINDOW, AdwWindow)

SmCapacityWindow *sm_capacity_window_new        (GtkWindow        *parent,
                                                 SmContext        *context);
GListModel       *sm_capacity_window_get_model  (SmCapacityWindow *self);
void              sm_capacity_window_set_period (SmCapacityWindow *self,
                                                 const char       *from,
                                                 const char       *to);

G_END_DECLS
