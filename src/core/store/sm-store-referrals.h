#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* Referrals to a service at a location and the days a working-day
 * calendar treats otherwise (schema 9). The rules of a referral's loop are
 * in cases/sm-referral.c; here they are written and read. */

typedef struct {
  gint64    id;
  gint64    household_id;
  gint64    signal_id;            /* 0: none */
  gint64    case_id;              /* 0: none */
  gint64    service_id;
  gint64    location_id;          /* 0: none (a virtual service) */
  char     *reason;
  char     *urgency;              /* immediate, urgent, normal */
  gboolean  consent;
  char     *consent_note;         /* why without consent; else optional */
  char     *state;                /* sent, accepted, declined, started, completed, withdrawn */
  char     *sent_on;              /* YYYY-MM-DD */
  char     *sent_by;
  char     *answered_on;          /* accepted or declined on; NULL */
  char     *closed_on;            /* declined, completed or withdrawn on; NULL */
  char     *decline_reason;       /* NULL unless declined */
  char     *outcome;              /* NULL unless completed */
  int       capacity_available;   /* at a decline for no capacity; -1 */
  int       waiting_list;         /* at a decline for no capacity; -1 */
  gboolean  synthetic;
  char    **needs;                /* need category codes */
  /* Read with the referral, never written: */
  char     *service_name;
  gint64    organization_id;
  char     *organization_name;
  char     *location_name;
} SmReferralRecord;

void sm_referral_record_free (SmReferralRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmReferralRecord, sm_referral_record_free)

typedef struct {
  gint64    household_id;         /* 0: any */
  gint64    organization_id;      /* 0: any receiving organization */
  gint64    service_id;           /* 0: any */
  gboolean  open_only;            /* sent, accepted or started */
} SmReferralQuery;

typedef struct {
  gint64  id;
  char   *from_state;             /* NULL for the first */
  char   *to_state;
  char   *on_day;
  char   *by_whom;
  char   *note;
} SmReferralStepRecord;

void sm_referral_step_record_free (SmReferralStepRecord *record);

gint64            sm_store_add_referral   (SmStore                *store,
                                           const SmReferralRecord *record,
                                           GError                **error);
SmReferralRecord *sm_store_get_referral   (SmStore                *store,
                                           gint64                  id,
                                           GError                **error);
GPtrArray        *sm_store_list_referrals (SmStore                *store,
                                           const SmReferralQuery  *query,
                                           GError                **error);
GPtrArray        *sm_store_list_referral_steps (SmStore           *store,
                                                gint64             id,
                                                GError           **error);
gboolean          sm_store_step_referral  (SmStore                *store,
                                           gint64                  id,
                                           const char             *from,
                                           const char             *to,
                                           const char             *on_day,
                                           const char             *by,
                                           const char             *note,
                                           const char             *decline_reason,
                                           const char             *outcome,
                                           GError                **error);

/* Per service: the referrals it received in a period and how many it
 * declined for lack of capacity, beside its capacity and waiting list. */
typedef struct {
  gint64  service_id;
  char   *service_name;
  char   *organization_name;
  gint64  received;
  gint64  declined_no_capacity;
  int     available;              /* -1: unknown */
  int     maximum;                /* -1: unknown */
  int     waiting_list;           /* -1: unknown */
} SmCapacityRow;

void       sm_capacity_row_free          (SmCapacityRow *row);
GPtrArray *sm_store_list_capacity_rows   (SmStore       *store,
                                          const char    *from_day,
                                          const char    *to_day,
                                          GError       **error);

typedef struct {
  char     *day;                  /* YYYY-MM-DD */
  gboolean  workday;
  char     *name;
} SmWorkdayException;

void       sm_workday_exception_free         (SmWorkdayException *row);
GPtrArray *sm_store_list_workday_exceptions  (SmStore     *store,
                                              GError     **error);
gboolean   sm_store_set_workday_exception    (SmStore     *store,
                                              const char  *day,
                                              gboolean     workday,
                                              const char  *name,
                                              GError     **error);
gboolean   sm_store_remove_workday_exception (SmStore     *store,
                                              const char  *day,
                                              GError     **error);

G_END_DECLS
