/*
 * dating.c — the day an article's relative dates are read against
 * ("vendredi", "la veille"), when its own publication date is missing or
 * coarse (" date 2025-03 "): in order,
 *   1. its publication date, when given to the day;
 *   2. the day its text gives (a dateline, "Publié le ...", its latest
 *      explicit date; found at ingest, engine/extract.c);
 *   3. its story: the latest day of the story's other articles (within
 *      the article's own period when it has one), moved to the weekday
 *      its lead names when that is a day or two later ("Poutine a
 *      appelé vendredi ..." after a Thursday: that Friday);
 *   4. the first day of its period.
 * The story's articles may arrive after the article, so this is worked
 * out when dates are read (extract_api.c), not at ingest.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "ingest/published.h"

/* The lead: a weekday named this far into the text is its news day. */
#define LEAD_BYTES 600

/* [first, last] days of a publication given as "YYYY" or "YYYY-MM"
 * (0), or -1 when it is more precise or not a date. */
static int period_of(const char *p, int32_t *first, int32_t *last)
{
	int64_t ts;
	size_t n = strlen(p);
	long y, m = 1;

	if ((n != 4 && n != 7) || vl__parse_published(p, &ts))
		return -1;
	y = strtol(p, NULL, 10);
	if (n == 7)
		m = strtol(p + 5, NULL, 10);
	*first = vl__days_from_civil(y, m, 1);
	*last = (n == 4 ? vl__days_from_civil(y + 1, 1, 1)
			: vl__days_from_civil(m == 12 ? y + 1 : y,
					      m == 12 ? 1 : m + 1, 1)) -
		1;
	return 0;
}

/* The weekday the lead names first (0 Sunday .. 6), or -1. */
int vl__lead_weekday(const char *text)
{
	static const char *const names[] = { "dimanche", "lundi", "mardi",
					     "mercredi", "jeudi", "vendredi",
					     "samedi" };
	size_t n = strnlen(text, LEAD_BYTES), best_at = SIZE_MAX;
	int best = -1;

	for (int d = 0; d < 7; d++) {
		size_t w = strlen(names[d]);
		for (size_t i = 0; i + w <= n; i++) {
			int starts = i == 0 || text[i - 1] == ' ' ||
				     text[i - 1] == '\n';
			int ends =
				i + w == n ||
				!((text[i + w] >= 'a' && text[i + w] <= 'z'));
			if (!starts || !ends ||
			    (text[i] != names[d][0] &&
			     text[i] != names[d][0] - 32) ||
			    strncmp(text + i + 1, names[d] + 1, w - 1) != 0)
				continue;
			if (i < best_at) {
				best_at = i;
				best = d;
			}
			break;
		}
	}
	return best;
}

/* A member's own day: given to the day, or read from its text. */
static int32_t own_day(const vl_store_dating *d)
{
	int32_t a, b;
	if (d->ts != INT64_MIN && period_of(d->published, &a, &b) != 0)
		return vl__days_from_unix(d->ts);
	return d->text_day;
}

typedef struct story_scan {
	int64_t self;
	int32_t lo, hi, latest;
} story_scan;

static int latest_cb(const vl_store_dating *d, void *payload)
{
	story_scan *s = payload;
	int32_t day = own_day(d);
	if (d->rowid != s->self && day != INT32_MIN && day >= s->lo &&
	    day <= s->hi && (s->latest == INT32_MIN || day > s->latest))
		s->latest = day;
	return 0;
}

int vl__article_day(vl_engine *eng, int64_t rowid, const char *text,
		    int32_t *day, int *how)
{
	vl_store_dating d;
	story_scan s = { rowid, INT32_MIN, INT32_MAX, INT32_MIN };
	int coarse, rc, w;

	*day = INT32_MIN;
	*how = VL_DAY_NONE;
	if ((rc = vl__store_dating(eng->store, rowid, &d)))
		return rc;
	coarse = d.ts != INT64_MIN && period_of(d.published, &s.lo, &s.hi) == 0;
	if (d.ts != INT64_MIN && !coarse) {
		*day = vl__days_from_unix(d.ts);
		*how = VL_DAY_GIVEN;
		return 0;
	}
	if (d.text_day != INT32_MIN) {
		*day = d.text_day;
		*how = VL_DAY_TEXT;
		return 0;
	}
	if (d.story &&
	    (rc = vl__store_each_dating(eng->store, d.story, latest_cb, &s)))
		return rc;
	if (s.latest != INT32_MIN) {
		*day = s.latest;
		/* a lead that tells the news of a day or two later was
		 * written then; an earlier weekday is an earlier event */
		if ((w = vl__lead_weekday(text)) >= 0 &&
		    (w - vl__weekday(s.latest) + 7) % 7 <= 2)
			*day += (w - vl__weekday(s.latest) + 7) % 7;
		*how = VL_DAY_STORY;
	} else if (coarse) {
		*day = s.lo;
		*how = VL_DAY_PERIOD;
	}
	return 0;
}
