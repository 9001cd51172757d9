/*
 * prepare.c — one article through clean -> compose -> analyse.
 *
 * The clean text is the kept lines joined by blank lines, so paragraphs
 * are explicit whatever the source's line convention. A segment map
 * records where each kept line sits in both texts, so every sentence is
 * stored with offsets into the original as well as the clean text.
 */
#include "engine/prepare.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "text/analysis.h"
#include "util/alloc.h"

typedef struct segment {
	size_t orig, clean, len;
} segment;

uint64_t vl__body_sig(const char *text, size_t len)
{
	size_t i = 0, best = 0, best_len = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (end - i > best_len) {
			best = i;
			best_len = end - i;
		}
		i = end + 1;
	}
	return XXH3_64bits(text + best, best_len);
}

void vl__hex64(char out[17], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h = XXH3_64bits(data, len);
	for (int i = 15; i >= 0; i--, h >>= 4)
		out[i] = hex[h & 15];
	out[16] = '\0';
}

void vl__hex128(char out[33], const void *data, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	XXH128_hash_t h = XXH3_128bits(data, len);
	for (int i = 15; i >= 0; i--, h.high64 >>= 4)
		out[i] = hex[h.high64 & 15];
	for (int i = 31; i >= 16; i--, h.low64 >>= 4)
		out[i] = hex[h.low64 & 15];
	out[32] = '\0';
}

void vl__prepared_free(vl_prepared *p)
{
	vl_buf_free(&p->clean);
	vl__freep(p->removed);
	vl__freep(p->sentences);
	vl__freep(p->line_hashes);
	vl__freep(p->title);
	vl__shingles_free(&p->shingles);
	vl__freep(p->fps);
	vl__sentsets_free(&p->sents);
	vl_analysis_free(p->an);
	memset(p, 0, sizeof *p);
}

static int is_term(char c)
{
	return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
	       c == ',';
}

/* A first line that reads as a headline: short, several words, no final
 * punctuation, and followed by more text. */
static int looks_like_title(const char *s, size_t len, int more_follows)
{
	size_t words = 0;
	if (!more_follows || len < 8 || len > 250 || is_term(s[len - 1]))
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == ' ' && i + 1 < len && s[i + 1] != ' ')
			words++;
	return words >= 2;
}

static int same_text(const char *a, size_t na, const char *b, size_t nb)
{
	char *ma = NULL, *mb = NULL;
	size_t la, lb;
	int same = 0;
	/* Matching forms differ little in length from their texts: a line
	 * much longer than the title (a whole body on one line) is not it,
	 * and need not be tokenised to tell. */
	if (na > 2 * nb + 32 || nb > 2 * na + 32)
		return 0;
	if (!vl_text_match_form(&ma, &la, a, na) &&
	    !vl_text_match_form(&mb, &lb, b, nb))
		same = la == lb && !memcmp(ma, mb, la);
	vl__freep(ma);
	vl__freep(mb);
	return same;
}

static int add_removed(vl_prepared *p, size_t *cap, size_t start, size_t end,
		       const char *reason, const char *rule)
{
	if (p->n_removed == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		vl_store_removed *v = vl__realloc(p->removed, nc * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		p->removed = v;
		*cap = nc;
	}
	p->removed[p->n_removed].start = start;
	p->removed[p->n_removed].end = end;
	p->removed[p->n_removed].reason = reason;
	p->removed[p->n_removed].rule = rule;
	p->n_removed++;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Offsets of a clean-text position in the original text. */
static size_t to_orig(const segment *seg, size_t n, size_t pos, int is_end)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (seg[mid].clean <= pos - (is_end && pos > 0))
			lo = mid;
		else
			hi = mid;
	}
	return seg[lo].orig + (pos - seg[lo].clean);
}

/* The language of the clean text; a short text (a brief, a photo page)
 * is read together with its title and lead, which say more. */
static int detect_lang(vl_prepared *out, const vl_prepare_input *in)
{
	vl_buf sample = VL_BUF_INIT;
	const char *title = in->title ? in->title : out->title;

	if (out->clean.len >= 400) {
		out->lang = vl__langid(out->clean.ptr, out->clean.len);
		return 0;
	}
	vl_buf_puts(&sample, title ? title : "");
	vl_buf_puts(&sample, "\n");
	vl_buf_puts(&sample, in->lead ? in->lead : "");
	vl_buf_puts(&sample, "\n");
	vl_buf_put(&sample, out->clean.ptr, out->clean.len);
	if (sample.oom) {
		vl_buf_free(&sample);
		return VL_ENOMEM;
	}
	out->lang = vl__langid(sample.ptr, sample.len);
	vl_buf_free(&sample);
	return 0;
}

/* Shingles, signature and sentence fingerprints of the clean text. */
static int fingerprint(vl_prepared *out, const vl_analysis *an)
{
	const vl_token *tok = vl_analysis_tokens(an);
	const vl_sentence *sen = vl_analysis_sentences(an);
	size_t n = vl_analysis_sentence_count(an), k = 0;
	int rc;

	if ((rc = vl__shingles(&out->shingles, tok,
			       vl_analysis_token_count(an))))
		return rc;
	vl__signature(&out->sig, &out->shingles);
	if (!(out->fps = vl__calloc(n ? n : 1, sizeof *out->fps)))
		return VL_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		uint64_t fp =
			vl__sentence_fp(tok + sen[i].first_token,
					sen[i].n_tokens, VL_SENTENCE_FP_WORDS);
		if (fp)
			out->fps[k++] = fp;
	}
	qsort(out->fps, k, sizeof *out->fps, cmp_u64);
	out->n_fps = 0;
	for (size_t i = 0; i < k; i++)
		if (!out->n_fps || out->fps[out->n_fps - 1] != out->fps[i])
			out->fps[out->n_fps++] = out->fps[i];
	return 0;
}

