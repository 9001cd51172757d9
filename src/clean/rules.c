/*
 * rules.c — the line rules of the boilerplate stage: each looks at one
 * line (its tokens in matching form, their lexicon classes, its raw
 * bytes) and says whether the line is a known kind of boilerplate.
 *
 * The rules judge shape as well as words: a credit is short and made of
 * a credit cue and names, a share bar holds nothing but share words, a
 * promotion is short and calls to action. A body sentence that merely
 * mentions a photo, Telegram or a comment is long, or lacks the shape,
 * and stays. Rules that need the neighbouring lines (captions around a
 * credit, promotion and comment blocks) are in context.c; the rules here
 * leave facts for them in the view's bits.
 */
#include <string.h>

#include "clean/lexicon.h"
#include "clean/rules.h"
#include "text/analysis.h"
#include "text/utf8.h"
#include "veille.h"

/* ---------------------------------------------------------- helpers */

static int is_word(const vl_cl_tok *t)
{
	return t->kind != VL_TOK_PUNCT && t->kind != VL_TOK_QUOTE &&
	       t->kind != VL_TOK_SYMBOL;
}

static int tok_is(const vl_cl_view *v, size_t i, const char *w)
{
	return i < v->n && v->t[i].len == strlen(w) &&
	       !memcmp(v->t[i].norm, w, v->t[i].len);
}

static int tok_in(const vl_cl_view *v, size_t i, const char *const *ws)
{
	for (; *ws; ws++)
		if (tok_is(v, i, *ws))
			return 1;
	return 0;
}

static int has_digit(const vl_cl_tok *t)
{
	for (uint32_t i = 0; i < t->len; i++)
		if (t->norm[i] >= '0' && t->norm[i] <= '9')
			return 1;
	return 0;
}

/* ASCII case-insensitive equality with a lower-case pattern. */
static int ascii_ieq(const char *s, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return 0;
	}
	return 1;
}

static int is_caps(const vl_cl_tok *t)
{
	return (t->flags & (VL_TOKF_CAPITALIZED | VL_TOKF_ALLCAPS)) != 0;
}

/* Tokens of `phrase` (single spaces) matched from token i; 0 if not. */
static size_t match_at(const vl_cl_view *v, size_t i, const char *phrase)
{
	size_t k = 0;

	/* Most candidates differ at the first byte: reject them cheaply. */
	if (i >= v->n || v->t[i].norm[0] != phrase[0])
		return 0;
	while (*phrase) {
		const char *sp = strchr(phrase, ' ');
		size_t len = sp ? (size_t)(sp - phrase) : strlen(phrase);
		if (i + k >= v->n || v->t[i + k].len != len ||
		    memcmp(v->t[i + k].norm, phrase, len) != 0)
			return 0;
		k++;
		phrase += len + (sp ? 1 : 0);
	}
	return k;
}

/* Longest phrase of a NULL-terminated list matched from token i. */
static size_t match_list(const vl_cl_view *v, size_t i, const char *const *list)
{
	size_t best = 0;

	for (; *list; list++) {
		size_t k = match_at(v, i, *list);
		if (k > best)
			best = k;
	}
	return best;
}

/* Some phrase of `list` occurs in the line. Every phrase holds a word of
 * class `cls` among its first CUE_REACH + 1 tokens, so only the starts
 * just before such a word are tried. */
#define CUE_REACH 4
static int contains_list(const vl_cl_view *v, const char *const *list,
			 uint32_t cls)
{
	size_t next = 0; /* first start not tried yet */

	for (size_t i = 0; i < v->n; i++) {
		if (!(v->t[i].cls & cls))
			continue;
		for (size_t s = i > CUE_REACH ? i - CUE_REACH : 0; s <= i; s++)
			if (s >= next && match_list(v, s, list))
				return 1;
		next = i + 1;
	}
	return 0;
}

