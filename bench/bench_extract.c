/*
 * bench_extract.c — throughput of the extraction stages on a JSON Lines
 * .gz corpus (OrangeSum): each article's text is analysed first (not
 * timed: the engine analyses it once for every stage), then each stage
 * is timed on its own, as the engine runs them:
 *   entities: gazetteer marks, tagger, French rules and gathering
 *             mentions into the article's entities (vl__mentions_find),
 *             and the tagger alone;
 *   dates:    temporal expressions against a publication day;
 *   quotes:   quotations and their speakers (given the mentions);
 *   claims:   claims (given the mentions and quotations).
 * Prints articles/s, tokens/s and items per article (median of REPS
 * runs), and peak memory. Writing to the store is SQLite work, measured
 * by the whole ingest in bench_stories.
 *
 * Usage: bench_extract [corpus.jsonl.gz] [reps]
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_util.h"
#include "claims/claims.h"
#include "dates/dates.h"
#include "entities/gazetteer.h"
#include "entities/mentions.h"
#include "entities/tagger.h"
#include "veille.h"

typedef struct corpus {
	char **text;
	vl_analysis **an;
	vl_ments *ms;  /* filled for the quote and claim stages */
	vl_quotes *qs; /* filled for the claim stage */
	size_t n, cap, tokens;
} corpus;

static void add_line(void *payload, const char *line, size_t len, size_t no)
{
	corpus *c = payload;
	cJSON *root = cJSON_ParseWithLength(line, len);
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(root, "text");
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an = NULL;

	(void)no;
	o.detect_language = 0;
	if (cJSON_IsString(t) && t->valuestring &&
	    !vl_analyze(&an, t->valuestring, strlen(t->valuestring), &o,
			NULL)) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 1024;
			c->text = xrealloc(c->text, c->cap * sizeof *c->text);
			c->an = xrealloc(c->an, c->cap * sizeof *c->an);
		}
		c->text[c->n] = strdup(t->valuestring);
		c->an[c->n] = an;
		c->tokens += vl_analysis_token_count(an);
		c->n++;
	}
	cJSON_Delete(root);
}

/* The stage over the corpus: CPU seconds; *mentions counted. */
static double run_stage(const corpus *c, size_t *mentions)
{
	double t0 = cpu_now();
	*mentions = 0;
	for (size_t i = 0; i < c->n; i++) {
		vl_ments ms;
		if (vl__mentions_find(&ms, c->text[i], strlen(c->text[i]),
				      c->an[i], "fr")) {
			fprintf(stderr, "bench_extract: out of memory\n");
			exit(1);
		}
		*mentions += ms.n;
		vl__ments_free(&ms);
	}
	return cpu_now() - t0;
}

/* The tagger alone, sentence by sentence (with the gazetteer marks). */
static double run_tagger(const corpus *c)
{
	const vl_tagger *tg = vl__tagger_default();
	const vl_gaz *gz = vl__gaz_default();
	vl_span *sp = NULL;
	uint8_t *gaz = NULL, *tags = NULL;
	size_t cap = 0;
	double t0 = cpu_now();

	for (size_t i = 0; i < c->n; i++) {
		const vl_token *tk = vl_analysis_tokens(c->an[i]);
		const vl_sentence *s = vl_analysis_sentences(c->an[i]);
		for (size_t k = 0; k < vl_analysis_sentence_count(c->an[i]);
		     k++) {
			size_t n = s[k].n_tokens;
			if (n > cap) {
				cap = 2 * n;
				sp = xrealloc(sp, cap * sizeof *sp);
				gaz = xrealloc(gaz, cap);
				tags = xrealloc(tags, cap);
			}
			for (size_t j = 0; j < n; j++) {
				const vl_token *t = &tk[s[k].first_token + j];
				sp[j].p = c->text[i] + t->start;
				sp[j].len = t->end - t->start;
			}
			memset(gaz, 0, n);
			vl__gaz_mark(gz, sp, n, gaz);
			vl__tagger_tag(tg, sp, gaz, n, tags);
		}
	}
	free(sp);
	free(gaz);
	free(tags);
	return cpu_now() - t0;
}

static void oom(int rc)
{
	if (rc) {
		fprintf(stderr, "bench_extract: out of memory\n");
		exit(1);
	}
}

/* One stage over the corpus: CPU seconds; *items counted. which: 0
 * dates, 1 quotes, 2 claims. */
