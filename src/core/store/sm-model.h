#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Plain records exchanged with the store. Strings are owned by the record;
 * clear them with the matching _clear() function. Dates are ISO strings. */

typedef enum {
  SM_GEOCODE_NONE,
  SM_GEOCODE_SETTLEMENT,
  SM_GEOCODE_SETTLEMENT_PART, /*< nick=settlement_part >*/
  SM_GEOCODE_STREET,
  SM_GEOCODE_INTERPOLATED,
  SM_GEOCODE_ADDRESS,
  SM_GEOCODE_MANUAL,
} SmGeocodeQuality;

const char       *sm_geocode_quality_to_string   (SmGeocodeQuality quality);
gboolean          sm_geocode_quality_from_string (const char       *text,
                                                  SmGeocodeQuality *out);

typedef struct {
  gint64            id;
  char             *address_raw;
  char             *address_norm;
  char             *postal_code;
  char             *settlement;
  char             *settlement_part;
  gboolean          has_location;
  double            lat;
  double            lon;
  SmGeocodeQuality  quality;
  gboolean          synthetic;
  gint64            created_at;    /* Unix seconds */
  gint64            updated_at;
} SmHousehold;

typedef struct {
  gint64    id;
  gint64    household_id;
  char     *family_name;
  char     *given_name;
  int       birth_year;          /* 0: unknown */
  char     *sex;                 /* "female", "male", "other" or NULL */
  char     *role;                /* "head", "partner", "child", … */
  gboolean  synthetic;
} SmPerson;

typedef struct {
  gint64    id;
  gint64    household_id;
  gint64    person_id;           /* 0: the need is the household's */
  char     *category;            /* category code, e.g. "lakhatas" */
  int       severity;            /* 1–3 */
  char     *assessed_on;
  char     *resolved_on;         /* NULL while open */
  char     *note;
  gboolean  synthetic;
} SmNeed;

typedef struct {
  gint64    id;
  gint64    person_id;
  char     *assessed_on;
  char     *mobility;            /* "independent", "limited", "assisted", "bedridden" */
  gboolean  lives_alone;
  gboolean  chronic_illness;
  gboolean  cognitive_decline;
  gboolean  alarm_device;
  gboolean  receives_meals;
  char     *last_visit_on;
  char     *note;
  gboolean  synthetic;
} SmElderlyAssessment;

typedef struct {
  gint64  id;
  char   *name;
  char   *kind;                  /* "municipal", "state", "church", "foundation", "ngo" */
  char   *email;
  char   *phone;
  char   *url;
  char   *description;
} SmOrganization;

typedef struct {
  gint64  id;
  gint64  organization_id;
  char   *service_type;          /* service type code */
  char   *name;
  char   *description;
  int     capacity;              /* -1: unknown */
  char   *eligibility;
  int     age_min;               /* -1: no limit */
  int     age_max;               /* -1: no limit */
  char   *status;                /* active, inactive, defunct, temporarily_closed, planned */
  char   *url;
  char   *fees;                  /* HSDS fees_description */
  char   *languages;             /* ISO 639-1 codes, comma separated ("hu,en,ro") */
  char   *contact_name;          /* the person to ask */
  char   *contact_phone;
  char   *contact_email;
} SmService;

typedef struct {
  gint64            id;
  gint64            organization_id;
  char             *name;
  char             *address_raw;
  char             *postal_code;
  char             *settlement;
  gboolean          has_location;
  double            lat;
  double            lon;
  SmGeocodeQuality  quality;
  char             *accessibility;  /* as people describe it: step-free entrance, lift… */
} SmLocation;

/* A settlement part of the KSH gazetteer: its population and an anchor
 * point inside it, where known. */
typedef struct {
  gint64    id;
  char     *ksh_code;
  char     *settlement;
  char     *name;
  char     *postal_code;
  char     *kind;                /* e.g. "Központi belterület" */
  gint64    population;          /* -1: unknown */
  gint64    dwellings;           /* -1: unknown */
  gboolean  has_anchor;
  double    anchor_lat;
  double    anchor_lon;
  char     *anchor_quality;
} SmSettlementPart;

void sm_settlement_part_free (SmSettlementPart *part);

/* A stored area as the store keeps it: its outline as ISO WKB in WGS 84
 * (lon/lat) with its box. */
typedef struct {
  gint64   id;
  char    *name;
  char    *level;                /* "settlement", "settlement_part", "district", … */
  char    *ksh_code;
  gint64   population;           /* -1: unknown */
  GBytes  *geometry;
  double   min_lon, min_lat, max_lon, max_lat;
  char    *source;
} SmBoundaryRecord;

void sm_boundary_record_free (SmBoundaryRecord *record);

void sm_household_clear (SmHousehold *household);
void sm_person_clear    (SmPerson    *person);
void sm_need_clear      (SmNeed      *need);
void sm_elderly_assessment_clear (SmElderlyAssessment *assessment);

/* For records allocated with g_new0(). */
void sm_household_free  (SmHousehold *household);
void sm_person_free     (SmPerson    *person);
void sm_need_free       (SmNeed      *need);
void sm_elderly_assessment_free  (SmElderlyAssessment *assessment);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmHousehold, sm_household_clear)

/* Whether names that the data holds in Hungarian and English should be
 * shown in Hungarian: the first language of the user's locale. */
gboolean sm_locale_is_hungarian (void);

/* A name the data holds in Hungarian and English, in the user's language. */
const char *sm_localized_name (const char *name_hu,
                               const char *name_en);

G_END_DECLS
