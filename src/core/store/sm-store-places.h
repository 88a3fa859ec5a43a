#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

GPtrArray *sm_store_list_parts          (SmStore                 *store,
                                         const char              *settlement,
                                         GError                 **error);
gint64     sm_store_add_settlement_part (SmStore                 *store,
                                         const SmSettlementPart  *part,
                                         GError                 **error);

/* Boundaries: settlements, their parts, districts and other areas. */
GPtrArray *sm_store_list_boundary_records (SmStore                 *store,
                                           const char              *level,
                                           const char              *name,
                                           GError                 **error);
char     **sm_store_list_boundary_levels  (SmStore                 *store,
                                           guint                    min_names,
                                           GError                 **error);
gint64     sm_store_add_boundary          (SmStore                 *store,
                                           const SmBoundaryRecord  *record,
                                           GError                 **error);
gboolean   sm_store_delete_boundaries     (SmStore                 *store,
                                           const char              *level,
                                           const char              *source,
                                           GError                 **error);

G_END_DECLS
