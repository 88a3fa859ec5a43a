/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Small-number disclosure control.
 *
 * The primary rule: a unit with 1 to k-1 households, or 1 to k-1 persons,
 * shows no counts. Zero is shown: it names nobody.
 *
 * The complementary rule: a table's units add up to a total that is shown
 * elsewhere (the town's count in stats, on the map, in the same file), so
 * the sum of the hidden units is known to anyone who subtracts. A hidden
 * unit must not be derivable from that sum. For each count (households,
 * persons) the attacker knows: a unit hidden as small holds 1 to k-1 (at
 * least one of its counts does; taking both is the safe side), a unit
 * hidden as complementary holds k or more, and the hidden units add up to
 * H.
 * A unit is exposed when those bounds leave it a single value (one hidden
 * unit; or two small units holding 1 each). While any unit is exposed, the
 * smallest shown unit is hidden too. */

#define G_LOG_DOMAIN "sm-disclosure"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sm-disclosure.h"
#include "sm-error.h"

struct _SmDisclosure
{
  GObject parent_instance;

  int     k;
};

G_DEFINE_FINAL_TYPE (SmDisclosure, sm_disclosure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_K,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sm_disclosure_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SmDisclosure *self = SM_DISCLOSURE (object);

  switch (prop_id)
    {
    case PROP_K:
      g_value_set_int (value, self->k);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_disclosure_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SmDisclosure *self = SM_DISCLOSURE (object);

  switch (prop_id)
    {
    case PROP_K:
      self->k = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sm_disclosure_class_init (SmDisclosureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = sm_disclosure_get_property;
  object_class->set_property = sm_disclosure_set_property;

  /* The smallest count shown; never below SM_DISCLOSURE_MIN_K. */
  properties[PROP_K] =
    g_param_spec_int ("k", NULL, NULL, SM_DISCLOSURE_MIN_K, G_MAXINT, SM_DISCLOSURE_MIN_K,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sm_disclosure_init (SmDisclosure *self)
{
  self->k = SM_DISCLOSURE_MIN_K;
}

/**
 * sm_disclosure_new:
 * @k: the threshold; 0 for the default. Check a user's value with
 *   sm_disclosure_check_k() first.
 */
SmDisclosure *
sm_disclosure_new (int k)
{
  return g_object_new (SM_TYPE_DISCLOSURE, "k", MAX (k, SM_DISCLOSURE_MIN_K), NULL);
}

int
sm_disclosure_get_k (SmDisclosure *self)
{
  g_return_val_if_fail (SM_IS_DISCLOSURE (self), SM_DISCLOSURE_MIN_K);

  return self->k;
}

/* Whether a threshold a user asked for may be used (0 means the default). */
gboolean
sm_disclosure_check_k (int      k,
                       GError **error)
{
  if (k == 0 || k >= SM_DISCLOSURE_MIN_K)
    return TRUE;
  g_set_error (error, SM_ERROR, SM_ERROR_INVALID,
               _("k must be at least %d: smaller counts can point at a family"),
               SM_DISCLOSURE_MIN_K);
  return FALSE;
}

static gboolean
small (const SmDisclosure *self,
       gint64              count)
{
  return count > 0 && count < self->k;
}

/* The primary rule for one unit. */
gboolean
sm_disclosure_is_small (SmDisclosure *self,
                        gint64        households,
                        gint64        persons)
{
  g_return_val_if_fail (SM_IS_DISCLOSURE (self), TRUE);

  return small (self, households) || small (self, persons);
}

enum { HOUSEHOLDS, PERSONS, NEEDS, N_DIMENSIONS };

static gint64
count_of (const SmDisclosureCell *cell,
          int                     dimension)
{
  return dimension == HOUSEHOLDS ? cell->households
       : dimension == PERSONS ? cell->persons : cell->needs;
}

/* What the attacker knows of a hidden unit's count, given the hidden sum. */
static void
bounds (const SmDisclosure     *self,
        const SmDisclosureCell *cell,
        int                     dimension,
        gint64                  sum,
        gint64                 *lo,
        gint64                 *hi)
{
  /* Needs are not counted by the primary rule: a small unit may hold many. */
  if (cell->state == SM_DISCLOSURE_SMALL)
    {
      *lo = 1;
      *hi = dimension == NEEDS ? MAX (sum, 1) : self->k - 1;
    }
  else
    {
      *lo = self->k;
      *hi = MAX (sum, self->k);
    }
}

/* Whether some hidden unit's count in @dimension follows from the others'
 * bounds and their known sum. */
static gboolean
exposed (const SmDisclosure     *self,
         const SmDisclosureCell *cells,
         guint                   n,
         int                     dimension)
{
  gint64 sum = 0, sum_lo = 0, sum_hi = 0;
  guint n_hidden = 0;

  for (guint i = 0; i < n; i++)
    if (cells[i].state != SM_DISCLOSURE_SHOWN && count_of (&cells[i], dimension) >= 0)
      {
        sum += count_of (&cells[i], dimension);
        n_hidden++;
      }
  if (n_hidden == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (cells[i].state != SM_DISCLOSURE_SHOWN && count_of (&cells[i], dimension) >= 0)
      {
        gint64 lo, hi;

        bounds (self, &cells[i], dimension, sum, &lo, &hi);
        sum_lo += lo;
        sum_hi += hi;
      }
  for (guint i = 0; i < n; i++)
    {
      gint64 v = count_of (&cells[i], dimension), lo, hi, low, high;

      if (cells[i].state == SM_DISCLOSURE_SHOWN || v < 0)
        continue;
      bounds (self, &cells[i], dimension, sum, &lo, &hi);
      low = MAX (lo, sum - (sum_hi - hi));
      high = MIN (hi, sum - (sum_lo - lo));
      if (low >= high)
        return TRUE;
    }
  return FALSE;
}

/**
 * sm_disclosure_protect:
 * @cells: (array length=n_cells): the units of one table, whose counts add
 *   up to a total that may be shown
 *
 * Sets @state on every unit: the small ones are hidden, and as many of
 * the smallest others as it takes for no hidden count to be derivable
 * from the total.
 */
void
sm_disclosure_protect (SmDisclosure     *self,
                       SmDisclosureCell *cells,
                       guint             n_cells)
{
  g_return_if_fail (SM_IS_DISCLOSURE (self));

  for (guint i = 0; i < n_cells; i++)
    cells[i].state = sm_disclosure_state_of (self, cells[i].households, cells[i].persons);

  for (;;)
    {
      gboolean any = FALSE;
      guint pick = G_MAXUINT;

      for (int d = 0; d < N_DIMENSIONS && !any; d++)
        any = exposed (self, cells, n_cells, d);
      if (!any)
        break;

      for (guint i = 0; i < n_cells; i++)
        {
          if (cells[i].state != SM_DISCLOSURE_SHOWN ||
              (cells[i].households <= 0 && cells[i].persons <= 0))
            continue;
          if (pick == G_MAXUINT || cells[i].households < cells[pick].households ||
              (cells[i].households == cells[pick].households && cells[i].persons < cells[pick].persons))
            pick = i;
        }
      if (pick == G_MAXUINT)
        break;
      cells[pick].state = SM_DISCLOSURE_COMPLEMENTARY;
    }
}

/* The state of a unit by the primary rule alone: for counts shown without
 * a total beside them (a hotspot's households). */
SmDisclosureState
sm_disclosure_state_of (SmDisclosure *self,
                        gint64        households,
                        gint64        persons)
{
  return sm_disclosure_is_small (self, households, persons) ? SM_DISCLOSURE_SMALL
                                                            : SM_DISCLOSURE_SHOWN;
}

/**
 * sm_disclosure_format_count:
 *
 * Returns: "<k" for a small unit, "x" for one hidden to protect others,
 *   else the count with the locale's digit grouping.
 */
char *
sm_disclosure_format_count (SmDisclosure      *self,
                            gint64             count,
                            SmDisclosureState  state)
{
  g_return_val_if_fail (SM_IS_DISCLOSURE (self), NULL);

  switch (state)
    {
    case SM_DISCLOSURE_SMALL:
      return g_strdup_printf ("<%d", self->k);
    case SM_DISCLOSURE_COMPLEMENTARY:
      return g_strdup ("x");
    case SM_DISCLOSURE_SHOWN:
    default:
      return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
    }
}
