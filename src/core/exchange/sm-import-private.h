#pragma once

#include <gdal.h>
#include <ogr_srs_api.h>

#include "sm-geocoder.h"
#include "sm-import.h"

G_BEGIN_DECLS

/* The import in four files: the mapping of columns to fields
 * (sm-import-mapping.c), reading and converting a row's values
 * (sm-import-values.c), checking and writing the rows of each target
 * (sm-import-rows.c), and the file as one action (sm-import.c). */

#define MAX_TEXT 1000     /* characters in an address, name or key */

typedef struct {
  int    field_index[32];     /* per field of the target: the layer's field, or -1 */
  const char * const *fields;
  const char *encoding;       /* "utf-8" or a legacy one */
  GHashTable *categories;     /* as written → id */
} Layout;

typedef struct {
  OGRCoordinateTransformationH eov_to_wgs84;
  OGRCoordinateTransformationH layer_to_wgs84;
  gboolean                     layer_projected;   /* the layer's CRS counts in metres */
  SmImportCrs                  crs;
  /* Where a point may be: the layer's CRS's area of use, and the database's
   * boundaries, each with a margin; unset where unknown. */
  gboolean                     has_area_of_use;
  double                       use_w, use_s, use_e, use_n;
  gboolean                     has_extent;
  double                       ext_w, ext_s, ext_e, ext_n;
} Coordinates;

typedef struct {
  guint             row;
  char             *key;
  SmHousehold       household;
  SmPerson          person;      /* family_name NULL: none */
  SmNeed            need;        /* category NULL: none */
  gboolean          synthetic;
  SmGeocodeResult  *geocoded;    /* the first row's, when it was geocoded */
} HouseholdRow;

/* What a signal import looks up once: households by folded address, the
 * members' kinds, the need categories. */
typedef struct {
  GHashTable *households;
  GPtrArray  *kinds;
  GPtrArray  *categories;
} SmImportSignals;

void     _sm_import_signals_clear    (SmImportSignals *state);
char    *_sm_import_received_field   (const char      *text,
                                      GError         **error);
const char *_sm_import_signal_word   (const char      *text,
                                      gboolean         urgency);
gboolean _sm_import_store_signal_row (SmStore         *store,
                                      const Layout    *layout,
                                      OGRFeatureH      feature,
                                      SmGeocoder      *geocoder,
                                      SmImportSignals *state,
                                      gboolean         synthetic,
                                      SmImportReport  *report,
                                      GError         **error);

gboolean _sm_import_check_mapping (SmImportTarget       target,
                                   GHashTable          *mapping,
                                   const char * const  *names,
                                   gboolean             has_geometry,
                                   Layout              *layout,
                                   GError             **error);
char *_sm_import_date_field (const char  *text,
                             const char  *what,
                             GError     **error);
char *_sm_import_detect_encoding (OGRLayerH   layer,
                                  const char *wanted);
int _sm_import_field_slot (const Layout *layout,
                           const char   *field);
char *_sm_import_group_key (HouseholdRow *r);
void _sm_import_household_row_free (HouseholdRow *r);
char *_sm_import_layout_signature (SmImportTarget      target,
                                   const char * const *columns);
gint64 _sm_import_lookup_category (SmStore    *store,
                                   GHashTable *seen,
                                   const char *text);
gboolean _sm_import_parse_number (const char *text,
                                  double     *out);
int _sm_import_parse_severity (const char *text);
HouseholdRow *_sm_import_read_household_row (SmStore       *store,
                                             const Layout  *layout,
                                             Coordinates   *coords,
                                             OGRFeatureH    feature,
                                             guint          row,
                                             GError       **error);
void _sm_import_reject (SmImportReport *report,
                        guint           row,
                        const char     *reason);
gboolean _sm_import_remember_mapping (SmStore     *store,
                                      const char  *signature,
                                      GHashTable  *mapping,
                                      GError     **error);
GHashTable *_sm_import_remembered_mapping (SmStore    *store,
                                           const char *signature);
gboolean _sm_import_store_address_row (SmStore         *store,
                                       const Layout    *layout,
                                       Coordinates     *coords,
                                       OGRFeatureH      feature,
                                       SmImportReport  *report,
                                       GError         **error);
gboolean _sm_import_store_households (SmStore                *store,
                                      SmGeocoder             *geocoder,
                                      GPtrArray              *order,
                                      GHashTable             *households,
                                      const SmImportOptions  *options,
                                      SmProgressFunc          progress,
                                      gpointer                progress_data,
                                      GCancellable           *cancellable,
                                      SmImportReport         *report,
                                      GError                **error);
gboolean _sm_import_store_households_at_once (SmStore                *store,
                                              SmGeocoder             *geocoder,
                                              GPtrArray              *order,
                                              GHashTable             *households,
                                              const SmImportOptions  *options,
                                              SmProgressFunc          progress,
                                              gpointer                progress_data,
                                              GCancellable           *cancellable,
                                              SmImportReport         *report,
                                              GError                **error);
gboolean _sm_import_store_service_row (SmStore         *store,
                                       const Layout    *layout,
                                       Coordinates     *coords,
                                       OGRFeatureH      feature,
                                       SmGeocoder      *geocoder,
                                       SmImportReport  *report,
                                       GError         **error);
char *_sm_import_to_utf8 (const char *raw,
                          const char *encoding);
gboolean _sm_import_to_wgs84 (Coordinates *c,
                              double       x,
                              double       y,
                              double      *lat,
                              double      *lon);
char *_sm_import_value_of (const Layout *layout,
                           OGRFeatureH   feature,
                           const char   *field);

GHashTable *_sm_import_merge_mapping (GHashTable *guessed,
                                      GHashTable *given);

gboolean _sm_import_check_text_table (const char  *path,
                                      GError     **error);

G_END_DECLS
