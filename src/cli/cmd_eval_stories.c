/*
 * cmd_eval_stories.c — `veille eval stories` and `veille eval similarity`:
 * the story stage scored on labelled data through the public API alone.
 *
 * Each data set goes into a temporary store of its own, in a fixed order
 * (the stage clusters online, so the order is part of the result); then
 * each labelled article's story is read back and the clustering is
 * scored against the gold stories by B-cubed precision and recall.
 * `eval similarity` correlates the stage's similarity of two articles
 * with human judgements of whether they tell the same story.
 */
#include <cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char stories_usage[] =
	"usage: veille eval stories [--json] [--verbose] [--threshold X]\n"
	"                           [--window-hours H] [--format F] [FILE "
	"...]\n"
	"\n"
	"Cluster each labelled data set into stories, in a temporary store "
	"of\n"
	"its own, and score veille's stories against the gold ones: B-cubed\n"
	"precision, recall and F1, averaged over the labelled articles. A "
	"FILE\n"
	"is one of these (told by its content; --format F forces one):\n"
	"  stories-fr  a folder (or its articles.jsonl) holding "
	"articles.jsonl\n"
	"              and labels.tsv (article_id, story_id, label); "
	"ingested by\n"
	"              publication date\n"
	"  gnews       lines section<TAB>cluster<TAB>headline; each "
	"headline is\n"
	"              a French article, ingested in a fixed shuffled order\n"
	"  basil       JSON Lines: uuid, title, date, source, "
	"body-paragraphs,\n"
	"              triplet-uuid (the story); English, ingested by date\n"
	"Default: ../shared/data/stories-fr, "
	"../shared/data/gnews-clusters/\n"
	"headlines-dev.tsv and ../shared/data/basil/articles.jsonl, each "
	"skipped\n"
	"when absent. --threshold and --window-hours set the story stage's\n"
	"options (default: its own). --verbose lists on stderr the gold "
	"stories\n"
	"most split and the veille stories most wrongly merged.\n";

static const char similarity_usage[] =
	"usage: veille eval similarity [--json] [FILE]\n"
	"\n"
	"Ingest both texts of each pair of FILE (JSON Lines: pair_id, "
	"lang1,\n"
	"lang2, text1, text2, and Overall from 1, the same story, to 4,\n"
	"unrelated) into a temporary store, then print the Pearson "
	"correlation\n"
	"of the story stage's similarity with 5 - Overall (higher is "
	"better),\n"
	"over all pairs and per language pair. Default FILE:\n"
	"../shared/data/semeval2022-t8/pairs-dev.jsonl.\n";

#define SHARED_DATA "../shared/data/"

/* Seed of the gnews shuffle: any fixed value makes the order reproducible. */
#define SHUFFLE_SEED 0x9e3779b97f4a7c15ull

/* How many gold stories, and veille stories, --verbose shows. */
#define VERBOSE_TOP 5

typedef enum { F_AUTO, F_STORIES_FR, F_GNEWS, F_BASIL, N_FORMAT } format;
static const char *const format_name[N_FORMAT] = { "auto", "stories-fr",
						   "gnews", "basil" };

/* One article to ingest, with its gold story when it is labelled. */
typedef struct item {
	char *id;
	char *json;    /* its JSON Lines record */
	char *gold;    /* NULL: ingested, not scored */
	char *title;   /* for --verbose */
	char *date;    /* ingest order; NULL when undated */
	size_t pos;    /* input position: equal dates keep it */
	int64_t story; /* veille's story, when found */
	int found;     /* the article was stored */
} item;

typedef struct dataset {
	item *v;
	size_t n, cap;
	size_t skipped; /* malformed input records */
} dataset;

/* ------------------------------------------------------------ reading */

/* The whole file, NUL-terminated, or NULL (message printed). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f) {
		cli_error(path, "not found or not readable");
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) &&
	    fread(buf, 1, (size_t)n, f) == (size_t)n) {
		buf[n] = '\0';
		*len = (size_t)n;
	} else {
		cli_error(path, buf ? "read error" : "out of memory");
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Cut the next line of buf at *at (NUL in place of the newline, a
 * trailing CR dropped); NULL at the end. */
static char *next_line(char *buf, size_t len, size_t *at)
{
	char *s, *nl;
	size_t n;

	if (*at >= len)
		return NULL;
	s = buf + *at;
	nl = memchr(s, '\n', len - *at);
	n = nl ? (size_t)(nl - s) : len - *at;
	*at += n + 1;
	s[n] = '\0';
	if (n && s[n - 1] == '\r')
		s[n - 1] = '\0';
	return s;
}

static int oom(const char *what)
{
	cli_error(what, "out of memory");
	return EXIT_FAILURE_;
}

static void skip_record(dataset *d, const char *path, size_t line,
			const char *why)
{
	fprintf(stderr, "veille: %s:%zu: %s (skipped)\n", path, line, why);
	d->skipped++;
}

