#define G_LOG_DOMAIN "sm-scan"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-error.h"
#include "sm-hotspot.h"
#include "sm-scan.h"

/* Kulldorff (1997), "A spatial scan statistic"; the circles of SaTScan:
 * around every location, the nearest locations one by one until the
 * radius or the population share is reached. Each circle's likelihood
 * ratio against "the same rate everywhere"; the most likely circle per
 * centre; clusters are the best circles that share no location with a
 * better one. Their p-values compare each ratio with the largest ratio of
 * every replication of the data under the null hypothesis (Monte Carlo,
 * as SaTScan does for secondary clusters too, which is conservative).
 *
 * Everything a replication needs per circle step is computed once: the
 * population inside and the terms of the ratio that depend on it only; a
 * replication then adds cases along each circle. As a replication's ratio
 * only counts against the clusters', each step's ratio is computed only
 * where its cases reach the fewest that give the least likely cluster's
 * ratio (found once per scan): the p-values are those of the full scan. */

typedef struct {
  /* Circles: per centre, its locations nearest first (CSR). */
  guint   n_centres;
  guint  *centre_of;       /* location index of each centre */
  guint  *start;           /* n_centres + 1 */
  guint  *member;          /* location indices */
  double *constant;        /* Bernoulli: the terms of n; Poisson: ln E */
  double *constant2;       /* Poisson: ln (C − E); Bernoulli: n */
  double *expected;        /* E of the step */
  guint32 *threshold;      /* the cases each step needs to matter; G_MAXUINT32: none do */

  SmScanModel model;
  const SmScanLocation *locations;
  guint   n;
  double  total_cases, total_population;
  double *xlogx;           /* x ln x for whole x up to the table's size */
  guint   table;

  /* The null hypothesis' draws */
  guint  *unit_location;   /* Bernoulli: one entry per unit of population */
  guint   n_units;
  double *alias_p;         /* Poisson: Walker's alias table over locations */
  guint  *alias_j;
} Scan;

static inline double
xl (const Scan *s,
    double      x)
{
  guint k = (guint) x;

  return k < s->table ? s->xlogx[k] : (x > 0 ? x * log (x) : 0);
}

/* The log likelihood ratio of @c cases in step @k of a circle, 0 without
 * excess. */
static inline double
step_llr (const Scan *s,
          guint       k,
          double      c)
{
  double C = s->total_cases;

  if (s->model == SM_SCAN_BERNOULLI)
    {
      double n = s->constant2[k], N = s->total_population;

      if (c * (N - n) <= (C - c) * n)
        return 0;
      return xl (s, c) + xl (s, n - c) + xl (s, C - c) + xl (s, N - n - C + c) + s->constant[k];
    }
  if (c <= s->expected[k])
    return 0;
  return xl (s, c) - c * s->constant[k] + xl (s, C - c) - (C - c) * s->constant2[k];
}

typedef struct {
  guint  index;
  double d2;
} Near;

