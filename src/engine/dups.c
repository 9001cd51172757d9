/*
 * dups.c — reading the reuse links back: groups of articles joined by
 * verified pairs (union-find over the pairs), and exact similarity of two
 * texts for evaluation.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "reuse/reuse.h"
#include "text/analysis.h"
#include "util/alloc.h"
#include "util/buf.h"

typedef struct pairs {
	vl_store_pair *v;
	size_t n, cap;
	vl_buf ids;	/* id strings, each NUL-terminated */
	size_t *id_off; /* 2 per pair */
	int oom;
} pairs;

static int gather(const vl_store_pair *p, void *payload)
{
	pairs *ps = payload;
	if (ps->n == ps->cap) {
		size_t cap = ps->cap ? ps->cap * 2 : 64;
		vl_store_pair *v = vl__realloc(ps->v, cap * sizeof *v);
		size_t *o =
			v ? vl__realloc(ps->id_off, cap * 2 * sizeof *o) : NULL;
		if (v)
			ps->v = v;
		if (!o) {
			ps->oom = 1;
			return 1;
		}
		ps->id_off = o;
		ps->cap = cap;
	}
	ps->v[ps->n] = *p;
	ps->id_off[2 * ps->n] = ps->ids.len;
	vl_buf_puts(&ps->ids, p->id_a);
	vl_buf_putc(&ps->ids, '\0');
	ps->id_off[2 * ps->n + 1] = ps->ids.len;
	vl_buf_puts(&ps->ids, p->id_b);
	vl_buf_putc(&ps->ids, '\0');
	ps->v[ps->n].kind = strcmp(p->kind, "identical") == 0 ? "identical"
			    : strcmp(p->kind, "contained") == 0
				    ? "contained"
				    : "near-duplicate";
	ps->n++;
	if (ps->ids.oom)
		ps->oom = 1;
	return ps->oom;
}

