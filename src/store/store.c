/*
 * store.c — opening the SQLite store, migrations, and writes.
 *
 * Durability: WAL journal, synchronous=NORMAL (a committed batch survives
 * a killed process; only a power cut may lose the last batches, never
 * consistency). Each ingest batch is one transaction, so a process killed
 * mid-ingest leaves every committed batch and nothing half-written.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/store_int.h"
#include "util/alloc.h"

/* Each migration moves the schema from version i to i+1. Never edit one
 * that has shipped: add a new one. */
/* clang-format off */
static const char *const migrations[] = {
	/* 1: articles, removed lines, per-source line counts */
	"CREATE TABLE articles("
	" rowid INTEGER PRIMARY KEY,"
	" id TEXT NOT NULL UNIQUE,"
	" source TEXT NOT NULL,"
	" url TEXT, title TEXT, lead TEXT,"
	" published TEXT, published_ts INTEGER,"
	" lang TEXT NOT NULL, lang_given INTEGER NOT NULL DEFAULT 0,"
	" title_given INTEGER NOT NULL DEFAULT 1,"
	/* clean is NULL when cleaning removed nothing: the text is then
	 * the original, and is not written twice */
	" original TEXT NOT NULL, clean TEXT,"
	" content_hash TEXT NOT NULL, clean_hash TEXT NOT NULL,"
	" extra TEXT, format TEXT, origin TEXT,"
	/* sentence spans, 4 little-endian uint32 each: start, end (in
	 * original), clean_start, clean_end; one blob per article because
	 * they are always read with it */
	" sentences BLOB NOT NULL,"
	/* body signature: hash of the longest line of the original; copies
	 * and updates of one dispatch share it (see source_lines) */
	" body_sig INTEGER NOT NULL,"
	" ingested_at INTEGER NOT NULL);"
	"CREATE INDEX articles_source ON articles(source);"
	"CREATE INDEX articles_published ON articles(published_ts);"
	"CREATE INDEX articles_clean_hash ON articles(clean_hash);"
	"CREATE TABLE removed_lines("
	" article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL,"
	" reason TEXT NOT NULL, rule TEXT NOT NULL,"
	" PRIMARY KEY(article, idx)) WITHOUT ROWID;"
	"CREATE TABLE source_lines("
	" source TEXT NOT NULL, hash INTEGER NOT NULL,"
	" article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" sig INTEGER NOT NULL," /* the article's body_sig */
	" PRIMARY KEY(source, hash, article)) WITHOUT ROWID;"
	"CREATE INDEX source_lines_article ON source_lines(article);"
	"CREATE INDEX source_lines_sig ON source_lines(source, hash, sig);",

	/* 2: reuse — each article's MinHash signature and sentence
	 * fingerprints (the candidate index is rebuilt from them), the exact
	 * duplicate it repeats, and the verified pairs */
	"ALTER TABLE articles ADD COLUMN signature BLOB;"
	"ALTER TABLE articles ADD COLUMN sentence_fps BLOB;"
	"ALTER TABLE articles ADD COLUMN dup_of INTEGER;"
	"CREATE TABLE dup_pairs("
	" a INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" b INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" jaccard REAL NOT NULL,"
	" contain_a REAL NOT NULL," /* share of a found in b */
	" contain_b REAL NOT NULL,"
	" kind TEXT NOT NULL," /* identical, near-duplicate, contained */
	" PRIMARY KEY(a, b)) WITHOUT ROWID;"
	"CREATE INDEX dup_pairs_b ON dup_pairs(b);"
	/* sentences two articles share: idx in article, other_idx in other,
	 * stored both ways so an article's rows are one range */
	"CREATE TABLE passages("
	" article INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" idx INTEGER NOT NULL,"
	" other INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,"
	" other_idx INTEGER NOT NULL,"
	" score REAL NOT NULL,"
	" PRIMARY KEY(article, idx, other)) WITHOUT ROWID;"
	"CREATE INDEX passages_other ON passages(other);",

	/* 3: stories — each article's story, its score and why (JSON), the
	 * stories with the centroid the live window is rebuilt from, and
	 * the learned document frequencies (a snapshot: `upto` is the last
	 * article counted; later ones are counted again on opening) */
	"ALTER TABLE articles ADD COLUMN story INTEGER;"
	"ALTER TABLE articles ADD COLUMN story_score REAL;"
	"ALTER TABLE articles ADD COLUMN story_why TEXT;"
	"CREATE INDEX articles_story ON articles(story);"
	"CREATE TABLE stories("
	" id INTEGER PRIMARY KEY,"
	" label TEXT, first_ts INTEGER, last_ts INTEGER,"
	" n_articles INTEGER NOT NULL DEFAULT 0,"
	" representative INTEGER, rep_score REAL,"
	" keywords TEXT," /* one a line */
	" centroid BLOB);"
	"CREATE INDEX stories_last ON stories(last_ts);"
	"CREATE TABLE story_state("
	" key TEXT PRIMARY KEY, value BLOB NOT NULL, upto INTEGER NOT NULL);",
	/* 4: entities — one row per real-world referent; the identities
	 * (entities/gazetteer.h, engine/entities.c) that lead to it; the
	 * names it was written with; and each article's mentions (byte
	 * offsets into the clean text). `surname` is set for persons
	 * known by their full name, to find them from a surname alone. */
	"CREATE TABLE entities("
	" id INTEGER PRIMARY KEY,"
	" type INTEGER NOT NULL," /* 1 PER, 2 LOC, 3 ORG, 4 MISC */
	" name TEXT NOT NULL, surname TEXT,"
	" n_mentions INTEGER NOT NULL DEFAULT 0,"
	" n_articles INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX entities_surname ON entities(surname);"
	"CREATE INDEX entities_type ON entities(type, n_mentions);"
	"CREATE TABLE entity_keys("
	" ident TEXT PRIMARY KEY, entity INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX entity_keys_entity ON entity_keys(entity);"
	"CREATE TABLE entity_variants("
	" entity INTEGER NOT NULL, variant TEXT NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY(entity, variant)) WITHOUT ROWID;"
	"CREATE TABLE mentions("
	" article INTEGER NOT NULL, start INTEGER NOT NULL,"
	" end INTEGER NOT NULL, entity INTEGER NOT NULL,"
	" type INTEGER NOT NULL, how INTEGER NOT NULL,"
	" PRIMARY KEY(article, start)) WITHOUT ROWID;"
	"CREATE INDEX mentions_entity ON mentions(entity, article);",
	/* 5: when and who said what — each article's dates (civil days,
	 * days since 1970-01-01), quotations (speaker: an entity) and
	 * claims (source: an entity, or a phrase at src_start..src_end);
	 * offsets into the clean text. published_day: the day an article
	 * without a publication date was given from its text (inferred) */
	"ALTER TABLE articles ADD COLUMN published_day INTEGER;"
	"CREATE TABLE dates("
	" article INTEGER NOT NULL, start INTEGER NOT NULL,"
	" end INTEGER NOT NULL, first_day INTEGER NOT NULL,"
	" last_day INTEGER NOT NULL, gran INTEGER NOT NULL,"
	" part INTEGER NOT NULL, flags INTEGER NOT NULL,"
	" PRIMARY KEY(article, start)) WITHOUT ROWID;"
	"CREATE TABLE quotes("
	" article INTEGER NOT NULL, start INTEGER NOT NULL,"
	" end INTEGER NOT NULL, kind INTEGER NOT NULL, speaker INTEGER,"
	" speaker_start INTEGER, speaker_end INTEGER,"
	" cue_start INTEGER, cue_end INTEGER, carried INTEGER NOT NULL,"
	" PRIMARY KEY(article, start)) WITHOUT ROWID;"
	"CREATE INDEX quotes_speaker ON quotes(speaker);"
	"CREATE TABLE claims("
	" id INTEGER PRIMARY KEY, article INTEGER NOT NULL,"
	" start INTEGER NOT NULL, end INTEGER NOT NULL, source INTEGER,"
	" src_start INTEGER, src_end INTEGER, subject INTEGER,"
	" subject_inferred INTEGER NOT NULL, polarity INTEGER NOT NULL,"
	" event TEXT, number REAL, quote_start INTEGER);"
	"CREATE INDEX claims_article ON claims(article);",
};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

