/*
 * cmd_extract.c — when and who said what: `veille dates ARTICLE`,
 * `veille quotes`, `veille claims STORY`, `veille timeline STORY`. Each
 * reads the library's JSON and prints it, or lines made from it.
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char dates_usage[] =
	"usage: veille dates [--db FILE] [--json] ARTICLE_ID\n"
	"\n"
	"The article's dates: its publication date (given, or read from its\n"
	"text and said so), then each temporal expression, one a line:\n"
	"start-end (byte offsets into the clean text), the date it resolves\n"
	"to (ISO 8601: day, week, month, year or interval), granularity,\n"
	"flags (relative, future, approx, duration), the text; dates in lines\n"
	"that cleaning removed (a photo caption) follow, their offsets into\n"
	"the original text. When the publication date is missing or only a\n"
	"month, relative dates are read against the day the text or the\n"
	"story gives, and the first line says so. --json prints the object\n"
	"of vl_engine_dates_json (article, published, published_inferred,\n"
	"inferred_from, dates: text, start, end, value, first, last,\n"
	"granularity, part, relative, future, approx, duration, in,\n"
	"removed_line).\n"
	"\n"
	"Exit: 0 shown, 4 no such article.\n";

static const char quotes_usage[] =
	"usage: veille quotes [--db FILE] [--story ID] [--article ID]\n"
	"                     [--speaker NAME] [--limit N] [--json]\n"
	"\n"
	"Quotations, articles in publication order, one a line: article,\n"
	"speaker (- when none was found), kind (direct, partial, reported),\n"
	"the quoted words. --story, --article and --speaker (any written\n"
	"name of the speaker, as `veille entity` takes it) filter them.\n"
	"--json prints an array of objects (article, source, published,\n"
	"start, end, text, kind, speaker, speaker_entity, carried).\n"
	"\n"
	"Exit: 0 shown, 4 no such article.\n";

static const char claims_usage[] =
	"usage: veille claims [--db FILE] [--json] STORY_ID\n"
	"\n"
	"The story's claims grouped by subject (a class of event and the\n"
	"place or thing it is about), disputed subjects first: for each,\n"
	"who asserts, denies or doubts what, and which claim disputes which\n"
	"(a denial, a doubt, or conflicting figures from another source).\n"
	"--json prints the object of vl_engine_claims_json.\n"
	"\n"
	"Exit: 0 shown, 4 no such story.\n";

static const char timeline_usage[] =
	"usage: veille timeline [--db FILE] [--json] STORY_ID\n"
	"\n"
	"The story's dated events day by day: each sentence of its articles\n"
	"that dates something to a day, with its source and the claims made\n"
	"in it. --json prints the object of vl_engine_timeline_json (story,\n"
	"days: date, events: article, source, expression, text, start, end,\n"
	"claims).\n"
	"\n"
	"Exit: 0 shown, 4 no such story.\n";

typedef struct x_opts {
	const char *db, *article, *speaker;
	long long story, limit;
	int json;
} x_opts;

static int parse(int argc, char **argv, const char *usage, int filters,
		 int n_args, x_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "story", required_argument, NULL, 's' },
		{ "article", required_argument, NULL, 'a' },
		{ "speaker", required_argument, NULL, 'p' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, idx = 0;

	memset(o, 0, sizeof *o);
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, &idx)) != -1) {
		switch (c) {
		case 'h': fputs(usage, stdout); return EXIT_OK;
		case 'd': o->db = optarg; break;
		case 'j': o->json = 1; break;
		case 's':
		case 'a':
		case 'p':
		case 'n':
			if (!filters) {
				fprintf(stderr,
					"veille %s: no option --%s here\n",
					argv[0], opts[idx].name);
				goto bad;
			}
			if (c == 'a') {
				o->article = optarg;
			} else if (c == 'p') {
				o->speaker = optarg;
			} else if ((*(c == 's' ? &o->story : &o->limit) =
					    cli_size(optarg)) <= 0) {
				cli_error(optarg, "not a positive number");
				return EXIT_USAGE;
			}
			break;
		default: goto bad;
		}
	}
	if (argc - optind == n_args)
		return -1;
bad:
	fputs(usage, stderr);
	return EXIT_USAGE;
}

/* A story id argument: a positive number, else 0. */
static int64_t story_arg(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	return end != s && !*end && v > 0 ? (int64_t)v : 0;
}

