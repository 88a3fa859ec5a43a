#define G_LOG_DOMAIN "sm-directory-item"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "sm-address.h"
#include "sm-directory-item.h"

struct _SmDirectoryItem
{
  GObject         parent_instance;

  SmServicePlace *place;
  char           *type_name;
  char           *kind_name;
  char          **words;        /* what a search looks in, folded: see sm_directory_search_words() */
};

G_DEFINE_FINAL_TYPE (SmDirectoryItem, sm_directory_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TYPE_NAME,
  PROP_ORGANIZATION,
  PROP_PLACE,
  PROP_STATUS_LABEL,
  PROP_FREE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
sm_directory_status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return _("Active");
  if (g_strcmp0 (status, "inactive") == 0)
    return _("Inactive");
  if (g_strcmp0 (status, "defunct") == 0)
    return _("Defunct");
  if (g_strcmp0 (status, "temporarily_closed") == 0)
    return _("Temporarily closed");
  if (g_strcmp0 (status, "planned") == 0)
    return _("Planned");
  return status ? status : "";
}

static char *
free_text (const SmServicePlace *p)
{
  if (p->available < 0)
    return p->waiting_list > 0 ? g_strdup_printf (_("%d waiting"), p->waiting_list) : g_strdup ("");
  if (p->waiting_list > 0)
    /* Translators: free places of all, and how many wait */
    return g_strdup_printf (_("%d of %d, %d waiting"), p->available, p->maximum, p->waiting_list);
  if (p->maximum >= 0)
    return g_strdup_printf (_("%d of %d"), p->available, p->maximum);
  return g_strdup_printf ("%d", p->available);
}

static void
sm_directory_item_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SmDirectoryItem *self = SM_DIRECTORY_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->place->service_name);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_ORGANIZATION:
      g_value_take_string (value, g_strdup_printf ("%s · %s", self->place->organization_name, self->kind_name));
      break;
    case PROP_PLACE:
      g_value_set_string (value, self->place->address ? self->place->address : _("no address"));
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, sm_directory_status_label (self->place->status));
      break;
    case PROP_FREE:
      g_value_take_string (value, free_text (self->place));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_directory_item_finalize (GObject *object)
{
  SmDirectoryItem *self = SM_DIRECTORY_ITEM (object);

  sm_service_place_free (self->place);
  g_free (self->type_name);
  g_free (self->kind_name);
  g_strfreev (self->words);
  G_OBJECT_CLASS (sm_directory_item_parent_class)->finalize (object);
}

static void
sm_directory_item_class_init (SmDirectoryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sm_directory_item_get_property;
  object_class->finalize = sm_directory_item_finalize;
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE_NAME] = g_param_spec_string ("type-name", NULL, NULL, NULL,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANIZATION] = g_param_spec_string ("organization", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FREE] = g_param_spec_string ("free", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_directory_item_init (SmDirectoryItem *self)
{
}

/**
 * sm_directory_item_new:
 * @place: (transfer full): the service at its place
 */
SmDirectoryItem *
sm_directory_item_new (SmServicePlace *place,
                       const char     *type_name,
                       const char     *kind_name)
{
  SmDirectoryItem *self = g_object_new (SM_TYPE_DIRECTORY_ITEM, NULL);

  self->place = place;
  self->type_name = g_strdup (type_name);
  self->kind_name = g_strdup (kind_name);
  {
    g_autofree char *haystack = g_strjoin (" ", place->service_name ? place->service_name : "",
                                           place->organization_name ? place->organization_name : "",
                                           place->address ? place->address : "", type_name ? type_name : "", NULL);

    self->words = sm_directory_search_words (haystack);
  }
  return self;
}

const SmServicePlace *
sm_directory_item_get_place (SmDirectoryItem *self)
{
  return self->place;
}

/**
 * sm_directory_search_words:
 *
 * Returns: (transfer full): the words of @text, accents and case aside
 */
char **
sm_directory_search_words (const char *text)
{
  g_autofree char *folded = sm_text_fold (text ? text : "");
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  char *p = folded;

  while (*p != '\0')
    {
      char *start;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

/* Every word of @search (sm_directory_search_words()) begins a word of the
 * service's name, provider, address or type ("esze tamas" finds "Esze
 * Tamás utca"). */
gboolean
sm_directory_item_matches (SmDirectoryItem    *self,
                           const char * const *search)
{
  for (guint i = 0; search != NULL && search[i] != NULL; i++)
    {
      gsize n = strlen (search[i]);
      gboolean found = FALSE;

      for (guint j = 0; self->words[j] != NULL && !found; j++)
        found = strncmp (self->words[j], search[i], n) == 0;
      if (!found)
        return FALSE;
    }
  return TRUE;
}
