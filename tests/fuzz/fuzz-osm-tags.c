/* The OSM tag reader and classifier, on any hstore text. */

#include "config.h"

#include "sm-basemap.h"
#include "sm-basemap-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *tags = g_strndup ((const char *) data, size);
  static const char * const keys[] = { "highway", "name", "addr:street", "building", "\"", "" };

  for (int kind = 0; kind < 3; kind++)
    {
      int zoom = -1;
      int klass = _sm_basemap_classify_tags (tags, kind, &zoom);

      g_assert_true (klass >= SM_BASEMAP_NONE && klass < SM_BASEMAP_N_CLASSES);
      g_assert_true (klass == SM_BASEMAP_NONE || (zoom >= 0 && zoom <= 22));
    }
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_free (_sm_basemap_hstore_get (tags, keys[i]));
  return 0;
}
