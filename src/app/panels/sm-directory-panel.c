#define G_LOG_DOMAIN "sm-directory-panel"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-directory-item.h"
#include "sm-text-cell.h"
#include "sm-directory-panel.h"
#include "sm-directory-panel-private.h"
#include "sm-model.h"
#include "sm-opening-hours.h"
#include "sm-query.h"
#include "sm-service-draft.h"
#include "sm-store-services.h"

/* The page shows and asks; a save is sm_service_draft_save(), one action. */

static const char * const kinds[] = { "municipal", "state", "church", "foundation", "ngo" };
static const char * const statuses[] = { "active", "inactive", "temporarily_closed", "defunct" };


G_DEFINE_FINAL_TYPE (SmDirectoryPanel, sm_directory_panel, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

guint _sm_directory_panel_signals[SM_DIRECTORY_PANEL_N_SIGNALS];

static const char *
kind_name (const char *kind)
{
  if (g_strcmp0 (kind, "municipal") == 0)
    return _("municipal");
  if (g_strcmp0 (kind, "state") == 0)
    return _("state");
  if (g_strcmp0 (kind, "church") == 0)
    return _("church");
  if (g_strcmp0 (kind, "foundation") == 0)
    return _("foundation");
  if (g_strcmp0 (kind, "ngo") == 0)
    return _("association or NGO");
  return kind ? kind : "";
}

static const char *
type_name (SmDirectoryPanel *self,
           const char       *code)
{
  for (guint i = 0; self->types != NULL && i < self->types->len; i++)
    {
      SmNamedCode *t = g_ptr_array_index (self->types, i);

      if (g_str_equal (t->code, code))
        return t->name;
    }
  return code;
}

/* --- the list --------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  SmDirectoryPanel *self = data;
  const SmServicePlace *p = sm_directory_item_get_place (item);
  guint kind = gtk_drop_down_get_selected (self->kind_drop);
  guint type = gtk_drop_down_get_selected (self->type_drop);

  if (self->at_place && (!p->has_location || fabs (p->lat - self->place_lat) > 1e-5 ||
                         fabs (p->lon - self->place_lon) > 1e-5))
    return FALSE;
  if (kind > 0 && kind <= G_N_ELEMENTS (kinds) && g_strcmp0 (p->organization_kind, kinds[kind - 1]) != 0)
    return FALSE;
  if (type > 0 && type <= self->types->len &&
      !g_str_equal (p->service_type, ((SmNamedCode *) g_ptr_array_index (self->types, type - 1))->code))
    return FALSE;
  if (self->need_types != NULL && !g_hash_table_contains (self->need_types, p->service_type))
    return FALSE;
  return sm_directory_item_matches (item, (const char * const *) self->search_words);
}

static void
update_summary (SmDirectoryPanel *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint all = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autofree char *text = self->at_place
    ? g_strdup_printf (ngettext ("%u service at this place", "%u services at this place", shown), shown)
    : g_strdup_printf (ngettext ("%u of %u service", "%u of %u services", all), shown, all);

  gtk_label_set_text (self->summary, text);
  gtk_widget_set_visible (self->all_places_button, self->at_place);
}

static void
refilter (SmDirectoryPanel *self)
{
  guint need = gtk_drop_down_get_selected (self->need_drop);

  g_clear_pointer (&self->need_types, g_hash_table_unref);
  g_strfreev (self->search_words);
  self->search_words = sm_directory_search_words (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (need > 0 && need <= self->categories->len)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, need - 1);
      g_autoptr(GPtrArray) table = sm_store_list_need_services (self->store, NULL);

      self->need_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; table != NULL && i < table->len; i++)
        {
          SmNeedService *row = g_ptr_array_index (table, i);

          if (g_str_equal (row->category, c->code))
            g_hash_table_add (self->need_types, g_strdup (row->service_type));
        }
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
reload_organizations (SmDirectoryPanel *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint chosen = gtk_drop_down_get_selected (self->organization_drop);
  gint64 chosen_id = self->organizations != NULL && chosen > 0 && chosen <= self->organizations->len
                     ? ((SmOrganization *) g_ptr_array_index (self->organizations, chosen - 1))->id : 0;

  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  self->organizations = sm_store_list_organizations (self->store, NULL);
  gtk_string_list_append (names, _("A new provider…"));
  for (guint i = 0; self->organizations != NULL && i < self->organizations->len; i++)
    gtk_string_list_append (names, ((SmOrganization *) g_ptr_array_index (self->organizations, i))->name);
  gtk_drop_down_set_model (self->organization_drop, G_LIST_MODEL (names));
  /* A change elsewhere keeps the provider the editor shows. */
  for (guint i = 0; chosen_id != 0 && self->organizations != NULL && i < self->organizations->len; i++)
    if (((SmOrganization *) g_ptr_array_index (self->organizations, i))->id == chosen_id)
      gtk_drop_down_set_selected (self->organization_drop, i + 1);
}

