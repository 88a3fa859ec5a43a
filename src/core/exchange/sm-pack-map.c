#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "sm-area-stats.h"
#include "sm-excess.h"
#include "sm-number.h"
#include "sm-pack-map.h"
#include "sm-pdf.h"

#define LEGEND_WIDTH 150.0
#define EARTH_RADIUS 6378137.0

static void
area_free (SmMapArea *a)
{
  g_free (a->label);
  g_free (a);
}

static void
circle_free (SmMapCircle *c)
{
  g_free (c->label);
  g_free (c);
}

static void
legend_free (SmMapLegendItem *l)
{
  g_free (l->label);
  g_free (l);
}

SmPackMap *
sm_pack_map_new (const char *title)
{
  SmPackMap *map = g_new0 (SmPackMap, 1);

  map->title = g_strdup (title);
  map->outlines = g_ptr_array_new ();
  map->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) area_free);
  map->circles = g_ptr_array_new_with_free_func ((GDestroyNotify) circle_free);
  map->legend = g_ptr_array_new_with_free_func ((GDestroyNotify) legend_free);
  map->scale = 1;
  map->west = map->south = INFINITY;
  map->east = map->north = -INFINITY;
  return map;
}

void
sm_pack_map_free (SmPackMap *map)
{
  if (map == NULL)
    return;
  g_free (map->title);
  g_free (map->date_text);
  g_free (map->attribution);
  g_free (map->legend_title);
  g_ptr_array_unref (map->outlines);
  g_ptr_array_unref (map->areas);
  g_ptr_array_unref (map->circles);
  g_ptr_array_unref (map->legend);
  g_free (map);
}

void
sm_pack_map_add_area (SmPackMap     *map,
                      const SmShape *shape,
                      const double   rgb[3],
                      gboolean       hatched,
                      const char    *label,
                      double         label_lat,
                      double         label_lon)
{
  SmMapArea *a = g_new0 (SmMapArea, 1);

  a->shape = shape;
  memcpy (a->rgb, rgb, sizeof a->rgb);
  a->hatched = hatched;
  a->label = g_strdup (label);
  a->label_lat = label_lat;
  a->label_lon = label_lon;
  g_ptr_array_add (map->areas, a);
}

void
sm_pack_map_add_circle (SmPackMap    *map,
                        double        lat,
                        double        lon,
                        double        radius_m,
                        const double  rgb[3],
                        gboolean      dashed,
                        const char   *label)
{
  SmMapCircle *c = g_new0 (SmMapCircle, 1);

  c->lat = lat;
  c->lon = lon;
  c->radius_m = radius_m;
  memcpy (c->rgb, rgb, sizeof c->rgb);
  c->dashed = dashed;
  c->label = g_strdup (label);
  g_ptr_array_add (map->circles, c);
}

void
sm_pack_map_add_legend (SmPackMap    *map,
                        SmMapSwatch   kind,
                        const double  rgb[3],
                        const char   *label)
{
  SmMapLegendItem *l = g_new0 (SmMapLegendItem, 1);

  l->kind = kind;
  memcpy (l->rgb, rgb, sizeof l->rgb);
  l->label = g_strdup (label);
  g_ptr_array_add (map->legend, l);
}

static void
grow (SmPackMap     *map,
      const SmShape *shape)
{
  double w, s, e, n;

  if (shape == NULL || sm_shape_is_empty (shape))
    return;
  sm_shape_get_bbox (shape, &w, &s, &e, &n);
  map->west = MIN (map->west, w);
  map->south = MIN (map->south, s);
  map->east = MAX (map->east, e);
  map->north = MAX (map->north, n);
}

/* The extent of the areas (of the outlines when there are none), with a
 * margin. */
void
sm_pack_map_fit (SmPackMap *map)
{
  double dx, dy;

  for (guint i = 0; i < map->areas->len; i++)
    grow (map, ((SmMapArea *) g_ptr_array_index (map->areas, i))->shape);
  for (guint i = 0; map->areas->len == 0 && i < map->outlines->len; i++)
    grow (map, g_ptr_array_index (map->outlines, i));
  if (!isfinite (map->west))
    {
      map->west = 16.1, map->east = 22.9, map->south = 45.7, map->north = 48.6;   /* Hungary */
      return;
    }
  dx = (map->east - map->west) * 0.04;
  dy = (map->north - map->south) * 0.04;
  map->west -= dx, map->east += dx, map->south -= dy, map->north += dy;
}

static double
merc_y (double lat)
{
  return log (tan (G_PI / 4 + lat * G_PI / 360));
}

typedef struct {
  double x0, y0;      /* the frame's top left */
  double k;           /* points per radian of Mercator */
  double west, top;   /* radians */
} Projection;

