#define G_LOG_DOMAIN "sm-roundtable-dialogs"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "sm-date.h"
#include "sm-error.h"
#include "sm-programme.h"
#include "sm-roundtable-dialogs.h"
#include "sm-store-roundtable.h"
#include "sm-store-places.h"
#include "sm-store-services.h"

typedef struct {
  SmContext        *context;
  SmRoundtableDone  done;
  gpointer          user_data;
  GtkWidget        *dialog;
  GHashTable       *fields;      /* name → GtkWidget */
  GHashTable       *ids;         /* name → GArray of gint64, a choice's ids after "None" */
  GPtrArray        *organizations;
} Form;

static void
form_free (Form *f)
{
  g_object_unref (f->context);
  g_hash_table_unref (f->fields);
  g_hash_table_unref (f->ids);
  g_clear_pointer (&f->organizations, g_ptr_array_unref);
  g_free (f);
}

static const char *
entry_text (Form       *f,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (g_hash_table_lookup (f->fields, name)));
}

static char *
view_text (Form       *f,
           const char *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_hash_table_lookup (f->fields, name));
  GtkTextIter a, b;

  gtk_text_buffer_get_bounds (buffer, &a, &b);
  return gtk_text_buffer_get_text (buffer, &a, &b, FALSE);
}

static void
finish (Form         *f,
        const GError *error)
{
  if (f->done != NULL)
    f->done (f->user_data, error);
}

static GtkWidget *
add_entry (Form       *f,
           GtkBox     *box,
           const char *name,
           const char *label,
           const char *text)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *entry = gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), entry);
  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_box_append (box, l);
  gtk_box_append (box, entry);
  g_hash_table_insert (f->fields, (gpointer) name, entry);
  return entry;
}

static GtkWidget *
add_view (Form       *f,
          GtkBox     *box,
          const char *name,
          const char *label,
          const char *hint,
          int         height)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), height);
  gtk_widget_add_css_class (scroll, "card");
  gtk_box_append (box, l);
  if (hint != NULL)
    {
      GtkWidget *h = gtk_label_new (hint);

      gtk_label_set_xalign (GTK_LABEL (h), 0);
      gtk_label_set_wrap (GTK_LABEL (h), TRUE);
      gtk_widget_add_css_class (h, "dim-label");
      gtk_widget_add_css_class (h, "caption");
      gtk_box_append (box, h);
    }
  gtk_box_append (box, scroll);
  g_hash_table_insert (f->fields, (gpointer) name, view);
  return view;
}

static GtkWidget *
add_organizations (Form       *f,
                   GtkBox     *box,
                   const char *name,
                   const char *label)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *drop;

  gtk_string_list_append (names, _("None"));
  for (guint i = 0; f->organizations != NULL && i < f->organizations->len; i++)
    gtk_string_list_append (names, ((SmOrganization *) g_ptr_array_index (f->organizations, i))->name);
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), drop);
  gtk_box_append (box, l);
  gtk_box_append (box, drop);
  g_hash_table_insert (f->fields, (gpointer) name, drop);
  return drop;
}

/* A drop-down of @names (the first "None") standing for @ids. */
static void
add_choice (Form         *f,
            GtkBox       *box,
            const char   *name,
            const char   *label,
            GtkStringList *names,
            GArray       *ids)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (names), NULL);

  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop), TRUE);
  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), drop);
  gtk_box_append (box, l);
  gtk_box_append (box, drop);
  g_hash_table_insert (f->fields, (gpointer) name, drop);
  g_hash_table_insert (f->ids, (gpointer) name, ids);
}

static gint64
chosen_id (Form       *f,
           const char *name)
{
  guint i = gtk_drop_down_get_selected (g_hash_table_lookup (f->fields, name));
  GArray *ids = g_hash_table_lookup (f->ids, name);

  return i == 0 || i == GTK_INVALID_LIST_POSITION || i > ids->len ? 0 : g_array_index (ids, gint64, i - 1);
}

