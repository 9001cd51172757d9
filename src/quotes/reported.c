/*
 * reported.c — pass 2 of the quotation stage: reported speech, words
 * said without quotation marks. Four shapes, each bounded by the clause
 * it sits in:
 *
 *   X a déclaré que CLAUSE        a speech verb that takes "que"
 *   X affirme avoir CLAUSE        ... or an infinitive
 *   selon X, CLAUSE / CLAUSE, selon X / d'après X / pour X, CLAUSE
 *   CLAUSE, a indiqué X           an inverted speech verb after a comma
 *
 * The clause runs to the end of its sentence, a semicolon or colon, a
 * line end, or a comma that brings another attribution (", a-t-il
 * ajouté", ", selon"); a quotation inside it is stepped over whole. A
 * clause that is only a quotation ("a déclaré que « ... »") is left to
 * the quotation: fewer than two words outside the marks make no
 * reported speech. Cues inside quotation marks or inside a clause
 * already taken are not read.
 */
#include <string.h>

#include "entities/rules.h"
#include "quotes/quotes_int.h"
#include "text/analysis.h"

#define MAX_GAP 8     /* tokens between a verb and its "que" */
#define MAX_PHRASE 12 /* tokens of the source after "selon" */

static int is_mark_open(const qctx *c, size_t i)
{
	return i < c->nt && c->close_of[i] != SIZE_MAX;
}

/* Does the comma at i bring another attribution? */
static int attribution_follows(const qctx *c, size_t i)
{
	if (vl__qis(c, i + 1, "selon") ||
	    (vl__qis(c, i + 1, "d'") && vl__qis(c, i + 2, "apres")))
		return 1;
	for (size_t j = i + 1; j <= i + 4 && j < c->nt; j++) {
		if (vl__qclass(c, j) & VL_QW_VERB)
			return 1;
		if (!vl__qaux(c, j) && !vl__qpronoun(c, j) &&
		    !vl__qis(c, j, "avant") && !vl__qis(c, j, "d'") &&
		    !vl__qis(c, j, "mais") && !vl__qis(c, j, "et"))
			return 0;
	}
	return 0;
}

/* The last token of the clause that starts at k (k - 1 when empty). */
static size_t clause_end(const qctx *c, size_t k)
{
	size_t last = k - 1;

	for (size_t i = k; i < c->nt; i++) {
		if (i > k && vl__qbreak(c, i))
			break;
		if (is_mark_open(c, i)) {
			i = c->close_of[i];
			last = i;
			continue;
		}
		if (vl__qterm(c, i) || vl__qis(c, i, ";") || vl__qis(c, i, ":"))
			break;
		if (vl__qis(c, i, ",") && attribution_follows(c, i))
			break;
		last = i;
	}
	return last;
}

/* Words of first..last outside quotation marks. */
static size_t own_words(const qctx *c, size_t first, size_t last)
{
	size_t n = 0;

	for (size_t i = first; i <= last && i < c->nt; i++)
		if (c->cover[i] != 1 && (c->tk[i].kind == VL_TOK_WORD ||
					 c->tk[i].kind == VL_TOK_NUMBER ||
					 c->tk[i].kind == VL_TOK_PERCENT))
			n++;
	return n;
}

static int taken(const qctx *c, size_t first, size_t last)
{
	for (size_t i = first; i <= last; i++)
		if (c->cover[i] == 2)
			return 1;
	return 0;
}

static int add(qctx *c, size_t first, size_t last, size_t cue, int how,
	       size_t src_first, size_t src_last)
{
	qcand q;

	if (first > last || last >= c->nt || own_words(c, first, last) < 2 ||
	    taken(c, first, last))
		return 0;
	/* a trailing comma or dash is not said */
	while (last > first && c->tk[last].kind == VL_TOK_PUNCT &&
	       c->cover[last] != 1)
		last--;
	memset(&q, 0, sizeof q);
	q.first = first;
	q.last = last;
	q.open = q.close = SIZE_MAX;
	q.how = (uint8_t)how;
	q.cue = cue;
	q.src_first = src_first;
	q.src_last = src_last;
	q.q.start = (uint32_t)c->tk[first].start;
	q.q.end = (uint32_t)c->tk[last].end;
	q.q.cue_start = (uint32_t)c->tk[cue].start;
	q.q.cue_end = (uint32_t)c->tk[cue].end;
	q.q.kind = VL_QUOTE_REPORTED;
	q.q.speaker = -1;
	for (size_t i = first; i <= last; i++)
		if (!c->cover[i])
			c->cover[i] = 2;
	return vl__qcand_add(c, &q);
}

/* "que" after a verb, not "alors que", "plus ... que", "ainsi que". */
static int is_que(const qctx *c, size_t i)
{
	static const char *const not_before[] = {
		"alors",  "ainsi",  "avant", "bien", "parce",
		"pour",	  "tandis", "des",   "plus", "moins",
		"autant", "sorte",  "fait",  "lors", "sans",
		"tant",	  "meme",   "autre", "afin", "pendant",
		"apres",  "mesure", "ne",    "n'",   NULL
	};
	return (vl__qis(c, i, "que") || vl__qis(c, i, "qu'")) && i > 0 &&
	       !vl__qin(c, i - 1, not_before);
}

