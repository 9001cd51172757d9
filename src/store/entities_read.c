/*
 * entities_read.c — reading entities back for the public API: the
 * store's entities with their written names, a story's entities counted
 * in that story (names as its articles wrote them), where an entity
 * appears.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities/span.h"
#include "store/store_int.h"
#include "util/alloc.h"
#include "util/buf.h"

/* Most variants listed per entity. */
#define MAX_VARIANTS 64

/* Variants of one entity, gathered: names in `names`, NUL-separated. */
typedef struct variants {
	vl_buf names;
	uint32_t off[MAX_VARIANTS];
	int64_t count[MAX_VARIANTS];
	const char *ptr[MAX_VARIANTS];
	size_t n;
} variants;

static int prepare(vl_store *st, const char *sql, sqlite3_stmt **q)
{
	int rc = sqlite3_prepare_v2(st->db, sql, -1, q, NULL);
	return rc == SQLITE_OK ? 0 : vl__store_fail(st, rc);
}

static void variants_reset(variants *v)
{
	vl_buf_clear(&v->names);
	v->n = 0;
}

/* Count `name` (len bytes) once more. */
static int variants_add(variants *v, const char *name, size_t len, int64_t n)
{
	for (size_t i = 0; i < v->n; i++) {
		const char *s = v->names.ptr + v->off[i];
		if (strlen(s) == len && !memcmp(s, name, len)) {
			v->count[i] += n;
			return 0;
		}
	}
	if (v->n == MAX_VARIANTS)
		return 0;
	v->off[v->n] = (uint32_t)v->names.len;
	v->count[v->n] = n;
	if (vl_buf_put(&v->names, name, len) || vl_buf_putc(&v->names, 0))
		return VL_ENOMEM;
	v->n++;
	return 0;
}

/* Sort by count (then name) and point ptr[] at the names. */
static void variants_finish(variants *v)
{
	for (size_t i = 1; i < v->n; i++)
		for (size_t j = i; j > 0; j--) {
			const char *a = v->names.ptr + v->off[j - 1];
			const char *b = v->names.ptr + v->off[j];
			uint32_t to;
			int64_t tc;
			if (v->count[j - 1] > v->count[j] ||
			    (v->count[j - 1] == v->count[j] &&
			     strcmp(a, b) <= 0))
				break;
			to = v->off[j], v->off[j] = v->off[j - 1],
			v->off[j - 1] = to;
			tc = v->count[j], v->count[j] = v->count[j - 1],
			v->count[j - 1] = tc;
		}
	for (size_t i = 0; i < v->n; i++)
		v->ptr[i] = v->names.ptr + v->off[i];
}

static int stored_variants(vl_store *st, sqlite3_stmt *q, int64_t id,
			   variants *v)
{
	int rc;
	variants_reset(v);
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(q, 0);
		if (s &&
		    variants_add(v, s, strlen(s), sqlite3_column_int64(q, 1))) {
			sqlite3_reset(q);
			return VL_ENOMEM;
		}
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE)
		return vl__store_fail(st, rc);
	variants_finish(v);
	return 0;
}

static void fill(vl_entity *e, sqlite3_stmt *row, const variants *v)
{
	e->id = sqlite3_column_int64(row, 0);
	e->type = vl__ent_type_name(sqlite3_column_int(row, 1));
	e->name = (const char *)sqlite3_column_text(row, 2);
	e->n_mentions = sqlite3_column_int64(row, 3);
	e->n_articles = sqlite3_column_int64(row, 4);
	e->n_variants = v->n;
	e->variants = v->ptr;
	e->variant_counts = v->count;
}

static int each_stored(vl_store *st, int type, int64_t only, size_t limit,
		       int (*cb)(const vl_entity *e, void *payload),
		       void *payload)
{
	sqlite3_stmt *row = NULL, *var = NULL;
	variants v;
	int rc;

	memset(&v, 0, sizeof v);
	vl_buf_init(&v.names);
	if ((rc = prepare(st,
			  "SELECT id, type, name, n_mentions, n_articles"
			  " FROM entities WHERE (?1 = 0 OR type = ?1)"
			  " AND (?2 = 0 OR id = ?2) AND n_mentions > 0"
			  " ORDER BY n_mentions DESC, id LIMIT ?3",
			  &row)) ||
	    (rc = prepare(st,
			  "SELECT variant, n FROM entity_variants"
			  " WHERE entity = ? ORDER BY n DESC, variant LIMIT 64",
			  &var)))
		goto done;
	sqlite3_bind_int(row, 1, type);
	sqlite3_bind_int64(row, 2, only);
	sqlite3_bind_int64(row, 3, limit ? (int64_t)limit : -1);
	while ((rc = sqlite3_step(row)) == SQLITE_ROW) {
		vl_entity e;
		if ((rc = stored_variants(st, var, sqlite3_column_int64(row, 0),
					  &v)))
			goto done;
		fill(&e, row, &v);
		if (cb(&e, payload)) {
			rc = VL_ESTOPPED;
			goto done;
		}
	}
	rc = rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
done:
	sqlite3_finalize(row);
	sqlite3_finalize(var);
	vl_buf_free(&v.names);
	return rc;
}

