/*
 * cmd_ingest.c — `veille ingest`: read articles into the store.
 * Quiet on success; each rejected article is one line on stderr; a
 * progress line on a terminal; --json prints the counters.
 */
#include <cJSON.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage[] =
	"usage: veille ingest [--db FILE] [--source NAME] [--repair] [--json]\n"
	"                     [--quiet] [--batch N] [--max-article-bytes N]\n"
	"                     [--max-line-bytes N] [--story-threshold X]\n"
	"                     [--story-window-hours H] [--aliases FILE]\n"
	"                     PATH...\n"
	"\n"
	"Read articles into the store. PATH is a file, a directory (walked\n"
	"recursively: .txt, .jsonl, .ndjson, .json and their .gz) or - for\n"
	"standard input. Plain text: one article per file; a leading\n"
	"' date 2025-03-14 ' marker is its publication date. JSON Lines: one\n"
	"article per line with id, url, source, title, lead, published, lang,\n"
	"text (other fields are kept).\n"
	"\n"
	"Each article is validated (UTF-8), normalised (NFC), cleaned of\n"
	"boilerplate lines, split into sentences and stored; batches commit\n"
	"in one transaction each, so an interrupted run keeps what it\n"
	"committed and a re-run adds only what is missing.\n"
	"\n"
	"  --source NAME         source of articles that name none (default:\n"
	"                        the JSON field, else the file's directory)\n"
	"  --repair              replace invalid UTF-8 with U+FFFD instead of\n"
	"                        rejecting the article\n"
	"  --json                print the counters as JSON on stdout\n"
	"  --quiet               no progress line, no summary\n"
	"  --batch N             articles per transaction (default 500)\n"
	"  --max-article-bytes N reject larger articles (default 8M)\n"
	"  --max-line-bytes N    reject longer JSON Lines lines (default 64M)\n"
	"  --story-threshold X   join a story at this score or more\n"
	"                        (0 < X <= 1; "
	"default " CLI_DEFAULT_THRESHOLD ")\n"
	"  --story-window-hours H\n"
	"                        a story idle this long (publication time)\n"
	"                        takes no more articles "
	"(default " CLI_DEFAULT_WINDOW_H " h)\n"
	"  --aliases FILE        names that stand for one entity, one entity\n"
	"                        a line (\"LOC: Bakhmout | Artemivsk\"), "
	"added\n"
	"                        to the built-in list (docs/entities.md)\n"
	"\n"
	"The story options apply to this run's articles; they are not stored.\n"
	"`veille recluster` with the same options builds every story again\n"
	"with them.\n"
	"\n"
	"Exit: 0 all stored, 1 some input rejected, 2 usage, 3 failure.\n";

typedef struct ctx {
	int progress, quiet;
	struct timespec t0;
	size_t errors_shown;
} ctx;

static double elapsed(const ctx *c)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - c->t0.tv_sec) +
	       (double)(t.tv_nsec - c->t0.tv_nsec) / 1e9;
}

static void on_error(const vl_error *e, void *payload)
{
	ctx *c = payload;
	if (c->progress)
		fputs("\r\033[K", stderr);
	if (e->offset != (size_t)-1)
		fprintf(stderr, "veille: %s: byte %zu: %s (rejected)\n",
			e->where, e->offset, e->message);
	else
		fprintf(stderr, "veille: %s: %s (rejected)\n", e->where,
			e->message);
	c->errors_shown++;
}

static int on_progress(const vl_ingest_stats *st, void *payload)
{
	ctx *c = payload;
	double t = elapsed(c);
	if (!c->progress)
		return 0;
	fprintf(stderr,
		"\r\033[K%zu read, %zu added, %zu unchanged, %zu rejected,"
		" %.1f MB, %.0f articles/s",
		st->read, st->added, st->unchanged, st->rejected,
		(double)st->bytes / 1e6, t > 0 ? (double)st->read / t : 0.0);
	return 0;
}

