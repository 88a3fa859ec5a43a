#define G_LOG_DOMAIN "sm-case-life"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-model.h"
#include "sm-store-casework.h"
#include "sm-store-signals.h"

/* A service's working defaults, not a rule of law: the assessment of a
 * new case within 30 days of its opening, and a care plan reviewed at
 * least every 180 days. Each is a row of the deadline table, so a
 * service sets its own. */
const SmCaseDeadlines sm_case_default_deadlines = {
  .assessment_days = 30,
  .review_days = 180,
};

static const SmInterventionKind kinds[] = {
  { "rent_support", SM_INTERVENTION_HOUSING, "Települési lakhatási támogatás", "Municipal rent support" },
  { "debt_management", SM_INTERVENTION_HOUSING, "Adósságkezelési szolgáltatás", "Arrears and debt management" },
  { "municipal_flat", SM_INTERVENTION_HOUSING, "Önkormányzati bérlakás", "Municipal flat" },
  { "eviction_prevention", SM_INTERVENTION_HOUSING, "Kilakoltatás megelőzése", "Eviction prevention" },
  { "notary_procedure", SM_INTERVENTION_ADMINISTRATIVE, "Jegyzői eljárás", "Notary's procedure" },
  { "benefit_decision", SM_INTERVENTION_ADMINISTRATIVE, "Ellátásról szóló döntés", "Benefit decision" },
  { "protection", SM_INTERVENTION_GUARDIANSHIP, "Védelembe vétel", "Taking into protection" },
  { "family_placement", SM_INTERVENTION_GUARDIANSHIP, "Családba fogadás", "Placement with a family" },
  { "temporary_placement", SM_INTERVENTION_GUARDIANSHIP, "Ideiglenes hatályú elhelyezés",
    "Temporary placement" },
  { "care_order", SM_INTERVENTION_GUARDIANSHIP, "Nevelésbe vétel", "Taking into state care" },
  { "family_support", SM_INTERVENTION_SERVICE, "Család- és gyermekjóléti szolgáltatás",
    "Family and child welfare service" },
  { "social_service", SM_INTERVENTION_SERVICE, "Szociális szolgáltatás", "Social service" },
};

const SmInterventionKind *
sm_intervention_kinds (guint *n)
{
  *n = G_N_ELEMENTS (kinds);
  return kinds;
}

const SmInterventionKind *
sm_intervention_kind_find (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].code, code))
      return &kinds[i];
  return NULL;
}

/* The kind's name in the language of the messages. */
const char *
sm_intervention_kind_name (const SmInterventionKind *kind)
{
  return sm_localized_name (kind->name_hu, kind->name_en);
}

const char *
sm_case_stage_name (SmCaseStage stage)
{
  switch (stage)
    {
    case SM_CASE_OPENED:
      return _("opened");
    case SM_CASE_ASSESSMENT:
      return _("assessment");
    case SM_CASE_PLAN:
      return _("care plan");
    case SM_CASE_IN_CARE:
      return _("in care");
    case SM_CASE_CLOSED:
      return _("closed");
    default:
      return "?";
    }
}

/**
 * sm_case_check_step:
 * @by: who takes the step; it is recorded
 * @note: (nullable): why; closing before care and reopening need one
 *
 * Whether a case may go from @from to @to: each stage to the next; any
 * open stage to closed; closed back to opened.
 */
gboolean
sm_case_check_step (SmCaseStage   from,
                    SmCaseStage   to,
                    const char   *by,
                    const char   *note,
                    GError      **error)
{
  gboolean next = from != SM_CASE_CLOSED && to == from + 1;
  gboolean early_close = to == SM_CASE_CLOSED && from != SM_CASE_CLOSED && from != SM_CASE_IN_CARE;
  gboolean reopen = from == SM_CASE_CLOSED && to == SM_CASE_OPENED;

  if (!next && !early_close && !reopen)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   _("A case in %s cannot go to %s: a case is opened, assessed, planned, in care, "
                     "then closed; an open case may be closed, a closed one reopened"),
                   sm_case_stage_name (from), sm_case_stage_name (to));
      return FALSE;
    }
  while (by != NULL && g_ascii_isspace (*by))
    by++;
  if (by == NULL || *by == '\0')
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Say who takes this step of the case: it is recorded"));
      return FALSE;
    }
  if ((early_close || reopen) && (note == NULL || *note == '\0'))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   reopen ? _("A case is reopened with a reason")
                          : _("A case closed before care is closed with a reason"));
      return FALSE;
    }
  return TRUE;
}

