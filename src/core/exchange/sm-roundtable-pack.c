#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-area-stats.h"
#include "sm-date.h"
#include "sm-error.h"
#include "sm-excess.h"
#include "sm-model.h"
#include "sm-number.h"
#include "sm-pack-map.h"
#include "sm-pack-private.h"
#include "sm-programme.h"
#include "sm-roundtable-pack.h"
#include "sm-stats.h"
#include "sm-store-places.h"
#include "sm-store-roundtable.h"

/* The roundtable pack's document: the title page, the hotspot map and the
 * change map, the tables, the monthly charts, the programme, its actions
 * and the indicators against their targets. No name of a client and no
 * household's position: areas are settlement parts, hotspots circles of
 * at least 250 m cells, and every count goes through the disclosure rule. */

#define ATTRIBUTION "© OpenStreetMap contributors (openstreetmap.org/copyright), ODbL 1.0; KSH Helységnévtár"

static const double change_colours[5][3] = {
  { 0.13, 0.40, 0.67 }, { 0.57, 0.77, 0.87 }, { 0.97, 0.97, 0.97 }, { 0.96, 0.65, 0.51 }, { 0.70, 0.09, 0.17 },
};
static const double earlier[3] = { 0.25, 0.35, 0.55 };
static const double grey[3] = { 0.85, 0.85, 0.85 };
static const double outline[3] = { 0.15, 0.15, 0.15 };

typedef struct {
  SmPack      pack;
  SmPdf      *pdf;
  SmAreaSet  *parts;
  GArray     *start_stats;
  GArray     *end_stats;
  GPtrArray  *settlements;    /* SmShape of the settlement boundaries */
} Document;

static void
document_clear (Document *d)
{
  g_clear_object (&d->pack.disclosure);
  g_clear_pointer (&d->pack.indicators, sm_indicator_context_free);
  g_free (d->pack.from);
  g_free (d->pack.to);
  g_free (d->pack.before);
  g_free (d->pack.town);
  g_clear_pointer (&d->pack.tables, g_ptr_array_unref);
  g_clear_pointer (&d->pack.reports, g_ptr_array_unref);
  g_clear_pointer (&d->pdf, sm_pdf_free);
  g_clear_pointer (&d->parts, sm_area_set_free);
  g_clear_pointer (&d->start_stats, g_array_unref);
  g_clear_pointer (&d->end_stats, g_array_unref);
  g_clear_pointer (&d->settlements, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

static char *
town_name (SmStore *store)
{
  g_autoptr(GPtrArray) settlements = sm_store_list_boundary_records (store, "settlement", NULL, NULL);
  char *town = NULL;

  if (sm_store_get_meta (store, "demo.town", &town) && town != NULL)
    return town;
  if (settlements != NULL && settlements->len > 0)
    return g_strdup (((SmBoundaryRecord *) g_ptr_array_index (settlements, 0))->name);
  return g_strdup (_("the town"));
}

static gboolean
load_settlements (Document  *d,
                  GError   **error)
{
  g_autoptr(GPtrArray) records = sm_store_list_boundary_records (d->pack.store, "settlement", NULL, error);

  if (records == NULL)
    return FALSE;
  d->settlements = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_shape_free);
  for (guint i = 0; i < records->len; i++)
    {
      SmBoundaryRecord *r = g_ptr_array_index (records, i);
      SmShape *shape = sm_shape_new ();
      gsize len;
      const guint8 *wkb = g_bytes_get_data (r->geometry, &len);

      if (sm_shape_add_wkb (shape, wkb, len, NULL))
        g_ptr_array_add (d->settlements, shape);
      else
        sm_shape_free (shape);
    }
  return TRUE;
}

static char *
human_day (const char *iso)
{
  GDate d;

  if (!sm_date_parse_iso (iso, &d, NULL))
    return g_strdup (iso);
  /* A day as the language writes it: "2026. november 30." or "30 November 2026". */
  {
    char buf[64];
    struct tm tm = { 0 };

    g_date_to_struct_tm (&d, &tm);
    strftime (buf, sizeof buf, sm_locale_is_hungarian () ? "%Y. %m. %d." : "%d %b %Y", &tm);
    return g_strdup (buf);
  }
}

static SmPackMap *
base_map (Document   *d,
          const char *title)
{
  SmPackMap *map = sm_pack_map_new (title);

  for (guint i = 0; i < d->settlements->len; i++)
    g_ptr_array_add (map->outlines, g_ptr_array_index (d->settlements, i));
  map->attribution = g_strdup_printf (_("Boundaries: %s. Households: the town's records, synthetic in the demo."),
                                      ATTRIBUTION);
  return map;
}

/* The parts by their rate in five classes of the shown parts; a part
 * whose count is hidden is hatched. */
static SmPackMap *
hotspot_map (Document  *d,
             GError   **error)
{
  g_autofree char *day = human_day (d->pack.to);
  g_autofree char *title = g_strdup_printf (_("Hotspots and households with open needs per 1,000 residents, %s"),
                                            day);
  SmPackMap *map = base_map (d, title);
  GPtrArray *found = sm_indicator_context_hotspots (d->pack.indicators, d->pack.to, error);
  double lo, hi;

  if (found == NULL)
    {
      sm_pack_map_free (map);
      return NULL;
    }
  sm_pack_map_rate_range (d->end_stats, &lo, &hi);
  sm_pack_map_add_rates (map, d->end_stats, lo, hi, sm_disclosure_get_k (d->pack.disclosure));
  sm_pack_map_add_hotspots (map, found, sm_pack_map_hot, FALSE, TRUE);
  sm_pack_map_fit (map);
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_CIRCLE, sm_pack_map_hot, _("hotspot, numbered as in the list"));
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_OUTLINE, outline, _("settlement boundary"));
  map->date_text = g_strdup_printf (_("Open needs on %s; hotspots: the scan statistic, p < 0.05."), day);
  return map;
}

