#include "config.h"

#include <math.h>

#include "sm-basemap.h"
#include "sm-geocoder.h"
#include "sm-store-private.h"
#include "sm-test-util.h"

/* The geocoder on a synthetic street fixture of Tata (known answers) and on
 * the real Liechtenstein extract: a held-out sample of its addressed
 * features, geocoded against the rest. */

static char *tmpdir;

static SmStore *
fixture_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "tata.db", NULL);
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "tata-streets-synthetic.osm", NULL);
  SmStore *store = sm_store_open (path, &error);

  g_assert_no_error (error);
  if (sm_store_count (store, "basemap_feature") == 0)
    {
      g_assert_true (sm_basemap_import_osm (store, osm, NULL, NULL, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (_sm_store_exec (store,
        "INSERT INTO settlement_part (ksh_code, settlement, name, postal_code, anchor_lon, anchor_lat)"
        " VALUES ('20127', 'Tata', 'Agostyán', '2835', 18.395977, 47.668727),"
        "        ('20127', 'Tata', 'Központi belterület', '2890', 18.318380, 47.652890)", &error));
    }
  return store;
}

static double
distance_m (double lat1,
            double lon1,
            double lat2,
            double lon2)
{
  double dx = (lon1 - lon2) * cos ((lat1 + lat2) / 2 * G_PI / 180) * 111320;
  double dy = (lat1 - lat2) * 110540;

  return sqrt (dx * dx + dy * dy);
}

static SmGeocodeResult *
geocode (SmGeocoder *g,
         const char *text,
         SmGeocodeQuality quality)
{
  SmGeocodeResult *r = sm_geocoder_geocode (g, text);

  if (r->quality != quality)
    g_error ("“%s”: quality %s, expected %s", text, sm_geocode_quality_to_string (r->quality),
             sm_geocode_quality_to_string (quality));
  return r;
}

static void
test_levels (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = fixture_store ();
  g_autoptr(SmGeocoder) g = sm_geocoder_new (store, &error);
  g_autoptr(SmGeocodeResult) exact = NULL, fuzzy = NULL, between = NULL, five = NULL, nine = NULL;
  g_autoptr(SmGeocodeResult) street = NULL, part = NULL, town = NULL, none = NULL, fused = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sm_geocoder_get_n_addresses (g), ==, 23);

  exact = geocode (g, "2890 Tata, Kossuth Lajos utca 5.", SM_GEOCODE_ADDRESS);
  g_assert_cmpfloat (exact->score, ==, 1.0);
  g_assert_cmpstr (exact->matched, ==, "Kossuth Lajos utca");

  /* Abbreviated first name, no accents, no dots: the same point. */
  fuzzy = geocode (g, "kossuth l u 5", SM_GEOCODE_ADDRESS);
  g_assert_cmpfloat (distance_m (fuzzy->lat, fuzzy->lon, exact->lat, exact->lon), <, 0.01);
  g_assert_cmpfloat (fuzzy->score, <, 1.0);

  /* 7 is between 5 and 9 on the odd side. */
  between = geocode (g, "Kossuth Lajos utca 7, Tata", SM_GEOCODE_INTERPOLATED);
  five = geocode (g, "Kossuth Lajos utca 5, Tata", SM_GEOCODE_ADDRESS);
  nine = geocode (g, "Kossuth Lajos utca 9, Tata", SM_GEOCODE_ADDRESS);
  g_assert_cmpfloat (distance_m (between->lat, between->lon, (five->lat + nine->lat) / 2,
                                 (five->lon + nine->lon) / 2), <, 1);

  street = geocode (g, "Tata, Deák Ferenc utca", SM_GEOCODE_STREET);
  part = geocode (g, "Agostyán, Nincsilyen utca 4.", SM_GEOCODE_SETTLEMENT_PART);
  g_assert_cmpfloat (distance_m (part->lat, part->lon, 47.668727, 18.395977), <, 1);
  town = geocode (g, "Tata, Nincsilyen utca 4.", SM_GEOCODE_SETTLEMENT);
  none = geocode (g, "Budapest, Nincsilyen utca 4.", SM_GEOCODE_NONE);
  fused = geocode (g, "Duna sor 15.", SM_GEOCODE_ADDRESS);
  g_assert_cmpstr (fused->matched, ==, "Dunasor");
}

