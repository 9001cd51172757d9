/*
 * link.c — document-level reuse inside ingest: each new article is
 * checked against everything stored. Exact copies are found by their
 * clean-text hash; near-duplicates (word 5-shingle Jaccard >= 0.5) by
 * LSH over MinHash signatures; briefs cut from a longer text (containment
 * >= 0.8) by the long sentences they share. Every candidate is verified
 * on the exact shingle sets before a pair is stored.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine_int.h"
#include "text/analysis.h"
#include "util/alloc.h"

/* Key spaces in the one multimap: LSH band keys and sentence prints. */
#define TAG_LSH 0x6c73686b65790001ull
#define TAG_SENT 0x73656e7466700002ull
#define MAX_PER_KEY 256 /* a bucket everyone shares says nothing */
#define MAX_VERIFIED 48 /* verified per article, most hits first */

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static int index_doc(vl_mmap *m, uint32_t doc, const vl_signature *sig,
		     const uint64_t *fps, size_t n_fps)
{
	uint64_t keys[VL_LSH_BANDS];

	vl__lsh_keys(keys, sig);
	for (size_t i = 0; i < VL_LSH_BANDS; i++)
		if (vl__mmap_add(m, keys[i] ^ TAG_LSH, doc))
			return VL_ENOMEM;
	for (size_t i = 0; i < n_fps; i++)
		if (vl__mmap_add(m, fps[i] ^ TAG_SENT, doc))
			return VL_ENOMEM;
	return 0;
}

static int load_one(int64_t rowid, const void *sig, size_t sig_len,
		    const void *fps, size_t fps_len, void *payload)
{
	vl_engine *eng = payload;
	vl_signature s;
	uint64_t *f;
	size_t n = fps_len / 8;
	int rc;

	if (sig_len != sizeof s.v)
		return 0; /* not fingerprinted: nothing to index */
	for (size_t i = 0; i < VL_SIG_BINS; i++)
		s.v[i] = get32((const unsigned char *)sig + 4 * i);
	if (!(f = vl__calloc(n ? n : 1, sizeof *f)))
		return 1;
	for (size_t i = 0; i < n; i++)
		f[i] = get64((const unsigned char *)fps + 8 * i);
	rc = index_doc(&eng->idx, (uint32_t)rowid, &s, f, n);
	vl__freep(f);
	return rc != 0;
}

