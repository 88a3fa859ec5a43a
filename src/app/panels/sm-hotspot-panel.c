#define G_LOG_DOMAIN "sm-hotspot-panel"

#include "config.h"

#include "sm-number.h"

#include <string.h>

#include <glib/gi18n.h>
#include <math.h>

#include "sm-date.h"
#include "sm-coverage.h"
#include "sm-hotspot.h"
#include "sm-area-stats.h"
#include "sm-hotspot-item.h"
#include "sm-hotspot-panel.h"
#include "sm-measure-dialog.h"
#include "sm-excess-layer.h"


struct _SmHotspotPanel
{
  GtkBox               parent_instance;

  SmContext           *context;

  GtkSwitch           *heat_switch;
  GtkSwitch           *gi_switch;
  GtkSwitch           *change_switch;
  GtkSwitch           *per_month_switch;
  AdwComboRow         *bandwidth_row;
  AdwComboRow         *kernel_row;
  AdwComboRow         *weight_row;
  AdwComboRow         *cell_row;
  AdwActionRow        *heat_row;
  AdwActionRow        *gi_row;
  GtkScale            *opacity_scale;
  GtkMenuButton       *compare_button;
  GtkCalendar         *compare_calendar;
  GtkColumnView       *list_view;
  AdwActionRow        *legend_row;
  GtkDrawingArea      *legend;
  AdwComboRow         *area_show_row;
  AdwComboRow         *area_level_row;
  AdwActionRow        *area_legend_row;
  GtkDrawingArea      *area_legend;
  AdwComboRow         *method_row;
  AdwComboRow         *model_row;
  GtkLabel            *list_description;
  GtkWidget           *measure_button;

  SmStore             *store;
  SmFilter            *filter;
  SmHotspotLayer      *layer;
  SmExcessLayer       *excess_layer;
  SmAreaLayer         *area_layer;
  GStrv                levels;
  GListStore          *hotspots;    /* SmHotspotItem */
  guint                count;
  gboolean             shown;       /* the page has been seen: the list is computed */
  SmCoverageSources   *coverage;    /* the services, for the hotspots' gaps; NULL: to be read */
  SmHotspotItem       *chosen;      /* the hotspot last gone to, for a measure on it */
};

G_DEFINE_FINAL_TYPE (SmHotspotPanel, sm_hotspot_panel, GTK_TYPE_BOX)

enum {
  ZOOM,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A hotspot's count, by the disclosure rule: a hotspot list has no total
 * beside it, so only small counts are hidden. */
static char *
shown (SmHotspotPanel *self,
       guint           n)
{
  SmDisclosure *d = sm_context_get_disclosure (self->context);

  return sm_disclosure_format_count (d, n, sm_disclosure_state_of (d, n, -1));
}

static void
hotspot_activated_cb (SmHotspotPanel *self,
                      guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->list_view));
  g_autoptr(SmHotspotItem) item = g_list_model_get_item (model, position);
  double w, s, e, n;

  if (item == NULL)
    return;
  sm_hotspot_item_get_bbox (item, &w, &s, &e, &n);
  g_set_object (&self->chosen, item);
  gtk_widget_set_sensitive (self->measure_button, TRUE);
  if (sm_excess_layer_get_active (self->excess_layer))
    sm_excess_layer_set_selected (self->excess_layer, (int) position);
  else
    sm_hotspot_layer_set_selected (self->layer, (int) position);
  g_signal_emit (self, signals[ZOOM], 0, w, s, e, n);
}

static void
measure_done_cb (gpointer    data,
                 const char *message)
{
  g_signal_emit (data, signals[TOAST], 0, message);
}

