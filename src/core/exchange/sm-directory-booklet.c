#define G_LOG_DOMAIN "sm-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sm-date.h"
#include "sm-directory-booklet.h"
#include "sm-error.h"
#include "sm-geometry.h"
#include "sm-model.h"
#include "sm-opening-hours.h"
#include "sm-pack-map.h"
#include "sm-pdf.h"
#include "sm-query.h"
#include "sm-store-places.h"
#include "sm-store-services.h"

/* What a resident reads of one service at one place. */
typedef struct {
  gint64  service_id;
  char   *name;
  char   *organization;
  char   *type;             /* the type's code */
  char   *address;
  char   *hours;
  char   *phone;
  char   *email;
  char   *url;
  char   *who;              /* who can use it */
  char   *how;              /* how: fees, whom to ask */
  gboolean has_location;
  double  lat, lon;
} Entry;

typedef struct {
  char      *code;
  char      *title;
  char      *intro;
  GPtrArray *entries;       /* Entry, not owned */
} Section;

typedef struct {
  SmStore    *store;
  GPtrArray  *entries;      /* Entry */
  GPtrArray  *by_need;      /* Section */
  GPtrArray  *by_type;      /* Section */
  GPtrArray  *outlines;     /* SmShape */
  char       *town;
  char       *office;
  GDateTime  *created;
} Booklet;

static void
entry_free (Entry *e)
{
  g_free (e->name);
  g_free (e->organization);
  g_free (e->type);
  g_free (e->address);
  g_free (e->hours);
  g_free (e->phone);
  g_free (e->email);
  g_free (e->url);
  g_free (e->who);
  g_free (e->how);
  g_free (e);
}

static void
section_free (Section *s)
{
  g_free (s->code);
  g_free (s->title);
  g_free (s->intro);
  g_ptr_array_unref (s->entries);
  g_free (s);
}

