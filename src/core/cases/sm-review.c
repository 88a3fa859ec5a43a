#define G_LOG_DOMAIN "sm-geocoder"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sm-basemap.h"
#include "sm-boundary.h"
#include "sm-geocoder.h"
#include "sm-mercator.h"
#include "sm-store-basemap.h"
#include "sm-store-places.h"
#include "sm-store-review.h"
#include "sm-review.h"

/* --- the review list -------------------------------------------------- */

/**
 * sm_review_add:
 *
 * Puts a household on the review list with what the geocoder found.
 */
gboolean
sm_review_add (SmStore                *store,
               gint64                  household_id,
               const SmGeocodeResult  *result,
               GError                **error)
{
  g_autofree char *json = sm_geocode_result_to_json (result, NULL);

  return sm_store_put_review (store, household_id, result->quality, result->score, json, error);
}

/**
 * sm_review_choose:
 *
 * A person's choice on the review list: the household is placed at
 * (@lat, @lon) by hand and leaves the list, in one action.
 */
gboolean
sm_review_choose (SmStore  *store,
                  gint64    household_id,
                  double    lat,
                  double    lon,
                  GError  **error)
{
  if (!sm_store_begin (store, error))
    return FALSE;
  if (!sm_store_set_household_location (store, household_id, lat, lon, SM_GEOCODE_MANUAL, error) ||
      !sm_store_remove_review (store, household_id, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return sm_store_commit (store, error);
}

void
sm_review_free (SmReview *review)
{
  g_free (review->address);
  g_ptr_array_unref (review->candidates);
  g_free (review);
}

/**
 * sm_review_list:
 *
 * Returns: (transfer full) (element-type SmReview): the review list, the
 *   least certain first
 */
GPtrArray *
sm_review_list (SmStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_review_free);
  g_autoptr(GPtrArray) rows = sm_store_list_review_rows (store, error);

  if (rows == NULL)
    return NULL;
  for (guint k = 0; k < rows->len; k++)
    {
      const SmReviewRow *row = g_ptr_array_index (rows, k);
      SmReview *r = g_new0 (SmReview, 1);
      g_autoptr(JsonParser) parser = json_parser_new ();

      r->household_id = row->household_id;
      r->address = g_strdup (row->address);
      r->quality = row->quality;
      r->score = row->score;
      r->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_geocode_candidate_free);
      if (row->details != NULL && json_parser_load_from_data (parser, row->details, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *o = json_node_get_object (json_parser_get_root (parser));
          JsonArray *a = json_object_has_member (o, "candidates")
                           ? json_object_get_array_member (o, "candidates") : NULL;

          for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
            {
              JsonObject *c = json_array_get_object_element (a, i);
              SmGeocodeCandidate *candidate = g_new0 (SmGeocodeCandidate, 1);

              candidate->label = g_strdup (json_object_get_string_member_with_default (c, "match", ""));
              candidate->lat = json_object_get_double_member_with_default (c, "lat", 0);
              candidate->lon = json_object_get_double_member_with_default (c, "lon", 0);
              g_ptr_array_add (r->candidates, candidate);
            }
        }
      g_ptr_array_add (list, r);
    }
  return g_steal_pointer (&list);
}
