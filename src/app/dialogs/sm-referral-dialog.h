#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* Asks for a referral of a household to a service at a location: the
 * need it is about, the services that answer it, the reason, the urgency,
 * the client's consent, who sends it; and sends it through core. @done
 * is called once, with 0 and no message when the dialog was cancelled. */

typedef void (*SmReferralDone) (gpointer    data,
                                gint64      id,
                                const char *message);

GtkWidget *sm_referral_dialog_present (GtkWindow      *parent,
                                       SmContext      *context,
                                       gint64          household_id,
                                       gint64          case_id,
                                       gint64          signal_id,
                                       SmReferralDone  done,
                                       gpointer        data);

G_END_DECLS
