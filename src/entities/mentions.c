/*
 * mentions.c — finding an article's mentions: per sentence, the
 * gazetteer marks known places, the tagger writes BIO tags, then the
 * French rules rewrite tags where their evidence is stronger than the
 * tagger's (a title or a role before a name makes it a person; "la ville
 * de" makes a place; an ordinal before "brigade" makes a unit), and
 * note the roles that introduce people and the phrases that say two
 * names are one. Gathering mentions into entities is coref.c's work.
 */
#include "entities/mentions.h"

#include <string.h>
#include <xxhash.h>

#include "entities/gazetteer.h"
#include "entities/rules.h"
#include "entities/tagger.h"
#include "util/alloc.h"

/* At most this many mentions per article: the rest of a huge text is
 * left untagged rather than make gathering quadratic. */
#define MAX_MENTIONS 8192
/* Longest name a rule takes, in tokens. */
#define MAX_NAME_TOKENS 4
/* Tokens a role's qualifiers may take before the name ("la ministre
 * allemande des Affaires étrangères Annalena Baerbock"). */
#define MAX_QUALIFIER_TOKENS 7

/* Per-sentence work arrays, sized for the longest sentence. */
typedef struct scratch {
	vl_span *spans;
	uint8_t *gaz, *tags, *how;
	uint64_t *role; /* role hash at a name's first token */
	size_t cap;
} scratch;

/* A phrase naming the same thing on both sides, at token `at` of the
 * sentence, `len` tokens long. */
typedef struct cue {
	size_t sent, at, len;
} cue;

typedef struct finder {
	const char *text;
	const vl_token *toks;
	const vl_rule_words *words;
	const vl_tagger *tagger;
	const vl_gaz *gaz;
	scratch s;
	vl_ments *out;
	size_t cap;
} finder;

static int is_caps(const vl_token *t)
{
	return t->kind == VL_TOK_WORD && (t->flags & VL_TOKF_CAPITALIZED);
}

static int norm_is(const vl_token *t, const char *w)
{
	return t->norm_len == strlen(w) && !memcmp(t->norm, w, t->norm_len);
}

/* Lower-case words that may sit inside a name: "Charles de Gaulle",
 * "Ursula von der Leyen", "Mohammed ben Salmane". */
static int is_particle(const vl_token *t)
{
	static const char *const p[] = { "de",	"du",  "von", "van", "der",
					 "den", "ben", "bin", "al",  "el",
					 "da",	"di",  "le",  "la",  "ibn" };
	if (t->kind != VL_TOK_WORD || (t->flags & VL_TOKF_CAPITALIZED))
		return 0;
	for (size_t i = 0; i < sizeof p / sizeof *p; i++)
		if (norm_is(t, p[i]))
			return 1;
	return 0;
}

/* Tokens [i, end) of a name starting at i: capitalised words, with
 * particles between them; 0 when token i starts no name. */
static size_t name_run(const vl_token *t, size_t n, size_t i)
{
	size_t end = i, words = 0;
	if (i >= n || !is_caps(&t[i]))
		return 0;
	while (end < n && words < MAX_NAME_TOKENS) {
		if (is_caps(&t[end])) {
			end++;
			words++;
		} else if (is_particle(&t[end]) && end + 1 < n &&
			   is_caps(&t[end + 1])) {
			end++;
		} else {
			break;
		}
	}
	return end - i;
}

/* Set tokens [a, b) of the sentence to one mention of `type` found by
 * `how`; a mention the span cut keeps its other part. */
static void claim(scratch *s, size_t n, size_t a, size_t b, int type, int how)
{
	if (b < n && s->tags[b] != VL_TAG_O && !VL_TAG_IS_B(s->tags[b]))
		s->tags[b] = (uint8_t)VL_TAG_B(VL_TAG_TYPE(s->tags[b]));
	for (size_t k = a; k < b; k++) {
		s->tags[k] =
			(uint8_t)(k == a ? VL_TAG_B(type) : VL_TAG_I(type));
		s->how[k] = (uint8_t)how;
	}
}

/* The mention that starts at token i, or the start of the one that
 * holds it; n when i is outside any. */