/* A story's entity, counted in it. */
typedef struct story_ent {
	int64_t id, mentions, articles;
	variants v;
} story_ent;

static int by_mentions(const void *a, const void *b)
{
	const story_ent *x = a, *y = b;
	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int gather_story(vl_store *st, int64_t story, story_ent **out, size_t *n)
{
	sqlite3_stmt *q = NULL;
	story_ent *v = NULL;
	size_t cap = 0;
	int64_t last_article = 0;
	int rc;

	*n = 0;
	if ((rc = prepare(st,
			  "SELECT m.entity, m.start, m.end, m.how, m.article,"
			  " a.clean FROM mentions m JOIN articles a"
			  " ON a.rowid = m.article WHERE a.story = ?"
			  " ORDER BY m.entity, m.article",
			  &q)))
		return rc;
	sqlite3_bind_int64(q, 1, story);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		int64_t s = sqlite3_column_int64(q, 1);
		int64_t e = sqlite3_column_int64(q, 2);
		int64_t art = sqlite3_column_int64(q, 4);
		const char *text = (const char *)sqlite3_column_text(q, 5);
		int64_t len = sqlite3_column_bytes(q, 5);
		story_ent *x;
		if (!*n || v[*n - 1].id != id) {
			if (*n == cap) {
				story_ent *g;
				cap = cap ? 2 * cap : 32;
				if (!(g = vl__realloc(v, cap * sizeof *g))) {
					rc = VL_ENOMEM;
					break;
				}
				v = g;
			}
			memset(&v[*n], 0, sizeof v[*n]);
			vl_buf_init(&v[*n].v.names);
			v[(*n)++].id = id;
			last_article = 0;
		}
		x = &v[*n - 1];
		x->mentions++;
		x->articles += art != last_article;
		last_article = art;
		/* role references ("le président russe") are not names */
		if (sqlite3_column_int(q, 3) != 5 && text && s >= 0 && s < e &&
		    e <= len &&
		    variants_add(&x->v, text + s, (size_t)(e - s), 1)) {
			rc = VL_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(q);
	*out = v;
	if (rc != SQLITE_DONE)
		return rc == VL_ENOMEM ? rc : vl__store_fail(st, rc);
	if (*n)
		qsort(v, *n, sizeof *v, by_mentions);
	return 0;
}

static int each_in_story(vl_store *st, int type, int64_t story, size_t limit,
			 int (*cb)(const vl_entity *e, void *payload),
			 void *payload)
{
	story_ent *v = NULL;
	sqlite3_stmt *row = NULL;
	size_t n = 0, shown = 0;
	int rc;

	if ((rc = gather_story(st, story, &v, &n)) ||
	    (rc = prepare(st, "SELECT id, type, name FROM entities WHERE id=?",
			  &row)))
		goto done;
	for (size_t i = 0; i < n && (!limit || shown < limit); i++) {
		vl_entity e;
		sqlite3_bind_int64(row, 1, v[i].id);
		rc = sqlite3_step(row);
		if (rc == SQLITE_ROW &&
		    (!type || sqlite3_column_int(row, 1) == type)) {
			variants_finish(&v[i].v);
			e.id = v[i].id;
			e.type = vl__ent_type_name(sqlite3_column_int(row, 1));
			e.name = (const char *)sqlite3_column_text(row, 2);
			e.n_mentions = v[i].mentions;
			e.n_articles = v[i].articles;
			e.n_variants = v[i].v.n;
			e.variants = v[i].v.ptr;
			e.variant_counts = v[i].v.count;
			shown++;
			if (cb(&e, payload)) {
				rc = VL_ESTOPPED;
				goto done;
			}
		} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			rc = vl__store_fail(st, rc);
			goto done;
		}
		sqlite3_reset(row);
	}
	rc = 0;
done:
	sqlite3_finalize(row);
	for (size_t i = 0; i < n; i++)
		vl_buf_free(&v[i].v.names);
	vl__freep(v);
	return rc;
}

int vl__store_each_entity(vl_store *st, int type, int64_t story, size_t limit,
			  int (*cb)(const vl_entity *e, void *payload),
			  void *payload)
{
	return story ? each_in_story(st, type, story, limit, cb, payload)
		     : each_stored(st, type, 0, limit, cb, payload);
}

int vl__store_entity(vl_store *st, int64_t id,
		     int (*cb)(const vl_entity *e, void *payload),
		     void *payload)
{
	return id > 0 ? each_stored(st, 0, id, 1, cb, payload) : 0;
}

static int push_id(int64_t **v, size_t *n, int64_t id)
{
	int64_t *g = vl__realloc(*v, (*n + 1) * sizeof *g);
	if (!g)
		return VL_ENOMEM;
	g[(*n)++] = id;
	*v = g;
	return 0;
}

int vl__store_entity_where(vl_store *st, int64_t id, char ***articles,
			   size_t *n_articles, int64_t **stories,
			   size_t *n_stories)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*articles = NULL;
	*stories = NULL;
	*n_articles = *n_stories = 0;
	if ((rc = prepare(st,
			  "SELECT a.id, a.story FROM articles a WHERE a.rowid"
			  " IN (SELECT article FROM mentions WHERE entity=?)"
			  " ORDER BY COALESCE(a.published_ts, a.ingested_at),"
			  " a.rowid",
			  &q)))
		return rc;
	sqlite3_bind_int64(q, 1, id);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		char **g =
			vl__realloc(*articles, (*n_articles + 1) * sizeof *g);
		int64_t s = sqlite3_column_int64(q, 1);
		int seen = 0;
		if (!g) {
			rc = VL_ENOMEM;
			break;
		}
		*articles = g;
		if (!(g[*n_articles] = vl__strdup(
			      (const char *)sqlite3_column_text(q, 0)))) {
			rc = VL_ENOMEM;
			break;
		}
		(*n_articles)++;
		for (size_t i = 0; i < *n_stories && !seen; i++)
			seen = (*stories)[i] == s;
		if (s && !seen && push_id(stories, n_stories, s)) {
			rc = VL_ENOMEM;
			break;
		}
	}
	sqlite3_finalize(q);
	if (rc == SQLITE_DONE)
		return 0;
	return rc == VL_ENOMEM ? rc : vl__store_fail(st, rc);
}

