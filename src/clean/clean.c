/*
 * clean.c — the boilerplate stage's driver, between ingest (which hands
 * over valid NFC text) and analysis (which sees only the kept lines).
 *
 * One pass splits the text on \n (a \r before it is dropped) and looks at
 * each line once: short lines (VL_CLEAN_SHORT_MAX) are tokenised by the
 * text stage's tokenizer, which gives both the matching form that the line
 * hash is taken from and the tokens the line rules (rules.c) read; longer
 * lines, which are body prose, get a hash of their bytes and a tokenised
 * prefix only, so the stage stays linear and fast on huge lines. Then the
 * context rules (context.c) look at neighbours, and last the per-source
 * repetition rule asks the caller how many earlier articles of the source
 * carried each remaining short line.
 */
#include "clean/clean.h"

#include <string.h>
#include <xxhash.h>

#include "clean/lexicon.h"
#include "clean/rules.h"
#include "text/analysis.h"
#include "text/chars.h"
#include "text/utf8.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "veille.h"

/* Seed of the byte hash of long lines, so it never meets the hash of a
 * matching form by construction. */
#define RAW_SEED 0x7665696c6c65ull /* "veille" */

/* Work space reused from line to line. */
typedef struct cl_ctx {
	vl_tokens tok;
	vl_buf mf;     /* matching form of the current line */
	vl_cl_tok *ct; /* its tokens with lexicon classes */
	size_t ct_cap;
} cl_ctx;

static void ctx_free(cl_ctx *cx)
{
	vl__tokens_free(&cx->tok);
	vl_buf_free(&cx->mf);
	vl__freep(cx->ct);
}

/* ------------------------------------------------------- trimming */

/* Code point at s[i], or U+FFFD for a byte that starts no complete
 * sequence (the stage must not read past a line on bad input). */
static uint32_t cp_at(const unsigned char *s, size_t len, size_t i, size_t *adv)
{
	size_t need;

	if (s[i] < 0x80) {
		*adv = 1;
		return s[i];
	}
	need = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 1;
	if (need == 1 || need > len - i) {
		*adv = 1;
		return 0xFFFD;
	}
	return vl__utf8_decode(s + i, adv);
}

/* White space, line separators and invisible format characters (NBSP,
 * zero-width space, BOM) at a line's edges. */
static int is_space_cp(uint32_t cp)
{
	vl_charinfo tmp;
	int c;

	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	c = vl__char_info(cp, &tmp)->cls;
	return c == VL_C_SPACE || c == VL_C_NEWLINE ||
	       (c == VL_C_CONTROL && cp != 0xFFFD);
}

/* The line without white space at either end: [*a, *b). */
static void trim(const char *s, size_t len, size_t *a, size_t *b)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, e = len, adv;

	while (i < len && is_space_cp(cp_at(u, len, i, &adv)))
		i += adv;
	while (e > i) {
		size_t st = e - 1;
		while (st > i && e - st < 4 && (u[st] & 0xC0) == 0x80)
			st--;
		if (!is_space_cp(cp_at(u, e, st, &adv)) || st + adv != e)
			break;
		e = st;
	}
	*a = i;
	*b = e;
}

/* ------------------------------------------------------------ hash */

static uint64_t nonzero(uint64_t h)
{
	return h ? h : 1; /* 0 means blank */
}

static uint64_t hash_raw(const char *s, size_t len)
{
	return nonzero(XXH3_64bits_withSeed(s, len, RAW_SEED));
}

/* Hash of the matching form of the tokens in cx->tok: their norms joined
 * by single spaces, as vl_text_match_form builds it. */
static int hash_tokens(cl_ctx *cx, uint64_t *h)
{
	vl_buf_clear(&cx->mf);
	for (size_t i = 0; i < cx->tok.n; i++) {
		const vl_token *t = &cx->tok.v[i];
		if (!t->norm_len)
			continue;
		if (cx->mf.len)
			vl_buf_putc(&cx->mf, ' ');
		vl_buf_put(&cx->mf, t->norm, t->norm_len);
	}
	if (cx->mf.oom)
		return VL_ENOMEM;
	*h = cx->mf.len ? nonzero(XXH3_64bits(cx->mf.ptr, cx->mf.len)) : 0;
	return 0;
}

/* ---------------------------------------------------------- a line */

/* Bytes of a long line to tokenise: up to VL_CLEAN_PREFIX_MAX, cut at
 * the last space so no word is split. */
static size_t prefix_len(const char *s, size_t len)
{
	size_t e = VL_CLEAN_PREFIX_MAX;

	if (len <= e)
		return len;
	while (e > 0 && s[e] != ' ')
		e--;
	if (!e) /* no space: cut at a character boundary */
		for (e = VL_CLEAN_PREFIX_MAX;
		     e > 0 && ((unsigned char)s[e] & 0xC0) == 0x80; e--)
			;
	return e;
}

/* Copy the tokens into cx->ct with their lexicon classes. */
static int load_tokens(cl_ctx *cx, vl_cl_view *v)
{
	size_t n = 0;

	if (cx->tok.n > cx->ct_cap) {
		size_t cap = cx->tok.n + cx->tok.n / 2 + 16, bytes;
		vl_cl_tok *ct;
		if (vl__mul_size(&bytes, cap, sizeof *ct) ||
		    !(ct = vl__realloc(cx->ct, bytes)))
			return VL_ENOMEM;
		cx->ct = ct;
		cx->ct_cap = cap;
	}
	v->any = 0;
	for (size_t i = 0; i < cx->tok.n; i++) {
		const vl_token *t = &cx->tok.v[i];
		vl_cl_tok *c = &cx->ct[n];
		if (!t->norm_len)
			continue;
		c->norm = t->norm;
		c->len = t->norm_len;
		c->kind = t->kind;
		c->flags = t->flags;
		c->cls = vl__lx_word(t->norm, t->norm_len);
		v->any |= c->cls;
		n++;
	}
	v->t = cx->ct;
	v->n = n;
	return 0;
}

