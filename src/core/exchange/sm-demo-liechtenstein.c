#define G_LOG_DOMAIN "sm-demo"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-basemap.h"
#include "sm-case-draft.h"
#include "sm-data.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-error.h"
#include "sm-geocoder.h"
#include "sm-review.h"
#include "sm-store-basemap.h"

/* The second demo: the real OpenStreetMap extract of Liechtenstein as the
 * basemap (its streets, buildings and addresses), and synthetic households
 * at its real addresses, placed through the geocoder as an import would
 * place them: most written as the extract has them, some misspelt, some
 * without a house number, so that the review list has work. Every
 * household, person and need is synthetic and says so. */

#define EXTRACT "liechtenstein-2013-08-03.osm.pbf"

typedef struct {
  char *street;
  char *housenumber;
  char *postcode;
  char *city;
} Address;

static void
address_free (Address *a)
{
  g_free (a->street);
  g_free (a->housenumber);
  g_free (a->postcode);
  g_free (a->city);
  g_free (a);
}

static void
collect_address (const SmReferenceAddress *ref,
                 gpointer                  data)
{
  Address *a;

  if (ref->street == NULL || ref->housenumber == NULL)
    return;
  a = g_new0 (Address, 1);
  a->street = g_strdup (ref->street);
  a->housenumber = g_strdup (ref->housenumber);
  a->postcode = g_strdup (ref->postcode);
  a->city = g_strdup (ref->city);
  g_ptr_array_add (data, a);
}

/* A letter dropped from the street's name, as a hurried hand writes it. */
static char *
misspelt (GRand      *rand,
          const char *street)
{
  glong n = g_utf8_strlen (street, -1);
  glong at = n > 4 ? 2 + g_rand_int_range (rand, 0, (gint32) (n - 3)) : 0;
  const char *cut = g_utf8_offset_to_pointer (street, at);

  GString *out;

  if (n <= 4)
    return g_strdup (street);
  out = g_string_new_len (street, cut - street);
  g_string_append (out, g_utf8_next_char (cut));
  return g_string_free (out, FALSE);
}

static const char * const family_names[] = {
  "Beck", "Büchel", "Frick", "Hasler", "Kaiser", "Marxer", "Meier", "Ospelt", "Risch", "Vogt", "Wohlwend",
  "Kind", "Schädler", "Negele", "Matt",
};
static const char * const given_names[] = {
  "Anna", "Maria", "Sophie", "Laura", "Elena", "Lukas", "Thomas", "Andreas", "Simon", "Martin", "Petra",
  "Jonas",
};
static const char * const needs[] = {
  "lakhatas", "jovedelem_adossag", "munkanelkuliseg", "gyermekvedelmi_kockazat", "idos_gondozas",
  "egeszsegi_allapot", "fogyatekossag", "elszigeteltseg",
};

