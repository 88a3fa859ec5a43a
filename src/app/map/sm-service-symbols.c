#include "config.h"

#include <math.h>

#include "sm-service-symbols.h"

struct _SmServiceSymbols
{
  GHashTable *textures;  /* key_of () → GdkTexture */
};

SmServiceSymbols *
sm_service_symbols_new (void)
{
  SmServiceSymbols *self = g_new0 (SmServiceSymbols, 1);

  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  return self;
}

void
sm_service_symbols_free (SmServiceSymbols *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->textures);
  g_free (self);
}

/* A look as one number, asked for each symbol of each frame: what is
 * drawn (a symbol, or the overdue badge), the branch, the number shown
 * and the scale. */
static gpointer
key_of (guint       what,
        const char *branch,
        guint       n,
        int         scale)
{
  guint b = g_strcmp0 (branch, "basic") == 0 ? 1 : g_strcmp0 (branch, "specialised") == 0 ? 2 : branch ? 3 : 0;

  return GUINT_TO_POINTER ((what & 0x1f) << 24 | b << 20 | MIN (n, 255) << 8 | (guint) CLAMP (scale, 1, 255));
}

#define OVERDUE_BADGE 0x10

static void
branch_rgb (const char *branch,
            double     *r,
            double     *g,
            double     *b)
{
  if (g_strcmp0 (branch, "basic") == 0)
    *r = 0.10, *g = 0.45, *b = 0.70;
  else if (g_strcmp0 (branch, "specialised") == 0)
    *r = 0.40, *g = 0.25, *b = 0.60;
  else
    *r = 0.85, *g = 0.45, *b = 0.05;
}

/* A regular polygon of n corners round (x, y), the first at the angle. */
static void
polygon (cairo_t *cr,
         double   x,
         double   y,
         double   radius,
         int      n,
         double   first_angle)
{
  for (int i = 0; i < n; i++)
    {
      double a = first_angle + 2 * G_PI * i / n;

      if (i == 0)
        cairo_move_to (cr, x + radius * cos (a), y + radius * sin (a));
      else
        cairo_line_to (cr, x + radius * cos (a), y + radius * sin (a));
    }
  cairo_close_path (cr);
}

static void
rounded_square (cairo_t *cr,
                double   x,
                double   y,
                double   half,
                double   corner)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + half - corner, y - half + corner, corner, -G_PI / 2, 0);
  cairo_arc (cr, x + half - corner, y + half - corner, corner, 0, G_PI / 2);
  cairo_arc (cr, x - half + corner, y + half - corner, corner, G_PI / 2, G_PI);
  cairo_arc (cr, x - half + corner, y - half + corner, corner, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The shape's outline, to be filled with the rim and again, inset, with
 * the colour: r is the half size. */
static void
shape (cairo_t         *cr,
       SmServiceSymbol  symbol,
       double           x,
       double           y,
       double           r)
{
  switch (symbol)
    {
    case SM_SERVICE_SYMBOL_CHILDREN:
      /* A house: a square under a roof. */
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y - 0.1 * r);
      cairo_line_to (cr, x + 0.8 * r, y - 0.1 * r);
      cairo_line_to (cr, x + 0.8 * r, y + 0.85 * r);
      cairo_line_to (cr, x - 0.8 * r, y + 0.85 * r);
      cairo_line_to (cr, x - 0.8 * r, y - 0.1 * r);
      cairo_line_to (cr, x - r, y - 0.1 * r);
      cairo_close_path (cr);
      break;
    case SM_SERVICE_SYMBOL_ELDERLY:
      polygon (cr, x, y, r * 1.12, 4, -G_PI / 2);
      break;
    case SM_SERVICE_SYMBOL_DISABILITY:
      polygon (cr, x, y + 0.2 * r, r * 1.15, 3, -G_PI / 2);
      break;
    case SM_SERVICE_SYMBOL_HOMELESS:
      polygon (cr, x, y - 0.2 * r, r * 1.15, 3, G_PI / 2);
      break;
    case SM_SERVICE_SYMBOL_MENTAL:
      polygon (cr, x, y, r, 6, 0);
      break;
    case SM_SERVICE_SYMBOL_OTHER:
      polygon (cr, x, y, r, 8, G_PI / 8);
      break;
    case SM_SERVICE_SYMBOL_GROUP:
      rounded_square (cr, x, y, r, r * 0.35);
      break;
    case SM_SERVICE_SYMBOL_FAMILY:
    default:
      rounded_square (cr, x, y, r * 0.85, r * 0.2);
      break;
    }
}

