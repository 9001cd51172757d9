/*
 * jsonl.c — reader of one JSON Lines record (cJSON). Known fields map
 * onto the article; unknown ones are kept verbatim in `extra` so that an
 * export gives them back. The line was validated as UTF-8 before it got
 * here; cJSON checks the JSON grammar and decodes escapes.
 */
#include <cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/article.h"
#include "util/alloc.h"

static const char *const known[] = { "id",    "url",  "source",
				     "title", "lead", "published",
				     "lang",  "text", NULL };

static int is_known(const char *key)
{
	for (int i = 0; known[i]; i++)
		if (!strcmp(key, known[i]))
			return 1;
	return 0;
}

/* Copy a string field; numbers are accepted for id, and a Unix time for
 * published. Returns 0, VL_EFORMAT (wrong type) or VL_ENOMEM. */
static int take(char **dst, const cJSON *v, const char *key)
{
	char num[64];

	if (!v || cJSON_IsNull(v))
		return 0;
	if (cJSON_IsString(v)) {
		*dst = vl__strdup(v->valuestring);
		return *dst ? 0 : VL_ENOMEM;
	}
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
	    v->valuedouble != floor(v->valuedouble) ||
	    fabs(v->valuedouble) > 9007199254740992.0)
		return VL_EFORMAT;
	if (!strcmp(key, "id")) {
		snprintf(num, sizeof num, "%.0f", v->valuedouble);
	} else if (!strcmp(key, "published")) {
		time_t t = (time_t)v->valuedouble;
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

/* cJSON strings are NUL-terminated: a \u0000 escape would silently cut
 * the text. Refuse such records rather than lose what follows. */
static const char *find_nul_escape(const char *s, size_t len)
{
	for (const char *p = s; (p = memchr(p, '\\', (size_t)(s + len - p)));) {
		if (p + 6 <= s + len && p[1] == 'u' &&
		    !memcmp(p + 2, "0000", 4))
			return p;
		p += 2; /* skip the escaped character */
		if (p >= s + len)
			break;
	}
	return NULL;
}

int vl__jsonl_parse(vl_raw_article *out, const char *line, size_t len,
		    vl_error *err)
{
	const char *end = NULL, *nul;
	cJSON *obj, *extra = NULL, *v;
	int rc = 0;

	memset(out, 0, sizeof *out);
	out->format = VL_FMT_JSONL;
	obj = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (!obj) {
		size_t at = end && end >= line && end <= line + len
				    ? (size_t)(end - line)
				    : SIZE_MAX;
		vl__set_error(err, VL_EFORMAT, at, "malformed JSON%s",
			      at >= len ? " (truncated record)" : "");
		return VL_EFORMAT;
	}
	if (end && (size_t)(end - line) < len) {
		size_t at = (size_t)(end - line);
		while (at < len && (line[at] == ' ' || line[at] == '\t' ||
				    line[at] == '\r'))
			at++;
		if (at < len) {
			cJSON_Delete(obj);
			vl__set_error(err, VL_EFORMAT, at,
				      "malformed JSON: text after the record");
			return VL_EFORMAT;
		}
	}
	if (!cJSON_IsObject(obj)) {
		cJSON_Delete(obj);
		vl__set_error(err, VL_EFORMAT, 0,
			      "a JSON Lines record must be an object");
		return VL_EFORMAT;
	}
	if ((nul = find_nul_escape(line, len))) {
		cJSON_Delete(obj);
		vl__set_error(err, VL_EFORMAT, (size_t)(nul - line),
			      "NUL character (\\u0000) in a JSON string");
		return VL_EFORMAT;
	}
	for (int i = 0; known[i] && !rc; i++) {
		char **dst = i == 0   ? &out->id
			     : i == 1 ? &out->url
			     : i == 2 ? &out->source
			     : i == 3 ? &out->title
			     : i == 4 ? &out->lead
			     : i == 5 ? &out->published
			     : i == 6 ? &out->lang
				      : &out->text;
		rc = take(dst, cJSON_GetObjectItemCaseSensitive(obj, known[i]),
			  known[i]);
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
	/* Unknown fields: moved (not copied) into a new object. */
	for (v = obj->child; !rc && v;) {
		cJSON *next = v->next;
		if (!is_known(v->string)) {
			if (!extra && !(extra = cJSON_CreateObject())) {
				rc = VL_ENOMEM;
				break;
			}
			cJSON_AddItemToObject(
				extra, v->string,
				cJSON_DetachItemViaPointer(obj, v));
		}
		v = next;
	}
	if (!rc && extra) {
		char *s = cJSON_PrintUnformatted(extra);
		out->extra = s ? vl__strdup(s) : NULL;
		cJSON_free(s);
		if (!out->extra)
			rc = VL_ENOMEM;
	}
	if (!rc)
		out->text_len = strlen(out->text);
	cJSON_Delete(extra);
	cJSON_Delete(obj);
	if (rc)
		vl__raw_article_clear(out);
	return rc;
}
