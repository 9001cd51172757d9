/*
 * bench_reuse.c — throughput and accuracy of the reuse stage's
 * fingerprints on a JSON Lines .gz corpus (default: OrangeSum, about
 * 36,000 French articles of 2 KB on average).
 *
 * Each article's "text" is analysed with the public vl_analyze (language
 * detection off); the analysis is not timed. Timed, in CPU time of this
 * single-threaded process: word 5-shingles (vl__shingles), the MinHash
 * signature (vl__signature) and the LSH band keys (vl__lsh_keys) of every
 * article. Articles are analysed in chunks of CHUNK and fingerprinted
 * right after, so their tokens are warm in cache as they are in the
 * engine. The whole pass runs REPS times; the median and the spread are
 * printed as documents/s and MB/s of article text.
 *
 * Then, once, every article's fingerprints are kept, the LSH index is
 * built (sort the (band key, article) pairs) and 2,000 random distinct
 * pairs of articles that share at least one band are drawn: the mean
 * absolute error of the signature estimate against the exact Jaccard of
 * their shingle sets is printed, with the bytes per article of the
 * signature and the band keys.
 *
 * Then the candidate index, built exactly as the engine builds it
 * (src/engine/link.c): one vl_mmap (src/reuse/index.h) holding each
 * document's 21 LSH band keys ^ TAG_LSH and its distinct sentence
 * prints ^ TAG_SENT, first for (a) the corpus, then for (b) a synthetic
 * flow of 1,000,000 documents made by perturbing the corpus articles at
 * the token level (the norms from vl_analyze, so no text is rebuilt): a
 * random 20 % of an article's sentences dropped, a few swapped, 5 % of
 * its words replaced by words drawn from the corpus, with a fixed seed;
 * each document is made on the fly and only its index entries are kept.
 * Printed for both: documents/s of keys (shingles, signature, band keys,
 * sentence prints) + insertion, index bytes per document
 * (vl__mmap_bytes / documents) split into the sorted part, its directory
 * and the recent-entries table, the latency of vl__mmap_get over one document's
 * keys (median, p99; wall clock), the per-document cost at the corpus
 * size and at 1M with their ratio, and the peak RSS. Index times are
 * wall clock (CLOCK_MONOTONIC) per document, over one build each (the 1M
 * build alone takes about 15 s); run it pinned to one core. Unlike the
 * engine, the bench fingerprints the raw "text" (not the cleaned text)
 * and tells exact copies by a hash of that text.
 *
 * Build: see the comment at the end of this file (bench/run.sh builds
 * and runs it in `make bench`).
 * Usage: bench_reuse [corpus.jsonl.gz] [reps] [synthetic documents]
 */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "reuse/index.h"
#include "reuse/mix.h"
#include "reuse/reuse.h"
#include "veille.h"

#include "bench_util.h"

#define CHUNK 32	/* articles analysed, then fingerprinted */
#define SAMPLE 2000	/* pairs drawn for the estimate error */
#define MAX_BUCKET 2000 /* larger LSH buckets: a random subset's pairs */

typedef struct corpus {
	char **text;
	size_t *len;
	size_t n, cap;
	size_t bytes;
} corpus;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static uint64_t rng_next(uint64_t *s)
{
	/* xorshift64* */
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1Dull;
}

static void add_line(corpus *c, const char *line, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(line, len);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "text");

	if (cJSON_IsString(t) && t->valuestring) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 1024;
			c->text = xrealloc(c->text, c->cap * sizeof *c->text);
			c->len = xrealloc(c->len, c->cap * sizeof *c->len);
		}
		c->len[c->n] = strlen(t->valuestring);
		c->text[c->n] = xrealloc(NULL, c->len[c->n] + 1);
		memcpy(c->text[c->n], t->valuestring, c->len[c->n] + 1);
		c->bytes += c->len[c->n];
		c->n++;
	}
	cJSON_Delete(root);
}

static void load_line(void *c, const char *line, size_t len, size_t no)
{
	(void)no;
	add_line(c, line, len);
}

static int load(const char *path, corpus *c)
{
	memset(c, 0, sizeof *c);
	return bench_each_line(path, load_line, c);
}

/* Fingerprints of one article, kept for the accuracy part. */
typedef struct doc_fp {
	vl_shingles sh;
	vl_signature sig;
	uint64_t keys[VL_LSH_BANDS];
} doc_fp;

/* One timed pass over the corpus; returns the fingerprinting CPU time,
 * adds the analysis time to *t_analyze. With keep, the fingerprints
 * stay in fp[] (the kept pass is not timed by the caller). */
