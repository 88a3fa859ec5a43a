#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* A service's catchment areas (HSDS service_area): a boundary of the store
 * (a settlement, a settlement part) or a polygon of its own, imported or
 * drawn, as WKB in longitude and latitude. A service with none serves
 * wherever its clients come from. */

typedef struct {
  gint64   id;
  gint64   service_id;
  char    *name;
  gint64   boundary_id;     /* 0: a polygon of its own */
  GBytes  *geometry;        /* WKB; the boundary's when boundary_id */
  double   west, south, east, north;
} SmServiceAreaRecord;

void       sm_service_area_record_free  (SmServiceAreaRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmServiceAreaRecord, sm_service_area_record_free)

gint64     sm_store_add_service_area    (SmStore                   *store,
                                         const SmServiceAreaRecord *record,
                                         GError                   **error);
GPtrArray *sm_store_list_service_areas  (SmStore                   *store,
                                         gint64                     service_id,
                                         GError                   **error);
gboolean   sm_store_remove_service_area (SmStore                   *store,
                                         gint64                     id,
                                         GError                   **error);

G_END_DECLS
