/*
 * chars.h — locale-independent character classes and matching-form folds,
 * from utf8proc's Unicode tables, precomputed once for the BMP so the
 * tokenizer pays one table lookup per code point.
 *
 * The fold of a character is what it becomes in the matching form:
 * casefolded, compatibility-decomposed, accents stripped, with the French
 * typographic variants unified (’ ‘ ʼ -> ', « » “ ” „ -> ", NBSP and narrow
 * NBSP -> space, dashes -> -, œ -> oe, æ -> ae).
 */
#ifndef VL_TEXT_CHARS_H
#define VL_TEXT_CHARS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

enum vl_cc {
	VL_C_CONTROL = 0, /* Cc/Cf/Cs/Co/Cn, soft hyphen: skipped */
	VL_C_SPACE,	  /* horizontal white space, NBSP, narrow NBSP */
	VL_C_NEWLINE,	  /* \n \r U+0085 U+2028 U+2029 */
	VL_C_LOWER,
	VL_C_UPPER,  /* Lu and Lt */
	VL_C_LETTER, /* Lo, Lm: letters without case */
	VL_C_MARK,   /* Mn, Mc, Me: stay in the word */
	VL_C_DIGIT,  /* Nd */
	VL_C_APOS,   /* ' ’ ʼ ‘ ′ */
	VL_C_QUOTE,  /* " « » “ ” „ ‹ › */
	VL_C_HYPHEN, /* - ‐ ‑ ‒ – — ― − */
	VL_C_TERM,   /* . ! ? … */
	VL_C_PUNCT,  /* other punctuation */
	VL_C_SYMBOL  /* S*, No, and the rest */
};

typedef struct vl_charinfo {
	uint8_t cls;	  /* enum vl_cc */
	uint8_t fold_len; /* bytes of fold (0: drops out) */
	uint8_t same;	  /* fold equals the character itself */
	uint8_t pad;
	uint32_t fold_off; /* offset into vl__fold_pool */
} vl_charinfo;

/* Build the tables (idempotent, thread-safe); 0 or VL_ENOMEM. */
int vl__chars_init(void);

extern vl_charinfo *vl__chars_bmp; /* 65536 entries after init */
extern const char *vl__fold_pool;

/* Info of any code point; astral ones are classified on the fly and
 * fold to themselves (written into tmp, 4 bytes). */
const vl_charinfo *vl__char_info(uint32_t cp, vl_charinfo *tmp);

static inline const char *vl__char_fold(const vl_charinfo *ci)
{
	return vl__fold_pool + ci->fold_off;
}

/* Append the matching-form fold of s[from, to) (valid UTF-8) to b. */
int vl__fold_append(vl_buf *b, const unsigned char *s, size_t from, size_t to);

/* Append s[0, len) lowercased, accents kept (for stemmers). */
int vl__lower_append(vl_buf *b, const char *s, size_t len);

static inline int vl__cc_is_alpha(int c)
{
	return c == VL_C_LOWER || c == VL_C_UPPER || c == VL_C_LETTER ||
	       c == VL_C_MARK;
}

#endif
