#define G_LOG_DOMAIN "sm-filter"

#include "config.h"

#include <math.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-filter.h"
#include "sm-model.h"
#include "sm-store.h"
#include "sm-number.h"

struct _SmFilter
{
  GObject   parent_instance;

  gboolean  has_bbox;
  double    west, south, east, north;
  GArray   *categories;      /* gint64 ids, sorted; empty means all */
  int       min_severity;
  GDate     as_of;           /* invalid means today */
  GDate     since;           /* invalid: no lower bound on the assessment day */
  SmNeedStatus   status;
  SmAgeGroups    age_groups;     /* 0: any age */
  SmElderlyFlags elderly_flags;  /* 0: no condition */
  char     *settlement_part;    /* NULL: all */
  char     *service_type;       /* NULL: all, for the service layer */
};

G_DEFINE_FINAL_TYPE (SmFilter, sm_filter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
sm_filter_finalize (GObject *object)
{
  SmFilter *self = SM_FILTER (object);

  g_array_unref (self->categories);
  g_free (self->settlement_part);
  g_free (self->service_type);

  G_OBJECT_CLASS (sm_filter_parent_class)->finalize (object);
}

static void
sm_filter_class_init (SmFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_filter_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_filter_init (SmFilter *self)
{
  self->categories = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->min_severity = 1;
  g_date_clear (&self->as_of, 1);
  g_date_clear (&self->since, 1);
}

SmFilter *
sm_filter_new (void)
{
  return g_object_new (SM_TYPE_FILTER, NULL);
}

/* The same conditions in a filter of its own. */
SmFilter *
sm_filter_copy (SmFilter *self)
{
  SmFilter *copy = sm_filter_new ();

  g_return_val_if_fail (SM_IS_FILTER (self), copy);

  copy->has_bbox = self->has_bbox;
  copy->west = self->west;
  copy->south = self->south;
  copy->east = self->east;
  copy->north = self->north;
  g_array_append_vals (copy->categories, self->categories->data, self->categories->len);
  copy->min_severity = self->min_severity;
  copy->as_of = self->as_of;
  copy->since = self->since;
  copy->status = self->status;
  copy->age_groups = self->age_groups;
  copy->elderly_flags = self->elderly_flags;
  copy->settlement_part = g_strdup (self->settlement_part);
  copy->service_type = g_strdup (self->service_type);
  return copy;
}

static void
changed (SmFilter *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

void
sm_filter_set_bbox (SmFilter *self,
                    double    west,
                    double    south,
                    double    east,
                    double    north)
{
  g_return_if_fail (SM_IS_FILTER (self));

  self->has_bbox = TRUE;
  self->west = MIN (west, east);
  self->east = MAX (west, east);
  self->south = MIN (south, north);
  self->north = MAX (south, north);
  changed (self);
}

void
sm_filter_clear_bbox (SmFilter *self)
{
  g_return_if_fail (SM_IS_FILTER (self));

  self->has_bbox = FALSE;
  changed (self);
}

gboolean
sm_filter_get_bbox (SmFilter *self,
                    double   *west,
                    double   *south,
                    double   *east,
                    double   *north)
{
  g_return_val_if_fail (SM_IS_FILTER (self), FALSE);

  if (!self->has_bbox)
    return FALSE;
  *west = self->west;
  *south = self->south;
  *east = self->east;
  *north = self->north;
  return TRUE;
}

/**
 * sm_filter_parse_bbox:
 * @text: "W,S,E,N" in degrees of longitude and latitude
 */
gboolean
sm_filter_parse_bbox (SmFilter    *self,
                      const char  *text,
                      GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);
  double v[4];

  g_return_val_if_fail (SM_IS_FILTER (self), FALSE);

  if (g_strv_length (parts) != 4)
    goto bad;
  for (guint i = 0; i < 4; i++)
    {
      if (!sm_parse_decimal (parts[i], FALSE, &v[i]))
        goto bad;
    }
  if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90 || v[0] >= v[2] || v[1] >= v[3])
    goto bad;

  sm_filter_set_bbox (self, v[0], v[1], v[2], v[3]);
  return TRUE;

bad:
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not a bounding box; write west,south,east,north in degrees, "
                 "e.g. 18.28,47.62,18.36,47.67"), text ? text : "");
  return FALSE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

