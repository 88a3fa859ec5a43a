#define G_LOG_DOMAIN "sm-signal-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sm-case-life.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-model.h"
#include "sm-report-file.h"
#include "sm-signal-report.h"
#include "sm-store-casework.h"
#include "sm-store-signals.h"

static void
row_free (SmReportRow *r)
{
  g_free (r->key);
  g_free (r->label);
  g_free (r);
}

void
sm_signal_report_free (SmSignalReport *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->by_member, g_ptr_array_unref);
  g_clear_pointer (&r->by_need, g_ptr_array_unref);
  g_clear_pointer (&r->by_urgency, g_ptr_array_unref);
  g_clear_pointer (&r->by_outcome, g_ptr_array_unref);
  g_free (r);
}

/**
 * sm_report_quantile:
 * @sorted: (array length=n): ascending
 * @q: 0 to 1
 *
 * The @q quantile by linear interpolation between the closest ranks (the
 * R-7 definition: position (n − 1)·q).
 */
double
sm_report_quantile (double *sorted,
                    guint   n,
                    double  q)
{
  double pos, frac;
  guint lo;

  if (n == 0)
    return NAN;
  pos = (n - 1) * CLAMP (q, 0.0, 1.0);
  lo = (guint) floor (pos);
  frac = pos - lo;
  return lo + 1 < n ? sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static SmReportRow *
add_row (GPtrArray  *rows,
         GHashTable *index,
         const char *key,
         const char *label)
{
  SmReportRow *r = g_hash_table_lookup (index, key);

  if (r == NULL)
    {
      r = g_new0 (SmReportRow, 1);
      r->key = g_strdup (key);
      r->label = g_strdup (label);
      g_ptr_array_add (rows, r);
      g_hash_table_insert (index, r->key, r);
    }
  return r;
}

/* A table's rows protected together; @complementary when they add up to
 * a total that is shown. */
static void
protect_rows (SmDisclosure *disclosure,
              GPtrArray    *rows,
              gboolean      complementary)
{
  g_autofree SmDisclosureCell *cells = g_new0 (SmDisclosureCell, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    {
      const SmReportRow *r = g_ptr_array_index (rows, i);

      cells[i].households = cells[i].persons = r->count;
    }
  if (complementary)
    sm_disclosure_protect (disclosure, cells, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      SmReportRow *r = g_ptr_array_index (rows, i);

      r->state = complementary ? cells[i].state : sm_disclosure_state_of (disclosure, r->count, r->count);
    }
}

static void
timing (SmReportTiming *t,
        GArray         *days,
        guint           within,
        SmDisclosure   *disclosure)
{
  t->n = days->len;
  t->state = sm_disclosure_state_of (disclosure, t->n, t->n);
  /* A statistic of fewer than k signals tells of single signals. */
  if (t->n < sm_disclosure_get_k (disclosure))
    {
      t->state = t->n == 0 ? SM_DISCLOSURE_SHOWN : SM_DISCLOSURE_SMALL;
      t->median_days = t->p90_days = t->within_share = NAN;
      return;
    }
  qsort (days->data, days->len, sizeof (double), compare_doubles);
  t->median_days = sm_report_quantile ((double *) days->data, days->len, 0.5);
  t->p90_days = sm_report_quantile ((double *) days->data, days->len, 0.9);
  t->within_share = within / (double) t->n;
}

static const char *
urgency_label (int u)
{
  switch (u)
    {
    case SM_URGENCY_IMMEDIATE:
      return _("immediate danger");
    case SM_URGENCY_URGENT:
      return _("urgent");
    default:
      return _("normal");
    }
}

static const char *
outcome_label (const char *nick)
{
  if (g_strcmp0 (nick, "case_opened") == 0)
    return _("case opened");
  if (g_strcmp0 (nick, "referred") == 0)
    return _("referred to another service");
  if (g_strcmp0 (nick, "in_care") == 0)
    return _("already in care");
  if (g_strcmp0 (nick, "unfounded") == 0)
    return _("closed as unfounded");
  return _("not decided yet");
}

/**
 * sm_signal_report_new:
 * @year: the calendar year of receipt
 * @now: (nullable): when the report is made, for what is overdue; now when %NULL
 *
 * Returns: (transfer full): the year's review, or %NULL with @error
 */
SmSignalReport *
sm_signal_report_new (SmStore       *store,
                      int            year,
                      SmDisclosure  *disclosure,
                      GDateTime     *now,
                      GError       **error)
{
  g_autoptr(SmSignalReport) report = g_new0 (SmSignalReport, 1);
  g_autofree char *from = g_strdup_printf ("%04d-01-01", year), *until = g_strdup_printf ("%04d-01-01", year + 1);
  g_autoptr(GPtrArray) signals = NULL, conferences = NULL, kinds = NULL, categories = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) needs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) urgencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) outcomes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) assess_days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) answer_days = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) at = now ? g_date_time_ref (now) : g_date_time_new_now_local ();
  SmSignalDeadlines deadlines;
  guint assess_within = 0, answer_within = 0;

  if (year < SM_DATE_MIN_YEAR || year > SM_DATE_MAX_YEAR)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("%d is not a year of this register"), year);
      return NULL;
    }
  if (!sm_deadlines_load (store, &deadlines, NULL, error) ||
      (signals = sm_store_list_signals_received (store, from, until, error)) == NULL ||
      (conferences = sm_store_list_conferences (store, from, until, error)) == NULL ||
      (kinds = sm_store_list_member_kinds (store, error)) == NULL)
    return NULL;
  categories = sm_store_list_categories (store);
  report->year = year;
  report->k = sm_disclosure_get_k (disclosure);
  report->by_member = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->by_need = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->by_urgency = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  report->by_outcome = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  /* Every kind, category, urgency and outcome is a row, zero or not: a
   * row that appears only when it is not zero would say so. */
  for (guint i = 0; i < kinds->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (kinds, i);

      add_row (report->by_member, members, k->code, sm_localized_name (k->name_hu, k->name_en));
    }
  add_row (report->by_member, members, "anonymous", _("anonymous or not said"));
  for (guint i = 0; categories != NULL && i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);

      add_row (report->by_need, needs, c->code, sm_localized_name (c->name_hu, c->name_en));
    }
  for (int u = SM_URGENCY_IMMEDIATE; u <= SM_URGENCY_NORMAL; u++)
    add_row (report->by_urgency, urgencies, sm_enum_to_nick (SM_TYPE_SIGNAL_URGENCY, u), urgency_label (u));
  {
    static const char * const nicks[] = { "case_opened", "referred", "in_care", "unfounded", "open" };

    for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
      add_row (report->by_outcome, outcomes, nicks[i], outcome_label (nicks[i]));
  }

  for (guint i = 0; i < signals->len; i++)
    {
      const SmSignalRecord *s = g_ptr_array_index (signals, i);
      g_autoptr(GDateTime) received = sm_signal_parse_time (s->received_at);
      g_autoptr(GDateTime) assessed = sm_signal_parse_time (s->assessed_at);
      g_autoptr(GDateTime) answered = sm_signal_parse_time (s->answered_at);
      SmReportRow *m = g_hash_table_lookup (members, s->member_kind ? s->member_kind : "anonymous");
      const char *outcome = s->state == SM_SIGNAL_RECEIVED || s->state == SM_SIGNAL_ASSESSED
                            ? "open" : s->decided_state ? s->decided_state : "open";

      if (received == NULL)
        continue;
      report->n_signals++;
      if (m == NULL)
        m = g_hash_table_lookup (members, "anonymous");
      m->count++;
      ((SmReportRow *) g_hash_table_lookup (urgencies, sm_enum_to_nick (SM_TYPE_SIGNAL_URGENCY,
                                                                        s->urgency)))->count++;
      ((SmReportRow *) g_hash_table_lookup (outcomes, outcome))->count++;
      for (guint j = 0; s->needs[j] != NULL; j++)
        {
          SmReportRow *n = g_hash_table_lookup (needs, s->needs[j]);

          if (n != NULL)
            n->count++;
        }
      if (assessed != NULL)
        {
          g_autoptr(GDateTime) due = sm_signal_deadline (&deadlines, s->urgency, received, FALSE);
          double d = g_date_time_difference (assessed, received) / (double) G_TIME_SPAN_DAY;

          g_array_append_val (assess_days, d);
          assess_within += g_date_time_compare (assessed, due) < 0;
        }
      if (answered != NULL)
        {
          g_autoptr(GDateTime) due = sm_signal_deadline (&deadlines, s->urgency, received, TRUE);
          double d = g_date_time_difference (answered, received) / (double) G_TIME_SPAN_DAY;

          g_array_append_val (answer_days, d);
          answer_within += g_date_time_compare (answered, due) < 0;
        }
      report->n_overdue += sm_signal_is_overdue (&deadlines, s->urgency, s->state, received, at);
    }
  report->signals_state = sm_disclosure_state_of (disclosure, report->n_signals, report->n_signals);
  protect_rows (disclosure, report->by_member, TRUE);
  protect_rows (disclosure, report->by_urgency, TRUE);
  protect_rows (disclosure, report->by_outcome, TRUE);
  protect_rows (disclosure, report->by_need, FALSE);
  timing (&report->assessment, assess_days, assess_within, disclosure);
  timing (&report->answer, answer_days, answer_within, disclosure);
  report->overdue_state = sm_disclosure_state_of (disclosure, report->n_overdue, report->n_overdue);
  for (guint i = 0; i < conferences->len; i++)
    {
      const SmConferenceRecord *c = g_ptr_array_index (conferences, i);

      report->n_conferences++;
      if (g_str_equal (c->kind, "conference"))
        report->n_case_conferences++;
      else
        report->n_discussions++;
      report->n_decisions += c->decisions->len;
    }
  return g_steal_pointer (&report);
}

