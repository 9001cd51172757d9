/*
 * analysis.c — the public face of the text stage: vl_analyze runs the
 * tokenizer, the sentence splitter, language identification and (on
 * request) Snowball stemming through libstemmer.
 */
#include <libstemmer.h>
#include <stdio.h>
#include <string.h>
#include <xxhash.h>

#include "text/analysis.h"
#include "text/chars.h"
#include "text/utf8.h"
#include "util/alloc.h"

static void set_err(vl_error *err, int code, size_t off, const char *msg)
{
	if (!err)
		return;
	err->code = code;
	err->offset = off;
	err->where[0] = '\0';
	snprintf(err->message, sizeof err->message, "%s", msg);
}

static const char *snowball_name(const char *lang)
{
	static const struct {
		const char *iso, *name;
	} map[] = { { "fr", "french" },	  { "en", "english" },
		    { "de", "german" },	  { "es", "spanish" },
		    { "it", "italian" },  { "pt", "portuguese" },
		    { "nl", "dutch" },	  { "ca", "catalan" },
		    { "ro", "romanian" }, { "sv", "swedish" },
		    { "da", "danish" },	  { NULL, NULL } };
	for (int i = 0; lang && map[i].iso; i++)
		if (!strcmp(lang, map[i].iso))
			return map[i].name;
	return NULL;
}

/* Stem each word token. The stemmer sees the lowercased word with its
 * accents (Snowball's French rules need them); the stem is then folded
 * like any norm, so stems compare across "élu"/"elu". */
static int stem_all(vl_analysis *a, const char *text, const char *lang)
{
	const char *name = snowball_name(lang);
	struct sb_stemmer *st = NULL;
	size_t *offs = NULL;
	vl_buf low = VL_BUF_INIT;
	int rc = VL_ENOMEM;
	size_t n = a->tok.n ? a->tok.n : 1, slots = 64;
	/* A word seen before in the text (same bytes) reuses its stem: news
	 * text repeats its words, and Snowball costs far more than a hash. */
	struct seen {
		uint64_t h;
		size_t tok, stem; /* first token with these bytes, its stem */
	} *cache = NULL;

	while (slots < n * 2)
		slots *= 2;
	a->stems = vl__calloc(n, sizeof *a->stems);
	offs = vl__calloc(n, sizeof *offs);
	cache = vl__calloc(slots, sizeof *cache);
	if (!a->stems || !offs || !cache)
		goto done;
	if (name && !(st = sb_stemmer_new(name, "UTF_8")))
		goto done;
	for (size_t i = 0; i < a->tok.n; i++) {
		const vl_token *t = &a->tok.v[i];
		const sb_symbol *s;

		uint64_t h;
		size_t k, len = t->end - t->start;

		offs[i] = SIZE_MAX;
		if (!st || t->kind != VL_TOK_WORD)
			continue;
		h = XXH3_64bits(text + t->start, len) | 1u;
		for (k = h & (slots - 1); cache[k].h;
		     k = (k + 1) & (slots - 1)) {
			const vl_token *u = &a->tok.v[cache[k].tok];
			if (cache[k].h == h && u->end - u->start == len &&
			    !memcmp(text + u->start, text + t->start, len))
				break;
		}
		if (cache[k].h) {
			offs[i] = cache[k].stem;
			continue;
		}
		vl_buf_clear(&low);
		if (vl__lower_append(&low, text + t->start, t->end - t->start))
			goto done;
		s = sb_stemmer_stem(st, (const sb_symbol *)low.ptr,
				    (int)low.len);
		if (!s)
			goto done;
		offs[i] = a->stem_pool.len;
		if (vl__fold_append(&a->stem_pool, s, 0,
				    (size_t)sb_stemmer_length(st)) ||
		    vl_buf_putc(&a->stem_pool, '\0'))
			goto done;
		cache[k].h = h;
		cache[k].tok = i;
		cache[k].stem = offs[i];
	}
	for (size_t i = 0; i < a->tok.n; i++)
		a->stems[i] =
			offs[i] == SIZE_MAX ? NULL : a->stem_pool.ptr + offs[i];
	rc = 0;
done:
	vl_buf_free(&low);
	vl__freep(offs);
	vl__freep(cache);
	if (st)
		sb_stemmer_delete(st);
	return rc;
}

