#define G_LOG_DOMAIN "sm-case-layer"

#include "config.h"

#include "sm-context.h"

#include <math.h>
#include <string.h>

#include "sm-boundary.h"
#include "sm-case-layer.h"
#include "sm-mercator.h"
#include "sm-date.h"
#include "sm-query.h"
#include "sm-referral.h"
#include "sm-service-symbols.h"
#include "sm-case-layer-private.h"

/* Households the filter matches, services and settlement outlines.
 *
 * Cases and outlines are drawn into 256 px textures per tile of the nearest
 * whole zoom level and kept while the map pans; a frame only places the
 * visible textures (scaled between zoom levels), so its cost does not grow
 * with the number of households. Below zoom 16 the households of each
 * 40 px cell of the world grid become one bubble with their count; the grid
 * is global, so neighbouring tiles agree. A filter change drops the
 * textures; a change of one household drops only the tiles around it.
 * Names, services and the selection are drawn per frame: they are few. */

G_DEFINE_FINAL_TYPE (SmCaseLayer, sm_case_layer, SHUMATE_TYPE_LAYER)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
outline_free (Outline *outline)
{
  g_ptr_array_unref (outline->rings);
  g_free (outline->name);
  g_free (outline);
}

/* --- per frame -------------------------------------------------------- */

static void
snapshot_labels (SmCaseLayer *self,
                 GtkSnapshot *snapshot,
                 const View  *v)
{
  static const GdkRGBA ink = { 0.30, 0.28, 0.25, 0.85 };
  double unit_w = 2 * v->half_w / (v->world * v->scale);

  for (guint i = 0; i < self->outlines->len; i++)
    {
      Outline *o = g_ptr_array_index (self->outlines, i);
      double x, y;
      int tw, th;

      /* The town itself is named in the title; a neighbour only where its
       * name fits inside it. */
      if (o->home)
        continue;
      pango_layout_set_text (self->label_layout, o->name, -1);
      pango_layout_get_pixel_size (self->label_layout, &tw, &th);
      if ((o->east - o->west) / unit_w * 2 * v->half_w < tw * 1.5)
        continue;
      _sm_case_layer_view_to_widget (v, o->label_x * v->world, o->label_y * v->world, &x, &y);
      if (x < -tw || y < -th || x > 2 * v->half_w + tw || y > 2 * v->half_h + th)
        continue;
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (floor (x - tw / 2.0),
                                                              floor (y - th / 2.0)));
      gtk_snapshot_append_layout (snapshot, self->label_layout, &ink);
      gtk_snapshot_restore (snapshot);
    }
}

static void
snapshot_services (SmCaseLayer *self,
                   GtkSnapshot *snapshot,
                   const View  *v)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  const double half = SM_SERVICE_SYMBOL_SIZE / 2.0;

  if (self->symbols == NULL)
    self->symbols = sm_service_symbols_new ();
  for (guint i = 0; i < self->services->len; i++)
    {
      SmServicePoint *s = g_ptr_array_index (self->services, i);
      SmServiceSymbol symbol = sm_service_symbol_for_place (s->service_types, s->n_services);
      double ux, uy, x, y;

      sm_mercator_from_lonlat (s->lon, s->lat, &ux, &uy);
      _sm_case_layer_view_to_widget (v, ux * v->world, uy * v->world, &x, &y);
      if (x < -half || y < -half || x > 2 * v->half_w + half || y > 2 * v->half_h + half)
        continue;
      /* The shape says whom the service is for, the colour its branch;
       * several services at a place are one square with their number. */
      gtk_snapshot_append_texture (snapshot,
                                   sm_service_symbols_get (self->symbols, symbol, s->branch, s->n_services, scale),
                                   &GRAPHENE_RECT_INIT (round (x) - half, round (y) - half,
                                                        SM_SERVICE_SYMBOL_SIZE, SM_SERVICE_SYMBOL_SIZE));
      if (s->n_overdue > 0)
        gtk_snapshot_append_texture (snapshot, sm_service_symbols_get_overdue (self->symbols, s->n_overdue, scale),
                                     &GRAPHENE_RECT_INIT (round (x) + half - 8, round (y) - half - 6,
                                                          SM_SERVICE_BADGE_SIZE, SM_SERVICE_BADGE_SIZE));
    }
}