void
sm_filter_add_category (SmFilter *self,
                        gint64    category_id)
{
  g_return_if_fail (SM_IS_FILTER (self));

  if (sm_filter_has_category (self, category_id) && self->categories->len > 0)
    return;
  g_array_append_val (self->categories, category_id);
  g_array_sort (self->categories, compare_ids);
  changed (self);
}

/* Chooses exactly @ids (none: all categories), with one "changed". */
void
sm_filter_set_categories (SmFilter     *self,
                          const gint64 *ids,
                          guint         n_ids)
{
  g_return_if_fail (SM_IS_FILTER (self));

  g_array_set_size (self->categories, 0);
  for (guint i = 0; i < n_ids; i++)
    if (!sm_filter_has_category (self, ids[i]) || self->categories->len == 0)
      g_array_append_val (self->categories, ids[i]);
  g_array_sort (self->categories, compare_ids);
  changed (self);
}

void
sm_filter_clear_categories (SmFilter *self)
{
  g_return_if_fail (SM_IS_FILTER (self));

  g_array_set_size (self->categories, 0);
  changed (self);
}

const GArray *
sm_filter_get_categories (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), NULL);

  return self->categories;
}

/**
 * sm_filter_has_category:
 *
 * Returns: whether needs of @category_id pass; with no category chosen,
 * every category passes
 */
gboolean
sm_filter_has_category (SmFilter *self,
                        gint64    category_id)
{
  g_return_val_if_fail (SM_IS_FILTER (self), FALSE);

  if (self->categories->len == 0)
    return TRUE;
  for (guint i = 0; i < self->categories->len; i++)
    if (g_array_index (self->categories, gint64, i) == category_id)
      return TRUE;
  return FALSE;
}

void
sm_filter_set_min_severity (SmFilter *self,
                            int       severity)
{
  g_return_if_fail (SM_IS_FILTER (self));
  g_return_if_fail (severity >= 1 && severity <= 3);

  self->min_severity = severity;
  changed (self);
}

int
sm_filter_get_min_severity (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), 1);

  return self->min_severity;
}

/**
 * sm_filter_set_as_of:
 * @date: (nullable): the day the map shows; %NULL for today
 */
void
sm_filter_set_as_of (SmFilter    *self,
                     const GDate *date)
{
  g_return_if_fail (SM_IS_FILTER (self));

  if (date != NULL && g_date_valid (date))
    self->as_of = *date;
  else
    g_date_clear (&self->as_of, 1);
  changed (self);
}

void
sm_filter_get_as_of (SmFilter *self,
                     GDate    *out)
{
  g_return_if_fail (SM_IS_FILTER (self));

  if (g_date_valid (&self->as_of))
    {
      *out = self->as_of;
      return;
    }
  g_date_clear (out, 1);
  g_date_set_time_t (out, time (NULL));
}

void
sm_filter_set_status (SmFilter     *self,
                      SmNeedStatus  status)
{
  g_return_if_fail (SM_IS_FILTER (self));
  g_return_if_fail (status <= SM_NEED_ANY);

  self->status = status;
  changed (self);
}

SmNeedStatus
sm_filter_get_status (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), SM_NEED_OPEN);

  return self->status;
}

/**
 * sm_filter_parse_status:
 * @text: "open", "resolved" or "any"
 */
gboolean
sm_filter_parse_status (SmFilter    *self,
                        const char  *text,
                        GError     **error)
{
  int value;

  if (sm_enum_parse (SM_TYPE_NEED_STATUS, text, &value))
    {
      sm_filter_set_status (self, (SmNeedStatus) value);
      return TRUE;
    }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not a need status; use open, resolved or any"), text ? text : "");
  return FALSE;
}

void
sm_filter_set_age_groups (SmFilter    *self,
                          SmAgeGroups  groups)
{
  g_return_if_fail (SM_IS_FILTER (self));

  self->age_groups = groups & (SM_AGE_CHILD | SM_AGE_ADULT | SM_AGE_ELDERLY);
  changed (self);
}

