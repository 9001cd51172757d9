/*
 * tagger_int.h — what the tagger (tagger.c), its feature extraction
 * (tagger_feats.c) and its trainer (tools/ner_train.c) share: the
 * feature keys, the constrained Viterbi decoder and the model blob's
 * layout.
 */
#ifndef VL_ENTITIES_TAGGER_INT_H
#define VL_ENTITIES_TAGGER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "entities/span.h"

/* Feature keys per token, and the version of their definition: a model
 * made with other features is refused. */
#define VL_TAGGER_NFEATS 22
#define VL_TAGGER_FEAT_VERSION 1
/* Sentences are decoded in pieces of at most this many tokens. */
#define VL_TAGGER_CHUNK 128
/* Transition rows: one per previous tag, and the sentence start. */
#define VL_TAGGER_START VL_NTAGS

/*
 * The feature keys of tokens from .. to - 1 of a sentence of n tokens
 * (to - from <= VL_TAGGER_CHUNK): out gets VL_TAGGER_NFEATS non-zero
 * 32-bit keys per token. gaz: per-token gazetteer flags, or NULL. Pure.
 */
void vl__tagger_feats(const vl_span *toks, const uint8_t *gaz, size_t n,
		      size_t from, size_t to, uint32_t *out);

/* May tag `cur` follow tag `prev` (VL_TAGGER_START at the start)? An
 * I-X only follows B-X or I-X. */
static inline int vl__tag_allowed(int prev, int cur)
{
	if (cur == VL_TAG_O || VL_TAG_IS_B(cur))
		return 1;
	return prev != VL_TAGGER_START && prev != VL_TAG_O &&
	       VL_TAG_TYPE(prev) == VL_TAG_TYPE(cur);
}

/*
 * Best tag sequence (first-order Viterbi) of n tokens given emission
 * scores emit[i * VL_NTAGS + tag] and transitions
 * trans[prev * VL_NTAGS + cur] (prev up to VL_TAGGER_START); init is the
 * tag before the first token (VL_TAGGER_START at a sentence start).
 * back: n * VL_NTAGS bytes of scratch. Pure.
 */
void vl__tagger_viterbi(const int32_t *emit, const int32_t *trans, size_t n,
			int init, uint8_t *back, uint8_t *tags);

/* Model blob: "VLNER1\0\0", then little-endian u32 NFEATS,
 * u32 FEAT_VERSION, i32 transitions[(VL_NTAGS + 1) * VL_NTAGS],
 * u32 row count, then rows sorted by key: varint key delta, varint mask
 * of the tags with a weight, and each weight as a zigzag varint. */
#define VL_TAGGER_MAGIC "VLNER1\0\0"

#endif