int vl__reuse_load(vl_engine *eng)
{
	int rc;

	if (eng->idx_loaded)
		return 0;
	rc = vl__store_each_signature(eng->store, load_one, eng);
	if (rc == VL_ESTOPPED)
		rc = VL_ENOMEM;
	if (!rc) /* a store's worth of entries, packed at 6 bytes each */
		rc = vl__mmap_compact(&eng->idx);
	if (rc)
		vl__mmap_free(&eng->idx);
	else
		eng->idx_loaded = 1;
	return rc;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

typedef struct cand {
	uint32_t doc, hits, sent_hits; /* keys shared; of them, sentences */
} cand;

static int by_hits(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->hits != y->hits)
		return x->hits > y->hits ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* Documents sharing keys with p, most shared keys first; *out points
 * into the engine's scratch space (valid until the next call). */
static int candidates(vl_engine *eng, const vl_prepared *p, uint32_t self,
		      cand **out, size_t *n_out)
{
	uint64_t keys[VL_LSH_BANDS];
	uint32_t *docs;
	uint64_t *tagged;
	size_t n = 0, n_lsh, k = 0;
	cand *c;

	*out = NULL;
	*n_out = 0;
	/* One block, allocated once: docs, then tagged, then the cands. */
	if (!eng->scratch &&
	    !(eng->scratch =
		      vl__malloc(VL_MAX_CANDIDATES *
				 (sizeof *docs + sizeof *tagged + sizeof *c))))
		return VL_ENOMEM;
	tagged = (uint64_t *)(void *)eng->scratch;
	c = (cand *)(void *)(tagged + VL_MAX_CANDIDATES);
	docs = (uint32_t *)(void *)(c + VL_MAX_CANDIDATES);
	vl__lsh_keys(keys, &p->sig);
	for (size_t i = 0; i < VL_LSH_BANDS; i++)
		vl__mmap_get(&eng->idx, keys[i] ^ TAG_LSH, docs, &n,
			     VL_MAX_CANDIDATES, MAX_PER_KEY);
	n_lsh = n;
	for (size_t i = 0; i < p->n_fps; i++)
		vl__mmap_get(&eng->idx, p->fps[i] ^ TAG_SENT, docs, &n,
			     VL_MAX_CANDIDATES, MAX_PER_KEY);
	/* doc << 1 | came-from-a-sentence, sorted: one run per doc */
	for (size_t i = 0; i < n; i++)
		tagged[i] = (uint64_t)docs[i] << 1 | (i >= n_lsh);
	qsort(tagged, n, sizeof *tagged, cmp_u64);
	for (size_t i = 0; i < n; i++) {
		uint32_t doc = (uint32_t)(tagged[i] >> 1);
		if (doc == self)
			continue;
		if (!k || c[k - 1].doc != doc)
			c[k++] = (cand){ doc, 0, 0 };
		c[k - 1].hits++;
		c[k - 1].sent_hits += (uint32_t)(tagged[i] & 1);
	}
	qsort(c, k, sizeof *c, by_hits);
	*out = c;
	*n_out = k;
	return 0;
}

/* Store the sentences the new article shares with another. */
static int store_passages(vl_engine *eng, int64_t rowid, vl_prepared *p,
			  int64_t other, const vl_analysis *an)
{
	const vl_sentsets *mine;
	vl_sentsets o;
	vl_match *m = NULL;
	size_t n = 0;
	int rc;

	if ((rc = vl__prepared_sents(p, &mine)))
		return rc;
	if ((rc = vl__sentsets(&o, vl_analysis_tokens(an),
			       vl_analysis_token_count(an),
			       vl_analysis_sentences(an),
			       vl_analysis_sentence_count(an))))
		return rc;
	rc = vl__align(&m, &n, mine, &o);
	for (size_t i = 0; i < n && !rc; i++)
		rc = vl__store_add_passage(eng->store, rowid, m[i].a, other,
					   m[i].b, m[i].score);
	vl__freep(m);
	vl__sentsets_free(&o);
	return rc;
}

/* Exact similarity of the new article with a stored one; stores the pair
 * when it passes a threshold. */
static int verify(vl_engine *eng, int64_t rowid, vl_prepared *p, const cand *c)
{
	int64_t other = c->doc;
	vl_analyze_options ao = VL_ANALYZE_OPTIONS_INIT;
	vl_analysis *an = NULL;
	vl_shingles s = { NULL, 0 };
	char *text = NULL;
	size_t len = 0;
	double j, ca, cb;
	int rc;

	ao.detect_language = 0;
	if ((rc = vl__store_clean_of(eng->store, other, &text, &len)))
		return rc == VL_ENOTFOUND ? 0 : rc;
	if ((rc = vl__analyze_valid(&an, text, len, &ao)) ||
	    (rc = vl__shingles(&s, vl_analysis_tokens(an),
			       vl_analysis_token_count(an))))
		goto done;
	j = vl__jaccard(&p->shingles, &s);
	ca = vl__containment(&p->shingles, &s);
	cb = vl__containment(&s, &p->shingles);
	if (j >= eng->dup_jaccard)
		rc = vl__store_add_pair(eng->store, rowid, other, j, ca, cb,
					"near-duplicate");
	else if (ca >= eng->dup_containment || cb >= eng->dup_containment)
		rc = vl__store_add_pair(eng->store, rowid, other, j, ca, cb,
					"contained");
	/* Passages: with any text that shares a long sentence, or is a
	 * near-duplicate (its sentences are then shared, edited or not). */
	if (!rc && (c->sent_hits || j >= eng->dup_jaccard ||
		    ca >= eng->dup_containment || cb >= eng->dup_containment))
		rc = store_passages(eng, rowid, p, other, an);
done:
	vl__shingles_free(&s);
	vl_analysis_free(an);
	vl__freep(text);
	return rc;
}

int vl__reuse_columns(vl_engine *eng, const vl_prepared *p, int64_t self,
		      vl_store_article *sa, unsigned char **blobs)
{
	size_t sig_len = sizeof p->sig.v, n = sig_len + p->n_fps * 8;
	unsigned char *b;

	if (!(b = vl__malloc(n)))
		return VL_ENOMEM;
	for (size_t i = 0; i < VL_SIG_BINS; i++)
		put32(b + 4 * i, p->sig.v[i]);
	for (size_t i = 0; i < p->n_fps; i++) {
		put32(b + sig_len + 8 * i, (uint32_t)p->fps[i]);
		put32(b + sig_len + 8 * i + 4, (uint32_t)(p->fps[i] >> 32));
	}
	sa->signature = b;
	sa->signature_len = sig_len;
	sa->fps = b + sig_len;
	sa->fps_len = p->n_fps * 8;
	sa->dup_of = p->clean.len ? vl__store_same_clean(eng->store,
							 p->clean_hash, self)
				  : 0;
	*blobs = b;
	return 0;
}

int vl__reuse_link(vl_engine *eng, int64_t rowid, vl_prepared *p,
		   int64_t dup_of, int replaced)
{
	cand *c = NULL;
	size_t n = 0;
	int rc;

	if ((rc = vl__reuse_load(eng)))
		return rc;
	if (replaced && (rc = vl__store_forget_pairs(eng->store, rowid)))
		return rc;
	if (dup_of) /* an exact copy: linked to the oldest, not indexed */
		return vl__store_add_pair(eng->store, dup_of, rowid, 1.0, 1.0,
					  1.0, "identical");
	if (!p->shingles.n)
		return 0;
	if ((rc = candidates(eng, p, (uint32_t)rowid, &c, &n)))
		return rc;
	for (size_t i = 0; i < n && i < MAX_VERIFIED && !rc; i++)
		rc = verify(eng, rowid, p, &c[i]);
	if (!rc)
		rc = index_doc(&eng->idx, (uint32_t)rowid, &p->sig, p->fps,
			       p->n_fps);
	return rc;
}
