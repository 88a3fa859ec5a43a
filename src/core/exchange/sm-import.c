#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-import.h"
#include "sm-ogr-private.h"
#include "sm-case-draft.h"
#include "sm-store-basemap.h"

/* Every row is read and checked first; households then go in one
 * transaction, each in a savepoint of its own, so that a row the store
 * refuses is a rejected row like any other. With rejected rows and no
 * consent to leave them out, the transaction is rolled back: a file goes
 * in whole, or without its bad rows, or not at all. */

#define MAX_TEXT 1000     /* characters in an address, name or key */

static const char * const household_fields[] = {
  "household_key", "address", "postal_code", "settlement", "settlement_part", "x", "y",
  "family_name", "given_name", "birth_year", "sex", "role",
  "need_category", "need_severity", "need_assessed_on", "need_resolved_on", "need_note",
  "synthetic", NULL
};

static const char * const service_fields[] = {
  "organization", "organization_kind", "service_name", "service_type", "address",
  "postal_code", "settlement", "x", "y", "phone", "email", "url", NULL
};

static const char * const address_fields[] = {
  "street", "house_number", "postal_code", "settlement", "x", "y", NULL
};

/* Column names offices use, folded, for each field. */
static const struct {
  const char *field;
  const char *names;
} guesses[] = {
  { "household_key", "household id|household_id|haztartas|haztartas id|haztartas azonosito|csaladazonosito|ugyszam|household" },
  { "address", "address|cim|lakcim|lakohely|address raw|utca hazszam" },
  { "postal_code", "postal code|postcode|zip|iranyitoszam|irsz|ir sz" },
  { "settlement", "settlement|city|town|telepules|varos" },
  { "settlement_part", "settlement part|telepulesresz|varosresz|kerulet" },
  { "x", "x|lon|lng|longitude|hosszusag|eov x|eovx|keleti" },
  { "y", "y|lat|latitude|szelesseg|eov y|eovy|eszaki" },
  { "family_name", "family name|surname|last name|csaladi nev|vezeteknev|csaladnev" },
  { "given_name", "given name|first name|utonev|keresztnev" },
  { "birth_year", "birth year|year of birth|szuletesi ev|szul ev" },
  { "sex", "sex|gender|nem" },
  { "role", "role|szerep|rokoni kapcsolat" },
  { "need_category", "need category|category|need|szukseglet|kategoria|problema" },
  { "need_severity", "need severity|severity|sulyossag|sulyos" },
  { "need_assessed_on", "need assessed on|assessed on|assessed|date|felmeres|felmeres datuma|datum|kezdete" },
  { "need_resolved_on", "need resolved on|resolved on|resolved|lezaras|lezaras datuma|megoldva" },
  { "need_note", "note|megjegyzes" },
  { "synthetic", "synthetic|szintetikus" },
  { "organization", "organization|provider|szervezet|fenntarto|szolgaltato" },
  { "organization_kind", "organization kind|kind|tipus|fenntarto tipusa" },
  { "service_name", "service name|name|nev|szolgaltatas neve" },
  { "service_type", "service type|service|szolgaltatas|szolgaltatas tipusa" },
  { "phone", "phone|telefon|tel" },
  { "street", "street|utca|kozterulet|kozterulet neve|utcanev|addr street" },
  { "house_number", "house number|housenumber|hazszam|hsz|addr housenumber" },
  { "email", "email|e mail" },
  { "url", "url|web|honlap|weboldal" },
};

const char * const *
sm_import_fields (SmImportTarget target)
{
  return target == SM_IMPORT_SERVICES ? service_fields
         : target == SM_IMPORT_ADDRESSES ? address_fields : household_fields;
}

/**
 * sm_import_guess_columns:
 *
 * Returns: (transfer full): field → column for the columns whose names say
 *   what they hold
 */
GHashTable *
sm_import_guess_columns (SmImportTarget      target,
                         const char * const *columns)
{
  GHashTable *mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char * const *fields = sm_import_fields (target);

  for (guint c = 0; columns[c] != NULL; c++)
    {
      g_autofree char *folded = sm_text_fold (columns[c]);

      g_strdelimit (folded, "_", ' ');
      for (guint g = 0; g < G_N_ELEMENTS (guesses); g++)
        {
          g_auto(GStrv) names = g_strsplit (guesses[g].names, "|", -1);

          if (g_strv_contains ((const char * const *) fields, guesses[g].field) &&
              g_strv_contains ((const char * const *) names, folded) &&
              !g_hash_table_contains (mapping, guesses[g].field))
            {
              g_hash_table_insert (mapping, g_strdup (guesses[g].field), g_strdup (columns[c]));
              break;
            }
        }
    }
  return mapping;
}

/**
 * sm_import_parse_mapping:
 * @text: a JSON object of field → column, or "field=column" lines
 */
gboolean
sm_import_parse_mapping (const char  *text,
                         GHashTable **columns,
                         GError     **error)
{
  g_autoptr(GHashTable) mapping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      g_autoptr(GList) members = json_object_get_members (o);

      if (json_object_has_member (o, "columns") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "columns")))
        {
          o = json_object_get_object_member (o, "columns");
          g_clear_pointer (&members, g_list_free);
          members = json_object_get_members (o);
        }
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (o, l->data);

          if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
            g_hash_table_insert (mapping, g_strdup (l->data), g_strdup (json_node_get_string (node)));
        }
    }
  else
    {
      g_auto(GStrv) lines = g_strsplit_set (text, "\n,", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *line = g_strstrip (lines[i]);
          char *eq = strchr (line, '=');

          if (*line == '\0' || *line == '#')
            continue;
          if (eq == NULL)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                           _("“%s” is not a column mapping; write FIELD=COLUMN"), line);
              return FALSE;
            }
          *eq = '\0';
          g_hash_table_insert (mapping, g_strdup (g_strstrip (line)), g_strdup (g_strstrip (eq + 1)));
        }
    }
  *columns = g_steal_pointer (&mapping);
  return TRUE;
}

