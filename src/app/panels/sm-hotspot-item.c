/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "sm-number.h"

#include "sm-hotspot-item.h"

struct _SmHotspotItem
{
  GObject  parent_instance;

  guint    rank;
  guint    shown_households;
  char    *households;
  double   area_km2;
  char    *area;
  char    *needs;
  char    *change;
  char    *part;
  double   west, south, east, north;
};

G_DEFINE_FINAL_TYPE (SmHotspotItem, sm_hotspot_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RANK,
  PROP_SHOWN_HOUSEHOLDS,
  PROP_HOUSEHOLDS,
  PROP_AREA_KM2,
  PROP_AREA,
  PROP_NEEDS,
  PROP_CHANGE,
  PROP_PART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sm_hotspot_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SmHotspotItem *self = SM_HOTSPOT_ITEM (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;
    case PROP_SHOWN_HOUSEHOLDS:
      g_value_set_uint (value, self->shown_households);
      break;
    case PROP_HOUSEHOLDS:
      g_value_set_string (value, self->households);
      break;
    case PROP_AREA_KM2:
      g_value_set_double (value, self->area_km2);
      break;
    case PROP_AREA:
      g_value_set_string (value, self->area);
      break;
    case PROP_NEEDS:
      g_value_set_string (value, self->needs);
      break;
    case PROP_CHANGE:
      g_value_set_string (value, self->change);
      break;
    case PROP_PART:
      g_value_set_string (value, self->part);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_hotspot_item_finalize (GObject *object)
{
  SmHotspotItem *self = SM_HOTSPOT_ITEM (object);

  g_free (self->households);
  g_free (self->area);
  g_free (self->needs);
  g_free (self->change);
  g_free (self->part);
  G_OBJECT_CLASS (sm_hotspot_item_parent_class)->finalize (object);
}

static void
sm_hotspot_item_class_init (SmHotspotItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = sm_hotspot_item_get_property;
  object_class->finalize = sm_hotspot_item_finalize;
  properties[PROP_RANK] = g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SHOWN_HOUSEHOLDS] = g_param_spec_uint ("shown-households", NULL, NULL, 0, G_MAXUINT,
                                                         0, flags);
  properties[PROP_HOUSEHOLDS] = g_param_spec_string ("households", NULL, NULL, NULL, flags);
  properties[PROP_AREA_KM2] = g_param_spec_double ("area-km2", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  properties[PROP_AREA] = g_param_spec_string ("area", NULL, NULL, NULL, flags);
  properties[PROP_NEEDS] = g_param_spec_string ("needs", NULL, NULL, NULL, flags);
  properties[PROP_CHANGE] = g_param_spec_string ("change", NULL, NULL, NULL, flags);
  properties[PROP_PART] = g_param_spec_string ("part", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_hotspot_item_init (SmHotspotItem *self)
{
}

SmHotspotItem *
sm_hotspot_item_new (const SmHotspotItemData *data)
{
  SmHotspotItem *self = g_object_new (SM_TYPE_HOTSPOT_ITEM, NULL);

  self->rank = data->rank;
  self->shown_households = data->shown_households;
  self->households = g_strdup (data->households);
  self->area_km2 = data->area_km2;
  /* The locale's decimal separator */
  self->area = sm_format_decimal (data->area_km2, 2);
  self->needs = g_strdup (data->needs);
  self->change = g_strdup (data->change != NULL ? data->change : "");
  self->part = g_strdup (data->part != NULL ? data->part : "");
  self->west = data->west;
  self->south = data->south;
  self->east = data->east;
  self->north = data->north;
  return self;
}

void
sm_hotspot_item_get_bbox (SmHotspotItem *self,
                          double        *west,
                          double        *south,
                          double        *east,
                          double        *north)
{
  g_return_if_fail (SM_IS_HOTSPOT_ITEM (self));

  *west = self->west;
  *south = self->south;
  *east = self->east;
  *north = self->north;
}