static int
compare_near (const void *a,
              const void *b)
{
  const Near *x = a, *y = b;

  if (x->d2 != y->d2)
    return x->d2 < y->d2 ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static void
build_circles (Scan                *s,
               const SmScanOptions *o)
{
  double radius = o->max_radius_m > 0 ? o->max_radius_m : 1000;
  double share = o->max_share > 0 ? MIN (o->max_share, 0.5) : 0.25;
  double limit = share * s->total_population, N = s->total_population, C = s->total_cases;
  double L0 = xl (s, C) + xl (s, N - C) - xl (s, N);
  g_autoptr(GHashTable) buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) near = g_array_new (FALSE, FALSE, sizeof (Near));
  GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *c1 = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *c2 = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *ex = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *centres = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Locations in square buckets of the radius: a circle's members are in
   * the 3 × 3 buckets around its centre. */
  for (guint i = 0; i < s->n; i++)
    {
      gint64 bx = (gint64) floor (s->locations[i].x / radius);
      gint64 by = (gint64) floor (s->locations[i].y / radius);
      gint64 key = (gint64) (((guint64) bx << 32) ^ (guint32) by);
      GArray *list = g_hash_table_lookup (buckets, &key);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (buckets, g_memdup2 (&key, sizeof key), list);
        }
      g_array_append_val (list, i);
    }

  for (guint i = 0; i < s->n; i++)
    {
      const SmScanLocation *at = &s->locations[i];
      gint64 bx = (gint64) floor (at->x / radius), by = (gint64) floor (at->y / radius);
      double population = 0;

      if (at->population <= 0)
        continue;
      g_array_set_size (near, 0);
      for (gint64 dy = -1; dy <= 1; dy++)
        for (gint64 dx = -1; dx <= 1; dx++)
          {
            gint64 key = (gint64) (((guint64) (bx + dx) << 32) ^ (guint32) (by + dy));
            GArray *list = g_hash_table_lookup (buckets, &key);

            for (guint j = 0; list != NULL && j < list->len; j++)
              {
                guint other = g_array_index (list, guint, j);
                double ddx = s->locations[other].x - at->x, ddy = s->locations[other].y - at->y;
                Near e = { other, ddx * ddx + ddy * ddy };

                if (e.d2 <= radius * radius && s->locations[other].population > 0)
                  g_array_append_val (near, e);
              }
          }
      qsort (near->data, near->len, sizeof (Near), compare_near);
      g_array_append_val (centres, i);
      g_array_append_val (starts, members->len);
      for (guint j = 0; j < near->len; j++)
        {
          guint other = g_array_index (near, Near, j).index;
          double E, a, b;

          population += s->locations[other].population;
          if (population > limit && j > 0)
            break;
          E = C * population / N;
          if (s->model == SM_SCAN_BERNOULLI)
            {
              a = -xl (s, population) - xl (s, N - population) - L0;
              b = population;
            }
          else
            {
              a = log (E);
              b = C > E ? log (C - E) : 0;
            }
          g_array_append_val (members, other);
          g_array_append_val (c1, a);
          g_array_append_val (c2, b);
          g_array_append_val (ex, E);
        }
    }
  g_array_append_val (starts, members->len);
  s->n_centres = centres->len;
  s->centre_of = (guint *) g_array_free (centres, FALSE);
  s->start = (guint *) g_array_free (starts, FALSE);
  s->member = (guint *) g_array_free (members, FALSE);
  s->constant = (double *) g_array_free (c1, FALSE);
  s->constant2 = (double *) g_array_free (c2, FALSE);
  s->expected = (double *) g_array_free (ex, FALSE);
}

/* The largest ratio over every circle for cases per location @cases; the
 * best step of each centre when @best is given. */
static double
scan_max (const Scan   *s,
          const double *cases,
          double       *best_llr,
          guint        *best_step)
{
  double most = 0;

  for (guint c = 0; c < s->n_centres; c++)
    {
      double inside = 0, top = 0;
      guint top_k = s->start[c];

      for (guint k = s->start[c]; k < s->start[c + 1]; k++)
        {
          double llr;

          inside += cases[s->member[k]];
          llr = step_llr (s, k, inside);
          if (llr > top)
            {
              top = llr;
              top_k = k;
            }
        }
      if (best_llr != NULL)
        {
          best_llr[c] = top;
          best_step[c] = top_k;
        }
      most = MAX (most, top);
    }
  return most;
}

/* The fewest cases step @k needs for a ratio of at least @level (less one,
 * against rounding), or infinity when no count reaches it: the ratio
 * only grows with the cases above the expected. @below: a count known to
 * give less than @level, or -1. */
static double
step_threshold (const Scan *s,
                guint       k,
                double      level,
                double      below)
{
  double hi = s->model == SM_SCAN_BERNOULLI ? MIN (s->constant2[k], s->total_cases) : s->total_cases;
  double lo = floor (s->model == SM_SCAN_BERNOULLI
                     ? s->total_cases * s->constant2[k] / s->total_population : s->expected[k]);

  lo = MAX (lo, below);
  if (step_llr (s, k, hi) < level)
    return INFINITY;
  /* step_llr (lo) < level <= step_llr (hi) */
  while (hi - lo > 1)
    {
      double mid = floor ((lo + hi) / 2);

      if (step_llr (s, k, mid) >= level)
        hi = mid;
      else
        lo = mid;
    }
  return MAX (hi - 1, 0);
}

