#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"

/* The disclosure states of a table's rows: their households and needs add
 * up to totals printed beside them. */
static SmDisclosureState *
protect_rows (SmDisclosure *disclosure,
              GPtrArray    *rows)
{
  g_autofree SmDisclosureCell *cells = g_new0 (SmDisclosureCell, MAX (rows->len, 1));
  SmDisclosureState *states = g_new0 (SmDisclosureState, MAX (rows->len, 1));

  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);

      cells[i].households = row->households;
      cells[i].persons = -1;
      cells[i].needs = row->needs;
    }
  sm_disclosure_protect (disclosure, cells, rows->len);
  for (guint i = 0; i < rows->len; i++)
    states[i] = cells[i].state;
  return states;
}


static const char *
suppression_name (SmDisclosureState state)
{
  return state == SM_DISCLOSURE_SMALL ? "small"
       : state == SM_DISCLOSURE_COMPLEMENTARY ? "complementary" : NULL;
}


static void
add_rows_json (JsonBuilder  *b,
               const char   *member,
               GPtrArray    *rows,
               SmDisclosure *disclosure)
{
  g_autofree SmDisclosureState *states = protect_rows (disclosure, rows);

  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);
      gboolean hide = states[i] != SM_DISCLOSURE_SHOWN;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, row->key);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, row->label);
      json_builder_set_member_name (b, "open_needs");
      if (hide)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, row->needs);
      json_builder_set_member_name (b, "households");
      if (hide)
        json_builder_add_null_value (b);
      else
        json_builder_add_int_value (b, row->households);
      json_builder_set_member_name (b, "suppressed");
      json_builder_add_boolean_value (b, hide);
      if (hide)
        {
          json_builder_set_member_name (b, "suppression");
          json_builder_add_string_value (b, suppression_name (states[i]));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}


static void
print_rows (const char   *title,
            GPtrArray    *rows,
            SmDisclosure *disclosure)
{
  g_autofree SmDisclosureState *states = protect_rows (disclosure, rows);

  g_print ("\n%s\n", title);
  for (guint i = 0; i < rows->len; i++)
    {
      SmStatsRow *row = g_ptr_array_index (rows, i);
      g_autofree char *needs = sm_disclosure_format_count (disclosure, row->needs, states[i]);
      g_autofree char *households = sm_disclosure_format_count (disclosure, row->households, states[i]);

      /* Pad by characters, not bytes: the labels are Hungarian. */
      int pad = 40 - (int) g_utf8_strlen (row->label, -1);

      g_print ("  %s%*s %8s %8s\n", row->label, MAX (pad, 0), "", needs, households);
    }
}


int
cmd_stats (int    argc,
           char **argv)
{
  g_autofree char *at = NULL, *format = NULL;
  g_autoptr(SmDisclosure) disclosure = NULL;
  int k = 0;
  GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("Count what was open on this day (default: today)"), "DATE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of fewer than K households (at least 5)"), "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — open needs by category, severity and settlement part"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmStats) stats = NULL;
  GError *error = NULL;
  GDate day, *as_of;
  int status;

  if ((status = sm_cli_parse (context, entries, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error) || !sm_cli_parse_day_option (at, &day, &as_of, &error))
    return sm_cli_fail (error);
  disclosure = sm_disclosure_new (k);
  k = sm_disclosure_get_k (disclosure);

  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || (stats = sm_stats_compute (store, as_of, sm_locale_is_hungarian (), &error)) == NULL)
    return sm_cli_fail (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "as_of");
      json_builder_add_string_value (b, stats->as_of);
      json_builder_set_member_name (b, "k");
      json_builder_add_int_value (b, k);
      json_builder_set_member_name (b, "households");
      json_builder_add_int_value (b, stats->households_total);
      json_builder_set_member_name (b, "persons");
      json_builder_add_int_value (b, stats->persons_total);
      json_builder_set_member_name (b, "open_needs");
      json_builder_add_int_value (b, stats->open_needs);
      json_builder_set_member_name (b, "households_with_open_needs");
      json_builder_add_int_value (b, stats->households_with_needs);
      add_rows_json (b, "by_category", stats->by_category, disclosure);
      add_rows_json (b, "by_severity", stats->by_severity, disclosure);
      add_rows_json (b, "by_settlement_part", stats->by_part, disclosure);
      json_builder_end_object (b);
      text = sm_cli_print_json (b);
      g_print ("%s\n", text);
      return EXIT_OK;
    }

  g_print (_("Open needs on %s\n"), stats->as_of);
  g_print (_("Households: %lld, persons: %lld\n"),
           (long long) stats->households_total, (long long) stats->persons_total);
  g_print (_("Open needs: %lld in %lld households\n"),
           (long long) stats->open_needs, (long long) stats->households_with_needs);
  g_print ("\n  %-40s %8s %8s", "", _("needs"), _("househ."));
  print_rows (_("By category"), stats->by_category, disclosure);
  print_rows (_("By severity"), stats->by_severity, disclosure);
  print_rows (_("By settlement part"), stats->by_part, disclosure);
  g_print ("\n");
  g_print (_("Counts of fewer than %d households are shown as <%d; x hides a count that would "
             "give a small one away.\n"), k, k);
  return EXIT_OK;
}


