#pragma once

#include <adwaita.h>

#include "sm-store.h"

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_REVIEW_PANEL (sm_review_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmReviewPanel, sm_review_panel, SM, REVIEW_PANEL, GtkBox)

/* The review list: households placed below street level, not placed, or
 * matched ambiguously; it follows the store. Emits "open" (household id) to
 * show one, and "placed" (household id, lat, lon, failure or NULL) after a
 * candidate is picked; "waiting" first when another program's write holds
 * the choice up. */

SmReviewPanel *sm_review_panel_new      (SmContext     *context);
void           sm_review_panel_reload   (SmReviewPanel *self);
guint          sm_review_panel_get_count (SmReviewPanel *self);
void           sm_review_panel_choose   (SmReviewPanel *self,
                                         gint64         household_id,
                                         double         lat,
                                         double         lon);

G_END_DECLS