/* --- as rows and as JSON ---------------------------------------------- */

static char *
count_text (SmDisclosure      *disclosure,
            gint64             count,
            SmDisclosureState  state)
{
  return sm_disclosure_format_count (disclosure, count, state);
}

static char *
number_text (double value,
             int    decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("");
  return g_strdup (g_ascii_formatd (buf, sizeof buf, decimals == 1 ? "%.1f" : "%.3f", value));
}

static void
timing_lines (GPtrArray            *lines,
              const char           *section,
              const SmReportTiming *t,
              SmDisclosure         *disclosure)
{
  gboolean shown = t->state == SM_DISCLOSURE_SHOWN && t->n > 0;

  sm_report_add_line (lines, section, "n", _("signals"), count_text (disclosure, t->n, t->state));
  sm_report_add_line (lines, section, "median_days", _("median, days"), shown ? number_text (t->median_days, 1) : g_strdup (""));
  sm_report_add_line (lines, section, "p90_days", _("90th percentile, days"), shown ? number_text (t->p90_days, 1) : g_strdup (""));
  sm_report_add_line (lines, section, "within_deadline", _("share within the deadline"),
            shown ? number_text (t->within_share, 3) : g_strdup (""));
}

/**
 * sm_signal_report_to_rows:
 *
 * The report as a table of section, key, label and value, each a string:
 * what the CSV and XLSX files hold and the command line prints.
 *
 * Returns: (transfer full) (element-type GPtrArray): lines of 4 strings
 */