static const char *const sql_text[N_STMT] = {
	[S_DATE_ADD] = "INSERT OR REPLACE INTO dates VALUES(?,?,?,?,?,?,?,?)",
	[S_QUOTE_ADD] =
		"INSERT OR REPLACE INTO quotes VALUES(?,?,?,?,?,?,?,?,?,?)",
	[S_CLAIM_ADD] =
		"INSERT INTO claims(article, start, end, source, src_start,"
		" src_end, subject, subject_inferred, polarity, event, number,"
		" quote_start) VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
	[S_DATES_DEL] = "DELETE FROM dates WHERE article=?",
	[S_QUOTES_DEL] = "DELETE FROM quotes WHERE article=?",
	[S_CLAIMS_DEL] = "DELETE FROM claims WHERE article=?",
	[S_PUBLISHED_DAY] = "UPDATE articles SET published_day=?2 WHERE rowid=?1",
	[S_ENT_BY_IDENT] = "SELECT entity FROM entity_keys WHERE ident=?",
	[S_ENT_NEW] =
		"INSERT INTO entities(type, name, surname) VALUES(?,?,?)",
	[S_ENT_KEY] =
		"INSERT OR REPLACE INTO entity_keys(ident, entity) VALUES(?,?)",
	[S_ENT_UNKEY] = "DELETE FROM entity_keys WHERE ident=?",
	[S_ENT_PERSONS] =
		"SELECT id FROM entities WHERE surname=? ORDER BY id LIMIT 2",
	[S_ENT_COUNT] =
		"UPDATE entities SET n_mentions=n_mentions + ?2,"
		" n_articles=n_articles + ?3 WHERE id=?1",
	[S_ENT_VARIANT] =
		"INSERT INTO entity_variants(entity, variant, n) VALUES(?,?,?)"
		" ON CONFLICT(entity, variant) DO UPDATE SET n=n + excluded.n",
	[S_ENT_VARIANT_DROP] =
		"DELETE FROM entity_variants WHERE entity=? AND variant=?"
		" AND n<=0",
	[S_MENTION_ADD] =
		"INSERT OR REPLACE INTO mentions VALUES(?,?,?,?,?,?)",
	[S_MENTIONS_OF] =
		"SELECT start, end, entity, type, how FROM mentions"
		" WHERE article=? ORDER BY start",
	[S_MENTIONS_DEL] = "DELETE FROM mentions WHERE article=?",
	[S_STORY_NEW] = "INSERT INTO stories(n_articles) VALUES(0)",
	/* the representative (and its title, the label) changes only for
	 * an article nearer the centroid; SET reads the old row */
	[S_STORY_SAVE] =
		"UPDATE stories SET"
		" label=CASE WHEN ?6 > COALESCE(rep_score, -1) OR label IS NULL"
		" THEN ?2 ELSE label END,"
		" representative=CASE WHEN ?6 > COALESCE(rep_score, -1)"
		" THEN ?5 ELSE representative END,"
		" rep_score=max(COALESCE(rep_score, -1), ?6),"
		" first_ts=?3, last_ts=?4, keywords=?7, centroid=?8,"
		" n_articles=n_articles + ?9"
		" WHERE id=?1",
	[S_MOVE_STORY] = "UPDATE articles SET story=?2 WHERE story=?1",
	[S_ADD_COUNT] =
		"UPDATE stories SET n_articles=n_articles +"
		" (SELECT n_articles FROM stories WHERE id=?1) WHERE id=?2",
	[S_DEL_STORY] = "DELETE FROM stories WHERE id=?",
	[S_STORY_RESCORE] = "UPDATE stories SET rep_score=?2 WHERE id=?1",
	[S_STORY_RECOUNT] =
		"UPDATE stories SET n_articles=n_articles + ?2 WHERE id=?1",
	[S_SET_STORY] =
		"UPDATE articles SET story=?2, story_score=?3, story_why=?4"
		" WHERE rowid=?1",
	[S_STORY_OF] = "SELECT story FROM articles WHERE rowid=?",
	[S_STATE_PUT] =
		"INSERT OR REPLACE INTO story_state(key, value, upto)"
		" VALUES(?,?,?)",
	[S_LINKED] =
		"SELECT DISTINCT story FROM articles WHERE story IS NOT NULL"
		" AND rowid IN (SELECT b FROM dup_pairs WHERE a=?1 UNION"
		" SELECT a FROM dup_pairs WHERE b=?1)"
		" ORDER BY story LIMIT 64",
	[S_LOOKUP] = "SELECT rowid, content_hash FROM articles WHERE id = ?",
	[S_INSERT] =
		"INSERT INTO articles(id, source, url, title, lead, published,"
		" published_ts, lang, lang_given, original, clean, content_hash,"
		" clean_hash, extra, format, origin, sentences, body_sig,"
		" signature, sentence_fps, dup_of, title_given, ingested_at)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
		" strftime('%s','now'))",
	[S_REPLACE] =
		"UPDATE articles SET id=?, source=?, url=?, title=?, lead=?,"
		" published=?, published_ts=?, lang=?, lang_given=?, original=?,"
		" clean=?, content_hash=?, clean_hash=?, extra=?, format=?,"
		" origin=?, sentences=?, body_sig=?, signature=?,"
		" sentence_fps=?, dup_of=?, title_given=?,"
		" ingested_at=strftime('%s','now') WHERE rowid=?",
	[S_UPDATE_CLEAN] =
		"UPDATE articles SET clean=?, clean_hash=?, sentences=?"
		" WHERE rowid=?",
	[S_DEL_REMOVED] = "DELETE FROM removed_lines WHERE article=?",
	[S_DEL_LINES] = "DELETE FROM source_lines WHERE article=?",
	[S_INS_REMOVED] = "INSERT INTO removed_lines VALUES(?,?,?,?,?,?)",
	[S_INS_LINE] = "INSERT OR IGNORE INTO source_lines VALUES(?,?,?,?)",
	/* Distinct bodies, not articles: five updates of one dispatch are
	 * one text, and their lines are not boilerplate. */
	/* Bounded: callers only compare with a small threshold, and a line
	 * a source prints under thousands of articles must not cost a scan
	 * of them all. The article's own body is skipped by two index
	 * ranges (sig below, sig above) rather than a filter. */
	[S_LINE_COUNT] =
		"SELECT (SELECT count(*) FROM (SELECT DISTINCT sig FROM"
		"  source_lines WHERE source=?1 AND hash=?2 AND sig<?3"
		"  AND article<>?4 LIMIT ?5))"
		" + (SELECT count(*) FROM (SELECT DISTINCT sig FROM"
		"  source_lines WHERE source=?1 AND hash=?2 AND sig>?3"
		"  AND article<>?4 LIMIT ?5))",
	[S_LINE_ARTICLES] =
		"SELECT article FROM source_lines WHERE source=? AND hash=?",
	[S_SAME_CLEAN] =
		"SELECT rowid FROM articles WHERE clean_hash=? AND rowid<>?"
		" ORDER BY rowid LIMIT 1",
	[S_CLEAN_OF] =
		"SELECT coalesce(clean, original) FROM articles WHERE rowid=?",
	[S_DEL_PAIRS] = "DELETE FROM dup_pairs WHERE a=?1 OR b=?1",
	[S_DEL_PASSAGES] = "DELETE FROM passages WHERE article=?1 OR other=?1",
	[S_INS_PASSAGE] =
		"INSERT OR REPLACE INTO passages VALUES(?,?,?,?,?)",
	[S_INS_PAIR] = "INSERT OR REPLACE INTO dup_pairs VALUES(?,?,?,?,?,?)",
};
/* clang-format on */