static SmPackMap *
change_map (Document  *d,
            GError   **error)
{
  g_autofree char *a = human_day (d->pack.before), *b = human_day (d->pack.to);
  g_autofree char *title = g_strdup_printf (_("Change from %s to %s"), a, b);
  SmPackMap *map = base_map (d, title);
  GPtrArray *then = sm_indicator_context_hotspots (d->pack.indicators, d->pack.before, error);
  GPtrArray *now = then ? sm_indicator_context_hotspots (d->pack.indicators, d->pack.to, error) : NULL;
  static const char *labels[5] = {
    /* xgettext:no-c-format */
    N_("20% fewer or more"),
    /* xgettext:no-c-format */
    N_("5–20% fewer"),
    /* xgettext:no-c-format */
    N_("within 5%"),
    /* xgettext:no-c-format */
    N_("5–20% more"),
    /* xgettext:no-c-format */
    N_("20% more or over"),
  };

  if (now == NULL)
    {
      sm_pack_map_free (map);
      return NULL;
    }
  for (guint i = 0; i < d->end_stats->len; i++)
    {
      SmAreaStat *x = &g_array_index (d->start_stats, SmAreaStat, i), *y = &g_array_index (d->end_stats, SmAreaStat, i);
      gboolean shown = x->disclosure == SM_DISCLOSURE_SHOWN && y->disclosure == SM_DISCLOSURE_SHOWN &&
                       x->households > 0;
      double change = shown ? ((double) y->households - x->households) / x->households : 0;
      int klass = change <= -0.2 ? 0 : change < -0.05 ? 1 : change <= 0.05 ? 2 : change < 0.2 ? 3 : 4;

      sm_pack_map_add_area (map, y->shape, change_colours[klass], !shown, y->name, y->label_lat, y->label_lon);
    }
  sm_pack_map_add_hotspots (map, then, earlier, TRUE, FALSE);
  sm_pack_map_add_hotspots (map, now, sm_pack_map_hot, FALSE, TRUE);
  sm_pack_map_fit (map);
  map->legend_title = g_strdup (_("Households with open needs, change"));
  for (int c = 0; c < 5; c++)
    sm_pack_map_add_legend (map, SM_MAP_SWATCH_FILL, change_colours[c], _(labels[c]));
  {
    g_autofree char *hidden = g_strdup_printf (_("not shown: fewer than %d households at either day"),
                                               sm_disclosure_get_k (d->pack.disclosure));

    sm_pack_map_add_legend (map, SM_MAP_SWATCH_HATCH, grey, hidden);
  }
  {
    g_autofree char *l1 = g_strdup_printf (_("hotspot on %s"), a), *l2 = g_strdup_printf (_("hotspot on %s"), b);

    sm_pack_map_add_legend (map, SM_MAP_SWATCH_DASHED_CIRCLE, earlier, l1);
    sm_pack_map_add_legend (map, SM_MAP_SWATCH_CIRCLE, sm_pack_map_hot, l2);
  }
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_OUTLINE, outline, _("settlement boundary"));
  map->date_text = g_strdup_printf (_("Open needs on %s and on %s, by settlement part."), a, b);
  return map;
}