static gint64
chosen_organization (Form       *f,
                     const char *name)
{
  guint i = gtk_drop_down_get_selected (g_hash_table_lookup (f->fields, name));

  return i == 0 || i == GTK_INVALID_LIST_POSITION || f->organizations == NULL || i > f->organizations->len
         ? 0 : ((SmOrganization *) g_ptr_array_index (f->organizations, i - 1))->id;
}

/* An organization by its name as the user wrote it, or 0. */
static gint64
organization_named (Form       *f,
                    const char *name)
{
  for (guint i = 0; f->organizations != NULL && i < f->organizations->len; i++)
    {
      SmOrganization *o = g_ptr_array_index (f->organizations, i);

      if (g_utf8_collate (o->name, name) == 0)
        return o->id;
    }
  return 0;
}

static gboolean
iso_day (const char  *text,
         char       **out)
{
  GDate d;

  if (!sm_date_parse_any (text, &d, NULL))
    return FALSE;
  *out = sm_date_to_iso (&d);
  return TRUE;
}

/* Save is possible once every field @required names holds text and every
 * field of @days a date. */
static void
check_cb (GtkEditable *editable,
          Form        *f)
{
  const char * const *required = g_object_get_data (G_OBJECT (f->dialog), "required");
  const char * const *days = g_object_get_data (G_OBJECT (f->dialog), "days");
  gboolean ok = TRUE;

  for (guint i = 0; required != NULL && required[i] != NULL; i++)
    {
      g_autofree char *t = g_strstrip (g_strdup (entry_text (f, required[i])));

      ok = ok && *t != '\0';
    }
  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    {
      g_autofree char *iso = NULL;
      const char *t = entry_text (f, days[i]);
      gboolean good = *t == '\0' || iso_day (t, &iso);

      if (good)
        gtk_widget_remove_css_class (g_hash_table_lookup (f->fields, days[i]), "error");
      else
        gtk_widget_add_css_class (g_hash_table_lookup (f->fields, days[i]), "error");
      ok = ok && good;
    }
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (f->dialog), "save", ok);
}

static Form *
form_new (GtkWidget        *parent,
          SmContext        *context,
          const char       *heading,
          const char       *body,
          SmRoundtableDone  done,
          gpointer          user_data,
          GtkBox          **box)
{
  Form *f = g_new0 (Form, 1);
  GtkRoot *root = gtk_widget_get_root (parent);

  f->context = g_object_ref (context);
  f->done = done;
  f->user_data = user_data;
  f->fields = g_hash_table_new (g_str_hash, g_str_equal);
  f->ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  f->organizations = sm_store_list_organizations (sm_context_get_store (context), NULL);
  f->dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (f->dialog), "cancel", _("_Cancel"), "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (f->dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (f->dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (f->dialog), "cancel");
  *box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  gtk_widget_set_size_request (GTK_WIDGET (*box), 420, -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (f->dialog), GTK_WIDGET (*box));
  g_object_set_data_full (G_OBJECT (f->dialog), "form", f, (GDestroyNotify) form_free);
  return f;
}

static void
form_show (Form               *f,
           const char * const *required,
           const char * const *days,
           GCallback           response)
{
  g_object_set_data (G_OBJECT (f->dialog), "required", (gpointer) required);
  g_object_set_data (G_OBJECT (f->dialog), "days", (gpointer) days);
  for (guint i = 0; required != NULL && required[i] != NULL; i++)
    g_signal_connect (g_hash_table_lookup (f->fields, required[i]), "changed", G_CALLBACK (check_cb), f);
  for (guint i = 0; days != NULL && days[i] != NULL; i++)
    g_signal_connect (g_hash_table_lookup (f->fields, days[i]), "changed", G_CALLBACK (check_cb), f);
  check_cb (NULL, f);
  g_signal_connect (f->dialog, "response", response, f);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

/* --- an action ---------------------------------------------------------- */

static void
action_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Form             *f)
{
  g_autoptr(SmActionRecord) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  if (!g_str_equal (response, "save"))
    return;
  a = sm_action_record_new ();
  a->title = g_strstrip (g_strdup (entry_text (f, "title")));
  a->owner_id = chosen_organization (f, "owner");
  a->goal_id = chosen_id (f, "goal");
  if (*entry_text (f, "due") != '\0')
    iso_day (entry_text (f, "due"), &a->due_on);
  /* What it is about: a need, an area. */
  {
    static const struct { const char *field; SmActionLinkKind kind; } about[] = {
      { "need", SM_ACTION_LINK_CATEGORY }, { "area", SM_ACTION_LINK_AREA },
    };

    for (guint i = 0; i < G_N_ELEMENTS (about); i++)
      {
        gint64 id = chosen_id (f, about[i].field);
        SmActionLink *link;

        if (id == 0)
          continue;
        link = g_new0 (SmActionLink, 1);
        link->kind = about[i].kind;
        link->ref_id = id;
        g_ptr_array_add (a->links, link);
      }
  }
  if (sm_programme_add_action (sm_context_get_store (f->context), a, &error) == 0)
    {
      finish (f, error);
      return;
    }
  note = g_strstrip (g_strdup (entry_text (f, "note")));
  if (*note != '\0')
    sm_programme_update_action (sm_context_get_store (f->context), a->id, NULL, NULL, NULL, note, &error);
  finish (f, error);
}

