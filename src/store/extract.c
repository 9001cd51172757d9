/*
 * extract.c — the store's side of dates, quotations and claims: writing
 * an article's (reading them back: extract_read.c).
 */
#include <math.h>

#include "store/store_int.h"

static void bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(q, i, id);
	else
		sqlite3_bind_null(q, i);
}

int vl__store_date_add(vl_store *st, int64_t article, const vl_store_date *d)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_DATE_ADD);

	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, d->start);
	sqlite3_bind_int64(q, 3, d->end);
	sqlite3_bind_int(q, 4, d->first_day);
	sqlite3_bind_int(q, 5, d->last_day);
	sqlite3_bind_int(q, 6, d->gran);
	sqlite3_bind_int(q, 7, d->part);
	sqlite3_bind_int(q, 8, d->flags);
	return vl__store_step_done(st, q);
}

int vl__store_quote_add(vl_store *st, int64_t article, const vl_store_quote *x)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_QUOTE_ADD);

	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, x->start);
	sqlite3_bind_int64(q, 3, x->end);
	sqlite3_bind_int(q, 4, x->kind);
	bind_id(q, 5, x->speaker);
	if (x->speaker_end > x->speaker_start) {
		sqlite3_bind_int64(q, 6, x->speaker_start);
		sqlite3_bind_int64(q, 7, x->speaker_end);
	} else {
		sqlite3_bind_null(q, 6);
		sqlite3_bind_null(q, 7);
	}
	if (x->cue_end > x->cue_start) {
		sqlite3_bind_int64(q, 8, x->cue_start);
		sqlite3_bind_int64(q, 9, x->cue_end);
	} else {
		sqlite3_bind_null(q, 8);
		sqlite3_bind_null(q, 9);
	}
	sqlite3_bind_int(q, 10, x->carried);
	return vl__store_step_done(st, q);
}

int vl__store_claim_add(vl_store *st, int64_t article, const vl_store_claim *c)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_CLAIM_ADD);

	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, c->start);
	sqlite3_bind_int64(q, 3, c->end);
	bind_id(q, 4, c->source);
	if (c->src_end > c->src_start) {
		sqlite3_bind_int64(q, 5, c->src_start);
		sqlite3_bind_int64(q, 6, c->src_end);
	} else {
		sqlite3_bind_null(q, 5);
		sqlite3_bind_null(q, 6);
	}
	bind_id(q, 7, c->subject);
	sqlite3_bind_int(q, 8, c->subject_inferred);
	sqlite3_bind_int(q, 9, c->polarity);
	vl__store_bind_text(q, 10, c->event);
	if (isnan(c->number))
		sqlite3_bind_null(q, 11);
	else
		sqlite3_bind_double(q, 11, c->number);
	if (c->quote_start >= 0)
		sqlite3_bind_int64(q, 12, c->quote_start);
	else
		sqlite3_bind_null(q, 12);
	return vl__store_step_done(st, q);
}

int vl__store_extracted_del(vl_store *st, int64_t article)
{
	static const int which[] = { S_DATES_DEL, S_QUOTES_DEL, S_CLAIMS_DEL };
	int rc = 0;

	for (size_t i = 0; i < sizeof which / sizeof *which && !rc; i++) {
		sqlite3_stmt *q = vl__store_stmt(st, which[i]);
		sqlite3_bind_int64(q, 1, article);
		rc = vl__store_step_done(st, q);
	}
	return rc;
}

int vl__store_published_day(vl_store *st, int64_t article, int32_t day)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_PUBLISHED_DAY);

	sqlite3_bind_int64(q, 1, article);
	if (day == INT32_MIN)
		sqlite3_bind_null(q, 2);
	else
		sqlite3_bind_int(q, 2, day);
	return vl__store_step_done(st, q);
}
