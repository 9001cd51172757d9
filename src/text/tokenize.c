/*
 * tokenize.c — the French-aware tokenizer: one pass over valid UTF-8 that
 * emits tokens with byte offsets into the text and their matching form.
 *
 * French specifics: elisions (l' d' qu' jusqu' lorsqu' ...) are tokens of
 * their own; inverted clitics split off ("a-t-il" -> a, -t-il); hyphenated
 * names stay whole (Maison-Blanche); abbreviations keep their period
 * (M. Mme Dr); digit grouping is removed from numbers (30.000, 30'000,
 * 30 000 -> 30000); "86 %" is one token; ordinals 28e/28ème/1er/1re.
 * A period glued between a word and a capitalised word ("en 2019.Alors",
 * paragraphs glued by a careless export) is marked as a sentence break.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "text/analysis.h"
#include "text/chars.h"
#include "text/utf8.h"
#include "util/alloc.h"

typedef struct cursor {
	const unsigned char *s;
	size_t len;
} cursor;

typedef struct ch {
	uint32_t cp;
	int cls;
	size_t adv;
	const vl_charinfo *ci;
	vl_charinfo tmp;
} ch;

/* Look at the code point at i (i < len). */
static inline void peek(const cursor *c, size_t i, ch *out)
{
	if (c->s[i] < 0x80) {
		out->cp = c->s[i];
		out->adv = 1;
		out->ci = &vl__chars_bmp[c->s[i]];
	} else {
		out->cp = vl__utf8_decode(c->s + i, &out->adv);
		out->ci = vl__char_info(out->cp, &out->tmp);
	}
	out->cls = out->ci->cls;
}

static int cls_at(const cursor *c, size_t i)
{
	ch h;
	if (i >= c->len)
		return -1;
	peek(c, i, &h);
	return h.cls;
}

/* ASCII bytes that continue a word: 1 lower, 3 upper, 4 digit. */
static const unsigned char word_ascii[256] = {
	['0'] = 4, ['1'] = 4, ['2'] = 4, ['3'] = 4, ['4'] = 4, ['5'] = 4,
	['6'] = 4, ['7'] = 4, ['8'] = 4, ['9'] = 4, ['a'] = 1, ['b'] = 1,
	['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 3, ['B'] = 3, ['C'] = 3, ['D'] = 3, ['E'] = 3, ['F'] = 3,
	['G'] = 3, ['H'] = 3, ['I'] = 3, ['J'] = 3, ['K'] = 3, ['L'] = 3,
	['M'] = 3, ['N'] = 3, ['O'] = 3, ['P'] = 3, ['Q'] = 3, ['R'] = 3,
	['S'] = 3, ['T'] = 3, ['U'] = 3, ['V'] = 3, ['W'] = 3, ['X'] = 3,
	['Y'] = 3, ['Z'] = 3,
};

static int put_fold(vl_buf *b, const cursor *c, size_t from, size_t to)
{
	/* Most tokens are short ASCII words: lowercase them in place. */
	if (to - from <= 32 && b->cap - b->len > 34) {
		char *d = b->ptr + b->len;
		size_t k;
		for (k = from; k < to; k++) {
			unsigned char u = c->s[k];
			if (u >= 0x80 || !word_ascii[u])
				break;
			*d++ = (char)(u | (word_ascii[u] & 2u ? 0x20u : 0u));
		}
		if (k == to) {
			b->len += to - from;
			b->ptr[b->len] = '\0';
			return 0;
		}
	}
	return vl__fold_append(b, c->s, from, to);
}

static inline int push(vl_tokens *t, size_t start, size_t end, size_t norm_at,
		       int kind, unsigned flags)
{
	vl_token *tk;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256, bytes;
		vl_token *v;
		if (vl__mul_size(&bytes, cap, sizeof *v))
			return VL_ENOMEM;
		v = vl__realloc(t->v, bytes);
		if (!v)
			return VL_ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	if (t->norms.cap - t->norms.len >= 2) {
		t->norms.ptr[++t->norms.len] =
			'\0'; /* the NUL is already there */
	} else if (vl_buf_putc(&t->norms, '\0')) {
		return VL_ENOMEM;
	}
	tk = &t->v[t->n++];
	tk->start = start;
	tk->end = end;
	/* The buffer may move: pointers are set at the end, from the
	 * lengths (each norm is followed by its NUL). */
	tk->norm = NULL;
	tk->norm_len = (uint32_t)(t->norms.len - 1 - norm_at);
	tk->kind = (uint16_t)kind;
	tk->flags = (uint16_t)flags;
	return 0;
}

/* Is s[from, to) an elided article or conjunction (l d j m n s t c qu
 * jusqu lorsqu puisqu quoiqu), in any case? */
static int is_elision(const cursor *c, size_t from, size_t to)
{
	char w[8];
	size_t n = to - from;

	if (n > 6)
		return 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char u = c->s[from + k];
		if (u >= 0x80)
			return 0;
		w[k] = (char)(u | 0x20);
	}
	w[n] = '\0';
	switch (n) {
	case 1: return strchr("ldjmnstc", w[0]) != NULL;
	case 2: return !strcmp(w, "qu");
	case 5: return !strcmp(w, "jusqu");
	case 6:
		return !strcmp(w, "lorsqu") || !strcmp(w, "puisqu") ||
		       !strcmp(w, "quoiqu");
	default: return 0;
	}
}

