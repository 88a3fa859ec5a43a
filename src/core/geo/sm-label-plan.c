#define G_LOG_DOMAIN "sm-tile-renderer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "sm-basemap.h"
#include "sm-label-plan.h"
#include "sm-mercator.h"

/* A plan belongs to one metatile (SM_LABEL_METATILE² tiles at a zoom): it
 * holds the names whose middle lies in it, each placed once, in world
 * pixels of that zoom. A name may reach into the next metatile; the tiles
 * there draw it from this plan too (the renderer asks every plan within a
 * name's reach), so it is whole across the edge.
 *
 * Places come first, then roads from the major down. A road's name goes
 * along the line where the line is straight enough for the text (the
 * chord between the text's two ends stays within a few pixels of the
 * line), repeated every few hundred pixels of the whole line. Positions
 * along a line count from its start, not from any tile, so every plan
 * that sees a line agrees where its names could go. Names keep clear of
 * each other by small boxes along the text, not one box around it. */

#define TILE 256.0

typedef struct {
  int     klass;
  char   *name;
  double  x, y;          /* middle, world pixels */
  double  angle;
  int     w, h;
  double  size;          /* font size, pixels */
} Placed;

struct _SmLabelPlan {
  int     z, mx, my;
  GArray *labels;        /* Placed */
};

typedef struct {
  int      klass;
  char    *name;
  GArray  *points;       /* double x, y in world pixels; a part ends at NAN */
} Candidate;

typedef struct {
  const SmLabelStyle *style;
  double              scale;
  int                 z;
  GPtrArray          *candidates;
} Gather;

static void
candidate_free (Candidate *c)
{
  g_free (c->name);
  g_array_unref (c->points);
  g_free (c);
}

static void
placed_clear (Placed *p)
{
  g_free (p->name);
}

static void
gather_feature (int           klass,
                int           level,
                const char   *name,
                const guint8 *blob,
                gsize         size,
                gpointer      user_data)
{
  Gather *g = user_data;
  const guint8 *p = blob, *end = blob + size;
  Candidate *c;
  guint32 n_parts;

  if (name == NULL || *name == '\0' || klass <= SM_BASEMAP_NONE || klass >= SM_BASEMAP_N_CLASSES ||
      blob == NULL || size < 4)
    return;
  if (klass != SM_BASEMAP_PLACE && (g->style->label_zoom[klass] == 0 || g->z < g->style->label_zoom[klass]))
    return;
  c = g_new0 (Candidate, 1);
  c->klass = klass;
  c->name = g_strdup (name);
  c->points = g_array_new (FALSE, FALSE, sizeof (double));
  n_parts = sm_basemap_read_u32 (p);
  p += 4;
  for (guint32 part = 0; part < n_parts && p + 4 <= end; part++)
    {
      guint32 n = sm_basemap_read_u32 (p);
      double nan = NAN;

      p += 4;
      if (p + (gsize) n * 8 > end)
        break;
      for (guint32 i = 0; i < n; i++, p += 8)
        {
          double xy[2] = { sm_basemap_read_u32 (p) * g->scale, sm_basemap_read_u32 (p + 4) * g->scale };

          g_array_append_vals (c->points, xy, 2);
        }
      g_array_append_val (c->points, nan);
      g_array_append_val (c->points, nan);
    }
  g_ptr_array_add (g->candidates, c);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      data)
{
  const SmLabelStyle *style = data;
  const Candidate *x = *(Candidate * const *) a, *y = *(Candidate * const *) b;
  int px = style->priority[x->klass], py = style->priority[y->klass], by_name;

  if (px != py)
    return px - py;
  by_name = strcmp (x->name, y->name);
  if (by_name != 0)
    return by_name;
  /* The same name twice: by where it starts, so the order is the data's. */
  if (x->points->len > 0 && y->points->len > 0)
    {
      double ax = g_array_index (x->points, double, 0), bx = g_array_index (y->points, double, 0);

      if (ax != bx)
        return ax < bx ? -1 : 1;
    }
  return 0;
}