static void
booklet_clear (Booklet *b)
{
  g_clear_pointer (&b->entries, g_ptr_array_unref);
  g_clear_pointer (&b->by_need, g_ptr_array_unref);
  g_clear_pointer (&b->by_type, g_ptr_array_unref);
  g_clear_pointer (&b->outlines, g_ptr_array_unref);
  g_free (b->town);
  g_free (b->office);
  g_clear_pointer (&b->created, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Booklet, booklet_clear)

static char *
who_can_use (const SmService *s)
{
  g_autoptr(GString) who = g_string_new (NULL);

  if (s->age_min >= 0 && s->age_max >= 0)
    g_string_append_printf (who, _("People aged %d to %d."), s->age_min, s->age_max);
  else if (s->age_min >= 0)
    g_string_append_printf (who, _("People aged %d or over."), s->age_min);
  else if (s->age_max >= 0)
    g_string_append_printf (who, _("Children and young people up to the age of %d."), s->age_max);
  if (s->eligibility != NULL && *s->eligibility != '\0')
    g_string_append_printf (who, "%s%s", who->len ? " " : "", s->eligibility);
  if (who->len == 0)
    g_string_append (who, _("Anyone living in the town who needs it."));
  return g_string_free (g_steal_pointer (&who), FALSE);
}

static char *
how_to_use (const SmService *s)
{
  g_autoptr(GString) how = g_string_new (NULL);

  if (s->fees != NULL && *s->fees != '\0')
    g_string_append_printf (how, _("Cost: %s."), s->fees);
  if (s->contact_name != NULL && *s->contact_name != '\0')
    g_string_append_printf (how, "%s", how->len ? " " : ""),
    g_string_append_printf (how, _("Ask for %s."), s->contact_name);
  g_string_append_printf (how, "%s%s", how->len ? " " : "",
                          _("Call or visit during opening hours; you can also ask the family support service to "
                            "arrange it."));
  return g_string_free (g_steal_pointer (&how), FALSE);
}

static gboolean
load_entries (Booklet  *b,
              GError  **error)
{
  g_autoptr(GPtrArray) places = sm_store_list_service_places (b->store, NULL, error);
  g_autoptr(GPtrArray) orgs = places ? sm_store_list_organizations (b->store, error) : NULL;

  if (orgs == NULL)
    return FALSE;
  b->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (guint i = 0; i < places->len; i++)
    {
      SmServicePlace *p = g_ptr_array_index (places, i);
      g_autoptr(GError) local = NULL;
      SmService *s;
      Entry *e;
      GArray *schedule;
      const SmOrganization *org = NULL;

      if (p->status == NULL || (!g_str_equal (p->status, "active") && !g_str_equal (p->status, "temporarily_closed")))
        continue;
      if ((s = sm_store_get_service (b->store, p->service_id, &local)) == NULL)
        continue;
      for (guint o = 0; o < orgs->len; o++)
        if (((SmOrganization *) g_ptr_array_index (orgs, o))->id == s->organization_id)
          org = g_ptr_array_index (orgs, o);
      e = g_new0 (Entry, 1);
      e->service_id = p->service_id;
      e->name = g_strdup (p->service_name);
      e->organization = g_strdup (p->organization_name);
      e->type = g_strdup (p->service_type);
      e->address = g_strdup (p->address ? p->address : p->location_name);
      schedule = sm_store_list_service_schedule (b->store, p->service_id, NULL);
      e->hours = schedule != NULL && schedule->len > 0 ? sm_opening_hours_format (schedule, sm_locale_is_hungarian ())
                                                      : NULL;
      g_clear_pointer (&schedule, g_array_unref);
      e->phone = g_strdup (s->contact_phone ? s->contact_phone : org ? org->phone : NULL);
      e->email = g_strdup (s->contact_email ? s->contact_email : org ? org->email : NULL);
      e->url = g_strdup (s->url ? s->url : org ? org->url : NULL);
      e->who = who_can_use (s);
      e->how = g_str_equal (p->status, "temporarily_closed") ? g_strdup (_("Temporarily closed: ask by phone when it "
                                                                          "opens again."))
                                                             : how_to_use (s);
      e->has_location = p->has_location;
      e->lat = p->lat;
      e->lon = p->lon;
      g_ptr_array_add (b->entries, e);
      sm_service_free (s);
    }
  return TRUE;
}

static gboolean
in_section (Section *s,
            Entry   *e)
{
  for (guint i = 0; i < s->entries->len; i++)
    if (g_ptr_array_index (s->entries, i) == e)
      return TRUE;
  return FALSE;
}

static gboolean
load_sections (Booklet  *b,
               GError  **error)
{
  g_autoptr(GPtrArray) table = sm_store_list_need_services (b->store, error);
  g_autoptr(GPtrArray) types = table ? sm_store_list_all_service_types (b->store, sm_locale_is_hungarian (), error)
                                     : NULL;
  g_autoptr(GPtrArray) categories = NULL;

  if (types == NULL)
    return FALSE;
  categories = sm_store_list_categories (b->store);
  b->by_need = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  b->by_type = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  for (guint c = 0; c < categories->len; c++)
    {
      SmCategory *cat = g_ptr_array_index (categories, c);
      Section *s = g_new0 (Section, 1);

      s->code = g_strdup (cat->code);
      s->title = g_strdup (sm_localized_name (cat->name_hu, cat->name_en));
      s->intro = g_strdup_printf (_("Where to turn for help with this: %s."), s->title);
      s->entries = g_ptr_array_new ();
      for (guint t = 0; t < table->len; t++)
        {
          SmNeedService *row = g_ptr_array_index (table, t);

          if (!g_str_equal (row->category, cat->code))
            continue;
          for (guint e = 0; e < b->entries->len; e++)
            {
              Entry *entry = g_ptr_array_index (b->entries, e);

              if (g_str_equal (entry->type, row->service_type) && !in_section (s, entry))
                g_ptr_array_add (s->entries, entry);
            }
        }
      if (s->entries->len > 0)
        g_ptr_array_add (b->by_need, s);
      else
        section_free (s);
    }
  for (guint t = 0; t < types->len; t++)
    {
      SmNamedCode *type = g_ptr_array_index (types, t);
      Section *s = g_new0 (Section, 1);

      s->code = g_strdup (type->code);
      s->title = g_strdup (type->name);
      s->entries = g_ptr_array_new ();
      for (guint e = 0; e < b->entries->len; e++)
        {
          Entry *entry = g_ptr_array_index (b->entries, e);

          if (g_str_equal (entry->type, type->code))
            g_ptr_array_add (s->entries, entry);
        }
      if (s->entries->len > 0)
        g_ptr_array_add (b->by_type, s);
      else
        section_free (s);
    }
  return TRUE;
}

static gboolean
booklet_load (Booklet                *b,
              SmStore                *store,
              const SmBookletOptions *o,
              GError                **error)
{
  g_autoptr(GPtrArray) settlements = sm_store_list_boundary_records (store, "settlement", NULL, error);

  if (settlements == NULL)
    return FALSE;
  b->store = store;
  b->created = o->created ? g_date_time_ref (o->created) : g_date_time_new_now_local ();
  if (!sm_store_get_meta (store, "demo.town", &b->town) || b->town == NULL)
    b->town = g_strdup (settlements->len ? ((SmBoundaryRecord *) g_ptr_array_index (settlements, 0))->name
                                         : _("the town"));
  if (o->author != NULL)
    b->office = g_strdup (o->author);
  else if (!sm_store_get_meta (store, "office.name", &b->office) || b->office == NULL)
    b->office = g_strdup (_("Coordination office of the social roundtable"));
  b->outlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sm_shape_free);
  for (guint i = 0; i < settlements->len; i++)
    {
      SmBoundaryRecord *r = g_ptr_array_index (settlements, i);
      SmShape *shape = sm_shape_new ();
      gsize len;
      const guint8 *wkb = g_bytes_get_data (r->geometry, &len);

      if (sm_shape_add_wkb (shape, wkb, len, NULL))
        g_ptr_array_add (b->outlines, shape);
      else
        sm_shape_free (shape);
    }
  return load_entries (b, error) && load_sections (b, error);
}