static const SmIndicatorReport *
report_of (Document   *d,
           const char *nick)
{
  for (guint i = 0; i < d->pack.reports->len; i++)
    {
      SmIndicatorReport *r = g_ptr_array_index (d->pack.reports, i);

      if (g_str_equal (r->def->nick, nick))
        return r;
    }
  return NULL;
}

static void
chart (Document   *d,
       const char *title,
       const char *first,
       const char *second)
{
  SmPackChart c = { .title = title, .series = { report_of (d, first), second ? report_of (d, second) : NULL },
                    .rgb = { { 0.80, 0.15, 0.10 }, { 0.15, 0.35, 0.70 } }, .disclosure = d->pack.disclosure };

  if (c.series[0] == NULL || c.series[0]->months == NULL)
    return;
  sm_pdf_figure (d->pdf, 150, _sm_pack_chart_draw, &c);
}

static void
table (Document      *d,
       SmReportTable *t,
       const double  *weights,
       guint          first_numeric)
{
  sm_pdf_heading (d->pdf, 2, t->title);
  sm_pdf_table (d->pdf, t, weights, first_numeric);
  g_ptr_array_add (d->pack.tables, t);
}

static gboolean
programme_section (Document  *d,
                   GError   **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(SmProgrammeVersion) v = sm_store_get_programme_version (d->pack.store, 0, &local);
  g_autoptr(GPtrArray) meetings = sm_store_list_meetings (d->pack.store, d->pack.from, d->pack.to, error);
  SmReportTable *t;

  if (meetings == NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  sm_pdf_heading (d->pdf, 1, _("6. The cooperation programme"));
  if (v == NULL)
    sm_pdf_paragraph (d->pdf, _("The roundtable has no written cooperation programme yet."));
  else
    {
      g_autofree char *made = human_day (v->made_on);
      g_autofree char *head = g_strdup_printf (_("Version %d of %s"), v->number, made);
      g_autoptr(GString) agreed = g_string_new (NULL);

      sm_pdf_paragraph (d->pdf, head);
      for (guint i = 0; i < v->sections->len; i++)
        {
          SmProgrammeSection *s = g_ptr_array_index (v->sections, i);
          g_autofree char *h = g_strdup_printf ("%u. %s", i + 1, s->title);

          sm_pdf_heading (d->pdf, 3, h);
          sm_pdf_paragraph (d->pdf, s->body);
        }
      for (guint i = 0; i < v->agreements->len; i++)
        {
          SmProgrammeAgreement *a = g_ptr_array_index (v->agreements, i);

          /* Organizations by name; a person who agreed for none by role only. */
          g_string_append_printf (agreed, "%s%s (%s)", agreed->len ? "; " : "",
                                  a->organization ? a->organization : _("a member in person"), a->agreed_on);
        }
      if (agreed->len > 0)
        {
          g_autofree char *line = g_strdup_printf (_("Agreed to by: %s."), agreed->str);

          sm_pdf_note (d->pdf, line);
        }
    }
  t = _sm_pack_actions_table (&d->pack, FALSE, error);
  if (t == NULL)
    return FALSE;
  table (d, t, (double[]) { 3.2, 1.6, 1.6, 0.9, 1.2 }, 5);
  sm_pdf_heading (d->pdf, 2, _("Meetings in the period"));
  if (meetings->len == 0)
    sm_pdf_paragraph (d->pdf, _("The roundtable did not meet in the period."));
  for (guint i = 0; i < meetings->len; i++)
    {
      SmMeetingRecord *m = g_ptr_array_index (meetings, i);
      g_autofree char *day = human_day (m->held_on);
      g_autofree char *head = g_strdup_printf ("%s — %s", day, m->title);
      g_autoptr(GString) who = g_string_new (NULL);

      sm_pdf_heading (d->pdf, 3, head);
      for (guint p = 0; p < m->participants->len; p++)
        {
          SmParticipantRecord *r = g_ptr_array_index (m->participants, p);
          const char *name = r->organization ? r->organization : r->role ? r->role : _("a participant");

          g_string_append_printf (who, "%s%s", who->len ? "; " : "", name);
        }
      if (who->len)
        {
          g_autofree char *line = g_strdup_printf (_("Taking part: %s."), who->str);

          sm_pdf_note (d->pdf, line);
        }
      for (guint o = 0; o < m->opinions->len; o++)
        {
          SmOpinionRecord *op = g_ptr_array_index (m->opinions, o);
          g_autofree char *line = g_strdup_printf (_("Opinion on %s: %s"), op->topic, op->text);

          sm_pdf_paragraph (d->pdf, line);
        }
      for (guint k = 0; k < m->decisions->len; k++)
        {
          g_autofree char *line = g_strdup_printf (_("Decision: %s"),
                                                   ((SmMeetingDecision *) g_ptr_array_index (m->decisions, k))->text);

          sm_pdf_paragraph (d->pdf, line);
        }
    }
  return TRUE;
}

static gboolean
check_period (const SmPackOptions  *o,
              GDate                *from,
              GDate                *to,
              GError              **error)
{
  if (o->from == NULL || o->to == NULL || !sm_date_parse_any (o->from, from, error) ||
      !sm_date_parse_any (o->to, to, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID, _("Say the period's first and last day"));
      return FALSE;
    }
  if (g_date_compare (from, to) > 0 || g_date_days_between (from, to) > 3 * 366)
    {
      g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                           _("The period's first day comes after its last, or the period is longer than three years"));
      return FALSE;
    }
  return TRUE;
}

