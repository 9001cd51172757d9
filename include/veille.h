/*
 * veille.h — the whole public API of libveille, a news-monitoring engine.
 *
 * The pipeline: ingest (read, validate UTF-8, NFC) -> clean (boilerplate
 * lines) -> analyse (matching form, tokens, sentences, language, stems)
 * -> store (SQLite, WAL). A vl_engine wires the stages to one store; the
 * pure text stage is also exposed (vl_analyze) so callers can tokenise
 * without a store.
 *
 * Conventions: functions that can fail return 0 or a negative VL_E* code;
 * out-parameters come first; objects are opaque, made by _new/_open functions
 * and released by the matching _free (which accepts NULL). Strings are UTF-8
 * and the caller owns whatever it is handed through a `char **` out-parameter
 * (release with vl_free). An engine is not thread-safe: use one per thread.
 */
#ifndef VEILLE_H
#define VEILLE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VL_VERSION "0.1.0"

/* Error codes. */
enum {
	VL_OK = 0,
	VL_ENOMEM = -1,	   /* out of memory */
	VL_EINVAL = -2,	   /* invalid argument or option */
	VL_EIO = -3,	   /* file could not be read or written */
	VL_EUTF8 = -4,	   /* text is not valid UTF-8 */
	VL_ETOOBIG = -5,   /* input exceeds a configured limit */
	VL_EFORMAT = -6,   /* malformed input (JSON, gzip, metadata) */
	VL_EEMPTY = -7,	   /* input holds no text */
	VL_EBINARY = -8,   /* input looks binary (NUL bytes) */
	VL_ENOTFOUND = -9, /* no such article or file */
	VL_EDB = -10,	   /* storage error (SQLite) */
	VL_ESCHEMA = -11,  /* database made by a newer veille */
	VL_ESTOPPED = -12  /* a callback asked to stop */
};

/* Name of an error code ("out of memory", ...); never NULL. Thread-safe. */
const char *vl_strerror(int code);

/*
 * Where and why an outside input was refused: the code, a message, the
 * input's name (file path, "-" for stdin, plus ":LINE" for JSON Lines) and
 * the byte offset of the first bad byte inside the article or line
 * (SIZE_MAX when not applicable).
 */
typedef struct vl_error {
	int code;
	size_t offset;
	char where[512];
	char message[256];
} vl_error;

/* Release a string or buffer that veille handed to the caller. */
void vl_free(void *ptr);

/* ---------------------------------------------------------------- text */

/* Token kinds produced by the French-aware tokenizer. */
typedef enum vl_token_kind {
	VL_TOK_WORD = 1, /* letters, with inner hyphens/apostrophes */
	VL_TOK_ELISION,	 /* l' d' qu' jusqu' lorsqu' ... (apostrophe kept) */
	VL_TOK_NUMBER,	 /* 30.000, 30'000, 30 000 -> 30000; 3,5 */
	VL_TOK_ORDINAL,	 /* 28e, 28ème, 1er, 1re -> 28e, 1er, 1re */
	VL_TOK_PERCENT,	 /* 86 %, 86% -> 86% */
	VL_TOK_ABBREV,	 /* M. Mme Dr ... (period kept) */
	VL_TOK_QUOTE,	 /* « » “ ” " (matching form ") */
	VL_TOK_PUNCT,	 /* . , ; : ! ? ( ) ... and other punctuation */
	VL_TOK_URL,	 /* URLs, e-mail addresses, @handles, #tags */
	VL_TOK_SYMBOL	 /* anything else (currency, emoji, ...) */
} vl_token_kind;

/* Token flags. */
#define VL_TOKF_CAPITALIZED 0x1u /* first letter upper case */
#define VL_TOKF_ALLCAPS 0x2u	 /* every letter upper case (2+ letters) */
#define VL_TOKF_HYPHEN 0x4u	 /* holds an inner hyphen */
#define VL_TOKF_SENT_START 0x8u	 /* first token of a sentence */

/*
 * One token. start/end are byte offsets into the analysed text; norm is
 * its matching form (casefolded, accents folded, quotes and apostrophes
 * unified, digit grouping removed), NUL-terminated, owned by the analysis.
 */
typedef struct vl_token {
	size_t start, end;
	const char *norm;
	uint32_t norm_len;
	uint16_t kind; /* vl_token_kind */
	uint16_t flags;
} vl_token;

/* One sentence: byte offsets into the analysed text, and its tokens. */
typedef struct vl_sentence {
	size_t start, end;
	size_t first_token, n_tokens;
} vl_sentence;

