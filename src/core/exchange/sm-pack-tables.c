#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-area-stats.h"
#include "sm-coverage.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-excess.h"
#include "sm-model.h"
#include "sm-number.h"
#include "sm-pack-private.h"
#include "sm-programme.h"
#include "sm-query.h"
#include "sm-satisfaction.h"
#include "sm-stats.h"
#include "sm-store-roundtable.h"
#include "sm-store-signals.h"
#include "sm-store-surveys.h"

/* The roundtable pack's tables: every count of households, persons or
 * signals is protected by the disclosure rule against the total the
 * table or the document shows, and no table names a person or places a
 * household more exactly than a settlement part. */

const char *
_sm_pack_category_name (SmPack *pack,
                        gint64  id)
{
  const SmCategory *c = sm_store_get_category (pack->store, id);

  return c ? sm_localized_name (c->name_hu, c->name_en) : "";
}

static char *
count_text (SmPack            *pack,
            gint64             n,
            SmDisclosureState  state)
{
  if (state != SM_DISCLOSURE_SHOWN)
    return sm_disclosure_format_count (pack->disclosure, n, state);
  return sm_format_integer (n);
}

static const char *
disclosure_note (SmPack *pack)
{
  static char note[256];

  g_snprintf (note, sizeof note,
              _("“<%d”: fewer than %d households, not shown. “x”: hidden so that no hidden number can be worked "
                "out from the others and the total."), sm_disclosure_get_k (pack->disclosure),
              sm_disclosure_get_k (pack->disclosure));
  return note;
}

/* The hotspots on the period's last day, highest relative risk first. */
SmReportTable *
_sm_pack_hotspot_table (SmPack  *pack,
                        GError **error)
{
  const char *columns[] = { C_("table", "No."), _("Need"), _("Settlement part"), _("Households"),
                            _("Expected"), _("Relative risk"), _("Across"), "p", NULL };
  GPtrArray *found = sm_indicator_context_hotspots (pack->indicators, pack->to, error);
  g_autoptr(SmReportTable) table = NULL;

  if (found == NULL)
    return NULL;
  table = sm_report_table_new ("hotspots", _("Hotspots, highest relative risk first"), columns);
  for (guint i = 0; i < found->len; i++)
    {
      SmExcess *e = g_ptr_array_index (found, i);
      SmDisclosureState state = sm_disclosure_state_of (pack->disclosure, e->cases, -1);
      gboolean shown = state == SM_DISCLOSURE_SHOWN;
      g_autofree char *across = sm_format_integer ((gint64) round (2 * e->radius_m));

      sm_report_table_add_row (table, g_strdup_printf ("%u", i + 1),
                               g_strdup (_sm_pack_category_name (pack, e->category)),
                               g_strdup (e->settlement_part ? e->settlement_part : ""),
                               count_text (pack, e->cases, state),
                               shown ? sm_format_decimal (e->expected, 1) : g_strdup ("–"),
                               shown ? sm_format_decimal (e->relative_risk, 1) : g_strdup ("–"),
                               g_strdup_printf ("%s m", across),
                               sm_format_decimal (e->p, 3), NULL);
    }
  table->note = g_strdup_printf (_("Kulldorff's scan statistic (Bernoulli model, 250 m cells, %d replications, "
                                   "p corrected for the needs scanned). Expected: the households with the need "
                                   "the households living there explain. %s"), SM_PERMUTATIONS_DEFAULT,
                                 disclosure_note (pack));
  return g_steal_pointer (&table);
}

static GArray *
part_stats_on (SmPack      *pack,
               SmAreaSet   *set,
               const char  *day,
               GError     **error)
{
  g_autoptr(SmFilter) filter = sm_filter_new ();
  SmAreaOptions options = { .permutations = 99, .seed = 1, .k = (guint) sm_disclosure_get_k (pack->disclosure) };
  gboolean on_rate;
  GDate d;

  sm_date_parse_iso (day, &d, NULL);
  sm_filter_set_as_of (filter, &d);
  return sm_area_stats (set, pack->store, filter, &options, &on_rate, error);
}

/* Households with open needs per settlement part at the start and the end
 * of the period, with the rate per 1,000 residents. */
