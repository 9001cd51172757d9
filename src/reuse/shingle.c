/*
 * shingle.c — the exact side of the reuse stage: a text's set of word
 * 5-shingles as sorted, distinct 64-bit hashes, the Jaccard resemblance
 * and containment of two such sets, and sentence fingerprints for
 * passage matching. Candidates found by the MinHash/LSH index
 * (minhash.c) are verified here, on the exact sets.
 *
 * A shingle is VL_SHINGLE_WORDS consecutive word tokens (see mix.h for
 * which kinds count) of the matching form, so "30.000" and "30'000",
 * « » and ", ’ and ' give the same shingles. Each token's norm is hashed
 * once with XXH3; a shingle's hash folds its five token hashes in order
 * and ends with an avalanche. The hashes are then sorted by an MSD radix
 * sort (the keys are uniform: one pass on a top digit of about log2(n)
 * bits leaves buckets of one or two keys, which insertion sort
 * finishes: 1.5 us for a news article's 340 shingles, 10x less than
 * glibc's qsort) and deduplicated.
 */
#include <string.h>

#include "reuse/mix.h"
#include "reuse/reuse.h"
#include "util/alloc.h"

/* Seeds keep the families of hashes apart: a shingle hash never equals
 * a sentence fingerprint of the same words by construction. */
#define SHINGLE_SEED 0x5348494E474C4553ull  /* "SHINGLES" */
#define SENTENCE_SEED 0x53454E54454E4345ull /* "SENTENCE" */

/* Buckets at most this long are finished by insertion sort. */
#define SORT_SMALL 48
/* Widest first digit of the radix sort: 4 KiB of counts. */
#define TOP_BITS 10
/* Texts of at most this many tokens keep their token hashes, and then
 * the sort's scratch keys, on the stack (8 KiB): most news articles. */
#define STACK_KEYS 1024

/* Hash of a shingle of k words whose token hashes are t[0..k). The count
 * is mixed in so a short text's single shingle cannot equal a 5-shingle
 * of the same leading words. */
static inline uint64_t shingle_hash(const uint64_t *t, size_t k)
{
	uint64_t h = SHINGLE_SEED + (uint64_t)k;
	for (size_t j = 0; j < k; j++)
		h = vl__fold(h, t[j]);
	return vl__fmix64(h);
}

static void insertion_sort(uint64_t *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		uint64_t x = a[i];
		size_t j = i;
		while (j > 0 && a[j - 1] > x) {
			a[j] = a[j - 1];
			j--;
		}
		a[j] = x;
	}
}

/*
 * MSD radix sort of uniform 64-bit hashes. The first digit is as wide as
 * the set is large (up to TOP_BITS bits) so keys land about one to a
 * bucket; later digits are bytes. Buckets longer than SORT_SMALL recurse
 * on the next digit; then one insertion sort over the whole range
 * finishes the small buckets (the large ones are already sorted, so it
 * only walks them). At most 8 levels deep, so the worst case is O(8n)
 * whatever the keys: runs of equal keys (a text repeated many times)
 * cost one histogram per level and no moves.
 */
static void radix_sort(uint64_t *a, uint64_t *tmp, size_t n, unsigned shift,
		       unsigned bits);

/* One level: a[0..n) (n < 2^32) on the digit of `bits` bits at `shift`,
 * with tmp a scratch buffer of n keys and cnt room for 2^bits counts. */
static void distribute(uint64_t *a, uint64_t *tmp, size_t n, unsigned shift,
		       unsigned bits, uint32_t *cnt)
{
	size_t nb = (size_t)1 << bits, mask = nb - 1;
	unsigned next = shift < 8 ? shift : 8;
	uint32_t sum = 0, start = 0, most = 0;

	memset(cnt, 0, nb * sizeof *cnt);
	for (size_t i = 0; i < n; i++)
		cnt[(a[i] >> shift) & mask]++;
	if (cnt[(a[0] >> shift) & mask] == n) {
		/* one bucket holds everything: nothing to move */
		if (shift)
			radix_sort(a, tmp, n, shift - next, next);
		return;
	}
	for (size_t b = 0; b < nb; b++) { /* counts to bucket starts */
		uint32_t c = cnt[b];
		cnt[b] = sum;
		sum += c;
		most = c > most ? c : most;
	}
	for (size_t i = 0; i < n; i++)
		tmp[cnt[(a[i] >> shift) & mask]++] = a[i];
	memcpy(a, tmp, n * sizeof *a);
	if (shift && most > SORT_SMALL) { /* cnt[b]: end of bucket b */
		for (size_t b = 0; b < nb; b++) {
			if (cnt[b] - start > SORT_SMALL)
				radix_sort(a + start, tmp + start,
					   cnt[b] - start, shift - next, next);
			start = cnt[b];
		}
	}
	insertion_sort(a, n);
}

static void radix_sort(uint64_t *a, uint64_t *tmp, size_t n, unsigned shift,
		       unsigned bits)
{
	uint32_t cnt[256];

	if (n <= SORT_SMALL)
		insertion_sort(a, n);
	else
		distribute(a, tmp, n, shift, bits, cnt);
}

