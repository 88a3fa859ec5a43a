#define G_LOG_DOMAIN "sm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <sqlite3.h>

#include "sm-error.h"
#include "sm-store-private.h"
#include "sm-model.h"
#include "sm-store-roundtable.h"

/* The cooperation programme: its versions with their sections and who
 * agreed to them, its goals and actions with what they are about and
 * their notes, and the indicators' targets. */

void
sm_programme_section_free (SmProgrammeSection *s)
{
  g_free (s->title);
  g_free (s->body);
  g_free (s);
}

void
sm_programme_agreement_free (SmProgrammeAgreement *a)
{
  g_free (a->organization);
  g_free (a->person);
  g_free (a->agreed_on);
  g_free (a);
}

SmProgrammeVersion *
sm_programme_version_new (void)
{
  SmProgrammeVersion *v = g_new0 (SmProgrammeVersion, 1);

  v->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_programme_section_free);
  v->agreements = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_programme_agreement_free);
  return v;
}

void
sm_programme_version_free (SmProgrammeVersion *v)
{
  if (v == NULL)
    return;
  g_free (v->made_on);
  g_free (v->note);
  g_ptr_array_unref (v->sections);
  g_ptr_array_unref (v->agreements);
  g_free (v);
}

void
sm_goal_record_free (SmGoalRecord *g)
{
  g_free (g->title);
  g_free (g->description);
  g_free (g);
}

void
sm_action_link_free (SmActionLink *l)
{
  g_free (l->label);
  g_free (l);
}

void
sm_action_note_free (SmActionNote *n)
{
  g_free (n->noted_on);
  g_free (n->status);
  g_free (n->text);
  g_free (n);
}

SmActionRecord *
sm_action_record_new (void)
{
  SmActionRecord *a = g_new0 (SmActionRecord, 1);

  a->links = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_action_link_free);
  a->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_action_note_free);
  return a;
}

void
sm_action_record_free (SmActionRecord *a)
{
  if (a == NULL)
    return;
  g_free (a->goal);
  g_free (a->title);
  g_free (a->owner);
  g_free (a->due_on);
  g_free (a->status);
  g_free (a->status_on);
  g_ptr_array_unref (a->links);
  g_ptr_array_unref (a->notes);
  g_free (a);
}

void
sm_indicator_target_free (SmIndicatorTarget *t)
{
  g_free (t->indicator);
  g_free (t->by_day);
  g_free (t);
}

static const char * const action_statuses[] = { "planned", "in_progress", "done", "late", "dropped", NULL };

/* The programme */

/**
 * sm_store_add_programme_version:
 * @version: its sections (at least one), made_on and note; its number is
 *   set to the next one
 *
 * Returns: the new version's number, 0 with @error
 */
