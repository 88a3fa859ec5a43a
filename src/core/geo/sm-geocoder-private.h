#pragma once

#include "sm-address.h"
#include "sm-geocoder.h"

G_BEGIN_DECLS

/* The geocoder in two files: its reference data, read once
 * (sm-geocoder.c), and matching an address against it
 * (sm-geocoder-match.c). */

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

char *_sm_geocoder_street_key (const char *name,
                               const char *type);

G_END_DECLS
