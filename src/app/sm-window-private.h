#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "sm-area-layer.h"
#include "sm-excess-layer.h"
#include "sm-case-layer.h"
#include "sm-case-panel.h"
#include "sm-context.h"
#include "sm-filter-panel.h"
#include "sm-hotspot-layer.h"
#include "sm-hotspot-panel.h"
#include "sm-review-panel.h"
#include "sm-search-box.h"
#include "sm-measure-layer.h"
#include "sm-signal-layer.h"
#include "sm-coverage-layer.h"
#include "sm-sketch-layer.h"
#include "sm-signal-panel.h"
#include "sm-referral-panel.h"
#include "sm-directory-panel.h"
#include "sm-roundtable-panel.h"
#include "sm-plain-tile-source.h"
#include "sm-window.h"

G_BEGIN_DECLS

/* The window in three files that share its fields and a few helpers:
 *   sm-window.c        the window, its state, the basemap, its actions
 *   sm-window-map.c    moving on the map, selecting, editing, deleting,
 *                      search, the time slider
 *   sm-window-files.c  importing, exporting, opening databases */

/* What to do once unsaved changes are saved or discarded. */
typedef void (*AfterAsk) (SmWindow *self, gpointer data);

struct _SmWindow
{
  AdwApplicationWindow  parent_instance;

  SmContext            *context;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *title;
  AdwFlap              *flap;
  GtkStack             *panel_stack;
  GtkWidget            *panel_switcher;
  SmSearchBox          *search_box;
  GtkMenuButton        *layers_button;
  ShumateSimpleMap     *map;
  GtkLabel             *counts;
  GtkBox               *time_bar;
  GtkWidget            *basemap_hint;
  GtkExpander          *legend_expander;
  GtkDrawingArea       *legend_area;
  GtkToggleButton      *play_button;
  GtkScale             *time_scale;
  GtkLabel             *time_label;
  GtkDropDown          *time_mode;

  GSettings            *settings;
  SmStore              *store;
  SmFilter             *filter;
  SmCaseLayer          *case_layer;
  SmFilterPanel        *filter_panel;
  SmCasePanel          *case_panel;
  SmReviewPanel        *review_panel;
  SmHotspotLayer       *hotspot_layer;
  SmExcessLayer        *excess_layer;
  SmAreaLayer          *area_layer;
  SmHotspotPanel       *hotspot_panel;
  SmSignalPanel        *signal_panel;
  SmReferralPanel      *referral_panel;
  SmDirectoryPanel     *directory_panel;
  SmRoundtablePanel    *roundtable_panel;
  SmSignalLayer        *signal_layer;
  SmCoverageLayer      *coverage_layer;
  SmSketchLayer        *sketch_layer;
  SmMeasureLayer       *measure_layer;
  GDate                 time_first;      /* first month of the data */
  guint                 play_id;
  gint64                time_moved_at;    /* µs, the slider's last change */
  guint                 outside_id;
  char                 *counts_text;
  gboolean              placing_new;
  gint64                pending_delete;
  AdwToast             *delete_toast;
  AdwToast             *save_toast;       /* "Saved", with Undo */
  GCancellable         *import_cancellable;
  GtkWindow            *import_dialog;
  GtkProgressBar       *import_bar;
  gboolean              closing;
};

void _sm_window_apply_basemap (SmWindow *self);
GCancellable *_sm_window_start_job (SmWindow   *self,
                                    const char *heading,
                                    const char *path);
void _sm_window_job_progress_cb (double   fraction,
                                 gpointer data);
void _sm_window_job_ended (SmWindow *self);
void _sm_window_setup_roundtable (SmWindow *self);
void _sm_window_class_init_roundtable (GtkWidgetClass *widget_class);
void _sm_window_class_init_print (GtkWidgetClass *widget_class);
void _sm_window_class_init_files (GtkWidgetClass *widget_class);
void _sm_window_setup_legend (SmWindow *self);
void _sm_window_case_saved_cb (SmWindow *self,
                               gint64    household_id);
void _sm_window_commit_pending_delete (SmWindow *self);
void _sm_window_delete_household_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter);
void _sm_window_export_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter);
ShumateMap *_sm_window_get_map (SmWindow *self);
void _sm_window_hotspot_zoom_cb (SmWindow *self,
                                 double    west,
                                 double    south,
                                 double    east,
                                 double    north);
void _sm_window_setup_sketch (SmWindow *self);
void _sm_window_import_cases_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void _sm_window_import_osm_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter);
gboolean _sm_window_key_pressed_cb (SmWindow        *self,
                                    guint            keyval,
                                    guint            keycode,
                                    GdkModifierType  state);
gboolean _sm_window_map_query_tooltip_cb (GtkWidget  *widget,
                                          int         x,
                                          int         y,
                                          gboolean    keyboard,
                                          GtkTooltip *tooltip,
                                          SmWindow   *self);
void _sm_window_map_released_cb (GtkGestureClick *gesture,
                                 int              n_press,
                                 double           x,
                                 double           y,
                                 SmWindow        *self);
void _sm_window_new_database_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter);
void _sm_window_open_database_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);
void _sm_window_review_open_cb (SmWindow *self,
                                gint64    household_id);
void _sm_window_review_placed_cb (SmWindow   *self,
                                  gint64      household_id,
                                  double      lat,
                                  double      lon,
                                  const char *failure);
void _sm_window_review_waiting_cb (SmWindow *self);
void _sm_window_coverage_table_action (GtkWidget  *widget,
                                       const char *action,
                                       GVariant   *parameter);
void _sm_window_enter_surveys_action (GtkWidget  *widget,
                                      const char *action,
                                      GVariant   *parameter);
void _sm_window_satisfaction_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *parameter);
void _sm_window_questionnaires_action (GtkWidget  *widget,
                                     const char *action,
                                     GVariant   *parameter);
void _sm_window_report_signals_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter);
void _sm_window_search_chosen_cb (SmWindow *self,
                                  gint64    household_id,
                                  double    lat,
                                  double    lon);
void _sm_window_setup_time (SmWindow *self);
void _sm_window_show_town (SmWindow *self);
void _sm_window_toast (SmWindow   *self,
                       const char *text);
void _sm_window_undo_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter);
void _sm_window_unless_unsaved (SmWindow *self,
                                AfterAsk  then,
                                gpointer  data);
void _sm_window_update_case_actions (SmWindow *self);

G_END_DECLS
