/*
 * bench_stages.c — throughput of each ingest stage on a JSON Lines corpus
 * (default: OrangeSum, 36,152 French articles):
 *   read+validate     gunzip, split lines, validate UTF-8, parse JSON
 *   normalise+tokenise+sentences   NFC, tokens with matching form, sentences
 *   langid            language identification (cascade)
 *   stem              Snowball stems of every word token
 *   clean             boilerplate line classification
 *   store             the whole `veille ingest` into a fresh SQLite file
 * Each stage runs REPS times; the median and the spread (min..max) are
 * printed with MB/s and articles/s over the article text bytes, and the
 * peak RSS of the process. Times are CPU time of this (single-threaded)
 * process, so a busy machine does not skew them; the whole-ingest stage
 * also prints wall time, which includes waiting for the disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "clean/clean.h"
#include "ingest/article.h"
#include "text/analysis.h"
#include "text/utf8.h"
#include "veille.h"

#include "bench_util.h"

typedef struct corpus {
	char **text;
	size_t *len;
	size_t n;
	size_t bytes;	   /* article text bytes */
	size_t file_bytes; /* uncompressed input bytes */
} corpus;

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double wall(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *stage, double *t, int reps, size_t bytes,
		   size_t docs)
{
	qsort(t, (size_t)reps, sizeof *t, cmp_d);
	double med = t[reps / 2];
	printf("%-34s %8.1f MB/s %9.0f articles/s  median %.3fs (%.3f..%.3f)"
	       "  peak RSS %ld MB\n",
	       stage, (double)bytes / 1e6 / med, (double)docs / med, med, t[0],
	       t[reps - 1], peak_rss_mb());
	fflush(stdout);
}

/* Stage 1: read the whole file, split lines, validate, parse. */
static int load(const char *path, corpus *c, int keep)
{
	gzFile gz = gzopen(path, "rb");
	size_t cap = 0, lcap = 1 << 20, llen = 0;
	char *line = malloc(lcap), buf[1 << 16];
	int n;

	if (!gz || !line)
		return -1;
	memset(c, 0, sizeof *c);
	while ((n = gzread(gz, buf, sizeof buf)) > 0) {
		c->file_bytes += (size_t)n;
		for (int i = 0; i < n; i++) {
			if (buf[i] != '\n') {
				if (llen + 1 >= lcap)
					line = realloc(line, lcap *= 2);
				line[llen++] = buf[i];
				continue;
			}
			vl_raw_article a;
			if (!vl__utf8_validate(line, llen, NULL, NULL) &&
			    !vl__jsonl_parse(&a, line, llen, NULL)) {
				if (keep) {
					if (c->n == cap) {
						cap = cap ? cap * 2 : 1024;
						c->text = realloc(
							c->text,
							cap * sizeof *c->text);
						c->len = realloc(
							c->len,
							cap * sizeof *c->len);
					}
					c->text[c->n] = a.text;
					c->len[c->n] = a.text_len;
					a.text = NULL;
				}
				c->n++;
				c->bytes += a.text_len;
				vl__raw_article_clear(&a);
			}
			llen = 0;
		}
	}
	gzclose(gz);
	free(line);
	return 0;
}

