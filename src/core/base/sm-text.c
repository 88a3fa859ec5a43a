/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-base"

#include "config.h"

#include <string.h>

#include "sm-text.h"

/**
 * sm_text_printable:
 *
 * @text as valid UTF-8 with its control characters (escape sequences for a
 * terminal among them) shown as U+FFFD; tabs and line breaks stay.
 */
char *
sm_text_printable (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c < 0xa0))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/**
 * sm_json_escape_controls:
 *
 * A JSON document (as json-glib writes it) with every control character
 * inside a string written as \\u00XX, as JSON requires.
 */
char *
sm_json_escape_controls (const char *json)
{
  GString *out = g_string_sized_new (strlen (json));
  gboolean in_string = FALSE, escaped = FALSE;

  for (const char *p = json; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (in_string && c < 0x20)
        {
          g_string_append_printf (out, "\\u%04x", c);
          continue;
        }
      g_string_append_c (out, (char) c);
      if (escaped)
        escaped = FALSE;
      else if (in_string && c == '\\')
        escaped = TRUE;
      else if (c == '"')
        in_string = !in_string;
    }
  return g_string_free (out, FALSE);
}

/* Whether a spreadsheet would take @text for a formula (=, +, -, @, or a
 * tab or carriage return first). */
gboolean
sm_text_is_formula (const char *text)
{
  return text != NULL && (*text == '=' || *text == '+' || *text == '-' || *text == '@' ||
                          *text == '\t' || *text == '\r');
}

/* Whether @text is NULL, empty or only white space. */
gboolean
sm_text_is_blank (const char *text)
{
  while (text != NULL && g_ascii_isspace (*text))
    text++;
  return text == NULL || *text == '\0';
}

/**
 * sm_text_fold:
 *
 * Lower case, Hungarian (and other Latin) accents dropped, punctuation
 * turned into spaces, runs of spaces made one: "Deák F. u." → "deak f u".
 */
char *
sm_text_fold (const char *text)
{
  g_autofree char *lower = NULL;
  g_autofree char *plain = NULL;
  GString *out;
  gboolean space = TRUE;

  g_autofree char *valid = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* Text from a file or a terminal may not be UTF-8; it is folded as what
   * it can be read as. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  lower = g_utf8_strdown (text, -1);
  plain = g_str_to_ascii (lower, "C");
  out = g_string_sized_new (strlen (plain));
  for (const char *p = plain; *p != '\0'; p++)
    {
      char c = *p;

      if (g_ascii_isalnum (c) || c == '/')
        {
          g_string_append_c (out, c);
          space = FALSE;
        }
      else if (!space)
        {
          g_string_append_c (out, ' ');
          space = TRUE;
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/**
 * sm_text_words_match:
 * @folded_text: folded (sm_text_fold())
 * @folded_query: folded
 *
 * Whether every word of the query begins a word of the text, in any
 * order: "esze tamas u 27" matches "esze tamas utca 27", "kiss a" matches
 * "kiss anna". An empty query matches everything.
 */
gboolean
sm_text_words_match (const char *folded_text,
                     const char *folded_query)
{
  g_auto(GStrv) words = g_strsplit (folded_query, " ", -1);

  return sm_text_words_begin (folded_text, (const char * const *) words);
}

/* One character folded as sm_text_fold() does: a lower-case ASCII letter
 * or digit, '/', or 0 for a separator. */
static char
fold_char (gunichar c)
{
  gunichar d[4];
  gsize n;

  if (c < 0x80)
    return g_ascii_isalnum ((char) c) ? g_ascii_tolower ((char) c) : c == '/' ? '/' : 0;
  switch (c)
    {
    case 0xE1: case 0xC1: case 0xE4: case 0xC4: case 0xE0: case 0xC0: case 0xE2: case 0xC2: return 'a';
    case 0xE9: case 0xC9: case 0xEB: case 0xCB: case 0xE8: case 0xC8: return 'e';
    case 0xED: case 0xCD: return 'i';
    case 0xF3: case 0xD3: case 0xF6: case 0xD6: case 0x151: case 0x150: case 0xF4: case 0xD4: return 'o';
    case 0xFA: case 0xDA: case 0xFC: case 0xDC: case 0x171: case 0x170: return 'u';
    default:
      break;
    }
  n = g_unichar_fully_decompose (g_unichar_tolower (c), FALSE, d, G_N_ELEMENTS (d));
  return n > 0 && d[0] < 0x80 && g_ascii_isalnum ((char) d[0]) ? g_ascii_tolower ((char) d[0]) : 0;
}

/**
 * sm_text_fold_into:
 * @buf: (out caller-allocates): at least @size bytes
 *
 * sm_text_fold() of the first @size − 1 bytes' worth of @text into @buf,
 * without allocating: for matching many texts quickly. Characters
 * sm_text_fold() would spell with two letters come out as one here.
 */
void
sm_text_fold_into (const char *text,
                   char       *buf,
                   gsize       size)
{
  gsize n = 0;
  gboolean space = TRUE;

  for (const char *p = text; p != NULL && *p != '\0' && n + 1 < size;)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      char f;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      f = fold_char (c);
      if (f != 0)
        {
          buf[n++] = f;
          space = FALSE;
        }
      else if (!space)
        {
          buf[n++] = ' ';
          space = TRUE;
        }
    }
  if (n > 0 && buf[n - 1] == ' ')
    n--;
  buf[n] = '\0';
}

/**
 * sm_text_words_begin:
 * @folded_text: folded
 * @words: (array zero-terminated=1): folded words
 *
 * sm_text_words_match() with the query already split into words.
 */
gboolean
sm_text_words_begin (const char         *folded_text,
                     const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize len = strlen (words[i]);
      gboolean found = FALSE;

      if (len == 0)
        continue;
      for (const char *w = folded_text; *w != '\0' && !found;)
        {
          found = strncmp (w, words[i], len) == 0;
          w = strchr (w, ' ');
          if (w == NULL)
            break;
          w++;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}
