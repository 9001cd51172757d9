/*
 * cmd_stories.c — the story commands: `veille stories` (the list),
 * `veille story` (one story's page), `veille why` (how an article found
 * its story) and `veille recluster` (every story built again).
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char stories_usage[] =
	"usage: veille stories [--db FILE] [--since DATE] [--min-articles N]\n"
	"                      [--limit N] [--json]\n"
	"\n"
	"List the stories, most recently active first, one per line: id,\n"
	"articles, sources, first..last publication time (- when unknown),\n"
	"label. --since DATE (ISO 8601) keeps the stories active at or after\n"
	"it; --min-articles N those with N articles or more. --json prints\n"
	"one JSON object per line (id, label, first_published,\n"
	"last_published, n_articles, representative, articles, sources,\n"
	"keywords).\n";

static const char story_usage[] =
	"usage: veille story [--db FILE] [--json] ID\n"
	"\n"
	"Show story ID: its label, publication span, sources, keywords, top\n"
	"entities (with their mentions in the story) and representative\n"
	"article, then its articles in publication order\n"
	"(id, published, source, title). --json prints the story as a JSON\n"
	"object.\n"
	"\n"
	"Exit: 0 shown, 4 no such story.\n";

static const char why_usage[] =
	"usage: veille why [--db FILE] [--json] ARTICLE_ID\n"
	"\n"
	"Say why an article is in its story: how it was decided (similar\n"
	"enough to the story, shared wire copy, or a new story), its score\n"
	"against the threshold, the terms and entities that matched with\n"
	"their share of the score, and the runner-up story. --json prints\n"
	"the decision as a JSON object (story, label, decided, score,\n"
	"threshold, candidates, matched, runner_up, reuse_stories, article).\n"
	"\n"
	"Exit: 0 shown, 4 no such article.\n";

static const char recluster_usage[] =
	"usage: veille recluster [--db FILE] [--threshold X]\n"
	"                        [--window-hours H]\n"
	"\n"
	"Build every story again from scratch: the stored articles are\n"
	"clustered in publication order (ingest order for equal or missing\n"
	"dates), in one transaction: interrupted, the old stories stay. The\n"
	"options ingest used are not stored; this is how to change them.\n"
	"\n"
	"  --threshold X      join a story at this score or more\n"
	"                     (0 < X <= 1; "
	"default " CLI_DEFAULT_THRESHOLD ")\n"
	"  --window-hours H   a story idle this long (publication time)\n"
	"                     takes no more articles "
	"(default " CLI_DEFAULT_WINDOW_H " h)\n";

/* What the story commands take; each allows some of it. */
typedef struct story_opts {
	const char *db, *since;
	long long min_articles, limit;
	int json;
	vl_engine_options eo;
} story_opts;

/* Parse argv; `allowed` holds the short codes of the options this
 * command takes beside --db and --help, n_args its positional
 * arguments. Returns -1 on success, else an exit code to return. */
static int parse(int argc, char **argv, const char *usage, const char *allowed,
		 int n_args, story_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "since", required_argument, NULL, 's' },
		{ "min-articles", required_argument, NULL, 'm' },
		{ "limit", required_argument, NULL, 'n' },
		{ "json", no_argument, NULL, 'j' },
		{ "threshold", required_argument, NULL, 't' },
		{ "window-hours", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	vl_engine_options init = VL_ENGINE_OPTIONS_INIT;
	long long v;
	int c, idx = 0;

	memset(o, 0, sizeof *o);
	o->eo = init;
	optind = 1;
	while ((c = getopt_long(argc, argv, "d:h", opts, &idx)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return EXIT_OK;
		}
		if (c != '?' && c != 'd' && !strchr(allowed, c))
			fprintf(stderr, "veille %s: no option --%s here\n",
				argv[0], opts[idx].name);
		if (c == '?' || (c != 'd' && !strchr(allowed, c)))
			goto bad;
		switch (c) {
		case 'd': o->db = optarg; break;
		case 's': o->since = optarg; break;
		case 'j': o->json = 1; break;
		case 'm':
		case 'n':
			if ((v = cli_size(optarg)) < 0) {
				cli_error(optarg, "not a count");
				return EXIT_USAGE;
			}
			*(c == 'm' ? &o->min_articles : &o->limit) = v;
			break;
		case 't':
			if (cli_number(&o->eo.story_threshold, optarg, 1.0))
				return EXIT_USAGE;
			break;
		case 'w':
			if (cli_number(&o->eo.story_window_h, optarg, 0))
				return EXIT_USAGE;
			break;
		default: break;
		}
	}
	if (argc - optind == n_args)
		return -1;
bad:
	fputs(usage, stderr);
	return EXIT_USAGE;
}