static const char *const clitics[] = {
	"t-il", "t-elle", "t-on",  "t-ils", "t-elles", "il",   "elle",
	"on",	"ils",	  "elles", "je",    "tu",      "nous", "vous",
	"ce",	"moi",	  "toi",   "lui",   "leur",    "y",    "en",
	"le",	"la",	  "les",   NULL
};

/* Abbreviations that keep their period and never end a sentence; the
 * comparison is on the original spelling (case matters: "M." vs "m."). */
static const char *const abbrevs[] = {
	"M",   "MM",  "Mme", "Mmes", "Mlle", "Mlles", "Dr",   "Drs", "Me",
	"Mgr", "Pr",  "St",  "Ste",  "Cie",  "etc",   "cf",   "av",  "apr",
	"env", "p",   "pp",  "vol",  "éd",   "ex",    "Gén",  "Gal", "Col",
	"Lt",  "Cdt", "Sgt", "Jr",   "Sr",   "Mr",    "Mrs",  "Ms",  "Prof",
	"Inc", "Ltd", "Co",  "vs",   "No",   "n°",    "art",  "al",  "fig",
	"min", "max", "hab", "tél",  "Bd",   "bd",    "J.-C", NULL
};

static int is_abbrev(const cursor *c, size_t from, size_t to)
{
	size_t n = to - from;
	if (n > 5)
		return 0; /* longer than any entry */
	for (int k = 0; abbrevs[k]; k++)
		if (abbrevs[k][0] == (char)c->s[from] &&
		    strlen(abbrevs[k]) == n &&
		    !memcmp(c->s + from, abbrevs[k], n))
			return 1;
	return 0;
}

/* Is the text at i an inverted clitic "-il", "-t-elle"... ending a word? */
static size_t clitic_at(const cursor *c, size_t i)
{
	if (i + 1 >= c->len || !strchr("teoiynmlv", (char)c->s[i + 1]) ||
	    !c->s[i + 1])
		return 0; /* no clitic starts with this letter */
	for (int k = 0; clitics[k]; k++) {
		size_t n = strlen(clitics[k]);
		if (i + 1 + n <= c->len &&
		    !memcmp(c->s + i + 1, clitics[k], n)) {
			int nc = cls_at(c, i + 1 + n);
			if (nc < 0 || (!vl__cc_is_alpha(nc) &&
				       nc != VL_C_DIGIT && nc != VL_C_HYPHEN))
				return n + 1;
		}
	}
	return 0;
}

static size_t count_digits(const cursor *c, size_t i)
{
	size_t n = 0;
	while (i + n < c->len && c->s[i + n] >= '0' && c->s[i + n] <= '9')
		n++;
	return n;
}

/* A grouping separator at i (., ', ’, space, NBSP, narrow NBSP, thin
 * space)? Returns its byte length or 0. */
static size_t group_sep(const cursor *c, size_t i, int *is_space)
{
	ch h;
	if (i >= c->len)
		return 0;
	peek(c, i, &h);
	*is_space = 0;
	if (h.cp == '.' || h.cp == '\'' || h.cp == 0x2019)
		return h.adv;
	if (h.cp == ' ' || h.cp == 0xA0 || h.cp == 0x202F || h.cp == 0x2009) {
		*is_space = 1;
		return h.adv;
	}
	return 0;
}

