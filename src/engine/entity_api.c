/*
 * entity_api.c — the public face of the entity stage: listing entities
 * (all, or a story's), finding them by name, one entity with where it
 * appears, and an article's mentions.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/names.h"
#include "util/alloc.h"

int vl_engine_each_entity(vl_engine *eng, const vl_entity_query *q,
			  int (*cb)(const vl_entity *e, void *payload),
			  void *payload)
{
	static const vl_entity_query def = VL_ENTITY_QUERY_INIT;
	int type = 0;

	if (!eng || !cb)
		return VL_EINVAL;
	if (!q)
		q = &def;
	if (q->type && !(type = vl__ent_type_parse(q->type, strlen(q->type))))
		return VL_EINVAL;
	return vl__store_each_entity(eng->store, type, q->story, q->limit, cb,
				     payload);
}

static char *print(cJSON *o, unsigned flags)
{
	char *s = flags & VL_JSON_PRETTY ? cJSON_Print(o)
					 : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return s;
}

static cJSON *entity_object(const vl_entity *e)
{
	cJSON *o = cJSON_CreateObject(), *v, *c;
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "id", (double)e->id);
	cJSON_AddStringToObject(o, "type", e->type);
	cJSON_AddStringToObject(o, "name", e->name ? e->name : "");
	cJSON_AddItemToObject(o, "variants", v = cJSON_CreateArray());
	cJSON_AddItemToObject(o, "variant_counts", c = cJSON_CreateArray());
	for (size_t i = 0; v && c && i < e->n_variants; i++) {
		cJSON_AddItemToArray(v, cJSON_CreateString(e->variants[i]));
		cJSON_AddItemToArray(
			c, cJSON_CreateNumber((double)e->variant_counts[i]));
	}
	cJSON_AddNumberToObject(o, "mentions", (double)e->n_mentions);
	cJSON_AddNumberToObject(o, "articles", (double)e->n_articles);
	return o;
}

int vl_entity_json(char **out, const vl_entity *e, unsigned flags)
{
	cJSON *o;
	*out = NULL;
	if (!e)
		return VL_EINVAL;
	if (!(o = entity_object(e)))
		return VL_ENOMEM;
	return (*out = print(o, flags)) ? 0 : VL_ENOMEM;
}

static void add_unique(int64_t *out, size_t cap, size_t *n, int64_t id)
{
	for (size_t i = 0; i < *n; i++)
		if (out[i] == id)
			return;
	if (*n < cap)
		out[(*n)++] = id;
}

int vl_engine_find_entities(vl_engine *eng, const char *name, int64_t *out,
			    size_t cap, size_t *n)
{
	static const char *const titles[] = { "M. ", "Mme ", "Dr ", "Mr " };
	char ident[300];
	int64_t id;
	int rc, atype;

	if (!eng || !name || !n)
		return VL_EINVAL;
	*n = 0;
	if (name[0] == '#') {
		char *end;
		long long v = strtoll(name + 1, &end, 10);
		if (*end || v <= 0)
			return 0;
		out[0] = v;
		*n = cap ? 1 : 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof titles / sizeof *titles; i++)
		if (!strncmp(name, titles[i], strlen(titles[i])))
			name += strlen(titles[i]);
	/* as the entity stage links a person, a surname, a place */
	ident[0] = 'p';
	if (vl__name_key(name, strlen(name), ident + 1, sizeof ident - 1)) {
		const char *canon = vl__aliases_find(eng->aliases, name,
						     strlen(name), &atype);
		if (canon)
			vl__name_key(canon, strlen(canon), ident + 1,
				     sizeof ident - 1);
		for (int k = 0; k < 2; k++) {
			ident[0] = "ps"[k];
			rc = vl__store_entity_by_ident(eng->store, ident, &id);
			if (!rc)
				add_unique(out, cap, n, id);
			else if (rc != VL_ENOTFOUND)
				return rc;
		}
		if (!strchr(ident, ' ')) { /* a surname: its full namesakes */
			int64_t ids[2];
			size_t np = 0;
			if ((rc = vl__store_entity_persons(
				     eng->store, ident + 1, ids, &np)))
				return rc;
			for (size_t i = 0; i < np; i++)
				add_unique(out, cap, n, ids[i]);
		}
	}
	if (vl__place_identity(vl__gaz_default(), eng->aliases, name,
			       strlen(name), ident, sizeof ident)) {
		rc = vl__store_entity_by_ident(eng->store, ident, &id);
		if (!rc)
			add_unique(out, cap, n, id);
		else if (rc != VL_ENOTFOUND)
			return rc;
	}
	{
		int64_t more[16];
		size_t nm = 0;
		if ((rc = vl__store_entities_named(eng->store, name, more, 16,
						   &nm)))
			return rc;
		for (size_t i = 0; i < nm; i++)
			add_unique(out, cap, n, more[i]);
	}
	return 0;
}