static void
say (SmProgressFunc  progress,
     gpointer        data,
     double          fraction)
{
  if (progress != NULL)
    progress (fraction, data);
}

/**
 * sm_roundtable_pack_write:
 * @path: the PDF; the tables go beside it as PATH's stem .xlsx and
 *   PATH's stem-TABLE.csv
 * @written: (out) (optional) (transfer full): every file written
 *
 * Writes the roundtable pack of a period. Nothing is left half-written:
 * each file is written whole or not at all.
 */
gboolean
sm_roundtable_pack_write (SmStore             *store,
                          const SmPackOptions *o,
                          const char          *path,
                          SmProgressFunc       progress,
                          gpointer             user_data,
                          GCancellable        *cancellable,
                          GStrv               *written,
                          GError             **error)
{
  g_auto(Document) d = { 0 };
  g_autoptr(GDateTime) now = o->created ? g_date_time_ref (o->created) : g_date_time_new_now_local ();
  g_autofree char *office = NULL, *latest = NULL, *title = NULL, *subtitle = NULL, *made = NULL;
  g_autofree char *from_text = NULL, *to_text = NULL, *latest_text = NULL, *stem = NULL, *xlsx = NULL;
  g_autofree char *csv = NULL, *made_iso = NULL;
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
  SmPdfInfo info = { 0 };
  SmReportTable *t;
  GDate from, to, before;
  int k = o->k != 0 ? o->k : SM_DISCLOSURE_MIN_K;

  if (!check_period (o, &from, &to, error) || !sm_disclosure_check_k (k, error))
    return FALSE;
  before = from;
  g_date_subtract_days (&before, 1);
  d.pack.store = store;
  d.pack.disclosure = sm_disclosure_new (k);
  d.pack.indicators = sm_indicator_context_new (store, d.pack.disclosure);
  d.pack.from = sm_date_to_iso (&from);
  d.pack.to = sm_date_to_iso (&to);
  d.pack.before = sm_date_to_iso (&before);
  d.pack.town = town_name (store);
  d.pack.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_report_table_free);
  if (!sm_store_get_meta (store, "office.name", &office) || office == NULL)
    office = g_strdup (_("Coordination office of the social roundtable"));
  latest = sm_store_get_latest_day (store);

  say (progress, user_data, 0.02);
  if (!load_settlements (&d, error) ||
      (d.parts = sm_area_set_load (store, "settlement_part", SM_AREA_CONTIGUITY, 0, error)) == NULL)
    return FALSE;
  {
    g_autoptr(SmFilter) a = sm_filter_new (), b = sm_filter_new ();
    SmAreaOptions ao = { .permutations = 99, .seed = 1, .k = (guint) k };
    gboolean on_rate;

    sm_filter_set_as_of (a, &before);
    sm_filter_set_as_of (b, &to);
    if ((d.start_stats = sm_area_stats (d.parts, store, a, &ao, &on_rate, error)) == NULL ||
        (d.end_stats = sm_area_stats (d.parts, store, b, &ao, &on_rate, error)) == NULL)
      return FALSE;
  }
  say (progress, user_data, 0.1);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if ((d.pack.reports = sm_indicators_report (d.pack.indicators, d.pack.from, d.pack.to, TRUE, error)) == NULL)
    return FALSE;
  say (progress, user_data, 0.4);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      sm_indicator_context_hotspots (d.pack.indicators, d.pack.before, error) == NULL)
    return FALSE;
  say (progress, user_data, 0.7);

  from_text = human_day (d.pack.from);
  to_text = human_day (d.pack.to);
  latest_text = latest ? human_day (latest) : g_strdup ("–");
  made_iso = g_date_time_format (now, "%Y-%m-%d");
  made = human_day (made_iso);
  title = g_strdup_printf (_("Social roundtable pack: %s"), d.pack.town);
  subtitle = g_strdup_printf (_("Period: %s – %s\nMade on %s by %s\nData as of %s"),
                              from_text, to_text, made, office, latest_text);
  info = (SmPdfInfo) { .title = title, .author = office, .subject = _("Material for the social roundtable"),
                       .keywords = "szociális kerekasztal, social roundtable", .created = now };
  d.pdf = sm_pdf_new (&info);
  sm_pdf_set_running_title (d.pdf, title);
  sm_pdf_title (d.pdf, title, subtitle);
  sm_pdf_space (d.pdf, 30);
  sm_pdf_heading (d.pdf, 2, _("Contents"));
  sm_pdf_paragraph (d.pdf, _("1. Hotspots: the map, the change map and the list\n"
                             "2. Households with open needs by settlement part and by need\n"
                             "3. Month by month\n"
                             "4. The signalling system, referrals and coverage\n"
                             "5. Client satisfaction\n"
                             "6. The cooperation programme, its actions and the meetings\n"
                             "7. Indicators against their targets"));
  sm_pdf_space (d.pdf, 20);
  {
    g_autofree char *privacy = g_strdup_printf (_("This material names no client and shows no household's "
                                                  "address or position. Counts of fewer than %d households are "
                                                  "not shown, and other counts are hidden where a hidden one "
                                                  "could be worked out from them."), k);

    sm_pdf_note (d.pdf, privacy);
  }

  sm_pdf_new_page (d.pdf);
  sm_pdf_heading (d.pdf, 1, _("1. Hotspots"));
  {
    g_autoptr(SmPackMap) map = hotspot_map (&d, error);

    if (map == NULL)
      return FALSE;
    map->scale = sm_pdf_get_scale (d.pdf);
    sm_pdf_figure (d.pdf, 430, sm_pack_map_draw, map);
  }
  if ((t = _sm_pack_hotspot_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 0.5, 2, 2, 1.1, 1, 1, 0.9, 0.7 }, 3);
  sm_pdf_new_page (d.pdf);
  {
    g_autoptr(SmPackMap) map = change_map (&d, error);

    if (map == NULL)
      return FALSE;
    map->scale = sm_pdf_get_scale (d.pdf);
    sm_pdf_figure (d.pdf, 430, sm_pack_map_draw, map);
  }

  sm_pdf_heading (d.pdf, 1, _("2. Households with open needs"));
  if ((t = _sm_pack_parts_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 2.2, 1, 1.1, 1.1, 0.9, 1, 1 }, 1);
  if ((t = _sm_pack_categories_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 2.4, 1.1, 1.1, 0.9, 1.1 }, 1);

  sm_pdf_heading (d.pdf, 1, _("3. Month by month"));
  chart (&d, _("Households with open needs"), "households_with_needs", NULL);
  chart (&d, _("New and resolved needs"), "new_needs", "resolved_needs");
  chart (&d, _("Signals received"), "signals", NULL);
  chart (&d, _("Households with a need not covered"), "coverage_gaps", NULL);
  t = _sm_pack_trend_table (&d.pack);
  g_ptr_array_add (d.pack.tables, t);

  sm_pdf_heading (d.pdf, 1, _("4. The signalling system, referrals and coverage"));
  if ((t = _sm_pack_signals_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 3, 1 }, 1);
  {
    static const char * const nicks[] = { "signal_answer_days", "referral_loop_closed", "declined_no_capacity",
                                          "waiting_list" };

    for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
      {
        const SmIndicatorReport *r = report_of (&d, nicks[i]);
        g_autofree char *value = sm_indicator_format (&r->value, d.pack.disclosure);
        g_autofree char *line = g_strdup_printf ("%s: %s %s", sm_indicator_name (r->def), value,
                                                 sm_indicator_unit_name (r->def));

        sm_pdf_paragraph (d.pdf, line);
      }
  }
  if ((t = _sm_pack_coverage_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 2.2, 1, 1, 1, 1, 1 }, 1);

  sm_pdf_heading (d.pdf, 1, _("5. Client satisfaction"));
  if ((t = _sm_pack_satisfaction_table (&d.pack, error)) == NULL)
    return FALSE;
  table (&d, t, (double[]) { 4, 1, 1.2 }, 1);
  say (progress, user_data, 0.8);

  sm_pdf_new_page (d.pdf);
  if (!programme_section (&d, error))
    return FALSE;
  sm_pdf_heading (d.pdf, 1, _("7. Indicators against their targets"));
  t = _sm_pack_indicators_table (&d.pack);
  table (&d, t, (double[]) { 2.6, 1, 1, 0.8, 1.1 }, 1);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  say (progress, user_data, 0.9);

  if (!sm_pdf_save (d.pdf, path, error))
    return FALSE;
  g_strv_builder_add (files, path);
  if (!o->no_tables)
    {
      g_auto(GStrv) csvs = NULL;
      const char *dot = strrchr (path, '.');

      stem = dot != NULL && strchr (dot, '/') == NULL ? g_strndup (path, dot - path) : g_strdup (path);
      xlsx = g_strconcat (stem, ".xlsx", NULL);
      csv = g_strconcat (stem, ".csv", NULL);
      if (!sm_report_write_tables (d.pack.tables, xlsx, "xlsx", NULL, error) ||
          !sm_report_write_tables (d.pack.tables, csv, "csv", &csvs, error))
        return FALSE;
      g_strv_builder_add (files, xlsx);
      g_strv_builder_addv (files, (const char **) csvs);
    }
  say (progress, user_data, 1.0);
  if (written != NULL)
    *written = g_strv_builder_end (files);
  return TRUE;
}
