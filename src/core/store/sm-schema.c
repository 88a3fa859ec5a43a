#define G_LOG_DOMAIN "sm-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-error.h"
#include "sm-schema-private.h"

/* Each step takes the file from version N-1 to N and is never edited once
 * released: a change to the schema is a new step. */

/* Change times are Unix seconds: a text stamp on every row of a large town
 * costs more space than the rest of a person's record. */
#define NOW "(unixepoch())"
#define STAMPS \
  "created_at INTEGER NOT NULL DEFAULT " NOW ", " \
  "updated_at INTEGER NOT NULL DEFAULT " NOW
#define IS_DATE(col) "(date(" col ") IS " col ")"

static const char schema_v1[] =
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE need_category ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CONSTRAINT code CHECK (length(code) > 0),"
  "  name_hu TEXT NOT NULL,"
  "  name_en TEXT NOT NULL,"
  "  color TEXT NOT NULL CONSTRAINT color CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),"
  "  sort_order INTEGER NOT NULL DEFAULT 0,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)));"

  "CREATE TABLE service_type ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  law TEXT NOT NULL CHECK (law IN ('Szt', 'Gyvt')),"
  "  branch TEXT NOT NULL CHECK (branch IN ('basic', 'specialised', 'child_welfare',"
  "                                         'child_day_care', 'child_temporary')),"
  "  name_hu TEXT NOT NULL,"
  "  name_en TEXT NOT NULL);"

  "CREATE TABLE settlement_part ("
  "  id INTEGER PRIMARY KEY,"
  "  ksh_code TEXT NOT NULL,"
  "  settlement TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  postal_code TEXT,"
  "  kind TEXT,"
  "  population INTEGER CHECK (population IS NULL OR population >= 0),"
  "  dwellings INTEGER,"
  "  anchor_lat REAL,"
  "  anchor_lon REAL,"
  "  anchor_quality TEXT,"
  "  UNIQUE (settlement, name));"

  "CREATE TABLE household ("
  "  id INTEGER PRIMARY KEY,"
  "  address_raw TEXT NOT NULL CONSTRAINT address CHECK (length(trim(address_raw)) > 0),"
  "  address_norm TEXT,"
  "  postal_code TEXT,"
  "  settlement TEXT,"
  "  settlement_part TEXT,"
  "  lat REAL CONSTRAINT lat CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
  "  lon REAL CONSTRAINT lon CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),"
  "  geocode_quality TEXT NOT NULL DEFAULT 'none' CONSTRAINT geocode_quality CHECK"
  "    (geocode_quality IN ('none', 'settlement', 'settlement_part', 'street',"
  "                         'interpolated', 'address', 'manual')),"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),"
  "  " STAMPS ","
  "  CONSTRAINT location CHECK ((lat IS NULL) = (lon IS NULL)));"

  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  family_name TEXT NOT NULL CONSTRAINT family_name CHECK (length(trim(family_name)) > 0),"
  "  given_name TEXT NOT NULL,"
  "  birth_year INTEGER CONSTRAINT birth_year CHECK (birth_year IS NULL OR birth_year BETWEEN 1890 AND 2100),"
  "  sex TEXT CONSTRAINT sex CHECK (sex IS NULL OR sex IN ('female', 'male', 'other')),"
  "  role TEXT NOT NULL DEFAULT 'other' CONSTRAINT role CHECK"
  "    (role IN ('head', 'partner', 'child', 'parent', 'grandchild', 'relative', 'other')),"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),"
  "  " STAMPS ");"
  "CREATE INDEX person_household ON person (household_id);"

  "CREATE TABLE need ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  person_id INTEGER REFERENCES person (id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES need_category (id),"
  "  severity INTEGER NOT NULL CONSTRAINT severity CHECK (severity BETWEEN 1 AND 3),"
  "  assessed_on TEXT NOT NULL CONSTRAINT assessed_on CHECK " IS_DATE ("assessed_on") ","
  "  resolved_on TEXT CONSTRAINT resolved_on CHECK (resolved_on IS NULL OR"
  "    (" IS_DATE ("resolved_on") " AND resolved_on >= assessed_on)),"
  "  note TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),"
  "  " STAMPS ");"
  "CREATE INDEX need_household ON need (household_id);"
  "CREATE INDEX need_person ON need (person_id);"
  "CREATE TRIGGER need_person_check_insert BEFORE INSERT ON need"
  "  WHEN NEW.person_id IS NOT NULL AND NOT EXISTS"
  "    (SELECT 1 FROM person WHERE id = NEW.person_id AND household_id = NEW.household_id)"
  "  BEGIN SELECT RAISE (ABORT, 'person_id: the person does not belong to the household'); END;"
  "CREATE TRIGGER need_person_check_update BEFORE UPDATE OF person_id, household_id ON need"
  "  WHEN NEW.person_id IS NOT NULL AND NOT EXISTS"
  "    (SELECT 1 FROM person WHERE id = NEW.person_id AND household_id = NEW.household_id)"
  "  BEGIN SELECT RAISE (ABORT, 'person_id: the person does not belong to the household'); END;"

  "CREATE TABLE elderly_assessment ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,"
  "  assessed_on TEXT NOT NULL CONSTRAINT assessed_on CHECK " IS_DATE ("assessed_on") ","
  "  mobility TEXT NOT NULL CONSTRAINT mobility CHECK"
  "    (mobility IN ('independent', 'limited', 'assisted', 'bedridden')),"
  "  lives_alone INTEGER NOT NULL CHECK (lives_alone IN (0, 1)),"
  "  chronic_illness INTEGER NOT NULL CHECK (chronic_illness IN (0, 1)),"
  "  cognitive_decline INTEGER NOT NULL CHECK (cognitive_decline IN (0, 1)),"
  "  alarm_device INTEGER NOT NULL CHECK (alarm_device IN (0, 1)),"
  "  receives_meals INTEGER NOT NULL CHECK (receives_meals IN (0, 1)),"
  "  last_visit_on TEXT CONSTRAINT last_visit_on CHECK (last_visit_on IS NULL OR " IS_DATE ("last_visit_on") "),"
  "  note TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),"
  "  " STAMPS ");"
  "CREATE INDEX elderly_assessment_person ON elderly_assessment (person_id);"

  "CREATE TABLE organization ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),"
  "  kind TEXT NOT NULL CONSTRAINT kind CHECK"
  "    (kind IN ('municipal', 'state', 'church', 'foundation', 'ngo')),"
  "  email TEXT, phone TEXT, url TEXT, description TEXT,"
  "  " STAMPS ");"

  "CREATE TABLE service ("
  "  id INTEGER PRIMARY KEY,"
  "  organization_id INTEGER NOT NULL REFERENCES organization (id) ON DELETE CASCADE,"
  "  service_type_id INTEGER NOT NULL REFERENCES service_type (id),"
  "  name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),"
  "  description TEXT,"
  "  capacity INTEGER CONSTRAINT capacity CHECK (capacity IS NULL OR capacity >= 0),"
  "  eligibility TEXT,"
  "  age_min INTEGER CONSTRAINT age_min CHECK (age_min IS NULL OR age_min >= 0),"
  "  age_max INTEGER CONSTRAINT age_max CHECK (age_max IS NULL OR age_min IS NULL OR age_max >= age_min),"
  "  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT status CHECK"
  "    (status IN ('active', 'inactive', 'planned')),"
  "  url TEXT,"
  "  " STAMPS ");"
  "CREATE INDEX service_organization ON service (organization_id);"

  "CREATE TABLE location ("
  "  id INTEGER PRIMARY KEY,"
  "  organization_id INTEGER REFERENCES organization (id) ON DELETE CASCADE,"
  "  name TEXT,"
  "  address_raw TEXT,"
  "  postal_code TEXT,"
  "  settlement TEXT,"
  "  lat REAL CONSTRAINT lat CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
  "  lon REAL CONSTRAINT lon CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),"
  "  geocode_quality TEXT NOT NULL DEFAULT 'none',"
  "  " STAMPS ","
  "  CONSTRAINT location CHECK ((lat IS NULL) = (lon IS NULL)));"

  "CREATE TABLE service_at_location ("
  "  id INTEGER PRIMARY KEY,"
  "  service_id INTEGER NOT NULL REFERENCES service (id) ON DELETE CASCADE,"
  "  location_id INTEGER NOT NULL REFERENCES location (id) ON DELETE CASCADE,"
  "  UNIQUE (service_id, location_id));"

  "CREATE TABLE boundary ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CONSTRAINT name CHECK (length(trim(name)) > 0),"
  "  level TEXT NOT NULL CONSTRAINT level CHECK (level IN ('country', 'region', 'county', 'jaras',"
  "    'settlement', 'settlement_part', 'district', 'other')),"
  "  ksh_code TEXT,"
  "  population INTEGER CONSTRAINT population CHECK (population IS NULL OR population >= 0),"
  "  geometry BLOB NOT NULL,"
  "  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,"
  "  source TEXT,"
  "  " STAMPS ");"
  "CREATE INDEX boundary_name ON boundary (name);";

