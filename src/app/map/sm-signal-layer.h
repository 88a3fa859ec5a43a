#pragma once

#include <shumate/shumate.h>

#include "sm-context.h"

G_BEGIN_DECLS

#define SM_TYPE_SIGNAL_LAYER (sm_signal_layer_get_type ())

G_DECLARE_FINAL_TYPE (SmSignalLayer, sm_signal_layer, SM, SIGNAL_LAYER, ShumateLayer)

/* Where the signals are about: a dot at the household per signal the
 * filter's time shows, coloured by who signalled, fading with age, ringed
 * red when overdue on that day. In the planner view, counts per grid cell
 * under the disclosure rule, and no signal's place. */

SmSignalLayer *sm_signal_layer_new             (ShumateViewport *viewport,
                                                SmContext       *context);
void           sm_signal_layer_set_planner_view (SmSignalLayer  *self,
                                                 gboolean        planner_view);
guint          sm_signal_layer_get_n_shown      (SmSignalLayer  *self);
guint          sm_signal_layer_get_n_overdue    (SmSignalLayer  *self);
GArray        *sm_signal_layer_get_grid         (SmSignalLayer  *self);
char          *sm_signal_layer_describe         (SmSignalLayer  *self,
                                                 double          lat,
                                                 double          lon);

G_END_DECLS
