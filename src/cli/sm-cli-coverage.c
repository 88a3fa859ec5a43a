#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"
#include "sm-coverage.h"
#include "sm-query.h"

/* social-map-cli coverage: where needs meet no service, by settlement part
 * and need category under the disclosure rule; or, for caseworkers, each
 * household's need with the nearest matching service. */

static const char *
status_name (SmCoverageStatus status)
{
  switch (status)
    {
    case SM_COVERAGE_COVERED:
      return _("covered");
    case SM_COVERAGE_FULL:
      return _("services in reach are full");
    case SM_COVERAGE_OUT_OF_REACH:
      return _("no service's catchment");
    case SM_COVERAGE_NO_SERVICE:
    default:
      return _("no service");
    }
}

static char *
category_name (GPtrArray *categories,
               gint64     id,
               gboolean   code)
{
  for (guint i = 0; i < categories->len; i++)
    {
      const SmCategory *c = g_ptr_array_index (categories, i);

      if (c->id == id)
        return g_strdup (code ? c->code : sm_localized_name (c->name_hu, c->name_en));
    }
  return g_strdup_printf ("%lld", (long long) id);
}

static void
add_count (JsonBuilder       *b,
           SmDisclosure      *disclosure,
           const char        *name,
           gint64             count,
           SmDisclosureState  state)
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

static int
print_households (GArray    *needs,
                  GPtrArray *categories,
                  gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  if (!json)
    g_print ("%s\n", _("household\tneed\tcoverage\tnearest service\tdistance (m, straight line)"));
  for (guint i = 0; i < needs->len; i++)
    {
      const SmCoverageNeed *n = &g_array_index (needs, SmCoverageNeed, i);
      g_autofree char *code = category_name (categories, n->category, TRUE);

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "household");
          json_builder_add_int_value (b, n->household_id);
          json_builder_set_member_name (b, "need");
          json_builder_add_string_value (b, code);
          json_builder_set_member_name (b, "coverage");
          json_builder_add_string_value (b, sm_enum_to_nick (SM_TYPE_COVERAGE_STATUS, n->status));
          json_builder_set_member_name (b, "nearest_service");
          json_builder_add_int_value (b, n->nearest_service);
          json_builder_set_member_name (b, "distance_m");
          if (n->nearest_m >= 0)
            json_builder_add_double_value (b, round (n->nearest_m));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      else if (n->nearest_m >= 0)
        g_print ("%lld\t%s\t%s\t%lld\t%.0f\n", (long long) n->household_id, code,
                 sm_enum_to_nick (SM_TYPE_COVERAGE_STATUS, n->status), (long long) n->nearest_service, n->nearest_m);
      else
        g_print ("%lld\t%s\t%s\t\t\n", (long long) n->household_id, code,
                 sm_enum_to_nick (SM_TYPE_COVERAGE_STATUS, n->status));
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  return EXIT_OK;
}

