#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Working days of Hungary: Monday to Friday except the public holidays of
 * the Labour Code (Mt. 102. §), with exceptions a user sets (the
 * government's yearly decree moves rest days and working Saturdays, and a
 * town may add its own days). Days are days since 1970-01-01. */

typedef struct _SmWorkCalendar SmWorkCalendar;

SmWorkCalendar *sm_work_calendar_new       (void);
SmWorkCalendar *sm_work_calendar_ref       (SmWorkCalendar *calendar);
void            sm_work_calendar_unref     (SmWorkCalendar *calendar);

void            sm_work_calendar_set_day   (SmWorkCalendar *calendar,
                                            int             day,
                                            gboolean        workday);
gboolean        sm_work_calendar_is_workday (SmWorkCalendar *calendar,
                                            int             day);
int             sm_work_calendar_add       (SmWorkCalendar *calendar,
                                            int             day,
                                            int             workdays);
int             sm_work_calendar_count     (SmWorkCalendar *calendar,
                                            int             from,
                                            int             to);

const char     *sm_hungarian_public_holiday (const GDate   *date);
void            sm_easter_sunday            (int            year,
                                             GDate         *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmWorkCalendar, sm_work_calendar_unref)

G_END_DECLS