typedef struct vl_analysis vl_analysis;

/* Options of vl_analyze; start from VL_ANALYZE_OPTIONS_INIT. */
typedef struct vl_analyze_options {
	unsigned version;
	int detect_language; /* fill vl_analysis_lang (default 1) */
	int stem;	  /* compute stems (default 0; see vl_analysis_stem) */
	const char *lang; /* stemming language if known ("fr", "en"), or NULL */
} vl_analyze_options;
#define VL_ANALYZE_OPTIONS_INIT \
	{                       \
		1, 1, 0, NULL   \
	}

/*
 * Analyse `len` bytes of valid UTF-8: tokens, sentences, matching form,
 * language. The text must stay alive while the analysis is used only if
 * the caller reads it through the offsets; the analysis keeps no pointer
 * to it. Returns VL_EUTF8 on invalid UTF-8 (err filled when not NULL).
 * Thread-safe (separate analyses in separate threads).
 */
int vl_analyze(vl_analysis **out, const char *text, size_t len,
	       const vl_analyze_options *opts, vl_error *err);
void vl_analysis_free(vl_analysis *a);
size_t vl_analysis_token_count(const vl_analysis *a);
const vl_token *vl_analysis_tokens(const vl_analysis *a);
size_t vl_analysis_sentence_count(const vl_analysis *a);
const vl_sentence *vl_analysis_sentences(const vl_analysis *a);
/* Matching form of the whole text: the tokens' norms joined by spaces. */
const char *vl_analysis_match_form(const vl_analysis *a, size_t *len);
/* ISO 639-1 code of the detected language, or "und". */
const char *vl_analysis_lang(const vl_analysis *a);
/* Stem of token i (stem option), or its norm when no stemmer applies. */
const char *vl_analysis_stem(const vl_analysis *a, size_t i);

/*
 * Normalise text for display: validate UTF-8 and compose to NFC.
 * With repair != 0, invalid sequences become U+FFFD instead of failing.
 * *out is NUL-terminated and owned by the caller (vl_free).
 */
int vl_text_nfc(char **out, size_t *out_len, const char *text, size_t len,
		int repair, vl_error *err);

/* Matching form of a string (see vl_token.norm), caller owns *out. */
int vl_text_match_form(char **out, size_t *out_len, const char *text,
		       size_t len);

/* -------------------------------------------------------------- engine */

typedef struct vl_engine vl_engine;

typedef struct vl_engine_options {
	unsigned version;
	int read_only; /* open the store without writing (no migration) */
	/* Reuse thresholds on word 5-shingles (0: the defaults below). */
	double dup_jaccard;	/* near-duplicate: Jaccard at least this */
	double dup_containment; /* contained: one text this much inside */
	/* Stories (0: the defaults below). */
	double story_threshold; /* join a story at this score or more */
	double story_window_h;	/* a story idle this long (publication
				 * time) leaves the live window */
	/* Entities: a file of names that stand for one entity, added to
	 * the built-in list (format in docs/entities.md), or NULL. */
	const char *aliases_file;
} vl_engine_options;
/* clang-format off */
#define VL_ENGINE_OPTIONS_INIT {1, 0, 0, 0, 0, 0, NULL}
/* clang-format on */
#define VL_DUP_JACCARD 0.5
#define VL_DUP_CONTAINMENT 0.8
#define VL_STORY_THRESHOLD 0.32
#define VL_STORY_WINDOW_H 72.0

/*
 * Open (creating and migrating when needed) the store at db_path.
 * On failure *out is NULL and err (when not NULL) says why.
 */
int vl_engine_open(vl_engine **out, const char *db_path,
		   const vl_engine_options *opts, vl_error *err);
void vl_engine_free(vl_engine *eng);

/* Message of the last storage error (VL_EDB); valid until the next call
 * on the engine. */
const char *vl_engine_errmsg(const vl_engine *eng);

/* Counters of one ingest call. */
typedef struct vl_ingest_stats {
	size_t files;	      /* input files opened */
	size_t read;	      /* articles read */
	size_t added;	      /* new articles stored */
	size_t updated;	      /* known id, changed content: replaced */
	size_t unchanged;     /* known id and content: skipped */
	size_t rejected;      /* refused (reported through on_error) */
	size_t repaired;      /* stored after U+FFFD repair */
	size_t removed_lines; /* boilerplate lines removed */
	size_t recleaned; /* earlier articles cleaned again (learned lines) */
	uint64_t bytes;	  /* input bytes read */
} vl_ingest_stats;

