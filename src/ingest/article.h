/*
 * article.h — an article as read from outside, before cleaning: the
 * metadata fields and the body, all NUL-terminated UTF-8 owned by the
 * struct. Readers fill it; the engine validates, cleans and stores it.
 */
#ifndef VL_INGEST_ARTICLE_H
#define VL_INGEST_ARTICLE_H

#include <stddef.h>

#include "veille.h"

enum vl_format { VL_FMT_UNKNOWN = 0, VL_FMT_TXT, VL_FMT_JSONL };

typedef struct vl_raw_article {
	char *id, *url, *source, *title, *lead, *published, *lang;
	char *text; /* body */
	size_t text_len;
	char *extra; /* JSON object text of unknown fields, or NULL */
	int format;  /* enum vl_format it was read from */
} vl_raw_article;

void vl__raw_article_clear(vl_raw_article *a);

/*
 * Parse a plain-text article (valid UTF-8): an optional leading metadata
 * marker (" date 2025-02 ", as news exports write it) becomes the
 * publication date; the rest is the body. VL_EEMPTY when no text remains.
 */
int vl__txt_parse(vl_raw_article *out, const char *data, size_t len,
		  vl_error *err);

/*
 * Parse one JSON Lines record (valid UTF-8): fields id, url, source,
 * title, lead, published, lang, text (or body/content); other fields are
 * kept in `extra`. VL_EFORMAT with the byte offset on malformed JSON or
 * wrong field types; VL_EEMPTY without text.
 */
int vl__jsonl_parse(vl_raw_article *out, const char *line, size_t len,
		    vl_error *err);

/* Set err's code, offset and message (printf-style). */
void vl__set_error(vl_error *err, int code, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
