/*
 * speaker.c — pass 3 of the quotation stage: who said it. Candidates are
 * taken in text order. A quotation first looks for its cue: an inverted
 * verb after it ("», a déclaré Dmitri Peskov", "», a-t-il ajouté",
 * "», calcule Pierre Fabre"), else a speech verb or a colon before it
 * in its clause ("M. Peskov a déclaré : «", "a dénoncé « ... »"), else
 * "selon X" before it. Reported speech brought its cue from pass 2.
 *
 * The speaker is then one of the article's mentions (entities/): the
 * name after an inverted verb, the subject before a verb (the nearest
 * name that no preposition governs; the antecedent of "qui"), or the
 * name in a "selon" phrase. A pronoun (il, -t-elle, selon lui) stands
 * for the later of the last speaker and the last subject named in the
 * sentences before (carried). A role with no name ("a ajouté le
 * député", "le préfet a été clair") is the person the article introduced
 * with that role word, else the last speaker; a group or an indefinite
 * ("un conseiller", "les pompiers") is nobody (-1).
 *
 * A quotation with no cue takes the speaker of the reported clause
 * around it, or of the quotation just before it (a second quoted
 * sentence), or of the one just after it (a quotation over paragraphs).
 * Partial quotations that name a work or a thing (la série « Nuit
 * blanche », « la Ruche ») and short quoted headings are dropped here.
 */
#include <string.h>

#include "entities/rules.h"
#include "quotes/quotes_int.h"

#define SCAN_BACK 30  /* tokens searched back for a verb or a subject */
#define SCAN_AFTER 15 /* tokens searched after an inverted verb */
#define CARRY_SENTS 3 /* how far back a pronoun's antecedent may be */
#define ROLE_WINDOW 6 /* tokens before a name where its role stands */
#define MAX_TITLE_WORDS 6

/* ------------------------------------------------------------ names */

/* Can mention m speak as a subject here? A person or an organisation,
 * or a place standing for its government ("a réagi Kiev"), that no
 * preposition governs and that is not inside quotation marks. */
static int can_speak(const qctx *c, int32_t m, int any_type)
{
	size_t f = c->ment_first[m];
	int t = c->ms->m[m].type;

	if (c->cover[f] == 1)
		return 0;
	if (f > 0 && vl__qdet(c, f - 1))
		f--;
	if (f > 0 && vl__qprep(c, f - 1))
		return 0;
	return any_type || t == VL_ENT_PER || t == VL_ENT_ORG ||
	       t == VL_ENT_LOC;
}

/* Is mention m the subject of a verb: followed by an auxiliary or a
 * speech verb, maybe after an apposition ("Marc Lefebvre, délégué, a")? */
static int subject_like(const qctx *c, int32_t m)
{
	size_t j = c->ment_last[m] + 1;
	int t = c->ms->m[m].type;

	if (t != VL_ENT_PER && t != VL_ENT_ORG)
		return 0;
	if (j >= c->nt)
		return 0;
	if (vl__qaux(c, j) || (vl__qclass(c, j) & VL_QW_VERB))
		return 1;
	if (!vl__qis(c, j, ","))
		return 0;
	/* "La ministre, Claire Vasseur, a défendu" */
	if (vl__qaux(c, j + 1) || (vl__qclass(c, j + 1) & VL_QW_VERB))
		return 1;
	for (size_t k = j + 1; k < c->nt && k < j + 10; k++) {
		if (vl__qterm(c, k) || c->cover[k] == 1)
			return 0;
		if (vl__qis(c, k, ","))
			return vl__qaux(c, k + 1) ||
			       (vl__qclass(c, k + 1) & VL_QW_VERB);
	}
	return 0;
}

/* The mention nearest before token `at` that is a subject, no further
 * back than token `floor`; -1 if none. */
static int32_t subject_before(const qctx *c, size_t at, size_t floor)
{
	for (size_t i = at; i > floor;) {
		int32_t m = c->ment_at[--i];
		if (m >= 0 && c->ment_first[m] == i && subject_like(c, m) &&
		    can_speak(c, m, 0))
			return m;
	}
	return -1;
}

static size_t sent_start_tok(const qctx *c, size_t s)
{
	return s < c->ns ? c->sv[s].first_token : 0;
}