static size_t mention_start(const scratch *s, size_t i)
{
	while (i > 0 && s->tags[i] != VL_TAG_O && !VL_TAG_IS_B(s->tags[i]))
		i--;
	return s->tags[i] != VL_TAG_O ? i : SIZE_MAX;
}

static uint64_t role_hash(const char *role, size_t role_len, const char *qual,
			  size_t qual_len)
{
	/* the qualifier, seeded with the role */
	uint64_t h = XXH3_64bits_withSeed(qual, qual_len,
					  XXH3_64bits(role, role_len));
	return h ? h : 1;
}

/*
 * A role at token i (`len` tokens, a head of state's when head): its
 * qualifiers (a nationality, or "du Kremlin", "de la Maison Blanche"),
 * then maybe a name. The name becomes a person remembered with the
 * role; with no name, a role with a qualifier refers to whoever the
 * article introduced with it (coref.c).
 */
static void role_rule(finder *f, const vl_token *t, size_t n, size_t i,
		      size_t len, int head)
{
	char qual[96], cc[3];
	size_t ql = 0, j = i + len, name = 0, prep = 0, lower = 0, qend;
	int kind;

	qend = j;

	while (j < n && j < i + len + MAX_QUALIFIER_TOKENS) {
		size_t m = vl__rule_match(f->words, t, n, j, &kind, cc);
		if (m && kind == VL_WORD_NAT) {
			if (!ql) {
				memcpy(qual, cc, 2);
				ql = 2;
			}
			j += m;
			qend = j;
			prep = 0;
			continue;
		}
		if (t[j].kind == VL_TOK_PUNCT && norm_is(&t[j], ",") &&
		    j + 1 < n && name_run(t, n, j + 1)) {
			j++;
			name = name_run(t, n, j);
			break;
		}
		if (is_caps(&t[j])) {
			size_t r = name_run(t, n, j);
			if (!prep) {
				name = r;
				break;
			}
			/* "du Kremlin": the qualifier, when no nationality */
			for (size_t k = j; k < j + r && !(ql && qual[0] != '|');
			     k++) {
				if (ql + t[k].norm_len + 2 >= sizeof qual)
					break;
				if (!ql)
					qual[ql++] = '|';
				memcpy(qual + ql, t[k].norm, t[k].norm_len);
				ql += t[k].norm_len;
			}
			j += r;
			qend = j;
			prep = 0;
			continue;
		}
		if (t[j].kind == VL_TOK_ELISION ||
		    (t[j].kind == VL_TOK_WORD &&
		     (norm_is(&t[j], "de") || norm_is(&t[j], "du") ||
		      norm_is(&t[j], "des") || norm_is(&t[j], "la")))) {
			prep = 1;
			j++;
			continue;
		}
		/* a lower-case adjective ("spécial", "étrangères"), at most
		 * two, else the role ends here */
		if (t[j].kind != VL_TOK_WORD || ++lower > 2)
			break;
		prep = 0; /* "correspondant de guerre Alexandre Kots" */
		j++;
	}
	if (name) {
		size_t at = j, st = mention_start(&f->s, at);
		/* keep the tagger's bounds when it saw a name there */
		if (st == at && VL_TAG_TYPE(f->s.tags[at]) == VL_ENT_PER) {
			/* nothing to claim */
		} else {
			claim(&f->s, n, at, at + name, VL_ENT_PER, VL_HOW_ROLE);
		}
		if (ql)
			f->s.role[at] =
				role_hash(head ? "head" : t[i].norm,
					  head ? 4 : t[i].norm_len, qual, ql);
		return;
	}
	if (ql && mention_start(&f->s, i) == SIZE_MAX) {
		/* a role standing for a person: the span is the role and its
		 * qualifiers, resolved by coref.c or dropped */
		claim(&f->s, n, i, qend, VL_ENT_PER, VL_HOW_REFER);
		f->s.role[i] = role_hash(head ? "head" : t[i].norm,
					 head ? 4 : t[i].norm_len, qual, ql);
	}
}

