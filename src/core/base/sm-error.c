#define G_LOG_DOMAIN "sm-error"

#include "config.h"

#include <gio/gio.h>

#include "sm-error.h"

G_DEFINE_QUARK (sm-error-quark, sm_error)

gboolean
sm_error_is_user_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == SM_ERROR)
    return error->code != SM_ERROR_INTERNAL;

  /* A file the user named that cannot be opened is the user's to fix. */
  return error->domain == G_FILE_ERROR || error->domain == G_IO_ERROR;
}
