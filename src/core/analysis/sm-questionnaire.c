#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-address.h"
#include "sm-error.h"
#include "sm-questionnaire.h"
#include "sm-text.h"

/**
 * sm_question_parse:
 * @text: "scale: …", "yes_no: …" or "text: …" (also "1-5", "igen/nem",
 *   "szöveg"), as the command line takes a question
 * @out: (out caller-allocates): its kind, and its text (to be freed)
 */
gboolean
sm_question_parse (const char  *text,
                   SmQuestion  *out,
                   GError     **error)
{
  static const struct { const char *word; SmQuestionKind kind; } kinds[] = {
    { "scale", SM_QUESTION_SCALE }, { "1-5", SM_QUESTION_SCALE }, { "skala", SM_QUESTION_SCALE },
    { "yes_no", SM_QUESTION_YES_NO }, { "yes/no", SM_QUESTION_YES_NO }, { "igen/nem", SM_QUESTION_YES_NO },
    { "text", SM_QUESTION_TEXT }, { "szoveg", SM_QUESTION_TEXT },
  };
  const char *colon = strchr (text, ':');
  g_autofree char *word = NULL, *folded = NULL;

  memset (out, 0, sizeof *out);
  if (colon != NULL)
    {
      word = g_strstrip (g_strndup (text, colon - text));
      folded = sm_text_fold (word);
      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          g_autofree char *kind = sm_text_fold (kinds[i].word);

          if (!g_str_equal (folded, kind))
            continue;
          out->kind = kinds[i].kind;
          out->text = g_strstrip (g_strdup (colon + 1));
          return TRUE;
        }
    }
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("“%s” is no question: write scale:, yes_no: or text: before its words"), text);
  return FALSE;
}

/* The same questions, kind for kind in the same order. */
static gboolean
same_questions (GPtrArray *had,
                GPtrArray *questions)
{
  if (had->len != questions->len)
    return FALSE;
  for (guint i = 0; i < had->len; i++)
    if (((SmQuestion *) had->pdata[i])->kind != ((SmQuestion *) questions->pdata[i])->kind)
      return FALSE;
  return TRUE;
}

/**
 * sm_questionnaire_save:
 * @id: the questionnaire; 0: a new one
 * @questions: (element-type SmQuestion): in order, their kind and text
 *
 * Saves a questionnaire as one action, or writes nothing and says why: a
 * blank name or question, none or too many questions, the standard
 * questionnaire, or a change to the questions of one with responses.
 *
 * Returns: its id, or 0 with @error
 */
gint64
sm_questionnaire_save (SmStore     *store,
                       gint64       id,
                       const char  *name,
                       GPtrArray   *questions,
                       GError     **error)
{
  g_autoptr(GPtrArray) had = NULL;
  gint64 responses = 0;

  if (sm_text_is_blank (name))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A questionnaire needs a name"));
      return 0;
    }
  if (questions == NULL || questions->len == 0 || questions->len > SM_QUESTIONNAIRE_MAX_QUESTIONS)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("A questionnaire has 1 to %d questions"),
                   SM_QUESTIONNAIRE_MAX_QUESTIONS);
      return 0;
    }
  for (guint i = 0; i < questions->len; i++)
    if (sm_text_is_blank (((SmQuestion *) questions->pdata[i])->text))
      {
        g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Question %u has no words"), i + 1);
        return 0;
      }
  if (id != 0)
    {
      g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, error);
      gboolean found = FALSE;

      if (list == NULL)
        return 0;
      for (guint i = 0; i < list->len; i++)
        {
          const SmQuestionnaire *q = list->pdata[i];

          if (q->id != id)
            continue;
          found = TRUE;
          if (q->standard)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                           _("The standard questionnaire stays as it is, so that results compare; "
                             "make a new one from it"));
              return 0;
            }
        }
      if (!found)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("There is no questionnaire %lld"), (long long) id);
          return 0;
        }
      if ((had = sm_store_list_questions (store, id, error)) == NULL ||
          (responses = sm_store_count_responses (store, id, error)) < 0)
        return 0;
      if (responses > 0 && !same_questions (had, questions))
        {
          g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The questionnaire has %lld response: its questions may be reworded, "
                                    "not added, removed, moved or changed in kind",
                                    "The questionnaire has %lld responses: its questions may be reworded, "
                                    "not added, removed, moved or changed in kind", (unsigned long) responses),
                       (long long) responses);
          return 0;
        }
    }
  {
    g_autofree char *clean = g_strstrip (g_strdup (name));

    return sm_store_write_questionnaire (store, id, clean, questions, responses > 0, error);
  }
}

/**
 * sm_questionnaire_remove:
 *
 * Removes a questionnaire without responses; the standard one and one
 * with responses are kept and the error says why.
 */
gboolean
sm_questionnaire_remove (SmStore  *store,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(GPtrArray) list = sm_store_list_questionnaires (store, error);
  gint64 responses;

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    if (((SmQuestionnaire *) list->pdata[i])->id == id && ((SmQuestionnaire *) list->pdata[i])->standard)
      {
        g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT, _("The standard questionnaire is kept"));
        return FALSE;
      }
  if ((responses = sm_store_count_responses (store, id, error)) < 0)
    return FALSE;
  if (responses > 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_CONSTRAINT,
                   g_dngettext (GETTEXT_PACKAGE, "The questionnaire has %lld response and is kept",
                                "The questionnaire has %lld responses and is kept", (unsigned long) responses),
                   (long long) responses);
      return FALSE;
    }
  return sm_store_remove_questionnaire (store, id, error);
}
