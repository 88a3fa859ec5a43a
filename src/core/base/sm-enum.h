#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Enums and flags by their nicks (registered with glib-mkenums): the words
 * the command line, the database and the files use for them. */

gboolean    sm_enum_parse    (GType       type,
                              const char *nick,
                              int        *value);
const char *sm_enum_to_nick  (GType       type,
                              int         value);

G_END_DECLS