SmReportTable *
_sm_pack_parts_table (SmPack  *pack,
                      GError **error)
{
  const char *columns[] = { _("Settlement part"), _("Residents"), _("Households at the start"),
                            _("Households at the end"), _("Change"), _("Per 1,000 residents"),
                            _("Smoothed per 1,000"), NULL };
  g_autoptr(SmAreaSet) set = sm_area_set_load (pack->store, "settlement_part", SM_AREA_CONTIGUITY, 0, error);
  g_autoptr(GArray) start = NULL, end = NULL;
  g_autoptr(SmReportTable) table = NULL;

  if (set == NULL || (start = part_stats_on (pack, set, pack->before, error)) == NULL ||
      (end = part_stats_on (pack, set, pack->to, error)) == NULL)
    return NULL;
  table = sm_report_table_new ("settlement_parts", _("Households with open needs by settlement part"), columns);
  for (guint i = 0; i < end->len; i++)
    {
      SmAreaStat *a = &g_array_index (start, SmAreaStat, i), *b = &g_array_index (end, SmAreaStat, i);
      gboolean both = a->disclosure == SM_DISCLOSURE_SHOWN && b->disclosure == SM_DISCLOSURE_SHOWN;
      gboolean shown = b->disclosure == SM_DISCLOSURE_SHOWN;

      sm_report_table_add_row (table, g_strdup (b->name),
                               b->population >= 0 ? sm_format_integer (b->population) : g_strdup ("–"),
                               count_text (pack, a->households, a->disclosure),
                               count_text (pack, b->households, b->disclosure),
                               both ? g_strdup_printf ("%s%s", b->households > a->households ? "+" : "",
                                                       sm_num ((double) b->households - a->households, 0))
                                    : g_strdup ("–"),
                               shown && !isnan (b->rate) ? sm_format_decimal (b->rate, 1) : g_strdup ("–"),
                               shown && !isnan (b->eb_rate) ? sm_format_decimal (b->eb_rate, 1) : g_strdup ("–"),
                               NULL);
    }
  table->note = g_strdup_printf (_("At the start: on %s; at the end: on %s. Smoothed: empirical-Bayes rates, "
                                   "which pull small parts towards the town's rate; like the count, a part's "
                                   "rates are not shown where its count is not. %s"),
                                 pack->before, pack->to, disclosure_note (pack));
  return g_steal_pointer (&table);
}

static void
protect_column (SmPack            *pack,
                GPtrArray         *rows,
                gboolean           end,
                SmDisclosureState *states)
{
  g_autofree SmDisclosureCell *cells = g_new0 (SmDisclosureCell, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *r = g_ptr_array_index (rows, i);

      cells[i].households = r->households;
      cells[i].persons = -1;
      cells[i].needs = r->needs;
    }
  sm_disclosure_protect (pack->disclosure, cells, rows->len);
  for (guint i = 0; i < rows->len; i++)
    states[i] = cells[i].state;
}

SmReportTable *
_sm_pack_categories_table (SmPack  *pack,
                           GError **error)
{
  const char *columns[] = { _("Need"), _("Households at the start"), _("Households at the end"), _("Change"),
                            _("Open needs at the end"), NULL };
  GDate a, b;
  g_autoptr(SmStats) start = NULL, end = NULL;
  g_autoptr(SmReportTable) table = NULL;
  g_autofree SmDisclosureState *sa = NULL, *sb = NULL;

  sm_date_parse_iso (pack->before, &a, NULL);
  sm_date_parse_iso (pack->to, &b, NULL);
  if ((start = sm_stats_compute (pack->store, &a, sm_locale_is_hungarian (), error)) == NULL ||
      (end = sm_stats_compute (pack->store, &b, sm_locale_is_hungarian (), error)) == NULL)
    return NULL;
  sa = g_new0 (SmDisclosureState, MAX (start->by_category->len, 1));
  sb = g_new0 (SmDisclosureState, MAX (end->by_category->len, 1));
  protect_column (pack, start->by_category, FALSE, sa);
  protect_column (pack, end->by_category, TRUE, sb);
  table = sm_report_table_new ("needs", _("Households with open needs by need"), columns);
  for (guint i = 0; i < end->by_category->len; i++)
    {
      SmStatsRow *x = g_ptr_array_index (start->by_category, i), *y = g_ptr_array_index (end->by_category, i);
      gboolean both = sa[i] == SM_DISCLOSURE_SHOWN && sb[i] == SM_DISCLOSURE_SHOWN;

      sm_report_table_add_row (table, g_strdup (y->label), count_text (pack, x->households, sa[i]),
                               count_text (pack, y->households, sb[i]),
                               both ? g_strdup_printf ("%s%s", y->households > x->households ? "+" : "",
                                                       sm_num ((double) y->households - x->households, 0))
                                    : g_strdup ("–"),
                               sb[i] == SM_DISCLOSURE_SHOWN ? sm_format_integer (y->needs) : g_strdup ("–"), NULL);
    }
  {
    SmDisclosureState ta = sm_disclosure_state_of (pack->disclosure, start->households_with_needs, -1);
    SmDisclosureState tb = sm_disclosure_state_of (pack->disclosure, end->households_with_needs, -1);

    sm_report_table_add_row (table, g_strdup (_("Households with any need")),
                             count_text (pack, start->households_with_needs, ta),
                             count_text (pack, end->households_with_needs, tb), g_strdup ("–"),
                             tb == SM_DISCLOSURE_SHOWN ? sm_format_integer (end->open_needs) : g_strdup ("–"), NULL);
  }
  table->note = g_strdup_printf (_("A household with several needs counts under each of them. %s"),
                                 disclosure_note (pack));
  return g_steal_pointer (&table);
}

