#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <cpl_conv.h>
#include <ogr_api.h>

#include "sm-address.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-import-survey.h"
#include "sm-ogr-private.h"
#include "sm-satisfaction.h"
#include "sm-store-services.h"
#include "sm-store-surveys.h"

/* A table of responses, as an online form exports them: one row per
 * response, a column for the day, one per question (named q1, q2, … or
 * by the question's words), and the service unless one is given. */

void
sm_survey_import_clear (SmSurveyImport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  report->n_imported = 0;
}

static gboolean
name_is (const char          *folded,
         const char * const  *names)
{
  return g_strv_contains (names, folded);
}

/* The column of each question: by q1/k1 or "kérdés 1", else by the
 * question's words, else -1. */
static int
question_column (OGRFeatureDefnH  defn,
                 const SmQuestion *q)
{
  g_autofree char *words = sm_text_fold (q->text);
  int n = OGR_FD_GetFieldCount (defn);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = sm_text_fold (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));
      g_autofree char *q_name = g_strdup_printf ("q%d", q->position);
      g_autofree char *k_name = g_strdup_printf ("k%d", q->position);
      g_autofree char *long_name = g_strdup_printf ("kerdes %d", q->position);
      g_autofree char *en_name = g_strdup_printf ("question %d", q->position);

      g_strstrip (name);
      if (g_str_equal (name, q_name) || g_str_equal (name, k_name) || g_str_equal (name, long_name) ||
          g_str_equal (name, en_name) || g_str_equal (name, words))
        return i;
    }
  return -1;
}

static int
column_named (OGRFeatureDefnH      defn,
              const char * const  *names)
{
  for (int i = 0; i < OGR_FD_GetFieldCount (defn); i++)
    {
      g_autofree char *name = sm_text_fold (OGR_Fld_GetNameRef (OGR_FD_GetFieldDefn (defn, i)));

      if (name_is (g_strstrip (name), names))
        return i;
    }
  return -1;
}

/* A service by its number or its exact name (accents and case aside). */
static gint64
find_service (GPtrArray   *places,
              const char  *text,
              GError     **error)
{
  g_autofree char *folded = sm_text_fold (text);
  gint64 id = 0, found = 0;
  char *end = NULL;

  id = g_ascii_strtoll (text, &end, 10);
  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);
      g_autofree char *name = sm_text_fold (p->service_name);

      if ((end != text && *end == '\0' && p->service_id == id) || g_str_equal (name, g_strstrip (folded)))
        {
          if (found != 0 && found != p->service_id)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                           _("several services are called “%s”; give its number"), text);
              return 0;
            }
          found = p->service_id;
        }
    }
  if (found == 0)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("there is no service “%s”"), text);
  return found;
}

/* One of a service's places by its number, its name or its address
 * (accents and case aside); 0 with @error when it is none of them. */
static gint64
find_place (GPtrArray   *places,
            gint64       service_id,
            const char  *text,
            GError     **error)
{
  g_autofree char *folded = g_strstrip (sm_text_fold (text));
  char *end = NULL;
  gint64 id = g_ascii_strtoll (text, &end, 10);

  for (guint i = 0; i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);
      g_autofree char *name = p->location_name ? sm_text_fold (p->location_name) : NULL;
      g_autofree char *address = p->address ? sm_text_fold (p->address) : NULL;

      if (p->service_id != service_id || p->location_id == 0)
        continue;
      if ((end != text && *end == '\0' && p->location_id == id) || g_strcmp0 (name, folded) == 0 ||
          g_strcmp0 (address, folded) == 0)
        return p->location_id;
    }
  g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("the service is not offered at “%s”"), text);
  return 0;
}

/* A day as people and forms write it, with or without a time after it. */
static char *
day_of (const char  *text,
        GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, " ", 2);
  g_autofree char *head = g_strdup (parts[0] ? parts[0] : "");
  GDate d;
  char *t = strchr (head, 'T');

  if (t != NULL)
    *t = '\0';
  if (!sm_date_parse_any (head, &d, NULL) && !sm_date_parse_any (text, &d, error))
    return NULL;
  return sm_date_to_iso (&d);
}

/**
 * sm_survey_import:
 * @path: a CSV, XLSX or ODS file GDAL reads, its first row the column names
 * @service_id: the service every row is about; 0: a column says
 *
 * A column of the place ("helyszín", "location") names one of the
 * service's places by its name, address or number; without it a response
 * is about no place in particular.
 * @report: (out caller-allocates): how many were imported; each row left
 *   out and why, numbered as the spreadsheet numbers rows (the header is
 *   row 1)
 *
 * The good rows are recorded in one transaction; a file that cannot be
 * read, or lacks the day or any question, writes nothing.
 */
