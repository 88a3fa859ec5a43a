/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "sm-context"

#include "config.h"

#include "sm-context.h"

struct _SmContext
{
  GObject       parent_instance;

  SmStore      *store;
  SmFilter     *filter;
  GSettings    *settings;
  SmDisclosure *disclosure;
  SmGeocoder   *geocoder;     /* loaded on first use */
};

G_DEFINE_FINAL_TYPE (SmContext, sm_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILTER,
  PROP_SETTINGS,
  PROP_DISCLOSURE,
  PROP_GEOCODER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sm_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SmContext *self = SM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_DISCLOSURE:
      g_value_set_object (value, self->disclosure);
      break;
    case PROP_GEOCODER:
      g_value_set_object (value, sm_context_get_geocoder (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SmContext *self = SM_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_context_dispose (GObject *object)
{
  SmContext *self = SM_CONTEXT (object);

  g_clear_object (&self->geocoder);
  g_clear_object (&self->disclosure);
  g_clear_object (&self->filter);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sm_context_parent_class)->dispose (object);
}

static void
sm_context_class_init (SmContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sm_context_dispose;
  object_class->get_property = sm_context_get_property;
  object_class->set_property = sm_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, SM_TYPE_FILTER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISCLOSURE] =
    g_param_spec_object ("disclosure", NULL, NULL, SM_TYPE_DISCLOSURE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Changes when the reference data changes (a basemap imported). */
  properties[PROP_GEOCODER] =
    g_param_spec_object ("geocoder", NULL, NULL, SM_TYPE_GEOCODER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_context_init (SmContext *self)
{
  self->filter = sm_filter_new ();
  self->disclosure = sm_disclosure_new (0);
}

/**
 * sm_context_new:
 * @settings: (nullable): the application's settings
 */
SmContext *
sm_context_new (SmStore   *store,
                GSettings *settings)
{
  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  return g_object_new (SM_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

SmStore *
sm_context_get_store (SmContext *self)
{
  g_return_val_if_fail (SM_IS_CONTEXT (self), NULL);
  return self->store;
}

SmFilter *
sm_context_get_filter (SmContext *self)
{
  g_return_val_if_fail (SM_IS_CONTEXT (self), NULL);
  return self->filter;
}

GSettings *
sm_context_get_settings (SmContext *self)
{
  g_return_val_if_fail (SM_IS_CONTEXT (self), NULL);
  return self->settings;
}

SmDisclosure *
sm_context_get_disclosure (SmContext *self)
{
  g_return_val_if_fail (SM_IS_CONTEXT (self), NULL);
  return self->disclosure;
}

/**
 * sm_context_get_geocoder:
 *
 * Returns: (transfer none) (nullable): the geocoder over the store's
 *   reference data, loaded on first use; %NULL if it cannot be loaded
 */
SmGeocoder *
sm_context_get_geocoder (SmContext *self)
{
  g_return_val_if_fail (SM_IS_CONTEXT (self), NULL);

  if (self->geocoder == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->geocoder = sm_geocoder_new (self->store, &error);
      if (self->geocoder == NULL)
        g_warning ("Cannot load the geocoder: %s", error->message);
    }
  return self->geocoder;
}

/* The reference data changed: the geocoder is loaded again. */
void
sm_context_reload_geocoder (SmContext *self)
{
  g_return_if_fail (SM_IS_CONTEXT (self));

  g_clear_object (&self->geocoder);
  sm_context_get_geocoder (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOCODER]);
}
