#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sm-bench-util.h"

double
sm_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
sm_bench_sort (double *values,
               gsize   n)
{
  qsort (values, n, sizeof values[0], compare_doubles);
}

/* Linear interpolation between the closest ranks; @p in 0–1. */
double
sm_bench_percentile (const double *sorted,
                     gsize         n,
                     double        p)
{
  double rank;
  gsize lo;

  if (n == 0)
    return 0;
  rank = p * (double) (n - 1);
  lo = (gsize) rank;
  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (rank - (double) lo) * (sorted[lo + 1] - sorted[lo]);
}

static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (p = strstr (status, field)) == NULL)
    return -1;
  return strtol (p + strlen (field), NULL, 10) / 1024.0;
}

double
sm_bench_peak_rss_mb (void)
{
  return status_mb ("VmHWM:");
}

double
sm_bench_rss_mb (void)
{
  return status_mb ("VmRSS:");
}