int vl__store_fail(vl_store *st, int rc)
{
	(void)rc;
	snprintf(st->msg, sizeof st->msg, "%s", sqlite3_errmsg(st->db));
	return VL_EDB;
}

const char *vl__store_errmsg(const vl_store *st)
{
	return st ? st->msg : "no store";
}

static int exec(vl_store *st, const char *sql)
{
	char *e = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &e) != SQLITE_OK) {
		snprintf(st->msg, sizeof st->msg, "%s", e ? e : "error");
		sqlite3_free(e);
		return VL_EDB;
	}
	return 0;
}

static int user_version(vl_store *st, int *v)
{
	sqlite3_stmt *s;
	int rc =
		sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return vl__store_fail(st, rc);
	*v = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
	sqlite3_finalize(s);
	return 0;
}

static int migrate(vl_store *st)
{
	int v, rc;
	char sql[64];

	if ((rc = user_version(st, &v)))
		return rc;
	if (v > N_MIGRATIONS) {
		snprintf(st->msg, sizeof st->msg,
			 "schema version %d is newer than this veille (%d)", v,
			 N_MIGRATIONS);
		return VL_ESCHEMA;
	}
	for (; v < N_MIGRATIONS; v++) {
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		if ((rc = exec(st, "BEGIN IMMEDIATE")))
			return rc;
		if ((rc = exec(st, migrations[v])) || (rc = exec(st, sql))) {
			exec(st, "ROLLBACK");
			return rc;
		}
		if ((rc = exec(st, "COMMIT")))
			return rc;
	}
	return 0;
}