/**
 * sm_directory_panel_reload:
 *
 * Reads every service at its places from the store.
 */
void
sm_directory_panel_reload (SmDirectoryPanel *self)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (self->store, NULL, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      SmServicePlace *p = g_ptr_array_steal_index (places, i--);

      g_ptr_array_add (items, sm_directory_item_new (p, type_name (self, p->service_type),
                                                     kind_name (p->organization_kind)));
    }
  self->reloading = TRUE;
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  self->reloading = FALSE;
  update_summary (self);
}

/**
 * sm_directory_panel_show_place:
 *
 * Lists only the services at a place of the map (where several providers
 * may share an address).
 */
void
sm_directory_panel_show_place (SmDirectoryPanel *self,
                               double            lat,
                               double            lon)
{
  self->at_place = TRUE;
  self->place_lat = lat;
  self->place_lon = lon;
  /* The point is the mean of the locations there; any one of them within
   * a metre stands for the place. */
  {
    g_autoptr(GPtrArray) places = sm_store_list_service_places (self->store, NULL, NULL);
    double best = G_MAXDOUBLE;

    for (guint i = 0; places != NULL && i < places->len; i++)
      {
        SmServicePlace *p = g_ptr_array_index (places, i);
        double d = fabs (p->lat - lat) + fabs (p->lon - lon);

        if (p->has_location && d < best)
          {
            best = d;
            self->place_lat = p->lat;
            self->place_lon = p->lon;
          }
      }
  }
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_drop, 0);
  gtk_drop_down_set_selected (self->type_drop, 0);
  gtk_drop_down_set_selected (self->need_drop, 0);
  refilter (self);
}

static void
all_places_clicked_cb (SmDirectoryPanel *self)
{
  self->at_place = FALSE;
  refilter (self);
}

/* --- the editor ------------------------------------------------------- */

static void
set_text (GtkEditable *editable,
          const char  *text)
{
  gtk_editable_set_text (editable, text ? text : "");
}

static char *
text_of (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text ? g_steal_pointer (&text) : NULL;
}

static guint
index_of_type (SmDirectoryPanel *self,
               const char       *code)
{
  for (guint i = 0; i < self->types->len; i++)
    if (g_str_equal (((SmNamedCode *) g_ptr_array_index (self->types, i))->code, code))
      return i;
  return 0;
}

static void
organization_changed_cb (SmDirectoryPanel *self)
{
  guint i = gtk_drop_down_get_selected (self->organization_drop);
  const SmOrganization *o = i > 0 && self->organizations && i <= self->organizations->len
                            ? g_ptr_array_index (self->organizations, i - 1) : NULL;

  gtk_widget_set_visible (self->new_org_box, o == NULL);
  set_text (self->phone_entry, o ? o->phone : NULL);
  set_text (self->email_entry, o ? o->email : NULL);
}

