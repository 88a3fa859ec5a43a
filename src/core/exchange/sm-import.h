#pragma once

#include <gio/gio.h>

#include "sm-basemap.h"
#include "sm-progress.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* Households (with their people and needs), services, addresses or
 * signals from a table or a
 * vector file: CSV, XLSX, ODS, GeoJSON, GeoPackage, Shapefile, … */

typedef enum {
  SM_IMPORT_HOUSEHOLDS,
  SM_IMPORT_SERVICES,
  SM_IMPORT_ADDRESSES,    /* an address register: reference points for the geocoder */
  SM_IMPORT_SIGNALS,      /* a register of received signals */
} SmImportTarget;

typedef enum {
  SM_IMPORT_CRS_AUTO,     /* by the file's CRS, else by the numbers' ranges */
  SM_IMPORT_CRS_WGS84,
  SM_IMPORT_CRS_EOV,
} SmImportCrs;

typedef struct {
  SmImportTarget  target;
  const char     *layer;          /* NULL: the first */
  GHashTable     *columns;        /* field → column; NULL: remembered or guessed */
  SmImportCrs     crs;
  const char     *encoding;       /* NULL or "auto", "utf-8", "cp1250", "iso-8859-2" */
  gboolean        skip_bad_rows;  /* import the good rows when some are bad */
  gboolean        no_geocode;     /* leave rows without coordinates unplaced */
  gboolean        synthetic;      /* mark what is imported as synthetic */
} SmImportOptions;

typedef struct {
  guint  row;                     /* 1-based data row, as a spreadsheet counts after the header */
  char  *reason;
} SmImportRejection;

typedef struct {
  guint       n_rows;
  guint       n_households;
  guint       n_persons;
  guint       n_needs;
  guint       n_services;
  guint       n_addresses;
  guint       n_signals;
  guint       n_geocoded;
  guint       n_at_address;       /* of them, placed at their street or house, not to be looked at */
  guint       n_review;           /* placed below street level: to be looked at */
  GPtrArray  *rejected;           /* SmImportRejection */
  GHashTable *columns;            /* the mapping used */
  char       *encoding;           /* the encoding used */
} SmImportReport;

gboolean     sm_import_file          (SmStore                *store,
                                      const char             *path,
                                      const SmImportOptions  *options,
                                      SmProgressFunc          progress,
                                      gpointer                progress_data,
                                      GCancellable           *cancellable,
                                      SmImportReport        **report,
                                      GError                **error);
const char * const *sm_import_fields (SmImportTarget          target);
GHashTable  *sm_import_guess_columns (SmImportTarget          target,
                                      const char * const     *columns);
gboolean     sm_import_parse_mapping (const char             *text,
                                      GHashTable            **columns,
                                      GError                **error);
char       **sm_import_read_columns  (const char             *path,
                                      const char             *layer,
                                      GError                **error);
GPtrArray   *sm_import_read_preview  (const char             *path,
                                      const char             *layer_name,
                                      guint                   n_rows,
                                      GError                **error);
GHashTable  *sm_import_suggest_columns (SmStore              *store,
                                        SmImportTarget        target,
                                        const char * const   *columns);
void         sm_import_report_free   (SmImportReport         *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmImportReport, sm_import_report_free)

G_END_DECLS