void
sm_roundtable_new_action_dialog (GtkWidget        *parent,
                                 SmContext        *context,
                                 SmRoundtableDone  done,
                                 gpointer          user_data)
{
  static const char * const required[] = { "title", NULL }, * const days[] = { "due", NULL };
  GtkBox *box;
  Form *f = form_new (parent, context, _("New Action"),
                      _("An action of the cooperation programme: what is to be done, who answers for it and by "
                        "when."), done, user_data, &box);

  SmStore *store = sm_context_get_store (context);
  g_autoptr(GPtrArray) goals = sm_store_list_goals (store, NULL);
  g_autoptr(GPtrArray) categories = sm_store_list_categories (store);
  g_autoptr(GPtrArray) parts = sm_store_list_boundary_records (store, "settlement_part", NULL, NULL);
  GtkStringList *names;
  GArray *ids;

  add_entry (f, box, "title", _("_What is to be done"), NULL);
  add_organizations (f, box, "owner", _("_Responsible organization"));
  names = gtk_string_list_new (NULL), ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; goals != NULL && i < goals->len; i++)
    {
      SmGoalRecord *g = g_ptr_array_index (goals, i);

      gtk_string_list_append (names, g->title);
      g_array_append_val (ids, g->id);
    }
  add_choice (f, box, "goal", _("The _goal it serves"), names, ids);
  names = gtk_string_list_new (NULL), ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; i < categories->len; i++)
    {
      SmCategory *c = g_ptr_array_index (categories, i);

      gtk_string_list_append (names, sm_localized_name (c->name_hu, c->name_en));
      g_array_append_val (ids, c->id);
    }
  add_choice (f, box, "need", _("The _need it is about"), names, ids);
  names = gtk_string_list_new (NULL), ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, _("None"));
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      SmBoundaryRecord *b = g_ptr_array_index (parts, i);

      gtk_string_list_append (names, b->name);
      g_array_append_val (ids, b->id);
    }
  add_choice (f, box, "area", _("The settlement _part it is about"), names, ids);
  add_entry (f, box, "due", _("_Due (for example 2027. 03. 31.)"), NULL);
  add_entry (f, box, "note", _("_Note"), NULL);
  form_show (f, required, days, G_CALLBACK (action_response_cb));
}

/* --- a meeting ---------------------------------------------------------- */

static char **
lines_of (const char *text)
{
  g_auto(GStrv) raw = g_strsplit (text ? text : "", "\n", -1);
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; raw[i] != NULL; i++)
    {
      g_strstrip (raw[i]);
      if (*raw[i] != '\0')
        g_strv_builder_add (out, raw[i]);
    }
  return g_strv_builder_end (out);
}