/* Leading bullets and arrows ("•", "-", ">") before the words. */
static size_t skip_bullets(const vl_cl_view *v)
{
	size_t i = 0;

	while (i < v->n && !is_word(&v->t[i]) && !tok_is(v, i, "(") &&
	       v->t[i].kind != VL_TOK_QUOTE)
		i++;
	return i;
}

static int is_sep(const vl_cl_view *v, size_t i)
{
	static const char *const seps[] = { ":", "|",	"-", ">", "\"",
					    ",", "...", "/", "›", "»",
					    "→", "•",	"·", NULL };
	return tok_in(v, i, seps);
}

/* Word tokens in [from, n). */
static size_t count_words(const vl_cl_view *v, size_t from)
{
	size_t c = 0;

	for (size_t i = from; i < v->n; i++)
		c += is_word(&v->t[i]);
	return c;
}

/* ------------------------------------------------------------ shape */

/* Length of the UTF-8 sequence a lead byte opens; 0 for a trailing
 * byte. */
static size_t seq_len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xC0)
		return 0;
	return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

/* The code point that ends before s[end], skipping closing
 * quotes, brackets and spaces; 0 when none. Works on raw bytes, so long
 * lines need no tokens. */
static uint32_t last_char(const char *s, size_t end)
{
	const unsigned char *u = (const unsigned char *)s;

	while (end > 0) {
		size_t st = end - 1, adv;
		uint32_t cp;
		while (st > 0 && end - st < 4 && (u[st] & 0xC0) == 0x80)
			st--;
		if (st + seq_len(u[st]) != end)
			return 0; /* not valid UTF-8: no verdict */
		cp = vl__utf8_decode(u + st, &adv);
		if (cp == ')' || cp == ']' || cp == '"' || cp == '\'' ||
		    cp == 0xBB || cp == 0x201D || cp == 0x2019 || cp == ' ' ||
		    cp == 0xA0 || cp == 0x202F) {
			end = st;
			continue;
		}
		return cp;
	}
	return 0;
}

uint32_t vl__cl_shape(const vl_cl_view *v)
{
	uint32_t bits = 0, cp = last_char(v->s, v->len);
	size_t first = 0;

	if (cp == '.' || cp == 0x2026)
		bits |= VL_CL_PERIOD_END | VL_CL_TERM_END;
	else if (cp == '!' || cp == '?')
		bits |= VL_CL_TERM_END;
	if (!(v->bits & VL_CL_FULL))
		bits |= VL_CL_MULTI; /* a long line is prose */
	/* A sentence break: . ! ? followed by a capitalised word. */
	for (size_t i = 0; i + 1 < v->n; i++) {
		size_t j = i + 1;
		if (!(v->t[i].flags & VL_TOKF__TERM))
			continue;
		while (j < v->n && v->t[j].kind == VL_TOK_QUOTE)
			j++;
		if (j < v->n && is_word(&v->t[j]) && is_caps(&v->t[j]))
			bits |= VL_CL_MULTI;
	}
	while (first < v->n && v->t[first].kind == VL_TOK_PUNCT &&
	       !tok_is(v, first, "("))
		first++;
	if (first < v->n && v->t[first].kind == VL_TOK_QUOTE)
		bits |= VL_CL_QUOTE_START;
	if (first < v->n &&
	    (v->t[first].kind == VL_TOK_WORD ||
	     v->t[first].kind == VL_TOK_ELISION) &&
	    !is_caps(&v->t[first]))
		bits |= VL_CL_LOWER_START;
	return bits;
}

/* ------------------------------------------------------------ rules */

/* A line that starts with an image file name: the name and its caption,
 * as some exports glue them ("1a2b....jpg Sur cette photo ..."). */