/* Hash, facts and line-rule verdict of one line. */
static int look_at_line(cl_ctx *cx, const char *s, size_t len,
			vl_clean_line *out, vl_cl_fact *f)
{
	vl_cl_view v;
	size_t a, b, seg;
	int full, rc;

	trim(s, len, &a, &b);
	memset(f, 0, sizeof *f);
	if (a == b) {
		f->bits = VL_CL_BLANK;
		return 0;
	}
	memset(&v, 0, sizeof v);
	v.s = s + a;
	v.len = b - a;
	f->len = v.len > UINT32_MAX ? UINT32_MAX : (uint32_t)v.len;
	full = v.len <= VL_CLEAN_SHORT_MAX;
	seg = full ? v.len : prefix_len(v.s, v.len);
	out->hash = hash_raw(v.s, v.len);
	if (!vl__utf8_validate(v.s, seg, NULL, NULL)) {
		if ((rc = vl__tokenize(&cx->tok, v.s, seg)) ||
		    (rc = load_tokens(cx, &v)))
			return rc;
		if (full) {
			v.bits |= VL_CL_FULL;
			if ((rc = hash_tokens(cx, &out->hash)))
				return rc;
		}
	}
	v.bits |= vl__cl_shape(&v);
	vl__cl_line_rules(&v, &out->reason, &out->rule);
	f->bits = v.bits;
	return 0;
}

/* ----------------------------------------------------------- public */

uint64_t vl__clean_line_hash(const char *line, size_t len)
{
	cl_ctx cx;
	size_t a, b;
	uint64_t h;

	if (!line || vl__chars_init())
		return 0;
	trim(line, len, &a, &b);
	if (a == b)
		return 0;
	line += a;
	len = b - a;
	if (len > VL_CLEAN_SHORT_MAX ||
	    vl__utf8_validate(line, len, NULL, NULL))
		return hash_raw(line, len);
	memset(&cx, 0, sizeof cx);
	vl_buf_init(&cx.mf);
	vl_buf_init(&cx.tok.norms);
	/* Out of memory: the byte hash is the best left to give. */
	if (vl__tokenize(&cx.tok, line, len) || hash_tokens(&cx, &h))
		h = hash_raw(line, len);
	ctx_free(&cx);
	return h;
}

int vl__clean_line_countable(const char *line, size_t len)
{
	size_t a, b;

	if (!line || vl__chars_init())
		return 0;
	trim(line, len, &a, &b);
	return a < b && b - a <= VL_CLEAN_COUNT_MAX;
}

static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;
	const char *p = text, *end = text + len;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		if (p < end) /* a final \n ends the last line, opens none */
			n++;
		else
			break;
	}
	return n;
}

/* Lines the source has carried in repeat_min earlier articles. Only short
 * lines are asked about: a long paragraph that recurs is wire copy. */
static void repeated(vl_clean_line *l, const vl_cl_fact *f, size_t n,
		     const vl_clean_options *opts)
{
	uint32_t min;

	if (!opts || !opts->seen)
		return;
	min = opts->repeat_min ? opts->repeat_min : 3;
	for (size_t i = 0; i < n; i++) {
		if (l[i].reason || !l[i].hash || f[i].len > VL_CLEAN_COUNT_MAX)
			continue;
		if (opts->seen(l[i].hash, opts->payload) >= min) {
			l[i].reason = VL_WHY_REPEATED;
			l[i].rule = "source-repeated";
		}
	}
}

int vl__clean(vl_clean_result *out, const char *text, size_t len,
	      const vl_clean_options *opts)
{
	cl_ctx cx;
	vl_clean_line *lines = NULL;
	vl_cl_fact *facts = NULL;
	size_t n = 0, at = 0;
	int rc = VL_ENOMEM;

	out->lines = NULL;
	out->n_lines = 0;
	if (!text || !len)
		return 0;
	if (vl__chars_init())
		return VL_ENOMEM;
	memset(&cx, 0, sizeof cx);
	vl_buf_init(&cx.mf);
	vl_buf_init(&cx.tok.norms);
	n = count_lines(text, len);
	lines = vl__calloc(n, sizeof *lines);
	facts = vl__calloc(n, sizeof *facts);
	if (!lines || !facts)
		goto done;
	for (size_t i = 0; i < n; i++) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, e = end;
		if (e > at && text[e - 1] == '\r')
			e--;
		lines[i].start = at;
		lines[i].end = e;
		if ((rc = look_at_line(&cx, text + at, e - at, &lines[i],
				       &facts[i])))
			goto done;
		at = end + 1;
	}
	vl__cl_context(lines, facts, n);
	repeated(lines, facts, n, opts);
	out->lines = lines;
	out->n_lines = n;
	lines = NULL;
	rc = 0;
done:
	ctx_free(&cx);
	vl__freep(lines);
	vl__freep(facts);
	return rc;
}

void vl__clean_result_free(vl_clean_result *r)
{
	if (!r)
		return;
	vl__freep(r->lines);
	r->lines = NULL;
	r->n_lines = 0;
}