int vl__store_open(vl_store **out, const char *path, int read_only,
		   vl_error *err)
{
	vl_store *st = vl__calloc(1, sizeof *st);
	int flags = read_only ? SQLITE_OPEN_READONLY
			      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	int rc, v;

	*out = NULL;
	if (!st)
		return VL_ENOMEM;
	if (sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		rc = vl__store_fail(st, 0);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, 10000);
	sqlite3_extended_result_codes(st->db, 1);
	if ((rc = exec(st, "PRAGMA foreign_keys=ON")))
		goto fail;
	if (!read_only) {
		/* Big pages: article texts span fewer overflow pages. Only
		 * takes effect on a new, empty file. */
		if ((rc = exec(st, "PRAGMA page_size=16384")) ||
		    (rc = exec(st, "PRAGMA journal_mode=WAL;"
				   "PRAGMA synchronous=NORMAL;"
				   "PRAGMA cache_size=-65536;"
				   "PRAGMA temp_store=MEMORY")) ||
		    (rc = migrate(st)))
			goto fail;
	} else {
		if ((rc = user_version(st, &v)))
			goto fail;
		if (v != N_MIGRATIONS) {
			snprintf(st->msg, sizeof st->msg,
				 v > N_MIGRATIONS
					 ? "schema version %d is newer than "
					   "this veille"
					 : "schema version %d needs migrating: "
					   "open it read-write once",
				 v);
			rc = v > N_MIGRATIONS ? VL_ESCHEMA : VL_EDB;
			goto fail;
		}
	}
	for (int i = 0; i < N_STMT; i++) {
		if (read_only && i != S_LOOKUP && i != S_LINE_COUNT &&
		    i != S_LINE_ARTICLES && i != S_CLEAN_OF &&
		    i != S_STORY_OF && i != S_MENTIONS_OF &&
		    i != S_ENT_BY_IDENT && i != S_ENT_PERSONS)
			continue;
		if (sqlite3_prepare_v3(st->db, sql_text[i], -1,
				       SQLITE_PREPARE_PERSISTENT, &st->stmt[i],
				       NULL) != SQLITE_OK) {
			rc = vl__store_fail(st, 0);
			goto fail;
		}
	}
	*out = st;
	return 0;
fail:
	if (err) {
		err->code = rc;
		err->offset = SIZE_MAX;
		snprintf(err->where, sizeof err->where, "%s", path);
		snprintf(err->message, sizeof err->message, "%s", st->msg);
	}
	vl__store_close(st);
	return rc;
}

