/*
 * prepare.h — runs the pure stages over one article body: clean
 * (boilerplate lines), compose the clean text, analyse it (sentences,
 * language), and maps sentence offsets back to the original. The result
 * is what the store writes. Used for new articles and for cleaning an
 * older article again once its source's repeated lines are learned.
 */
#ifndef VL_ENGINE_PREPARE_H
#define VL_ENGINE_PREPARE_H

#include <stddef.h>
#include <stdint.h>

#include "clean/clean.h"
#include "reuse/align.h"
#include "reuse/reuse.h"
#include "store/store.h"
#include "util/buf.h"

typedef struct vl_prepared {
	vl_buf clean;
	vl_store_removed *removed;
	size_t n_removed;
	vl_store_sentence *sentences;
	size_t n_sentences;
	uint64_t *line_hashes; /* countable lines, deduplicated */
	size_t n_line_hashes;
	char *title;	  /* a title found in a .txt body, or NULL */
	const char *lang; /* detected language (static) */
	char clean_hash[33];
	/* reuse fingerprints of the clean text */
	vl_shingles shingles;
	vl_signature sig;
	uint64_t *fps; /* sentence fingerprints, distinct, sorted */
	size_t n_fps;
	vl_sentsets sents; /* word sets of the sentences, for alignment:
			    * built on first use (vl__prepared_sents) */
	int sents_ready;
	vl_analysis *an; /* tokens and sentences of the clean text */
} vl_prepared;

/* Sentences shorter than this many words get no fingerprint: short ones
 * ("Il a démenti.") recur everywhere without meaning reuse. */
#define VL_SENTENCE_FP_WORDS 8

typedef struct vl_prepare_input {
	const char *text; /* original body, valid UTF-8 NFC */
	size_t len;
	const char *title; /* given title, or NULL */
	const char *lead;  /* given lead, or NULL */
	int find_title;	   /* plain text: take a title line from the body */
	int detect_lang;
	const vl_clean_options *clean;
} vl_prepare_input;

int vl__prepare(vl_prepared *out, const vl_prepare_input *in);
/* The sentence word sets, built on first call (most articles share no
 * sentence with anything and never need them). */
int vl__prepared_sents(vl_prepared *p, const vl_sentsets **out);
void vl__prepared_free(vl_prepared *p);

/* Signature of an article's body: the hash of its longest line. Copies
 * and updates of one dispatch share it, so a line they all carry is not
 * taken for a source's boilerplate. */
uint64_t vl__body_sig(const char *text, size_t len);

/* Hex digest helpers (xxHash XXH3): 16 hex chars for 64 bits, 32 for
 * 128 bits, NUL-terminated. */
void vl__hex64(char out[17], const void *data, size_t len);
void vl__hex128(char out[33], const void *data, size_t len);

#endif
