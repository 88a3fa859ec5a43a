#pragma once

#include <glib.h>

#include "sm-geocoder.h"
#include "sm-store.h"

G_BEGIN_DECLS

/* A service of the directory as a form holds it, and its save as one
 * action: a new organization when none is chosen, the service, its place
 * (the address looked up as a case's is), its capacity and waiting list. */

typedef struct {
  gint64  service_id;          /* 0: a new service */
  gint64  organization_id;     /* 0: a new organization, named below */
  char   *organization_name;
  char   *organization_kind;   /* municipal, state, church, foundation, ngo */
  char   *phone;               /* the organization's */
  char   *email;
  char   *name;
  char   *service_type;        /* a service type code */
  char   *status;              /* active, inactive, defunct, temporarily_closed */
  char   *eligibility;
  char   *description;
  char   *fees;
  char   *url;
  int     age_min;             /* -1: no limit */
  int     age_max;             /* -1: no limit */
  char   *address;             /* where it is offered, as people write it; NULL: nowhere in particular */
  char   *accessibility;       /* of that place */
  char   *opening_hours;       /* as people write them: sm_opening_hours_parse() */
  char   *languages;           /* ISO 639-1 codes, comma separated */
  char   *contact_name;
  char   *contact_phone;
  char   *contact_email;
  char   *capacity_unit;       /* NULL: no capacity recorded */
  int     available;
  int     maximum;             /* -1: not known */
  int     waiting_list;        /* -1: not known */
  const char *today;           /* the day the capacity is of, YYYY-MM-DD; NULL: today */
} SmServiceDraft;

gint64 sm_service_draft_save (SmStore              *store,
                              SmGeocoder           *geocoder,
                              const SmServiceDraft *draft,
                              gboolean             *placed,
                              GError              **error);

G_END_DECLS