static double pass(const corpus *c, doc_fp *keep, double *t_analyze,
		   size_t *n_shingles)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an[CHUNK];
	double t = 0.0, t0;
	size_t total = 0;

	o.detect_language = 0;
	for (size_t first = 0; first < c->n; first += CHUNK) {
		size_t m = c->n - first < CHUNK ? c->n - first : CHUNK;

		t0 = cpu_now();
		for (size_t i = 0; i < m; i++)
			if (vl_analyze(&an[i], c->text[first + i],
				       c->len[first + i], &o, NULL))
				an[i] = NULL;
		*t_analyze += cpu_now() - t0;

		t0 = cpu_now();
		for (size_t i = 0; i < m; i++) {
			doc_fp d, *p = keep ? &keep[first + i] : &d;
			const vl_token *tok =
				an[i] ? vl_analysis_tokens(an[i]) : NULL;
			size_t nt = an[i] ? vl_analysis_token_count(an[i]) : 0;

			if (vl__shingles(&p->sh, tok, nt)) {
				fprintf(stderr, "bench: out of memory\n");
				exit(1);
			}
			vl__signature(&p->sig, &p->sh);
			vl__lsh_keys(p->keys, &p->sig);
			total += p->sh.n;
			if (!keep)
				vl__shingles_free(&p->sh);
		}
		t += cpu_now() - t0;
		for (size_t i = 0; i < m; i++)
			vl_analysis_free(an[i]);
	}
	*n_shingles = total;
	return t;
}

typedef struct band_entry {
	uint64_t key;
	uint32_t doc;
} band_entry;

static int cmp_band(const void *a, const void *b)
{
	const band_entry *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Distinct pairs (a < b, packed a << 32 | b) of articles that share at
 * least one band key; empty articles are left out of the index. */
static uint64_t *candidate_pairs(const doc_fp *fp, size_t n, size_t *n_pairs,
				 size_t *n_capped)
{
	band_entry *e = xrealloc(NULL, n * VL_LSH_BANDS * sizeof *e);
	size_t ne = 0, np = 0, cap = 0;
	uint64_t *pairs = NULL, rng = 0x6275636B6574ull;

	*n_capped = 0;
	for (size_t d = 0; d < n; d++) {
		if (fp[d].sh.n == 0)
			continue;
		for (unsigned b = 0; b < VL_LSH_BANDS; b++) {
			e[ne].key = fp[d].keys[b];
			e[ne].doc = (uint32_t)d;
			ne++;
		}
	}
	qsort(e, ne, sizeof *e, cmp_band);
	for (size_t i = 0; i < ne;) {
		size_t j = i + 1, len;
		while (j < ne && e[j].key == e[i].key)
			j++;
		len = j - i;
		if (len > MAX_BUCKET) {
			/* shuffle the first MAX_BUCKET members into place */
			for (size_t k = 0; k < MAX_BUCKET; k++) {
				size_t r = k +
					   (size_t)(rng_next(&rng) % (len - k));
				band_entry tmp = e[i + k];
				e[i + k] = e[i + r];
				e[i + r] = tmp;
			}
			len = MAX_BUCKET;
			(*n_capped)++;
		}
		for (size_t a = 0; a < len; a++)
			for (size_t b = a + 1; b < len; b++) {
				uint64_t x = e[i + a].doc, y = e[i + b].doc;
				if (x == y)
					continue;
				if (np == cap) {
					cap = cap ? cap * 2 : 4096;
					pairs = xrealloc(pairs,
							 cap * sizeof *pairs);
				}
				pairs[np++] = x < y ? x << 32 | y : y << 32 | x;
			}
		i = j;
	}
	free(e);
	if (np) {
		size_t u = 1;
		qsort(pairs, np, sizeof *pairs, cmp_u64);
		for (size_t i = 1; i < np; i++)
			if (pairs[i] != pairs[u - 1])
				pairs[u++] = pairs[i];
		np = u;
	}
	*n_pairs = np;
	return pairs;
}

/* ------------------------------------------------- the candidate index */

/*
 * Copied from src/engine/link.c (keep them in step): the two key spaces
 * of the engine's one multimap, the cap on the documents read from one
 * key, and the room for candidates gathered per article. And from
 * src/engine/prepare.h: a sentence of fewer words gets no fingerprint.
 */
#define TAG_LSH 0x6c73686b65790001ull
#define TAG_SENT 0x73656e7466700002ull
#define MAX_PER_KEY 256
#define MAX_CANDIDATES 4096
#define SENTENCE_FP_WORDS 8

/* The synthetic flow: documents, seed, perturbation. */
#define SYNTH_DOCS 1000000
#define SYNTH_SEED 0x73796e7468657469ull
#define DROP_PCT 20	     /* sentences dropped, rounded */
#define MAX_SWAPS 3	     /* 1..MAX_SWAPS pairs of kept sentences swapped */
#define REPLACE_PER_MILLE 50 /* words replaced by a word of the corpus */
#define QUERY_SAMPLE 20000   /* documents queried after the 1M build */
#define BUDGET_BYTES 256     /* index bytes per document we aim at */

static uint64_t mono_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp_u64_ns(const void *a, const void *b)
{
	return cmp_u64(a, b);
}

/* splitmix64: seeds a stream per synthetic document, so document k can
 * be made again alone (for the queries) without replaying the flow. */
static uint64_t splitmix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	x ^= x >> 31;
	return x ? x : 1;
}

/* A growable array of 64-bit values. */
typedef struct u64v {
	uint64_t *v;
	size_t n, cap;
} u64v;

