/*
 * tagger.h — named-entity tagger: an averaged structured perceptron
 * over BIO tags (PER, LOC, ORG, MISC), trained by tools/ner_train.c.
 * The French model, data/entities/ner-fr.model (`make ner-model`), is
 * compiled in (tools/embed.c: #include "ner-fr.model.inc" gives
 * vl__data_ner_fr_model and vl__data_ner_fr_model_len).
 */
#ifndef VL_ENTITIES_TAGGER_H
#define VL_ENTITIES_TAGGER_H

#include "entities/span.h"

typedef struct vl_tagger vl_tagger;

/* The compiled-in French model, decoded once (thread-safe); NULL only
 * when memory runs out. Never freed by the caller. */
const vl_tagger *vl__tagger_default(void);

/* Decode a model from its serialised form (as tools/ner_train.c writes
 * it). 0 or VL_EINVAL / VL_ENOMEM. */
int vl__tagger_load(vl_tagger **out, const unsigned char *blob, size_t len);
void vl__tagger_free(vl_tagger *t);

/*
 * Tag one sentence of n tokens: tags[i] gets a BIO tag (span.h).
 * gaz: per-token gazetteer flags (gazetteer.h, vl__gaz_mark), or NULL.
 * Thread-safe for a shared model. 0 or VL_ENOMEM.
 */
int vl__tagger_tag(const vl_tagger *t, const vl_span *toks, const uint8_t *gaz,
		   size_t n, uint8_t *tags);

#endif