static const char *rule_image(vl_cl_view *v, const char **why)
{
	size_t e = 0;

	(void)why;
	while (e < v->len && e < 1024 && v->s[e] != ' ' && v->s[e] != '\t')
		e++;
	for (const char *const *x = vl__lx_image_ext; *x; x++) {
		size_t n = strlen(*x);
		if (e > n && ascii_ieq(v->s + e - n, *x, n))
			return "image-filename";
	}
	return NULL;
}

/* The edges of a promotion block: "Ignorer Promotion WhatsApp et
 * continuer la lecture" ... "Fin de Promotion WhatsApp". */
static const char *rule_promo_edge(vl_cl_view *v, const char **why)
{
	const uint32_t what = VL_LX_APP | VL_LX_PROMO_NOUN;
	int names = 0;

	(void)why;
	if (!v->n || !(v->any & what) || (v->bits & VL_CL_PERIOD_END))
		return NULL;
	/* The thing skipped or ended is named right after the verb:
	 * "Ignorer Promotion ...", "Fin de l' encart ...". */
	for (size_t i = 1; i < v->n && i <= 3; i++)
		names |= (v->t[i].cls & what) != 0;
	if (!names)
		return NULL;
	if ((v->t[0].cls & VL_LX_SKIP) && v->len <= 160) {
		v->bits |= VL_CL_PROMO_START;
		return "promo-start";
	}
	if ((v->t[0].cls & VL_LX_END) && v->len <= 100 && v->n <= 8 &&
	    (tok_is(v, 1, "de") || tok_is(v, 1, "d'") || tok_is(v, 1, "du") ||
	     tok_is(v, 1, "of"))) {
		v->bits |= VL_CL_PROMO_END;
		return "promo-end";
	}
	return NULL;
}

/* A share bar: only share-network words and their glue. */
static const char *rule_share(vl_cl_view *v, const char **why)
{
	int strong = 0;

	(void)why;
	if (!(v->bits & VL_CL_FULL) || !(v->any & VL_LX_SHARE) ||
	    v->len > 100 || v->n > 12)
		return NULL;
	for (size_t i = 0; i < v->n; i++) {
		if (!is_word(&v->t[i]))
			continue;
		if (!(v->t[i].cls & (VL_LX_SHARE | VL_LX_SHARE_FILL)))
			return NULL;
		strong |= (v->t[i].cls & VL_LX_SHARE) != 0;
	}
	return strong ? "share-only" : NULL;
}

/* A cookie banner: cookies, an action on them, and the site talking to
 * its reader (which a news story about cookies does not do). */
static const char *rule_cookie(vl_cl_view *v, const char **why)
{
	const uint32_t need = VL_LX_COOKIE | VL_LX_COOKIE_ACT | VL_LX_READER;

	(void)why;
	if ((v->any & need) != need || (v->bits & VL_CL_QUOTE_START) ||
	    v->len > 1000)
		return NULL;
	return "cookie-notice";
}

/* The inside of "( ... )" from token a to b (exclusive) is a credit:
 * made of agencies and credit words, or starting with one ("Photo X
 * via AP"), or ending with "via AGENCY". */
static int credit_group(const vl_cl_view *v, size_t a, size_t b)
{
	static const char *const cues[] = { "photo",   "photos", "credit",
					    "credits", "image",	 "c",
					    "©",       NULL };
	int agency = 0, other = 0;

	if (a >= b)
		return 0;
	if (tok_in(v, a, cues))
		return 1;
	if (b - a >= 2 && (v->t[b - 1].cls & VL_LX_AGENCY) &&
	    tok_is(v, b - 2, "via"))
		return 1;
	for (size_t i = a; i < b; i++) {
		if (!is_word(&v->t[i]))
			continue;
		if (v->t[i].cls & VL_LX_AGENCY)
			agency = 1;
		else if (!(v->t[i].cls & VL_LX_AGENCY_PART))
			other = 1;
	}
	return agency && !other;
}

/* A line made of agency names: "AFP", "Getty Images", "AFP/Reuters",
 * "(avec AFP)", "Le Monde avec AFP". Unknown agencies count when written
 * in capitals after "avec" ("Avec AOP"). */
