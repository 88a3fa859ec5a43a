#define G_LOG_DOMAIN "sm-model"

#include "config.h"

#include <string.h>

#include "sm-model.h"

static const char * const quality_names[] = {
  [SM_GEOCODE_NONE] = "none",
  [SM_GEOCODE_SETTLEMENT] = "settlement",
  [SM_GEOCODE_SETTLEMENT_PART] = "settlement_part",
  [SM_GEOCODE_STREET] = "street",
  [SM_GEOCODE_INTERPOLATED] = "interpolated",
  [SM_GEOCODE_ADDRESS] = "address",
  [SM_GEOCODE_MANUAL] = "manual",
};

const char *
sm_geocode_quality_to_string (SmGeocodeQuality quality)
{
  g_return_val_if_fail (quality <= SM_GEOCODE_MANUAL, "none");

  return quality_names[quality];
}

gboolean
sm_geocode_quality_from_string (const char       *text,
                                SmGeocodeQuality *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (quality_names); i++)
    if (g_strcmp0 (text, quality_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

void
sm_settlement_part_free (SmSettlementPart *part)
{
  g_free (part->ksh_code);
  g_free (part->settlement);
  g_free (part->name);
  g_free (part->postal_code);
  g_free (part->kind);
  g_free (part->anchor_quality);
  g_free (part);
}

void
sm_boundary_record_free (SmBoundaryRecord *record)
{
  g_free (record->name);
  g_free (record->level);
  g_free (record->ksh_code);
  g_clear_pointer (&record->geometry, g_bytes_unref);
  g_free (record->source);
  g_free (record);
}

void
sm_household_clear (SmHousehold *household)
{
  g_clear_pointer (&household->address_raw, g_free);
  g_clear_pointer (&household->address_norm, g_free);
  g_clear_pointer (&household->postal_code, g_free);
  g_clear_pointer (&household->settlement, g_free);
  g_clear_pointer (&household->settlement_part, g_free);
}

void
sm_person_clear (SmPerson *person)
{
  g_clear_pointer (&person->family_name, g_free);
  g_clear_pointer (&person->given_name, g_free);
  g_clear_pointer (&person->sex, g_free);
  g_clear_pointer (&person->role, g_free);
}

void
sm_need_clear (SmNeed *need)
{
  g_clear_pointer (&need->category, g_free);
  g_clear_pointer (&need->assessed_on, g_free);
  g_clear_pointer (&need->resolved_on, g_free);
  g_clear_pointer (&need->note, g_free);
}

void
sm_elderly_assessment_clear (SmElderlyAssessment *assessment)
{
  g_clear_pointer (&assessment->assessed_on, g_free);
  g_clear_pointer (&assessment->mobility, g_free);
  g_clear_pointer (&assessment->last_visit_on, g_free);
  g_clear_pointer (&assessment->note, g_free);
}

#define DEFINE_FREE(Type, name)  \
  void                           \
  name##_free (Type *record)     \
  {                              \
    if (record == NULL)          \
      return;                    \
    name##_clear (record);       \
    g_free (record);             \
  }

DEFINE_FREE (SmHousehold, sm_household)
DEFINE_FREE (SmPerson, sm_person)
DEFINE_FREE (SmNeed, sm_need)
DEFINE_FREE (SmElderlyAssessment, sm_elderly_assessment)

gboolean
sm_locale_is_hungarian (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "hu");
}
