#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* Asks for a measure on a hotspot area (its kind, the organization
 * responsible, the outcome so far) and records it through core. */

typedef void (*SmMeasureDone) (gpointer    data,
                               const char *message);

void  sm_measure_dialog_present (GtkWindow     *parent,
                                 SmContext     *context,
                                 const char    *area,
                                 double         lat,
                                 double         lon,
                                 SmMeasureDone  done,
                                 gpointer       data);

G_END_DECLS
