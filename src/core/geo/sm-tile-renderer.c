#define G_LOG_DOMAIN "sm-tile-renderer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sm-basemap.h"
#include "sm-error.h"
#include "sm-mercator.h"
#include "sm-png.h"
#include "sm-tile-renderer.h"
#include "sm-tile-store.h"

/* One tile is one query: the features whose box meets the tile (with a
 * margin for wide roads) and whose first zoom has come. Each class is
 * gathered into one cairo path while the rows stream in, so drawing is one
 * fill or stroke per class in a fixed order, whatever the feature count;
 * points closer than a fraction of a pixel are dropped on the way. */

#define MARGIN 12.0          /* pixels around the tile that can still paint into it */
#define LABEL_MIN_ZOOM 14

typedef struct {
  double r, g, b;
} Rgb;

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0 }

typedef enum {
  DRAW_NONE,
  DRAW_FILL,
  DRAW_LINE,
} DrawKind;

typedef struct {
  DrawKind kind;
  Rgb      fill;
  Rgb      casing;
  double   width16;       /* line width at zoom 16, pixels */
  int      label_zoom;    /* first zoom with names along the line; 0: never */
} Style;

static const Style styles[SM_BASEMAP_N_CLASSES] = {
  [SM_BASEMAP_WATER]       = { DRAW_FILL, RGB (0xaad3df), RGB (0), 0, 0 },
  [SM_BASEMAP_FOREST]      = { DRAW_FILL, RGB (0xadd19e), RGB (0), 0, 0 },
  [SM_BASEMAP_GRASS]       = { DRAW_FILL, RGB (0xcdebb0), RGB (0), 0, 0 },
  [SM_BASEMAP_RESIDENTIAL] = { DRAW_FILL, RGB (0xe3e0dc), RGB (0), 0, 0 },
  [SM_BASEMAP_INDUSTRIAL]  = { DRAW_FILL, RGB (0xebdbe8), RGB (0), 0, 0 },
  [SM_BASEMAP_FARMLAND]    = { DRAW_FILL, RGB (0xeef0d5), RGB (0), 0, 0 },
  [SM_BASEMAP_CEMETERY]    = { DRAW_FILL, RGB (0xaacbaf), RGB (0), 0, 0 },
  [SM_BASEMAP_BUILDING]    = { DRAW_FILL, RGB (0xd9d0c9), RGB (0xc4b6ab), 0, 0 },
  [SM_BASEMAP_RIVER]       = { DRAW_LINE, RGB (0xaad3df), RGB (0), 7, 0 },
  [SM_BASEMAP_STREAM]      = { DRAW_LINE, RGB (0xaad3df), RGB (0), 2.5, 0 },
  [SM_BASEMAP_RAIL]        = { DRAW_LINE, RGB (0x8a8a8a), RGB (0), 2.5, 0 },
  [SM_BASEMAP_MOTORWAY]    = { DRAW_LINE, RGB (0xe892a2), RGB (0xc24e6b), 13, 13 },
  [SM_BASEMAP_TRUNK]       = { DRAW_LINE, RGB (0xf9b29c), RGB (0xc84e2f), 12, 13 },
  [SM_BASEMAP_PRIMARY]     = { DRAW_LINE, RGB (0xfcd6a4), RGB (0xa06b00), 11, 14 },
  [SM_BASEMAP_SECONDARY]   = { DRAW_LINE, RGB (0xf7fabf), RGB (0x707d05), 10, 14 },
  [SM_BASEMAP_TERTIARY]    = { DRAW_LINE, RGB (0xffffff), RGB (0x8f8f8f), 9, 15 },
  [SM_BASEMAP_MINOR]       = { DRAW_LINE, RGB (0xffffff), RGB (0xaaaaaa), 7, 15 },
  [SM_BASEMAP_SERVICE]     = { DRAW_LINE, RGB (0xffffff), RGB (0xb5b5b5), 3.5, 17 },
  [SM_BASEMAP_PATH]        = { DRAW_LINE, RGB (0xfa8072), RGB (0), 1.2, 0 },
};

/* Back to front. */
static const SmBasemapClass area_order[] = {
  SM_BASEMAP_FARMLAND, SM_BASEMAP_RESIDENTIAL, SM_BASEMAP_INDUSTRIAL, SM_BASEMAP_CEMETERY,
  SM_BASEMAP_GRASS, SM_BASEMAP_FOREST, SM_BASEMAP_WATER,
};
static const SmBasemapClass road_order[] = {
  SM_BASEMAP_PATH, SM_BASEMAP_SERVICE, SM_BASEMAP_MINOR, SM_BASEMAP_TERTIARY,
  SM_BASEMAP_SECONDARY, SM_BASEMAP_PRIMARY, SM_BASEMAP_TRUNK, SM_BASEMAP_MOTORWAY,
};