static const char *str(const cJSON *o, const char *key)
{
	const char *s = cJSON_GetStringValue(cJSON_GetObjectItem(o, key));
	return s ? s : "";
}

static long long num(const cJSON *o, const char *key)
{
	return (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(o, key));
}

/* Run `get`, then print its JSON (json) or call `lines` on it. */
static int show(vl_engine *eng, const char *what, int rc, char *s, int json,
		void (*lines)(const cJSON *o), const char *absent)
{
	cJSON *o = NULL;

	if (rc == VL_ENOTFOUND) {
		vl_free(s);
		cli_error(what, absent);
		return EXIT_NOTFOUND;
	}
	if (rc || !(o = cJSON_Parse(s))) {
		vl_free(s);
		cli_error(what, rc == VL_EDB
					? vl_engine_errmsg(eng)
					: vl_strerror(rc ? rc : VL_ENOMEM));
		return EXIT_FAILURE_;
	}
	vl_free(s);
	if (json) {
		cli_print_json(o);
	} else {
		lines(o);
		cJSON_Delete(o);
	}
	return fflush(stdout) ? EXIT_FAILURE_ : EXIT_OK;
}

static void date_lines(const cJSON *o)
{
	const cJSON *d;
	const char *inf = str(o, "published_inferred");

	if (*str(o, "published"))
		printf("published: %s", str(o, "published"));
	else
		fputs("published: unknown", stdout);
	if (*inf)
		printf("; dates read against %s (inferred from the %s)", inf,
		       str(o, "inferred_from"));
	putchar('\n');
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(o, "dates"))
	{
		printf("%lld-%lld\t%s\t%s", num(d, "start"), num(d, "end"),
		       str(d, "value"), str(d, "granularity"));
		if (*str(d, "part"))
			printf(" (%s)", str(d, "part"));
		putchar('\t');
		if (cJSON_IsTrue(cJSON_GetObjectItem(d, "relative")))
			fputs("relative ", stdout);
		if (cJSON_IsTrue(cJSON_GetObjectItem(d, "future")))
			fputs("future ", stdout);
		if (cJSON_IsTrue(cJSON_GetObjectItem(d, "approx")))
			fputs("approx ", stdout);
		if (cJSON_IsTrue(cJSON_GetObjectItem(d, "duration")))
			fputs("duration ", stdout);
		putchar('\t');
		cli_put_flat(str(d, "text"), 200);
		if (*str(d, "removed_line"))
			printf("\t(in a removed line: %s)",
			       str(d, "removed_line"));
		putchar('\n');
	}
}

int cmd_dates(int argc, char **argv)
{
	vl_engine *eng = NULL;
	char *s = NULL;
	x_opts o;
	int rc = parse(argc, argv, dates_usage, 0, 1, &o);

	if (rc >= 0)
		return rc;
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	rc = vl_engine_dates_json(eng, argv[optind], VL_JSON_PRETTY, &s);
	rc = show(eng, argv[optind], rc, s, o.json, date_lines,
		  "no such article");
	vl_engine_free(eng);
	return rc;
}

static void quote_lines(const cJSON *o)
{
	const cJSON *q;
	cJSON_ArrayForEach(q, o)
	{
		printf("%s\t%s\t%s\t", str(q, "article"),
		       *str(q, "speaker") ? str(q, "speaker") : "-",
		       str(q, "kind"));
		cli_put_flat(str(q, "text"), 300);
		putchar('\n');
	}
}

int cmd_quotes(int argc, char **argv)
{
	vl_quote_query q = VL_QUOTE_QUERY_INIT;
	vl_engine *eng = NULL;
	char *s = NULL;
	x_opts o;
	int rc = parse(argc, argv, quotes_usage, 1, 0, &o);

	if (rc >= 0)
		return rc;
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	q.story = o.story;
	q.article = o.article;
	q.speaker = o.speaker;
	q.limit = (size_t)o.limit;
	rc = vl_engine_quotes_json(eng, &q, VL_JSON_PRETTY, &s);
	rc = show(eng, o.article ? o.article : "quotes", rc, s, o.json,
		  quote_lines, "no such article");
	vl_engine_free(eng);
	return rc;
}