static void
sm_case_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  SmCaseLayer *self = SM_CASE_LAYER (widget);
  int n_tiles;
  View v;
  int tx0, tx1, ty0, ty1;

  if (gtk_widget_get_width (widget) <= 0 || gtk_widget_get_height (widget) <= 0)
    return;
  _sm_case_layer_view_init (&v, self);

  n_tiles = 1 << v.zi;
  tx0 = (int) floor ((v.cx - v.half_w / v.scale) / TILE);
  tx1 = (int) floor ((v.cx + v.half_w / v.scale) / TILE);
  ty0 = MAX (0, (int) floor ((v.cy - v.half_h / v.scale) / TILE));
  ty1 = MIN (n_tiles - 1, (int) floor ((v.cy + v.half_h / v.scale) / TILE));
  if (self->show_cases || self->show_boundaries)
    for (int ty = ty0; ty <= ty1; ty++)
      for (int tx = tx0; tx <= tx1; tx++)
        {
          int wrapped = ((tx % n_tiles) + n_tiles) % n_tiles;
          CaseTile *tile = _sm_case_layer_get_tile (self, v.zi, wrapped, ty);
          double x, y, size = TILE * v.scale;

          _sm_case_layer_view_to_widget (&v, (double) tx * TILE, (double) ty * TILE, &x, &y);
          if (v.scale == 1.0)
            {
              x = round (x);
              y = round (y);
            }
          gtk_snapshot_append_texture (snapshot, tile->texture,
                                       &GRAPHENE_RECT_INIT (x, y, size, size));
        }
  if (self->show_boundaries)
    snapshot_labels (self, snapshot, &v);
  if (self->show_services)
    snapshot_services (self, snapshot, &v);
  _sm_case_layer_snapshot_selection (self, snapshot);
}

static void
viewport_changed_cb (SmCaseLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- data ------------------------------------------------------------- */

/* Orders points by x with two 16-bit radix passes: linear, where a
 * comparison sort of 100,000 points costs a good part of a frame. */
static void
sort_points (GArray *points)
{
  guint n = points->len;
  g_autofree Point *tmp = g_new (Point, n);
  g_autofree guint32 *keys = g_new (guint32, n);
  g_autofree guint32 *tmp_keys = g_new (guint32, n);
  g_autofree guint *count = g_new (guint, 65536);
  Point *data = (Point *) points->data;

  for (guint i = 0; i < n; i++)
    keys[i] = (guint32) (CLAMP (data[i].x, 0.0, 1.0) * 4294967295.0);
  for (int pass = 0; pass < 2; pass++)
    {
      int shift = pass * 16;
      Point *src = pass == 0 ? data : tmp, *dst = pass == 0 ? tmp : data;
      guint32 *src_keys = pass == 0 ? keys : tmp_keys, *dst_keys = pass == 0 ? tmp_keys : keys;
      guint sum = 0;

      memset (count, 0, 65536 * sizeof (guint));
      for (guint i = 0; i < n; i++)
        count[(src_keys[i] >> shift) & 0xffff]++;
      for (guint d = 0; d < 65536; d++)
        {
          guint c = count[d];

          count[d] = sum;
          sum += c;
        }
      for (guint i = 0; i < n; i++)
        {
          guint at = count[(src_keys[i] >> shift) & 0xffff]++;

          dst[at] = src[i];
          dst_keys[at] = src_keys[i];
        }
    }
}

static void
load_services (SmCaseLayer *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *services = sm_store_list_service_points (self->store,
                                                      sm_filter_get_service_type (self->filter),
                                                      &error);

  if (services == NULL)
    {
      g_warning ("Cannot read the services: %s", error->message);
      return;
    }
  /* Referrals to them not answered in time stand out on their symbol. */
  sm_referral_count_overdue_at (services, self->overdue);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  self->services = services;
}

/* Where referrals wait too long, read when referrals or services change
 * (not on each change of the filter, which reads the services again). */
static void
load_overdue (SmCaseLayer *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_clear_pointer (&self->overdue, g_hash_table_unref);
  self->overdue = sm_referral_overdue_by_location (self->store, sm_date_to_epoch_day (&today), &error);
  if (self->overdue == NULL)
    g_warning ("Cannot read the referrals: %s", error->message);
  if (self->services != NULL)
    sm_referral_count_overdue_at (self->services, self->overdue);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * sm_case_layer_get_service_point:
 * @location_id: a place's first location, as sm_case_layer_pick() gives it
 *
 * Returns: (transfer none) (nullable): the service place drawn there, with
 *   its overdue referrals counted
 */
const SmServicePoint *
sm_case_layer_get_service_point (SmCaseLayer *self,
                                 gint64       location_id)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), NULL);
  for (guint i = 0; self->services != NULL && i < self->services->len; i++)
    if (((SmServicePoint *) g_ptr_array_index (self->services, i))->location_id == location_id)
      return g_ptr_array_index (self->services, i);
  return NULL;
}