/* The editor for service @id, or for a new one when 0. */
static void
open_editor (SmDirectoryPanel *self,
             gint64            id)
{
  g_autoptr(SmService) s = id != 0 ? sm_store_get_service (self->store, id, NULL) : NULL;
  g_autoptr(SmLocation) l = id != 0 ? sm_store_get_service_location (self->store, id, NULL) : NULL;
  g_autofree char *title = NULL;
  const SmServicePlace *place = NULL;
  guint org = 0;

  self->editing = s != NULL ? id : 0;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)) && s != NULL; i++)
    {
      g_autoptr(SmDirectoryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (sm_directory_item_get_place (item)->service_id == id && place == NULL)
        place = sm_directory_item_get_place (item);
    }
  for (guint i = 0; s != NULL && self->organizations != NULL && i < self->organizations->len; i++)
    if (((SmOrganization *) g_ptr_array_index (self->organizations, i))->id == s->organization_id)
      org = i + 1;
  gtk_drop_down_set_selected (self->organization_drop, org);
  organization_changed_cb (self);
  set_text (self->new_org_entry, NULL);
  set_text (self->name_entry, s ? s->name : NULL);
  gtk_drop_down_set_selected (self->type_edit_drop, s ? index_of_type (self, s->service_type) : 0);
  gtk_drop_down_set_selected (self->status_drop, 0);
  for (guint i = 0; s != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_strcmp0 (s->status, statuses[i]) == 0)
      gtk_drop_down_set_selected (self->status_drop, i);
  set_text (self->address_entry, l ? l->address_raw : NULL);
  set_text (self->accessibility_entry, l ? l->accessibility : NULL);
  {
    g_autoptr(GArray) hours = s != NULL ? sm_store_list_service_schedule (self->store, id, NULL) : NULL;
    g_autofree char *text = sm_opening_hours_format (hours, sm_locale_is_hungarian ());

    set_text (self->hours_entry, text);
  }
  set_text (self->languages_entry, s ? s->languages : NULL);
  set_text (self->contact_name_entry, s ? s->contact_name : NULL);
  set_text (self->contact_phone_entry, s ? s->contact_phone : NULL);
  set_text (self->contact_email_entry, s ? s->contact_email : NULL);
  set_text (self->eligibility_entry, s ? s->eligibility : NULL);
  gtk_spin_button_set_value (self->age_min_spin, s ? s->age_min : -1);
  gtk_spin_button_set_value (self->age_max_spin, s ? s->age_max : -1);
  set_text (self->fees_entry, s ? s->fees : NULL);
  set_text (self->url_entry, s ? s->url : NULL);
  set_text (self->description_entry, s ? s->description : NULL);
  set_text (self->unit_entry, place && place->available >= 0 ? _("places") : NULL);
  gtk_spin_button_set_value (self->available_spin, place && place->available >= 0 ? place->available : 0);
  gtk_spin_button_set_value (self->maximum_spin, place ? place->maximum : -1);
  gtk_spin_button_set_value (self->waiting_spin, place ? place->waiting_list : -1);
  gtk_label_set_text (self->message, "");
  title = s ? g_strdup_printf (_("Service %lld: %s"), (long long) id, s->name) : g_strdup (_("A New Service"));
  gtk_label_set_text (self->editor_title, title);
  gtk_widget_set_visible (self->editor_scroll, TRUE);
  sm_directory_panel_cancel_drawing (self);
  _sm_directory_panel_show_catchment (self);
}

static void
selection_changed_cb (SmDirectoryPanel *self)
{
  SmDirectoryItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (!self->reloading && item != NULL)
    open_editor (self, sm_directory_item_get_place (item)->service_id);
}

