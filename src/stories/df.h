/*
 * df.h — document frequencies learned online: how many articles carry
 * each feature, for IDF. Counts live in a fixed array of 2^22 saturating
 * 16-bit counters indexed by the feature's hash (8 MiB), so memory stays
 * bounded on an endless stream of new names; two features sharing a
 * counter only blur their IDF a little.
 */
#ifndef VL_STORIES_DF_H
#define VL_STORIES_DF_H

#include <stddef.h>
#include <stdint.h>

#include "stories/features.h"

#define VL_DF_BITS 22

typedef struct vl_df {
	uint16_t *count; /* 2^VL_DF_BITS counters */
	uint64_t docs;	 /* articles counted */
} vl_df;

/* Counters starting from the prior (idf_prior_fr.inc), or empty. */
int vl__df_init(vl_df *df);
int vl__df_init_empty(vl_df *df);
void vl__df_free(vl_df *df);
/* Count an article's features (each once). */
void vl__df_add(vl_df *df, const vl_feats *fs);
/* IDF of a feature: ln((docs + 1) / (df + 1)) + 1. */
double vl__df_idf(const vl_df *df, uint64_t id);

/* Serialise the non-zero counters (for the store) and read them back.
 * vl__df_load replaces df's counts; 0, VL_ENOMEM or VL_EFORMAT. */
int vl__df_save(const vl_df *df, unsigned char **out, size_t *len);
int vl__df_load(vl_df *df, const unsigned char *data, size_t len);

#endif
