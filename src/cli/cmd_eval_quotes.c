/*
 * cmd_eval_quotes.c — `veille eval quotes`: the quotation stage scored on
 * annotated articles (tests/data/quotes/gold-fr.jsonl by default).
 *
 * Each article is analysed, its mentions found and its quotations found
 * as the engine does it; a found quotation matches a gold one when their
 * byte spans overlap by at least half of their union (the span Jaccard,
 * as GenderGapTracker scores quotes; the share of the longer span is
 * printed too, for comparison), each gold quotation matching at most
 * one found one, best overlaps first. Precision, recall and F1 count
 * quotations of any kind; per kind, recall counts the gold ones of that
 * kind and precision the found ones. The speaker is right when the name
 * of the found speaker's entity has the gold name's key (entities/
 * names.h), or its surname; when no mention names the speaker and the
 * stage gives the phrase that does ("le ministère russe de la
 * Défense"), it is right when the phrase holds every word of the gold
 * name's key. Speaker accuracy is over the matched
 * quotations whose gold speaker is named. Figures are given for each
 * part of the set ("dev", used to write the rules, and "test", looked
 * at only at the end) and for all.
 *
 * Like the other eval commands it reaches into the library's internals
 * (entities/, quotes/): the stage has no public entry point of its own.
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "entities/mentions.h"
#include "entities/names.h"
#include "quotes/quotes.h"

#define DEFAULT_GOLD "tests/data/quotes/gold-fr.jsonl"
#define MAX_LINE ((size_t)16 << 20)
#define MIN_OVERLAP 0.5

static const char quotes_usage[] =
	"usage: veille eval quotes [--json] [--verbose] [FILE...]\n"
	"\n"
	"Score the quotation stage on annotated articles (JSON Lines, one\n"
	"article a line: \"id\", \"text\", \"part\" (dev or test) and "
	"\"quotes\":\n"
	"[{\"start\", \"end\", \"kind\", \"speaker\", \"quote\"}], byte "
	"offsets "
	"of\n"
	"the quoted words into the text). Default FILE: " DEFAULT_GOLD ".\n"
	"A found quotation matches a gold one when their spans overlap by "
	"at\n"
	"least half of their union. Prints precision, recall and F1 of the\n"
	"quotations, per kind (direct, partial, reported), and the speaker\n"
	"accuracy over matched quotations whose gold speaker is named (the\n"
	"speaker's entity name has the gold name's key or its surname; a\n"
	"speaker given as a phrase, with no entity, holds the key's words),\n"
	"for each part and for all. --verbose lists the misses, the false\n"
	"quotations and the wrong speakers on stderr.\n";

enum { K_ALL, K_DIRECT, K_PARTIAL, K_REPORTED, N_KIND };
static const char *const kind_names[N_KIND] = { "all", "direct", "partial",
						"reported" };
enum { P_DEV, P_TEST, P_ALL, N_PART };
static const char *const part_names[N_PART] = { "dev", "test", "all" };

typedef struct counts {
	size_t gold[N_KIND], found[N_KIND];
	size_t hit_gold[N_KIND];  /* gold of the kind matched */
	size_t hit_found[N_KIND]; /* found of the kind matched */
	size_t spk_n[N_KIND], spk_ok[N_KIND];
	size_t nospk_n, nospk_ok; /* gold says nobody: found nobody? */
	size_t nospk_phrase;	  /* ... found a phrase, no name */
	size_t hit_longer;	  /* matches by the share of the longer */
	size_t articles;
} counts;

typedef struct gq {
	size_t start, end;
	int kind;
	const char *speaker;
} gq;

static int kind_of(const char *s)
{
	if (!s)
		return 0;
	return !strcmp(s, "direct")	? K_DIRECT
	       : !strcmp(s, "partial")	? K_PARTIAL
	       : !strcmp(s, "reported") ? K_REPORTED
					: 0;
}

static double overlap(size_t a0, size_t a1, size_t b0, size_t b1, int longer)
{
	size_t lo = a0 > b0 ? a0 : b0, hi = a1 < b1 ? a1 : b1;
	size_t la = a1 - a0, lb = b1 - b0, den;

	if (hi <= lo)
		return 0;
	den = longer ? (la > lb ? la : lb)
		     : (a1 > b1 ? a1 : b1) - (a0 < b0 ? a0 : b0);
	return den ? (double)(hi - lo) / (double)den : 0;
}

