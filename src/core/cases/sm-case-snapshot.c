#define G_LOG_DOMAIN "sm-case"

#include "config.h"


#include "sm-case-snapshot.h"
#include "sm-store-review.h"

struct _SmCaseSnapshot
{
  gint64       household_id;   /* 0: the household was not yet saved */
  SmHousehold  household;
  GPtrArray   *persons;        /* SmPerson */
  GPtrArray   *needs;          /* SmNeed */
  GPtrArray   *assessments;    /* SmElderlyAssessment */
  SmReviewRow *review;         /* NULL: not on the review list */
};

void
sm_case_snapshot_free (SmCaseSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  sm_household_clear (&snapshot->household);
  g_clear_pointer (&snapshot->persons, g_ptr_array_unref);
  g_clear_pointer (&snapshot->needs, g_ptr_array_unref);
  g_clear_pointer (&snapshot->assessments, g_ptr_array_unref);
  g_clear_pointer (&snapshot->review, sm_review_row_free);
  g_free (snapshot);
}

/**
 * sm_case_snapshot_take:
 * @household_id: the household, or 0 for one not yet saved
 *
 * Returns: (transfer full): the case as the store holds it now, or %NULL
 *   with @error
 */
SmCaseSnapshot *
sm_case_snapshot_take (SmStore  *store,
                       gint64    household_id,
                       GError  **error)
{
  g_autoptr(SmCaseSnapshot) snapshot = g_new0 (SmCaseSnapshot, 1);
  gboolean on_review;

  g_return_val_if_fail (SM_IS_STORE (store), NULL);

  snapshot->household_id = household_id;
  if (household_id == 0)
    return g_steal_pointer (&snapshot);
  if (!sm_store_get_household (store, household_id, &snapshot->household, error))
    return NULL;
  snapshot->persons = sm_store_list_persons (store, household_id, error);
  if (snapshot->persons == NULL)
    return NULL;
  snapshot->needs = sm_store_list_needs (store, household_id, error);
  if (snapshot->needs == NULL)
    return NULL;
  snapshot->assessments = sm_store_list_assessments (store, household_id, error);
  if (snapshot->assessments == NULL)
    return NULL;
  snapshot->review = sm_store_get_review_row (store, household_id, &on_review, error);
  if (!on_review && error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&snapshot);
}

/* The household the snapshot is of; 0 when it was not yet saved. */
gint64
sm_case_snapshot_get_household (SmCaseSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);

  return snapshot->household_id;
}

/* The record of @records with @id, or NULL. The records' ids come first. */
static gpointer
with_id (GPtrArray *records,
         gint64     id)
{
  for (guint i = 0; i < records->len; i++)
    if (*(const gint64 *) g_ptr_array_index (records, i) == id)
      return g_ptr_array_index (records, i);
  return NULL;
}

/* A person's id as it is after the restore: a person the save removed
 * comes back under a new one. */
static gint64
person_now (GHashTable *renamed,
            gint64      id)
{
  gpointer now = g_hash_table_lookup (renamed, &id);

  return now != NULL ? *(gint64 *) now : id;
}

/* What the save added: deleted, assessments and needs before the people
 * they may belong to. */
static gboolean
delete_added (SmCaseSnapshot  *s,
              SmStore         *store,
              GPtrArray       *persons,
              GPtrArray       *needs,
              GPtrArray       *assessments,
              GError         **error)
{
  for (guint i = 0; i < assessments->len; i++)
    {
      const SmElderlyAssessment *a = g_ptr_array_index (assessments, i);

      if (with_id (s->assessments, a->id) == NULL &&
          !sm_store_delete_elderly_assessment (store, a->id, error))
        return FALSE;
    }
  for (guint i = 0; i < needs->len; i++)
    {
      const SmNeed *n = g_ptr_array_index (needs, i);

      if (with_id (s->needs, n->id) == NULL && !sm_store_delete_need (store, n->id, error))
        return FALSE;
    }
  for (guint i = 0; i < persons->len; i++)
    {
      const SmPerson *p = g_ptr_array_index (persons, i);

      if (with_id (s->persons, p->id) == NULL && !sm_store_delete_person (store, p->id, error))
        return FALSE;
    }
  return TRUE;
}

/* The snapshot's people, needs and assessments: changed back where they
 * are, added again where the save removed them. */
