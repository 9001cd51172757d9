/*
 * stories.c — the story stage in the engine: each stored article gets
 * its features and vector (IDF learned online), is scored against the
 * live stories with its reuse links, and joins one or opens one; the
 * decision, its explanation and the story's new state are written in the
 * article's transaction. The live window and the frequencies come back
 * from the store when a process first needs them.
 */
#include <cJSON.h>
#include <math.h>
#include <string.h>
#include <time.h>

#include "engine/engine_int.h"
#include "text/analysis.h"
#include "util/alloc.h"
#include "util/buf.h"

/* Entities weigh like terms: a multi-word name is already rarer, and so
 * heavier by its IDF, than its words (measured: heavier entities merge
 * more unrelated stories on stories-fr and gnews). */
#define ENTITY_WEIGHT 1.0
#define KEYWORDS 10
#define CHECKPOINT_S 10 /* seconds between df snapshots in one ingest */

void vl__stories_unload(vl_engine *eng)
{
	vl__featurizer_free(eng->fz);
	vl__clusterer_free(eng->cl);
	vl__df_free(&eng->df);
	eng->fz = NULL;
	eng->cl = NULL;
	eng->stories_loaded = 0;
	eng->df_upto = 0;
}

/* Features and vector of an article; counts it in df first when
 * `count`. body may be NULL (then text is analysed). */
static int article_vec(vl_engine *eng, const char *title,
		       const vl_analysis *body, const char *text,
		       size_t text_len, const char *lang, int count,
		       vl_feats *fs, vl_vec *v)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *ta = NULL, *ba = NULL;
	int rc = 0;

	memset(v, 0, sizeof *v);
	o.detect_language = 0;
	if (title && *title &&
	    (rc = vl__analyze_valid(&ta, title, strlen(title), &o)))
		return rc;
	if (!body && text && (rc = vl__analyze_valid(&ba, text, text_len, &o)))
		goto done;
	if ((rc = vl__feats_build(eng->fz, fs, ta, body ? body : ba, lang)))
		goto done;
	if (count)
		vl__df_add(&eng->df, fs);
	if ((rc = vl__vec_build(v, fs, &eng->df, ENTITY_WEIGHT)))
		vl__feats_free(fs);
done:
	vl_analysis_free(ta);
	vl_analysis_free(ba);
	return rc;
}

int vl__stories_vec(vl_engine *eng, const char *title, const char *text,
		    size_t text_len, const char *lang, vl_feats *fs, vl_vec *v)
{
	int rc = vl__stories_load(eng);
	return rc ? rc
		  : article_vec(eng, title, NULL, text, text_len, lang, 0, fs,
				v);
}

/* ---- centroid blobs: per term, id (8 bytes LE), weight (float bits,
 * 4 bytes LE), length (1 byte), display form ---- */

static void put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static int centroid_blob(vl_buf *b, const vl_vterm *c, size_t n,
			 const char *text)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char head[13];
		const char *s = text + c[i].text;
		size_t len = strlen(s);
		uint32_t bits;

		if (len > 255)
			len = 255;
		memcpy(&bits, &c[i].w, sizeof bits);
		put_le(head, c[i].id, 8);
		put_le(head + 8, bits, 4);
		head[12] = (unsigned char)len;
		if (vl_buf_put(b, head, sizeof head) || vl_buf_put(b, s, len))
			return VL_ENOMEM;
	}
	return 0;
}

static int restore_one(const vl_store_story *s, int64_t n_articles,
		       void *payload)
{
	vl_engine *eng = payload;
	const unsigned char *p = s->centroid, *end = p + s->centroid_len;
	vl_vterm *c = vl__malloc((s->centroid_len / 13 + 1) * sizeof *c);
	vl_buf text = VL_BUF_INIT;
	size_t n = 0;
	int rc = 0;

	if (!c)
		return 1;
	while (p && end - p >= 13 && !rc) {
		uint32_t bits = (uint32_t)get_le(p + 8, 4);
		size_t len = p[12];

		if ((size_t)(end - p - 13) < len)
			break; /* a cut blob: keep what is whole */
		c[n].id = get_le(p, 8);
		memcpy(&c[n].w, &bits, sizeof bits);
		c[n].text = (uint32_t)text.len;
		rc = vl_buf_put(&text, p + 13, len) || vl_buf_putc(&text, '\0');
		n++;
		p += 13 + len;
	}
	if (!rc)
		rc = vl__cluster_restore(eng->cl, s->id, c, n, text.ptr,
					 (uint32_t)n_articles, s->first_ts,
					 s->last_ts, (int64_t)time(NULL));
	vl__freep(c);
	vl_buf_free(&text);
	return rc != 0;
}

static int count_one(const vl_store_text *t, void *payload)
{
	vl_engine *eng = payload;
	vl_feats fs;
	vl_vec v;

	if (article_vec(eng, t->title, NULL, t->text, t->text_len, t->lang, 1,
			&fs, &v))
		return 1;
	vl__vec_free(&v);
	vl__feats_free(&fs);
	eng->df_upto = t->rowid;
	return 0;
}