static void
meeting_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Form             *f)
{
  g_autoptr(SmMeetingRecord) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL, *opinions = NULL, *decisions = NULL;
  g_auto(GStrv) who_lines = NULL, opinion_lines = NULL, decision_lines = NULL;

  if (!g_str_equal (response, "save"))
    return;
  m = sm_meeting_record_new ();
  iso_day (entry_text (f, "day"), &m->held_on);
  m->title = g_strstrip (g_strdup (entry_text (f, "title")));
  m->place = g_strdup (entry_text (f, "place"));
  m->agenda = view_text (f, "agenda");
  m->minutes = view_text (f, "minutes");
  who = view_text (f, "participants");
  opinions = view_text (f, "opinions");
  decisions = view_text (f, "decisions");
  who_lines = lines_of (who);
  opinion_lines = lines_of (opinions);
  decision_lines = lines_of (decisions);
  /* "Organization or name — role" per line. */
  for (guint i = 0; who_lines[i] != NULL; i++)
    {
      SmParticipantRecord *p = g_new0 (SmParticipantRecord, 1);
      char *dash = strstr (who_lines[i], " — ");
      g_autofree char *name = NULL;

      if (dash == NULL)
        dash = strstr (who_lines[i], " - ");
      name = g_strstrip (dash ? g_strndup (who_lines[i], dash - who_lines[i]) : g_strdup (who_lines[i]));
      p->role = dash ? g_strstrip (g_strdup (dash + (dash[1] == '-' ? 3 : strlen (" — ")))) : NULL;
      p->organization_id = organization_named (f, name);
      if (p->organization_id == 0)
        p->person = g_steal_pointer (&name);
      g_ptr_array_add (m->participants, p);
    }
  /* "Topic: opinion" per line, anonymous. */
  for (guint i = 0; opinion_lines[i] != NULL; i++)
    {
      SmOpinionRecord *o = g_new0 (SmOpinionRecord, 1);
      char *colon = strchr (opinion_lines[i], ':');

      o->participant = -1;
      o->topic = g_strstrip (colon ? g_strndup (opinion_lines[i], colon - opinion_lines[i]) : g_strdup (_("General")));
      o->text = g_strstrip (g_strdup (colon ? colon + 1 : opinion_lines[i]));
      g_ptr_array_add (m->opinions, o);
    }
  for (guint i = 0; decision_lines[i] != NULL; i++)
    {
      SmMeetingDecision *d = g_new0 (SmMeetingDecision, 1);

      d->text = g_strdup (decision_lines[i]);
      g_ptr_array_add (m->decisions, d);
    }
  sm_store_save_meeting (sm_context_get_store (f->context), m, &error);
  finish (f, error);
}

void
sm_roundtable_new_meeting_dialog (GtkWidget        *parent,
                                  SmContext        *context,
                                  SmRoundtableDone  done,
                                  gpointer          user_data)
{
  static const char * const required[] = { "title", "day", NULL }, * const days[] = { "day", NULL };
  g_autofree char *today = sm_date_today_iso ();
  GtkBox *box;
  Form *f = form_new (parent, context, _("New Meeting"),
                      _("A meeting of the roundtable. Name no client: opinions are recorded without a name."),
                      done, user_data, &box);

  add_entry (f, box, "day", _("_Day"), today);
  add_entry (f, box, "title", _("_Title"), NULL);
  add_entry (f, box, "place", _("_Place"), NULL);
  add_view (f, box, "agenda", _("_Agenda"), NULL, 50);
  add_view (f, box, "participants", _("P_articipants"),
            _("One per line: an organization's name or a person, then “ — ” and the role"), 60);
  add_view (f, box, "opinions", _("_Opinions"), _("One per line: “topic: opinion”"), 60);
  add_view (f, box, "decisions", _("De_cisions"), _("One per line"), 50);
  add_view (f, box, "minutes", _("_Minutes"), NULL, 50);
  form_show (f, required, days, G_CALLBACK (meeting_response_cb));
}

/* --- the programme ------------------------------------------------------ */

/**
 * sm_roundtable_parse_sections:
 * @sections: (element-type SmProgrammeSection): filled
 *
 * A programme's text: a line starting with "#" begins a section with its
 * title, the lines after it are its text.
 */
