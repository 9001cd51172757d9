/*
 * cmd_entities.c — the entity commands: `veille entities` (the list, or
 * a story's), `veille entity NAME` (every way it was written, its
 * articles and stories) and `veille mentions ARTICLE`.
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char entities_usage[] =
	"usage: veille entities [--db FILE] [--type T] [--story ID]\n"
	"                       [--limit N] [--json]\n"
	"\n"
	"List the entities (persons, places, organisations, others), most\n"
	"mentioned first, one per line: id, type, mentions, articles, name,\n"
	"then the other ways it was written. --type PER|LOC|ORG|MISC keeps\n"
	"one type; --story ID lists that story's entities, counted in it\n"
	"with the names its articles wrote. --json prints one JSON object per\n"
	"line (id, type, name, variants, variant_counts, mentions, "
	"articles).\n";

static const char entity_usage[] =
	"usage: veille entity [--db FILE] [--json] NAME\n"
	"\n"
	"Show the entities a name leads to (any written variant, \"M. "
	"Peskov\",\n"
	"or #ID): type, name, every variant with its count, and the articles\n"
	"and stories it is in. --json prints a JSON array of objects (id,\n"
	"type, name, variants, variant_counts, mentions, articles,\n"
	"article_ids, stories).\n"
	"\n"
	"Exit: 0 shown, 4 no such entity.\n";

static const char mentions_usage[] =
	"usage: veille mentions [--db FILE] [--json] ARTICLE_ID\n"
	"\n"
	"List an article's mentions of entities in text order, one per line:\n"
	"start-end (byte offsets into its clean text), type, entity id,\n"
	"the text, and the entity's name when it differs. --json prints a\n"
	"JSON array (start, end, text, type, entity, name, how).\n"
	"\n"
	"Exit: 0 shown, 4 no such article.\n";

typedef struct ent_opts {
	const char *db, *type;
	long long story, limit;
	int json;
} ent_opts;

static int parse(int argc, char **argv, const char *usage, int list, int n_args,
		 ent_opts *o)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "type", required_argument, NULL, 't' },
		{ "story", required_argument, NULL, 's' },
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
		case 't':
		case 's':
		case 'n':
			if (!list) {
				fprintf(stderr,
					"veille %s: no option --%s here\n",
					argv[0], opts[idx].name);
				goto bad;
			}
			if (c == 't') {
				o->type = optarg;
			} else if ((*(c == 's' ? &o->story : &o->limit) =
					    cli_size(optarg)) < 0) {
				cli_error(optarg, "not a number");
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

static int fail(vl_engine *eng, const char *what, int rc)
{
	cli_error(what, rc == VL_EDB ? vl_engine_errmsg(eng) : vl_strerror(rc));
	return EXIT_FAILURE_;
}

typedef struct lister {
	int json;
	int failed;
} lister;

static int print_entity(const vl_entity *e, void *payload)
{
	lister *l = payload;
	char *s = NULL;

	if (l->json) {
		if (vl_entity_json(&s, e, 0)) {
			l->failed = 1;
			return 1;
		}
		puts(s);
		vl_free(s);
		return 0;
	}
	printf("%lld\t%s\t%lld\t%lld\t%s", (long long)e->id, e->type,
	       (long long)e->n_mentions, (long long)e->n_articles, e->name);
	for (size_t i = 0, shown = 0; i < e->n_variants && shown < 8; i++) {
		if (!strcmp(e->variants[i], e->name))
			continue;
		fputs(shown++ ? ", " : "\t", stdout);
		fputs(e->variants[i], stdout);
	}
	putchar('\n');
	return 0;
}

int cmd_entities(int argc, char **argv)
{
	vl_entity_query q = VL_ENTITY_QUERY_INIT;
	lister l = { 0, 0 };
	vl_engine *eng = NULL;
	ent_opts o;
	int rc = parse(argc, argv, entities_usage, 1, 0, &o);

	if (rc >= 0)
		return rc;
	if (o.type && strcmp(o.type, "PER") != 0 &&
	    strcmp(o.type, "LOC") != 0 && strcmp(o.type, "ORG") != 0 &&
	    strcmp(o.type, "MISC") != 0) {
		cli_error(o.type, "not a type (PER, LOC, ORG or MISC)");
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	q.type = o.type;
	q.story = o.story;
	q.limit = (size_t)o.limit;
	l.json = o.json;
	rc = vl_engine_each_entity(eng, &q, print_entity, &l);
	if (rc && !(rc == VL_ESTOPPED && !l.failed))
		rc = fail(eng, "entities", l.failed ? VL_ENOMEM : rc);
	else
		rc = fflush(stdout) ? EXIT_FAILURE_ : EXIT_OK;
	vl_engine_free(eng);
	return rc;
}

/* The detail of one entity as text, from its JSON. */
static void print_detail(const cJSON *o)
{
	const cJSON *v = cJSON_GetObjectItem(o, "variants");
	const cJSON *c = cJSON_GetObjectItem(o, "variant_counts");
	const cJSON *a = cJSON_GetObjectItem(o, "article_ids");
	const cJSON *s = cJSON_GetObjectItem(o, "stories");
	int n = cJSON_GetArraySize(v);

	printf("entity %lld: %s (%s)\n",
	       (long long)cJSON_GetNumberValue(cJSON_GetObjectItem(o, "id")),
	       cJSON_GetStringValue(cJSON_GetObjectItem(o, "name")),
	       cJSON_GetStringValue(cJSON_GetObjectItem(o, "type")));
	printf("mentions: %lld in %lld articles\nvariants:",
	       (long long)cJSON_GetNumberValue(
		       cJSON_GetObjectItem(o, "mentions")),
	       (long long)cJSON_GetNumberValue(
		       cJSON_GetObjectItem(o, "articles")));
	for (int i = 0; i < n; i++)
		printf("%s %s (%lld)", i ? "," : "",
		       cJSON_GetStringValue(cJSON_GetArrayItem(v, i)),
		       (long long)cJSON_GetNumberValue(
			       cJSON_GetArrayItem(c, i)));
	fputs("\nstories:", stdout);
	for (int i = 0; i < cJSON_GetArraySize(s); i++)
		printf(" %lld", (long long)cJSON_GetNumberValue(
					cJSON_GetArrayItem(s, i)));
	fputs("\narticles:", stdout);
	for (int i = 0; i < cJSON_GetArraySize(a); i++)
		printf(" %s", cJSON_GetStringValue(cJSON_GetArrayItem(a, i)));
	putchar('\n');
}

