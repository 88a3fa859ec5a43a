#include "config.h"

#include "sm-service-choice.h"
#include "sm-store-services.h"
#include "sm-store-surveys.h"

/**
 * sm_service_choice_fill_services:
 * @all_label: (nullable): a first entry standing for every service (id 0)
 * @active_only: leave out services not active now
 *
 * Lists each service once, as "service — provider".
 */
void
sm_service_choice_fill_services (GtkDropDown *drop,
                                 GArray      *ids,
                                 SmStore     *store,
                                 const char  *all_label,
                                 gboolean     active_only)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (store, NULL, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  gint64 all = 0;

  g_array_set_size (ids, 0);
  if (all_label != NULL)
    {
      gtk_string_list_append (names, all_label);
      g_array_append_val (ids, all);
    }
  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);
      g_autofree char *name = NULL;

      if (g_hash_table_contains (seen, &p->service_id) || (active_only && !g_str_equal (p->status, "active")))
        continue;
      g_hash_table_add (seen, (gpointer) &p->service_id);
      name = g_strdup_printf ("%s — %s", p->service_name, p->organization_name);
      gtk_string_list_append (names, name);
      g_array_append_val (ids, p->service_id);
    }
  gtk_drop_down_set_model (drop, G_LIST_MODEL (names));
}

/**
 * sm_service_choice_fill_places:
 * @service_id: 0: no service chosen (only @all_label is listed)
 * @all_label: the first entry, standing for no place in particular (id 0)
 *
 * Lists the places of one service by their name and address; the drop-down
 * is insensitive while there is nothing to choose.
 */
void
sm_service_choice_fill_places (GtkDropDown *drop,
                               GArray      *ids,
                               SmStore     *store,
                               gint64       service_id,
                               const char  *all_label)
{
  g_autoptr(GPtrArray) places = service_id != 0 ? sm_store_list_service_places (store, NULL, NULL) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (names, all_label);
  g_array_append_val (ids, none);
  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      const SmServicePlace *p = g_ptr_array_index (places, i);
      g_autofree char *name = NULL;

      if (p->service_id != service_id || p->location_id == 0)
        continue;
      name = p->location_name != NULL && p->address != NULL && g_strcmp0 (p->location_name, p->address) != 0
             ? g_strdup_printf ("%s, %s", p->location_name, p->address)
             : g_strdup (p->location_name ? p->location_name : p->address ? p->address : "?");
      gtk_string_list_append (names, name);
      g_array_append_val (ids, p->location_id);
    }
  gtk_drop_down_set_model (drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (drop, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (drop), ids->len > 1);
}

/**
 * sm_service_choice_fill_questionnaires:
 *
 * Lists the questionnaires, the standard one first (and chosen).
 */
void
sm_service_choice_fill_questionnaires (GtkDropDown *drop,
                                       GArray      *ids,
                                       SmStore     *store)
{
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (ids, 0);
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const SmQuestionnaire *q = g_ptr_array_index (list, i);

      gtk_string_list_append (names, q->name);
      g_array_append_val (ids, q->id);
    }
  gtk_drop_down_set_model (drop, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (drop, 0);
  gtk_widget_set_visible (GTK_WIDGET (drop), ids->len > 1);
}

/**
 * sm_service_choice_get:
 *
 * Returns: the id chosen; 0 for the "all" entry or none
 */
gint64
sm_service_choice_get (GtkDropDown *drop,
                       GArray      *ids)
{
  guint i = gtk_drop_down_get_selected (drop);

  return i != GTK_INVALID_LIST_POSITION && i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

void
sm_service_choice_set (GtkDropDown *drop,
                       GArray      *ids,
                       gint64       id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      gtk_drop_down_set_selected (drop, i);
}