void
sm_import_report_free (SmImportReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rejected);
  if (report->columns != NULL)
    g_hash_table_unref (report->columns);
  g_free (report->encoding);
  g_free (report);
}

static void
rejection_free (SmImportRejection *r)
{
  g_free (r->reason);
  g_free (r);
}

static void
reject (SmImportReport *report,
        guint           row,
        const char     *reason)
{
  SmImportRejection *r = g_new0 (SmImportRejection, 1);

  r->row = row;
  r->reason = g_strdup (reason);
  g_ptr_array_add (report->rejected, r);
}

/* --- reading a row ---------------------------------------------------- */

typedef struct {
  int    field_index[32];     /* per field of the target: the layer's field, or -1 */
  const char * const *fields;
  const char *encoding;       /* "utf-8" or a legacy one */
  GHashTable *categories;     /* as written → id */
} Layout;

static int
field_slot (const Layout *layout,
            const char   *field)
{
  /* The callers name fields by the same literals as the table. */
  for (guint i = 0; layout->fields[i] != NULL; i++)
    if (layout->fields[i] == field)
      return (int) i;
  for (guint i = 0; layout->fields[i] != NULL; i++)
    if (g_str_equal (layout->fields[i], field))
      return (int) i;
  return -1;
}

static char *
to_utf8 (const char *raw,
         const char *encoding)
{
  char *text;

  if (g_str_equal (encoding, "utf-8"))
    return g_utf8_validate (raw, -1, NULL) ? g_strdup (raw) : g_utf8_make_valid (raw, -1);
  text = g_convert (raw, -1, "UTF-8", encoding, NULL, NULL, NULL);
  return text != NULL ? text : g_utf8_make_valid (raw, -1);
}

/* The value of @field in @feature as UTF-8, or NULL when empty. */
static char *
value_of (const Layout *layout,
          OGRFeatureH   feature,
          const char   *field)
{
  int slot = field_slot (layout, field), index;
  const char *raw;
  char *text;

  if (slot < 0 || (index = layout->field_index[slot]) < 0 ||
      !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  raw = OGR_F_GetFieldAsString (feature, index);
  text = to_utf8 (raw, layout->encoding);
  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* Numbers as offices write them: "47,6532" as well as "47.6532". */
static gboolean
parse_number (const char *text,
              double     *out)
{
  g_autofree char *copy = NULL;
  char *end;

  if (text == NULL)
    return FALSE;
  copy = g_strdup (text);
  g_strdelimit (copy, ",", '.');
  g_strdelimit (copy, " ", '\0');
  *out = g_ascii_strtod (copy, &end);
  return end != copy && *end == '\0';
}

typedef struct {
  OGRCoordinateTransformationH eov_to_wgs84;
  OGRCoordinateTransformationH layer_to_wgs84;
  SmImportCrs                  crs;
} Coordinates;

static gboolean
in_eov (double easting,
        double northing)
{
  return easting >= 400000 && easting <= 950000 && northing >= 30000 && northing <= 370000;
}

/* x and y as the file has them, in whichever order and system, to WGS 84.
 * Hungarian files call the easting Y: the ranges tell. */
static gboolean
to_wgs84 (Coordinates *c,
          double       x,
          double       y,
          double      *lat,
          double      *lon)
{
  double e, n, z = 0;

  if (c->crs != SM_IMPORT_CRS_EOV && fabs (x) <= 180 && fabs (y) <= 90)
    {
      /* Degrees; latitude written first is common. Hungary lies at 16–23 E,
       * 45.7–48.6 N, so the ranges settle it there. */
      if (x >= 45 && x <= 49 && y >= 15 && y <= 24)
        {
          *lat = x;
          *lon = y;
        }
      else
        {
          *lon = x;
          *lat = y;
        }
      return fabs (*lat) <= 90 && fabs (*lon) <= 180;
    }
  if (c->crs == SM_IMPORT_CRS_WGS84)
    return FALSE;
  if (in_eov (x, y))
    e = x, n = y;
  else if (in_eov (y, x))
    e = y, n = x;
  else
    return FALSE;
  if (!OCTTransform (c->eov_to_wgs84, 1, &e, &n, &z))
    return FALSE;
  *lon = e;
  *lat = n;
  return TRUE;
}

/* A category as a file names it, remembered for the next rows. */
static gint64
lookup_category (SmStore    *store,
                 GHashTable *seen,
                 const char *text)
{
  gpointer id;

  if (!g_hash_table_lookup_extended (seen, text, NULL, &id))
    {
      id = GSIZE_TO_POINTER ((gsize) sm_store_lookup_category (store, text, NULL));
      g_hash_table_insert (seen, g_strdup (text), id);
    }
  return (gint64) GPOINTER_TO_SIZE (id);
}

static int
parse_severity (const char *text)
{
  g_autofree char *folded = sm_text_fold (text);

  if (g_str_equal (folded, "1") || g_str_equal (folded, "enyhe") || g_str_equal (folded, "mild") ||
      g_str_equal (folded, "low"))
    return 1;
  if (g_str_equal (folded, "2") || g_str_equal (folded, "kozepes") ||
      g_str_equal (folded, "moderate") || g_str_equal (folded, "medium"))
    return 2;
  if (g_str_equal (folded, "3") || g_str_equal (folded, "sulyos") || g_str_equal (folded, "severe") ||
      g_str_equal (folded, "high"))
    return 3;
  return 0;
}

static char *
date_field (const char  *text,
            const char  *what,
            GError     **error)
{
  GDate date;
  g_autoptr(GError) local = NULL;

  if (!sm_date_parse_any (text, &date, &local))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, "%s: %s", what, local->message);
      return NULL;
    }
  return sm_date_to_iso (&date);
}

