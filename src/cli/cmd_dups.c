/*
 * cmd_dups.c — `veille dups`: groups of articles that share text.
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
	"usage: veille dups [--db FILE] [--json]\n"
	"\n"
	"List groups of articles linked by verified reuse: identical clean\n"
	"texts, near-duplicates (word 5-shingle Jaccard >= 0.5) and briefs\n"
	"contained in a longer text (containment >= 0.8). Each group shows\n"
	"its articles in ingest order and its pairs with their similarity.\n"
	"--json prints one JSON object per group per line: articles (ids) and\n"
	"pairs (a, b, kind, jaccard, contain_a, contain_b).\n";

typedef struct ctx {
	vl_engine *eng;
	int json;
	size_t groups;
} ctx;

static int print_group(const char *const *ids, size_t n_ids,
		       const vl_dup_pair *p, size_t n_pairs, void *payload)
{
	ctx *c = payload;
	c->groups++;
	if (c->json) {
		cJSON *o = cJSON_CreateObject(), *a, *ps;
		char *s;
		a = cJSON_AddArrayToObject(o, "articles");
		for (size_t i = 0; i < n_ids; i++)
			cJSON_AddItemToArray(a, cJSON_CreateString(ids[i]));
		ps = cJSON_AddArrayToObject(o, "pairs");
		for (size_t i = 0; i < n_pairs; i++) {
			cJSON *q = cJSON_CreateObject();
			cJSON_AddStringToObject(q, "a", p[i].a);
			cJSON_AddStringToObject(q, "b", p[i].b);
			cJSON_AddStringToObject(q, "kind", p[i].kind);
			cJSON_AddNumberToObject(q, "jaccard", p[i].jaccard);
			cJSON_AddNumberToObject(q, "contain_a", p[i].contain_a);
			cJSON_AddNumberToObject(q, "contain_b", p[i].contain_b);
			cJSON_AddItemToArray(ps, q);
		}
		s = cJSON_PrintUnformatted(o);
		if (s)
			puts(s);
		cJSON_free(s);
		cJSON_Delete(o);
		return s ? 0 : 1;
	}
	printf("group %zu: %zu articles\n", c->groups, n_ids);
	for (size_t i = 0; i < n_ids; i++) {
		vl_article *a = NULL;
		if (vl_engine_article(c->eng, ids[i], &a) == 0) {
			const char *t = vl_article_title(a);
			printf("  %s\t%s\t%s\t%.70s\n", ids[i],
			       vl_article_published(a) ? vl_article_published(a)
						       : "-",
			       vl_article_source(a),
			       t ? t : vl_article_text(a));
		}
		vl_article_free(a);
	}
	for (size_t i = 0; i < n_pairs; i++)
		printf("  %s ~ %s  %s  J=%.2f  in-other %.2f / %.2f\n", p[i].a,
		       p[i].b, p[i].kind, p[i].jaccard, p[i].contain_a,
		       p[i].contain_b);
	return 0;
}

int cmd_dups(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *db = NULL;
	ctx c = { NULL, 0, 0 };
	int o, rc;

	optind = 1;
	while ((o = getopt_long(argc, argv, "d:jh", opts, NULL)) != -1) {
		switch (o) {
		case 'd': db = optarg; break;
		case 'j': c.json = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if ((rc = cli_open(&c.eng, db, 1)))
		return rc;
	rc = vl_engine_each_dup_group(c.eng, print_group, &c);
	if (rc) {
		cli_error("dups", rc == VL_EDB ? vl_engine_errmsg(c.eng)
					       : vl_strerror(rc));
		rc = EXIT_FAILURE_;
	}
	vl_engine_free(c.eng);
	return rc;
}
