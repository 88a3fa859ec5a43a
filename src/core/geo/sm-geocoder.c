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

#define CLUSTER_GAP_DEG 0.004    /* lines of one name further apart are two streets */

typedef struct {
  double lon, lat;
} LonLat;

typedef struct {
  int    number;
  char   letter;     /* 0 or 'A'… */
  LonLat at;
} AddressPoint;

typedef struct {
  char      *label;       /* "Kossuth Lajos utca" */
  char      *name;        /* folded name without the type */
  char      *type;        /* canonical type or NULL */
  char      *city;        /* from its addresses, if they say */
  GPtrArray *lines;       /* GArray of LonLat */
  GArray    *numbers;     /* AddressPoint, by number */
  double     west, south, east, north;
} Street;

struct _SmGeocoder
{
  GObject     parent_instance;

  GPtrArray  *streets;        /* Street */
  GHashTable *by_key;         /* street key → GPtrArray of Street* */
  GHashTable *by_first_word;  /* first folded word of the name → GPtrArray of Street* */
  SmPlaces   *places;
  GHashTable *part_anchor;    /* folded part → LonLat */
  GHashTable *town_anchor;    /* folded settlement → LonLat */
  guint       n_addresses;
};

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

static char *
street_key (const char *name,
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
  g_autofree char *key = street_key (name, type);
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
  memcpy (&n_parts, blob, 4);
  n_parts = GUINT32_FROM_LE (n_parts);
  for (guint32 part = 0; part < n_parts && offset + 4 <= size; part++)
    {
      guint32 n;
      GArray *line;

      memcpy (&n, blob + offset, 4);
      n = GUINT32_FROM_LE (n);
      offset += 4;
      if (offset + (gsize) n * 8 > size)
        break;
      line = g_array_sized_new (FALSE, FALSE, sizeof (LonLat), n);
      for (guint32 k = 0; k < n; k++, offset += 8)
        {
          guint32 x, y;
          LonLat p;

          memcpy (&x, blob + offset, 4);
          memcpy (&y, blob + offset + 4, 4);
          sm_mercator_to_lonlat (GUINT32_FROM_LE (x) / SM_BASEMAP_WORLD,
                                 GUINT32_FROM_LE (y) / SM_BASEMAP_WORLD, &p.lon, &p.lat);
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
  for (guint i = 0; i < parts->len; i++)
    {
      const SmSettlementPart *part = g_ptr_array_index (parts, i);
      LonLat at = { part->anchor_lon, part->anchor_lat };

      sm_places_add_part (self->places, part->settlement, part->name);
      if (part->has_anchor)
        g_hash_table_replace (self->part_anchor, sm_text_fold (part->name),
                              g_memdup2 (&at, sizeof at));
    }

  /* Settlements: the middle of their boundary's box. */
  towns = sm_boundary_list (store, "settlement", error);
  if (towns == NULL)
    return FALSE;
  for (guint i = 0; i < towns->len; i++)
    {
      SmBoundary *b = g_ptr_array_index (towns, i);
      double w, s, e, n;
      LonLat at;

      sm_shape_get_bbox (b->shape, &w, &s, &e, &n);
      at = (LonLat) { (w + e) / 2, (s + n) / 2 };
      sm_places_add_settlement (self->places, b->name);
      g_hash_table_replace (self->town_anchor, sm_text_fold (b->name), g_memdup2 (&at, sizeof at));
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

/* --- matching --------------------------------------------------------- */

static double
distance_m (LonLat a,
            LonLat b)
{
  double dx = (a.lon - b.lon) * cos ((a.lat + b.lat) / 2 * G_PI / 180) * 111320;
  double dy = (a.lat - b.lat) * 110540;

  return sqrt (dx * dx + dy * dy);
}

static gboolean
types_compatible (const char *query,
                  const char *reference)
{
  return query == NULL || reference == NULL || g_str_equal (query, reference);
}

/* The streets the parsed name may mean: exactly its key, or else the
 * streets starting with the same word whose names match allowing initials
 * and left-out first names. */
static GPtrArray *
find_streets (SmGeocoder *self,
              SmAddress  *a,
              gboolean   *fuzzy)
{
  g_autofree char *name = sm_text_fold (a->street_name);
  g_autofree char *key = street_key (name, a->street_type);
  GPtrArray *exact = g_hash_table_lookup (self->by_key, key);
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *first = g_strdup (name);
  char *space = strchr (first, ' ');
  GPtrArray *same_word;

  *fuzzy = FALSE;
  if (exact != NULL)
    {
      g_ptr_array_extend (found, exact, NULL, NULL);
      return found;
    }
  /* "Dunasor" written "Duna sor", or a type the reference does not have. */
  if (a->street_type != NULL)
    {
      g_autofree char *joined = g_strdup_printf ("%s%s", name, a->street_type);
      g_autofree char *joined_folded = sm_text_fold (joined);
      g_autofree char *joined_key = street_key (joined_folded, NULL);

      exact = g_hash_table_lookup (self->by_key, joined_key);
      if (exact != NULL)
        {
          g_ptr_array_extend (found, exact, NULL, NULL);
          return found;
        }
    }
  if (space != NULL)
    *space = '\0';
  same_word = g_hash_table_lookup (self->by_first_word, first);
  for (guint i = 0; same_word != NULL && i < same_word->len; i++)
    {
      Street *s = g_ptr_array_index (same_word, i);

      if (types_compatible (a->street_type, s->type) && sm_street_names_match (name, s->name))
        g_ptr_array_add (found, s);
    }
  *fuzzy = found->len > 0;
  return found;
}

static LonLat
street_middle (const Street *s)
{
  const GArray *longest = NULL;
  double best = -1, half, run = 0;

  for (guint i = 0; i < s->lines->len; i++)
    {
      const GArray *line = g_ptr_array_index (s->lines, i);
      double length = 0;

      for (guint k = 1; k < line->len; k++)
        length += distance_m (g_array_index (line, LonLat, k - 1), g_array_index (line, LonLat, k));
      if (length > best)
        {
          best = length;
          longest = line;
        }
    }
  if (longest == NULL || longest->len == 0)
    {
      /* Known from addresses only: their middle. */
      LonLat sum = { 0, 0 };

      for (guint i = 0; i < s->numbers->len; i++)
        {
          sum.lon += g_array_index (s->numbers, AddressPoint, i).at.lon;
          sum.lat += g_array_index (s->numbers, AddressPoint, i).at.lat;
        }
      if (s->numbers->len > 0)
        {
          sum.lon /= s->numbers->len;
          sum.lat /= s->numbers->len;
        }
      return sum;
    }
  half = best / 2;
  for (guint k = 1; k < longest->len; k++)
    {
      LonLat a = g_array_index (longest, LonLat, k - 1), b = g_array_index (longest, LonLat, k);
      double d = distance_m (a, b);

      if (run + d >= half && d > 0)
        {
          double t = (half - run) / d;
          return (LonLat) { a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat) };
        }
      run += d;
    }
  return g_array_index (longest, LonLat, longest->len - 1);
}

/* Places the number on @s; returns the quality reached. */
static SmGeocodeQuality
place_number (const Street *s,
              int           number,
              char          letter,
              LonLat       *at,
              double       *score)
{
  const AddressPoint *lo = NULL, *hi = NULL, *same = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      lo = hi = NULL;
      for (guint i = 0; i < s->numbers->len; i++)
        {
          const AddressPoint *p = &g_array_index (s->numbers, AddressPoint, i);

          if (p->number == number && (p->letter == letter || same == NULL))
            same = p;
          if (pass == 0 && (p->number % 2) != (number % 2))
            continue;
          if (p->number < number)
            lo = p;
          else if (p->number > number && hi == NULL)
            hi = p;
        }
      if (same != NULL)
        {
          *at = same->at;
          *score = same->letter == letter ? 1.0 : 0.9;
          return SM_GEOCODE_ADDRESS;
        }
      if (lo != NULL && hi != NULL)
        {
          double t = (double) (number - lo->number) / (hi->number - lo->number);

          at->lon = lo->at.lon + t * (hi->at.lon - lo->at.lon);
          at->lat = lo->at.lat + t * (hi->at.lat - lo->at.lat);
          *score = pass == 0 ? 0.8 : 0.65;
          return SM_GEOCODE_INTERPOLATED;
        }
      if (pass == 0 && (lo != NULL || hi != NULL))
        {
          const AddressPoint *near = lo != NULL ? lo : hi;

          /* Beyond the last known number on its side: the nearest one. */
          if (abs (near->number - number) <= 20)
            {
              *at = near->at;
              *score = 0.6;
              return SM_GEOCODE_INTERPOLATED;
            }
        }
    }
  *at = street_middle (s);
  *score = 0.5;
  return SM_GEOCODE_STREET;
}

static const LonLat *
lookup_anchor (GHashTable *anchors,
               const char *name)
{
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;
  folded = sm_text_fold (name);
  return g_hash_table_lookup (anchors, folded);
}

static char *
street_label (const Street *s)
{
  return g_strdup (s->label);
}

/* "Fő utca (Agostyán)": the street with the settlement part nearest to it,
 * so that people can tell candidates apart. */
static char *
nearest_part_label (SmGeocoder   *self,
                    const Street *s,
                    LonLat        mid)
{
  GHashTableIter iter;
  gpointer key, value;
  const char *best = NULL;
  double best_d = G_MAXDOUBLE;

  g_hash_table_iter_init (&iter, self->part_anchor);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double d = distance_m (mid, *(const LonLat *) value);

      if (d < best_d)
        {
          best_d = d;
          best = key;
        }
    }
  if (best == NULL)
    return street_label (s);
  return g_strdup_printf ("%s (%s)", s->label,
                          sm_places_lookup_part (self->places, best));
}

static void
candidate_free (SmGeocodeCandidate *c)
{
  g_free (c->label);
  g_free (c);
}

/**
 * sm_geocoder_geocode:
 *
 * Returns: (transfer full): the parsed address and where it is; quality
 *   %SM_GEOCODE_NONE when not even the settlement is known
 */
SmGeocodeResult *
sm_geocoder_geocode (SmGeocoder *self,
                     const char *text)
{
  SmGeocodeResult *r = g_new0 (SmGeocodeResult, 1);
  const LonLat *part_at, *town_at;

  g_return_val_if_fail (SM_IS_GEOCODER (self), r);

  r->parsed = sm_address_parse (text, self->places);
  r->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  part_at = lookup_anchor (self->part_anchor, r->parsed->settlement_part);
  town_at = lookup_anchor (self->town_anchor, r->parsed->settlement);

  if (r->parsed->street_name != NULL)
    {
      gboolean fuzzy = FALSE;
      g_autoptr(GPtrArray) streets = find_streets (self, r->parsed, &fuzzy);
      const Street *chosen = NULL;

      /* A name in more than one place: streets of another settlement go
       * (when the addresses say which settlement they are in); of the
       * rest, the settlement part decides, else the answer is ambiguous. */
      if (streets->len > 1 && r->parsed->settlement != NULL)
        {
          g_autofree char *town = sm_text_fold (r->parsed->settlement);
          g_autoptr(GPtrArray) same_town = g_ptr_array_new ();
          g_autoptr(GPtrArray) unknown_town = g_ptr_array_new ();

          /* Streets known to be in that settlement first; else those whose
           * settlement no address tells. */
          for (guint i = 0; i < streets->len; i++)
            {
              const Street *s = g_ptr_array_index (streets, i);
              g_autofree char *city = s->city ? sm_text_fold (s->city) : NULL;

              if (city == NULL)
                g_ptr_array_add (unknown_town, (gpointer) s);
              else if (g_str_equal (city, town))
                g_ptr_array_add (same_town, (gpointer) s);
            }
          if (same_town->len > 0 || unknown_town->len > 0)
            {
              g_ptr_array_set_size (streets, 0);
              g_ptr_array_extend (streets, same_town->len > 0 ? same_town : unknown_town,
                                  NULL, NULL);
            }
        }
      if (streets->len > 1 && part_at != NULL)
        {
          double best = G_MAXDOUBLE;

          for (guint i = 0; i < streets->len; i++)
            {
              const Street *s = g_ptr_array_index (streets, i);
              double d = distance_m (street_middle (s), *part_at);

              if (d < best)
                {
                  best = d;
                  chosen = s;
                }
            }
        }
      else if (streets->len == 1)
        chosen = g_ptr_array_index (streets, 0);
      else if (streets->len > 1 && town_at != NULL)
        {
          /* Streets whose settlement no address tells: the one clearly
           * nearest to the settlement named. */
          double best = G_MAXDOUBLE, second = G_MAXDOUBLE;
          const Street *nearest = NULL;
          gboolean cities_known = FALSE;

          for (guint i = 0; i < streets->len; i++)
            {
              const Street *s = g_ptr_array_index (streets, i);
              double d = distance_m (street_middle (s), *town_at);

              cities_known |= s->city != NULL;
              if (d < best)
                {
                  second = best;
                  best = d;
                  nearest = s;
                }
              else if (d < second)
                second = d;
            }
          if (!cities_known && best * 3 < second)
            chosen = nearest;
        }

      if (chosen == NULL && streets->len > 1)
        {
          r->ambiguous = TRUE;
          for (guint i = 0; i < streets->len; i++)
            {
              const Street *s = g_ptr_array_index (streets, i);
              SmGeocodeCandidate *c = g_new0 (SmGeocodeCandidate, 1);
              LonLat mid = street_middle (s);

              c->label = nearest_part_label (self, s, mid);
              c->lat = mid.lat;
              c->lon = mid.lon;
              g_ptr_array_add (r->candidates, c);
            }
          chosen = g_ptr_array_index (streets, 0);
        }

      if (chosen != NULL)
        {
          LonLat at;
          double score;

          r->quality = r->parsed->number_first > 0
                         ? place_number (chosen, r->parsed->number_first,
                                         r->parsed->house_number != NULL &&
                                         strchr (r->parsed->house_number, '/') != NULL &&
                                         g_ascii_isalpha (strchr (r->parsed->house_number, '/')[1])
                                           ? strchr (r->parsed->house_number, '/')[1] : 0,
                                         &at, &score)
                         : (at = street_middle (chosen), score = 0.5, SM_GEOCODE_STREET);
          if (fuzzy)
            score *= 0.9;
          if (r->ambiguous)
            score *= 0.5;
          r->score = score;
          r->lat = at.lat;
          r->lon = at.lon;
          r->matched = street_label (chosen);
          return r;
        }
    }

  if (part_at != NULL)
    {
      r->quality = SM_GEOCODE_SETTLEMENT_PART;
      r->score = 0.3;
      r->lat = part_at->lat;
      r->lon = part_at->lon;
      r->matched = g_strdup (r->parsed->settlement_part);
    }
  else if (town_at != NULL)
    {
      r->quality = SM_GEOCODE_SETTLEMENT;
      r->score = 0.1;
      r->lat = town_at->lat;
      r->lon = town_at->lon;
      r->matched = g_strdup (r->parsed->settlement);
    }
  return r;
}

void
sm_geocode_result_free (SmGeocodeResult *r)
{
  if (r == NULL)
    return;
  sm_address_free (r->parsed);
  g_free (r->matched);
  g_ptr_array_unref (r->candidates);
  g_free (r);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_number (JsonBuilder *b,
            GPtrArray   *numbers,
            const char  *name,
            double       value,
            const char  *format)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *mark = g_strdup_printf ("@%u@", numbers->len);

  g_ptr_array_add (numbers, g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value)));
  add_string (b, name, mark);
}