/* "la ville de Toretsk", "dans la région orientale de Donetsk". */
static void place_rule(finder *f, const vl_token *t, size_t n, size_t i,
		       size_t len)
{
	size_t j = i + len, r;
	for (int adj = 0;
	     j < n && adj < 2 && t[j].kind == VL_TOK_WORD &&
	     !(t[j].flags & VL_TOKF_CAPITALIZED) && !norm_is(&t[j], "de");
	     adj++)
		j++;
	if (j >= n || !(norm_is(&t[j], "de") || norm_is(&t[j], "d'")))
		return;
	if ((r = name_run(t, n, j + 1)))
		claim(&f->s, n, j + 1, j + 1 + r, VL_ENT_LOC, VL_HOW_PLACE);
}

static int apply_rules(finder *f, size_t sent, const vl_token *t, size_t n,
		       cue *cues, size_t *n_cues)
{
	char cc[3];
	int kind;

	for (size_t i = 0; i < n; i++) {
		size_t m = vl__rule_match(f->words, t, n, i, &kind, cc), r;
		if (t[i].kind == VL_TOK_ORDINAL && i + 1 < n &&
		    vl__rule_match(f->words, t, n, i + 1, &kind, cc) &&
		    kind == VL_WORD_UNIT) {
			claim(&f->s, n, i, i + 2, VL_ENT_ORG, VL_HOW_UNIT);
			i++;
			continue;
		}
		if (!m)
			continue;
		switch (kind) {
		case VL_WORD_TITLE:
			if ((r = name_run(t, n, i + m))) {
				claim(&f->s, n, i + m, i + m + r, VL_ENT_PER,
				      VL_HOW_TITLE);
				f->s.tags[i] = VL_TAG_O;
			}
			break;
		case VL_WORD_HEAD:
		case VL_WORD_ROLE:
			/* a role word inside a name ("Place du Président")
			 * is not one */
			if (!(t[i].flags & VL_TOKF_CAPITALIZED) ||
			    (t[i].flags & VL_TOKF_SENT_START))
				role_rule(f, t, n, i, m, kind == VL_WORD_HEAD);
			break;
		case VL_WORD_PLACE:
			if (!(t[i].flags & VL_TOKF_CAPITALIZED) ||
			    (t[i].flags & VL_TOKF_SENT_START))
				place_rule(f, t, n, i, m);
			break;
		case VL_WORD_ALIAS:
			if (*n_cues < 64)
				cues[(*n_cues)++] = (cue){ sent, i, m };
			/* the name after the phrase is one, of the kind of
			 * the name before it */
			if ((r = name_run(t, n, i + m)) &&
			    f->s.tags[i + m] == VL_TAG_O) {
				int type = VL_ENT_LOC;
				for (size_t k = i; k-- > 0;)
					if (f->s.tags[k] != VL_TAG_O) {
						type = VL_TAG_TYPE(
							f->s.tags[k]);
						break;
					}
				claim(&f->s, n, i + m, i + m + r, type,
				      VL_HOW_PLACE);
			}
			break;
		default: break;
		}
		i += m - 1;
	}
	return 0;
}