int vl__stories_load(vl_engine *eng)
{
	vl_cluster_options co;
	unsigned char *blob = NULL;
	size_t len = 0;
	int64_t clock;
	int rc;

	if (eng->stories_loaded)
		return 0;
	co.threshold = eng->story_threshold;
	co.window_s = eng->story_window_s;
	co.df = &eng->df;
	if ((rc = vl__featurizer_new(&eng->fz)) ||
	    (rc = vl__df_init(&eng->df)) ||
	    (rc = vl__clusterer_new(&eng->cl, &co)))
		goto fail;
	rc = vl__store_state_get(eng->store, "df", &blob, &len, &eng->df_upto);
	if (!rc)
		rc = vl__df_load(&eng->df, blob, len);
	else if (rc == VL_ENOTFOUND)
		rc = 0;
	vl__freep(blob);
	if (rc == VL_EFORMAT) { /* a damaged snapshot: count everything */
		eng->df_upto = 0;
		rc = 0;
	}
	if (rc || (rc = vl__store_each_text(eng->store, eng->df_upto, 0,
					    count_one, eng)))
		goto fail;
	if ((rc = vl__store_story_clock(eng->store, &clock)))
		goto fail;
	if ((rc = vl__store_each_live_story(
		     eng->store,
		     clock == INT64_MIN ? INT64_MAX
					: clock - (int64_t)eng->story_window_s,
		     (int64_t)time(NULL) - (int64_t)eng->story_window_s,
		     restore_one, eng)))
		goto fail;
	eng->stories_loaded = 1;
	return 0;
fail:
	vl__stories_unload(eng);
	return rc == VL_ESTOPPED ? VL_ENOMEM : rc;
}

int vl__stories_checkpoint(vl_engine *eng, int force)
{
	unsigned char *blob;
	size_t len;
	int64_t now = (int64_t)time(NULL);
	int rc;

	if (!eng->stories_loaded ||
	    (!force && now - eng->df_saved_at < CHECKPOINT_S))
		return 0;
	if ((rc = vl__df_save(&eng->df, &blob, &len)))
		return rc;
	rc = vl__store_state_put(eng->store, "df", blob, len, eng->df_upto);
	vl__freep(blob);
	if (!rc)
		eng->df_saved_at = now;
	return rc;
}

static int why_json(char **out, const vl_assignment *a, int64_t story,
		    double threshold, const int64_t *reuse, size_t n_reuse)
{
	cJSON *o = cJSON_CreateObject(), *m, *r;
	int ok = o != NULL;

	*out = NULL;
	ok = ok && cJSON_AddNumberToObject(o, "story", (double)story);
	ok = ok && cJSON_AddStringToObject(o, "decided",
					   !a->story	 ? "new story"
					   : a->by_reuse ? "reuse"
							 : "similar");
	ok = ok && cJSON_AddNumberToObject(o, "score", a->score);
	ok = ok && cJSON_AddNumberToObject(o, "threshold", threshold);
	ok = ok &&
	     cJSON_AddNumberToObject(o, "candidates", (double)a->n_candidates);
	ok = ok && (m = cJSON_AddArrayToObject(o, "matched"));
	for (size_t i = 0; ok && i < a->n_top; i++) {
		cJSON *t = cJSON_CreateObject();
		ok = t && cJSON_AddItemToArray(m, t);
		ok = ok && cJSON_AddStringToObject(t, "text", a->top[i].text);
		ok = ok && cJSON_AddStringToObject(t, "kind",
						   a->top[i].id & VL_FEAT_ENTITY
							   ? "entity"
							   : "term");
		ok = ok && cJSON_AddNumberToObject(t, "part", a->top[i].part);
	}
	if (ok && a->runner_up) {
		ok = (r = cJSON_AddObjectToObject(o, "runner_up")) &&
		     cJSON_AddNumberToObject(r, "story",
					     (double)a->runner_up) &&
		     cJSON_AddNumberToObject(r, "score", a->runner_score);
	} else if (ok) {
		ok = cJSON_AddNullToObject(o, "runner_up") != NULL;
	}
	ok = ok && (r = cJSON_AddArrayToObject(o, "reuse_stories"));
	for (size_t i = 0; ok && i < n_reuse; i++)
		ok = cJSON_AddItemToArray(r,
					  cJSON_CreateNumber((double)reuse[i]));
	if (ok)
		*out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return *out ? 0 : VL_ENOMEM;
}

/* Top centroid terms, one a line. */
static int keywords(vl_buf *b, const vl_vterm *c, size_t n, const char *text)
{
	size_t used[KEYWORDS], k = 0;

	while (k < KEYWORDS && k < n) {
		size_t best = SIZE_MAX;
		for (size_t i = 0; i < n; i++) {
			size_t j = 0;
			while (j < k && used[j] != i)
				j++;
			if (j == k && (best == SIZE_MAX || c[i].w > c[best].w))
				best = i;
		}
		used[k++] = best;
		if ((k > 1 && vl_buf_putc(b, '\n')) ||
		    vl_buf_puts(b, text + c[best].text))
			return VL_ENOMEM;
	}
	return 0;
}

