#define G_LOG_DOMAIN "sm-roundtable"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sm-coverage.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-filter.h"
#include "sm-excess.h"
#include "sm-hotspot.h"
#include "sm-indicators.h"
#include "sm-number.h"
#include "sm-referral.h"
#include "sm-satisfaction.h"
#include "sm-signal-report.h"
#include "sm-stats.h"
#include "sm-store-referrals.h"
#include "sm-store-roundtable.h"
#include "sm-store-signals.h"
#include "sm-store-surveys.h"

static const SmIndicatorDef defs[] = {
  { "households_with_needs", N_("Households with open needs"),
    N_("Households with at least one open need on the period's last day"),
    SM_INDICATOR_HOUSEHOLDS, SM_INDICATOR_LOWER_BETTER, TRUE, TRUE },
  { "new_needs", N_("New needs"), N_("Needs assessed in the period"),
    SM_INDICATOR_COUNT, SM_INDICATOR_NEITHER, FALSE, TRUE },
  { "resolved_needs", N_("Resolved needs"), N_("Needs resolved in the period"),
    SM_INDICATOR_COUNT, SM_INDICATOR_HIGHER_BETTER, FALSE, TRUE },
  { "hotspots", N_("Hotspots"),
    N_("Areas where a need is significantly more frequent than the households there explain (the scan statistic), on the period's last day"),
    SM_INDICATOR_COUNT, SM_INDICATOR_LOWER_BETTER, TRUE, FALSE },
  { "hotspot_households", N_("Households in hotspots"),
    N_("Households with the hotspot's need in the hotspots on the period's last day, for each need"),
    SM_INDICATOR_HOUSEHOLDS, SM_INDICATOR_LOWER_BETTER, TRUE, FALSE },
  { "signals", N_("Signals received"), N_("Signals of the signalling system received in the period"),
    SM_INDICATOR_COUNT, SM_INDICATOR_NEITHER, FALSE, TRUE },
  { "signal_answer_days", N_("Days to answer a signal"),
    N_("Median days from receipt to the answer, of the period's signals that were answered"),
    SM_INDICATOR_DAYS, SM_INDICATOR_LOWER_BETTER, FALSE, TRUE },
  { "referral_loop_closed", N_("Referral loops closed"),
    N_("Share of the period's referrals that the receiving service accepted and completed or declined by the period's end"),
    SM_INDICATOR_PERCENT, SM_INDICATOR_HIGHER_BETTER, FALSE, TRUE },
  { "declined_no_capacity", N_("Referrals declined for no capacity"),
    N_("Referrals declined in the period because the service was full"),
    SM_INDICATOR_COUNT, SM_INDICATOR_LOWER_BETTER, FALSE, TRUE },
  { "waiting_list", N_("Waiting lists"),
    N_("The waiting lists services last reported in the period when they declined for no capacity, added up"),
    SM_INDICATOR_COUNT, SM_INDICATOR_LOWER_BETTER, FALSE, TRUE },
  { "coverage_gaps", N_("Households with a need not covered"),
    N_("Households with an open need that no service in reach with free capacity answers, on the period's last day"),
    SM_INDICATOR_HOUSEHOLDS, SM_INDICATOR_LOWER_BETTER, TRUE, TRUE },
  { "satisfaction", N_("Client satisfaction"),
    N_("Mean answer to the standard questionnaire's overall question (1–5) in the period"),
    SM_INDICATOR_SCORE, SM_INDICATOR_HIGHER_BETTER, FALSE, TRUE },
};

const SmIndicatorDef *
sm_indicator_defs (guint *n)
{
  *n = G_N_ELEMENTS (defs);
  return defs;
}

const SmIndicatorDef *
sm_indicator_lookup (const char *nick)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (defs); i++)
    if (g_str_equal (defs[i].nick, nick))
      return &defs[i];
  return NULL;
}

const char *
sm_indicator_name (const SmIndicatorDef *def)
{
  return _(def->name);
}

const char *
sm_indicator_unit_name (const SmIndicatorDef *def)
{
  switch (def->unit)
    {
    case SM_INDICATOR_HOUSEHOLDS:
      return _("households");
    case SM_INDICATOR_COUNT:
      return _("count");
    case SM_INDICATOR_DAYS:
      return _("days");
    case SM_INDICATOR_PERCENT:
      return "%";
    case SM_INDICATOR_SCORE:
      return _("score 1–5");
    default:
      return "";
    }
}

