/*
 * dates_int.h — what the files of the date stage share: the word table
 * (lexicon.c), the lexemes an article's tokens are cut into (scan.c),
 * calendar arithmetic (calendar.c), the readings of open expressions
 * (resolve.c) and the rules (parse.c).
 */
#ifndef VL_DATES_DATES_INT_H
#define VL_DATES_DATES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "dates/dates.h"

/* ------------------------------------------------------------ lexicon */

/* Classes of words (data/dates/words.txt). */
enum {
	C_NONE = 0,
	C_MONTH,  /* val 1-12 */
	C_MONTHA, /* abbreviated month */
	C_WDAY,	  /* val 0 Sunday .. 6 Saturday */
	C_WDAYA,  /* abbreviated weekday */
	C_NUMW,	  /* number word, val */
	C_ORDW,	  /* ordinal word, val */
	C_UNIT,	  /* val U_* */
	C_PART,	  /* val VL part (1 morning .. 6 midnight) */
	C_SEASON, /* val 1-4 */
	C_KEY,	  /* val K_* */
	/* set by scan.c, never in the table */
	C_NUM, /* digits, val (-1 when too long) */
	C_DEC, /* a decimal number "12.32", val = 100 * int + 2 digits */
	C_ORD, /* "1er", "28e": val */
	C_PUNCT,
	C_WORD /* any other word */
};

enum {
	U_SEC = 1,
	U_MIN,
	U_HOUR,
	U_DAY,
	U_WEEK,
	U_WEEKEND,
	U_MONTH,
	U_QUARTER,
	U_HALF,
	U_YEAR,
	U_DECADE,
	U_CENTURY
};

/* Parts of the day; the first five are vl_date.part values. */
enum { P_MORNING = 1, P_AFTERNOON, P_EVENING, P_NIGHT, P_NOON, P_MIDNIGHT };

enum {
	K_YESTERDAY = 1,
	K_DAYBEFORE,
	K_TODAY,
	K_TOMORROW,
	K_DAYAFTER,
	K_EVE,
	K_EVE2,
	K_MORROW,
	K_MORROW2,
	K_NOW,
	K_TONIGHT,
	K_NEXT,
	K_LAST,
	K_PAST,
	K_PREV,
	K_FOLLOWING,
	K_AGO,
	K_IL,
	K_Y,
	K_A,
	K_IN,
	K_SINCE,
	K_EN,
	K_THE,
	K_THIS,
	K_DU,
	K_AU,
	K_DES,
	K_OF,
	K_TOWARDS,
	K_END,
	K_START,
	K_MID,
	K_DURING,
	K_HERE,
	K_SOON,
	K_NEAR,
	K_ON,
	K_AND,
	K_UNTIL,
	K_FOR,
	K_CI,
	K_BC,
	K_AD,
	K_AM,
	K_PM,
	K_H,
	K_PLUS,
	K_TOT,
	K_TARD,
	K__COUNT
};

typedef struct vl_dword {
	uint8_t cls[2]; /* C_NONE when absent */
	int16_t val[2];
} vl_dword;

/* The meanings of a word in matching form, or NULL. Thread-safe (the
 * table is built once, from static storage: it cannot fail). */
const vl_dword *vl__dates_word(const char *w, size_t len);
/* 0, or the line of data/dates/words.txt the table refused (tests). */
int vl__dates_lexicon_check(void);

/* ------------------------------------------------------------ lexemes */

/* One lexeme: a token, or a piece of one ("15juin" is 15 and juin;
 * "mi-mars" is mi and mars; "8h10" is 8, h and 10). */
typedef struct lx {
	uint32_t s, e;	/* bytes in the text */
	const char *w;	/* matching form (not NUL-terminated) */
	uint16_t wl;	/* its length */
	uint8_t glued;	/* no space between this and the lexeme before */
	uint8_t ndig;	/* C_NUM: number of digits */
	uint8_t sent;	/* first lexeme of a sentence */
	uint8_t cap;	/* written with a capital */
	uint8_t cls[2]; /* meanings (cls[0] is C_NUM, C_WORD... too) */
	int32_t val[2]; /* their values */
	uint32_t tok;	/* index of the token it comes from */
} lx;

/* Cut the analysis' tokens into lexemes (*out owned by the caller,
 * vl__freep). 0 or VL_ENOMEM. */
int vl__dates_scan(lx **out, size_t *n, const char *text, size_t len,
		   const vl_analysis *an);

/* Does lexeme x carry class c (any meaning)? Its value then. */
static inline int lx_is(const lx *x, int c)
{
	return x->cls[0] == c || x->cls[1] == c;
}
static inline int32_t lx_val(const lx *x, int c)
{
	return x->cls[0] == c ? x->val[0] : x->val[1];
}
static inline int lx_key(const lx *x, int k)
{
	return lx_is(x, C_KEY) && lx_val(x, C_KEY) == k;
}

/* ----------------------------------------------------------- calendar */

int vl__days_in_month(int64_t y, int m);
/* Add n months to a day, the day of month clamped to the new month. */
int32_t vl__add_months(int32_t day, int n);

/* ----------------------------------------------------------- matching */

/* What the rules need while they read one text. */
typedef struct dctx {
	const char *text;
	const lx *v;
	size_t n;
	int32_t ref; /* INT32_MIN: unknown */
	int ref_min; /* minute of the day of the reference (720 unknown) */
	int reading; /* VL_READ_* */
	int en;	     /* English rules first */
} dctx;

/* One match: lexemes [i, j), a date. */
typedef struct dmatch {
	size_t j;
	vl_date d;
	int32_t end_day; /* clock ranges past midnight: last day */
} dmatch;

/* Try the rules at lexeme i; 1 and *m set when one matches. */
int vl__dates_match(const dctx *c, size_t i, dmatch *m);

/* Tense around lexemes [i, j): 1 future, -1 past, 0 unknown. */
int vl__dates_tense(const dctx *c, size_t i, size_t j);

#endif
