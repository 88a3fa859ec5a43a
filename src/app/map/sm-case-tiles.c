#define G_LOG_DOMAIN "sm-case-layer"

#include "config.h"

#include "sm-number.h"

#include "sm-context.h"

#include <math.h>
#include <string.h>

#include "sm-boundary.h"
#include "sm-grid.h"
#include "sm-case-layer.h"
#include "sm-mercator.h"
#include "sm-query.h"
#include "sm-case-layer-private.h"

guint64
_sm_case_layer_tile_key (int z,
                         int x,
                         int y)
{
  return ((guint64) z << 58) | ((guint64) (guint32) y << 29) | (guint64) (guint32) x;
}

void
_sm_case_layer_case_tile_free (CaseTile *tile)
{
  g_clear_object (&tile->texture);
  g_array_unref (tile->items);
  g_free (tile);
}

static const GdkRGBA *
category_color (SmCaseLayer *self,
                gint64       category)
{
  guint index = category > 0 && (guint64) category < self->colors->len ? (guint) category : 0;

  return &g_array_index (self->colors, GdkRGBA, index);
}

/* --- where things are ------------------------------------------------- */

void
_sm_case_layer_view_init (View        *v,
                          SmCaseLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double ux, uy;

  v->zi = CLAMP ((int) floor (zoom + 0.5), 0, 20);
  v->scale = pow (2.0, zoom - v->zi);
  v->world = TILE * ldexp (1.0, v->zi);
  sm_mercator_from_lonlat (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                           shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                           &ux, &uy);
  v->cx = ux * v->world;
  v->cy = uy * v->world;
  v->half_w = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  v->half_h = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

/* --- tiles ------------------------------------------------------------ */

/* The first point with x ≥ @x. */
static guint
lower_bound (GArray *points,
             double  x)
{
  guint lo = 0, hi = points->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (points, Point, mid).x < x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
draw_dot (cairo_t       *cr,
          const GdkRGBA *color,
          double         x,
          double         y,
          double         r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.9);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_stroke (cr);
}

static void
draw_outlines (SmCaseLayer *self,
               cairo_t     *cr,
               double       world,
               double       ox,
               double       oy)
{
  double w = ox / world, e = (ox + TILE) / world, n = oy / world, s = (oy + TILE) / world;

  for (guint i = 0; i < self->outlines->len; i++)
    {
      Outline *o = g_ptr_array_index (self->outlines, i);
      GPtrArray *rings = o->rings;

      if (o->east < w || o->west > e || o->south < n || o->north > s)
        continue;
      for (guint r = 0; r < rings->len; r++)
        {
          GArray *ring = g_ptr_array_index (rings, r);
          const double *p = (const double *) ring->data;

          for (guint k = 0; k < ring->len / 2; k++)
            {
              double x = p[2 * k] * world - ox, y = p[2 * k + 1] * world - oy;

              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      if (o->home)
        {
          cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.35);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0.55, 0.20, 0.45, 0.9);
          cairo_set_line_width (cr, 2.5);
        }
      else
        {
          cairo_set_source_rgba (cr, 0.45, 0.42, 0.38, 0.7);
          cairo_set_line_width (cr, 1.2);
        }
      cairo_stroke (cr);
    }
}

typedef struct {
  guint   count;
  double  sum_x, sum_y;
  guint32 first;                       /* a hit, for a cell of one */
  guint   by_category[MAX_CATEGORIES];
} Cell;

static void
draw_bubble (cairo_t       *cr,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         r,
             guint          count)
{
  char text[16];
  cairo_text_extents_t ext;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, 0.85);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);

  {
    /* Four digits do not fit a bubble: 1234 reads "1.2k". */
    g_autofree char *label = sm_format_compact (count);

    g_strlcpy (text, label, sizeof text);
  }
  cairo_set_font_size (cr, strlen (text) >= 4 ? 9 : 10.5);
  cairo_text_extents (cr, text, &ext);
  cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_show_text (cr, text);
}

static void
add_item (CaseTile            *tile,
          SmCaseLayerItemKind  kind,
          gint64               id,
          guint                count,
          double               wx,
          double               wy,
          double               radius)
{
  TileItem item = { kind, id, count, wx, wy, radius };

  g_array_append_val (tile->items, item);
}