SmAgeGroups
sm_filter_get_age_groups (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), 0);

  return self->age_groups;
}

/**
 * sm_filter_parse_age_group:
 * @text: "child", "adult" or "elderly"
 */
gboolean
sm_filter_parse_age_group (const char   *text,
                           SmAgeGroups  *out,
                           GError      **error)
{
  int value;

  if (sm_enum_parse (SM_TYPE_AGE_GROUPS, text, &value))
    *out = (SmAgeGroups) value;
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not an age group; use child (0–17), adult (18–64) or "
                     "elderly (65 and over)"), text ? text : "");
      return FALSE;
    }
  return TRUE;
}

void
sm_filter_set_elderly_flags (SmFilter       *self,
                             SmElderlyFlags  flags)
{
  g_return_if_fail (SM_IS_FILTER (self));

  self->elderly_flags = flags & (SM_ELDERLY_LIVES_ALONE | SM_ELDERLY_ALARM_DEVICE |
                                 SM_ELDERLY_NO_ALARM);
  changed (self);
}

SmElderlyFlags
sm_filter_get_elderly_flags (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), 0);

  return self->elderly_flags;
}

/**
 * sm_filter_set_settlement_part:
 * @name: (nullable): a settlement part's name as households record it
 */
void
sm_filter_set_settlement_part (SmFilter   *self,
                               const char *name)
{
  g_return_if_fail (SM_IS_FILTER (self));

  g_free (self->settlement_part);
  self->settlement_part = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  changed (self);
}

const char *
sm_filter_get_settlement_part (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), NULL);

  return self->settlement_part;
}

/**
 * sm_filter_set_service_type:
 * @code: (nullable): a service type code; %NULL shows every service
 */
void
sm_filter_set_service_type (SmFilter   *self,
                            const char *code)
{
  g_return_if_fail (SM_IS_FILTER (self));

  g_free (self->service_type);
  self->service_type = code != NULL && *code != '\0' ? g_strdup (code) : NULL;
  changed (self);
}

const char *
sm_filter_get_service_type (SmFilter *self)
{
  g_return_val_if_fail (SM_IS_FILTER (self), NULL);

  return self->service_type;
}

/**
 * sm_filter_accepts_need:
 *
 * Whether one need passes the filter's need conditions (category,
 * severity, state on the day), as sm_store_query() counts it; the
 * household conditions are the query's.
 */
gboolean
sm_filter_accepts_need (SmFilter   *self,
                        gint64      category_id,
                        int         severity,
                        const char *assessed_on,
                        const char *resolved_on)
{
  g_autofree char *day = NULL;
  GDate as_of;

  g_return_val_if_fail (SM_IS_FILTER (self), FALSE);

  if (severity < self->min_severity || !sm_filter_has_category (self, category_id))
    return FALSE;
  if (g_date_valid (&self->since))
    {
      g_autofree char *since = sm_date_to_iso (&self->since);

      if (assessed_on == NULL || strcmp (assessed_on, since) < 0)
        return FALSE;
    }
  sm_filter_get_as_of (self, &as_of);
  day = sm_date_to_iso (&as_of);
  switch (self->status)
    {
    case SM_NEED_RESOLVED:
      return resolved_on != NULL && strcmp (resolved_on, day) <= 0;
    case SM_NEED_ANY:
      return assessed_on != NULL && strcmp (assessed_on, day) <= 0;
    case SM_NEED_OPEN:
    default:
      return assessed_on != NULL && strcmp (assessed_on, day) <= 0 &&
             (resolved_on == NULL || strcmp (resolved_on, day) > 0);
    }
}

/**
 * sm_filter_set_since:
 * @date: (nullable): only needs assessed on or after this day; %NULL: any
 *
 * With the "as of" day, a window of time: the time slider's last N months.
 */
