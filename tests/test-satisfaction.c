/* Client satisfaction: answers as people write them, a response refused
 * whole, the figures per question against a reference computed here,
 * groups under k not shown, quarters, the yearly summary by service, and
 * an online form's export imported with its bad rows named. */

#include "config.h"

#include <math.h>
#include <glib/gstdio.h>

#include "sm-error.h"
#include "sm-import-survey.h"
#include "sm-questionnaire.h"
#include "sm-satisfaction.h"
#include "sm-store-services.h"
#include "sm-test-util.h"

static gint64
add_service (SmStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  SmOrganization org = { .name = (char *) name, .kind = (char *) "church" };
  SmService s = { .service_type = (char *) "etkeztetes", .name = (char *) name, .capacity = -1, .age_min = -1,
                  .age_max = -1, .status = (char *) "active" };
  gint64 id;

  s.organization_id = sm_store_add_organization (store, &org, &error);
  id = sm_store_add_service (store, &s, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_answers (void)
{
  static const struct { SmQuestionKind kind; const char *text; gboolean ok; int value; } cases[] = {
    { SM_QUESTION_SCALE, "5", TRUE, 5 }, { SM_QUESTION_SCALE, " 1 ", TRUE, 1 }, { SM_QUESTION_SCALE, "", TRUE, -1 },
    { SM_QUESTION_SCALE, NULL, TRUE, -1 }, { SM_QUESTION_SCALE, "0", FALSE, -1 }, { SM_QUESTION_SCALE, "6", FALSE, -1 },
    { SM_QUESTION_SCALE, "4,5", FALSE, -1 }, { SM_QUESTION_SCALE, "jó", FALSE, -1 },
    { SM_QUESTION_YES_NO, "Igen", TRUE, 1 }, { SM_QUESTION_YES_NO, "nem", TRUE, 0 }, { SM_QUESTION_YES_NO, "NO", TRUE, 0 },
    { SM_QUESTION_YES_NO, "yes", TRUE, 1 }, { SM_QUESTION_YES_NO, "I", TRUE, 1 }, { SM_QUESTION_YES_NO, "talán", FALSE, -1 },
    { SM_QUESTION_TEXT, "bármi", TRUE, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int value = 99;

      g_assert_cmpint (sm_satisfaction_parse_answer (cases[i].kind, cases[i].text, &value), ==, cases[i].ok);
      if (cases[i].ok)
        g_assert_cmpint (value, ==, cases[i].value);
    }
}

static void
test_results (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-satisfaction");
  g_autofree char *path = g_build_filename (dir, "survey.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmSatisfactionResult) a = NULL, b = NULL, all = NULL;
  g_autoptr(GArray) trend = NULL, rows = NULL;
  /* Service A: seven responses over two quarters; B: three. */
  static const char *a_answers[][6] = {
    { "5", "4", "5", "3", "igen", "" }, { "4", "4", "5", "2", "igen", "Több időpont" },
    { "3", "", "4", "3", "nem", "" }, { "5", "5", "5", "4", "igen", "" }, { "2", "3", "4", "1", "nem", "" },
    { "4", "4", "5", "3", "", "" }, { "5", "4", "4", "4", "igen", "" },
  };
  static const char *a_days[] = { "2025-10-02", "2025-10-15", "2025-11-20", "2025-12-01", "2025-12-30",
                                  "2026-01-05", "2026-02-10" };
  static const char *b_answers[][6] = {
    { "1", "1", "2", "1", "nem", "" }, { "2", "2", "2", "2", "nem", "" }, { "1", "2", "3", "1", "nem", "" },
  };
  const SmSatisfactionQuestion *q1, *q2, *q5;
  gint64 sa, sb;
  double reference = 0;

  g_assert_no_error (error);
  sa = add_service (store, "Népkonyha A");
  sb = add_service (store, "Népkonyha B");
  for (guint i = 0; i < G_N_ELEMENTS (a_answers); i++)
    g_assert_cmpint (sm_satisfaction_record (store, 1, sa, 0, a_days[i], "paper", a_answers[i], 6, FALSE, &error), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (b_answers); i++)
    g_assert_cmpint (sm_satisfaction_record (store, 1, sb, 0, "2025-11-11", "paper", b_answers[i], 6, FALSE, &error), >, 0);
  g_assert_no_error (error);

  /* Refused whole: a bad answer, an empty form, too many answers, no
   * such service. */
  {
    const char *bad[] = { "5", "9" }, *empty[] = { "", "" }, *many[] = { "1", "1", "1", "1", "igen", "", "x" };

    g_assert_cmpint (sm_satisfaction_record (store, 1, sa, 0, "2025-10-02", "paper", bad, 2, FALSE, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (sm_satisfaction_record (store, 1, sa, 0, "2025-10-02", "paper", empty, 2, FALSE, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (sm_satisfaction_record (store, 1, sa, 0, "2025-10-02", "paper", many, 7, FALSE, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (sm_satisfaction_record (store, 1, 999, 0, "2025-10-02", "paper", bad, 1, FALSE, &error), ==, 0);
    g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response"), ==, 10);
  }

  a = sm_satisfaction_compute (store, 1, sa, 0, NULL, NULL, disclosure, &error);
  g_assert_cmpuint (a->n_responses, ==, 7);
  g_assert_true (a->shown);
  q1 = a->questions->pdata[0];
  q2 = a->questions->pdata[1];
  q5 = a->questions->pdata[4];
  for (guint i = 0; i < G_N_ELEMENTS (a_answers); i++)
    reference += g_ascii_strtod (a_answers[i][0], NULL);
  g_assert_cmpuint (q1->n, ==, 7);
  g_assert_cmpfloat_with_epsilon (q1->mean, reference / 7, 1e-9);
  g_assert_cmpuint (q1->counts[5], ==, 3);
  g_assert_cmpuint (q1->counts[1], ==, 0);
  g_assert_cmpuint (q2->n, ==, 6);   /* one left it blank */
  g_assert_cmpfloat_with_epsilon (q2->mean, 24.0 / 6, 1e-9);
  g_assert_cmpuint (q5->n, ==, 6);
  g_assert_cmpfloat_with_epsilon (q5->mean, 4.0 / 6, 1e-9);
  g_assert_cmpuint (q5->counts[1], ==, 4);

  /* Three responses: the group is not shown, nor any figure of it. */
  b = sm_satisfaction_compute (store, 1, sb, 0, NULL, NULL, disclosure, &error);
  g_assert_false (b->shown);
  g_assert_false (((SmSatisfactionQuestion *) b->questions->pdata[0])->shown);
  g_assert_true (isnan (((SmSatisfactionQuestion *) b->questions->pdata[0])->mean));
  g_assert_cmpuint (((SmSatisfactionQuestion *) b->questions->pdata[0])->counts[1], ==, 0);
  all = sm_satisfaction_compute (store, 1, 0, 0, NULL, NULL, disclosure, &error);
  g_assert_cmpuint (all->n_responses, ==, 10);

  /* By quarter: 2025 Q4 holds five, 2026 Q1 two (not shown). */
  trend = sm_satisfaction_trend (store, 1, sa, 0, q1->question_id, NULL, NULL, disclosure, &error);
  g_assert_cmpuint (trend->len, ==, 2);
  g_assert_cmpint (g_array_index (trend, SmSatisfactionQuarter, 0).year, ==, 2025);
  g_assert_cmpint (g_array_index (trend, SmSatisfactionQuarter, 0).quarter, ==, 4);
  g_assert_true (g_array_index (trend, SmSatisfactionQuarter, 0).shown);
  g_assert_cmpfloat_with_epsilon (g_array_index (trend, SmSatisfactionQuarter, 0).mean, 19.0 / 5, 1e-9);
  g_assert_false (g_array_index (trend, SmSatisfactionQuarter, 1).shown);
  g_assert_true (isnan (g_array_index (trend, SmSatisfactionQuarter, 1).mean));

  /* The year's summary by service: A with its means, B without. */
  rows = sm_satisfaction_by_service (store, 1, "2025-01-01", "2026-12-31", disclosure, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpint (g_array_index (rows, SmSatisfactionServiceRow, 0).service_id, ==, sa);
  g_assert_true (g_array_index (rows, SmSatisfactionServiceRow, 0).shown);
  g_assert_cmpfloat_with_epsilon (g_array_index (rows, SmSatisfactionServiceRow, 0).means[0], reference / 7, 1e-9);
  g_assert_false (g_array_index (rows, SmSatisfactionServiceRow, 1).shown);
  g_assert_true (isnan (g_array_index (rows, SmSatisfactionServiceRow, 1).means[0]));

  /* The summary to publish: A's responses and means (yes/no as a share,
   * no free text), B only "fewer than k". */
  {
    g_autoptr(GPtrArray) lines = sm_satisfaction_summary_rows (store, 1, "2025-01-01", "2026-12-31", disclosure,
                                                               &error);
    g_autofree char *q1_mean = g_strdup_printf ("%.2f", reference / 7);
    guint a_lines = 0, b_lines = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < lines->len; i++)
      {
        GPtrArray *line = lines->pdata[i];

        g_assert_cmpuint (line->len, ==, 4);
        if (g_str_has_prefix (line->pdata[0], "Népkonyha A"))
          {
            a_lines++;
            if (g_str_equal (line->pdata[1], "responses"))
              g_assert_cmpstr (line->pdata[3], ==, "7");
            if (g_str_equal (line->pdata[1], "q1"))
              g_assert_cmpstr (line->pdata[3], ==, q1_mean);
            if (g_str_equal (line->pdata[1], "q5"))
              g_assert_cmpstr (line->pdata[3], ==, "67%");
            g_assert_cmpstr (line->pdata[1], !=, "q6");
          }
        else
          {
            b_lines++;
            g_assert_cmpstr (line->pdata[1], ==, "responses");
            g_assert_cmpstr (line->pdata[3], ==, "fewer than 5");
          }
      }
    g_assert_cmpuint (a_lines, ==, 6);   /* responses and five questions with figures */
    g_assert_cmpuint (b_lines, ==, 1);
  }
  sm_test_remove_dir (dir);
}

static void
test_import (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-satisfaction");
  g_autofree char *path = g_build_filename (dir, "survey.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "urlap.csv", NULL);
  g_autofree char *nodate = g_build_filename (dir, "datum-nelkul.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  SmSurveyImport report = { 0 };
  gint64 service;

  service = add_service (store, "Idősek Klubja");
  /* As an online form exports it: a timestamp, the service by name, the
   * questions by their words or numbers. */
  g_assert_true (g_file_set_contents (csv,
    "Időbélyeg,Szolgáltatás,Összességében mennyire elégedett a szolgáltatással?,q2,q3,q4,Kérdés 5,q6\n"
    "2025.10.01. 10:22:03,Idősek Klubja,5,5,5,4,Igen,\n"
    "2025-10-02T08:00:00,idősek klubja,4,x,5,5,nem,\n"
    "2025-10-03,Nincs ilyen,4,4,4,4,igen,\n"
    "nem dátum,Idősek Klubja,4,4,4,4,igen,\n"
    "2025-10-04,Idősek Klubja,3,3,4,2,nem,\"Hosszú, nagyon hosszú várakozás\"\n", -1, NULL));
  g_assert_true (sm_survey_import (store, csv, 1, 0, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_imported, ==, 2);
  g_assert_cmpuint (report.problems->len, ==, 3);
  g_assert_true (g_str_has_prefix (report.problems->pdata[0], "row 3:"));
  g_assert_true (g_str_has_prefix (report.problems->pdata[1], "row 4:"));
  g_assert_true (g_str_has_prefix (report.problems->pdata[2], "row 5:"));
  sm_survey_import_clear (&report);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE source = 'import'"), ==, 2);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_answer WHERE text LIKE 'Hosszú, nagyon%'"), ==, 1);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE answered_on = '2025-10-01'"), ==, 1);

  /* No column for the day: nothing written. */
  g_assert_true (g_file_set_contents (nodate, "q1,q2\n5,5\n", -1, NULL));
  g_assert_false (sm_survey_import (store, nodate, 1, service, &report, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_FORMAT);
  sm_survey_import_clear (&report);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response"), ==, 2);
  sm_test_remove_dir (dir);
}

/* Responses about one of a service's places: recorded there, refused at a
 * place the service is not offered at, read per place with the same
 * suppression, imported from a column naming the place. */
static void
test_places (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-satisfaction");
  g_autofree char *path = g_build_filename (dir, "places.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "helyek.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmSatisfactionResult) north = NULL, south = NULL, both = NULL;
  static const char *answers[] = { "4", "4", "5", "3", "igen", "" };
  SmLocation n = { .name = (char *) "Északi klub", .address_raw = (char *) "Fő utca 1.", .has_location = TRUE,
                   .lat = 47.65, .lon = 18.32, .quality = SM_GEOCODE_MANUAL };
  SmLocation so = { .name = (char *) "Déli klub", .address_raw = (char *) "Rózsa utca 9.", .has_location = TRUE,
                    .lat = 47.63, .lon = 18.33, .quality = SM_GEOCODE_MANUAL };
  SmSurveyImport report = { 0 };
  gint64 service, other, ln, ls, lo;

  g_assert_no_error (error);
  service = add_service (store, "Idősek Klubja");
  other = add_service (store, "Népkonyha");
  ln = sm_store_add_location (store, &n, &error);
  ls = sm_store_add_location (store, &so, &error);
  lo = sm_store_add_location (store, &n, &error);
  g_assert_true (sm_store_link_service_location (store, service, ln, &error));
  g_assert_true (sm_store_link_service_location (store, service, ls, &error));
  g_assert_true (sm_store_link_service_location (store, other, lo, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 6; i++)
    g_assert_cmpint (sm_satisfaction_record (store, 1, service, ln, "2025-10-02", "paper", answers, 6, FALSE, &error),
                     >, 0);
  for (int i = 0; i < 2; i++)
    g_assert_cmpint (sm_satisfaction_record (store, 1, service, ls, "2025-10-03", "paper", answers, 6, FALSE, &error),
                     >, 0);
  g_assert_no_error (error);
  /* Not a place of this service: refused, nothing written. */
  g_assert_cmpint (sm_satisfaction_record (store, 1, service, lo, "2025-10-03", "paper", answers, 6, FALSE, &error),
                   ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response"), ==, 8);

  north = sm_satisfaction_compute (store, 1, service, ln, NULL, NULL, disclosure, &error);
  south = sm_satisfaction_compute (store, 1, service, ls, NULL, NULL, disclosure, &error);
  both = sm_satisfaction_compute (store, 1, service, 0, NULL, NULL, disclosure, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (north->n_responses, ==, 6);
  g_assert_true (north->shown);
  g_assert_false (south->shown);     /* two: fewer than k */
  g_assert_true (isnan (((SmSatisfactionQuestion *) south->questions->pdata[0])->mean));
  g_assert_cmpuint (both->n_responses, ==, 8);

  /* From a form with a column of the place, by name or address. */
  g_assert_true (g_file_set_contents (csv,
    "Dátum,Helyszín,q1,q2,q3,q4,q5,q6\n"
    "2025-11-01,Déli klub,5,5,5,5,igen,\n"
    "2025-11-02,rozsa utca 9.,4,4,4,4,igen,\n"
    "2025-11-03,,3,3,3,3,nem,\n"
    "2025-11-04,Nincs ilyen hely,3,3,3,3,nem,\n", -1, NULL));
  g_assert_true (sm_survey_import (store, csv, 1, service, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (report.problems->pdata[0], "row 5:"));
  sm_survey_import_clear (&report);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE source = 'import' AND "
                                          "location_id IS NOT NULL"), ==, 2);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_response WHERE source = 'import' AND "
                                          "location_id IS NULL"), ==, 1);
  sm_test_remove_dir (dir);
}

static GPtrArray *
questions_of (const char * const *texts)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_question_free);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      SmQuestion *q = g_new0 (SmQuestion, 1);
      g_autoptr(GError) error = NULL;

      g_assert_true (sm_question_parse (texts[i], q, &error));
      g_assert_no_error (error);
      g_ptr_array_add (list, q);
    }
  return list;
}

/* A questionnaire of the office's own: made and changed as one action;
 * once answered only reworded; the standard one kept as seeded; removed
 * only without responses. */
static void
test_questionnaires (void)
{
  g_autofree char *dir = sm_test_make_dir ("sm-satisfaction");
  g_autofree char *path = g_build_filename (dir, "own.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(GPtrArray) three = questions_of ((const char *[]) { "scale: Mennyire ízlett az étel?",
                                                                 "igen/nem: Időben érkezett?",
                                                                 "Szöveg: Megjegyzés", NULL });
  g_autoptr(GPtrArray) reworded = questions_of ((const char *[]) { "1-5: Mennyire ízlett az ebéd?",
                                                                    "yes/no: Időben hozták?",
                                                                    "text: Mit tegyünk jobban?", NULL });
  g_autoptr(GPtrArray) two = questions_of ((const char *[]) { "scale: Ízlett?", "text: Más?", NULL });
  g_autoptr(GPtrArray) blank = questions_of ((const char *[]) { "scale:   ", NULL });
  g_autoptr(GPtrArray) listed = NULL;
  static const char *answers[] = { "5", "igen", "finom" };
  SmQuestion q;
  gint64 id, service;

  g_assert_no_error (error);
  service = add_service (store, "Népkonyha");
  g_assert_false (sm_question_parse ("Mennyire ízlett?", &q, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);

  /* Refused, nothing written: no name, a blank question, none at all. */
  g_assert_cmpint (sm_questionnaire_save (store, 0, "  ", three, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_questionnaire_save (store, 0, "Ebéd", blank, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (sm_questionnaire_save (store, 0, "Ebéd", NULL, &error), ==, 0);
  g_clear_error (&error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM questionnaire"), ==, 1);

  id = sm_questionnaire_save (store, 0, " Ebéd ", three, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 1);
  listed = sm_store_list_questions (store, id, &error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpint (((SmQuestion *) listed->pdata[1])->kind, ==, SM_QUESTION_YES_NO);
  g_assert_cmpstr (((SmQuestion *) listed->pdata[2])->text, ==, "Megjegyzés");
  g_clear_pointer (&listed, g_ptr_array_unref);
  /* Without responses its questions may change freely. */
  g_assert_cmpint (sm_questionnaire_save (store, id, "Ebéd", two, &error), ==, id);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM question WHERE questionnaire_id > 1"), ==, 2);
  g_assert_cmpint (sm_questionnaire_save (store, id, "Ebéd", three, &error), ==, id);

  /* Answered: reworded yes, changed no. */
  g_assert_cmpint (sm_satisfaction_record (store, id, service, 0, "2025-11-05", "paper", answers, 3, FALSE, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (sm_questionnaire_save (store, id, "Ebéd", two, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (sm_questionnaire_save (store, id, "Ebéd kérdőív", reworded, &error), ==, id);
  g_assert_no_error (error);
  listed = sm_store_list_questions (store, id, &error);
  g_assert_cmpstr (((SmQuestion *) listed->pdata[0])->text, ==, "Mennyire ízlett az ebéd?");
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM survey_answer"), ==, 3);
  g_assert_false (sm_questionnaire_remove (store, id, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The standard one stays. */
  g_assert_cmpint (sm_questionnaire_save (store, 1, "Más", three, &error), ==, 0);
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (sm_questionnaire_remove (store, 1, &error));
  g_assert_error (error, SM_ERROR, SM_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* One never answered goes, with its questions. */
  id = sm_questionnaire_save (store, 0, "Próba", two, &error);
  g_assert_true (sm_questionnaire_remove (store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM questionnaire"), ==, 2);
  g_assert_cmpint (sm_test_scalar (store, "SELECT count(*) FROM question WHERE questionnaire_id > 1"), ==, 3);
  sm_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/satisfaction/answers", test_answers);
  g_test_add_func ("/satisfaction/results", test_results);
  g_test_add_func ("/satisfaction/import", test_import);
  g_test_add_func ("/satisfaction/places", test_places);
  g_test_add_func ("/satisfaction/questionnaires", test_questionnaires);
  return g_test_run ();
}
