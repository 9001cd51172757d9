/*
 * claims.c — an article's claims (claims.h). Two sources of claims:
 *   1. quotations: each one with a speaker is a claim of that speaker;
 *      a partial quotation ("avaient «libéré» Dzerjinsk") claims its
 *      whole sentence;
 *   2. sentences outside quotations with a cue (affirmer, assurer,
 *      revendiquer, selon, démentir, "n'a pas confirmé"...) whose
 *      subject comes before the cue: a mention, or the phrase from the
 *      sentence's start ("Les autorités ukrainiennes").
 * Polarity: a denial or doubt cue, or a negation ("ne ... pas",
 * "aucun", "pas de") inside the statement, makes it a denial. Event:
 * the first event word of the statement (else of its sentence). Subject:
 * a place or organisation named in the statement, else in its sentence,
 * else the last place named before it (the article's "cette ville").
 */
#include "claims/claims.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "claims/words.h"
#include "entities/gazetteer.h"
#include "entities/span.h"
#include "util/alloc.h"

/* At most this many claims an article: the rest of a huge text is left
 * out rather than make the stage slow. */
#define MAX_CLAIMS 4096
/* A cue this many tokens from the sentence's start at most has its
 * subject in the phrase before it. */
#define MAX_SUBJECT_TOKENS 10

typedef struct finder {
	const char *text;
	const vl_token *t;
	const vl_sentence *s;
	size_t ns;
	const vl_ments *ms;
	const vl_quotes *qs;
	const vl_claim_words *w;
	vl_claims *out;
	size_t cap;
} finder;

/* Index of the first mention starting at or after byte `at` (mentions
 * are in text order). */
