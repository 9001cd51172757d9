/*
 * ner_train.c — trains the entity tagger's model (src/entities/tagger.c):
 * an averaged structured perceptron (Collins 2002) over BIO tags with
 * first-order transitions, on the training part of the annotated files
 * of a folder, then scores the model it wrote on their held-back parts.
 *
 *   ner_train [--permissive] [--epochs N] [...] --out FILE DIR
 *
 * Files are read by name: *.conllu (WikiNEuRal), *.tsv (HIPE-2022),
 * *.bio (Europeana); the held-back part of each is carved by
 * vl__conll_held_back (conll.h). Deterministic: the sentences are
 * shuffled before each epoch by a generator with a fixed seed.
 *
 * After averaging, weights are quantised to int16 (one scale for all)
 * and the smallest are pruned until the model fits MAX_BLOB bytes.
 * Used by `make ner-model` (maintainers; needs ../shared).
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entities/conll.h"
#include "entities/gazetteer.h"
#include "entities/tagger.h"
#include "entities/tagger_int.h"

static size_t max_blob = 1400 * 1024;
#define NT VL_NTAGS
#define NTRANS ((VL_NTAGS + 1) * VL_NTAGS)

static const char usage[] =
	"usage: ner_train [--permissive] [--epochs N] [--hipe-repeat N]\n"
	"                 [--bio-repeat N] [--no-titles] [--no-gaz]\n"
	"                 [--no-join] [--skip WORD] [--max-bytes N]\n"
	"                 [--dev K] [--dump FILE]\n"
	"                 --out FILE DIR\n"
	"\n"
	"Train the entity tagger on the training part of the annotated files\n"
	"in DIR (*.conllu WikiNEuRal, *.tsv HIPE-2022, *.bio Europeana),\n"
	"write the model to FILE, and print its strict entity-level scores\n"
	"on the held-back parts (every 5th sentence; HIPE: every 2nd\n"
	"document), tagged as `veille eval ner` tags them.\n"
	"\n"
	"Licences: WikiNEuRal is CC BY-NC-SA 4.0 (NonCommercial), HIPE-2022\n"
	"NewsEye CC BY 4.0, Europeana CC0. A model trained on WikiNEuRal (the\n"
	"default) is a derivative of it: CC BY-NC-SA 4.0, no commercial use.\n"
	"--permissive trains on HIPE and Europeana only (files whose name\n"
	"lacks \"wikineural\"): the model is then CC BY 4.0 (attribution:\n"
	"the NewsEye/HIPE-2022 annotators) and usable commercially.\n"
	"\n"
	"--epochs N (12): passes over the data. --hipe-repeat N (2),\n"
	"--bio-repeat N (1): HIPE, Europeana sentences count N times.\n"
	"--no-titles: keep WikiNEuRal's and Europeana's convention of leaving\n"
	"\"M.\", \"Mme\"... out of a person (default: HIPE's, titles in).\n"
	"--no-gaz: without the gazetteer's flags. --no-join: tag the tokens\n"
	"as written, without joining words cut by \"\xC2\xAC\" (conll.h).\n"
	"--skip WORD: leave out files whose name holds WORD. --max-bytes N\n"
	"(1433600): prune the model to N bytes.\n"
	"--dev K (0 or 1): for tuning, train on half of the training part\n"
	"and score the other half (HIPE documents 4j + 2K, other sentences\n"
	"5j + 3), not the held-back parts. --dump FILE: write the scored\n"
	"HIPE tokens as token TAB gold TAB predicted (span.h tag codes).\n";

typedef struct file {
	char name[256];
	vl_conll *c;
	char *data;
} file;

/* The training sentences, as rows of the weight table. */
static uint32_t *tok_rows; /* NFEATS per token */
static uint8_t *tok_gold;
static size_t n_tok, cap_tok, *sent_off, n_sent, cap_sent, max_len;

/* Feature key -> row, open addressing. */
static uint32_t *map_keys, *map_rows, map_mask, n_rows;
static uint32_t *row_key;
static int titles = 1, no_gaz, no_join;

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "ner_train: out of memory\n");
		exit(3);
	}
	return q;
}

