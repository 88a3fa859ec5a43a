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
#include "sm-number.h"

/* --- reading a row ---------------------------------------------------- */

int
_sm_import_field_slot (const Layout *layout,
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

char *
_sm_import_to_utf8 (const char *raw,
                    const char *encoding)
{
  char *text;

  if (g_str_equal (encoding, "utf-8"))
    return g_utf8_validate (raw, -1, NULL) ? g_strdup (raw) : g_utf8_make_valid (raw, -1);
  text = g_convert (raw, -1, "UTF-8", encoding, NULL, NULL, NULL);
  return text != NULL ? text : g_utf8_make_valid (raw, -1);
}

/* The value of @field in @feature as UTF-8, or NULL when empty. */
char *
_sm_import_value_of (const Layout *layout,
                     OGRFeatureH   feature,
                     const char   *field)
{
  int slot = _sm_import_field_slot (layout, field), index;
  const char *raw;
  char *text;

  if (slot < 0 || (index = layout->field_index[slot]) < 0 ||
      !OGR_F_IsFieldSetAndNotNull (feature, index))
    return NULL;
  raw = OGR_F_GetFieldAsString (feature, index);
  text = _sm_import_to_utf8 (raw, layout->encoding);
  g_strstrip (text);
  if (*text == '\0')
    {
      g_free (text);
      return NULL;
    }
  return text;
}

/* Numbers as offices write them: "47,6532" as well as "47.6532". */
gboolean
_sm_import_parse_number (const char *text,
                         double     *out)
{
  return sm_parse_decimal (text, TRUE, out);
}

static gboolean
in_eov (double easting,
        double northing)
{
  return easting >= 400000 && easting <= 950000 && northing >= 30000 && northing <= 370000;
}

/* x and y as the file has them, in whichever order and system, to WGS 84.
 * Hungarian files call the easting Y: the ranges tell. */
gboolean
_sm_import_to_wgs84 (Coordinates *c,
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
gint64
_sm_import_lookup_category (SmStore    *store,
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

int
_sm_import_parse_severity (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = NULL;
  gint64 number;

  /* A number must be one of the severities as written: "-1" is not 1. */
  if (*trimmed == '-' || *trimmed == '+' || g_ascii_isdigit (*trimmed))
    return g_ascii_string_to_signed (trimmed, 10, 1, 3, &number, NULL) ? (int) number : 0;
  folded = sm_text_fold (trimmed);
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

char *
_sm_import_date_field (const char  *text,
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
