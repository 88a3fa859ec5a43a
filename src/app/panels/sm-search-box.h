#pragma once

#include <adwaita.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The header bar's search: households by address or name, the results in
 * a list under the entry. Down and Up move through them, Enter chooses the
 * one selected (the first, unless moved), Escape closes. Emits "chosen"
 * (household id, lat, lon). */

#define SM_TYPE_SEARCH_BOX (sm_search_box_get_type ())

G_DECLARE_FINAL_TYPE (SmSearchBox, sm_search_box, SM, SEARCH_BOX, GtkBox)

void        sm_search_box_set_context  (SmSearchBox *self,
                                        SmContext   *context);
void        sm_search_box_set_hidden   (SmSearchBox *self,
                                        gint64       household_id);
GListModel *sm_search_box_get_results  (SmSearchBox *self);
void        sm_search_box_focus        (SmSearchBox *self);
gboolean    sm_search_box_move         (SmSearchBox *self,
                                        int          step);

/* One result of the search. */
#define SM_TYPE_SEARCH_HIT (sm_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (SmSearchHit, sm_search_hit, SM, SEARCH_HIT, GObject)

gint64      sm_search_hit_get_household (SmSearchHit *self);
const char *sm_search_hit_get_title     (SmSearchHit *self);
const char *sm_search_hit_get_subtitle  (SmSearchHit *self);

G_END_DECLS
