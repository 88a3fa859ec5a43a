#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

/* The geocoding review list as stored: what was found for a household's
 * address (as the geocoder's JSON) while a person has not yet looked. */
typedef struct {
  gint64            household_id;
  char             *address;
  SmGeocodeQuality  quality;
  double            score;
  char             *details;      /* JSON, or NULL */
} SmReviewRow;

gboolean   sm_store_put_review       (SmStore           *store,
                                      gint64             household_id,
                                      SmGeocodeQuality   quality,
                                      double             score,
                                      const char        *details,
                                      GError           **error);
gboolean   sm_store_remove_review    (SmStore           *store,
                                      gint64             household_id,
                                      GError           **error);
GPtrArray *sm_store_list_review_rows (SmStore           *store,
                                      GError           **error);
SmReviewRow *sm_store_get_review_row (SmStore           *store,
                                      gint64             household_id,
                                      gboolean          *found,
                                      GError           **error);
void       sm_review_row_free        (SmReviewRow       *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmReviewRow, sm_review_row_free)

G_END_DECLS
