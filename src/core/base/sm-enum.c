/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-base"

#include "config.h"

#include "sm-enum.h"

/* The value of an enum or a single flag by its nick. */
gboolean
sm_enum_parse (GType       type,
               const char *nick,
               int        *value)
{
  if (nick == NULL)
    return FALSE;
  if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      GFlagsValue *v = g_flags_get_value_by_nick (klass, nick);

      if (v != NULL)
        *value = (int) v->value;
      return v != NULL;
    }
  else
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

      if (v != NULL)
        *value = v->value;
      return v != NULL;
    }
}

/* The nick of an enum value, or NULL for one the type does not have. */
const char *
sm_enum_to_nick (GType type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  /* The class stays registered for the life of the program. */
  return v != NULL ? v->value_nick : NULL;
}
