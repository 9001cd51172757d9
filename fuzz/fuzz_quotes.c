/*
 * fuzz_quotes.c — libFuzzer target for the quotation stage
 * (quotes/quotes.h) on any bytes taken as an article: the text is
 * analysed (vl_analyze; non-UTF-8 input is repaired first with
 * vl_text_nfc, so that every input reaches the stage), its mentions and
 * its quotations are found.
 *
 * Invariants (abort() when broken):
 *   - the stage returns 0 on valid text;
 *   - every quotation is a non-empty span inside the text, on character
 *     boundaries, in text order by start; its cue, when given, too;
 *   - its kind is direct, partial or reported; its speaker is -1 or a
 *     mention of the article, and carried only with a speaker;
 *   - freeing twice (the second on an emptied set) is harmless.
 */
#include "common.h"
#include "entities/mentions.h"
#include "quotes/quotes.h"

static void check_quotes(const vl_quotes *q, const vl_ments *ms,
			 const char *text, size_t len)
{
	uint32_t prev = 0;

	CHECK(q->n == 0 || q->v != NULL);
	for (size_t i = 0; i < q->n; i++) {
		const vl_quote *x = &q->v[i];
		CHECK(x->start < x->end && x->end <= len);
		CHECK(x->start >= prev);
		CHECK(fz_boundary(text, len, x->start) &&
		      fz_boundary(text, len, x->end));
		CHECK(x->cue_start <= x->cue_end && x->cue_end <= len);
		CHECK(fz_boundary(text, len, x->cue_start) &&
		      fz_boundary(text, len, x->cue_end));
		CHECK(x->kind >= VL_QUOTE_DIRECT &&
		      x->kind <= VL_QUOTE_REPORTED);
		CHECK(x->speaker >= -1 &&
		      (x->speaker < 0 || (size_t)x->speaker < ms->n));
		CHECK(!x->carried || x->speaker >= 0);
		prev = x->start;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	char *fixed = NULL;
	size_t n = size;
	vl_analysis *an = NULL;
	vl_ments ms;
	vl_quotes q;

	memset(&ms, 0, sizeof ms);
	memset(&q, 0, sizeof q);
	if (fz_utf8_bad(data, size) != SIZE_MAX) {
		CHECK(vl_text_nfc(&fixed, &n, text, size, 1, NULL) == 0);
		text = fixed;
	}
	CHECK(vl_analyze(&an, text, n, NULL, NULL) == 0 && an);
	CHECK(vl__mentions_find(&ms, text, n, an, "fr") == 0);
	CHECK(vl__quotes_find(&q, text, n, an, &ms, "fr") == 0);
	check_quotes(&q, &ms, text, n);
	vl__quotes_free(&q);
	vl__quotes_free(&q);
	vl__quotes_free(NULL);
	vl__ments_free(&ms);
	vl_analysis_free(an);
	vl_free(fixed);
	return 0;
}
