#pragma once

/* What the commands of social-map-cli share: option parsing, opening the
 * database, errors and exit status, the filter options, running a job with
 * progress, and output helpers. Each group of commands has its file:
 *   sm-cli-data.c      init, demo, import, import-boundaries, import-osm,
 *                      render-tile, geocode, export
 *   sm-cli-analysis.c  stats, query, density, hotspots, areas, derive-parts
 * and main.c the table of commands. */

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>
#include <json-glib/json-glib.h>

#include "sm-basemap.h"
#include "sm-area-stats.h"
#include "sm-boundary.h"
#include "sm-date.h"
#include "sm-demo.h"
#include "sm-disclosure.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-excess.h"
#include "sm-export.h"
#include "sm-geocoder.h"
#include "sm-hotspot.h"
#include "sm-import.h"
#include "sm-number.h"
#include "sm-jobs.h"
#include "sm-query.h"
#include "sm-stats.h"
#include "sm-store.h"
#include "sm-text.h"
#include "sm-tile-renderer.h"

G_BEGIN_DECLS

/* Exit status: 0 success, 1 the user's error, 2 ours. */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_INTERNAL = 2 };

/* A job of sm-jobs.h run to its end; Ctrl+C cancels it. */
typedef struct {
  GMainLoop    *loop;
  GAsyncResult *result;
  GCancellable *cancellable;
  gboolean      said_waiting;
} SmCliJob;

/* The filter options query and export share: what the map's filter holds. */
typedef struct {
  char     *bbox;
  char     *at;
  char     *since;
  char     *need_status;
  char     *settlement_part;
  char    **categories;
  char    **age_groups;
  gboolean  lives_alone;
  gboolean  alarm;
  gboolean  no_alarm;
  int       severity;
} SmCliFilterArgs;

int sm_cli_fail (GError *error);
gboolean sm_cli_text_is_valid (const char  *text,
                               GError     **error);
gboolean sm_cli_texts_valid (const char * const *texts,
                             guint               n,
                             GError            **error);
gboolean sm_cli_parse_id (const char *text,
                          gint64     *id);
int sm_cli_usage_error (const char *format,
                        ...) G_GNUC_PRINTF (1, 2);
int sm_cli_parse (GOptionContext       *context,
                  const GOptionEntry   *entries,
                  int                  *argc,
                  char               ***argv,
                  int                   n_positional,
                  const char           *names);
SmStore *sm_cli_open (const char  *path,
                      GError     **error);
SmStore *sm_cli_open_existing (const char  *path,
                               GError     **error);
void sm_cli_print_progress (double   fraction,
                            gpointer user_data);
void sm_cli_show_progress (double   fraction,
                           gpointer user_data);
void sm_cli_job_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      data);
void sm_cli_job_init (SmCliJob *job);
void sm_cli_job_wait (SmCliJob *job);
void sm_cli_job_clear (SmCliJob *job);
gboolean sm_cli_parse_int (const char  *text,
                           const char  *what,
                           int         *out,
                           GError     **error);
gboolean sm_cli_parse_day_option (const char  *text,
                                  GDate       *storage,
                                  GDate      **out,
                                  GError     **error);
char *sm_cli_print_json (JsonBuilder *b);
char *sm_cli_csv_quote (const char *text);
void sm_cli_filter_args_clear (SmCliFilterArgs *a);
GArray *sm_cli_with_filter_entries (SmCliFilterArgs    *a,
                                    const GOptionEntry *entries);
int sm_cli_apply_filter_args (const SmCliFilterArgs *a,
                              SmStore               *store,
                              SmFilter              *filter);
gboolean sm_cli_print_excess (SmStore                *store,
                              SmFilter               *filter,
                              const SmExcessOptions  *options,
                              SmDisclosure           *disclosure,
                              JsonBuilder            *b,
                              gboolean                json,
                              GError                **error);
gboolean sm_cli_parse_weight (const char     *text,
                              SmPointWeight  *out,
                              GError        **error);
gboolean sm_cli_parse_correction (const char    *text,
                                  SmCorrection  *out,
                                  GError       **error);
char *sm_cli_padded (const char *text,
                     int         width);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmCliJob, sm_cli_job_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SmCliFilterArgs, sm_cli_filter_args_clear)

/* The commands */
int cmd_signal (int    argc,
                char **argv);
int cmd_case (int    argc,
              char **argv);
int cmd_intervention (int    argc,
                      char **argv);
int cmd_conference (int    argc,
                    char **argv);
int cmd_survey (int    argc,
                char **argv);
int cmd_coverage (int    argc,
                  char **argv);
int cmd_referral (int    argc,
                  char **argv);
int cmd_calendar (int    argc,
                  char **argv);
int cmd_service (int    argc,
                 char **argv);
int cmd_roundtable (int    argc,
                    char **argv);
int cmd_report (int    argc,
                char **argv);
int cmd_init (int    argc,
              char **argv);
int cmd_demo (int    argc,
              char **argv);
int cmd_import_boundaries (int    argc,
                           char **argv);
int cmd_import_osm (int    argc,
                    char **argv);
int cmd_render_tile (int    argc,
                     char **argv);
int cmd_geocode (int    argc,
                 char **argv);
int cmd_import (int    argc,
                char **argv);
int cmd_export (int    argc,
                char **argv);
int cmd_stats (int    argc,
               char **argv);
int cmd_query (int    argc,
               char **argv);
int cmd_density (int    argc,
                 char **argv);
int cmd_hotspots (int    argc,
                  char **argv);
int cmd_derive_parts (int    argc,
                      char **argv);
int cmd_areas (int    argc,
               char **argv);

G_END_DECLS