int main(int argc, char **argv)
{
	const char *path =
		argc > 1 ? argv[1]
			 : "../shared/data/orangesum/articles.jsonl.gz";
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	const char *only = getenv("BENCH_STAGE");
	double t[16], t0;
	corpus c;
	volatile size_t sink = 0;

	if (reps < 1 || reps > 16)
		reps = 5;
	if (access(path, R_OK)) {
		fprintf(stderr, "bench: %s not found: skipping\n", path);
		return 0;
	}
	if (load(path, &c, 1)) {
		fprintf(stderr, "bench: cannot read %s\n", path);
		return 1;
	}
	printf("corpus: %s: %zu articles, %.1f MB of text (%.1f MB JSONL)\n",
	       path, c.n, (double)c.bytes / 1e6, (double)c.file_bytes / 1e6);
	vl_analysis *warm;
	vl_analyze(&warm, "Kyiv.", 5, NULL, NULL); /* build char tables */
	vl_analysis_free(warm);

	if (!only || strstr(only, "read")) {
		for (int r = 0; r < reps; r++) {
			corpus tmp;
			t0 = now();
			load(path, &tmp, 0);
			t[r] = now() - t0;
		}
		report("read+validate+parse", t, reps, c.bytes, c.n);
	}
	if (!only || strstr(only, "token")) {
		vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
		o.detect_language = 0;
		for (int r = 0; r < reps; r++) {
			t0 = now();
			for (size_t i = 0; i < c.n; i++) {
				char *nfc;
				size_t nl;
				vl_analysis *a;
				/* as the engine: validated once at the door */
				nfc = NULL;
				if (vl__nfc_may_change(
					    (const unsigned char *)c.text[i],
					    c.len[i]))
					vl__nfc_valid(&nfc, &nl, c.text[i],
						      c.len[i]);
				if (nfc)
					vl__analyze_valid(&a, nfc, nl, &o);
				else
					vl__analyze_valid(&a, c.text[i],
							  c.len[i], &o);
				sink += vl_analysis_sentence_count(a);
				vl_analysis_free(a);
				vl_free(nfc);
			}
			t[r] = now() - t0;
		}
		report("normalise+tokenise+sentences", t, reps, c.bytes, c.n);
	}
	if (!only || strstr(only, "lang")) {
		for (int r = 0; r < reps; r++) {
			t0 = now();
			for (size_t i = 0; i < c.n; i++)
				sink += (size_t)vl__langid(c.text[i],
							   c.len[i])[0];
			t[r] = now() - t0;
		}
		report("langid", t, reps, c.bytes, c.n);
	}
	if (!only || strstr(only, "stem")) {
		vl_analyze_options o = VL_ANALYZE_OPTIONS_INIT;
		o.detect_language = 0;
		o.stem = 1;
		o.lang = "fr";
		for (int r = 0; r < reps; r++) {
			t0 = now();
			for (size_t i = 0; i < c.n; i++) {
				vl_analysis *a;
				vl_analyze(&a, c.text[i], c.len[i], &o, NULL);
				sink += vl_analysis_token_count(a);
				vl_analysis_free(a);
			}
			t[r] = now() - t0;
		}
		report("tokenise+stem (fr)", t, reps, c.bytes, c.n);
	}
	if (!only || strstr(only, "clean")) {
		for (int r = 0; r < reps; r++) {
			t0 = now();
			for (size_t i = 0; i < c.n; i++) {
				vl_clean_result cr;
				vl__clean(&cr, c.text[i], c.len[i], NULL);
				sink += cr.n_lines;
				vl__clean_result_free(&cr);
			}
			t[r] = now() - t0;
		}
		report("clean", t, reps, c.bytes, c.n);
	}
	if (!only || strstr(only, "store")) {
		int sreps = reps < 3 ? reps : 3;
		double w[16], w0;
		for (int r = 0; r < sreps; r++) {
			char db[] = "/tmp/veille-bench-XXXXXX";
			int fd = mkstemp(db);
			vl_engine *eng;
			vl_ingest_stats st;
			char side[64];
			close(fd);
			unlink(db);
			memset(&st, 0, sizeof st);
			vl_engine_open(&eng, db, NULL, NULL);
			t0 = now();
			w0 = wall();
			vl_engine_ingest(eng, path, NULL, &st);
			t[r] = now() - t0;
			w[r] = wall() - w0;
			vl_engine_free(eng);
			if (st.added != c.n)
				fprintf(stderr, "bench: stored %zu of %zu\n",
					st.added, c.n);
			unlink(db);
			snprintf(side, sizeof side, "%s-wal", db);
			unlink(side);
			snprintf(side, sizeof side, "%s-shm", db);
			unlink(side);
		}
		report("whole ingest into SQLite (CPU)", t, sreps, c.bytes,
		       c.n);
		report("whole ingest into SQLite (wall)", w, sreps, c.bytes,
		       c.n);
	}
	(void)sink;
	return 0;
}