/* A measure on the hotspot last gone to, kept with its name and centre. */
static void
measure_clicked_cb (SmHotspotPanel *self)
{
  g_autofree char *needs = NULL, *area = NULL;
  double w, s, e, n;
  guint rank;

  if (self->chosen == NULL)
    return;
  g_object_get (self->chosen, "rank", &rank, "needs", &needs, NULL);
  sm_hotspot_item_get_bbox (self->chosen, &w, &s, &e, &n);
  /* Named by its rank and leading need, without the day's statistics. */
  if (needs != NULL && strstr (needs, " · ") != NULL)
    *strstr (needs, " · ") = '\0';
  area = g_strdup_printf (_("Hotspot %u (%s)"), rank, needs ? needs : "");
  sm_measure_dialog_present (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, area,
                             (s + n) / 2, (w + e) / 2, measure_done_cb, self);
}

/* The heat ramp above, the Gi* classes below. */
static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        data)
{
  cairo_pattern_t *ramp = cairo_pattern_create_linear (0, 0, width, 0);

  cairo_pattern_add_color_stop_rgba (ramp, 0, 1, 1, 178 / 255.0, 0.35);
  cairo_pattern_add_color_stop_rgba (ramp, 0.35, 254 / 255.0, 204 / 255.0, 92 / 255.0, 0.6);
  cairo_pattern_add_color_stop_rgba (ramp, 0.6, 253 / 255.0, 141 / 255.0, 60 / 255.0, 0.75);
  cairo_pattern_add_color_stop_rgba (ramp, 1, 189 / 255.0, 0, 38 / 255.0, 1);
  cairo_rectangle (cr, 0, 0, width, height / 2.0 - 2);
  cairo_set_source (cr, ramp);
  cairo_fill (cr);
  cairo_pattern_destroy (ramp);
  sm_hotspot_layer_draw_classes (cr, height / 2.0 + 2, width, height / 2.0 - 2);
}

static void
update_legend (SmHotspotPanel *self)
{
  double peak = sm_hotspot_layer_get_peak (self->layer);
  g_autofree char *text = NULL;

  /* Translators: the heat map's scale and the Gi* classes in the legend */
  if (peak > 0 && sm_hotspot_layer_get_weight (self->layer) != SM_WEIGHT_NONE)
    text = g_strdup_printf (_("Weighted density 0 to %s per km²; cold, then hot at "
                              "0.001 · 0.01 · 0.05 and 0.05 · 0.01 · 0.001"), sm_num (peak, 0));
  else if (peak > 0)
    text = g_strdup_printf (_("Density 0 to %s households per km²; cold, then hot at "
                              "0.001 · 0.01 · 0.05 and 0.05 · 0.01 · 0.001"), sm_num (peak, 0));
  else
    text = g_strdup (_("Cold, then hot at 0.001 · 0.01 · 0.05 and 0.05 · 0.01 · 0.001"));
  adw_action_row_set_subtitle (self->legend_row, text);
}

/* The clusters of excess: a need's households against those expected,
 * the relative risk and p; the highest relative risk first. The risk is
 * not shown where the count is hidden, since with the expected number it
 * would give the count away. */
static void
excess_updated_cb (SmHotspotPanel *self)
{
  GPtrArray *clusters = sm_excess_layer_get_clusters (self->excess_layer);
  SmDisclosure *d = sm_context_get_disclosure (self->context);

  if (!sm_excess_layer_get_active (self->excess_layer))
    return;
  g_list_store_remove_all (self->hotspots);
  self->count = clusters != NULL ? clusters->len : 0;
  for (guint i = 0; clusters != NULL && i < clusters->len; i++)
    {
      const SmExcess *e = g_ptr_array_index (clusters, i);
      const SmCategory *c = sm_store_get_category (self->store, e->category);
      SmDisclosureState state = sm_disclosure_state_of (d, e->cases, -1);
      g_autofree char *count = sm_disclosure_format_count (d, e->cases, state);
      g_autofree char *risk = NULL, *needs = NULL;
      g_autoptr(SmHotspotItem) item = NULL;
      SmHotspotItemData data = { 0 };

      if (state == SM_DISCLOSURE_SHOWN && isfinite (e->relative_risk))
        /* Translators: a cluster's relative risk, expected count and p-value */
        risk = g_strdup_printf (_("%s × the rate elsewhere, %s expected, p = %s"),
                                sm_num (e->relative_risk, 1), sm_num (e->expected, 1), sm_num (e->p, 3));
      else
        risk = g_strdup_printf (_("p = %s"), sm_num (e->p, 3));
      needs = g_strdup_printf ("%s · %s", c ? sm_localized_name (c->name_hu, c->name_en) : "", risk);
      data = (SmHotspotItemData) {
        .rank = i + 1, .shown_households = state == SM_DISCLOSURE_SHOWN ? e->cases : 0,
        .households = count, .area_km2 = G_PI * pow (e->radius_m + 125, 2) / 1e6, .needs = needs,
        .part = e->settlement_part, .west = e->west, .south = e->south, .east = e->east,
        .north = e->north,
      };
      item = sm_hotspot_item_new (&data);
      g_list_store_append (self->hotspots, item);
    }
}