/* The period's signals by the member of the signalling system who sent
 * them, protected against their total. */
SmReportTable *
_sm_pack_signals_table (SmPack  *pack,
                        GError **error)
{
  const char *columns[] = { _("Member of the signalling system"), _("Signals"), NULL };
  GDate d;
  g_autofree char *until = NULL;
  g_autoptr(GPtrArray) signals = NULL, kinds = NULL;
  g_autoptr(SmReportTable) table = NULL;
  g_autofree gint64 *counts = NULL;
  g_autofree SmDisclosureCell *cells = NULL;
  guint n;

  sm_date_parse_iso (pack->to, &d, NULL);
  g_date_add_days (&d, 1);
  until = sm_date_to_iso (&d);
  if ((signals = sm_store_list_signals_received (pack->store, pack->from, until, error)) == NULL ||
      (kinds = sm_store_list_member_kinds (pack->store, error)) == NULL)
    return NULL;
  n = kinds->len + 1;       /* the last: no member named */
  counts = g_new0 (gint64, n);
  cells = g_new0 (SmDisclosureCell, n);
  for (guint i = 0; i < signals->len; i++)
    {
      SmSignalRecord *s = g_ptr_array_index (signals, i);
      guint at = kinds->len;

      for (guint k = 0; s->member_kind != NULL && k < kinds->len; k++)
        if (g_str_equal (((SmMemberKindRecord *) g_ptr_array_index (kinds, k))->code, s->member_kind))
          at = k;
      counts[at]++;
    }
  for (guint i = 0; i < n; i++)
    {
      cells[i].households = counts[i];
      cells[i].persons = cells[i].needs = -1;
    }
  sm_disclosure_protect (pack->disclosure, cells, n);
  table = sm_report_table_new ("signals", _("Signals received, by member of the signalling system"), columns);
  for (guint i = 0; i < n; i++)
    {
      const char *name = i < kinds->len
                         ? sm_localized_name (((SmMemberKindRecord *) g_ptr_array_index (kinds, i))->name_hu,
                                              ((SmMemberKindRecord *) g_ptr_array_index (kinds, i))->name_en)
                         : _("Not said");

      if (counts[i] == 0)
        continue;
      sm_report_table_add_row (table, g_strdup (name), count_text (pack, counts[i], cells[i].state), NULL);
    }
  sm_report_table_add_row (table, g_strdup (_("All signals")),
                           count_text (pack, signals->len,
                                       sm_disclosure_state_of (pack->disclosure, signals->len, -1)), NULL);
  table->note = g_strdup (disclosure_note (pack));
  return g_steal_pointer (&table);
}