static void
project (const Projection *p,
         double            lon,
         double            lat,
         double           *x,
         double           *y)
{
  *x = p->x0 + (lon * G_PI / 180 - p->west) * p->k;
  *y = p->y0 + (p->top - merc_y (lat)) * p->k;
}

static void
shape_path (cairo_t          *cr,
            const Projection *p,
            const SmShape    *shape)
{
  for (guint r = 0; r < sm_shape_get_n_rings (shape); r++)
    {
      guint n;
      const double *ring = sm_shape_get_ring (shape, r, &n);

      for (guint i = 0; i < n; i++)
        {
          double x, y;

          project (p, ring[2 * i], ring[2 * i + 1], &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   w,
       double   h)
{
  cairo_save (cr);
  cairo_clip_preserve (cr);
  cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.6);
  for (double d = -h; d < w; d += 5)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A length that reads well: 1, 2 or 5 times a power of ten metres. */
double
sm_pack_map_nice_length (double metres)
{
  double p = pow (10, floor (log10 (MAX (metres, 1))));

  for (int i = 0; i < 3; i++)
    {
      static const double steps[] = { 5, 2, 1 };

      if (steps[i] * p <= metres)
        return steps[i] * p;
    }
  return p;
}

char *
sm_pack_map_scale_label (double metres)
{
  g_autofree char *number = metres >= 1000 ? sm_format_decimal (metres / 1000, fmod (metres, 1000) ? 1 : 0)
                                           : sm_format_decimal (metres, 0);

  return g_strdup_printf ("%s %s", number, metres >= 1000 ? "km" : "m");
}

/* A metric scale bar of at most @max_width points at (@x, @y). */
void
sm_pack_map_draw_scale_bar (cairo_t *cr,
                            double   metres_per_point,
                            double   x,
                            double   y,
                            double   max_width,
                            double   text)
{
  double length = sm_pack_map_nice_length (max_width * metres_per_point);
  double w = length / metres_per_point;
  g_autofree char *label = sm_pack_map_scale_label (length);

  cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
  cairo_rectangle (cr, x - 4, y - 14 * text, w + 8, 14 * text + 10);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, x, y, w / 2, 4);
  cairo_fill (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, x, y, w, 4);
  cairo_stroke (cr);
  sm_pdf_draw_text (cr, "0", x, y - 11 * text, 7 * text, FALSE, 0, 0.5);
  sm_pdf_draw_text (cr, label, x + w, y - 11 * text, 7 * text, FALSE, 0, 0.5);
}

void
sm_pack_map_draw_north (cairo_t *cr,
             double   x,
             double   y,
             double   text)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + 7, y + 22);
  cairo_line_to (cr, x, y + 17);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - 7, y + 22);
  cairo_line_to (cr, x, y + 17);
  cairo_close_path (cr);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke (cr);
  /* North: É in Hungarian, N in English. */
  sm_pdf_draw_text (cr, C_("north arrow", "N"), x, y + 23, 9 * text, TRUE, 0, 0.5);
}

static void
circle_path (cairo_t          *cr,
             const Projection *p,
             const SmMapCircle *c,
             double           *cx,
             double           *cy)
{
  double r = c->radius_m / (EARTH_RADIUS * cos (c->lat * G_PI / 180)) * p->k;

  project (p, c->lon, c->lat, cx, cy);
  cairo_new_sub_path (cr);
  cairo_arc (cr, *cx, *cy, MAX (r, 3), 0, 2 * G_PI);
}

double
sm_pack_map_draw_legend (cairo_t         *cr,
             const SmPackMap *map,
             double           x,
             double           y,
             double           width)
{
  double text = map->scale;

  if (map->legend_title != NULL)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      y += sm_pdf_draw_text (cr, map->legend_title, x, y, 8 * text, TRUE, width, 0) + 8;
    }
  for (guint i = 0; i < map->legend->len; i++)
    {
      SmMapLegendItem *l = g_ptr_array_index (map->legend, i);

      cairo_save (cr);
      switch (l->kind)
        {
        case SM_MAP_SWATCH_FILL:
          cairo_set_source_rgb (cr, l->rgb[0], l->rgb[1], l->rgb[2]);
          cairo_rectangle (cr, x, y, 16, 10);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
          cairo_set_line_width (cr, 0.4);
          cairo_stroke (cr);
          break;
        case SM_MAP_SWATCH_HATCH:
          cairo_rectangle (cr, x, y, 16, 10);
          hatch (cr, x, y, 16, 10);
          cairo_new_path (cr);
          break;
        case SM_MAP_SWATCH_CIRCLE:
        case SM_MAP_SWATCH_DASHED_CIRCLE:
          cairo_set_source_rgb (cr, l->rgb[0], l->rgb[1], l->rgb[2]);
          cairo_set_line_width (cr, 1.6);
          if (l->kind == SM_MAP_SWATCH_DASHED_CIRCLE)
            cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
          cairo_new_path (cr);
          cairo_arc (cr, x + 8, y + 5, 5, 0, 2 * G_PI);
          cairo_stroke (cr);
          break;
        case SM_MAP_SWATCH_OUTLINE:
          cairo_set_source_rgb (cr, l->rgb[0], l->rgb[1], l->rgb[2]);
          cairo_set_line_width (cr, 1.2);
          cairo_rectangle (cr, x, y, 16, 10);
          cairo_stroke (cr);
          break;
        }
      cairo_restore (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      y += MAX (14, sm_pdf_draw_text (cr, l->label, x + 22, y - 1, 7.5 * text, FALSE, width - 22, 0) + 5);
    }
  return y;
}

