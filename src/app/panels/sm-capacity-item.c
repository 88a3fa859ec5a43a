#define G_LOG_DOMAIN "sm-capacity-item"

#include "config.h"

#include <glib/gi18n.h>

#include "sm-capacity-item.h"

struct _SmCapacityItem
{
  GObject        parent_instance;

  SmCapacityRow *row;
};

G_DEFINE_FINAL_TYPE (SmCapacityItem, sm_capacity_item, G_TYPE_OBJECT)

static void
sm_capacity_item_finalize (GObject *object)
{
  SmCapacityItem *self = SM_CAPACITY_ITEM (object);

  g_clear_pointer (&self->row, sm_capacity_row_free);
  G_OBJECT_CLASS (sm_capacity_item_parent_class)->finalize (object);
}

static void
sm_capacity_item_class_init (SmCapacityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sm_capacity_item_finalize;
}

static void
sm_capacity_item_init (SmCapacityItem *self)
{
}

/**
 * sm_capacity_item_new:
 * @row: (transfer full)
 */
SmCapacityItem *
sm_capacity_item_new (SmCapacityRow *row)
{
  SmCapacityItem *self = g_object_new (SM_TYPE_CAPACITY_ITEM, NULL);

  self->row = row;
  return self;
}

const SmCapacityRow *
sm_capacity_item_get_row (SmCapacityItem *self)
{
  g_return_val_if_fail (SM_IS_CAPACITY_ITEM (self), NULL);
  return self->row;
}

/**
 * sm_capacity_item_text:
 *
 * Returns: (transfer full): a column's text, numbers in the locale's way
 */
char *
sm_capacity_item_text (SmCapacityItem *self,
                       guint           column)
{
  const SmCapacityRow *r = self->row;

  switch (column)
    {
    case SM_CAPACITY_COLUMN_SERVICE:
      return g_strdup (r->service_name);
    case SM_CAPACITY_COLUMN_RECEIVED:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, r->received);
    case SM_CAPACITY_COLUMN_DECLINED:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, r->declined_no_capacity);
    case SM_CAPACITY_COLUMN_FREE:
      if (r->available < 0)
        return g_strdup ("–");
      if (r->maximum < 0)
        return g_strdup_printf ("%'d", r->available);
      /* Translators: free capacity of the whole, as "3 of 20" */
      return g_strdup_printf (_("%'d of %'d"), r->available, r->maximum);
    case SM_CAPACITY_COLUMN_WAITING:
      return r->waiting_list < 0 ? g_strdup ("–") : g_strdup_printf ("%'d", r->waiting_list);
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
by_number (gint64 a,
           gint64 b)
{
  return a < b ? -1 : a > b;
}

/**
 * sm_capacity_item_compare:
 *
 * Orders by a column's value (unknown below every known number).
 */
int
sm_capacity_item_compare (SmCapacityItem *a,
                          SmCapacityItem *b,
                          guint           column)
{
  const SmCapacityRow *x = a->row, *y = b->row;

  switch (column)
    {
    case SM_CAPACITY_COLUMN_SERVICE:
      return g_utf8_collate (x->service_name, y->service_name);
    case SM_CAPACITY_COLUMN_RECEIVED:
      return by_number (x->received, y->received);
    case SM_CAPACITY_COLUMN_DECLINED:
      return by_number (x->declined_no_capacity, y->declined_no_capacity);
    case SM_CAPACITY_COLUMN_FREE:
      return by_number (x->available, y->available);
    case SM_CAPACITY_COLUMN_WAITING:
      return by_number (x->waiting_list, y->waiting_list);
    default:
      return 0;
    }
}
