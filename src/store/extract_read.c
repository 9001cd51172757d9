/*
 * extract_read.c — reading dates, quotations and claims back with their
 * articles (store.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

/* The article columns every query below starts with. */
#define ARTICLE_COLUMNS                                                    \
	"a.rowid, a.id, a.source, a.title, COALESCE(a.clean, a.original)," \
	" a.published_ts, a.published_day"
#define N_ARTICLE_COLUMNS 7
#define ARTICLE_ORDER                                                 \
	" ORDER BY COALESCE(a.published_ts, a.published_day * 86400," \
	" a.ingested_at), a.rowid"

static void read_article(sqlite3_stmt *q, vl_store_xarticle *a)
{
	a->rowid = sqlite3_column_int64(q, 0);
	a->id = (const char *)sqlite3_column_text(q, 1);
	a->source = (const char *)sqlite3_column_text(q, 2);
	a->title = (const char *)sqlite3_column_text(q, 3);
	a->text = (const char *)sqlite3_column_text(q, 4);
	a->text_len = (size_t)sqlite3_column_bytes(q, 4);
	if (!a->text)
		a->text = "";
	a->inferred = 0;
	if (sqlite3_column_type(q, 5) != SQLITE_NULL) {
		a->time = sqlite3_column_int64(q, 5);
	} else if (sqlite3_column_type(q, 6) != SQLITE_NULL) {
		a->time = sqlite3_column_int64(q, 6) * 86400;
		a->inferred = 1;
	} else {
		a->time = INT64_MIN;
	}
}

static int64_t col_or(sqlite3_stmt *q, int i, int64_t none)
{
	return sqlite3_column_type(q, i) == SQLITE_NULL
		       ? none
		       : sqlite3_column_int64(q, i);
}

static int prepare(vl_store *st, const char *sql, sqlite3_stmt **q)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, q, NULL);
	return rc == SQLITE_OK ? 0 : vl__store_fail(st, rc);
}

/* Step q to its end; `row` reads one row and calls back (non-zero
 * stops: VL_ESTOPPED). */
static int run(vl_store *st, sqlite3_stmt *q,
	       int (*row)(sqlite3_stmt *q, void *ctx), void *ctx)
{
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (row(q, ctx)) {
			sqlite3_finalize(q);
			return VL_ESTOPPED;
		}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

typedef struct date_ctx {
	int (*cb)(const vl_store_xarticle *a, const vl_store_date *d,
		  void *payload);
	void *payload;
} date_ctx;

static int date_row(sqlite3_stmt *q, void *ctx)
{
	date_ctx *c = ctx;
	vl_store_xarticle a;
	vl_store_date d;
	int k = N_ARTICLE_COLUMNS;

	read_article(q, &a);
	d.start = sqlite3_column_int64(q, k);
	d.end = sqlite3_column_int64(q, k + 1);
	d.first_day = sqlite3_column_int(q, k + 2);
	d.last_day = sqlite3_column_int(q, k + 3);
	d.gran = sqlite3_column_int(q, k + 4);
	d.part = sqlite3_column_int(q, k + 5);
	d.flags = sqlite3_column_int(q, k + 6);
	return c->cb(&a, &d, c->payload);
}

int vl__store_each_date(vl_store *st, int64_t article, int64_t story,
			int (*cb)(const vl_store_xarticle *a,
				  const vl_store_date *d, void *payload),
			void *payload)
{
	sqlite3_stmt *q = NULL;
	date_ctx c = { cb, payload };
	int rc = prepare(st,
			 "SELECT " ARTICLE_COLUMNS
			 ", d.start, d.end, d.first_day, d.last_day, d.gran,"
			 " d.part, d.flags FROM dates d JOIN articles a"
			 " ON a.rowid = d.article"
			 " WHERE (?1 = 0 OR a.rowid = ?1)"
			 " AND (?2 = 0 OR a.story = ?2)" ARTICLE_ORDER
			 ", d.start",
			 &q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, story);
	return run(st, q, date_row, &c);
}

typedef struct quote_ctx {
	int (*cb)(const vl_store_xarticle *a, const vl_store_quote *q,
		  const char *speaker_name, void *payload);
	void *payload;
} quote_ctx;

static int quote_row(sqlite3_stmt *q, void *ctx)
{
	quote_ctx *c = ctx;
	vl_store_xarticle a;
	vl_store_quote x;
	int k = N_ARTICLE_COLUMNS;

	read_article(q, &a);
	x.start = sqlite3_column_int64(q, k);
	x.end = sqlite3_column_int64(q, k + 1);
	x.kind = sqlite3_column_int(q, k + 2);
	x.speaker = col_or(q, k + 3, 0);
	x.speaker_start = col_or(q, k + 4, 0);
	x.speaker_end = col_or(q, k + 5, 0);
	x.cue_start = col_or(q, k + 6, 0);
	x.cue_end = col_or(q, k + 7, 0);
	x.carried = sqlite3_column_int(q, k + 8);
	return c->cb(&a, &x, (const char *)sqlite3_column_text(q, k + 9),
		     c->payload);
}

int vl__store_each_quote(vl_store *st, int64_t article, int64_t story,
			 int (*cb)(const vl_store_xarticle *a,
				   const vl_store_quote *q,
				   const char *speaker_name, void *payload),
			 void *payload)
{
	sqlite3_stmt *q = NULL;
	quote_ctx c = { cb, payload };
	int rc = prepare(
		st,
		"SELECT " ARTICLE_COLUMNS ", x.start, x.end, x.kind, x.speaker,"
		" x.speaker_start, x.speaker_end, x.cue_start,"
		" x.cue_end, x.carried, e.name FROM quotes x"
		" JOIN articles a ON a.rowid = x.article"
		" LEFT JOIN entities e ON e.id = x.speaker"
		" WHERE (?1 = 0 OR a.rowid = ?1)"
		" AND (?2 = 0 OR a.story = ?2)" ARTICLE_ORDER ", x.start",
		&q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, story);
	return run(st, q, quote_row, &c);
}

typedef struct claim_ctx {
	int (*cb)(const vl_store_xarticle *a, const vl_store_claim *c,
		  const char *source_name, const char *subject_name,
		  void *payload);
	void *payload;
} claim_ctx;

static int claim_row(sqlite3_stmt *q, void *ctx)
{
	claim_ctx *c = ctx;
	vl_store_xarticle a;
	vl_store_claim x;
	int k = N_ARTICLE_COLUMNS;

	read_article(q, &a);
	x.start = sqlite3_column_int64(q, k);
	x.end = sqlite3_column_int64(q, k + 1);
	x.source = col_or(q, k + 2, 0);
	x.src_start = col_or(q, k + 3, 0);
	x.src_end = col_or(q, k + 4, 0);
	x.subject = col_or(q, k + 5, 0);
	x.subject_inferred = sqlite3_column_int(q, k + 6);
	x.polarity = sqlite3_column_int(q, k + 7);
	x.event = (const char *)sqlite3_column_text(q, k + 8);
	x.number = sqlite3_column_type(q, k + 9) == SQLITE_NULL
			   ? NAN
			   : sqlite3_column_double(q, k + 9);
	x.quote_start = col_or(q, k + 10, -1);
	return c->cb(&a, &x, (const char *)sqlite3_column_text(q, k + 11),
		     (const char *)sqlite3_column_text(q, k + 12), c->payload);
}

int vl__store_each_claim(vl_store *st, int64_t story,
			 int (*cb)(const vl_store_xarticle *a,
				   const vl_store_claim *c,
				   const char *source_name,
				   const char *subject_name, void *payload),
			 void *payload)
{
	sqlite3_stmt *q = NULL;
	claim_ctx c = { cb, payload };
	int rc = prepare(st,
			 "SELECT " ARTICLE_COLUMNS
			 ", c.start, c.end, c.source, c.src_start, c.src_end,"
			 " c.subject, c.subject_inferred, c.polarity, c.event,"
			 " c.number, c.quote_start, es.name, eb.name"
			 " FROM claims c JOIN articles a ON a.rowid = c.article"
			 " LEFT JOIN entities es ON es.id = c.source"
			 " LEFT JOIN entities eb ON eb.id = c.subject"
			 " WHERE a.story = ?1" ARTICLE_ORDER ", c.start",
			 &q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, story);
	return run(st, q, claim_row, &c);
}

int vl__store_published_day_of(vl_store *st, int64_t article, int32_t *day)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(st, "SELECT published_day FROM articles WHERE rowid=?",
			 &q);

	*day = INT32_MIN;
	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, article);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		*day = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
						     : vl__store_fail(st, rc);
}

