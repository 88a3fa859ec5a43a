#define G_LOG_DOMAIN "sm-rtree"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sm-error.h"
#include "sm-store-private.h"

/* Packing the households' R*Tree in one go.
 *
 * SQLite's R*Tree grows one entry at a time, each choosing a leaf and
 * splitting full nodes: at 100,000 points most of an import's time. After a
 * large import the index is instead rebuilt from the household table by
 * Sort-Tile-Recursive packing (Leutenegger et al. 1997) and written to the
 * R*Tree's own tables in the file format SQLite documents in rtree.c:
 *   %_node(nodeno, data): node 1 is the root; data is the node's size in
 *     bytes: a 16-bit big-endian depth of the tree (root only), a 16-bit
 *     count of cells, then cells of a 64-bit big-endian rowid (or child
 *     node) and four big-endian 32-bit floats min/max per dimension;
 *   %_rowid(rowid, nodeno): the leaf of every entry;
 *   %_parent(nodeno, parentnode): the parent of every node but the root.
 * Coordinates are rounded outwards to float as the module does. The result
 * is checked by rtreecheck() in the tests. */

#define CELL_SIZE (8 + 4 * 4)
#define RND_TOWARDS (1.0 - 1.0 / 8388608.0)
#define RND_AWAY (1.0 + 1.0 / 8388608.0)

typedef struct {
  gint64 id;               /* a household, or a child node */
  float  box[4];           /* min x, max x, min y, max y */
} Cell;

/* The largest float not above @d, as the R*Tree module rounds a minimum. */
static float
value_down (double d)
{
  float f = (float) d;

  if (f > d)
    f = (float) (d * (d < 0 ? RND_AWAY : RND_TOWARDS));
  return f;
}

static float
value_up (double d)
{
  float f = (float) d;

  if (f < d)
    f = (float) (d * (d < 0 ? RND_TOWARDS : RND_AWAY));
  return f;
}

static int
compare_x (gconstpointer a,
           gconstpointer b)
{
  const Cell *p = a, *q = b;
  float x = p->box[0] + p->box[1], y = q->box[0] + q->box[1];

  return x < y ? -1 : x > y ? 1 : (p->id > q->id) - (p->id < q->id);
}

static int
compare_y (gconstpointer a,
           gconstpointer b)
{
  const Cell *p = a, *q = b;
  float x = p->box[2] + p->box[3], y = q->box[2] + q->box[3];

  return x < y ? -1 : x > y ? 1 : (p->id > q->id) - (p->id < q->id);
}

/* Orders @cells in slices by x, each slice by y, and cuts each slice into
 * even runs of at most @per_node: one run a node. Returns the runs' ends. */
static GArray *
tile (Cell  *cells,
      guint  n,
      guint  per_node)
{
  GArray *ends = g_array_new (FALSE, FALSE, sizeof (guint));
  guint nodes = (n + per_node - 1) / per_node;
  guint slices = (guint) ceil (sqrt ((double) nodes));
  guint slice = slices * per_node;

  qsort (cells, n, sizeof (Cell), compare_x);
  for (guint start = 0; start < n; start += slice)
    {
      guint len = MIN (slice, n - start), runs = (len + per_node - 1) / per_node;

      qsort (cells + start, len, sizeof (Cell), compare_y);
      for (guint k = 1; k <= runs; k++)
        {
          guint end = start + (guint) ((guint64) len * k / runs);

          g_array_append_val (ends, end);
        }
    }
  return ends;
}

static void
put_u16 (guint8 *p,
         guint   v)
{
  p[0] = (guint8) (v >> 8);
  p[1] = (guint8) v;
}

static void
put_cell (guint8     *p,
          const Cell *cell)
{
  guint64 id = (guint64) cell->id;

  for (int i = 0; i < 8; i++)
    p[i] = (guint8) (id >> (56 - 8 * i));
  for (int k = 0; k < 4; k++)
    {
      guint32 bits;

      memcpy (&bits, &cell->box[k], 4);
      for (int i = 0; i < 4; i++)
        p[8 + 4 * k + i] = (guint8) (bits >> (24 - 8 * i));
    }
}

