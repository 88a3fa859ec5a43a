#pragma once

#include <glib.h>

G_BEGIN_DECLS

double  sm_bench_now_ms        (void);
void    sm_bench_sort          (double *values,
                                gsize   n);
double  sm_bench_percentile    (const double *sorted,
                                gsize         n,
                                double        p);
double  sm_bench_peak_rss_mb   (void);
double  sm_bench_rss_mb        (void);

G_END_DECLS
