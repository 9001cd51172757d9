/*
 * extract_api.c — the public face of dates, quotations, claims and the
 * timeline: an article's dates, quotations by story, article or speaker,
 * a story's claims grouped by subject with their disputes, and a story's
 * dated events day by day.
 */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine/engine_int.h"
#include "util/alloc.h"

static char *print(cJSON *o, unsigned flags)
{
	char *s = flags & VL_JSON_PRETTY ? cJSON_Print(o)
					 : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

/* "YYYY-MM-DD" of a civil day. */
static void day_iso(int32_t day, char out[16])
{
	time_t t = (time_t)vl__unix_from_days(day);
	struct tm tm;
	if (!gmtime_r(&t, &tm) || !strftime(out, 16, "%Y-%m-%d", &tm))
		snprintf(out, 16, "?");
}

static void add_day(cJSON *o, const char *key, int32_t day)
{
	char iso[16];
	if (day == INT32_MIN) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	day_iso(day, iso);
	cJSON_AddStringToObject(o, key, iso);
}

/* Bytes [s, e) of text as a JSON string (empty when out of range). */
static void add_span(cJSON *o, const char *key, const char *text, size_t len,
		     int64_t s, int64_t e)
{
	char *t = NULL;
	if (s >= 0 && e >= s && (size_t)e <= len)
		t = vl__strndup(text + s, (size_t)(e - s));
	cJSON_AddStringToObject(o, key, t ? t : "");
	vl__freep(t);
}

static void add_time(cJSON *o, const char *key, const vl_store_xarticle *a)
{
	char iso[32];
	time_t t = (time_t)a->time;
	struct tm tm;
	if (a->time == INT64_MIN || !gmtime_r(&t, &tm) ||
	    !strftime(iso, sizeof iso,
		      a->inferred ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%SZ", &tm)) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	cJSON_AddStringToObject(o, key, iso);
}

/* ---- dates ---- */

static const char *gran_name(int g)
{
	static const char *const names[] = { "",       "day",	     "week",
					     "month",  "quarter",    "year",
					     "decade", "part of day" };
	return g > 0 && g < (int)(sizeof names / sizeof *names) ? names[g] : "";
}

static const char *part_name(int p)
{
	static const char *const names[] = { NULL,	"morning", "afternoon",
					     "evening", "night",   "midday" };
	return p > 0 && p < (int)(sizeof names / sizeof *names) ? names[p]
								: NULL;
}

static cJSON *date_object(const char *text, size_t len, const vl_date *d)
{
	cJSON *o = cJSON_CreateObject();
	char iso[64];

	if (!o)
		return NULL;
	vl__date_iso(d, iso, sizeof iso);
	add_span(o, "text", text, len, d->start, d->end);
	cJSON_AddNumberToObject(o, "start", (double)d->start);
	cJSON_AddNumberToObject(o, "end", (double)d->end);
	cJSON_AddStringToObject(o, "value", iso);
	add_day(o, "first", d->first);
	add_day(o, "last", d->last);
	cJSON_AddStringToObject(o, "granularity", gran_name(d->gran));
	if (part_name(d->part))
		cJSON_AddStringToObject(o, "part", part_name(d->part));
	else
		cJSON_AddNullToObject(o, "part");
	cJSON_AddBoolToObject(o, "relative", d->flags & VL_DATE_RELATIVE);
	cJSON_AddBoolToObject(o, "future", d->flags & VL_DATE_FUTURE);
	cJSON_AddBoolToObject(o, "approx", d->flags & VL_DATE_APPROX);
	cJSON_AddBoolToObject(o, "duration", d->flags & VL_DATE_DURATION);
	return o;
}

static int push_date(vl_dates *ds, size_t *cap, const vl_date *d)
{
	if (ds->n == *cap) {
		size_t c = *cap ? 2 * *cap : 16;
		vl_date *v = vl__realloc(ds->v, c * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		ds->v = v;
		*cap = c;
	}
	ds->v[ds->n++] = *d;
	return 0;
}

typedef struct stored_ctx {
	vl_dates *ds;
	size_t cap;
	int rc;
} stored_ctx;

static int stored_cb(const vl_store_xarticle *a, const vl_store_date *d,
		     void *payload)
{
	stored_ctx *c = payload;
	vl_date v;
	(void)a;
	memset(&v, 0, sizeof v);
	v.start = (uint32_t)d->start;
	v.end = (uint32_t)d->end;
	v.first = d->first_day;
	v.last = d->last_day;
	v.gran = (uint8_t)d->gran;
	v.part = (uint8_t)d->part;
	v.flags = (uint8_t)d->flags;
	return (c->rc = push_date(c->ds, &c->cap, &v)) != 0;
}

/* An article's dates read against its day: those stored at ingest when
 * the day is its own, else found again against the day its story or
 * period gives (dating.c). *ds owned by the caller (vl__dates_free). */
static int article_dates(vl_engine *eng, int64_t rowid, const char *text,
			 size_t len, int32_t day, int how, vl_dates *ds)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an = NULL;
	stored_ctx c = { ds, 0, 0 };
	int rc;

	memset(ds, 0, sizeof *ds);
	if (how != VL_DAY_STORY && how != VL_DAY_PERIOD) {
		rc = vl__store_each_date(eng->store, rowid, 0, stored_cb, &c);
		if (rc == VL_ESTOPPED)
			rc = c.rc;
		if (rc)
			vl__dates_free(ds);
		return rc;
	}
	o.detect_language = 0;
	if ((rc = vl_analyze(&an, text, len, &o, NULL)))
		return rc;
	rc = vl__dates_find(ds, text, len, an, day, NULL);
	vl_analysis_free(an);
	return rc;
}

static const char *how_name(int how)
{
	return how == VL_DAY_TEXT    ? "text"
	       : how == VL_DAY_STORY ? "story"
				     : "period";
}

/* Dates in the lines cleaning removed (a photo caption "le jeudi 13 mars
 * 2025"), read against the same day; offsets into the original text,
 * with the line's reason. */
static int removed_dates(const vl_article *art, int32_t day, cJSON *arr)
{
	const char *orig = vl_article_original(art);
	size_t olen = strlen(orig);
	int rc = 0;

	for (size_t i = 0; i < vl_article_removed_count(art) && !rc; i++) {
		const vl_removed_line *r = vl_article_removed(art, i);
		vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
		vl_analysis *an = NULL;
		vl_dates ds = { NULL, 0 };
		if (r->end > olen || r->start >= r->end)
			continue;
		o.detect_language = 0;
		if (vl_analyze(&an, orig + r->start, r->end - r->start, &o,
			       NULL))
			continue; /* not valid text alone: skip the line */
		rc = vl__dates_find(&ds, orig + r->start, r->end - r->start, an,
				    day, NULL);
		for (size_t k = 0; !rc && k < ds.n; k++) {
			vl_date d = ds.v[k];
			cJSON *x;
			d.start += (uint32_t)r->start;
			d.end += (uint32_t)r->start;
			if (!(x = date_object(orig, olen, &d))) {
				rc = VL_ENOMEM;
				break;
			}
			cJSON_AddStringToObject(x, "in", "original");
			cJSON_AddStringToObject(x, "removed_line", r->reason);
			cJSON_AddItemToArray(arr, x);
		}
		vl__dates_free(&ds);
		vl_analysis_free(an);
	}
	return rc;
}

int vl_engine_dates_json(vl_engine *eng, const char *article_id, unsigned flags,
			 char **out)
{
	vl_article *art = NULL;
	vl_dates ds = { NULL, 0 };
	cJSON *o = NULL, *arr;
	const char *text;
	int32_t day;
	int rc, how;

	if (!eng || !article_id || !out)
		return VL_EINVAL;
	*out = NULL;
	if ((rc = vl_engine_article(eng, article_id, &art)))
		return rc;
	text = vl_article_text(art);
	if ((rc = vl__article_day(eng, art->rowid, text, &day, &how)) ||
	    (rc = article_dates(eng, art->rowid, text, strlen(text), day, how,
				&ds)))
		goto done;
	if (!(o = cJSON_CreateObject()) || !(arr = cJSON_CreateArray())) {
		rc = VL_ENOMEM;
		goto done;
	}
	cJSON_AddStringToObject(o, "article", article_id);
	if (vl_article_published(art))
		cJSON_AddStringToObject(o, "published",
					vl_article_published(art));
	else
		cJSON_AddNullToObject(o, "published");
	add_day(o, "published_inferred",
		how == VL_DAY_GIVEN || how == VL_DAY_NONE ? INT32_MIN : day);
	if (how == VL_DAY_GIVEN || how == VL_DAY_NONE)
		cJSON_AddNullToObject(o, "inferred_from");
	else
		cJSON_AddStringToObject(o, "inferred_from", how_name(how));
	cJSON_AddItemToObject(o, "dates", arr);
	for (size_t i = 0; i < ds.n; i++) {
		cJSON *d = date_object(text, strlen(text), &ds.v[i]);
		if (d)
			cJSON_AddStringToObject(d, "in", "clean");
		cJSON_AddItemToArray(arr, d);
	}
	if ((rc = removed_dates(art, day, arr)))
		goto done;
	rc = (*out = print(o, flags)) ? 0 : VL_ENOMEM;
	o = NULL;
done:
	cJSON_Delete(o);
	vl__dates_free(&ds);
	vl_article_free(art);
	return rc;
}

/* ---- quotations ---- */

typedef struct quote_ctx {
	cJSON *arr;
	const int64_t *speakers; /* filter, or NULL */
	size_t n_speakers, limit, n;
} quote_ctx;

static const char *kind_name(int k)
{
	return k == VL_QUOTE_DIRECT    ? "direct"
	       : k == VL_QUOTE_PARTIAL ? "partial"
				       : "reported";
}

static int quote_cb(const vl_store_xarticle *a, const vl_store_quote *q,
		    const char *speaker, void *payload)
{
	quote_ctx *c = payload;
	cJSON *o;
	int keep = !c->speakers;

	for (size_t i = 0; !keep && i < c->n_speakers; i++)
		keep = q->speaker == c->speakers[i];
	if (!keep)
		return 0;
	if (c->limit && c->n >= c->limit)
		return 1;
	if (!(o = cJSON_CreateObject()))
		return 1;
	cJSON_AddStringToObject(o, "article", a->id);
	cJSON_AddStringToObject(o, "source", a->source ? a->source : "");
	add_time(o, "published", a);
	cJSON_AddNumberToObject(o, "start", (double)q->start);
	cJSON_AddNumberToObject(o, "end", (double)q->end);
	add_span(o, "text", a->text, a->text_len, q->start, q->end);
	cJSON_AddStringToObject(o, "kind", kind_name(q->kind));
	if (speaker) {
		cJSON_AddStringToObject(o, "speaker", speaker);
		cJSON_AddNumberToObject(o, "speaker_entity",
					(double)q->speaker);
	} else if (q->speaker_end > q->speaker_start) {
		/* a speaker the text names by a phrase only */
		add_span(o, "speaker", a->text, a->text_len, q->speaker_start,
			 q->speaker_end);
		cJSON_AddNullToObject(o, "speaker_entity");
	} else {
		cJSON_AddNullToObject(o, "speaker");
		cJSON_AddNullToObject(o, "speaker_entity");
	}
	cJSON_AddBoolToObject(o, "carried", q->carried);
	cJSON_AddItemToArray(c->arr, o);
	c->n++;
	return 0;
}

int vl_engine_quotes_json(vl_engine *eng, const vl_quote_query *q,
			  unsigned flags, char **out)
{
	static const vl_quote_query def = VL_QUOTE_QUERY_INIT;
	quote_ctx c;
	int64_t rowid = 0, ids[16];
	char *text = NULL;
	int rc;

	if (!eng || !out)
		return VL_EINVAL;
	*out = NULL;
	if (!q)
		q = &def;
	memset(&c, 0, sizeof c);
	c.limit = q->limit;
	if (q->article) {
		if ((rc = vl__store_article_text(eng->store, q->article, &rowid,
						 &text)))
			return rc;
		vl__freep(text);
	}
	if (q->speaker) {
		if ((rc = vl_engine_find_entities(eng, q->speaker, ids, 16,
						  &c.n_speakers)))
			return rc;
		c.speakers = ids;
	}
	if (!(c.arr = cJSON_CreateArray()))
		return VL_ENOMEM;
	rc = vl__store_each_quote(eng->store, rowid, q->story, quote_cb, &c);
	if (rc == VL_ESTOPPED)
		rc = c.limit && c.n >= c.limit ? 0 : VL_ENOMEM;
	if (rc) {
		cJSON_Delete(c.arr);
		return rc;
	}
	return (*out = print(c.arr, flags)) ? 0 : VL_ENOMEM;
}

/* ---- claims ---- */

/* A claim read back, owned strings. */
typedef struct claim {
	char *article, *source_name, *subject_name, *text, *src_text,
		*published, *event;
	int64_t article_rowid, start, end, source, subject;
	int polarity, subject_inferred;
	double number;
	size_t group;
} claim;

typedef struct claims {
	claim *v;
	size_t n, cap;
	int oom;
} claims;

static char *span_dup(const vl_store_xarticle *a, int64_t s, int64_t e)
{
	if (s < 0 || e <= s || (size_t)e > a->text_len)
		return NULL;
	return vl__strndup(a->text + s, (size_t)(e - s));
}

static int claim_cb(const vl_store_xarticle *a, const vl_store_claim *c,
		    const char *source_name, const char *subject_name,
		    void *payload)
{
	claims *cs = payload;
	claim *x;
	char iso[32] = "";
	time_t t = (time_t)a->time;
	struct tm tm;

	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? 2 * cs->cap : 32;
		claim *v = vl__realloc(cs->v, cap * sizeof *v);
		if (!v)
			return cs->oom = 1;
		cs->v = v;
		cs->cap = cap;
	}
	x = &cs->v[cs->n++];
	memset(x, 0, sizeof *x);
	x->article = vl__strdup(a->id ? a->id : "");
	x->source_name = source_name ? vl__strdup(source_name) : NULL;
	x->subject_name = subject_name ? vl__strdup(subject_name) : NULL;
	x->text = span_dup(a, c->start, c->end);
	x->src_text = span_dup(a, c->src_start, c->src_end);
	x->event = c->event ? vl__strdup(c->event) : NULL;
	if (a->time != INT64_MIN && gmtime_r(&t, &tm))
		strftime(iso, sizeof iso, "%Y-%m-%d", &tm);
	x->published = vl__strdup(iso);
	x->article_rowid = a->rowid;
	x->start = c->start;
	x->end = c->end;
	x->source = c->source;
	x->subject = c->subject;
	x->subject_inferred = c->subject_inferred;
	x->polarity = c->polarity;
	x->number = c->number;
	if (!x->article || !x->published)
		cs->oom = 1;
	return cs->oom;
}

static void claims_free(claims *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		claim *x = &cs->v[i];
		vl__freep(x->article);
		vl__freep(x->source_name);
		vl__freep(x->subject_name);
		vl__freep(x->text);
		vl__freep(x->src_text);
		vl__freep(x->published);
		vl__freep(x->event);
	}
	vl__freep(cs->v);
	memset(cs, 0, sizeof *cs);
}

/* Who states it: its entity's name, else the phrase, else "?". */
static const char *who(const claim *x)
{
	return x->source_name ? x->source_name
	       : x->src_text  ? x->src_text
			      : "?";
}

/* Two claims from different sources? */
static int other_source(const claim *a, const claim *b)
{
	if (a->source && b->source)
		return a->source != b->source;
	return strcmp(who(a), who(b)) != 0;
}

typedef struct group {
	const char *event;
	int64_t subject;
	size_t n;
} group;

/* Group claims by event class and subject. Claims whose subject the
 * text names come first; a claim with no subject, or one taken from an
 * earlier sentence, joins the group of its class and subject if there is
 * one, else the largest group of its class. Returns the number of
 * groups (in *g, owned), or (size_t)-1 on failure. */
static size_t group_claims(claims *cs, group **g)
{
	size_t ng = 0;
	group *v = vl__calloc(cs->n + 1, sizeof *v);

	*g = v;
	if (!v)
		return (size_t)-1;
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < cs->n; i++) {
			claim *x = &cs->v[i];
			int firm = x->subject && !x->subject_inferred;
			size_t k, best = SIZE_MAX;
			if (!x->event || (pass == 0) != firm)
				continue;
			for (k = 0; k < ng; k++) {
				if (strcmp(v[k].event, x->event) != 0)
					continue;
				if (v[k].subject == x->subject)
					break;
				if (best == SIZE_MAX || v[k].n > v[best].n)
					best = k;
			}
			if (k == ng && pass == 1 && best != SIZE_MAX)
				k = best;
			if (k == ng)
				v[ng++] = (group){ x->event, x->subject, 0 };
			x->group = k + 1;
			v[k].n++;
		}
	}
	return ng;
}