static size_t mention_from(const finder *f, size_t at)
{
	size_t lo = 0, hi = f->ms->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->ms->m[mid].start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int push(finder *f, const vl_claim *c)
{
	if (f->out->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 16;
		vl_claim *v = vl__realloc(f->out->v, cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		f->out->v = v;
		f->cap = cap;
	}
	f->out->v[f->out->n++] = *c;
	return 0;
}

/* The sentence holding byte `at`. */
static size_t sentence_of(const finder *f, size_t at)
{
	size_t lo = 0, hi = f->ns;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (f->s[mid].start <= at)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Tokens [a, b) of the text whose bytes lie in [start, end). */
static void token_range(const finder *f, size_t start, size_t end, size_t *a,
			size_t *b)
{
	size_t si = sentence_of(f, start),
	       sj = sentence_of(f, end ? end - 1 : 0);
	size_t from = f->s[si].first_token;
	size_t to = f->s[sj].first_token + f->s[sj].n_tokens;
	*a = from;
	while (*a < to && f->t[*a].start < start)
		(*a)++;
	*b = *a;
	while (*b < to && f->t[*b].end <= end)
		(*b)++;
}

static int is_ne(const vl_token *t)
{
	return (t->norm_len == 2 && !memcmp(t->norm, "ne", 2)) ||
	       (t->norm_len == 2 && !memcmp(t->norm, "n'", 2));
}

/* Polarity, event and figure of tokens [a, b). */
static void read_statement(const finder *f, size_t a, size_t b, vl_claim *c)
{
	int ne_seen = 0;
	for (size_t i = a; i < b; i++) {
		int kind, cls;
		size_t m = vl__claim_word_at(f->w, f->t, b, i, &kind, &cls);
		if (is_ne(&f->t[i]))
			ne_seen = 3;
		if (m && kind == VL_CW_DENY)
			c->polarity = VL_CLAIM_DENIES;
		else if (m && kind == VL_CW_DOUBT &&
			 c->polarity != VL_CLAIM_DENIES)
			c->polarity = VL_CLAIM_DOUBTS;
		else if (m && kind == VL_CW_NEG &&
			 (ne_seen || f->t[i].norm_len >= 5 ||
			  (f->t[i].norm_len == 3 &&
			   !memcmp(f->t[i].norm, "pas", 3) && i + 1 < b &&
			   f->t[i + 1].norm_len == 2 &&
			   !memcmp(f->t[i + 1].norm, "de", 2))))
			/* "ne ... pas", "aucun(e)", "jamais", "pas de" */
			c->polarity = VL_CLAIM_DENIES;
		else if (m && kind == VL_CW_EVENT && !c->event)
			c->event = (uint8_t)cls;
		if (isnan(c->number) && f->t[i].kind == VL_TOK_NUMBER)
			c->number = strtod(f->t[i].norm, NULL);
		if (ne_seen)
			ne_seen--;
		if (m > 1)
			i += m - 1;
	}
}

/* A place a claim can be about: a place that is not a country (a
 * country is an actor: "la Russie a revendiqué"). */
static int is_subject(const finder *f, size_t i)
{
	const vl_ment *m = &f->ms->m[i];
	vl_place p;
	const vl_gaz *g = vl__gaz_default();
	int lower = 0;

	/* a dateline's city in capitals ("GENÈVE, 15 mars (AOP) -") says
	 * where the dispatch was written, not what it is about */
	for (size_t k = m->start; k < m->end && !lower; k++)
		lower = f->text[k] >= 'a' && f->text[k] <= 'z';
	if (!lower)
		return 0;
	return m->type == VL_ENT_LOC &&
	       !(g &&
		 vl__gaz_find(g, f->text + m->start, m->end - m->start, &p) &&
		 p.is_country);
}

/* The first such place inside [start, end) other than the source; -1
 * if none. */
static int32_t subject_in(const finder *f, size_t start, size_t end,
			  int32_t source)
{
	for (size_t i = mention_from(f, start); i < f->ms->n; i++) {
		if (f->ms->m[i].start >= end)
			break;
		if ((int32_t)i != source && is_subject(f, i))
			return (int32_t)i;
	}
	return -1;
}

/* The last such place named before byte `at`; -1 if none. */
static int32_t place_before(const finder *f, size_t at)
{
	for (size_t i = mention_from(f, at); i-- > 0;)
		if (f->ms->m[i].end <= at && is_subject(f, i))
			return (int32_t)i;
	return -1;
}

/* Fill the statement's reading and subject, then keep it. */
static int finish(finder *f, vl_claim *c, size_t sent)
{
	size_t a, b;
	const vl_sentence *s = &f->s[sent];

	token_range(f, c->start, c->end, &a, &b);
	read_statement(f, a, b, c);
	if (!c->event) {
		vl_claim whole = *c;
		read_statement(f, s->first_token, s->first_token + s->n_tokens,
			       &whole);
		c->event = whole.event;
	}
	c->subject = subject_in(f, c->start, c->end, c->source);
	if (c->subject < 0)
		c->subject = subject_in(f, s->start, s->end, c->source);
	if (c->subject < 0 && (c->subject = place_before(f, s->start)) >= 0)
		c->subject_inferred = 1;
	return push(f, c);
}

static void set_source(const finder *f, vl_claim *c, int32_t m)
{
	if (m >= 0 && (size_t)m >= f->ms->n)
		m = -1;
	c->source = m;
	if (m >= 0) {
		c->src_start = f->ms->m[m].start;
		c->src_end = f->ms->m[m].end;
	}
}

/* Can this mention speak? A person, an organisation, a country or a
 * capital as an actor ("selon Moscou", "Kiev accuse"); a town or a
 * region cannot. Big cities stand for capitals here: the gazetteer
 * keeps no capital flag. */
static int is_speaker(const finder *f, int32_t m)
{
	const vl_ment *mt;
	const vl_gaz *g = vl__gaz_default();
	vl_place p;

	if (m < 0 || (size_t)m >= f->ms->n)
		return 0;
	mt = &f->ms->m[m];
	if (mt->type != VL_ENT_LOC)
		return 1;
	return g &&
	       vl__gaz_find(g, f->text + mt->start, mt->end - mt->start, &p) &&
	       (p.is_country || p.population >= 600000);
}

/* A quotation whose speaker the text gives as a phrase, not a name ("a
 * indiqué le ministère russe de la Défense"): the phrase after the cue
 * up to the next punctuation, at most a few words. */
static void phrase_source(const finder *f, const vl_quote *q, vl_claim *c)
{
	size_t a, b, e, limit;

	c->source = -1;
	c->src_start = c->src_end = 0;
	if (q->speaker < 0 && q->sp_end > q->sp_start) {
		/* the phrase the quote stage read */
		c->src_start = q->sp_start;
		c->src_end = q->sp_end;
		return;
	}
	/* only after a quotation: "«...», a indiqué X" */
	if (q->cue_end <= q->cue_start || q->cue_start < q->end ||
	    q->kind == VL_QUOTE_REPORTED)
		return;
	token_range(f, q->cue_end, f->s[sentence_of(f, q->cue_start)].end, &a,
		    &b);
	limit = a + 8 < b ? a + 8 : b;
	for (e = a; e < limit && f->t[e].kind != VL_TOK_PUNCT &&
		    f->t[e].kind != VL_TOK_QUOTE;
	     e++)
		;
	if (e > a) {
		c->src_start = (uint32_t)f->t[a].start;
		c->src_end = (uint32_t)f->t[e - 1].end;
	}
}

static int from_quotes(finder *f)
{
	for (size_t i = 0; i < f->qs->n && f->out->n < MAX_CLAIMS; i++) {
		const vl_quote *q = &f->qs->v[i];
		size_t sent = sentence_of(f, q->start);
		vl_claim c;
		int rc;
		memset(&c, 0, sizeof c);
		c.number = NAN;
		c.quote = (int32_t)i;
		c.polarity = VL_CLAIM_ASSERTS;
		c.start = q->start;
		c.end = q->end;
		if (q->kind == VL_QUOTE_PARTIAL) {
			c.start = (uint32_t)f->s[sent].start;
			c.end = (uint32_t)f->s[sent].end;
		}
		set_source(f, &c, q->speaker);
		if (!is_speaker(f, q->speaker))
			phrase_source(f, q, &c);
		if (c.source < 0 && c.src_end == 0)
			continue; /* nobody said it */
		/* a denial verb as the quote's cue ("a démenti") */
		if (q->cue_end > q->cue_start) {
			size_t a, b;
			vl_claim cue = c;
			token_range(f, q->cue_start, q->cue_end, &a, &b);
			read_statement(f, a, b, &cue);
			if (cue.polarity != VL_CLAIM_ASSERTS)
				c.polarity = cue.polarity;
		}
		if ((rc = finish(f, &c, sent)))
			return rc;
	}
	return 0;
}

/* Is byte `at` inside a quotation? */
static int in_quote(const finder *f, size_t at)
{
	/* quotations are in text order: the last one starting at or
	 * before `at`, and a few before it (nested ones end earlier) */
	size_t lo = 0, hi = f->qs->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->qs->v[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo, k = 0; i-- > 0 && k < 4; k++)
		if (at >= f->qs->v[i].start && at < f->qs->v[i].end)
			return 1;
	return 0;
}

/* The mention that ends last before token i in the sentence, a person,
 * an organisation or a place (a country as an actor); -1 if none. */
static int32_t actor_before(const finder *f, const vl_sentence *s, size_t i)
{
	int32_t best = -1;
	for (size_t k = mention_from(f, s->start); k < f->ms->n; k++) {
		if (f->ms->m[k].end > f->t[i].start)
			break;
		best = (int32_t)k;
	}
	return best;
}

/* "selon X, ...", "d'après X, ...": the source follows the cue, up to
 * the comma; a mention there, else the phrase. */
static int source_after(const finder *f, const vl_sentence *s, size_t i,
			size_t m, vl_claim *c)
{
	size_t end = s->first_token + s->n_tokens, j = i + m;
	const vl_token *t = f->t;

	if (!((t[i].norm_len == 5 && !memcmp(t[i].norm, "selon", 5)) ||
	      (m == 2 && t[i].norm_len == 2 && !memcmp(t[i].norm, "d'", 2))))
		return 0;
	while (j < end && !(t[j].kind == VL_TOK_PUNCT && t[j].norm_len == 1 &&
			    t[j].norm[0] == ','))
		j++;
	if (j == i + m)
		return 0;
	for (size_t k = 0; k < f->ms->n; k++) {
		const vl_ment *mt = &f->ms->m[k];
		if (mt->start >= t[i + m].start && mt->end <= t[j - 1].end) {
			set_source(f, c, (int32_t)k);
			return 1;
		}
	}
	c->src_start = (uint32_t)t[i + m].start;
	c->src_end = (uint32_t)t[j - 1].end;
	return 1;
}

/* "«...», a à son tour assuré l'état-major": a cue after a comma or a
 * quotation mark (short words between) has its source after it: a
 * mention that can speak, else the phrase up to the punctuation. */
static int inverted(const finder *f, const vl_sentence *s, size_t i, size_t m,
		    vl_claim *c)
{
	size_t k = i, end = s->first_token + s->n_tokens, e;
	const vl_token *t = f->t;

	while (k > s->first_token && i - k < 4 &&
	       t[k - 1].kind == VL_TOK_WORD &&
	       !(t[k - 1].flags & VL_TOKF_CAPITALIZED) &&
	       t[k - 1].norm_len <= 6)
		k--;
	if (k == s->first_token ||
	    (t[k - 1].kind != VL_TOK_QUOTE &&
	     !(t[k - 1].kind == VL_TOK_PUNCT && t[k - 1].norm[0] == ',')))
		return 0;
	for (e = i + m; e < end && e < i + m + 8 && t[e].kind != VL_TOK_PUNCT &&
			t[e].kind != VL_TOK_QUOTE;
	     e++)
		;
	if (e == i + m)
		return 0;
	for (size_t x = 0; x < f->ms->n; x++) {
		const vl_ment *mt = &f->ms->m[x];
		if (mt->start >= t[i + m].start && mt->end <= t[e - 1].end &&
		    is_speaker(f, (int32_t)x)) {
			set_source(f, c, (int32_t)x);
			return 1;
		}
	}
	c->src_start = (uint32_t)t[i + m].start;
	c->src_end = (uint32_t)t[e - 1].end;
	return 1;
}

static int from_sentences(finder *f)
{
	/* sentences that have a claim already, from a quotation */
	unsigned char *claimed = vl__calloc(f->ns, 1);
	if (!claimed)
		return VL_ENOMEM;
	for (size_t i = 0; i < f->out->n; i++)
		claimed[sentence_of(f, f->out->v[i].start)] = 1;
	for (size_t si = 0; si < f->ns && f->out->n < MAX_CLAIMS; si++) {
		const vl_sentence *s = &f->s[si];
		size_t end = s->first_token + s->n_tokens;
		if (claimed[si])
			continue;
		for (size_t i = s->first_token; i < end; i++) {
			int kind, cls, rc;
			size_t m = vl__claim_word_at(f->w, f->t, end, i, &kind,
						     &cls);
			vl_claim c;
			if (!m || kind == VL_CW_NEG || kind == VL_CW_EVENT ||
			    in_quote(f, f->t[i].start))
				continue;
			memset(&c, 0, sizeof c);
			c.number = NAN;
			c.quote = -1;
			c.source = -1; /* until a source is found */
			c.subject = -1;
			c.polarity = VL_CLAIM_ASSERTS;
			c.start = (uint32_t)s->start;
			c.end = (uint32_t)s->end;
			if (!source_after(f, s, i, m, &c) &&
			    !inverted(f, s, i, m, &c)) {
				int32_t a = actor_before(f, s, i);
				set_source(f, &c, is_speaker(f, a) ? a : -1);
			}
			if (c.source < 0 && c.src_end == 0 &&
			    i - s->first_token <= MAX_SUBJECT_TOKENS &&
			    i > s->first_token) {
				/* the phrase before the cue, its verb left
				 * out: "Les autorités ukrainiennes (n'ont
				 * pas confirmé)" */
				size_t e = i;
				while (e > s->first_token + 1 &&
				       (is_ne(&f->t[e - 1]) ||
					f->t[e - 1].norm_len <= 4))
					e--;
				c.src_start =
					(uint32_t)f->t[s->first_token].start;
				c.src_end = (uint32_t)f->t[e - 1].end;
			}
			if (c.source < 0 && c.src_end == 0)
				break; /* nobody states it */
			if ((rc = finish(f, &c, si))) {
				vl__freep(claimed);
				return rc;
			}
			break; /* one claim a sentence */
		}
	}
	vl__freep(claimed);
	return 0;
}

/* Same source (the same entity of the article, or the same phrase)? */
static int same_source(const finder *f, const vl_claim *a, const vl_claim *b)
{
	if (a->source >= 0 && b->source >= 0 && (size_t)a->source < f->ms->n &&
	    (size_t)b->source < f->ms->n)
		return f->ms->m[a->source].local == f->ms->m[b->source].local;
	return a->source < 0 && b->source < 0 &&
	       a->src_end - a->src_start == b->src_end - b->src_start &&
	       !memcmp(f->text + a->src_start, f->text + b->src_start,
		       a->src_end - a->src_start);
}

/* One claim per statement and source: a claim that repeats another of
 * the same source, or holds one (a partial quotation's sentence around
 * the source's reported clause), goes. Claims inside a claim start
 * within it: the claims are looked at in order of start. */
static int by_start(const void *x, const void *y)
{
	const vl_claim *a = *(const vl_claim *const *)x;
	const vl_claim *b = *(const vl_claim *const *)y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int dedupe(finder *f)
{
	vl_claims *c = f->out;
	const vl_claim **o = vl__malloc((c->n + 1) * sizeof(const vl_claim *));
	unsigned char *drop = vl__calloc(c->n + 1, 1);
	size_t kept = 0;

	if (!o || !drop) {
		vl__freep(o);
		vl__freep(drop);
		return VL_ENOMEM;
	}
	for (size_t i = 0; i < c->n; i++)
		o[i] = &c->v[i];
	qsort(o, c->n, sizeof(const vl_claim *), by_start);
	for (size_t i = 0; i < c->n; i++) {
		const vl_claim *a = o[i];
		for (size_t j = i; j < c->n && o[j]->start < a->end; j++) {
			const vl_claim *b = o[j];
			if (a == b || b->end > a->end || !same_source(f, a, b))
				continue;
			/* b inside a: a goes; of two equal ones, the later */
			if (a->start != b->start || a->end != b->end)
				drop[a - c->v] = 1;
			else
				drop[(a > b ? a : b) - c->v] = 1;
		}
	}
	for (size_t i = 0; i < c->n; i++)
		if (!drop[i])
			c->v[kept++] = c->v[i];
	c->n = kept;
	vl__freep(o);
	vl__freep(drop);
	return 0;
}

int vl__claims_find(vl_claims *out, const char *text, size_t len,
		    const vl_analysis *an, const vl_ments *ms,
		    const vl_quotes *qs, const char *lang)
{
	finder f;
	int rc;

	(void)len;
	(void)lang;
	memset(out, 0, sizeof *out);
	memset(&f, 0, sizeof f);
	f.text = text;
	f.t = vl_analysis_tokens(an);
	f.s = vl_analysis_sentences(an);
	f.ns = vl_analysis_sentence_count(an);
	f.ms = ms;
	f.qs = qs;
	f.out = out;
	if (!f.ns)
		return 0;
	if (!(f.w = vl__claim_words()))
		return VL_ENOMEM;
	if ((rc = from_quotes(&f)) || (rc = from_sentences(&f)) ||
	    (rc = dedupe(&f)))
		vl__claims_free(out);
	return rc;
}

void vl__claims_free(vl_claims *c)
{
	if (!c)
		return;
	vl__freep(c->v);
	memset(c, 0, sizeof *c);
}

const char *vl__claim_event_name(int event)
{
	const vl_claim_words *w = vl__claim_words();
	const char *s = w ? vl__claim_class_name(w, event) : NULL;
	return s ? s : "";
}

const char *vl__claim_polarity_name(int polarity)
{
	return polarity == VL_CLAIM_DENIES   ? "denies"
	       : polarity == VL_CLAIM_DOUBTS ? "doubts"
					     : "asserts";
}