static double run_one(const corpus *c, int which, size_t *items)
{
	/* a Friday, as news are read against their day */
	int32_t ref = vl__days_from_unix(1741910400); /* 2025-03-14 */
	double t0 = cpu_now();

	*items = 0;
	for (size_t i = 0; i < c->n; i++) {
		const char *t = c->text[i];
		size_t len = strlen(t);
		if (which == 0) {
			vl_dates d;
			oom(vl__dates_find(&d, t, len, c->an[i], ref, "fr"));
			*items += d.n;
			vl__dates_free(&d);
		} else if (which == 1) {
			vl_quotes q;
			oom(vl__quotes_find(&q, t, len, c->an[i], &c->ms[i],
					    "fr"));
			*items += q.n;
			vl__quotes_free(&q);
		} else {
			vl_claims k;
			oom(vl__claims_find(&k, t, len, c->an[i], &c->ms[i],
					    &c->qs[i], "fr"));
			*items += k.n;
			vl__claims_free(&k);
		}
	}
	return cpu_now() - t0;
}

/* Dates, quotations and claims, each alone (their inputs computed
 * first, not timed). */
static void run_later_stages(corpus *c, int reps)
{
	static const char *const names[] = { "dates", "quotes", "claims" };
	static const char *const what[] = { "dates", "quotations", "claims" };
	double *t = xrealloc(NULL, (size_t)reps * sizeof *t);

	c->ms = xrealloc(NULL, c->n * sizeof *c->ms);
	c->qs = xrealloc(NULL, c->n * sizeof *c->qs);
	for (size_t i = 0; i < c->n; i++) {
		const char *s = c->text[i];
		oom(vl__mentions_find(&c->ms[i], s, strlen(s), c->an[i], "fr"));
		oom(vl__quotes_find(&c->qs[i], s, strlen(s), c->an[i],
				    &c->ms[i], "fr"));
	}
	for (int which = 0; which < 3; which++) {
		size_t items = 0;
		for (int r = 0; r < reps; r++)
			t[r] = run_one(c, which, &items);
		qsort(t, (size_t)reps, sizeof *t, cmp_d);
		printf("  %-7s %.0f articles/s, %.2f M tokens/s, %.1f "
		       "%s/article"
		       " (min..max %.2f..%.2f s)\n",
		       names[which], c->n / t[reps / 2],
		       c->tokens / t[reps / 2] / 1e6, (double)items / c->n,
		       what[which], t[0], t[reps - 1]);
	}
	free(t);
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1]
			 : "../shared/data/orangesum/articles.jsonl.gz";
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	double *t = NULL, *g = NULL;
	size_t mentions = 0;
	corpus c;

	memset(&c, 0, sizeof c);
	if (bench_each_line(path, add_line, &c) || !c.n) {
		printf("bench_extract: %s: no articles: skipped\n", path);
		return 0;
	}
	if (reps < 1)
		reps = 1;
	t = xrealloc(NULL, (size_t)reps * sizeof *t);
	g = xrealloc(NULL, (size_t)reps * sizeof *g);
	run_stage(&c, &mentions); /* warm: tables built once */
	for (int r = 0; r < reps; r++) {
		t[r] = run_stage(&c, &mentions);
		g[r] = run_tagger(&c);
	}
	qsort(t, (size_t)reps, sizeof *t, cmp_d);
	qsort(g, (size_t)reps, sizeof *g, cmp_d);
	printf("extraction: %zu articles, %zu tokens (%s), one core, median "
	       "of %d\n",
	       c.n, c.tokens, path, reps);
	printf("  stage (gazetteer, tagger, rules, gathering): %.0f "
	       "articles/s, %.2f M tokens/s, %.1f mentions/article "
	       "(min..max %.2f..%.2f s)\n",
	       c.n / t[reps / 2], c.tokens / t[reps / 2] / 1e6,
	       (double)mentions / c.n, t[0], t[reps - 1]);
	printf("  tagger alone (with gazetteer marks): %.0f articles/s, "
	       "%.2f M tokens/s\n",
	       c.n / g[reps / 2], c.tokens / g[reps / 2] / 1e6);
	run_later_stages(&c, reps);
	printf("  peak memory: %ld MB (the analysed corpus and its mentions "
	       "included)\n",
	       peak_rss_mb());
	for (size_t i = 0; i < c.n; i++) {
		free(c.text[i]);
		vl_analysis_free(c.an[i]);
		if (c.ms)
			vl__ments_free(&c.ms[i]);
		if (c.qs)
			vl__quotes_free(&c.qs[i]);
	}
	free(c.text);
	free(c.an);
	free(c.ms);
	free(c.qs);
	free(t);
	free(g);
	return 0;
}
