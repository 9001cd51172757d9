/*
 * story_api.c — the public face of the story stage: listing stories,
 * one story, an article's story and why, the similarity the stage uses,
 * and clustering the whole store again.
 */
#include <cJSON.h>
#include <math.h>
#include <string.h>

#include "engine/engine_int.h"
#include "ingest/published.h"
#include "util/alloc.h"

int vl_engine_each_story(vl_engine *eng, const vl_story_query *q,
			 int (*cb)(const vl_story *s, void *payload),
			 void *payload)
{
	static const vl_story_query def = VL_STORY_QUERY_INIT;
	int64_t since = INT64_MIN;

	if (!eng || !cb)
		return VL_EINVAL;
	if (!q)
		q = &def;
	if (q->since && vl__parse_published(q->since, &since))
		return VL_EINVAL;
	return vl__store_each_story(eng->store, 0, since, q->min_articles,
				    q->limit, cb, payload);
}

int vl_engine_story(vl_engine *eng, int64_t id,
		    int (*cb)(const vl_story *s, void *payload), void *payload)
{
	if (!eng || !cb || id <= 0)
		return id <= 0 && eng && cb ? VL_ENOTFOUND : VL_EINVAL;
	return vl__store_each_story(eng->store, id, INT64_MIN, 0, 0, cb,
				    payload);
}

static cJSON *string_array(const char *const *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; a && i < n; i++)
		if (!cJSON_AddItemToArray(a, cJSON_CreateString(v[i]))) {
			cJSON_Delete(a);
			return NULL;
		}
	return a;
}

static int add_string_or_null(cJSON *o, const char *k, const char *v)
{
	return v ? cJSON_AddStringToObject(o, k, v) != NULL
		 : cJSON_AddNullToObject(o, k) != NULL;
}

int vl_story_json(char **out, const vl_story *s, unsigned flags)
{
	cJSON *o = cJSON_CreateObject(), *a;
	int ok = o != NULL;

	*out = NULL;
	ok = ok && cJSON_AddNumberToObject(o, "id", (double)s->id);
	ok = ok && add_string_or_null(o, "label", s->label);
	ok = ok && add_string_or_null(o, "first_published", s->first_published);
	ok = ok && add_string_or_null(o, "last_published", s->last_published);
	ok = ok &&
	     cJSON_AddNumberToObject(o, "n_articles", (double)s->n_articles);
	ok = ok && add_string_or_null(o, "representative", s->representative);
	ok = ok && (a = string_array(s->articles, s->n_articles)) &&
	     cJSON_AddItemToObject(o, "articles", a);
	ok = ok && (a = string_array(s->sources, s->n_sources)) &&
	     cJSON_AddItemToObject(o, "sources", a);
	ok = ok && (a = string_array(s->keywords, s->n_keywords)) &&
	     cJSON_AddItemToObject(o, "keywords", a);
	if (ok)
		*out = flags & VL_JSON_PRETTY ? cJSON_Print(o)
					      : cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return *out ? 0 : VL_ENOMEM;
}

int vl_engine_story_of(vl_engine *eng, const char *article_id, int64_t *story)
{
	int rc;

	if (!eng || !article_id || !story)
		return VL_EINVAL;
	if ((rc = vl__store_why(eng->store, article_id, story, NULL)))
		return rc;
	return *story ? 0 : VL_ENOTFOUND;
}

static int label_cb(const vl_story *s, void *payload)
{
	char **label = payload;
	*label = s->label ? vl__strdup(s->label) : NULL;
	return 0;
}

/* Add "label" (the story's) to object o. */
static int add_label(vl_engine *eng, cJSON *o, int64_t story)
{
	char *label = NULL;
	int rc = vl_engine_story(eng, story, label_cb, &label), ok;

	if (rc == VL_ENOTFOUND)
		rc = 0;
	if (rc)
		return rc;
	ok = add_string_or_null(o, "label", label);
	vl__freep(label);
	return ok ? 0 : VL_ENOMEM;
}

/* "story" is the story the article is in now; when a merge moved it,
 * "decided_story" keeps the one the decision named. */
static int current_story(cJSON *o, int64_t story)
{
	cJSON *was = cJSON_GetObjectItemCaseSensitive(o, "story");

	if (cJSON_IsNumber(was) && (int64_t)was->valuedouble != story &&
	    !cJSON_AddNumberToObject(o, "decided_story", was->valuedouble))
		return 0;
	return cJSON_ReplaceItemInObjectCaseSensitive(
		o, "story", cJSON_CreateNumber((double)story));
}

