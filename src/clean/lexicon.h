/*
 * lexicon.h — the vocabulary of the boilerplate stage: word classes
 * (agencies, share networks, section names, month names, calls to
 * action, ...) and cue phrases ("lire aussi", "crédit photo", ...), all
 * written in the matching form of the text stage (casefolded, accents
 * stripped, one token per word: "l' espace", "abonnez -vous").
 *
 * The tables themselves live in lexicon.c, one readable list per class;
 * this header is the lookup interface the rules use.
 */
#ifndef VL_CLEAN_LEXICON_H
#define VL_CLEAN_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* Word classes: a word may be in several (bits are ORed). */
enum {
	VL_LX_AGENCY = 1u << 0,	      /* news and photo agencies: afp, sda */
	VL_LX_AGENCY_PART = 1u << 1,  /* may stand beside one: images, press */
	VL_LX_SHARE = 1u << 2,	      /* share-network words: partager, x */
	VL_LX_SHARE_FILL = 1u << 3,   /* glue of share lines: sur, le, par */
	VL_LX_SECTION = 1u << 4,      /* section names: monde, economie */
	VL_LX_SECTION_FILL = 1u << 5, /* glue of labels: a la une, et */
	VL_LX_DATE = 1u << 6,	      /* months, days, time units, hier */
	VL_LX_DATE_FILL = 1u << 7,    /* glue of timestamps: le, a, at */
	VL_LX_APP = 1u << 8,	      /* messaging apps and networks */
	VL_LX_PROMO_NOUN = 1u << 9,   /* promotion, encart, newsletter */
	VL_LX_CTA = 1u << 10,	      /* imperative calls to action */
	VL_LX_COOKIE = 1u << 11,      /* cookies, traceurs, consentement */
	VL_LX_COOKIE_ACT = 1u << 12,  /* accepter, utilisons, parametrer */
	VL_LX_READER = 1u << 13,      /* nous, vous, notre: the site talking */
	VL_LX_COMMENT = 1u << 14,     /* comment-section words (weak cue) */
	VL_LX_VISUAL = 1u << 15,      /* carte, photo, image, capture */
	VL_LX_PARTICIPLE = 1u << 16,  /* montrant, prise, diffusee */
	VL_LX_PARTICLE = 1u << 17,    /* name particles: de, van, jr */
	VL_LX_SKIP = 1u << 18,	      /* ignorer, passer, sauter, skip */
	VL_LX_END = 1u << 19	      /* fin, end (end of a promo block) */
};

/* Classes of one word in matching form (0 when unknown). Thread-safe;
 * the index is built once, on first use. */
uint32_t vl__lx_word(const char *w, size_t len);

/* Cue phrases, NULL-terminated lists of matching-form token sequences. */
extern const char *const vl__lx_see_also[];	/* line prefixes */
extern const char *const vl__lx_timestamp[];	/* line prefixes */
extern const char *const vl__lx_credit[];	/* line prefixes */
extern const char *const vl__lx_caption[];	/* line prefixes */
extern const char *const vl__lx_byline_label[]; /* after a bullet */
extern const char *const vl__lx_byline[];	/* line prefixes */
extern const char *const vl__lx_comment[];	/* anywhere in a line */
extern const char *const vl__lx_comment_line[]; /* the whole line */
extern const char *const vl__lx_promo_line[];	/* the whole line */

/* Image file extensions (".jpg", ...), NULL-terminated. */
extern const char *const vl__lx_image_ext[];

#endif
