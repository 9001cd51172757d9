/*
 * clean.h — the boilerplate stage: decides which lines of an article body
 * are not the article (comment-section invitations, messaging-app and
 * newsletter promotion blocks, photo credits and captions, image file
 * names, bylines and author/role lines, publication timestamps, "lire
 * aussi" links, lone section labels, share and cookie lines, and lines a
 * source repeats across many of its articles).
 *
 * Pure: text in, decisions out. Knowledge of what a source repeats comes
 * from the caller through the `seen` callback (the engine keeps the
 * counts in the store); the stage itself reads and writes nothing.
 */
#ifndef VL_CLEAN_CLEAN_H
#define VL_CLEAN_CLEAN_H

#include <stddef.h>
#include <stdint.h>

/* Reasons, as stored and shown by `veille show --explain`. */
#define VL_WHY_COMMENT "comment"
#define VL_WHY_PROMO "promo"
#define VL_WHY_CREDIT "credit"
#define VL_WHY_CAPTION "caption"
#define VL_WHY_IMAGE "image"
#define VL_WHY_BYLINE "byline"
#define VL_WHY_TIMESTAMP "timestamp"
#define VL_WHY_SEE_ALSO "see-also"
#define VL_WHY_SECTION "section"
#define VL_WHY_SHARE "share"
#define VL_WHY_COOKIE "cookie"
#define VL_WHY_REPEATED "repeated"

/* One line of the body: [start, end) without its line terminator. */
typedef struct vl_clean_line {
	size_t start, end;
	uint64_t hash;	    /* vl__clean_line_hash of the line, 0 if blank */
	const char *reason; /* NULL: kept; else one of VL_WHY_* (static) */
	const char *rule;   /* name of the rule that fired (static) */
} vl_clean_line;

typedef struct vl_clean_options {
	/* Number of earlier articles of the same source that carry a line
	 * with this hash; NULL: no per-source knowledge. */
	uint32_t (*seen)(uint64_t hash, void *payload);
	void *payload;
	uint32_t repeat_min; /* lines seen in >= this many: "repeated" (default
				3) */
} vl_clean_options;

typedef struct vl_clean_result {
	vl_clean_line *lines; /* every line, blank ones included */
	size_t n_lines;
} vl_clean_result;

/*
 * Split text (valid UTF-8, NFC) into lines and classify each. On success
 * out->lines is owned by the caller (vl__clean_result_free); empty text
 * gives no lines (out->lines NULL). A final \n ends the last line and
 * opens no new one; a \r before \n is not part of the line. Lines with
 * invalid UTF-8 are kept, never read past. opts may be NULL. Returns 0
 * or VL_ENOMEM (out then empty). Thread-safe; `seen` is called from the
 * calling thread only.
 */
int vl__clean(vl_clean_result *out, const char *text, size_t len,
	      const vl_clean_options *opts);
void vl__clean_result_free(vl_clean_result *r);

/* Hash of a line's matching form (case, accents, quotes and spacing
 * insensitive); 0 for a blank line. Lines a source may repeat are
 * counted by this hash. Lines longer than VL_CLEAN_SHORT_MAX bytes
 * (rules.h; never countable) are hashed on their trimmed bytes instead,
 * so the stage need not tokenise long paragraphs. Thread-safe. */
uint64_t vl__clean_line_hash(const char *line, size_t len);

/* Should this line be counted for per-source repetition? (Short,
 * non-blank lines only: long paragraphs that recur are wire copy.) */
int vl__clean_line_countable(const char *line, size_t len);

#endif
