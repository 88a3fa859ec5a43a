/* A case's save without GTK: one action, checked values naming their
 * field, a changed address placed and the review list kept by its rule. */

#include "config.h"

#include <string.h>

#include "sm-basemap.h"
#include "sm-case-draft.h"
#include "sm-case-snapshot.h"
#include "sm-store-review.h"
#include "sm-error.h"
#include "sm-store-places.h"
#include "sm-test-util.h"

static char *tmpdir;

typedef struct {
  SmStore    *store;
  SmGeocoder *geocoder;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static int n;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("draft-%d.db", ++n);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "tata-streets-synthetic.osm", NULL);
  SmSettlementPart agostyan = { .ksh_code = (char *) "20127", .settlement = (char *) "Tata",
                                .name = (char *) "Agostyán", .postal_code = (char *) "2835",
                                .population = -1, .dwellings = -1, .has_anchor = TRUE,
                                .anchor_lat = 47.668727, .anchor_lon = 18.395977 };

  f->store = sm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (sm_basemap_import_osm (f->store, osm, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_cmpint (sm_store_add_settlement_part (f->store, &agostyan, &error), >, 0);
  g_assert_no_error (error);
  f->geocoder = sm_geocoder_new (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->geocoder);
  g_clear_object (&f->store);
}

static SmCaseDraft *
new_draft (const char *address)
{
  SmCaseDraft *draft = sm_case_draft_new ();
  SmCaseDraftPerson *p = sm_case_draft_add_person (draft);
  SmCaseDraftNeed *n = sm_case_draft_add_need (draft);

  draft->household.address_raw = g_strdup (address);
  draft->household.settlement = g_strdup ("Tata");
  p->person.family_name = g_strdup ("Kovács");
  p->person.given_name = g_strdup ("Anna");
  p->birth_year_text = g_strdup ("1948");
  n->need.category = g_strdup ("idos_gondozas");
  n->need.severity = 2;
  n->need.assessed_on = g_strdup ("2025-02-01");
  return draft;
}

/* A new household by an address on a known street: placed, not reviewed. */
static void
test_new_placed (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = new_draft ("Kossuth Lajos utca 5.");
  SmCaseSaveResult result;
  SmHousehold h = { 0 };

  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.household_id, >, 0);
  g_assert_cmpint (result.geocoded, ==, SM_GEOCODE_ADDRESS);
  g_assert_true (sm_store_get_household (f->store, result.household_id, &h, &error));
  g_assert_true (h.has_location);
  g_assert_cmpint (h.quality, ==, SM_GEOCODE_ADDRESS);
  sm_household_clear (&h);
  g_assert_cmpint (sm_store_count (f->store, "person"), ==, 1);
  g_assert_cmpint (sm_store_count (f->store, "need"), ==, 1);
  g_assert_cmpint (sm_store_count (f->store, "geocode_review"), ==, 0);

  /* Saving again without a change of address asks the geocoder nothing. */
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_cmpint (result.geocoded, ==, SM_GEOCODE_NONE);
  g_assert_cmpint (sm_store_count (f->store, "person"), ==, 1);
}

/* An address found only as a settlement part: placed there, the part
 * taken from the address, and put on the review list; placing it by hand
 * takes it off. */
static void
test_review_rule (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = new_draft ("Agostyán, Nincsilyen utca 4.");
  SmCaseSaveResult result;
  SmHousehold h = { 0 };

  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.geocoded, ==, SM_GEOCODE_SETTLEMENT_PART);
  g_assert_true (sm_store_get_household (f->store, result.household_id, &h, &error));
  g_assert_cmpstr (h.settlement_part, ==, "Agostyán");
  sm_household_clear (&h);
  g_assert_cmpint (sm_store_count (f->store, "geocode_review"), ==, 1);

  draft->placed_by_hand = TRUE;
  draft->household.lat = 47.6701;
  draft->household.lon = 18.3990;
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_cmpint (sm_store_count (f->store, "geocode_review"), ==, 0);
  g_assert_true (sm_store_get_household (f->store, result.household_id, &h, &error));
  g_assert_cmpint (h.quality, ==, SM_GEOCODE_MANUAL);
  g_assert_cmpfloat_with_epsilon (h.lat, 47.6701, 1e-9);
  sm_household_clear (&h);
}

