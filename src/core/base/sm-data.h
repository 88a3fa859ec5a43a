#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *sm_data_find (const char  *name,
                    GError     **error);

G_END_DECLS