/**
 * sm_service_symbols_draw:
 * @x: (centre)
 * @n_services: for the group's number
 *
 * Draws a symbol centred at (x, y), SM_SERVICE_SYMBOL_SIZE across.
 */
void
sm_service_symbols_draw (cairo_t         *cr,
                         double           x,
                         double           y,
                         SmServiceSymbol  symbol,
                         const char      *branch,
                         guint            n_services)
{
  double half = SM_SERVICE_SYMBOL_SIZE / 2.0 - 1, r, g, b;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  shape (cr, symbol, x, y, half - 1.5);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 3);
  cairo_stroke_preserve (cr);
  if (symbol == SM_SERVICE_SYMBOL_GROUP)
    r = g = b = 0.20;
  else
    branch_rgb (branch, &r, &g, &b);
  cairo_set_source_rgb (cr, r, g, b);
  cairo_fill (cr);
  if (symbol == SM_SERVICE_SYMBOL_GROUP)
    {
      g_autofree char *text = n_services > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", n_services);
      cairo_text_extents_t ext;

      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, n_services > 9 ? 9 : 11);
      cairo_text_extents (cr, text, &ext);
      cairo_move_to (cr, x - ext.width / 2 - ext.x_bearing, y - ext.height / 2 - ext.y_bearing);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_show_text (cr, text);
    }
  cairo_restore (cr);
}

static GdkTexture *
texture_of (cairo_surface_t *surface,
            int              px)
{
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) cairo_image_surface_get_stride (surface) * px);
  texture = gdk_memory_texture_new (px, px, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

/**
 * sm_service_symbols_get_overdue:
 * @n_overdue: referrals to services there not answered in time
 *
 * Returns: (transfer none): a red badge with their number,
 *   SM_SERVICE_BADGE_SIZE × @scale pixels square
 */
GdkTexture *
sm_service_symbols_get_overdue (SmServiceSymbols *self,
                                guint             n_overdue,
                                int               scale)
{
  gpointer key = key_of (OVERDUE_BADGE, NULL, MIN (n_overdue, 10), scale);
  GdkTexture *texture = g_hash_table_lookup (self->textures, key);

  if (texture == NULL)
    {
      int px = SM_SERVICE_BADGE_SIZE * scale;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *text = n_overdue > 9 ? g_strdup ("9+") : g_strdup_printf ("%u", n_overdue);
      double c = SM_SERVICE_BADGE_SIZE / 2.0;
      cairo_text_extents_t ext;

      cairo_scale (cr, scale, scale);
      cairo_arc (cr, c, c, c - 1, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      cairo_arc (cr, c, c, c - 2.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.78, 0.11, 0.16);
      cairo_fill (cr);
      cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
      cairo_set_font_size (cr, 8);
      cairo_text_extents (cr, text, &ext);
      cairo_move_to (cr, c - ext.width / 2 - ext.x_bearing, c - ext.height / 2 - ext.y_bearing);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_show_text (cr, text);
      cairo_destroy (cr);
      texture = texture_of (surface, px);
      g_hash_table_insert (self->textures, key, texture);
    }
  return texture;
}

/**
 * sm_service_symbols_get:
 * @scale: the widget's scale factor
 *
 * Returns: (transfer none): the symbol's texture, SM_SERVICE_SYMBOL_SIZE
 *   × @scale pixels square
 */
GdkTexture *
sm_service_symbols_get (SmServiceSymbols *self,
                        SmServiceSymbol   symbol,
                        const char       *branch,
                        guint             n_services,
                        int               scale)
{
  gpointer key;
  GdkTexture *texture;

  if (symbol != SM_SERVICE_SYMBOL_GROUP)
    n_services = 1;
  else
    branch = NULL;
  key = key_of (symbol, branch, MIN (n_services, 100), scale);
  texture = g_hash_table_lookup (self->textures, key);
  if (texture == NULL)
    {
      int px = SM_SERVICE_SYMBOL_SIZE * scale;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, px, px);
      cairo_t *cr = cairo_create (surface);

      cairo_scale (cr, scale, scale);
      sm_service_symbols_draw (cr, SM_SERVICE_SYMBOL_SIZE / 2.0, SM_SERVICE_SYMBOL_SIZE / 2.0, symbol, branch,
                               n_services);
      cairo_destroy (cr);
      texture = texture_of (surface, px);
      g_hash_table_insert (self->textures, key, texture);
    }
  return texture;
}
