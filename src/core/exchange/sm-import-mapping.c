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
#include "sm-import-private.h"

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

static const char * const signal_fields[] = {
  "received_at", "member_kind", "organization", "signaller", "channel", "urgency", "about",
  "need_category", "address", "postal_code", "settlement", "synthetic", NULL
};

static const char * const address_fields[] = {
  "street", "house_number", "postal_code", "settlement", "x", "y", NULL
};

/* Column names offices use, folded, for each field. */
static const struct {
  const char *field;
  const char *names;
} guesses[] = {
  { "household_key", "household key|household id|household_id|haztartas kulcs|haztartas|haztartas id|haztartas azonosito|csaladazonosito|ugyszam|household" },
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
  { "received_at", "received at|received|received on|beerkezett|beerkezes|beerkezes ideje|jelzes ideje|jelzes datuma|idopont" },
  { "member_kind", "member kind|member|from|kind of signaller|jelzo|jelzo tipusa|jelzorendszer tagja|kuldo" },
  { "signaller", "signaller|signaled by|contact|jelzo neve|jelzo szemely|kapcsolattarto|ugyintezo" },
  { "channel", "channel|how|mod|modja|jelzes modja|csatorna" },
  { "urgency", "urgency|priority|surgosseg|soron kivul" },
  { "about", "about|text|description|summary|what|jelzes|jelzes tartalma|tartalom|leiras|targy" },
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
         : target == SM_IMPORT_ADDRESSES ? address_fields
         : target == SM_IMPORT_SIGNALS ? signal_fields : household_fields;
}

/**
 * sm_import_guess_columns:
 *
 * Returns: (transfer full): field → column for the columns whose names say
 *   what they hold
 */
/**
 * _sm_import_merge_mapping:
 * @guessed: (transfer full): the mapping guessed from the column names
 * @given: what the person said; it wins, and a column it names is not
 *   also guessed for another field
 *
 * Returns: (transfer full): the mapping used
 */
GHashTable *
_sm_import_merge_mapping (GHashTable *guessed,
                          GHashTable *given)
{
  GHashTableIter iter;
  gpointer field, column;

  g_hash_table_iter_init (&iter, given);
  while (g_hash_table_iter_next (&iter, &field, &column))
    {
      GHashTableIter old;
      gpointer f, c;

      g_hash_table_iter_init (&old, guessed);
      while (g_hash_table_iter_next (&old, &f, &c))
        if (g_strcmp0 (c, column) == 0)
          g_hash_table_iter_remove (&old);
      g_hash_table_insert (guessed, g_strdup (field), g_strdup (column));
    }
  return guessed;
}

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

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char *
_sm_import_layout_signature (SmImportTarget      target,
                             const char * const *columns)
{
  g_auto(GStrv) sorted = g_strdupv ((char **) columns);
  g_autofree char *joined = NULL;

  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  joined = g_strjoinv ("\x1f", sorted);
  return g_strdup_printf ("%s:%s", target == SM_IMPORT_SERVICES ? "services"
                                   : target == SM_IMPORT_ADDRESSES ? "addresses"
                                   : target == SM_IMPORT_SIGNALS ? "signals" : "households",
                          joined);
}

GHashTable *
_sm_import_remembered_mapping (SmStore    *store,
                               const char *signature)
{
  g_autofree char *text = sm_store_get_import_layout (store, signature);
  GHashTable *mapping = NULL;

  if (text != NULL)
    sm_import_parse_mapping (text, &mapping, NULL);
  return mapping;
}

gboolean
_sm_import_remember_mapping (SmStore     *store,
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
char *
_sm_import_detect_encoding (OGRLayerH  layer,
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

gboolean
_sm_import_check_mapping (SmImportTarget      target,
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
      int slot = _sm_import_field_slot (layout, k);
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
  if (target == SM_IMPORT_SIGNALS &&
      (!g_hash_table_contains (mapping, "received_at") || !g_hash_table_contains (mapping, "about")))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("A register of signals needs when each came and what it says: name them, e.g. "
                     "--map received_at=COLUMN --map about=COLUMN"));
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

/* The table's layer (@layer_name, or its first) with a spreadsheet's first
 * row taken as the column names, or NULL with @error; close it with
 * close_headed_layer(), whatever came back. */
static OGRLayerH
open_headed_layer (const char    *path,
                   const char    *layer_name,
                   GDALDatasetH  *ds,
                   GError       **error)
{
  OGRLayerH layer;

  _sm_ogr_init ();
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
  *ds = _sm_ogr_open_table (path, NULL, error);
  layer = *ds == NULL ? NULL : layer_name != NULL ? GDALDatasetGetLayerByName (*ds, layer_name)
                                                  : GDALDatasetGetLayer (*ds, 0);
  if (*ds != NULL && layer == NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” holds no layers"), path);
  return layer;
}

static void
close_headed_layer (GDALDatasetH ds)
{
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", NULL);
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", NULL);
  if (ds != NULL)
    GDALClose (ds);
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
  GDALDatasetH ds = NULL;
  OGRLayerH layer = open_headed_layer (path, layer_name, &ds, error);

  if (layer != NULL)
    {
      encoding = _sm_import_detect_encoding (layer, NULL);
      defn = OGR_L_GetLayerDefn (layer);
      for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
        g_ptr_array_add (names, _sm_import_to_utf8 (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)), encoding));
    }
  close_headed_layer (ds);
  if (layer == NULL)
    return NULL;
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/**
 * sm_import_read_preview:
 * @n_rows: how many data rows at most
 *
 * Returns: (transfer full) (element-type GStrv): the first rows' values as
 *   text, in the columns' order of sm_import_read_columns(), for a person
 *   to see which column holds what
 */
GPtrArray *
sm_import_read_preview (const char  *path,
                        const char  *layer_name,
                        guint        n_rows,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *encoding = NULL;
  GDALDatasetH ds = NULL;
  OGRLayerH layer = open_headed_layer (path, layer_name, &ds, error);
  OGRFeatureH f;

  if (layer != NULL)
    {
      int n_fields = OGR_FD_GetFieldCount (OGR_L_GetLayerDefn (layer));

      encoding = _sm_import_detect_encoding (layer, NULL);
      OGR_L_ResetReading (layer);
      while (rows->len < n_rows && (f = OGR_L_GetNextFeature (layer)) != NULL)
        {
          GStrv values = g_new0 (char *, n_fields + 1);

          for (int i = 0; i < n_fields; i++)
            values[i] = _sm_import_to_utf8 (OGR_F_IsFieldSetAndNotNull (f, i) ? OGR_F_GetFieldAsString (f, i) : "",
                                            encoding);
          g_ptr_array_add (rows, values);
          OGR_F_Destroy (f);
        }
    }
  close_headed_layer (ds);
  return layer != NULL ? g_steal_pointer (&rows) : NULL;
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
  g_autofree char *signature = _sm_import_layout_signature (target, columns);
  GHashTable *mapping = _sm_import_remembered_mapping (store, signature);

  return mapping != NULL ? mapping : sm_import_guess_columns (target, columns);
}