/* --- households ------------------------------------------------------- */

typedef struct {
  guint             row;
  char             *key;
  SmHousehold       household;
  SmPerson          person;      /* family_name NULL: none */
  SmNeed            need;        /* category NULL: none */
  gboolean          synthetic;
  SmGeocodeResult  *geocoded;    /* the first row's, when it was geocoded */
} HouseholdRow;

static void
household_row_free (HouseholdRow *r)
{
  sm_geocode_result_free (r->geocoded);
  g_free (r->key);
  sm_household_clear (&r->household);
  sm_person_clear (&r->person);
  sm_need_clear (&r->need);
  g_free (r);
}

static HouseholdRow *
read_household_row (SmStore      *store,
                    const Layout *layout,
                    Coordinates  *coords,
                    OGRFeatureH   feature,
                    guint         row,
                    GError      **error)
{
  g_autoptr(GError) local = NULL;
  HouseholdRow *r = g_new0 (HouseholdRow, 1);
  g_autofree char *x = value_of (layout, feature, "x"), *y = value_of (layout, feature, "y");
  g_autofree char *birth = value_of (layout, feature, "birth_year");
  g_autofree char *category = value_of (layout, feature, "need_category");
  g_autofree char *severity = value_of (layout, feature, "need_severity");
  g_autofree char *assessed = value_of (layout, feature, "need_assessed_on");
  g_autofree char *resolved = value_of (layout, feature, "need_resolved_on");
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);

  r->row = row;
  r->household.address_raw = value_of (layout, feature, "address");
  r->household.postal_code = value_of (layout, feature, "postal_code");
  r->household.settlement = value_of (layout, feature, "settlement");
  r->household.settlement_part = value_of (layout, feature, "settlement_part");
  r->key = value_of (layout, feature, "household_key");
  {
    g_autofree char *synthetic = value_of (layout, feature, "synthetic");

    r->synthetic = synthetic != NULL && (g_str_equal (synthetic, "1") ||
                                         g_ascii_strcasecmp (synthetic, "true") == 0 ||
                                         g_ascii_strcasecmp (synthetic, "igen") == 0);
  }

  if (x != NULL || y != NULL)
    {
      double dx, dy;

      if (!parse_number (x, &dx) || !parse_number (y, &dy) ||
          !to_wgs84 (coords, dx, dy, &r->household.lat, &r->household.lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"),
                       x ? x : "", y ? y : "");
          goto bad;
        }
      r->household.has_location = TRUE;
      r->household.quality = SM_GEOCODE_MANUAL;
    }
  else if (geometry != NULL && !OGR_G_IsEmpty (geometry))
    {
      OGRwkbGeometryType type = wkbFlatten (OGR_G_GetGeometryType (geometry));
      double px, py, pz = 0;

      if (type != wkbPoint)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                       _("the geometry is a %s, not a point"), OGRGeometryTypeToName (type));
          goto bad;
        }
      px = OGR_G_GetX (geometry, 0);
      py = OGR_G_GetY (geometry, 0);
      if (coords->layer_to_wgs84 != NULL && !OCTTransform (coords->layer_to_wgs84, 1, &px, &py, &pz))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("the point cannot be converted to WGS 84"));
          goto bad;
        }
      r->household.lon = px;
      r->household.lat = py;
      r->household.has_location = TRUE;
      r->household.quality = SM_GEOCODE_MANUAL;
    }
  {
    const char *texts[] = { r->household.address_raw, r->household.settlement,
                            r->household.settlement_part, r->key };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      if (texts[i] != NULL && strlen (texts[i]) > MAX_TEXT)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("a value of %zu characters is longer than the %d allowed"),
                       strlen (texts[i]), MAX_TEXT);
          goto bad;
        }
  }
  if (r->household.address_raw == NULL && !r->household.has_location)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("neither an address nor coordinates"));
      goto bad;
    }
  if (r->household.address_raw == NULL)
    r->household.address_raw = g_strdup_printf ("%.6f, %.6f", r->household.lat, r->household.lon);

  r->person.family_name = value_of (layout, feature, "family_name");
  r->person.given_name = value_of (layout, feature, "given_name");
  r->person.sex = value_of (layout, feature, "sex");
  r->person.role = value_of (layout, feature, "role");
  if (birth != NULL)
    {
      gint64 year;

      if (!g_ascii_string_to_signed (birth, 10, 1890, 2100, &year, NULL))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("birth year “%s” is not a year"), birth);
          goto bad;
        }
      r->person.birth_year = (int) year;
    }

  if (category != NULL)
    {
      gint64 id = lookup_category (store, layout->categories, category);
      const SmCategory *c = id > 0 ? sm_store_get_category (store, id) : NULL;

      if (c == NULL)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("unknown need category “%s”"), category);
          goto bad;
        }
      r->need.category = g_strdup (c->code);
      r->need.severity = severity != NULL ? parse_severity (severity) : 2;
      if (r->need.severity == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("severity “%s” is not 1, 2 or 3 (enyhe, közepes, súlyos)"), severity);
          goto bad;
        }
      r->need.assessed_on = assessed != NULL ? date_field (assessed, _("assessed on"), &local)
                                             : sm_date_today_iso ();
      if (r->need.assessed_on == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto bad;
        }
      if (resolved != NULL && (r->need.resolved_on = date_field (resolved, _("resolved on"), &local)) == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto bad;
        }
      r->need.note = value_of (layout, feature, "need_note");
    }
  return r;