/* The day after @day, for the APIs whose end is exclusive. */
static char *
day_after (const char *day)
{
  GDate d;

  if (!sm_date_parse_iso (day, &d, NULL))
    return g_strdup (day);
  g_date_add_days (&d, 1);
  return sm_date_to_iso (&d);
}

static SmFilter *
filter_on (const char *day)
{
  SmFilter *filter = sm_filter_new ();
  GDate d;

  if (sm_date_parse_iso (day, &d, NULL))
    sm_filter_set_as_of (filter, &d);
  return filter;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

struct _SmIndicatorContext {
  SmStore      *store;
  SmDisclosure *disclosure;
  GHashTable   *hotspots;     /* day → GPtrArray of SmExcess */
  GPtrArray    *signals;      /* SmSignalRecord received in [signals_from, signals_until) */
  char         *signals_from;
  char         *signals_until;
};

SmIndicatorContext *
sm_indicator_context_new (SmStore      *store,
                          SmDisclosure *disclosure)
{
  SmIndicatorContext *c = g_new0 (SmIndicatorContext, 1);

  c->store = g_object_ref (store);
  c->disclosure = g_object_ref (disclosure);
  c->hotspots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  return c;
}

void
sm_indicator_context_free (SmIndicatorContext *c)
{
  if (c == NULL)
    return;
  g_object_unref (c->store);
  g_object_unref (c->disclosure);
  g_hash_table_unref (c->hotspots);
  g_clear_pointer (&c->signals, g_ptr_array_unref);
  g_free (c->signals_from);
  g_free (c->signals_until);
  g_free (c);
}

/**
 * sm_indicator_context_hotspots:
 * @day: YYYY-MM-DD
 *
 * Returns: (transfer none) (element-type SmExcess): the hotspots of the
 *   open needs on @day, as the hotspot list finds them by default (the
 *   scan, Bernoulli, 250 m cells, 999 replications, seed 1), highest
 *   relative risk first
 */
GPtrArray *
sm_indicator_context_hotspots (SmIndicatorContext  *c,
                               const char          *day,
                               GError             **error)
{
  GPtrArray *found = g_hash_table_lookup (c->hotspots, day);

  if (found == NULL)
    {
      g_autoptr(SmFilter) filter = filter_on (day);
      SmExcessOptions options = { .model = SM_SCAN_BERNOULLI, .cell_m = 250,
                                  .replications = SM_PERMUTATIONS_DEFAULT, .seed = 1 };

      found = sm_find_excess (c->store, filter, &options, NULL, error);
      if (found == NULL)
        return NULL;
      g_hash_table_insert (c->hotspots, g_strdup (day), found);
    }
  return found;
}

/* The signals received in [@from, @until), read once for a period and its
 * months: the caller keeps to the days it asked for. */
static GPtrArray *
signals_in (SmIndicatorContext  *c,
            const char          *from,
            const char          *until,
            GError             **error)
{
  if (c->signals == NULL || strcmp (from, c->signals_from) < 0 || strcmp (until, c->signals_until) > 0)
    {
      GPtrArray *read = sm_store_list_signals_received (c->store, from, until, error);

      if (read == NULL)
        return NULL;
      g_clear_pointer (&c->signals, g_ptr_array_unref);
      g_free (c->signals_from);
      g_free (c->signals_until);
      c->signals = read;
      c->signals_from = g_strdup (from);
      c->signals_until = g_strdup (until);
    }
  return c->signals;
}

static gboolean
signal_figures (SmIndicatorContext *c,
                const char         *from,
                const char         *to,
                SmIndicatorValue   *out,
                gboolean            days,
                GError            **error)
{
  g_autofree char *until = day_after (to);
  GPtrArray *signals = signals_in (c, from, until, error);
  g_autoptr(GArray) waits = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 n = 0;

  if (signals == NULL)
    return FALSE;
  for (guint i = 0; i < signals->len; i++)
    {
      SmSignalRecord *s = g_ptr_array_index (signals, i);
      GDate received, answered;
      double d;

      if (strcmp (s->received_at, from) < 0 || strcmp (s->received_at, until) >= 0)
        continue;
      n++;
      if (!days)
        continue;
      if (s->answered_at == NULL || s->received_at == NULL || strlen (s->received_at) < 10 ||
          strlen (s->answered_at) < 10)
        continue;
      {
        g_autofree char *r = g_strndup (s->received_at, 10), *a = g_strndup (s->answered_at, 10);

        if (!sm_date_parse_iso (r, &received, NULL) || !sm_date_parse_iso (a, &answered, NULL))
          continue;
      }
      d = g_date_days_between (&received, &answered);
      g_array_append_val (waits, d);
    }
  if (!days)
    {
      out->n = n;
      out->value = n;
      return TRUE;
    }
  out->n = waits->len;
  if (waits->len >= (guint) sm_disclosure_get_k (c->disclosure))
    {
      qsort (waits->data, waits->len, sizeof (double), compare_double);
      out->value = sm_report_quantile ((double *) waits->data, waits->len, 0.5);
    }
  return TRUE;
}

static gboolean
referral_figures (SmStore          *store,
                  const SmIndicatorDef *def,
                  const char       *from,
                  const char       *to,
                  SmIndicatorValue *out,
                  SmDisclosure     *disclosure,
                  GError          **error)
{
  SmReferralQuery query = { 0 };
  g_autoptr(GPtrArray) referrals = sm_store_list_referrals (store, &query, error);
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GHashTable) waiting_day = NULL;
  gint64 sent = 0, closed = 0, declined = 0;

  if (referrals == NULL)
    return FALSE;
  waiting = g_hash_table_new (g_int64_hash, g_int64_equal);
  waiting_day = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < referrals->len; i++)
    {
      SmReferralRecord *r = g_ptr_array_index (referrals, i);
      gboolean no_capacity = r->decline_reason != NULL && g_str_equal (r->decline_reason, "no_capacity");
      int state = SM_REFERRAL_SENT;

      if (r->sent_on != NULL && strcmp (r->sent_on, from) >= 0 && strcmp (r->sent_on, to) <= 0)
        {
          sent++;
          sm_enum_parse (SM_TYPE_REFERRAL_STATE, r->state, &state);
          if (sm_referral_loop_closed ((SmReferralState) state) && r->closed_on != NULL &&
              strcmp (r->closed_on, to) <= 0)
            closed++;
        }
      if (no_capacity && r->answered_on != NULL && strcmp (r->answered_on, from) >= 0 &&
          strcmp (r->answered_on, to) <= 0)
        {
          declined++;
          if (r->waiting_list >= 0)
            {
              const char *seen = g_hash_table_lookup (waiting_day, &r->service_id);

              if (seen == NULL || strcmp (seen, r->answered_on) <= 0)
                {
                  g_hash_table_insert (waiting_day, &r->service_id, r->answered_on);
                  g_hash_table_insert (waiting, &r->service_id, GINT_TO_POINTER (r->waiting_list + 1));
                }
            }
        }
    }
  if (g_str_equal (def->nick, "referral_loop_closed"))
    {
      out->n = sent;
      if (sent >= sm_disclosure_get_k (disclosure))
        out->value = 100.0 * closed / sent;
    }
  else if (g_str_equal (def->nick, "declined_no_capacity"))
    out->n = declined, out->value = declined;
  else
    {
      GHashTableIter iter;
      gpointer value;
      gint64 sum = 0;

      g_hash_table_iter_init (&iter, waiting);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        sum += GPOINTER_TO_INT (value) - 1;
      out->n = g_hash_table_size (waiting);
      if (out->n > 0)
        out->value = sum;
    }
  return TRUE;
}

