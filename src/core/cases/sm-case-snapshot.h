#pragma once

#include "sm-store.h"

G_BEGIN_DECLS

/* A household's case as the store holds it at one moment (the household,
 * its people, needs and elderly assessments, its row of the review list),
 * kept to undo a save: restoring it writes the case back as it was, as one
 * action. A snapshot of a household not yet saved restores by deleting
 * the household the save made. */
typedef struct _SmCaseSnapshot SmCaseSnapshot;

SmCaseSnapshot *sm_case_snapshot_take    (SmStore         *store,
                                          gint64           household_id,
                                          GError         **error);
gint64          sm_case_snapshot_get_household (SmCaseSnapshot *snapshot);
gboolean        sm_case_snapshot_restore (SmCaseSnapshot  *snapshot,
                                          SmStore         *store,
                                          gint64           household_id,
                                          GError         **error);
void            sm_case_snapshot_free    (SmCaseSnapshot  *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SmCaseSnapshot, sm_case_snapshot_free)

G_END_DECLS