#define DATING_COLUMNS "rowid, story, published_ts, published_day, published"

static void read_dating(sqlite3_stmt *q, vl_store_dating *d)
{
	const char *p = (const char *)sqlite3_column_text(q, 4);
	d->rowid = sqlite3_column_int64(q, 0);
	d->story = col_or(q, 1, 0);
	d->ts = col_or(q, 2, INT64_MIN);
	d->text_day = sqlite3_column_type(q, 3) == SQLITE_NULL
			      ? INT32_MIN
			      : sqlite3_column_int(q, 3);
	snprintf(d->published, sizeof d->published, "%s", p ? p : "");
}

int vl__store_dating(vl_store *st, int64_t rowid, vl_store_dating *out)
{
	sqlite3_stmt *q = NULL;
	int rc = prepare(
		st, "SELECT " DATING_COLUMNS " FROM articles WHERE rowid=?",
		&q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, rowid);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		read_dating(q, out);
	sqlite3_finalize(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
}

typedef struct dating_ctx {
	int (*cb)(const vl_store_dating *d, void *payload);
	void *payload;
} dating_ctx;

static int dating_row(sqlite3_stmt *q, void *ctx)
{
	dating_ctx *c = ctx;
	vl_store_dating d;
	read_dating(q, &d);
	return c->cb(&d, c->payload);
}

int vl__store_each_dating(vl_store *st, int64_t story,
			  int (*cb)(const vl_store_dating *d, void *payload),
			  void *payload)
{
	sqlite3_stmt *q = NULL;
	dating_ctx c = { cb, payload };
	int rc = prepare(st,
			 "SELECT " DATING_COLUMNS
			 " FROM articles WHERE story=? ORDER BY rowid",
			 &q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, story);
	return run(st, q, dating_row, &c);
}

typedef struct xa_ctx {
	int (*cb)(const vl_store_xarticle *a, void *payload);
	void *payload;
} xa_ctx;

static int xa_row(sqlite3_stmt *q, void *ctx)
{
	xa_ctx *c = ctx;
	vl_store_xarticle a;
	read_article(q, &a);
	return c->cb(&a, c->payload);
}

int vl__store_xarticle(vl_store *st, int64_t rowid,
		       int (*cb)(const vl_store_xarticle *a, void *payload),
		       void *payload)
{
	sqlite3_stmt *q = NULL;
	xa_ctx c = { cb, payload };
	int rc = prepare(st,
			 "SELECT " ARTICLE_COLUMNS
			 " FROM articles a WHERE a.rowid=?",
			 &q);

	if (rc)
		return rc;
	sqlite3_bind_int64(q, 1, rowid);
	return run(st, q, xa_row, &c);
}