int
cmd_coverage (int    argc,
              char **argv)
{
  g_auto(SmCliFilterArgs) args = { 0 };
  g_autofree char *format = NULL;
  gboolean households = FALSE;
  int k = 0;
  GOptionEntry own[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text or json"), "FORMAT" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_("Hide counts of fewer than K households (at least 5)"), "K" },
    { "households", 0, 0, G_OPTION_ARG_NONE, &households,
      N_("Each household's need with its nearest service (case data, for caseworkers)"), NULL },
    { NULL }
  };
  g_autoptr(GArray) entries = sm_cli_with_filter_entries (&args, own);
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("DB — open needs and the services in reach, by settlement part"));
  g_autoptr(SmStore) store = NULL;
  g_autoptr(SmFilter) filter = sm_filter_new ();
  g_autoptr(SmDisclosure) disclosure = NULL;
  g_autoptr(SmCoverageSources) sources = NULL;
  g_autoptr(GArray) hits = NULL, needs = NULL;
  g_autoptr(GPtrArray) rows = NULL, categories = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  gboolean json;
  int status;

  if ((status = sm_cli_parse (context, (GOptionEntry *) entries->data, &argc, &argv, 1, "DB")) >= 0)
    return status;
  if (format != NULL && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    return sm_cli_usage_error (_("unknown format “%s”; use text or json"), format);
  json = format != NULL && g_str_equal (format, "json");
  if (!sm_disclosure_check_k (k, &error))
    return sm_cli_fail (error);
  disclosure = sm_disclosure_new (k);
  store = sm_cli_open_existing (argv[1], &error);
  if (store == NULL)
    return sm_cli_fail (error);
  if ((status = sm_cli_apply_filter_args (&args, store, filter)) >= 0)
    return status;
  sm_filter_set_status (filter, SM_NEED_OPEN);
  if ((hits = sm_store_query (store, filter, &error)) == NULL ||
      (sources = sm_coverage_sources_load (store, &error)) == NULL)
    return sm_cli_fail (error);
  needs = sm_coverage_assess (sources, hits);
  categories = sm_store_list_categories (store);
  if (households)
    return print_households (needs, categories, json);
  if ((rows = sm_coverage_by_part (store, hits, needs, disclosure, &error)) == NULL)
    return sm_cli_fail (error);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "k");
  json_builder_add_int_value (b, sm_disclosure_get_k (disclosure));
  json_builder_set_member_name (b, "services");
  json_builder_add_int_value (b, sm_coverage_sources_get_n_services (sources));
  json_builder_set_member_name (b, "distance");
  json_builder_add_string_value (b, "straight line");
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  if (!json)
    g_print (_("Open needs and the services that answer them (%u active services; distances in a straight "
               "line)\n"), sm_coverage_sources_get_n_services (sources));
  for (guint i = 0; i < rows->len; i++)
    {
      const SmCoverageRow *row = g_ptr_array_index (rows, i);
      g_autofree char *name = category_name (categories, row->category, FALSE);
      g_autofree char *code = category_name (categories, row->category, TRUE);
      g_autofree char *n = sm_disclosure_format_count (disclosure, row->needs, row->needs_state);
      g_autofree char *nc = sm_disclosure_format_count (disclosure, row->not_covered, row->not_covered_state);

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (b, code);
          json_builder_set_member_name (b, "settlement_part");
          if (row->settlement_part)
            json_builder_add_string_value (b, row->settlement_part);
          else
            json_builder_add_null_value (b);
          add_count (b, disclosure, "needs", row->needs, row->needs_state);
          add_count (b, disclosure, "not_covered", row->not_covered, row->not_covered_state);
          if (row->settlement_part == NULL)
            for (int s = 0; s < SM_COVERAGE_N_STATUSES; s++)
              add_count (b, disclosure, sm_enum_to_nick (SM_TYPE_COVERAGE_STATUS, s), row->by_status[s],
                         sm_disclosure_state_of (disclosure, row->by_status[s], -1));
          json_builder_end_object (b);
        }
      else if (row->settlement_part == NULL)
        {
          g_print ("\n%s: %s %s, %s %s\n", name, n, _("households with the need"), nc, _("not covered"));
          for (int s = SM_COVERAGE_FULL; s < SM_COVERAGE_N_STATUSES; s++)
            {
              g_autofree char *c = sm_disclosure_format_count (disclosure, row->by_status[s],
                                                               sm_disclosure_state_of (disclosure,
                                                                                       row->by_status[s], -1));

              g_print ("    %-32s %8s\n", status_name (s), c);
            }
        }
      else
        {
          g_autofree char *part = sm_cli_padded (row->settlement_part, 30);

          g_print ("  %s %8s %8s\n", part, n, nc);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  if (json)
    {
      g_autofree char *text = sm_cli_print_json (b);

      g_print ("%s\n", text);
    }
  else
    g_print ("\n%s\n", _("Per part: households with the need, and those not covered. Counts of fewer than k "
                         "households are shown as <k; x hides a count that would give a small one away."));
  return EXIT_OK;
}
