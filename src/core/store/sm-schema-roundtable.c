#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include "sm-schema-private.h"

#define IS_DATE(col) "(date(" col ") IS " col ")"

/* Schema 10, the social roundtable: its meetings (when, where, who took
 * part for which organization, the agenda, the minutes, the opinions
 * gathered by participant or anonymously, the decisions), the written
 * cooperation programme in versions of sections with who agreed to each
 * version and when, the programme's goals and actions (the owner
 * organization, the due day, the status, what they are about: areas,
 * services, need categories or a hotspot's extent, and their progress
 * notes) and the targets of the indicators that evaluate it. Participants
 * are professionals named as such; no client is ever named here. */
static const char schema_v10[] =
  "CREATE TABLE meeting ("
  "  id INTEGER PRIMARY KEY,"
  "  held_on TEXT NOT NULL CHECK " IS_DATE ("held_on") ","
  "  title TEXT NOT NULL CHECK (length (trim (title)) > 0),"
  "  place TEXT, agenda TEXT, minutes TEXT,"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)));"
  "CREATE INDEX meeting_held_on ON meeting (held_on);"
  "CREATE TABLE meeting_participant ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  "  person TEXT, role TEXT,"
  "  CHECK (organization_id IS NOT NULL OR length (trim (person)) > 0));"
  "CREATE INDEX meeting_participant_meeting ON meeting_participant (meeting_id);"
  "CREATE TABLE meeting_opinion ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  participant_id INTEGER REFERENCES meeting_participant (id) ON DELETE SET NULL,"
  "  topic TEXT NOT NULL CHECK (length (trim (topic)) > 0),"
  "  text TEXT NOT NULL CHECK (length (trim (text)) > 0));"
  "CREATE INDEX meeting_opinion_meeting ON meeting_opinion (meeting_id);"
  "CREATE TABLE meeting_decision ("
  "  id INTEGER PRIMARY KEY,"
  "  meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,"
  "  text TEXT NOT NULL CHECK (length (trim (text)) > 0),"
  "  action_id INTEGER REFERENCES programme_action (id) ON DELETE SET NULL);"
  "CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id);"
  "CREATE TABLE programme_version ("
  "  id INTEGER PRIMARY KEY,"
  "  number INTEGER NOT NULL UNIQUE CHECK (number > 0),"
  "  made_on TEXT NOT NULL CHECK " IS_DATE ("made_on") ","
  "  meeting_id INTEGER REFERENCES meeting (id) ON DELETE SET NULL,"
  "  note TEXT);"
  "CREATE TABLE programme_section ("
  "  id INTEGER PRIMARY KEY,"
  "  version_id INTEGER NOT NULL REFERENCES programme_version (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  title TEXT NOT NULL CHECK (length (trim (title)) > 0),"
  "  body TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (version_id, position));"
  "CREATE TABLE programme_agreement ("
  "  id INTEGER PRIMARY KEY,"
  "  version_id INTEGER NOT NULL REFERENCES programme_version (id) ON DELETE CASCADE,"
  "  organization_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  "  person TEXT,"
  "  agreed_on TEXT NOT NULL CHECK " IS_DATE ("agreed_on") ","
  "  CHECK (organization_id IS NOT NULL OR length (trim (person)) > 0));"
  "CREATE TABLE programme_goal ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length (trim (title)) > 0),"
  "  description TEXT);"
  "CREATE TABLE programme_action ("
  "  id INTEGER PRIMARY KEY,"
  "  goal_id INTEGER REFERENCES programme_goal (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL CHECK (length (trim (title)) > 0),"
  "  owner_id INTEGER REFERENCES organization (id) ON DELETE SET NULL,"
  "  due_on TEXT CHECK (due_on IS NULL OR " IS_DATE ("due_on") "),"
  "  status TEXT NOT NULL DEFAULT 'planned'"
  "    CHECK (status IN ('planned', 'in_progress', 'done', 'late', 'dropped')),"
  "  status_on TEXT NOT NULL CHECK " IS_DATE ("status_on") ","
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)));"
  "CREATE INDEX programme_action_goal ON programme_action (goal_id);"
  "CREATE TABLE programme_action_link ("
  "  id INTEGER PRIMARY KEY,"
  "  action_id INTEGER NOT NULL REFERENCES programme_action (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('area', 'service', 'category', 'hotspot')),"
  "  boundary_id INTEGER REFERENCES boundary (id) ON DELETE CASCADE,"
  "  service_id INTEGER REFERENCES service (id) ON DELETE CASCADE,"
  "  category_id INTEGER REFERENCES need_category (id) ON DELETE CASCADE,"
  "  west REAL, south REAL, east REAL, north REAL,"
  "  label TEXT,"
  "  CHECK ((kind = 'area') = (boundary_id IS NOT NULL)"
  "     AND (kind = 'service') = (service_id IS NOT NULL)"
  "     AND (kind = 'category') = (category_id IS NOT NULL)"
  "     AND (kind = 'hotspot') = (west IS NOT NULL AND south IS NOT NULL"
  "                               AND east > west AND north > south)));"
  "CREATE INDEX programme_action_link_action ON programme_action_link (action_id);"
  "CREATE TABLE programme_action_note ("
  "  id INTEGER PRIMARY KEY,"
  "  action_id INTEGER NOT NULL REFERENCES programme_action (id) ON DELETE CASCADE,"
  "  noted_on TEXT NOT NULL CHECK " IS_DATE ("noted_on") ","
  "  status TEXT CHECK (status IS NULL OR status IN ('planned', 'in_progress', 'done', 'late', 'dropped')),"
  "  text TEXT NOT NULL);"
  "CREATE INDEX programme_action_note_action ON programme_action_note (action_id);"
  "CREATE TABLE indicator_target ("
  "  indicator TEXT PRIMARY KEY,"
  "  target REAL NOT NULL,"
  "  baseline REAL,"
  "  by_day TEXT CHECK (by_day IS NULL OR " IS_DATE ("by_day") "));";

gboolean
_sm_schema_migrate_to_10 (sqlite3  *db,
                          GError  **error)
{
  return _sm_schema_exec (db, schema_v10, error);
}
