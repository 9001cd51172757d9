/*
 * common.h — what the libFuzzer targets share: an independent UTF-8
 * validator (so the library's own checks are tested differentially), and
 * the ingest harness of fuzz_txt.c and fuzz_jsonl.c.
 *
 * The ingest harness feeds one input to vl_engine_ingest_memory on an
 * in-memory store, then checks what must hold whatever the input:
 *   - the counters add up (read == added + updated + unchanged +
 *     rejected), the store grew by exactly `added` articles, and the
 *     number of records read matches the input's lines (JSON Lines) or is
 *     one (plain text);
 *   - every refusal names the input, carries a known code and a message,
 *     and its byte offset points at the bad byte (the first NUL, or the
 *     first byte this file's validator rejects);
 *   - what this file predicts (NUL -> "binary", bad UTF-8 without repair
 *     -> refused at that byte, blank -> "no text") is what happened;
 *   - every stored article has valid UTF-8 text, removed lines and
 *     sentences inside its original text, on character boundaries, in
 *     order, never overlapping each other; every JSON rendering succeeds;
 *   - exporting an article and ingesting the export into a second store
 *     gives back the same export (the round trip `veille export | veille
 *     ingest` relies on).
 * A broken invariant calls abort(), which libFuzzer reports as a crash.
 *
 * Only the public API (veille.h) is used. Both stores live in memory and
 * are recreated every RESET_EVERY inputs so they do not grow without
 * bound. The first input byte, which stays part of the input, picks the
 * options: bit 0 repair, bits 1-2 the batch size, and 0xF0..0xFF small
 * size limits (64 + second byte) to reach the "too big" paths. Plain text
 * whose length is a multiple of 3 goes to one of four shared sources
 * (bits 0-1), where repeated lines are learned.
 */
#ifndef VL_FUZZ_COMMON_H
#define VL_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "veille.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RESET_EVERY 500
#define FULL_SCAN_EVERY 64

/* Stop with a message: the fuzzer reports the input as a crash. */
#define CHECK(cond)                                                      \
	do {                                                             \
		if (!(cond)) {                                           \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", \
				__FILE__, __LINE__, #cond);              \
			abort();                                         \
		}                                                        \
	} while (0)

/*
 * Offset of the first byte that is not well-formed UTF-8 (Unicode 15,
 * table 3-7: no overlongs, no surrogates, nothing above U+10FFFF), or
 * SIZE_MAX when all of s is valid. Written from the table, not from the
 * library, so that the two can be compared.
 */
static inline size_t fz_utf8_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], lo = 0x80, hi = 0xBF;
		size_t n, k;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4;
		else
			return i;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
		else if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
		for (k = 1; k < n; k++) {
			if (i + k >= len || s[i + k] < lo || s[i + k] > hi)
				return i;
			lo = 0x80;
			hi = 0xBF;
		}
		i += n;
	}
	return SIZE_MAX;
}

/* Is byte offset `off` of s (len bytes) on a character boundary? */
static inline int fz_boundary(const char *s, size_t len, size_t off)
{
	return off == len ||
	       (off < len && ((unsigned char)s[off] & 0xC0) != 0x80);
}

/* Naive substring search (memmem is not in C11 or POSIX). */
static inline int fz_contains(const char *hay, size_t n, const char *needle,
			      size_t m)
{
	if (m == 0)
		return 1;
	for (size_t i = 0; i + m <= n; i++) {
		const char *p = memchr(hay + i, needle[0], n - m + 1 - i);
		if (!p)
			return 0;
		i = (size_t)(p - hay);
		if (!memcmp(p, needle, m))
			return 1;
	}
	return 0;
}

/* ------------------------------------------------------ ingest harness */

#ifdef FZ_INGEST

enum { FZ_TXT = 1, FZ_JSONL = 2 };

/* One line of a JSON Lines input, as the memory reader cuts it. */
typedef struct fz_line {
	size_t start, len; /* len after trailing CR/space trimming */
} fz_line;