/* The largest ratio of the circles' steps whose cases reach their
 * threshold: the exact largest ratio when it is at least the level the
 * thresholds were found for, below it (or 0) otherwise. */
static double
scan_max_above (const Scan    *s,
                const guint32 *cases,
                const guint32 *threshold)
{
  double most = 0;

  for (guint c = 0; c < s->n_centres; c++)
    {
      guint32 inside = 0;

      /* Whole numbers: adding them does not wait as a floating add does. */
      for (guint k = s->start[c]; k < s->start[c + 1]; k++)
        {
          inside += cases[s->member[k]];
          if (inside >= threshold[k])
            most = MAX (most, step_llr (s, k, inside));
        }
    }
  return most;
}

/* The replications' random numbers: xoshiro256** (Blackman and Vigna),
 * seeded through splitmix64 from the seed and the replication's number,
 * so that each replication draws the same whichever thread runs it. */
typedef struct {
  guint64 s[4];
} Rng;

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static void
rng_seed (Rng     *r,
          guint32  seed,
          guint32  stream)
{
  guint64 x = ((guint64) seed << 32) | stream;

  for (int i = 0; i < 4; i++)
    {
      guint64 z = (x += 0x9e3779b97f4a7c15ULL);

      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      r->s[i] = z ^ (z >> 31);
    }
}

static inline guint64
rng_next (Rng *r)
{
  guint64 result = rotl (r->s[1] * 5, 7) * 9, t = r->s[1] << 17;

  r->s[2] ^= r->s[0];
  r->s[3] ^= r->s[1];
  r->s[1] ^= r->s[2];
  r->s[0] ^= r->s[3];
  r->s[2] ^= t;
  r->s[3] = rotl (r->s[3], 45);
  return result;
}

/* A whole number from 0 to @n − 1, every one as likely (Lemire's
 * multiply and reject). */
static inline guint32
rng_below (Rng     *r,
           guint32  n)
{
  guint64 m = (rng_next (r) >> 32) * n;

  if ((guint32) m < n)
    {
      guint32 floor = -n % n;

      while ((guint32) m < floor)
        m = (rng_next (r) >> 32) * n;
    }
  return (guint32) (m >> 32);
}

static inline double
rng_double (Rng *r)
{
  return (rng_next (r) >> 11) * 0x1.0p-53;
}

/* Cases of one replication under the null hypothesis. @taken is a bit per
 * unit of population, all clear, and is left clear; @picked has room for
 * half the units. */
static void
draw_cases (const Scan *s,
            Rng        *rand,
            guint64    *taken,
            guint      *picked,
            guint32    *cases)
{
  guint C = (guint) s->total_cases;

  memset (cases, 0, s->n * sizeof (guint32));
  if (s->model == SM_SCAN_BERNOULLI)
    {
      /* C of the N units without replacement (or the N − C that are not
       * cases, when fewer): a unit drawn twice is drawn again, which at
       * most half the units taken costs at most twice the draws. */
      gboolean complement = C > s->n_units / 2;
      guint m = complement ? s->n_units - C : C;

      for (guint t = 0; t < m; t++)
        {
          guint u;

          do
            u = rng_below (rand, s->n_units);
          while (taken[u >> 6] & (G_GUINT64_CONSTANT (1) << (u & 63)));
          taken[u >> 6] |= G_GUINT64_CONSTANT (1) << (u & 63);
          picked[t] = u;
          cases[s->unit_location[u]] += 1;
        }
      for (guint t = 0; t < m; t++)
        taken[picked[t] >> 6] = 0;
      if (complement)
        for (guint i = 0; i < s->n; i++)
          cases[i] = (guint32) s->locations[i].population - cases[i];
      return;
    }
  /* Poisson: C cases, each at a location with probability population / N. */
  for (guint t = 0; t < C; t++)
    {
      double u = rng_double (rand) * s->n;
      guint j = MIN ((guint) u, s->n - 1);

      cases[u - j < s->alias_p[j] ? j : s->alias_j[j]] += 1;
    }
}

