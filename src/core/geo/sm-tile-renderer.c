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
#include "sm-label-plan.h"

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


struct _SmTileRenderer
{
  GObject        parent_instance;

  SmBasemapReader *reader;
  PangoFontMap  *font_map;
  PangoContext  *context;
  PangoFontDescription *road_font;
  PangoFontDescription *place_font;

  /* scratch, reused from tile to tile */
  GArray        *paths[SM_BASEMAP_N_CLASSES];   /* cairo_path_data_t, on the ground */
  GArray        *below[SM_BASEMAP_N_CLASSES];   /* tunnels, layer < 0 */
  GArray        *above[SM_BASEMAP_N_CLASSES];   /* bridges, layer > 0 */

  /* Where names go, per metatile, the latest few */
  SmLabelStyle   label_style;
  int            label_zoom[SM_BASEMAP_N_CLASSES];
  int            label_priority[SM_BASEMAP_N_CLASSES];
  GHashTable    *plans;                         /* "z/mx/my" → SmLabelPlan */
  GQueue        *plan_order;                    /* keys, oldest first */
};

#define N_PLANS 12
/* How far a name reaches from its middle, in pixels: the plans of the
 * metatiles within it are asked for a tile's names. */
#define LABEL_REACH 160.0

G_DEFINE_FINAL_TYPE (SmTileRenderer, sm_tile_renderer, G_TYPE_OBJECT)

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
    {
      g_array_unref (self->paths[i]);
      g_array_unref (self->below[i]);
      g_array_unref (self->above[i]);
    }
  g_hash_table_unref (self->plans);
  g_queue_free_full (self->plan_order, g_free);

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
    {
      self->paths[i] = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));
      self->below[i] = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));
      self->above[i] = g_array_new (FALSE, FALSE, sizeof (cairo_path_data_t));
    }
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  self->road_font = pango_font_description_from_string ("DejaVu Sans 8");
  self->place_font = pango_font_description_from_string ("DejaVu Sans Bold 10");
  self->plans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) sm_label_plan_free);
  self->plan_order = g_queue_new ();
  for (guint i = 0; i < SM_BASEMAP_N_CLASSES; i++)
    {
      self->label_zoom[i] = styles[i].label_zoom;
      self->label_priority[i] = 100;
    }
  self->label_priority[SM_BASEMAP_PLACE] = 0;
  for (guint i = 0; i < G_N_ELEMENTS (road_order); i++)
    self->label_priority[road_order[i]] = (int) (G_N_ELEMENTS (road_order) - i);
  self->label_style = (SmLabelStyle) { self->label_zoom, self->label_priority, self->context,
                                       self->place_font, self->road_font };
}