/* A bad value names its field, and nothing is written: the new records
 * stay new. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(SmCaseDraft) draft = new_draft ("Kossuth Lajos utca 9.");
  SmCaseDraftNeed *n = g_ptr_array_index (draft->needs, 0);
  SmCaseDraftPerson *p = g_ptr_array_index (draft->persons, 0);
  SmCaseSaveResult result;

  {
    g_autoptr(GError) error = NULL;

    g_free (n->need.resolved_on);
    n->need.resolved_on = g_strdup ("2025-01-01");
    g_assert_false (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_assert_cmpint (result.field, ==, SM_CASE_FIELD_NEED_RESOLVED);
    g_assert_cmpuint (result.index, ==, 0);
    g_assert_cmpint (draft->household.id, ==, 0);
    g_assert_cmpint (p->person.id, ==, 0);
    g_assert_cmpint (n->need.id, ==, 0);
  }
  {
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&n->need.resolved_on, g_free);
    g_free (p->birth_year_text);
    p->birth_year_text = g_strdup ("1848");
    g_assert_false (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
    g_assert_cmpint (result.field, ==, SM_CASE_FIELD_PERSON_BIRTH_YEAR);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    /* Nobody is born next year. */
    g_free (p->birth_year_text);
    p->birth_year_text = g_strdup_printf ("%d", g_date_time_get_year (now) + 1);
    g_assert_false (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
    g_assert_cmpint (result.field, ==, SM_CASE_FIELD_PERSON_BIRTH_YEAR);
    g_free (p->birth_year_text);
    p->birth_year_text = g_strdup ("1948");
  }
  for (guint i = 0; i < 4; i++)
    {
      static const char * const codes[] = { "28909", "289", "0890", "28a0" };
      g_autoptr(GError) error = NULL;

      g_free (draft->household.postal_code);
      draft->household.postal_code = g_strdup (codes[i]);
      g_assert_false (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
      g_assert_cmpint (result.field, ==, SM_CASE_FIELD_POSTAL_CODE);
      g_assert_nonnull (strstr (error->message, codes[i]));
    }
  g_clear_pointer (&draft->household.postal_code, g_free);
  {
    g_autoptr(GError) error = NULL;

    g_free (draft->household.address_raw);
    draft->household.address_raw = g_strdup ("  ");
    g_assert_false (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
    g_assert_cmpint (result.field, ==, SM_CASE_FIELD_ADDRESS);
  }
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "person"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "need"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "geocode_review"), ==, 0);
}

/* A date as people write it, as import takes it: stored as ISO. */
static void
test_dates_as_written (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = new_draft ("Kossuth Lajos utca 7.");
  SmCaseDraftNeed *n = g_ptr_array_index (draft->needs, 0);
  SmCaseSaveResult result;
  g_autoptr(GPtrArray) needs = NULL;

  g_free (n->need.assessed_on);
  n->need.assessed_on = g_strdup ("2025.10.01.");
  n->need.resolved_on = g_strdup ("2025. 11. 3.");
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_no_error (error);
  needs = sm_store_list_needs (f->store, result.household_id, &error);
  g_assert_cmpuint (needs->len, ==, 1);
  g_assert_cmpstr (((SmNeed *) g_ptr_array_index (needs, 0))->assessed_on, ==, "2025-10-01");
  g_assert_cmpstr (((SmNeed *) g_ptr_array_index (needs, 0))->resolved_on, ==, "2025-11-03");
}

