/*
 * store.h — the SQLite store: articles (original and clean text,
 * metadata, hashes), the boilerplate lines removed from each, sentence
 * offsets, and per-source counts of short lines (to learn what a source
 * repeats). WAL mode, versioned migrations, prepared statements only.
 * The store knows tables, not text processing.
 */
#ifndef VL_STORE_STORE_H
#define VL_STORE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "veille.h"

typedef struct vl_store vl_store;

/* The stored article, as the public vl_article handle. */
struct vl_article {
	int64_t rowid;
	char *id, *source, *url, *title, *lead, *published, *lang;
	char *original, *clean, *extra, *origin, *format;
	int lang_given, title_given;
	uint64_t body_sig;
	vl_removed_line *removed;
	size_t n_removed;
	vl_sentence *sentences;	      /* offsets into original */
	vl_sentence *clean_sentences; /* the same, offsets into clean */
	size_t n_sentences;
	char *strings; /* owns reason/rule strings of removed lines */
};

typedef struct vl_store_removed {
	size_t start, end;
	const char *reason, *rule;
} vl_store_removed;

typedef struct vl_store_sentence {
	size_t start, end;	       /* into original */
	size_t clean_start, clean_end; /* into clean */
} vl_store_sentence;

/* An article to write; strings borrowed for the call. */
typedef struct vl_store_article {
	const char *id, *source, *url, *title, *lead, *published, *lang;
	int64_t published_ts;
	int has_ts, lang_given, title_given;
	const char *original, *clean;
	size_t original_len, clean_len;
	const char *content_hash, *clean_hash, *extra, *format, *origin;
	const vl_store_removed *removed;
	size_t n_removed;
	const vl_store_sentence *sentences;
	size_t n_sentences;
	uint64_t body_sig; /* hash of the longest line */
	/* reuse: MinHash signature and sentence prints (blobs), and the
	 * older article this one repeats exactly (0: none) */
	const void *signature, *fps;
	size_t signature_len, fps_len;
	int64_t dup_of;
	const uint64_t *line_hashes; /* countable lines, for source stats */
	size_t n_line_hashes;
} vl_store_article;

int vl__store_open(vl_store **out, const char *path, int read_only,
		   vl_error *err);
void vl__store_close(vl_store *st);
const char *vl__store_errmsg(const vl_store *st);

int vl__store_begin(vl_store *st);
int vl__store_commit(vl_store *st);
int vl__store_rollback(vl_store *st);

/* Find an article by id: 0 with its rowid and content hash (copied into
 * hash, 64 bytes), or VL_ENOTFOUND. */
int vl__store_lookup(vl_store *st, const char *id, int64_t *rowid,
		     char hash[64]);
int vl__store_insert(vl_store *st, const vl_store_article *a, int64_t *rowid);
/* Replace the article at rowid (same id, new content). */
int vl__store_replace(vl_store *st, int64_t rowid, const vl_store_article *a);
/* Rewrite only what cleaning derives: clean text, removed, sentences. */
int vl__store_update_clean(vl_store *st, int64_t rowid,
			   const vl_store_article *a);

/* Number of distinct bodies (body_sig) among the articles of `source`
 * carrying line `hash`, not counting the body `except_sig` nor the
 * article `except_rowid` (its own older version). A storage error is
 * kept for vl__store_take_error: this runs inside a pure stage's
 * callback, which has no error path. */
uint32_t vl__store_line_count(vl_store *st, const char *source, uint64_t hash,
			      uint64_t except_sig, int64_t except_rowid);
/* vl__store_line_count counts at most this many per side of except_sig:
 * enough for thresholds up to this value. */
#define VL_LINE_COUNT_CAP 8
/* The error kept by a call that could not return it (0 if none), and
 * forget it. */
int vl__store_take_error(vl_store *st);
/* Rowids of the articles of `source` carrying `hash` (caller frees). */
int vl__store_line_articles(vl_store *st, const char *source, uint64_t hash,
			    int64_t **rowids, size_t *n);

/* ---- reuse ---- */

/* The oldest other article with this clean text, or 0. */
int64_t vl__store_same_clean(vl_store *st, const char *clean_hash,
			     int64_t except);
/* Clean text of an article (caller frees). */
int vl__store_clean_of(vl_store *st, int64_t rowid, char **out, size_t *len);
/* Drop the pairs and passages of an article (its text changed). */
int vl__store_forget_pairs(vl_store *st, int64_t rowid);
/* Record that sentence idx of a and sentence other_idx of b match (both
 * directions are stored). */