static gboolean
same_drawing (const SmCaseHit *a,
              const SmCaseHit *b)
{
  return a->lat == b->lat && a->lon == b->lon && a->main_category == b->main_category &&
         a->max_severity == b->max_severity;
}

/* The households drawn differently in @new_hits than in @old_hits (both by
 * household id), as unit-square points; NULL when too many to be worth it. */
static GArray *
changed_points (GArray *old_hits,
                GArray *new_hits)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  guint i = 0, j = 0;

  while (i < old_hits->len || j < new_hits->len)
    {
      const SmCaseHit *a = i < old_hits->len ? &g_array_index (old_hits, SmCaseHit, i) : NULL;
      const SmCaseHit *b = j < new_hits->len ? &g_array_index (new_hits, SmCaseHit, j) : NULL;
      const SmCaseHit *gone = NULL, *came = NULL;
      double xy[2];

      if (b == NULL || (a != NULL && a->household_id < b->household_id))
        gone = a, i++;
      else if (a == NULL || b->household_id < a->household_id)
        came = b, j++;
      else
        {
          if (!same_drawing (a, b))
            gone = a, came = b;
          i++, j++;
        }
      if (gone != NULL)
        {
          sm_mercator_from_lonlat (gone->lon, gone->lat, &xy[0], &xy[1]);
          g_array_append_vals (changed, xy, 1);
        }
      if (came != NULL)
        {
          sm_mercator_from_lonlat (came->lon, came->lat, &xy[0], &xy[1]);
          g_array_append_vals (changed, xy, 1);
        }
      if (changed->len > MAX_INCREMENTAL)
        return NULL;
    }
  return g_steal_pointer (&changed);
}

/* Drops the tiles a changed point can show in: its own and, for the
 * bubbles and symbols that reach over edges, its neighbours. */
static void
drop_tiles_near (SmCaseLayer *self,
                 GArray      *changed)
{
  GHashTableIter iter;
  gpointer k;

  g_hash_table_iter_init (&iter, self->tiles);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    {
      guint64 key = *(guint64 *) k;
      int z = (int) (key >> 58);
      double tx = (double) (key & ((1u << 29) - 1)), ty = (double) ((key >> 29) & ((1u << 29) - 1));
      double n = ldexp (1.0, z);

      for (guint i = 0; i < changed->len; i++)
        {
          const double *xy = &g_array_index (changed, double, 2 * i);

          if (fabs (floor (xy[0] * n) - tx) <= 1 && fabs (floor (xy[1] * n) - ty) <= 1)
            {
              g_hash_table_iter_remove (&iter);
              break;
            }
        }
    }
}

/**
 * sm_case_layer_refresh:
 *
 * Runs the filter again and redraws.
 */
void
sm_case_layer_refresh (SmCaseLayer *self)
{
  g_autoptr(GError) error = NULL;
  GArray *hits;

  g_return_if_fail (SM_IS_CASE_LAYER (self));

  hits = sm_store_query (self->store, self->filter, &error);
  if (hits == NULL)
    {
      g_warning ("Cannot read the cases: %s", error->message);
      return;
    }
  for (guint i = 0; self->hidden != 0 && i < hits->len; i++)
    if (g_array_index (hits, SmCaseHit, i).household_id == self->hidden)
      {
        g_array_remove_index (hits, i);
        break;
      }
  {
    g_autoptr(GArray) changed = changed_points (self->hits, hits);

    if (changed != NULL)
      drop_tiles_near (self, changed);
    else
      g_hash_table_remove_all (self->tiles);
  }
  g_clear_pointer (&self->hits, g_array_unref);
  self->hits = hits;
  g_array_set_size (self->points, hits->len);
  self->n_needs = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      Point *p = &g_array_index (self->points, Point, i);

      sm_mercator_from_lonlat (hit->lon, hit->lat, &p->x, &p->y);
      p->hit = i;
      self->n_needs += hit->n_needs;
    }
  sort_points (self->points);
  load_services (self);
  if (self->planner_view)
    {
      _sm_case_layer_load_grid (self);
      g_hash_table_remove_all (self->tiles);
    }

  g_signal_emit (self, signals[UPDATED], 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Slot 0 is the grey of a category the store does not know. */
static void
load_colors (SmCaseLayer *self)
{
  static const GdkRGBA grey = { 0.4, 0.4, 0.4, 1 };
  g_autoptr(GPtrArray) categories = sm_store_list_categories (self->store);

  g_array_append_val (self->colors, grey);
  for (guint i = 0; i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);
      GdkRGBA rgba;

      if (c->id <= 0 || c->id > G_MAXUINT16 || !gdk_rgba_parse (&rgba, c->color))
        continue;
      while (self->colors->len <= (guint) c->id)
        g_array_append_val (self->colors, grey);
      g_array_index (self->colors, GdkRGBA, c->id) = rgba;
    }
}