/* Is the found name the gold one, or its surname? */
static int same_speaker(const char *found, const char *gold)
{
	char a[512], b[512];
	size_t na = vl__name_key(found, strlen(found), a, sizeof a);
	size_t nb = vl__name_key(gold, strlen(gold), b, sizeof b);
	const char *la, *lb;

	if (!na || !nb)
		return 0;
	if (!strcmp(a, b))
		return 1;
	la = strrchr(a, ' ');
	lb = strrchr(b, ' ');
	return !strcmp(la ? la + 1 : a, lb ? lb + 1 : b);
}

static const char *found_name(const vl_ments *ms, const vl_quote *q)
{
	if (q->speaker < 0 || (size_t)q->speaker >= ms->n)
		return NULL;
	return vl__ments_name(ms, ms->ents[ms->m[q->speaker].local].name);
}

/* Does the phrase that names a speaker no mention names ("ministère
 * russe de la Défense", "syndicat FNSEA") hold every word of the gold
 * name's key, or is it the gold name? */
static int phrase_speaker(const char *phrase, size_t n, const char *gold)
{
	char a[512], b[512], w[512];
	size_t na = vl__name_key(phrase, n, a, sizeof a);
	size_t nb = vl__name_key(gold, strlen(gold), b, sizeof b);
	const char *p = b;

	if (!na || !nb)
		return 0;
	if (!strcmp(a, b))
		return 1;
	/* each word of b, as a whole word of a */
	while (*p) {
		size_t k = strcspn(p, " ");
		const char *hit = a;
		int found = 0;
		if (k >= sizeof w)
			return 0;
		memcpy(w, p, k);
		w[k] = '\0';
		while ((hit = strstr(hit, w))) {
			if ((hit == a || hit[-1] == ' ') &&
			    (hit[k] == '\0' || hit[k] == ' ')) {
				found = 1;
				break;
			}
			hit++;
		}
		if (!found)
			return 0;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 1;
}

typedef struct pair {
	size_t g, f;
	double ov;
} pair;

static int by_overlap(const void *a, const void *b)
{
	const pair *x = a, *y = b;
	return x->ov < y->ov ? 1 : x->ov > y->ov ? -1 : 0;
}

static int found_kind(const vl_quote *q)
{
	return q->kind == VL_QUOTE_DIRECT    ? K_DIRECT
	       : q->kind == VL_QUOTE_PARTIAL ? K_PARTIAL
					     : K_REPORTED;
}

static void count_kind(size_t *v, int k)
{
	v[K_ALL]++;
	v[k]++;
}

/* Score one article into c (and the overall counts). */
static int score_article(const char *id, const char *text, size_t len,
			 const gq *g, size_t ng, counts *c, int verbose)
{
	vl_analysis *an = NULL;
	vl_ments ms;
	vl_quotes qs;
	vl_error err;
	pair *pairs = NULL;
	size_t np = 0, *g_of = NULL, *f_of = NULL;
	int rc = 0;

	memset(&ms, 0, sizeof ms);
	memset(&qs, 0, sizeof qs);
	if ((rc = vl_analyze(&an, text, len, NULL, &err)) ||
	    (rc = vl__mentions_find(&ms, text, len, an, "fr")) ||
	    (rc = vl__quotes_find(&qs, text, len, an, &ms, "fr")))
		goto done;
	pairs = malloc((ng * qs.n + 1) * sizeof *pairs);
	g_of = malloc((qs.n + 1) * sizeof *g_of);
	f_of = malloc((ng + 1) * sizeof *f_of);
	if (!pairs || !g_of || !f_of) {
		rc = VL_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < ng; i++)
		for (size_t k = 0; k < qs.n; k++) {
			double ov = overlap(g[i].start, g[i].end, qs.v[k].start,
					    qs.v[k].end, 0);
			c->hit_longer +=
				overlap(g[i].start, g[i].end, qs.v[k].start,
					qs.v[k].end, 1) >= MIN_OVERLAP &&
				ov < MIN_OVERLAP;
			if (ov >= MIN_OVERLAP)
				pairs[np++] = (pair){ i, k, ov };
		}
	qsort(pairs, np, sizeof *pairs, by_overlap);
	for (size_t k = 0; k < qs.n; k++)
		g_of[k] = SIZE_MAX;
	for (size_t i = 0; i < ng; i++)
		f_of[i] = SIZE_MAX;
	for (size_t p = 0; p < np; p++)
		if (f_of[pairs[p].g] == SIZE_MAX &&
		    g_of[pairs[p].f] == SIZE_MAX) {
			f_of[pairs[p].g] = pairs[p].f;
			g_of[pairs[p].f] = pairs[p].g;
		}
	c->articles++;
	for (size_t i = 0; i < ng; i++) {
		count_kind(c->gold, g[i].kind);
		if (f_of[i] == SIZE_MAX) {
			if (verbose)
				fprintf(stderr, "%s: missed %s [%.*s]\n", id,
					kind_names[g[i].kind],
					(int)(g[i].end - g[i].start),
					text + g[i].start);
			continue;
		}
		count_kind(c->hit_gold, g[i].kind);
		{
			const vl_quote *q = &qs.v[f_of[i]];
			const char *name = found_name(&ms, q);
			int phrase = !name && q->sp_end > q->sp_start &&
				     q->sp_end <= len;
			char shown[160];
			if (phrase)
				snprintf(shown, sizeof shown, "\"%.*s\"",
					 (int)(q->sp_end - q->sp_start > 120
						       ? 120
						       : q->sp_end -
								 q->sp_start),
					 text + q->sp_start);
			if (!g[i].speaker) {
				c->nospk_n++;
				c->nospk_ok += !name && !phrase;
				c->nospk_phrase += phrase;
				if ((name || phrase) && verbose)
					fprintf(stderr,
						"%s: speaker %s, not nobody "
						"[%.*s]\n",
						id, name ? name : shown,
						(int)(g[i].end - g[i].start > 60
							      ? 60
							      : g[i].end -
									g[i].start),
						text + g[i].start);
				continue;
			}
			count_kind(c->spk_n, g[i].kind);
			if ((name && same_speaker(name, g[i].speaker)) ||
			    (phrase && phrase_speaker(text + q->sp_start,
						      q->sp_end - q->sp_start,
						      g[i].speaker)))
				count_kind(c->spk_ok, g[i].kind);
			else if (verbose)
				fprintf(stderr,
					"%s: speaker %s, not %s [%.*s]\n", id,
					name	 ? name
					: phrase ? shown
						 : "(none)",
					g[i].speaker,
					(int)(g[i].end - g[i].start > 60
						      ? 60
						      : g[i].end - g[i].start),
					text + g[i].start);
		}
	}
	for (size_t k = 0; k < qs.n; k++) {
		int fk = found_kind(&qs.v[k]);
		count_kind(c->found, fk);
		if (g_of[k] != SIZE_MAX)
			count_kind(c->hit_found, fk);
		else if (verbose)
			fprintf(stderr, "%s: not a gold quotation: %s [%.*s]\n",
				id, kind_names[fk],
				(int)(qs.v[k].end - qs.v[k].start),
				text + qs.v[k].start);
	}
done:
	free(pairs);
	free(g_of);
	free(f_of);
	vl__quotes_free(&qs);
	vl__ments_free(&ms);
	vl_analysis_free(an);
	return rc;
}

static void add_counts(counts *to, const counts *c)
{
	for (int k = 0; k < N_KIND; k++) {
		to->gold[k] += c->gold[k];
		to->found[k] += c->found[k];
		to->hit_gold[k] += c->hit_gold[k];
		to->hit_found[k] += c->hit_found[k];
		to->spk_n[k] += c->spk_n[k];
		to->spk_ok[k] += c->spk_ok[k];
	}
	to->nospk_n += c->nospk_n;
	to->nospk_ok += c->nospk_ok;
	to->nospk_phrase += c->nospk_phrase;
	to->hit_longer += c->hit_longer;
	to->articles += c->articles;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

static double f1(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* Read one article line into g (*ng); borrowed strings from the cJSON
 * tree. 0, or -1 with a message in why. */
static int read_article(cJSON *o, gq **g, size_t *ng, const char **text,
			size_t *len, int *part, char *why, size_t why_len)
{
	cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
	cJSON *qs = cJSON_GetObjectItemCaseSensitive(o, "quotes");
	cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "part");
	cJSON *q;
	size_t n = 0;

	if (!cJSON_IsString(t) || !cJSON_IsArray(qs)) {
		snprintf(why, why_len, "no \"text\" or \"quotes\"");
		return -1;
	}
	*text = t->valuestring;
	*len = strlen(*text);
	*part = cJSON_IsString(p) && !strcmp(p->valuestring, "test") ? P_TEST
								     : P_DEV;
	*g = calloc((size_t)cJSON_GetArraySize(qs) + 1, sizeof **g);
	if (!*g) {
		snprintf(why, why_len, "out of memory");
		return -1;
	}
	cJSON_ArrayForEach(q, qs)
	{
		cJSON *s = cJSON_GetObjectItemCaseSensitive(q, "start");
		cJSON *e = cJSON_GetObjectItemCaseSensitive(q, "end");
		cJSON *k = cJSON_GetObjectItemCaseSensitive(q, "kind");
		cJSON *sp = cJSON_GetObjectItemCaseSensitive(q, "speaker");
		cJSON *w = cJSON_GetObjectItemCaseSensitive(q, "quote");
		gq *x = &(*g)[n];
		if (!cJSON_IsNumber(s) || !cJSON_IsNumber(e) ||
		    s->valuedouble < 0 || e->valuedouble > (double)*len ||
		    s->valuedouble >= e->valuedouble ||
		    !(x->kind = kind_of(cJSON_GetStringValue(k)))) {
			snprintf(why, why_len, "quote %zu: bad span or kind",
				 n);
			return -1;
		}
		x->start = (size_t)s->valuedouble;
		x->end = (size_t)e->valuedouble;
		x->speaker = cJSON_IsString(sp) ? sp->valuestring : NULL;
		/* the quoted words, when given, must be the span's */
		if (cJSON_IsString(w) &&
		    (strlen(w->valuestring) != x->end - x->start ||
		     memcmp(w->valuestring, *text + x->start,
			    x->end - x->start) != 0)) {
			snprintf(why, why_len,
				 "quote %zu: offsets %zu-%zu do not hold "
				 "\"%.60s\"",
				 n, x->start, x->end, w->valuestring);
			return -1;
		}
		n++;
	}
	*ng = n;
	return 0;
}

static int eval_file(const char *path, counts part[N_PART], int verbose,
		     size_t *bad)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t got;
	int rc = 0;

	if (!f) {
		cli_error(path, "cannot open");
		return EXIT_FAILURE_;
	}
	while ((got = getline(&line, &cap, f)) != -1) {
		cJSON *o;
		gq *g = NULL;
		size_t ng = 0, len = 0;
		const char *text = NULL;
		const char *id;
		char why[160];
		int p = P_DEV, r;
		counts one;

		lineno++;
		if ((size_t)got > MAX_LINE || got <= 1)
			continue;
		if (!(o = cJSON_Parse(line))) {
			fprintf(stderr, "veille: %s:%zu: not JSON\n", path,
				lineno);
			(*bad)++;
			continue;
		}
		id = cJSON_GetStringValue(
			cJSON_GetObjectItemCaseSensitive(o, "id"));
		if (read_article(o, &g, &ng, &text, &len, &p, why,
				 sizeof why)) {
			fprintf(stderr, "veille: %s:%zu: %s\n", path, lineno,
				why);
			(*bad)++;
		} else {
			memset(&one, 0, sizeof one);
			r = score_article(id ? id : "?", text, len, g, ng, &one,
					  verbose);
			if (r) {
				fprintf(stderr, "veille: %s:%zu: %s\n", path,
					lineno, vl_strerror(r));
				(*bad)++;
				if (r == VL_ENOMEM)
					rc = EXIT_FAILURE_;
			} else {
				add_counts(&part[p], &one);
				add_counts(&part[P_ALL], &one);
			}
		}
		free(g);
		cJSON_Delete(o);
		if (rc)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

static cJSON *counts_json(const counts *c)
{
	cJSON *o = cJSON_CreateObject(), *kinds = cJSON_CreateObject();

	cJSON_AddNumberToObject(o, "articles", (double)c->articles);
	for (int k = 0; k < N_KIND; k++) {
		cJSON *x = cJSON_CreateObject();
		double p = ratio(c->hit_found[k], c->found[k]);
		double r = ratio(c->hit_gold[k], c->gold[k]);
		cJSON_AddNumberToObject(x, "gold", (double)c->gold[k]);
		cJSON_AddNumberToObject(x, "found", (double)c->found[k]);
		cJSON_AddNumberToObject(x, "matched_gold",
					(double)c->hit_gold[k]);
		cJSON_AddNumberToObject(x, "matched_found",
					(double)c->hit_found[k]);
		cJSON_AddNumberToObject(x, "precision", p);
		cJSON_AddNumberToObject(x, "recall", r);
		cJSON_AddNumberToObject(x, "f1", f1(p, r));
		cJSON_AddNumberToObject(x, "speaker_n", (double)c->spk_n[k]);
		cJSON_AddNumberToObject(x, "speaker_right",
					(double)c->spk_ok[k]);
		cJSON_AddNumberToObject(x, "speaker_accuracy",
					ratio(c->spk_ok[k], c->spk_n[k]));
		cJSON_AddItemToObject(kinds, kind_names[k], x);
	}
	cJSON_AddItemToObject(o, "kinds", kinds);
	cJSON_AddNumberToObject(o, "no_speaker_gold", (double)c->nospk_n);
	cJSON_AddNumberToObject(o, "no_speaker_agreed", (double)c->nospk_ok);
	cJSON_AddNumberToObject(o, "no_speaker_phrase",
				(double)c->nospk_phrase);
	cJSON_AddNumberToObject(o, "more_matches_by_longer_span",
				(double)c->hit_longer);
	return o;
}

static void print_counts(const char *name, const counts *c)
{
	printf("%s: %zu articles\n", name, c->articles);
	printf("  %-9s %5s %6s %8s %6s %6s %6s %8s\n", "kind", "gold", "found",
	       "matched", "P", "R", "F1", "speaker");
	for (int k = 0; k < N_KIND; k++) {
		double p = ratio(c->hit_found[k], c->found[k]);
		double r = ratio(c->hit_gold[k], c->gold[k]);
		printf("  %-9s %5zu %6zu %8zu %6.3f %6.3f %6.3f %8.3f "
		       "(%zu/%zu)\n",
		       kind_names[k], c->gold[k], c->found[k], c->hit_gold[k],
		       p, r, f1(p, r), ratio(c->spk_ok[k], c->spk_n[k]),
		       c->spk_ok[k], c->spk_n[k]);
	}
	printf("  no speaker in the gold: %zu, found none: %zu, a phrase: "
	       "%zu\n",
	       c->nospk_n, c->nospk_ok, c->nospk_phrase);
}

int cli_eval_quotes(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *def[] = { DEFAULT_GOLD };
	const char *const *files;
	counts part[N_PART];
	size_t n_files, bad = 0;
	int o, json = 0, verbose = 0, rc = EXIT_OK;

	optind = 1;
	while ((o = getopt_long(argc, argv, "jvh", opts, NULL)) != -1) {
		switch (o) {
		case 'j': json = 1; break;
		case 'v': verbose = 1; break;
		case 'h': fputs(quotes_usage, stdout); return EXIT_OK;
		default: fputs(quotes_usage, stderr); return EXIT_USAGE;
		}
	}
	files = optind < argc ? (const char *const *)argv + optind : def;
	n_files = optind < argc ? (size_t)(argc - optind) : 1;
	memset(part, 0, sizeof part);
	for (size_t i = 0; i < n_files && !rc; i++)
		rc = eval_file(files[i], part, verbose, &bad);
	if (rc)
		return rc;
	if (json) {
		cJSON *out = cJSON_CreateObject(), *fs = cJSON_CreateArray();
		for (size_t i = 0; i < n_files; i++)
			cJSON_AddItemToArray(fs, cJSON_CreateString(files[i]));
		cJSON_AddItemToObject(out, "files", fs);
		cJSON_AddStringToObject(out, "match",
					"span overlap >= 0.5 of the union");
		for (int p = 0; p < N_PART; p++)
			cJSON_AddItemToObject(out, part_names[p],
					      counts_json(&part[p]));
		cJSON_AddNumberToObject(out, "rejected_articles", (double)bad);
		cli_print_json(out);
	} else {
		printf("quotes: %zu file(s); a match overlaps >= 0.5 of the "
		       "union\n",
		       n_files);
		for (int p = 0; p < N_PART; p++)
			if (part[p].articles || p == P_ALL)
				print_counts(part_names[p], &part[p]);
		if (bad)
			printf("rejected articles: %zu\n", bad);
	}
	return bad ? EXIT_PARTIAL : EXIT_OK;
}
