#pragma once

#include <glib.h>

#include "sm-geocoder.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The service directory in Open Referral's Human Services Data
 * Specification, version 3.0: as JSON (an array of service objects with
 * their organization, locations and addresses, capacities, catchment
 * areas and Szt./Gyvt. types as taxonomy terms), or as one CSV per object
 * with a datapackage.json beside them. Ids are UUIDs kept with the
 * database, so the same record has the same id in every export. */

#define SM_HSDS_VERSION "3.0"
#define SM_HSDS_TYPE_VOCABULARY "hu-szt-gyvt"
#define SM_HSDS_KIND_VOCABULARY "hu-fenntarto"

gboolean sm_hsds_export_json    (SmStore     *store,
                                 const char  *path,
                                 GError     **error);
gboolean sm_hsds_export_csv     (SmStore     *store,
                                 const char  *directory,
                                 GError     **error);

typedef struct {
  guint      n_organizations;
  guint      n_services;
  guint      n_locations;
  GPtrArray *problems;    /* char *: what was left out and why */
} SmHsdsImport;

void     sm_hsds_import_clear   (SmHsdsImport *report);
gboolean sm_hsds_import         (SmStore      *store,
                                 SmGeocoder   *geocoder,
                                 const char   *path,
                                 const char   *default_type,
                                 SmHsdsImport *report,
                                 GError      **error);

G_END_DECLS
