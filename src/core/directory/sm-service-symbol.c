#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-service-symbol.h"

typedef struct {
  const char      *code;
  SmServiceSymbol  symbol;
} TypeSymbol;

/* The Szt. and Gyvt. service types of the seeded taxonomy. */
static const TypeSymbol type_symbols[] = {
  { "csaladsegites", SM_SERVICE_SYMBOL_FAMILY },
  { "csaladsegites_kozpont", SM_SERVICE_SYMBOL_FAMILY },
  { "adossagkezeles", SM_SERVICE_SYMBOL_FAMILY },
  { "bolcsode", SM_SERVICE_SYMBOL_CHILDREN },
  { "mini_bolcsode", SM_SERVICE_SYMBOL_CHILDREN },
  { "csaladi_bolcsode", SM_SERVICE_SYMBOL_CHILDREN },
  { "munkahelyi_bolcsode", SM_SERVICE_SYMBOL_CHILDREN },
  { "napkozbeni_gyermekfelugyelet", SM_SERVICE_SYMBOL_CHILDREN },
  { "alternativ_napkozbeni_ellatas", SM_SERVICE_SYMBOL_CHILDREN },
  { "biztos_kezdet_gyerekhaz", SM_SERVICE_SYMBOL_CHILDREN },
  { "helyettes_szulo", SM_SERVICE_SYMBOL_CHILDREN },
  { "gyermekek_atmeneti_otthona", SM_SERVICE_SYMBOL_CHILDREN },
  { "csaladok_atmeneti_otthona", SM_SERVICE_SYMBOL_CHILDREN },
  { "falugondnoki", SM_SERVICE_SYMBOL_ELDERLY },
  { "tanyagondnoki", SM_SERVICE_SYMBOL_ELDERLY },
  { "etkeztetes", SM_SERVICE_SYMBOL_ELDERLY },
  { "hazi_segitsegnyujtas", SM_SERVICE_SYMBOL_ELDERLY },
  { "jelzorendszeres_hazi_segitsegnyujtas", SM_SERVICE_SYMBOL_ELDERLY },
  { "nappali_ellatas_idosek", SM_SERVICE_SYMBOL_ELDERLY },
  { "idosek_otthona", SM_SERVICE_SYMBOL_ELDERLY },
  { "idoskoruak_atmeneti_otthona", SM_SERVICE_SYMBOL_ELDERLY },
  { "gondozohaz", SM_SERVICE_SYMBOL_ELDERLY },
  { "tamogato_szolgaltatas", SM_SERVICE_SYMBOL_DISABILITY },
  { "nappali_ellatas_fogyatekos", SM_SERVICE_SYMBOL_DISABILITY },
  { "fogyatekos_otthon", SM_SERVICE_SYMBOL_DISABILITY },
  { "tamogatott_lakhatas", SM_SERVICE_SYMBOL_DISABILITY },
  { "lakootthon", SM_SERVICE_SYMBOL_DISABILITY },
  { "rehabilitacios_intezmeny", SM_SERVICE_SYMBOL_DISABILITY },
  { "kozossegi_ellatas_pszichiatriai", SM_SERVICE_SYMBOL_MENTAL },
  { "kozossegi_ellatas_szenvedelybeteg", SM_SERVICE_SYMBOL_MENTAL },
  { "nappali_ellatas_pszichiatriai", SM_SERVICE_SYMBOL_MENTAL },
  { "nappali_ellatas_szenvedelybeteg", SM_SERVICE_SYMBOL_MENTAL },
  { "pszichiatriai_otthon", SM_SERVICE_SYMBOL_MENTAL },
  { "szenvedelybeteg_otthon", SM_SERVICE_SYMBOL_MENTAL },
  { "utcai_szocialis_munka", SM_SERVICE_SYMBOL_HOMELESS },
  { "nappali_ellatas_hajlektalan", SM_SERVICE_SYMBOL_HOMELESS },
  { "hajlektalan_otthon", SM_SERVICE_SYMBOL_HOMELESS },
  { "ejjeli_menedekhely", SM_SERVICE_SYMBOL_HOMELESS },
  { "hajlektalanok_atmeneti_szallasa", SM_SERVICE_SYMBOL_HOMELESS },
};

/**
 * sm_service_symbol_for_type:
 * @service_type: (nullable): a service type's code
 */
SmServiceSymbol
sm_service_symbol_for_type (const char *service_type)
{
  for (guint i = 0; service_type != NULL && i < G_N_ELEMENTS (type_symbols); i++)
    if (g_str_equal (type_symbols[i].code, service_type))
      return type_symbols[i].symbol;
  return SM_SERVICE_SYMBOL_OTHER;
}

/**
 * sm_service_symbol_for_place:
 * @service_types: (nullable): the codes of the types offered at a place,
 *   separated by commas
 * @n_services: how many services are offered there
 *
 * One service has its type's symbol; several have the group's, however
 * alike they are, so that no service hides under another.
 */
SmServiceSymbol
sm_service_symbol_for_place (const char *service_types,
                             guint       n_services)
{
  g_auto(GStrv) codes = NULL;

  if (n_services > 1)
    return SM_SERVICE_SYMBOL_GROUP;
  codes = g_strsplit (service_types != NULL ? service_types : "", ",", 2);
  return sm_service_symbol_for_type (codes[0]);
}

/**
 * sm_service_symbol_name:
 *
 * Returns: what the symbol stands for, for a legend
 */
const char *
sm_service_symbol_name (SmServiceSymbol symbol)
{
  switch (symbol)
    {
    case SM_SERVICE_SYMBOL_FAMILY:
      return _("Family and child welfare");
    case SM_SERVICE_SYMBOL_CHILDREN:
      return _("Children's day care and homes");
    case SM_SERVICE_SYMBOL_ELDERLY:
      return _("Care of the elderly");
    case SM_SERVICE_SYMBOL_DISABILITY:
      return _("People with disabilities");
    case SM_SERVICE_SYMBOL_MENTAL:
      return _("Psychiatric and addiction care");
    case SM_SERVICE_SYMBOL_HOMELESS:
      return _("Homeless people");
    case SM_SERVICE_SYMBOL_GROUP:
      return _("Several services at one place");
    case SM_SERVICE_SYMBOL_OTHER:
    default:
      return _("Other service");
    }
}