void vl__store_close(vl_store *st)
{
	if (!st)
		return;
	for (int i = 0; i < N_STMT; i++)
		sqlite3_finalize(st->stmt[i]);
	sqlite3_close(st->db);
	vl__freep(st);
}

int vl__store_begin(vl_store *st)
{
	return exec(st, "BEGIN IMMEDIATE");
}

int vl__store_commit(vl_store *st)
{
	return exec(st, "COMMIT");
}

int vl__store_rollback(vl_store *st)
{
	return exec(st, "ROLLBACK");
}

/* Reset and clear a cached statement before use. */
sqlite3_stmt *vl__store_stmt(vl_store *st, int which)
{
	sqlite3_stmt *s = st->stmt[which];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

void vl__store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

int vl__store_lookup(vl_store *st, const char *id, int64_t *rowid,
		     char hash[64])
{
	sqlite3_stmt *s = vl__store_stmt(st, S_LOOKUP);
	int rc;

	vl__store_bind_text(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE)
		return VL_ENOTFOUND;
	if (rc != SQLITE_ROW)
		return vl__store_fail(st, rc);
	*rowid = sqlite3_column_int64(s, 0);
	snprintf(hash, 64, "%s", (const char *)sqlite3_column_text(s, 1));
	sqlite3_reset(s);
	return 0;
}

/* The clean text, or NULL when it equals the original. */
static void bind_clean(sqlite3_stmt *s, int i, const vl_store_article *a)
{
	if (a->original && a->clean_len == a->original_len &&
	    !memcmp(a->clean, a->original, a->clean_len))
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, a->clean, (int)a->clean_len,
				  SQLITE_STATIC);
}