static void
load_outlines (SmCaseLayer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) boundaries = sm_boundary_list (self->store, "settlement", &error);
  g_autofree char *town = NULL;

  g_ptr_array_set_size (self->outlines, 0);
  if (boundaries == NULL)
    {
      g_warning ("Cannot read the boundaries: %s", error->message);
      return;
    }
  if (!sm_store_get_meta (self->store, "demo.town", &town))
    town = g_strdup ("Tata");
  for (guint i = 0; i < boundaries->len; i++)
    {
      SmBoundary *b = g_ptr_array_index (boundaries, i);
      Outline *o = g_new0 (Outline, 1);
      GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      double w, s, e, n;

      for (guint r = 0; r < sm_shape_get_n_rings (b->shape); r++)
        {
          guint count;
          const double *pts = sm_shape_get_ring (b->shape, r, &count);
          GArray *ring = g_array_sized_new (FALSE, FALSE, sizeof (double), count * 2);

          for (guint k = 0; k < count; k++)
            {
              double xy[2];

              sm_mercator_from_lonlat (pts[2 * k], pts[2 * k + 1], &xy[0], &xy[1]);
              g_array_append_vals (ring, xy, 2);
            }
          g_ptr_array_add (rings, ring);
        }
      sm_shape_get_bbox (b->shape, &w, &s, &e, &n);
      sm_mercator_from_lonlat (w, n, &o->west, &o->north);
      sm_mercator_from_lonlat (e, s, &o->east, &o->south);
      o->label_x = (o->west + o->east) / 2;
      o->label_y = (o->north + o->south) / 2;
      o->rings = rings;
      o->name = g_strdup (b->name);
      o->home = g_strcmp0 (b->name, town) == 0;
      g_ptr_array_add (self->outlines, o);
    }
}