/**
 * sm_geocode_result_to_json:
 *
 * One line of JSON: the input, its parts, the match, quality, score and
 * place.
 */
char *
sm_geocode_result_to_json (const SmGeocodeResult *r,
                           const char            *input)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  const SmAddress *a = r->parsed;
  GString *text;

  json_builder_begin_object (b);
  add_string (b, "input", input);
  json_builder_set_member_name (b, "parsed");
  json_builder_begin_object (b);
  add_string (b, "postal_code", a->postal_code);
  add_string (b, "settlement", a->settlement);
  add_string (b, "settlement_part", a->settlement_part);
  add_string (b, "street_name", a->street_name);
  add_string (b, "street_type", a->street_type);
  add_string (b, "house_number", a->house_number);
  add_string (b, "building", a->building);
  add_string (b, "floor", a->floor);
  add_string (b, "door", a->door);
  add_string (b, "hrsz", a->hrsz);
  json_builder_end_object (b);
  add_string (b, "match", r->matched);
  add_string (b, "quality", sm_geocode_quality_to_string (r->quality));
  add_number (b, numbers, "score", r->score, "%.2f");
  if (r->quality != SM_GEOCODE_NONE)
    {
      add_number (b, numbers, "lat", r->lat, "%.7f");
      add_number (b, numbers, "lon", r->lon, "%.7f");
    }
  else
    {
      add_string (b, "lat", NULL);
      add_string (b, "lon", NULL);
    }
  json_builder_set_member_name (b, "ambiguous");
  json_builder_add_boolean_value (b, r->ambiguous);
  json_builder_set_member_name (b, "candidates");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->candidates->len; i++)
    {
      const SmGeocodeCandidate *c = g_ptr_array_index (r->candidates, i);

      json_builder_begin_object (b);
      add_string (b, "match", c->label);
      add_number (b, numbers, "lat", c->lat, "%.7f");
      add_number (b, numbers, "lon", c->lon, "%.7f");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  {
    g_autofree char *generated = json_generator_to_data (gen, NULL);

    text = g_string_new (generated);
  }
  /* Numbers as written, not in 17 digits: each stood in as a unique
   * string until now. */
  for (guint i = 0; i < numbers->len; i++)
    {
      g_autofree char *mark = g_strdup_printf ("\"@%u@\"", i);

      g_string_replace (text, mark, g_ptr_array_index (numbers, i), 1);
    }
  return g_string_free (text, FALSE);
}

