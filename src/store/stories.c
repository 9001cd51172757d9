/*
 * stories.c — the store's side of the story stage: story rows, each
 * article's story, the saved state of the stage, and reading stories
 * back for the public API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/alloc.h"
#include "util/buf.h"

static int64_t column_ts(sqlite3_stmt *q, int col)
{
	return sqlite3_column_type(q, col) == SQLITE_NULL
		       ? INT64_MIN
		       : sqlite3_column_int64(q, col);
}

static void bind_ts(sqlite3_stmt *q, int i, int64_t ts)
{
	if (ts == INT64_MIN)
		sqlite3_bind_null(q, i);
	else
		sqlite3_bind_int64(q, i, ts);
}

int vl__store_story_new(vl_store *st, int64_t *id)
{
	int rc = vl__store_step_done(st, vl__store_stmt(st, S_STORY_NEW));

	*id = rc ? 0 : sqlite3_last_insert_rowid(st->db);
	return rc;
}

int vl__store_story_save(vl_store *st, const vl_store_story *s)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_STORY_SAVE);

	sqlite3_bind_int64(q, 1, s->id);
	vl__store_bind_text(q, 2, s->label);
	bind_ts(q, 3, s->first_ts);
	bind_ts(q, 4, s->last_ts);
	sqlite3_bind_int64(q, 5, s->representative);
	sqlite3_bind_double(q, 6, s->rep_score);
	vl__store_bind_text(q, 7, s->keywords);
	sqlite3_bind_blob(q, 8, s->centroid, (int)s->centroid_len,
			  SQLITE_STATIC);
	sqlite3_bind_int(q, 9, s->added);
	return vl__store_step_done(st, q);
}

int vl__store_story_rescore(vl_store *st, int64_t id, double rep_score)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_STORY_RESCORE);

	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_double(q, 2, rep_score);
	return vl__store_step_done(st, q);
}

int vl__store_story_merge(vl_store *st, int64_t from, int64_t into)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ADD_COUNT);
	int rc;

	sqlite3_bind_int64(q, 1, from);
	sqlite3_bind_int64(q, 2, into);
	if ((rc = vl__store_step_done(st, q)))
		return rc;
	q = vl__store_stmt(st, S_MOVE_STORY);
	sqlite3_bind_int64(q, 1, from);
	sqlite3_bind_int64(q, 2, into);
	if ((rc = vl__store_step_done(st, q)))
		return rc;
	q = vl__store_stmt(st, S_DEL_STORY);
	sqlite3_bind_int64(q, 1, from);
	return vl__store_step_done(st, q);
}

int vl__store_story_recount(vl_store *st, int64_t id, int delta)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_STORY_RECOUNT);

	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, delta);
	return vl__store_step_done(st, q);
}

int vl__store_set_story(vl_store *st, int64_t rowid, int64_t story,
			double score, const char *why)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_SET_STORY);

	sqlite3_bind_int64(q, 1, rowid);
	sqlite3_bind_int64(q, 2, story);
	sqlite3_bind_double(q, 3, score);
	vl__store_bind_text(q, 4, why);
	return vl__store_step_done(st, q);
}

int vl__store_story_of(vl_store *st, int64_t rowid, int64_t *story)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_STORY_OF);
	int rc;

	*story = 0;
	sqlite3_bind_int64(q, 1, rowid);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*story = sqlite3_column_int64(q, 0);
	else if (rc != SQLITE_DONE)
		return vl__store_fail(st, rc);
	return 0;
}

/* Append the int64 of column 0 of each row to *out. */
static int collect(vl_store *st, sqlite3_stmt *q, int64_t **out, size_t *n)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *v;
			cap = cap ? 2 * cap : 16;
			if (!(v = vl__realloc(*out, cap * sizeof *v))) {
				vl__freep(*out);
				*out = NULL;
				*n = 0;
				return VL_ENOMEM;
			}
			*out = v;
		}
		(*out)[(*n)++] = sqlite3_column_int64(q, 0);
	}
	if (rc != SQLITE_DONE) {
		vl__freep(*out);
		*out = NULL;
		*n = 0;
		return vl__store_fail(st, rc);
	}
	return 0;
}

int vl__store_linked(vl_store *st, int64_t rowid, int64_t **out, size_t *n)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_LINKED);

	sqlite3_bind_int64(q, 1, rowid);
	return collect(st, q, out, n);
}

