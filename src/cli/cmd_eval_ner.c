/*
 * cmd_eval_ner.c — `veille eval ner`: the entity tagger scored on
 * annotated files, strict entity-level precision, recall and F1 counted
 * as conlleval counts them (CoNLL-2000: an entity is right only when its
 * type and both boundaries are; an I- tag after O or another type begins
 * an entity), per type and overall, per file.
 *
 * Like the other eval commands it reaches into the library's internals
 * (the tagger and the annotated-file readers, src/entities/), since the
 * tagger is a stage with no public entry point of its own.
 */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "entities/conll.h"
#include "entities/gazetteer.h"
#include "entities/tagger.h"

#define NER_DATA "../shared/data/ner/"
#define MAX_FILE ((size_t)1 << 30)

static const char ner_usage[] =
	"usage: veille eval ner [--json] [--held-back] [--model FILE] "
	"[FILE...]\n"
	"\n"
	"Tag each annotated FILE with veille's entity tagger and score it:\n"
	"strict entity-level precision, recall and F1 as conlleval counts "
	"them\n"
	"(an entity is right only when its type and both boundaries are), "
	"per\n"
	"type (PER, LOC, ORG, MISC) and overall. A FILE is one of (told by "
	"its\n"
	"name, else its content):\n"
	"  .conllu  WikiNEuRal: index TAB token TAB IOB2 tag, a blank line\n"
	"           between sentences\n"
	"  .tsv     HIPE-2022 (NE-COARSE-LIT column; pers, loc, org, and "
	"prod,\n"
	"           time as MISC)\n"
	"  .bio     token SPACE tag lines (IO or IOB2 tags)\n"
	"The whole file is scored, or with --held-back only the part the\n"
	"tagger's training left out (every 5th sentence; HIPE: every 2nd\n"
	"document). With no FILE: the held-back parts of\n" NER_DATA
	"wikineural-fr-val.conllu and the HIPE-2022 NewsEye dev files\n"
	"(skipped when absent).\n"
	"Sentences are tagged as veille tags an article's: with the\n"
	"gazetteer's flags, and words that OCR cut at a line end\n"
	"(\"Lau\xC2\xAC\" \"rent\") joined, then scored on the file's own\n"
	"tokens.\n"
	"--model FILE: a model written by ner_train instead of the\n"
	"compiled-in one.\n";

static const char *const defaults[] = {
	NER_DATA "wikineural-fr-val.conllu",
	NER_DATA "HIPE-2022-v2.1-newseye-dev-fr.tsv",
	NER_DATA "HIPE-2022-v2.1-newseye-dev2-fr.tsv",
};

static const char *format_name(int f)
{
	return f == VL_CONLL_WIKINEURAL ? "conllu"
	       : f == VL_CONLL_HIPE	? "hipe"
					: "bio";
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL, *nb;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			if (cap >= MAX_FILE)
				goto fail;
			cap = cap ? cap * 2 : 65536;
			nb = realloc(b, cap);
			if (!nb)
				goto fail;
			b = nb;
		}
		r = fread(b + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	*len = n;
	return b ? b : calloc(1, 1);
fail:
	free(b);
	fclose(f);
	return NULL;
}

typedef struct result {
	vl_ner_counts c;
	size_t sents;
	int format;
	double seconds;
} result;