bad:
  household_row_free (r);
  return NULL;
}

/* Rows with the same key are one household; without a key column, rows
 * with the same written address. */
static char *
group_key (HouseholdRow *r)
{
  if (r->key != NULL)
    return g_strdup (r->key);
  return sm_text_fold (r->household.address_raw);
}

static gboolean
same_person (const SmPerson *a,
             const SmPerson *b)
{
  return g_strcmp0 (a->family_name, b->family_name) == 0 &&
         g_strcmp0 (a->given_name, b->given_name) == 0 && a->birth_year == b->birth_year;
}

/* Places a household that came without coordinates by its address. */
static SmGeocodeResult *
geocode_group (SmGeocoder   *geocoder,
               HouseholdRow *first)
{
  if (first->household.has_location || first->geocoded != NULL)
    return first->geocoded;
  first->geocoded = sm_case_place_by_address (geocoder, &first->household);
  return first->geocoded;
}

/* What a stored household adds to the report and the review list. */
static void
count_household (SmStore        *store,
                 HouseholdRow   *first,
                 SmImportReport *report)
{
  SmGeocodeResult *geocoded = first->geocoded;

  report->n_households++;
  if (geocoded != NULL && geocoded->quality != SM_GEOCODE_NONE)
    report->n_geocoded++;
  if (geocoded != NULL && sm_case_needs_review (geocoded))
    {
      sm_review_add (store, first->household.id, geocoded, NULL);
      report->n_review++;
    }
}

/* Writes households with the persons and needs their rows bring, in
 * statements of many rows; the same person on several rows of a
 * household is one person. */
static gboolean
store_groups (SmStore         *store,
              GPtrArray      **groups,
              guint            n_groups,
              gboolean         synthetic,
              SmImportReport  *report,
              GError         **error)
{
  g_autoptr(GPtrArray) firsts = g_ptr_array_sized_new (n_groups);    /* SmHousehold */
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();                 /* SmPerson */
  g_autoptr(GPtrArray) needs = g_ptr_array_new ();                   /* SmNeed */
  g_autoptr(GPtrArray) person_of = g_ptr_array_new ();               /* per need: its SmPerson or NULL */

  for (guint i = 0; i < n_groups; i++)
    {
      HouseholdRow *first = g_ptr_array_index (groups[i], 0);

      first->household.synthetic = synthetic || first->synthetic;
      g_ptr_array_add (firsts, &first->household);
    }
  if (!sm_store_add_households (store, (SmHousehold **) firsts->pdata, firsts->len, error))
    return FALSE;

  for (guint i = 0; i < n_groups; i++)
    {
      GPtrArray *group = groups[i];
      HouseholdRow *first = g_ptr_array_index (group, 0);
      guint group_start = persons->len;

      for (guint j = 0; j < group->len; j++)
        {
          HouseholdRow *r = g_ptr_array_index (group, j);
          SmPerson *person = NULL;

          if (r->person.family_name != NULL)
            {
              for (guint k = group_start; k < persons->len && person == NULL; k++)
                if (same_person (g_ptr_array_index (persons, k), &r->person))
                  person = g_ptr_array_index (persons, k);
              if (person == NULL)
                {
                  person = &r->person;
                  person->household_id = first->household.id;
                  person->synthetic = synthetic || r->synthetic;
                  g_ptr_array_add (persons, person);
                }
            }
          if (r->need.category != NULL)
            {
              r->need.household_id = first->household.id;
              r->need.synthetic = synthetic || r->synthetic;
              g_ptr_array_add (needs, &r->need);
              g_ptr_array_add (person_of, person);
            }
        }
    }
  if (!sm_store_add_persons (store, (SmPerson **) persons->pdata, persons->len, error))
    return FALSE;
  for (guint i = 0; i < needs->len; i++)
    {
      SmPerson *person = g_ptr_array_index (person_of, i);

      ((SmNeed *) g_ptr_array_index (needs, i))->person_id = person != NULL ? person->id : 0;
    }
  if (!sm_store_add_needs (store, (SmNeed **) needs->pdata, needs->len, error))
    return FALSE;
  report->n_persons += persons->len;
  report->n_needs += needs->len;
  return TRUE;
}

/* Every household at once: the way checked rows go in. Any refusal fails
 * the whole; the caller then goes household by household. */
