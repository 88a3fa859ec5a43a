#pragma once

#include "sm-case-snapshot.h"

#include <adwaita.h>

#include "sm-case-panel.h"

G_BEGIN_DECLS

/* The Case page in two files: the page and its save (sm-case-panel.c)
 * and the rows that edit one person, need or assessment
 * (sm-case-editors.c). */

typedef struct {
  gint64          id;          /* 0: new */
  AdwExpanderRow *row;
  AdwEntryRow    *family;
  AdwEntryRow    *given;
  AdwEntryRow    *birth;
  AdwComboRow    *role;
  gboolean        removed;
} PersonEditor;

typedef struct {
  gint64          id;          /* 0: new */
  gint64          person_id;
  char           *note;
  AdwExpanderRow *row;
  AdwComboRow    *category;
  AdwComboRow    *severity;
  AdwEntryRow    *assessed;
  AdwEntryRow    *resolved;
  AdwEntryRow    *note_row;
  gboolean        removed;
} NeedEditor;

typedef struct {
  gint64          id;          /* 0: new */
  char           *note;
  char           *last_visit;
  AdwExpanderRow *row;
  AdwComboRow    *person;
  AdwEntryRow    *assessed;
  AdwComboRow    *mobility;
  GtkSwitch      *lives_alone;
  GtkSwitch      *chronic;
  GtkSwitch      *cognitive;
  GtkSwitch      *alarm;
  GtkSwitch      *meals;
  gboolean        removed;
} AssessmentEditor;

struct _SmCasePanel
{
  GtkBox               parent_instance;

  SmContext           *context;

  GtkStack            *stack;
  GtkLabel            *error_label;
  AdwPreferencesGroup *household_group;
  AdwEntryRow         *address_row;
  AdwEntryRow         *postal_row;
  AdwEntryRow         *settlement_row;
  AdwEntryRow         *part_row;
  AdwActionRow        *location_row;
  GtkToggleButton     *place_button;
  AdwPreferencesGroup *casework_group;
  GtkWidget           *refer_button;
  GPtrArray           *casework_rows;   /* GtkWidget, in casework_group */
  AdwPreferencesGroup *persons_group;
  AdwPreferencesGroup *needs_group;
  AdwPreferencesGroup *assessments_group;
  GtkButton           *save_button;
  GtkButton           *revert_button;

  SmStore             *store;
  GPtrArray           *categories;      /* SmCategory, in combo order */
  gint64               household_id;    /* 0: a new household, or none */
  gboolean             has_location;
  double               lat, lon;
  SmGeocodeQuality     quality;
  gboolean             location_changed;
  GPtrArray           *persons;         /* PersonEditor */
  GPtrArray           *needs;           /* NeedEditor */
  GPtrArray           *assessments;     /* AssessmentEditor */
  GPtrArray           *people;          /* SmPerson, as saved: who can be assessed */
  GtkButton           *add_assessment_button;
  GPtrArray           *marked;          /* rows marked as wrong */
  gboolean             loading;
  gboolean             dirty;
  char                *loaded_address;  /* as loaded, to see a change */
  SmGeocodeQuality     last_geocode;    /* of the last save; NONE: not geocoded */
  SmCaseSnapshot      *undo;            /* the case before the last save, or NULL */
  gint64               undo_household;  /* the household that save wrote */
  /* Waiting for another program's write: the saves asked for meanwhile
   * (GTasks, NULL when not waiting), the message's ticker, its start. */
  GPtrArray           *waiters;
  GCancellable        *wait_cancellable;
  guint                wait_id;
  gint64               wait_since;
};

AssessmentEditor *_sm_case_panel_add_assessment_editor (SmCasePanel               *self,
                                                        const SmElderlyAssessment *a);
NeedEditor *_sm_case_panel_add_need_editor (SmCasePanel  *self,
                                            const SmNeed *need);
PersonEditor *_sm_case_panel_add_person_editor (SmCasePanel    *self,
                                                const SmPerson *person);
void _sm_case_panel_assessment_editor_free (AssessmentEditor *e);
void _sm_case_panel_need_editor_free (NeedEditor *e);
void _sm_case_panel_person_editor_free (PersonEditor *e);
void _sm_case_panel_set_dirty (SmCasePanel *self,
                               gboolean     dirty);
void _sm_case_panel_set_text (AdwEntryRow *row,
                              const char  *text);
char *_sm_case_panel_trimmed (AdwEntryRow *row);
void _sm_case_panel_watch (SmCasePanel *self,
                           gpointer     widget);
extern const char * const _sm_case_panel_mobilities[];
extern const char * const _sm_case_panel_roles[];

void _sm_case_panel_show_casework (SmCasePanel *self);
void _sm_case_panel_refer (SmCasePanel *self);

enum {
  SM_CASE_PANEL_SAVED,
  SM_CASE_PANEL_SHOW_SIGNAL,
  SM_CASE_PANEL_SHOW_REFERRAL,
  SM_CASE_PANEL_TOAST,
  SM_CASE_PANEL_N_SIGNALS
};

extern guint _sm_case_panel_signals[SM_CASE_PANEL_N_SIGNALS];

G_END_DECLS