/* Kept by the trigger one row at a time; a large import drops it, packs the
 * index once (_sm_store_pack_household_rtree) and creates it again. */
#define HOUSEHOLD_RTREE_TRIGGER \
  "CREATE TRIGGER household_rtree_insert AFTER INSERT ON household WHEN NEW.lat IS NOT NULL BEGIN" \
  "  INSERT INTO household_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat);" \
  "END;"

const char _sm_schema_household_rtree_trigger[] = HOUSEHOLD_RTREE_TRIGGER;

/* The spatial indexes of every placed point and area, and the history of
 * needs. */
static const char schema_v2[] =
  "CREATE VIRTUAL TABLE household_rtree USING rtree ("
  "  id, min_lon, max_lon, min_lat, max_lat);"
  "CREATE VIRTUAL TABLE location_rtree USING rtree ("
  "  id, min_lon, max_lon, min_lat, max_lat);"
  "CREATE VIRTUAL TABLE boundary_rtree USING rtree ("
  "  id, min_lon, max_lon, min_lat, max_lat);"

  "INSERT INTO household_rtree SELECT id, lon, lon, lat, lat FROM household WHERE lat IS NOT NULL;"
  "INSERT INTO location_rtree SELECT id, lon, lon, lat, lat FROM location WHERE lat IS NOT NULL;"
  "INSERT INTO boundary_rtree SELECT id, min_lon, max_lon, min_lat, max_lat FROM boundary;"

  HOUSEHOLD_RTREE_TRIGGER
  "CREATE TRIGGER household_rtree_move AFTER UPDATE OF lat, lon ON household BEGIN"
  "  DELETE FROM household_rtree WHERE id = OLD.id;"
  "  INSERT INTO household_rtree SELECT NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat"
  "    WHERE NEW.lat IS NOT NULL;"
  "END;"
  "CREATE TRIGGER household_rtree_delete AFTER DELETE ON household BEGIN"
  "  DELETE FROM household_rtree WHERE id = OLD.id;"
  "END;"

  "CREATE TRIGGER location_rtree_insert AFTER INSERT ON location WHEN NEW.lat IS NOT NULL BEGIN"
  "  INSERT INTO location_rtree VALUES (NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat);"
  "END;"
  "CREATE TRIGGER location_rtree_move AFTER UPDATE OF lat, lon ON location BEGIN"
  "  DELETE FROM location_rtree WHERE id = OLD.id;"
  "  INSERT INTO location_rtree SELECT NEW.id, NEW.lon, NEW.lon, NEW.lat, NEW.lat"
  "    WHERE NEW.lat IS NOT NULL;"
  "END;"
  "CREATE TRIGGER location_rtree_delete AFTER DELETE ON location BEGIN"
  "  DELETE FROM location_rtree WHERE id = OLD.id;"
  "END;"

  "CREATE TRIGGER boundary_rtree_insert AFTER INSERT ON boundary BEGIN"
  "  INSERT INTO boundary_rtree VALUES (NEW.id, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);"
  "END;"
  "CREATE TRIGGER boundary_rtree_update AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat ON boundary BEGIN"
  "  UPDATE boundary_rtree SET min_lon = NEW.min_lon, max_lon = NEW.max_lon,"
  "    min_lat = NEW.min_lat, max_lat = NEW.max_lat WHERE id = NEW.id;"
  "END;"
  "CREATE TRIGGER boundary_rtree_delete AFTER DELETE ON boundary BEGIN"
  "  DELETE FROM boundary_rtree WHERE id = OLD.id;"
  "END;"

  /* What a need looked like before each change, so an edit of severity or
   * category made later does not rewrite what the map showed back then. */
  "CREATE TABLE need_history ("
  "  id INTEGER PRIMARY KEY,"
  "  need_id INTEGER NOT NULL,"
  "  change TEXT NOT NULL CHECK (change IN ('update', 'delete')),"
  "  changed_at TEXT NOT NULL DEFAULT " NOW ","
  "  household_id INTEGER, person_id INTEGER, category_id INTEGER, severity INTEGER,"
  "  assessed_on TEXT, resolved_on TEXT, note TEXT);"
  "CREATE INDEX need_history_need ON need_history (need_id);"
  "CREATE TRIGGER need_history_update AFTER UPDATE ON need BEGIN"
  "  INSERT INTO need_history (need_id, change, household_id, person_id, category_id, severity,"
  "    assessed_on, resolved_on, note) VALUES (OLD.id, 'update', OLD.household_id, OLD.person_id,"
  "    OLD.category_id, OLD.severity, OLD.assessed_on, OLD.resolved_on, OLD.note);"
  "END;"
  "CREATE TRIGGER need_history_delete AFTER DELETE ON need BEGIN"
  "  INSERT INTO need_history (need_id, change, household_id, person_id, category_id, severity,"
  "    assessed_on, resolved_on, note) VALUES (OLD.id, 'delete', OLD.household_id, OLD.person_id,"
  "    OLD.category_id, OLD.severity, OLD.assessed_on, OLD.resolved_on, OLD.note);"
  "END;";