/* A string field, NULL when absent or not a string. */
static const char *str_field(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* Add the article `rec` (which must have a string "id") with its gold
 * story (NULL: not scored). 0 or -1 when out of memory. */
static int add_item(dataset *d, const cJSON *rec, const char *gold)
{
	item *it;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		item *v = realloc(d->v, cap * sizeof *v);
		if (!v)
			return -1;
		d->v = v;
		d->cap = cap;
	}
	it = &d->v[d->n];
	memset(it, 0, sizeof *it);
	it->pos = d->n;
	it->id = strdup(str_field(rec, "id"));
	it->json = cJSON_PrintUnformatted(rec);
	it->gold = dup_or_null(gold);
	it->title = dup_or_null(str_field(rec, "title"));
	it->date = dup_or_null(str_field(rec, "published"));
	d->n++;
	if (!it->id || !it->json || (gold && !it->gold))
		return -1;
	return 0;
}

static void dataset_free(dataset *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].id);
		cJSON_free(d->v[i].json);
		free(d->v[i].gold);
		free(d->v[i].title);
		free(d->v[i].date);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------ formats */

typedef struct gold_label {
	const char *id, *story; /* pointers into the labels file */
} gold_label;

static int cmp_gold_label(const void *a, const void *b)
{
	return strcmp(((const gold_label *)a)->id, ((const gold_label *)b)->id);
}

/* labels.tsv: a header, then article_id <TAB> story_id <TAB> label. */
static gold_label *read_labels(char *buf, size_t len, size_t *n)
{
	gold_label *v = malloc((len / 2 + 1) * sizeof *v);
	size_t at = 0, line = 0;
	char *s;

	*n = 0;
	if (!v)
		return NULL;
	while ((s = next_line(buf, len, &at))) {
		char *tab = strchr(s, '\t'), *end;
		if (line++ == 0 || !tab)
			continue;
		*tab = '\0';
		if ((end = strchr(tab + 1, '\t')))
			*end = '\0';
		v[*n].id = s;
		v[(*n)++].story = tab + 1;
	}
	qsort(v, *n, sizeof *v, cmp_gold_label);
	return v;
}

/* stories-fr: the articles as they are, scored when labels.tsv, beside
 * articles.jsonl, names them. */
static int load_stories_fr(dataset *d, const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *labels_path, *lbuf = NULL, *s;
	gold_label *labels = NULL;
	size_t n_labels = 0, llen, at = 0, line = 0, scored = 0;
	int rc = EXIT_FAILURE_, bad;

	labels_path = malloc(strlen(path) + sizeof "/labels.tsv");
	if (!labels_path)
		return oom(path);
	sprintf(labels_path, "%.*slabels.tsv",
		slash ? (int)(slash - path + 1) : 0, path);
	if (!(lbuf = slurp(labels_path, &llen)))
		goto done;
	if (!(labels = read_labels(lbuf, llen, &n_labels))) {
		rc = oom(labels_path);
		goto done;
	}
	while ((s = next_line(buf, len, &at))) {
		cJSON *rec;
		gold_label key, *hit;
		line++;
		if (!*s)
			continue;
		rec = cJSON_Parse(s);
		key.id = str_field(rec, "id");
		if (!key.id) {
			skip_record(d, path, line, "not an article with an id");
			cJSON_Delete(rec);
			continue;
		}
		hit = bsearch(&key, labels, n_labels, sizeof *labels,
			      cmp_gold_label);
		scored += hit != NULL;
		bad = add_item(d, rec, hit ? hit->story : NULL);
		cJSON_Delete(rec);
		if (bad) {
			rc = oom(path);
			goto done;
		}
	}
	if (scored < n_labels)
		fprintf(stderr, "veille: %s: %zu labelled articles not in %s\n",
			labels_path, n_labels - scored, path);
	rc = EXIT_OK;
done:
	free(labels_path);
	free(lbuf);
	free(labels);
	return rc;
}