/**
 * sm_case_is_overdue:
 * @reviewed: (nullable): the last review
 *
 * An open case still before its plan more than the assessment's days
 * after its opening, or in plan or care longer than the review's days
 * since its last review (or since it entered the stage), is overdue.
 */
gboolean
sm_case_is_overdue (const SmCaseDeadlines *deadlines,
                    SmCaseStage            stage,
                    const GDate           *opened,
                    const GDate           *stage_since,
                    const GDate           *reviewed,
                    const GDate           *today)
{
  const SmCaseDeadlines *d = deadlines ? deadlines : &sm_case_default_deadlines;
  int now = sm_date_to_epoch_day (today);

  if (stage == SM_CASE_OPENED || stage == SM_CASE_ASSESSMENT)
    return now - sm_date_to_epoch_day (opened) > d->assessment_days;
  if (stage == SM_CASE_PLAN || stage == SM_CASE_IN_CARE)
    {
      int last = sm_date_to_epoch_day (stage_since);

      if (reviewed != NULL && g_date_valid (reviewed))
        last = MAX (last, sm_date_to_epoch_day (reviewed));
      return now - last > d->review_days;
    }
  return FALSE;
}

/* --- the deadline table ----------------------------------------------- */

static const char * const urgencies[] = { "immediate", "urgent", "normal" };

/**
 * sm_deadlines_load:
 * @signals: (out) (optional):
 * @cases: (out) (optional):
 *
 * The deadlines the store's service works to.
 */
gboolean
sm_deadlines_load (SmStore            *store,
                   SmSignalDeadlines  *signals,
                   SmCaseDeadlines    *cases,
                   GError            **error)
{
  SmSignalDeadlines s = sm_signal_default_deadlines;
  SmCaseDeadlines c = sm_case_default_deadlines;

  for (guint i = 0; i < G_N_ELEMENTS (urgencies); i++)
    {
      g_autofree char *assess = g_strconcat ("assess_", urgencies[i], NULL);
      g_autofree char *answer = g_strconcat ("answer_", urgencies[i], NULL);

      if (!sm_store_get_deadline (store, assess, &s.assess_days[i], error) ||
          !sm_store_get_deadline (store, answer, &s.answer_days[i], error))
        return FALSE;
    }
  if (!sm_store_get_deadline (store, "case_assessment", &c.assessment_days, error) ||
      !sm_store_get_deadline (store, "case_review", &c.review_days, error))
    return FALSE;
  if (signals != NULL)
    *signals = s;
  if (cases != NULL)
    *cases = c;
  return TRUE;
}

/**
 * sm_deadline_set:
 * @name: assess_immediate, assess_urgent, assess_normal, answer_immediate,
 *   answer_urgent, answer_normal, case_assessment or case_review
 *
 * A signal's answer cannot be due before its assessment.
 */
gboolean
sm_deadline_set (SmStore     *store,
                 const char  *name,
                 int          days,
                 GError     **error)
{
  SmSignalDeadlines s;

  if (!sm_deadlines_load (store, &s, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (urgencies); i++)
    {
      g_autofree char *assess = g_strconcat ("assess_", urgencies[i], NULL);
      g_autofree char *answer = g_strconcat ("answer_", urgencies[i], NULL);

      if ((g_str_equal (name, assess) && days > s.answer_days[i]) ||
          (g_str_equal (name, answer) && days < s.assess_days[i]))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                       _("The answer to a signal cannot be due before its assessment (%s)"), urgencies[i]);
          return FALSE;
        }
    }
  return sm_store_set_deadline (store, name, days, error);
}

/* --- steps as actions on the store ------------------------------------ */

/* The day as stored; today when @on is %NULL. */
static char *
day_text (const GDate *on)
{
  return on != NULL ? sm_date_to_iso (on) : sm_date_today_iso ();
}

/* A household has one open case at a time. */
static gboolean
no_open_case (SmStore  *store,
              gint64    household_id,
              GError  **error)
{
  g_autoptr(GPtrArray) open = sm_store_list_case_files (store, household_id, TRUE, error);

  if (open == NULL)
    return FALSE;
  if (open->len > 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT, _("Household %lld already has an open case (%lld)"),
                   (long long) household_id, (long long) ((SmCaseFileRecord *) g_ptr_array_index (open, 0))->id);
      return FALSE;
    }
  return TRUE;
}