typedef struct vl_ingest_options {
	unsigned version;
	const char *source;	  /* source name for articles that lack one */
	int repair;		  /* repair invalid UTF-8 with U+FFFD */
	size_t max_article_bytes; /* 0: default (8 MiB) */
	size_t max_line_bytes;	  /* JSON Lines line limit; 0: 64 MiB */
	size_t batch_size;	  /* articles per transaction; 0: 500 */
	/* Called for each refused article; may be NULL. */
	void (*on_error)(const vl_error *err, void *payload);
	/* Called after each committed batch and at the end; may be NULL.
	 * Returning non-zero stops the ingest after that batch. */
	int (*on_progress)(const vl_ingest_stats *st, void *payload);
	void *payload;
} vl_ingest_options;
#define VL_INGEST_OPTIONS_INIT                        \
	{                                             \
		1, NULL, 0, 0, 0, 0, NULL, NULL, NULL \
	}

/*
 * Ingest a file, a directory (recursively; .txt, .jsonl, .json, .ndjson,
 * and the same with .gz) or "-" (standard input, format sniffed). Each
 * article is validated, cleaned, analysed and stored; batches commit in
 * one transaction each. Bad articles are reported through on_error and
 * counted in st->rejected; the call still returns 0. A non-zero return
 * means the ingest itself failed (store or I/O), committed batches stay.
 */
int vl_engine_ingest(vl_engine *eng, const char *path,
		     const vl_ingest_options *opts, vl_ingest_stats *st);

/*
 * Ingest articles held in memory (`data`, `len` bytes, named `name` in
 * errors). format: "txt", "jsonl", or NULL to sniff.
 */
int vl_engine_ingest_memory(vl_engine *eng, const char *name, const char *data,
			    size_t len, const char *format,
			    const vl_ingest_options *opts, vl_ingest_stats *st);

/* ------------------------------------------------------------ articles */

typedef struct vl_article vl_article;

/* One boilerplate line removed from an article. */
typedef struct vl_removed_line {
	size_t start, end;  /* byte offsets into vl_article_original */
	const char *reason; /* "comment", "promo", "credit", "caption", ... */
	const char *rule;   /* the rule that fired, for --explain */
} vl_removed_line;

/* Load the article with this id; VL_ENOTFOUND when none. */
int vl_engine_article(vl_engine *eng, const char *id, vl_article **out);
void vl_article_free(vl_article *a);

/* Borrowed strings, valid until vl_article_free; NULL when absent. */
const char *vl_article_id(const vl_article *a);
const char *vl_article_source(const vl_article *a);
const char *vl_article_url(const vl_article *a);
const char *vl_article_title(const vl_article *a);
const char *vl_article_lead(const vl_article *a);
const char *vl_article_published(const vl_article *a);
const char *vl_article_lang(const vl_article *a);
const char *vl_article_text(const vl_article *a);     /* clean text */
const char *vl_article_original(const vl_article *a); /* as ingested, NFC */
size_t vl_article_removed_count(const vl_article *a);
const vl_removed_line *vl_article_removed(const vl_article *a, size_t i);
size_t vl_article_sentence_count(const vl_article *a);
/* Sentence i, offsets into vl_article_original. */
const vl_sentence *vl_article_sentence(const vl_article *a, size_t i);

/* JSON renderings (vl_article_json flags). */
#define VL_JSON_EXPLAIN 0x1u   /* removed lines with rule and offsets */
#define VL_JSON_SENTENCES 0x2u /* sentences with offsets */
#define VL_JSON_EXPORT 0x4u    /* the form `ingest` reads back */
#define VL_JSON_PRETTY 0x8u    /* indented */
#define VL_JSON_SUMMARY 0x10u  /* metadata only: no text, no removed lines */
/* JSON object of the article; *out owned by the caller (vl_free). */
int vl_article_json(char **out, const vl_article *a, unsigned flags);

/* Filter for listing articles; start from VL_QUERY_INIT. */
typedef struct vl_query {
	unsigned version;
	const char *source; /* only this source, or NULL */
	const char *lang;   /* only this language, or NULL */
	size_t limit;	    /* 0: no limit */
} vl_query;
#define VL_QUERY_INIT            \
	{                        \
		1, NULL, NULL, 0 \
	}