typedef struct {
  const char *code;
  const char *name_hu;
  const char *name_en;
  const char *color;
} CategorySeed;

/* The categories of ../DOMAIN.md; users may rename, recolour or add. */
static const CategorySeed categories[] = {
  { "lakhatas", "Lakhatás", "Housing", "#e6194b" },
  { "jovedelem_adossag", "Jövedelem, adósság", "Income and debt", "#f58231" },
  { "munkanelkuliseg", "Munkanélküliség", "Unemployment", "#ffe119" },
  { "gyermekvedelmi_kockazat", "Gyermekvédelmi kockázat", "Child at risk", "#911eb4" },
  { "idos_gondozas", "Idős gondozási szükséglet", "Elderly care need", "#4363d8" },
  { "egeszsegi_allapot", "Egészségi állapot", "Health", "#3cb44b" },
  { "fogyatekossag", "Fogyatékosság", "Disability", "#46f0f0" },
  { "szenvedelybetegseg", "Szenvedélybetegség", "Addiction", "#9a6324" },
  { "hajlektalansag", "Hajléktalanság", "Homelessness", "#000075" },
  { "elszigeteltseg", "Elszigeteltség", "Isolation", "#808000" },
  { "csaladon_beluli_eroszak", "Családon belüli erőszak", "Domestic violence", "#800000" },
};

