#pragma once

#include <adwaita.h>

#include "sm-geocoder.h"
#include "sm-store.h"

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_CASE_PANEL (sm_case_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmCasePanel, sm_case_panel, SM, CASE_PANEL, GtkBox)

/* The Case page: one household with its people, needs and elderly
 * assessments. Emits "saved" (household id) after a save and "placing"
 * when the user wants to set the location with the next map click. */

SmCasePanel *sm_case_panel_new           (SmContext   *context);
gboolean     sm_case_panel_load          (SmCasePanel *self,
                                          gint64       household_id,
                                          GError     **error);
void         sm_case_panel_new_household (SmCasePanel *self,
                                          double       lat,
                                          double       lon);
void         sm_case_panel_clear         (SmCasePanel *self);
SmGeocodeQuality sm_case_panel_get_last_geocode (SmCasePanel *self);
gint64       sm_case_panel_get_household (SmCasePanel *self);
gboolean     sm_case_panel_is_dirty      (SmCasePanel *self);
gboolean     sm_case_panel_save          (SmCasePanel *self);
gboolean     sm_case_panel_can_undo_save (SmCasePanel *self);
gboolean     sm_case_panel_undo_save     (SmCasePanel *self,
                                          gint64      *household_id,
                                          GError     **error);
void         sm_case_panel_request_save  (SmCasePanel *self);
void         sm_case_panel_save_async    (SmCasePanel         *self,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     sm_case_panel_save_finish   (SmCasePanel   *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gboolean     sm_case_panel_is_waiting    (SmCasePanel *self);
gboolean     sm_case_panel_is_placing    (SmCasePanel *self);
void         sm_case_panel_place         (SmCasePanel *self,
                                          double       lat,
                                          double       lon);

G_END_DECLS
