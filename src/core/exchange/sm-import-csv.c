/* SPDX-License-Identifier: GPL-3.0-or-later */

/* What a text table holds before GDAL's CSV reader sees it: the reader
 * cuts a value at a NUL byte, reads an unclosed quote to the end of the
 * file, drops values beyond the header's columns and takes a file for one
 * encoding when its rows mix two. Each of those would store something else
 * than the file says, so the file is refused with the row. */

#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-error.h"
#include "sm-import-private.h"

static gboolean
is_text_table (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
         g_str_has_suffix (lower, ".txt");
}

/* The separator of the header: the commonest of , ; and tab outside quotes. */
static char
separator_of (const char *data,
              gsize       size)
{
  guint counts[3] = { 0, 0, 0 };
  const char seps[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;

  for (gsize i = 0; i < size && (quoted || (data[i] != '\n' && data[i] != '\r')); i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint k = 0; k < 3; k++)
          counts[k] += data[i] == seps[k];
    }
  return counts[1] > counts[0] && counts[1] >= counts[2] ? ';'
       : counts[2] > counts[0] && counts[2] > counts[1] ? '\t' : ',';
}

/* Rows are counted as a spreadsheet does after the header: 1 is the first
 * row of data. */
gboolean
_sm_import_check_text_table (const char  *path,
                             GError     **error)
{
  g_autofree char *data = NULL;
  gsize size = 0;
  char sep;
  gboolean quoted = FALSE, utf8_seen = FALSE, other_seen = FALSE;
  guint row = 0, fields = 1, header_fields = 0, other_row = 0, utf8_row = 0;
  gboolean nonempty_extra = FALSE, field_has_text = FALSE;

  if (!is_text_table (path) || !g_file_get_contents (path, &data, &size, NULL))
    return TRUE;
  /* A UTF-8 byte order mark is not part of the first column's name. */
  sep = separator_of (data, size);
  for (gsize i = 0; i < size; i++)
    {
      unsigned char c = (unsigned char) data[i];

      if (c == 0)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                       _("row %u holds a NUL byte: the file is not a text table"), row);
          return FALSE;
        }
      if (c >= 0x80)
        {
          const char *end;

          if (g_utf8_validate (data + i, MIN (4, (gssize) (size - i)), &end) || end > data + i)
            {
              /* A whole UTF-8 character */
              gsize length = (gsize) (g_utf8_next_char (data + i) - (data + i));

              if (i + length <= size && g_utf8_get_char_validated (data + i, (gssize) length) < (gunichar) -2)
                {
                  if (!utf8_seen)
                    utf8_row = row;
                  utf8_seen = TRUE;
                  i += length - 1;
                  field_has_text = TRUE;
                  continue;
                }
            }
          if (!other_seen)
            other_row = row;
          other_seen = TRUE;
          field_has_text = TRUE;
          continue;
        }
      if (c == '"')
        {
          quoted = !quoted;
          field_has_text = TRUE;
          continue;
        }
      if (quoted)
        {
          field_has_text = TRUE;
          continue;
        }
      if (c == (unsigned char) sep)
        {
          fields++;
          if (header_fields > 0 && fields > header_fields)
            nonempty_extra |= field_has_text;
          field_has_text = FALSE;
          continue;
        }
      if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < size && data[i + 1] == '\n')
            i++;
          if (header_fields > 0 && fields > header_fields)
            nonempty_extra |= field_has_text;
          if (row == 0)
            header_fields = fields;
          else if (nonempty_extra)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                           _("row %u has %u values, but the header names %u columns"), row, fields,
                           header_fields);
              return FALSE;
            }
          row++;
          fields = 1;
          nonempty_extra = FALSE;
          field_has_text = FALSE;
          continue;
        }
      if (c != ' ' && c != '\t')
        field_has_text = TRUE;
    }
  if (header_fields > 0 && fields > header_fields)
    nonempty_extra |= field_has_text;
  if (quoted)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("row %u opens a quote that is never closed: the file may be cut off"), row);
      return FALSE;
    }
  if (row > 0 && nonempty_extra)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("row %u has %u values, but the header names %u columns"), row, fields,
                   header_fields);
      return FALSE;
    }
  if (utf8_seen && other_seen)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT,
                   _("the file mixes UTF-8 (row %u) with another encoding (row %u); save it in one "
                     "encoding"), utf8_row, other_row);
      return FALSE;
    }
  return TRUE;
}