static int agency_line(const vl_cl_view *v)
{
	size_t avec = v->n, before = 0, after = 0, i;
	int agency = 0;

	/* "Par Claire Dumont (avec AFP)" is a byline. */
	if (v->n > 12 || v->len > 80 || tok_is(v, 0, "par") ||
	    tok_is(v, 0, "by"))
		return 0;
	for (i = 0; i < v->n; i++)
		if (tok_is(v, i, "avec") || tok_is(v, i, "with")) {
			avec = i;
			break;
		}
	for (i = 0; i < v->n; i++) {
		const vl_cl_tok *t = &v->t[i];
		if (!is_word(t) || i == avec)
			continue;
		if (i < avec && avec < v->n) {
			/* "Le Monde avec AFP": a name before "avec". */
			if (!is_caps(t) && !(t->cls & VL_LX_PARTICLE))
				return 0;
			before++;
			continue;
		}
		if (t->cls & VL_LX_AGENCY)
			agency = 1;
		else if ((t->flags & VL_TOKF_ALLCAPS) && t->len <= 6 &&
			 avec < v->n)
			agency = 1;
		else if (!(t->cls & VL_LX_AGENCY_PART) && !tok_is(v, i, "et") &&
			 !tok_is(v, i, "and"))
			return 0;
		after++;
	}
	return agency && before <= 4 && after <= 3;
}

/* A site's copyright footer ("© 2005-2020 X. Tous droits réservés"),
 * not a photo's: it has no caption beside it. */
static int site_notice(const vl_cl_view *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (has_digit(&v->t[i]) || tok_is(v, i, "copyright") ||
		    tok_is(v, i, "droits") || tok_is(v, i, "rights"))
			return 1;
	return 0;
}

static const char *rule_credit(vl_cl_view *v, const char **why)
{
	size_t i = tok_is(v, 0, "(") ? 1 : 0;

	(void)why;
	if (!v->n || v->len > 160 || (v->bits & VL_CL_QUOTE_START))
		return NULL;
	if ((match_list(v, 0, vl__lx_credit) ||
	     match_list(v, i, vl__lx_credit)) &&
	    v->n <= 18 && !(v->bits & VL_CL_MULTI) && (v->bits & VL_CL_FULL)) {
		/* Names only; "Photo : X en 2005 (Sipa)." is its own caption
		 * and has none beside it. */
		if (!(v->bits & VL_CL_PERIOD_END) && !site_notice(v))
			v->bits |= VL_CL_CREDIT;
		return tok_is(v, i, "©") || match_at(v, 0, "( c )")
			       ? "credit-copyright"
			       : "credit-prefix";
	}
	if (!(v->bits & VL_CL_FULL))
		return NULL;
	for (size_t j = 0; j < v->n && v->len <= 100; j++)
		if (tok_is(v, j, "©")) {
			if (!site_notice(v))
				v->bits |= VL_CL_CREDIT;
			return "credit-copyright";
		}
	if (i == 1 && tok_is(v, v->n - 1, ")") &&
	    credit_group(v, 1, v->n - 1)) {
		v->bits |= VL_CL_CREDIT;
		return "credit-paren";
	}
	if (agency_line(v))
		return "credit-agency";
	return NULL;
}

/* Agency and initials signatures: "ats/aop", "afp/dl/cg". Two parts
 * with an agency read as a credit, more as an author's initials. */
