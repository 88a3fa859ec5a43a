#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The map symbol of a service: its shape says whom the service is for,
 * its colour the branch of care (basic, specialised, child welfare). */
typedef enum {
  SM_SERVICE_SYMBOL_FAMILY,      /* family and child welfare, debt management: a square */
  SM_SERVICE_SYMBOL_CHILDREN,    /* day care and temporary homes of children: a house */
  SM_SERVICE_SYMBOL_ELDERLY,     /* meals, home help, day care and homes of the elderly: a diamond */
  SM_SERVICE_SYMBOL_DISABILITY,  /* support service, day care and homes for disabilities: a triangle */
  SM_SERVICE_SYMBOL_MENTAL,      /* psychiatric and addiction care: a hexagon */
  SM_SERVICE_SYMBOL_HOMELESS,    /* street work, shelters, hostels: a triangle pointing down */
  SM_SERVICE_SYMBOL_OTHER,       /* a type not among the seeded ones: an octagon */
  SM_SERVICE_SYMBOL_GROUP,       /* several services at one place: a square with their number */
} SmServiceSymbol;

SmServiceSymbol  sm_service_symbol_for_type  (const char      *service_type);
SmServiceSymbol  sm_service_symbol_for_place (const char      *service_types,
                                              guint            n_services);
const char      *sm_service_symbol_name      (SmServiceSymbol  symbol);

G_END_DECLS
