#pragma once

#include <gtk/gtk.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The Referrals page: the inbox of referrals per receiving organization,
 * open, overdue or all, and the steps of the one shown (accept, decline
 * with a reason, start, complete with an outcome, withdraw). */

#define SM_TYPE_REFERRAL_PANEL (sm_referral_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmReferralPanel, sm_referral_panel, SM, REFERRAL_PANEL, GtkBox)

SmReferralPanel *sm_referral_panel_new            (SmContext       *context);
void             sm_referral_panel_reload         (SmReferralPanel *self);
void             sm_referral_panel_show_referral  (SmReferralPanel *self,
                                                   gint64           id);
guint            sm_referral_panel_get_n_open     (SmReferralPanel *self);
guint            sm_referral_panel_get_n_overdue  (SmReferralPanel *self);
gint64           sm_referral_panel_get_shown      (SmReferralPanel *self);

G_END_DECLS
