/*
 * cmd_eval_names.c — `veille eval variants`: how well the entity stage
 * puts the written variants of one place name under one identity, and
 * how often it puts two places under one.
 *
 * The data are the cities of a GeoNames dump ("cities15000" format) in
 * the chosen countries: each city's variants are its name, ASCII name and
 * alternate names that a text would write (names.h, vl__name_written:
 * Latin script, a capital first, no airport code), distinct as strings;
 * cities with two variants or more are kept. Every variant is resolved
 * by vl__place_identity, with the built-in aliases and gazetteer, or
 * with the name key alone (--no-gazetteer). Then:
 *   - pair recall: of the pairs of variants of one city, the share
 *     resolved to one identity;
 *   - false-merge rate: the share of variants whose identity is also
 *     that of a variant of another city. Variants written the same (case
 *     aside) in two cities are homonyms that no resolver can tell apart
 *     without context: they are counted apart and left out of the rate;
 *   - with the gazetteer, the variants resolved to another place than
 *     their city.
 * The built-in gazetteer is made from this same dump, so its figure
 * measures the table's coverage; --no-gazetteer measures the spelling
 * rules alone, on names they never saw.
 */
#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

#include "cli/cli.h"
#include "entities/alias.h"
#include "entities/gazetteer.h"
#include "entities/names.h"

#define DEFAULT_FILE "../shared/data/lexicons/geonames-cities15000.txt"
#define ID_MAX 300

static const char variants_usage[] =
	"usage: veille eval variants [--json] [--no-gazetteer] "
	"[--countries CC,CC]\n"
	"                            [--show N] [GEONAMES_FILE]\n"
	"\n"
	"Resolve every written variant of the names of the cities of "
	"GEONAMES_FILE\n"
	"(GeoNames cities15000 format; default " DEFAULT_FILE ",\n"
	"skipped when absent) in the countries given (default UA,RU) to an\n"
	"identity, as the entity stage does, and print:\n"
	"  pair recall       share of the pairs of variants of one city "
	"that get\n"
	"                    one identity\n"
	"  false-merge rate  share of variants whose identity is also that "
	"of a\n"
	"                    variant of another city (names written the same "
	"in\n"
	"                    two cities, homonyms, are counted apart)\n"
	"--no-gazetteer resolves by the name key alone (no gazetteer, no "
	"aliases).\n"
	"--show N lists on stderr up to N missed pairs and N false merges.\n";

typedef struct variant {
	char *name;
	char *folded; /* case folded, accents kept: homonyms */
	char *id;
	size_t city;
} variant;

typedef struct city {
	long long geonameid;
	size_t first, n; /* its variants */
} city;

typedef struct evalv {
	variant *v;
	size_t nv, capv;
	city *c;
	size_t nc, capc;
} evalv;

static int in_countries(const char *cc, const char *list)
{
	size_t n = strlen(cc);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, ',');
		size_t m = e ? (size_t)(e - p) : strlen(p);
		if (m == n && !strncmp(p, cc, n))
			return 1;
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static int add_variant(evalv *ev, const char *s, size_t len, size_t ci)
{
	variant *v;
	city *c = &ev->c[ci];

	if (!vl__name_written(s, len))
		return 0;
	for (size_t i = c->first; i < c->first + c->n; i++)
		if (strlen(ev->v[i].name) == len &&
		    !memcmp(ev->v[i].name, s, len))
			return 0;
	if (ev->nv == ev->capv) {
		size_t cap = ev->capv ? ev->capv * 2 : 1024;
		variant *nv = realloc(ev->v, cap * sizeof *nv);
		if (!nv)
			return -1;
		ev->v = nv;
		ev->capv = cap;
	}
	v = &ev->v[ev->nv];
	memset(v, 0, sizeof *v);
	if (!(v->name = strndup(s, len)))
		return -1;
	utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
		     (utf8proc_uint8_t **)&v->folded,
		     UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (!v->folded)
		return -1;
	v->city = ci;
	ev->nv++;
	c->n++;
	return 0;
}