static void u64v_push(u64v *a, uint64_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 256;
		a->v = xrealloc(a->v, a->cap * sizeof *a->v);
	}
	a->v[a->n++] = x;
}

/*
 * The keys one document puts in the index, as src/engine/link.c
 * index_doc() does: its VL_LSH_BANDS band keys ^ TAG_LSH, then its
 * distinct sentence prints (sentences of SENTENCE_FP_WORDS words or
 * more, sorted and deduplicated as src/engine/prepare.c does) ^ TAG_SENT.
 * Returns 0 keys for a text without words (the engine indexes nothing
 * for it). *n_fps: how many of the keys are sentence prints.
 */
static size_t doc_keys(u64v *keys, size_t *n_fps, const vl_token *tok,
		       size_t n_tok, const vl_sentence *sen, size_t n_sen)
{
	uint64_t band[VL_LSH_BANDS];
	vl_shingles sh;
	vl_signature sig;
	size_t first, k;

	keys->n = 0;
	*n_fps = 0;
	if (vl__shingles(&sh, tok, n_tok)) {
		fprintf(stderr, "bench: out of memory\n");
		exit(1);
	}
	if (sh.n == 0)
		return 0;
	vl__signature(&sig, &sh);
	vl__shingles_free(&sh);
	vl__lsh_keys(band, &sig);
	for (size_t i = 0; i < VL_LSH_BANDS; i++)
		u64v_push(keys, band[i] ^ TAG_LSH);
	first = keys->n;
	for (size_t i = 0; i < n_sen; i++) {
		uint64_t fp =
			vl__sentence_fp(tok + sen[i].first_token,
					sen[i].n_tokens, SENTENCE_FP_WORDS);
		if (fp)
			u64v_push(keys, fp);
	}
	qsort(keys->v + first, keys->n - first, sizeof *keys->v, cmp_u64);
	k = first;
	for (size_t i = first; i < keys->n; i++)
		if (k == first || keys->v[k - 1] != keys->v[i])
			keys->v[k++] = keys->v[i];
	keys->n = k;
	for (size_t i = first; i < k; i++)
		keys->v[i] ^= TAG_SENT;
	*n_fps = k - first;
	return k;
}

static void index_insert(vl_mmap *m, const u64v *keys, uint32_t doc)
{
	for (size_t i = 0; i < keys->n; i++)
		if (vl__mmap_add(m, keys->v[i], doc)) {
			fprintf(stderr, "bench: out of memory (index)\n");
			exit(1);
		}
}

/* Time to read every key of one document as link.c candidates() does;
 * adds the documents found to *found and the keys that hit the
 * MAX_PER_KEY cap to *capped. */
static uint64_t query(const vl_mmap *m, const u64v *keys, uint32_t *buf,
		      size_t *found, size_t *capped)
{
	size_t n = 0, full = 0;
	uint64_t t0 = mono_ns(), t;

	for (size_t i = 0; i < keys->n; i++)
		full += vl__mmap_get(m, keys->v[i], buf, &n, MAX_CANDIDATES,
				     MAX_PER_KEY) >= MAX_PER_KEY;
	t = mono_ns() - t0;
	*found += n;
	*capped += full;
	return t;
}

typedef struct index_stats {
	size_t docs;	   /* documents indexed */
	size_t band, sent; /* entries: band keys, sentence prints */
	uint64_t fp_ns;	   /* shingles + signature + keys + prints */
	uint64_t ins_ns;   /* vl__mmap_add of every key */
} index_stats;

static void print_size(const char *label, const vl_mmap *m,
		       const index_stats *s)
{
	double d = (double)s->docs, bytes = (double)vl__mmap_bytes(m);
	double entries = (double)vl__mmap_count(m);
	double dir = m->dir ? 4.0 * (double)(((size_t)1 << m->dbits) + 1) : 0;

	printf("  %s: %.0f entries (%.1f per document: %d band keys + %.1f"
	       " sentence prints), %.1f MB: %.1f bytes/doc = sorted part"
	       " %.1f (%zu entries x 6) + directory %.1f (2^%u buckets x 4)"
	       " + recent table %.1f (%zu entries in %zu slots x 8)\n",
	       label, entries, entries / d, VL_LSH_BANDS, (double)s->sent / d,
	       bytes / 1e6, bytes / d, 6.0 * (double)m->n_sorted / d,
	       m->n_sorted, dir / d, m->dbits, 8.0 * (double)m->cap / d, m->n,
	       m->cap);
	if (bytes / d > BUDGET_BYTES)
		printf("  %s: OVER BUDGET: %.1f index bytes per document"
		       " > %d\n",
		       label, bytes / d, BUDGET_BYTES);
}

static void print_latency(const char *label, uint64_t *ns, size_t n,
			  size_t keys, size_t found, size_t capped)
{
	if (!n)
		return;
	qsort(ns, n, sizeof *ns, cmp_u64_ns);
	printf("  %s: query (vl__mmap_get over a document's %.1f keys) on %zu"
	       " documents: median %.2f us, p99 %.2f us, max %.1f us;"
	       " %.1f documents returned per query, %zu keys at the"
	       " MAX_PER_KEY=%d cap\n",
	       label, (double)keys / (double)n, n, (double)ns[n / 2] / 1e3,
	       (double)ns[n * 99 / 100] / 1e3, (double)ns[n - 1] / 1e3,
	       (double)found / (double)n, capped, MAX_PER_KEY);
}

