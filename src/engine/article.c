/*
 * article.c — the public vl_article handle: accessors and JSON renderings
 * (jansson; JSON is never assembled by hand).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/alloc.h"

void vl_article_free(vl_article *a)
{
	vl__article_free(a);
}

const char *vl_article_id(const vl_article *a) { return a ? a->id : NULL; }
const char *vl_article_source(const vl_article *a) { return a ? a->source : NULL; }
const char *vl_article_url(const vl_article *a) { return a ? a->url : NULL; }
const char *vl_article_title(const vl_article *a) { return a ? a->title : NULL; }
const char *vl_article_lead(const vl_article *a) { return a ? a->lead : NULL; }
const char *vl_article_published(const vl_article *a) { return a ? a->published : NULL; }
const char *vl_article_lang(const vl_article *a) { return a ? a->lang : NULL; }
const char *vl_article_text(const vl_article *a) { return a ? a->clean : NULL; }
const char *vl_article_original(const vl_article *a) { return a ? a->original : NULL; }

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

/* Set key to a string, or null; returns -1 on failure. */
static int set_str(json_t *o, const char *key, const char *v)
{
	return json_object_set_new(o, key, v ? json_string(v) : json_null());
}

static int set_span(json_t *o, const char *text, size_t start, size_t end)
{
	return json_object_set_new(o, "start", json_integer((json_int_t)start)) |
	       json_object_set_new(o, "end", json_integer((json_int_t)end)) |
	       json_object_set_new(o, "text",
				   json_stringn(text + start, end - start));
}

static json_t *removed_json(const vl_article *a, int explain)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < a->n_removed; i++) {
		const vl_removed_line *r = &a->removed[i];
		json_t *o = json_object();
		if (!o || json_array_append_new(arr, o) ||
		    set_span(o, a->original, r->start, r->end) ||
		    set_str(o, "reason", r->reason) ||
		    (!explain && (json_object_del(o, "start") ||
				  json_object_del(o, "end"))) ||
		    (explain && set_str(o, "rule", r->rule))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *sentences_json(const vl_article *a)
{
	json_t *arr = json_array();
	for (size_t i = 0; arr && i < a->n_sentences; i++) {
		json_t *o = json_object();
		if (!o || json_array_append_new(arr, o) ||
		    set_span(o, a->original, a->sentences[i].start,
			     a->sentences[i].end) ||
		    json_object_set_new(o, "clean_start",
					json_integer((json_int_t)a->clean_sentences[i].start)) ||
		    json_object_set_new(o, "clean_end",
					json_integer((json_int_t)a->clean_sentences[i].end))) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

/* Unknown fields given at ingest, merged into o (export) or nested. */
static int add_extra(json_t *o, const vl_article *a, int merge)
{
	json_t *x;
	json_error_t je;
	const char *k;
	json_t *v;

	if (!a->extra)
		return 0;
	x = json_loads(a->extra, 0, &je);
	if (!x)
		return 0; /* stored by us: cannot be malformed; be lenient */
	if (!merge)
		return json_object_set_new(o, "extra", x);
	json_object_foreach(x, k, v) {
		if (!json_object_get(o, k) && json_object_set(o, k, v)) {
			json_decref(x);
			return -1;
		}
	}
	json_decref(x);
	return 0;
}

int vl_article_json(char **out, const vl_article *a, unsigned flags)
{
	json_t *o;
	char *s;
	int export = (flags & VL_JSON_EXPORT) != 0, bad;

	*out = NULL;
	if (!a)
		return VL_EINVAL;
	if (!(o = json_object()))
		return VL_ENOMEM;
	bad = set_str(o, "id", a->id) || set_str(o, "url", a->url) ||
	      set_str(o, "source", a->source) || set_str(o, "title", a->title) ||
	      set_str(o, "lead", a->lead) ||
	      set_str(o, "published", a->published) ||
	      set_str(o, "lang", a->lang) ||
	      set_str(o, "text", export ? a->original : a->clean);
	if (!bad && (flags & VL_JSON_SUMMARY)) {
		bad = json_object_del(o, "text") ||
		      json_object_set_new(o, "removed_lines",
					  json_integer((json_int_t)a->n_removed)) ||
		      json_object_set_new(o, "sentences",
					  json_integer((json_int_t)a->n_sentences));
	} else if (!bad && export) {
		/* Drop absent fields so `ingest` reads back the same record. */
		const char *opt[] = {"url", "title", "lead", "published"};
		for (size_t i = 0; i < sizeof opt / sizeof opt[0]; i++)
			if (json_is_null(json_object_get(o, opt[i])))
				json_object_del(o, opt[i]);
		bad = add_extra(o, a, 1);
	} else if (!bad) {
		json_t *rem = removed_json(a, (flags & VL_JSON_EXPLAIN) != 0);
		bad = !rem || json_object_set_new(o, "removed", rem) ||
		      add_extra(o, a, 0);
		if (!bad && (flags & VL_JSON_EXPLAIN))
			bad = set_str(o, "origin", a->origin) ||
			      set_str(o, "format", a->format) ||
			      json_object_set_new(o, "lang_given",
						  json_boolean(a->lang_given));
		if (!bad && (flags & VL_JSON_SENTENCES)) {
			json_t *sen = sentences_json(a);
			bad = !sen || json_object_set_new(o, "sentences", sen);
		}
	}
	if (bad) {
		json_decref(o);
		return VL_ENOMEM;
	}
	s = json_dumps(o, JSON_PRESERVE_ORDER |
				  ((flags & VL_JSON_PRETTY) ? JSON_INDENT(2)
							    : JSON_COMPACT));
	json_decref(o);
	if (!s)
		return VL_ENOMEM;
	*out = vl__strdup(s);
	free(s);
	return *out ? 0 : VL_ENOMEM;
}

int vl_stats_json(char **out, const vl_stats *st)
{
	json_t *o = json_object(), *m;
	char *s;
	const struct {
		const char *key;
		const vl_count *v;
		size_t n;
	} maps[] = {{"by_source", st->by_source, st->n_by_source},
		    {"by_lang", st->by_lang, st->n_by_lang},
		    {"removed_by_reason", st->by_reason, st->n_by_reason}};
	int bad;

	*out = NULL;
	if (!o)
		return VL_ENOMEM;
	bad = json_object_set_new(o, "articles", json_integer(st->articles)) ||
	      json_object_set_new(o, "sources", json_integer(st->sources)) ||
	      json_object_set_new(o, "sentences", json_integer(st->sentences)) ||
	      json_object_set_new(o, "removed_lines", json_integer(st->removed_lines)) ||
	      json_object_set_new(o, "bytes_original", json_integer(st->bytes_original)) ||
	      json_object_set_new(o, "bytes_clean", json_integer(st->bytes_clean)) ||
	      set_str(o, "first_published", st->first_published) ||
	      set_str(o, "last_published", st->last_published);
	for (size_t k = 0; !bad && k < sizeof maps / sizeof maps[0]; k++) {
		m = json_object();
		bad = !m || json_object_set_new(o, maps[k].key, m);
		for (size_t i = 0; !bad && i < maps[k].n; i++)
			bad = json_object_set_new(m, maps[k].v[i].name,
						  json_integer(maps[k].v[i].n));
	}
	s = bad ? NULL : json_dumps(o, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	json_decref(o);
	if (!s)
		return VL_ENOMEM;
	*out = vl__strdup(s);
	free(s);
	return *out ? 0 : VL_ENOMEM;
}
