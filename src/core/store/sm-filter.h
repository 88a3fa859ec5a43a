#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SM_NEED_OPEN,        /* open on the day: assessed by it, not yet resolved */
  SM_NEED_RESOLVED,    /* resolved on or before the day */
  SM_NEED_ANY,         /* assessed on or before the day, open or resolved */
} SmNeedStatus;

/* Age on the filter's day, in whole years by birth year. */
typedef enum {
  SM_AGE_CHILD   = 1 << 0,   /* 0–17 */
  SM_AGE_ADULT   = 1 << 1,   /* 18–64 */
  SM_AGE_ELDERLY = 1 << 2,   /* 65 and over */
} SmAgeGroups;

/* From the latest elderly assessment of a person on or before the day. */
typedef enum {
  SM_ELDERLY_LIVES_ALONE  = 1 << 0,
  SM_ELDERLY_ALARM_DEVICE = 1 << 1,
  SM_ELDERLY_NO_ALARM     = 1 << 2,
} SmElderlyFlags;

#define SM_TYPE_FILTER (sm_filter_get_type ())

G_DECLARE_FINAL_TYPE (SmFilter, sm_filter, SM, FILTER, GObject)

/* What the map, the counts and the command line's query show. One object,
 * so they cannot disagree. Emits "changed" after every change. */

SmFilter     *sm_filter_new               (void);
SmFilter     *sm_filter_copy              (SmFilter     *self);
SmFilter     *sm_filter_copy_register     (SmFilter     *self);

void          sm_filter_set_bbox          (SmFilter     *self,
                                           double        west,
                                           double        south,
                                           double        east,
                                           double        north);
void          sm_filter_clear_bbox        (SmFilter     *self);
gboolean      sm_filter_get_bbox          (SmFilter     *self,
                                           double       *west,
                                           double       *south,
                                           double       *east,
                                           double       *north);
gboolean      sm_filter_parse_bbox        (SmFilter     *self,
                                           const char   *text,
                                           GError      **error);

void          sm_filter_add_category      (SmFilter     *self,
                                           gint64        category_id);
void          sm_filter_set_categories    (SmFilter     *self,
                                           const gint64 *ids,
                                           guint         n_ids);
void          sm_filter_clear_categories  (SmFilter     *self);
const GArray *sm_filter_get_categories    (SmFilter     *self);
gboolean      sm_filter_has_category      (SmFilter     *self,
                                           gint64        category_id);

void          sm_filter_set_min_severity  (SmFilter     *self,
                                           int           severity);
int           sm_filter_get_min_severity  (SmFilter     *self);

void          sm_filter_set_as_of         (SmFilter     *self,
                                           const GDate  *date);
void          sm_filter_get_as_of         (SmFilter     *self,
                                           GDate        *out);

void          sm_filter_set_since         (SmFilter     *self,
                                           const GDate  *date);
gboolean      sm_filter_get_since         (SmFilter     *self,
                                           GDate        *out);
void          sm_filter_set_as_of_since   (SmFilter     *self,
                                           const GDate  *as_of,
                                           const GDate  *since,
                                           SmNeedStatus  status);
void          sm_filter_set_status        (SmFilter     *self,
                                           SmNeedStatus  status);
SmNeedStatus  sm_filter_get_status        (SmFilter     *self);
gboolean      sm_filter_parse_status      (SmFilter     *self,
                                           const char   *text,
                                           GError      **error);

void          sm_filter_set_age_groups    (SmFilter     *self,
                                           SmAgeGroups   groups);
SmAgeGroups   sm_filter_get_age_groups    (SmFilter     *self);
gboolean      sm_filter_parse_age_group   (const char   *text,
                                           SmAgeGroups  *out,
                                           GError      **error);

void          sm_filter_set_elderly_flags (SmFilter      *self,
                                           SmElderlyFlags flags);
SmElderlyFlags sm_filter_get_elderly_flags (SmFilter     *self);

void          sm_filter_set_settlement_part (SmFilter   *self,
                                             const char *name);
const char   *sm_filter_get_settlement_part (SmFilter   *self);

void          sm_filter_set_service_type  (SmFilter     *self,
                                           const char   *code);
const char   *sm_filter_get_service_type  (SmFilter     *self);

gboolean      sm_filter_accepts_need      (SmFilter     *self,
                                           gint64        category_id,
                                           int           severity,
                                           const char   *assessed_on,
                                           const char   *resolved_on);

void          sm_filter_month_day         (const GDate  *first,
                                           int           index,
                                           GDate        *day);
void          sm_filter_set_month         (SmFilter     *self,
                                           const GDate  *first,
                                           int           index,
                                           int           window,
                                           GDate        *day);
gboolean      sm_filter_equal_but_time    (SmFilter     *a,
                                           SmFilter     *b);
gboolean      sm_filter_equal             (SmFilter     *a,
                                           SmFilter     *b);
typedef struct _SmStore SmStore;
char         *sm_filter_describe          (SmFilter     *self,
                                           SmStore      *store);

G_END_DECLS