/* Interned token norms: the synthetic flow rebuilds vl_token arrays
 * from vocabulary ids instead of texts. */
typedef struct vocab {
	char *chars;
	size_t n_chars, cap_chars;
	size_t *off;
	uint32_t *len;
	uint16_t *kind;
	uint64_t *hash;
	size_t n, cap;
	uint32_t *slot; /* id + 1, 0 = empty */
	size_t n_slot;
} vocab;

static void vocab_rehash(vocab *v)
{
	size_t cap = v->n_slot ? v->n_slot * 2 : 1 << 16;

	free(v->slot);
	v->slot = calloc(cap, sizeof *v->slot);
	if (!v->slot) {
		fprintf(stderr, "bench: out of memory\n");
		exit(1);
	}
	v->n_slot = cap;
	for (size_t id = 0; id < v->n; id++) {
		size_t i = (size_t)v->hash[id] & (cap - 1);
		while (v->slot[i])
			i = (i + 1) & (cap - 1);
		v->slot[i] = (uint32_t)id + 1;
	}
}

static uint32_t vocab_id(vocab *v, const vl_token *t)
{
	uint64_t h = XXH3_64bits(t->norm, t->norm_len);
	size_t i;

	if (2 * (v->n + 1) > v->n_slot)
		vocab_rehash(v);
	for (i = (size_t)h & (v->n_slot - 1); v->slot[i];
	     i = (i + 1) & (v->n_slot - 1)) {
		uint32_t id = v->slot[i] - 1;
		if (v->hash[id] == h && v->len[id] == t->norm_len &&
		    !memcmp(v->chars + v->off[id], t->norm, t->norm_len))
			return id;
	}
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1 << 15;
		v->off = xrealloc(v->off, v->cap * sizeof *v->off);
		v->len = xrealloc(v->len, v->cap * sizeof *v->len);
		v->kind = xrealloc(v->kind, v->cap * sizeof *v->kind);
		v->hash = xrealloc(v->hash, v->cap * sizeof *v->hash);
	}
	while (v->n_chars + t->norm_len + 1 > v->cap_chars) {
		v->cap_chars = v->cap_chars ? v->cap_chars * 2 : 1 << 20;
		v->chars = xrealloc(v->chars, v->cap_chars);
	}
	memcpy(v->chars + v->n_chars, t->norm, t->norm_len);
	v->chars[v->n_chars + t->norm_len] = '\0';
	v->off[v->n] = v->n_chars;
	v->len[v->n] = t->norm_len;
	v->kind[v->n] = t->kind;
	v->hash[v->n] = h;
	v->n_chars += t->norm_len + 1;
	v->slot[i] = (uint32_t)v->n + 1;
	return (uint32_t)v->n++;
}

/* The word tokens of the source articles, by sentence. Only words count
 * for shingles and sentence prints, so nothing else is kept. Sentence j
 * is tok[sent[j] .. sent[j + 1]); article d is sentences
 * doc[d] .. doc[d + 1]. */
typedef struct words {
	uint32_t *tok, *sent, *doc;
	size_t n_tok, n_sent, n_doc;
	size_t cap_tok, cap_sent, cap_doc;
} words;

static void words_add(words *w, vocab *v, const vl_token *tok,
		      const vl_sentence *sen, size_t n_sen)
{
	size_t first_sent = w->n_sent;

	for (size_t s = 0; s < n_sen; s++) {
		size_t start = w->n_tok;
		for (size_t i = 0; i < sen[s].n_tokens; i++) {
			const vl_token *t = &tok[sen[s].first_token + i];
			if (!vl__reuse_is_word(t))
				continue;
			if (w->n_tok == w->cap_tok) {
				w->cap_tok =
					w->cap_tok ? w->cap_tok * 2 : 1 << 20;
				w->tok = xrealloc(w->tok,
						  w->cap_tok * sizeof *w->tok);
			}
			w->tok[w->n_tok++] = vocab_id(v, t);
		}
		if (w->n_tok == start)
			continue;
		if (w->n_sent + 1 >= w->cap_sent) {
			w->cap_sent = w->cap_sent ? w->cap_sent * 2 : 1 << 16;
			w->sent = xrealloc(w->sent,
					   w->cap_sent * sizeof *w->sent);
		}
		w->sent[w->n_sent++] = (uint32_t)start;
		w->sent[w->n_sent] = (uint32_t)w->n_tok; /* sentinel */
	}
	if (w->n_sent == first_sent)
		return;
	if (w->n_doc + 1 >= w->cap_doc) {
		w->cap_doc = w->cap_doc ? w->cap_doc * 2 : 1 << 12;
		w->doc = xrealloc(w->doc, w->cap_doc * sizeof *w->doc);
	}
	w->doc[w->n_doc++] = (uint32_t)first_sent;
	w->doc[w->n_doc] = (uint32_t)w->n_sent; /* sentinel */
}

