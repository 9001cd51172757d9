/*
 * mix.h — hashing helpers shared by the reuse stage (shingles, MinHash
 * signatures, LSH keys, sentence fingerprints): which tokens count as
 * words, the hash of one token's matching form, and the 64-bit mixers
 * that combine hashes. Internal to src/reuse/.
 *
 * Everything here is arithmetic on 64-bit values (plus XXH3, whose
 * output is defined independently of byte order), so fingerprints are
 * the same on every machine and can be stored and compared later.
 */
#ifndef VL_REUSE_MIX_H
#define VL_REUSE_MIX_H

#include <stdint.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "veille.h"

/* Odd 64-bit constants (from xxHash and SplitMix64). */
#define VL_MIX_P1 0x9E3779B185EBCA87ull
#define VL_MIX_P2 0xC2B2AE3D27D4EB4Full
#define VL_MIX_P3 0x165667B19E3779F9ull
#define VL_MIX_P4 0xBF58476D1CE4E5B9ull
#define VL_MIX_P5 0x94D049BB133111EBull

/* Kinds that count as words for shingles and sentence fingerprints:
 * words, numbers, ordinals, percents, elisions, abbreviations and URLs.
 * Punctuation, quotes and symbols do not, so the same words punctuated
 * differently give the same fingerprints. */
#define VL_REUSE_WORD_KINDS                                \
	((1u << VL_TOK_WORD) | (1u << VL_TOK_NUMBER) |     \
	 (1u << VL_TOK_ORDINAL) | (1u << VL_TOK_PERCENT) | \
	 (1u << VL_TOK_ELISION) | (1u << VL_TOK_ABBREV) | (1u << VL_TOK_URL))

static inline int vl__reuse_is_word(const vl_token *t)
{
	return t->kind < 32 && ((VL_REUSE_WORD_KINDS >> t->kind) & 1u);
}

/* Hash of a token's matching form. */
static inline uint64_t vl__reuse_token_hash(const vl_token *t)
{
	return XXH3_64bits(t->norm, t->norm_len);
}

static inline uint64_t vl__rotl64(uint64_t x, unsigned r)
{
	return (x << r) | (x >> (64 - r));
}

/* One step of an order-sensitive fold: for a fixed h it is a bijection
 * of x and for a fixed x a bijection of h (xor, odd multiply, rotate),
 * so sequences that differ only in their last element never collide. */
static inline uint64_t vl__fold(uint64_t h, uint64_t x)
{
	return vl__rotl64((h ^ x) * VL_MIX_P1, 31);
}

/* Final avalanche (SplitMix64 / Stafford variant 13): every output bit
 * depends on every input bit. */
static inline uint64_t vl__fmix64(uint64_t x)
{
	x ^= x >> 30;
	x *= VL_MIX_P4;
	x ^= x >> 27;
	x *= VL_MIX_P5;
	x ^= x >> 31;
	return x;
}

#endif
