/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-cases"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-case-draft.h"
#include "sm-date.h"
#include "sm-error.h"

static void
draft_person_free (SmCaseDraftPerson *p)
{
  sm_person_clear (&p->person);
  g_free (p->birth_year_text);
  g_free (p);
}

static void
draft_need_free (SmCaseDraftNeed *n)
{
  sm_need_clear (&n->need);
  g_free (n);
}

static void
draft_assessment_free (SmCaseDraftAssessment *a)
{
  sm_elderly_assessment_clear (&a->assessment);
  g_free (a);
}

/**
 * sm_case_draft_new:
 *
 * An empty draft: a new household. Strings put into its records are owned
 * by the draft.
 */
SmCaseDraft *
sm_case_draft_new (void)
{
  SmCaseDraft *draft = g_new0 (SmCaseDraft, 1);

  draft->persons = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_person_free);
  draft->needs = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_need_free);
  draft->assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) draft_assessment_free);
  return draft;
}

void
sm_case_draft_free (SmCaseDraft *draft)
{
  if (draft == NULL)
    return;
  sm_household_clear (&draft->household);
  g_free (draft->saved_address);
  g_ptr_array_unref (draft->persons);
  g_ptr_array_unref (draft->needs);
  g_ptr_array_unref (draft->assessments);
  g_free (draft);
}

SmCaseDraftPerson *
sm_case_draft_add_person (SmCaseDraft *draft)
{
  SmCaseDraftPerson *p = g_new0 (SmCaseDraftPerson, 1);

  g_ptr_array_add (draft->persons, p);
  return p;
}

SmCaseDraftNeed *
sm_case_draft_add_need (SmCaseDraft *draft)
{
  SmCaseDraftNeed *n = g_new0 (SmCaseDraftNeed, 1);

  g_ptr_array_add (draft->needs, n);
  return n;
}

SmCaseDraftAssessment *
sm_case_draft_add_assessment (SmCaseDraft *draft)
{
  SmCaseDraftAssessment *a = g_new0 (SmCaseDraftAssessment, 1);

  g_ptr_array_add (draft->assessments, a);
  return a;
}

static gboolean
filled (const char *text)
{
  return text != NULL && text[strspn (text, " \t")] != '\0';
}

/* --- the rules import shares ------------------------------------------ */

/**
 * sm_case_full_address:
 *
 * The address the geocoder is asked: "postal code settlement, address".
 */
char *
sm_case_full_address (const SmHousehold *h)
{
  gboolean postal = filled (h->postal_code), town = filled (h->settlement);

  return g_strdup_printf ("%s%s%s%s%s", postal ? h->postal_code : "", postal ? " " : "",
                          town ? h->settlement : "", town ? ", " : "", h->address_raw);
}

/**
 * sm_case_place_by_address:
 *
 * Looks the household's address up and, where it was found, places the
 * household there; a settlement or settlement part the record lacks is
 * taken from the address.
 *
 * Returns: (transfer full): what the geocoder found
 */
SmGeocodeResult *
sm_case_place_by_address (SmGeocoder  *geocoder,
                          SmHousehold *h)
{
  g_autofree char *full = sm_case_full_address (h);
  SmGeocodeResult *r = sm_geocoder_geocode (geocoder, full);

  if (r->quality != SM_GEOCODE_NONE)
    {
      h->has_location = TRUE;
      h->lat = r->lat;
      h->lon = r->lon;
      h->quality = r->quality;
    }
  if (!filled (h->settlement_part) && r->parsed->settlement_part != NULL)
    {
      g_free (h->settlement_part);
      h->settlement_part = g_strdup (r->parsed->settlement_part);
    }
  if (!filled (h->settlement) && r->parsed->settlement != NULL)
    {
      g_free (h->settlement);
      h->settlement = g_strdup (r->parsed->settlement);
    }
  return r;
}

/* A person should look at a household placed below street level, not
 * placed at all, or matched to one of several places. */
gboolean
sm_case_needs_review (const SmGeocodeResult *r)
{
  return r->quality < SM_GEOCODE_STREET || r->ambiguous;
}

/* Puts the household on the review list or takes it off, as @result says. */
gboolean
sm_case_update_review (SmStore                *store,
                       gint64                  household_id,
                       const SmGeocodeResult  *result,
                       GError                **error)
{
  return sm_case_needs_review (result) ? sm_review_add (store, household_id, result, error)
                                       : sm_store_remove_review (store, household_id, error);
}

/* --- saving ------------------------------------------------------------ */

static gboolean
refuse (SmCaseSaveResult  *result,
        SmCaseField        field,
        guint              index,
        GError           **error,
        const char        *message)
{
  result->field = field;
  result->index = index;
  g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, message);
  return FALSE;
}

