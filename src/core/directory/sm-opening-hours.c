#define G_LOG_DOMAIN "sm-opening-hours"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-error.h"
#include "sm-opening-hours.h"
#include "sm-store-services.h"

static const char * const rfc_days[7] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };
static const char * const hu_days[7] = { "H", "K", "Sze", "Cs", "P", "Szo", "V" };
static const char * const en_days[7] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };

/* @text in lower case without accents, its punctuation kept. */
static char *
fold (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = nfd ? nfd : ""; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x300 && c <= 0x36f)
        continue;
      g_string_append_unichar (out, g_unichar_tolower (c));
    }
  return g_string_free (out, FALSE);
}

/* A day's name, Hungarian or English, whole or short, folded. */
static int
day_index (const char *word)
{
  static const char * const names[7] = {
    "h hetfo mo mon monday",
    "k kedd tu tue tues tuesday",
    "sze sz szerda we wed wednesday",
    "cs csut csutortok th thu thur thurs thursday",
    "p pe pentek fr fri friday",
    "szo szombat sa sat saturday",
    "v vas vasarnap su sun sunday",
  };

  for (int d = 0; d < 7; d++)
    {
      g_auto(GStrv) words = g_strsplit (names[d], " ", -1);

      if (g_strv_contains ((const char * const *) words, word))
        return d;
    }
  return -1;
}

/* The days a segment names ("h-p", "h, sze", "hetfo-pentek"), as bits. */
static gboolean
parse_days (const char  *text,
            guint       *days,
            GError     **error)
{
  g_autofree char *copy = g_strdup (text);
  g_auto(GStrv) items = NULL;

  g_strdelimit (copy, ",/", ' ');
  items = g_strsplit_set (copy, " \t", -1);
  *days = 0;
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) range = NULL;
      int from, to;

      if (*items[i] == '\0' || g_str_equal (items[i], "es") || g_str_equal (items[i], "and"))
        continue;
      range = g_strsplit (items[i], "-", 2);
      from = day_index (range[0]);
      to = range[1] != NULL ? day_index (range[1]) : from;
      if (from < 0 || to < 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a day of the week"), items[i]);
          return FALSE;
        }
      for (int d = from;; d = (d + 1) % 7)
        {
          *days |= 1u << d;
          if (d == to)
            break;
        }
    }
  return TRUE;
}

/* "8", "8:30", "08.30" at @p; moves @p past it. */
static gboolean
parse_time (const char **p,
            int         *minutes)
{
  const char *c = *p;
  int h = 0, m = 0, digits = 0;

  while (g_ascii_isdigit (*c) && digits < 2)
    h = h * 10 + (*c++ - '0'), digits++;
  if (digits == 0)
    return FALSE;
  if ((*c == ':' || *c == '.') && g_ascii_isdigit (c[1]) && g_ascii_isdigit (c[2]))
    {
      m = (c[1] - '0') * 10 + (c[2] - '0');
      c += 3;
    }
  if (h > 24 || m > 59 || (h == 24 && m > 0))
    return FALSE;
  *minutes = h * 60 + m;
  *p = c;
  return TRUE;
}

static void
add_rows (GArray *rows,
          guint   days,
          int     open,
          int     close)
{
  SmScheduleRow r = { 0 };
  GString *byday = g_string_new (NULL);

  for (int d = 0; d < 7; d++)
    if (days & (1u << d))
      g_string_append_printf (byday, "%s%s", byday->len ? "," : "", rfc_days[d]);
  g_strlcpy (r.byday, byday->str, sizeof r.byday);
  g_snprintf (r.opens_at, sizeof r.opens_at, "%02d:%02d", open / 60, open % 60);
  g_snprintf (r.closes_at, sizeof r.closes_at, "%02d:%02d", close / 60, close % 60);
  g_array_append_val (rows, r);
  g_string_free (byday, TRUE);
}

/**
 * sm_opening_hours_parse:
 * @text: (nullable): segments separated by ";" or new lines, each days
 *   then one or more times from–to; empty for no opening hours
 * @rows: (out) (transfer full) (element-type SmScheduleRow): one per time
 *   range of a segment
 */