/* Scan a number at i; returns its end and writes its norm. */
static size_t scan_number(const cursor *c, size_t i, vl_buf *b, int *kind)
{
	size_t n = count_digits(c, i), end, sep, g;
	int sp;

	vl_buf_put(b, c->s + i, n);
	end = i + n;
	*kind = VL_TOK_NUMBER;
	/* Digit grouping: a first group of 1-3 digits, then groups of 3. */
	if (n <= 3) {
		for (;;) {
			sep = group_sep(c, end, &sp);
			if (!sep)
				break;
			g = count_digits(c, end + sep);
			if (g != 3)
				break;
			/* "le 3 000" but not "en 2019 300": first group <= 3
			 * digits, guaranteed above; after the group, no digit
			 * or letter may follow directly. */
			{
				int nc = cls_at(c, end + sep + 3);
				if (nc == VL_C_DIGIT || vl__cc_is_alpha(nc))
					break;
				(void)sp;
			}
			vl_buf_put(b, c->s + end + sep, 3);
			end += sep + 3;
		}
	}
	/* Decimal part: 3,5 / 3.5 -> 3.5 */
	if (end + 1 < c->len && (c->s[end] == ',' || c->s[end] == '.') &&
	    c->s[end + 1] >= '0' && c->s[end + 1] <= '9') {
		g = count_digits(c, end + 1);
		vl_buf_putc(b, '.');
		vl_buf_put(b, c->s + end + 1, g);
		end += 1 + g;
	}
	return end;
}

/* Ordinal suffix directly after digits: returns its length, or 0. */
static size_t ordinal_suffix(const cursor *c, size_t i, const char **norm)
{
	static const struct {
		const char *s, *norm;
	} suf[] = { { "èmes", "e" }, { "ièmes", "e" }, { "ième", "e" },
		    { "ème", "e" },  { "eme", "e" },   { "ères", "re" },
		    { "ère", "re" }, { "ers", "er" },  { "er", "er" },
		    { "res", "re" }, { "re", "re" },   { "nde", "e" },
		    { "nd", "e" },   { "st", "e" },    { "rd", "e" },
		    { "th", "e" },   { "es", "e" },    { "e", "e" },
		    { "è", "e" },    { NULL, NULL } };
	if (i >= c->len || !strchr("eèirnst", (char)c->s[i]) || !c->s[i])
		return 0; /* no suffix starts here: the common case */
	for (int k = 0; suf[k].s; k++) {
		size_t n = strlen(suf[k].s);
		if (i + n <= c->len && !memcmp(c->s + i, suf[k].s, n)) {
			int nc = cls_at(c, i + n);
			if (nc < 0 ||
			    (!vl__cc_is_alpha(nc) && nc != VL_C_DIGIT)) {
				*norm = suf[k].norm;
				return n;
			}
		}
	}
	return 0;
}

/*
 * Skip ASCII letters and digits from j (up to lim), 16 bytes at a time
 * with SSE2, writing them lowercased to out[j..]. The scalar loop after
 * the call finishes the tail. Most words end inside the first block, so
 * this replaces a mispredicted branch per byte by one per word.
 */
/* Bits set in a 16-bit mask (no POPCNT instruction on baseline x86-64). */
static inline unsigned popcount16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555u);
	x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
	x = (x + (x >> 4)) & 0x0F0Fu;
	return (x + (x >> 8)) & 0x1Fu;
}