/* A date as people write it ("2025.10.01.", "2025-10-01", "2025. 10. 1."):
 * the one parser import and the forms share; the field is then ISO. */
static gboolean
check_date_field (const char        *label,
                  char             **text,
                  SmCaseSaveResult  *result,
                  SmCaseField        field,
                  guint              index,
                  GError           **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *message = NULL;
  GDate date;

  if (sm_date_parse_any (*text != NULL ? *text : "", &date, &local))
    {
      g_free (*text);
      *text = sm_date_to_iso (&date);
      return TRUE;
    }
  message = g_strdup_printf ("%s: %s", label, local->message);
  return refuse (result, field, index, error, message);
}

static gboolean
save_assessments (SmCaseDraft       *draft,
                  SmStore           *store,
                  SmCaseSaveResult  *result,
                  GError           **error)
{
  for (guint i = 0; i < draft->assessments->len; i++)
    {
      SmCaseDraftAssessment *e = g_ptr_array_index (draft->assessments, i);

      if (e->removed)
        {
          if (e->assessment.id != 0 &&
              !sm_store_delete_elderly_assessment (store, e->assessment.id, error))
            return FALSE;
          continue;
        }
      if (!check_date_field (_("Assessed on"), &e->assessment.assessed_on, result,
                             SM_CASE_FIELD_ASSESSMENT_DATE, i, error))
        return FALSE;
      if (e->assessment.id == 0)
        {
          e->assessment.id = sm_store_add_elderly_assessment (store, &e->assessment, error);
          if (e->assessment.id == 0)
            return FALSE;
        }
      else if (!sm_store_update_elderly_assessment (store, &e->assessment, error))
        return FALSE;
    }
  return TRUE;
}

