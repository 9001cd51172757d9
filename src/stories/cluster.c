/*
 * cluster.c — online story clustering (see cluster.h).
 *
 * Three tables: the live stories in slots (a free list reuses them), a
 * map from story id to slot, and the inverted index from a term to the
 * slots of the stories that have it among their INDEX_TERMS heaviest
 * centroid terms. Both maps use linear probing with backward-shift
 * deletion, so that stories and terms leaving the window leave no
 * tombstones behind and memory stays bounded on an endless stream.
 */
#include "stories/cluster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

#define CENTROID_TERMS 160 /* kept per story centroid */
#define INDEX_TERMS 24	   /* of them, indexed */
#define QUERY_TERMS 24	   /* an article's terms looked up */
#define TIME_DECAY 0.25	   /* score lost at a window's distance */
#define SWEEP_S 3600	   /* expire idle stories every hour of clock */
/* Centroid cosine at which two live stories become one, as a share of
 * the joining threshold: an article may open a story that later articles
 * show to be part of another. */
#define MERGE_SHARE 0.94
#define MERGE_MIN_SHARED 2 /* index terms two stories share to be compared */
#define MAX_SCORED 16	   /* candidate stories scored per article */
#define FROM_ARTICLE 0x80000000u /* vterm.text: still the article's */

typedef struct story {
	int64_t id; /* 0: free slot */
	int64_t first, last;
	uint32_t n;
	uint32_t stamp;	 /* last query that met it */
	uint32_t hits;	 /* index terms it shared with that query */
	int64_t touched; /* arrival clock of its last article */
	vl_vterm *c;	 /* centroid, sorted by id: summed weights */
	float *cidf;	 /* IDF of each centroid term, as of norm_docs */
	size_t nc;
	vl_buf pool; /* display forms of the centroid's terms */
	double norm; /* IDF-weighted length, as of norm_docs */
	uint64_t norm_docs;
	uint64_t idx[INDEX_TERMS]; /* its terms in the inverted index */
	size_t n_idx;
} story;

typedef struct id_entry {
	int64_t id; /* 0: empty */
	uint32_t slot;
} id_entry;

typedef struct posting {
	uint64_t term;
	uint32_t *slots; /* NULL: empty entry */
	uint32_t n, cap;
} posting;

struct vl_clusterer {
	vl_cluster_options o;
	story *s;
	size_t n_s, cap_s;
	uint32_t *free_slot;
	size_t n_free;
	id_entry *ids;
	size_t cap_ids, n_ids;
	posting *post;
	size_t cap_post, n_post;
	int64_t clock; /* latest publication time, INT64_MIN: none yet */
	int64_t wall;  /* latest arrival time */
	int64_t swept;
	uint32_t stamp;
	uint32_t *cand;
	size_t cap_cand;
	struct ranked *ranked; /* keep_best's scratch */
	size_t cap_ranked;
	float *scratch; /* weights, for selecting the heaviest terms */
	size_t cap_scratch;
	float *w; /* weights times IDF, and which to keep */
	unsigned char *keep;
	size_t cap_w;
	vl_vterm *merged;
	float *merged_idf;
	size_t cap_merged;
	double *part; /* an article's per-term shares of a score */
	size_t cap_part;
};

static size_t mix(uint64_t x, size_t cap)
{
	return (size_t)(x * 0x9E3779B97F4A7C15ull >> 17) & (cap - 1);
}

/* ---- story id -> slot ---- */

static id_entry *id_find(const vl_clusterer *c, int64_t id)
{
	if (!c->cap_ids)
		return NULL;
	for (size_t k = mix((uint64_t)id, c->cap_ids); c->ids[k].id;
	     k = (k + 1) & (c->cap_ids - 1))
		if (c->ids[k].id == id)
			return &c->ids[k];
	return NULL;
}

static void id_put(id_entry *t, size_t cap, id_entry e)
{
	size_t k = mix((uint64_t)e.id, cap);
	while (t[k].id)
		k = (k + 1) & (cap - 1);
	t[k] = e;
}

static int id_add(vl_clusterer *c, int64_t id, uint32_t slot)
{
	if ((c->n_ids + 1) * 2 > c->cap_ids) {
		size_t cap = c->cap_ids ? c->cap_ids * 2 : 256;
		id_entry *t = vl__calloc(cap, sizeof *t);
		if (!t)
			return VL_ENOMEM;
		for (size_t i = 0; i < c->cap_ids; i++)
			if (c->ids[i].id)
				id_put(t, cap, c->ids[i]);
		vl__freep(c->ids);
		c->ids = t;
		c->cap_ids = cap;
	}
	id_put(c->ids, c->cap_ids, (id_entry){ id, slot });
	c->n_ids++;
	return 0;
}

