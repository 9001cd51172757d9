/*
 * quotes.h — who said what (pure: text and mentions in, quotations out):
 * direct quotations in « », " ", “ ”, partial quotes inside a sentence,
 * and reported speech with a speech verb ("a déclaré", "a affirmé que",
 * "selon X", "d'après X", "X estime que"), each with its speaker: the
 * name before or after ("a déclaré Dmitri Peskov", "M. Peskov a
 * déclaré"), across sentences ("a-t-il ajouté": the last speaker), or a
 * role ("le porte-parole du Kremlin"). The speaker is one of the
 * article's mentions (entities/mentions.h), so the engine can give its
 * entity.
 */
#ifndef VL_QUOTES_QUOTES_H
#define VL_QUOTES_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "entities/mentions.h"
#include "veille.h"

enum {
	VL_QUOTE_DIRECT = 1, /* a whole quoted sentence or more */
	VL_QUOTE_PARTIAL,    /* quoted words inside the writer's sentence */
	VL_QUOTE_REPORTED    /* reported speech, no quote marks */
};

typedef struct vl_quote {
	uint32_t start, end; /* the quoted words, marks excluded (reported
				speech: the clause said) */
	uint32_t cue_start, cue_end; /* the speech verb or "selon", or 0 0 */
	int32_t speaker;	     /* index into the mentions (vl_ments.m), -1
					when no speaker was found */
	uint8_t kind;		     /* VL_QUOTE_* */
	uint8_t carried;	     /* speaker carried from an earlier quote
					("a-t-il ajouté") */
	uint32_t sp_start, sp_end;   /* the speaker as written: the bytes of
					its mention, or of the phrase that
					names it when no mention does ("le
					ministère russe de la Défense"); 0 0
					when none */
} vl_quote;

typedef struct vl_quotes {
	vl_quote *v; /* in text order */
	size_t n;
} vl_quotes;

/*
 * The quotations of `text` (len bytes, analysed as `an`, its mentions
 * `ms` from vl__mentions_find). lang: ISO 639-1 or NULL. 0 or VL_ENOMEM
 * (*out then empty). Thread-safe.
 */
int vl__quotes_find(vl_quotes *out, const char *text, size_t len,
		    const vl_analysis *an, const vl_ments *ms,
		    const char *lang);
void vl__quotes_free(vl_quotes *q);

#endif