/* Needs not covered on the period's last day, by need, for the town. */
SmReportTable *
_sm_pack_coverage_table (SmPack  *pack,
                         GError **error)
{
  const char *columns[] = { _("Need"), _("Households with it"), _("Not covered"), _("Service full"),
                            _("Out of reach"), _("No service"), NULL };
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = NULL, needs = NULL;
  g_autoptr(SmCoverageSources) sources = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(SmReportTable) table = NULL;
  GDate d;

  sm_date_parse_iso (pack->to, &d, NULL);
  sm_filter_set_as_of (filter, &d);
  sm_filter_set_status (filter, SM_NEED_OPEN);
  if ((hits = sm_store_query (pack->store, filter, error)) == NULL ||
      (sources = sm_coverage_sources_load (pack->store, error)) == NULL)
    return NULL;
  needs = sm_coverage_assess (sources, hits);
  if ((rows = sm_coverage_by_part (pack->store, hits, needs, pack->disclosure, error)) == NULL)
    return NULL;
  table = sm_report_table_new ("coverage", _("Open needs and the services that answer them"), columns);
  for (guint i = 0; i < rows->len; i++)
    {
      SmCoverageRow *r = g_ptr_array_index (rows, i);
      gboolean shown = r->needs_state == SM_DISCLOSURE_SHOWN && r->not_covered_state == SM_DISCLOSURE_SHOWN;

      if (r->settlement_part != NULL)
        continue;
      sm_report_table_add_row (table, g_strdup (_sm_pack_category_name (pack, r->category)),
                               count_text (pack, r->needs, r->needs_state),
                               count_text (pack, r->not_covered, r->not_covered_state),
                               shown ? count_text (pack, r->by_status[SM_COVERAGE_FULL],
                                                   sm_disclosure_state_of (pack->disclosure,
                                                                           r->by_status[SM_COVERAGE_FULL], -1))
                                     : g_strdup ("–"),
                               shown ? count_text (pack, r->by_status[SM_COVERAGE_OUT_OF_REACH],
                                                   sm_disclosure_state_of (pack->disclosure,
                                                                           r->by_status[SM_COVERAGE_OUT_OF_REACH],
                                                                           -1))
                                     : g_strdup ("–"),
                               shown ? count_text (pack, r->by_status[SM_COVERAGE_NO_SERVICE],
                                                   sm_disclosure_state_of (pack->disclosure,
                                                                           r->by_status[SM_COVERAGE_NO_SERVICE], -1))
                                     : g_strdup ("–"), NULL);
    }
  table->note = g_strdup_printf (_("On %s. Covered: a service that answers the need holds the household in its "
                                   "catchment and has free capacity. Distances in a straight line. %s"),
                                 pack->to, disclosure_note (pack));
  return g_steal_pointer (&table);
}

SmReportTable *
_sm_pack_satisfaction_table (SmPack  *pack,
                             GError **error)
{
  const char *columns[] = { _("Question"), _("Answers"), _("Mean or share of yes"), NULL };
  g_autoptr(GPtrArray) questionnaires = sm_store_list_questionnaires (pack->store, error);
  g_autoptr(SmSatisfactionResult) result = NULL;
  g_autoptr(SmReportTable) table = NULL;
  SmQuestionnaire *q;

  if (questionnaires == NULL)
    return NULL;
  table = sm_report_table_new ("satisfaction", _("Client satisfaction (the standard questionnaire)"), columns);
  if (questionnaires->len == 0 || !(q = g_ptr_array_index (questionnaires, 0))->standard)
    return g_steal_pointer (&table);
  result = sm_satisfaction_compute (pack->store, q->id, 0, 0, pack->from, pack->to, pack->disclosure, error);
  if (result == NULL)
    return NULL;
  for (guint i = 0; i < result->questions->len; i++)
    {
      SmSatisfactionQuestion *sq = g_ptr_array_index (result->questions, i);

      if (sq->kind == SM_QUESTION_TEXT)
        continue;
      sm_report_table_add_row (table, g_strdup (sq->text),
                               sq->shown ? sm_format_integer (sq->n) : g_strdup_printf ("<%d", result->k),
                               !sq->shown ? g_strdup ("–")
                               : sq->kind == SM_QUESTION_YES_NO ? g_strdup_printf ("%s %%",
                                                                                   sm_num (100 * sq->mean, 0))
                                                                : sm_format_decimal (sq->mean, 2), NULL);
    }
  table->note = g_strdup_printf (_("%u responses in the period, every service together; scales from 1 (worst) "
                                   "to 5 (best). A question answered fewer than %d times has no figure."),
                                 result->n_responses, result->k);
  return g_steal_pointer (&table);
}

