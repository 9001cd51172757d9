/*
 * passages.c — reading sentence-level reuse back: the sentences of an
 * article with the other articles carrying them and their origin
 * (vl_engine_reuse), and two articles aligned side by side
 * (vl_engine_compare).
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "reuse/align.h"
#include "text/analysis.h"
#include "util/alloc.h"

/* An article carrying a sentence of ours. */
typedef struct carrier {
	size_t idx; /* our sentence; SIZE_MAX: all (an exact copy) */
	int64_t rowid, ts;
	char *id;
	double score;
	int64_t key; /* sort key of the comparison at hand */
} carrier;

typedef struct carriers {
	carrier *v;
	size_t n, cap;
	int oom;
} carriers;

static int add(carriers *c, size_t idx, int64_t rowid, int64_t ts,
	       const char *id, double score)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		carrier *v = vl__realloc(c->v, cap * sizeof *v);
		if (!v) {
			c->oom = 1;
			return 1;
		}
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n] = (carrier){ idx, rowid, ts, vl__strdup(id), score, 0 };
	if (!c->v[c->n].id) {
		c->oom = 1;
		return 1;
	}
	c->n++;
	return 0;
}

static int add_copy(int64_t rowid, const char *id, int64_t ts, void *payload)
{
	return add(payload, SIZE_MAX, rowid, ts, id, 1.0);
}

static int add_passage(const vl_store_passage *p, void *payload)
{
	return add(payload, p->idx, p->other, p->other_ts, p->other_id,
		   p->score);
}

/* Which came first: publication time when every article compared has
 * one, else ingest order for all of them (an undated article cannot be
 * placed among dated ones). The choice is made per sentence and put in
 * each carrier's key. */
static int by_age(const void *x, const void *y)
{
	const carrier *a = *(carrier *const *)x, *b = *(carrier *const *)y;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->rowid < b->rowid ? -1 : a->rowid > b->rowid;
}

int vl_engine_reuse(vl_engine *eng, const char *id,
		    int (*cb)(const vl_reuse_sentence *s, void *payload),
		    void *payload, double *share)
{
	vl_article *a = NULL;
	carriers c = { NULL, 0, 0, 0 };
	carrier **pick = NULL;
	const char **ids = NULL;
	double *scores = NULL;
	int64_t ts, dup_of, rep;
	size_t own = 0, total = 0;
	int64_t mine;
	int rc, by_time;

	if (!eng || !id || !cb)
		return VL_EINVAL;
	if ((rc = vl_engine_article(eng, id, &a)) ||
	    (rc = vl__store_article_order(eng->store, a->rowid, &ts, &dup_of)))
		goto done;
	/* An exact copy shares every sentence with its original and the
	 * other copies, and what they share with others. */
	rep = dup_of ? dup_of : a->rowid;
	if ((rc = vl__store_each_copy(eng->store, rep, a->rowid, add_copy,
				      &c)) ||
	    (rc = vl__store_each_passage(eng->store, rep, add_passage, &c)))
		goto done;
	rc = VL_ENOMEM;
	if (c.oom || !(pick = vl__calloc(c.n + 1, sizeof(carrier *))) ||
	    !(ids = vl__calloc(c.n + 1, sizeof *ids)) ||
	    !(scores = vl__calloc(c.n + 1, sizeof *scores)))
		goto done;
	rc = 0;
	for (size_t i = 0; i < a->n_sentences && !rc; i++) {
		const vl_sentence *z = &a->clean_sentences[i];
		vl_reuse_sentence s;
		size_t k = 0, m = 0;

		for (size_t j = 0; j < c.n; j++)
			if ((c.v[j].idx == i || c.v[j].idx == SIZE_MAX) &&
			    c.v[j].rowid != a->rowid)
				pick[k++] = &c.v[j];
		by_time = ts != INT64_MAX;
		for (size_t j = 0; j < k; j++)
			if (pick[j]->ts == INT64_MAX)
				by_time = 0;
		for (size_t j = 0; j < k; j++)
			pick[j]->key = by_time ? pick[j]->ts : pick[j]->rowid;
		qsort(pick, k, sizeof(carrier *), by_age);
		for (size_t j = 0; j < k; j++) { /* one entry per article */
			if (m && pick[m - 1]->rowid == pick[j]->rowid)
				continue;
			pick[m++] = pick[j];
		}
		for (size_t j = 0; j < m; j++) {
			ids[j] = pick[j]->id;
			scores[j] = pick[j]->score;
		}
		memset(&s, 0, sizeof s);
		s.index = i;
		s.start = z->start;
		s.end = z->end;
		s.orig_start = a->sentences[i].start;
		s.orig_end = a->sentences[i].end;
		s.n_others = m;
		s.others = ids;
		s.scores = scores;
		mine = by_time ? ts : a->rowid;
		s.origin = m && (pick[0]->key < mine ||
				 (pick[0]->key == mine &&
				  pick[0]->rowid < a->rowid))
				   ? pick[0]->id
				   : a->id;
		total += z->end - z->start;
		if (s.origin == a->id)
			own += z->end - z->start;
		if (cb(&s, payload))
			rc = VL_ESTOPPED;
	}
	if (share)
		*share = total ? (double)(total - own) / (double)total : 0.0;
done:
	for (size_t j = 0; j < c.n; j++)
		vl__freep(c.v[j].id);
	vl__freep(c.v);
	vl__freep(pick);
	vl__freep(ids);
	vl__freep(scores);
	vl_article_free(a);
	return rc;
}

