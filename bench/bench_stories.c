/*
 * bench_stories.c — throughput of the story stage on a JSON Lines .gz
 * corpus with publication dates (default: OrangeSum, 36,152 French
 * articles), taken in publication order (a stable sort on the date, file
 * order within a day), as a live flow would bring them.
 *
 * Each rep starts from a fresh featurizer, the document frequencies with
 * the engine's prior (vl__df_init) and an empty clusterer with the
 * engine's defaults (VL_STORY_THRESHOLD, VL_STORY_WINDOW_H). Articles go
 * through in chunks of CHUNK:
 *   untimed  vl_analyze of the title and of the text (language detection
 *            off; the corpus is French, so lang is "fr");
 *   timed    features: vl__feats_build of the two analyses;
 *   timed    clustering, as src/engine/stories.c vl__stories_assign does
 *            minus the store: vl__df_add, vl__vec_build, vl__cluster_score
 *            (no reuse links: they come from the store), a fresh story id
 *            when the assignment opens one, vl__cluster_add.
 * Times are CPU time of this single-threaded process (the clustering is
 * also given in wall time); the median of REPS runs is printed with the
 * spread, as articles/s and us/article, then the CPU time per article of
 * each block of BLOCK articles (median over the runs) with the stories
 * live and the candidates scored per article in that block, the ratio
 * last/first full block and max/min over the full blocks, the stories
 * opened, merged and still live at the end (with a hash of every
 * decision, to tell a change of speed from a change of result), and the
 * peak RSS.
 *
 * The corpus is sparse at first (a few articles a day in 2016) and dense
 * at the end (up to 110 a day in 2020): what a story costs depends on
 * how many stories are live, so the same runs are made again as a
 * control with the same articles in the same order, their publication
 * times evenly spaced at CONTROL_PER_DAY a day. There the blocks differ
 * only in how many articles came before them.
 *
 * Then the whole engine once: vl_engine_ingest (stories included, the
 * path of `veille ingest`) into a new store under /tmp, (a) of the corpus
 * rewritten in publication order as an uncompressed .jsonl under /tmp,
 * (b) of the corpus file itself in its own order (gzip); CPU and wall
 * time, articles/s and MB/s of article text, the stories made; the store
 * and the temporary file are removed after.
 *
 * Unlike the engine, the bench analyses the raw text, not the cleaned one
 * (boilerplate kept), and passes no reuse links.
 *
 * Build: `make bench` (bench/run.sh runs it pinned to one core).
 * Usage: bench_stories [corpus.jsonl.gz] [reps] [ingest: 0 to skip]
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "ingest/published.h"
#include "stories/cluster.h"
#include "stories/df.h"
#include "stories/features.h"
#include "stories/vector.h"
#include "veille.h"

#include "bench_util.h"

/* Copied from src/engine/stories.c (keep them in step). */
#define ENTITY_WEIGHT 1.0

#define CHUNK 50      /* articles analysed, then featurised and clustered */
#define BLOCK 5000    /* articles per block of the flatness figure */
#define MAX_BLOCKS 64 /* corpora up to 320,000 articles */
#define MAX_REPS 16
#define TARGET 20000.0	    /* articles/s of clustering on one core */
#define FLAT 1.25	    /* the most last/first block may grow */
#define CONTROL_PER_DAY 100 /* articles a day of the evenly spaced control */
_Static_assert(BLOCK % CHUNK == 0, "a block is whole chunks");

typedef struct article {
	char *title, *text;
	size_t text_len, title_len;
	int64_t ts;  /* publication time, INT64_MIN when unknown */
	size_t line; /* line in the file (the stable sort's tie-break) */
} article;

typedef struct corpus {
	article *a;
	size_t n, cap;
	size_t bytes;	/* article text bytes */
	size_t undated; /* no or unreadable "published" */
} corpus;

/* One rep's figures. */
typedef struct run {
	double t_feat, t_clu, w_clu, t_an; /* CPU s, clustering wall s */
	double blk[MAX_BLOCKS];		   /* clustering CPU s per block */
	size_t live_at[MAX_BLOCKS];	   /* live stories at a block's end */
	size_t cand[MAX_BLOCKS];	   /* stories scored in the block */
	size_t n_blk;
	size_t opened, merged, joined, live, feats;
	uint64_t check; /* hash of the assignments, same every run */
} run;

static long rss_loaded; /* peak RSS once the corpus is loaded, MB */

static void oom_if(int rc)
{
	if (rc) {
		fprintf(stderr, "bench: %s\n", vl_strerror(rc));
		exit(1);
	}
}

