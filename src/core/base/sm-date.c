#define G_LOG_DOMAIN "sm-date"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-error.h"

/* 1970-01-01 in GLib's Julian day numbering (day 1 = 0001-01-01). */
#define EPOCH_JULIAN 719163

/**
 * sm_date_parse_iso:
 * @text: a date written YYYY-MM-DD
 * @out: (out): the date
 *
 * Strict: no time part, no other separators, a day that exists.
 */
gboolean
sm_date_parse_iso (const char *text,
                   GDate      *out,
                   GError    **error)
{
  guint y, m, d;
  char tail;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL ||
      strlen (text) != 10 ||
      sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3 ||
      text[4] != '-' || text[7] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]) ||
      y < SM_DATE_MIN_YEAR || y > SM_DATE_MAX_YEAR || !g_date_valid_dmy (d, m, y))
    {
      g_autofree char *shown = text ? g_utf8_make_valid (text, -1) : g_strdup ("");

      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a valid date; write it as YYYY-MM-DD, e.g. 2025-03-01"),
                   shown);
      return FALSE;
    }

  g_date_clear (out, 1);
  g_date_set_dmy (out, d, m, y);
  return TRUE;
}

char *
sm_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

int
sm_date_to_epoch_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), 0);

  return (int) g_date_get_julian (date) - EPOCH_JULIAN;
}

void
sm_date_from_epoch_day (int   day,
                        GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_julian (out, (guint32) (day + EPOCH_JULIAN));
}

char *
sm_date_today_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Digits, one separator of . / -, digits, the same separator, digits and
 * perhaps a last dot: "2024.03.01.", "2024/3/1". */
static gboolean
numeric_date (const char *text,
              int        *y,
              int        *m,
              int        *d)
{
  const char *p = text;
  int parts[3] = { 0, 0, 0 };
  char separator = 0;

  for (int k = 0; k < 3; k++)
    {
      int digits = 0;

      while (g_ascii_isdigit (*p) && digits < 5)
        {
          parts[k] = parts[k] * 10 + (*p++ - '0');
          digits++;
        }
      if (digits == 0 || (k == 0 && digits != 4) || (k > 0 && digits > 2))
        return FALSE;
      if (k < 2)
        {
          if ((*p != '.' && *p != '/' && *p != '-') || (separator && *p != separator))
            return FALSE;
          separator = *p++;
        }
    }
  if (*p == '.' && separator == '.')
    p++;
  if (*p != '\0')
    return FALSE;
  *y = parts[0];
  *m = parts[1];
  *d = parts[2];
  return TRUE;
}

/**
 * sm_date_parse_any:
 *
 * ISO dates and the Hungarian forms office software writes: "2024.03.01.",
 * "2024. 03. 01.", "2024.3.1", "2024. március 1.", "2024. márc. 1.", and
 * "2024/03/01".
 */
gboolean
sm_date_parse_any (const char  *text,
                   GDate       *out,
                   GError     **error)
{
  /* Without accents; a month is written whole or cut to three letters or
   * more ("márc.", "szept."). */
  static const char * const months[] = {
    "januar", "februar", "marcius", "aprilis", "majus", "junius", "julius", "augusztus",
    "szeptember", "oktober", "november", "december"
  };
  g_autofree char *lower = NULL, *plain = NULL;
  static GRegex *numeric, *named;
  g_autoptr(GMatchInfo) match = NULL;
  int y = 0, m = 0, d = 0;

  /* The folding below walks UTF-8 and must not be given anything else. */
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    goto bad;
  if (sm_date_parse_iso (text, out, NULL))
    return TRUE;
  /* The common "2024.03.01." without the regular expressions. */
  if (numeric_date (text, &y, &m, &d))
    goto check;
  lower = g_utf8_strdown (text, -1);
  plain = g_str_to_ascii (lower, "C");
  g_strstrip (plain);

  if (g_once_init_enter (&numeric))
    g_once_init_leave (&numeric, g_regex_new ("^([0-9]{4})\\s*([./-])\\s*([0-9]{1,2})\\s*\\2\\s*"
                                              "([0-9]{1,2})\\.?$", G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&named))
    g_once_init_leave (&named, g_regex_new ("^([0-9]{4})\\.?\\s*([a-z]+)\\.?\\s*([0-9]{1,2})\\.?$",
                                            G_REGEX_OPTIMIZE, 0, NULL));
  if (g_regex_match (numeric, plain, 0, &match))
    {
      g_autofree char *ys = g_match_info_fetch (match, 1);
      g_autofree char *ms = g_match_info_fetch (match, 3);
      g_autofree char *ds = g_match_info_fetch (match, 4);

      y = atoi (ys);
      m = atoi (ms);
      d = atoi (ds);
    }
  else
    {
      g_clear_pointer (&match, g_match_info_free);
      if (g_regex_match (named, plain, 0, &match))
        {
          g_autofree char *ys = g_match_info_fetch (match, 1);
          g_autofree char *month = g_match_info_fetch (match, 2);
          g_autofree char *ds = g_match_info_fetch (match, 3);

          y = atoi (ys);
          d = atoi (ds);
          for (guint i = 0; i < G_N_ELEMENTS (months); i++)
            if (strlen (month) >= 3 && g_str_has_prefix (months[i], month))
              m = (int) i + 1;
        }
    }
check:
  if (y < SM_DATE_MIN_YEAR || y > SM_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    goto bad;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;

bad:
  {
    g_autofree char *shown = text ? g_utf8_make_valid (text, -1) : g_strdup ("");

    g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                 _("“%s” is not a date; write it as 2024-03-01, 2024.03.01. or 2024. március 1."),
                 shown);
  }
  return FALSE;
}