/* Pack sentence spans: 4 little-endian uint32 each. */
static unsigned char *pack_sentences(const vl_store_article *a, size_t *n)
{
	unsigned char *b, *p;
	size_t bytes;

	if (vl__mul_size(&bytes, a->n_sentences, 16))
		return NULL;
	if (!(b = vl__malloc(bytes ? bytes : 1)))
		return NULL;
	p = b;
	for (size_t i = 0; i < a->n_sentences; i++) {
		const vl_store_sentence *z = &a->sentences[i];
		size_t v[4] = { z->start, z->end, z->clean_start,
				z->clean_end };
		for (int k = 0; k < 4; k++, p += 4) {
			p[0] = (unsigned char)v[k];
			p[1] = (unsigned char)(v[k] >> 8);
			p[2] = (unsigned char)(v[k] >> 16);
			p[3] = (unsigned char)(v[k] >> 24);
		}
	}
	*n = bytes;
	return b;
}

/* Bind the 17 article columns shared by INSERT and UPDATE; *blob is the
 * packed sentences, freed by the caller after the step. */
static int bind_article(sqlite3_stmt *s, const vl_store_article *a,
			unsigned char **blob)
{
	size_t n = 0;
	if (!(*blob = pack_sentences(a, &n)))
		return VL_ENOMEM;
	sqlite3_bind_blob(s, 17, *blob, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(s, 18, (sqlite3_int64)a->body_sig);
	sqlite3_bind_blob(s, 19, a->signature, (int)a->signature_len,
			  SQLITE_STATIC);
	sqlite3_bind_blob(s, 20, a->fps, (int)a->fps_len, SQLITE_STATIC);
	if (a->dup_of)
		sqlite3_bind_int64(s, 21, a->dup_of);
	sqlite3_bind_int(s, 22, a->title_given);
	vl__store_bind_text(s, 1, a->id);
	vl__store_bind_text(s, 2, a->source);
	vl__store_bind_text(s, 3, a->url);
	vl__store_bind_text(s, 4, a->title);
	vl__store_bind_text(s, 5, a->lead);
	vl__store_bind_text(s, 6, a->published);
	if (a->has_ts)
		sqlite3_bind_int64(s, 7, a->published_ts);
	vl__store_bind_text(s, 8, a->lang);
	sqlite3_bind_int(s, 9, a->lang_given);
	sqlite3_bind_text(s, 10, a->original, (int)a->original_len,
			  SQLITE_STATIC);
	bind_clean(s, 11, a);
	vl__store_bind_text(s, 12, a->content_hash);
	vl__store_bind_text(s, 13, a->clean_hash);
	vl__store_bind_text(s, 14, a->extra);
	vl__store_bind_text(s, 15, a->format);
	vl__store_bind_text(s, 16, a->origin);
	return 0;
}

int vl__store_step_done(vl_store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return vl__store_fail(st, rc);
	return 0;
}

/* Write the removed lines of an article (after deleting old ones when
 * the article was stored before). */
static int write_removed(vl_store *st, int64_t rowid, const vl_store_article *a,
			 int replace)
{
	sqlite3_stmt *s;
	int rc;

	if (replace) {
		s = vl__store_stmt(st, S_DEL_REMOVED);
		sqlite3_bind_int64(s, 1, rowid);
		if ((rc = vl__store_step_done(st, s)))
			return rc;
	}
	for (size_t i = 0; i < a->n_removed; i++) {
		s = vl__store_stmt(st, S_INS_REMOVED);
		sqlite3_bind_int64(s, 1, rowid);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)a->removed[i].start);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)a->removed[i].end);
		vl__store_bind_text(s, 5, a->removed[i].reason);
		vl__store_bind_text(s, 6, a->removed[i].rule);
		if ((rc = vl__store_step_done(st, s)))
			return rc;
	}
	return 0;
}

