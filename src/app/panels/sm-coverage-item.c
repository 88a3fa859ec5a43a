#define G_LOG_DOMAIN "sm-coverage-item"

#include "config.h"

#include "sm-coverage-item.h"

struct _SmCoverageItem
{
  GObject  parent_instance;

  char    *category;
  char    *part;
  char    *needs;
  char    *not_covered;
  gint64   shown_needs;
  gint64   shown_not_covered;
};

G_DEFINE_FINAL_TYPE (SmCoverageItem, sm_coverage_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_PART,
  PROP_NEEDS,
  PROP_NOT_COVERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sm_coverage_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SmCoverageItem *self = SM_COVERAGE_ITEM (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_PART:
      g_value_set_string (value, self->part);
      break;
    case PROP_NEEDS:
      g_value_set_string (value, self->needs);
      break;
    case PROP_NOT_COVERED:
      g_value_set_string (value, self->not_covered);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_coverage_item_finalize (GObject *object)
{
  SmCoverageItem *self = SM_COVERAGE_ITEM (object);

  g_free (self->category);
  g_free (self->part);
  g_free (self->needs);
  g_free (self->not_covered);
  G_OBJECT_CLASS (sm_coverage_item_parent_class)->finalize (object);
}

static void
sm_coverage_item_class_init (SmCoverageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sm_coverage_item_get_property;
  object_class->finalize = sm_coverage_item_finalize;
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PART] = g_param_spec_string ("part", NULL, NULL, NULL,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEEDS] = g_param_spec_string ("needs", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOT_COVERED] = g_param_spec_string ("not-covered", NULL, NULL, NULL,
                                                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_coverage_item_init (SmCoverageItem *self)
{
}

/**
 * sm_coverage_item_new:
 * @needs: the count as shown ("<5", "x" or a number)
 * @shown_needs: the count when shown, else 0
 */
SmCoverageItem *
sm_coverage_item_new (const char *category,
                      const char *part,
                      const char *needs,
                      gint64      shown_needs,
                      const char *not_covered,
                      gint64      shown_not_covered)
{
  SmCoverageItem *self = g_object_new (SM_TYPE_COVERAGE_ITEM, NULL);

  self->category = g_strdup (category);
  self->part = g_strdup (part);
  self->needs = g_strdup (needs);
  self->not_covered = g_strdup (not_covered);
  self->shown_needs = shown_needs;
  self->shown_not_covered = shown_not_covered;
  return self;
}

gint64
sm_coverage_item_get_shown_needs (SmCoverageItem *self)
{
  return self->shown_needs;
}

gint64
sm_coverage_item_get_shown_not_covered (SmCoverageItem *self)
{
  return self->shown_not_covered;
}