static void claim_lines(const cJSON *o)
{
	const cJSON *g, *c, *d;
	cJSON_ArrayForEach(g, cJSON_GetObjectItem(o, "subjects"))
	{
		const cJSON *cl = cJSON_GetObjectItem(g, "claims");
		printf("%s%s%s%s\n", str(g, "event"),
		       *str(g, "subject") ? " — " : "", str(g, "subject"),
		       cJSON_IsTrue(cJSON_GetObjectItem(g, "disputed"))
			       ? ": DISPUTED"
			       : "");
		cJSON_ArrayForEach(c, cl)
		{
			printf("  %-8s %s (%s, %s): ", str(c, "polarity"),
			       str(c, "source"), str(c, "article"),
			       *str(c, "published") ? str(c, "published")
						    : "-");
			cli_put_flat(str(c, "text"), 240);
			putchar('\n');
		}
		cJSON_ArrayForEach(d, cJSON_GetObjectItem(g, "disputes"))
		{
			const cJSON *a =
				cJSON_GetArrayItem(cl, (int)num(d, "claim"));
			const cJSON *b =
				cJSON_GetArrayItem(cl, (int)num(d, "by"));
			printf("  dispute (%s): %s %s what %s asserts\n",
			       str(d, "why"), str(b, "source"),
			       !strcmp(str(d, "why"), "figures")
				       ? "gives other figures than"
			       : !strcmp(str(d, "why"), "doubt")
				       ? "does not confirm"
				       : "denies",
			       str(a, "source"));
		}
	}
	printf("(%lld other claims about no known class of event)\n",
	       num(o, "other_claims"));
}

static int found_story(const vl_story *s, void *payload)
{
	(void)s;
	*(int *)payload = 1;
	return 0;
}

static int story_cmd(int argc, char **argv, const char *usage,
		     int (*get)(vl_engine *, int64_t, unsigned, char **),
		     void (*lines)(const cJSON *))
{
	vl_engine *eng = NULL;
	char *s = NULL;
	int64_t story;
	int found = 0;
	x_opts o;
	int rc = parse(argc, argv, usage, 0, 1, &o);

	if (rc >= 0)
		return rc;
	if (!(story = story_arg(argv[optind]))) {
		cli_error(argv[optind], "not a story id");
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	/* an unknown story is "not found", not an empty answer */
	rc = vl_engine_story(eng, story, found_story, &found);
	if (!rc && !found)
		rc = VL_ENOTFOUND;
	if (!rc)
		rc = get(eng, story, VL_JSON_PRETTY, &s);
	rc = show(eng, argv[optind], rc, s, o.json, lines,
		  "no such story (see veille stories)");
	vl_engine_free(eng);
	return rc;
}

int cmd_claims(int argc, char **argv)
{
	return story_cmd(argc, argv, claims_usage, vl_engine_claims_json,
			 claim_lines);
}

static void timeline_lines(const cJSON *o)
{
	const cJSON *d, *e, *c;
	cJSON_ArrayForEach(d, cJSON_GetObjectItem(o, "days"))
	{
		printf("%s\n", str(d, "date"));
		cJSON_ArrayForEach(e, cJSON_GetObjectItem(d, "events"))
		{
			printf("  %s [%s] «%s»: ", str(e, "source"),
			       str(e, "article"), str(e, "expression"));
			cli_put_flat(str(e, "text"), 240);
			putchar('\n');
			cJSON_ArrayForEach(c, cJSON_GetObjectItem(e, "claims"))
			{
				printf("    claim: %s %s (%s)\n",
				       str(c, "source"), str(c, "polarity"),
				       *str(c, "event") ? str(c, "event")
							: "-");
			}
		}
	}
}

int cmd_timeline(int argc, char **argv)
{
	return story_cmd(argc, argv, timeline_usage, vl_engine_timeline_json,
			 timeline_lines);
}