static void
draw_cases_clustered (SmCaseLayer *self,
                      cairo_t     *cr,
                      CaseTile    *tile,
                      double       world,
                      double       ox,
                      double       oy)
{
  int cx0 = (int) floor ((ox - MAX_RADIUS) / CELL), cx1 = (int) floor ((ox + TILE + MAX_RADIUS) / CELL);
  int cy0 = (int) floor ((oy - MAX_RADIUS) / CELL), cy1 = (int) floor ((oy + TILE + MAX_RADIUS) / CELL);
  int ncx = cx1 - cx0 + 1, ncy = cy1 - cy0 + 1;
  double x_min = cx0 * CELL / world, x_max = (cx1 + 1) * CELL / world;
  double y_min = cy0 * CELL / world, y_max = (cy1 + 1) * CELL / world;
  g_autofree Cell *cells = g_new0 (Cell, (gsize) ncx * ncy);

  for (guint i = lower_bound (self->points, x_min); i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      const SmCaseHit *hit;
      Cell *cell;
      int gx, gy;

      if (p->x >= x_max)
        break;
      if (p->y < y_min || p->y >= y_max)
        continue;
      gx = CLAMP ((int) floor (p->x * world / CELL) - cx0, 0, ncx - 1);
      gy = CLAMP ((int) floor (p->y * world / CELL) - cy0, 0, ncy - 1);
      cell = &cells[gy * ncx + gx];
      hit = &g_array_index (self->hits, SmCaseHit, p->hit);
      if (cell->count == 0)
        cell->first = p->hit;
      cell->count++;
      cell->sum_x += p->x * world;
      cell->sum_y += p->y * world;
      cell->by_category[hit->main_category > 0 && hit->main_category < MAX_CATEGORIES
                          ? hit->main_category : 0]++;
    }

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_line_width (cr, 1);
  for (int k = 0; k < ncx * ncy; k++)
    {
      const Cell *cell = &cells[k];
      double x, y, r;
      guint best = 0;

      if (cell->count == 0)
        continue;
      x = cell->sum_x / cell->count;
      y = cell->sum_y / cell->count;
      if (cell->count == 1)
        {
          const SmCaseHit *hit = &g_array_index (self->hits, SmCaseHit, cell->first);

          r = 2.5 + hit->max_severity;
          draw_dot (cr, category_color (self, hit->main_category), x - ox, y - oy, r);
          if (x >= ox && x < ox + TILE && y >= oy && y < oy + TILE)
            add_item (tile, SM_CASE_LAYER_HOUSEHOLD, hit->household_id, 1, x, y, r);
          continue;
        }
      for (guint c = 1; c < MAX_CATEGORIES; c++)
        if (cell->by_category[c] > cell->by_category[best])
          best = c;
      r = MIN (MAX_RADIUS, 8 + 2.2 * log2 (cell->count));
      draw_bubble (cr, category_color (self, best), x - ox, y - oy, r, cell->count);
      if (x >= ox && x < ox + TILE && y >= oy && y < oy + TILE)
        add_item (tile, SM_CASE_LAYER_CLUSTER, 0, cell->count, x, y, r);
    }
}

static void
draw_cases_single (SmCaseLayer *self,
                   cairo_t     *cr,
                   CaseTile    *tile,
                   double       world,
                   double       ox,
                   double       oy)
{
  double pad = 8;
  double x_min = (ox - pad) / world, x_max = (ox + TILE + pad) / world;
  double y_min = (oy - pad) / world, y_max = (oy + TILE + pad) / world;

  cairo_set_line_width (cr, 1.2);
  for (guint i = lower_bound (self->points, x_min); i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      const SmCaseHit *hit;
      double x, y, r;

      if (p->x >= x_max)
        break;
      if (p->y < y_min || p->y >= y_max)
        continue;
      hit = &g_array_index (self->hits, SmCaseHit, p->hit);
      x = p->x * world;
      y = p->y * world;
      r = 3 + hit->max_severity;
      draw_dot (cr, category_color (self, hit->main_category), x - ox, y - oy, r);
      if (x >= ox && x < ox + TILE && y >= oy && y < oy + TILE)
        add_item (tile, SM_CASE_LAYER_HOUSEHOLD, hit->household_id, 1, x, y, r);
    }
}

/* --- the planner view -------------------------------------------------- */

/**
 * _sm_case_layer_load_grid:
 *
 * Counts the shown households on the disclosure grid; only cells whose
 * count may be shown are kept, so nothing smaller than k nor any
 * household's place reaches the screen.
 */
void
_sm_case_layer_load_grid (SmCaseLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) cells = NULL;

  g_clear_pointer (&self->grid, g_array_unref);
  self->grid = g_array_new (FALSE, FALSE, sizeof (GridCell));
  if (!self->planner_view)
    return;
  cells = sm_grid_count (self->store, self->filter, sm_context_get_disclosure (self->context),
                         0, &error);
  if (cells == NULL)
    {
      g_warning ("Cannot count the grid: %s", error->message);
      return;
    }
  for (guint i = 0; i < cells->len; i++)
    {
      const SmGridCell *c = &g_array_index (cells, SmGridCell, i);
      GridCell g = { .households = (guint) c->counts.households,
                     .west = 1, .east = 0, .north = 1, .south = 0 };

      if (c->counts.state != SM_DISCLOSURE_SHOWN)
        continue;
      for (guint k = 0; k < 4; k++)
        {
          sm_mercator_from_lonlat (c->lon[k], c->lat[k], &g.x[k], &g.y[k]);
          g.west = MIN (g.west, g.x[k]);
          g.east = MAX (g.east, g.x[k]);
          g.north = MIN (g.north, g.y[k]);
          g.south = MAX (g.south, g.y[k]);
        }
      g_array_append_val (self->grid, g);
    }
}

