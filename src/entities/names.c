/*
 * names.c — the comparison key of a name (names.h). The entity stage
 * compares names by this key: the gazetteer (gazetteer.c) and the alias
 * table (alias.c) are indexed by it, and an entity without a known
 * identity is named by it across articles.
 *
 * The key is built in two steps. First the text is cut into words and
 * each character folded: compatibility decomposition, case folding and
 * accents stripped (utf8proc), with a few letters that have no
 * decomposition spelled out (œ -> oe, ł -> l, ß -> ss...) and the Czech
 * and Polish háček letters written as the digraphs they stand for
 * (ž, ż -> zh, š -> sh, č -> ch). Hyphens, dots, spaces and other
 * punctuation end a word; an apostrophe ends one only after a French
 * elided word (l', d', qu'...) and is dropped elsewhere, where it spells
 * a soft or hard sign (Khar'kov, Ob'yednane); the dots of an acronym
 * (O.N.U.) are dropped. Ordinals are written "<number>e" whatever their
 * language: 28e, 28ème, 28eme, 28è, 28th, 28-я -> "28e"; 1er, 1re, 1st
 * -> "1e".
 *
 * Then each word is folded across the transliteration conventions that
 * French, English and German use for Ukrainian and Russian names:
 *   - ж ш ч щ х in all their renderings (j, zh, sch, ch, tch, tsch, sh,
 *     kh, cz, sz, shch, chtch...) become one letter "c" (the three
 *     languages disagree on what "ch" and "sch" mean, so these sounds
 *     cannot be told apart from the spelling; plain "c" becomes k, or s
 *     before e, i, y);
 *   - y, and j where it spells й (German and Czech: after y, in a word
 *     with w or sch, before a vowel after a consonant, at the end of a
 *     word or before a consonant) become i; j elsewhere is French for ж;
 *   - ou -> u, w -> v, ph -> f, x -> ks, q -> k, ts/tz -> s, z -> s;
 *   - h -> g (Ukrainian h for Russian g: Horlivka/Gorlovka), except a
 *     final h after a vowel, which is dropped (Djeddah/Djedda);
 *   - then a run of one letter is written once (ii, ss, zhzh), and ie
 *     becomes e (е is written e, ye, ie or je: Yershov/Ershov/Jerschow).
 * So Zelensky, Zelenskyy, Zelenskiy and Selenskyj meet (selenski), and
 * Soudja/Sudzha, Avdiïvka/Avdiivka/Awdijiwka, Kourakhové/Kurakhove,
 * Tchernihiv/Chernihiv/Tschernihiw. Names spelt differently in Russian
 * and Ukrainian (Kiev/Kyiv, Kharkov/Kharkiv) or renamed (Dzerjinsk/
 * Toretsk) are left to the gazetteer and the alias table. The rules
 * were chosen on `veille eval variants` (docs/entities-names.md), which
 * also counts the cities they wrongly merge.
 */
#include <string.h>
#include <utf8proc.h>

#include "entities/names.h"

#define WORD_MAX 256

/* A word being collected (base fold: lower case, no accents). */
typedef struct word {
	char b[WORD_MAX];
	size_t n;
	size_t seg;  /* characters since the word start or a dropped dot */
	int letters; /* holds a letter (not only digits) */
} word;

/* The key being written. */
typedef struct keyout {
	char *p;
	size_t cap, n;
	int prev_digits; /* the last word written was a bare number */
} keyout;