static gboolean
store_households_at_once (SmStore                *store,
                          SmGeocoder             *geocoder,
                          GPtrArray              *order,
                          GHashTable             *households,
                          const SmImportOptions  *options,
                          SmProgressFunc          progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          SmImportReport         *report,
                          GError                **error)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_sized_new (order->len);

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (households, g_ptr_array_index (order, i));

      if (geocoder != NULL)
        geocode_group (geocoder, g_ptr_array_index (group, 0));
      g_ptr_array_add (groups, group);
      if ((i & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (0.5 + 0.3 * i / (double) order->len, progress_data);
        }
    }
  if (!store_groups (store, (GPtrArray **) groups->pdata, groups->len, options->synthetic, report,
                     error))
    return FALSE;
  for (guint i = 0; i < groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      count_household (store, g_ptr_array_index (group, 0), report);
    }
  return TRUE;
}

/* --- services --------------------------------------------------------- */

static gboolean
store_service_row (SmStore       *store,
                   const Layout  *layout,
                   Coordinates   *coords,
                   OGRFeatureH    feature,
                   SmGeocoder    *geocoder,
                   SmImportReport *report,
                   GError       **error)
{
  g_autofree char *org = value_of (layout, feature, "organization");
  g_autofree char *kind = value_of (layout, feature, "organization_kind");
  g_autofree char *name = value_of (layout, feature, "service_name");
  g_autofree char *type = value_of (layout, feature, "service_type");
  g_autofree char *address = value_of (layout, feature, "address");
  g_autofree char *postal = value_of (layout, feature, "postal_code");
  g_autofree char *settlement = value_of (layout, feature, "settlement");
  g_autofree char *x = value_of (layout, feature, "x"), *y = value_of (layout, feature, "y");
  g_autofree char *phone = value_of (layout, feature, "phone");
  g_autofree char *email = value_of (layout, feature, "email");
  g_autofree char *url = value_of (layout, feature, "url");
  SmOrganization o = { 0 };
  SmService s = { 0 };
  SmLocation l = { 0 };
  gint64 org_id, service_id, location_id;

  if (org == NULL && name == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("neither an organization nor a service name"));
      return FALSE;
    }
  if (type == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no service type"));
      return FALSE;
    }
  o = (SmOrganization) { .name = org ? org : name, .kind = kind ? kind : "municipal",
                         .phone = phone, .email = email, .url = url };
  org_id = sm_store_add_organization (store, &o, error);
  if (org_id == 0)
    return FALSE;
  s = (SmService) { .organization_id = org_id, .service_type = type, .name = name ? name : org,
                    .capacity = -1, .age_min = -1, .age_max = -1, .status = "active", .url = url };
  service_id = sm_store_add_service (store, &s, error);
  if (service_id == 0)
    return FALSE;
  l = (SmLocation) { .organization_id = org_id, .name = name, .address_raw = address,
                     .postal_code = postal, .settlement = settlement };
  if (x != NULL && y != NULL)
    {
      double dx, dy;

      if (!parse_number (x, &dx) || !parse_number (y, &dy) ||
          !to_wgs84 (coords, dx, dy, &l.lat, &l.lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"), x, y);
          return FALSE;
        }
      l.has_location = TRUE;
      l.quality = SM_GEOCODE_MANUAL;
    }
  else if (address != NULL && geocoder != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s%s%s%s%s", postal ? postal : "", postal ? " " : "",
                                               settlement ? settlement : "", settlement ? ", " : "",
                                               address);
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (geocoder, full);

      if (r->quality != SM_GEOCODE_NONE)
        {
          l.has_location = TRUE;
          l.lat = r->lat;
          l.lon = r->lon;
          l.quality = r->quality;
          report->n_geocoded++;
        }
    }
  location_id = sm_store_add_location (store, &l, error);
  if (location_id == 0 || !sm_store_link_service_location (store, service_id, location_id, error))
    return FALSE;
  report->n_services++;
  return TRUE;
}

/* --- an address register --------------------------------------------- */

static gboolean
store_address_row (SmStore         *store,
                   const Layout    *layout,
                   Coordinates     *coords,
                   OGRFeatureH      feature,
                   SmImportReport  *report,
                   GError         **error)
{
  g_autofree char *street = value_of (layout, feature, "street");
  g_autofree char *number = value_of (layout, feature, "house_number");
  g_autofree char *postcode = value_of (layout, feature, "postal_code");
  g_autofree char *city = value_of (layout, feature, "settlement");
  g_autofree char *x = value_of (layout, feature, "x"), *y = value_of (layout, feature, "y");
  OGRGeometryH geometry = OGR_F_GetGeometryRef (feature);
  double lat = 0, lon = 0;

  if (street == NULL || number == NULL || !g_ascii_isdigit (*number))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no street or no house number"));
      return FALSE;
    }
  if (x != NULL && y != NULL)
    {
      double dx, dy;

      if (!parse_number (x, &dx) || !parse_number (y, &dy) || !to_wgs84 (coords, dx, dy, &lat, &lon))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("coordinates “%s”, “%s” are neither degrees nor EOV"), x, y);
          return FALSE;
        }
    }
  else if (geometry != NULL && wkbFlatten (OGR_G_GetGeometryType (geometry)) == wkbPoint)
    {
      double z = 0;

      lon = OGR_G_GetX (geometry, 0);
      lat = OGR_G_GetY (geometry, 0);
      if (coords->layer_to_wgs84 != NULL && !OCTTransform (coords->layer_to_wgs84, 1, &lon, &lat, &z))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("the point cannot be converted to WGS 84"));
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no coordinates and no point"));
      return FALSE;
    }
  {
    SmReferenceAddress address = {
      .street = street, .housenumber = number, .postcode = postcode, .city = city,
      .lat = lat, .lon = lon, .source = "register",
    };

    if (!sm_store_add_reference_address (store, &address, error))
      return FALSE;
  }
  report->n_addresses++;
  return TRUE;
}