/* Backward-shift deletion: later entries of the run move into the hole
 * when their home allows it. */
static void id_del(vl_clusterer *c, id_entry *e)
{
	size_t cap = c->cap_ids, hole = (size_t)(e - c->ids);

	for (size_t k = (hole + 1) & (cap - 1); c->ids[k].id;
	     k = (k + 1) & (cap - 1)) {
		size_t home = mix((uint64_t)c->ids[k].id, cap);
		/* movable if home is not in (hole, k] cyclically */
		if (((k - home) & (cap - 1)) >= ((k - hole) & (cap - 1))) {
			c->ids[hole] = c->ids[k];
			hole = k;
		}
	}
	c->ids[hole].id = 0;
	c->n_ids--;
}

/* ---- inverted index ---- */

static posting *post_find(const vl_clusterer *c, uint64_t term)
{
	if (!c->cap_post)
		return NULL;
	for (size_t k = mix(term, c->cap_post); c->post[k].slots;
	     k = (k + 1) & (c->cap_post - 1))
		if (c->post[k].term == term)
			return &c->post[k];
	return NULL;
}

static posting *post_slot(posting *t, size_t cap, uint64_t term)
{
	size_t k = mix(term, cap);
	while (t[k].slots)
		k = (k + 1) & (cap - 1);
	return &t[k];
}

