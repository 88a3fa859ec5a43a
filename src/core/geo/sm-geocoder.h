#pragma once

#include <glib-object.h>

#include "sm-address.h"
#include "sm-model.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_TYPE_GEOCODER (sm_geocoder_get_type ())

G_DECLARE_FINAL_TYPE (SmGeocoder, sm_geocoder, SM, GEOCODER, GObject)

/* Where an address is, found offline in the database's reference data: the
 * address points of the imported basemap and address register, the named
 * streets of the basemap, the settlement parts of the gazetteer and the
 * settlement boundaries. */

typedef struct {
  char             *label;        /* the street or place matched */
  double            lat;
  double            lon;
} SmGeocodeCandidate;

typedef struct {
  SmAddress        *parsed;
  SmGeocodeQuality  quality;      /* SM_GEOCODE_NONE: not found */
  double            score;        /* 0–1 */
  double            lat;
  double            lon;
  char             *matched;      /* what it was matched to, for people */
  gboolean          ambiguous;    /* more than one place fits equally */
  GPtrArray        *candidates;   /* SmGeocodeCandidate, when ambiguous */
} SmGeocodeResult;

SmGeocoder      *sm_geocoder_new            (SmStore     *store,
                                             GError     **error);
SmGeocoder      *sm_geocoder_new_excluding  (SmStore     *store,
                                             GHashTable  *address_ids,
                                             GError     **error);
SmGeocodeResult *sm_geocoder_geocode        (SmGeocoder  *self,
                                             const char  *text);
guint            sm_geocoder_get_n_streets  (SmGeocoder  *self);
guint            sm_geocoder_get_n_addresses (SmGeocoder *self);
void             sm_geocode_result_free     (SmGeocodeResult *result);
void             sm_geocode_candidate_free  (SmGeocodeCandidate *candidate);
char            *sm_geocode_result_to_json  (const SmGeocodeResult *result,
                                             const char            *input);


G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmGeocodeResult, sm_geocode_result_free)

G_END_DECLS
