/*
 * fuzz_chrono_cases.c — libFuzzer target for the reader of chrono's test
 * files (src/dates/chrono_cases.c), then the date stage on each case's
 * text with each reading (src/dates/), as `veille eval dates` runs them.
 *
 * Invariants (abort() when broken):
 *   - the reader returns 0 (or VL_ENOMEM); a skipped call is counted
 *     with a line inside the input and a message;
 *   - every case has a NUL-terminated text of text_len bytes without an
 *     inner NUL, a line and an offset inside the input, a language;
 *   - the dates found lie inside the text, in order, without overlap, on
 *     character boundaries, with first <= last and a known granularity.
 */
#include "common.h"
#include "dates/chrono_cases.h"
#include "dates/dates.h"

static void check_dates(const vl_chrono_case *c, int reading)
{
	vl_analysis *an = NULL;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_dates_opts o = VL_DATES_OPTS_INIT;
	vl_dates ds;
	char *nfc = NULL;
	size_t len = 0, prev = 0;
	int32_t ref = c->has_ref ? c->ref_day : 20000;

	if (vl_text_nfc(&nfc, &len, c->text, c->text_len, 1, NULL))
		return;
	ao.detect_language = 0;
	if (vl_analyze(&an, nfc, len, &ao, NULL)) {
		vl_free(nfc);
		return;
	}
	o.reading = reading;
	o.ref_minute = c->ref_minute;
	CHECK(vl__dates_find_opts(&ds, nfc, len, an, ref, c->lang, &o) == 0);
	for (size_t i = 0; i < ds.n; i++) {
		const vl_date *d = &ds.v[i];
		char iso[64];
		CHECK(d->start < d->end && d->end <= len);
		CHECK(d->start >= prev);
		CHECK(fz_boundary(nfc, len, d->start) &&
		      fz_boundary(nfc, len, d->end));
		CHECK(d->first <= d->last);
		CHECK(d->gran >= VL_GRAN_DAY && d->gran <= VL_GRAN_PART);
		CHECK(vl__date_iso(d, iso, sizeof iso) > 0);
		prev = d->end;
	}
	vl__dates_free(&ds);
	vl_analysis_free(an);
	vl_free(nfc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	vl_chrono_cases cs;
	size_t lines = 1;
	int rc;

	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	rc = vl__chrono_cases_parse(&cs, (const char *)data, size);
	if (rc) {
		CHECK(rc == VL_ENOMEM || rc == VL_ETOOBIG);
		CHECK(cs.n == 0 && cs.v == NULL);
		return 0;
	}
	if (cs.skipped)
		CHECK(cs.err_line >= 1 && cs.err_line <= lines &&
		      cs.err_offset < size && cs.err_msg[0]);
	for (size_t i = 0; i < cs.n; i++) {
		const vl_chrono_case *c = &cs.v[i];
		CHECK(c->text && c->text[c->text_len] == '\0');
		CHECK(strlen(c->text) == c->text_len);
		CHECK(c->line >= 1 && c->line <= lines && c->offset < size);
		CHECK(!strcmp(c->lang, "fr") || !strcmp(c->lang, "en"));
		CHECK(i == 0 || c->offset > cs.v[i - 1].offset);
		check_dates(c, c->forward ? VL_READ_FORWARD : VL_READ_NEWS);
		check_dates(c, VL_READ_NEAREST);
	}
	vl__chrono_cases_free(&cs);
	return 0;
}