/* --- the file --------------------------------------------------------- */

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
layout_signature (SmImportTarget      target,
                  const char * const *columns)
{
  g_auto(GStrv) sorted = g_strdupv ((char **) columns);
  g_autofree char *joined = NULL;

  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  joined = g_strjoinv ("\x1f", sorted);
  return g_strdup_printf ("%s:%s", target == SM_IMPORT_SERVICES ? "services"
                                   : target == SM_IMPORT_ADDRESSES ? "addresses" : "households",
                          joined);
}

static GHashTable *
remembered_mapping (SmStore    *store,
                    const char *signature)
{
  g_autofree char *text = sm_store_get_import_layout (store, signature);
  GHashTable *mapping = NULL;

  if (text != NULL)
    sm_import_parse_mapping (text, &mapping, NULL);
  return mapping;
}

static gboolean
remember_mapping (SmStore     *store,
                  const char  *signature,
                  GHashTable  *mapping,
                  GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer k, v;

  json_builder_begin_object (b);
  g_hash_table_iter_init (&iter, mapping);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      json_builder_set_member_name (b, k);
      json_builder_add_string_value (b, v);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  text = json_generator_to_data (gen, NULL);
  return sm_store_set_import_layout (store, signature, text, error);
}

/* Auto: UTF-8 unless a value is not valid UTF-8; then Windows-1250, which
 * is ISO-8859-2 for every Hungarian letter and what office software writes. */
static char *
detect_encoding (OGRLayerH  layer,
                 const char *wanted)
{
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn (layer);
  OGRFeatureH feature;
  gboolean valid = TRUE;

  if (wanted != NULL && !g_str_equal (wanted, "auto"))
    {
      if (g_ascii_strcasecmp (wanted, "utf8") == 0 || g_ascii_strcasecmp (wanted, "utf-8") == 0)
        return g_strdup ("utf-8");
      if (g_ascii_strcasecmp (wanted, "windows-1250") == 0 || g_ascii_strcasecmp (wanted, "cp1250") == 0)
        return g_strdup ("CP1250");
      return g_ascii_strup (wanted, -1);
    }
  OGR_L_ResetReading (layer);
  /* The first rows tell: an office file is written in one encoding. */
  for (guint n = 0; valid && n < 2000 && (feature = OGR_L_GetNextFeature (layer)) != NULL; n++)
    {
      for (int i = 0; i < OGR_FD_GetFieldCount (defn) && valid; i++)
        if (OGR_F_IsFieldSetAndNotNull (feature, i))
          valid = g_utf8_validate (OGR_F_GetFieldAsString (feature, i), -1, NULL);
      OGR_F_Destroy (feature);
    }
  OGR_L_ResetReading (layer);
  return g_strdup (valid ? "utf-8" : "CP1250");
}

static gboolean
check_mapping (SmImportTarget      target,
               GHashTable         *mapping,
               const char * const *names,
               gboolean            has_geometry,
               Layout          *layout,
               GError         **error)
{
  const char * const *fields = sm_import_fields (target);
  GHashTableIter iter;
  gpointer k, v;

  layout->fields = fields;
  for (guint i = 0; fields[i] != NULL; i++)
    layout->field_index[i] = -1;
  g_hash_table_iter_init (&iter, mapping);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      int slot = field_slot (layout, k);
      int index = -1;

      for (int i = 0; names[i] != NULL && index < 0; i++)
        if (g_str_equal (names[i], v))
          index = i;

      if (slot < 0)
        {
          g_autofree char *known = g_strjoinv (", ", (char **) fields);

          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("“%s” is not a field of this import; the fields are: %s"), (char *) k, known);
          return FALSE;
        }
      if (index < 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("the file has no column “%s”"), (char *) v);
          return FALSE;
        }
      layout->field_index[slot] = index;
    }
  if (target == SM_IMPORT_HOUSEHOLDS && !g_hash_table_contains (mapping, "address") &&
      !(g_hash_table_contains (mapping, "x") && g_hash_table_contains (mapping, "y")) &&
      !has_geometry)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Cannot tell which column holds the address or the coordinates; "
                     "name them, e.g. --map address=COLUMN or --map x=COLUMN --map y=COLUMN"));
      return FALSE;
    }
  if (target == SM_IMPORT_ADDRESSES &&
      (!g_hash_table_contains (mapping, "street") || !g_hash_table_contains (mapping, "house_number") ||
       (!has_geometry && !(g_hash_table_contains (mapping, "x") && g_hash_table_contains (mapping, "y")))))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("An address register needs the street, the house number and a place: "
                     "name them, e.g. --map street=COLUMN --map house_number=COLUMN"));
      return FALSE;
    }
  if (target == SM_IMPORT_SERVICES && !g_hash_table_contains (mapping, "service_type"))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("Cannot tell which column holds the service type; name it with "
                     "--map service_type=COLUMN"));
      return FALSE;
    }
  return TRUE;
}


/* Household by household, each in a savepoint: what the store refuses is
 * left out with its reason. */
