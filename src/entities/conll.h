/*
 * conll.h — readers of the annotated NER data sets, for training the
 * tagger (tools/ner_train.c) and scoring it (`veille eval ner`):
 *   - WikiNEuRal (.conllu): "index TAB token TAB tag", IOB2 tags, a blank
 *     line between sentences;
 *   - HIPE-2022 (.tsv): a header line naming the columns (TOKEN,
 *     NE-COARSE-LIT, MISC...), "# " comment lines, among them
 *     "# hipe2022:document_id = ..." which starts a document; a sentence
 *     ends at a token whose MISC column holds EndOfSentence, at a blank
 *     line and at a document's end;
 *   - "token tag" lines (.bio, the Europeana newspapers set): IO or IOB2
 *     tags; a sentence ends at a blank line, or after a ".", "!" or "?"
 *     tagged O (the Europeana file has no blank lines), or after 200
 *     tokens at an O tag.
 * Tags are kept as written (span.h codes); vl__bio_repair turns them into
 * IOB2 the way conlleval reads them. HIPE splits "l’" and "M." into two
 * tokens where veille's tokenizer keeps one, so the reader joins them
 * (an apostrophe or an abbreviation's full stop glued to the previous
 * token, when the tags allow it).
 *
 * Binary-safe and bounded: input must be UTF-8 without NUL bytes, lines
 * at most VL_CONLL_MAX_LINE bytes, tokens at most VL_CONLL_MAX_TOKEN;
 * anything else is refused with its line number.
 */
#ifndef VL_ENTITIES_CONLL_H
#define VL_ENTITIES_CONLL_H

#include <stddef.h>
#include <stdint.h>

#include "entities/gazetteer.h"
#include "entities/span.h"
#include "entities/tagger.h"

enum {
	VL_CONLL_AUTO = 0,
	VL_CONLL_WIKINEURAL, /* index TAB token TAB tag */
	VL_CONLL_HIPE,	     /* HIPE-2022 TSV */
	VL_CONLL_BIO	     /* token SPACE tag */
};

#define VL_CONLL_MAX_LINE 65536
#define VL_CONLL_MAX_TOKEN 256

typedef struct vl_conll {
	int format;
	size_t n_tokens, n_sents, n_docs;
	vl_span *toks; /* each token's text (in `text`) */
	uint8_t *tags; /* each token's tag as written (span.h codes) */
	size_t *sent;  /* sentence s: tokens sent[s] .. sent[s + 1] - 1 */
	uint32_t *doc; /* sentence s's document (HIPE), else s */
	char *text;    /* the tokens' bytes (owned) */
	/* The words the tagger reads: the tokens, except that a word that
	 * OCR cut at a line end with "¬" ("Lau¬" "rent", HIPE) is joined
	 * again ("Laurent"). Sentence s has words wsent[s] .. wsent[s + 1]
	 * - 1; token i lies in word word_of[i]. Scores stay on the tokens
	 * (vl__conll_project). */
	size_t n_words;
	vl_span *words;
	size_t *wsent;
	size_t *word_of;
	char *wtext; /* the joined words' bytes (owned) */
} vl_conll;

typedef struct vl_conll_error {
	int code;      /* VL_EFORMAT, VL_EUTF8, VL_EBINARY, VL_ETOOBIG... */
	size_t line;   /* 1-based */
	size_t offset; /* byte offset of the line (or of the bad byte) */
	char msg[112];
} vl_conll_error;

/* The format of a file from its name (.conllu, .tsv, .bio) and, failing
 * that, its first lines; VL_CONLL_AUTO when neither tells. name may be
 * NULL. Pure. */
int vl__conll_detect(const char *data, size_t len, const char *name);

/*
 * Read len bytes of data in `format` (VL_CONLL_AUTO: detected from the
 * content). *out is owned by the caller (vl__conll_free). 0, VL_ENOMEM,
 * or an error of the input, described in *err (may be NULL).
 */
int vl__conll_read(vl_conll **out, const char *data, size_t len, int format,
		   vl_conll_error *err);
void vl__conll_free(vl_conll *c);

/* Is sentence s in the held-back part? HIPE: the documents of odd
 * number (the 2nd, 4th...); other formats: every 5th sentence (the 5th,
 * 10th...). The tagger is trained on the rest. */
int vl__conll_held_back(const vl_conll *c, size_t s);

/* The gold tags of sentence s's words (wsent[s + 1] - wsent[s] of
 * them): a joined word takes the tag of its first token. */
void vl__conll_word_tags(const vl_conll *c, size_t s, uint8_t *wtags);

/* Project tags of sentence s's words back onto its tokens: a word's
 * first token takes its tag, the tokens after it I- of its type (O when
 * the word is O). */
void vl__conll_project(const vl_conll *c, size_t s, const uint8_t *wtags,
		       uint8_t *tags);

/*
 * Tag sentence s as veille tags an article's sentence: its words
 * (dehyphenated), the gazetteer's flags (g may be NULL: none), the
 * tagger t; tags (one per token of s) gets the words' tags projected
 * onto the tokens. 0, VL_EINVAL or VL_ENOMEM.
 */
int vl__conll_tag(const vl_conll *c, size_t s, const vl_tagger *t,
		  const vl_gaz *g, uint8_t *tags);

/* Rewrite tags in place as IOB2 the way conlleval reads them: an I-X
 * that follows O or a tag of another type begins an entity (B-X). */
void vl__bio_repair(uint8_t *tags, size_t n);

/* conlleval's counts, per type (index span.h type; 0 = all types). */
typedef struct vl_ner_counts {
	size_t gold[VL_ENT_NTYPES], found[VL_ENT_NTYPES],
		correct[VL_ENT_NTYPES];
	size_t tokens, tokens_right;
} vl_ner_counts;

/* Add one sentence's entities to *c: an entity is right when its type
 * and both boundaries are (conlleval, CoNLL-2000). Tags are read as
 * vl__bio_repair reads them. */
void vl__ner_count(vl_ner_counts *c, const uint8_t *gold, const uint8_t *pred,
		   size_t n);

#endif
