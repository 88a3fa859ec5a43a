#pragma once

#include <glib.h>

#include "sm-text.h"

G_BEGIN_DECLS

/* A Hungarian address in its parts. Every field may be NULL. */
typedef struct {
  char *postal_code;
  char *settlement;
  char *settlement_part;
  char *street_name;      /* "Deák Ferenc", "Deák F.", "Dunasor" */
  char *street_type;      /* canonical: "utca", "út", "tér", … or NULL when fused ("Dunasor") */
  char *house_number;     /* "15", "15/A", "3-5" */
  char *building;
  char *floor;            /* "0" for the ground floor, else a number */
  char *door;
  char *hrsz;             /* helyrajzi szám: "1234/5" */
  int   number_first;     /* numeric part of the house number; 0: none */
  int   number_last;      /* last of a range ("3-5": 5), else number_first */
} SmAddress;

/* Settlements and settlement parts the parser should recognise. */
typedef struct _SmPlaces SmPlaces;

SmPlaces   *sm_places_new              (void);
void        sm_places_add_settlement   (SmPlaces      *places,
                                        const char    *settlement);
void        sm_places_add_part         (SmPlaces      *places,
                                        const char    *settlement,
                                        const char    *part);
const char *sm_places_lookup_part      (const SmPlaces *places,
                                        const char     *name);
void        sm_places_free             (SmPlaces      *places);

SmAddress  *sm_address_parse           (const char     *text,
                                        const SmPlaces *places);
char       *sm_address_format          (const SmAddress *address);
void        sm_address_free            (SmAddress      *address);

const char *sm_street_type_canonical   (const char     *word);
gboolean    sm_street_names_match      (const char     *a,
                                        const char     *b);
char       *sm_street_key              (const char     *name,
                                        const char     *type);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmAddress, sm_address_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmPlaces, sm_places_free)

G_END_DECLS
