#pragma once

#include <gtk/gtk.h>

#include "sm-context.h"

G_BEGIN_DECLS

/* The Roundtable page's forms: a new action of the programme, a meeting
 * with its participants, opinions and decisions, a new version of the
 * cooperation programme, and an agreement to it. Each saves through core
 * as one action and calls @done with the error, if any. */

typedef void (*SmRoundtableDone) (gpointer     user_data,
                                  const GError *error);

void sm_roundtable_new_action_dialog  (GtkWidget        *parent,
                                       SmContext        *context,
                                       SmRoundtableDone  done,
                                       gpointer          user_data);
void sm_roundtable_new_meeting_dialog (GtkWidget        *parent,
                                       SmContext        *context,
                                       SmRoundtableDone  done,
                                       gpointer          user_data);
void sm_roundtable_new_version_dialog (GtkWidget        *parent,
                                       SmContext        *context,
                                       SmRoundtableDone  done,
                                       gpointer          user_data);
void sm_roundtable_agree_dialog       (GtkWidget        *parent,
                                       SmContext        *context,
                                       SmRoundtableDone  done,
                                       gpointer          user_data);

/* What the meeting and version forms read: a text of lines, for the
 * tests and the command line's users alike. */
gboolean sm_roundtable_parse_sections (const char       *text,
                                       GPtrArray        *sections,
                                       GError          **error);

G_END_DECLS
