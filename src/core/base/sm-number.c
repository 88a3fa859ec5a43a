/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-base"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-number.h"

/* A space that may group digits: ASCII, no-break or narrow no-break. */
static gsize
group_space (const char *p)
{
  if (*p == ' ')
    return 1;
  if (strncmp (p, "\xc2\xa0", 2) == 0)
    return 2;
  if (strncmp (p, "\xe2\x80\xaf", 3) == 0)
    return 3;
  return 0;
}

/**
 * sm_parse_decimal:
 * @comma_decimal: whether "47,65" means 47.65 (as Hungarian spreadsheets
 *   write it)
 *
 * Reads [sign] digits [separator digits] [e exponent], with spaces around
 * it and digits grouped by threes with spaces ("650 684,5"). Returns:
 * whether @text is such a number, finite.
 */
gboolean
sm_parse_decimal (const char *text,
                  gboolean    comma_decimal,
                  double     *out)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  const char *p = text;
  const char *end;
  guint group = 0, first_group = 0;
  gboolean grouped = FALSE;
  char *stop;
  double v;

  if (text == NULL)
    return FALSE;
  while (*p == ' ' || *p == '\t')
    p++;
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    end--;
  if (p < end && (*p == '-' || *p == '+'))
    g_string_append_c (clean, *p++);
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  while (p < end)
    {
      gsize space = group_space (p);

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (clean, *p++);
          group++;
          continue;
        }
      /* "650 684": groups of three after the first of one to three */
      if (space > 0 && p + space < end && g_ascii_isdigit (p[space]))
        {
          if (!grouped)
            first_group = group;
          if (group == 0 || group > 3 || (grouped && group != 3))
            return FALSE;
          grouped = TRUE;
          group = 0;
          p += space;
          continue;
        }
      break;
    }
  if (grouped && (group != 3 || first_group == 0))
    return FALSE;
  if (p < end && (*p == '.' || (comma_decimal && *p == ',')))
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      g_string_append_c (clean, '.');
      while (p < end && g_ascii_isdigit (*p))
        g_string_append_c (clean, *p++);
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      g_string_append_c (clean, *p++);
      if (p < end && (*p == '-' || *p == '+'))
        g_string_append_c (clean, *p++);
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        g_string_append_c (clean, *p++);
    }
  if (p != end)
    return FALSE;
  v = g_ascii_strtod (clean->str, &stop);
  if (*stop != '\0' || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
writes_hungarian (void)
{
  const char * const *langs = g_get_language_names ();

  return langs[0] != NULL && g_str_has_prefix (langs[0], "hu");
}

char *
sm_format_decimal (double value,
                   int    decimals)
{
  gboolean hu = writes_hungarian ();
  g_autofree char *plain = NULL;
  GString *out;
  const char *digits, *point;
  gsize n_int;

  if (!isfinite (value))
    return g_strdup ("–");
  decimals = CLAMP (decimals, 0, 6);
  plain = g_strdup_printf ("%.*f", decimals, value);
  if (g_str_has_prefix (plain, "-") && strspn (plain + 1, "0.") == strlen (plain + 1))
    memmove (plain, plain + 1, strlen (plain));   /* no "-0,0" */
  out = g_string_new (NULL);
  digits = plain;
  if (*digits == '-')
    {
      g_string_append (out, "−");
      digits++;
    }
  point = strchr (digits, '.');
  n_int = point ? (gsize) (point - digits) : strlen (digits);
  for (gsize i = 0; i < n_int; i++)
    {
      if (i > 0 && (n_int - i) % 3 == 0 && n_int >= (hu ? 5 : 4))
        g_string_append (out, hu ? "\u00a0" : ",");
      g_string_append_c (out, digits[i]);
    }
  if (point != NULL)
    {
      g_string_append_c (out, hu ? ',' : '.');
      g_string_append (out, point + 1);
    }
  return g_string_free (out, FALSE);
}

char *
sm_format_integer (gint64 value)
{
  return sm_format_decimal ((double) value, 0);
}

/**
 * sm_num:
 *
 * sm_format_decimal() into one of sixteen buffers of the calling thread,
 * for the numbers of one message: the text lasts until sixteen more have
 * been made.
 *
 * Returns: (transfer none): the number as the language writes it
 */
const char *
sm_num (double value,
        int    decimals)
{
  static _Thread_local char ring[16][48];
  static _Thread_local guint next;
  g_autofree char *text = sm_format_decimal (value, decimals);
  char *slot = ring[next++ % G_N_ELEMENTS (ring)];

  g_strlcpy (slot, text, sizeof ring[0]);
  return slot;
}

/* A count short enough for a map's bubble: 1234 as "1.2k" ("1,2e" in
 * Hungarian), 12345 as "12k". */
char *
sm_format_compact (guint64 count)
{
  const char *thousand = writes_hungarian () ? "e" : "k";

  if (count < 1000)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
  if (count < 10000)
    return g_strdup_printf ("%s%s", sm_num (floor (count / 100.0) / 10, 1), thousand);
  return g_strdup_printf ("%s%s", sm_num (floor (count / 1000.0), 0), thousand);
}