typedef struct {
  const Scan   *scan;
  const guint32 *threshold;
  guint32       seed;
  int           first, step, replications;
  double       *maxima;
  GCancellable *cancellable;
} Worker;

static gpointer
run_worker (gpointer data)
{
  Worker *w = data;
  const Scan *s = w->scan;
  g_autofree guint64 *taken = g_new0 (guint64, s->n_units / 64 + 1);
  g_autofree guint *picked = g_new (guint, s->n_units / 2 + 1);
  g_autofree guint32 *cases = g_new (guint32, MAX (s->n, 1));

  for (int r = w->first; r < w->replications; r += w->step)
    {
      Rng rand;

      if (g_cancellable_is_cancelled (w->cancellable))
        break;
      rng_seed (&rand, w->seed, (guint32) r);
      draw_cases (s, &rand, taken, picked, cases);
      w->maxima[r] = scan_max_above (s, cases, w->threshold);
    }
  return NULL;
}

static void
build_alias (Scan *s)
{
  g_autofree double *q = g_new (double, s->n);
  g_autofree guint *small = g_new (guint, s->n), *large = g_new (guint, s->n);
  guint ns = 0, nl = 0;

  s->alias_p = g_new (double, s->n);
  s->alias_j = g_new (guint, s->n);
  for (guint i = 0; i < s->n; i++)
    {
      q[i] = MAX (s->locations[i].population, 0) * s->n / s->total_population;
      s->alias_j[i] = i;
      if (q[i] < 1)
        small[ns++] = i;
      else
        large[nl++] = i;
    }
  while (ns > 0 && nl > 0)
    {
      guint a = small[--ns], b = large[nl - 1];

      s->alias_p[a] = q[a];
      s->alias_j[a] = b;
      q[b] -= 1 - q[a];
      if (q[b] < 1)
        {
          nl--;
          small[ns++] = b;
        }
    }
  while (nl > 0)
    s->alias_p[large[--nl]] = 1;
  while (ns > 0)
    s->alias_p[small[--ns]] = 1;
}

static void
scan_clear (Scan *s)
{
  g_free (s->centre_of);
  g_free (s->start);
  g_free (s->member);
  g_free (s->constant);
  g_free (s->constant2);
  g_free (s->expected);
  g_free (s->threshold);
  g_free (s->xlogx);
  g_free (s->unit_location);
  g_free (s->alias_p);
  g_free (s->alias_j);
}

void
sm_scan_cluster_free (SmScanCluster *cluster)
{
  if (cluster == NULL)
    return;
  g_array_unref (cluster->members);
  g_free (cluster);
}

static gboolean
check_input (const SmScanLocation *locations,
             guint                 n,
             SmScanModel           model,
             double               *cases,
             double               *population,
             GError              **error)
{
  *cases = *population = 0;
  for (guint i = 0; i < n; i++)
    {
      const SmScanLocation *l = &locations[i];

      if (!isfinite (l->x) || !isfinite (l->y) || !isfinite (l->population) || !isfinite (l->cases) ||
          l->population < 0 || l->cases < 0 || l->cases != floor (l->cases) ||
          (model == SM_SCAN_BERNOULLI && (l->population != floor (l->population) ||
                                          l->cases > l->population)) ||
          (l->cases > 0 && l->population <= 0))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("Location %u cannot be scanned: %g cases in a population of %g"),
                       i + 1, l->cases, l->population);
          return FALSE;
        }
      *cases += l->cases;
      *population += l->population;
    }
  if (*population > 4e9 || *cases > 4e9)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The population is too large to scan"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_by_llr (const void *a,
                const void *b,
                void       *data)
{
  const double *llr = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (llr[x] != llr[y])
    return llr[x] < llr[y] ? 1 : -1;
  return (x > y) - (x < y);
}

