/* What checks an imported row before anything is written: the text-table
 * reader's guard, numbers, severities, dates and a signal's time of receipt
 * and words, on any bytes. */

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sm-import-private.h"
#include "sm-number.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "sm-fuzz-row-XXXXXX.csv", NULL);
  g_auto(GStrv) fields = NULL;
  int fd;

  /* The whole input as a file */
  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, data, size), ==, (gssize) size);
  close (fd);
  (void) _sm_import_check_text_table (path, NULL);
  g_unlink (path);

  /* Each field as a value */
  fields = g_strsplit_set (text, ",;\t\n", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      double v;
      int severity = _sm_import_parse_severity (fields[i]);
      g_autofree char *date = _sm_import_date_field (fields[i], "date", NULL);
      g_autofree char *received = _sm_import_received_field (fields[i], NULL);
      const char *urgency = _sm_import_signal_word (fields[i], TRUE);
      const char *channel = _sm_import_signal_word (fields[i], FALSE);

      if (sm_parse_decimal (fields[i], TRUE, &v))
        g_assert_true (isfinite (v));
      g_assert_true (severity >= 0 && severity <= 3);
      (void) date;
      /* A time of receipt is a day and a minute, always 16 characters. */
      if (received != NULL)
        g_assert_cmpuint (strlen (received), ==, 16);
      (void) urgency;
      (void) channel;
    }
  return 0;
}
