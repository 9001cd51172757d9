/*
 * cluster.h — online story clustering. Each article, as it arrives, is
 * scored against the live stories that share one of its strongest terms
 * (an inverted index over the story centroids, never a scan of all
 * stories) and joins the best one at or above the threshold, or opens a
 * new story. A story's centroid is the sum of its articles' unit vectors,
 * kept to its CENTROID_TERMS heaviest terms (weights before IDF, which
 * is applied at scoring with the frequencies of the moment); the score is
 * the cosine of the article with the centroid, lowered a little with the
 * distance in publication time. A copy of an article of a live story (a
 * verified reuse pair: identical, near-duplicate, contained) joins that
 * story whatever its score.
 *
 * Stories leave the live set when idle for the window (in publication
 * time, the clock being the latest publication seen), so memory is
 * bounded by the stories of one window. Same input, same order: same
 * stories.
 */
#ifndef VL_STORIES_CLUSTER_H
#define VL_STORIES_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "stories/vector.h"

typedef struct vl_cluster_options {
	double threshold; /* cosine (after the time factor) to join */
	double window_s;  /* idle time after which a story leaves */
	const vl_df *df;  /* the learned frequencies (IDF at scoring) */
} vl_cluster_options;

#define VL_MATCH_TOP 10

/* The decision for one article. */
typedef struct vl_assignment {
	int64_t story;	   /* story to join; 0: open a new one */
	int64_t ts;	   /* the article's publication time */
	double score;	   /* its score (the best score when new) */
	int by_reuse;	   /* joined through shared wire copy */
	int64_t runner_up; /* next best live story, 0 if none */
	double runner_score;
	size_t n_candidates; /* live stories scored */
	size_t n_top;
	struct {
		uint64_t id;
		double part;	  /* its share of the score */
		const char *text; /* display form (the article's) */
	} top[VL_MATCH_TOP];	  /* matched features, largest part first */
} vl_assignment;

typedef struct vl_clusterer vl_clusterer;

int vl__clusterer_new(vl_clusterer **out, const vl_cluster_options *o);
void vl__clusterer_free(vl_clusterer *c);

/*
 * Times: ts is the publication time, INT64_MIN when unknown (no time
 * evidence then); wall is the arrival time (ingest time), which ages the
 * stories that have no publication time.
 *
 * Score article v published at ts against the live stories; reuse lists
 * the stories of earlier articles it shares text with (may repeat, may be
 * stale). Fills *out; does not change the clusterer.
 */
int vl__cluster_score(vl_clusterer *c, const vl_vec *v, int64_t ts,
		      const int64_t *reuse, size_t n_reuse, vl_assignment *out);

/* Two stories that became one. */
typedef struct vl_merge {
	int64_t from, into; /* 0: no merge */
	double score;	    /* cosine of their centroids */
} vl_merge;

/* Add article v to story `story` (a live one, or a new id). The story
 * may then meet another live story closely enough to become one with it:
 * *merged says so (the younger story's articles go to the older). 0 or
 * VL_ENOMEM. */
int vl__cluster_add(vl_clusterer *c, int64_t story, const vl_vec *v, int64_t ts,
		    int64_t wall, vl_merge *merged);

/* A live story's state, to save it (borrowed until the next change):
 * its centroid, whose terms' .text are offsets in *text. VL_ENOTFOUND
 * when it is not live. */
int vl__cluster_get(const vl_clusterer *c, int64_t story,
		    const vl_vterm **centroid, size_t *n, const char **text,
		    uint32_t *articles, int64_t *first_ts, int64_t *last_ts);

/* Bring a saved story back to the live set (on opening a store); the
 * terms' .text are offsets in text. */
int vl__cluster_restore(vl_clusterer *c, int64_t story,
			const vl_vterm *centroid, size_t n, const char *text,
			uint32_t articles, int64_t first_ts, int64_t last_ts,
			int64_t wall);

/* A live story's IDF-weighted centroid length (0 when not live). */
double vl__cluster_idf_norm(const vl_clusterer *c, int64_t story);

/* Live stories. */
size_t vl__cluster_live(const vl_clusterer *c);

#endif
