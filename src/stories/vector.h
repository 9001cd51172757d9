/*
 * vector.h — an article as a vector over its features for the story
 * stage. Each feature weighs ln(1 + tf), times entity_weight for an
 * entity; its IDF is applied when vectors meet, with the frequencies
 * learned at that moment, so that a story's centroid, which sums the
 * weights of articles counted long ago, is always weighed with today's
 * IDF. The vector is scaled so that its IDF-weighted length is 1 at the
 * time it is built. Sorted by feature id, so two vectors meet in one
 * merge pass. It borrows the features' display forms.
 */
#ifndef VL_STORIES_VECTOR_H
#define VL_STORIES_VECTOR_H

#include <stddef.h>
#include <stdint.h>

#include "stories/df.h"
#include "stories/features.h"

typedef struct vl_vterm {
	uint64_t id;
	float w;       /* weight before IDF */
	uint32_t text; /* display form: offset in the owner's strings */
} vl_vterm;

typedef struct vl_vec {
	vl_vterm *v; /* sorted by id */
	float *idf;  /* IDF of each term when the vector was built */
	size_t n;
	const char *text; /* the features' display forms (borrowed) */
} vl_vec;

int vl__vec_build(vl_vec *out, const vl_feats *fs, const vl_df *df,
		  double entity_weight);
void vl__vec_free(vl_vec *v);

/* Cosine of two vectors built with the same frequencies: the sum over
 * shared terms of a.w * b.w * idf^2 (a's IDF). */
double vl__vec_cos(const vl_vec *a, const vl_vec *b);

/* Sum over the terms v shares with c of v.w * c.w * idf^2 (v's IDF), and,
 * when part is not NULL, each shared term's share in part[i] (v's order;
 * 0 for the others). */
double vl__vec_dot_idf(const vl_vec *v, const vl_vterm *c, size_t nc,
		       double *part);

#endif