SmReportTable *
_sm_pack_actions_table (SmPack   *pack,
                        gboolean  open_only,
                        GError  **error)
{
  const char *columns[] = { _("Action"), _("Goal"), _("Responsible"), _("Due"), _("Status"), NULL };
  g_autoptr(GPtrArray) actions = sm_store_list_actions (pack->store, error);
  g_autoptr(SmReportTable) table = NULL;

  if (actions == NULL)
    return NULL;
  table = sm_report_table_new ("actions", _("The programme's actions"), columns);
  for (guint i = 0; i < actions->len; i++)
    {
      SmActionRecord *a = g_ptr_array_index (actions, i);
      SmActionStatus s = sm_action_effective_status (a, pack->to);
      int late = sm_action_days_overdue (a, pack->to);
      g_autoptr(GString) about = g_string_new (a->title);

      if (open_only && !sm_action_status_is_open (s))
        continue;
      for (guint l = 0; l < a->links->len; l++)
        {
          SmActionLink *link = g_ptr_array_index (a->links, l);

          if (link->label != NULL)
            g_string_append_printf (about, "%s%s", l == 0 ? " — " : ", ", link->label);
        }
      sm_report_table_add_row (table, g_string_free (g_steal_pointer (&about), FALSE), g_strdup (a->goal ? a->goal : ""),
                               g_strdup (a->owner ? a->owner : ""), g_strdup (a->due_on ? a->due_on : "–"),
                               late > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "LATE, %d day overdue",
                                                                        "LATE, %d days overdue", late), late)
                                        : g_strdup (sm_action_status_name (s)), NULL);
    }
  table->note = g_strdup_printf (_("Status on %s. An open action past its due day is late."), pack->to);
  return g_steal_pointer (&table);
}

SmReportTable *
_sm_pack_indicators_table (SmPack *pack)
{
  const char *columns[] = { _("Indicator"), _("In the period"), _("Unit"), _("Target"), _("Against the target"),
                            NULL };
  SmReportTable *table = sm_report_table_new ("indicators", _("Indicators against their targets"), columns);

  for (guint i = 0; i < pack->reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (pack->reports, i);
      const char *verdict = isnan (r->target) ? ""
                            : isnan (r->value.value) ? _("not measured")
                            : sm_indicator_target_met (r->def, r->value.value, r->target) ? _("met") : _("not met");

      sm_report_table_add_row (table, g_strdup (sm_indicator_name (r->def)),
                               sm_indicator_format (&r->value, pack->disclosure),
                               g_strdup (sm_indicator_unit_name (r->def)),
                               isnan (r->target) ? g_strdup ("–") : sm_indicator_format_number (r->def, r->target),
                               g_strdup (verdict), NULL);
    }
  table->note = g_strdup_printf (_("Each indicator is defined once in the program and computed the same way for "
                                   "any period. %s"), disclosure_note (pack));
  return table;
}

/* The indicators computed for each month, one column per month. */
SmReportTable *
_sm_pack_trend_table (SmPack *pack)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;
  SmReportTable *table;
  guint n_months = 0;

  g_strv_builder_add (columns, _("Indicator"));
  for (guint i = 0; i < pack->reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (pack->reports, i);

      if (r->months != NULL)
        n_months = MAX (n_months, r->months->len);
    }
  {
    GDate m;

    sm_date_parse_iso (pack->from, &m, NULL);
    for (guint i = 0; i < n_months; i++)
      {
        g_autofree char *label = g_strdup_printf ("%04d-%02d", g_date_get_year (&m), g_date_get_month (&m));

        g_strv_builder_add (columns, label);
        g_date_set_day (&m, 1);
        g_date_add_months (&m, 1);
      }
  }
  names = g_strv_builder_end (columns);
  table = sm_report_table_new ("months", _("The indicators month by month"), (const char * const *) names);
  for (guint i = 0; i < pack->reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (pack->reports, i);
      GPtrArray *row;

      if (r->months == NULL)
        continue;
      row = sm_report_table_add_row (table, g_strdup (sm_indicator_name (r->def)), NULL);
      for (guint m = 0; m < r->months->len && m + 1 < row->len; m++)
        {
          g_free (row->pdata[m + 1]);
          row->pdata[m + 1] = sm_indicator_format (&g_array_index (r->months, SmIndicatorValue, m), pack->disclosure);
        }
    }
  return table;
}
