#pragma once

#include <glib.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* Shared by the HSDS export (sm-hsds-export.c) and import (sm-hsds-import.c). */
char       *_sm_hsds_namespace  (SmStore     *store,
                                 GError     **error);
char       *_sm_hsds_uuid       (const char  *ns,
                                 const char  *entity,
                                 gint64       id);
const char *_sm_hsds_status     (const char  *status);
const char *_sm_hsds_our_status (const char  *status);

G_END_DECLS