/* Draws the map into a @width × @height box (a #SmPdfDrawFunc). */
void
sm_pack_map_draw (cairo_t  *cr,
                  double    width,
                  double    height,
                  gpointer  data)
{
  SmPackMap *map = data;
  double text = map->scale;
  double title_h = map->title ? 20 * text : 0, foot_h = 36 * text;
  double fw = width - LEGEND_WIDTH - 10, fh = height - title_h - foot_h;
  double mx0 = map->west * G_PI / 180, mx1 = map->east * G_PI / 180;
  double my0 = merc_y (map->south), my1 = merc_y (map->north);
  double k = MIN (fw / (mx1 - mx0), fh / (my1 - my0));
  Projection p = { .k = k, .west = mx0 - (fw / k - (mx1 - mx0)) / 2, .top = my1 + (fh / k - (my1 - my0)) / 2,
                   .x0 = 0, .y0 = title_h };

  if (map->title != NULL)
    {
      cairo_set_source_rgb (cr, 0.1, 0.2, 0.4);
      sm_pdf_draw_text (cr, map->title, 0, 0, 11 * text, TRUE, width, 0);
    }
  cairo_save (cr);
  cairo_rectangle (cr, 0, title_h, fw, fh);
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.95);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  for (guint i = 0; i < map->areas->len; i++)
    {
      SmMapArea *a = g_ptr_array_index (map->areas, i);
      double x1, y1, x2, y2;

      cairo_new_path (cr);
      shape_path (cr, &p, a->shape);
      cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
      if (a->hatched)
        {
          cairo_path_extents (cr, &x1, &y1, &x2, &y2);
          hatch (cr, x1, y1, x2 - x1, y2 - y1);
        }
      else
        {
          cairo_set_source_rgb (cr, a->rgb[0], a->rgb[1], a->rgb[2]);
          cairo_fill_preserve (cr);
        }
      cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 1.4);
  for (guint i = 0; i < map->outlines->len; i++)
    {
      cairo_new_path (cr);
      shape_path (cr, &p, g_ptr_array_index (map->outlines, i));
      cairo_stroke (cr);
    }
  for (guint i = 0; i < map->areas->len; i++)
    {
      SmMapArea *a = g_ptr_array_index (map->areas, i);
      double x, y;

      if (a->label == NULL)
        continue;
      project (&p, a->label_lon, a->label_lat, &x, &y);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      sm_pdf_draw_text (cr, a->label, x, y - 4, 6 * text, FALSE, 0, 0.5);
    }
  for (guint i = 0; i < map->circles->len; i++)
    {
      SmMapCircle *c = g_ptr_array_index (map->circles, i);
      double cx, cy;

      cairo_new_path (cr);
      circle_path (cr, &p, c, &cx, &cy);
      cairo_save (cr);
      cairo_set_source_rgba (cr, c->rgb[0], c->rgb[1], c->rgb[2], c->dashed ? 0 : 0.12);
      cairo_fill_preserve (cr);
      /* A white halo keeps the circle seen on the darkest fill. */
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_set_line_width (cr, 4.2);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgb (cr, c->rgb[0], c->rgb[1], c->rgb[2]);
      cairo_set_line_width (cr, 1.8);
      if (c->dashed)
        cairo_set_dash (cr, (double[]) { 3, 2 }, 2, 0);
      cairo_stroke (cr);
      cairo_restore (cr);
      if (c->label != NULL)
        {
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_arc (cr, cx, cy, 6 * text, 0, 2 * G_PI);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, c->rgb[0], c->rgb[1], c->rgb[2]);
          sm_pdf_draw_text (cr, c->label, cx, cy - 5 * text, 7 * text, TRUE, 0, 0.5);
        }
    }
  sm_pack_map_draw_scale_bar (cr, EARTH_RADIUS * cos ((map->south + map->north) / 2 * G_PI / 180) / p.k, 14,
                              title_h + fh - 14, fw / 4, text);
  sm_pack_map_draw_north (cr, fw - 18, title_h + 10, text);
  cairo_restore (cr);
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (cr, 0.8);
  cairo_rectangle (cr, 0, title_h, fw, fh);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  if (map->date_text != NULL)
    sm_pdf_draw_text (cr, map->date_text, 0, title_h + fh + 3, 7 * text, FALSE, fw, 0);
  if (map->attribution != NULL)
    sm_pdf_draw_text (cr, map->attribution, 0, title_h + fh + 3 + 10 * text, 6.5 * text, FALSE, fw, 0);
  sm_pack_map_draw_legend (cr, map, fw + 12, title_h, LEGEND_WIDTH - 12);
}