typedef struct fz_ctx {
	const uint8_t *data;
	size_t size;
	int format;
	int repair;
	size_t max_bytes; /* record limit in force (line or article) */
	fz_line *lines;	  /* JSON Lines only; index = line number - 1 */
	size_t n_lines;
	size_t n_errors, n_binary, n_utf8, n_empty, n_toobig, n_format;
	size_t progress_calls;
	size_t last_read;
	/* article checks */
	const char *expect_text; /* NFC(repair(input)), txt only */
	size_t expect_len;
	size_t n_found, n_match, n_visited;
	vl_engine *mirror; /* round-trip target, or NULL */
} fz_ctx;

static vl_engine *fz_eng, *fz_mirror;
static unsigned long fz_iter;

/* FUZZ_VERBOSE=1 in the environment: one line of counters per input. */
static int fz_verbose(void)
{
	static int v = -1;
	if (v < 0) {
		const char *e = getenv("FUZZ_VERBOSE");
		v = e && *e && strcmp(e, "0");
	}
	return v;
}

static vl_engine *fz_open(void)
{
	vl_engine *e = NULL;
	vl_error err;
	memset(&err, 0, sizeof err);
	if (vl_engine_open(&e, ":memory:", NULL, &err) || !e) {
		fprintf(stderr, "cannot open an in-memory store: %s\n",
			err.message);
		abort();
	}
	return e;
}

static void fz_reset_if_due(void)
{
	if (fz_eng && fz_iter % RESET_EVERY)
		return;
	vl_engine_free(fz_eng);
	vl_engine_free(fz_mirror);
	fz_eng = fz_open();
	fz_mirror = fz_open();
}

static int64_t fz_count(vl_engine *e)
{
	vl_stats *st = NULL;
	int64_t n;
	CHECK(vl_engine_stats(e, &st) == 0 && st);
	CHECK(st->articles >= 0 && st->sentences >= 0 &&
	      st->removed_lines >= 0);
	n = st->articles;
	vl_stats_free(st);
	return n;
}

/* The line a "name:LINE" location points at, or NULL. */
static const fz_line *fz_where_line(const fz_ctx *c, const char *where)
{
	const char *p;
	char *end;
	unsigned long n;

	CHECK(!strncmp(where, "fuzz:", 5));
	p = where + 5;
	n = strtoul(p, &end, 10);
	CHECK(end != p && *end == '\0');
	CHECK(n >= 1 && n <= c->n_lines);
	return &c->lines[n - 1];
}

static void fz_on_error(const vl_error *e, void *payload)
{
	fz_ctx *c = payload;
	const char *rec;
	size_t len, nul_at;
	const void *nul;

	c->n_errors++;
	CHECK(e->message[0] != '\0');
	CHECK(memchr(e->where, '\0', sizeof e->where) != NULL);
	CHECK(memchr(e->message, '\0', sizeof e->message) != NULL);
	if (c->format == FZ_TXT) {
		CHECK(!strcmp(e->where, "fuzz"));
		rec = (const char *)c->data;
		len = c->size;
	} else {
		const fz_line *l = fz_where_line(c, e->where);
		rec = (const char *)c->data + l->start;
		len = l->len;
	}
	switch (e->code) {
	case VL_EBINARY:
		c->n_binary++;
		nul = memchr(rec, '\0', len);
		CHECK(nul != NULL);
		nul_at = (size_t)((const char *)nul - rec);
		CHECK(e->offset == nul_at);
		break;
	case VL_EUTF8:
		c->n_utf8++;
		CHECK(!c->repair);
		CHECK(memchr(rec, '\0', len) == NULL);
		/* The library and this file agree on the first bad byte. */
		CHECK(e->offset ==
		      fz_utf8_bad((const unsigned char *)rec, len));
		break;
	case VL_EEMPTY:
		c->n_empty++;
		CHECK(e->offset == SIZE_MAX);
		break;
	case VL_ETOOBIG:
		c->n_toobig++;
		CHECK(e->offset == SIZE_MAX);
		/* Only small limits can be exceeded by fuzz-sized inputs. */
		CHECK(c->max_bytes < 4096);
		break;
	case VL_EFORMAT:
		c->n_format++;
		CHECK(c->format == FZ_JSONL);
		/* A repaired line grows by at most 3 bytes per bad byte. */
		CHECK(e->offset == SIZE_MAX || e->offset <= 3 * len);
		break;
	default:
		fprintf(stderr, "unexpected error code %d (%s): %s\n", e->code,
			vl_strerror(e->code), e->message);
		abort();
	}
}

