/*
 * quotes.c — the quotation stage on one article (pure: text, analysis
 * and mentions in; quotations out). It lays out the article for the
 * rules (which sentence and which mention each token belongs to), runs
 * the three passes (marks.c, reported.c, speaker.c) and hands back the
 * quotations in text order. See docs/quotes.md.
 */
#include <stdlib.h>
#include <string.h>

#include "quotes/quotes_int.h"
#include "util/alloc.h"

int vl__qcand_add(qctx *c, const qcand *q)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		qcand *v = vl__realloc(c->c, cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		c->c = v;
		c->cap = cap;
	}
	c->c[c->n++] = *q;
	return 0;
}

static int cmp_cand(const void *a, const void *b)
{
	const qcand *x = a, *y = b;

	if (x->q.start != y->q.start)
		return x->q.start < y->q.start ? -1 : 1;
	if (x->q.end != y->q.end)
		return x->q.end > y->q.end ? -1 : 1;
	return (int)x->q.kind - (int)y->q.kind;
}

/* Which sentence and which mention each token belongs to. */
static void lay_out(qctx *c)
{
	size_t m = 0;

	for (size_t s = 0; s < c->ns; s++)
		for (size_t i = c->sv[s].first_token;
		     i < c->sv[s].first_token + c->sv[s].n_tokens && i < c->nt;
		     i++)
			c->sent_of[i] = (uint32_t)s;
	for (size_t i = 1; i < c->nt; i++)
		if (c->sent_of[i] < c->sent_of[i - 1])
			c->sent_of[i] = c->sent_of[i - 1];
	for (size_t i = 0; i < c->nt; i++) {
		const vl_token *t = &c->tk[i];
		unsigned k = t->kind == VL_TOK_WORD ||
					     t->kind == VL_TOK_ELISION ||
					     t->kind == VL_TOK_PUNCT
				     ? vl__qword(t->norm, t->norm_len)
				     : 0;
		/* speech verbs and nouns are words; "qu'" is not a verb */
		if (t->kind != VL_TOK_WORD)
			k &= ~(VL_QW_VERB | VL_QW_QUE | VL_QW_INF |
			       VL_QW_TITLE | VL_QW_NOSOURCE | VL_QW_PERSON |
			       VL_QW_BODY);
		c->cls[i] = (uint16_t)k;
		c->ment_at[i] = -1;
		c->close_of[i] = SIZE_MAX;
		while (m < c->ms->n && c->ms->m[m].end <= c->tk[i].start)
			m++;
		if (m < c->ms->n && c->ms->m[m].start <= c->tk[i].start &&
		    c->tk[i].end <= c->ms->m[m].end) {
			if (i == 0 || c->ment_at[i - 1] != (int32_t)m)
				c->ment_first[m] = i;
			c->ment_at[i] = (int32_t)m;
			c->ment_last[m] = i;
		}
	}
}

/* A reported clause that says the same words as a quotation beside it
 * adds nothing. */
static int same_span(const vl_quote *a, const vl_quote *b)
{
	uint32_t lo = a->start > b->start ? a->start : b->start;
	uint32_t hi = a->end < b->end ? a->end : b->end;
	uint32_t la = a->end - a->start, lb = b->end - b->start;

	return hi > lo && 10u * (hi - lo) >= 9u * (la > lb ? la : lb);
}

int vl__quotes_find(vl_quotes *out, const char *text, size_t len,
		    const vl_analysis *an, const vl_ments *ms, const char *lang)
{
	qctx c;
	size_t n_ment;
	int rc = VL_ENOMEM;

	(void)lang; /* the rules are French; other languages find little */
	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	if (!text || !an || !ms)
		return VL_EINVAL;
	c.text = text;
	c.len = len;
	c.tk = vl_analysis_tokens(an);
	c.nt = vl_analysis_token_count(an);
	c.sv = vl_analysis_sentences(an);
	c.ns = vl_analysis_sentence_count(an);
	c.ms = ms;
	if (!c.nt || len > UINT32_MAX)
		return len > UINT32_MAX ? VL_ETOOBIG : 0;
	n_ment = ms->n ? ms->n : 1;
	c.sent_of = vl__calloc(c.nt, sizeof *c.sent_of);
	c.ment_at = vl__calloc(c.nt, sizeof *c.ment_at);
	c.cover = vl__calloc(c.nt, sizeof *c.cover);
	c.cls = vl__calloc(c.nt, sizeof *c.cls);
	c.close_of = vl__calloc(c.nt, sizeof *c.close_of);
	c.ment_first = vl__calloc(n_ment, sizeof *c.ment_first);
	c.ment_last = vl__calloc(n_ment, sizeof *c.ment_last);
	if (!c.sent_of || !c.ment_at || !c.cover || !c.cls || !c.close_of ||
	    !c.ment_first || !c.ment_last)
		goto done;
	lay_out(&c);
	if ((rc = vl__quotes_marks(&c)) || (rc = vl__quotes_reported(&c)))
		goto done;
	if (c.n)
		qsort(c.c, c.n, sizeof *c.c, cmp_cand);
	vl__quotes_speakers(&c);
	for (size_t i = 0; i < c.n; i++) {
		if (c.c[i].q.kind != VL_QUOTE_REPORTED || c.c[i].dropped)
			continue;
		for (size_t k = i > 2 ? i - 2 : 0; k < c.n && k < i + 3; k++)
			if (k != i && !c.c[k].dropped &&
			    c.c[k].q.kind != VL_QUOTE_REPORTED &&
			    same_span(&c.c[i].q, &c.c[k].q))
				c.c[i].dropped = 1;
	}
	rc = VL_ENOMEM;
	if (!(out->v = vl__malloc((c.n ? c.n : 1) * sizeof *out->v)))
		goto done;
	for (size_t i = 0; i < c.n; i++)
		if (!c.c[i].dropped)
			out->v[out->n++] = c.c[i].q;
	rc = 0;
done:
	vl__freep(c.sent_of);
	vl__freep(c.ment_at);
	vl__freep(c.cover);
	vl__freep(c.cls);
	vl__freep(c.close_of);
	vl__freep(c.ment_first);
	vl__freep(c.ment_last);
	vl__freep(c.c);
	if (rc)
		vl__quotes_free(out);
	return rc;
}

void vl__quotes_free(vl_quotes *q)
{
	if (!q)
		return;
	vl__freep(q->v);
	q->v = NULL;
	q->n = 0;
}
