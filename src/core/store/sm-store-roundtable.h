#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* The social roundtable (schema 10): meetings with their participants,
 * opinions and decisions; the cooperation programme's versions, sections
 * and agreements; its goals and actions with what they are about and
 * their progress notes; the indicators' targets. The rules of an action's
 * status are in roundtable/sm-programme.c. */

typedef struct {
  gint64  id;
  gint64  organization_id;     /* 0: none */
  char   *organization;        /* read: its name, or NULL */
  char   *person;              /* a professional's name, or NULL */
  char   *role;
} SmParticipantRecord;

typedef struct {
  gint64  id;
  int     participant;         /* index into the meeting's participants; -1: anonymous */
  char   *topic;
  char   *text;
} SmOpinionRecord;

typedef struct {
  gint64  id;
  char   *text;
  gint64  action_id;           /* 0: none */
} SmMeetingDecision;

typedef struct {
  gint64     id;
  char      *held_on;          /* YYYY-MM-DD */
  char      *title;
  char      *place;
  char      *agenda;
  char      *minutes;
  gboolean   synthetic;
  GPtrArray *participants;     /* SmParticipantRecord */
  GPtrArray *opinions;         /* SmOpinionRecord */
  GPtrArray *decisions;        /* SmMeetingDecision */
} SmMeetingRecord;

typedef struct {
  char *title;
  char *body;
} SmProgrammeSection;

typedef struct {
  gint64  organization_id;     /* 0: none */
  char   *organization;        /* read */
  char   *person;
  char   *agreed_on;
} SmProgrammeAgreement;

typedef struct {
  gint64     id;
  int        number;           /* 1, 2, …; given by the store */
  char      *made_on;
  gint64     meeting_id;       /* 0: none */
  char      *note;
  GPtrArray *sections;         /* SmProgrammeSection, in order */
  GPtrArray *agreements;       /* SmProgrammeAgreement */
} SmProgrammeVersion;

typedef struct {
  gint64  id;
  char   *title;
  char   *description;
} SmGoalRecord;

typedef enum {
  SM_ACTION_LINK_AREA,       /*< nick=area >*/
  SM_ACTION_LINK_SERVICE,    /*< nick=service >*/
  SM_ACTION_LINK_CATEGORY,   /*< nick=category >*/
  SM_ACTION_LINK_HOTSPOT,    /*< nick=hotspot >*/
} SmActionLinkKind;

typedef struct {
  SmActionLinkKind  kind;
  gint64            ref_id;                  /* boundary, service or need category */
  double            west, south, east, north; /* a hotspot's extent */
  char             *label;                   /* read: the name of what it points at */
} SmActionLink;

typedef struct {
  char *noted_on;
  char *status;                /* the status set then, or NULL */
  char *text;
} SmActionNote;

typedef struct {
  gint64     id;
  gint64     goal_id;          /* 0: none */
  char      *goal;             /* read */
  char      *title;
  gint64     owner_id;         /* organization; 0: none */
  char      *owner;            /* read */
  char      *due_on;           /* NULL: no due day */
  char      *status;           /* planned, in_progress, done, late, dropped */
  char      *status_on;
  gboolean   synthetic;
  GPtrArray *links;            /* SmActionLink */
  GPtrArray *notes;            /* SmActionNote, oldest first (read) */
} SmActionRecord;

typedef struct {
  char   *indicator;
  double  target;
  double  baseline;            /* NAN: none */
  char   *by_day;              /* NULL: none */
} SmIndicatorTarget;

SmMeetingRecord *sm_meeting_record_new  (void);
void       sm_meeting_record_free       (SmMeetingRecord    *record);
void       sm_participant_record_free   (SmParticipantRecord *record);
void       sm_opinion_record_free       (SmOpinionRecord    *record);
void       sm_meeting_decision_free      (SmMeetingDecision   *record);
SmProgrammeVersion *sm_programme_version_new (void);
void       sm_programme_version_free    (SmProgrammeVersion *version);
void       sm_programme_section_free    (SmProgrammeSection *section);
void       sm_programme_agreement_free  (SmProgrammeAgreement *agreement);
void       sm_goal_record_free          (SmGoalRecord       *record);
SmActionRecord *sm_action_record_new    (void);
void       sm_action_record_free        (SmActionRecord     *record);
void       sm_action_link_free          (SmActionLink       *link);
void       sm_action_note_free          (SmActionNote       *note);
void       sm_indicator_target_free     (SmIndicatorTarget  *target);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmMeetingRecord, sm_meeting_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmProgrammeVersion, sm_programme_version_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmActionRecord, sm_action_record_free)

gint64           sm_store_save_meeting   (SmStore           *store,
                                          SmMeetingRecord   *meeting,
                                          GError           **error);
SmMeetingRecord *sm_store_get_meeting    (SmStore           *store,
                                          gint64             id,
                                          GError           **error);
GPtrArray       *sm_store_list_meetings  (SmStore           *store,
                                          const char        *from,
                                          const char        *to,
                                          GError           **error);
gboolean         sm_store_remove_meeting (SmStore           *store,
                                          gint64             id,
                                          GError           **error);

int                 sm_store_add_programme_version (SmStore            *store,
                                                    SmProgrammeVersion *version,
                                                    GError            **error);
gboolean            sm_store_agree_programme       (SmStore            *store,
                                                    int                 number,
                                                    gint64              organization_id,
                                                    const char         *person,
                                                    const char         *agreed_on,
                                                    GError            **error);
SmProgrammeVersion *sm_store_get_programme_version (SmStore            *store,
                                                    int                 number,
                                                    GError            **error);
GPtrArray          *sm_store_list_programme_versions (SmStore          *store,
                                                      GError          **error);

gint64      sm_store_add_goal            (SmStore           *store,
                                          const char        *title,
                                          const char        *description,
                                          GError           **error);
GPtrArray  *sm_store_list_goals          (SmStore           *store,
                                          GError           **error);
gint64      sm_store_add_action          (SmStore           *store,
                                          SmActionRecord    *action,
                                          GError           **error);
SmActionRecord *sm_store_get_action      (SmStore           *store,
                                          gint64             id,
                                          GError           **error);
GPtrArray  *sm_store_list_actions        (SmStore           *store,
                                          GError           **error);
gboolean    sm_store_update_action       (SmStore           *store,
                                          gint64             id,
                                          const char        *status,
                                          const char        *due_on,
                                          const char        *day,
                                          const char        *note,
                                          GError           **error);
gboolean    sm_store_remove_action       (SmStore           *store,
                                          gint64             id,
                                          GError           **error);

gboolean    sm_store_set_indicator_target (SmStore          *store,
                                           const char       *indicator,
                                           double            target,
                                           double            baseline,
                                           const char       *by_day,
                                           GError          **error);
gboolean    sm_store_clear_indicator_target (SmStore        *store,
                                             const char     *indicator,
                                             GError        **error);
GPtrArray  *sm_store_list_indicator_targets (SmStore        *store,
                                             GError        **error);

G_END_DECLS