/*
 * Call cb for each stored article in ingest order. cb returns 0 to go on,
 * non-zero to stop (the call then returns VL_ESTOPPED). The article is
 * borrowed for the duration of the callback.
 */
int vl_engine_each_article(vl_engine *eng, const vl_query *q,
			   int (*cb)(const vl_article *a, void *payload),
			   void *payload);

/* ---------------------------------------------------------------- reuse */

/* A verified pair of articles that share text. */
typedef struct vl_dup_pair {
	const char *a, *b; /* article ids, the older first */
	const char *kind;  /* "identical", "near-duplicate", "contained" */
	double jaccard;	   /* word 5-shingle Jaccard */
	double contain_a;  /* share of a's shingles found in b */
	double contain_b;  /* share of b's shingles found in a */
} vl_dup_pair;

/*
 * Call cb once per group of articles linked by verified pairs (connected
 * components), oldest group first: the ids of the group in ingest order
 * and its pairs. Borrowed for the duration of the call. cb returns 0 to
 * go on; non-zero stops (VL_ESTOPPED).
 */
int vl_engine_each_dup_group(vl_engine *eng,
			     int (*cb)(const char *const *ids, size_t n_ids,
				       const vl_dup_pair *pairs, size_t n_pairs,
				       void *payload),
			     void *payload);

/* One sentence of an article and where else it is found. */
typedef struct vl_reuse_sentence {
	size_t index;		     /* sentence number in the article */
	size_t start, end;	     /* byte offsets in vl_article_text */
	size_t orig_start, orig_end; /* byte offsets in vl_article_original */
	size_t n_others;	     /* other articles carrying it */
	const char *const *others;   /* their ids, oldest first */
	const double *scores; /* word Jaccard with each (1: same words) */
	const char *origin;   /* the earliest article carrying it */
} vl_reuse_sentence;

/*
 * Walk the sentences of article `id`: cb gets each with the other
 * articles that carry it (the same or a lightly edited sentence) and its
 * origin, the earliest of them by publication time, else ingest order.
 * *share (may be NULL) gets the reuse share: the fraction of the
 * article's sentence bytes whose origin is an earlier article.
 * VL_ENOTFOUND when there is no such article.
 */
int vl_engine_reuse(vl_engine *eng, const char *id,
		    int (*cb)(const vl_reuse_sentence *s, void *payload),
		    void *payload, double *share);

/* Kinds of an aligned passage (vl_engine_compare). */
#define VL_ALIGN_SHARED 0 /* in both articles */
#define VL_ALIGN_A 1	  /* only in the first */
#define VL_ALIGN_B 2	  /* only in the second */

typedef struct vl_aligned {
	int kind;
	/* byte offsets in each article's vl_article_text; SIZE_MAX when the
	 * passage is not in that article */
	size_t a_start, a_end, b_start, b_end;
	double score; /* word Jaccard of the two sentences */
} vl_aligned;

/*
 * Align two stored articles sentence by sentence, in the first one's
 * order with the second's own sentences placed where they fall: cb gets
 * each passage. *jaccard (may be NULL) gets the word 5-shingle Jaccard.
 */
int vl_engine_compare(vl_engine *eng, const char *id_a, const char *id_b,
		      int (*cb)(const vl_aligned *p, void *payload),
		      void *payload, double *jaccard);

/*
 * Exact word 5-shingle similarity of two texts (valid UTF-8), as the
 * reuse stage computes it, and the MinHash estimate of the Jaccard.
 * Any out-parameter may be NULL. Thread-safe.
 */
int vl_text_similarity(const char *a, size_t a_len, const char *b, size_t b_len,
		       double *jaccard, double *contain_a, double *contain_b,
		       double *jaccard_estimate);

/* -------------------------------------------------------------- stories */

/*
 * A story: the articles about one event, gathered online as they arrive
 * (see docs/stories.md). Strings and arrays are borrowed for the duration
 * of the callback that receives the story.
 */
typedef struct vl_story {
	int64_t id;
	const char *label;	     /* its best title, or its top terms */
	const char *first_published; /* ISO 8601, NULL when unknown */
	const char *last_published;
	const char *representative; /* id of the article nearest its centre */
	size_t n_articles;
	const char *const *articles; /* ids in publication order */
	size_t n_sources;
	const char *const *sources; /* distinct, most articles first */
	size_t n_keywords;
	const char *const *keywords; /* top terms and entities */
} vl_story;