/* The hotspots' coverage gaps, only while the page is on screen (they are
 * computed again when it is shown). */
static GArray *
assess_hotspots (SmHotspotPanel *self,
                 GPtrArray      *hotspots)
{
  if (hotspots == NULL || hotspots->len == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return NULL;
  if (self->coverage == NULL && (self->coverage = sm_coverage_sources_load (self->store, NULL)) == NULL)
    return NULL;
  return sm_coverage_assess_hotspots (self->coverage, self->store, self->filter, hotspots, NULL);
}

static void
coverage_store_changed_cb (SmHotspotPanel *self,
                           SmStoreChange   what)
{
  if (what & (SM_STORE_CHANGE_SERVICES | SM_STORE_CHANGE_BOUNDARIES))
    g_clear_pointer (&self->coverage, sm_coverage_sources_free);
}

static void
layer_updated_cb (SmHotspotPanel *self)
{
  GPtrArray *hotspots = sm_hotspot_layer_get_hotspots (self->layer);
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(GArray) coverage = NULL;

  update_legend (self);
  if (sm_excess_layer_get_active (self->excess_layer))
    return;
  rates = sm_part_rates (self->store, self->filter, NULL);
  coverage = assess_hotspots (self, hotspots);
  g_list_store_remove_all (self->hotspots);
  self->count = hotspots != NULL ? hotspots->len : 0;
  for (guint i = 0; hotspots != NULL && i < hotspots->len; i++)
    {
      SmHotspot *h = g_ptr_array_index (hotspots, i);
      SmDisclosure *d = sm_context_get_disclosure (self->context);
      SmDisclosureState state = sm_disclosure_state_of (d, h->households, -1);
      g_autofree char *count = sm_disclosure_format_count (d, h->households, state);
      g_autofree char *before = NULL;
      g_autofree char *part = NULL;
      g_autoptr(GString) needs = g_string_new (NULL);
      g_autoptr(SmHotspotItem) item = NULL;
      SmHotspotItemData data = { 0 };

      for (guint t = 0; t < G_N_ELEMENTS (h->top_categories) && h->top_categories[t] > 0; t++)
        {
          const SmCategory *c = sm_store_get_category (self->store, h->top_categories[t]);

          if (c != NULL)
            g_string_append_printf (needs, "%s%s", needs->len ? "; " : "",
                                    sm_localized_name (c->name_hu, c->name_en));
        }
      g_string_append_printf (needs, "%sp < %s", needs->len ? " · " : "", sm_significance_level_shown (h->strongest));
      if (coverage != NULL)
        {
          SmCoverageGaps gaps;

          sm_coverage_gaps_in (coverage, h->west, h->south, h->east, h->north, 5, &gaps);
          if (gaps.n_uncovered > 0)
            {
              g_string_append_c (needs, '\n');
              /* Translators: of a hotspot's most frequent needs, how many have no service in reach
               * with room for most of its households */
              g_string_append_printf (needs, ngettext ("%u of %u leading needs has no service in reach",
                                                       "%u of %u leading needs have no service in reach",
                                                       gaps.n_uncovered), gaps.n_uncovered, gaps.n_leading);
            }
        }
      if (h->has_earlier)
        before = shown (self, h->earlier_households);
      for (guint r = 0; h->settlement_part != NULL && rates != NULL && r < rates->len; r++)
        {
          SmPartRate *rate = g_ptr_array_index (rates, r);

          if (g_strcmp0 (rate->name, h->settlement_part) == 0 && !isnan (rate->eb_rate))
            /* Translators: a settlement part and its smoothed rate */
            part = g_strdup_printf (_("%s: %s households per 1,000 residents"), rate->name,
                                    sm_num (rate->eb_rate, 1));
        }
      data = (SmHotspotItemData) {
        .rank = i + 1, .shown_households = state == SM_DISCLOSURE_SHOWN ? h->households : 0,
        .households = count, .area_km2 = h->area_km2, .needs = needs->str, .change = before,
        .part = part, .west = h->west, .south = h->south, .east = h->east, .north = h->north,
      };
      item = sm_hotspot_item_new (&data);
      g_list_store_append (self->hotspots, item);
    }
}

static void
show_compare (SmHotspotPanel *self,
              GDateTime      *day)
{
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");

  gtk_menu_button_set_label (self->compare_button, text);
}

static void
compare_selected_cb (SmHotspotPanel *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->compare_calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (day),
                  (GDateMonth) g_date_time_get_month (day), (GDateYear) g_date_time_get_year (day));
  show_compare (self, day);
  sm_hotspot_layer_set_compare (self->layer, &date);
}