/* Union-find over rowids, kept in a sorted array of distinct rowids. */
static size_t find(size_t *parent, size_t x)
{
	while (parent[x] != x)
		x = parent[x] = parent[parent[x]];
	return x;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static size_t index_of(const int64_t *v, size_t n, int64_t x)
{
	const int64_t *p = bsearch(&x, v, n, sizeof *v, cmp_i64);
	return (size_t)(p - v);
}

typedef struct member {
	size_t root;
	int64_t rowid;
	size_t pair; /* a pair naming it, for its id */
	int side;
} member;

static int by_root(const void *a, const void *b)
{
	const member *x = a, *y = b;
	if (x->root != y->root)
		return x->root < y->root ? -1 : 1;
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

int vl_engine_each_dup_group(vl_engine *eng,
			     int (*cb)(const char *const *ids, size_t n_ids,
				       const vl_dup_pair *pairs, size_t n_pairs,
				       void *payload),
			     void *payload)
{
	pairs ps;
	int64_t *rows = NULL;
	size_t *parent = NULL, n_rows = 0, i, k;
	member *mem = NULL;
	const char **ids = NULL;
	vl_dup_pair *out = NULL;
	int rc;

	if (!eng || !cb)
		return VL_EINVAL;
	memset(&ps, 0, sizeof ps);
	vl_buf_init(&ps.ids);
	rc = vl__store_each_pair(eng->store, gather, &ps);
	if (ps.oom)
		rc = VL_ENOMEM;
	if (rc)
		goto done;
	rc = VL_ENOMEM;
	rows = vl__calloc(2 * ps.n + 1, sizeof *rows);
	parent = vl__calloc(2 * ps.n + 1, sizeof *parent);
	mem = vl__calloc(2 * ps.n + 1, sizeof *mem);
	ids = vl__calloc(2 * ps.n + 1, sizeof *ids);
	out = vl__calloc(ps.n + 1, sizeof *out);
	if (!rows || !parent || !mem || !ids || !out)
		goto done;
	for (i = 0; i < ps.n; i++) {
		rows[2 * i] = ps.v[i].a;
		rows[2 * i + 1] = ps.v[i].b;
	}
	qsort(rows, 2 * ps.n, sizeof *rows, cmp_i64);
	for (i = 0; i < 2 * ps.n; i++)
		if (!n_rows || rows[n_rows - 1] != rows[i])
			rows[n_rows++] = rows[i];
	for (i = 0; i < n_rows; i++)
		parent[i] = i;
	for (i = 0; i < ps.n; i++) {
		size_t x = find(parent, index_of(rows, n_rows, ps.v[i].a));
		size_t y = find(parent, index_of(rows, n_rows, ps.v[i].b));
		if (x != y)
			parent[x > y ? x : y] = x < y ? x : y;
	}
	for (i = 0; i < ps.n; i++) {
		for (int side = 0; side < 2; side++) {
			int64_t r = side ? ps.v[i].b : ps.v[i].a;
			size_t at = index_of(rows, n_rows, r);
			mem[at] = (member){ find(parent, at), r, i, side };
		}
	}
	qsort(mem, n_rows, sizeof *mem, by_root);
	rc = 0;
	/* Groups come out oldest first: a root is its oldest member. */
	for (i = 0; i < n_rows && !rc; i = k) {
		size_t n_ids = 0, n_pairs = 0;
		for (k = i; k < n_rows && mem[k].root == mem[i].root; k++)
			ids[n_ids++] = ps.ids.ptr +
				       ps.id_off[2 * mem[k].pair + mem[k].side];
		for (size_t j = 0; j < ps.n; j++) {
			size_t at = index_of(rows, n_rows, ps.v[j].a);
			if (find(parent, at) != mem[i].root)
				continue;
			out[n_pairs].a = ps.ids.ptr + ps.id_off[2 * j];
			out[n_pairs].b = ps.ids.ptr + ps.id_off[2 * j + 1];
			out[n_pairs].kind = ps.v[j].kind;
			out[n_pairs].jaccard = ps.v[j].jaccard;
			out[n_pairs].contain_a = ps.v[j].contain_a;
			out[n_pairs].contain_b = ps.v[j].contain_b;
			n_pairs++;
		}
		if (cb(ids, n_ids, out, n_pairs, payload))
			rc = VL_ESTOPPED;
	}
done:
	vl__freep(ps.v);
	vl__freep(ps.id_off);
	vl_buf_free(&ps.ids);
	vl__freep(rows);
	vl__freep(parent);
	vl__freep(mem);
	vl__freep(ids);
	vl__freep(out);
	return rc;
}

static int shingles_of(vl_shingles *s, const char *text, size_t len)
{
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an;
	int rc;

	ao.detect_language = 0;
	if ((rc = vl_analyze(&an, text, len, &ao, NULL)))
		return rc;
	rc = vl__shingles(s, vl_analysis_tokens(an),
			  vl_analysis_token_count(an));
	vl_analysis_free(an);
	return rc;
}

int vl_text_similarity(const char *a, size_t a_len, const char *b, size_t b_len,
		       double *jaccard, double *contain_a, double *contain_b,
		       double *jaccard_estimate)
{
	vl_shingles sa = { NULL, 0 }, sb = { NULL, 0 };
	vl_signature ga, gb;
	int rc;

	if ((rc = shingles_of(&sa, a, a_len)) ||
	    (rc = shingles_of(&sb, b, b_len)))
		goto done;
	if (jaccard)
		*jaccard = vl__jaccard(&sa, &sb);
	if (contain_a)
		*contain_a = vl__containment(&sa, &sb);
	if (contain_b)
		*contain_b = vl__containment(&sb, &sa);
	if (jaccard_estimate) {
		vl__signature(&ga, &sa);
		vl__signature(&gb, &sb);
		*jaccard_estimate = vl__signature_jaccard(&ga, &gb);
	}
done:
	vl__shingles_free(&sa);
	vl__shingles_free(&sb);
	return rc;
}
