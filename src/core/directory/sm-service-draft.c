#define G_LOG_DOMAIN "sm-service-draft"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-text.h"
#include "sm-opening-hours.h"
#include "sm-service-draft.h"
#include "sm-store-services.h"

/* The checks a form's fields pass before anything is written. */
static gboolean
check (const SmServiceDraft  *d,
       GError               **error)
{
  if (sm_text_is_blank (d->name))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Give the service a name"));
      return FALSE;
    }
  if (d->organization_id == 0 && sm_text_is_blank (d->organization_name))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Choose the organization that runs the service, or name a new one"));
      return FALSE;
    }
  if ((d->age_min < -1 || d->age_max < -1) || (d->age_min >= 0 && d->age_max >= 0 && d->age_max < d->age_min))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The age range %d–%d is empty"), d->age_min, d->age_max);
      return FALSE;
    }
  if (!sm_text_is_blank (d->capacity_unit) && (d->available < 0 || (d->maximum >= 0 && d->available > d->maximum)))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The free capacity must be between 0 and the maximum"));
      return FALSE;
    }
  if (d->waiting_list < -1)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("The waiting list cannot be negative"));
      return FALSE;
    }
  return TRUE;
}

/* The place of @address: looked up; unplaced when not found. */
static void
place (SmGeocoder *geocoder,
       SmLocation *l,
       const char *address)
{
  g_autoptr(SmGeocodeResult) r = NULL;

  g_free (l->address_raw);
  l->address_raw = g_strdup (address);
  l->has_location = FALSE;
  if (geocoder == NULL || sm_text_is_blank (address))
    return;
  r = sm_geocoder_geocode (geocoder, address);
  if (r->quality == SM_GEOCODE_NONE)
    return;
  l->has_location = TRUE;
  l->lat = r->lat;
  l->lon = r->lon;
  l->quality = r->quality;
  if (r->parsed->settlement != NULL)
    {
      g_free (l->settlement);
      l->settlement = g_strdup (r->parsed->settlement);
    }
  if (r->parsed->postal_code != NULL)
    {
      g_free (l->postal_code);
      l->postal_code = g_strdup (r->parsed->postal_code);
    }
}

static gboolean
save_location (SmStore              *store,
               SmGeocoder           *geocoder,
               const SmServiceDraft *d,
               gint64                service_id,
               gint64                organization_id,
               gboolean             *placed,
               GError              **error)
{
  g_autoptr(SmLocation) l = sm_store_get_service_location (store, service_id, error);
  gint64 location_id;

  if (l == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (l != NULL && g_strcmp0 (l->address_raw, d->address) == 0)
    {
      *placed = l->has_location;
      if (g_strcmp0 (l->accessibility, d->accessibility) == 0)
        return TRUE;
      g_free (l->accessibility);
      l->accessibility = g_strdup (d->accessibility);
      return sm_store_update_location (store, l, error);
    }
  if (l == NULL && sm_text_is_blank (d->address))
    {
      *placed = FALSE;
      return TRUE;
    }
  if (l == NULL)
    {
      l = g_new0 (SmLocation, 1);
      l->organization_id = organization_id;
      l->name = g_strdup (d->name);
    }
  place (geocoder, l, d->address);
  g_free (l->accessibility);
  l->accessibility = g_strdup (d->accessibility);
  *placed = l->has_location;
  if (l->id != 0)
    return sm_store_update_location (store, l, error);
  location_id = sm_store_add_location (store, l, error);
  return location_id != 0 && sm_store_link_service_location (store, service_id, location_id, error);
}

/* The chosen organization's phone and e-mail, as the form has them. */
static gboolean
update_contact (SmStore              *store,
                const SmServiceDraft *d,
                GError              **error)
{
  g_autoptr(GPtrArray) orgs = sm_store_list_organizations (store, error);

  for (guint i = 0; orgs != NULL && i < orgs->len; i++)
    {
      SmOrganization *o = g_ptr_array_index (orgs, i);

      if (o->id != d->organization_id)
        continue;
      if (g_strcmp0 (o->phone, d->phone) == 0 && g_strcmp0 (o->email, d->email) == 0)
        return TRUE;
      g_free (o->phone);
      g_free (o->email);
      o->phone = g_strdup (d->phone);
      o->email = g_strdup (d->email);
      return sm_store_update_organization (store, o, error);
    }
  if (orgs != NULL)
    g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no organization %lld"),
                 (long long) d->organization_id);
  return FALSE;
}

/**
 * sm_service_draft_save:
 * @geocoder: (nullable): looks the address up; %NULL leaves it unplaced
 * @placed: (out) (optional): whether the service's place is on the map
 *
 * Saves @draft as one action: on any error nothing is written.
 *
 * Returns: the service's id, or 0 with @error
 */
gint64
sm_service_draft_save (SmStore              *store,
                       SmGeocoder           *geocoder,
                       const SmServiceDraft *d,
                       gboolean             *placed,
                       GError              **error)
{
  g_autofree char *today = d->today ? g_strdup (d->today) : sm_date_today_iso ();
  gint64 organization_id = d->organization_id, id = d->service_id;
  gboolean on_map = FALSE;
  SmService s = {
    .service_type = d->service_type, .name = d->name, .description = d->description, .capacity = -1,
    .eligibility = d->eligibility, .age_min = d->age_min, .age_max = d->age_max,
    .status = d->status ? d->status : (char *) "active", .url = d->url, .fees = d->fees,
    .languages = d->languages, .contact_name = d->contact_name, .contact_phone = d->contact_phone,
    .contact_email = d->contact_email,
  };
  g_autoptr(GArray) hours = NULL;

  if (!check (d, error) || !sm_opening_hours_parse (d->opening_hours, &hours, error) ||
      !sm_store_begin (store, error))
    return 0;
  if (organization_id == 0)
    {
      SmOrganization o = { .name = d->organization_name, .phone = d->phone, .email = d->email,
                           .kind = d->organization_kind ? d->organization_kind : (char *) "municipal" };

      if ((organization_id = sm_store_add_organization (store, &o, error)) == 0)
        goto fail;
    }
  else if (!update_contact (store, d, error))
    goto fail;
  s.organization_id = organization_id;
  s.id = id;
  if (id == 0 ? (id = sm_store_add_service (store, &s, error)) == 0 : !sm_store_update_service (store, &s, error))
    goto fail;
  if (!save_location (store, geocoder, d, id, organization_id, &on_map, error))
    goto fail;
  if (!sm_text_is_blank (d->capacity_unit) &&
      !sm_store_set_service_capacity (store, id, d->capacity_unit, d->available, d->maximum, today, error))
    goto fail;
  if (!sm_store_set_service_waiting_list (store, id, d->waiting_list, error) ||
      !sm_store_set_service_schedule (store, id, hours, error))
    goto fail;
  if (!sm_store_commit (store, error))
    return 0;
  if (placed != NULL)
    *placed = on_map;
  return id;

fail:
  sm_store_rollback (store);
  return 0;
}
