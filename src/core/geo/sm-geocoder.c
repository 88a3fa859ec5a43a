#define G_LOG_DOMAIN "sm-geocoder"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sm-basemap.h"
#include "sm-boundary.h"
#include "sm-geocoder.h"
#include "sm-mercator.h"
#include "sm-store-basemap.h"
#include "sm-store-places.h"
#include "sm-store-review.h"
#include "sm-geocoder-private.h"

/* The reference data is read once into memory, grouped by street: the
 * streets of one name are split into places that lie apart (two "Fő utca"
 * in two villages of a town are two streets), each with its lines and its
 * numbered address points. An address then costs a hash lookup and a
 * binary search: about a microsecond, so a whole import geocodes in the
 * time it takes to read it.
 *
 * The order of trust: an address point with the number; a position
 * interpolated between the nearest numbers on the same side of the street
 * (odd or even); the middle of the street; the settlement part; the
 * settlement. */

G_DEFINE_FINAL_TYPE (SmGeocoder, sm_geocoder, G_TYPE_OBJECT)

static void
street_free (Street *s)
{
  g_free (s->label);
  g_free (s->name);
  g_free (s->type);
  g_free (s->city);
  g_ptr_array_unref (s->lines);
  g_array_unref (s->numbers);
  g_free (s);
}

static void
sm_geocoder_finalize (GObject *object)
{
  SmGeocoder *self = SM_GEOCODER (object);

  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->by_first_word);
  g_ptr_array_unref (self->streets);
  sm_places_free (self->places);
  g_hash_table_unref (self->part_anchor);
  g_hash_table_unref (self->town_anchor);

  G_OBJECT_CLASS (sm_geocoder_parent_class)->finalize (object);
}

static void
sm_geocoder_class_init (SmGeocoderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_geocoder_finalize;
}