/* The speaker a pronoun at token `at` stands for: a subject earlier in
 * its sentence, else the later of the last speaker and the last subject
 * of the sentences before. */
static int32_t pronoun_speaker(const qctx *c, size_t at, int *carried)
{
	size_t s = c->sent_of[at], floor, back;
	int32_t m = subject_before(c, at, sent_start_tok(c, s));

	if (m >= 0)
		return m;
	back = s > CARRY_SENTS ? s - CARRY_SENTS : 0;
	floor = sent_start_tok(c, back);
	m = subject_before(c, sent_start_tok(c, s), floor);
	*carried = 1;
	if (c->last_spk_tok != SIZE_MAX && c->last_spk_tok >= floor &&
	    (m < 0 || c->last_spk_tok > c->ment_first[m]))
		return c->last_spk;
	return m;
}

/* A word that qualifies a role ("russe" in "le président russe"). */
static int qualifier(const qctx *c, size_t i)
{
	return i < c->nt && c->tk[i].kind == VL_TOK_WORD &&
	       !(c->tk[i].flags & VL_TOKF_CAPITALIZED) && !vl__qdet(c, i) &&
	       !vl__qprep(c, i) && !vl__qaux(c, i) &&
	       !(vl__qclass(c, i) & VL_QW_VERB);
}

static int same_norm(const qctx *c, size_t a, size_t b)
{
	return c->tk[a].norm_len == c->tk[b].norm_len &&
	       !memcmp(c->tk[a].norm, c->tk[b].norm, c->tk[a].norm_len);
}

/* The person introduced earlier with the role word at token r, and its
 * qualifier if any ("le préfet de la Drôme, Alain Berthier" for "le
 * préfet"; "le président russe Vladimir Poutine" for "le président
 * russe", not "le président Trump"), or -1. */
static int32_t role_person(const qctx *c, size_t r)
{
	size_t floor = r > 4000 ? r - 4000 : 0;
	int qual = qualifier(c, r + 1);

	for (size_t i = r; i > floor;) {
		int32_t m = c->ment_at[--i];
		size_t f;
		if (m < 0 || c->ment_first[m] != i ||
		    c->ms->m[m].type != VL_ENT_PER)
			continue;
		f = c->ment_first[m];
		for (size_t k = f; k > 0 && k + ROLE_WINDOW > f;) {
			if (vl__qterm(c, --k))
				break;
			if (same_norm(c, k, r) &&
			    (!qual ||
			     (k + 1 < f && same_norm(c, k + 1, r + 1))))
				return m;
		}
	}
	return -1;
}

/* Is token i a word for one person who speaks (a role)? */
static int person_word(const qctx *c, size_t i)
{
	const vl_rule_words *w = vl__rule_words();
	int kind = 0;
	char cc[3];

	if (vl__qclass(c, i) & VL_QW_PERSON)
		return 1;
	return w && vl__rule_match(w, c->tk, c->nt, i, &kind, cc) &&
	       (kind == VL_WORD_ROLE || kind == VL_WORD_HEAD);
}

/* A role phrase at token d ("le député ...", "la magistrate"): the
 * person it refers to, else -1. */
static int32_t role_speaker(const qctx *c, size_t d, int *carried)
{
	size_t r = d + 1;

	if (!(vl__qis(c, d, "le") || vl__qis(c, d, "la") ||
	      vl__qis(c, d, "l'")))
		return -1;
	if (!person_word(c, r))
		return -1;
	/* a name the entity stage did not find ("le correspondant de
	 * guerre Alexandre Kots", two capitalised words): not someone
	 * named before */
	for (size_t k = r + 1; k + 1 < c->nt && k < r + 6; k++) {
		if (vl__qterm(c, k) || vl__qis(c, k, ",") || c->cover[k] == 1)
			break;
		if ((c->tk[k].flags & VL_TOKF_CAPITALIZED) &&
		    (c->tk[k + 1].flags & VL_TOKF_CAPITALIZED) &&
		    c->tk[k].kind == VL_TOK_WORD &&
		    c->tk[k + 1].kind == VL_TOK_WORD && c->ment_at[k] < 0 &&
		    c->ment_at[k + 1] < 0)
			return -1;
	}
	{
		int32_t m = role_person(c, r);
		if (m >= 0)
			return m;
	}
	return pronoun_speaker(c, d, carried);
}