static void
new_clicked_cb (SmDirectoryPanel *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  open_editor (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
cancel_clicked_cb (SmDirectoryPanel *self)
{
  gtk_widget_set_visible (self->editor_scroll, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  sm_directory_panel_cancel_drawing (self);
  _sm_directory_panel_show_catchment (self);
}

static void
save_clicked_cb (SmDirectoryPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint org = gtk_drop_down_get_selected (self->organization_drop);
  guint type = gtk_drop_down_get_selected (self->type_edit_drop);
  guint status = gtk_drop_down_get_selected (self->status_drop);
  guint kind = gtk_drop_down_get_selected (self->new_org_kind_drop);
  g_autofree char *new_org = text_of (self->new_org_entry), *name = text_of (self->name_entry);
  g_autofree char *address = text_of (self->address_entry), *eligibility = text_of (self->eligibility_entry);
  g_autofree char *fees = text_of (self->fees_entry), *url = text_of (self->url_entry);
  g_autofree char *phone = text_of (self->phone_entry), *email = text_of (self->email_entry);
  g_autofree char *unit = text_of (self->unit_entry), *description = text_of (self->description_entry);
  g_autofree char *hours = text_of (self->hours_entry), *accessibility = text_of (self->accessibility_entry);
  g_autofree char *languages = text_of (self->languages_entry), *contact = text_of (self->contact_name_entry);
  g_autofree char *contact_phone = text_of (self->contact_phone_entry);
  g_autofree char *contact_email = text_of (self->contact_email_entry);
  g_autofree char *done = NULL;
  gboolean placed = FALSE;
  SmServiceDraft d = {
    .service_id = self->editing,
    .organization_id = org > 0 && self->organizations && org <= self->organizations->len
                       ? ((SmOrganization *) g_ptr_array_index (self->organizations, org - 1))->id : 0,
    .organization_name = new_org, .organization_kind = (char *) kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)],
    .phone = phone, .email = email, .name = name,
    .service_type = type < self->types->len ? ((SmNamedCode *) g_ptr_array_index (self->types, type))->code : NULL,
    .status = (char *) statuses[MIN (status, G_N_ELEMENTS (statuses) - 1)],
    .eligibility = eligibility, .description = description, .fees = fees, .url = url,
    .age_min = gtk_spin_button_get_value_as_int (self->age_min_spin),
    .age_max = gtk_spin_button_get_value_as_int (self->age_max_spin),
    .address = address, .capacity_unit = unit, .accessibility = accessibility, .opening_hours = hours,
    .languages = languages, .contact_name = contact, .contact_phone = contact_phone, .contact_email = contact_email,
    .available = gtk_spin_button_get_value_as_int (self->available_spin),
    .maximum = gtk_spin_button_get_value_as_int (self->maximum_spin),
    .waiting_list = gtk_spin_button_get_value_as_int (self->waiting_spin),
  };
  gint64 id;

  id = sm_service_draft_save (self->store, address ? sm_context_get_geocoder (self->context) : NULL, &d, &placed,
                              &error);
  if (id == 0)
    {
      gtk_label_set_text (self->message, error->message);
      return;
    }
  self->editing = id;
  gtk_label_set_text (self->message, address != NULL && !placed
                      ? _("Saved; its address was not found, so it is not on the map.") : "");
  done = g_strdup_printf (_("%s saved"), name);
  g_signal_emit (self, _sm_directory_panel_signals[SM_DIRECTORY_PANEL_TOAST], 0, done);
  open_editor (self, id);
}

/* --- the page ----------------------------------------------------------- */

static void
store_changed_cb (SmDirectoryPanel *self,
                  SmStoreChange     what)
{
  if (what & SM_STORE_CHANGE_SERVICES)
    {
      reload_organizations (self);
      sm_directory_panel_reload (self);
      if (!self->drawing)
        _sm_directory_panel_show_catchment (self);
    }
}

guint
sm_directory_panel_get_n_shown (SmDirectoryPanel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

GListModel *
sm_directory_panel_get_shown (SmDirectoryPanel *self)
{
  return G_LIST_MODEL (self->filtered);
}

gint64
sm_directory_panel_get_editing (SmDirectoryPanel *self)
{
  return self->editing;
}

/* Opens the editor on the service shown at @position. */
void
sm_directory_panel_edit (SmDirectoryPanel *self,
                         guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
}

/**
 * sm_directory_panel_edit_service:
 *
 * Opens a service in the editor, wherever the list has it.
 */
void
sm_directory_panel_edit_service (SmDirectoryPanel *self,
                                 gint64            service_id)
{
  g_return_if_fail (SM_IS_DIRECTORY_PANEL (self));
  open_editor (self, service_id);
}

static GtkStringList *
string_list (const char *first,
             GPtrArray  *names)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; names != NULL && i < names->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (names, i));
  return list;
}

/* The list's cells, bound directly: a row of a thousand services redrawn
 * on each key of a search costs less than with expressions. The cells are
 * measured from the font alone (the list keeps a few hundred rows). */