/* The clause of a speech verb at v: after its "que", or its infinitive. */
static int verb_clause(qctx *c, size_t v, unsigned cls)
{
	static const char *const infinitives[] = {
		"avoir", "etre",  "pouvoir", "vouloir", "devoir",
		"faire", "aller", "savoir",  "ignorer", "disposer",
		"ne",	 "n'",	  NULL
	};
	static const char *const clitics[] = { "y",   "en", "l'", "le",	 "la",
					       "les", "se", "s'", "lui", NULL };

	if (cls & VL_QW_QUE) {
		for (size_t j = v + 1; j < c->nt && j <= v + MAX_GAP; j++) {
			if (vl__qterm(c, j) || vl__qbreak(c, j) ||
			    vl__qis(c, j, ",") || vl__qis(c, j, ":") ||
			    vl__qis(c, j, ";") || c->cover[j])
				break;
			if (is_que(c, j))
				return add(c, j + 1, clause_end(c, j + 1), v,
					   QS_BEFORE, 0, 0);
		}
	}
	if (cls & VL_QW_INF) {
		size_t j = v + 1, k = 0;
		while (j < c->nt && k++ < 3 &&
		       (vl__qpronoun(c, j) == 1 || vl__qfiller(c, j) ||
			vl__qin(c, j, clitics)) &&
		       !vl__qin(c, j, infinitives))
			j++;
		if (j < c->nt && !c->cover[j] && vl__qin(c, j, infinitives))
			return add(c, j, clause_end(c, j), v, QS_BEFORE, 0, 0);
	}
	return 0;
}

/* First word of a source phrase after its determiners. */
static size_t head_word(const qctx *c, size_t a, size_t b)
{
	while (a < b &&
	       (vl__qdet(c, a) || vl__qis(c, a, "d'") || vl__qis(c, a, "de") ||
		vl__qis(c, a, "des") || vl__qis(c, a, "du")))
		a++;
	return a;
}

/* The phrase after selon / d'après / pour starting at a: its last token
 * in *b and the token that ends it (a comma, an end) as the return. A
 * name in apposition ("le maire, Thomas Roux, ...") belongs to it. */
static size_t source_phrase(const qctx *c, size_t a, size_t *b)
{
	size_t j = a;

	while (j < c->nt && j < a + MAX_PHRASE && !vl__qis(c, j, ",") &&
	       !vl__qterm(c, j) && !vl__qis(c, j, ":") && !vl__qis(c, j, ";") &&
	       !is_mark_open(c, j) && !(j > a && vl__qbreak(c, j)))
		j++;
	if (vl__qis(c, j, ",") && j + 1 < c->nt && c->ment_at[j + 1] >= 0) {
		int32_t m = c->ment_at[j + 1];
		size_t e = j + 1;
		while (e + 1 < c->nt && c->ment_at[e + 1] == m)
			e++;
		if (c->ms->m[m].type == VL_ENT_PER && vl__qis(c, e + 1, ","))
			j = e + 1;
	}
	*b = j;
	return j;
}

/* Does the phrase name someone who speaks (for "pour X, ...")? */
static int names_speaker(const qctx *c, size_t a, size_t b)
{
	const vl_rule_words *w = vl__rule_words();

	for (size_t i = a; i < b; i++) {
		int kind = 0;
		char cc[3];
		if (c->ment_at[i] >= 0 &&
		    c->ms->m[c->ment_at[i]].type == VL_ENT_PER)
			return 1;
		if (vl__qis(c, i, "lui") || vl__qis(c, i, "elle") ||
		    vl__qis(c, i, "eux") || (vl__qclass(c, i) & VL_QW_PERSON))
			return 1;
		if (w && vl__rule_match(w, c->tk, c->nt, i, &kind, cc) &&
		    (kind == VL_WORD_ROLE || kind == VL_WORD_HEAD))
			return 1;
	}
	return 0;
}

/* selon / d'après / pour at s, its phrase from a. */
static int source_clause(qctx *c, size_t s, size_t a, int is_pour)
{
	size_t b, end = source_phrase(c, a, &b),
		  start = vl__qclause_start(c, s);
	size_t h = head_word(c, a, b);

	if (b <= a || h >= b || (vl__qclass(c, h) & VL_QW_NOSOURCE) ||
	    vl__qis(c, h, "que") || vl__qis(c, h, "qu'"))
		return 0;
	if (is_pour &&
	    (s != start || !vl__qis(c, end, ",") || !names_speaker(c, a, b)))
		return 0;
	if (s == start) { /* Selon X, CLAUSE */
		if (!vl__qis(c, end, ","))
			return 0;
		return add(c, end + 1, clause_end(c, end + 1), s, QS_SOURCE, a,
			   b - 1);
	}
	if (s == 0 || !vl__qis(c, s - 1, ","))
		return 0;
	if (is_mark_open(c, start))
		return 0;	   /* a quotation: its own attribution */
	if (!vl__qis(c, end, ",")) /* CLAUSE, selon X. */
		return add(c, start, s - 2, s, QS_SOURCE, a, b - 1);
	/* CLAUSE, selon X, CLAUSE: the whole sentence */
	return add(c, start, clause_end(c, end + 1), s, QS_SOURCE, a, b - 1);
}

