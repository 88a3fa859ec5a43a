#pragma once

#include <glib.h>

#include "sm-store.h"
#include "sm-store-referrals.h"
#include "sm-workdays.h"

G_BEGIN_DECLS

/* A referral from a case or a signal to a service at a location, and the
 * rules of its loop: sent → accepted or declined (with a reason); accepted
 * → started, or declined when it cannot go on; started → completed (with
 * an outcome); an open referral may be withdrawn by whoever sent it, with
 * a reason. The loop is closed when the receiving service has answered
 * for the last time: declined or completed. A referral still only sent
 * after the answer's working days is overdue. */

/**
 * SmReferralState:
 * @SM_REFERRAL_SENT: sent, not yet answered
 * @SM_REFERRAL_ACCEPTED: accepted by the receiving service
 * @SM_REFERRAL_DECLINED: declined by the receiving service, with a reason
 * @SM_REFERRAL_STARTED: the service started
 * @SM_REFERRAL_COMPLETED: the service ended, with an outcome
 * @SM_REFERRAL_WITHDRAWN: withdrawn by the sender
 */
typedef enum {
  SM_REFERRAL_SENT,      /*< nick=sent >*/
  SM_REFERRAL_ACCEPTED,  /*< nick=accepted >*/
  SM_REFERRAL_DECLINED,  /*< nick=declined >*/
  SM_REFERRAL_STARTED,   /*< nick=started >*/
  SM_REFERRAL_COMPLETED, /*< nick=completed >*/
  SM_REFERRAL_WITHDRAWN, /*< nick=withdrawn >*/
} SmReferralState;

/**
 * SmReferralDecline:
 * @SM_DECLINE_NONE: not declined
 * @SM_DECLINE_NO_CAPACITY: the service has no free capacity
 * @SM_DECLINE_NOT_ELIGIBLE: the client is not eligible
 * @SM_DECLINE_COULD_NOT_CONTACT: the client could not be reached
 * @SM_DECLINE_CLIENT_DECLINED: the client did not want the service
 * @SM_DECLINE_REFERRED_ELSEWHERE: another service is better placed
 * @SM_DECLINE_OTHER: another reason, said in the note
 */
typedef enum {
  SM_DECLINE_NONE,               /*< nick=none >*/
  SM_DECLINE_NO_CAPACITY,        /*< nick=no_capacity >*/
  SM_DECLINE_NOT_ELIGIBLE,       /*< nick=not_eligible >*/
  SM_DECLINE_COULD_NOT_CONTACT,  /*< nick=could_not_contact >*/
  SM_DECLINE_CLIENT_DECLINED,    /*< nick=client_declined >*/
  SM_DECLINE_REFERRED_ELSEWHERE, /*< nick=referred_elsewhere >*/
  SM_DECLINE_OTHER,              /*< nick=other >*/
} SmReferralDecline;

/**
 * SmReferralOutcome:
 * @SM_OUTCOME_NONE: not completed
 * @SM_OUTCOME_GOT_HELP: the client got the help
 * @SM_OUTCOME_PARTLY: the client got part of it
 * @SM_OUTCOME_NOT_HELPED: the client was not helped
 */
typedef enum {
  SM_OUTCOME_NONE,       /*< nick=none >*/
  SM_OUTCOME_GOT_HELP,   /*< nick=got_help >*/
  SM_OUTCOME_PARTLY,     /*< nick=partly >*/
  SM_OUTCOME_NOT_HELPED, /*< nick=not_helped >*/
} SmReferralOutcome;

/* The working days a service has to answer: the default and the hard
 * limit of the closed-loop networks the program follows. */
#define SM_REFERRAL_ANSWER_DAYS_DEFAULT 2
#define SM_REFERRAL_ANSWER_DAYS_MAX     14

const char *sm_referral_state_name    (SmReferralState    state);
const char *sm_referral_decline_name  (SmReferralDecline  reason);
const char *sm_referral_outcome_name  (SmReferralOutcome  outcome);

gboolean    sm_referral_is_open       (SmReferralState    state);
gboolean    sm_referral_loop_closed   (SmReferralState    state);
gboolean    sm_referral_check_step    (SmReferralState    from,
                                       SmReferralState    to,
                                       const char        *by,
                                       const char        *note,
                                       SmReferralDecline  reason,
                                       SmReferralOutcome  outcome,
                                       GError           **error);

int         sm_referral_due_day       (SmWorkCalendar    *calendar,
                                       int                answer_days,
                                       int                sent_day);
gboolean    sm_referral_is_overdue_on (SmWorkCalendar    *calendar,
                                       int                answer_days,
                                       SmReferralState    state,
                                       int                sent_day,
                                       int                today);

/* The rules as they stand in a database: its calendar and answer days. */
typedef struct {
  SmWorkCalendar *calendar;
  int             answer_days;
} SmReferralRules;

gboolean    sm_referral_rules_load    (SmStore           *store,
                                       SmReferralRules   *rules,
                                       GError           **error);
void        sm_referral_rules_clear   (SmReferralRules   *rules);
gboolean    sm_referral_record_is_overdue (const SmReferralRules  *rules,
                                           const SmReferralRecord *record,
                                           int                     today);
gboolean    sm_referral_set_answer_days (SmStore         *store,
                                         int              days,
                                         GError         **error);

/* A day of a year that is not as a plain Monday-to-Friday week has it: a
 * public holiday, a moved rest day, a worked Saturday. */
typedef struct {
  char     *day;        /* YYYY-MM-DD */
  gboolean  worked;
  char     *why;        /* the holiday's or the exception's name */
  gboolean  exception;  /* set in the database, not by the law */
} SmCalendarDay;

GHashTable *sm_referral_overdue_by_location (SmStore    *store,
                                             int         today,
                                             GError    **error);
void        sm_referral_count_overdue_at (GPtrArray  *points,
                                          GHashTable *by_location);
gboolean    sm_referral_mark_overdue_points (SmStore      *store,
                                             GPtrArray    *points,
                                             int           today,
                                             GError      **error);

void        sm_calendar_day_free       (SmCalendarDay *day);
GPtrArray  *sm_referral_unusual_days   (SmStore         *store,
                                        int              year,
                                        GError         **error);

gint64      sm_referral_send          (SmStore                *store,
                                       const SmReferralRecord *draft,
                                       GError                **error);
gboolean    sm_referral_move          (SmStore           *store,
                                       gint64             id,
                                       SmReferralState    to,
                                       const char        *by,
                                       const char        *note,
                                       SmReferralDecline  reason,
                                       SmReferralOutcome  outcome,
                                       const GDate       *on,
                                       GError           **error);

G_END_DECLS