int vl__store_add_passage(vl_store *st, int64_t a, size_t idx, int64_t b,
			  size_t other_idx, double score);

/* The matched sentences of an article: its sentence idx, the other
 * article (rowid, id, published_ts or INT64_MAX when unknown) and its
 * sentence, the score; ordered by idx. */
typedef struct vl_store_passage {
	size_t idx, other_idx;
	int64_t other, other_ts;
	const char *other_id;
	double score;
} vl_store_passage;
int vl__store_each_passage(vl_store *st, int64_t rowid,
			   int (*cb)(const vl_store_passage *p, void *payload),
			   void *payload);
/* Publication time of an article (INT64_MAX when unknown), and the
 * article it repeats exactly (0: none). */
int vl__store_article_order(vl_store *st, int64_t rowid, int64_t *ts,
			    int64_t *dup_of);

/* Articles that repeat `rep` exactly (dup_of = rep), and rep itself,
 * but not `except`: rowid, id, published_ts (INT64_MAX unknown). */
int vl__store_each_copy(vl_store *st, int64_t rep, int64_t except,
			int (*cb)(int64_t rowid, const char *id, int64_t ts,
				  void *payload),
			void *payload);

/* Record a verified pair (in either order). */
int vl__store_add_pair(vl_store *st, int64_t a, int64_t b, double jaccard,
		       double contain_a, double contain_b, const char *kind);

/* Call cb with each indexed article: rowid, signature blob, sentence
 * fingerprint blob (articles that repeat another exactly are skipped). */
int vl__store_each_signature(vl_store *st,
			     int (*cb)(int64_t rowid, const void *sig,
				       size_t sig_len, const void *fps,
				       size_t fps_len, void *payload),
			     void *payload);

/* Every verified pair, by article id, with the oldest first. */
typedef struct vl_store_pair {
	int64_t a, b;
	const char *id_a, *id_b, *kind;
	double jaccard, contain_a, contain_b;
} vl_store_pair;
int vl__store_each_pair(vl_store *st,
			int (*cb)(const vl_store_pair *p, void *payload),
			void *payload);

/* Load by id (or by rowid when id is NULL). */
int vl__store_load(vl_store *st, const char *id, int64_t rowid,
		   vl_article **out);
int vl__store_each(vl_store *st, const vl_query *q,
		   int (*cb)(const vl_article *a, void *payload),
		   void *payload);
int vl__store_stats(vl_store *st, vl_stats **out);

void vl__article_free(vl_article *a);

/* ---- stories ---- */

/* A story's row, to write; strings and blobs borrowed for the call. */
typedef struct vl_store_story {
	int64_t id;
	const char *label;
	int64_t first_ts, last_ts;
	int64_t representative; /* article rowid */
	double rep_score;
	const char *keywords; /* one a line */
	const void *centroid;
	size_t centroid_len;
	int added; /* 1: an article joined it; 0: one already in it changed */
} vl_store_story;

/* A new, empty story row: its id. */
int vl__store_story_new(vl_store *st, int64_t *id);
/* Write a story (its article count grows by s->added). Its representative
 * and label change only when rep_score beats the stored one. */
int vl__store_story_save(vl_store *st, const vl_store_story *s);
/* Set the representative's score (the story's first article, once a
 * second one gives it a centre to be near). */
int vl__store_story_rescore(vl_store *st, int64_t id, double rep_score);
/* Story `from` becomes part of story `into`: its articles move, its row
 * goes. */
int vl__store_story_merge(vl_store *st, int64_t from, int64_t into);
/* Change a story's article count by delta (an article left it). */
int vl__store_story_recount(vl_store *st, int64_t id, int delta);
/* Put an article in a story with its score and explanation (JSON). */
int vl__store_set_story(vl_store *st, int64_t rowid, int64_t story,
			double score, const char *why);
/* The story of an article (0: none yet). */
int vl__store_story_of(vl_store *st, int64_t rowid, int64_t *story);
/* The stories of the articles an article shares text with (pairs and
 * passages), at most 64, by id; *out owned by the caller. */
int vl__store_linked(vl_store *st, int64_t rowid, int64_t **out, size_t *n);
/* Saved state of the story stage (VL_ENOTFOUND when none); *value owned
 * by the caller. */
int vl__store_state_get(vl_store *st, const char *key, unsigned char **value,
			size_t *len, int64_t *upto);
int vl__store_state_put(vl_store *st, const char *key, const void *value,
			size_t len, int64_t upto);