static int is_vowel(int c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

static int is_alpha(int c)
{
	return c >= 'a' && c <= 'z';
}

static void word_add(word *w, const char *s, size_t n)
{
	if (w->n + n < WORD_MAX) {
		memcpy(w->b + w->n, s, n);
		w->n += n;
	}
	w->seg++;
}

static void word_addc(word *w, char c)
{
	word_add(w, &c, 1);
	if (!(c >= '0' && c <= '9'))
		w->letters = 1;
}

static void out_put(keyout *o, const char *s, size_t n)
{
	if (o->n + n < o->cap) {
		memcpy(o->p + o->n, s, n);
		o->n += n;
	}
}

/* Ordinal suffixes after a number (folded, ASCII). */
static const char *const ord_latin[] = { "e",	"eme",	"er",	"re",
					 "ere", "ieme", "iere", "th",
					 "st",	"nd",	"rd",	NULL };
/* Russian and Ukrainian ordinal endings written after a hyphen (28-я). */
static const char *const ord_cyr[] = { "я",  "й",  "го", "ї",  "ая", "ый",
				       "ий", "ой", "ое", "ая", "і",  NULL };

static int in_list(const char *const *l, const char *s, size_t n)
{
	for (; *l; l++)
		if (strlen(*l) == n && !memcmp(*l, s, n))
			return 1;
	return 0;
}

/*
 * The transliteration fold of one base-folded word (see the file
 * comment), appended to o. Bytes outside ASCII letters pass through.
 */
static void fold_word(keyout *o, const char *s, size_t n)
{
	char t[WORD_MAX * 2];
	size_t k = 0, i = 0;
	int german = 0;

	for (i = 0; i < n; i++)
		if (s[i] == 'w' || (i + 2 < n && !memcmp(s + i, "sch", 3)))
			german = 1;
	i = 0;
	while (i < n && k + 2 < sizeof t) {
		char c = s[i], d = i + 1 < n ? s[i + 1] : 0,
		     e = i + 2 < n ? s[i + 2] : 0, f = i + 3 < n ? s[i + 3] : 0;
		size_t adv = 1;
		char r = c;

		switch (c) {
		case 't':
			if (d == 's' && e == 'c' && f == 'h')
				r = 'c', adv = 4;
			else if (d == 'c' && e == 'h')
				r = 'c', adv = 3;
			else if (d == 's' || d == 'z')
				r = 's', adv = 2;
			break;
		case 's':
			if (d == 'c' && e == 'h')
				r = 'c', adv = 3;
			else if (d == 'h' || d == 'z')
				r = 'c', adv = 2;
			break;
		case 'c':
			if (d == 'h' || d == 'z')
				r = 'c', adv = 2;
			else if (d == 'k')
				r = 'k', adv = 2;
			else
				r = (d == 'e' || d == 'i' || d == 'y') ? 's'
								       : 'k';
			break;
		case 'z':
			if (d == 'h')
				r = 'c', adv = 2;
			else
				r = 's';
			break;
		case 'k':
			if (d == 'h')
				r = 'c', adv = 2;
			break;
		case 'j': {
			char p = i ? s[i - 1] : 0;
			if (german || p == 'y' || !is_alpha(d) ||
			    !is_vowel(d) ||
			    (p && p != 'd' && is_alpha(p) && !is_vowel(p) &&
			     d != 'i' && d != 'y'))
				r = 'i';
			else
				r = 'c';
			break;
		}
		case 'y': r = 'i'; break;
		case 'h':
			/* Ukrainian h is Russian g (Horlivka, Gorlovka); a
			 * final h after a vowel is silent (Djeddah). */
			if (!d && k && is_vowel(t[k - 1]))
				adv = 1, r = 0;
			else
				r = 'g';
			break;
		case 'w': r = 'v'; break;
		case 'o':
			if (d == 'u')
				r = 'u', adv = 2;
			break;
		case 'p':
			if (d == 'h')
				r = 'f', adv = 2;
			break;
		case 'q': r = 'k'; break;
		case 'x':
			t[k++] = 'k';
			r = 's';
			break;
		default: break;
		}
		/* A run of one letter is written once; ie is e (е written
		 * ie, ye, je after the rules above). */
		if (r == 'e' && k && t[k - 1] == 'i')
			t[k - 1] = 'e';
		else if (r && !(is_alpha(r) && k && t[k - 1] == r))
			t[k++] = r;
		i += adv;
	}
	out_put(o, t, k);
}

/* Write a finished word into the key. */
static void word_flush(keyout *o, word *w)
{
	size_t d = 0;

	if (!w->n)
		goto done;
	while (d < w->n && w->b[d] >= '0' && w->b[d] <= '9')
		d++;
	/* 28-я: an ordinal ending after a bare number. */
	if (o->prev_digits && in_list(ord_cyr, w->b, w->n)) {
		out_put(o, "e", 1);
		o->prev_digits = 0;
		goto done;
	}
	if (o->n)
		out_put(o, " ", 1);
	if (d && d < w->n && in_list(ord_latin, w->b + d, w->n - d)) {
		out_put(o, w->b, d);
		out_put(o, "e", 1);
		o->prev_digits = 0;
	} else if (d == w->n) {
		out_put(o, w->b, w->n);
		o->prev_digits = 1;
	} else {
		fold_word(o, w->b, w->n);
		o->prev_digits = 0;
	}
done:
	w->n = 0;
	w->seg = 0;
	w->letters = 0;
}

/* French elided words (d'Ivoire, L'Haÿ, qu'il): their apostrophe ends
 * the word; elision only comes before a vowel or h, so that L'viv, a
 * soft sign, stays one word. nx: the byte after the apostrophe. */
static int elided(const word *w, int nx)
{
	static const char *const el[] = { "qu",	    "jusqu",  "lorsqu",
					  "puisqu", "presqu", "quoiqu",
					  NULL };
	nx |= 0x20;
	if (!(nx >= 0x80 || nx == 'a' || nx == 'e' || nx == 'i' || nx == 'o' ||
	      nx == 'u' || nx == 'y' || nx == 'h'))
		return 0;
	return w->seg == 1 || in_list(el, w->b, w->n);
}

/* Letters without a decomposition, and the háček letters. */
static const char *special(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0xDF: /* ß */
	case 0x1E9E: return "ss";
	case 0xC6: /* Æ æ */
	case 0xE6: return "ae";
	case 0x152: /* Œ œ */
	case 0x153: return "oe";
	case 0xD8: /* Ø ø */
	case 0xF8: return "o";
	case 0x141: /* Ł ł */
	case 0x142:
	case 0x13F: /* Ŀ ŀ */
	case 0x140: return "l";
	case 0x110: /* Đ đ Ð ð */
	case 0x111:
	case 0xD0:
	case 0xF0: return "d";
	case 0xDE: /* Þ þ */
	case 0xFE: return "th";
	case 0x131: /* ı */ return "i";
	case 0x126: /* Ħ ħ */
	case 0x127: return "h";
	case 0x17D: /* Ž ž Ż ż */
	case 0x17E:
	case 0x17B:
	case 0x17C: return "zh";
	case 0x160: /* Š š */
	case 0x161: return "sh";
	case 0x10C: /* Č č */
	case 0x10D: return "ch";
	default: return NULL;
	}
}

