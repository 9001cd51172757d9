/*
 * cmd_read.c — the commands that read the store: ls, show, export, stats.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* Options shared by the reading commands. */
typedef struct read_opts {
	const char *db, *source, *lang;
	long long limit;
	int json, explain, sentences;
} read_opts;

/* Parse argv; returns -1 on success, else an exit code to return. */
static int parse(int argc, char **argv, const char *usage, read_opts *o,
		 const char *allowed)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "source", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "explain", no_argument, NULL, 'e' },
		{ "sentences", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, idx;

	memset(o, 0, sizeof *o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, &idx)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (c == '?' || (c != 'd' && !strchr(allowed, c))) {
			if (c != '?')
				fprintf(stderr,
					"veille %s: option --%s is not"
					" valid here\n",
					argv[0], opts[idx].name);
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
		switch (c) {
		case 'd': o->db = optarg; break;
		case 's': o->source = optarg; break;
		case 'l': o->lang = optarg; break;
		case 'n':
			o->limit = cli_size(optarg);
			if (o->limit < 0) {
				cli_error(optarg, "not a count");
				return EXIT_USAGE;
			}
			break;
		case 'j': o->json = 1; break;
		case 'e': o->explain = 1; break;
		case 'S': o->sentences = 1; break;
		default: break;
		}
	}
	return -1;
}

/* ---- ls ---- */

static const char ls_usage[] =
	"usage: veille ls [--db FILE] [--source NAME] [--lang CODE] [--limit "
	"N]\n"
	"                 [--json]\n"
	"\n"
	"List stored articles in ingest order, one per line: id, publication\n"
	"date, source, language, title. --json prints one JSON object per "
	"line\n"
	"(id, url, source, title, lead, published, lang, removed_lines,\n"
	"sentences).\n";