/* The plan of metatile @mx, @my at @z, from the cache or made now. */
static const SmLabelPlan *
get_plan (SmTileRenderer  *self,
          int              z,
          int              mx,
          int              my,
          GError         **error)
{
  g_autofree char *key = g_strdup_printf ("%d/%d/%d", z, mx, my);
  SmLabelPlan *plan = g_hash_table_lookup (self->plans, key);

  if (plan != NULL)
    return plan;
  plan = sm_label_plan_build (self->reader, &self->label_style, z, mx, my, error);
  if (plan == NULL)
    return NULL;
  if (g_queue_get_length (self->plan_order) >= N_PLANS)
    {
      g_autofree char *oldest = g_queue_pop_head (self->plan_order);

      g_hash_table_remove (self->plans, oldest);
    }
  g_queue_push_tail (self->plan_order, g_strdup (key));
  g_hash_table_insert (self->plans, g_steal_pointer (&key), plan);
  return plan;
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

/* Adds the parts of one packed geometry to @path in tile pixels. */
static void
add_geometry (const TileFrame *frame,
              const guint8    *blob,
              gsize            size,
              gboolean         closed,
              GArray          *path)
{
  const guint8 *p = blob, *end = blob + size;
  guint32 n_parts;

  if (size < 4)
    return;
  n_parts = sm_basemap_read_u32 (p);
  p += 4;
  for (guint32 part = 0; part < n_parts && p + 4 <= end; part++)
    {
      guint32 n = sm_basemap_read_u32 (p);
      double last_x = 0, last_y = 0, min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE;
      double min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      guint start = path->len;

      p += 4;
      if (p + (gsize) n * 8 > end)
        return;
      for (guint32 i = 0; i < n; i++, p += 8)
        {
          double x = sm_basemap_read_u32 (p) * frame->scale - frame->origin_x;
          double y = sm_basemap_read_u32 (p + 4) * frame->scale - frame->origin_y;

          if (i > 0 && i + 1 < n && fabs (x - last_x) < 0.6 && fabs (y - last_y) < 0.6)
            continue;
          path_add (path, i == 0 ? CAIRO_PATH_MOVE_TO : CAIRO_PATH_LINE_TO, x, y);
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

/* Casings, then fills of every road class in @paths, minor first so the
 * junctions of major roads stay clean; paths dashed; rails. @bridge: the
 * casings dark and wider, as bridges over what is below. */
static void
draw_roads (GArray   **paths,
            cairo_t   *cr,
            int        z,
            gboolean   bridge)
{
  GArray *rail = paths[SM_BASEMAP_RAIL];

  for (guint i = 1; i < G_N_ELEMENTS (road_order); i++)
    {
      const Style *style = &styles[road_order[i]];

      if (bridge && paths[road_order[i]]->len > 0)
        {
          append_path (cr, paths[road_order[i]]);
          cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
          cairo_set_line_width (cr, line_width (style, z) + (z >= 15 ? 4.0 : 2.0));
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          cairo_stroke (cr);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        }
      else
        draw_lines (cr, paths[road_order[i]], style, z, TRUE);
    }
  if (z >= 15)
    {
      static const double dash[] = { 2.0, 2.0 };

      cairo_set_dash (cr, dash, 2, 0);
      draw_lines (cr, paths[SM_BASEMAP_PATH], &styles[SM_BASEMAP_PATH], z, FALSE);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  for (guint i = 1; i < G_N_ELEMENTS (road_order); i++)
    draw_lines (cr, paths[road_order[i]], &styles[road_order[i]], z, FALSE);

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

/* Tunnels: under the buildings, a dashed casing and a pale fill. */
static void
draw_tunnels (GArray  **paths,
              cairo_t  *cr,
              int       z)
{
  static const double dash[] = { 4.0, 3.0 };

  for (guint i = 1; i < G_N_ELEMENTS (road_order); i++)
    {
      const Style *style = &styles[road_order[i]];
      double width = line_width (style, z);

      if (paths[road_order[i]]->len == 0)
        continue;
      append_path (cr, paths[road_order[i]]);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, style->casing.r, style->casing.g, style->casing.b);
      cairo_set_line_width (cr, width + (z >= 15 ? 2.0 : 1.2));
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgb (cr, (style->fill.r + 2) / 3, (style->fill.g + 2) / 3, (style->fill.b + 2) / 3);
      cairo_set_line_width (cr, width * 0.8);
      cairo_stroke (cr);
    }
  draw_lines (cr, paths[SM_BASEMAP_RAIL], &styles[SM_BASEMAP_RAIL], z, FALSE);
}

static void
draw_network (SmTileRenderer *self,
              cairo_t        *cr,
              int             z)
{
  const Style *building = &styles[SM_BASEMAP_BUILDING];

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  /* Water in a culvert (below the ground) is not drawn. */
  draw_lines (cr, self->paths[SM_BASEMAP_STREAM], &styles[SM_BASEMAP_STREAM], z, FALSE);
  draw_lines (cr, self->paths[SM_BASEMAP_RIVER], &styles[SM_BASEMAP_RIVER], z, FALSE);
  draw_tunnels (self->below, cr, z);

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

  draw_roads (self->paths, cr, z, FALSE);
  draw_lines (cr, self->above[SM_BASEMAP_STREAM], &styles[SM_BASEMAP_STREAM], z, FALSE);
  draw_lines (cr, self->above[SM_BASEMAP_RIVER], &styles[SM_BASEMAP_RIVER], z, FALSE);
  draw_roads (self->above, cr, z, TRUE);
}

typedef struct {
  SmTileRenderer  *self;
  const TileFrame *frame;
} Collect;

static void
collect_feature (int           klass,
                 int           level,
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
  /* Places are names only, drawn from the label plans. */
  if (klass == SM_BASEMAP_PLACE)
    return;
  /* Lines by level: tunnels under the buildings, bridges over the roads;
   * areas all on the ground. */
  add_geometry (frame, blob, size, style->kind == DRAW_FILL,
                style->kind == DRAW_LINE && level < 0 ? self->below[klass]
                : style->kind == DRAW_LINE && level > 0 ? self->above[klass] : self->paths[klass]);
}

static gboolean
collect (SmTileRenderer   *self,
         const TileFrame  *frame,
         GError          **error)
{
  double west, south, east, north, n, tx, ty, pad = MARGIN / SM_TILE_SIZE;
  Collect c = { self, frame };

  for (guint i = 0; i < SM_BASEMAP_N_CLASSES; i++)
    {
      g_array_set_size (self->paths[i], 0);
      g_array_set_size (self->below[i], 0);
      g_array_set_size (self->above[i], 0);
    }

  n = (double) (1 << frame->z);
  tx = frame->origin_x / SM_TILE_SIZE;
  ty = frame->origin_y / SM_TILE_SIZE;
  sm_mercator_to_lonlat ((tx - pad) / n, (ty + 1 + pad) / n, &west, &south);
  sm_mercator_to_lonlat ((tx + 1 + pad) / n, (ty - pad) / n, &east, &north);

  return sm_basemap_reader_each (self->reader, west, south, east, north, frame->z,
                                 collect_feature, &c, error);
}

/* The names of every metatile within a name's reach of the tile. */
static gboolean
draw_labels (SmTileRenderer  *self,
             cairo_t         *cr,
             const TileFrame *frame,
             int              x,
             int              y,
             GError         **error)
{
  double side = SM_LABEL_METATILE * (double) SM_TILE_SIZE;
  int last = ((1 << frame->z) - 1) / SM_LABEL_METATILE;
  int mx0 = (int) floor ((frame->origin_x - LABEL_REACH) / side);
  int mx1 = (int) floor ((frame->origin_x + SM_TILE_SIZE + LABEL_REACH) / side);
  int my0 = (int) floor ((frame->origin_y - LABEL_REACH) / side);
  int my1 = (int) floor ((frame->origin_y + SM_TILE_SIZE + LABEL_REACH) / side);

  for (int my = MAX (my0, 0); my <= MIN (my1, last); my++)
    for (int mx = MAX (mx0, 0); mx <= MIN (mx1, last); mx++)
      {
        const SmLabelPlan *plan = get_plan (self, frame->z, mx, my, error);

        if (plan == NULL)
          return FALSE;
        sm_label_plan_draw (plan, &self->label_style, cr, frame->origin_x, frame->origin_y);
      }
  return TRUE;
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
  if (z >= LABEL_MIN_ZOOM - 4 && !draw_labels (self, cr, &frame, x, y, error))
    {
      cairo_restore (cr);
      return FALSE;
    }
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

/**
 * sm_tile_renderer_get_label_plan:
 *
 * Where the names of metatile @mx, @my (tiles x / SM_LABEL_METATILE,
 * y / SM_LABEL_METATILE) at @z go, as every tile of it and its
 * neighbours draws them.
 *
 * Returns: (transfer none) (nullable): the plan, valid until the next tile
 */
const SmLabelPlan *
sm_tile_renderer_get_label_plan (SmTileRenderer  *self,
                                 int              z,
                                 int              mx,
                                 int              my,
                                 GError         **error)
{
  g_return_val_if_fail (SM_IS_TILE_RENDERER (self), NULL);

  return get_plan (self, z, mx, my, error);
}
