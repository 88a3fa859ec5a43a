#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

GBytes *sm_png_encode (cairo_surface_t *surface);

G_END_DECLS