static const char *rule_signature(vl_cl_view *v, const char **why)
{
	size_t parts = 0, run = 0;
	int agency = 0;

	if (v->len > 40 || v->len < 3)
		return NULL;
	for (size_t i = 0; i <= v->len; i++) {
		char c = i < v->len ? v->s[i] : '/';
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			if (++run > 6)
				return NULL;
			continue;
		}
		if (c != '/' || !run)
			return NULL;
		parts++;
		if (vl__lx_word(v->s + i - run, run) & VL_LX_AGENCY)
			agency = 1;
		run = 0;
	}
	if (parts < 2 || parts > 5)
		return NULL;
	/* Two parts need an agency: "oui/non" is not a signature. */
	if (parts == 2 && agency) {
		*why = VL_WHY_CREDIT;
		return "credit-signature";
	}
	if (!agency && parts == 2)
		return NULL;
	*why = VL_WHY_BYLINE;
	return "byline-initials";
}

/* "Carte montrant ...", "Photo prise ...", "Cette photo prise depuis
 * Gaza montre ...": a visual noun, then a participle within a few words
 * (v->n >= 3). */
static int visual_participle(const vl_cl_view *v)
{
	static const char *const stills[] = { "photo",	      "image",
					      "photographie", "carte",
					      "capture",      "cliche",
					      "picture",      NULL };
	size_t span = 5;

	/* "Cette photo prise ...": with a demonstrative, only a still image
	 * and the participle right after it ("Une vidéo diffusée par les
	 * militants montre ..." is a body sentence about a video). */
	if ((tok_is(v, 0, "cette") || tok_is(v, 0, "this")) &&
	    tok_in(v, 1, stills) && !(v->bits & VL_CL_MULTI))
		return (v->t[2].cls & VL_LX_PARTICIPLE) != 0;
	if (!(v->t[0].cls & VL_LX_VISUAL))
		return 0;
	for (size_t j = 1; j < v->n && j <= span; j++) {
		if (v->t[j].kind == VL_TOK_PUNCT)
			break;
		if (v->t[j].cls & VL_LX_PARTICIPLE)
			return 1;
	}
	return 0;
}

/* "Légende image, ...", "Caption", "Carte montrant ...", and captions
 * that end with their credit: "... (Archives). sda", "... (Keystone/EPA)". */
static const char *rule_caption(vl_cl_view *v, const char **why)
{
	size_t i = skip_bullets(v), n = v->n;

	(void)why;
	if (match_list(v, i, vl__lx_caption))
		return "caption-prefix";
	if (!(v->bits & VL_CL_FULL) || n < 3)
		return NULL;
	if (visual_participle(v))
		return "caption-visual";
	/* "...(Archives). sda": an agency after the sentence's end. */
	if (n > 4 && (v->t[n - 1].cls & VL_LX_AGENCY) &&
	    (tok_is(v, n - 2, ".") || tok_is(v, n - 2, ")")))
		return "caption-credit-suffix";
	/* "... (Keystone/EPA)" or "(Photo X via AP)" closing the line. */
	if (tok_is(v, n - 1, ".") && tok_is(v, n - 2, ")"))
		n--;
	if (tok_is(v, n - 1, ")")) {
		size_t o = n - 1;
		while (o > 0 && !tok_is(v, o, "("))
			o--;
		if (o >= 3 && tok_is(v, o, "(") &&
		    credit_group(v, o + 1, n - 1))
			return "caption-credit-suffix";
	}
	return NULL;
}

/* A run of capitalised name words from token i; returns the index after
 * it and the number of names in *names. */
static size_t name_run(const vl_cl_view *v, size_t i, size_t *names)
{
	*names = 0;
	while (i < v->n) {
		const vl_cl_tok *t = &v->t[i];
		if (is_word(t) && is_caps(t) && t->kind != VL_TOK_NUMBER)
			(*names)++;
		else if (!(*names && (t->cls & VL_LX_PARTICLE)) &&
			 !(*names && t->kind == VL_TOK_PUNCT && t->len == 1 &&
			   t->norm[0] == '.'))
			break;
		i++;
	}
	return i;
}