int cmd_entity(int argc, char **argv)
{
	vl_engine *eng = NULL;
	int64_t ids[16];
	size_t n = 0;
	cJSON *all = NULL;
	ent_opts o;
	int rc = parse(argc, argv, entity_usage, 0, 1, &o);

	if (rc >= 0)
		return rc;
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	if ((rc = vl_engine_find_entities(eng, argv[optind], ids, 16, &n))) {
		rc = fail(eng, argv[optind], rc);
		goto done;
	}
	if (!(all = cJSON_CreateArray())) {
		rc = fail(eng, "entity", VL_ENOMEM);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		char *s = NULL;
		cJSON *one;
		rc = vl_engine_entity_json(eng, ids[i], 0, &s);
		if (rc == VL_ENOTFOUND)
			continue;
		if (rc || !(one = cJSON_Parse(s))) {
			vl_free(s);
			rc = fail(eng, "entity", rc ? rc : VL_ENOMEM);
			goto done;
		}
		vl_free(s);
		if (!o.json)
			print_detail(one);
		cJSON_AddItemToArray(all, one);
	}
	if (!cJSON_GetArraySize(all)) {
		cli_error(argv[optind], "no such entity");
		rc = EXIT_NOTFOUND;
		goto done;
	}
	if (o.json) {
		cli_print_json(all);
		all = NULL;
	}
	rc = fflush(stdout) ? EXIT_FAILURE_ : EXIT_OK;
done:
	cJSON_Delete(all);
	vl_engine_free(eng);
	return rc;
}

int cmd_mentions(int argc, char **argv)
{
	vl_engine *eng = NULL;
	char *s = NULL;
	cJSON *arr = NULL, *m;
	ent_opts o;
	int rc = parse(argc, argv, mentions_usage, 0, 1, &o);

	if (rc >= 0)
		return rc;
	if ((rc = cli_open(&eng, o.db, 1)))
		return rc;
	rc = vl_engine_mentions_json(eng, argv[optind], 0, &s);
	if (rc == VL_ENOTFOUND) {
		cli_error(argv[optind], "no such article");
		rc = EXIT_NOTFOUND;
		goto done;
	}
	if (rc || !(arr = cJSON_Parse(s))) {
		rc = fail(eng, argv[optind], rc ? rc : VL_ENOMEM);
		goto done;
	}
	if (o.json) {
		cli_print_json(arr);
		arr = NULL;
	} else {
		cJSON_ArrayForEach(m, arr)
		{
			const char *text = cJSON_GetStringValue(
				cJSON_GetObjectItem(m, "text"));
			const char *name = cJSON_GetStringValue(
				cJSON_GetObjectItem(m, "name"));
			if (!text || !name)
				continue; /* written by vl_engine_mentions_json
					   */
			printf("%lld-%lld\t%s\t%lld\t%s",
			       (long long)cJSON_GetNumberValue(
				       cJSON_GetObjectItem(m, "start")),
			       (long long)cJSON_GetNumberValue(
				       cJSON_GetObjectItem(m, "end")),
			       cJSON_GetStringValue(
				       cJSON_GetObjectItem(m, "type")),
			       (long long)cJSON_GetNumberValue(
				       cJSON_GetObjectItem(m, "entity")),
			       text);
			if (strcmp(name, text) != 0)
				printf("\t→ %s", name);
			putchar('\n');
		}
	}
	rc = fflush(stdout) ? EXIT_FAILURE_ : EXIT_OK;
done:
	cJSON_Delete(arr);
	vl_free(s);
	vl_engine_free(eng);
	return rc;
}
