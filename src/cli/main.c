#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include <sys/stat.h>

#include "sm-cli.h"

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct {
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  run;
} Command;

static const Command commands[] = {
  { "init", "DB", N_("Create an empty database with the taxonomies"), cmd_init },
  { "demo", "DB [--cases N] [--seed S]", N_("Create the synthetic demo town (Tata)"), cmd_demo },
  { "import-boundaries", "DB FILE [--layer L]", N_("Import areas from any OGR vector format"),
    cmd_import_boundaries },
  { "import-osm", "DB FILE [--clip BOUNDARY]",
    N_("Import an OpenStreetMap extract as the offline basemap"), cmd_import_osm },
  { "render-tile", "DB Z X Y OUT.png", N_("Draw one basemap tile as PNG"), cmd_render_tile },
  { "import", "DB FILE [--map FIELD=COLUMN]…", N_("Import households or services from a table or GIS file"),
    cmd_import },
  { "export", "DB OUT [--kind cases|grid|parts] [--k K]",
    N_("Write what a filter shows; grid and parts hide small counts"), cmd_export },
  { "density", "DB OUT.tif [--bandwidth M]", N_("Kernel density of what a filter shows, as GeoTIFF"),
    cmd_density },
  { "areas", "DB [--level LEVEL] [--weights W]", N_("Households, rates and Gi* by area"), cmd_areas },
  { "derive-parts", "DB SETTLEMENT", N_("Approximate settlement-part areas from their anchors"),
    cmd_derive_parts },
  { "hotspots", "DB [--compare DATE]", N_("Significant hotspots and rates per settlement part"),
    cmd_hotspots },
  { "geocode", "DB [ADDRESS…]", N_("Find addresses offline; JSON, one line per address"),
    cmd_geocode },
  { "stats", "DB [--at DATE]", N_("Open needs by category, severity and settlement part"),
    cmd_stats },
  { "query", "DB [--bbox W,S,E,N] [--category C]… [--severity N] [--at DATE] [--format csv|json]",
    N_("The households the map shows for a filter"), cmd_query },
  { "signal", "add|list|assess|answer|reopen DB …",
    N_("Signals of the signalling system and the steps of their life"), cmd_signal },
  { "case", "open|move|review|list DB …", N_("A household's case file and its stages"), cmd_case },
  { "intervention", "add|list|kinds DB …", N_("Housing, administrative, guardianship and service measures"),
    cmd_intervention },
  { "conference", "add|list DB …", N_("Case conferences, what they discussed and decided"), cmd_conference },
  { "service", "list|needs|status|capacity|area|export|import DB …",
    N_("The service directory: services, which needs they answer, capacity"), cmd_service },
  { "coverage", "DB [--at DATE] [--category C]… [--households] [--format json]",
    N_("Where open needs meet no service, by settlement part"), cmd_coverage },
  { "referral", "send|accept|decline|start|complete|withdraw|list|show DB …",
    N_("Referrals to a service and their loop until it closes"), cmd_referral },
  { "survey", "questionnaires|questionnaire|questions|add|import|results DB …",
    N_("Client satisfaction: questionnaires entered or imported, and their results"), cmd_survey },
  { "calendar", "DB [--year Y] [--rest DAY|--work DAY|--remove DAY]",
    N_("The working days referrals are answered in"), cmd_calendar },
  { "roundtable", "meeting|meetings|programme|goal|action|actions|update|target|indicators DB …",
    N_("The social roundtable: meetings, the cooperation programme, its actions and indicators"), cmd_roundtable },
  { "report", "signals|roundtable|directory|timelapse DB …",
    N_("Reports: the signalling system's yearly review, the roundtable pack, the residents' directory"), cmd_report },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  social-map-cli %s\n\n%s\n", _("Usage:"), _("COMMAND [OPTION…]"),
           _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-18s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“social-map-cli COMMAND --help” describes a command."));
}

int
main (int    argc,
      char **argv)
{
  /* Nothing this program writes (databases, exports, reports) is for other
   * users to read. */
  umask (077);
  setlocale (LC_ALL, "");
  /* SOCIAL_MAP_LOCALEDIR: translations of an uninstalled build. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SOCIAL_MAP_LOCALEDIR") ? g_getenv ("SOCIAL_MAP_LOCALEDIR")
                                                                       : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USER;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("social-map-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("social-map-cli %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr ("social-map-cli: %s\n", _("unknown command; see “social-map-cli --help”"));
  return EXIT_USER;
}
