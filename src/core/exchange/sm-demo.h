#pragma once

#include "sm-progress.h"
#include "sm-store.h"

G_BEGIN_DECLS

#define SM_DEMO_DEFAULT_HOUSEHOLDS 1000
#define SM_DEMO_DEFAULT_SEED 20127     /* Tata's KSH code */

typedef struct {
  guint        n_households;
  guint32      seed;
  const char  *until;        /* last day of the synthetic history; NULL: today */
  guint        n_services;   /* synthetic services besides the real ones; 0: SM_DEMO_DEFAULT_SERVICES */
} SmDemoOptions;

#define SM_DEMO_DEFAULT_SERVICES 30

gboolean sm_demo_generate (SmStore             *store,
                           const SmDemoOptions *options,
                           SmProgressFunc       progress,
                           gpointer             user_data,
                           GError             **error);

gboolean sm_demo_generate_liechtenstein (SmStore             *store,
                                         const SmDemoOptions *options,
                                         SmProgressFunc       progress,
                                         gpointer             user_data,
                                         GError             **error);

G_END_DECLS
