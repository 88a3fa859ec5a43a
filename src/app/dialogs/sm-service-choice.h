#pragma once

#include <gtk/gtk.h>

#include "sm-store.h"

G_BEGIN_DECLS

/* Drop-downs of the directory's services, of one service's places and of
 * the satisfaction questionnaires, with the ids they list kept beside them
 * (gint64, in the same order). */

void    sm_service_choice_fill_services (GtkDropDown *drop,
                                         GArray      *ids,
                                         SmStore     *store,
                                         const char  *all_label,
                                         gboolean     active_only);
void    sm_service_choice_fill_places   (GtkDropDown *drop,
                                         GArray      *ids,
                                         SmStore     *store,
                                         gint64       service_id,
                                         const char  *all_label);
void    sm_service_choice_fill_questionnaires (GtkDropDown *drop,
                                               GArray      *ids,
                                               SmStore     *store);
gint64  sm_service_choice_get           (GtkDropDown *drop,
                                         GArray      *ids);
void    sm_service_choice_set           (GtkDropDown *drop,
                                         GArray      *ids,
                                         gint64       id);

G_END_DECLS
