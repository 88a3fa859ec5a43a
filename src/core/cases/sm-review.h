#pragma once

#include "sm-geocoder.h"
#include "sm-store.h"
#include "sm-store-review.h"

G_BEGIN_DECLS

/* A household whose place a person should look at: placed below street
 * level, not placed, or placed by an ambiguous match. Kept in the database
 * until the place is set by hand or the household goes. */
typedef struct {
  gint64            household_id;
  char             *address;
  SmGeocodeQuality  quality;
  double            score;
  GPtrArray        *candidates;   /* SmGeocodeCandidate */
} SmReview;

gboolean   sm_review_add           (SmStore               *store,
                                    gint64                 household_id,
                                    const SmGeocodeResult *result,
                                    GError               **error);
GPtrArray *sm_review_list          (SmStore               *store,
                                    GError               **error);
gboolean   sm_review_choose        (SmStore               *store,
                                    gint64                 household_id,
                                    double                 lat,
                                    double                 lon,
                                    GError               **error);
void       sm_review_free          (SmReview              *review);

G_END_DECLS