static gboolean
coverage_gaps_on (SmStore     *store,
                  const char  *day,
                  gint64      *households,
                  GError     **error)
{
  g_autoptr(SmFilter) filter = filter_on (day);
  g_autoptr(GArray) needs = sm_coverage_compute (store, filter, error);
  g_autoptr(GHashTable) seen = NULL;

  if (needs == NULL)
    return FALSE;
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < needs->len; i++)
    {
      SmCoverageNeed *n = &g_array_index (needs, SmCoverageNeed, i);

      if (n->status != SM_COVERAGE_COVERED)
        g_hash_table_add (seen, &n->household_id);
    }
  *households = g_hash_table_size (seen);
  return TRUE;
}

static gboolean
satisfaction_in (SmStore          *store,
                 const char       *from,
                 const char       *to,
                 SmIndicatorValue *out,
                 SmDisclosure     *disclosure,
                 GError          **error)
{
  g_autoptr(GPtrArray) questionnaires = sm_store_list_questionnaires (store, error);
  g_autoptr(SmSatisfactionResult) result = NULL;
  SmQuestionnaire *standard;

  if (questionnaires == NULL)
    return FALSE;
  if (questionnaires->len == 0 || !(standard = g_ptr_array_index (questionnaires, 0))->standard)
    return TRUE;
  result = sm_satisfaction_compute (store, standard->id, 0, 0, from, to, disclosure, error);
  if (result == NULL)
    return FALSE;
  for (guint i = 0; i < result->questions->len; i++)
    {
      SmSatisfactionQuestion *q = g_ptr_array_index (result->questions, i);

      if (q->kind == SM_QUESTION_SCALE)
        {
          out->n = q->n;
          if (q->shown)
            out->value = q->mean;
          break;
        }
    }
  return TRUE;
}