static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 ||
	       cp == 0x02BC || cp == 0x02B9 || cp == 0x2032 || cp == 0xB4 ||
	       cp == 0x02BB || cp == 0x02BE || cp == 0x02BF;
}

static void put_cp(word *w, utf8proc_int32_t cp)
{
	utf8proc_uint8_t u[4];
	utf8proc_ssize_t m;

	if (cp < 0x80) {
		word_addc(w, (char)cp);
		return;
	}
	m = utf8proc_encode_char(cp, u);
	if (m > 0) {
		word_add(w, (const char *)u, (size_t)m);
		w->letters = 1;
	}
}

/* Fold one non-ASCII letter or digit into the word; 0 when cp is not
 * one (a separator). */
static int add_folded(word *w, utf8proc_int32_t cp)
{
	utf8proc_int32_t dst[18];
	utf8proc_ssize_t m, j;
	int last = 0, any = 0;
	const char *sp = special(cp);

	if (sp) {
		for (; *sp; sp++)
			word_addc(w, *sp);
		return 1;
	}
	m = utf8proc_decompose_char(
		cp, dst, 18,
		UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD |
			UTF8PROC_STRIPMARK | UTF8PROC_IGNORE,
		&last);
	if (m < 0 || m > 18)
		return 0;
	if (m == 0)
		return 1; /* a mark or an ignorable: nothing */
	for (j = 0; j < m; j++) {
		utf8proc_int32_t c = dst[j];
		utf8proc_category_t cat = utf8proc_category(c);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			word_addc(w, (char)c);
			any = 1;
		} else if ((sp = special(c)) != NULL) {
			for (; *sp; sp++)
				word_addc(w, *sp);
			any = 1;
		} else if (cat >= UTF8PROC_CATEGORY_LU &&
			   cat <= UTF8PROC_CATEGORY_LO) {
			put_cp(w, c);
			any = 1;
		} else if (cat == UTF8PROC_CATEGORY_ND) {
			put_cp(w, c);
			any = 1;
		}
	}
	return any;
}