static cJSON *claim_object(const claim *x)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "article", x->article);
	cJSON_AddStringToObject(o, "source", who(x));
	if (x->source)
		cJSON_AddNumberToObject(o, "source_entity", (double)x->source);
	else
		cJSON_AddNullToObject(o, "source_entity");
	cJSON_AddStringToObject(o, "text", x->text ? x->text : "");
	cJSON_AddStringToObject(o, "polarity",
				vl__claim_polarity_name(x->polarity));
	cJSON_AddNumberToObject(o, "start", (double)x->start);
	cJSON_AddNumberToObject(o, "end", (double)x->end);
	if (*x->published)
		cJSON_AddStringToObject(o, "published", x->published);
	else
		cJSON_AddNullToObject(o, "published");
	if (isnan(x->number))
		cJSON_AddNullToObject(o, "figure");
	else
		cJSON_AddNumberToObject(o, "figure", x->number);
	return o;
}

/* Why claim b disputes claim a (NULL: it does not). */
static const char *dispute(const claim *a, const claim *b)
{
	if (!other_source(a, b) || a->polarity != VL_CLAIM_ASSERTS)
		return NULL;
	if (b->polarity == VL_CLAIM_DENIES)
		return "denial";
	if (b->polarity == VL_CLAIM_DOUBTS)
		return "doubt";
	if (!strcmp(a->event, "casualties") && !isnan(a->number) &&
	    !isnan(b->number) && a->number > 0 &&
	    fabs(a->number - b->number) > 0.1 * a->number &&
	    a->start != b->start)
		return "figures";
	return NULL;
}