/* The speaker after an inverted verb at v (the words between the
 * quotation or clause and the verb start at `from`). */
static int32_t after_speaker(const qctx *c, size_t from, size_t v, int *carried)
{
	int commas = 0;

	for (size_t i = from; i <= v + 1 && i < c->nt; i++) {
		int p = vl__qpronoun(c, i);
		if (p == 1)
			return pronoun_speaker(c, i, carried);
		if (p == 2)
			return -1;
	}
	for (size_t j = v + 1; j < c->nt && j <= v + SCAN_AFTER; j++) {
		int32_t m = c->ment_at[j];
		if (vl__qterm(c, j) || vl__qbreak(c, j) || c->cover[j] == 1 ||
		    vl__qis(c, j, "que") || vl__qis(c, j, "qu'") ||
		    vl__qis(c, j, ":"))
			break;
		if (vl__qis(c, j, ",") && ++commas > 1)
			break;
		if (m >= 0 && c->ment_first[m] == j && can_speak(c, m, 0))
			return m;
	}
	{
		size_t d = v + 1, k = 0;
		while (d < c->nt && k++ < 3 && vl__qfiller(c, d) &&
		       !vl__qdet(c, d))
			d++;
		return role_speaker(c, d, carried);
	}
}

/* The subject of the verb (or colon) at v. */
static int32_t before_speaker(const qctx *c, size_t v, int *carried)
{
	size_t g = v, k = 0, floor;
	int p;

	while (g > 0 && k++ < 6 &&
	       (vl__qaux(c, g - 1) || vl__qfiller(c, g - 1)))
		g--;
	if (g == 0)
		return -1;
	if ((p = vl__qpronoun(c, g - 1)))
		return p == 1 ? pronoun_speaker(c, g - 1, carried) : -1;
	if (vl__qis(c, g - 1, "qui")) {
		size_t q = g - 1;
		int32_t m;
		if (q > 0 && vl__qis(c, q - 1, ","))
			q--;
		m = q > 0 ? c->ment_at[q - 1] : -1;
		return m >= 0 && c->cover[q - 1] != 1 ? m : -1;
	}
	floor = vl__qclause_start(c, g);
	if (g > floor + SCAN_BACK)
		floor = g - SCAN_BACK;
	for (size_t i = g; i > floor;) {
		int32_t m = c->ment_at[--i];
		if (m >= 0 && c->ment_first[m] == i && can_speak(c, m, 0))
			return m;
		/* "», a-t-il déclaré, ajoutant que ..." */
		if (c->cover[i] != 1 && vl__qpronoun(c, i))
			return vl__qpronoun(c, i) == 1
				       ? pronoun_speaker(c, i, carried)
				       : -1;
		/* a role with no name ("Le préfet a été clair :") */
		if (m < 0 && i + 1 < g && vl__qdet(c, i) &&
		    person_word(c, i + 1) && c->ment_at[i + 1] < 0 &&
		    (i == 0 || !vl__qprep(c, i - 1)))
			return role_speaker(c, i, carried);
	}
	return -1;
}

/* The speaker named in a "selon X" phrase a..b. */
static int32_t source_speaker(const qctx *c, size_t a, size_t b, int *carried)
{
	int32_t loc = -1;

	for (size_t i = a; i <= b && i < c->nt; i++) {
		int32_t m = c->ment_at[i];
		if (vl__qis(c, i, "lui") || vl__qis(c, i, "elle") ||
		    vl__qis(c, i, "eux"))
			return pronoun_speaker(c, i, carried);
		if (m < 0 || c->ment_first[m] != i || c->cover[i] == 1)
			continue;
		if (c->ms->m[m].type == VL_ENT_PER ||
		    c->ms->m[m].type == VL_ENT_ORG) {
			if (can_speak(c, m, 0))
				return m;
		} else if (loc < 0 && !(i > a && vl__qprep(c, i - 1))) {
			loc = m;
		}
	}
	if (loc >= 0)
		return loc;
	for (size_t i = a; i <= b && i + 1 < c->nt; i++)
		if (vl__qdet(c, i) && person_word(c, i + 1))
			return role_speaker(c, i, carried);
	return -1;
}

