#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

typedef struct {
  char   *key;          /* category code, severity, or "settlement / part" */
  char   *label;        /* what to show (the category's name) */
  gint64  needs;        /* open needs */
  gint64  households;   /* households with at least one of them */
} SmStatsRow;

typedef struct {
  char      *as_of;
  gint64     households_total;
  gint64     persons_total;
  gint64     open_needs;
  gint64     households_with_needs;
  GPtrArray *by_category;    /* SmStatsRow, every category, in order */
  GPtrArray *by_severity;    /* SmStatsRow, 1 to 3 */
  GPtrArray *by_part;        /* SmStatsRow, settlement parts with open needs */
} SmStats;

SmStats *sm_stats_compute (SmStore      *store,
                           const GDate  *as_of,
                           gboolean      hungarian,
                           GError      **error);
void     sm_stats_free    (SmStats      *stats);
gboolean sm_store_count_need_flow (SmStore     *store,
                                   const char  *from,
                                   const char  *to,
                                   gint64      *opened,
                                   gint64      *resolved,
                                   gint64      *households_opened,
                                   GError     **error);

char    *sm_store_get_latest_day (SmStore *store);
gboolean sm_store_count_open_on  (SmStore     *store,
                                  const char  *day,
                                  gint64      *households,
                                  gint64      *needs,
                                  GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmStats, sm_stats_free)

G_END_DECLS
