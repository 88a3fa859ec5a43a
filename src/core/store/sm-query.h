#pragma once

#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* One household the map shows for a filter, with what its matching needs
 * add up to. */
typedef struct {
  gint64  household_id;
  double  lat;
  double  lon;
  gint64  main_category;   /* of the most severe matching need */
  int     max_severity;
  int     n_needs;
  guint64 categories;      /* bit c: a matching need of category id c (< 64) */
} SmCaseHit;

GArray *sm_store_query (SmStore   *store,
                        SmFilter  *filter,
                        GError   **error);

typedef struct {
  const char *settlement;        /* NULL when the part is not known */
  const char *settlement_part;
  guint       persons;
} SmHouseholdFacts;

SmHouseholdFacts *sm_store_get_hit_facts (SmStore  *store,
                                          GArray   *hits,
                                          GError  **error);
gboolean sm_store_get_household_facts (SmStore          *store,
                                       const gint64     *ids,
                                       guint             n_ids,
                                       SmHouseholdFacts *facts,
                                       GError          **error);

/* A place where services are offered, for the service layer: every
 * location at the same point, whichever providers they belong to. */
typedef struct {
  gint64  location_id;   /* the first location there */
  double  lat;
  double  lon;
  char   *name;          /* the location's or its organization's; NULL when several share the place */
  char   *services;      /* "service — provider" of each service there, one per line */
  char   *branch;        /* service_type.branch of the first service */
  char   *service_types; /* the codes of the types offered there, comma-separated */
  char   *location_ids;  /* the locations there, comma-separated */
  guint   n_overdue;     /* referrals there not answered in time, as
                          * sm_referral_mark_overdue_points() counts them; else 0 */
  guint   n_services;
} SmServicePoint;

GPtrArray *sm_store_list_service_points (SmStore     *store,
                                         const char  *service_type,
                                         GError     **error);
void       sm_service_point_free        (SmServicePoint *point);

/* A code with the name to show for it. */
typedef struct {
  char *code;
  char *name;
} SmNamedCode;

GPtrArray *sm_store_list_settlement_parts (SmStore  *store,
                                           GError  **error);
GPtrArray *sm_store_list_service_types    (SmStore  *store,
                                           gboolean  hungarian,
                                           GError  **error);
GPtrArray *sm_store_list_all_service_types (SmStore *store,
                                            gboolean hungarian,
                                            GError **error);
void       sm_named_code_free             (SmNamedCode *item);

/* The first and last day a need was assessed or resolved. */
gboolean  sm_store_get_need_span (SmStore              *store,
                                   GDate                *first,
                                   GDate                *last);

G_END_DECLS