int vl__store_state_get(vl_store *st, const char *key, unsigned char **value,
			size_t *len, int64_t *upto)
{
	sqlite3_stmt *q;
	int rc;

	*value = NULL;
	*len = 0;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT value, upto FROM story_state"
			       " WHERE key = ?",
			       -1, &q, NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(q, 0);
		const void *v = sqlite3_column_blob(q, 0);

		*upto = sqlite3_column_int64(q, 1);
		if (!(*value = vl__malloc(n ? n : 1))) {
			rc = VL_ENOMEM;
		} else {
			if (n)
				memcpy(*value, v, n);
			*len = n;
			rc = 0;
		}
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_finalize(q);
	return rc;
}

int vl__store_state_put(vl_store *st, const char *key, const void *value,
			size_t len, int64_t upto)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_STATE_PUT);

	vl__store_bind_text(q, 1, key);
	sqlite3_bind_blob64(q, 2, value, len, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, upto);
	return vl__store_step_done(st, q);
}

int vl__store_stories_clear(vl_store *st)
{
	char *e = NULL;

	if (sqlite3_exec(st->db,
			 "DELETE FROM stories; DELETE FROM story_state;"
			 " UPDATE articles SET story = NULL,"
			 " story_score = NULL, story_why = NULL"
			 " WHERE story IS NOT NULL;",
			 NULL, NULL, &e) != SQLITE_OK) {
		snprintf(st->msg, sizeof st->msg, "%s", e ? e : "error");
		sqlite3_free(e);
		return VL_EDB;
	}
	return 0;
}

/* An undated article's time is the day its text gave (published_day). */
#define TEXT_COLUMNS                                                  \
	"SELECT rowid, title, COALESCE(clean, original), lang,"       \
	" COALESCE(published_ts, published_day * 86400), ingested_at" \
	" FROM articles"