static void
switches_cb (SmHotspotPanel *self)
{
  gboolean scan = adw_combo_row_get_selected (self->method_row) == SM_HOTSPOT_SCAN;

  sm_hotspot_layer_set_show_heat (self->layer, gtk_switch_get_active (self->heat_switch));
  /* The map shows what the list lists: circles of excess, or Gi* cells. */
  sm_hotspot_layer_set_show_gi (self->layer, gtk_switch_get_active (self->gi_switch) && !scan);
  gtk_widget_set_visible (GTK_WIDGET (self->excess_layer), gtk_switch_get_active (self->gi_switch) && scan);
  sm_hotspot_layer_set_show_change (self->layer, gtk_switch_get_active (self->change_switch));
  sm_hotspot_layer_set_per_month (self->layer, gtk_switch_get_active (self->per_month_switch));
}

static const double radii[] = { 150, 300, 500, 1000 };
static const double cells[] = { 150, 250, 500 };

/* The rows' subtitles say what the layers are made with. */
static void
update_subtitles (SmHotspotPanel *self)
{
  guint k = adw_combo_row_get_selected (self->kernel_row);
  double radius = radii[MIN (adw_combo_row_get_selected (self->bandwidth_row), G_N_ELEMENTS (radii) - 1)];
  double cell = cells[MIN (adw_combo_row_get_selected (self->cell_row), G_N_ELEMENTS (cells) - 1)];
  /* Translators: the heat map's subtitle: its kernel and radius */
  g_autofree char *heat = k == 1 ? g_strdup_printf (_("Epanechnikov kernel, %.0f m radius"), radius)
                        : k == 2 ? g_strdup_printf (_("Triangular kernel, %.0f m radius"), radius)
                        : k == 3 ? g_strdup_printf (_("Uniform kernel, %.0f m radius"), radius)
                        : g_strdup_printf (_("Quartic kernel, %.0f m radius"), radius);
  g_autofree char *gi = adw_combo_row_get_selected (self->method_row) == SM_HOTSPOT_SCAN
                        ? g_strdup (_("Circles where a need is more frequent than expected"))
                        : g_strdup_printf (_("Hot and cold %.0f m cells (Gi*), significant at 0.05, "
                                             "0.01, 0.001"), cell);

  adw_action_row_set_subtitle (self->heat_row, heat);
  adw_action_row_set_subtitle (self->gi_row, gi);
}

