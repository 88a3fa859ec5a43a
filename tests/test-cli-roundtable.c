/* The roundtable from the command line, as the office would use it: a
 * meeting with an organization, a person by role, an opinion by a
 * participant and one without a name; the programme's next version and an
 * agreement; an action moved on (refused without a note); a target and
 * the indicators; the pack, the time-lapse and the residents' directory;
 * errors in the user's words with exit status 1. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sm-test-cli.h"
#include "sm-test-util.h"

static char *tmpdir;

static void
test_roundtable (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "rt.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 }, r7 = { 0 }, r8 = { 0 };
  g_auto(Run) r9 = { 0 }, r10 = { 0 }, r11 = { 0 }, r12 = { 0 }, r13 = { 0 }, r14 = { 0 }, r15 = { 0 };
  JsonArray *list;
  JsonObject *meeting = NULL;
  gint64 late_id = 0;

  run (&r1, "demo", db, "--cases", "400", "--seed", "5", "--until", "2026-06-30", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  run (&r2, "roundtable", "meeting", db, "--on", "2026.06.15.", "--title", "Rendkívüli ülés", "--place", "Városháza",
       "--participant", "1=elnök", "--participant", "Kovács Éva=védőnő", "--opinion", "2:Lakhatás=Kevés a férőhely",
       "--opinion", "Idősek=Hosszú a várólista", "--decision", "Munkacsoport alakul", NULL);
  g_assert_cmpint (r2.status, ==, 0);
  run (&r3, "roundtable", "meetings", db, "--from", "2026-06-15", "--to", "2026-06-15", "--format", "json", NULL);
  g_assert_cmpint (r3.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r3.out, -1, &error));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  meeting = json_array_get_object_element (list, 0);
  g_assert_cmpstr (json_object_get_string_member (meeting, "held_on"), ==, "2026-06-15");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (meeting, "participants")), ==, 2);
  {
    JsonArray *opinions = json_object_get_array_member (meeting, "opinions");
    JsonObject *first = json_array_get_object_element (opinions, 0);
    JsonObject *second = json_array_get_object_element (opinions, 1);

    g_assert_cmpstr (json_object_get_string_member (first, "by"), ==, "Kovács Éva");
    g_assert_true (json_object_get_null_member (second, "by"));
  }
  /* An opinion by a participant the meeting does not have: nothing written. */
  run (&r4, "roundtable", "meeting", db, "--title", "Rossz", "--opinion", "5:Téma=Szöveg", NULL);
  expect_user_error (&r4, "participant 5");

  run (&r5, "roundtable", "programme", db, "--section", "Alapelvek=Önkéntes együttműködés", "--section",
       "Célok=Kevesebb lefedetlen szükséglet", "--on", "2026-06-20", NULL);
  g_assert_cmpint (r5.status, ==, 0);
  g_assert_nonnull (strstr (r5.out, "Version 3"));
  run (&r6, "roundtable", "programme", db, "--agree", "3", "--by", "Dr. Szabó Ilona", "--on", "2026-06-21", NULL);
  g_assert_cmpint (r6.status, ==, 0);
  run (&r7, "roundtable", "programme", db, NULL);
  g_assert_nonnull (strstr (r7.out, "version 3 of 2026-06-20"));
  g_assert_nonnull (strstr (r7.out, "Agreed by Dr. Szabó Ilona on 2026-06-21"));

  /* The demo's late action, as on the day after the demo's history. */
  run (&r8, "roundtable", "actions", db, "--on", "2026-07-01", "--overdue", "--format", "json", NULL);
  g_assert_cmpint (r8.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r8.out, -1, &error));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 1);
  late_id = json_object_get_int_member (json_array_get_object_element (list, 0), "id");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "days_overdue"), ==, 31);
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, late_id);

    run (&r9, "roundtable", "update", db, id, "--status", "done", NULL);
    expect_user_error (&r9, "note");
    run (&r10, "roundtable", "update", db, id, "--status", "kész", "--note", "Elkészült", "--on", "2026-07-02", NULL);
    g_assert_cmpint (r10.status, ==, 0);
  }
  run (&r11, "roundtable", "target", db, "new_needs", "12,5", NULL);
  g_assert_cmpint (r11.status, ==, 0);
  run (&r12, "roundtable", "indicators", db, "--from", "2025-07-01", "--to", "2026-06-30", "--monthly", "--format",
       "json", NULL);
  g_assert_cmpint (r12.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, r12.out, -1, &error));
  list = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (list), ==, 12);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *o = json_array_get_object_element (list, i);

      if (g_str_equal (json_object_get_string_member (o, "indicator"), "new_needs"))
        {
          g_assert_cmpfloat (json_object_get_double_member (o, "target"), ==, 12.5);
          g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "months")), ==, 12);
        }
    }
  run (&r13, "roundtable", "target", db, "no_such_thing", "3", NULL);
  expect_user_error (&r13, "not an indicator");
  run (&r14, "roundtable", "indicators", db, "--from", "2026-07-01", "--to", "2026-01-01", NULL);
  expect_user_error (&r14, "not a period");
  run (&r15, "roundtable", "dance", db, NULL);
  expect_user_error (&r15, "not a roundtable command");
}

