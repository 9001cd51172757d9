/*
 * read.c — reading articles back: one by id, all in ingest order, and the
 * summary counts.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"
#include "util/alloc.h"
#include "util/buf.h"

#define ARTICLE_COLS                                                        \
	"rowid, id, source, url, title, lead, published, lang, lang_given," \
	" original, clean, extra, origin, format, sentences, body_sig,"     \
	" title_given"

static char *col_dup(sqlite3_stmt *s, int i, int *oom)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *d;
	if (!t)
		return NULL;
	d = vl__strndup((const char *)t, (size_t)sqlite3_column_bytes(s, i));
	if (!d)
		*oom = 1;
	return d;
}

void vl__article_free(vl_article *a)
{
	if (!a)
		return;
	vl__freep(a->id);
	vl__freep(a->source);
	vl__freep(a->url);
	vl__freep(a->title);
	vl__freep(a->lead);
	vl__freep(a->published);
	vl__freep(a->lang);
	vl__freep(a->original);
	vl__freep(a->clean);
	vl__freep(a->extra);
	vl__freep(a->origin);
	vl__freep(a->format);
	vl__freep(a->removed);
	vl__freep(a->sentences);
	vl__freep(a->clean_sentences);
	vl__freep(a->strings);
	vl__freep(a);
}

/* Removed lines of one article. Rows are gathered with offsets into one
 * string pool, then turned into the public array once the pool stops
 * moving. */
static int load_children(vl_store *st, vl_article *a)
{
	struct row {
		size_t start, end, reason, rule;
	} *rows = NULL, *r;
	sqlite3_stmt *s = NULL;
	vl_buf strings = VL_BUF_INIT;
	size_t n = 0, cap = 0;
	int rc;

	rc = sqlite3_prepare_v2(
		st->db,
		"SELECT start, end, reason, rule FROM removed_lines"
		" WHERE article=? ORDER BY idx",
		-1, &s, NULL);
	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	sqlite3_bind_int64(s, 1, a->rowid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n >= cap) {
			cap = cap ? cap * 2 : 8;
			if (!(r = vl__realloc(rows, cap * sizeof *r)))
				goto oom;
			rows = r;
		}
		r = &rows[n++];
		r->start = (size_t)sqlite3_column_int64(s, 0);
		r->end = (size_t)sqlite3_column_int64(s, 1);
		r->reason = strings.len;
		vl_buf_puts(&strings, (const char *)sqlite3_column_text(s, 2));
		vl_buf_putc(&strings, '\0');
		r->rule = strings.len;
		vl_buf_puts(&strings, (const char *)sqlite3_column_text(s, 3));
		vl_buf_putc(&strings, '\0');
		if (strings.oom)
			goto oom;
	}
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE) {
		rc = vl__store_fail(st, rc);
		goto done;
	}
	if (n) {
		a->removed = vl__calloc(n, sizeof *a->removed);
		a->strings = vl_buf_detach(&strings, NULL);
		if (!a->removed || !a->strings)
			goto oom;
		for (size_t i = 0; i < n; i++) {
			a->removed[i].start = rows[i].start;
			a->removed[i].end = rows[i].end;
			a->removed[i].reason = a->strings + rows[i].reason;
			a->removed[i].rule = a->strings + rows[i].rule;
		}
		a->n_removed = n;
	}
	rc = 0;
	goto done;
oom:
	rc = VL_ENOMEM;
done:
	sqlite3_finalize(s);
	vl__freep(rows);
	vl_buf_free(&strings);
	return rc;
}

static size_t get32(const unsigned char *p)
{
	return (size_t)p[0] | (size_t)p[1] << 8 | (size_t)p[2] << 16 |
	       (size_t)p[3] << 24;
}

/* Sentence spans from their packed blob (see store.c). */
static int unpack_sentences(vl_article *a, const void *blob, size_t n)
{
	const unsigned char *p = blob;
	size_t k = n / 16;

	a->n_sentences = k;
	a->sentences = vl__calloc(k ? k : 1, sizeof *a->sentences);
	a->clean_sentences = vl__calloc(k ? k : 1, sizeof *a->clean_sentences);
	if (!a->sentences || !a->clean_sentences)
		return VL_ENOMEM;
	for (size_t i = 0; i < k; i++, p += 16) {
		a->sentences[i].start = get32(p);
		a->sentences[i].end = get32(p + 4);
		a->clean_sentences[i].start = get32(p + 8);
		a->clean_sentences[i].end = get32(p + 12);
	}
	return 0;
}