static gboolean
write_back (SmCaseSnapshot  *s,
            SmStore         *store,
            gint64           household_id,
            GPtrArray       *persons,
            GPtrArray       *needs,
            GPtrArray       *assessments,
            GError         **error)
{
  g_autoptr(GHashTable) renamed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (guint i = 0; i < s->persons->len; i++)
    {
      SmPerson p = *(const SmPerson *) g_ptr_array_index (s->persons, i);
      gint64 was = p.id, *key, *value;

      p.household_id = household_id;
      if (with_id (persons, p.id) != NULL)
        {
          if (!sm_store_update_person (store, &p, error))
            return FALSE;
          continue;
        }
      p.id = sm_store_add_person (store, &p, error);
      if (p.id == 0)
        return FALSE;
      key = g_memdup2 (&was, sizeof was);
      value = g_memdup2 (&p.id, sizeof p.id);
      g_hash_table_insert (renamed, key, value);
    }
  for (guint i = 0; i < s->needs->len; i++)
    {
      SmNeed n = *(const SmNeed *) g_ptr_array_index (s->needs, i);

      n.household_id = household_id;
      if (n.person_id != 0)
        n.person_id = person_now (renamed, n.person_id);
      if (with_id (needs, n.id) != NULL ? !sm_store_update_need (store, &n, error)
                                        : (n.id = 0, sm_store_add_need (store, &n, error) == 0))
        return FALSE;
    }
  for (guint i = 0; i < s->assessments->len; i++)
    {
      SmElderlyAssessment a = *(const SmElderlyAssessment *) g_ptr_array_index (s->assessments, i);

      a.person_id = person_now (renamed, a.person_id);
      if (with_id (assessments, a.id) != NULL ? !sm_store_update_elderly_assessment (store, &a, error)
                                              : (a.id = 0, sm_store_add_elderly_assessment (store, &a, error) == 0))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_household (SmCaseSnapshot  *s,
                   SmStore         *store,
                   gint64           household_id,
                   GError         **error)
{
  SmHousehold h = s->household;

  h.id = household_id;
  if (!sm_store_update_household (store, &h, error))
    return FALSE;
  if (h.has_location ? !sm_store_set_household_location (store, household_id, h.lat, h.lon, h.quality, error)
                     : !sm_store_clear_household_location (store, household_id, error))
    return FALSE;
  if (s->review != NULL)
    return sm_store_put_review (store, household_id, s->review->quality, s->review->score,
                                s->review->details, error);
  return sm_store_remove_review (store, household_id, error);
}

/**
 * sm_case_snapshot_restore:
 * @household_id: the household the save wrote (for a snapshot of one not
 *   yet saved, the one it made)
 *
 * Writes the case back as the snapshot holds it, as one action: what the
 * save changed is changed back, what it added is deleted, what it removed
 * comes back (under new ids; a signal's or a referral's link to a removed
 * record is not made again). Undoing the first save of a household
 * deletes it.
 */
gboolean
sm_case_snapshot_restore (SmCaseSnapshot  *snapshot,
                          SmStore         *store,
                          gint64           household_id,
                          GError         **error)
{
  g_autoptr(GPtrArray) persons = NULL, needs = NULL, assessments = NULL;
  SmHousehold exists;

  g_return_val_if_fail (snapshot != NULL && SM_IS_STORE (store), FALSE);
  g_return_val_if_fail (snapshot->household_id == 0 || snapshot->household_id == household_id, FALSE);

  if (!sm_store_get_household (store, household_id, &exists, error))
    return FALSE;
  sm_household_clear (&exists);
  if (snapshot->household_id == 0)
    return sm_store_delete_household (store, household_id, error);

  if (!sm_store_begin (store, error))
    return FALSE;
  persons = sm_store_list_persons (store, household_id, error);
  needs = persons != NULL ? sm_store_list_needs (store, household_id, error) : NULL;
  assessments = needs != NULL ? sm_store_list_assessments (store, household_id, error) : NULL;
  if (assessments == NULL || !restore_household (snapshot, store, household_id, error) ||
      !delete_added (snapshot, store, persons, needs, assessments, error) ||
      !write_back (snapshot, store, household_id, persons, needs, assessments, error) ||
      !sm_store_commit (store, error))
    {
      sm_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
