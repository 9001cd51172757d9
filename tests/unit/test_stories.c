/*
 * test_stories.c — the story stage: features (stems, entities, Title
 * Case), document frequencies and their saved form, vectors, and the
 * online clusterer (joining, opening, expiry, merging, restoring, and the
 * same stories for the same input).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stories/cluster.h"
#include "stories/df.h"
#include "stories/features.h"
#include "stories/vector.h"
#include "test.h"
#include "util/alloc.h"
#include "veille.h"

/* Features of a title and a body (either may be NULL). */
static int feats_of(vl_featurizer *f, vl_feats *fs, const char *title,
		    const char *body)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *ta = NULL, *ba = NULL;
	int rc;

	o.detect_language = 0;
	if ((title && vl_analyze(&ta, title, strlen(title), &o, NULL)) ||
	    (body && vl_analyze(&ba, body, strlen(body), &o, NULL)))
		return -1;
	rc = vl__feats_build(f, fs, ta, ba, "fr");
	vl_analysis_free(ta);
	vl_analysis_free(ba);
	return rc;
}

/* Is a feature with this display form and kind present? */
static int has(const vl_feats *fs, const char *text, int entity)
{
	for (size_t i = 0; i < fs->n; i++)
		if (!strcmp(vl__feat_text(fs, i), text) &&
		    !(fs->v[i].id & VL_FEAT_ENTITY) == !entity)
			return 1;
	return 0;
}

void test_stories__entities_and_terms(void)
{
	vl_featurizer *f;
	vl_feats fs;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(feats_of(f, &fs, NULL,
			   "Le président Donald Trump a reçu Volodymyr "
			   "Zelensky à Washington. Les négociations "
			   "reprendront lundi à Djeddah."),
		  0);
	CHECK(has(&fs, "donald trump", 1));
	CHECK(has(&fs, "volodymyr zelensky", 1));
	CHECK(has(&fs, "trump", 0)); /* one word: a term, not twice */
	CHECK(!has(&fs, "trump", 1));
	CHECK(has(&fs, "washington", 0));
	CHECK(has(&fs, "djeddah", 0));
	CHECK(!has(&fs, "le", 1)); /* a sentence's first word */
	CHECK(!has(&fs, "les", 1));
	CHECK(!has(&fs, "le", 0)); /* function words are no terms */
	CHECK(has(&fs, "negociations", 0));
	CHECK(has(&fs, "president", 0));
	for (size_t i = 1; i < fs.n; i++)
		CHECK(fs.v[i - 1].id < fs.v[i].id); /* sorted, distinct */
	vl__feats_free(&fs);
	vl__featurizer_free(f);
}