int
sm_store_add_programme_version (SmStore            *store,
                                SmProgrammeVersion *v,
                                GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 id;
  int number;

  if (!_sm_store_check_date (_("day of the version"), v->made_on, FALSE, error))
    return 0;
  if (v->sections->len == 0)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, _("A version of the programme needs a section"));
      return 0;
    }
  for (guint i = 0; i < v->sections->len; i++)
    if (!_sm_store_check_text (_("section's title"), ((SmProgrammeSection *) g_ptr_array_index (v->sections, i))->title,
                     error))
      return 0;
  if (!sm_store_begin (store, error))
    return 0;
  stmt = _sm_store_prepare (store, "INSERT INTO programme_version (number, made_on, meeting_id, note)"
                                   " VALUES ((SELECT coalesce (max (number), 0) + 1 FROM programme_version), ?, ?, ?)"
                                   " RETURNING id, number", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, v->made_on, -1, SQLITE_TRANSIENT);
  _sm_store_bind_id (stmt, 2, v->meeting_id);
  _sm_bind_text_or_null (stmt, 3, v->note);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _sm_store_set_error (store, error);
      sqlite3_reset (stmt);
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  number = sqlite3_column_int (stmt, 1);
  sqlite3_step (stmt);
  sqlite3_reset (stmt);
  for (guint i = 0; i < v->sections->len; i++)
    {
      SmProgrammeSection *s = g_ptr_array_index (v->sections, i);

      stmt = _sm_store_prepare (store, "INSERT INTO programme_section (version_id, position, title, body)"
                                       " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) i + 1);
      sqlite3_bind_text (stmt, 3, s->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, s->body ? s->body : "", -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!sm_store_commit (store, error))
    goto fail;
  v->id = id;
  v->number = number;
  return number;

fail:
  sm_store_rollback (store);
  return 0;
}

/* Who agreed to version @number of the programme, and when. */
gboolean
sm_store_agree_programme (SmStore     *store,
                          int          number,
                          gint64       organization_id,
                          const char  *person,
                          const char  *agreed_on,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_sm_store_check_date (_("day of the agreement"), agreed_on, FALSE, error) ||
      (organization_id <= 0 && !_sm_store_check_text (_("name of who agreed"), person, error)))
    return FALSE;
  stmt = _sm_store_prepare (store, "INSERT INTO programme_agreement (version_id, organization_id, person, agreed_on)"
                                   " SELECT id, ?2, ?3, ?4 FROM programme_version WHERE number = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, number);
  _sm_store_bind_id (stmt, 2, organization_id);
  _sm_bind_text_or_null (stmt, 3, person && *person ? person : NULL);
  sqlite3_bind_text (stmt, 4, agreed_on, -1, SQLITE_TRANSIENT);
  return _sm_store_run_change (store, stmt, _("version of the programme"), number, error);
}

static gpointer
read_version (sqlite3_stmt *stmt)
{
  SmProgrammeVersion *v = sm_programme_version_new ();

  v->id = sqlite3_column_int64 (stmt, 0);
  v->number = sqlite3_column_int (stmt, 1);
  v->made_on = _sm_store_column_dup (stmt, 2);
  v->meeting_id = _sm_store_column_int_or (stmt, 3, 0);
  v->note = _sm_store_column_dup (stmt, 4);
  return v;
}

static gboolean
read_version_parts (SmStore            *store,
                    SmProgrammeVersion *v,
                    GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _sm_store_prepare (store, "SELECT title, body FROM programme_section WHERE version_id = ? ORDER BY position",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, v->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmProgrammeSection *s = g_new0 (SmProgrammeSection, 1);

      s->title = _sm_store_column_dup (stmt, 0);
      s->body = _sm_store_column_dup (stmt, 1);
      g_ptr_array_add (v->sections, s);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = _sm_store_prepare (store, "SELECT a.organization_id, o.name, a.person, a.agreed_on"
                                   " FROM programme_agreement a LEFT JOIN organization o ON o.id = a.organization_id"
                                   " WHERE a.version_id = ? ORDER BY a.agreed_on, a.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, v->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmProgrammeAgreement *a = g_new0 (SmProgrammeAgreement, 1);

      a->organization_id = _sm_store_column_int_or (stmt, 0, 0);
      a->organization = _sm_store_column_dup (stmt, 1);
      a->person = _sm_store_column_dup (stmt, 2);
      a->agreed_on = _sm_store_column_dup (stmt, 3);
      g_ptr_array_add (v->agreements, a);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

#define VERSION_COLUMNS "SELECT id, number, made_on, meeting_id, note FROM programme_version"

/**
 * sm_store_get_programme_version:
 * @number: the version; 0: the latest
 *
 * Returns: (nullable): the version with its sections and agreements;
 *   %NULL without @error when there is no programme yet
 */
SmProgrammeVersion *
sm_store_get_programme_version (SmStore  *store,
                                int       number,
                                GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt = _sm_store_prepare (store, VERSION_COLUMNS
                                          " WHERE ?1 = 0 OR number = ?1 ORDER BY number DESC LIMIT 1", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, number);
  rows = _sm_store_read_rows (store, stmt, read_version, (GDestroyNotify) sm_programme_version_free, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      if (number != 0)
        g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("The programme has no version %d"), number);
      return NULL;
    }
  if (!read_version_parts (store, g_ptr_array_index (rows, 0), error))
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

GPtrArray *
sm_store_list_programme_versions (SmStore  *store,
                                  GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt = _sm_store_prepare (store, VERSION_COLUMNS " ORDER BY number", error);

  if (stmt == NULL)
    return NULL;
  rows = _sm_store_read_rows (store, stmt, read_version, (GDestroyNotify) sm_programme_version_free, error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (!read_version_parts (store, g_ptr_array_index (rows, i), error))
      return NULL;
  return g_steal_pointer (&rows);
}

gint64
sm_store_add_goal (SmStore     *store,
                   const char  *title,
                   const char  *description,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_sm_store_check_text (_("goal's title"), title, error))
    return 0;
  stmt = _sm_store_prepare (store, "INSERT INTO programme_goal (title, description) VALUES (?, ?) RETURNING id",
                            error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 2, description);
  return _sm_store_insert_returning_id (store, stmt, error);
}

static gpointer
read_goal (sqlite3_stmt *stmt)
{
  SmGoalRecord *g = g_new0 (SmGoalRecord, 1);

  g->id = sqlite3_column_int64 (stmt, 0);
  g->title = _sm_store_column_dup (stmt, 1);
  g->description = _sm_store_column_dup (stmt, 2);
  return g;
}

GPtrArray *
sm_store_list_goals (SmStore  *store,
                     GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT id, title, description FROM programme_goal ORDER BY id", error);

  return stmt ? _sm_store_read_rows (store, stmt, read_goal, (GDestroyNotify) sm_goal_record_free, error) : NULL;
}

/* Actions */

static gboolean
check_action (const SmActionRecord *a,
              GError              **error)
{
  if (!_sm_store_check_text (_("action's title"), a->title, error) ||
      !_sm_store_check_date (_("due day"), a->due_on, TRUE, error) ||
      !_sm_store_check_date (_("day of the status"), a->status_on, FALSE, error) ||
      !_sm_store_check_one_of ("status", a->status ? a->status : "planned", action_statuses, error))
    return FALSE;
  for (guint i = 0; i < a->links->len; i++)
    {
      SmActionLink *l = g_ptr_array_index (a->links, i);

      if (l->kind == SM_ACTION_LINK_HOTSPOT
          ? !(l->east > l->west && l->north > l->south && l->west >= -180 && l->east <= 180 &&
              l->south >= -90 && l->north <= 90)
          : l->ref_id <= 0)
        {
          g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                               _("An action's link names no area, service, need category or extent"));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * sm_store_add_action:
 * @action: its title, goal, owner, due day, status and its day, links
 *
 * Returns: the new action's id, 0 with @error
 */
gint64
sm_store_add_action (SmStore         *store,
                     SmActionRecord  *a,
                     GError         **error)
{
  static const char * const kinds[] = { "area", "service", "category", "hotspot" };
  sqlite3_stmt *stmt;
  gint64 id;

  if (!check_action (a, error) || !sm_store_begin (store, error))
    return 0;
  stmt = _sm_store_prepare (store, "INSERT INTO programme_action (goal_id, title, owner_id, due_on, status,"
                                   " status_on, synthetic) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  _sm_store_bind_id (stmt, 1, a->goal_id);
  sqlite3_bind_text (stmt, 2, a->title, -1, SQLITE_TRANSIENT);
  _sm_store_bind_id (stmt, 3, a->owner_id);
  _sm_bind_text_or_null (stmt, 4, a->due_on);
  sqlite3_bind_text (stmt, 5, a->status ? a->status : "planned", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, a->status_on, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, a->synthetic ? 1 : 0);
  if (!_sm_store_step_done (store, stmt, error))
    goto fail;
  id = _sm_store_last_insert_id (store);
  for (guint i = 0; i < a->links->len; i++)
    {
      SmActionLink *l = g_ptr_array_index (a->links, i);

      stmt = _sm_store_prepare (store, "INSERT INTO programme_action_link (action_id, kind, boundary_id, service_id,"
                                       " category_id, west, south, east, north) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, kinds[l->kind], -1, SQLITE_STATIC);
      _sm_store_bind_id (stmt, 3, l->kind == SM_ACTION_LINK_AREA ? l->ref_id : 0);
      _sm_store_bind_id (stmt, 4, l->kind == SM_ACTION_LINK_SERVICE ? l->ref_id : 0);
      _sm_store_bind_id (stmt, 5, l->kind == SM_ACTION_LINK_CATEGORY ? l->ref_id : 0);
      for (int c = 0; c < 4; c++)
        {
          double v[4] = { l->west, l->south, l->east, l->north };

          if (l->kind == SM_ACTION_LINK_HOTSPOT)
            sqlite3_bind_double (stmt, 6 + c, v[c]);
          else
            sqlite3_bind_null (stmt, 6 + c);
        }
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
    }
  if (!sm_store_commit (store, error))
    goto fail;
  a->id = id;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}

static gpointer
read_action (sqlite3_stmt *stmt)
{
  SmActionRecord *a = sm_action_record_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->goal_id = _sm_store_column_int_or (stmt, 1, 0);
  a->goal = _sm_store_column_dup (stmt, 2);
  a->title = _sm_store_column_dup (stmt, 3);
  a->owner_id = _sm_store_column_int_or (stmt, 4, 0);
  a->owner = _sm_store_column_dup (stmt, 5);
  a->due_on = _sm_store_column_dup (stmt, 6);
  a->status = _sm_store_column_dup (stmt, 7);
  a->status_on = _sm_store_column_dup (stmt, 8);
  a->synthetic = sqlite3_column_int (stmt, 9) != 0;
  return a;
}

static gboolean
read_action_parts (SmStore        *store,
                   SmActionRecord *a,
                   GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _sm_store_prepare (store,
    "SELECT l.kind, coalesce (l.boundary_id, l.service_id, l.category_id, 0), l.west, l.south, l.east, l.north,"
    " coalesce (b.name, s.name, iif (?2, c.name_hu, c.name_en), l.label)"
    " FROM programme_action_link l LEFT JOIN boundary b ON b.id = l.boundary_id"
    " LEFT JOIN service s ON s.id = l.service_id LEFT JOIN need_category c ON c.id = l.category_id"
    " WHERE l.action_id = ?1 ORDER BY l.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  sqlite3_bind_int (stmt, 2, sm_locale_is_hungarian ());
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmActionLink *l = g_new0 (SmActionLink, 1);
      const char *kind = (const char *) sqlite3_column_text (stmt, 0);

      l->kind = g_str_equal (kind, "area") ? SM_ACTION_LINK_AREA
              : g_str_equal (kind, "service") ? SM_ACTION_LINK_SERVICE
              : g_str_equal (kind, "category") ? SM_ACTION_LINK_CATEGORY : SM_ACTION_LINK_HOTSPOT;
      l->ref_id = sqlite3_column_int64 (stmt, 1);
      l->west = sqlite3_column_double (stmt, 2);
      l->south = sqlite3_column_double (stmt, 3);
      l->east = sqlite3_column_double (stmt, 4);
      l->north = sqlite3_column_double (stmt, 5);
      l->label = _sm_store_column_dup (stmt, 6);
      g_ptr_array_add (a->links, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  stmt = _sm_store_prepare (store, "SELECT noted_on, status, text FROM programme_action_note WHERE action_id = ?"
                                   " ORDER BY noted_on, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SmActionNote *n = g_new0 (SmActionNote, 1);

      n->noted_on = _sm_store_column_dup (stmt, 0);
      n->status = _sm_store_column_dup (stmt, 1);
      n->text = _sm_store_column_dup (stmt, 2);
      g_ptr_array_add (a->notes, n);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  _sm_store_set_error (store, error);
  return FALSE;
}

#define ACTION_COLUMNS \
  "SELECT a.id, a.goal_id, g.title, a.title, a.owner_id, o.name, a.due_on, a.status, a.status_on, a.synthetic" \
  " FROM programme_action a LEFT JOIN programme_goal g ON g.id = a.goal_id" \
  " LEFT JOIN organization o ON o.id = a.owner_id"

SmActionRecord *
sm_store_get_action (SmStore  *store,
                     gint64    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, ACTION_COLUMNS " WHERE a.id = ?", error);
  SmActionRecord *record;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  record = _sm_store_read_one (store, stmt, read_action, (GDestroyNotify) sm_action_record_free, _("action"), id,
                               error);
  if (record != NULL && !read_action_parts (store, record, error))
    g_clear_pointer (&record, sm_action_record_free);
  return record;
}

/* Returns: (element-type SmActionRecord): every action by goal, then
 * due day (those without one last), with links and notes */
GPtrArray *
sm_store_list_actions (SmStore  *store,
                       GError  **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  sqlite3_stmt *stmt = _sm_store_prepare (store, ACTION_COLUMNS
                                          " ORDER BY a.goal_id IS NULL, a.goal_id, a.due_on IS NULL, a.due_on, a.id",
                                          error);

  if (stmt == NULL)
    return NULL;
  rows = _sm_store_read_rows (store, stmt, read_action, (GDestroyNotify) sm_action_record_free, error);
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (!read_action_parts (store, g_ptr_array_index (rows, i), error))
      return NULL;
  return g_steal_pointer (&rows);
}

/**
 * sm_store_update_action:
 * @status: (nullable): the new status, or %NULL to keep it
 * @due_on: (nullable): a new due day, or %NULL to keep it
 * @day: the day of the change and of the note
 * @note: (nullable): a progress note
 *
 * Changes an action and keeps a note of it, as one action. Whether the
 * status may change so is sm_programme_action_update()'s business.
 */
gboolean
sm_store_update_action (SmStore     *store,
                        gint64       id,
                        const char  *status,
                        const char  *due_on,
                        const char  *day,
                        const char  *note,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  if (!_sm_store_check_date (_("day"), day, FALSE, error) ||
      !_sm_store_check_date (_("due day"), due_on, TRUE, error) ||
      (status != NULL && !_sm_store_check_one_of ("status", status, action_statuses, error)) ||
      !sm_store_begin (store, error))
    return FALSE;
  stmt = _sm_store_prepare (store, "UPDATE programme_action SET status = coalesce (?2, status),"
                                   " status_on = iif (?2 IS NULL, status_on, ?3), due_on = coalesce (?4, due_on)"
                                   " WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  _sm_bind_text_or_null (stmt, 2, status);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  _sm_bind_text_or_null (stmt, 4, due_on);
  if (!_sm_store_step_done (store, stmt, error) || !_sm_store_check_changed (store, _("action"), id, error))
    goto fail;
  if (status != NULL || (note != NULL && *note != '\0'))
    {
      stmt = _sm_store_prepare (store, "INSERT INTO programme_action_note (action_id, noted_on, status, text)"
                                       " VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      _sm_bind_text_or_null (stmt, 3, status);
      sqlite3_bind_text (stmt, 4, note ? note : "", -1, SQLITE_TRANSIENT);
      if (!_sm_store_step_done (store, stmt, error))
        goto fail;
    }
  return sm_store_commit (store, error);

fail:
  sm_store_rollback (store);
  return FALSE;
}

gboolean
sm_store_remove_action (SmStore  *store,
                        gint64    id,
                        GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM programme_action WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _sm_store_run_change (store, stmt, _("action"), id, error);
}

/* Indicator targets: which indicators exist is core's business
 * (analysis/sm-indicators.c). */

gboolean
sm_store_set_indicator_target (SmStore     *store,
                               const char  *indicator,
                               double       target,
                               double       baseline,
                               const char  *by_day,
                               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!isfinite (target) || !_sm_store_check_date (_("target day"), by_day, TRUE, error))
    {
      if (!isfinite (target))
        g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, _("A target is a number"));
      return FALSE;
    }
  stmt = _sm_store_prepare (store, "INSERT OR REPLACE INTO indicator_target (indicator, target, baseline, by_day)"
                                   " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 2, target);
  if (isfinite (baseline))
    sqlite3_bind_double (stmt, 3, baseline);
  _sm_bind_text_or_null (stmt, 4, by_day);
  return _sm_store_run_action (store, stmt, error);
}

gboolean
sm_store_clear_indicator_target (SmStore     *store,
                                 const char  *indicator,
                                 GError     **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "DELETE FROM indicator_target WHERE indicator = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator, -1, SQLITE_TRANSIENT);
  return _sm_store_run_action (store, stmt, error);
}

static gpointer
read_target (sqlite3_stmt *stmt)
{
  SmIndicatorTarget *t = g_new0 (SmIndicatorTarget, 1);

  t->indicator = _sm_store_column_dup (stmt, 0);
  t->target = sqlite3_column_double (stmt, 1);
  t->baseline = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 2);
  t->by_day = _sm_store_column_dup (stmt, 3);
  return t;
}

GPtrArray *
sm_store_list_indicator_targets (SmStore  *store,
                                 GError  **error)
{
  sqlite3_stmt *stmt = _sm_store_prepare (store, "SELECT indicator, target, baseline, by_day FROM indicator_target"
                                                 " ORDER BY indicator", error);

  return stmt ? _sm_store_read_rows (store, stmt, read_target, (GDestroyNotify) sm_indicator_target_free, error)
              : NULL;
}
