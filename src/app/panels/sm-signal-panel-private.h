#pragma once

#include "sm-case-life.h"
#include "sm-signal-panel.h"

G_BEGIN_DECLS

/* The Signals page in two files: the list and the shown signal
 * (sm-signal-panel.c), the steps its buttons take (sm-signal-panel-steps.c). */

/* A member kind as the list shows and sorts it. */
typedef struct {
  const char *label;   /* interned */
  int         rank;    /* 1 for the first name in collation order */
} KindName;

struct _SmSignalPanel
{
  GtkBox               parent_instance;

  GtkStack            *stack;
  GtkLabel            *summary;
  GtkDropDown         *show_drop;
  GtkColumnView       *view;
  GtkListItemFactory  *received_factory;
  GtkListItemFactory  *from_factory;
  GtkListItemFactory  *urgency_factory;
  GtkListItemFactory  *state_factory;
  GtkListItemFactory  *age_factory;
  GtkLabel            *detail_title;
  GtkWidget           *overdue_label;
  GtkLabel            *detail_text;
  GtkEditable         *worker_entry;
  GtkLabel            *message;
  GtkWidget           *link_box;
  GtkEditable         *household_entry;
  GtkWidget           *assess_box;
  GtkEditable         *note_entry;
  GtkWidget           *decide_box;
  GtkDropDown         *outcome_drop;
  GtkEditable         *referral_entry;
  GtkWidget           *case_box;
  GtkLabel            *case_label;
  GtkWidget           *open_case_button;
  GtkWidget           *next_stage_button;
  GtkDropDown         *measure_drop;
  GtkEditable         *measure_org_entry;
  GtkDropDown         *conference_kind_drop;
  GtkEditable         *participants_entry;
  GtkEditable         *decision_entry;
  GtkEditable         *owner_entry;
  GtkEditable         *due_entry;
  GtkWidget           *answer_box;
  GtkTextView         *answer_view;
  GtkWidget           *reopen_box;
  GtkEditable         *reason_entry;
  GtkEditable         *new_received;
  GtkDropDown         *new_from;
  GtkEditable         *new_org;
  GtkEditable         *new_signaller;
  GtkCheckButton      *new_anonymous;
  GtkDropDown         *new_channel;
  GtkDropDown         *new_urgency;
  GtkDropDown         *new_need;
  GtkEditable         *new_about;
  GtkLabel            *new_message;

  /* the buttons, for the tests to press */
  GtkWidget           *new_button, *record_button, *assess_button, *decide_button, *link_button;
  GtkWidget           *new_household_button, *measure_button, *conference_button, *answer_button;
  GtkWidget           *reopen_button, *back_button, *review_button;

  SmContext           *context;
  SmStore             *store;
  GListStore          *items;        /* SmSignalItem the list shows, oldest first */
  GPtrArray           *kinds;        /* SmMemberKindRecord */
  GHashTable          *kind_names;   /* code (of kinds) → KindName */
  GPtrArray           *need_codes;   /* char*, index 0 is none */
  SmSignalDeadlines    deadlines;
  SmCaseDeadlines      case_deadlines;
  gint64               shown;        /* the signal the detail shows, or 0 */
  gint64               shown_case;   /* its household's open case, or 0 */
  guint                n_open;
  guint                n_overdue;
};

enum {
  SM_SIGNAL_PANEL_TOAST,
  SM_SIGNAL_PANEL_N_SIGNALS
};

extern guint _sm_signal_panel_signals[SM_SIGNAL_PANEL_N_SIGNALS];

void _sm_signal_panel_say          (SmSignalPanel *self,
                                    GtkLabel      *where,
                                    const char    *problem);
void _sm_signal_panel_fill_detail  (SmSignalPanel *self);

void _sm_signal_panel_assess_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_decide_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_link_clicked_cb           (SmSignalPanel *self);
void _sm_signal_panel_new_household_clicked_cb  (SmSignalPanel *self);
void _sm_signal_panel_open_case_clicked_cb      (SmSignalPanel *self);
void _sm_signal_panel_next_stage_clicked_cb     (SmSignalPanel *self);
void _sm_signal_panel_review_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_measure_clicked_cb        (SmSignalPanel *self);
void _sm_signal_panel_conference_clicked_cb     (SmSignalPanel *self);
void _sm_signal_panel_answer_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_reopen_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_record_clicked_cb         (SmSignalPanel *self);
void _sm_signal_panel_new_clicked_cb            (SmSignalPanel *self);

G_END_DECLS
