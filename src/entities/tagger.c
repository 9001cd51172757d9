/*
 * tagger.c — the named-entity tagger at run time: a model (weights of
 * hashed features per BIO tag, and tag transitions) learnt by an averaged
 * structured perceptron (Collins 2002, "Discriminative training methods
 * for hidden Markov models") in tools/ner_train.c, and first-order
 * Viterbi decoding restricted to valid BIO sequences.
 *
 * The weights are int16 rows in an open-addressing table (linear
 * probing, load at most 1/2), one 24-byte row per feature key, so that
 * scoring a token is VL_TAGGER_NFEATS probes. Decoding allocates
 * nothing: a sentence is decoded in pieces of VL_TAGGER_CHUNK tokens with
 * stack scratch, each piece starting from the last tag of the one
 * before.
 */
#include <pthread.h>
#include <string.h>

#include "entities/tagger.h"
#include "entities/tagger_int.h"
#include "util/alloc.h"
#include "veille.h"

#include "ner-fr.model.inc"

typedef struct row {
	uint32_t key; /* 0: empty */
	int16_t w[VL_NTAGS + 1];
} row;

struct vl_tagger {
	row *tab;
	uint32_t mask;
	size_t n_rows;
	int32_t trans[(VL_NTAGS + 1) * VL_NTAGS];
};

void vl__tagger_viterbi(const int32_t *emit, const int32_t *trans, size_t n,
			int init, uint8_t *back, uint8_t *tags)
{
	int64_t score[VL_NTAGS], next[VL_NTAGS];
	const int64_t minus_inf = INT64_MIN / 4;
	size_t i;
	int t, p, best;

	if (n == 0)
		return;
	for (t = 0; t < VL_NTAGS; t++)
		score[t] =
			vl__tag_allowed(init, t)
				? (int64_t)trans[init * VL_NTAGS + t] + emit[t]
				: minus_inf;
	for (i = 1; i < n; i++) {
		const int32_t *e = emit + i * VL_NTAGS;
		for (t = 0; t < VL_NTAGS; t++) {
			int64_t b = minus_inf;
			int bp = 0;
			for (p = 0; p < VL_NTAGS; p++) {
				int64_t s;
				if (!vl__tag_allowed(p, t))
					continue;
				s = score[p] + trans[p * VL_NTAGS + t];
				if (s > b) {
					b = s;
					bp = p;
				}
			}
			next[t] = b + e[t];
			back[i * VL_NTAGS + t] = (uint8_t)bp;
		}
		memcpy(score, next, sizeof score);
	}
	best = 0;
	for (t = 1; t < VL_NTAGS; t++)
		if (score[t] > score[best])
			best = t;
	tags[n - 1] = (uint8_t)best;
	for (i = n - 1; i > 0; i--)
		tags[i - 1] = back[i * VL_NTAGS + tags[i]];
}

static uint32_t rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* Read a varint (at most 5 bytes) at *pos < len; -1 when cut or too
 * long. */
static int rdvar(const unsigned char *b, size_t len, size_t *pos, uint32_t *out)
{
	uint32_t v = 0;
	int shift;

	for (shift = 0; shift < 35; shift += 7) {
		unsigned c;
		if (*pos >= len)
			return -1;
		c = b[(*pos)++];
		v |= (uint32_t)(c & 0x7F) << shift;
		if (!(c & 0x80)) {
			*out = v;
			return 0;
		}
	}
	return -1;
}

static row *find(const vl_tagger *t, uint32_t k)
{
	uint32_t i = (k * 0x9E3779B1u) & t->mask;

	for (;;) {
		row *r = &t->tab[i];
		if (r->key == k || r->key == 0)
			return r;
		i = (i + 1) & t->mask;
	}
}

void vl__tagger_free(vl_tagger *t)
{
	if (!t)
		return;
	vl__freep(t->tab);
	vl__freep(t);
}

int vl__tagger_load(vl_tagger **out, const unsigned char *b, size_t len)
{
	vl_tagger *t = NULL;
	size_t pos = 0, cap = 16, i;
	uint32_t n, key = 0;
	int rc = VL_EINVAL;

	*out = NULL;
	if (!b || len < 8 + 12 + 4 * (VL_NTAGS + 1) * VL_NTAGS ||
	    memcmp(b, VL_TAGGER_MAGIC, 8) != 0)
		return VL_EINVAL;
	pos = 8;
	if (rd32(b + pos) != VL_TAGGER_NFEATS ||
	    rd32(b + pos + 4) != VL_TAGGER_FEAT_VERSION)
		return VL_EINVAL;
	pos += 8;
	t = vl__calloc(1, sizeof *t);
	if (!t)
		return VL_ENOMEM;
	for (i = 0; i < (VL_NTAGS + 1) * VL_NTAGS; i++, pos += 4)
		t->trans[i] = (int32_t)rd32(b + pos);
	n = rd32(b + pos);
	pos += 4;
	/* each row takes at least 2 bytes: a bound before allocating */
	if (n > (len - pos) / 2)
		goto done;
	while (cap < 2 * (size_t)n)
		cap *= 2;
	t->tab = vl__calloc(cap, sizeof *t->tab);
	if (!t->tab) {
		rc = VL_ENOMEM;
		goto done;
	}
	t->mask = (uint32_t)(cap - 1);
	for (i = 0; i < n; i++) {
		uint32_t d, mask, v;
		row *r;
		int k;
		if (rdvar(b, len, &pos, &d) || rdvar(b, len, &pos, &mask) ||
		    (i > 0 && d == 0) || mask >= 1u << VL_NTAGS)
			goto done;
		if (key + d < key || key + d == 0)
			goto done;
		key += d;
		r = find(t, key);
		r->key = key;
		for (k = 0; k < VL_NTAGS; k++) {
			if (!(mask >> k & 1))
				continue;
			if (rdvar(b, len, &pos, &v) || v > 0xFFFF)
				goto done;
			r->w[k] = (int16_t)((v >> 1) ^ (0u - (v & 1)));
		}
	}
	if (pos != len)
		goto done;
	t->n_rows = n;
	*out = t;
	t = NULL;
	rc = 0;
done:
	vl__tagger_free(t);
	return rc;
}