/* Tag and count one file; an exit code. */
static int eval_file(const vl_tagger *tg, const vl_gaz *gaz, const char *path,
		     int held_back, result *res)
{
	size_t len = 0, s;
	char *data = read_file(path, &len);
	vl_conll *c = NULL;
	vl_conll_error err;
	uint8_t *tags = NULL;
	clock_t t0;
	int rc;

	memset(res, 0, sizeof *res);
	if (!data) {
		cli_error(path, "cannot read the file");
		return EXIT_FAILURE_;
	}
	rc = vl__conll_read(&c, data, len, vl__conll_detect(data, len, path),
			    &err);
	if (rc) {
		if (rc == VL_ENOMEM) {
			cli_error(path, "out of memory");
			rc = EXIT_FAILURE_;
		} else {
			fprintf(stderr, "veille: %s:%zu: %s\n", path, err.line,
				err.msg);
			rc = EXIT_PARTIAL;
		}
		goto done;
	}
	res->format = c->format;
	tags = malloc(c->n_tokens + 1);
	if (!tags) {
		cli_error(path, "out of memory");
		rc = EXIT_FAILURE_;
		goto done;
	}
	t0 = clock();
	for (s = 0; s < c->n_sents; s++) {
		size_t a = c->sent[s];
		if (held_back && !vl__conll_held_back(c, s))
			continue;
		if (vl__conll_tag(c, s, tg, gaz, tags + a)) {
			cli_error(path, "out of memory");
			rc = EXIT_FAILURE_;
			goto done;
		}
	}
	res->seconds = (double)(clock() - t0) / CLOCKS_PER_SEC;
	for (s = 0; s < c->n_sents; s++) {
		size_t a = c->sent[s], n = c->sent[s + 1] - a;
		if (held_back && !vl__conll_held_back(c, s))
			continue;
		vl__ner_count(&res->c, c->tags + a, tags + a, n);
		res->sents++;
	}
	rc = EXIT_OK;
done:
	free(tags);
	vl__conll_free(c);
	free(data);
	return rc;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static const char *type_label(int t)
{
	return t ? vl__ent_type_name(t) : "ALL";
}

static void print_result(const char *path, int held_back, const result *r)
{
	const char *base = strrchr(path, '/');
	int t;

	printf("%s (%s, %s): %zu sentences, %zu tokens\n",
	       base ? base + 1 : path, format_name(r->format),
	       held_back ? "held-back part" : "whole file", r->sents,
	       r->c.tokens);
	printf("  %-5s %7s %7s %7s %9s %7s %7s\n", "type", "gold", "found",
	       "correct", "precision", "recall", "f1");
	for (t = 0; t < VL_ENT_NTYPES; t++) {
		double p = ratio(r->c.correct[t], r->c.found[t]),
		       rc = ratio(r->c.correct[t], r->c.gold[t]);
		if (t && !r->c.gold[t] && !r->c.found[t])
			continue;
		printf("  %-5s %7zu %7zu %7zu %9.3f %7.3f %7.3f\n",
		       type_label(t), r->c.gold[t], r->c.found[t],
		       r->c.correct[t], p, rc, f1(p, rc));
	}
}

static cJSON *result_json(const char *path, int held_back, const result *r)
{
	cJSON *o = cJSON_CreateObject(), *types;
	int t;

	cJSON_AddStringToObject(o, "file", path);
	cJSON_AddStringToObject(o, "format", format_name(r->format));
	cJSON_AddStringToObject(o, "part", held_back ? "held-back" : "all");
	cJSON_AddNumberToObject(o, "sentences", (double)r->sents);
	cJSON_AddNumberToObject(o, "tokens", (double)r->c.tokens);
	cJSON_AddNumberToObject(
		o, "tokens_per_s",
		r->seconds > 0 ? (double)r->c.tokens / r->seconds : 0);
	types = cJSON_AddObjectToObject(o, "types");
	for (t = 0; t < VL_ENT_NTYPES; t++) {
		cJSON *e = cJSON_AddObjectToObject(types, type_label(t));
		double p = ratio(r->c.correct[t], r->c.found[t]),
		       rc = ratio(r->c.correct[t], r->c.gold[t]);
		cJSON_AddNumberToObject(e, "gold", (double)r->c.gold[t]);
		cJSON_AddNumberToObject(e, "found", (double)r->c.found[t]);
		cJSON_AddNumberToObject(e, "correct", (double)r->c.correct[t]);
		cJSON_AddNumberToObject(e, "precision", p);
		cJSON_AddNumberToObject(e, "recall", rc);
		cJSON_AddNumberToObject(e, "f1", f1(p, rc));
	}
	return o;
}

int cli_eval_ner(int argc, char **argv)
{
	const char *const *paths = defaults;
	int n_paths = (int)(sizeof defaults / sizeof *defaults);
	int json = 0, held_back = 0, worst = EXIT_OK, i, first = 1, n_run = 0;
	const vl_tagger *tg;
	vl_tagger *own = NULL;
	const char *model = NULL;
	cJSON *out = NULL, *files = NULL;
	char **rest;
	int n_rest = 0;

	if (cli_wants_help(argc, argv, ner_usage))
		return EXIT_OK;
	rest = calloc((size_t)argc + 1, sizeof *rest);
	if (!rest)
		return EXIT_FAILURE_;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (!strcmp(argv[i], "--held-back"))
			held_back = 1;
		else if (!strcmp(argv[i], "--model") && i + 1 < argc)
			model = argv[++i];
		else if (!strcmp(argv[i], "--")) {
			while (++i < argc)
				rest[n_rest++] = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr,
				"veille eval ner: unknown option %s\n%s",
				argv[i], ner_usage);
			free(rest);
			return EXIT_USAGE;
		} else
			rest[n_rest++] = argv[i];
	}
	if (n_rest) {
		paths = (const char *const *)rest;
		n_paths = n_rest;
	} else {
		held_back = 1;
		if (access(NER_DATA, R_OK) != 0) {
			fprintf(stderr,
				"veille eval ner: %s not found: "
				"skipped\n",
				NER_DATA);
			free(rest);
			return EXIT_OK;
		}
	}
	if (model) {
		size_t len = 0;
		char *blob = read_file(model, &len);
		if (!blob ||
		    vl__tagger_load(&own, (const unsigned char *)blob, len)) {
			cli_error(model, blob ? "not a tagger model"
					      : "cannot read the file");
			free(blob);
			free(rest);
			return EXIT_FAILURE_;
		}
		free(blob);
	}
	tg = own ? own : vl__tagger_default();
	if (!tg) {
		cli_error("eval ner", "the tagger model did not load");
		free(rest);
		return EXIT_FAILURE_;
	}
	if (json) {
		out = cJSON_CreateObject();
		files = cJSON_AddArrayToObject(out, "files");
	}
	for (i = 0; i < n_paths; i++) {
		result r;
		int rc;
		if (paths == defaults && access(paths[i], R_OK) != 0) {
			fprintf(stderr,
				"veille eval ner: %s not found: "
				"skipping\n",
				paths[i]);
			continue;
		}
		n_run++;
		rc = eval_file(tg, vl__gaz_default(), paths[i], held_back, &r);
		worst = rc > worst ? rc : worst;
		if (rc != EXIT_OK)
			continue;
		if (json)
			cJSON_AddItemToArray(
				files, result_json(paths[i], held_back, &r));
		else {
			if (!first)
				printf("\n");
			first = 0;
			print_result(paths[i], held_back, &r);
		}
	}
	if (!n_run)
		fputs("veille eval ner: no file found: nothing to score\n",
		      stderr);
	if (out)
		cli_print_json(out);
	vl__tagger_free(own);
	free(rest);
	return worst;
}