static double median(double *t, int n)
{
	qsort(t, (size_t)n, sizeof *t, cmp_d);
	return t[n / 2];
}

static char *dup_str(const cJSON *s, size_t *len)
{
	char *p;

	*len = 0;
	if (!cJSON_IsString(s) || !s->valuestring)
		return NULL;
	*len = strlen(s->valuestring);
	p = xrealloc(NULL, *len + 1);
	memcpy(p, s->valuestring, *len + 1);
	return p;
}

static void add_line(corpus *c, const char *line, size_t len, size_t no)
{
	cJSON *root = cJSON_ParseWithLength(line, len);
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "published");
	article *a;

	if (!root)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->a = xrealloc(c->a, c->cap * sizeof *c->a);
	}
	a = &c->a[c->n];
	a->text = dup_str(cJSON_GetObjectItemCaseSensitive(root, "text"),
			  &a->text_len);
	a->title = dup_str(cJSON_GetObjectItemCaseSensitive(root, "title"),
			   &a->title_len);
	a->line = no;
	if (!cJSON_IsString(p) || !p->valuestring ||
	    vl__parse_published(p->valuestring, &a->ts))
		a->ts = INT64_MIN;
	if (a->text || a->title) {
		c->undated += a->ts == INT64_MIN;
		c->bytes += a->text_len;
		c->n++;
	} else {
		free(a->text);
		free(a->title);
	}
	cJSON_Delete(root);
}

static void load_one(void *c, const char *line, size_t len, size_t no)
{
	add_line(c, line, len, no);
}

