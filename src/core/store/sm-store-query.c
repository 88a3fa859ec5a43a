#define G_LOG_DOMAIN "sm-query"

#include "config.h"

#include "sm-date.h"
#include "sm-query.h"
#include "sm-store-private.h"

/* Every need of a placed household, packed and sorted by household, is
 * small enough to hold in memory (about 40 bytes a need) and to scan in well
 * under a millisecond per 100,000 needs: faster than any index walk for the
 * filters the map asks, and it keeps the file small. The table is rebuilt
 * from the store when the store's generation moves. */

typedef struct {
  double  lon;
  double  lat;
  guint32 household;   /* index into CaseTable.households */
  gint32  category;
  gint32  first_day;   /* assessed */
  gint32  end_day;     /* resolved, or far in the future while open */
  gint32  severity;
} NeedRow;

/* What the household-level conditions of a filter look at. */
typedef struct {
  gint64  id;
  gint32  part;              /* index into CaseTable.parts, or -1 */
  guint32 persons;           /* recorded persons, once has_persons */
  guint32 first_birth;       /* into CaseTable.births */
  guint32 n_births;
  guint32 first_assessment;  /* into CaseTable.assessments */
  guint32 n_assessments;
} HouseholdRow;

typedef struct {
  gint64 person;
  gint32 day;
  gint32 flags;              /* SmElderlyFlags as recorded: lives alone, alarm */
} AssessmentRow;

typedef struct {
  guint64     generation;
  GArray     *rows;          /* NeedRow, by household */
  GArray     *households;    /* HouseholdRow, by id */
  GArray     *births;        /* gint32 birth years, by household */
  GArray     *assessments;   /* AssessmentRow, by household, person, day */
  GPtrArray  *parts;         /* settlement part names */
  GPtrArray  *part_settlements; /* the settlement of each of those */
  gboolean    has_details;   /* births and assessments loaded */
  gboolean    has_persons;   /* HouseholdRow.persons counted */
} CaseTable;

#define OPEN_END_DAY G_MAXINT32

static GQuark
case_table_quark (void)
{
  return g_quark_from_static_string ("sm-case-table");
}

static void
case_table_free (gpointer data)
{
  CaseTable *table = data;

  g_array_unref (table->rows);
  g_array_unref (table->households);
  g_array_unref (table->births);
  g_array_unref (table->assessments);
  g_ptr_array_unref (table->parts);
  g_ptr_array_unref (table->part_settlements);
  g_free (table);
}

/* Finds the household row of @id at or after *@cursor; the callers walk
 * ids in ascending order, so the whole load is one merge. */
static HouseholdRow *
advance_to (CaseTable *table,
            gint64     id,
            guint     *cursor)
{
  while (*cursor < table->households->len &&
         g_array_index (table->households, HouseholdRow, *cursor).id < id)
    (*cursor)++;
  if (*cursor < table->households->len &&
      g_array_index (table->households, HouseholdRow, *cursor).id == id)
    return &g_array_index (table->households, HouseholdRow, *cursor);
  return NULL;
}