gboolean
sm_roundtable_parse_sections (const char  *text,
                              GPtrArray   *sections,
                              GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);
  SmProgrammeSection *current = NULL;
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];

      if (line[0] == '#')
        {
          if (current != NULL)
            current->body = g_strstrip (g_strdup (body->str));
          g_string_truncate (body, 0);
          current = g_new0 (SmProgrammeSection, 1);
          current->title = g_strstrip (g_strdup (line + strspn (line, "# ")));
          g_ptr_array_add (sections, current);
        }
      else if (current != NULL)
        g_string_append_printf (body, "%s\n", line);
      else if (*g_strstrip (line) != '\0')
        {
          g_set_error_literal (error, SM_ERROR, SM_ERROR_INVALID,
                               _("Begin each section with a line “# Title”"));
          return FALSE;
        }
    }
  if (current != NULL)
    current->body = g_strstrip (g_strdup (body->str));
  return TRUE;
}

static void
version_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Form             *f)
{
  g_autoptr(SmProgrammeVersion) v = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_str_equal (response, "save"))
    return;
  v = sm_programme_version_new ();
  text = view_text (f, "text");
  v->made_on = sm_date_today_iso ();
  v->note = g_strdup (entry_text (f, "note"));
  if (sm_roundtable_parse_sections (text, v->sections, &error))
    sm_store_add_programme_version (sm_context_get_store (f->context), v, &error);
  finish (f, error);
}

void
sm_roundtable_new_version_dialog (GtkWidget        *parent,
                                  SmContext        *context,
                                  SmRoundtableDone  done,
                                  gpointer          user_data)
{
  g_autoptr(SmProgrammeVersion) latest = sm_store_get_programme_version (sm_context_get_store (context), 0, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  GtkBox *box;
  GtkWidget *view;
  Form *f = form_new (parent, context, _("New Version of the Programme"),
                      _("The cooperation programme's text. The earlier versions and who agreed to them are kept."),
                      done, user_data, &box);

  for (guint i = 0; latest != NULL && i < latest->sections->len; i++)
    {
      SmProgrammeSection *s = g_ptr_array_index (latest->sections, i);

      g_string_append_printf (text, "# %s\n%s\n\n", s->title, s->body);
    }
  if (text->len == 0)
    g_string_append (text, _("# Principles\n\n# Goals\n\n# How we work\n"));
  view = add_view (f, box, "text", _("_Text"), _("A line “# Title” begins each section"), 240);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text->str, -1);
  add_entry (f, box, "note", _("What this version _changes"), NULL);
  form_show (f, NULL, NULL, G_CALLBACK (version_response_cb));
}

static void
agree_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   Form             *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SmProgrammeVersion) latest = NULL;
  g_autofree char *day = NULL, *person = NULL;
  gint64 org;

  if (!g_str_equal (response, "save"))
    return;
  latest = sm_store_get_programme_version (sm_context_get_store (f->context), 0, &error);
  if (latest == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, SM_ERROR, SM_ERROR_INVALID, _("The roundtable has no written cooperation "
                                                                  "programme yet."));
      finish (f, error);
      return;
    }
  iso_day (entry_text (f, "day"), &day);
  org = chosen_organization (f, "organization");
  person = g_strstrip (g_strdup (entry_text (f, "person")));
  sm_store_agree_programme (sm_context_get_store (f->context), latest->number, org, org ? NULL : person, day,
                            &error);
  finish (f, error);
}

void
sm_roundtable_agree_dialog (GtkWidget        *parent,
                            SmContext        *context,
                            SmRoundtableDone  done,
                            gpointer          user_data)
{
  static const char * const required[] = { "day", NULL }, * const days[] = { "day", NULL };
  g_autofree char *today = sm_date_today_iso ();
  GtkBox *box;
  Form *f = form_new (parent, context, _("Agreement to the Programme"),
                      _("Who agreed to the latest version of the cooperation programme, and when."),
                      done, user_data, &box);

  add_organizations (f, box, "organization", _("_Organization"));
  add_entry (f, box, "person", _("Or a _member in person"), NULL);
  add_entry (f, box, "day", _("_Day"), today);
  form_show (f, required, days, G_CALLBACK (agree_response_cb));
}