/* Could token t start or be part of a name: does it begin with a capital
 * or a digit? */
static int salient(const vl_span *t)
{
	const unsigned char *p = (const unsigned char *)t->p;
	unsigned c = t->len ? p[0] : 0;

	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return t->len >= 2 && ((c == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E) ||
			       (c == 0xC5 && p[1] == 0x92));
}

/* Decode tokens from .. to - 1 (a run of live tokens), the tag before
 * being init. */
static void decode_run(const vl_tagger *t, const vl_span *toks,
		       const uint8_t *gaz, size_t n, size_t from, size_t to,
		       int init, uint8_t *tags)
{
	uint32_t feats[VL_TAGGER_CHUNK * VL_TAGGER_NFEATS];
	int32_t emit[VL_TAGGER_CHUNK * VL_NTAGS];
	uint8_t back[VL_TAGGER_CHUNK * VL_NTAGS];

	while (from < to) {
		size_t end = to - from > VL_TAGGER_CHUNK
				     ? from + VL_TAGGER_CHUNK
				     : to,
		       m = end - from, i;
		int k;
		vl__tagger_feats(toks, gaz, n, from, end, feats);
		/* the probes are independent: ask for their lines first */
		for (i = 0; i < m * VL_TAGGER_NFEATS; i++)
			__builtin_prefetch(
				&t->tab[(feats[i] * 0x9E3779B1u) & t->mask]);
		for (i = 0; i < m; i++) {
			int32_t *e = emit + i * VL_NTAGS;
			const uint32_t *f = feats + i * VL_TAGGER_NFEATS;
			int j;
			for (k = 0; k < VL_NTAGS; k++)
				e[k] = 0;
			for (j = 0; j < VL_TAGGER_NFEATS; j++) {
				const row *r = find(t, f[j]);
				for (k = 0; k < VL_NTAGS; k++)
					e[k] += r->w[k];
			}
		}
		vl__tagger_viterbi(emit, t->trans, m, init, back, tags + from);
		init = tags[end - 1];
		from = end;
	}
}

/*
 * Gating: a token more than GATE tokens away from any token that begins
 * with a capital or a digit is tagged O without being scored (most of a
 * news text); the runs of the other tokens are decoded, each starting
 * after an O (or at the sentence start).
 */
#define GATE 2

int vl__tagger_tag(const vl_tagger *t, const vl_span *toks, const uint8_t *gaz,
		   size_t n, uint8_t *tags)
{
	size_t i = 0, last_salient = SIZE_MAX, run = SIZE_MAX;

	if (!t || (n && (!toks || !tags)))
		return VL_EINVAL;
	/* token i is live when a salient token lies in [i - GATE, i + GATE]:
	 * scan with the salient token GATE ahead */
	for (i = 0; i < n + GATE; i++) {
		size_t ahead = i, cur;
		int live;
		if (ahead < n && salient(&toks[ahead]))
			last_salient = ahead;
		if (i < GATE)
			continue;
		cur = i - GATE;
		if (cur >= n)
			break;
		live = last_salient != SIZE_MAX && last_salient + GATE >= cur;
		if (live && run == SIZE_MAX)
			run = cur;
		if (!live) {
			if (run != SIZE_MAX) {
				decode_run(t, toks, gaz, n, run, cur,
					   run ? VL_TAG_O : VL_TAGGER_START,
					   tags);
				run = SIZE_MAX;
			}
			tags[cur] = VL_TAG_O;
		}
	}
	if (run != SIZE_MAX)
		decode_run(t, toks, gaz, n, run, n,
			   run ? VL_TAG_O : VL_TAGGER_START, tags);
	return 0;
}

static vl_tagger *default_tagger;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void load_default(void)
{
	if (vl__tagger_load(&default_tagger, vl__data_ner_fr_model,
			    vl__data_ner_fr_model_len))
		default_tagger = NULL;
}

const vl_tagger *vl__tagger_default(void)
{
	pthread_once(&default_once, load_default);
	return default_tagger;
}