typedef struct {
  const char *code;
  const char *law;
  const char *branch;
  const char *name_hu;
  const char *name_en;
} ServiceTypeSeed;

/* Szt. 57. § and Gyvt. service types. */
static const ServiceTypeSeed service_types[] = {
  { "falugondnoki", "Szt", "basic", "Falugondnoki szolgáltatás", "Village caretaker service" },
  { "tanyagondnoki", "Szt", "basic", "Tanyagondnoki szolgáltatás", "Farmstead caretaker service" },
  { "etkeztetes", "Szt", "basic", "Étkeztetés", "Meals" },
  { "hazi_segitsegnyujtas", "Szt", "basic", "Házi segítségnyújtás", "Home help" },
  { "jelzorendszeres_hazi_segitsegnyujtas", "Szt", "basic", "Jelzőrendszeres házi segítségnyújtás",
    "Alarm-based home help" },
  { "kozossegi_ellatas_pszichiatriai", "Szt", "basic", "Közösségi ellátás pszichiátriai betegeknek",
    "Community care for psychiatric patients" },
  { "kozossegi_ellatas_szenvedelybeteg", "Szt", "basic", "Közösségi ellátás szenvedélybetegeknek",
    "Community care for addicts" },
  { "tamogato_szolgaltatas", "Szt", "basic", "Támogató szolgáltatás", "Support service" },
  { "utcai_szocialis_munka", "Szt", "basic", "Utcai szociális munka", "Street social work" },
  { "nappali_ellatas_idosek", "Szt", "basic", "Nappali ellátás (idősek)", "Day care for the elderly" },
  { "nappali_ellatas_fogyatekos", "Szt", "basic", "Nappali ellátás (fogyatékos személyek)",
    "Day care for people with disabilities" },
  { "nappali_ellatas_pszichiatriai", "Szt", "basic", "Nappali ellátás (pszichiátriai betegek)",
    "Day care for psychiatric patients" },
  { "nappali_ellatas_szenvedelybeteg", "Szt", "basic", "Nappali ellátás (szenvedélybetegek)",
    "Day care for addicts" },
  { "nappali_ellatas_hajlektalan", "Szt", "basic", "Nappali ellátás (hajléktalan személyek)",
    "Day care for homeless people" },
  { "idosek_otthona", "Szt", "specialised", "Idősek otthona", "Residential home for the elderly" },
  { "fogyatekos_otthon", "Szt", "specialised", "Fogyatékos személyek otthona",
    "Residential home for people with disabilities" },
  { "pszichiatriai_otthon", "Szt", "specialised", "Pszichiátriai betegek otthona",
    "Residential home for psychiatric patients" },
  { "szenvedelybeteg_otthon", "Szt", "specialised", "Szenvedélybetegek otthona",
    "Residential home for addicts" },
  { "hajlektalan_otthon", "Szt", "specialised", "Hajléktalan személyek otthona",
    "Residential home for homeless people" },
  { "rehabilitacios_intezmeny", "Szt", "specialised", "Rehabilitációs intézmény",
    "Rehabilitation institution" },
  { "tamogatott_lakhatas", "Szt", "specialised", "Támogatott lakhatás", "Supported housing" },
  { "lakootthon", "Szt", "specialised", "Lakóotthon", "Group home" },
  { "gondozohaz", "Szt", "specialised", "Gondozóház", "Temporary care home" },
  { "idoskoruak_atmeneti_otthona", "Szt", "specialised", "Időskorúak átmeneti otthona",
    "Temporary home for the elderly" },
  { "ejjeli_menedekhely", "Szt", "specialised", "Éjjeli menedékhely", "Night shelter" },
  { "hajlektalanok_atmeneti_szallasa", "Szt", "specialised", "Hajléktalanok átmeneti szállása",
    "Temporary hostel for homeless people" },
  { "csaladsegites", "Gyvt", "child_welfare", "Család- és gyermekjóléti szolgálat",
    "Family and child welfare service" },
  { "csaladsegites_kozpont", "Gyvt", "child_welfare", "Család- és gyermekjóléti központ",
    "Family and child welfare centre" },
  { "bolcsode", "Gyvt", "child_day_care", "Bölcsőde", "Nursery" },
  { "mini_bolcsode", "Gyvt", "child_day_care", "Mini bölcsőde", "Mini nursery" },
  { "csaladi_bolcsode", "Gyvt", "child_day_care", "Családi bölcsőde", "Family nursery" },
  { "munkahelyi_bolcsode", "Gyvt", "child_day_care", "Munkahelyi bölcsőde", "Workplace nursery" },
  { "napkozbeni_gyermekfelugyelet", "Gyvt", "child_day_care", "Napközbeni gyermekfelügyelet",
    "Daytime childminding" },
  { "alternativ_napkozbeni_ellatas", "Gyvt", "child_day_care", "Alternatív napközbeni ellátás",
    "Alternative day care" },
  { "biztos_kezdet_gyerekhaz", "Gyvt", "child_day_care", "Biztos Kezdet Gyerekház",
    "Sure Start children's house" },
  { "helyettes_szulo", "Gyvt", "child_temporary", "Helyettes szülő", "Substitute parent" },
  { "gyermekek_atmeneti_otthona", "Gyvt", "child_temporary", "Gyermekek átmeneti otthona",
    "Temporary home for children" },
  { "csaladok_atmeneti_otthona", "Gyvt", "child_temporary", "Családok átmeneti otthona",
    "Temporary home for families" },
};

