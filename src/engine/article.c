/*
 * article.c — the public vl_article handle: accessors and JSON renderings
 * (cJSON; JSON is never assembled by hand).
 */
#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/alloc.h"

void vl_article_free(vl_article *a)
{
	vl__article_free(a);
}

const char *vl_article_id(const vl_article *a)
{
	return a ? a->id : NULL;
}
const char *vl_article_source(const vl_article *a)
{
	return a ? a->source : NULL;
}
const char *vl_article_url(const vl_article *a)
{
	return a ? a->url : NULL;
}
const char *vl_article_title(const vl_article *a)
{
	return a ? a->title : NULL;
}
const char *vl_article_lead(const vl_article *a)
{
	return a ? a->lead : NULL;
}
const char *vl_article_published(const vl_article *a)
{
	return a ? a->published : NULL;
}
const char *vl_article_lang(const vl_article *a)
{
	return a ? a->lang : NULL;
}
const char *vl_article_text(const vl_article *a)
{
	return a ? a->clean : NULL;
}
const char *vl_article_original(const vl_article *a)
{
	return a ? a->original : NULL;
}

size_t vl_article_removed_count(const vl_article *a)
{
	return a ? a->n_removed : 0;
}

const vl_removed_line *vl_article_removed(const vl_article *a, size_t i)
{
	return a && i < a->n_removed ? &a->removed[i] : NULL;
}

size_t vl_article_sentence_count(const vl_article *a)
{
	return a ? a->n_sentences : 0;
}

const vl_sentence *vl_article_sentence(const vl_article *a, size_t i)
{
	return a && i < a->n_sentences ? &a->sentences[i] : NULL;
}

/* Add key: a string, or null. Returns non-zero on failure. */
static int set_str(cJSON *o, const char *key, const char *v)
{
	return !(v ? cJSON_AddStringToObject(o, key, v)
		   : cJSON_AddNullToObject(o, key));
}

static int set_num(cJSON *o, const char *key, double v)
{
	return !cJSON_AddNumberToObject(o, key, v);
}

/* start, end and the text of a span of the original. */
static int set_span(cJSON *o, const char *text, size_t start, size_t end)
{
	char *t = vl__strndup(text + start, end - start);
	int bad = !t || set_num(o, "start", (double)start) ||
		  set_num(o, "end", (double)end) || set_str(o, "text", t);
	vl__freep(t);
	return bad;
}