/* ------------------------------------------------------------- cues */

static int is_comma(const qctx *c, size_t i)
{
	return vl__qis(c, i, ",");
}

/* An inverted verb from token j on: "a déclaré", "a-t-il ajouté",
 * "ajoute-t-il", "explique X", or an unknown verb right before a name
 * or a pronoun ("calcule Pierre Fabre"). The verb or SIZE_MAX. */
static size_t inverted_at(const qctx *c, size_t j)
{
	size_t k = 0, i = j;

	while (i < c->nt && k++ < 6) {
		if (vl__qterm(c, i) || vl__qbreak(c, i) || c->cover[i] == 1)
			return SIZE_MAX;
		if (vl__qclass(c, i) & VL_QW_VERB) {
			const vl_token *t = &c->tk[i];
			/* "», ajoutant que": the subject is before */
			if ((t->norm_len > 4 &&
			     !memcmp(t->norm + t->norm_len - 3, "ant", 3)) ||
			    vl__qis(c, i + 1, "que") ||
			    vl__qis(c, i + 1, "qu'"))
				return SIZE_MAX;
			return i;
		}
		if (!vl__qaux(c, i) && !vl__qfiller(c, i) &&
		    !vl__qpronoun(c, i))
			break;
		i++;
	}
	if (c->tk[j].kind == VL_TOK_WORD &&
	    !(c->tk[j].flags & VL_TOKF_CAPITALIZED) && !vl__qdet(c, j) &&
	    !vl__qprep(c, j) && j + 1 < c->nt &&
	    ((c->ment_at[j + 1] >= 0 &&
	      c->ms->m[c->ment_at[j + 1]].type == VL_ENT_PER) ||
	     vl__qpronoun(c, j + 1) == 1))
		return j;
	return SIZE_MAX;
}

/* The phrase after "selon" / "d'après" at s: its first token, last in
 * *b; 0 when s is neither. */
static size_t selon_phrase(const qctx *c, size_t s, size_t *b)
{
	size_t a;

	if (vl__qis(c, s, "selon"))
		a = s + 1;
	else if (vl__qis(c, s, "d'") && vl__qis(c, s + 1, "apres"))
		a = s + 2;
	else
		return 0;
	*b = a;
	while (*b + 1 < c->nt && *b < a + 10 && !is_comma(c, *b + 1) &&
	       !vl__qterm(c, *b + 1) && c->cover[*b + 1] != 1)
		(*b)++;
	return a;
}

/* Look for the cue of quotation q (its marks at q->open / q->close). */
static void find_cue(const qctx *c, qcand *q)
{
	size_t end = q->close, j, v, start;

	/* after: "», a déclaré X", "» dans la région, a assuré X" */
	if (end != SIZE_MAX && end + 1 < c->nt) {
		j = end + 1;
		if (!is_comma(c, j) && q->q.kind == VL_QUOTE_DIRECT)
			for (size_t k = j; k < c->nt && k < j + 9; k++) {
				if (vl__qterm(c, k) || vl__qbreak(c, k) ||
				    c->cover[k] == 1 ||
				    (vl__qclass(c, k) & VL_QW_VERB))
					break;
				if (is_comma(c, k)) {
					j = k;
					break;
				}
			}
		if (is_comma(c, j) && !vl__qbreak(c, j + 1)) {
			size_t a, b;
			if ((a = selon_phrase(c, j + 1, &b))) {
				q->how = QS_SOURCE;
				q->cue = j + 1;
				q->src_first = a;
				q->src_last = b;
				return;
			}
			j++;
		}
		if (j < c->nt && !vl__qbreak(c, j) &&
		    (v = inverted_at(c, j)) != SIZE_MAX) {
			q->how = QS_AFTER;
			q->cue = v;
			q->src_first = j;
			return;
		}
	}
	/* before, in the clause: a speech verb, "selon X", a colon */
	if (q->open == 0)
		return;
	j = q->open;
	if (vl__qis(c, j - 1, ":") && j > 1)
		j--;
	start = vl__qclause_start(c, j);
	if (start + SCAN_BACK < j)
		start = j - SCAN_BACK;
	for (size_t i = j; i > start;) {
		size_t a, b;
		i--;
		if (c->cover[i] == 1)
			continue;
		if ((vl__qclass(c, i) & VL_QW_VERB) &&
		    !(i > 0 && vl__qdet(c, i - 1))) {
			q->how = QS_BEFORE;
			q->cue = i;
			return;
		}
		if ((a = selon_phrase(c, i, &b))) {
			q->how = QS_SOURCE;
			q->cue = i;
			q->src_first = a;
			q->src_last = b;
			return;
		}
	}
	if (j < q->open) {
		q->how = QS_COLON;
		q->cue = j;
	}
}

