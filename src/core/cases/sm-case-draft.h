#pragma once

#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* A household's case as a person edits it: the household, its people,
 * needs and elderly assessments with what was added, changed or removed.
 * Saving it is one action: values checked, a changed address placed by
 * the geocoder (and its settlement and part filled in from it), the review
 * list kept by its rule, everything written or nothing. The Case page and
 * import place and review households by the same rules. */

/**
 * SmCaseField:
 *
 * The field a refused draft names, with the index of its person, need or
 * assessment.
 */
typedef enum /*< prefix=SM_CASE_FIELD >*/
{
  SM_CASE_FIELD_NONE,
  SM_CASE_FIELD_ADDRESS,
  SM_CASE_FIELD_PERSON_FAMILY_NAME,
  SM_CASE_FIELD_PERSON_BIRTH_YEAR,
  SM_CASE_FIELD_NEED_ASSESSED,
  SM_CASE_FIELD_NEED_RESOLVED,
  SM_CASE_FIELD_ASSESSMENT_DATE,
  SM_CASE_FIELD_POSTAL_CODE,
} SmCaseField;

typedef struct {
  SmPerson  person;              /* .birth_year unused: see birth_year_text */
  char     *birth_year_text;     /* as typed; empty: unknown */
  gboolean  removed;
} SmCaseDraftPerson;

typedef struct {
  SmNeed    need;                /* dates as typed (ISO) */
  gboolean  removed;
} SmCaseDraftNeed;

typedef struct {
  SmElderlyAssessment  assessment;     /* .person_id: a saved person */
  gboolean             removed;
} SmCaseDraftAssessment;

typedef struct {
  SmHousehold  household;        /* .id 0: a new household */
  char        *saved_address;    /* the address as last saved; NULL: new */
  gboolean     placed_by_hand;   /* household.lat/lon were set on the map */
  GPtrArray   *persons;          /* SmCaseDraftPerson */
  GPtrArray   *needs;            /* SmCaseDraftNeed */
  GPtrArray   *assessments;      /* SmCaseDraftAssessment */
} SmCaseDraft;

typedef struct {
  gint64            household_id;
  SmGeocodeQuality  geocoded;    /* what the geocoder found; NONE when not asked */
  SmCaseField       field;       /* on failure: the field at fault, if one is */
  guint             index;       /* its person, need or assessment */
} SmCaseSaveResult;

SmCaseDraft      *sm_case_draft_new          (void);
void              sm_case_draft_free         (SmCaseDraft       *draft);
SmCaseDraftPerson *sm_case_draft_add_person  (SmCaseDraft       *draft);
SmCaseDraftNeed  *sm_case_draft_add_need     (SmCaseDraft       *draft);
SmCaseDraftAssessment *sm_case_draft_add_assessment (SmCaseDraft *draft);

gboolean          sm_case_draft_save         (SmCaseDraft       *draft,
                                              SmStore           *store,
                                              SmGeocoder        *geocoder,
                                              SmCaseSaveResult  *result,
                                              GError           **error);

/* The rules the draft's save and import share. */
char             *sm_case_full_address       (const SmHousehold *household);
SmGeocodeResult  *sm_case_place_by_address   (SmGeocoder        *geocoder,
                                              SmHousehold       *household);
gboolean          sm_case_needs_review       (const SmGeocodeResult *result);
gboolean          sm_case_update_review      (SmStore           *store,
                                              gint64             household_id,
                                              const SmGeocodeResult *result,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCaseDraft, sm_case_draft_free)

G_END_DECLS