/* Forget every story (before clustering again). */
int vl__store_stories_clear(vl_store *st);

/* An article as the story stage reads it back. */
typedef struct vl_store_text {
	int64_t rowid;
	const char *title, *text, *lang; /* text: the clean text */
	size_t text_len;
	int64_t ts;	     /* publication time, INT64_MIN: unknown */
	int64_t ingested_at; /* arrival time */
} vl_store_text;

/* Articles with rowid > after, by publication time (ingest time when
 * unknown) then rowid when by_time, else by rowid. */
int vl__store_each_text(vl_store *st, int64_t after, int by_time,
			int (*cb)(const vl_store_text *t, void *payload),
			void *payload);
/* One article's text by id (cb called once); VL_ENOTFOUND. */
int vl__store_text_of(vl_store *st, const char *id,
		      int (*cb)(const vl_store_text *t, void *payload),
		      void *payload);

/* The live stories to restore: last_ts >= since, or, undated, with an
 * article that arrived at or after since_wall. first_ts and last_ts are
 * INT64_MIN when unknown. */
int vl__store_each_live_story(vl_store *st, int64_t since, int64_t since_wall,
			      int (*cb)(const vl_store_story *s,
					int64_t n_articles, void *payload),
			      void *payload);
/* One story's state, as vl__store_each_live_story gives it (cb not
 * called when there is no such story). */
int vl__store_story_state(vl_store *st, int64_t id,
			  int (*cb)(const vl_store_story *s, int64_t n_articles,
				    void *payload),
			  void *payload);
/* The latest last_ts of any story (INT64_MIN when none). */
int vl__store_story_clock(vl_store *st, int64_t *clock);

/* Reading stories for the public API (vl_story borrowed by cb): story
 * `only` (0: all, most recently active first), active since since_ts. */
int vl__store_each_story(vl_store *st, int64_t only, int64_t since_ts,
			 size_t min_articles, size_t limit,
			 int (*cb)(const vl_story *s, void *payload),
			 void *payload);
/* An article's story, score and explanation; VL_ENOTFOUND. *why owned by
 * the caller (may be NULL). */
int vl__store_why(vl_store *st, const char *id, int64_t *story, char **why);

/* ------------------------------------------------------- entities */

/* A stored mention (offsets into the article's clean text). */
typedef struct vl_store_mention {
	int64_t start, end, entity;
	int type, how;
} vl_store_mention;

/* The entity an identity leads to: 0 and *id, or VL_ENOTFOUND. */
int vl__store_entity_by_ident(vl_store *st, const char *ident, int64_t *id);
/* A new entity (surname: a full-named person's surname key, or NULL). */
int vl__store_entity_new(vl_store *st, int type, const char *name,
			 const char *surname, int64_t *id);
/* Let an identity lead to an entity (replacing where it led). */
int vl__store_entity_key(vl_store *st, const char *ident, int64_t id);
/* Forget an identity. */
int vl__store_entity_unkey(vl_store *st, const char *ident);
/* Persons known by their full name with this surname key: up to two
 * ids in ids[], their number in *n. */
int vl__store_entity_persons(vl_store *st, const char *surname, int64_t ids[2],
			     size_t *n);
/* Change an entity's counts of mentions and articles. */
int vl__store_entity_count(vl_store *st, int64_t id, int d_mentions,
			   int d_articles);
/* Count a written name of an entity delta times more (dropped at 0). */
int vl__store_entity_variant(vl_store *st, int64_t id, const char *variant,
			     int delta);
/* Entity `from` becomes part of `into`: mentions, names, identities and
 * counts move, its row goes. */
int vl__store_entity_merge(vl_store *st, int64_t from, int64_t into);
int vl__store_mention_add(vl_store *st, int64_t article,
			  const vl_store_mention *m);
/* An article's mentions in text order (*out owned by the caller). */
int vl__store_mentions_of(vl_store *st, int64_t article, vl_store_mention **out,
			  size_t *n);
int vl__store_mentions_del(vl_store *st, int64_t article);

/* Reading entities for the public API (entities_read.c); what cb gets
 * is borrowed for the call. type: VL_ENT_* or 0 for all; story: 0 for
 * the whole store, else that story's entities counted in it. */
int vl__store_each_entity(vl_store *st, int type, int64_t story, size_t limit,
			  int (*cb)(const vl_entity *e, void *payload),
			  void *payload);