static int fz_on_progress(const vl_ingest_stats *st, void *payload)
{
	fz_ctx *c = payload;
	c->progress_calls++;
	CHECK(st->read >= c->last_read);
	CHECK(st->read ==
	      st->added + st->updated + st->unchanged + st->rejected);
	c->last_read = st->read;
	return 0;
}

/* Spans [start, end) of an article's original: inside, on character
 * boundaries, in order, not overlapping. */
static void fz_check_span(const char *orig, size_t len, size_t start,
			  size_t end, size_t *prev_end)
{
	CHECK(start <= end && end <= len);
	CHECK(fz_boundary(orig, len, start) && fz_boundary(orig, len, end));
	CHECK(start >= *prev_end);
	*prev_end = end;
}

static void fz_round_trip(fz_ctx *c, const vl_article *a, const char *export)
{
	vl_ingest_options o = VL_INGEST_OPTIONS_INIT;
	vl_ingest_stats st;
	vl_article *b = NULL;
	char *again = NULL;
	int rc;

	memset(&st, 0, sizeof st);
	rc = vl_engine_ingest_memory(c->mirror, "export", export,
				     strlen(export), "jsonl", &o, &st);
	CHECK(rc == 0);
	if (st.rejected) {
		fprintf(stderr, "export not read back: %s\n", export);
		abort();
	}
	CHECK(st.read == 1 && st.added + st.updated + st.unchanged == 1);
	CHECK(vl_engine_article(c->mirror, vl_article_id(a), &b) == 0 && b);
	CHECK(vl_article_json(&again, b, VL_JSON_EXPORT) == 0 && again);
	if (strcmp(again, export)) {
		fprintf(stderr, "round trip differs:\n  %s\n  %s\n", export,
			again);
		abort();
	}
	vl_free(again);
	vl_article_free(b);
}

static int fz_check_article(const vl_article *a, void *payload)
{
	static const unsigned flags[] = {
		0,
		VL_JSON_EXPLAIN,
		VL_JSON_SENTENCES,
		VL_JSON_EXPLAIN | VL_JSON_SENTENCES | VL_JSON_PRETTY,
		VL_JSON_SUMMARY,
		VL_JSON_EXPORT | VL_JSON_PRETTY,
		VL_JSON_EXPORT, /* last: kept for the round trip */
	};
	fz_ctx *c = payload;
	const char *orig = vl_article_original(a), *text = vl_article_text(a);
	size_t olen, nrem = vl_article_removed_count(a),
		     nsen = vl_article_sentence_count(a), prev = 0, r, s;
	char *json = NULL;

	c->n_visited++;
	CHECK(vl_article_id(a) && vl_article_source(a) && vl_article_lang(a));
	CHECK(orig && text);
	olen = strlen(orig);
	CHECK(fz_utf8_bad((const unsigned char *)orig, olen) == SIZE_MAX);
	CHECK(fz_utf8_bad((const unsigned char *)text, strlen(text)) ==
	      SIZE_MAX);
	for (r = 0; r < nrem; r++) {
		const vl_removed_line *l = vl_article_removed(a, r);
		CHECK(l && l->reason && l->reason[0]);
		fz_check_span(orig, olen, l->start, l->end, &prev);
	}
	CHECK(vl_article_removed(a, nrem) == NULL);
	prev = 0;
	for (s = 0; s < nsen; s++) {
		const vl_sentence *z = vl_article_sentence(a, s);
		CHECK(z && z->start < z->end);
		fz_check_span(orig, olen, z->start, z->end, &prev);
	}
	CHECK(vl_article_sentence(a, nsen) == NULL);
	/* No sentence lies in a removed line (both lists are in order). */
	for (s = 0, r = 0; s < nsen && r < nrem;) {
		const vl_sentence *z = vl_article_sentence(a, s);
		const vl_removed_line *l = vl_article_removed(a, r);
		CHECK(z->end <= l->start || l->end <= z->start ||
		      l->start == l->end);
		if (z->end <= l->end)
			s++;
		else
			r++;
	}
	for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
		vl_free(json);
		json = NULL;
		CHECK(vl_article_json(&json, a, flags[f]) == 0 && json);
		CHECK(json[0] == '{');
		CHECK(fz_utf8_bad((const unsigned char *)json, strlen(json)) ==
		      SIZE_MAX);
	}
	if (c->expect_text) {
		c->n_found++;
		if (fz_contains(c->expect_text, c->expect_len, orig, olen) &&
		    olen)
			c->n_match++;
	}
	if (c->mirror)
		fz_round_trip(c, a, json);
	vl_free(json);
	return 0;
}