static gboolean
load_households (SmStore    *store,
                 CaseTable  *table,
                 GError    **error)
{
  g_autoptr(GHashTable) part_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _sm_store_prepare (store, "SELECT id, settlement_part, ifnull(settlement, '') FROM household"
                                   " WHERE lat IS NOT NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *part = (const char *) sqlite3_column_text (stmt, 1);
      HouseholdRow row = { .id = sqlite3_column_int64 (stmt, 0), .part = -1 };
      gpointer index;

      if (part != NULL)
        {
          /* The same part name in two settlements is two parts. */
          g_autofree char *key = g_strdup_printf ("%s\x1f%s", sqlite3_column_text (stmt, 2), part);

          if (!g_hash_table_lookup_extended (part_index, key, NULL, &index))
            {
              index = GUINT_TO_POINTER (table->parts->len);
              g_ptr_array_add (table->parts, g_strdup (part));
              g_ptr_array_add (table->part_settlements,
                               g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
              g_hash_table_insert (part_index, g_steal_pointer (&key), index);
            }
          row.part = (gint32) GPOINTER_TO_UINT (index);
        }
      g_array_append_val (table->households, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

/* Birth years and elderly assessments, read the first time a filter asks
 * about age groups or assessments. */
static gboolean
load_household_details (SmStore    *store,
                        CaseTable  *table,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  guint cursor = 0;
  int rc;

  if (table->has_details)
    return TRUE;
  stmt = _sm_store_prepare (store, "SELECT household_id, birth_year FROM person"
                                   " WHERE birth_year IS NOT NULL ORDER BY household_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HouseholdRow *h = advance_to (table, sqlite3_column_int64 (stmt, 0), &cursor);
      gint32 year = sqlite3_column_int (stmt, 1);

      if (h == NULL)
        continue;
      if (h->n_births == 0)
        h->first_birth = table->births->len;
      h->n_births++;
      g_array_append_val (table->births, year);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  cursor = 0;
  stmt = _sm_store_prepare (store,
    "SELECT p.household_id, e.person_id,"
    " CAST(julianday(e.assessed_on) - 2440587.5 AS INTEGER), e.lives_alone, e.alarm_device"
    " FROM elderly_assessment e JOIN person p ON p.id = e.person_id"
    " ORDER BY p.household_id, e.person_id, e.assessed_on", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HouseholdRow *h = advance_to (table, sqlite3_column_int64 (stmt, 0), &cursor);
      AssessmentRow row = {
        .person = sqlite3_column_int64 (stmt, 1),
        .day = sqlite3_column_int (stmt, 2),
        .flags = (sqlite3_column_int (stmt, 3) ? SM_ELDERLY_LIVES_ALONE : 0) |
                 (sqlite3_column_int (stmt, 4) ? SM_ELDERLY_ALARM_DEVICE : 0),
      };

      if (h == NULL)
        continue;
      if (h->n_assessments == 0)
        h->first_assessment = table->assessments->len;
      h->n_assessments++;
      g_array_append_val (table->assessments, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  table->has_details = TRUE;
  return TRUE;

fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

/* Persons per household, read the first time a statistic asks. */
static gboolean
load_persons (SmStore    *store,
              CaseTable  *table,
              GError    **error)
{
  sqlite3_stmt *stmt;
  guint cursor = 0;
  int rc;

  if (table->has_persons)
    return TRUE;
  stmt = _sm_store_prepare (store, "SELECT household_id, count(*) FROM person"
                                   " GROUP BY household_id ORDER BY household_id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HouseholdRow *h = advance_to (table, sqlite3_column_int64 (stmt, 0), &cursor);

      if (h != NULL)
        h->persons = (guint32) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      return FALSE;
    }
  table->has_persons = TRUE;
  return TRUE;
}

static CaseTable *
get_case_table (SmStore  *store,
                GError  **error)
{
  CaseTable *table = g_object_get_qdata (G_OBJECT (store), case_table_quark ());
  guint64 generation = _sm_store_get_generation (store);
  sqlite3_stmt *stmt;
  guint cursor = 0;
  int rc;

  if (table != NULL && table->generation == generation)
    return table;

  table = g_new0 (CaseTable, 1);
  table->generation = generation;
  table->rows = g_array_new (FALSE, FALSE, sizeof (NeedRow));
  table->households = g_array_new (FALSE, FALSE, sizeof (HouseholdRow));
  table->births = g_array_new (FALSE, FALSE, sizeof (gint32));
  table->assessments = g_array_new (FALSE, FALSE, sizeof (AssessmentRow));
  table->parts = g_ptr_array_new_with_free_func (g_free);
  table->part_settlements = g_ptr_array_new_with_free_func (g_free);
  if (!load_households (store, table, error))
    goto fail;

  stmt = _sm_store_prepare (store,
    "SELECT n.household_id, h.lon, h.lat, n.category_id, n.severity,"
    " CAST(julianday(n.assessed_on) - 2440587.5 AS INTEGER),"
    " CAST(julianday(n.resolved_on) - 2440587.5 AS INTEGER)"
    " FROM need n JOIN household h ON h.id = n.household_id"
    " WHERE h.lat IS NOT NULL ORDER BY n.household_id", error);
  if (stmt == NULL)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NeedRow row = {
        .lon = sqlite3_column_double (stmt, 1),
        .lat = sqlite3_column_double (stmt, 2),
        .category = sqlite3_column_int (stmt, 3),
        .severity = sqlite3_column_int (stmt, 4),
        .first_day = sqlite3_column_int (stmt, 5),
        .end_day = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? OPEN_END_DAY
                                                                 : sqlite3_column_int (stmt, 6),
      };

      if (advance_to (table, sqlite3_column_int64 (stmt, 0), &cursor) == NULL)
        continue;
      row.household = cursor;
      g_array_append_val (table->rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      goto fail;
    }

  g_object_set_qdata_full (G_OBJECT (store), case_table_quark (), table, case_table_free);
  return table;

fail:
  case_table_free (table);
  return NULL;
}

typedef struct {
  gint32          part;        /* -1: any; -2: a part no household has */
  SmAgeGroups     age_groups;
  SmElderlyFlags  elderly;
  int             year;
  int             day;
} HouseholdCondition;

static gboolean
household_matches (const CaseTable          *table,
                   const HouseholdRow       *h,
                   const HouseholdCondition *c)
{
  if (c->part != -1 && h->part != c->part)
    return FALSE;

  if (c->age_groups != 0)
    {
      SmAgeGroups present = 0;

      for (guint i = 0; i < h->n_births; i++)
        {
          int age = c->year - g_array_index (table->births, gint32, h->first_birth + i);

          if (age < 0)
            continue;
          present |= age < 18 ? SM_AGE_CHILD : age < 65 ? SM_AGE_ADULT : SM_AGE_ELDERLY;
        }
      if ((present & c->age_groups) == 0)
        return FALSE;
    }

  if (c->elderly != 0)
    {
      const AssessmentRow *rows = &g_array_index (table->assessments, AssessmentRow,
                                                  h->first_assessment);
      gboolean found = FALSE;

      /* Each person's latest assessment on or before the day decides. */
      for (guint i = 0; i < h->n_assessments && !found; i++)
        {
          gboolean last_of_person;
          gint32 f;

          if (rows[i].day > c->day)
            continue;
          last_of_person = i + 1 == h->n_assessments || rows[i + 1].person != rows[i].person ||
                           rows[i + 1].day > c->day;
          if (!last_of_person)
            continue;
          f = rows[i].flags;
          found = (!(c->elderly & SM_ELDERLY_LIVES_ALONE) || (f & SM_ELDERLY_LIVES_ALONE)) &&
                  (!(c->elderly & SM_ELDERLY_ALARM_DEVICE) || (f & SM_ELDERLY_ALARM_DEVICE)) &&
                  (!(c->elderly & SM_ELDERLY_NO_ALARM) || !(f & SM_ELDERLY_ALARM_DEVICE));
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/**
 * sm_store_query:
 *
 * A need matches when its household lies inside the filter's box, its
 * category is chosen, it is at least as severe as asked, and its state on
 * the filter's day is the one asked: open (assessed on or before the day and
 * not resolved by it), resolved (on or before the day) or any (assessed on
 * or before the day). The household must also pass the filter's settlement
 * part, age group and elderly conditions.
 *
 * Returns: (transfer full): an array of #SmCaseHit, one per household with
 *   at least one matching need, in household order
 */
GArray *
sm_store_query (SmStore   *store,
                SmFilter  *filter,
                GError   **error)
{
  g_autoptr(GArray) hits = NULL;
  const GArray *cats = sm_filter_get_categories (filter);
  double west = -180, south = -90, east = 180, north = 90;
  guint64 category_mask = 0;
  gboolean all_categories = cats->len == 0;
  gboolean masked = TRUE;
  const NeedRow *rows;
  CaseTable *table;
  int day, min_severity;
  SmNeedStatus status;
  HouseholdCondition cond;
  gboolean has_cond;
  guint cond_household = G_MAXUINT;
  gboolean cond_result = TRUE;
  GDate as_of, since;
  int since_day;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);
  g_return_val_if_fail (SM_IS_FILTER (filter), NULL);

  table = get_case_table (store, error);
  if (table == NULL)
    return NULL;

  sm_filter_get_bbox (filter, &west, &south, &east, &north);
  sm_filter_get_as_of (filter, &as_of);
  day = sm_date_to_epoch_day (&as_of);
  since_day = sm_filter_get_since (filter, &since) ? sm_date_to_epoch_day (&since) : G_MININT32;
  min_severity = sm_filter_get_min_severity (filter);
  status = sm_filter_get_status (filter);
  cond = (HouseholdCondition) {
    .part = -1,
    .age_groups = sm_filter_get_age_groups (filter),
    .elderly = sm_filter_get_elderly_flags (filter),
    .year = g_date_get_year (&as_of),
    .day = day,
  };
  if (sm_filter_get_settlement_part (filter) != NULL)
    {
      guint index;

      cond.part = g_ptr_array_find_with_equal_func (table->parts,
                                                    sm_filter_get_settlement_part (filter),
                                                    g_str_equal, &index) ? (gint32) index : -2;
    }
  has_cond = cond.part != -1 || cond.age_groups != 0 || cond.elderly != 0;
  if ((cond.age_groups != 0 || cond.elderly != 0) && !load_household_details (store, table, error))
    return NULL;
  for (guint i = 0; i < cats->len; i++)
    {
      gint64 id = g_array_index (cats, gint64, i);
      if (id >= 0 && id < 64)
        category_mask |= G_GUINT64_CONSTANT (1) << id;
      else
        masked = FALSE;
    }

  hits = g_array_new (FALSE, FALSE, sizeof (SmCaseHit));
  rows = (const NeedRow *) table->rows->data;
  for (guint i = 0; i < table->rows->len; i++)
    {
      const NeedRow *r = &rows[i];
      SmCaseHit *last;
      gint64 household_id;

      if (r->severity < min_severity ||
          r->lon < west || r->lon > east || r->lat < south || r->lat > north)
        continue;
      if (r->first_day < since_day)
        continue;
      if (status == SM_NEED_OPEN ? (r->first_day > day || r->end_day <= day)
          : status == SM_NEED_RESOLVED ? r->end_day > day
          : r->first_day > day)
        continue;
      if (!all_categories &&
          !(masked ? (r->category < 64 && (category_mask >> r->category) & 1)
                   : sm_filter_has_category (filter, r->category)))
        continue;

      if (has_cond)
        {
          if (r->household != cond_household)
            {
              cond_household = r->household;
              cond_result = household_matches (table, &g_array_index (table->households,
                                                                      HouseholdRow,
                                                                      r->household), &cond);
            }
          if (!cond_result)
            continue;
        }

      household_id = g_array_index (table->households, HouseholdRow, r->household).id;
      last = hits->len ? &g_array_index (hits, SmCaseHit, hits->len - 1) : NULL;
      if (last != NULL && last->household_id == household_id)
        {
          last->n_needs++;
          if (r->category >= 0 && r->category < 64)
            last->categories |= G_GUINT64_CONSTANT (1) << r->category;
          if (r->severity > last->max_severity ||
              (r->severity == last->max_severity && r->category < last->main_category))
            {
              last->max_severity = r->severity;
              last->main_category = r->category;
            }
          continue;
        }

      SmCaseHit hit = {
        .household_id = household_id,
        .lat = r->lat,
        .lon = r->lon,
        .main_category = r->category,
        .max_severity = r->severity,
        .n_needs = 1,
        .categories = r->category >= 0 && r->category < 64 ? G_GUINT64_CONSTANT (1) << r->category : 0,
      };
      g_array_append_val (hits, hit);
    }
  return g_steal_pointer (&hits);
}

void
sm_service_point_free (SmServicePoint *point)
{
  g_free (point->name);
  g_free (point->services);
  g_free (point->branch);
  g_free (point->service_types);
  g_free (point->location_ids);
  g_free (point);
}

/**
 * sm_store_list_service_points:
 * @service_type: (nullable): a service type code; %NULL for all
 *
 * Returns: (transfer full) (element-type SmServicePoint): every place
 *   (locations within a metre are one place, however many providers
 *   share an address) with at least one active service of the type
 */
GPtrArray *
sm_store_list_service_points (SmStore     *store,
                              const char  *service_type,
                              GError     **error)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_service_point_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  stmt = _sm_store_prepare (store,
    "SELECT min (l.id), avg (l.lat), avg (l.lon),"
    " CASE WHEN count (DISTINCT l.id) = 1 THEN coalesce (min (l.name), min (o.name)) END,"
    " group_concat (s.name || CASE WHEN o.name IS NOT NULL AND o.name <> s.name THEN ' — ' || o.name ELSE '' END,"
    "   char(10)), min(t.branch), count (*), group_concat (DISTINCT t.code), group_concat (DISTINCT l.id)"
    " FROM location l"
    " JOIN service_at_location sl ON sl.location_id = l.id"
    " JOIN service s ON s.id = sl.service_id AND s.status = 'active'"
    " JOIN service_type t ON t.id = s.service_type_id"
    " LEFT JOIN organization o ON o.id = l.organization_id"
    " WHERE l.lat IS NOT NULL AND (?1 IS NULL OR t.code = ?1)"
    " GROUP BY round (l.lat, 5), round (l.lon, 5) ORDER BY min (l.id)", error);
  if (stmt == NULL)
    return NULL;
  _sm_bind_text_or_null (stmt, 1, service_type);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmServicePoint *point = g_new0 (SmServicePoint, 1);

      point->location_id = sqlite3_column_int64 (stmt, 0);
      point->lat = sqlite3_column_double (stmt, 1);
      point->lon = sqlite3_column_double (stmt, 2);
      point->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      point->services = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      point->branch = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      point->n_services = sqlite3_column_int (stmt, 6);
      point->service_types = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      point->location_ids = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (points, point);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&points);
}

void
sm_named_code_free (SmNamedCode *item)
{
  g_free (item->code);
  g_free (item->name);
  g_free (item);
}

static GPtrArray *
list_named_codes (SmStore       *store,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_named_code_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmNamedCode *item = g_new0 (SmNamedCode, 1);

      item->code = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      item->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (list, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _sm_store_set_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/**
 * sm_store_list_settlement_parts:
 *
 * Returns: (transfer full) (element-type SmNamedCode): the settlement parts
 *   households are recorded in; code and name are both the part's name
 */
GPtrArray *
sm_store_list_settlement_parts (SmStore  *store,
                                GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT DISTINCT settlement_part, settlement_part FROM household"
    " WHERE settlement_part IS NOT NULL ORDER BY 1", error);

  return stmt != NULL ? list_named_codes (store, stmt, error) : NULL;
}

/**
 * sm_store_list_service_types:
 *
 * Returns: (transfer full) (element-type SmNamedCode): the service types at
 *   least one service has, by name
 */
GPtrArray *
sm_store_list_service_types (SmStore   *store,
                             gboolean   hungarian,
                             GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT t.code, iif(?1, t.name_hu, t.name_en) FROM service_type t"
    " WHERE EXISTS (SELECT 1 FROM service s WHERE s.service_type_id = t.id) ORDER BY 2", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, hungarian);
  return list_named_codes (store, stmt, error);
}

/**
 * sm_store_list_all_service_types:
 *
 * Returns: (transfer full) (element-type SmNamedCode): every service type
 *   of the taxonomy, by name
 */
GPtrArray *
sm_store_list_all_service_types (SmStore   *store,
                                 gboolean   hungarian,
                                 GError   **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT code, iif(?1, name_hu, name_en) FROM service_type ORDER BY 2", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, hungarian);
  return list_named_codes (store, stmt, error);
}

/**
 * sm_store_get_hit_facts:
 * @hits: (element-type SmCaseHit): households a query gave
 *
 * sm_store_get_household_facts() for the households of @hits.
 *
 * Returns: (transfer full) (nullable): one entry per hit, in their order
 */
SmHouseholdFacts *
sm_store_get_hit_facts (SmStore  *store,
                        GArray   *hits,
                        GError  **error)
{
  g_autofree gint64 *ids = g_new (gint64, MAX (hits->len, 1));
  SmHouseholdFacts *facts = g_new0 (SmHouseholdFacts, MAX (hits->len, 1));

  for (guint i = 0; i < hits->len; i++)
    ids[i] = g_array_index (hits, SmCaseHit, i).household_id;
  if (!sm_store_get_household_facts (store, ids, hits->len, facts, error))
    {
      g_free (facts);
      return NULL;
    }
  return facts;
}

/**
 * sm_store_get_household_facts:
 * @ids: household ids, ascending or not
 * @facts: (out caller-allocates): @n_ids entries
 *
 * The settlement, settlement part and number of recorded persons of placed
 * households, from the table the queries use, without a query each. The
 * strings belong to the store and stay valid until its data change.
 */
gboolean
sm_store_get_household_facts (SmStore          *store,
                              const gint64     *ids,
                              guint             n_ids,
                              SmHouseholdFacts *facts,
                              GError          **error)
{
  CaseTable *table = get_case_table (store, error);

  if (table == NULL || !load_persons (store, table, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      guint lo = 0, hi = table->households->len;

      facts[i] = (SmHouseholdFacts) { NULL, NULL, 0 };
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (table->households, HouseholdRow, mid).id < ids[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < table->households->len && g_array_index (table->households, HouseholdRow, lo).id == ids[i])
        {
          const HouseholdRow *h = &g_array_index (table->households, HouseholdRow, lo);

          facts[i].persons = h->persons;
          if (h->part >= 0)
            {
              facts[i].settlement_part = g_ptr_array_index (table->parts, h->part);
              facts[i].settlement = g_ptr_array_index (table->part_settlements, h->part);
            }
        }
    }
  return TRUE;
}

/**
 * sm_store_get_need_span:
 *
 * The first and last day a need was assessed or resolved: the time
 * slider's range. Returns: %FALSE when there are no needs
 */
gboolean
sm_store_get_need_span (SmStore *store,
                        GDate   *first,
                        GDate   *last)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store,
    "SELECT min(assessed_on), max(max(assessed_on), coalesce(max(resolved_on), ''))"
    " FROM need", NULL);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    ok = sm_date_parse_iso ((const char *) sqlite3_column_text (stmt, 0), first, NULL) &&
         sm_date_parse_iso ((const char *) sqlite3_column_text (stmt, 1), last, NULL);
  sqlite3_reset (stmt);
  return ok;
}