/* "Par Claire Dumont", "By John Smith, in Kyiv", "Par X et Y (avec AFP)". */
static int par_byline(const vl_cl_view *v)
{
	static const char *const tails[] = { ",",  "(",	  "avec", "with",
					     "et", "and", "pour", "for",
					     "in", "a",	  "-",	  "|",
					     "/",  "en",  NULL };
	size_t names, j;

	if (!(tok_is(v, 0, "par") || tok_is(v, 0, "by")) || !is_caps(&v->t[0]))
		return 0;
	j = name_run(v, 1, &names);
	if (!names || names > 5)
		return 0;
	if (j < v->n && !tok_in(v, j, tails))
		return 0;
	if (v->len > 120 || (v->bits & VL_CL_MULTI))
		return 0;
	return !((v->bits & VL_CL_PERIOD_END) && v->n > 8);
}

static const char *rule_byline(vl_cl_view *v, const char **why)
{
	size_t i = skip_bullets(v), k;

	(void)why;
	if (!(v->bits & VL_CL_FULL) || v->len > 200)
		return NULL;
	/* "• Auteur, Marie Durand"; without the bullet only a short line
	 * ("Journaliste, elle a couvert ..." is a sentence). */
	k = match_list(v, i, vl__lx_byline_label);
	if (k && (tok_is(v, i + k, ",") || tok_is(v, i + k, ":")) &&
	    (i > 0 || (v->len <= 80 && !(v->bits & VL_CL_TERM_END))))
		return "byline-bullet";
	if (v->len <= 160 && !(v->bits & VL_CL_MULTI) &&
	    match_list(v, i, vl__lx_byline))
		return "byline-phrase";
	if (par_byline(v))
		return "byline-par";
	return NULL;
}

/* A clock time: "20h31", "10h", "19 : 30", "10 h 05". */
static int has_clock(const vl_cl_view *v)
{
	for (size_t i = 0; i < v->n; i++) {
		const vl_cl_tok *t = &v->t[i];
		const char *h;
		if (!has_digit(t))
			continue;
		h = memchr(t->norm, 'h', t->len);
		if (h && h > t->norm && h[-1] >= '0' && h[-1] <= '9')
			return 1;
		if (i + 2 < v->n && has_digit(&v->t[i + 2]) &&
		    (tok_is(v, i + 1, ":") || tok_is(v, i + 1, "h")))
			return 1;
	}
	return 0;
}

/* A token a timestamp may hold: date words, numbers, times, glue. */
static int date_tok(const vl_cl_tok *t)
{
	return (t->cls & (VL_LX_DATE | VL_LX_DATE_FILL)) || !is_word(t) ||
	       has_digit(t);
}

/* "Publié", "Publié le 14 mars 2025 à 10h05", "Mis à jour il y a 3 min",
 * "Updated 3 hours ago"; or a bare date line "Jeudi 13 mars 2025". */
static const char *rule_timestamp(vl_cl_view *v, const char **why)
{
	size_t k, digits = 0, last;
	int date_word = 0;

	(void)why;
	if (!(v->bits & VL_CL_FULL) || v->len > 120 || !v->n)
		return NULL;
	for (size_t i = 0; i < v->n; i++) {
		if (!date_tok(&v->t[i]))
			return NULL;
		digits += has_digit(&v->t[i]);
		date_word |= (v->t[i].cls & VL_LX_DATE) != 0;
	}
	k = match_list(v, skip_bullets(v), vl__lx_timestamp);
	if (k)
		return "timestamp-publie";
	/* A bare date must end on the date: "Le 16 novembre 2011, le" is a
	 * wrapped sentence, "Vendredi 9 août :" heads a dated entry. */
	last = v->n - 1;
	if (v->len > 60 || !digits || !(date_word || digits >= 3) ||
	    count_words(v, 0) < 2 || !is_word(&v->t[last]) ||
	    !(has_digit(&v->t[last]) || (v->t[last].cls & VL_LX_DATE)))
		return NULL;
	/* With a clock time it is a timestamp ("30-06-13 à 20h31"); a bare
	 * day ("6 OCTOBRE 1981") may head a chronology entry, so only the
	 * context rules take it, at the top of the text. */
	if (has_clock(v))
		return "timestamp-date";
	v->bits |= VL_CL_DATE;
	return NULL;
}

