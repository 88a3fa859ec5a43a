#pragma once

#include <glib.h>

#include "sm-geocoder.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* A signal of the signalling system (jelzőrendszer) and the rules of its
 * life: received → assessed → case opened, referred, already in care or
 * unfounded → answered; a decided or answered signal may be reopened with
 * a reason, back to received. No step can be skipped. */

/**
 * SmSignalState:
 * @SM_SIGNAL_RECEIVED: received, not yet assessed
 * @SM_SIGNAL_ASSESSED: assessed, no decision yet
 * @SM_SIGNAL_CASE_OPENED: a case was opened
 * @SM_SIGNAL_REFERRED: referred to another service
 * @SM_SIGNAL_IN_CARE: the household is already in care
 * @SM_SIGNAL_UNFOUNDED: closed as unfounded
 * @SM_SIGNAL_ANSWERED: the signaller was answered
 */
typedef enum {
  SM_SIGNAL_RECEIVED,    /*< nick=received >*/
  SM_SIGNAL_ASSESSED,    /*< nick=assessed >*/
  SM_SIGNAL_CASE_OPENED, /*< nick=case_opened >*/
  SM_SIGNAL_REFERRED,    /*< nick=referred >*/
  SM_SIGNAL_IN_CARE,     /*< nick=in_care >*/
  SM_SIGNAL_UNFOUNDED,   /*< nick=unfounded >*/
  SM_SIGNAL_ANSWERED,    /*< nick=answered >*/
} SmSignalState;

/**
 * SmSignalUrgency:
 * @SM_URGENCY_IMMEDIATE: immediate danger
 * @SM_URGENCY_URGENT: urgent
 * @SM_URGENCY_NORMAL: normal
 */
typedef enum {
  SM_URGENCY_IMMEDIATE, /*< nick=immediate >*/
  SM_URGENCY_URGENT,    /*< nick=urgent >*/
  SM_URGENCY_NORMAL,    /*< nick=normal >*/
} SmSignalUrgency;

/* Days from receipt within which a signal is to be assessed and its
 * signaller answered, by urgency. */
typedef struct {
  int assess_days[3];
  int answer_days[3];
} SmSignalDeadlines;

extern const SmSignalDeadlines sm_signal_default_deadlines;

gboolean    sm_signal_check_step   (SmSignalState   from,
                                    SmSignalState   to,
                                    const char     *by,
                                    const char     *note,
                                    GError        **error);
gboolean    sm_signal_is_decided   (SmSignalState   state);
GDateTime  *sm_signal_deadline     (const SmSignalDeadlines *deadlines,
                                    SmSignalUrgency  urgency,
                                    GDateTime       *received,
                                    gboolean         answer);
gboolean    sm_signal_is_overdue   (const SmSignalDeadlines *deadlines,
                                    SmSignalUrgency  urgency,
                                    SmSignalState    state,
                                    GDateTime       *received,
                                    GDateTime       *now);

GDateTime  *sm_signal_parse_time   (const char     *text);
gboolean    sm_signal_parse_day    (const char     *text,
                                    int            *day);
gboolean    sm_signal_is_overdue_on (const SmSignalDeadlines *deadlines,
                                    SmSignalUrgency  urgency,
                                    SmSignalState    state,
                                    int              received_day,
                                    int              today);

gboolean    sm_signal_move         (SmStore        *store,
                                    gint64          id,
                                    SmSignalState   to,
                                    const char     *by,
                                    const char     *note,
                                    GDateTime      *at,
                                    GError        **error);
gboolean    sm_signal_answer       (SmStore        *store,
                                    gint64          id,
                                    const char     *by,
                                    const char     *text,
                                    GDateTime      *at,
                                    GError        **error);

gboolean    sm_signal_link         (SmStore        *store,
                                    gint64          id,
                                    gint64          household_id,
                                    GError        **error);
gint64      sm_signal_link_new_household (SmStore  *store,
                                          SmGeocoder *geocoder,
                                          gint64    id,
                                          const char *address,
                                          gboolean  *placed,
                                          GError  **error);

G_END_DECLS
