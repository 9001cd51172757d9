/*
 * reuse.h — the reuse stage: fingerprints that find near-duplicates and
 * shared wire copy. Pure: tokens in, fingerprints and similarities out.
 *
 * Document level: the set of word 5-shingles of the matching form (word,
 * number, ordinal, percent and elision tokens only; punctuation and
 * quotes do not count), hashed to 64 bits; a one-permutation MinHash
 * signature with optimal densification (Shrivastava, ICML 2017) whose
 * bins estimate Jaccard resemblance; LSH band keys over the signature.
 * Candidates are always verified on the exact shingle sets (Jaccard and
 * containment), so no pair below a threshold is ever reported.
 */
#ifndef VL_REUSE_REUSE_H
#define VL_REUSE_REUSE_H

#include <stddef.h>
#include <stdint.h>

#include "veille.h"

#define VL_SHINGLE_WORDS 5 /* words per shingle */
#define VL_SIG_BINS 64	   /* one-permutation hashing bins */
#define VL_LSH_BANDS 21	   /* bands of VL_LSH_ROWS bins each */
#define VL_LSH_ROWS 3

/* Sorted, distinct 64-bit hashes of a text's word shingles. A text of
 * fewer than VL_SHINGLE_WORDS words has one shingle: all its words. */
typedef struct vl_shingles {
	uint64_t *h;
	size_t n;
} vl_shingles;

int vl__shingles(vl_shingles *out, const vl_token *tok, size_t n_tok);
void vl__shingles_free(vl_shingles *s);

/* Exact similarities of two shingle sets (0 when both are empty). */
double vl__jaccard(const vl_shingles *a, const vl_shingles *b);
/* |A ∩ B| / |A|: how much of a lies inside b. */
double vl__containment(const vl_shingles *a, const vl_shingles *b);

/* One-permutation MinHash signature; empty sets give all-ones. */
typedef struct vl_signature {
	uint32_t v[VL_SIG_BINS];
} vl_signature;

void vl__signature(vl_signature *out, const vl_shingles *s);
/* Estimated Jaccard: the fraction of equal bins. */
double vl__signature_jaccard(const vl_signature *a, const vl_signature *b);
/* LSH band keys: band i hashes bins [i*ROWS, (i+1)*ROWS) with i mixed
 * in, so equal bins in different bands never collide by construction. */
void vl__lsh_keys(uint64_t keys[VL_LSH_BANDS], const vl_signature *s);

/* Fingerprint of a sentence for passage matching: the hash of its word
 * tokens' norms (the same words with other punctuation match), 0 for a
 * sentence of fewer than `min_words` words. */
uint64_t vl__sentence_fp(const vl_token *tok, size_t n_tok, size_t min_words);

#endif