typedef struct {
  double x0, y0, x1, y1;
} Box;

static gboolean
collides (GArray    *boxes,
          const Box *b)
{
  for (guint i = 0; i < boxes->len; i++)
    {
      const Box *o = &g_array_index (boxes, Box, i);

      if (b->x0 < o->x1 && o->x0 < b->x1 && b->y0 < o->y1 && o->y0 < b->y1)
        return TRUE;
    }
  return FALSE;
}

/* The small boxes a text along a chord covers. */
static void
text_boxes (double  cx,
            double  cy,
            double  angle,
            int     w,
            int     h,
            GArray *out)
{
  int n = MAX (1, (int) ceil (w / (double) h));
  double step = (double) w / n, half = h * 0.6;

  g_array_set_size (out, 0);
  for (int k = 0; k < n; k++)
    {
      double t = -w / 2.0 + step * (k + 0.5);
      double x = cx + t * cos (angle), y = cy + t * sin (angle);
      double r = MAX (half, step / 2 + 1);
      Box b = { x - r, y - half - 1, x + r, y + half + 1 };

      g_array_append_val (out, b);
    }
}

static gboolean
same_name_near (GArray     *labels,
                const char *name,
                double      x,
                double      y,
                double      distance)
{
  for (guint i = 0; i < labels->len; i++)
    {
      const Placed *p = &g_array_index (labels, Placed, i);

      if (hypot (p->x - x, p->y - y) < distance && g_str_equal (p->name, name))
        return TRUE;
    }
  return FALSE;
}

/* The point at arc length @t of a part, and the index of its segment. */
static void
point_at (const double *xy,
          guint         n,
          const double *cum,
          double        t,
          double       *x,
          double       *y,
          guint        *segment)
{
  guint k = 1;

  while (k + 1 < n && cum[k] < t)
    k++;
  {
    double len = cum[k] - cum[k - 1], u = len > 0 ? (t - cum[k - 1]) / len : 0;

    *x = xy[2 * (k - 1)] + u * (xy[2 * k] - xy[2 * (k - 1)]);
    *y = xy[2 * (k - 1) + 1] + u * (xy[2 * k + 1] - xy[2 * (k - 1) + 1]);
    *segment = k;
  }
}

typedef struct {
  double west, north, east, south;   /* the metatile, world pixels */
} Area;

