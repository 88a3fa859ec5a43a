#pragma once

#include "sm-signal.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Signals of the signalling system, as records. */

typedef struct {
  gint64           id;
  char            *received_at;     /* local time, "YYYY-MM-DD HH:MM" */
  char            *member_kind;     /* the code of signal_member_kind, or NULL */
  char            *signaller;       /* a person's name, NULL when anonymous */
  gboolean         anonymous;
  char            *channel;         /* written, email, phone, in_person */
  gint64           household_id;    /* 0: not linked yet */
  char            *about;
  SmSignalUrgency  urgency;
  SmSignalState    state;
  char            *answer;
  char            *answered_on;     /* "YYYY-MM-DD" */
  gboolean         synthetic;
  char            *organization;    /* the member organization's name, or NULL */
  char           **needs;           /* need category codes named; read: never NULL */
  char            *assessed_at;     /* read only: first step to assessed, or NULL */
  char            *decided_state;   /* read only: the latest outcome's nick, or NULL */
  char            *answered_at;     /* read only: first step to answered, or NULL */
} SmSignalRecord;

/* A kind of member of the signalling system, from the editable code list. */
typedef struct {
  gint64  id;
  char   *code;
  char   *name_hu;
  char   *name_en;
  char   *child_duty;  /* "must" or NULL */
  char   *adult_duty;  /* "must", "may" or NULL */
  char   *contact;     /* the contact person, or NULL */
  char   *how;         /* how they signal, or NULL */
} SmMemberKindRecord;

/* Where a signal is about, for the map: its household's place. */
typedef struct {
  gint64           id;
  double           lat, lon;
  const char      *member_kind;   /* interned code, or NULL */
  char             received_at[17];
  char             assessed_at[17]; /* first assessment; "" when none */
  char             answered_at[17]; /* "" when not answered */
  SmSignalUrgency  urgency;
  SmSignalState    state;
  guint64          needs;         /* bit c: names need category c (c < 64) */
} SmSignalPlace;

void       sm_member_kind_record_free  (SmMemberKindRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMemberKindRecord, sm_member_kind_record_free)

void       sm_signal_record_free       (SmSignalRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmSignalRecord, sm_signal_record_free)

gint64          sm_store_add_signal     (SmStore              *store,
                                         const SmSignalRecord *record,
                                         GError              **error);
SmSignalRecord *sm_store_get_signal     (SmStore              *store,
                                         gint64                id,
                                         GError              **error);
GPtrArray      *sm_store_list_signals   (SmStore              *store,
                                         gboolean              open_only,
                                         GError              **error);
gboolean        sm_store_step_signal    (SmStore              *store,
                                         gint64                id,
                                         SmSignalState         from,
                                         SmSignalState         to,
                                         const char           *at,
                                         const char           *by,
                                         const char           *note,
                                         GError              **error);
gboolean        sm_store_set_signal_answer (SmStore           *store,
                                            gint64             id,
                                            const char        *answer,
                                            const char        *answered_on,
                                            GError           **error);
gint64          sm_store_count_signal_steps (SmStore          *store,
                                             gint64            id);
GPtrArray      *sm_store_list_signal_inbox (SmStore          *store,
                                            gboolean          open_only,
                                            GError          **error);
GPtrArray      *sm_store_list_household_signals (SmStore     *store,
                                                 gint64       household_id,
                                                 GError     **error);
GPtrArray      *sm_store_list_signals_received (SmStore       *store,
                                                const char    *from,
                                                const char    *until,
                                                GError       **error);
gboolean        sm_store_link_signal    (SmStore              *store,
                                         gint64                id,
                                         gint64                household_id,
                                         GError              **error);

GArray         *sm_store_list_signal_places (SmStore          *store,
                                             GError          **error);

GPtrArray      *sm_store_list_member_kinds (SmStore           *store,
                                            GError           **error);
gboolean        sm_store_save_member_kind  (SmStore           *store,
                                            const SmMemberKindRecord *record,
                                            GError           **error);

gboolean        sm_store_set_organization_member_kind (SmStore    *store,
                                                       gint64      organization_id,
                                                       const char *code,
                                                       GError    **error);

gboolean        sm_store_get_deadline   (SmStore              *store,
                                         const char           *name,
                                         int                  *days,
                                         GError              **error);
gboolean        sm_store_set_deadline   (SmStore              *store,
                                         const char           *name,
                                         int                   days,
                                         GError              **error);

G_END_DECLS