void
sm_filter_set_since (SmFilter    *self,
                     const GDate *date)
{
  g_return_if_fail (SM_IS_FILTER (self));

  if (date != NULL && g_date_valid (date))
    self->since = *date;
  else
    g_date_clear (&self->since, 1);
  changed (self);
}

gboolean
sm_filter_get_since (SmFilter *self,
                     GDate    *out)
{
  g_return_val_if_fail (SM_IS_FILTER (self), FALSE);

  if (!g_date_valid (&self->since))
    return FALSE;
  *out = self->since;
  return TRUE;
}

/* Several changes at once, announced once. */
void
sm_filter_set_as_of_since (SmFilter     *self,
                           const GDate  *as_of,
                           const GDate  *since,
                           SmNeedStatus  status)
{
  g_return_if_fail (SM_IS_FILTER (self));

  if (as_of != NULL && g_date_valid (as_of))
    self->as_of = *as_of;
  else
    g_date_clear (&self->as_of, 1);
  if (since != NULL && g_date_valid (since))
    self->since = *since;
  else
    g_date_clear (&self->since, 1);
  self->status = status;
  changed (self);
}

/**
 * sm_filter_month_day:
 * @first: the first month (any day of it)
 * @index: months after it
 *
 * The day a month stands for on a time slider: its last day, or today for
 * the current month.
 */
void
sm_filter_month_day (const GDate *first,
                     int          index,
                     GDate       *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  *day = *first;
  g_date_set_day (day, 1);
  g_date_add_months (day, (guint) MAX (index, 0));
  g_date_set_day (day, g_date_get_days_in_month (g_date_get_month (day), g_date_get_year (day)));
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
  if (g_date_compare (day, &today) > 0)
    *day = today;
}

/**
 * sm_filter_set_month:
 * @window: 0: needs open at the month's end; N > 0: needs assessed in the
 *   last N months up to it; -1: every need assessed up to it (cumulative)
 * @day: (out) (optional): the day shown
 *
 * What a step of the time slider does to the filter.
 */
void
sm_filter_set_month (SmFilter    *self,
                     const GDate *first,
                     int          index,
                     int          window,
                     GDate       *day)
{
  GDate at, since;

  g_return_if_fail (SM_IS_FILTER (self));

  sm_filter_month_day (first, index, &at);
  if (window > 0)
    {
      since = at;
      g_date_subtract_months (&since, (guint) window);
      g_date_add_days (&since, 1);
      sm_filter_set_as_of_since (self, &at, &since, SM_NEED_ANY);
    }
  else
    sm_filter_set_as_of_since (self, &at, NULL, window < 0 ? SM_NEED_ANY : SM_NEED_OPEN);
  if (day != NULL)
    *day = at;
}

/**
 * sm_filter_equal_but_time:
 *
 * Whether two filters choose the same households but for the day, the
 * window before it and the status the time slider sets.
 */
gboolean
sm_filter_equal_but_time (SmFilter *a,
                          SmFilter *b)
{
  g_return_val_if_fail (SM_IS_FILTER (a) && SM_IS_FILTER (b), FALSE);

  return a->has_bbox == b->has_bbox &&
         (!a->has_bbox || (a->west == b->west && a->south == b->south && a->east == b->east &&
                           a->north == b->north)) &&
         a->categories->len == b->categories->len &&
         (a->categories->len == 0 ||
          memcmp (a->categories->data, b->categories->data, a->categories->len * sizeof (gint64)) == 0) &&
         a->min_severity == b->min_severity && a->age_groups == b->age_groups &&
         a->elderly_flags == b->elderly_flags &&
         g_strcmp0 (a->settlement_part, b->settlement_part) == 0;
}

static gboolean
same_day (const GDate *a,
          const GDate *b)
{
  return g_date_valid (a) ? g_date_valid (b) && g_date_compare (a, b) == 0 : !g_date_valid (b);
}

/**
 * sm_filter_equal:
 *
 * Whether two filters choose the same households on the same day: what a
 * result computed for one can be kept for the other by.
 */