typedef struct {
  SmBasemapClass klass;
  char          *name;
  double         x0, y0, x1, y1;   /* where it goes: a segment, or a point (x0, y0) */
} Label;

struct _SmTileRenderer
{
  GObject        parent_instance;

  SmBasemapReader *reader;
  PangoFontMap  *font_map;
  PangoContext  *context;
  PangoFontDescription *road_font;
  PangoFontDescription *place_font;

  /* scratch, reused from tile to tile */
  GArray        *paths[SM_BASEMAP_N_CLASSES];   /* cairo_path_data_t */
  GArray        *labels;                        /* Label */
  GArray        *placed;                        /* cairo_rectangle_t */
};

G_DEFINE_FINAL_TYPE (SmTileRenderer, sm_tile_renderer, G_TYPE_OBJECT)

static void
label_clear (Label *label)
{
  g_free (label->name);
}

static void
sm_tile_renderer_finalize (GObject *object)
{
  SmTileRenderer *self = SM_TILE_RENDERER (object);

  g_clear_pointer (&self->reader, sm_basemap_reader_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  pango_font_description_free (self->road_font);
  pango_font_description_free (self->place_font);
  for (guint i = 0; i < SM_BASEMAP_N_CLASSES; i++)
    g_array_unref (self->paths[i]);
  g_array_unref (self->labels);
  g_array_unref (self->placed);

  G_OBJECT_CLASS (sm_tile_renderer_parent_class)->finalize (object);
}

static void
sm_tile_renderer_class_init (SmTileRendererClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_tile_renderer_finalize;
}

static void
sm_tile_renderer_init (SmTileRenderer *self)
{
  for (guint i = 0; i < SM_BASEMAP_N_CLASSES; i++)
    self->paths[i] = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));
  self->labels = g_array_new (FALSE, FALSE, sizeof (Label));
  g_array_set_clear_func (self->labels, (GDestroyNotify) label_clear);
  self->placed = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  self->road_font = pango_font_description_from_string ("DejaVu Sans 8");
  self->place_font = pango_font_description_from_string ("DejaVu Sans Bold 10");
}

/**
 * sm_tile_renderer_new:
 *
 * Opens @db_path read-only for drawing its basemap.
 */
