/*
 * engine_int.h — what the engine's files share: the engine handle.
 */
#ifndef VL_ENGINE_ENGINE_INT_H
#define VL_ENGINE_ENGINE_INT_H

#include "engine/prepare.h"
#include "reuse/index.h"
#include "store/store.h"

struct vl_engine {
	vl_store *store;
	int read_only;
	double dup_jaccard, dup_containment; /* reuse thresholds */
	vl_mmap idx;	/* reuse candidates: LSH band keys, sentence prints */
	int idx_loaded; /* idx rebuilt from the store */
	uint32_t *scratch; /* candidate gathering, 3 x VL_MAX_CANDIDATES */
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

#endif