static int write_lines(vl_store *st, int64_t rowid, const vl_store_article *a,
		       int replace)
{
	sqlite3_stmt *s;
	int rc;

	if (replace) {
		s = vl__store_stmt(st, S_DEL_LINES);
		sqlite3_bind_int64(s, 1, rowid);
		if ((rc = vl__store_step_done(st, s)))
			return rc;
	}
	/* An exact copy of another article adds no evidence of what its
	 * source repeats: its lines are not counted. */
	for (size_t i = 0; !a->dup_of && i < a->n_line_hashes; i++) {
		s = vl__store_stmt(st, S_INS_LINE);
		vl__store_bind_text(s, 1, a->source);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)a->line_hashes[i]);
		sqlite3_bind_int64(s, 3, rowid);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)a->body_sig);
		if ((rc = vl__store_step_done(st, s)))
			return rc;
	}
	return 0;
}

int vl__store_insert(vl_store *st, const vl_store_article *a, int64_t *rowid)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_INSERT);
	unsigned char *blob = NULL;
	int rc;

	if ((rc = bind_article(s, a, &blob)))
		return rc;
	rc = vl__store_step_done(st, s);
	sqlite3_clear_bindings(s);
	vl__freep(blob);
	if (rc)
		return rc;
	*rowid = sqlite3_last_insert_rowid(st->db);
	if ((rc = write_removed(st, *rowid, a, 0)))
		return rc;
	return write_lines(st, *rowid, a, 0);
}

int vl__store_replace(vl_store *st, int64_t rowid, const vl_store_article *a)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_REPLACE);
	unsigned char *blob = NULL;
	int rc;

	if ((rc = bind_article(s, a, &blob)))
		return rc;
	sqlite3_bind_int64(s, 23, rowid);
	rc = vl__store_step_done(st, s);
	sqlite3_clear_bindings(s);
	vl__freep(blob);
	if (rc)
		return rc;
	if ((rc = write_removed(st, rowid, a, 1)))
		return rc;
	return write_lines(st, rowid, a, 1);
}

int vl__store_update_clean(vl_store *st, int64_t rowid,
			   const vl_store_article *a)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_UPDATE_CLEAN);
	unsigned char *blob;
	size_t n = 0;
	int rc;

	if (!(blob = pack_sentences(a, &n)))
		return VL_ENOMEM;
	bind_clean(s, 1, a);
	vl__store_bind_text(s, 2, a->clean_hash);
	sqlite3_bind_blob(s, 3, blob, (int)n, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, rowid);
	rc = vl__store_step_done(st, s);
	sqlite3_clear_bindings(s);
	vl__freep(blob);
	if (rc)
		return rc;
	return write_removed(st, rowid, a, 1);
}

