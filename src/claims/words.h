/*
 * words.h — the claim stage's word table (data/claims/claims-fr.txt,
 * compiled in): assertion, denial and doubt cues, negations and event
 * words with their class, matched on tokens' matching forms.
 */
#ifndef VL_CLAIMS_WORDS_H
#define VL_CLAIMS_WORDS_H

#include <stddef.h>

#include "veille.h"

enum { VL_CW_ASSERT = 1, VL_CW_DENY, VL_CW_DOUBT, VL_CW_NEG, VL_CW_EVENT };

typedef struct vl_claim_words vl_claim_words;

/* The table, built once (thread-safe); NULL when memory runs out. */
const vl_claim_words *vl__claim_words(void);

/* The longest entry starting at token i of toks[0..n): its length in
 * tokens (0: none), its kind in *kind and, for events, its class (1..)
 * in *cls. */
size_t vl__claim_word_at(const vl_claim_words *w, const vl_token *toks,
			 size_t n, size_t i, int *kind, int *cls);

/* Name of event class cls (1..), NULL when there is none. */
const char *vl__claim_class_name(const vl_claim_words *w, int cls);

#endif