/* Tokens, sentences and word sets of an article's clean text. */
static int sets_of(const vl_article *a, vl_analysis **an, vl_sentsets *s)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	const char *t = vl_article_text(a);
	int rc;

	o.detect_language = 0;
	if ((rc = vl__analyze_valid(an, t, strlen(t), &o)))
		return rc;
	return vl__sentsets(
		s, vl_analysis_tokens(*an), vl_analysis_token_count(*an),
		vl_analysis_sentences(*an), vl_analysis_sentence_count(*an));
}

int vl_engine_compare(vl_engine *eng, const char *id_a, const char *id_b,
		      int (*cb)(const vl_aligned *p, void *payload),
		      void *payload, double *jaccard)
{
	vl_article *a = NULL, *b = NULL;
	vl_analysis *xa = NULL, *xb = NULL;
	vl_sentsets sa = { NULL, NULL, 0 }, sb = { NULL, NULL, 0 };
	vl_match *m = NULL;
	size_t n = 0, next_b = 0, k = 0;
	unsigned char *used_b = NULL;
	const vl_sentence *za, *zb;
	int rc;

	if (!eng || !id_a || !id_b || !cb)
		return VL_EINVAL;
	if ((rc = vl_engine_article(eng, id_a, &a)) ||
	    (rc = vl_engine_article(eng, id_b, &b)) ||
	    (rc = sets_of(a, &xa, &sa)) || (rc = sets_of(b, &xb, &sb)) ||
	    (rc = vl__align(&m, &n, &sa, &sb)))
		goto done;
	if (jaccard && (rc = vl_text_similarity(
				vl_article_text(a), strlen(vl_article_text(a)),
				vl_article_text(b), strlen(vl_article_text(b)),
				jaccard, NULL, NULL, NULL)))
		goto done;
	if (!(used_b = vl__calloc(sb.n + 1, 1))) {
		rc = VL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		used_b[m[i].b] = 1;
	za = vl_analysis_sentences(xa);
	zb = vl_analysis_sentences(xb);
	/* A's sentences in order; B's own sentences where they fall: before
	 * the next shared sentence that follows them in B. */
	for (size_t i = 0; i < sa.n && !rc; i++) {
		vl_aligned p = { VL_ALIGN_A, za[i].start, za[i].end,
				 SIZE_MAX,   SIZE_MAX,	  0 };
		if (k < n && m[k].a == i) {
			for (; next_b < m[k].b && !rc; next_b++) {
				vl_aligned q = {
					VL_ALIGN_B,	SIZE_MAX,
					SIZE_MAX,	zb[next_b].start,
					zb[next_b].end, 0
				};
				if (!used_b[next_b] && cb(&q, payload))
					rc = VL_ESTOPPED;
			}
			p.kind = VL_ALIGN_SHARED;
			p.b_start = zb[m[k].b].start;
			p.b_end = zb[m[k].b].end;
			p.score = m[k].score;
			k++;
		}
		if (!rc && cb(&p, payload))
			rc = VL_ESTOPPED;
	}
	for (; next_b < sb.n && !rc; next_b++) {
		vl_aligned q = { VL_ALIGN_B,	   SIZE_MAX,	   SIZE_MAX,
				 zb[next_b].start, zb[next_b].end, 0 };
		if (!used_b[next_b] && cb(&q, payload))
			rc = VL_ESTOPPED;
	}
done:
	vl__freep(used_b);
	vl__freep(m);
	vl__sentsets_free(&sa);
	vl__sentsets_free(&sb);
	vl_analysis_free(xa);
	vl_analysis_free(xb);
	vl_article_free(a);
	vl_article_free(b);
	return rc;
}
