#define G_LOG_DOMAIN "sm-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sm-address.h"
#include "sm-case-draft.h"
#include "sm-date.h"
#include "sm-enum.h"
#include "sm-enums.h"
#include "sm-error.h"
#include "sm-import-private.h"
#include "sm-signal.h"
#include "sm-store-signals.h"

/* A row of a signal register: when it came, from whom, how, about what
 * and whom, how urgent. The household is found by its address among
 * those already recorded, or recorded and placed as a case's save places
 * it. Words are taken as offices write them, in Hungarian or English. */

static const struct {
  const char *value;
  const char *words;
} channel_words[] = {
  { "written", "written|irasban|irasos|level|jelzolap|form|letter" },
  { "email", "email|e mail|elektronikus|electronic" },
  { "phone", "phone|telefon|telefonon|tel" },
  { "in_person", "in person|in_person|szemelyesen|szemelyes|personal" },
}, urgency_words[] = {
  { "immediate", "immediate|azonnali|kozvetlen veszely|veszely|immediate danger" },
  { "urgent", "urgent|surgos" },
  { "normal", "normal|normál|altalanos|rendes|nem surgos" },
};

/* An urgency (or else a channel) as its nick, or NULL. */
const char *
_sm_import_signal_word (const char *text,
                        gboolean    urgency)
{
  g_autofree char *folded = sm_text_fold (text);
  guint n = urgency ? G_N_ELEMENTS (urgency_words) : G_N_ELEMENTS (channel_words);

  g_strdelimit (folded, "_-", ' ');
  for (guint i = 0; i < n; i++)
    {
      g_auto(GStrv) words = g_strsplit (urgency ? urgency_words[i].words : channel_words[i].words, "|", -1);

      if (g_strv_contains ((const char * const *) words, folded))
        return urgency ? urgency_words[i].value : channel_words[i].value;
    }
  return NULL;
}

/* "2025-03-01 14:30", "2025.03.01. 14:30", "2025-03-01T14:30:00" or a day
 * alone (the start of that day), as "YYYY-MM-DD HH:MM". */
char *
_sm_import_received_field (const char  *text,
                           GError     **error)
{
  g_autofree char *copy = g_strdup (text);
  char *split = strrchr (copy, 'T');
  int h = 0, m = 0;
  GDate day;
  g_autoptr(GError) local = NULL;

  if (split == NULL || !g_ascii_isdigit (split[1]))
    split = strrchr (copy, ' ');
  if (split != NULL && strchr (split, ':') != NULL)
    {
      int s = 0, n = sscanf (split + 1, "%d:%d:%d", &h, &m, &s);

      if (n < 2 || h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
        {
          g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("received: “%s” is not a time of day"), split + 1);
          return NULL;
        }
      *split = '\0';
    }
  if (!sm_date_parse_any (g_strstrip (copy), &day, &local))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, "%s: %s", _("received"), local->message);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&day), g_date_get_month (&day),
                          g_date_get_day (&day), h, m);
}

/* The member kind by its code or either of its names. */
static const char *
member_code (GPtrArray  *kinds,
             const char *text)
{
  g_autofree char *folded = sm_text_fold (text);

  for (guint i = 0; i < kinds->len; i++)
    {
      const SmMemberKindRecord *k = g_ptr_array_index (kinds, i);
      g_autofree char *hu = sm_text_fold (k->name_hu), *en = sm_text_fold (k->name_en);

      if (g_str_equal (k->code, text) || g_str_equal (hu, folded) || g_str_equal (en, folded))
        return k->code;
    }
  return NULL;
}

static gint64
household_for (SmStore        *store,
               SmImportSignals *state,
               SmGeocoder     *geocoder,
               const char     *address,
               gboolean        synthetic,
               SmImportReport *report,
               GError        **error)
{
  g_autofree char *key = sm_text_fold (address);
  g_autoptr(SmCaseDraft) draft = NULL;
  SmCaseSaveResult result = { 0 };
  gint64 *known;

  if (state->households == NULL)
    {
      g_autoptr(GHashTable) raw = sm_store_index_household_addresses (store, error);
      GHashTableIter iter;
      gpointer k, v;

      if (raw == NULL)
        return 0;
      state->households = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_iter_init (&iter, raw);
      while (g_hash_table_iter_next (&iter, &k, &v))
        {
          char *folded = sm_text_fold (k);

          if (g_hash_table_contains (state->households, folded))
            g_free (folded);
          else
            g_hash_table_insert (state->households, folded, g_memdup2 (v, sizeof (gint64)));
        }
    }
  known = g_hash_table_lookup (state->households, key);
  if (known != NULL)
    return *known;
  draft = sm_case_draft_new ();
  draft->household.address_raw = g_strdup (address);
  draft->household.synthetic = synthetic;
  if (!sm_case_draft_save (draft, store, geocoder, &result, error))
    return 0;
  report->n_households++;
  if (result.geocoded != SM_GEOCODE_NONE)
    report->n_geocoded++;
  g_hash_table_insert (state->households, g_steal_pointer (&key), g_memdup2 (&result.household_id, sizeof (gint64)));
  return result.household_id;
}

