#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Running social-map-cli from a test: its exit status and what it wrote. */

extern const char *cli;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

void run_clear         (Run        *r);
void run               (Run        *r,
                        ...) G_GNUC_NULL_TERMINATED;
void expect_user_error (Run        *r,
                        const char *words);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

G_END_DECLS
