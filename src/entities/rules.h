/*
 * rules.h — the words that French rules of the entity stage look for
 * (titles, roles, place words, units, nationalities, alias phrases),
 * read once from data/entities/roles-fr.txt (compiled in).
 */
#ifndef VL_ENTITIES_RULES_H
#define VL_ENTITIES_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "veille.h"

enum {
	VL_WORD_NONE = 0,
	VL_WORD_TITLE,
	VL_WORD_HEAD,
	VL_WORD_ROLE,
	VL_WORD_PLACE,
	VL_WORD_UNIT,
	VL_WORD_NAT,
	VL_WORD_ALIAS
};

/* Longest phrase of the table, in tokens. */
#define VL_RULE_MAX_WORDS 4

typedef struct vl_rule_words vl_rule_words;

/* The table, built once (thread-safe); NULL when memory runs out. */
const vl_rule_words *vl__rule_words(void);

/*
 * The longest entry that starts at token i of toks[0..n) (compared by
 * the tokens' matching forms), its kind in *kind and its length in
 * tokens as the return value (0: none). For VL_WORD_NAT, *cc gets the
 * country code (2 letters and a NUL).
 */
size_t vl__rule_match(const vl_rule_words *w, const vl_token *toks, size_t n,
		      size_t i, int *kind, char cc[3]);

#endif
