#pragma once

#include <adwaita.h>

#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_REVIEW_PANEL (sm_review_panel_get_type ())

G_DECLARE_FINAL_TYPE (SmReviewPanel, sm_review_panel, SM, REVIEW_PANEL, GtkBox)

/* The review list: households placed below street level, not placed, or
 * matched ambiguously. Emits "open" (household id) to show one, and
 * "choose" (household id, lat, lon) when a candidate is picked. */

SmReviewPanel *sm_review_panel_new      (SmStore       *store);
void           sm_review_panel_reload   (SmReviewPanel *self);
guint          sm_review_panel_get_count (SmReviewPanel *self);

G_END_DECLS
