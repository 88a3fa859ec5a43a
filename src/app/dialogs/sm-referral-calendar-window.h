#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* How many working days a service has to answer a referral, and the
 * calendar they are counted in: Hungary's public holidays, with the moved
 * rest days and worked Saturdays of the database. Each change is one
 * action on the store. */

#define SM_TYPE_REFERRAL_CALENDAR_WINDOW (sm_referral_calendar_window_get_type ())

G_DECLARE_FINAL_TYPE (SmReferralCalendarWindow, sm_referral_calendar_window, SM, REFERRAL_CALENDAR_WINDOW,
                      AdwPreferencesWindow)

SmReferralCalendarWindow *sm_referral_calendar_window_new (GtkWindow *parent,
                                                           SmContext *context);

G_END_DECLS