/* One entity (cb not called when there is none). */
int vl__store_entity(vl_store *st, int64_t id,
		     int (*cb)(const vl_entity *e, void *payload),
		     void *payload);
/* Ids of the articles (in publication order) and of the stories an
 * entity is in; arrays owned by the caller. */
int vl__store_entity_where(vl_store *st, int64_t id, char ***articles,
			   size_t *n_articles, int64_t **stories,
			   size_t *n_stories);
/* Entities with a written name equal to `name` (case-insensitive). */
int vl__store_entities_named(vl_store *st, const char *name, int64_t *out,
			     size_t cap, size_t *n);
/* An article's rowid and clean text (*text owned by the caller);
 * VL_ENOTFOUND. */
int vl__store_article_text(vl_store *st, const char *id, int64_t *rowid,
			   char **text);
/* An entity's type and name (name copied into buf). */
int vl__store_entity_name(vl_store *st, int64_t id, int *type, char *buf,
			  size_t cap);

/* ------------------------------------------- dates, quotes, claims */

typedef struct vl_store_date {
	int64_t start, end;
	int32_t first_day, last_day;
	int gran, part, flags;
} vl_store_date;

typedef struct vl_store_quote {
	int64_t start, end, speaker; /* speaker: entity id or 0 */
	int64_t speaker_start, speaker_end, cue_start, cue_end;
	int kind, carried;
} vl_store_quote;

typedef struct vl_store_claim {
	int64_t start, end, source, src_start, src_end, subject; /* ids 0 */
	int subject_inferred, polarity;
	const char *event;   /* class name or NULL */
	double number;	     /* NAN: none */
	int64_t quote_start; /* -1: none */
} vl_store_claim;

int vl__store_date_add(vl_store *st, int64_t article, const vl_store_date *d);
int vl__store_quote_add(vl_store *st, int64_t article, const vl_store_quote *q);
int vl__store_claim_add(vl_store *st, int64_t article, const vl_store_claim *c);
/* Forget an article's dates, quotations and claims. */
int vl__store_extracted_del(vl_store *st, int64_t article);
/* The day an undated article was given from its text (INT32_MIN: none). */
int vl__store_published_day(vl_store *st, int64_t article, int32_t day);

/* Reading them back (extract_read.c): each row comes with its article;
 * what cb gets is borrowed for the call. */
typedef struct vl_store_xarticle {
	int64_t rowid;
	const char *id, *source, *title, *text; /* text: the clean text */
	size_t text_len;
	int64_t time; /* publication time, or the inferred day's midnight,
			 INT64_MIN when neither */
	int inferred; /* time is the inferred day */
} vl_store_xarticle;

/* Dates of one article (article > 0) or of a story's articles, by
 * article then offset. */
int vl__store_each_date(vl_store *st, int64_t article, int64_t story,
			int (*cb)(const vl_store_xarticle *a,
				  const vl_store_date *d, void *payload),
			void *payload);
/* Quotations of one article, or of a story, or all (both 0), articles
 * by time; speaker_name NULL when none. */
int vl__store_each_quote(vl_store *st, int64_t article, int64_t story,
			 int (*cb)(const vl_store_xarticle *a,
				   const vl_store_quote *q,
				   const char *speaker_name, void *payload),
			 void *payload);
/* Claims of a story's articles, by time; the source's and subject's
 * entity names (NULL when none). */
int vl__store_each_claim(vl_store *st, int64_t story,
			 int (*cb)(const vl_store_xarticle *a,
				   const vl_store_claim *c,
				   const char *source_name,
				   const char *subject_name, void *payload),
			 void *payload);

/* An article's inferred publication day (INT32_MIN: none). */
int vl__store_published_day_of(vl_store *st, int64_t article, int32_t *day);

/* How an article is dated: its publication as given (string and time,
 * INT64_MIN when none), the day read from its text (INT32_MIN), its
 * story (0). */
typedef struct vl_store_dating {
	int64_t rowid, story, ts;
	int32_t text_day;
	char published[40]; /* "" when none */
} vl_store_dating;

int vl__store_dating(vl_store *st, int64_t rowid, vl_store_dating *out);
/* One article as the readers above give it (cb not called when there
 * is none). */
int vl__store_xarticle(vl_store *st, int64_t rowid,
		       int (*cb)(const vl_store_xarticle *a, void *payload),
		       void *payload);
/* The dating of each article of a story. */
int vl__store_each_dating(vl_store *st, int64_t story,
			  int (*cb)(const vl_store_dating *d, void *payload),
			  void *payload);

#endif