static void
sm_case_layer_dispose (GObject *object)
{
  SmCaseLayer *self = SM_CASE_LAYER (object);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));

  if (viewport != NULL)
    g_signal_handlers_disconnect_by_data (viewport, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->filter);
  g_clear_object (&self->label_layout);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->outlines, g_ptr_array_unref);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->symbols, sm_service_symbols_free);
  g_clear_pointer (&self->overdue, g_hash_table_unref);
  g_clear_pointer (&self->colors, g_array_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);
  g_clear_pointer (&self->grid, g_array_unref);

  G_OBJECT_CLASS (sm_case_layer_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_case_layer_get_context_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_CASE_LAYER (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_case_layer_set_context_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_CASE_LAYER (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_case_layer_class_init (SmCaseLayerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sm_case_layer_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_case_layer_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_case_layer_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  GTK_WIDGET_CLASS (klass)->snapshot = sm_case_layer_snapshot;

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
sm_case_layer_init (SmCaseLayer *self)
{
  self->colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->hits = g_array_new (FALSE, FALSE, sizeof (SmCaseHit));
  self->points = g_array_new (FALSE, FALSE, sizeof (Point));
  self->outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) outline_free);
  self->services = g_ptr_array_new ();
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                       (GDestroyNotify) _sm_case_layer_case_tile_free);
  self->show_cases = self->show_services = self->show_boundaries = TRUE;
}

/* Cases, services and outlines are read again when the store has changed
 * them; tiles of unchanged places are kept (sm_case_layer_refresh compares
 * the households' places). */
static void
store_changed_cb (SmCaseLayer   *self,
                  SmStoreChange  what,
                  GArray        *household_ids)
{
  if (what & SM_STORE_CHANGE_BOUNDARIES)
    {
      load_outlines (self);
      g_hash_table_remove_all (self->tiles);
    }
  if (what & (SM_STORE_CHANGE_CASEWORK | SM_STORE_CHANGE_SERVICES))
    load_overdue (self);
  if (what & (SM_STORE_CHANGE_CASES | SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_BOUNDARIES))
    sm_case_layer_refresh (self);
}

SmCaseLayer *
sm_case_layer_new (ShumateViewport *viewport,
                   SmContext       *context)
{
  SmCaseLayer *self = g_object_new (SM_TYPE_CASE_LAYER, "viewport", viewport,
                                      "context", context, NULL);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 10");

  self->store = g_object_ref (sm_context_get_store (context));
  self->filter = g_object_ref (sm_context_get_filter (context));
  self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  pango_layout_set_font_description (self->label_layout, font);
  pango_font_description_free (font);
  load_outlines (self);
  load_overdue (self);
  load_colors (self);

  g_signal_connect_swapped (viewport, "notify", G_CALLBACK (viewport_changed_cb), self);
  g_signal_connect_swapped (self->filter, "changed", G_CALLBACK (sm_case_layer_refresh), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sm_case_layer_refresh (self);
  return self;
}

guint
sm_case_layer_get_n_households (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->hits->len;
}

guint
sm_case_layer_get_n_needs (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->n_needs;
}

/**
 * sm_case_layer_pick:
 * @x: widget coordinates
 *
 * Finds what is drawn at a point: a service, a household or a bubble.
 */
gboolean
sm_case_layer_pick (SmCaseLayer     *self,
                    double           x,
                    double           y,
                    SmCaseLayerItem *item)
{
  double wx, wy, best = G_MAXDOUBLE;
  int tx, ty;
  View v;

  g_return_val_if_fail (SM_IS_CASE_LAYER (self), FALSE);

  *item = (SmCaseLayerItem) { SM_CASE_LAYER_NOTHING };
  _sm_case_layer_view_init (&v, self);
  if (self->show_services)
    for (guint i = 0; i < self->services->len; i++)
      {
        SmServicePoint *s = g_ptr_array_index (self->services, i);
        double ux, uy, sx, sy;

        sm_mercator_from_lonlat (s->lon, s->lat, &ux, &uy);
        _sm_case_layer_view_to_widget (&v, ux * v.world, uy * v.world, &sx, &sy);
        if (fabs (sx - x) <= SM_SERVICE_SYMBOL_SIZE / 2.0 && fabs (sy - y) <= SM_SERVICE_SYMBOL_SIZE / 2.0)
          {
            *item = (SmCaseLayerItem) { SM_CASE_LAYER_SERVICE, s->location_id, 1, s->lat, s->lon };
            return TRUE;
          }
      }
  if (!self->show_cases)
    return FALSE;

  wx = (x - v.half_w) / v.scale + v.cx;
  wy = (y - v.half_h) / v.scale + v.cy;
  tx = (int) floor (wx / TILE);
  ty = (int) floor (wy / TILE);
  for (int dy = -1; dy <= 1; dy++)
    for (int dx = -1; dx <= 1; dx++)
      {
        guint64 key = _sm_case_layer_tile_key (v.zi, tx + dx, ty + dy);
        CaseTile *tile = g_hash_table_lookup (self->tiles, &key);

        if (tile == NULL)
          continue;
        for (guint i = 0; i < tile->items->len; i++)
          {
            const TileItem *t = &g_array_index (tile->items, TileItem, i);
            double d = hypot (t->wx - wx, t->wy - wy) * v.scale;

            if (d <= t->radius * v.scale + 2 && d < best)
              {
                best = d;
                item->kind = t->kind;
                item->id = t->id;
                item->count = t->count;
                sm_mercator_to_lonlat (t->wx / v.world, t->wy / v.world, &item->lon, &item->lat);
              }
          }
      }
  return item->kind != SM_CASE_LAYER_NOTHING;
}

static void
set_shown (SmCaseLayer *self,
           gboolean    *field,
           gboolean     show)
{
  if (*field == show)
    return;
  *field = show;
  g_hash_table_remove_all (self->tiles);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sm_case_layer_set_show_cases (SmCaseLayer *self,
                              gboolean     show)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));
  set_shown (self, &self->show_cases, show);
}

void
sm_case_layer_set_show_services (SmCaseLayer *self,
                                 gboolean     show)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));
  set_shown (self, &self->show_services, show);
}

void
sm_case_layer_set_show_boundaries (SmCaseLayer *self,
                                   gboolean     show)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));
  set_shown (self, &self->show_boundaries, show);
}

/**
 * sm_case_layer_set_hidden:
 * @household_id: a household to leave out, or 0
 *
 * Leaves out one household, such as one deleted while its undo is offered.
 */
void
sm_case_layer_set_hidden (SmCaseLayer *self,
                          gint64       household_id)
{
  g_return_if_fail (SM_IS_CASE_LAYER (self));

  if (self->hidden == household_id)
    return;
  self->hidden = household_id;
  sm_case_layer_refresh (self);
}

guint
sm_case_layer_get_n_tiles_drawn (SmCaseLayer *self)
{
  g_return_val_if_fail (SM_IS_CASE_LAYER (self), 0);

  return self->n_tiles_drawn;
}