/* "À VOIR AUSSI | ...", "Lire aussi : ...", "Read more", "Related:". */
static const char *rule_see_also(vl_cl_view *v, const char **why)
{
	size_t i = skip_bullets(v), k = match_list(v, i, vl__lx_see_also), j;

	(void)why;
	if (!k || (v->bits & VL_CL_QUOTE_START))
		return NULL;
	j = i + k;
	while (j < v->n && is_sep(v, j))
		j++;
	if (j >= v->n && (v->bits & VL_CL_FULL)) {
		v->bits |= VL_CL_SEE_ALSO;
		return "see-also-label";
	}
	if (is_sep(v, i + k))
		return "see-also-prefix";
	/* No separator: a link title has no final period, and does not
	 * announce what follows ("À lire ce témoignage du Guardian :"). */
	if ((v->bits & VL_CL_FULL) && !(v->bits & VL_CL_PERIOD_END) &&
	    v->len <= 250 && last_char(v->s, v->len) != ':')
		return "see-also-prefix";
	return NULL;
}

/* The words of a line without leading and trailing numbers and marks:
 * "Commentaires (12)" -> "commentaires". Returns the match length. */
static int whole_line_is(const vl_cl_view *v, const char *const *list)
{
	size_t a = 0, b = v->n;

	while (a < b && (!is_word(&v->t[a]) || v->t[a].kind == VL_TOK_NUMBER))
		a++;
	while (b > a &&
	       (!is_word(&v->t[b - 1]) || v->t[b - 1].kind == VL_TOK_NUMBER))
		b--;
	if (a >= b)
		return 0;
	for (; *list; list++)
		if (match_at(v, a, *list) == b - a)
			return 1;
	return 0;
}

static const char *rule_comment(vl_cl_view *v, const char **why)
{
	(void)why;
	if (!(v->any & VL_LX_COMMENT))
		return NULL;
	v->bits |= VL_CL_COMMENT;
	if (contains_list(v, vl__lx_comment, VL_LX_COMMENT))
		v->bits |= VL_CL_COMMENT_CUE;
	if (!(v->bits & VL_CL_FULL) || (v->bits & VL_CL_QUOTE_START))
		return NULL;
	if (v->len <= 60 && whole_line_is(v, vl__lx_comment_line)) {
		v->bits |= VL_CL_COMMENT_CUE;
		return "comment-heading";
	}
	if ((v->bits & VL_CL_COMMENT_CUE) && v->len <= 120)
		return "comment-cue";
	return NULL;
}

/* Any quotation mark: a quoted call to action is reported speech. */
static int has_quote(const vl_cl_view *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->t[i].kind == VL_TOK_QUOTE)
			return 1;
	return 0;
}

/* "BBC Afrique est sur WhatsApp": NAME is (also) on APP, at the end. */
static int on_app(const vl_cl_view *v)
{
	size_t e = v->n;

	while (e > 0 && !is_word(&v->t[e - 1]))
		e--;
	if (e < 3 || !(v->t[e - 1].cls & VL_LX_APP) ||
	    !(tok_is(v, e - 2, "sur") || tok_is(v, e - 2, "on")))
		return 0;
	for (size_t i = e - 2; i > 0 && i + 4 >= e; i--)
		if (tok_is(v, i - 1, "est") || tok_is(v, i - 1, "is") ||
		    tok_is(v, i - 1, "sont") || tok_is(v, i - 1, "are"))
			return 1;
	return 0;
}

/* The line opens on a call to action: "Abonnez-vous", "Suivez-nous",
 * "Je m'abonne", "S'abonner", "Cliquez ici et ...". In the middle of a
 * sentence ("pour en savoir plus, suivez le mot-clé ...") it is prose. */
