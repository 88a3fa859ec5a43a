#pragma once

#include <gio/gio.h>

#include "sm-enums.h"
#include "sm-model.h"

G_BEGIN_DECLS

#define SM_TYPE_STORE (sm_store_get_type ())

G_DECLARE_FINAL_TYPE (SmStore, sm_store, SM, STORE, GObject)

/**
 * SmStoreChange:
 * @SM_STORE_CHANGE_CASES: households, persons, needs, elderly assessments
 * @SM_STORE_CHANGE_REVIEW: the geocoding review list
 * @SM_STORE_CHANGE_SERVICES: organizations, services and their locations
 * @SM_STORE_CHANGE_BOUNDARIES: settlement, part and district boundaries
 * @SM_STORE_CHANGE_BASEMAP: the basemap and the reference addresses
 * @SM_STORE_CHANGE_CASEWORK: signals, case files, interventions, conferences,
 *   referrals, the working-day calendar
 * @SM_STORE_CHANGE_ROUNDTABLE: the roundtable's meetings, the cooperation
 *   programme, its actions and the indicators' targets
 * @SM_STORE_CHANGE_ALL: anything (another program's commit, a bulk change)
 *
 * What a committed action changed, as #SmStore::changed says it.
 */
typedef enum /*< flags,prefix=SM_STORE_CHANGE >*/
{
  SM_STORE_CHANGE_CASES      = 1 << 0,
  SM_STORE_CHANGE_REVIEW     = 1 << 1,
  SM_STORE_CHANGE_SERVICES   = 1 << 2,
  SM_STORE_CHANGE_BOUNDARIES = 1 << 3,
  SM_STORE_CHANGE_BASEMAP    = 1 << 4,
  SM_STORE_CHANGE_CASEWORK   = 1 << 5,
  SM_STORE_CHANGE_ROUNDTABLE = 1 << 6,
  SM_STORE_CHANGE_ALL        = 0x7f,
} SmStoreChange;

typedef struct {
  gint64  id;
  char   *code;
  char   *name_hu;
  char   *name_en;
  char   *color;
} SmCategory;

SmStore    *sm_store_open                (const char  *path,
                                          GError     **error);
const char *sm_store_get_path            (SmStore     *self);
int         sm_store_get_schema_version  (SmStore     *self);

gboolean    sm_store_begin               (SmStore     *self,
                                          GError     **error);
gboolean    sm_store_commit              (SmStore     *self,
                                          GError     **error);
