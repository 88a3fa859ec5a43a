#pragma once

#include <gtk/gtk.h>

#include "sm-service-symbol.h"

G_BEGIN_DECLS

/* The services' symbols on the map (and in a legend): the shape of their
 * kind, the colour of their branch, a white rim; several services at one
 * place a dark square with their number. Drawn once per look and scale
 * into a texture, so a thousand services cost a thousand textured
 * squares a frame. */

#define SM_SERVICE_SYMBOL_SIZE 20   /* logical pixels, rim included */
#define SM_SERVICE_BADGE_SIZE 14    /* the red badge of referrals not answered in time */

typedef struct _SmServiceSymbols SmServiceSymbols;

SmServiceSymbols *sm_service_symbols_new    (void);
void              sm_service_symbols_free   (SmServiceSymbols *self);
GdkTexture       *sm_service_symbols_get    (SmServiceSymbols *self,
                                             SmServiceSymbol   symbol,
                                             const char       *branch,
                                             guint             n_services,
                                             int               scale);
GdkTexture       *sm_service_symbols_get_overdue (SmServiceSymbols *self,
                                                  guint             n_overdue,
                                                  int               scale);
void              sm_service_symbols_draw   (cairo_t          *cr,
                                             double            x,
                                             double            y,
                                             SmServiceSymbol   symbol,
                                             const char       *branch,
                                             guint             n_services);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmServiceSymbols, sm_service_symbols_free)

G_END_DECLS