static void
place_along (SmLabelPlan     *plan,
             GArray          *boxes,
             GArray          *scratch,
             const Candidate *c,
             int              w,
             int              h,
             double           size,
             const Area      *area)
{
  static const double shifts[] = { 0, -0.2, 0.2, -0.35, 0.35 };
  double spacing = plan->z >= 17 ? 280 : plan->z >= 16 ? 340 : 440;
  const double *all = (const double *) c->points->data;
  guint n_all = c->points->len / 2, start = 0;

  while (start < n_all)
    {
      guint n = 0;
      g_autofree double *cum = NULL;
      const double *xy = all + 2 * start;

      while (start + n < n_all && !isnan (xy[2 * n]))
        n++;
      if (n >= 2)
        {
          cum = g_new (double, n);
          cum[0] = 0;
          for (guint k = 1; k < n; k++)
            cum[k] = cum[k - 1] + hypot (xy[2 * k] - xy[2 * k - 2], xy[2 * k + 1] - xy[2 * k - 1]);
          for (double nominal = MIN (spacing / 2, cum[n - 1] / 2);
               nominal - spacing / 2 <= cum[n - 1]; nominal += spacing)
            for (guint shift = 0; shift < G_N_ELEMENTS (shifts); shift++)
            {
              /* Where the line is too bent or taken at the nominal place,
               * a little before or after it. */
              double t = nominal + shifts[shift] * spacing;
              double ax, ay, bx, by, cx, cy, angle, dev = 0;
              guint sa, sb, sc;
              gboolean clear = TRUE;
              Placed p;

              if (t - w / 2.0 - 4 < 0 || t + w / 2.0 + 4 > cum[n - 1])
                continue;
              point_at (xy, n, cum, t, &cx, &cy, &sc);
              if (cx < area->west || cx >= area->east || cy < area->north || cy >= area->south)
                continue;
              point_at (xy, n, cum, t - w / 2.0, &ax, &ay, &sa);
              point_at (xy, n, cum, t + w / 2.0, &bx, &by, &sb);
              /* Straight enough: the line's corners between the ends stay
               * near the chord, and the chord is nearly as long as the text. */
              for (guint k = sa; k < sb; k++)
                {
                  double px = xy[2 * k], py = xy[2 * k + 1];
                  double d = fabs ((bx - ax) * (ay - py) - (ax - px) * (by - ay)) /
                             MAX (hypot (bx - ax, by - ay), 1e-9);

                  dev = MAX (dev, d);
                }
              if (dev > 3.5 || hypot (bx - ax, by - ay) < w * 0.9)
                continue;
              angle = atan2 (by - ay, bx - ax);
              if (angle > G_PI / 2)
                angle -= G_PI;
              else if (angle < -G_PI / 2)
                angle += G_PI;
              cx = (ax + bx) / 2;
              cy = (ay + by) / 2;
              if (same_name_near (plan->labels, c->name, cx, cy, spacing * 0.7))
                continue;
              text_boxes (cx, cy, angle, w, h, scratch);
              for (guint k = 0; k < scratch->len && clear; k++)
                clear = !collides (boxes, &g_array_index (scratch, Box, k));
              if (!clear)
                continue;
              g_array_append_vals (boxes, scratch->data, scratch->len);
              p = (Placed) { c->klass, g_strdup (c->name), cx, cy, angle, w, h, size };
              g_array_append_val (plan->labels, p);
              break;
            }
        }
      start += n + 1;
    }
}

static double
road_size (int z)
{
  return z >= 17 ? 10.5 : z >= 16 ? 9.5 : 8.5;
}

/**
 * sm_label_plan_build:
 * @mx: (x / SM_LABEL_METATILE) of the tiles it serves
 *
 * Returns: (transfer full): the plan, or %NULL with @error
 */
SmLabelPlan *
sm_label_plan_build (SmBasemapReader     *reader,
                     const SmLabelStyle  *style,
                     int                  z,
                     int                  mx,
                     int                  my,
                     GError             **error)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(PangoLayout) layout = pango_layout_new (style->context);
  g_autoptr(PangoFontDescription) road = pango_font_description_copy (style->road_font);
  double side = SM_LABEL_METATILE * TILE, world = TILE * (double) (1 << z);
  Area area = { mx * side, my * side, (mx + 1) * side, (my + 1) * side };
  Gather g = { style, ldexp (1.0, z + 8 - SM_BASEMAP_WORLD_BITS), z, candidates };
  double west, south, east, north;
  SmLabelPlan *plan;

  /* The metatile's box in degrees, a little wider for the lines that run
   * through it. */
  sm_mercator_to_lonlat ((area.west - 8) / world, (area.south + 8) / world, &west, &south);
  sm_mercator_to_lonlat ((area.east + 8) / world, (area.north - 8) / world, &east, &north);
  if (!sm_basemap_reader_each_named (reader, west, south, east, north, z, gather_feature, &g, error))
    return NULL;
  g_ptr_array_sort_with_data (candidates, compare_candidates, (gpointer) style);

  plan = g_new0 (SmLabelPlan, 1);
  plan->z = z;
  plan->mx = mx;
  plan->my = my;
  plan->labels = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_array_set_clear_func (plan->labels, (GDestroyNotify) placed_clear);
  pango_font_description_set_absolute_size (road, road_size (z) * PANGO_SCALE);

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = g_ptr_array_index (candidates, i);
      int w, h;

      pango_layout_set_font_description (layout, c->klass == SM_BASEMAP_PLACE ? style->place_font : road);
      pango_layout_set_text (layout, c->name, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (c->klass == SM_BASEMAP_PLACE)
        {
          double x, y;
          Box b;

          if (c->points->len < 2)
            continue;
          x = g_array_index (c->points, double, 0);
          y = g_array_index (c->points, double, 1);
          b = (Box) { x - w / 2.0 - 1, y - h / 2.0 - 1, x + w / 2.0 + 1, y + h / 2.0 + 1 };
          if (x < area.west || x >= area.east || y < area.north || y >= area.south || collides (boxes, &b))
            continue;
          g_array_append_val (boxes, b);
          g_array_append_val (plan->labels, ((Placed) { c->klass, g_strdup (c->name), x, y, 0, w, h,
                                                        pango_font_description_get_size (style->place_font) /
                                                        (double) PANGO_SCALE }));
        }
      else
        place_along (plan, boxes, scratch, c, w, h, road_size (z), &area);
    }
  return plan;
}