static int row_to_article(vl_store *st, sqlite3_stmt *s, vl_article **out)
{
	vl_article *a = vl__calloc(1, sizeof *a);
	int oom = 0, rc;

	*out = NULL;
	if (!a)
		return VL_ENOMEM;
	a->rowid = sqlite3_column_int64(s, 0);
	a->id = col_dup(s, 1, &oom);
	a->source = col_dup(s, 2, &oom);
	a->url = col_dup(s, 3, &oom);
	a->title = col_dup(s, 4, &oom);
	a->lead = col_dup(s, 5, &oom);
	a->published = col_dup(s, 6, &oom);
	a->lang = col_dup(s, 7, &oom);
	a->lang_given = sqlite3_column_int(s, 8);
	a->original = col_dup(s, 9, &oom);
	a->clean = sqlite3_column_type(s, 10) == SQLITE_NULL
			   ? col_dup(s, 9, &oom) /* nothing was removed */
			   : col_dup(s, 10, &oom);
	a->extra = col_dup(s, 11, &oom);
	a->origin = col_dup(s, 12, &oom);
	a->format = col_dup(s, 13, &oom);
	a->body_sig = (uint64_t)sqlite3_column_int64(s, 15);
	a->title_given = sqlite3_column_int(s, 16);
	if (oom) {
		vl__article_free(a);
		return VL_ENOMEM;
	}
	if ((rc = unpack_sentences(a, sqlite3_column_blob(s, 14),
				   (size_t)sqlite3_column_bytes(s, 14))) ||
	    (rc = load_children(st, a))) {
		vl__article_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

int vl__store_load(vl_store *st, const char *id, int64_t rowid,
		   vl_article **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	rc = sqlite3_prepare_v2(
		st->db,
		id ? "SELECT " ARTICLE_COLS " FROM articles WHERE id=?"
		   : "SELECT " ARTICLE_COLS " FROM articles WHERE rowid=?",
		-1, &s, NULL);
	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	if (id)
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(s, 1, rowid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		rc = row_to_article(st, s, out);
	else if (rc == SQLITE_DONE)
		rc = VL_ENOTFOUND;
	else
		rc = vl__store_fail(st, rc);
	sqlite3_finalize(s);
	return rc;
}

int vl__store_each(vl_store *st, const vl_query *q,
		   int (*cb)(const vl_article *a, void *payload), void *payload)
{
	sqlite3_stmt *s;
	vl_article *a;
	int rc;

	rc = sqlite3_prepare_v2(st->db,
				"SELECT " ARTICLE_COLS " FROM articles"
				" WHERE (?1 IS NULL OR source=?1)"
				" AND (?2 IS NULL OR lang=?2)"
				" ORDER BY rowid LIMIT ?3",
				-1, &s, NULL);
	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	if (q && q->source)
		sqlite3_bind_text(s, 1, q->source, -1, SQLITE_STATIC);
	if (q && q->lang)
		sqlite3_bind_text(s, 2, q->lang, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, q && q->limit ? (sqlite3_int64)q->limit : -1);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((rc = row_to_article(st, s, &a)))
			break;
		rc = cb(a, payload);
		vl__article_free(a);
		if (rc) {
			rc = VL_ESTOPPED;
			break;
		}
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = vl__store_fail(st, rc);
	sqlite3_finalize(s);
	return rc;
}

/* ---- stats ---- */

typedef struct stats_impl {
	vl_stats pub;
	vl_count *counts; /* by_source, by_lang, by_reason in one array */
	vl_buf names;
	char *first, *last;
} stats_impl;

/* Rows of the three breakdowns, gathered before the name pool stops
 * moving. */
typedef struct count_rows {
	struct crow {
		size_t name; /* offset into names */
		int64_t n;
	} * v;
	size_t n, cap;
} count_rows;

static int count_query(vl_store *st, const char *sql, vl_buf *names,
		       count_rows *rows, size_t *n_out)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
	size_t before = rows->n;

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct crow *r;
		if (rows->n >= rows->cap) {
			size_t nc = rows->cap ? rows->cap * 2 : 16;
			if (!(r = vl__realloc(rows->v, nc * sizeof *r))) {
				sqlite3_finalize(s);
				return VL_ENOMEM;
			}
			rows->v = r;
			rows->cap = nc;
		}
		r = &rows->v[rows->n++];
		r->name = names->len;
		r->n = sqlite3_column_int64(s, 1);
		vl_buf_puts(names, (const char *)sqlite3_column_text(s, 0));
		vl_buf_putc(names, '\0');
	}
	sqlite3_finalize(s);
	*n_out = rows->n - before;
	if (names->oom)
		return VL_ENOMEM;
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

static int64_t scalar(vl_store *st, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = 0;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static char *scalar_text(vl_store *st, const char *sql, int *oom)
{
	sqlite3_stmt *s;
	char *v = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = col_dup(s, 0, oom);
	sqlite3_finalize(s);
	return v;
}

int vl__store_stats(vl_store *st, vl_stats **out)
{
	stats_impl *si = vl__calloc(1, sizeof *si);
	count_rows rows = { NULL, 0, 0 };
	int rc = 0, oom = 0;

	*out = NULL;
	if (!si)
		return VL_ENOMEM;
	vl_buf_init(&si->names);
	si->pub.articles = scalar(st, "SELECT count(*) FROM articles");
	si->pub.sentences = scalar(
		st,
		"SELECT coalesce(sum(length(sentences)),0)/16 FROM articles");
	si->pub.removed_lines =
		scalar(st, "SELECT count(*) FROM removed_lines");
	si->pub.sources =
		scalar(st, "SELECT count(DISTINCT source) FROM articles");
	si->pub.bytes_original =
		scalar(st, "SELECT coalesce(sum(length(CAST(original AS "
			   "BLOB))),0) FROM articles");
	si->pub.bytes_clean =
		scalar(st, "SELECT coalesce(sum(length(CAST(coalesce(clean,"
			   " original) AS BLOB))),0) FROM articles");
	si->first = scalar_text(st,
				"SELECT published FROM articles WHERE"
				" published_ts IS NOT NULL ORDER BY "
				"published_ts, rowid LIMIT 1",
				&oom);
	si->last = scalar_text(st,
			       "SELECT published FROM articles WHERE"
			       " published_ts IS NOT NULL ORDER BY "
			       "published_ts DESC, rowid LIMIT 1",
			       &oom);
	if (oom)
		rc = VL_ENOMEM;
	if (!rc)
		rc = count_query(
			st,
			"SELECT source, count(*) FROM articles GROUP BY"
			" source ORDER BY count(*) DESC, source",
			&si->names, &rows, &si->pub.n_by_source);
	if (!rc)
		rc = count_query(st,
				 "SELECT lang, count(*) FROM articles GROUP BY"
				 " lang ORDER BY count(*) DESC, lang",
				 &si->names, &rows, &si->pub.n_by_lang);
	if (!rc)
		rc = count_query(
			st,
			"SELECT reason, count(*) FROM removed_lines"
			" GROUP BY reason ORDER BY count(*) DESC, reason",
			&si->names, &rows, &si->pub.n_by_reason);
	if (!rc &&
	    !(si->counts = vl__calloc(rows.n ? rows.n : 1, sizeof *si->counts)))
		rc = VL_ENOMEM;
	if (rc) {
		vl__freep(rows.v);
		vl_stats_free(&si->pub);
		return rc;
	}
	for (size_t k = 0; k < rows.n; k++) {
		si->counts[k].name = si->names.ptr + rows.v[k].name;
		si->counts[k].n = rows.v[k].n;
	}
	si->pub.by_source = si->counts;
	si->pub.by_lang = si->counts + si->pub.n_by_source;
	si->pub.by_reason =
		si->counts + si->pub.n_by_source + si->pub.n_by_lang;
	si->pub.first_published = si->first;
	si->pub.last_published = si->last;
	vl__freep(rows.v);
	*out = &si->pub;
	return 0;
}

void vl_stats_free(vl_stats *st)
{
	stats_impl *si = (stats_impl *)st;
	if (!si)
		return;
	vl__freep(si->counts);
	vl_buf_free(&si->names);
	vl__freep(si->first);
	vl__freep(si->last);
	vl__freep(si);
}

int vl__store_each_signature(vl_store *st,
			     int (*cb)(int64_t rowid, const void *sig,
				       size_t sig_len, const void *fps,
				       size_t fps_len, void *payload),
			     void *payload)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(
		st->db,
		"SELECT rowid, signature, sentence_fps FROM articles"
		" WHERE dup_of IS NULL AND signature IS NOT NULL ORDER BY "
		"rowid",
		-1, &s, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cb(sqlite3_column_int64(s, 0), sqlite3_column_blob(s, 1),
		       (size_t)sqlite3_column_bytes(s, 1),
		       sqlite3_column_blob(s, 2),
		       (size_t)sqlite3_column_bytes(s, 2), payload)) {
			sqlite3_finalize(s);
			return VL_ESTOPPED;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_each_pair(vl_store *st,
			int (*cb)(const vl_store_pair *p, void *payload),
			void *payload)
{
	sqlite3_stmt *s;
	vl_store_pair p;
	int rc = sqlite3_prepare_v2(
		st->db,
		"SELECT p.a, p.b, x.id, y.id, p.kind, p.jaccard, p.contain_a,"
		" p.contain_b FROM dup_pairs p JOIN articles x ON x.rowid = p.a"
		" JOIN articles y ON y.rowid = p.b ORDER BY p.a, p.b",
		-1, &s, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p.a = sqlite3_column_int64(s, 0);
		p.b = sqlite3_column_int64(s, 1);
		p.id_a = (const char *)sqlite3_column_text(s, 2);
		p.id_b = (const char *)sqlite3_column_text(s, 3);
		p.kind = (const char *)sqlite3_column_text(s, 4);
		p.jaccard = sqlite3_column_double(s, 5);
		p.contain_a = sqlite3_column_double(s, 6);
		p.contain_b = sqlite3_column_double(s, 7);
		if (cb(&p, payload)) {
			sqlite3_finalize(s);
			return VL_ESTOPPED;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_each_passage(vl_store *st, int64_t rowid,
			   int (*cb)(const vl_store_passage *p, void *payload),
			   void *payload)
{
	sqlite3_stmt *s;
	vl_store_passage p;
	int rc = sqlite3_prepare_v2(
		st->db,
		"SELECT p.idx, p.other, o.id, coalesce(o.published_ts, 9e18),"
		" p.other_idx, p.score FROM passages p JOIN articles o"
		" ON o.rowid = p.other WHERE p.article = ? ORDER BY p.idx, "
		"o.rowid",
		-1, &s, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	sqlite3_bind_int64(s, 1, rowid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p.idx = (size_t)sqlite3_column_int64(s, 0);
		p.other = sqlite3_column_int64(s, 1);
		p.other_id = (const char *)sqlite3_column_text(s, 2);
		p.other_ts = sqlite3_column_type(s, 3) == SQLITE_INTEGER
				     ? sqlite3_column_int64(s, 3)
				     : INT64_MAX;
		p.other_idx = (size_t)sqlite3_column_int64(s, 4);
		p.score = sqlite3_column_double(s, 5);
		if (cb(&p, payload)) {
			sqlite3_finalize(s);
			return VL_ESTOPPED;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_article_order(vl_store *st, int64_t rowid, int64_t *ts,
			    int64_t *dup_of)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(
		st->db,
		"SELECT published_ts, dup_of FROM articles WHERE rowid=?", -1,
		&s, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	sqlite3_bind_int64(s, 1, rowid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*ts = sqlite3_column_type(s, 0) == SQLITE_INTEGER
			      ? sqlite3_column_int64(s, 0)
			      : INT64_MAX;
		*dup_of = sqlite3_column_int64(s, 1);
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_finalize(s);
	return rc;
}

int vl__store_each_copy(vl_store *st, int64_t rep, int64_t except,
			int (*cb)(int64_t rowid, const char *id, int64_t ts,
				  void *payload),
			void *payload)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(
		st->db,
		"SELECT rowid, id, published_ts FROM articles"
		" WHERE (rowid = ?1 OR dup_of = ?1) AND rowid <> ?2 ORDER BY "
		"rowid",
		-1, &s, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	sqlite3_bind_int64(s, 1, rep);
	sqlite3_bind_int64(s, 2, except);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t ts = sqlite3_column_type(s, 2) == SQLITE_INTEGER
				     ? sqlite3_column_int64(s, 2)
				     : INT64_MAX;
		if (cb(sqlite3_column_int64(s, 0),
		       (const char *)sqlite3_column_text(s, 1), ts, payload)) {
			sqlite3_finalize(s);
			return VL_ESTOPPED;
		}
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}
