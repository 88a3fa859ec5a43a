#pragma once

#include "sm-store.h"
#include "sm-tile-store.h"

G_BEGIN_DECLS

/* The basemap's features (classes of sm-basemap.h, packed geometry) and
 * the reference addresses the geocoder reads: the extract's and those of
 * imported address registers. */

typedef struct {
  gint64      id;
  const char *street;            /* street, or a place without streets */
  const char *housenumber;
  const char *postcode;
  const char *city;
  double      lat;
  double      lon;
  const char *source;            /* "osm" or "register" */
} SmReferenceAddress;

typedef void (*SmReferenceAddressFunc) (const SmReferenceAddress *address,
                                        gpointer                  user_data);

gboolean sm_store_has_basemap              (SmStore                   *store);
gboolean sm_store_clear_basemap            (SmStore                   *store,
                                            GError                   **error);
gboolean sm_store_add_basemap_feature      (SmStore                   *store,
                                            int                        klass,
                                            const char                *name,
                                            GBytes                    *geometry,
                                            double                     west,
                                            double                     south,
                                            double                     east,
                                            double                     north,
                                            int                        min_zoom,
                                            int                        level,
                                            GError                   **error);
gboolean sm_store_each_basemap_feature     (SmStore                   *store,
                                            int                        min_class,
                                            int                        max_class,
                                            SmBasemapFeatureFunc       func,
                                            gpointer                   user_data,
                                            GError                   **error);
gboolean sm_store_get_basemap_extent       (SmStore                   *store,
                                            int                        min_zoom,
                                            double                    *west,
                                            double                    *south,
                                            double                    *east,
                                            double                    *north);
gboolean sm_store_add_reference_address    (SmStore                   *store,
                                            const SmReferenceAddress  *address,
                                            GError                   **error);
gboolean sm_store_each_reference_address   (SmStore                   *store,
                                            SmReferenceAddressFunc     func,
                                            gpointer                   user_data,
                                            GError                   **error);

G_END_DECLS