static gboolean
store_households (SmStore                *store,
                  SmGeocoder             *geocoder,
                  GPtrArray              *order,
                  GHashTable             *households,
                  const SmImportOptions  *options,
                  SmProgressFunc          progress,
                  gpointer                progress_data,
                  GCancellable           *cancellable,
                  SmImportReport         *report,
                  GError                **error)
{
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (households, g_ptr_array_index (order, i));
      HouseholdRow *first = g_ptr_array_index (group, 0);
      g_autoptr(GError) local = NULL;

      if (geocoder != NULL)
        geocode_group (geocoder, first);
      if (!sm_store_begin (store, error))
        return FALSE;
      if (store_groups (store, &group, 1, options->synthetic, report, &local))
        {
          count_household (store, first, report);
          sm_store_commit (store, NULL);
        }
      else
        {
          sm_store_rollback (store);
          for (guint k = 0; k < group->len; k++)
            reject (report, ((HouseholdRow *) g_ptr_array_index (group, k))->row, local->message);
        }
      if ((i & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (0.5 + 0.5 * i / (double) order->len, progress_data);
        }
    }
  return TRUE;
}


/**
 * sm_import_file:
 * @report: (out) (optional): what was imported and every rejected row
 *
 * Returns: %FALSE with nothing written when the file cannot be read, when
 *   rows were rejected and @options does not allow leaving them out
 *   (@report then lists them), or when cancelled
 */
gboolean
sm_import_file (SmStore                *store,
                const char             *path,
                const SmImportOptions  *options,
                SmProgressFunc          progress,
                gpointer                progress_data,
                GCancellable           *cancellable,
                SmImportReport        **report_out,
                GError                **error)
{
  g_autoptr(SmImportReport) report = g_new0 (SmImportReport, 1);
  g_autoptr(GHashTable) households = NULL;   /* group key → GPtrArray of HouseholdRow */
  g_autoptr(GPtrArray) order = NULL;         /* group keys, first seen first */
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autofree char *signature = NULL;
  OGRSpatialReferenceH eov = NULL, wgs84 = NULL, layer_srs;
  Coordinates coords = { .crs = options->crs };
  g_autoptr(GHashTable) categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Layout layout = { .categories = categories };
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;
  gboolean ok = FALSE, began = FALSE;
  GIntBig total;
  guint row = 0;

  g_return_val_if_fail (SM_IS_STORE (store), FALSE);

  report->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) rejection_free);
  _sm_ogr_init ();
  /* A spreadsheet's first row holds the column names, also where every
   * cell below is text too. */
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
  ds = _sm_ogr_open_table (path, (const char * const[]) { "HEADERS=FORCE", NULL }, error);
  if (ds == NULL)
    goto out;
  if (options->layer != NULL)
    layer = GDALDatasetGetLayerByName (ds, options->layer);
  else
    layer = GDALDatasetGetLayerCount (ds) > 0 ? GDALDatasetGetLayer (ds, 0) : NULL;
  if (layer == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   options->layer ? _("“%s” has no layer “%s”") : _("“%s” holds no layers"),
                   path, options->layer);
      goto out;
    }
  defn = OGR_L_GetLayerDefn (layer);
  report->encoding = detect_encoding (layer, options->encoding);
  layout.encoding = report->encoding;
  if (!g_str_equal (report->encoding, "utf-8"))
    {
      g_autofree char *probe = g_convert ("a", -1, report->encoding, "UTF-8", NULL, NULL, NULL);

      if (probe == NULL)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Unknown text encoding “%s”"),
                       report->encoding);
          goto out;
        }
    }
  /* Column names as text, in the file's encoding like its values. */
  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    g_ptr_array_add (names, to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)),
                                     report->encoding));
  g_ptr_array_add (names, NULL);

  signature = layout_signature (options->target, (const char * const *) names->pdata);
  report->columns = options->columns != NULL ? g_hash_table_ref (options->columns)
                                             : remembered_mapping (store, signature);
  if (report->columns == NULL)
    report->columns = sm_import_guess_columns (options->target, (const char * const *) names->pdata);
  if (!check_mapping (options->target, report->columns, (const char * const *) names->pdata,
                      OGR_FD_GetGeomType (defn) != wkbNone, &layout, error))
    goto out;
  wgs84 = _sm_ogr_new_wgs84 ();
  eov = OSRNewSpatialReference (NULL);
  OSRImportFromEPSG (eov, 23700);
  OSRSetAxisMappingStrategy (eov, OAMS_TRADITIONAL_GIS_ORDER);
  coords.eov_to_wgs84 = OCTNewCoordinateTransformation (eov, wgs84);
  layer_srs = OGR_L_GetSpatialRef (layer);
  if (layer_srs != NULL)
    {
      OGRSpatialReferenceH src = OSRClone (layer_srs);

      OSRSetAxisMappingStrategy (src, OAMS_TRADITIONAL_GIS_ORDER);
      if (!OSRIsSame (src, wgs84))
        coords.layer_to_wgs84 = OCTNewCoordinateTransformation (src, wgs84);
      OSRDestroySpatialReference (src);
    }
  if (!options->no_geocode && options->target != SM_IMPORT_ADDRESSES)
    {
      geocoder = sm_geocoder_new (store, error);
      if (geocoder == NULL)
        goto out;
    }

  if (!sm_store_begin (store, error))
    goto out;
  began = TRUE;
  /* A large import writes far more pages than the everyday cache holds. */
  sm_store_set_cache_size (store, 512);
  /* Counting a CSV's rows means reading it twice: progress then goes by
   * the second half only. */
  total = OGR_L_TestCapability (layer, OLCFastFeatureCount) ? OGR_L_GetFeatureCount (layer, TRUE) : -1;
  households = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  order = g_ptr_array_new_with_free_func (g_free);
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autoptr(GError) local = NULL;

      row++;
      report->n_rows++;
      if (options->target == SM_IMPORT_ADDRESSES)
        {
          if (!store_address_row (store, &layout, &coords, feature, report, &local))
            reject (report, row, local->message);
        }
      else if (options->target == SM_IMPORT_SERVICES)
        {
          if (!sm_store_begin (store, &local))
            {
              OGR_F_Destroy (feature);
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          if (store_service_row (store, &layout, &coords, feature, geocoder, report, &local))
            sm_store_commit (store, NULL);
          else
            {
              sm_store_rollback (store);
              reject (report, row, local->message);
            }
        }
      else
        {
          HouseholdRow *r = read_household_row (store, &layout, &coords, feature, row, &local);

          if (r == NULL)
            reject (report, row, local->message);
          else
            {
              g_autofree char *key = group_key (r);
              GPtrArray *group = g_hash_table_lookup (households, key);

              if (group == NULL)
                {
                  group = g_ptr_array_new_with_free_func ((GDestroyNotify) household_row_free);
                  g_hash_table_insert (households, g_strdup (key), group);
                  g_ptr_array_add (order, g_strdup (key));
                }
              g_ptr_array_add (group, r);
            }
        }
      OGR_F_Destroy (feature);
      if ((row & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          if (progress != NULL && total > 0)
            progress (0.5 * row / (double) total, progress_data);
        }
    }

  if (options->target == SM_IMPORT_HOUSEHOLDS && order != NULL)
    {
      guint rows_rejected = report->rejected->len;
      g_autoptr(GError) local = NULL;

      /* Checked rows nearly always go in: first all at once; only if the
       * store refuses one, again with a savepoint per household so the
       * refused ones can be left out. */
      if (!store_households_at_once (store, geocoder, order, households, options, progress,
                                     progress_data, cancellable, report, &local))
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              goto out;
            }
          g_clear_error (&local);
          sm_store_rollback (store);
          began = FALSE;
          g_ptr_array_set_size (report->rejected, rows_rejected);
          report->n_households = report->n_persons = report->n_needs = 0;
          report->n_geocoded = report->n_review = 0;
          if (!sm_store_begin (store, error))
            goto out;
          began = TRUE;
          if (!store_households (store, geocoder, order, households, options, progress,
                                 progress_data, cancellable, report, error))
            goto out;
        }
    }

  if (report->rejected->len > 0 && !options->skip_bad_rows)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   ngettext ("%u row of “%s” cannot be imported, so nothing was imported; "
                             "correct it, or import the other rows without it",
                             "%u rows of “%s” cannot be imported, so nothing was imported; "
                             "correct them, or import the other rows without them",
                             report->rejected->len),
                   report->rejected->len, path);
      goto out;
    }
  if (report->n_rows == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no rows"), path);
      goto out;
    }
  if (!remember_mapping (store, signature, report->columns, error) ||
      !sm_store_commit (store, error))
    {
      began = FALSE;
      goto out;
    }
  began = FALSE;
  ok = TRUE;
  if (progress != NULL)
    progress (1.0, progress_data);