uint32_t vl__store_line_count(vl_store *st, const char *source, uint64_t hash,
			      uint64_t except_sig, int64_t except_rowid)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_LINE_COUNT);
	uint32_t n = 0;
	int rc;

	vl__store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)hash);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)except_sig);
	sqlite3_bind_int64(s, 4, except_rowid);
	sqlite3_bind_int64(s, 5, VL_LINE_COUNT_CAP);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		n = (uint32_t)sqlite3_column_int64(s, 0);
	else if (!st->sticky)
		st->sticky = vl__store_fail(st, rc);
	sqlite3_reset(s);
	return n;
}

int vl__store_line_articles(vl_store *st, const char *source, uint64_t hash,
			    int64_t **rowids, size_t *n)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_LINE_ARTICLES);
	size_t cap = 0;
	int rc;

	*rowids = NULL;
	*n = 0;
	vl__store_bind_text(s, 1, source);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)hash);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			int64_t *v;
			cap = cap ? cap * 2 : 16;
			v = vl__realloc(*rowids, cap * sizeof *v);
			if (!v) {
				sqlite3_reset(s);
				return VL_ENOMEM;
			}
			*rowids = v;
		}
		(*rowids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : vl__store_fail(st, rc);
}

int64_t vl__store_same_clean(vl_store *st, const char *clean_hash,
			     int64_t except)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_SAME_CLEAN);
	int64_t r = 0;

	vl__store_bind_text(s, 1, clean_hash);
	sqlite3_bind_int64(s, 2, except);
	if (sqlite3_step(s) == SQLITE_ROW)
		r = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return r;
}

int vl__store_clean_of(vl_store *st, int64_t rowid, char **out, size_t *len)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_CLEAN_OF);
	int rc;

	*out = NULL;
	sqlite3_bind_int64(s, 1, rowid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(s, 0);
		*out = vl__strndup((const char *)sqlite3_column_text(s, 0),
				   *len);
		rc = *out ? 0 : VL_ENOMEM;
	} else {
		rc = rc == SQLITE_DONE ? VL_ENOTFOUND : vl__store_fail(st, rc);
	}
	sqlite3_reset(s);
	return rc;
}

int vl__store_forget_pairs(vl_store *st, int64_t rowid)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_DEL_PAIRS);
	int rc;
	sqlite3_bind_int64(s, 1, rowid);
	if ((rc = vl__store_step_done(st, s)))
		return rc;
	s = vl__store_stmt(st, S_DEL_PASSAGES);
	sqlite3_bind_int64(s, 1, rowid);
	return vl__store_step_done(st, s);
}

int vl__store_add_passage(vl_store *st, int64_t a, size_t idx, int64_t b,
			  size_t other_idx, double score)
{
	int rc = 0;
	for (int dir = 0; dir < 2 && !rc; dir++) {
		sqlite3_stmt *s = vl__store_stmt(st, S_INS_PASSAGE);
		sqlite3_bind_int64(s, 1, dir ? b : a);
		sqlite3_bind_int64(s, 2,
				   (sqlite3_int64)(dir ? other_idx : idx));
		sqlite3_bind_int64(s, 3, dir ? a : b);
		sqlite3_bind_int64(s, 4,
				   (sqlite3_int64)(dir ? idx : other_idx));
		sqlite3_bind_double(s, 5, score);
		rc = vl__store_step_done(st, s);
	}
	return rc;
}

int vl__store_add_pair(vl_store *st, int64_t a, int64_t b, double jaccard,
		       double contain_a, double contain_b, const char *kind)
{
	sqlite3_stmt *s = vl__store_stmt(st, S_INS_PAIR);

	if (a > b) { /* one row per pair: the older article first */
		int64_t t = a;
		double c = contain_a;
		a = b;
		b = t;
		contain_a = contain_b;
		contain_b = c;
	}
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	sqlite3_bind_double(s, 3, jaccard);
	sqlite3_bind_double(s, 4, contain_a);
	sqlite3_bind_double(s, 5, contain_b);
	vl__store_bind_text(s, 6, kind);
	return vl__store_step_done(st, s);
}

int vl__store_take_error(vl_store *st)
{
	int rc = st->sticky;
	st->sticky = 0;
	return rc;
}
