/*
 * claims.h — the claims of an article (pure: text, mentions and
 * quotations in, claims out). A claim is an attributed statement about an
 * event or a fact: a quotation with its speaker, reported speech, or a
 * sentence whose subject states, denies or does not confirm something
 * ("La Russie a revendiqué la capture de Toretsk", "Les autorités
 * ukrainiennes n'ont pas confirmé la chute de Toretsk"). Each claim has
 * a polarity, the class of event it is about (control of a place,
 * encirclement, casualties...; data/claims/claims-fr.txt) and the place
 * or thing it is about. Grouping the claims of a story by subject and
 * flagging disputes is done over the story's articles
 * (engine/claims.c).
 */
#ifndef VL_CLAIMS_CLAIMS_H
#define VL_CLAIMS_CLAIMS_H

#include <stddef.h>
#include <stdint.h>

#include "entities/mentions.h"
#include "quotes/quotes.h"
#include "veille.h"

enum {
	VL_CLAIM_ASSERTS = 1, /* states it */
	VL_CLAIM_DENIES,      /* says it is false ("dément", "ne ... pas") */
	VL_CLAIM_DOUBTS	      /* does not confirm it */
};

typedef struct vl_claim {
	uint32_t start, end;	     /* the statement's bytes */
	uint32_t src_start, src_end; /* who states it, as written (a
				      mention or a phrase: "Les autorités
				      ukrainiennes"); 0 0 when unknown */
	int32_t source;		     /* the source's mention index, or -1 */
	int32_t subject;	     /* the mention it is about, or -1 */
	int32_t quote;		     /* the quotation it comes from, or -1 */
	uint8_t polarity;	     /* VL_CLAIM_* */
	uint8_t event;		     /* event class (vl__claim_event_name), 0 */
	uint8_t subject_inferred;    /* subject from an earlier sentence */
	double number;		     /* a figure it gives (casualties...), or
					NAN */
} vl_claim;

typedef struct vl_claims {
	vl_claim *v;
	size_t n;
} vl_claims;

/* The claims of `text` (analysed as `an`, with its mentions and
 * quotations). 0 or VL_ENOMEM (*out then empty). Thread-safe. */
int vl__claims_find(vl_claims *out, const char *text, size_t len,
		    const vl_analysis *an, const vl_ments *ms,
		    const vl_quotes *qs, const char *lang);
void vl__claims_free(vl_claims *c);

/* Name of event class `event` ("control", "encirclement"...), "" for 0
 * or an unknown class. */
const char *vl__claim_event_name(int event);
/* "asserts", "denies", "doubts". */
const char *vl__claim_polarity_name(int polarity);

#endif