static cJSON *subject_object(const claims *cs, const group *g, size_t gi)
{
	cJSON *o = cJSON_CreateObject(), *arr, *dis;
	size_t *idx = vl__malloc((g->n + 1) * sizeof *idx), k = 0;
	size_t *seen = vl__malloc((g->n + 1) * sizeof *seen);
	const char *name = NULL;
	int disputed = 0;

	if (!o || !idx || !seen) {
		cJSON_Delete(o);
		vl__freep(idx);
		vl__freep(seen);
		return NULL;
	}
	for (size_t i = 0; i < cs->n; i++)
		if (cs->v[i].group == gi + 1) {
			idx[k++] = i;
			if (!name && cs->v[i].subject == g->subject)
				name = cs->v[i].subject_name;
		}
	cJSON_AddStringToObject(o, "event", g->event);
	if (g->subject && name) {
		cJSON_AddStringToObject(o, "subject", name);
		cJSON_AddNumberToObject(o, "subject_entity",
					(double)g->subject);
	} else {
		cJSON_AddNullToObject(o, "subject");
		cJSON_AddNullToObject(o, "subject_entity");
	}
	cJSON_AddBoolToObject(o, "disputed", 0);
	cJSON_AddItemToObject(o, "claims", arr = cJSON_CreateArray());
	cJSON_AddItemToObject(o, "disputes", dis = cJSON_CreateArray());
	for (size_t i = 0; arr && i < k; i++)
		cJSON_AddItemToArray(arr, claim_object(&cs->v[idx[i]]));
	/* each claim that disputes: against the first claim of each source
	 * it disputes (seen: those already reported for it) */
	for (size_t j = 0; dis && j < k; j++) {
		size_t n_seen = 0;
		for (size_t i = 0; i < k; i++) {
			const claim *a = &cs->v[idx[i]];
			const char *why = dispute(a, &cs->v[idx[j]]);
			size_t h = 0;
			cJSON *d;
			while (why && h < n_seen &&
			       other_source(&cs->v[idx[seen[h]]], a))
				h++;
			if (!why || h < n_seen || !(d = cJSON_CreateObject()))
				continue;
			seen[n_seen++] = i;
			cJSON_AddNumberToObject(d, "claim", (double)i);
			cJSON_AddNumberToObject(d, "by", (double)j);
			cJSON_AddStringToObject(d, "why", why);
			cJSON_AddItemToArray(dis, d);
			disputed = 1;
		}
	}
	cJSON_ReplaceItemInObject(o, "disputed", cJSON_CreateBool(disputed));
	vl__freep(idx);
	vl__freep(seen);
	return o;
}