/* Publication order; undated first; file order within a time. */
static int by_time(const void *x, const void *y)
{
	const article *a = x, *b = y;

	if (a->ts != b->ts)
		return a->ts < b->ts ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static uint64_t mix64(uint64_t h, uint64_t x)
{
	h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
	return h;
}

/* ts of article i: its own, or i * spacing after the first article's. */
static int64_t ts_of(const corpus *c, size_t i, int64_t spacing)
{
	if (spacing)
		return c->a[0].ts + (int64_t)i * spacing;
	return c->a[i].ts;
}

/* One pass over the corpus; see the comment at the top. */
static void one_run(const corpus *c, int64_t wall, int64_t spacing, run *r)
{
	vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
	vl_cluster_options co;
	vl_featurizer *fz;
	vl_clusterer *cl;
	vl_df df;
	vl_analysis *ta[CHUNK], *ba[CHUNK];
	vl_feats fs[CHUNK];
	int64_t next_id = 0;
	size_t cand = 0;

	memset(r, 0, sizeof *r);
	o.detect_language = 0;
	oom_if(vl__featurizer_new(&fz));
	oom_if(vl__df_init(&df));
	co.threshold = VL_STORY_THRESHOLD;
	co.window_s = 3600.0 * VL_STORY_WINDOW_H;
	co.df = &df;
	oom_if(vl__clusterer_new(&cl, &co));
	for (size_t first = 0; first < c->n; first += CHUNK) {
		size_t m = c->n - first < CHUNK ? c->n - first : CHUNK;
		double t0 = cpu_now(), w0, t1;

		for (size_t i = 0; i < m; i++) {
			const article *a = &c->a[first + i];
			ta[i] = ba[i] = NULL;
			if (a->title && vl_analyze(&ta[i], a->title,
						   a->title_len, &o, NULL))
				ta[i] = NULL;
			if (a->text &&
			    vl_analyze(&ba[i], a->text, a->text_len, &o, NULL))
				ba[i] = NULL;
		}
		t1 = cpu_now();
		r->t_an += t1 - t0;

		t0 = t1;
		for (size_t i = 0; i < m; i++)
			oom_if(vl__feats_build(fz, &fs[i], ta[i], ba[i], "fr"));
		t1 = cpu_now();
		r->t_feat += t1 - t0;

		t0 = cpu_now();
		w0 = wall_now();
		for (size_t i = 0; i < m; i++) {
			vl_assignment as;
			vl_merge mg;
			vl_vec v;
			int64_t story, ts = ts_of(c, first + i, spacing);

			vl__df_add(&df, &fs[i]);
			oom_if(vl__vec_build(&v, &fs[i], &df, ENTITY_WEIGHT));
			oom_if(vl__cluster_score(cl, &v, ts, NULL, 0, &as));
			story = as.story ? as.story : ++next_id;
			oom_if(vl__cluster_add(cl, story, &v, ts, wall, &mg));
			vl__vec_free(&v);
			cand += as.n_candidates;
			r->joined += as.story != 0;
			r->merged += mg.from != 0;
			r->check = mix64(r->check, (uint64_t)story);
			r->check = mix64(r->check, (uint64_t)mg.from);
		}
		t1 = cpu_now();
		r->t_clu += t1 - t0;
		r->w_clu += wall_now() - w0;
		r->blk[first / BLOCK] += t1 - t0;

		for (size_t i = 0; i < m; i++) {
			r->feats += fs[i].n;
			vl__feats_free(&fs[i]);
			vl_analysis_free(ta[i]);
			vl_analysis_free(ba[i]);
		}
		if ((first + m) % BLOCK == 0 || first + m == c->n) {
			size_t b = first / BLOCK;
			r->live_at[b] = vl__cluster_live(cl);
			r->cand[b] = cand;
			r->n_blk = b + 1;
			cand = 0;
		}
	}
	r->opened = (size_t)next_id;
	r->live = vl__cluster_live(cl);
	vl__clusterer_free(cl);
	vl__df_free(&df);
	vl__featurizer_free(fz);
}

static void report_line(const char *what, double *t, int reps, size_t n,
			size_t bytes, const char *clock)
{
	double med = median(t, reps);

	printf("%-34s %9.0f articles/s %7.1f MB/s %6.1f us/article  median"
	       " %.3fs (%.3f..%.3f) %s over %d runs\n",
	       what, (double)n / med, (double)bytes / 1e6 / med,
	       med / (double)n * 1e6, med, t[0], t[reps - 1], clock, reps);
}

/*
 * REPS runs over the corpus, with its publication times (spacing 0) or,
 * as a control, with the same articles in the same order evenly spaced
 * `spacing` seconds apart, so that every block meets as many live stories
 * and only the number of articles seen before changes.
 */
static void bench_stage(const corpus *c, int reps, int64_t spacing)
{
	static run r[MAX_REPS];
	double t[MAX_REPS] = { 0 }, blk[MAX_REPS] = { 0 };
	double per[MAX_BLOCKS] = { 0 }, per_kb[MAX_BLOCKS] = { 0 }, kb, clu_med;
	double lo = 0, hi = 0, first_full = 0, last_full = 0, an = 0;
	int64_t wall = (int64_t)time(NULL);
	size_t n_full = c->n / BLOCK, lo_b = 0, hi_b = 0;
	const char *what = spacing ? "  clustering, even times"
				   : "clustering (df+vec+score+add)";
	int same = 1;

	for (int k = 0; k < reps; k++) {
		one_run(c, wall, spacing, &r[k]);
		same &= r[k].check == r[0].check;
		an += r[k].t_an;
	}
	if (!spacing) {
		printf("vl_analyze of title and text (untimed below): %.0f"
		       " articles/s CPU\n",
		       (double)c->n * reps / an);
		for (int k = 0; k < reps; k++)
			t[k] = r[k].t_feat;
		report_line("features (vl__feats_build)", t, reps, c->n,
			    c->bytes, "CPU");
		printf("  %.1f features per article\n",
		       (double)r[0].feats / (double)c->n);
	}
	for (int k = 0; k < reps; k++)
		t[k] = r[k].t_clu;
	report_line(what, t, reps, c->n, c->bytes, "CPU");
	clu_med = t[reps / 2];
	for (int k = 0; k < reps; k++)
		t[k] = r[k].w_clu;
	report_line(what, t, reps, c->n, c->bytes, "wall");
	if (!spacing)
		printf("  target >= %.0f articles/s on one core: %s (%.0f,"
		       " CPU)\n",
		       TARGET,
		       (double)c->n / clu_med >= TARGET ? "met" : "NOT MET",
		       (double)c->n / clu_med);

	printf("  per block of %d articles (CPU, median of %d runs; live:"
	       " stories live at the block's end; cand/art: stories scored"
	       " per article):\n",
	       BLOCK, reps);
	printf("  %5s %-22s %8s %7s %9s %7s %8s\n", "block",
	       spacing ? "published (even)" : "published", "us/art", "live",
	       "cand/art", "KB/art", "us/KB");
	for (size_t b = 0; b < r[0].n_blk; b++) {
		size_t from = b * BLOCK, to = from + BLOCK;
		int64_t a0, a1;
		char d0[16], d1[16];
		time_t t0, t1;

		to = to < c->n ? to : c->n;
		for (int k = 0; k < reps; k++)
			blk[k] = r[k].blk[b];
		per[b] = median(blk, reps) / (double)(to - from) * 1e6;
		kb = 0.0;
		for (size_t i = from; i < to; i++)
			kb += (double)(c->a[i].text_len + c->a[i].title_len);
		kb /= 1000.0 * (double)(to - from);
		per_kb[b] = per[b] / kb;
		a0 = ts_of(c, from, spacing);
		a1 = ts_of(c, to - 1, spacing);
		t0 = (time_t)(a0 == INT64_MIN ? 0 : a0);
		t1 = (time_t)(a1 == INT64_MIN ? 0 : a1);
		strftime(d0, sizeof d0, "%Y-%m-%d", gmtime(&t0));
		strftime(d1, sizeof d1, "%Y-%m-%d", gmtime(&t1));
		printf("  %5zu %s..%s %8.2f %7zu %9.1f %7.2f %8.2f%s\n", b + 1,
		       d0, d1, per[b], r[0].live_at[b],
		       (double)r[0].cand[b] / (double)(to - from), kb,
		       per_kb[b], b < n_full ? "" : "  (partial block)");
	}
	for (size_t b = 0; b < n_full; b++) {
		if (!b || per[b] < lo) {
			lo = per[b];
			lo_b = b;
		}
		if (!b || per[b] > hi) {
			hi = per[b];
			hi_b = b;
		}
	}
	if (n_full >= 2) {
		first_full = per[0];
		last_full = per[n_full - 1];
		printf("  last/first full block %.2f (%.2f / %.2f us): %s (the"
		       " issue: at most %.2f); max/min %.2f (block %zu /"
		       " block %zu)\n",
		       last_full / first_full, last_full, first_full,
		       last_full / first_full <= FLAT ? "flat" : "NOT flat",
		       FLAT, hi / lo, hi_b + 1, lo_b + 1);
		/* later OrangeSum articles are twice as long: per KB of
		 * text, the growth that is not the text's own */
		printf("  per KB of text: last/first full block %.2f (%.2f /"
		       " %.2f us/KB)\n",
		       per_kb[n_full - 1] / per_kb[0], per_kb[n_full - 1],
		       per_kb[0]);
	}
	printf("  stories: %zu opened, %zu merges, %zu articles joined a live"
	       " story, %zu live at the end; assignments %016llx, %s\n",
	       r[0].opened, r[0].merged, r[0].joined, r[0].live,
	       (unsigned long long)r[0].check,
	       same ? "the same in every run" : "DIFFERENT between runs");
	printf("  peak RSS %ld MB (%ld MB of it the corpus, loaded before)\n",
	       peak_rss_mb(), rss_loaded);
	fflush(stdout);
}

/* ---- the whole engine ---- */

typedef struct lines {
	char **line;
	size_t *len;
	size_t n, cap;
} lines;

static void keep_line(void *p, const char *line, size_t len, size_t no)
{
	lines *l = p;

	(void)no;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->line = xrealloc(l->line, l->cap * sizeof *l->line);
		l->len = xrealloc(l->len, l->cap * sizeof *l->len);
	}
	l->line[l->n] = xrealloc(NULL, len + 1);
	memcpy(l->line[l->n], line, len);
	l->line[l->n][len] = '\0';
	l->len[l->n++] = len;
}

