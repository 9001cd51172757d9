/*
 * resolve.c — the tense around an expression, which the news reading
 * of open expressions needs (parse.c): a bare weekday or a day without a
 * year is read in the past unless a future or conditional verb, or an
 * announcement ("doit se rendre", "prévu", "prochain"), stands nearer to
 * it than a past one. Cheap on purpose: a few suffix and word tests on
 * the lexemes of the sentence around the expression.
 */
#include <string.h>

#include "dates/dates_int.h"

#define WINDOW 12 /* lexemes looked at on each side */

static int ends(const lx *x, const char *suf)
{
	size_t n = strlen(suf);
	return x->wl >= n && !memcmp(x->w + x->wl - n, suf, n);
}

static int is(const lx *x, const char *w)
{
	size_t n = strlen(w);
	return x->wl == n && !memcmp(x->w, w, n);
}

static int any(const lx *x, const char *const *list)
{
	for (; *list; list++)
		if (is(x, *list))
			return 1;
	return 0;
}

/* Words ending like a future or a conditional that are not verbs. */
static const char *const not_future[] = {
	"extra",    "ultra",	"contra",    "cobra",	"opera",   "camera",
	"sahara",   "mantra",	"tiara",     "aura",	"front",   "affront",
	"environs", "patrons",	"marrons",   "citrons", "perrons", "chez",
	"rez",	    "portrait", "retrait",   "attrait", "extrait", "trait",
	"abstrait", "distrait", "soustrait", "ra",	"era",	   "tora",
	"zorra",    "para",	"sierra",    "terra",	"cyrano",  "clara",
	"sara",	    "lara",	"nora",	     "dora",	NULL
};

static const char *const future_words[] = {
	"sera",	      "seront",	   "aura",     "auront",    "fera",
	"feront",     "ira",	   "iront",    "prevu",	    "prevue",
	"prevus",     "prevues",   "prevoit",  "prevoient", "programme",
	"programmee", "attendu",   "attendue", "attendus",  "will",
	"shall",      "scheduled", "due",      "expected",  "plans",
	"planned",    "upcoming",  "doit",     "doivent",   "devra",
	"devront",    NULL
};

static const char *const past_words[] = {
	"a",	   "ont",  "avait",  "avaient",	  "eu",	  "etait",
	"etaient", "fut",  "furent", "was",	  "were", "had",
	"did",	   "said", "hier",   "yesterday", "ago",  NULL
};

/* 1 future, -1 past, 0 neither. */
static int marker(const dctx *c, size_t k)
{
	const lx *x = &c->v[k];
	if (x->cls[0] == C_NUM || x->cls[0] == C_PUNCT || x->wl < 1)
		return 0;
	if (lx_key(x, K_NEXT) || lx_key(x, K_FOLLOWING))
		return 1;
	if (lx_key(x, K_LAST) || lx_key(x, K_AGO))
		return -1;
	if (any(x, future_words))
		return 1;
	if (is(x, "ici") && k > 0 && is(&c->v[k - 1], "d'"))
		return 1; /* "d'ici fin avril" */
	/* "a" is "has" only when written without the grave accent */
	if (is(x, "a") && c->text[x->s] != 'a' && c->text[x->s] != 'A')
		return 0;
	if (any(x, past_words))
		return -1;
	/* "va se rendre", "vont signer" */
	if ((is(x, "va") || is(x, "vont")) && k + 1 < c->n) {
		const lx *y = &c->v[k + 1];
		if (is(y, "se") || is(y, "s'") || ends(y, "er") ||
		    ends(y, "ir") || ends(y, "re"))
			return 1;
	}
	if (x->cap && !x->sent)
		return 0; /* a name: "Clara", "Ferrara" */
	if (x->wl >= 5 && !any(x, not_future) &&
	    (ends(x, "ra") || ends(x, "ras") || ends(x, "rons") ||
	     ends(x, "rez") || ends(x, "ront") || ends(x, "rait") ||
	     ends(x, "raient") || ends(x, "rions") || ends(x, "riez")))
		return 1;
	if (x->wl >= 5 && (ends(x, "ait") || ends(x, "aient")))
		return -1; /* imperfect */
	return 0;
}

/* The end of a sentence the tokenizer may have missed ("mai.Le"). */
static int stop(const lx *x)
{
	return x->cls[0] == C_PUNCT && x->wl == 1 &&
	       (x->w[0] == '.' || x->w[0] == '!' || x->w[0] == '?' ||
		x->w[0] == ';');
}

int vl__dates_tense(const dctx *c, size_t i, size_t j)
{
	int after = 1, before = i < c->n && !c->v[i].sent, r;
	/* the nearest marker of the sentence; at the same distance the one
	 * after (the verb usually follows a date put first) */
	for (size_t d = 1; d <= WINDOW && (after || before); d++) {
		if (after) {
			size_t k = j + d - 1;
			if (k >= c->n || c->v[k].sent || stop(&c->v[k]))
				after = 0;
			else if ((r = marker(c, k)) != 0)
				return r;
		}
		if (before) {
			if (i < d || stop(&c->v[i - d])) {
				before = 0;
			} else {
				if ((r = marker(c, i - d)) != 0)
					return r;
				if (c->v[i - d].sent)
					before = 0;
			}
		}
	}
	return 0;
}
