#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sm-cli.h"
#include "sm-excess.h"

/* The clusters of excess (Kulldorff's scan) as text or in @b: the need,
 * its cases against those the population explains, the relative risk and
 * the p-value. A count under k is hidden, and so is the relative risk that
 * would give it away. */
gboolean
sm_cli_print_excess (SmStore                *store,
                     SmFilter               *filter,
                     const SmExcessOptions  *options,
                     SmDisclosure           *disclosure,
                     JsonBuilder            *b,
                     gboolean                json,
                     GError                **error)
{
  g_autoptr(GPtrArray) found = sm_find_excess (store, filter, options, NULL, error);
  int replications = options->replications > 0 ? options->replications : SM_PERMUTATIONS_DEFAULT;

  if (found == NULL)
    return FALSE;
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, "scan");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, options->model == SM_SCAN_POISSON ? "poisson" : "bernoulli");
  json_builder_set_member_name (b, "hotspots");
  json_builder_begin_array (b);
  if (!json)
    {
      g_print ("%s\n", options->model == SM_SCAN_POISSON
               ? _("Where needs are more frequent than the residents explain (Kulldorff's scan, Poisson), "
                   "highest relative risk first:")
               : _("Where needs are more frequent than the households explain (Kulldorff's scan, "
                   "Bernoulli), highest relative risk first:"));
      g_print (_("  (%d replications; p corrected for the number of needs scanned, by Holm)\n"), replications);
      if (found->len == 0)
        g_print ("%s\n", _("  none: no need is significantly more frequent anywhere"));
    }
  for (guint i = 0; i < found->len; i++)
    {
      const SmExcess *e = g_ptr_array_index (found, i);
      const SmCategory *c = sm_store_get_category (store, e->category);
      const char *need = c ? sm_localized_name (c->name_hu, c->name_en) : "";
      SmDisclosureState state = sm_disclosure_state_of (disclosure, e->cases, -1);
      g_autofree char *count = sm_disclosure_format_count (disclosure, e->cases, state);
      gboolean shown = state == SM_DISCLOSURE_SHOWN;

      if (json)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "rank");
          json_builder_add_int_value (b, i + 1);
          json_builder_set_member_name (b, "need");
          json_builder_add_string_value (b, c ? c->code : "");
          json_builder_set_member_name (b, "households");
          json_builder_add_string_value (b, count);
          json_builder_set_member_name (b, "expected");
          json_builder_add_double_value (b, round (e->expected * 10) / 10);
          json_builder_set_member_name (b, "relative_risk");
          if (shown && isfinite (e->relative_risk))
            json_builder_add_double_value (b, round (e->relative_risk * 100) / 100);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "p");
          json_builder_add_double_value (b, e->p);
          json_builder_set_member_name (b, "radius_m");
          json_builder_add_double_value (b, round (e->radius_m));
          json_builder_set_member_name (b, "settlement_part");
          json_builder_add_string_value (b, e->settlement_part ? e->settlement_part : "");
          json_builder_set_member_name (b, "bbox");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, e->west);
          json_builder_add_double_value (b, e->south);
          json_builder_add_double_value (b, e->east);
          json_builder_add_double_value (b, e->north);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *rr = shown && isfinite (e->relative_risk)
                                  ? g_strdup_printf ("%.1f", e->relative_risk) : g_strdup ("–");

          g_print (_("%2u. %s: %s households where %.1f were expected (relative risk %s, p = %.3f), "
                     "%.0f m across; %s\n"),
                   i + 1, need, count, e->expected, rr, e->p, 2 * e->radius_m + (options->cell_m > 0 ? options->cell_m : 250),
                   e->settlement_part ? e->settlement_part : "");
        }
    }
  json_builder_end_array (b);
  return TRUE;
}
