#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One hotspot of the list, as its rows and sorters see it: counts already
 * written by the disclosure rule, and sorting on what is shown (a hidden
 * count sorts as 0), so that the order tells nothing the text hides. */

#define SM_TYPE_HOTSPOT_ITEM (sm_hotspot_item_get_type ())

G_DECLARE_FINAL_TYPE (SmHotspotItem, sm_hotspot_item, SM, HOTSPOT_ITEM, GObject)

typedef struct {
  guint        rank;
  guint        shown_households;   /* 0 when hidden */
  const char  *households;         /* as shown: "<5" or "1 234" */
  double       area_km2;
  const char  *needs;              /* leading needs, significance */
  const char  *change;             /* households before, or NULL */
  const char  *part;               /* its settlement part's rate, or NULL */
  double       west, south, east, north;
} SmHotspotItemData;

SmHotspotItem *sm_hotspot_item_new      (const SmHotspotItemData *data);
void           sm_hotspot_item_get_bbox (SmHotspotItem           *self,
                                         double                  *west,
                                         double                  *south,
                                         double                  *east,
                                         double                  *north);

G_END_DECLS