/* Removing a person and a need of a saved case. */
static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = new_draft ("Kossuth Lajos utca 5.");
  SmCaseSaveResult result;

  g_assert_true (sm_case_draft_save (draft, f->store, NULL, &result, &error));
  g_assert_cmpint (result.geocoded, ==, SM_GEOCODE_NONE);
  ((SmCaseDraftNeed *) g_ptr_array_index (draft->needs, 0))->removed = TRUE;
  ((SmCaseDraftPerson *) g_ptr_array_index (draft->persons, 0))->removed = TRUE;
  g_assert_true (sm_case_draft_save (draft, f->store, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (f->store, "person"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "need"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 1);
}


static SmPerson *
person_named (GPtrArray  *persons,
              const char *given)
{
  for (guint i = 0; i < persons->len; i++)
    if (g_strcmp0 (((SmPerson *) g_ptr_array_index (persons, i))->given_name, given) == 0)
      return g_ptr_array_index (persons, i);
  return NULL;
}

/* Undoing a save writes the case back as it was: the household's fields,
 * place and review row; people changed back, added ones deleted, a
 * removed one back with its assessment; the need as it was. Undoing a
 * household's first save deletes it; a household gone cannot be undone. */
static void
test_undo_save (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmCaseDraft) draft = new_draft ("Agostyán, Nincsilyen utca 4.");
  g_autoptr(SmCaseDraft) second = new_draft ("Kossuth Lajos utca 7.");
  g_autoptr(SmCaseSnapshot) before = NULL, unsaved = sm_case_snapshot_take (f->store, 0, NULL);
  g_autoptr(GPtrArray) persons = NULL, needs = NULL, assessments = NULL;
  g_autoptr(SmReviewRow) review = NULL, review_after = NULL;
  SmCaseDraftPerson *bela = sm_case_draft_add_person (draft), *added;
  SmCaseDraftAssessment *a;
  SmCaseDraftNeed *n;
  SmCaseSaveResult result;
  SmHousehold h = { 0 }, was = { 0 };
  gint64 anna_was, id, n_was;
  gboolean found;

  bela->person.family_name = g_strdup ("Kovács");
  bela->person.given_name = g_strdup ("Béla");
  bela->birth_year_text = g_strdup ("1946");
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  id = result.household_id;
  anna_was = ((SmCaseDraftPerson *) g_ptr_array_index (draft->persons, 0))->person.id;
  a = sm_case_draft_add_assessment (draft);
  a->assessment.person_id = anna_was;
  a->assessment.assessed_on = g_strdup ("2025-03-01");
  a->assessment.mobility = g_strdup ("limited");
  a->assessment.lives_alone = TRUE;
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_no_error (error);
  g_assert_true (sm_store_get_household (f->store, id, &was, &error));
  review = sm_store_get_review_row (f->store, id, &found, &error);
  g_assert_true (found);

  /* The save to undo: a new address (placed, off the review list), Anna
   * and her assessment removed, Béla renamed, the need made severe, a
   * person and a need added. */
  before = sm_case_snapshot_take (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sm_case_snapshot_get_household (before), ==, id);
  g_free (draft->household.address_raw);
  draft->household.address_raw = g_strdup ("Kossuth Lajos utca 5.");
  a->removed = TRUE;
  ((SmCaseDraftPerson *) g_ptr_array_index (draft->persons, 0))->removed = TRUE;
  g_free (bela->person.given_name);
  bela->person.given_name = g_strdup ("Béla Ferenc");
  n = g_ptr_array_index (draft->needs, 0);
  n_was = n->need.id;
  n->need.severity = 3;
  added = sm_case_draft_add_person (draft);
  added->person.family_name = g_strdup ("Kiss");
  added->person.given_name = g_strdup ("Dóra");
  n = sm_case_draft_add_need (draft);
  n->need.category = g_strdup ("lakhatas");
  n->need.severity = 1;
  n->need.assessed_on = g_strdup ("2025-04-01");
  g_assert_true (sm_case_draft_save (draft, f->store, f->geocoder, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result.geocoded, ==, SM_GEOCODE_ADDRESS);
  g_assert_cmpint (sm_store_count (f->store, "geocode_review"), ==, 0);
  g_assert_cmpint (sm_store_count (f->store, "elderly_assessment"), ==, 0);

  g_assert_true (sm_case_snapshot_restore (before, f->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (sm_store_get_household (f->store, id, &h, &error));
  g_assert_cmpstr (h.address_raw, ==, "Agostyán, Nincsilyen utca 4.");
  g_assert_cmpstr (h.settlement_part, ==, was.settlement_part);
  g_assert_cmpint (h.quality, ==, SM_GEOCODE_SETTLEMENT_PART);
  g_assert_cmpfloat (h.lat, ==, was.lat);
  g_assert_cmpfloat (h.lon, ==, was.lon);
  review_after = sm_store_get_review_row (f->store, id, &found, &error);
  g_assert_true (found);
  g_assert_cmpint (review_after->quality, ==, review->quality);
  g_assert_cmpfloat (review_after->score, ==, review->score);
  g_assert_cmpstr (review_after->details, ==, review->details);
  persons = sm_store_list_persons (f->store, id, &error);
  g_assert_cmpuint (persons->len, ==, 2);
  g_assert_nonnull (person_named (persons, "Anna"));
  g_assert_cmpint (person_named (persons, "Anna")->birth_year, ==, 1948);
  g_assert_cmpint (person_named (persons, "Béla")->id, ==, bela->person.id);
  g_assert_null (person_named (persons, "Dóra"));
  needs = sm_store_list_needs (f->store, id, &error);
  g_assert_cmpuint (needs->len, ==, 1);
  g_assert_cmpint (((SmNeed *) g_ptr_array_index (needs, 0))->id, ==, n_was);
  g_assert_cmpint (((SmNeed *) g_ptr_array_index (needs, 0))->severity, ==, 2);
  g_assert_cmpstr (((SmNeed *) g_ptr_array_index (needs, 0))->category, ==, "idos_gondozas");
  assessments = sm_store_list_assessments (f->store, id, &error);
  g_assert_cmpuint (assessments->len, ==, 1);
  g_assert_cmpint (((SmElderlyAssessment *) g_ptr_array_index (assessments, 0))->person_id, ==,
                   person_named (persons, "Anna")->id);
  g_assert_true (((SmElderlyAssessment *) g_ptr_array_index (assessments, 0))->lives_alone);
  g_assert_cmpstr (((SmElderlyAssessment *) g_ptr_array_index (assessments, 0))->mobility, ==, "limited");
  sm_household_clear (&h);
  sm_household_clear (&was);

  /* A household's first save, undone: it is gone; then nothing to undo. */
  g_assert_true (sm_case_draft_save (second, f->store, f->geocoder, &result, &error));
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 2);
  g_assert_true (sm_case_snapshot_restore (unsaved, f->store, result.household_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 1);
  g_assert_false (sm_case_snapshot_restore (unsaved, f->store, result.household_id, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (sm_store_count (f->store, "household"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = sm_test_make_dir ("sm-draft");
  g_test_add ("/case-draft/new-placed", Fixture, NULL, fixture_setup, test_new_placed, fixture_teardown);
  g_test_add ("/case-draft/review-rule", Fixture, NULL, fixture_setup, test_review_rule, fixture_teardown);
  g_test_add ("/case-draft/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  g_test_add ("/case-draft/dates-as-written", Fixture, NULL, fixture_setup, test_dates_as_written,
              fixture_teardown);
  g_test_add ("/case-draft/remove", Fixture, NULL, fixture_setup, test_remove, fixture_teardown);
  g_test_add ("/case-draft/undo-save", Fixture, NULL, fixture_setup, test_undo_save, fixture_teardown);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