/* The colours of the maps' rates, low to high, and of a hotspot. */
static const double rate_colours[5][3] = {
  { 1.00, 1.00, 0.70 }, { 1.00, 0.80, 0.36 }, { 0.99, 0.55, 0.24 }, { 0.94, 0.23, 0.13 }, { 0.74, 0.00, 0.15 },
};
static const double no_data[3] = { 0.85, 0.85, 0.85 };
const double sm_pack_map_hot[3] = { 0.80, 0.05, 0.10 };

/**
 * sm_pack_map_rate_range:
 * @stats: (element-type SmAreaStat)
 *
 * The lowest and highest rate of the areas whose counts are shown; both
 * NAN when there is none. Several maps given the same range compare.
 */
void
sm_pack_map_rate_range (GArray *stats,
                        double *lo,
                        double *hi)
{
  *lo = INFINITY, *hi = -INFINITY;
  for (guint i = 0; i < stats->len; i++)
    {
      SmAreaStat *a = &g_array_index (stats, SmAreaStat, i);

      if (a->disclosure == SM_DISCLOSURE_SHOWN && !isnan (a->rate))
        *lo = MIN (*lo, a->rate), *hi = MAX (*hi, a->rate);
    }
  if (!isfinite (*lo))
    *lo = *hi = NAN;
}

/**
 * sm_pack_map_add_rates:
 * @stats: (element-type SmAreaStat): the areas, owned by their set
 *
 * The areas by households with open needs per 1,000 residents in five
 * equal classes from @lo to @hi; an area whose count is hidden is hatched,
 * one without a population grey; with their legend.
 */
void
sm_pack_map_add_rates (SmPackMap *map,
                       GArray    *stats,
                       double     lo,
                       double     hi,
                       int        k)
{
  int n_classes = isnan (lo) ? 0 : hi - lo < 1 ? 1 : 5;
  double step = n_classes > 1 ? (hi - lo) / n_classes : 1;
  g_autofree char *hidden = g_strdup_printf (_("not shown: fewer than %d households"), k);

  for (guint i = 0; i < stats->len; i++)
    {
      SmAreaStat *a = &g_array_index (stats, SmAreaStat, i);
      gboolean shown = a->disclosure == SM_DISCLOSURE_SHOWN && !isnan (a->rate);
      int klass = shown && n_classes > 1 ? CLAMP ((int) floor ((a->rate - lo) / step), 0, 4) : 2;

      sm_pack_map_add_area (map, a->shape, shown ? rate_colours[klass] : no_data,
                            a->disclosure != SM_DISCLOSURE_SHOWN, a->name, a->label_lat, a->label_lon);
    }
  g_free (map->legend_title);
  map->legend_title = g_strdup (_("Households with open needs per 1,000 residents"));
  for (int c = 0; c < n_classes; c++)
    {
      int decimals = hi - lo < 20 ? 1 : 0;
      g_autofree char *a = sm_format_decimal (lo + c * step, decimals);
      g_autofree char *b = sm_format_decimal (n_classes > 1 ? lo + (c + 1) * step : hi, decimals);
      g_autofree char *label = g_strdup_printf ("%s – %s", a, b);

      sm_pack_map_add_legend (map, SM_MAP_SWATCH_FILL, rate_colours[n_classes > 1 ? c : 2], label);
    }
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_HATCH, no_data, hidden);
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_FILL, no_data, _("no population data"));
}

/**
 * sm_pack_map_add_hotspots:
 * @found: (element-type SmExcess): the scan's clusters
 * @numbered: each with its rank
 */
void
sm_pack_map_add_hotspots (SmPackMap    *map,
                          GPtrArray    *found,
                          const double  rgb[3],
                          gboolean      dashed,
                          gboolean      numbered)
{
  for (guint i = 0; i < found->len; i++)
    {
      SmExcess *e = g_ptr_array_index (found, i);
      g_autofree char *label = numbered ? g_strdup_printf ("%u", i + 1) : NULL;

      sm_pack_map_add_circle (map, e->lat, e->lon, e->radius_m, rgb, dashed, label);
    }
}
