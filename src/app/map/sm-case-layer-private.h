#pragma once

#include <shumate/shumate.h>

#include "sm-case-layer.h"

G_BEGIN_DECLS

/* The case layer in two files: the layer, its data and what it answers
 * (sm-case-layer.c), and drawing its tiles, the planner view's grid
 * among them (sm-case-tiles.c). */

#define TILE 256
#define CLUSTER_BELOW_ZOOM 16
#define CELL 40.0
#define MAX_RADIUS 18.0
#define MAX_CACHED_TILES 128
#define MAX_CATEGORIES 32
#define MAX_INCREMENTAL 64

typedef struct {
  double  x, y;          /* Web Mercator, unit square */
  guint32 hit;           /* index into hits */
} Point;

typedef struct {
  SmCaseLayerItemKind kind;
  gint64              id;
  guint               count;
  double              wx, wy;   /* world pixels at the tile's zoom */
  double              radius;
} TileItem;

typedef struct {
  GdkTexture *texture;
  GArray     *items;     /* TileItem whose centre lies in this tile */
} CaseTile;

/* A grid cell of the planner view whose count may be shown. */
typedef struct {
  double  x[4], y[4];    /* corners, Web Mercator unit square */
  double  west, east, north, south;
  guint   households;
} GridCell;

typedef struct {
  double  west, south, east, north;   /* unit-square box */
  GPtrArray *rings;                   /* GArray of double x, y pairs per ring */
  char   *name;
  double  label_x, label_y;
  gboolean home;
} Outline;

struct _SmCaseLayer
{
  ShumateLayer  parent_instance;

  SmContext           *context;

  SmStore      *store;
  gboolean      selected_placed;   /* the selected household's own place, shown or not */
  double        selected_lat, selected_lon;
  SmFilter     *filter;
  GArray       *hits;          /* SmCaseHit */
  GArray       *points;        /* Point, by x */
  GPtrArray    *outlines;      /* Outline */
  GPtrArray    *services;      /* SmServicePoint */
  struct _SmServiceSymbols *symbols; /* their textures, made when first drawn */
  GHashTable   *overdue;       /* location id → referrals overdue there */
  GArray       *colors;        /* GdkRGBA, indexed by category id */
  guint         n_needs;
  GHashTable   *tiles;         /* tile key → CaseTile */
  gint64        selected;
  gint64        hidden;        /* deleted, waiting for undo */
  gboolean      show_cases;
  gboolean      show_services;
  gboolean      show_boundaries;
  gboolean      planner_view;  /* grid counts of k or more, no household places */
  GArray       *grid;          /* GridCell, in the planner view */
  guint         n_tiles_drawn;
  PangoLayout  *label_layout;
};

typedef struct {
  int    zi;          /* whole zoom level of the tiles */
  double scale;       /* drawn size of a tile pixel */
  double world;       /* world width in tile pixels */
  double cx, cy;      /* the viewport centre in tile pixels */
  double half_w, half_h;
} View;

void _sm_case_layer_case_tile_free (CaseTile *tile);
CaseTile *_sm_case_layer_get_tile (SmCaseLayer *self,
                                   int          zi,
                                   int          tx,
                                   int          ty);
guint64 _sm_case_layer_tile_key (int z,
                                 int x,
                                 int y);
void _sm_case_layer_view_init (View        *v,
                               SmCaseLayer *self);
void _sm_case_layer_load_grid (SmCaseLayer *self);

/* Where a point of the world (Mercator, 0..1) is in the widget. */
static inline inline void
_sm_case_layer_view_to_widget (const View *v,
                               double      wx,
                               double      wy,
                               double     *x,
                               double     *y)
{
  *x = (wx - v->cx) * v->scale + v->half_w;
  *y = (wy - v->cy) * v->scale + v->half_h;
}

void _sm_case_layer_snapshot_selection (SmCaseLayer *self,
                                        GtkSnapshot *snapshot);

G_END_DECLS