/* Report a library failure on stderr; returns the exit code. */
static int fail(vl_engine *eng, const char *what, int rc, const char *absent)
{
	if (rc == VL_ENOTFOUND && absent) {
		cli_error(what, absent);
		return EXIT_NOTFOUND;
	}
	cli_error(what, rc == VL_EDB ? vl_engine_errmsg(eng) : vl_strerror(rc));
	return EXIT_FAILURE_;
}

/* "first..last", or "-" when the story has no publication time. */
static void put_span(const vl_story *s, const char *sep)
{
	if (!s->first_published)
		fputs("-", stdout);
	else
		printf("%s%s%s", s->first_published, sep,
		       s->last_published ? s->last_published : "");
}

/* Print v[0..n) separated by ", ". */
static void put_list(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%s", i ? ", " : "", v[i]);
}

/* The story's label; when it has none, its first keywords in
 * parentheses, as `ls` shows an untitled article. */
static void put_label(const vl_story *s, size_t max)
{
	if (s->label && *s->label) {
		cli_put_flat(s->label, max);
		return;
	}
	putchar('(');
	put_list(s->keywords, s->n_keywords < 5 ? s->n_keywords : 5);
	putchar(')');
}

/* What the story callbacks share. */
typedef struct ctx {
	vl_engine *eng;
	int json;
	int rc; /* why a callback stopped */
} ctx;

/* The story as JSON on stdout, compact or indented; 1 to stop. */
static int put_json(ctx *c, const vl_story *s, unsigned flags)
{
	char *j;

	if ((c->rc = vl_story_json(&j, s, flags)))
		return 1;
	puts(j);
	vl_free(j);
	return 0;
}

/* ---- stories ---- */

static int list_cb(const vl_story *s, void *payload)
{
	ctx *c = payload;

	if (c->json)
		return put_json(c, s, 0);
	printf("%lld\t%zu\t%zu\t", (long long)s->id, s->n_articles,
	       s->n_sources);
	put_span(s, "..");
	putchar('\t');
	put_label(s, 200);
	putchar('\n');
	c->rc = ferror(stdout) ? VL_EIO : 0;
	return c->rc != 0;
}

/* The callbacks' failure in place of VL_ESTOPPED. */
static int stopped_rc(int rc, const ctx *c)
{
	return rc == VL_ESTOPPED && c->rc ? c->rc : rc;
}

int cmd_stories(int argc, char **argv)
{
	vl_story_query q = VL_STORY_QUERY_INIT;
	story_opts o;
	ctx c = { NULL, 0, 0 };
	int rc = parse(argc, argv, stories_usage, "smnj", 0, &o);

	if (rc >= 0)
		return rc;
	if ((rc = cli_open(&c.eng, o.db, 1)))
		return rc;
	c.json = o.json;
	q.since = o.since;
	q.min_articles = (size_t)o.min_articles;
	q.limit = (size_t)o.limit;
	rc = stopped_rc(vl_engine_each_story(c.eng, &q, list_cb, &c), &c);
	if (rc == VL_EINVAL) {
		cli_error(o.since, "not an ISO 8601 date");
		rc = EXIT_USAGE;
	} else if (fflush(stdout) || rc) {
		rc = fail(c.eng, "stories", rc ? rc : VL_EIO, NULL);
	}
	vl_engine_free(c.eng);
	return rc;
}

/* ---- story ---- */