gboolean
_sm_schema_exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL,
                   _("Cannot update the database structure: %s"), msg);
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

static gboolean
seed_v1 (sqlite3  *db,
         GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  sqlite3_prepare_v2 (db, "INSERT INTO need_category (code, name_hu, name_en, color, sort_order)"
                          " VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; ok && i < G_N_ELEMENTS (categories); i++)
    {
      sqlite3_bind_text (stmt, 1, categories[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, categories[i].name_hu, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, categories[i].name_en, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, categories[i].color, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 5, (int) i + 1);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "INSERT INTO service_type (code, law, branch, name_hu, name_en)"
                          " VALUES (?, ?, ?, ?, ?)", -1, &stmt, NULL);
  for (guint i = 0; ok && i < G_N_ELEMENTS (service_types); i++)
    {
      sqlite3_bind_text (stmt, 1, service_types[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, service_types[i].law, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, service_types[i].branch, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, service_types[i].name_hu, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, service_types[i].name_en, -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  if (!ok)
    g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL,
                 _("Cannot seed the taxonomies: %s"), sqlite3_errmsg (db));
  return ok;
}

static gboolean
migrate_to_1 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v1, error) && seed_v1 (db, error);
}

static gboolean
migrate_to_2 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v2, error);
}

/* The local basemap: features of an imported OpenStreetMap extract, their
 * geometry packed as Web Mercator integers (see sm-basemap.c), found through
 * an R*Tree over longitude, latitude and the first zoom that draws them; and
 * the addresses the same extract carries, for the geocoder. */