/* Cut the input into lines the way the memory reader does. */
static void fz_split_lines(fz_ctx *c)
{
	size_t i = 0, cap = 16;
	const char *d = (const char *)c->data;

	c->lines = malloc(cap * sizeof *c->lines);
	CHECK(c->lines);
	while (i < c->size) {
		const char *nl = memchr(d + i, '\n', c->size - i);
		size_t end = nl ? (size_t)(nl - d) : c->size, k = end;
		while (k > i && (d[k - 1] == '\r' || d[k - 1] == ' '))
			k--;
		if (c->n_lines == cap) {
			fz_line *v = realloc(c->lines, 2 * cap * sizeof *v);
			CHECK(v);
			c->lines = v;
			cap *= 2;
		}
		c->lines[c->n_lines].start = i;
		c->lines[c->n_lines].len = k - i;
		c->n_lines++;
		i = end + 1;
	}
}

/* What the reader must have said about one record, from the bytes alone. */
typedef struct fz_expect {
	size_t records, toobig, binary, utf8, repaired;
} fz_expect;

static void fz_expect_record(const fz_ctx *c, const char *rec, size_t len,
			     fz_expect *x)
{
	if (c->format == FZ_JSONL && len == 0)
		return; /* blank line: skipped */
	x->records++;
	if (len > c->max_bytes)
		x->toobig++;
	else if (memchr(rec, '\0', len))
		x->binary++;
	else if (fz_utf8_bad((const unsigned char *)rec, len) != SIZE_MAX) {
		if (c->repair)
			x->repaired++;
		else
			x->utf8++;
	}
}

/* Plain text that the reader must find empty: only blanks after an
 * optional byte-order mark. */
static int fz_blank(const uint8_t *d, size_t n)
{
	size_t i = n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
	for (; i < n; i++)
		if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r' && d[i] != '\n')
			return 0;
	return 1;
}

/* May a leading " date 2025-03-14 " marker have eaten the whole text? */
static int fz_date_marker(const uint8_t *d, size_t n)
{
	size_t i = n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (i < n && (d[i] == ' ' || d[i] == '\t'))
		i++;
	return n - i > 5 && !memcmp(d + i, "date", 4);
}

