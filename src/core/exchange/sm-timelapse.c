#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "sm-area-stats.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-indicators.h"
#include "sm-model.h"
#include "sm-pack-map.h"
#include "sm-store-places.h"
#include "sm-timelapse.h"

#define WIDTH 1280
#define HEIGHT 720
#define FRAME_SECONDS 1

/* --- animated PNG ------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
put_u32 (GByteArray *out,
         guint32     v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (out, b, 4);
}

static void
put_u16 (GByteArray *out,
         guint16     v)
{
  guint8 b[2] = { v >> 8, v };

  g_byte_array_append (out, b, 2);
}

static void
put_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *data,
           gsize         length)
{
  uLong crc = crc32 (0, (const Bytef *) type, 4);

  put_u32 (out, (guint32) length);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (length > 0)
    {
      g_byte_array_append (out, data, length);
      crc = crc32 (crc, data, (uInt) length);
    }
  put_u32 (out, (guint32) crc);
}

static guint32
get_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

/* Appends a frame's image data (its IDAT chunks, as fdAT after the first
 * frame) with its frame control chunk. */
static gboolean
add_frame (GByteArray       *apng,
           const GByteArray *png,
           guint             index,
           guint32          *sequence,
           gboolean          header)
{
  gsize at = 8;

  if (header)
    {
      g_byte_array_append (apng, png->data, 8);
      /* IHDR, then the animation control placeholder filled in at the end. */
      g_byte_array_append (apng, png->data + 8, 12 + get_u32 (png->data + 8));
    }
  {
    g_autoptr(GByteArray) fc = g_byte_array_new ();

    put_u32 (fc, (*sequence)++);
    put_u32 (fc, WIDTH);
    put_u32 (fc, HEIGHT);
    put_u32 (fc, 0);
    put_u32 (fc, 0);
    put_u16 (fc, FRAME_SECONDS);
    put_u16 (fc, 1);
    g_byte_array_append (fc, (const guint8[]) { 0, 0 }, 2);
    put_chunk (apng, "fcTL", fc->data, fc->len);
  }
  while (at + 12 <= png->len)
    {
      guint32 length = get_u32 (png->data + at);
      const guint8 *type = png->data + at + 4;

      if (at + 12 + length > png->len)
        return FALSE;
      if (memcmp (type, "IDAT", 4) == 0)
        {
          if (index == 0)
            put_chunk (apng, "IDAT", type + 4, length);
          else
            {
              g_autoptr(GByteArray) fd = g_byte_array_new ();

              put_u32 (fd, (*sequence)++);
              g_byte_array_append (fd, type + 4, length);
              put_chunk (apng, "fdAT", fd->data, fd->len);
            }
        }
      at += 12 + length;
    }
  return TRUE;
}

/* --- the frames --------------------------------------------------------- */

static GPtrArray *
load_outlines (SmStore  *store,
               GError  **error)
{
  g_autoptr(GPtrArray) records = sm_store_list_boundary_records (store, "settlement", NULL, error);
  GPtrArray *shapes;

  if (records == NULL)
    return NULL;
  shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_shape_free);
  for (guint i = 0; i < records->len; i++)
    {
      SmBoundaryRecord *r = g_ptr_array_index (records, i);
      SmShape *shape = sm_shape_new ();
      gsize len;
      const guint8 *wkb = g_bytes_get_data (r->geometry, &len);

      if (sm_shape_add_wkb (shape, wkb, len, NULL))
        g_ptr_array_add (shapes, shape);
      else
        sm_shape_free (shape);
    }
  return shapes;
}

static char *
month_title (const GDate *day)
{
  static const char * const hu[] = { "január", "február", "március", "április", "május", "június", "július",
                                     "augusztus", "szeptember", "október", "november", "december" };
  static const char * const en[] = { "January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December" };
  int m = g_date_get_month (day) - 1, y = g_date_get_year (day);

  /* The month's name in the language of the messages, whatever the
   * C library's locale knows. */
  return sm_locale_is_hungarian () ? g_strdup_printf ("%d. %s", y, hu[m]) : g_strdup_printf ("%s %d", en[m], y);
}

static GByteArray *
draw_frame (SmPackMap *map)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 30, 24);
  sm_pack_map_draw (cr, WIDTH - 60, HEIGHT - 48, map);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  return png;
}

/**
 * sm_timelapse_write:
 * @path: the animated PNG; each month's image goes beside it as PATH's
 *   stem-YYYY-MM.png
 * @written: (out) (optional) (transfer full): the files, the animation first
 *
 * One frame per month of [@from, @to]: the open needs and the hotspots on
 * the month's last day (the period's last day for the last month).
 */