/**
 * sm_indicator_compute:
 * @from: the period's first day (YYYY-MM-DD)
 * @to: its last day
 *
 * Computes one indicator for one period. A count of households under k
 * has its state set and no value; a figure over fewer than k has no value.
 */
gboolean
sm_indicator_compute (SmIndicatorContext   *context,
                      const SmIndicatorDef *def,
                      const char           *from,
                      const char           *to,
                      SmIndicatorValue     *out,
                      GError              **error)
{
  SmStore *store = context->store;
  SmDisclosure *disclosure = context->disclosure;
  const char *nick = def->nick;
  GDate a, b;

  *out = (SmIndicatorValue) { .def = def, .value = NAN, .state = SM_DISCLOSURE_SHOWN };
  if (!sm_date_parse_iso (from, &a, NULL) || !sm_date_parse_iso (to, &b, NULL) || g_date_compare (&a, &b) > 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” to “%s” is not a period"), from, to);
      return FALSE;
    }
  if (g_str_equal (nick, "households_with_needs"))
    {
      if (!sm_store_count_open_on (store, to, &out->n, NULL, error))
        return FALSE;
      out->value = out->n;
    }
  else if (g_str_equal (nick, "new_needs") || g_str_equal (nick, "resolved_needs"))
    {
      gint64 opened, resolved;

      if (!sm_store_count_need_flow (store, from, to, &opened, &resolved, NULL, error))
        return FALSE;
      out->n = g_str_equal (nick, "new_needs") ? opened : resolved;
      out->value = out->n;
    }
  else if (g_str_equal (nick, "hotspots") || g_str_equal (nick, "hotspot_households"))
    {
      GPtrArray *found = sm_indicator_context_hotspots (context, to, error);
      gint64 households = 0;

      if (found == NULL)
        return FALSE;
      for (guint i = 0; i < found->len; i++)
        households += ((SmExcess *) g_ptr_array_index (found, i))->cases;
      out->n = households;
      out->value = g_str_equal (nick, "hotspots") ? found->len : households;
    }
  else if (g_str_equal (nick, "signals") || g_str_equal (nick, "signal_answer_days"))
    {
      if (!signal_figures (context, from, to, out, g_str_equal (nick, "signal_answer_days"), error))
        return FALSE;
    }
  else if (g_str_equal (nick, "referral_loop_closed") || g_str_equal (nick, "declined_no_capacity") ||
           g_str_equal (nick, "waiting_list"))
    {
      if (!referral_figures (store, def, from, to, out, disclosure, error))
        return FALSE;
    }
  else if (g_str_equal (nick, "coverage_gaps"))
    {
      if (!coverage_gaps_on (store, to, &out->n, error))
        return FALSE;
      out->value = out->n;
    }
  else if (g_str_equal (nick, "satisfaction"))
    {
      if (!satisfaction_in (store, from, to, out, disclosure, error))
        return FALSE;
    }
  if (def->unit == SM_INDICATOR_HOUSEHOLDS)
    {
      out->state = sm_disclosure_state_of (disclosure, out->n, -1);
      if (out->state != SM_DISCLOSURE_SHOWN)
        out->value = NAN;
    }
  return TRUE;
}

char *
sm_indicator_format_number (const SmIndicatorDef *def,
                            double                number)
{
  switch (def->unit)
    {
    case SM_INDICATOR_DAYS:
    case SM_INDICATOR_PERCENT:
      return sm_format_decimal (number, 1);
    case SM_INDICATOR_SCORE:
      return sm_format_decimal (number, 2);
    default:
      return sm_format_decimal (number, fabs (number - round (number)) < 1e-9 ? 0 : 1);
    }
}

/* The value as a table shows it: "<5" for a hidden count, "–" where it is
 * not given. */