/* Read the cities of the countries from the dump text (modified). */
static int read_cities(evalv *ev, char *text, const char *countries)
{
	for (char *line = text, *next; line && *line; line = next) {
		char *f[16];
		int nf = 1;
		size_t ci;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		f[0] = line;
		for (char *p = line; *p && nf < 16; p++)
			if (*p == '\t') {
				*p = '\0';
				f[nf++] = p + 1;
			}
		if (nf < 9 || !in_countries(f[8], countries))
			continue;
		if (ev->nc == ev->capc) {
			size_t cap = ev->capc ? ev->capc * 2 : 256;
			city *nc = realloc(ev->c, cap * sizeof *nc);
			if (!nc)
				return -1;
			ev->c = nc;
			ev->capc = cap;
		}
		ci = ev->nc++;
		ev->c[ci].geonameid = atoll(f[0]);
		ev->c[ci].first = ev->nv;
		ev->c[ci].n = 0;
		if (add_variant(ev, f[1], strlen(f[1]), ci) ||
		    add_variant(ev, f[2], strlen(f[2]), ci))
			return -1;
		for (char *a = f[3], *c; a && *a; a = c) {
			c = strchr(a, ',');
			if (add_variant(ev, a, c ? (size_t)(c - a) : strlen(a),
					ci))
				return -1;
			c = c ? c + 1 : NULL;
		}
		if (ev->c[ci].n < 2) { /* fewer than two variants: left out */
			for (size_t i = ev->c[ci].first; i < ev->nv; i++) {
				free(ev->v[i].name);
				free(ev->v[i].folded);
			}
			ev->nv = ev->c[ci].first;
			ev->nc--;
		}
	}
	return 0;
}

static int by_id(const void *a, const void *b)
{
	const variant *x = *(variant *const *)a, *y = *(variant *const *)b;
	int c = strcmp(x->id, y->id);
	if (c)
		return c;
	return x->city < y->city ? -1 : x->city > y->city;
}

typedef struct figures {
	size_t pairs, merged_pairs;
	size_t false_merged, homonyms, false_cities, elsewhere;
} figures;

static void score(const evalv *ev, variant **sorted, figures *fg, long show)
{
	long shown = 0;
	unsigned char *city_bad = calloc(ev->nc ? ev->nc : 1, 1);

	memset(fg, 0, sizeof *fg);
	for (size_t ci = 0; ci < ev->nc; ci++) {
		const city *c = &ev->c[ci];
		for (size_t i = c->first; i < c->first + c->n; i++)
			for (size_t j = i + 1; j < c->first + c->n; j++) {
				fg->pairs++;
				if (!strcmp(ev->v[i].id, ev->v[j].id))
					fg->merged_pairs++;
				else if (shown < show) {
					shown++;
					fprintf(stderr,
						"missed: %s [%s] / %s [%s]\n",
						ev->v[i].name, ev->v[i].id,
						ev->v[j].name, ev->v[j].id);
				}
			}
		for (size_t i = c->first; i < c->first + c->n; i++) {
			char own[32];
			snprintf(own, sizeof own, "g%lld", c->geonameid);
			if (ev->v[i].id[0] == 'g' &&
			    strcmp(ev->v[i].id, own) != 0)
				fg->elsewhere++;
		}
	}
	shown = 0;
	for (size_t i = 0; i < ev->nv;) {
		size_t j = i, owner = sorted[i]->city, best = 0;
		/* The identity belongs to the city holding most of its
		 * variants (sorted by city within one identity). */
		while (j < ev->nv && !strcmp(sorted[j]->id, sorted[i]->id))
			j++;
		for (size_t k = i, run = 0; k < j; k++) {
			run = (k > i && sorted[k]->city == sorted[k - 1]->city)
				      ? run + 1
				      : 1;
			if (run > best) {
				best = run;
				owner = sorted[k]->city;
			}
		}
		for (size_t k = i; k < j; k++) {
			int homonym = 0;
			if (sorted[k]->city == owner)
				continue;
			for (size_t m = i; m < j; m++)
				if (sorted[m]->city == owner &&
				    !strcmp(sorted[m]->folded,
					    sorted[k]->folded))
					homonym = 1;
			if (homonym) {
				fg->homonyms++;
				continue;
			}
			fg->false_merged++;
			if (city_bad && !city_bad[sorted[k]->city]) {
				city_bad[sorted[k]->city] = 1;
				fg->false_cities++;
			}
			if (shown < show) {
				shown++;
				fprintf(stderr,
					"merged: %s (g%lld) into g%lld [%s]\n",
					sorted[k]->name,
					ev->c[sorted[k]->city].geonameid,
					ev->c[owner].geonameid, sorted[k]->id);
			}
		}
		i = j;
	}
	free(city_bad);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			if (!(nb = realloc(buf, cap + 1))) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (!r)
			break;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	fclose(f);
	return buf;
}