static void
bandwidth_cb (SmHotspotPanel *self)
{
  sm_hotspot_layer_set_bandwidth (self->layer,
                                  radii[MIN (adw_combo_row_get_selected (self->bandwidth_row),
                                             G_N_ELEMENTS (radii) - 1)]);
  update_subtitles (self);
}

static void
kernel_cb (SmHotspotPanel *self)
{
  static const SmKernel kernels[] = {
    SM_KERNEL_QUARTIC, SM_KERNEL_EPANECHNIKOV, SM_KERNEL_TRIANGULAR, SM_KERNEL_UNIFORM,
  };

  sm_hotspot_layer_set_kernel (self->layer,
                               kernels[MIN (adw_combo_row_get_selected (self->kernel_row),
                                            G_N_ELEMENTS (kernels) - 1)]);
  update_subtitles (self);
}

static void
weight_cb (SmHotspotPanel *self)
{
  static const SmPointWeight weights[] = { SM_WEIGHT_NONE, SM_WEIGHT_SEVERITY, SM_WEIGHT_PERSONS };

  sm_hotspot_layer_set_weight (self->layer,
                               weights[MIN (adw_combo_row_get_selected (self->weight_row),
                                            G_N_ELEMENTS (weights) - 1)]);
}

static void
cell_cb (SmHotspotPanel *self)
{
  sm_hotspot_layer_set_cell (self->layer,
                             cells[MIN (adw_combo_row_get_selected (self->cell_row),
                                        G_N_ELEMENTS (cells) - 1)]);
  update_subtitles (self);
}

/* The list's method: the scan's clusters, or Gi* on rates or on counts. */
static void
hotspot_method_cb (SmHotspotPanel *self)
{
  SmHotspotMethod method = MIN (adw_combo_row_get_selected (self->method_row), SM_HOTSPOT_DENSITY);

  gtk_widget_set_visible (GTK_WIDGET (self->model_row), method == SM_HOTSPOT_SCAN);
  gtk_label_set_label (self->list_description,
                       method == SM_HOTSPOT_SCAN
                       ? _("Where a need is more frequent than the population there explains, highest "
                           "relative risk first (Kulldorff's scan, 999 replications, corrected for the "
                           "needs scanned); click one to see it. Counts under 5 are not shown.")
                       : _("Significant clusters, largest first; click one to see it. Counts under 5 "
                           "are not shown."));
  sm_hotspot_layer_set_method (self->layer, method == SM_HOTSPOT_SCAN ? SM_HOTSPOT_DENSITY : method);
  sm_excess_layer_set_active (self->excess_layer, self->shown && method == SM_HOTSPOT_SCAN);
  update_subtitles (self);
  switches_cb (self);
  if (method == SM_HOTSPOT_SCAN)
    excess_updated_cb (self);
  else
    layer_updated_cb (self);
}

static void
scan_model_cb (SmHotspotPanel *self)
{
  sm_excess_layer_set_model (self->excess_layer, adw_combo_row_get_selected (self->model_row) == 1
                                                   ? SM_SCAN_POISSON : SM_SCAN_BERNOULLI);
}

static void
opacity_cb (SmHotspotPanel *self)
{
  double opacity = gtk_range_get_value (GTK_RANGE (self->opacity_scale));

  sm_hotspot_layer_set_opacity (self->layer, opacity);
  sm_area_layer_set_opacity (self->area_layer, opacity);
}

static const char *
level_title (const char *level)
{
  static const struct { const char *level; const char *title; } titles[] = {
    { "district", N_("Districts") },
    { "settlement_part", N_("Settlement parts") },
    { "settlement", N_("Settlements") },
    { "jaras", N_("Districts (járás)") },
    { "county", N_("Counties") },
    { "region", N_("Regions") },
    { "country", N_("Countries") },
    { "other", N_("Other areas") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].level, level))
      return _(titles[i].title);
  return level;
}