/* One article of the story: id, published, source, title (or the start
 * of its text when it has none). */
static int put_article(vl_engine *eng, const char *id)
{
	vl_article *a = NULL;
	const char *t;
	int rc = vl_engine_article(eng, id, &a);

	if (rc)
		return rc;
	t = vl_article_title(a);
	printf("  %s\t%s\t%s\t", id,
	       vl_article_published(a) ? vl_article_published(a) : "-",
	       vl_article_source(a));
	cli_put_flat(t ? t : vl_article_text(a), t ? 200 : 70);
	putchar('\n');
	vl_article_free(a);
	return 0;
}

/* One entity of the story's line: "Name (mentions)". */
static int put_entity(const vl_entity *e, void *payload)
{
	int *first = payload;

	printf("%s%s (%lld)", *first ? "" : ", ", e->name,
	       (long long)e->n_mentions);
	*first = 0;
	return 0;
}

static int page_cb(const vl_story *s, void *payload)
{
	ctx *p = payload;
	vl_entity_query eq = VL_ENTITY_QUERY_INIT;
	int first = 1, rc;

	if (p->json)
		return put_json(p, s, VL_JSON_PRETTY);
	printf("story %lld: ", (long long)s->id);
	put_label(s, 400);
	printf("\npublished:      ");
	put_span(s, " .. ");
	printf("\nsources:        ");
	put_list(s->sources, s->n_sources);
	printf("\nkeywords:       ");
	put_list(s->keywords, s->n_keywords);
	printf("\nentities:       ");
	eq.story = s->id;
	eq.limit = 12;
	if ((rc = vl_engine_each_entity(p->eng, &eq, put_entity, &first))) {
		p->rc = rc;
		return 1;
	}
	printf("\nrepresentative: %s\n\n%zu article%s, in publication "
	       "order:\n",
	       s->representative ? s->representative : "-", s->n_articles,
	       s->n_articles == 1 ? "" : "s");
	for (size_t i = 0; i < s->n_articles && !p->rc; i++)
		p->rc = put_article(p->eng, s->articles[i]);
	return p->rc != 0;
}

/* A story id: a positive decimal number, else 0 (no story has it). */
static int64_t story_id(const char *s)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	return end != s && !*end && v > 0 ? (int64_t)v : 0;
}

int cmd_story(int argc, char **argv)
{
	story_opts o;
	ctx p = { NULL, 0, 0 };
	const char *id;
	int rc = parse(argc, argv, story_usage, "j", 1, &o);

	if (rc >= 0)
		return rc;
	id = argv[optind];
	if ((rc = cli_open(&p.eng, o.db, 1)))
		return rc;
	p.json = o.json;
	rc = stopped_rc(vl_engine_story(p.eng, story_id(id), page_cb, &p), &p);
	if (rc)
		rc = fail(p.eng, id, rc, "no such story (see veille stories)");
	vl_engine_free(p.eng);
	return rc;
}

/* ---- why ---- */

static double number(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? v->valuedouble : 0.0;
}

static const char *string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "story N "label"" for a story object (the decision or its runner-up);
 * id overrides the object's "story" when not 0. */
static void put_story(const cJSON *o, int64_t id)
{
	const char *label = string(o, "label");

	printf("story %lld",
	       (long long)(id ? id : (int64_t)number(o, "story")));
	if (label && *label) {
		fputs(" \"", stdout);
		cli_put_flat(label, 200);
		putchar('"');
	}
}

/* The decision in one sentence, by how it was made. */
static void put_decision(const cJSON *w, const char *how)
{
	double score = number(w, "score"), th = number(w, "threshold");
	size_t cand = (size_t)number(w, "candidates");

	if (!strcmp(how, "similar"))
		printf("decided:   similar: score %.3f, at or above the "
		       "threshold %.3f",
		       score, th);
	else if (!strcmp(how, "reuse"))
		printf("decided:   reuse: it shares wire copy with an article "
		       "of the story;\n           score %.3f, under the "
		       "threshold %.3f but at least half of it",
		       score, th);
	else if (cand)
		printf("decided:   new story: the closest story scored %.3f, "
		       "under the threshold %.3f",
		       score, th);
	else
		printf("decided:   new story: no live story shares its "
		       "heaviest terms");
	printf(" (%zu candidate stor%s)\n", cand, cand == 1 ? "y" : "ies");
}