/* A section's places, numbered as its list is. */
static SmPackMap *
section_map (Booklet *b,
             Section *s,
             double   scale)
{
  static const double blue[3] = { 0.10, 0.30, 0.65 };
  SmPackMap *map = sm_pack_map_new (NULL);
  double w = INFINITY, so = INFINITY, e = -INFINITY, n = -INFINITY, dx, dy;

  map->scale = scale;
  for (guint i = 0; i < b->outlines->len; i++)
    g_ptr_array_add (map->outlines, g_ptr_array_index (b->outlines, i));
  for (guint i = 0; i < s->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (s->entries, i);
      g_autofree char *label = g_strdup_printf ("%u", i + 1);

      if (!entry->has_location)
        continue;
      sm_pack_map_add_circle (map, entry->lat, entry->lon, 40, blue, FALSE, label);
      w = MIN (w, entry->lon), e = MAX (e, entry->lon), so = MIN (so, entry->lat), n = MAX (n, entry->lat);
    }
  if (!isfinite (w))
    {
      sm_pack_map_fit (map);
      return map;
    }
  /* At least 3 km across, with room round the outermost places. */
  dx = MAX ((e - w) * 0.15, 0.02), dy = MAX ((n - so) * 0.15, 0.013);
  map->west = w - dx, map->east = e + dx, map->south = so - dy, map->north = n + dy;
  sm_pack_map_add_legend (map, SM_MAP_SWATCH_CIRCLE, blue, _("a place, numbered as in the list"));
  map->attribution = g_strdup ("© OpenStreetMap contributors (openstreetmap.org/copyright), ODbL 1.0");
  return map;
}

static void
entry_lines (Entry    *e,
             GString  *out,
             gboolean  html)
{
  const char *labels[] = { _("Address"), _("Opening hours"), _("Phone"), _("E-mail"), _("Web"), _("Who can use it"),
                           _("How") };
  const char *values[] = { e->address, e->hours, e->phone, e->email, e->url, e->who, e->how };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (values[i] == NULL || *values[i] == '\0')
        continue;
      if (html)
        {
          g_autofree char *v = g_markup_escape_text (values[i], -1);

          if (i == 2)
            {
              g_autofree char *tel = g_strdelimit (g_strdup (values[i]), " -/()", '-');

              g_string_append_printf (out, "<dt>%s</dt><dd><a href=\"tel:%s\">%s</a></dd>\n", labels[i], tel, v);
            }
          else
            g_string_append_printf (out, "<dt>%s</dt><dd>%s</dd>\n", labels[i], v);
        }
      else
        g_string_append_printf (out, "%s: %s\n", labels[i], values[i]);
    }
}