out:
  /* Spreadsheet drivers read their sheets when first asked, so the option
   * stays until the file is closed. */
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", NULL);
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", NULL);
  if (began)
    sm_store_rollback (store);
  sm_store_set_cache_size (store, 16);
  if (coords.eov_to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (coords.eov_to_wgs84);
  if (coords.layer_to_wgs84 != NULL)
    OCTDestroyCoordinateTransformation (coords.layer_to_wgs84);
  if (eov != NULL)
    OSRDestroySpatialReference (eov);
  if (wgs84 != NULL)
    OSRDestroySpatialReference (wgs84);
  if (ds != NULL)
    GDALClose (ds);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return ok;
}

/**
 * sm_import_read_columns:
 *
 * Returns: (transfer full): the column names of the file's layer, as text
 */
char **
sm_import_read_columns (const char  *path,
                        const char  *layer_name,
                        GError     **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *encoding = NULL;
  OGRFeatureDefnH defn;
  GDALDatasetH ds;
  OGRLayerH layer;

  _sm_ogr_init ();
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
  ds = _sm_ogr_open_table (path, NULL, error);
  layer = ds == NULL ? NULL : layer_name != NULL ? GDALDatasetGetLayerByName (ds, layer_name)
                                                 : GDALDatasetGetLayer (ds, 0);
  if (ds != NULL && layer == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” holds no layers"), path);
  if (layer != NULL)
    {
      encoding = detect_encoding (layer, NULL);
      defn = OGR_L_GetLayerDefn (layer);
      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        g_ptr_array_add (names, to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), encoding));
    }
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", NULL);
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", NULL);
  if (ds != NULL)
    GDALClose (ds);
  if (layer == NULL)
    return NULL;
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * sm_import_suggest_columns:
 *
 * Returns: (transfer full): the mapping remembered for this layout, or the
 *   one the column names suggest
 */
GHashTable *
sm_import_suggest_columns (SmStore            *store,
                           SmImportTarget      target,
                           const char * const *columns)
{
  g_autofree char *signature = layout_signature (target, columns);
  GHashTable *mapping = remembered_mapping (store, signature);

  return mapping != NULL ? mapping : sm_import_guess_columns (target, columns);
}