GPtrArray *
sm_signal_report_to_rows (SmSignalReport *r,
                          SmDisclosure   *disclosure)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const struct { const char *section; GPtrArray *rows; } tables[] = {
    { "member_kind", r->by_member }, { "need", r->by_need }, { "urgency", r->by_urgency },
    { "outcome", r->by_outcome },
  };

  sm_report_add_line (lines, "year", "year", _("year"), g_strdup_printf ("%d", r->year));
  sm_report_add_line (lines, "signals", "total", _("signals received"), count_text (disclosure, r->n_signals, r->signals_state));
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < tables[t].rows->len; i++)
      {
        const SmReportRow *row = g_ptr_array_index (tables[t].rows, i);

        sm_report_add_line (lines, tables[t].section, row->key, row->label, count_text (disclosure, row->count, row->state));
      }
  timing_lines (lines, "assessment", &r->assessment, disclosure);
  timing_lines (lines, "answer", &r->answer, disclosure);
  sm_report_add_line (lines, "signals", "overdue", _("open past a deadline"),
            count_text (disclosure, r->n_overdue, r->overdue_state));
  sm_report_add_line (lines, "conferences", "held", _("case conferences held"), g_strdup_printf ("%lld", (long long) r->n_conferences));
  sm_report_add_line (lines, "conferences", "discussion", _("case discussions (esetmegbeszélés)"),
            g_strdup_printf ("%lld", (long long) r->n_discussions));
  sm_report_add_line (lines, "conferences", "conference", _("case conferences (esetkonferencia)"),
            g_strdup_printf ("%lld", (long long) r->n_case_conferences));
  sm_report_add_line (lines, "conferences", "decisions", _("decisions"), g_strdup_printf ("%lld", (long long) r->n_decisions));
  sm_report_add_line (lines, "disclosure", "k", _("counts under this are hidden"), g_strdup_printf ("%d", r->k));
  return lines;
}