gboolean
sm_timelapse_write (SmStore         *store,
                    const char      *from,
                    const char      *to,
                    int              k,
                    const char      *path,
                    SmProgressFunc   progress,
                    gpointer         user_data,
                    GCancellable    *cancellable,
                    GStrv           *written,
                    GError         **error)
{
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autoptr(SmIndicatorContext) indicators = NULL;
  g_autoptr(SmAreaSet) parts = NULL;
  g_autoptr(GPtrArray) outlines = NULL, days = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stats = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GByteArray) apng = g_byte_array_new ();
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
  g_autofree char *stem = NULL;
  const char *dot = strrchr (path, '.');
  double lo = INFINITY, hi = -INFINITY;
  guint32 sequence = 0;
  GDate first, last;

  if (k == 0)
    k = SM_DISCLOSURE_MIN_K;
  if (!sm_disclosure_check_k (k, error))
    return FALSE;
  if (!sm_date_parse_any (from, &first, error) || !sm_date_parse_any (to, &last, error))
    return FALSE;
  if (g_date_compare (&first, &last) > 0 || g_date_days_between (&first, &last) > 3 * 366)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                           _("The period's first day comes after its last, or the period is longer than three years"));
      return FALSE;
    }
  disclosure = sm_disclosure_new (k);
  indicators = sm_indicator_context_new (store, disclosure);
  if ((outlines = load_outlines (store, error)) == NULL ||
      (parts = sm_area_set_load (store, "settlement_part", SM_AREA_CONTIGUITY, 0, error)) == NULL)
    return FALSE;
  /* The months' last days, and the rates of them all for one scale. */
  for (GDate m = first; g_date_compare (&m, &last) <= 0;)
    {
      GDate end = m;
      g_autoptr(SmFilter) filter = sm_filter_new ();
      SmAreaOptions options = { .permutations = 99, .seed = 1, .k = (guint) k };
      gboolean on_rate;
      GArray *s;
      double a, b;

      g_date_set_day (&end, g_date_get_days_in_month (g_date_get_month (&m), g_date_get_year (&m)));
      if (g_date_compare (&end, &last) > 0)
        end = last;
      g_ptr_array_add (days, sm_date_to_iso (&end));
      sm_filter_set_as_of (filter, &end);
      if ((s = sm_area_stats (parts, store, filter, &options, &on_rate, error)) == NULL)
        return FALSE;
      g_ptr_array_add (stats, s);
      sm_pack_map_rate_range (s, &a, &b);
      if (!isnan (a))
        lo = MIN (lo, a), hi = MAX (hi, b);
      m = end;
      g_date_add_days (&m, 1);
    }
  if (!isfinite (lo))
    lo = hi = NAN;
  stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path) : g_strdup (path);
  for (guint i = 0; i < days->len; i++)
    {
      const char *day = g_ptr_array_index (days, i);
      GPtrArray *found;
      g_autoptr(SmPackMap) map = NULL;
      g_autoptr(GByteArray) png = NULL;
      g_autofree char *title = NULL, *month = NULL, *frame_path = NULL;
      GDate d;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          (found = sm_indicator_context_hotspots (indicators, day, error)) == NULL)
        return FALSE;
      sm_date_parse_iso (day, &d, NULL);
      month = month_title (&d);
      title = g_strdup_printf (_("Hotspots: %s"), month);
      map = sm_pack_map_new (title);
      map->scale = 1.6;
      for (guint o = 0; o < outlines->len; o++)
        g_ptr_array_add (map->outlines, g_ptr_array_index (outlines, o));
      sm_pack_map_add_rates (map, g_ptr_array_index (stats, i), lo, hi, k);
      sm_pack_map_add_hotspots (map, found, sm_pack_map_hot, FALSE, FALSE);
      sm_pack_map_add_legend (map, SM_MAP_SWATCH_CIRCLE, sm_pack_map_hot, _("hotspot (the scan statistic)"));
      sm_pack_map_fit (map);
      map->date_text = g_strdup_printf (_("Open needs on %s"), day);
      map->attribution = g_strdup ("© OpenStreetMap contributors (openstreetmap.org/copyright), ODbL 1.0; KSH");
      png = draw_frame (map);
      if (!add_frame (apng, png, i, &sequence, i == 0))
        {
          g_set_error_literal (error, SM_ERROR, SM_ERROR_INTERNAL, _("Cannot make the animation"));
          return FALSE;
        }
      frame_path = g_strdup_printf ("%s-%.7s.png", stem, day);
      if (!g_file_set_contents_full (frame_path, (const char *) png->data, png->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, error))
        return FALSE;
      g_strv_builder_add (files, frame_path);
      if (progress != NULL)
        progress ((i + 1.0) / days->len, user_data);
    }
  put_chunk (apng, "IEND", NULL, 0);
  {
    /* The animation control chunk, after IHDR: frames, plays for ever. */
    g_autoptr(GByteArray) ac = g_byte_array_new ();
    g_autoptr(GByteArray) chunk = g_byte_array_new ();
    guint at = 8 + 12 + get_u32 (apng->data + 8);

    put_u32 (ac, days->len);
    put_u32 (ac, 0);
    put_chunk (chunk, "acTL", ac->data, ac->len);
    {
      g_autoptr(GByteArray) whole = g_byte_array_sized_new (apng->len + chunk->len);

      g_byte_array_append (whole, apng->data, at);
      g_byte_array_append (whole, chunk->data, chunk->len);
      g_byte_array_append (whole, apng->data + at, apng->len - at);
      if (!g_file_set_contents_full (path, (const char *) whole->data, whole->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                     0600, error))
        return FALSE;
    }
  }
  if (written != NULL)
    {
      g_autoptr(GStrvBuilder) all = g_strv_builder_new ();
      g_auto(GStrv) frames = g_strv_builder_end (g_steal_pointer (&files));

      g_strv_builder_add (all, path);
      g_strv_builder_addv (all, (const char **) frames);
      *written = g_strv_builder_end (all);
    }
  return TRUE;
}