/* The matched terms and entities, each with its share of the score. */
static void put_matched(const cJSON *w, int new_story)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(w, "matched"), *t;
	double score = number(w, "score");

	if (!cJSON_GetArraySize(m)) {
		printf("matched:   nothing\n");
		return;
	}
	printf("matched:   %s(share of the score, kind, as the article "
	       "writes it)\n",
	       new_story ? "with the closest story " : "");
	cJSON_ArrayForEach(t, m)
	{
		double part = number(t, "part");
		const char *kind = string(t, "kind"), *text = string(t, "text");

		printf("  %5.1f %%  %-6s  ", score > 0 ? 100 * part / score : 0,
		       kind ? kind : "?");
		cli_put_flat(text ? text : "", 200);
		putchar('\n');
	}
}

/* The decision w (vl_engine_why) for article id, now in story `now`,
 * which differs from the decision's story when that story has since
 * been merged into an older one. */
static void put_why(const cJSON *w, const char *id, int64_t now)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(w, "runner_up");
	const char *how = string(w, "decided");
	int64_t then = (int64_t)number(w, "story");
	int new_story;

	how = how ? how : "?";
	new_story = !strcmp(how, "new story");
	printf("article:   %s\nstory:     ", id);
	put_story(w, now);
	if (then != now)
		printf(" (it %s story %lld, since merged into this one)",
		       new_story ? "opened" : "joined", (long long)then);
	putchar('\n');
	put_decision(w, how);
	/* a new story's matches are those with the closest story */
	if (!new_story || cJSON_IsObject(r))
		put_matched(w, new_story);
	printf("runner-up: ");
	if (cJSON_IsObject(r)) {
		put_story(r, 0);
		printf(", score %.3f%s\n", number(r, "score"),
		       new_story ? " (the closest story)" : "");
	} else {
		printf("none\n");
	}
}

/* vl_engine_why says VL_ENOTFOUND for both. */
static const char no_story[] = "no such article, or it has no story "
			       "(veille recluster gives it one)";

int cmd_why(int argc, char **argv)
{
	story_opts o;
	vl_engine *eng;
	const char *id;
	char *text = NULL;
	int64_t now = 0;
	cJSON *w;
	int rc = parse(argc, argv, why_usage, "j", 1, &o);

	if (rc >= 0)
		return rc;
	id = argv[optind];
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	rc = vl_engine_why(eng, id, o.json ? VL_JSON_PRETTY : 0, &text);
	if (rc || (rc = vl_engine_story_of(eng, id, &now))) {
		rc = fail(eng, id, rc, no_story);
	} else if (o.json) {
		puts(text);
	} else if ((w = cJSON_Parse(text))) {
		put_why(w, id, now);
		cJSON_Delete(w);
	} else {
		rc = fail(eng, id, VL_ENOMEM, NULL);
	}
	vl_free(text);
	vl_engine_free(eng);
	return rc;
}

/* ---- recluster ---- */

static int on_progress(size_t done, size_t total, void *payload)
{
	(void)payload;
	fprintf(stderr, "\r\033[Krecluster: %zu of %zu articles", done, total);
	return 0;
}

int cmd_recluster(int argc, char **argv)
{
	story_opts o;
	vl_engine *eng;
	int tty = isatty(2), rc;

	if ((rc = parse(argc, argv, recluster_usage, "tw", 0, &o)) >= 0)
		return rc;
	if ((rc = cli_open_with(&eng, o.db, &o.eo)))
		return rc;
	rc = vl_engine_recluster(eng, tty ? on_progress : NULL, NULL);
	if (tty)
		fputs("\r\033[K", stderr);
	if (rc)
		rc = fail(eng, "recluster", rc, NULL);
	vl_engine_free(eng);
	return rc;
}
