#define G_LOG_DOMAIN "sm-address"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sm-address.h"
#include "sm-address-private.h"

/* Hungarian addresses as people write them: parts in any order separated by
 * commas ("2890 Tata, Kossuth tér 1.", "Kossuth tér 1, 2890 Tata"), street
 * types written out or abbreviated, accents present or dropped, house
 * numbers with letters, ranges, building, floor and door, and the
 * helyrajzi szám (land registry number) where there is no house number. */

struct _SmPlaces
{
  GHashTable *settlements;   /* folded → canonical */
  GHashTable *parts;         /* folded part → canonical part */
  GHashTable *part_town;     /* folded part → canonical settlement */
};

SmPlaces *
sm_places_new (void)
{
  SmPlaces *places = g_new0 (SmPlaces, 1);

  places->settlements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  places->parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  places->part_town = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return places;
}

void
sm_places_add_settlement (SmPlaces   *places,
                          const char *settlement)
{
  g_hash_table_replace (places->settlements, sm_text_fold (settlement), g_strdup (settlement));
}

void
sm_places_add_part (SmPlaces   *places,
                    const char *settlement,
                    const char *part)
{
  g_autofree char *folded = sm_text_fold (part);

  sm_places_add_settlement (places, settlement);
  g_hash_table_replace (places->parts, g_strdup (folded), g_strdup (part));
  g_hash_table_replace (places->part_town, g_strdup (folded), g_strdup (settlement));
}

/* The part's name as the gazetteer writes it, or NULL. */
const char *
sm_places_lookup_part (const SmPlaces *places,
                       const char     *name)
{
  g_autofree char *folded = sm_text_fold (name);

  return g_hash_table_lookup (places->parts, folded);
}

void
sm_places_free (SmPlaces *places)
{
  if (places == NULL)
    return;
  g_hash_table_unref (places->settlements);
  g_hash_table_unref (places->parts);
  g_hash_table_unref (places->part_town);
  g_free (places);
}