typedef struct one {
	cJSON *o;
} one;

static int keep_one(const vl_entity *e, void *payload)
{
	((one *)payload)->o = entity_object(e);
	return 0;
}

int vl_engine_entity_json(vl_engine *eng, int64_t id, unsigned flags,
			  char **out)
{
	one got = { NULL };
	char **arts = NULL;
	int64_t *stories = NULL;
	size_t na = 0, ns = 0;
	cJSON *a, *s;
	int rc;

	if (!eng || !out)
		return VL_EINVAL;
	*out = NULL;
	if ((rc = vl__store_entity(eng->store, id, keep_one, &got)))
		return rc;
	if (!got.o)
		return VL_ENOTFOUND;
	if ((rc = vl__store_entity_where(eng->store, id, &arts, &na, &stories,
					 &ns)))
		goto done;
	cJSON_AddItemToObject(got.o, "article_ids", a = cJSON_CreateArray());
	cJSON_AddItemToObject(got.o, "stories", s = cJSON_CreateArray());
	for (size_t i = 0; a && i < na; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(arts[i]));
	for (size_t i = 0; s && i < ns; i++)
		cJSON_AddItemToArray(s, cJSON_CreateNumber((double)stories[i]));
	*out = print(got.o, flags);
	got.o = NULL;
	rc = *out ? 0 : VL_ENOMEM;
done:
	cJSON_Delete(got.o);
	for (size_t i = 0; i < na; i++)
		vl__freep(arts[i]);
	vl__freep(arts);
	vl__freep(stories);
	return rc;
}

int vl_engine_mentions_json(vl_engine *eng, const char *article_id,
			    unsigned flags, char **out)
{
	static const char *const how[] = { "tagger", "title", "role",
					   "place",  "unit",  "reference" };
	vl_store_mention *m = NULL;
	char *text = NULL, name[512];
	int64_t rowid = 0;
	size_t n = 0, len;
	cJSON *arr = NULL;
	int rc, type;

	if (!eng || !article_id || !out)
		return VL_EINVAL;
	*out = NULL;
	if ((rc = vl__store_article_text(eng->store, article_id, &rowid,
					 &text)) ||
	    (rc = vl__store_mentions_of(eng->store, rowid, &m, &n)))
		goto done;
	len = strlen(text);
	if (!(arr = cJSON_CreateArray())) {
		rc = VL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		char *t;
		if (!o || m[i].start < 0 || m[i].end > (int64_t)len ||
		    m[i].start > m[i].end) {
			cJSON_Delete(o);
			continue;
		}
		if ((rc = vl__store_entity_name(eng->store, m[i].entity, &type,
						name, sizeof name)) &&
		    rc != VL_ENOTFOUND) {
			cJSON_Delete(o);
			goto done;
		}
		cJSON_AddNumberToObject(o, "start", (double)m[i].start);
		cJSON_AddNumberToObject(o, "end", (double)m[i].end);
		t = vl__strndup(text + m[i].start,
				(size_t)(m[i].end - m[i].start));
		cJSON_AddStringToObject(o, "text", t ? t : "");
		vl__freep(t);
		cJSON_AddStringToObject(o, "type",
					vl__ent_type_name(m[i].type));
		cJSON_AddNumberToObject(o, "entity", (double)m[i].entity);
		cJSON_AddStringToObject(o, "name", name);
		cJSON_AddStringToObject(
			o, "how",
			m[i].how >= 0 && m[i].how < 6 ? how[m[i].how] : "");
		cJSON_AddItemToArray(arr, o);
	}
	*out = print(arr, flags);
	arr = NULL;
	rc = *out ? 0 : VL_ENOMEM;
done:
	cJSON_Delete(arr);
	vl__freep(text);
	vl__freep(m);
	return rc;
}
