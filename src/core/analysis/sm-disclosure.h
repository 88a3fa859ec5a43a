#pragma once

#include <glib-object.h>

#include "sm-enums.h"

G_BEGIN_DECLS

/* The disclosure rule: what planners, the roundtable and the public see
 * never shows a count of fewer than k households or persons, nor lets one
 * be worked out from the totals shown beside it. Every table, export, layer
 * and command asks here; nothing else knows k. */

#define SM_DISCLOSURE_MIN_K 5

#define SM_TYPE_DISCLOSURE (sm_disclosure_get_type ())

G_DECLARE_FINAL_TYPE (SmDisclosure, sm_disclosure, SM, DISCLOSURE, GObject)

/**
 * SmDisclosureState:
 * @SM_DISCLOSURE_SHOWN: the unit's counts are shown
 * @SM_DISCLOSURE_SMALL: hidden: it counts fewer than k households or
 *   persons (shown as "<k")
 * @SM_DISCLOSURE_COMPLEMENTARY: hidden so that no small unit can be worked
 *   out from the total (shown as "x"); it holds k or more
 */
typedef enum /*< prefix=SM_DISCLOSURE >*/
{
  SM_DISCLOSURE_SHOWN,
  SM_DISCLOSURE_SMALL,
  SM_DISCLOSURE_COMPLEMENTARY,
} SmDisclosureState;

/* One unit of a table: a settlement part, a grid cell, an area, a row,
 * with the counts the table shows of it; -1 for a count the table does not
 * show. The primary rule looks at households and persons; every count is
 * kept from being derived. */
typedef struct {
  gint64             households;
  gint64             persons;
  gint64             needs;
  SmDisclosureState  state;       /* set by sm_disclosure_protect() */
} SmDisclosureCell;

SmDisclosure *sm_disclosure_new            (int                k);
int           sm_disclosure_get_k          (SmDisclosure      *self);
gboolean      sm_disclosure_check_k        (int                k,
                                            GError           **error);
gboolean      sm_disclosure_is_small       (SmDisclosure      *self,
                                            gint64             households,
                                            gint64             persons);
void          sm_disclosure_protect        (SmDisclosure      *self,
                                            SmDisclosureCell  *cells,
                                            guint              n_cells);
SmDisclosureState sm_disclosure_state_of (SmDisclosure      *self,
                                            gint64             households,
                                            gint64             persons);
char         *sm_disclosure_format_count   (SmDisclosure      *self,
                                            gint64             count,
                                            SmDisclosureState  state);

G_END_DECLS
