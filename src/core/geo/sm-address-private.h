#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *_sm_month_name (const char *word);

G_END_DECLS
