#include "config.h"

#include "sm-address.h"
#include "sm-data.h"

/* Hungarian addresses in the forms people write them. Expected parts:
 * postal code, settlement, settlement part, street name, street type,
 * house number, building, floor, door, hrsz; NULL where there is none. */

typedef struct {
  const char *text;
  const char *expect[10];
} Case;

static const Case cases[] = {
  { "2890 Tata, Kossuth tér 1.", { "2890", "Tata", NULL, "Kossuth", "tér", "1" } },
  { "Tata, Kossuth tér 1", { NULL, "Tata", NULL, "Kossuth", "tér", "1" } },
  { "Kossuth tér 1, 2890 Tata", { "2890", "Tata", NULL, "Kossuth", "tér", "1" } },
  { "2890 Tata Kossuth tér 1.", { "2890", "Tata", NULL, "Kossuth", "tér", "1" } },
  { "Deak F. u. 5", { NULL, NULL, NULL, "Deak F.", "utca", "5" } },
  { "Tata, Deák Ferenc utca 5.", { NULL, "Tata", NULL, "Deák Ferenc", "utca", "5" } },
  { "TATA, DEÁK FERENC U. 5.", { NULL, "Tata", NULL, "DEÁK FERENC", "utca", "5" } },
  { "Kossuth L. u. 12.", { NULL, NULL, NULL, "Kossuth L.", "utca", "12" } },
  { "Tata-Agostyán, Fő utca 3.", { NULL, "Tata", "Agostyán", "Fő", "utca", "3" } },
  { "Agostyán, Fő u. 3", { NULL, "Tata", "Agostyán", "Fő", "utca", "3" } },
  { "2890 Tata, Agostyán, Fő utca 3.", { "2890", "Tata", "Agostyán", "Fő", "utca", "3" } },
  { "2890 Tata, Tata-Agostyán, Fő utca 3.", { "2890", "Tata", "Agostyán", "Fő", "utca", "3" } },
  { "Batsányi utca 15/a.", { NULL, NULL, NULL, "Batsányi", "utca", "15/A" } },
  { "Batsányi u. 15/A", { NULL, NULL, NULL, "Batsányi", "utca", "15/A" } },
  { "Batsányi u. 15.A", { NULL, NULL, NULL, "Batsányi", "utca", "15/A" } },
  { "Batsányi u. 15 A", { NULL, NULL, NULL, "Batsányi", "utca", "15/A" } },
  { "Batsányi u. 15a", { NULL, NULL, NULL, "Batsányi", "utca", "15/A" } },
  { "Római krt. 36/B", { NULL, NULL, NULL, "Római", "körút", "36/B" } },
  { "Római körút 36/B", { NULL, NULL, NULL, "Római", "körút", "36/B" } },
  { "Petőfi Sándor utca 3-5.", { NULL, NULL, NULL, "Petőfi Sándor", "utca", "3-5" } },
  { "Petőfi Sándor utca 3–5.", { NULL, NULL, NULL, "Petőfi Sándor", "utca", "3-5" } },
  { "Petofi Sandor u 3 - 5", { NULL, NULL, NULL, "Petofi Sandor", "utca", "3-5" } },
  { "Ady Endre út 12. II. em. 4. ajtó", { NULL, NULL, NULL, "Ady Endre", "út", "12", NULL, "2", "4" } },
  { "Ady Endre út 12. 2. emelet 4. ajtó", { NULL, NULL, NULL, "Ady Endre", "út", "12", NULL, "2", "4" } },
  { "Ady Endre út 12. fszt. 1.", { NULL, NULL, NULL, "Ady Endre", "út", "12", NULL, "0", "1" } },
  /* Streets named after a day or a year, the type written out or cut. */
  { "Október 23. utca 5.", { NULL, NULL, NULL, "Október 23.", "utca", "5" } },
  { "Aug. 20. tér 3", { NULL, NULL, NULL, "Augusztus 20.", "tér", "3" } },
  { "Május 1. u. 14/B", { NULL, NULL, NULL, "Május 1.", "utca", "14/B" } },
  { "2890 Tata, SZEPT. 1. U. 9", { "2890", "Tata", NULL, "Szeptember 1.", "utca", "9" } },
  { "1956-os forradalom útja 8", { NULL, NULL, NULL, "1956-os forradalom", "út", "8" } },
  /* Possessive types are the plain ones. */
  { "Kossuth Lajos tere 6.", { NULL, NULL, NULL, "Kossuth Lajos", "tér", "6" } },
  { "Malom köze 3", { NULL, NULL, NULL, "Malom", "köz", "3" } },
  { "Rákóczi útja 11", { NULL, NULL, NULL, "Rákóczi", "út", "11" } },
  /* A second number with a closing dot; floor and door without words. */
  { "Deák tér 4/2.", { NULL, NULL, NULL, "Deák", "tér", "4/2" } },
  { "Fő utca 3. fszt. 2.", { NULL, NULL, NULL, "Fő", "utca", "3", NULL, "0", "2" } },
  { "Fő utca 7. 1/3.", { NULL, NULL, NULL, "Fő", "utca", "7", NULL, "1", "3" } },
  { "Fő utca 7. IV/12.", { NULL, NULL, NULL, "Fő", "utca", "7", NULL, "4", "12" } },
  { "Fő utca 8. IV. 12.", { NULL, NULL, NULL, "Fő", "utca", "8", NULL, "4", "12" } },
  /* A number after the type is the house number: "d" is not a dűlő here. */
  { "Petőfi u. 3 d", { NULL, NULL, NULL, "Petőfi", "utca", "3/D" } },
  { "Ady Endre ú. 12. II. 4.", { NULL, NULL, NULL, "Ady Endre", "út", "12", NULL, "2", "4" } },
  { "Városháza tér 2. B épület", { NULL, NULL, NULL, "Városháza", "tér", "2", "B" } },
  { "Városháza tér 2. B ép. 3. em. 12. ajtó", { NULL, NULL, NULL, "Városháza", "tér", "2", "B", "3", "12" } },
  { "Dunasor 15.", { NULL, NULL, NULL, "Dunasor", NULL, "15" } },
  { "Erdősor 36.", { NULL, NULL, NULL, "Erdősor", NULL, "36" } },
  { "Fényes fasor 2.", { NULL, NULL, NULL, "Fényes", "fasor", "2" } },
  { "Vasút út 64.", { NULL, NULL, NULL, "Vasút", "út", "64" } },
  { "Magyar út 32.", { NULL, NULL, NULL, "Magyar", "út", "32" } },
  { "Béke ltp. 4.", { NULL, NULL, NULL, "Béke", "lakótelep", "4" } },
  { "Széchenyi rkp. 3.", { NULL, NULL, NULL, "Széchenyi", "rakpart", "3" } },
  { "Hajnal köz 7", { NULL, NULL, NULL, "Hajnal", "köz", "7" } },
  { "Platán sétány 1.", { NULL, NULL, NULL, "Platán", "sétány", "1" } },
  { "Kender dűlő 12.", { NULL, NULL, NULL, "Kender", "dűlő", "12" } },
  { "Kender dulo 12.", { NULL, NULL, NULL, "Kender", "dűlő", "12" } },
  { "Bokodi liget 2.", { NULL, NULL, NULL, "Bokodi", "liget", "2" } },
  { "Öreg major 1.", { NULL, NULL, NULL, "Öreg", "major", "1" } },
  { "Vértes tanya 12.", { NULL, NULL, NULL, "Vértes", "tanya", "12" } },
  { "Szent István park 3", { NULL, NULL, NULL, "Szent István", "park", "3" } },
  { "Baj puszta 5.", { NULL, NULL, NULL, "Baj", "puszta", "5" } },
  { "Szabadság lépcső 2.", { NULL, NULL, NULL, "Szabadság", "lépcső", "2" } },
  { "I. utca 4.", { NULL, NULL, NULL, "I.", "utca", "4" } },
  { "1. utca 4.", { NULL, NULL, NULL, "1.", "utca", "4" } },
  { "Tata, hrsz. 1234/5", { NULL, "Tata", NULL, NULL, NULL, NULL, NULL, NULL, NULL, "1234/5" } },
  { "2890 Tata, külterület hrsz 0123/4", { "2890", "Tata", "külterület", NULL, NULL, NULL, NULL, NULL, NULL, "0123/4" } },
  { "Kossuth tér 1., Tata", { NULL, "Tata", NULL, "Kossuth", "tér", "1" } },
  { "2400 Dunaújváros, Római krt. 36/B", { "2400", "Dunaújváros", NULL, "Római", "körút", "36/B" } },
};