static void
test_reports (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "rt.db", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "pack.pdf", NULL);
  g_autofree char *again = g_build_filename (tmpdir, "again.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (tmpdir, "pack.xlsx", NULL);
  g_autofree char *apng = g_build_filename (tmpdir, "hotspots.png", NULL);
  g_autofree char *frame = g_build_filename (tmpdir, "hotspots-2026-03.png", NULL);
  g_autofree char *booklet = g_build_filename (tmpdir, "services.pdf", NULL);
  g_autofree char *web = g_build_filename (tmpdir, "web", NULL);
  g_autofree char *index = g_build_filename (web, "index.html", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_auto(Run) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 }, r6 = { 0 };
  gsize la, lb;

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("needs /cli-roundtable/commands first");
      return;
    }
  /* SOURCE_DATE_EPOCH fixes the document's date: the same bytes twice. */
  g_setenv ("SOURCE_DATE_EPOCH", "1782900000", TRUE);
  run (&r1, "report", "roundtable", db, "--from", "2025-07-01", "--to", "2026-06-30", pdf, NULL);
  g_assert_cmpint (r1.status, ==, 0);
  g_assert_nonnull (strstr (r1.out, "pack.xlsx"));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  run (&r2, "report", "roundtable", db, "--from", "2025-07-01", "--to", "2026-06-30", "--no-tables", again, NULL);
  g_assert_cmpint (r2.status, ==, 0);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_true (g_file_get_contents (pdf, &a, &la, NULL));
  g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);

  run (&r3, "report", "timelapse", db, "--from", "2026-01-01", "--to", "2026-06-30", apng, NULL);
  g_assert_cmpint (r3.status, ==, 0);
  g_assert_true (g_file_test (frame, G_FILE_TEST_EXISTS));
  run (&r4, "report", "directory", db, booklet, "--large-print", "--html", web, NULL);
  g_assert_cmpint (r4.status, ==, 0);
  g_assert_true (g_file_test (booklet, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
  run (&r5, "report", "roundtable", db, "--from", "2026-06-30", "--to", "2025-07-01", pdf, NULL);
  expect_user_error (&r5, "first day comes after its last");
  run (&r6, "report", "roundtable", db, "--k", "2", pdf, NULL);
  g_assert_cmpint (r6.status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  cli = argv[1];
  tmpdir = sm_test_make_dir ("sm-cli-roundtable");
  g_test_add_func ("/cli-roundtable/commands", test_roundtable);
  g_test_add_func ("/cli-roundtable/reports", test_reports);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  return status;
}