static uint32_t row_of(uint32_t k)
{
	uint32_t i = (k * 0x9E3779B1u) & map_mask;

	while (map_keys[i] && map_keys[i] != k)
		i = (i + 1) & map_mask;
	if (!map_keys[i]) {
		if (n_rows >= map_mask / 2) {
			fprintf(stderr, "ner_train: too many features\n");
			exit(3);
		}
		map_keys[i] = k;
		map_rows[i] = n_rows;
		row_key = xrealloc(row_key, (n_rows + 1) * sizeof *row_key);
		row_key[n_rows++] = k;
	}
	return map_rows[i];
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			b = xrealloc(b, cap);
		}
		r = fread(b + n, 1, cap - n, f);
		if (r == 0)
			break;
		n += r;
	}
	fclose(f);
	*len = n;
	return b;
}

/* HIPE-2022 counts a title before a name as part of the person ("M.
 * Emile Laurent"); WikiNEuRal and Europeana leave it out. One convention
 * for all: HIPE's, so that "M." and "Mme" become a strong signal. */
static int is_title(const vl_span *t)
{
	static const char *const ti[] = { "M.",	   "MM.", "Mme", "Mmes", "Mlle",
					  "Mlles", "Me",  "Mgr", "Dr",	 "Pr" };
	size_t i;

	for (i = 0; i < sizeof ti / sizeof ti[0]; i++)
		if (strlen(ti[i]) == t->len && !memcmp(ti[i], t->p, t->len))
			return 1;
	return 0;
}

static void harmonise_titles(const vl_span *toks, uint8_t *tags, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (tags[i] == VL_TAG_O && is_title(&toks[i]) &&
		    tags[i + 1] == VL_TAG_B(VL_ENT_PER)) {
			tags[i] = VL_TAG_B(VL_ENT_PER);
			tags[i + 1] = VL_TAG_I(VL_ENT_PER);
		}
}

static void add_sentence(const vl_span *toks, const uint8_t *tags,
			 const uint8_t *gaz, size_t n)
{
	uint32_t keys[VL_TAGGER_CHUNK * VL_TAGGER_NFEATS];
	size_t from, i;

	if (n_sent + 2 > cap_sent) {
		cap_sent = cap_sent ? cap_sent * 2 : 4096;
		sent_off = xrealloc(sent_off, cap_sent * sizeof *sent_off);
	}
	if (n_tok + n > cap_tok) {
		cap_tok = (cap_tok + n) * 2;
		tok_rows = xrealloc(tok_rows, cap_tok * VL_TAGGER_NFEATS *
						      sizeof *tok_rows);
		tok_gold = xrealloc(tok_gold, cap_tok);
	}
	sent_off[n_sent] = n_tok;
	for (from = 0; from < n; from += VL_TAGGER_CHUNK) {
		size_t to =
			n - from > VL_TAGGER_CHUNK ? from + VL_TAGGER_CHUNK : n;
		vl__tagger_feats(toks, gaz, n, from, to, keys);
		for (i = 0; i < (to - from) * VL_TAGGER_NFEATS; i++)
			tok_rows[(n_tok + from) * VL_TAGGER_NFEATS + i] =
				row_of(keys[i]);
	}
	memcpy(tok_gold + n_tok, tags, n);
	vl__bio_repair(tok_gold + n_tok, n);
	if (titles)
		harmonise_titles(toks, tok_gold + n_tok, n);
	n_tok += n;
	n_sent++;
	sent_off[n_sent] = n_tok;
	if (n > max_len)
		max_len = n;
}

/* Sentence s of c as the tagger reads it: its words (or, with
 * --no-join, its tokens), their gold tags and gazetteer flags (zeros
 * with --no-gaz), into the caller's buffers of c->n_tokens bytes. */