static int post_add(vl_clusterer *c, uint64_t term, uint32_t slot)
{
	posting *p = post_find(c, term);

	if (!p) {
		uint32_t *v;
		if ((c->n_post + 1) * 2 > c->cap_post) {
			size_t cap = c->cap_post ? c->cap_post * 2 : 1024;
			posting *t = vl__calloc(cap, sizeof *t);
			if (!t)
				return VL_ENOMEM;
			for (size_t i = 0; i < c->cap_post; i++)
				if (c->post[i].slots)
					*post_slot(t, cap, c->post[i].term) =
						c->post[i];
			vl__freep(c->post);
			c->post = t;
			c->cap_post = cap;
		}
		if (!(v = vl__malloc(4 * sizeof *v)))
			return VL_ENOMEM;
		p = post_slot(c->post, c->cap_post, term);
		*p = (posting){ term, v, 0, 4 };
		c->n_post++;
	}
	if (p->n == p->cap) {
		uint32_t *v = vl__realloc(p->slots, 2 * p->cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		p->slots = v;
		p->cap *= 2;
	}
	p->slots[p->n++] = slot;
	return 0;
}

static void post_del(vl_clusterer *c, uint64_t term, uint32_t slot)
{
	posting *p = post_find(c, term);
	size_t cap = c->cap_post, hole;

	if (!p)
		return;
	for (uint32_t i = 0; i < p->n; i++)
		if (p->slots[i] == slot) {
			p->slots[i] = p->slots[--p->n];
			break;
		}
	if (p->n)
		return;
	vl__freep(p->slots);
	p->slots = NULL;
	hole = (size_t)(p - c->post);
	for (size_t k = (hole + 1) & (cap - 1); c->post[k].slots;
	     k = (k + 1) & (cap - 1)) {
		size_t home = mix(c->post[k].term, cap);
		if (((k - home) & (cap - 1)) >= ((k - hole) & (cap - 1))) {
			c->post[hole] = c->post[k];
			c->post[k].slots = NULL;
			hole = k;
		}
	}
	c->n_post--;
}

/* ---- the heaviest terms ---- */

static int scratch(vl_clusterer *c, size_t n)
{
	float *f;
	if (n <= c->cap_scratch)
		return 0;
	if (!(f = vl__realloc(c->scratch, n * sizeof *f)))
		return VL_ENOMEM;
	c->scratch = f;
	c->cap_scratch = n;
	return 0;
}

/* The k-th largest of w[0..n) (k >= 1, k <= n), reordering w:
 * quickselect with a middle pivot. */
static float kth_largest(float *w, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1, want = k - 1;

	while (lo < hi) {
		float pivot = w[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;
		while (i <= j) {
			while (w[i] > pivot)
				i++;
			while (w[j] < pivot)
				j--;
			if (i <= j) {
				float t = w[i];
				w[i] = w[j];
				w[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (want <= j)
			hi = j;
		else if (want >= i)
			lo = i;
		else
			break;
	}
	return w[want];
}

/* Which of w[0..n) are among the k largest (ties: the first ones):
 * keep[i] set for them. */
static int heaviest(vl_clusterer *c, const float *w, size_t n, size_t k,
		    unsigned char *keep)
{
	float cut;
	size_t above = 0, ties;

	if (n <= k) {
		memset(keep, 1, n);
		return 0;
	}
	if (scratch(c, n))
		return VL_ENOMEM;
	memcpy(c->scratch, w, n * sizeof *w);
	cut = kth_largest(c->scratch, n, k);
	for (size_t i = 0; i < n; i++)
		above += w[i] > cut;
	ties = k - above;
	for (size_t i = 0; i < n; i++)
		keep[i] = w[i] > cut || (w[i] == cut && ties && ties--);
	return 0;
}

/* Room for n weights and n keep flags. */
static int weights(vl_clusterer *c, size_t n)
{
	float *w;
	unsigned char *k;

	if (n <= c->cap_w)
		return 0;
	if (!(w = vl__realloc(c->w, n * sizeof *w)))
		return VL_ENOMEM;
	c->w = w;
	if (!(k = vl__realloc(c->keep, n)))
		return VL_ENOMEM;
	c->keep = k;
	c->cap_w = n;
	return 0;
}

/* Ids of the k terms of v heaviest by w * idf into out (at most k). */
static int heaviest_ids(vl_clusterer *c, const vl_vterm *v, const float *idf,
			size_t n, size_t k, uint64_t *out, size_t *n_out)
{
	size_t m = 0;

	if (weights(c, n))
		return VL_ENOMEM;
	for (size_t i = 0; i < n; i++)
		c->w[i] = v[i].w * idf[i];
	if (heaviest(c, c->w, n, k, c->keep))
		return VL_ENOMEM;
	for (size_t i = 0; i < n; i++)
		if (c->keep[i])
			out[m++] = v[i].id;
	*n_out = m;
	return 0;
}

/* ---- stories ---- */

int vl__clusterer_new(vl_clusterer **out, const vl_cluster_options *o)
{
	vl_clusterer *c = vl__calloc(1, sizeof *c);

	*out = c;
	if (!c)
		return VL_ENOMEM;
	c->o = *o;
	c->clock = INT64_MIN;
	c->wall = INT64_MIN;
	c->swept = INT64_MIN;
	return 0;
}

void vl__clusterer_free(vl_clusterer *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_s; i++) {
		vl__freep(c->s[i].c);
		vl__freep(c->s[i].cidf);
		vl_buf_free(&c->s[i].pool);
	}
	for (size_t i = 0; i < c->cap_post; i++)
		vl__freep(c->post[i].slots);
	vl__freep(c->s);
	vl__freep(c->free_slot);
	vl__freep(c->ids);
	vl__freep(c->post);
	vl__freep(c->cand);
	vl__freep(c->ranked);
	vl__freep(c->scratch);
	vl__freep(c->merged);
	vl__freep(c->merged_idf);
	vl__freep(c->w);
	vl__freep(c->keep);
	vl__freep(c->part);
	vl__freep(c);
}

static void drop(vl_clusterer *c, uint32_t slot)
{
	story *s = &c->s[slot];

	for (size_t i = 0; i < s->n_idx; i++)
		post_del(c, s->idx[i], slot);
	id_del(c, id_find(c, s->id));
	vl__freep(s->c);
	vl__freep(s->cidf);
	vl_buf_free(&s->pool);
	memset(s, 0, sizeof *s);
	c->free_slot[c->n_free++] = slot; /* room made when the slot was */
}

/* Has story s been idle for the window, by the clock (the latest
 * publication time seen), or, undated, by arrival time? */
static int expired(const vl_clusterer *c, const story *s)
{
	int64_t w = (int64_t)c->o.window_s;

	if (s->last != INT64_MIN) /* dated: publication time */
		return c->clock != INT64_MIN && s->last < c->clock - w;
	return c->wall != INT64_MIN && s->touched < c->wall - w;
}

/* Is story s out of reach of an article published at ts: more than a
 * window away from its span? A late article is judged by its own time,
 * not by the clock. An undated article has no time evidence: every story
 * still in memory (one window of the clock, and the stories its reuse
 * links brought back) is within reach. */
static int out_of_reach(const vl_clusterer *c, const story *s, int64_t ts)
{
	int64_t w = (int64_t)c->o.window_s;

	if (ts == INT64_MIN)
		return 0;
	if (s->last == INT64_MIN)
		return expired(c, s);
	return s->last < ts - w || s->first > ts + w;
}

/* Drop the stories idle for the window (every SWEEP_S of clock), but
 * not `keep`. */
static void sweep(vl_clusterer *c, int64_t keep)
{
	int64_t now = c->clock != INT64_MIN ? c->clock : c->wall;

	if (now == INT64_MIN ||
	    (c->swept != INT64_MIN && now - c->swept < SWEEP_S))
		return;
	c->swept = now;
	for (size_t i = 0; i < c->n_s; i++)
		if (c->s[i].id && c->s[i].id != keep && expired(c, &c->s[i]))
			drop(c, (uint32_t)i);
}

static int new_slot(vl_clusterer *c, uint32_t *slot)
{
	if (c->n_free) {
		*slot = c->free_slot[--c->n_free];
		vl_buf_init(&c->s[*slot].pool);
		return 0;
	}
	if (c->n_s == c->cap_s) {
		size_t cap = c->cap_s ? c->cap_s * 2 : 64;
		story *s = vl__realloc(c->s, cap * sizeof *s);
		uint32_t *f;
		if (!s)
			return VL_ENOMEM;
		c->s = s;
		if (!(f = vl__realloc(c->free_slot, cap * sizeof *f)))
			return VL_ENOMEM;
		c->free_slot = f;
		c->cap_s = cap;
	}
	memset(&c->s[c->n_s], 0, sizeof *c->s);
	vl_buf_init(&c->s[c->n_s].pool);
	*slot = (uint32_t)c->n_s++;
	return 0;
}

/* IDF of the centroid's terms and its IDF-weighted length, again when
 * the frequencies have moved (every article while they are young, then
 * every 1 % more articles). */
static void refresh(const vl_clusterer *c, story *s)
{
	uint64_t docs = c->o.df->docs;
	double sq = 0.0;

	if (s->norm_docs != UINT64_MAX &&
	    (s->norm_docs == docs ||
	     (s->norm_docs >= 1000 &&
	      docs - s->norm_docs < s->norm_docs / 100)))
		return;
	for (size_t i = 0; i < s->nc; i++) {
		double x;
		s->cidf[i] = (float)vl__df_idf(c->o.df, s->c[i].id);
		x = (double)s->c[i].w * s->cidf[i];
		sq += x * x;
	}
	s->norm = sqrt(sq);
	s->norm_docs = docs;
}

/* Re-index a story on its heaviest terms: only the changes touch the
 * postings. */
static int reindex(vl_clusterer *c, uint32_t slot)
{
	story *s = &c->s[slot];
	uint64_t now[INDEX_TERMS];
	size_t n_now;

	if (heaviest_ids(c, s->c, s->cidf, s->nc, INDEX_TERMS, now, &n_now))
		return VL_ENOMEM;
	for (size_t i = 0; i < s->n_idx; i++) {
		size_t k = 0;
		while (k < n_now && now[k] != s->idx[i])
			k++;
		if (k == n_now)
			post_del(c, s->idx[i], slot);
	}
	for (size_t k = 0; k < n_now; k++) {
		size_t i = 0;
		while (i < s->n_idx && s->idx[i] != now[k])
			i++;
		if (i == s->n_idx && post_add(c, now[k], slot))
			return VL_ENOMEM;
	}
	memcpy(s->idx, now, n_now * sizeof *now);
	s->n_idx = n_now;
	return 0;
}

/* Give the kept terms that came from the article their display form in
 * the story's pool; rebuild the pool when dropped terms fill most of it. */
static int take_strings(story *s, vl_vterm *t, size_t n, const char *text)
{
	size_t live = 0;

	for (size_t i = 0; i < n; i++) {
		const char *str = t[i].text & FROM_ARTICLE
					  ? text + (t[i].text & ~FROM_ARTICLE)
					  : s->pool.ptr + t[i].text;
		live += strlen(str) + 1;
	}
	if (s->pool.len > 4096 && s->pool.len > 3 * live) {
		vl_buf fresh = VL_BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			const char *str =
				t[i].text & FROM_ARTICLE
					? text + (t[i].text & ~FROM_ARTICLE)
					: s->pool.ptr + t[i].text;
			t[i].text = (uint32_t)fresh.len;
			if (vl_buf_put(&fresh, str, strlen(str) + 1)) {
				vl_buf_free(&fresh);
				return VL_ENOMEM;
			}
		}
		vl_buf_free(&s->pool);
		s->pool = fresh;
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		const char *str;
		if (!(t[i].text & FROM_ARTICLE))
			continue;
		str = text + (t[i].text & ~FROM_ARTICLE);
		t[i].text = (uint32_t)s->pool.len;
		if (vl_buf_put(&s->pool, str, strlen(str) + 1))
			return VL_ENOMEM;
	}
	return 0;
}

static int merged_room(vl_clusterer *c, size_t need)
{
	vl_vterm *t;
	float *f;

	if (need <= c->cap_merged)
		return 0;
	if (!(t = vl__realloc(c->merged, need * sizeof *t)))
		return VL_ENOMEM;
	c->merged = t;
	if (!(f = vl__realloc(c->merged_idf, need * sizeof *f)))
		return VL_ENOMEM;
	c->merged_idf = f;
	c->cap_merged = need;
	return 0;
}

/* The story's centroid becomes t[0..n) (with IDF tidf), kept to its
 * CENTROID_TERMS heaviest by weight times IDF. */
static int set_centroid(vl_clusterer *c, story *s, vl_vterm *t, float *tidf,
			size_t n, const char *text)
{
	size_t m = 0;

	if (n > CENTROID_TERMS) {
		if (weights(c, n))
			return VL_ENOMEM;
		for (size_t i = 0; i < n; i++)
			c->w[i] = t[i].w * tidf[i];
		if (heaviest(c, c->w, n, CENTROID_TERMS, c->keep))
			return VL_ENOMEM;
		for (size_t i = 0; i < n; i++)
			if (c->keep[i]) {
				t[m] = t[i];
				tidf[m++] = tidf[i];
			}
		n = m;
	}
	if (take_strings(s, t, n, text))
		return VL_ENOMEM;
	if (n > s->nc || !s->c) {
		vl_vterm *v = vl__realloc(s->c, (n ? n : 1) * sizeof *v);
		float *f;
		if (!v)
			return VL_ENOMEM;
		s->c = v;
		if (!(f = vl__realloc(s->cidf, (n ? n : 1) * sizeof *f)))
			return VL_ENOMEM;
		s->cidf = f;
	}
	memcpy(s->c, t, n * sizeof *t);
	memcpy(s->cidf, tidf, n * sizeof *tidf);
	s->nc = n;
	s->norm_docs = UINT64_MAX; /* recomputed on next use */
	refresh(c, s);
	return 0;
}

/* centroid += v */
static int absorb(vl_clusterer *c, story *s, const vl_vec *v)
{
	size_t i = 0, j = 0, m = 0;
	vl_vterm *out;
	float *oidf;

	if (merged_room(c, s->nc + v->n))
		return VL_ENOMEM;
	out = c->merged;
	oidf = c->merged_idf;
	while (i < s->nc || j < v->n) {
		if (j == v->n || (i < s->nc && s->c[i].id < v->v[j].id)) {
			oidf[m] = s->cidf[i];
			out[m++] = s->c[i++];
		} else if (i == s->nc || v->v[j].id < s->c[i].id) {
			oidf[m] = v->idf[j];
			out[m] = v->v[j++];
			out[m++].text |= FROM_ARTICLE;
		} else {
			oidf[m] = v->idf[j];
			out[m] = s->c[i++];
			out[m++].w += v->v[j++].w;
		}
	}
	return set_centroid(c, s, out, oidf, m, v->text);
}

static int open_story(vl_clusterer *c, int64_t id, uint32_t *slot)
{
	story *s;

	if (new_slot(c, slot))
		return VL_ENOMEM;
	if (id_add(c, id, *slot)) {
		c->free_slot[c->n_free++] = *slot;
		return VL_ENOMEM;
	}
	s = &c->s[*slot];
	s->id = id;
	s->first = INT64_MAX;
	s->last = INT64_MIN;
	return 0;
}

static void advance(vl_clusterer *c, story *s, int64_t ts, int64_t wall)
{
	if (ts != INT64_MIN) {
		s->first = ts < s->first ? ts : s->first;
		s->last = ts > s->last ? ts : s->last;
		if (c->clock == INT64_MIN || ts > c->clock)
			c->clock = ts;
	}
	if (wall > c->wall)
		c->wall = wall;
	s->touched = c->wall;
}

static int add_cand(vl_clusterer *c, uint32_t slot, size_t *n)
{
	if (c->s[slot].stamp == c->stamp) {
		c->s[slot].hits++;
		return 0;
	}
	c->s[slot].stamp = c->stamp;
	c->s[slot].hits = 1;
	if (*n == c->cap_cand) {
		size_t cap = c->cap_cand ? c->cap_cand * 2 : 256;
		uint32_t *t = vl__realloc(c->cand, cap * sizeof *t);
		if (!t)
			return VL_ENOMEM;
		c->cand = t;
		c->cap_cand = cap;
	}
	c->cand[(*n)++] = slot;
	return 0;
}

/* A new query: stories met before carry an older stamp. */
static void next_stamp(vl_clusterer *c)
{
	if (++c->stamp == 0) { /* wrapped: forget old stamps */
		for (size_t i = 0; i < c->n_s; i++)
			c->s[i].stamp = 0;
		c->stamp = 1;
	}
}

typedef struct ranked {
	uint32_t hits, slot;
	int64_t id;
} ranked;

static int by_hits(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Only the MAX_SCORED candidates sharing the most index terms with the
 * article are scored: the cost of an article stays bounded when a busy
 * news day fills the window with stories sharing its common words. */
static int keep_best(vl_clusterer *c, size_t *n)
{
	ranked *r;

	if (*n <= MAX_SCORED)
		return 0;
	if (*n > c->cap_ranked) {
		if (!(r = vl__realloc(c->ranked, *n * sizeof *r)))
			return VL_ENOMEM;
		c->ranked = r;
		c->cap_ranked = *n;
	}
	r = c->ranked;
	for (size_t i = 0; i < *n; i++)
		r[i] = (ranked){ c->s[c->cand[i]].hits, c->cand[i],
				 c->s[c->cand[i]].id };
	qsort(r, *n, sizeof *r, by_hits);
	for (size_t i = 0; i < MAX_SCORED; i++)
		c->cand[i] = r[i].slot;
	*n = MAX_SCORED;
	return 0;
}

/* Cosine of two stories' centroids, with a's IDF. */
static double centroid_cos(vl_clusterer *c, story *a, story *b)
{
	size_t i = 0, j = 0;
	double dot = 0.0;

	refresh(c, a);
	refresh(c, b);
	if (a->norm <= 0 || b->norm <= 0)
		return 0.0;
	while (i < a->nc && j < b->nc) { /* branchless, as vl__vec_dot_idf */
		uint64_t x = a->c[i].id, y = b->c[j].id;
		double idf = a->cidf[i],
		       p = (double)a->c[i].w * b->c[j].w * idf * idf;
		dot += x == y ? p : 0.0;
		i += x <= y;
		j += y <= x;
	}
	return dot / (a->norm * b->norm);
}

/* Story `gone` joins story `keep`: centroids summed, times widened;
 * `gone` leaves the live set. */
static int merge_into(vl_clusterer *c, uint32_t keep, uint32_t gone)
{
	story *k = &c->s[keep], *g = &c->s[gone];
	size_t i = 0, j = 0, m = 0;
	vl_vterm *out;
	float *oidf;

	if (merged_room(c, k->nc + g->nc))
		return VL_ENOMEM;
	out = c->merged;
	oidf = c->merged_idf;
	while (i < k->nc || j < g->nc) {
		if (j == g->nc || (i < k->nc && k->c[i].id < g->c[j].id)) {
			oidf[m] = k->cidf[i];
			out[m++] = k->c[i++];
		} else if (i == k->nc || g->c[j].id < k->c[i].id) {
			/* its display form is in g's pool */
			oidf[m] = g->cidf[j];
			out[m] = g->c[j++];
			out[m++].text |= FROM_ARTICLE;
		} else {
			oidf[m] = k->cidf[i];
			out[m] = k->c[i++];
			out[m++].w += g->c[j++].w;
		}
	}
	if (set_centroid(c, k, out, oidf, m, g->pool.ptr))
		return VL_ENOMEM;
	k->n += g->n;
	k->first = g->first < k->first ? g->first : k->first;
	k->last = g->last > k->last ? g->last : k->last;
	k->touched = g->touched > k->touched ? g->touched : k->touched;
	drop(c, gone);
	return reindex(c, keep);
}

/* The live story most like the one at slot, through its index terms, if
 * at MERGE_SHARE of the threshold or more: the younger of the two joins
 * the older. */
static int maybe_merge(vl_clusterer *c, uint32_t slot, vl_merge *out)
{
	story *s = &c->s[slot];
	size_t n = 0;
	uint32_t best = 0;
	double best_cos = 0.0;

	next_stamp(c);
	s->stamp = c->stamp; /* not itself */
	for (size_t i = 0; i < s->n_idx; i++) {
		const posting *p = post_find(c, s->idx[i]);
		for (uint32_t k = 0; p && k < p->n; k++)
			if (add_cand(c, p->slots[k], &n))
				return VL_ENOMEM;
	}
	if (keep_best(c, &n))
		return VL_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		story *t = &c->s[c->cand[i]];
		double x;
		/* one shared index term does not make two stories one */
		if (t->hits < MERGE_MIN_SHARED || expired(c, t))
			continue;
		x = centroid_cos(c, s, t);
		if (x > best_cos ||
		    (x == best_cos && best_cos > 0 && t->id < c->s[best].id)) {
			best_cos = x;
			best = c->cand[i];
		}
	}
	if (best_cos < MERGE_SHARE * c->o.threshold)
		return 0;
	if (c->s[best].id < s->id) {
		out->from = s->id;
		out->into = c->s[best].id;
		out->score = best_cos;
		return merge_into(c, best, slot);
	}
	out->from = c->s[best].id;
	out->into = s->id;
	out->score = best_cos;
	return merge_into(c, slot, best);
}

int vl__cluster_add(vl_clusterer *c, int64_t story_id, const vl_vec *v,
		    int64_t ts, int64_t wall, vl_merge *merged)
{
	id_entry *e;
	uint32_t slot;
	story *s;

	memset(merged, 0, sizeof *merged);
	sweep(c, story_id); /* first, and never the story being joined */
	e = id_find(c, story_id);
	if (e)
		slot = e->slot;
	else if (open_story(c, story_id, &slot))
		return VL_ENOMEM;
	s = &c->s[slot];
	if (absorb(c, s, v) || reindex(c, slot))
		return VL_ENOMEM;
	s->n++;
	advance(c, s, ts, wall);
	return maybe_merge(c, slot, merged);
}

int vl__cluster_restore(vl_clusterer *c, int64_t story_id,
			const vl_vterm *centroid, size_t n, const char *text,
			uint32_t articles, int64_t first_ts, int64_t last_ts,
			int64_t wall)
{
	uint32_t slot;
	story *s;
	vl_vterm *t;
	float *tidf;

	if (id_find(c, story_id))
		return VL_EINVAL;
	if (open_story(c, story_id, &slot) || merged_room(c, n))
		return VL_ENOMEM;
	s = &c->s[slot];
	t = c->merged;
	tidf = c->merged_idf;
	for (size_t i = 0; i < n; i++) {
		t[i] = centroid[i];
		t[i].text |= FROM_ARTICLE;
		tidf[i] = (float)vl__df_idf(c->o.df, t[i].id);
	}
	if (set_centroid(c, s, t, tidf, n, text) || reindex(c, slot))
		return VL_ENOMEM;
	s->n = articles;
	if (first_ts != INT64_MIN)
		advance(c, s, first_ts, wall);
	if (last_ts != INT64_MIN)
		advance(c, s, last_ts, wall);
	if (first_ts == INT64_MIN && last_ts == INT64_MIN)
		advance(c, s, INT64_MIN, wall);
	return 0;
}

/* The factor publication time puts on a score: 1 inside the story's
 * span, down to 1 - TIME_DECAY a window away; 1 when a time is unknown. */
static double time_factor(const vl_clusterer *c, const story *s, int64_t ts)
{
	double gap;

	if (ts == INT64_MIN || s->last == INT64_MIN)
		return 1.0;
	gap = ts < s->first  ? (double)(s->first - ts)
	      : ts > s->last ? (double)(ts - s->last)
			     : 0.0;
	return 1.0 -
	       TIME_DECAY * (gap >= c->o.window_s ? 1.0 : gap / c->o.window_s);
}

/* The story's score: the cosine with its centroid, times the time
 * factor. */
static double score_story(vl_clusterer *c, story *s, const vl_vec *v,
			  int64_t ts)
{
	refresh(c, s);
	if (s->norm <= 0)
		return 0.0;
	return vl__vec_dot_idf(v, s->c, s->nc, NULL) / s->norm *
	       time_factor(c, s, ts);
}

/* The matched features of v and story s, largest share first. */
static int explain(vl_clusterer *c, story *s, const vl_vec *v,
		   vl_assignment *out)
{
	double f;

	if (v->n > c->cap_part) {
		double *p = vl__realloc(c->part, v->n * sizeof *p);
		if (!p)
			return VL_ENOMEM;
		c->part = p;
		c->cap_part = v->n;
	}
	refresh(c, s);
	vl__vec_dot_idf(v, s->c, s->nc, c->part);
	f = s->norm > 0 ? time_factor(c, s, out->ts) / s->norm : 0.0;
	out->n_top = 0;
	for (size_t i = 0; i < v->n; i++) {
		double part = c->part[i] * f;
		size_t k;

		if (part <= 0)
			continue;
		k = out->n_top < VL_MATCH_TOP ? out->n_top++ : VL_MATCH_TOP;
		while (k > 0 && out->top[k - 1].part < part) {
			if (k < VL_MATCH_TOP)
				out->top[k] = out->top[k - 1];
			k--;
		}
		if (k < VL_MATCH_TOP) {
			out->top[k].id = v->v[i].id;
			out->top[k].part = part;
			out->top[k].text = v->text + v->v[i].text;
		}
	}
	return 0;
}

/* Candidates: the live stories indexed under one of v's heaviest terms,
 * and the stories of its reuse links. */
static int gather(vl_clusterer *c, const vl_vec *v, const int64_t *reuse,
		  size_t n_reuse, size_t *n)
{
	uint64_t q[QUERY_TERMS];
	size_t nq;

	*n = 0;
	if (heaviest_ids(c, v->v, v->idf, v->n, QUERY_TERMS, q, &nq))
		return VL_ENOMEM;
	next_stamp(c);
	for (size_t i = 0; i < nq; i++) {
		const posting *p = post_find(c, q[i]);
		for (uint32_t k = 0; p && k < p->n; k++)
			if (add_cand(c, p->slots[k], n))
				return VL_ENOMEM;
	}
	for (size_t i = 0; i < n_reuse; i++) {
		const id_entry *e = id_find(c, reuse[i]);
		if (e && add_cand(c, e->slot, n))
			return VL_ENOMEM;
		if (e) /* a reuse link is always scored */
			c->s[e->slot].hits += QUERY_TERMS;
	}
	return keep_best(c, n);
}

static int better(double s, int64_t id, double best_s, int64_t best)
{
	return !best || s > best_s || (s == best_s && id < best);
}

int vl__cluster_score(vl_clusterer *c, const vl_vec *v, int64_t ts,
		      const int64_t *reuse, size_t n_reuse, vl_assignment *out)
{
	size_t n;
	int64_t best = 0, best_reuse = 0;
	double best_s = 0, reuse_s = 0;
	uint32_t best_slot = 0, reuse_slot = 0;

	memset(out, 0, sizeof *out);
	out->ts = ts;
	if (gather(c, v, reuse, n_reuse, &n))
		return VL_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		story *s = &c->s[c->cand[i]];
		double sc;
		int linked = 0;

		if (out_of_reach(c, s, ts))
			continue; /* not swept yet, or too far for a late one */
		out->n_candidates++;
		sc = score_story(c, s, v, ts);
		for (size_t r = 0; r < n_reuse && !linked; r++)
			linked = reuse[r] == s->id;
		if (linked && better(sc, s->id, reuse_s, best_reuse)) {
			reuse_s = sc;
			best_reuse = s->id;
			reuse_slot = c->cand[i];
		}
		if (better(sc, s->id, best_s, best)) {
			if (best) {
				out->runner_up = best;
				out->runner_score = best_s;
			}
			best_s = sc;
			best = s->id;
			best_slot = c->cand[i];
		} else if (better(sc, s->id, out->runner_score,
				  out->runner_up)) {
			out->runner_up = s->id;
			out->runner_score = sc;
		}
	}
	out->score = best_s;
	/* a copy (identical, near-duplicate, contained) of an article of a
	 * live story is in that story, whatever its words weigh: copies of
	 * one dispatch that differ by a figure are one story, though the
	 * figure is their rarest word */
	if (best_reuse) {
		if (best != best_reuse) {
			out->runner_up = best;
			out->runner_score = best_s;
		}
		best = best_reuse;
		best_slot = reuse_slot;
		out->score = best_s = reuse_s;
		out->by_reuse = 1;
	}
	if (best && (best_s >= c->o.threshold || out->by_reuse)) {
		out->story = best;
	} else if (best) {
		/* a new story: the best live one is the runner-up */
		out->runner_up = best;
		out->runner_score = best_s;
	}
	return best ? explain(c, &c->s[best_slot], v, out) : 0;
}

int vl__cluster_get(const vl_clusterer *c, int64_t story_id,
		    const vl_vterm **centroid, size_t *n, const char **text,
		    uint32_t *articles, int64_t *first_ts, int64_t *last_ts)
{
	const id_entry *e = id_find(c, story_id);
	const story *s;

	if (!e)
		return VL_ENOTFOUND;
	s = &c->s[e->slot];
	*centroid = s->c;
	*n = s->nc;
	*text = s->pool.ptr;
	*articles = s->n;
	*first_ts = s->first == INT64_MAX ? INT64_MIN : s->first;
	*last_ts = s->last;
	return 0;
}

double vl__cluster_idf_norm(const vl_clusterer *c, int64_t story_id)
{
	const id_entry *e = id_find(c, story_id);

	if (!e)
		return 0.0;
	refresh(c, &c->s[e->slot]);
	return c->s[e->slot].norm;
}

size_t vl__cluster_live(const vl_clusterer *c)
{
	return c->n_ids;
}
