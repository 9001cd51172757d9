/*
 * quotes_int.h — what the parts of the quotation stage share: the word
 * tables (lexicon.c), the view of one article that every rule reads
 * (tokens, sentences, mentions, which tokens a quotation already covers),
 * and the candidates that the rules propose before speakers are settled.
 *
 * The stage runs in three passes over the tokens (quotes.c): quotation
 * marks are paired (marks.c), reported speech is found outside them
 * (reported.c), then each candidate gets its speaker in text order, so
 * that "a-t-il ajouté" can carry the last one (speaker.c).
 */
#ifndef VL_QUOTES_QUOTES_INT_H
#define VL_QUOTES_QUOTES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "quotes/quotes.h"

/* ------------------------------------------------------------ words */

/* Classes of a word in the tables (a word may have several). */
#define VL_QW_VERB 0x1u	     /* a form of a speech verb */
#define VL_QW_QUE 0x2u	     /* ... that takes "que" */
#define VL_QW_INF 0x4u	     /* ... that takes an infinitive */
#define VL_QW_TITLE 0x8u     /* names a title in quotation marks */
#define VL_QW_NOSOURCE 0x10u /* "selon les chiffres": figures, not words */
#define VL_QW_PERSON 0x20u   /* a noun for one person who speaks */
#define VL_QW_BODY 0x40u     /* a noun for a group that speaks */
/* Closed classes of grammar (words.c lists them). */
#define VL_QW_AUX 0x80u	     /* a, ont, avait, s', ne... (verb group) */
#define VL_QW_FILLER 0x100u  /* aussi, jeudi, de son côté... */
#define VL_QW_DET 0x200u     /* le, la, l', un, son... */
#define VL_QW_PREP 0x400u    /* de, du, avec, pour... ("à": written) */
#define VL_QW_PRON 0x800u    /* il, elle, -t-il... */
#define VL_QW_ANYONE 0x1000u /* on, -t-on */

/* The classes of a word in its matching form (0: none). The tables are
 * built once from data/quotes/ and words.c's lists (thread-safe); 0
 * when memory ran out. */
unsigned vl__qword(const char *norm, size_t len);
/* words.c's closed classes, for the table: NULL-terminated lists and
 * their class. */
typedef struct vl_qgrammar {
	const char *const *words;
	unsigned flag;
} vl_qgrammar;
extern const vl_qgrammar vl__qgrammar[];

/* ------------------------------------------------------- candidates */

/* How a candidate's speaker is to be found. */
enum {
	QS_NONE = 0, /* no cue near it: borrowed from a neighbour */
	QS_AFTER,    /* inverted verb after it: "», a déclaré X" */
	QS_BEFORE,   /* the subject of a speech verb before it */
	QS_COLON,    /* the subject of the clause before a colon */
	QS_SOURCE    /* the words after selon / d'après / pour */
};

typedef struct qcand {
	vl_quote q;
	size_t first, last; /* tokens of the quoted words / clause */
	size_t open, close; /* tokens of the marks, SIZE_MAX if none */
	uint8_t how;	    /* QS_* */
	uint8_t dropped;
	size_t cue;	  /* token of the verb (or colon, selon...) */
	size_t src_first; /* QS_SOURCE: the phrase */
	size_t src_last;
} qcand;

/* One article as the rules see it. */
typedef struct qctx {
	const char *text;
	size_t len;
	const vl_token *tk;
	size_t nt;
	const vl_sentence *sv;
	size_t ns;
	const vl_ments *ms;
	uint32_t *sent_of;  /* token -> sentence */
	int32_t *ment_at;   /* token -> mention covering it, or -1 */
	size_t *ment_first; /* mention -> its first token */
	size_t *ment_last;  /* mention -> its last token */
	uint16_t *cls;	    /* token -> its word classes (VL_QW_*) */
	uint8_t *cover;	    /* token -> 1 inside quotation marks, 2 inside
			       a reported clause, 0 otherwise */
	size_t *close_of;   /* token of an opening mark -> its closing
			       mark (or last token), SIZE_MAX otherwise */
	qcand *c;
	size_t n, cap;
	/* the last attributed speaker (speaker.c) */
	int32_t last_spk;
	size_t last_spk_tok;	 /* SIZE_MAX: none yet */
	size_t last_pa, last_pb; /* its phrase when no mention names it
				    (last_pa SIZE_MAX: none) */
	size_t cur_first;	 /* first token (or mark) of the candidate whose
				    speaker is being looked for */
} qctx;

/* Add a candidate (copied); 0 or VL_ENOMEM. */
int vl__qcand_add(qctx *c, const qcand *q);

/* Pass 1: quotation marks (marks.c). */
int vl__quotes_marks(qctx *c);
/* Pass 2: reported speech (reported.c). */
int vl__quotes_reported(qctx *c);
/* Pass 3: speakers, candidates sorted in text order (speaker.c). */
void vl__quotes_speakers(qctx *c);

/* ---------------------------------------------- token helpers (words.c) */

/* Is token i's matching form exactly s? */
int vl__qis(const qctx *c, size_t i, const char *s);
/* Is token i one of the NULL-terminated list? */
int vl__qin(const qctx *c, size_t i, const char *const *list);
/* Its word classes (VL_QW_*), 0 for tokens that are not words. */
unsigned vl__qclass(const qctx *c, size_t i);
/* A sentence end: . ! ? … (not a colon). */
int vl__qterm(const qctx *c, size_t i);
/* A line break before token i. */
int vl__qbreak(const qctx *c, size_t i);
/* A preposition before a name that makes it no subject (à, de, avec...). */
int vl__qprep(const qctx *c, size_t i);
/* A determiner (le, la, l', un, son...). */
int vl__qdet(const qctx *c, size_t i);
/* A subject pronoun standing for a person named before (il, elle, -t-il,
 * -elle...): 1; "on", "-t-on": 2; else 0. */
int vl__qpronoun(const qctx *c, size_t i);
/* An auxiliary or a word of a verb group (a, ont, avait, s', ne...). */
int vl__qaux(const qctx *c, size_t i);
/* A word that may stand between an auxiliary and its participle, or a
 * verb and what follows (aussi, notamment, jeudi, de son côté...). */
int vl__qfiller(const qctx *c, size_t i);
/* The first token of the clause that holds token i: after the last
 * sentence end, line break or colon before it, outside quotations. */
size_t vl__qclause_start(const qctx *c, size_t i);

#endif