gboolean
sm_survey_import (SmStore        *store,
                  const char     *path,
                  gint64          questionnaire_id,
                  gint64          service_id,
                  SmSurveyImport *report,
                  GError        **error)
{
  static const char * const service_names[] = { "service", "service id", "szolgaltatas", "szolgaltatas azonosito",
                                                NULL };
  static const char * const place_names[] = { "location", "place", "location id", "helyszin", "hely",
                                              "telephely", NULL };
  static const char * const day_names[] = { "date", "day", "answered on", "datum", "kitoltes datuma", "kitoltve",
                                            "idobelyeg", "timestamp", NULL };
  g_autoptr(GPtrArray) questions = sm_store_list_questions (store, questionnaire_id, error);
  g_autoptr(GPtrArray) places = NULL;
  g_autofree int *columns = NULL;
  GDALDatasetH ds = NULL;
  OGRLayerH layer;
  OGRFeatureDefnH defn;
  OGRFeatureH feature;
  int service_column, place_column, day_column, row = 1;
  gboolean ok = FALSE, any = FALSE;

  memset (report, 0, sizeof *report);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  if (questions == NULL || (places = sm_store_list_service_places (store, NULL, error)) == NULL)
    return FALSE;
  CPLSetThreadLocalConfigOption ("OGR_XLSX_HEADERS", "FORCE");
  CPLSetThreadLocalConfigOption ("OGR_ODS_HEADERS", "FORCE");
  ds = _sm_ogr_open_table (path, (const char * const[]) { "HEADERS=FORCE", NULL }, error);
  if (ds == NULL)
    return FALSE;
  layer = GDALDatasetGetLayerCount (ds) > 0 ? GDALDatasetGetLayer (ds, 0) : NULL;
  if (layer == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("“%s” holds no table"), path);
      goto out;
    }
  defn = OGR_L_GetLayerDefn (layer);
  service_column = column_named (defn, service_names);
  place_column = column_named (defn, place_names);
  day_column = column_named (defn, day_names);
  if (day_column < 0 || (service_id == 0 && service_column < 0))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, day_column < 0
                   ? _("“%s” has no column for the day (date, dátum, időbélyeg)")
                   : _("“%s” has no column for the service; give the service"), path);
      goto out;
    }
  columns = g_new0 (int, questions->len);
  for (guint i = 0; i < questions->len; i++)
    any |= (columns[i] = question_column (defn, g_ptr_array_index (questions, i))) >= 0;
  if (!any)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("“%s” has no column of a question (q1, q2, … or the question's words)"), path);
      goto out;
    }
  if (!sm_store_begin (store, error))
    goto out;
  OGR_L_ResetReading (layer);
  while ((feature = OGR_L_GetNextFeature (layer)) != NULL)
    {
      g_autoptr(GError) problem = NULL;
      g_autoptr(GPtrArray) answers = g_ptr_array_new ();
      g_autofree char *day = NULL;
      gint64 service = service_id, place = 0;

      row++;
      if (!OGR_F_IsFieldSetAndNotNull (feature, day_column) ||
          (day = day_of (OGR_F_GetFieldAsString (feature, day_column), &problem)) == NULL)
        {
          if (problem == NULL)
            g_set_error (&problem, SM_ERROR, SM_ERROR_INVALID, _("no day"));
        }
      else if (service == 0 && (service = find_service (places, OGR_F_GetFieldAsString (feature, service_column),
                                                        &problem)) == 0)
        ;
      else if (place_column >= 0 && OGR_F_IsFieldSetAndNotNull (feature, place_column) &&
               *OGR_F_GetFieldAsString (feature, place_column) != '\0' &&
               (place = find_place (places, service, OGR_F_GetFieldAsString (feature, place_column),
                                    &problem)) == 0)
        ;
      else
        {
          for (guint i = 0; i < questions->len; i++)
            g_ptr_array_add (answers, columns[i] >= 0 && OGR_F_IsFieldSetAndNotNull (feature, columns[i])
                                      ? (gpointer) OGR_F_GetFieldAsString (feature, columns[i]) : NULL);
          if (sm_satisfaction_record (store, questionnaire_id, service, place, day, "import",
                                      (const char * const *) answers->pdata, answers->len, FALSE, &problem) != 0)
            report->n_imported++;
        }
      if (problem != NULL)
        g_ptr_array_add (report->problems, g_strdup_printf (_("row %d: %s"), row, problem->message));
      OGR_F_Destroy (feature);
    }
  ok = sm_store_commit (store, error);

out:
  GDALClose (ds);
  return ok;
}
