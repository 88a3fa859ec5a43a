#define G_LOG_DOMAIN "social-map-cli"

#include "config.h"

#include "sm-cli.h"

int
sm_cli_fail (GError *error)
{
  int status = sm_error_is_user_error (error) ? EXIT_USER : EXIT_INTERNAL;

  g_printerr ("social-map-cli: %s\n", error->message);
  g_error_free (error);
  return status;
}


int
sm_cli_usage_error (const char *format,
                    ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("social-map-cli: %s\n", msg);
  return EXIT_USER;
}


/* Parses options; leaves the positional arguments in argv. Returns -1 when
 * the caller may go on, else the exit status. */
/* Text from outside (the command line, standard input) must be UTF-8. */
gboolean
sm_cli_text_is_valid (const char  *text,
                      GError     **error)
{
  g_autofree char *shown = NULL;

  if (g_utf8_validate (text, -1, NULL))
    return TRUE;
  shown = g_utf8_make_valid (text, -1);
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is not valid UTF-8 text; save the file or set the terminal to UTF-8"),
               shown);
  return FALSE;
}

/* The texts given (%NULL ones skipped) are all UTF-8. */
gboolean
sm_cli_texts_valid (const char * const *texts,
                    guint               n,
                    GError            **error)
{
  for (guint i = 0; i < n; i++)
    if (texts[i] != NULL && !sm_cli_text_is_valid (texts[i], error))
      return FALSE;
  return TRUE;
}

/* A record's number as written: a whole number above zero. */
gboolean
sm_cli_parse_id (const char *text,
                 gint64     *id)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end != '\0' || v <= 0)
    return FALSE;
  *id = v;
  return TRUE;
}

int
sm_cli_parse (GOptionContext     *context,
              const GOptionEntry *entries,
              int                *argc,
              char             ***argv,
              int                 n_positional,
              const char         *names)
{
  g_autoptr(GError) error = NULL;

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    return sm_cli_usage_error ("%s", error->message);
  if (n_positional >= 0 ? *argc - 1 != n_positional : *argc - 1 < -n_positional)
    return sm_cli_usage_error (_("expected %s; see --help"), names);
  for (int i = 1; i < *argc; i++)
    if (!sm_cli_text_is_valid ((*argv)[i], &error))
      return sm_cli_fail (g_steal_pointer (&error));
  return -1;
}


static void
waiting_cb (SmStore *store)
{
  g_printerr (_("Waiting for another program that is writing to “%s”…\n"),
              sm_store_get_path (store));
}


/* A store that says on stderr, once, when it waits for another writer. */
SmStore *
sm_cli_open (const char  *path,
             GError     **error)
{
  SmStore *store = sm_store_open (path, error);

  if (store != NULL)
    g_signal_connect (store, "waiting", G_CALLBACK (waiting_cb), NULL);
  return store;
}


SmStore *
sm_cli_open_existing (const char  *path,
                      GError     **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist; create it with “init” or “demo”"), path);
      return NULL;
    }
  return sm_cli_open (path, error);
}


void
sm_cli_print_progress (double   fraction,
                       gpointer user_data)
{
  g_printerr ("\r%s %3d %%", (const char *) user_data, (int) (fraction * 100));
}


void
sm_cli_show_progress (double   fraction,
                      gpointer user_data)
{
  gboolean *said_waiting = user_data;

  if (fraction == SM_PROGRESS_WAITING)
    {
      if (!*said_waiting)
        g_printerr (_("Waiting for another program that is writing to the database…\n"));
      *said_waiting = TRUE;
    }
  else if (isatty (STDERR_FILENO))
    g_printerr ("\r%3d %%", (int) (fraction * 100));
}


void
sm_cli_job_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  SmCliJob *job = data;

  job->result = g_object_ref (result);
  g_main_loop_quit (job->loop);
}


static gboolean
interrupt_cb (gpointer data)
{
  SmCliJob *job = data;

  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_CONTINUE;
}


