#define G_LOG_DOMAIN "sm-model"

#include "config.h"

#include <string.h>

#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-model.h"

/* The words the database and the files use: the enum's nicks. */
const char *
sm_geocode_quality_to_string (SmGeocodeQuality quality)
{
  const char *nick = sm_enum_to_nick (SM_TYPE_GEOCODE_QUALITY, quality);

  g_return_val_if_fail (nick != NULL, "none");
  return nick;
}

gboolean
sm_geocode_quality_from_string (const char       *text,
                                SmGeocodeQuality *out)
{
  int value;

  if (!sm_enum_parse (SM_TYPE_GEOCODE_QUALITY, text, &value))
    return FALSE;
  *out = (SmGeocodeQuality) value;
  return TRUE;
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

const char *
sm_localized_name (const char *name_hu,
                   const char *name_en)
{
  return sm_locale_is_hungarian () ? name_hu : name_en;
}

gboolean
sm_locale_is_hungarian (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "hu");
}