int
cmd_query (int    argc,
           char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *format = NULL;
  GOptionEntry own[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — the households the map shows for a filter"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GArray) hits = NULL;
  g_autoptr(JsonBuilder) b = NULL;
  gboolean json;
  GError *error = NULL;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return sm_cli_usage_error (_("unknown format “%s”; use csv or json"), format);
  json = format != NULL && g_str_equal (format, "json");
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;

  hits = sm_store_query (store, filter, &error);
  if (hits == NULL)
    return sm_cli_fail (error);

  if (json)
    {
      b = json_builder_new ();
      json_builder_begin_array (b);
    }
  else
    g_print ("household_id,lat,lon,address,settlement_part,main_category,max_severity,open_needs\n");

  for (guint i = 0; i < hits->len; i++)
    {
      const SmCaseHit *hit = &g_array_index (hits, SmCaseHit, i);
      const SmCategory *cat = sm_store_get_category (store, hit->main_category);
      SmHousehold h;

      if (!sm_store_get_household (store, hit->household_id, &h, &error))
        return sm_cli_fail (error);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "household_id");
          json_builder_add_int_value (b, hit->household_id);
          json_builder_set_member_name (b, "lat");
          json_builder_add_double_value (b, hit->lat);
          json_builder_set_member_name (b, "lon");
          json_builder_add_double_value (b, hit->lon);
          json_builder_set_member_name (b, "address");
          json_builder_add_string_value (b, h.address_raw);
          json_builder_set_member_name (b, "settlement_part");
          json_builder_add_string_value (b, h.settlement_part);
          json_builder_set_member_name (b, "main_category");
          json_builder_add_string_value (b, cat ? cat->code : NULL);
          json_builder_set_member_name (b, "max_severity");
          json_builder_add_int_value (b, hit->max_severity);
          json_builder_set_member_name (b, "open_needs");
          json_builder_add_int_value (b, hit->n_needs);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *address = sm_cli_csv_quote (h.address_raw);
          g_autofree char *part = sm_cli_csv_quote (h.settlement_part);
          char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

          g_print ("%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%d,%d\n", hit->household_id,
                   g_ascii_formatd (lat, sizeof lat, "%.7f", hit->lat),
                   g_ascii_formatd (lon, sizeof lon, "%.7f", hit->lon),
                   address, part, cat ? cat->code : "", hit->max_severity, hit->n_needs);
        }
      sm_household_clear (&h);
    }

  if (json)
    {
      g_autofree char *text = NULL;
      json_builder_end_array (b);
      text = sm_cli_print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}


