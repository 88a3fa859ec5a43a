#pragma once

#include <adwaita.h>

#include "sm-case-layer.h"
#include "sm-case-panel.h"
#include "sm-export.h"
#include "sm-map-sheet.h"
#include "sm-filter-panel.h"
#include "sm-hotspot-panel.h"
#include "sm-review-panel.h"
#include "sm-measure-layer.h"
#include "sm-signal-layer.h"
#include "sm-signal-panel.h"
#include "sm-roundtable-panel.h"
#include "sm-referral-panel.h"
#include "sm-coverage-layer.h"
#include "sm-sketch-layer.h"
#include "sm-directory-panel.h"
#include "sm-roundtable-panel.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_WINDOW (sm_window_get_type ())

G_DECLARE_FINAL_TYPE (SmWindow, sm_window, SM, WINDOW, AdwApplicationWindow)

SmWindow      *sm_window_new              (GtkApplication *application,
                                           SmStore        *store);
SmStore       *sm_window_get_store        (SmWindow       *self);
SmCaseLayer   *sm_window_get_case_layer   (SmWindow       *self);
SmFilter      *sm_window_get_filter       (SmWindow       *self);
SmFilterPanel *sm_window_get_filter_panel (SmWindow       *self);
SmCasePanel   *sm_window_get_case_panel   (SmWindow       *self);
SmReviewPanel *sm_window_get_review_panel (SmWindow       *self);
SmSignalPanel *sm_window_get_signal_panel (SmWindow       *self);
SmReferralPanel *sm_window_get_referral_panel (SmWindow     *self);
SmCoverageLayer *sm_window_get_coverage_layer (SmWindow     *self);
SmDirectoryPanel *sm_window_get_directory_panel (SmWindow    *self);
SmRoundtablePanel *sm_window_get_roundtable_panel (SmWindow  *self);
void           sm_window_make_roundtable_pack (SmWindow     *self,
                                               const char   *from,
                                               const char   *to,
                                               const char   *path);
void           sm_window_make_timelapse     (SmWindow     *self,
                                             const char   *from,
                                             const char   *to,
                                             const char   *path);
SmMapSheet    *sm_window_map_sheet          (SmWindow     *self);
char          *sm_window_describe_legend    (SmWindow     *self);
gboolean       sm_window_export_map         (SmWindow     *self,
                                             const char   *path,
                                             GError      **error);
GtkPrintOperationResult sm_window_print_map (SmWindow     *self,
                                             const char   *export_to,
                                             GError      **error);
gboolean       sm_window_make_directory     (SmWindow     *self,
                                             const char   *path,
                                             gboolean      large_print,
                                             GError      **error);
SmSignalLayer *sm_window_get_signal_layer (SmWindow       *self);
SmMeasureLayer *sm_window_get_measure_layer (SmWindow     *self);
gboolean       sm_window_save_signal_report (SmWindow     *self,
                                             int           year,
                                             const char   *path,
                                             GError      **error);
SmHotspotPanel *sm_window_get_hotspot_panel (SmWindow     *self);
SmAreaLayer    *sm_window_get_area_layer (SmWindow *self);
SmHotspotLayer *sm_window_get_hotspot_layer (SmWindow     *self);
SmExcessLayer  *sm_window_get_excess_layer (SmWindow      *self);
gboolean       sm_window_step_month       (SmWindow       *self);
void           sm_window_set_month        (SmWindow       *self,
                                           int             index);
void           sm_window_show_month       (SmWindow       *self,
                                           int             index,
                                           int             window);
ShumateMap    *sm_window_get_map          (SmWindow       *self);
const char    *sm_window_get_counts_text  (SmWindow       *self);
gboolean       sm_window_has_unsaved_changes (SmWindow     *self);
gboolean       sm_window_press_map_key    (SmWindow        *self,
                                           guint            keyval,
                                           GdkModifierType  state);
SmSketchLayer *sm_window_get_sketch_layer (SmWindow       *self);
void           sm_window_click_map        (SmWindow       *self,
                                           double          x,
                                           double          y);
void           sm_window_import_osm       (SmWindow       *self,
                                           const char     *osm_path);
gboolean       sm_window_is_importing     (SmWindow       *self);
void           sm_window_ask_import_mapping (SmWindow     *self,
                                             const char   *path);
void           sm_window_import_cases     (SmWindow       *self,
                                           const char     *path,
                                           GHashTable     *columns);
gboolean       sm_window_export           (SmWindow              *self,
                                           const char            *path,
                                           const SmExportOptions *options);
void           sm_window_select_household (SmWindow       *self,
                                           gint64          household_id);

G_END_DECLS