static void sort_hashes(uint64_t *a, uint64_t *tmp, size_t n)
{
	uint32_t cnt[1u << TOP_BITS];
	unsigned bits = 8;

	if (n <= SORT_SMALL) {
		insertion_sort(a, n);
		return;
	}
	while (bits < TOP_BITS && ((size_t)1 << bits) < n)
		bits++;
	distribute(a, tmp, n, 64 - bits, bits, cnt);
}

int vl__shingles(vl_shingles *out, const vl_token *tok, size_t n_tok)
{
	uint64_t stack_tmp[STACK_KEYS];
	uint64_t *h = NULL, *t = stack_tmp;
	size_t words = 0, m, n, bytes;
	int rc = VL_ENOMEM;

	out->h = NULL;
	out->n = 0;
	/* t: the token hashes of the words, then the sort's scratch (it
	 * holds words >= m keys). Short texts hash straight onto the
	 * stack; longer ones count their words first to size the heap. */
	if (n_tok <= STACK_KEYS) {
		for (size_t i = 0; i < n_tok; i++)
			if (vl__reuse_is_word(&tok[i]))
				t[words++] = vl__reuse_token_hash(&tok[i]);
	} else {
		for (size_t i = 0; i < n_tok; i++)
			words += (size_t)vl__reuse_is_word(&tok[i]);
		if (vl__mul_size(&bytes, words, sizeof *t)) {
			rc = VL_ETOOBIG;
			goto done;
		}
		if (!(t = vl__malloc(bytes)))
			goto done;
		words = 0;
		for (size_t i = 0; i < n_tok; i++)
			if (vl__reuse_is_word(&tok[i]))
				t[words++] = vl__reuse_token_hash(&tok[i]);
	}
	if (words == 0) {
		rc = 0;
		goto done;
	}
	m = words < VL_SHINGLE_WORDS ? 1 : words - (VL_SHINGLE_WORDS - 1);
	if ((uint64_t)m > UINT32_MAX) { /* the sort counts in 32 bits */
		rc = VL_ETOOBIG;
		goto done;
	}
	if (!(h = vl__malloc(m * sizeof *h)))
		goto done;
	if (words < VL_SHINGLE_WORDS) {
		h[0] = shingle_hash(t, words);
	} else {
		/* no dependency from one shingle to the next: the CPU
		 * overlaps the multiply chains of several windows */
		for (size_t i = 0; i < m; i++)
			h[i] = shingle_hash(t + i, VL_SHINGLE_WORDS);
	}
	sort_hashes(h, t, m);
	n = 1;
	for (size_t i = 1; i < m; i++)
		if (h[i] != h[n - 1])
			h[n++] = h[i];
	if (n < m / 2) {
		/* mostly duplicates (repeated text): give the rest back;
		 * if shrinking fails the larger block is still good */
		uint64_t *s = vl__realloc(h, n * sizeof *h);
		if (s)
			h = s;
	}
	out->h = h;
	out->n = n;
	h = NULL;
	rc = 0;
done:
	if (t != stack_tmp)
		vl__freep(t);
	vl__freep(h);
	return rc;
}

void vl__shingles_free(vl_shingles *s)
{
	if (!s)
		return;
	vl__freep(s->h);
	s->h = NULL;
	s->n = 0;
}

/* |A ∩ B| by a branch-free merge of the sorted arrays. */
static size_t intersection(const vl_shingles *a, const vl_shingles *b)
{
	size_t i = 0, j = 0, c = 0;

	if (!a || !b)
		return 0;
	while (i < a->n && j < b->n) {
		uint64_t x = a->h[i], y = b->h[j];
		c += x == y;
		i += x <= y;
		j += y <= x;
	}
	return c;
}

double vl__jaccard(const vl_shingles *a, const vl_shingles *b)
{
	size_t na = a ? a->n : 0, nb = b ? b->n : 0, c;

	if (na + nb == 0)
		return 0.0;
	c = intersection(a, b);
	return (double)c / (double)(na + nb - c);
}

double vl__containment(const vl_shingles *a, const vl_shingles *b)
{
	if (!a || a->n == 0)
		return 0.0;
	return (double)intersection(a, b) / (double)a->n;
}

/* A sentence with no word gets no fingerprint even when min_words is 0:
 * every such sentence would otherwise match every other. */
uint64_t vl__sentence_fp(const vl_token *tok, size_t n_tok, size_t min_words)
{
	uint64_t h = SENTENCE_SEED;
	size_t words = 0;

	for (size_t i = 0; i < n_tok; i++) {
		if (!vl__reuse_is_word(&tok[i]))
			continue;
		h = vl__fold(h, vl__reuse_token_hash(&tok[i]));
		words++;
	}
	if (words == 0 || words < min_words)
		return 0;
	h = vl__fmix64(h ^ (uint64_t)words);
	return h ? h : 1; /* 0 means "no fingerprint" */
}