int
cmd_density (int    argc,
             char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *kernel_name = NULL, *weight_name = NULL;
  double bandwidth = 300, cell = 25;
  GOptionEntry own[] = {
    { "bandwidth", 0, 0, G_OPTION_ARG_DOUBLE, &bandwidth, N_("Kernel radius in metres (default 300)"), "M" },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Raster cell in metres (default 25)"), "M" },
    { "kernel", 0, 0, G_OPTION_ARG_STRING, &kernel_name, N_("quartic (default), epanechnikov, triangular or uniform"), "K" },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight_name, N_("Weight households by none (default), severity or persons"), "W" },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB OUT.tif — kernel density of what a filter shows, per km², as GeoTIFF"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmHotspotInput) input = NULL;
  g_autoptr(SmGrid) grid = NULL;
  SmKernel kernel = SM_KERNEL_QUARTIC;
  SmPointWeight weight;
  GError *error = NULL;
  double peak = 0;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 2, "DB OUT.tif")) >= 0)
    return status;
  if (bandwidth < 10 || bandwidth > 20000 || cell < 1 || cell > bandwidth)
    return sm_cli_usage_error (_("--bandwidth must be 10 to 20000 m and --cell 1 m up to the bandwidth"));
  if ((kernel_name != NULL && !sm_kernel_parse (kernel_name, &kernel, &error)) ||
      !sm_cli_parse_weight (weight_name, &weight, &error))
    return sm_cli_fail (error);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;
  input = sm_hotspot_input_new (store, filter, weight, &error);
  if (input == NULL)
    return sm_cli_fail (error);
  grid = sm_density (input, kernel, bandwidth, cell, 4000);
  if (!sm_grid_write_geotiff (grid, input, argv[2], &error))
    return sm_cli_fail (error);
  for (int i = 0; i < grid->width * grid->height; i++)
    peak = MAX (peak, grid->values[i]);
  g_print (_("Wrote a %d × %d raster of %.0f m cells to %s; highest density %.1f per km²\n"),
           grid->width, grid->height, grid->cell, argv[2], peak);
  return EXIT_OK;
}


