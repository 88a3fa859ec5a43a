#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

/* The residents' directory of services: a booklet (PDF) and a set of web
 * pages, by need and by type of service, from the directory's public
 * records only: no case data at all. */

typedef struct {
  gboolean    large_print;
  GDateTime  *created;       /* NULL: now */
  const char *author;        /* NULL: the store's "office.name" or a default */
} SmBookletOptions;

gboolean sm_directory_booklet_write_pdf  (SmStore                *store,
                                          const SmBookletOptions *options,
                                          const char             *path,
                                          GError                **error);
gboolean sm_directory_booklet_write_html (SmStore                *store,
                                          const SmBookletOptions *options,
                                          const char             *dir,
                                          GStrv                  *written,
                                          GError                **error);

G_END_DECLS
