/*
 * find.c — the date stage's entry points (dates.h): cut the analysed
 * text into lexemes (scan.c), try the rules (parse.c) at each lexeme that
 * can start an expression, keep the longest match and go on after it.
 * One pass, no backtracking past a match: the cost is a table look-up
 * per token plus the rules at the few cue words.
 */
#include <string.h>

#include "dates/dates_int.h"
#include "util/alloc.h"

#define MAX_DATES 100000 /* per text: a hard limit (STYLE 16) */

int vl__dates_find_opts(vl_dates *out, const char *text, size_t len,
			const vl_analysis *an, int32_t ref, const char *lang,
			const vl_dates_opts *opts)
{
	vl_dates_opts o = VL_DATES_OPTS_INIT;
	lx *v = NULL;
	size_t n = 0, cap = 0, i;
	vl_date *res = NULL;
	dctx c;
	int rc;

	if (!out)
		return VL_EINVAL;
	out->v = NULL;
	out->n = 0;
	if (!text || !an)
		return 0;
	if (opts)
		o = *opts;
	rc = vl__dates_scan(&v, &n, text, len, an);
	if (rc)
		return rc;
	memset(&c, 0, sizeof c);
	c.text = text;
	c.v = v;
	c.n = n;
	c.ref = ref;
	c.ref_min =
		o.ref_minute >= 0 && o.ref_minute < 1440 ? o.ref_minute : 720;
	c.reading = o.reading;
	c.en = lang && !strcmp(lang, "en");
	for (i = 0; i < n;) {
		dmatch m;
		if (!vl__dates_match(&c, i, &m)) {
			i++;
			continue;
		}
		if (m.end_day > m.d.last)
			m.d.last = m.end_day;
		if (out->n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			vl_date *nv;
			if (cap == MAX_DATES)
				break;
			if (nc > MAX_DATES)
				nc = MAX_DATES;
			nv = vl__realloc(res, nc * sizeof *nv);
			if (!nv) {
				rc = VL_ENOMEM;
				goto fail;
			}
			res = nv;
			cap = nc;
		}
		res[out->n++] = m.d;
		i = m.j;
	}
	out->v = res;
	vl__freep(v);
	return 0;
fail:
	vl__freep(v);
	vl__freep(res);
	out->v = NULL;
	out->n = 0;
	return rc;
}

int vl__dates_find(vl_dates *out, const char *text, size_t len,
		   const vl_analysis *an, int32_t ref, const char *lang)
{
	return vl__dates_find_opts(out, text, len, an, ref, lang, NULL);
}

void vl__dates_free(vl_dates *d)
{
	if (!d)
		return;
	vl__freep(d->v);
	d->v = NULL;
	d->n = 0;
}