/* Scratch of one synthetic document. */
typedef struct synth {
	vl_token *tok;
	vl_sentence *sen;
	uint32_t *ord;
	size_t cap_tok, cap_sen;
} synth;

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * Synthetic document k: a source article drawn at random; DROP_PCT % of
 * its sentences dropped (at least one kept); 1..MAX_SWAPS pairs of the
 * kept sentences swapped; each word replaced with probability
 * REPLACE_PER_MILLE / 1000 by a word drawn from the whole corpus (so by
 * word frequency). Fills s->tok and s->sen; returns the sentence count
 * and the token count in *n_tok.
 */
static size_t synth_doc(synth *s, const words *w, const vocab *v, uint64_t k,
			size_t *n_tok)
{
	uint64_t rng = splitmix64(SYNTH_SEED ^ splitmix64(k));
	size_t src = (size_t)(rng_next(&rng) % w->n_doc);
	size_t s0 = w->doc[src], ns = w->doc[src + 1] - s0, drop, keep, nt = 0;

	drop = (ns * DROP_PCT + 50) / 100;
	if (drop >= ns)
		drop = ns - 1;
	keep = ns - drop;
	if (ns > s->cap_sen) {
		s->cap_sen = ns * 2;
		s->sen = xrealloc(s->sen, s->cap_sen * sizeof *s->sen);
		s->ord = xrealloc(s->ord, s->cap_sen * sizeof *s->ord);
	}
	for (size_t i = 0; i < ns; i++)
		s->ord[i] = (uint32_t)i;
	for (size_t i = 0; i < keep; i++) { /* partial Fisher-Yates */
		size_t r = i + (size_t)(rng_next(&rng) % (ns - i));
		uint32_t t = s->ord[i];
		s->ord[i] = s->ord[r];
		s->ord[r] = t;
	}
	qsort(s->ord, keep, sizeof *s->ord, cmp_u32);
	if (keep >= 2) {
		size_t swaps = 1 + (size_t)(rng_next(&rng) % MAX_SWAPS);
		for (size_t i = 0; i < swaps; i++) {
			size_t a = (size_t)(rng_next(&rng) % keep);
			size_t b = (size_t)(rng_next(&rng) % keep);
			uint32_t t = s->ord[a];
			s->ord[a] = s->ord[b];
			s->ord[b] = t;
		}
	}
	for (size_t i = 0; i < keep; i++) {
		size_t j = s0 + s->ord[i], a = w->sent[j], b = w->sent[j + 1];
		if (nt + (b - a) > s->cap_tok) {
			s->cap_tok = (nt + (b - a)) * 2;
			s->tok = xrealloc(s->tok, s->cap_tok * sizeof *s->tok);
		}
		s->sen[i] = (vl_sentence){ 0, 0, nt, b - a };
		for (size_t x = a; x < b; x++) {
			uint32_t id = w->tok[x];
			if (rng_next(&rng) % 1000 < REPLACE_PER_MILLE)
				id = w->tok[rng_next(&rng) % w->n_tok];
			s->tok[nt++] = (vl_token){
				0,	    0,		 v->chars + v->off[id],
				v->len[id], v->kind[id], 0
			};
		}
	}
	*n_tok = nt;
	return keep;
}

/* A set of 64-bit text hashes: exact copies are not indexed (link.c
 * links them to the oldest copy instead). */
typedef struct hset {
	uint64_t *h;
	size_t n, cap;
} hset;

static int hset_add(hset *s, uint64_t h)
{
	size_t i;

	h = h ? h : 1;
	if (2 * (s->n + 1) > s->cap) {
		hset old = *s;
		s->cap = s->cap ? s->cap * 2 : 1 << 16;
		s->h = calloc(s->cap, sizeof *s->h);
		if (!s->h) {
			fprintf(stderr, "bench: out of memory\n");
			exit(1);
		}
		s->n = 0;
		for (size_t j = 0; j < old.cap; j++)
			if (old.h[j])
				hset_add(s, old.h[j]);
		free(old.h);
	}
	for (i = (size_t)h & (s->cap - 1); s->h[i]; i = (i + 1) & (s->cap - 1))
		if (s->h[i] == h)
			return 0;
	s->h[i] = h;
	s->n++;
	return 1;
}

/*
 * (a) The corpus itself: every article analysed (untimed, in chunks as
 * in pass()), then timed: its index keys (shingles, signature, band keys,
 * sentence prints) and their insertion. Every article is then queried.
 * The word tokens are kept in w for the synthetic flow.
 */
