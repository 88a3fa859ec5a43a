#pragma once

#include <gio/gio.h>

#include "sm-disclosure.h"
#include "sm-filter.h"
#include "sm-geocoder.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* What every panel and layer of a window works with: the store, the
 * filter of what is shown, the settings, the geocoder and the disclosure
 * policy. A window makes one and hands it to each as its "context". */

#define SM_TYPE_CONTEXT (sm_context_get_type ())

G_DECLARE_FINAL_TYPE (SmContext, sm_context, SM, CONTEXT, GObject)

SmContext    *sm_context_new              (SmStore    *store,
                                           GSettings  *settings);
SmStore      *sm_context_get_store        (SmContext  *self);
SmFilter     *sm_context_get_filter       (SmContext  *self);
GSettings    *sm_context_get_settings     (SmContext  *self);
SmDisclosure *sm_context_get_disclosure   (SmContext  *self);
SmGeocoder   *sm_context_get_geocoder     (SmContext  *self);
void          sm_context_reload_geocoder  (SmContext  *self);

G_END_DECLS
