#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SM_TYPE_FILTER (sm_filter_get_type ())

G_DECLARE_FINAL_TYPE (SmFilter, sm_filter, SM, FILTER, GObject)

/* What the map, the counts and the command line's query show. One object,
 * so they cannot disagree. Emits "changed" after every change. */

SmFilter     *sm_filter_new               (void);

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

G_END_DECLS