gboolean
sm_filter_equal (SmFilter *a,
                 SmFilter *b)
{
  g_return_val_if_fail (SM_IS_FILTER (a) && SM_IS_FILTER (b), FALSE);

  return sm_filter_equal_but_time (a, b) && same_day (&a->as_of, &b->as_of) &&
         same_day (&a->since, &b->since) && a->status == b->status &&
         g_strcmp0 (a->service_type, b->service_type) == 0;
}

/**
 * sm_filter_copy_register:
 *
 * The register's households a filter draws from, the population at risk
 * of its needs: every household with a need recorded by the filter's day,
 * in its area and household conditions, whatever the need's category,
 * severity or status.
 *
 * Returns: (transfer full): a new filter
 */
SmFilter *
sm_filter_copy_register (SmFilter *self)
{
  SmFilter *everyone = sm_filter_copy (self);

  sm_filter_clear_categories (everyone);
  sm_filter_set_min_severity (everyone, 1);
  sm_filter_set_status (everyone, SM_NEED_ANY);
  sm_filter_set_since (everyone, NULL);
  return everyone;
}

/**
 * sm_filter_describe:
 * @store: the store whose need categories the filter names
 *
 * Returns: (transfer full): what the filter shows, in words: the day,
 *   the needs and who; for a printed map's caption and an export's notes
 */
char *
sm_filter_describe (SmFilter      *self,
                    SmStore       *store)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *day = NULL;
  GDate as_of, since;
  const GArray *categories = sm_filter_get_categories (self);
  SmAgeGroups ages = sm_filter_get_age_groups (self);
  SmElderlyFlags elderly = sm_filter_get_elderly_flags (self);

  sm_filter_get_as_of (self, &as_of);
  day = sm_date_to_iso (&as_of);
  switch (sm_filter_get_status (self))
    {
    case SM_NEED_RESOLVED:
      g_string_append_printf (text, _("Needs resolved by %s"), day);
      break;
    case SM_NEED_ANY:
      g_string_append_printf (text, _("Needs open or resolved by %s"), day);
      break;
    default:
      g_string_append_printf (text, _("Needs open on %s"), day);
      break;
    }
  if (sm_filter_get_since (self, &since))
    {
      g_autofree char *from = sm_date_to_iso (&since);

      g_string_append_printf (text, _(", assessed since %s"), from);
    }
  if (categories != NULL && categories->len > 0)
    {
      /* A name may hold a comma ("Jövedelem, adósság"): names are set apart by semicolons. */
      g_string_append (text, _("; needs: "));
      for (guint i = 0; i < categories->len; i++)
        {
          gint64 id = g_array_index (categories, gint64, i);
          const SmCategory *c = sm_store_get_category (store, id);

          if (i > 0)
            g_string_append (text, "; ");
          if (c != NULL)
            g_string_append (text, sm_localized_name (c->name_hu, c->name_en));
          else
            g_string_append_printf (text, "%" G_GINT64_FORMAT, id);
        }
    }
  else
    g_string_append (text, _("; every need"));
  if (sm_filter_get_min_severity (self) > 1)
    g_string_append_printf (text, _("; severity %d or more"), sm_filter_get_min_severity (self));
  if (ages != 0)
    {
      g_string_append (text, _("; ages:"));
      if (ages & SM_AGE_CHILD)
        g_string_append_printf (text, " %s", _("children (0–17)"));
      if (ages & SM_AGE_ADULT)
        g_string_append_printf (text, " %s", _("adults (18–64)"));
      if (ages & SM_AGE_ELDERLY)
        g_string_append_printf (text, " %s", _("the elderly (65 and over)"));
    }
  if (elderly & SM_ELDERLY_LIVES_ALONE)
    g_string_append (text, _("; living alone"));
  if (elderly & SM_ELDERLY_ALARM_DEVICE)
    g_string_append (text, _("; with an alarm device"));
  if (elderly & SM_ELDERLY_NO_ALARM)
    g_string_append (text, _("; without an alarm device"));
  if (sm_filter_get_settlement_part (self) != NULL)
    g_string_append_printf (text, _("; in %s"), sm_filter_get_settlement_part (self));
  g_string_append (text, ".");
  return g_string_free (g_steal_pointer (&text), FALSE);
}
