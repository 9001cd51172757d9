/*
 * cmd_eval.c — `veille eval`: quality figures on labelled data sets.
 *
 *   veille eval reuse [GROUPS]   near-duplicate detection on groups of
 *                                articles (OrangeSum duplicate-groups.txt)
 *   veille eval stories, eval similarity: the story stage
 *                                (cmd_eval_stories.c)
 */
#include <cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char eval_usage[] =
	"usage: veille eval "
	"reuse|stories|similarity|ner|variants|dates|quotes\n"
	"                   [ARGS]\n"
	"\n"
	"  reuse       near-duplicate recall and precision on groups of "
	"articles\n"
	"  stories     B-cubed precision, recall and F1 of the stories on\n"
	"              labelled data sets\n"
	"  similarity  correlation of the story similarity with human "
	"judgements\n"
	"  ner         strict entity-level precision, recall and F1 of the\n"
	"              entity tagger on annotated files\n"
	"  variants    how often the written variants of a city's name meet\n"
	"              in one entity, and how often two cities are merged\n"
	"  dates       accuracy of the date resolver on test cases (and\n"
	"              chrono-node's, where installed)\n"
	"  quotes      precision, recall and speaker accuracy of quotations\n"
	"              on an annotated set\n"
	"\n"
	"veille eval COMMAND --help tells more.\n";

static const char usage[] =
	"usage: veille eval reuse [--db FILE] [--articles PATH] [--prefix P]\n"
	"                         [--json] [--verbose] [GROUPS]\n"
	"\n"
	"Score near-duplicate detection on groups of articles. GROUPS has one\n"
	"group per line, file names separated by commas "
	"(1447.json,1491.json);\n"
	"a name becomes the article id PREFIX + name without .json (default\n"
	"prefix orangesum-). Defaults: GROUPS\n"
	"../shared/data/orangesum/duplicate-groups.txt, articles\n"
	"../shared/data/orangesum/articles.jsonl.gz, ingested into a "
	"temporary\n"
	"store unless --db names a store that holds them.\n"
	"\n"
	"Every pair inside a group is classed by its exact word 5-shingle\n"
	"Jaccard J and containment C: identical texts, J >= 0.5, J < 0.5 with\n"
	"C >= 0.8 (a brief inside a longer text), and J < 0.5 with C < 0.5\n"
	"(different articles under a shared heading: reporting them is an\n"
	"error). Prints recall per class, the share of the last class\n"
	"reported, reported pairs below their threshold, and the error of\n"
	"the MinHash estimate against the exact Jaccard. --verbose lists the\n"
	"pairs missed and the pairs wrongly reported on stderr.\n";

#define DEFAULT_GROUPS "../shared/data/orangesum/duplicate-groups.txt"
#define DEFAULT_ARTICLES "../shared/data/orangesum/articles.jsonl.gz"

enum { C_IDENT, C_NEAR, C_BRIEF, C_DIFF, C_OTHER, N_CLASS };
static const char *const class_name[N_CLASS] = {
	"identical texts", "J >= 0.5", "J < 0.5, C >= 0.8",
	"J < 0.5, C < 0.5 (not duplicates)", "J < 0.5, 0.5 <= C < 0.8"
};

/*
 * What veille reported. An exact copy is linked to the oldest copy only
 * (ten thousand copies would otherwise make fifty million pairs), and
 * identity is exact: copies are merged into classes here, and a pair is
 * reported when both articles are in one class or a verified pair joins
 * their classes.
 */
typedef struct reported {
	char **ids; /* every id named by a pair, sorted, distinct */
	size_t n_ids;
	size_t *parent; /* identity classes over ids */
	char **links;	/* "rootA\trootB" of the other pairs, sorted */
	size_t n_links;
	vl_dup_pair *pairs; /* gathered first (ids copied) */
	size_t n_pairs, cap;
} reported;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *pair_key(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	char *k = malloc(na + nb + 2);
	if (!k)
		return NULL;
	if (strcmp(a, b) > 0) {
		const char *t = a;
		size_t tn = na;
		a = b, na = nb, b = t, nb = tn;
	}
	memcpy(k, a, na);
	k[na] = '\t';
	memcpy(k + na + 1, b, nb + 1);
	return k;
}

static int add_reported(const char *const *ids, size_t n_ids,
			const vl_dup_pair *p, size_t n_pairs, void *payload)
{
	reported *r = payload;
	(void)ids, (void)n_ids;
	for (size_t i = 0; i < n_pairs; i++) {
		if (r->n_pairs == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : 1024;
			vl_dup_pair *v = realloc(r->pairs, cap * sizeof *v);
			if (!v)
				return 1;
			r->pairs = v;
			r->cap = cap;
		}
		r->pairs[r->n_pairs] = p[i];
		r->pairs[r->n_pairs].a = strdup(p[i].a);
		r->pairs[r->n_pairs].b = strdup(p[i].b);
		r->n_pairs++;
	}
	return 0;
}