gboolean
sm_directory_booklet_write_pdf (SmStore                *store,
                                const SmBookletOptions *o,
                                const char             *path,
                                GError                **error)
{
  g_auto(Booklet) b = { 0 };
  g_autoptr(SmPdf) pdf = NULL;
  g_autofree char *title = NULL, *subtitle = NULL, *made = NULL;
  SmPdfInfo info = { 0 };

  if (!booklet_load (&b, store, o, error))
    return FALSE;
  title = g_strdup_printf (_("Help in %s: social services"), b.town);
  made = g_date_time_format (b.created, "%Y-%m-%d");
  subtitle = g_strdup_printf (_("Where to turn, by what you need and by type of service\n%s, %s"), b.office, made);
  info = (SmPdfInfo) { .title = title, .author = b.office, .subject = _("The residents' directory of services"),
                       .created = b.created, .scale = o->large_print ? 1.4 : 1 };
  pdf = sm_pdf_new (&info);
  sm_pdf_set_running_title (pdf, title);
  sm_pdf_title (pdf, title, subtitle);
  sm_pdf_space (pdf, 30);
  sm_pdf_paragraph (pdf, _("This booklet lists the social and child welfare services of the town. Look up "
                           "what you need in the first part, or the kind of service in the second. Every "
                           "service is free to ask: call, or go in during opening hours. If you do not know "
                           "where to start, the family support service helps."));
  for (int part = 0; part < 2; part++)
    {
      GPtrArray *sections = part == 0 ? b.by_need : b.by_type;

      sm_pdf_new_page (pdf);
      sm_pdf_heading (pdf, 1, part == 0 ? _("By what you need") : _("By type of service"));
      for (guint i = 0; i < sections->len; i++)
        {
          Section *s = g_ptr_array_index (sections, i);

          sm_pdf_space (pdf, 10);
          sm_pdf_keep (pdf, (part == 0 ? 260 : 220) * sm_pdf_get_scale (pdf));
          sm_pdf_heading (pdf, 2, s->title);
          if (s->intro)
            sm_pdf_paragraph (pdf, s->intro);
          {
            g_autoptr(SmPackMap) map = section_map (&b, s, sm_pdf_get_scale (pdf));

            sm_pdf_figure (pdf, part == 0 ? 190 : 150, sm_pack_map_draw, map);
          }
          for (guint e = 0; e < s->entries->len; e++)
            {
              Entry *entry = g_ptr_array_index (s->entries, e);
              g_autofree char *head = g_strdup_printf ("%u. %s", e + 1, entry->name);
              g_autoptr(GString) lines = g_string_new (NULL);

              sm_pdf_heading (pdf, 3, head);
              g_string_append_printf (lines, "%s\n", entry->organization ? entry->organization : "");
              entry_lines (entry, lines, FALSE);
              if (lines->len && lines->str[lines->len - 1] == '\n')
                g_string_truncate (lines, lines->len - 1);
              sm_pdf_paragraph (pdf, lines->str);
            }
        }
    }
  return sm_pdf_save (pdf, path, error);
}