int
cmd_hotspots (int    argc,
              char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *correction_name = NULL, *weight_name = NULL, *compare = NULL, *format = NULL;
  g_autofree char *method_name = NULL, *model_name = NULL;
  int method = SM_HOTSPOT_SCAN, model = SM_SCAN_BERNOULLI;
  double cell = 250;
  int permutations = SM_PERMUTATIONS_DEFAULT, seed = 1, band = 1, k = 0;
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autofree SmDisclosureCell *part_cells = NULL;
  GOptionEntry own[] = {
    { "method", 0, 0, G_OPTION_ARG_STRING, &method_name, N_("scan (default: where a need is more frequent than the population explains), rate (Gi* on smoothed rates) or density (Gi* on counts)"), "METHOD" },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model_name, N_("For scan: bernoulli (default: among all households of the register) or poisson (against residents)"), "MODEL" },
    { "cell", 0, 0, G_OPTION_ARG_DOUBLE, &cell, N_("Grid cell in metres (default 250)"), "M" },
    { "band", 0, 0, G_OPTION_ARG_INT, &band, N_("Neighbours within this many cells (default 1: the eight around)"), "N" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &permutations, N_("Permutations for the pseudo p-values (default 999)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same p-values"), "S" },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction_name, N_("Multiple testing: none (default), fdr or bonferroni"), "C" },
    { "weight", 0, 0, G_OPTION_ARG_STRING, &weight_name, N_("Count households (none, default), severity or persons"), "W" },
    { "compare", 0, 0, G_OPTION_ARG_STRING, &compare, N_("Show each hotspot's change since this day"), "DATE" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of fewer than K households (at least 5)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — significant hotspots (scan statistic or Getis-Ord Gi*) and rates per settlement part"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(GPtrArray) hotspots = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmHotspotOptions options = { 0 };
  GError *error = NULL;
  gboolean json = format != NULL && g_str_equal (format, "json");
  GDate before;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error))
    return sm_cli_fail (error);
  disclosure = sm_disclosure_new (k);
  if (permutations < 0 || permutations > 99999 || band < 1 || band > 10 || cell < 25 || cell > 5000)
    return sm_cli_usage_error (_("--permutations must be 0 to 99999, --band 1 to 10 and --cell 25 to 5000 m"));
  options = (SmHotspotOptions) { .cell_m = cell, .band_cells = band, .permutations = permutations,
                                 .seed = (guint32) seed };
  if (!sm_cli_parse_correction (correction_name, &options.correction, &error) ||
      !sm_cli_parse_weight (weight_name, &options.weight, &error) ||
      (compare != NULL && !sm_date_parse_any (compare, &before, &error)))
    return sm_cli_fail (error);
  if (method_name != NULL && !sm_enum_parse (SM_TYPE_HOTSPOT_METHOD, method_name, &method))
    return sm_cli_usage_error (_("“%s” is not a method; use scan, rate or density"), method_name);
  if (model_name != NULL && !sm_enum_parse (SM_TYPE_SCAN_MODEL, model_name, &model))
    return sm_cli_usage_error (_("“%s” is not a model; use bernoulli or poisson"), model_name);
  options.method = (SmHotspotMethod) method;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;
  json_builder_begin_object (b);
  if (method == SM_HOTSPOT_SCAN)
    {
      SmExcessOptions excess = { .model = (SmScanModel) model, .cell_m = cell,
                                 .replications = permutations, .seed = (guint32) seed };

      if (permutations < 1)
        return sm_cli_usage_error (_("the scan needs at least one replication (--permutations)"));
      if (!sm_cli_print_excess (store, filter, &excess, disclosure, b, json, &error))
        return sm_cli_fail (error);
      hotspots = g_ptr_array_new ();
    }
  else
    hotspots = sm_find_hotspots (store, filter, &options, compare ? &before : NULL, &error);
  rates = hotspots ? sm_part_rates (store, filter, &error) : NULL;
  if (rates == NULL)
    return sm_cli_fail (error);

  if (method != SM_HOTSPOT_SCAN)
    {
      json_builder_set_member_name (b, "method");
      json_builder_add_string_value (b, sm_enum_to_nick (SM_TYPE_HOTSPOT_METHOD, method));
      json_builder_set_member_name (b, "hotspots");
      json_builder_begin_array (b);
    }
  if (!json && method != SM_HOTSPOT_SCAN)
    g_print ("%s\n", method == SM_HOTSPOT_RATE
             ? _("Hotspots (Getis-Ord Gi* on smoothed rates of cells, touching significant hot cells), largest first:")
             : _("Hotspots of density (Getis-Ord Gi* on counts, touching significant hot cells), largest first:"));
  for (guint i = 0; i < hotspots->len; i++)
    {
      SmHotspot *h = g_ptr_array_index (hotspots, i);
      g_autoptr(GString) needs = g_string_new (NULL);
      g_autofree char *count =
        sm_disclosure_format_count (disclosure, h->households,
                                    sm_disclosure_state_of (disclosure, h->households, -1));
      g_autofree char *earlier =
        h->has_earlier ? sm_disclosure_format_count (disclosure, h->earlier_households,
                                                     sm_disclosure_state_of (disclosure,
                                                                             h->earlier_households, -1))
                       : NULL;

      for (guint t = 0; t < G_N_ELEMENTS (h->top_categories) && h->top_categories[t] > 0; t++)
        {
          const SmCategory *c = sm_store_get_category (store, h->top_categories[t]);

          if (c != NULL)
            g_string_append_printf (needs, "%s%s", needs->len ? ", " : "",
                                    sm_localized_name (c->name_hu, c->name_en));
        }
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rank");
          json_builder_add_int_value (b, i + 1);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "area_km2");
          json_builder_add_double_value (b, round (h->area_km2 * 100) / 100);
          json_builder_set_member_name (b, "max_z");
          json_builder_add_double_value (b, round (h->max_z * 100) / 100);
          json_builder_set_member_name (b, "significance");
          json_builder_add_string_value (b, sm_significance_level (h->strongest));
          json_builder_set_member_name (b, "leading_needs");
          json_builder_add_string_value (b, needs->str);
          json_builder_set_member_name (b, "bbox");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, h->west);
          json_builder_add_double_value (b, h->south);
          json_builder_add_double_value (b, h->east);
          json_builder_add_double_value (b, h->north);
          json_builder_end_array (b);
          if (earlier != NULL)
            {
              json_builder_set_member_name (b, "households_before");
              json_builder_add_string_value (b, earlier);
            }
          json_builder_end_object (b);
        }
      else
        {
          g_print (_("%2u. %s households, %.2f km², z up to %.1f (p < %s); %s"),
                   i + 1, count, h->area_km2, h->max_z,
                   sm_significance_level (h->strongest), needs->str);
          if (earlier != NULL)
            g_print (_("; %s before"), earlier);
          g_print ("\n");
        }
    }
  if (method != SM_HOTSPOT_SCAN)
    json_builder_end_array (b);
  json_builder_set_member_name (b, "settlement_parts");
  json_builder_begin_array (b);
  if (!json)
    g_print ("\n%s\n", _("Households per 1,000 residents by settlement part (empirical-Bayes smoothed):"));
  /* The parts add up to the filter's households. */
  part_cells = g_new0 (SmDisclosureCell, MAX (rates->len, 1));
  for (guint i = 0; i < rates->len; i++)
    {
      part_cells[i].households = ((SmPartRate *) g_ptr_array_index (rates, i))->households;
      part_cells[i].persons = part_cells[i].needs = -1;
    }
  sm_disclosure_protect (disclosure, part_cells, rates->len);
  for (guint i = 0; i < rates->len; i++)
    {
      SmPartRate *r = g_ptr_array_index (rates, i);
      g_autofree char *count = sm_disclosure_format_count (disclosure, r->households,
                                                           part_cells[i].state);
      gboolean hidden = part_cells[i].state != SM_DISCLOSURE_SHOWN;

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "settlement_part");
          json_builder_add_string_value (b, r->name);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "population");
          json_builder_add_int_value (b, r->population);
          json_builder_set_member_name (b, "rate_per_1000");
          if (hidden || isnan (r->rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (r->rate * 10) / 10);
          json_builder_set_member_name (b, "eb_rate_per_1000");
          if (isnan (r->eb_rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (r->eb_rate * 10) / 10);
          json_builder_end_object (b);
        }
      else if (!isnan (r->eb_rate))
        {
          g_autofree char *raw = hidden ? g_strdup ("–") : g_strdup_printf ("%.1f", r->rate);

          g_print (_("  %-28s %6s households, %7lld residents, %6.1f smoothed (%s raw)\n"), r->name,
                   count, (long long) r->population, r->eb_rate, raw);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}


int
cmd_derive_parts (int    argc,
                  char **argv)
{
  GOptionEntry own[] = { { NULL } };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB SETTLEMENT — approximate areas for the settlement parts from their anchor points"));
  g_autoptr(SmStore) store = NULL;
  GError *error = NULL;
  guint n = 0;
  int status;

  g_option_context_set_summary (context,
    _("KSH lists settlement parts with populations but without outlines. This stores an area for\n"
      "each part with an anchor point: every point of the settlement goes to the part with the least\n"
      "distance to its anchor divided by the square root of its population, so populous parts reach\n"
      "further. The areas are approximate; they are stored as level settlement_part."));
  if ((status = sm_cli_parse (context, own, &argc, &argv, 2, "DB SETTLEMENT")) >= 0)
    return status;
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL || !sm_boundary_derive_parts (store, argv[2], &n, &error))
    return sm_cli_fail (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Derived %u settlement-part area of %s\n",
                        "Derived %u settlement-part areas of %s\n", n), n, argv[2]);
  return EXIT_OK;
}