static size_t scan_ascii_word(const unsigned char *s, size_t j, size_t lim,
			      char *out, size_t *letters, size_t *upper)
{
#ifdef __SSE2__
	const __m128i x20 = _mm_set1_epi8(0x20),
		      x80 = _mm_set1_epi8((char)0x80);
	const __m128i a = _mm_set1_epi8('a'), zero = _mm_set1_epi8('0');
	const __m128i lim26 = _mm_set1_epi8((char)(26 ^ 0x80));
	const __m128i lim10 = _mm_set1_epi8((char)(10 ^ 0x80));

	while (j + 16 <= lim) {
		__m128i v =
			_mm_loadu_si128((const __m128i *)(const void *)(s + j));
		__m128i lo = _mm_or_si128(v, x20);
		/* unsigned x < n as signed (x ^ 0x80) < (n ^ 0x80) */
		__m128i let = _mm_cmplt_epi8(
			_mm_xor_si128(_mm_sub_epi8(lo, a), x80), lim26);
		__m128i dig = _mm_cmplt_epi8(
			_mm_xor_si128(_mm_sub_epi8(v, zero), x80), lim10);
		__m128i up = _mm_andnot_si128(
			_mm_cmpeq_epi8(_mm_and_si128(v, x20), x20), let);
		unsigned word =
			(unsigned)_mm_movemask_epi8(_mm_or_si128(let, dig));
		unsigned keep = word == 0xFFFFu
					? 0xFFFFu
					: ((1u << __builtin_ctz(~word)) - 1u);
		_mm_storeu_si128((__m128i *)(void *)(out + j),
				 _mm_or_si128(v, _mm_and_si128(up, x20)));
		*letters += popcount16((unsigned)_mm_movemask_epi8(let) & keep);
		*upper += popcount16((unsigned)_mm_movemask_epi8(up) & keep);
		j += popcount16(keep);
		if (keep != 0xFFFFu)
			break;
	}
#else
	(void)s, (void)lim, (void)out, (void)letters, (void)upper;
#endif
	return j;
}

/* Does the period at i sit inside an e-mail address (letters, digits
 * and ._%+- up to an @ followed by a letter or digit)? Only asked when
 * a word is glued to a period, so sentence ends cost nothing. */
static int is_email(const cursor *c, size_t i)
{
	size_t k;

	if (i + 1 >= c->len || !word_ascii[c->s[i + 1]])
		return 0;
	for (k = i; k < c->len && k - i < 64; k++) {
		unsigned char u = c->s[k];
		if (u == '@')
			return k + 1 < c->len && word_ascii[c->s[k + 1]];
		if (!word_ascii[u] && !strchr("._%+-", u))
			return 0;
	}
	return 0;
}

/* ASCII case-insensitive prefix test (p in lower case). */
static int starts_with_ci(const cursor *c, size_t i, const char *p)
{
	size_t n = strlen(p);
	if (i + n > c->len)
		return 0;
	for (size_t k = 0; k < n; k++)
		if ((c->s[i + k] | 0x20) != (unsigned char)p[k])
			return 0;
	return 1;
}

static int starts_with(const cursor *c, size_t i, const char *p)
{
	size_t n = strlen(p);
	return i + n <= c->len && !memcmp(c->s + i, p, n);
}

/* URL, e-mail, @handle or #tag: scan to white space, then drop trailing
 * punctuation. */
static size_t scan_url(const cursor *c, size_t i)
{
	size_t j = i;
	ch h;
	while (j < c->len) {
		peek(c, j, &h);
		if (h.cls == VL_C_SPACE || h.cls == VL_C_NEWLINE ||
		    h.cls == VL_C_QUOTE || h.cp == '<' || h.cp == '>' ||
		    j - i >= VL_MAX_TOKEN_BYTES)
			break;
		j += h.adv;
	}
	while (j > i + 1 && strchr(".,;:!?)]'", c->s[j - 1]))
		j--;
	return j;
}