static const char schema_v3[] =
  "CREATE TABLE basemap_feature ("
  "  id INTEGER PRIMARY KEY,"
  "  class INTEGER NOT NULL,"
  "  name TEXT,"
  "  geom BLOB NOT NULL);"

  "CREATE VIRTUAL TABLE basemap_rtree USING rtree ("
  "  id, min_lon, max_lon, min_lat, max_lat, min_zoom, max_zoom);"

  "CREATE TABLE basemap_address ("
  "  id INTEGER PRIMARY KEY,"
  "  street TEXT,"
  "  housenumber TEXT NOT NULL,"
  "  postcode TEXT,"
  "  city TEXT,"
  "  lat REAL NOT NULL,"
  "  lon REAL NOT NULL);"
  "CREATE INDEX basemap_address_street ON basemap_address (street);";

static gboolean
migrate_to_3 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v3, error);
}

/* Geocoding: addresses from an address register beside those of the
 * basemap, the households whose place needs a person's look, and the column
 * mappings remembered per file layout. */
static const char schema_v4[] =
  "ALTER TABLE basemap_address ADD COLUMN source TEXT NOT NULL DEFAULT 'osm';"

  "CREATE TABLE geocode_review ("
  "  household_id INTEGER PRIMARY KEY REFERENCES household (id) ON DELETE CASCADE,"
  "  quality TEXT NOT NULL,"
  "  score REAL NOT NULL,"
  "  candidates TEXT,"
  "  created_at INTEGER NOT NULL DEFAULT " NOW ");"

  "CREATE TABLE import_layout ("
  "  signature TEXT PRIMARY KEY,"
  "  mapping TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL DEFAULT " NOW ") WITHOUT ROWID;";

static gboolean
migrate_to_4 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v4, error);
}

/* Erasure erases: a deleted household takes the history of its needs with
 * it, and the history left by households deleted earlier goes now. */
static const char schema_v5[] =
  "DROP TRIGGER need_history_delete;"
  "CREATE TRIGGER need_history_delete AFTER DELETE ON need"
  "  WHEN EXISTS (SELECT 1 FROM household WHERE id = OLD.household_id) BEGIN"
  "  INSERT INTO need_history (need_id, change, household_id, person_id, category_id, severity,"
  "    assessed_on, resolved_on, note) VALUES (OLD.id, 'delete', OLD.household_id, OLD.person_id,"
  "    OLD.category_id, OLD.severity, OLD.assessed_on, OLD.resolved_on, OLD.note);"
  "END;"
  "CREATE INDEX need_history_household ON need_history (household_id);"
  "CREATE TRIGGER household_erase AFTER DELETE ON household BEGIN"
  "  DELETE FROM need_history WHERE household_id = OLD.id;"
  "END;"
  "DELETE FROM need_history"
  "  WHERE household_id NOT IN (SELECT id FROM household);";

static gboolean
migrate_to_5 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v5, error);
}

/* Tunnels, bridges and layer=*: the level a feature is drawn at (0 on
 * the ground, below it negative, above positive). */
static const char schema_v6[] =
  "ALTER TABLE basemap_feature ADD COLUMN level INTEGER NOT NULL DEFAULT 0;";

static gboolean
migrate_to_6 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v6, error);
}

/* The signalling system (jelzőrendszer): its members' kinds with their
 * duty to signal a child at risk (Gyvt. 17. § (1)) and an adult in need
 * (Szt. 64. § (2): must or may), the signals, the needs they name, and
 * every step of their life. */