/* Runs a statement of many "(?, ?)" rows for pairs of integers. */
static gboolean
insert_pairs (SmStore      *store,
              const char   *table,
              const gint64 *pairs,
              guint         n,
              GError      **error)
{
  enum { ROWS = 200 };

  for (guint done = 0; done < n;)
    {
      guint m = MIN (ROWS, n - done);
      g_autoptr(GString) sql = g_string_new (NULL);
      sqlite3_stmt *stmt;

      g_string_printf (sql, "INSERT INTO %s VALUES ", table);
      for (guint k = 0; k < m; k++)
        g_string_append (sql, k ? ", (?, ?)" : "(?, ?)");
      stmt = _sm_store_prepare (store, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < m; k++)
        {
          sqlite3_bind_int64 (stmt, 1 + 2 * (int) k, pairs[2 * (done + k)]);
          sqlite3_bind_int64 (stmt, 2 + 2 * (int) k, pairs[2 * (done + k) + 1]);
        }
      if (!_sm_store_step_done (store, stmt, error))
        return FALSE;
      done += m;
    }
  return TRUE;
}

/**
 * _sm_store_pack_household_rtree:
 *
 * Rebuilds household_rtree from every placed household. Call it inside a
 * transaction, with the insert trigger dropped while the rows went in.
 */
gboolean
_sm_store_pack_household_rtree (SmStore  *store,
                                GError  **error)
{
  g_autoptr(GArray) level = g_array_new (FALSE, FALSE, sizeof (Cell));
  g_autoptr(GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  g_autofree guint8 *data = NULL;
  sqlite3_stmt *stmt, *write;
  gint64 next_node = 2;
  guint node_size, per_node, depth = 0;

  stmt = _sm_store_prepare (store, "SELECT length(data) FROM household_rtree_node WHERE nodeno = 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  node_size = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  per_node = node_size > 4 ? (node_size - 4) / CELL_SIZE : 0;
  if (per_node < 2)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INTERNAL, "The households' spatial index has no root");
      return FALSE;
    }

  stmt = _sm_store_prepare (store, "SELECT id, lon, lat FROM household WHERE lat IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      double lon = sqlite3_column_double (stmt, 1), lat = sqlite3_column_double (stmt, 2);
      Cell cell = { sqlite3_column_int64 (stmt, 0),
                    { value_down (lon), value_up (lon), value_down (lat), value_up (lat) } };

      g_array_append_val (level, cell);
    }
  sqlite3_reset (stmt);

  if (!_sm_store_exec (store, "DELETE FROM household_rtree_node;"
                              "DELETE FROM household_rtree_rowid;"
                              "DELETE FROM household_rtree_parent;", error))
    return FALSE;
  write = _sm_store_prepare (store, "INSERT INTO household_rtree_node (nodeno, data) VALUES (?, ?)",
                             error);
  if (write == NULL)
    return FALSE;
  data = g_malloc (node_size);

  /* Leaves first, then each level above, until one node holds the rest:
   * that one is the root, node 1. */
  for (;;)
    {
      gboolean root = level->len <= per_node;
      g_autoptr(GArray) ends = NULL;
      g_autoptr(GArray) above = g_array_new (FALSE, FALSE, sizeof (Cell));

      if (root)
        {
          ends = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (ends, level->len);
        }
      else
        ends = tile ((Cell *) level->data, level->len, per_node);
      for (guint k = 0; k < ends->len; k++)
        {
          guint start = k ? g_array_index (ends, guint, k - 1) : 0;
          guint end = g_array_index (ends, guint, k);
          Cell parent = { root ? 1 : next_node++, { G_MAXFLOAT, -G_MAXFLOAT, G_MAXFLOAT, -G_MAXFLOAT } };

          memset (data, 0, node_size);
          if (root)
            put_u16 (data, depth);
          put_u16 (data + 2, end - start);
          for (guint i = start; i < end; i++)
            {
              const Cell *c = &g_array_index (level, Cell, i);
              gint64 link[2] = { c->id, parent.id };

              put_cell (data + 4 + (i - start) * CELL_SIZE, c);
              parent.box[0] = MIN (parent.box[0], c->box[0]);
              parent.box[1] = MAX (parent.box[1], c->box[1]);
              parent.box[2] = MIN (parent.box[2], c->box[2]);
              parent.box[3] = MAX (parent.box[3], c->box[3]);
              g_array_append_vals (depth == 0 ? rowids : parents, link, 1);
            }
          sqlite3_reset (write);
          sqlite3_bind_int64 (write, 1, parent.id);
          sqlite3_bind_blob (write, 2, data, (int) node_size, SQLITE_STATIC);
          if (!_sm_store_step_done (store, write, error))
            return FALSE;
          g_array_append_val (above, parent);
        }
      if (root)
        break;
      g_array_set_size (level, 0);
      g_array_append_vals (level, above->data, above->len);
      depth++;
    }

  return insert_pairs (store, "household_rtree_rowid", (const gint64 *) rowids->data, rowids->len,
                       error) &&
         insert_pairs (store, "household_rtree_parent", (const gint64 *) parents->data, parents->len,
                       error);
}
