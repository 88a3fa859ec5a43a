#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include "sm-schema-private.h"

/* Schema 9, the service network: a service's HSDS status (defunct,
 * temporarily closed), its waiting list and capacity (HSDS 3.1
 * service_capacity), which service types answer which need categories,
 * the days a calendar of working days treats otherwise than Hungary's
 * weekdays and public holidays, and referrals from a case or a signal to
 * a service at a location with every step of their loop. */
static const char schema_v9[] =
  "ALTER TABLE service ADD COLUMN waiting_list INTEGER"
  "  CONSTRAINT waiting_list CHECK (waiting_list IS NULL OR waiting_list >= 0);"
  "ALTER TABLE service ADD COLUMN fees TEXT;"
  "CREATE TABLE service_capacity ("
  "  id INTEGER PRIMARY KEY,"
  "  service_id INTEGER NOT NULL REFERENCES service (id) ON DELETE CASCADE,"
  "  unit TEXT NOT NULL CHECK (length (trim (unit)) > 0),"
  "  available INTEGER NOT NULL CHECK (available >= 0),"
  "  maximum INTEGER CHECK (maximum IS NULL OR maximum >= available),"
  "  updated TEXT NOT NULL,"
  "  UNIQUE (service_id, unit));"
  "INSERT INTO service_type (code, law, branch, name_hu, name_en) VALUES"
  "  ('adossagkezeles', 'Szt', 'basic', 'Adósságkezelési szolgáltatás', 'Debt management service');"
  "CREATE TABLE need_service ("
  "  category_id INTEGER NOT NULL REFERENCES need_category (id) ON DELETE CASCADE,"
  "  service_type_id INTEGER NOT NULL REFERENCES service_type (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (category_id, service_type_id)) WITHOUT ROWID;"
  "INSERT INTO need_service (category_id, service_type_id)"
  "  SELECT c.id, t.id FROM (VALUES"
  "    ('lakhatas', 'csaladsegites'), ('lakhatas', 'adossagkezeles'),"
  "    ('lakhatas', 'csaladok_atmeneti_otthona'), ('lakhatas', 'tamogatott_lakhatas'),"
  "    ('jovedelem_adossag', 'csaladsegites'), ('jovedelem_adossag', 'adossagkezeles'),"
  "    ('munkanelkuliseg', 'csaladsegites'), ('munkanelkuliseg', 'csaladsegites_kozpont'),"
  "    ('gyermekvedelmi_kockazat', 'csaladsegites'), ('gyermekvedelmi_kockazat', 'csaladsegites_kozpont'),"
  "    ('gyermekvedelmi_kockazat', 'biztos_kezdet_gyerekhaz'), ('gyermekvedelmi_kockazat', 'bolcsode'),"
  "    ('gyermekvedelmi_kockazat', 'helyettes_szulo'), ('gyermekvedelmi_kockazat', 'gyermekek_atmeneti_otthona'),"
  "    ('idos_gondozas', 'etkeztetes'), ('idos_gondozas', 'hazi_segitsegnyujtas'),"
  "    ('idos_gondozas', 'jelzorendszeres_hazi_segitsegnyujtas'), ('idos_gondozas', 'nappali_ellatas_idosek'),"
  "    ('idos_gondozas', 'idoskoruak_atmeneti_otthona'), ('idos_gondozas', 'idosek_otthona'),"
  "    ('idos_gondozas', 'falugondnoki'), ('idos_gondozas', 'tanyagondnoki'),"
  "    ('egeszsegi_allapot', 'hazi_segitsegnyujtas'), ('egeszsegi_allapot', 'jelzorendszeres_hazi_segitsegnyujtas'),"
  "    ('egeszsegi_allapot', 'tamogato_szolgaltatas'),"
  "    ('fogyatekossag', 'tamogato_szolgaltatas'), ('fogyatekossag', 'nappali_ellatas_fogyatekos'),"
  "    ('fogyatekossag', 'fogyatekos_otthon'), ('fogyatekossag', 'lakootthon'),"
  "    ('szenvedelybetegseg', 'kozossegi_ellatas_szenvedelybeteg'),"
  "    ('szenvedelybetegseg', 'nappali_ellatas_szenvedelybeteg'), ('szenvedelybetegseg', 'szenvedelybeteg_otthon'),"
  "    ('hajlektalansag', 'utcai_szocialis_munka'), ('hajlektalansag', 'nappali_ellatas_hajlektalan'),"
  "    ('hajlektalansag', 'ejjeli_menedekhely'), ('hajlektalansag', 'hajlektalanok_atmeneti_szallasa'),"
  "    ('hajlektalansag', 'hajlektalan_otthon'),"
  "    ('elszigeteltseg', 'jelzorendszeres_hazi_segitsegnyujtas'), ('elszigeteltseg', 'nappali_ellatas_idosek'),"
  "    ('elszigeteltseg', 'hazi_segitsegnyujtas'), ('elszigeteltseg', 'falugondnoki'),"
  "    ('elszigeteltseg', 'tanyagondnoki'),"
  "    ('csaladon_beluli_eroszak', 'csaladsegites'), ('csaladon_beluli_eroszak', 'csaladsegites_kozpont'),"
  "    ('csaladon_beluli_eroszak', 'csaladok_atmeneti_otthona')) AS d"
  "  JOIN need_category c ON c.code = d.column1 JOIN service_type t ON t.code = d.column2;"
  "CREATE TABLE workday_exception ("
  "  day TEXT PRIMARY KEY,"
  "  workday INTEGER NOT NULL CHECK (workday IN (0, 1)),"
  "  name TEXT) WITHOUT ROWID;"
  "INSERT INTO deadline (name, days) VALUES ('referral_answer', 2);"
  "CREATE TABLE referral ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES household (id) ON DELETE CASCADE,"
  "  signal_id INTEGER REFERENCES signal (id) ON DELETE SET NULL,"
  "  case_id INTEGER REFERENCES case_file (id) ON DELETE SET NULL,"
  "  service_id INTEGER NOT NULL REFERENCES service (id),"
  "  location_id INTEGER REFERENCES location (id) ON DELETE SET NULL,"
  "  reason TEXT NOT NULL CHECK (length (trim (reason)) > 0),"
  "  urgency TEXT NOT NULL CHECK (urgency IN ('immediate', 'urgent', 'normal')),"
  "  consent INTEGER NOT NULL CHECK (consent IN (0, 1)),"
  "  consent_note TEXT,"
  "  state TEXT NOT NULL DEFAULT 'sent' CHECK"
  "    (state IN ('sent', 'accepted', 'declined', 'started', 'completed', 'withdrawn')),"
  "  sent_on TEXT NOT NULL,"
  "  sent_by TEXT NOT NULL CHECK (length (trim (sent_by)) > 0),"
  "  answered_on TEXT,"
  "  closed_on TEXT,"
  "  decline_reason TEXT CHECK (decline_reason IS NULL OR decline_reason IN"
  "    ('no_capacity', 'not_eligible', 'could_not_contact', 'client_declined', 'referred_elsewhere', 'other')),"
  "  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('got_help', 'partly', 'not_helped')),"
  "  capacity_available INTEGER,"
  "  waiting_list INTEGER,"
  "  synthetic INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),"
  "  CHECK (consent = 1 OR length (trim (consent_note)) > 0),"
  "  CHECK ((state = 'declined') = (decline_reason IS NOT NULL)),"
  "  CHECK ((state = 'completed') = (outcome IS NOT NULL)));"
  "CREATE INDEX referral_household ON referral (household_id);"
  "CREATE INDEX referral_service ON referral (service_id, state);"
  "CREATE TABLE referral_need ("
  "  referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,"
  "  category_id INTEGER NOT NULL REFERENCES need_category (id),"
  "  PRIMARY KEY (referral_id, category_id)) WITHOUT ROWID;"
  "CREATE TABLE referral_step ("
  "  id INTEGER PRIMARY KEY,"
  "  referral_id INTEGER NOT NULL REFERENCES referral (id) ON DELETE CASCADE,"
  "  from_state TEXT, to_state TEXT NOT NULL,"
  "  on_day TEXT NOT NULL,"
  "  by_whom TEXT NOT NULL CHECK (length (trim (by_whom)) > 0),"
  "  note TEXT);"
  "CREATE INDEX referral_step_referral ON referral_step (referral_id);";

/* The service table's status check, widened in place to HSDS's statuses:
 * the rows already there satisfy the wider check, so the table is not
 * rebuilt (which would also empty the tables that point at it). */
static const char service_status_v9[] =
  "PRAGMA writable_schema = ON;"
  "UPDATE sqlite_schema SET sql = replace (sql, '''inactive'', ''planned'')',"
  "  '''inactive'', ''planned'', ''defunct'', ''temporarily_closed'')')"
  "  WHERE type = 'table' AND name = 'service';"
  "PRAGMA writable_schema = RESET;";

gboolean
_sm_schema_migrate_to_9 (sqlite3  *db,
                         GError  **error)
{
  return _sm_schema_exec (db, service_status_v9, error) && _sm_schema_exec (db, schema_v9, error);
}