static const char schema_v7[] =
  "CREATE TABLE signal_member_kind ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  name_hu TEXT NOT NULL, name_en TEXT NOT NULL,"
  "  child_duty TEXT CHECK (child_duty IS NULL OR child_duty = 'must'),"
  "  adult_duty TEXT CHECK (adult_duty IS NULL OR adult_duty IN ('must', 'may')));"
  "INSERT INTO signal_member_kind (code, name_hu, name_en, child_duty, adult_duty) VALUES"
  "  ('vedono', 'Védőnő', 'Health visitor', 'must', 'must'),"
  "  ('haziorvos', 'Háziorvos', 'General practitioner', 'must', 'must'),"
  "  ('gyermekorvos', 'Házi gyermekorvos', 'Paediatrician', 'must', NULL),"
  "  ('szemelyes_gondoskodas', 'Személyes gondoskodást nyújtó szolgáltató', 'Personal care provider', 'must', 'must'),"
  "  ('ovoda', 'Óvoda', 'Kindergarten', 'must', NULL),"
  "  ('iskola', 'Iskola', 'School', 'must', NULL),"
  "  ('rendorseg', 'Rendőrség', 'Police', 'must', NULL),"
  "  ('ugyeszseg', 'Ügyészség', 'Prosecutor', 'must', NULL),"
  "  ('birosag', 'Bíróság', 'Court', 'must', NULL),"
  "  ('partfogo', 'Pártfogó felügyelői szolgálat', 'Probation service', 'must', 'must'),"
  "  ('aldozatsegito', 'Áldozatsegítő szervezet', 'Victim support', 'must', NULL),"
  "  ('menekultugyi', 'Menekültügyi befogadó állomás', 'Refugee reception centre', 'must', NULL),"
  "  ('civil_egyhazi', 'Egyesület, alapítvány, egyházi jogi személy', 'Association, foundation or church', 'must', 'may'),"
  "  ('foglalkoztatas_felugyelet', 'Foglalkoztatás-felügyeleti hatóság', 'Labour inspectorate', 'must', NULL),"
  "  ('javitointezet', 'Javítóintézet', 'Juvenile correctional institution', 'must', NULL),"
  "  ('gyermekjogi_kepviselo', 'Gyermekjogi képviselő', 'Children''s rights representative', 'must', NULL),"
  "  ('kormanyhivatal', 'Kormányhivatal', 'Government office', 'must', NULL),"
  "  ('allami_fenntarto', 'Állami fenntartó', 'State maintainer', 'must', NULL),"
  "  ('jegyzo', 'Jegyző', 'Notary', 'must', 'must'),"
  "  ('gyamhivatal', 'Gyámhivatal', 'Guardianship office', 'must', NULL),"
  "  ('bv_intezet', 'Büntetés-végrehajtási intézet', 'Prison', 'must', NULL),"
  "  ('jarasi_hivatal', 'Járási hivatal', 'District office', NULL, 'must'),"
  "  ('jogi_segitseg', 'Jogi segítségnyújtó szolgálat', 'Legal-aid service', NULL, 'must'),"
  "  ('maganszemely', 'Magánszemély', 'Private person', NULL, 'may');"
  "CREATE TABLE signal ("
  "  id INTEGER PRIMARY KEY,"
  "  received_at TEXT NOT NULL,"
  "  member_kind_id INTEGER REFERENCES signal_member_kind (id),"
  "  organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  "  signaller TEXT,"
  "  anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1)),"
  "  channel TEXT NOT NULL CHECK (channel IN ('written', 'email', 'phone', 'in_person')),"
  "  household_id INTEGER REFERENCES household (id) ON DELETE SET NULL,"
  "  about TEXT NOT NULL CHECK (length (trim (about)) > 0),"
  "  urgency TEXT NOT NULL CHECK (urgency IN ('immediate', 'urgent', 'normal')),"
  "  state TEXT NOT NULL DEFAULT 'received' CHECK (state IN ('received', 'assessed', 'case_opened',"
  "    'referred', 'in_care', 'unfounded', 'answered')),"
  "  answer TEXT, answered_on TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX signal_state ON signal (state);"
  "CREATE INDEX signal_household ON signal (household_id);"
  "CREATE TABLE signal_need ("
  "  signal_id INTEGER NOT NULL REFERENCES signal (id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES need_category (id),"
  "  PRIMARY KEY (signal_id, category_id));"
  "CREATE TABLE signal_step ("
  "  id INTEGER PRIMARY KEY,"
  "  signal_id INTEGER NOT NULL REFERENCES signal (id) ON DELETE CASCADE,"
  "  from_state TEXT NOT NULL, to_state TEXT NOT NULL,"
  "  at TEXT NOT NULL, by_whom TEXT NOT NULL CHECK (length (trim (by_whom)) > 0), note TEXT);"
  "CREATE INDEX signal_step_signal ON signal_step (signal_id);";

static gboolean
migrate_to_7 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v7, error);
}

/* The signalling system's members may be edited, with a contact person and
 * how they signal; an organization may be a member. The deadlines a
 * service works to, in days. A case's file and its stages, the
 * interventions (also on a hotspot area) and the case conferences. */
