#pragma once

#include <gio/gio.h>

#include "sm-progress.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* The roundtable pack: a PDF for the social roundtable's meeting about a
 * period, in the language of the messages, with its tables beside it as
 * XLSX and CSV. */

typedef struct {
  const char *from;          /* YYYY-MM-DD */
  const char *to;
  int         k;             /* 0: SM_DISCLOSURE_MIN_K */
  GDateTime  *created;       /* NULL: now; fixed, the same data give the same bytes */
  const char *author;        /* the office that made it; NULL: the store's "office.name" or a default */
  gboolean    no_tables;     /* write the PDF only */
} SmPackOptions;

gboolean sm_roundtable_pack_write (SmStore             *store,
                                   const SmPackOptions *options,
                                   const char          *path,
                                   SmProgressFunc       progress,
                                   gpointer             user_data,
                                   GCancellable        *cancellable,
                                   GStrv               *written,
                                   GError             **error);

G_END_DECLS
