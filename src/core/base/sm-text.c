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