static const char schema_v8[] =
  "ALTER TABLE signal_member_kind ADD COLUMN contact TEXT;"
  "ALTER TABLE signal_member_kind ADD COLUMN how TEXT;"
  "ALTER TABLE organization ADD COLUMN member_kind_id INTEGER REFERENCES signal_member_kind (id);"
  "ALTER TABLE signal ADD COLUMN organization TEXT;"
  "CREATE INDEX signal_received ON signal (received_at);"
  "CREATE TABLE deadline ("
  "  name TEXT PRIMARY KEY,"
  "  days INTEGER NOT NULL CHECK (days BETWEEN 0 AND 3650));"
  "INSERT INTO deadline (name, days) VALUES"
  "  ('assess_immediate', 0), ('assess_urgent', 1), ('assess_normal', 5),"
  "  ('answer_immediate', 5), ('answer_urgent', 10), ('answer_normal', 15),"
  "  ('case_assessment', 30), ('case_review', 180);"
  "CREATE TABLE case_file ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  signal_id INTEGER REFERENCES signal (id) ON DELETE SET NULL,"
  "  stage TEXT NOT NULL DEFAULT 'opened' CHECK (stage IN ('opened', 'assessment', 'plan', 'in_care', 'closed')),"
  "  caseworker TEXT NOT NULL CHECK (length (trim (caseworker)) > 0),"
  "  opened_on TEXT NOT NULL, stage_since TEXT NOT NULL, reviewed_on TEXT, closed_on TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX case_file_household ON case_file (household_id);"
  "CREATE TABLE case_step ("
  "  id INTEGER PRIMARY KEY,"
  "  case_id INTEGER NOT NULL REFERENCES case_file (id) ON DELETE CASCADE,"
  "  from_stage TEXT NOT NULL, to_stage TEXT NOT NULL,"
  "  at TEXT NOT NULL, by_whom TEXT NOT NULL CHECK (length (trim (by_whom)) > 0), note TEXT);"
  "CREATE INDEX case_step_case ON case_step (case_id);"
  "CREATE TABLE intervention ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE CASCADE,"
  "  area TEXT, area_lat REAL, area_lon REAL,"
  "  family TEXT NOT NULL CHECK (family IN ('housing', 'administrative', 'guardianship', 'service')),"
  "  kind TEXT NOT NULL,"
  "  on_date TEXT NOT NULL,"
  "  organization TEXT NOT NULL CHECK (length (trim (organization)) > 0),"
  "  outcome TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0,"
  "  CHECK ((household_id IS NULL) <> (area IS NULL)),"
  "  CHECK ((area_lat IS NULL) = (area_lon IS NULL)));"
  "CREATE INDEX intervention_household ON intervention (household_id);"
  "CREATE TABLE conference ("
  "  id INTEGER PRIMARY KEY,"
  "  held_on TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('discussion', 'conference')),"
  "  participants TEXT NOT NULL CHECK (length (trim (participants)) > 0),"
  "  notes TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE conference_subject ("
  "  conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,"
  "  household_id INTEGER REFERENCES household (id) ON DELETE CASCADE,"
  "  signal_id INTEGER REFERENCES signal (id) ON DELETE CASCADE,"
  "  CHECK ((household_id IS NULL) <> (signal_id IS NULL)));"
  "CREATE INDEX conference_subject_conference ON conference_subject (conference_id);"
  "CREATE TABLE conference_decision ("
  "  id INTEGER PRIMARY KEY,"
  "  conference_id INTEGER NOT NULL REFERENCES conference (id) ON DELETE CASCADE,"
  "  decision TEXT NOT NULL CHECK (length (trim (decision)) > 0),"
  "  owner TEXT NOT NULL CHECK (length (trim (owner)) > 0),"
  "  due_on TEXT NOT NULL);";

static gboolean
migrate_to_8 (sqlite3  *db,
              GError  **error)
{
  return _sm_schema_exec (db, schema_v8, error);
}

typedef gboolean (*MigrationFunc) (sqlite3 *db, GError **error);

static const MigrationFunc migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
  migrate_to_5,
  migrate_to_6,
  migrate_to_7,
  migrate_to_8,
  _sm_schema_migrate_to_9,
  _sm_schema_migrate_to_10,
};

int
_sm_schema_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

int
_sm_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* Brings @db up to @target, each step in its own transaction so a failed
 * step leaves the file at the last good version. */
gboolean
_sm_schema_migrate (sqlite3  *db,
                    int       target,
                    GError  **error)
{
  int version = _sm_schema_get_version (db);

  if (version < 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The file is not a Social Map database: %s"), sqlite3_errmsg (db));
      return FALSE;
    }
  if (version > _sm_schema_latest_version ())
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("The database was written by a newer version of Social Map "
                     "(schema %d, this version knows %d)"),
                   version, _sm_schema_latest_version ());
      return FALSE;
    }

  while (version < target)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_sm_schema_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!migrations[version] (db, error) || !_sm_schema_exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      if (!_sm_schema_exec (db, "COMMIT", error))
        return FALSE;
      version++;
    }
  return TRUE;
}
