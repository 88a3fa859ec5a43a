/* The roundtable pack read back as a reader would: pdftotext finds its
 * sections, dates and figures and never a client's name, an address or a
 * count under k; pdftoppm draws every page and none is blank; the map
 * pages carry their legend, scale and attribution; the tables beside it
 * hide what the document hides; the same data and date give the same
 * bytes. */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <cairo.h>
#include <zlib.h>

#include "sm-demo.h"
#include "sm-directory-booklet.h"
#include "sm-indicators.h"
#include "sm-number.h"
#include "sm-roundtable-pack.h"
#include "sm-store-services.h"
#include "sm-timelapse.h"
#include "sm-store-roundtable.h"
#include "sm-test-util.h"

typedef struct {
  char    *dir;
  char    *db;
  SmStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SmDemoOptions options = { .n_households = 1500, .seed = 11, .until = "2026-06-30" };

  f->dir = sm_test_make_dir ("sm-pack");
  f->db = g_build_filename (f->dir, "demo.db", NULL);
  f->store = sm_store_open (f->db, &error);
  g_assert_no_error (error);
  g_assert_true (sm_demo_generate (f->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  sm_test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->db);
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  const char *all[] = { "pdftotext", "-layout", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-layout", "-f", p, "-l", p, pdf, "-", NULL };

  return run (page > 0 ? one : all);
}

static int
n_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv);
  const char *at = strstr (info, "Pages:");

  g_assert_nonnull (at);
  return atoi (at + 6);
}

static gboolean
contains (const char *text,
          const char *needle)
{
  return strstr (text, needle) != NULL;
}

/* Share of the page's pixels that are not white, from pdftoppm's PGM. */
static double
ink_on_page (const char *pdf,
             int         page,
             const char *dir)
{
  g_autofree char *p = g_strdup_printf ("%d", page);
  g_autofree char *stem = g_build_filename (dir, "page", NULL);
  g_autofree char *pgm = g_strdup_printf ("%s.pgm", stem);
  const char *argv[] = { "pdftoppm", "-r", "30", "-gray", "-singlefile", "-f", p, "-l", p, pdf, stem, NULL };
  g_autofree char *out = run (argv);
  g_autofree char *data = NULL;
  gsize len;
  int w, h, max, n = 0, offset = 0;
  guint ink = 0;

  g_assert_true (g_file_get_contents (pgm, &data, &len, NULL));
  g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", &w, &h, &max, &offset), ==, 3);
  offset++;
  g_assert_cmpuint (len, >=, (gsize) (offset + w * h));
  for (int i = 0; i < w * h; i++, n++)
    if ((guint8) data[offset + i] < 200)
      ink++;
  g_unlink (pgm);
  return (double) ink / n;
}

static void
write_pack (Fixture    *f,
            const char *path,
            GStrv      *written)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 7, 1, 9, 30, 0);
  SmPackOptions options = { .from = "2025-07-01", .to = "2026-06-30", .created = created };

  g_assert_true (sm_roundtable_pack_write (f->store, &options, path, NULL, NULL, NULL, written, &error));
  g_assert_no_error (error);
}

