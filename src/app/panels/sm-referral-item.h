#pragma once

#include <glib-object.h>

#include "sm-referral.h"

G_BEGIN_DECLS

/* One referral of the inbox, as the list's rows and sorters see it. */

#define SM_TYPE_REFERRAL_ITEM (sm_referral_item_get_type ())

G_DECLARE_FINAL_TYPE (SmReferralItem, sm_referral_item, SM, REFERRAL_ITEM, GObject)

SmReferralItem         *sm_referral_item_new         (SmReferralRecord      *record,
                                                      const SmReferralRules *rules,
                                                      int                    today);
gint64                  sm_referral_item_get_id      (SmReferralItem *self);
gboolean                sm_referral_item_get_overdue (SmReferralItem *self);
int                     sm_referral_item_get_due_day (SmReferralItem *self);
SmReferralState         sm_referral_item_get_state   (SmReferralItem *self);
const SmReferralRecord *sm_referral_item_get_record  (SmReferralItem *self);

G_END_DECLS