static void print_json(const vl_ingest_stats *st, double secs)
{
	cJSON *o = cJSON_CreateObject();
	char *text;
	const struct {
		const char *k;
		double v;
	} f[] = { { "files", (double)st->files },
		  { "read", (double)st->read },
		  { "added", (double)st->added },
		  { "updated", (double)st->updated },
		  { "unchanged", (double)st->unchanged },
		  { "rejected", (double)st->rejected },
		  { "repaired", (double)st->repaired },
		  { "removed_lines", (double)st->removed_lines },
		  { "recleaned", (double)st->recleaned },
		  { "bytes", (double)st->bytes },
		  { "seconds", secs } };

	for (size_t i = 0; o && i < sizeof f / sizeof f[0]; i++)
		cJSON_AddNumberToObject(o, f[i].k, f[i].v);
	text = o ? cJSON_Print(o) : NULL;
	if (text)
		puts(text);
	cJSON_free(text);
	cJSON_Delete(o);
}

int cmd_ingest(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "source", required_argument, NULL, 's' },
		{ "repair", no_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "batch", required_argument, NULL, 'b' },
		{ "max-article-bytes", required_argument, NULL, 'A' },
		{ "max-line-bytes", required_argument, NULL, 'L' },
		{ "story-threshold", required_argument, NULL, 'T' },
		{ "story-window-hours", required_argument, NULL, 'W' },
		{ "aliases", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	vl_ingest_options io = VL_INGEST_OPTIONS_INIT;
	vl_engine_options eo = VL_ENGINE_OPTIONS_INIT;
	vl_ingest_stats st;
	const char *db = NULL;
	vl_engine *eng = NULL;
	int json = 0, c, rc = EXIT_OK, e;
	long long v;
	ctx cx;

	memset(&cx, 0, sizeof cx);
	memset(&st, 0, sizeof st);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:s:rjqh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': io.source = optarg; break;
		case 'r': io.repair = 1; break;
		case 'j': json = 1; break;
		case 'q': cx.quiet = 1; break;
		case 'b':
		case 'A':
		case 'L':
			v = cli_size(optarg);
			/* Offsets are stored in 32 bits and SQLite binds
			 * lengths as int: 2 GiB is the ceiling. */
			if (v <= 0 || v > INT_MAX) {
				cli_error(optarg,
					  "not a size between 1 and 2G-1");
				return EXIT_USAGE;
			}
			if (c == 'b')
				io.batch_size = (size_t)v;
			else if (c == 'A')
				io.max_article_bytes = (size_t)v;
			else
				io.max_line_bytes = (size_t)v;
			break;
		case 'T':
			if (cli_number(&eo.story_threshold, optarg, 1.0))
				return EXIT_USAGE;
			break;
		case 'W':
			if (cli_number(&eo.story_window_h, optarg, 0))
				return EXIT_USAGE;
			break;
		case 'a': eo.aliases_file = optarg; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs("veille ingest: no PATH given (use - for standard "
		      "input)\n",
		      stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open_with(&eng, db, &eo)))
		return rc;
	cx.progress = !cx.quiet && isatty(2);
	clock_gettime(CLOCK_MONOTONIC, &cx.t0);
	io.on_error = on_error;
	io.on_progress = on_progress;
	io.payload = &cx;
	for (int i = optind; i < argc; i++) {
		e = vl_engine_ingest(eng, argv[i], &io, &st);
		if (e) {
			if (cx.progress)
				fputs("\r\033[K", stderr);
			cli_error(argv[i], e == VL_EDB ? vl_engine_errmsg(eng)
						       : vl_strerror(e));
			rc = EXIT_FAILURE_;
			/* A missing path spoils nothing else: go on. */
			if (e != VL_ENOTFOUND && e != VL_EIO)
				break;
		}
	}
	if (cx.progress)
		fputs("\r\033[K", stderr);
	if (json)
		print_json(&st, elapsed(&cx));
	if (st.rejected && !cx.quiet)
		fprintf(stderr,
			"veille: %zu of %zu articles rejected; %zu stored\n",
			st.rejected, st.read, st.added + st.updated);
	vl_engine_free(eng);
	if (rc == EXIT_OK && st.rejected)
		rc = EXIT_PARTIAL;
	return rc;
}