static size_t id_index(const reported *r, const char *id)
{
	char **hit = bsearch(&id, r->ids, r->n_ids, sizeof *r->ids, cmp_str);
	return hit ? (size_t)(hit - r->ids) : (size_t)-1;
}

static size_t root(const reported *r, size_t x)
{
	while (r->parent[x] != x)
		x = r->parent[x];
	return x;
}

/* Build the identity classes and the links between them. */
static int index_reported(reported *r)
{
	size_t n = 0;

	r->ids = malloc((2 * r->n_pairs + 1) * sizeof *r->ids);
	r->parent = malloc((2 * r->n_pairs + 1) * sizeof *r->parent);
	r->links = malloc((r->n_pairs + 1) * sizeof *r->links);
	if (!r->ids || !r->parent || !r->links)
		return -1;
	for (size_t i = 0; i < r->n_pairs; i++) {
		r->ids[n++] = (char *)r->pairs[i].a;
		r->ids[n++] = (char *)r->pairs[i].b;
	}
	qsort(r->ids, n, sizeof *r->ids, cmp_str);
	for (size_t i = 0; i < n; i++)
		if (!r->n_ids || strcmp(r->ids[r->n_ids - 1], r->ids[i]) != 0)
			r->ids[r->n_ids++] = r->ids[i];
	for (size_t i = 0; i < r->n_ids; i++)
		r->parent[i] = i;
	for (size_t i = 0; i < r->n_pairs; i++) {
		size_t x, y;
		if (strcmp(r->pairs[i].kind, "identical") != 0)
			continue;
		x = root(r, id_index(r, r->pairs[i].a));
		y = root(r, id_index(r, r->pairs[i].b));
		if (x != y)
			r->parent[x > y ? x : y] = x < y ? x : y;
	}
	for (size_t i = 0; i < r->n_pairs; i++) {
		if (!strcmp(r->pairs[i].kind, "identical"))
			continue;
		r->links[r->n_links] =
			pair_key(r->ids[root(r, id_index(r, r->pairs[i].a))],
				 r->ids[root(r, id_index(r, r->pairs[i].b))]);
		if (!r->links[r->n_links++])
			return -1;
	}
	qsort(r->links, r->n_links, sizeof *r->links, cmp_str);
	return 0;
}

static int is_reported(const reported *r, const char *a, const char *b)
{
	size_t x = id_index(r, a), y = id_index(r, b);
	char *k;
	int hit;

	if (x == (size_t)-1 || y == (size_t)-1)
		return 0;
	x = root(r, x);
	y = root(r, y);
	if (x == y)
		return 1;
	k = pair_key(r->ids[x], r->ids[y]);
	hit = k && bsearch(&k, r->links, r->n_links, sizeof *r->links, cmp_str);
	free(k);
	return hit;
}

static void reported_free(reported *r)
{
	for (size_t i = 0; i < r->n_pairs; i++) {
		free((char *)r->pairs[i].a);
		free((char *)r->pairs[i].b);
	}
	for (size_t i = 0; i < r->n_links; i++)
		free(r->links[i]);
	free(r->pairs);
	free(r->ids);
	free(r->parent);
	free(r->links);
}

void cli_print_json(struct cJSON *o)
{
	char *t = cJSON_Print(o);

	if (t)
		puts(t);
	cJSON_free(t);
	cJSON_Delete(o);
}

int cli_temp_store(char path[32])
{
	int fd;

	snprintf(path, 32, "/tmp/veille-eval-XXXXXX");
	if ((fd = mkstemp(path)) < 0) {
		cli_error(path, "cannot create a temporary store");
		*path = '\0';
		return EXIT_FAILURE_;
	}
	close(fd);
	return EXIT_OK;
}