void        sm_store_rollback            (SmStore     *self);
gboolean    sm_store_check_outside       (SmStore     *self);
gboolean    sm_store_can_write_now       (SmStore     *self);
int         sm_store_get_lock_wait       (void);
void        sm_store_wait_writable_async (SmStore             *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    sm_store_wait_writable_finish (SmStore      *self,
                                           GAsyncResult *result,
                                           GError      **error);
void        sm_store_set_cache_size      (SmStore     *self,
                                          int          mib);
char       *sm_store_get_import_layout   (SmStore     *self,
                                          const char  *signature);
gboolean    sm_store_set_import_layout   (SmStore     *self,
                                          const char  *signature,
                                          const char  *mapping,
                                          GError     **error);

GPtrArray  *sm_store_list_categories     (SmStore     *self);
gint64      sm_store_lookup_category     (SmStore     *self,
                                          const char  *code_or_name,
                                          GError     **error);
const SmCategory *sm_store_get_category  (SmStore     *self,
                                          gint64       id);

gint64      sm_store_count               (SmStore     *self,
                                          const char  *table);
gboolean    sm_store_get_meta            (SmStore     *self,
                                          const char  *key,
                                          char       **value);
gboolean    sm_store_set_meta            (SmStore     *self,
                                          const char  *key,
                                          const char  *value,
                                          GError     **error);

gboolean    sm_store_add_households      (SmStore           *self,
                                          SmHousehold      **households,
                                          guint              n,
                                          GError           **error);
gboolean    sm_store_add_persons         (SmStore           *self,
                                          SmPerson         **persons,
                                          guint              n,
                                          GError           **error);
gboolean    sm_store_add_needs           (SmStore           *self,
                                          SmNeed           **needs,
                                          guint              n,
                                          GError           **error);
gint64      sm_store_add_household       (SmStore           *self,
                                          const SmHousehold *household,
                                          GError           **error);
gboolean    sm_store_get_household       (SmStore           *self,
                                          gint64             id,
                                          SmHousehold       *out,
                                          GError           **error);
gboolean    sm_store_set_household_location (SmStore          *self,
                                             gint64            id,
                                             double            lat,
                                             double            lon,
                                             SmGeocodeQuality  quality,
                                             GError          **error);
gboolean    sm_store_clear_household_location (SmStore        *self,
                                               gint64          id,
                                               GError        **error);
gboolean    sm_store_delete_household    (SmStore           *self,
                                          gint64             id,
                                          GError           **error);

gint64      sm_store_add_person          (SmStore           *self,
                                          const SmPerson    *person,
                                          GError           **error);

gint64      sm_store_add_need            (SmStore           *self,
                                          const SmNeed      *need,
                                          GError           **error);
gboolean    sm_store_update_need         (SmStore           *self,
                                          const SmNeed      *need,
                                          GError           **error);
gboolean    sm_store_resolve_need        (SmStore           *self,
                                          gint64             id,
                                          const char        *resolved_on,
                                          GError           **error);
gboolean    sm_store_delete_need         (SmStore           *self,
                                          gint64             id,
                                          GError           **error);

gint64      sm_store_add_elderly_assessment (SmStore                   *self,
                                             const SmElderlyAssessment *assessment,
                                             GError                   **error);

gboolean    sm_store_update_elderly_assessment (SmStore                   *self,
                                                const SmElderlyAssessment *assessment,
                                                GError                   **error);
gboolean    sm_store_delete_elderly_assessment (SmStore                   *self,
                                                gint64                     id,
                                                GError                   **error);

gint64      sm_store_add_organization    (SmStore              *self,
                                          const SmOrganization *organization,
                                          GError              **error);
gint64      sm_store_add_service         (SmStore              *self,
                                          const SmService      *service,
                                          GError              **error);
gint64      sm_store_add_location        (SmStore              *self,
                                          const SmLocation     *location,
                                          GError              **error);
gboolean    sm_store_link_service_location (SmStore           *self,
                                            gint64             service_id,
                                            gint64             location_id,
                                            GError           **error);

gboolean    sm_store_update_household    (SmStore           *self,
                                          const SmHousehold *household,
                                          GError           **error);
gboolean    sm_store_update_person       (SmStore           *self,
                                          const SmPerson    *person,
                                          GError           **error);
gboolean    sm_store_delete_person       (SmStore           *self,
                                          gint64             id,
                                          GError           **error);
GPtrArray  *sm_store_list_persons        (SmStore           *self,
                                          gint64             household_id,
                                          GError           **error);
GPtrArray  *sm_store_list_needs          (SmStore           *self,
                                          gint64             household_id,
                                          GError           **error);
GPtrArray  *sm_store_list_assessments    (SmStore           *self,
                                          gint64             household_id,
                                          GError           **error);
GPtrArray  *sm_store_search_households   (SmStore           *self,
                                          const char        *text,
                                          guint              limit,
                                          GError           **error);
GPtrArray  *sm_store_search_households_why (SmStore         *self,
                                            const char      *text,
                                            guint            limit,
                                            GPtrArray      **who,
                                            GError         **error);
GHashTable *sm_store_index_household_addresses (SmStore     *self,
                                                GError     **error);

void        sm_category_free             (SmCategory *category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCategory, sm_category_free)

G_END_DECLS
