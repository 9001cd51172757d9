/*
 * features.c — terms and entities of an article (see features.h).
 *
 * Terms are stems of the matching form (accents folded), so "dévoilées"
 * and the accentless "devoilees" of a headline feed meet. A stem costs a
 * Snowball call; news repeats its words across articles, so stems are
 * cached by (language, word) for the life of the featurizer, and the
 * cache is emptied when it fills, which bounds its memory.
 *
 * Entities are runs of two capitalised words or more inside a sentence
 * ("Donald Trump", "Hong Kong"); a sentence's first word is a name only
 * when the next word is capitalised too. A single capitalised word is
 * already a term; counting it twice made names outweigh everything else
 * (measured: gnews F1 0.79 with, 0.83 without). Titles in Title Case
 * (most words capitalised, as English headlines are) give no entities:
 * their capitals say nothing.
 */
#include "stories/features.h"

#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "stories/stopwords.h"
#include "util/alloc.h"

/* Field weights, measured on stories-fr, gnews and BASIL: the title and
 * the lead say what the story is; the rest of the body mostly adds words
 * that other stories share. */
#define TITLE_WEIGHT 3.0f
#define LEAD_WEIGHT 2.0f
#define BODY_WEIGHT 0.2f
#define LEAD_SENTENCES 3
#define PREFIX_CHARS 6 /* stand-in stem for languages without Snowball */
#define CACHE_SLOTS ((size_t)1 << 17) /* emptied at 3/4 full */
#define MAX_STEMMERS 12
#define MAX_RUN 6 /* words of an entity run, at most */

typedef struct stem_entry {
	uint64_t key; /* hash of (language, word); 0 = empty */
	uint64_t stem;
} stem_entry;

struct vl_featurizer {
	struct {
		char lang[8];
		struct sb_stemmer *st; /* NULL: no Snowball stemmer */
	} stemmers[MAX_STEMMERS];
	int n_stemmers;
	stem_entry *cache;
	size_t n_cached;
};

/* ISO 639-1 to Snowball names (libstemmer's list). */
static const char *snowball(const char *lang)
{
	static const char *const map[][2] = {
		{ "ar", "arabic" },	{ "ca", "catalan" },
		{ "da", "danish" },	{ "de", "german" },
		{ "el", "greek" },	{ "en", "english" },
		{ "es", "spanish" },	{ "fi", "finnish" },
		{ "fr", "french" },	{ "hu", "hungarian" },
		{ "id", "indonesian" }, { "it", "italian" },
		{ "nl", "dutch" },	{ "no", "norwegian" },
		{ "pt", "portuguese" }, { "ro", "romanian" },
		{ "ru", "russian" },	{ "sv", "swedish" },
		{ "tr", "turkish" },
	};
	for (size_t i = 0; lang && i < sizeof map / sizeof *map; i++)
		if (!strcmp(lang, map[i][0]))
			return map[i][1];
	return NULL;
}

int vl__featurizer_new(vl_featurizer **out)
{
	vl_featurizer *f = vl__calloc(1, sizeof *f);

	*out = NULL;
	if (!f || !(f->cache = vl__calloc(CACHE_SLOTS, sizeof *f->cache))) {
		vl__freep(f);
		return VL_ENOMEM;
	}
	*out = f;
	return 0;
}

void vl__featurizer_free(vl_featurizer *f)
{
	if (!f)
		return;
	for (int i = 0; i < f->n_stemmers; i++)
		if (f->stemmers[i].st)
			sb_stemmer_delete(f->stemmers[i].st);
	vl__freep(f->cache);
	vl__freep(f);
}

/* The stemmer of lang, made on first use; NULL when there is none. */
static struct sb_stemmer *stemmer(vl_featurizer *f, const char *lang)
{
	const char *name = lang ? snowball(lang) : NULL;
	int i;

	if (!lang || !name)
		return NULL;
	for (i = 0; i < f->n_stemmers; i++)
		if (!strcmp(f->stemmers[i].lang, lang))
			return f->stemmers[i].st;
	if (i == MAX_STEMMERS)
		return NULL;
	snprintf(f->stemmers[i].lang, sizeof f->stemmers[i].lang, "%s", lang);
	/* NULL (out of memory) is remembered: the norm is used instead */
	f->stemmers[i].st = sb_stemmer_new(name, "UTF_8");
	f->n_stemmers++;
	return f->stemmers[i].st;
}

/* Without a stemmer for the language, a word's first PREFIX_CHARS
 * characters stand for its stem: crude, but it joins the inflections of
 * languages such as Polish that mostly vary their endings. */