static void
add_count (JsonBuilder       *b,
           const char        *name,
           gint64             count,
           SmDisclosureState  state,
           SmDisclosure      *disclosure)
{
  json_builder_set_member_name (b, name);
  if (state == SM_DISCLOSURE_SHOWN)
    json_builder_add_int_value (b, count);
  else
    {
      g_autofree char *text = sm_disclosure_format_count (disclosure, count, state);

      json_builder_add_string_value (b, text);
    }
}

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value,
            gboolean     shown)
{
  json_builder_set_member_name (b, name);
  if (shown && !isnan (value))
    json_builder_add_double_value (b, round (value * 1000) / 1000);
  else
    json_builder_add_null_value (b);
}

/**
 * sm_signal_report_to_json:
 *
 * Returns: (transfer full): the report as a JSON object; a hidden count
 *   is its text ("<5", "x"), a statistic not given is null
 */
JsonNode *
sm_signal_report_to_json (SmSignalReport *r,
                          SmDisclosure   *disclosure)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const struct { const char *name; GPtrArray *rows; } tables[] = {
    { "by_member_kind", r->by_member }, { "by_need", r->by_need }, { "by_urgency", r->by_urgency },
    { "by_outcome", r->by_outcome },
  };
  const struct { const char *name; const SmReportTiming *t; } timings[] = {
    { "assessment", &r->assessment }, { "answer", &r->answer },
  };

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, r->year);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, r->k);
  add_count (b, "signals", r->n_signals, r->signals_state, disclosure);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      json_builder_set_member_name (b, tables[t].name);
      json_builder_begin_object (b);
      for (guint i = 0; i < tables[t].rows->len; i++)
        {
          const SmReportRow *row = g_ptr_array_index (tables[t].rows, i);

          add_count (b, row->key, row->count, row->state, disclosure);
        }
      json_builder_end_object (b);
    }
  for (guint t = 0; t < G_N_ELEMENTS (timings); t++)
    {
      const SmReportTiming *tm = timings[t].t;
      gboolean shown = tm->state == SM_DISCLOSURE_SHOWN && tm->n > 0;

      json_builder_set_member_name (b, timings[t].name);
      json_builder_begin_object (b);
      add_count (b, "n", tm->n, tm->state, disclosure);
      add_number (b, "median_days", tm->median_days, shown);
      add_number (b, "p90_days", tm->p90_days, shown);
      add_number (b, "within_deadline", tm->within_share, shown);
      json_builder_end_object (b);
    }
  add_count (b, "overdue", r->n_overdue, r->overdue_state, disclosure);
  json_builder_set_member_name (b, "conferences");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "held");
  json_builder_add_int_value (b, r->n_conferences);
  json_builder_set_member_name (b, "discussion");
  json_builder_add_int_value (b, r->n_discussions);
  json_builder_set_member_name (b, "conference");
  json_builder_add_int_value (b, r->n_case_conferences);
  json_builder_set_member_name (b, "decisions");
  json_builder_add_int_value (b, r->n_decisions);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