int vl_engine_why(vl_engine *eng, const char *id, unsigned flags, char **out)
{
	int64_t story;
	char *why = NULL;
	cJSON *o = NULL, *r;
	int rc;

	if (!eng || !id || !out)
		return VL_EINVAL;
	*out = NULL;
	if ((rc = vl__store_why(eng->store, id, &story, &why)))
		return rc;
	if (!story || !why) {
		vl__freep(why);
		return VL_ENOTFOUND; /* stored before stories: recluster */
	}
	if (!(o = cJSON_Parse(why))) {
		rc = VL_EFORMAT;
		goto done;
	}
	if (!cJSON_AddStringToObject(o, "article", id) ||
	    !current_story(o, story)) {
		rc = VL_ENOMEM;
		goto done;
	}
	if ((rc = add_label(eng, o, story)))
		goto done;
	r = cJSON_GetObjectItemCaseSensitive(o, "runner_up");
	if (cJSON_IsObject(r)) {
		cJSON *sid = cJSON_GetObjectItemCaseSensitive(r, "story");
		if (cJSON_IsNumber(sid) &&
		    (rc = add_label(eng, r, (int64_t)sid->valuedouble)))
			goto done;
	}
	*out = flags & VL_JSON_PRETTY ? cJSON_Print(o)
				      : cJSON_PrintUnformatted(o);
	rc = *out ? 0 : VL_ENOMEM;
done:
	cJSON_Delete(o);
	vl__freep(why);
	return rc;
}

typedef struct one_vec {
	vl_engine *eng;
	vl_feats fs;
	vl_vec v;
	int rc;
} one_vec;

static int vec_cb(const vl_store_text *t, void *payload)
{
	one_vec *o = payload;
	o->rc = vl__stories_vec(o->eng, t->title, t->text, t->text_len, t->lang,
				&o->fs, &o->v);
	return o->rc != 0;
}

int vl_engine_story_similarity(vl_engine *eng, const char *id_a,
			       const char *id_b, double *sim)
{
	one_vec a, b;
	int rc;

	if (!eng || !id_a || !id_b || !sim)
		return VL_EINVAL;
	*sim = 0.0;
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	a.eng = b.eng = eng;
	rc = vl__store_text_of(eng->store, id_a, vec_cb, &a);
	if (rc == VL_ESTOPPED)
		rc = a.rc;
	if (!rc) {
		rc = vl__store_text_of(eng->store, id_b, vec_cb, &b);
		if (rc == VL_ESTOPPED)
			rc = b.rc;
	}
	if (!rc)
		*sim = sqrt(vl__vec_cos(&a.v, &b.v));
	vl__vec_free(&a.v);
	vl__feats_free(&a.fs);
	vl__vec_free(&b.v);
	vl__feats_free(&b.fs);
	return rc;
}

/* ---- recluster ---- */

/* One transaction for the whole rebuild: stopped or killed half-way, the
 * store keeps its old stories. Progress every RECLUSTER_BATCH articles. */
#define RECLUSTER_BATCH 500

typedef struct recluster {
	vl_engine *eng;
	size_t done, total;
	int (*on_progress)(size_t done, size_t total, void *payload);
	void *payload;
	int rc;
} recluster;

static int recluster_one(const vl_store_text *t, void *payload)
{
	recluster *r = payload;
	/* the stories were cleared: no article has one yet */
	vl_story_input si = { t->rowid,	   NULL,	   t->text,
			      t->text_len, t->title,	   t->lang,
			      t->ts,	   t->ingested_at, 0 };

	r->rc = vl__stories_assign(r->eng, &si);
	if (!r->rc && ++r->done % RECLUSTER_BATCH == 0 && r->on_progress &&
	    r->on_progress(r->done, r->total, r->payload))
		r->rc = VL_ESTOPPED;
	return r->rc != 0;
}

int vl_engine_recluster(vl_engine *eng,
			int (*on_progress)(size_t done, size_t total,
					   void *payload),
			void *payload)
{
	recluster r = { eng, 0, 0, on_progress, payload, 0 };
	vl_stats *st;
	int rc;

	if (!eng || eng->read_only)
		return VL_EINVAL;
	if ((rc = vl_engine_stats(eng, &st)))
		return rc;
	r.total = (size_t)st->articles;
	vl_stats_free(st);
	vl__stories_unload(eng);
	if ((rc = vl__store_begin(eng->store)))
		return rc;
	/* an empty state: nothing learned, nothing live */
	if ((rc = vl__store_stories_clear(eng->store)) ||
	    (rc = vl__stories_load(eng)))
		goto fail;
	rc = vl__store_each_text(eng->store, 0, 1, recluster_one, &r);
	if (rc == VL_ESTOPPED)
		rc = r.rc;
	if (rc || (rc = vl__stories_checkpoint(eng, 1)) ||
	    (rc = vl__store_commit(eng->store)))
		goto fail;
	if (on_progress)
		on_progress(r.done, r.total, payload);
	return 0;
fail:
	vl__store_rollback(eng->store);
	vl__stories_unload(eng);
	return rc;
}