/* xorshift64 (Marsaglia, "Xorshift RNGs", 2003). */
static uint64_t xorshift64(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* The gnews file comes sorted by cluster, which would hand an online
 * clusterer each story in one run: shuffle it (Fisher-Yates) with a
 * fixed seed so that every run sees the same order. */
static void shuffle(dataset *d)
{
	uint64_t x = SHUFFLE_SEED;

	for (size_t i = d->n; i > 1; i--) {
		size_t j = (size_t)(xorshift64(&x) % i);
		item t = d->v[i - 1];
		d->v[i - 1] = d->v[j];
		d->v[j] = t;
	}
}

/* gnews: section <TAB> cluster <TAB> headline; the headline is the title
 * and the text. Clusters are told apart within their section. */
static int load_gnews(dataset *d, const char *path, char *buf, size_t len)
{
	size_t at = 0, line = 0;
	char *s;

	while ((s = next_line(buf, len, &at))) {
		char *cluster, *title, gold[512], id[32];
		cJSON *rec;
		int bad;
		line++;
		if (!*s)
			continue;
		cluster = strchr(s, '\t');
		title = cluster ? strchr(cluster + 1, '\t') : NULL;
		if (!title || !title[1]) {
			skip_record(d, path, line,
				    "expected section<TAB>cluster<TAB>title");
			continue;
		}
		*cluster++ = '\0';
		*title++ = '\0';
		snprintf(gold, sizeof gold, "%s/%s", s, cluster);
		snprintf(id, sizeof id, "gnews-%zu", line);
		rec = cJSON_CreateObject();
		cJSON_AddStringToObject(rec, "id", id);
		cJSON_AddStringToObject(rec, "source", "gnews");
		cJSON_AddStringToObject(rec, "lang", "fr");
		cJSON_AddStringToObject(rec, "title", title);
		cJSON_AddStringToObject(rec, "text", title);
		bad = add_item(d, rec, gold);
		cJSON_Delete(rec);
		if (bad)
			return oom(path);
	}
	shuffle(d);
	return EXIT_OK;
}

/* BASIL's body: a list of paragraphs, each a list of sentences; the
 * sentences joined by a space, the paragraphs by a blank line. */
static char *join_paragraphs(const cJSON *body)
{
	const cJSON *p, *s;
	size_t n = 1;
	char *out, *w;

	cJSON_ArrayForEach(p, body)
	{
		cJSON_ArrayForEach(s, p)
		{
			if (cJSON_IsString(s))
				n += strlen(s->valuestring) + 2;
		}
	}
	if (!(w = out = malloc(n)))
		return NULL;
	*w = '\0';
	cJSON_ArrayForEach(p, body)
	{
		const char *sep = w > out ? "\n\n" : "";
		cJSON_ArrayForEach(s, p)
		{
			if (!cJSON_IsString(s))
				continue;
			w += sprintf(w, "%s%s", sep, s->valuestring);
			sep = " ";
		}
	}
	return out;
}

/* basil: one article a line, its story in "triplet-uuid". */
static int load_basil(dataset *d, const char *path, char *buf, size_t len)
{
	size_t at = 0, line = 0;
	char *s;

	while ((s = next_line(buf, len, &at))) {
		cJSON *in, *rec;
		char *text;
		const char *uuid, *gold;
		int bad;
		line++;
		if (!*s)
			continue;
		in = cJSON_Parse(s);
		uuid = str_field(in, "uuid");
		gold = str_field(in, "triplet-uuid");
		if (!uuid || !gold) {
			skip_record(d, path, line,
				    "not a BASIL article (uuid, triplet-uuid)");
			cJSON_Delete(in);
			continue;
		}
		text = join_paragraphs(cJSON_GetObjectItemCaseSensitive(
			in, "body-paragraphs"));
		rec = cJSON_CreateObject();
		cJSON_AddStringToObject(rec, "id", uuid);
		if (str_field(in, "source"))
			cJSON_AddStringToObject(rec, "source",
						str_field(in, "source"));
		if (str_field(in, "date"))
			cJSON_AddStringToObject(rec, "published",
						str_field(in, "date"));
		if (str_field(in, "title"))
			cJSON_AddStringToObject(rec, "title",
						str_field(in, "title"));
		cJSON_AddStringToObject(rec, "lang", "en");
		cJSON_AddStringToObject(rec, "text", text ? text : "");
		bad = !text || add_item(d, rec, gold);
		free(text);
		cJSON_Delete(rec);
		cJSON_Delete(in);
		if (bad)
			return oom(path);
	}
	return EXIT_OK;
}

/* The format of a file from its first line. */
static format sniff(const char *buf)
{
	size_t n = strcspn(buf, "\n");
	const char *tab;

	if (*buf == '{') {
		char *first = strndup(buf, n);
		int basil = first && strstr(first, "\"triplet-uuid\"");
		free(first);
		return basil ? F_BASIL : F_STORIES_FR;
	}
	tab = memchr(buf, '\t', n);
	if (tab && memchr(tab + 1, '\t', n - (size_t)(tab + 1 - buf)))
		return F_GNEWS;
	return F_AUTO;
}

static int is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Read the data set at path (a stories-fr folder, or a file), in the
 * order it is to be ingested. *fmt gets the format read. */
static int load(dataset *d, const char *path, format *fmt)
{
	char *file = NULL, *buf = NULL;
	size_t len;
	int rc = EXIT_FAILURE_;

	if (is_dir(path)) {
		if (*fmt != F_AUTO && *fmt != F_STORIES_FR) {
			cli_error(path, "a folder holds a stories-fr data set");
			return EXIT_USAGE;
		}
		*fmt = F_STORIES_FR;
		if (!(file = malloc(strlen(path) + sizeof "/articles.jsonl")))
			return oom(path);
		sprintf(file, "%s/articles.jsonl", path);
	}
	if (!(buf = slurp(file ? file : path, &len)))
		goto done;
	if (*fmt == F_AUTO && (*fmt = sniff(buf)) == F_AUTO) {
		cli_error(path, "unknown data set format (see --format)");
		rc = EXIT_USAGE;
		goto done;
	}
	rc = *fmt == F_GNEWS ? load_gnews(d, path, buf, len)
	     : *fmt == F_BASIL
		     ? load_basil(d, path, buf, len)
		     : load_stories_fr(d, file ? file : path, buf, len);
done:
	free(file);
	free(buf);
	return rc;
}

/* Publication order, undated articles last, ties in input order. */
static int cmp_date(const void *pa, const void *pb)
{
	const item *a = pa, *b = pb;
	int c = !a->date - !b->date;

	if (!c && a->date)
		c = strcmp(a->date, b->date);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* -------------------------------------------------------------- store */

static void on_reject(const vl_error *e, void *payload)
{
	size_t *rejected = payload;

	(*rejected)++;
	fprintf(stderr, "veille: %s: %s (rejected)\n", e->where, e->message);
}

/*
 * Open a fresh temporary store with the story options, its path into
 * tmp (empty when none was made), and ingest d's articles in their
 * order. *rejected gets the articles veille refused. 0 or an exit code
 * (message printed).
 */
static int open_with(vl_engine **eng, char tmp[32], const dataset *d,
		     const char *name, const vl_engine_options *eo,
		     size_t *rejected)
{
	vl_ingest_options io = VL_INGEST_OPTIONS_INIT;
	vl_ingest_stats st;
	vl_error err;
	size_t len = 0;
	char *all, *w;
	int rc;

	*eng = NULL;
	*rejected = 0;
	if ((rc = cli_temp_store(tmp)))
		return rc;
	memset(&err, 0, sizeof err);
	if ((rc = vl_engine_open(eng, tmp, eo, &err))) {
		fprintf(stderr, "veille: %s: %s %s\n", tmp, vl_strerror(rc),
			err.message);
		return EXIT_FAILURE_;
	}
	for (size_t i = 0; i < d->n; i++)
		len += strlen(d->v[i].json) + 1;
	if (!(w = all = malloc(len + 1)))
		return oom(name);
	for (size_t i = 0; i < d->n; i++)
		w += sprintf(w, "%s\n", d->v[i].json);
	io.on_error = on_reject;
	io.payload = rejected;
	memset(&st, 0, sizeof st);
	rc = vl_engine_ingest_memory(*eng, name, all, len, "jsonl", &io, &st);
	free(all);
	if (rc) {
		cli_error(name, rc == VL_EDB ? vl_engine_errmsg(*eng)
					     : vl_strerror(rc));
		return EXIT_FAILURE_;
	}
	return EXIT_OK;
}

static void close_store(vl_engine *eng, const char *tmp)
{
	vl_engine_free(eng);
	if (*tmp)
		cli_temp_store_remove(tmp);
}

/* ------------------------------------------------------------ B-cubed */

/* A labelled article as two label numbers: a (gold or veille) and b. */
typedef struct cell {
	size_t a, b, i; /* i: the article, an index into the data set */
} cell;

static int cmp_cell(const void *pa, const void *pb)
{
	const cell *x = pa, *y = pb;

	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	if (x->b != y->b)
		return x->b < y->b ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/* A label before numbering: a string, then a number. */
typedef struct label {
	const char *s;
	int64_t v;
	size_t k; /* its place in the cells */
} label;

static int cmp_label(const void *pa, const void *pb)
{
	const label *x = pa, *y = pb;
	int c = strcmp(x->s, y->s);

	if (c)
		return c;
	return (x->v > y->v) - (x->v < y->v);
}

/* Number n labels 0, 1, ... by value into the cells' a or b (which = 0,
 * 1); returns how many distinct ones there are. Sorts l. */
static size_t number_labels(label *l, size_t n, cell *c, int which)
{
	size_t k = 0;

	qsort(l, n, sizeof *l, cmp_label);
	for (size_t i = 0; i < n; i++) {
		if (i && cmp_label(&l[i - 1], &l[i]))
			k++;
		*(which ? &c[l[i].k].b : &c[l[i].k].a) = k;
	}
	return n ? k + 1 : 0;
}

typedef struct score {
	size_t n, n_gold, n_pred, rejected, skipped;
	double p, r, f1;
} score;

/* How many cells share each value of a (which = 0) or b. */
static size_t *label_sizes(const cell *c, size_t n, size_t n_labels, int which)
{
	size_t *size = calloc(n_labels ? n_labels : 1, sizeof *size);

	for (size_t i = 0; size && i < n; i++)
		size[which ? c[i].b : c[i].a]++;
	return size;
}

/*
 * B-cubed precision and recall (Bagga and Baldwin 1998), averaged over
 * the articles: an article's precision is the share of its veille story
 * that shares its gold story, its recall the share of its gold story
 * that shares its veille story. Cells hold a = gold, b = veille; they
 * are sorted. 0 or -1 when out of memory.
 */
static int bcubed(score *s, cell *c, size_t n)
{
	size_t *gsize, *psize;
	double p = 0, r = 0;

	qsort(c, n, sizeof *c, cmp_cell);
	gsize = label_sizes(c, n, s->n_gold, 0);
	psize = label_sizes(c, n, s->n_pred, 1);
	if (!gsize || !psize) {
		free(gsize);
		free(psize);
		return -1;
	}
	for (size_t i = 0, j; i < n; i = j) {
		double both;
		for (j = i; j < n && c[j].a == c[i].a && c[j].b == c[i].b; j++)
			;
		/* each of the j - i articles in both scores both/size */
		both = (double)(j - i);
		p += both * both / (double)psize[c[i].b];
		r += both * both / (double)gsize[c[i].a];
	}
	s->n = n;
	s->p = n ? p / (double)n : 0;
	s->r = n ? r / (double)n : 0;
	s->f1 = s->p + s->r > 0 ? 2 * s->p * s->r / (s->p + s->r) : 0;
	free(gsize);
	free(psize);
	return 0;
}

/* ------------------------------------------------------------ verbose */

/* Print at most max bytes of s on one line, cut on a character. */
static void put_clip(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		fputc(s[i] == '\n' || s[i] == '\t' ? ' ' : s[i], stderr);
	if (n < strlen(s))
		fputs("...", stderr);
}

static void put_label(const item *it, int gold)
{
	if (gold)
		fprintf(stderr, "gold %s", it->gold);
	else if (it->found)
		fprintf(stderr, "veille %lld", (long long)it->story);
	else
		fputs("not stored", stderr);
}

typedef struct spread {
	size_t start, end; /* its cells */
	size_t off;	   /* articles outside its largest part */
} spread;

/* One group of cells [start, end) sharing a, its parts by b. */
static void print_spread(const dataset *d, const cell *c, const spread *g,
			 int a_is_gold, const char *what)
{
	size_t parts = 1;

	for (size_t i = g->start + 1; i < g->end; i++)
		parts += c[i].b != c[i - 1].b;
	fprintf(stderr, "  %s: ", what);
	put_label(&d->v[c[g->start].i], a_is_gold);
	fprintf(stderr, " (%zu articles) over %zu stories\n", g->end - g->start,
		parts);
	for (size_t i = g->start, j; i < g->end; i = j) {
		const item *it = &d->v[c[i].i];
		for (j = i; j < g->end && c[j].b == c[i].b; j++)
			;
		fprintf(stderr, "    %3zu  ", j - i);
		put_label(it, !a_is_gold);
		fputs("  ", stderr);
		put_clip(it->title ? it->title : it->id, 70);
		fputc('\n', stderr);
	}
}

/*
 * The groups of a (gold stories: split; veille's: merged) most spread
 * over b, by the articles outside their largest part. Sorts c by a, b.
 */
static void print_worst(const dataset *d, cell *c, size_t n, int a_is_gold,
			const char *what)
{
	spread top[VERBOSE_TOP];
	size_t n_top = 0;

	qsort(c, n, sizeof *c, cmp_cell);
	for (size_t i = 0, j; i < n; i = j) {
		spread g = { i, i, 0 };
		size_t largest = 0, k, m;
		for (j = i; j < n && c[j].a == c[i].a; j = k) {
			for (k = j;
			     k < n && c[k].a == c[i].a && c[k].b == c[j].b; k++)
				;
			largest = k - j > largest ? k - j : largest;
		}
		g.end = j;
		g.off = j - i - largest;
		if (!g.off)
			continue;
		/* insert by decreasing spread, keeping VERBOSE_TOP */
		for (m = n_top; m > 0 && top[m - 1].off < g.off; m--)
			if (m < VERBOSE_TOP)
				top[m] = top[m - 1];
		if (m < VERBOSE_TOP) {
			top[m] = g;
			n_top += n_top < VERBOSE_TOP;
		}
	}
	for (size_t t = 0; t < n_top; t++)
		print_spread(d, c, &top[t], a_is_gold, what);
}

static void swap_ab(cell *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t t = c[i].a;
		c[i].a = c[i].b;
		c[i].b = t;
	}
}

static void explain(const dataset *d, const char *name, cell *c, size_t n)
{
	fprintf(stderr, "%s: gold stories split the most:\n", name);
	print_worst(d, c, n, 1, "split");
	swap_ab(c, n);
	fprintf(stderr, "%s: veille stories merged the most:\n", name);
	print_worst(d, c, n, 0, "merged");
	swap_ab(c, n);
}

/* ------------------------------------------------------ eval stories */

/*
 * Score veille's stories on d: cells for the labelled articles, gold
 * stories as a, veille's as b (an article veille refused is a story of
 * its own).
 */
static int score_stories(vl_engine *eng, dataset *d, score *s, const char *name,
			 int verbose)
{
	cell *c = calloc(d->n + 1, sizeof *c);
	label *g = calloc(d->n + 1, sizeof *g),
	      *p = calloc(d->n + 1, sizeof *p);
	size_t n = 0;
	int rc = EXIT_FAILURE_, e;

	if (!c || !g || !p) {
		rc = oom(name);
		goto done;
	}
	for (size_t i = 0; i < d->n; i++) {
		item *it = &d->v[i];
		if (!it->gold)
			continue;
		e = vl_engine_story_of(eng, it->id, &it->story);
		if (e && e != VL_ENOTFOUND) {
			cli_error(it->id, e == VL_EDB ? vl_engine_errmsg(eng)
						      : vl_strerror(e));
			goto done;
		}
		it->found = !e;
		c[n].i = i;
		g[n] = (label){ it->gold, 0, n };
		p[n] = (label){ it->found ? "" : it->id, it->story, n };
		n++;
	}
	s->n_gold = number_labels(g, n, c, 0);
	s->n_pred = number_labels(p, n, c, 1);
	if (bcubed(s, c, n)) {
		rc = oom(name);
		goto done;
	}
	if (verbose)
		explain(d, name, c, n);
	rc = EXIT_OK;
done:
	free(c);
	free(g);
	free(p);
	return rc;
}

typedef struct stories_opts {
	vl_engine_options eo;
	format fmt;
	int json, verbose;
} stories_opts;

/* Load, ingest and score one data set into s; an exit code. */
static int eval_one(const char *path, const stories_opts *o, score *s,
		    format *fmt)
{
	char tmp[32] = "";
	dataset d;
	vl_engine *eng = NULL;
	int rc;

	memset(&d, 0, sizeof d);
	memset(s, 0, sizeof *s);
	*fmt = o->fmt;
	if ((rc = load(&d, path, fmt)))
		goto done;
	if (*fmt != F_GNEWS && d.n)
		qsort(d.v, d.n, sizeof *d.v, cmp_date);
	s->skipped = d.skipped;
	if (!(rc = open_with(&eng, tmp, &d, path, &o->eo, &s->rejected)))
		rc = score_stories(eng, &d, s, path, o->verbose);
	close_store(eng, tmp);
done:
	dataset_free(&d);
	return rc;
}

static cJSON *score_json(const char *path, format fmt, const score *s)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", format_name[fmt]);
	cJSON_AddStringToObject(o, "file", path);
	cJSON_AddNumberToObject(o, "articles", (double)s->n);
	cJSON_AddNumberToObject(o, "gold_stories", (double)s->n_gold);
	cJSON_AddNumberToObject(o, "veille_stories", (double)s->n_pred);
	cJSON_AddNumberToObject(o, "precision", s->p);
	cJSON_AddNumberToObject(o, "recall", s->r);
	cJSON_AddNumberToObject(o, "f1", s->f1);
	cJSON_AddNumberToObject(o, "rejected", (double)s->rejected);
	cJSON_AddNumberToObject(o, "skipped", (double)s->skipped);
	return o;
}

/* One line of the table, after its header when first. */
static void print_score(const char *path, format fmt, const score *s, int first)
{
	if (first)
		printf("%-10s %8s %6s %6s %6s %6s %6s  %s\n", "data set",
		       "articles", "gold", "veille", "P", "R", "F1", "file");
	printf("%-10s %8zu %6zu %6zu %6.3f %6.3f %6.3f  %s\n", format_name[fmt],
	       s->n, s->n_gold, s->n_pred, s->p, s->r, s->f1, path);
}

/* The format called name, N_FORMAT when none is. */
static format format_named(const char *name)
{
	format f = F_STORIES_FR;

	while (f < N_FORMAT && strcmp(name, format_name[f]) != 0)
		f++;
	return f;
}

/* A positive number option, or -1. */
static double positive(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	return end != s && !*end && isfinite(v) && v > 0 ? v : -1;
}

static int parse_stories(int argc, char **argv, stories_opts *o)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "threshold", required_argument, NULL, 't' },
		{ "window-hours", required_argument, NULL, 'w' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	vl_engine_options init = VL_ENGINE_OPTIONS_INIT;
	int c;

	memset(o, 0, sizeof *o);
	o->eo = init;
	optind = 1;
	while ((c = getopt_long(argc, argv, "jvt:w:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j': o->json = 1; break;
		case 'v': o->verbose = 1; break;
		case 't':
			if ((o->eo.story_threshold = positive(optarg)) < 0)
				goto bad;
			break;
		case 'w':
			if ((o->eo.story_window_h = positive(optarg)) < 0)
				goto bad;
			break;
		case 'f':
			if ((o->fmt = format_named(optarg)) == N_FORMAT)
				goto bad;
			break;
		case 'h': fputs(stories_usage, stdout); return EXIT_OK;
		default: goto bad;
		}
	}
	return -1;
bad:
	fputs(stories_usage, stderr);
	return EXIT_USAGE;
}

/* A story option as given, null for the stage's default. */
static void add_option(cJSON *o, const char *key, double v)
{
	if (v > 0)
		cJSON_AddNumberToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

/* Is path a default data set that is absent? Says so. */
static int skip_default(const char *path, const char *cmd, int is_default)
{
	if (!is_default || access(path, R_OK) == 0)
		return 0;
	fprintf(stderr, "veille eval %s: %s not found: skipping\n", cmd, path);
	return 1;
}

int cli_eval_stories(int argc, char **argv)
{
	static const char *const defaults[] = {
		SHARED_DATA "stories-fr",
		SHARED_DATA "gnews-clusters/headlines-dev.tsv",
		SHARED_DATA "basil/articles.jsonl"
	};
	const char *const *paths = defaults;
	int n_paths = (int)(sizeof defaults / sizeof *defaults);
	int rc, worst = EXIT_OK, n_run = 0, n_shown = 0;
	cJSON *out = NULL, *sets = NULL;
	stories_opts o;

	if ((rc = parse_stories(argc, argv, &o)) >= 0)
		return rc;
	if (optind < argc) {
		paths = (const char *const *)argv + optind;
		n_paths = argc - optind;
	}
	if (o.json) {
		out = cJSON_CreateObject();
		add_option(out, "threshold", o.eo.story_threshold);
		add_option(out, "window_hours", o.eo.story_window_h);
		sets = cJSON_AddArrayToObject(out, "datasets");
	}
	for (int i = 0; i < n_paths; i++) {
		score s;
		format fmt;
		if (skip_default(paths[i], "stories", paths == defaults))
			continue;
		n_run++;
		rc = eval_one(paths[i], &o, &s, &fmt);
		if (rc == EXIT_OK && (s.rejected || s.skipped))
			rc = EXIT_PARTIAL;
		worst = rc > worst ? rc : worst;
		if (rc != EXIT_OK && rc != EXIT_PARTIAL)
			continue;
		if (o.json)
			cJSON_AddItemToArray(sets,
					     score_json(paths[i], fmt, &s));
		else
			print_score(paths[i], fmt, &s, !n_shown++);
	}
	if (!n_run)
		fputs("veille eval stories: no data set found: nothing to "
		      "score\n",
		      stderr);
	if (out)
		cli_print_json(out);
	return worst;
}

/* --------------------------------------------------- eval similarity */

/* One pair: its two articles are items `first` and `first + 1`. */
typedef struct pair {
	char langs[16]; /* "de-en" */
	size_t first;
	double human; /* 5 - Overall: 4 the same story, 1 unrelated */
	double sim;
} pair;

typedef struct pairs {
	pair *v;
	size_t n, cap;
} pairs;

static int cmp_langs(const void *a, const void *b)
{
	return strcmp(((const pair *)a)->langs, ((const pair *)b)->langs);
}

/* A number given as a JSON number or as a string that holds one. */
static int number_field(const cJSON *o, const char *key, double *v)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(o, key);
	char *end;

	if (cJSON_IsNumber(x)) {
		*v = x->valuedouble;
		return 0;
	}
	if (!cJSON_IsString(x))
		return -1;
	*v = strtod(x->valuestring, &end);
	return end != x->valuestring && !*end && isfinite(*v) ? 0 : -1;
}

/* Add one side of a pair as an article. Each text is its own source, so
 * that a text found in several pairs is not learned as an outlet's
 * boilerplate. */
static int add_side(dataset *d, const char *pair_id, int side, const char *lang,
		    const char *text)
{
	char id[300];
	cJSON *rec = cJSON_CreateObject();
	int rc;

	snprintf(id, sizeof id, "%s:%d", pair_id, side);
	cJSON_AddStringToObject(rec, "id", id);
	cJSON_AddStringToObject(rec, "source", id);
	if (lang && *lang)
		cJSON_AddStringToObject(rec, "lang", lang);
	cJSON_AddStringToObject(rec, "text", text);
	rc = add_item(d, rec, NULL);
	cJSON_Delete(rec);
	return rc;
}

/* The pairs of a SemEval-2022 Task 8 file, their texts into d. */
static int load_pairs(dataset *d, pairs *ps, const char *path, char *buf,
		      size_t len)
{
	size_t at = 0, line = 0;
	char *s;

	while ((s = next_line(buf, len, &at))) {
		cJSON *in;
		const char *id, *t1, *t2, *l1, *l2;
		double overall;
		pair *p;
		line++;
		if (!*s)
			continue;
		in = cJSON_Parse(s);
		id = str_field(in, "pair_id");
		t1 = str_field(in, "text1");
		t2 = str_field(in, "text2");
		l1 = str_field(in, "lang1");
		l2 = str_field(in, "lang2");
		if (!id || !t1 || !t2 ||
		    number_field(in, "Overall", &overall) || strlen(id) > 256) {
			skip_record(d, path, line,
				    "expected pair_id, text1, text2, Overall");
			cJSON_Delete(in);
			continue;
		}
		if (ps->n == ps->cap) {
			size_t cap = ps->cap ? ps->cap * 2 : 256;
			pair *v = realloc(ps->v, cap * sizeof *v);
			if (!v) {
				cJSON_Delete(in);
				return oom(path);
			}
			ps->v = v;
			ps->cap = cap;
		}
		p = &ps->v[ps->n++];
		snprintf(p->langs, sizeof p->langs, "%.7s-%.7s",
			 l1 ? l1 : "und", l2 ? l2 : "und");
		p->first = d->n;
		p->human = 5 - overall;
		p->sim = 0;
		if (add_side(d, id, 1, l1, t1) || add_side(d, id, 2, l2, t2)) {
			cJSON_Delete(in);
			return oom(path);
		}
		cJSON_Delete(in);
	}
	return EXIT_OK;
}

/* Pearson's r of sim and human over n pairs; -1 when undefined (fewer
 * than two pairs, or one side constant). */
static int pearson(const pair *v, size_t n, double *r)
{
	double mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;

	if (n < 2)
		return -1;
	for (size_t i = 0; i < n; i++) {
		mx += v[i].sim;
		my += v[i].human;
	}
	mx /= (double)n;
	my /= (double)n;
	for (size_t i = 0; i < n; i++) {
		double dx = v[i].sim - mx, dy = v[i].human - my;
		sxy += dx * dy;
		sxx += dx * dx;
		syy += dy * dy;
	}
	if (sxx <= 0 || syy <= 0)
		return -1;
	*r = sxy / sqrt(sxx * syy);
	return 0;
}

/* "pearson": r of the n pairs, or null when undefined. */
static void add_pearson(cJSON *o, const pair *v, size_t n)
{
	double r;

	if (pearson(v, n, &r) == 0)
		cJSON_AddNumberToObject(o, "pearson", r);
	else
		cJSON_AddNullToObject(o, "pearson");
}

/* One line of the report, or one object of "by_langs" when json. */
static void report_group(cJSON *by_langs, const char *langs, const pair *v,
			 size_t n)
{
	double r;

	if (by_langs) {
		cJSON *g = cJSON_CreateObject();
		cJSON_AddStringToObject(g, "langs", langs);
		cJSON_AddNumberToObject(g, "pairs", (double)n);
		add_pearson(g, v, n);
		cJSON_AddItemToArray(by_langs, g);
	} else if (pearson(v, n, &r) == 0) {
		printf("%-8s %6zu %7.3f\n", langs, n, r);
	} else {
		printf("%-8s %6zu %7s\n", langs, n, "n/a");
	}
}

/* Score the pairs whose two texts veille stored; print the report. */
static int report_similarity(vl_engine *eng, const dataset *d, pairs *ps,
			     const char *path, int json)
{
	size_t n = 0;
	cJSON *out = NULL, *by_langs = NULL;

	for (size_t i = 0; i < ps->n; i++) {
		pair *p = &ps->v[i];
		int e = vl_engine_story_similarity(
			eng, d->v[p->first].id, d->v[p->first + 1].id, &p->sim);
		if (e == VL_ENOTFOUND)
			continue; /* a text veille refused, said at ingest */
		if (e) {
			cli_error(d->v[p->first].id,
				  e == VL_EDB ? vl_engine_errmsg(eng)
					      : vl_strerror(e));
			return EXIT_FAILURE_;
		}
		ps->v[n++] = *p;
	}
	if (json) {
		out = cJSON_CreateObject();
		cJSON_AddStringToObject(out, "file", path);
		cJSON_AddNumberToObject(out, "pairs", (double)n);
		cJSON_AddNumberToObject(out, "missing", (double)(ps->n - n));
		add_pearson(out, ps->v, n);
		by_langs = cJSON_AddArrayToObject(out, "by_langs");
	} else {
		printf("similarity: %s: %zu pairs (%zu missing): Pearson r of "
		       "the story similarity with 5 - Overall\n",
		       path, n, ps->n - n);
		printf("%-8s %6s %7s\n", "langs", "pairs", "r");
		report_group(NULL, "all", ps->v, n);
	}
	if (n)
		qsort(ps->v, n, sizeof *ps->v, cmp_langs);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && !strcmp(ps->v[j].langs, ps->v[i].langs);
		     j++)
			;
		report_group(by_langs, ps->v[i].langs, ps->v + i, j - i);
	}
	if (out)
		cli_print_json(out);
	return EXIT_OK;
}

