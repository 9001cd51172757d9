/*
 * tagger_feats.c — the tagger's features: each token becomes
 * VL_TAGGER_NFEATS hashed keys (template number and value), computed
 * from a normalised form of the token and its neighbours:
 *   - the word lowercased, digits as 0, ’ ‘ ʼ as ', « » “ ” as ",
 *     dashes as - (so that training files and veille's tokenizer meet);
 *   - its shape (Xxxx, dd, X.) and a short shape with repeats collapsed;
 *   - prefixes of 2 and 3 characters, suffixes of 2, 3 and 4;
 *   - the words and short shapes within two tokens, and conjunctions
 *     (previous word with this shape, shape trigram, word bigrams);
 *   - the gazetteer flags of the token and its neighbours;
 *   - the sentence start.
 * Keys are 32-bit hashes (FNV-1a, then the SplitMix64 finaliser); the
 * model stores weights by key. Nothing is allocated: the per-token
 * summaries live on the stack, VL_TAGGER_CHUNK + 4 of them.
 */
#include <string.h>

#include "entities/tagger_int.h"

#define NORM_MAX 48  /* bytes of a normalised word that count */
#define SHAPE_MAX 12 /* characters of a shape */

typedef struct tokinfo {
	uint64_t word, shape, sshape, pre2, pre3, suf2, suf3, suf4;
	uint8_t gaz;
} tokinfo;

static uint64_t fnv(const unsigned char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static uint64_t pair(uint64_t a, uint64_t b)
{
	return mix(a) ^ (b * 0x9e3779b97f4a7c15ull);
}

static uint32_t key(unsigned tmpl, uint64_t v)
{
	uint32_t k = (uint32_t)(mix(v + (uint64_t)(tmpl + 1) *
						0xd6e8feb86659fd93ull) >>
				32);
	return k ? k : 1;
}

/* Normalise token s into w (at most NORM_MAX bytes), its shape into sh;
 * char_start[k] is the byte offset of w's k-th character. */
static void summarise(const unsigned char *s, size_t n, uint8_t gaz,
		      tokinfo *ti)
{
	unsigned char w[NORM_MAX + 4], sh[SHAPE_MAX], ss[SHAPE_MAX];
	size_t wl = 0, shl = 0, ssl = 0, i = 0, nch = 0;
	size_t cs[NORM_MAX + 4];

	while (i < n && wl < NORM_MAX) {
		unsigned c = s[i], c1 = i + 1 < n ? s[i + 1] : 0,
			 c2 = i + 2 < n ? s[i + 2] : 0;
		unsigned char shc;
		cs[nch++] = wl;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z') {
				w[wl++] = (unsigned char)(c + 32);
				shc = 'X';
			} else if (c >= 'a' && c <= 'z') {
				w[wl++] = (unsigned char)c;
				shc = 'x';
			} else if (c >= '0' && c <= '9') {
				w[wl++] = '0';
				shc = 'd';
			} else {
				w[wl++] = (unsigned char)c;
				shc = (unsigned char)c;
			}
			i++;
		} else if (c == 0xC3 && c1 >= 0x80 && c1 <= 0x9E &&
			   c1 != 0x97) {
			w[wl++] = 0xC3;
			w[wl++] = (unsigned char)(c1 + 0x20);
			shc = 'X';
			i += 2;
		} else if (c == 0xC5 && (c1 == 0x92 || c1 == 0x93)) {
			w[wl++] = 0xC5;
			w[wl++] = 0x93;
			shc = c1 == 0x92 ? 'X' : 'x';
			i += 2;
		} else if ((c == 0xE2 && c1 == 0x80 &&
			    (c2 == 0x98 || c2 == 0x99)) ||
			   (c == 0xCA && c1 == 0xBC)) {
			w[wl++] = '\'';
			shc = '\'';
			i += c == 0xE2 ? 3 : 2;
		} else if ((c == 0xC2 && (c1 == 0xAB || c1 == 0xBB)) ||
			   (c == 0xE2 && c1 == 0x80 &&
			    (c2 == 0x9C || c2 == 0x9D))) {
			w[wl++] = '"';
			shc = '"';
			i += c == 0xC2 ? 2 : 3;
		} else if (c == 0xE2 && c1 == 0x80 && c2 >= 0x90 &&
			   c2 <= 0x95) {
			w[wl++] = '-';
			shc = '-';
			i += 3;
		} else {
			/* another character: copied as is, a "letter" */
			size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, k;
			for (k = 0; k < len && i < n; k++)
				w[wl++] = s[i++];
			shc = 'x';
		}
		if (shl < SHAPE_MAX)
			sh[shl++] = shc;
		if (ssl < SHAPE_MAX && (ssl == 0 || ss[ssl - 1] != shc))
			ss[ssl++] = shc;
	}
	cs[nch] = wl;
	if (i < n && shl < SHAPE_MAX)
		sh[shl++] = '+'; /* longer than counted */
	ti->word = fnv(w, wl);
	ti->shape = fnv(sh, shl);
	ti->sshape = fnv(ss, ssl);
	ti->pre2 = nch >= 2 ? fnv(w, cs[2]) : 1;
	ti->pre3 = nch >= 3 ? fnv(w, cs[3]) : 1;
	ti->suf2 = nch >= 2 ? fnv(w + cs[nch - 2], wl - cs[nch - 2]) : 1;
	ti->suf3 = nch >= 3 ? fnv(w + cs[nch - 3], wl - cs[nch - 3]) : 1;
	ti->suf4 = nch >= 4 ? fnv(w + cs[nch - 4], wl - cs[nch - 4]) : 1;
	ti->gaz = gaz;
}

