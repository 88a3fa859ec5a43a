#pragma once

#include <glib.h>

#include "sm-store.h"
#include "sm-store-surveys.h"

G_BEGIN_DECLS

/* A satisfaction questionnaire as the coordination office writes it: a
 * name and up to SM_QUESTIONNAIRE_MAX_QUESTIONS questions (1–5 scales,
 * yes/no, free text). Once a questionnaire has responses its questions
 * stay (their kind and order are what the answers mean); only their
 * wording and its name may be mended. The standard questionnaire is kept
 * as seeded, so that every town's results compare. */

#define SM_QUESTIONNAIRE_MAX_QUESTIONS 30

gboolean  sm_question_parse        (const char   *text,
                                    SmQuestion   *out,
                                    GError      **error);
gint64    sm_questionnaire_save    (SmStore      *store,
                                    gint64        id,
                                    const char   *name,
                                    GPtrArray    *questions,
                                    GError      **error);
gboolean  sm_questionnaire_remove  (SmStore      *store,
                                    gint64        id,
                                    GError      **error);

G_END_DECLS
