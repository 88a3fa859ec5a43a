#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

/* A demo household that the case work of the demo may be about. */
typedef struct {
  gint64      id;
  const char *need;      /* the code of its first need */
  int         need_day;  /* epoch day of that need's assessment */
  int         pocket;    /* the pocket it lies in, or -1 */
  double      lat, lon;
} SmDemoSubject;

gboolean _sm_demo_add_casework (SmStore  *store,
                                guint32   seed,
                                GArray   *subjects,
                                int       first_day,
                                int       last_day,
                                GError  **error);

gboolean _sm_demo_add_network  (SmStore  *store,
                                guint32   seed,
                                GArray   *subjects,
                                guint     n_services,
                                int       last_day,
                                GError  **error);

gboolean _sm_demo_add_roundtable (SmStore  *store,
                                  int       last_day,
                                  GError  **error);

G_END_DECLS
