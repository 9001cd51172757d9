/*
 * extract.c — the extraction stages wired to the store: an article's
 * mentions, dates, quotations and claims are found once (pure stages),
 * the story stage may use the publication day inferred from the text,
 * then everything is written in the article's transaction: mentions
 * linked to entities (entities.c), dates, quotations with their
 * speaker's entity, claims with their source's and subject's entities.
 */
#include <string.h>

#include "engine/engine_int.h"
#include "util/alloc.h"

/* Lines near the top that cleaning removes ("Publié", "13 mars 2025",
 * a dateline) often are the publication date: the day read from the
 * head of the original text, INT32_MIN if none. */
#define HEAD_BYTES 3000
static int head_day(const char *orig, size_t len, int32_t *day)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an = NULL;
	vl_dates d = { NULL, 0 };
	size_t n = len < HEAD_BYTES ? len : HEAD_BYTES;
	int rc;

	*day = INT32_MIN;
	while (n < len && n > 0 && orig[n - 1] != '\n')
		n--; /* whole lines: never a cut character */
	if (!n)
		return 0;
	o.detect_language = 0;
	if ((rc = vl_analyze(&an, orig, n, &o, NULL)))
		return rc == VL_EUTF8 ? 0 : rc;
	if (!(rc = vl__dates_find(&d, orig, n, an, INT32_MIN, NULL)) &&
	    !vl__dates_infer_published(orig, n, an, &d, day))
		*day = INT32_MIN;
	vl__dates_free(&d);
	vl_analysis_free(an);
	return rc;
}

int vl__extract(vl_extracted *x, const vl_analysis *an, const char *text,
		size_t len, const char *lang, int64_t published, int coarse,
		const char *original, size_t original_len)
{
	int32_t ref = INT32_MIN, fallback = INT32_MIN;
	int rc;

	memset(x, 0, sizeof *x);
	x->inferred_day = INT32_MIN;
	if (published != INT64_MIN) {
		ref = vl__days_from_unix(published);
		if (coarse) { /* a month or a year: the text may tell the day */
			fallback = ref;
			ref = INT32_MIN;
		}
	}
	if ((rc = vl__mentions_find(&x->ms, text, len, an, lang)) ||
	    (rc = vl__dates_find(&x->dates, text, len, an, ref, lang)))
		goto fail;
	if (ref == INT32_MIN &&
	    !vl__dates_infer_published(text, len, an, &x->dates,
				       &x->inferred_day) &&
	    original &&
	    (rc = head_day(original, original_len, &x->inferred_day)))
		goto fail;
	/* the day read from the latest date the text gives; a lead that
	 * tells the news of a weekday a day or two later was written then
	 * ("Publié" over a caption of Thursday, a lead of Friday) */
	if (x->inferred_day != INT32_MIN) {
		int w = vl__lead_weekday(text);
		int shift =
			w < 0 ? 0 : (w - vl__weekday(x->inferred_day) + 7) % 7;
		if (shift <= 2)
			x->inferred_day += shift;
	}
	/* a day outside the month or year given is not this article's */
	if (x->inferred_day != INT32_MIN && fallback != INT32_MIN &&
	    (x->inferred_day < fallback || x->inferred_day > fallback + 366 ||
	     (coarse == 1 && x->inferred_day > fallback + 31)))
		x->inferred_day = INT32_MIN;
	if (ref == INT32_MIN)
		ref = x->inferred_day != INT32_MIN ? x->inferred_day : fallback;
	if (ref != INT32_MIN && (published == INT64_MIN || coarse)) {
		/* read the relative dates against the day found */
		vl__dates_free(&x->dates);
		if ((rc = vl__dates_find(&x->dates, text, len, an, ref, lang)))
			goto fail;
	}
	if ((rc = vl__quotes_find(&x->quotes, text, len, an, &x->ms, lang)) ||
	    (rc = vl__claims_find(&x->claims, text, len, an, &x->ms, &x->quotes,
				  lang)))
		goto fail;
	return 0;
fail:
	vl__extract_free(x);
	return rc;
}