static void
set_str (char       **field,
         const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
sm_address_free (SmAddress *a)
{
  if (a == NULL)
    return;
  g_free (a->postal_code);
  g_free (a->settlement);
  g_free (a->settlement_part);
  g_free (a->street_name);
  g_free (a->street_type);
  g_free (a->house_number);
  g_free (a->building);
  g_free (a->floor);
  g_free (a->door);
  g_free (a->hrsz);
  g_free (a);
}

static gboolean
is_postal_code (const char *token)
{
  return strlen (token) == 4 && g_ascii_isdigit (token[0]) && g_ascii_isdigit (token[1]) &&
         g_ascii_isdigit (token[2]) && g_ascii_isdigit (token[3]) && token[0] != '0';
}

static int
roman_value (const char *text)
{
  static const char * const romans[] = {
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
    "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx"
  };
  g_autofree char *folded = sm_text_fold (text);

  for (guint i = 0; i < G_N_ELEMENTS (romans); i++)
    if (g_str_equal (folded, romans[i]))
      return (int) i + 1;
  return 0;
}

static char *
strip_dots (const char *token)
{
  char *copy = g_strdup (token);
  size_t n = strlen (copy);

  while (n > 0 && (copy[n - 1] == '.' || copy[n - 1] == ','))
    copy[--n] = '\0';
  return copy;
}

static gboolean
word_is (const char         *token,
         const char * const *folded_forms)
{
  g_autofree char *folded = sm_text_fold (token);

  return g_strv_contains (folded_forms, folded);
}

/* "5.", "15/a.", "36/B", "3-5", "15.A", "15 A", "2. B épület",
 * "12. II. em. 4. ajtó", "fszt. 2." */
static void
parse_number_part (SmAddress *a,
                   GPtrArray *tokens,
                   guint      start)
{
  static const char * const building_words[] = { "ep", "epulet", "lph", "lepcsohaz", "lh", NULL };
  static const char * const floor_words[] = { "em", "emelet", NULL };
  static const char * const ground_words[] = { "fszt", "foldszint", "fsz", NULL };
  static const char * const mezz_words[] = { "mfszt", "magasfoldszint", "felemelet", NULL };
  static const char * const door_words[] = { "ajto", "a", "aj", NULL };
  g_autoptr(GString) rest = g_string_new (NULL);
  guint i = start;

  /* The house number: digits, a range, a letter. */
  if (i < tokens->len)
    {
      const char *t = g_ptr_array_index (tokens, i);
      const char *p = t;
      char *end;
      long first, last;

      if (g_ascii_isdigit (*p))
        {
          GString *number = g_string_new (NULL);

          first = strtol (p, &end, 10);
          last = first;
          p = end;
          g_string_append_printf (number, "%ld", first);
          if (*p == '-' && g_ascii_isdigit (p[1]))
            {
              last = strtol (p + 1, &end, 10);
              p = end;
              g_string_append_printf (number, "-%ld", last);
            }
          else if (*p == '\0' && i + 2 < tokens->len &&
                   g_str_equal (g_ptr_array_index (tokens, i + 1), "-") &&
                   g_ascii_isdigit (*(const char *) g_ptr_array_index (tokens, i + 2)))
            {
              last = strtol (g_ptr_array_index (tokens, i + 2), &end, 10);
              g_string_append_printf (number, "-%ld", last);
              i += 2;
              p = "";
            }
          if (*p == '.')
            p++;
          if ((*p == '/' || *p == '.') && g_ascii_isalpha (p[1]))
            p++;
          if (g_ascii_isalpha (*p) && (p[1] == '\0' || p[1] == '.'))
            {
              g_string_append_printf (number, "/%c", g_ascii_toupper (*p));
              p++;
            }
          else if (*p == '/' && g_ascii_isdigit (p[1]))
            {
              /* "12/3", "10/3.": a second number after the slash, kept as
               * written but for the closing dot */
              g_string_append (number, p);
              while (number->len > 0 && number->str[number->len - 1] == '.')
                g_string_truncate (number, number->len - 1);
              p += strlen (p);
            }
          a->number_first = (int) first;
          a->number_last = (int) last;
          a->house_number = g_string_free (number, FALSE);
          i++;
          /* "15 A" and "15 /A": a lone letter after the number, unless it
           * names a building ("2. B épület"). */
          if (i < tokens->len)
            {
              g_autofree char *next = strip_dots (g_ptr_array_index (tokens, i));
              gboolean building_follows = i + 1 < tokens->len &&
                                          word_is (g_ptr_array_index (tokens, i + 1), building_words);

              if (*next == '/')
                memmove (next, next + 1, strlen (next));
              /* "a." after a floor is a door ("4. a."), a bare letter is
               * part of the house number. */
              if (strlen (next) == 1 && g_ascii_isalpha (*next) && !building_follows &&
                  !g_str_equal (g_ptr_array_index (tokens, i), "a."))
                {
                  char *with = g_strdup_printf ("%s/%c", a->house_number, g_ascii_toupper (*next));

                  g_free (a->house_number);
                  a->house_number = with;
                  i++;
                }
            }
        }
    }

  /* Building, floor, door in any order. */
  for (; i < tokens->len; i++)
    {
      const char *t = g_ptr_array_index (tokens, i);
      const char *next = i + 1 < tokens->len ? g_ptr_array_index (tokens, i + 1) : NULL;
      g_autofree char *value = strip_dots (t);

      if (word_is (t, ground_words))
        set_str (&a->floor, "0");
      else if (word_is (t, mezz_words))
        set_str (&a->floor, "0.5");
      else if (next != NULL && word_is (next, building_words))
        {
          set_str (&a->building, value);
          i++;
        }
      else if (word_is (t, building_words) && next != NULL)
        {
          g_autofree char *b = strip_dots (next);
          set_str (&a->building, b);
          i++;
        }
      else if (next != NULL && word_is (next, floor_words))
        {
          int roman = roman_value (value);
          g_autofree char *n = roman ? g_strdup_printf ("%d", roman) : g_strdup (value);

          set_str (&a->floor, n);
          i++;
        }
      else if (next != NULL && word_is (next, door_words))
        {
          set_str (&a->door, value);
          i++;
        }
      else
        {
          if (rest->len > 0)
            g_string_append_c (rest, ' ');
          g_string_append (rest, t);
        }
    }
  /* Floor and door without their words: "12. II. 4.", "9. 2/5.", and a
   * door after a floor that has its word ("5. fszt. 1."). */
  if (a->door == NULL && rest->len > 0)
    {
      g_auto(GStrv) parts = g_strsplit (rest->str, " ", -1);
      guint n = g_strv_length (parts);

      if (n == 2 && a->floor == NULL)
        {
          g_autofree char *f = strip_dots (parts[0]);
          g_autofree char *d = strip_dots (parts[1]);
          int roman = roman_value (f);

          if (roman > 0 || (g_ascii_isdigit (*f) && strlen (f) <= 2))
            {
              a->floor = roman ? g_strdup_printf ("%d", roman) : g_strdup (f);
              a->door = g_strdup (d);
            }
        }
      else if (n == 1 && a->floor == NULL && strchr (parts[0], '/') != NULL)
        {
          g_autofree char *both = strip_dots (parts[0]);
          char *slash = strchr (both, '/');
          int roman;

          *slash = '\0';
          roman = roman_value (both);
          if ((roman > 0 || (g_ascii_isdigit (*both) && strlen (both) <= 2)) && slash[1] != '\0' &&
              strlen (slash + 1) <= 3)
            {
              a->floor = roman ? g_strdup_printf ("%d", roman) : g_strdup (both);
              a->door = g_strdup (slash + 1);
            }
        }
      else if (n == 1 && a->floor != NULL)
        {
          g_autofree char *d = strip_dots (parts[0]);

          if (*d != '\0' && strlen (d) <= 3 && g_ascii_isalnum (*d))
            a->door = g_strdup (d);
        }
    }
}

static GPtrArray *
tokenize (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (tokens, g_strdup (words[i]));
  return tokens;
}

static gboolean
starts_with_digit (const char *token)
{
  return token != NULL && g_ascii_isdigit (*token);
}

/* Whether @tokens[@i…] start with a known settlement; the count of words. */
static guint
known_settlement_at (const SmPlaces *places,
                     GPtrArray      *tokens,
                     guint           i,
                     char          **name)
{
  if (places == NULL)
    return 0;
  for (guint n = MIN (3, tokens->len - i); n > 0; n--)
    {
      g_autoptr(GString) words = g_string_new (NULL);
      g_autofree char *folded = NULL;
      const char *found;

      for (guint k = 0; k < n; k++)
        g_string_append_printf (words, "%s%s", k ? " " : "", (char *) g_ptr_array_index (tokens, i + k));
      folded = sm_text_fold (words->str);
      if ((found = g_hash_table_lookup (places->settlements, folded)) != NULL)
        {
          *name = g_strdup (found);
          return n;
        }
    }
  return 0;
}

static void
set_place (SmAddress      *a,
           const SmPlaces *places,
           const char     *text)
{
  g_autofree char *folded = sm_text_fold (text);
  const char *hyphen;

  if (*folded == '\0')
    return;
  if (places != NULL)
    {
      const char *settlement = g_hash_table_lookup (places->settlements, folded);
      const char *part = g_hash_table_lookup (places->parts, folded);

      if (settlement != NULL && a->settlement == NULL)
        {
          a->settlement = g_strdup (settlement);
          return;
        }
      if (part != NULL)
        {
          set_str (&a->settlement_part, part);
          if (a->settlement == NULL)
            a->settlement = g_strdup (g_hash_table_lookup (places->part_town, folded));
          return;
        }
    }
  /* "Tata-Agostyán": settlement and part in one. */
  hyphen = strchr (text, '-');
  if (hyphen != NULL && hyphen > text && g_unichar_isupper (g_utf8_get_char (hyphen + 1)))
    {
      g_autofree char *town = g_strstrip (g_strndup (text, hyphen - text));
      g_autofree char *part = g_strstrip (g_strdup (hyphen + 1));
      const char *known = places != NULL ? sm_places_lookup_part (places, part) : NULL;

      if (a->settlement == NULL)
        set_place (a, places, town);
      if (a->settlement_part == NULL)
        a->settlement_part = g_strdup (known != NULL ? known : part);
      return;
    }
  if (a->settlement == NULL)
    a->settlement = g_strdup (text);
  else if (a->settlement_part == NULL)
    a->settlement_part = g_strdup (text);
}

/* One comma-separated piece with a street in it. */
static gboolean
parse_street_piece (SmAddress      *a,
                    const SmPlaces *places,
                    const char     *piece)
{
  g_autoptr(GPtrArray) tokens = tokenize (piece);
  guint start = 0, type_at = G_MAXUINT, number_at = G_MAXUINT;
  g_autoptr(GString) name = g_string_new (NULL);

  if (tokens->len == 0)
    return FALSE;
  /* A postal code and settlement without a comma in front of the street. */
  if (is_postal_code (g_ptr_array_index (tokens, 0)) && tokens->len > 1)
    {
      set_str (&a->postal_code, g_ptr_array_index (tokens, 0));
      start = 1;
    }
  {
    g_autofree char *town = NULL;
    guint n = start < tokens->len ? known_settlement_at (places, tokens, start, &town) : 0;

    if (n > 0 && start + n < tokens->len)
      {
        set_str (&a->settlement, town);
        start += n;
      }
  }

  /* The house number is the first number after the name, unless the
   * number is itself part of the name: a number right before the street
   * type with no type before it ("Október 6. utca 12.", "Március 15.
   * tér 2", "Okt. 6. u."). */
  for (guint i = start; i < tokens->len; i++)
    if (starts_with_digit (g_ptr_array_index (tokens, i)) && i > start)
      {
        gboolean type_before = FALSE;

        for (guint k = start + 1; k < i && !type_before; k++)
          type_before = sm_street_type_canonical (g_ptr_array_index (tokens, k)) != NULL;
        if (!type_before && i + 1 < tokens->len &&
            sm_street_type_canonical (g_ptr_array_index (tokens, i + 1)) != NULL)
          continue;
        number_at = i;
        break;
      }
  /* The street type is the last type word before the number (so "Vasút út"
   * keeps "Vasút" as the name); a type word first is a name ("Tér utca"). */
  for (guint i = start + 1; i < MIN (number_at, tokens->len); i++)
    if (sm_street_type_canonical (g_ptr_array_index (tokens, i)) != NULL)
      type_at = i;
  if (type_at == G_MAXUINT && number_at == G_MAXUINT)
    return FALSE;

  for (guint i = start; i < MIN (type_at, number_at); i++)
    {
      const char *word = g_ptr_array_index (tokens, i);
      const char *month = i + 1 < MIN (type_at, number_at) &&
                          starts_with_digit (g_ptr_array_index (tokens, i + 1))
                            ? _sm_month_name (word) : NULL;

      /* "Okt. 6." is "Október 6.", as the reference writes it. */
      g_string_append_printf (name, "%s%s", name->len ? " " : "", month ? month : word);
    }
  if (name->len == 0)
    return FALSE;
  a->street_name = g_string_free (g_steal_pointer (&name), FALSE);
  if (type_at != G_MAXUINT)
    a->street_type = g_strdup (sm_street_type_canonical (g_ptr_array_index (tokens, type_at)));
  parse_number_part (a, tokens, type_at != G_MAXUINT ? type_at + 1 : number_at);
  return TRUE;
}

static char *
take_hrsz (const char *text,
           char      **hrsz)
{
  static GRegex *re;
  g_autoptr(GMatchInfo) match = NULL;

  if (g_once_init_enter (&re))
    g_once_init_leave (&re, g_regex_new ("\\bhrsz\\.?\\s*:?\\s*([0-9]+(?:/[0-9A-Za-z]+)*)",
                                         G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL));
  *hrsz = NULL;
  if (strstr (text, "rsz") == NULL && strstr (text, "RSZ") == NULL)
    return g_strdup (text);
  if (!g_regex_match (re, text, 0, &match))
    return g_strdup (text);
  *hrsz = g_match_info_fetch (match, 1);
  return g_regex_replace_literal (re, text, -1, 0, "", 0, NULL);
}

/**
 * sm_address_parse:
 * @places: (nullable): settlements and parts to recognise
 *
 * Returns: (transfer full): the parts found; fields not found are %NULL
 */
SmAddress *
sm_address_parse (const char     *text,
                  const SmPlaces *places)
{
  SmAddress *a = g_new0 (SmAddress, 1);
  g_autofree char *clean = NULL;
  g_autofree char *without_hrsz = NULL;
  g_auto(GStrv) pieces = NULL;
  gboolean have_street = FALSE;

  g_autofree char *valid = NULL;

  g_return_val_if_fail (text != NULL, a);
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* One kind of dash and space; no space inside "15 /A". */
  {
    GString *s = g_string_new (text);

    g_string_replace (s, "–", "-", 0);
    g_string_replace (s, "—", "-", 0);
    g_string_replace (s, ";", ",", 0);
    g_string_replace (s, " /", "/", 0);
    g_string_replace (s, "/ ", "/", 0);
    clean = g_string_free (s, FALSE);
  }
  without_hrsz = take_hrsz (clean, &a->hrsz);
  pieces = g_strsplit (without_hrsz, ",", -1);

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *piece = g_strstrip (pieces[i]);
      g_autoptr(GPtrArray) tokens = NULL;

      if (*piece == '\0')
        continue;
      if (!have_street && parse_street_piece (a, places, piece))
        {
          have_street = TRUE;
          continue;
        }
      tokens = tokenize (piece);
      if (tokens->len > 0 && is_postal_code (g_ptr_array_index (tokens, 0)))
        {
          set_str (&a->postal_code, g_ptr_array_index (tokens, 0));
          g_ptr_array_remove_index (tokens, 0);
        }
      if (tokens->len > 0)
        {
          g_autofree char *place = NULL;

          g_ptr_array_add (tokens, NULL);
          place = g_strjoinv (" ", (char **) tokens->pdata);
          set_place (a, places, place);
        }
    }
  return a;
}