/* Five classes of the area layer, or its Gi* classes. */
static void
draw_area_legend (GtkDrawingArea *area,
                  cairo_t        *cr,
                  int             width,
                  int             height,
                  gpointer        data)
{
  SmHotspotPanel *self = data;

  if (sm_area_layer_get_show (self->area_layer) == SM_AREA_SHOW_GI)
    {
      sm_hotspot_layer_draw_classes (cr, 0, width, height);
      return;
    }
  for (int i = 0; i < 5; i++)
    {
      double rgb[3];

      sm_area_layer_class_colour (i, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_rectangle (cr, i * width / 5.0, 0, width / 5.0 - 1, height);
      cairo_fill (cr);
    }
}

static void
area_updated_cb (SmHotspotPanel *self)
{
  SmAreaShow show = sm_area_layer_get_show (self->area_layer);
  gboolean on_rate = FALSE;
  double top = sm_area_layer_get_top (self->area_layer, &on_rate);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->area_legend_row), show != SM_AREA_SHOW_NONE);
  if (show == SM_AREA_SHOW_HOUSEHOLDS)
    text = g_strdup_printf (_("0 to %s households, in five steps"), sm_num (top, 0));
  else if (show == SM_AREA_SHOW_RATE)
    text = g_strdup_printf (_("0 to %s households per 1,000 residents, smoothed (empirical Bayes)"),
                            sm_num (top, 0));
  else if (show == SM_AREA_SHOW_GI)
    text = g_strdup (on_rate ? _("Gi* on the smoothed rates; cold, then hot at 0.001 · 0.01 · 0.05 and 0.05 · 0.01 · 0.001")
                             : _("Gi* on the households; cold, then hot at 0.001 · 0.01 · 0.05 and 0.05 · 0.01 · 0.001"));
  adw_action_row_set_subtitle (self->area_legend_row, text ? text : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->area_legend));
}

static void
area_show_cb (SmHotspotPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->area_show_row);

  sm_area_layer_set_show (self->area_layer, MIN (selected, SM_AREA_SHOW_GI));
}

static void
area_level_cb (SmHotspotPanel *self)
{
  guint selected = adw_combo_row_get_selected (self->area_level_row);

  if (self->levels != NULL && selected < g_strv_length (self->levels))
    sm_area_layer_set_level (self->area_layer, self->levels[selected]);
}

static void
fill_levels (SmHotspotPanel *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint preferred = 0;

  g_clear_pointer (&self->levels, g_strfreev);
  self->levels = sm_area_list_levels (self->store, NULL);
  for (guint i = 0; self->levels != NULL && self->levels[i] != NULL; i++)
    {
      gtk_string_list_append (model, level_title (self->levels[i]));
      if (preferred == 0 && g_str_equal (self->levels[i], "settlement_part"))
        preferred = i;
    }
  adw_combo_row_set_model (self->area_level_row, G_LIST_MODEL (model));
  gtk_widget_set_sensitive (GTK_WIDGET (self->area_show_row),
                            self->levels != NULL && self->levels[0] != NULL);
  adw_combo_row_set_selected (self->area_level_row, preferred);
  area_level_cb (self);
}

/* The page is the way to the list: computed when first shown. */
static void
sm_hotspot_panel_map (GtkWidget *widget)
{
  SmHotspotPanel *self = SM_HOTSPOT_PANEL (widget);

  GTK_WIDGET_CLASS (sm_hotspot_panel_parent_class)->map (widget);
  if (!self->shown)
    {
      self->shown = TRUE;
      hotspot_method_cb (self);
    }
  if (sm_hotspot_layer_get_hotspots (self->layer) == NULL)
    sm_hotspot_layer_recompute (self->layer);
  else
    /* The hotspots' coverage gaps are assessed only while on screen. */
    layer_updated_cb (self);
}