void vl__extract_free(vl_extracted *x)
{
	vl__ments_free(&x->ms);
	vl__dates_free(&x->dates);
	vl__quotes_free(&x->quotes);
	vl__claims_free(&x->claims);
	x->inferred_day = INT32_MIN;
}

/* The entity of mention m (-1: none). */
static int64_t entity_of(const vl_extracted *x, const int64_t *ids, int32_t m)
{
	if (m < 0 || (size_t)m >= x->ms.n || !ids)
		return 0;
	return ids[x->ms.m[m].local];
}

static int store_quotes(vl_engine *eng, int64_t rowid, const vl_extracted *x,
			const int64_t *ids)
{
	int rc = 0;
	for (size_t i = 0; i < x->quotes.n && !rc; i++) {
		const vl_quote *q = &x->quotes.v[i];
		vl_store_quote sq;
		memset(&sq, 0, sizeof sq);
		sq.start = q->start;
		sq.end = q->end;
		sq.kind = q->kind;
		sq.carried = q->carried;
		sq.cue_start = q->cue_start;
		sq.cue_end = q->cue_end;
		sq.speaker = entity_of(x, ids, q->speaker);
		/* the speaker as written: a mention, or a phrase ("le
		 * ministère russe de la Défense") no mention names */
		sq.speaker_start = q->sp_start;
		sq.speaker_end = q->sp_end;
		rc = vl__store_quote_add(eng->store, rowid, &sq);
	}
	return rc;
}

static int store_claims(vl_engine *eng, int64_t rowid, const vl_extracted *x,
			const int64_t *ids)
{
	int rc = 0;
	for (size_t i = 0; i < x->claims.n && !rc; i++) {
		const vl_claim *c = &x->claims.v[i];
		vl_store_claim sc;
		const char *ev = vl__claim_event_name(c->event);
		memset(&sc, 0, sizeof sc);
		sc.start = c->start;
		sc.end = c->end;
		sc.source = entity_of(x, ids, c->source);
		sc.src_start = c->src_start;
		sc.src_end = c->src_end;
		sc.subject = entity_of(x, ids, c->subject);
		sc.subject_inferred = c->subject_inferred;
		sc.polarity = c->polarity;
		sc.event = *ev ? ev : NULL;
		sc.number = c->number;
		sc.quote_start = c->quote >= 0 && (size_t)c->quote < x->quotes.n
					 ? (int64_t)x->quotes.v[c->quote].start
					 : -1;
		rc = vl__store_claim_add(eng->store, rowid, &sc);
	}
	return rc;
}

int vl__extract_store(vl_engine *eng, int64_t rowid, const vl_extracted *x,
		      const char *text)
{
	int64_t *ids = NULL;
	int rc;

	if ((rc = vl__entities_link(eng, rowid, &x->ms, text, &ids)))
		return rc;
	for (size_t i = 0; i < x->dates.n && !rc; i++) {
		const vl_date *d = &x->dates.v[i];
		vl_store_date sd = { d->start, d->end,	d->first, d->last,
				     d->gran,  d->part, d->flags };
		rc = vl__store_date_add(eng->store, rowid, &sd);
	}
	if (!rc)
		rc = store_quotes(eng, rowid, x, ids);
	if (!rc)
		rc = store_claims(eng, rowid, x, ids);
	/* NULL already for a new article, reset by vl__extract_forget for
	 * a replaced one */
	if (!rc && x->inferred_day != INT32_MIN)
		rc = vl__store_published_day(eng->store, rowid,
					     x->inferred_day);
	vl__freep(ids);
	return rc;
}

int vl__extract_forget(vl_engine *eng, int64_t rowid, const char *old_text)
{
	int rc = vl__entities_forget(eng, rowid, old_text);
	if (!rc)
		rc = vl__store_extracted_del(eng->store, rowid);
	return rc ? rc : vl__store_published_day(eng->store, rowid, INT32_MIN);
}
