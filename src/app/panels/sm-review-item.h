#pragma once

#include <glib-object.h>

#include "sm-review.h"

G_BEGIN_DECLS

/* One household of the review list, as the list's rows and sorters see it. */

#define SM_TYPE_REVIEW_ITEM (sm_review_item_get_type ())

G_DECLARE_FINAL_TYPE (SmReviewItem, sm_review_item, SM, REVIEW_ITEM, GObject)

SmReviewItem *sm_review_item_new            (const SmReview *review);
gint64        sm_review_item_get_household  (SmReviewItem   *self);
const char   *sm_review_item_get_address    (SmReviewItem   *self);
const char   *sm_review_item_get_placed     (SmReviewItem   *self);
double        sm_review_item_get_score      (SmReviewItem   *self);
GPtrArray    *sm_review_item_get_candidates (SmReviewItem   *self);

G_END_DECLS