static int by_dispute(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a,
		    *y = *(const cJSON *const *)b;
	int dx = cJSON_IsTrue(cJSON_GetObjectItem(x, "disputed"));
	int dy = cJSON_IsTrue(cJSON_GetObjectItem(y, "disputed"));
	int nx = cJSON_GetArraySize(cJSON_GetObjectItem(x, "claims"));
	int ny = cJSON_GetArraySize(cJSON_GetObjectItem(y, "claims"));
	if (dx != dy)
		return dy - dx;
	return ny - nx;
}

/* Every claim of a story, read back. */
static int read_claims(vl_engine *eng, int64_t story, claims *cs)
{
	int rc = vl__store_each_claim(eng->store, story, claim_cb, cs);
	if (rc == VL_ESTOPPED || cs->oom)
		rc = VL_ENOMEM;
	return rc;
}

int vl_engine_claims_json(vl_engine *eng, int64_t story, unsigned flags,
			  char **out)
{
	claims cs;
	group *g = NULL;
	cJSON *o = NULL, *subs, **sorted = NULL;
	size_t ng, other = 0;
	int rc;

	if (!eng || !out)
		return VL_EINVAL;
	*out = NULL;
	memset(&cs, 0, sizeof cs);
	if ((rc = read_claims(eng, story, &cs)))
		goto done;
	if ((ng = group_claims(&cs, &g)) == (size_t)-1 ||
	    !(sorted = vl__calloc(ng + 1, sizeof(cJSON *))) ||
	    !(o = cJSON_CreateObject())) {
		rc = VL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < ng; i++)
		if (!(sorted[i] = subject_object(&cs, &g[i], i))) {
			rc = VL_ENOMEM;
			goto done;
		}
	qsort(sorted, ng, sizeof(cJSON *), by_dispute);
	cJSON_AddNumberToObject(o, "story", (double)story);
	cJSON_AddItemToObject(o, "subjects", subs = cJSON_CreateArray());
	for (size_t i = 0; i < ng; i++) {
		cJSON_AddItemToArray(subs, sorted[i]);
		sorted[i] = NULL;
	}
	for (size_t i = 0; i < cs.n; i++)
		other += !cs.v[i].group;
	cJSON_AddNumberToObject(o, "other_claims", (double)other);
	*out = print(o, flags);
	o = NULL;
	rc = *out ? 0 : VL_ENOMEM;
done:
	for (size_t i = 0; sorted && i < ng; i++)
		cJSON_Delete(sorted[i]);
	vl__freep(sorted);
	vl__freep(g);
	cJSON_Delete(o);
	claims_free(&cs);
	return rc;
}

