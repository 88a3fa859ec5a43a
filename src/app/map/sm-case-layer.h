#pragma once

#include <shumate/shumate.h>

#include "sm-filter.h"
#include "sm-context.h"
#include "sm-store.h"

#include "sm-query.h"

G_BEGIN_DECLS

#define SM_TYPE_CASE_LAYER (sm_case_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmCaseLayer, sm_case_layer, SM, CASE_LAYER, ShumateLayer)

/* What lies under a point of the layer. */
typedef enum {
  SM_CASE_LAYER_NOTHING,
  SM_CASE_LAYER_HOUSEHOLD,
  SM_CASE_LAYER_CLUSTER,
  SM_CASE_LAYER_SERVICE,
} SmCaseLayerItemKind;

typedef struct {
  SmCaseLayerItemKind kind;
  gint64              id;          /* household or location */
  guint               count;       /* households in a cluster */
  double              lat, lon;    /* where the symbol stands */
} SmCaseLayerItem;

SmCaseLayer *sm_case_layer_new              (ShumateViewport *viewport,
                                             SmContext       *context);
guint        sm_case_layer_get_n_households (SmCaseLayer     *self);
guint        sm_case_layer_get_n_needs      (SmCaseLayer     *self);
void         sm_case_layer_refresh          (SmCaseLayer     *self);
gboolean     sm_case_layer_pick             (SmCaseLayer     *self,
                                             double           x,
                                             double           y,
                                             SmCaseLayerItem *item);
const SmServicePoint *sm_case_layer_get_service_point (SmCaseLayer *self,
                                                       gint64       location_id);
void         sm_case_layer_set_selected     (SmCaseLayer     *self,
                                             gint64           household_id);
gint64       sm_case_layer_get_selected     (SmCaseLayer     *self);
gboolean     sm_case_layer_get_selected_place (SmCaseLayer   *self,
                                              double        *lat,
                                              double        *lon);
gboolean     sm_case_layer_locate           (SmCaseLayer     *self,
                                             gint64           household_id,
                                             double          *x,
                                             double          *y);
void         sm_case_layer_set_show_cases   (SmCaseLayer     *self,
                                             gboolean         show);
void         sm_case_layer_set_show_services (SmCaseLayer    *self,
                                              gboolean        show);
void         sm_case_layer_set_show_boundaries (SmCaseLayer  *self,
                                                gboolean      show);
void         sm_case_layer_set_planner_view (SmCaseLayer  *self,
                                             gboolean      planner_view);
gboolean     sm_case_layer_get_planner_view (SmCaseLayer  *self);
void         sm_case_layer_set_hidden       (SmCaseLayer     *self,
                                             gint64           household_id);
guint        sm_case_layer_get_n_tiles_drawn (SmCaseLayer    *self);

G_END_DECLS