/* The corpus rewritten in publication order into a new file under /tmp;
 * its name in path. */
static int write_sorted(const char *src, const corpus *c, char *path)
{
	lines l = { NULL, NULL, 0, 0 };
	FILE *f;
	int fd = mkstemps(path, 6), rc = 0;

	if (fd < 0)
		return -1;
	if (!(f = fdopen(fd, "w"))) {
		close(fd);
		return -1;
	}
	bench_each_line(src, keep_line, &l);
	for (size_t i = 0; i < c->n && !rc; i++) {
		size_t k = c->a[i].line;
		if (k < l.n && (fwrite(l.line[k], 1, l.len[k], f) != l.len[k] ||
				fputc('\n', f) == EOF))
			rc = -1;
	}
	if (fclose(f))
		rc = -1;
	for (size_t i = 0; i < l.n; i++)
		free(l.line[i]);
	free(l.line);
	free(l.len);
	return rc;
}

typedef struct count {
	size_t stories, multi, in_multi;
} count;

static int count_story(const vl_story *s, void *payload)
{
	count *k = payload;

	k->stories++;
	if (s->n_articles >= 2) {
		k->multi++;
		k->in_multi += s->n_articles;
	}
	return 0;
}

static void remove_store(const char *db)
{
	char side[64];

	unlink(db);
	snprintf(side, sizeof side, "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", db);
	unlink(side);
}

