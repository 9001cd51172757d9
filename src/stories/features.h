/*
 * features.h — what the story stage knows of an article: a bag of terms
 * (Snowball stems of its content words, and numbers) and of entities
 * (names of two words or more: "donald trump", "hong kong"), each with a
 * weight that counts its occurrences by field: the title and the lead
 * (first sentences) count more than the rest of the body (features.c).
 * IDF comes later (df.h, vector.h): features are independent of the
 * other articles.
 */
#ifndef VL_STORIES_FEATURES_H
#define VL_STORIES_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "veille.h"

/* An entity's id has this bit set; a term's has it clear. */
#define VL_FEAT_ENTITY (1ull << 63)

typedef struct vl_feat {
	uint64_t id;   /* hash of the stem or of the entity's form */
	float tf;      /* field-weighted count */
	uint32_t text; /* offset of its display form in vl_feats.text */
} vl_feat;

typedef struct vl_feats {
	vl_feat *v; /* sorted by id, ids distinct */
	size_t n;
	vl_buf text; /* display forms, each NUL-terminated */
} vl_feats;

/* Stemmers by language and a bounded cache of stems across articles. */
typedef struct vl_featurizer vl_featurizer;

int vl__featurizer_new(vl_featurizer **out);
void vl__featurizer_free(vl_featurizer *f);

/*
 * Features of an article from the analyses of its title (may be NULL)
 * and of its body (may be NULL), in language lang (ISO 639-1 or NULL).
 * 0 or VL_ENOMEM; *out is then empty.
 */
int vl__feats_build(vl_featurizer *f, vl_feats *out, const vl_analysis *title,
		    const vl_analysis *body, const char *lang);
void vl__feats_free(vl_feats *fs);

/* Display form of feature i. */
static inline const char *vl__feat_text(const vl_feats *fs, size_t i)
{
	return fs->text.ptr + fs->v[i].text;
}

#endif
