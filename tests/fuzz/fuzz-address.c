/* The address parser and the folding every comparison uses, on raw bytes:
 * not only valid UTF-8. */

#include "config.h"

#include "sm-address.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(SmAddress) address = sm_address_parse (text, NULL);
  g_autofree char *folded = sm_text_fold (text);
  g_autofree char *again = sm_address_format (address);

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_nonnull (again);
  return 0;
}