static void index_corpus(const corpus *c, vocab *v, words *w, index_stats *out)
{
	char label[32];
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an[CHUNK];
	vl_mmap m = { 0 };
	index_stats st = { 0, 0, 0, 0, 0 };
	u64v keys = { NULL, 0, 0 }, all = { NULL, 0, 0 };
	size_t *first = xrealloc(NULL, (c->n + 1) * sizeof *first);
	size_t copies = 0, empty = 0, found = 0, capped = 0, n_keys = 0;
	uint32_t *buf = xrealloc(NULL, MAX_CANDIDATES * sizeof *buf);
	uint64_t *lat;
	hset seen = { NULL, 0, 0 };

	o.detect_language = 0;
	for (size_t f0 = 0; f0 < c->n; f0 += CHUNK) {
		size_t m_ = c->n - f0 < CHUNK ? c->n - f0 : CHUNK;

		for (size_t i = 0; i < m_; i++)
			if (vl_analyze(&an[i], c->text[f0 + i], c->len[f0 + i],
				       &o, NULL))
				an[i] = NULL;
		for (size_t i = 0; i < m_; i++) {
			const vl_token *tok;
			const vl_sentence *sen;
			size_t nt, ns, n_fps;
			uint64_t t0, t1, t2;

			if (!an[i]) {
				empty++;
				continue;
			}
			if (!hset_add(&seen, XXH3_64bits(c->text[f0 + i],
							 c->len[f0 + i]))) {
				copies++;
				continue;
			}
			tok = vl_analysis_tokens(an[i]);
			nt = vl_analysis_token_count(an[i]);
			sen = vl_analysis_sentences(an[i]);
			ns = vl_analysis_sentence_count(an[i]);
			t0 = mono_ns();
			doc_keys(&keys, &n_fps, tok, nt, sen, ns);
			t1 = mono_ns();
			if (keys.n)
				index_insert(&m, &keys,
					     (uint32_t)(st.docs + 1));
			t2 = mono_ns();
			if (!keys.n) {
				empty++;
				continue;
			}
			st.fp_ns += t1 - t0;
			st.ins_ns += t2 - t1;
			st.band += VL_LSH_BANDS;
			st.sent += n_fps;
			first[st.docs++] = all.n;
			for (size_t k = 0; k < keys.n; k++)
				u64v_push(&all, keys.v[k]);
			words_add(w, v, tok, sen, ns);
		}
		for (size_t i = 0; i < m_; i++)
			vl_analysis_free(an[i]);
	}
	first[st.docs] = all.n;
	snprintf(label, sizeof label, "%zuk", (c->n + 500) / 1000);
	printf("(a) the corpus: %zu articles, %zu indexed (%zu exact copies"
	       " and %zu without words not indexed, as in link.c)\n",
	       c->n, st.docs, copies, empty);
	printf("  keys+insert %9.0f docs/s: keys (shingles, signature, band"
	       " keys, sentence prints) %.2f us/doc + insert %.2f us/doc\n",
	       (double)st.docs / ((double)(st.fp_ns + st.ins_ns) / 1e9),
	       (double)st.fp_ns / 1e3 / (double)st.docs,
	       (double)st.ins_ns / 1e3 / (double)st.docs);
	print_size(label, &m, &st);
	lat = xrealloc(NULL, (st.docs ? st.docs : 1) * sizeof *lat);
	for (size_t d = 0; d < st.docs; d++) {
		u64v one = { all.v + first[d], first[d + 1] - first[d], 0 };
		lat[d] = query(&m, &one, buf, &found, &capped);
		n_keys += one.n;
	}
	print_latency(label, lat, st.docs, n_keys, found, capped);
	printf("  peak RSS %ld MB\n", peak_rss_mb());
	*out = st;
	vl__mmap_free(&m);
	free(lat);
	free(first);
	free(all.v);
	free(keys.v);
	free(buf);
	free(seen.h);
}

/*
 * (b) n synthetic documents perturbed from the corpus, indexed one after
 * the other into one index; the cumulative cost per document is printed
 * at checkpoints, the first at the corpus size so that the growth of the
 * cost with the index is read on documents of one kind. Then
 * QUERY_SAMPLE random documents are made again and queried.
 */
