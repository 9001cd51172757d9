/*
 * cmd_reuse.c — `veille reuse` (an article's sentences: shared or its
 * own) and `veille compare` (two articles side by side).
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char reuse_usage[] =
	"usage: veille reuse [--db FILE] [--json] ID\n"
	"\n"
	"Show the sentences of article ID: '=' a sentence also found in other\n"
	"articles (the same or lightly edited: a word changed, a clause\n"
	"dropped, a number written another way), with those articles and the\n"
	"origin (the earliest carrying it); '+' a sentence only this article\n"
	"has. Ends with the reuse share: the part of the text whose origin is\n"
	"an earlier article. --json: id, share and sentences (index, start,\n"
	"end in the clean text, orig_start, orig_end in the original, text,\n"
	"shared, origin, others: [{id, score}]).\n";

static const char compare_usage[] =
	"usage: veille compare [--db FILE] [--json] [--width N] ID1 ID2\n"
	"\n"
	"Show two articles side by side, sentence by sentence: shared "
	"passages\n"
	"aligned ('='), each one's own sentences alone on its side ('<' only\n"
	"in ID1, '>' only in ID2). --width sets the line width (default\n"
	"$COLUMNS, else 160). --json: a, b, jaccard and passages (kind, a and\n"
	"b: {start, end, text} or null, score).\n";

typedef struct rctx {
	const vl_article *a;
	int json;
	cJSON *arr;
} rctx;

static int reuse_cb(const vl_reuse_sentence *s, void *payload)
{
	rctx *c = payload;
	const char *t = vl_article_text(c->a);
	int shared = s->n_others > 0;

	if (c->json) {
		cJSON *o = cJSON_CreateObject(), *others;
		char *text = strndup(t + s->start, s->end - s->start);
		cJSON_AddNumberToObject(o, "index", (double)s->index);
		cJSON_AddNumberToObject(o, "start", (double)s->start);
		cJSON_AddNumberToObject(o, "end", (double)s->end);
		cJSON_AddNumberToObject(o, "orig_start", (double)s->orig_start);
		cJSON_AddNumberToObject(o, "orig_end", (double)s->orig_end);
		cJSON_AddStringToObject(o, "text", text ? text : "");
		cJSON_AddBoolToObject(o, "shared", shared);
		cJSON_AddStringToObject(o, "origin", s->origin);
		others = cJSON_AddArrayToObject(o, "others");
		for (size_t i = 0; i < s->n_others; i++) {
			cJSON *x = cJSON_CreateObject();
			cJSON_AddStringToObject(x, "id", s->others[i]);
			cJSON_AddNumberToObject(x, "score", s->scores[i]);
			cJSON_AddItemToArray(others, x);
		}
		cJSON_AddItemToArray(c->arr, o);
		free(text);
		return 0;
	}
	printf("%c %.*s\n", shared ? '=' : '+', (int)(s->end - s->start),
	       t + s->start);
	if (shared) {
		printf("    in:");
		for (size_t i = 0; i < s->n_others; i++)
			printf(" %s (%.2f)", s->others[i], s->scores[i]);
		printf("; origin %s\n", s->origin);
	}
	return 0;
}

/* --db, --json, --width and positional ids; -1 on success. */
static int parse(int argc, char **argv, const char *usage, const char **db,
		 int *json, long *width, int n_ids)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "width", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int o;

	optind = 1;
	while ((o = getopt_long(argc, argv, "d:jw:h", opts, NULL)) != -1) {
		switch (o) {
		case 'd': *db = optarg; break;
		case 'j': *json = 1; break;
		case 'w':
			*width = strtol(optarg, NULL, 10);
			if (*width < 40) {
				cli_error(optarg, "width must be at least 40");
				return EXIT_USAGE;
			}
			break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind != n_ids) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	return -1;
}

/* Print o, indented, and free it. */
static void print_json(cJSON *o)
{
	char *s = cJSON_Print(o);
	if (s)
		puts(s);
	cJSON_free(s);
	cJSON_Delete(o);
}

static int fail(vl_engine *eng, const char *what, int rc)
{
	if (rc == VL_ENOTFOUND) {
		cli_error(what, "no such article");
		return EXIT_NOTFOUND;
	}
	cli_error(what, rc == VL_EDB ? vl_engine_errmsg(eng) : vl_strerror(rc));
	return EXIT_FAILURE_;
}

/* Load article id, or say why not: 0 or an exit code. */
static int load(vl_engine *eng, const char *id, vl_article **a)
{
	int rc = vl_engine_article(eng, id, a);
	return rc ? fail(eng, id, rc) : 0;
}

int cmd_reuse(int argc, char **argv)
{
	const char *db = NULL;
	int json = 0, rc;
	long width = 0;
	vl_engine *eng;
	vl_article *a = NULL;
	rctx c = { NULL, 0, NULL };
	double share = 0;

	if ((rc = parse(argc, argv, reuse_usage, &db, &json, &width, 1)) >= 0)
		return rc;
	if ((rc = cli_open(&eng, db, 1)))
		return rc;
	if ((rc = load(eng, argv[optind], &a)))
		goto done;
	c.a = a;
	c.json = json;
	c.arr = json ? cJSON_CreateArray() : NULL;
	if (!json)
		printf("%s\t%s\t%s\n\n", vl_article_id(a), vl_article_source(a),
		       vl_article_title(a) ? vl_article_title(a) : "");
	if ((rc = vl_engine_reuse(eng, argv[optind], reuse_cb, &c, &share))) {
		rc = fail(eng, argv[optind], rc);
		goto done;
	}
	if (json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", vl_article_id(a));
		cJSON_AddNumberToObject(o, "share", share);
		cJSON_AddItemToObject(o, "sentences", c.arr);
		c.arr = NULL;
		print_json(o);
	} else {
		printf("\nreuse share: %.0f %% of the text is found in earlier"
		       " articles\n",
		       100 * share);
	}
done:
	cJSON_Delete(c.arr);
	vl_article_free(a);
	vl_engine_free(eng);
	return rc;
}

