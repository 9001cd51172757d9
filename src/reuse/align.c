/*
 * align.c — sentence alignment of two articles (see align.h).
 */
#include "reuse/align.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "reuse/mix.h"
#include "util/alloc.h"

#define MIN_WORDS 3	/* shorter sentences never match */
#define JACCARD_MIN 0.5 /* same sentence, lightly edited */
#define INSIDE_MIN 0.8	/* a clause dropped: shorter inside longer */
#define INSIDE_WORDS 6	/* ... if the shorter has this many words */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Sentences are short: insertion sort beats qsort's calls. */
static void sort_words(uint64_t *v, size_t n)
{
	if (n > 48) {
		qsort(v, n, sizeof *v, cmp_u64);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t x = v[i];
		size_t j = i;
		while (j && v[j - 1] > x) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = x;
	}
}

void vl__sentsets_free(vl_sentsets *s)
{
	vl__freep(s->w);
	vl__freep(s->off);
	memset(s, 0, sizeof *s);
}

int vl__sentsets(vl_sentsets *out, const vl_token *tok, size_t n_tok,
		 const vl_sentence *sen, size_t n_sen)
{
	size_t k = 0;

	(void)n_tok;
	memset(out, 0, sizeof *out);
	out->w = vl__malloc((n_tok ? n_tok : 1) * sizeof *out->w);
	out->off = vl__malloc((n_sen + 1) * sizeof *out->off);
	if (!out->w || !out->off) {
		vl__sentsets_free(out);
		return VL_ENOMEM;
	}
	for (size_t i = 0; i < n_sen; i++) {
		size_t start = k, m = start;
		out->off[i] = start;
		for (size_t t = 0; t < sen[i].n_tokens; t++) {
			const vl_token *x = &tok[sen[i].first_token + t];
			if (vl__reuse_is_word(x))
				out->w[k++] = vl__reuse_token_hash(x);
		}
		sort_words(out->w + start, k - start);
		for (size_t j = start; j < k; j++)
			if (j == start || out->w[j] != out->w[m - 1])
				out->w[m++] = out->w[j];
		k = m;
	}
	out->off[n_sen] = k;
	out->n = n_sen;
	return 0;
}

static size_t words(const vl_sentsets *s, size_t i)
{
	return s->off[i + 1] - s->off[i];
}

/* Similarity of sentence i of a and j of b, or 0 when they do not
 * match. */
static float match(const vl_sentsets *a, size_t i, const vl_sentsets *b,
		   size_t j)
{
	const uint64_t *x = a->w + a->off[i], *y = b->w + b->off[j];
	size_t nx = words(a, i), ny = words(b, j), p = 0, q = 0, inter = 0;
	size_t small = nx < ny ? nx : ny, big = nx < ny ? ny : nx;
	double jac;

	/* Jaccard is at most small / big: skip pairs that cannot match. */
	if (small < MIN_WORDS ||
	    ((double)small < JACCARD_MIN * (double)big && small < INSIDE_WORDS))
		return 0;
	while (p < nx && q < ny) {
		if (x[p] < y[q])
			p++;
		else if (x[p] > y[q])
			q++;
		else
			inter++, p++, q++;
	}
	jac = (double)inter / (double)(nx + ny - inter);
	if (jac >= JACCARD_MIN || (small >= INSIDE_WORDS &&
				   (double)inter >= INSIDE_MIN * (double)small))
		return (float)jac;
	return 0;
}

static int by_score(const void *a, const void *b)
{
	const vl_match *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

static int by_a(const void *a, const void *b)
{
	const vl_match *x = a, *y = b;
	return x->a < y->a ? -1 : x->a > y->a;
}

/* Hash of a sentence's whole word set (for the linear fallback). */
static uint64_t set_hash(const vl_sentsets *s, size_t i)
{
	return XXH3_64bits(s->w + s->off[i], words(s, i) * sizeof *s->w);
}

int vl__align(vl_match **out, size_t *n, const vl_sentsets *a,
	      const vl_sentsets *b)
{
	vl_match *m = NULL, *v;
	size_t cap = 0, k = 0, kept = 0;
	unsigned char *used_a = NULL, *used_b = NULL;
	int big = a->n * b->n > VL_ALIGN_MAX_PAIRS, rc = VL_ENOMEM;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < a->n; i++) {
		uint64_t ha = big ? set_hash(a, i) : 0;
		for (size_t j = 0; j < b->n; j++) {
			float s;
			if (big) /* equal word sets only */
				s = words(a, i) >= MIN_WORDS &&
						    words(a, i) ==
							    words(b, j) &&
						    set_hash(b, j) == ha
					    ? 1.0f
					    : 0.0f;
			else
				s = match(a, i, b, j);
			if (s <= 0)
				continue;
			if (k == cap) {
				cap = cap ? cap * 2 : 64;
				if (!(v = vl__realloc(m, cap * sizeof *v)))
					goto done;
				m = v;
			}
			m[k++] = (vl_match){ (uint32_t)i, (uint32_t)j, s };
		}
		if (big && k > 4 * (a->n + b->n))
			break; /* one sentence repeated everywhere */
	}
	used_a = vl__calloc(a->n + 1, 1);
	used_b = vl__calloc(b->n + 1, 1);
	if (!used_a || !used_b)
		goto done;
	if (k)
		qsort(m, k, sizeof *m, by_score);
	for (size_t i = 0; i < k; i++) {
		if (used_a[m[i].a] || used_b[m[i].b])
			continue;
		used_a[m[i].a] = used_b[m[i].b] = 1;
		m[kept++] = m[i];
	}
	if (kept)
		qsort(m, kept, sizeof *m, by_a);
	*out = m;
	*n = kept;
	m = NULL;
	rc = 0;
done:
	vl__freep(m);
	vl__freep(used_a);
	vl__freep(used_b);
	return rc;
}
