/*
 * fuzz_tokenize.c — libFuzzer target for the text stage (vl_analyze:
 * tokens, sentences, matching form, language, stems) and the display
 * normalisation (vl_text_nfc), on any bytes.
 *
 * Invariants (abort() when broken):
 *   - vl_analyze refuses exactly the inputs that are not UTF-8, with
 *     VL_EUTF8 at the first bad byte (checked against common.h's own
 *     validator); vl_text_nfc and vl_text_match_form agree;
 *   - tokens are non-empty, in order, do not overlap, lie inside the text
 *     on character boundaries, have a known kind and a NUL-terminated
 *     norm of norm_len bytes of valid UTF-8;
 *   - sentences cover every token exactly once, in order, and their
 *     offsets are those of their first and last tokens;
 *   - the matching form is the non-empty norms joined by single spaces,
 *     and vl_text_match_form gives the same bytes;
 *   - every stem is valid UTF-8; the language is a short code;
 *   - vl_text_nfc with repair always gives valid UTF-8 that vl_analyze
 *     accepts, and normalising its output again changes nothing.
 * The input length picks the options (stemming, stemming language,
 * language detection), so every input byte stays text.
 */
#include "common.h"

static void check_norm(const char *s, size_t len)
{
	CHECK(s != NULL);
	CHECK(s[len] == '\0' && strlen(s) == len);
	CHECK(fz_utf8_bad((const unsigned char *)s, len) == SIZE_MAX);
}

static void check_analysis(const vl_analysis *a, const char *text, size_t len,
			   int stemmed)
{
	size_t nt = vl_analysis_token_count(a),
	       ns = vl_analysis_sentence_count(a);
	const vl_token *t = vl_analysis_tokens(a);
	const vl_sentence *s = vl_analysis_sentences(a);
	size_t prev = 0, next_tok = 0, joined = 0, words = 0, mlen = 0, i;
	const char *m, *lang;
	char *m2 = NULL;
	size_t m2_len = 0;

	CHECK(nt == 0 || t != NULL);
	CHECK(ns == 0 || s != NULL);
	for (i = 0; i < nt; i++) {
		CHECK(t[i].start < t[i].end && t[i].end <= len);
		CHECK(t[i].start >= prev);
		CHECK(fz_boundary(text, len, t[i].start) &&
		      fz_boundary(text, len, t[i].end));
		CHECK(t[i].kind >= VL_TOK_WORD && t[i].kind <= VL_TOK_SYMBOL);
		check_norm(t[i].norm, t[i].norm_len);
		if (t[i].norm_len) {
			joined += t[i].norm_len;
			words++;
		}
		prev = t[i].end;
	}
	/* Sentences partition the token stream. */
	CHECK((nt == 0) == (ns == 0));
	for (i = 0; i < ns; i++) {
		CHECK(s[i].n_tokens >= 1);
		CHECK(s[i].first_token == next_tok);
		CHECK(s[i].first_token + s[i].n_tokens <= nt);
		CHECK(s[i].start == t[s[i].first_token].start);
		CHECK(s[i].end == t[s[i].first_token + s[i].n_tokens - 1].end);
		next_tok += s[i].n_tokens;
	}
	CHECK(next_tok == nt);
	/* The matching form. */
	m = vl_analysis_match_form(a, &mlen);
	CHECK(m != NULL);
	check_norm(m, mlen);
	CHECK(mlen == joined + (words ? words - 1 : 0));
	CHECK(vl_analysis_match_form(a, NULL) == m); /* built once */
	CHECK(vl_text_match_form(&m2, &m2_len, text, len) == 0 && m2);
	CHECK(m2_len == mlen && !memcmp(m2, m, mlen));
	vl_free(m2);
	/* Language and stems. */
	lang = vl_analysis_lang(a);
	CHECK(lang && strlen(lang) >= 2 && strlen(lang) <= 3);
	for (i = 0; i < nt; i++) {
		const char *st = vl_analysis_stem(a, i);
		CHECK(st != NULL);
		if (!stemmed)
			CHECK(st == t[i].norm);
		check_norm(st, strlen(st));
	}
	CHECK(vl_analysis_stem(a, nt) == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "fr", "en", "xx" };
	const char *text = (const char *)data;
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *a = NULL, *b = NULL;
	vl_error err;
	size_t bad = fz_utf8_bad(data, size), n1 = 0, n2 = 0;
	char *fixed = NULL, *again = NULL, *m = NULL;
	size_t mlen = 0;
	int rc;

	o.stem = (int)(size & 1u);
	o.lang = langs[(size >> 1) & 3u];
	o.detect_language = ((size >> 3) & 3u) != 0;
	memset(&err, 0, sizeof err);

	rc = vl_analyze(&a, text, size, &o, &err);
	if (bad != SIZE_MAX) {
		CHECK(rc == VL_EUTF8 && a == NULL);
		CHECK(err.code == VL_EUTF8 && err.offset == bad);
		CHECK(err.message[0] != '\0');
		CHECK(vl_text_match_form(&m, &mlen, text, size) == VL_EUTF8);
		CHECK(m == NULL);
		memset(&err, 0, sizeof err);
		CHECK(vl_text_nfc(&fixed, &n1, text, size, 0, &err) ==
		      VL_EUTF8);
		CHECK(fixed == NULL && err.offset == bad);
	} else {
		CHECK(rc == 0 && a != NULL);
		check_analysis(a, text, size, o.stem);
		vl_analysis_free(a);
		a = NULL;
		CHECK(vl_text_nfc(&fixed, &n1, text, size, 0, NULL) == 0);
		vl_free(fixed);
		fixed = NULL;
	}

	/* Repair always yields text the analyser accepts, and NFC is stable. */
	CHECK(vl_text_nfc(&fixed, &n1, text, size, 1, NULL) == 0 && fixed);
	CHECK(fixed[n1] == '\0');
	CHECK(fz_utf8_bad((const unsigned char *)fixed, n1) == SIZE_MAX);
	CHECK(vl_analyze(&b, fixed, n1, &o, NULL) == 0 && b);
	check_analysis(b, fixed, n1, o.stem);
	CHECK(vl_text_nfc(&again, &n2, fixed, n1, 0, NULL) == 0 && again);
	CHECK(n2 == n1 && !memcmp(again, fixed, n1));
	if (bad == SIZE_MAX && !memchr(text, '\0', size))
		CHECK(n1 <= 3 * size + 3); /* NFC grows text by at most 3x */

	vl_analysis_free(b);
	vl_analysis_free(NULL);
	vl_free(fixed);
	vl_free(again);
	return 0;
}