static size_t sentence_view(const vl_conll *c, size_t s, const vl_span **w,
			    uint8_t *wtags, uint8_t *gaz)
{
	size_t n;

	if (no_join) {
		n = c->sent[s + 1] - c->sent[s];
		*w = c->toks + c->sent[s];
		memcpy(wtags, c->tags + c->sent[s], n);
	} else {
		n = c->wsent[s + 1] - c->wsent[s];
		*w = c->words + c->wsent[s];
		vl__conll_word_tags(c, s, wtags);
	}
	memset(gaz, 0, n);
	if (!no_gaz)
		vl__gaz_mark(vl__gaz_default(), *w, n, gaz);
	return n;
}

/* Tag sentence s of c as `veille eval ner` does (tags: one per token). */
static void tag_sentence(const vl_tagger *tg, const vl_conll *c, size_t s,
			 uint8_t *tags)
{
	const vl_gaz *g = no_gaz ? NULL : vl__gaz_default();

	if (no_join) {
		size_t a = c->sent[s], n = c->sent[s + 1] - a;
		uint8_t gaz[4096];
		const uint8_t *gp = NULL;
		if (g && n <= sizeof gaz) {
			memset(gaz, 0, n);
			vl__gaz_mark(g, c->toks + a, n, gaz);
			gp = gaz;
		}
		vl__tagger_tag(tg, c->toks + a, gp, n, tags);
	} else if (vl__conll_tag(c, s, tg, g, tags)) {
		fprintf(stderr, "ner_train: out of memory\n");
		exit(3);
	}
}

/* The part of c a sentence belongs to: training, tuning (--dev K: half
 * of the training part, HIPE documents 4j + 2K, other sets' sentences
 * 5j + 3) or held back. */
enum { PART_TRAIN, PART_DEV, PART_HELD };
static int dev_fold = -1;

