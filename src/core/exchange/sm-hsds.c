#define G_LOG_DOMAIN "sm-hsds"

#include "config.h"

#include "sm-hsds.h"
#include "sm-hsds-private.h"

/* What the HSDS export and import share: the ids and the statuses. */

/* --- ids -------------------------------------------------------------- */

/* The database's namespace for HSDS ids, made once and kept. */
char *
_sm_hsds_namespace (SmStore  *store,
              GError  **error)
{
  char *ns = NULL;

  if (sm_store_get_meta (store, "hsds.namespace", &ns) && ns != NULL)
    return ns;
  ns = g_uuid_string_random ();
  if (!sm_store_set_meta (store, "hsds.namespace", ns, error))
    g_clear_pointer (&ns, g_free);
  return ns;
}

/* A name-based UUID (version 5 layout) of an entity's row. */
char *
_sm_hsds_uuid (const char *ns,
         const char *entity,
         gint64      id)
{
  g_autofree char *name = g_strdup_printf ("%s:%s:%lld", ns, entity, (long long) id);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) name, -1);
  g_checksum_get_digest (sum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                          digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14],
                          digest[15]);
}

const char *
_sm_hsds_status (const char *status)
{
  if (g_strcmp0 (status, "temporarily_closed") == 0)
    return "temporarily closed";
  if (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "defunct") == 0)
    return status;
  return "inactive";
}

const char *
_sm_hsds_our_status (const char *status)
{
  if (g_strcmp0 (status, "temporarily closed") == 0)
    return "temporarily_closed";
  if (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "defunct") == 0 || g_strcmp0 (status, "inactive") == 0)
    return status;
  return "active";
}