gboolean
sm_opening_hours_parse (const char  *text,
                        GArray     **rows,
                        GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (SmScheduleRow));
  g_autoptr(GString) dashed = g_string_new (text ? text : "");
  g_autofree char *folded = NULL;
  g_auto(GStrv) segments = NULL;

  g_string_replace (dashed, "–", "-", 0);
  g_string_replace (dashed, "—", "-", 0);
  g_string_replace (dashed, "−", "-", 0);
  folded = fold (dashed->str);
  segments = g_strsplit_set (folded, ";\n", -1);
  for (guint s = 0; segments[s] != NULL; s++)
    {
      char *seg = g_strstrip (segments[s]);
      const char *times = seg;
      g_autofree char *day_text = NULL;
      g_autoptr(GString) squeezed = NULL;
      guint days = 0, n = 0;

      if (*seg == '\0')
        continue;
      while (*times != '\0' && !g_ascii_isdigit (*times))
        times++;
      day_text = g_strndup (seg, times - seg);
      squeezed = g_string_new (day_text);
      g_string_replace (squeezed, " - ", "-", 0);
      g_string_replace (squeezed, " -", "-", 0);
      g_string_replace (squeezed, "- ", "-", 0);
      if (!parse_days (g_strstrip (squeezed->str), &days, error))
        return FALSE;
      if (days == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say on which days: “%s”"), seg);
          return FALSE;
        }
      while (*times != '\0')
        {
          int open, close;

          while (*times == ' ' || *times == ',')
            times++;
          if (*times == '\0')
            break;
          if (!parse_time (&times, &open))
            goto bad;
          while (*times == ' ')
            times++;
          if (*times++ != '-')
            goto bad;
          while (*times == ' ')
            times++;
          if (!parse_time (&times, &close) || close <= open)
            goto bad;
          add_rows (out, days, open, close);
          n++;
        }
      if (n == 0)
        {
bad:
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("“%s” is not opening hours; write them as Mo–Fr 8:00–16:00; Sa 9–12"), seg);
          return FALSE;
        }
    }
  *rows = g_steal_pointer (&out);
  return TRUE;
}

static char *
time_text (const char *hhmm)
{
  int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');

  return g_strdup_printf ("%d:%s", h, hhmm + 3);
}

/* "H–P", "H, Sze, P", "Szo–V". */
static void
append_days (GString     *out,
             const char  *byday,
             gboolean     hungarian)
{
  const char * const *names = hungarian ? hu_days : en_days;
  guint days = 0;
  int d = 0;

  for (int i = 0; i < 7; i++)
    if (strstr (byday, rfc_days[i]) != NULL)
      days |= 1u << i;
  while (d < 7)
    {
      int end;

      if (!(days & (1u << d)))
        {
          d++;
          continue;
        }
      for (end = d; end + 1 < 7 && (days & (1u << (end + 1))); end++)
        ;
      if (out->len > 0 && out->str[out->len - 1] != ' ')
        g_string_append (out, ", ");
      g_string_append (out, names[d]);
      if (end > d)
        g_string_append_printf (out, "%s%s", end == d + 1 ? ", " : "–", names[end]);
      d = end + 1;
    }
}

/**
 * sm_opening_hours_format:
 * @rows: (element-type SmScheduleRow)
 *
 * Returns: (transfer full): "H–P 8:00–12:00, 13:00–16:00; Szo 9:00–12:00",
 *   with English day names unless @hungarian; "" for none
 */
char *
sm_opening_hours_format (GArray   *rows,
                         gboolean  hungarian)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      const SmScheduleRow *r = &g_array_index (rows, SmScheduleRow, i);
      g_autofree char *open = time_text (r->opens_at), *close = time_text (r->closes_at);
      gboolean same_days = i > 0 && g_str_equal (g_array_index (rows, SmScheduleRow, i - 1).byday, r->byday);

      if (same_days)
        g_string_append (out, ", ");
      else
        {
          GString *days = g_string_new (NULL);

          if (i > 0)
            g_string_append (out, "; ");
          append_days (days, r->byday, hungarian);
          g_string_append_printf (out, "%s ", days->str);
          g_string_free (days, TRUE);
        }
      g_string_append_printf (out, "%s–%s", open, close);
    }
  return g_string_free (out, FALSE);
}