/* Filter for listing stories; start from VL_STORY_QUERY_INIT. */
typedef struct vl_story_query {
	unsigned version;
	const char *since;   /* active at or after this ISO date, or NULL */
	size_t min_articles; /* 0 or 1: every story */
	size_t limit;	     /* 0: no limit */
} vl_story_query;
#define VL_STORY_QUERY_INIT   \
	{                     \
		1, NULL, 0, 0 \
	}

/* Call cb for each story, most recently active first. cb returns 0 to
 * go on, non-zero to stop (VL_ESTOPPED). */
int vl_engine_each_story(vl_engine *eng, const vl_story_query *q,
			 int (*cb)(const vl_story *s, void *payload),
			 void *payload);

/* Call cb once with story `id`; VL_ENOTFOUND when there is none. */
int vl_engine_story(vl_engine *eng, int64_t id,
		    int (*cb)(const vl_story *s, void *payload), void *payload);

/* JSON object of a story (flags: VL_JSON_PRETTY); *out owned by the
 * caller (vl_free). It has at least "id" and "articles". */
int vl_story_json(char **out, const vl_story *s, unsigned flags);

/* The story of a stored article; VL_ENOTFOUND when there is no such
 * article (every stored article has a story). */
int vl_engine_story_of(vl_engine *eng, const char *article_id, int64_t *story);

/*
 * Why article `id` is in its story, as a JSON object (owned by the caller,
 * vl_free): the story and its label, the score, how it was decided
 * ("similar", "reuse", "new story"), the terms and entities that matched
 * with their weight, and the runner-up story with its score.
 */
int vl_engine_why(vl_engine *eng, const char *id, unsigned flags, char **out);

/*
 * Similarity of two stored articles as the story stage scores an article
 * against a story (0..1): weighted TF-IDF of stems and entities with the
 * document frequencies learned so far. Time is not part of it.
 */
int vl_engine_story_similarity(vl_engine *eng, const char *id_a,
			       const char *id_b, double *sim);

/*
 * Rebuild every story from scratch: the articles are clustered again in
 * publication order (ingest order for equal or missing dates) with the
 * engine's options. on_progress (may be NULL) gets the articles done.
 */
int vl_engine_recluster(vl_engine *eng,
			int (*on_progress)(size_t done, size_t total,
					   void *payload),
			void *payload);

/* ------------------------------------------------------------- entities */

/*
 * An entity: one real-world person, place, organisation or other thing,
 * with every way the articles wrote its name (see docs/entities.md).
 * Strings and arrays are borrowed for the duration of the callback.
 */
typedef struct vl_entity {
	int64_t id;
	const char *type; /* "PER", "LOC", "ORG" or "MISC" */
	const char *name;
	int64_t n_mentions, n_articles; /* in the store, or in the story */
	size_t n_variants;
	const char *const *variants;   /* written names, most used first */
	const int64_t *variant_counts; /* mentions with each */
} vl_entity;

/* Filter for listing entities; start from VL_ENTITY_QUERY_INIT. */
typedef struct vl_entity_query {
	unsigned version;
	const char *type; /* "PER", "LOC", "ORG", "MISC", or NULL: all */
	int64_t story;	  /* 0: the whole store; else this story's
			   * entities, counted and written as in it */
	size_t limit;	  /* 0: no limit */
} vl_entity_query;
#define VL_ENTITY_QUERY_INIT  \
	{                     \
		1, NULL, 0, 0 \
	}

/* Call cb for each entity, most mentioned first; cb returns non-zero to
 * stop (VL_ESTOPPED). VL_EINVAL for an unknown type. */
int vl_engine_each_entity(vl_engine *eng, const vl_entity_query *q,
			  int (*cb)(const vl_entity *e, void *payload),
			  void *payload);

/* JSON object of an entity (flags: VL_JSON_PRETTY): "id", "type",
 * "name", "variants" (strings, most used first), "variant_counts",
 * "mentions", "articles" (counts). *out owned by the caller (vl_free). */
int vl_entity_json(char **out, const vl_entity *e, unsigned flags);

/* The entities a name leads to, as the entity stage would link it or as
 * it was written ("Kyiv", "kiev", "M. Peskov", or "#12" for an id): up
 * to cap ids in out, their number in *n (0: none). */
int vl_engine_find_entities(vl_engine *eng, const char *name, int64_t *out,
			    size_t cap, size_t *n);

/* Entity `id` as a JSON object: what vl_entity_json gives, plus
 * "article_ids" and "stories" (the ids of its articles and stories).
 * VL_ENOTFOUND when there is none. *out owned by the caller. */