void vl__tagger_feats(const vl_span *toks, const uint8_t *gaz, size_t n,
		      size_t from, size_t to, uint32_t *out)
{
	tokinfo info[VL_TAGGER_CHUNK + 4], pad_l, pad_r;
	size_t lo = from >= 2 ? from - 2 : 0, hi = to + 2 < n ? to + 2 : n;
	size_t i;

	if (from >= to || to > n || to - from > VL_TAGGER_CHUNK)
		return;
	memset(&pad_l, 0, sizeof pad_l);
	pad_l.word = pad_l.sshape = 0x5354415254ull; /* "START" */
	pad_r = pad_l;
	pad_r.word = pad_r.sshape = 0x454e44ull;   /* "END" */
	memset(info, 0, (hi - lo) * sizeof *info); /* for the analysers */
	for (i = lo; i < hi; i++)
		summarise((const unsigned char *)toks[i].p, toks[i].len,
			  gaz ? gaz[i] : 0, &info[i - lo]);
	for (i = from; i < to; i++) {
		const tokinfo *t = &info[i - lo];
		const tokinfo *p1 = i >= 1 ? &info[i - 1 - lo] : &pad_l;
		const tokinfo *p2 = i >= 2 ? &info[i - 2 - lo] : &pad_l;
		const tokinfo *n1 = i + 1 < n ? &info[i + 1 - lo] : &pad_r;
		const tokinfo *n2 = i + 2 < n ? &info[i + 2 - lo] : &pad_r;
		uint32_t *f = out + (i - from) * VL_TAGGER_NFEATS;

		f[0] = key(0, 0);
		f[1] = key(1, t->word);
		f[2] = key(2, p1->word);
		f[3] = key(3, n1->word);
		f[4] = key(4, p2->word);
		f[5] = key(5, n2->word);
		f[6] = key(6, t->shape);
		f[7] = key(7, p1->sshape);
		f[8] = key(8, n1->sshape);
		f[9] = key(9, t->suf2);
		f[10] = key(10, t->suf3);
		f[11] = key(11, t->suf4);
		f[12] = key(12, t->pre2);
		f[13] = key(13, t->pre3);
		f[14] = key(14, pair(p1->word, t->sshape));
		f[15] = key(15, pair(t->sshape, n1->word));
		f[16] = key(16, pair(pair(p1->sshape, t->sshape), n1->sshape));
		f[17] = key(17, pair(p1->word, t->word));
		f[18] = key(18, pair(t->word, n1->word));
		f[19] = key(19, pair(t->gaz, t->sshape));
		f[20] = key(20, (uint64_t)p1->gaz << 8 | n1->gaz);
		f[21] = key(21, pair(i == 0, t->sshape));
	}
}
