#define G_LOG_DOMAIN "sm-address"

#include "config.h"

#include <string.h>

#include "sm-address.h"
#include "sm-address-private.h"

/* Streets: the types and how they are written, months in street names,
 * and the keys and rules streets are matched by. */

typedef struct {
  const char *canonical;
  const char *forms;      /* folded spellings, space separated, without dots */
} StreetType;

/* Possessive forms ("Szent István tere", "Béke útja", "Malom köze") are
 * the same streets as the plain types. */
static const StreetType street_types[] = {
  { "utca", "utca u ucca utc utcaja" },
  { "út", "ut utja" },
  { "tér", "ter tr tere" },
  { "körút", "korut krt korutja" },
  { "körtér", "korter kortere" },
  { "köz", "koz koze" },
  { "fasor", "fasor fs fasora" },
  { "sétány", "setany stny setanya" },
  { "sor", "sor sora" },
  { "lakótelep", "lakotelep ltp lt lakotelepe" },
  { "park", "park pk parkja" },
  { "liget", "liget ligete" },
  { "dűlő", "dulo d duloje" },
  { "rakpart", "rakpart rkp rakpartja" },
  { "lépcső", "lepcso lepcsoje" },
  { "tanya", "tanya tny tanyaja" },
  { "major", "major majorja" },
  { "puszta", "puszta pusztaja" },
  { "telep", "telep tp telepe" },
  { "sugárút", "sugarut sugarutja" },
  { "határút", "hatarut" },
  { "kert", "kert kertje" },
  { "kertsor", "kertsor" },
  { "udvar", "udvar udvara" },
  { "part", "part partja" },
  { "sikátor", "sikator sikatora" },
  { "ösvény", "osveny osvenye" },
  { "átjáró", "atjaro atjaroja" },
  { "lejtő", "lejto lejtoje" },
  { "lejáró", "lejaro lejaroja" },
  { "árok", "arok arka" },
  { "hegy", "hegy hegye" },
  { "domb", "domb dombja" },
  { "zug", "zug zugja" },
  { "tető", "teto tetoje" },
  { "kapu", "kapu kapuja" },
  { "mező", "mezo mezeje" },
  { "völgy", "volgy volgye" },
  { "sziget", "sziget szigete" },
  { "erdősor", "erdosor" },
};

/* Every folded spelling of a street type → its canonical name; built once. */
static GHashTable *
street_type_forms (void)
{
  static GHashTable *forms;

  if (g_once_init_enter (&forms))
    {
      GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (street_types); i++)
        {
          g_auto(GStrv) words = g_strsplit (street_types[i].forms, " ", -1);

          for (guint w = 0; words[w] != NULL; w++)
            if (!g_hash_table_contains (table, words[w]))
              g_hash_table_insert (table, g_strdup (words[w]), (gpointer) street_types[i].canonical);
        }
      g_once_init_leave (&forms, table);
    }
  return forms;
}

/**
 * sm_street_type_canonical:
 * @word: one word as written ("u.", "krt", "Tér")
 *
 * Returns: (nullable): the street type it stands for, or %NULL
 */
const char *
sm_street_type_canonical (const char *word)
{
  g_autofree char *folded = sm_text_fold (word);
  g_autofree char *lower = g_utf8_strdown (word, -1);

  if (*folded == '\0')
    return NULL;
  /* "ú." is út, "u." utca: the accent is all that tells them apart. */
  if (g_str_equal (lower, "ú.") || g_str_equal (lower, "ú"))
    return "út";
  return g_hash_table_lookup (street_type_forms (), folded);
}

/* A month written whole or cut short ("okt.", "Márc", "SZEPT."), as
 * streets named after a day are: the whole name, or NULL. */
const char *
_sm_month_name (const char *word)
{
  static const char * const months[][2] = {
    { "januar", "Január" }, { "februar", "Február" }, { "marcius", "Március" },
    { "aprilis", "Április" }, { "majus", "Május" }, { "junius", "Június" },
    { "julius", "Július" }, { "augusztus", "Augusztus" }, { "szeptember", "Szeptember" },
    { "oktober", "Október" }, { "november", "November" }, { "december", "December" },
  };
  g_autofree char *folded = sm_text_fold (word);
  gsize n = strlen (folded);

  while (n > 0 && folded[n - 1] == '.')
    folded[--n] = '\0';
  if (n < 3)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_str_has_prefix (months[i][0], folded))
      return months[i][1];
  return NULL;
}

/**
 * sm_street_key:
 *
 * The key streets are found by: the folded name and type, so "Deák Ferenc
 * utca", "deak ferenc u." and "DEÁK FERENC UTCA" agree.
 */
char *
sm_street_key (const char *name,
               const char *type)
{
  g_autofree char *joined = g_strdup_printf ("%s %s", name ? name : "", type ? type : "");

  return sm_text_fold (joined);
}

/* Word by word, where a word of one letter (an initial, "F.") matches any
 * word starting with it, and a name may leave out the first names the
 * other has before the family name ("Kossuth tér", "Kossuth Lajos tér"). */
gboolean
sm_street_names_match (const char *a,
                       const char *b)
{
  g_autofree char *fa = sm_text_fold (a);
  g_autofree char *fb = sm_text_fold (b);
  g_auto(GStrv) wa = g_strsplit (fa, " ", -1);
  g_auto(GStrv) wb = g_strsplit (fb, " ", -1);
  guint na = g_strv_length (wa), nb = g_strv_length (wb);

  if (na == 0 || nb == 0)
    return FALSE;
  if (g_str_equal (fa, fb))
    return TRUE;
  if (na == nb)
    {
      for (guint i = 0; i < na; i++)
        {
          gboolean same = g_str_equal (wa[i], wb[i]) ||
                          (strlen (wa[i]) == 1 && g_str_has_prefix (wb[i], wa[i])) ||
                          (strlen (wb[i]) == 1 && g_str_has_prefix (wa[i], wb[i]));
          if (!same)
            return FALSE;
        }
      return TRUE;
    }
  /* One word against a family name with first names: the first word. */
  if (na == 1 && nb == 2)
    return g_str_equal (wa[0], wb[0]) && strlen (wa[0]) > 2;
  if (nb == 1 && na == 2)
    return g_str_equal (wb[0], wa[0]) && strlen (wb[0]) > 2;
  return FALSE;
}