void test_stories__stems_join_inflections(void)
{
	vl_featurizer *f;
	vl_feats a, b;
	size_t shared = 0;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(feats_of(f, &a, NULL, "négociation"), 0);
	CHECK_INT(feats_of(f, &b, NULL, "Négociations"), 0);
	CHECK_INT(a.n, 1);
	for (size_t i = 0; i < b.n; i++)
		shared +=
			!(b.v[i].id & VL_FEAT_ENTITY) && b.v[i].id == a.v[0].id;
	CHECK_INT(shared, 1);
	vl__feats_free(&a);
	vl__feats_free(&b);
	/* the accentless headline form meets the accented one */
	CHECK_INT(feats_of(f, &a, NULL, "les élections municipales"), 0);
	CHECK_INT(feats_of(f, &b, NULL, "les elections municipales"), 0);
	CHECK_INT(a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		CHECK(a.v[i].id == b.v[i].id);
	vl__feats_free(&a);
	vl__feats_free(&b);
	vl__featurizer_free(f);
}

void test_stories__title_case_gives_no_entities(void)
{
	vl_featurizer *f;
	vl_feats fs;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(feats_of(f, &fs,
			   "Senate Leaders Reach Agreement On Border Funding",
			   NULL),
		  0);
	for (size_t i = 0; i < fs.n; i++)
		CHECK(!(fs.v[i].id & VL_FEAT_ENTITY));
	vl__feats_free(&fs);
	CHECK_INT(feats_of(f, &fs,
			   "Le gouvernement présente le budget d'Emmanuel "
			   "Macron devant les députés",
			   NULL),
		  0);
	CHECK(has(&fs, "emmanuel macron", 1));
	vl__feats_free(&fs);
	vl__featurizer_free(f);
}

void test_stories__df_save_load(void)
{
	vl_featurizer *f;
	vl_feats fs;
	vl_df a, b;
	unsigned char *blob;
	size_t len;
	uint64_t rare, common;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(vl__df_init(&a), 0);
	CHECK_INT(vl__df_init(&b), 0);
	CHECK_INT(feats_of(f, &fs, NULL, "Incendie dans le massif des Maures."),
		  0);
	rare = fs.v[0].id;
	vl__df_add(&a, &fs);
	vl__feats_free(&fs);
	for (int i = 0; i < 30; i++) {
		CHECK_INT(feats_of(f, &fs, NULL, "Le gouvernement a annoncé."),
			  0);
		common = fs.v[0].id;
		vl__df_add(&a, &fs);
		vl__feats_free(&fs);
	}
	CHECK(vl__df_idf(&a, rare) > vl__df_idf(&a, common));
	CHECK_INT(vl__df_save(&a, &blob, &len), 0);
	CHECK_INT(vl__df_load(&b, blob, len), 0);
	CHECK(b.docs == a.docs);
	CHECK(!memcmp(a.count, b.count, ((size_t)1 << VL_DF_BITS) * 2));
	/* a cut blob is refused and leaves nothing half-read */
	CHECK_INT(vl__df_load(&b, blob, len - 1), VL_EFORMAT);
	CHECK(b.docs == 0);
	vl__freep(blob);
	vl__df_free(&a);
	vl__df_free(&b);
	vl__featurizer_free(f);
}

/* An article as the clusterer sees it, its frequencies counted. */
typedef struct art {
	vl_feats fs;
	vl_vec v;
} art;

static int art_of(art *a, vl_featurizer *f, vl_df *df, const char *title,
		  const char *body)
{
	if (feats_of(f, &a->fs, title, body))
		return -1;
	vl__df_add(df, &a->fs);
	return vl__vec_build(&a->v, &a->fs, df, 1.0);
}

static void art_free(art *a)
{
	vl__vec_free(&a->v);
	vl__feats_free(&a->fs);
}

void test_stories__vectors(void)
{
	vl_featurizer *f;
	vl_df df;
	art a, b;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(vl__df_init(&df), 0);
	CHECK_INT(art_of(&a, f, &df, "Crue de la Loire",
			 "La Loire a débordé à Orléans."),
		  0);
	CHECK_INT(art_of(&b, f, &df, "Tournoi de Wimbledon",
			 "La finale se joue dimanche."),
		  0);
	CHECK(fabs(vl__vec_cos(&a.v, &a.v) - 1.0) < 1e-5);
	CHECK(vl__vec_cos(&a.v, &b.v) < 0.05);
	art_free(&a);
	art_free(&b);
	vl__df_free(&df);
	vl__featurizer_free(f);
}

/* Three events, told twice each, in an interleaved order. */
static const char *const flow[][2] = {
	{ "Incendie dans le massif des Maures",
	  "Un incendie a parcouru 800 hectares dans le massif des Maures, "
	  "près de Bormes-les-Mimosas. Les pompiers du Var luttent contre les "
	  "flammes attisées par le mistral." },
	{ "Grève à l'usine de Cordemais",
	  "Les salariés de la centrale de Cordemais sont en grève depuis "
	  "lundi contre la fermeture annoncée du site par EDF." },
	{ "Maures : le feu fixé après 800 hectares brûlés",
	  "Les pompiers du Var ont fixé l'incendie du massif des Maures, "
	  "qui a brûlé 800 hectares autour de Bormes-les-Mimosas sous le "
	  "mistral." },
	{ "Finale de Roland-Garros",
	  "Le joueur espagnol a remporté la finale de Roland-Garros "
	  "dimanche après cinq sets face au Serbe." },
	{ "Cordemais : la grève se durcit",
	  "La grève des salariés de la centrale EDF de Cordemais se durcit, "
	  "les syndicats refusent la fermeture du site." },
	{ "Roland-Garros : l'Espagnol s'impose en cinq sets",
	  "Dimanche, la finale de Roland-Garros a été remportée en cinq sets "
	  "par le joueur espagnol contre le Serbe." },
};
#define N_FLOW (sizeof flow / sizeof *flow)

/* Run the flow; story[i] gets article i's story. */
static int cluster_flow(int64_t *story, const int64_t *ts, double window_s)
{
	vl_featurizer *f;
	vl_df df;
	vl_clusterer *c;
	vl_cluster_options o = { 0.3, window_s, NULL };
	int64_t next = 1;
	int rc = 0;

	if (vl__featurizer_new(&f) || vl__df_init(&df))
		return -1;
	o.df = &df;
	if (vl__clusterer_new(&c, &o))
		return -1;
	for (size_t i = 0; i < N_FLOW && !rc; i++) {
		art a;
		vl_assignment as;
		vl_merge m;

		if (art_of(&a, f, &df, flow[i][0], flow[i][1]))
			return -1;
		rc = vl__cluster_score(c, &a.v, ts[i], NULL, 0, &as);
		story[i] = as.story ? as.story : next++;
		if (!rc)
			rc = vl__cluster_add(c, story[i], &a.v, ts[i], 0, &m);
		for (size_t k = 0; m.from && k <= i; k++)
			if (story[k] == m.from)
				story[k] = m.into;
		art_free(&a);
	}
	vl__clusterer_free(c);
	vl__df_free(&df);
	vl__featurizer_free(f);
	return rc;
}

void test_stories__online_clustering(void)
{
	int64_t s1[N_FLOW], s2[N_FLOW];
	int64_t ts[N_FLOW] = { 1000, 1100, 1200, 1300, 1400, 1500 };

	CHECK_INT(cluster_flow(s1, ts, 72 * 3600.0), 0);
	CHECK(s1[0] == s1[2]);
	CHECK(s1[1] == s1[4]);
	CHECK(s1[3] == s1[5]);
	CHECK(s1[0] != s1[1] && s1[0] != s1[3] && s1[1] != s1[3]);
	/* same input, same order: same stories */
	CHECK_INT(cluster_flow(s2, ts, 72 * 3600.0), 0);
	CHECK(!memcmp(s1, s2, sizeof s1));
}

void test_stories__idle_stories_leave(void)
{
	int64_t s[N_FLOW];
	/* the second telling of each event comes ten days later */
	int64_t day = 86400, ts[N_FLOW] = {
		0, 1, 10 * day, 10 * day + 1, 10 * day + 2, 10 * day + 3
	};

	CHECK_INT(cluster_flow(s, ts, 72 * 3600.0), 0);
	CHECK(s[0] != s[2]); /* the fire's story had left the window */
	CHECK(s[3] == s[5]); /* the final's both come inside it */
}

void test_stories__restore(void)
{
	vl_featurizer *f;
	vl_df df;
	vl_clusterer *a, *b;
	vl_cluster_options o = { 0.3, 72 * 3600.0, NULL };
	art x, y;
	vl_assignment sa, sb;
	vl_merge m;
	const vl_vterm *c;
	const char *text;
	size_t n;
	uint32_t count;
	int64_t first, last;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(vl__df_init(&df), 0);
	o.df = &df;
	CHECK_INT(vl__clusterer_new(&a, &o), 0);
	CHECK_INT(vl__clusterer_new(&b, &o), 0);
	CHECK_INT(art_of(&x, f, &df, flow[0][0], flow[0][1]), 0);
	CHECK_INT(vl__cluster_add(a, 7, &x.v, 1000, 0, &m), 0);
	CHECK_INT(vl__cluster_get(a, 7, &c, &n, &text, &count, &first, &last),
		  0);
	CHECK_INT(vl__cluster_restore(b, 7, c, n, text, count, first, last, 0),
		  0);
	CHECK_INT(art_of(&y, f, &df, flow[2][0], flow[2][1]), 0);
	CHECK_INT(vl__cluster_score(a, &y.v, 1200, NULL, 0, &sa), 0);
	CHECK_INT(vl__cluster_score(b, &y.v, 1200, NULL, 0, &sb), 0);
	CHECK_INT(sa.story, 7);
	CHECK_INT(sb.story, 7);
	CHECK(fabs(sa.score - sb.score) < 1e-9);
	CHECK(sa.n_top > 0 && sa.top[0].text && *sa.top[0].text);
	CHECK_INT(vl__cluster_get(b, 8, &c, &n, &text, &count, &first, &last),
		  VL_ENOTFOUND);
	art_free(&x);
	art_free(&y);
	vl__clusterer_free(a);
	vl__clusterer_free(b);
	vl__df_free(&df);
	vl__featurizer_free(f);
}

void test_stories__endless_stream_stays_bounded(void)
{
	vl_featurizer *f;
	vl_df df;
	vl_clusterer *c;
	vl_cluster_options o = { 0.3, 3600.0, NULL };
	size_t most = 0;

	CHECK_INT(vl__featurizer_new(&f), 0);
	CHECK_INT(vl__df_init(&df), 0);
	o.df = &df;
	CHECK_INT(vl__clusterer_new(&c, &o), 0);
	/* 3,000 distinct one-off stories, one every ten minutes */
	for (int i = 0; i < 3000; i++) {
		char body[128];
		art a;
		vl_assignment as;
		vl_merge m;

		snprintf(body, sizeof body,
			 "Le dossier numéro %d concerne la commune de "
			 "Zorg%dville.",
			 i * 7919, i);
		CHECK_INT(art_of(&a, f, &df, NULL, body), 0);
		CHECK_INT(vl__cluster_score(c, &a.v, i * 600, NULL, 0, &as), 0);
		CHECK_INT(vl__cluster_add(c, as.story ? as.story : i + 1, &a.v,
					  i * 600, 0, &m),
			  0);
		art_free(&a);
		if (vl__cluster_live(c) > most)
			most = vl__cluster_live(c);
	}
	CHECK(most < 20); /* one window's worth, not 3,000 */
	vl__clusterer_free(c);
	vl__df_free(&df);
	vl__featurizer_free(f);
}