static gboolean
write_page (const char  *dir,
            const char  *name,
            const char  *title,
            const char  *body,
            GStrvBuilder *written,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *t = g_markup_escape_text (title, -1);
  g_autofree char *html = g_strdup_printf ("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                                           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                           "<title>%s</title>\n<link rel=\"stylesheet\" href=\"style.css\">\n"
                                           "</head>\n<body>\n%s</body>\n</html>\n",
                                           sm_locale_is_hungarian () ? "hu" : "en", t, body);

  if (!g_file_set_contents_full (path, html, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  g_strv_builder_add (written, path);
  return TRUE;
}

static gboolean
write_svg_map (Booklet      *b,
               Section      *s,
               const char   *path,
               GError      **error)
{
  g_autoptr(SmPackMap) map = section_map (b, s, 1);
  cairo_surface_t *surface = cairo_svg_surface_create (path, 600, 330);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  sm_pack_map_draw (cr, 600, 330, map);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  g_chmod (path, 0600);
  return TRUE;
}

static const char style_css[] =
  "body { font-family: 'DejaVu Sans', sans-serif; max-width: 46em; margin: 1em auto; padding: 0 1em;"
  " line-height: 1.5; color: #1a1a1a; }\n"
  "h1, h2, h3 { color: #1a3366; }\n"
  "dt { font-weight: bold; margin-top: .3em; }\n"
  "dd { margin-left: 1.5em; }\n"
  "section { border-top: 1px solid #ccc; padding-top: .5em; }\n"
  "img { max-width: 100%; height: auto; }\n"
  "@media print { a { color: inherit; text-decoration: none; } }\n";

/**
 * sm_directory_booklet_write_html:
 * @dir: a folder, made if missing: index.html, a page per need and per
 *   type of service with a map of its places as SVG, and style.css
 */
gboolean
sm_directory_booklet_write_html (SmStore                *store,
                                 const SmBookletOptions *o,
                                 const char             *dir,
                                 GStrv                  *written,
                                 GError                **error)
{
  g_auto(Booklet) b = { 0 };
  g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
  g_autoptr(GString) index = g_string_new (NULL);
  g_autofree char *title = NULL, *css = NULL, *t = NULL;

  if (!booklet_load (&b, store, o, error))
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, SM_ERROR, SM_ERROR_INVALID, _("Cannot write “%s”: %s"), dir, g_strerror (errno));
      return FALSE;
    }
  title = g_strdup_printf (_("Help in %s: social services"), b.town);
  t = g_markup_escape_text (title, -1);
  g_string_append_printf (index, "<h1>%s</h1>\n<p>%s</p>\n", t,
                          _("Look up what you need, or the kind of service. Every service is free to ask: call, or "
                            "go in during opening hours."));
  for (int part = 0; part < 2; part++)
    {
      GPtrArray *sections = part == 0 ? b.by_need : b.by_type;

      g_string_append_printf (index, "<h2>%s</h2>\n<ul>\n", part == 0 ? _("By what you need") : _("By type of service"));
      for (guint i = 0; i < sections->len; i++)
        {
          Section *s = g_ptr_array_index (sections, i);
          g_autofree char *page = g_strdup_printf ("%s-%s.html", part == 0 ? "need" : "type", s->code);
          g_autofree char *svg = g_strdup_printf ("%s-%s.svg", part == 0 ? "need" : "type", s->code);
          g_autofree char *svg_path = g_build_filename (dir, svg, NULL);
          g_autofree char *st = g_markup_escape_text (s->title, -1);
          g_autoptr(GString) body = g_string_new (NULL);

          g_string_append_printf (index, "<li><a href=\"%s\">%s</a> (%u)</li>\n", page, st, s->entries->len);
          g_string_append_printf (body, "<p><a href=\"index.html\">%s</a></p>\n<h1>%s</h1>\n", t, st);
          if (!write_svg_map (&b, s, svg_path, error))
            return FALSE;
          g_strv_builder_add (files, svg_path);
          g_string_append_printf (body, "<img src=\"%s\" alt=\"%s\">\n", svg, _("Map of the places listed below"));
          for (guint e = 0; e < s->entries->len; e++)
            {
              Entry *entry = g_ptr_array_index (s->entries, e);
              g_autofree char *name = g_markup_escape_text (entry->name, -1);
              g_autofree char *org = g_markup_escape_text (entry->organization ? entry->organization : "", -1);

              g_string_append_printf (body, "<section>\n<h2>%u. %s</h2>\n<p>%s</p>\n<dl>\n", e + 1, name, org);
              entry_lines (entry, body, TRUE);
              g_string_append (body, "</dl>\n</section>\n");
            }
          if (!write_page (dir, page, s->title, body->str, files, error))
            return FALSE;
        }
      g_string_append (index, "</ul>\n");
    }
  {
    g_autofree char *made = g_date_time_format (b.created, "%Y-%m-%d");
    g_autofree char *office = g_markup_escape_text (b.office, -1);

    g_string_append_printf (index, "<p><small>%s, %s. %s</small></p>\n", office, made,
                            _("Maps: © OpenStreetMap contributors (openstreetmap.org/copyright), ODbL 1.0."));
  }
  if (!write_page (dir, "index.html", title, index->str, files, error))
    return FALSE;
  css = g_build_filename (dir, "style.css", NULL);
  if (!g_file_set_contents_full (css, style_css, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;
  g_strv_builder_add (files, css);
  if (written != NULL)
    *written = g_strv_builder_end (files);
  return TRUE;
}
