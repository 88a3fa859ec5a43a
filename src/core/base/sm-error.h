#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SM_ERROR (sm_error_quark ())

/**
 * SmError:
 * @SM_ERROR_INVALID: the user's input is wrong (a value, a file, a date);
 *   the message names the field and the value
 * @SM_ERROR_NOT_FOUND: a record, category or file named by the user is missing
 * @SM_ERROR_CONSTRAINT: the database refused a change that would break a rule
 * @SM_ERROR_FORMAT: a file cannot be read as the expected format
 * @SM_ERROR_BUSY: another program kept the database busy for too long
 * @SM_ERROR_INTERNAL: anything that is not the user's fault
 *
 * Everything but %SM_ERROR_INTERNAL is a user error: the command line maps
 * it to exit status 1, internal errors to 2.
 */
typedef enum {
  SM_ERROR_INVALID,
  SM_ERROR_NOT_FOUND,
  SM_ERROR_CONSTRAINT,
  SM_ERROR_FORMAT,
  SM_ERROR_INTERNAL,
  SM_ERROR_BUSY,
} SmError;

GQuark sm_error_quark (void);

gboolean sm_error_is_user_error (const GError *error);

G_END_DECLS