void
sm_cli_job_init (SmCliJob *job)
{
  job->loop = g_main_loop_new (NULL, FALSE);
  job->cancellable = g_cancellable_new ();
}


void
sm_cli_job_wait (SmCliJob *job)
{
  guint interrupt = g_unix_signal_add (SIGINT, interrupt_cb, job);

  g_main_loop_run (job->loop);
  g_source_remove (interrupt);
  if (isatty (STDERR_FILENO))
    g_printerr ("\r");
}


void
sm_cli_job_clear (SmCliJob *job)
{
  g_clear_object (&job->result);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->loop, g_main_loop_unref);
}


gboolean
sm_cli_parse_int (const char  *text,
                  const char  *what,
                  int         *out,
                  GError     **error)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT, &value, NULL))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("%s must be a whole number of at least 0, not “%s”"), what, text);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}


/* An optional --at: NULL when absent, so the core takes today. */
gboolean
sm_cli_parse_day_option (const char   *text,
                         GDate        *storage,
                         GDate       **out,
                         GError      **error)
{
  *out = NULL;
  if (text == NULL)
    return TRUE;
  if (!sm_date_parse_iso (text, storage, error))
    return FALSE;
  *out = storage;
  return TRUE;
}


char *
sm_cli_print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  g_autofree char *text = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  if (!g_utf8_validate (text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (text, -1);

      g_free (text);
      text = valid;
    }
  return sm_json_escape_controls (text);
}


char *
sm_cli_csv_quote (const char *text)
{
  g_autoptr(GString) s = NULL;
  g_autofree char *printable = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* No escape sequences for the terminal, no formulas for the spreadsheet
   * (a leading apostrophe keeps the text as text). */
  text = printable = sm_text_printable (text);
  if (sm_text_is_formula (text))
    {
      g_autofree char *quoted = g_strconcat ("'", text, NULL);

      return sm_cli_csv_quote (quoted);
    }
  if (strpbrk (text, ",\"\n\r") == NULL)
    return g_strdup (text);
  s = g_string_new ("\"");
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
  return g_string_free (g_steal_pointer (&s), FALSE);
}


void
sm_cli_filter_args_clear (SmCliFilterArgs *a)
{
  g_free (a->bbox);
  g_free (a->at);
  g_free (a->since);
  g_free (a->need_status);
  g_free (a->settlement_part);
  g_strfreev (a->categories);
  g_strfreev (a->age_groups);
}


/* @entries: the command's own, ending with { NULL } */
GArray *
sm_cli_with_filter_entries (SmCliFilterArgs         *a,
                            const GOptionEntry *entries)
{
  const GOptionEntry filter_entries[] = {
    { "bbox", 'b', 0, G_OPTION_ARG_STRING, &a->bbox, N_("Only inside west,south,east,north (degrees)"), "W,S,E,N" },
    { "category", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &a->categories, N_("Only needs of this category (code or name); may be repeated"), "C" },
    { "severity", 0, 0, G_OPTION_ARG_INT, &a->severity, N_("Only needs at least this severe (1–3)"), "N" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &a->at, N_("Needs open on this day (default: today)"), "DATE" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &a->since, N_("Only needs assessed on or after this day (the time slider's window)"), "DATE" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &a->need_status, N_("Needs open on the day, resolved by it, or any (default: open)"), "open|resolved|any" },
    { "age-group", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a->age_groups, N_("Only households with a person of this age on the day; may be repeated"), "child|adult|elderly" },
    { "lives-alone", 0, 0, G_OPTION_ARG_NONE, &a->lives_alone, N_("Only households with an elderly person assessed as living alone"), NULL },
    { "alarm-device", 0, 0, G_OPTION_ARG_NONE, &a->alarm, N_("Only households with an elderly person who has an alarm device"), NULL },
    { "no-alarm-device", 0, 0, G_OPTION_ARG_NONE, &a->no_alarm, N_("Only households with an elderly person who has no alarm device"), NULL },
    { "settlement-part", 0, 0, G_OPTION_ARG_STRING, &a->settlement_part, N_("Only households in this settlement part"), "NAME" },
  };
  GArray *all = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));

  a->severity = 1;
  g_array_append_vals (all, filter_entries, G_N_ELEMENTS (filter_entries));
  for (guint i = 0; entries[i].long_name != NULL; i++)
    g_array_append_val (all, entries[i]);
  return all;
}


