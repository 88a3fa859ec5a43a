#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* The service directory beyond adding its records (sm-store.h): a
 * service's status, capacity and waiting list, where each is offered, and
 * which service types answer which need categories. */

void       sm_organization_free        (SmOrganization *organization);
GPtrArray *sm_store_list_organizations (SmStore        *store,
                                        GError        **error);

typedef struct {
  gint64    service_id;
  gint64    location_id;          /* 0: offered nowhere in particular */
  char     *service_name;
  char     *service_type;         /* code */
  char     *organization_name;
  gint64    organization_id;
  char     *organization_kind;
  char     *location_name;
  char     *address;
  char     *status;
  gboolean  has_location;
  double    lat;
  double    lon;
  int       available;            /* -1: unknown */
  int       maximum;              /* -1: unknown */
  int       waiting_list;         /* -1: unknown */
} SmServicePlace;

void       sm_service_place_free       (SmServicePlace *place);
GPtrArray *sm_store_list_service_places (SmStore      *store,
                                         const char   *need_category,
                                         GError      **error);

char      *sm_store_get_service_status (SmStore      *store,
                                        gint64        service_id,
                                        GError      **error);
gboolean   sm_store_set_service_status (SmStore      *store,
                                        gint64        service_id,
                                        const char   *status,
                                        GError      **error);
gboolean   sm_store_set_service_waiting_list (SmStore *store,
                                              gint64   service_id,
                                              int      waiting_list,
                                              GError **error);
gboolean   sm_store_set_service_capacity (SmStore    *store,
                                          gint64      service_id,
                                          const char *unit,
                                          int         available,
                                          int         maximum,
                                          const char *updated,
                                          GError    **error);

typedef struct {
  char *category;                 /* need category code */
  char *category_name;            /* in the language of the interface */
  char *service_type;             /* service type code */
  char *service_type_name;        /* in the language of the interface */
} SmNeedService;

void       sm_need_service_free         (SmNeedService *row);
GPtrArray *sm_store_list_need_services  (SmStore      *store,
                                         GError      **error);
gboolean   sm_store_set_need_service    (SmStore      *store,
                                         const char   *category,
                                         const char   *service_type,
                                         gboolean      answers,
                                         GError      **error);

/* One record at a time, for editing (sm-store-directory.c). */
void        sm_service_free               (SmService        *service);
void        sm_location_free              (SmLocation       *location);
SmService  *sm_store_get_service          (SmStore          *store,
                                           gint64            id,
                                           GError          **error);
gboolean    sm_store_update_service       (SmStore          *store,
                                           const SmService  *service,
                                           GError          **error);
gboolean    sm_store_update_organization  (SmStore          *store,
                                           const SmOrganization *organization,
                                           GError          **error);
SmLocation *sm_store_get_service_location (SmStore          *store,
                                           gint64            service_id,
                                           GError          **error);
gboolean    sm_store_update_location      (SmStore          *store,
                                           const SmLocation *location,
                                           GError          **error);

SmLocation *sm_store_get_location         (SmStore          *store,
                                           gint64            id,
                                           GError          **error);

/* One of a service's capacities (HSDS service_capacity). */
typedef struct {
  char *unit;
  int   available;
  int   maximum;                  /* -1: not known */
  char *updated;
} SmCapacity;

void        sm_capacity_free              (SmCapacity       *capacity);
GPtrArray  *sm_store_list_service_capacities (SmStore       *store,
                                              gint64         service_id,
                                              GError       **error);

/* Opening hours as HSDS keeps them: weekly, on the days of @byday
 * (RFC 5545: "MO,TU,WE,TH,FR"), from @opens_at to @closes_at ("08:00"). */
typedef struct {
  char byday[24];
  char opens_at[6];
  char closes_at[6];
} SmScheduleRow;

GArray     *sm_store_list_service_schedule (SmStore     *store,
                                            gint64       service_id,
                                            GError     **error);
gboolean    sm_store_set_service_schedule  (SmStore     *store,
                                            gint64       service_id,
                                            GArray      *rows,
                                            GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmService, sm_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmLocation, sm_location_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmOrganization, sm_organization_free)

G_END_DECLS