static gboolean
add_household (SmStore     *store,
               SmGeocoder  *geocoder,
               GRand       *rand,
               GPtrArray   *addresses,
               int          last_day,
               GError     **error)
{
  Address *a = g_ptr_array_index (addresses, g_rand_int_range (rand, 0, (gint32) addresses->len));
  double kind = g_rand_double (rand);
  g_autofree char *street = kind < 0.08 ? misspelt (rand, a->street) : g_strdup (a->street);
  g_autofree char *written = NULL;
  g_autofree char *family = g_strdup_printf ("%s (%s)", family_names[g_rand_int_range (rand, 0,
                                                                                       G_N_ELEMENTS (family_names))],
                                             _("synthetic"));
  SmHousehold h = { .synthetic = TRUE };
  g_autoptr(SmGeocodeResult) placed = NULL;
  int n_persons = 1 + g_rand_int_range (rand, 0, 4), n_needs = 1 + g_rand_int_range (rand, 0, 2);
  gint64 id;

  /* Without a house number now and then: placed at the street, reviewed. */
  {
    GString *text = g_string_new (street);

    if (kind <= 0.93)
      g_string_append_printf (text, " %s", a->housenumber);
    if (a->postcode != NULL || a->city != NULL)
      g_string_append (text, ",");
    if (a->postcode != NULL)
      g_string_append_printf (text, " %s", a->postcode);
    if (a->city != NULL)
      g_string_append_printf (text, " %s", a->city);
    written = g_string_free (text, FALSE);
  }
  h.address_raw = written;
  h.postal_code = a->postcode;
  /* The geocoder may fill in the settlement and its part: owned here. */
  h.settlement = g_strdup (a->city);
  placed = sm_case_place_by_address (geocoder, &h);
  id = sm_store_add_household (store, &h, error);
  g_free (h.settlement);
  g_free (h.settlement_part);
  if (id == 0)
    return FALSE;
  if (sm_case_needs_review (placed) && !sm_review_add (store, id, placed, error))
    return FALSE;
  for (int p = 0; p < n_persons; p++)
    {
      SmPerson person = { .household_id = id, .family_name = family,
                          .given_name = (char *) given_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (given_names))],
                          .birth_year = 1940 + g_rand_int_range (rand, 0, 80), .role = (char *) (p ? "other" : "head"),
                          .synthetic = TRUE };

      if (sm_store_add_person (store, &person, error) == 0)
        return FALSE;
    }
  for (int k = 0; k < n_needs; k++)
    {
      GDate day;
      g_autofree char *assessed = NULL, *resolved = NULL;
      SmNeed need = { .household_id = id, .category = (char *) needs[g_rand_int_range (rand, 0, G_N_ELEMENTS (needs))],
                      .severity = 1 + g_rand_int_range (rand, 0, 3), .synthetic = TRUE };

      sm_date_from_epoch_day (last_day - g_rand_int_range (rand, 0, 730), &day);
      need.assessed_on = assessed = sm_date_to_iso (&day);
      if (g_rand_double (rand) < 0.3)
        {
          g_date_add_days (&day, g_rand_int_range (rand, 1, 200));
          if (sm_date_to_epoch_day (&day) <= last_day)
            need.resolved_on = resolved = sm_date_to_iso (&day);
        }
      if (sm_store_add_need (store, &need, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/**
 * sm_demo_generate_liechtenstein:
 *
 * The second demo in an empty store: the extract as basemap, then
 * @options' households (300 by default) at its addresses, as one action.
 */
gboolean
sm_demo_generate_liechtenstein (SmStore             *store,
                                const SmDemoOptions *options,
                                SmProgressFunc       progress,
                                gpointer             user_data,
                                GError             **error)
{
  g_autofree char *extract = sm_data_find (EXTRACT, error);
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) address_free);
  g_autoptr(SmGeocoder) geocoder = NULL;
  g_autofree char *count = NULL;
  guint n = options->n_households > 0 ? options->n_households : 300;
  GRand *rand;
  GDate until;
  int last_day;
  gboolean ok = TRUE;

  if (extract == NULL)
    return FALSE;
  if (sm_store_count (store, "household") > 0 || sm_store_has_basemap (store))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("The database “%s” already holds data; the demo needs an empty one"), sm_store_get_path (store));
      return FALSE;
    }
  if (options->until != NULL ? !sm_date_parse_any (options->until, &until, error) : FALSE)
    return FALSE;
  if (options->until == NULL)
    g_date_set_time_t (&until, time (NULL));
  last_day = sm_date_to_epoch_day (&until);
  if (!sm_basemap_import_osm (store, extract, NULL, NULL, NULL, NULL, NULL, error) ||
      !sm_store_each_reference_address (store, collect_address, addresses, error))
    return FALSE;
  if (addresses->len == 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” holds no addresses"), extract);
      return FALSE;
    }
  if ((geocoder = sm_geocoder_new (store, error)) == NULL || !sm_store_begin (store, error))
    return FALSE;
  rand = g_rand_new_with_seed (options->seed);
  for (guint i = 0; ok && i < n; i++)
    {
      ok = add_household (store, geocoder, rand, addresses, last_day, error);
      if (progress != NULL && (i + 1) % 50 == 0)
        progress ((double) (i + 1) / n, user_data);
    }
  g_rand_free (rand);
  count = g_strdup_printf ("%u", n);
  if (!ok || !sm_store_set_meta (store, "demo.town", "Liechtenstein", error) ||
      !sm_store_set_meta (store, "demo.households", count, error) ||
      !sm_store_set_meta (store, "synthetic", "true", error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return sm_store_commit (store, error);
}
