/*
 * jsonl.c — reader of one JSON Lines record (jansson). Known fields map
 * onto the article; unknown ones are kept verbatim in `extra` so that an
 * export gives them back.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/article.h"
#include "util/alloc.h"

static const char *const known[] = {"id",   "url",       "source", "title",
				    "lead", "published", "lang",   "text",
				    NULL};

static int is_known(const char *key)
{
	for (int i = 0; known[i]; i++)
		if (!strcmp(key, known[i]))
			return 1;
	return 0;
}

/* Copy a string field; numbers are accepted for id, and a Unix time for
 * published. Returns 0, VL_EFORMAT (wrong type) or VL_ENOMEM. */
static int take(char **dst, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	char num[64];

	if (!v || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*dst = vl__strndup(json_string_value(v), json_string_length(v));
		return *dst ? 0 : VL_ENOMEM;
	}
	if (json_is_integer(v) && !strcmp(key, "id")) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
	} else if (json_is_integer(v) && !strcmp(key, "published")) {
		time_t t = (time_t)json_integer_value(v);
		struct tm tm;
		if (!gmtime_r(&t, &tm))
			return VL_EFORMAT;
		strftime(num, sizeof num, "%Y-%m-%dT%H:%M:%SZ", &tm);
	} else {
		return VL_EFORMAT;
	}
	*dst = vl__strdup(num);
	return *dst ? 0 : VL_ENOMEM;
}

int vl__jsonl_parse(vl_raw_article *out, const char *line, size_t len,
		    vl_error *err)
{
	json_error_t jerr;
	json_t *obj, *extra = NULL, *v;
	const char *key;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->format = VL_FMT_JSONL;
	obj = json_loadb(line, len, 0, &jerr);
	if (!obj) {
		vl__set_error(err, VL_EFORMAT, (size_t)jerr.position,
			      "malformed JSON: %s", jerr.text);
		return VL_EFORMAT;
	}
	if (!json_is_object(obj)) {
		json_decref(obj);
		vl__set_error(err, VL_EFORMAT, 0,
			      "a JSON Lines record must be an object");
		return VL_EFORMAT;
	}
	for (int i = 0; known[i] && !rc; i++) {
		char **dst = i == 0 ? &out->id : i == 1 ? &out->url
			   : i == 2 ? &out->source : i == 3 ? &out->title
			   : i == 4 ? &out->lead : i == 5 ? &out->published
			   : i == 6 ? &out->lang : &out->text;
		rc = take(dst, obj, known[i]);
		if (rc == VL_EFORMAT)
			vl__set_error(err, rc, SIZE_MAX,
				      "field \"%s\" has the wrong type",
				      known[i]);
	}
	if (!rc && !out->text) {
		vl__set_error(err, VL_EEMPTY, SIZE_MAX,
			      "record has no \"text\" field");
		rc = VL_EEMPTY;
	}
	json_object_foreach(obj, key, v) {
		if (rc || is_known(key))
			continue;
		if (!extra && !(extra = json_object())) {
			rc = VL_ENOMEM;
			break;
		}
		if (json_object_set(extra, key, v))
			rc = VL_ENOMEM;
	}
	if (!rc && extra) {
		out->extra = json_dumps(extra, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (!out->extra)
			rc = VL_ENOMEM;
		else {
			/* json_dumps allocates with malloc: move it to ours. */
			char *mine = vl__strdup(out->extra);
			free(out->extra);
			out->extra = mine;
			if (!mine)
				rc = VL_ENOMEM;
		}
	}
	if (!rc)
		out->text_len = strlen(out->text);
	json_decref(extra);
	json_decref(obj);
	if (rc)
		vl__raw_article_clear(out);
	return rc;
}