/* Replications between two looks at the clusters' p-values. */
#define REPLICATION_BATCH 100

/* Each step's threshold for @level; @raised: the thresholds hold those of
 * a lower level, each a count below it. */
static void
set_thresholds (Scan     *s,
                double    level,
                gboolean  raised)
{
  for (guint k = 0; k < s->start[s->n_centres]; k++)
    if (!raised || s->threshold[k] != G_MAXUINT32)
      {
        double t = step_threshold (s, k, level, raised ? (double) s->threshold[k] : -1.0);

        s->threshold[k] = isfinite (t) ? (guint32) t : G_MAXUINT32;
      }
}

/* How many of the first @n replications reached the cluster's ratio. */
static guint
beaten_by (const double        *maxima,
           int                  n,
           const SmScanCluster *cluster)
{
  guint beaten = 0;

  for (int k = 0; k < n; k++)
    beaten += maxima[k] >= cluster->llr * (1 - 1e-12);
  return beaten;
}

/**
 * sm_scan:
 * @locations: (array length=n): cases and population per place
 *
 * Kulldorff's circular scan. Returns the clusters with excess, the most
 * likely first, with Monte Carlo p-values; a deterministic answer for a
 * seed, whatever the number of processors. Empty when there are no cases
 * or only cases. With options' keep_below, only the clusters whose p is
 * below it, with the same p-values; the others are let go as soon as the
 * replications make that certain.
 *
 * Returns: (transfer full) (element-type SmScanCluster): or %NULL with
 *   @error (bad input, or cancelled)
 */
