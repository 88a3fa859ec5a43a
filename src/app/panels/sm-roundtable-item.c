#define G_LOG_DOMAIN "sm-roundtable-item"

#include "config.h"

#include "sm-roundtable-item.h"

struct _SmRoundtableItem
{
  GObject   parent_instance;

  gint64    id;
  char     *key;
  GStrv     texts;
  gboolean  alert;
};

G_DEFINE_FINAL_TYPE (SmRoundtableItem, sm_roundtable_item, G_TYPE_OBJECT)

static void
sm_roundtable_item_finalize (GObject *object)
{
  SmRoundtableItem *self = SM_ROUNDTABLE_ITEM (object);

  g_free (self->key);
  g_strfreev (self->texts);
  G_OBJECT_CLASS (sm_roundtable_item_parent_class)->finalize (object);
}

static void
sm_roundtable_item_class_init (SmRoundtableItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_roundtable_item_finalize;
}

static void
sm_roundtable_item_init (SmRoundtableItem *self)
{
}

/**
 * sm_roundtable_item_new:
 * @key: (nullable): a code the row stands for (an indicator's nick)
 * @texts: (transfer full): the columns' texts
 * @alert: the row needs attention (an overdue action, a target not met)
 */
SmRoundtableItem *
sm_roundtable_item_new (gint64      id,
                        const char *key,
                        GStrv       texts,
                        gboolean    alert)
{
  SmRoundtableItem *self = g_object_new (SM_TYPE_ROUNDTABLE_ITEM, NULL);

  self->id = id;
  self->key = g_strdup (key);
  self->texts = texts;
  self->alert = alert;
  return self;
}

gint64
sm_roundtable_item_get_id (SmRoundtableItem *self)
{
  g_return_val_if_fail (SM_IS_ROUNDTABLE_ITEM (self), 0);
  return self->id;
}

const char *
sm_roundtable_item_get_key (SmRoundtableItem *self)
{
  g_return_val_if_fail (SM_IS_ROUNDTABLE_ITEM (self), NULL);
  return self->key;
}

const char *
sm_roundtable_item_get_text (SmRoundtableItem *self,
                             guint             column)
{
  g_return_val_if_fail (SM_IS_ROUNDTABLE_ITEM (self), "");
  return self->texts != NULL && column < g_strv_length (self->texts) ? self->texts[column] : "";
}

gboolean
sm_roundtable_item_get_alert (SmRoundtableItem *self)
{
  g_return_val_if_fail (SM_IS_ROUNDTABLE_ITEM (self), FALSE);
  return self->alert;
}