/* ---- timeline ---- */

typedef struct tl_ctx {
	cJSON *days; /* object: ISO day -> array of events */
	const claims *cs;
} tl_ctx;

/* The sentence around bytes [s, e): from after the previous ". ", "! ",
 * "? " or line break, to the next. */
static void sentence_around(const char *t, size_t len, size_t s, size_t e,
			    size_t *from, size_t *to)
{
	size_t a = s, b = e;
	while (a > 0 && t[a - 1] != '\n' &&
	       !(a >= 2 && t[a - 1] == ' ' && strchr(".!?", t[a - 2])))
		a--;
	while (b < len && t[b] != '\n' &&
	       !(strchr(".!?", t[b]) &&
		 (b + 1 == len || t[b + 1] == ' ' || t[b + 1] == '\n')))
		b++;
	if (b < len && t[b] != '\n')
		b++;
	*from = a;
	*to = b;
}

/* One dated sentence of article a into the timeline. */
static int add_event(tl_ctx *c, const vl_store_xarticle *a, const vl_date *d)
{
	char iso[16];
	size_t from, to;
	cJSON *day, *ev, *cl;

	/* events of a day: days and parts of a day, read in the text */
	if ((d->gran != VL_GRAN_DAY && d->gran != VL_GRAN_PART) ||
	    d->first != d->last || d->end > a->text_len)
		return 0;
	day_iso(d->first, iso);
	if (!(day = cJSON_GetObjectItem(c->days, iso)) &&
	    !(day = cJSON_AddArrayToObject(c->days, iso)))
		return VL_ENOMEM;
	sentence_around(a->text, a->text_len, d->start, d->end, &from, &to);
	if (!(ev = cJSON_CreateObject()))
		return VL_ENOMEM;
	cJSON_AddStringToObject(ev, "article", a->id);
	cJSON_AddStringToObject(ev, "source", a->source ? a->source : "");
	add_span(ev, "expression", a->text, a->text_len, d->start, d->end);
	add_span(ev, "text", a->text, a->text_len, (int64_t)from, (int64_t)to);
	cJSON_AddNumberToObject(ev, "start", (double)from);
	cJSON_AddNumberToObject(ev, "end", (double)to);
	cJSON_AddItemToObject(ev, "claims", cl = cJSON_CreateArray());
	for (size_t i = 0; cl && i < c->cs->n; i++) {
		const claim *x = &c->cs->v[i];
		cJSON *co;
		if (x->article_rowid != a->rowid || x->end <= (int64_t)from ||
		    x->start >= (int64_t)to || !(co = cJSON_CreateObject()))
			continue;
		cJSON_AddStringToObject(co, "source", who(x));
		cJSON_AddStringToObject(co, "polarity",
					vl__claim_polarity_name(x->polarity));
		if (x->event)
			cJSON_AddStringToObject(co, "event", x->event);
		else
			cJSON_AddNullToObject(co, "event");
		cJSON_AddItemToArray(cl, co);
	}
	cJSON_AddItemToArray(day, ev);
	return 0;
}