/* Sets @filter from the options, or says what is wrong. Returns -1 or the
 * exit status. */
int
sm_cli_apply_filter_args (const SmCliFilterArgs *a,
                          SmStore          *store,
                          SmFilter         *filter)
{
  SmAgeGroups groups = 0;
  GError *error = NULL;
  GDate day, *as_of;

  if (a->severity < 1 || a->severity > 3)
    return sm_cli_usage_error (_("--severity must be 1, 2 or 3, not %d"), a->severity);
  if (a->alarm && a->no_alarm)
    return sm_cli_usage_error (_("--alarm-device and --no-alarm-device exclude each other"));
  if (!sm_cli_parse_day_option (a->at, &day, &as_of, &error) ||
      (a->bbox != NULL && !sm_filter_parse_bbox (filter, a->bbox, &error)) ||
      (a->need_status != NULL && !sm_filter_parse_status (filter, a->need_status, &error)))
    return sm_cli_fail (error);
  for (guint i = 0; a->age_groups != NULL && a->age_groups[i] != NULL; i++)
    {
      SmAgeGroups group;

      if (!sm_filter_parse_age_group (a->age_groups[i], &group, &error))
        return sm_cli_fail (error);
      groups |= group;
    }
  for (guint i = 0; a->categories != NULL && a->categories[i] != NULL; i++)
    {
      gint64 id = sm_store_lookup_category (store, a->categories[i], &error);

      if (id == 0)
        return sm_cli_fail (error);
      sm_filter_add_category (filter, id);
    }
  sm_filter_set_age_groups (filter, groups);
  sm_filter_set_elderly_flags (filter, (a->lives_alone ? SM_ELDERLY_LIVES_ALONE : 0) |
                                       (a->alarm ? SM_ELDERLY_ALARM_DEVICE : 0) |
                                       (a->no_alarm ? SM_ELDERLY_NO_ALARM : 0));
  sm_filter_set_settlement_part (filter, a->settlement_part);
  sm_filter_set_min_severity (filter, a->severity);
  sm_filter_set_as_of (filter, as_of);
  if (a->since != NULL)
    {
      GDate since;

      if (!sm_date_parse_any (a->since, &since, &error))
        return sm_cli_fail (error);
      sm_filter_set_since (filter, &since);
    }
  return -1;
}


gboolean
sm_cli_parse_weight (const char     *text,
                     SmPointWeight  *out,
                     GError        **error)
{
  int value = SM_WEIGHT_NONE;

  if (text == NULL || sm_enum_parse (SM_TYPE_POINT_WEIGHT, text, &value))
    *out = (SmPointWeight) value;
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a weight; use none, severity or persons"), text);
      return FALSE;
    }
  return TRUE;
}


gboolean
sm_cli_parse_correction (const char    *text,
                         SmCorrection  *out,
                         GError       **error)
{
  int value = SM_CORRECTION_NONE;

  if (text == NULL || sm_enum_parse (SM_TYPE_CORRECTION, text, &value))
    *out = (SmCorrection) value;
  else
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a correction; use none, fdr or bonferroni"), text);
      return FALSE;
    }
  return TRUE;
}


/* @text followed by spaces to @width characters (not bytes). */
char *
sm_cli_padded (const char *text,
               int         width)
{
  GString *out = g_string_new (text);
  long length = g_utf8_strlen (text, -1);

  for (long i = length; i < width; i++)
    g_string_append_c (out, ' ');
  return g_string_free (out, FALSE);
}