int vl__tokenize(vl_tokens *t, const char *text, size_t len)
{
	cursor c = { (const unsigned char *)text, len };
	size_t i = 0, at, end;
	unsigned pending = 0; /* BREAK/SPACE flags for the next token */
	int rc = VL_ENOMEM;
	ch h, h2;

	if (vl__chars_init())
		return VL_ENOMEM;
	t->n = 0;
	vl_buf_clear(&t->norms);
	/* Norms take about as many bytes as the text, plus a NUL a token. */
	if (vl_buf_grow(&t->norms, len + len / 4 + 64))
		return VL_ENOMEM;
	if (t->cap < len / 6 + 16) { /* about one token per 6 bytes */
		vl_token *v = vl__realloc(t->v, (len / 6 + 16) * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		t->v = v;
		t->cap = len / 6 + 16;
	}
	while (i < len) {
		if (c.s[i] == ' ') {
			pending |= VL_TOKF__SPACE;
			i++;
			continue;
		}
		peek(&c, i, &h);
		at = t->norms.len;
		switch (h.cls) {
		case VL_C_CONTROL: i += h.adv; continue;
		case VL_C_SPACE:
			pending |= VL_TOKF__SPACE;
			i += h.adv;
			continue;
		case VL_C_NEWLINE:
			pending |= VL_TOKF__BREAK | VL_TOKF__SPACE;
			i += h.adv;
			continue;
		default: break;
		}
		if ((h.cp == 'h' && (starts_with(&c, i, "http://") ||
				     starts_with(&c, i, "https://"))) ||
		    (h.cp == 'w' && starts_with(&c, i, "www.")) ||
		    ((h.cp == '@' || h.cp == '#') && i + 1 < len &&
		     vl__cc_is_alpha(cls_at(&c, i + 1)))) {
			end = scan_url(&c, i);
			if (put_fold(&t->norms, &c, i, end) ||
			    push(t, i, end, at, VL_TOK_URL, pending))
				goto done;
			pending = 0;
			i = end;
			continue;
		}
		if (h.cls == VL_C_DIGIT && h.cp < 0x80) {
			int kind;
			const char *onorm;
			size_t n;
			end = scan_number(&c, i, &t->norms, &kind);
			if ((n = ordinal_suffix(&c, end, &onorm))) {
				vl_buf_puts(&t->norms, onorm);
				end += n;
				kind = VL_TOK_ORDINAL;
			} else if (end < len) {
				/* "86 %" or "86%" */
				size_t j = end;
				int sp = 0;
				size_t s = group_sep(&c, j, &sp);
				if (sp)
					j += s;
				if (j < len && c.s[j] == '%') {
					vl_buf_putc(&t->norms, '%');
					end = j + 1;
					kind = VL_TOK_PERCENT;
				} else if (vl__cc_is_alpha(cls_at(&c, end))) {
					/* 10h30, 5G, 4x4: one alphanumeric word
					 */
					size_t j2 = end;
					while (j2 < len &&
					       j2 - i < VL_MAX_TOKEN_BYTES) {
						int k2 = cls_at(&c, j2);
						if (!vl__cc_is_alpha(k2) &&
						    k2 != VL_C_DIGIT)
							break;
						peek(&c, j2, &h2);
						j2 += h2.adv;
					}
					t->norms.len = at;
					put_fold(&t->norms, &c, i, j2);
					end = j2;
					kind = VL_TOK_WORD;
				}
			}
			if (push(t, i, end, at, kind, pending))
				goto done;
			pending = 0;
			i = end;
			continue;
		}
		if (vl__cc_is_alpha(h.cls) || h.cls == VL_C_DIGIT) {
			/* A word: letters and digits, with inner hyphens and
			 * apostrophes when a letter or digit follows. */
			size_t j = i, letters = 0, upper = 0;
			unsigned flags = pending;
			int ascii_only = 1;
			char *dst;
			if (t->norms.cap - t->norms.len <
				    VL_MAX_TOKEN_BYTES + 2 &&
			    vl_buf_grow(&t->norms, VL_MAX_TOKEN_BYTES + 2))
				goto done;
			dst = t->norms.ptr + t->norms.len;
			int kind = VL_TOK_WORD,
			    first_upper = h.cls == VL_C_UPPER;
			while (j < len && j - i < VL_MAX_TOKEN_BYTES) {
				/* ASCII letters and digits: no decoding, no
				 * branches but the loop's. */
				/* The lowercase bytes go straight to the norm
				 * buffer (room reserved below); put_fold is
				 * skipped when the whole word took this path.
				 */
				size_t lim = i + VL_MAX_TOKEN_BYTES < len
						     ? i + VL_MAX_TOKEN_BYTES
						     : len;
				unsigned k;
				j = scan_ascii_word(c.s, j, lim, dst - i,
						    &letters, &upper);
				while (j < lim && (k = word_ascii[c.s[j]])) {
					dst[j - i] = (char)(c.s[j] |
							    ((k & 2u) << 4));
					letters += k & 1u;
					upper += (k >> 1) & 1u;
					j++;
				}
				if (j >= lim)
					break;
				if (c.s[j] == ' ' || c.s[j] == ',' ||
				    c.s[j] == '\n')
					break; /* the common word ends */
				peek(&c, j, &h2);
				if (h2.cls == VL_C_SPACE ||
				    h2.cls == VL_C_NEWLINE)
					break;
				ascii_only = 0; /* the slow path decides */
				if (vl__cc_is_alpha(h2.cls) ||
				    h2.cls == VL_C_DIGIT) {
					if (h2.cls != VL_C_MARK &&
					    h2.cls != VL_C_DIGIT)
						letters++;
					if (h2.cls == VL_C_UPPER)
						upper++;
					j += h2.adv;
					continue;
				}
				if (h2.cls == VL_C_CONTROL && h2.cp == 0xAD) {
					j += h2.adv; /* soft hyphen */
					continue;
				}
				if (h2.cls == VL_C_APOS && j + h2.adv < len &&
				    vl__cc_is_alpha(cls_at(&c, j + h2.adv))) {
					if (is_elision(&c, i, j)) {
						j += h2.adv;
						kind = VL_TOK_ELISION;
						break;
					}
					/* English possessive: Trump's -> Trump
					 * 's */
					if ((c.s[j + h2.adv] == 's') &&
					    !vl__cc_is_alpha(
						    cls_at(&c, j + h2.adv + 1)))
						break;
					j += h2.adv;
					continue;
				}
				if (h2.cls == VL_C_HYPHEN && h2.cp != 0x2013 &&
				    h2.cp != 0x2014 && j + h2.adv < len) {
					int nc = cls_at(&c, j + h2.adv);
					if (!vl__cc_is_alpha(nc) &&
					    nc != VL_C_DIGIT)
						break;
					if (h2.cp == '-' && clitic_at(&c, j) &&
					    !(j - i == 6 &&
					      starts_with_ci(&c, i, "rendez")))
						break;
					flags |= VL_TOKF_HYPHEN;
					j += h2.adv;
					continue;
				}
				if (h2.cp == '@' && j + 1 < len &&
				    vl__cc_is_alpha(cls_at(&c, j + 1))) {
					j = scan_url(&c, i);
					kind = VL_TOK_URL;
					break;
				}
				break;
			}
			if (kind == VL_TOK_WORD && j < len && c.s[j] == '.' &&
			    is_email(&c, j)) {
				/* jean.dupont@exemple.fr: one address */
				j = scan_url(&c, i);
				kind = VL_TOK_URL;
			} else if (kind == VL_TOK_WORD && j < len &&
				   c.s[j] == '.') {
				int nc = cls_at(&c, j + 1);
				if (is_abbrev(&c, i, j) ||
				    (letters == 1 && upper == 1 && j - i <= 2 &&
				     nc == VL_C_SPACE)) {
					/* M. / Mme. / initials "J. D. Vance" */
					j += 1;
					kind = VL_TOK_ABBREV;
					/* "etc." may end a sentence; titles and
					 * initials never do. */
					if (j - i == 4 &&
					    starts_with(&c, i, "etc"))
						flags |= VL_TOKF__MAYEND;
				} else if (nc == VL_C_LOWER && !first_upper) {
					/* lemonde.fr: a domain name */
					size_t k = j;
					while (k < len &&
					       (c.s[k] == '.' ||
						(c.s[k] < 0x80 &&
						 vl__cc_is_alpha(
							 cls_at(&c, k)))))
						k++;
					while (k > j && c.s[k - 1] == '.')
						k--;
					if (k - j <= 8 && k - j >= 3 &&
					    !vl__cc_is_alpha(cls_at(&c, k))) {
						j = k;
						kind = VL_TOK_URL;
					}
				} else if (nc == VL_C_UPPER && letters == 1 &&
					   j + 2 < len && c.s[j + 2] == '.') {
					/* U.S. / O.N.U. acronyms with periods
					 */
					size_t k = j;
					while (k + 2 <= len && c.s[k] == '.' &&
					       cls_at(&c, k + 1) ==
						       VL_C_UPPER &&
					       k + 2 < len && c.s[k + 2] == '.')
						k += 2;
					j = k + 1;
					kind = VL_TOK_ABBREV;
					flags |= VL_TOKF__MAYEND;
				}
			}
			if (ascii_only && kind == VL_TOK_WORD) {
				t->norms.len += j - i;
				t->norms.ptr[t->norms.len] = '\0';
			} else {
				/* The fast scan wrote past the norm's end:
				 * restore the terminator before folding. */
				t->norms.ptr[t->norms.len] = '\0';
				if (put_fold(&t->norms, &c, i, j))
					goto done;
			}
			if (first_upper)
				flags |= VL_TOKF_CAPITALIZED;
			if (letters >= 2 && upper == letters)
				flags |= VL_TOKF_ALLCAPS;
			if (push(t, i, j, at, kind, flags))
				goto done;
			pending = 0;
			i = j;
			continue;
		}
		if (h.cls == VL_C_TERM) {
			/* ".", "...", "?!", "…" */
			size_t j = i;
			unsigned flags = pending | VL_TOKF__TERM;
			while (j < len) {
				peek(&c, j, &h2);
				if (h2.cls != VL_C_TERM || j - i >= 16)
					break;
				j += h2.adv;
			}
			if (j - i >= 2 && c.s[i] == '.' && c.s[i + 1] == '.')
				flags |= VL_TOKF__ELLIPSIS;
			if (h.cp == 0x2026)
				flags |= VL_TOKF__ELLIPSIS;
			/* Glued paragraphs: "en 2019.Alors" */
			if (j - i == 1 && h.cp == '.' && i > 0 && j + 1 < len &&
			    !(pending & VL_TOKF__SPACE) &&
			    cls_at(&c, j) == VL_C_UPPER) {
				ch nx;
				peek(&c, j, &nx);
				if (cls_at(&c, j + nx.adv) == VL_C_LOWER)
					flags |= VL_TOKF__GLUED;
			}
			if (put_fold(&t->norms, &c, i, j) ||
			    push(t, i, j, at, VL_TOK_PUNCT, flags))
				goto done;
			pending = 0;
			i = j;
			continue;
		}
		if (h.cp == '-' && t->n && t->v[t->n - 1].end == i &&
		    t->v[t->n - 1].kind == VL_TOK_WORD) {
			/* Inverted clitic after a verb: "a-t-il", "dit-elle" */
			size_t n = clitic_at(&c, i);
			if (n) {
				if (put_fold(&t->norms, &c, i, i + n) ||
				    push(t, i, i + n, at, VL_TOK_WORD, pending))
					goto done;
				pending = 0;
				i += n;
				continue;
			}
		}
		{
			/* A single punctuation mark, quote or symbol. */
			unsigned flags = pending;
			int kind = h.cls == VL_C_QUOTE	  ? VL_TOK_QUOTE
				   : h.cls == VL_C_SYMBOL ? VL_TOK_SYMBOL
							  : VL_TOK_PUNCT;
			size_t j = i + h.adv;
			if (h.cls == VL_C_HYPHEN) {
				while (j < len &&
				       cls_at(&c, j) == VL_C_HYPHEN &&
				       j - i < 16) {
					peek(&c, j, &h2);
					j += h2.adv;
				}
			}
			if (h.cp == 0xAB || h.cp == 0x201C || h.cp == 0x201E ||
			    h.cp == 0x2039 || h.cp == '(' || h.cp == '[')
				flags |= VL_TOKF__OPEN;
			else if (h.cp == 0xBB || h.cp == 0x201D ||
				 h.cp == 0x203A || h.cp == ')' || h.cp == ']')
				flags |= VL_TOKF__CLOSE;
			else if (h.cp == '"' || h.cls == VL_C_APOS) {
				/* Straight quotes: opening after space or at a
				 * line start, closing otherwise. */
				if (i == 0 || (pending & VL_TOKF__SPACE) ||
				    (t->n &&
				     (t->v[t->n - 1].flags & VL_TOKF__OPEN)))
					flags |= VL_TOKF__OPEN;
				else
					flags |= VL_TOKF__CLOSE;
			}
			if (put_fold(&t->norms, &c, i, j) ||
			    push(t, i, j, at, kind, flags))
				goto done;
			pending = 0;
			i = j;
		}
	}
	rc = t->norms.oom ? VL_ENOMEM : 0;
done:
	if (rc == 0) {
		const char *p = t->norms.ptr;
		for (size_t k = 0; k < t->n; k++) {
			t->v[k].norm = p;
			p += t->v[k].norm_len + 1;
		}
	}
	return rc;
}

void vl__tokens_free(vl_tokens *t)
{
	vl__freep(t->v);
	vl_buf_free(&t->norms);
	memset(t, 0, sizeof *t);
}