static size_t prefix_len(const char *s, size_t len)
{
	size_t i = 0, chars = 0;

	if (PREFIX_CHARS <= 0)
		return len;
	while (i < len && chars < (size_t)PREFIX_CHARS) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++; /* continuation bytes */
		chars++;
	}
	return i;
}

/* Hash of the stem of a word (its norm); the norm's own hash when lang has
 * no stemmer. */
static uint64_t stem_of(vl_featurizer *f, const char *norm, size_t len,
			const char *lang, uint64_t salt)
{
	uint64_t key = XXH3_64bits_withSeed(norm, len, salt) | 1u, h;
	struct sb_stemmer *st;
	const sb_symbol *s;
	size_t k;

	for (k = key & (CACHE_SLOTS - 1); f->cache[k].key;
	     k = (k + 1) & (CACHE_SLOTS - 1))
		if (f->cache[k].key == key)
			return f->cache[k].stem;
	st = stemmer(f, lang);
	s = st ? sb_stemmer_stem(st, (const sb_symbol *)norm, (int)len) : NULL;
	h = s ? XXH3_64bits(s, (size_t)sb_stemmer_length(st))
	      : XXH3_64bits(norm, prefix_len(norm, len));
	if (f->n_cached + 1 > CACHE_SLOTS / 4 * 3) {
		memset(f->cache, 0, CACHE_SLOTS * sizeof *f->cache);
		f->n_cached = 0;
		k = key & (CACHE_SLOTS - 1);
	}
	f->cache[k].key = key;
	f->cache[k].stem = h;
	f->n_cached++;
	return h;
}

/* The article's features being counted: a small open-addressing table
 * from id to a slot of the feature array. */
typedef struct acc {
	vl_feats *fs;
	size_t cap;	/* of fs->v */
	uint32_t *slot; /* index + 1; 0 = empty */
	size_t n_slot;
} acc;

static int acc_grow(acc *a)
{
	size_t n = a->n_slot ? a->n_slot * 2 : 256;
	uint32_t *s = vl__calloc(n, sizeof *s);
	vl_feat *v;

	if (!s || !(v = vl__realloc(a->fs->v, n / 2 * sizeof *v))) {
		vl__freep(s);
		return VL_ENOMEM;
	}
	a->fs->v = v;
	a->cap = n / 2;
	for (size_t i = 0; i < a->fs->n; i++) {
		size_t k = v[i].id & (n - 1);
		while (s[k])
			k = (k + 1) & (n - 1);
		s[k] = (uint32_t)i + 1;
	}
	vl__freep(a->slot);
	a->slot = s;
	a->n_slot = n;
	return 0;
}

static int acc_add(acc *a, uint64_t id, float w, const char *text, size_t len)
{
	size_t k;
	vl_feat *f;

	if (a->fs->n + 1 > a->cap && acc_grow(a))
		return VL_ENOMEM;
	for (k = id & (a->n_slot - 1); a->slot[k];
	     k = (k + 1) & (a->n_slot - 1))
		if (a->fs->v[a->slot[k] - 1].id == id) {
			a->fs->v[a->slot[k] - 1].tf += w;
			return 0;
		}
	f = &a->fs->v[a->fs->n];
	f->id = id;
	f->tf = w;
	f->text = (uint32_t)a->fs->text.len;
	if (vl_buf_put(&a->fs->text, text, len) ||
	    vl_buf_putc(&a->fs->text, '\0'))
		return VL_ENOMEM;
	a->slot[k] = (uint32_t)++a->fs->n;
	return 0;
}

static int is_cap(const vl_token *t)
{
	return t->kind == VL_TOK_WORD &&
	       (t->flags & (VL_TOKF_CAPITALIZED | VL_TOKF_ALLCAPS));
}

/* Title Case: most words capitalised. */
static int title_case(const vl_analysis *an)
{
	const vl_token *t = vl_analysis_tokens(an);
	size_t n = vl_analysis_token_count(an), words = 0, caps = 0;

	for (size_t i = 0; i < n; i++) {
		if (t[i].kind != VL_TOK_WORD || t[i].norm_len < 4)
			continue; /* short words: "of", "à", "in" stay low */
		words++;
		caps += is_cap(&t[i]);
	}
	return words >= 3 && caps * 3 > words * 2;
}

