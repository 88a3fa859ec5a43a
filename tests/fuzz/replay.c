/* Runs a fuzz target over its corpus (the seeds and every crash found so
 * far), as a test: each file must pass. */

#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int a = 1; a < argc; a++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[a], 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[a], name, NULL);
          g_autofree char *data = NULL;
          gsize size;

          if (!g_file_get_contents (path, &data, &size, NULL))
            continue;
          LLVMFuzzerTestOneInput ((const guint8 *) data, size);
          n++;
        }
    }
  g_print ("%u passed, 0 failed\n", n);
  return n > 0 ? 0 : 1;
}