static void
test_document (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "pack.pdf", NULL);
  g_autofree char *again = g_build_filename (f->dir, "again.pdf", NULL);
  g_autofree char *text = NULL, *info = NULL, *a = NULL, *b = NULL, *open_text = NULL;
  g_auto(GStrv) written = NULL, written2 = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(SmDisclosure) disclosure = sm_disclosure_new (5);
  g_autoptr(SmIndicatorContext) indicators = sm_indicator_context_new (f->store, disclosure);
  g_autoptr(GError) error = NULL;
  SmIndicatorValue open;
  gsize la, lb;
  int pages;

  write_pack (f, pdf, &written);
  g_assert_cmpuint (g_strv_length (written), >=, 8);
  for (guint i = 0; written[i] != NULL; i++)
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (written[i], &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0077, ==, 0);
    }
  g_assert_true (g_str_has_suffix (written[1], ".xlsx"));

  /* The metadata. */
  {
    const char *argv[] = { "pdfinfo", pdf, NULL };

    info = run (argv);
  }
  g_assert_true (contains (info, "Title:           Social roundtable pack: Tata"));
  g_assert_true (contains (info, "Author:          Coordination office"));
  g_assert_true (contains (info, "CreationDate:    Wed Jul  1 09:30:00 2026"));
  g_assert_true (contains (info, "A4"));

  /* What a reader looks for. */
  text = pdf_text (pdf, 0);
  for (guint i = 0; i < 7; i++)
    {
      static const char * const sections[] = {
        "1. Hotspots", "2. Households with open needs", "3. Month by month",
        "4. The signalling system, referrals and coverage", "5. Client satisfaction",
        "6. The cooperation programme", "7. Indicators against their targets",
      };

      g_assert_true (contains (text, sections[i]));
    }
  g_assert_true (contains (text, "Period: 01 Jul 2025 – 30 Jun 2026"));
  g_assert_true (contains (text, "Data as of 30 Jun 2026"));
  g_assert_true (contains (text, "Made on 01 Jul 2026"));
  g_assert_true (contains (text, "Hotspots, highest relative risk first"));
  g_assert_true (contains (text, "The programme's actions"));
  g_assert_true (contains (text, "LATE, "));
  g_assert_true (contains (text, "Meetings in the period"));
  g_assert_true (sm_indicator_compute (indicators, sm_indicator_lookup ("households_with_needs"), "2025-07-01",
                                       "2026-06-30", &open, &error));
  open_text = sm_format_integer (open.n);
  g_assert_true (contains (text, open_text));

  /* Never a client's name or address, nor a participant named as a person. */
  {
    g_autoptr(GPtrArray) households = sm_store_search_households (f->store, "", 200, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (households->len, >, 50);
    for (guint i = 0; i < households->len; i++)
      {
        SmHousehold *h = g_ptr_array_index (households, i);
        g_autoptr(GPtrArray) persons = sm_store_list_persons (f->store, h->id, &error);
        g_autofree char *street = h->address_raw ? g_strndup (h->address_raw, strcspn (h->address_raw, ",")) : NULL;

        if (h->address_raw != NULL)
          g_assert_false (contains (text, h->address_raw));
        for (guint p = 0; persons != NULL && p < persons->len; p++)
          {
            SmPerson *person = g_ptr_array_index (persons, p);
            g_autofree char *name = g_strdup_printf ("%s %s", person->family_name, person->given_name);

            g_assert_false (contains (text, name));
          }
      }
  }
  g_assert_false (contains (text, "Minta Védőnő"));
  g_assert_false (contains (text, "Minta Háziorvos"));

  /* Every page drawn, none blank; the map pages with legend, scale, north
   * and attribution. */
  pages = n_pages (pdf);
  g_assert_cmpint (pages, >=, 6);
  for (int p = 1; p <= pages; p++)
    g_assert_cmpfloat (ink_on_page (pdf, p, f->dir), >, 0.002);
  for (int p = 2; p <= 3; p++)
    {
      g_autofree char *page = pdf_text (pdf, p);

      g_assert_true (contains (page, "km"));
      g_assert_true (contains (page, "settlement boundary"));
      g_assert_true (contains (page, "hotspot"));
      g_assert_true (contains (page, "© OpenStreetMap contributors"));
      g_assert_true (contains (page, "KSH"));
      g_assert_true (contains (page, "30 Jun 2026"));
    }

  /* The same data and date: the same bytes. */
  write_pack (f, again, &written2);
  g_assert_true (g_file_get_contents (pdf, &a, &la, NULL));
  g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  (void) created;
}