/* Two streets called Fő utca in Tata: with the settlement part the right
 * one, without it an answer marked ambiguous with both candidates. */
static void
test_ambiguous (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmStore) store = fixture_store ();
  g_autoptr(SmGeocoder) g = sm_geocoder_new (store, &error);
  g_autoptr(SmGeocodeResult) both = geocode (g, "Tata, Fő utca 3.", SM_GEOCODE_ADDRESS);
  g_autoptr(SmGeocodeResult) agostyan = geocode (g, "Tata-Agostyán, Fő utca 3.", SM_GEOCODE_ADDRESS);
  g_autofree char *json = sm_geocode_result_to_json (both, "Tata, Fő utca 3.");

  g_assert_true (both->ambiguous);
  g_assert_cmpuint (both->candidates->len, ==, 2);
  g_assert_cmpfloat (both->score, <, 0.6);
  g_assert_nonnull (strstr (json, "\"ambiguous\":true"));
  g_assert_nonnull (strstr (json, "Agostyán"));
  g_assert_false (agostyan->ambiguous);
  g_assert_cmpfloat (distance_m (agostyan->lat, agostyan->lon, 47.668727, 18.395977), <, 800);
}

/* Spellings: streets named after a day or a year, written out or cut;
 * possessive types; capitals without accents and initials give the
 * reference's spelling; floor and door without words leave the house
 * number alone; a letter the reference lacks is not the address; a street
 * the reference does not know falls back to the town's centre (its main
 * built-up area), not to some stored address. */