/* Does the partial quotation q name a work or a thing? */
static int names_a_thing(const qctx *c, const qcand *q)
{
	size_t p = q->open, words = 0;
	int term = 0;

	while (p > 0 && (vl__qdet(c, p - 1) || vl__qis(c, p - 1, "d'") ||
			 vl__qis(c, p - 1, "de") || vl__qis(c, p - 1, "du") ||
			 vl__qis(c, p - 1, "des") || vl__qis(c, p - 1, "'")))
		p--;
	if (p > 0 && (vl__qclass(c, p - 1) & VL_QW_TITLE))
		return 1;
	for (size_t i = q->first; i <= q->last; i++) {
		words += c->tk[i].kind == VL_TOK_WORD;
		term |= vl__qterm(c, i) || vl__qis(c, i, ",");
	}
	/* a capitalised short name with no speech verb just before */
	if ((c->tk[q->first].flags & VL_TOKF_CAPITALIZED) && !term &&
	    words <= MAX_TITLE_WORDS) {
		for (size_t i = q->open, k = 0; i > 0 && k < 3; k++) {
			i--;
			if (vl__qclass(c, i) & VL_QW_VERB)
				return 0;
		}
		return 1;
	}
	return 0;
}

/* Is the quotation q alone on its line, short, with no sentence in it
 * (a heading: «Toujours là», - "optimisme prudent" -)? */
static int is_heading(const qctx *c, const qcand *q)
{
	size_t words = 0, i;

	if (q->close == SIZE_MAX)
		return 0;
	for (i = q->open; i > 0 && !vl__qbreak(c, i);)
		if (!vl__qis(c, --i, "-"))
			return 0;
	for (i = q->first; i <= q->last; i++) {
		if (vl__qterm(c, i))
			return 0;
		words += c->tk[i].kind == VL_TOK_WORD;
	}
	for (i = q->close + 1; i < c->nt && !vl__qbreak(c, i); i++)
		if (!vl__qis(c, i, "-"))
			return 0;
	return words <= 5;
}

/* ---------------------------------------------------------- the pass */

static void resolve(qctx *c, qcand *q)
{
	int carried = 0;
	int32_t spk = -1;

	switch (q->how) {
	case QS_AFTER:
		spk = after_speaker(c, q->src_first ? q->src_first : q->cue,
				    q->cue, &carried);
		break;
	case QS_BEFORE:
	case QS_COLON: spk = before_speaker(c, q->cue, &carried); break;
	case QS_SOURCE:
		spk = source_speaker(c, q->src_first, q->src_last, &carried);
		break;
	default: return;
	}
	q->q.speaker = spk;
	q->q.carried = (uint8_t)(spk >= 0 && carried);
	if (q->cue < c->nt) {
		q->q.cue_start = (uint32_t)c->tk[q->cue].start;
		q->q.cue_end = (uint32_t)c->tk[q->cue].end;
	}
	c->last_spk = spk;
	c->last_spk_tok = q->first;
}

/* The quotation after candidate k in the same sentence whose verb is
 * inverted after it ("« A » pendant que « B », a répondu X"), or
 * SIZE_MAX. */
static size_t later_after(const qctx *c, size_t k)
{
	size_t s = c->sent_of[c->c[k].last];

	for (size_t i = k + 1; i < c->n && c->sent_of[c->c[i].first] == s; i++)
		if (!c->c[i].dropped && c->c[i].how == QS_AFTER &&
		    c->c[i].open != SIZE_MAX)
			return i;
	return SIZE_MAX;
}