/* Write the story's state after article rowid joined it. */
static int save_story(vl_engine *eng, int64_t story, int64_t rowid,
		      const char *title, const vl_vec *v, double first_rep,
		      int added)
{
	const vl_vterm *c;
	const char *text;
	size_t n;
	uint32_t count;
	vl_store_story s;
	vl_buf blob = VL_BUF_INIT, kw = VL_BUF_INIT;
	double norm = vl__cluster_idf_norm(eng->cl, story);
	int rc;

	if ((rc = vl__cluster_get(eng->cl, story, &c, &n, &text, &count,
				  &s.first_ts, &s.last_ts)))
		return rc;
	s.id = story;
	s.added = added;
	s.label = title;
	s.representative = rowid;
	s.rep_score = norm > 0 ? vl__vec_dot_idf(v, c, n, NULL) / norm : 0;
	if (first_rep >= 0 &&
	    (rc = vl__store_story_rescore(eng->store, story, first_rep)))
		return rc;
	if (centroid_blob(&blob, c, n, text) || keywords(&kw, c, n, text)) {
		rc = VL_ENOMEM;
		goto done;
	}
	s.keywords = kw.ptr;
	s.centroid = blob.ptr;
	s.centroid_len = blob.len;
	rc = vl__store_story_save(eng->store, &s);
done:
	vl_buf_free(&blob);
	vl_buf_free(&kw);
	return rc;
}

/* The first article's nearness to the centre once the second joins:
 * cos(c1, c1 + v) from |c1| and c1.v, -1 when the story had more. */
static double first_rep(vl_engine *eng, int64_t story, const vl_vec *v)
{
	const vl_vterm *c;
	const char *text;
	size_t n;
	uint32_t count;
	int64_t a, b;
	double norm = vl__cluster_idf_norm(eng->cl, story), sq = norm * norm,
	       dot, after;

	if (vl__cluster_get(eng->cl, story, &c, &n, &text, &count, &a, &b) ||
	    count != 1)
		return -1.0;
	dot = vl__vec_dot_idf(v, c, n, NULL);
	after = sqrt(sq + 2 * dot + 1.0); /* |c1 + v|, v of length 1 */
	return sq > 0 && after > 0 ? (sq + dot) / (sqrt(sq) * after) : -1.0;
}

/* Bring back to the live set the stories of reuse links that left it: a
 * late reprint still finds its wire story. */
static int revive(vl_engine *eng, const int64_t *stories, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const vl_vterm *c;
		const char *text;
		size_t nc;
		uint32_t count;
		int64_t first, last;
		int rc;

		if (!vl__cluster_get(eng->cl, stories[i], &c, &nc, &text,
				     &count, &first, &last))
			continue;
		rc = vl__store_story_state(eng->store, stories[i], restore_one,
					   eng);
		if (rc)
			return rc == VL_ESTOPPED ? VL_ENOMEM : rc;
	}
	return 0;
}

int vl__stories_assign(vl_engine *eng, const vl_story_input *in)
{
	int64_t rowid = in->rowid, ts = in->ts;
	vl_feats fs;
	vl_vec v;
	vl_assignment a;
	vl_merge merged;
	int64_t *reuse = NULL, story, before = 0;
	size_t n_reuse = 0;
	double rep1 = -1.0;
	char *why = NULL;
	int rc;

	if ((rc = vl__stories_load(eng)))
		return rc;
	if ((rc = article_vec(eng, in->title, in->body, in->text, in->text_len,
			      in->lang, 1, &fs, &v)))
		return rc;
	if (rowid > eng->df_upto)
		eng->df_upto = rowid;
	/* only a new version of a stored article can have a story already */
	if ((in->replaced &&
	     (rc = vl__store_story_of(eng->store, rowid, &before))) ||
	    (rc = vl__store_linked(eng->store, rowid, &reuse, &n_reuse)) ||
	    (rc = revive(eng, reuse, n_reuse)) ||
	    (rc = vl__cluster_score(eng->cl, &v, ts, reuse, n_reuse, &a)))
		goto done;
	story = a.story;
	if (story)
		rep1 = first_rep(eng, story, &v);
	else if ((rc = vl__store_story_new(eng->store, &story)))
		goto done;
	if ((rc = why_json(&why, &a, story, eng->story_threshold, reuse,
			   n_reuse)) ||
	    (rc = vl__cluster_add(eng->cl, story, &v, ts, in->wall, &merged)))
		goto done;
	if (merged.from) { /* the story met another: one of them goes */
		if ((rc = vl__store_story_merge(eng->store, merged.from,
						merged.into)))
			goto done;
		if (story == merged.from) {
			story = merged.into;
			rep1 = -1.0;
		}
		if (before == merged.from) /* counted in the move */
			before = merged.into;
	}
	if ((rc = vl__store_set_story(eng->store, rowid, story, a.score,
				      why)) ||
	    (rc = save_story(eng, story, rowid, in->title, &v, rep1,
			     before != story)))
		goto done;
	if (before && before != story)
		rc = vl__store_story_recount(eng->store, before, -1);
done:
	vl__freep(why);
	vl__freep(reuse);
	vl__vec_free(&v);
	vl__feats_free(&fs);
	return rc;
}
