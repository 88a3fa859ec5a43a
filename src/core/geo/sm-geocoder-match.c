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
#include "sm-text.h"

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
  g_autofree char *key = _sm_geocoder_street_key (name, a->street_type);
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
      g_autofree char *joined_key = _sm_geocoder_street_key (joined_folded, NULL);

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
          /* "2/A" where the reference has only 2 (or the other way round)
           * is next to the address, not the address. */
          *at = same->at;
          *score = same->letter == letter ? 1.0 : 0.85;
          return same->letter == letter ? SM_GEOCODE_ADDRESS : SM_GEOCODE_INTERPOLATED;
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

void
sm_geocode_candidate_free (SmGeocodeCandidate *c)
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
  r->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_geocode_candidate_free);
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
  if (value != NULL && g_utf8_validate (value, -1, NULL))
    json_builder_add_string_value (b, value);
  else if (value != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);

      json_builder_add_string_value (b, valid);
    }
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
  {
    g_autofree char *raw = g_string_free (text, FALSE);

    return sm_json_escape_controls (raw);
  }
}