char *
sm_indicator_format (const SmIndicatorValue *value,
                     SmDisclosure           *disclosure)
{
  if (value->state != SM_DISCLOSURE_SHOWN)
    return sm_disclosure_format_count (disclosure, value->n, value->state);
  if (isnan (value->value))
    return g_strdup ("–");
  return sm_indicator_format_number (value->def, value->value);
}

gboolean
sm_indicator_target_met (const SmIndicatorDef *def,
                         double                value,
                         double                target)
{
  if (isnan (value))
    return FALSE;
  return def->better == SM_INDICATOR_LOWER_BETTER ? value <= target : value >= target;
}

void
sm_indicator_report_free (SmIndicatorReport *r)
{
  g_free (r->by_day);
  g_clear_pointer (&r->months, g_array_unref);
  g_free (r->verdict);
  g_free (r);
}

static char *
verdict_of (SmIndicatorReport *r)
{
  g_autofree char *target = sm_indicator_format_number (r->def, r->target);
  g_autofree char *gap = NULL;

  if (isnan (r->value.value))
    return g_strdup_printf (_("target %s; not measured in the period"), target);
  if (sm_indicator_target_met (r->def, r->value.value, r->target))
    return g_strdup_printf (_("target %s: met"), target);
  gap = sm_indicator_format_number (r->def, fabs (r->value.value - r->target));
  return g_strdup_printf (_("target %s: not met, %s to go"), target, gap);
}

/**
 * sm_indicators_report:
 * @monthly: also compute each month of the period (for the trend)
 *
 * Returns: (element-type SmIndicatorReport): every indicator over the
 *   period, with its target where one is set
 */
GPtrArray *
sm_indicators_report (SmIndicatorContext  *context,
                      const char          *from,
                      const char          *to,
                      gboolean             monthly,
                      GError             **error)
{
  g_autoptr(GPtrArray) reports = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_indicator_report_free);
  g_autoptr(GPtrArray) targets = sm_store_list_indicator_targets (context->store, error);
  GDate first, last;

  if (targets == NULL)
    return NULL;
  if (!sm_date_parse_iso (from, &first, NULL) || !sm_date_parse_iso (to, &last, NULL) || g_date_compare (&first, &last) > 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” to “%s” is not a period"), from, to);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (defs); i++)
    {
      SmIndicatorReport *r = g_new0 (SmIndicatorReport, 1);

      g_ptr_array_add (reports, r);
      r->def = &defs[i];
      r->target = r->baseline = NAN;
      for (guint t = 0; t < targets->len; t++)
        {
          SmIndicatorTarget *target = g_ptr_array_index (targets, t);

          if (g_str_equal (target->indicator, defs[i].nick))
            {
              r->target = target->target;
              r->baseline = target->baseline;
              r->by_day = g_strdup (target->by_day);
            }
        }
      if (!sm_indicator_compute (context, r->def, from, to, &r->value, error))
        return NULL;
      if (!isnan (r->target))
        r->verdict = verdict_of (r);
      if (!monthly || !r->def->monthly)
        continue;
      r->months = g_array_new (FALSE, FALSE, sizeof (SmIndicatorValue));
      for (GDate m = first; g_date_compare (&m, &last) <= 0;)
        {
          GDate end = m;
          g_autofree char *a = NULL, *b = NULL;
          SmIndicatorValue v;

          g_date_set_day (&end, g_date_get_days_in_month (g_date_get_month (&m), g_date_get_year (&m)));
          if (g_date_compare (&end, &last) > 0)
            end = last;
          a = sm_date_to_iso (&m);
          b = sm_date_to_iso (&end);
          if (!sm_indicator_compute (context, r->def, a, b, &v, error))
            return NULL;
          g_array_append_val (r->months, v);
          m = end;
          g_date_add_days (&m, 1);
        }
    }
  return g_steal_pointer (&reports);
}

/* A target for an indicator that exists. */
gboolean
sm_indicator_set_target (SmStore     *store,
                         const char  *nick,
                         double       target,
                         double       baseline,
                         const char  *by_day,
                         GError     **error)
{
  const SmIndicatorDef *def = sm_indicator_lookup (nick);

  if (def == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("“%s” is not an indicator"), nick ? nick : "");
      return FALSE;
    }
  if ((def->unit == SM_INDICATOR_PERCENT && (target < 0 || target > 100)) ||
      (def->unit == SM_INDICATOR_SCORE && (target < 1 || target > 5)) || target < 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("%s cannot be %g"), sm_indicator_name (def), target);
      return FALSE;
    }
  return sm_store_set_indicator_target (store, nick, target, baseline, by_day, error);
}
