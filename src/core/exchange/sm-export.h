#pragma once

#include "sm-filter.h"
#include "sm-store.h"

G_BEGIN_DECLS

typedef enum {
  SM_EXPORT_CASES,       /* one row per matching need, with its household's place */
  SM_EXPORT_GRID,        /* counts per grid cell, small ones suppressed */
  SM_EXPORT_PARTS,       /* counts per settlement part, small ones suppressed */
  SM_EXPORT_CASES_COARSE, /* one row per need, places snapped to the grid cell's middle, months */
} SmExportKind;

typedef struct {
  SmExportKind  kind;
  double        cell_m;   /* grid cell side in metres (EOV); 0: 250 */
  int           k;        /* 0: SM_DISCLOSURE_MIN_K; never lower */
  gboolean      personal; /* the person agreed to write personal data (SM_EXPORT_CASES) */
} SmExportOptions;

gboolean  sm_export (SmStore                *store,
                     SmFilter               *filter,
                     const char             *path,
                     const char             *format,
                     const SmExportOptions  *options,
                     guint                  *n_written,
                     GError                **error);

G_END_DECLS