static int push(finder *f, const vl_ment *m)
{
	vl_ments *o = f->out;
	if (o->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 32;
		vl_ment *v = vl__realloc(o->m, cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		o->m = v;
		f->cap = cap;
	}
	o->m[o->n++] = *m;
	return 0;
}

/* A capitalised word inside a sentence that the tagger left out but
 * that touches one of its names belongs to it ("la Maison Blanche"
 * tagged only on "Blanche"). Titles and roles stay out. */
static void widen(finder *f, const vl_token *t, size_t n)
{
	char cc[3];
	int kind;
	for (size_t i = 2; i < n; i++) {
		size_t k;
		if (f->s.tags[i] == VL_TAG_O || !VL_TAG_IS_B(f->s.tags[i]) ||
		    f->s.how[i] != VL_HOW_TAGGER)
			continue;
		k = i - 1;
		if (f->s.tags[k] != VL_TAG_O || !is_caps(&t[k]) || k == 0 ||
		    (f->words && vl__rule_match(f->words, t, n, k, &kind, cc)))
			continue;
		f->s.tags[k] = f->s.tags[i];
		f->s.tags[i] = (uint8_t)VL_TAG_I(VL_TAG_TYPE(f->s.tags[i]));
	}
}

/* The sentence's tags as mentions. */
static int decode(finder *f, size_t sent, const vl_token *t, size_t n)
{
	for (size_t i = 0; i < n && f->out->n < MAX_MENTIONS;) {
		size_t e = i + 1;
		int type = VL_TAG_TYPE(f->s.tags[i]);
		vl_ment m;
		if (f->s.tags[i] == VL_TAG_O) {
			i++;
			continue;
		}
		while (e < n && f->s.tags[e] == VL_TAG_I(type))
			e++;
		/* punctuation or quotes never end or start a name */
		while (e > i + 1 && (t[e - 1].kind == VL_TOK_PUNCT ||
				     t[e - 1].kind == VL_TOK_QUOTE))
			e--;
		memset(&m, 0, sizeof m);
		m.start = (uint32_t)t[i].start;
		m.end = (uint32_t)t[e - 1].end;
		m.type = (uint8_t)type;
		m.how = f->s.how[i];
		m.sent = sent > UINT16_MAX ? UINT16_MAX : (uint16_t)sent;
		m.role = f->s.role[i];
		if (t[i].kind != VL_TOK_PUNCT && t[i].kind != VL_TOK_QUOTE &&
		    push(f, &m))
			return VL_ENOMEM;
		i = e;
		while (i < n && f->s.tags[i] != VL_TAG_O &&
		       !VL_TAG_IS_B(f->s.tags[i]) &&
		       VL_TAG_TYPE(f->s.tags[i]) == type)
			i++;
	}
	return 0;
}

/* The mentions on both sides of each alias phrase: the last one before
 * it and the first one after it, in its sentence. */
/* Is mention m the complement that ends a longer name ("le ministère
 * russe de la Défense")? Its tokens are preceded by "de la", "du",
 * "des" or "de l'". */
static int is_complement(const vl_ment *m, const vl_token *toks,
			 const vl_sentence *s)
{
	size_t i = s->first_token, end = s->first_token + s->n_tokens;
	while (i < end && toks[i].start < m->start)
		i++;
	if (i == s->first_token || i >= end)
		return 0;
	if (norm_is(&toks[i - 1], "du") || norm_is(&toks[i - 1], "des"))
		return 1;
	return i >= s->first_token + 2 && norm_is(&toks[i - 2], "de") &&
	       (norm_is(&toks[i - 1], "la") || norm_is(&toks[i - 1], "l'"));
}

/* Is mention m the subject of a verb ("que Moscou désigne par son
 * ancien nom")? A lower-case word follows it. */
static int is_subject_of_verb(const vl_ment *m, const vl_token *toks,
			      const vl_sentence *s)
{
	size_t i = s->first_token, end = s->first_token + s->n_tokens;
	while (i < end && toks[i].start < m->end)
		i++;
	return i < end && toks[i].kind == VL_TOK_WORD &&
	       !(toks[i].flags & VL_TOKF_CAPITALIZED);
}

static int pair_cues(vl_ments *o, const vl_token *toks, const cue *cues,
		     size_t n_cues, const vl_sentence *sents)
{
	for (size_t c = 0; c < n_cues; c++) {
		const vl_sentence *s = &sents[cues[c].sent];
		size_t at = toks[s->first_token + cues[c].at].start;
		size_t after =
			toks[s->first_token + cues[c].at + cues[c].len - 1].end;
		size_t before = SIZE_MAX, next = SIZE_MAX, any = SIZE_MAX;
		for (size_t i = 0; i < o->n; i++) {
			if (o->m[i].start < s->start || o->m[i].end > s->end)
				continue;
			/* the name the sentence used: not the end of a
			 * longer one ("le ministère russe de la Défense,
			 * utilisant le nom ..."), nor, when another will do,
			 * a name followed by a verb or a preposition ("que
			 * Moscou désigne par son ancien nom soviétique") */
			if (o->m[i].end <= at) {
				if (any == SIZE_MAX ||
				    !is_complement(&o->m[i], toks, s))
					any = i;
				if (!is_complement(&o->m[i], toks, s) &&
				    !is_subject_of_verb(&o->m[i], toks, s))
					before = i;
			} else if (o->m[i].start >= after && next == SIZE_MAX) {
				next = i;
			}
		}
		if (before == SIZE_MAX)
			before = any;
		/* a person and a place are never one; the tagger's other
		 * types are less sure (a city's old name typed MISC) */
		if (before == SIZE_MAX || next == SIZE_MAX ||
		    (o->m[before].type == VL_ENT_PER) !=
			    (o->m[next].type == VL_ENT_PER))
			continue;
		uint32_t(*v)[2] =
			vl__realloc(o->aliases, (o->n_aliases + 1) * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		o->aliases = v;
		v[o->n_aliases][0] = (uint32_t)before;
		v[o->n_aliases][1] = (uint32_t)next;
		o->n_aliases++;
	}
	return 0;
}

static int grow_scratch(scratch *s, size_t n)
{
	if (n <= s->cap)
		return 0;
	vl__freep(s->spans);
	vl__freep(s->gaz);
	vl__freep(s->role);
	s->spans = vl__malloc(n * sizeof *s->spans);
	s->gaz = vl__malloc(3 * n);
	s->role = vl__malloc(n * sizeof *s->role);
	s->cap = s->spans && s->gaz && s->role ? n : 0;
	s->tags = s->gaz ? s->gaz + n : NULL;
	s->how = s->gaz ? s->gaz + 2 * n : NULL;
	return s->cap ? 0 : VL_ENOMEM;
}

static int sentence(finder *f, size_t si, const vl_sentence *s, cue *cues,
		    size_t *n_cues)
{
	const vl_token *t = f->toks + s->first_token;
	size_t n = s->n_tokens;
	int rc;

	if (!n)
		return 0;
	if ((rc = grow_scratch(&f->s, n)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		f->s.spans[i].p = f->text + t[i].start;
		f->s.spans[i].len = t[i].end - t[i].start;
	}
	memset(f->s.gaz, 0, n);
	memset(f->s.tags, 0, n);
	memset(f->s.how, 0, n);
	memset(f->s.role, 0, n * sizeof *f->s.role);
	if (f->gaz)
		vl__gaz_mark(f->gaz, f->s.spans, n, f->s.gaz);
	if ((rc = vl__tagger_tag(f->tagger, f->s.spans, f->s.gaz, n,
				 f->s.tags)))
		return rc;
	widen(f, t, n);
	if (f->words && (rc = apply_rules(f, si, t, n, cues, n_cues)))
		return rc;
	return decode(f, si, t, n);
}

int vl__mentions_find(vl_ments *out, const char *text, size_t len,
		      const vl_analysis *an, const char *lang)
{
	finder f;
	cue cues[64];
	size_t n_cues = 0, ns = vl_analysis_sentence_count(an);
	const vl_sentence *sents = vl_analysis_sentences(an);
	int rc = 0, french;

	(void)len;
	memset(out, 0, sizeof *out);
	vl_buf_init(&out->text);
	memset(&f, 0, sizeof f);
	f.text = text;
	f.toks = vl_analysis_tokens(an);
	f.out = out;
	f.tagger = vl__tagger_default();
	f.gaz = vl__gaz_default();
	/* the rule words are French; other languages get the tagger only */
	french = !lang || !strcmp(lang, "fr") || !strcmp(lang, "und");
	f.words = french ? vl__rule_words() : NULL;
	if (!f.tagger || (french && !f.words))
		return VL_ENOMEM;
	for (size_t i = 0; i < ns && !rc && out->n < MAX_MENTIONS; i++)
		rc = sentence(&f, i, &sents[i], cues, &n_cues);
	if (!rc)
		rc = pair_cues(out, f.toks, cues, n_cues, sents);
	if (!rc)
		rc = vl__ments_gather(out, text);
	vl__freep(f.s.spans);
	vl__freep(f.s.gaz);
	vl__freep(f.s.role);
	if (rc)
		vl__ments_free(out);
	return rc;
}

void vl__ments_free(vl_ments *ms)
{
	if (!ms)
		return;
	vl__freep(ms->m);
	vl__freep(ms->ents);
	vl__freep(ms->aliases);
	vl_buf_free(&ms->text);
	memset(ms, 0, sizeof *ms);
	vl_buf_init(&ms->text);
}