static int part_of(const vl_conll *c, size_t s)
{
	if (vl__conll_held_back(c, s))
		return PART_HELD;
	if (dev_fold < 0)
		return PART_TRAIN;
	if (c->format == VL_CONLL_HIPE)
		return c->doc[s] / 2 % 2 == (uint32_t)dev_fold ? PART_DEV
							       : PART_TRAIN;
	return s % 5 == 3 ? PART_DEV : PART_TRAIN;
}

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void putvar(unsigned char **p, uint32_t v)
{
	while (v >= 0x80) {
		*(*p)++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*(*p)++ = (unsigned char)v;
}

static void put32(unsigned char **p, uint32_t v)
{
	int i;
	for (i = 0; i < 4; i++)
		*(*p)++ = (unsigned char)(v >> (8 * i));
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Serialise rows with quantised weights q (NT per row), pruning entries
 * below thr; returns the size (blob may be NULL to measure). */
static size_t serialise(unsigned char *blob, const int16_t *q,
			const int32_t *trans, const uint32_t *order, int thr)
{
	unsigned char tmp[64], *p;
	size_t size = 8 + 8 + 4 * NTRANS + 4, i;
	uint32_t prev = 0, nrows = 0;
	unsigned char *count_at = NULL;

	if (blob) {
		memcpy(blob, VL_TAGGER_MAGIC, 8);
		p = blob + 8;
		put32(&p, VL_TAGGER_NFEATS);
		put32(&p, VL_TAGGER_FEAT_VERSION);
		for (i = 0; i < NTRANS; i++)
			put32(&p, (uint32_t)trans[i]);
		count_at = p;
		p += 4;
		blob = p;
	}
	for (i = 0; i < n_rows; i++) {
		uint32_t r = order[i], mask = 0;
		const int16_t *w = q + (size_t)r * NT;
		int k;
		for (k = 0; k < NT; k++)
			if (abs(w[k]) >= thr)
				mask |= 1u << k;
		if (!mask)
			continue;
		p = tmp;
		putvar(&p, row_key[r] - prev);
		putvar(&p, mask);
		for (k = 0; k < NT; k++)
			if (mask >> k & 1)
				putvar(&p, ((uint32_t)w[k] << 1) ^
						   (uint32_t)(w[k] >> 15));
		prev = row_key[r];
		nrows++;
		if (blob) {
			memcpy(blob, tmp, (size_t)(p - tmp));
			blob += p - tmp;
		}
		size += (size_t)(p - tmp);
	}
	if (count_at) {
		p = count_at;
		put32(&p, nrows);
	}
	return size;
}

static void report(const char *name, const vl_ner_counts *c)
{
	int t;
	printf("%-40s", name);
	for (t = 0; t < VL_ENT_NTYPES; t++) {
		double p = c->found[t] ? (double)c->correct[t] / c->found[t]
				       : 0,
		       r = c->gold[t] ? (double)c->correct[t] / c->gold[t] : 0,
		       f = p + r > 0 ? 2 * p * r / (p + r) : 0;
		printf(" %s %.3f/%.3f/%.3f", t ? vl__ent_type_name(t) : "ALL",
		       p, r, f);
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	const char *out = NULL, *dir = NULL;
	int permissive = 0, epochs = 12, i, e, nf = 0, hipe_repeat = 2, rep,
	    bio_repeat = 1, reps;
	const char *skip = NULL;
	file files[16];
	DIR *d;
	struct dirent *de;
	char *names[16];
	int n_names = 0;
	int32_t *w, trans[NTRANS], *emit;
	double *u, utrans[NTRANS], c = 1, maxabs = 0, scale;
	int16_t *q;
	int32_t qtrans[NTRANS];
	uint32_t *order;
	uint8_t *pred, *back;
	size_t *perm, s, blob_len;
	unsigned char *blob;
	int thr;
	FILE *fo;
	vl_tagger *tg;
	uint8_t *vbuf = NULL;
	const char *dump = NULL;
	FILE *fd = NULL;
	vl_ner_counts hipe_all;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--permissive"))
			permissive = 1;
		else if (!strcmp(argv[i], "--out") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--max-bytes") && i + 1 < argc)
			max_blob = (size_t)atol(argv[++i]);
		else if (!strcmp(argv[i], "--hipe-repeat") && i + 1 < argc)
			hipe_repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--bio-repeat") && i + 1 < argc)
			bio_repeat = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-gaz"))
			no_gaz = 1;
		else if (!strcmp(argv[i], "--no-join"))
			no_join = 1;
		else if (!strcmp(argv[i], "--dev") && i + 1 < argc)
			dev_fold = atoi(argv[++i]) & 1;
		else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
			dump = argv[++i];
		else if (!strcmp(argv[i], "--no-titles"))
			titles = 0;
		else if (!strcmp(argv[i], "--skip") && i + 1 < argc)
			skip = argv[++i];
		else if (!strcmp(argv[i], "--epochs") && i + 1 < argc)
			epochs = atoi(argv[++i]);
		else if (argv[i][0] != '-' && !dir)
			dir = argv[i];
		else {
			fputs(usage, stderr);
			return 2;
		}
	}
	if (!out || !dir || epochs < 1) {
		fputs(usage, stderr);
		return 2;
	}
	d = opendir(dir);
	if (!d) {
		fprintf(stderr, "ner_train: cannot open %s\n", dir);
		return 3;
	}
	while ((de = readdir(d)) && n_names < 16) {
		if (vl__conll_detect(NULL, 0, de->d_name) == VL_CONLL_AUTO)
			continue;
		if (permissive && strstr(de->d_name, "wikineural"))
			continue;
		if (skip && strstr(de->d_name, skip))
			continue;
		names[n_names++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n_names, sizeof *names, cmp_str_ptr);
	map_mask = (1u << 24) - 1;
	map_keys = calloc((size_t)map_mask + 1, sizeof *map_keys);
	map_rows = calloc((size_t)map_mask + 1, sizeof *map_rows);
	if (!map_keys || !map_rows)
		return 3;
	for (i = 0; i < n_names; i++) {
		char path[4096];
		size_t len = 0;
		vl_conll_error err;
		file *f = &files[nf];
		memset(&err, 0, sizeof err);
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(f->name, sizeof f->name, "%s", names[i]);
		f->data = slurp(path, &len);
		if (!f->data ||
		    vl__conll_read(&f->c, f->data, len,
				   vl__conll_detect(f->data, len, names[i]),
				   &err)) {
			fprintf(stderr, "ner_train: %s:%zu: %s\n", path,
				err.line, f->data ? err.msg : "unreadable");
			return 3;
		}
		vbuf = xrealloc(vbuf, 2 * f->c->n_tokens + 2);
		reps = f->c->format == VL_CONLL_HIPE  ? hipe_repeat
		       : f->c->format == VL_CONLL_BIO ? bio_repeat
						      : 1;
		for (rep = 0; rep < reps; rep++)
			for (s = 0; s < f->c->n_sents; s++) {
				const vl_span *ws;
				size_t n;
				if (part_of(f->c, s) != PART_TRAIN)
					continue;
				n = sentence_view(f->c, s, &ws, vbuf,
						  vbuf + f->c->n_tokens + 1);
				add_sentence(ws, vbuf,
					     vbuf + f->c->n_tokens + 1, n);
			}
		fprintf(stderr, "%s: %zu sentences, %zu tokens\n", names[i],
			f->c->n_sents, f->c->n_tokens);
		nf++;
	}
	free(vbuf);
	fprintf(stderr, "training: %zu sentences, %zu tokens, %u features\n",
		n_sent, n_tok, n_rows);

	w = calloc((size_t)n_rows * NT, sizeof *w);
	u = calloc((size_t)n_rows * NT, sizeof *u);
	emit = malloc((max_len + 1) * NT * sizeof *emit);
	back = malloc((max_len + 1) * NT);
	pred = malloc(max_len + 1);
	perm = malloc((n_sent + 1) * sizeof *perm);
	if (!w || !u || !emit || !back || !pred || !perm)
		return 3;
	memset(trans, 0, sizeof trans);
	memset(utrans, 0, sizeof utrans);
	for (s = 0; s < n_sent; s++)
		perm[s] = s;
	for (e = 0; e < epochs; e++) {
		size_t errors = 0;
		for (s = n_sent; s > 1; s--) {
			size_t j = (size_t)(next_rand() % s), t = perm[s - 1];
			perm[s - 1] = perm[j];
			perm[j] = t;
		}
		for (s = 0; s < n_sent; s++, c++) {
			size_t a = sent_off[perm[s]],
			       n = sent_off[perm[s] + 1] - a, k;
			const uint8_t *gold = tok_gold + a;
			int gp = VL_TAGGER_START, pp = VL_TAGGER_START;
			for (k = 0; k < n; k++) {
				const uint32_t *r =
					tok_rows + (a + k) * VL_TAGGER_NFEATS;
				int32_t *em = emit + k * NT;
				int j, t;
				for (t = 0; t < NT; t++)
					em[t] = 0;
				for (j = 0; j < VL_TAGGER_NFEATS; j++)
					for (t = 0; t < NT; t++)
						em[t] += w[(size_t)r[j] * NT +
							   t];
			}
			vl__tagger_viterbi(emit, trans, n, VL_TAGGER_START,
					   back, pred);
			for (k = 0; k < n; k++) {
				int g = gold[k], p = pred[k];
				if (g != p) {
					const uint32_t *r =
						tok_rows +
						(a + k) * VL_TAGGER_NFEATS;
					int j;
					errors++;
					for (j = 0; j < VL_TAGGER_NFEATS; j++) {
						size_t ig = (size_t)r[j] * NT +
							    (size_t)g,
						       ip = (size_t)r[j] * NT +
							    (size_t)p;
						w[ig]++;
						u[ig] += c;
						w[ip]--;
						u[ip] -= c;
					}
				}
				if (g != p || gp != pp) {
					trans[gp * NT + g]++;
					utrans[gp * NT + g] += c;
					trans[pp * NT + p]--;
					utrans[pp * NT + p] -= c;
				}
				gp = g;
				pp = p;
			}
		}
		fprintf(stderr, "epoch %d: %zu token errors\n", e + 1, errors);
	}

	/* average (w - u / c), then one scale for all weights */
	for (s = 0; s < (size_t)n_rows * NT; s++) {
		double a = w[s] - u[s] / c;
		u[s] = a;
		if (fabs(a) > maxabs)
			maxabs = fabs(a);
	}
	for (s = 0; s < NTRANS; s++) {
		utrans[s] = trans[s] - utrans[s] / c;
		if (fabs(utrans[s]) > maxabs)
			maxabs = fabs(utrans[s]);
	}
	scale = maxabs > 0 ? 32000.0 / maxabs : 1;
	q = malloc((size_t)n_rows * NT * sizeof *q);
	order = malloc((size_t)n_rows * sizeof *order);
	if (!q || !order)
		return 3;
	for (s = 0; s < (size_t)n_rows * NT; s++)
		q[s] = (int16_t)lround(u[s] * scale);
	for (s = 0; s < NTRANS; s++)
		qtrans[s] = (int32_t)lround(utrans[s] * scale);
	/* rows in key order: sort keys, then map back */
	for (s = 0; s < n_rows; s++)
		order[s] = row_key[s];
	qsort(order, n_rows, sizeof *order, cmp_u32);
	for (s = 0; s < n_rows; s++) {
		uint32_t k = order[s], h = (k * 0x9E3779B1u) & map_mask;
		while (map_keys[h] != k)
			h = (h + 1) & map_mask;
		order[s] = map_rows[h];
	}
	for (thr = 1; serialise(NULL, q, qtrans, order, thr) > max_blob;
	     thr += thr < 8 ? 1 : thr / 8)
		;
	blob_len = serialise(NULL, q, qtrans, order, thr);
	blob = malloc(blob_len);
	if (!blob)
		return 3;
	serialise(blob, q, qtrans, order, thr);
	fo = fopen(out, "wb");
	if (!fo || fwrite(blob, 1, blob_len, fo) != blob_len || fclose(fo)) {
		fprintf(stderr, "ner_train: cannot write %s\n", out);
		return 3;
	}
	fprintf(stderr, "model: %zu bytes, pruned below %d (scale %.1f)\n",
		blob_len, thr, scale);

	/* the held-back parts, through the model as written */
	if (vl__tagger_load(&tg, blob, blob_len)) {
		fprintf(stderr, "ner_train: the model does not load\n");
		return 3;
	}
	printf("%s parts (P/R/F1, strict):\n",
	       dev_fold >= 0 ? "tuning" : "held-back");
	if (dump && !(fd = fopen(dump, "w"))) {
		fprintf(stderr, "ner_train: cannot write %s\n", dump);
		return 3;
	}
	memset(&hipe_all, 0, sizeof hipe_all);
	for (i = 0; i < nf; i++) {
		vl_ner_counts cnt;
		vl_conll *cc = files[i].c;
		int want = dev_fold >= 0 ? PART_DEV : PART_HELD;
		size_t ntok = 0;
		clock_t t0 = clock();
		uint8_t *tags = malloc(cc->n_tokens + 1);
		memset(&cnt, 0, sizeof cnt);
		for (s = 0; s < cc->n_sents; s++) {
			size_t a = cc->sent[s], n = cc->sent[s + 1] - a;
			if (part_of(cc, s) != want)
				continue;
			tag_sentence(tg, cc, s, tags + a);
			ntok += n;
		}
		t0 = clock() - t0;
		for (s = 0; s < cc->n_sents; s++) {
			size_t a = cc->sent[s], n = cc->sent[s + 1] - a, k;
			if (part_of(cc, s) != want)
				continue;
			vl__ner_count(&cnt, cc->tags + a, tags + a, n);
			if (cc->format == VL_CONLL_HIPE)
				vl__ner_count(&hipe_all, cc->tags + a, tags + a,
					      n);
			if (fd && cc->format == VL_CONLL_HIPE) {
				for (k = a; k < a + n; k++)
					fprintf(fd, "%.*s\t%d\t%d\n",
						(int)cc->toks[k].len,
						cc->toks[k].p, cc->tags[k],
						tags[k]);
				fputc('\n', fd);
			}
		}
		report(files[i].name, &cnt);
		printf("    %zu tokens, %.2f M tokens/s\n", ntok,
		       ntok / (t0 > 0 ? (double)t0 / CLOCKS_PER_SEC : 1e-9) /
			       1e6);
		free(tags);
	}
	report("HIPE (all files)", &hipe_all);
	if (fd)
		fclose(fd);
	vl__tagger_free(tg);
	return 0;
}
