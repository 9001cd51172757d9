/*
 * align.h — passage level of the reuse stage: which sentences two
 * articles share, lightly edited or not. Each sentence is the set of its
 * words (matching form: case, accents, quotes and digit grouping do not
 * count); two sentences match when their word sets are close (Jaccard
 * >= 0.5), or when the shorter one lies almost whole inside the longer (a
 * clause dropped or added: 80 % of at least 6 words). A sentence matches
 * at most one sentence of the other article, best pairs first, in any
 * order (reprints move paragraphs).
 */
#ifndef VL_REUSE_ALIGN_H
#define VL_REUSE_ALIGN_H

#include <stddef.h>
#include <stdint.h>

#include "veille.h"

/* Word sets of the sentences of one text. */
typedef struct vl_sentsets {
	uint64_t *w; /* word hashes, each sentence's sorted and distinct */
	size_t *off; /* sentence i is w[off[i] .. off[i + 1]) */
	size_t n;    /* sentences */
} vl_sentsets;

int vl__sentsets(vl_sentsets *out, const vl_token *tok, size_t n_tok,
		 const vl_sentence *sen, size_t n_sen);
void vl__sentsets_free(vl_sentsets *s);

typedef struct vl_match {
	uint32_t a, b; /* sentence numbers */
	float score;   /* word Jaccard of the two sentences */
} vl_match;

/* Matched sentences of a and b, in a's order; *out owned by the caller
 * (vl__freep). Texts of more than VL_ALIGN_MAX_PAIRS sentence pairs are
 * matched on identical word sets only, in linear time. */
#define VL_ALIGN_MAX_PAIRS 250000
int vl__align(vl_match **out, size_t *n, const vl_sentsets *a,
	      const vl_sentsets *b);

#endif