/* The tables beside the PDF: a count of 1 to k − 1 is never written. */
static void
test_tables (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "tables.pdf", NULL);
  g_auto(GStrv) written = NULL;
  guint n_small = 0, n_csv = 0;

  write_pack (f, pdf, &written);
  for (guint i = 0; written[i] != NULL; i++)
    {
      g_autofree char *csv = NULL;
      g_auto(GStrv) lines = NULL;
      gboolean counts;

      if (!g_str_has_suffix (written[i], ".csv"))
        continue;
      n_csv++;
      /* Tables whose numbers are counts of households or signals. */
      counts = strstr (written[i], "-settlement_parts") || strstr (written[i], "-needs") ||
               strstr (written[i], "-signals") || strstr (written[i], "-coverage") || strstr (written[i], "-hotspots");
      if (!counts)
        continue;
      g_assert_true (g_file_get_contents (written[i], &csv, NULL, NULL));
      lines = g_strsplit (csv, "\n", -1);
      for (guint l = 1; lines[l] != NULL; l++)
        {
          g_auto(GStrv) cells = g_strsplit (lines[l], ",", -1);

          for (guint c = 1; cells[c] != NULL; c++)
            {
              char *end;
              long v = strtol (cells[c], &end, 10);

              if (g_str_has_prefix (cells[c], "\"<") || g_str_has_prefix (cells[c], "<"))
                n_small++;
              /* the hotspot list's extent and p, and the residents (KSH's
               * public figure), are not counts of households */
              if ((strstr (written[i], "-hotspots") && c >= 6) || (strstr (written[i], "-settlement_parts") && c == 1))
                continue;
              if (end != cells[c] && *end == '\0' && cells[c][0] != '+' && cells[c][0] != '-')
                g_assert_true (v == 0 || v >= 5);
            }
        }
    }
  g_assert_cmpuint (n_csv, ==, 9);
  g_assert_cmpuint (n_small, >, 0);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "bad.pdf", NULL);
  g_autoptr(GError) error = NULL;
  SmPackOptions backwards = { .from = "2026-06-30", .to = "2025-07-01" };
  SmPackOptions low_k = { .from = "2025-07-01", .to = "2026-06-30", .k = 3 };

  g_assert_false (sm_roundtable_pack_write (f->store, &backwards, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (sm_roundtable_pack_write (f->store, &low_k, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The residents' directory: every active service of the directory under
 * its needs and its type, a map per need, no case data; large print is
 * larger; the web pages link to each other and to the maps. */
static void
test_directory (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "directory.pdf", NULL);
  g_autofree char *large = g_build_filename (f->dir, "large.pdf", NULL);
  g_autofree char *web = g_build_filename (f->dir, "web", NULL);
  g_autofree char *index_path = g_build_filename (web, "index.html", NULL);
  g_autofree char *text = NULL, *index = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = g_date_time_new_utc (2026, 7, 1, 9, 30, 0);
  g_autoptr(GPtrArray) places = sm_store_list_service_places (f->store, NULL, &error);
  g_autoptr(GPtrArray) households = sm_store_search_households (f->store, "", 100, &error);
  g_auto(GStrv) written = NULL;
  SmBookletOptions options = { .created = created }, big = { .created = created, .large_print = TRUE };
  int pages;

  g_assert_true (sm_directory_booklet_write_pdf (f->store, &options, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (sm_directory_booklet_write_pdf (f->store, &big, large, &error));
  text = pdf_text (pdf, 0);
  g_assert_true (contains (text, "Help in Tata: social services"));
  g_assert_true (contains (text, "By what you need"));
  g_assert_true (contains (text, "By type of service"));
  g_assert_true (contains (text, "Who can use it"));
  g_assert_true (contains (text, "© OpenStreetMap contributors"));
  for (guint i = 0; i < places->len; i++)
    {
      SmServicePlace *p = g_ptr_array_index (places, i);
      g_autofree char *first = g_utf8_substring (p->service_name, 0, MIN (g_utf8_strlen (p->service_name, -1), 20));

      if (g_str_equal (p->status, "active"))
        g_assert_true (contains (text, first));
    }
  for (guint i = 0; i < households->len; i++)
    {
      SmHousehold *h = g_ptr_array_index (households, i);

      if (h->address_raw != NULL)
        g_assert_false (contains (text, h->address_raw));
    }
  pages = n_pages (pdf);
  g_assert_cmpint (n_pages (large), >, pages);
  for (int p = 1; p <= pages; p++)
    g_assert_cmpfloat (ink_on_page (pdf, p, f->dir), >, 0.001);

  g_assert_true (sm_directory_booklet_write_html (f->store, &options, web, &written, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (index_path, &index, NULL, NULL));
  g_assert_true (contains (index, "<html lang=\"en\">"));
  for (guint i = 0; written[i] != NULL; i++)
    {
      g_autofree char *page = NULL, *name = g_path_get_basename (written[i]);
      g_autofree char *link = g_strdup_printf ("href=\"%s\"", name);

      if (!g_str_has_suffix (name, ".html") || g_str_equal (name, "index.html"))
        continue;
      g_assert_true (contains (index, link));
      g_assert_true (g_file_get_contents (written[i], &page, NULL, NULL));
      g_assert_true (contains (page, "href=\"index.html\""));
      g_assert_true (contains (page, ".svg\""));
    }
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* The time-lapse: one image per month, and an animated PNG whose chunks
 * are whole, whose frames are as many as the months, numbered in turn. */
static void
test_timelapse (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "hotspots.png", NULL);
  g_autofree char *apng = NULL;
  g_auto(GStrv) written = NULL;
  g_autoptr(GError) error = NULL;
  gsize len, at = 8;
  guint n_fctl = 0, n_actl = 0, frames = 0, n_idat = 0;
  guint32 next_sequence = 0;

  g_assert_true (sm_timelapse_write (f->store, "2025-07-01", "2026-06-30", 0, path, NULL, NULL, NULL, &written,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (written), ==, 13);
  for (guint i = 1; written[i] != NULL; i++)
    {
      cairo_surface_t *frame = cairo_image_surface_create_from_png (written[i]);
      const guint8 *pixels;
      int stride, distinct = 0;
      guint32 first;

      g_assert_cmpint (cairo_surface_status (frame), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (frame), ==, 1280);
      g_assert_cmpint (cairo_image_surface_get_height (frame), ==, 720);
      pixels = cairo_image_surface_get_data (frame);
      stride = cairo_image_surface_get_stride (frame);
      first = *(const guint32 *) pixels;
      for (int y = 0; y < 720 && distinct < 1000; y += 7)
        for (int x = 0; x < 1280; x += 7)
          distinct += *(const guint32 *) (pixels + y * stride + 4 * x) != first;
      g_assert_cmpint (distinct, >=, 1000);
      cairo_surface_destroy (frame);
    }
  g_assert_true (g_str_has_suffix (written[1], "-2025-07.png"));
  g_assert_true (g_str_has_suffix (written[12], "-2026-06.png"));

  g_assert_true (g_file_get_contents (path, &apng, &len, NULL));
  g_assert_cmpmem (apng, 8, "\x89PNG\r\n\x1a\n", 8);
  while (at + 12 <= len)
    {
      const guint8 *p = (const guint8 *) apng + at;
      guint32 length = be32 (p);

      g_assert_cmpuint (at + 12 + length, <=, len);
      g_assert_cmpuint (be32 (p + 8 + length), ==, (guint32) crc32 (0, p + 4, 4 + length));
      if (memcmp (p + 4, "acTL", 4) == 0)
        {
          n_actl++;
          frames = be32 (p + 8);
          g_assert_cmpuint (n_fctl, ==, 0);
        }
      else if (memcmp (p + 4, "fcTL", 4) == 0 || memcmp (p + 4, "fdAT", 4) == 0)
        {
          g_assert_cmpuint (be32 (p + 8), ==, next_sequence);
          next_sequence++;
          n_fctl += memcmp (p + 4, "fcTL", 4) == 0;
        }
      else if (memcmp (p + 4, "IDAT", 4) == 0)
        {
          g_assert_cmpuint (n_fctl, ==, 1);
          n_idat++;
        }
      at += 12 + length;
    }
  g_assert_cmpuint (at, ==, len);
  g_assert_cmpuint (n_actl, ==, 1);
  g_assert_cmpuint (frames, ==, 12);
  g_assert_cmpuint (n_fctl, ==, 12);
  g_assert_cmpuint (n_idat, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/pack/document", Fixture, NULL, fixture_set_up, test_document, fixture_tear_down);
  g_test_add ("/pack/tables", Fixture, NULL, fixture_set_up, test_tables, fixture_tear_down);
  g_test_add ("/pack/directory", Fixture, NULL, fixture_set_up, test_directory, fixture_tear_down);
  g_test_add ("/pack/timelapse", Fixture, NULL, fixture_set_up, test_timelapse, fixture_tear_down);
  g_test_add ("/pack/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