int
cmd_areas (int    argc,
           char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *level = NULL, *weights_name = NULL, *correction_name = NULL, *format = NULL;
  double band = 1500;
  int permutations = SM_PERMUTATIONS_DEFAULT, seed = 1, k = 0;
  g_autoptr(SmDisclosure) disclosure = NULL;
  GOptionEntry own[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("Boundary level (default settlement_part; district, settlement, …)"), "LEVEL" },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &weights_name, N_("Neighbours: contiguity (default) or distance"), "W" },
    { "band", 0, 0, G_OPTION_ARG_DOUBLE, &band, N_("For distance weights: centres within this many metres (default 1500)"), "M" },
    { "permutations", 0, 0, G_OPTION_ARG_INT, &permutations, N_("Permutations for the pseudo p-values (default 999)"), "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Random seed; the same seed gives the same p-values"), "S" },
    { "correction", 0, 0, G_OPTION_ARG_STRING, &correction_name, N_("Multiple testing: none (default), fdr or bonferroni"), "C" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of areas with fewer than K persons (at least 5)"), "K" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — households, rates per resident and Gi* by area"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmAreaSet) set = NULL;
  g_autoptr(GArray) stats = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  SmAreaWeights weights = SM_AREA_CONTIGUITY;
  SmAreaOptions options = { 0 };
  gboolean json, on_rate = FALSE;
  GError *error = NULL;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  json = format != NULL && g_str_equal (format, "json");
  if (format != NULL && !json && !g_str_equal (format, "text"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  if (!sm_disclosure_check_k (k, &error))
    return sm_cli_fail (error);
  disclosure = sm_disclosure_new (k);
  if (permutations < 0 || permutations > 99999 || band <= 0)
    return sm_cli_usage_error (_("--permutations must be 0 to 99999 and --band above 0"));
  if (weights_name != NULL && g_str_equal (weights_name, "distance"))
    weights = SM_AREA_DISTANCE;
  else if (weights_name != NULL && !g_str_equal (weights_name, "contiguity"))
    return sm_cli_usage_error (_("unknown weights “%s”; use contiguity or distance"), weights_name);
  options = (SmAreaOptions) { permutations, (guint32) seed, SM_CORRECTION_NONE, (guint) k };
  if (!sm_cli_parse_correction (correction_name, &options.correction, &error))
    return sm_cli_fail (error);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;
  set = sm_area_set_load (store, level ? level : "settlement_part", weights, band, &error);
  if (set == NULL)
    return sm_cli_fail (error);
  if (sm_area_set_get_size (set) == 0)
    {
      g_set_error (&error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("There are no areas of level “%s”; import them with import-boundaries --level"),
                   level ? level : "settlement_part");
      return sm_cli_fail (error);
    }
  stats = sm_area_stats (set, store, filter, &options, &on_rate, &error);
  if (stats == NULL)
    return sm_cli_fail (error);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "gi_on");
  json_builder_add_string_value (b, on_rate ? "eb_rate" : "households");
  json_builder_set_member_name (b, "areas");
  json_builder_begin_array (b);
  if (!json)
    g_print ("%s\n", on_rate ? _("Areas; Gi* on the smoothed rate per 1,000 residents:")
                             : _("Areas; Gi* on the number of households:"));
  for (guint i = 0; i < stats->len; i++)
    {
      const SmAreaStat *st = &g_array_index (stats, SmAreaStat, i);
      g_autofree char *count = sm_disclosure_format_count (disclosure, st->households, st->disclosure);
      const SmCategory *c = st->top_category > 0 ? sm_store_get_category (store, st->top_category) : NULL;
      const char *significance = sm_significance_level (st->gi.klass);
      guint n_neighbours;

      sm_area_set_get_neighbours (set, i, &n_neighbours);
      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, st->name);
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "population");
          if (st->population >= 0)
            json_builder_add_int_value (b, st->population);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "rate_per_1000");
          if (st->small || isnan (st->rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->rate * 10) / 10);
          json_builder_set_member_name (b, "eb_rate_per_1000");
          if (isnan (st->eb_rate))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->eb_rate * 10) / 10);
          json_builder_set_member_name (b, "neighbours");
          json_builder_add_int_value (b, n_neighbours);
          json_builder_set_member_name (b, "z");
          if (isnan (st->gi.z))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (st->gi.z * 100) / 100);
          json_builder_set_member_name (b, "p");
          json_builder_add_double_value (b, st->gi.p);
          json_builder_set_member_name (b, "class");
          json_builder_add_int_value (b, st->gi.klass);
          json_builder_set_member_name (b, "leading_need");
          json_builder_add_string_value (b, c ? (sm_localized_name (c->name_hu, c->name_en)) : "");
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *rate = st->small || isnan (st->rate) ? g_strdup ("–")
                                                                : g_strdup_printf ("%.1f", st->rate);
          g_autofree char *eb = isnan (st->eb_rate) ? g_strdup ("–") : g_strdup_printf ("%.1f", st->eb_rate);
          g_autofree char *name = sm_cli_padded (st->name, 26);
          g_autofree char *gi = NULL;

          if (isnan (st->gi.z) && on_rate && st->population <= 0)
            gi = g_strdup (_("no population, left out of Gi*"));
          else if (isnan (st->gi.z))
            gi = g_strdup (_("z not defined"));
          else if (significance != NULL)
            gi = g_strdup_printf (_("z %.2f, %s at p < %s"), st->gi.z,
                                  st->gi.klass > 0 ? _("hot spot") : _("cold spot"), significance);
          else
            gi = g_strdup_printf (_("z %.2f, not significant"), st->gi.z);
          g_print (_("  %s %5s households, %6s raw, %6s smoothed per 1,000; %s\n"),
                   name, count, rate, eb, gi);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);
      g_print ("%s\n", text);
    }
  return EXIT_OK;
}