/* One entity run t[from..to) of two words or more, as one feature. */
static int add_run(acc *a, const vl_token *t, size_t from, size_t to, float w)
{
	char joined[256];
	size_t len = 0;

	if (to - from < 2)
		return 0;
	for (size_t i = from; i < to; i++) {
		if (len + t[i].norm_len + 1 >= sizeof joined)
			return 0; /* not a name */
		if (len)
			joined[len++] = ' ';
		memcpy(joined + len, t[i].norm, t[i].norm_len);
		len += t[i].norm_len;
	}
	return acc_add(a, XXH3_64bits(joined, len) | VL_FEAT_ENTITY, w, joined,
		       len);
}

/* Entities of sentence s, each weighing w. */
static int sentence_entities(acc *a, const vl_token *t, const vl_sentence *s,
			     float w, const char *lang)
{
	size_t end = s->first_token + s->n_tokens, run = SIZE_MAX;

	for (size_t i = s->first_token; i <= end; i++) {
		int cap = i < end && is_cap(&t[i]) &&
			  !vl__is_stopword(t[i].norm, t[i].norm_len, lang);

		/* a sentence's first word only leads a run of names */
		if (cap && (t[i].flags & VL_TOKF_SENT_START) &&
		    !(i + 1 < end && is_cap(&t[i + 1])))
			cap = 0;
		if (cap && run == SIZE_MAX)
			run = i;
		if (run != SIZE_MAX && (!cap || i - run == MAX_RUN)) {
			if (add_run(a, t, run, i, w))
				return VL_ENOMEM;
			run = cap ? i : SIZE_MAX;
		}
	}
	return 0;
}

/* Terms of tokens [from, to), each weighing w. */
static int terms(vl_featurizer *f, acc *a, const vl_token *t, size_t from,
		 size_t to, float w, const char *lang)
{
	uint64_t salt = lang ? XXH3_64bits(lang, strlen(lang)) : 0;

	for (size_t i = from; i < to; i++) {
		uint64_t id;

		if (t[i].norm_len < 2)
			continue;
		if (t[i].kind == VL_TOK_WORD) {
			if (vl__is_stopword(t[i].norm, t[i].norm_len, lang))
				continue;
			id = stem_of(f, t[i].norm, t[i].norm_len, lang, salt);
		} else if (t[i].kind == VL_TOK_NUMBER ||
			   t[i].kind == VL_TOK_PERCENT) {
			id = XXH3_64bits_withSeed(t[i].norm, t[i].norm_len,
						  0x23);
		} else {
			continue;
		}
		if (acc_add(a, id & ~VL_FEAT_ENTITY, w, t[i].norm,
			    t[i].norm_len))
			return VL_ENOMEM;
	}
	return 0;
}

static int field(vl_featurizer *f, acc *a, const vl_analysis *an, int is_title,
		 const char *lang)
{
	const vl_token *t = vl_analysis_tokens(an);
	const vl_sentence *s = vl_analysis_sentences(an);
	size_t ns = vl_analysis_sentence_count(an);
	int names = !is_title || !title_case(an);

	for (size_t k = 0; k < ns; k++) {
		float w = is_title	       ? TITLE_WEIGHT
			  : k < LEAD_SENTENCES ? LEAD_WEIGHT
					       : BODY_WEIGHT;
		if (terms(f, a, t, s[k].first_token,
			  s[k].first_token + s[k].n_tokens, w, lang) ||
		    (names && sentence_entities(a, t, &s[k], w, lang)))
			return VL_ENOMEM;
	}
	return 0;
}

static int by_id(const void *x, const void *y)
{
	uint64_t a = ((const vl_feat *)x)->id, b = ((const vl_feat *)y)->id;
	return a < b ? -1 : a > b;
}

int vl__feats_build(vl_featurizer *f, vl_feats *out, const vl_analysis *title,
		    const vl_analysis *body, const char *lang)
{
	acc a;
	int rc = 0;

	memset(out, 0, sizeof *out);
	a = (acc){ out, 0, NULL, 0 };
	if (lang && !strcmp(lang, "und"))
		lang = NULL;
	if (acc_grow(&a) || (title && field(f, &a, title, 1, lang)) ||
	    (body && field(f, &a, body, 0, lang))) {
		rc = VL_ENOMEM;
		vl__feats_free(out);
	} else {
		qsort(out->v, out->n, sizeof *out->v, by_id);
	}
	vl__freep(a.slot);
	return rc;
}

void vl__feats_free(vl_feats *fs)
{
	vl__freep(fs->v);
	vl_buf_free(&fs->text);
	memset(fs, 0, sizeof *fs);
}