static void
sm_hotspot_panel_dispose (GObject *object)
{
  SmHotspotPanel *self = SM_HOTSPOT_PANEL (object);

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  if (self->excess_layer != NULL)
    g_signal_handlers_disconnect_by_data (self->excess_layer, self);
  g_clear_object (&self->excess_layer);
  g_clear_pointer (&self->coverage, sm_coverage_sources_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SM_TYPE_HOTSPOT_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->chosen);
  g_clear_object (&self->filter);
  if (self->area_layer != NULL)
    g_signal_handlers_disconnect_by_data (self->area_layer, self);
  g_clear_object (&self->layer);
  g_clear_object (&self->area_layer);
  g_clear_pointer (&self->levels, g_strfreev);
  g_clear_object (&self->hotspots);

  G_OBJECT_CLASS (sm_hotspot_panel_parent_class)->dispose (object);
}

enum {
  PROP_CONTEXT = 1,
};

static void
sm_hotspot_panel_get_context_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, SM_HOTSPOT_PANEL (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_hotspot_panel_set_context_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  if (prop_id == PROP_CONTEXT)
    SM_HOTSPOT_PANEL (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
sm_hotspot_panel_class_init (SmHotspotPanelClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = sm_hotspot_panel_dispose;
  G_OBJECT_CLASS (klass)->get_property = sm_hotspot_panel_get_context_property;
  G_OBJECT_CLASS (klass)->set_property = sm_hotspot_panel_set_context_property;
  /* The window's store, filter, settings and policies. */
  g_object_class_install_property (G_OBJECT_CLASS (klass), PROP_CONTEXT,
    g_param_spec_object ("context", NULL, NULL, SM_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  widget_class->map = sm_hotspot_panel_map;
  signals[ZOOM] = g_signal_new ("zoom", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                NULL, NULL, G_TYPE_NONE, 4, G_TYPE_DOUBLE, G_TYPE_DOUBLE,
                                G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* What came of a step taken on the page, to be said. */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/hu/szocterkep/SocialMap/ui/sm-hotspot-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, heat_switch);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, gi_switch);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, change_switch);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, bandwidth_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, kernel_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, weight_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, cell_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, heat_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, gi_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, compare_button);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, compare_calendar);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, hotspot_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, legend_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, legend);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, area_show_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, area_level_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, area_legend_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, area_legend);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, method_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, per_month_switch);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, model_row);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, list_description);
  gtk_widget_class_bind_template_child (widget_class, SmHotspotPanel, measure_button);
  gtk_widget_class_bind_template_callback (widget_class, measure_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_selected_cb);
}

static void
sm_hotspot_panel_init (SmHotspotPanel *self)
{
  g_type_ensure (SM_TYPE_HOTSPOT_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->hotspots = g_list_store_new (SM_TYPE_HOTSPOT_ITEM);
  {
    GtkSortListModel *sorted =
      gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->hotspots)),
                               g_object_ref (gtk_column_view_get_sorter (self->list_view)));

    gtk_column_view_set_model (self->list_view,
                               GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));
  }
  gtk_drawing_area_set_draw_func (self->legend, draw_legend, NULL, NULL);
  gtk_drawing_area_set_draw_func (self->area_legend, draw_area_legend, self, NULL);
}

