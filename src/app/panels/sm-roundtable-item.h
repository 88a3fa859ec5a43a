#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A row of the Roundtable page's lists (actions, meetings, indicators):
 * what it points at and the text of each of its columns. */

#define SM_TYPE_ROUNDTABLE_ITEM (sm_roundtable_item_get_type ())

G_DECLARE_FINAL_TYPE (SmRoundtableItem, sm_roundtable_item, SM, ROUNDTABLE_ITEM, GObject)

SmRoundtableItem *sm_roundtable_item_new      (gint64             id,
                                               const char        *key,
                                               GStrv              texts,
                                               gboolean           alert);
gint64            sm_roundtable_item_get_id   (SmRoundtableItem  *self);
const char       *sm_roundtable_item_get_key  (SmRoundtableItem  *self);
const char       *sm_roundtable_item_get_text (SmRoundtableItem  *self,
                                               guint              column);
gboolean          sm_roundtable_item_get_alert (SmRoundtableItem *self);

G_END_DECLS