static int cta_start(const vl_cl_view *v)
{
	size_t i = skip_bullets(v);

	if (tok_is(v, i, "je") || tok_is(v, i, "s'"))
		i++;
	if (tok_is(v, i, "m'"))
		i++;
	return i < v->n && (v->t[i].cls & VL_LX_CTA);
}

/* Stand-alone promotion lines: an advertising label, a call to action
 * about an app, a newsletter or a channel, "X est sur WhatsApp". A body
 * sentence that mentions Telegram has no call to action and is long. */
static const char *rule_promo(vl_cl_view *v, const char **why)
{
	(void)why;
	if (!(v->bits & VL_CL_FULL) || v->len > 200 || has_quote(v))
		return NULL;
	if (v->len <= 60 && whole_line_is(v, vl__lx_promo_line))
		return "promo-label";
	if (cta_start(v)) {
		int target = (v->any & (VL_LX_APP | VL_LX_PROMO_NOUN)) != 0;
		for (size_t i = 0; i < v->n && !target; i++)
			target = tok_is(v, i, "ici") || tok_is(v, i, "here") ||
				 tok_is(v, i, "-nous") || tok_is(v, i, "-vous");
		if (target && !(v->bits & VL_CL_MULTI) && v->len <= 120 &&
		    last_char(v->s, v->len) != '?')
			return "promo-cta";
	}
	if (v->len <= 100 && !(v->bits & VL_CL_PERIOD_END) && on_app(v))
		return "promo-app";
	return NULL;
}

/* Not a rule of its own: marks lines made of section names, which the
 * context rules remove when they stand alone. */
static void mark_section(vl_cl_view *v)
{
	size_t names = 0;

	if (!(v->bits & VL_CL_FULL) || !(v->any & VL_LX_SECTION) ||
	    v->len > 50 || (v->bits & VL_CL_TERM_END))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const vl_cl_tok *t = &v->t[i];
		if (!is_word(t))
			continue;
		if (t->cls & VL_LX_SECTION)
			names++;
		else if (!(t->cls & VL_LX_SECTION_FILL))
			return;
	}
	if (names && names <= 3)
		v->bits |= VL_CL_SECTION;
}

typedef struct cl_rule {
	const char *(*fn)(vl_cl_view *v, const char **why);
	const char *why;
} cl_rule;

/* In order: the first rule that fires wins. Specific shapes (file
 * names, block edges, share bars) come before the looser ones. */
static const cl_rule rules[] = {
	{ rule_image, VL_WHY_IMAGE },
	{ rule_promo_edge, VL_WHY_PROMO },
	{ rule_share, VL_WHY_SHARE },
	{ rule_cookie, VL_WHY_COOKIE },
	{ rule_credit, VL_WHY_CREDIT },
	{ rule_signature, VL_WHY_BYLINE },
	{ rule_caption, VL_WHY_CAPTION },
	{ rule_byline, VL_WHY_BYLINE },
	{ rule_timestamp, VL_WHY_TIMESTAMP },
	{ rule_see_also, VL_WHY_SEE_ALSO },
	{ rule_comment, VL_WHY_COMMENT },
	{ rule_promo, VL_WHY_PROMO },
};

void vl__cl_line_rules(vl_cl_view *v, const char **why, const char **rule)
{
	const char *w = NULL, *r = NULL;

	mark_section(v);
	for (size_t i = 0; i < sizeof rules / sizeof rules[0] && !r; i++) {
		w = rules[i].why;
		r = rules[i].fn(v, &w);
	}
	*why = r ? w : NULL;
	*rule = r;
	/* Comment cues feed the end-of-article block even when another
	 * rule named the line first. */
	if (r && (v->any & VL_LX_COMMENT) && !(v->bits & VL_CL_COMMENT))
		(void)rule_comment(v, &w);
}