int cli_eval_similarity(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	vl_engine_options eo = VL_ENGINE_OPTIONS_INIT;
	const char *path = SHARED_DATA "semeval2022-t8/pairs-dev.jsonl";
	char tmp[32] = "", *buf = NULL;
	int c, json = 0, rc;
	size_t len, rejected = 0;
	vl_engine *eng = NULL;
	dataset d;
	pairs ps;

	optind = 1;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'h': fputs(similarity_usage, stdout); return EXIT_OK;
		default: fputs(similarity_usage, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		fputs(similarity_usage, stderr);
		return EXIT_USAGE;
	}
	if (optind < argc)
		path = argv[optind];
	else if (skip_default(path, "similarity", 1))
		return EXIT_OK;
	memset(&d, 0, sizeof d);
	memset(&ps, 0, sizeof ps);
	if (!(buf = slurp(path, &len))) {
		rc = EXIT_FAILURE_;
		goto done;
	}
	if ((rc = load_pairs(&d, &ps, path, buf, len)))
		goto done;
	if (!(rc = open_with(&eng, tmp, &d, path, &eo, &rejected)))
		rc = report_similarity(eng, &d, &ps, path, json);
	if (rc == EXIT_OK && (rejected || d.skipped))
		rc = EXIT_PARTIAL;
done:
	close_store(eng, tmp);
	free(buf);
	free(ps.v);
	dataset_free(&d);
	return rc;
}
