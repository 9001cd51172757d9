/*
 * analysis.h — internals of the text stage (tokens, sentences, language,
 * stems). The stage is pure: text in, arrays out; it opens nothing.
 */
#ifndef VL_TEXT_ANALYSIS_H
#define VL_TEXT_ANALYSIS_H

#include <stddef.h>

#include "util/buf.h"
#include "veille.h"

/* Internal token flags, above the public VL_TOKF_* bits. */
#define VL_TOKF__BREAK 0x100u /* a line break precedes this token */
#define VL_TOKF__GLUED \
	0x200u /* a glued period ("2019.Alors"): ends a sentence */
#define VL_TOKF__TERM 0x400u   /* . ! ? ... : may end a sentence */
#define VL_TOKF__SPACE 0x800u  /* white space precedes this token */
#define VL_TOKF__OPEN 0x1000u  /* opening quote or bracket */
#define VL_TOKF__CLOSE 0x2000u /* closing quote or bracket */
#define VL_TOKF__ELLIPSIS 0x4000u
#define VL_TOKF__MAYEND 0x8000u /* "etc.", "U.S.A.": may end a sentence */

/* Limits that bound work on hostile input. */
#define VL_MAX_TOKEN_BYTES 1024 /* longer runs are cut into pieces */

typedef struct vl_tokens {
	vl_token *v;
	size_t n, cap;
	vl_buf norms; /* each norm followed by a NUL */
} vl_tokens;

/* Tokenise valid UTF-8; tokens' norm pointers are set on success. */
int vl__tokenize(vl_tokens *out, const char *text, size_t len);
void vl__tokens_free(vl_tokens *t);

typedef struct vl_sentences {
	vl_sentence *v;
	size_t n, cap;
} vl_sentences;

/* Split a token stream into sentences. */
int vl__sentences(vl_sentences *out, const vl_tokens *t);

/* Language of a text by n-gram profiles (libexttextcat): "fr", "en", ...
 * or "und". Thread-safe after vl__langid_init. */
int vl__langid_init(void);
const char *vl__langid(const char *text, size_t len);

/* vl_analyze for text already known to be valid UTF-8 (no check). */
int vl__analyze_valid(vl_analysis **out, const char *text, size_t len,
		      const vl_analyze_options *opts);

struct vl_analysis {
	vl_tokens tok;
	vl_sentences sent;
	char *match; /* lazily built */
	size_t match_len;
	const char *lang;
	char **stems; /* per token, when stemmed */
	vl_buf stem_pool;
};

#endif
