/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <glib/gi18n.h>

#include "sm-review-item.h"

struct _SmReviewItem
{
  GObject    parent_instance;

  gint64     household_id;
  char      *address;
  char      *placed;        /* how it was placed, in words */
  double     score;
  guint      n_candidates;
  GPtrArray *candidates;    /* SmGeocodeCandidate */
};

G_DEFINE_FINAL_TYPE (SmReviewItem, sm_review_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_HOUSEHOLD,
  PROP_ADDRESS,
  PROP_PLACED,
  PROP_SCORE,
  PROP_N_CANDIDATES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
quality_text (SmGeocodeQuality quality)
{
  switch (quality)
    {
    case SM_GEOCODE_NONE: return _("not placed");
    case SM_GEOCODE_SETTLEMENT: return _("placed at the settlement only");
    case SM_GEOCODE_SETTLEMENT_PART: return _("placed at the settlement part only");
    case SM_GEOCODE_STREET: return _("placed on the street");
    case SM_GEOCODE_INTERPOLATED: return _("placed between house numbers");
    case SM_GEOCODE_ADDRESS: return _("placed at the address");
    case SM_GEOCODE_MANUAL:
    default: return _("placed by hand");
    }
}

static void
sm_review_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SmReviewItem *self = SM_REVIEW_ITEM (object);

  switch (prop_id)
    {
    case PROP_HOUSEHOLD:
      g_value_set_int64 (value, self->household_id);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_PLACED:
      g_value_set_string (value, self->placed);
      break;
    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;
    case PROP_N_CANDIDATES:
      g_value_set_uint (value, self->n_candidates);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_review_item_finalize (GObject *object)
{
  SmReviewItem *self = SM_REVIEW_ITEM (object);

  g_free (self->address);
  g_free (self->placed);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  G_OBJECT_CLASS (sm_review_item_parent_class)->finalize (object);
}

static void
sm_review_item_class_init (SmReviewItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sm_review_item_get_property;
  object_class->finalize = sm_review_item_finalize;
  properties[PROP_HOUSEHOLD] = g_param_spec_int64 ("household", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, flags);
  properties[PROP_PLACED] = g_param_spec_string ("placed", NULL, NULL, NULL, flags);
  /* How sure the geocoder was: the least sure first. */
  properties[PROP_SCORE] = g_param_spec_double ("score", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_N_CANDIDATES] = g_param_spec_uint ("n-candidates", NULL, NULL, 0, G_MAXUINT, 0,
                                                     flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_review_item_init (SmReviewItem *self)
{
}

SmReviewItem *
sm_review_item_new (const SmReview *review)
{
  SmReviewItem *self = g_object_new (SM_TYPE_REVIEW_ITEM, NULL);

  self->household_id = review->household_id;
  self->address = g_strdup (review->address);
  self->placed = g_strdup (quality_text (review->quality));
  self->score = review->score;
  self->candidates = g_ptr_array_ref (review->candidates);
  self->n_candidates = review->candidates->len;
  return self;
}

gint64
sm_review_item_get_household (SmReviewItem *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_ITEM (self), 0);
  return self->household_id;
}

const char *
sm_review_item_get_address (SmReviewItem *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_ITEM (self), NULL);
  return self->address;
}

const char *
sm_review_item_get_placed (SmReviewItem *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_ITEM (self), NULL);
  return self->placed;
}

double
sm_review_item_get_score (SmReviewItem *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_ITEM (self), 0);
  return self->score;
}

/**
 * sm_review_item_get_candidates:
 *
 * Returns: (transfer none) (element-type SmGeocodeCandidate): the places
 *   the address may mean
 */
GPtrArray *
sm_review_item_get_candidates (SmReviewItem *self)
{
  g_return_val_if_fail (SM_IS_REVIEW_ITEM (self), NULL);
  return self->candidates;
}