static void
test_spellings (void)
{
  static const struct { const char *text; const char *matched; const char *number; } forms[] = {
    { "Tata, Okt. 6. u. 12.", "Október 6. utca", "12" },
    { "2890 Tata, OKTOBER 6. UTCA 12", "Október 6. utca", "12" },
    { "Tata, márc. 15. tér 2", "Március 15. tér", "2" },
    { "Tata, 1848-as u. 5.", "1848-as utca", "5" },
    { "Tata, Szent István tere 4.", "Szent István tér", "4" },
    { "TATA, PETOFI S. U. 3", "Petőfi Sándor utca", "3" },
    { "Tata, Petőfi Sándor utca 10/3.", "Petőfi Sándor utca", "10/3" },
    { "Tata, Petőfi Sándor utca 7. III. 2.", "Petőfi Sándor utca", "7" },
    { "Tata, Petőfi Sándor utca 3. fszt. 1.", "Petőfi Sándor utca", "3" },
    { "Tata, Petőfi Sándor utca 2. 1/4.", "Petőfi Sándor utca", "2" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "spellings.db", NULL);
  g_autofree char *osm = g_build_filename (SM_SOURCE_TESTDATADIR, "tata-spellings-synthetic.osm", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(SmGeocoder) g = NULL;
  g_autoptr(SmGeocodeResult) lettered = NULL, exact = NULL, town = NULL;

  g_assert_no_error (error);
  g_assert_true (sm_basemap_import_osm (store, osm, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (_sm_store_exec (store,
    "INSERT INTO settlement_part (ksh_code, settlement, name, postal_code, kind, anchor_lon, anchor_lat)"
    " VALUES ('20127', 'Tata', 'Központi belterület', '2890', 'Központi belterület', 18.318380, 47.652890),"
    "        ('20127', 'Tata', 'Agostyán', '2835', 'Külterület', 18.395977, 47.668727)", &error));
  g = sm_geocoder_new (store, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (g, forms[i].text);

      if (r->quality != SM_GEOCODE_ADDRESS || g_strcmp0 (r->matched, forms[i].matched) != 0 ||
          g_strcmp0 (r->parsed->house_number, forms[i].number) != 0)
        g_error ("“%s”: %s %s, number %s; expected the address on %s, number %s", forms[i].text,
                 sm_geocode_quality_to_string (r->quality), r->matched, r->parsed->house_number,
                 forms[i].matched, forms[i].number);
    }

  /* 2/A where the reference has 2 only: next to it, not it. */
  exact = geocode (g, "Tata, Szent István tér 2", SM_GEOCODE_ADDRESS);
  lettered = geocode (g, "Tata, Szent István tér 2/A", SM_GEOCODE_INTERPOLATED);
  g_assert_cmpfloat (lettered->score, <, exact->score);
  g_assert_cmpfloat (distance_m (lettered->lat, lettered->lon, exact->lat, exact->lon), <, 1);

  town = geocode (g, "Tata, Nincsilyen utca 4.", SM_GEOCODE_SETTLEMENT);
  g_assert_cmpfloat (distance_m (town->lat, town->lon, 47.652890, 18.318380), <, 1);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Every fourth addressed feature of Liechtenstein with a whole written
 * address (street, number, place) is held out; the others and the streets
 * are the reference. */
static void
test_liechtenstein_holdout (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "li.db", NULL);
  g_autofree char *extract = g_build_filename (SM_SOURCE_TESTDATADIR,
                                               "liechtenstein-2013-08-03.osm.pbf", NULL);
  g_autoptr(SmStore) store = sm_store_open (path, &error);
  g_autoptr(GHashTable) held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) errors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) truth = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  g_autoptr(SmGeocoder) g = NULL;
  sqlite3_stmt *stmt;
  guint n = 0, matched = 0, ambiguous = 0;
  double median, p95, rate;

  g_assert_true (sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_sm_store_get_db (store),
    "SELECT id, street, housenumber, coalesce(city, ''), lat, lon FROM basemap_address"
    " WHERE street IS NOT NULL AND housenumber GLOB '[0-9]*' AND city IS NOT NULL ORDER BY id",
    -1, &stmt, NULL),
    ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      double at[2] = { sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 5) };

      if (n++ % 4 != 0)
        continue;
      g_hash_table_add (held, g_memdup2 (&id, sizeof id));
      g_ptr_array_add (queries, g_strdup_printf ("%s %s, %s", sqlite3_column_text (stmt, 1),
                                                 sqlite3_column_text (stmt, 2),
                                                 sqlite3_column_text (stmt, 3)));
      g_array_append_vals (truth, at, 1);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (queries->len, >=, 25);

  g = sm_geocoder_new_excluding (store, held, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(SmGeocodeResult) r = sm_geocoder_geocode (g, g_ptr_array_index (queries, i));
      const double *at = &g_array_index (truth, double, 2 * i);
      double d;

      /* An ambiguous answer is reported as such, not counted as found. */
      if (r->ambiguous)
        {
          ambiguous++;
          continue;
        }
      if (r->quality < SM_GEOCODE_STREET || r->quality == SM_GEOCODE_MANUAL)
        continue;
      matched++;
      d = distance_m (r->lat, r->lon, at[0], at[1]);
      g_array_append_val (errors, d);
    }
  g_array_sort (errors, compare_doubles);
  rate = (double) matched / queries->len;
  median = g_array_index (errors, double, errors->len / 2);
  p95 = g_array_index (errors, double, MIN (errors->len - 1, (guint) (errors->len * 0.95)));
  g_print ("# Liechtenstein hold-out: %u addresses, %.0f %% placed on their street or better,"
           " %u reported ambiguous, median error %.0f m, 95th percentile %.0f m\n",
           queries->len, rate * 100, ambiguous, median, p95);
  g_assert_cmpfloat (rate, >=, 0.9);
  g_assert_cmpfloat (median, <=, 100);
  g_assert_cmpfloat (p95, <=, 500);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = sm_test_make_dir ("sm-geocoder");
  g_test_add_func ("/geocoder/levels", test_levels);
  g_test_add_func ("/geocoder/ambiguous", test_ambiguous);
  g_test_add_func ("/geocoder/spellings", test_spellings);
  g_test_add_func ("/geocoder/liechtenstein-holdout", test_liechtenstein_holdout);
  status = g_test_run ();
  sm_test_remove_dir (tmpdir);
  g_free (tmpdir);
  return status;
}