static void
setup_two_lines_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  width_chars)
{
  int chars = GPOINTER_TO_INT (width_chars);

  gtk_list_item_set_child (item, sm_text_cell_new (chars >= 20 ? 2 : 1, chars));
}

static void
bind_service_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  sm_text_cell_bind (item, "name", "type-name");
}

static void
bind_provider_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  sm_text_cell_bind (item, "organization", "place");
}

static void
bind_status_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  sm_text_cell_bind (item, "status-label", NULL);
}

static void
bind_free_cb (GtkSignalListItemFactory *factory, GtkListItem *item)
{
  sm_text_cell_bind (item, "free", NULL);
}

static void
setup_short_label_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  else
    gtk_label_set_max_width_chars (GTK_LABEL (label), 50);
  gtk_list_item_set_child (item, label);
}

static void
bind_short_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* A drop-down whose button shortens a long name, so that a provider's
 * full name never widens the side panel; its list shows names whole. */
static void
shorten (GtkDropDown *drop)
{
  for (int list = 0; list < 2; list++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_short_label_cb), GINT_TO_POINTER (!list));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_short_label_cb), NULL);
      if (list)
        gtk_drop_down_set_list_factory (drop, factory);
      else
        gtk_drop_down_set_factory (drop, factory);
    }
}