typedef struct tl_article {
	tl_ctx *c;
	vl_engine *eng;
	int rc;
} tl_article;

/* Every dated sentence of one article, its dates read against its day. */
static int article_events(const vl_store_xarticle *a, void *payload)
{
	tl_article *t = payload;
	vl_dates ds = { NULL, 0 };
	int32_t day;
	int how;

	if ((t->rc = vl__article_day(t->eng, a->rowid, a->text, &day, &how)) ||
	    (t->rc = article_dates(t->eng, a->rowid, a->text, a->text_len, day,
				   how, &ds)))
		return 1;
	for (size_t i = 0; i < ds.n && !t->rc; i++)
		t->rc = add_event(t->c, a, &ds.v[i]);
	vl__dates_free(&ds);
	return t->rc != 0;
}

typedef struct rowids {
	int64_t *v;
	size_t n;
	int oom;
} rowids;

static int member_cb(const vl_store_dating *d, void *payload)
{
	rowids *r = payload;
	int64_t *v = vl__realloc(r->v, (r->n + 1) * sizeof *v);
	if (!v)
		return r->oom = 1;
	v[r->n++] = d->rowid;
	r->v = v;
	return 0;
}

static int by_key(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
		      (*(const cJSON *const *)b)->string);
}

int vl_engine_timeline_json(vl_engine *eng, int64_t story, unsigned flags,
			    char **out)
{
	claims cs;
	tl_ctx c;
	rowids members = { NULL, 0, 0 };
	cJSON *o = NULL, *days, **v = NULL, *it;
	size_t n = 0;
	int rc;

	if (!eng || !out)
		return VL_EINVAL;
	*out = NULL;
	memset(&cs, 0, sizeof cs);
	memset(&c, 0, sizeof c);
	if ((rc = read_claims(eng, story, &cs)))
		goto done;
	c.cs = &cs;
	if (!(c.days = cJSON_CreateObject())) {
		rc = VL_ENOMEM;
		goto done;
	}
	rc = vl__store_each_dating(eng->store, story, member_cb, &members);
	if (rc == VL_ESTOPPED || members.oom)
		rc = VL_ENOMEM;
	for (size_t i = 0; !rc && i < members.n; i++) {
		tl_article t = { &c, eng, 0 };
		rc = vl__store_xarticle(eng->store, members.v[i],
					article_events, &t);
		if (rc == VL_ESTOPPED || t.rc)
			rc = t.rc ? t.rc : VL_ENOMEM;
	}
	if (rc)
		goto done;
	/* days in order */
	v = vl__calloc((size_t)cJSON_GetArraySize(c.days) + 1, sizeof(cJSON *));
	if (!v || !(o = cJSON_CreateObject())) {
		rc = VL_ENOMEM;
		goto done;
	}
	cJSON_ArrayForEach(it, c.days)
	{
		v[n++] = it;
	}
	qsort(v, n, sizeof(cJSON *), by_key);
	cJSON_AddNumberToObject(o, "story", (double)story);
	cJSON_AddItemToObject(o, "days", days = cJSON_CreateArray());
	for (size_t i = 0; days && i < n; i++) {
		cJSON *d = cJSON_CreateObject();
		if (!d)
			break;
		cJSON_AddStringToObject(d, "date", v[i]->string);
		cJSON_AddItemReferenceToObject(d, "events", v[i]);
		cJSON_AddItemToArray(days, d);
	}
	*out = print(o, flags);
	o = NULL;
	rc = *out ? 0 : VL_ENOMEM;
done:
	cJSON_Delete(o);
	cJSON_Delete(c.days);
	vl__freep(v);
	vl__freep(members.v);
	claims_free(&cs);
	return rc;
}
