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
 * with that role word ("l'ONG": the organisation named "l'ONG X"), else
 * the later of the last speaker and the last person named, when the
 * article and title before that name do not say another gender or
 * qualifier (after "a répondu", the article's first person instead);
 * else the phrase itself stands as the speaker, with no mention ("a
 * indiqué le ministère russe de la Défense": sp_start..sp_end). A group
 * or an indefinite ("un conseiller", "les pompiers", "le parquet") is
 * nobody (-1).
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

/* What a speaker search found besides a mention: whether it was carried
 * from before, and the phrase that names the speaker when no mention
 * does (tokens pa..pb; pa == SIZE_MAX when none). */
typedef struct who {
	int carried;
	size_t pa, pb;
} who;

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

/* The first token of the sentences that a pronoun or a role at token
 * `at` may look back to. */
static size_t carry_floor(const qctx *c, size_t at)
{
	size_t s = c->sent_of[at];

	return sent_start_tok(c, s > CARRY_SENTS ? s - CARRY_SENTS : 0);
}

static int32_t role_speaker(const qctx *c, size_t d, size_t v, who *w);

/* The definite article of a phrase: le, la, l'. */
static int definite(const qctx *c, size_t i)
{
	return vl__qis(c, i, "le") || vl__qis(c, i, "la") ||
	       vl__qis(c, i, "l'");
}

/* The words of a noun phrase after the article at d: the noun, its
 * adjectives and its complements ("ministère russe de la Défense",
 * "état-major de l'armée ukrainienne", "coureur de 24 ans"), up to a
 * punctuation mark, a verb, a preposition other than "de", a word of
 * time ("jeudi") or a quotation. Its last token, or SIZE_MAX when no
 * noun follows d. */
static size_t phrase_last(const qctx *c, size_t d)
{
	static const char *const links[] = { "de", "du",  "des", "d'", "la",
					     "l'", "les", "le",	 NULL };
	size_t last = SIZE_MAX;

	for (size_t i = d + 1; i < c->nt && i < d + 11; i++) {
		const vl_token *t = &c->tk[i];
		if (c->cover[i] == 1 || vl__qbreak(c, i))
			break;
		if (i > d + 1 && vl__qin(c, i, links))
			continue;
		if ((t->kind != VL_TOK_WORD && t->kind != VL_TOK_NUMBER) ||
		    vl__qprep(c, i) || vl__qfiller(c, i) || vl__qaux(c, i) ||
		    vl__qpronoun(c, i) || vl__qdet(c, i) ||
		    (vl__qclass(c, i) & VL_QW_VERB) || vl__qis(c, i, "qui") ||
		    vl__qis(c, i, "que") || vl__qis(c, i, "qu'") ||
		    vl__qis(c, i, "et"))
			break;
		last = i;
	}
	/* the noun itself is a word, not a number */
	if (last == SIZE_MAX || c->tk[d + 1].kind != VL_TOK_WORD)
		return SIZE_MAX;
	return last;
}

/* The role subject that opens the sentence of token `at` ("Le président
 * américain avait appelé ... qui sont selon lui"): its article, or
 * SIZE_MAX. */
static size_t role_subject(const qctx *c, size_t at)
{
	size_t d = sent_start_tok(c, c->sent_of[at]), e;

	if (d >= at || !definite(c, d) || c->ment_at[d + 1] >= 0 ||
	    (e = phrase_last(c, d)) == SIZE_MAX || e >= at)
		return SIZE_MAX;
	return vl__qaux(c, e + 1) || (vl__qclass(c, e + 1) & VL_QW_VERB)
		       ? d
		       : SIZE_MAX;
}

/* The speaker a pronoun at token `at` stands for: a subject earlier in
 * its sentence (a name, or a role that opens it), else the later of the
 * last speaker and the last subject of the sentences before. */
static int32_t pronoun_speaker(const qctx *c, size_t at, who *w)
{
	size_t s = c->sent_of[at], floor = carry_floor(c, at), d;
	int32_t m = subject_before(c, at, sent_start_tok(c, s));

	if (m >= 0)
		return m;
	if ((d = role_subject(c, at)) != SIZE_MAX)
		return role_speaker(c, d, SIZE_MAX, w);
	m = subject_before(c, sent_start_tok(c, s), floor);
	w->carried = 1;
	if (c->last_spk_tok != SIZE_MAX && c->last_spk_tok >= floor &&
	    (m < 0 || c->last_spk_tok > c->ment_first[m])) {
		/* the last speaker, maybe a phrase ("le président russe
		 * ... Il a déclaré") */
		if (c->last_spk < 0) {
			w->pa = c->last_pa;
			w->pb = c->last_pb;
		}
		return c->last_spk;
	}
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

/* The person (or, with `orgs`, the organisation) introduced earlier
 * with the word at token r, and its qualifier if any ("le préfet de la
 * Drôme, Alain Berthier" for "le préfet"; "le président russe Vladimir
 * Poutine" for "le président russe", not "le président Trump"; "l'ONG
 * SOS Horizon" for "l'ONG"), or -1. */
static int32_t role_person(const qctx *c, size_t r, int orgs)
{
	size_t floor = r > 4000 ? r - 4000 : 0;
	int qual = qualifier(c, r + 1);

	for (size_t i = r; i > floor;) {
		int32_t m = c->ment_at[--i];
		size_t f;
		int t;
		if (m < 0 || c->ment_first[m] != i ||
		    c->ms->m[m].how == VL_HOW_REFER)
			continue;
		t = c->ms->m[m].type;
		if (t != VL_ENT_PER && !(orgs && t == VL_ENT_ORG))
			continue;
		f = c->ment_first[m];
		/* a name that begins with the word ("ONG Mer Libre") */
		if (orgs && !qual && same_norm(c, f, r) && c->ment_last[m] > f)
			return m;
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

/* Was mention m introduced with the role word at r and another
 * qualifier ("le président ukrainien X" is not "le président russe")? */
static int other_role(const qctx *c, int32_t m, size_t r)
{
	size_t f = c->ment_first[m];

	if (!qualifier(c, r + 1))
		return 0;
	for (size_t k = f; k > 0 && k + ROLE_WINDOW > f;) {
		if (vl__qterm(c, --k))
			break;
		if (same_norm(c, k, r) && qualifier(c, k + 1) &&
		    !same_norm(c, k + 1, r + 1))
			return 1;
	}
	return 0;
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

static int ends_with(const vl_token *t, const char *s)
{
	size_t n = strlen(s);
	return t->norm_len > n + 2 && !memcmp(t->norm + t->norm_len - n, s, n);
}

/* A noun for a person: a role, or a lower-case agent noun (-eur, -euse,
 * -rice, -iste: "le coureur", "la cycliste") that is no group. */
static int person_noun(const qctx *c, size_t i)
{
	const vl_token *t = &c->tk[i];

	if (person_word(c, i))
		return 1;
	if (t->kind != VL_TOK_WORD || (t->flags & VL_TOKF_CAPITALIZED) ||
	    (vl__qclass(c, i) & VL_QW_BODY))
		return 0;
	return ends_with(t, "eur") || ends_with(t, "euse") ||
	       ends_with(t, "rice") || ends_with(t, "iste");
}

/* A verb of reply ("a répondu", "a rétorqué"): its speaker is not the
 * one it answers. */
static int reply_verb(const qctx *c, size_t v)
{
	static const char *const stems[] = { "repond", "repli", "retorqu",
					     "ripost", NULL };
	const vl_token *t;

	if (v >= c->nt)
		return 0;
	t = &c->tk[v];
	for (const char *const *s = stems; *s; s++)
		if (t->norm_len >= strlen(*s) &&
		    !memcmp(t->norm, *s, strlen(*s)))
			return 1;
	return 0;
}

/* The grammatical gender an article gives a person: 'm' or 'f' from
 * the article or title that opens the words before its name ("la sœur
 * d'une victime, Nadia Belkacem", "Le président du groupe, Antoine
 * Mercier", "Mme Leavitt"), 0 when none says. An article after "de"
 * belongs to a complement ("de la Drôme") and says nothing. */
static int gender_before(const qctx *c, size_t f)
{
	int g = 0;

	for (size_t k = f, n = 0; k > 0 && n < 8; n++) {
		k--;
		if (vl__qterm(c, k) || vl__qbreak(c, k + 1) ||
		    vl__qis(c, k, ":") || c->cover[k] == 1)
			break;
		if (k > 0 &&
		    (vl__qis(c, k - 1, "de") || vl__qis(c, k - 1, "d'")))
			continue;
		if (vl__qis(c, k, "le") || vl__qis(c, k, "un") ||
		    vl__qis(c, k, "m."))
			g = 'm';
		else if (vl__qis(c, k, "la") || vl__qis(c, k, "une") ||
			 vl__qis(c, k, "mme"))
			g = 'f';
		else if (c->ment_at[k] >= 0 || vl__qaux(c, k) ||
			 (vl__qclass(c, k) & VL_QW_VERB))
			break;
	}
	return g;
}

/* Can the person of mention m be the role phrase at article d and role
 * word r: not introduced with the other gender, nor with the same role
 * and another qualifier? */
static int may_be(const qctx *c, int32_t m, size_t d)
{
	int g = vl__qis(c, d, "le") ? 'm' : vl__qis(c, d, "la") ? 'f' : 0;
	int h = gender_before(c, c->ment_first[m]);

	return !(g && h && g != h) && !other_role(c, m, d + 1);
}

static int same_entity(const qctx *c, int32_t a, int32_t b)
{
	return a >= 0 && b >= 0 && c->ms->m[a].local == c->ms->m[b].local;
}

/* A role that the article never tied to a name ("a ajouté le député",
 * "a réagi l'auteur", "a confié le coureur de 24 ans"): the later of
 * the last speaker and the last person named in the sentences before
 * (not one introduced with the same role and another qualifier). After
 * a verb of reply ("a répondu la maire sortante"), not the last speaker
 * but the first person the article names, its main figure. -1 if none. */
static int32_t role_fallback(const qctx *c, size_t d, size_t v, who *w)
{
	size_t floor = carry_floor(c, d);
	int32_t m = -1;

	if (d > floor + 4 * SCAN_BACK * CARRY_SENTS) /* huge sentences */
		floor = d - 4 * SCAN_BACK * CARRY_SENTS;
	if (reply_verb(c, v)) {
		for (size_t i = 0; i < c->ms->n; i++)
			if (c->ms->m[i].type == VL_ENT_PER &&
			    c->ms->m[i].how != VL_HOW_REFER) {
				m = (int32_t)i;
				break;
			}
		if (m < 0 || same_entity(c, m, c->last_spk) ||
		    c->ment_first[m] >= d || !may_be(c, m, d))
			return -1;
		w->carried = 1;
		return m;
	}
	for (size_t i = d; i > floor;) {
		int32_t k = c->ment_at[--i];
		/* not a name inside the quotation being attributed */
		if (i >= c->cur_first && i < d)
			continue;
		if (k >= 0 && c->ment_first[k] == i &&
		    c->ms->m[k].type == VL_ENT_PER) {
			m = k;
			break;
		}
	}
	if (c->last_spk >= 0 && c->last_spk_tok != SIZE_MAX &&
	    c->last_spk_tok >= floor &&
	    (m < 0 || c->last_spk_tok > c->ment_first[m]))
		m = c->last_spk;
	if (m < 0 || !may_be(c, m, d))
		return -1;
	w->carried = 1;
	return m;
}

/* Is any word of r..e capitalised (a name in the phrase: "ministère
 * russe de la Défense", "syndicat FNSEA")? */
static int has_name(const qctx *c, size_t r, size_t e)
{
	for (size_t k = r; k <= e; k++)
		if (c->tk[k].flags & VL_TOKF_CAPITALIZED)
			return 1;
	return 0;
}

/* A definite phrase at d ("le député ...", "la magistrate", "l'ONG",
 * "le ministère russe de la Défense"), the speaker of the verb at v
 * (SIZE_MAX: none known): the person or organisation the article
 * introduced with that word; else, for a word for a person, the one
 * role_fallback gives; else the phrase itself (w->pa..pb, speaker -1);
 * a group with no name in it ("le parquet", "l'entourage du ministre")
 * is nobody. */
static int32_t role_speaker(const qctx *c, size_t d, size_t v, who *w)
{
	size_t r = d + 1, e;
	int32_t m;
	int pers;

	if (!definite(c, d) || (e = phrase_last(c, d)) == SIZE_MAX ||
	    c->ment_at[r] >= 0)
		return -1;
	pers = person_noun(c, r);
	/* a name the entity stage did not find ("le correspondant de
	 * guerre Alexandre Kots", two capitalised words): not someone
	 * named before, the phrase itself */
	for (size_t k = r + 1; k < e; k++)
		if ((c->tk[k].flags & VL_TOKF_CAPITALIZED) &&
		    (c->tk[k + 1].flags & VL_TOKF_CAPITALIZED) &&
		    c->ment_at[k] < 0 && c->ment_at[k + 1] < 0) {
			w->pa = r;
			w->pb = e;
			return -1;
		}
	if ((m = role_person(c, r, !pers || !person_word(c, r))) >= 0)
		return m;
	if (pers && (m = role_fallback(c, d, v, w)) >= 0)
		return m;
	if ((vl__qclass(c, r) & VL_QW_BODY) && !has_name(c, r + 1, e))
		return -1;
	w->pa = r;
	w->pb = e;
	return -1;
}

/* The speaker after an inverted verb at v (the words between the
 * quotation or clause and the verb start at `from`). */
static int32_t after_speaker(const qctx *c, size_t from, size_t v, who *w)
{
	int commas = 0;

	for (size_t i = from; i <= v + 1 && i < c->nt; i++) {
		int p = vl__qpronoun(c, i);
		if (p == 1)
			return pronoun_speaker(c, i, w);
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
		return role_speaker(c, d, v, w);
	}
}

/* The subject of the verb (or colon) at v. */
static int32_t before_speaker(const qctx *c, size_t v, who *w)
{
	size_t g = v, k = 0, floor;
	int p;

	while (g > 0 && k++ < 6 &&
	       (vl__qaux(c, g - 1) || vl__qfiller(c, g - 1)))
		g--;
	if (g == 0)
		return -1;
	if ((p = vl__qpronoun(c, g - 1)))
		return p == 1 ? pronoun_speaker(c, g - 1, w) : -1;
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
				       ? pronoun_speaker(c, i, w)
				       : -1;
		/* a role with no name ("Le préfet a été clair :") */
		if (m < 0 && i + 1 < g && vl__qdet(c, i) &&
		    person_word(c, i + 1) && c->ment_at[i + 1] < 0 &&
		    (i == 0 || !vl__qprep(c, i - 1)))
			return role_speaker(c, i, v, w);
	}
	/* a phrase that is the whole subject ("L'ONG a dénoncé", "Le
	 * syndicat FNSEA a demandé") */
	if (definite(c, floor) && phrase_last(c, floor) + 1 == g)
		return role_speaker(c, floor, v, w);
	return -1;
}

/* The speaker named in a "selon X" phrase a..b. */
static int32_t source_speaker(const qctx *c, size_t a, size_t b, who *w)
{
	int32_t loc = -1;

	for (size_t i = a; i <= b && i < c->nt; i++) {
		int32_t m = c->ment_at[i];
		if (vl__qis(c, i, "lui") || vl__qis(c, i, "elle") ||
		    vl__qis(c, i, "eux"))
			return pronoun_speaker(c, i, w);
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
	if (definite(c, a))
		return role_speaker(c, a, SIZE_MAX, w);
	for (size_t i = a; i <= b && i + 1 < c->nt; i++)
		if (vl__qdet(c, i) && person_word(c, i + 1))
			return role_speaker(c, i, SIZE_MAX, w);
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
	/* "s'est dit « serein »": se dire, a speech verb, not "dit" */
	if (p > 0 && (vl__qclass(c, p - 1) & VL_QW_TITLE) &&
	    !((vl__qclass(c, p - 1) & VL_QW_VERB) && p > 1 &&
	      (vl__qis(c, p - 2, "est") || vl__qis(c, p - 2, "sont") ||
	       vl__qis(c, p - 2, "se") || vl__qis(c, p - 2, "s'"))))
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

/* The speaker as written: its mention's bytes, or the phrase. */
static void set_written(const qctx *c, qcand *q, const who *w)
{
	int32_t m = q->q.speaker;

	q->q.sp_start = q->q.sp_end = 0;
	if (m >= 0 && (size_t)m < c->ms->n) {
		q->q.sp_start = c->ms->m[m].start;
		q->q.sp_end = c->ms->m[m].end;
	} else if (w && w->pa != SIZE_MAX && w->pb < c->nt) {
		q->q.sp_start = (uint32_t)c->tk[w->pa].start;
		q->q.sp_end = (uint32_t)c->tk[w->pb].end;
	}
}

/* Candidate q says what `from` says: same speaker. */
static void take_speaker(qcand *q, const qcand *from)
{
	q->q.speaker = from->q.speaker;
	q->q.sp_start = from->q.sp_start;
	q->q.sp_end = from->q.sp_end;
}

static void resolve(qctx *c, qcand *q)
{
	who w = { 0, SIZE_MAX, SIZE_MAX };
	int32_t spk = -1;

	c->cur_first = q->open != SIZE_MAX ? q->open : q->first;
	switch (q->how) {
	case QS_AFTER:
		spk = after_speaker(c, q->src_first ? q->src_first : q->cue,
				    q->cue, &w);
		break;
	case QS_BEFORE:
	case QS_COLON: spk = before_speaker(c, q->cue, &w); break;
	case QS_SOURCE:
		spk = source_speaker(c, q->src_first, q->src_last, &w);
		break;
	default: return;
	}
	q->q.speaker = spk;
	q->q.carried = (uint8_t)(spk >= 0 && w.carried);
	set_written(c, q, &w);
	if (q->cue < c->nt) {
		q->q.cue_start = (uint32_t)c->tk[q->cue].start;
		q->q.cue_end = (uint32_t)c->tk[q->cue].end;
	}
	c->last_spk = spk;
	c->last_spk_tok = q->first;
	c->last_pa = spk < 0 ? w.pa : SIZE_MAX;
	c->last_pb = w.pb;
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
			take_speaker(q, p);
			return 1;
		}
		if (p->how != QS_NONE && p->last < q->first &&
		    c->sent_of[p->last] + 1 >= c->sent_of[q->first]) {
			take_speaker(q, p);
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
	c->last_pa = SIZE_MAX;
	if (q->q.speaker < 0 && q->q.sp_end > q->q.sp_start) {
		/* the tokens of its phrase (tokens are in text order) */
		size_t lo = 0, hi = c->nt, b;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->tk[mid].start < q->q.sp_start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (b = lo; b + 1 < c->nt && b < lo + 12 &&
			     c->tk[b + 1].end <= q->q.sp_end;)
			b++;
		if (lo < c->nt) {
			c->last_pa = lo;
			c->last_pb = b;
		}
	}
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
	c->last_pa = c->last_pb = SIZE_MAX;
	c->cur_first = SIZE_MAX;
	for (size_t k = 0; k < c->n; k++) {
		qcand *q = &c->c[k];
		size_t p;
		if (q->dropped)
			continue;
		if (q->how != QS_NONE) {
			if ((p = same_cue(c, k)) != SIZE_MAX) {
				take_speaker(q, &c->c[p]);
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
			take_speaker(q, &c->c[p]);
			continue;
		}
		if (k + 1 < c->n && !c->c[k + 1].dropped &&
		    c->c[k + 1].first <= q->last + 3 &&
		    c->c[k + 1].how != QS_NONE) {
			take_speaker(q, &c->c[k + 1]);
			continue;
		}
		if (q->q.kind == VL_QUOTE_PARTIAL && q->open != SIZE_MAX) {
			q->q.speaker = name_before(c, q->open);
			set_written(c, q, NULL);
		}
	}
}
