#pragma once

#include <glib-object.h>

#include "sm-store-referrals.h"

G_BEGIN_DECLS

/* One service in the capacity report: the referrals it received in the
 * period, how many it declined for lack of capacity, its free capacity and
 * waiting list now. */

#define SM_TYPE_CAPACITY_ITEM (sm_capacity_item_get_type ())

G_DECLARE_FINAL_TYPE (SmCapacityItem, sm_capacity_item, SM, CAPACITY_ITEM, GObject)

SmCapacityItem      *sm_capacity_item_new      (SmCapacityRow  *row);
const SmCapacityRow *sm_capacity_item_get_row  (SmCapacityItem *self);
char                *sm_capacity_item_text     (SmCapacityItem *self,
                                                guint           column);
int                  sm_capacity_item_compare  (SmCapacityItem *a,
                                                SmCapacityItem *b,
                                                guint           column);

/* The columns, in order. */
enum {
  SM_CAPACITY_COLUMN_SERVICE,
  SM_CAPACITY_COLUMN_RECEIVED,
  SM_CAPACITY_COLUMN_DECLINED,
  SM_CAPACITY_COLUMN_FREE,
  SM_CAPACITY_COLUMN_WAITING,
  SM_CAPACITY_N_COLUMNS
};

G_END_DECLS
