#define G_LOG_DOMAIN "sm-roundtable"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-programme.h"

const char *
sm_action_status_name (SmActionStatus status)
{
  switch (status)
    {
    case SM_ACTION_PLANNED:
      return C_("action", "Planned");
    case SM_ACTION_IN_PROGRESS:
      return C_("action", "In progress");
    case SM_ACTION_DONE:
      return C_("action", "Done");
    case SM_ACTION_LATE:
      return C_("action", "Late");
    case SM_ACTION_DROPPED:
      return C_("action", "Dropped");
    default:
      return "";
    }
}

/* A status by its nick or by its name in either language. */
gboolean
sm_action_status_parse (const char      *text,
                        SmActionStatus  *out,
                        GError         **error)
{
  static const char * const hungarian[] = { "tervezett", "folyamatban", "kész", "késik", "elvetve" };
  int value;

  if (text != NULL && sm_enum_parse (SM_TYPE_ACTION_STATUS, text, &value))
    {
      *out = (SmActionStatus) value;
      return TRUE;
    }
  for (int s = SM_ACTION_PLANNED; text != NULL && s <= SM_ACTION_DROPPED; s++)
    if (g_utf8_collate (text, sm_action_status_name ((SmActionStatus) s)) == 0 ||
        g_str_equal (text, hungarian[s]))
      {
        *out = (SmActionStatus) s;
        return TRUE;
      }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not a status of an action; use planned, in_progress, done, late or dropped"),
               text ? text : "");
  return FALSE;
}

/* Planned work starts, ends, falls late or is dropped; late work goes on,
 * ends or is dropped; done work may be taken up again, and dropped work
 * planned again. */
gboolean
sm_action_status_can_move (SmActionStatus from,
                           SmActionStatus to)
{
  static const guint8 allowed[5] = {
    [SM_ACTION_PLANNED] = 1 << SM_ACTION_IN_PROGRESS | 1 << SM_ACTION_DONE | 1 << SM_ACTION_LATE |
                          1 << SM_ACTION_DROPPED,
    [SM_ACTION_IN_PROGRESS] = 1 << SM_ACTION_DONE | 1 << SM_ACTION_LATE | 1 << SM_ACTION_DROPPED,
    [SM_ACTION_LATE] = 1 << SM_ACTION_IN_PROGRESS | 1 << SM_ACTION_DONE | 1 << SM_ACTION_DROPPED,
    [SM_ACTION_DONE] = 1 << SM_ACTION_IN_PROGRESS,
    [SM_ACTION_DROPPED] = 1 << SM_ACTION_PLANNED,
  };

  if (from > SM_ACTION_DROPPED || to > SM_ACTION_DROPPED)
    return FALSE;
  return (allowed[from] & (1 << to)) != 0;
}

gboolean
sm_action_status_is_open (SmActionStatus status)
{
  return status == SM_ACTION_PLANNED || status == SM_ACTION_IN_PROGRESS || status == SM_ACTION_LATE;
}

static SmActionStatus
stored_status (const SmActionRecord *action)
{
  SmActionStatus s = SM_ACTION_PLANNED;

  sm_action_status_parse (action->status, &s, NULL);
  return s;
}

/* The status as it stands on @today: open work past its due day is late,
 * whatever was last written. */
SmActionStatus
sm_action_effective_status (const SmActionRecord *action,
                            const char           *today)
{
  SmActionStatus s = stored_status (action);

  if ((s == SM_ACTION_PLANNED || s == SM_ACTION_IN_PROGRESS) && action->due_on != NULL && today != NULL &&
      strcmp (action->due_on, today) < 0)
    return SM_ACTION_LATE;
  return s;
}

gboolean
sm_action_is_overdue (const SmActionRecord *action,
                      const char           *today)
{
  return sm_action_effective_status (action, today) == SM_ACTION_LATE;
}

/* Days since the due day of an overdue action; 0 otherwise. */
int
sm_action_days_overdue (const SmActionRecord *action,
                        const char           *today)
{
  GDate due, now;

  if (!sm_action_is_overdue (action, today) || action->due_on == NULL ||
      !sm_date_parse_iso (action->due_on, &due, NULL) || !sm_date_parse_iso (today, &now, NULL))
    return 0;
  return MAX (0, g_date_days_between (&due, &now));
}

/* A new action starts planned or in progress. */
gint64
sm_programme_add_action (SmStore         *store,
                         SmActionRecord  *action,
                         GError         **error)
{
  SmActionStatus s = SM_ACTION_PLANNED;

  if (action->status != NULL && !sm_action_status_parse (action->status, &s, error))
    return 0;
  if (s != SM_ACTION_PLANNED && s != SM_ACTION_IN_PROGRESS)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, _("A new action is planned or in progress"));
      return 0;
    }
  g_free (action->status);
  action->status = g_strdup (sm_enum_to_nick (SM_TYPE_ACTION_STATUS, s));
  if (action->status_on == NULL)
    action->status_on = sm_date_today_iso ();
  return sm_store_add_action (store, action, error);
}

static gboolean
has_text (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return TRUE;
  return FALSE;
}

/**
 * sm_programme_update_action:
 * @status: (nullable): the new status (a nick or a name), or %NULL
 * @due_on: (nullable): a new due day, or %NULL
 * @day: (nullable): the day of the change; %NULL: today
 * @note: (nullable): a progress note; a status of done or dropped needs one
 *
 * Moves an action on, if the move is one its status allows.
 */
gboolean
sm_programme_update_action (SmStore     *store,
                            gint64       id,
                            const char  *status,
                            const char  *due_on,
                            const char  *day,
                            const char  *note,
                            GError     **error)
{
  g_autoptr(SmActionRecord) action = sm_store_get_action (store, id, error);
  g_autofree char *today = day ? g_strdup (day) : sm_date_today_iso ();
  SmActionStatus from, to;

  if (action == NULL)
    return FALSE;
  from = stored_status (action);
  if (status == NULL)
    {
      if (due_on == NULL && (note == NULL || *note == '\0'))
        {
          g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                               _("Say what changed: a status, a due day or a note"));
          return FALSE;
        }
      return sm_store_update_action (store, id, NULL, due_on, today, note, error);
    }
  if (!sm_action_status_parse (status, &to, error))
    return FALSE;
  if (!sm_action_status_can_move (from, to))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("An action that is “%s” cannot become “%s”"),
                   sm_action_status_name (from), sm_action_status_name (to));
      return FALSE;
    }
  if ((to == SM_ACTION_DONE || to == SM_ACTION_DROPPED) && !has_text (note))
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                           _("Say in a note what was done, or why the action was dropped"));
      return FALSE;
    }
  return sm_store_update_action (store, id, sm_enum_to_nick (SM_TYPE_ACTION_STATUS, to), due_on, today, note, error);
}