static int each_text_row(vl_store *st, sqlite3_stmt *q,
			 int (*cb)(const vl_store_text *t, void *payload),
			 void *payload, int *found)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		vl_store_text t;

		t.rowid = sqlite3_column_int64(q, 0);
		t.title = (const char *)sqlite3_column_text(q, 1);
		t.text = (const char *)sqlite3_column_text(q, 2);
		t.text_len = (size_t)sqlite3_column_bytes(q, 2);
		t.lang = (const char *)sqlite3_column_text(q, 3);
		t.ts = sqlite3_column_type(q, 4) == SQLITE_NULL
			       ? INT64_MIN
			       : sqlite3_column_int64(q, 4);
		t.ingested_at = sqlite3_column_int64(q, 5);
		*found = 1;
		if (!t.text)
			t.text = "";
		if (cb(&t, payload))
			return VL_ESTOPPED;
	}
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_each_text(vl_store *st, int64_t after, int by_time,
			int (*cb)(const vl_store_text *t, void *payload),
			void *payload)
{
	sqlite3_stmt *q;
	int rc, found = 0;

	if (sqlite3_prepare_v2(st->db,
			       by_time ? TEXT_COLUMNS
				       " WHERE rowid > ? ORDER BY"
				       " COALESCE(published_ts,"
				       " published_day * 86400, ingested_at),"
				       " rowid"
				       : TEXT_COLUMNS
				       " WHERE rowid > ? ORDER BY rowid",
			       -1, &q, NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_int64(q, 1, after);
	rc = each_text_row(st, q, cb, payload, &found);
	sqlite3_finalize(q);
	return rc;
}

int vl__store_text_of(vl_store *st, const char *id,
		      int (*cb)(const vl_store_text *t, void *payload),
		      void *payload)
{
	sqlite3_stmt *q;
	int rc, found = 0;

	if (sqlite3_prepare_v2(st->db, TEXT_COLUMNS " WHERE id = ?", -1, &q,
			       NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	rc = each_text_row(st, q, cb, payload, &found);
	sqlite3_finalize(q);
	return rc ? rc : found ? 0 : VL_ENOTFOUND;
}

#define STORY_STATE \
	"SELECT id, first_ts, last_ts, centroid, n_articles FROM stories"

/* cb for each row of a STORY_STATE query. */
static int state_rows(vl_store *st, sqlite3_stmt *q,
		      int (*cb)(const vl_store_story *s, int64_t n_articles,
				void *payload),
		      void *payload)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		vl_store_story s;

		memset(&s, 0, sizeof s);
		s.id = sqlite3_column_int64(q, 0);
		s.first_ts = column_ts(q, 1);
		s.last_ts = column_ts(q, 2);
		s.centroid = sqlite3_column_blob(q, 3);
		s.centroid_len = (size_t)sqlite3_column_bytes(q, 3);
		if (cb(&s, sqlite3_column_int64(q, 4), payload))
			return VL_ESTOPPED;
	}
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_each_live_story(vl_store *st, int64_t since, int64_t since_wall,
			      int (*cb)(const vl_store_story *s,
					int64_t n_articles, void *payload),
			      void *payload)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(st->db,
			       STORY_STATE
			       " WHERE last_ts >= ?1 OR (last_ts IS NULL AND"
			       " id IN (SELECT story FROM articles"
			       " WHERE ingested_at >= ?2)) ORDER BY id",
			       -1, &q, NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_int64(q, 1, since);
	sqlite3_bind_int64(q, 2, since_wall);
	rc = state_rows(st, q, cb, payload);
	sqlite3_finalize(q);
	return rc;
}

int vl__store_story_state(vl_store *st, int64_t id,
			  int (*cb)(const vl_store_story *s, int64_t n_articles,
				    void *payload),
			  void *payload)
{
	sqlite3_stmt *q;
	int rc;

	if (sqlite3_prepare_v2(st->db, STORY_STATE " WHERE id = ?", -1, &q,
			       NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_int64(q, 1, id);
	rc = state_rows(st, q, cb, payload);
	sqlite3_finalize(q);
	return rc;
}

int vl__store_story_clock(vl_store *st, int64_t *clock)
{
	sqlite3_stmt *q;
	int rc;

	*clock = INT64_MIN;
	if (sqlite3_prepare_v2(st->db, "SELECT max(last_ts) FROM stories", -1,
			       &q, NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		*clock = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
						     : vl__store_fail(st, rc);
}

/* ---- reading stories ---- */

/* Strings of one story, owned here while cb runs. */
typedef struct story_strings {
	vl_buf pool;	/* every string, NUL-terminated */
	size_t *off[3]; /* articles, sources, keywords: offsets in pool */
	size_t n[3], cap[3];
} story_strings;

static int add_string(story_strings *ss, int list, const char *s, size_t len)
{
	if (ss->n[list] == ss->cap[list]) {
		size_t cap = ss->cap[list] ? 2 * ss->cap[list] : 16;
		size_t *v = vl__realloc(ss->off[list], cap * sizeof *v);
		if (!v)
			return VL_ENOMEM;
		ss->off[list] = v;
		ss->cap[list] = cap;
	}
	ss->off[list][ss->n[list]++] = ss->pool.len;
	if (vl_buf_put(&ss->pool, s, len) || vl_buf_putc(&ss->pool, '\0'))
		return VL_ENOMEM;
	return 0;
}

static int column_list(vl_store *st, sqlite3_stmt *q, story_strings *ss,
		       int list)
{
	int rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (add_string(ss, list,
			       (const char *)sqlite3_column_text(q, 0),
			       (size_t)sqlite3_column_bytes(q, 0)))
			return VL_ENOMEM;
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

/* The arrays of pointers into the pool (valid until the pool grows). */
static const char **pointers(const story_strings *ss, int list)
{
	const char **p =
		vl__malloc((ss->n[list] ? ss->n[list] : 1) * sizeof *p);
	for (size_t i = 0; p && i < ss->n[list]; i++)
		p[i] = ss->pool.ptr + ss->off[list][i];
	return p;
}

static int one_story(vl_store *st, sqlite3_stmt *row, sqlite3_stmt *arts,
		     sqlite3_stmt *srcs,
		     int (*cb)(const vl_story *s, void *payload), void *payload)
{
	story_strings ss;
	vl_buf label = VL_BUF_INIT;
	const char **lists[3] = { NULL, NULL, NULL };
	const char *kw = (const char *)sqlite3_column_text(row, 5);
	vl_story s;
	int rc;

	memset(&ss, 0, sizeof ss);
	vl_buf_init(&ss.pool);
	memset(&s, 0, sizeof s);
	s.id = sqlite3_column_int64(row, 0);
	sqlite3_reset(arts);
	sqlite3_bind_int64(arts, 1, s.id);
	sqlite3_reset(srcs);
	sqlite3_bind_int64(srcs, 1, s.id);
	if ((rc = column_list(st, arts, &ss, 0)) ||
	    (rc = column_list(st, srcs, &ss, 1)))
		goto done;
	for (const char *p = kw; p && *p && !rc;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		rc = add_string(&ss, 2, p, len);
		p += len + (nl != NULL);
	}
	for (int i = 0; i < 3 && !rc; i++)
		if (!(lists[i] = pointers(&ss, i)))
			rc = VL_ENOMEM;
	if (rc)
		goto done;
	s.label = (const char *)sqlite3_column_text(row, 1);
	if (!s.label || !*s.label) { /* no title: its first keywords */
		for (size_t i = 0; i < ss.n[2] && i < 3 && !rc; i++)
			if ((i && vl_buf_puts(&label, ", ")) ||
			    vl_buf_puts(&label, lists[2][i]))
				rc = VL_ENOMEM;
		s.label = label.len ? label.ptr : NULL;
	}
	s.first_published = (const char *)sqlite3_column_text(row, 2);
	s.last_published = (const char *)sqlite3_column_text(row, 3);
	s.representative = (const char *)sqlite3_column_text(row, 4);
	s.n_articles = ss.n[0];
	s.articles = lists[0];
	s.n_sources = ss.n[1];
	s.sources = lists[1];
	s.n_keywords = ss.n[2];
	s.keywords = lists[2];
	if (!rc)
		rc = cb(&s, payload) ? VL_ESTOPPED : 0;
done:
	vl_buf_free(&label);
	for (int i = 0; i < 3; i++) {
		vl__freep(lists[i]);
		vl__freep(ss.off[i]);
	}
	vl_buf_free(&ss.pool);
	return rc;
}

int vl__store_each_story(vl_store *st, int64_t only, int64_t since_ts,
			 size_t min_articles, size_t limit,
			 int (*cb)(const vl_story *s, void *payload),
			 void *payload)
{
	sqlite3_stmt *row = NULL, *arts = NULL, *srcs = NULL;
	int rc = 0, found = 0;

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
	if (sqlite3_prepare_v2(
		    st->db,
		    "SELECT s.id, s.label, " ISO("s.first_ts") ", " ISO(
			    "s.last_ts") ", a.id, s.keywords FROM stories s"
					 " LEFT JOIN articles a"
					 " ON a.rowid = s.representative"
					 " WHERE (?1 = 0 OR s.id = ?1)"
					 " AND (?2 IS NULL OR s.last_ts >= ?2)"
					 " AND s.n_articles >= ?3"
					 " ORDER BY s.last_ts DESC, s.id DESC"
					 " LIMIT ?4",
		    -1, &row, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db,
			       "SELECT id FROM articles WHERE story = ?"
			       " ORDER BY COALESCE(published_ts, ingested_at),"
			       " rowid",
			       -1, &arts, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st->db,
			       "SELECT source FROM articles WHERE story = ?"
			       " GROUP BY source"
			       " ORDER BY count(*) DESC, source",
			       -1, &srcs, NULL) != SQLITE_OK) {
		rc = vl__store_fail(st, 0);
		goto done;
	}
#undef ISO
	sqlite3_bind_int64(row, 1, only);
	bind_ts(row, 2, since_ts); /* INT64_MIN: no --since, undated too */
	sqlite3_bind_int64(row, 3, (sqlite3_int64)min_articles);
	sqlite3_bind_int64(row, 4, limit ? (sqlite3_int64)limit : -1);
	while (!rc && (rc = sqlite3_step(row)) == SQLITE_ROW) {
		found = 1;
		rc = one_story(st, row, arts, srcs, cb, payload);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = vl__store_fail(st, rc);
	if (!rc && only && !found)
		rc = VL_ENOTFOUND;
done:
	sqlite3_finalize(row);
	sqlite3_finalize(arts);
	sqlite3_finalize(srcs);
	return rc;
}

int vl__store_why(vl_store *st, const char *id, int64_t *story, char **why)
{
	sqlite3_stmt *q;
	int rc;

	*story = 0;
	if (why)
		*why = NULL;
	if (sqlite3_prepare_v2(st->db,
			       "SELECT story, story_why FROM articles"
			       " WHERE id = ?",
			       -1, &q, NULL) != SQLITE_OK)
		return vl__store_fail(st, 0);
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(q, 1);
		*story = sqlite3_column_int64(q, 0);
		rc = 0;
		if (why && w && !(*why = vl__strdup(w)))
			rc = VL_ENOMEM;
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_finalize(q);
	return rc;
}
