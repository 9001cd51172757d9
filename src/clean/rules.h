/*
 * rules.h — internals of the boilerplate stage shared by its files: the
 * view of one line that the line rules read (rules.c), the per-line facts
 * that the context rules read (context.c), and the limits that keep the
 * stage linear.
 */
#ifndef VL_CLEAN_RULES_H
#define VL_CLEAN_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "clean/clean.h"

/* Lines up to this many bytes (trimmed) are tokenised in full: every kind
 * of boilerplate is shorter. Longer lines are body prose; only a bounded
 * prefix of them is tokenised, for the rules that look at a line's start
 * (image file names, "Légende ..."), so the stage stays linear and fast
 * on huge single-line texts. */
#define VL_CLEAN_SHORT_MAX 400
#define VL_CLEAN_PREFIX_MAX 160
/* Lines up to this many bytes (trimmed) are counted per source. */
#define VL_CLEAN_COUNT_MAX 200

/* Facts about a line (vl_cl_fact.bits). */
enum {
	VL_CL_BLANK = 1u << 0,
	VL_CL_FULL = 1u << 1,	      /* tokenised in full (short line) */
	VL_CL_TERM_END = 1u << 2,     /* ends with . ! ? ... */
	VL_CL_PERIOD_END = 1u << 3,   /* ends with . or ... */
	VL_CL_MULTI = 1u << 4,	      /* a sentence break before its end */
	VL_CL_LOWER_START = 1u << 5,  /* starts with a lower-case word */
	VL_CL_QUOTE_START = 1u << 6,  /* starts with a quotation mark */
	VL_CL_CREDIT = 1u << 7,	      /* a stand-alone photo credit */
	VL_CL_COMMENT = 1u << 8,      /* holds comment-section words */
	VL_CL_COMMENT_CUE = 1u << 9,  /* holds a strong comment cue */
	VL_CL_PROMO_START = 1u << 10, /* "Ignorer Promotion WhatsApp ..." */
	VL_CL_PROMO_END = 1u << 11,   /* "Fin de Promotion WhatsApp" */
	VL_CL_SEE_ALSO = 1u << 12,    /* a bare "Lire aussi" label */
	VL_CL_SECTION = 1u << 13,     /* only section-name words */
	VL_CL_DATE = 1u << 14	      /* a bare date, no clock time */
};

typedef struct vl_cl_fact {
	uint32_t bits;
	uint32_t len; /* trimmed length in bytes (saturated) */
} vl_cl_fact;

/* One token of a line, with its lexicon classes. */
typedef struct vl_cl_tok {
	const char *norm; /* matching form, NUL-terminated */
	uint32_t len;
	uint32_t cls;	/* VL_LX_* */
	uint16_t kind;	/* vl_token_kind */
	uint16_t flags; /* VL_TOKF_* */
} vl_cl_tok;

/* A line as the rules see it. */
typedef struct vl_cl_view {
	const char *s; /* the trimmed line */
	size_t len;
	const vl_cl_tok *t; /* its tokens, or those of a prefix */
	size_t n;
	uint32_t any;  /* union of the tokens' classes */
	uint32_t bits; /* VL_CL_* facts, completed by the rules */
} vl_cl_view;

/* Facts that follow from the view alone (ends, starts, sentences). */
uint32_t vl__cl_shape(const vl_cl_view *v);

/* Run the line rules in order; the first that fires names the reason
 * and rule (*why, *rule stay NULL when none does). May add facts to
 * v->bits (credit, cues). */
void vl__cl_line_rules(vl_cl_view *v, const char **why, const char **rule);

/* The rules that look at neighbouring lines, then nothing else: promo
 * blocks, captions around credits, "lire aussi" titles, the comment
 * block at the end, continued lines, lone section labels. */
void vl__cl_context(vl_clean_line *lines, const vl_cl_fact *facts, size_t n);

#endif