static void one_line(const char *s, int max)
{
	/* Print s up to the first line break, at most max bytes, without
	 * cutting a UTF-8 sequence. */
	int n = 0;
	while (s[n] && s[n] != '\n' && s[n] != '\t' && n < max)
		n++;
	while (n > 0 && s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	fwrite(s, 1, (size_t)n, stdout);
}

static int ls_cb(const vl_article *a, void *payload)
{
	const read_opts *o = payload;
	if (o->json) {
		char *j;
		if (vl_article_json(&j, a, VL_JSON_SUMMARY))
			return 1;
		puts(j);
		vl_free(j);
		return 0;
	}
	printf("%s\t%s\t%s\t%s\t", vl_article_id(a),
	       vl_article_published(a) ? vl_article_published(a) : "-",
	       vl_article_source(a), vl_article_lang(a));
	if (vl_article_title(a))
		one_line(vl_article_title(a), 200);
	else {
		fputs("(", stdout);
		one_line(vl_article_text(a), 70);
		fputs("…)", stdout);
	}
	putchar('\n');
	return 0;
}

/* ls and export: every article matching the filters, through cb. */
static int each_article(int argc, char **argv, const char *usage,
			const char *allowed,
			int (*cb)(const vl_article *, void *))
{
	read_opts o;
	vl_query q = VL_QUERY_INIT;
	vl_engine *eng;
	int rc = parse(argc, argv, usage, &o, allowed);

	if (rc >= 0)
		return rc;
	if (optind < argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	q.source = o.source;
	q.lang = o.lang;
	q.limit = (size_t)o.limit;
	rc = vl_engine_each_article(eng, &q, cb, &o);
	if (fflush(stdout) || rc) {
		cli_error(argv[0], rc == VL_EDB ? vl_engine_errmsg(eng)
				   : rc		? vl_strerror(rc)
						: "write error");
		rc = EXIT_FAILURE_;
	}
	vl_engine_free(eng);
	return rc;
}

int cmd_ls(int argc, char **argv)
{
	return each_article(argc, argv, ls_usage, "slnj", ls_cb);
}

/* ---- show ---- */

static const char show_usage[] =
	"usage: veille show [--db FILE] [--json] [--explain] [--sentences] ID\n"
	"\n"
	"Show one article: its metadata and clean text. --explain adds each\n"
	"removed line with its reason, the rule that fired and its byte\n"
	"offsets in the original text; --sentences adds the sentences with\n"
	"their offsets. --json prints a JSON object (id, url, source, title,\n"
	"lead, published, lang, text, removed, ...).\n"
	"\n"
	"Exit: 0 shown, 4 no such article.\n";

static void show_text(const vl_article *a, const read_opts *o)
{
	const char *orig = vl_article_original(a);
	printf("id:        %s\n", vl_article_id(a));
	printf("source:    %s\n", vl_article_source(a));
	if (vl_article_url(a))
		printf("url:       %s\n", vl_article_url(a));
	if (vl_article_title(a))
		printf("title:     %s\n", vl_article_title(a));
	if (vl_article_published(a))
		printf("published: %s\n", vl_article_published(a));
	printf("lang:      %s\n", vl_article_lang(a));
	printf("removed:   %zu lines\n", vl_article_removed_count(a));
	if (vl_article_lead(a))
		printf("\n%s\n", vl_article_lead(a));
	printf("\n%s\n", vl_article_text(a));
	if (o->explain && vl_article_removed_count(a)) {
		printf("\nremoved lines:\n");
		for (size_t i = 0; i < vl_article_removed_count(a); i++) {
			const vl_removed_line *r = vl_article_removed(a, i);
			printf("  [%s, %s] %zu-%zu: %.*s\n", r->reason, r->rule,
			       r->start, r->end, (int)(r->end - r->start),
			       orig + r->start);
		}
	}
	if (o->sentences) {
		printf("\nsentences:\n");
		for (size_t i = 0; i < vl_article_sentence_count(a); i++) {
			const vl_sentence *z = vl_article_sentence(a, i);
			printf("  %zu-%zu: %.*s\n", z->start, z->end,
			       (int)(z->end - z->start), orig + z->start);
		}
	}
}

int cmd_show(int argc, char **argv)
{
	read_opts o;
	vl_engine *eng;
	vl_article *a = NULL;
	int rc = parse(argc, argv, show_usage, &o, "jeS");

	if (rc >= 0)
		return rc;
	if (optind != argc - 1) {
		fputs(show_usage, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	rc = vl_engine_article(eng, argv[optind], &a);
	if (rc == VL_ENOTFOUND) {
		cli_error(argv[optind], "no such article");
		rc = EXIT_NOTFOUND;
	} else if (rc) {
		cli_error(argv[optind], rc == VL_EDB ? vl_engine_errmsg(eng)
						     : vl_strerror(rc));
		rc = EXIT_FAILURE_;
	} else if (o.json) {
		char *j;
		unsigned f = VL_JSON_PRETTY |
			     (o.explain ? VL_JSON_EXPLAIN : 0) |
			     (o.sentences ? VL_JSON_SENTENCES : 0);
		rc = vl_article_json(&j, a, f);
		if (!rc) {
			puts(j);
			vl_free(j);
		} else {
			cli_error("show", vl_strerror(rc));
			rc = EXIT_FAILURE_;
		}
	} else {
		show_text(a, &o);
	}
	vl_article_free(a);
	vl_engine_free(eng);
	return rc;
}

/* ---- export ---- */

static const char export_usage[] =
	"usage: veille export [--db FILE] [--source NAME] [--lang CODE]\n"
	"                     [--limit N]\n"
	"\n"
	"Write stored articles as JSON Lines on stdout, in ingest order: id,\n"
	"url, source, title, lead, published, lang, text (the original text,\n"
	"before cleaning) and the extra fields given at ingest. `veille\n"
	"ingest` reads the output back into the same articles.\n";

static int export_cb(const vl_article *a, void *payload)
{
	char *j;
	(void)payload;
	if (vl_article_json(&j, a, VL_JSON_EXPORT))
		return 1;
	puts(j);
	vl_free(j);
	return ferror(stdout) ? 1 : 0;
}

int cmd_export(int argc, char **argv)
{
	return each_article(argc, argv, export_usage, "sln", export_cb);
}

/* ---- stats ---- */

static const char stats_usage[] =
	"usage: veille stats [--db FILE] [--json]\n"
	"\n"
	"Summarise the store: articles, sources, languages, sentences, bytes\n"
	"before and after cleaning, removed lines by reason.\n";

static void counts(const char *title, const vl_count *v, size_t n)
{
	printf("%s:\n", title);
	for (size_t i = 0; i < n; i++)
		printf("  %-24s %lld\n", v[i].name, (long long)v[i].n);
}

int cmd_stats(int argc, char **argv)
{
	read_opts o;
	vl_engine *eng;
	vl_stats *st;
	int rc = parse(argc, argv, stats_usage, &o, "j");

	if (rc >= 0)
		return rc;
	if (optind < argc) {
		fputs(stats_usage, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	rc = vl_engine_stats(eng, &st);
	if (rc) {
		cli_error("stats", rc == VL_EDB ? vl_engine_errmsg(eng)
						: vl_strerror(rc));
		vl_engine_free(eng);
		return EXIT_FAILURE_;
	}
	if (o.json) {
		char *j;
		if (!vl_stats_json(&j, st)) {
			puts(j);
			vl_free(j);
		}
	} else {
		printf("articles:       %lld\n", (long long)st->articles);
		printf("sources:        %lld\n", (long long)st->sources);
		printf("sentences:      %lld\n", (long long)st->sentences);
		printf("removed lines:  %lld\n", (long long)st->removed_lines);
		printf("bytes:          %lld original, %lld clean\n",
		       (long long)st->bytes_original,
		       (long long)st->bytes_clean);
		if (st->first_published)
			printf("published:      %s .. %s\n",
			       st->first_published, st->last_published);
		counts("by source", st->by_source, st->n_by_source);
		counts("by language", st->by_lang, st->n_by_lang);
		counts("removed by reason", st->by_reason, st->n_by_reason);
	}
	vl_stats_free(st);
	vl_engine_free(eng);
	return EXIT_OK;
}