/**
 * sm_case_layer_set_planner_view:
 * @planner_view: whether households are drawn as counts on the disclosure
 *   grid
 *
 * In the planner view only grid cells of k or more households are drawn,
 * with their counts; no household's place is drawn or picked.
 */
void
sm_case_layer_set_planner_view (SmCaseLayer *self,
                                gboolean     planner_view)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));

  if (self->planner_view == !!planner_view)
    return;
  self->planner_view = !!planner_view;
  _sm_case_layer_load_grid (self);
  g_hash_table_remove_all (self->tiles);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
sm_case_layer_get_planner_view (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), FALSE);

  return self->planner_view;
}

static void
draw_cases_grid (SmCaseLayer *self,
                 cairo_t     *cr,
                 double       world,
                 double       ox,
                 double       oy)
{
  double w = ox / world, e = (ox + TILE) / world, n = oy / world, s = (oy + TILE) / world;
  guint most = 1;

  for (guint i = 0; i < self->grid->len; i++)
    most = MAX (most, g_array_index (self->grid, GridCell, i).households);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  for (guint i = 0; i < self->grid->len; i++)
    {
      const GridCell *g = &g_array_index (self->grid, GridCell, i);
      double t, side;

      if (g->east < w || g->west > e || g->south < n || g->north > s)
        continue;
      for (guint k = 0; k < 4; k++)
        if (k == 0)
          cairo_move_to (cr, g->x[k] * world - ox, g->y[k] * world - oy);
        else
          cairo_line_to (cr, g->x[k] * world - ox, g->y[k] * world - oy);
      cairo_close_path (cr);
      /* Light to dark purple by the share of the busiest cell. */
      t = most > SM_DISCLOSURE_MIN_K ? log ((double) g->households) / log ((double) most) : 1;
      cairo_set_source_rgba (cr, 0.62 - 0.35 * t, 0.45 - 0.35 * t, 0.78 - 0.30 * t, 0.55 + 0.3 * t);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      side = (g->east - g->west) * world;
      if (side >= 26)
        {
          char text[16];
          cairo_text_extents_t ext;
          double cx = (g->west + g->east) / 2 * world - ox, cy = (g->north + g->south) / 2 * world - oy;

          g_autofree char *label = sm_format_compact (g->households);

          g_strlcpy (text, label, sizeof text);
          cairo_set_font_size (cr, side >= 40 ? 11 : 9);
          cairo_text_extents (cr, text, &ext);
          cairo_move_to (cr, cx - ext.width / 2 - ext.x_bearing, cy - ext.height / 2 - ext.y_bearing);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_show_text (cr, text);
        }
    }
}

static CaseTile *
render_tile (SmCaseLayer *self,
             int          zi,
             int          tx,
             int          ty)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, TILE, TILE);
  cairo_t *cr = cairo_create (surface);
  CaseTile *tile = g_new0 (CaseTile, 1);
  double world = TILE * ldexp (1.0, zi), ox = (double) tx * TILE, oy = (double) ty * TILE;
  g_autoptr(GBytes) bytes = NULL;

  tile->items = g_array_new (FALSE, FALSE, sizeof (TileItem));
  if (self->show_boundaries)
    draw_outlines (self, cr, world, ox, oy);
  if (self->show_cases && self->planner_view)
    draw_cases_grid (self, cr, world, ox, oy);
  else if (self->show_cases)
    {
      if (zi < CLUSTER_BELOW_ZOOM)
        draw_cases_clustered (self, cr, tile, world, ox, oy);
      else
        draw_cases_single (self, cr, tile, world, ox, oy);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * TILE);
  tile->texture = gdk_memory_texture_new (TILE, TILE, GDK_MEMORY_DEFAULT, bytes,
                                          (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  self->n_tiles_drawn++;
  return tile;
}

CaseTile *
_sm_case_layer_get_tile (SmCaseLayer *self,
                         int          zi,
                         int          tx,
                         int          ty)
{
  guint64 key = _sm_case_layer_tile_key (zi, tx, ty);
  CaseTile *tile = g_hash_table_lookup (self->tiles, &key);

  if (tile != NULL)
    return tile;
  /* Keep the cache to a few screens: drop other zoom levels first, and
   * everything if one level alone outgrows it. */
  if (g_hash_table_size (self->tiles) >= MAX_CACHED_TILES)
    {
      GHashTableIter iter;
      gpointer k;

      g_hash_table_iter_init (&iter, self->tiles);
      while (g_hash_table_iter_next (&iter, &k, NULL))
        if ((int) (*(guint64 *) k >> 58) != zi)
          g_hash_table_iter_remove (&iter);
      if (g_hash_table_size (self->tiles) >= MAX_CACHED_TILES)
        g_hash_table_remove_all (self->tiles);
    }
  tile = render_tile (self, zi, tx, ty);
  g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
  return tile;
}