static SmPlaces *
test_places (void)
{
  SmPlaces *places = sm_places_new ();

  sm_places_add_settlement (places, "Tata");
  sm_places_add_settlement (places, "Dunaújváros");
  sm_places_add_part (places, "Tata", "Agostyán");
  sm_places_add_part (places, "Tata", "Tóváros");
  return places;
}

static void
test_forms (void)
{
  g_autoptr(SmPlaces) places = test_places ();
  static const char * const fields[] = {
    "postal_code", "settlement", "settlement_part", "street_name", "street_type",
    "house_number", "building", "floor", "door", "hrsz"
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SmAddress) a = sm_address_parse (cases[i].text, places);
      const char *got[10] = {
        a->postal_code, a->settlement, a->settlement_part, a->street_name, a->street_type,
        a->house_number, a->building, a->floor, a->door, a->hrsz
      };

      for (guint f = 0; f < 10; f++)
        if (g_strcmp0 (got[f], cases[i].expect[f]) != 0)
          g_error ("“%s”: %s is “%s”, expected “%s”", cases[i].text, fields[f],
                   got[f] ? got[f] : "(none)", cases[i].expect[f] ? cases[i].expect[f] : "(none)");
    }
}

static void
test_numbers (void)
{
  g_autoptr(SmAddress) range = sm_address_parse ("Petőfi utca 3-5.", NULL);
  g_autoptr(SmAddress) letter = sm_address_parse ("Petőfi utca 15/A", NULL);

  g_assert_cmpint (range->number_first, ==, 3);
  g_assert_cmpint (range->number_last, ==, 5);
  g_assert_cmpint (letter->number_first, ==, 15);
  g_assert_cmpint (letter->number_last, ==, 15);
}