size_t vl__name_key(const char *s, size_t len, char *out, size_t cap)
{
	keyout o = { out, cap, 0, 0 };
	word w;
	size_t i = 0;

	if (!cap)
		return 0;
	w.n = w.seg = 0;
	w.letters = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		utf8proc_int32_t cp;
		utf8proc_ssize_t m;

		if (c < 0x80) {
			i++;
			if (c >= 'A' && c <= 'Z')
				word_addc(&w, (char)(c + 'a' - 'A'));
			else if ((c >= 'a' && c <= 'z') ||
				 (c >= '0' && c <= '9'))
				word_addc(&w, (char)c);
			else if (c == '.' && w.seg == 1 && i < len &&
				 (((s[i] | 0x20) >= 'a' &&
				   (s[i] | 0x20) <= 'z') ||
				  (unsigned char)s[i] >= 0x80))
				w.seg = 0; /* O.N.U. */
			else if ((c == '\'' || c == '`') && w.n &&
				 !elided(&w, i < len ? (unsigned char)s[i] : 0))
				continue; /* a soft sign: dropped */
			else
				word_flush(&o, &w);
			continue;
		}
		m = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &cp);
		if (m <= 0) {
			word_flush(&o, &w);
			i++;
			continue;
		}
		i += (size_t)m;
		if (cp == 0xAD)
			continue; /* soft hyphen */
		if (is_apostrophe(cp)) {
			if (!w.n ||
			    elided(&w, i < len ? (unsigned char)s[i] : 0))
				word_flush(&o, &w);
			continue;
		}
		if (!add_folded(&w, cp))
			word_flush(&o, &w);
	}
	word_flush(&o, &w);
	out[o.n] = '\0';
	return o.n;
}

static int latin(utf8proc_int32_t c)
{
	return c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF) ||
	       (c >= 0x2C60 && c <= 0x2C7F) || (c >= 0xA720 && c <= 0xA7FF) ||
	       (c >= 0x300 && c <= 0x36F) || c == 0x2019 || c == 0x2BC ||
	       c == 0x2B9 || c == 0x2BB;
}

int vl__name_written(const char *s, size_t len)
{
	size_t i = 0, letters = 0, upper = 0;
	int first = 1;

	if (!s || !len)
		return 0;
	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t m;
		utf8proc_category_t cat;

		m = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
				     (utf8proc_ssize_t)(len - i), &c);
		if (m <= 0 || c < 0x20 || c == 0x7F || !latin(c))
			return 0;
		i += (size_t)m;
		cat = utf8proc_category(c);
		if (cat < UTF8PROC_CATEGORY_LU || cat > UTF8PROC_CATEGORY_LO ||
		    c >= 0x2B0)
			continue;
		letters++;
		if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
			upper++;
		else if (first)
			return 0;
		first = 0;
	}
	return letters && !(letters <= 4 && upper == letters);
}
