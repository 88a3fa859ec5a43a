#pragma once

#include <glib-object.h>

#include "sm-store-services.h"

G_BEGIN_DECLS

/* One service at one of its places, as the Directory page's rows, search
 * and filters see it. */

#define SM_TYPE_DIRECTORY_ITEM (sm_directory_item_get_type ())

G_DECLARE_FINAL_TYPE (SmDirectoryItem, sm_directory_item, SM, DIRECTORY_ITEM, GObject)

SmDirectoryItem      *sm_directory_item_new        (SmServicePlace *place,
                                                    const char     *type_name,
                                                    const char     *kind_name);
const SmServicePlace *sm_directory_item_get_place  (SmDirectoryItem *self);
gboolean              sm_directory_item_matches    (SmDirectoryItem    *self,
                                                    const char * const *search);
char                **sm_directory_search_words    (const char      *text);

const char           *sm_directory_status_label    (const char *status);

G_END_DECLS
