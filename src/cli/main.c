/*
 * main.c — the veille command: dispatches to one sub-command per file.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
	"usage: veille [--version] [--help] COMMAND [ARGS]\n"
	"\n"
	"veille turns a flow of news articles into clean, stored text and\n"
	"gathers them into stories, with who and where.\n"
	"\n"
	"commands:\n"
	"  ingest     read articles (.txt, .jsonl, gzip, directories, -)\n"
	"  ls         list stored articles\n"
	"  show       show one article, its clean text and removed lines\n"
	"  export     write stored articles as JSON Lines (ingest reads "
	"them)\n"
	"  stats      summarise the store\n"
	"  dups       groups of articles that share text (copies, briefs)\n"
	"  reuse      an article's sentences: shared with others, or its own\n"
	"  compare    two articles side by side, shared passages aligned\n"
	"  stories    list the stories, most recently active first\n"
	"  story      one story: label, dates, sources and its articles\n"
	"  why        why an article is in its story\n"
	"  recluster  build every story again (with other story options)\n"
	"  entities   list the entities (persons, places, organisations)\n"
	"  entity     one entity: every way it was written, where it is\n"
	"  mentions   an article's mentions of entities\n"
	"  dates      an article's dates, resolved against its publication\n"
	"  quotes     quotations and their speakers\n"
	"  claims     a story's claims by subject, and who disputes them\n"
	"  timeline   a story's dated events, day by day\n"
	"  eval       quality figures on labelled data (reuse, stories,\n"
	"             similarity, ner, variants, dates, quotes)\n"
	"\n"
	"Every command takes --db FILE (default: $VEILLE_DB, else "
	"./veille.db)\n"
	"and --help. Exit codes: 0 ok, 1 some input rejected, 2 usage error,\n"
	"3 I/O or storage failure, 4 not found.\n";

const char *cli_db_path(const char *opt)
{
	const char *env = getenv("VEILLE_DB");
	if (opt)
		return opt;
	return env && *env ? env : "veille.db";
}

int cli_open(vl_engine **eng, const char *db_opt, int read_only)
{
	vl_engine_options o = VL_ENGINE_OPTIONS_INIT;

	o.read_only = read_only;
	return cli_open_with(eng, db_opt, &o);
}

int cli_open_with(vl_engine **eng, const char *db_opt,
		  const vl_engine_options *o)
{
	vl_error err;
	int rc;

	memset(&err, 0, sizeof err);
	rc = vl_engine_open(eng, cli_db_path(db_opt), o, &err);
	if (rc) {
		fprintf(stderr, "veille: %s: %s%s%s\n", cli_db_path(db_opt),
			vl_strerror(rc), err.message[0] ? ": " : "",
			err.message);
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

void cli_put_flat(const char *s, size_t max)
{
	size_t len = strlen(s), n = len;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		putchar(strchr("\t\n\r", s[i]) ? ' ' : s[i]);
	if (n < len)
		fputs("…", stdout);
}

void cli_error(const char *what, const char *msg)
{
	fprintf(stderr, "veille: %s: %s\n", what, msg);
}

int cli_wants_help(int argc, char **argv, const char *text)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(text, stdout);
			return 1;
		}
	}
	return 0;
}

long long cli_size(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	int shift = 0;

	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case 'k':
	case 'K':
		shift = 10;
		end++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		end++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		end++;
		break;
	default: break;
	}
	if (*end || v > (LLONG_MAX >> shift))
		return -1;
	return v << shift;
}

int cli_number(double *out, const char *s, double max)
{
	char *end;
	double v = strtod(s, &end);

	if (end != s && !*end && isfinite(v) && v > 0 && (!max || v <= max)) {
		*out = v;
		return EXIT_OK;
	}
	if (max)
		fprintf(stderr, "veille: %s: not a number in (0, %g]\n", s,
			max);
	else
		cli_error(s, "not a positive number");
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "ingest", cmd_ingest },	{ "ls", cmd_ls },
		{ "show", cmd_show },		{ "export", cmd_export },
		{ "stats", cmd_stats },		{ "dups", cmd_dups },
		{ "eval", cmd_eval },		{ "reuse", cmd_reuse },
		{ "compare", cmd_compare },	{ "stories", cmd_stories },
		{ "story", cmd_story },		{ "why", cmd_why },
		{ "recluster", cmd_recluster }, { "entities", cmd_entities },
		{ "entity", cmd_entity },	{ "mentions", cmd_mentions },
		{ "dates", cmd_dates },		{ "quotes", cmd_quotes },
		{ "claims", cmd_claims },	{ "timeline", cmd_timeline }
	};

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("veille %s\n", VL_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help")) {
		if (argc > 2) {
			char *h[] = { argv[2], "--help", NULL };
			for (size_t i = 0; i < sizeof cmds / sizeof cmds[0];
			     i++)
				if (!strcmp(argv[2], cmds[i].name))
					return cmds[i].fn(2, h);
		}
		fputs(usage, stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "veille: unknown command '%s' (see veille --help)\n",
		argv[1]);
	return EXIT_USAGE;
}