static cJSON *removed_json(const vl_article *a, int explain)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < a->n_removed; i++) {
		const vl_removed_line *r = &a->removed[i];
		cJSON *o = cJSON_CreateObject();
		char *t =
			vl__strndup(a->original + r->start, r->end - r->start);
		int bad = !o || !cJSON_AddItemToArray(arr, o) || !t ||
			  set_str(o, "text", t) ||
			  set_str(o, "reason", r->reason) ||
			  (explain && (set_str(o, "rule", r->rule) ||
				       set_num(o, "start", (double)r->start) ||
				       set_num(o, "end", (double)r->end)));
		vl__freep(t);
		if (bad) {
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

static cJSON *sentences_json(const vl_article *a)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < a->n_sentences; i++) {
		cJSON *o = cJSON_CreateObject();
		if (!o || !cJSON_AddItemToArray(arr, o) ||
		    set_span(o, a->original, a->sentences[i].start,
			     a->sentences[i].end) ||
		    set_num(o, "clean_start",
			    (double)a->clean_sentences[i].start) ||
		    set_num(o, "clean_end",
			    (double)a->clean_sentences[i].end)) {
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

/* Unknown fields given at ingest: merged into o (export) or nested under
 * "extra". */
static int add_extra(cJSON *o, const vl_article *a, int merge)
{
	cJSON *x, *v;

	if (!a->extra)
		return 0;
	if (!(x = cJSON_Parse(a->extra)))
		return 0; /* written by us: cannot be malformed */
	if (!merge)
		return !cJSON_AddItemToObject(o, "extra", x);
	while ((v = x->child)) {
		cJSON_DetachItemViaPointer(x, v);
		if (cJSON_GetObjectItemCaseSensitive(o, v->string)) {
			cJSON_Delete(v);
			continue;
		}
		if (!cJSON_AddItemToObject(o, v->string, v)) {
			cJSON_Delete(v);
			cJSON_Delete(x);
			return -1;
		}
	}
	cJSON_Delete(x);
	return 0;
}

/* Print o and hand the text to the caller (allocated by us). */
static int print(char **out, cJSON *o, int pretty)
{
	char *s = pretty ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!s)
		return VL_ENOMEM;
	*out = vl__strdup(s);
	cJSON_free(s);
	return *out ? 0 : VL_ENOMEM;
}

int vl_article_json(char **out, const vl_article *a, unsigned flags)
{
	cJSON *o;
	int export = (flags & VL_JSON_EXPORT) != 0, bad;

	*out = NULL;
	if (!a)
		return VL_EINVAL;
	if (!(o = cJSON_CreateObject()))
		return VL_ENOMEM;
	bad = set_str(o, "id", a->id) || set_str(o, "url", a->url) ||
	      set_str(o, "source", a->source) ||
	      set_str(o, "title", a->title) || set_str(o, "lead", a->lead) ||
	      set_str(o, "published", a->published) ||
	      set_str(o, "lang", a->lang) ||
	      set_str(o, "text", export ? a->original : a->clean);
	if (!bad && (flags & VL_JSON_SUMMARY)) {
		cJSON_DeleteItemFromObjectCaseSensitive(o, "text");
		bad = set_num(o, "removed_lines", (double)a->n_removed) ||
		      set_num(o, "sentences", (double)a->n_sentences);
	} else if (!bad && export) {
		/* Drop absent fields, and what veille found rather than was
		 * given (a title read from the body, a detected language), so
		 * `ingest` reads back the same record and finds them again. */
		const char *opt[] = { "url", "title", "lead", "published" };
		if (!a->title_given)
			cJSON_DeleteItemFromObjectCaseSensitive(o, "title");
		if (!a->lang_given)
			cJSON_DeleteItemFromObjectCaseSensitive(o, "lang");
		for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
			if (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(
				    o, opt[i])))
				cJSON_DeleteItemFromObjectCaseSensitive(o,
									opt[i]);
		bad = add_extra(o, a, 1);
	} else if (!bad) {
		cJSON *rem = removed_json(a, (flags & VL_JSON_EXPLAIN) != 0);
		bad = !rem || !cJSON_AddItemToObject(o, "removed", rem) ||
		      add_extra(o, a, 0);
		if (!bad && (flags & VL_JSON_EXPLAIN))
			bad = set_str(o, "origin", a->origin) ||
			      set_str(o, "format", a->format) ||
			      !cJSON_AddBoolToObject(o, "lang_given",
						     a->lang_given);
		if (!bad && (flags & VL_JSON_SENTENCES)) {
			cJSON *sen = sentences_json(a);
			bad = !sen ||
			      !cJSON_AddItemToObject(o, "sentences", sen);
		}
	}
	if (bad) {
		cJSON_Delete(o);
		return VL_ENOMEM;
	}
	return print(out, o, (flags & VL_JSON_PRETTY) != 0);
}

int vl_stats_json(char **out, const vl_stats *st)
{
	cJSON *o = cJSON_CreateObject(), *m;
	const struct {
		const char *key;
		const vl_count *v;
		size_t n;
	} maps[] = { { "by_source", st->by_source, st->n_by_source },
		     { "by_lang", st->by_lang, st->n_by_lang },
		     { "removed_by_reason", st->by_reason, st->n_by_reason } };
	int bad;

	*out = NULL;
	if (!o)
		return VL_ENOMEM;
	bad = set_num(o, "articles", (double)st->articles) ||
	      set_num(o, "sources", (double)st->sources) ||
	      set_num(o, "sentences", (double)st->sentences) ||
	      set_num(o, "removed_lines", (double)st->removed_lines) ||
	      set_num(o, "bytes_original", (double)st->bytes_original) ||
	      set_num(o, "bytes_clean", (double)st->bytes_clean) ||
	      set_str(o, "first_published", st->first_published) ||
	      set_str(o, "last_published", st->last_published);
	for (size_t k = 0; !bad && k < sizeof maps / sizeof maps[0]; k++) {
		m = cJSON_AddObjectToObject(o, maps[k].key);
		bad = !m;
		for (size_t i = 0; !bad && i < maps[k].n; i++)
			bad = set_num(m, maps[k].v[i].name,
				      (double)maps[k].v[i].n);
	}
	if (bad) {
		cJSON_Delete(o);
		return VL_ENOMEM;
	}
	return print(out, o, 1);
}
