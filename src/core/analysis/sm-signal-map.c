#define G_LOG_DOMAIN "sm-signal-map"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sm-date.h"
#include "sm-signal-map.h"
#include "sm-store-signals.h"

/* The members' kinds of the seeded code list by where they stand; a kind
 * added by the office counts as care. */
SmSignalSource
sm_signal_source_of (const char *member_kind)
{
  static const char * const health[] = { "vedono", "haziorvos", "gyermekorvos", NULL };
  static const char * const education[] = { "ovoda", "iskola", NULL };
  static const char * const authority[] = {
    "rendorseg", "ugyeszseg", "birosag", "partfogo", "foglalkoztatas_felugyelet", "javitointezet",
    "kormanyhivatal", "allami_fenntarto", "jegyzo", "gyamhivatal", "bv_intezet", "jarasi_hivatal", NULL
  };

  if (member_kind == NULL || strcmp (member_kind, "maganszemely") == 0)
    return SM_SIGNAL_SOURCE_PRIVATE;
  if (g_strv_contains (health, member_kind))
    return SM_SIGNAL_SOURCE_HEALTH;
  if (g_strv_contains (education, member_kind))
    return SM_SIGNAL_SOURCE_EDUCATION;
  if (g_strv_contains (authority, member_kind))
    return SM_SIGNAL_SOURCE_AUTHORITY;
  return SM_SIGNAL_SOURCE_CARE;
}

const char *
sm_signal_source_name (SmSignalSource source)
{
  switch (source)
    {
    case SM_SIGNAL_SOURCE_HEALTH: return _("health care");
    case SM_SIGNAL_SOURCE_EDUCATION: return _("kindergartens and schools");
    case SM_SIGNAL_SOURCE_AUTHORITY: return _("police, justice and offices");
    case SM_SIGNAL_SOURCE_CARE: return _("care providers, NGOs and churches");
    case SM_SIGNAL_SOURCE_PRIVATE:
    default: return _("private persons and anonymous");
    }
}

/**
 * sm_signal_map_points:
 * @places: (element-type SmSignalPlace): from sm_store_list_signal_places()
 * @deadlines: (nullable): for what is overdue on the filter's day
 *
 * The signals the filter's time shows: with a window (since), those
 * received in it; open needs on a day, the signals not yet answered on
 * it; resolved, those answered by it; any, those received by it. A
 * signal naming need categories is shown when the filter shows one of
 * them; one naming none always.
 *
 * Returns: (transfer full) (element-type SmSignalPoint):
 */
GArray *
sm_signal_map_points (GArray                  *places,
                      SmFilter                *filter,
                      const SmSignalDeadlines *deadlines)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (SmSignalPoint));
  GDate as_of, since;
  gboolean has_since = sm_filter_get_since (filter, &since);
  SmNeedStatus status = sm_filter_get_status (filter);
  g_autofree char *from = NULL;
  char until[17];
  int today;
  gboolean all_needs = sm_filter_get_categories (filter)->len == 0;

  sm_filter_get_as_of (filter, &as_of);
  g_snprintf (until, sizeof until, "%04d-%02d-%02d 24:00", g_date_get_year (&as_of), g_date_get_month (&as_of),
              g_date_get_day (&as_of));
  today = sm_date_to_epoch_day (&as_of);
  if (has_since)
    from = g_strdup_printf ("%04d-%02d-%02d 00:00", g_date_get_year (&since), g_date_get_month (&since),
                            g_date_get_day (&since));
  for (guint i = 0; i < places->len; i++)
    {
      const SmSignalPlace *p = &g_array_index (places, SmSignalPlace, i);
      gboolean answered = p->answered_at[0] != '\0' && strcmp (p->answered_at, until) < 0;
      SmSignalPoint point;
      int received;
      gboolean shown;

      if (strcmp (p->received_at, until) >= 0)
        break;
      if (has_since)
        shown = strcmp (p->received_at, from) >= 0;
      else if (status == SM_NEED_OPEN)
        shown = !answered;
      else if (status == SM_NEED_RESOLVED)
        shown = answered;
      else
        shown = TRUE;
      if (!shown)
        continue;
      if (!all_needs && p->needs != 0)
        {
          gboolean any = FALSE;

          for (int c = 0; c < 64 && !any; c++)
            any = (p->needs >> c & 1) && sm_filter_has_category (filter, c);
          if (!any)
            continue;
        }
      /* In whole calendar days: no time object per signal at every step
       * of the slider. */
      if (!sm_signal_parse_day (p->received_at, &received))
        continue;
      point = (SmSignalPoint) { .id = p->id, .lat = p->lat, .lon = p->lon,
                                .source = sm_signal_source_of (p->member_kind),
                                .age_days = MAX (0, today - received) };
      /* Overdue on the day: not assessed or not answered by then, past
       * the deadline of that step. */
      point.overdue = !answered &&
                      sm_signal_is_overdue_on (deadlines, p->urgency,
                                            p->assessed_at[0] != '\0' && strcmp (p->assessed_at, until) < 0
                                            ? SM_SIGNAL_ASSESSED : SM_SIGNAL_RECEIVED,
                                            received, today);
      g_array_append_val (points, point);
    }
  return points;
}