/* ---- compare ---- */

typedef struct cctx {
	const char *ta, *tb;
	int json;
	cJSON *arr;
	int col; /* width of one column */
} cctx;

/* Print up to `col` display characters of s[*at, end) (UTF-8: one
 * column per code point), breaking at a space; advances *at. */
static int take_line(const char *s, size_t *at, size_t end, int col)
{
	size_t i = *at, last_space = 0, chars = 0, stop;
	while (i < end && chars < (size_t)col) {
		if (s[i] == ' ')
			last_space = i;
		i++;
		while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	stop = i;
	if (i < end && last_space > *at)
		stop = last_space;
	printf("%.*s", (int)(stop - *at), s + *at);
	chars = 0;
	for (size_t k = *at; k < stop; k++)
		if (((unsigned char)s[k] & 0xC0) != 0x80)
			chars++;
	*at = stop;
	while (*at < end && s[*at] == ' ')
		(*at)++;
	return (int)chars;
}

static void side_by_side(const cctx *c, char mark, const char *a, size_t as,
			 size_t ae, const char *b, size_t bs, size_t be)
{
	int first = 1;
	while ((a && as < ae) || (b && bs < be) || first) {
		int used = 0;
		printf("%c ", first ? mark : ' ');
		if (a && as < ae)
			used = take_line(a, &as, ae, c->col);
		printf("%*s | ", c->col - used, "");
		if (b && bs < be)
			take_line(b, &bs, be, c->col);
		putchar('\n');
		first = 0;
	}
}

static cJSON *span(const char *t, size_t s, size_t e)
{
	cJSON *o;
	char *text;
	if (s == (size_t)-1)
		return cJSON_CreateNull();
	o = cJSON_CreateObject();
	text = strndup(t + s, e - s);
	cJSON_AddNumberToObject(o, "start", (double)s);
	cJSON_AddNumberToObject(o, "end", (double)e);
	cJSON_AddStringToObject(o, "text", text ? text : "");
	free(text);
	return o;
}

static int compare_cb(const vl_aligned *p, void *payload)
{
	cctx *c = payload;
	static const char *const kinds[] = { "shared", "a-only", "b-only" };
	if (c->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "kind", kinds[p->kind]);
		cJSON_AddItemToObject(o, "a",
				      span(c->ta, p->a_start, p->a_end));
		cJSON_AddItemToObject(o, "b",
				      span(c->tb, p->b_start, p->b_end));
		cJSON_AddNumberToObject(o, "score", p->score);
		cJSON_AddItemToArray(c->arr, o);
		return 0;
	}
	side_by_side(c,
		     p->kind == VL_ALIGN_SHARED ? '='
		     : p->kind == VL_ALIGN_A	? '<'
						: '>',
		     p->kind == VL_ALIGN_B ? NULL : c->ta, p->a_start, p->a_end,
		     p->kind == VL_ALIGN_A ? NULL : c->tb, p->b_start,
		     p->b_end);
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	const char *db = NULL, *cols = getenv("COLUMNS");
	int json = 0, rc;
	long width = cols && atoi(cols) >= 40 ? atol(cols) : 160;
	vl_engine *eng;
	vl_article *a = NULL, *b = NULL;
	cctx c = { NULL, NULL, 0, NULL, 0 };
	double j = 0;

	if ((rc = parse(argc, argv, compare_usage, &db, &json, &width, 2)) >= 0)
		return rc;
	if ((rc = cli_open(&eng, db, 1)))
		return rc;
	if ((rc = load(eng, argv[optind], &a)))
		goto done;
	if ((rc = load(eng, argv[optind + 1], &b)))
		goto done;
	memset(&c, 0, sizeof c);
	c.ta = vl_article_text(a);
	c.tb = vl_article_text(b);
	c.json = json;
	c.col = (int)(width - 5) / 2;
	c.arr = json ? cJSON_CreateArray() : NULL;
	if (!json) {
		side_by_side(&c, ' ', vl_article_id(a), 0,
			     strlen(vl_article_id(a)), vl_article_id(b), 0,
			     strlen(vl_article_id(b)));
		side_by_side(&c, ' ', vl_article_source(a), 0,
			     strlen(vl_article_source(a)), vl_article_source(b),
			     0, strlen(vl_article_source(b)));
		putchar('\n');
	}
	if ((rc = vl_engine_compare(eng, argv[optind], argv[optind + 1],
				    compare_cb, &c, &j))) {
		rc = fail(eng, "compare", rc);
		goto done;
	}
	if (json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "a", vl_article_id(a));
		cJSON_AddStringToObject(o, "b", vl_article_id(b));
		cJSON_AddNumberToObject(o, "jaccard", j);
		cJSON_AddItemToObject(o, "passages", c.arr);
		c.arr = NULL;
		print_json(o);
	} else {
		printf("\nword 5-shingle Jaccard %.2f\n", j);
	}
done:
	if (json)
		cJSON_Delete(c.arr);
	vl_article_free(a);
	vl_article_free(b);
	vl_engine_free(eng);
	return rc;
}
