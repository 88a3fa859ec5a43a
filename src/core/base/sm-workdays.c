#define G_LOG_DOMAIN "sm-workdays"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-workdays.h"

struct _SmWorkCalendar {
  gatomicrefcount  ref;
  GHashTable      *exceptions;   /* day → GINT_TO_POINTER (1 + workday) */
};

SmWorkCalendar *
sm_work_calendar_new (void)
{
  SmWorkCalendar *self = g_new0 (SmWorkCalendar, 1);

  g_atomic_ref_count_init (&self->ref);
  self->exceptions = g_hash_table_new (NULL, NULL);
  return self;
}

SmWorkCalendar *
sm_work_calendar_ref (SmWorkCalendar *self)
{
  g_atomic_ref_count_inc (&self->ref);
  return self;
}

void
sm_work_calendar_unref (SmWorkCalendar *self)
{
  if (self != NULL && g_atomic_ref_count_dec (&self->ref))
    {
      g_hash_table_unref (self->exceptions);
      g_free (self);
    }
}

/**
 * sm_work_calendar_set_day:
 * @workday: whether @day is worked, whatever its weekday and holidays say
 *
 * A moved rest day (áthelyezett pihenőnap) is set as not worked, a worked
 * Saturday as worked.
 */
void
sm_work_calendar_set_day (SmWorkCalendar *self,
                          int             day,
                          gboolean        workday)
{
  g_hash_table_insert (self->exceptions, GINT_TO_POINTER (day), GINT_TO_POINTER (workday ? 2 : 1));
}

/**
 * sm_easter_sunday:
 *
 * Easter Sunday of the Gregorian calendar (the anonymous algorithm of
 * Meeus and Jones–Butcher).
 */
void
sm_easter_sunday (int    year,
                  GDate *out)
{
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * sm_hungarian_public_holiday:
 *
 * The public holidays of the Labour Code, 2012. évi I. tv. 102. § (1):
 * 1 January, 15 March, Good Friday (since 2017), Easter Sunday and
 * Monday, 1 May, Whit Sunday and Monday, 20 August, 23 October,
 * 1 November, 25 and 26 December.
 *
 * Returns: (nullable): the holiday's name, or %NULL when @date is none
 */
const char *
sm_hungarian_public_holiday (const GDate *date)
{
  static const struct { int month, day; const char *name; } fixed[] = {
    { 1, 1, N_("New Year's Day") },
    { 3, 15, N_("National Day (15 March)") },
    { 5, 1, N_("Labour Day") },
    { 8, 20, N_("State Foundation Day (20 August)") },
    { 10, 23, N_("National Day (23 October)") },
    { 11, 1, N_("All Saints' Day") },
    { 12, 25, N_("Christmas Day") },
    { 12, 26, N_("Second Day of Christmas") },
  };
  int month = g_date_get_month (date), mday = g_date_get_day (date), year = g_date_get_year (date);
  GDate easter;
  int from_easter;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (fixed[i].month == month && fixed[i].day == mday)
      return _(fixed[i].name);

  sm_easter_sunday (year, &easter);
  from_easter = (int) g_date_get_julian (date) - (int) g_date_get_julian (&easter);
  switch (from_easter)
    {
    case -2:
      return year >= 2017 ? _("Good Friday") : NULL;
    case 0:
      return _("Easter Sunday");
    case 1:
      return _("Easter Monday");
    case 49:
      return _("Whit Sunday");
    case 50:
      return _("Whit Monday");
    default:
      return NULL;
    }
}

gboolean
sm_work_calendar_is_workday (SmWorkCalendar *self,
                             int             day)
{
  gpointer set = self ? g_hash_table_lookup (self->exceptions, GINT_TO_POINTER (day)) : NULL;
  GDate date;
  GDateWeekday weekday;

  if (set != NULL)
    return GPOINTER_TO_INT (set) == 2;
  sm_date_from_epoch_day (day, &date);
  weekday = g_date_get_weekday (&date);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return FALSE;
  return sm_hungarian_public_holiday (&date) == NULL;
}

/**
 * sm_work_calendar_add:
 * @workdays: how many working days after @day; 0 is @day itself
 *
 * Returns: the @workdays-th working day after @day: a referral sent on a
 *   Friday with 2 working days to answer is due on Tuesday, or later when
 *   Monday or Tuesday is a holiday
 */
int
sm_work_calendar_add (SmWorkCalendar *self,
                      int             day,
                      int             workdays)
{
  /* A year holds more than 200 working days; the bound keeps a calendar
   * set to rest every day from looping. */
  for (int steps = 0; workdays > 0 && steps < 3660; steps++)
    {
      day++;
      if (sm_work_calendar_is_workday (self, day))
        workdays--;
    }
  return day;
}

/**
 * sm_work_calendar_count:
 *
 * Returns: the working days after @from up to and including @to (0 when
 *   @to is not after @from)
 */
int
sm_work_calendar_count (SmWorkCalendar *self,
                        int             from,
                        int             to)
{
  int n = 0;

  for (int day = from + 1; day <= to; day++)
    n += sm_work_calendar_is_workday (self, day) ? 1 : 0;
  return n;
}