/**
 * sm_case_open:
 * @signal_id: the signal it is opened on, or 0
 * @on: (nullable): the day; today when %NULL
 *
 * Opens a case file for @household_id with its responsible caseworker. A
 * household has one open case at a time.
 *
 * Returns: the case's id, or 0 with @error
 */
gint64
sm_case_open (SmStore      *store,
              gint64        household_id,
              gint64        signal_id,
              const char   *caseworker,
              const GDate  *on,
              gboolean      synthetic,
              GError      **error)
{
  g_autofree char *day = day_text (on);
  SmCaseFileRecord r = { .household_id = household_id, .signal_id = signal_id,
                         .caseworker = (char *) caseworker, .opened_on = day, .synthetic = synthetic };

  if (signal_id != 0)
    {
      g_autoptr(SmSignalRecord) signal = sm_store_get_signal (store, signal_id, error);

      if (signal == NULL)
        return 0;
      if (signal->household_id != household_id)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                       _("Signal %lld is not about household %lld; link it to the household first"),
                       (long long) signal_id, (long long) household_id);
          return 0;
        }
    }
  if (!no_open_case (store, household_id, error))
    return 0;
  return sm_store_add_case_file (store, &r, error);
}

/**
 * sm_case_move:
 * @on: (nullable): the day; today when %NULL
 *
 * Takes case @id to stage @to, if the rules allow it from where it is;
 * the stage and the step (who, when, why) are written together.
 */
gboolean
sm_case_move (SmStore      *store,
              gint64        id,
              SmCaseStage   to,
              const char   *by,
              const char   *note,
              const GDate  *on,
              GError      **error)
{
  g_autoptr(SmCaseFileRecord) file = sm_store_get_case_file (store, id, error);
  g_autofree char *day = day_text (on);
  int from = 0;

  if (file == NULL)
    return FALSE;
  if (!sm_enum_parse (SM_TYPE_CASE_STAGE, file->stage, &from))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_FORMAT, _("Case %lld has an unknown stage “%s”"),
                   (long long) id, file->stage);
      return FALSE;
    }
  if (!sm_case_check_step (from, to, by, note, error))
    return FALSE;
  if (to == SM_CASE_OPENED && !no_open_case (store, file->household_id, error))
    return FALSE;
  return sm_store_step_case_file (store, id, file->stage, sm_enum_to_nick (SM_TYPE_CASE_STAGE, to), day, by,
                                  note, error);
}

/**
 * sm_intervention_add:
 * @household_id: the household, or 0 for an area
 * @area: (nullable): a hotspot area's name, when not on a household
 * @area_lat_lon: (nullable) (array fixed-size=2): the area's centre
 * @kind: the code of an #SmInterventionKind
 * @on: (nullable): the day; today when %NULL
 *
 * Returns: the intervention's id, or 0 with @error
 */
gint64
sm_intervention_add (SmStore      *store,
                     gint64        household_id,
                     const char   *area,
                     const double *area_lat_lon,
                     const char   *kind,
                     const GDate  *on,
                     const char   *organization,
                     const char   *outcome,
                     gboolean      synthetic,
                     GError      **error)
{
  const SmInterventionKind *k = sm_intervention_kind_find (kind);
  g_autofree char *day = day_text (on);
  SmInterventionRecord r = { .household_id = household_id, .area = (char *) area,
                             .has_area_location = area_lat_lon != NULL,
                             .area_lat = area_lat_lon ? area_lat_lon[0] : 0,
                             .area_lon = area_lat_lon ? area_lat_lon[1] : 0,
                             .kind = (char *) kind, .on_date = day, .organization = (char *) organization,
                             .outcome = (char *) outcome, .synthetic = synthetic };

  if (k == NULL)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        g_string_append_printf (list, "%s%s", i ? ", " : "", kinds[i].code);
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not a kind of intervention; use one of %s"),
                   kind ? kind : "", list->str);
      g_string_free (list, TRUE);
      return 0;
    }
  r.family = (char *) sm_enum_to_nick (SM_TYPE_INTERVENTION_FAMILY, k->family);
  return sm_store_add_intervention (store, &r, error);
}