int vl__analyze_valid(vl_analysis **out, const char *text, size_t len,
		      const vl_analyze_options *opts)
{
	vl_analyze_options def = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *a;
	int rc;

	*out = NULL;
	if (!text)
		text = ""; /* (NULL, 0) is the empty text */
	if (!opts)
		opts = &def;
	if (vl__chars_init())
		return VL_ENOMEM;
	a = vl__calloc(1, sizeof *a);
	if (!a)
		return VL_ENOMEM;
	vl_buf_init(&a->tok.norms);
	vl_buf_init(&a->stem_pool);
	a->lang = "und";
	if ((rc = vl__tokenize(&a->tok, text, len)) ||
	    (rc = vl__sentences(&a->sent, &a->tok)))
		goto fail;
	if (opts->detect_language)
		a->lang = vl__langid(text, len);
	if (opts->stem &&
	    (rc = stem_all(a, text, opts->lang ? opts->lang : a->lang)))
		goto fail;
	*out = a;
	return 0;
fail:
	vl_analysis_free(a);
	return rc;
}

int vl_analyze(vl_analysis **out, const char *text, size_t len,
	       const vl_analyze_options *opts, vl_error *err)
{
	const char *why = NULL;
	size_t bad = 0;

	*out = NULL;
	if (!text && len)
		return VL_EINVAL;
	if (vl__utf8_validate(text, len, &bad, &why)) {
		set_err(err, VL_EUTF8, bad, why);
		return VL_EUTF8;
	}
	return vl__analyze_valid(out, text, len, opts);
}

void vl_analysis_free(vl_analysis *a)
{
	if (!a)
		return;
	vl__tokens_free(&a->tok);
	vl__freep(a->sent.v);
	vl__freep(a->match);
	vl__freep(a->stems);
	vl_buf_free(&a->stem_pool);
	vl__freep(a);
}

size_t vl_analysis_token_count(const vl_analysis *a)
{
	return a ? a->tok.n : 0;
}

const vl_token *vl_analysis_tokens(const vl_analysis *a)
{
	return a ? a->tok.v : NULL;
}

size_t vl_analysis_sentence_count(const vl_analysis *a)
{
	return a ? a->sent.n : 0;
}

const vl_sentence *vl_analysis_sentences(const vl_analysis *a)
{
	return a ? a->sent.v : NULL;
}

const char *vl_analysis_lang(const vl_analysis *a)
{
	return a ? a->lang : "und";
}

const char *vl_analysis_stem(const vl_analysis *a, size_t i)
{
	if (!a || i >= a->tok.n)
		return NULL;
	if (a->stems && a->stems[i])
		return a->stems[i];
	return a->tok.v[i].norm;
}

/* Norms joined by single spaces. */
static char *join_norms(const vl_tokens *t, size_t *len)
{
	char *m = vl__malloc(t->norms.len + 1);
	size_t n = 0;

	if (!m)
		return NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (!t->v[i].norm_len)
			continue;
		if (n)
			m[n++] = ' ';
		memcpy(m + n, t->v[i].norm, t->v[i].norm_len);
		n += t->v[i].norm_len;
	}
	m[n] = '\0';
	*len = n;
	return m;
}

const char *vl_analysis_match_form(const vl_analysis *a, size_t *len)
{
	vl_analysis *m = (vl_analysis *)a;

	if (!a)
		return NULL;
	if (!m->match)
		m->match = join_norms(&a->tok, &m->match_len);
	if (len)
		*len = m->match ? m->match_len : 0;
	return m->match;
}

int vl_text_match_form(char **out, size_t *out_len, const char *text,
		       size_t len)
{
	vl_tokens t;
	const char *why;
	size_t bad;
	int rc;

	*out = NULL;
	if (vl__utf8_validate(text, len, &bad, &why))
		return VL_EUTF8;
	memset(&t, 0, sizeof t);
	vl_buf_init(&t.norms);
	rc = vl__tokenize(&t, text, len);
	if (!rc && !(*out = join_norms(&t, out_len)))
		rc = VL_ENOMEM;
	vl__tokens_free(&t);
	return rc;
}
