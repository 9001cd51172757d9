/*
 * engine_int.h — what the engine's files share: the engine handle.
 */
#ifndef VL_ENGINE_ENGINE_INT_H
#define VL_ENGINE_ENGINE_INT_H

#include "claims/claims.h"
#include "dates/dates.h"
#include "engine/prepare.h"
#include "entities/mentions.h"
#include "quotes/quotes.h"
#include "reuse/index.h"
#include "store/store.h"
#include "stories/cluster.h"
#include "stories/df.h"
#include "stories/features.h"

struct vl_engine {
	vl_store *store;
	int read_only;
	double dup_jaccard, dup_containment; /* reuse thresholds */
	vl_mmap idx;	/* reuse candidates: LSH band keys, sentence prints */
	int idx_loaded; /* idx rebuilt from the store */
	uint32_t *scratch; /* candidate gathering, 3 x VL_MAX_CANDIDATES */
	/* stories (loaded on first use, see stories.c) */
	double story_threshold, story_window_s;
	int stories_loaded;
	vl_featurizer *fz;
	vl_df df;
	int64_t df_upto;     /* last article rowid counted in df */
	int64_t df_saved_at; /* wall clock of the last df snapshot */
	vl_clusterer *cl;
	struct vl_aliases *aliases; /* built-in and the user's (entities) */
};

/* Candidates gathered per article, at most. */
#define VL_MAX_CANDIDATES 4096

/* Rebuild the candidate index from the store, once. */
int vl__reuse_load(vl_engine *eng);
/* Reuse columns of an article about to be stored: its signature and
 * sentence prints as blobs (in *blobs, freed by the caller), and the
 * older article it repeats exactly. `self`: its rowid when replacing. */
int vl__reuse_columns(vl_engine *eng, const vl_prepared *p, int64_t self,
		      vl_store_article *sa, unsigned char **blobs);
/* Link a just-stored article to the earlier ones it reuses: exact
 * duplicate, near-duplicate, contained; then index it. `replaced`: the
 * article had another text before (its old pairs are dropped). */
int vl__reuse_link(vl_engine *eng, int64_t rowid, vl_prepared *p,
		   int64_t dup_of, int replaced);

/* Bring the story stage up from the store, once: learned frequencies
 * (counting again the articles after the last snapshot) and the live
 * stories. */
int vl__stories_load(vl_engine *eng);
/* A just-stored article, as the story stage takes it. */
typedef struct vl_story_input {
	int64_t rowid;
	const vl_analysis *body; /* its clean text analysed, or NULL: */
	const char *text;	 /* the clean text, to analyse */
	size_t text_len;
	const char *title, *lang;
	int64_t ts;   /* publication time, INT64_MIN: unknown */
	int64_t wall; /* arrival time */
	int replaced; /* it had a version before, maybe in another story */
} vl_story_input;

/* Put a just-stored article in its story (after vl__reuse_link). */
int vl__stories_assign(vl_engine *eng, const vl_story_input *in);
/* Features and vector of a stored article's text with the frequencies
 * learned so far (nothing counted). */
int vl__stories_vec(vl_engine *eng, const char *title, const char *text,
		    size_t text_len, const char *lang, vl_feats *fs, vl_vec *v);
/* Save the learned frequencies (inside the caller's transaction); with
 * force == 0 only when the last snapshot is older than a few seconds. */
int vl__stories_checkpoint(vl_engine *eng, int force);
/* Forget the in-memory stage (after a failed transaction or to rebuild). */
void vl__stories_unload(vl_engine *eng);

/* The entity stage's aliases: the built-in list and the user's file
 * (may be NULL). 0, VL_ENOMEM, VL_EIO or VL_EINVAL (err says where). */
int vl__entities_open(vl_engine *eng, const char *aliases_file, vl_error *err);
/* Link a just-stored article's mentions (of its clean text) to the
 * store's entities (inside the caller's transaction); *ids gets the
 * store id of each of the article's local entities (ms->ents order; 0
 * for none), owned by the caller. */
struct vl_ments;
int vl__entities_link(vl_engine *eng, int64_t rowid, const struct vl_ments *ms,
		      const char *text, int64_t **ids);
/* What the extraction stages found in one article (extract.c). */
typedef struct vl_extracted {
	vl_ments ms;
	vl_dates dates;
	vl_quotes quotes;
	vl_claims claims;
	int32_t inferred_day; /* publication day read from the text, when
				 none was given; INT32_MIN: none */
} vl_extracted;

/* Run the pure extraction stages on an article's clean text; published:
 * its publication time (INT64_MIN unknown), coarse when it was given as
 * a month (1) or a year (2) only: the day is then read from the text,
 * or from the head of the original text (lines cleaning removed). */
int vl__extract(vl_extracted *x, const vl_analysis *an, const char *text,
		size_t len, const char *lang, int64_t published, int coarse,
		const char *original, size_t original_len);
void vl__extract_free(vl_extracted *x);
/* Write them for a just-stored article (in the caller's transaction). */
int vl__extract_store(vl_engine *eng, int64_t rowid, const vl_extracted *x,
		      const char *text);
/* How the day an article is read against was known (dating.c). */
enum {
	VL_DAY_NONE = 0, /* not at all */
	VL_DAY_GIVEN,	 /* its publication date */
	VL_DAY_TEXT,	 /* its text (dateline, explicit dates) */
	VL_DAY_STORY,	 /* its story's other articles */
	VL_DAY_PERIOD	 /* the start of its coarse publication date */
};
/* The weekday an article's lead names first ("Poutine a appelé
 * vendredi ..."), 0 Sunday .. 6, or -1. */
int vl__lead_weekday(const char *text);
/* That day for stored article rowid (its clean text given). */
int vl__article_day(vl_engine *eng, int64_t rowid, const char *text,
		    int32_t *day, int *how);

/* Before an article's text is replaced: all of the above goes. */
int vl__extract_forget(vl_engine *eng, int64_t rowid, const char *old_text);

/* Before an article's text is replaced: its mentions go and its
 * entities' counts drop (old_text: its clean text so far). */
int vl__entities_forget(vl_engine *eng, int64_t rowid, const char *old_text);

#endif
