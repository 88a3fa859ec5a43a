#pragma once

#include "sm-directory-panel.h"

G_BEGIN_DECLS

/* The Directory page in three files: the list and the editor
 * (sm-directory-panel.c), the exchange of the directory and of
 * questionnaires, and the need table (sm-directory-exchange.c), the
 * editor's catchment and its drawing on the map
 * (sm-directory-catchment.c). */

struct _SmDirectoryPanel
{
  GtkBox              parent_instance;

  GtkSearchEntry     *search_entry;
  GtkDropDown        *kind_drop;
  GtkDropDown        *type_drop;
  GtkDropDown        *need_drop;
  GtkLabel           *summary;
  GtkWidget          *all_places_button;
  GtkColumnView      *view;
  GtkListItemFactory *service_factory, *provider_factory, *status_factory, *free_factory;
  GtkWidget          *editor_scroll;
  GtkLabel           *editor_title;
  GtkDropDown        *organization_drop;
  GtkWidget          *new_org_box;
  GtkEditable        *new_org_entry;
  GtkDropDown        *new_org_kind_drop;
  GtkEditable        *name_entry;
  GtkDropDown        *type_edit_drop;
  GtkDropDown        *status_drop;
  GtkEditable        *address_entry;
  GtkEditable        *eligibility_entry;
  GtkEditable        *hours_entry;
  GtkEditable        *accessibility_entry;
  GtkEditable        *languages_entry;
  GtkEditable        *contact_name_entry;
  GtkEditable        *contact_phone_entry;
  GtkEditable        *contact_email_entry;
  GtkSpinButton      *age_min_spin;
  GtkSpinButton      *age_max_spin;
  GtkEditable        *fees_entry;
  GtkEditable        *phone_entry;
  GtkEditable        *email_entry;
  GtkEditable        *url_entry;
  GtkEditable        *unit_entry;
  GtkSpinButton      *available_spin;
  GtkSpinButton      *maximum_spin;
  GtkSpinButton      *waiting_spin;
  GtkEditable        *description_entry;
  GtkLabel           *message;
  GtkWidget          *new_button, *save_button, *cancel_button;
  GtkLabel           *catchment_label;
  GtkWidget          *catchment_draw_button, *catchment_remove_button;
  GtkDropDown        *catchment_boundary_drop;

  SmContext          *context;
  SmStore            *store;
  GListStore         *items;          /* SmDirectoryItem */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GPtrArray          *types;          /* SmNamedCode, the filter's and the editor's order */
  GPtrArray          *categories;     /* SmCategory */
  GPtrArray          *organizations;  /* SmOrganization, the editor's order after "new" */
  GHashTable         *need_types;     /* type codes answering the chosen need; NULL: any */
  char              **search_words;   /* of the search entry */
  gboolean            at_place;
  double              place_lat, place_lon;
  gint64              editing;        /* the service in the editor; 0: a new one */
  gboolean            reloading;
  GPtrArray          *catchments;     /* SmShape: the edited service's catchments */
  GArray             *corners;        /* double lon, lat: the catchment being drawn */
  gboolean            drawing;
  GArray             *boundary_ids;   /* gint64, as the catchment's boundary drop-down lists them */
};

enum {
  SM_DIRECTORY_PANEL_TOAST,
  SM_DIRECTORY_PANEL_SKETCH_CHANGED,
  SM_DIRECTORY_PANEL_N_SIGNALS
};

extern guint _sm_directory_panel_signals[SM_DIRECTORY_PANEL_N_SIGNALS];

void _sm_directory_panel_install_exchange  (GtkWidgetClass   *widget_class);
void _sm_directory_panel_install_catchment (GtkWidgetClass   *widget_class);
void _sm_directory_panel_show_catchment    (SmDirectoryPanel *self);

G_END_DECLS