/* No one is born after this year. */
static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static gboolean
save_persons (SmCaseDraft       *draft,
              SmStore           *store,
              SmCaseSaveResult  *result,
              GError           **error)
{
  for (guint i = 0; i < draft->persons->len; i++)
    {
      SmCaseDraftPerson *e = g_ptr_array_index (draft->persons, i);
      const char *birth = e->birth_year_text != NULL ? e->birth_year_text : "";
      gint64 year = 0;

      if (e->removed)
        {
          if (e->person.id != 0 && !sm_store_delete_person (store, e->person.id, error))
            return FALSE;
          continue;
        }
      if (!filled (e->person.family_name))
        return refuse (result, SM_CASE_FIELD_PERSON_FAMILY_NAME, i, error,
                       _("Family name: fill it in"));
      if (*birth != '\0' && !g_ascii_string_to_signed (birth, 10, 1890, this_year (), &year, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("Birth year: “%s” is not a year between "
                                                        "1890 and %d"), birth, this_year ());
          return refuse (result, SM_CASE_FIELD_PERSON_BIRTH_YEAR, i, error, message);
        }
      e->person.birth_year = (int) year;
      e->person.household_id = draft->household.id;
      if (e->person.id == 0)
        {
          e->person.id = sm_store_add_person (store, &e->person, error);
          if (e->person.id == 0)
            return FALSE;
        }
      else if (!sm_store_update_person (store, &e->person, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_needs (SmCaseDraft       *draft,
            SmStore           *store,
            SmCaseSaveResult  *result,
            GError           **error)
{
  for (guint i = 0; i < draft->needs->len; i++)
    {
      SmCaseDraftNeed *e = g_ptr_array_index (draft->needs, i);
      SmNeed *n = &e->need;

      if (e->removed)
        {
          if (n->id != 0 && !sm_store_delete_need (store, n->id, error))
            return FALSE;
          continue;
        }
      if (!filled (n->resolved_on))
        g_clear_pointer (&n->resolved_on, g_free);
      if (!check_date_field (_("Assessed on"), &n->assessed_on, result, SM_CASE_FIELD_NEED_ASSESSED,
                             i, error) ||
          (n->resolved_on != NULL &&
           !check_date_field (_("Resolved on"), &n->resolved_on, result, SM_CASE_FIELD_NEED_RESOLVED,
                              i, error)))
        return FALSE;
      if (n->resolved_on != NULL && strcmp (n->resolved_on, n->assessed_on) < 0)
        return refuse (result, SM_CASE_FIELD_NEED_RESOLVED, i, error,
                       _("Resolved on: a need cannot be resolved before it was assessed"));
      n->household_id = draft->household.id;
      if (n->id == 0)
        {
          n->id = sm_store_add_need (store, n, error);
          if (n->id == 0)
            return FALSE;
        }
      else if (!sm_store_update_need (store, n, error))
        return FALSE;
    }
  return TRUE;
}

static void
keep_id (gint64   *id,
         GArray   *ids,
         guint    *k,
         gboolean  restore)
{
  if (restore)
    *id = g_array_index (ids, gint64, *k);
  else
    g_array_append_val (ids, *id);
  (*k)++;
}

/* The ids of the draft's records into @ids, or (@restore) back from it. */
static void
keep_ids (SmCaseDraft *draft,
          GArray      *ids,
          gboolean     restore)
{
  guint k = 0;

  for (guint i = 0; i < draft->persons->len; i++)
    keep_id (&((SmCaseDraftPerson *) g_ptr_array_index (draft->persons, i))->person.id,
             ids, &k, restore);
  for (guint i = 0; i < draft->needs->len; i++)
    keep_id (&((SmCaseDraftNeed *) g_ptr_array_index (draft->needs, i))->need.id, ids, &k, restore);
  for (guint i = 0; i < draft->assessments->len; i++)
    keep_id (&((SmCaseDraftAssessment *) g_ptr_array_index (draft->assessments, i))->assessment.id,
             ids, &k, restore);
}

/**
 * sm_case_draft_save:
 * @geocoder: (nullable): what places a changed address; %NULL: not placed
 *
 * Writes the draft as one action. A changed address (unless the place was
 * set by hand) is looked up and the household placed there; the review
 * list takes what could not be placed on a street and lets go of what was
 * placed by hand or found. On failure nothing is written, @error says why
 * and @result names the field at fault; new records' ids are then as
 * before.
 */
gboolean
sm_case_draft_save (SmCaseDraft       *draft,
                    SmStore           *store,
                    SmGeocoder        *geocoder,
                    SmCaseSaveResult  *result,
                    GError           **error)
{
  g_autoptr(SmGeocodeResult) geocoded = NULL;
  SmHousehold *h = &draft->household;
  gboolean is_new = h->id == 0;
  g_autoptr(GArray) ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  SmCaseSaveResult scratch;

  g_return_val_if_fail (draft != NULL && SM_IS_STORE (store), FALSE);

  if (result == NULL)
    result = &scratch;
  *result = (SmCaseSaveResult) { 0 };
  if (!filled (h->address_raw))
    return refuse (result, SM_CASE_FIELD_ADDRESS, 0, error, _("Address: fill it in"));
  /* A Hungarian postal code is four digits, 1000 to 9999. */
  if (filled (h->postal_code))
    {
      g_autofree char *code = g_strstrip (g_strdup (h->postal_code));
      guint64 number;

      if (strlen (code) != 4 || !g_ascii_string_to_unsigned (code, 10, 1000, 9999, &number, NULL))
        {
          g_autofree char *message = g_strdup_printf (_("Postal code: “%s” is not four digits from 1000 to 9999"),
                                                      h->postal_code);

          return refuse (result, SM_CASE_FIELD_POSTAL_CODE, 0, error, message);
        }
    }

  if (geocoder != NULL && !draft->placed_by_hand &&
      g_strcmp0 (h->address_raw, draft->saved_address) != 0)
    {
      geocoded = sm_case_place_by_address (geocoder, h);
      result->geocoded = geocoded->quality;
    }
  if (draft->placed_by_hand)
    h->quality = SM_GEOCODE_MANUAL;

  /* Remember which records are new: a failed save leaves them new. */
  keep_ids (draft, ids, FALSE);

  if (!sm_store_begin (store, error))
    return FALSE;
  if (is_new)
    {
      h->id = sm_store_add_household (store, h, error);
      if (h->id == 0)
        goto rollback;
    }
  else if (!sm_store_update_household (store, h, error) ||
           ((draft->placed_by_hand || (geocoded != NULL && geocoded->quality != SM_GEOCODE_NONE)) &&
            h->has_location &&
            !sm_store_set_household_location (store, h->id, h->lat, h->lon, h->quality, error)))
    goto rollback;
  if (draft->placed_by_hand && !sm_store_remove_review (store, h->id, error))
    goto rollback;
  if (geocoded != NULL && !sm_case_update_review (store, h->id, geocoded, error))
    goto rollback;
  /* Assessments first: a person removed takes theirs along. */
  if (!save_assessments (draft, store, result, error) || !save_persons (draft, store, result, error) ||
      !save_needs (draft, store, result, error))
    goto rollback;
  if (!sm_store_commit (store, error))
    goto undo_ids;

  result->household_id = h->id;
  g_free (draft->saved_address);
  draft->saved_address = g_strdup (h->address_raw);
  draft->placed_by_hand = FALSE;
  return TRUE;

rollback:
  sm_store_rollback (store);
undo_ids:
  if (is_new)
    h->id = 0;
  keep_ids (draft, ids, TRUE);
  return FALSE;
}