static void
sm_directory_panel_constructed (GObject *object)
{
  SmDirectoryPanel *self = SM_DIRECTORY_PANEL (object);
  g_autoptr(GPtrArray) type_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) kind_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) need_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) status_names = g_ptr_array_new ();
  g_autoptr(GtkStringList) types = NULL, types_edit = NULL, kinds_all = NULL, kinds_new = NULL;
  g_autoptr(GtkStringList) needs = NULL, states = NULL;

  G_OBJECT_CLASS (sm_directory_panel_parent_class)->constructed (object);

  self->store = g_object_ref (sm_context_get_store (self->context));
  /* Every type of the taxonomy, for the filter and for a new service. */
  self->types = sm_store_list_all_service_types (self->store, sm_locale_is_hungarian (), NULL);
  if (self->types == NULL)
    self->types = g_ptr_array_new ();
  self->categories = sm_store_list_categories (self->store);
  for (guint i = 0; i < self->types->len; i++)
    g_ptr_array_add (type_names, ((SmNamedCode *) g_ptr_array_index (self->types, i))->name);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_ptr_array_add (kind_names, (gpointer) kind_name (kinds[i]));
  for (guint i = 0; i < self->categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (self->categories, i);

      g_ptr_array_add (need_names, (gpointer) sm_localized_name (c->name_hu, c->name_en));
    }
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    g_ptr_array_add (status_names, (gpointer) sm_directory_status_label (statuses[i]));
  types = string_list (_("Every type"), type_names);
  types_edit = string_list (NULL, type_names);
  kinds_all = string_list (_("Every provider"), kind_names);
  kinds_new = string_list (NULL, kind_names);
  needs = string_list (_("Any need"), need_names);
  states = string_list (NULL, status_names);
  gtk_drop_down_set_model (self->type_drop, G_LIST_MODEL (types));
  gtk_drop_down_set_model (self->type_edit_drop, G_LIST_MODEL (types_edit));
  gtk_drop_down_set_model (self->kind_drop, G_LIST_MODEL (kinds_all));
  gtk_drop_down_set_model (self->new_org_kind_drop, G_LIST_MODEL (kinds_new));
  gtk_drop_down_set_model (self->need_drop, G_LIST_MODEL (needs));
  gtk_drop_down_set_model (self->status_drop, G_LIST_MODEL (states));
  for (GtkDropDown **d = (GtkDropDown *[]) { self->type_drop, self->type_edit_drop, self->organization_drop, NULL };
       *d != NULL; d++)
    gtk_drop_down_set_expression (*d, gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));

  for (GtkDropDown **d = (GtkDropDown *[]) { self->type_drop, self->type_edit_drop, self->organization_drop,
                                             self->kind_drop, self->need_drop, self->status_drop,
                                             self->new_org_kind_drop, NULL };
       *d != NULL; d++)
    shorten (*d);
  reload_organizations (self);
  g_signal_connect_swapped (self->organization_drop, "notify::selected", G_CALLBACK (organization_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->kind_drop, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->type_drop, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_swapped (self->need_drop, "notify::selected", G_CALLBACK (refilter), self);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  sm_directory_panel_reload (self);
}

static void
sm_directory_panel_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_DIRECTORY_PANEL (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_directory_panel_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_DIRECTORY_PANEL (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_directory_panel_dispose (GObject *object)
{
  SmDirectoryPanel *self = SM_DIRECTORY_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_DIRECTORY_PANEL);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->items);
  g_clear_pointer (&self->types, g_ptr_array_unref);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_clear_pointer (&self->catchments, g_ptr_array_unref);
  g_clear_pointer (&self->corners, g_array_unref);
  g_clear_pointer (&self->boundary_ids, g_array_unref);
  g_clear_pointer (&self->need_types, g_hash_table_unref);
  g_clear_pointer (&self->search_words, g_strfreev);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (sm_directory_panel_parent_class)->dispose (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, SmDirectoryPanel, name)

static void
sm_directory_panel_class_init (SmDirectoryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = sm_directory_panel_constructed;
  object_class->set_property = sm_directory_panel_set_property;
  object_class->get_property = sm_directory_panel_get_property;
  object_class->dispose = sm_directory_panel_dispose;
  g_object_class_install_property (object_class, PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  _sm_directory_panel_signals[SM_DIRECTORY_PANEL_TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (SM_TYPE_DIRECTORY_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, "/hu/szocterkep/SocialMap/ui/sm-directory-panel.ui");
  BIND (search_entry); BIND (kind_drop); BIND (type_drop); BIND (need_drop); BIND (summary);
  BIND (all_places_button); BIND (view); BIND (service_factory); BIND (provider_factory); BIND (status_factory);
  BIND (free_factory); BIND (editor_scroll); BIND (editor_title); BIND (organization_drop);
  BIND (new_org_box); BIND (new_org_entry); BIND (new_org_kind_drop); BIND (name_entry); BIND (type_edit_drop);
  BIND (status_drop); BIND (address_entry); BIND (eligibility_entry); BIND (hours_entry);
  BIND (accessibility_entry); BIND (languages_entry); BIND (contact_name_entry); BIND (contact_phone_entry);
  BIND (contact_email_entry); BIND (age_min_spin); BIND (age_max_spin);
  BIND (fees_entry); BIND (phone_entry); BIND (email_entry); BIND (url_entry); BIND (unit_entry);
  BIND (available_spin); BIND (maximum_spin); BIND (waiting_spin); BIND (description_entry); BIND (message);
  BIND (new_button); BIND (save_button); BIND (cancel_button);
  _sm_directory_panel_install_exchange (widget_class);
  _sm_directory_panel_install_catchment (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_places_clicked_cb);
}

static void
sm_directory_panel_init (SmDirectoryPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->items = g_list_store_new (SM_TYPE_DIRECTORY_ITEM);
  self->corners = g_array_new (FALSE, FALSE, sizeof (double));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  {
    GtkListItemFactory *factories[] = { self->service_factory, self->provider_factory, self->status_factory,
                                        self->free_factory };
    GCallback binds[] = { G_CALLBACK (bind_service_cb), G_CALLBACK (bind_provider_cb), G_CALLBACK (bind_status_cb),
                          G_CALLBACK (bind_free_cb) };

    /* How wide each column asks to be, in characters. */
    int widths[] = { 28, 24, 11, 12 };

    for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
      {
        g_signal_connect (factories[i], "setup", G_CALLBACK (setup_two_lines_cb), GINT_TO_POINTER (widths[i]));
        g_signal_connect (factories[i], "bind", binds[i], NULL);
      }
  }
  g_object_unref (self->filter);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self);
}

SmDirectoryPanel *
sm_directory_panel_new (SmContext *context)
{
  return g_object_new (SM_TYPE_DIRECTORY_PANEL, "context", context, NULL);
}