int vl_engine_entity_json(vl_engine *eng, int64_t id, unsigned flags,
			  char **out);

/* An article's mentions as a JSON array, in text order: "start", "end"
 * (byte offsets into its clean text), "text", "type", "entity" (id),
 * "name" (the entity's), "how". VL_ENOTFOUND for an unknown article. */
int vl_engine_mentions_json(vl_engine *eng, const char *article_id,
			    unsigned flags, char **out);

/* ------------------------------------------ dates, quotations, claims */

/*
 * An article's dates as a JSON object (flags: VL_JSON_PRETTY): "article",
 * "published" (as given, or null), "published_inferred" (when the date
 * given is missing or only a month or a year: the day relative dates
 * are read against, or null) with "inferred_from" ("text", "story" or
 * "period"), and "dates": each with "text", "start", "end" (byte offsets
 * into the clean text, or into the original text for "in": "original",
 * a date in a line cleaning removed, whose reason is "removed_line"),
 * "value" (ISO 8601: a day, a week, a month, a year or an interval),
 * "first" and "last" (days), "granularity", "part" (of a day, or null),
 * "relative", "future", "approx", "duration". VL_ENOTFOUND for an
 * unknown article. *out owned by the caller (vl_free).
 */
int vl_engine_dates_json(vl_engine *eng, const char *article_id, unsigned flags,
			 char **out);

/* Filter of vl_engine_quotes_json; start from VL_QUOTE_QUERY_INIT. */
typedef struct vl_quote_query {
	unsigned version;
	int64_t story;	     /* 0: any */
	const char *article; /* an article id, or NULL: any */
	const char *speaker; /* a name (see vl_engine_find_entities), or NULL */
	size_t limit;	     /* 0: no limit */
} vl_quote_query;
#define VL_QUOTE_QUERY_INIT         \
	{                           \
		1, 0, NULL, NULL, 0 \
	}

/*
 * Quotations as a JSON array, articles in publication order: "article",
 * "source", "published", "start", "end" (the quoted words, marks
 * excluded), "text", "kind" ("direct", "partial", "reported"),
 * "speaker" (the entity's name, else the phrase the text names the
 * speaker with, else null), "speaker_entity" (id or null),
 * "carried" (speaker carried from an earlier quotation). VL_ENOTFOUND
 * when q->article names no article.
 */
int vl_engine_quotes_json(vl_engine *eng, const vl_quote_query *q,
			  unsigned flags, char **out);

/*
 * A story's claims grouped by subject, as a JSON object: "story" and
 * "subjects", each with "event" (the class of event: "control",
 * "encirclement"...), "subject" and "subject_entity" (the place or
 * thing, or null), "disputed", "claims" (each: "article", "source",
 * "source_entity", "text", "polarity": "asserts", "denies" or "doubts",
 * "start", "end", "published", "figure") and "disputes" (pairs of claim
 * indexes in "claims": "claim", "by", "why": "denial", "doubt" or
 * "figures"); then "other_claims", the count of claims about no known
 * class of event. Disputed subjects come first.
 */
int vl_engine_claims_json(vl_engine *eng, int64_t story, unsigned flags,
			  char **out);

/*
 * A story's timeline as a JSON object: "story" and "days" in order, each
 * with "date" (ISO day) and "events": the sentences that date an event
 * to that day ("article", "source", "expression", "text", "start",
 * "end", and "claims" made in that sentence: "source", "polarity",
 * "event").
 */
int vl_engine_timeline_json(vl_engine *eng, int64_t story, unsigned flags,
			    char **out);

/* ---------------------------------------------------------------- stats */

typedef struct vl_count {
	const char *name;
	int64_t n;
} vl_count;

typedef struct vl_stats {
	int64_t articles, sentences, removed_lines, sources;
	int64_t bytes_original, bytes_clean;
	const char *first_published, *last_published; /* NULL if none */
	size_t n_by_source, n_by_lang, n_by_reason;
	const vl_count *by_source, *by_lang, *by_reason;
} vl_stats;

/* Summary of the store; *out owned by the caller (vl_stats_free). */
int vl_engine_stats(vl_engine *eng, vl_stats **out);
void vl_stats_free(vl_stats *st);
/* The same as a JSON object; *out owned by the caller (vl_free). */
int vl_stats_json(char **out, const vl_stats *st);

#ifdef __cplusplus
}
#endif
#endif /* VEILLE_H */
