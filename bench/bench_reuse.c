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
 * Build: see the comment at the end of this file.
 * Usage: bench_reuse [corpus.jsonl.gz] [reps]
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

#include "reuse/reuse.h"
#include "veille.h"

#define CHUNK 32	/* articles analysed, then fingerprinted */
#define SAMPLE 2000	/* pairs drawn for the estimate error */
#define MAX_BUCKET 2000 /* larger LSH buckets: a random subset's pairs */

typedef struct corpus {
	char **text;
	size_t *len;
	size_t n, cap;
	size_t bytes;
} corpus;

static double cpu_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss / 1024;
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "bench: out of memory\n");
		exit(1);
	}
	return q;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

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

static int load(const char *path, corpus *c)
{
	gzFile gz = gzopen(path, "rb");
	size_t lcap = 1 << 20, llen = 0;
	char *line, buf[1 << 16];
	int n;

	memset(c, 0, sizeof *c);
	if (!gz)
		return -1;
	line = xrealloc(NULL, lcap);
	while ((n = gzread(gz, buf, sizeof buf)) > 0) {
		for (int i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (llen + 1 >= lcap)
					line = xrealloc(line, lcap *= 2);
				line[llen++] = buf[i];
				continue;
			}
			add_line(c, line, llen);
			llen = 0;
		}
	}
	if (llen)
		add_line(c, line, llen);
	gzclose(gz);
	free(line);
	return 0;
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

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1]
			 : "../shared/data/orangesum/articles.jsonl.gz";
	int reps = argc > 2 ? atoi(argv[2]) : 5;
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

	for (size_t i = 0; i < c.n; i++) {
		vl__shingles_free(&fp[i].sh);
		free(c.text[i]);
	}
	free(fp);
	free(pairs);
	free(c.text);
	free(c.len);
	return 0;
}

/*
 * Build by hand from the repository root:
 *   make -s build/libveille.a VL_DEPS_OK=1 && cc -std=c11 -O2 \
 *     -D_DEFAULT_SOURCE -Iinclude -Isrc -I/usr/include/cjson \
 *     -o build/bench_reuse bench/bench_reuse.c build/libveille.a \
 *     $(pkg-config --libs sqlite3 libutf8proc libexttextcat libcjson \
 *       libxxhash zlib) -lstemmer -lpthread -lm
 */