static void index_synthetic(const words *w, const vocab *v, size_t n,
			    size_t n_corpus, const index_stats *a)
{
	static const size_t marks[] = { 100000, 300000, 600000 };
	vl_mmap m = { 0 };
	index_stats st = { 0, 0, 0, 0, 0 }, at_corpus = st;
	synth s = { NULL, NULL, NULL, 0, 0 };
	u64v keys = { NULL, 0, 0 };
	uint32_t *buf = xrealloc(NULL, MAX_CANDIDATES * sizeof *buf);
	size_t mark = 0, n_q = n < QUERY_SAMPLE ? n : QUERY_SAMPLE;
	size_t found = 0, capped = 0, n_keys = 0, words_sum = 0, empty = 0;
	uint64_t *lat = xrealloc(NULL, (n_q ? n_q : 1) * sizeof *lat);
	uint64_t rng = 0x717565727921ull, w0 = mono_ns();
	double r_all, r_ins, lg;
	char label[32];

	printf("(b) synthetic: %zu documents from the %zu articles: each"
	       " drops %d%% of a random article's sentences, swaps 1..%d"
	       " pairs of the rest, replaces %.0f%% of its words by words"
	       " drawn from the corpus (seed %#llx)\n",
	       n, w->n_doc, DROP_PCT, MAX_SWAPS, REPLACE_PER_MILLE / 10.0,
	       (unsigned long long)SYNTH_SEED);
	printf("  %9s %12s %12s %10s %6s\n", "documents", "keys us/doc",
	       "insert us/doc", "bytes/doc", "recent");
	for (size_t k = 0; k < n; k++) {
		size_t nt, ns = synth_doc(&s, w, v, k, &nt), n_fps;
		uint64_t t0 = mono_ns(), t1, t2;

		doc_keys(&keys, &n_fps, s.tok, nt, s.sen, ns);
		t1 = mono_ns();
		index_insert(&m, &keys, (uint32_t)(k + 1));
		t2 = mono_ns();
		empty += keys.n == 0;
		words_sum += nt;
		st.fp_ns += t1 - t0;
		st.ins_ns += t2 - t1;
		st.band += keys.n ? VL_LSH_BANDS : 0;
		st.sent += n_fps;
		st.docs++;
		if (st.docs == n_corpus || st.docs == n ||
		    (mark < sizeof marks / sizeof *marks &&
		     st.docs == marks[mark])) {
			if (st.docs == n_corpus)
				at_corpus = st;
			if (mark < sizeof marks / sizeof *marks &&
			    st.docs == marks[mark])
				mark++;
			printf("  %9zu %12.2f %12.2f %10.1f %6.2f\n", st.docs,
			       (double)st.fp_ns / 1e3 / (double)st.docs,
			       (double)st.ins_ns / 1e3 / (double)st.docs,
			       (double)vl__mmap_bytes(&m) / (double)st.docs,
			       (double)m.n / (double)vl__mmap_count(&m));
			fflush(stdout);
		}
	}
	printf("  %.0f words per document on average, %zu without words;"
	       " built in %.1f s wall (generation included)\n",
	       (double)words_sum / (double)n, empty,
	       (double)(mono_ns() - w0) / 1e9);
	printf("  keys+insert %9.0f docs/s over the %zu documents\n",
	       (double)st.docs / ((double)(st.fp_ns + st.ins_ns) / 1e9),
	       st.docs);
	if (n % 1000000 == 0)
		snprintf(label, sizeof label, "%zuM", n / 1000000);
	else
		snprintf(label, sizeof label, "%zuk", (n + 500) / 1000);
	print_size(label, &m, &st);
	for (size_t q = 0; q < n_q; q++) {
		uint64_t k = rng_next(&rng) % n;
		size_t nt, ns = synth_doc(&s, w, v, k, &nt), n_fps;

		doc_keys(&keys, &n_fps, s.tok, nt, s.sen, ns);
		lat[q] = query(&m, &keys, buf, &found, &capped);
		n_keys += keys.n;
	}
	print_latency(label, lat, n_q, n_keys, found, capped);

	/* cost per document at n against the cost at the corpus size */
	/* the bound: log2 of the growth, and never below a constant 1 */
	lg = log2((double)n / (double)n_corpus);
	lg = lg < 1.0 ? 1.0 : lg;
	if (at_corpus.docs && n > n_corpus) {
		double c36 = (double)(at_corpus.fp_ns + at_corpus.ins_ns) /
			     (double)at_corpus.docs,
		       cn = (double)(st.fp_ns + st.ins_ns) / (double)st.docs,
		       i36 = (double)at_corpus.ins_ns / (double)at_corpus.docs,
		       in = (double)st.ins_ns / (double)st.docs,
		       ca = (double)(a->fp_ns + a->ins_ns) / (double)a->docs;
		r_all = cn / c36;
		r_ins = in / i36;
		printf("scaling: keys+insert per document: %.2f us at %zu"
		       " synthetic, %.2f us at %zu: ratio %.2f;"
		       " insert alone %.2f -> %.2f us: ratio %.2f;"
		       " bound max(1, log2(%zu / %zu)) = %.2f: %s\n",
		       c36 / 1e3, n_corpus, cn / 1e3, n, r_all, i36 / 1e3,
		       in / 1e3, r_ins, n, n_corpus, lg,
		       r_all <= lg && r_ins <= lg ? "within a log factor"
						  : "NOT within a log factor");
		printf("  (against the %zu corpus articles themselves,"
		       " %.2f us per document: ratio %.2f)\n",
		       a->docs, ca / 1e3, cn / ca);
	}
	vl__mmap_free(&m);
	free(s.tok);
	free(s.sen);
	free(s.ord);
	free(keys.v);
	free(buf);
	free(lat);
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1]
			 : "../shared/data/orangesum/articles.jsonl.gz";
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	long synth_n = argc > 3 ? atol(argv[3]) : SYNTH_DOCS;
	index_stats ia;
	vocab voc;
	words wd;
	double t[16], t_an = 0.0;
	size_t n_sh = 0, n_pairs, n_capped, n_sample, hi = 0;
	double err = 0.0, mean_j = 0.0, max_err = 0.0;
	uint64_t *pairs, rng = 0x72657573ull;
	doc_fp *fp;
	corpus c;

	if (reps < 1 || reps > 16)
		reps = 5;
	if (access(path, R_OK)) {
		fprintf(stderr, "bench: %s not found: skipping\n", path);
		return 0;
	}
	if (load(path, &c) || c.n == 0) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		return 1;
	}
	printf("corpus: %s: %zu articles, %.1f MB of text\n", path, c.n,
	       (double)c.bytes / 1e6);

	/* ---- throughput ---- */
	for (int r = 0; r < reps; r++)
		t[r] = pass(&c, NULL, &t_an, &n_sh);
	qsort(t, (size_t)reps, sizeof *t, cmp_d);
	{
		double med = t[reps / 2];
		printf("shingles+signature+LSH keys  %9.0f docs/s  %7.1f MB/s"
		       "  %.2f us/doc  median %.3fs (%.3f..%.3f) over %d "
		       "runs\n",
		       (double)c.n / med, (double)c.bytes / 1e6 / med,
		       med / (double)c.n * 1e6, med, t[0], t[reps - 1], reps);
		printf("  (for scale: vl_analyze, untimed above, %9.0f "
		       "docs/s)\n",
		       (double)c.n * reps / t_an);
		printf("  %.1f distinct shingles per article on average\n",
		       (double)n_sh / (double)c.n);
	}

	/* ---- accuracy: pairs that share an LSH band ---- */
	fp = xrealloc(NULL, c.n * sizeof *fp);
	pass(&c, fp, &t_an, &n_sh);
	pairs = candidate_pairs(fp, c.n, &n_pairs, &n_capped);
	n_sample = n_pairs < SAMPLE ? n_pairs : SAMPLE;
	for (size_t k = 0; k < n_sample; k++) {
		/* partial Fisher-Yates: a uniform sample without repeats */
		size_t r = k + (size_t)(rng_next(&rng) % (n_pairs - k));
		uint64_t p = pairs[r];
		const doc_fp *a, *b;
		double j, e;

		pairs[r] = pairs[k];
		pairs[k] = p;
		a = &fp[p >> 32];
		b = &fp[p & 0xFFFFFFFFu];
		j = vl__jaccard(&a->sh, &b->sh);
		e = fabs(vl__signature_jaccard(&a->sig, &b->sig) - j);
		err += e;
		mean_j += j;
		hi += j >= 0.5;
		if (e > max_err)
			max_err = e;
	}
	printf("LSH (%d bands x %d rows): %zu distinct candidate pairs"
	       " (%zu buckets over %d capped)\n",
	       VL_LSH_BANDS, VL_LSH_ROWS, n_pairs, n_capped, MAX_BUCKET);
	if (n_sample)
		printf("estimate error on %zu random candidate pairs: mean "
		       "|est - J| %.4f (max %.4f); mean exact J %.3f, "
		       "%.1f%% with J >= 0.5\n",
		       n_sample, err / (double)n_sample, max_err,
		       mean_j / (double)n_sample,
		       100.0 * (double)hi / (double)n_sample);
	printf("index bytes per article: signature %zu + band keys %zu = %zu"
	       " (exact shingle set: %.0f more on average)\n",
	       sizeof(vl_signature), sizeof fp[0].keys,
	       sizeof(vl_signature) + sizeof fp[0].keys,
	       8.0 * (double)n_sh / (double)c.n);
	printf("peak RSS %ld MB\n", peak_rss_mb());
	for (size_t i = 0; i < c.n; i++)
		vl__shingles_free(&fp[i].sh);
	free(fp);
	free(pairs);

	/* ---- the candidate index: (a) the corpus, (b) synthetic ---- */
	printf("candidate index as src/engine/link.c builds it: one vl_mmap,"
	       " %d band keys ^ TAG_LSH + sentence prints (>= %d words)"
	       " ^ TAG_SENT per document\n",
	       VL_LSH_BANDS, SENTENCE_FP_WORDS);
	memset(&voc, 0, sizeof voc);
	memset(&wd, 0, sizeof wd);
	index_corpus(&c, &voc, &wd, &ia);
	for (size_t i = 0; i < c.n; i++)
		free(c.text[i]);
	free(c.text);
	free(c.len);
	if (synth_n > 0 && synth_n < UINT32_MAX && wd.n_doc && ia.docs)
		index_synthetic(&wd, &voc, (size_t)synth_n, c.n, &ia);
	else
		printf("(b) synthetic flow skipped (%ld documents asked)\n",
		       synth_n);
	printf("peak RSS %ld MB\n", peak_rss_mb());
	free(voc.chars);
	free(voc.off);
	free(voc.len);
	free(voc.kind);
	free(voc.hash);
	free(voc.slot);
	free(wd.tok);
	free(wd.sent);
	free(wd.doc);
	return 0;
}

/*
 * Build by hand from the repository root (bench/run.sh does this in
 * `make bench`, with the Makefile's flags):
 *   make -s build/libveille.a VL_DEPS_OK=1 && P="sqlite3 libutf8proc \
 *     libexttextcat libcjson libxxhash zlib" && cc -std=c11 -O2 \
 *     -D_DEFAULT_SOURCE -Iinclude -Isrc $(pkg-config --cflags $P) \
 *     -o build/bench_reuse bench/bench_reuse.c build/libveille.a \
 *     $(pkg-config --libs $P) -lstemmer -lpthread -lm
 */
