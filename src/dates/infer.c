/*
 * infer.c — the publication day of an article that lacks one, from its
 * own text: a dateline ("MOSCOU, 14 mars (AFP) -"), a "Publié le ..."
 * or "Mis à jour le ..." line, else the latest explicit absolute date of
 * day granularity. Runs on the dates found with no reference
 * (ref = INT32_MIN), so only absolute dates are there.
 */
#include <string.h>

#include "dates/dates_int.h"

#define HEAD_BYTES 400 /* a dateline or a "Publié le" sits near the top */

static int absolute_day(const vl_date *d)
{
	return d->gran == VL_GRAN_DAY && d->first == d->last &&
	       !(d->flags & (VL_DATE_RELATIVE | VL_DATE_DURATION));
}

/* Does a "publié", "mis à jour", "published", "updated" word come in the
 * 40 bytes before off? */
static int published_before(const char *text, size_t off)
{
	static const char *const cue[] = { "ublié",	"ublie",    "is à jour",
					   "is a jour", "ublished", "pdated",
					   "Date",	NULL };
	size_t from = off > 40 ? off - 40 : 0;
	for (size_t k = 0; cue[k]; k++) {
		size_t n = strlen(cue[k]);
		for (size_t i = from; i + n <= off; i++)
			if (!memcmp(text + i, cue[k], n))
				return 1;
	}
	return 0;
}

int vl__dates_infer_published(const char *text, size_t len,
			      const vl_analysis *an, const vl_dates *d,
			      int32_t *day)
{
	const vl_date *best = NULL;
	(void)an;
	if (!text || !d || !day)
		return 0;
	/* 1. "Publié le 14 mars 2025", a dateline near the top */
	for (size_t k = 0; k < d->n; k++) {
		const vl_date *x = &d->v[k];
		if (!absolute_day(x) || x->start > len)
			continue;
		if (published_before(text, x->start))
			goto found;
		if (x->start < HEAD_BYTES && x->end < len) {
			/* "MOSCOU, 14 mars 2025 (AFP) -": a parenthesis or a
			 * dash right after the date */
			size_t e = x->end;
			while (e < len && text[e] == ' ')
				e++;
			if (e < len && (text[e] == '(' || text[e] == '-'))
				goto found;
		}
		continue;
	found:
		*day = x->first;
		return 1;
	}
	/* 2. the latest explicit day */
	for (size_t k = 0; k < d->n; k++)
		if (absolute_day(&d->v[k]) &&
		    (!best || d->v[k].first > best->first))
			best = &d->v[k];
	if (!best)
		return 0;
	*day = best->first;
	return 1;
}