int vl__prepared_sents(vl_prepared *p, const vl_sentsets **out)
{
	int rc;

	if (!p->sents_ready) {
		if ((rc = vl__sentsets(&p->sents, vl_analysis_tokens(p->an),
				       vl_analysis_token_count(p->an),
				       vl_analysis_sentences(p->an),
				       vl_analysis_sentence_count(p->an))))
			return rc;
		p->sents_ready = 1;
	}
	*out = &p->sents;
	return 0;
}

int vl__prepare(vl_prepared *out, const vl_prepare_input *in)
{
	vl_clean_result cr = { NULL, 0 };
	segment *seg = NULL;
	size_t n_seg = 0, cap_removed = 0, i, first_kept = SIZE_MAX;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	vl_buf_init(&out->clean);
	out->lang = "und";
	if ((rc = vl__clean(&cr, in->text, in->len, in->clean)))
		goto done;
	rc = VL_ENOMEM;
	seg = vl__calloc(cr.n_lines ? cr.n_lines : 1, sizeof *seg);
	out->line_hashes = vl__calloc(cr.n_lines ? cr.n_lines : 1,
				      sizeof *out->line_hashes);
	if (!seg || !out->line_hashes)
		goto done;
	for (i = 0; i < cr.n_lines; i++) {
		const vl_clean_line *l = &cr.lines[i];
		if (l->hash && vl__clean_line_countable(in->text + l->start,
							l->end - l->start))
			out->line_hashes[out->n_line_hashes++] = l->hash;
		if (!l->reason && l->hash && first_kept == SIZE_MAX)
			first_kept = i;
	}
	/* The headline: given titles repeated as the first line are dropped;
	 * a .txt body's first line is taken as its title when it reads as
	 * one. */
	if (first_kept != SIZE_MAX) {
		vl_clean_line *l = &cr.lines[first_kept];
		const char *s = in->text + l->start;
		size_t len = l->end - l->start, j;
		int more = 0;
		for (j = first_kept + 1; j < cr.n_lines && !more; j++)
			more = !cr.lines[j].reason && cr.lines[j].hash;
		if (in->title &&
		    same_text(s, len, in->title, strlen(in->title))) {
			l->reason = "title";
			l->rule = "title-line";
		} else if (!in->title && in->find_title &&
			   looks_like_title(s, len, more) &&
			   first_kept + 1 < cr.n_lines &&
			   !cr.lines[first_kept + 1].hash) {
			if (!(out->title = vl__strndup(s, len)))
				goto done;
			l->reason = "title";
			l->rule = "title-line";
		}
	}
	for (i = 0; i < cr.n_lines; i++) {
		const vl_clean_line *l = &cr.lines[i];
		if (l->reason) {
			if (add_removed(out, &cap_removed, l->start, l->end,
					l->reason, l->rule))
				goto done;
			continue;
		}
		if (!l->hash)
			continue; /* blank */
		if (out->clean.len && vl_buf_puts(&out->clean, "\n\n"))
			goto done;
		seg[n_seg].orig = l->start;
		seg[n_seg].clean = out->clean.len;
		seg[n_seg].len = l->end - l->start;
		n_seg++;
		if (vl_buf_put(&out->clean, in->text + l->start,
			       l->end - l->start))
			goto done;
	}
	qsort(out->line_hashes, out->n_line_hashes, sizeof *out->line_hashes,
	      cmp_u64);
	{
		size_t k = 0;
		for (i = 0; i < out->n_line_hashes; i++)
			if (!k ||
			    out->line_hashes[k - 1] != out->line_hashes[i])
				out->line_hashes[k++] = out->line_hashes[i];
		out->n_line_hashes = k;
	}
	vl__hex128(out->clean_hash, out->clean.ptr, out->clean.len);
	ao.detect_language = 0;
	if ((rc = vl__analyze_valid(&an, out->clean.ptr, out->clean.len, &ao)))
		goto done;
	if (in->detect_lang && (rc = detect_lang(out, in)))
		goto done;
	out->n_sentences = vl_analysis_sentence_count(an);
	if ((rc = fingerprint(out, an)))
		goto done;
	rc = VL_ENOMEM;
	out->sentences = vl__calloc(out->n_sentences ? out->n_sentences : 1,
				    sizeof *out->sentences);
	if (!out->sentences)
		goto done;
	for (i = 0; i < out->n_sentences; i++) {
		const vl_sentence *z = &vl_analysis_sentences(an)[i];
		vl_store_sentence *d = &out->sentences[i];
		d->clean_start = z->start;
		d->clean_end = z->end;
		d->start = to_orig(seg, n_seg, z->start, 0);
		d->end = to_orig(seg, n_seg, z->end, 1);
	}
	out->an = an; /* kept for the passage level */
	an = NULL;
	rc = 0;
done:
	vl_analysis_free(an);
	vl__clean_result_free(&cr);
	vl__freep(seg);
	if (rc)
		vl__prepared_free(out);
	return rc;
}