GPtrArray *
sm_scan (const SmScanLocation *locations,
         guint                 n,
         const SmScanOptions  *options,
         GCancellable         *cancellable,
         GError              **error)
{
  const SmScanOptions defaults = { 0 };
  const SmScanOptions *o = options ? options : &defaults;
  int replications = o->replications > 0 ? o->replications : SM_PERMUTATIONS_DEFAULT;
  guint max_clusters = o->max_clusters > 0 ? o->max_clusters : 10;
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_scan_cluster_free);
  g_autofree double *observed = NULL, *best = NULL, *maxima = NULL;
  g_autofree guint *step = NULL, *order = NULL;
  g_autofree gboolean *used = NULL;
  int n_workers;
  double level;
  Worker workers[8];
  GThread *threads[8];
  Scan s = { 0 };

  if (!check_input (locations, n, o->model, &s.total_cases, &s.total_population, error))
    return NULL;
  if (s.total_cases <= 0 || s.total_population <= 0 ||
      (o->model == SM_SCAN_BERNOULLI && s.total_cases >= s.total_population))
    return g_steal_pointer (&clusters);

  s.model = o->model;
  s.locations = locations;
  s.n = n;
  s.table = (guint) (o->model == SM_SCAN_BERNOULLI ? s.total_population : s.total_cases) + 1;
  s.xlogx = g_new (double, s.table);
  s.xlogx[0] = 0;
  for (guint k = 1; k < s.table; k++)
    s.xlogx[k] = k * log ((double) k);
  build_circles (&s, o);

  if (o->model == SM_SCAN_BERNOULLI)
    {
      guint u = 0;

      s.n_units = (guint) s.total_population;
      s.unit_location = g_new (guint, s.n_units);
      for (guint i = 0; i < n; i++)
        for (guint k = 0; k < (guint) locations[i].population; k++)
          s.unit_location[u++] = i;
    }
  else
    build_alias (&s);

  observed = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    observed[i] = locations[i].cases;
  best = g_new0 (double, MAX (s.n_centres, 1));
  step = g_new0 (guint, MAX (s.n_centres, 1));
  scan_max (&s, observed, best, step);

  /* The best circle of each centre, most likely first, none overlapping. */
  order = g_new (guint, MAX (s.n_centres, 1));
  for (guint c = 0; c < s.n_centres; c++)
    order[c] = c;
  g_qsort_with_data (order, (gint) s.n_centres, sizeof (guint), compare_by_llr, best);
  used = g_new0 (gboolean, MAX (n, 1));
  for (guint r = 0; r < s.n_centres && clusters->len < max_clusters; r++)
    {
      guint c = order[r], last = step[c];
      gboolean free = best[c] > 0;
      SmScanCluster *cl;
      double C = s.total_cases, N = s.total_population, outside_pop, outside_cases;

      for (guint k = s.start[c]; free && k <= last; k++)
        free = !used[s.member[k]];
      if (!free)
        continue;
      cl = g_new0 (SmScanCluster, 1);
      cl->centre = s.centre_of[c];
      cl->x = locations[cl->centre].x;
      cl->y = locations[cl->centre].y;
      cl->members = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = s.start[c]; k <= last; k++)
        {
          const SmScanLocation *l = &locations[s.member[k]];

          used[s.member[k]] = TRUE;
          g_array_append_val (cl->members, s.member[k]);
          cl->population += l->population;
          cl->cases += l->cases;
          cl->radius_m = MAX (cl->radius_m, hypot (l->x - cl->x, l->y - cl->y));
        }
      cl->expected = C * cl->population / N;
      outside_pop = N - cl->population;
      outside_cases = C - cl->cases;
      if (o->model == SM_SCAN_BERNOULLI)
        cl->relative_risk = outside_cases > 0 ? (cl->cases / cl->population) / (outside_cases / outside_pop)
                                              : INFINITY;
      else
        cl->relative_risk = outside_cases > 0 ? (cl->cases / cl->expected) / (outside_cases / (C - cl->expected))
                                              : INFINITY;
      cl->llr = best[c];
      g_ptr_array_add (clusters, cl);
    }
  if (clusters->len == 0)
    {
      scan_clear (&s);
      return g_steal_pointer (&clusters);
    }
  level = ((SmScanCluster *) g_ptr_array_index (clusters, clusters->len - 1))->llr * (1 - 1e-12);

  /* A replication's ratio matters only where it reaches the least likely
   * cluster's: the cases each step needs for that. */
  s.threshold = g_new (guint32, MAX (s.start[s.n_centres], 1));
  set_thresholds (&s, level, FALSE);

  /* The replications, spread over the processors, in batches: after each,
   * the clusters that can no longer stay below @keep_below are let go,
   * and the rest need only their own ratios. */
  maxima = g_new0 (double, replications);
  n_workers = CLAMP ((int) g_get_num_processors (), 1, (int) G_N_ELEMENTS (workers));
  for (int done = 0; done < replications && clusters->len > 0;)
    {
      int end = o->keep_below > 0 ? MIN (done + REPLICATION_BATCH, replications) : replications;
      guint kept = clusters->len;

      for (int t = 0; t < n_workers; t++)
        {
          workers[t] = (Worker) { &s, s.threshold, o->seed, done + t, n_workers, end, maxima, cancellable };
          threads[t] = t > 0 ? g_thread_new ("sm-scan", run_worker, &workers[t]) : NULL;
        }
      run_worker (&workers[0]);
      for (int t = 1; t < n_workers; t++)
        g_thread_join (threads[t]);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          scan_clear (&s);
          return NULL;
        }
      done = end;
      /* A cluster beaten this often has p ≥ keep_below whatever comes, and
       * so has every less likely one. */
      while (o->keep_below > 0 && kept > 0 &&
             (beaten_by (maxima, done, g_ptr_array_index (clusters, kept - 1)) + 1.0) /
             (replications + 1.0) >= o->keep_below)
        kept--;
      if (kept < clusters->len)
        {
          g_ptr_array_set_size (clusters, kept);
          if (kept > 0)
            set_thresholds (&s, ((SmScanCluster *) g_ptr_array_index (clusters, kept - 1))->llr * (1 - 1e-12),
                            TRUE);
        }
    }

  for (guint i = 0; i < clusters->len; i++)
    {
      SmScanCluster *cl = g_ptr_array_index (clusters, i);

      cl->p = (beaten_by (maxima, replications, cl) + 1.0) / (replications + 1.0);
    }
  scan_clear (&s);
  return g_steal_pointer (&clusters);
}
