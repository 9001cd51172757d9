/*
 * words.c — small questions the quotation rules ask about one token: is
 * it a sentence end, a preposition, a determiner, a subject pronoun, a
 * word of a verb group? These are closed classes of French grammar, so
 * they are lists here rather than data tables; the open classes (speech
 * verbs, title words) live in data/quotes/ (lexicon.c).
 */
#include <string.h>

#include "quotes/quotes_int.h"
#include "text/analysis.h"

/* The closed classes, looked up once per token through the word table
 * (lexicon.c). */
static const char *const preps[] = {
	"au",	"aux",	  "de",	    "du",	"des",	 "d'",
	"avec", "pour",	  "contre", "sur",	"chez",	 "entre",
	"vers", "en",	  "dans",   "apres",	"avant", "devant",
	"face", "envers", "sans",   "sous",	"parmi", "pres",
	"via",	"malgre", "depuis", "derriere", NULL
};
static const char *const dets[] = { "le",    "la",  "l'",    "les",   "un",
				    "une",   "son", "sa",    "ses",   "leur",
				    "leurs", "ce",  "cet",   "cette", "ces",
				    "notre", "nos", "votre", "vos",   "mon",
				    "ma",    "mes", NULL };
static const char *const person[] = { "il",    "elle",	  "ils",    "elles",
				      "-t-il", "-t-elle", "-il",    "-elle",
				      "-ils",  "-elles",  "-t-ils", "-t-elles",
				      NULL };
static const char *const anyone[] = { "on", "-t-on", "-on", NULL };
static const char *const aux[] = {
	"a",	    "ont",  "avait", "avaient", "aura",	    "auront",  "aurait",
	"auraient", "eut",  "est",   "sont",	"etait",    "etaient", "sera",
	"serait",   "s'",   "se",    "ne",	"n'",	    "l'",      "lui",
	"leur",	    "y",    "en",    "nous",	"vous",	    "m'",      "me",
	"va",	    "vont", "doit",  "peut",	"pourrait", "devrait", "fait",
	"faisait",  NULL
};
static const char *const filler[] = { "aussi",
				      "egalement",
				      "encore",
				      "toutefois",
				      "pourtant",
				      "cependant",
				      "notamment",
				      "ensuite",
				      "deja",
				      "bien",
				      "alors",
				      "enfin",
				      "finalement",
				      "meme",
				      "donc",
				      "pas",
				      "plus",
				      "jamais",
				      "lundi",
				      "mardi",
				      "mercredi",
				      "jeudi",
				      "vendredi",
				      "samedi",
				      "dimanche",
				      "hier",
				      "soir",
				      "matin",
				      "midi",
				      "dernier",
				      "de",
				      "son",
				      "sa",
				      "leur",
				      "cote",
				      "pour",
				      "part",
				      "tour",
				      "a",
				      "aujourd'hui",
				      "publiquement",
				      "ouvertement",
				      "clairement",
				      "simplement",
				      "rapidement",
				      "immediatement",
				      "recemment",
				      "ainsi",
				      "d'ailleurs",
				      "tard",
				      "tot",
				      "sobrement",
				      "ce",
				      "-",
				      NULL };

const vl_qgrammar vl__qgrammar[] = { { preps, VL_QW_PREP },
				     { dets, VL_QW_DET },
				     { person, VL_QW_PRON },
				     { anyone, VL_QW_ANYONE },
				     { aux, VL_QW_AUX },
				     { filler, VL_QW_FILLER },
				     { NULL, 0 } };

int vl__qis(const qctx *c, size_t i, const char *s)
{
	const vl_token *t;
	size_t n;

	if (i >= c->nt)
		return 0;
	t = &c->tk[i];
	if (!t->norm_len || t->norm[0] != s[0])
		return 0;
	n = strlen(s);
	return t->norm_len == n && !memcmp(t->norm, s, n);
}

int vl__qin(const qctx *c, size_t i, const char *const *list)
{
	if (i >= c->nt)
		return 0;
	for (; *list; list++)
		if (vl__qis(c, i, *list))
			return 1;
	return 0;
}

unsigned vl__qclass(const qctx *c, size_t i)
{
	return i < c->nt ? c->cls[i] : 0;
}

int vl__qterm(const qctx *c, size_t i)
{
	static const char *const enders[] = { ".", "!", "?", "...", NULL };

	return i < c->nt && c->tk[i].kind == VL_TOK_PUNCT &&
	       vl__qin(c, i, enders);
}

int vl__qbreak(const qctx *c, size_t i)
{
	return i < c->nt && (c->tk[i].flags & VL_TOKF__BREAK);
}

/* Is token i the preposition "à" (its matching form is "a", the
 * auxiliary's)? */
static int is_a_grave(const qctx *c, size_t i)
{
	const unsigned char *p =
		(const unsigned char *)c->text + c->tk[i].start;

	return c->tk[i].end - c->tk[i].start == 2 && p[0] == 0xc3 &&
	       (p[1] == 0xa0 || p[1] == 0x80);
}

int vl__qprep(const qctx *c, size_t i)
{
	if (i >= c->nt)
		return 0;
	return is_a_grave(c, i) || (c->cls[i] & VL_QW_PREP);
}

int vl__qdet(const qctx *c, size_t i)
{
	return i < c->nt && (c->cls[i] & VL_QW_DET);
}

int vl__qpronoun(const qctx *c, size_t i)
{
	if (i >= c->nt)
		return 0;
	return (c->cls[i] & VL_QW_PRON)	    ? 1
	       : (c->cls[i] & VL_QW_ANYONE) ? 2
					    : 0;
}

int vl__qaux(const qctx *c, size_t i)
{
	/* "a" is also "à": only the auxiliary counts */
	return i < c->nt && (c->cls[i] & VL_QW_AUX) && !is_a_grave(c, i);
}

int vl__qfiller(const qctx *c, size_t i)
{
	return i < c->nt && (c->cls[i] & VL_QW_FILLER);
}

size_t vl__qclause_start(const qctx *c, size_t i)
{
	while (i > 0) {
		size_t p = i - 1;
		if (vl__qbreak(c, i))
			return i;
		if (c->cover[p] != 1 &&
		    (vl__qterm(c, p) || vl__qis(c, p, ":") ||
		     vl__qis(c, p, ";")))
			return i;
		i = p;
	}
	return 0;
}