/* A quotation with no cue: the reported clause around it, else the
 * quotation just before it (same or previous sentence). 1 if settled. */
static int borrow_before(qctx *c, size_t k)
{
	qcand *q = &c->c[k];

	for (size_t i = k; i > 0;) {
		const qcand *p = &c->c[--i];
		if (p->dropped)
			continue;
		if (p->first <= q->first && p->last >= q->last &&
		    p->q.kind == VL_QUOTE_REPORTED) {
			q->q.speaker = p->q.speaker;
			return 1;
		}
		if (p->how != QS_NONE && p->last < q->first &&
		    c->sent_of[p->last] + 1 >= c->sent_of[q->first]) {
			q->q.speaker = p->q.speaker;
			q->q.carried = p->q.speaker >= 0;
			return 1;
		}
		if (p->last < q->first)
			break;
	}
	return 0;
}

/* An earlier candidate attributed by the same verb ("« A », a déclaré
 * X, mais « B »" finds "déclaré" before B): its index, or SIZE_MAX. */
static size_t same_cue(const qctx *c, size_t k)
{
	for (size_t i = k, n = 0; i > 0 && n < 8; n++) {
		const qcand *p = &c->c[--i];
		if (!p->dropped && p->how != QS_NONE && p->cue == c->c[k].cue)
			return i;
	}
	return SIZE_MAX;
}

/* The nearest name before token `at` in its sentence that can speak. */
static int32_t name_before(const qctx *c, size_t at)
{
	size_t floor = sent_start_tok(c, c->sent_of[at]);

	for (size_t i = at; i > floor;) {
		int32_t m = c->ment_at[--i];
		if (m >= 0 && c->ment_first[m] == i && can_speak(c, m, 0))
			return m;
	}
	return -1;
}

static void set_last(qctx *c, const qcand *q)
{
	c->last_spk = q->q.speaker;
	c->last_spk_tok = q->first;
}

void vl__quotes_speakers(qctx *c)
{
	/* cues first, so that a quotation can look at the next one's */
	for (size_t k = 0; k < c->n; k++) {
		qcand *q = &c->c[k];
		if (q->open == SIZE_MAX)
			continue;
		if (q->q.kind == VL_QUOTE_PARTIAL && names_a_thing(c, q)) {
			q->dropped = 1;
			continue;
		}
		find_cue(c, q);
		if (q->how == QS_NONE && is_heading(c, q))
			q->dropped = 1;
	}
	c->last_spk = -1;
	c->last_spk_tok = SIZE_MAX;
	for (size_t k = 0; k < c->n; k++) {
		qcand *q = &c->c[k];
		size_t p;
		if (q->dropped)
			continue;
		if (q->how != QS_NONE) {
			if ((p = same_cue(c, k)) != SIZE_MAX) {
				q->q.speaker = c->c[p].q.speaker;
				q->q.carried = c->c[p].q.carried;
				q->q.cue_start = c->c[p].q.cue_start;
				q->q.cue_end = c->c[p].q.cue_end;
				set_last(c, q);
			} else {
				resolve(c, q);
			}
		} else if (later_after(c, k) == SIZE_MAX &&
			   borrow_before(c, k) && q->q.speaker >= 0) {
			set_last(c, q);
		}
	}
	/* what is left: the attribution later in the sentence, the
	 * quotation that follows at once (continued over paragraphs),
	 * else, for a partial one, the name before it */
	for (size_t k = c->n; k > 0;) {
		qcand *q = &c->c[--k];
		size_t p;
		if (q->dropped || q->how != QS_NONE || q->q.speaker >= 0)
			continue;
		if ((p = later_after(c, k)) != SIZE_MAX) {
			q->q.speaker = c->c[p].q.speaker;
			continue;
		}
		if (k + 1 < c->n && !c->c[k + 1].dropped &&
		    c->c[k + 1].first <= q->last + 3 &&
		    c->c[k + 1].how != QS_NONE) {
			q->q.speaker = c->c[k + 1].q.speaker;
			continue;
		}
		if (q->q.kind == VL_QUOTE_PARTIAL && q->open != SIZE_MAX)
			q->q.speaker = name_before(c, q->open);
	}
}