int vl__store_entities_named(vl_store *st, const char *name, int64_t *out,
			     size_t cap, size_t *n)
{
	sqlite3_stmt *q = NULL;
	int rc;

	if ((rc = prepare(st,
			  "SELECT DISTINCT entity FROM entity_variants"
			  " WHERE variant = ? COLLATE NOCASE ORDER BY entity",
			  &q)))
		return rc;
	vl__store_bind_text(q, 1, name);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(q, 0);
		int seen = 0;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = out[i] == id;
		if (!seen && *n < cap)
			out[(*n)++] = id;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int vl__store_article_text(vl_store *st, const char *id, int64_t *rowid,
			   char **text)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*text = NULL;
	if ((rc = prepare(st,
			  "SELECT rowid, coalesce(clean, original) FROM"
			  " articles WHERE id=?",
			  &q)))
		return rc;
	vl__store_bind_text(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*rowid = sqlite3_column_int64(q, 0);
		*text = vl__strdup((const char *)sqlite3_column_text(q, 1));
		rc = *text ? 0 : VL_ENOMEM;
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_finalize(q);
	return rc;
}

int vl__store_entity_name(vl_store *st, int64_t id, int *type, char *buf,
			  size_t cap)
{
	sqlite3_stmt *q = NULL;
	int rc;

	buf[0] = '\0';
	*type = 0;
	if ((rc = prepare(st, "SELECT type, name FROM entities WHERE id=?",
			  &q)))
		return rc;
	sqlite3_bind_int64(q, 1, id);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(q, 1);
		*type = sqlite3_column_int(q, 0);
		snprintf(buf, cap, "%s", s ? s : "");
		rc = 0;
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_finalize(q);
	return rc;
}