static double ratio(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

int cli_eval_variants(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "no-gazetteer", no_argument, NULL, 'n' },
		{ "countries", required_argument, NULL, 'c' },
		{ "show", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *path = DEFAULT_FILE, *countries = "UA,RU";
	int json = 0, no_gaz = 0, c, rc = EXIT_FAILURE_;
	long show = 0;
	char *text = NULL;
	size_t len = 0;
	evalv ev = { 0 };
	variant **sorted = NULL;
	vl_aliases *al = NULL;
	const vl_gaz *gaz = NULL;
	figures fg;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jnc:s:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'n': no_gaz = 1; break;
		case 'c': countries = optarg; break;
		case 's': show = strtol(optarg, NULL, 10); break;
		case 'h': fputs(variants_usage, stdout); return EXIT_OK;
		default: fputs(variants_usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind + 1 < argc) {
		fputs(variants_usage, stderr);
		return EXIT_USAGE;
	}
	if (optind < argc)
		path = argv[optind];
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "veille eval variants: %s not found: skipped\n",
			path);
		if (json)
			fputs("{\"skipped\": true}\n", stdout);
		else
			puts("variants: skipped (no data)");
		return EXIT_OK;
	}
	if (!(text = read_all(path, &len))) {
		fprintf(stderr, "veille: %s: cannot read\n", path);
		goto done;
	}
	if (!no_gaz) {
		if (vl__aliases_new(&al) || !(gaz = vl__gaz_default())) {
			cli_error("eval variants", "out of memory");
			goto done;
		}
	}
	if (read_cities(&ev, text, countries))
		goto oom;
	sorted = malloc((ev.nv ? ev.nv : 1) * sizeof(variant *));
	if (!sorted)
		goto oom;
	for (size_t i = 0; i < ev.nv; i++) {
		char id[ID_MAX];
		variant *v = &ev.v[i];
		if (no_gaz) {
			id[0] = 'k';
			vl__name_key(v->name, strlen(v->name), id + 1,
				     sizeof id - 1);
		} else {
			vl__place_identity(gaz, al, v->name, strlen(v->name),
					   id, sizeof id);
		}
		if (!(v->id = strdup(id)))
			goto oom;
		sorted[i] = v;
	}
	qsort(sorted, ev.nv, sizeof(variant *), by_id);
	score(&ev, sorted, &fg, show);
	if (json) {
		cJSON *o = cJSON_CreateObject();
		if (!o)
			goto oom;
		cJSON_AddStringToObject(o, "file", path);
		cJSON_AddStringToObject(o, "countries", countries);
		cJSON_AddBoolToObject(o, "gazetteer", !no_gaz);
		cJSON_AddNumberToObject(o, "cities", (double)ev.nc);
		cJSON_AddNumberToObject(o, "variants", (double)ev.nv);
		cJSON_AddNumberToObject(o, "pairs", (double)fg.pairs);
		cJSON_AddNumberToObject(o, "merged_pairs",
					(double)fg.merged_pairs);
		cJSON_AddNumberToObject(o, "pair_recall",
					ratio(fg.merged_pairs, fg.pairs));
		cJSON_AddNumberToObject(o, "false_merged_variants",
					(double)fg.false_merged);
		cJSON_AddNumberToObject(o, "false_merge_rate",
					ratio(fg.false_merged, ev.nv));
		cJSON_AddNumberToObject(o, "false_merged_cities",
					(double)fg.false_cities);
		cJSON_AddNumberToObject(o, "homonym_variants",
					(double)fg.homonyms);
		cJSON_AddNumberToObject(o, "resolved_elsewhere",
					(double)fg.elsewhere);
		cli_print_json(o);
	} else {
		printf("variants: %s, countries %s, %s\n", path, countries,
		       no_gaz ? "name key alone" : "gazetteer and aliases");
		printf("cities %zu, variants %zu, same-city pairs %zu\n", ev.nc,
		       ev.nv, fg.pairs);
		printf("pair recall       %.3f  (%zu of %zu pairs)\n",
		       ratio(fg.merged_pairs, fg.pairs), fg.merged_pairs,
		       fg.pairs);
		printf("false-merge rate  %.4f  (%zu of %zu variants resolved "
		       "to "
		       "another city's identity; %zu cities)\n",
		       ratio(fg.false_merged, ev.nv), fg.false_merged, ev.nv,
		       fg.false_cities);
		printf("homonyms          %zu variants written the same in "
		       "two cities (not counted)\n",
		       fg.homonyms);
		if (!no_gaz)
			printf("resolved elsewhere %zu variants resolved to "
			       "another place\n",
			       fg.elsewhere);
	}
	rc = EXIT_OK;
	goto done;
oom:
	cli_error("eval variants", "out of memory");
done:
	for (size_t i = 0; i < ev.nv; i++) {
		free(ev.v[i].name);
		free(ev.v[i].folded);
		free(ev.v[i].id);
	}
	free(ev.v);
	free(ev.c);
	free(sorted);
	free(text);
	vl__aliases_free(al);
	return rc;
}