/* Every real address of the shipped provider list parses into a street
 * with a number, and prints back the one way. */
static void
test_real_addresses (void)
{
  g_autofree char *path = sm_data_find ("social_services_sample.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      /* The address is the fourth field, quoted. */
      g_auto(GStrv) quoted = g_strsplit (lines[i], "\"", -1);
      const char *address = NULL;
      g_autoptr(SmAddress) a = NULL;
      g_autofree char *formatted = NULL;

      for (guint k = 0; quoted[k] != NULL; k++)
        if (g_regex_match_simple ("[0-9]+[./]?[A-Za-z]?\\.?( |$)", quoted[k], 0, 0) &&
            g_regex_match_simple ("^[A-ZÁÉÍÓÖŐÚÜŰ]", quoted[k], 0, 0) &&
            strlen (quoted[k]) < 40)
          address = quoted[k];
      if (address == NULL)
        continue;
      a = sm_address_parse (address, NULL);
      g_assert_nonnull (a->street_name);
      g_assert_cmpint (a->number_first, >, 0);
      formatted = sm_address_format (a);
      g_assert_cmpstr (formatted, !=, "");
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
}

static void
test_format (void)
{
  g_autoptr(SmPlaces) places = test_places ();
  g_autoptr(SmAddress) a = sm_address_parse ("agostyán, deak f. u 5/a. II. em. 4. ajtó, 2890 Tata",
                                             places);
  g_autofree char *text = sm_address_format (a);

  g_assert_cmpstr (text, ==, "2890 Tata-Agostyán, deak f. utca 5/A. 2. em. 4. ajtó");
}

static void
test_street_names (void)
{
  g_assert_true (sm_street_names_match ("Deák F.", "Deák Ferenc"));
  g_assert_true (sm_street_names_match ("deak ferenc", "Deák Ferenc"));
  g_assert_true (sm_street_names_match ("Kossuth", "Kossuth Lajos"));
  g_assert_true (sm_street_names_match ("Kossuth L.", "Kossuth Lajos"));
  g_assert_false (sm_street_names_match ("Kossuth", "Petőfi Sándor"));
  g_assert_false (sm_street_names_match ("Deák F.", "Deák Gábor"));
  g_assert_cmpstr (sm_street_type_canonical ("krt."), ==, "körút");
  g_assert_cmpstr (sm_street_type_canonical ("U."), ==, "utca");
  g_assert_null (sm_street_type_canonical ("Kossuth"));
  {
    g_autofree char *k1 = sm_street_key ("Deák Ferenc", "utca");
    g_autofree char *k2 = sm_street_key ("DEAK FERENC", "utca");
    g_assert_cmpstr (k1, ==, k2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/address/forms", test_forms);
  g_test_add_func ("/address/numbers", test_numbers);
  g_test_add_func ("/address/real", test_real_addresses);
  g_test_add_func ("/address/format", test_format);
  g_test_add_func ("/address/street-names", test_street_names);
  return g_test_run ();
}