static void ingest(const char *label, const char *path, const corpus *c)
{
	char db[] = "/tmp/veille-bench-stories-XXXXXX";
	vl_story_query q = VL_STORY_QUERY_INIT;
	int fd = mkstemp(db), rc;
	vl_ingest_stats st;
	vl_engine *eng;
	double t0, w0, t, w;
	count k = { 0, 0, 0 };

	if (fd < 0) {
		fprintf(stderr, "bench: cannot make a store under /tmp\n");
		return;
	}
	close(fd);
	unlink(db);
	memset(&st, 0, sizeof st);
	if ((rc = vl_engine_open(&eng, db, NULL, NULL))) {
		fprintf(stderr, "bench: %s\n", vl_strerror(rc));
		return;
	}
	t0 = cpu_now();
	w0 = wall_now();
	rc = vl_engine_ingest(eng, path, NULL, &st);
	t = cpu_now() - t0;
	w = wall_now() - w0;
	if (!rc)
		rc = vl_engine_each_story(eng, &q, count_story, &k);
	vl_engine_free(eng);
	remove_store(db);
	if (rc) {
		fprintf(stderr, "bench: ingest: %s\n", vl_strerror(rc));
		return;
	}
	if (st.added != c->n)
		fprintf(stderr, "bench: stored %zu of %zu\n", st.added, c->n);
	printf("  %s:\n", label);
	printf("    %9.0f articles/s %6.1f MB/s CPU (%.2f s), %9.0f"
	       " articles/s %6.1f MB/s wall (%.2f s), one run\n",
	       (double)st.added / t, (double)c->bytes / 1e6 / t, t,
	       (double)st.added / w, (double)c->bytes / 1e6 / w, w);
	printf("    %zu stories, %zu of them with 2 articles or more (%zu"
	       " articles); peak RSS of the process so far %ld MB\n",
	       k.stories, k.multi, k.in_multi, peak_rss_mb());
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1]
			 : "../shared/data/orangesum/articles.jsonl.gz";
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	int do_ingest = argc > 3 ? atoi(argv[3]) : 1;
	char sorted[] = "/tmp/veille-bench-stories-XXXXXX.jsonl";
	corpus c;

	if (reps < 1 || reps > MAX_REPS)
		reps = 5;
	if (access(path, R_OK)) {
		fprintf(stderr,
			"bench_stories: %s not found (no ../shared): skipping"
			" the story stage benchmark\n",
			path);
		return 0;
	}
	memset(&c, 0, sizeof c);
	if (bench_each_line(path, load_one, &c) || c.n == 0) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		return 1;
	}
	if (c.n > (size_t)MAX_BLOCKS * BLOCK) {
		fprintf(stderr, "bench: more than %d articles: cut to that\n",
			MAX_BLOCKS * BLOCK);
		c.n = (size_t)MAX_BLOCKS * BLOCK; /* the rest leaks, once */
	}
	qsort(c.a, c.n, sizeof *c.a, by_time);
	rss_loaded = peak_rss_mb();
	printf("corpus: %s: %zu articles (%zu undated), %.1f MB of text,"
	       " in publication order\n",
	       path, c.n, c.undated, (double)c.bytes / 1e6);
	printf("story stage, engine defaults: threshold %.2f, window %.0f h,"
	       " entity weight %.1f; one core\n",
	       VL_STORY_THRESHOLD, VL_STORY_WINDOW_H, ENTITY_WEIGHT);
	bench_stage(&c, reps, 0);
	if (c.a[0].ts != INT64_MIN) {
		printf("control: the same articles in the same order, evenly"
		       " spaced at %d a day (a live window of %.0f "
		       "articles):\n",
		       CONTROL_PER_DAY,
		       CONTROL_PER_DAY * VL_STORY_WINDOW_H / 24);
		bench_stage(&c, reps, 86400 / CONTROL_PER_DAY);
	}

	if (do_ingest) {
		printf("whole ingest with stories (vl_engine_ingest into a new"
		       " store under /tmp: read, clean, analyse, reuse,"
		       " stories, SQLite):\n");
		if (write_sorted(path, &c, sorted))
			fprintf(stderr, "bench: cannot write %s\n", sorted);
		else
			ingest("(a) in publication order (uncompressed .jsonl)",
			       sorted, &c);
		unlink(sorted);
		ingest("(b) the file as it is (its own order, gzip)", path, &c);
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.a[i].title);
		free(c.a[i].text);
	}
	free(c.a);
	return 0;
}