/* --- the review list -------------------------------------------------- */

/**
 * sm_review_add:
 *
 * Puts a household on the review list with what the geocoder found.
 */
gboolean
sm_review_add (SmStore                *store,
               gint64                  household_id,
               const SmGeocodeResult  *result,
               GError                **error)
{
  g_autofree char *json = sm_geocode_result_to_json (result, NULL);

  return sm_store_put_review (store, household_id, result->quality, result->score, json, error);
}

/**
 * sm_review_choose:
 *
 * A person's choice on the review list: the household is placed at
 * (@lat, @lon) by hand and leaves the list, in one action.
 */
gboolean
sm_review_choose (SmStore  *store,
                  gint64    household_id,
                  double    lat,
                  double    lon,
                  GError  **error)
{
  if (!sm_store_begin (store, error))
    return FALSE;
  if (!sm_store_set_household_location (store, household_id, lat, lon, SM_GEOCODE_MANUAL, error) ||
      !sm_store_remove_review (store, household_id, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return sm_store_commit (store, error);
}

void
sm_review_free (SmReview *review)
{
  g_free (review->address);
  g_ptr_array_unref (review->candidates);
  g_free (review);
}

/**
 * sm_review_list:
 *
 * Returns: (transfer full) (element-type SmReview): the review list, the
 *   least certain first
 */
GPtrArray *
sm_review_list (SmStore  *store,
                GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_review_free);
  g_autoptr(GPtrArray) rows = sm_store_list_review_rows (store, error);

  if (rows == NULL)
    return NULL;
  for (guint k = 0; k < rows->len; k++)
    {
      const SmReviewRow *row = g_ptr_array_index (rows, k);
      SmReview *r = g_new0 (SmReview, 1);
      g_autoptr(JsonParser) parser = json_parser_new ();

      r->household_id = row->household_id;
      r->address = g_strdup (row->address);
      r->quality = row->quality;
      r->score = row->score;
      r->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
      if (row->details != NULL && json_parser_load_from_data (parser, row->details, -1, NULL) &&
          JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          JsonObject *o = json_node_get_object (json_parser_get_root (parser));
          JsonArray *a = json_object_has_member (o, "candidates")
                           ? json_object_get_array_member (o, "candidates") : NULL;

          for (guint i = 0; a != NULL && i < json_array_get_length (a); i++)
            {
              JsonObject *c = json_array_get_object_element (a, i);
              SmGeocodeCandidate *candidate = g_new0 (SmGeocodeCandidate, 1);

              candidate->label = g_strdup (json_object_get_string_member_with_default (c, "match", ""));
              candidate->lat = json_object_get_double_member_with_default (c, "lat", 0);
              candidate->lon = json_object_get_double_member_with_default (c, "lon", 0);
              g_ptr_array_add (r->candidates, candidate);
            }
        }
      g_ptr_array_add (list, r);
    }
  return g_steal_pointer (&list);
}
