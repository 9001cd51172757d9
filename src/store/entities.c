/*
 * entities.c — the store's side of the entity stage: entity rows, the
 * identities leading to them, their written names and each article's
 * mentions. Reading them for the public API is in entities_read.c.
 */
#include <string.h>

#include "store/store_int.h"
#include "util/alloc.h"

int vl__store_entity_by_ident(vl_store *st, const char *ident, int64_t *id)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_BY_IDENT);
	int rc;

	vl__store_bind_text(q, 1, ident);
	rc = sqlite3_step(q);
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
	sqlite3_reset(q);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
}

int vl__store_entity_new(vl_store *st, int type, const char *name,
			 const char *surname, int64_t *id)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_NEW);
	int rc;

	sqlite3_bind_int(q, 1, type);
	vl__store_bind_text(q, 2, name);
	vl__store_bind_text(q, 3, surname);
	rc = vl__store_step_done(st, q);
	*id = rc ? 0 : sqlite3_last_insert_rowid(st->db);
	return rc;
}

int vl__store_entity_key(vl_store *st, const char *ident, int64_t id)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_KEY);

	vl__store_bind_text(q, 1, ident);
	sqlite3_bind_int64(q, 2, id);
	return vl__store_step_done(st, q);
}

int vl__store_entity_unkey(vl_store *st, const char *ident)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_UNKEY);

	vl__store_bind_text(q, 1, ident);
	return vl__store_step_done(st, q);
}

int vl__store_entity_persons(vl_store *st, const char *surname, int64_t ids[2],
			     size_t *n)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_PERSONS);
	int rc;

	*n = 0;
	vl__store_bind_text(q, 1, surname);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW && *n < 2)
		ids[(*n)++] = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0
						     : vl__store_fail(st, rc);
}

int vl__store_entity_count(vl_store *st, int64_t id, int d_mentions,
			   int d_articles)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_COUNT);

	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, d_mentions);
	sqlite3_bind_int(q, 3, d_articles);
	return vl__store_step_done(st, q);
}

int vl__store_entity_variant(vl_store *st, int64_t id, const char *variant,
			     int delta)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_ENT_VARIANT);
	int rc;

	sqlite3_bind_int64(q, 1, id);
	vl__store_bind_text(q, 2, variant);
	sqlite3_bind_int(q, 3, delta);
	if ((rc = vl__store_step_done(st, q)) || delta > 0)
		return rc;
	q = vl__store_stmt(st, S_ENT_VARIANT_DROP);
	sqlite3_bind_int64(q, 1, id);
	vl__store_bind_text(q, 2, variant);
	return vl__store_step_done(st, q);
}

static int exec_ids(vl_store *st, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(st->db, sql, -1, &q, NULL);

	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	rc = vl__store_step_done(st, q);
	sqlite3_finalize(q);
	return rc;
}

int vl__store_entity_merge(vl_store *st, int64_t from, int64_t into)
{
	/* clang-format off */
	static const char *const steps[] = {
		"UPDATE mentions SET entity=?2 WHERE entity=?1",
		"INSERT INTO entity_variants(entity, variant, n)"
		" SELECT ?2, variant, n FROM entity_variants WHERE entity=?1"
		" ON CONFLICT(entity, variant)"
		" DO UPDATE SET n=n + excluded.n",
		"DELETE FROM entity_variants WHERE entity=?1",
		"UPDATE entity_keys SET entity=?2 WHERE entity=?1",
		"UPDATE entities SET"
		" n_mentions=(SELECT count(*) FROM mentions WHERE entity=?2),"
		" n_articles=(SELECT count(DISTINCT article) FROM mentions"
		" WHERE entity=?2) WHERE id=?2",
		"DELETE FROM entities WHERE id=?1 AND ?2 <> ?1",
	};
	/* clang-format on */
	int rc = 0;

	if (from == into)
		return 0;
	for (size_t i = 0; i < sizeof steps / sizeof *steps && !rc; i++)
		rc = exec_ids(st, steps[i], from, into);
	return rc;
}

int vl__store_mention_add(vl_store *st, int64_t article,
			  const vl_store_mention *m)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_MENTION_ADD);

	sqlite3_bind_int64(q, 1, article);
	sqlite3_bind_int64(q, 2, m->start);
	sqlite3_bind_int64(q, 3, m->end);
	sqlite3_bind_int64(q, 4, m->entity);
	sqlite3_bind_int(q, 5, m->type);
	sqlite3_bind_int(q, 6, m->how);
	return vl__store_step_done(st, q);
}

int vl__store_mentions_of(vl_store *st, int64_t article, vl_store_mention **out,
			  size_t *n)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_MENTIONS_OF);
	vl_store_mention *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	sqlite3_bind_int64(q, 1, article);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (*n == cap) {
			vl_store_mention *g;
			cap = cap ? 2 * cap : 32;
			if (!(g = vl__realloc(v, cap * sizeof *g))) {
				rc = VL_ENOMEM;
				break;
			}
			v = g;
		}
		v[*n].start = sqlite3_column_int64(q, 0);
		v[*n].end = sqlite3_column_int64(q, 1);
		v[*n].entity = sqlite3_column_int64(q, 2);
		v[*n].type = sqlite3_column_int(q, 3);
		v[*n].how = sqlite3_column_int(q, 4);
		(*n)++;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		vl__freep(v);
		*n = 0;
		return rc == VL_ENOMEM ? rc : vl__store_fail(st, rc);
	}
	*out = v;
	return 0;
}

int vl__store_mentions_del(vl_store *st, int64_t article)
{
	sqlite3_stmt *q = vl__store_stmt(st, S_MENTIONS_DEL);

	sqlite3_bind_int64(q, 1, article);
	return vl__store_step_done(st, q);
}