static void
sm_geocoder_init (SmGeocoder *self)
{
  self->streets = g_ptr_array_new_with_free_func ((GDestroyNotify) street_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->by_first_word = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  self->places = sm_places_new ();
  self->part_anchor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->town_anchor = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* "Kossuth Lajos utca" → name "kossuth lajos", type "utca"; "Äulestrasse"
 * → "aulestrasse", no type. */
static void
split_street (const char  *written,
              char       **name,
              char       **type)
{
  g_autofree char *copy = g_strstrip (g_strdup (written));
  char *space = strrchr (copy, ' ');
  const char *canonical = space != NULL ? sm_street_type_canonical (space + 1) : NULL;

  if (canonical != NULL)
    {
      *space = '\0';
      *name = sm_text_fold (copy);
      *type = g_strdup (canonical);
    }
  else
    {
      *name = sm_text_fold (copy);
      *type = NULL;
    }
}

char *
_sm_geocoder_street_key (const char *name,
                         const char *type)
{
  return g_strdup_printf ("%s|%s", name, type ? type : "");
}

static void
street_extend (Street *s,
               double  lon,
               double  lat)
{
  s->west = MIN (s->west, lon);
  s->east = MAX (s->east, lon);
  s->south = MIN (s->south, lat);
  s->north = MAX (s->north, lat);
}

static gboolean
street_near (const Street *s,
             double        west,
             double        south,
             double        east,
             double        north)
{
  return west <= s->east + CLUSTER_GAP_DEG && east >= s->west - CLUSTER_GAP_DEG &&
         south <= s->north + CLUSTER_GAP_DEG && north >= s->south - CLUSTER_GAP_DEG;
}

/* The street of this name near this box, made if there is none. */
static Street *
street_for (SmGeocoder *self,
            const char *label,
            const char *name,
            const char *type,
            double      west,
            double      south,
            double      east,
            double      north)
{
  g_autofree char *key = _sm_geocoder_street_key (name, type);
  GPtrArray *list = g_hash_table_lookup (self->by_key, key);
  Street *s;

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      s = g_ptr_array_index (list, i);
      if (street_near (s, west, south, east, north))
        return s;
    }
  s = g_new0 (Street, 1);
  s->label = g_strdup (label);
  s->name = g_strdup (name);
  s->type = g_strdup (type);
  s->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  s->numbers = g_array_new (FALSE, FALSE, sizeof (AddressPoint));
  s->west = s->south = G_MAXDOUBLE;
  s->east = s->north = -G_MAXDOUBLE;
  g_ptr_array_add (self->streets, s);
  if (list == NULL)
    {
      g_autofree char *first = g_strdup (name);
      char *space = strchr (first, ' ');
      GPtrArray *by_word;

      list = g_ptr_array_new ();
      g_hash_table_insert (self->by_key, g_strdup (key), list);
      if (space != NULL)
        *space = '\0';
      by_word = g_hash_table_lookup (self->by_first_word, first);
      if (by_word == NULL)
        {
          by_word = g_ptr_array_new ();
          g_hash_table_insert (self->by_first_word, g_strdup (first), by_word);
        }
      g_ptr_array_add (by_word, s);
    }
  else
    {
      /* Another place of a known name: findable from the first word too. */
      g_autofree char *first = g_strdup (name);
      char *space = strchr (first, ' ');

      if (space != NULL)
        *space = '\0';
      g_ptr_array_add (g_hash_table_lookup (self->by_first_word, first), s);
    }
  g_ptr_array_add (list, s);
  return s;
}

/* A named road of the basemap becomes lines of its street. */
static void
add_street_feature (int           klass,
                    int           level,
                    const char   *label,
                    const guint8 *blob,
                    gsize         size,
                    gpointer      user_data)
{
  SmGeocoder *self = user_data;
  gsize offset = 4;
  g_autofree char *name = NULL, *type = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double west = G_MAXDOUBLE, south = G_MAXDOUBLE, east = -G_MAXDOUBLE, north = -G_MAXDOUBLE;
  guint32 n_parts;
  Street *s;

  if (size < 4)
    return;
  n_parts = sm_basemap_read_u32 (blob);
  for (guint32 part = 0; part < n_parts && offset + 4 <= size; part++)
    {
      guint32 n;
      GArray *line;

      n = sm_basemap_read_u32 (blob + offset);
      offset += 4;
      if (offset + (gsize) n * 8 > size)
        break;
      line = g_array_sized_new (FALSE, FALSE, sizeof (LonLat), n);
      for (guint32 k = 0; k < n; k++, offset += 8)
        {
          LonLat p;

          sm_mercator_to_lonlat (sm_basemap_read_u32 (blob + offset) / SM_BASEMAP_WORLD,
                                 sm_basemap_read_u32 (blob + offset + 4) / SM_BASEMAP_WORLD, &p.lon, &p.lat);
          g_array_append_val (line, p);
          west = MIN (west, p.lon);
          east = MAX (east, p.lon);
          south = MIN (south, p.lat);
          north = MAX (north, p.lat);
        }
      g_ptr_array_add (lines, line);
    }
  if (lines->len == 0)
    return;
  split_street (label, &name, &type);
  if (*name == '\0')
    return;
  s = street_for (self, label, name, type, west, south, east, north);
  while (lines->len > 0)
    g_ptr_array_add (s->lines, g_ptr_array_steal_index (lines, 0));
  street_extend (s, west, south);
  street_extend (s, east, north);
}

static gboolean
load_streets (SmGeocoder  *self,
              SmStore     *store,
              GError     **error)
{
  return sm_store_each_basemap_feature (store, SM_BASEMAP_MOTORWAY, SM_BASEMAP_PATH,
                                        add_street_feature, self, error);
}

/* "12", "12a", "12/A", "12-14": the number and a letter. */
static gboolean
parse_house_number (const char *text,
                    int        *number,
                    char       *letter)
{
  char *end;
  long n;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  n = strtol (text, &end, 10);
  if (n <= 0 || n > 100000)
    return FALSE;
  while (*end == '/' || *end == '.' || *end == ' ')
    end++;
  *number = (int) n;
  *letter = g_ascii_isalpha (*end) ? g_ascii_toupper (*end) : 0;
  return TRUE;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  const AddressPoint *x = a, *y = b;

  if (x->number != y->number)
    return x->number - y->number;
  return x->letter - y->letter;
}

typedef struct {
  SmGeocoder *self;
  GHashTable *excluded;
} AddressLoad;

static void
add_reference_address (const SmReferenceAddress *a,
                       gpointer                  user_data)
{
  AddressLoad *load = user_data;
  SmGeocoder *self = load->self;
  AddressPoint point = { 0 };
  g_autofree char *name = NULL, *type = NULL;
  Street *s;

  if (load->excluded != NULL && g_hash_table_contains (load->excluded, &a->id))
    return;
  point.at.lat = a->lat;
  point.at.lon = a->lon;
  if (!parse_house_number (a->housenumber, &point.number, &point.letter))
    return;
  split_street (a->street, &name, &type);
  if (*name == '\0')
    return;
  s = street_for (self, a->street, name, type, point.at.lon, point.at.lat, point.at.lon, point.at.lat);
  street_extend (s, point.at.lon, point.at.lat);
  g_array_append_val (s->numbers, point);
  if (a->city != NULL && s->city == NULL)
    s->city = g_strdup (a->city);
  if (a->city != NULL)
    {
      g_autofree char *folded = sm_text_fold (a->city);

      sm_places_add_settlement (self->places, a->city);
      if (!g_hash_table_contains (self->town_anchor, folded))
        g_hash_table_insert (self->town_anchor, g_steal_pointer (&folded),
                             g_memdup2 (&point.at, sizeof point.at));
    }
  self->n_addresses++;
}

static gboolean
load_addresses (SmGeocoder  *self,
                SmStore     *store,
                GHashTable  *excluded,
                GError     **error)
{
  AddressLoad load = { self, excluded };

  if (!sm_store_each_reference_address (store, add_reference_address, &load, error))
    return FALSE;
  for (guint i = 0; i < self->streets->len; i++)
    {
      Street *s = g_ptr_array_index (self->streets, i);

      g_array_sort (s->numbers, compare_numbers);
    }
  return TRUE;
}

static gboolean
load_places (SmGeocoder  *self,
             SmStore     *store,
             GError     **error)
{
  g_autoptr(GPtrArray) parts = sm_store_list_parts (store, NULL, error);
  g_autoptr(GPtrArray) towns = NULL;

  if (parts == NULL)
    return FALSE;
  /* A settlement's point: its main built-up area's anchor in the
   * gazetteer (KSH "Központi belterület"); else the middle of its outline
   * (sm_shape_get_centre); only without either the first address stored. */
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);
      LonLat at = { part->anchor_lon, part->anchor_lat };

      sm_places_add_part (self->places, part->settlement, part->name);
      if (part->has_anchor)
        g_hash_table_replace (self->part_anchor, sm_text_fold (part->name),
                              g_memdup2 (&at, sizeof at));
      if (part->has_anchor && g_strcmp0 (part->kind, "Központi belterület") == 0)
        g_hash_table_replace (self->town_anchor, sm_text_fold (part->settlement),
                              g_memdup2 (&at, sizeof at));
    }

  towns = sm_boundary_list (store, "settlement", error);
  if (towns == NULL)
    return FALSE;
  for (guint i = 0; i < towns->len; i++)
    {
      SmBoundary *b = g_ptr_array_index (towns, i);
      g_autofree char *folded = sm_text_fold (b->name);
      LonLat at;

      sm_places_add_settlement (self->places, b->name);
      if (g_hash_table_contains (self->town_anchor, folded) ||
          !sm_shape_get_centre (b->shape, &at.lon, &at.lat))
        continue;
      g_hash_table_insert (self->town_anchor, g_steal_pointer (&folded), g_memdup2 (&at, sizeof at));
    }
  return TRUE;
}

SmGeocoder *
sm_geocoder_new (SmStore  *store,
                 GError  **error)
{
  return sm_geocoder_new_excluding (store, NULL, error);
}

/**
 * sm_geocoder_new_excluding:
 * @address_ids: (nullable): ids (gint64) of basemap_address rows to leave
 *   out, to measure the geocoder on addresses it does not know
 */
SmGeocoder *
sm_geocoder_new_excluding (SmStore     *store,
                           GHashTable  *address_ids,
                           GError     **error)
{
  g_autoptr(SmGeocoder) self = g_object_new (SM_TYPE_GEOCODER, NULL);

  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  if (!load_places (self, store, error) || !load_streets (self, store, error) ||
      !load_addresses (self, store, address_ids, error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
sm_geocoder_get_n_streets (SmGeocoder *self)
{
  g_return_val_if_fail (SM_IS_GEOCODER (self), 0);
  return self->streets->len;
}

guint
sm_geocoder_get_n_addresses (SmGeocoder *self)
{
  g_return_val_if_fail (SM_IS_GEOCODER (self), 0);
  return self->n_addresses;
}