void cli_temp_store_remove(const char *path)
{
	char side[64];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

/* Ingest the articles into the store unless it holds them already. */
static int ensure_articles(vl_engine *eng, const char *articles,
			   const char *probe_id)
{
	vl_article *a = NULL;
	vl_ingest_stats st;
	int rc;

	if (*probe_id && vl_engine_article(eng, probe_id, &a) == 0) {
		vl_article_free(a);
		return 0;
	}
	if (!articles || access(articles, R_OK) != 0) {
		fprintf(stderr,
			"veille eval reuse: %s not found: cannot score"
			" (pass --articles or --db)\n",
			articles);
		return EXIT_FAILURE_;
	}
	fprintf(stderr, "veille eval reuse: ingesting %s ...\n", articles);
	memset(&st, 0, sizeof st);
	rc = vl_engine_ingest(eng, articles, NULL, &st);
	if (rc) {
		cli_error(articles, rc == VL_EDB ? vl_engine_errmsg(eng)
						 : vl_strerror(rc));
		return EXIT_FAILURE_;
	}
	return 0;
}

typedef struct score {
	int verbose; /* print the pairs missed and the ones wrongly reported */
	size_t pairs[N_CLASS], hits[N_CLASS], missing, below;
	double err_sum, err_max;
	size_t err_n;
} score;

static void score_pair(vl_engine *eng, const reported *rep, const char *x,
		       const char *y, score *s)
{
	vl_article *a = NULL, *b = NULL;
	double j = 0, ca = 0, cb = 0, est = 0, c;
	int k, hit;

	if (vl_engine_article(eng, x, &a) || vl_engine_article(eng, y, &b)) {
		s->missing++;
		goto done;
	}
	const char *ta = vl_article_text(a), *tb = vl_article_text(b);
	if (vl_text_similarity(ta, strlen(ta), tb, strlen(tb), &j, &ca, &cb,
			       &est)) {
		s->missing++;
		goto done;
	}
	c = ca > cb ? ca : cb;
	k = !strcmp(ta, tb) ? C_IDENT
	    : j >= 0.5	    ? C_NEAR
	    : c >= 0.8	    ? C_BRIEF
	    : c < 0.5	    ? C_DIFF
			    : C_OTHER;
	hit = is_reported(rep, x, y);
	s->pairs[k]++;
	s->hits[k] += (size_t)hit;
	if (s->verbose && ((k <= C_BRIEF && !hit) || (k == C_DIFF && hit)))
		fprintf(stderr, "%s\t%s\t%s\tJ=%.3f\tC=%.3f\test=%.3f\n",
			hit ? "wrongly reported" : "missed", x, y, j, c, est);
	if (hit && j < VL_DUP_JACCARD - 0.05 && c < VL_DUP_CONTAINMENT - 0.05)
		s->below++;
	s->err_sum += fabs(est - j);
	if (fabs(est - j) > s->err_max)
		s->err_max = fabs(est - j);
	s->err_n++;
done:
	vl_article_free(a);
	vl_article_free(b);
}

static void print_score(const score *s, const char *groups, size_t n_groups,
			int json)
{
	if (json) {
		cJSON *o = cJSON_CreateObject(), *cl = cJSON_CreateArray();
		cJSON_AddStringToObject(o, "groups_file", groups);
		cJSON_AddNumberToObject(o, "groups", (double)n_groups);
		for (int k = 0; k < N_CLASS; k++) {
			cJSON *c = cJSON_CreateObject();
			cJSON_AddStringToObject(c, "class", class_name[k]);
			cJSON_AddNumberToObject(c, "pairs",
						(double)s->pairs[k]);
			cJSON_AddNumberToObject(c, "reported",
						(double)s->hits[k]);
			cJSON_AddNumberToObject(
				c, "rate",
				s->pairs[k] ? (double)s->hits[k] /
						      (double)s->pairs[k]
					    : 0.0);
			cJSON_AddItemToArray(cl, c);
		}
		cJSON_AddItemToObject(o, "classes", cl);
		cJSON_AddNumberToObject(o, "reported_below_threshold",
					(double)s->below);
		cJSON_AddNumberToObject(o, "missing_articles",
					(double)s->missing);
		cJSON_AddNumberToObject(o, "estimate_mean_abs_error",
					s->err_n ? s->err_sum / (double)s->err_n
						 : 0);
		cJSON_AddNumberToObject(o, "estimate_max_abs_error",
					s->err_max);
		cli_print_json(o);
		return;
	}
	printf("reuse: %s: %zu groups\n", groups, n_groups);
	printf("%-36s %7s %9s %8s\n", "class (exact word 5-shingles)", "pairs",
	       "reported", "rate");
	for (int k = 0; k < N_CLASS; k++)
		printf("%-36s %7zu %9zu %8.3f\n", class_name[k], s->pairs[k],
		       s->hits[k],
		       s->pairs[k] ? (double)s->hits[k] / (double)s->pairs[k]
				   : 0.0);
	printf("recall: identical %.3f, J >= 0.5 %.3f, contained briefs %.3f;"
	       " not-duplicates reported %.2f %%\n",
	       s->pairs[C_IDENT]
		       ? (double)s->hits[C_IDENT] / (double)s->pairs[C_IDENT]
		       : 0,
	       s->pairs[C_NEAR]
		       ? (double)s->hits[C_NEAR] / (double)s->pairs[C_NEAR]
		       : 0,
	       s->pairs[C_BRIEF]
		       ? (double)s->hits[C_BRIEF] / (double)s->pairs[C_BRIEF]
		       : 0,
	       s->pairs[C_DIFF] ? 100.0 * (double)s->hits[C_DIFF] /
					  (double)s->pairs[C_DIFF]
				: 0);
	printf("reported pairs more than 0.05 below their threshold: %zu\n",
	       s->below);
	printf("MinHash estimate vs exact Jaccard: mean abs error %.4f, max "
	       "%.4f"
	       " (%zu pairs)\n",
	       s->err_n ? s->err_sum / (double)s->err_n : 0.0, s->err_max,
	       s->err_n);
	if (s->missing)
		printf("pairs with an article missing from the store: %zu\n",
		       s->missing);
}

static int eval_reuse(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "articles", required_argument, NULL, 'a' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL, *articles = DEFAULT_ARTICLES,
		   *prefix = "orangesum-", *groups = DEFAULT_GROUPS;
	char tmp[32] = "", line[65536], probe[256] = "";
	reported rep;
	vl_engine *eng = NULL;
	score s;
	size_t n_groups = 0;
	int o, json = 0, verbose = 0, rc = EXIT_OK;
	FILE *f;

	memset(&rep, 0, sizeof rep);
	optind = 1;
	while ((o = getopt_long(argc, argv, "d:a:p:jvh", opts, NULL)) != -1) {
		switch (o) {
		case 'v': verbose = 1; break;
		case 'd': db = optarg; break;
		case 'a': articles = optarg; break;
		case 'p': prefix = optarg; break;
		case 'j': json = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc)
		groups = argv[optind++];
	if (optind < argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!(f = fopen(groups, "r"))) {
		fprintf(stderr,
			"veille eval reuse: %s not found: nothing to"
			" score (pass a GROUPS file)\n",
			groups);
		return EXIT_FAILURE_;
	}
	if (!db) {
		if (cli_temp_store(tmp)) {
			fclose(f);
			return EXIT_FAILURE_;
		}
		db = tmp;
	}
	if ((rc = cli_open(&eng, db, 0)))
		goto done;
	/* The first article of the first group tells whether to ingest. */
	if (fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, ",\r\n");
		if (n > 5 && !strncmp(line + n - 5, ".json", 5))
			n -= 5;
		snprintf(probe, sizeof probe, "%s%.*s", prefix, (int)n, line);
	}
	rewind(f);
	if ((rc = ensure_articles(eng, articles, probe)))
		goto done;
	if (vl_engine_each_dup_group(eng, add_reported, &rep) ||
	    index_reported(&rep)) {
		rc = EXIT_FAILURE_;
		goto done;
	}
	memset(&s, 0, sizeof s);
	s.verbose = verbose;
	while (fgets(line, sizeof line, f)) {
		char *ids[512], *tok, *save = NULL;
		size_t n = 0;
		for (tok = strtok_r(line, ",\r\n", &save); tok && n < 512;
		     tok = strtok_r(NULL, ",\r\n", &save)) {
			size_t len = strlen(tok);
			if (len > 5 && !strcmp(tok + len - 5, ".json"))
				tok[len - 5] = '\0';
			{
				size_t need = strlen(prefix) + strlen(tok) + 1;
				if (!(ids[n] = malloc(need)))
					break;
				snprintf(ids[n], need, "%s%s", prefix, tok);
			}
			n++;
		}
		if (n)
			n_groups++;
		for (size_t i = 0; i < n; i++)
			for (size_t k = i + 1; k < n; k++)
				score_pair(eng, &rep, ids[i], ids[k], &s);
		for (size_t i = 0; i < n; i++)
			free(ids[i]);
	}
	print_score(&s, groups, n_groups, json);
done:
	fclose(f);
	vl_engine_free(eng);
	reported_free(&rep);
	if (db == tmp)
		cli_temp_store_remove(tmp);
	return rc;
}

int cmd_eval(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "reuse"))
		return eval_reuse(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "stories"))
		return cli_eval_stories(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "similarity"))
		return cli_eval_similarity(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "ner"))
		return cli_eval_ner(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "variants"))
		return cli_eval_variants(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "dates"))
		return cli_eval_dates(argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "quotes"))
		return cli_eval_quotes(argc - 1, argv + 1);
	if (argc >= 2 &&
	    (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(eval_usage, stdout);
		return EXIT_OK;
	}
	fputs(eval_usage, stderr);
	return EXIT_USAGE;
}