static void
show_with_halo (cairo_t     *cr,
                PangoLayout *layout,
                double       r,
                double       g,
                double       b)
{
  double x, y;

  cairo_get_current_point (cr, &x, &y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, r, g, b);
  pango_cairo_show_layout (cr, layout);
}

/**
 * sm_label_plan_draw:
 * @origin_x: the tile's corner, world pixels of the plan's zoom
 *
 * Draws the plan's names that reach into the 256 × 256 pixels at the
 * origin of @cr (the caller clips to the tile).
 */
void
sm_label_plan_draw (const SmLabelPlan  *plan,
                    const SmLabelStyle *style,
                    cairo_t            *cr,
                    double              origin_x,
                    double              origin_y)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoFontDescription) road = pango_font_description_copy (style->road_font);

  pango_cairo_update_context (cr, style->context);
  layout = pango_layout_new (style->context);
  pango_font_description_set_absolute_size (road, road_size (plan->z) * PANGO_SCALE);
  for (guint i = 0; i < plan->labels->len; i++)
    {
      const Placed *p = &g_array_index (plan->labels, Placed, i);
      double reach = hypot (p->w, p->h) / 2 + 3, x = p->x - origin_x, y = p->y - origin_y;
      gboolean place = p->klass == SM_BASEMAP_PLACE;

      if (x + reach < 0 || y + reach < 0 || x - reach > TILE || y - reach > TILE)
        continue;
      pango_layout_set_font_description (layout, place ? style->place_font : road);
      pango_layout_set_text (layout, p->name, -1);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rotate (cr, p->angle);
      cairo_move_to (cr, -p->w / 2.0, -p->h / 2.0);
      if (place)
        show_with_halo (cr, layout, 0x22 / 255.0, 0x22 / 255.0, 0x22 / 255.0);
      else
        show_with_halo (cr, layout, 0x33 / 255.0, 0x33 / 255.0, 0x33 / 255.0);
      cairo_restore (cr);
    }
}

guint
sm_label_plan_get_n_labels (const SmLabelPlan *plan)
{
  return plan->labels->len;
}

/**
 * sm_label_plan_get_label:
 * @x: (out): its middle, world pixels of the plan's zoom
 *
 * Returns: (transfer none): the name of label @i
 */
const char *
sm_label_plan_get_label (const SmLabelPlan *plan,
                         guint              i,
                         int               *klass,
                         double            *x,
                         double            *y,
                         double            *angle,
                         int               *w,
                         int               *h)
{
  const Placed *p;

  g_return_val_if_fail (i < plan->labels->len, NULL);

  p = &g_array_index (plan->labels, Placed, i);
  *klass = p->klass;
  *x = p->x;
  *y = p->y;
  *angle = p->angle;
  *w = p->w;
  *h = p->h;
  return p->name;
}

void
sm_label_plan_free (SmLabelPlan *plan)
{
  if (plan == NULL)
    return;
  g_array_unref (plan->labels);
  g_free (plan);
}