SmHotspotPanel *
sm_hotspot_panel_new (SmContext      *context,
                      SmHotspotLayer *layer,
                      SmExcessLayer  *excess_layer,
                      SmAreaLayer    *area_layer)
{
  SmHotspotPanel *self = g_object_new (SM_TYPE_HOTSPOT_PANEL, "context", context, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) year_ago = g_date_time_add_years (now, -1);
  GDate compare;

  self->store = g_object_ref (sm_context_get_store (context));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (coverage_store_changed_cb), self, G_CONNECT_SWAPPED);
  self->filter = g_object_ref (sm_context_get_filter (context));
  self->layer = g_object_ref (layer);
  self->area_layer = g_object_ref (area_layer);
  self->excess_layer = g_object_ref (excess_layer);
  g_signal_connect_swapped (layer, "updated", G_CALLBACK (layer_updated_cb), self);
  g_signal_connect_swapped (excess_layer, "updated", G_CALLBACK (excess_updated_cb), self);
  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (hotspot_method_cb), self);
  g_signal_connect_swapped (self->model_row, "notify::selected", G_CALLBACK (scan_model_cb), self);
  g_signal_connect_swapped (area_layer, "updated", G_CALLBACK (area_updated_cb), self);
  g_signal_connect_swapped (self->area_show_row, "notify::selected", G_CALLBACK (area_show_cb), self);
  g_signal_connect_swapped (self->area_level_row, "notify::selected", G_CALLBACK (area_level_cb), self);
  fill_levels (self);
  area_updated_cb (self);
  g_signal_connect_swapped (self->heat_switch, "notify::active", G_CALLBACK (switches_cb), self);
  g_signal_connect_swapped (self->gi_switch, "notify::active", G_CALLBACK (switches_cb), self);
  g_signal_connect_swapped (self->change_switch, "notify::active", G_CALLBACK (switches_cb), self);
  g_signal_connect_swapped (self->per_month_switch, "notify::active", G_CALLBACK (switches_cb), self);
  g_signal_connect_swapped (self->bandwidth_row, "notify::selected", G_CALLBACK (bandwidth_cb), self);
  g_signal_connect_swapped (self->kernel_row, "notify::selected", G_CALLBACK (kernel_cb), self);
  g_signal_connect_swapped (self->weight_row, "notify::selected", G_CALLBACK (weight_cb), self);
  g_signal_connect_swapped (self->cell_row, "notify::selected", G_CALLBACK (cell_cb), self);
  update_subtitles (self);
  g_signal_connect_swapped (self->opacity_scale, "value-changed", G_CALLBACK (opacity_cb), self);
  gtk_calendar_select_day (self->compare_calendar, year_ago);
  show_compare (self, year_ago);
  g_date_clear (&compare, 1);
  g_date_set_dmy (&compare, (GDateDay) g_date_time_get_day_of_month (year_ago),
                  (GDateMonth) g_date_time_get_month (year_ago),
                  (GDateYear) g_date_time_get_year (year_ago));
  /* Quietly: the list is computed when the page is first shown. */
  sm_hotspot_layer_set_compare_quietly (layer, &compare);
  update_legend (self);
  switches_cb (self);
  hotspot_method_cb (self);
  return self;
}

guint
sm_hotspot_panel_get_count (SmHotspotPanel *self)
{
  g_return_val_if_fail (SM_IS_HOTSPOT_PANEL (self), 0);
  return self->count;
}

void
sm_hotspot_panel_set_layers (SmHotspotPanel *self,
                             gboolean        heat,
                             gboolean        gi)
{
  g_return_if_fail (SM_IS_HOTSPOT_PANEL (self));

  gtk_switch_set_active (self->heat_switch, heat);
  gtk_switch_set_active (self->gi_switch, gi);
}

void
sm_hotspot_panel_set_area_show (SmHotspotPanel *self,
                                SmAreaShow      show)
{
  g_return_if_fail (SM_IS_HOTSPOT_PANEL (self));

  adw_combo_row_set_selected (self->area_show_row, show);
}

/* The heat map's kernel (0 quartic, 1 Epanechnikov, 2 triangular,
 * 3 uniform) and the households' weight (0 none, 1 severity, 2 persons),
 * as a person would choose them. */
void
sm_hotspot_panel_set_method (SmHotspotPanel *self,
                             guint           kernel,
                             guint           weight)
{
  g_return_if_fail (SM_IS_HOTSPOT_PANEL (self));

  adw_combo_row_set_selected (self->kernel_row, kernel);
  adw_combo_row_set_selected (self->weight_row, weight);
}

/* The list's method, as a person would choose it. */
void
sm_hotspot_panel_set_hotspot_method (SmHotspotPanel  *self,
                                     SmHotspotMethod  method)
{
  g_return_if_fail (SM_IS_HOTSPOT_PANEL (self));

  adw_combo_row_set_selected (self->method_row, method);
}
