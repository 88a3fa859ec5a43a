#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How long work says how far it is: @fraction runs from 0 to 1, or is
 * SM_PROGRESS_WAITING while the work waits for another program to finish
 * writing to the database. */
typedef void (*SmProgressFunc) (double fraction, gpointer user_data);

#define SM_PROGRESS_WAITING (-1.0)

G_END_DECLS