static void fz_ingest(const uint8_t *data, size_t size, int format)
{
	vl_ingest_options o = VL_INGEST_OPTIONS_INIT;
	vl_ingest_stats st;
	vl_query q = VL_QUERY_INIT;
	fz_ctx c;
	fz_expect x;
	char source[32];
	char *nfc = NULL;
	size_t nfc_len = 0, stored;
	int64_t before, after;
	unsigned first = size ? data[0] : 0;
	int shared, rc;

	fz_reset_if_due();
	fz_iter++;
	memset(&c, 0, sizeof c);
	memset(&st, 0, sizeof st);
	memset(&x, 0, sizeof x);
	c.data = data;
	c.size = size;
	c.format = format;
	c.repair = (int)(first & 1u);
	o.repair = c.repair;
	o.batch_size = (first >> 1) & 3u; /* 0: the default */
	if ((first & 0xF0u) == 0xF0u) {
		size_t lim = 64 + (size > 1 ? data[1] : 0);
		o.max_article_bytes = lim;
		o.max_line_bytes = lim;
	}
	c.max_bytes = format == FZ_TXT
			      ? (o.max_article_bytes ? o.max_article_bytes
						     : (size_t)8 << 20)
			      : (o.max_line_bytes ? o.max_line_bytes
						  : (size_t)64 << 20);
	/* Plain text always takes the option's source. A third of the
	 * inputs (by length) share a few sources, so repeated lines are learned
	 * and older articles cleaned again; the others get a source of their
	 * own, so their articles can be found and checked right away. */
	shared = format == FZ_TXT && size % 3 == 0;
	if (shared)
		snprintf(source, sizeof source, "shared%u", first & 3u);
	else
		snprintf(source, sizeof source, "u%lu", fz_iter);
	o.source = source;
	o.on_error = fz_on_error;
	o.on_progress = fz_on_progress;
	o.payload = &c;

	if (format == FZ_JSONL) {
		fz_split_lines(&c);
		for (size_t i = 0; i < c.n_lines; i++)
			fz_expect_record(&c,
					 (const char *)data + c.lines[i].start,
					 c.lines[i].len, &x);
	} else {
		fz_expect_record(&c, (const char *)data, size, &x);
	}

	before = fz_count(fz_eng);
	rc = vl_engine_ingest_memory(fz_eng, "fuzz", (const char *)data, size,
				     format == FZ_TXT ? "txt" : "jsonl", &o,
				     &st);
	CHECK(rc == 0);
	after = fz_count(fz_eng);

	/* Counters. */
	stored = st.added + st.updated + st.unchanged;
	CHECK(st.read == stored + st.rejected);
	CHECK(st.rejected == c.n_errors);
	CHECK(st.bytes == size);
	CHECK(after == before + (int64_t)st.added);
	CHECK(c.progress_calls >= 1); /* at least the final call */
	CHECK(c.last_read == st.read);
	/* What the bytes alone decide. */
	CHECK(st.read == x.records);
	CHECK(c.n_binary == x.binary);
	CHECK(c.n_utf8 == x.utf8);
	CHECK(st.repaired == x.repaired);
	CHECK(c.n_toobig >= x.toobig);
	if (format == FZ_TXT) {
		CHECK(st.read == 1);
		if (!x.toobig && !x.binary && !x.utf8) {
			if (fz_blank(data, size))
				CHECK(c.n_empty == 1);
			else if (!fz_date_marker(data, size) &&
				 c.max_bytes >= 3 * size)
				CHECK(stored == 1);
		}
		if (c.n_empty)
			CHECK(fz_blank(data, size) ||
			      fz_date_marker(data, size));
		/* What is stored is a piece of NFC(repair(input)). */
		if (stored && !shared) {
			CHECK(vl_text_nfc(&nfc, &nfc_len, (const char *)data,
					  size, 1, NULL) == 0);
			c.expect_text = nfc;
			c.expect_len = nfc_len;
		}
	}

	/* Read back what this input stored (its own source only). */
	if (!shared) {
		c.mirror = fz_mirror;
		q.source = source;
		rc = vl_engine_each_article(fz_eng, &q, fz_check_article, &c);
		CHECK(rc == 0);
		CHECK(c.n_visited <= st.added + st.updated);
		if (format == FZ_TXT) {
			CHECK(c.n_visited == stored);
			CHECK(c.n_match == stored);
		}
		c.mirror = NULL;
		c.expect_text = NULL;
	}
	/* Now and then, every article (recleaned ones too) and the stats. */
	if (fz_iter % FULL_SCAN_EVERY == 0 || fz_iter % RESET_EVERY == 0 ||
	    shared) {
		vl_stats *s = NULL;
		char *json = NULL;
		if (!shared || fz_iter % 8 == 0) {
			q.source = shared ? source : NULL;
			c.n_visited = 0;
			rc = vl_engine_each_article(fz_eng, &q,
						    fz_check_article, &c);
			CHECK(rc == 0);
			CHECK(shared || (int64_t)c.n_visited == after);
		}
		CHECK(vl_engine_stats(fz_eng, &s) == 0 && s);
		CHECK(vl_stats_json(&json, s) == 0 && json);
		vl_free(json);
		vl_stats_free(s);
	}
	if (fz_verbose())
		fprintf(stderr,
			"%s: read %zu added %zu updated %zu unchanged %zu"
			" rejected %zu (binary %zu utf8 %zu empty %zu toobig "
			"%zu"
			" format %zu) repaired %zu removed %zu recleaned %zu"
			" checked %zu\n",
			format == FZ_TXT ? "txt" : "jsonl", st.read, st.added,
			st.updated, st.unchanged, st.rejected, c.n_binary,
			c.n_utf8, c.n_empty, c.n_toobig, c.n_format,
			st.repaired, st.removed_lines, st.recleaned,
			c.n_visited);
	vl_free(nfc);
	free(c.lines);
}

#endif /* FZ_INGEST */
#endif /* VL_FUZZ_COMMON_H */
