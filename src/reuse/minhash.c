/*
 * minhash.c — the approximate side of the reuse stage: a fixed-size
 * MinHash signature of a shingle set (shingle.c) that estimates Jaccard
 * resemblance, and the LSH band keys an index uses to find candidate
 * pairs without comparing every pair. Candidates are then verified on
 * the exact shingle sets.
 *
 * The signature is one-permutation hashing (Li, Owen and Zhang, "One
 * Permutation Hashing", NIPS 2012): each shingle is re-mixed once; its
 * top 6 bits pick one of VL_SIG_BINS bins and 32 other bits are its
 * value; a bin keeps its minimum. That is O(n) instead of the O(64 n) of
 * 64 independent MinHashes. Short texts leave bins empty; those are
 * filled by optimal densification (Shrivastava, "Optimal Densification
 * for Fast and Accurate Minwise Hashing", ICML 2017): empty bin i probes
 * bins h(i, 1), h(i, 2), ... with a hash of (i, attempt) that does not
 * depend on the data, and copies the value of the first bin that was
 * non-empty before densification. Two sets then agree on any bin with
 * probability exactly J, so the fraction of equal bins is an unbiased
 * estimate of J (standard error sqrt(J(1 - J) / 64) at most 0.0625).
 */
#include <string.h>

#include "reuse/mix.h"
#include "reuse/reuse.h"

#define SIG_SEED 0x4F4E455045524D55ull	 /* "ONEPERMU" */
#define PROBE_SEED 0x44454E5349465921ull /* "DENSIFY!" */
#define LSH_SEED 0x4C534842414E4453ull	 /* "LSHBANDS" */

#define BIN_BITS 6 /* log2(VL_SIG_BINS) */
#define PROBES_PER_HASH (64 / BIN_BITS)
/* After this many probes (never reached in practice: with one non-empty
 * bin of 64 the chance is (63/64)^65536) an empty bin borrows from the
 * next non-empty bin in circular order, so the loop always ends. */
#define MAX_PROBES 65536u

_Static_assert(VL_SIG_BINS == 1 << BIN_BITS, "VL_SIG_BINS is 2^BIN_BITS");
_Static_assert(VL_LSH_BANDS *VL_LSH_ROWS <= VL_SIG_BINS,
	       "the LSH bands must fit in the signature");

/* Bin `i` borrows from this bin, found by probing (see above). Each
 * 64-bit hash of (i, group of attempts) gives ten 6-bit probes. */
static unsigned borrow_from(unsigned i, uint64_t full)
{
	unsigned attempt = 0;

	for (uint64_t g = 0; attempt < MAX_PROBES; g++) {
		uint64_t h = vl__fmix64(PROBE_SEED ^ ((uint64_t)i << 32) ^
					(g * VL_MIX_P2));
		for (unsigned r = 0; r < PROBES_PER_HASH; r++, attempt++) {
			unsigned j = (unsigned)(h >> (r * BIN_BITS)) &
				     (VL_SIG_BINS - 1);
			if ((full >> j) & 1u)
				return j;
		}
	}
	for (unsigned d = 1;; d++) {
		unsigned j = (i + d) & (VL_SIG_BINS - 1);
		if ((full >> j) & 1u)
			return j;
	}
}

void vl__signature(vl_signature *out, const vl_shingles *s)
{
	uint32_t v[VL_SIG_BINS];
	uint64_t full = 0; /* bit j: bin j got a shingle */
	size_t n = s ? s->n : 0;

	for (unsigned b = 0; b < VL_SIG_BINS; b++)
		v[b] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		uint64_t y = vl__fmix64(s->h[i] ^ SIG_SEED);
		unsigned b = (unsigned)(y >> (64 - BIN_BITS));
		uint32_t x = (uint32_t)y;
		/* UINT32_MAX marks an empty bin (an empty set's signature) */
		x -= x == UINT32_MAX;
		/* a new minimum is unpredictable: keep this branch-free */
		v[b] = x < v[b] ? x : v[b];
		full |= 1ull << b;
	}
	if (full != 0 && full != UINT64_MAX)
		for (unsigned b = 0; b < VL_SIG_BINS; b++)
			if (!((full >> b) & 1u))
				v[b] = v[borrow_from(b, full)];
	memcpy(out->v, v, sizeof v);
}

/* Two empty sets have an exact Jaccard of 0 (vl__jaccard); their
 * signatures, all UINT32_MAX, would agree on every bin, so they are
 * special-cased to match. A non-empty set never has a UINT32_MAX bin. */
double vl__signature_jaccard(const vl_signature *a, const vl_signature *b)
{
	unsigned eq = 0;

	if (a->v[0] == UINT32_MAX && b->v[0] == UINT32_MAX)
		return 0.0;
	for (unsigned i = 0; i < VL_SIG_BINS; i++)
		eq += a->v[i] == b->v[i];
	return (double)eq / VL_SIG_BINS;
}

/* Band i folds its rows into a hash seeded with i, so the same values in
 * two different bands give different keys. Two signatures share band i's
 * key when they agree on all its VL_LSH_ROWS bins, which for a pair of
 * resemblance J happens in at least one band with probability
 * 1 - (1 - J^3)^21: 0.9999997 at J = 0.8, 0.94 at J = 0.5, 0.02 at 0.1.
 * Every empty set gets the same keys: callers skip empty sets. */
void vl__lsh_keys(uint64_t keys[VL_LSH_BANDS], const vl_signature *s)
{
	for (unsigned i = 0; i < VL_LSH_BANDS; i++) {
		const uint32_t *row = s->v + i * VL_LSH_ROWS;
		uint64_t h = LSH_SEED + (uint64_t)i * VL_MIX_P3;
		for (unsigned r = 0; r < VL_LSH_ROWS; r++)
			h = vl__fold(h, row[r]);
		keys[i] = vl__fmix64(h);
	}
}