/* Is there a subject at token k, after an inverted verb: a name, a
 * title, a pronoun, or a determiner before a role or a name ("le
 * ministère", "l'état-major", "la SNCF")? */
static int subject_at(const qctx *c, size_t k)
{
	const vl_rule_words *w = vl__rule_words();
	int kind = 0;
	char cc[3];

	if (k >= c->nt)
		return 0;
	if (c->ment_at[k] >= 0 || c->tk[k].kind == VL_TOK_ABBREV ||
	    vl__qpronoun(c, k))
		return 1;
	if (!vl__qdet(c, k) || k + 1 >= c->nt)
		return 0;
	k++;
	if (c->ment_at[k] >= 0 || (c->tk[k].flags & VL_TOKF_CAPITALIZED) ||
	    (vl__qclass(c, k) & (VL_QW_PERSON | VL_QW_BODY)))
		return 1;
	return w && vl__rule_match(w, c->tk, c->nt, k, &kind, cc) &&
	       (kind == VL_WORD_ROLE || kind == VL_WORD_HEAD);
}

/* Does "que" follow the verb at v before a punctuation mark? */
static int que_follows(const qctx *c, size_t v)
{
	for (size_t j = v + 1; j < c->nt && j <= v + MAX_GAP; j++) {
		if (c->tk[j].kind == VL_TOK_PUNCT || c->cover[j])
			return 0;
		if (vl__qis(c, j, "que") || vl__qis(c, j, "qu'"))
			return 1;
	}
	return 0;
}

/* Is the word at v a present participle ("ajoutant")? */
static int participle(const qctx *c, size_t v)
{
	const vl_token *t = &c->tk[v];
	return t->norm_len > 4 && !memcmp(t->norm + t->norm_len - 3, "ant", 3);
}

/* ", a indiqué X" / ", précise-t-il" after a clause: the verb, or
 * SIZE_MAX. Only verbs that report words (those taking "que") and a
 * subject right after them: ", avait appelé les combattants" is no
 * attribution. */
static size_t inverted_verb(const qctx *c, size_t i)
{
	size_t j = i + 1, k = 0;
	int aux = 0, pron = 0;

	if (vl__qis(c, j, "a") || vl__qis(c, j, "ont") ||
	    vl__qis(c, j, "avait") || vl__qis(c, j, "avaient")) {
		aux = 1;
		j++;
	}
	while (j < c->nt && k++ < 4 && !(vl__qclass(c, j) & VL_QW_VERB)) {
		if (vl__qpronoun(c, j))
			pron = 1;
		else if (!aux || !(vl__qfiller(c, j) || vl__qaux(c, j)))
			return SIZE_MAX;
		j++;
	}
	if (j >= c->nt || !(vl__qclass(c, j) & VL_QW_QUE) || participle(c, j) ||
	    que_follows(c, j))
		return SIZE_MAX;
	if (pron || vl__qpronoun(c, j + 1))
		return j;
	k = j + 1;
	while (k < c->nt && k < j + 3 && vl__qfiller(c, k) && !vl__qdet(c, k) &&
	       !vl__qis(c, k, "a"))
		k++;
	return subject_at(c, k) ? j : SIZE_MAX;
}

static int inverted_clause(qctx *c, size_t i)
{
	size_t v, start;

	if (i == 0 || c->cover[i - 1] == 1 ||
	    (v = inverted_verb(c, i)) == SIZE_MAX)
		return 0;
	start = vl__qclause_start(c, i);
	if (is_mark_open(c, start) || i - start < 3)
		return 0;
	return add(c, start, i - 1, v, QS_AFTER, i + 1, 0);
}

int vl__quotes_reported(qctx *c)
{
	int rc = 0;

	for (size_t i = 0; i < c->nt && !rc; i++) {
		unsigned cls;
		if (c->cover[i])
			continue;
		if (vl__qis(c, i, ",")) {
			rc = inverted_clause(c, i);
			continue;
		}
		if (vl__qis(c, i, "selon")) {
			rc = source_clause(c, i, i + 1, 0);
			continue;
		}
		if (vl__qis(c, i, "d'") && vl__qis(c, i + 1, "apres")) {
			rc = source_clause(c, i, i + 2, 0);
			continue;
		}
		if (vl__qis(c, i, "pour")) {
			rc = source_clause(c, i, i + 1, 1);
			continue;
		}
		cls = vl__qclass(c, i);
		/* "le prévenu": a noun, not the verb */
		if ((cls & (VL_QW_QUE | VL_QW_INF)) &&
		    !(i > 0 && vl__qdet(c, i - 1)))
			rc = verb_clause(c, i, cls);
	}
	return rc;
}