void
_sm_import_signals_clear (SmImportSignals *state)
{
  g_clear_pointer (&state->households, g_hash_table_unref);
  g_clear_pointer (&state->kinds, g_ptr_array_unref);
  g_clear_pointer (&state->categories, g_ptr_array_unref);
}

gboolean
_sm_import_store_signal_row (SmStore         *store,
                             const Layout    *layout,
                             OGRFeatureH      feature,
                             SmGeocoder      *geocoder,
                             SmImportSignals *state,
                             gboolean         synthetic,
                             SmImportReport  *report,
                             GError         **error)
{
  g_autofree char *received = _sm_import_value_of (layout, feature, "received_at");
  g_autofree char *kind = _sm_import_value_of (layout, feature, "member_kind");
  g_autofree char *organization = _sm_import_value_of (layout, feature, "organization");
  g_autofree char *signaller = _sm_import_value_of (layout, feature, "signaller");
  g_autofree char *channel = _sm_import_value_of (layout, feature, "channel");
  g_autofree char *urgency = _sm_import_value_of (layout, feature, "urgency");
  g_autofree char *about = _sm_import_value_of (layout, feature, "about");
  g_autofree char *needs_text = _sm_import_value_of (layout, feature, "need_category");
  g_autofree char *address = _sm_import_value_of (layout, feature, "address");
  g_autofree char *postal = _sm_import_value_of (layout, feature, "postal_code");
  g_autofree char *settlement = _sm_import_value_of (layout, feature, "settlement");
  g_autofree char *synthetic_text = _sm_import_value_of (layout, feature, "synthetic");
  g_autofree char *when = NULL;
  g_autoptr(GPtrArray) needs = g_ptr_array_new_with_free_func (g_free);
  SmSignalRecord r = { 0 };
  int urgency_value = SM_URGENCY_NORMAL;

  if (received == NULL || (when = _sm_import_received_field (received, error)) == NULL)
    {
      if (received == NULL)
        g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("no time of receipt"));
      return FALSE;
    }
  if (about == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("nothing says what the signal is about"));
      return FALSE;
    }
  if (state->kinds == NULL && (state->kinds = sm_store_list_member_kinds (store, error)) == NULL)
    return FALSE;
  r.member_kind = kind != NULL ? (char *) member_code (state->kinds, kind) : NULL;
  if (kind != NULL && r.member_kind == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a member of the signalling system"), kind);
      return FALSE;
    }
  r.channel = channel != NULL ? (char *) _sm_import_signal_word (channel, FALSE) : (char *) "written";
  if (r.channel == NULL)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not a way of signalling; use written, email, phone or in person"), channel);
      return FALSE;
    }
  if (urgency != NULL && !sm_enum_parse (SM_TYPE_SIGNAL_URGENCY, _sm_import_signal_word (urgency, TRUE), &urgency_value))
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
                   _("“%s” is not an urgency; use immediate, urgent or normal"), urgency);
      return FALSE;
    }
  if (needs_text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (needs_text, ";,|", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          const char *part = g_strstrip (parts[i]);
          gint64 id;
          const char *code = NULL;

          if (*part == '\0')
            continue;
          id = _sm_import_lookup_category (store, layout->categories, part);
          if (state->categories == NULL)
            state->categories = sm_store_list_categories (store);
          for (guint c = 0; id != 0 && state->categories != NULL && c < state->categories->len; c++)
            if (((SmCategory *) g_ptr_array_index (state->categories, c))->id == id)
              code = ((SmCategory *) g_ptr_array_index (state->categories, c))->code;
          if (code == NULL)
            {
              g_set_error (error, SM_ERROR, SM_ERROR_NOT_FOUND, _("“%s” is not a need category"), part);
              return FALSE;
            }
          g_ptr_array_add (needs, g_strdup (code));
        }
    }
  g_ptr_array_add (needs, NULL);
  r.synthetic = synthetic || (synthetic_text != NULL && strchr ("1yYiI", synthetic_text[0]) != NULL);
  if (address != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s%s%s%s%s", postal ? postal : "", postal ? " " : "",
                                               settlement ? settlement : "", settlement ? ", " : "", address);

      r.household_id = household_for (store, state, geocoder, full, r.synthetic, report, error);
      if (r.household_id == 0)
        return FALSE;
    }
  r.received_at = when;
  r.organization = organization;
  r.signaller = signaller;
  r.anonymous = signaller == NULL && organization == NULL && kind == NULL;
  r.about = about;
  r.urgency = urgency_value;
  r.needs = (char **) needs->pdata;
  if (sm_store_add_signal (store, &r, error) == 0)
    return FALSE;
  report->n_signals++;
  return TRUE;
}