SmTileRenderer *
sm_tile_renderer_new (const char  *db_path,
                      GError     **error)
{
  g_autoptr(SmTileRenderer) self = g_object_new (SM_TYPE_TILE_RENDERER, NULL);

  g_return_val_if_fail (db_path != NULL, NULL);

  self->reader = sm_basemap_reader_open (db_path, error);
  if (self->reader == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

static inline guint32
read_u32 (const guint8 *p)
{
  guint32 v;

  memcpy (&v, p, sizeof v);
  return GUINT32_FROM_LE (v);
}

static inline void
path_add (GArray               *path,
          cairo_path_data_type_t type,
          double                 x,
          double                 y)
{
  cairo_path_data_t data[2];

  data[0].header.type = type;
  data[0].header.length = 2;
  data[1].point.x = x;
  data[1].point.y = y;
  g_array_append_vals (path, data, 2);
}

typedef struct {
  int    z;
  double origin_x, origin_y;    /* the tile's corner in world units */
  double scale;                 /* pixels per world unit */
} TileFrame;

/* Adds the parts of one packed geometry to @path in tile pixels. For lines
 * with a label, remembers the longest segment that lies inside the tile. */
static void
add_geometry (const TileFrame *frame,
              const guint8    *blob,
              gsize            size,
              gboolean         closed,
              GArray          *path,
              Label           *label)
{
  const guint8 *p = blob, *end = blob + size;
  guint32 n_parts;
  double best = 0;

  if (size < 4)
    return;
  n_parts = read_u32 (p);
  p += 4;
  for (guint32 part = 0; part < n_parts && p + 4 <= end; part++)
    {
      guint32 n = read_u32 (p);
      double last_x = 0, last_y = 0, min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
      double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      guint start = path->len;

      p += 4;
      if (p + (gsize) n * 8 > end)
        return;
      for (guint32 i = 0; i < n; i++, p += 8)
        {
          double x = read_u32 (p) * frame->scale - frame->origin_x;
          double y = read_u32 (p + 4) * frame->scale - frame->origin_y;

          if (i > 0 && i + 1 < n && fabs (x - last_x) < 0.6 && fabs (y - last_y) < 0.6)
            continue;
          path_add (path, i == 0 ? CAIRO_PATH_MOVE_TO : CAIRO_PATH_LINE_TO, x, y);
          if (label != NULL && i > 0 &&
              MIN (x, last_x) >= 2 && MAX (x, last_x) <= SM_TILE_SIZE - 2 &&
              MIN (y, last_y) >= 2 && MAX (y, last_y) <= SM_TILE_SIZE - 2)
            {
              double length = hypot (x - last_x, y - last_y);

              if (length > best)
                {
                  best = length;
                  label->x0 = last_x;
                  label->y0 = last_y;
                  label->x1 = x;
                  label->y1 = y;
                }
            }
          last_x = x;
          last_y = y;
          min_x = MIN (min_x, x);
          max_x = MAX (max_x, x);
          min_y = MIN (min_y, y);
          max_y = MAX (max_y, y);
        }
      if (closed)
        {
          /* An area smaller than a pixel shows nothing: leave it out. */
          if (max_x - min_x < 1.0 && max_y - min_y < 1.0)
            {
              g_array_set_size (path, start);
              continue;
            }
          cairo_path_data_t close = { .header = { CAIRO_PATH_CLOSE_PATH, 1 } };
          g_array_append_val (path, close);
        }
    }
}

static double
line_width (const Style *style,
            int          z)
{
  return MAX (0.6, style->width16 * pow (2.0, (z - 16) * 0.75));
}

static void
append_path (cairo_t *cr,
             GArray  *data)
{
  cairo_path_t path = {
    .status = CAIRO_STATUS_SUCCESS,
    .data = (cairo_path_data_t *) data->data,
    .num_data = (int) data->len,
  };

  cairo_new_path (cr);
  cairo_append_path (cr, &path);
}

static void
draw_areas (SmTileRenderer *self,
            cairo_t        *cr,
            int             z)
{
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < G_N_ELEMENTS (area_order); i++)
    {
      GArray *path = self->paths[area_order[i]];
      const Style *style = &styles[area_order[i]];

      if (path->len == 0)
        continue;
      append_path (cr, path);
      cairo_set_source_rgb (cr, style->fill.r, style->fill.g, style->fill.b);
      cairo_fill (cr);
    }
}

static void
draw_lines (cairo_t     *cr,
            GArray      *path,
            const Style *style,
            int          z,
            gboolean     casing)
{
  double width = line_width (style, z);

  if (path->len == 0)
    return;
  append_path (cr, path);
  if (casing)
    {
      cairo_set_source_rgb (cr, style->casing.r, style->casing.g, style->casing.b);
      cairo_set_line_width (cr, width + (z >= 15 ? 2.0 : 1.2));
    }
  else
    {
      cairo_set_source_rgb (cr, style->fill.r, style->fill.g, style->fill.b);
      cairo_set_line_width (cr, width);
    }
  cairo_stroke (cr);
}

static void
draw_network (SmTileRenderer *self,
              cairo_t        *cr,
              int             z)
{
  const Style *building = &styles[SM_BASEMAP_BUILDING];
  GArray *rail = self->paths[SM_BASEMAP_RAIL];

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_lines (cr, self->paths[SM_BASEMAP_STREAM], &styles[SM_BASEMAP_STREAM], z, FALSE);
  draw_lines (cr, self->paths[SM_BASEMAP_RIVER], &styles[SM_BASEMAP_RIVER], z, FALSE);

  if (self->paths[SM_BASEMAP_BUILDING]->len > 0)
    {
      append_path (cr, self->paths[SM_BASEMAP_BUILDING]);
      cairo_set_source_rgb (cr, building->fill.r, building->fill.g, building->fill.b);
      if (z >= 15)
        {
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, building->casing.r, building->casing.g, building->casing.b);
          cairo_set_line_width (cr, 0.7);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }

  /* Paths have no casing; every other road a casing under its fill, the
   * minor ones first so junctions of major roads stay clean. */
  for (guint i = 1; i < G_N_ELEMENTS (road_order); i++)
    draw_lines (cr, self->paths[road_order[i]], &styles[road_order[i]], z, TRUE);
  if (z >= 15)
    {
      static const double dash[] = { 2.0, 2.0 };

      cairo_set_dash (cr, dash, 2, 0);
      draw_lines (cr, self->paths[SM_BASEMAP_PATH], &styles[SM_BASEMAP_PATH], z, FALSE);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 1; i < G_N_ELEMENTS (road_order); i++)
    draw_lines (cr, self->paths[road_order[i]], &styles[road_order[i]], z, FALSE);

  draw_lines (cr, rail, &styles[SM_BASEMAP_RAIL], z, FALSE);
  if (z >= 14 && rail->len > 0)
    {
      static const double dash[] = { 6.0, 6.0 };

      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, line_width (&styles[SM_BASEMAP_RAIL], z) * 0.5);
      append_path (cr, rail);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static gboolean
overlaps_placed (SmTileRenderer          *self,
                 const cairo_rectangle_t *box)
{
  for (guint i = 0; i < self->placed->len; i++)
    {
      const cairo_rectangle_t *o = &g_array_index (self->placed, cairo_rectangle_t, i);

      if (box->x < o->x + o->width && o->x < box->x + box->width &&
          box->y < o->y + o->height && o->y < box->y + box->height)
        return TRUE;
    }
  return FALSE;
}

static void
show_with_halo (cairo_t     *cr,
                PangoLayout *layout,
                const Rgb   *color)
{
  double x, y;

  cairo_get_current_point (cr, &x, &y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  cairo_set_source_rgb (cr, color->r, color->g, color->b);
  pango_cairo_show_layout (cr, layout);
}

/* Names are drawn only where they fit whole inside the tile, so no name is
 * ever cut at a tile edge. Places first, then roads from the major down. */
static void
draw_labels (SmTileRenderer *self,
             cairo_t        *cr,
             int             z)
{
  static const Rgb road_text = RGB (0x333333), place_text = RGB (0x222222);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  pango_cairo_update_context (cr, self->context);
  layout = pango_layout_new (self->context);
  g_array_set_size (self->placed, 0);

  pango_layout_set_font_description (layout, self->place_font);
  for (guint i = 0; i < self->labels->len; i++)
    {
      Label *label = &g_array_index (self->labels, Label, i);
      cairo_rectangle_t box;
      int w, h;

      if (label->klass != SM_BASEMAP_PLACE)
        continue;
      pango_layout_set_text (layout, label->name, -1);
      pango_layout_get_pixel_size (layout, &w, &h);
      box = (cairo_rectangle_t) { label->x0 - w / 2.0, label->y0 - h / 2.0, w, h };
      if (box.x < 1 || box.y < 1 || box.x + w > SM_TILE_SIZE - 1 ||
          box.y + h > SM_TILE_SIZE - 1 || overlaps_placed (self, &box))
        continue;
      g_array_append_val (self->placed, box);
      cairo_move_to (cr, box.x, box.y);
      show_with_halo (cr, layout, &place_text);
    }

  pango_font_description_set_absolute_size (self->road_font,
                                            (z >= 17 ? 10.5 : z >= 16 ? 9.5 : 8.5) * PANGO_SCALE);
  pango_layout_set_font_description (layout, self->road_font);
  for (guint k = G_N_ELEMENTS (road_order); k-- > 0;)
    for (guint i = 0; i < self->labels->len; i++)
      {
        Label *label = &g_array_index (self->labels, Label, i);
        double dx = label->x1 - label->x0, dy = label->y1 - label->y0;
        double length = hypot (dx, dy), angle, cx, cy, half_w, half_h;
        cairo_rectangle_t box;
        int w, h;

        if (label->klass != road_order[k] || length < 20 ||
            g_hash_table_contains (seen, label->name))
          continue;
        pango_layout_set_text (layout, label->name, -1);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (w > length * 0.95)
          continue;
        angle = atan2 (dy, dx);
        if (angle > G_PI / 2)
          angle -= G_PI;
        else if (angle < -G_PI / 2)
          angle += G_PI;
        cx = (label->x0 + label->x1) / 2;
        cy = (label->y0 + label->y1) / 2;
        half_w = (fabs (cos (angle)) * w + fabs (sin (angle)) * h) / 2;
        half_h = (fabs (sin (angle)) * w + fabs (cos (angle)) * h) / 2;
        box = (cairo_rectangle_t) { cx - half_w, cy - half_h, 2 * half_w, 2 * half_h };
        if (box.x < 1 || box.y < 1 || box.x + box.width > SM_TILE_SIZE - 1 ||
            box.y + box.height > SM_TILE_SIZE - 1 || overlaps_placed (self, &box))
          continue;
        g_array_append_val (self->placed, box);
        g_hash_table_add (seen, label->name);
        cairo_save (cr);
        cairo_translate (cr, cx, cy);
        cairo_rotate (cr, angle);
        cairo_move_to (cr, -w / 2.0, -h / 2.0);
        show_with_halo (cr, layout, &road_text);
        cairo_restore (cr);
      }
}

typedef struct {
  SmTileRenderer  *self;
  const TileFrame *frame;
} Collect;

static void
collect_feature (int           klass,
                 const char   *name,
                 const guint8 *blob,
                 gsize         size,
                 gpointer      user_data)
{
  Collect *c = user_data;
  SmTileRenderer *self = c->self;
  const TileFrame *frame = c->frame;
  const Style *style;

  if (klass <= SM_BASEMAP_NONE || klass >= SM_BASEMAP_N_CLASSES || blob == NULL)
    return;
  style = &styles[klass];
  if (klass == SM_BASEMAP_PLACE)
    {
      Label label = { SM_BASEMAP_PLACE, NULL };

      if (name == NULL || size < 16)
        return;
      label.name = g_strdup (name);
      label.x0 = read_u32 (blob + 8) * frame->scale - frame->origin_x;
      label.y0 = read_u32 (blob + 12) * frame->scale - frame->origin_y;
      g_array_append_val (self->labels, label);
    }
  else if (name != NULL && style->label_zoom > 0 && frame->z >= style->label_zoom)
    {
      Label label = { klass, NULL };

      add_geometry (frame, blob, size, FALSE, self->paths[klass], &label);
      if (label.x0 != label.x1 || label.y0 != label.y1)
        {
          label.name = g_strdup (name);
          g_array_append_val (self->labels, label);
        }
    }
  else
    add_geometry (frame, blob, size, style->kind == DRAW_FILL, self->paths[klass], NULL);
}

static gboolean
collect (SmTileRenderer   *self,
         const TileFrame  *frame,
         GError          **error)
{
  double west, south, east, north, n, tx, ty, pad = MARGIN / SM_TILE_SIZE;
  Collect c = { self, frame };

  for (guint i = 0; i < SM_BASEMAP_N_CLASSES; i++)
    g_array_set_size (self->paths[i], 0);
  g_array_set_size (self->labels, 0);

  n = (double) (1 << frame->z);
  tx = frame->origin_x / SM_TILE_SIZE;
  ty = frame->origin_y / SM_TILE_SIZE;
  sm_mercator_to_lonlat ((tx - pad) / n, (ty + 1 + pad) / n, &west, &south);
  sm_mercator_to_lonlat ((tx + 1 + pad) / n, (ty - pad) / n, &east, &north);

  return sm_basemap_reader_each (self->reader, west, south, east, north, frame->z,
                                 collect_feature, &c, error);
}

/**
 * sm_tile_renderer_draw:
 *
 * Draws tile @x, @y of zoom @z into the 256 × 256 pixels at the origin of
 * @cr.
 */
gboolean
sm_tile_renderer_draw (SmTileRenderer  *self,
                       cairo_t         *cr,
                       int              z,
                       int              x,
                       int              y,
                       GError         **error)
{
  TileFrame frame;

  g_return_val_if_fail (SM_IS_TILE_RENDERER (self), FALSE);

  if (z < 0 || z > 22 || x < 0 || y < 0 || x >= (1 << z) || y >= (1 << z))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("There is no tile %d/%d/%d: zoom runs from 0 to 22 and x and y "
                     "from 0 to 2^zoom − 1"), z, x, y);
      return FALSE;
    }
  frame.z = z;
  frame.scale = ldexp (1.0, z + 8 - SM_BASEMAP_WORLD_BITS);
  frame.origin_x = (double) x * SM_TILE_SIZE;
  frame.origin_y = (double) y * SM_TILE_SIZE;
  if (!collect (self, &frame, error))
    return FALSE;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, SM_TILE_SIZE, SM_TILE_SIZE);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0xf2 / 255.0, 0xef / 255.0, 0xe9 / 255.0);
  cairo_paint (cr);
  draw_areas (self, cr, z);
  draw_network (self, cr, z);
  if (z >= LABEL_MIN_ZOOM - 4)
    draw_labels (self, cr, z);
  cairo_restore (cr);
  return TRUE;
}

/**
 * sm_tile_renderer_render_png:
 *
 * Returns: (transfer full): the tile as a PNG file's bytes
 */
GBytes *
sm_tile_renderer_render_png (SmTileRenderer  *self,
                             int              z,
                             int              x,
                             int              y,
                             GError         **error)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                                         SM_TILE_SIZE, SM_TILE_SIZE);
  cairo_t *cr = cairo_create (surface);
  gboolean ok = sm_tile_renderer_draw (self, cr, z, x, y, error);
  GBytes *png = NULL;

  cairo_destroy (cr);
  if (ok)
    {
      cairo_surface_flush (surface);
      png = sm_png_encode (surface);
    }
  cairo_surface_destroy (surface);
  return png;
}