/**
 * sm_address_format:
 *
 * The address written the one way: "2890 Tata-Agostyán, Deák Ferenc utca
 * 5/A. B ép. 2. em. 4. ajtó".
 */
char *
sm_address_format (const SmAddress *a)
{
  GString *s = g_string_new (NULL);

  if (a->postal_code != NULL)
    g_string_append_printf (s, "%s ", a->postal_code);
  if (a->settlement != NULL)
    g_string_append (s, a->settlement);
  if (a->settlement_part != NULL)
    g_string_append_printf (s, "%s%s", a->settlement ? "-" : "", a->settlement_part);
  if (a->street_name != NULL)
    {
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, a->street_name);
      if (a->street_type != NULL)
        g_string_append_printf (s, " %s", a->street_type);
      if (a->house_number != NULL)
        g_string_append_printf (s, " %s.", a->house_number);
      if (a->building != NULL)
        g_string_append_printf (s, " %s ép.", a->building);
      if (a->floor != NULL)
        g_string_append (s, g_str_equal (a->floor, "0") ? " fszt." : "");
      if (a->floor != NULL && !g_str_equal (a->floor, "0"))
        g_string_append_printf (s, " %s. em.", a->floor);
      if (a->door != NULL)
        g_string_append_printf (s, " %s. ajtó", a->door);
    }
  if (a->hrsz != NULL)
    g_string_append_printf (s, "%shrsz. %s", s->len ? ", " : "", a->hrsz);
  g_strchomp (s->str);
  s->len = strlen (s->str);
  return g_string_free (s, FALSE);
}
